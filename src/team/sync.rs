//! One sync with the team's remote, as `zizhi team sync` and the app's sync key both run it:
//! record own edits and commit the own file, fetch, merge, push (fetching again when someone
//! pushed meanwhile). It never writes the working progress file: it answers with the merged
//! state, and the caller saves that (the command at once; the app after putting back what was
//! typed while the sync ran) and then [`Team::save_counts`].
//!
//! The caller holds the progress lock (the command takes it; the app has held it since it
//! started).

use std::collections::{BTreeMap, BTreeSet};

use super::merge::Change;
use super::repo;
use super::workspace::{self, MemberInfo, Merged, Team};
use crate::progress::Progress;

/// Where a sync is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Recording own edits and committing the own file.
    Commit,
    /// Fetching and merging the others' commits.
    Fetch,
    /// Pushing.
    Push,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Commit, Stage::Fetch, Stage::Push];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Stage::Commit => lang.t("提交", "commit"),
            Stage::Fetch => lang.t("拉取", "fetch"),
            Stage::Push => lang.t("推送", "push"),
        }
    }
}

/// What to do when a step ran out of disk space (the step's message says so).
pub const FREE_SPACE: &str = "。腾出磁盘空间后再同步（zizhi team sync 或程序里的同步键）";

/// What a sync did.
#[derive(Debug, Clone, Default)]
pub struct Synced {
    /// Own changes recorded (stamped with their edit times).
    pub recorded: usize,
    /// The merged state to save as the working file, when own edits were recorded or others'
    /// changes merged (also after a failure later on: what was recorded stays recorded).
    pub merged: Option<Merged>,
    /// Who brought what: (name, "3 个清单项，1 次演练").
    pub incoming: Vec<(String, String)>,
    /// The members and their last sync, after the sync.
    pub members: Vec<MemberInfo>,
    /// Whether the team has a remote at all (else bundles are the way).
    pub has_remote: bool,
    /// Why the sync stopped, and what to do; `None` when it went through.
    pub error: Option<String>,
}

impl Synced {
    fn failed(mut self, message: String) -> Self {
        self.error = Some(message);
        self
    }
}

/// Runs one sync; `stage` hears each step as it starts. Never panics on a failing step:
/// the answer says what happened and what to do.
pub fn run(
    team: &Team,
    work: Option<&Progress>,
    now_ms: u64,
    edited: &BTreeMap<String, u64>,
    stage: &mut dyn FnMut(Stage),
) -> Synced {
    let mut out = Synced {
        has_remote: team.me.remote.is_some(),
        ..Synced::default()
    };
    if let Err(e) = repo::version() {
        return out.failed(e.to_string());
    }
    stage(Stage::Commit);
    match team.merge_step(work, now_ms, edited, None) {
        Ok((n, merged)) => {
            out.recorded = n;
            out.merged = Some(merged);
        }
        Err(e) => {
            return out.failed(format!(
                "{e}\n没有记录任何更改，你的数据都在{}",
                if e.to_string().contains("磁盘空间已满") {
                    FREE_SPACE
                } else {
                    "；解决上面的问题后再同步"
                }
            ));
        }
    }
    let git = team.git();
    if let Err(e) = git.commit(
        &[&team.own_path_in_repo()],
        &format!("zizhi: {} 同步", team.me.name),
        false,
    ) {
        return out.failed(format!(
            "{e}\n你的更改已记录在 {}，下次同步时会提交{}",
            team.own_file().display(),
            if e.disk_full() { FREE_SPACE } else { "" }
        ));
    }
    if team.me.remote.is_some() {
        for attempt in 0..3 {
            stage(Stage::Fetch);
            if let Err(e) = git.run("fetch", ["fetch", "-q", "origin", team.me.branch.as_str()]) {
                out = out.failed(if e.disk_full() {
                    format!("{e}\n你的更改已在本地记录并提交，没有丢失{FREE_SPACE}")
                } else {
                    format!(
                        "{e}\n你的更改已在本地记录并提交，没有丢失。网络恢复后再同步（zizhi team sync 或程序里的同步键）"
                    )
                });
                break;
            }
            let head = git.rev("HEAD").ok().flatten();
            if let Err(e) = git.merge("FETCH_HEAD") {
                out = out.failed(if e.disk_full() {
                    format!("{e}\n合并已撤销，仓库和你的数据保持原样{FREE_SPACE}")
                } else {
                    format!(
                        "{e}\n合并已撤销，仓库和你的数据保持原样。通常是有人改动了别人的文件；请联系管理仓库的同事"
                    )
                });
                break;
            }
            fix_modes(team);
            // The fetch brought nothing new (the branch did not move): the files are those
            // just merged, and reading a year of them again would change nothing.
            let moved = head.is_none() || git.rev("HEAD").ok().flatten() != head;
            if moved {
                match team.merge_step(None, now_ms, &BTreeMap::new(), out.merged.as_ref()) {
                    Ok((_, mut merged)) => {
                        // What arrived before the fetch, then what the fetch brought.
                        if let Some(first) = out.merged.take() {
                            merged.arrived_after(first);
                        }
                        out.merged = Some(merged);
                    }
                    Err(e) => {
                        out = out.failed(e.to_string());
                        break;
                    }
                }
            }
            stage(Stage::Push);
            match push(team) {
                Ok(()) => break,
                Err(e) if e.disk_full() => {
                    out = out.failed(format!(
                        "{e}\n已合并远端的更改，你的更改已在本地提交，没有丢失；远端仓库所在的磁盘已满，请管理仓库的同事腾出空间后再同步"
                    ));
                    break;
                }
                Err(e) if attempt == 2 => {
                    out = out.failed(format!(
                        "{e}\n已合并远端的更改，但推送被拒绝。你的更改已在本地提交，没有丢失；稍后再同步"
                    ));
                }
                Err(_) => {} // someone pushed meanwhile: fetch and merge again
            }
        }
    }
    if let Some(merged) = &out.merged {
        out.incoming = incoming(team, merged);
        out.members = team.save_members(merged).unwrap_or_default();
        team.save_state(merged);
    }
    out
}

/// Pushes the branch to `origin`.
pub fn push(team: &Team) -> Result<(), repo::GitError> {
    let target = format!("HEAD:refs/heads/{}", team.me.branch);
    team.git()
        .run("push", ["push", "-q", "origin", target.as_str()])
        .map(|_| ())
}

/// Person files checked out by git get the umask's mode: make them owner-only again.
pub fn fix_modes(team: &Team) {
    if let Ok(entries) = std::fs::read_dir(team.people_dir()) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = workspace::set_mode(&entry.path(), 0o600);
            }
        }
    }
}

/// Who brought what: each teammate's changes that `merged` took in and the merge before it
/// had not, in a few words.
pub fn incoming(team: &Team, merged: &Merged) -> Vec<(String, String)> {
    merged
        .arrived
        .iter()
        .filter(|(id, changes)| **id != team.me.id && !changes.is_empty())
        .map(|(id, changes)| {
            let name = merged
                .marks
                .get(id)
                .map_or(id.as_str(), |m| m.name.as_str());
            let changes: Vec<&Change> = changes.iter().collect();
            (name.to_owned(), summarize(&changes))
        })
        .collect()
}

/// What others' new changes are about, in a few words ("3 个清单项，1 次演练").
pub fn summarize(changes: &[&Change]) -> String {
    let mut items = BTreeSet::new();
    let mut rects = BTreeSet::new();
    let (mut runs, mut reviews, mut other) = (0usize, 0usize, 0usize);
    for c in changes {
        let mut parts = c.key.split('/');
        match parts.next() {
            Some("items") => {
                items.insert(parts.next().unwrap_or_default());
            }
            Some("rectifications") => {
                rects.insert(parts.next().unwrap_or_default());
            }
            Some("sop_runs") if !c.value.is_null() => runs += 1,
            Some("reviews") if c.key.contains("/history/#") && !c.value.is_null() => reviews += 1,
            Some("sop_runs" | "reviews") => {}
            _ => other += 1,
        }
    }
    let mut parts = Vec::new();
    if !items.is_empty() {
        parts.push(format!("{} 个清单项", items.len()));
    }
    if !rects.is_empty() {
        parts.push(format!("{} 条整改", rects.len()));
    }
    if runs > 0 {
        parts.push(format!("{runs} 次演练"));
    }
    if reviews > 0 {
        parts.push(format!("{reviews} 次访谈练习"));
    }
    if other > 0 {
        parts.push(format!("{other} 项其他更改"));
    }
    parts.join("，")
}

/// The one line a finished sync leaves: what came in, or why it stopped.
pub fn result_line(synced: &Synced) -> String {
    let mut parts = Vec::new();
    if synced.recorded > 0 {
        parts.push(format!("已记录你的 {} 处更改", synced.recorded));
    }
    if !synced.incoming.is_empty() {
        let came: Vec<String> = synced
            .incoming
            .iter()
            .map(|(name, what)| format!("{name}：{what}"))
            .collect();
        parts.push(came.join("；"));
    }
    match &synced.error {
        Some(error) => {
            let first = error.lines().collect::<Vec<_>>().join(" ");
            parts.insert(0, format!("同步未完成：{first}"));
        }
        None if !synced.has_remote => parts
            .push("这个团队没有远端仓库：用 zizhi team bundle / team import 交换数据".to_owned()),
        None if synced.incoming.is_empty() => parts.push("已同步，没有新的团队更改".to_owned()),
        None => parts.insert(0, "已同步".to_owned()),
    }
    parts.join("。")
}
