//! Per-person workload for the team: what each member owns (checklist items and
//! rectifications) that is open, overdue or due within 7 days, their interview readiness and
//! due reviews, the demo rehearsals they took part in, and when their data last arrived.
//! Pure: members and dates come in as data.

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::content::Content;
use crate::domain::interview_stats::{self, Readiness};
use crate::progress::{Progress, RectificationStatus};

/// A team member as the team files name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    /// When the member's latest recorded change was made (it has reached this machine).
    pub last_sync: Option<NaiveDateTime>,
}

/// What one piece of owned work is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    Item,
    Rectification,
}

/// One open piece of work a member owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    pub kind: WorkKind,
    /// The checklist item id or the rectification id.
    pub id: String,
    pub title: String,
    pub due: Option<NaiveDate>,
}

/// One member's line in the team view and in `status --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberSummary {
    pub name: String,
    pub owned_open: usize,
    pub overdue: usize,
    pub due_7d: usize,
    /// Interview readiness when the member is on the roster.
    pub ready: Option<Readiness>,
    /// Interview questions due for review.
    pub reviews_due: usize,
    /// Demo rehearsals in which the member held a role.
    pub rehearsals: usize,
    pub last_sync: Option<NaiveDateTime>,
    /// The open work itself, overdue first, then by due date.
    #[serde(skip)]
    pub work: Vec<Work>,
}

/// The members' summaries, in the order given.
pub fn summarize(
    content: &Content,
    progress: &Progress,
    members: &[Member],
    now: NaiveDateTime,
) -> Vec<MemberSummary> {
    let today = now.date();
    let week = today.checked_add_days(Days::new(7)).unwrap_or(today);
    let interview = interview_stats::summarize(&content.interview, progress, now);
    members
        .iter()
        .map(|member| {
            let name = member.name.trim();
            let mut work = Vec::new();
            for (id, item) in &progress.items {
                if item.owner.trim() == name && !item.status.is_closed() {
                    let title = content
                        .find_item(id)
                        .map(|r| r.item.title.to_string())
                        .unwrap_or_else(|| id.clone());
                    work.push(Work {
                        kind: WorkKind::Item,
                        id: id.clone(),
                        title,
                        due: item.due,
                    });
                }
            }
            for r in &progress.rectifications {
                if r.owner.trim() == name && r.status != RectificationStatus::Closed {
                    work.push(Work {
                        kind: WorkKind::Rectification,
                        id: r.id.clone(),
                        title: r.title.clone(),
                        due: r.due,
                    });
                }
            }
            work.sort_by(|a, b| {
                (a.due.is_none(), a.due, &a.id).cmp(&(b.due.is_none(), b.due, &b.id))
            });
            let overdue = work
                .iter()
                .filter(|w| w.due.is_some_and(|d| d < today))
                .count();
            let due_7d = work
                .iter()
                .filter(|w| w.due.is_some_and(|d| d >= today && d <= week))
                .count();
            let roster = interview.roster.iter().find(|p| p.name.trim() == name);
            MemberSummary {
                name: name.to_owned(),
                owned_open: work.len(),
                overdue,
                due_7d,
                ready: roster.map(|p| p.ready),
                reviews_due: roster.map(|p| p.tally.due).unwrap_or(0),
                rehearsals: progress
                    .sop_runs
                    .iter()
                    .filter(|run| run.people.values().any(|p| p.trim() == name))
                    .count(),
                last_sync: member.last_sync,
                work,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::progress::Status;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("date")
    }

    #[test]
    fn owned_open_work_is_counted_as_overdue_or_due_within_a_week() {
        let content = crate::content::load_built_in().expect("content");
        let ids: Vec<String> = content
            .items()
            .take(4)
            .map(|r| r.item.id.to_string())
            .collect();
        let mut progress = Progress::default();
        for (i, due) in [
            (0, Some(day(1))),
            (1, Some(day(10))),
            (2, None),
            (3, Some(day(2))),
        ] {
            let item = progress.item_mut(&ids[i]);
            item.owner = "张伟".into();
            item.due = due;
        }
        progress.item_mut(&ids[3]).status = Status::Done;
        let members = [Member {
            name: "张伟".into(),
            last_sync: None,
        }];
        let now = day(5).and_hms_opt(9, 0, 0).expect("time");
        let lines = summarize(&content, &progress, &members, now);
        assert_eq!(
            (lines[0].owned_open, lines[0].overdue, lines[0].due_7d),
            (3, 1, 1)
        );
        assert_eq!(lines[0].work[0].id, ids[0], "overdue first");
        assert_eq!(lines[0].ready, None);
    }
}
