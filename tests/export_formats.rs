//! Every export format on the fixture project: golden files (`UPDATE_GOLDEN=1` rewrites them)
//! and exact checks of what a researcher relies on (attribution, escaping, filters, BOM).

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod export_fixture;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use export_fixture::{AROUSAL, G8, IDENTITY, LIN, NOTES, REGION, ZHOU, golden, project, unzip};
use margin::export::excerpts::{self, Format, collect};
use margin::export::{ExcerptFilter, Quotes, codebook};
use margin::model::Value;

fn export(format: Format, filter: &ExcerptFilter) -> Vec<u8> {
    let p = project();
    let mut out = Vec::new();
    excerpts::write(&p, filter, format, &mut out).unwrap();
    out
}

#[test]
fn csv_golden_and_round_trip_through_a_csv_reader() {
    let bytes = export(Format::Csv, &ExcerptFilter::all());
    golden("excerpts.csv", &bytes);
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF record ends");
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    // Codebook order: Identity construction first, its own codings before its children's.
    assert_eq!(&rows[0][0], "Identity construction");
    assert_eq!(&rows[0][2], "Field notes");
    assert_eq!(&rows[0][9], "*we are all the same* — nobody different.");
    let quoted = rows
        .iter()
        .find(|r| r[9].starts_with("=SUM"))
        .expect("the notes excerpt");
    assert_eq!(
        &quoted[9],
        "=SUM(A1) is what \"Auntie Liu\" typed <joking> & laughing."
    );
    let why = rows.iter().find(|r| &r[9] == "为什么是我？😭").unwrap();
    assert_eq!(&why[1], "Identity construction / Role disorder");
    assert_eq!(&why[3], "G8");
    assert_eq!(&why[4], "G8");
    assert_eq!(&why[5], "G8");
    assert_eq!(&why[6], "lin");
    assert_eq!(&why[12], "The classic \"why me\": compare G3.");
    // A chat message by G1 is attributed to G1 and takes G1's case.
    let chat = rows.iter().find(|r| &r[9] == "又要留级了😭").unwrap();
    assert_eq!((&chat[3], &chat[4], &chat[5]), ("G1", "G1", "G1"));
    // The memo column joins the coding's note and the memos on it.
    let reviewed = rows.iter().find(|r| &r[9] == "社区筛查发现的。").unwrap();
    assert_eq!(&reviewed[12], "zhou: I would take the whole sentence.");
}

#[test]
fn excel_csv_has_a_bom_and_guards_formulas() {
    let bytes = export(Format::CsvExcel, &ExcerptFilter::all());
    golden("excerpts-excel.csv", &bytes);
    assert!(bytes.starts_with("\u{FEFF}code,".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"'=SUM(A1) is what \"\"Auntie Liu\"\""));
}

#[test]
fn xlsx_cells_hold_the_excerpts() {
    let bytes = export(Format::Xlsx, &ExcerptFilter::all());
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range("Excerpts").unwrap();
    assert_eq!(range.height(), 11);
    assert_eq!(range.get((0, 9)), Some(&Data::String("text".into())));
    let formula_like = (1..11)
        .filter_map(|r| range.get((r, 9)))
        .find(|c| matches!(c, Data::String(s) if s.starts_with("=SUM")));
    assert!(formula_like.is_some(), "written as text, not a formula");
    assert_eq!(range.get((1, 7)), Some(&Data::Float(113.0)));
    // Golden: the sheet and its strings (the rest of the package is the writer's).
    let mut dump = Vec::new();
    for (name, content) in unzip(&bytes) {
        if name == "xl/worksheets/sheet1.xml" || name == "xl/sharedStrings.xml" {
            dump.extend_from_slice(format!("== {name}\n").as_bytes());
            dump.extend_from_slice(&content);
            dump.push(b'\n');
        }
    }
    golden("excerpts.xlsx.txt", &dump);
}

#[test]
fn html_report_is_grouped_escaped_and_self_contained() {
    let bytes = export(Format::Html, &ExcerptFilter::all());
    golden("excerpts.html", &bytes);
    let html = String::from_utf8(bytes).unwrap();
    assert!(!html.contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(html.contains("(G8) · G8 interview"));
    assert!(
        html.contains(
            "=SUM(A1) is what &quot;Auntie Liu&quot; typed &lt;joking&gt; &amp; laughing."
        )
    );
    let identity = html.find("<section id=\"code-").unwrap();
    assert!(html[identity..].starts_with(&format!("<section id=\"code-{IDENTITY}\"")));
    assert!(html.contains("Shock of diagnosis, &quot;why me&quot;, hidden diagnoses."));
}

#[test]
fn markdown_golden_quotes_with_attribution() {
    let bytes = export(Format::Markdown, &ExcerptFilter::all());
    golden("excerpts.md", &bytes);
    let md = String::from_utf8(bytes).unwrap();
    // The exemplar comes first under its code, the Chinese quote then its English.
    assert!(md.contains(
        "**★ Exemplar**\n\n> 为什么是我？😭\n\n> Why me? 😭\n>\n> *(tr. Lin Yue)*\n\n— (G8), *G8 interview* 53–60, coded by lin\n"
    ));
    assert!(md.contains("> \\*we are all the same\\* — nobody different.\n"));
}

#[test]
fn docx_is_a_word_package_with_the_excerpts() {
    let bytes = export(Format::Docx, &ExcerptFilter::all());
    let parts = unzip(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/document.xml"
        ]
    );
    for (name, content) in &parts {
        let text = std::str::from_utf8(content).unwrap();
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
    }
    let document = &parts[5].1;
    golden("excerpts.docx.xml", document);
    let xml = String::from_utf8(document.clone()).unwrap();
    assert!(xml.contains("(G8) · G8 interview, 53–60 · coded by lin"));
    assert!(xml.contains("=SUM(A1) is what \"Auntie Liu\" typed &lt;joking&gt; &amp; laughing."));
    // The same export twice is byte-identical (fixed timestamps).
    assert_eq!(bytes, export(Format::Docx, &ExcerptFilter::all()));
}

#[test]
fn filters_select_by_code_subcodes_coder_document_case_and_attribute() {
    let p = project();
    let texts = |f: &ExcerptFilter| -> Vec<String> {
        collect(&p, f).iter().map(|e| e.text.to_owned()).collect()
    };
    let mut f = ExcerptFilter::all();
    f.codes.insert(IDENTITY);
    assert_eq!(
        texts(&f),
        [
            "*we are all the same* — nobody different.",
            "我们都是过来人"
        ]
    );
    f.with_subcodes = true;
    assert_eq!(texts(&f).len(), 6);
    f.coders.insert(ZHOU);
    assert_eq!(
        texts(&f),
        [
            "我们都是过来人",
            "社区筛查发现的。我当时就想，为什么是我？😭",
            "进了群以后"
        ]
    );

    let mut f = ExcerptFilter::all();
    f.documents.insert(NOTES);
    assert_eq!(texts(&f).len(), 2);

    let mut f = ExcerptFilter::all();
    f.cases.insert(G8);
    f.coders.insert(LIN);
    f.codes.insert(AROUSAL);
    assert_eq!(
        texts(&f),
        [
            // The exemplar first.
            "抱抱你！我们都是过来人，别怕💪",
            "姐妹们天天给我讲经验，心里踏实多了🙏。",
        ]
    );

    let mut f = ExcerptFilter::all();
    f.attributes
        .insert(REGION, vec![Value::Category("Beijing".into())]);
    assert_eq!(texts(&f), ["又要留级了😭"]);

    // By name, as the command line gives them.
    let mut f = ExcerptFilter::all();
    f.code_named(&p, "Identity construction / Role disorder")
        .unwrap();
    f.attribute_pair(&p, "age=50").unwrap();
    assert_eq!(texts(&f).len(), 3);
    let err = f.attribute_pair(&p, "region=Mars").unwrap_err();
    assert!(err.to_string().contains("is not one of: Beijing, Shandong"));
    let err = f.code_named(&p, "Nope").unwrap_err();
    assert!(err.to_string().contains("no code named \"Nope\""));
}

#[test]
fn filtered_markdown_golden() {
    let p = project();
    let mut f = ExcerptFilter::all();
    f.code_named(&p, "Emotional resonance").unwrap();
    f.with_subcodes = true;
    f.attribute_pair(&p, "region=Shandong").unwrap();
    let mut out = Vec::new();
    let n = excerpts::write(&p, &f, Format::Markdown, &mut out).unwrap();
    assert_eq!(n, 2);
    golden("excerpts-filtered.md", &out);
}

#[test]
fn codebook_goldens() {
    let p = project();
    for (format, name) in [
        (codebook::Format::Qdc, "codebook.qdc"),
        (codebook::Format::Csv, "codebook.csv"),
        (codebook::Format::Markdown, "codebook.md"),
    ] {
        let mut out = Vec::new();
        assert_eq!(codebook::write(&p, format, &mut out).unwrap(), 6);
        golden(name, &out);
    }
}

#[test]
fn codebook_qdc_validates_against_the_schema() {
    let p = project();
    let mut out = Vec::new();
    codebook::write(&p, codebook::Format::Qdc, &mut out).unwrap();
    match export_fixture::xmllint("Codebook-mrt2019.xsd", &out) {
        Some(result) => result.unwrap(),
        None => eprintln!("xmllint not installed: schema not checked"),
    }
}

#[test]
fn sample_project_excerpts_are_attributed_to_their_speaker() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let p = margin::store::ProjectDir::open_read_only(&dir)
        .unwrap()
        .project;
    let mut f = ExcerptFilter::all();
    f.case_named(&p, "G8").unwrap();
    f.attribute_pair(&p, "region=Shandong").unwrap();
    let all = collect(&p, &f);
    assert!(!all.is_empty());
    // G8's messages in the group chat and her interview turns.
    for e in &all {
        assert_eq!(
            e.attribution(),
            Some("G8"),
            "{:?} in {}",
            e.text,
            e.document.name
        );
        assert_eq!(e.case.map(|c| c.name.as_str()), Some("G8"));
    }
    let kinds: std::collections::BTreeSet<_> = all.iter().map(|e| e.document.kind).collect();
    assert_eq!(kinds.len(), 2, "chat and interview");
    f.attribute_pair(&p, "region=Beijing").unwrap();
    assert_eq!(
        collect(&p, &f).len(),
        all.len(),
        "values of one attribute are alternatives"
    );
    let mut g = ExcerptFilter::all();
    g.case_named(&p, "G8").unwrap();
    g.attribute_pair(&p, "region=Beijing").unwrap();
    assert!(collect(&p, &g).is_empty());
}

#[test]
fn quotes_show_the_original_the_translation_or_both_and_keep_their_attribution() {
    let shown = |quotes: Quotes| {
        let mut f = ExcerptFilter::all();
        f.quotes = quotes;
        String::from_utf8(export(Format::Markdown, &f)).unwrap()
    };
    let both = shown(Quotes::Both);
    assert!(both.contains("> 为什么是我？😭\n\n> Why me? 😭"));
    let original = shown(Quotes::Original);
    assert!(original.contains("> 为什么是我？😭\n\n— (G8)"));
    assert!(!original.contains("Why me?"));
    let english = shown(Quotes::Translation);
    assert!(english.contains("> Why me? 😭\n>\n> *(tr. Lin Yue)*\n\n— (G8), *G8 interview* 53–60"));
    assert!(!english.contains("> 为什么是我？😭"));
    // A quote without a translation is shown as it is.
    assert!(english.contains("> 社区筛查发现的。\n"));
    let html = {
        let mut f = ExcerptFilter::all();
        f.quotes = Quotes::Translation;
        String::from_utf8(export(Format::Html, &f)).unwrap()
    };
    assert!(html.contains("<blockquote class=\"translation\">Why me? 😭"));
    assert!(!html.contains("<mark style=\"background:rgba(196,78,82,0.28)\">为什么是我？😭"));
}

#[test]
fn quote_matrix_golden_codes_by_region_exemplars_first_with_their_translations() {
    use margin::analysis::crosstab::CrosstabColumns;
    let p = project();
    let matrix = excerpts::quote_matrix(
        &p,
        &ExcerptFilter::all(),
        CrosstabColumns::Attribute {
            attribute: REGION,
            bin: None,
        },
    )
    .unwrap();
    let labels: Vec<&str> = matrix.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Beijing", "Shandong"]);
    let write = |format: Format, per_cell: usize| {
        let mut out = Vec::new();
        excerpts::write_matrix(&p, &matrix, per_cell, Quotes::Both, format, &mut out).unwrap();
        out
    };
    let md = write(Format::Markdown, 2);
    golden("quote-matrix.md", &md);
    let md = String::from_utf8(md).unwrap();
    // G8 is from Shandong: the exemplar comes first in its cell, its English below it, and
    // the third quote of the cell is counted, not shown.
    let role = md.find("## Identity construction / Role disorder").unwrap();
    let cell = &md[role..];
    assert!(cell.starts_with(
        "## Identity construction / Role disorder\n\n### Beijing (0)\n\n### Shandong (3)\n\n**★ Exemplar**\n\n> 为什么是我？😭\n\n> Why me? 😭"
    ));
    assert!(cell.contains("*… and 1 more*"));
    let html = String::from_utf8(write(Format::Html, 3)).unwrap();
    assert!(html.contains("<th>Shandong</th>"));
    assert!(html.contains("<blockquote class=\"translation\">Why me? 😭"));
    let docx = write(Format::Docx, 3);
    let parts = unzip(&docx);
    let xml = parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(xml.contains("Why me? 😭") && xml.contains("Shandong (3)"));
    let mut out = Vec::new();
    assert!(
        excerpts::write_matrix(&p, &matrix, 3, Quotes::Both, Format::Csv, &mut out).is_err(),
        "a matrix is not a CSV"
    );
}

#[test]
fn a_coded_document_golden_highlights_every_coding_and_names_its_codes_in_the_margin() {
    use export_fixture::INTERVIEW;
    let p = project();
    let mut html = Vec::new();
    let n = excerpts::write_document(&p, INTERVIEW, Format::Html, &mut html).unwrap();
    assert_eq!(n, 5, "the interview's codings");
    golden("coded-document.html", &html);
    let html = String::from_utf8(html).unwrap();
    // The passage two codings share is darker, and says both on hover.
    assert!(html.contains(
        "rgba(196,78,82,0.36)\" title=\"Identity construction / Role disorder (zhou)\nIdentity construction / Role disorder (lin)\">社区筛查发现的。"
    ));
    // Each coding's code and coder stand in the margin of the line it starts in.
    assert_eq!(html.matches("<span class=\"tag\"").count(), 5);
    // Emoji and Chinese pass whole.
    assert!(html.contains("为什么是我？😭</mark>"));
    let mut docx = Vec::new();
    excerpts::write_document(&p, INTERVIEW, Format::Docx, &mut docx).unwrap();
    let parts = unzip(&docx);
    let xml = parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(xml.contains("[Identity construction / Role disorder (zhou); "));
    let mut csv = Vec::new();
    assert!(excerpts::write_document(&p, INTERVIEW, Format::Csv, &mut csv).is_err());
}

/// The fixture with summaries of two cells of the summary grid, one by both coders.
fn with_summaries() -> margin::model::Project {
    use chrono::{TimeZone, Utc};
    use export_fixture::{G1, ROLE};
    use margin::model::{Edit, Memo, MemoTarget};
    let mut p = project();
    let summary = |case, code, text: &str, author, minute| {
        let mut m = Memo::new(MemoTarget::Summary { case, code }, text, Some(author));
        m.created = Utc.with_ymd_and_hms(2024, 9, 20, 9, minute, 0).unwrap();
        m.modified = m.created;
        Edit::PutMemo(m)
    };
    p.apply(Edit::Batch(vec![
        summary(
            G8,
            ROLE,
            "社区筛查发现，家里人都瞒着；反复问“为什么是我？😭”",
            LIN,
            1,
        ),
        summary(
            G8,
            ROLE,
            "Found at a community screening; the family kept it quiet.",
            ZHOU,
            2,
        ),
        summary(
            G1,
            AROUSAL,
            "Relief when the sisters answered at dawn ❤️",
            LIN,
            3,
        ),
    ]))
    .unwrap();
    p
}

#[test]
fn summary_grid_golden_cases_by_region_with_both_coders_summaries() {
    use export_fixture::ROLE;
    use margin::analysis::crosstab::CrosstabColumns;
    let p = with_summaries();
    let by_region = CrosstabColumns::Attribute {
        attribute: REGION,
        bin: None,
    };
    let grid = excerpts::summary_grid(&p, &ExcerptFilter::all(), by_region).unwrap();
    let write = |grid: &excerpts::SummaryGrid<'_>, format: Format| {
        let mut out = Vec::new();
        excerpts::write_summary_grid(&p, grid, format, &mut out).unwrap();
        out
    };
    let md = write(&grid, Format::Markdown);
    golden("summary-grid.md", &md);
    let md = String::from_utf8(md).unwrap();
    // Rows grouped by region (Beijing: G1, then Shandong: G8); two coders' summaries of one
    // cell both kept, each signed.
    let g1 = md.find("### G1").unwrap();
    let g8 = md.find("### G8").unwrap();
    assert!(md.find("## region: Beijing").unwrap() < g1 && g1 < g8);
    assert!(md[g8..].contains("反复问“为什么是我？😭” (lin)"));
    assert!(md[g8..].contains("the family kept it quiet. (zhou)"));
    let cell = grid.cell(G8, ROLE).unwrap();
    assert_eq!(cell.summaries.len(), 2);
    assert_eq!(
        cell.excerpts.len(),
        collect(&p, &ExcerptFilter::all())
            .iter()
            .filter(|e| e.code.id == ROLE && e.case.is_some_and(|c| c.id == G8))
            .count()
    );
    // The HTML is one table with a group row per region.
    let html = String::from_utf8(write(&grid, Format::Html)).unwrap();
    assert!(html.contains(&format!(
        "<th class=\"group\" colspan=\"{}\">region: Shandong</th>",
        grid.codes.len() + 1
    )));
    assert!(html.contains("Relief when the sisters answered at dawn ❤️"));
    // Word and Excel carry the summaries too; Excel's second sheet counts the codings.
    let docx = write(&grid, Format::Docx);
    let xml = unzip(&docx)
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap();
    assert!(xml.contains("region: Shandong") && xml.contains("community screening"));
    let xlsx = write(&grid, Format::Xlsx);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("Summaries").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows[0][0], "Case");
    assert_eq!(rows[0][1], "region");
    let g8_row = rows.iter().find(|r| r[0] == "G8").unwrap();
    assert!(g8_row.iter().any(|c| c.contains("(zhou)")));
    let counts = book.worksheet_range("Codings").unwrap();
    assert!(
        counts
            .rows()
            .any(|r| r.first() == Some(&Data::String("G8".into())))
    );
    // A code filter narrows the summaries as it narrows the codings.
    let mut only_arousal = ExcerptFilter::all();
    only_arousal.codes.insert(AROUSAL);
    let narrow = excerpts::summary_grid(&p, &only_arousal, CrosstabColumns::Cases).unwrap();
    assert!(narrow.codes.iter().all(|c| c.code == AROUSAL));
    assert!(narrow.cell(G8, ROLE).is_none());
    let mut out = Vec::new();
    assert!(
        excerpts::write_summary_grid(&p, &narrow, Format::Csv, &mut out).is_err(),
        "a grid is not a CSV"
    );
}

#[test]
fn the_paper_report_golden_states_its_methods_and_holds_codebook_quotes_grid_table_and_agreement() {
    use margin::export::report::write_report;
    let p = with_summaries();
    let mut html = Vec::new();
    let summary = write_report(&p, Format::Html, &mut html).unwrap();
    golden("report.html", &html);
    let html = String::from_utf8(html).unwrap();
    assert!(summary.agreement && summary.summaries == 3 && summary.exemplars > 0);
    // The methods say what was coded, by whom, and the coefficients.
    let methods =
        &html[html.find("<h2>Methods</h2>").unwrap()..html.find("<h2>Codebook</h2>").unwrap()];
    assert!(methods.contains("lin and zhou coded it"), "{methods}");
    assert!(methods.contains("Cohen&#39;s κ = "), "{methods}");
    // Sections in order; the exemplar in both languages; the chart drawn as SVG.
    let order: Vec<usize> = [
        "<h2>Codebook</h2>",
        "<h2>Exemplar quotes</h2>",
        "<h2>Summary grid</h2>",
        "<h2>Codings per code and case</h2>",
        "<h2>Agreement</h2>",
    ]
    .iter()
    .map(|h| html.find(h).unwrap_or_else(|| panic!("{h} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(html.contains("<blockquote class=\"translation\">Why me? 😭"));
    assert!(html.contains("<svg") && html.contains("<title>Codings by code and case</title>"));
    assert!(html.contains("Relief when the sisters answered at dawn ❤️"));
    // Word holds the same, with tables.
    let mut docx = Vec::new();
    write_report(&p, Format::Docx, &mut docx).unwrap();
    let xml = unzip(&docx)
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap();
    assert!(xml.contains(">Methods<") && xml.contains("<w:tbl>") && xml.contains("Why me? 😭"));
    assert!(xml.contains("Krippendorff"));
    // The chart is a picture in the package.
    let parts = unzip(&docx);
    let chart = parts
        .iter()
        .find(|(name, _)| name == "word/media/chart1.png")
        .map(|(_, bytes)| bytes.clone())
        .unwrap();
    assert!(chart.starts_with(b"\x89PNG"));
    assert!(xml.contains("r:embed=\"rIdPicture1\""));
    assert!(write_report(&p, Format::Csv, &mut Vec::new()).is_err());
}
