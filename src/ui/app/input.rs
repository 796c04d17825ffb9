//! Keys that work anywhere in the window: menu shortcuts, code keys, F6 between panels, and
//! files dropped on the window.

use std::path::PathBuf;

use egui::Key;

use super::MarginApp;
use crate::ui::command::Command;
use crate::ui::keys::code_for_key;

impl MarginApp {
    pub(super) fn global_keys(&mut self, ctx: &egui::Context) {
        if self.dialog_open() {
            // Quitting works whatever is open (the window saves on the way out).
            if let Some(s) = Command::Quit.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.queued.push(Command::Quit);
            }
            return;
        }
        let typing = ctx.text_edit_focused();
        let nothing_focused = ctx.memory(egui::Memory::focused).is_none();
        for cmd in Command::with_shortcuts() {
            if typing && cmd.yields_to_text_fields() {
                continue;
            }
            if let Some(s) = cmd.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.queued.push(cmd);
            }
        }
        // F6 and Shift+F6 move between the panels, even from a text field.
        for (modifiers, forward) in [
            (egui::Modifiers::SHIFT, false),
            (egui::Modifiers::NONE, true),
        ] {
            if ctx.input_mut(|i| i.consume_key(modifiers, Key::F6)) {
                self.cycle_focus(ctx, forward);
            }
        }
        // Ctrl+= is Ctrl+Plus without Shift on most keyboards.
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Equals)) {
            self.queued.push(Command::TextBigger);
        }
        if typing {
            return;
        }
        // Code keys (1–9 and assigned letters) and Delete, when no text field has the keyboard.
        let keys: Vec<Key> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        repeat: false,
                        modifiers,
                        ..
                    } if modifiers.is_none() => Some(*key),
                    _ => None,
                })
                .collect()
        });
        for key in keys {
            if key == Key::Delete {
                // The transcript and the codebook handle Delete themselves when focused.
                if nothing_focused {
                    self.queued.push(Command::RemoveSelectedCoding);
                }
                continue;
            }
            let name = key.name();
            let mut chars = name.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if let Some(code) = code_for_key(&self.keys, c) {
                self.queued.push(Command::CodeSelection(code));
            }
        }
        // Files dropped on the window are imported.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.queued.push(Command::ImportFiles(dropped));
        }
    }

    /// Give the keyboard to the next (or previous) panel: documents, transcript, codebook.
    pub(super) fn cycle_focus(&mut self, ctx: &egui::Context, forward: bool) {
        if self.session.is_none() {
            return;
        }
        // The panel the focused widget overlaps most (the transcript is taller than its panel).
        let focused = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
            .map(|r| r.rect);
        let n = self.panel_rects.len();
        let current = focused.and_then(|w| {
            (0..n)
                .map(|i| (i, self.panel_rects[i].intersect(w)))
                .filter(|(_, r)| r.is_positive())
                .max_by(|a, b| a.1.area().total_cmp(&b.1.area()))
                .map(|(i, _)| i)
        });
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        match next {
            0 => self.documents.focus = true,
            1 => self.transcript.focus(),
            _ => self.codebook.focus = true,
        }
        ctx.request_repaint();
    }
}
