//! The numbers a management report shows, computed once from a [`Report`] so every format
//! says the same thing: score and grade, phase progress, timeline, interview readiness and
//! demo run times.

use chrono::NaiveTime;

use super::Report;
use crate::domain::interview_stats::{self, PersonSummary};
use crate::domain::rectification::{RectStats, stats};
use crate::domain::score::{self, GapStep, ScoreResult};
use crate::domain::sop_stats::{self, SopLine};
use crate::domain::summary::{PhaseSummary, summarize};
use crate::domain::timeline::{self, Plan};

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
}

impl Overview {
    /// "启动日期 …；选项：…。" for the timeline section of every report format.
    pub fn timeline_start_sentence(&self, green_channel: bool, parallel: bool) -> String {
        let mut options = Vec::new();
        if green_channel {
            options.push("加急通道（最快 4 个月封顶）");
        }
        if parallel {
            options.push("并行准备（约省 1 个月）");
        }
        format!(
            "启动日期 {}{}；选项：{}。",
            self.plan.start,
            if self.timeline_set {
                ""
            } else {
                "（未设置，按今天推算）"
            },
            if options.is_empty() {
                "无".to_owned()
            } else {
                options.join("、")
            }
        )
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
    let now = report.today.and_time(NaiveTime::MIN);
    let interviews = interview_stats::summarize(&content.interview, progress, now);
    let sops = sop_stats::summarize(content, progress);
    Overview {
        score: score::score(&content.scoring, levels),
        gap,
        trend,
        rated: !levels.is_empty(),
        phases: summarize(content, progress, report.today).phases,
        plan: timeline::plan(&content.phases, &progress.timeline, report.today),
        timeline_set: progress.timeline.start.is_some(),
        rect: stats(&progress.rectifications, report.today),
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
