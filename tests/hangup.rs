//! A real hang-up: the terminal itself goes away (as when an SSH link drops), not just a signal
//! sent to a process whose terminal still works. zizhi must save, release its lock and exit
//! cleanly and quickly, without spinning or aborting.

#![cfg(test)]

use std::fs;
use std::time::{Duration, Instant};

#[path = "support/raw_pty.rs"]
mod raw_pty;

#[test]
fn closing_the_terminal_saves_releases_the_lock_and_exits_cleanly() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut pty = raw_pty::spawn(home.path(), 80, 24, &[]);
    let mut screen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&screen).contains("阶段进度") {
        assert!(Instant::now() < deadline, "no first frame");
        pty.read_for(Duration::from_millis(50), &mut screen);
    }
    pty.write(b"\r");
    pty.read_for(Duration::from_millis(300), &mut screen);
    pty.write(b" ");
    let data = home.path().join("zizhi/progress.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !fs::read_to_string(&data)
        .unwrap_or_default()
        .contains("\"done\"")
    {
        assert!(Instant::now() < deadline, "the change was not saved");
        pty.read_for(Duration::from_millis(50), &mut screen);
    }

    // The link drops: the terminal's master side closes.
    let hung_up = Instant::now();
    pty.close_terminal();
    let status = loop {
        if let Some(status) = pty.child.try_wait().expect("wait") {
            break status;
        }
        if hung_up.elapsed() > Duration::from_secs(3) {
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
