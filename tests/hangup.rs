//! A real hang-up: the terminal itself goes away (as when an SSH link drops), not just a signal
//! sent to a process whose terminal still works. zizhi must save, release its lock and exit
//! cleanly and quickly, without spinning or aborting.

use std::fs;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
}

fn open_pty() -> Pty {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
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
    // SAFETY: fcntl on descriptors we own.
    unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
    }
    // SAFETY: both descriptors were just created by openpty and are owned by nobody else.
    unsafe {
        Pty {
            master: OwnedFd::from_raw_fd(master),
            slave: OwnedFd::from_raw_fd(slave),
        }
    }
}

/// Reads whatever the program wrote within `wait`, without blocking past it.
fn read_for(master: &OwnedFd, wait: Duration, out: &mut Vec<u8>) {
    let end = Instant::now() + wait;
    while Instant::now() < end {
        let mut poll = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut poll, 1, 20) };
        if ready <= 0 {
            continue;
        }
        let mut buf = [0u8; 8192];
        // SAFETY: buf is valid for its length.
        let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
}

fn write_all(master: &OwnedFd, bytes: &[u8]) {
    // SAFETY: bytes is valid for its length.
    let n = unsafe { libc::write(master.as_raw_fd(), bytes.as_ptr().cast(), bytes.len()) };
    assert_eq!(n, bytes.len() as isize);
}

#[test]
fn closing_the_terminal_saves_releases_the_lock_and_exits_cleanly() {
    let home = tempfile::tempdir().expect("tempdir");
    let pty = open_pty();
    let slave = pty.slave;
    let mut command = Command::new(env!("CARGO_BIN_EXE_zizhi"));
    command
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env_remove("ZIZHI_DATA")
        .env_remove("ZIZHI_CHECKLISTS")
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
    let mut child = command.spawn().expect("spawn zizhi");
    // The parent must hold no copy of the terminal, or closing the master would not hang it up.
    drop(command);
    drop(slave);

    let mut screen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&screen).contains("阶段进度") {
        assert!(Instant::now() < deadline, "no first frame");
        read_for(&pty.master, Duration::from_millis(50), &mut screen);
    }
    write_all(&pty.master, b"\r");
    read_for(&pty.master, Duration::from_millis(300), &mut screen);
    write_all(&pty.master, b" ");
    let data = home.path().join("zizhi/progress.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !fs::read_to_string(&data)
        .unwrap_or_default()
        .contains("\"done\"")
    {
        assert!(Instant::now() < deadline, "the change was not saved");
        read_for(&pty.master, Duration::from_millis(50), &mut screen);
    }

    // The link drops: the terminal's master side closes.
    let hung_up = Instant::now();
    drop(pty.master);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if hung_up.elapsed() > Duration::from_secs(3) {
            let _ = child.kill();
            panic!("zizhi still running 3 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success(), "zizhi did not exit cleanly: {status:?}");
    let lock = fs::read_to_string(home.path().join("zizhi/progress.json.lock")).unwrap_or_default();
    assert!(lock.is_empty(), "lock still names a holder: {lock:?}");
    assert!(
        fs::read_to_string(&data)
            .expect("data")
            .contains("\"done\"")
    );
}
