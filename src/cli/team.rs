//! `zizhi team join | sync | bundle | import`: team mode from the command line. Every step
//! holds the progress lock, records own edits first, and leaves the working file and the
//! repository consistent when it stops halfway (the message says what to run next).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::domain::team_summary::Member;
use crate::progress::{self, Progress, Store};
use crate::team::repo::{self, Git};
use crate::team::workspace::{self, Me, Merged, Team, TeamError};

use super::exit::{Failure, Status};

fn fail(e: TeamError) -> Failure {
    Failure::new(Status::Failed, e.to_string())
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn lock(store: &Store) -> Result<progress::LockGuard, Failure> {
    store
        .ensure_dir()
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    store.lock("team").map_err(|e| {
        let hint = match e {
            progress::StoreError::Locked { .. } | progress::StoreError::LockedElsewhere { .. } => {
                "团队同步需要独占进度文件：请先退出正在运行的 zizhi（或在其中按同步键）"
            }
            // Disk full, permissions: nothing was touched yet.
            _ => "什么都没有改动，你的数据都在；解决上面的问题（如腾出磁盘空间）后再运行一次同样的命令",
        };
        Failure::new(Status::of_store_error(&e), format!("{e}\n{hint}"))
    })
}

fn out_err(e: std::io::Error) -> Failure {
    Failure::new(Status::Failed, format!("输出失败：{e}"))
}

/// Saves the merge as the working progress file, then records what it includes.
fn save_merged(team: &Team, store: &Store, merged: &Merged) -> Result<(), Failure> {
    store
        .save(&progress::encode(&merged.progress))
        .map_err(|e| {
            Failure::new(
                Status::Failed,
                format!("{e}\n团队数据完好；解决后再运行一次同样的命令即可"),
            )
        })?;
    team.save_counts(&merged.counts()).map_err(fail)
}

fn read_work(store: &Store) -> Result<Option<Progress>, Failure> {
    match store
        .load()
        .map_err(|e| Failure::new(Status::ProgressUnreadable, e.to_string()))?
    {
        None => Ok(None),
        Some(_) => super::read_progress(store)
            .map(|(p, _)| Some(p))
            .map_err(|m| Failure::new(Status::ProgressUnreadable, m)),
    }
}

/// Records own edits and merges; prints set-aside files.
fn record(team: &Team, store: &Store, out: &mut impl Write) -> Result<(usize, Merged), Failure> {
    let work = read_work(store)?;
    let edited = team.edit_times();
    let (n, merged) = team
        .record_at(work.as_ref(), now_ms(), &edited)
        .map_err(fail)?;
    save_merged(team, store, &merged)?;
    if !edited.is_empty() {
        team.save_edit_times(&BTreeMap::new()).map_err(fail)?;
    }
    let _ = team.save_members(&merged);
    for aside in &merged.set_aside {
        writeln!(out, "注意：{aside}").map_err(out_err)?;
    }
    Ok((n, merged))
}

fn is_bundle(path: &Path) -> bool {
    let mut head = [0u8; 16];
    crate::safe_fs::open_regular(path, crate::safe_fs::Links::Follow)
        .is_ok_and(|(mut f, _)| std::io::Read::read_exact(&mut f, &mut head).is_ok())
        && (head.starts_with(b"# v2 git bundle") || head.starts_with(b"# v3 git bundle"))
}

/// The team for `status`: this person's name and every member with a usable file, with the
/// time of their last commit in the team repository (local time).
pub fn info(team: &Team) -> super::status::TeamInfo {
    let loaded = workspace::load_people(&team.people_dir());
    let last = team.git().last_commits().unwrap_or_default();
    let mut members: Vec<Member> = loaded
        .people
        .iter()
        .map(|p| Member {
            name: p.name.clone(),
            last_sync: last.get(&p.id).copied().and_then(local_time),
        })
        .collect();
    if !members.iter().any(|m| m.name == team.me.name) {
        members.push(Member {
            name: team.me.name.clone(),
            last_sync: last.get(&team.me.id).copied().and_then(local_time),
        });
    }
    members.sort_by(|a, b| a.name.cmp(&b.name));
    super::status::TeamInfo {
        name: team.me.name.clone(),
        members,
    }
}

/// Wall milliseconds as local time.
pub fn local_time(ms: u64) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::from_timestamp_millis(i64::try_from(ms).ok()?)
        .map(|t| t.with_timezone(&chrono::Local).naive_local())
}

/// Records own edits now (`zizhi item` in team mode); the caller holds the lock.
pub fn record_now(team: &Team, store: &Store, out: &mut impl Write) -> Result<(), Failure> {
    record(team, store, out).map(|_| ())
}

/// `zizhi team join [REMOTE] --name NAME`.
pub fn join(
    config_dir: &Path,
    solo: &Store,
    remote: Option<&str>,
    name: &str,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Failure::new(
            Status::Usage,
            "--name 不能为空：请给出你在团队里的姓名",
        ));
    }
    repo::version().map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    if let Some(team) = Team::open(config_dir).map_err(fail)? {
        return Err(Failure::new(
            Status::Failed,
            format!(
                "已以「{}」加入团队（{}）。要同步请运行 zizhi team sync",
                team.me.name,
                team.root.display()
            ),
        ));
    }
    let root = Team::root_in(config_dir);
    workspace::private_dir(config_dir).map_err(fail)?;
    workspace::private_dir(&root).map_err(fail)?;
    let repo_dir = root.join("repo");
    if std::fs::symlink_metadata(&repo_dir).is_ok() {
        return Err(Failure::new(
            Status::Failed,
            format!(
                "{} 已存在（上次加入未完成？）。确认其中没有需要的数据后删除它，再重试",
                repo_dir.display()
            ),
        ));
    }
    let id = workspace::new_person_id();
    let mut me = Me {
        id,
        name: name.to_owned(),
        branch: "main".into(),
        remote: remote.map(str::to_owned),
    };
    let git = Git::new(&repo_dir, name, &me.id);
    let from_bundle = remote.is_some_and(|r| is_bundle(Path::new(r)));
    match remote {
        Some(remote) => git
            .clone_from(remote)
            .map_err(|e| Failure::new(Status::Failed, e.to_string()))?,
        None => {
            let parent = Git::new(&root, name, &me.id);
            parent
                .run("init", ["init", "-q", "repo"])
                .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
        }
    }
    workspace::set_mode(&repo_dir, 0o700)
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    if !git
        .has_commits()
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?
    {
        // A remote whose HEAD names a branch nobody pushed (a bare repository made with
        // another default branch) still holds the team's branch: check it out.
        let branches = git
            .run(
                "for-each-ref",
                [
                    "for-each-ref",
                    "--format=%(refname:lstrip=3)",
                    "refs/remotes/origin/",
                ],
            )
            .unwrap_or_default();
        let names: Vec<&str> = branches.lines().filter(|b| *b != "HEAD").collect();
        if let Some(branch) = names.iter().find(|b| **b == "main").or(names.first()) {
            let upstream = format!("origin/{branch}");
            git.run(
                "checkout",
                ["checkout", "-q", "-B", branch, upstream.as_str()],
            )
            .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
        }
    }
    let started = !git
        .has_commits()
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    if started {
        git.run("symbolic-ref", ["symbolic-ref", "HEAD", "refs/heads/main"])
            .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    } else {
        me.branch = git
            .run("symbolic-ref", ["symbolic-ref", "--short", "HEAD"])
            .map(|b| b.trim().to_owned())
            .unwrap_or_else(|_| "main".into());
    }
    if from_bundle {
        // A bundle is a one-off transfer, not a place to sync with.
        let _ = git.run("remote", ["remote", "remove", "origin"]);
        me.remote = None;
    }
    let team = Team {
        root: root.clone(),
        me,
    };
    // Existing solo progress becomes this person's data.
    let (solo_progress, _) =
        super::read_progress(solo).map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
    let solo_ms = std::fs::metadata(solo.path())
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or_else(now_ms);
    let adopted = team.adopt(&solo_progress, solo_ms).map_err(fail)?;
    let git = team.git();
    git.commit(
        &[&team.own_path_in_repo()],
        &format!("zizhi: {} 加入团队", team.me.name),
        false,
    )
    .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    team.save_me().map_err(fail)?;
    let store = Store::new(team.work_path());
    let _lock = lock(&store)?;
    let (_, merged) = record(&team, &store, out)?;
    writeln!(
        out,
        "已以「{}」加入团队（成员编号 {}）。团队目录：{}",
        team.me.name,
        team.me.id,
        team.root.display()
    )
    .map_err(out_err)?;
    if adopted > 0 {
        writeln!(
            out,
            "原有的单人进度已并入你的团队数据（{adopted} 个字段）；原文件 {} 保留未动",
            solo.path().display()
        )
        .map_err(out_err)?;
    }
    let others = merged.marks.len().saturating_sub(1);
    writeln!(out, "团队里已有其他成员 {others} 人").map_err(out_err)?;
    if team.me.remote.is_some() {
        match crate::team::sync::push(&team) {
            Ok(()) => writeln!(out, "已推送到远端").map_err(out_err)?,
            Err(e) => writeln!(
                out,
                "未能推送到远端（{e}）：数据已在本地提交，稍后运行 zizhi team sync"
            )
            .map_err(out_err)?,
        }
    }
    Ok(())
}

/// Records own edits and commits the own file.
fn record_and_commit(
    team: &Team,
    store: &Store,
    message: &str,
    allow_empty: bool,
    out: &mut impl Write,
) -> Result<usize, Failure> {
    let (n, _) = record(team, store, out)?;
    team.git()
        .commit(&[&team.own_path_in_repo()], message, allow_empty)
        .map_err(|e| {
            Failure::new(
                Status::Failed,
                format!(
                    "{e}\n你的更改已记录在 {}，下次同步时会提交",
                    team.own_file().display()
                ),
            )
        })?;
    Ok(n)
}

/// Merges `rev` (fetched or imported) and the person files it brought.
fn merge_in(team: &Team, store: &Store, rev: &str, out: &mut impl Write) -> Result<(), Failure> {
    team.git().merge(rev).map_err(|e| {
        let next = if e.disk_full() {
            "腾出磁盘空间后再运行一次同样的命令"
        } else {
            "通常是有人改动了别人的文件；请联系管理仓库的同事"
        };
        Failure::new(
            Status::Failed,
            format!("{e}\n合并已撤销，仓库和你的数据保持原样。{next}"),
        )
    })?;
    crate::team::sync::fix_modes(team);
    let (_, merged) = record(team, store, out)?;
    let incoming = crate::team::sync::incoming(team, &merged);
    for (name, what) in &incoming {
        writeln!(out, "{name}：{what}").map_err(out_err)?;
    }
    if incoming.is_empty() {
        writeln!(out, "没有新的团队更改").map_err(out_err)?;
    }
    Ok(())
}

/// `zizhi team sync`.
pub fn sync(team: &Team, out: &mut impl Write) -> Result<(), Failure> {
    repo::version().map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    let store = Store::new(team.work_path());
    let _lock = lock(&store)?;
    let work = read_work(&store)?;
    let edited = team.edit_times();
    let synced = crate::team::sync::run(team, work.as_ref(), now_ms(), &edited, &mut |_| {});
    if let Some(merged) = &synced.merged {
        save_merged(team, &store, merged).map_err(|mut failure| {
            // The sync's own failure (often the same full disk) comes first.
            if let Some(error) = &synced.error {
                failure.message = format!("{error}\n{}", failure.message);
            }
            failure
        })?;
        // Every edit is recorded now, with its time.
        team.save_edit_times(&BTreeMap::new()).map_err(fail)?;
        for aside in &merged.set_aside {
            writeln!(out, "注意：{aside}").map_err(out_err)?;
        }
    }
    if synced.recorded > 0 {
        writeln!(out, "已记录你的 {} 处更改", synced.recorded).map_err(out_err)?;
    }
    for (name, what) in &synced.incoming {
        writeln!(out, "{name}：{what}").map_err(out_err)?;
    }
    if let Some(error) = synced.error {
        return Err(Failure::new(Status::Failed, error));
    }
    if !synced.has_remote {
        writeln!(
            out,
            "这个团队没有远端仓库：用 zizhi team bundle 文件 / zizhi team import 文件 交换数据"
        )
        .map_err(out_err)?;
        return Ok(());
    }
    if synced.incoming.is_empty() {
        writeln!(out, "没有新的团队更改").map_err(out_err)?;
    }
    writeln!(out, "已同步").map_err(out_err)?;
    Ok(())
}

fn print_digests(path: &Path, out: &mut impl Write) -> Result<(), Failure> {
    let digests = super::checksum::digest_path(path)
        .map_err(|e| Failure::new(Status::Failed, format!("无法读取 {}：{e}", path.display())))?;
    writeln!(out, "SHA-256  {}", digests.sha256).map_err(out_err)?;
    writeln!(out, "SM3      {}", digests.sm3).map_err(out_err)?;
    Ok(())
}

/// `zizhi team bundle FILE [--all]`.
pub fn bundle(team: &Team, file: &Path, all: bool, out: &mut impl Write) -> Result<(), Failure> {
    repo::version().map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    let store = Store::new(team.work_path());
    let _lock = lock(&store)?;
    let label = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    let git = team.git();
    // The commit's subject names the bundle, so a later bundle that needs it can say so.
    let message = format!("zizhi bundle {label}（{} 制作）", team.me.name);
    record_and_commit(team, &store, &message, true, out)?;
    let mut args: Vec<String> = vec![
        "bundle".into(),
        "create".into(),
        "-q".into(),
        file.to_string_lossy().into_owned(),
        team.me.branch.clone(),
    ];
    if !all {
        let known = git
            .run(
                "for-each-ref",
                [
                    "for-each-ref",
                    "--format=%(refname)",
                    "refs/zizhi/",
                    "refs/remotes/",
                ],
            )
            .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
        let known: Vec<String> = known.lines().map(str::to_owned).collect();
        if !known.is_empty() {
            args.push("--not".into());
            args.extend(known);
        }
    }
    git.run("bundle", &args)
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    let _ = workspace::set_mode(file, 0o600);
    let head = git
        .rev("HEAD")
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?
        .unwrap_or_default();
    let sent = format!("refs/zizhi/sent/{head}");
    git.run("update-ref", ["update-ref", sent.as_str(), head.as_str()])
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    writeln!(
        out,
        "已写入 {}（交给同事用 zizhi team import 导入）",
        file.display()
    )
    .map_err(out_err)?;
    print_digests(file, out)
}

/// Largest bundle file read (a year of a 20-person team's history is a few MB).
const BUNDLE_CAP: u64 = 1024 * 1024 * 1024;

/// The prerequisite commits a bundle lists (`-<sha> <subject>` header lines).
fn prerequisites(file: &Path) -> Result<Vec<(String, String)>, Failure> {
    let bytes = crate::safe_fs::read_regular(file, BUNDLE_CAP, crate::safe_fs::Links::Follow)
        .map_err(|e| Failure::new(Status::Failed, format!("无法读取 {}：{e}", file.display())))?;
    let mut out = Vec::new();
    for line in bytes.split(|b| *b == b'\n').skip(1) {
        if line.is_empty() {
            break;
        }
        if let Some(rest) = line.strip_prefix(b"-") {
            let text = String::from_utf8_lossy(rest);
            let (sha, subject) = text.split_once(' ').unwrap_or((&text, ""));
            out.push((sha.to_owned(), subject.to_owned()));
        }
    }
    Ok(out)
}

/// `zizhi team import FILE`.
pub fn import(team: &Team, file: &Path, out: &mut impl Write) -> Result<(), Failure> {
    repo::version().map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    if !is_bundle(file) {
        return Err(Failure::new(
            Status::Failed,
            format!("{} 不是 git bundle 文件", file.display()),
        ));
    }
    print_digests(file, out)?;
    let store = Store::new(team.work_path());
    let _lock = lock(&store)?;
    let git = team.git();
    let missing: Vec<String> = prerequisites(file)?
        .into_iter()
        .filter(|(sha, _)| {
            !git.check("cat-file", ["cat-file", "-e", &format!("{sha}^{{commit}}")])
                .unwrap_or(false)
        })
        .map(
            |(sha, subject)| {
                if subject.is_empty() { sha } else { subject }
            },
        )
        .collect();
    if !missing.is_empty() {
        return Err(Failure::new(
            Status::Failed,
            format!(
                "这个包需要先导入更早的包：{}\n什么都没有改动。请先导入它，或请对方用 zizhi team bundle 文件 --all 重新制作完整的包",
                missing.join("；")
            ),
        ));
    }
    record_and_commit(
        team,
        &store,
        &format!("zizhi: {} 导入前记录", team.me.name),
        false,
        out,
    )?;
    let heads = git
        .run("bundle", ["bundle", "list-heads", &file.to_string_lossy()])
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    let (head, branch) = heads
        .lines()
        .filter_map(|l| l.split_once(' '))
        .find(|(_, name)| name.starts_with("refs/heads/"))
        .map(|(sha, name)| (sha.to_owned(), name.trim().to_owned()))
        .ok_or_else(|| Failure::new(Status::Failed, format!("{} 里没有分支", file.display())))?;
    let received = format!("refs/zizhi/received/{head}");
    git.run(
        "fetch",
        [
            "fetch".to_owned(),
            "-q".into(),
            file.to_string_lossy().into_owned(),
            format!("{branch}:{received}"),
        ],
    )
    .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    merge_in(team, &store, &received, out)?;
    writeln!(out, "已导入 {}", file.display()).map_err(out_err)?;
    Ok(())
}
