//! What `/` searches and how: fuzzy on item titles, exact words (any case for Latin letters)
//! in the long texts, the item's keywords (the source guide's own terms) and the section and
//! phase titles.
//!
//! The index holds no text of its own, only where each item is and which characters it
//! contains, so it stays small with 10 000 items. Long texts are read in content order
//! through a [`TextScan`], which streams them through one small buffer.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::content::{Content, ItemPos, ItemRef, Text, TextScan};

/// A 128-bit summary of which characters a text holds, to skip items that cannot match
/// without reading their texts.
fn char_mask(text: &str) -> u128 {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |mask, c| {
            mask | 1u128 << (u32::from(c.to_ascii_lowercase()) % 128)
        })
}

/// The long texts of an item, in the order they are stored.
fn long_texts<'a>(r: &ItemRef<'a>) -> impl Iterator<Item = &'a Text> {
    let item = r.item;
    [&item.what, &item.acceptance]
        .into_iter()
        .chain(&item.pitfall)
        .chain(item.tips.iter().map(|t| &t.text))
}

/// Every item's character mask, in content order, built once after the first frame.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// One per item: one bit per character class present anywhere in it; see [`char_mask`].
    masks: Vec<u128>,
    /// `(number of the section's first item, its phase, the section)`, in order: turns an
    /// item's number back into its position without storing one per item.
    sections: Vec<(usize, usize, usize)>,
}

impl SearchIndex {
    pub fn build(content: &Content) -> Self {
        let mut scan = TextScan::new(&content.texts);
        let mut masks = Vec::with_capacity(content.item_count());
        let mut sections = Vec::new();
        for (p, phase) in content.phases.iter().enumerate() {
            for (s, section) in phase.sections.iter().enumerate() {
                sections.push((masks.len(), p, s));
                for item in &section.items {
                    let r = ItemRef {
                        phase,
                        section,
                        item,
                    };
                    let mut mask = char_mask(&item.title)
                        | char_mask(&section.title)
                        | char_mask(&phase.title);
                    for keyword in &item.keywords {
                        mask |= char_mask(keyword);
                    }
                    for text in long_texts(&r) {
                        mask |= char_mask(scan.str(text));
                    }
                    masks.push(mask);
                }
            }
        }
        Self { masks, sections }
    }

    /// How many items the index covers.
    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// Where the item numbered `index` (in content order) is.
    pub fn pos(&self, index: usize) -> Option<ItemPos> {
        if index >= self.masks.len() {
            return None;
        }
        let at = self
            .sections
            .partition_point(|(first, _, _)| *first <= index);
        let (first, phase, section) = *self.sections.get(at.checked_sub(1)?)?;
        Some(ItemPos {
            phase,
            section,
            item: index - first,
        })
    }

    /// The item an entry stands for.
    pub fn item<'a>(&self, content: &'a Content, index: usize) -> Option<ItemRef<'a>> {
        content.item_at(self.pos(index)?)
    }

    /// Entries matching `query`, best first, as indices into `entries`.
    pub fn search(&self, content: &Content, query: &str) -> Vec<usize> {
        self.search_within(content, query, 0..self.masks.len())
    }

    /// Like [`SearchIndex::search`], looking only at `candidates`. Any entry matching a query
    /// also matches every prefix of it, so the results for a prefix are valid candidates.
    pub fn search_within(
        &self,
        content: &Content,
        query: &str,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<usize> {
        let query = query.trim().to_ascii_lowercase();
        let mut candidates: Vec<usize> = candidates.collect();
        // Content order is storage order: texts are then read front to back.
        candidates.sort_unstable();
        if query.is_empty() {
            return candidates;
        }
        let words: Vec<Word> = query.split_whitespace().map(Word::new).collect();
        let needle: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).collect();
        let wanted = char_mask(&query);
        let matcher = SkimMatcherV2::default();
        let mut scan = TextScan::new(&content.texts);
        // Compact pairs, sized once: with 10 000 items this is the largest allocation of a
        // keystroke.
        let mut scored: Vec<(i32, u32)> = Vec::with_capacity(candidates.len());
        for index in candidates {
            let Some(mask) = self.masks.get(index) else {
                continue;
            };
            if mask & wanted != wanted {
                continue;
            }
            let Some(r) = self.item(content, index) else {
                continue;
            };
            let title_text = &*r.item.title;
            // The matcher is the slow part: only ask it about titles that hold the query's
            // characters in order (it would say no to the rest anyway). It ignores case for a
            // lower-case query.
            let title = is_subsequence(&needle, title_text)
                .then(|| matcher.fuzzy_match(title_text, &query))
                .flatten()
                .map(|s| s * 3);
            let score = title.or_else(|| {
                // In the long text, every word must appear as written.
                let found = words.iter().all(|word| {
                    [title_text, r.section.title.as_str(), r.phase.title.as_str()]
                        .into_iter()
                        .chain(r.item.keywords.iter().map(|k| &**k))
                        .any(|t| word.found_in(t.as_bytes()))
                        || long_texts(&r).any(|t| word.found_in(scan.bytes(t)))
                });
                found.then(|| words.iter().map(|w| w.chars).sum::<i64>() * 8)
            });
            if let Some(score) = score {
                let score = i32::try_from(score).unwrap_or(i32::MAX);
                scored.push((score, u32::try_from(index).unwrap_or(u32::MAX)));
            }
        }
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .map(|(_, index)| index as usize)
            .collect()
    }
}

/// One word of a query (already lowered), ready to look for in many texts.
struct Word<'q> {
    bytes: &'q [u8],
    chars: i64,
    /// Built once per search for a word without Latin letters (matched exactly).
    exact: Option<memchr::memmem::Finder<'q>>,
}

impl<'q> Word<'q> {
    fn new(word: &'q str) -> Self {
        let bytes = word.as_bytes();
        Self {
            bytes,
            chars: word.chars().count() as i64,
            exact: (!bytes.iter().any(u8::is_ascii_lowercase))
                .then(|| memchr::memmem::Finder::new(bytes)),
        }
    }

    /// Whether `haystack` contains the word, ignoring the case of ASCII letters. Works on
    /// bytes: a UTF-8 word can only match whole characters of UTF-8 text.
    fn found_in(&self, haystack: &[u8]) -> bool {
        if let Some(finder) = &self.exact {
            return finder.find(haystack).is_some();
        }
        contains_folded(haystack, self.bytes)
    }
}

/// Whether `haystack` contains `needle` (already lowered), ignoring the case of ASCII letters.
fn contains_folded(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &haystack[..=last_start])
        .any(|at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// Whether `needle` (lowered) appears in order in `haystack`, ignoring ASCII case.
fn is_subsequence(needle: &[char], haystack: &str) -> bool {
    let mut wanted = needle.iter().peekable();
    for c in haystack.chars().map(|c| c.to_ascii_lowercase()) {
        if wanted.peek() == Some(&&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod source_terms;
