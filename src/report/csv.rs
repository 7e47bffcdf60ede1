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

/// One field as RFC 4180 wants it. A cell that would start a spreadsheet formula (`=`, `+`,
/// `@`, or `-` not followed by a space) gets a leading apostrophe so Excel shows it as text.
pub fn escape(field: &str) -> String {
    let formula =
        field.starts_with(['=', '+', '@']) || (field.starts_with('-') && !field.starts_with("- "));
    let field = if formula {
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

fn record(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| escape(f)).collect();
    write!(out, "{}\r\n", line.join(","))
}

pub fn write_rectifications(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = Lang::Zh;
    write!(out, "{BOM}")?;
    record(out, &HEADERS.map(str::to_owned))?;
    let time = |t: Option<chrono::NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    for item in &report.progress.rectifications {
        let open = item.status != St::Closed;
        let days_left = match item.due {
            Some(due) if open => (due - report.today).num_days().to_string(),
            _ => String::new(),
        };
        let history: Vec<String> = item
            .history
            .iter()
            .map(|h| describe_change(h, lang))
            .collect();
        record(
            out,
            &[
                item.id.clone(),
                item.title.clone(),
                status_label(item.status, lang).to_owned(),
                severity_label(item.severity, lang).to_owned(),
                source_label(item.source, lang).to_owned(),
                item.link.clone(),
                item.owner.clone(),
                item.due.map(|d| d.to_string()).unwrap_or_default(),
                days_left,
                if is_overdue(item, report.today) {
                    "是".to_owned()
                } else {
                    String::new()
                },
                item.description.clone(),
                item.root_cause.clone(),
                item.action.clone(),
                item.evidence.clone(),
                item.verifier.clone(),
                time(created_at(item)),
                time(updated_at(item)),
                history.join("\n"),
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
}
