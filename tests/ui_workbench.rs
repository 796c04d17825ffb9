//! The coding workbench driven headless with `egui_kittest`: open a project, select text with the
//! mouse and the keyboard, code it by click, by shortcut, by dragging and in vivo, undo and redo,
//! rename, merge and delete codes, edit memos, and check that autosave writes exactly the files
//! that changed. The harness lays out every frame with the app's own fonts, so a Chinese or emoji
//! character without a glyph fails the test.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::import::{detect_turns, parse_wechat};
use margin::model::{
    CharRange, Code, CodeId, Color, Document, DocumentId, DocumentKind, Edit, Manifest, MemoTarget,
    Project, SortKey, Text,
};
use margin::session::Action;
use margin::store::ProjectDir;
use margin::ui::{AppOptions, Command, ConfigStore, MarginApp};
use ui_common::{click_at, first_run_in_english, frames, harness_with, project};

const INTERVIEW: &str = "Interview G8 (fictional)\n\nInterviewer: 大家为什么说“毕业”？\nG8: 我们都叫它毕业，治疗结束就是毕业了。\nInterviewer: And \"step in a pit\"?\nG8: That is when a hospital goes wrong for you. 我也踩过这个坑。\n";

const CHAT: &str = "2024-05-03 08:12:45 G8\n早上好呀姐妹们🌻\n\n2024-05-03 08:13:02 G10\n早！今天复查🙏\n\n2024-05-04 09:00:00 G8\n又要留级了。\n";

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    interview: DocumentId,
    chat: DocumentId,
    identity: CodeId,
    role: CodeId,
    resonance: CodeId,
    graduate: CodeId,
}

/// A small study: an interview and a chat log, four codes in two themes.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, language: Some(English))",
    )
    .unwrap();

    let mut project = Project::new(Manifest::new("Support group"));
    let mut interview = Document::new("G8", DocumentKind::Interview, Text::new(INTERVIEW));
    interview.segments = detect_turns(INTERVIEW);
    let mut chat = Document::new("group chat", DocumentKind::Chat, Text::new(CHAT));
    chat.segments = parse_wechat(CHAT, Path::new("chat.txt")).unwrap();
    let code = |name: &str, n: usize, key: &str, parent: Option<CodeId>| {
        let mut c = Code::new(name, Color::palette(n), SortKey(key.into()));
        c.parent = parent;
        c
    };
    let identity = code("Identity construction", 0, "a", None);
    let role = code("Role disorder", 1, "a", Some(identity.id));
    let resonance = code("Emotional resonance", 2, "b", None);
    let graduate = code("Graduate", 3, "a", Some(resonance.id));
    let ids = (
        interview.id,
        chat.id,
        identity.id,
        role.id,
        resonance.id,
        graduate.id,
    );
    project
        .apply(Edit::Batch(vec![
            Edit::PutDocument(Box::new(interview)),
            Edit::PutDocument(Box::new(chat)),
            Edit::PutCode(identity),
            Edit::PutCode(resonance),
            Edit::PutCode(role),
            Edit::PutCode(graduate),
        ]))
        .unwrap();
    drop(ProjectDir::create(&root, &mut project).unwrap());
    Fixture {
        _dir: dir,
        root,
        config,
        interview: ids.0,
        chat: ids.1,
        identity: ids.2,
        role: ids.3,
        resonance: ids.4,
        graduate: ids.5,
    }
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    harness_with(Some(f.root.clone()), ConfigStore::in_dir(&f.config))
}

/// The char range of `needle` (the `nth` occurrence) in the open document.
fn find(h: &Harness<'static, MarginApp>, needle: &str, nth: usize) -> CharRange {
    let doc = h.state().transcript().document().unwrap();
    let text = project(h).document(doc).unwrap().text.clone();
    let (byte, _) = text.as_str().match_indices(needle).nth(nth).unwrap();
    let start = text.char_of(byte);
    CharRange::new(start, start + needle.chars().count())
}

fn pos_of(h: &Harness<'static, MarginApp>, char: usize) -> Pos2 {
    h.state()
        .transcript()
        .char_screen_pos(char)
        .unwrap_or_else(|| panic!("char {char} is not on screen"))
}

/// Select `range` by dragging the mouse over it.
fn drag_select(h: &mut Harness<'static, MarginApp>, range: CharRange) {
    let (a, b) = (pos_of(h, range.start), pos_of(h, range.end));
    drag(h, a, b);
}

/// Press at `a`, move to `b` in three steps, release.
fn drag(h: &mut Harness<'static, MarginApp>, a: Pos2, b: Pos2) {
    h.event(Event::PointerMoved(a));
    h.step();
    h.event(Event::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
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
        modifiers: Modifiers::NONE,
    });
    frames(h, 2);
}

fn code_row<'a>(h: &'a Harness<'static, MarginApp>, label_start: &str) -> egui_kittest::Node<'a> {
    let label = label_start.to_owned();
    h.get_by(move |n| {
        n.role() == Role::TreeItem && n.label().is_some_and(|l| l.starts_with(&label))
    })
}

fn codings(h: &Harness<'static, MarginApp>) -> Vec<(CodeId, CharRange, String)> {
    let p = project(h);
    let mut v: Vec<_> = p
        .codings()
        .values()
        .map(|c| (c.code, c.range, p.coder(c.coder).unwrap().name.clone()))
        .collect();
    v.sort_by_key(|(_, r, _)| *r);
    v
}

#[test]
fn opens_the_project_on_the_first_interview_with_chinese_text() {
    let f = fixture();
    let h = harness(&f);
    let app = h.state();
    assert_eq!(app.transcript().document(), Some(f.interview));
    assert_eq!(app.session().unwrap().coder_name(), Some("Lin"));
    assert!(app.notices().is_empty(), "{:?}", app.notices());
    // Turns are laid out with their speakers; the labels are not part of the text shown.
    h.get_by_label("G8: 我们都叫它毕业，治疗结束就是毕业了。");
    h.get_by_label("Interviewer: 大家为什么说“毕业”？");
    // Documents grouped by kind, codes in a tree with counts.
    h.get_by_label("G8, 0 codings");
    h.get_by_label("group chat, 0 codings");
    h.get_by_label("Emotional resonance / Graduate, 0 codings");
}

#[test]
fn chat_messages_show_sender_time_and_emoji() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("group chat, 0 codings").click();
    frames(&mut h, 3);
    assert_eq!(h.state().transcript().document(), Some(f.chat));
    h.get_by_label("3 May 2024 08:12 G8: 早上好呀姐妹们🌻");
    h.get_by_label("4 May 2024 09:00 G8: 又要留级了。");
    // Clicking a sender selects the whole message.
    let msg = find(&h, "早！今天复查🙏", 0);
    let header = h
        .state()
        .transcript()
        .header_screen_rect(msg.start)
        .unwrap();
    click_at(&mut h, header.left_center() + Vec2::new(4.0, 0.0));
    assert_eq!(h.state().transcript().selected_range(), Some((f.chat, msg)));
}

#[test]
fn select_with_the_mouse_and_code_by_clicking_a_code() {
    let f = fixture();
    let mut h = harness(&f);
    let target = find(&h, "毕业", 1);
    drag_select(&mut h, target);
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.interview, target))
    );
    code_row(&h, "Emotional resonance / Graduate").click();
    frames(&mut h, 2);
    assert_eq!(codings(&h), vec![(f.graduate, target, "Lin".to_owned())]);
    h.get_by_label("Emotional resonance / Graduate, 1 coding");
    h.get_by_label("G8, 1 coding");
    // The new coding is selected and shown in the inspector.
    let id = h.state().transcript().selected_coding().unwrap();
    assert_eq!(project(&h).coding(id).unwrap().range, target);
    h.get_by_label("Code of this coding");
}

#[test]
fn drag_the_edges_of_a_coding_to_move_its_boundaries() {
    let f = fixture();
    let mut h = harness(&f);
    let target = find(&h, "毕业", 1);
    drag_select(&mut h, target);
    code_row(&h, "Emotional resonance / Graduate").click();
    frames(&mut h, 2);
    let id = h.state().transcript().selected_coding().unwrap();
    let range = |h: &Harness<'static, MarginApp>| project(h).coding(id).unwrap().range;
    assert_eq!(range(&h), target);

    // Drag the end edge three characters on.
    let end = h
        .state()
        .transcript()
        .char_edge_after(target.end - 1)
        .unwrap();
    let to = pos_of(&h, target.end + 3);
    drag(&mut h, end, to);
    let longer = CharRange::new(target.start, target.end + 3);
    assert_eq!(range(&h), longer);
    assert_eq!(project(&h).codings().len(), 1, "moved, not added");

    // Drag the start edge one character on; it cannot pass the end.
    let start = pos_of(&h, target.start);
    let to = pos_of(&h, target.start + 1);
    drag(&mut h, start, to);
    assert_eq!(range(&h), CharRange::new(target.start + 1, target.end + 3));
    let start = pos_of(&h, target.start + 1);
    let past = pos_of(&h, target.end + 8);
    drag(&mut h, start, past);
    assert_eq!(range(&h), CharRange::new(target.end + 2, target.end + 3));

    // Each drag is one undo step.
    for expected in [
        CharRange::new(target.start + 1, target.end + 3),
        longer,
        target,
    ] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        frames(&mut h, 2);
        assert_eq!(range(&h), expected);
    }
}

#[test]
fn select_with_the_keyboard_and_code_by_shortcut() {
    let f = fixture();
    let mut h = harness(&f);
    let target = find(&h, "我也踩过这个坑", 0);
    // Click just before the passage, then extend with Shift+Right.
    let at = pos_of(&h, target.start);
    click_at(&mut h, at);
    for _ in 0..target.len() {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    frames(&mut h, 2);
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.interview, target))
    );
    // Digits go to codes in codebook order: 1 Identity construction, 2 Role disorder, …
    h.key_press(Key::Num2);
    frames(&mut h, 2);
    assert_eq!(codings(&h), vec![(f.role, target, "Lin".to_owned())]);
    // A key the user assigns works too (and takes precedence over the digits).
    h.state_mut().queue(Command::Edit(Action::SetCodeShortcut {
        code: f.resonance,
        key: Some('r'),
    }));
    frames(&mut h, 2);
    let other = find(&h, "step in a pit", 0);
    drag_select(&mut h, other);
    h.key_press(Key::R);
    frames(&mut h, 2);
    assert_eq!(codings(&h)[0], (f.resonance, other, "Lin".to_owned()));
}

#[test]
fn drag_a_selection_onto_a_code() {
    let f = fixture();
    let mut h = harness(&f);
    let target = find(&h, "治疗结束就是毕业了", 0);
    drag_select(&mut h, target);
    // Press inside the selection and carry it to the code.
    let inside = pos_of(&h, target.start + 3);
    let row = code_row(&h, "Identity construction / Role disorder")
        .rect()
        .center();
    h.event(Event::PointerMoved(inside));
    h.step();
    h.event(Event::PointerButton {
        pos: inside,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for t in [0.1, 0.4, 0.8, 1.0] {
        h.event(Event::PointerMoved(inside + (row - inside) * t));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: row,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    frames(&mut h, 2);
    assert_eq!(codings(&h), vec![(f.role, target, "Lin".to_owned())]);
}

#[test]
fn in_vivo_code_from_the_selection_then_undo_and_redo() {
    let f = fixture();
    let mut h = harness(&f);
    let target = find(&h, "毕业", 1);
    drag_select(&mut h, target);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    frames(&mut h, 2);
    let code = project(&h).code_named("毕业").unwrap().clone();
    assert!(code.in_vivo);
    assert_eq!(codings(&h), vec![(code.id, target, "Lin".to_owned())]);
    h.get_by_label("毕业, 1 coding");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 2);
    assert!(project(&h).codings().is_empty());
    assert!(project(&h).code_named("毕业").is_none());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    frames(&mut h, 2);
    assert_eq!(codings(&h), vec![(code.id, target, "Lin".to_owned())]);

    // The Edit menu names what it will undo.
    h.get_by_label("Edit").click();
    frames(&mut h, 2);
    h.get_by_label_contains("Undo In-vivo code").click();
    frames(&mut h, 2);
    assert!(project(&h).codings().is_empty());
}

#[test]
fn rename_merge_and_delete_codes() {
    let f = fixture();
    let mut h = harness(&f);
    // Code two passages: one with Role disorder, one with Graduate.
    let a = find(&h, "毕业", 1);
    drag_select(&mut h, a);
    code_row(&h, "Identity construction / Role disorder").click();
    frames(&mut h, 2);
    let b = find(&h, "我也踩过这个坑", 0);
    drag_select(&mut h, b);
    code_row(&h, "Emotional resonance / Graduate").click();
    frames(&mut h, 2);

    // Rename by double-click, typing and Enter.
    code_row(&h, "Emotional resonance / Graduate").hover();
    let row = code_row(&h, "Emotional resonance / Graduate")
        .rect()
        .center();
    // Two quick clicks (each event is a frame of 1/20 s).
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: row,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    frames(&mut h, 2);
    h.get_by_label("Code name").type_text("Graduate (毕业)");
    frames(&mut h, 1);
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert_eq!(
        project(&h).code(f.graduate).unwrap().name,
        "Graduate (毕业)"
    );

    // Merge Role disorder into the renamed code through the context menu and the dialog.
    code_row(&h, "Identity construction / Role disorder").click_secondary();
    frames(&mut h, 2);
    h.get_by_label("Merge into…").click();
    frames(&mut h, 2);
    assert!(h.state().dialog_open());
    // A new window is measured invisibly in its first frame.
    frames(&mut h, 2);
    h.get_by(|n| {
        n.label().is_some_and(|l| l.trim() == "Graduate (毕业)") && n.role() != Role::TreeItem
    })
    .click();
    frames(&mut h, 2);
    assert!(project(&h).code(f.role).is_none());
    assert_eq!(
        codings(&h),
        vec![
            (f.graduate, a, "Lin".to_owned()),
            (f.graduate, b, "Lin".to_owned())
        ]
    );

    // Delete the parent theme with its sub-code and both codings; undo brings all back.
    code_row(&h, "Emotional resonance, ").click_secondary();
    frames(&mut h, 2);
    h.get_by_label("Delete code and its codings").click();
    frames(&mut h, 2);
    assert!(project(&h).code(f.resonance).is_none());
    assert!(project(&h).code(f.graduate).is_none());
    assert!(project(&h).codings().is_empty());
    assert!(h.state().notices().iter().any(|n| {
        n.text
            .contains("Deleted “Emotional resonance” and its 2 codings")
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 2);
    assert_eq!(codings(&h).len(), 2);
    assert_eq!(
        project(&h).code(f.graduate).unwrap().name,
        "Graduate (毕业)"
    );
    let _ = f.identity;
}

#[test]
fn memos_on_the_document_the_code_and_the_coding() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Memo on this document").click();
    frames(&mut h, 2);
    h.get_by_label("Memo on this document")
        .type_text("G8 uses the group's words a lot.");
    frames(&mut h, 2);
    // The memo is kept when the field loses focus.
    h.key_press(Key::Tab);
    frames(&mut h, 2);
    let memos = project(&h).memos_on(MemoTarget::Document(f.interview));
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].text, "G8 uses the group's words a lot.");

    // A coding's memo.
    let target = find(&h, "毕业", 1);
    drag_select(&mut h, target);
    code_row(&h, "Emotional resonance / Graduate").click();
    frames(&mut h, 2);
    h.get_by_label("Memo on this coding").click();
    frames(&mut h, 2);
    h.get_by_label("Memo on this coding")
        .type_text("in-group term");
    frames(&mut h, 1);
    // Closing the window commits a memo still being typed.
    h.state_mut().flush().unwrap();
    let coding = project(&h).codings().values().next().unwrap().clone();
    assert_eq!(coding.memo.as_deref(), Some("in-group term"));
}

#[test]
fn autosave_writes_exactly_the_changed_files() {
    let f = fixture();
    let mut h = harness(&f);
    // Opening added the coder "Lin"; let that save finish first.
    wait_for_save(&mut h);
    let coder = h.state().session().unwrap().coder().unwrap();
    let saved: Vec<PathBuf> = h.state().autosave().unwrap().last_saved().to_vec();
    assert_eq!(saved, [PathBuf::from(format!("coders/{coder}.ron"))]);

    let target = find(&h, "毕业", 1);
    drag_select(&mut h, target);
    code_row(&h, "Emotional resonance / Graduate").click();
    frames(&mut h, 1);
    let before = h.state().autosave().unwrap().saves();
    wait_for_save(&mut h);
    assert_eq!(h.state().autosave().unwrap().saves(), before + 1);
    let file = PathBuf::from(format!("codings/{coder}/{}.ron", f.interview));
    // The codings file, then the coder's list of coded documents, which gains the interview.
    assert_eq!(
        h.state().autosave().unwrap().last_saved(),
        [file.clone(), PathBuf::from(format!("codings/{coder}.ron"))]
    );
    let on_disk = std::fs::read_to_string(f.root.join(&file)).unwrap();
    assert!(on_disk.contains(&f.graduate.to_string()), "{on_disk}");

    // A reopened project has the coding.
    drop(h);
    let reopened = ProjectDir::open_read_only(&f.root).unwrap();
    assert_eq!(reopened.project.codings().len(), 1);
}

fn wait_for_save(h: &mut Harness<'static, MarginApp>) {
    for _ in 0..200 {
        h.step();
        if !h.state().autosave().unwrap().is_busy() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("autosave did not finish");
}

#[test]
fn the_first_run_asks_who_is_coding() {
    let f = fixture();
    let config = tempfile::tempdir().unwrap();
    let mut h = harness_with(Some(f.root.clone()), first_run_in_english(config.path()));
    assert!(h.state().dialog_open());
    assert_eq!(h.state().session().unwrap().coder(), None);
    h.get_by_label("Coder name").type_text("王老师");
    frames(&mut h, 1);
    h.get_by_label("Start coding").click();
    frames(&mut h, 2);
    assert!(!h.state().dialog_open());
    assert_eq!(h.state().session().unwrap().coder_name(), Some("王老师"));
    assert_eq!(h.state().config().coder_name.as_deref(), Some("王老师"));
    h.get_by_label_contains("Coding as 王老师");
}

#[test]
fn a_broken_project_and_a_bad_import_give_clear_messages() {
    let f = fixture();
    std::fs::write(f.root.join("margin.ron"), "(format_version: 1, name: ").unwrap();
    let h = harness(&f);
    assert!(h.state().session().is_none());
    let notice = &h.state().notices()[0];
    assert!(notice.error);
    assert!(notice.text.contains("margin.ron:1:"), "{}", notice.text);
    h.get_by_label_contains("Could not open");
    drop(h);

    let f = fixture();
    let mut h = harness(&f);
    let bad = f.root.parent().unwrap().join("photo.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    h.state_mut().queue(Command::ImportFiles(vec![bad]));
    frames(&mut h, 2);
    // The import dialog reads it and says why it is not imported, naming the file.
    h.key_press(Key::Enter);
    let start = std::time::Instant::now();
    while !h
        .state()
        .import_dialog()
        .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    {
        assert!(start.elapsed().as_secs() < 30, "the file was not read");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    frames(&mut h, 2);
    h.get_by_label("not imported");
    let why = h.get_by_label_contains("not a text file");
    assert!(
        format!("{why:?}").contains("photo.txt"),
        "the message names the file: {why:?}"
    );
    assert!(format!("{:?}", h.get_by_label("Add to project")).contains("disabled: true"));
    assert_eq!(project(&h).documents().len(), 2);
}

#[test]
fn find_and_go_to() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    frames(&mut h, 2);
    h.get_by_label("Find in document").type_text("毕业");
    frames(&mut h, 2);
    assert_eq!(h.state().transcript().match_count(), 3);
    let first = find(&h, "毕业", 0);
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.interview, first))
    );
    h.get_by_label("group chat, 0 codings").click();
    frames(&mut h, 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    frames(&mut h, 2);
    h.get_by_label("Go to message or time")
        .type_text("2024-05-04");
    frames(&mut h, 1);
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    let third = find(&h, "又要留级了", 0);
    let caret = h.state().transcript().selection().unwrap();
    assert_eq!((caret.anchor, caret.head), (third.start, third.start));
}

/// Every file of a folder with its bytes, to see that nothing in it changed.
fn snapshot_dir(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn without_a_project_it_opens_a_working_copy_of_the_sample() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let before = snapshot_dir(&sample);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin Yue\"), language: Some(English))",
    )
    .unwrap();
    let data = dir.path().join("data");
    let options = AppOptions {
        project: None,
        config: ConfigStore::in_dir(&config),
        sample: Some(margin::bundled::BundledSample::support_group()),
        data: Some(data.clone()),
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| MarginApp::new(&cc.egui_ctx, options));
    frames(&mut h, 3);
    let copy = data.join("samples/support-group");
    assert_eq!(
        h.state().session().unwrap().root(),
        copy.canonicalize().unwrap()
    );
    // The study's first interview, its codebook with counts, and the existing coder.
    assert_eq!(
        project(&h)
            .document(h.state().transcript().document().unwrap())
            .unwrap()
            .name,
        "Interview G1"
    );
    h.get_by_label("Identity construction / Role disorder and loneliness, 123 codings");
    h.get_by_label_contains("Coding as Lin Yue");
    assert_eq!(project(&h).coders().len(), 2);

    // Review: show only the other coder's codings.
    h.get_by_label("Show the codings of").click();
    frames(&mut h, 3);
    h.get_by_label("Zhou Ming").click();
    frames(&mut h, 2);
    let zhou = project(&h).coder_named("Zhou Ming").unwrap().id;
    assert_eq!(h.state().transcript().coder_filter(), Some(zhou));

    // A Chinese interview, coded in the copy.
    h.get_by(|n| {
        n.role() == Role::ListItem && n.label().is_some_and(|l| l.starts_with("Interview G9,"))
    })
    .click();
    frames(&mut h, 3);
    h.get_by_label_contains("访谈者: 阿姨，您今天刚做完治疗");
    let target = find(&h, "您今天刚做完治疗", 0);
    drag_select(&mut h, target);
    h.key_press(Key::Num3);
    frames(&mut h, 2);
    h.state_mut().flush().unwrap();
    drop(h);
    let reopened = ProjectDir::open_read_only(&copy).unwrap().project;
    assert_eq!(reopened.codings().len(), 839);
    assert_eq!(
        snapshot_dir(&sample),
        before,
        "the bundled sample is left as it was"
    );
}

/// Drag the row `from` onto the row `to`, `at` (0 top … 1 bottom) of the way down it.
fn drag_row(h: &mut Harness<'static, MarginApp>, from: &str, to: &str, at: f32) {
    let a = code_row(h, from).rect().center();
    let r = code_row(h, to).rect();
    let b = egui::pos2(r.center().x, r.top() + r.height() * at);
    h.event(Event::PointerMoved(a));
    h.event(Event::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    for t in [0.2, 0.5, 0.9, 1.0] {
        h.event(Event::PointerMoved(a + (b - a) * t));
    }
    h.event(Event::PointerButton {
        pos: b,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    frames(h, 2);
}

#[test]
fn nest_reorder_and_recolour_codes() {
    let f = fixture();
    let mut h = harness(&f);
    let tree = |h: &Harness<'static, MarginApp>| {
        project(h)
            .code_tree()
            .iter()
            .map(|(d, c)| format!("{d} {}", c.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tree(&h),
        [
            "0 Identity construction",
            "1 Role disorder",
            "0 Emotional resonance",
            "1 Graduate"
        ]
    );
    // Onto the middle of a row: nest under it.
    drag_row(
        &mut h,
        "Emotional resonance / Graduate",
        "Identity construction / Role disorder",
        0.5,
    );
    assert_eq!(
        tree(&h),
        [
            "0 Identity construction",
            "1 Role disorder",
            "2 Graduate",
            "0 Emotional resonance"
        ]
    );
    // Onto the top edge of a row: just before it, beside it.
    drag_row(
        &mut h,
        "Emotional resonance, ",
        "Identity construction, ",
        0.1,
    );
    assert_eq!(
        tree(&h),
        [
            "0 Emotional resonance",
            "0 Identity construction",
            "1 Role disorder",
            "2 Graduate"
        ]
    );
    // Undo puts it back where it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 2);
    assert_eq!(tree(&h)[0], "0 Identity construction");

    // Recolour from the context menu's palette.
    code_row(&h, "Identity construction / Role disorder, ").click_secondary();
    frames(&mut h, 2);
    h.get_by_label("Colour").hover();
    frames(&mut h, 3);
    h.get_by_label("Colour #55a868").click();
    frames(&mut h, 2);
    assert_eq!(project(&h).code(f.role).unwrap().color.to_hex(), "#55a868");

    // From the keyboard: a focused row opens its menu with Shift+F10, and F2 renames.
    code_row(&h, "Emotional resonance, ").focus();
    frames(&mut h, 2);
    assert!(code_row(&h, "Emotional resonance, ").is_focused());
    h.key_press_modifiers(Modifiers::SHIFT, Key::F10);
    frames(&mut h, 3);
    h.get_by_label("Merge into…");
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    code_row(&h, "Emotional resonance, ").focus();
    frames(&mut h, 1);
    h.key_press(Key::F2);
    frames(&mut h, 3);
    h.get_by_label("Code name").type_text("Resonance");
    h.key_press(Key::Enter);
    frames(&mut h, 3);
    assert_eq!(project(&h).code(f.resonance).unwrap().name, "Resonance");
}

#[test]
fn a_project_open_in_another_window_opens_read_only() {
    let f = fixture();
    let mut first = harness(&f);
    // The first window has saved its coder before the second opens.
    first.state_mut().flush().unwrap();
    let mut second = harness(&f);
    assert!(second.state().session().unwrap().read_only().is_some());
    assert!(
        second
            .state()
            .notices()
            .iter()
            .any(|n| n.error && n.text.starts_with("Opened read-only")),
        "{:?}",
        second.state().notices()
    );
    second.get_by_label_contains("Read-only");
    // Coding is refused with a message; nothing changes.
    let target = find(&second, "毕业", 1);
    drag_select(&mut second, target);
    code_row(&second, "Emotional resonance / Graduate").click();
    frames(&mut second, 2);
    assert!(project(&second).codings().is_empty());
    let last = second.state().notices().last().unwrap().clone();
    assert!(
        last.error && last.text.contains("not possible"),
        "{}",
        last.text
    );
    drop(first);
}
