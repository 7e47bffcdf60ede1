//! `--lang en` applies to the commands' own words (content stays as written).

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use cli::Zizhi;

fn zizhi(args: &[&str]) -> (i32, String, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    zizhi_in(tmp.path(), args)
}

fn zizhi_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let run = Zizhi::new()
        .home_and_config(dir, &dir.join("config"))
        .lang_en()
        .data(&dir.join("progress.json"))
        .args(args)
        .run();
    (run.code.unwrap_or(-1), run.stdout, run.stderr)
}

#[test]
fn status_speaks_english() {
    let (code, out, _) = zizhi(&["status"]);
    assert_eq!(code, 0);
    for must in [
        "Progress file: ",
        "Checklist: ",
        "overdue, ",
        "Rectifications: ",
        "Demo rehearsals: ",
        "Interviews: ",
        "Self-assessment (estimate): not rated yet",
        "Expected certificate: ",
    ] {
        assert!(out.contains(must), "{must}:\n{out}");
    }
    for chinese_label in [
        "进度文件：",
        "清单共",
        "整改项 ",
        "演示预演：",
        "模拟访谈：",
        "自评分",
        "预计取证",
    ] {
        assert!(!out.contains(chinese_label), "{chinese_label}:\n{out}");
    }
}

#[test]
fn export_messages_speak_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = zizhi_in(tmp.path(), &["export", "-o", "r.md"]);
    assert_eq!(code, 0);
    assert!(err.starts_with("wrote "), "{err}");
    assert!(!has_cjk(&err), "{err}");
    let (code, _, err) = zizhi_in(tmp.path(), &["export", "-o", "r.md"]);
    assert_eq!(code, 1);
    assert!(err.contains("exists and was kept"), "{err}");
}

/// Whether `text` holds a Chinese character.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

#[track_caller]
fn english(code: i32, out: &str, err: &str, want: i32, what: &str) {
    assert_eq!(code, want, "{what}: {out}{err}");
    assert!(!has_cjk(out), "{what} stdout: {out}");
    assert!(!has_cjk(err), "{what} stderr: {err}");
}

#[test]
fn data_validate_checklists_and_deadline_speak_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = zizhi_in(tmp.path(), &["data", "backups"]);
    english(code, &out, &err, 0, "data backups (none)");
    assert!(out.contains("has no backups yet"), "{out}");
    // Two saves make a rolling backup.
    zizhi_in(tmp.path(), &["settings", "set", "training-hours", "4"]);
    zizhi_in(tmp.path(), &["settings", "set", "training-hours", "8"]);
    let (code, out, err) = zizhi_in(tmp.path(), &["data", "backups"]);
    english(code, &out, &err, 0, "data backups");
    assert!(
        out.contains("newest first") && out.contains("bytes"),
        "{out}"
    );
    let (code, out, err) = zizhi_in(tmp.path(), &["data", "restore", "bak"]);
    english(code, &out, &err, 0, "data restore");
    assert!(out.starts_with("Restored "), "{out}");

    let (code, out, err) = zizhi_in(tmp.path(), &["validate"]);
    english(code, &out, &err, 0, "validate");
    assert!(out.contains("no problems"), "{out}");
    let dir = tmp.path().join("content");
    let (code, out, err) = zizhi_in(
        tmp.path(),
        &["checklists", "export", dir.to_str().expect("UTF-8")],
    );
    english(code, &out, &err, 0, "checklists export");
    assert!(out.contains("Exported "), "{out}");

    let (code, out, err) = zizhi_in(
        tmp.path(),
        &["deadline", "--from", "2026-12-08", "--correction"],
    );
    english(code, &out, &err, 0, "deadline --correction");
    assert!(out.contains("The earlier is"), "{out}");
    let (code, out, err) = zizhi_in(
        tmp.path(),
        &["deadline", "--from", "2026-12-08", "--working-days", "10"],
    );
    english(code, &out, &err, 0, "deadline --working-days");
}

#[test]
fn a_validate_failure_ends_in_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("content");
    std::fs::create_dir(&dir).expect("mkdir");
    let (code, _, err) = zizhi_in(tmp.path(), &["validate", dir.to_str().expect("UTF-8")]);
    assert_eq!(code, 5);
    assert!(err.contains("The content has "), "{err}");
    english(code, "", &err, 5, "validate an empty directory");
    assert!(err.contains("no phase checklists"), "{err}");
}

#[test]
fn validate_problems_are_in_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("content");
    let shown = dir.to_str().expect("UTF-8");
    let (code, _, err) = zizhi_in(tmp.path(), &["checklists", "export", shown]);
    assert_eq!(code, 0, "{err}");
    // Three problems: a difficulty out of range, an empty file, an unknown file.
    let interview = dir.join("interview.yaml");
    let text = std::fs::read_to_string(&interview).expect("read");
    std::fs::write(
        &interview,
        text.replacen("difficulty: 1", "difficulty: 9", 1),
    )
    .expect("written");
    std::fs::write(dir.join("sops.yaml"), "").expect("written");
    std::fs::write(dir.join("notes.yaml"), "a: 1\n").expect("written");
    // A YAML-level problem: a field the format does not know.
    let calendar = dir.join("calendar.yaml");
    let text = std::fs::read_to_string(&calendar).expect("read");
    std::fs::write(&calendar, format!("{text}\nbogus: 1\n")).expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["validate", shown]);
    english(code, &out, &err, 5, "validate with problems");
    for must in [
        "difficulty must be 1, 2 or 3",
        "the file is empty",
        "unknown file name",
        "unknown field: is it misspelt?",
    ] {
        assert!(err.contains(must), "{must}: {err}");
    }
}

#[test]
fn people_and_settings_commands_speak_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join("people.csv");
    // The names are user data; everything else must be English.
    std::fs::write(
        &csv,
        "name,level,hired,left\nAlice,一般,2020-01-01,2020-03-01\n",
    )
    .expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "people.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Dry run: 1 people added"), "{out}");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "--apply", "people.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Written: "), "{out}");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "export", "out"]);
    english(code, &out, &err, 0, "people export");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "purge", "Alice"]);
    english(code, &out, &err, 0, "people purge");
    assert!(out.contains("Purged"), "{out}");
    assert!(!out.contains("git history"), "solo: no team notice: {out}");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "purge", "Bob"]);
    english(code, &out, &err, 1, "people purge unknown");

    let (code, out, err) = zizhi_in(tmp.path(), &["settings"]);
    english(code, &out, &err, 0, "settings");
    // The default marking is the one an English report prints.
    assert!(
        out.contains("Internal — keep confidential (default)"),
        "{out}"
    );
    let (code, out, err) = zizhi_in(tmp.path(), &["settings", "set", "insured-threshold", "10"]);
    english(code, &out, &err, 0, "settings set");
    let (code, out, err) = zizhi_in(tmp.path(), &["settings", "set", "colour", "red"]);
    english(code, &out, &err, 2, "settings set unknown");
}

#[test]
fn the_staff_register_part_of_status_speaks_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join("people.csv"),
        "name,level,hired,insured_since,passport_held,left\n\
         Alice,一般,2020-01-01,2020-01-01,否,\n\
         Bob,核心,2015-01-01,2015-01-01,是,2026-01-01\n",
    )
    .expect("written");
    let (code, _, err) = zizhi_in(tmp.path(), &["people", "import", "--apply", "people.csv"]);
    assert_eq!(code, 0, "{err}");
    zizhi_in(tmp.path(), &["settings", "set", "training-hours", "8"]);
    let (code, out, err) = zizhi_in(tmp.path(), &["status"]);
    assert_eq!(code, 0, "{err}");
    let register = out
        .split("Staff register:")
        .nth(1)
        .unwrap_or_else(|| panic!("no register part: {out}"));
    assert!(!has_cjk(register), "{register}");
    assert!(register.contains("insured for a year: 1"), "{register}");
    assert!(
        register.contains("without a signed pledge: 1: Alice"),
        "{register}"
    );
    assert!(
        register.contains("declassification period: Bob"),
        "{register}"
    );
}

/// `text` with the given user and content data taken out, so what is left are the
/// program's own words.
fn without_data(text: &str, data: &[&str]) -> String {
    data.iter()
        .fold(text.to_owned(), |text, known| text.replace(known, ""))
}

#[test]
fn export_under_lang_en_writes_english_reports() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // An empty progress file: everything in the report is the program's own words, the
    // built-in content's titles (phases, demos, score note) and the default marking aside.
    let content = zizhi::content::load_built_in().expect("built-in content");
    let mut data: Vec<String> = Vec::new();
    for phase in &content.phases {
        data.push(phase.title.clone());
        if let Some(d) = &phase.duration {
            data.push(d.label.clone());
        }
    }
    for sop in &content.sops {
        data.push(sop.title.clone());
    }
    data.extend(content.scoring.note.lines().map(|l| l.trim().to_owned()));
    let data: Vec<&str> = data
        .iter()
        .map(String::as_str)
        .filter(|d| !d.is_empty())
        .collect();
    for (format, must) in [
        (
            "md",
            [
                "## Conclusion",
                "## Rectification tracking",
                "## Staff and certificates",
            ],
        ),
        (
            "html",
            [
                "<h2>Conclusion</h2>",
                "<h2>Timeline</h2>",
                "<html lang=\"en\">",
            ],
        ),
    ] {
        let (code, out, err) = zizhi_in(tmp.path(), &["export", "--format", format]);
        assert_eq!(code, 0, "{err}");
        for m in must {
            assert!(out.contains(m), "{format} lacks {m}");
        }
        let words = without_data(&out, &data);
        assert!(
            words.contains("Internal — keep confidential"),
            "{format}: the English default marking"
        );
        let cjk: Vec<&str> = words.lines().filter(|l| has_cjk(l)).collect();
        assert!(
            cjk.is_empty(),
            "{format} has Chinese outside content: {cjk:#?}"
        );
    }
    let (code, out, err) = zizhi_in(tmp.path(), &["export", "--format", "csv"]);
    english(code, &out, &err, 0, "export csv (no items)");
    assert!(out.contains("ID,Title,Status"), "{out}");
}

#[test]
fn people_import_lines_and_row_errors_are_in_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Names and the level column's values are user data (the HR spreadsheet's words).
    std::fs::write(tmp.path().join("people.csv"), "name,level\nAlice,一般\n").expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "--apply", "people.csv"]);
    english(code, &out, &err, 0, "people import (new)");
    assert!(out.contains("+ new person Alice"), "{out}");
    std::fs::write(tmp.path().join("people.csv"), "name,level\nAlice,核心\n").expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "people.csv"]);
    english(code, &out, &err, 0, "people import (change)");
    assert!(out.contains("~ Alice: level"), "{out}");
    std::fs::write(
        tmp.path().join("certs.csv"),
        "name,certificate,valid_until\nBob,CISP,2027-01-01\nAlice,CISP,2027-01-01,extra\n",
    )
    .expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "certs.csv"]);
    english(code, &out, &err, 1, "people import (bad rows)");
    assert!(
        err.contains("certs.csv:2: column \"name\": the register has no \"Bob\""),
        "{err}"
    );
    assert!(err.contains("certs.csv:3: this row has 4 fields"), "{err}");
    std::fs::write(tmp.path().join("hours.csv"), "name,hours\nAlice,4\n").expect("written");
    let (code, out, err) = zizhi_in(tmp.path(), &["people", "import", "hours.csv"]);
    english(code, &out, &err, 1, "people import (a column missing)");
    assert!(
        err.contains("the training file lacks the \"date\" column"),
        "{err}"
    );
}

/// The built-in content's own words (titles, labels, notes): content text, shown as written
/// under either language.
fn content_words() -> Vec<String> {
    let content = zizhi::content::load_built_in().expect("built-in content");
    let mut words: Vec<String> = Vec::new();
    for phase in &content.phases {
        words.push(phase.title.clone());
        if let Some(d) = &phase.duration {
            words.push(d.label.clone());
        }
        for section in &phase.sections {
            words.push(section.title.clone());
        }
    }
    for item in content.items() {
        words.push(item.item.title.to_string());
    }
    for sop in &content.sops {
        words.push(sop.title.clone());
    }
    words.extend(content.scoring.note.lines().map(|l| l.trim().to_owned()));
    words.retain(|w| !w.is_empty());
    // Longest first, so a title is taken out whole before a shorter one inside it.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Every subcommand, run under `--lang en` on good and on bad input (bad YAML, a damaged or
/// GBK progress file, an unknown id, a bad date, a missing file, an existing export target,
/// no terminal), and every `--help`: no Chinese character may be left once the user's data
/// and the content's words are taken out. `man` and `help schema` are left out on purpose:
/// they are reference documents written in both languages side by side.
#[test]
fn every_subcommand_speaks_english_on_good_and_bad_input() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let words = content_words();
    let data: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut failures = Vec::new();
    let mut check = |args: &[&str], want: Option<i32>| {
        let (code, out, err) = zizhi_in(dir, args);
        if let Some(want) = want
            && code != want
        {
            failures.push(format!("{args:?}: exit {code}, not {want}: {out}{err}"));
        }
        for (stream, text) in [("stdout", out), ("stderr", err)] {
            let left = without_data(&text, &data);
            let chinese: Vec<&str> = left.lines().filter(|l| has_cjk(l)).collect();
            if !chinese.is_empty() {
                failures.push(format!("{args:?} {stream}: {chinese:#?}"));
            }
        }
    };
    let content_dir = dir.join("content");
    let content_dir = content_dir.to_str().expect("UTF-8");
    // Good input first.
    check(&["status"], Some(0));
    check(&["validate"], Some(0));
    check(&["checklists", "export", content_dir], Some(0));
    check(&["validate", content_dir], Some(0));
    check(
        &["deadline", "--from", "2026-12-08", "--working-days", "5"],
        Some(0),
    );
    check(
        &["deadline", "--from", "2026-12-08", "--correction"],
        Some(0),
    );
    check(
        &[
            "item",
            "sa-type-choose-category",
            "--status",
            "done",
            "--owner",
            "Alice",
        ],
        Some(0),
    );
    check(
        &["item", "sa-type-choose-category", "--note", "same"],
        Some(0),
    );
    check(&["item", "sa-type-choose-category"], Some(0));
    check(&["export", "-o", "report.md"], Some(0));
    check(&["export", "-o", "report.html"], Some(0));
    check(&["export", "-o", "report.csv"], Some(0));
    check(&["settings"], Some(0));
    check(&["settings", "set", "organisation", "Acme"], Some(0));
    check(&["data", "backups"], Some(0));
    check(&["data", "compact"], Some(0));
    check(&["data", "path"], Some(0));
    std::fs::write(dir.join("f.txt"), "abc").expect("written");
    check(&["checksum", "f.txt"], Some(0));
    check(&["completions", "bash"], Some(0));
    check(&["--help"], Some(0));
    for command in [
        "interview",
        "status",
        "validate",
        "checklists",
        "deadline",
        "rectify",
        "export",
        "sop",
        "score",
        "completions",
        "man",
        "people",
        "settings",
        "help",
        "data",
        "team",
        "item",
        "checksum",
    ] {
        check(&[command, "--help"], Some(0));
        check(&["help", command], Some(0));
    }
    check(&["people", "import", "--help"], Some(0));
    check(&["interview", "judge", "--help"], Some(0));
    check(
        &["interview", "judge", "--grade", "Q", "--question", "x"],
        Some(2),
    );
    // Bad input.
    check(&["validate", "nowhere"], Some(5));
    check(&["checklists", "export", content_dir], Some(1));
    std::fs::write(dir.join("content/bad.yaml"), "bogus: [\n").expect("written");
    check(&["validate", content_dir], Some(5));
    std::fs::remove_file(dir.join("content/bad.yaml")).expect("removed");
    let phase = dir.join("content/phase-1-self-assessment.yaml");
    let text = std::fs::read_to_string(&phase).expect("read");
    let broken = text.replacen("basis:", "basis: nonsense\n  old_basis:", 1);
    std::fs::write(&phase, broken).expect("written");
    check(&["validate", content_dir], Some(5));
    check(&["--checklists", content_dir, "status"], Some(5));
    check(
        &["deadline", "--from", "2026-13-45", "--working-days", "3"],
        Some(2),
    );
    check(&["item", "no-such-item"], Some(2));
    check(
        &["item", "sa-type-choose-category", "--status", "finished"],
        Some(2),
    );
    check(
        &["item", "sa-type-choose-category", "--due", "someday"],
        Some(2),
    );
    check(&["export", "-o", "report.md"], Some(1));
    check(&["export", "-o", "missing/dir/report.md"], Some(1));
    check(&["export", "-o", "report.html", "--format", "md"], Some(2));
    check(&["export", "-o", "progress.json", "--force"], None);
    check(&["people", "import", "missing.csv"], Some(1));
    std::fs::write(
        dir.join("people.csv"),
        "name,om_staff,hired,passport_held,level\nA,maybe,2026-02-30,x,top\nB,yes,today,none,\n",
    )
    .expect("written");
    check(&["people", "import", "people.csv"], Some(1));
    std::fs::write(
        dir.join("hours.csv"),
        "name,date,hours\nA,2026-01-01,lots\n",
    )
    .expect("written");
    check(&["people", "import", "hours.csv"], Some(1));
    std::fs::write(dir.join("odd.csv"), "name,colour\nA,red\n").expect("written");
    check(&["people", "import", "odd.csv"], Some(1));
    check(&["people", "export", "register"], Some(0));
    check(&["people", "export", "register"], Some(1));
    check(&["people", "purge", "Nobody"], Some(1));
    check(&["settings", "set", "grade", "Z"], Some(2));
    check(&["settings", "set", "insured-threshold", "lots"], Some(2));
    check(&["data", "restore", "no-such-backup"], Some(1));
    check(&["data", "recover", "no-such-copy"], Some(1));
    check(&["team", "sync"], Some(2));
    check(&["checksum", "missing.txt"], Some(1));
    std::fs::write(dir.join("sums"), "SM3(f.txt)= 00\n").expect("written");
    check(&["checksum", "--check", "sums"], Some(1));
    check(&["help", "no-such-topic"], Some(2));
    check(&["interview", "judge", "no-such-question"], Some(2));
    for tui in [&["rectify"][..], &["sop"], &["score"], &["interview"], &[]] {
        check(tui, Some(6));
    }
    // A damaged progress file, then one saved as GBK.
    for bytes in [&b"{ \"schema_version\": 1, broken"[..], b"\xd5\xfb\xb8\xc4"] {
        std::fs::write(dir.join("progress.json"), bytes).expect("written");
        check(&["status"], Some(3));
        check(&["export", "-o", "again.md"], Some(3));
        check(&["settings"], Some(3));
        check(&["data", "compact"], Some(3));
        check(
            &["item", "sa-type-choose-category", "--status", "done"],
            Some(3),
        );
    }
    // A user calendar that does not parse.
    std::fs::remove_file(dir.join("progress.json")).expect("removed");
    std::fs::create_dir_all(dir.join("config/zizhi")).expect("mkdir");
    std::fs::write(dir.join("config/zizhi/calendar.yaml"), "bogus: [\n").expect("written");
    check(&["status"], Some(5));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_warning_about_a_tz_that_is_no_time_zone_file_speaks_english_and_shows_no_control_characters()
{
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    // A directory is no time-zone file; the name carries an escape sequence.
    let odd = dir.join("zone\x1b]0;x\x07");
    std::fs::create_dir_all(&odd).expect("mkdir");
    let run = Zizhi::new()
        .home_and_config(dir, &dir.join("config"))
        .lang_en()
        .data(&dir.join("progress.json"))
        .env("TZ", odd.to_str().expect("utf-8 path"))
        .args(["status"])
        .run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("does not name a time-zone file"),
        "{}",
        run.stderr
    );
    assert!(!has_cjk(&run.stderr), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\x1b') && !run.stderr.contains('\x07'),
        "{:?}",
        run.stderr
    );
}
