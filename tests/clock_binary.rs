//! A clock set to 1900 (or to the last day of 9999) through the real binary: `status`,
//! `status --json`, every report and the app's start and areas run without a panic. The
//! clock is set with the test-only `ZIZHI_NOW` (see `src/clock.rs`); the same dates go
//! through the screens in-process in `tests/dates.rs`.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::fs;

use harness::{Home, TIMEOUT};

const CLOCKS: [&str; 2] = ["1900-01-01T08:00:00", "9999-12-31T23:00:00"];

/// A progress file with a date of every kind, in 2026: far after 1900, far before 9999.
const PROGRESS: &str = r#"{
  "schema_version": 2,
  "items": { "sa-type-business-inventory": { "status": "in_progress", "note": "台账已核对",
             "due": "2026-11-25", "updated": "2026-11-20T09:00:00" } },
  "timeline": { "start": "2026-03-02", "finished": { "self-assessment": "2026-04-01" },
                "correction_notice": "2026-06-01", "public_notice": "2026-09-01" }
}
"#;

fn home() -> Home {
    let home = Home::new();
    let path = home.data_path();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, PROGRESS).unwrap();
    home
}

#[test]
fn status_and_every_report_run_with_the_clock_at_1900_and_9999() {
    let home = home();
    for now in CLOCKS {
        for args in [
            &["status"][..],
            &["status", "--json"],
            &["export", "--format", "md"],
            &["export", "--format", "html"],
            &["export", "--format", "csv"],
        ] {
            let out = home
                .command()
                .args(args)
                .env("ZIZHI_NOW", now)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && !stderr.contains("panic"),
                "ZIZHI_NOW={now} zizhi {args:?}: {:?}\n{stderr}",
                out.status
            );
            assert!(!out.stdout.is_empty(), "{args:?} wrote nothing");
        }
        let json = home
            .command()
            .args(["status", "--json"])
            .env("ZIZHI_NOW", now)
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert!(value.is_object(), "{value}");
    }
}

#[test]
fn the_app_starts_and_shows_every_area_with_the_clock_at_1900_and_9999() {
    for now in CLOCKS {
        let home = home();
        let mut app = home.start_with(&[], &[("ZIZHI_NOW", now)]);
        let screen = app.wait_for_text("阶段进度");
        let year = &now[..4];
        assert!(
            screen.lines().next().unwrap().contains(year),
            "the header shows the faked date:\n{screen}"
        );
        let mut title = screen.lines().next().unwrap().to_owned();
        for key in ["2", "3", "4", "5", "6", "7", "8", "1"] {
            app.send(key);
            // Each area has its own title in the header: wait until it changed.
            let shown = app.wait_for(&format!("the area of key {key}"), TIMEOUT, |s| {
                s.lines().next().is_some_and(|l| l != title)
            });
            title = shown.lines().next().unwrap().to_owned();
        }
        app.send("q");
        let status = app.wait_exit(TIMEOUT);
        assert!(
            status.success(),
            "ZIZHI_NOW={now}: {status:?}\n{}",
            app.text()
        );
    }
}
