//! Fonts and colours. The bundled CJK font (Droid Sans Fallback, Apache-2.0) is added after
//! egui's own fonts, so Chinese renders on a machine with no CJK fonts installed. Colours come
//! from the theme's visuals; code colours are blended to sit calmly under text in both themes.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, Visuals};

use super::config::ThemeChoice;
use super::i18n::tr;
use crate::analysis::agreement::PassageStatus;
use crate::model::Color;

use crate::bundled::CJK_FONT;

/// Colour emoji fonts of the common systems; the first found is used before egui's monochrome
/// emoji, so chat logs show emoji as their senders saw them.
const SYSTEM_EMOJI_FONTS: [&str; 6] = [
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/google-noto-emoji/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto-emoji/NotoColorEmoji.ttf",
    "/System/Library/Fonts/Apple Color Emoji.ttc",
    "C:\\Windows\\Fonts\\seguiemj.ttf",
];

/// egui's default fonts with the bundled CJK font right after the main font of each family (so
/// Chinese text and full-width punctuation come from it rather than from the emoji fonts), then
/// the system's colour emoji font if it has one, then egui's monochrome emoji.
#[must_use]
pub fn font_definitions() -> FontDefinitions {
    let emoji = SYSTEM_EMOJI_FONTS
        .iter()
        .find_map(|p| std::fs::read(p).ok())
        .map(FontData::from_owned);
    font_definitions_with(emoji)
}

/// [`font_definitions`] with a given colour emoji font (or none).
#[must_use]
pub fn font_definitions_with(emoji: Option<FontData>) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "droid-sans-fallback".to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    let has_emoji = emoji.is_some();
    if let Some(e) = emoji {
        fonts
            .font_data
            .insert("system-color-emoji".to_owned(), Arc::new(e));
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        let at = list.len().min(1);
        list.insert(at, "droid-sans-fallback".to_owned());
        if has_emoji {
            list.insert(at + 1, "system-color-emoji".to_owned());
        }
    }
    fonts
}

/// Install Margin's fonts and style in `ctx`.
pub fn install(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_fonts(font_definitions());
    set_theme(ctx, theme);
    // Ctrl+Plus and Ctrl+Minus size the transcript text (Margin's own commands), not the UI.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.spacing.interact_size.y = 22.0;
        style.spacing.menu_margin = egui::Margin::same(6);
        style.spacing.window_margin = egui::Margin::same(14);
        style.visuals.indent_has_left_vline = false;
        style.interaction.selectable_labels = false;
        // A steady text cursor: a blinking one repaints the whole window twice a second, which
        // keeps an idle window busy (under software rendering, half a core).
        style.visuals.text_cursor.blink = false;
    });
}

/// Switch between light, dark and system themes.
pub fn set_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

/// A quote in quotation marks: italic in scripts that have italics, upright in Chinese (egui
/// slants a CJK glyph synthetically, which pulls the characters apart).
#[must_use]
pub fn quote(text: &str) -> egui::RichText {
    let rich = egui::RichText::new(format!("“{text}”"));
    if super::quote::mostly_cjk(text) {
        rich
    } else {
        rich.italics()
    }
}

/// A code path cut from the left to fit `width` points in body text, so the code's own name
/// stays (see [`super::quote::path_tail`]).
#[must_use]
pub fn fit_path(ui: &egui::Ui, path: &str, width: f32) -> String {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let fits = |s: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(s.to_owned(), font.clone(), Color32::PLACEHOLDER)
                .rect
                .width()
        }) <= width
    };
    if fits(path) {
        return path.to_owned();
    }
    let n = path.chars().count();
    (2..n)
        .rev()
        .map(|max| super::quote::path_tail(path, max))
        .find(|s| fits(s))
        .unwrap_or_else(|| super::quote::path_tail(path, 2))
}

/// A code's colour as egui's.
#[must_use]
pub fn color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// A code's highlight under text: translucent, a little stronger on dark backgrounds.
#[must_use]
pub fn highlight(c: Color, visuals: &Visuals, strong: bool) -> Color32 {
    let alpha = match (visuals.dark_mode, strong) {
        (false, false) => 0.22,
        (false, true) => 0.42,
        (true, false) => 0.30,
        (true, true) => 0.52,
    };
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, (alpha * 255.0) as u8)
}

/// A stripe in the margin: the code's colour, slightly softened on dark backgrounds.
#[must_use]
pub fn stripe(c: Color, visuals: &Visuals) -> Color32 {
    let base = color(c);
    if visuals.dark_mode {
        base.lerp_to_gamma(Color32::BLACK, 0.1)
    } else {
        base
    }
}

/// A readable colour for a speaker's name, the same for the same name.
#[must_use]
pub fn speaker(name: &str, visuals: &Visuals) -> Color32 {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let c = color(Color::palette(hash as usize % 10));
    if visuals.dark_mode {
        c.lerp_to_gamma(Color32::WHITE, 0.35)
    } else {
        c.lerp_to_gamma(Color32::BLACK, 0.25)
    }
}

/// The faint band behind the turn a recording is playing.
#[must_use]
pub fn playing(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgba_unmultiplied(90, 140, 255, 28)
    } else {
        Color32::from_rgba_unmultiplied(40, 100, 230, 22)
    }
}

/// The highlight of a search match.
#[must_use]
pub fn find_match(visuals: &Visuals, current: bool) -> Color32 {
    match (visuals.dark_mode, current) {
        (false, false) => Color32::from_rgba_unmultiplied(255, 214, 0, 110),
        (false, true) => Color32::from_rgba_unmultiplied(255, 150, 0, 170),
        (true, false) => Color32::from_rgba_unmultiplied(255, 214, 0, 70),
        (true, true) => Color32::from_rgba_unmultiplied(255, 150, 0, 130),
    }
}

/// The mark of a compared passage: green when the coders agree, amber when only their
/// boundaries differ, red when some coded it and others did not.
#[must_use]
pub fn passage(status: PassageStatus) -> Color32 {
    match status {
        PassageStatus::Agreed => Color32::from_rgb(58, 160, 96),
        PassageStatus::Boundaries => Color32::from_rgb(226, 150, 32),
        PassageStatus::Missing => Color32::from_rgb(214, 68, 60),
    }
}

/// How a compared passage's versions relate, in words.
#[must_use]
pub fn passage_status_text(status: PassageStatus) -> &'static str {
    match status {
        PassageStatus::Agreed => tr!("passage-agreed"),
        PassageStatus::Boundaries => tr!("passage-boundaries"),
        PassageStatus::Missing => tr!("passage-missing"),
    }
}
