//! Writes a big progress file (default a million notes, about 110 MB) so the real program can
//! be tried on it:
//!
//! ```sh
//! cargo run --release --example generate_progress -- /tmp/big/progress.json [NOTES]
//! zizhi --data /tmp/big/progress.json status      # or: zizhi --data … (opens read-only)
//! zizhi --data /tmp/big/progress.json data compact
//! ```
//!
//! What the notes are: see `benches/support/big_progress.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::PathBuf;

#[path = "../benches/support/big_progress.rs"]
mod big_progress;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: generate_progress FILE [NOTES]");
        std::process::exit(2);
    };
    let notes = match args.next() {
        Some(n) => n.to_string_lossy().parse()?,
        None => big_progress::MILLION,
    };
    let content = zizhi::content::load_built_in().map_err(|e| e.to_string())?;
    let items: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let questions: Vec<String> = content
        .interview
        .questions
        .iter()
        .map(|q| q.id.to_string())
        .collect();
    let progress = big_progress::progress(notes, &items, &questions);
    let text = zizhi::progress::encode(&progress);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    std::fs::write(&path, &text)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    println!(
        "{}: {notes} notes, {:.1} MB",
        path.display(),
        text.len() as f64 / 1e6
    );
    Ok(())
}
