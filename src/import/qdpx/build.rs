//! From the parsed `project.qde` to a Margin project: users become coders, the code tree codes,
//! variables attributes, cases cases, text sources documents (their text read from the archive
//! or the XML), selections codings (offsets converted per source), notes memos on what
//! referenced them. Everything that does not fit is counted in the report.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use uuid::Uuid;

use super::archive::Archive;
use super::dom::{Element, line_col};
use super::error::QdpxError;
use super::offsets::{self, Convention, Mapper, Selection};
use super::{Limits, QdpxImport, Report};
use crate::export::qdpx::{CATEGORY_PREFIX, CATEGORY_SEPARATOR};
use crate::import::{detect_turns, looks_like_wechat, normalize_newlines, parse_wechat};
use crate::model::{
    Anchor, AttributeDef, AttributeId, AttributeKind, Case, CaseId, CharRange, Code, CodeId, Coder,
    CoderId, Coding, CodingId, Color, Document, DocumentId, DocumentKind, Edit, Manifest, Memo,
    MemoId, MemoTarget, Origin, Project, SortKey, Text, Value,
};

/// Parse a REFI-QDA time: RFC 3339, or without a zone (taken as UTC).
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// A guid as written (`{...}`, any case) made canonical.
fn guid_key(s: &str) -> String {
    s.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// Ids for one kind of entity: the file's guid when it is a valid, unused UUID, else a fresh
/// one (reported by the caller).
#[derive(Default)]
struct Ids {
    by_guid: HashMap<String, Uuid>,
    used: HashSet<Uuid>,
}

impl Ids {
    /// The id for a new entity with `guid`; `false` when the guid was missing, invalid or
    /// already used (and a fresh id was made).
    fn assign(&mut self, guid: Option<&str>) -> (Uuid, bool) {
        let key = guid.map(guid_key);
        if let Some(k) = &key
            && let Ok(u) = Uuid::parse_str(k)
            && self.used.insert(u)
        {
            self.by_guid.insert(k.clone(), u);
            return (u, true);
        }
        let mut u = Uuid::new_v4();
        while self.used.contains(&u) {
            u = Uuid::new_v4();
        }
        self.used.insert(u);
        if let Some(k) = key {
            self.by_guid.entry(k).or_insert(u);
        }
        (u, false)
    }

    fn get(&self, guid: &str) -> Option<Uuid> {
        self.by_guid.get(&guid_key(guid)).copied()
    }
}

/// A source's text, decoded: without its byte-order mark, line ends as in the file.
struct Raw {
    text: String,
    bom: bool,
    encoding: &'static str,
}

fn decode_source(bytes: Vec<u8>) -> Result<Raw, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        let text = enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or_else(|| format!("not valid {}", enc.name()))?;
        return Ok(Raw {
            text: text.into_owned(),
            bom: true,
            encoding: enc.name(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Raw {
            text,
            bom: false,
            encoding: "UTF-8",
        }),
        Err(e) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(e.as_bytes())
            .map(|s| Raw {
                text: s.into_owned(),
                bom: false,
                encoding: "GB18030",
            })
            .ok_or_else(|| {
                format!(
                    "neither UTF-8 (bad byte at {}) nor UTF-16 nor GB18030",
                    e.utf8_error().valid_up_to()
                )
            }),
    }
}

/// The conventions known programs use, as the tie-breaker for a source.
fn prior(origin: Option<&str>) -> Convention {
    match origin {
        Some(o) if o.to_ascii_lowercase().contains("nvivo") => Convention::NVIVO,
        _ => Convention::STANDARD,
    }
}

/// Counts of what was left out, reported as one line per kind.
#[derive(Default)]
struct Skipped {
    lines: Vec<String>,
    counts: BTreeMap<&'static str, usize>,
}

impl Skipped {
    fn count(&mut self, what: &'static str, n: usize) {
        if n > 0 {
            *self.counts.entry(what).or_default() += n;
        }
    }

    fn line(&mut self, s: String) {
        self.lines.push(s);
    }

    fn finish(mut self) -> Vec<String> {
        for (what, n) in self.counts {
            self.lines.push(format!("{n} {what}"));
        }
        self.lines
    }
}

/// A coding waiting for its document's offsets to be converted.
struct PendingSelection<'a> {
    sel: &'a Element,
    start: i64,
    end: i64,
}

struct Builder<'a, R: Read + Seek> {
    archive: &'a mut Archive<R>,
    limits: &'a Limits,
    qde: &'a str,
    qde_name: &'a str,
    coders: Ids,
    codes: Ids,
    attributes: Ids,
    cases: Ids,
    documents: Ids,
    codings: Ids,
    memos: Ids,
    coder_list: Vec<Coder>,
    code_list: Vec<Code>,
    attribute_list: Vec<(AttributeDef, String)>,
    case_list: Vec<Case>,
    document_list: Vec<Document>,
    coding_list: Vec<Coding>,
    /// Notes by guid key, with the targets that referenced them, in order.
    note_targets: HashMap<String, Vec<MemoTarget>>,
    fallback_coder: Option<CoderId>,
    project_user: Option<String>,
    skipped: Skipped,
    adjusted: Vec<String>,
    conventions: Vec<(String, Convention)>,
    origin: Option<String>,
}

impl<R: Read + Seek> Builder<'_, R> {
    fn invalid(&self, el: &Element, message: String) -> QdpxError {
        QdpxError::Invalid {
            path: self.archive.path().to_path_buf(),
            entry: self.qde_name.to_owned(),
            line: line_col(self.qde, el.pos).0,
            message,
        }
    }

    fn line(&self, el: &Element) -> usize {
        line_col(self.qde, el.pos).0
    }

    fn refer_note(&mut self, el: &Element, target: MemoTarget) {
        for r in el.children_named("NoteRef") {
            if let Some(g) = r.attr("targetGUID") {
                self.note_targets
                    .entry(guid_key(g))
                    .or_default()
                    .push(target);
            }
        }
    }

    fn users(&mut self, root: &Element) {
        for (i, u) in root
            .children_named("Users")
            .flat_map(|us| us.children_named("User"))
            .enumerate()
        {
            let (id, ok) = self.coders.assign(u.attr("guid"));
            if !ok {
                self.adjusted.push(format!(
                    "user {:?} (line {}) has a missing or repeated guid; it got a new id",
                    u.attr("name").unwrap_or(""),
                    self.line(u)
                ));
            }
            let name = u
                .attr("name")
                .filter(|n| !n.trim().is_empty())
                .map_or_else(|| format!("User {}", i + 1), |n| n.trim().to_owned());
            self.coder_list.push(Coder {
                id: CoderId(id),
                name,
                color: Color::palette(i),
            });
        }
    }

    /// The coder for `guid`: a known user, else a coder made for the unknown guid.
    fn coder_for(&mut self, guid: Option<&str>) -> CoderId {
        let guid = guid.or(self.project_user.as_deref()).map(str::to_owned);
        if let Some(g) = guid {
            if let Some(id) = self.coders.get(&g) {
                return CoderId(id);
            }
            let (id, _) = self.coders.assign(Some(&g));
            let short: String = guid_key(&g).chars().take(8).collect();
            self.coder_list.push(Coder {
                id: CoderId(id),
                name: format!("User {short}"),
                color: Color::palette(self.coder_list.len()),
            });
            self.adjusted.push(format!(
                "codings by user {g}, who is not among the file's users, were given to a new coder \"User {short}\""
            ));
            return CoderId(id);
        }
        if let Some(c) = self.fallback_coder {
            return c;
        }
        let name = self
            .origin
            .as_deref()
            .map_or_else(|| "Imported".to_owned(), |o| format!("Imported from {o}"));
        let coder = Coder::new(name.clone(), Color::palette(self.coder_list.len()));
        let id = coder.id;
        self.coder_list.push(coder);
        self.fallback_coder = Some(id);
        self.adjusted.push(format!(
            "codings without a user were given to a new coder {name:?}"
        ));
        id
    }

    fn codes(&mut self, root: &Element) {
        fn walk<R: Read + Seek>(
            b: &mut Builder<'_, R>,
            parent: Option<CodeId>,
            el: &Element,
            next_color: &mut usize,
        ) {
            let mut last: Option<SortKey> = None;
            for c in el.children_named("Code") {
                let (id, ok) = b.codes.assign(c.attr("guid"));
                let name = c.attr("name").unwrap_or("").trim().to_owned();
                if !ok {
                    b.adjusted.push(format!(
                        "code {name:?} (line {}) has a missing or repeated guid; it got a new id",
                        b.line(c)
                    ));
                }
                let color = c.attr("color").and_then(parse_color).unwrap_or_else(|| {
                    *next_color += 1;
                    Color::palette(*next_color - 1)
                });
                let key = SortKey::after(last.as_ref());
                last = Some(key.clone());
                let code = Code {
                    id: CodeId(id),
                    name: if name.is_empty() {
                        "(unnamed code)".into()
                    } else {
                        name
                    },
                    parent,
                    color,
                    description: c.child_text("Description").unwrap_or("").trim().to_owned(),
                    sort_key: key,
                    in_vivo: false,
                    shortcut: None,
                };
                b.code_list.push(code);
                b.refer_note(c, MemoTarget::Code(CodeId(id)));
                walk(b, Some(CodeId(id)), c, next_color);
            }
        }
        let mut next_color = 0;
        for codes in root
            .children_named("CodeBook")
            .flat_map(|cb| cb.children_named("Codes"))
        {
            walk(self, None, codes, &mut next_color);
        }
    }

    fn variables(&mut self, root: &Element) {
        let mut previous_key: Option<SortKey> = None;
        for v in root
            .children_named("Variables")
            .flat_map(|vs| vs.children_named("Variable"))
        {
            let (id, _) = self.attributes.assign(v.attr("guid"));
            let name = v.attr("name").unwrap_or("").trim().to_owned();
            let typ = v.attr("typeOfVariable").unwrap_or("Text").to_owned();
            let description = v.child_text("Description").unwrap_or("").trim();
            let kind = match typ.as_str() {
                "Integer" | "Float" => AttributeKind::Number,
                "Date" => AttributeKind::Date,
                "Boolean" => AttributeKind::Category(vec!["true".into(), "false".into()]),
                "DateTime" => {
                    self.adjusted.push(format!(
                        "variable {name:?} holds date-times; imported as text"
                    ));
                    AttributeKind::Text
                }
                _ => match description.strip_prefix(CATEGORY_PREFIX) {
                    Some(list) => AttributeKind::Category(
                        list.split(CATEGORY_SEPARATOR).map(str::to_owned).collect(),
                    ),
                    None => AttributeKind::Text,
                },
            };
            let key = SortKey::after(previous_key.as_ref());
            previous_key = Some(key.clone());
            self.attribute_list.push((
                AttributeDef {
                    id: AttributeId(id),
                    name: if name.is_empty() {
                        format!("variable {}", self.attribute_list.len() + 1)
                    } else {
                        name
                    },
                    kind,
                    sort_key: key,
                },
                typ,
            ));
        }
    }

    /// A `VariableValue`'s attribute and value, converted to the attribute's kind.
    fn value(&mut self, vv: &Element) -> Option<(AttributeId, Value)> {
        let target = vv.child("VariableRef")?.attr("targetGUID")?;
        let id = AttributeId(self.attributes.get(target)?);
        let (def, _) = self.attribute_list.iter().find(|(d, _)| d.id == id)?;
        let el = vv.children.iter().find(|c| c.name != "VariableRef")?;
        let raw = el.text.trim();
        let value = match &def.kind {
            AttributeKind::Number => raw.parse::<f64>().ok().map(Value::Number),
            AttributeKind::Date => {
                NaiveDate::parse_from_str(raw.get(..10).unwrap_or(raw), "%Y-%m-%d")
                    .ok()
                    .map(Value::Date)
            }
            AttributeKind::Category(values) if el.name == "BooleanValue" => {
                let b = matches!(raw, "true" | "1");
                Some(Value::Category(values[usize::from(!b)].clone()))
            }
            AttributeKind::Category(_) => Some(Value::Category(raw.to_owned())),
            AttributeKind::Text => Some(Value::Text(raw.to_owned())),
        };
        if value.is_none() {
            let name = def.name.clone();
            self.skipped.line(format!(
                "the value {raw:?} of variable {name:?} (line {}), which is not of its type",
                self.line(el)
            ));
        }
        value.map(|v| (id, v))
    }

    fn cases(&mut self, root: &Element) -> HashMap<DocumentId, CaseId> {
        let mut of_source: HashMap<String, CaseId> = HashMap::new();
        for (i, c) in root
            .children_named("Cases")
            .flat_map(|cs| cs.children_named("Case"))
            .enumerate()
        {
            let (id, _) = self.cases.assign(c.attr("guid"));
            let id = CaseId(id);
            let mut case = Case {
                id,
                name: c
                    .attr("name")
                    .filter(|n| !n.trim().is_empty())
                    .map_or_else(|| format!("Case {}", i + 1), |n| n.trim().to_owned()),
                description: c.child_text("Description").unwrap_or("").trim().to_owned(),
                values: BTreeMap::new(),
            };
            for vv in c.children_named("VariableValue") {
                if let Some((a, v)) = self.value(vv) {
                    case.values.insert(a, v);
                }
            }
            for s in c.children_named("SourceRef") {
                if let Some(g) = s.attr("targetGUID") {
                    let key = guid_key(g);
                    if let std::collections::hash_map::Entry::Vacant(e) = of_source.entry(key) {
                        e.insert(id);
                    } else {
                        self.skipped.count(
                            "links of a source to a second case (a Margin document belongs to one case)",
                            1,
                        );
                    }
                }
            }
            self.skipped.count(
                "codes or selections linked to cases (Margin links cases to documents)",
                c.children_named("CodeRef").count() + c.children_named("SelectionRef").count(),
            );
            self.case_list.push(case);
        }
        // Categories whose values do not all fit their list become text.
        for (def, _) in &mut self.attribute_list {
            let AttributeKind::Category(list) = &def.kind else {
                continue;
            };
            let fits = self.case_list.iter().all(|c| match c.values.get(&def.id) {
                Some(Value::Category(v)) => list.contains(v),
                _ => true,
            });
            if !fits {
                def.kind = AttributeKind::Text;
                for c in &mut self.case_list {
                    if let Some(Value::Category(v)) = c.values.get(&def.id).cloned() {
                        c.values.insert(def.id, Value::Text(v));
                    }
                }
            }
        }
        of_source
            .into_iter()
            .filter_map(|(k, case)| self.documents.get(&k).map(|d| (DocumentId(d), case)))
            .collect()
    }

    /// The text of a source or note: inline content, else the file it names.
    fn source_text(&mut self, el: &Element, what: &str) -> Result<Option<Raw>, QdpxError> {
        if let Some(content) = el.child("PlainTextContent") {
            return Ok(Some(Raw {
                text: content.text.clone(),
                bom: false,
                encoding: "UTF-8",
            }));
        }
        let Some(path) = el.attr("plainTextPath") else {
            self.skipped.line(format!(
                "{what} (line {}): it has no plain text",
                self.line(el)
            ));
            return Ok(None);
        };
        let inner = if let Some(p) = path.strip_prefix("internal://") {
            p
        } else if path.starts_with("relative://")
            || path.starts_with("absolute://")
            || path.starts_with("file://")
        {
            self.skipped
                .line(format!("{what}: its text is outside the archive ({path})"));
            return Ok(None);
        } else {
            path
        };
        let inner = inner.trim_start_matches('/');
        let index = self
            .archive
            .find(&format!("sources/{inner}"))
            .or_else(|| self.archive.find(inner));
        let Some(index) = index else {
            self.skipped.line(format!(
                "{what}: its text {path:?} is missing from the archive"
            ));
            return Ok(None);
        };
        let bytes = self.archive.read(index, self.limits.max_source_bytes)?;
        match decode_source(bytes) {
            Ok(raw) => Ok(Some(raw)),
            Err(e) => {
                self.skipped
                    .line(format!("{what}: its text {path:?} is {e}"));
                Ok(None)
            }
        }
    }

    /// Pre-assign document ids so cases can refer to them.
    fn text_sources(root: &Element) -> Vec<(&Element, Option<&Element>)> {
        let mut out = Vec::new();
        for s in root.children_named("Sources") {
            for src in &s.children {
                match src.name.as_str() {
                    "TextSource" => out.push((src, None)),
                    "PDFSource" => {
                        if let Some(rep) = src.child("Representation") {
                            out.push((rep, Some(src)));
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn count_other_sources(&mut self, root: &Element) {
        fn codings(el: &Element) -> usize {
            el.children
                .iter()
                .map(|c| usize::from(c.name == "Coding") + codings(c))
                .sum()
        }
        for s in root.children_named("Sources") {
            for src in &s.children {
                let kind = match src.name.as_str() {
                    "PictureSource" => "picture",
                    "AudioSource" => "audio",
                    "VideoSource" => "video",
                    "PDFSource" => {
                        let n: usize = src.children_named("PDFSelection").map(codings).sum();
                        self.skipped
                            .count("codings of PDF page areas (the PDF's text is imported)", n);
                        if src.child("Representation").is_none() {
                            self.skipped
                                .count("PDF sources without a text representation", 1);
                        }
                        continue;
                    }
                    _ => continue,
                };
                self.skipped.line(format!(
                    "{kind} source {:?} with {} coding(s) (Margin codes text)",
                    src.attr("name").unwrap_or(""),
                    codings(src)
                ));
            }
        }
    }

    fn document(
        &mut self,
        el: &Element,
        pdf: Option<&Element>,
        id: DocumentId,
        archive_name: &str,
    ) -> Result<(), QdpxError> {
        let name = pdf
            .and_then(|p| p.attr("name"))
            .or_else(|| el.attr("name"))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .or_else(|| {
                let path = el.attr("plainTextPath")?;
                let file = path.rsplit(['/', '\\']).next()?;
                let stem = Path::new(file).file_stem()?.to_string_lossy().into_owned();
                (!stem.is_empty()).then_some(stem)
            })
            .unwrap_or_else(|| format!("Source {}", self.document_list.len() + 1));
        let what = format!("source {name:?}");
        let Some(raw) = self.source_text(el, &what)? else {
            let n = el
                .children_named("PlainTextSelection")
                .map(|s| s.children_named("Coding").count())
                .sum::<usize>();
            self.skipped
                .count("codings on sources whose text is missing", n);
            return Ok(());
        };
        let mapper = Mapper::new(&raw.text, raw.bom);
        let text = if raw.text.contains('\r') {
            Text::new(normalize_newlines(&raw.text))
        } else {
            Text::new(raw.text)
        };

        let mut pending = Vec::new();
        for sel in el.children_named("PlainTextSelection") {
            let pos = |a: &str| sel.attr(a).and_then(|v| v.trim().parse::<i64>().ok());
            match (pos("startPosition"), pos("endPosition")) {
                (Some(start), Some(end)) => pending.push(PendingSelection { sel, start, end }),
                _ => self.skipped.line(format!(
                    "selection on line {} of {}: it has no valid start and end",
                    self.line(sel),
                    self.qde_name
                )),
            }
        }
        let selections: Vec<Selection<'_>> = pending
            .iter()
            .map(|p| Selection {
                start: p.start,
                end: p.end,
                name: p.sel.attr("name"),
            })
            .collect();
        let convention =
            offsets::choose(&mapper, &text, &selections, prior(self.origin.as_deref()));
        if convention != Convention::STANDARD {
            self.conventions.push((name.clone(), convention));
        }

        let created = el.attr("creationDateTime").and_then(parse_time);
        let (kind, segments) = detect_kind(&text, &name);
        let mut doc = Document::new(name.clone(), kind, text.clone());
        doc.id = id;
        doc.segments = segments;
        doc.origin = Some(Origin {
            file: archive_name.to_owned(),
            format: "qdpx".into(),
            encoding: raw.encoding.into(),
            imported: created.unwrap_or_else(Utc::now),
        });
        self.refer_note(el, MemoTarget::Document(id));

        let source_user = el.attr("creatingUser");
        self.selections(&pending, &mapper, convention, &doc, source_user, &what);
        // Codings of the whole source.
        let whole = CharRange::new(0, text.char_len());
        for c in el.children_named("Coding") {
            if whole.is_empty() {
                break;
            }
            self.coding(c, &doc, whole, None, source_user, created);
        }
        self.skipped.count(
            "values of variables on sources (Margin keeps them on cases)",
            el.children_named("VariableValue").count(),
        );
        self.document_list.push(doc);
        Ok(())
    }

    /// The codings of a source's selections, their offsets read in `convention`.
    fn selections(
        &mut self,
        pending: &[PendingSelection<'_>],
        mapper: &Mapper,
        convention: Convention,
        doc: &Document,
        source_user: Option<&str>,
        what: &str,
    ) {
        let text = &doc.text;
        for p in pending {
            let codings: Vec<&Element> = p.sel.children_named("Coding").collect();
            let Some(range) = mapper.map(convention, p.start, p.end) else {
                self.skipped.line(format!(
                    "selection {}–{} on line {} ({} coding(s)) in {what}: it does not fall on the text ({} characters) when counted in {convention}",
                    p.start,
                    p.end,
                    self.line(p.sel),
                    codings.len(),
                    text.char_len()
                ));
                continue;
            };
            let memo = p
                .sel
                .child_text("Description")
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned);
            let sel_user = p.sel.attr("creatingUser").or(source_user);
            let sel_time = p.sel.attr("creationDateTime").and_then(parse_time);
            let mut first = None;
            for c in &codings {
                if let Some(id) = self.coding(c, doc, range, memo.clone(), sel_user, sel_time) {
                    first.get_or_insert(id);
                }
            }
            let notes = p.sel.children_named("NoteRef").count();
            match first {
                Some(id) => self.refer_note(p.sel, MemoTarget::Coding(id)),
                None if codings.is_empty() => {
                    self.skipped.count(
                        "selections with no code (Margin keeps codings, not bare selections)",
                        1,
                    );
                    if notes > 0 || memo.is_some() {
                        self.skipped.count(
                            "comments or notes on selections with no code (attached to the project instead)",
                            1,
                        );
                        self.refer_note(p.sel, MemoTarget::Project);
                    }
                }
                None => {}
            }
        }
    }

    fn coding(
        &mut self,
        c: &Element,
        doc: &Document,
        range: CharRange,
        memo: Option<String>,
        user: Option<&str>,
        time: Option<DateTime<Utc>>,
    ) -> Option<CodingId> {
        let Some(code) = c
            .child("CodeRef")
            .and_then(|r| r.attr("targetGUID"))
            .and_then(|g| self.codes.get(g))
        else {
            self.skipped.line(format!(
                "coding on line {}: its code is not in the codebook",
                self.line(c)
            ));
            return None;
        };
        let coder = self.coder_for(c.attr("creatingUser").or(user));
        let (id, ok) = self.codings.assign(c.attr("guid"));
        if !ok && c.attr("guid").is_some() {
            self.adjusted.push(format!(
                "coding on line {} repeats a guid; it got a new id",
                self.line(c)
            ));
        }
        // Built directly: `Coding::new` would draw a random id only to have it replaced.
        let coding = Coding {
            id: CodingId(id),
            document: doc.id,
            range,
            code: CodeId(code),
            coder,
            created: c
                .attr("creationDateTime")
                .and_then(parse_time)
                .or(time)
                .unwrap_or_else(Utc::now),
            memo,
            anchor: Anchor::capture(&doc.text, range),
            exemplar: false,
            translation: None,
        };
        self.refer_note(c, MemoTarget::Coding(CodingId(id)));
        self.coding_list.push(coding);
        Some(CodingId(id))
    }

    /// The summary grid's cell `G8 × Identity / Role disorder` names, if its case and code
    /// were imported.
    fn summary_cell(&self, cell: &str) -> Option<MemoTarget> {
        let (case, path) = cell.split_once(" × ")?;
        let case = self.case_list.iter().find(|c| c.name == case)?.id;
        let path_of = |code: &Code| {
            let mut parts = vec![code.name.as_str()];
            let mut parent = code.parent;
            while let Some(p) = parent.and_then(|p| self.code_list.iter().find(|c| c.id == p)) {
                parts.push(p.name.as_str());
                parent = p.parent;
                if parts.len() > self.code_list.len() {
                    return None;
                }
            }
            parts.reverse();
            Some(parts.join(" / "))
        };
        let code = self
            .code_list
            .iter()
            .find(|c| path_of(c).as_deref() == Some(path))?
            .id;
        Some(MemoTarget::Summary { case, code })
    }

    fn notes(&mut self, root: &Element) -> Result<Vec<Memo>, QdpxError> {
        let mut memos = Vec::new();
        let existing_codings: HashSet<CodingId> = self.coding_list.iter().map(|c| c.id).collect();
        let existing_docs: HashSet<DocumentId> = self.document_list.iter().map(|d| d.id).collect();
        for n in root
            .children_named("Notes")
            .flat_map(|ns| ns.children_named("Note"))
        {
            let key = n.attr("guid").map(guid_key).unwrap_or_default();
            let title = n.attr("name").unwrap_or("").trim().to_owned();
            let what = format!("note {title:?}");
            let Some(raw) = self.source_text(n, &what)? else {
                continue;
            };
            let targets = self.note_targets.get(&key).cloned().unwrap_or_default();
            let valid = |t: &MemoTarget| match t {
                MemoTarget::Coding(c) => existing_codings.contains(c),
                MemoTarget::Document(d) => existing_docs.contains(d),
                MemoTarget::Code(_) | MemoTarget::Project | MemoTarget::Summary { .. } => true,
            };
            let mut target = targets
                .iter()
                .copied()
                .find(valid)
                .unwrap_or(MemoTarget::Project);
            let mut title = title;
            // Margin's summaries of the summary grid's cells, named after their cell.
            if target == MemoTarget::Project
                && let Some(cell) = title.strip_prefix(crate::export::qdpx::SUMMARY_NOTE)
                && let Some(summary) = self.summary_cell(cell)
            {
                target = summary;
                title = String::new();
            }
            if targets.iter().filter(|t| valid(t)).count() > 1 {
                self.adjusted.push(format!(
                    "{what} is referenced from several places; Margin keeps it on the first"
                ));
            }
            if !targets.is_empty() && !targets.iter().any(valid) {
                self.adjusted.push(format!(
                    "{what} was about something not imported; it is kept on the project"
                ));
            }
            // Margin's own notes on a coding: its translation and its exemplar mark.
            if let Some(MemoTarget::Coding(c)) = targets.iter().copied().find(valid)
                && let Some(coding) = self.coding_list.iter_mut().find(|x| x.id == c)
            {
                if title == crate::export::qdpx::EXEMPLAR_NOTE {
                    coding.exemplar = true;
                    continue;
                }
                if let Some(rest) = title.strip_prefix(crate::export::qdpx::TRANSLATION_NOTE) {
                    coding.translation = Some(crate::model::Translation {
                        text: normalize_newlines(&raw.text),
                        note: rest.trim_start_matches(':').trim().to_owned(),
                    });
                    continue;
                }
            }
            let (id, _) = self.memos.assign(n.attr("guid"));
            let created = n
                .attr("creationDateTime")
                .and_then(parse_time)
                .unwrap_or_else(Utc::now);
            let author = n
                .attr("creatingUser")
                .and_then(|g| self.coders.get(g))
                .map(CoderId);
            memos.push(Memo {
                id: MemoId(id),
                target,
                title,
                text: normalize_newlines(&raw.text),
                author,
                created,
                modified: n
                    .attr("modifiedDateTime")
                    .and_then(parse_time)
                    .unwrap_or(created),
            });
        }
        Ok(memos)
    }
}

/// A document's kind and segments, found in its text as `margin import` finds them.
fn detect_kind(text: &Text, name: &str) -> (DocumentKind, Vec<crate::model::Segment>) {
    if looks_like_wechat(text.as_str()) {
        if let Ok(s) = parse_wechat(text.as_str(), Path::new(name)) {
            return (DocumentKind::Chat, s);
        }
        return (DocumentKind::Notes, Vec::new());
    }
    let turns = detect_turns(text.as_str());
    if turns.len() >= 2 {
        (DocumentKind::Interview, turns)
    } else {
        (DocumentKind::Notes, Vec::new())
    }
}

pub(super) fn parse_color(s: &str) -> Option<Color> {
    let h = s.trim().trim_start_matches('#');
    if h.len() == 3 {
        let mut six = String::with_capacity(6);
        for c in h.chars() {
            six.push(c);
            six.push(c);
        }
        return Color::from_hex(&six);
    }
    Color::from_hex(h)
}

/// Build the project from the parsed `project.qde`.
pub(super) fn build<R: Read + Seek>(
    root: &Element,
    qde: &str,
    qde_name: &str,
    archive: &mut Archive<R>,
    limits: &Limits,
) -> Result<QdpxImport, QdpxError> {
    let archive_name = archive
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let default_name = archive.path().file_stem().map_or_else(
        || "Imported project".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut b = Builder {
        archive,
        limits,
        qde,
        qde_name,
        coders: Ids::default(),
        codes: Ids::default(),
        attributes: Ids::default(),
        cases: Ids::default(),
        documents: Ids::default(),
        codings: Ids::default(),
        memos: Ids::default(),
        coder_list: Vec::new(),
        code_list: Vec::new(),
        attribute_list: Vec::new(),
        case_list: Vec::new(),
        document_list: Vec::new(),
        coding_list: Vec::new(),
        note_targets: HashMap::new(),
        fallback_coder: None,
        project_user: root.attr("creatingUserGUID").map(str::to_owned),
        skipped: Skipped::default(),
        adjusted: Vec::new(),
        conventions: Vec::new(),
        origin: root.attr("origin").map(str::to_owned),
    };
    if root.name != "Project" {
        return Err(b.invalid(
            root,
            format!(
                "the root element is <{}>, not <Project>; this is not a REFI-QDA project",
                root.name
            ),
        ));
    }
    b.users(root);
    b.codes(root);
    b.variables(root);
    let sources = Builder::<R>::text_sources(root);
    let doc_ids: Vec<DocumentId> = sources
        .iter()
        .map(|(el, pdf)| {
            let guid = pdf.and_then(|p| p.attr("guid")).or_else(|| el.attr("guid"));
            DocumentId(b.documents.assign(guid).0)
        })
        .collect();
    let case_of = b.cases(root);
    for ((el, pdf), id) in sources.iter().zip(doc_ids) {
        b.document(el, *pdf, id, &archive_name)?;
    }
    b.count_other_sources(root);
    for d in &mut b.document_list {
        d.case = case_of.get(&d.id).copied();
    }
    b.refer_note(root, MemoTarget::Project);
    let memos = b.notes(root)?;
    for (name, kind) in [("Sets", "sets"), ("Links", "links"), ("Graphs", "graphs")] {
        let n: usize = root.children_named(name).map(|e| e.children.len()).sum();
        b.skipped.count(kind, n);
    }

    let mut manifest = Manifest::new(
        root.attr("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or(default_name, str::to_owned),
    );
    if let Some(t) = root.attr("creationDateTime").and_then(parse_time) {
        manifest.created = t;
    }
    root.child_text("Description")
        .unwrap_or("")
        .trim()
        .clone_into(&mut manifest.description);

    finish(b, manifest, memos)
}

/// The report, and the project the builder's entities make.
fn finish<R: Read + Seek>(
    mut b: Builder<'_, R>,
    manifest: Manifest,
    memos: Vec<Memo>,
) -> Result<QdpxImport, QdpxError> {
    let report = Report {
        origin: b.origin.clone(),
        documents: b.document_list.len(),
        codes: b.code_list.len(),
        codings: b.coding_list.len(),
        cases: b.case_list.len(),
        attributes: b.attribute_list.len(),
        coders: b.coder_list.len(),
        memos: memos.len(),
        conventions: std::mem::take(&mut b.conventions),
        adjusted: std::mem::take(&mut b.adjusted),
        skipped: std::mem::take(&mut b.skipped).finish(),
    };
    let mut edits = Vec::new();
    edits.extend(b.coder_list.drain(..).map(Edit::PutCoder));
    edits.extend(b.code_list.drain(..).map(Edit::PutCode));
    edits.extend(
        b.attribute_list
            .drain(..)
            .map(|(a, _)| Edit::PutAttribute(a)),
    );
    edits.extend(b.case_list.drain(..).map(Edit::PutCase));
    edits.extend(
        b.document_list
            .drain(..)
            .map(|d| Edit::PutDocument(Box::new(d))),
    );
    edits.extend(
        b.coding_list
            .drain(..)
            .map(|c| Edit::PutCoding(Box::new(c))),
    );
    edits.extend(memos.into_iter().map(Edit::PutMemo));
    let mut project = Project::new(manifest);
    project
        .apply(Edit::Batch(edits))
        .map_err(|e| QdpxError::Invalid {
            path: b.archive.path().to_path_buf(),
            entry: b.qde_name.to_owned(),
            line: 1,
            message: format!("the project does not hold together: {e}"),
        })?;
    Ok(QdpxImport { project, report })
}
