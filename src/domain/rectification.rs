//! Rectification items (整改): the status machine, field edits that record who changed what,
//! and creating items from templates, checklist items and other areas' findings.
//!
//! Everything here is pure: the time and the person acting come in as a [`Stamp`].
//!
//! # For other areas: turning a finding into a rectification item
//!
//! An interview answer that missed key points, or a demo step flagged as gone wrong, becomes a
//! rectification item with [`Finding`] and [`create_from_finding`]:
//!
//! ```
//! # use zizhi::domain::rectification::{Finding, Stamp, create_from_finding};
//! # use zizhi::progress::Progress;
//! # let mut progress = Progress::default();
//! # let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let finding = Finding::interview_miss("q-rules-001", "说不清离岗脱密期的规定");
//! let id = create_from_finding(&mut progress, finding, &Stamp { at, by: "王静" });
//! assert_eq!(progress.rectifications[0].link, "q-rules-001");
//! # assert_eq!(id, "ZG-001");
//! ```
//!
//! From the TUI, call `screens::rectify::start_from_finding(app, finding)` instead: it asks
//! who is acting if nobody has said yet, creates the item and opens its form.

#[cfg(test)]
mod date_tests;
mod due;
mod labels;
mod stats;
#[cfg(test)]
mod tests;

pub use due::{
    CORRECTION_WORKING_DAYS, DueInput, PUBLIC_NOTICE_WORKING_DAYS, Window, WindowKind, WindowState,
    parse_due, window,
};
pub use labels::{
    SEVERITIES, SOURCES, describe_change, field_label, history_value, severity_label, source_label,
    status_label,
};
pub use stats::{
    ByStatus, Filter, OwnerFilter, RectStats, Sort, StatusDues, StatusFilter, end_of_week,
    is_overdue, owners, stats, visible,
};

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::content::{FindingSource, Severity, Template};
use crate::domain::calendar::WorkCalendar;
use crate::i18n::Lang;
use crate::progress::{
    HistoryEntry, Progress, RectField, Rectification, RectificationStatus as St,
};

/// When a change happens and who makes it (the 当前操作人).
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub at: NaiveDateTime,
    pub by: &'a str,
}

impl Stamp<'_> {
    /// The time as history keeps it: to the second.
    fn time(&self) -> NaiveDateTime {
        self.at.with_nanosecond(0).unwrap_or(self.at)
    }
}

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("不能从「{}」改为「{}」", status_label(*.from, Lang::Zh), status_label(*.to, Lang::Zh))]
    NotAllowed { from: St, to: St },
    #[error("关闭前须填写验证人：由谁确认整改有效")]
    NeedsVerifier,
    #[error("关闭前须填写证据编号或路径：整改完成的凭证")]
    NeedsEvidence,
    #[error("重新打开须写明原因，例如验证时发现的问题")]
    NeedsReason,
}

impl TransitionError {
    /// The refusal in the interface language, with what to do instead.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TransitionError::NotAllowed { from, to }, _) => {
                let why = match (from, to) {
                    (St::Open, St::AwaitingVerification | St::Closed) => lang.t(
                        "：还没开始整改，先改为「整改中」，整改完成后再提交验证",
                        ": work has not started; move it to in progress first",
                    ),
                    (St::InProgress | St::Reopened, St::Closed) => lang.t(
                        "：须先提交验证（待验证），由验证人确认后才能关闭",
                        ": submit it for verification first",
                    ),
                    (St::Closed, St::InProgress | St::AwaitingVerification | St::Open) => lang.t(
                        "：已关闭的整改项要先「重新打开」",
                        ": reopen the closed item first",
                    ),
                    (_, St::Reopened) => lang.t(
                        "：只有「待验证」或「已关闭」的整改项可以重新打开",
                        ": only items awaiting verification or closed can be reopened",
                    ),
                    _ => "",
                };
                format!(
                    "{}「{}」{}「{}」{why}",
                    lang.t("不能从", "Cannot go from "),
                    status_label(*from, lang),
                    lang.t("改为", " to "),
                    status_label(*to, lang)
                )
            }
            (_, Lang::Zh) => self.to_string(),
            (TransitionError::NeedsVerifier, Lang::En) => {
                "Closing needs a verifier: who confirmed the fix works".into()
            }
            (TransitionError::NeedsEvidence, Lang::En) => {
                "Closing needs an evidence reference: the document number or path".into()
            }
            (TransitionError::NeedsReason, Lang::En) => {
                "Reopening needs a reason, e.g. what verification found".into()
            }
        }
    }
}

/// Whether the machine allows `from → to` at all (closing also needs verifier and evidence).
pub fn allowed(from: St, to: St) -> bool {
    matches!(
        (from, to),
        (St::Open, St::InProgress)
            | (St::InProgress, St::AwaitingVerification)
            | (St::AwaitingVerification, St::Closed)
            | (St::AwaitingVerification, St::Reopened)
            | (St::Closed, St::Reopened)
            | (St::Reopened, St::InProgress)
    )
}

/// The forward step from `status` (the `s` key): none once closed.
pub fn next_status(status: St) -> Option<St> {
    match status {
        St::Open | St::Reopened => Some(St::InProgress),
        St::InProgress => Some(St::AwaitingVerification),
        St::AwaitingVerification => Some(St::Closed),
        St::Closed => None,
    }
}

/// Changes the status of `item` to `to`, appending a history entry with `note`; refuses
/// illegal changes, closing without verifier or evidence, and reopening without a reason.
pub fn transition(
    item: &mut Rectification,
    to: St,
    note: &str,
    stamp: &Stamp,
) -> Result<(), TransitionError> {
    let from = item.status;
    if !allowed(from, to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    if to == St::Closed {
        if item.verifier.trim().is_empty() {
            return Err(TransitionError::NeedsVerifier);
        }
        if item.evidence.trim().is_empty() {
            return Err(TransitionError::NeedsEvidence);
        }
    }
    if to == St::Reopened && note.trim().is_empty() {
        return Err(TransitionError::NeedsReason);
    }
    item.status = to;
    item.history.push(HistoryEntry {
        at: stamp.time(),
        by: stamp.by.to_owned(),
        field: RectField::Status,
        from: from.key().to_owned(),
        to: to.key().to_owned(),
        note: note.trim().to_owned(),
    });
    Ok(())
}

/// A new value for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Source(FindingSource),
    Severity(Severity),
    Due(Option<NaiveDate>),
}

/// How edits are logged while one field is being edited in a form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Session {
    /// The item is being filled in right after it was created: its `created` entry covers
    /// what is typed now.
    Creating,
    /// Editing a field that has not changed yet.
    #[default]
    Fresh,
    /// Editing a field whose change is history entry `i`.
    Logged(usize),
}

/// The field's value as history stores it.
pub fn field_value(item: &Rectification, field: RectField) -> String {
    match field {
        RectField::Created => String::new(),
        RectField::Id => item.id.clone(),
        RectField::Status => item.status.key().to_owned(),
        RectField::Title => item.title.clone(),
        RectField::Source => source_key(item.source).to_owned(),
        RectField::Link => item.link.clone(),
        RectField::Severity => severity_key(item.severity).to_owned(),
        RectField::Description => item.description.clone(),
        RectField::RootCause => item.root_cause.clone(),
        RectField::Action => item.action.clone(),
        RectField::Owner => item.owner.clone(),
        RectField::Due => item.due.map(|d| d.to_string()).unwrap_or_default(),
        RectField::Evidence => item.evidence.clone(),
        RectField::Verifier => item.verifier.clone(),
    }
}

pub fn source_key(source: FindingSource) -> &'static str {
    match source {
        FindingSource::SelfCheck => "self_check",
        FindingSource::Interview => "interview",
        FindingSource::Sop => "sop",
        FindingSource::FormalReview => "formal_review",
        FindingSource::Onsite => "onsite",
        FindingSource::Other => "other",
    }
}

pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Major => "major",
        Severity::General => "general",
        Severity::Observation => "observation",
    }
}

/// Sets `field` of `item` to `value` and records it. Returns whether anything changed.
///
/// Each edit gets one history entry. While a field is being typed, `session` remembers that
/// entry and later keystrokes update its `to` (so typing a sentence is one change, and text
/// typed before a crash is already recorded); typing back to the old value removes it again.
/// Once the user leaves the field (a new `Session::Fresh`), that entry is never touched.
/// Status is changed only through [`transition`]; this ignores `Status` and `Created`.
pub fn set_field(
    item: &mut Rectification,
    field: RectField,
    value: Value,
    stamp: &Stamp,
    session: &mut Session,
) -> bool {
    let before = field_value(item, field);
    let clean = |text: String| match field {
        RectField::Description | RectField::RootCause | RectField::Action => {
            text.trim_end().to_owned()
        }
        _ => text.trim().to_owned(),
    };
    match (field, value) {
        (RectField::Title, Value::Text(t)) => item.title = clean(t),
        (RectField::Link, Value::Text(t)) => item.link = clean(t),
        (RectField::Description, Value::Text(t)) => item.description = clean(t),
        (RectField::RootCause, Value::Text(t)) => item.root_cause = clean(t),
        (RectField::Action, Value::Text(t)) => item.action = clean(t),
        (RectField::Owner, Value::Text(t)) => item.owner = clean(t),
        (RectField::Evidence, Value::Text(t)) => item.evidence = clean(t),
        (RectField::Verifier, Value::Text(t)) => item.verifier = clean(t),
        (RectField::Source, Value::Source(s)) => item.source = s,
        (RectField::Severity, Value::Severity(s)) => item.severity = s,
        (RectField::Due, Value::Due(d)) => item.due = d,
        _ => return false,
    }
    let after = field_value(item, field);
    if after == before {
        return false;
    }
    let last = item.history.len().checked_sub(1);
    match *session {
        Session::Creating => {}
        Session::Logged(index) if Some(index) == last && item.history[index].field == field => {
            if item.history[index].from == after {
                item.history.pop();
                *session = Session::Fresh;
            } else {
                let entry = &mut item.history[index];
                entry.to = after;
                entry.at = stamp.time();
            }
        }
        _ => {
            item.history.push(HistoryEntry {
                at: stamp.time(),
                by: stamp.by.to_owned(),
                field,
                from: before,
                to: after,
                note: String::new(),
            });
            *session = Session::Logged(item.history.len() - 1);
        }
    }
    true
}

/// The next free id: `ZG-` and one more than the highest number in use.
pub fn next_id(progress: &Progress) -> String {
    let highest = progress
        .rectifications
        .iter()
        .filter_map(|r| r.id.strip_prefix("ZG-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("ZG-{:03}", highest.saturating_add(1))
}

/// An item's identity in the team's merge: its first id, when (to the millisecond) and by
/// whom it was created. Two people who both create ZG-003 offline make two items.
fn uid(id: &str, stamp: &Stamp) -> String {
    format!("{id}.{}.{}", stamp.at.format("%Y%m%dT%H%M%S%.3f"), stamp.by)
}

/// After a team merge: two people offline may both have created ZG-003. The merge keeps
/// both (they differ in [`Rectification::uid`]); here every item whose id an item earlier
/// in the list already has (the list is in creation order across the team, by hybrid
/// clock, ties broken by person) gets the next free number, and its history says so.
/// Pure and deterministic: everyone who merged the same changes sees the same ids. Returns
/// how many items were renumbered.
pub fn renumber_duplicates(progress: &mut Progress) -> usize {
    let mut highest = progress
        .rectifications
        .iter()
        .filter_map(|r| r.id.strip_prefix("ZG-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    // id → (creator, creation time) of the first item holding it.
    let mut first: BTreeMap<String, (String, Option<NaiveDateTime>)> = BTreeMap::new();
    let mut renumbered = 0;
    for item in &mut progress.rectifications {
        let creator = item
            .history
            .first()
            .map(|h| h.by.clone())
            .unwrap_or_default();
        let Some((other, other_at)) = first.get(&item.id).cloned() else {
            first.insert(item.id.clone(), (creator, created_at(item)));
            continue;
        };
        highest = highest.saturating_add(1);
        let new = format!("ZG-{highest:03}");
        let old = std::mem::replace(&mut item.id, new.clone());
        let at = created_at(item).max(other_at).unwrap_or_default();
        let other = if other.is_empty() {
            "另一位同事"
        } else {
            &other
        };
        item.history.push(HistoryEntry {
            at,
            by: creator.clone(),
            field: RectField::Id,
            from: old.clone(),
            to: new.clone(),
            note: format!("与{other}同时新建的 {old} 重号，合并时改为 {new}"),
        });
        first.insert(new, (creator, created_at(item)));
        renumbered += 1;
    }
    renumbered
}

/// A finding another area hands over: where it came from and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub source: FindingSource,
    /// Checklist item id, interview question id, or `sop-id/step-id`.
    pub link: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
}

impl Finding {
    /// A question an interviewee could not answer well enough. Severity 一般.
    pub fn interview_miss(question_id: &str, title: &str) -> Self {
        Self {
            source: FindingSource::Interview,
            link: question_id.to_owned(),
            title: title.to_owned(),
            description: String::new(),
            severity: Severity::General,
        }
    }

    /// A demo step flagged as gone wrong, with the flag's note as the description.
    pub fn sop_step(sop_id: &str, step_id: &str, title: &str, note: &str) -> Self {
        Self {
            source: FindingSource::Sop,
            link: format!("{sop_id}/{step_id}"),
            title: title.to_owned(),
            description: note.to_owned(),
            severity: Severity::General,
        }
    }

    /// A checklist item that needs fixing, found in the self-check.
    pub fn checklist_item(item_id: &str, title: &str) -> Self {
        Self {
            source: FindingSource::SelfCheck,
            link: item_id.to_owned(),
            title: title.to_owned(),
            description: String::new(),
            severity: Severity::General,
        }
    }
}

/// A new 待整改 item `id` for `finding`: nothing else filled in, no history yet. The
/// `create_*` functions start from it and record the creation; tests build items with it.
pub fn blank(id: String, finding: Finding) -> Rectification {
    Rectification {
        id,
        uid: String::new(),
        title: finding.title.trim().to_owned(),
        source: finding.source,
        link: finding.link,
        template: String::new(),
        severity: finding.severity,
        description: finding.description.trim_end().to_owned(),
        root_cause: String::new(),
        action: String::new(),
        owner: String::new(),
        due: None,
        evidence: String::new(),
        verifier: String::new(),
        status: St::Open,
        history: Vec::new(),
    }
}

fn push_created(progress: &mut Progress, mut item: Rectification, note: String, stamp: &Stamp) {
    item.uid = uid(&item.id, stamp);
    item.history.push(HistoryEntry {
        at: stamp.time(),
        by: stamp.by.to_owned(),
        field: RectField::Created,
        from: String::new(),
        to: St::Open.key().to_owned(),
        note,
    });
    progress.rectifications.push(item);
}

/// Adds a 待整改 item for `finding` and returns its id.
pub fn create_from_finding(progress: &mut Progress, finding: Finding, stamp: &Stamp) -> String {
    let id = next_id(progress);
    let note = match (finding.source, finding.link.is_empty()) {
        (_, true) => String::new(),
        (FindingSource::Interview, false) => format!("来自模拟访谈 {}", finding.link),
        (FindingSource::Sop, false) => format!("来自演示预演 {}", finding.link),
        (_, false) => format!("来自清单项 {}", finding.link),
    };
    let item = blank(id.clone(), finding);
    push_created(progress, item, note, stamp);
    id
}

/// Adds a 待整改 item pre-filled from `template`, due `due_working_days` after today (capped
/// at the end of a running 补正 window for formal-review findings). Returns its id.
pub fn create_from_template(
    progress: &mut Progress,
    template: &Template,
    calendar: &WorkCalendar,
    stamp: &Stamp,
) -> String {
    let id = next_id(progress);
    let today = stamp.at.date();
    let mut due = template
        .due_working_days
        .map(|n| calendar.add_working_days(today, n).date);
    if template.source == FindingSource::FormalReview
        && let Some(notice) = progress.timeline.correction_notice
    {
        let window = window(calendar, WindowKind::Correction, notice, today);
        if window.state != WindowState::Ended {
            due = Some(due.map_or(window.end, |d| d.min(window.end)));
        }
    }
    let mut item = blank(
        id.clone(),
        Finding {
            source: template.source,
            link: template
                .checklist_item
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_default(),
            title: template.title.clone(),
            description: template.description.clone(),
            severity: template.severity,
        },
    );
    item.template = template.id.value.clone();
    item.description = reflowed(&template.description);
    item.root_cause = reflowed(&template.root_cause);
    item.action = reflowed(&template.action);
    item.due = due;
    push_created(progress, item, format!("模板 {}", template.id.value), stamp);
    id
}

/// Content text with its hand-wrapped lines joined, as the user would have typed it.
fn reflowed(text: &str) -> String {
    crate::content::paragraphs(text).join("\n")
}

/// The item with `id`.
pub fn find_mut<'a>(progress: &'a mut Progress, id: &str) -> Option<&'a mut Rectification> {
    progress.rectifications.iter_mut().find(|r| r.id == id)
}

pub fn find<'a>(progress: &'a Progress, id: &str) -> Option<&'a Rectification> {
    progress.rectifications.iter().find(|r| r.id == id)
}

/// Items linked to `link` (a checklist item, question or step), for showing beside it.
pub fn linked<'a>(
    progress: &'a Progress,
    link: &'a str,
) -> impl Iterator<Item = &'a Rectification> {
    progress
        .rectifications
        .iter()
        .filter(move |r| r.link == link)
}

/// When the item was created (its first history entry).
pub fn created_at(item: &Rectification) -> Option<NaiveDateTime> {
    item.history.first().map(|h| h.at)
}

/// When the item was last changed.
pub fn updated_at(item: &Rectification) -> Option<NaiveDateTime> {
    item.history.last().map(|h| h.at)
}
