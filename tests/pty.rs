//! End-to-end tests: the real binary in an 80×24 pseudo-terminal, read back through a
//! terminal emulator, with the progress file checked on disk.
//!
//! Run with `cargo test --test pty`. Each test uses its own `XDG_CONFIG_HOME`, so they run
//! in parallel; a running app is killed when its `Session` is dropped, even on failure.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::fs;
use std::time::Duration;

use harness::{Home, Session, TIMEOUT};

/// The dashboard's title, shown once the app is up.
const DASHBOARD: &str = "阶段进度";
/// The header of a checklist screen.
const CHECKLIST: &str = "阶段清单";

/// The first item row of a checklist (item rows are the only ones starting ` [`).
fn first_item_row(screen: &str) -> Option<&str> {
    screen.lines().find(|line| line.starts_with(" ["))
}

/// Waits for the dashboard, opens the first phase and waits for its checklist.
fn open_first_phase(app: &mut Session) -> String {
    app.wait_for_text(DASHBOARD);
    app.send("\r");
    app.wait_for("the first phase's checklist", TIMEOUT, |screen| {
        screen.contains(CHECKLIST) && first_item_row(screen).is_some()
    })
}

/// The item id in the detail pane's status line (`[x] 已完成  <id>`).
fn detail_item_id(screen: &str, marker: &str) -> String {
    screen
        .lines()
        .find(|line| line.starts_with(marker))
        .and_then(|line| line.split_whitespace().last())
        .unwrap_or_else(|| panic!("no detail status line starting {marker:?} in:\n{screen}"))
        .to_owned()
}

/// Zooms the detail pane (Enter) and scrolls it (J) until `needle` is visible.
fn reveal_in_detail(app: &mut Session, needle: &str) -> String {
    let before = app.text();
    app.send("\r");
    let mut screen = app.wait_for("the detail pane to zoom", TIMEOUT, |s| s != before);
    for _ in 0..15 {
        if screen.contains(needle) {
            return screen;
        }
        let before = screen;
        app.send("J");
        screen = app.wait_for("the detail pane to scroll", TIMEOUT, |s| s != before);
    }
    panic!("{needle:?} never appeared in the detail pane; last screen:\n{screen}");
}

#[test]
fn an_item_marked_done_is_still_done_after_a_restart() {
    let home = Home::new();
    let mut app = home.start();
    let screen = open_first_phase(&mut app);
    assert!(
        first_item_row(&screen).is_some_and(|row| row.starts_with(" [ ]")),
        "a fresh start has nothing done:\n{screen}"
    );
    app.send(" ");
    let screen = app.wait_for("the first item marked [x]", TIMEOUT, |s| {
        first_item_row(s).is_some_and(|row| row.starts_with(" [x]"))
    });
    let shown_id = detail_item_id(&screen, "[x]");
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert!(status.success(), "q must exit with code 0, got {status}");

    assert_eq!(
        home.items_with_status("done"),
        vec![shown_id],
        "exactly the toggled item is done on disk"
    );

    let mut again = home.start();
    let screen = open_first_phase(&mut again);
    assert!(
        first_item_row(&screen).is_some_and(|row| row.starts_with(" [x]")),
        "after a restart the first item is still done:\n{screen}"
    );
}

#[test]
fn a_hangup_mid_session_saves_and_exits() {
    let home = Home::new();
    let mut app = home.start();
    open_first_phase(&mut app);
    app.send(" ");
    let screen = app.wait_for("the first item marked [x]", TIMEOUT, |s| {
        first_item_row(s).is_some_and(|row| row.starts_with(" [x]"))
    });
    let shown_id = detail_item_id(&screen, "[x]");

    app.kill("HUP");
    let status = app.wait_exit(Duration::from_secs(2));
    assert!(
        status.signal().is_none() && status.success(),
        "SIGHUP must be handled (save, restore, exit 0), not kill the process: {status}"
    );
    app.wait_for_screen("the terminal restored", TIMEOUT, |screen| {
        !screen.alternate_screen()
    });

    assert_eq!(home.items_with_status("done"), vec![shown_id]);
    let lock = fs::read(home.lock_path()).expect("the lock file stays in place");
    assert!(
        lock.is_empty(),
        "a clean exit empties the lock file, found {:?}",
        String::from_utf8_lossy(&lock)
    );

    let mut next = home.start();
    let screen = next.wait_for_text(DASHBOARD);
    assert!(
        !screen.contains("上次未正常退出"),
        "a hangup is a clean exit, not a crash to report:\n{screen}"
    );
    next.send("q");
    assert!(next.wait_exit(TIMEOUT).success());
}

#[test]
fn a_note_typed_in_chinese_survives_a_sigkill_mid_edit() {
    const NOTE: &str = "已核对合同12份，缺甲方盖章";
    let home = Home::new();
    let mut app = home.start();
    open_first_phase(&mut app);
    app.step("n", "Alt+Enter");
    app.step(NOTE.as_bytes(), NOTE);
    let old_pid = app.pid();

    app.kill("KILL");
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_some(),
        "SIGKILL ends the process: {status}"
    );

    let progress = home.progress();
    let items = progress["items"].as_object().expect("items");
    let noted: Vec<_> = items
        .iter()
        .filter(|(_, item)| item["note"] == NOTE)
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(noted.len(), 1, "the note is on disk:\n{progress:#}");

    let mut again = home.start();
    let screen = again.wait_for_text(DASHBOARD);
    assert!(
        screen.contains("上次未正常退出") && screen.contains(&format!("pid {old_pid}")),
        "the stale lock of pid {old_pid} is taken over and reported:\n{screen}"
    );
    again.send("\r");
    let screen = again.wait_for("the checklist", TIMEOUT, |s| {
        s.contains(CHECKLIST) && first_item_row(s).is_some()
    });
    assert_eq!(
        detail_item_id(&screen, "[ ]"),
        noted[0],
        "the noted item is selected"
    );
    let screen = reveal_in_detail(&mut again, NOTE);
    let lines: Vec<&str> = screen.lines().collect();
    let label = lines
        .iter()
        .position(|line| line.trim_end() == "备注")
        .unwrap_or_else(|| panic!("no 备注 label in the detail pane:\n{screen}"));
    assert_eq!(
        lines.get(label + 1).map(|l| l.trim_end()),
        Some(NOTE),
        "the note is shown under 备注\n{screen}"
    );
}

#[test]
fn a_second_instance_is_refused_before_touching_the_terminal() {
    let home = Home::new();
    let mut first = home.start();
    open_first_phase(&mut first);
    let lock_before = fs::read_to_string(home.lock_path()).expect("lock file");

    let output = home.command().output().expect("run a second zizhi");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "stderr: {stderr}");
    assert!(
        stderr.contains(&home.data_path().display().to_string()),
        "stderr names the data file: {stderr}"
    );
    assert!(
        stderr.contains(&format!("pid {}", first.pid())),
        "stderr names the other pid: {stderr}"
    );
    assert!(
        output.stdout.is_empty() && !output.stderr.contains(&0x1b),
        "no terminal control sequences were written; stdout: {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(
        fs::read_to_string(home.lock_path()).expect("lock file"),
        lock_before,
        "a refused instance leaves the lock file alone"
    );

    first.send(" ");
    first.wait_for("the first instance still working", TIMEOUT, |s| {
        first_item_row(s).is_some_and(|row| row.starts_with(" [x]"))
    });
    first.send("q");
    assert!(first.wait_exit(TIMEOUT).success());
}

#[test]
fn a_corrupt_progress_file_is_left_untouched_and_explained() {
    const CORRUPT: &[u8] = br#"{"schema_version": 1, "items": {"#;
    let home = Home::new();
    let data = home.data_path();
    fs::create_dir_all(data.parent().expect("parent")).expect("create the config dir");
    fs::write(&data, CORRUPT).expect("write the corrupt file");
    let modified = fs::metadata(&data)
        .and_then(|m| m.modified())
        .expect("mtime");

    for args in [&[][..], &["status"][..]] {
        let output = home.command().args(args).output().expect("run zizhi");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(3),
            "zizhi {args:?}; stderr: {stderr}"
        );
        assert!(
            stderr.contains(&data.display().to_string()),
            "zizhi {args:?} names the file; stderr: {stderr}"
        );
        assert!(
            stderr.contains("第 1 行"),
            "zizhi {args:?} says where the file is broken; stderr: {stderr}"
        );
        assert!(
            output.stdout.is_empty(),
            "zizhi {args:?} printed to stdout: {:?}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert_eq!(
            fs::read(&data).expect("read"),
            CORRUPT,
            "zizhi {args:?} changed the file"
        );
        assert_eq!(
            fs::metadata(&data)
                .and_then(|m| m.modified())
                .expect("mtime"),
            modified,
            "zizhi {args:?} rewrote the file"
        );
    }
}

#[test]
fn search_finds_a_chinese_item_and_jumps_to_it() {
    let home = Home::new();
    let mut app = home.start();
    app.wait_for_text(DASHBOARD);
    app.step("/", "搜索：");
    app.send("防雷");
    app.wait_for("a search result for 防雷", TIMEOUT, |s| {
        s.contains("搜索：防雷") && s.lines().any(|l| l.starts_with(" [") && l.contains("防雷"))
    });
    app.send("\r");
    app.wait_for_screen(
        "the checklist with a 防雷 item selected",
        TIMEOUT,
        |screen| {
            let text = screen.contents();
            if !text.contains(CHECKLIST) {
                return false;
            }
            let rows: Vec<String> = screen.rows(0, harness::COLS).collect();
            // The selected list row is drawn in reverse video.
            let selected_is_fanglei = rows.iter().enumerate().any(|(r, row)| {
                row.starts_with(" [")
                    && row.contains("防雷")
                    && screen
                        .cell(u16::try_from(r).expect("a screen row"), 1)
                        .is_some_and(|cell| cell.inverse())
            });
            // The detail pane's title is the selected item's title, on the pane's top border.
            let detail_title_is_fanglei = rows.iter().any(|row| {
                row.starts_with(' ') && row.contains("防雷") && row.trim_end().ends_with('─')
            });
            selected_is_fanglei && detail_title_is_fanglei
        },
    );
}

#[test]
fn help_lists_the_keys_of_the_screen() {
    let home = Home::new();
    let mut app = home.start();
    open_first_phase(&mut app);

    let help = app.step("?", "Esc 关闭");
    assert!(help.contains("Space"), "help lists Space:\n{help}");
    assert!(
        help.contains("编辑备注"),
        "help lists the note key (备注):\n{help}"
    );

    app.send("q");
    let screen = app.wait_for("the help to close", TIMEOUT, |s| !s.contains("Esc 关闭"));
    assert!(!screen.contains("编辑备注"), "help closed:\n{screen}");

    // The key that closes help does nothing else.
    app.step("?", "Esc 关闭");
    app.send(" ");
    let screen = app.wait_for("the help to close", TIMEOUT, |s| !s.contains("Esc 关闭"));
    assert!(
        first_item_row(&screen).is_some_and(|row| row.starts_with(" [ ]")),
        "the Space that closed help did not also toggle the item:\n{screen}"
    );
}
