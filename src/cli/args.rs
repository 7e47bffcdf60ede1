//! Command-line arguments (clap), with environment variables for the common options.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use crate::report::Format as ExportFormat;

use crate::i18n::Lang;

const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ZIZHI_TARGET"),
    ", commit ",
    env!("ZIZHI_COMMIT"),
    ")"
);

/// 涉密信息系统集成资质（运行维护类）准备工具：阶段清单、模拟访谈、演示预演、整改跟踪。
///
/// Without a command, opens the interactive app on the dashboard.
#[derive(Debug, Parser)]
#[command(
    name = "zizhi",
    version = VERSION,
    about,
    long_about = None,
    after_help = crate::cli::exit::help_text(),
    disable_help_subcommand = true
)]
pub struct Cli {
    /// 使用该目录里的内容（YAML）代替内置内容 / Use content from this directory
    #[arg(long, global = true, env = "ZIZHI_CHECKLISTS", value_name = "DIR")]
    pub checklists: Option<PathBuf>,

    /// 进度文件位置（默认在用户配置目录）/ Progress file location
    #[arg(long, global = true, env = "ZIZHI_DATA", value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// 接受属于其他用户或可被他人写入的数据目录和进度文件（默认拒绝，与 ssh 的 StrictModes
    /// 相同）/ Accept a data directory or progress file owned by another user or writable by
    /// others (refused by default, like ssh's StrictModes)
    #[arg(
        long,
        global = true,
        env = "ZIZHI_ALLOW_UNSAFE_DATA_DIR",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub allow_unsafe_data_dir: bool,

    /// 界面语言 / Interface language
    #[arg(
        long,
        global = true,
        env = "ZIZHI_LANG",
        value_enum,
        default_value = "zh"
    )]
    pub lang: Lang,

    /// 只用 ASCII 字符画边框和进度条 / Plain ASCII borders for poor terminals
    ///
    /// 宽度不定的符号（○ ● ✓ ★ ← → …）另由环境变量 ZIZHI_AMBIGUOUS 决定：不设时以 ASCII 代替，
    /// narrow 原样画成一列，wide 原样画成两列（Xshell、SecureCRT 中文设置）。/ Ambiguous-width
    /// symbols follow ZIZHI_AMBIGUOUS: unset, ASCII stand-ins; narrow, one column; wide, two
    /// columns (Xshell, SecureCRT in Chinese setups).
    #[arg(long, global = true)]
    pub ascii: bool,

    /// 模拟访谈中练习的人（不改变整改记录里的操作人）/ The person rehearsing interviews
    /// (never changes who is recorded as making a change)
    #[arg(long, global = true, env = "ZIZHI_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 直接打开模拟访谈；`interview judge` 按要点评判一份回答 / Open the interview rehearsal;
    /// `interview judge` checks one answer against a question's key points
    Interview {
        #[command(subcommand)]
        command: Option<InterviewCommand>,
    },
    /// 打印进度摘要 / Print the progress summary
    Status {
        /// 以 JSON 输出（键名稳定，只增不改）/ Print as JSON with stable keys
        #[arg(long)]
        json: bool,
    },
    /// 检查内容文件，逐条列出问题 FILE:LINE:COLUMN / Check content files
    Validate {
        /// 要检查的目录（默认检查内置内容）/ Directory to check (default: built-in)
        dir: Option<PathBuf>,
    },
    /// 内置内容的导出与定制 / Built-in content
    Checklists {
        #[command(subcommand)]
        command: ChecklistsCommand,
    },
    /// 计算 N 个工作日后的日期（当天为第 0 天）/ Date N working days after DATE
    Deadline {
        /// 起算日期：2026-12-08、2026/12/8、+5、今天… / Start date (2026-12-08, +5, today…)
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 工作日数 / Number of working days
        #[arg(
            long = "working-days",
            required_unless_present = "correction",
            conflicts_with = "correction"
        )]
        working_days: Option<u32>,
        /// 补正期：官方十五日（民法典计算）与指南 10 个工作日，取较早者 / Correction window: the official 15 days and the guide's 10 working days, and the earlier
        #[arg(long)]
        correction: bool,
        /// 以 JSON 输出（仅用于 --correction）/ Print as JSON (with --correction)
        #[arg(long, requires = "correction")]
        json: bool,
    },
    /// 打开整改跟踪 / Open the rectification tracker
    Rectify,
    /// 导出报告：md、html（单文件，可打印）或 csv（整改项，带 BOM）/ Write a report (md, html, or csv of rectifications)
    Export {
        /// 格式（默认按 -o 的扩展名，否则 md）/ Format (default: from the -o extension, else md)
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// 写入该文件（权限 0600；- 或不写为标准输出）/ Write to FILE (mode 0600; - or none: stdout)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// 覆盖已存在的文件 / Replace an existing file
        #[arg(long)]
        force: bool,
        /// 报告抬头的单位名称（只用于这一次；默认取设置 organisation）/ The organisation named
        /// in the report's header (this run only; default: the `organisation` setting)
        #[arg(long, env = "ZIZHI_ORG", value_name = "NAME")]
        org: Option<String>,
        /// 报告顶部和每一打印页顶部的标注（只用于这一次，空字符串则不印；默认取设置 marking）/
        /// The marking at the top of the report and of every printed page (this run only; ""
        /// for none; default: the `marking` setting)
        #[arg(long, env = "ZIZHI_MARKING", value_name = "TEXT")]
        marking: Option<String>,
    },
    /// 打开程序并直接进入演示预演 / Open the app on the demo SOP rehearsal
    Sop,
    /// 打开自评分与时间线 / Open the app on the self-assessment score and timeline
    Score,
    /// 生成 shell 补全脚本 / Print shell completions (bash, zsh, fish…)
    Completions {
        /// 目标 shell / Shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// 输出 man 手册页（roff）/ Print the man page (roff)
    Man,
    /// 人员与证书台账：导入、导出、清除 / The staff register: import, export, purge
    People {
        #[command(subcommand)]
        command: PeopleCommand,
    },
    /// 单位设置：目标等级、单位名称、报告标注、培训学时、社保人数门槛 / The unit's settings:
    /// target grade, organisation, report marking, training hours, headcount threshold
    Settings {
        #[command(subcommand)]
        command: Option<SettingsCommand>,
    },
    /// 帮助：某个命令的用法，或 `help schema` 打印内容文件的格式说明 / Help on a command, or
    /// `help schema` for the content file format
    Help {
        /// 命令名，或 schema / A command, or `schema`
        #[arg(value_name = "TOPIC")]
        topic: Vec<String>,
    },
    /// 进度文件的备份与恢复 / Backups of the progress file
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
    /// 团队模式：团队数据放在 git 仓库里，每人一个文件 / Team mode: shared data in git, one file per person
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// 修改或查看一个清单项 / Change or show one checklist item
    Item {
        /// 清单项编号 / Item id
        id: String,
        /// 状态：todo、in-progress、done、na / Status
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// 负责人（空字符串清除）/ Owner ("" clears)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// 截止日期（2026-12-08、+5 个工作日、明天…；空字符串清除）/ Due date ("" clears)
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// 备注（替换原备注）/ Note (replaces the note)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// 证据编号或路径 / Evidence reference
        #[arg(long, value_name = "TEXT")]
        evidence: Option<String>,
        /// 以 JSON 输出该项的合并状态和变更历史 / Print merged state and history as JSON
        #[arg(long)]
        json: bool,
    },
    /// 计算文件的 SHA-256 和 SM3 校验值，或按校验文件核对 / SHA-256 and SM3 sums, or check a sums file
    Checksum {
        /// 只算这一种，按 sha256sum 的格式输出 / Only this algorithm, in sha256sum's format
        #[arg(long, value_enum)]
        algo: Option<crate::cli::checksum::Algo>,
        /// 核对校验文件（如 SM3SUMS）里列出的、与它同目录的文件 / Check the files a sums file lists
        #[arg(long, value_name = "SUMS", conflicts_with = "files")]
        check: Option<PathBuf>,
        /// 要计算的文件（- 为标准输入）/ Files to hash (- for standard input)
        #[arg(required_unless_present = "check")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// 从 CSV 导入人员台账（默认只预览，加 --apply 才写入）/ Import the staff register from CSV (dry run unless --apply)
    Import {
        /// CSV 文件：人员表、证书表、培训表（按表头识别，可一次给多个）/ CSV files (people, certificates, training; told by header)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 文件编码（默认自动识别 UTF-8 / GB18030）/ Text encoding (default: detected)
        #[arg(long, value_enum)]
        encoding: Option<crate::cli::people::Encoding>,
        /// 真正写入（默认只显示会改变什么）/ Apply the changes (default: dry run)
        #[arg(long)]
        apply: bool,
    },
    /// 把人员台账导出为 people.csv、certificates.csv、training.csv / Export the register as three CSV files
    Export {
        /// 目标目录 / Directory
        dir: PathBuf,
        /// 覆盖已存在的文件 / Overwrite existing files
        #[arg(long)]
        force: bool,
    },
    /// 脱密期结束后清除离岗人员的个人信息（保留姓名、等级和在职日期）/ Remove a leaver's personal data after the declassification period
    Purge {
        /// 姓名或人员编号 / Name or person id
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// 列出全部设置及实际生效的值（默认）/ List every setting and the value that applies (default)
    Show,
    /// 设置一项（空字符串清除，恢复默认）/ Set one ("" clears it: the default applies)
    Set {
        /// grade、organisation、marking、training-hours、insured-threshold
        key: String,
        /// 值，如 甲级、"某某公司"、"内部资料 注意保密"、8、20 / The value
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChecklistsCommand {
    /// 把内置内容写到 DIR，作为定制的起点 / Write the built-in content to DIR
    Export {
        dir: PathBuf,
        /// 覆盖已存在的文件 / Overwrite existing files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// 列出备份及其 id（最新在前）/ List backups and their ids, newest first
    Backups {
        /// 以 JSON 输出：[{"id", "time", "kind", "bytes", "valid"}] / Print JSON
        #[arg(long)]
        json: bool,
    },
    /// 用 id 为 ID 的备份替换进度文件（先检查备份完整可读，当前文件先另存为备份；不询问）/
    /// Restore the backup with id ID (checked first; the current file is kept as a backup)
    Restore {
        /// 备份的 id，见 `zizhi data backups`（滚动备份是 bak）/ The backup's id
        id: String,
    },
    /// 用紧急副本（退出时保存失败留下的文件）替换进度文件（先检查，当前文件先另存为备份）/
    /// Restore an emergency copy left by an exit while saves failed
    Recover {
        /// 紧急副本的路径（启动时的提示和 `zizhi data backups` 会列出）/ The copy's path
        file: std::path::PathBuf,
    },
    /// 压缩进度文件：删去旧的历史记录（每个字段保留最近的），从不删当前的值；先另存备份 /
    /// Shrink the progress file: drop old history, never a current value; backed up first
    Compact,
    /// 打印进度文件的路径 / Print the progress file's path
    Path,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// 加入（或在空仓库上建立）团队仓库 / Join (or start) the team repository
    Join {
        /// 远端仓库（URL、裸仓库路径或 bundle 文件；省略则只用 bundle 交换）/ Remote (URL, bare repository path or bundle file)
        remote: Option<String>,
        /// 你在团队里的姓名 / Your name in the team
        #[arg(long)]
        name: String,
    },
    /// 记录并提交自己的更改，拉取、合并、推送 / Record, commit, fetch, merge, push
    Sync,
    /// 把对方还没有的提交写成 git bundle（用于隔离网络）/ Write a git bundle for air-gapped transfer
    Bundle {
        file: PathBuf,
        /// 包含全部历史（对方从未导入过时用）/ Include the whole history
        #[arg(long)]
        all: bool,
    },
    /// 导入同事的 git bundle / Apply a teammate's git bundle
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum InterviewCommand {
    /// 从标准输入读一份回答，按题目要点和「别这样答」评判 / Judge an answer read from standard
    /// input against a question's key points and traps
    Judge {
        /// 题目编号，如 q-incident-001 / Question id
        #[arg(long, value_name = "ID")]
        question: String,
        /// 目标等级：A 即甲级，B 即乙级（默认取进度文件里选定的，未选为乙级）/ Target grade
        /// (default: the one chosen in the app, else B)
        #[arg(long, value_parser = parse_grade, value_name = "A|B")]
        grade: Option<crate::content::Grade>,
        /// 以 JSON 输出 / Print as JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_grade(text: &str) -> Result<crate::content::Grade, String> {
    match text.trim() {
        "甲级" | "甲" | "a" | "A" => Ok(crate::content::Grade::A),
        "乙级" | "乙" | "b" | "B" => Ok(crate::content::Grade::B),
        other => Err(match crate::i18n::messages() {
            Lang::Zh => format!("等级只能是 甲级（A）或 乙级（B），不是「{other}」"),
            Lang::En => format!("the grade is A or B, not '{other}'"),
        }),
    }
}

/// The interface language asked for before the command line is parsed (so `--help` can speak
/// it): `--lang en` / `--lang=en` among `args`, else `ZIZHI_LANG=en` in `env_lang`.
pub fn early_lang(args: &[std::ffi::OsString], env_lang: Option<&str>) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang=en" || (word == "--lang" && words.next().is_some_and(|v| v == "en")) {
            return Lang::En;
        }
        if word == "--lang=zh" || word == "--lang" {
            return Lang::Zh;
        }
    }
    if env_lang == Some("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The command line's definition in `lang`: every help text is written "中文 / English", and
/// in English only the English half is kept (the exit-status table too).
pub fn command_in(lang: Lang) -> clap::Command {
    let cmd = <Cli as clap::CommandFactory>::command();
    match lang {
        Lang::Zh => cmd,
        Lang::En => english(
            cmd.about(
                "Preparing for the classified information system integration qualification \
                 (operation and maintenance): phase checklists, mock interviews, demo \
                 rehearsals, rectification tracking",
            )
            .after_help(crate::cli::exit::help_text_in(Lang::En)),
        ),
    }
}

fn english(cmd: clap::Command) -> clap::Command {
    let about = cmd.get_about().map(|s| english_half(&s.to_string()));
    let long_about = cmd.get_long_about().map(|s| english_half(&s.to_string()));
    let mut cmd = cmd.mut_args(|arg| {
        let help = arg.get_help().map(|s| english_half(&s.to_string()));
        let long = arg.get_long_help().map(|s| english_half(&s.to_string()));
        let arg = match help {
            Some(help) => arg.help(help),
            None => arg,
        };
        match long {
            Some(long) => arg.long_help(long),
            None => arg,
        }
    });
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd.mut_subcommands(english)
}

/// The English half of "中文 / English": what follows the first "/ " that comes after
/// Chinese text; a text without one is kept whole.
pub fn english_half(text: &str) -> String {
    let is_cjk = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    // The split is the first "/ " after Chinese text with no Chinese after it ("UTF-8 /
    // GB18030" inside the Chinese half is not it), else the last one after Chinese text.
    let splits: Vec<usize> = text
        .match_indices("/ ")
        .map(|(at, _)| at)
        .filter(|at| text[..*at].chars().any(is_cjk))
        .collect();
    let at = splits
        .iter()
        .find(|at| !text[*at + 2..].chars().any(is_cjk))
        .or(splits.last());
    match at {
        Some(at) => text[at + 2..].trim().to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_half_follows_the_slash_after_chinese_text() {
        assert_eq!(
            english_half("打印进度摘要 / Print the progress summary"),
            "Print the progress summary"
        );
        assert_eq!(
            english_half("进度文件位置（默认在用户配置目录）/ Progress file location"),
            "Progress file location"
        );
        assert_eq!(english_half("Use a/ b"), "Use a/ b");
        assert_eq!(english_half("目标 shell / Shell"), "Shell");
        assert_eq!(
            english_half("文件编码（默认自动识别 UTF-8 / GB18030）/ Text encoding"),
            "Text encoding"
        );
    }

    #[test]
    fn lang_en_is_seen_before_parsing_in_either_spelling_or_the_environment() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            early_lang(&args(&["zizhi", "--lang", "en", "status"]), None),
            Lang::En
        );
        assert_eq!(
            early_lang(&args(&["zizhi", "status", "--lang=en"]), None),
            Lang::En
        );
        assert_eq!(
            early_lang(&args(&["zizhi", "status"]), Some("en")),
            Lang::En
        );
        assert_eq!(
            early_lang(&args(&["zizhi", "--lang", "zh"]), Some("en")),
            Lang::Zh
        );
        assert_eq!(early_lang(&args(&["zizhi", "status"]), None), Lang::Zh);
    }

    #[test]
    fn every_help_text_in_english_has_no_chinese() {
        let mut cmd = command_in(Lang::En);
        cmd.build();
        let mut texts = vec![cmd.render_long_help().to_string()];
        for sub in cmd.get_subcommands_mut() {
            texts.push(sub.render_long_help().to_string());
            for inner in sub.get_subcommands_mut() {
                texts.push(inner.render_long_help().to_string());
            }
        }
        for text in texts {
            let chinese: Vec<&str> = text
                .lines()
                .filter(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                .collect();
            assert!(chinese.is_empty(), "{chinese:#?}");
        }
    }
}
