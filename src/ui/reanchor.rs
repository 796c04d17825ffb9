//! The question asked when texts of the open project changed outside Margin: their codings,
//! turns and messages were placed again in memory (see `store::LoadReport`), and nothing of that
//! is saved until the researcher agrees. Closing the project instead leaves every file as it is.

use egui::{RichText, Ui};

use super::i18n::tr;
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
        ui.heading(tr!("reanchor-title"));
        ui.label(tr!(
            "reanchor-explain",
            documents = report.changed_texts.join(tr!("list-separator")),
            codings = report.moved.len(),
            segments = report.moved_segments.len()
        ));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(160.0)
            .show(ui, |ui| {
                for m in report.moved.iter().take(200) {
                    ui.add(
                        egui::Label::new(
                            RichText::new(tr!(
                                "reanchor-coding-moves",
                                document = m.document.as_str(),
                                from_start = m.from.start.to_string(),
                                from_end = m.from.end.to_string(),
                                to_start = m.to.start.to_string(),
                                to_end = m.to.end.to_string()
                            ))
                            .small(),
                        )
                        .wrap(),
                    );
                }
                for m in report.moved_segments.iter().take(200) {
                    ui.add(
                        egui::Label::new(
                            RichText::new(tr!(
                                "reanchor-segment-moves",
                                document = m.document.as_str(),
                                speaker = m.speaker.as_deref().unwrap_or("—"),
                                from_start = m.from.start.to_string(),
                                from_end = m.from.end.to_string(),
                                to_start = m.to.start.to_string(),
                                to_end = m.to.end.to_string()
                            ))
                            .small(),
                        )
                        .wrap(),
                    );
                }
            });
        ui.add_space(6.0);
        ui.label(tr!("reanchor-ask"));
        ui.horizontal(|ui| {
            if ui.button(tr!("reanchor-save")).clicked() {
                choice = Some(Consent::Accept);
            }
            if ui.button(tr!("reanchor-close")).clicked() {
                choice = Some(Consent::Close);
            }
        });
    });
    choice
}
