//! Drag-selections snap to whole words in English, to whole characters in Chinese, never split
//! an emoji sequence; Alt-drag selects exactly; the setting in the View menu turns snapping off.
//! The text is ours, fictional.

#![allow(clippy::unwrap_used)]

mod ui_common;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::model::{CharRange, Document, DocumentKind, Text};
use margin::session::{Action, Session};
use margin::ui::MarginApp;
use ui_common::{frames, harness_with, project};

const TEXT: &str = "We call it graduating, not leaving.\n我们都叫它毕业，不叫离开。\n抱抱\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}我们一起扛过去。";

fn window(dir: &std::path::Path) -> Harness<'static, MarginApp> {
    let root = dir.join("study");
    {
        let mut s = Session::create(&root).unwrap();
        s.set_coder("Lin Yue").unwrap();
        let doc = Document::new("G4 notes", DocumentKind::Notes, Text::new(TEXT));
        s.execute(Action::AddDocuments(vec![doc])).unwrap();
        s.save().unwrap();
    }
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(language: Some(English), coder_name: Some(\"Lin Yue\"))",
    )
    .unwrap();
    let mut h = harness_with(Some(root), margin::ui::ConfigStore::in_dir(&config));
    frames(&mut h, 3);
    h
}

/// The char position of the `nth` char of `needle` in the text.
fn at(needle: &str, nth: usize) -> usize {
    let byte = TEXT.find(needle).unwrap();
    TEXT[..byte].chars().count() + nth
}

fn pos_of(h: &Harness<'static, MarginApp>, char: usize) -> Pos2 {
    h.state()
        .transcript()
        .char_screen_pos(char)
        .unwrap_or_else(|| panic!("char {char} is not on screen"))
}

/// Drag from the left edge of char `from` to the left edge of char `to`, holding `modifiers`;
/// returns the text selected.
fn drag(
    h: &mut Harness<'static, MarginApp>,
    from: usize,
    to: usize,
    modifiers: Modifiers,
) -> String {
    // A click first lets go of the last selection (a press inside it would carry it).
    ui_common::click_at(h, pos_of(h, TEXT.chars().count() - 1));
    let (a, b) = (pos_of(h, from), pos_of(h, to));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(a));
    h.step();
    h.event(Event::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    for t in [0.3, 0.7, 1.0] {
        h.event(Event::PointerMoved(a + (b - a) * t));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: b,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    frames(h, 2);
    let doc = h.state().transcript().document().unwrap();
    let range = h.state().transcript().selection().unwrap().range();
    project(h)
        .document(doc)
        .unwrap()
        .text
        .slice(CharRange::new(range.start, range.end))
        .to_owned()
}

#[test]
fn english_snaps_to_words_and_alt_selects_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    // From inside "call" to inside "graduating".
    let (from, to) = (at("call", 2), at("graduating", 3));
    assert_eq!(
        drag(&mut h, from, to, Modifiers::NONE),
        "call it graduating"
    );
    // Backwards, the same words.
    assert_eq!(
        drag(&mut h, to, from, Modifiers::NONE),
        "call it graduating"
    );
    // Alt: exactly the characters dragged over.
    assert_eq!(drag(&mut h, from, to, Modifiers::ALT), "ll it gra");
}

#[test]
fn chinese_snaps_to_characters_and_an_emoji_sequence_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    assert_eq!(
        drag(&mut h, at("毕业", 0), at("毕业", 2), Modifiers::NONE),
        "毕业"
    );
    // Ending inside the family emoji (after its second char) takes the whole sequence, with
    // or without Alt.
    let family = at("抱抱", 2);
    for m in [Modifiers::NONE, Modifiers::ALT] {
        assert_eq!(
            drag(&mut h, at("抱抱", 0), family + 2, m),
            "抱抱\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        );
    }
}

#[test]
fn the_view_menu_turns_word_snapping_off_and_it_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    h.get_by_label("View").click();
    frames(&mut h, 2);
    h.get_by_label("Select whole words").click();
    frames(&mut h, 2);
    let (from, to) = (at("call", 2), at("graduating", 3));
    assert_eq!(drag(&mut h, from, to, Modifiers::NONE), "ll it gra");
    let saved = std::fs::read_to_string(dir.path().join("config/config.ron")).unwrap();
    assert!(saved.contains("snap_to_words: false"), "{saved}");
}
