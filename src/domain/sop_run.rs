//! A demo rehearsal run as a pure state machine: every call takes `now`, nothing reads a clock.
//!
//! Time is kept per step in milliseconds: a step's clock runs from the moment it becomes
//! current (or the run resumes) until it is marked done, left with Back, or the run pauses.
//! Going back to a step and doing it again adds to its time. [`ActiveRun::record`] turns the
//! state into the [`SopRun`] kept in progress, and [`store`] writes it there together with the
//! run's pending findings.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, Timelike};

use super::moment::Moment;

use crate::content::{Content, Sop};
use crate::progress::{PendingFinding, Progress, SopRun, StepResult};

/// Where a run is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunPhase {
    Running,
    Paused,
    /// Every step was marked done.
    Finished,
    /// Stopped early; kept as an unfinished run.
    Aborted,
}

/// What [`ActiveRun::next`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    /// The next step is now current.
    Moved,
    /// That was the last step: the run is finished.
    Finished,
    /// The run is over; nothing changed.
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct StepClock {
    id: String,
    target: u32,
    spent_ms: i64,
    done: bool,
    /// Reached at least once (so it belongs in the record even with no time).
    reached: bool,
    flag: Option<String>,
    flagged_at: Option<NaiveDateTime>,
}

/// A rehearsal in progress (or just ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveRun {
    pub sop: String,
    /// Whole seconds; identifies the run together with `sop`.
    pub started: NaiveDateTime,
    pub people: BTreeMap<String, String>,
    steps: Vec<StepClock>,
    current: usize,
    phase: RunPhase,
    /// Start of the stretch of time being counted for the current step; `Some` only while
    /// running.
    /// (Monotonic milliseconds, see [`Moment`]: a wall-clock jump never lengthens a step.)
    since: Option<u64>,
    ended: Option<NaiveDateTime>,
}

/// `now` without its fraction of a second, for times written to the progress file.
pub fn whole_seconds(now: NaiveDateTime) -> NaiveDateTime {
    now.with_nanosecond(0).unwrap_or(now)
}

/// Whole seconds in `ms`, rounded half up, as stored in the record.
fn rounded_seconds(ms: i64) -> u32 {
    u32::try_from(ms.saturating_add(500) / 1000).unwrap_or(u32::MAX)
}

/// Whole seconds in `ms`, rounded down, as a running clock shows them.
fn floor_seconds(ms: i64) -> u32 {
    u32::try_from(ms / 1000).unwrap_or(u32::MAX)
}

impl ActiveRun {
    /// Starts timing the first step of `sop` at `now`.
    pub fn start(sop: &Sop, people: BTreeMap<String, String>, now: impl Into<Moment>) -> Self {
        let now: Moment = now.into();
        let mut steps: Vec<StepClock> = sop
            .steps
            .iter()
            .map(|s| StepClock {
                id: s.id.value.clone(),
                target: s.target_seconds,
                spent_ms: 0,
                done: false,
                reached: false,
                flag: None,
                flagged_at: None,
            })
            .collect();
        if let Some(first) = steps.first_mut() {
            first.reached = true;
        }
        let people = people
            .into_iter()
            .map(|(role, name)| (role, name.trim().to_owned()))
            .filter(|(_, name)| !name.is_empty())
            .collect();
        let empty = steps.is_empty();
        Self {
            sop: sop.id.value.clone(),
            started: whole_seconds(now.wall),
            people,
            steps,
            current: 0,
            phase: if empty {
                RunPhase::Finished
            } else {
                RunPhase::Running
            },
            since: (!empty).then_some(now.mono_ms),
            ended: empty.then(|| whole_seconds(now.wall)),
        }
    }

    pub fn phase(&self) -> RunPhase {
        self.phase
    }

    pub fn is_running(&self) -> bool {
        self.phase == RunPhase::Running
    }

    pub fn is_paused(&self) -> bool {
        self.phase == RunPhase::Paused
    }

    /// Finished or aborted: no call changes it any more.
    pub fn is_over(&self) -> bool {
        matches!(self.phase, RunPhase::Finished | RunPhase::Aborted)
    }

    /// Index of the current step.
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn step_id(&self, index: usize) -> Option<&str> {
        self.steps.get(index).map(|s| s.id.as_str())
    }

    pub fn is_done(&self, index: usize) -> bool {
        self.steps.get(index).is_some_and(|s| s.done)
    }

    pub fn flag(&self, index: usize) -> Option<&str> {
        self.steps.get(index).and_then(|s| s.flag.as_deref())
    }

    /// The target of the whole run in seconds.
    pub fn target_seconds(&self) -> u32 {
        self.steps
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.target))
    }

    fn live_ms(&self, now: Moment) -> i64 {
        self.since.map_or(0, |since| now.millis_since(since))
    }

    /// Seconds spent on step `index` so far, counting the running clock.
    pub fn step_seconds(&self, index: usize, now: impl Into<Moment>) -> u32 {
        let now: Moment = now.into();
        let Some(step) = self.steps.get(index) else {
            return 0;
        };
        let live = if index == self.current {
            self.live_ms(now)
        } else {
            0
        };
        floor_seconds(step.spent_ms.saturating_add(live))
    }

    /// Seconds spent on the whole run so far, paused time excluded.
    pub fn total_seconds(&self, now: impl Into<Moment>) -> u32 {
        let now: Moment = now.into();
        let spent = self
            .steps
            .iter()
            .fold(0i64, |sum, s| sum.saturating_add(s.spent_ms));
        floor_seconds(spent.saturating_add(self.live_ms(now)))
    }

    /// Adds the running stretch to the current step and stops counting.
    fn close_stretch(&mut self, now: Moment) {
        let live = self.live_ms(now);
        if let Some(step) = self.steps.get_mut(self.current) {
            step.spent_ms = step.spent_ms.saturating_add(live);
        }
        self.since = None;
    }

    /// Marks the current step done and moves to the next; after the last step the run is
    /// finished. A paused run resumes on the new step.
    pub fn next(&mut self, now: impl Into<Moment>) -> Advance {
        let now: Moment = now.into();
        if self.is_over() {
            return Advance::Ignored;
        }
        self.close_stretch(now);
        if let Some(step) = self.steps.get_mut(self.current) {
            step.done = true;
        }
        if self.current + 1 >= self.steps.len() {
            self.phase = RunPhase::Finished;
            self.ended = Some(whole_seconds(now.wall));
            return Advance::Finished;
        }
        self.current += 1;
        if let Some(step) = self.steps.get_mut(self.current) {
            step.reached = true;
        }
        self.phase = RunPhase::Running;
        self.since = Some(now.mono_ms);
        Advance::Moved
    }

    /// Goes back to the previous step to do it again: it is no longer done and its clock
    /// runs on from where it stopped. Returns whether the step changed.
    pub fn back(&mut self, now: impl Into<Moment>) -> bool {
        let now: Moment = now.into();
        if self.is_over() || self.current == 0 {
            return false;
        }
        self.close_stretch(now);
        self.current -= 1;
        if let Some(step) = self.steps.get_mut(self.current) {
            step.done = false;
        }
        self.phase = RunPhase::Running;
        self.since = Some(now.mono_ms);
        true
    }

    /// Stops the clocks. Returns whether anything changed.
    pub fn pause(&mut self, now: impl Into<Moment>) -> bool {
        let now: Moment = now.into();
        if self.phase != RunPhase::Running {
            return false;
        }
        self.close_stretch(now);
        self.phase = RunPhase::Paused;
        true
    }

    /// Starts the clocks again. Returns whether anything changed.
    pub fn resume(&mut self, now: impl Into<Moment>) -> bool {
        let now: Moment = now.into();
        if self.phase != RunPhase::Paused {
            return false;
        }
        self.phase = RunPhase::Running;
        self.since = Some(now.mono_ms);
        true
    }

    pub fn toggle_pause(&mut self, now: impl Into<Moment>) -> bool {
        let now: Moment = now.into();
        if self.is_paused() {
            self.resume(now)
        } else {
            self.pause(now)
        }
    }

    /// Flags the current step with `note` (trimmed); an empty note removes the flag.
    /// Returns whether the flag changed.
    pub fn set_flag(&mut self, note: &str, now: NaiveDateTime) -> bool {
        if self.is_over() {
            return false;
        }
        let note = note.trim();
        let Some(step) = self.steps.get_mut(self.current) else {
            return false;
        };
        let new = (!note.is_empty()).then(|| note.to_owned());
        if step.flag == new {
            return false;
        }
        step.flagged_at = new.as_ref().map(|_| whole_seconds(now));
        step.flag = new;
        true
    }

    /// Stops the run early; it is kept as unfinished with the time spent so far.
    pub fn abort(&mut self, now: impl Into<Moment>) -> bool {
        let now: Moment = now.into();
        if self.is_over() {
            return false;
        }
        self.close_stretch(now);
        self.phase = RunPhase::Aborted;
        self.ended = Some(whole_seconds(now.wall));
        true
    }

    /// The run as kept in progress. A running step's clock counts only up to the last call
    /// (pause, flag, step change), which is what a crash would leave on disk.
    pub fn record(&self) -> SopRun {
        let steps = self
            .steps
            .iter()
            .filter(|s| s.reached || s.done || s.flag.is_some())
            .map(|s| StepResult {
                step: s.id.clone(),
                seconds: rounded_seconds(s.spent_ms),
                flag: s.flag.clone(),
                partial: !s.done,
            })
            .collect();
        SopRun {
            sop: self.sop.clone(),
            started: self.started,
            people: crate::progress::RolePeople::from(&self.people),
            steps,
            finished: self.phase == RunPhase::Finished,
            ended: self.ended,
        }
    }

    /// The run's flagged steps as pending findings.
    pub fn findings(&self) -> Vec<PendingFinding> {
        self.steps
            .iter()
            .filter_map(|s| {
                let note = s.flag.clone()?;
                Some(PendingFinding {
                    sop: self.sop.clone(),
                    step: s.id.clone(),
                    note,
                    run_started: self.started,
                    at: s.flagged_at.unwrap_or(self.started),
                })
            })
            .collect()
    }
}

/// Writes `run` into `progress`: its record (at `index` when that is still the same run,
/// otherwise found by start time or appended) and its pending findings, keeping findings of
/// other runs untouched. Returns the index of the record.
pub fn store(progress: &mut Progress, run: &ActiveRun, index: Option<usize>) -> usize {
    let record = run.record();
    let same = |r: &SopRun| r.sop == record.sop && r.started == record.started;
    let found = index
        .filter(|&i| progress.sop_runs.get(i).is_some_and(same))
        .or_else(|| progress.sop_runs.iter().rposition(same));
    let index = match found {
        Some(i) => {
            progress.sop_runs[i] = record;
            i
        }
        None => {
            progress.sop_runs.push(record);
            progress.sop_runs.len() - 1
        }
    };
    let findings = run.findings();
    // Keep the order of findings already listed; add new ones at the end.
    progress.pending_findings.retain(|f| {
        f.sop != run.sop
            || f.run_started != run.started
            || findings.iter().any(|n| n.step == f.step)
    });
    for finding in findings {
        match progress.pending_findings.iter_mut().find(|f| {
            f.sop == finding.sop && f.run_started == finding.run_started && f.step == finding.step
        }) {
            Some(existing) => *existing = finding,
            None => progress.pending_findings.push(finding),
        }
    }
    index
}

/// Removes the record of `run` (at `index` when that is still it). An aborted run with no
/// step done leaves no 未完成 record behind; notes flagged on it stay as pending findings.
/// Returns whether a record was removed.
pub fn discard(progress: &mut Progress, run: &ActiveRun, index: Option<usize>) -> bool {
    let record = run.record();
    let same = |r: &SopRun| r.sop == record.sop && r.started == record.started;
    let found = index
        .filter(|&i| progress.sop_runs.get(i).is_some_and(same))
        .or_else(|| progress.sop_runs.iter().rposition(same));
    match found {
        Some(i) => {
            progress.sop_runs.remove(i);
            true
        }
        None => false,
    }
}

/// Removes pending finding `index` and returns it: what the rectification area calls when it
/// turns the finding into a rectification item. The flag stays in the run's history.
pub fn take_finding(progress: &mut Progress, index: usize) -> Option<PendingFinding> {
    (index < progress.pending_findings.len()).then(|| progress.pending_findings.remove(index))
}

/// Where a finding came from in words: "漏洞修复流程演示 · 第 7 步 双人操作在正式系统上安装".
/// Falls back to the ids when the SOP or step left the content.
pub fn describe_finding(content: &Content, finding: &PendingFinding) -> String {
    let Some(sop) = content.sops.iter().find(|s| *s.id == finding.sop) else {
        return format!("{} · {}", finding.sop, finding.step);
    };
    match sop.steps.iter().position(|s| *s.id == finding.step) {
        Some(i) => format!("{} · 第 {} 步 {}", sop.title, i + 1, sop.steps[i].title),
        None => format!("{} · {}", sop.title, finding.step),
    }
}
