//! Counts per phase, what is due or overdue, and progress whose ids left the content.

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::{Content, Phase};
use crate::progress::{Progress, Status};

/// How many items are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_applicable: usize,
    pub todo: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        self.total += 1;
        match status {
            Status::Todo => self.todo += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
    }

    /// Share finished, counting 不适用 as finished (it needs no more work).
    pub fn ratio(&self) -> f64 {
        let applicable_done = self.done + self.not_applicable;
        if self.total == 0 {
            0.0
        } else {
            applicable_done as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseSummary {
    pub id: String,
    pub title: String,
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_applicable: usize,
}

/// An open item with a due date that has passed or is near.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueItem {
    pub id: String,
    pub title: String,
    pub phase: String,
    pub due: NaiveDate,
    /// Negative when overdue.
    pub days_left: i64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub items: Counts,
    pub phases: Vec<PhaseSummary>,
    pub overdue: Vec<DueItem>,
    pub due_soon: Vec<DueItem>,
    /// Progress entries whose item id is no longer in the content (kept, not dropped).
    pub orphaned_progress: usize,
}

/// Items due within this many days count as "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

pub fn phase_counts(phase: &Phase, progress: &Progress) -> Counts {
    let mut counts = Counts::default();
    for item in phase.items() {
        counts.add(progress.status(&item.id));
    }
    counts
}

pub fn summarize(content: &Content, progress: &Progress, today: NaiveDate) -> Summary {
    let mut items = Counts::default();
    let mut phases = Vec::with_capacity(content.phases.len());
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for phase in &content.phases {
        let counts = phase_counts(phase, progress);
        items.total += counts.total;
        items.done += counts.done;
        items.in_progress += counts.in_progress;
        items.not_applicable += counts.not_applicable;
        items.todo += counts.todo;
        phases.push(PhaseSummary {
            id: phase.id.value.clone(),
            title: phase.title.clone(),
            total: counts.total,
            done: counts.done,
            in_progress: counts.in_progress,
            not_applicable: counts.not_applicable,
        });
        for item in phase.items() {
            let Some(entry) = progress.item(&item.id) else {
                continue;
            };
            let Some(due) = entry.due else { continue };
            if entry.status.is_closed() {
                continue;
            }
            let days_left = (due - today).num_days();
            let due_item = DueItem {
                id: item.id.value.clone(),
                title: item.title.clone(),
                phase: phase.title.clone(),
                due,
                days_left,
                owner: entry.owner.clone(),
            };
            if days_left < 0 {
                overdue.push(due_item);
            } else if days_left <= DUE_SOON_DAYS {
                due_soon.push(due_item);
            }
        }
    }
    overdue.sort_by_key(|d| d.due);
    due_soon.sort_by_key(|d| d.due);
    Summary {
        items,
        phases,
        overdue,
        due_soon,
        orphaned_progress: orphaned_ids(content, progress).len(),
    }
}

/// Ids in the progress file that no checklist item has any more.
pub fn orphaned_ids<'a>(content: &Content, progress: &'a Progress) -> Vec<&'a str> {
    let known: std::collections::HashSet<&str> =
        content.items().map(|r| &*r.item.id.value).collect();
    progress
        .items
        .keys()
        .map(String::as_str)
        .filter(|id| !known.contains(id))
        .collect()
}
