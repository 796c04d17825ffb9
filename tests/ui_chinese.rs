//! The window in Simplified Chinese, driven headless with `egui_kittest`, on a project whose
//! data is all Chinese (so any English on screen is the window's own): every panel, menu and
//! dialog is opened in turn, and each time every text painted and every accessible label is
//! checked for a message id, an English word of the English messages (a short list of names
//! and keys is allowed) and a character the fonts have no glyph for (egui would draw a box).
//! Also: the language comes from the settings, switching it in View ▸ Language re-labels the
//! next frame and is kept; and no button is cut short at the default window size, in either
//! language. With `MARGIN_SCREENSHOTS=DIR` the main window, the team review and the analysis
//! panel are saved there as PNG files (rendered on the CPU).

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Event, FontId, Key, Modifiers, PointerButton, Pos2, Rect, Shape, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use margin::import::{detect_turns, parse_wechat};
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CharRange, Code, CodeId, Coder, Coding, Color,
    Document, DocumentId, DocumentKind, Edit, Manifest, Project, SortKey, Text, Value,
};
use margin::store::ProjectDir;
use margin::ui::i18n::{self, Language};
use margin::ui::search_panel::AnalysisTab;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{frames, harness_sized};

/// The window's default size (`ui::run`).
const DEFAULT_SIZE: Vec2 = Vec2::new(1360.0, 860.0);

const INTERVIEW: &str = "访谈 G8（虚构）\n\n访谈者：大家为什么说“毕业”？\nG8：我们都叫它毕业，治疗结束就是毕业了。\n访谈者：那“踩坑”呢？\nG8：就是遇到不靠谱的医院。我也踩过这个坑，后来换了医生。\n";

/// A short Chinese group chat over two days.
fn chat_text() -> String {
    let mut s = String::new();
    for i in 0..12 {
        writeln!(
            s,
            "2024-06-19 08:{i:02}:00 G{}\n第{i}条消息：今天复查，大家加油。\n",
            8 + i % 3
        )
        .unwrap();
    }
    s.push_str("2024-06-20 08:12:45 G10\n早上好呀姐妹们🌻 今天我毕业啦！\n\n");
    s.push_str("2024-06-20 09:30:00 G8\n恭喜毕业！🙏\n");
    s
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    interview: DocumentId,
    chat: DocumentId,
    graduate: CodeId,
    pit: CodeId,
}

fn range_in(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

/// Two coders, 林悦 (who is coding) and 周明, who agree on one passage and not on others; a case
/// with two attributes; codes and names all in Chinese. The settings say `language`.
fn fixture(language: Option<Language>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("研究");
    let config = dir.path().join("设置");
    std::fs::create_dir_all(&config).unwrap();
    let language = language.map_or_else(|| "None".to_owned(), |l| format!("Some({l:?})"));
    std::fs::write(
        config.join("config.ron"),
        format!(
            "(coder_name: Some(\"林悦\"), theme: Light, file_dialog: Builtin, language: {language})"
        ),
    )
    .unwrap();
    let chat_text = chat_text();
    let mut project = Project::new(Manifest::new("支持群研究"));
    let age = AttributeDef {
        id: AttributeId::new(),
        name: "年龄".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    };
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "地区".into(),
        kind: AttributeKind::Category(vec!["山东".into(), "北京".into()]),
        sort_key: SortKey("b".into()),
    };
    let mut case = Case::new("G8");
    case.values.insert(age.id, Value::Number(50.0));
    case.values
        .insert(region.id, Value::Category("山东".to_owned()));
    let mut interview = Document::new("访谈 G8", DocumentKind::Interview, Text::new(INTERVIEW));
    interview.segments = detect_turns(INTERVIEW);
    interview.case = Some(case.id);
    let mut chat = Document::new(
        "病友群聊",
        DocumentKind::Chat,
        Text::new(chat_text.as_str()),
    );
    chat.segments = parse_wechat(&chat_text, Path::new("群聊.txt")).unwrap();
    let resonance = Code::new("情感共鸣", Color::palette(2), SortKey("a".into()));
    let mut graduate = Code::new("毕业", Color::palette(3), SortKey("a".into()));
    graduate.parent = Some(resonance.id);
    graduate.in_vivo = true;
    let pit = Code::new("踩坑", Color::palette(1), SortKey("b".into()));
    let lin = Coder::new("林悦", Color::palette(4));
    let zhou = Coder::new("周明", Color::palette(5));
    let coding = |doc: &Document, text: &str, needle: &str, code: &Code, coder: &Coder| {
        Edit::PutCoding(Box::new(Coding::new(
            doc.id,
            &doc.text,
            range_in(text, needle),
            code.id,
            coder.id,
        )))
    };
    let edits = vec![
        coding(&interview, INTERVIEW, "治疗结束就是毕业了", &graduate, &lin),
        coding(
            &interview,
            INTERVIEW,
            "治疗结束就是毕业了",
            &graduate,
            &zhou,
        ),
        coding(&interview, INTERVIEW, "我也踩过这个坑", &pit, &lin),
        coding(
            &interview,
            INTERVIEW,
            "不靠谱的医院。我也踩过这个坑",
            &pit,
            &zhou,
        ),
        coding(&chat, &chat_text, "今天我毕业啦", &graduate, &lin),
        coding(&chat, &chat_text, "恭喜毕业", &graduate, &zhou),
    ];
    let f = Fixture {
        _dir: dir,
        root: root.clone(),
        config,
        interview: interview.id,
        chat: chat.id,
        graduate: graduate.id,
        pit: pit.id,
    };
    let mut all = vec![
        Edit::PutAttribute(age),
        Edit::PutAttribute(region),
        Edit::PutCase(case),
        Edit::PutDocument(Box::new(interview)),
        Edit::PutDocument(Box::new(chat)),
        Edit::PutCode(resonance),
        Edit::PutCode(graduate),
        Edit::PutCode(pit),
        Edit::PutCoder(lin),
        Edit::PutCoder(zhou),
    ];
    all.extend(edits);
    project.apply(Edit::Batch(all)).unwrap();
    drop(ProjectDir::create(&root, &mut project).unwrap());
    f
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    harness_sized(
        Some(f.root.clone()),
        ConfigStore::in_dir(&f.config),
        DEFAULT_SIZE,
    )
}

/// Words of the English messages (placeables, variant keys and comments left out).
fn english_words() -> BTreeSet<String> {
    let ftl = include_str!("../assets/i18n/en/margin.ftl");
    let placeable = regex::Regex::new(r"\{[^{}]*\}|\[[a-z0-9]+\]").unwrap();
    let word = regex::Regex::new(r"[A-Za-z]{2,}").unwrap();
    let mut words = BTreeSet::new();
    for line in ftl.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let text = match line.split_once(" = ") {
            Some((_, value)) if !line.starts_with(' ') => value,
            _ => line,
        };
        let text = placeable.replace_all(text, " ");
        words.extend(word.find_iter(&text).map(|m| m.as_str().to_owned()));
    }
    words
}

/// egui's own accessible labels (of its panels' and windows' handles: not ours to translate).
const EGUI_OWN: [&str; 3] = ["Resize panel", "Resize window ", "Close window"];

/// Names, formats and keys that stay as they are in the Chinese window.
const ALLOWED: [&str; 43] = [
    "MIT",
    "Apache",
    "License",
    "Droid",
    "Sans",
    "Fallback",
    "cu",
    "Cu",
    "Margin",
    "REFI",
    "QDA",
    "qdpx",
    "NVivo",
    "ATLAS",
    "ti",
    "MAXQDA",
    "QualCoder",
    "CSV",
    "XLSX",
    "PNG",
    "SVG",
    "DOCX",
    "HTML",
    "Markdown",
    "Excel",
    "Word",
    "Cohen",
    "Krippendorff",
    "kappa",
    "alpha",
    "Ctrl",
    "Shift",
    "Alt",
    "Enter",
    "Esc",
    "Escape",
    "Backspace",
    "Delete",
    "Tab",
    "Up",
    "export",
    "margin",
    "WeChat",
];

/// Every message id.
fn all_ids() -> Vec<String> {
    include_str!("../assets/i18n/en/margin.ftl")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| !id.starts_with([' ', '#']))
        .map(str::to_owned)
        .collect()
}

/// The message ids with a hyphen (a bare word is caught as English).
fn message_ids() -> Vec<String> {
    all_ids()
        .into_iter()
        .filter(|id| id.contains('-'))
        .collect()
}

/// Every text painted in the last frame, with the font of each of its sections.
fn painted(h: &Harness<'static, MarginApp>) -> Vec<(String, FontId)> {
    fn walk(shape: &Shape, out: &mut Vec<(String, FontId)>) {
        match shape {
            Shape::Text(t) => {
                for s in &t.galley.job.sections {
                    out.push((
                        t.galley.job.text[s.byte_range.start.0..s.byte_range.end.0].to_owned(),
                        s.format.font_id.clone(),
                    ));
                }
            }
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, &mut out);
    }
    out
}

/// Every accessible label and value (except what is typed in text fields).
fn accessible(h: &Harness<'static, MarginApp>) -> Vec<String> {
    let mut out = Vec::new();
    for n in h.query_all_by(|_| true) {
        let node = n.accesskit_node();
        out.extend(node.label());
        if !matches!(
            node.role(),
            Role::TextInput | Role::MultilineTextInput | Role::SearchInput
        ) {
            out.extend(node.value());
        }
        out.extend(node.description());
    }
    out
}

/// What is wrong with the Chinese window as it stands: message ids, English words and
/// characters without a glyph, each with the text it is in.
fn problems(h: &Harness<'static, MarginApp>, english: &BTreeSet<String>) -> Vec<String> {
    let ids = message_ids();
    let word = regex::Regex::new(r"[A-Za-z]{2,}").unwrap();
    // Paths (the project's folder) are the user's, whatever their letters; so is a commit.
    let path = regex::Regex::new(r"/\S*|\b[0-9a-f]{7,40}\b").unwrap();
    let mut found = Vec::new();
    let mut check = |text: &str| {
        let text = path.replace_all(text, " ");
        if let Some(id) = ids.iter().find(|id| text.contains(id.as_str())) {
            found.push(format!("message id {id} in {text:?}"));
        }
        for w in word.find_iter(&text).map(|m| m.as_str()) {
            if english.contains(w) && !ALLOWED.contains(&w) {
                found.push(format!("English word {w:?} in {text:?}"));
            }
        }
    };
    let texts = painted(h);
    for (text, _) in &texts {
        check(text);
    }
    for text in accessible(h) {
        if !EGUI_OWN.iter().any(|own| text.starts_with(own)) {
            check(&text);
        }
    }
    for (text, font) in &texts {
        for c in text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        {
            if !h.ctx.fonts_mut(|f| f.has_glyph(font, c)) {
                found.push(format!(
                    "no glyph for {c:?} (U+{:04X}) in {text:?}",
                    c as u32
                ));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Fail with every problem of the screen reached by `step`.
fn check(h: &Harness<'static, MarginApp>, english: &BTreeSet<String>, step: &str) {
    let p = problems(h, english);
    assert!(p.is_empty(), "{step}:\n  {}", p.join("\n  "));
}

fn click_at(h: &mut Harness<'static, MarginApp>, pos: Pos2, button: PointerButton) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    frames(h, 2);
}

fn queue(h: &mut Harness<'static, MarginApp>, command: Command) {
    h.state_mut().queue(command);
    frames(h, 3);
}

fn escape(h: &mut Harness<'static, MarginApp>) {
    h.key_press(Key::Escape);
    frames(h, 2);
}

/// Save a picture of the window when `MARGIN_SCREENSHOTS` names a folder.
fn screenshot(h: &mut Harness<'static, MarginApp>, name: &str) {
    let Some(dir) = std::env::var_os("MARGIN_SCREENSHOTS") else {
        return;
    };
    let image = h.render().unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    image
        .save(Path::new(&dir).join(format!("{name}.png")))
        .unwrap();
}

#[test]
fn every_panel_menu_and_dialog_is_chinese_with_every_glyph() {
    let f = fixture(Some(Language::SimplifiedChinese));
    let english = english_words();
    let mut h = harness(&f);
    assert_eq!(i18n::language(), Language::SimplifiedChinese);
    check(&h, &english, "start");

    // The interview, a coding under the caret (the inspector), the codebook.
    queue(&mut h, Command::OpenDocument(f.interview));
    let r = range_in(INTERVIEW, "治疗结束");
    h.state_mut().transcript_mut().select(r);
    frames(&mut h, 2);
    check(&h, &english, "interview with a selection");
    let p = h.state().transcript().char_screen_pos(r.start + 1).unwrap();
    click_at(&mut h, p, PointerButton::Secondary);
    check(&h, &english, "the transcript's right-click menu");
    escape(&mut h);
    click_at(&mut h, p, PointerButton::Primary);
    check(&h, &english, "a coding in the inspector");
    screenshot(&mut h, "main.zh-CN");

    // The chat: day separators, senders, times.
    queue(&mut h, Command::OpenDocument(f.chat));
    check(&h, &english, "the chat");
    queue(&mut h, Command::Find);
    h.get_by_label("在文档中查找").type_text("毕业");
    frames(&mut h, 3);
    check(&h, &english, "the find bar");
    escape(&mut h);
    queue(&mut h, Command::GoTo);
    check(&h, &english, "the go-to bar");
    escape(&mut h);

    // Each menu of the menu bar.
    for menu in ["项目", "编辑", "分析", "视图", "帮助"] {
        h.get_by_role_and_label(Role::Button, menu).click();
        frames(&mut h, 2);
        check(&h, &english, menu);
        escape(&mut h);
    }
    // A code's menu in the codebook.
    let row = h
        .get_by(|n| n.role() == Role::TreeItem && n.label().is_some_and(|l| l.starts_with("踩坑")));
    let center = row.rect().center();
    click_at(&mut h, center, PointerButton::Secondary);
    check(&h, &english, "a code's menu");
    escape(&mut h);

    // The dialogs.
    for (command, what) in [
        (Command::AskCoderName, "who is coding"),
        (Command::StartMerge(f.pit), "merge a code"),
        (Command::StartShortcut(f.graduate), "a code's key"),
        (Command::NewProjectDialog, "new project"),
        (Command::ImportDialog, "the built-in file picker"),
        (Command::MergeDialog, "merge another copy"),
        (Command::OpenQdpxDialog, "open a .qdpx"),
    ] {
        queue(&mut h, command);
        check(&h, &english, what);
        escape(&mut h);
        if h.state().dialog_open() {
            // Esc does not close every dialog: its own button does.
            let button = ["取消", "稍后", "关闭"]
                .into_iter()
                .find(|b| h.query_by_label(b).is_some())
                .unwrap_or_else(|| panic!("{what}: no button to close it"));
            h.get_by_label(button).click();
            frames(&mut h, 2);
        }
        assert!(!h.state().dialog_open(), "{what} stays open");
    }

    // Help: the how-to, the shortcuts, the terms.
    queue(&mut h, Command::ShowHowTo);
    check(&h, &english, "help: how to");
    for tab in ["键盘快捷键", "术语"] {
        h.get_by_label(tab).click();
        frames(&mut h, 2);
        check(&h, &english, tab);
    }
    h.get_by_label("Close window").click();
    frames(&mut h, 2);

    // Team review: a disagreement, then the agreement table.
    queue(&mut h, Command::OpenDocument(f.interview));
    queue(&mut h, Command::ToggleReview);
    check(&h, &english, "team review");
    h.key_press(Key::F8);
    frames(&mut h, 3);
    check(&h, &english, "a disagreement");
    screenshot(&mut h, "review.zh-CN");
    h.get_by_label("一致性").click();
    frames(&mut h, 3);
    check(&h, &english, "the agreement table");
    // Tooltips: what κ means, what a code's count counts.
    h.query_all_by_label("κ").next().unwrap().hover();
    frames(&mut h, 20);
    assert!(
        painted(&h)
            .iter()
            .any(|(t, _)| t.contains("校正了随机一致"))
    );
    check(&h, &english, "the tooltip of κ");
    h.get_by(|n| n.role() == Role::TreeItem && n.label().is_some_and(|l| l.starts_with("踩坑")))
        .hover();
    frames(&mut h, 20);
    assert!(
        painted(&h)
            .iter()
            .any(|(t, _)| t.contains("表格计数会更少"))
    );
    check(&h, &english, "the tooltip of a code");
    queue(&mut h, Command::ToggleReview);

    // Analysis: search, retrieval, the three tables with the filter open.
    queue(&mut h, Command::ShowAnalysis(AnalysisTab::Search));
    h.state_mut().analysis_mut().search.query.pattern = "毕业".into();
    h.get_by_label("全部查找").click();
    frames(&mut h, 3);
    check(&h, &english, "search");
    queue(&mut h, Command::ShowAnalysis(AnalysisTab::Retrieval));
    h.state_mut().analysis_mut().retrieval.code = Some(f.graduate);
    h.get_by_label("检索").click();
    frames(&mut h, 3);
    check(&h, &english, "coded retrieval");
    queue(&mut h, Command::ShowAnalysis(AnalysisTab::Tables));
    h.get_by_label("筛选").click();
    frames(&mut h, 2);
    for table in ["共现", "编码 × 个案/属性", "随时间变化"] {
        h.get_by_label(table).click();
        frames(&mut h, 3);
        check(&h, &english, table);
        if table == "编码 × 个案/属性" {
            screenshot(&mut h, "analysis.zh-CN");
        }
    }

    // Help ▸ About Margin.
    h.get_by_role_and_label(Role::Button, "帮助").click();
    frames(&mut h, 2);
    h.get_by_label("关于 Margin").click();
    frames(&mut h, 3);
    assert!(margin::ui::about::is_open(&h.ctx));
    check(&h, &english, "about");
}

#[test]
fn switching_language_relabels_the_next_frame_and_is_kept() {
    let f = fixture(Some(Language::English));
    let mut h = harness(&f);
    queue(&mut h, Command::OpenDocument(f.interview));
    assert_eq!(i18n::language(), Language::English);
    h.get_by_role_and_label(Role::Button, "Project");
    h.get_by_label("Codebook");

    // View ▸ Language ▸ 简体中文.
    h.get_by_role_and_label(Role::Button, "View").click();
    frames(&mut h, 2);
    h.get_by_label("Language").hover();
    frames(&mut h, 2);
    h.get_by_label("简体中文").click();
    // The frame that applies the choice, then the next one.
    h.step();
    h.step();
    assert_eq!(i18n::language(), Language::SimplifiedChinese);
    assert!(h.query_by_label("Project").is_none());
    h.get_by_role_and_label(Role::Button, "项目");
    h.get_by_label("编码簿");
    assert!(h.query_all_by_label("文档").count() >= 1);
    let english = english_words();
    check(&h, &english, "after switching");
    let saved = std::fs::read_to_string(f.config.join("config.ron")).unwrap();
    assert!(saved.contains("SimplifiedChinese"), "{saved}");

    // And back.
    queue(&mut h, Command::SetLanguage(Language::English));
    h.get_by_role_and_label(Role::Button, "Project");
    assert!(h.query_by_label("编码簿").is_none());
}

#[test]
fn the_first_start_takes_the_systems_language_and_keeps_it() {
    let f = fixture(None);
    let h = harness(&f);
    let system = Language::of_system();
    assert_eq!(i18n::language(), system);
    assert_eq!(h.state().config().language, Some(system));
}

/// Buttons showing one of the window's own labels whose text is cut short (elided) or wraps,
/// or that reach past the window's edge. (Rows of data drawn as buttons, such as the review's
/// list of quotes, are cut on purpose.)
fn cut_buttons(h: &Harness<'static, MarginApp>) -> Vec<String> {
    let ours: BTreeSet<&str> = all_ids().iter().filter_map(|id| i18n::plain(id)).collect();
    let screen = Rect::from_min_size(Pos2::ZERO, DEFAULT_SIZE);
    let mut texts = Vec::new();
    for c in &h.output().shapes {
        if let Shape::Text(t) = &c.shape {
            texts.push((t.pos, t.galley.clone()));
        }
    }
    let mut out = Vec::new();
    for n in h.query_all_by_role(Role::Button) {
        let r = n.rect();
        let label = n.accesskit_node().label().unwrap_or_default();
        if r.width() <= 0.0 || !ours.contains(label.as_str()) {
            continue;
        }
        if r.right() > screen.right() + 0.5 || r.bottom() > screen.bottom() + 0.5 {
            out.push(format!("{label:?} reaches past the window: {r:?}"));
        }
        for (pos, g) in &texts {
            let rect = g.rect.translate(pos.to_vec2());
            if r.contains_rect(rect.shrink(0.5)) && g.job.text == label {
                if g.elided {
                    out.push(format!("{label:?} is cut short"));
                }
                if g.rows.len() > 1 {
                    out.push(format!("{label:?} wraps onto {} rows", g.rows.len()));
                }
            }
        }
    }
    out
}

#[test]
fn no_button_is_cut_short_at_the_default_size_in_either_language() {
    for language in Language::ALL {
        let f = fixture(Some(language));
        let mut h = harness(&f);
        queue(&mut h, Command::OpenDocument(f.interview));
        let mut cut = Vec::new();
        let mut look = |h: &mut Harness<'static, MarginApp>, what: &str| {
            cut.extend(cut_buttons(h).into_iter().map(|c| format!("{what}: {c}")));
        };
        look(&mut h, "main window");
        queue(&mut h, Command::ToggleReview);
        h.key_press(Key::F8);
        frames(&mut h, 3);
        look(&mut h, "team review");
        queue(&mut h, Command::ToggleReview);
        for tab in [
            AnalysisTab::Search,
            AnalysisTab::Retrieval,
            AnalysisTab::Tables,
        ] {
            queue(&mut h, Command::ShowAnalysis(tab));
            look(&mut h, tab.title());
        }
        for command in [
            Command::AskCoderName,
            Command::NewProjectDialog,
            Command::ImportDialog,
        ] {
            queue(&mut h, command);
            look(&mut h, "a dialog");
            escape(&mut h);
        }
        assert!(cut.is_empty(), "{language:?}:\n  {}", cut.join("\n  "));
    }
}

#[test]
fn the_question_about_texts_changed_outside_margin_is_chinese() {
    let f = fixture(Some(Language::SimplifiedChinese));
    let txt = f.root.join(format!("documents/{}.txt", f.interview));
    std::fs::write(&txt, format!("团队转录。\n{INTERVIEW}")).unwrap();
    let h = harness(&f);
    h.get_by_label("保存新位置");
    check(&h, &english_words(), "the re-anchoring question");
}
