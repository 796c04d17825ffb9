//! Team review: a side panel to compare two or more coders' codings, step through their
//! disagreements (F8 / Shift+F8), see every coder's version with codes and notes, settle each one
//! as the consensus coder (accept one version, both, or neither; each decision one undo step),
//! comment on a coding, and read the agreement table (per code and per document: percent, κ, α,
//! u-α, by character or by segment; per semantic domain: |u-α, u-α, cu-α, and Cu-α).
//!
//! The panel returns [`Command`]s like every other; it recomputes the comparison when the project
//! changed in a way that can touch it (the app calls [`ReviewState::project_changed`]).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Key, Modifiers, RichText, Ui};

use super::command::Command;
use super::i18n::tr;
use super::quote::quote_start;
use super::theme;
use crate::analysis::agreement::{
    AgreementOptions, AgreementReport, Comparison, Measures, Passage, Resolution, Unit, agreement,
    compare, consensus_coder, consensus_coder_or_new,
};
use crate::model::{CoderId, DocumentId, Edit, Project};
use crate::session::Action;
use crate::session::Changes;

/// What the review panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewTab {
    /// The disagreements, one at a time.
    #[default]
    Compare,
    /// The agreement table.
    Agreement,
}

/// The review panel's state.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// Whether the panel is shown.
    pub open: bool,
    /// The coders compared, in display order.
    pub coders: Vec<CoderId>,
    /// The passage shown (an index into the comparison's passages).
    pub current: Option<usize>,
    /// The tab.
    pub tab: ReviewTab,
    /// The unit of the agreement table.
    pub unit: Unit,
    comparison: Option<Result<Arc<Comparison>, String>>,
    report: Option<Result<AgreementReport, String>>,
    comment: String,
    /// Scroll the list of disagreements to the current one next frame.
    follow: bool,
    /// Which passages of the comparison the consensus coder has settled, computed when missing
    /// (any change to the project forgets it).
    resolved: Option<Vec<bool>>,
}

impl ReviewState {
    /// The project changed: bring the comparison up to date. Codings of coders not compared
    /// (the consensus coder's decisions) leave it as it is; codings of compared coders are
    /// compared again document by document; anything else computes it afresh when next needed.
    /// While fewer than two coders are compared, a change that brings a second coder's codings
    /// (a team sync, a merge, an imported project) compares them at once.
    pub fn project_changed(&mut self, project: &Project, changes: &Changes) {
        self.resolved = None;
        if self.open && self.coders.len() < 2 {
            let coders = default_coders(project);
            if coders.len() >= 2 {
                self.coders = coders;
                self.mark_stale();
                return;
            }
        }
        let (Changes::Codings(ids), Some(Ok(c))) = (changes, &mut self.comparison) else {
            self.mark_stale();
            return;
        };
        let mut documents: Vec<DocumentId> = Vec::new();
        for id in ids {
            let document = match project.coding(*id) {
                Some(coding) if c.coders.contains(&coding.coder) => Some(coding.document),
                Some(_) => None,
                // Removed: it mattered if the comparison had it.
                None => c
                    .documents
                    .iter()
                    .find(|d| d.codings.iter().any(|v| v.contains(id)))
                    .map(|d| d.document),
            };
            documents.extend(document.filter(|d| !documents.contains(d)));
        }
        if documents.is_empty() {
            return;
        }
        self.report = None;
        let current = self
            .current
            .and_then(|i| c.passages.get(i))
            .map(|p| (p.document, p.code, p.range));
        // The transcript let go of its share (`TranscriptState::apply_changes`), so this edits
        // the comparison in place instead of copying it.
        let c = Arc::make_mut(c);
        if !documents.iter().all(|d| c.refresh_document(project, *d)) {
            self.mark_stale();
            return;
        }
        // Keep the passage under review, or the next one in its document.
        self.current = current.and_then(|(doc, code, range)| {
            let within = c.document(doc)?.passages.clone();
            within
                .clone()
                .find(|&i| c.passages[i].code == code && c.passages[i].range == range)
                .or_else(|| {
                    within
                        .clone()
                        .find(|&i| c.passages[i].range.start >= range.start)
                })
        });
    }

    /// Forget the computed comparison and table.
    pub fn mark_stale(&mut self) {
        self.comparison = None;
        self.report = None;
        self.resolved = None;
    }

    /// Which passages of the comparison are settled: the consensus coder holds a decision on
    /// them (one version accepted, or both). Computed when missing.
    pub fn resolved(&mut self, project: &Project) -> &[bool] {
        if self.resolved.is_none() {
            let settled = match (&self.comparison, consensus_coder(project)) {
                (Some(Ok(c)), Some(cons)) => {
                    crate::analysis::agreement::settled(project, c, cons.id)
                }
                (Some(Ok(c)), None) => vec![false; c.passages.len()],
                _ => Vec::new(),
            };
            self.resolved = Some(settled);
        }
        self.resolved.as_deref().unwrap_or_default()
    }

    /// Forget everything (another project was opened).
    pub fn reset(&mut self) {
        *self = Self {
            open: self.open,
            ..Self::default()
        };
    }

    /// The comparison of the chosen coders, computed when missing.
    pub fn comparison(&mut self, project: &Project) -> Option<&Comparison> {
        if self.coders.len() < 2 {
            return None;
        }
        if self.comparison.is_none() {
            let options = AgreementOptions {
                coders: self.coders.clone(),
                documents: Vec::new(),
                unit: self.unit,
            };
            self.comparison = Some(
                compare(project, &options)
                    .map(Arc::new)
                    .map_err(|e| e.to_string()),
            );
            if let Some(Ok(c)) = &self.comparison
                && self.current.is_some_and(|i| i >= c.passages.len())
            {
                self.current = None;
            }
        }
        self.comparison
            .as_ref()
            .and_then(|c| c.as_ref().ok())
            .map(AsRef::as_ref)
    }

    /// The comparison, shared (the transcript marks its passages), computed when missing.
    pub fn shared_comparison(&mut self, project: &Project) -> Option<Arc<Comparison>> {
        self.comparison(project)?;
        self.shared_comparison_now()
    }

    /// The comparison as last computed, without computing it (tests).
    #[must_use]
    pub fn shared_comparison_now(&self) -> Option<Arc<Comparison>> {
        self.comparison.as_ref()?.as_ref().ok().cloned()
    }

    /// The passage shown, if any.
    #[must_use]
    pub fn current_passage(&self) -> Option<&Passage> {
        let c = self.comparison.as_ref()?.as_ref().ok()?;
        c.passages.get(self.current?)
    }

    /// Go to the next (or previous) disagreement; returns the command that shows it.
    pub fn step(&mut self, project: &Project, forward: bool) -> Option<Command> {
        let current = self.current;
        let c = self.comparison(project)?;
        let next = if forward {
            c.next_disagreement(current)
        } else {
            c.previous_disagreement(current)
        }?;
        self.select(project, next)
    }

    /// Review passage `index` (of the comparison); returns the command that shows it.
    pub fn select(&mut self, project: &Project, index: usize) -> Option<Command> {
        let p = self.comparison(project)?.passages.get(index)?;
        let cmd = Command::ShowPassage {
            document: p.document,
            range: p.range,
        };
        self.current = Some(index);
        self.tab = ReviewTab::Compare;
        self.follow = true;
        Some(cmd)
    }
}

/// Percent, κ or α as text.
fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{:.1}%", v * 100.0))
}

fn coef(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

/// The review panel.
pub fn review_ui(
    state: &mut ReviewState,
    project: &Project,
    me: Option<CoderId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr!("review-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("×")
                .on_hover_text(tr!("review-close"))
                .clicked()
            {
                commands.push(Command::ToggleReview);
            }
        });
    });
    coders_ui(state, project, me, ui, &mut commands);
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut state.tab,
            ReviewTab::Compare,
            tr!("review-tab-disagreements"),
        );
        ui.selectable_value(
            &mut state.tab,
            ReviewTab::Agreement,
            tr!("review-tab-agreement"),
        );
    });
    ui.separator();
    if state.coders.len() < 2 {
        ui.label(RichText::new(tr!("review-tick-two")).weak());
        return commands;
    }
    match state.tab {
        ReviewTab::Compare => compare_ui(state, project, me, ui, &mut commands),
        ReviewTab::Agreement => agreement_ui(state, project, ui),
    }
    commands
}

/// "You are": the coder combobox (with "New coder…"), blind mode, and the coders to compare.
fn coders_ui(
    state: &mut ReviewState,
    project: &Project,
    me: Option<CoderId>,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let consensus = consensus_coder(project).map(|c| c.id);
    let mut coders: Vec<_> = project.coders().values().collect();
    coders.sort_by(|a, b| a.name.cmp(&b.name));
    ui.horizontal(|ui| {
        ui.label(tr!("review-you-are"));
        let name = me
            .and_then(|c| project.coder(c))
            .map_or(tr!("review-nobody"), |c| c.name.as_str());
        egui::ComboBox::from_id_salt("review-me")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for c in &coders {
                    if ui.selectable_label(Some(c.id) == me, &c.name).clicked() {
                        commands.push(Command::SetCoderName(c.name.clone()));
                    }
                }
                ui.separator();
                if ui.button(tr!("review-new-coder")).clicked() {
                    commands.push(Command::AskCoderName);
                }
            });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!("review-compare"));
        for c in &coders {
            if Some(c.id) == consensus {
                continue;
            }
            let mut on = state.coders.contains(&c.id);
            let text = RichText::new(&c.name).color(theme::color(c.color));
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    state.coders.push(c.id);
                } else {
                    state.coders.retain(|x| *x != c.id);
                }
                state.current = None;
                state.mark_stale();
            }
        }
    });
}

#[allow(clippy::too_many_lines)]
fn compare_ui(
    state: &mut ReviewState,
    project: &Project,
    me: Option<CoderId>,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    if let Some(Err(e)) = {
        state.comparison(project);
        &state.comparison
    } {
        ui.colored_label(ui.visuals().error_fg_color, e.clone());
        return;
    }
    let current = state.current;
    let Some(c) = state.comparison(project) else {
        return;
    };
    let total = c.disagreement_count();
    let agreed = c.passages.len() - total;
    let position = current.map(|cur| c.disagreements().take_while(|(i, _)| *i <= cur).count());
    let Some(c) = state.shared_comparison(project) else {
        return;
    };
    let settled = state.resolved(project).to_vec();
    let is_settled = |i: usize| settled.get(i).copied().unwrap_or(false);
    let resolved = c.disagreements().filter(|(i, _)| is_settled(*i)).count();
    ui.horizontal(|ui| {
        let prev = ui
            .button(tr!("review-previous"))
            .on_hover_text(tr!("review-previous-hover"))
            .clicked();
        let next = ui
            .button(tr!("review-next"))
            .on_hover_text(tr!("review-next-hover"))
            .clicked();
        let keys = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::SHIFT, Key::F8),
                i.consume_key(Modifiers::NONE, Key::F8),
            )
        });
        let label = match position {
            Some(n) => tr!("review-position", n = n, total = total),
            None => tr!("review-totals", total = total, agreed = agreed),
        };
        ui.add(egui::Label::new(label).truncate());
        if (prev || keys.0)
            && let Some(cmd) = state.step(project, false)
        {
            commands.push(cmd);
        } else if (next || keys.1)
            && let Some(cmd) = state.step(project, true)
        {
            commands.push(cmd);
        }
    });
    ui.label(
        RichText::new(tr!(
            "review-resolved-count",
            resolved = resolved,
            total = total
        ))
        .color(theme::passage(
            crate::analysis::agreement::PassageStatus::Agreed,
        )),
    )
    .on_hover_text(tr!("review-resolved-hover"));
    ui.separator();
    if let Some(p) = state.current.and_then(|i| c.passages.get(i)) {
        egui::ScrollArea::vertical()
            .id_salt("review-passage")
            .max_height(ui.available_height() * 0.6)
            .auto_shrink([false, true])
            .show(ui, |ui| passage_ui(state, project, p, me, ui, commands));
        ui.separator();
    }
    ui.label(RichText::new(tr!("review-all-disagreements")).strong());
    // Only the rows in view are drawn: a long project has thousands.
    let rows: Vec<usize> = c.disagreements().map(|(i, _)| i).collect();
    let row_height = ui.spacing().interact_size.y;
    let spacing = ui.spacing().item_spacing.y;
    let mut list = egui::ScrollArea::vertical()
        .id_salt("review-list")
        .auto_shrink([false, false]);
    if std::mem::take(&mut state.follow)
        && let Some(row) = state.current.and_then(|cur| rows.binary_search(&cur).ok())
    {
        #[allow(clippy::cast_precision_loss)] // row counts are far below 2^24
        let y = row as f32 * (row_height + spacing);
        list = list.vertical_scroll_offset((y - 3.0 * row_height).max(0.0));
    }
    list.show_rows(ui, row_height, rows.len(), |ui, range| {
        for &i in &rows[range] {
            let p = &c.passages[i];
            let doc = project.document(p.document);
            let quote = doc.map_or_else(String::new, |d| {
                quote_start(d.text.slice(p.range), ROW_QUOTE_CHARS)
            });
            let doc = doc.map_or("?", |d| d.name.as_str());
            let code = project.code(p.code).map_or("?", |c| c.name.as_str());
            let status = theme::passage_status_text(p.status);
            let text = if is_settled(i) {
                tr!(
                    "review-row-resolved",
                    doc = doc,
                    code = code,
                    quote = quote,
                    status = status
                )
            } else {
                tr!(
                    "review-row",
                    doc = doc,
                    code = code,
                    quote = quote,
                    status = status
                )
            };
            let row = ui.add(
                egui::Button::selectable(state.current == Some(i), text)
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            );
            if row.clicked() {
                state.current = Some(i);
                commands.push(Command::ShowPassage {
                    document: p.document,
                    range: p.range,
                });
            }
        }
    });
}

/// One passage: each coder's version, the consensus buttons, and the discussion.
// Whole: the versions, the decision and the comments are laid out in one column that
// scrolls together.
fn passage_ui(
    state: &mut ReviewState,
    project: &Project,
    p: &Passage,
    me: Option<CoderId>,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let Some(doc) = project.document(p.document) else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "{} · {} · {}",
            doc.name,
            project.code_path(p.code),
            theme::passage_status_text(p.status)
        ))
        .strong(),
    );
    let quote = quote_start(doc.text.slice(p.range), PASSAGE_QUOTE_CHARS);
    ui.add(egui::Label::new(theme::quote(&quote)).wrap());
    let consensus = consensus_coder_or_new(project);
    let resolve =
        |label: String, r: Resolution, commands: &mut Vec<Command>| match Edit::resolve_passage(
            project, p, r, &consensus,
        ) {
            Ok(edit) => commands.push(Command::Edit(Action::Prepared { label, edit })),
            Err(e) => commands.push(Command::Notify(e.to_string())),
        };
    for v in &p.versions {
        let Some(coder) = project.coder(v.coder) else {
            continue;
        };
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(2.0, theme::color(coder.color)))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(&coder.name)
                        .strong()
                        .color(theme::color(coder.color)),
                );
                if v.codings.is_empty() {
                    ui.label(RichText::new(tr!("review-did-not-code")).weak());
                }
                for id in &v.codings {
                    let Some(coding) = project.coding(*id) else {
                        continue;
                    };
                    let text = quote_start(doc.text.slice(coding.range), CARD_QUOTE_CHARS);
                    ui.add(
                        egui::Label::new(tr!(
                            "review-coded-as",
                            code = project.code_path(coding.code),
                            text = text
                        ))
                        .wrap(),
                    );
                    if let Some(m) = coding.memo.as_deref().filter(|m| !m.trim().is_empty()) {
                        ui.label(RichText::new(tr!("review-note", note = m)).weak());
                    }
                }
                for id in &v.other_codes {
                    if let Some(coding) = project.coding(*id) {
                        ui.label(
                            RichText::new(tr!(
                                "review-coded-instead",
                                code = project.code_path(coding.code)
                            ))
                            .weak(),
                        );
                    }
                }
                if ui
                    .button(tr!("review-accept", coder = coder.name.as_str()))
                    .clicked()
                {
                    resolve(
                        tr!("review-accept", coder = coder.name.as_str()),
                        Resolution::Accept(v.coder),
                        commands,
                    );
                }
            });
    }
    ui.horizontal(|ui| {
        if ui.button(tr!("review-accept-both")).clicked() {
            resolve(
                tr!("review-accept-both-undo").into(),
                Resolution::Both,
                commands,
            );
        }
        if ui.button(tr!("review-accept-neither")).clicked() {
            resolve(
                tr!("review-accept-neither-undo").into(),
                Resolution::Neither,
                commands,
            );
        }
    });
    if let Some(cons) = consensus_coder(project) {
        let decided = crate::analysis::agreement::consensus_codings(project, p, cons.id);
        if decided.is_empty() && crate::analysis::agreement::kept_neither(project, p, cons.id) {
            ui.label(
                RichText::new(tr!("review-consensus-neither")).color(theme::passage(
                    crate::analysis::agreement::PassageStatus::Agreed,
                )),
            );
        } else if decided.is_empty() {
            ui.label(RichText::new(tr!("review-consensus-none")).weak());
        } else {
            ui.label(
                RichText::new(tr!("review-consensus-holds")).color(theme::passage(
                    crate::analysis::agreement::PassageStatus::Agreed,
                )),
            );
            for c in decided {
                let text = quote_start(doc.text.slice(c.range), CARD_QUOTE_CHARS);
                ui.add(
                    egui::Label::new(
                        RichText::new(tr!(
                            "review-coded-as",
                            code = project.code_path(c.code),
                            text = text
                        ))
                        .weak(),
                    )
                    .wrap(),
                );
            }
        }
    }
    ui.label(RichText::new(tr!("review-discussion")).strong());
    // (The consensus's "neither" notes are its decision, said above.)
    let notes = p
        .comments(project)
        .into_iter()
        .filter(|m| m.text != crate::analysis::agreement::NEITHER_NOTE);
    for m in notes {
        let who = m
            .author
            .and_then(|a| project.coder(a))
            .map_or("?", |c| c.name.as_str());
        ui.label(tr!(
            "review-comment-line",
            who = who,
            text = m.text.as_str()
        ));
    }
    // The comment goes on the commenter's own coding of the passage when they have one (the
    // discussion shows the comments on every coding of it).
    let first = me
        .and_then(|me| p.version(me))
        .and_then(|v| v.codings.first().copied())
        .or_else(|| p.codings().next());
    ui.horizontal(|ui| {
        let resp = ui.add(
            egui::TextEdit::singleline(&mut state.comment)
                .hint_text(tr!("review-comment-hint"))
                .desired_width(ui.available_width() - 60.0),
        );
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, tr!("review-comment-label"))
        });
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if (ui.button(tr!("review-post")).clicked() || enter) && !state.comment.trim().is_empty() {
            match (first, me) {
                (Some(coding), Some(author)) => {
                    commands.push(Command::Edit(Action::Prepared {
                        label: tr!("review-comment-undo").into(),
                        edit: Edit::comment_on_coding(coding, author, state.comment.trim()),
                    }));
                    state.comment.clear();
                }
                (_, None) => commands.push(Command::Notify(tr!("review-who-first").into())),
                (None, _) => {}
            }
        }
    });
}

fn agreement_ui(state: &mut ReviewState, project: &Project, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(tr!("review-unit"));
        let before = state.unit;
        ui.selectable_value(&mut state.unit, Unit::Character, tr!("review-unit-chars"));
        ui.selectable_value(&mut state.unit, Unit::Segment, tr!("review-unit-segments"));
        if before != state.unit {
            state.report = None;
        }
    });
    if state.report.is_none() {
        let options = AgreementOptions {
            coders: state.coders.clone(),
            documents: Vec::new(),
            unit: state.unit,
        };
        state.report = Some(agreement(project, &options).map_err(|e| e.to_string()));
    }
    let report = match &state.report {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        None => return,
    };
    // Rows: a name (a code indented under its parent, its full path on hover) and the values.
    let rows = |ui: &mut Ui, id: &str, rows: Vec<(String, String, &Measures)>| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            for (h, tip) in [
                ("", ""),
                (tr!("review-col-agree"), tr!("help-agree")),
                ("κ", tr!("help-kappa")),
                ("α", tr!("help-alpha")),
                ("u-α", tr!("help-u-alpha")),
            ] {
                let head = ui.label(RichText::new(h).strong());
                if !tip.is_empty() {
                    head.on_hover_text(tip);
                }
            }
            ui.end_row();
            for (name, full, m) in rows {
                ui.label(name).on_hover_text(full);
                ui.label(pct(m.percent));
                ui.label(coef(m.kappa));
                ui.label(coef(m.alpha));
                ui.label(coef(m.u_alpha.value));
                ui.end_row();
            }
        });
    };
    egui::ScrollArea::vertical()
        .id_salt("agreement-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(tr!("review-per-code")).strong());
            let mut v: Vec<(String, String, &Measures)> = report
                .codes
                .iter()
                .map(|c| (indented(project, c.code), c.name.clone(), &c.measures))
                .collect();
            v.push((
                tr!("review-all-codes").into(),
                tr!("review-all-codes").into(),
                &report.overall,
            ));
            rows(ui, "agreement-codes", v);
            ui.add_space(8.0);
            ui.label(RichText::new(tr!("review-per-document")).strong());
            let v = report
                .documents
                .iter()
                .map(|d| (d.name.clone(), d.name.clone(), &d.overall))
                .collect();
            rows(ui, "agreement-docs", v);
            ui.add_space(8.0);
            ui.label(RichText::new(tr!("review-domains")).strong())
                .on_hover_text(tr!("review-domains-hover"));
            egui::Grid::new("agreement-domains")
                .striped(true)
                .show(ui, |ui| {
                    for (h, tip) in [
                        ("", ""),
                        ("|u-α", tr!("help-binary-u-alpha")),
                        ("u-α", tr!("help-u-alpha")),
                        ("cu-α", tr!("help-cu-alpha")),
                    ] {
                        let head = ui.label(RichText::new(h).strong());
                        if !tip.is_empty() {
                            head.on_hover_text(tip);
                        }
                    }
                    ui.end_row();
                    for d in &report.domains {
                        let m = &d.measures;
                        let name = ui.label(&d.name);
                        if m.combined_chars > 0 {
                            name.on_hover_text(tr!(
                                "review-domain-combined",
                                chars = m.combined_chars
                            ));
                        }
                        ui.label(coef(m.binary_u_alpha.value));
                        ui.label(coef(m.u_alpha.value));
                        ui.label(coef(m.cu_alpha.value));
                        ui.end_row();
                    }
                    ui.label(tr!("review-across-domains"))
                        .on_hover_text(tr!("help-cap-cu-alpha"));
                    ui.label("");
                    ui.label("");
                    ui.label(coef(report.across_domains.cu_alpha.value));
                    ui.end_row();
                });
            if !report.skipped.is_empty() {
                let names: Vec<&str> = report.skipped.iter().map(|n| n.name.as_str()).collect();
                ui.label(
                    RichText::new(tr!(
                        "review-left-out",
                        names = names.join(tr!("list-separator"))
                    ))
                    .weak(),
                );
            }
        });
}

/// A code's own name, indented by its depth in the codebook.
fn indented(project: &Project, code: crate::model::CodeId) -> String {
    let mut depth = 0;
    let mut parent = project.code(code).and_then(|c| c.parent);
    while let Some(p) = parent.filter(|_| depth < 16) {
        depth += 1;
        parent = project.code(p).and_then(|c| c.parent);
    }
    let name = project.code(code).map_or("?", |c| c.name.as_str());
    format!("{}{name}", "   ".repeat(depth))
}

/// The coders compared when the panel first opens: the coders with codings (but the consensus
/// coder), by name, less any who coded so few of the documents that comparing them would
/// leave out most of the others' work. A comparison covers only the documents every compared
/// coder coded, so a colleague who coded one document would shrink it to that document, and
/// read there as hundreds of disagreements; such a coder can still be ticked by hand.
#[must_use]
pub fn default_coders(project: &Project) -> Vec<CoderId> {
    let consensus = consensus_coder(project).map(|c| c.id);
    let mut coded: HashMap<CoderId, HashSet<DocumentId>> = HashMap::new();
    for c in project.codings().values() {
        if Some(c.coder) != consensus {
            coded.entry(c.coder).or_default().insert(c.document);
        }
    }
    let mut v: Vec<_> = project
        .coders()
        .values()
        .filter(|c| coded.contains_key(&c.id))
        .collect();
    v.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    let mut chosen: Vec<CoderId> = v.into_iter().map(|c| c.id).collect();
    let shared = |coders: &[CoderId]| -> usize {
        let mut it = coders.iter().filter_map(|c| coded.get(c));
        let Some(first) = it.next() else { return 0 };
        let mut common = first.clone();
        for docs in it {
            common.retain(|d| docs.contains(d));
        }
        common.len()
    };
    // Leave out, one at a time, the coder whose absence widens the shared documents most.
    while chosen.len() > 2 {
        let now = shared(&chosen);
        let best = (0..chosen.len())
            .map(|i| {
                let mut rest = chosen.clone();
                rest.remove(i);
                (shared(&rest), i)
            })
            .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)));
        match best {
            Some((n, i)) if n > now => {
                chosen.remove(i);
            }
            _ => break,
        }
    }
    chosen
}

/// How many characters of a quote a row of the list shows.
const ROW_QUOTE_CHARS: usize = 28;
/// How many characters of a coding a version card shows.
const CARD_QUOTE_CHARS: usize = 160;
/// How many characters of the passage under review are shown.
const PASSAGE_QUOTE_CHARS: usize = 400;
