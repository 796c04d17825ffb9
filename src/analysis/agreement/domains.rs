//! The cu-α family of unitizing coefficients (Krippendorff 2019, *Content Analysis*, 4th ed.,
//! §12.6; Krippendorff, Mathet, Bouvry & Widlöcher 2016), computed on *semantic domains*: a
//! top-level code with all its sub-codes. docs/agreement.md defines every term.
//!
//! Each coder divides a continuum (a document, or several laid end to end) into *sections*:
//! maximal runs of characters over which the set of the domain's codes they applied stays the
//! same. That set is the section's *value*; the empty set is the gap φ, a set of two or more
//! codes a value of its own ("A+B"). From the characters where the sections of two coders
//! overlap come the coincidences ℓ_ck, and from them
//!
//! - |uα (binary: φ or not, boundaries only),
//! - uα (nominal: every value, φ included),
//! - cuα (the coding of what both coded: non-gap values only),
//! - Cu-α (the same as cuα, with the domains themselves as values).
//!
//! Everything is computed by a sweep over sorted section boundaries: the text between two
//! consecutive boundaries is one *piece*, over which every coder's value is constant.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::scope::{AgreementError, AgreementOptions, Scope};
use super::unitizing::UnitizingAlpha;
use crate::model::{CodeId, DocumentId, Project};

/// The label of the gap φ; every other value has a label of 1 or more.
const GAP: u32 = 0;

/// The cu-α family for one semantic domain over one continuum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainMeasures {
    /// Length of the continuum in characters.
    pub characters: u64,
    /// For each compared coder (in report order), the characters they coded with some code of
    /// the domain.
    pub coded: Vec<u64>,
    /// Characters at which a coder applied two or more of the domain's codes at once, counted
    /// once per such coder. Codes of a domain are meant to exclude each other; each such
    /// combination was taken as a value of its own.
    pub combined_chars: u64,
    /// |uα: agreement on what is coded in the domain and what is not (boundaries only).
    pub binary_u_alpha: UnitizingAlpha,
    /// uα: agreement on boundaries and values together, the gap φ being a value.
    pub u_alpha: UnitizingAlpha,
    /// cuα: agreement on the values of the characters that coders both coded in the domain.
    pub cu_alpha: UnitizingAlpha,
}

/// The cu-α family for one semantic domain within one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainDocument {
    /// The document.
    pub document: DocumentId,
    /// Its name.
    pub name: String,
    /// The coefficients over this document alone.
    pub measures: DomainMeasures,
}

/// The agreement within one semantic domain: a top-level code and all codes below it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainAgreement {
    /// The top-level code.
    pub code: CodeId,
    /// Its name.
    pub name: String,
    /// Over all compared documents, laid end to end.
    pub measures: DomainMeasures,
    /// Per compared document in which some compared coder applied a code of the domain (by
    /// name).
    pub documents: Vec<DomainDocument>,
}

/// Cu-α: agreement on which semantic domain the characters coders both coded belong to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AcrossDomains {
    /// Characters at which a coder applied codes of two or more domains at once, counted once
    /// per such coder. Each of those domains counts as that coder's value there.
    pub multi_domain_chars: u64,
    /// Cu-α over all compared documents, laid end to end.
    pub cu_alpha: UnitizingAlpha,
    /// Per compared document in which some compared coder applied a code of some domain (by
    /// name).
    pub documents: Vec<AcrossDocument>,
}

/// Cu-α within one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AcrossDocument {
    /// The document.
    pub document: DocumentId,
    /// Its name.
    pub name: String,
    /// Characters of this document at which a coder applied codes of two or more domains.
    pub multi_domain_chars: u64,
    /// Cu-α over this document alone.
    pub cu_alpha: UnitizingAlpha,
}

/// An open section of one coder: its value, length so far and pairable length so far.
#[derive(Clone, Copy, Debug)]
struct Run {
    label: u32,
    len: u64,
    pairable: u64,
}

/// The coincidences of one continuum, additive over documents.
#[derive(Clone, Debug, Default)]
pub(crate) struct Coincidences {
    coders: usize,
    /// Characters of the continuum.
    length: u64,
    /// For every ordered pair of distinct coders (i, j): characters where i's value is `c` and
    /// j's is `k`, under `(c, k)`. Not yet divided by m − 1.
    pairs: BTreeMap<(u32, u32), u64>,
    /// Per value: Σ l² over all coders' sections with this value; Σ l for the gap.
    own: BTreeMap<u32, u128>,
    /// Per non-gap value: Σ p² over all coders' sections with this value, p being the
    /// characters of the section some other coder also coded (with any non-gap value).
    pairable: BTreeMap<u32, u128>,
    /// Sections not yet closed, per coder.
    open: Vec<Vec<Run>>,
}

impl Coincidences {
    /// Empty coincidences for `coders` coders.
    pub fn new(coders: usize) -> Self {
        Self {
            coders,
            open: vec![Vec::new(); coders],
            ..Self::default()
        }
    }

    /// A piece of `len` characters over which coder `i` holds the values `labels[i]` (empty:
    /// the gap). Several values at once count each (used for Cu-α only).
    fn piece(&mut self, labels: &[Vec<u32>], len: u64) {
        fn values(l: &[u32]) -> &[u32] {
            if l.is_empty() { &[GAP] } else { l }
        }
        let coded = labels.iter().filter(|l| !l.is_empty()).count();
        for (i, li) in labels.iter().enumerate() {
            for (j, lj) in labels.iter().enumerate() {
                if i == j {
                    continue;
                }
                for &c in values(li) {
                    for &k in values(lj) {
                        *self.pairs.entry((c, k)).or_default() += len;
                    }
                }
            }
        }
        for (i, li) in labels.iter().enumerate() {
            let li = values(li);
            let open = &mut self.open[i];
            let mut closed = Vec::new();
            open.retain(|r| {
                let keep = li.contains(&r.label);
                if !keep {
                    closed.push(*r);
                }
                keep
            });
            for &label in li {
                let run = match open.iter_mut().position(|r| r.label == label) {
                    Some(p) => &mut open[p],
                    None => {
                        open.push(Run {
                            label,
                            len: 0,
                            pairable: 0,
                        });
                        let last = open.len() - 1;
                        &mut open[last]
                    }
                };
                run.len += len;
                if label != GAP && coded >= 2 {
                    run.pairable += len;
                }
            }
            for r in closed {
                self.close(r);
            }
        }
        self.length += len;
    }

    /// Add a closed section's corrections.
    fn close(&mut self, r: Run) {
        if r.label == GAP {
            *self.own.entry(GAP).or_default() += u128::from(r.len);
        } else {
            *self.own.entry(r.label).or_default() += u128::from(r.len) * u128::from(r.len);
            *self.pairable.entry(r.label).or_default() +=
                u128::from(r.pairable) * u128::from(r.pairable);
        }
    }

    /// Close every open section: the document ends.
    fn end_document(&mut self) {
        let open: Vec<Run> = self.open.iter_mut().flat_map(std::mem::take).collect();
        for r in open {
            self.close(r);
        }
    }

    /// Lay `other` (whose sections are all closed) after this continuum.
    pub fn append(&mut self, other: &Coincidences) {
        self.length += other.length;
        for (&k, &v) in &other.pairs {
            *self.pairs.entry(k).or_default() += v;
        }
        for (&k, &v) in &other.own {
            *self.own.entry(k).or_default() += v;
        }
        for (&k, &v) in &other.pairable {
            *self.pairable.entry(k).or_default() += v;
        }
    }

    /// 1 − D_o / D_e from the coincidences of the values `keep` accepts, grouped into the
    /// categories `class` gives, with the self-pairing correction `correction` (Σ l² or Σ p²).
    /// D_o and D_e are returned as shares of ℓ.. (the coincidences kept).
    #[allow(clippy::cast_precision_loss)]
    fn coefficient(
        &self,
        keep: impl Fn(u32) -> bool,
        class: impl Fn(u32) -> u32,
        correction: u128,
    ) -> UnitizingAlpha {
        let undefined = UnitizingAlpha::new(0.0, 0.0);
        if self.coders < 2 {
            return undefined;
        }
        let mut total: u128 = 0;
        let mut diagonal: u128 = 0;
        let mut rows: BTreeMap<u32, u128> = BTreeMap::new();
        for (&(c, k), &n) in &self.pairs {
            if !keep(c) || !keep(k) {
                continue;
            }
            let n = u128::from(n);
            total += n;
            if class(c) == class(k) {
                diagonal += n;
            }
            *rows.entry(class(c)).or_default() += n;
        }
        if total == 0 {
            return undefined;
        }
        let scale = (self.coders - 1) as f64;
        let all = total as f64 / scale;
        // Σ_{c≠k} ε_ck = (ℓ..² − Σ_c ℓ_c.²) / (ℓ.. − Σ corr / ℓ..): the diagonal corrections of
        // ε cancel out of the off-diagonal sum. The numerator is exact, in integers.
        let spread = total * total - rows.values().map(|r| r * r).sum::<u128>();
        let denominator = all - correction as f64 / all;
        let expected = if denominator > 0.0 {
            spread as f64 / (scale * scale) / denominator
        } else {
            0.0
        };
        let observed = (total - diagonal) as f64 / scale;
        UnitizingAlpha::new(observed / all, expected / all)
    }

    /// |uα: gap against everything else.
    pub fn binary(&self) -> UnitizingAlpha {
        self.coefficient(|_| true, |c| u32::from(c != GAP), self.own.values().sum())
    }

    /// uα: every value, the gap included.
    pub fn nominal(&self) -> UnitizingAlpha {
        self.coefficient(|_| true, |c| c, self.own.values().sum())
    }

    /// cuα: non-gap values only, with the pairable lengths.
    pub fn coded(&self) -> UnitizingAlpha {
        self.coefficient(|c| c != GAP, |c| c, self.pairable.values().sum())
    }
}

/// One coding as the sweep sees it: where, by whom, with what (a code of the domain, or a
/// domain).
#[derive(Clone, Copy, Debug)]
struct Mark {
    start: usize,
    end: usize,
    coder: usize,
    what: u32,
}

/// What a sweep counted besides the coincidences.
#[derive(Clone, Debug, Default)]
struct Counts {
    /// Characters each coder coded with something.
    coded: Vec<u64>,
    /// Characters (times coders) with two or more things at once.
    multi: u64,
}

/// Sweep one document of `len` characters: each coder's value at a piece is the set of the
/// `what`s of their marks covering it, turned into labels by `labels` (empty for the gap).
fn sweep(
    len: usize,
    marks: &[Mark],
    acc: &mut Coincidences,
    mut labels: impl FnMut(&[u32]) -> Vec<u32>,
) -> Counts {
    let m = acc.coders;
    let mut events: Vec<(usize, usize, u32, bool)> = Vec::with_capacity(marks.len() * 2);
    for k in marks {
        let (start, end) = (k.start.min(len), k.end.min(len));
        if start < end {
            events.push((start, k.coder, k.what, true));
            events.push((end, k.coder, k.what, false));
        }
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut active: Vec<Vec<(u32, u32)>> = vec![Vec::new(); m];
    let mut sets: Vec<Vec<u32>> = vec![Vec::new(); m];
    let mut current: Vec<Vec<u32>> = vec![Vec::new(); m];
    let mut counts = Counts {
        coded: vec![0; m],
        multi: 0,
    };
    let mut changed = vec![false; m];
    let (mut prev, mut i) = (0, 0);
    loop {
        let pos = events.get(i).map_or(len, |e| e.0);
        if pos > prev {
            let piece = (pos - prev) as u64;
            acc.piece(&current, piece);
            for (c, set) in sets.iter().enumerate() {
                if !set.is_empty() {
                    counts.coded[c] += piece;
                }
                if set.len() >= 2 {
                    counts.multi += piece;
                }
            }
            prev = pos;
        }
        if i >= events.len() {
            break;
        }
        while let Some(&(at, coder, what, start)) = events.get(i) {
            if at != pos {
                break;
            }
            let a = &mut active[coder];
            match a.iter().position(|&(w, _)| w == what) {
                Some(p) if !start => {
                    a[p].1 -= 1;
                    if a[p].1 == 0 {
                        a.swap_remove(p);
                    }
                }
                Some(p) => a[p].1 += 1,
                None if start => a.push((what, 1)),
                None => {}
            }
            changed[coder] = true;
            i += 1;
        }
        for c in 0..m {
            if std::mem::take(&mut changed[c]) {
                let mut set: Vec<u32> = active[c].iter().map(|&(w, _)| w).collect();
                set.sort_unstable();
                current[c] = if set.is_empty() {
                    Vec::new()
                } else {
                    labels(&set)
                };
                sets[c] = set;
            }
        }
    }
    acc.end_document();
    counts
}

/// The semantic domains of a comparison: each top-level code with a code some compared coder
/// applied in its subtree.
struct Domains {
    /// Top-level codes, in codebook order.
    roots: Vec<CodeId>,
    /// Every code of those domains: its domain and its index within the domain.
    of_code: HashMap<CodeId, (usize, u32)>,
}

impl Domains {
    fn new(project: &Project, scope: &Scope) -> Self {
        let used: std::collections::HashSet<CodeId> = scope.codes.iter().copied().collect();
        let mut roots: Vec<CodeId> = Vec::new();
        let mut members: Vec<Vec<CodeId>> = Vec::new();
        for (depth, code) in project.code_tree() {
            if depth == 0 {
                roots.push(code.id);
                members.push(Vec::new());
            }
            if let Some(m) = members.last_mut() {
                m.push(code.id);
            }
        }
        let mut out = Self {
            roots: Vec::new(),
            of_code: HashMap::new(),
        };
        for (root, codes) in roots.into_iter().zip(members) {
            if !codes.iter().any(|c| used.contains(c)) {
                continue;
            }
            let d = out.roots.len();
            out.roots.push(root);
            for (k, c) in (0u32..).zip(codes) {
                out.of_code.insert(c, (d, k));
            }
        }
        out
    }
}

/// The measures of one domain's coincidences.
fn measures(acc: &Coincidences, counts: &Counts) -> DomainMeasures {
    DomainMeasures {
        characters: acc.length,
        coded: counts.coded.clone(),
        combined_chars: counts.multi,
        binary_u_alpha: acc.binary(),
        u_alpha: acc.nominal(),
        cu_alpha: acc.coded(),
    }
}

/// The cu-α family per semantic domain and Cu-α across domains, for the coders and documents
/// in `options` (its unit plays no part), without the per-code statistics of
/// [`agreement`](super::agreement), which includes these too.
pub fn domain_agreement(
    project: &Project,
    options: &AgreementOptions,
) -> Result<(Vec<DomainAgreement>, AcrossDomains), AgreementError> {
    let scope = Scope::resolve(project, options)?;
    Ok(domains_of_scope(project, &scope))
}

/// The cu-α family per semantic domain (per document and pooled) and Cu-α across domains.
pub(crate) fn domains_of_scope(
    project: &Project,
    scope: &Scope,
) -> (Vec<DomainAgreement>, AcrossDomains) {
    let m = scope.coders.len();
    let domains = Domains::new(project, scope);
    let nd = domains.roots.len();
    let mut pooled: Vec<Coincidences> = vec![Coincidences::new(m); nd];
    let mut pooled_counts: Vec<Counts> = vec![
        Counts {
            coded: vec![0; m],
            multi: 0,
        };
        nd
    ];
    let mut per_doc: Vec<Vec<DomainDocument>> = vec![Vec::new(); nd];
    // Labels of each domain's values: the sorted sets of code indices, 1 onwards.
    let mut values: Vec<HashMap<Vec<u32>, u32>> = vec![HashMap::new(); nd];
    let mut across = Coincidences::new(m);
    let mut multi_domain = 0;
    let mut across_docs = Vec::new();

    for &id in &scope.documents {
        let Some(doc) = project.document(id) else {
            continue;
        };
        let len = doc.text.char_len();
        let mut marks: Vec<Vec<Mark>> = vec![Vec::new(); nd];
        for c in project.codings_of(id) {
            let Some(coder) = scope.coders.iter().position(|&x| x == c.coder) else {
                continue;
            };
            let Some(&(d, k)) = domains.of_code.get(&c.code) else {
                continue;
            };
            marks[d].push(Mark {
                start: c.range.start,
                end: c.range.end,
                coder,
                what: k,
            });
        }
        let mut all: Vec<Mark> = Vec::new();
        for (d, list) in marks.iter().enumerate() {
            let mut acc = Coincidences::new(m);
            let table = &mut values[d];
            let counts = sweep(len, list, &mut acc, |set| {
                let next = u32::try_from(table.len() + 1).unwrap_or(u32::MAX);
                vec![*table.entry(set.to_vec()).or_insert(next)]
            });
            pooled[d].append(&acc);
            for (p, c) in pooled_counts[d].coded.iter_mut().zip(&counts.coded) {
                *p += c;
            }
            pooled_counts[d].multi += counts.multi;
            if !list.is_empty() {
                per_doc[d].push(DomainDocument {
                    document: id,
                    name: doc.name.clone(),
                    measures: measures(&acc, &counts),
                });
            }
            let what = u32::try_from(d + 1).unwrap_or(u32::MAX);
            all.extend(list.iter().map(|&k| Mark { what, ..k }));
        }
        let mut acc = Coincidences::new(m);
        let counts = sweep(len, &all, &mut acc, <[u32]>::to_vec);
        across.append(&acc);
        multi_domain += counts.multi;
        if !all.is_empty() {
            across_docs.push(AcrossDocument {
                document: id,
                name: doc.name.clone(),
                multi_domain_chars: counts.multi,
                cu_alpha: acc.coded(),
            });
        }
    }

    let list = domains
        .roots
        .iter()
        .zip(pooled.iter().zip(&pooled_counts))
        .zip(per_doc)
        .map(|((&code, (acc, counts)), documents)| DomainAgreement {
            code,
            name: project.code_path(code),
            measures: measures(acc, counts),
            documents,
        })
        .collect();
    (
        list,
        AcrossDomains {
            multi_domain_chars: multi_domain,
            cu_alpha: across.coded(),
            documents: across_docs,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(coder: usize, start: usize, end: usize, what: u32) -> Mark {
        Mark {
            start,
            end,
            coder,
            what,
        }
    }

    #[test]
    fn pieces_and_sections_of_two_coders() {
        // A codes 0..4 with code 0, B codes 2..6 with code 0, ten characters.
        let mut acc = Coincidences::new(2);
        let counts = sweep(10, &[mark(0, 0, 4, 0), mark(1, 2, 6, 0)], &mut acc, |_| {
            vec![1]
        });
        assert_eq!(counts.coded, vec![4, 4]);
        assert_eq!(acc.length, 10);
        assert_eq!(acc.pairs[&(1, 1)], 4);
        assert_eq!(acc.pairs[&(1, GAP)], 4);
        assert_eq!(acc.pairs[&(GAP, 1)], 4);
        assert_eq!(acc.pairs[&(GAP, GAP)], 8);
        // Gaps: A 6, B 2 + 4 (Σ l); units: 4² + 4².
        assert_eq!(acc.own[&GAP], 12);
        assert_eq!(acc.own[&1], 32);
        // Pairable: two characters of each unit, squared.
        assert_eq!(acc.pairable[&1], 8);
    }

    #[test]
    fn touching_codings_of_one_value_are_one_section() {
        let mut acc = Coincidences::new(2);
        sweep(
            6,
            &[mark(0, 0, 3, 0), mark(0, 3, 6, 0), mark(1, 0, 6, 0)],
            &mut acc,
            |_| vec![1],
        );
        assert_eq!(acc.own[&1], 72);
        assert_eq!(acc.own.get(&GAP), None);
    }
}
