//! The exit-code table: one meaning per code, for every command. Later work adds rows at the
//! end and never gives a used number a new meaning. `--help`, the man page and the README
//! print this table (the README's copy is checked by a test).

use std::fmt;

use crate::i18n::Lang;
use crate::progress::StoreError;

/// How a run of zizhi ended, as its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Done: the command did what was asked (also when standard output was closed early,
    /// as by `zizhi status | head -1`).
    Done = 0,
    /// An I/O or other error: a file could not be written, a checksum did not match…
    Failed = 1,
    /// The command line could not be understood (clap's own code).
    Usage = 2,
    /// The progress file could not be read (damaged, newer format, not UTF-8…).
    ProgressUnreadable = 3,
    /// Another zizhi is using the progress file.
    InUse = 4,
    /// The content (built-in or `--checklists`) has errors.
    ContentInvalid = 5,
    /// The interactive app was asked for where there is no terminal to draw on.
    NotATerminal = 6,
    /// A bug: the app panicked (the code Rust itself uses for an uncaught panic).
    Panicked = 101,
}

impl Status {
    /// Every row of the table, in order.
    pub const ALL: [Status; 8] = [
        Status::Done,
        Status::Failed,
        Status::Usage,
        Status::ProgressUnreadable,
        Status::InUse,
        Status::ContentInvalid,
        Status::NotATerminal,
        Status::Panicked,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the code means, in a few words.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            Status::Done => lang.t(
                "完成（包括输出管道被提前关闭，如 zizhi status | head -1）",
                "done (also when the output pipe closed early, as in zizhi status | head -1)",
            ),
            Status::Failed => lang.t(
                "读写文件出错或其他错误（如校验值不符）",
                "I/O or other error (such as a checksum mismatch)",
            ),
            Status::Usage => lang.t("命令行用法错误", "usage error on the command line"),
            Status::ProgressUnreadable => lang.t(
                "进度文件无法读取（损坏、格式更新或不是 UTF-8）",
                "the progress file cannot be read (damaged, newer format, not UTF-8)",
            ),
            Status::InUse => lang.t(
                "进度文件正被另一个 zizhi 使用",
                "the progress file is in use by another zizhi",
            ),
            Status::ContentInvalid => lang.t(
                "内容（内置或 --checklists 目录）有错误",
                "the content (built-in or --checklists) has errors",
            ),
            Status::NotATerminal => lang.t(
                "交互界面需要终端，但标准输出不是终端或 TERM=dumb",
                "the interactive app needs a terminal; standard output is not one or TERM=dumb",
            ),
            Status::Panicked => lang.t(
                "程序内部错误（请报告），进度已保存",
                "internal error (please report it); progress was saved",
            ),
        }
    }

    /// The status for a store error: a lock held by someone else is "in use"; everything else
    /// (a read-only file system, no permission…) is an I/O error.
    pub fn of_store_error(err: &StoreError) -> Status {
        match err {
            StoreError::Locked { .. } | StoreError::LockedElsewhere { .. } => Status::InUse,
            _ => Status::Failed,
        }
    }
}

impl From<Status> for std::process::ExitCode {
    fn from(status: Status) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

/// The table as plain text, one row a line (for `--help` and the man page).
pub fn table(lang: Lang) -> String {
    Status::ALL
        .iter()
        .map(|s| format!("{:>5}  {}\n", s.code(), s.meaning(lang)))
        .collect()
}

/// The table for `--help`, in both languages (the language option is not read yet).
/// The exit-status table in one language (`--help` under `--lang en`).
pub fn help_text_in(lang: Lang) -> String {
    let mut out = String::from(lang.t("退出码：\n", "Exit status:\n"));
    for s in Status::ALL {
        out.push_str(&format!("  {:>3}  {}\n", s.code(), s.meaning(lang)));
    }
    out
}

pub fn help_text() -> String {
    let mut out = String::from("退出码 / Exit status:\n");
    for s in Status::ALL {
        out.push_str(&format!(
            "  {:>3}  {}\n       {}\n",
            s.code(),
            s.meaning(Lang::Zh),
            s.meaning(Lang::En)
        ));
    }
    out
}

/// The table as a Markdown table (for the README).
pub fn markdown_table(lang: Lang) -> String {
    let (code, meaning) = (lang.t("退出码", "Code"), lang.t("含义", "Meaning"));
    let mut out = format!("| {code} | {meaning} |\n|---:|---|\n");
    for s in Status::ALL {
        out.push_str(&format!("| {} | {} |\n", s.code(), s.meaning(lang)));
    }
    out
}

/// A command that did not finish: its exit status and what to tell the user.
#[derive(Debug)]
pub struct Failure {
    pub status: Status,
    pub message: String,
}

impl Failure {
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row_and_no_code_is_used_twice() {
        let mut codes: Vec<u8> = Status::ALL.iter().map(|s| s.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), Status::ALL.len());
        assert_eq!(codes[..7], [0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn the_table_has_a_line_per_code_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(table(lang).lines().count(), Status::ALL.len());
            assert_eq!(markdown_table(lang).lines().count(), Status::ALL.len() + 2);
        }
    }

    #[test]
    fn a_read_only_file_system_is_an_io_error_not_in_use() {
        let err = StoreError::Lock {
            path: "/ro/progress.json.lock".into(),
            io: std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
        };
        assert_eq!(Status::of_store_error(&err), Status::Failed);
    }
}
