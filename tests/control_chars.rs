//! No raw control character from user data or custom content reaches the terminal: every
//! command that prints such text shows `ESC ] 0 ; … BEL` (which would retitle the terminal)
//! escaped, on standard output and standard error alike.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use cli::Home;

use chrono::{Duration, Local};
use zizhi::progress::{ItemProgress, Progress, Rectification, Status, encode};

const EVIL: &str = "陈强\u{1b}]0;pwned\u{7}";
const SHOWN: &str = "陈强\\e]0;pwned\\x07";

/// `zizhi --data DATA ARGS` in `home`; the raw output.
fn zizhi(home: &Home, data: &Path, args: &[&str]) -> Output {
    home.zizhi().data(data).args(args).output()
}

#[track_caller]
fn assert_clean(out: &Output, what: &str) -> String {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{what}: raw control characters on {name}: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A progress file whose overdue checklist item and rectification carry the sequence.
fn evil_progress(data: &Path) {
    let content = zizhi::content::load_built_in().expect("built-in");
    let id = content
        .items()
        .next()
        .expect("an item")
        .item
        .id
        .value
        .clone();
    let mut progress = Progress::default();
    let yesterday = Local::now().date_naive() - Duration::days(3);
    progress.items.insert(
        id,
        ItemProgress {
            status: Status::InProgress,
            owner: EVIL.to_owned(),
            due: Some(yesterday),
            ..ItemProgress::default()
        },
    );
    let item: Rectification = serde_json::from_value(serde_json::json!({
        "id": "ZG-001",
        "title": EVIL,
        "source": "self_check",
        "severity": "major",
        "status": "open",
        "owner": EVIL,
        "due": yesterday.to_string(),
        "history": []
    }))
    .expect("a rectification item");
    progress.rectifications.push(item);
    fs::create_dir_all(data.parent().expect("dir")).expect("mkdir");
    fs::write(data, encode(&progress)).expect("write");
}

#[test]
fn status_and_exports_on_standard_output_show_the_sequence_escaped() {
    let tmp = Home::new().with_config("config");
    let data = tmp.join("data/progress.json");
    evil_progress(&data);
    for args in [
        &["status"][..],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
        &["export", "--format", "html"],
    ] {
        let shown = assert_clean(&zizhi(&tmp, &data, args), &format!("{args:?}"));
        // Markdown also escapes the bracket: `\e\]0;`.
        assert!(
            shown.contains("陈强\\e") && shown.contains("pwned\\x07"),
            "{args:?}: {shown}"
        );
    }
    // JSON escapes it itself.
    let out = zizhi(&tmp, &data, &["status", "--json"]);
    assert_clean(&out, "status --json");
}

#[test]
fn paths_and_names_from_the_user_are_escaped_in_messages_and_listings() {
    let tmp = Home::new().with_config("config");
    // A directory whose name holds the sequence.
    let dir: PathBuf = tmp.join(EVIL);
    fs::create_dir(&dir).expect("mkdir");
    let data = dir.join("progress.json");

    for args in [&["data", "path"][..], &["data", "backups"]] {
        let shown = assert_clean(&zizhi(&tmp, &data, args), &format!("{args:?}"));
        assert!(shown.contains(SHOWN), "{args:?}: {shown}");
    }

    // An unreadable progress file: the error message names the path.
    fs::write(&data, "{ broken").expect("write");
    let out = zizhi(&tmp, &data, &["status"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(assert_clean(&out, "status error").contains(SHOWN));

    // A sums file naming a file with the sequence in its name.
    let sums = tmp.join("SM3SUMS");
    fs::write(&sums, format!("{}  {EVIL}\n", "0".repeat(64))).expect("write");
    let out = zizhi(&tmp, &data, &["checksum", "--check", "SM3SUMS"]);
    assert!(assert_clean(&out, "checksum --check").contains(SHOWN));

    // validate on a content directory under that name.
    let content = dir.join("content");
    zizhi::content::export_built_in(&content, false).expect("export");
    let out = zizhi(&tmp, &data, &["validate", content.to_str().expect("UTF-8")]);
    assert!(assert_clean(&out, "validate").contains(SHOWN));
}

#[test]
fn validate_refuses_control_characters_in_content_with_file_line_and_column() {
    let tmp = Home::new().with_config("config");
    let data = tmp.join("data/progress.json");
    let content = tmp.join("content");
    zizhi::content::export_built_in(&content, false).expect("export");
    let phase = fs::read_dir(&content)
        .expect("listed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("phase-"))
        })
        .expect("a phase file");
    let text = fs::read_to_string(&phase).expect("read");
    // The first title gets a terminal-title sequence, written out raw.
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("title:"))
        .expect("a title");
    let evil_line = format!("{line}{EVIL}");
    let column = line.chars().count() + 3; // after the line and 陈强, at ESC.
    fs::write(&phase, text.replacen(line, &evil_line, 1)).expect("write");
    let out = zizhi(&tmp, &data, &["validate", content.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(5), "content errors exit 5");
    let shown = assert_clean(&out, "validate");
    let place = format!("{}:{}:{column}:", phase.display(), line_no + 1);
    assert!(shown.contains(&place), "wants {place} in {shown}");
    assert!(shown.contains("控制字符 \\e"), "{shown}");
}
