//! Agreement statistics checked against independent computations on fixed cases:
//! values worked by hand, values Krippendorff published for his examples, and values computed
//! by scikit-learn's `cohen_kappa_score`, the `krippendorff` package from `PyPI` and a naive
//! transcription of the u-α formula, all by `tests/agreement_reference.py` from the cases in
//! `tests/fixtures/agreement_cases.json`.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use agreement_fixture::case;
use margin::analysis::agreement::{
    AgreementError, AgreementOptions, AgreementReport, Measures, Unit, agreement,
};

fn report(case_name: &str, coders: &str, unit: Unit) -> AgreementReport {
    let f = case(case_name);
    let options = AgreementOptions {
        coders: f.coders_named(coders),
        unit,
        ..AgreementOptions::default()
    };
    agreement(&f.project, &options).unwrap()
}

fn close(got: Option<f64>, want: Option<f64>, tolerance: f64) -> bool {
    match (got, want) {
        (Some(g), Some(w)) => (g - w).abs() <= tolerance,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn hand_worked_example() {
    // docs/agreement.md: ten characters, A codes 0..4, B codes 2..6.
    let r = report("hand", "A+B", Unit::Character);
    let m = &r.overall;
    assert_eq!(m.tally.units, 10);
    assert_eq!(m.tally.applied, vec![4, 4]);
    assert_eq!(m.percent, Some(0.6));
    assert!(close(m.kappa, Some(1.0 / 6.0), 1e-12));
    assert!(close(m.alpha, Some(5.0 / 24.0), 1e-12));
    // D_o = 0.08, D_e = 36.8 / 356, u-α = 1 − 0.08·356/36.8 = 26/115.
    assert!((m.u_alpha.observed - 0.08).abs() < 1e-12);
    assert!((m.u_alpha.expected - 36.8 / 356.0).abs() < 1e-12);
    assert!(close(m.u_alpha.value, Some(26.0 / 115.0), 1e-12));
}

#[test]
fn krippendorff_2004_published_example() {
    // Krippendorff (2004), Content Analysis, 2nd ed., p. 254, as also reproduced by DKPro
    // Statistics' test suite: D_o(c) = 0.0144, D_e(c) = 0.0532, α(c) = 0.7286, α(k) = 1.
    let r = report("krippendorff2004", "i+j", Unit::Character);
    let c = &r.codes[0].measures.u_alpha;
    let k = &r.codes[1].measures.u_alpha;
    assert_eq!(
        (r.codes[0].name.as_str(), r.codes[1].name.as_str()),
        ("c", "k")
    );
    assert!((c.observed - 0.0144).abs() < 1e-4, "{c:?}");
    assert!((c.expected - 0.0532).abs() < 1e-4, "{c:?}");
    assert!(close(c.value, Some(0.7286), 1e-4));
    assert!(k.observed.abs() < 1e-15);
    assert!((k.expected - 0.0490).abs() < 1e-4, "{k:?}");
    assert_eq!(k.value, Some(1.0));
    // Published overall 0.8591 = 1 − 0.0144 / (0.0532 + 0.0490), from the rounded parts; the
    // unrounded value is 0.85867.
    assert!(close(r.overall.u_alpha.value, Some(0.8591), 5e-4));
}

#[test]
fn krippendorff_1995_published_example() {
    // Krippendorff (1995), p. 57, four pairs of coders on 24 units; observed disagreements as
    // published (and reproduced by DKPro Statistics' Krippendorff1995Test), and for pair A
    // the character-level κ = 0.385 and α = 0.329 given there.
    let r = report("krippendorff1995", "first+second", Unit::Character);
    let observed: Vec<f64> = r
        .codes
        .iter()
        .map(|c| c.measures.u_alpha.observed)
        .collect();
    for (got, want) in observed.iter().zip([0.03125, 2.26736, 0.02777, 0.38715]) {
        assert!((got - want).abs() < 1e-5, "{observed:?}");
    }
    let a = &r.codes[0].measures;
    assert!(close(a.kappa, Some(0.385), 5e-4));
    assert!(close(a.alpha, Some(0.329), 5e-4));
}

/// Expected values: (case, coders, unit, document or "*", code or "*", percent, κ, α, u-α).
/// Source: `python3 tests/agreement_reference.py --rust` (scikit-learn 1.9.1, krippendorff
/// 0.9.0, naive u-α), pasted unchanged.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

#[rustfmt::skip]
#[allow(clippy::unreadable_literal)] // as Python prints them, for comparison with its output
const EXPECTED: &[Row] = &[
    ("hand", "A+B", "character", "*", "*", Some(0.6), Some(0.16666666666666663), Some(0.20833333333333326), Some(0.22608695652173916)),
    ("hand", "A+B", "character", "*", "X", Some(0.6), Some(0.16666666666666663), Some(0.20833333333333326), Some(0.22608695652173916)),
    ("hand", "A+B", "character", "d1", "*", Some(0.6), Some(0.16666666666666663), Some(0.20833333333333326), Some(0.22608695652173916)),
    ("hand", "A+B", "character", "d1", "X", Some(0.6), Some(0.16666666666666663), Some(0.20833333333333326), Some(0.22608695652173916)),
    ("hand", "A+B", "segment", "*", "*", Some(1.0), None, None, Some(0.22608695652173916)),
    ("hand", "A+B", "segment", "*", "X", Some(1.0), None, None, Some(0.22608695652173916)),
    ("hand", "A+B", "segment", "d1", "*", Some(1.0), None, None, Some(0.22608695652173916)),
    ("hand", "A+B", "segment", "d1", "X", Some(1.0), None, None, Some(0.22608695652173916)),
    ("krippendorff2004", "i+j", "character", "*", "*", Some(0.8833333333333333), Some(0.7491039426523298), Some(0.7490131578947368), Some(0.8586654051841702)),
    ("krippendorff2004", "i+j", "character", "*", "c", Some(0.7666666666666667), Some(0.5), Some(0.498444976076555), Some(0.728598996805389)),
    ("krippendorff2004", "i+j", "character", "*", "k", Some(1.0), Some(1.0), Some(1.0), Some(1.0)),
    ("krippendorff2004", "i+j", "character", "continuum", "*", Some(0.8833333333333333), Some(0.7491039426523298), Some(0.7490131578947368), Some(0.8586654051841702)),
    ("krippendorff2004", "i+j", "character", "continuum", "c", Some(0.7666666666666667), Some(0.5), Some(0.498444976076555), Some(0.728598996805389)),
    ("krippendorff2004", "i+j", "character", "continuum", "k", Some(1.0), Some(1.0), Some(1.0), Some(1.0)),
    ("krippendorff2004", "i+j", "segment", "*", "*", Some(1.0), None, None, Some(0.8586654051841702)),
    ("krippendorff2004", "i+j", "segment", "*", "c", Some(1.0), None, None, Some(0.728598996805389)),
    ("krippendorff2004", "i+j", "segment", "*", "k", Some(1.0), None, None, Some(1.0)),
    ("krippendorff2004", "i+j", "segment", "continuum", "*", Some(1.0), None, None, Some(0.8586654051841702)),
    ("krippendorff2004", "i+j", "segment", "continuum", "c", Some(1.0), None, None, Some(0.728598996805389)),
    ("krippendorff2004", "i+j", "segment", "continuum", "k", Some(1.0), None, None, Some(1.0)),
    ("krippendorff1995", "first+second", "character", "*", "*", Some(0.75), Some(0.4696132596685083), Some(0.4563567362428843), Some(-0.7565527387256199)),
    ("krippendorff1995", "first+second", "character", "*", "A", Some(0.6666666666666666), Some(0.3846153846153846), Some(0.3285714285714285), Some(0.5152877697841727)),
    ("krippendorff1995", "first+second", "character", "*", "B", Some(0.6666666666666666), Some(0.3846153846153846), Some(0.3285714285714285), Some(-1.0810785085991865)),
    ("krippendorff1995", "first+second", "character", "*", "C", Some(0.6666666666666666), Some(0.3142857142857143), Some(0.3285714285714285), Some(0.6033478893740902)),
    ("krippendorff1995", "first+second", "character", "*", "D", Some(1.0), None, None, Some(-0.20684865900383143)),
    ("krippendorff1995", "first+second", "character", "continuum", "*", Some(0.75), Some(0.4696132596685083), Some(0.4563567362428843), Some(-0.7565527387256199)),
    ("krippendorff1995", "first+second", "character", "continuum", "A", Some(0.6666666666666666), Some(0.3846153846153846), Some(0.3285714285714285), Some(0.5152877697841727)),
    ("krippendorff1995", "first+second", "character", "continuum", "B", Some(0.6666666666666666), Some(0.3846153846153846), Some(0.3285714285714285), Some(-1.0810785085991865)),
    ("krippendorff1995", "first+second", "character", "continuum", "C", Some(0.6666666666666666), Some(0.3142857142857143), Some(0.3285714285714285), Some(0.6033478893740902)),
    ("krippendorff1995", "first+second", "character", "continuum", "D", Some(1.0), None, None, Some(-0.20684865900383143)),
    ("krippendorff1995", "first+second", "segment", "*", "*", Some(1.0), None, None, Some(-0.7565527387256199)),
    ("krippendorff1995", "first+second", "segment", "*", "A", Some(1.0), None, None, Some(0.5152877697841727)),
    ("krippendorff1995", "first+second", "segment", "*", "B", Some(1.0), None, None, Some(-1.0810785085991865)),
    ("krippendorff1995", "first+second", "segment", "*", "C", Some(1.0), None, None, Some(0.6033478893740902)),
    ("krippendorff1995", "first+second", "segment", "*", "D", Some(1.0), None, None, Some(-0.20684865900383143)),
    ("krippendorff1995", "first+second", "segment", "continuum", "*", Some(1.0), None, None, Some(-0.7565527387256199)),
    ("krippendorff1995", "first+second", "segment", "continuum", "A", Some(1.0), None, None, Some(0.5152877697841727)),
    ("krippendorff1995", "first+second", "segment", "continuum", "B", Some(1.0), None, None, Some(-1.0810785085991865)),
    ("krippendorff1995", "first+second", "segment", "continuum", "C", Some(1.0), None, None, Some(0.6033478893740902)),
    ("krippendorff1995", "first+second", "segment", "continuum", "D", Some(1.0), None, None, Some(-0.20684865900383143)),
    ("team", "Ann+Ben+Cai", "character", "*", "*", Some(0.8161592505854801), None, Some(0.44020729377022505), Some(0.43063176040680917)),
    ("team", "Ann+Ben+Cai", "character", "*", "Identity", Some(0.8032786885245902), None, Some(0.2611832611832612), Some(0.07089158453819999)),
    ("team", "Ann+Ben+Cai", "character", "*", "Loneliness", Some(0.9250585480093677), None, Some(0.6329025435121618), Some(0.7450045781433061)),
    ("team", "Ann+Ben+Cai", "character", "*", "Resonance", Some(0.6370023419203747), None, Some(0.3922127255460589), Some(0.503100155449176)),
    ("team", "Ann+Ben+Cai", "character", "*", "Graduate", Some(0.8992974238875878), None, Some(0.3507136958829775), Some(0.2999327433531255)),
    ("team", "Ann+Ben+Cai", "character", "Field notes", "*", Some(0.7779850746268657), None, Some(0.25961043335514367), Some(-0.1852264598106983)),
    ("team", "Ann+Ben+Cai", "character", "Field notes", "Identity", Some(0.9253731343283582), None, Some(-0.022959183673469274), Some(-0.12577561630051992)),
    ("team", "Ann+Ben+Cai", "character", "Field notes", "Resonance", Some(0.31343283582089554), None, Some(-0.016168571822062994), Some(-0.29879547163561204)),
    ("team", "Ann+Ben+Cai", "character", "Field notes", "Graduate", Some(0.8731343283582089), None, Some(0.45516304347826086), Some(0.3877077302743671)),
    ("team", "Ann+Ben+Cai", "character", "G1 interview", "*", Some(0.8336177474402731), None, Some(0.5124167709993172), Some(0.5455902947851448)),
    ("team", "Ann+Ben+Cai", "character", "G1 interview", "Identity", Some(0.7474402730375427), None, Some(0.26591946490712703), Some(0.12239448240025252)),
    ("team", "Ann+Ben+Cai", "character", "G1 interview", "Loneliness", Some(0.8907849829351536), None, Some(0.6192437999728961), Some(0.7419943552837687)),
    ("team", "Ann+Ben+Cai", "character", "G1 interview", "Resonance", Some(0.7849829351535836), None, Some(0.6113133300541073), Some(0.7426699774285401)),
    ("team", "Ann+Ben+Cai", "character", "G1 interview", "Graduate", Some(0.9112627986348123), None, Some(0.24779227626202716), Some(0.21528603703678884)),
    ("team", "Ann+Ben+Cai", "segment", "*", "*", Some(0.8333333333333334), None, Some(0.6037037037037036), Some(0.43063176040680917)),
    ("team", "Ann+Ben+Cai", "segment", "*", "Identity", Some(0.7777777777777778), None, Some(0.2777777777777778), Some(0.07089158453819999)),
    ("team", "Ann+Ben+Cai", "segment", "*", "Loneliness", Some(1.0), None, Some(1.0), Some(0.7450045781433061)),
    ("team", "Ann+Ben+Cai", "segment", "*", "Resonance", Some(0.7777777777777778), None, Some(0.6578947368421053), Some(0.503100155449176)),
    ("team", "Ann+Ben+Cai", "segment", "*", "Graduate", Some(0.7777777777777778), None, Some(0.4347826086956521), Some(0.2999327433531255)),
    ("team", "Ann+Ben+Cai", "segment", "Field notes", "*", Some(0.75), None, Some(0.48275862068965514), Some(-0.1852264598106983)),
    ("team", "Ann+Ben+Cai", "segment", "Field notes", "Identity", Some(0.6666666666666666), None, Some(0.0), Some(-0.12577561630051992)),
    ("team", "Ann+Ben+Cai", "segment", "Field notes", "Resonance", Some(0.6666666666666666), None, Some(0.6), Some(-0.29879547163561204)),
    ("team", "Ann+Ben+Cai", "segment", "Field notes", "Graduate", Some(0.6666666666666666), None, Some(0.4285714285714286), Some(0.3877077302743671)),
    ("team", "Ann+Ben+Cai", "segment", "G1 interview", "*", Some(0.875), None, Some(0.6825633383010432), Some(0.5455902947851448)),
    ("team", "Ann+Ben+Cai", "segment", "G1 interview", "Identity", Some(0.8333333333333334), None, Some(0.46875), Some(0.12239448240025252)),
    ("team", "Ann+Ben+Cai", "segment", "G1 interview", "Loneliness", Some(1.0), None, Some(1.0), Some(0.7419943552837687)),
    ("team", "Ann+Ben+Cai", "segment", "G1 interview", "Resonance", Some(0.8333333333333334), None, Some(0.6964285714285714), Some(0.7426699774285401)),
    ("team", "Ann+Ben+Cai", "segment", "G1 interview", "Graduate", Some(0.8333333333333334), None, Some(0.46875), Some(0.21528603703678884)),
    ("team", "Ann+Ben", "character", "*", "*", Some(0.8957990115321252), Some(0.4808265071890033), Some(0.48052752688363043), Some(0.5382425929378343)),
    ("team", "Ann+Ben", "character", "*", "Identity", Some(0.8945634266886326), Some(0.5199920921267237), Some(0.5079357030576543), Some(0.6152625291692742)),
    ("team", "Ann+Ben", "character", "*", "Loneliness", Some(0.9637561779242174), Some(0.628580964565834), Some(0.6263720878136201), Some(0.6924356360173065)),
    ("team", "Ann+Ben", "character", "*", "Resonance", Some(0.7775947281713345), Some(0.3891220563130391), Some(0.38743102964556253), Some(0.4809957788456649)),
    ("team", "Ann+Ben", "character", "*", "Graduate", Some(0.9472817133443163), Some(0.34267343485617596), Some(0.33305841924398627), Some(0.30156370162144164)),
    ("team", "Ann+Ben", "character", "Chat excerpt", "*", Some(0.9055555555555556), Some(0.15910964550700735), Some(0.1596647315447769), Some(-0.2579934809097786)),
    ("team", "Ann+Ben", "character", "Chat excerpt", "Identity", Some(0.8222222222222222), Some(0.0), Some(-0.09451219512195119), Some(-0.4193005754758743)),
    ("team", "Ann+Ben", "character", "Chat excerpt", "Resonance", Some(0.8277777777777777), Some(0.0), Some(-0.09118541033434657), Some(-0.49128312412831243)),
    ("team", "Ann+Ben", "character", "Chat excerpt", "Graduate", Some(0.9722222222222222), Some(0.7680412371134021), Some(0.768416978454393), Some(0.9246218542855139)),
    ("team", "Ann+Ben", "character", "Field notes", "*", Some(0.8600746268656716), Some(0.3947970613031434), Some(0.39535706489420164), Some(0.12237817187703226)),
    ("team", "Ann+Ben", "character", "Field notes", "Resonance", Some(0.5671641791044776), Some(0.14348688560722944), Some(0.1344735077129443), Some(0.16044902368809189)),
    ("team", "Ann+Ben", "character", "Field notes", "Graduate", Some(0.8731343283582089), Some(0.0), Some(-0.06374501992031867), Some(-0.22573767109154685)),
    ("team", "Ann+Ben", "character", "G1 interview", "*", Some(0.9061433447098977), Some(0.603198542311741), Some(0.6020720108695652), Some(0.7371295219362624)),
    ("team", "Ann+Ben", "character", "G1 interview", "Identity", Some(0.8907849829351536), Some(0.6623937779058044), Some(0.6566397652237711), Some(0.8194008819069765)),
    ("team", "Ann+Ben", "character", "G1 interview", "Loneliness", Some(0.9249146757679181), Some(0.6090015770957176), Some(0.6038537306082246), Some(0.6753614039178679)),
    ("team", "Ann+Ben", "character", "G1 interview", "Resonance", Some(0.8430034129692833), Some(0.565534137064019), Some(0.5509611533840608), Some(0.7131523587371597)),
    ("team", "Ann+Ben", "character", "G1 interview", "Graduate", Some(0.9658703071672355), Some(0.0), Some(-0.015625), Some(-0.06529401891120701)),
    ("team", "Ann+Ben", "segment", "*", "*", Some(0.875), Some(0.55), Some(0.5546875), Some(0.5382425929378343)),
    ("team", "Ann+Ben", "segment", "*", "Identity", Some(0.9166666666666666), Some(0.625), Some(0.6349206349206349), Some(0.6152625291692742)),
    ("team", "Ann+Ben", "segment", "*", "Loneliness", Some(1.0), Some(1.0), Some(1.0), Some(0.6924356360173065)),
    ("team", "Ann+Ben", "segment", "*", "Resonance", Some(0.75), Some(0.4), Some(0.4201680672268907), Some(0.4809957788456649)),
    ("team", "Ann+Ben", "segment", "*", "Graduate", Some(0.8333333333333334), Some(0.4285714285714286), Some(0.42499999999999993), Some(0.30156370162144164)),
    ("team", "Ann+Ben", "segment", "Chat excerpt", "*", Some(0.8333333333333334), Some(0.4), Some(0.42499999999999993), Some(-0.2579934809097786)),
    ("team", "Ann+Ben", "segment", "Chat excerpt", "Identity", Some(0.6666666666666666), Some(0.0), Some(0.0), Some(-0.4193005754758743)),
    ("team", "Ann+Ben", "segment", "Chat excerpt", "Resonance", Some(0.6666666666666666), Some(0.0), Some(0.0), Some(-0.49128312412831243)),
    ("team", "Ann+Ben", "segment", "Chat excerpt", "Graduate", Some(1.0), Some(1.0), Some(1.0), Some(0.9246218542855139)),
    ("team", "Ann+Ben", "segment", "Field notes", "*", Some(0.8333333333333334), Some(0.4), Some(0.42499999999999993), Some(0.12237817187703226)),
    ("team", "Ann+Ben", "segment", "Field notes", "Resonance", Some(0.6666666666666666), Some(0.3999999999999999), Some(0.4444444444444444), Some(0.16044902368809189)),
    ("team", "Ann+Ben", "segment", "Field notes", "Graduate", Some(0.6666666666666666), Some(0.0), Some(0.0), Some(-0.22573767109154685)),
    ("team", "Ann+Ben", "segment", "G1 interview", "*", Some(0.9166666666666666), Some(0.7), Some(0.70625), Some(0.7371295219362624)),
    ("team", "Ann+Ben", "segment", "G1 interview", "Identity", Some(1.0), Some(1.0), Some(1.0), Some(0.8194008819069765)),
    ("team", "Ann+Ben", "segment", "G1 interview", "Loneliness", Some(1.0), Some(1.0), Some(1.0), Some(0.6753614039178679)),
    ("team", "Ann+Ben", "segment", "G1 interview", "Resonance", Some(0.8333333333333334), Some(0.5714285714285714), Some(0.5925925925925926), Some(0.7131523587371597)),
    ("team", "Ann+Ben", "segment", "G1 interview", "Graduate", Some(0.8333333333333334), Some(0.0), Some(0.0), Some(-0.06529401891120701)),
];

/// The reference names codes by their own name, the report by their path.
fn named(path: &str, code: &str) -> bool {
    path == code || path.ends_with(&format!(" / {code}"))
}

fn check(label: &str, m: &Measures, row: &Row) {
    let (.., percent, kappa, alpha, u_alpha) = *row;
    let pairs = [
        ("percent", m.percent, percent),
        ("kappa", m.kappa, kappa),
        ("alpha", m.alpha, alpha),
        ("u-alpha", m.u_alpha.value, u_alpha),
    ];
    for (what, got, want) in pairs {
        assert!(
            close(got, want, 1e-9),
            "{label} {what}: got {got:?}, reference {want:?}"
        );
    }
}

#[test]
fn every_value_matches_the_reference_implementations() {
    let mut groups: Vec<(&str, &str, &str)> = EXPECTED.iter().map(|r| (r.0, r.1, r.2)).collect();
    groups.dedup();
    for (case_name, coders, unit) in groups {
        let unit_value = if unit == "segment" {
            Unit::Segment
        } else {
            Unit::Character
        };
        let r = report(case_name, coders, unit_value);
        let rows: Vec<&Row> = EXPECTED
            .iter()
            .filter(|r| (r.0, r.1, r.2) == (case_name, coders, unit))
            .collect();
        let mut seen = 0;
        for row in &rows {
            let label = format!("{case_name} {coders} {unit} [{}] [{}]", row.3, row.4);
            let measures = match (row.3, row.4) {
                ("*", "*") => &r.overall,
                ("*", code) => {
                    &r.codes
                        .iter()
                        .find(|c| named(&c.name, code))
                        .expect(&label)
                        .measures
                }
                (doc, "*") => {
                    &r.documents
                        .iter()
                        .find(|d| d.name == doc)
                        .expect(&label)
                        .overall
                }
                (doc, code) => {
                    let d = r.documents.iter().find(|d| d.name == doc).expect(&label);
                    &d.codes
                        .iter()
                        .find(|c| named(&c.name, code))
                        .expect(&label)
                        .measures
                }
            };
            check(&label, measures, row);
            seen += 1;
        }
        // The report holds exactly the rows the reference computed: no more codes or documents.
        let in_report =
            1 + r.codes.len() + r.documents.iter().map(|d| 1 + d.codes.len()).sum::<usize>();
        assert_eq!(in_report, seen, "{case_name} {coders} {unit}");
    }
}

#[test]
fn a_document_not_every_coder_coded_is_skipped_unless_named() {
    let f = case("team");
    let all = AgreementOptions {
        coders: f.coders_named("Ann+Ben+Cai"),
        ..AgreementOptions::default()
    };
    let r = agreement(&f.project, &all).unwrap();
    let names: Vec<&str> = r.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Field notes", "G1 interview"]);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].name, "Chat excerpt");

    let chat_only = AgreementOptions {
        documents: vec![f.document("Chat excerpt")],
        ..all
    };
    let r = agreement(&f.project, &chat_only).unwrap();
    assert_eq!(r.documents.len(), 1);
    assert!(r.skipped.is_empty());
    // Cai coded nothing there: every character Ann or Ben coded is a disagreement.
    let chat = &r.documents[0].overall.tally;
    assert_eq!(chat.applied[2], 0);
    assert_eq!(chat.all_applied, 0);
}

#[test]
fn default_coders_are_everyone_with_codings_and_errors_are_typed() {
    let f = case("team");
    let r = agreement(&f.project, &AgreementOptions::default()).unwrap();
    let names: Vec<&str> = r.coders.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Ben", "Cai"]);

    let one = AgreementOptions {
        coders: vec![f.coder("Ann")],
        ..AgreementOptions::default()
    };
    assert_eq!(
        agreement(&f.project, &one).unwrap_err(),
        AgreementError::TooFewCoders(1)
    );
    let twice = AgreementOptions {
        coders: vec![f.coder("Ann"), f.coder("Ann")],
        ..AgreementOptions::default()
    };
    assert!(matches!(
        agreement(&f.project, &twice),
        Err(AgreementError::DuplicateCoder(_))
    ));
}

#[test]
fn pooled_values_add_up_over_documents_and_codes() {
    let r = report("team", "Ann+Ben", Unit::Character);
    let chars: u64 = r.documents.iter().map(|d| d.overall.tally.units).sum();
    assert_eq!(chars, r.overall.tally.units);
    let by_code: u64 = r.codes.iter().map(|c| c.measures.tally.units).sum();
    assert_eq!(by_code, r.overall.tally.units);
    // Four codes in scope, each judged on every character of the three documents.
    let text: u64 = r.documents.iter().map(|d| d.overall.tally.units / 4).sum();
    assert_eq!(r.codes.len(), 4);
    assert_eq!(text * 4, r.overall.tally.units);
}
