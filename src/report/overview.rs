//! The numbers a management report shows, computed once from a [`Report`] so every format
//! says the same thing: score and grade, phase progress, timeline, interview readiness and
//! demo run times.

use super::Report;
use crate::domain::interview_stats::{self, PersonSummary};
use crate::domain::rectification::is_overdue;
use crate::domain::rectification::{RectStats, stats};
use crate::domain::score::{self, GapStep, ScoreResult};
use crate::domain::sop_stats::{self, SopLine};
use crate::domain::summary::{DueItem, PhaseSummary, summarize};
use crate::domain::timeline::{self, Plan};
use crate::i18n::Lang;
use crate::progress::{RectificationStatus, Status};

pub struct Overview {
    pub score: ScoreResult,
    /// The next steps, best value for the work first (at most five).
    pub gap: Vec<GapStep>,
    /// Saved snapshots: date and total, oldest first.
    pub trend: Vec<(chrono::NaiveDate, f64)>,
    pub rated: bool,
    pub phases: Vec<PhaseSummary>,
    pub plan: Plan,
    pub timeline_set: bool,
    pub rect: RectStats,
    pub people: Vec<PersonSummary>,
    pub sops: Vec<SopLine>,
    pub pending_findings: usize,
    /// Checklist items past their due date and not done, most overdue first.
    pub overdue_items: Vec<DueItem>,
    /// Everyone named as an owner, with what is open in their name.
    pub owners: Vec<OwnerLine>,
    /// The language of the report's own words.
    pub lang: Lang,
}

/// One owner's open work: checklist items not done, rectifications not closed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerLine {
    pub name: String,
    pub items_open: usize,
    pub items_overdue: usize,
    pub rect_open: usize,
    pub rect_overdue: usize,
}

/// Owners of open checklist items (that exist in the content) and of open rectifications,
/// by name; the blank owner is left out.
fn owners(report: &Report) -> Vec<OwnerLine> {
    let today = report.today();
    let mut out: std::collections::BTreeMap<String, OwnerLine> = Default::default();
    for (id, p) in &report.progress.items {
        let open = !matches!(p.status, Status::Done | Status::NotApplicable);
        if p.owner.trim().is_empty() || !open || report.content.find_item(id).is_none() {
            continue;
        }
        let entry = out.entry(p.owner.trim().to_owned()).or_default();
        entry.items_open += 1;
        if p.due.is_some_and(|d| d < today) {
            entry.items_overdue += 1;
        }
    }
    for r in &report.progress.rectifications {
        if r.owner.trim().is_empty() || r.status == RectificationStatus::Closed {
            continue;
        }
        let entry = out.entry(r.owner.trim().to_owned()).or_default();
        entry.rect_open += 1;
        if is_overdue(r, today) {
            entry.rect_overdue += 1;
        }
    }
    out.into_iter()
        .map(|(name, line)| OwnerLine { name, ..line })
        .collect()
}

impl Overview {
    /// "启动日期 …；选项：…。" for the timeline section of every report format.
    pub fn timeline_start_sentence(&self, green_channel: bool, parallel: bool) -> String {
        let lang = self.lang;
        let mut options = Vec::new();
        if green_channel {
            options.push(lang.t(
                "加急通道（最快 4 个月封顶）",
                "green channel (4 months at most)",
            ));
        }
        if parallel {
            options.push(lang.t(
                "并行准备（约省 1 个月）",
                "parallel preparation (saves about 1 month)",
            ));
        }
        let unset = if self.timeline_set {
            ""
        } else {
            lang.t("（未设置，按今天推算）", " (not set, counted from today)")
        };
        let options = if options.is_empty() {
            lang.t("无", "none").to_owned()
        } else {
            options.join(lang.t("、", ", "))
        };
        match lang {
            Lang::Zh => format!("启动日期 {}{unset}；选项：{options}。", self.plan.start),
            Lang::En => format!("Start {}{unset}; options: {options}.", self.plan.start),
        }
    }
}

pub fn overview(report: &Report) -> Overview {
    let content = report.content;
    let progress = report.progress;
    let levels = &progress.score_levels;
    let mut gap = score::gap(&content.scoring, levels);
    gap.truncate(5);
    let trend = progress
        .assessments
        .iter()
        .map(|a| (a.at.date(), score::score(&content.scoring, &a.levels).total))
        .collect();
    let now = report.now;
    let interviews = interview_stats::summarize(&content.interview, progress, now);
    let sops = sop_stats::summarize(content, progress);
    let summary = summarize(content, progress, report.today());
    let mut overdue_items = summary.overdue;
    overdue_items.sort_by_key(|i| i.days_left);
    Overview {
        score: score::score(&content.scoring, levels),
        gap,
        trend,
        rated: !levels.is_empty(),
        phases: summary.phases,
        plan: timeline::plan(&content.phases, &progress.timeline, report.today()),
        timeline_set: progress.timeline.start.is_some(),
        rect: stats(&progress.rectifications, report.today()),
        people: interviews
            .roster
            .into_iter()
            .map(|mut p| {
                // Role ids read as their titles in a report.
                for role in &mut p.roles {
                    if let Some(r) = content.interview.roles.iter().find(|r| r.id.value == *role) {
                        role.clone_from(&r.title);
                    }
                }
                p
            })
            .collect(),
        sops: sops.list,
        pending_findings: sops.pending_findings,
        overdue_items,
        owners: owners(report),
        lang: report.lang,
    }
}

/// Seconds as m:ss.
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A ratio as a whole percentage.
pub fn percent(ratio: f64) -> String {
    format!("{:.0}%", (ratio * 100.0).clamp(0.0, 100.0))
}
