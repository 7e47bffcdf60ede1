//! Command-line interface: arguments, and the non-interactive commands that print to a writer.

mod args;
pub mod data;
pub mod deadline;
pub mod export;
pub mod generate;
pub mod status;

pub use args::{ChecklistsCommand, Cli, Command, DataCommand, ExportFormat};

use std::path::{Path, PathBuf};

use crate::content::{self, Content, Problems};
use crate::progress::{self, Progress, Store};

/// Loads the content the user chose: a directory if given, else the built-in set.
pub fn load_content(dir: Option<&Path>) -> Result<Content, Problems> {
    match dir {
        Some(dir) => content::load_dir(dir),
        None => content::load_built_in(),
    }
}

/// The progress file: `--data`, else `zizhi/progress.json` in the user's config directory.
pub fn data_path(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = explicit {
        return Ok(path.to_owned());
    }
    directories::ProjectDirs::from("", "", "zizhi")
        .map(|dirs| dirs.config_dir().join("progress.json"))
        .ok_or_else(|| {
            "找不到用户配置目录（HOME 未设置？）。请用 --data 文件 指定进度文件的位置".to_owned()
        })
}

/// Why progress could not be read, in words that say what to do.
pub fn progress_error(store: &Store, detail: &str) -> String {
    format!(
        "无法读取进度文件 {}：{detail}\n\
         该文件未被改动。可以：\n  \
         · 查看备份：zizhi --data {} data backups\n  \
         · 恢复其中一份：zizhi --data {} data restore 编号\n  \
         · 或把该文件移到别处后重新开始（进度会从空白开始）",
        store.path().display(),
        store.path().display(),
        store.path().display()
    )
}

/// Reads the progress file; a missing file is an empty start.
pub fn read_progress(store: &Store) -> Result<(Progress, Option<u32>), String> {
    let text = store
        .load()
        .map_err(|err| progress_error(store, &err.to_string()))?;
    match text {
        None => Ok((Progress::default(), None)),
        Some(text) => progress::codec_decode(&text)
            .map(|d| (d.progress, d.migrated_from))
            .map_err(|err| progress_error(store, &err.to_string())),
    }
}
