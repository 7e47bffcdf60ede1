//! Writes the generated 10 000-item content set (the one the benchmarks use) to a directory,
//! so the real program can be measured on it:
//!
//! ```sh
//! cargo run --release --example generate_content -- /tmp/zizhi-10k
//! zizhi --checklists /tmp/zizhi-10k
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::path::PathBuf;

#[path = "../benches/support/generated.rs"]
mod generated;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: generate_content DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir)?;
    let mut bytes = 0;
    for (name, text) in generated::generated_sources() {
        bytes += text.len();
        std::fs::write(dir.join(name), text)?;
    }
    println!(
        "{} items, {bytes} bytes of YAML in {}",
        generated::ITEMS,
        dir.display()
    );
    Ok(())
}
