//! The team's own words in `/` search: checklist notes, owners and evidence references, and
//! rectification texts (title, description, cause, action, owner, evidence, history). They
//! live in the progress and change as people type, so they are scanned per query (a plain
//! case-insensitive substring match) rather than indexed with the content.

use crate::content::Content;
use crate::i18n::Lang;
use crate::progress::Progress;

/// What kind of the team's words matched, shown as a tag in the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Note,
    Owner,
    Evidence,
    Rectification,
}

impl Tag {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tag::Note => lang.t("「备注」", "[note]"),
            Tag::Owner => lang.t("「负责人」", "[owner]"),
            Tag::Evidence => lang.t("「证据」", "[evidence]"),
            Tag::Rectification => lang.t("「整改」", "[rectification]"),
        }
    }
}

/// Where Enter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A checklist item id.
    Item(String),
    /// A rectification id.
    Rectification(String),
}

/// One match in the team's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordHit {
    pub tag: Tag,
    pub target: Target,
    /// The item's or rectification's title.
    pub title: String,
    /// The matching text, on one line.
    pub text: String,
}

/// Every match of `query` in the team's words: checklist items first (in content order),
/// then rectifications. An empty query matches nothing.
pub fn search(content: &Content, progress: &Progress, query: &str) -> Vec<WordHit> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let hit = |text: &str| text.to_lowercase().contains(&needle);
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    // Items in content order, then progress kept for ids no longer in the content.
    let mut ids: Vec<&str> = content
        .items()
        .map(|r| &*r.item.id.value)
        .filter(|id| progress.items.contains_key(*id))
        .collect();
    ids.extend(
        progress
            .items
            .keys()
            .map(String::as_str)
            .filter(|id| content.find_item(id).is_none()),
    );
    for id in ids {
        let Some(item) = progress.items.get(id) else {
            continue;
        };
        let title = content
            .find_item(id)
            .map_or_else(|| id.to_owned(), |r| r.item.title.to_string());
        for (tag, text) in [
            (Tag::Note, &item.note),
            (Tag::Owner, &item.owner),
            (Tag::Evidence, &item.evidence),
        ] {
            if hit(text) {
                out.push(WordHit {
                    tag,
                    target: Target::Item(id.to_owned()),
                    title: title.clone(),
                    text: one_line(text),
                });
            }
        }
    }
    for r in &progress.rectifications {
        let title = format!("{} {}", r.id, r.title);
        let target = Target::Rectification(r.id.clone());
        let mut push = |tag: Tag, text: &str| {
            out.push(WordHit {
                tag,
                target: target.clone(),
                title: title.clone(),
                text: one_line(text),
            });
        };
        if hit(&r.owner) {
            push(Tag::Owner, &r.owner);
        }
        if hit(&r.evidence) {
            push(Tag::Evidence, &r.evidence);
        }
        let history = r
            .history
            .iter()
            .flat_map(|h| [h.from.as_str(), h.to.as_str(), h.note.as_str()]);
        if let Some(text) = [
            r.title.as_str(),
            r.description.as_str(),
            r.root_cause.as_str(),
            r.action.as_str(),
            r.verifier.as_str(),
        ]
        .into_iter()
        .chain(history)
        .find(|t| hit(t))
        {
            push(Tag::Rectification, text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_built_in;
    use crate::progress::{Rectification, RectificationStatus};

    #[test]
    fn notes_owners_evidence_and_rectification_texts_are_found_and_tagged() {
        let content = load_built_in().expect("content");
        let id = content
            .items()
            .next()
            .map(|r| r.item.id.value.to_string())
            .expect("an item");
        let mut progress = Progress::default();
        let item = progress.item_mut(&id);
        item.note = "已和财务核对 合同台账".into();
        item.owner = "张伟".into();
        item.evidence = "ZJ-2026-017 合同台账".into();
        progress.rectifications.push(Rectification {
            id: "ZG-001".into(),
            title: "巡检记录断档".into(),
            source: crate::content::FindingSource::SelfCheck,
            link: String::new(),
            template: String::new(),
            severity: crate::content::Severity::General,
            description: "三月的机房巡检表缺失".into(),
            root_cause: "值班交接没有核对".into(),
            action: "补登并加入交接清单".into(),
            owner: "王静".into(),
            due: None,
            evidence: String::new(),
            verifier: String::new(),
            status: RectificationStatus::Open,
            history: Vec::new(),
        });
        let tags = |q: &str| -> Vec<Tag> {
            search(&content, &progress, q)
                .iter()
                .map(|h| h.tag)
                .collect()
        };
        assert_eq!(tags("合同台账"), [Tag::Note, Tag::Evidence]);
        assert_eq!(tags("张伟"), [Tag::Owner]);
        assert_eq!(tags("zj-2026"), [Tag::Evidence], "case does not matter");
        assert_eq!(tags("交接"), [Tag::Rectification]);
        assert_eq!(tags("王静"), [Tag::Owner]);
        let hit = &search(&content, &progress, "交接")[0];
        assert_eq!(hit.target, Target::Rectification("ZG-001".into()));
        assert_eq!(hit.text, "值班交接没有核对");
        assert!(search(&content, &progress, "  ").is_empty());
    }
}

#[cfg(test)]
mod screen_tests {
    use chrono::{NaiveDate, NaiveDateTime};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::{App, Event, update};
    use crate::content::load_built_in;
    use crate::i18n::Lang;
    use crate::progress::{Progress, Rectification, RectificationStatus};
    use crate::screens::test_support::draw;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("valid time")
    }

    fn key(app: &mut App, code: KeyCode) {
        update(
            app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    }

    fn typed(app: &mut App, text: &str) {
        update(app, Event::Paste(text.into()), now());
    }

    #[test]
    fn slash_finds_a_note_and_a_rectification_tagged_and_enter_jumps_to_each() {
        let content = load_built_in().expect("content");
        let (id, title) = content
            .items()
            .nth(3)
            .map(|r| (r.item.id.value.to_string(), r.item.title.to_string()))
            .expect("an item");
        let mut progress = Progress::default();
        progress.item_mut(&id).note = "见机房巡检表第三页".into();
        progress.rectifications.push(Rectification {
            id: "ZG-007".into(),
            title: "门禁登记缺失".into(),
            source: crate::content::FindingSource::SelfCheck,
            link: String::new(),
            template: String::new(),
            severity: crate::content::Severity::General,
            description: String::new(),
            root_cause: "机房巡检表没有门禁栏".into(),
            action: String::new(),
            owner: String::new(),
            due: None,
            evidence: String::new(),
            verifier: String::new(),
            status: RectificationStatus::Open,
            history: Vec::new(),
        });
        let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
        key(&mut app, KeyCode::Char('/'));
        typed(&mut app, "机房巡检表");
        let screen = draw(&app);
        assert!(screen.contains("「备注」"), "{screen}");
        assert!(screen.contains("「整改」ZG-007 门禁登记缺失"), "{screen}");
        assert!(screen.contains("见机房巡检表第三页"), "{screen}");
        key(&mut app, KeyCode::Enter);
        let screen = draw(&app);
        assert!(
            screen.contains("阶段清单") && screen.contains(&title),
            "{screen}"
        );
        key(&mut app, KeyCode::Char('/'));
        typed(&mut app, "机房巡检表");
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Enter);
        let screen = draw(&app);
        assert!(screen.contains("整改跟踪"), "{screen}");
        assert!(screen.contains("ZG-007"), "{screen}");
    }
}
