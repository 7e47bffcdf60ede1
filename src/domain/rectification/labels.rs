//! The words for statuses, sources, severities and fields, in Chinese or English.

use crate::content::{FindingSource, Severity};
use crate::i18n::Lang;
use crate::progress::{HistoryEntry, RectField, RectificationStatus as St};

pub fn status_label(status: St, lang: Lang) -> &'static str {
    match status {
        St::Open => lang.t("待整改", "Open"),
        St::InProgress => lang.t("整改中", "In progress"),
        St::AwaitingVerification => lang.t("待验证", "To verify"),
        St::Closed => lang.t("已关闭", "Closed"),
        St::Reopened => lang.t("重新打开", "Reopened"),
    }
}

pub fn source_label(source: FindingSource, lang: Lang) -> &'static str {
    match source {
        FindingSource::SelfCheck => lang.t("自查", "Self-check"),
        FindingSource::Interview => lang.t("模拟访谈", "Mock interview"),
        FindingSource::Sop => lang.t("演示预演", "Demo rehearsal"),
        FindingSource::FormalReview => lang.t("形式审查补正", "Formal review"),
        FindingSource::Onsite => lang.t("现场审核", "On-site audit"),
        FindingSource::Other => lang.t("其他", "Other"),
    }
}

pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Major => lang.t("严重", "Major"),
        Severity::General => lang.t("一般", "General"),
        Severity::Observation => lang.t("观察项", "Observation"),
    }
}

pub fn field_label(field: RectField, lang: Lang) -> &'static str {
    match field {
        RectField::Created => lang.t("创建", "Created"),
        RectField::Id => lang.t("编号", "Id"),
        RectField::Status => lang.t("状态", "Status"),
        RectField::Title => lang.t("标题", "Title"),
        RectField::Source => lang.t("来源", "Source"),
        RectField::Link => lang.t("关联", "Link"),
        RectField::Severity => lang.t("严重程度", "Severity"),
        RectField::Description => lang.t("问题描述", "Description"),
        RectField::RootCause => lang.t("原因分析", "Root cause"),
        RectField::Action => lang.t("整改措施", "Action"),
        RectField::Owner => lang.t("负责人", "Owner"),
        RectField::Due => lang.t("截止日期", "Due date"),
        RectField::Evidence => lang.t("证据", "Evidence"),
        RectField::Verifier => lang.t("验证人", "Verifier"),
    }
}

pub const SOURCES: [FindingSource; 6] = [
    FindingSource::SelfCheck,
    FindingSource::Interview,
    FindingSource::Sop,
    FindingSource::FormalReview,
    FindingSource::Onsite,
    FindingSource::Other,
];

pub const SEVERITIES: [Severity; 3] = [Severity::Major, Severity::General, Severity::Observation];

/// A value stored in a history entry, shown in words: status, source and severity keys become
/// their labels; other text is shown as stored.
pub fn history_value(field: RectField, stored: &str, lang: Lang) -> String {
    let by_key = match field {
        RectField::Status | RectField::Created => St::ALL
            .iter()
            .find(|s| s.key() == stored)
            .map(|s| status_label(*s, lang)),
        RectField::Source => SOURCES
            .iter()
            .find(|s| super::source_key(**s) == stored)
            .map(|s| source_label(*s, lang)),
        RectField::Severity => SEVERITIES
            .iter()
            .find(|s| super::severity_key(**s) == stored)
            .map(|s| severity_label(*s, lang)),
        _ => None,
    };
    by_key.map_or_else(|| stored.to_owned(), str::to_owned)
}

/// One history entry as a line: when, who, what changed.
pub fn describe_change(entry: &HistoryEntry, lang: Lang) -> String {
    let who = if entry.by.is_empty() {
        lang.t("（未记名）", "(unnamed)")
    } else {
        entry.by.as_str()
    };
    let empty = lang.t("（空）", "(empty)");
    let value = |v: &str| {
        if v.is_empty() {
            empty.to_owned()
        } else {
            history_value(entry.field, v, lang)
        }
    };
    let what = match entry.field {
        RectField::Created => lang.t("创建", "created").to_owned(),
        RectField::Description | RectField::RootCause | RectField::Action => {
            let text: String = entry.to.chars().take(24).collect();
            let more = if entry.to.chars().count() > 24 {
                "…"
            } else {
                ""
            };
            format!(
                "{}{}{}{more}",
                field_label(entry.field, lang),
                lang.t("改为：", " now: "),
                text.replace('\n', " ")
            )
        }
        field => format!(
            "{}{}{} → {}",
            field_label(field, lang),
            lang.t("：", ": "),
            value(&entry.from),
            value(&entry.to)
        ),
    };
    let note = if entry.note.is_empty() {
        String::new()
    } else {
        format!(" · {}", entry.note)
    };
    format!("{} {who}  {what}{note}", entry.at.format("%Y-%m-%d %H:%M"))
}
