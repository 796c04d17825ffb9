//! Team review in the window, driven headless with `egui_kittest`: pick the coders to compare,
//! step to the next disagreement and see both versions, settle one as the consensus coder and
//! undo it, blind mode, and the agreement table.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::analysis::agreement::{AgreementOptions, compare, consensus_coder};
use margin::import::detect_turns;
use margin::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, Color, Document, DocumentId, DocumentKind,
    Edit, Manifest, MemoTarget, Project, SortKey, Text,
};
use margin::session::Action;
use margin::store::ProjectDir;
use margin::ui::transcript::index::Whose;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{click_at, frames, harness_sized, project};

const INTERVIEW: &str = "Interview R2 (fictional)\n\nInterviewer: Why do you call it graduating?\nR2: We all say graduate when the treatment ends.\nInterviewer: And the pit?\nR2: A pit is a hospital that goes wrong for you.\n";

struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    doc: DocumentId,
    ana: CoderId,
    ben: CoderId,
    graduate: CodeId,
    pit: CodeId,
}

fn range_of(needle: &str) -> CharRange {
    let byte = INTERVIEW.find(needle).unwrap();
    let start = INTERVIEW[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

/// Two coders, Ana and Ben, over one interview: they agree on "graduate", Ben's "pit" is
/// longer than Ana's (boundaries), and only Ana coded "treatment ends" as Graduate (missing).
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Ana\"), theme: Light, language: Some(English))",
    )
    .unwrap();
    let mut project = Project::new(Manifest::new("Review"));
    let mut doc = Document::new("R2", DocumentKind::Interview, Text::new(INTERVIEW));
    doc.segments = detect_turns(INTERVIEW);
    let graduate = Code::new("Graduate", Color::palette(0), SortKey("a".into()));
    let pit = Code::new("Pit", Color::palette(1), SortKey("b".into()));
    let ana = Coder::new("Ana", Color::palette(4));
    let ben = Coder::new("Ben", Color::palette(5));
    let coding = |needle: &str, code: &Code, coder: &Coder| {
        let mut c = Coding::new(doc.id, &doc.text, range_of(needle), code.id, coder.id);
        c.memo = Some(format!("{}'s note", coder.name));
        Edit::PutCoding(Box::new(c))
    };
    let edits = vec![
        coding("graduate when", &graduate, &ana),
        coding("graduate when", &graduate, &ben),
        coding("treatment ends", &graduate, &ana),
        coding("A pit", &pit, &ana),
        coding("A pit is a hospital", &pit, &ben),
    ];
    let ids = (doc.id, ana.id, ben.id, graduate.id, pit.id);
    let mut all = vec![
        Edit::PutDocument(Box::new(doc)),
        Edit::PutCode(graduate),
        Edit::PutCode(pit),
        Edit::PutCoder(ana),
        Edit::PutCoder(ben),
    ];
    all.extend(edits);
    project.apply(Edit::Batch(all)).unwrap();
    drop(ProjectDir::create(&root, &mut project).unwrap());
    Fixture {
        dir,
        root,
        config,
        doc: ids.0,
        ana: ids.1,
        ben: ids.2,
        graduate: ids.3,
        pit: ids.4,
    }
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    let config = ConfigStore::in_dir(&f.config);
    harness_sized(Some(f.root.clone()), config, Vec2::new(1360.0, 860.0))
}

/// A label showing exactly `text` is on screen.
fn shown(h: &Harness<'static, MarginApp>, text: &str) {
    let want = text.to_owned();
    assert!(
        h.query_all_by(move |n| {
            n.label().as_deref() == Some(want.as_str())
                || n.value().as_deref() == Some(want.as_str())
        })
        .count()
            >= 1,
        "{text} is not shown"
    );
}

fn open_review(h: &mut Harness<'static, MarginApp>) {
    h.state_mut().queue(Command::ToggleReview);
    frames(h, 3);
}

#[test]
fn compare_pick_coders_step_to_disagreements_and_see_both_versions() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    assert!(h.state().review().open);
    // Both coders with codings are compared at first.
    assert_eq!(h.state().review().coders, vec![f.ana, f.ben]);
    h.get_by_label("2 disagreements, 1 agreed passage");

    // Untick Ben: nothing to compare; tick him again.
    h.get_by_role_and_label(Role::CheckBox, "Ben").click();
    frames(&mut h, 2);
    assert_eq!(h.state().review().coders, vec![f.ana]);
    h.get_by_label("Tick two coders or more to compare them.");
    h.get_by_role_and_label(Role::CheckBox, "Ben").click();
    frames(&mut h, 2);
    assert_eq!(h.state().review().coders, vec![f.ana, f.ben]);

    // Next skips the agreed "graduate when" and stops at "treatment ends" (only Ana coded it).
    h.get_by_label("Next ▶").click();
    frames(&mut h, 3);
    let p = h.state().review().current_passage().unwrap().clone();
    assert_eq!(p.document, f.doc);
    assert_eq!(p.code, f.graduate);
    assert_eq!(p.range, range_of("treatment ends"));
    h.get_by_label("1 of 2 disagreements");
    // The transcript shows and selects the passage.
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.doc, range_of("treatment ends")))
    );
    // Both versions: Ana's coding with her note, and Ben who did not code it.
    shown(&h, "Graduate: “treatment ends”");
    h.get_by_label("Note: Ana's note");
    h.get_by_label("did not code this");
    h.get_by_label("Accept Ana's version");
    h.get_by_label("Accept Ben's version");

    // F8 steps on: Pit, where the boundaries differ; both versions are listed.
    h.key_press(Key::F8);
    frames(&mut h, 3);
    let p = h.state().review().current_passage().unwrap().clone();
    assert_eq!(p.code, f.pit);
    assert_eq!(p.range, range_of("A pit is a hospital"));
    h.get_by_label("2 of 2 disagreements");
    shown(&h, "Pit: “A pit”");
    shown(&h, "Pit: “A pit is a hospital”");
    h.get_by_label("Note: Ben's note");
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.doc, range_of("A pit is a hospital")))
    );

    // Shift+F8 goes back.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    frames(&mut h, 3);
    h.get_by_label("1 of 2 disagreements");
}

#[test]
fn consensus_accepts_one_version_and_undo_removes_it() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    h.get_by_label("Next ▶").click();
    frames(&mut h, 2);
    h.get_by_label("Next ▶").click();
    frames(&mut h, 3);
    assert_eq!(h.state().review().current_passage().unwrap().code, f.pit);
    assert!(consensus_coder(project(&h)).is_none());

    h.get_by_label("Accept Ana's version").click();
    frames(&mut h, 3);
    let p = project(&h);
    let consensus = consensus_coder(p).unwrap().id;
    let mine: Vec<(CodeId, CharRange, Option<String>)> = p
        .codings()
        .values()
        .filter(|c| c.coder == consensus)
        .map(|c| (c.code, c.range, c.memo.clone()))
        .collect();
    assert_eq!(
        mine,
        vec![(f.pit, range_of("A pit"), Some("Ana's note".to_owned()))]
    );
    assert_eq!(
        p.codings().len(),
        6,
        "the coders' own codings stay as they were"
    );
    // The decision shows as its code and quote, not as offsets.
    shown(&h, "✔ Resolved. The consensus holds:");
    shown(&h, "Pit: “A pit”");

    // Undo removes the decision (and the consensus coder it created).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 3);
    let p = project(&h);
    assert!(consensus_coder(p).is_none());
    assert_eq!(p.codings().len(), 5);
}

#[test]
fn comments_blind_mode_and_agreement_table() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    h.get_by_label("Next ▶").click();
    frames(&mut h, 3);

    // A comment by the current coder on the passage's coding.
    h.get_by_label("Comment").click();
    h.get_by_label("Comment")
        .type_text("Is the end of treatment graduating?");
    frames(&mut h, 2);
    h.get_by_label("Post").click();
    frames(&mut h, 3);
    let memos: Vec<_> = project(&h)
        .memos()
        .values()
        .map(|m| (m.text.clone(), m.author))
        .collect();
    assert_eq!(
        memos,
        vec![(
            "Is the end of treatment graduating?".to_owned(),
            Some(f.ana)
        )]
    );
    h.get_by_label("Ana: Is the end of treatment graduating?");

    // On the pit, where both coded, Ben's comment goes on his own coding; the discussion shows
    // the comments on every coding of the passage.
    h.key_press(Key::F8);
    h.state_mut().queue(Command::SetCoderName("Ben".into()));
    frames(&mut h, 3);
    h.get_by_label("Comment").click();
    h.get_by_label("Comment")
        .type_text("Mine runs to hospital.");
    frames(&mut h, 2);
    h.get_by_label("Post").click();
    frames(&mut h, 3);
    let p = project(&h);
    let on = p
        .memos()
        .values()
        .find(|m| m.text == "Mine runs to hospital.")
        .map(|m| m.target)
        .unwrap();
    let MemoTarget::Coding(coding) = on else {
        panic!("{on:?}")
    };
    let coding = p.coding(coding).unwrap();
    assert_eq!(
        (coding.coder, coding.range),
        (f.ben, range_of("A pit is a hospital"))
    );
    h.get_by_label("Ben: Mine runs to hospital.");
    h.state_mut().queue(Command::SetCoderName("Ana".into()));
    frames(&mut h, 2);

    // Blind mode shows only Ana's codings in the transcript.
    assert_eq!(h.state().transcript().coding_count(), 5);
    h.state_mut().queue(Command::ToggleBlind);
    frames(&mut h, 2);
    assert!(h.state().blind());
    assert_eq!(h.state().transcript().coding_count(), 3);
    h.state_mut().queue(Command::SetCoderName("Ben".into()));
    frames(&mut h, 2);
    assert_eq!(h.state().transcript().coding_count(), 2);
    h.state_mut().queue(Command::ToggleBlind);
    frames(&mut h, 2);
    assert_eq!(h.state().transcript().coding_count(), 5);

    // The agreement table, by character and by turn.
    h.get_by_label("Agreement").click();
    frames(&mut h, 3);
    h.get_by_label("Per code");
    h.get_by_label("All codes");
    h.get_by_label("Semantic domains");
    h.get_by_label("Across domains (Cu-α)");
    h.get_by_label("turns / messages").click();
    frames(&mut h, 3);
    h.get_by_label("Per document");
}

#[test]
fn compare_mode_shows_each_coder_in_a_column_and_marks_the_passages_in_the_transcript() {
    let f = fixture();
    let mut h = harness(&f);
    // Before: everyone's codings in shared lanes, nothing marked.
    assert_eq!(*h.state().transcript().whose(), Whose::Everyone);
    assert_eq!(h.state().transcript().marked_passages(), 0);

    open_review(&mut h);
    let view = h.state().transcript();
    assert_eq!(*view.whose(), Whose::SideBySide(vec![f.ana, f.ben]));
    // Three passages: "graduate when" (agreed), "treatment ends" (Ana only), the pit (bounds).
    assert_eq!(view.marked_passages(), 3);
    h.get_by_label("Side by side:");
    h.get_by_label("coded by some only");

    // Each coder's stripes run in their own column: Ana's left of Ben's, for the same passage.
    let stripe = |h: &Harness<'static, MarginApp>, coder: CoderId, code: CodeId, needle: &str| {
        let p = project(h);
        let id = p
            .codings()
            .values()
            .find(|c| c.coder == coder && c.code == code && c.range == range_of(needle))
            .unwrap()
            .id;
        h.state().transcript().stripe_screen_rect(id).unwrap()
    };
    let ana = stripe(&h, f.ana, f.graduate, "graduate when");
    let ben = stripe(&h, f.ben, f.graduate, "graduate when");
    assert!(ana.right() < ben.left(), "{ana:?} {ben:?}");
    assert!((ana.top() - ben.top()).abs() < 0.5);
    let ben_pit = stripe(&h, f.ben, f.pit, "A pit is a hospital");
    assert!((ben_pit.left() - ben.left()).abs() < 0.5, "Ben's column");

    // Clicking the pit's mark in the margin opens it in the review panel.
    let view = h.state().transcript();
    let pit_start = range_of("A pit").start;
    let marks: Vec<usize> = view.passages_at(pit_start);
    assert_eq!(marks.len(), 1);
    let mark = view.mark_screen_rect(marks[0]).unwrap();
    assert!(
        mark.left() > ben.right(),
        "the marks sit between the columns and the text"
    );
    click_at(&mut h, mark.center());
    frames(&mut h, 2);
    let p = h.state().review().current_passage().unwrap().clone();
    assert_eq!((p.code, p.range), (f.pit, range_of("A pit is a hospital")));
    h.get_by_label("2 of 2 disagreements");
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.doc, range_of("A pit is a hospital")))
    );

    // A consensus decision gets the consensus coder a column of its own, and the marks follow
    // the new comparison.
    h.get_by_label("Accept Ben's version").click();
    frames(&mut h, 3);
    let consensus = consensus_coder(project(&h)).unwrap().id;
    assert_eq!(
        *h.state().transcript().whose(),
        Whose::SideBySide(vec![f.ana, f.ben, consensus])
    );
    assert_eq!(h.state().transcript().coding_count(), 6);

    // Further decisions only add consensus codings: the comparison is not recomputed.
    let before = h.state_mut().review_mut().shared_comparison_now().unwrap();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    frames(&mut h, 3);
    h.get_by_label("Accept Ana's version").click();
    frames(&mut h, 3);
    let after = h.state_mut().review_mut().shared_comparison_now().unwrap();
    assert!(std::sync::Arc::ptr_eq(&before, &after));
    assert_eq!(h.state().transcript().coding_count(), 7);
    shown(&h, "✔ Resolved. The consensus holds:");
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some("Graduate: “treatment ends”"))
            .count()
            >= 2,
        "Ana's version and the consensus"
    );

    // A compared coder's new coding is compared at once (only its document again), the same as
    // comparing everything afresh.
    h.state_mut().queue(Command::Edit(Action::ApplyCode {
        document: f.doc,
        range: range_of("Why do you call it"),
        code: f.pit,
    }));
    frames(&mut h, 3);
    assert_eq!(h.state().transcript().marked_passages(), 4);
    let fresh = compare(
        project(&h),
        &AgreementOptions {
            coders: vec![f.ana, f.ben],
            ..AgreementOptions::default()
        },
    )
    .unwrap();
    let kept = h.state_mut().review_mut().shared_comparison_now().unwrap();
    assert_eq!(*kept, fresh);

    // Blind mode wins over compare mode; closing the panel gives everyone's codings back.
    h.state_mut().queue(Command::ToggleBlind);
    frames(&mut h, 2);
    assert_eq!(*h.state().transcript().whose(), Whose::Coder(f.ana));
    assert_eq!(h.state().transcript().marked_passages(), 0);
    h.state_mut().queue(Command::ToggleBlind);
    h.state_mut().queue(Command::ToggleReview);
    frames(&mut h, 2);
    assert_eq!(*h.state().transcript().whose(), Whose::Everyone);
    assert_eq!(h.state().transcript().marked_passages(), 0);
}

#[test]
fn merge_another_copy_from_the_window_adds_its_codings_once_and_undoes_in_one_step() {
    let f = fixture();
    // Ben's copy of the project, made before he coded one more passage and added a coder.
    let copy = f.dir.path().join("ben-copy");
    {
        let opened = ProjectDir::open(&f.root).unwrap();
        let mut theirs = opened.project;
        drop(opened.dir);
        let chen = Coder::new("Chen", Color::palette(6));
        let text = theirs.document(f.doc).unwrap().text.clone();
        let new = Coding::new(f.doc, &text, range_of("hospital"), f.pit, f.ben);
        let chens = Coding::new(f.doc, &text, range_of("graduating"), f.graduate, chen.id);
        theirs
            .apply(Edit::Batch(vec![
                Edit::PutCoder(chen),
                Edit::PutCoding(Box::new(new)),
                Edit::PutCoding(Box::new(chens)),
            ]))
            .unwrap();
        drop(ProjectDir::create(&copy, &mut theirs).unwrap());
    }
    let mut h = harness(&f);
    assert_eq!(project(&h).codings().len(), 5);

    h.state_mut()
        .queue(Command::Edit(Action::MergeCopy(copy.clone())));
    frames(&mut h, 3);
    let p = project(&h);
    assert_eq!(p.codings().len(), 7, "the two new codings, nothing twice");
    assert!(p.coders().values().any(|c| c.name == "Chen"));
    let notice = &h.state().notices().last().unwrap().text;
    assert!(
        notice.contains("1 coder,") && notice.contains("2 codings"),
        "{notice}"
    );

    // Merging the same copy again brings nothing.
    h.state_mut()
        .queue(Command::Edit(Action::MergeCopy(copy.clone())));
    frames(&mut h, 3);
    assert_eq!(project(&h).codings().len(), 7);
    assert!(
        h.state()
            .notices()
            .last()
            .unwrap()
            .text
            .ends_with("brings nothing new.")
    );

    // One undo takes the whole merge back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 3);
    let p = project(&h);
    assert_eq!(p.codings().len(), 5);
    assert!(!p.coders().values().any(|c| c.name == "Chen"));
}

#[test]
fn importing_a_document_while_the_review_is_open_updates_the_comparison() {
    let f = fixture();
    let mut h = harness(&f);
    open_review(&mut h);
    frames(&mut h, 2);
    let before = h.state().review().shared_comparison_now().unwrap();
    assert_eq!(before.documents.len(), 1);

    let file = f.dir.path().join("R3.txt");
    std::fs::write(&file, "Interviewer: Who told you?\nR3: The group did.\n").unwrap();
    h.state_mut().queue(Command::ImportFiles(vec![file]));
    frames(&mut h, 3);
    // Through the import dialog: Enter reads the file, Enter adds it.
    h.key_press(egui::Key::Enter);
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
    h.key_press(egui::Key::Enter);
    frames(&mut h, 3);

    let imported = project(&h)
        .documents()
        .values()
        .find(|d| d.name == "R3")
        .map(|d| d.id)
        .unwrap();
    let after = h.state().review().shared_comparison_now().unwrap();
    // Nobody has coded it yet: the comparison lists it among the documents it leaves out.
    assert!(
        after.skipped.contains(&imported),
        "the comparison knows of the new document: {:?}",
        after.skipped
    );
    assert!(!before.skipped.contains(&imported));
    assert_eq!(after.documents.len(), 1);
}
