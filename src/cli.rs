//! Command-line interface: arguments, and the non-interactive commands that print to a writer.

mod args;
pub mod checksum;
pub mod data;
pub mod deadline;
pub mod docs;
pub mod exit;
pub mod export;
pub mod generate;
pub mod item;
pub mod judge;
pub mod man;
pub mod output;
pub mod people;
pub mod settings;
pub mod status;
pub mod team;

pub use args::{
    ChecklistsCommand, Cli, Command, DataCommand, ExportFormat, InterviewCommand, PeopleCommand,
    SettingsCommand, TeamCommand, command_in, early_lang, english_half,
};

use std::path::{Path, PathBuf};

use crate::content::{self, Content, Problems};
use crate::i18n::Lang;
use crate::progress::{self, Progress, Store};

/// Loads the content the user chose: a directory if given, else the built-in set, with the
/// user's own `calendar.yaml` (config directory) on top.
pub fn load_content(dir: Option<&Path>) -> Result<Content, Problems> {
    let mut content = match dir {
        Some(dir) => content::load_dir(dir)?,
        None => content::load_built_in()?,
    };
    apply_user_calendar(&mut content)?;
    Ok(content)
}

/// Like [`load_content`], but from compiled content: the copy built into the binary, or the
/// compiled-content cache in the user's cache directory (`zizhi/content/`), so a start after
/// the first skips parsing. Without a cache directory a custom set is simply parsed.
pub fn load_content_cached(dir: Option<&Path>) -> Result<Content, Problems> {
    let mut content = content::compiled::load(dir, cache_dir().as_deref())?;
    apply_user_calendar(&mut content)?;
    Ok(content)
}

/// The user's holiday calendar: `zizhi/calendar.yaml` in the config directory. It adds years
/// (or replaces them) in the content's calendar and nothing else.
pub fn user_calendar_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "zizhi")
        .map(|dirs| dirs.config_dir().join("calendar.yaml"))
}

fn apply_user_calendar(content: &mut Content) -> Result<(), Problems> {
    let Some(path) = user_calendar_path() else {
        return Ok(());
    };
    if let Some(user) = content::load_user_calendar(&path)? {
        content::merge_calendar(&mut content.calendar, user);
    }
    Ok(())
}

/// Where compiled content is kept: `zizhi/content` in the user's cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "zizhi").map(|dirs| dirs.cache_dir().join("content"))
}

/// zizhi's directory in the user's config directory (`~/.config/zizhi`).
pub fn config_dir() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("", "", "zizhi")
        .map(|dirs| dirs.config_dir().to_owned())
        .ok_or_else(|| {
            crate::i18n::messages()
                .t(
                    "找不到用户配置目录（HOME 未设置？）",
                    "cannot find the user's config directory (is HOME set?)",
                )
                .to_owned()
        })
}

/// The team this user has joined, unless `--data` names a file of its own.
pub fn team(explicit_data: Option<&Path>) -> Result<Option<crate::team::workspace::Team>, String> {
    if explicit_data.is_some() {
        return Ok(None);
    }
    let Ok(dir) = config_dir() else {
        return Ok(None);
    };
    crate::team::workspace::Team::open(&dir).map_err(|e| e.to_string())
}

/// The progress file: `--data`, else `zizhi/progress.json` in the user's config directory.
pub fn data_path(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = explicit {
        return Ok(path.to_owned());
    }
    directories::ProjectDirs::from("", "", "zizhi")
        .map(|dirs| dirs.config_dir().join("progress.json"))
        .ok_or_else(|| {
            crate::i18n::messages()
                .t(
                    "找不到用户配置目录（HOME 未设置？）。请用 --data 文件 指定进度文件的位置",
                    "cannot find the user's config directory (is HOME set?). Name the progress file with --data FILE",
                )
                .to_owned()
        })
}

/// Why progress could not be read, in words that say what to do.
pub fn progress_error(store: &Store, detail: &str) -> String {
    let path = shell_word(&store.path().display().to_string());
    if crate::i18n::messages() == crate::i18n::Lang::En {
        return format!(
            "cannot read the progress file {}: {detail}\n\
             The file was not changed. You can:\n  \
             · list the backups: zizhi --data {path} data backups\n  \
             · restore one of them: zizhi --data {path} data restore ID\n  \
             · or move the file away and start again (with empty progress)",
            store.path().display(),
        );
    }
    format!(
        "无法读取进度文件 {}：{detail}\n\
         该文件未被改动。可以：\n  \
         · 查看备份：zizhi --data {path} data backups\n  \
         · 恢复其中一份：zizhi --data {path} data restore ID\n  \
         · 或把该文件移到别处后重新开始（进度会从空白开始）",
        store.path().display(),
    )
}

/// Why the progress file could not be read: the advice fits the cause (a newer format needs a
/// newer zizhi, not a backup).
fn read_error(store: &Store, err: &ReadError) -> String {
    let lang = crate::i18n::messages();
    match err {
        ReadError::Decode(err @ progress::DecodeError::NewerVersion { .. }) => match lang {
            Lang::Zh => format!("无法读取进度文件 {}：{err}", store.path().display()),
            Lang::En => format!(
                "cannot read the progress file {}: {}",
                store.path().display(),
                err.message(lang)
            ),
        },
        ReadError::Decode(err) => progress_error(store, &err.message(lang)),
        ReadError::Store(progress::StoreError::InvalidUtf8 { offset, .. }) => {
            // The store already checked the file (a link only to the user's own file).
            let (line, column) = crate::safe_fs::read_regular(
                store.path(),
                progress::store::PROGRESS_CAP,
                crate::safe_fs::Links::Follow,
            )
            .map(|bytes| line_column(&bytes, *offset))
            .unwrap_or((0, 0));
            let detail = match (lang, line > 0) {
                (Lang::Zh, true) => format!(
                    "从第 {line} 行第 {column} 列（第 {offset} 字节）起不是有效的 UTF-8 文本（可能被别的编辑器用 GBK 等编码另存过，或文件已损坏）"
                ),
                (Lang::Zh, false) => format!(
                    "从第 {offset} 字节起不是有效的 UTF-8 文本（可能被别的编辑器用 GBK 等编码另存过，或文件已损坏）"
                ),
                (Lang::En, true) => format!(
                    "not valid UTF-8 text from line {line}, column {column} (byte {offset}) on (another editor may have saved it as GBK, or the file is damaged)"
                ),
                (Lang::En, false) => format!(
                    "not valid UTF-8 text from byte {offset} on (another editor may have saved it as GBK, or the file is damaged)"
                ),
            };
            progress_error(store, &detail)
        }
        ReadError::Store(err) => progress_error(store, &err.message(lang)),
    }
}

enum ReadError {
    Store(progress::StoreError),
    Decode(progress::DecodeError),
}

/// 1-based line and column (in characters) of byte `offset`, which starts invalid UTF-8.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let valid = bytes.get(..offset).unwrap_or(bytes);
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let last = valid.rsplit(|b| *b == b'\n').next().unwrap_or_default();
    (line, String::from_utf8_lossy(last).chars().count() + 1)
}

/// `word` as one shell word: quoted when it holds anything but plain path characters.
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+=:,@%~".contains(c));
    if plain && !word.is_empty() {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The progress format to read: this build's, or — only when the hidden test switch
/// `ZIZHI_TEST_SCHEMA_UPGRADE=1` is set — a pretend next format, so end-to-end tests can take
/// the real binary through an upgrade. Unset (every normal run), nothing changes.
pub fn schema() -> progress::Schema {
    if std::env::var_os("ZIZHI_TEST_SCHEMA_UPGRADE").is_some_and(|v| v == "1") {
        progress::Schema::TEST_UPGRADE
    } else {
        progress::Schema::BUILT_IN
    }
}

/// Reads the progress file; a missing file is an empty start.
pub fn read_progress(store: &Store) -> Result<(Progress, Option<u32>), String> {
    let text = store
        .load()
        .map_err(|err| read_error(store, &ReadError::Store(err)))?;
    match text {
        None => Ok((Progress::default(), None)),
        Some(text) => decode_progress(store, &text),
    }
}

/// What to say when `store`'s progress file cannot be read at all (the same words as
/// [`read_progress`]: a file saved as GBK gets its line and column).
pub fn load_error(store: &Store, err: progress::StoreError) -> String {
    read_error(store, &ReadError::Store(err))
}

/// Decodes the text of `store`'s progress file (read once by a caller that also needs the
/// text), with the same messages as [`read_progress`].
pub fn decode_progress(store: &Store, text: &str) -> Result<(Progress, Option<u32>), String> {
    progress::decode_as(text, schema())
        .map(|d| (d.progress, d.migrated_from))
        .map_err(|err| read_error(store, &ReadError::Decode(err)))
}

/// The size above which the app opens the progress file read-only (bytes):
/// [`progress::size::READ_ONLY_ABOVE`], or `ZIZHI_READONLY_ABOVE` when set to a number (for
/// tests, or a user who accepts slow saves on a big file).
pub fn read_only_limit() -> u64 {
    std::env::var("ZIZHI_READONLY_ABOVE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(progress::size::READ_ONLY_ABOVE)
}
