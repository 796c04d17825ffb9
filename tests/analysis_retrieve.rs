//! Coded retrieval: codes with and without sub-codes, every filter, code combinations, and the
//! jump-to-source data of each result.

mod analysis_fixture;

use analysis_fixture::{Fixture, INTERVIEW, fixture, range_in};
use chrono::NaiveDate;
use margin::analysis::error::AnalysisError;
use margin::analysis::filter::{AttributeCondition, CodingFilter, DateSpan, ValueTest};
use margin::analysis::retrieve::{
    CodeSelection, Combination, Proximity, RetrievalQuery, Retrieved, coding_ids, retrieve,
};
use margin::model::CodeId;

fn of(code: CodeId) -> RetrievalQuery {
    RetrievalQuery {
        code: Some(CodeSelection::code(code)),
        ..RetrievalQuery::default()
    }
}

fn labels(f: &Fixture, q: &RetrievalQuery) -> Vec<&'static str> {
    f.labels(coding_ids(
        &retrieve(&f.project, q).expect("the query runs"),
    ))
}

fn condition(f: &Fixture, spec: &str) -> AttributeCondition {
    AttributeCondition::parse(&f.project, spec).expect("a valid condition")
}

#[test]
fn every_excerpt_of_a_code_in_document_and_text_order() {
    let f = fixture();
    assert_eq!(
        labels(&f, &of(f.solidarity)),
        ["I2", "I5", "I4", "C2", "C6", "C7"]
    );
    assert_eq!(
        labels(&f, &of(f.graduate)),
        ["N1", "I6", "I3", "C3", "C4", "C5"]
    );
    // A parent has no codings of its own; with sub-codes it has its children's.
    assert!(labels(&f, &of(f.resonance)).is_empty());
    let mut q = of(f.resonance);
    q.code = Some(CodeSelection::with_subcodes(f.resonance));
    assert_eq!(
        labels(&f, &q),
        [
            "N1", "I2", "I5", "I6", "I3", "I4", "C2", "C3", "C4", "C5", "C6", "C7"
        ]
    );
}

#[test]
fn results_carry_coding_document_range_case_and_context() {
    let f = fixture();
    let mut q = of(f.graduate);
    q.context = 4;
    let results: Vec<Retrieved> = retrieve(&f.project, &q).unwrap();
    let i3 = results
        .iter()
        .find(|r| r.coding == f.codings["I3"])
        .unwrap();
    assert_eq!(i3.excerpt.document, f.interview);
    assert_eq!(i3.excerpt.range, range_in(INTERVIEW, "我毕业以后"));
    assert_eq!(i3.excerpt.text, "我毕业以后");
    assert_eq!(i3.excerpt.before, "ed, ");
    assert_eq!(i3.excerpt.after, " I h");
    assert_eq!(i3.excerpt.speaker.as_deref(), Some("G8"));
    assert_eq!(i3.excerpt.segment, Some(3));
    assert_eq!(i3.excerpt.at, None);
    assert_eq!(i3.code_path, "Emotional resonance / graduate (毕业)");
    assert_eq!(i3.coder_name, "lin");
    assert_eq!((i3.case, i3.case_name.as_deref()), (Some(f.g8), Some("G8")));
    // In the chat, the case is the sender's; a non-participant's message has none.
    let c3 = results
        .iter()
        .find(|r| r.coding == f.codings["C3"])
        .unwrap();
    assert_eq!(c3.case_name.as_deref(), Some("G5"));
    assert_eq!(c3.excerpt.at.unwrap().to_string(), "2024-05-20 20:00:00");
    let c5 = results
        .iter()
        .find(|r| r.coding == f.codings["C5"])
        .unwrap();
    assert_eq!(
        (c5.case, c5.excerpt.speaker.as_deref()),
        (None, Some("M01"))
    );
}

#[test]
fn filter_by_coder_document_and_case() {
    let f = fixture();
    let mut q = of(f.solidarity);
    q.filter.coders = vec![f.zhou];
    assert_eq!(labels(&f, &q), ["I5", "C7"]);
    let mut q = of(f.graduate);
    q.filter.documents = vec![f.chat];
    assert_eq!(labels(&f, &q), ["C3", "C4", "C5"]);
    let mut q = RetrievalQuery::default();
    q.filter.cases = vec![f.g1];
    assert_eq!(labels(&f, &q), ["C1"]);
    q.filter.cases = vec![f.g5];
    assert_eq!(labels(&f, &q), ["C3", "C4"]);
}

#[test]
fn filter_by_attribute_value_and_numeric_range() {
    let f = fixture();
    let mut q = of(f.graduate);
    q.filter.attributes = vec![condition(&f, "region=Shandong")];
    assert_eq!(labels(&f, &q), ["I6", "I3", "C3", "C4"]);
    q.filter.attributes = vec![condition(&f, "region=shandong")];
    assert_eq!(labels(&f, &q), ["I6", "I3", "C3", "C4"]);
    q.filter.attributes = vec![condition(&f, "age=40..45")];
    assert_eq!(labels(&f, &q), ["C3", "C4"]);
    // Both ends are included.
    q.filter.attributes = vec![condition(&f, "age=42..50")];
    assert_eq!(labels(&f, &q), ["I6", "I3", "C3", "C4"]);
    q.filter.attributes = vec![condition(&f, "age=50")];
    assert_eq!(labels(&f, &q), ["I6", "I3"]);
    q.filter.attributes = vec![condition(&f, "age=..45")];
    assert_eq!(labels(&f, &q), ["C3", "C4"]);
    // Conditions combine with "and".
    q.filter.attributes = vec![condition(&f, "region=Shandong"), condition(&f, "age=45..")];
    assert_eq!(labels(&f, &q), ["I6", "I3"]);
    let mut q = RetrievalQuery::default();
    q.filter.attributes = vec![condition(&f, "region=Beijing,Shandong")];
    assert_eq!(labels(&f, &q).len(), 12);
    q.filter.attributes = vec![condition(&f, "region=Beijing")];
    assert_eq!(labels(&f, &q), ["C1"]);
}

#[test]
fn attribute_conditions_parse_and_check_their_values() {
    let f = fixture();
    assert_eq!(
        condition(&f, "age = 40..50"),
        AttributeCondition {
            attribute: f.age,
            test: ValueTest::NumberRange {
                min: Some(40.0),
                max: Some(50.0)
            }
        }
    );
    assert_eq!(
        condition(&f, "Region=Shandong,Beijing").test,
        ValueTest::OneOf(vec!["Shandong".into(), "Beijing".into()])
    );
    let err = |spec: &str| {
        AttributeCondition::parse(&f.project, spec)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("region=Hubei"),
        "attribute \"region\": \"Hubei\" is not one of: Beijing, Shandong"
    );
    assert_eq!(
        err("age=forty"),
        "attribute \"age\": \"forty\" is not a number"
    );
    assert_eq!(
        err("age=40..fifty"),
        "attribute \"age\": \"40..fifty\" is not a number range like 40..50"
    );
    assert_eq!(
        err("height=3"),
        "no attribute named \"height\" (the project has: age, region)"
    );
    assert!(err("region").starts_with("attribute condition \"region\" is not NAME=VALUE"));
    assert!(err("region=Beijing..Shandong").contains("has no range"));
}

#[test]
fn filter_by_message_time_and_coding_time() {
    let f = fixture();
    let mut q = of(f.graduate);
    q.filter.message_time = Some(DateSpan::parse(Some("2024-05"), Some("2024-05")).unwrap());
    assert_eq!(labels(&f, &q), ["C3", "C4"]);
    q.filter.message_time = Some(DateSpan {
        from: NaiveDate::from_ymd_opt(2024, 5, 21),
        to: None,
    });
    assert_eq!(labels(&f, &q), ["C5"]);
    let mut q = of(f.solidarity);
    q.filter.coded_time = Some(DateSpan::parse(Some("2024-09-10"), None).unwrap());
    assert_eq!(labels(&f, &q), ["I5", "C7"]);
    q.filter.coded_time = Some(DateSpan::parse(None, Some("2024-09-01")).unwrap());
    assert_eq!(labels(&f, &q), ["I2", "I4", "C2", "C6"]);
}

#[test]
fn dates_parse_as_days_months_or_years() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    assert_eq!(
        DateSpan::parse(Some("2024-02"), Some("2024-02")).unwrap(),
        DateSpan {
            from: d(2024, 2, 1),
            to: d(2024, 2, 29)
        }
    );
    assert_eq!(
        DateSpan::parse(Some("2024"), Some("2024-12-25")).unwrap(),
        DateSpan {
            from: d(2024, 1, 1),
            to: d(2024, 12, 25)
        }
    );
    assert_eq!(
        DateSpan::parse(Some("May 2024"), None),
        Err(AnalysisError::BadDate("May 2024".into()))
    );
    assert!(DateSpan::parse(None, Some("2024-13")).is_err());
}

#[test]
fn overlapping_and_not_overlapping() {
    let f = fixture();
    let mut q = of(f.solidarity);
    q.combinations = vec![Combination::Overlapping(CodeSelection::code(f.graduate))];
    let results = retrieve(&f.project, &q).unwrap();
    assert_eq!(f.labels(coding_ids(&results)), ["I5"]);
    assert_eq!(f.labels(results[0].partners.clone()), ["I6"]);
    let mut q = of(f.graduate);
    q.combinations = vec![Combination::Overlapping(CodeSelection::code(f.solidarity))];
    assert_eq!(labels(&f, &q), ["I6"]);
    let mut q = of(f.solidarity);
    q.combinations = vec![Combination::NotOverlapping(CodeSelection::code(f.graduate))];
    assert_eq!(labels(&f, &q), ["I2", "I4", "C2", "C6", "C7"]);
    // Two conditions: overlapping graduate, and not overlapping a coding of its own code
    // (I5 contains I2, so I5 overlaps another solidarity coding).
    q.combinations = vec![
        Combination::Overlapping(CodeSelection::code(f.graduate)),
        Combination::NotOverlapping(CodeSelection::code(f.solidarity)),
    ];
    assert!(labels(&f, &q).is_empty());
    // The passage of a solidarity coding is coded solidarity (by the coding itself): --and its
    // own code keeps every coding, --not its own code none.
    q.combinations = vec![Combination::Overlapping(CodeSelection::code(f.solidarity))];
    assert_eq!(labels(&f, &q), ["I2", "I5", "I4", "C2", "C6", "C7"]);
    q.combinations = vec![Combination::NotOverlapping(CodeSelection::code(
        f.solidarity,
    ))];
    assert!(labels(&f, &q).is_empty());
}

#[test]
fn partners_are_limited_to_the_filtered_coders() {
    let f = fixture();
    let mut q = of(f.solidarity);
    q.combinations = vec![Combination::Overlapping(CodeSelection::code(f.graduate))];
    q.filter.coders = vec![f.lin];
    // lin's I2 does not reach zhou's I6, and lin's own graduate codings touch no solidarity.
    assert!(labels(&f, &q).is_empty());
}

#[test]
fn near_in_characters() {
    let f = fixture();
    let near = |n| {
        let mut q = of(f.solidarity);
        q.combinations = vec![Combination::Near {
            code: CodeSelection::code(f.graduate),
            within: Proximity::Characters(n),
        }];
        labels(&f, &q)
    };
    assert_eq!(near(0), ["I5"]);
    // Partners are the same coder's: lin's I2 is one character from zhou's I6 but far from
    // lin's own I3; lin's I4 is one character after I3.
    assert_eq!(near(1), ["I5", "I4"]);
    assert_eq!(near(25), ["I2", "I5", "I4", "C2"]);
    // zhou's C7 is far from zhou's only chat graduate C4; lin's C6 is 26 from lin's C5.
    assert_eq!(near(26), ["I2", "I5", "I4", "C2", "C6"]);
}

#[test]
fn near_in_turns_and_messages() {
    let f = fixture();
    let near = |n| {
        let mut q = of(f.solidarity);
        q.combinations = vec![Combination::Near {
            code: CodeSelection::code(f.graduate),
            within: Proximity::Segments(n),
        }];
        labels(&f, &q)
    };
    assert_eq!(near(0), ["I2", "I5", "I4"]);
    // zhou's C7 (message 5) is two messages from zhou's graduate C4 (message 3); lin's C6 is one
    // from lin's C5 (message 4).
    assert_eq!(near(1), ["I2", "I5", "I4", "C2", "C6"]);
    let mut q = of(f.identity);
    q.combinations = vec![Combination::Near {
        code: CodeSelection::code(f.graduate),
        within: Proximity::Segments(1),
    }];
    assert!(labels(&f, &q).is_empty());
    q.combinations = vec![Combination::Near {
        code: CodeSelection::code(f.graduate),
        within: Proximity::Segments(2),
    }];
    assert_eq!(labels(&f, &q), ["C1"]);
}

#[test]
fn all_codes_of_the_shandong_participants() {
    let f = fixture();
    let q = RetrievalQuery {
        filter: CodingFilter {
            attributes: vec![condition(&f, "region=Shandong")],
            ..CodingFilter::default()
        },
        ..RetrievalQuery::default()
    };
    assert_eq!(
        labels(&f, &q),
        [
            "I1", "I2", "I5", "I6", "I3", "I4", "C2", "C3", "C4", "C6", "C7"
        ]
    );
}

#[test]
fn unknown_codes_are_reported() {
    let f = fixture();
    let ghost = CodeId::new();
    assert_eq!(
        retrieve(&f.project, &of(ghost)),
        Err(AnalysisError::UnknownCode(ghost.to_string()))
    );
    let mut q = of(f.solidarity);
    q.combinations = vec![Combination::NotOverlapping(CodeSelection::code(ghost))];
    assert!(retrieve(&f.project, &q).is_err());
}

#[test]
fn names_resolve_to_ids() {
    use margin::analysis::names;
    let f = fixture();
    assert_eq!(
        names::code(&f.project, "Emotional solidarity"),
        Ok(f.solidarity)
    );
    assert_eq!(
        names::code(&f.project, "emotional solidarity"),
        Ok(f.solidarity)
    );
    assert_eq!(
        names::code(&f.project, "Emotional resonance / graduate (毕业)"),
        Ok(f.graduate)
    );
    assert_eq!(
        names::code(&f.project, "graduate"),
        Err(AnalysisError::UnknownCode("graduate".into()))
    );
    assert_eq!(names::case(&f.project, "g8"), Ok(f.g8));
    assert_eq!(names::coder(&f.project, "zhou"), Ok(f.zhou));
    assert_eq!(names::document(&f.project, "group chat"), Ok(f.chat));
    assert_eq!(
        names::document(&f.project, "chat"),
        Err(AnalysisError::UnknownDocument("chat".into()))
    );
    let mut names_sorted = vec!["G10", "G2", "g1", "G1"];
    names_sorted.sort_by(|a, b| names::natural_cmp(a, b));
    assert_eq!(names_sorted, ["G1", "G2", "G10", "g1"]);
}

/// The labels a written code query retrieves.
fn written(f: &Fixture, text: &str) -> Vec<&'static str> {
    let q = margin::analysis::query::parse_query(&f.project, text, RetrievalQuery::default())
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    labels(f, &q)
}

/// The labels of `a` and of `b`, each once.
fn union(a: &[&'static str], b: &[&'static str]) -> Vec<&'static str> {
    let mut seen: Vec<&'static str> = Vec::new();
    for l in a.iter().chain(b) {
        if !seen.contains(l) {
            seen.push(l);
        }
    }
    seen
}

#[test]
fn or_groups_hold_when_one_of_their_conditions_does() {
    let f = fixture();
    let solidarity = f.project.code(f.solidarity).unwrap().name.clone();
    let graduate = f.project.code(f.graduate).unwrap().name.clone();
    let huddling = f.project.code(f.huddling).unwrap().name.clone();
    // A AND (B OR C) keeps what A AND B or A AND C keeps.
    let with_b = written(&f, &format!("{solidarity} AND {graduate}"));
    let with_c = written(&f, &format!("{solidarity} AND {huddling}"));
    let either = written(&f, &format!("{solidarity} AND ({graduate} OR {huddling})"));
    let mut expected = union(&with_b, &with_c);
    expected.sort_unstable();
    let mut got = either.clone();
    got.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(with_b, ["I5"]);
    // (B OR NOT B) holds for every coding of A; (B OR C) with C never present is just B.
    assert_eq!(
        written(
            &f,
            &format!("{solidarity} AND ({graduate} OR NOT {graduate})")
        ),
        labels(&f, &of(f.solidarity))
    );
    // (A OR B) retrieves both codes' codings that pass the rest.
    let a_or_b = written(
        &f,
        &format!("({solidarity} OR {graduate}) AND NOT {huddling}"),
    );
    let a = written(&f, &format!("{solidarity} AND NOT {huddling}"));
    let b = written(&f, &format!("{graduate} AND NOT {huddling}"));
    let mut got = a_or_b;
    got.sort_unstable();
    let mut expected = union(&a, &b);
    expected.sort_unstable();
    assert_eq!(got, expected);
    // Conditions outside the group still all hold.
    assert!(
        written(
            &f,
            &format!("{solidarity} AND ({graduate} OR {huddling}) AND NOT {graduate}")
        )
        .iter()
        .all(|l| !with_b.contains(l))
    );
}

#[test]
fn a_query_naming_an_unknown_code_says_which() {
    let f = fixture();
    let err = margin::analysis::query::parse_query(
        &f.project,
        "Nowhere AND (x OR y)",
        RetrievalQuery::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, AnalysisError::UnknownCode(ref n) if n == "Nowhere"),
        "{err}"
    );
}
