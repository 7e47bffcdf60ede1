//! Leaving while saves fail: SIGTERM with a note still in the open editor and the data
//! directory gone writes an emergency copy elsewhere, the next start offers it, and
//! `zizhi data recover` puts it back.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::fs;

use harness::{Home, TIMEOUT};

const DASHBOARD: &str = "阶段进度";

#[test]
fn sigterm_while_saves_fail_writes_an_emergency_copy_that_the_next_start_offers() {
    let home = Home::new();
    let state = home.config_home().join("state");
    let state_str = state.to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_str.as_str())];
    let mut app = home.start_with(&[], &env);
    app.wait_for_text(DASHBOARD);
    app.send("\r");
    app.send(" ");
    app.wait_for("the first save", TIMEOUT, |_| {
        fs::read_to_string(home.data_path()).is_ok_and(|t| t.contains("\"done\""))
    });

    // The data directory goes away and a file takes its name: every save now fails, and
    // nothing can be written there.
    let dir = home.data_path().parent().expect("dir").to_path_buf();
    let moved = dir.with_file_name("zizhi.moved");
    fs::rename(&dir, &moved).expect("move the data directory away");
    fs::write(&dir, "").expect("a file in its place");

    let note = "断网前最后一条备注：机房门禁记录已核对";
    app.step("jn", "Alt+Enter");
    app.step(format!("\x1b[200~{note}\x1b[201~"), "未能保存");

    // Asked to stop with the note still in the open editor.
    app.kill("TERM");
    let status = app.wait_exit(TIMEOUT);
    assert!(
        !status.success(),
        "a failed last save is not a success: {status:?}"
    );

    let copies: Vec<_> = fs::read_dir(state.join("zizhi"))
        .expect("the state directory holds the copy")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains("zizhi-emergency-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = &copies[0];
    let text = fs::read_to_string(copy).expect("copy");
    assert!(
        text.contains(note),
        "the open editor's text is in the copy:\n{text}"
    );
    assert!(text.contains("\"done\""), "{text}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(copy).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let log = fs::read_to_string(state.join("zizhi").join("emergency.log")).expect("log");
    assert!(log.contains(&copy.display().to_string()), "{log}");

    // The directory is back: the next start offers the copy.
    fs::remove_file(&dir).expect("remove the file");
    fs::rename(&moved, &dir).expect("move the data directory back");
    let mut app = home.start_with(&[], &env);
    app.wait_for_text("紧急副本");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());

    let listed = home
        .command()
        .env("XDG_STATE_HOME", &state)
        .args(["data", "backups"])
        .output()
        .expect("data backups");
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains(&copy.display().to_string()),
        "{}",
        String::from_utf8_lossy(&listed.stdout)
    );

    let recovered = home
        .command()
        .env("XDG_STATE_HOME", &state)
        .arg("data")
        .arg("recover")
        .arg(copy)
        .output()
        .expect("data recover");
    assert!(
        recovered.status.success(),
        "{}",
        String::from_utf8_lossy(&recovered.stderr)
    );
    let progress = fs::read_to_string(home.data_path()).expect("progress");
    assert!(progress.contains(note), "{progress}");
    assert!(!copy.exists(), "the copy is removed once restored");
}
