//! The coding filter of the analysis window, shared by the retrieval and the tables tabs:
//! documents, cases and coders to keep, attribute conditions (`region=Shandong; age=40..50`),
//! when chat messages were sent and when codings were made.

use std::collections::BTreeSet;

use egui::Ui;

use crate::analysis::filter::{AttributeCondition, CodingFilter, DateSpan};
use crate::model::{CaseId, CoderId, DocumentId, Project};

/// The filter as the user typed and ticked it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterForm {
    /// Only these documents (none: all).
    pub documents: BTreeSet<DocumentId>,
    /// Only these cases (none: all).
    pub cases: BTreeSet<CaseId>,
    /// Only codings by these coders (none: all).
    pub coders: BTreeSet<CoderId>,
    /// Attribute conditions as typed, separated by `;` (`region=Shandong; age=40..50`).
    pub attributes: String,
    /// Chat messages sent from (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub sent_from: String,
    /// Chat messages sent until.
    pub sent_to: String,
    /// Codings made from.
    pub coded_from: String,
    /// Codings made until.
    pub coded_to: String,
}

fn open(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn span(from: &str, to: &str) -> Result<Option<DateSpan>, String> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() && to.is_empty() {
        return Ok(None);
    }
    DateSpan::parse(open(from), open(to))
        .map(Some)
        .map_err(|e| e.to_string())
}

impl FilterForm {
    /// The filter the form describes, or why it is not one (an unknown attribute, a bad date).
    pub fn filter(&self, project: &Project) -> Result<CodingFilter, String> {
        let attributes = self
            .attributes
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| AttributeCondition::parse(project, s).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CodingFilter {
            documents: self.documents.iter().copied().collect(),
            cases: self.cases.iter().copied().collect(),
            attributes,
            coders: self.coders.iter().copied().collect(),
            message_time: span(&self.sent_from, &self.sent_to)?,
            coded_time: span(&self.coded_from, &self.coded_to)?,
        })
    }
}

fn pick_set<T: Ord + Copy>(title: &str, items: &[(T, String)], set: &mut BTreeSet<T>, ui: &mut Ui) {
    let heading = if set.is_empty() {
        format!("{title}: all")
    } else {
        format!("{title}: {}", set.len())
    };
    ui.menu_button(heading, |ui| {
        if ui.button("All").clicked() {
            set.clear();
        }
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (id, name) in items {
                    let mut on = set.contains(id);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            set.insert(*id);
                        } else {
                            set.remove(id);
                        }
                    }
                }
            });
    });
}

/// Ids with their names, sorted by name.
fn by_name<'a, T>(items: impl Iterator<Item = (T, &'a String)>) -> Vec<(T, String)> {
    let mut v: Vec<(T, String)> = items.map(|(id, name)| (id, name.clone())).collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

/// The filter's fields. Returns true when the user asked to apply it (Enter in a text field).
pub fn filter_ui(form: &mut FilterForm, project: &Project, ui: &mut Ui) -> bool {
    let mut apply = false;
    ui.horizontal_wrapped(|ui| {
        let docs = by_name(project.documents().values().map(|d| (d.id, &d.name)));
        pick_set("Documents", &docs, &mut form.documents, ui);
        let cases = by_name(project.cases().values().map(|c| (c.id, &c.name)));
        pick_set("Cases", &cases, &mut form.cases, ui);
        let coders = by_name(project.coders().values().map(|c| (c.id, &c.name)));
        pick_set("Coders", &coders, &mut form.coders, ui);
    });
    let mut entered = |r: egui::Response, ui: &Ui| {
        apply |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    };
    ui.horizontal(|ui| {
        ui.label("Attributes");
        let names: Vec<String> = project
            .attributes_sorted()
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut form.attributes)
                    .hint_text("region=Shandong; age=40..50")
                    .desired_width(280.0),
            )
            .on_hover_text(format!(
                "name=value (several values: a,b; a range: 40..50), conditions separated by ;\nAttributes: {}",
                names.join(", ")
            ));
        entered(edit, ui);
    });
    ui.horizontal(|ui| {
        ui.label("Messages sent");
        for (s, hint) in [(&mut form.sent_from, "from"), (&mut form.sent_to, "until")] {
            let r = ui.add(
                egui::TextEdit::singleline(s)
                    .hint_text(hint)
                    .desired_width(80.0),
            );
            entered(r, ui);
        }
        ui.label("Coded");
        for (s, hint) in [
            (&mut form.coded_from, "from"),
            (&mut form.coded_to, "until"),
        ] {
            let r = ui.add(
                egui::TextEdit::singleline(s)
                    .hint_text(hint)
                    .desired_width(80.0),
            );
            entered(r, ui);
        }
    });
    apply
}
