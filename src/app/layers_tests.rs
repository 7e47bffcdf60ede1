//! The import graph runs one way: content → progress → domain → action → keymap → screens →
//! app → tui. Checked on the source text: every `crate::module` a file names must sit at or
//! below the file's own layer. Test code is left out (it may drive the whole app).

use std::path::{Path, PathBuf};

/// Layers from the bottom; a module may name its own layer and those below.
const LAYERS: &[(&str, u8)] = &[
    ("i18n", 0),
    ("content", 1),
    ("progress", 2),
    ("domain", 3),
    ("theme", 3),
    ("action", 4),
    ("keymap", 5),
    ("widgets", 5),
    ("screens", 6),
    ("app", 7),
    ("tui", 8),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "test_support.rs"
}

/// The file's code without comments (a doc link is no import) and without an inline
/// `#[cfg(test)] mod tests { … }` at its end.
fn production_text(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::name` the text mentions, including inside `use crate::{a, b}` groups.
fn named_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for path in files.iter().filter(|p| !is_test_file(p)) {
        let Ok(relative) = path.strip_prefix(&src) else {
            continue;
        };
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .trim_end_matches(".rs");
        let Some(own) = layer(top) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("source file reads");
        for name in named_modules(&production_text(&text)) {
            if layer(&name).is_some_and(|l| l > own) {
                upward.push(format!("{} names crate::{name}", relative.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_check_sees_grouped_and_plain_paths() {
    let names = named_modules("use crate::{app::App, keymap};\nlet x = crate::screens::Screen;");
    assert_eq!(names, ["app", "keymap", "screens"]);
}
