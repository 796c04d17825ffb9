//! A coded document: its whole text with every coding highlighted in its code's colour and, in
//! the margin of each line, the codes that start there with who coded them — what a reader
//! without Margin (a co-author, a reviewer) needs to see how a transcript was coded. HTML
//! (passages coded twice over darker, each passage's codes on hover) and Word.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write;

use super::{Format, docx, html};
use crate::export::ExportError;
use crate::model::{CharRange, Coding, Color, DocumentId, Project};

/// One line of the document: its stretches (each with the codings covering it) and the codings
/// that start in it.
struct Line<'p> {
    stretches: Vec<(CharRange, Vec<&'p Coding>)>,
    starting: Vec<&'p Coding>,
}

/// The lines of `document` with their stretches and the codings starting in each.
fn lines(project: &Project, document: DocumentId) -> Vec<Line<'_>> {
    let Some(doc) = project.document(document) else {
        return Vec::new();
    };
    let mut codings: Vec<&Coding> = project.codings_of(document).collect();
    codings.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end), c.id));
    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    for c in &codings {
        cuts.insert(c.range.start);
        cuts.insert(c.range.end);
    }
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.chars().count();
        cuts.insert(start);
        cuts.insert(end);
        let points: Vec<usize> = cuts.range(start..=end).copied().collect();
        let stretches = points
            .windows(2)
            .map(|w| {
                let range = CharRange::new(w[0], w[1]);
                let over = codings
                    .iter()
                    .copied()
                    .filter(|c| c.range.start <= range.start && range.end <= c.range.end)
                    .collect();
                (range, over)
            })
            .collect();
        let starting = codings
            .iter()
            .copied()
            .filter(|c| (start..end.max(start + 1)).contains(&c.range.start))
            .collect();
        out.push(Line {
            stretches,
            starting,
        });
        start = end + 1;
    }
    out
}

/// The colour of a coding's code (grey when the code is gone).
fn colour_of(project: &Project, c: &Coding) -> Color {
    project
        .code(c.code)
        .map_or(Color::rgb(170, 170, 170), |code| code.color)
}

/// What the margin says of a coding: its code and coder.
fn label(project: &Project, c: &Coding) -> String {
    let code = project.code_path(c.code);
    match project.coder(c.coder) {
        Some(coder) => format!("{code} ({})", coder.name),
        None => code,
    }
}

/// Write `document` of `project`, coded, as HTML or Word.
pub fn write_document(
    project: &Project,
    document: DocumentId,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let Some(doc) = project.document(document) else {
        return Err(ExportError::Unsupported(format!(
            "the project has no document {document}"
        )));
    };
    let title = format!("{}: {}", project.manifest().name, doc.name);
    let lines = lines(project, document);
    let codings = project.codings_of(document).count();
    match format {
        Format::Html => {
            let mut s = String::new();
            html::page_start(&mut s, &title, DOCUMENT_STYLE, "coded");
            let _ = writeln!(s, "<p class=\"meta\">{codings} codings</p>");
            for line in &lines {
                s.push_str("<div class=\"line\"><div class=\"text\">");
                for (range, over) in &line.stretches {
                    let text = doc.text.slice(*range);
                    match over.first() {
                        None => html::esc(&mut s, text),
                        Some(top) => {
                            let color = colour_of(project, top);
                            let alpha = (0.18 * over.len() as f32).min(0.6);
                            let _ = write!(
                                s,
                                "<mark style=\"background:rgba({},{},{},{alpha:.2})\" title=\"",
                                color.r, color.g, color.b
                            );
                            let names: Vec<String> =
                                over.iter().map(|c| label(project, c)).collect();
                            html::esc(&mut s, &names.join("\n"));
                            s.push_str("\">");
                            html::esc(&mut s, text);
                            s.push_str("</mark>");
                        }
                    }
                }
                s.push_str("</div><div class=\"margin\">");
                for c in &line.starting {
                    let color = colour_of(project, c);
                    let _ = write!(
                        s,
                        "<span class=\"tag\" style=\"border-left-color:rgb({},{},{})\">",
                        color.r, color.g, color.b
                    );
                    html::esc(&mut s, &label(project, c));
                    s.push_str("</span>");
                }
                s.push_str("</div></div>\n");
            }
            s.push_str("</body>\n</html>\n");
            out.write_all(s.as_bytes())?;
        }
        Format::Docx => {
            let mut body = String::new();
            let mut runs = String::new();
            docx::run(&mut runs, "", &title);
            docx::paragraph(&mut body, "Title", &runs);
            for line in &lines {
                let mut runs = String::new();
                for (range, over) in &line.stretches {
                    let text = doc.text.slice(*range);
                    match over.first().and_then(|c| project.code(c.code)) {
                        None => docx::run(&mut runs, "", text),
                        Some(code) => {
                            let shade = format!(
                                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>",
                                docx::tint(code.color)
                            );
                            docx::run(&mut runs, &shade, text);
                        }
                    }
                }
                if !line.starting.is_empty() {
                    let tags: Vec<String> =
                        line.starting.iter().map(|c| label(project, c)).collect();
                    docx::run(
                        &mut runs,
                        "<w:sz w:val=\"16\"/><w:color w:val=\"777777\"/>",
                        &format!("   [{}]", tags.join("; ")),
                    );
                }
                docx::paragraph(&mut body, "Normal", &runs);
            }
            docx::write_package(project, &title, &body, out)?;
        }
        _ => {
            return Err(ExportError::Unsupported(
                "a coded document is written as HTML or Word (html, docx)".into(),
            ));
        }
    }
    Ok(codings)
}

/// The text beside its margin.
const DOCUMENT_STYLE: &str = "
body.coded{max-width:70rem}
.line{display:grid;grid-template-columns:minmax(0,1fr) 16rem;gap:1rem;min-height:1.2em}
.text{white-space:pre-wrap}
.margin{font-size:.8em;color:#555}
.tag{display:block;border-left:4px solid #999;padding-left:.4em;margin-bottom:.15em}
mark{color:inherit}
";
