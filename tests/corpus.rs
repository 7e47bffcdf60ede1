//! A corpus of hand-written broken files, each with the exact message the user sees.
//!
//! - `tests/corpus/content/<target>--<case>.yaml`: put into an export of the built-in content as
//!   `<target>.yaml` (a new `phase-9-corpus.yaml`, or replacing a single file such as
//!   `calendar.yaml`); `zizhi validate DIR` must exit 2 and print exactly
//!   `<target>--<case>.expected` (the directory shown as `<DIR>`).
//! - `tests/corpus/progress/<case>.json`: used as the progress file; `zizhi status` and the app
//!   itself must exit 3, print exactly `<case>.expected` (the file shown as `<FILE>`), and
//!   leave the file as it was.
//!
//! After changing a message on purpose: `ZIZHI_BLESS=1 cargo test --test corpus` rewrites the
//! `.expected` files; read every changed one before committing it.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cli::Zizhi;

fn corpus(kind: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

fn zizhi(home: &Path) -> Command {
    Zizhi::new().home(home).command()
}

/// Compares `actual` with the `.expected` file beside `case` (or writes it when blessing);
/// returns a description of the difference.
fn compare(case: &Path, actual: &str) -> Option<String> {
    let expected_path = case.with_extension("expected");
    if std::env::var_os("ZIZHI_BLESS").is_some() {
        fs::write(&expected_path, actual).expect("write .expected");
        return None;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{}:\n--- expected ({})\n{expected}\n--- actual\n{actual}",
            case.display(),
            expected_path.display()
        )
    })
}

#[test]
fn every_broken_content_file_gets_its_exact_message() {
    let mut failures = Vec::new();
    for case in corpus("content", "yaml") {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let (target, _) = name.split_once("--").expect("<target>--<case>.yaml");
        let home = tempfile::tempdir().expect("tempdir");
        let dir = home.path().join("content");
        zizhi::content::export_built_in(&dir, false).expect("export");
        fs::copy(&case, dir.join(format!("{target}.yaml"))).expect("copy");

        let out = zizhi(home.path())
            .arg("validate")
            .arg(&dir)
            .output()
            .expect("run zizhi");
        let stderr = String::from_utf8_lossy(&out.stderr).replace(&*dir.to_string_lossy(), "<DIR>");
        if out.status.code() != Some(5) {
            failures.push(format!(
                "{name}: exit {:?}, stderr:\n{stderr}",
                out.status.code()
            ));
            continue;
        }
        assert!(out.stdout.is_empty(), "{name}");
        failures.extend(compare(&case, &stderr));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_broken_progress_file_gets_its_exact_message_and_is_left_alone() {
    let mut failures = Vec::new();
    for case in corpus("progress", "json") {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(&case).expect("read");
        let home = tempfile::tempdir().expect("tempdir");
        let data = home.path().join("progress.json");
        fs::write(&data, &bytes).expect("write");
        let mut seen = Vec::new();
        for args in [&["status"][..], &[][..]] {
            let out = zizhi(home.path())
                .arg("--data")
                .arg(&data)
                .args(args)
                .output()
                .expect("run zizhi");
            let stderr =
                String::from_utf8_lossy(&out.stderr).replace(&*data.to_string_lossy(), "<FILE>");
            if out.status.code() != Some(3) {
                failures.push(format!(
                    "{name}: zizhi {args:?} exit {:?}, stderr:\n{stderr}",
                    out.status.code()
                ));
            }
            assert_eq!(
                fs::read(&data).expect("read"),
                bytes,
                "{name}: zizhi {args:?} changed it"
            );
            seen.push(stderr);
        }
        if seen[0] != seen[1] {
            failures.push(format!(
                "{name}: status and the app say different things:\n{seen:#?}"
            ));
        }
        failures.extend(compare(&case, &seen[0]));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
