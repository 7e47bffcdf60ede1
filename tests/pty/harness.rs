//! A small harness for driving the real `zizhi` binary in a pseudo-terminal.
//!
//! [`Home`] is an isolated configuration directory (`XDG_CONFIG_HOME`, from `support/cli.rs`,
//! which also runs the binary without a terminal); [`Home::start`] runs
//! the app in an 80×24 pty whose output is parsed by a `vt100` terminal emulator, so tests
//! read the screen as a user would see it. Every wait polls with a deadline; nothing relies
//! on a fixed sleep. A running [`Session`] is killed (SIGKILL) and reaped when dropped, so a
//! failing test never leaves a process behind.

#[path = "../support/cli.rs"]
pub mod cli;

use cli::env as support_env;
#[allow(unused_imports, reason = "each test uses its own part")]
pub use cli::{Home, Run, Zizhi, s};
use support_env::ChildEnv;

use std::io::{Read, Write};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Generous: a debug build on a loaded machine can be slow to start. Waits end as soon as
/// the condition holds, so this only matters when a test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_zizhi")
}

/// The pty side of the shared scratch home (`support/cli.rs`).
impl Home {
    /// Starts the interactive app in an 80×24 pty.
    pub fn start(&self) -> Session {
        self.start_with_args(&[])
    }

    pub fn start_with_args(&self, args: &[&str]) -> Session {
        self.start_with(args, &[])
    }

    /// Starts the app with `args` and extra environment variables `env`.
    pub fn start_with(&self, args: &[&str], env: &[(&str, &str)]) -> Session {
        self.start_program(binary(), args, env)
    }

    /// Starts `program` (the app, or a shell that runs it) in the pty, with this home and
    /// environment.
    pub fn start_program(&self, program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        if program == binary() {
            cmd.args(self.data_args());
        }
        cmd.args(args);
        support_env::scrub(&mut cmd);
        support_env::home(&mut cmd, self.path(), &self.config_home());
        // The Unicode symbols the tests look for (the default avoids ambiguous ones).
        cmd.env("ZIZHI_AMBIGUOUS", "narrow");
        cmd.cwd(self.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty
            .slave
            .spawn_command(cmd)
            .expect("spawn zizhi in the pty");
        // Only the child keeps the slave side open, so the reader sees EOF when it exits.
        drop(pty.slave);

        let term = Arc::new(Mutex::new(Term {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            received: 0,
        }));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let sink = Arc::clone(&term);
        thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => {
                            let mut term = lock(&sink);
                            term.parser.process(&buf[..n]);
                            term.received += n as u64;
                        }
                    }
                }
            })
            .expect("spawn the pty reader thread");
        Session {
            term,
            writer,
            child,
            _master: pty.master,
            exit: None,
        }
    }
}

/// The emulated terminal, and how many bytes it has been fed.
struct Term {
    parser: vt100::Parser,
    received: u64,
}

fn lock(term: &Mutex<Term>) -> std::sync::MutexGuard<'_, Term> {
    // A panicking test thread must not hide the screen from the Drop guard.
    term.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One running `zizhi` in a pty. Killed and reaped on drop if still running.
pub struct Session {
    term: Arc<Mutex<Term>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    exit: Option<ExitStatus>,
}

impl Session {
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Writes raw bytes (keys, UTF-8 text, escape sequences) to the terminal.
    pub fn send(&mut self, keys: impl AsRef<[u8]>) {
        self.writer
            .write_all(keys.as_ref())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    /// The whole screen as text, rows separated by newlines.
    pub fn text(&self) -> String {
        lock(&self.term).parser.screen().contents()
    }

    /// Polls the screen every 20 ms until `check` holds; panics with the screen after
    /// `timeout`. Returns the screen text that satisfied it.
    ///
    /// A frame reaches the pty in several writes and the reader may see half of it, so a
    /// screen only counts once `check` held and no further output arrived for one poll
    /// interval: assertions made on the returned text see a whole frame.
    pub fn wait_for_screen(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&vt100::Screen) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut held_at: Option<u64> = None;
        loop {
            {
                let term = lock(&self.term);
                if check(term.parser.screen()) {
                    if held_at == Some(term.received) {
                        return term.parser.screen().contents();
                    }
                    held_at = Some(term.received);
                } else {
                    held_at = None;
                }
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; the screen shows:\n{}",
                    framed(&self.text())
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Polls the screen text every 20 ms until `check` holds (see [`Session::wait_for_screen`]).
    pub fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&str) -> bool,
    ) -> String {
        self.wait_for_screen(what, timeout, |screen| check(&screen.contents()))
    }

    /// Waits (up to [`TIMEOUT`]) until `needle` is on the screen.
    pub fn wait_for_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?} on screen"), TIMEOUT, |text| {
            text.contains(needle)
        })
    }

    /// Sends `keys`, then waits (up to [`TIMEOUT`]) until `needle` is on the screen: one step
    /// of a script.
    pub fn step(&mut self, keys: impl AsRef<[u8]>, needle: &str) -> String {
        self.send(keys);
        self.wait_for_text(needle)
    }

    /// Whether the terminal is in raw mode (no line editing, no echo), as the app sets it.
    pub fn is_raw(&self) -> bool {
        let termios = self._master.get_termios().expect("read the pty's modes");
        let local = termios.local_flags.bits();
        local & (libc::ICANON | libc::ECHO) == 0
    }

    /// The process state letter from `/proc/PID/stat` (`S` sleeping, `T` stopped, …).
    pub fn process_state(&self) -> char {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
            .expect("read /proc/PID/stat");
        // The command name in parentheses may hold spaces: the state follows the last ')'.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .unwrap_or('?')
    }

    /// Waits until the process state is `state` (see [`Session::process_state`]).
    pub fn wait_for_state(&self, state: char) {
        let deadline = Instant::now() + TIMEOUT;
        while self.process_state() != state {
            assert!(
                Instant::now() < deadline,
                "zizhi never reached state {state:?} (now {:?}); the screen shows:\n{}",
                self.process_state(),
                framed(&self.text())
            );
            thread::sleep(POLL);
        }
    }

    /// Sends `signal` (a name such as "HUP" or "KILL") with the `kill` command.
    pub fn kill(&self, signal: &str) {
        let pid = self.pid().to_string();
        let status = Command::new("kill")
            .args([format!("-{signal}").as_str(), pid.as_str()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid} failed: {status}");
    }

    /// Waits for the process to end (polling every 20 ms) and returns how it ended; panics
    /// with the screen if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        if let Some(status) = &self.exit {
            return status.clone();
        }
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                self.exit = Some(status.clone());
                return status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "zizhi (pid {}) still running after {timeout:?}; the screen shows:\n{}",
                    self.pid(),
                    framed(&self.text())
                );
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.exit.is_some() {
            return;
        }
        if let Ok(None) = self.child.try_wait() {
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}

/// The screen with a ruler on each side, so trailing spaces and empty rows are visible.
fn framed(text: &str) -> String {
    text.lines()
        .map(|line| format!("|{line}|"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ChildEnv for CommandBuilder {
    fn remove_var(&mut self, key: &str) {
        self.env_remove(key);
    }

    fn set_var(&mut self, key: &str, value: &std::ffi::OsStr) {
        self.env(key, value);
    }
}
