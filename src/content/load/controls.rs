//! Control characters in content text: refused with the place they are at. A YAML file can
//! hold them written out (a raw ESC) or as escapes in double quotes (`"\e]0;x\a"`); either
//! would reach a terminal from a title or an answer, so every scalar is checked as parsed.

use serde_saphyr::granit_parser::{Event, Parser};

use crate::content::problem::Problem;
use crate::sanitize::escape_controls;

/// Whether `c` may stand in content text: anything but a control character, or a line feed
/// or tab.
fn allowed(c: char) -> bool {
    !c.is_control() || c == '\n' || c == '\t'
}

/// The message for the control character `c`.
fn message(c: char) -> String {
    let shown = escape_controls(&c.to_string()).into_owned();
    format!(
        "文字里有控制字符 {shown}（终端会把它当作命令执行，如改标题、写剪贴板）。请删除它；换行直接换行写，不要用转义"
    )
}

/// One problem per control character written out in `text` (a line feed, a tab and the CR of
/// a CRLF line end are fine), where it is. Checked before parsing: the YAML parser refuses
/// most of them with a message that does not say what they are.
pub fn raw_problems(name: &str, text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        for (column, c) in line.chars().enumerate() {
            if !allowed(c) {
                found.push(Problem::new(
                    name,
                    u32::try_from(index + 1).unwrap_or(u32::MAX),
                    u32::try_from(column + 1).unwrap_or(u32::MAX),
                    message(c),
                ));
            }
        }
    }
    found
}

/// One problem per scalar (value or key) of `text` that holds a control character (written
/// as an escape in double quotes, such as `"\e"` or `"\x07"`), at the scalar.
pub fn problems(name: &str, text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((Event::Scalar(value, ..), span)) = event else {
            continue;
        };
        let Some(bad) = value.chars().find(|c| !allowed(*c)) else {
            continue;
        };
        found.push(Problem::new(
            name,
            u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
            message(bad),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_escape_is_found_where_it_is() {
        let text = "id: a\ntitle: 标题\u{1b}]0;x\u{7}\n";
        let found = raw_problems("phase-1.yaml", text);
        assert_eq!(found.len(), 2, "ESC and BEL");
        assert_eq!((found[0].line, found[0].column), (2, 10));
        assert!(
            raw_problems("x.yaml", "a: 1\r\nb: 2\r\n").is_empty(),
            "CRLF is fine"
        );
        assert!(found[0].message.contains("\\e"), "{}", found[0].message);
    }

    #[test]
    fn an_escape_in_double_quotes_is_found_at_its_scalar() {
        let text = "id: a\nitems:\n  - title: \"响铃\\a\"\n";
        let found = problems("phase-1.yaml", text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 12));
        assert!(found[0].message.contains("\\x07"), "{}", found[0].message);
    }

    #[test]
    fn line_breaks_and_tabs_in_text_are_fine() {
        let text = "a: \"一行\\n两行\\t制表\"\nb: |\n  块\n  文字\n";
        assert!(problems("x.yaml", text).is_empty());
        assert!(raw_problems("x.yaml", "a:\tb\n").is_empty());
    }
}
