//! Margin: hand-coding of qualitative data (interview transcripts and chat logs).
//!
//! The core (model, store, import, export, analysis) has no UI in it and is used by the command
//! line, the tests and the window alike; `ui` holds everything egui (the default feature `window`;
//! without it the crate builds without egui, as the fuzz targets do).

pub mod analysis;
pub mod bundled;
pub mod cli;
pub mod export;
pub mod import;
pub mod install;
pub mod logging;
pub mod media;
pub mod merge;
pub mod model;
pub mod sample;
pub mod session;
pub mod store;
#[cfg(feature = "sync")]
pub mod sync;
pub mod synth;
#[cfg(feature = "window")]
pub mod ui;
