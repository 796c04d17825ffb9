//! Which codings touch which block, and in which margin column and lane each coding's stripe
//! runs. Built once when a document opens (holding only the codings of the coders shown, see
//! [`Whose`]), then kept up to date coding by coding as edits come in, so coding a passage in a
//! 20,000-coding chat log costs microseconds. No egui in here.

use std::collections::HashMap;

use super::blocks::Blocks;
use crate::model::{CharRange, CodeId, CoderId, Coding, CodingId, DocumentId, Project, Splice};

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
    /// Its margin column: 0, or its coder's place when coders are shown side by side.
    pub column: u16,
    /// Its lane within the column (0 nearest the text).
    pub lane: u16,
}

impl Slot {
    fn of(c: &Coding, column: u16, lane: u16) -> Self {
        Self {
            id: c.id,
            range: c.range,
            code: c.code,
            coder: c.coder,
            column,
            lane,
        }
    }
}

/// Whose codings the transcript shows, and how their stripes are laid out in the margin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Whose {
    /// Everyone's, in shared lanes.
    #[default]
    Everyone,
    /// One coder's (the "Codings of …" switch, or blind mode).
    Coder(CoderId),
    /// These coders', side by side: a column of lanes each, in this order (compare mode).
    SideBySide(Vec<CoderId>),
}

impl Whose {
    /// The margin column of `coder`'s codings, or `None` when they are not shown.
    #[must_use]
    pub fn column(&self, coder: CoderId) -> Option<u16> {
        match self {
            Self::Everyone => Some(0),
            Self::Coder(c) => (*c == coder).then_some(0),
            Self::SideBySide(coders) => coders
                .iter()
                .position(|c| *c == coder)
                .map(|i| u16::try_from(i).unwrap_or(u16::MAX)),
        }
    }

    /// Number of margin columns.
    #[must_use]
    pub fn columns(&self) -> usize {
        match self {
            Self::SideBySide(coders) => coders.len().max(1),
            _ => 1,
        }
    }
}

/// The shown codings of one document, by block.
#[derive(Clone, Debug, Default)]
pub struct CodingIndex {
    slots: HashMap<CodingId, Slot>,
    by_block: Vec<Vec<CodingId>>,
    /// Lanes in use, per column.
    lanes: Vec<u16>,
    whose: Whose,
}

impl CodingIndex {
    /// Index every coder's codings of `document`.
    #[must_use]
    pub fn build(project: &Project, document: DocumentId, blocks: &Blocks) -> Self {
        Self::build_for(project, document, blocks, Whose::Everyone)
    }

    /// Index the codings of `document` that `whose` shows.
    #[must_use]
    pub fn build_for(
        project: &Project,
        document: DocumentId,
        blocks: &Blocks,
        whose: Whose,
    ) -> Self {
        let mut codings: Vec<(&Coding, u16)> = project
            .codings_of(document)
            .filter_map(|c| Some((c, whose.column(c.coder)?)))
            .collect();
        codings.sort_by(|(a, _), (b, _)| {
            (a.range.start, std::cmp::Reverse(a.range.end), a.id).cmp(&(
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.id,
            ))
        });
        let columns = whose.columns();
        let mut index = Self {
            slots: HashMap::with_capacity(codings.len()),
            by_block: vec![Vec::new(); blocks.len()],
            lanes: vec![0; columns],
            whose,
        };
        // Greedy interval colouring per column: each coding takes the lowest lane free at its
        // start.
        let mut lane_ends: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for (c, column) in codings {
            let ends = &mut lane_ends[usize::from(column)];
            let lane = if let Some(l) = ends.iter().position(|&end| end <= c.range.start) {
                ends[l] = c.range.end;
                l
            } else {
                ends.push(c.range.end);
                ends.len() - 1
            };
            let lane = u16::try_from(lane).unwrap_or(u16::MAX);
            index.place(blocks, Slot::of(c, column, lane));
        }
        index
    }

    /// Follow an exact edit of the document's text (already applied to `project`), when its
    /// blocks kept their number: every shown coding moves by the edit's rule, as the project's
    /// did. A coding the edit removed was removed by its own change.
    pub fn follow_edit(&mut self, project: &Project, splice: Splice) {
        // Each slot is moved on its own; the order of the visit does not matter.
        self.slots.values_mut().for_each(|slot| {
            // Only a coding that touches the edited stretch is looked up; the rest move by the
            // rule alone (a lookup per coding would cost more than the edit).
            let touched = splice
                .touches(slot.range)
                .then(|| project.coding(slot.id))
                .flatten();
            slot.range = touched.map_or_else(|| splice.coding(slot.range), |c| c.range);
        });
    }

    fn place(&mut self, blocks: &Blocks, slot: Slot) {
        for b in blocks.overlapping(slot.range) {
            self.by_block[b].push(slot.id);
        }
        let lanes = &mut self.lanes[usize::from(slot.column)];
        *lanes = (*lanes).max(slot.lane + 1);
        self.slots.insert(slot.id, slot);
    }

    /// Whose codings are indexed.
    #[must_use]
    pub fn whose(&self) -> &Whose {
        &self.whose
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
        let Some((c, column)) = project
            .coding(id)
            .filter(|c| c.document == document)
            .and_then(|c| Some((c, self.whose.column(c.coder)?)))
        else {
            return;
        };
        // The lowest lane of its column that no overlapping coding uses.
        let mut used: Vec<u16> = blocks
            .overlapping(c.range)
            .flat_map(|b| self.by_block[b].iter())
            .filter_map(|other| self.slots.get(other))
            .filter(|s| s.column == column && s.range.overlaps(c.range))
            .map(|s| s.lane)
            .collect();
        used.sort_unstable();
        used.dedup();
        let lane = (0..=u16::MAX)
            .find(|l| used.binary_search(l).is_err())
            .unwrap_or(u16::MAX);
        self.place(blocks, Slot::of(c, column, lane));
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

    /// Lanes in use in `column` (at least the number of its codings that overlap at one place).
    #[must_use]
    pub fn lanes(&self, column: u16) -> u16 {
        self.lanes.get(usize::from(column)).copied().unwrap_or(0)
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

    #[test]
    fn side_by_side_gives_each_coder_a_column_and_one_coder_holds_only_theirs() {
        let mut p = Project::new(crate::model::Manifest::new("t"));
        let doc = Document::new("n", DocumentKind::Notes, Text::new("one paragraph of text"));
        let d = doc.id;
        let (ana, ben) = (
            Coder::new("Ana", Color::palette(0)),
            Coder::new("Ben", Color::palette(1)),
        );
        let code = Code::new("c", Color::palette(2), SortKey::after(None));
        let coding =
            |s, e, who: &Coder| Coding::new(d, &doc.text, CharRange::new(s, e), code.id, who.id);
        let (a1, a2, b1) = (coding(0, 10, &ana), coding(4, 8, &ana), coding(2, 12, &ben));
        let (ana_id, ben_id) = (ana.id, ben.id);
        p.apply(Edit::Batch(vec![
            Edit::PutCoder(ana),
            Edit::PutCoder(ben),
            Edit::PutCode(code.clone()),
            Edit::PutDocument(Box::new(doc)),
            Edit::PutCoding(Box::new(a1.clone())),
            Edit::PutCoding(Box::new(a2.clone())),
            Edit::PutCoding(Box::new(b1.clone())),
        ]))
        .unwrap();
        let blocks = Blocks::build(p.document(d).unwrap());
        let place = |i: &CodingIndex, c: &Coding| {
            let s = i.slot(c.id).unwrap();
            (s.column, s.lane)
        };

        let everyone = CodingIndex::build(&p, d, &blocks);
        assert_eq!(
            [
                place(&everyone, &a1),
                place(&everyone, &b1),
                place(&everyone, &a2)
            ],
            [(0, 0), (0, 1), (0, 2)]
        );

        let whose = Whose::SideBySide(vec![ana_id, ben_id]);
        let mut side = CodingIndex::build_for(&p, d, &blocks, whose);
        assert_eq!(
            [place(&side, &a1), place(&side, &a2), place(&side, &b1)],
            [(0, 0), (0, 1), (1, 0)]
        );
        assert_eq!((side.lanes(0), side.lanes(1)), (2, 1));
        // A new coding of Ben's over his first takes the next lane of his column.
        let b2 = Coding::new(
            d,
            &p.document(d).unwrap().text,
            CharRange::new(3, 5),
            code.id,
            ben_id,
        );
        p.apply(Edit::PutCoding(Box::new(b2.clone()))).unwrap();
        side.update(&p, d, &blocks, b2.id);
        assert_eq!(place(&side, &b2), (1, 1));

        let only = CodingIndex::build_for(&p, d, &blocks, Whose::Coder(ben_id));
        assert_eq!(only.len(), 2);
        assert!(only.slot(a1.id).is_none());
        assert_eq!(Whose::Coder(ben_id).column(ana_id), None);
    }
}
