//! The cu-α family per semantic domain (|uα, uα, cuα) and Cu-α across domains, checked against
//! a case worked by hand and against `tests/cu_alpha_reference.py`, a naive character-by-character
//! transcription of Krippendorff's (2019, §12.6) formulas in exact fractions, run on the cases in
//! `tests/fixtures/cu_alpha_cases.json`.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use agreement_fixture::{Fixture, case_in};
use margin::analysis::agreement::{
    AgreementOptions, AgreementReport, DomainMeasures, Unit, agreement,
};

const CASES: &str = include_str!("fixtures/cu_alpha_cases.json");

fn fixture(name: &str) -> Fixture {
    case_in(CASES, name)
}

fn report(f: &Fixture) -> AgreementReport {
    agreement(&f.project, &AgreementOptions::default()).unwrap()
}

fn close(got: Option<f64>, want: Option<f64>) -> bool {
    match (got, want) {
        (Some(g), Some(w)) => (g - w).abs() <= 1e-12,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn hand_worked_example() {
    // Twenty characters, domain Mood = {Mood, calm, tense}.
    //   A: calm 2..8, tense 12..18.       B: tense 4..8 and 8..16 (touching: one section).
    // Pieces (A / B): 0..2 φ/φ, 2..4 calm/φ, 4..8 calm/tense, 8..12 φ/tense,
    //   12..16 tense/tense, 16..18 tense/φ, 18..20 φ/φ.
    // ℓ (two coders, m − 1 = 1, both orders): φφ 2·(2 + 2) = 8, calm·φ = φ·calm = 2,
    //   calm·tense = tense·calm = 4, tense·φ = φ·tense = 4 + 2 = 6, tense·tense = 2·4 = 8.
    //   ℓ.. = 40 = 2·20; rows: φ 16, calm 6, tense 18.
    // Sections: A φ 2, calm 6, φ 4, tense 6, φ 2; B φ 4, tense 12, φ 4.
    //   Corrections: φ 2 + 4 + 2 + 4 + 4 = 16 (lengths), calm 6² = 36, tense 6² + 12² = 180;
    //   Σ = 232, ℓ.. − Σ/ℓ.. = 40 − 5.8 = 34.2.
    // uα: D_o = 40 − (8 + 0 + 8) = 24; Σ_{c≠k} ε = (40² − 16² − 6² − 18²) / 34.2 = 984 / 34.2;
    //   uα = 1 − 24·34.2/984 = 163.2/984 ≈ 0.16585.
    // |uα: rows φ 16, not φ 24; D_o = 2·(2 + 6) = 16; D_e = (1600 − 256 − 576) / 34.2;
    //   |uα = 1 − 16·34.2/768 = 0.2875.
    // cuα: ℓ* = calm·tense = tense·calm = 4, tense·tense = 8; ℓ*.. = 16, rows calm 4, tense 12.
    //   Pairable lengths: A calm 4 (4..8), A tense 4 (12..16), B tense 8 (4..8, 12..16);
    //   Σ p² = 16 + 16 + 64 = 96, ℓ*.. − 96/16 = 10. D_o = 8, D_e = (256 − 16 − 144)/10 = 9.6;
    //   cuα = 1 − 8/9.6 = 1/6.
    // Cu-α: one domain only, so every coincidence is Mood·Mood: D_o = D_e = 0, undefined.
    let r = report(&fixture("hand20"));
    assert_eq!(r.domains.len(), 1);
    let d = &r.domains[0];
    assert_eq!(d.name, "Mood");
    let m = &d.measures;
    assert_eq!(m.characters, 20);
    assert_eq!(m.coded, vec![12, 12]);
    assert_eq!(m.combined_chars, 0);
    assert!(close(m.u_alpha.value, Some(163.2 / 984.0)), "{m:?}");
    assert!((m.u_alpha.observed - 24.0 / 40.0).abs() < 1e-12);
    assert!((m.u_alpha.expected - 984.0 / 34.2 / 40.0).abs() < 1e-12);
    assert!(close(m.binary_u_alpha.value, Some(0.2875)), "{m:?}");
    assert!(close(m.cu_alpha.value, Some(1.0 / 6.0)), "{m:?}");
    assert!((m.cu_alpha.observed - 0.5).abs() < 1e-12);
    assert!((m.cu_alpha.expected - 0.6).abs() < 1e-12);
    assert_eq!(d.documents.len(), 1);
    assert_eq!(d.documents[0].measures, *m);
    assert_eq!(r.across_domains.cu_alpha.value, None);
    assert_eq!(r.across_domains.multi_domain_chars, 0);
}

/// (case, domain, document or "*", |uα, uα, cuα, combined characters).
/// Source: `python3 tests/cu_alpha_reference.py --rust`, pasted unchanged.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    u64,
);

#[rustfmt::skip]
#[allow(clippy::unreadable_literal)] // as Python prints them, for comparison with its output
const EXPECTED: &[Row] = &[
    ("hand20", "Mood", "*", Some(0.2875), Some(0.16585365853658537), Some(0.16666666666666666), 0),
    ("hand20", "Mood", "d1", Some(0.2875), Some(0.16585365853658537), Some(0.16666666666666666), 0),
    ("three", "Mood", "*", Some(0.6131349335650411), Some(0.45832419064585395), Some(0.43246287762416796), 4),
    ("three", "Mood", "d1", Some(0.7864093682995217), Some(0.5422912858013407), Some(0.4184227721963571), 4),
    ("three", "Mood", "d2", Some(0.36123733333333335), Some(0.32044382801664356), Some(0.7201166180758017), 0),
    ("three", "Topic", "*", Some(0.7861656565656565), Some(0.5199480436549402), Some(0.2747235358201416), 0),
    ("three", "Topic", "d1", Some(0.6994192799070847), Some(0.5695276114437791), Some(0.5742418442431202), 0),
    ("three", "Topic", "d2", Some(0.9005643232902917), Some(0.47399311880186196), Some(0.07267441860465117), 0),
    ("agree", "Mood", "*", Some(1.0), Some(1.0), Some(1.0), 0),
    ("agree", "Mood", "d1", Some(1.0), Some(1.0), Some(1.0), 0),
    ("degenerate", "Mood", "*", Some(0.49333333333333335), Some(0.49333333333333335), None, 0),
    ("degenerate", "Mood", "d1", Some(0.49333333333333335), Some(0.49333333333333335), None, 0),
];

/// (case, Cu-α, characters coded in two domains at once). Same source.
#[rustfmt::skip]
#[allow(clippy::unreadable_literal)]
const EXPECTED_ACROSS: &[(&str, Option<f64>, u64)] = &[
    ("hand20", None, 0),
    ("three", Some(0.6875038740469844), 14),
    ("agree", None, 0),
    ("degenerate", None, 0),
];

fn measures<'a>(r: &'a AgreementReport, domain: &str, document: &str) -> &'a DomainMeasures {
    let d = r.domains.iter().find(|d| d.name == domain).unwrap();
    if document == "*" {
        return &d.measures;
    }
    &d.documents
        .iter()
        .find(|x| x.name == document)
        .unwrap()
        .measures
}

#[test]
fn reference_values() {
    let mut checked = 0;
    for &(case, domain, document, binary, nominal, cu, combined) in EXPECTED {
        let r = report(&fixture(case));
        let m = measures(&r, domain, document);
        let at = format!("{case} {domain} {document}: {m:?}");
        assert!(close(m.binary_u_alpha.value, binary), "|uα {at}");
        assert!(close(m.u_alpha.value, nominal), "uα {at}");
        assert!(close(m.cu_alpha.value, cu), "cuα {at}");
        assert_eq!(m.combined_chars, combined, "{at}");
        checked += 1;
    }
    assert_eq!(checked, 12);
    for &(case, cu, multi) in EXPECTED_ACROSS {
        let r = report(&fixture(case));
        let a = &r.across_domains;
        assert!(close(a.cu_alpha.value, cu), "{case}: {a:?}");
        assert_eq!(a.multi_domain_chars, multi, "{case}");
    }
}

#[test]
fn domains_follow_the_codebook_and_skip_unused_top_codes() {
    let f = fixture("three");
    let r = report(&f);
    let names: Vec<&str> = r.domains.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Mood", "Topic"]);
    assert_eq!(r.domains[0].code, f.code("Mood"));
    // Mood, over d1 (30) and d2 (25): Ann 0..6, 10..20 and 0..5; Ben 0..8, 11..20, 0..4,
    // 18..25; Cai 1..7, 12..20, 2..6, 20..25.
    let m = &r.domains[0].measures;
    assert_eq!(m.characters, 55);
    assert_eq!(m.coded, vec![21, 28, 23]);
    // The unit of the other coefficients does not change the cu-α family.
    let by_segment = agreement(
        &f.project,
        &AgreementOptions {
            unit: Unit::Segment,
            ..AgreementOptions::default()
        },
    )
    .unwrap();
    assert_eq!(by_segment.domains, r.domains);
}

#[test]
fn a_pair_of_coders_is_compared_alone() {
    // Only Ann and Ben: the third coder's codings play no part.
    let f = fixture("three");
    let two = agreement(
        &f.project,
        &AgreementOptions {
            coders: f.coders_named("Ann+Ben"),
            ..AgreementOptions::default()
        },
    )
    .unwrap();
    assert_eq!(two.domains[0].measures.coded, vec![21, 28]);
    assert_ne!(
        two.domains[0].measures.cu_alpha,
        report(&f).domains[0].measures.cu_alpha
    );
}

#[test]
fn cu_alpha_per_document_is_cu_alpha_of_that_document_alone() {
    let mut seen = 0;
    for case in ["hand20", "three", "agree"] {
        let f = fixture(case);
        let r = report(&f);
        for d in &r.across_domains.documents {
            let alone = agreement(
                &f.project,
                &AgreementOptions {
                    documents: vec![d.document],
                    ..AgreementOptions::default()
                },
            )
            .unwrap();
            assert_eq!(
                d.cu_alpha, alone.across_domains.cu_alpha,
                "{case} {}",
                d.name
            );
            assert_eq!(
                d.multi_domain_chars,
                alone.across_domains.multi_domain_chars
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 4, "one document each, two in \"three\"");
}
