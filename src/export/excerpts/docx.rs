//! Excerpts as a Word document (OOXML written directly: a zip of a few XML parts). Headings per
//! code with its colour and description, each excerpt as a quote with its context in grey and
//! the coded text shaded in the code's colour, then its attribution, document, coder and memo.
//! The package has fixed timestamps, so the same export is byte-identical.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use chrono::SecondsFormat;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{Excerpt, grouped};
use crate::export::xml::{XmlWriter, escape_text_into};
use crate::export::{ExcerptFilter, ExportError, Quotes};
use crate::model::{Color, Project};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Microsoft YaHei" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="40"/><w:ind w:left="567"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Attribution"><w:name w:val="Attribution"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="CodeDescription"><w:name w:val="Code description"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="555555"/></w:rPr></w:style>
</w:styles>
"#;

/// A light tint of `c` (30 % colour on white) for shading the coded text.
pub(super) fn tint(c: Color) -> String {
    let t = |v: u8| (u16::from(v) * 3 / 10 + 255 * 7 / 10) as u8;
    format!("{:02X}{:02X}{:02X}", t(c.r), t(c.g), t(c.b))
}

/// A run of `text` with run properties `rpr` (already markup), line breaks as `<w:br/>`.
pub(crate) fn run(out: &mut String, rpr: &str, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        out.push_str("<w:r>");
        if !rpr.is_empty() {
            let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
        }
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !part.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                escape_text_into(out, part);
                out.push_str("</w:t>");
            }
        }
        out.push_str("</w:r>");
    }
}

/// A paragraph of style `style` (one of [`STYLES`]) holding `runs`.
pub(crate) fn paragraph(out: &mut String, style: &str, runs: &str) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{runs}</w:p>"
    );
    out.push('\n');
}

pub(crate) fn excerpt(out: &mut String, e: &Excerpt<'_>, quotes: Quotes) {
    if e.coding.exemplar {
        let mut runs = String::new();
        run(&mut runs, "<w:b/><w:color w:val=\"AA6600\"/>", "★ Exemplar");
        paragraph(out, "Attribution", &runs);
    }
    let (original, translation) = e.shown(quotes);
    if original.is_some() {
        original_quote(out, e);
    }
    if let Some(t) = translation {
        let mut runs = String::new();
        run(&mut runs, "<w:i/>", &t.text);
        if !t.note.is_empty() {
            run(
                &mut runs,
                "<w:color w:val=\"666666\"/>",
                &format!(" ({})", t.note),
            );
        }
        paragraph(out, "Quote", &runs);
    }
    cite(out, e);
}

/// The quote as coded, shaded in its code's colour, within its context in grey.
fn original_quote(out: &mut String, e: &Excerpt<'_>) {
    let mut runs = String::new();
    if !e.before.is_empty() {
        let mut before = String::new();
        if e.before_truncated {
            before.push('…');
        }
        before.push_str(e.before);
        run(&mut runs, "<w:color w:val=\"888888\"/>", &before);
    }
    let shade = format!(
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>",
        tint(e.code.color)
    );
    run(&mut runs, &shade, e.text);
    if !e.after.is_empty() {
        let mut after = e.after.to_owned();
        if e.after_truncated {
            after.push('…');
        }
        run(&mut runs, "<w:color w:val=\"888888\"/>", &after);
    }
    paragraph(out, "Quote", &runs);
}

/// Who said it, where, who coded it, and the memos.
fn cite(out: &mut String, e: &Excerpt<'_>) {
    let mut cite = String::new();
    if let Some(who) = e.attribution() {
        let _ = write!(cite, "({who}) · ");
    }
    let _ = write!(
        cite,
        "{}, {}–{}",
        e.document.name, e.coding.range.start, e.coding.range.end
    );
    if !e.coder_name().is_empty() {
        let _ = write!(cite, " · coded by {}", e.coder_name());
    }
    let mut runs = String::new();
    run(&mut runs, "", &cite);
    paragraph(out, "Attribution", &runs);
    let memo = e.memo_text();
    if !memo.is_empty() {
        let mut runs = String::new();
        run(&mut runs, "<w:b/>", "Memo: ");
        run(&mut runs, "", &memo);
        paragraph(out, "Attribution", &runs);
    }
}

/// The paragraphs of the excerpts document.
fn document_body(project: &Project, filter: &ExcerptFilter, excerpts: &[Excerpt<'_>]) -> String {
    let groups = grouped(project, filter, excerpts);
    let mut body = String::with_capacity(excerpts.len() * 900 + 4096);
    let mut runs = String::new();
    run(
        &mut runs,
        "",
        &format!("{}: coded excerpts", project.manifest().name),
    );
    paragraph(&mut body, "Title", &runs);
    let mut meta = format!(
        "{} excerpt{}",
        excerpts.len(),
        if excerpts.len() == 1 { "" } else { "s" }
    );
    if !filter.is_empty() {
        let _ = write!(meta, " ({})", filter.describe(project));
    }
    runs.clear();
    run(&mut runs, "<w:color w:val=\"555555\"/>", &meta);
    paragraph(&mut body, "Normal", &runs);

    runs.clear();
    run(&mut runs, "", "Codebook");
    paragraph(&mut body, "Heading1", &runs);
    for (depth, code, items) in &groups {
        let mut p = String::new();
        let _ = write!(
            p,
            "<w:p><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"{}\"/></w:pPr>",
            360 * depth
        );
        run(
            &mut p,
            &format!("<w:color w:val=\"{}\"/>", &code.color.to_hex()[1..]),
            "■ ",
        );
        run(&mut p, "<w:b/>", &code.name);
        run(&mut p, "", &format!(" ({})", items.len()));
        if !code.description.is_empty() {
            run(
                &mut p,
                "<w:color w:val=\"555555\"/>",
                &format!(": {}", code.description.replace('\n', " ")),
            );
        }
        p.push_str("</w:p>\n");
        body.push_str(&p);
    }
    for (_, code, items) in &groups {
        if items.is_empty() {
            continue;
        }
        runs.clear();
        run(
            &mut runs,
            &format!("<w:color w:val=\"{}\"/>", &code.color.to_hex()[1..]),
            "■ ",
        );
        run(
            &mut runs,
            "",
            &format!("{} ({})", items[0].code_path, items.len()),
        );
        paragraph(&mut body, "Heading1", &runs);
        if !code.description.is_empty() {
            runs.clear();
            run(&mut runs, "", &code.description);
            paragraph(&mut body, "CodeDescription", &runs);
        }
        for e in *items {
            excerpt(&mut body, e, filter.quotes);
        }
    }
    body
}

fn core_xml(project: &Project, title: &str) -> String {
    let mut escaped = String::new();
    escape_text_into(&mut escaped, title);
    let created = project
        .manifest()
        .created
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{escaped}</dc:title><dc:creator>Margin</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created></cp:coreProperties>\n"
    )
}

/// The `word/document.xml` around `body` (paragraphs already written with [`paragraph`]).
fn wrap_body(body: &str, pictures: bool) -> String {
    let mut w = XmlWriter::new(false);
    let drawing = if pictures { DRAWING_NAMESPACES } else { "" };
    w.raw(&format!(
        "\n<w:document xmlns:w=\"{W}\"{drawing}><w:body>\n"
    ));
    w.raw(body);
    w.raw("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>\n</w:body></w:document>\n");
    w.finish()
}

/// Write a Word package titled `title` whose body is `body` (paragraphs written with
/// [`paragraph`] and [`run`], in the styles of [`STYLES`]); other exports (memos) use it too.
pub(crate) fn write_package(
    project: &Project,
    title: &str,
    body: &str,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    write_package_with(project, title, body, &[], out)
}

/// The namespaces a body with pictures needs.
const DRAWING_NAMESPACES: &str = " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

/// The width of the text of a page, in EMU (A4 less the margins: 6.25 in).
const TEXT_WIDTH_EMU: u64 = 5_715_000;

/// The paragraph showing the `n`th picture (from 1) of a package, `png`, as wide as the text
/// (or its own width at 192 dpi when narrower).
pub(crate) fn picture_paragraph(out: &mut String, n: usize, png: &[u8]) {
    // The PNG's size, from its header (IHDR: width and height, big-endian, at bytes 16..24).
    let dim = |at: usize| {
        png.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(1, |b| u64::from(u32::from_be_bytes(b)).max(1))
    };
    let (w, h) = (dim(16), dim(20));
    let cx = (w * 914_400 / 192).min(TEXT_WIDTH_EMU);
    let cy = cx * h / w;
    let _ = writeln!(
        out,
        "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"Chart {n}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdPicture{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    );
}

/// [`write_package`] with pictures: the `n`th PNG of `pictures` is the one
/// [`picture_paragraph`] shows for `n`.
pub(crate) fn write_package_with(
    project: &Project,
    title: &str,
    body: &str,
    pictures: &[Vec<u8>],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let (types, rels) = if pictures.is_empty() {
        (CONTENT_TYPES.to_owned(), DOCUMENT_RELS.to_owned())
    } else {
        let mut rels = String::new();
        for n in 1..=pictures.len() {
            let _ = write!(
                rels,
                "<Relationship Id=\"rIdPicture{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart{n}.png\"/>"
            );
        }
        (
            CONTENT_TYPES.replacen(
                "<Default Extension=\"xml\"",
                "<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"xml\"",
                1,
            ),
            DOCUMENT_RELS.replacen("</Relationships>", &format!("{rels}</Relationships>"), 1),
        )
    };
    let parts = [
        ("[Content_Types].xml".to_owned(), types.into_bytes()),
        ("_rels/.rels".to_owned(), RELS.as_bytes().to_vec()),
        (
            "docProps/core.xml".to_owned(),
            core_xml(project, title).into_bytes(),
        ),
        ("word/_rels/document.xml.rels".to_owned(), rels.into_bytes()),
        ("word/styles.xml".to_owned(), STYLES.as_bytes().to_vec()),
        (
            "word/document.xml".to_owned(),
            wrap_body(body, !pictures.is_empty()).into_bytes(),
        ),
    ];
    let media = pictures
        .iter()
        .enumerate()
        .map(|(i, png)| (format!("word/media/chart{}.png", i + 1), png.clone()));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, content) in parts.into_iter().chain(media) {
        zip.start_file(name, options)?;
        zip.write_all(&content)?;
    }
    let bytes = zip.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

pub(super) fn write(
    project: &Project,
    filter: &ExcerptFilter,
    excerpts: &[Excerpt<'_>],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let title = format!("{}: coded excerpts", project.manifest().name);
    write_package(
        project,
        &title,
        &document_body(project, filter, excerpts),
        out,
    )
}
