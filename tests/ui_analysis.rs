//! The analysis window driven headless with `egui_kittest`: search every document, jump to a hit,
//! code all hits with one click and undo it in one step; coded retrieval narrowed by a case
//! attribute, exported through the export module; a crosstab per attribute value and its CSV;
//! the tables' definitions on hover.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::import::detect_turns;
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CharRange, Code, CodeId, Coder, Coding, Color,
    Document, DocumentId, DocumentKind, Edit, Manifest, Project, SortKey, Text, Value,
};
use margin::store::ProjectDir;
use margin::ui::search_panel::AnalysisTab;
use margin::ui::tables_panel::TableKind;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{frames, harness_with, project};

/// Three fictional interviews: Ann and Cai from Shandong, Bo from Beijing.
const TEXTS: [(&str, &str); 3] = [
    (
        "A1",
        "Interviewer: How was the clinic?\nAnn: I fell in a Pit there, a real pit.\n",
    ),
    (
        "B2",
        "Interviewer: And the ward?\nBo: No pit for me. The nurses were kind.\n",
    ),
    (
        "C3",
        "Interviewer: Anything else?\nCai: The pitch of the machines, and one more pit.\n",
    ),
];

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    docs: Vec<DocumentId>,
    hospital: CodeId,
    kindness: CodeId,
    region: AttributeId,
}

fn range_of(text: &str, needle: &str, nth: usize) -> CharRange {
    let (byte, _) = text.match_indices(needle).nth(nth).unwrap();
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

/// The three interviews, their cases with a region, two codes, and codings of "Hospital" on
/// each participant's answer by Lin.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, language: Some(English))",
    )
    .unwrap();

    let mut project = Project::new(Manifest::new("Clinics"));
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "region".into(),
        kind: AttributeKind::Category(vec!["Shandong".into(), "Beijing".into()]),
        sort_key: SortKey("a".into()),
    };
    let lin = Coder::new("Lin", Color::palette(0));
    let hospital = Code::new("Hospital", Color::palette(1), SortKey("a".into()));
    let kindness = Code::new("Kindness", Color::palette(2), SortKey("b".into()));
    let mut edits = vec![
        Edit::PutAttribute(region.clone()),
        Edit::PutCoder(lin.clone()),
        Edit::PutCode(hospital.clone()),
        Edit::PutCode(kindness.clone()),
    ];
    let mut docs = Vec::new();
    for ((name, text), (person, place)) in
        TEXTS
            .iter()
            .zip([("Ann", "Shandong"), ("Bo", "Beijing"), ("Cai", "Shandong")])
    {
        let mut case = Case::new(person);
        case.values
            .insert(region.id, Value::Category(place.to_owned()));
        let mut doc = Document::new(*name, DocumentKind::Interview, Text::new(*text));
        doc.segments = detect_turns(text);
        doc.case = Some(case.id);
        // The participant's answer: from after "Name: " to the end of its line.
        let answer_start = text.find(&format!("{person}: ")).unwrap() + person.len() + 2;
        let answer = text[answer_start..].trim_end();
        let coding = Coding::new(
            doc.id,
            &doc.text,
            range_of(text, answer, 0),
            hospital.id,
            lin.id,
        );
        docs.push(doc.id);
        edits.push(Edit::PutCase(case));
        edits.push(Edit::PutDocument(Box::new(doc)));
        edits.push(Edit::PutCoding(Box::new(coding)));
    }
    project.apply(Edit::Batch(edits)).unwrap();
    drop(ProjectDir::create(&root, &mut project).unwrap());
    Fixture {
        _dir: dir,
        root,
        config,
        docs,
        hospital: hospital.id,
        kindness: kindness.id,
        region: region.id,
    }
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    harness_with(Some(f.root.clone()), ConfigStore::in_dir(&f.config))
}

/// The codings of `code`, as (document name, coded text), sorted.
fn coded(h: &Harness<'static, MarginApp>, code: CodeId) -> Vec<(String, String)> {
    let p = project(h);
    let mut v: Vec<_> = p
        .codings()
        .values()
        .filter(|c| c.code == code)
        .map(|c| {
            let doc = p.document(c.document).unwrap();
            (doc.name.clone(), doc.text.slice(c.range).to_string())
        })
        .collect();
    v.sort();
    v
}

fn show(h: &mut Harness<'static, MarginApp>, tab: AnalysisTab) {
    h.state_mut().queue(Command::ShowAnalysis(tab));
    frames(h, 3);
}

#[test]
fn search_jumps_to_a_hit_and_codes_all_hits_in_one_undo_step() {
    let f = fixture();
    let mut h = harness(&f);
    show(&mut h, AnalysisTab::Search);
    {
        let search = &mut h.state_mut().analysis_mut().search;
        search.query.pattern = "pit".into();
        search.query.ignore_case = true;
        search.query.mode = margin::analysis::search::MatchMode::Word;
    }
    frames(&mut h, 1);
    h.get_by_label("Find all").click();
    frames(&mut h, 3);
    // Whole word, any case: "Pit" and "pit" in A1, "pit" in B2, not "pitch" but "pit" in C3.
    let hits: Vec<(String, String)> = h
        .state()
        .analysis()
        .search
        .hits
        .iter()
        .map(|e| (e.document_name.clone(), e.text.clone()))
        .collect();
    let expected = [("A1", "Pit"), ("A1", "pit"), ("B2", "pit"), ("C3", "pit")]
        .map(|(d, t)| (d.to_owned(), t.to_owned()));
    assert_eq!(hits, expected);
    h.get_by_label("4 hits");

    // A click on C3's hit opens C3 with the hit selected.
    h.get_by(|n| n.value().is_some_and(|l| l.starts_with("C3  ")))
        .click();
    frames(&mut h, 3);
    let c3_pit = range_of(TEXTS[2].1, " pit.", 0);
    let c3_pit = CharRange::new(c3_pit.start + 1, c3_pit.end - 1);
    assert_eq!(
        h.state().transcript().selected_range(),
        Some((f.docs[2], c3_pit))
    );

    // Code all hits with "Kindness": four codings, one undo step.
    h.state_mut().analysis_mut().search.code = Some(f.kindness);
    frames(&mut h, 1);
    assert!(coded(&h, f.kindness).is_empty());
    h.get_by_label("Code all hits").click();
    frames(&mut h, 3);
    let expected: Vec<(String, String)> = expected.to_vec();
    assert_eq!(coded(&h, f.kindness), expected);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        "Coded 4 passages with “Kindness”. Undo with Ctrl+Z."
    );
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Code all hits")
    );
    let hospital_before = coded(&h, f.hospital);

    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert!(coded(&h, f.kindness).is_empty());
    assert_eq!(coded(&h, f.hospital), hospital_before);
    assert_eq!(hospital_before.len(), 3);

    h.state_mut().queue(Command::Redo);
    frames(&mut h, 3);
    assert_eq!(coded(&h, f.kindness), expected);
}

#[test]
fn retrieval_with_an_attribute_filter_gives_the_shandong_excerpts_and_exports_them() {
    let f = fixture();
    let mut h = harness(&f);
    show(&mut h, AnalysisTab::Retrieval);
    {
        let r = &mut h.state_mut().analysis_mut().retrieval;
        r.code = Some(f.hospital);
        r.filter.attributes = "region=Shandong".into();
    }
    frames(&mut h, 1);
    h.get_by_label("Retrieve").click();
    frames(&mut h, 3);
    let r = &h.state().analysis().retrieval;
    assert_eq!(r.error, None);
    let got: Vec<(String, String, Option<String>)> = r
        .results
        .iter()
        .map(|x| {
            (
                x.excerpt.document_name.clone(),
                x.excerpt.text.clone(),
                x.case_name.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "A1".to_owned(),
                "I fell in a Pit there, a real pit.".to_owned(),
                Some("Ann".to_owned())
            ),
            (
                "C3".to_owned(),
                "The pitch of the machines, and one more pit.".to_owned(),
                Some("Cai".to_owned())
            ),
        ]
    );
    h.get_by_label("2 excerpts");

    // A bad condition says why.
    h.state_mut().analysis_mut().retrieval.filter.attributes = "region=Tibet".into();
    h.get_by_label("Retrieve").click();
    frames(&mut h, 3);
    let r = &h.state().analysis().retrieval;
    assert!(r.results.is_empty());
    assert!(r.error.as_deref().unwrap().contains("Shandong"), "{r:?}");

    // Back to Shandong, and export as CSV through the export module.
    h.state_mut().analysis_mut().retrieval.filter.attributes = "region=Shandong".into();
    h.get_by_label("Retrieve").click();
    frames(&mut h, 3);
    let out = f.root.parent().unwrap().join("shandong.csv");
    h.state_mut().queue(Command::ExportRetrieval(out.clone()));
    frames(&mut h, 2);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("I fell in a Pit there, a real pit."));
    assert!(csv.contains("one more pit."));
    assert!(!csv.contains("No pit for me"));
}

#[test]
fn crosstab_per_region_counts_codings_and_saves_as_csv() {
    let f = fixture();
    let mut h = harness(&f);
    show(&mut h, AnalysisTab::Tables);
    {
        let t = &mut h.state_mut().analysis_mut().tables;
        t.kind = TableKind::Crosstab;
        t.attribute = Some(f.region);
    }
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    assert_eq!(grid.rows, ["Hospital", "Kindness"]);
    assert_eq!(grid.columns, ["Shandong", "Beijing"]);
    assert_eq!(grid.values, vec![vec![2.0, 1.0], vec![0.0, 0.0]]);
    assert_eq!(
        grid.bars,
        vec![("Hospital".to_owned(), 3.0), ("Kindness".to_owned(), 0.0)]
    );
    let out = f.root.parent().unwrap().join("crosstab.csv");
    h.state_mut().queue(Command::ExportTable(out.clone()));
    frames(&mut h, 2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), grid.table.to_csv());
    assert!(grid.table.to_csv().starts_with("code,Shandong,Beijing"));

    // The same filter as retrieval narrows the table: only the Beijing interviews' codings.
    h.get_by_label("Filter").click();
    frames(&mut h, 2);
    h.get_by_label("Cases: all");
    h.state_mut().analysis_mut().tables.filter.attributes = "region=Beijing".into();
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    h.get_by_label("Filter (on)");
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    assert_eq!(grid.columns, ["Beijing"]);
    assert_eq!(grid.values, vec![vec![1.0], vec![0.0]]);
    assert_eq!(grid.bars[0], ("Hospital".to_owned(), 1.0));

    // A filter that cannot be applied says why.
    h.state_mut().analysis_mut().tables.filter.attributes = "region=Tibet".into();
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let t = &h.state().analysis().tables;
    assert!(t.grid.is_none());
    assert!(t.error.as_deref().unwrap().contains("Tibet"), "{t:?}");
}

#[test]
fn tables_say_on_hover_what_their_numbers_count() {
    use margin::analysis::definitions::explain;
    let f = fixture();
    let mut h = harness(&f);
    show(&mut h, AnalysisTab::Tables);
    {
        let t = &mut h.state_mut().analysis_mut().tables;
        t.kind = TableKind::Crosstab;
        t.attribute = Some(f.region);
    }
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let line =
        "Codings in each column's text; each coder's coding counts (hover for the definition)";
    h.get_by_label(line).hover();
    // Tooltips wait half a second; a frame is 1/20 s.
    frames(&mut h, 15);
    h.get_by_label_contains("Codings that share at least one character with the column's text");

    // Co-occurrence says whether it counts within each coder or pooled.
    h.state_mut().analysis_mut().tables.kind = TableKind::Cooccurrence;
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    assert!(grid.definition.starts_with(explain::OVERLAP));
    assert!(!grid.definition.contains(explain::POOLED));
    h.get_by_label("pool coders").click();
    frames(&mut h, 3);
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    assert!(grid.definition.contains(explain::POOLED));
    assert_eq!(grid.bars_title, "Places coded (coders pooled)");
}
