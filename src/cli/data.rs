//! `zizhi data`: list and restore backups of the progress file.

use std::io::{self, Write};

use crate::progress::Store;
use crate::progress::store::{BackupKind, RESTORE_MARK, UPGRADE_MARK};

pub fn write_backups(out: &mut dyn Write, store: &Store) -> Result<(), String> {
    let backups = store.backups().map_err(|e| e.to_string())?;
    let io_err = |e: io::Error| e.to_string();
    if backups.is_empty() {
        writeln!(out, "{} 还没有备份。", store.path().display()).map_err(io_err)?;
        return Ok(());
    }
    writeln!(out, "{} 的备份（最新在前）：", store.path().display()).map_err(io_err)?;
    for (index, backup) in backups.iter().enumerate() {
        let when = backup
            .modified
            .map(|t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        let kind = match &backup.kind {
            BackupKind::Rolling => "上一次保存前的版本",
            BackupKind::Snapshot { label } if label.contains(UPGRADE_MARK) => "格式升级前的原文件",
            BackupKind::Snapshot { label } if label.contains(RESTORE_MARK) => "恢复备份前的文件",
            BackupKind::Snapshot { .. } => "启动时快照",
        };
        writeln!(
            out,
            "  {:>2}  {when}  {:>8} 字节  {kind}  {}",
            index + 1,
            backup.size,
            backup.path.display()
        )
        .map_err(io_err)?;
    }
    writeln!(
        out,
        "恢复其中一份：zizhi data restore 编号（当前文件会先另存为备份）"
    )
    .map_err(io_err)?;
    Ok(())
}
