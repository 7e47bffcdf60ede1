//! Team mode in the runtime: notes when each field was edited as the app saves (so recorded
//! changes carry the edit's time, not the sync's), runs the sync key's sync on a background
//! thread whose stages and result come back through the input channel, and, once the merged
//! state the app took is on disk, records what the working file now includes.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;

use crate::domain::team_summary::Member;
use crate::progress::Progress;
use crate::team::flat::Fields;
use crate::team::merge::{Change, State};
use crate::team::sync::{self, Stage, Synced};
use crate::team::workspace::{self, MemberInfo, Team};

use super::events::Input;

/// What the sync thread sends.
#[derive(Debug)]
pub enum SyncMsg {
    Stage(Stage),
    Done(Box<Synced>),
}

/// A sync under way: what the app's progress was when it started.
#[derive(Debug)]
struct Running {
    base: Progress,
    started_ms: u64,
}

/// The runtime's team state.
pub struct TeamLink {
    team: Team,
    sender: Option<Sender<Input>>,
    /// Field key → when it was last edited, for edits not yet recorded (`team/edits.json`).
    times: BTreeMap<String, u64>,
    /// The shared fields of the last progress saved, to see what an edit changed; made at
    /// the first save (from the text saved before it), not at start, so the first frame does
    /// not wait for it.
    saved: Option<Fields>,
    running: Option<Running>,
    /// After a sync: the counts to record once the merged state is saved, and the time
    /// before which every edit was recorded.
    pending: Option<(BTreeMap<String, usize>, u64)>,
    /// The sync thread, so quitting lets a running git step finish.
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Wall milliseconds now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Members as the app shows them.
pub fn members(infos: &[MemberInfo]) -> Vec<Member> {
    infos
        .iter()
        .map(|m| Member {
            name: m.name.clone(),
            last_sync: m.last_sync_ms.and_then(crate::cli::team::local_time),
        })
        .collect()
}

impl TeamLink {
    /// The link for `team`; `sender` is the input channel the sync thread reports into
    /// (`None` in tests that run the sync in place).
    pub fn new(team: Team, sender: Option<Sender<Input>>) -> Self {
        let times = team.edit_times();
        Self {
            team,
            sender,
            times,
            saved: None,
            running: None,
            pending: None,
            thread: None,
        }
    }

    pub fn team(&self) -> &Team {
        &self.team
    }

    /// On the way out: gives a running sync up to `max` to finish its git step, so no git
    /// lock file is left behind. What it recorded is in the own file and is committed by the
    /// next sync.
    pub fn wait_for_sync(&mut self, max: std::time::Duration) {
        let Some(handle) = self.thread.take() else {
            return;
        };
        let deadline = std::time::Instant::now() + max;
        while !handle.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if handle.is_finished() {
            let _ = handle.join();
        }
    }

    /// Whether the next save must be told what was saved before it (the first save).
    pub fn needs_previous(&self) -> bool {
        self.saved.is_none()
    }

    /// Whether a finished sync's merged state still waits to be saved.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The members for the team view, as the last sync wrote them.
    pub fn members(&self) -> Vec<Member> {
        members(&self.team.members())
    }

    /// After `progress` was saved at `at_ms` over `previous` (the text saved before, if
    /// any): notes which fields the user changed (not a sync's merge, when one is pending)
    /// and keeps `team/edits.json` up to date.
    pub fn saved(&mut self, progress: &Progress, at_ms: u64, previous: Option<&str>) {
        if self.saved.is_none() && self.pending.is_none() {
            self.saved = Some(
                previous
                    .and_then(|text| crate::progress::decode(text).ok())
                    .map(|d| workspace::fields_of(&d.progress))
                    .unwrap_or_default(),
            );
        }
        let fields = workspace::fields_of(progress);
        if let Some((counts, started)) = self.pending.take() {
            // The merged state is on disk: it now includes `counts`, and every edit made
            // before the sync started is recorded.
            let _ = self.team.save_counts(&counts);
            self.times.retain(|_, t| *t > started);
            let _ = self.team.save_edit_times(&self.times);
        } else if let Some(before) = &self.saved
            && workspace::note_edits(&mut self.times, before, &fields, at_ms)
        {
            let _ = self.team.save_edit_times(&self.times);
        }
        self.saved = Some(fields);
    }

    /// Starts a sync of `progress` (saved just before) on a background thread. Without a
    /// sender (tests) it runs in place and its messages are returned.
    pub fn start(&mut self, progress: &Progress) -> Vec<SyncMsg> {
        let started_ms = now_ms();
        self.running = Some(Running {
            base: progress.clone(),
            started_ms,
        });
        let team = self.team.clone();
        let work = progress.clone();
        let times = self.times.clone();
        let job = move |report: &mut dyn FnMut(SyncMsg)| {
            let synced = sync::run(&team, Some(&work), started_ms, &times, &mut |stage| {
                report(SyncMsg::Stage(stage));
            });
            // End-to-end tests check what a panicking sync thread leaves (see `spawn`).
            if std::env::var_os("ZIZHI_TEST_SYNC_PANIC").is_some_and(|v| v == "1") {
                panic!("ZIZHI_TEST_SYNC_PANIC");
            }
            report(SyncMsg::Done(Box::new(synced)));
        };
        self.spawn(job)
    }

    /// Runs `job` on the sync thread (in place without a sender). A panic in it does not
    /// leave the app waiting on 同步中 for ever: it is caught on that thread (the panic hook
    /// leaves the terminal alone there) and answered with a failed sync that says what
    /// happened and what to do. Nothing was merged into the app's state; what the sync had
    /// recorded stays in the own file.
    fn spawn(
        &mut self,
        job: impl FnOnce(&mut dyn FnMut(SyncMsg)) + Send + 'static,
    ) -> Vec<SyncMsg> {
        match self.sender.clone() {
            Some(tx) => {
                let spawned =
                    std::thread::Builder::new()
                        .name("team-sync".into())
                        .spawn(move || {
                            let mut report = |msg| {
                                let _ = tx.send(Input::Sync(msg));
                            };
                            if let Err(panic) =
                                super::terminal::catch_panic_quietly(|| job(&mut report))
                            {
                                report(SyncMsg::Done(Box::new(panicked(&panic))));
                            }
                        });
                match spawned {
                    Ok(handle) => {
                        self.thread = Some(handle);
                        Vec::new()
                    }
                    Err(e) => {
                        let failed = Synced {
                            error: Some(format!("无法启动同步：{e}")),
                            ..Synced::default()
                        };
                        vec![SyncMsg::Done(Box::new(failed))]
                    }
                }
            }
            None => {
                let mut out = Vec::new();
                job(&mut |msg| out.push(msg));
                out
            }
        }
    }

    /// A finished sync, for the app: the merged state with what was typed meanwhile (`now`)
    /// put back on top, the members and the result line. The counts are recorded once that
    /// state is saved (see [`TeamLink::saved`]).
    pub fn finish(&mut self, synced: &Synced, now: &Progress) -> crate::app::SyncDone {
        let running = self.running.take();
        let progress = match (&synced.merged, running) {
            (Some(merged), Some(running)) => {
                let progress = reapply(&running.base, now, &merged.state, &merged.progress);
                if progress.is_some() {
                    self.pending = Some((merged.counts(), running.started_ms));
                }
                progress
            }
            _ => None,
        };
        let mut line = sync::result_line(synced);
        if let Some(merged) = &synced.merged
            && let Some(aside) = merged.set_aside.first()
        {
            line = format!("{line}。注意：{aside}");
        }
        crate::app::SyncDone {
            progress,
            members: members(&synced.members),
            line,
            failed: synced.error.is_some(),
        }
    }
}

/// The answer for a sync whose thread panicked: what happened and what to do.
pub fn panicked(panic: &str) -> Synced {
    Synced {
        error: Some(format!(
            "同步出错，数据未改动：按 Ctrl+Y 重试，反复出错请报告维护者（内部错误：{panic}）"
        )),
        ..Synced::default()
    }
}

/// The merged state with the fields that changed from `base` to `now` (typed while the sync
/// ran) set on top, so nothing typed meanwhile is lost. `None` when the two do not make
/// valid progress together (then the app keeps what it has and the next sync merges again).
pub fn reapply(
    base: &Progress,
    now: &Progress,
    merged: &State,
    progress: &Progress,
) -> Option<Progress> {
    if base == now {
        return Some(progress.clone());
    }
    let before = workspace::fields_of(base);
    let after = workspace::fields_of(now);
    let mut times = BTreeMap::new();
    workspace::note_edits(&mut times, &before, &after, 0);
    let after: std::collections::HashMap<&str, &serde_json::Value> =
        after.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut state = merged.clone();
    let mut hlc = state.seen;
    for key in times.keys() {
        hlc = hlc.next(u64::MAX / 2);
        state.apply(&Change {
            stamp: crate::team::clock::Stamp {
                hlc,
                who: String::new(),
            },
            key: key.clone(),
            value: after
                .get(key.as_str())
                .map_or(serde_json::Value::Null, |v| (*v).clone()),
            prev: None,
        });
    }
    workspace::progress_of(&state, &now.operator).ok()
}

#[cfg(test)]
#[path = "team_link_tests.rs"]
mod tests;
