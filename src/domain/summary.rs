//! Counts per phase, what is due or overdue, and progress whose ids left the content.
//!
//! Everything here walks the shorter of the two lists: the progress entries when the content is
//! big (a frame costs the same with 100 or 10 000 items), the content's items when the
//! progress file is (a million entries, most for items that left the content, cost no more
//! than a few hundred lookups).

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::{Content, ItemRef};
use crate::progress::{ItemProgress, Progress, Status};

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
    fn with_total(total: usize) -> Self {
        Self {
            total,
            todo: total,
            ..Self::default()
        }
    }

    /// Moves one item out of 待办 into `status`.
    fn mark(&mut self, status: Status) {
        let slot = match status {
            Status::Todo => return,
            Status::InProgress => &mut self.in_progress,
            Status::Done => &mut self.done,
            Status::NotApplicable => &mut self.not_applicable,
        };
        *slot += 1;
        self.todo = self.todo.saturating_sub(1);
    }

    fn add(&mut self, other: &Counts) {
        self.total += other.total;
        self.done += other.done;
        self.in_progress += other.in_progress;
        self.not_applicable += other.not_applicable;
        self.todo += other.todo;
    }

    /// Share finished, counting 不适用 as finished (it needs no more work).
    pub fn ratio(&self) -> f64 {
        finished_share(self.done + self.not_applicable, self.total)
    }
}

/// `finished` out of `total` as a share; 0 when there is nothing.
fn finished_share(finished: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        finished as f64 / total as f64
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

impl PhaseSummary {
    /// Share finished, counting 不适用 as finished.
    pub fn ratio(&self) -> f64 {
        finished_share(self.done + self.not_applicable, self.total)
    }
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
    /// The rehearsal figures the dashboard shows: counted here, when progress or the day
    /// changes, not at every frame (a year of a team's rehearsals is thousands of runs).
    #[serde(skip)]
    pub sops: crate::domain::sop_stats::SopFigures,
    /// The rectification counts the dashboard shows, kept for the same reason.
    #[serde(skip)]
    pub rects: crate::domain::rectification::RectStats,
}

/// What the dashboard shows of the long lists a team start reads only after its first frame
/// (the rehearsal runs, the rectification items): kept in the start cache
/// ([`crate::team::cache`]) and turned into the summary's figures for the day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ListFigures {
    pub runs: crate::domain::sop_stats::RunFigures,
    pub rectifications: crate::domain::rectification::StatusDues,
}

impl ListFigures {
    pub fn of(progress: &Progress) -> Self {
        Self {
            runs: crate::domain::sop_stats::RunFigures::of(&progress.sop_runs),
            rectifications: crate::domain::rectification::StatusDues::of(&progress.rectifications),
        }
    }
}

/// Items due within this many days count as "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// The progress entries of items that are in the content, with the item's phase index, and
/// how many entries that leaves out (ids no longer in the content). Walks the content and
/// looks each id up when the progress has more entries, else walks the progress.
fn matched<'a>(
    content: &'a Content,
    progress: &'a Progress,
) -> (
    Vec<(usize, ItemRef<'a>, &'a String, &'a ItemProgress)>,
    usize,
) {
    let mut found = Vec::new();
    if content.item_count() < progress.items.len() {
        for (p, phase) in content.phases.iter().enumerate() {
            for section in &phase.sections {
                for item in &section.items {
                    if let Some((id, entry)) = progress.items.get_key_value(item.id.value.as_str())
                    {
                        let at = ItemRef {
                            phase,
                            section,
                            item,
                        };
                        found.push((p, at, id, entry));
                    }
                }
            }
        }
    } else {
        for (id, entry) in &progress.items {
            if let Some(pos) = content.item_pos(id)
                && let Some(at) = content.item_at(pos)
            {
                found.push((pos.phase, at, id, entry));
            }
        }
    }
    let orphaned = progress.items.len() - found.len();
    (found, orphaned)
}

/// Counts per phase, in content order.
pub fn phase_counts(content: &Content, progress: &Progress) -> Vec<Counts> {
    counts_of(content, &matched(content, progress).0)
}

fn counts_of(content: &Content, found: &[(usize, ItemRef, &String, &ItemProgress)]) -> Vec<Counts> {
    let mut counts: Vec<Counts> = content
        .phases
        .iter()
        .map(|p| Counts::with_total(p.item_count()))
        .collect();
    for (phase, _, _, entry) in found {
        if let Some(c) = counts.get_mut(*phase) {
            c.mark(entry.status);
        }
    }
    counts
}

pub fn summarize(content: &Content, progress: &Progress, today: NaiveDate) -> Summary {
    let (found, orphaned_progress) = matched(content, progress);
    let per_phase = counts_of(content, &found);
    let mut items = Counts::default();
    for c in &per_phase {
        items.add(c);
    }
    let phases = content
        .phases
        .iter()
        .zip(&per_phase)
        .map(|(phase, c)| PhaseSummary {
            id: phase.id.value.clone(),
            title: phase.title.clone(),
            total: c.total,
            done: c.done,
            in_progress: c.in_progress,
            not_applicable: c.not_applicable,
        })
        .collect();
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for (_, found, id, entry) in &found {
        let Some(due) = entry.due else { continue };
        if entry.status.is_closed() {
            continue;
        }
        let days_left = (due - today).num_days();
        let due_item = DueItem {
            id: (*id).clone(),
            title: found.item.title.to_string(),
            phase: found.phase.title.clone(),
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
    overdue.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    due_soon.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    Summary {
        items,
        phases,
        overdue,
        due_soon,
        orphaned_progress,
        sops: crate::domain::sop_stats::figures(content, progress),
        rects: crate::domain::rectification::stats(&progress.rectifications, today),
    }
}

/// Ids in the progress file that no checklist item has any more.
pub fn orphaned_ids<'a>(content: &Content, progress: &'a Progress) -> Vec<&'a str> {
    progress
        .items
        .keys()
        .map(String::as_str)
        .filter(|id| content.item_pos(id).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_built_in;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    #[test]
    fn counts_follow_the_statuses_and_orphans_are_counted_not_dropped() {
        let content = load_built_in().expect("loads");
        let mut progress = Progress::default();
        let ids: Vec<String> = content
            .items()
            .take(3)
            .map(|r| r.item.id.value.clone())
            .collect();
        progress.item_mut(&ids[0]).status = Status::Done;
        progress.item_mut(&ids[1]).status = Status::NotApplicable;
        progress.item_mut(&ids[2]).note = "只有备注".into();
        progress.item_mut("gone-item").status = Status::Done;
        let summary = summarize(&content, &progress, day(25));
        assert_eq!(summary.items.total, content.item_count());
        assert_eq!(summary.items.done, 1);
        assert_eq!(summary.items.not_applicable, 1);
        assert_eq!(summary.items.todo, content.item_count() - 2);
        assert_eq!(summary.orphaned_progress, 1);
        assert_eq!(orphaned_ids(&content, &progress), vec!["gone-item"]);
        assert_eq!(summary.phases[0].done, 1);
    }

    #[test]
    fn open_items_are_split_into_overdue_and_due_soon_and_closed_ones_are_left_out() {
        let content = load_built_in().expect("loads");
        let mut progress = Progress::default();
        let ids: Vec<String> = content
            .items()
            .take(4)
            .map(|r| r.item.id.value.clone())
            .collect();
        progress.item_mut(&ids[0]).due = Some(day(20));
        progress.item_mut(&ids[1]).due = Some(day(27));
        progress.item_mut(&ids[2]).due = NaiveDate::from_ymd_opt(2026, 12, 28);
        let closed = progress.item_mut(&ids[3]);
        closed.due = Some(day(1));
        closed.status = Status::Done;
        let summary = summarize(&content, &progress, day(25));
        assert_eq!(summary.overdue.len(), 1);
        assert_eq!(summary.overdue[0].days_left, -5);
        assert_eq!(summary.due_soon.len(), 1);
        assert_eq!(summary.due_soon[0].days_left, 2);
    }
}
