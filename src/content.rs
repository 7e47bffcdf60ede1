//! Built-in and user-supplied content: the phase checklists, interview bank, demo SOPs,
//! rectification templates, working-day calendar and scoring criteria.

pub mod compiled;
mod embedded;
mod load;
pub mod model;
mod problem;
mod text;
mod user_calendar;
mod validate;

pub use embedded::{BUILT_IN, export_built_in};
pub use load::{load_built_in, load_dir, load_sources};
pub use model::*;
pub use problem::{Problem, Problems, bilingual};
pub use text::{Text, TextScan, TextStore};
pub use user_calendar::{load_user_calendar, merge_calendar};

use std::path::PathBuf;

/// Where the content came from, for messages and `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    BuiltIn,
    Dir(PathBuf),
}

impl std::fmt::Display for ContentSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContentSource::BuiltIn => f.write_str("内置内容"),
            ContentSource::Dir(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// Where an item sits: phase, section and item indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemPos {
    pub phase: usize,
    pub section: usize,
    pub item: usize,
}

/// Item positions sorted by a hash of their id: `[hash, phase, section, item]`, 16 bytes an
/// item and no copies of the ids. Equal hashes are told apart by comparing the ids.
#[derive(Debug, Clone, Default)]
pub struct ItemIndex {
    by_hash: Vec<[u32; 4]>,
}

fn id_hash(id: &str) -> u32 {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a hash: the low 32 bits are wanted"
    )]
    let low = xxhash_rust::xxh3::xxh3_64(id.as_bytes()) as u32;
    low
}

/// Everything the app knows about the qualification, loaded and validated.
#[derive(Debug, Clone)]
pub struct Content {
    /// Item id → position, built once so lookups by id are cheap.
    pub item_index: ItemIndex,
    pub source: ContentSource,
    /// Phases sorted by their `order`.
    pub phases: Vec<Phase>,
    pub interview: InterviewBank,
    pub sops: Vec<Sop>,
    pub templates: Vec<Template>,
    pub calendar: CalendarFile,
    pub scoring: Scoring,
    /// The per-grade 具体条件 figures (empty when the content has no `thresholds.yaml`).
    pub thresholds: ThresholdFile,
    /// Where [`Text::Stored`] item texts live (empty when every text is inline).
    pub texts: TextStore,
}

/// A checklist item together with the phase and section it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub phase: &'a Phase,
    pub section: &'a Section,
    pub item: &'a Item,
}

impl Content {
    /// An item text (what, acceptance, pitfall, a tip) as a string; a stored text is read
    /// from the compiled file (served from the page cache).
    pub fn text<'a>(&self, text: &'a Text) -> std::borrow::Cow<'a, str> {
        self.texts.str(text)
    }

    /// Every checklist item in display order.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.phases.iter().flat_map(|phase| {
            phase.sections.iter().flat_map(move |section| {
                section.items.iter().map(move |item| ItemRef {
                    phase,
                    section,
                    item,
                })
            })
        })
    }

    pub fn item_count(&self) -> usize {
        self.phases
            .iter()
            .flat_map(|p| &p.sections)
            .map(|s| s.items.len())
            .sum()
    }

    /// Where the item with this id is.
    pub fn item_pos(&self, id: &str) -> Option<ItemPos> {
        let hash = id_hash(id);
        let entries = &self.item_index.by_hash;
        let first = entries.partition_point(|[h, ..]| *h < hash);
        entries[first..]
            .iter()
            .take_while(|[h, ..]| *h == hash)
            .map(|&[_, phase, section, item]| ItemPos {
                phase: phase as usize,
                section: section as usize,
                item: item as usize,
            })
            .find(|pos| self.item_at(*pos).is_some_and(|r| r.item.id.value == id))
    }

    /// The item at a position.
    pub fn item_at(&self, pos: ItemPos) -> Option<ItemRef<'_>> {
        let phase = self.phases.get(pos.phase)?;
        let section = phase.sections.get(pos.section)?;
        let item = section.items.get(pos.item)?;
        Some(ItemRef {
            phase,
            section,
            item,
        })
    }

    pub fn find_item(&self, id: &str) -> Option<ItemRef<'_>> {
        let pos = self.item_pos(id)?;
        self.item_at(pos)
    }

    /// Builds [`Content::item_index`] from the phases (after sorting).
    pub fn index_items(&mut self) {
        let mut by_hash = Vec::with_capacity(self.item_count());
        for (p, phase) in self.phases.iter().enumerate() {
            for (s, section) in phase.sections.iter().enumerate() {
                for (i, item) in section.items.iter().enumerate() {
                    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    by_hash.push([id_hash(&item.id), narrow(p), narrow(s), narrow(i)]);
                }
            }
        }
        by_hash.sort_unstable();
        self.item_index = ItemIndex { by_hash };
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| &*p.id == id)
    }
}

impl Phase {
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }
}

/// Splits a block of content text into display paragraphs. Authors wrap long Chinese lines by
/// hand inside `|` blocks; a line that does not end a sentence is joined to the next, unless
/// the next starts a list entry.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.trim_end().lines() {
        let line = line.trim_end();
        let starts_entry = line.starts_with(['·', '-', '•', '*', '（', '(', '①', '②', '③'])
            || line
                .split_once(['.', '、', '）', ')'])
                .is_some_and(|(head, _)| {
                    !head.is_empty() && head.chars().all(|c| c.is_ascii_digit())
                });
        match out.last_mut() {
            Some(last) if open && !starts_entry && !line.is_empty() => {
                let ascii_join = last.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_join {
                    last.push(' ');
                }
                last.push_str(line.trim_start());
            }
            _ => out.push(line.to_owned()),
        }
        open = !line.is_empty()
            && !line.ends_with(['。', '；', '！', '？', '：', ';', '!', '?', ':', '…']);
    }
    out
}

#[cfg(test)]
mod paragraph_tests {
    use super::paragraphs;

    #[test]
    fn a_hand_wrapped_sentence_is_joined() {
        assert_eq!(
            paragraphs("服务内容（巡检、\n修复）。\n下一句。"),
            vec!["服务内容（巡检、修复）。", "下一句。"]
        );
    }

    #[test]
    fn list_entries_stay_on_their_own_lines() {
        assert_eq!(
            paragraphs("步骤\n1. 登记\n2. 审批"),
            vec!["步骤", "1. 登记", "2. 审批"]
        );
    }

    #[test]
    fn english_words_split_across_lines_keep_a_space() {
        assert_eq!(paragraphs("run the\nscript"), vec!["run the script"]);
    }
}
