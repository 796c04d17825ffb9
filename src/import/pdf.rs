//! PDF with a text layer, in reading order. The glyphs a page draws are collected with their
//! positions (via `pdf-extract`), grouped into lines by baseline, and the lines ordered top to
//! bottom; a page set in two columns is read column by column (left, then right, between any
//! lines that span both). A wide vertical gap starts a new paragraph. A PDF whose pages draw no
//! text at all (a scan) is refused with a message that says so.

use std::path::Path;

use pdf_extract::content::Content;
use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use super::error::ImportError;

#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width in user space.
    w: f64,
    size: f64,
    text: String,
}

#[derive(Clone, Debug)]
struct Line {
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

impl Line {
    fn new(g: Glyph) -> Self {
        Self {
            y: g.y,
            x0: g.x,
            x1: g.x + g.w,
            size: g.size,
            glyphs: vec![g],
        }
    }

    fn same_baseline(&self, y: f64, size: f64) -> bool {
        (self.y - y).abs() <= 0.4 * self.size.max(size)
    }

    fn text(&self) -> String {
        let mut glyphs: Vec<&Glyph> = self.glyphs.iter().collect();
        glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut out = String::new();
        let mut end: Option<f64> = None;
        for g in glyphs {
            if let Some(end) = end {
                let gap = g.x - end;
                let blank =
                    out.ends_with(char::is_whitespace) || g.text.starts_with(char::is_whitespace);
                if gap > 0.2 * g.size && !blank {
                    out.push(' ');
                }
            }
            out.push_str(&g.text);
            end = Some(g.x + g.w);
        }
        out.trim().to_owned()
    }
}

/// Collects the glyphs of each page.
#[derive(Default)]
struct Collector {
    pages: Vec<(f64, Vec<Glyph>)>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages
            .push((f64::midpoint(media_box.llx, media_box.urx), Vec::new()));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let mut size = font_size.abs() * scale;
        if size < 0.1 {
            size = scale.max(0.1);
        }
        if let Some((_, glyphs)) = self.pages.last_mut() {
            glyphs.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                w: width * size,
                size,
                text: char.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Group a page's glyphs (in drawing order) into lines.
fn lines_of(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for g in glyphs {
        if g.text.is_empty() {
            continue;
        }
        match lines.last_mut() {
            Some(l) if l.same_baseline(g.y, g.size) && g.x >= l.x1 - 0.5 * g.size => {
                l.x1 = l.x1.max(g.x + g.w);
                l.x0 = l.x0.min(g.x);
                l.size = l.size.max(g.size);
                l.glyphs.push(g);
            }
            _ => lines.push(Line::new(g)),
        }
    }
    lines.retain(|l| !l.text().is_empty());
    lines
}

fn top_down(a: &Line, b: &Line) -> std::cmp::Ordering {
    if a.same_baseline(b.y, b.size) {
        a.x0.total_cmp(&b.x0)
    } else {
        b.y.total_cmp(&a.y)
    }
}

/// Order lines for reading; each line is returned with its column (0 left or only, 1 right,
/// 2 spanning).
fn reading_order(mut lines: Vec<Line>, mid: f64) -> Vec<(u8, Line)> {
    lines.sort_by(top_down);
    let column = |l: &Line| {
        let gutter = 0.5 * l.size;
        if l.x1 <= mid + gutter {
            0u8
        } else if l.x0 >= mid - gutter {
            1
        } else {
            2
        }
    };
    let left = lines.iter().filter(|l| column(l) == 0).count();
    let right = lines.iter().filter(|l| column(l) == 1).count();
    if left < 3 || right < 3 {
        return lines.into_iter().map(|l| (0, l)).collect();
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut band: [Vec<Line>; 2] = [Vec::new(), Vec::new()];
    for l in lines {
        let c = column(&l);
        if c < 2 {
            band[c as usize].push(l);
        } else {
            for (c, lines) in band.iter_mut().enumerate() {
                out.extend(lines.drain(..).map(|l| (c as u8, l)));
            }
            out.push((2, l));
        }
    }
    for (c, lines) in band.iter_mut().enumerate() {
        out.extend(lines.drain(..).map(|l| (c as u8, l)));
    }
    out
}

/// Paragraphs of one page.
fn page_paragraphs(mid: f64, glyphs: Vec<Glyph>, out: &mut Vec<String>) {
    let ordered = reading_order(lines_of(glyphs), mid);
    // Lines on one baseline within a column (drawn out of order) become one line.
    let mut merged: Vec<(u8, Line)> = Vec::new();
    for (c, l) in ordered {
        match merged.last_mut() {
            Some((pc, p)) if *pc == c && p.same_baseline(l.y, l.size) => {
                p.x0 = p.x0.min(l.x0);
                p.x1 = p.x1.max(l.x1);
                p.size = p.size.max(l.size);
                p.glyphs.extend(l.glyphs);
            }
            _ => merged.push((c, l)),
        }
    }
    let mut current = String::new();
    let mut previous: Option<(u8, f64, f64)> = None;
    for (c, l) in merged {
        let text = l.text();
        if let Some((pc, py, psize)) = previous {
            let gap = py - l.y;
            if pc != c || gap < 0.0 || gap > 1.6 * psize.max(l.size) {
                out.push(std::mem::take(&mut current));
            } else {
                current.push('\n');
            }
        }
        current.push_str(&text);
        previous = Some((c, l.y, l.size));
    }
    if !current.is_empty() {
        out.push(current);
    }
}

/// Why a PDF that yields no text has none: it is damaged, a scan (images only), or blank.
fn no_text(doc: &Document, path: &Path) -> ImportError {
    let refuse = |message: String| ImportError::Unsupported {
        path: path.to_path_buf(),
        message,
    };
    let pages = doc.get_pages();
    if pages.is_empty() {
        return refuse(
            "the PDF is malformed: it holds no page that can be read (damaged or truncated?)"
                .into(),
        );
    }
    let (mut broken, mut images) = (0usize, 0usize);
    for &id in pages.values() {
        // Each content stream found, unpacked to something (a stream that does not inflate
        // unpacks to nothing), and that parses as PDF operators.
        let readable = doc.get_page_contents(id).into_iter().all(|sid| {
            let Ok(stream) = doc.get_object(sid).and_then(Object::as_stream) else {
                return false;
            };
            stream.decompressed_content().is_ok_and(|data| {
                (stream.content.is_empty() || !data.is_empty())
                    && Content::decode_strict(&data).is_ok()
            })
        });
        broken += usize::from(!readable);
        images += usize::from(doc.get_page_images(id).is_ok_and(|v| !v.is_empty()));
    }
    let n = pages.len();
    if broken > 0 {
        refuse(format!(
            "the PDF is malformed: the content of {broken} of its {n} page(s) cannot be read (damaged or truncated?)"
        ))
    } else if images > 0 {
        refuse(format!(
            "the PDF has no text layer ({n} page(s) of images only: a scanned document?); \
             run text recognition (OCR) on it first, or import a transcript of it"
        ))
    } else {
        refuse(format!(
            "the PDF's {n} page(s) draw neither text nor images: there is nothing to import"
        ))
    }
}

/// True when a page's chain of `Parent`s comes back to a node it passed: pdf-extract follows
/// that chain for inherited attributes and would never stop (found by fuzzing import_pdf).
fn page_tree_loops(doc: &Document) -> bool {
    for page in doc.get_pages().into_values() {
        let mut seen = std::collections::HashSet::new();
        let mut node = Some(page);
        while let Some(id) = node {
            if !seen.insert(id) {
                return true;
            }
            node = doc
                .get_object(id)
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"Parent"))
                .and_then(Object::as_reference)
                .ok();
        }
    }
    false
}

/// The paragraphs of a PDF's text layer.
pub fn pdf_paragraphs(bytes: &[u8], path: &Path) -> Result<Vec<String>, ImportError> {
    let refuse = |message: String| ImportError::Unsupported {
        path: path.to_path_buf(),
        message,
    };
    let mut doc = Document::load_mem(bytes).map_err(|e| {
        refuse(format!(
            "the PDF is malformed or truncated and cannot be read ({e})"
        ))
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(refuse(
            "the PDF is protected by a password; save an unprotected copy and import that".into(),
        ));
    }
    if page_tree_loops(&doc) {
        return Err(refuse(
            "the PDF is malformed: its page tree refers back to itself (a page is its own ancestor)"
                .into(),
        ));
    }
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed content streams; a panic is a refusal here.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut collector)
    }));
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(refuse(format!(
                "the PDF is malformed: its text cannot be read ({e:?})"
            )));
        }
        Err(_) => {
            return Err(refuse(
                "the PDF's content is malformed; its text cannot be read".into(),
            ));
        }
    }
    let mut out = Vec::new();
    for (mid, glyphs) in collector.pages {
        page_paragraphs(mid, glyphs, &mut out);
    }
    if out.is_empty() {
        return Err(no_text(&doc, path));
    }
    Ok(out)
}
