//! Word (`.docx`) and `OpenDocument` (`.odt`) text documents: the paragraphs of the body, in order,
//! headings, list items and table cells as paragraphs of their own. Deleted tracked changes,
//! comments, footnotes, field codes and the fallback copies of text boxes are left out.

use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;

use super::error::ImportError;
use super::zipsafe::{SafeZip, ZipLimits};

const W_MAIN: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const ODF_TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const ODF_OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The 1-based line of byte `pos` in `xml`.
pub(super) fn line_of(xml: &str, pos: u64) -> usize {
    let pos = (pos as usize).min(xml.len());
    xml.as_bytes()[..pos].split(|&b| b == b'\n').count()
}

fn xml_error(
    path: &Path,
    part: &str,
    xml: &str,
    pos: u64,
    e: &dyn std::fmt::Display,
) -> ImportError {
    ImportError::MalformedPart {
        path: path.to_path_buf(),
        part: part.to_owned(),
        line: line_of(xml, pos),
        message: format!("malformed XML ({e})"),
    }
}

/// The text of an entity or character reference (`&amp;`, `&#x4E2D;`).
fn resolve_ref(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_xml_entity(r).map(str::to_owned)
}

/// A reference that names no character and none of XML's five entities: the part is not
/// well-formed (Word and ODF declare no others), and the text it stands for is unknown.
fn unknown_ref(path: &Path, part: &str, xml: &str, pos: u64, r: &BytesRef<'_>) -> ImportError {
    let what: &str = r;
    xml_error(
        path,
        part,
        xml,
        pos,
        &format!("the reference &{what}; names no character and no entity XML defines"),
    )
}

fn is_ns(resolved: &ResolveResult<'_>, ns: &str) -> bool {
    matches!(resolved, ResolveResult::Bound(Namespace(n)) if *n == ns)
}

/// The main document part of a docx, from its package relationships.
fn docx_main_part(zip: &mut SafeZip<'_>) -> Result<String, ImportError> {
    const FALLBACK: &str = "word/document.xml";
    if !zip.contains("_rels/.rels") {
        return Ok(FALLBACK.into());
    }
    let rels = zip.read_text("_rels/.rels")?;
    let mut reader = NsReader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| {
                            a.normalized_value(XmlVersion::Implicit1_0)
                                .ok()
                                .map(std::borrow::Cow::into_owned)
                        })
                };
                if attr("Type").is_some_and(|t| t.ends_with("/officeDocument"))
                    && let Some(target) = attr("Target")
                {
                    return Ok(target.trim_start_matches('/').to_owned());
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(FALLBACK.into()),
            Ok(_) => {}
        }
    }
}

/// The paragraphs of a Word document.
#[allow(clippy::too_many_lines)] // one event loop, clearer whole
pub fn docx_paragraphs(bytes: &[u8], path: &Path) -> Result<Vec<String>, ImportError> {
    let mut zip = SafeZip::open(bytes, path, ZipLimits::default())?;
    let part = docx_main_part(&mut zip)?;
    if !zip.contains(&part) {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            message: format!("this is a zip archive but not a Word document (it has no {part})"),
        });
    }
    let xml = zip.read_text(&part)?;
    let mut reader = NsReader::from_str(&xml);
    let mut done: Vec<String> = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut in_text = 0usize;
    let mut in_run = 0usize;
    let mut skip = 0usize;
    loop {
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(e) => {
                let e = e.to_string();
                return Err(xml_error(path, &part, &xml, reader.error_position(), &e));
            }
        };
        match event {
            (ns, Event::Start(e)) => {
                let local = e.local_name();
                let name = local.as_ref();
                if skip > 0 || (is_ns(&ns, MC) && name == "Fallback") {
                    skip += 1;
                    continue;
                }
                if !(is_ns(&ns, W_MAIN) || is_ns(&ns, W_STRICT)) {
                    continue;
                }
                match name {
                    "p" => open.push(String::new()),
                    "r" => in_run += 1,
                    "t" => in_text += 1,
                    _ => {}
                }
            }
            (ns, Event::Empty(e)) => {
                if skip > 0 || in_run == 0 || !(is_ns(&ns, W_MAIN) || is_ns(&ns, W_STRICT)) {
                    continue;
                }
                let add = match e.local_name().as_ref() {
                    "tab" => "\t",
                    "br" | "cr" => "\n",
                    "noBreakHyphen" => "-",
                    _ => continue,
                };
                if let Some(p) = open.last_mut() {
                    p.push_str(add);
                }
            }
            (ns, Event::End(e)) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if !(is_ns(&ns, W_MAIN) || is_ns(&ns, W_STRICT)) {
                    continue;
                }
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(p) = open.pop() {
                            done.push(p);
                        }
                    }
                    "r" => in_run = in_run.saturating_sub(1),
                    "t" => in_text = in_text.saturating_sub(1),
                    _ => {}
                }
            }
            (_, Event::Text(t)) if in_text > 0 && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            (_, Event::CData(t)) if in_text > 0 && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            (_, Event::GeneralRef(r)) => {
                let s = resolve_ref(&r)
                    .ok_or_else(|| unknown_ref(path, &part, &xml, reader.buffer_position(), &r))?;
                if in_text > 0
                    && skip == 0
                    && let Some(p) = open.last_mut()
                {
                    p.push_str(&s);
                }
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    Ok(done)
}

/// A paragraph being read from ODF or HTML, with its whitespace state: both collapse runs of white
/// space in text to one space, while `text:s`, `text:tab`, `text:line-break` and `<br>` are kept.
#[derive(Default)]
pub(super) struct CollapsingPara {
    text: String,
    /// The last character was collapsible white space (or the paragraph is empty).
    collapsing: bool,
    started: bool,
}

impl CollapsingPara {
    pub(super) fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if self.started && !self.collapsing {
                    self.text.push(' ');
                    self.collapsing = true;
                }
            } else {
                self.text.push(c);
                self.collapsing = false;
                self.started = true;
            }
        }
    }

    pub(super) fn push_literal(&mut self, s: &str) {
        self.text.push_str(s);
        self.collapsing = false;
        self.started = true;
    }

    /// True when nothing but collapsible white space was added.
    pub(super) fn is_empty(&self) -> bool {
        !self.started
    }

    pub(super) fn finish(mut self) -> String {
        if self.collapsing && self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text
    }
}

/// The paragraphs of an `OpenDocument` text.
#[allow(clippy::too_many_lines)] // one event loop, clearer whole
pub fn odt_paragraphs(bytes: &[u8], path: &Path) -> Result<Vec<String>, ImportError> {
    const PART: &str = "content.xml";
    let mut zip = SafeZip::open(bytes, path, ZipLimits::default())?;
    if !zip.contains(PART) {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            message: "this is a zip archive but not an OpenDocument text (it has no content.xml)"
                .into(),
        });
    }
    if zip.contains("mimetype") {
        let mime = zip.read_text("mimetype")?;
        if mime.trim() != "application/vnd.oasis.opendocument.text" {
            return Err(ImportError::Unsupported {
                path: path.to_path_buf(),
                message: format!(
                    "this OpenDocument file is {:?}, not a text document",
                    mime.trim()
                ),
            });
        }
    }
    let xml = zip.read_text(PART)?;
    let mut reader = NsReader::from_str(&xml);
    let mut done: Vec<String> = Vec::new();
    let mut open: Vec<CollapsingPara> = Vec::new();
    let mut skip = 0usize;
    loop {
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(e) => {
                let e = e.to_string();
                return Err(xml_error(path, PART, &xml, reader.error_position(), &e));
            }
        };
        match event {
            (ns, Event::Start(e)) => {
                let local = e.local_name();
                let name = local.as_ref();
                let skipped = (is_ns(&ns, ODF_TEXT)
                    && matches!(name, "note" | "tracked-changes" | "ruby-text"))
                    || (is_ns(&ns, ODF_OFFICE) && name == "annotation");
                if skip > 0 || skipped {
                    skip += 1;
                    continue;
                }
                if is_ns(&ns, ODF_TEXT) && matches!(name, "p" | "h") {
                    open.push(CollapsingPara::default());
                }
            }
            (ns, Event::Empty(e)) => {
                if skip > 0 || !is_ns(&ns, ODF_TEXT) {
                    continue;
                }
                let Some(p) = open.last_mut() else { continue };
                match e.local_name().as_ref() {
                    "s" => {
                        let n = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "c")
                            .and_then(|a| {
                                a.normalized_value(XmlVersion::Implicit1_0)
                                    .ok()?
                                    .parse::<usize>()
                                    .ok()
                            })
                            .unwrap_or(1)
                            .min(1000);
                        p.push_literal(&" ".repeat(n));
                    }
                    "tab" => p.push_literal("\t"),
                    "line-break" => p.push_literal("\n"),
                    _ => {}
                }
            }
            (ns, Event::End(e)) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if is_ns(&ns, ODF_TEXT)
                    && matches!(e.local_name().as_ref(), "p" | "h")
                    && let Some(p) = open.pop()
                {
                    done.push(p.finish());
                }
            }
            (_, Event::Text(t)) if skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_text(&t.xml10_content());
                }
            }
            (_, Event::CData(t)) if skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_text(&t.xml10_content());
                }
            }
            (_, Event::GeneralRef(r)) => {
                let s = resolve_ref(&r)
                    .ok_or_else(|| unknown_ref(path, PART, &xml, reader.buffer_position(), &r))?;
                if skip == 0
                    && let Some(p) = open.last_mut()
                {
                    p.push_literal(&s);
                }
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    Ok(done)
}
