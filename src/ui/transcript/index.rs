//! Which codings touch which block, and in which margin lane each coding's stripe runs. Built
//! once when a document opens, then kept up to date coding by coding as edits come in, so coding
//! a passage in a 20,000-coding chat log costs microseconds. No egui in here.

use std::collections::HashMap;

use super::blocks::Blocks;
use crate::model::{CharRange, CodeId, CoderId, Coding, CodingId, DocumentId, Project};

/// One coding as the view needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The coding.
    pub id: CodingId,
    /// Its characters.
    pub range: CharRange,
    /// Its code.
    pub code: CodeId,
    /// Its coder.
    pub coder: CoderId,
    /// Its margin lane (0 nearest the text).
    pub lane: u16,
}

impl Slot {
    fn of(c: &Coding, lane: u16) -> Self {
        Self {
            id: c.id,
            range: c.range,
            code: c.code,
            coder: c.coder,
            lane,
        }
    }
}

/// The codings of one document, by block.
#[derive(Clone, Debug, Default)]
pub struct CodingIndex {
    slots: HashMap<CodingId, Slot>,
    by_block: Vec<Vec<CodingId>>,
    lanes: u16,
    /// Blind mode: only this coder's codings are indexed.
    only: Option<CoderId>,
}

impl CodingIndex {
    /// Index the codings of `document`.
    #[must_use]
    pub fn build(project: &Project, document: DocumentId, blocks: &Blocks) -> Self {
        Self::build_only(project, document, blocks, None)
    }

    /// Index the codings of `document`, only those of coder `only` when given (blind mode).
    #[must_use]
    pub fn build_only(
        project: &Project,
        document: DocumentId,
        blocks: &Blocks,
        only: Option<CoderId>,
    ) -> Self {
        let mut codings: Vec<&Coding> = project
            .codings_of(document)
            .filter(|c| only.is_none_or(|o| o == c.coder))
            .collect();
        codings.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end), a.id).cmp(&(
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.id,
            ))
        });
        let mut index = Self {
            slots: HashMap::with_capacity(codings.len()),
            by_block: vec![Vec::new(); blocks.len()],
            lanes: 0,
            only,
        };
        // Greedy interval colouring: each coding takes the lowest lane free at its start.
        let mut lane_ends: Vec<usize> = Vec::new();
        for c in codings {
            let lane = if let Some(l) = lane_ends.iter().position(|&end| end <= c.range.start) {
                lane_ends[l] = c.range.end;
                l
            } else {
                lane_ends.push(c.range.end);
                lane_ends.len() - 1
            };
            let slot = Slot::of(c, lane as u16);
            index.place(blocks, slot);
        }
        index
    }

    fn place(&mut self, blocks: &Blocks, slot: Slot) {
        for b in blocks.overlapping(slot.range) {
            self.by_block[b].push(slot.id);
        }
        self.lanes = self.lanes.max(slot.lane + 1);
        self.slots.insert(slot.id, slot);
    }

    fn unplace(&mut self, blocks: &Blocks, id: CodingId) {
        if let Some(old) = self.slots.remove(&id) {
            for b in blocks.overlapping(old.range) {
                self.by_block[b].retain(|c| *c != id);
            }
        }
    }

    /// Bring one coding up to date with the project (added, changed or removed).
    pub fn update(
        &mut self,
        project: &Project,
        document: DocumentId,
        blocks: &Blocks,
        id: CodingId,
    ) {
        self.unplace(blocks, id);
        let Some(c) = project
            .coding(id)
            .filter(|c| c.document == document && self.only.is_none_or(|o| o == c.coder))
        else {
            return;
        };
        // The lowest lane no overlapping coding uses.
        let mut used: Vec<u16> = blocks
            .overlapping(c.range)
            .flat_map(|b| self.by_block[b].iter())
            .filter_map(|other| self.slots.get(other))
            .filter(|s| s.range.overlaps(c.range))
            .map(|s| s.lane)
            .collect();
        used.sort_unstable();
        used.dedup();
        let lane = (0..=u16::MAX)
            .find(|l| used.binary_search(l).is_err())
            .unwrap_or(u16::MAX);
        self.place(blocks, Slot::of(c, lane));
    }

    /// The codings touching block `b`.
    pub fn in_block(&self, b: usize) -> impl Iterator<Item = &Slot> + '_ {
        self.by_block
            .get(b)
            .into_iter()
            .flatten()
            .filter_map(|id| self.slots.get(id))
    }

    /// One coding.
    #[must_use]
    pub fn slot(&self, id: CodingId) -> Option<&Slot> {
        self.slots.get(&id)
    }

    /// The codings covering character `pos`, shortest first.
    #[must_use]
    pub fn at(&self, blocks: &Blocks, pos: usize) -> Vec<Slot> {
        let Some(b) = blocks.block_at(pos) else {
            return Vec::new();
        };
        let mut v: Vec<Slot> = self
            .in_block(b)
            .filter(|s| s.range.contains(pos))
            .copied()
            .collect();
        v.sort_by_key(|s| (s.range.len(), s.range.start, s.id));
        v
    }

    /// Number of codings.
    #[must_use]
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when the document has no codings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Lanes in use (at least the number of codings that overlap at one place).
    #[must_use]
    pub fn lanes(&self) -> u16 {
        self.lanes
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Code, Coder, Color, Document, DocumentKind, Edit, SortKey, Text};

    #[test]
    fn overlapping_codings_get_separate_lanes_and_updates_are_incremental() {
        let mut p = Project::new(crate::model::Manifest::new("t"));
        let doc = Document::new(
            "n",
            DocumentKind::Notes,
            Text::new("para one is here\n\npara two is here\n\npara three"),
        );
        let d = doc.id;
        let coder = Coder::new("a", Color::palette(0));
        let code = Code::new("c", Color::palette(1), SortKey::after(None));
        let coding = |s, e| Coding::new(d, &doc.text, CharRange::new(s, e), code.id, coder.id);
        let long = coding(0, 30);
        let inner = coding(5, 8);
        let later = coding(20, 40);
        let (cid, text) = (coder.id, doc.text.clone());
        p.apply(Edit::Batch(vec![
            Edit::PutCoder(coder),
            Edit::PutCode(code.clone()),
            Edit::PutDocument(Box::new(doc)),
            Edit::PutCoding(Box::new(long.clone())),
            Edit::PutCoding(Box::new(inner.clone())),
            Edit::PutCoding(Box::new(later.clone())),
        ]))
        .unwrap();
        let blocks = Blocks::build(p.document(d).unwrap());
        assert_eq!(blocks.len(), 3);
        let mut index = CodingIndex::build(&p, d, &blocks);
        assert_eq!(index.slot(long.id).unwrap().lane, 0);
        assert_eq!(index.slot(inner.id).unwrap().lane, 1);
        assert_eq!(index.slot(later.id).unwrap().lane, 1);
        assert_eq!(index.in_block(0).count(), 2);
        assert_eq!(index.in_block(1).count(), 2);
        assert_eq!(index.in_block(2).count(), 1);
        let at: Vec<_> = index.at(&blocks, 6).iter().map(|s| s.id).collect();
        assert_eq!(at, [inner.id, long.id]);

        // Remove the long one, add one overlapping `later`: it takes the free lane 0.
        p.apply(Edit::RemoveCoding(long.id)).unwrap();
        index.update(&p, d, &blocks, long.id);
        assert_eq!(index.in_block(0).count(), 1);
        let extra = Coding::new(d, &text, CharRange::new(25, 45), code.id, cid);
        p.apply(Edit::PutCoding(Box::new(extra.clone()))).unwrap();
        index.update(&p, d, &blocks, extra.id);
        assert_eq!(index.slot(extra.id).unwrap().lane, 0);
        assert_eq!(index.len(), 3);
    }
}
