//! Compare mode: the passages of the open document where the compared coders' codings of a
//! code meet, indexed by block so that a frame only looks at what it draws. No egui in here.

use std::sync::Arc;

use super::blocks::Blocks;
use crate::analysis::agreement::{Comparison, Passage};
use crate::model::DocumentId;

/// The compared passages of one document, by block.
#[derive(Clone, Debug)]
pub struct PassageMarks {
    comparison: Arc<Comparison>,
    /// Per block, the indices (into the comparison's passages) of the passages touching it.
    by_block: Vec<Vec<usize>>,
    count: usize,
    /// The passage under review.
    pub current: Option<usize>,
}

impl PassageMarks {
    /// The passages of `document` in `comparison` (none when the comparison left it out).
    #[must_use]
    pub fn build(comparison: &Arc<Comparison>, document: DocumentId, blocks: &Blocks) -> Self {
        let passages = comparison
            .document(document)
            .map_or(0..0, |d| d.passages.clone());
        let mut by_block = vec![Vec::new(); blocks.len()];
        for i in passages.clone() {
            for b in blocks.overlapping(comparison.passages[i].range) {
                by_block[b].push(i);
            }
        }
        Self {
            comparison: Arc::clone(comparison),
            by_block,
            count: passages.len(),
            current: None,
        }
    }

    /// The comparison the marks come from.
    #[must_use]
    pub fn comparison(&self) -> &Arc<Comparison> {
        &self.comparison
    }

    /// The passages touching block `b`, with their indices.
    pub fn in_block(&self, b: usize) -> impl Iterator<Item = (usize, &Passage)> + '_ {
        self.by_block
            .get(b)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.comparison.passages[i]))
    }

    /// Number of passages in the document.
    #[must_use]
    pub fn passage_count(&self) -> usize {
        self.count
    }
}
