//! Analysis over a project: everything that reads codings to answer a question (inter-coder
//! agreement, and later search, retrieval, co-occurrence). No I/O and no UI.

pub mod agreement;
