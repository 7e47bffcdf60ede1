//! `zizhi man`: a real man page. clap_mangen renders the title, NAME, SYNOPSIS, DESCRIPTION and
//! OPTIONS from the same clap definition as the parser; the rest is written here: COMMANDS
//! (one page for everything, so no `zizhi-status(1)` pages are referred to), KEYS from the key
//! map, FILES, ENVIRONMENT, EXIT STATUS from the exit-code table, and EXAMPLES.

use std::io::{self, Write};

use clap::CommandFactory;

use super::Cli;
use super::docs::{KEY_SCREENS, key_rows};
use super::exit::Status;
use crate::i18n::Lang;

/// `text` as roff text: backslashes and hyphens escaped, a leading `.` or `'` made literal.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|line| {
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A tagged paragraph: `tag` in bold, then `body`.
fn item(out: &mut dyn Write, tag: &str, body: &str) -> io::Result<()> {
    writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(tag), roff(body))
}

fn section(out: &mut dyn Write, name: &str) -> io::Result<()> {
    writeln!(out, ".SH {name}")
}

/// Every command with its usage line and what it does, nested ones (`data restore`) too.
fn commands(out: &mut dyn Write) -> io::Result<()> {
    section(out, "COMMANDS")?;
    let mut cmd = Cli::command();
    cmd.build();
    fn walk(out: &mut dyn Write, cmd: &mut clap::Command) -> io::Result<()> {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        for name in names {
            let Some(sub) = cmd.find_subcommand_mut(&name) else {
                continue;
            };
            if sub.has_subcommands() {
                walk(out, sub)?;
                continue;
            }
            let usage = sub.render_usage().to_string();
            let usage = usage.trim_start_matches("Usage: ").trim();
            let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
            item(out, usage, &about)?;
            // The command's own options and arguments (the global ones are under OPTIONS).
            let own: Vec<&clap::Arg> = sub
                .get_arguments()
                .filter(|a| !a.is_global_set() && !a.is_hide_set())
                .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
                .collect();
            if !own.is_empty() {
                writeln!(out, ".RS")?;
                for arg in own {
                    let name = match (arg.get_short(), arg.get_long()) {
                        (Some(s), Some(l)) => format!("-{s}, --{l}"),
                        (None, Some(l)) => format!("--{l}"),
                        (Some(s), None) => format!("-{s}"),
                        (None, None) => arg
                            .get_value_names()
                            .map(|v| v.join(" "))
                            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase()),
                    };
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    item(out, &name, &help)?;
                }
                writeln!(out, ".RE")?;
            }
        }
        Ok(())
    }
    walk(out, &mut cmd)
}

fn keys(out: &mut dyn Write) -> io::Result<()> {
    section(out, "KEYS")?;
    writeln!(
        out,
        "{}",
        roff(
            "The app is driven by the keyboard only. Each screen's keys are also shown by ? in the app. \
             界面按键（程序里按 ? 看到的是同一份）："
        )
    )?;
    for (_, scope, zh, en) in KEY_SCREENS {
        writeln!(out, ".SS {}", roff(&format!("{zh} / {en}")))?;
        for (keys, what) in key_rows(*scope, Lang::Zh) {
            item(out, &keys, &what)?;
        }
    }
    Ok(())
}

fn files(out: &mut dyn Write) -> io::Result<()> {
    section(out, "FILES")?;
    for (path, what) in [
        (
            "$XDG_CONFIG_HOME/zizhi/progress.json",
            "进度文件（默认 ~/.config/zizhi/progress.json；--data 或 ZIZHI_DATA 可改），权限 0600。\
             zizhi data path 打印实际位置。/ The progress file.",
        ),
        (
            "progress.json.bak",
            "滚动备份：上一次保存前的版本，与进度文件同目录。/ The version before the last save.",
        ),
        (
            "progress.json.lock",
            "锁文件：记录正在使用的 zizhi 的 pid、主机和启动时间。/ Who holds the progress file.",
        ),
        (
            "backups/",
            "启动时的快照和格式升级前的原文件；zizhi data backups 列出，zizhi data restore N 恢复。\
             / Snapshots.",
        ),
        (
            "$XDG_CACHE_HOME/zizhi/content/",
            "用 --checklists 定制内容时的编译缓存（默认 ~/.cache/zizhi/content/），可随时删除。\
             / Compiled custom content; safe to delete.",
        ),
    ] {
        item(out, path, what)?;
    }
    Ok(())
}

fn environment(out: &mut dyn Write) -> io::Result<()> {
    section(out, "ENVIRONMENT")?;
    for (name, what) in [
        ("ZIZHI_DATA", "进度文件位置，同 --data。/ Same as --data."),
        (
            "ZIZHI_CHECKLISTS",
            "定制内容目录，同 --checklists。/ Same as --checklists.",
        ),
        (
            "ZIZHI_LANG",
            "界面语言 zh 或 en，同 --lang。/ Same as --lang.",
        ),
        (
            "ZIZHI_PROFILE",
            "模拟访谈里练习的人，同 --profile。/ Same as --profile.",
        ),
        (
            "ZIZHI_ORG, ZIZHI_MARKING",
            "报告抬头的单位名称和每页顶部的标注，同 export --org / --marking。/ Same as export --org / --marking.",
        ),
        (
            "ZIZHI_AMBIGUOUS",
            "东亚宽度不定的符号（○ ● ■ □ ✓ ★ ← → · — …）：不设时以同宽 ASCII 代替；narrow 原样画成一列；wide 原样画成两列并按两列排版（Xshell、SecureCRT 中文设置），边框仍用 ASCII。/ East Asian ambiguous-width symbols: unset, ASCII stand-ins; narrow, drawn as one column; wide, drawn and measured as two columns (Xshell, SecureCRT in Chinese setups), borders in ASCII.",
        ),
        ("NO_COLOR", "设为非空值时不用颜色。/ Non-empty: no colour."),
        (
            "XDG_CONFIG_HOME, XDG_CACHE_HOME",
            "进度文件和缓存的上级目录（见 FILES）。/ Where the files above live.",
        ),
        (
            "TERM, LANG",
            "终端类型和字符集：终端须为 UTF-8。/ The terminal must use UTF-8.",
        ),
    ] {
        item(out, name, what)?;
    }
    Ok(())
}

fn exit_status(out: &mut dyn Write) -> io::Result<()> {
    section(out, "EXIT STATUS")?;
    for status in Status::ALL {
        item(
            out,
            &status.code().to_string(),
            &format!(
                "{} / {}",
                status.meaning(Lang::Zh),
                status.meaning(Lang::En)
            ),
        )?;
    }
    Ok(())
}

fn examples(out: &mut dyn Write) -> io::Result<()> {
    section(out, "EXAMPLES")?;
    for (command, what) in [
        ("zizhi", "打开程序（总览）。/ Open the app."),
        (
            "zizhi status",
            "打印进度摘要。/ Print the progress summary.",
        ),
        (
            "zizhi export -o 报告.html",
            "写出可打印的 HTML 报告（格式由扩展名决定；已存在的文件不覆盖，除非加 --force）。\
             / Write the printable HTML report.",
        ),
        (
            "zizhi export --format csv -o -",
            "整改项 CSV 输出到标准输出。/ Rectifications as CSV on standard output.",
        ),
        (
            "zizhi checksum --check SM3SUMS",
            "核对拷入的程序文件。/ Check copied files against a sums file.",
        ),
        (
            "zizhi deadline --from 2026-12-01 --working-days 10",
            "10 个工作日后的日期（按节假日与调休）。/ The date 10 working days later.",
        ),
        (
            "zizhi checklists export 我的清单 && zizhi validate 我的清单",
            "导出内置内容并检查修改后的内容；格式见 zizhi help schema。/ Customise the content.",
        ),
        (
            "zizhi man > ~/.local/share/man/man1/zizhi.1",
            "不需要 root 安装本手册页（补全脚本放在 ~/.local/share/bash-completion/completions/zizhi）。\
             / Install this page without root.",
        ),
    ] {
        item(out, command, what)?;
    }
    Ok(())
}

/// The whole page.
pub fn render(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd);
    man.render_title(out)?;
    // Chinese has no spaces to break or stretch at: ragged right instead of justified, and
    // no "can't break line" warnings from troff on the user's terminal for a long run of
    // Chinese (it is set a little past the margin, which is all troff can do with it).
    writeln!(out, ".ad l")?;
    writeln!(out, ".warn 0")?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    commands(out)?;
    keys(out)?;
    files(out)?;
    environment(out)?;
    exit_status(out)?;
    examples(out)?;
    section(out, "SEE ALSO")?;
    writeln!(
        out,
        "{}",
        roff("zizhi help schema（内容文件格式 / the content schema）；zizhi COMMAND --help.")
    )?;
    man.render_version_section(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        let mut out = Vec::new();
        render(&mut out).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_page_has_every_section_a_reader_looks_for() {
        let page = page();
        for section in [
            "NAME",
            "SYNOPSIS",
            "OPTIONS",
            "COMMANDS",
            "KEYS",
            "FILES",
            "ENVIRONMENT",
            "EXIT STATUS",
            "EXAMPLES",
        ] {
            assert!(page.contains(&format!(".SH {section}")), "{section}");
        }
    }

    #[test]
    fn no_page_is_referred_to_that_does_not_exist() {
        let page = page();
        assert!(
            !page.contains("zizhi\\-status(1)") && !page.contains("zizhi-"),
            "{page}"
        );
    }

    #[test]
    fn keys_and_exit_codes_come_from_their_tables() {
        let page = page();
        for (keys, _) in key_rows(crate::keymap::Scope::Checklist, Lang::Zh) {
            assert!(page.contains(&roff(&keys)), "{keys}");
        }
        for status in Status::ALL {
            assert!(page.contains(&roff(status.meaning(Lang::En))), "{status:?}");
        }
        assert!(page.contains("data restore"));
        // A command's own options are listed with it.
        assert!(page.contains(&roff("--json")) && page.contains(&roff("-o, --output")));
    }
}
