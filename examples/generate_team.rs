//! Writes a generated team (20 people, a year, ≥ 100 000 recorded changes) as a joined team
//! directory, so the real program can be measured on it:
//!
//! ```sh
//! cargo run --release --example generate_team -- /tmp/zizhi-team
//! XDG_CONFIG_HOME=/tmp/zizhi-team zizhi team import …   # or: zizhi status, zizhi
//! ```
//!
//! The directory is `$XDG_CONFIG_HOME` with `zizhi/team/{me.json,repo/people/*.json}`; the
//! first command run there merges the history and writes the working progress file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::path::PathBuf;

#[path = "../benches/support/team_history.rs"]
mod team_history;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: generate_team DIR");
        std::process::exit(2);
    };
    let content = zizhi::content::load_built_in().map_err(|e| e.to_string())?;
    let ids: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let people = team_history::people(&ids);
    let team = team_history::write_team(&dir.join("zizhi").join("team"), &people);
    team.save_me().map_err(|e| e.to_string())?;
    let changes: usize = people.iter().map(|p| p.changes.len()).sum();
    println!(
        "{} people, {changes} changes in {}",
        people.len(),
        team.people_dir().display()
    );
    Ok(())
}
