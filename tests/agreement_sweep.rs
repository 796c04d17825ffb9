//! The sweep over sorted boundaries against the plainest possible computation (a value per
//! character and coder, every pair of sections) on random codings: nested, overlapping,
//! touching and duplicate codings by three coders.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]
// The naive computation keeps the symbols of the formulas (m, l, D_o, D_e, b1, e1...).
#![allow(
    clippy::similar_names,
    clippy::many_single_char_names,
    clippy::cast_possible_wrap,
    clippy::doc_markdown
)]

use margin::analysis::agreement::{AgreementOptions, Unit, agreement, compare};
use margin::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, Color, Document, DocumentKind, Edit, Manifest,
    Project, Segment, SortKey,
};

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const LEN: usize = 300;

fn random_project(seed: u64) -> (Project, Vec<CoderId>, Vec<CodeId>) {
    let mut rng = Lcg(seed);
    let mut p = Project::new(Manifest::new("random"));
    let coders: Vec<Coder> = (0..3)
        .map(|i| Coder::new(format!("c{i}"), Color::palette(i)))
        .collect();
    let codes: Vec<Code> = (0..3)
        .map(|i| Code::new(format!("k{i}"), Color::palette(i), SortKey(format!("{i}"))))
        .collect();
    let mut doc = Document::new("d", DocumentKind::Interview, "x".repeat(LEN));
    // Turns of 17 characters with a 3-character label between them.
    doc.segments = (0..LEN / 20)
        .map(|i| Segment {
            range: CharRange::new(i * 20 + 3, i * 20 + 20),
            ..Segment::default()
        })
        .collect();
    let mut edits: Vec<Edit> = coders.iter().cloned().map(Edit::PutCoder).collect();
    edits.extend(codes.iter().cloned().map(Edit::PutCode));
    let text = doc.text.clone();
    let doc_id = doc.id;
    edits.push(Edit::PutDocument(Box::new(doc)));
    let mut last: Option<CharRange> = None;
    for _ in 0..45 {
        let range = match (rng.below(4), last) {
            // Sometimes touch or repeat the previous coding.
            (0, Some(r)) if r.end < LEN - 1 => {
                CharRange::new(r.end, (r.end + 1 + rng.below(30)).min(LEN))
            }
            (1, Some(r)) => r,
            _ => {
                let start = rng.below(LEN - 1);
                CharRange::new(start, (start + 1 + rng.below(60)).min(LEN))
            }
        };
        last = Some(range);
        let coder = coders[rng.below(3)].id;
        let code = codes[rng.below(3)].id;
        edits.push(Edit::PutCoding(Box::new(Coding::new(
            doc_id, &text, range, code, coder,
        ))));
    }
    p.apply(Edit::Batch(edits)).unwrap();
    (
        p,
        coders.iter().map(|c| c.id).collect(),
        codes.iter().map(|c| c.id).collect(),
    )
}

fn ranges_of(p: &Project, coder: CoderId, code: CodeId) -> Vec<CharRange> {
    let mut v: Vec<CharRange> = p
        .codings()
        .values()
        .filter(|c| c.coder == coder && c.code == code)
        .map(|c| c.range)
        .collect();
    v.sort();
    v
}

fn covered(ranges: &[CharRange]) -> Vec<bool> {
    let mut v = vec![false; LEN];
    for r in ranges {
        v[r.start..r.end].iter_mut().for_each(|x| *x = true);
    }
    v
}

/// (units, applied per coder, all applied, split, Σ k(m−k)) from one value per unit and coder.
fn naive_tally(values: &[Vec<bool>]) -> (u64, Vec<u64>, u64, u64, u64) {
    let m = values.len() as u64;
    let n = values[0].len();
    let mut applied = vec![0; values.len()];
    let (mut all, mut split, mut pairs) = (0, 0, 0);
    for u in 0..n {
        let k = values.iter().filter(|v| v[u]).count() as u64;
        for (i, v) in values.iter().enumerate() {
            applied[i] += u64::from(v[u]);
        }
        if k == m {
            all += 1;
        } else if k > 0 {
            split += 1;
            pairs += k * (m - k);
        }
    }
    (n as u64, applied, all, split, pairs)
}

/// u-α's D_o and D_e by the formula, every pair of sections.
fn naive_u_alpha(units: &[Vec<CharRange>]) -> (f64, f64) {
    let m = units.len() as f64;
    let l = LEN as f64;
    let sections: Vec<Vec<(i64, i64, bool)>> = units
        .iter()
        .map(|us| {
            let mut s = Vec::new();
            let mut pos = 0;
            for r in us {
                if r.start > pos {
                    s.push((pos as i64, r.start as i64, false));
                }
                s.push((r.start as i64, r.end as i64, true));
                pos = r.end;
            }
            if pos < LEN {
                s.push((pos as i64, LEN as i64, false));
            }
            s
        })
        .collect();
    let mut observed = 0.0;
    for (i, si) in sections.iter().enumerate() {
        for (j, sj) in sections.iter().enumerate() {
            if i == j {
                continue;
            }
            for &(b1, e1, w1) in si {
                for &(b2, e2, w2) in sj {
                    let (l1, l2) = (e1 - b1, e2 - b2);
                    observed += match (w1, w2) {
                        (true, true) if -l1 < b1 - b2 && b1 - b2 < l2 => {
                            ((b1 - b2).pow(2) + (e1 - e2).pow(2)) as f64
                        }
                        (true, false) if l2 - l1 >= b1 - b2 && b1 - b2 >= 0 => (l1 * l1) as f64,
                        (false, true) if l1 - l2 >= b2 - b1 && b2 - b1 >= 0 => (l2 * l2) as f64,
                        _ => 0.0,
                    };
                }
            }
        }
    }
    let lens: Vec<f64> = sections
        .iter()
        .flatten()
        .filter(|s| s.2)
        .map(|s| (s.1 - s.0) as f64)
        .collect();
    let gaps: Vec<f64> = sections
        .iter()
        .flatten()
        .filter(|s| !s.2)
        .map(|s| (s.1 - s.0) as f64)
        .collect();
    let n_c = lens.len() as f64;
    let mut sum = 0.0;
    for &x in &lens {
        sum += (n_c - 1.0) * (2.0 * x * x * x - 3.0 * x * x + x) / 3.0;
        sum += x
            * x
            * gaps
                .iter()
                .filter(|&&g| g >= x)
                .map(|g| g - x + 1.0)
                .sum::<f64>();
    }
    let self_pairs: f64 = lens.iter().map(|x| x * (x - 1.0)).sum();
    let expected = 2.0 / l * sum / (m * l * (m * l - 1.0) - self_pairs);
    (observed / (m * (m - 1.0) * l * l), expected)
}

/// Coder's codings merged where they overlap (touching ones stay apart).
fn merged(mut v: Vec<CharRange>) -> Vec<CharRange> {
    v.sort();
    let mut out: Vec<CharRange> = Vec::new();
    for r in v {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1e-9)
}

#[test]
fn sweep_matches_per_character_counting() {
    for seed in 1..=40 {
        let (p, coders, codes) = random_project(seed);
        for unit in [Unit::Character, Unit::Segment] {
            let options = AgreementOptions {
                coders: coders.clone(),
                unit,
                ..AgreementOptions::default()
            };
            let r = agreement(&p, &options).unwrap();
            for c in &r.codes {
                let chars: Vec<Vec<bool>> = coders
                    .iter()
                    .map(|&k| covered(&ranges_of(&p, k, c.code)))
                    .collect();
                let values = match unit {
                    Unit::Character => chars.clone(),
                    Unit::Segment => {
                        let doc = p.documents().values().next().unwrap();
                        chars
                            .iter()
                            .map(|v| {
                                doc.segments
                                    .iter()
                                    .map(|s| v[s.range.start..s.range.end].iter().any(|&x| x))
                                    .collect()
                            })
                            .collect()
                    }
                };
                let t = &c.measures.tally;
                let got = (
                    t.units,
                    t.applied.clone(),
                    t.all_applied,
                    t.split,
                    t.mismatched_pairs,
                );
                assert_eq!(got, naive_tally(&values), "seed {seed} {unit:?} {}", c.name);

                let units: Vec<Vec<CharRange>> = coders
                    .iter()
                    .map(|&k| merged(ranges_of(&p, k, c.code)))
                    .collect();
                let (o, e) = naive_u_alpha(&units);
                let u = &c.measures.u_alpha;
                assert!(
                    close(u.observed, o),
                    "seed {seed} {}: D_o {} vs {o}",
                    c.name,
                    u.observed
                );
                assert!(
                    close(u.expected, e),
                    "seed {seed} {}: D_e {} vs {e}",
                    c.name,
                    u.expected
                );
            }
            assert!(r.codes.len() <= codes.len());
        }
    }
}

#[test]
fn passages_mark_exactly_the_differing_characters() {
    for seed in 1..=40 {
        let (p, coders, _) = random_project(seed);
        let options = AgreementOptions {
            coders: coders.clone(),
            ..AgreementOptions::default()
        };
        let cmp = compare(&p, &options).unwrap();
        for passage in &cmp.passages {
            let cover: Vec<Vec<bool>> = coders
                .iter()
                .map(|&k| covered(&ranges_of(&p, k, passage.code)))
                .collect();
            let mut differ = vec![false; LEN];
            for (pos, d) in differ
                .iter_mut()
                .enumerate()
                .take(passage.range.end)
                .skip(passage.range.start)
            {
                let k = cover.iter().filter(|v| v[pos]).count();
                *d = k > 0 && k < coders.len();
            }
            assert_eq!(covered(&passage.differing), differ, "seed {seed}");
            assert_eq!(passage.is_disagreement(), differ.iter().any(|&d| d));
            // Every coding of the code that overlaps the passage is in some version.
            let inside: usize = passage.versions.iter().map(|v| v.codings.len()).sum();
            let overlapping = p
                .codings()
                .values()
                .filter(|c| c.code == passage.code && c.range.overlaps(passage.range))
                .count();
            assert_eq!(inside, overlapping, "seed {seed}");
        }
        // Passages of one code never overlap one another.
        for a in &cmp.passages {
            for b in &cmp.passages {
                if !std::ptr::eq(a, b) && a.code == b.code {
                    assert!(!a.range.overlaps(b.range), "seed {seed}");
                }
            }
        }
    }
}
