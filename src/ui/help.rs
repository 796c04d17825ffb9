//! Help in the window: a short "how to" (code, compare, export), every keyboard shortcut (the
//! commands' own, from [`Command::with_shortcuts`], and the keys panels handle themselves), and
//! the short explanations of the terms the window uses (κ, α, u-α, cu-α, in-vivo, coded
//! retrieval), which the panels also show on hover.

use egui::{RichText, Ui};

use super::command::Command;

/// What the help window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HelpTab {
    /// How to code, compare and export.
    #[default]
    HowTo,
    /// The keyboard shortcuts.
    Shortcuts,
    /// The terms the window uses.
    Terms,
}

/// The help window's state.
#[derive(Debug, Default)]
pub struct HelpState {
    /// Whether it is shown.
    pub open: bool,
    /// The tab shown.
    pub tab: HelpTab,
}

/// Percent agreement, explained.
pub const AGREE: &str = "Percent agreement: the share of units (characters, or turns and \
messages) that both coders coded the same way, with the code or without it.";
/// Cohen's κ, explained.
pub const KAPPA: &str = "Cohen's κ (kappa): agreement corrected for chance, from −1 to 1. 0 is \
what chance gives, 1 is perfect agreement; above 0.8 is usually called strong.";
/// Krippendorff's α, explained.
pub const ALPHA: &str = "Krippendorff's α (alpha): agreement corrected for chance that works \
for any number of coders; 1 is perfect, 0 is chance, 0.8 the usual bar.";
/// Krippendorff's u-α, explained.
pub const U_ALPHA: &str = "u-α (unitizing alpha): agreement on where the coded stretches begin \
and end as well as on the code, counted on characters; 1 when the coders marked exactly the \
same text.";
/// |u-α, explained.
pub const BINARY_U_ALPHA: &str = "|u-α: whether the coders coded the same text with some code \
of this domain at all, whichever code it was.";
/// cu-α, explained.
pub const CU_ALPHA: &str = "cu-α: on the text that both coders coded within the domain, \
whether they gave it the same code.";
/// Cu-α, explained.
pub const CAP_CU_ALPHA: &str = "Cu-α: on the text both coders coded, whether they put it in the \
same domain (top-level code).";
/// In-vivo coding, explained.
pub const IN_VIVO: &str = "In-vivo code: a code named with the participant's own words, made \
from the selected text in one step (Ctrl+Shift+I).";
/// Coded retrieval, explained.
pub const CODED_RETRIEVAL: &str = "Coded retrieval: every passage coded with a code, gathered \
from all documents, narrowed by case attributes if you like, to read together or export.";

/// The steps of the "how to" page: a title and its steps.
const HOW_TO: [(&str, &[&str]); 3] = [
    (
        "Code",
        &[
            "Open a document from the list on the left.",
            "Select text with the mouse (or Shift and the arrow keys).",
            "Click a code in the codebook, press its key (1–9), drag the selection onto a code, \
             or right-click the selection and choose Code with….",
            "To make a code from the participant's words, choose In-vivo code (Ctrl+Shift+I).",
            "Click a highlight to see its coding in the inspector: change its code, move its \
             edges, write a memo. Ctrl+Z undoes any step.",
        ],
    ),
    (
        "Compare with a colleague",
        &[
            "Bring your colleague's copy in with Merge another copy… in the File menu.",
            "Open Team review (Ctrl+Shift+R). The coders who coded the same documents are \
             ticked; tick or untick others.",
            "Step through the disagreements with F8 (Shift+F8 goes back). Each shows every \
             coder's version; accept one, both or neither to settle it in the consensus.",
            "The Agreement tab gives percent agreement, κ, α and u-α per code and document.",
        ],
    ),
    (
        "Export",
        &[
            "Open Coded retrieval… in the Analysis menu, pick a code and, if you like, a \
             filter on case attributes.",
            "Export the excerpts as CSV, Excel, Word, HTML or Markdown.",
            "Tables (co-occurrence, crosstabs) export as CSV from their tab.",
            "The command line's margin export writes the whole project for other programs \
             (REFI-QDA, .qdpx).",
        ],
    ),
];

/// The help window, when open.
pub fn help_ui(state: &mut HelpState, ctx: &egui::Context) {
    let mut open = state.open;
    egui::Window::new("Help")
        .open(&mut open)
        .default_size([560.0, 520.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut state.tab, HelpTab::HowTo, "How to");
                ui.selectable_value(&mut state.tab, HelpTab::Shortcuts, "Keyboard shortcuts");
                ui.selectable_value(&mut state.tab, HelpTab::Terms, "Terms");
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match state.tab {
                    HelpTab::HowTo => how_to_ui(ui),
                    HelpTab::Shortcuts => shortcuts_ui(ui),
                    HelpTab::Terms => terms_ui(ui),
                });
        });
    state.open = open;
}

fn how_to_ui(ui: &mut Ui) {
    for (title, steps) in HOW_TO {
        ui.label(RichText::new(title).strong());
        for (i, step) in steps.iter().enumerate() {
            ui.horizontal_top(|ui| {
                ui.label(format!("{}.", i + 1));
                ui.add(egui::Label::new(*step).wrap());
            });
        }
        ui.add_space(8.0);
    }
}

/// The keys panels handle themselves (not commands with a shortcut).
const OTHER_KEYS: [(&str, &str); 13] = [
    ("1 – 9, keys you assign", "Code the selection"),
    ("Delete", "Remove the selected coding"),
    ("Shift + arrows", "Select text"),
    ("Ctrl + arrows", "Move by word"),
    ("Escape", "Let go of the selection, then close the find bar"),
    ("Enter / Shift+Enter (find bar)", "Next / previous match"),
    (
        "F8 / Shift+F8 (Team review)",
        "Next / previous disagreement",
    ),
    (
        "Right-click the selection",
        "Code with…, in-vivo, copy with attribution",
    ),
    (
        "Click a speaker or sender",
        "Select the whole turn or message",
    ),
    ("F6, Shift+F6", "Move between the panels"),
    ("Tab", "Move between fields"),
    ("F2 (in the codebook)", "Rename the code"),
    (
        "Shift+F10 or Menu (in the codebook)",
        "More: colour, merge, delete…",
    ),
];

fn shortcuts_ui(ui: &mut Ui) {
    egui::Grid::new("help-shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            let row = |ui: &mut Ui, keys: &str, what: &str| {
                ui.label(RichText::new(keys).monospace());
                ui.label(what);
                ui.end_row();
            };
            for cmd in Command::with_shortcuts() {
                if let Some(s) = cmd.shortcut() {
                    row(ui, &ui.ctx().format_shortcut(&s), &cmd.label());
                }
            }
            for (keys, what) in OTHER_KEYS {
                row(ui, keys, what);
            }
        });
}

fn terms_ui(ui: &mut Ui) {
    for text in [
        AGREE,
        KAPPA,
        ALPHA,
        U_ALPHA,
        BINARY_U_ALPHA,
        CU_ALPHA,
        CAP_CU_ALPHA,
        IN_VIVO,
        CODED_RETRIEVAL,
    ] {
        ui.add(egui::Label::new(text).wrap());
        ui.add_space(4.0);
    }
}
