//! `zizhi data`: list and restore backups of the progress file.

use std::io::{self, Write};

use super::exit::{Failure, Status};
use crate::i18n::Lang;
use crate::progress::Store;
use crate::progress::store::{BackupInfo, BackupKind, COMPACT_MARK, RESTORE_MARK, UPGRADE_MARK};

/// Whether `text` is a progress file this build can open (the check a restore makes first).
pub fn check_backup(text: &str) -> Result<(), String> {
    crate::progress::decode_as(text, super::schema())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Replaces the progress file with the emergency copy `file` after checking it, keeping the
/// current file as a snapshot labelled `label`; removes the copy once it is in place.
pub fn recover(
    store: &Store,
    file: &std::path::Path,
    label: &str,
    lang: Lang,
) -> Result<(), String> {
    let en = lang == Lang::En;
    let bytes = crate::safe_fs::read_regular(
        file,
        crate::progress::store::PROGRESS_CAP,
        crate::safe_fs::Links::Refuse,
    )
    .map_err(|e| match en {
        true => format!("cannot read the emergency copy {}: {e}", file.display()),
        false => format!("无法读取紧急副本 {}：{e}", file.display()),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| match en {
        true => format!(
            "the emergency copy {} is not UTF-8 text and cannot be restored",
            file.display()
        ),
        false => format!(
            "紧急副本 {} 不是有效的 UTF-8 文本，不能用来恢复",
            file.display()
        ),
    })?;
    check_backup(&text).map_err(|e| match en {
        true => format!(
            "the emergency copy {} cannot be restored: {e}; the progress file is unchanged",
            file.display()
        ),
        false => format!(
            "紧急副本 {} 不能用来恢复：{e}；进度文件未被改动",
            file.display()
        ),
    })?;
    store
        .snapshot(label, usize::MAX)
        .map_err(|e| e.message(lang))?;
    store
        .save(&text)
        .map_err(|e| e.message(crate::i18n::messages()))?;
    std::fs::remove_file(file).map_err(|e| match en {
        true => format!(
            "restored, but the emergency copy {} could not be removed: {e}; remove it by hand",
            file.display()
        ),
        false => format!(
            "已恢复，但无法删除紧急副本 {}：{e}；可以手动删除它",
            file.display()
        ),
    })
}

/// The kind of a backup, as a word for JSON.
fn kind_word(backup: &BackupInfo) -> &'static str {
    match &backup.kind {
        BackupKind::Rolling => "rolling",
        BackupKind::Snapshot { label } if label.contains(UPGRADE_MARK) => "before-upgrade",
        BackupKind::Snapshot { label } if label.contains(RESTORE_MARK) => "before-restore",
        BackupKind::Snapshot { label } if label.contains(COMPACT_MARK) => "before-compact",
        BackupKind::Snapshot { .. } => "start",
    }
}

fn kind_text(backup: &BackupInfo, lang: Lang) -> &'static str {
    match kind_word(backup) {
        "rolling" => lang.t("上一次保存前的版本", "the version before the last save"),
        "before-upgrade" => lang.t("格式升级前的原文件", "the file before a format upgrade"),
        "before-restore" => lang.t("恢复备份前的文件", "the file before a restore"),
        "before-compact" => lang.t("压缩前的文件", "the file before compaction"),
        _ => lang.t("启动时快照", "snapshot at start"),
    }
}

fn time_of(backup: &BackupInfo, format: &str) -> String {
    backup
        .modified
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format(format)
                .to_string()
        })
        .unwrap_or_default()
}

/// Whether the backup can be restored: it reads whole as a progress file.
fn is_valid(store: &Store, backup: &BackupInfo) -> bool {
    store
        .read_backup(&backup.id)
        .is_ok_and(|(_, text)| check_backup(&text).is_ok())
}

pub fn write_backups(
    out: &mut dyn Write,
    store: &Store,
    json: bool,
    lang: Lang,
) -> Result<(), String> {
    let backups = store.backups().map_err(|e| e.to_string())?;
    let io_err = |e: io::Error| e.to_string();
    if json {
        let list: Vec<serde_json::Value> = backups
            .iter()
            .map(|b| {
                serde_json::json!({
                    "id": b.id,
                    "time": time_of(b, "%Y-%m-%dT%H:%M:%S%:z"),
                    "kind": kind_word(b),
                    "bytes": b.size,
                    "valid": is_valid(store, b),
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(io_err)?;
        return Ok(());
    }
    if backups.is_empty() {
        match lang {
            Lang::Zh => writeln!(out, "{} 还没有备份。", store.path().display()),
            Lang::En => writeln!(out, "{} has no backups yet.", store.path().display()),
        }
        .map_err(io_err)?;
        return write_emergency_copies(out, store, lang).map_err(io_err);
    }
    match lang {
        Lang::Zh => writeln!(out, "{} 的备份（最新在前）：", store.path().display()),
        Lang::En => writeln!(out, "Backups of {} (newest first):", store.path().display()),
    }
    .map_err(io_err)?;
    let width = backups.iter().map(|b| b.id.len()).max().unwrap_or(0);
    for backup in &backups {
        let damaged = if is_valid(store, backup) {
            ""
        } else {
            lang.t("  ［已损坏，不能恢复］", "  [damaged, cannot be restored]")
        };
        writeln!(
            out,
            "  {:<width$}  {}  {:>8} {}  {}{damaged}  {}",
            backup.id,
            time_of(backup, "%Y-%m-%d %H:%M:%S"),
            backup.size,
            lang.t("字节", "bytes"),
            kind_text(backup, lang),
            backup.path.display()
        )
        .map_err(io_err)?;
    }
    writeln!(
        out,
        "{}",
        lang.t(
            "恢复其中一份：zizhi data restore ID（先检查备份；当前文件会先另存为备份）",
            "Restore one: zizhi data restore ID (checked first; the current file is kept as a backup)",
        )
    )
    .map_err(io_err)?;
    write_emergency_copies(out, store, lang).map_err(io_err)
}

/// Emergency copies waiting for this progress file, if any, with the command that restores
/// them.
fn write_emergency_copies(out: &mut dyn Write, store: &Store, lang: Lang) -> io::Result<()> {
    let copies = crate::progress::emergency::find(store.path());
    if copies.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        lang.t(
            "退出时未能保存而留下的紧急副本：",
            "Emergency copies left by exits that could not save:",
        )
    )?;
    for copy in &copies {
        writeln!(out, "  {}", copy.display())?;
    }
    writeln!(
        out,
        "{}",
        lang.t(
            "恢复：zizhi data recover 路径（当前文件会先另存为备份）",
            "Restore: zizhi data recover PATH (the current file is kept as a backup)",
        )
    )
}

/// Shrinks the progress file by dropping old history ([`crate::progress::compact`]): the file
/// is checked and kept as a snapshot labelled `label` first, like a restore; nothing is
/// written when nothing would change. Returns what to tell the user. Never refused for the
/// file's size: it is how a file above the read-only limit becomes editable again.
/// A file that cannot be read or decoded fails with the progress file's exit code.
pub fn compact(store: &Store, label: &str, limit: u64) -> Result<String, Failure> {
    let lang = crate::i18n::messages();
    let unreadable = |m: String| Failure::new(Status::ProgressUnreadable, m);
    let failed = |m: String| Failure::new(Status::Failed, m);
    let raw = store
        .load()
        .map_err(|e| unreadable(super::load_error(store, e)))?;
    let Some(raw) = raw else {
        return Ok(match lang {
            Lang::Zh => format!("进度文件 {} 还不存在，无需压缩", store.path().display()),
            Lang::En => format!(
                "the progress file {} does not exist yet: nothing to compact",
                store.path().display()
            ),
        });
    };
    let (mut progress, _) = super::decode_progress(store, &raw).map_err(unreadable)?;
    let dropped = crate::progress::compact::compact(&mut progress);
    let text = crate::progress::encode(&progress);
    let mb = |bytes: usize| bytes as f64 / 1_048_576.0;
    if text == raw {
        return Ok(match lang {
            Lang::Zh => format!(
                "{} 没有可以删去的旧记录（{:.1} MiB），未改动",
                store.path().display(),
                mb(raw.len())
            ),
            Lang::En => format!(
                "{} has no old records to drop ({:.1} MiB): unchanged",
                store.path().display(),
                mb(raw.len())
            ),
        });
    }
    store
        .snapshot(label, usize::MAX)
        .map_err(|e| match lang {
            Lang::Zh => format!("{e}；未压缩，进度文件未被改动"),
            Lang::En => format!(
                "{}; not compacted, the progress file is unchanged",
                e.message(lang)
            ),
        })
        .map_err(failed)?;
    store.save(&text).map_err(|e| failed(e.message(lang)))?;
    let path = store.path().display();
    let (before, after) = (mb(raw.len()), mb(text.len()));
    let crate::progress::compact::Compacted {
        history_entries,
        reviews,
        sop_runs,
        assessments,
        empty_items,
    } = dropped;
    let mut message = match lang {
        Lang::Zh => format!(
            "已压缩 {path}：{before:.1} MiB → {after:.1} MiB。删去整改历史 {history_entries} 条、访谈记录 {reviews} 条、预演 {sop_runs} 次、自评 {assessments} 份、空条目 {empty_items} 个；\
             所有当前的值都在。压缩前的文件已另存为备份 {label}（zizhi data backups 可见，不会被自动清理，\
             确认不再需要后可手动删除）"
        ),
        Lang::En => format!(
            "Compacted {path}: {before:.1} MiB → {after:.1} MiB. Dropped {history_entries} rectification history entries, {reviews} interview records, {sop_runs} rehearsals, {assessments} self-assessments and {empty_items} empty items; \
             every current value is kept. The file before was kept as the backup {label} (listed by zizhi data backups, never removed on its own; \
             delete it by hand once it is no longer needed)"
        ),
    };
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > limit {
        let limit_mb = limit as f64 / 1_048_576.0;
        message.push_str(&match lang {
            Lang::Zh => format!(
                "\n仍超过只读上限 {limit_mb:.0} MiB：剩下的是当前的值（条目备注、已不在清单中的条目的进度等），\
                 不会被自动删去。界面仍以只读方式打开；要照常编辑，可临时设置 ZIZHI_READONLY_ABOVE=字节数 提高上限"
            ),
            Lang::En => format!(
                "\nStill above the read-only limit of {limit_mb:.0} MiB: what is left are current values (item notes, progress of items no longer in the checklist…), \
                 which are never dropped on their own. The app still opens read-only; to edit as usual, set ZIZHI_READONLY_ABOVE=BYTES for now to raise the limit"
            ),
        });
    }
    Ok(message)
}
