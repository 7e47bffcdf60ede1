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
mod tests;

#[cfg(test)]
mod screen_tests;
