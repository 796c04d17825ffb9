//! The window's languages: English and Simplified Chinese, through Mozilla's Fluent. The
//! messages live in `assets/i18n/<lang>/margin.ftl` and are built into the binary; the terms of
//! the field (编码, 编码簿, 备忘录, 个案…) are fixed in `assets/i18n/glossary.tsv`.
//!
//! Every text a window user reads is looked up with [`tr!`](crate::ui::i18n::tr):
//! `tr!("menu-save")` gives a `&'static str`; `tr!("notice-imported", count = n)` formats the
//! message with its arguments (plurals and numbers are Fluent's). Each language's bundle is
//! parsed once per process, and every message without arguments is formatted once then, so a
//! plain look-up is one hash look-up and no allocation.
//!
//! The language is per thread (the window's thread): tests in one process can run windows in
//! different languages side by side. The app sets it from the settings at start and when the
//! user picks another in View ▸ Language; the next frame then reads every label anew.
//!
//! Message ids are checked by a test that reads the sources: both files hold the same ids, every
//! id in a `tr!` exists, and no message is left unused.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Simplified Chinese (zh-CN).
    SimplifiedChinese,
}

impl Language {
    /// Every language, in the order of the View ▸ Language menu.
    pub const ALL: [Language; 2] = [Language::English, Language::SimplifiedChinese];

    /// Its BCP 47 tag, as the message folders are named.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::SimplifiedChinese => "zh-CN",
        }
    }

    /// Its name in itself, as the menu shows it whatever the window's language.
    #[must_use]
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::SimplifiedChinese => "简体中文",
        }
    }

    /// The language for a locale tag (`zh-CN`, `zh_TW.UTF-8`, `en-GB`…): Chinese for any
    /// Chinese locale (Simplified is the only Chinese there is yet), English for the others.
    #[must_use]
    pub fn from_locale(tag: &str) -> Language {
        let lower = tag.to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Language::SimplifiedChinese
        } else {
            Language::English
        }
    }

    /// The operating system's language (its first preferred locale), English when it says none.
    #[must_use]
    pub fn of_system() -> Language {
        sys_locale::get_locale().map_or(Language::English, |l| Language::from_locale(&l))
    }

    fn index(self) -> usize {
        match self {
            Language::English => 0,
            Language::SimplifiedChinese => 1,
        }
    }
}

/// The message files, in the order of [`Language::index`].
const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../../assets/i18n/en/margin.ftl")),
    ("zh-CN", include_str!("../../assets/i18n/zh-CN/margin.ftl")),
];

/// One language's messages: the bundle, and the messages without arguments formatted once.
struct Catalog {
    bundle: FluentBundle<FluentResource>,
    plain: HashMap<String, Box<str>>,
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
}

/// Show the window in `language` from now on (on this thread).
pub fn set_language(language: Language) {
    CURRENT.with(|c| c.set(language));
}

/// The language the window is shown in (on this thread).
#[must_use]
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

fn catalogs() -> &'static [Catalog; 2] {
    static CATALOGS: OnceLock<[Catalog; 2]> = OnceLock::new();
    CATALOGS.get_or_init(|| SOURCES.map(|(tag, source)| catalog(tag, source)))
}

fn catalog(tag: &str, source: &str) -> Catalog {
    // The files are part of the binary and a test parses them: an error here is a build error.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, errors)| {
        debug_assert!(errors.is_empty(), "{tag}/margin.ftl: {errors:?}");
        r
    });
    let ids = message_ids(&resource);
    let lang: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around arguments would show as boxes in egui.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    if let Err(errors) = bundle.add_resource(resource) {
        debug_assert!(errors.is_empty(), "{tag}/margin.ftl: {errors:?}");
    }
    let mut plain = HashMap::new();
    for id in ids {
        let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        if errors.is_empty() {
            let text: Box<str> = text.into();
            plain.insert(id, text);
        }
    }
    Catalog { bundle, plain }
}

/// The ids of the messages (not the terms) of a resource, in file order.
fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Whole numbers with thousands separators (1,178); other numbers as Fluent writes them.
fn format_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0
        || n.value.abs() >= 1e15
        || n.options.minimum_fraction_digits.is_some()
    {
        return None;
    }
    let digits = format!("{}", n.value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    Some(out)
}

/// The message `id` without arguments, in the window's language (use [`tr!`]).
#[must_use]
pub fn text(id: &str) -> &'static str {
    let all = catalogs();
    if let Some(t) = all[language().index()].plain.get(id) {
        return t;
    }
    debug_assert!(false, "no message {id} without arguments");
    all[0].plain.get(id).map_or("?", |t| t)
}

/// The message `id` in the window's language when it takes no arguments (tests look for the
/// window's own labels this way).
#[must_use]
pub fn plain(id: &str) -> Option<&'static str> {
    catalogs()[language().index()].plain.get(id).map(|t| &**t)
}

/// The message `id` formatted with `args`, in the window's language (use [`tr!`]).
#[must_use]
pub fn format(id: &str, args: &FluentArgs) -> String {
    format_in(language(), id, args)
}

/// The message `id` formatted with `args` in `language`.
#[must_use]
pub fn format_in(language: Language, id: &str, args: &FluentArgs) -> String {
    let all = catalogs();
    let message = all[language.index()]
        .bundle
        .get_message(id)
        .map(|m| (m, &all[language.index()].bundle))
        .or_else(|| all[0].bundle.get_message(id).map(|m| (m, &all[0].bundle)));
    let Some((pattern, bundle)) = message.and_then(|(m, b)| m.value().map(|p| (p, b))) else {
        debug_assert!(false, "no message {id}");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    debug_assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

/// A message of the window, in its language: `tr!("id")` is a `&'static str`;
/// `tr!("id", name = value, …)` formats the message with its arguments (numbers, strings).
macro_rules! tr {
    ($id:literal) => {
        $crate::ui::i18n::text($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), ::fluent_bundle::FluentValue::from($value)); )+
        $crate::ui::i18n::format($id, &args)
    }};
}
pub(crate) use tr;

/// A day in the window's language: `10 Aug 2024`, `2024年8月10日`.
#[must_use]
pub fn date(day: NaiveDate) -> String {
    tr!(
        "date",
        year = day.year().to_string(),
        month = day.month(),
        day = day.day()
    )
}

/// A day with its weekday (a chat's day separator): `Sat 10 Aug 2024`, `2024年8月10日 星期六`.
#[must_use]
pub fn date_with_weekday(day: NaiveDate) -> String {
    date_with_weekday_in(language(), day)
}

/// [`date_with_weekday`] in `language` (a Chinese chat's days are written the Chinese way
/// whatever the window's language).
#[must_use]
pub fn date_with_weekday_in(language: Language, day: NaiveDate) -> String {
    let mut args = FluentArgs::new();
    args.set("year", day.year().to_string());
    args.set("month", day.month());
    args.set("day", day.day());
    let date = format_in(language, "date", &args);
    let mut args = FluentArgs::new();
    args.set("date", date);
    args.set("weekday", day.weekday().number_from_monday());
    format_in(language, "date-weekday", &args)
}

/// A day and time of day in the window's language: `10 Aug 2024 08:15`, `2024年8月10日 08:15`.
#[must_use]
pub fn date_time(at: NaiveDateTime) -> String {
    tr!(
        "date-time",
        date = date(at.date()),
        time = at.format("%H:%M").to_string()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).unwrap();
        let ids: Vec<String> = message_ids(&resource);
        let set: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(set.len(), ids.len(), "a message id is defined twice");
        set
    }

    /// Every `tr!("…")` id in the window's sources.
    fn used_ids() -> BTreeSet<String> {
        let pattern = regex::Regex::new(r#"\b(?:tr!\(|format_in\([^,]+,)\s*"([^"]+)""#).unwrap();
        let mut used = BTreeSet::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Comments show the macro without using a message.
                    let text: String = text
                        .lines()
                        .filter(|l| !l.trim_start().starts_with("//"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    used.extend(pattern.captures_iter(&text).map(|c| c[1].to_owned()));
                }
            }
        }
        used
    }

    #[test]
    fn both_languages_parse_and_hold_the_same_messages() {
        for (tag, source) in SOURCES {
            if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
                panic!("{tag}/margin.ftl does not parse: {errors:?}");
            }
        }
        let en = ids(SOURCES[0].1);
        let zh = ids(SOURCES[1].1);
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
    }

    #[test]
    fn every_id_used_exists_and_every_message_is_used() {
        let defined = ids(SOURCES[0].1);
        let used = used_ids();
        let missing: Vec<_> = used.difference(&defined).collect();
        let unused: Vec<_> = defined.difference(&used).collect();
        assert!(missing.is_empty(), "used but not defined: {missing:?}");
        assert!(unused.is_empty(), "defined but never used: {unused:?}");
    }

    #[test]
    fn plain_messages_are_formatted_once_and_arguments_through_fluent() {
        set_language(Language::English);
        let first = text("menu-project");
        assert!(std::ptr::eq(first, text("menu-project")));
        assert_eq!(
            tr!("date", year = "2024", month = 8, day = 10),
            "10 Aug 2024"
        );
        set_language(Language::SimplifiedChinese);
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2024, 8, 10).unwrap()),
            "2024年8月10日"
        );
        assert_eq!(
            date_with_weekday(NaiveDate::from_ymd_opt(2024, 6, 20).unwrap()),
            "2024年6月20日 星期四"
        );
        set_language(Language::English);
        assert_eq!(
            date_with_weekday(NaiveDate::from_ymd_opt(2024, 6, 20).unwrap()),
            "Thu 20 Jun 2024"
        );
    }

    #[test]
    fn numbers_are_grouped_and_plurals_follow_the_language() {
        set_language(Language::English);
        assert_eq!(tr!("count-codings", count = 1), "1 coding");
        assert_eq!(tr!("count-codings", count = 1178), "1,178 codings");
        set_language(Language::SimplifiedChinese);
        assert_eq!(tr!("count-codings", count = 1178), "1,178 个编码片段");
        set_language(Language::English);
    }

    #[test]
    fn the_english_explanations_are_the_command_lines() {
        use crate::analysis::definitions::explain;
        set_language(Language::English);
        for (id, cli) in [
            ("explain-count", explain::COUNT),
            ("explain-coverage", explain::COVERAGE),
            ("explain-overlap", explain::OVERLAP),
            ("explain-segment", explain::SEGMENT),
            ("explain-pooled", explain::POOLED),
            ("explain-timeline", explain::TIMELINE),
            ("explain-and", explain::AND),
            ("explain-not", explain::NOT),
            ("explain-near", explain::NEAR),
            ("explain-partners", explain::PARTNERS),
            ("explain-codebook", explain::CODEBOOK),
        ] {
            assert_eq!(text(id), cli, "{id}");
        }
    }

    #[test]
    fn locales_map_to_languages() {
        for (tag, lang) in [
            ("zh-CN", Language::SimplifiedChinese),
            ("zh_CN.UTF-8", Language::SimplifiedChinese),
            ("zh-Hant-TW", Language::SimplifiedChinese),
            ("en-GB", Language::English),
            ("de-DE", Language::English),
            ("C", Language::English),
        ] {
            assert_eq!(Language::from_locale(tag), lang, "{tag}");
        }
    }
}
