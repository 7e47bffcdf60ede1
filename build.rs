//! Embeds every `checklists/*.yaml` file into the binary and records the source commit.

use std::env;
use std::fs;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=checklists");
    let mut names: Vec<String> = fs::read_dir("checklists")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut code = String::from("&[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=checklists/{name}");
        let path = Path::new(&manifest).join("checklists").join(name);
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("built_in.rs");
    if let Err(err) = fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }

    let manifest = Path::new(&manifest);
    println!("cargo:rustc-env=ZIZHI_COMMIT={}", source_commit(manifest));
    println!(
        "cargo:rustc-env=ZIZHI_SCHEMA_HASH={:016x}",
        schema_hash(manifest)
    );
    println!(
        "cargo:rustc-env=ZIZHI_TARGET={}",
        env::var("TARGET").unwrap_or_default()
    );
}

/// A hash of the files that define the compiled-content format, so a compiled file made by a
/// build with another content model is never read by this one (even between commits).
fn schema_hash(manifest: &Path) -> u64 {
    // FNV-1a: stable across builds and Rust versions, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The types stored; the layout around them has a version number (`FORMAT`).
    for file in [
        "src/content/model.rs",
        "src/content/model/basis.rs",
        "src/content/model/threshold.rs",
        "src/content/model/tip.rs",
        "src/content/text.rs",
    ] {
        println!("cargo:rerun-if-changed={file}");
        for byte in fs::read(manifest.join(file)).unwrap_or_default() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The commit the source came from, for `zizhi --version`:
/// - a source archive made by `git archive` (the source bundle) carries it in `.source-commit`,
///   which git fills in on export (`export-subst` in `.gitattributes`);
/// - a git checkout asks git, and adds `-dirty` when tracked files differ from that commit;
/// - anything else (a copied directory, a tarball unpacked inside some other repository) says
///   `unknown` rather than name a commit the source did not come from.
fn source_commit(manifest: &Path) -> String {
    let recorded = manifest.join(".source-commit");
    if recorded.exists() {
        println!("cargo:rerun-if-changed=.source-commit");
    }
    if let Ok(text) = fs::read_to_string(&recorded) {
        let text = text.trim();
        if text.len() >= 12 && text.chars().all(|c| c.is_ascii_hexdigit()) {
            return text[..12].to_owned();
        }
    }
    git_commit(manifest).unwrap_or_else(|| "unknown".into())
}

fn git(manifest: &Path, args: &[&str]) -> Option<String> {
    Command::new("git")
        .arg("-C")
        .arg(manifest)
        .arg("--no-optional-locks")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

fn git_commit(manifest: &Path) -> Option<String> {
    // Only this package's own repository counts, not one it happens to sit inside.
    let top = git(manifest, &["rev-parse", "--show-toplevel"])?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(Path::new(&top), manifest) {
        return None;
    }
    let commit = git(manifest, &["rev-parse", "--short=12", "HEAD"])?;
    // Rebuild the string when HEAD moves, a commit lands on the branch, or tracked files change.
    let mut watched = vec![
        "HEAD".to_owned(),
        "packed-refs".to_owned(),
        "index".to_owned(),
    ];
    if let Some(branch) = git(manifest, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(manifest, &["rev-parse", "--git-path", &name]) {
            let path = manifest.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    for tracked in ["src", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={tracked}");
    }
    let dirty = git(manifest, &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|out| !out.is_empty());
    Some(if dirty {
        format!("{commit}-dirty")
    } else {
        commit
    })
}
