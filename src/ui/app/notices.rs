//! Messages at the bottom of the transcript: errors stay until dismissed, information fades.

use egui::Ui;

use crate::ui::i18n::tr;

/// Seconds an information notice stays.
const NOTICE_SECONDS: f64 = 8.0;

/// A message shown at the top of the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// True for errors (they stay until dismissed).
    pub error: bool,
    /// When it was shown (input time, seconds).
    pub at: f64,
}

/// The messages of the window: errors stay until dismissed, the rest fade. They float over
/// the bottom of `ui`'s panel, so the text under them never moves (a notice arriving while the
/// user selects does not shift what is under the mouse).
pub(super) fn notices_ui(notices: &mut Vec<Notice>, now: f64, ui: &mut Ui) {
    notices.retain(|n| n.error || now - n.at < NOTICE_SECONDS || n.at > now);
    if notices.is_empty() {
        return;
    }
    let room = ui.max_rect();
    let width = (room.width() - 40.0).clamp(120.0, 640.0);
    let mut dismiss = None;
    egui::Area::new(ui.scope_id().with("notices"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(room.center_bottom() - egui::vec2(0.0, 12.0))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            notice_list_ui(notices, &mut dismiss, ui);
        });
    if let Some(i) = dismiss {
        notices.remove(i);
    }
    // Wake up once, when the next information notice is due to go (not every second).
    if let Some(left) = notices
        .iter()
        .filter(|n| !n.error)
        .map(|n| NOTICE_SECONDS - (now - n.at))
        .reduce(f64::min)
    {
        #[allow(clippy::cast_possible_truncation)]
        ui.ctx().request_repaint_after_secs(left.max(0.05) as f32);
    }
}

/// The notices, newest last, at most three.
fn notice_list_ui(notices: &[Notice], dismiss: &mut Option<usize>, ui: &mut Ui) {
    let shown = notices.len().saturating_sub(3);
    for (i, n) in notices.iter().enumerate().skip(shown) {
        let (fill, stroke) = if n.error {
            (
                ui.visuals()
                    .panel_fill
                    .blend(ui.visuals().error_fg_color.gamma_multiply(0.12)),
                ui.visuals().error_fg_color,
            )
        } else {
            (
                ui.visuals()
                    .panel_fill
                    .blend(ui.visuals().selection.bg_fill.gamma_multiply(0.25)),
                ui.visuals().selection.stroke.color,
            )
        };
        egui::Frame::new()
            .fill(fill)
            .stroke(egui::Stroke::new(1.0, stroke.gamma_multiply(0.6)))
            .corner_radius(6.0)
            .shadow(ui.visuals().popup_shadow)
            .inner_margin(egui::Margin::symmetric(10, 6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(&n.text).wrap());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .small_button("×")
                            .on_hover_text(tr!("notice-dismiss"))
                            .clicked()
                        {
                            *dismiss = Some(i);
                        }
                    });
                });
            });
        ui.add_space(4.0);
    }
}
