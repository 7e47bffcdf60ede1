//! The team repository through the `git` command found on the machine. Every call switches
//! off what could run code or follow links from the repository: hooks, fsmonitor, symlinks
//! (checked out as plain files), `ext::` remotes and submodules. The user's own git
//! configuration (credentials, proxies, the company CA) still applies: it is theirs.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Why a git step failed, in words that say what to do.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("找不到 git 命令：团队模式通过 git 同步。请安装 git（如 apt install git）后重试")]
    Missing,
    #[error("无法运行 git：{0}")]
    Spawn(String),
    #[error("git {step} 失败：{detail}")]
    Failed { step: String, detail: String },
}

/// What git says when the disk (or the user's quota) is full; git runs with `LC_ALL=C`.
const FULL: &[&str] = &[
    "No space left on device",
    "Out of diskspace",
    "Disk quota exceeded",
];

impl GitError {
    /// Whether the step failed because the disk or the quota is full.
    pub fn disk_full(&self) -> bool {
        match self {
            GitError::Failed { detail, .. } => detail.starts_with(FULL_NOTE),
            _ => false,
        }
    }
}

/// How a failure for lack of space starts its detail, whichever line git said it on.
const FULL_NOTE: &str = "磁盘空间已满";

/// Settings passed to every git call (see the module comment).
const SAFE: &[&str] = &[
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.symlinks=false",
    "-c",
    "core.sharedRepository=0600",
    "-c",
    "protocol.ext.allow=never",
    "-c",
    "submodule.recurse=false",
    "-c",
    "fetch.recurseSubmodules=false",
    "-c",
    "commit.gpgSign=false",
    "-c",
    "merge.verifySignatures=false",
    "-c",
    "init.defaultBranch=main",
    "-c",
    "advice.detachedHead=false",
];

/// Environment a caller may have set that would point git elsewhere.
const CLEARED_ENV: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
];

/// A git runner for one working directory, committing as one zizhi person.
#[derive(Debug, Clone)]
pub struct Git {
    pub dir: PathBuf,
    author_name: String,
    author_email: String,
    /// Never ask for a password on the terminal (the TUI owns it).
    no_prompt: bool,
}

/// git's version line, or [`GitError::Missing`].
pub fn version() -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Spawn(e.to_string()),
        })?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>, name: &str, person_id: &str) -> Self {
        Self {
            dir: dir.into(),
            author_name: name.to_owned(),
            author_email: format!("{person_id}@zizhi.invalid"),
            no_prompt: false,
        }
    }

    /// Never prompt on the terminal (for calls made while the interactive app runs).
    pub fn without_prompts(mut self) -> Self {
        self.no_prompt = true;
        self
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        cmd.current_dir(&self.dir).args(SAFE).args(args);
        for key in CLEARED_ENV {
            cmd.env_remove(key);
        }
        cmd.env("GIT_AUTHOR_NAME", &self.author_name)
            .env("GIT_AUTHOR_EMAIL", &self.author_email)
            .env("GIT_COMMITTER_NAME", &self.author_name)
            .env("GIT_COMMITTER_EMAIL", &self.author_email)
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        if self.no_prompt {
            cmd.env("GIT_TERMINAL_PROMPT", "0")
                .env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        cmd
    }

    fn output<I, S>(&self, step: &str, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Spawn(format!("{step}：{e}")),
        })
    }

    /// Runs a step that must succeed; its standard output.
    pub fn run<I, S>(&self, step: &str, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(step, args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(GitError::Failed {
                step: step.to_owned(),
                detail: last_lines(&out),
            })
        }
    }

    /// Runs a step whose exit status is an answer (yes = 0).
    pub fn check<I, S>(&self, step: &str, args: I) -> Result<bool, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(step, args)?.status.success())
    }

    /// Clones `remote` (a URL, a path to a bare repository or a bundle file) into `self.dir`.
    pub fn clone_from(&self, remote: &str) -> Result<(), GitError> {
        let parent = self.dir.parent().unwrap_or(Path::new("."));
        let runner = Git {
            dir: parent.to_owned(),
            ..self.clone()
        };
        let target = self.dir.as_os_str();
        runner.run(
            "clone",
            [
                OsStr::new("clone"),
                OsStr::new("-q"),
                OsStr::new("--no-recurse-submodules"),
                OsStr::new("--"),
                OsStr::new(remote),
                target,
            ],
        )?;
        Ok(())
    }

    /// Person id → the time of their last commit (wall milliseconds), from the author
    /// e-mail zizhi gives every commit (`<id>@zizhi.invalid`).
    pub fn last_commits(&self) -> Result<std::collections::BTreeMap<String, u64>, GitError> {
        let mut out = std::collections::BTreeMap::new();
        if !self.has_commits()? {
            return Ok(out);
        }
        let log = self.run("log", ["log", "--format=%ct %ae"])?;
        for line in log.lines() {
            let Some((secs, email)) = line.split_once(' ') else {
                continue;
            };
            let (Ok(secs), Some(id)) = (secs.parse::<u64>(), email.strip_suffix("@zizhi.invalid"))
            else {
                continue;
            };
            out.entry(id.to_owned())
                .or_insert(secs.saturating_mul(1000));
        }
        Ok(out)
    }

    /// Whether the repository has any commit yet.
    pub fn has_commits(&self) -> Result<bool, GitError> {
        self.check(
            "rev-parse",
            ["rev-parse", "-q", "--verify", "HEAD^{commit}"],
        )
    }

    /// Commits `paths` (if anything changed) with `message`; whether a commit was made.
    pub fn commit(
        &self,
        paths: &[&str],
        message: &str,
        allow_empty: bool,
    ) -> Result<bool, GitError> {
        let mut add = vec!["add", "--"];
        add.extend_from_slice(paths);
        self.run("add", add)?;
        let staged = !self.check("diff", ["diff", "--cached", "--quiet"])?;
        if !staged && !allow_empty {
            return Ok(false);
        }
        let mut args = vec!["commit", "-q", "--no-verify", "-m", message];
        if allow_empty {
            args.push("--allow-empty");
        }
        self.run("commit", args)?;
        Ok(true)
    }

    /// The commit id of `rev`, if it exists.
    pub fn rev(&self, rev: &str) -> Result<Option<String>, GitError> {
        let out = self.output(
            "rev-parse",
            ["rev-parse", "-q", "--verify", &format!("{rev}^{{commit}}")],
        )?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned()))
    }

    /// `git status` in the form read here (NUL-separated, no renames, every untracked
    /// file), of the whole work tree or of `pathspec` only.
    fn status(&self, pathspec: Option<&str>) -> Result<Output, GitError> {
        let mut args = vec![
            "status",
            "--porcelain=v1",
            "-z",
            "--no-renames",
            "--untracked-files=all",
        ];
        args.extend(pathspec.into_iter().flat_map(|p| ["--", p]));
        self.output("status", args)
    }

    /// The paths `git status` lists now (see [`listed`]).
    fn status_paths(&self) -> Result<std::collections::BTreeSet<String>, GitError> {
        let out = self.status(None)?;
        if !out.status.success() {
            return Err(GitError::Failed {
                step: "status".into(),
                detail: last_lines(&out),
            });
        }
        Ok(listed(&out))
    }

    /// Merges `rev` into the current branch; when it fails (a conflict, or the disk filled
    /// up while git wrote the files) the merge is undone and the repository left as it was:
    /// files the failed merge wrote or changed go back to the committed ones, and nothing
    /// that was already changed or untracked before is touched.
    pub fn merge(&self, rev: &str) -> Result<(), GitError> {
        self.clear_leftovers_of(rev);
        let before = self.status_paths()?;
        let out = self.output(
            "merge",
            [
                "merge",
                "-q",
                "--no-edit",
                "--no-verify",
                "--allow-unrelated-histories",
                "-m",
                "zizhi: merge",
                rev,
            ],
        )?;
        if out.status.success() {
            return Ok(());
        }
        let detail = last_lines(&out);
        let _ = self.output("merge", ["merge", "--abort"]);
        self.undo_leftovers(&before);
        Err(GitError::Failed {
            step: "merge".into(),
            detail,
        })
    }
}

/// Where [`Git::merge`] keeps untracked copies of incoming files, inside `.git`.
pub const SET_ASIDE: &str = "zizhi-set-aside";

impl Git {
    /// Untracked people's files that `rev` brings are moved into `.git/zizhi-set-aside/`:
    /// mostly leftovers of an earlier merge that ran out of space and could not clean up after
    /// itself, else a copy put there by hand. Git refuses to overwrite them, so left in place
    /// they would fail every later sync; `rev` holds the file whole, this person's own file is
    /// always tracked by the time a sync merges, and a rename inside the repository needs no
    /// disk space and keeps every byte.
    fn clear_leftovers_of(&self, rev: &str) {
        let Ok(out) = self.status(Some("people")) else {
            return;
        };
        if !out.status.success() {
            return;
        }
        let untracked = out
            .stdout
            .split(|b| *b == 0)
            .filter_map(|entry| entry.strip_prefix(b"?? "))
            .map(|path| String::from_utf8_lossy(path).into_owned());
        for path in untracked {
            let spec = format!("{rev}:{path}");
            if matches!(
                self.check("cat-file", ["cat-file", "-e", spec.as_str()]),
                Ok(true)
            ) {
                let aside = self.dir.join(".git").join(SET_ASIDE);
                let name = path.replace('/', "%");
                let target = (0..)
                    .map(|n| aside.join(format!("{name}.{n}")))
                    .find(|t| !t.exists())
                    .unwrap_or_else(|| aside.join(&name));
                let _ = std::fs::create_dir_all(&aside)
                    .and_then(|()| std::fs::rename(self.dir.join(&path), target));
            }
        }
    }

    /// After a failed merge: what `git status` lists now and did not before was left by
    /// it (a fast-forward that ran out of space half way has no merge to abort). Files
    /// HEAD has are checked out again, others removed. Best effort: what fails here is
    /// tried again after the next failed merge.
    fn undo_leftovers(&self, before: &std::collections::BTreeSet<String>) {
        let Ok(now) = self.status_paths() else {
            return;
        };
        for path in now.difference(before) {
            let _ = self.output("reset", ["reset", "-q", "--", path.as_str()]);
            let spec = format!("HEAD:{path}");
            if matches!(
                self.check("cat-file", ["cat-file", "-e", spec.as_str()]),
                Ok(true)
            ) {
                let _ = self.output("checkout", ["checkout", "-q", "HEAD", "--", path.as_str()]);
            } else {
                let _ = std::fs::remove_file(self.dir.join(path));
            }
        }
    }
}

/// The last lines of git's error output (the ones that say what went wrong), led by
/// [`FULL_NOTE`] when git said anywhere that the disk is full.
fn last_lines(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines.len().saturating_sub(3);
    let joined = lines[start..].join(" / ");
    let joined = if joined.is_empty() {
        format!("退出码 {}", out.status.code().unwrap_or(-1))
    } else {
        joined
    };
    match FULL.iter().find(|f| text.contains(*f)) {
        Some(full) => format!("{FULL_NOTE}（{full}）：{joined}"),
        None => joined,
    }
}

/// The paths `git status` lists (changed, staged or untracked), renames not paired.
fn listed(out: &Output) -> std::collections::BTreeSet<String> {
    out.stdout
        .split(|b| *b == 0)
        .filter(|entry| entry.len() > 3)
        .map(|entry| String::from_utf8_lossy(&entry[3..]).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(stderr: &str) -> Output {
        use std::os::unix::process::ExitStatusExt;
        Output {
            status: std::process::ExitStatus::from_raw(128 << 8),
            stdout: Vec::new(),
            stderr: stderr.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_full_disk_is_named_first_whichever_line_git_said_it_on() {
        let detail = last_lines(&output(
            "error: unable to write file people/p-1.json\nfatal: No space left on device\nhint: a\nhint: b\nhint: c\n",
        ));
        assert!(
            detail.starts_with("磁盘空间已满（No space left on device）"),
            "{detail}"
        );
        let failed = GitError::Failed {
            step: "merge".into(),
            detail,
        };
        assert!(failed.disk_full());
        let other = GitError::Failed {
            step: "fetch".into(),
            detail: last_lines(&output("fatal: could not read from remote repository\n")),
        };
        assert!(!other.disk_full(), "{other}");
    }

    #[test]
    fn a_merge_sets_an_untracked_copy_of_an_incoming_file_aside_and_keeps_own_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let git = Git::new(dir.path(), "王静", "p-a");
        git.run("init", ["init", "-q"]).expect("init");
        std::fs::create_dir_all(dir.path().join("people")).expect("mkdir");
        std::fs::write(dir.path().join("people/p-a.json"), "1").expect("own");
        git.commit(&["people"], "first", false).expect("commit");
        // Someone else's commit adds people/p-b.json.
        git.run("branch", ["branch", "other"]).expect("branch");
        git.run("checkout", ["checkout", "-q", "other"])
            .expect("checkout");
        std::fs::write(dir.path().join("people/p-b.json"), "theirs").expect("theirs");
        git.commit(&["people"], "theirs", false).expect("commit");
        git.run("checkout", ["checkout", "-q", "-"]).expect("back");
        // Here the same path is an untracked file (a failed merge's leftover, or a copy put
        // there by hand), and the own file has changes.
        std::fs::write(dir.path().join("people/p-b.json"), "mine, untracked").expect("file");
        std::fs::write(dir.path().join("people/p-a.json"), "2").expect("own edit");
        git.merge("other")
            .expect("the leftover no longer blocks the merge");
        let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).expect("read");
        assert_eq!(read("people/p-b.json"), "theirs");
        assert_eq!(read("people/p-a.json"), "2");
        assert_eq!(
            read(&format!(".git/{SET_ASIDE}/people%p-b.json.0")),
            "mine, untracked"
        );
    }
}
