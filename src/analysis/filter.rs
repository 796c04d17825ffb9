//! Which codings a query looks at: by document, case, case attribute (a value, a list of
//! values, a numeric or date range), coder, chat message time and coding time.
//!
//! A [`CodingFilter`] is plain data (what a query panel edits); [`CodingFilter::compile`] turns
//! it into a [`CompiledFilter`] that answers "does this coding pass" in constant time.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::definitions::{self, Attribution, Options, Piece};
use super::error::AnalysisError;
use super::names::{self, natural_cmp};
use crate::model::{
    AttributeId, AttributeKind, Case, CaseId, CoderId, Coding, Document, DocumentId, Project, Value,
};

/// An inclusive span of calendar days; an open end is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DateSpan {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

impl DateSpan {
    /// True when `day` lies in the span.
    #[must_use]
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }

    /// The span between two optional bounds as typed: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A
    /// month or year as `from` starts on its first day, as `to` ends on its last.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self, AnalysisError> {
        Ok(Self {
            from: from.map(|s| parse_day(s, false)).transpose()?,
            to: to.map(|s| parse_day(s, true)).transpose()?,
        })
    }
}

/// A day from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; for the shorter forms the first day, or the
/// last when `last` is set.
pub fn parse_day(s: &str, last: bool) -> Result<NaiveDate, AnalysisError> {
    let bad = || AnalysisError::BadDate(s.to_owned());
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 4);
    let (year, month) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y).ok_or_else(bad)?, None),
        [y, m] if y.len() == 4 => (num(y).ok_or_else(bad)?, Some(num(m).ok_or_else(bad)?)),
        _ => return Err(bad()),
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    match (month, last) {
        (None, false) => NaiveDate::from_ymd_opt(year, 1, 1),
        (None, true) => NaiveDate::from_ymd_opt(year, 12, 31),
        (Some(m), false) => NaiveDate::from_ymd_opt(year, m, 1),
        (Some(m), true) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?;
            first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.pred_opt())
        }
    }
    .ok_or_else(bad)
}

/// `None` for an open (empty) end of a range.
fn open(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// A test on one attribute value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ValueTest {
    /// Equal to one of these (text and categories ignoring case, numbers and dates by value).
    OneOf(Vec<String>),
    /// A number in `[min, max]`, both ends included.
    NumberRange {
        /// Smallest value included.
        min: Option<f64>,
        /// Largest value included.
        max: Option<f64>,
    },
    /// A date in the span.
    DateRange(DateSpan),
}

/// A condition on a case attribute: `region = Shandong`, `age in 40..50`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeCondition {
    /// The attribute.
    pub attribute: AttributeId,
    /// What its value must satisfy.
    pub test: ValueTest,
}

impl AttributeCondition {
    /// True when `case` has a value for the attribute that passes the test.
    #[must_use]
    // A typed number equals a stored one only when it is the same number.
    #[allow(clippy::float_cmp)]
    pub fn holds(&self, case: &Case) -> bool {
        let Some(value) = case.values.get(&self.attribute) else {
            return false;
        };
        match (&self.test, value) {
            (ValueTest::OneOf(wanted), Value::Number(n)) => wanted
                .iter()
                .any(|w| w.trim().parse::<f64>().is_ok_and(|w| w == *n)),
            (ValueTest::OneOf(wanted), Value::Date(d)) => wanted
                .iter()
                .any(|w| NaiveDate::parse_from_str(w.trim(), "%Y-%m-%d").is_ok_and(|w| w == *d)),
            (ValueTest::OneOf(wanted), Value::Text(s) | Value::Category(s)) => {
                let s = s.trim().to_lowercase();
                wanted.iter().any(|w| w.trim().to_lowercase() == s)
            }
            (ValueTest::NumberRange { min, max }, Value::Number(n)) => {
                min.is_none_or(|m| m <= *n) && max.is_none_or(|m| *n <= m)
            }
            (ValueTest::DateRange(span), Value::Date(d)) => span.contains(*d),
            _ => false,
        }
    }

    /// Parse `name=value`, `name=v1,v2` or `name=min..max` (numbers or dates; an end may be
    /// left open: `age=..40`), checking the attribute exists and the values fit its type.
    pub fn parse(project: &Project, spec: &str) -> Result<Self, AnalysisError> {
        let (name, value) = spec
            .split_once('=')
            .filter(|(n, v)| !n.trim().is_empty() && !v.trim().is_empty())
            .ok_or_else(|| AnalysisError::BadCondition(spec.to_owned()))?;
        let def = names::attribute(project, name)?;
        let value = value.trim();
        let bad = |expected: String| AnalysisError::BadValue {
            attribute: def.name.clone(),
            value: value.to_owned(),
            expected,
        };
        let test = if let Some((lo, hi)) = value.split_once("..") {
            let (lo, hi) = (lo.trim(), hi.trim());
            match def.kind {
                AttributeKind::Number => {
                    let num = |s: Option<&str>| {
                        s.map(|s| {
                            s.parse::<f64>()
                                .map_err(|_| bad("a number range like 40..50".into()))
                        })
                        .transpose()
                    };
                    ValueTest::NumberRange {
                        min: num(open(lo))?,
                        max: num(open(hi))?,
                    }
                }
                AttributeKind::Date => ValueTest::DateRange(DateSpan::parse(open(lo), open(hi))?),
                _ => return Err(bad("a number or date attribute, so it has no range".into())),
            }
        } else {
            let values: Vec<String> = value.split(',').map(|v| v.trim().to_owned()).collect();
            for v in &values {
                match &def.kind {
                    AttributeKind::Number if v.parse::<f64>().is_err() => {
                        return Err(bad("a number".into()));
                    }
                    AttributeKind::Date if NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() => {
                        return Err(bad("a date (YYYY-MM-DD)".into()));
                    }
                    AttributeKind::Category(options)
                        if !options.iter().any(|o| o.to_lowercase() == v.to_lowercase()) =>
                    {
                        return Err(bad(format!("one of: {}", options.join(", "))));
                    }
                    _ => {}
                }
            }
            ValueTest::OneOf(values)
        };
        Ok(Self {
            attribute: def.id,
            test,
        })
    }
}

/// Which codings a query considers. Empty lists and `None` mean "no restriction"; all given
/// restrictions must hold.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct CodingFilter {
    /// Only codings in these documents.
    pub documents: Vec<DocumentId>,
    /// Only codings sharing text with these cases' text (see [`definitions`]).
    pub cases: Vec<CaseId>,
    /// Only codings whose case satisfies every condition.
    pub attributes: Vec<AttributeCondition>,
    /// Only codings by these coders.
    pub coders: Vec<CoderId>,
    /// Only codings sharing text with chat messages sent on these days (codings outside timed
    /// messages fail).
    pub message_time: Option<DateSpan>,
    /// Only codings made on these days (UTC).
    pub coded_time: Option<DateSpan>,
}

impl CodingFilter {
    /// True when the filter lets everything through.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Prepare the filter for `project`, with the default definitions.
    #[must_use]
    pub fn compile<'p>(&self, project: &'p Project) -> CompiledFilter<'p> {
        self.compile_with(project, Options::default())
    }

    /// Prepare the filter for `project`, with `options` for what a case's text is.
    #[must_use]
    pub fn compile_with<'p>(&self, project: &'p Project, options: Options) -> CompiledFilter<'p> {
        let cases = if self.cases.is_empty() && self.attributes.is_empty() {
            None
        } else {
            Some(
                project
                    .cases()
                    .values()
                    .filter(|c| self.cases.is_empty() || self.cases.contains(&c.id))
                    .filter(|c| self.attributes.iter().all(|a| a.holds(c)))
                    .map(|c| c.id)
                    .collect(),
            )
        };
        CompiledFilter {
            attribution: Attribution::with(project, options),
            documents: set_of(&self.documents),
            cases,
            coders: set_of(&self.coders),
            message_time: self.message_time,
            coded_time: self.coded_time,
        }
    }
}

/// The set of `items`, or `None` (no restriction) when there are none.
fn set_of<T: Copy + Eq + std::hash::Hash>(items: &[T]) -> Option<HashSet<T>> {
    (!items.is_empty()).then(|| items.iter().copied().collect())
}

/// A [`CodingFilter`] ready to test codings of one project.
#[derive(Debug)]
pub struct CompiledFilter<'p> {
    attribution: Attribution<'p>,
    documents: Option<HashSet<DocumentId>>,
    cases: Option<HashSet<CaseId>>,
    coders: Option<HashSet<CoderId>>,
    message_time: Option<DateSpan>,
    coded_time: Option<DateSpan>,
}

impl<'p> CompiledFilter<'p> {
    /// The case and time look-ups it uses.
    #[must_use]
    pub fn attribution(&self) -> &Attribution<'p> {
        &self.attribution
    }

    /// True when codings in `doc` may pass.
    #[must_use]
    pub fn allows_document(&self, doc: DocumentId) -> bool {
        self.documents.as_ref().is_none_or(|s| s.contains(&doc))
    }

    /// True when codings by `coder` may pass.
    #[must_use]
    pub fn allows_coder(&self, coder: CoderId) -> bool {
        self.coders.as_ref().is_none_or(|s| s.contains(&coder))
    }

    /// True when passages of `case` may pass.
    #[must_use]
    pub fn allows_case(&self, case: Option<CaseId>) -> bool {
        self.cases
            .as_ref()
            .is_none_or(|s| case.is_some_and(|c| s.contains(&c)))
    }

    /// True when a chat message sent at `at` may pass the message-time restriction (a message
    /// without a time passes only when there is none).
    #[must_use]
    pub fn allows_message_time(&self, at: Option<NaiveDateTime>) -> bool {
        self.message_time
            .is_none_or(|span| at.is_some_and(|t| span.contains(t.date())))
    }

    /// True when the filter restricts cases.
    #[must_use]
    pub fn restricts_cases(&self) -> bool {
        self.cases.is_some()
    }

    /// The documents the filter lets through, ordered by name.
    #[must_use]
    pub fn documents(&self) -> Vec<&'p Document> {
        let project = self.attribution.project();
        let mut docs: Vec<&Document> = project
            .documents()
            .values()
            .filter(|d| self.allows_document(d.id))
            .collect();
        docs.sort_by(|a, b| {
            natural_cmp(&a.name.to_lowercase(), &b.name.to_lowercase()).then(a.id.cmp(&b.id))
        });
        docs
    }

    /// True when the filter restricts the text (cases, attributes or message dates): then only
    /// codings sharing text with [`CompiledFilter::text`] pass.
    #[must_use]
    pub fn restricts_text(&self) -> bool {
        self.cases.is_some() || self.message_time.is_some()
    }

    /// True when a piece of text is in scope: its case and its time pass.
    #[must_use]
    pub fn allows_piece(&self, piece: &Piece) -> bool {
        (self.cases.is_none() || self.allows_case(piece.case))
            && (self.message_time.is_none() || self.allows_message_time(piece.at))
    }

    /// The pieces of `doc`'s text the filter leaves (every turn, message and notice when it
    /// restricts no case and no date), in text order.
    #[must_use]
    pub fn text(&self, doc: &Document) -> Vec<Piece> {
        let mut pieces = self.attribution.pieces(doc);
        pieces.retain(|p| self.allows_piece(p));
        pieces
    }

    /// True when `coding`, which lies in `doc`, passes; `text` is [`CompiledFilter::text`] of
    /// `doc` (only read when the filter restricts the text).
    #[must_use]
    pub fn matches_in(&self, doc: &Document, text: &[Piece], coding: &Coding) -> bool {
        self.allows_document(doc.id)
            && self.allows_coder(coding.coder)
            && self
                .coded_time
                .is_none_or(|span| span.contains(coding.created.date_naive()))
            && (!self.restricts_text()
                || definitions::overlapping(text, coding.range)
                    .next()
                    .is_some())
    }

    /// True when `coding`, which lies in `doc`, passes.
    #[must_use]
    pub fn matches(&self, doc: &Document, coding: &Coding) -> bool {
        let text = if self.restricts_text() {
            self.text(doc)
        } else {
            Vec::new()
        };
        self.matches_in(doc, &text, coding)
    }

    /// The codings that pass and that `keep` accepts, by document, each list sorted by start,
    /// then end. One pass over all codings, cheapest tests first.
    #[must_use]
    pub fn by_document(
        &self,
        keep: impl Fn(&Coding) -> bool,
    ) -> HashMap<DocumentId, Vec<&'p Coding>> {
        let project = self.attribution.project();
        let mut groups = group_by_document(project, |c| {
            self.allows_coder(c.coder) && self.allows_document(c.document) && keep(c)
        });
        groups.retain(|id, codings| {
            if let Some(doc) = project.document(*id) {
                let text = if self.restricts_text() {
                    self.text(doc)
                } else {
                    Vec::new()
                };
                codings.retain(|c| self.matches_in(doc, &text, c));
            }
            !codings.is_empty()
        });
        groups
    }

    /// The codings of `doc` that pass, sorted by start, then end.
    #[must_use]
    pub fn codings_in(&self, doc: &'p Document) -> Vec<&'p Coding> {
        if !self.allows_document(doc.id) {
            return Vec::new();
        }
        let text = if self.restricts_text() {
            self.text(doc)
        } else {
            Vec::new()
        };
        let mut v: Vec<&Coding> = self
            .attribution
            .project()
            .codings_of(doc.id)
            .filter(|c| self.matches_in(doc, &text, c))
            .collect();
        v.sort_by_key(|c| (c.range.start, c.range.end, c.id));
        v
    }
}

/// The codings `keep` accepts, by document, each list sorted by start, then end (one pass over
/// all codings).
#[must_use]
pub fn group_by_document(
    project: &Project,
    keep: impl Fn(&Coding) -> bool,
) -> HashMap<DocumentId, Vec<&Coding>> {
    let mut groups: HashMap<DocumentId, Vec<&Coding>> = HashMap::new();
    for c in project.codings().values().filter(|c| keep(c)) {
        groups.entry(c.document).or_default().push(c);
    }
    // Each list is sorted on its own; the order of visiting them does not matter.
    #[allow(clippy::iter_over_hash_type)]
    for codings in groups.values_mut() {
        codings.sort_unstable_by_key(|c| (c.range.start, c.range.end, c.id));
    }
    groups
}
