//! Code frequency over time in chat logs: codings per code per week or month, by the time of
//! the messages each coding shares text with, beside the number of messages sent in each period
//! (to read counts against how busy the group was). What a message is, and that a coding
//! spanning messages of two periods counts in each, is as [`definitions`] says.
//!
//! Periods run without gaps from the first to the last period that has a message or coding;
//! weeks are ISO weeks (Monday to Sunday). A period's dates are cut to the filter's dates: with
//! `--from 2024-06-15` the first month row runs from 2024-06-15 and says so. Codings sharing text
//! with no timed message (interviews, chat headers) are not placed in time; they are counted in
//! `untimed`.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::definitions::{self, Options};
use super::error::AnalysisError;
use super::filter::CodingFilter;
use super::headings::{CodeHeading, Headings};
use super::table::{Cell, Table};
use crate::model::{CodeId, Project};

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
    /// What a case's text is.
    #[serde(default)]
    pub options: Options,
}

/// One period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodHeading {
    /// Its first day (cut to the filter's first day).
    pub start: NaiveDate,
    /// Its last day (cut to the filter's last day).
    pub end: NaiveDate,
    /// Its label (`2024-W18`, `2024-05`), with the dates when they are cut
    /// (`2024-06 (06-15–06-30)`).
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
    let filter = query.filter.compile_with(project, query.options);
    let per = query.per;
    // (period start, heading or None for a message)
    let mut events: Vec<(NaiveDate, Option<usize>)> = Vec::new();
    let mut untimed = 0;
    let mut selected = filter.by_document(|c| !headings.of(c.code).is_empty());
    for doc in filter.documents() {
        let mut messages = filter.text(doc);
        messages.retain(|p| p.message && p.at.is_some());
        events.extend(
            messages
                .iter()
                .filter_map(|p| Some((per.start_of(p.at?.date()), None))),
        );
        for c in selected.remove(&doc.id).unwrap_or_default() {
            let mut starts: Vec<NaiveDate> = definitions::overlapping(&messages, c.range)
                .filter_map(|p| Some(per.start_of(p.at?.date())))
                .collect();
            starts.sort_unstable();
            starts.dedup();
            if starts.is_empty() {
                untimed += 1;
            }
            for start in starts {
                events.extend(headings.of(c.code).iter().map(|&h| (start, Some(h))));
            }
        }
    }
    let span = query.filter.message_time.unwrap_or_default();
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (
        events.iter().map(|e| e.0).min(),
        events.iter().map(|e| e.0).max(),
    ) {
        let mut start = first;
        while start <= last {
            let next = per.next(start);
            let end = next.pred_opt().unwrap_or(next);
            let (from, to) = definitions::period_dates(start, end, span.from, span.to);
            let mut label = per.label(start);
            if (from, to) != (start, end) {
                label = format!("{label} ({}–{})", from.format("%m-%d"), to.format("%m-%d"));
            }
            periods.push(PeriodHeading {
                start: from,
                end: to,
                label,
            });
            start = next;
        }
    }
    let mut counts = vec![vec![0; periods.len()]; headings.len()];
    let mut messages = vec![0; periods.len()];
    for (start, what) in events {
        // The period holding `start` (a period's own start may have been cut later).
        let p = periods.partition_point(|p| p.end < start);
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
