//! What the rehearsal history says: totals per run, best and last times, the slowest steps and
//! the steps flagged most often, per SOP and over all SOPs.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::content::{Content, Sop};
use crate::progress::{Progress, SopRun};

/// How many recent runs the step averages and flag marks look at.
pub const RECENT: usize = 5;

/// The history of one SOP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SopStats {
    /// Finished runs.
    pub runs: usize,
    pub unfinished: usize,
    /// Total seconds of each finished run, oldest first.
    pub totals: Vec<u32>,
    pub best: Option<u32>,
    /// Total of the latest finished run.
    pub last: Option<u32>,
    /// Start of the latest finished run.
    pub last_run: Option<NaiveDateTime>,
    /// Steps that were timed, slowest against their target first.
    pub slowest: Vec<StepTime>,
    /// Steps flagged at least once, most often first.
    pub flagged: Vec<StepFlags>,
    /// Pending findings from this SOP's runs.
    pub pending: usize,
}

/// A step's average time over the recent runs that completed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepTime {
    /// Index of the step in the SOP.
    pub step: usize,
    pub average: u32,
    pub target: u32,
    pub samples: usize,
}

impl StepTime {
    pub fn over(&self) -> bool {
        self.average > self.target
    }
}

/// How often a step was flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFlags {
    pub step: usize,
    pub count: usize,
    /// The last [`RECENT`] runs, oldest first: flagged, reached without a flag, or not reached.
    pub recent: Vec<Mark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Flagged,
    Clean,
    NotReached,
}

/// The runs of `sop_id`, oldest first.
pub fn runs_of<'p>(
    progress: &'p Progress,
    sop_id: &str,
) -> impl DoubleEndedIterator<Item = &'p SopRun> {
    progress.sop_runs.iter().filter(move |r| r.sop == sop_id)
}

pub fn sop_stats(sop: &Sop, progress: &Progress) -> SopStats {
    let runs: Vec<&SopRun> = runs_of(progress, &sop.id).collect();
    let finished: Vec<&SopRun> = runs.iter().copied().filter(|r| r.finished).collect();
    let totals: Vec<u32> = finished.iter().map(|r| r.total_seconds()).collect();
    let recent: Vec<&SopRun> = runs.iter().rev().take(RECENT).rev().copied().collect();

    let mut slowest: Vec<StepTime> = sop
        .steps
        .iter()
        .enumerate()
        .filter_map(|(index, step)| {
            let times: Vec<u32> = runs
                .iter()
                .rev()
                .filter_map(|r| {
                    r.steps
                        .iter()
                        .find(|s| s.step == *step.id && !s.partial)
                        .map(|s| s.seconds)
                })
                .take(RECENT)
                .collect();
            if times.is_empty() {
                return None;
            }
            let sum: u64 = times.iter().map(|&t| u64::from(t)).sum();
            let average = u32::try_from(sum / times.len() as u64).unwrap_or(u32::MAX);
            Some(StepTime {
                step: index,
                average,
                target: step.target_seconds,
                samples: times.len(),
            })
        })
        .collect();
    // Steps over their target first, by the seconds they lose; then the rest by the share of
    // their target they use, so the list is never led by a short step just for being short.
    slowest.sort_by_key(|s| {
        let excess = i64::from(s.average) - i64::from(s.target);
        let ratio = u64::from(s.average) * 1000 / u64::from(s.target.max(1));
        let rank = if s.over() {
            (1, excess.unsigned_abs())
        } else {
            (0, ratio)
        };
        (std::cmp::Reverse(rank), s.step)
    });

    let mut flagged: Vec<StepFlags> = sop
        .steps
        .iter()
        .enumerate()
        .filter_map(|(index, step)| {
            let flagged_in = |r: &SopRun| {
                r.steps
                    .iter()
                    .any(|s| s.step == *step.id && s.flag.is_some())
            };
            let count = runs.iter().filter(|r| flagged_in(r)).count();
            if count == 0 {
                return None;
            }
            let recent = recent
                .iter()
                .map(|r| {
                    if flagged_in(r) {
                        Mark::Flagged
                    } else if r.steps.iter().any(|s| s.step == *step.id) {
                        Mark::Clean
                    } else {
                        Mark::NotReached
                    }
                })
                .collect();
            Some(StepFlags {
                step: index,
                count,
                recent,
            })
        })
        .collect();
    flagged.sort_by(|a, b| b.count.cmp(&a.count).then(a.step.cmp(&b.step)));

    SopStats {
        runs: finished.len(),
        unfinished: runs.len() - finished.len(),
        best: totals.iter().copied().min(),
        last: totals.last().copied(),
        last_run: finished.last().map(|r| r.started),
        totals,
        slowest,
        flagged,
        pending: progress
            .pending_findings
            .iter()
            .filter(|f| f.sop == *sop.id)
            .count(),
    }
}

/// The target time of the whole SOP in seconds.
pub fn target_seconds(sop: &Sop) -> u32 {
    sop.steps
        .iter()
        .fold(0u32, |sum, s| sum.saturating_add(s.target_seconds))
}

/// One SOP in `zizhi status --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SopLine {
    pub id: String,
    pub title: String,
    pub steps: usize,
    pub target_seconds: u32,
    pub runs: usize,
    pub best_seconds: Option<u32>,
    pub last_seconds: Option<u32>,
    pub last_run: Option<NaiveDateTime>,
}

/// The rehearsal summary for the dashboard and `zizhi status --json` (`"sops"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SopsSummary {
    /// SOPs in the content.
    pub count: usize,
    /// Finished runs over all SOPs.
    pub runs: usize,
    /// Runs aborted or cut off.
    pub unfinished_runs: usize,
    /// Start of the latest finished run, or null.
    pub last_run: Option<NaiveDateTime>,
    /// SOP id → best total of its finished runs (SOPs never finished are left out).
    pub best_seconds: BTreeMap<String, u32>,
    /// Flagged steps not yet turned into rectification items.
    pub pending_findings: usize,
    /// Per SOP, in content order.
    pub list: Vec<SopLine>,
}

/// The rehearsal figures the dashboard shows, in one pass over the runs (the full
/// [`summarize`] walks the runs once per SOP).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SopFigures {
    /// SOPs in the content.
    pub count: usize,
    /// Finished runs over all SOPs.
    pub runs: usize,
    /// Start of the latest finished run.
    pub last_run: Option<NaiveDateTime>,
    /// Flagged steps not yet turned into rectification items.
    pub pending_findings: usize,
}

pub fn figures(content: &Content, progress: &Progress) -> SopFigures {
    let runs = RunFigures::of(&progress.sop_runs);
    SopFigures {
        count: content.sops.len(),
        runs: runs.finished,
        last_run: runs.last_run,
        pending_findings: progress.pending_findings.len(),
    }
}

/// What [`SopFigures`] takes from the runs themselves: kept in the team start cache, so the
/// first frame needs none of a year's runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunFigures {
    /// Finished runs.
    pub finished: usize,
    /// Start of the latest finished run.
    pub last_run: Option<NaiveDateTime>,
}

impl RunFigures {
    pub fn of(runs: &[SopRun]) -> Self {
        let finished = runs.iter().filter(|r| r.finished);
        Self {
            finished: finished.clone().count(),
            last_run: finished.map(|r| r.started).max(),
        }
    }
}

pub fn summarize(content: &Content, progress: &Progress) -> SopsSummary {
    let finished = progress.sop_runs.iter().filter(|r| r.finished);
    let mut best_seconds: BTreeMap<String, u32> = BTreeMap::new();
    for run in finished.clone() {
        let total = run.total_seconds();
        best_seconds
            .entry(run.sop.clone())
            .and_modify(|b| *b = (*b).min(total))
            .or_insert(total);
    }
    let list = content
        .sops
        .iter()
        .map(|sop| {
            let stats = sop_stats(sop, progress);
            SopLine {
                id: sop.id.value.clone(),
                title: sop.title.clone(),
                steps: sop.steps.len(),
                target_seconds: target_seconds(sop),
                runs: stats.runs,
                best_seconds: stats.best,
                last_seconds: stats.last,
                last_run: stats.last_run,
            }
        })
        .collect();
    SopsSummary {
        count: content.sops.len(),
        runs: finished.clone().count(),
        unfinished_runs: progress.sop_runs.len() - finished.clone().count(),
        last_run: finished.map(|r| r.started).max(),
        best_seconds,
        pending_findings: progress.pending_findings.len(),
        list,
    }
}

#[cfg(test)]
#[allow(
    clippy::cast_possible_truncation,
    reason = "test values are small and known"
)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::content::load_built_in;
    use crate::progress::{PendingFinding, StepResult};

    fn t(hours: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid time")
            + Duration::hours(hours)
    }

    /// A run of `sop` with `seconds` per step (all steps when finished) and flags by index.
    fn run(sop: &Sop, at: NaiveDateTime, seconds: &[u32], flags: &[(usize, &str)]) -> SopRun {
        let finished = seconds.len() == sop.steps.len();
        SopRun {
            sop: sop.id.value.clone(),
            started: at,
            people: crate::progress::RolePeople::new(),
            steps: seconds
                .iter()
                .enumerate()
                .map(|(i, &s)| StepResult {
                    step: sop.steps[i].id.value.clone(),
                    seconds: s,
                    flag: flags
                        .iter()
                        .find(|(f, _)| *f == i)
                        .map(|(_, n)| (*n).to_owned()),
                    partial: !finished && i + 1 == seconds.len(),
                })
                .collect(),
            finished,
            ended: None,
        }
    }

    #[test]
    fn a_sop_never_rehearsed_has_no_times() {
        let content = load_built_in().expect("built-in content loads");
        let stats = sop_stats(&content.sops[0], &Progress::default());
        assert_eq!(stats, SopStats::default());
    }

    #[test]
    fn best_last_and_the_trend_come_from_finished_runs_only() {
        let content = load_built_in().expect("built-in content loads");
        let sop = &content.sops[0];
        let n = sop.steps.len();
        let mut progress = Progress::default();
        progress.sop_runs.push(run(sop, t(0), &vec![120; n], &[]));
        progress.sop_runs.push(run(sop, t(1), &[30, 40], &[]));
        progress.sop_runs.push(run(sop, t(2), &vec![90; n], &[]));
        progress.sop_runs.push(run(sop, t(3), &vec![100; n], &[]));
        let stats = sop_stats(sop, &progress);
        let n = n as u32;
        assert_eq!(stats.runs, 3);
        assert_eq!(stats.unfinished, 1);
        assert_eq!(stats.totals, vec![120 * n, 90 * n, 100 * n]);
        assert_eq!(stats.best, Some(90 * n));
        assert_eq!(stats.last, Some(100 * n));
        assert_eq!(stats.last_run, Some(t(3)));
    }

    #[test]
    fn the_slowest_step_is_the_one_furthest_over_its_target_on_recent_runs() {
        let content = load_built_in().expect("built-in content loads");
        let sop = &content.sops[0];
        let targets: Vec<u32> = sop.steps.iter().map(|s| s.target_seconds).collect();
        let mut slow = targets.clone();
        slow[2] += 100;
        slow[5] += 20;
        let mut progress = Progress::default();
        progress.sop_runs.push(run(sop, t(0), &slow, &[]));
        let mut slower = targets.clone();
        slower[2] += 60;
        slower[5] += 20;
        progress.sop_runs.push(run(sop, t(1), &slower, &[]));
        let stats = sop_stats(sop, &progress);
        assert_eq!(stats.slowest[0].step, 2);
        assert_eq!(stats.slowest[0].average, targets[2] + 80);
        assert_eq!(stats.slowest[0].samples, 2);
        assert!(stats.slowest[0].over());
        assert_eq!(stats.slowest[1].step, 5);
        assert!(!stats.slowest[2].over());
    }

    #[test]
    fn a_partial_step_does_not_count_towards_the_average() {
        let content = load_built_in().expect("built-in content loads");
        let sop = &content.sops[0];
        let mut progress = Progress::default();
        progress.sop_runs.push(run(sop, t(0), &[50, 999], &[]));
        let stats = sop_stats(sop, &progress);
        assert_eq!(stats.slowest.len(), 1);
        assert_eq!(stats.slowest[0].step, 0);
    }

    #[test]
    fn flagged_steps_show_whether_they_went_away_in_recent_runs() {
        let content = load_built_in().expect("built-in content loads");
        let sop = &content.sops[0];
        let n = sop.steps.len();
        let mut progress = Progress::default();
        progress.sop_runs.push(run(
            sop,
            t(0),
            &vec![60; n],
            &[(6, "没有监督人"), (1, "审批单没带")],
        ));
        progress
            .sop_runs
            .push(run(sop, t(1), &vec![60; n], &[(6, "监督人离开")]));
        progress.sop_runs.push(run(sop, t(2), &[60, 60], &[]));
        progress.sop_runs.push(run(sop, t(3), &vec![60; n], &[]));
        let stats = sop_stats(sop, &progress);
        assert_eq!(stats.flagged.len(), 2);
        assert_eq!(stats.flagged[0].step, 6);
        assert_eq!(stats.flagged[0].count, 2);
        assert_eq!(
            stats.flagged[0].recent,
            vec![Mark::Flagged, Mark::Flagged, Mark::NotReached, Mark::Clean]
        );
        assert_eq!(stats.flagged[1].step, 1);
    }

    #[test]
    fn the_summary_keeps_the_best_time_per_sop_and_the_latest_finished_run() {
        let content = load_built_in().expect("built-in content loads");
        let a = &content.sops[0];
        let b = &content.sops[1];
        let mut progress = Progress::default();
        progress
            .sop_runs
            .push(run(a, t(0), &vec![100; a.steps.len()], &[]));
        progress
            .sop_runs
            .push(run(a, t(1), &vec![80; a.steps.len()], &[]));
        progress
            .sop_runs
            .push(run(b, t(2), &vec![50; b.steps.len()], &[]));
        progress.sop_runs.push(run(b, t(3), &[50], &[]));
        progress.pending_findings.push(PendingFinding {
            sop: a.id.value.clone(),
            step: a.steps[0].id.value.clone(),
            note: "工单号念错".into(),
            run_started: t(0),
            at: t(0),
        });
        let summary = summarize(&content, &progress);
        assert_eq!(summary.count, content.sops.len());
        assert_eq!(summary.runs, 3);
        assert_eq!(summary.unfinished_runs, 1);
        assert_eq!(summary.last_run, Some(t(2)));
        assert_eq!(
            summary.best_seconds.get(&a.id.value),
            Some(&(80 * a.steps.len() as u32))
        );
        assert_eq!(summary.best_seconds.len(), 2);
        assert_eq!(summary.pending_findings, 1);
        assert_eq!(summary.list[0].runs, 2);
        assert_eq!(summary.list[2].runs, 0);
        assert_eq!(summary.list[2].best_seconds, None);
        // The dashboard's figures, counted in one pass, say the same.
        assert_eq!(
            figures(&content, &progress),
            SopFigures {
                count: summary.count,
                runs: summary.runs,
                last_run: summary.last_run,
                pending_findings: summary.pending_findings,
            }
        );
    }
}
