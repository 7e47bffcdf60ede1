//! One rectification item as both reports show it — heading, lines of facts, the three
//! texts and the history — built once as data; [`super::markdown`] and
//! [`super::html`] only render it.

use super::Report;
use super::markdown::due_cell;
use crate::domain::rectification::{describe_change, severity_label, source_label, status_label};
use crate::i18n::Lang;
use crate::progress::Rectification;

/// A labelled value; `key` values (ids, dates, states) must not break in print.
pub struct Fact {
    pub label: &'static str,
    /// Plain text (each writer escapes it); a dash when there is nothing.
    pub value: String,
    pub key: bool,
}

pub struct History {
    pub label: &'static str,
    pub count: String,
    pub lines: Vec<String>,
}

pub struct Block {
    pub id: String,
    pub title: String,
    /// Lines of facts, each shown as "label value · label value".
    pub facts: Vec<Vec<Fact>>,
    /// Problem, root cause and action: (label, text), the empty ones left out.
    pub texts: Vec<(&'static str, String)>,
    /// The history's label ("变更记录"), its count ("（N 条）") and its lines; none without
    /// history.
    pub history: Option<History>,
}

fn fact(label: &'static str, value: impl Into<String>, key: bool) -> Fact {
    let value = value.into();
    let value = match value.trim() {
        "" => "—".to_owned(),
        text => text.to_owned(),
    };
    Fact { label, value, key }
}

/// The block for `item`, in the report's language.
pub fn block(item: &Rectification, report: &Report) -> Block {
    let lang = report.lang;
    let t = |zh, en| lang.t(zh, en);
    let mut first = vec![
        fact(
            t("状态：", "Status: "),
            status_label(item.status, lang),
            true,
        ),
        fact(
            t("严重程度：", "Severity: "),
            severity_label(item.severity, lang),
            false,
        ),
        fact(
            t("来源：", "Source: "),
            source_label(item.source, lang),
            false,
        ),
    ];
    if !item.link.is_empty() {
        first.push(fact(t("关联：", "Linked: "), item.link.as_str(), true));
    }
    let facts = vec![
        first,
        vec![
            fact(t("负责人：", "Owner: "), item.owner.as_str(), false),
            fact(t("截止：", "Due: "), due_cell(item, report), true),
        ],
        vec![
            fact(t("证据：", "Evidence: "), item.evidence.as_str(), false),
            fact(t("验证人：", "Verifier: "), item.verifier.as_str(), false),
        ],
    ];
    let texts = [
        (t("问题描述", "Problem"), &item.description),
        (t("原因分析", "Root cause"), &item.root_cause),
        (t("整改措施", "Action"), &item.action),
    ]
    .into_iter()
    .filter(|(_, text)| !text.trim().is_empty())
    .map(|(label, text)| (label, text.trim().to_owned()))
    .collect();
    let history = (!item.history.is_empty()).then(|| History {
        label: t("变更记录", "History"),
        count: match lang {
            Lang::Zh => format!("（{} 条）", item.history.len()),
            Lang::En => format!(" ({} changes)", item.history.len()),
        },
        lines: item
            .history
            .iter()
            .map(|entry| describe_change(entry, lang))
            .collect(),
    });
    Block {
        id: item.id.clone(),
        title: item.title.trim().to_owned(),
        facts,
        texts,
        history,
    }
}
