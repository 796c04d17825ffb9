//! Co-occurrence, crosstab and timeline tables against hand-counted values, and their CSV and
//! text forms.

mod analysis_fixture;

use analysis_fixture::{CHAT, INTERVIEW, fixture, range_in};
use margin::analysis::cooccurrence::{
    CooccurrenceQuery, CooccurrenceUnit, Place, cooccurrence, places,
};
use margin::analysis::crosstab::{CrosstabColumns, CrosstabQuery, Measure, crosstab};
use margin::analysis::filter::AttributeCondition;
use margin::analysis::table::{Cell, Table};
use margin::analysis::timeline::{Period, TimelineQuery, timeline};

// Rows and columns of every table: Identity, Huddling, Resonance, Solidarity, graduate.

#[test]
fn cooccurrence_by_overlap_counts_merged_stretches() {
    let f = fixture();
    let t = cooccurrence(&f.project, &CooccurrenceQuery::default()).unwrap();
    // Within each coder: solidarity lin I2, I4, C2, C6 and zhou I5, C7 (6 places); graduate
    // lin I3, C3, C5, N1 and zhou I6, C4 (6); they meet in zhou's I5 ∩ I6 only.
    assert_eq!(
        t.counts,
        [
            [1, 0, 0, 0, 0],
            [0, 1, 0, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 6, 1],
            [0, 0, 0, 1, 6],
        ]
    );
    assert_eq!(t.count(f.solidarity, f.graduate), Some(1));
    assert_eq!(
        t.to_table().to_csv(),
        "code,Identity construction,Huddling for warmth,Emotional resonance,Emotional solidarity,graduate (毕业)\n\
         Identity construction,1,0,0,0,0\n\
         Identity construction / Huddling for warmth,0,1,0,0,0\n\
         Emotional resonance,0,0,0,0,0\n\
         Emotional resonance / Emotional solidarity,0,0,0,6,1\n\
         Emotional resonance / graduate (毕业),0,0,0,1,6\n"
    );
}

#[test]
fn cooccurrence_places_are_the_shared_text() {
    let f = fixture();
    let q = CooccurrenceQuery::default();
    assert_eq!(
        places(&f.project, &q, f.graduate, f.solidarity).unwrap(),
        [Place {
            document: f.interview,
            range: range_in(INTERVIEW, "After I graduated,"),
            // Zhou coded both codes there; Lin's graduate and solidarity do not meet.
            coder: Some(f.zhou),
        }]
    );
    // The places of one code: each coder's joined stretches (lin 4, zhou 2).
    let own = places(&f.project, &q, f.solidarity, f.solidarity).unwrap();
    assert_eq!(own.len(), 6);
}

#[test]
fn cooccurrence_with_subcodes_rolls_children_up() {
    let f = fixture();
    let q = CooccurrenceQuery {
        with_subcodes: true,
        ..CooccurrenceQuery::default()
    };
    let t = cooccurrence(&f.project, &q).unwrap();
    assert_eq!(
        t.counts,
        [
            // Resonance with its sub-codes: lin's 8 places (I2, I3, I4, C2, C3, C5, C6, N1),
            // zhou's 3 (I5 ∪ I6, C4, C7).
            [2, 1, 0, 0, 0],
            [1, 1, 0, 0, 0],
            [0, 0, 11, 6, 6],
            [0, 0, 6, 6, 1],
            [0, 0, 6, 1, 6],
        ]
    );
}

#[test]
fn cooccurrence_by_turn_or_message() {
    let f = fixture();
    let q = CooccurrenceQuery {
        by: CooccurrenceUnit::Segment,
        ..CooccurrenceQuery::default()
    };
    let t = cooccurrence(&f.project, &q).unwrap();
    assert_eq!(
        t.counts,
        [
            [1, 0, 0, 0, 0],
            [0, 1, 0, 0, 0],
            // Per coder: solidarity lin 3 turns/messages, zhou 2; graduate lin 3 (the notes have
            // no turns), zhou 2; both codes in interview turn 4 for each coder.
            [0, 0, 0, 0, 0],
            [0, 0, 0, 5, 2],
            [0, 0, 0, 2, 5],
        ]
    );
    let turns = places(&f.project, &q, f.solidarity, f.graduate).unwrap();
    let doc = f.project.document(f.interview).unwrap();
    // The same turn, once in each coder's codings.
    assert_eq!(turns.len(), 2);
    assert!(turns.iter().all(|t| t.range == doc.segments[3].range));
    assert_eq!(turns.iter().map(|t| t.coder).collect::<Vec<_>>(), {
        let mut coders = vec![Some(f.lin), Some(f.zhou)];
        coders.sort();
        coders
    });
}

#[test]
fn cooccurrence_follows_the_filter() {
    let f = fixture();
    let mut q = CooccurrenceQuery::default();
    q.filter.coders = vec![f.lin];
    let t = cooccurrence(&f.project, &q).unwrap();
    assert_eq!(t.count(f.solidarity, f.graduate), Some(0));
    assert_eq!(t.count(f.solidarity, f.solidarity), Some(4));
    assert_eq!(t.count(f.graduate, f.graduate), Some(4));
    q.codes = vec![f.graduate, f.solidarity];
    q.filter.coders = vec![];
    let t = cooccurrence(&f.project, &q).unwrap();
    // Codebook order, whatever the order asked.
    assert_eq!(t.codes[0].id, f.solidarity);
    assert_eq!(t.counts, [[6, 1], [1, 6]]);
}

#[test]
fn crosstab_by_case_counts_codings_and_cases() {
    let f = fixture();
    let t = crosstab(&f.project, &CrosstabQuery::default()).unwrap();
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["G1", "G5", "G8"]);
    assert_eq!(
        t.to_table(Measure::Count).to_csv(),
        "code,G1,G5,G8,total\n\
         Identity construction,1,0,0,1\n\
         Identity construction / Huddling for warmth,0,0,1,1\n\
         Emotional resonance,0,0,0,0\n\
         Emotional resonance / Emotional solidarity,0,0,6,6\n\
         Emotional resonance / graduate (毕业),0,2,2,4\n"
    );
    assert_eq!(t.cases[4], [0, 1, 1]);
    // The non-participant's message and the field notes belong to no case.
    assert_eq!(t.unattributed, [0, 0, 0, 0, 2]);
    assert_eq!(t.unattributed_codings, 2);
}

#[test]
fn crosstab_coverage_is_the_share_of_the_case_text() {
    let f = fixture();
    let t = crosstab(&f.project, &CrosstabQuery::default()).unwrap();
    let body = |s: &str| s.chars().count();
    // G1 wrote one message; G5 one; G8 gave two answers in the interview (the interviewer's
    // questions, the speaker labels are not G8's text) and wrote two messages.
    assert_eq!(
        t.text,
        [
            body("Just diagnosed. Why me?"),
            body("我毕业了！CR了！"),
            body("Through community screening. A nurse added me to the group.")
                + body(
                    "We walk by the lake every month. After I graduated, 我毕业以后 I help newcomers read their results."
                )
                + body("Welcome! We walk by the lake on Sunday, come along.")
                + body("Lunch after the walk? I will buy medicine for G5.")
        ]
    );
    assert_eq!(t.text, [23, 9, 253]);
    assert_eq!(t.coded[0], [7, 0, 0]); // "Why me?"
    assert_eq!(t.coded[4], [0, 7, 24]); // "我毕业了" + "CR了"; I6 holds I3
    assert_eq!(t.coded[3], [0, 0, 51 + 36 + 42 + 49]);
    assert!((t.coverage(4, 1) - 700.0 / 9.0).abs() < 1e-9);
    assert_eq!(
        t.to_table(Measure::Coverage).rows[4],
        [
            Cell::Text("Emotional resonance / graduate (毕业)".into()),
            Cell::Percent(0.0),
            Cell::Percent(700.0 / 9.0),
            Cell::Percent(2400.0 / 253.0),
            Cell::Percent(3100.0 / 285.0),
        ]
    );
    assert_eq!(
        t.to_table(Measure::Coverage).to_csv().lines().nth(5),
        Some("Emotional resonance / graduate (毕业),0.00,77.78,9.49,10.88")
    );
    let _ = CHAT;
}

#[test]
fn crosstab_by_attribute_and_by_age_band() {
    let f = fixture();
    let q = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: f.region,
            bin: None,
        },
        ..CrosstabQuery::default()
    };
    let t = crosstab(&f.project, &q).unwrap();
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Beijing", "Shandong"]);
    assert_eq!(t.columns[1].cases, [f.g5, f.g8]);
    assert_eq!(t.counts[4], [0, 4]);
    assert_eq!(t.cases[4], [0, 2]);
    assert_eq!(t.text, [23, 262]);
    assert_eq!(t.coded[4], [0, 31]);
    let q = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: f.age,
            bin: Some(10.0),
        },
        ..CrosstabQuery::default()
    };
    let t = crosstab(&f.project, &q).unwrap();
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["20–29", "40–49", "50–59"]);
    let q = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: f.age,
            bin: None,
        },
        ..CrosstabQuery::default()
    };
    let t = crosstab(&f.project, &q).unwrap();
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["28", "42", "50"]);
    // Bands need a number attribute.
    let q = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: f.region,
            bin: Some(10.0),
        },
        ..CrosstabQuery::default()
    };
    assert!(crosstab(&f.project, &q).is_err());
}

#[test]
fn crosstab_filtered_to_a_region_keeps_its_cases_only() {
    let f = fixture();
    let mut q = CrosstabQuery::default();
    q.filter.attributes = vec![AttributeCondition::parse(&f.project, "region=Shandong").unwrap()];
    q.filter.coders = vec![f.zhou];
    let t = crosstab(&f.project, &q).unwrap();
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["G5", "G8"]);
    assert_eq!(t.counts[3], [0, 2]); // I5, C7
    assert_eq!(t.counts[4], [1, 1]); // C4, I6
    assert_eq!(t.unattributed_codings, 0);
}

#[test]
fn timeline_per_month() {
    let f = fixture();
    let t = timeline(&f.project, &TimelineQuery::default()).unwrap();
    assert_eq!(
        t.to_table().to_csv(),
        "period,from,to,messages,Identity construction,Identity construction / Huddling for warmth,\
         Emotional resonance,Emotional resonance / Emotional solidarity,Emotional resonance / graduate (毕业)\n\
         2024-05,2024-05-01,2024-05-31,3,1,0,0,1,2\n\
         2024-06,2024-06-01,2024-06-30,1,0,0,0,0,1\n\
         2024-07,2024-07-01,2024-07-31,0,0,0,0,0,0\n\
         2024-08,2024-08-01,2024-08-31,1,0,0,0,2,0\n"
    );
    // The interview and the notes have no message times.
    assert_eq!(t.untimed, 7);
    assert_eq!(t.periods[1].start.to_string(), "2024-06-01");
    assert_eq!(t.periods[1].end.to_string(), "2024-06-30");
}

#[test]
fn timeline_per_iso_week() {
    let f = fixture();
    let q = TimelineQuery {
        per: Period::Week,
        with_subcodes: true,
        codes: vec![f.resonance],
        ..TimelineQuery::default()
    };
    let t = timeline(&f.project, &q).unwrap();
    assert_eq!(t.periods.len(), 15);
    assert_eq!(t.periods[0].label, "2024-W19");
    assert_eq!(t.periods[0].start.to_string(), "2024-05-06");
    assert_eq!(t.periods[14].label, "2024-W33");
    let nonzero = |v: &[usize]| -> Vec<(String, usize)> {
        v.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (t.periods[i].label.clone(), *n))
            .collect()
    };
    let week = |l: &str, n| (l.to_owned(), n);
    assert_eq!(
        nonzero(&t.messages),
        [
            week("2024-W19", 2),
            week("2024-W21", 1),
            week("2024-W23", 1),
            week("2024-W33", 1)
        ]
    );
    // Resonance with sub-codes: C2 (W19), C3 + C4 (W21), C5 (W23), C6 + C7 (W33).
    assert_eq!(
        nonzero(&t.counts[0]),
        [
            week("2024-W19", 1),
            week("2024-W21", 2),
            week("2024-W23", 1),
            week("2024-W33", 2)
        ]
    );
}

#[test]
fn timeline_for_a_region_counts_its_messages_only() {
    let f = fixture();
    let mut q = TimelineQuery::default();
    q.filter.attributes = vec![AttributeCondition::parse(&f.project, "region=Shandong").unwrap()];
    let t = timeline(&f.project, &q).unwrap();
    assert_eq!(t.messages, [2, 0, 0, 1]);
    assert_eq!(t.counts[3], [1, 0, 0, 2]);
    assert_eq!(t.counts[4], [2, 0, 0, 0]);
    // Only the interview: nothing in time.
    let mut q = TimelineQuery::default();
    q.filter.documents = vec![f.interview];
    let t = timeline(&f.project, &q).unwrap();
    assert!(t.periods.is_empty());
    assert_eq!(t.untimed, 6);
}

#[test]
fn tables_print_aligned_with_wide_characters() {
    let t = Table {
        columns: vec!["code".into(), "毕业".into(), "n".into()],
        rows: vec![
            vec![
                Cell::Text("CR".into()),
                Cell::Count(12),
                Cell::Percent(5.25),
            ],
            vec![Cell::Text("留级".into()), Cell::Count(3), Cell::Empty],
        ],
    };
    assert_eq!(
        t.to_text(),
        "code  毕业     n\n\
         CR      12  5.2%\n\
         留级     3\n"
    );
    assert_eq!(t.to_csv(), "code,毕业,n\nCR,12,5.25\n留级,3,\n");
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        json,
        r#"{"columns":["code","毕业","n"],"rows":[["CR",12,5.25],["留级",3,null]]}"#
    );
}

#[test]
fn csv_quotes_commas_and_quotes() {
    let t = Table {
        columns: vec!["code".into()],
        rows: vec![vec![Cell::Text("\"why me\", she said".into())]],
    };
    assert_eq!(t.to_csv(), "code\n\"\"\"why me\"\", she said\"\n");
}
