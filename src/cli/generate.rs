//! `zizhi completions SHELL` and `zizhi man`: shell completions and a man page generated
//! from the same clap definition as the parser, so they never disagree with it.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Generated into memory first: clap_complete panics when its writer fails (a closed pipe).
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut cmd, "zizhi", &mut buffer);
    out.write_all(&buffer)
}

/// The content schema (`docs/content-schema.md`), built into the binary so that a secured
/// machine with only the binary has it.
pub const CONTENT_SCHEMA: &str = include_str!("../../docs/content-schema.md");

/// `zizhi help [TOPIC…]`: the schema for `schema`, a command's long help for its name (or
/// path, as `help data restore`), the whole program's help without a topic.
pub fn help(topic: &[String], out: &mut dyn Write) -> Result<(), String> {
    if topic == ["schema"] {
        return out
            .write_all(CONTENT_SCHEMA.as_bytes())
            .map_err(|e| e.to_string());
    }
    let mut cmd = super::command_in(crate::i18n::messages());
    cmd.build();
    let mut current = &mut cmd;
    for word in topic {
        current = current.find_subcommand_mut(word).ok_or_else(|| {
            match crate::i18n::messages() {
                crate::i18n::Lang::Zh => format!(
                    "没有这个命令或帮助主题：{word}（可用 zizhi help schema 查看内容格式）"
                ),
                crate::i18n::Lang::En => format!(
                    "no such command or help topic: {word} (zizhi help schema prints the content format)"
                ),
            }
        })?;
    }
    let text = current.render_long_help().to_string();
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// The man page (see [`super::man`]).
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    super::man::render(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_completions_know_the_subcommands() {
        let mut out = Vec::new();
        completions(Shell::Bash, &mut out).expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        for word in ["status", "export", "score", "completions", "man"] {
            assert!(text.contains(word), "{word}");
        }
    }

    #[test]
    fn the_man_page_is_roff_with_the_commands() {
        let mut out = Vec::new();
        man(&mut out).expect("renders");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{text}");
        assert!(text.contains("export"));
    }
}
