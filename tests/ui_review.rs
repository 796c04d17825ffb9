//! Team review in the window, driven headless with `egui_kittest`: pick the coders to compare,
//! step to the next disagreement and see both versions, settle one as the consensus coder and
//! undo it, blind mode, and the agreement table.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::PathBuf;

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::analysis::agreement::consensus_coder;
use margin::import::detect_turns;
use margin::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, Color, Document, DocumentId, DocumentKind,
    Edit, Manifest, Project, SortKey, Text,
};
use margin::store::ProjectDir;
use margin::ui::{AppOptions, Command, ConfigStore, MarginApp};

const INTERVIEW: &str = "Interview R2 (fictional)\n\nInterviewer: Why do you call it graduating?\nR2: We all say graduate when the treatment ends.\nInterviewer: And the pit?\nR2: A pit is a hospital that goes wrong for you.\n";

struct Fixture {
    _dir: tempfile::TempDir,
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
        "(coder_name: Some(\"Ana\"), theme: Light)",
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
        _dir: dir,
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
    let (project, config) = (Some(f.root.clone()), ConfigStore::in_dir(&f.config));
    let mut h = Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| {
            MarginApp::new(
                &cc.egui_ctx,
                AppOptions {
                    project,
                    config,
                    sample: None,
                    data: None,
                },
            )
        });
    frames(&mut h, 3);
    h
}

fn frames(h: &mut Harness<'static, MarginApp>, n: usize) {
    for _ in 0..n {
        h.step();
    }
}

fn project<'a>(h: &'a Harness<'static, MarginApp>) -> &'a Project {
    &h.state().session().unwrap().project
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
    h.get_by_label("2 disagreements, 1 agreed passages");

    // Untick Ben: nothing to compare; tick him again.
    h.get_by_label("Ben").click();
    frames(&mut h, 2);
    assert_eq!(h.state().review().coders, vec![f.ana]);
    h.get_by_label("Tick two coders or more to compare them.");
    h.get_by_label("Ben").click();
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
    let span = range_of("treatment ends");
    h.get_by_label(&format!(
        "Graduate [{}–{}]: “treatment ends”",
        span.start, span.end
    ));
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
    let (short, long) = (range_of("A pit"), range_of("A pit is a hospital"));
    h.get_by_label(&format!("Pit [{}–{}]: “A pit”", short.start, short.end));
    h.get_by_label(&format!(
        "Pit [{}–{}]: “A pit is a hospital”",
        long.start, long.end
    ));
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
    let r = range_of("A pit");
    h.get_by_label(&format!("Consensus: [{}–{}]", r.start, r.end));

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
    h.get_by_label("turns / messages").click();
    frames(&mut h, 3);
    h.get_by_label("Per document");
}
