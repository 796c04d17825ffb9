//! Find and replace in the documents' texts, and "replace a name everywhere" (late
//! anonymisation): each planned as one [`Edit`] made of exact text edits (`model::TextEdit`), so
//! codings, turns and messages follow the text and the whole replacement is one undo step.
//!
//! Matching reuses the search's rules ([`Searcher`]: plain, whole word CJK-aware, regular
//! expression). A hit the text edit rules refuse (it crosses a turn's or message's start or end,
//! or breaks its label) is left as it is and counted as skipped. A name is matched with all its
//! forms at once, longest first; a form that begins or ends with a Latin letter or digit must
//! stand as a word there (`Li` is not replaced inside `Lisa`), a Chinese one matches anywhere.

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::Utc;

use super::error::AnalysisError;
use super::search::{SearchQuery, Searcher, documents_in, stands_alone};
use crate::model::{
    CharRange, Document, DocumentId, Edit, LogOp, MemoTarget, Project, TextChange, TextEdit,
};

/// Where replacements were made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A document's text (and, for a name, its name and speakers).
    Document(DocumentId),
    /// A memo.
    Memo(crate::model::MemoId),
    /// The notes and translations of codings.
    CodingNotes,
    /// A case's name and description.
    Case(crate::model::CaseId),
}

/// A planned replacement: the edit, and what it will change.
#[derive(Debug)]
pub struct ReplacePlan {
    /// The edit (one undo step); an empty batch when nothing matched.
    pub edit: Edit,
    /// Replacements per place, in document order then memos.
    pub places: Vec<(Place, String, usize)>,
    /// Hits left alone because replacing them would break a turn or message.
    pub skipped: usize,
    /// Codings whose whole text the replacement deletes (they are removed).
    pub removed_codings: usize,
}

impl ReplacePlan {
    /// Replacements in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.places.iter().map(|p| p.2).sum()
    }
}

/// Text edits replacing `hits` (in text order) of `doc` by their replacements, last first so
/// that each is in the coordinates the ones after it left untouched; hits the rules refuse are
/// skipped. Returns the edits and how many were skipped.
fn edits_for(
    doc: &Document,
    hits: Vec<(CharRange, String)>,
    who: Option<&str>,
) -> (Vec<TextEdit>, usize) {
    let mut edits = Vec::new();
    let mut skipped = 0;
    let (mut removed, mut inserted) = (0, 0);
    for (range, with) in hits.into_iter().rev() {
        if doc
            .check_text_edit(range, doc.text.slice(range), &with)
            .is_err()
        {
            skipped += 1;
            continue;
        }
        removed += range.len();
        inserted += with.chars().count();
        edits.push(TextEdit::new(doc.id, range, with));
    }
    if let (Some(who), Some(first)) = (who, edits.first_mut()) {
        first.log = LogOp::Push(TextChange {
            who: who.to_owned(),
            at: Utc::now(),
            removed,
            inserted,
        });
    }
    (edits, skipped)
}

/// Replace every hit of `query` (in its documents, all when it names none) by `with` (in which
/// a regular expression's `$1`, `${name}` stand for its groups); `who` is noted in each changed
/// document's history of edits.
pub fn plan_replace(
    project: &Project,
    query: &SearchQuery,
    with: &str,
    who: Option<&str>,
) -> Result<ReplacePlan, AnalysisError> {
    let searcher = Searcher::new(query)?;
    let mut plan = ReplacePlan {
        edit: Edit::Batch(Vec::new()),
        places: Vec::new(),
        skipped: 0,
        removed_codings: 0,
    };
    let mut batch = Vec::new();
    for doc in documents_in(project, &query.documents) {
        let hits = searcher.replacements_in(&doc.text, with);
        if hits.is_empty() {
            continue;
        }
        let (edits, skipped) = edits_for(doc, hits, who);
        plan.skipped += skipped;
        if edits.is_empty() {
            continue;
        }
        plan.places
            .push((Place::Document(doc.id), doc.name.clone(), edits.len()));
        let (edit, removed) = Edit::edit_texts(project, edits);
        plan.removed_codings += removed;
        batch.push(edit);
    }
    plan.edit = Edit::Batch(batch);
    Ok(plan)
}

/// A name with all its forms, matched at once (longest first).
#[derive(Clone, Debug)]
pub struct NameMatcher {
    matcher: AhoCorasick,
}

impl NameMatcher {
    /// A matcher of `forms` (empty forms are dropped).
    pub fn new(forms: &[String]) -> Result<Self, AnalysisError> {
        let forms: Vec<&str> = forms
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .collect();
        if forms.is_empty() {
            return Err(AnalysisError::EmptyPattern);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .map_err(|e| AnalysisError::InvalidRegex {
                pattern: forms.join(", "),
                message: e.to_string(),
            })?;
        Ok(Self { matcher })
    }

    /// The byte ranges of the name's forms in `s`, in order.
    #[must_use]
    pub fn find(&self, s: &str) -> Vec<(usize, usize)> {
        self.matcher
            .find_iter(s)
            .filter(|m| stands_alone(s, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// `s` with every form replaced by `with`, and how many.
    #[must_use]
    pub fn replace(&self, s: &str, with: &str) -> (String, usize) {
        let hits = self.find(s);
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for &(a, b) in &hits {
            out.push_str(&s[last..a]);
            out.push_str(with);
            last = b;
        }
        out.push_str(&s[last..]);
        (out, hits.len())
    }
}

/// Replace a person's name, in all its `forms`, by `with` everywhere: every document's text,
/// name and speakers, every memo, the notes and translations of codings, and the names and
/// descriptions of cases (unless the new name is another case's); one edit.
pub fn plan_replace_name(
    project: &Project,
    forms: &[String],
    with: &str,
    who: Option<&str>,
) -> Result<ReplacePlan, AnalysisError> {
    let names = NameMatcher::new(forms)?;
    let mut plan = ReplacePlan {
        edit: Edit::Batch(Vec::new()),
        places: Vec::new(),
        skipped: 0,
        removed_codings: 0,
    };
    // Names, speakers, notes and memos first; then the texts (which move the codings put here).
    let mut first = Vec::new();
    let mut texts = Vec::new();
    let mut notes = 0;
    for c in project.codings().values() {
        let mut changed = c.clone();
        let mut n = 0;
        if let Some(memo) = &c.memo {
            let (m, k) = names.replace(memo, with);
            changed.memo = Some(m);
            n += k;
        }
        if let Some(t) = &mut changed.translation {
            let (text, k) = names.replace(&t.text, with);
            t.text = text;
            n += k;
        }
        if n > 0 {
            notes += n;
            first.push(Edit::PutCoding(Box::new(changed)));
        }
    }
    for doc in documents_in(project, &[]) {
        let mut n = 0;
        let mut changed = doc.clone();
        let (name, k) = names.replace(&doc.name, with);
        changed.name = name;
        n += k;
        for s in &mut changed.segments {
            if let Some(speaker) = &s.speaker {
                let (sp, k) = names.replace(speaker, with);
                s.speaker = Some(sp);
                n += k;
            }
        }
        if n > 0 {
            first.push(Edit::PutDocument(Box::new(changed)));
        }
        let s = doc.text.as_str();
        let hits: Vec<(CharRange, String)> = names
            .find(s)
            .into_iter()
            .map(|(a, b)| {
                let start = doc.text.char_of(a);
                let range = CharRange::new(start, start + s[a..b].chars().count());
                (range, with.to_owned())
            })
            .collect();
        let (edits, skipped) = edits_for(doc, hits, who);
        plan.skipped += skipped;
        n += edits.len();
        if n > 0 {
            plan.places
                .push((Place::Document(doc.id), doc.name.clone(), n));
        }
        if !edits.is_empty() {
            let (edit, removed) = Edit::edit_texts(project, edits);
            plan.removed_codings += removed;
            texts.push(edit);
        }
    }
    for memo in project.memos().values() {
        let (title, k1) = names.replace(&memo.title, with);
        let (text, k2) = names.replace(&memo.text, with);
        if k1 + k2 > 0 {
            let mut m = memo.clone();
            m.title = title;
            m.text = text;
            m.modified = Utc::now();
            let about = match memo.target {
                MemoTarget::Document(d) => project.document(d).map(|d| d.name.clone()),
                MemoTarget::Code(c) => project.code(c).map(|c| c.name.clone()),
                MemoTarget::Summary { .. } => {
                    crate::export::memos::describe_target(project, memo.target)
                }
                MemoTarget::Project | MemoTarget::Coding(_) => None,
            };
            let label = match (memo.title.is_empty(), about) {
                (false, _) => memo.title.clone(),
                (true, Some(about)) => about,
                (true, None) => String::new(),
            };
            plan.places.push((Place::Memo(memo.id), label, k1 + k2));
            first.push(Edit::PutMemo(m));
        }
    }
    if notes > 0 {
        plan.places.push((Place::CodingNotes, String::new(), notes));
    }
    // Cases named after the person; a new name another case has already is left alone.
    for case in project.cases().values() {
        let (mut name, mut k1) = names.replace(&case.name, with);
        let (description, k2) = names.replace(&case.description, with);
        if k1 > 0
            && project
                .cases()
                .values()
                .any(|other| other.id != case.id && other.name == name)
        {
            plan.skipped += k1;
            (name, k1) = (case.name.clone(), 0);
        }
        if k1 + k2 == 0 {
            continue;
        }
        plan.places
            .push((Place::Case(case.id), case.name.clone(), k1 + k2));
        first.push(Edit::PutCase(crate::model::Case {
            name,
            description,
            ..case.clone()
        }));
    }
    first.extend(texts);
    plan.edit = Edit::Batch(first);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::search::MatchMode;
    use crate::model::{
        Code, Coder, Coding, Color, DocumentKind, Manifest, Memo, Segment, SegmentKind, SortKey,
    };

    fn project() -> (Project, DocumentId, DocumentId) {
        let mut p = Project::new(Manifest::new("t"));
        let coder = Coder::new("lin", Color::palette(0));
        let code = Code::new("c", Color::palette(1), SortKey::after(None));
        let mut a = Document::new(
            "张伟 interview",
            DocumentKind::Interview,
            "张伟: 我叫张伟，Li Lisa 都认识我。\n\n访谈者: 张伟你好。\n",
        );
        a.segments = vec![
            Segment {
                range: CharRange::new(4, 22),
                speaker: Some("张伟".into()),
                kind: SegmentKind::Turn,
                ..Segment::default()
            },
            Segment {
                range: CharRange::new(29, 34),
                speaker: Some("访谈者".into()),
                kind: SegmentKind::Turn,
                ..Segment::default()
            },
        ];
        let b = Document::new("notes", DocumentKind::Notes, "Met 小张 and Li today.");
        let (ida, idb) = (a.id, b.id);
        let coding = Coding::new(ida, &a.text, CharRange::new(4, 9), code.id, coder.id);
        let memo = Memo::new(MemoTarget::Document(idb), "Ask 张伟 again", None);
        p.apply(Edit::Batch(vec![
            Edit::PutCoder(coder),
            Edit::PutCode(code),
            Edit::PutDocument(Box::new(a)),
            Edit::PutDocument(Box::new(b)),
            Edit::PutCoding(Box::new(coding)),
            Edit::PutMemo(memo),
        ]))
        .unwrap();
        (p, ida, idb)
    }

    #[test]
    fn a_name_is_replaced_in_every_form_everywhere_as_one_edit() {
        let (mut p, a, b) = project();
        let before = p.clone();
        let forms = ["张伟".to_owned(), "小张".to_owned(), "Li".to_owned()];
        let plan = plan_replace_name(&p, &forms, "G8", Some("lin")).unwrap();
        // Text: 张伟 ×3 in a (label, turn, second turn), Li ×1 (not in Lisa); name and speaker.
        // Documents in name order.
        assert_eq!(plan.places[0], (Place::Document(b), "notes".into(), 2));
        assert_eq!(
            plan.places[1],
            (Place::Document(a), "张伟 interview".into(), 6)
        );
        assert!(matches!(plan.places[2], (Place::Memo(_), _, 1)));
        assert_eq!(plan.total(), 9);
        let undo = p.apply(plan.edit).unwrap();
        let doc = p.document(a).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "G8: 我叫G8，G8 Lisa 都认识我。\n\n访谈者: G8你好。\n"
        );
        assert_eq!(doc.name, "G8 interview");
        assert_eq!(doc.segments[0].speaker.as_deref(), Some("G8"));
        assert_eq!(
            doc.text.slice(doc.segments[0].range),
            "我叫G8，G8 Lisa 都认识我。"
        );
        assert_eq!(doc.text.slice(doc.segments[1].range), "G8你好。");
        let coding = p.codings_of(a).next().unwrap();
        assert_eq!(doc.text.slice(coding.range), "我叫G8，");
        assert_eq!(doc.edits.len(), 1);
        assert_eq!(p.document(b).unwrap().text.as_str(), "Met G8 and G8 today.");
        assert_eq!(p.memos().values().next().unwrap().text, "Ask G8 again");
        p.apply(undo).unwrap();
        assert_eq!(p.documents(), before.documents());
        assert_eq!(p.codings(), before.codings());
        assert_eq!(p.memos(), before.memos());
    }

    #[test]
    fn a_regex_replacement_puts_back_its_groups_and_plain_text_keeps_its_dollars() {
        let (mut p, a, b) = project();
        let query = SearchQuery {
            pattern: r"(Li) (?<given>Lisa)".into(),
            mode: MatchMode::Regex,
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "${given} $1 ($$)", None).unwrap();
        assert_eq!(plan.total(), 1);
        p.apply(plan.edit).unwrap();
        let text = p.document(a).unwrap().text.as_str().to_owned();
        assert!(text.contains("我叫张伟，Lisa Li ($) 都认识我"), "{text}");
        // In plain text a `$1` is only characters.
        let query = SearchQuery {
            pattern: "Li".into(),
            mode: MatchMode::Word,
            documents: vec![b],
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "$1", None).unwrap();
        p.apply(plan.edit).unwrap();
        assert!(
            p.document(b)
                .unwrap()
                .text
                .as_str()
                .contains("and $1 today")
        );
    }

    #[test]
    fn a_case_named_after_the_person_is_renamed_unless_the_name_is_taken() {
        let (mut p, _, _) = project();
        let mut named = crate::model::Case::new("张伟");
        named.description = "张伟的家人也在群里".into();
        let id = named.id;
        p.apply(Edit::Batch(vec![
            Edit::PutCase(named),
            Edit::PutCase(crate::model::Case::new("G8")),
        ]))
        .unwrap();
        let forms = ["张伟".to_owned()];
        // "G8" is another case's name: the case keeps its name, the description changes.
        let plan = plan_replace_name(&p, &forms, "G8", None).unwrap();
        assert_eq!(plan.skipped, 1);
        assert!(plan.places.contains(&(Place::Case(id), "张伟".into(), 1)));
        let plan = plan_replace_name(&p, &forms, "G9", None).unwrap();
        assert!(plan.places.contains(&(Place::Case(id), "张伟".into(), 2)));
        let undo = p.apply(plan.edit).unwrap();
        let case = &p.cases()[&id];
        assert_eq!(
            (case.name.as_str(), case.description.as_str()),
            ("G9", "G9的家人也在群里")
        );
        p.apply(undo).unwrap();
        assert_eq!(p.cases()[&id].name, "张伟");
    }

    #[test]
    fn replace_all_whole_word_and_regex_across_documents() {
        let (mut p, a, b) = project();
        let query = SearchQuery {
            pattern: "Li".into(),
            mode: MatchMode::Word,
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "Lee", Some("lin")).unwrap();
        assert_eq!(plan.total(), 2);
        p.apply(plan.edit).unwrap();
        assert!(p.document(a).unwrap().text.as_str().contains("Lee Lisa"));
        assert!(p.document(b).unwrap().text.as_str().contains("Lee today"));
        let query = SearchQuery {
            pattern: r"张\p{Han}".into(),
            mode: MatchMode::Regex,
            documents: vec![a],
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "", None).unwrap();
        assert_eq!(plan.total(), 3);
        assert_eq!(plan.removed_codings, 0);
        p.apply(plan.edit).unwrap();
        assert_eq!(
            p.document(a).unwrap().text.as_str(),
            ": 我叫，Lee Lisa 都认识我。\n\n访谈者: 你好。\n"
        );
    }

    #[test]
    fn a_hit_that_would_break_a_label_is_skipped() {
        let (p, a, _) = project();
        let query = SearchQuery {
            pattern: "。\n\n访".into(),
            mode: MatchMode::Plain,
            documents: vec![a],
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "", None).unwrap();
        assert_eq!((plan.total(), plan.skipped), (0, 1));
    }

    #[test]
    fn deleting_a_coded_word_removes_its_coding_in_the_same_step() {
        let (mut p, a, _) = project();
        let query = SearchQuery {
            pattern: "我叫张伟，".into(),
            documents: vec![a],
            ..SearchQuery::default()
        };
        let plan = plan_replace(&p, &query, "", None).unwrap();
        assert_eq!(plan.removed_codings, 1);
        let undo = p.apply(plan.edit).unwrap();
        assert_eq!(p.codings().len(), 0);
        p.apply(undo).unwrap();
        assert_eq!(p.codings().len(), 1);
    }
}
