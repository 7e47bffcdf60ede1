//! CSV of every rectification item: UTF-8 with a BOM so Excel shows Chinese, Chinese
//! headers, RFC 4180 quoting (CRLF line ends; fields with commas, quotes or line breaks are
//! quoted, quotes doubled).

use std::io::{self, Write};

use super::Report;
use crate::domain::rectification::{
    created_at, describe_change, is_overdue, severity_label, source_label, status_label, updated_at,
};
use crate::i18n::Lang;
use crate::progress::RectificationStatus as St;

pub const BOM: &str = "\u{feff}";

const HEADERS: [&str; 18] = [
    "编号",
    "标题",
    "状态",
    "严重程度",
    "来源",
    "关联",
    "负责人",
    "截止日期",
    "距截止天数",
    "是否逾期",
    "问题描述",
    "原因分析",
    "整改措施",
    "证据",
    "验证人",
    "创建时间",
    "最后更新",
    "变更记录",
];

/// [`HEADERS`] under `--lang en`.
const HEADERS_EN: [&str; 18] = [
    "ID",
    "Title",
    "Status",
    "Severity",
    "Source",
    "Linked",
    "Owner",
    "Due",
    "Days left",
    "Overdue",
    "Problem",
    "Root cause",
    "Action",
    "Evidence",
    "Verifier",
    "Created",
    "Last updated",
    "History",
];

/// Whether a text cell would start a spreadsheet formula: `=`, `+`, `@` or `-` (not a
/// "- " list dash) first, also after leading spaces, or a leading TAB or CR (which some
/// spreadsheets strip before looking at the rest).
fn looks_like_formula(field: &str) -> bool {
    if field.starts_with(['\t', '\r']) {
        return true;
    }
    let rest = field.trim_start_matches([' ', '\u{3000}', '\n']);
    rest.starts_with(['=', '+', '@']) || (rest.starts_with('-') && !rest.starts_with("- "))
}

/// One text field as RFC 4180 wants it. A cell that would start a formula gets a leading
/// apostrophe so spreadsheets show it as text.
pub fn escape(field: &str) -> String {
    let field = if looks_like_formula(field) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// A cell: text (quoted and guarded as needed) or a number, written as digits so
/// spreadsheets read it as a number (a negative one too).
enum Cell {
    Text(String),
    Number(i64),
    Empty,
}

fn record(out: &mut dyn Write, fields: Vec<Cell>) -> io::Result<()> {
    let line: Vec<String> = fields
        .iter()
        .map(|f| match f {
            Cell::Text(text) => escape(text),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        })
        .collect();
    write!(out, "{}\r\n", line.join(","))
}

pub fn write_rectifications(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    write!(out, "{BOM}")?;
    let headers = match lang {
        Lang::Zh => HEADERS,
        Lang::En => HEADERS_EN,
    };
    record(out, headers.map(|h| Cell::Text(h.to_owned())).into())?;
    let time = |t: Option<chrono::NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    for item in &report.progress.rectifications {
        let open = item.status != St::Closed;
        let days_left = match item.due {
            Some(due) if open => Cell::Number((due - report.today()).num_days()),
            _ => Cell::Empty,
        };
        let history: Vec<String> = item
            .history
            .iter()
            .map(|h| describe_change(h, lang))
            .collect();
        let text = |t: &str| Cell::Text(t.to_owned());
        record(
            out,
            vec![
                text(&item.id),
                text(&item.title),
                text(status_label(item.status, lang)),
                text(severity_label(item.severity, lang)),
                text(source_label(item.source, lang)),
                text(&item.link),
                text(&item.owner),
                item.due.map_or(Cell::Empty, |d| Cell::Text(d.to_string())),
                days_left,
                if is_overdue(item, report.today()) {
                    text(lang.t("是", "yes"))
                } else {
                    Cell::Empty
                },
                text(&item.description),
                text(&item.root_cause),
                text(&item.action),
                text(&item.evidence),
                text(&item.verifier),
                Cell::Text(time(created_at(item))),
                Cell::Text(time(updated_at(item))),
                Cell::Text(history.join("\n")),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_left_alone() {
        assert_eq!(escape("运维人员使用个人U盘"), "运维人员使用个人U盘");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled() {
        assert_eq!(escape("甲,乙"), "\"甲,乙\"");
        assert_eq!(escape("他说\"可以\""), "\"他说\"\"可以\"\"\"");
        assert_eq!(escape("第一行\n第二行"), "\"第一行\n第二行\"");
        assert_eq!(escape("回车\r换行"), "\"回车\r换行\"");
        // A Chinese comma is not a separator.
        assert_eq!(escape("甲，乙"), "甲，乙");
    }

    #[test]
    fn cells_that_would_be_formulas_are_kept_as_text() {
        assert_eq!(escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape("+10"), "'+10");
        assert_eq!(escape("@SUM"), "'@SUM");
        assert_eq!(escape("-3"), "'-3");
        assert_eq!(escape("- 第一条"), "- 第一条");
    }

    #[test]
    fn a_leading_tab_cr_or_spaces_do_not_hide_a_formula() {
        assert_eq!(escape("\t=1+1"), "'\t=1+1");
        assert_eq!(escape("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(escape("  =cmd|' /C calc'!A0"), "'  =cmd|' /C calc'!A0");
        assert_eq!(escape("  -2+3"), "'  -2+3");
        assert_eq!(escape("\t普通文字"), "'\t普通文字");
        assert_eq!(escape("  普通文字"), "  普通文字");
    }
}
