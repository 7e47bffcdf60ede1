//! The README's generated blocks (key tables from the key map, exit codes from the exit-code
//! table) are what the program would generate now, and the README keeps the things it must
//! always say. `ZIZHI_UPDATE_README=1 cargo test --test readme` rewrites the blocks.

#![cfg(test)]

use std::fs;
use std::path::Path;

use zizhi::cli::docs;

fn readme_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn the_key_and_exit_code_tables_match_the_program() {
    let path = readme_path();
    let text = fs::read_to_string(&path).expect("README.md");
    let fresh = docs::refresh_generated(&text).expect("every generated block is known");
    if text != fresh && std::env::var_os("ZIZHI_UPDATE_README").is_some_and(|v| v == "1") {
        fs::write(&path, &fresh).expect("write README.md");
        return;
    }
    assert!(
        text == fresh,
        "README.md's generated tables differ from the key map or the exit-code table; \
         run `ZIZHI_UPDATE_README=1 cargo test --test readme` and review the diff"
    );
}

#[test]
fn every_tour_screen_and_both_exit_tables_appear() {
    let text = fs::read_to_string(readme_path()).expect("README.md");
    for (name, ..) in docs::KEY_SCREENS {
        assert!(
            text.contains(&format!("<!-- generated:keys:{name} -->")),
            "{name}"
        );
    }
    assert!(text.contains("<!-- generated:keys-en:global -->"));
    assert!(text.contains("<!-- generated:exit-codes -->"));
    assert!(text.contains("<!-- generated:exit-codes-en -->"));
}

#[test]
fn the_readme_keeps_the_two_commands_and_why_serde_saphyr() {
    let text = fs::read_to_string(readme_path()).expect("README.md");
    for must in [
        "cargo run --release",
        "cargo test",
        "cargo install --locked --path .",
        "serde_yaml` 已被作者弃用并归档",
        "serde_yaml` is deprecated and archived",
        "openssl dgst -sm3",
        "~/.local/share/bash-completion/completions",
        "~/.local/share/man/man1",
    ] {
        assert!(text.contains(must), "README.md must keep saying: {must}");
    }
}
