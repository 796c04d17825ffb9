//! Typing in the transcript's edit mode (issue 16) on the generated 10 MB Chinese chat log with
//! 20,000 codings: CPU time of a frame in which one character is typed into a message (the
//! exact text edit applied through the session, every coding, message and view following it,
//! the row editor and the transcript drawn), and of a frame that deletes one. Frames are
//! driven headless through the whole window as in `transcript_view`; the row editor's own
//! handling of the key is replaced by the edit it would hand the session. Also the model alone:
//! one text edit applied to the project (and undone). Run with
//! `cargo bench --bench text_editing`.
//!
//! Budget (DESIGN.md §5, the issue): p95 per frame under 4 ms.

mod window;

use std::time::Instant;

use margin::model::{CharRange, TextEdit};
use margin::session::Action;
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
    // And the session alone: one typed character executed, no frame drawn.
    let mut executed = Vec::new();
    for _ in 0..100 {
        let at = {
            let p = d.app.session().expect("session").project();
            p.document(doc).expect("document").segments[3].range.end
        };
        let t = thread_cpu().map(|_| Instant::now());
        d.app.run(
            Command::Edit(Action::EditText {
                document: doc,
                range: CharRange::new(at, at),
                text: "好".into(),
            }),
            &d.ctx,
        );
        executed.push(t.map_or_else(std::time::Duration::default, |t| t.elapsed()));
        d.frame(Vec::new());
    }
    summary("type a character (session and views)", executed, 4.0);

    // Typing: one character a frame at the end of the message, then deleting them again.
    let mut typing = Vec::new();
    let mut deleting = Vec::new();
    let end = |d: &window::Driver| {
        let p = d.app.session().expect("session").project();
        p.document(doc).expect("document").segments[3].range.end
    };
    for _ in 0..10 {
        for _ in 0..30 {
            let at = end(&d);
            d.app.queue(Command::Edit(Action::EditText {
                document: doc,
                range: CharRange::new(at, at),
                text: "好".into(),
            }));
            typing.push(d.frame(Vec::new()));
        }
        for _ in 0..30 {
            let at = end(&d);
            d.app.queue(Command::Edit(Action::EditText {
                document: doc,
                range: CharRange::new(at - 1, at),
                text: String::new(),
            }));
            deleting.push(d.frame(Vec::new()));
        }
    }
    let cpu = thread_cpu().is_some();
    summary("type a character (frame)", typing, 4.0);
    summary("delete a character (frame)", deleting, 4.0);
    let saves = d.app.autosave().map_or(0, margin::session::Autosave::saves);
    d.app.flush().expect("save");
    eprintln!(
        "  ({chars} characters; {saves} background saves during the run; {} time)",
        if cpu { "thread CPU" } else { "wall" }
    );
}
