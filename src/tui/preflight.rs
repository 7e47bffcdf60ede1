//! Checks made before the terminal is touched: is there a terminal to draw on, and does the
//! locale say it speaks UTF-8. Pure functions over facts `main` gathers from the process.

use std::ffi::OsStr;

use crate::i18n::Lang;

/// Why the interactive app will not start here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Standard output is a file or a pipe (`zizhi | cat`, `zizhi > out`).
    OutputNotTerminal,
    /// Standard input is not a terminal (`zizhi < file`, cron, a pipe).
    InputNotTerminal,
    /// `TERM=dumb`: a terminal without cursor movement (Emacs shell buffers and the like).
    DumbTerminal,
}

impl Refusal {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Refusal::OutputNotTerminal => lang.t(
                "标准输出不是终端（被重定向到文件或管道），无法显示交互界面。\
                 要打开界面请直接在终端里运行 zizhi；要文本输出请用 zizhi status、zizhi export 等命令",
                "standard output is not a terminal (redirected to a file or a pipe), so the app \
                 cannot be shown. Run zizhi in a terminal to open it; for text, use zizhi status, \
                 zizhi export and the other commands",
            ),
            Refusal::InputNotTerminal => lang.t(
                "标准输入不是终端，无法读取按键。要打开界面请直接在终端里运行 zizhi；\
                 要文本输出请用 zizhi status、zizhi export 等命令",
                "standard input is not a terminal, so no keys can be read. Run zizhi in a \
                 terminal to open the app; for text, use zizhi status, zizhi export and the \
                 other commands",
            ),
            Refusal::DumbTerminal => lang.t(
                "TERM=dumb：这个终端不支持移动光标，无法显示交互界面。\
                 请在普通终端里运行（如 TERM=xterm-256color），或用 zizhi status 等命令",
                "TERM=dumb: this terminal cannot move the cursor, so the app cannot be shown. \
                 Run it in an ordinary terminal (such as TERM=xterm-256color), or use zizhi \
                 status and the other commands",
            ),
        }
    }
}

/// Whether the interactive app can run, from whether standard input and output are terminals
/// and the value of `TERM`.
pub fn refusal(stdin_tty: bool, stdout_tty: bool, term: Option<&OsStr>) -> Option<Refusal> {
    if !stdout_tty {
        Some(Refusal::OutputNotTerminal)
    } else if !stdin_tty {
        Some(Refusal::InputNotTerminal)
    } else if term == Some(OsStr::new("dumb")) {
        Some(Refusal::DumbTerminal)
    } else {
        None
    }
}

/// The locale variable that decides the character set: the first set (non-empty) of
/// `LC_ALL`, `LC_CTYPE` and `LANG`, as name and value.
pub fn charset_locale<'a>(
    lc_all: Option<&'a str>,
    lc_ctype: Option<&'a str>,
    lang: Option<&'a str>,
) -> Option<(&'static str, &'a str)> {
    [("LC_ALL", lc_all), ("LC_CTYPE", lc_ctype), ("LANG", lang)]
        .into_iter()
        .find_map(|(name, value)| value.filter(|v| !v.is_empty()).map(|v| (name, v)))
}

/// A one-line warning when the locale names a character set other than UTF-8 (a GB18030
/// terminal shows the app's UTF-8 output as mojibake). Nothing set, `C` and `POSIX` are
/// taken as UTF-8: an unset `LANG` is common over SSH, where the terminal is UTF-8 anyway.
pub fn charset_warning(
    lc_all: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> Option<String> {
    let (name, value) = charset_locale(lc_all, lc_ctype, lang)?;
    let without_modifier = value.split('@').next().unwrap_or(value);
    let charset = match without_modifier.split_once('.') {
        Some((_, codeset)) => {
            let normal: String = codeset
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if normal == "utf8" {
                return None;
            }
            codeset.to_owned()
        }
        // glibc's default character sets for Chinese locales named without one.
        None => match without_modifier {
            "zh_CN" | "zh_SG" => "GB2312".to_owned(),
            "zh_TW" | "zh_HK" => "BIG5".to_owned(),
            _ => return None,
        },
    };
    Some(format!(
        "字符集为 {charset}（{name}={value}），中文可能显示为乱码：请把终端和 {name} 设为 UTF-8（如 zh_CN.UTF-8）"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_on_either_side_or_a_dumb_terminal_is_refused() {
        let xterm = Some(OsStr::new("xterm-256color"));
        assert_eq!(refusal(true, true, xterm), None);
        assert_eq!(refusal(true, true, None), None);
        assert_eq!(
            refusal(true, false, xterm),
            Some(Refusal::OutputNotTerminal)
        );
        assert_eq!(refusal(false, true, xterm), Some(Refusal::InputNotTerminal));
        assert_eq!(
            refusal(true, true, Some(OsStr::new("dumb"))),
            Some(Refusal::DumbTerminal)
        );
        assert!(
            Refusal::OutputNotTerminal
                .message(Lang::Zh)
                .contains("zizhi status")
        );
    }

    #[test]
    fn lc_all_wins_over_lc_ctype_which_wins_over_lang() {
        assert_eq!(
            charset_locale(Some("C.UTF-8"), Some("zh_CN.GBK"), Some("x")),
            Some(("LC_ALL", "C.UTF-8"))
        );
        assert_eq!(
            charset_locale(Some(""), Some("zh_CN.GBK"), Some("x")),
            Some(("LC_CTYPE", "zh_CN.GBK"))
        );
        assert_eq!(
            charset_locale(None, None, Some("en_US.UTF-8")),
            Some(("LANG", "en_US.UTF-8"))
        );
        assert_eq!(charset_locale(None, None, None), None);
    }

    #[test]
    fn utf8_in_any_spelling_unset_and_c_raise_no_warning() {
        for lang in [
            "zh_CN.UTF-8",
            "zh_CN.utf8",
            "en_US.UTF-8@euro",
            "C.UTF-8",
            "C",
            "POSIX",
        ] {
            assert_eq!(charset_warning(None, None, Some(lang)), None, "{lang}");
        }
        assert_eq!(charset_warning(None, None, None), None);
        assert_eq!(charset_warning(None, Some(""), Some("")), None);
    }

    #[test]
    fn gb18030_gbk_and_bare_chinese_locales_are_warned_about() {
        let w = charset_warning(None, None, Some("zh_CN.GB18030")).expect("warns");
        assert!(
            w.contains("GB18030") && w.contains("LANG=zh_CN.GB18030"),
            "{w}"
        );
        let w = charset_warning(Some("zh_CN.GBK"), None, Some("zh_CN.UTF-8")).expect("warns");
        assert!(w.contains("LC_ALL=zh_CN.GBK"), "{w}");
        let w = charset_warning(None, None, Some("zh_CN")).expect("warns");
        assert!(w.contains("GB2312"), "{w}");
        assert!(charset_warning(None, None, Some("zh_TW")).is_some());
        assert!(charset_warning(None, Some("en_US.ISO-8859-1"), None).is_some());
        // A UTF-8 LC_CTYPE makes a GBK LANG irrelevant.
        assert_eq!(
            charset_warning(None, Some("zh_CN.UTF-8"), Some("zh_CN.GBK")),
            None
        );
    }
}
