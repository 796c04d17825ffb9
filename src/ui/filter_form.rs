//! The coding filter of the analysis window, shared by the retrieval and the tables tabs:
//! documents, cases and coders to keep, attribute conditions (`region=Shandong; age=40..50`,
//! typed, or built from an attribute, an operator and the attribute's own values), when chat
//! messages were sent and when codings were made.

use std::collections::BTreeSet;

use egui::Ui;

use super::error::UiError;
use super::i18n::tr;

use crate::analysis::filter::{AttributeCondition, CodingFilter, DateSpan};
use crate::model::{AttributeId, AttributeKind, CaseId, CoderId, DocumentId, Project};

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
    /// The condition being built with the lists (added to `attributes` as typed syntax).
    pub draft: ConditionDraft,
}

/// How a built condition compares an attribute's value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Operator {
    /// Equal to the value.
    #[default]
    Is,
    /// At least the value (numbers and dates).
    AtLeast,
    /// At most the value (numbers and dates).
    AtMost,
    /// Between two values, both included (numbers and dates).
    Between,
}

impl Operator {
    /// The operator in words.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Is => tr!("filter-op-is"),
            Self::AtLeast => tr!("filter-op-at-least"),
            Self::AtMost => tr!("filter-op-at-most"),
            Self::Between => tr!("filter-op-between"),
        }
    }
}

/// A condition on one attribute, being built: the attribute, the operator and the values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConditionDraft {
    /// The attribute.
    pub attribute: Option<AttributeId>,
    /// How it compares.
    pub operator: Operator,
    /// The value (the lower one for "between").
    pub value: String,
    /// The upper value for "between".
    pub value_to: String,
}

impl ConditionDraft {
    /// The condition in the typed syntax (`region=Shandong`, `age=40..50`), when complete.
    #[must_use]
    pub fn syntax(&self, project: &Project) -> Option<String> {
        let name = &project.attributes().get(&self.attribute?)?.name;
        let (v, w) = (self.value.trim(), self.value_to.trim());
        if v.is_empty() || (self.operator == Operator::Between && w.is_empty()) {
            return None;
        }
        Some(match self.operator {
            Operator::Is => format!("{name}={v}"),
            Operator::AtLeast => format!("{name}={v}.."),
            Operator::AtMost => format!("{name}=..{v}"),
            Operator::Between => format!("{name}={v}..{w}"),
        })
    }
}

/// The values the cases hold for `attribute`, each once, in order (numbers by value).
fn values_of(project: &Project, attribute: AttributeId) -> Vec<String> {
    let mut values: Vec<&crate::model::Value> = project
        .cases()
        .values()
        .filter_map(|c| c.values.get(&attribute))
        .collect();
    values.sort_by(|a, b| match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.to_string().cmp(&b.to_string()),
    });
    let mut out: Vec<String> = values.iter().map(ToString::to_string).collect();
    out.dedup();
    out
}

fn open(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn span(from: &str, to: &str) -> Result<Option<DateSpan>, UiError> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() && to.is_empty() {
        return Ok(None);
    }
    Ok(Some(DateSpan::parse(open(from), open(to))?))
}

impl FilterForm {
    /// The filter the form describes, or why it is not one (an unknown attribute, a bad date).
    pub fn filter(&self, project: &Project) -> Result<CodingFilter, UiError> {
        let attributes = self
            .attributes
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| AttributeCondition::parse(project, s).map_err(UiError::from))
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
        tr!("filter-set-all", title = title)
    } else {
        tr!("filter-set-some", title = title, count = set.len())
    };
    ui.menu_button(heading, |ui| {
        if ui.button(tr!("filter-all")).clicked() {
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
        pick_set(tr!("filter-documents"), &docs, &mut form.documents, ui);
        let cases = by_name(project.cases().values().map(|c| (c.id, &c.name)));
        pick_set(tr!("filter-cases"), &cases, &mut form.cases, ui);
        let coders = by_name(project.coders().values().map(|c| (c.id, &c.name)));
        pick_set(tr!("filter-coders"), &coders, &mut form.coders, ui);
    });
    let mut entered = |r: egui::Response, ui: &Ui| {
        apply |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    };
    ui.horizontal(|ui| {
        ui.label(tr!("filter-attributes"));
        let names: Vec<String> = project
            .attributes_sorted()
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut form.attributes)
                    .hint_text(tr!("filter-attributes-hint"))
                    .desired_width(280.0),
            )
            .on_hover_text(tr!(
                "filter-attributes-hover",
                names = names.join(tr!("list-separator"))
            ));
        entered(edit, ui);
    });
    let added = condition_builder_ui(form, project, ui);
    ui.horizontal(|ui| {
        ui.label(tr!("filter-sent"));
        for (s, hint) in [
            (&mut form.sent_from, tr!("filter-from")),
            (&mut form.sent_to, tr!("filter-until")),
        ] {
            let r = ui.add(
                egui::TextEdit::singleline(s)
                    .hint_text(hint)
                    .desired_width(80.0),
            );
            entered(r, ui);
        }
        ui.label(tr!("filter-coded"));
        for (s, hint) in [
            (&mut form.coded_from, tr!("filter-from")),
            (&mut form.coded_to, tr!("filter-until")),
        ] {
            let r = ui.add(
                egui::TextEdit::singleline(s)
                    .hint_text(hint)
                    .desired_width(80.0),
            );
            entered(r, ui);
        }
    });
    apply || added
}

/// The condition builder: an attribute, an operator, values from the attribute's own values,
/// and "Add", which appends the condition to the typed conditions. Returns true when one was
/// added (the filter should be applied).
fn condition_builder_ui(form: &mut FilterForm, project: &Project, ui: &mut Ui) -> bool {
    let attributes = project.attributes_sorted();
    if attributes.is_empty() {
        return false;
    }
    let draft = &mut form.draft;
    let mut added = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!("filter-add-condition"));
        let current = draft.attribute.and_then(|a| project.attributes().get(&a));
        egui::ComboBox::from_id_salt("condition-attribute")
            .selected_text(current.map_or(tr!("filter-attribute"), |a| a.name.as_str()))
            .show_ui(ui, |ui| {
                for a in &attributes {
                    if ui
                        .selectable_label(draft.attribute == Some(a.id), &a.name)
                        .clicked()
                    {
                        if draft.attribute != Some(a.id) {
                            draft.value.clear();
                            draft.value_to.clear();
                            draft.operator = Operator::Is;
                        }
                        draft.attribute = Some(a.id);
                    }
                }
            });
        let Some(attribute) = draft.attribute.and_then(|a| project.attributes().get(&a)) else {
            return;
        };
        let ordered = matches!(attribute.kind, AttributeKind::Number | AttributeKind::Date);
        let operators: &[Operator] = if ordered {
            &[
                Operator::Is,
                Operator::AtLeast,
                Operator::AtMost,
                Operator::Between,
            ]
        } else {
            &[Operator::Is]
        };
        egui::ComboBox::from_id_salt("condition-operator")
            .selected_text(draft.operator.title())
            .show_ui(ui, |ui| {
                for op in operators {
                    ui.selectable_value(&mut draft.operator, *op, op.title());
                }
            });
        let values = values_of(project, attribute.id);
        let pick = |salt: &str, value: &mut String, ui: &mut Ui| {
            egui::ComboBox::from_id_salt(salt)
                .selected_text(if value.is_empty() {
                    tr!("filter-value")
                } else {
                    value.as_str()
                })
                .show_ui(ui, |ui| {
                    for v in &values {
                        ui.selectable_value(value, v.clone(), v);
                    }
                });
        };
        pick("condition-value", &mut draft.value, ui);
        if draft.operator == Operator::Between {
            ui.label(tr!("filter-and"));
            pick("condition-value-to", &mut draft.value_to, ui);
        }
        let syntax = draft.syntax(project);
        if ui
            .add_enabled(syntax.is_some(), egui::Button::new(tr!("filter-add")))
            .on_hover_text(tr!("filter-add-hover"))
            .clicked()
            && let Some(condition) = syntax
        {
            let typed = form.attributes.trim().trim_end_matches(';').trim();
            form.attributes = if typed.is_empty() {
                condition
            } else {
                format!("{typed}; {condition}")
            };
            *draft = ConditionDraft::default();
            added = true;
        }
    });
    added
}
