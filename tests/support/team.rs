//! What the team tests (`team_cli.rs`, `team_sync_pty.rs`) share: git run in a directory,
//! a bare repository as the shared remote, an item as `zizhi item ID --json` shows it.
//! Include it beside `pty/harness.rs`, as `mod harness`.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::harness::Home;

/// Runs `git ARGS` in `dir` as user `t`; insists on success; the standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A new bare repository `dir/team.git`; its path.
pub fn bare_remote(dir: &Path) -> String {
    let remote = dir.join("team.git");
    git(dir, &["init", "-q", "--bare", &remote.to_string_lossy()]);
    remote.to_string_lossy().into_owned()
}

/// Item `id` as `zizhi item ID --json` prints it in `home`.
pub fn item(home: &Home, id: &str) -> Value {
    serde_json::from_str(&home.ok(&["item", id, "--json"])).expect("item JSON")
}
