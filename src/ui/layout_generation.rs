//! The layout generation: one number that changes whenever text laid out earlier may no longer
//! be drawn right. A galley points into egui's font atlas; egui rebuilds the atlas when the theme
//! changes how glyphs are rasterised (light and dark differ), when fonts are replaced, and when
//! the atlas is full. The pixel density, the zoom, the text styles and Margin's own text size
//! change layouts too. Every cache of laid-out text keeps the generation it was filled in and
//! empties itself when the current one differs: one mechanism for every panel, instead of each
//! guessing what changed.
//!
//! The app calls [`LayoutGeneration::begin_frame`] before anything is laid out in a frame and
//! [`LayoutGeneration::end_frame`] after; caches read the number with [`current`].

use std::collections::BTreeMap;

use egui::epaint::text::TextOptions;
use egui::{Context, FontId, Id, TextStyle};

/// Where the current generation is kept in egui's memory.
fn id() -> Id {
    Id::unique("margin-layout-generation")
}

/// Everything besides the atlas that a layout depends on.
#[derive(Clone, Debug, PartialEq)]
struct StyleKey {
    text_options: TextOptions,
    pixels_per_point: f32,
    text_styles: BTreeMap<TextStyle, FontId>,
    text_size: f32,
}

/// Counts the changes that invalidate laid-out text.
#[derive(Debug, Default)]
pub struct LayoutGeneration {
    generation: u64,
    /// How full the font atlas was at the end of the last frame. The atlas only fills during a
    /// frame and is only rebuilt between frames, so a lower fill at the start of the next
    /// frame means it was rebuilt.
    fill: f32,
    key: Option<StyleKey>,
}

impl LayoutGeneration {
    /// Start a frame: advance the generation if the atlas was rebuilt or the style changed
    /// since the last frame, and publish it for [`current`]. `text_size` is the transcript's
    /// text size. Returns the generation.
    pub fn begin_frame(&mut self, ctx: &Context, text_size: f32) -> u64 {
        let (fill, text_options) = ctx.fonts(|f| (f.font_atlas_fill_ratio(), *f.options()));
        let key = StyleKey {
            text_options,
            pixels_per_point: ctx.pixels_per_point(),
            text_styles: ctx.global_style().text_styles.clone(),
            text_size,
        };
        if fill < self.fill || self.key.as_ref() != Some(&key) {
            self.generation += 1;
            self.key = Some(key);
        }
        self.fill = fill;
        let generation = self.generation;
        ctx.data_mut(|d| d.insert_temp(id(), generation));
        generation
    }

    /// End a frame: remember how full the font atlas is. Another viewport (a panel in its own
    /// window) starts its own pass within this frame, and the atlas may be rebuilt there: then
    /// it is emptier now than at the start, and the next frame starts a new generation.
    pub fn end_frame(&mut self, ctx: &Context) {
        #[allow(clippy::redundant_closure_for_method_calls)]
        // the method path is not general enough
        let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
        if fill < self.fill {
            self.generation += 1;
        }
        self.fill = fill;
    }

    /// The generation of the current frame.
    #[must_use]
    pub fn get(&self) -> u64 {
        self.generation
    }
}

/// The layout generation of the current frame (0 before the app published one).
#[must_use]
pub fn current(ctx: &Context) -> u64 {
    ctx.data(|d| d.get_temp(id())).unwrap_or(0)
}
