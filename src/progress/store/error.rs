//! The store's error type; messages are in Chinese for the user and name the file, the problem and the remedy.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::{LockHolder, Role, SaveStep};

/// Everything that can go wrong in the store. The messages are for the user (Chinese) and
/// already contain the underlying I/O error, so `io` fields are not reported as `source()`
/// (that would print the same reason twice in an error chain).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error(
        "进度文件路径 {} 无效：它没有文件名；请用 --data 指定一个文件路径，例如 ~/.config/zizhi/progress.json",
        .path.display()
    )]
    InvalidPath { path: PathBuf },

    #[error(
        "无法创建目录 {}：{}；请检查上级目录的权限，或用 --data 把进度文件放到其他位置",
        .path.display(), describe(.io)
    )]
    CreateDir { path: PathBuf, io: io::Error },

    #[error(
        "无法读取进度文件 {}：{}；请检查该文件的权限（当前用户必须可读），或用 --data 指定其他文件",
        .path.display(), describe(.io)
    )]
    Read { path: PathBuf, io: io::Error },

    #[error(
        "进度文件 {} 不是有效的 UTF-8 文本（从第 {offset} 字节起出错），文件可能已损坏；请不要覆盖它，可从滚动备份（同目录下的 .bak 文件）或 backups 目录中的快照恢复",
        .path.display()
    )]
    InvalidUtf8 { path: PathBuf, offset: usize },

    #[error(
        "无法把当前进度备份到 {}：{}；为安全起见这次没有保存，进度文件 {} 未被改动。请检查磁盘空间和目录权限后重试",
        .backup.display(), describe(.io), .path.display()
    )]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        io: io::Error,
    },

    #[error(
        "保存进度文件 {} 失败（在“{step}”这一步）：{}；原文件未被改动。请检查磁盘空间和目录权限后重试",
        .path.display(), describe(.io)
    )]
    Write {
        path: PathBuf,
        step: SaveStep,
        io: io::Error,
    },

    #[error(
        "进度文件 {} 已写入新内容，但保存的最后阶段（“{step}”之后）出错：{}；如果此时断电，这次修改可能丢失（上一版本保存在 .bak 文件中）。请检查磁盘后再保存一次",
        .path.display(), describe(.io)
    )]
    NotDurable {
        path: PathBuf,
        step: SaveStep,
        io: io::Error,
    },

    #[error(
        "清理 {} 时出错：{}；以“.{}.tmp”开头的文件是中断的保存留下的临时文件，可以手动删除，进度文件本身不受影响",
        .path.display(), describe(.io), .file_name
    )]
    Cleanup {
        path: PathBuf,
        file_name: String,
        io: io::Error,
    },

    #[error(
        "另一个 zizhi 进程（{holder}）正在使用 {}；请先退出那个进程，或使用 --data 指定其他文件",
        .path.display()
    )]
    Locked {
        path: PathBuf,
        holder: Box<LockHolder>,
    },

    #[error(
        "锁文件 {} 记录着另一台机器上的 zizhi 正在使用 {}（{holder}）。在共享目录上本机无法确认它是否还在运行，为免两边互相覆盖，本次没有打开。请先在那台机器上退出 zizhi；如果确认它已不在运行（例如那台机器崩溃或断电），删除锁文件 {} 后重试",
        .lock.display(), .path.display(), .lock.display()
    )]
    LockedElsewhere {
        path: PathBuf,
        lock: PathBuf,
        holder: Box<LockHolder>,
    },

    #[error(
        "无法打开或锁定锁文件 {}：{}；请检查该目录的权限，或使用 --data 指定其他文件",
        .path.display(), describe(.io)
    )]
    Lock { path: PathBuf, io: io::Error },

    #[error(
        "快照标签“{label}”不合法：只能由字母、数字、“-”和“_”组成，且不能为空或超过 64 个字符；这是程序内部错误，请报告给开发者"
    )]
    InvalidLabel { label: String },

    #[error(
        "无法创建快照 {}：{}；进度文件本身未受影响。请检查磁盘空间和 backups 目录的权限",
        .path.display(), describe(.io)
    )]
    Snapshot { path: PathBuf, io: io::Error },

    #[error(
        "快照已创建，但无法删除旧快照 {}：{}；可以手动删除这个旧快照，进度文件本身未受影响",
        .path.display(), describe(.io)
    )]
    Prune { path: PathBuf, io: io::Error },

    #[error(
        "无法读取备份 {}：{}；请检查该文件和所在目录的权限",
        .path.display(), describe(.io)
    )]
    ReadBackup { path: PathBuf, io: io::Error },

    #[error("没有 id 为 {id} 的备份（{}）；请先用 zizhi data backups 查看备份列表，再用列表中的 id 恢复", ids_text(.ids))]
    NoSuchBackup { id: String, ids: Vec<String> },

    #[error(
        "备份 {} 不能用来恢复：{reason}；进度文件未被改动，请选择其他备份",
        .path.display()
    )]
    UnusableBackup { path: PathBuf, reason: String },

    #[error(
        "备份 {} 不是有效的 UTF-8 文本（从第 {offset} 字节起出错），不能用来恢复；请选择其他备份，进度文件未被改动",
        .path.display()
    )]
    InvalidBackup { path: PathBuf, offset: usize },

    #[error(
        "{} {} 是一个符号链接。zizhi 不跟随数据目录里的这种链接（它可能把数据写到别处或覆盖别的文件），本次没有改动任何文件。请确认后删除这个链接（rm {}），再重试",
        .role.name(), .path.display(), .path.display()
    )]
    Symlink { path: PathBuf, role: Role },

    #[error(
        "{} {} 不是{}，而是{kind}；zizhi 不会读写它，本次没有改动任何文件。请把它移走（或用 --data 指定其他进度文件）后重试",
        .role.name(), .path.display(), expected(.role)
    )]
    NotRegular {
        path: PathBuf,
        role: Role,
        kind: &'static str,
    },

    #[error(
        "{} {} 属于另一个用户（uid {owner}），当前用户是 uid {me}；zizhi 不会接管别人的文件，本次没有改动任何文件。请以该用户身份运行 zizhi，或用 --data 指定自己的进度文件；确认无误时可加 --allow-unsafe-data-dir（或设置 ZIZHI_ALLOW_UNSAFE_DATA_DIR=1）",
        .role.name(), .path.display()
    )]
    ForeignOwner {
        path: PathBuf,
        role: Role,
        owner: u32,
        me: u32,
    },

    #[error(
        "{} {} 可被同组或其他用户写入（权限 {mode:04o}），别人因此可以改动或替换你的进度；本次没有改动任何文件。请执行 chmod go-w {} 后重试；确认无误时可加 --allow-unsafe-data-dir（或设置 ZIZHI_ALLOW_UNSAFE_DATA_DIR=1）",
        .role.name(), .path.display(), .path.display()
    )]
    WritableByOthers {
        path: PathBuf,
        role: Role,
        mode: u32,
    },

    #[error(
        "无法检查{} {}：{}；请检查该路径和所在目录的权限",
        .role.name(), .path.display(), describe(.io)
    )]
    Inspect {
        path: PathBuf,
        role: Role,
        io: io::Error,
    },

    #[error(
        "进度文件 {} 是指向 {} 的符号链接，但链接目标不存在；请确认同步目录已挂载，或删除这个链接后重试",
        .path.display(), .target.display()
    )]
    DanglingLink { path: PathBuf, target: PathBuf },

    #[error(
        "进度文件 {} 太大（{size} 字节，上限 {cap} 字节），不像是 zizhi 写的进度；文件未被改动。请检查它是否是正确的文件，或用 --data 指定其他文件",
        .path.display()
    )]
    TooLarge { path: PathBuf, size: u64, cap: u64 },
}

/// What a file of `role` should be.
fn expected(role: &Role) -> &'static str {
    match role {
        Role::DataDir | Role::BackupsDir => "目录",
        _ => "普通文件",
    }
}

impl StoreError {
    /// Why, in a few words ("磁盘空间已满", "权限不足"…), for a status line too short for
    /// the whole message.
    pub fn reason(&self) -> String {
        use StoreError as E;
        match self {
            E::CreateDir { io, .. }
            | E::Read { io, .. }
            | E::Backup { io, .. }
            | E::Write { io, .. }
            | E::NotDurable { io, .. }
            | E::Cleanup { io, .. }
            | E::Lock { io, .. }
            | E::Snapshot { io, .. }
            | E::Prune { io, .. }
            | E::ReadBackup { io, .. }
            | E::Inspect { io, .. } => short(io),
            E::Symlink { .. } => "遇到符号链接".to_owned(),
            E::NotRegular { .. } => "不是普通文件".to_owned(),
            E::ForeignOwner { .. } => "文件属于其他用户".to_owned(),
            E::WritableByOthers { .. } => "其他用户可写".to_owned(),
            E::DanglingLink { .. } => "链接目标不存在".to_owned(),
            E::TooLarge { .. } => "文件太大".to_owned(),
            E::InvalidPath { .. } => "路径无效".to_owned(),
            E::InvalidUtf8 { .. } | E::InvalidBackup { .. } | E::UnusableBackup { .. } => {
                "文件已损坏".to_owned()
            }
            E::Locked { .. } | E::LockedElsewhere { .. } => "另一个 zizhi 正在使用".to_owned(),
            E::InvalidLabel { .. } => "内部错误".to_owned(),
            E::NoSuchBackup { .. } => "没有这个备份".to_owned(),
        }
    }
}

/// The OS reason in a few words, or the raw error where there are no better words.
fn short(e: &io::Error) -> String {
    words(e).map_or_else(|| e.to_string(), str::to_owned)
}

fn words(e: &io::Error) -> Option<&'static str> {
    use io::ErrorKind as K;
    Some(match e.kind() {
        K::PermissionDenied => "权限不足",
        K::NotFound => "文件或目录不存在",
        K::AlreadyExists => "同名文件已存在",
        K::StorageFull => "磁盘空间已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::IsADirectory => "这是一个目录而不是文件",
        K::NotADirectory => "路径中的某一段不是目录",
        K::DirectoryNotEmpty => "目标位置是一个非空目录",
        _ => return None,
    })
}

/// The OS reason in words a user understands, followed by the raw error.
pub(crate) fn describe(e: &io::Error) -> String {
    match words(e) {
        Some(words) => format!("{words}（{e}）"),
        None => e.to_string(),
    }
}

fn ids_text(ids: &[String]) -> String {
    if ids.is_empty() {
        "目前还没有任何备份".to_owned()
    } else {
        format!("现有备份的 id：{}", ids.join("、"))
    }
}
