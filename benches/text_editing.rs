//! Typing in the transcript's edit mode (issue 16) on the generated 10 MB Chinese chat log with
//! 20,000 codings: CPU time of the frames in which keys are typed into a message's row editor
//! and deleted again, of the frame after a pause that hands the stretch typed to the session
//! (one exact text edit, every coding, message and view following it), and of all frames
//! together. Frames are driven headless through the whole window as in `transcript_view`, with
//! real key events. Also the model alone: one text edit applied to the project (and undone).
//! Run with `cargo bench --bench text_editing`.
//!
//! Budget (DESIGN.md §5, the issue): p95 per frame under 4 ms.

mod window;

use std::time::Instant;

use margin::model::{CharRange, TextEdit};
use margin::ui::Command;
use window::{summary, thread_cpu};

fn main() {
    let (mut d, doc, chars, _tmp) = window::open_chat_window(|_, _, _| {});
    d.app.run(Command::OpenDocument(doc), &d.ctx);
    for _ in 0..30 {
        d.frame(Vec::new());
    }

    // The model alone: insert a character in the middle of the document, and undo it.
    let mut model = Vec::new();
    {
        let mut project = d.app.session().expect("session").project().clone();
        let middle = {
            let dd = project.document(doc).expect("document");
            dd.segments[dd.segments.len() / 2].range.start + 1
        };
        for _ in 0..200 {
            let t = Instant::now();
            let undo = project
                .apply(TextEdit::new(doc, CharRange::new(middle, middle), "字").into_edit())
                .expect("edit");
            model.push(t.elapsed());
            project.apply(undo).expect("undo");
        }
        let t = Instant::now();
        let fresh = margin::model::Text::new(project.document(doc).expect("doc").text.as_str());
        eprintln!(
            "  (indexing the whole text afresh, for comparison: {:.2} ms)",
            t.elapsed().as_secs_f64() * 1e3
        );
        drop(fresh);
    }
    summary("apply one text edit (model only)", model, 4.0);

    // Edit mode on; click into the fourth message on screen.
    d.app.run(Command::ToggleEditText, &d.ctx);
    d.frame(Vec::new());
    let message = {
        let p = d.app.session().expect("session").project();
        p.document(doc).expect("document").segments[3].range
    };
    let at = d
        .app
        .transcript()
        .char_edge_after(message.start + 1)
        .expect("the fourth message is on screen");
    d.frame(vec![egui::Event::PointerMoved(at)]);
    for pressed in [true, false] {
        d.frame(vec![egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        }]);
    }
    for _ in 0..5 {
        d.frame(Vec::new());
    }

    // For comparison: frames in edit mode with the message open in its editor, nothing typed.
    let idle: Vec<_> = (0..200).map(|_| d.frame(Vec::new())).collect();
    summary("edit mode, nothing typed (frame)", idle, 4.0);

    // Typing: keys into the row editor, a frame each (60 a second), in stretches of 15 with a
    // pause after each (the stretch then goes to the session as one exact edit), then as many
    // Backspaces, in stretches too.
    let key = |k: egui::Key| {
        vec![egui::Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }]
    };
    let length = |d: &window::Driver| {
        let p = d.app.session().expect("session").project();
        p.document(doc).expect("document").text.char_len()
    };
    let (mut typing, mut deleting, mut handing, mut all) = (vec![], vec![], vec![], vec![]);
    let mut pause = |d: &mut window::Driver, all: &mut Vec<_>| {
        // The frames of a pause: the one that hands the stretch over costs the most.
        let frames: Vec<_> = (0..30).map(|_| d.frame(Vec::new())).collect();
        all.extend(frames.iter().copied());
        handing.push(frames.iter().copied().max().unwrap_or_default());
    };
    let start = length(&d);
    for _ in 0..10 {
        for _ in 0..15 {
            let t = d.frame(vec![egui::Event::Text("好".into())]);
            typing.push(t);
            all.push(t);
        }
        pause(&mut d, &mut all);
        for _ in 0..15 {
            let t = d.frame(key(egui::Key::Backspace));
            deleting.push(t);
            all.push(t);
        }
        pause(&mut d, &mut all);
    }
    let cpu = thread_cpu().is_some();
    let typed_back = length(&d) == start;
    summary("type a character (frame)", typing, 4.0);
    summary("delete a character (frame)", deleting, 4.0);
    summary("hand a stretch to the session (frame)", handing, 4.0);
    summary("every frame while typing and pausing", all, 4.0);
    assert!(
        typed_back,
        "the typing and deleting left the text as it was"
    );
    let steps = {
        let s = d.app.session().expect("session");
        s.undo_redo_labels().0.map(str::to_owned)
    };
    assert_eq!(
        steps.as_deref(),
        Some("Edit text"),
        "the typing reached the session"
    );
    let saves = d.app.autosave().map_or(0, margin::session::Autosave::saves);
    d.app.flush().expect("save");
    eprintln!(
        "  ({chars} characters; {saves} background saves during the run; {} time)",
        if cpu { "thread CPU" } else { "wall" }
    );
}
