//! A pseudo-terminal driven on one thread with `poll`, so the test controls exactly when the
//! terminal closes and can count every byte the program writes.

#![allow(dead_code)]

#[path = "env.rs"]
mod support_env;

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub struct RawPty {
    /// The terminal's master side; `None` once [`RawPty::close_terminal`] hung it up.
    master: Option<OwnedFd>,
    pub child: Child,
}

/// Starts zizhi in a new `cols`×`rows` terminal of its own, as a session leader with that
/// terminal as its controlling terminal.
pub fn spawn(home: &Path, cols: u16, rows: u16, args: &[&str]) -> RawPty {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the out-pointers; the others are null or
    // point at a valid winsize.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // The child must not inherit the master, or closing ours would not hang it up.
    // SAFETY: fcntl on descriptors just created and owned here.
    let (master, slave) = unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    let mut command = support_env::command();
    support_env::home(&mut command, home, home)
        .args(args)
        // The Unicode symbols the tests look for (the default avoids ambiguous ones).
        .env("ZIZHI_AMBIGUOUS", "narrow")
        .stdin(Stdio::from(slave.try_clone().expect("dup")))
        .stdout(Stdio::from(slave.try_clone().expect("dup")))
        .stderr(Stdio::from(slave.try_clone().expect("dup")));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = command.spawn().expect("spawn zizhi");
    // The parent keeps no copy of the terminal's slave side.
    drop(command);
    drop(slave);
    RawPty {
        master: Some(master),
        child,
    }
}

impl RawPty {
    /// Closes the terminal, as a dropped SSH link does.
    pub fn close_terminal(&mut self) {
        self.master = None;
    }

    fn fd(&self) -> i32 {
        self.master.as_ref().map_or(-1, AsRawFd::as_raw_fd)
    }

    /// Reads for at most `wait`; returns early once the terminal is closed.
    pub fn read_for(&self, wait: Duration, out: &mut Vec<u8>) {
        let end = Instant::now() + wait;
        while Instant::now() < end {
            if !self.read_once(20, out) {
                return;
            }
        }
    }

    /// Reads what arrives within `timeout_ms`; false once the terminal is closed.
    fn read_once(&self, timeout_ms: i32, out: &mut Vec<u8>) -> bool {
        let mut poll = libc::pollfd {
            fd: self.fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut poll, 1, timeout_ms) };
        if ready <= 0 {
            return true;
        }
        let mut buf = [0u8; 16384];
        // SAFETY: buf is valid for its length.
        let n = unsafe { libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return false;
        }
        out.extend_from_slice(&buf[..n as usize]);
        true
    }

    /// Everything written in answer to the last input: waits up to `first` for the first byte,
    /// then until the output has been quiet for `quiet`.
    pub fn response(&self, first: Duration, quiet: Duration) -> Vec<u8> {
        let mut out = Vec::new();
        let start = Instant::now();
        while out.is_empty() && start.elapsed() < first {
            if !self.read_once(10, &mut out) {
                return out;
            }
        }
        let mut last = Instant::now();
        while last.elapsed() < quiet {
            let before = out.len();
            if !self.read_once(10, &mut out) {
                break;
            }
            if out.len() != before {
                last = Instant::now();
            }
        }
        out
    }

    pub fn write(&self, bytes: &[u8]) {
        // SAFETY: bytes is valid for its length.
        let n = unsafe { libc::write(self.fd(), bytes.as_ptr().cast(), bytes.len()) };
        assert_eq!(n, bytes.len() as isize, "write to the terminal failed");
    }
}

impl Drop for RawPty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
