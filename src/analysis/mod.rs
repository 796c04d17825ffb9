//! Asking questions of the coded material: text search and autocoding, coded retrieval with
//! filters and code combinations, the tables a researcher reads her codes through
//! (co-occurrence, code × case/attribute crosstabs, code frequency over time), and inter-coder
//! agreement. No I/O and no UI.
//!
//! Every query is a plain data struct and every result plain data carrying document ids and
//! character ranges, so the window can jump to the source and the exporter can take the codings;
//! every table converts to a [`table::Table`] that the window draws and `csv` writes. What a
//! case's text, a place, a coder's scope and a period are is defined once, in [`definitions`].

pub mod agreement;
pub mod cooccurrence;
pub mod crosstab;
pub mod definitions;
pub mod error;
pub mod excerpt;
pub mod filter;
pub mod headings;
pub mod names;
pub mod query;
pub mod replace;
pub mod retrieve;
pub mod search;
pub mod table;
pub mod timeline;
