//! The question asked when texts of the open project changed outside Margin: their codings,
//! turns and messages were placed again in memory (see `store::LoadReport`), and nothing of that
//! is saved until the researcher agrees. Closing the project instead leaves every file as it is.

use egui::{RichText, Ui};

use crate::store::LoadReport;

/// What the researcher chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// Save the new positions.
    Accept,
    /// Close the project, writing nothing.
    Close,
}

/// Show the question while `report` waits for consent.
#[must_use]
pub fn consent_ui(report: &LoadReport, ui: &Ui) -> Option<Consent> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("reanchor-consent")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Texts changed outside Margin");
        ui.label(format!(
            "The text of {} was changed by another program. Margin found {} coding(s) and {} turn(s) or message(s) again at their new places.",
            report.changed_texts.join(", "),
            report.moved.len(),
            report.moved_segments.len()
        ));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(160.0)
            .show(ui, |ui| {
                for m in report.moved.iter().take(200) {
                    ui.add(egui::Label::new(
                        RichText::new(format!(
                            "{}: coding {}..{} moves to {}..{}",
                            m.document, m.from.start, m.from.end, m.to.start, m.to.end
                        ))
                        .small(),
                    ).wrap());
                }
                for m in report.moved_segments.iter().take(200) {
                    ui.add(egui::Label::new(
                        RichText::new(format!(
                            "{}: {} {}..{} moves to {}..{}",
                            m.document,
                            m.speaker.as_deref().unwrap_or("—"),
                            m.from.start,
                            m.from.end,
                            m.to.start,
                            m.to.end
                        ))
                        .small(),
                    ).wrap());
                }
            });
        ui.add_space(6.0);
        ui.label("Save the new places, or close the project and leave its files as they are.");
        ui.horizontal(|ui| {
            if ui.button("Save the new places").clicked() {
                choice = Some(Consent::Accept);
            }
            if ui.button("Close the project").clicked() {
                choice = Some(Consent::Close);
            }
        });
    });
    choice
}
