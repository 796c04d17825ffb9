//! Code frequency over time in chat logs: codings per code per week or month, by the time of
//! the message each coding lies in, beside the number of messages sent in each period (to read
//! counts against how busy the group was).
//!
//! Periods run without gaps from the first to the last period that has a message or coding;
//! weeks are ISO weeks (Monday to Sunday). Codings outside timed messages (interviews, chat
//! headers) are not placed in time; they are counted in `untimed`.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::attribution::Attribution;
use super::error::AnalysisError;
use super::filter::CodingFilter;
use super::headings::{CodeHeading, Headings};
use super::table::{Cell, Table};
use crate::model::{CodeId, Project, SegmentKind};

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Period {
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    #[default]
    Month,
}

impl Period {
    /// The first day of the period holding `day`.
    #[must_use]
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Self::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Self::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    #[must_use]
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Self::Week => start + Days::new(7),
            Self::Month => start + Months::new(1),
        }
    }

    /// The label of the period starting on `start`: `2024-W18` or `2024-05`.
    #[must_use]
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Self::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Self::Month => start.format("%Y-%m").to_string(),
        }
    }
}

/// A timeline to compute.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct TimelineQuery {
    /// Weeks or months.
    pub per: Period,
    /// The codes to count; empty means every code.
    pub codes: Vec<CodeId>,
    /// Count each code's sub-codes' codings as its own.
    pub with_subcodes: bool,
    /// Which codings (and messages) count.
    pub filter: CodingFilter,
}

/// One period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodHeading {
    /// Its first day.
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
    /// Its label (`2024-W18`, `2024-05`).
    pub label: String,
}

/// Codings per code per period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// Weeks or months.
    pub per: Period,
    /// The periods, in time order, without gaps.
    pub periods: Vec<PeriodHeading>,
    /// The codes, in codebook order.
    pub codes: Vec<CodeHeading>,
    /// `counts[code][period]`: codings.
    pub counts: Vec<Vec<usize>>,
    /// Chat messages sent in each period (in the documents and by the cases the filter allows).
    pub messages: Vec<usize>,
    /// Codings the filter let through that lie outside any timed message.
    pub untimed: usize,
}

impl Timeline {
    /// The table as a time series: a row per period (label, first and last day, messages
    /// sent), a column per code (by path).
    #[must_use]
    pub fn to_table(&self) -> Table {
        let mut columns: Vec<String> = ["period", "from", "to", "messages"]
            .map(str::to_owned)
            .to_vec();
        columns.extend(self.codes.iter().map(|h| h.path.clone()));
        let rows = self
            .periods
            .iter()
            .enumerate()
            .map(|(p, period)| {
                let mut row = vec![
                    Cell::Text(period.label.clone()),
                    Cell::Text(period.start.to_string()),
                    Cell::Text(period.end.to_string()),
                    Cell::Count(self.messages[p]),
                ];
                row.extend(self.counts.iter().map(|c| Cell::Count(c[p])));
                row
            })
            .collect();
        Table { columns, rows }
    }
}

/// Compute a timeline.
pub fn timeline(project: &Project, query: &TimelineQuery) -> Result<Timeline, AnalysisError> {
    let headings = Headings::new(project, &query.codes, query.with_subcodes)?;
    let filter = query.filter.compile(project);
    let attribution = filter.attribution();
    let per = query.per;
    // (period start, heading or None for a message)
    let mut events: Vec<(NaiveDate, Option<usize>)> = Vec::new();
    let mut untimed = 0;
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    for doc in filter.documents() {
        for s in &doc.segments {
            let Some(at) = s.at else { continue };
            if s.kind != SegmentKind::Message || !filter.allows_message_time(Some(at)) {
                continue;
            }
            if filter.restricts_cases() {
                let case = doc
                    .case
                    .or_else(|| attribution.case_named(s.speaker.as_deref()?));
                if !filter.allows_case(case) {
                    continue;
                }
            }
            events.push((per.start_of(at.date()), None));
        }
        for c in selected.remove(&doc.id).unwrap_or_default() {
            let under = headings.of(c.code);
            match Attribution::time_of(doc, c.range) {
                Some(at) => {
                    let start = per.start_of(at.date());
                    events.extend(under.iter().map(|&h| (start, Some(h))));
                }
                None => untimed += 1,
            }
        }
    }
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (
        events.iter().map(|e| e.0).min(),
        events.iter().map(|e| e.0).max(),
    ) {
        let mut start = first;
        while start <= last {
            let next = per.next(start);
            periods.push(PeriodHeading {
                start,
                end: next.pred_opt().unwrap_or(next),
                label: per.label(start),
            });
            start = next;
        }
    }
    let mut counts = vec![vec![0; periods.len()]; headings.len()];
    let mut messages = vec![0; periods.len()];
    for (start, what) in events {
        let p = periods.partition_point(|p| p.start < start);
        match what {
            Some(h) => counts[h][p] += 1,
            None => messages[p] += 1,
        }
    }
    Ok(Timeline {
        per,
        periods,
        codes: headings.codes,
        counts,
        messages,
        untimed,
    })
}
