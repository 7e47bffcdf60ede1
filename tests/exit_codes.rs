//! The exit-code table, case by case, through the real binary: each code is produced by the
//! situation it is documented for, and by no other (`src/cli/exit.rs` holds the table).
//! A read-only file system (exit 1, not 4) is checked in `data_tui.rs`, which can mount one.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use cli::Home;
use zizhi::cli::exit::Status;

/// A scratch home with the config home in `config/` and the progress file `progress.json`
/// beside it, given with `--data`.
fn home() -> Home {
    Home::new().with_config("config").with_data("progress.json")
}

#[track_caller]
fn assert_status(out: &Output, status: Status) {
    assert_eq!(
        out.status.code(),
        Some(i32::from(status.code())),
        "expected {status:?}\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn zero_when_a_command_did_what_was_asked() {
    let env = home();
    for args in [
        &["status"][..],
        &["export"],
        &["validate"],
        &["data", "path"],
    ] {
        assert_status(&env.output(args), Status::Done);
    }
}

#[test]
fn one_for_a_checksum_mismatch_and_for_a_file_that_cannot_be_written() {
    let env = home();
    fs::write(env.join("a.txt"), "abc").expect("write");
    fs::write(env.join("SUMS"), format!("{}  a.txt\n", "0".repeat(64))).expect("write");
    let out = env.output(&["checksum", "--algo", "sha256", "--check", "SUMS"]);
    assert_status(&out, Status::Failed);

    let nowhere = env.join("no/such/dir/report.md");
    let out = env.output(&["export", "-o", nowhere.to_str().expect("UTF-8")]);
    assert_status(&out, Status::Failed);
    assert!(stderr(&out).contains("report.md"), "{}", stderr(&out));
}

#[test]
fn two_for_a_command_line_that_cannot_be_understood() {
    let env = home();
    for args in [
        &["--no-such-option"][..],
        &["no-such-command"],
        &["deadline", "--from", "not a date", "--working-days", "3"],
    ] {
        assert_status(&env.output(args), Status::Usage);
    }
}

#[test]
fn three_for_a_progress_file_that_cannot_be_read() {
    let env = home();
    fs::write(env.data_path(), "{ not json").expect("write");
    for args in [&["status"][..], &["export"]] {
        let out = env.output(args);
        assert_status(&out, Status::ProgressUnreadable);
        assert!(stderr(&out).contains("progress.json"), "{}", stderr(&out));
    }
}

#[test]
fn four_only_when_another_zizhi_holds_the_progress_file() {
    let env = home();
    fs::write(env.data_path(), "").expect("write");
    let lock_path = PathBuf::from(format!("{}.lock", env.data_path().display()));
    fs::write(
        &lock_path,
        "pid=4242\nhost=审计室-02\nstarted=20261125-080000\n",
    )
    .expect("write");
    let held = File::open(&lock_path).expect("open the lock file");
    held.try_lock().expect("take the lock");
    let out = env.output(&["data", "restore", "1"]);
    assert_status(&out, Status::InUse);
    drop(held);
}

/// Content with an unknown field: every command that needs content refuses it.
fn broken_content(env: &Home) -> PathBuf {
    let dir = env.join("content");
    zizhi::content::export_built_in(&dir, false).expect("export");
    let phase = fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .find(|p| file_name(p).starts_with("phase-1"))
        .expect("a phase-1 file");
    let text = fs::read_to_string(&phase).expect("read");
    fs::write(&phase, format!("{text}\nno_such_field: 1\n")).expect("write");
    dir
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn five_for_content_with_errors_whatever_the_command() {
    let env = home();
    let dir = broken_content(&env);
    let dir = dir.to_str().expect("UTF-8");
    for args in [
        &["validate", dir][..],
        &["--checklists", dir, "status"],
        &["--checklists", dir, "export"],
        &[
            "--checklists",
            dir,
            "deadline",
            "--from",
            "2026-12-01",
            "--working-days",
            "3",
        ],
    ] {
        let out = env.output(args);
        assert_status(&out, Status::ContentInvalid);
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_zero() {
    let env = home();
    for args in [
        &["status"][..],
        &["export", "--format", "html"],
        &["man"],
        &["validate"],
    ] {
        // The reading end is closed before zizhi starts: every write finds the pipe closed.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = env
            .zizhi()
            .args(args)
            .command()
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run zizhi");
        assert_status(&out, Status::Done);
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn help_prints_the_whole_table() {
    let env = home();
    let out = env.output(&["--help"]);
    assert_status(&out, Status::Done);
    let help = String::from_utf8_lossy(&out.stdout);
    for status in Status::ALL {
        for lang in [zizhi::i18n::Lang::Zh, zizhi::i18n::Lang::En] {
            assert!(help.contains(status.meaning(lang)), "{status:?}: {help}");
        }
    }
}
