//! End-to-end tests of `zizhi checksum` and `zizhi --version`, as a person on a secured machine
//! uses them: hash the copied binary, check it against SM3SUMS, read the version line.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::Path;

use cli::Home;

/// A scratch home, the working directory of every run (config home `config/`).
fn home() -> Home {
    Home::new().with_config("config")
}

/// A file's SM3, as `zizhi checksum --algo sm3` prints it.
fn sm3_of(path: &Path, dir: &Home) -> String {
    let path = path.to_str().expect("a UTF-8 temp path");
    dir.ok(&["checksum", "--algo", "sm3", path])
        .split_whitespace()
        .next()
        .expect("a digest")
        .to_owned()
}

#[test]
fn the_version_line_names_the_version_target_and_commit() {
    let dir = home();
    let line = dir.ok(&["--version"]);
    let prefix = format!("zizhi {} (", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&prefix), "{line}");
    assert!(line.contains("-linux-"), "the target triple: {line}");
    let commit = line
        .split("commit ")
        .nth(1)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .expect("commit …)");
    let hash = commit.strip_suffix("-dirty").unwrap_or(commit);
    assert!(
        hash == "unknown" || (hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit())),
        "{line}"
    );
}

#[test]
fn both_sums_of_a_file_are_printed_with_their_names() {
    let dir = home();
    fs::write(dir.join("abc.txt"), "abc").expect("write");
    assert_eq!(
        dir.ok(&["checksum", "abc.txt"]),
        "SHA-256  ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc.txt\n\
         SM3      66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  abc.txt\n"
    );
}

#[test]
fn a_copied_file_checks_against_sm3sums_and_a_corrupted_copy_fails() {
    let dir = home();
    let media = dir.join("media");
    fs::create_dir(&media).expect("mkdir");
    let name = "zizhi-0.1.0-aarch64-unknown-linux-musl";
    // A stand-in for the binary: 300 KB, several read buffers long (the debug build of the real
    // binary is too big to hash quickly without optimisation).
    let bytes: Vec<u8> = (0..300_000_u32).map(|i| (i % 251) as u8).collect();
    fs::write(media.join(name), &bytes).expect("copy");
    let sums = format!(
        "{}  {name}\n{}  zizhi-0.1.0-x86_64-unknown-linux-musl\n",
        sm3_of(&media.join(name), &dir),
        "0".repeat(64)
    );
    fs::write(media.join("SM3SUMS"), sums).expect("write sums");

    // From another directory: files are looked up beside SM3SUMS.
    let text = dir.ok(&["checksum", "--check", "media/SM3SUMS"]);
    assert!(text.contains(&format!("{name}: 一致 OK")), "{text}");
    assert!(
        text.contains("x86_64-unknown-linux-musl: 不在此目录，跳过"),
        "{text}"
    );

    let mut corrupted = bytes;
    let middle = corrupted.len() / 2;
    corrupted[middle] ^= 0x01;
    fs::write(media.join(name), corrupted).expect("corrupt");
    let text = dir
        .run(&["checksum", "--check", "media/SM3SUMS"])
        .code(1)
        .stdout;
    assert!(text.contains(&format!("{name}: 不一致 FAILED")), "{text}");
}

#[test]
fn a_missing_file_is_reported_on_stderr_and_fails() {
    let dir = home();
    dir.run(&["--lang", "en", "checksum", "nowhere"])
        .code(1)
        .says(&["nowhere: cannot read"]);
}
