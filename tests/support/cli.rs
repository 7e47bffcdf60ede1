//! The one way the integration tests run the binary without a terminal: a scratch [`Home`]
//! (removed when dropped), the [`Zizhi`] command builder on the one environment scrub
//! (`env.rs`), and the outcome of a run as text, [`Run`], with its assertions.
//!
//! Include it with `#[path = "support/cli.rs"] mod cli;` (the pty harness re-exports it).

#![allow(dead_code)]

#[path = "env.rs"]
pub mod env;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A scratch directory that is `HOME` and the working directory of every command run in it,
/// and by default also `XDG_CONFIG_HOME` (`XDG_CACHE_HOME` is the config home's `cache/`).
/// Removed when dropped.
pub struct Home {
    dir: TempDir,
    /// The config home, relative to `dir` ("" for `dir` itself).
    config: PathBuf,
    /// `--data` for every run, relative to `dir`; `None` for the default file.
    data: Option<PathBuf>,
}

impl Default for Home {
    fn default() -> Self {
        Self::new()
    }
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("create a temporary directory"),
            config: PathBuf::new(),
            data: None,
        }
    }

    /// `XDG_CONFIG_HOME` is `name` inside the directory, not the directory itself.
    pub fn with_config(mut self, name: &str) -> Home {
        self.config = PathBuf::from(name);
        self
    }

    /// Every run is given `--data <dir>/name`.
    pub fn with_data(mut self, name: &str) -> Home {
        self.data = Some(PathBuf::from(name));
        self
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `name` inside the directory.
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path().join(name)
    }

    pub fn config_home(&self) -> PathBuf {
        self.join(&self.config)
    }

    /// The progress file: the `--data` file, or the default
    /// `$XDG_CONFIG_HOME/zizhi/progress.json`.
    pub fn data_path(&self) -> PathBuf {
        match &self.data {
            Some(name) => self.join(name),
            None => self.config_home().join("zizhi").join("progress.json"),
        }
    }

    /// `--data <file>` when the home was made [`Home::with_data`], else nothing.
    pub fn data_args(&self) -> Vec<std::ffi::OsString> {
        match &self.data {
            Some(name) => vec!["--data".into(), self.join(name).into_os_string()],
            None => Vec::new(),
        }
    }

    /// `<data>.lock`.
    pub fn lock_path(&self) -> PathBuf {
        let mut lock = self.data_path().into_os_string();
        lock.push(".lock");
        PathBuf::from(lock)
    }

    /// The progress file parsed as JSON (panics if missing or invalid).
    pub fn progress(&self) -> serde_json::Value {
        let path = self.data_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", path.display()))
    }

    /// The ids of the items whose status is `status` in the progress file.
    pub fn items_with_status(&self, status: &str) -> Vec<String> {
        let progress = self.progress();
        let items = progress["items"]
            .as_object()
            .unwrap_or_else(|| panic!("no \"items\" object in {progress:#}"));
        items
            .iter()
            .filter(|(_, item)| item["status"] == status)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// `zizhi` in this home, not yet run.
    pub fn zizhi(&self) -> Zizhi {
        let zizhi = Zizhi::new().home_and_config(self.path(), &self.config_home());
        self.data_args()
            .into_iter()
            .fold(zizhi, Zizhi::arg)
            // The Unicode symbols the tests look for (the default avoids ambiguous ones).
            .env("ZIZHI_AMBIGUOUS", "narrow")
    }

    /// A plain `zizhi` command (no terminal) with this home and a clean environment.
    pub fn command(&self) -> Command {
        self.zizhi().command()
    }

    /// Runs `zizhi ARGS` in this home.
    pub fn run(&self, args: &[&str]) -> Run {
        self.zizhi().args(args).run()
    }

    /// Runs `zizhi ARGS` in this home; the raw output.
    pub fn output(&self, args: &[&str]) -> Output {
        self.zizhi().args(args).output()
    }

    /// Runs `zizhi ARGS` in this home, insists on success, and returns the standard output.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).success().stdout
    }
}

/// The binary under test with a scrubbed environment, standard input from `/dev/null` and
/// `NO_COLOR` set, built up argument by argument and run once.
pub struct Zizhi {
    cmd: Command,
    /// The arguments, for messages.
    args: Vec<String>,
    /// Written to standard input (then closed) instead of `/dev/null`.
    input: Option<Vec<u8>>,
}

impl Default for Zizhi {
    fn default() -> Self {
        Self::new()
    }
}

impl Zizhi {
    pub fn new() -> Zizhi {
        let mut cmd = env::command();
        cmd.env("NO_COLOR", "1").stdin(Stdio::null());
        Zizhi {
            cmd,
            args: Vec::new(),
            input: None,
        }
    }

    /// `HOME`, `XDG_CONFIG_HOME` and the working directory `dir`; `XDG_CACHE_HOME` `dir/cache`.
    pub fn home(self, dir: &Path) -> Zizhi {
        self.home_and_config(dir, dir)
    }

    /// `HOME` and the working directory `home`, `XDG_CONFIG_HOME` `config`, `XDG_CACHE_HOME`
    /// `config/cache`.
    pub fn home_and_config(mut self, home: &Path, config: &Path) -> Zizhi {
        env::home(&mut self.cmd, home, config).current_dir(home);
        self
    }

    /// `--data PATH`.
    pub fn data(self, path: &Path) -> Zizhi {
        self.arg("--data").arg(path)
    }

    /// `--lang en`.
    pub fn lang_en(self) -> Zizhi {
        self.args(["--lang", "en"])
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Zizhi {
        self.args.push(arg.as_ref().to_string_lossy().into_owned());
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(self, args: I) -> Zizhi
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        args.into_iter().fold(self, Zizhi::arg)
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Zizhi {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Zizhi {
        self.cmd.env_remove(key);
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Zizhi {
        self.cmd.current_dir(dir);
        self
    }

    pub fn stdin(mut self, stdin: Stdio) -> Zizhi {
        self.cmd.stdin(stdin);
        self
    }

    /// The command as built, for what the builder does not say (a `pre_exec`, a pipe).
    pub fn command(self) -> Command {
        self.cmd
    }

    /// `input` on standard input instead of `/dev/null`.
    pub fn input(mut self, input: impl AsRef<[u8]>) -> Zizhi {
        self.input = Some(input.as_ref().to_vec());
        self
    }

    pub fn output(mut self) -> Output {
        let Some(input) = self.input else {
            return self.cmd.output().expect("run zizhi");
        };
        let mut child = self
            .cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run zizhi");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&input).expect("write standard input");
        drop(stdin);
        child.wait_with_output().expect("zizhi finishes")
    }

    /// Runs to the end; standard output and error must be UTF-8.
    pub fn run(self) -> Run {
        let args = self.args.clone();
        Run::new(args, self.output())
    }

    /// Runs, killing it (and failing the test) if it has not finished within `limit`: for
    /// the cases that once hung. Output that is not UTF-8 is read lossily.
    pub fn run_within(self, limit: Duration) -> Run {
        assert!(self.input.is_none(), "run_within gives no standard input");
        let Zizhi { mut cmd, args, .. } = self;
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run zizhi");
        let start = Instant::now();
        while child.try_wait().expect("wait").is_none() {
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("zizhi {args:?} hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Run::lossy(args, child.wait_with_output().expect("output"))
    }
}

/// The outcome of one run, with standard output and error as text.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output and error must be UTF-8.
    pub fn new(args: Vec<String>, out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout)
                .unwrap_or_else(|e| panic!("zizhi {args:?}: standard output is not UTF-8: {e}")),
            stderr: String::from_utf8(out.stderr)
                .unwrap_or_else(|e| panic!("zizhi {args:?}: standard error is not UTF-8: {e}")),
            args,
        }
    }

    /// Output that is not UTF-8 read lossily.
    pub fn lossy(args: Vec<String>, out: Output) -> Run {
        Run {
            args,
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn shown(&self) -> String {
        format!(
            "zizhi {:?} exited with {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }

    /// Exit code 0.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, Some(0), "expected success: {}", self.shown());
        self
    }

    /// Exit code `code`.
    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}: {}",
            self.shown()
        );
        self
    }

    /// A non-zero exit code.
    #[track_caller]
    pub fn failure(self) -> Run {
        assert!(
            matches!(self.code, Some(c) if c != 0),
            "expected a non-zero exit code: {}",
            self.shown()
        );
        self
    }

    /// Standard error holds every one of `words`.
    #[track_caller]
    pub fn says(self, words: &[&str]) -> Run {
        for w in words {
            assert!(self.stderr.contains(w), "missing {w:?}: {}", self.shown());
        }
        self
    }

    /// Standard output as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.shown()))
    }
}

/// A path as the `&str` an argument list takes.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}
