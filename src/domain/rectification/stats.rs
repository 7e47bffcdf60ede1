//! Counts for the dashboard and `status --json`, and the list's filter and sort.

use std::cmp::Ordering;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::content::FindingSource;
use crate::progress::{Rectification, RectificationStatus as St};

/// Items per status, keyed in snake_case for JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByStatus {
    pub open: usize,
    pub in_progress: usize,
    pub awaiting_verification: usize,
    pub closed: usize,
    pub reopened: usize,
}

/// How the rectification items stand on `today`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RectStats {
    pub total: usize,
    /// Not closed.
    pub open: usize,
    /// Not closed and due before today.
    pub overdue: usize,
    /// Not closed and due from today to this Sunday.
    pub due_this_week: usize,
    pub by_status: ByStatus,
}

/// The last day (Sunday) of `today`'s week.
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    let left = 6 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(left)).unwrap_or(today)
}

pub fn is_overdue(item: &Rectification, today: NaiveDate) -> bool {
    item.status != St::Closed && item.due.is_some_and(|d| d < today)
}

pub fn stats(items: &[Rectification], today: NaiveDate) -> RectStats {
    stats_of(items.iter().map(|i| (i.status, i.due)), today)
}

/// [`stats`] of items given by their status and due date.
fn stats_of(items: impl Iterator<Item = (St, Option<NaiveDate>)>, today: NaiveDate) -> RectStats {
    let mut s = RectStats::default();
    let week_end = end_of_week(today);
    for (status, due) in items {
        s.total = s.total.saturating_add(1);
        let slot = match status {
            St::Open => &mut s.by_status.open,
            St::InProgress => &mut s.by_status.in_progress,
            St::AwaitingVerification => &mut s.by_status.awaiting_verification,
            St::Closed => &mut s.by_status.closed,
            St::Reopened => &mut s.by_status.reopened,
        };
        *slot = slot.saturating_add(1);
        if status == St::Closed {
            continue;
        }
        s.open = s.open.saturating_add(1);
        match due {
            Some(d) if d < today => s.overdue = s.overdue.saturating_add(1),
            Some(d) if d <= week_end => s.due_this_week = s.due_this_week.saturating_add(1),
            _ => {}
        }
    }
    s
}

/// Each (status, due date) the items have, with how many: all [`stats`] needs on any day.
/// Kept in the team start cache, so the first frame needs none of a year's items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StatusDues(Vec<(St, Option<NaiveDate>, usize)>);

impl StatusDues {
    pub fn of(items: &[Rectification]) -> Self {
        let mut counts = std::collections::BTreeMap::new();
        for item in items {
            *counts.entry((item.status, item.due)).or_insert(0usize) += 1;
        }
        Self(counts.into_iter().map(|((s, d), n)| (s, d, n)).collect())
    }

    /// [`stats`] of the items these were taken from, on `today`.
    pub fn stats(&self, today: NaiveDate) -> RectStats {
        let items = self
            .0
            .iter()
            .flat_map(|&(status, due, n)| std::iter::repeat_n((status, due), n));
        stats_of(items, today)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    /// Everything not closed.
    Unclosed,
    Is(St),
}

impl StatusFilter {
    /// The choices in the order the filter panel cycles through them.
    pub fn choices() -> Vec<StatusFilter> {
        let mut out = vec![StatusFilter::All, StatusFilter::Unclosed];
        out.extend(St::ALL.iter().map(|s| StatusFilter::Is(*s)));
        out
    }

    fn accepts(self, status: St) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Unclosed => status != St::Closed,
            StatusFilter::Is(s) => s == status,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    All,
    /// No owner named yet.
    Nobody,
    Named(String),
}

/// What the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: StatusFilter,
    pub source: Option<FindingSource>,
    pub owner: OwnerFilter,
    pub overdue_only: bool,
}

impl Filter {
    pub fn accepts(&self, item: &Rectification, today: NaiveDate) -> bool {
        self.status.accepts(item.status)
            && self.source.is_none_or(|s| s == item.source)
            && match &self.owner {
                OwnerFilter::All => true,
                OwnerFilter::Nobody => item.owner.is_empty(),
                OwnerFilter::Named(name) => &item.owner == name,
            }
            && (!self.overdue_only || is_overdue(item, today))
    }

    pub fn is_default(&self) -> bool {
        *self == Filter::default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Earliest due first, items without a date after them.
    #[default]
    Due,
    /// 严重 first, then by due date.
    Severity,
}

fn by_due(a: &Rectification, b: &Rectification) -> Ordering {
    match (a.due, b.due) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Indices of the items `filter` accepts, in `sort` order; closed items go last, ties keep
/// the order they were created in.
pub fn visible(
    items: &[Rectification],
    filter: &Filter,
    sort: Sort,
    today: NaiveDate,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..items.len())
        .filter(|&i| filter.accepts(&items[i], today))
        .collect();
    out.sort_by(|&i, &j| {
        let (a, b) = (&items[i], &items[j]);
        let closed = (a.status == St::Closed).cmp(&(b.status == St::Closed));
        let order = match sort {
            Sort::Due => by_due(a, b),
            Sort::Severity => a.severity.cmp(&b.severity).then_with(|| by_due(a, b)),
        };
        closed.then(order).then(i.cmp(&j))
    });
    out
}

/// Everyone named as an owner, sorted, for the owner filter.
pub fn owners(items: &[Rectification]) -> Vec<String> {
    let mut names: Vec<String> = items
        .iter()
        .filter(|r| !r.owner.is_empty())
        .map(|r| r.owner.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}
