//! `zizhi item ID [--status …] [--owner …] [--due …] [--note …] [--evidence …] [--json]`:
//! one checklist item from scripts, changed like an edit in the app (saved under the lock,
//! recorded with who and when in team mode) or shown with its merged state and history.

use std::io::Write;

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::domain::date_input;
use crate::i18n::Lang;
use crate::progress::{ItemProgress, Progress, Status};
use crate::team::flat;
use crate::team::merge::{self, Change};
use crate::team::workspace;

/// What to change; `None` leaves a field alone, an empty text clears it.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub status: Option<Status>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.owner.is_none()
            && self.due.is_none()
            && self.note.is_none()
            && self.evidence.is_none()
    }
}

/// Reads a status as the command line writes it.
pub fn parse_status(text: &str, lang: Lang) -> Result<Status, String> {
    match text.trim() {
        "todo" | "待办" => Ok(Status::Todo),
        "in-progress" | "in_progress" | "进行中" => Ok(Status::InProgress),
        "done" | "已完成" => Ok(Status::Done),
        "na" | "n/a" | "not-applicable" | "不适用" => Ok(Status::NotApplicable),
        other => Err(match lang {
            Lang::Zh => format!("无效的状态「{other}」：可用 todo、in-progress、done、na"),
            Lang::En => format!("no such status \"{other}\": use todo, in-progress, done or na"),
        }),
    }
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Todo => "todo",
        Status::InProgress => "in_progress",
        Status::Done => "done",
        Status::NotApplicable => "not_applicable",
    }
}

/// A status as the plain text shows it: its name, then the value `--status` takes.
fn status_shown(key: &str, lang: Lang) -> String {
    let (name, flag) = match key {
        "todo" => (lang.t("待办", "to do"), "todo"),
        "in_progress" => (lang.t("进行中", "in progress"), "in-progress"),
        "done" => (lang.t("已完成", "done"), "done"),
        "not_applicable" => (lang.t("不适用", "not applicable"), "na"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Zh => format!("{name}（{flag}）"),
        Lang::En => format!("{name} ({flag})"),
    }
}

/// Checks the id against the content: an unknown id is a usage error naming close ids.
pub fn check_id(content: &Content, id: &str, lang: Lang) -> Result<(), String> {
    if content.find_item(id).is_some() {
        return Ok(());
    }
    let close: Vec<String> = content
        .items()
        .map(|r| r.item.id.to_string())
        .filter(|other| other.contains(id) || id.contains(other.as_str()))
        .take(5)
        .collect();
    Err(match (lang, close.is_empty()) {
        (Lang::Zh, true) => format!(
            "没有编号为「{id}」的清单项（`zizhi status --json` 列出各阶段；清单项编号见详情页）"
        ),
        (Lang::Zh, false) => format!(
            "没有编号为「{id}」的清单项。相近的编号：{}",
            close.join("、")
        ),
        (Lang::En, true) => format!(
            "there is no checklist item with id \"{id}\" (`zizhi status --json` lists the phases; an item's id is on its detail page)"
        ),
        (Lang::En, false) => format!(
            "there is no checklist item with id \"{id}\". Close ids: {}",
            close.join(", ")
        ),
    })
}

/// Applies `edit` to the item in `progress` at `now`; what changed, as `field` names.
pub fn apply(
    progress: &mut Progress,
    id: &str,
    edit: &Edit,
    now: NaiveDateTime,
    calendar: &WorkCalendar,
    lang: Lang,
) -> Result<Vec<&'static str>, String> {
    let due: Option<Option<NaiveDate>> = match edit.due.as_deref() {
        None => None,
        Some(text) if text.trim().is_empty() => Some(None),
        Some(text) => Some(Some(
            date_input::resolve_required(text, now.date(), calendar)
                .map_err(|e| format!("--due: {}", e.message(lang)))?
                .date,
        )),
    };
    let item = progress.item_mut(id);
    let before = item.clone();
    if let Some(status) = edit.status {
        item.status = status;
    }
    let text = |s: &Option<String>| s.as_ref().map(|t| t.trim().to_owned());
    if let Some(owner) = text(&edit.owner) {
        item.owner = owner;
    }
    if let Some(note) = edit.note.clone() {
        item.note = note;
    }
    if let Some(evidence) = text(&edit.evidence) {
        item.evidence = evidence;
    }
    if let Some(due) = due {
        item.due = due;
    }
    let changed = changed_fields(&before, item);
    if !changed.is_empty() {
        item.updated = Some(now);
    }
    progress.prune();
    Ok(changed)
}

fn changed_fields(a: &ItemProgress, b: &ItemProgress) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.status != b.status {
        out.push("status");
    }
    if a.owner != b.owner {
        out.push("owner");
    }
    if a.due != b.due {
        out.push("due");
    }
    if a.note != b.note {
        out.push("note");
    }
    if a.evidence != b.evidence {
        out.push("evidence");
    }
    out
}

/// Every recorded change, and person id → name.
pub type TeamLog<'a> = (&'a [Change], &'a dyn Fn(&str) -> String);

/// The item's state and (in team mode) every recorded change of its fields, as JSON.
pub fn to_json(
    content: &Content,
    progress: &Progress,
    id: &str,
    team: Option<TeamLog<'_>>,
) -> Value {
    let item = progress.item(id).cloned().unwrap_or_default();
    let title = content
        .find_item(id)
        .map(|r| r.item.title.to_string())
        .unwrap_or_default();
    let mut history = Vec::new();
    if let Some((log, name_of)) = team {
        let prefix = format!("items/{}/", flat::escape(id));
        let mut keys: Vec<&str> = log
            .iter()
            .filter(|c| c.key.starts_with(&prefix))
            .map(|c| c.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut lines = Vec::new();
        for key in keys {
            for line in merge::history(log, key) {
                lines.push(line);
            }
        }
        lines.sort_by(|a, b| a.change.stamp.cmp(&b.change.stamp));
        for line in lines {
            let c = line.change;
            let at =
                chrono::DateTime::from_timestamp_millis(i64::try_from(c.stamp.hlc.ms).unwrap_or(0))
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default();
            history.push(json!({
                "field": flat::unescape(&c.key[prefix.len()..]),
                "value": c.value,
                "by": name_of(&c.stamp.who),
                "by_id": c.stamp.who,
                "at": at,
                "concurrent": line.concurrent,
            }));
        }
    }
    json!({
        "id": id,
        "title": title,
        "status": status_key(item.status),
        "owner": item.owner,
        "due": item.due,
        "note": item.note,
        "evidence": item.evidence,
        "updated": item.updated,
        "history": history,
    })
}

/// Prints the item as JSON (merged state and history).
pub fn write_json(out: &mut impl Write, value: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    writeln!(out, "{text}")
}

/// Every change of every usable person file (for the history).
pub fn team_log(
    team: &workspace::Team,
) -> (Vec<Change>, std::collections::BTreeMap<String, String>) {
    let loaded = workspace::load_people(&team.people_dir());
    let names = loaded
        .people
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let log = loaded.people.into_iter().flat_map(|p| p.changes).collect();
    (log, names)
}

/// Prints the item in a few plain lines.
pub fn write_text(out: &mut impl Write, value: &Value, lang: Lang) -> std::io::Result<()> {
    let field = |k: &str| match &value[k] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    writeln!(out, "{}  {}", field("id"), field("title"))?;
    for (label, key) in [
        (lang.t("状态：", "Status: "), "status"),
        (lang.t("负责人：", "Owner: "), "owner"),
        (lang.t("截止：", "Due: "), "due"),
        (lang.t("证据：", "Evidence: "), "evidence"),
        (lang.t("备注：", "Note: "), "note"),
    ] {
        let mut text = field(key);
        if key == "status" {
            text = status_shown(&text, lang);
        }
        if !text.is_empty() {
            writeln!(out, "{label}{text}")?;
        }
    }
    if let Some(history) = value["history"].as_array() {
        for line in history {
            let mark = if line["concurrent"] == Value::Bool(true) {
                lang.t("（同时修改）", " (changed at the same time)")
            } else {
                ""
            };
            writeln!(
                out,
                "{} {} {} → {}{mark}",
                line["at"].as_str().unwrap_or_default(),
                line["by"].as_str().unwrap_or_default(),
                line["field"].as_str().unwrap_or_default(),
                line["value"]
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_plain_text_names_the_status_and_the_value_to_type() {
        let value = json!({"id": "sa-1", "title": "盘点合同", "status": "in_progress",
            "owner": "张伟", "history": []});
        let mut zh = Vec::new();
        write_text(&mut zh, &value, Lang::Zh).expect("writes");
        let zh = String::from_utf8(zh).expect("text");
        assert!(zh.contains("状态：进行中（in-progress）"), "{zh}");
        assert!(zh.contains("负责人：张伟"), "{zh}");
        let mut en = Vec::new();
        write_text(&mut en, &value, Lang::En).expect("writes");
        let en = String::from_utf8(en).expect("text");
        assert!(en.contains("Status: in progress (in-progress)"), "{en}");
        assert_eq!(status_shown("something-else", Lang::Zh), "something-else");
    }
}
