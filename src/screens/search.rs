//! `/` search over every item, Chinese included: fuzzy on titles, exact words in the text
//! (what to do, acceptance, pitfalls, tips). Enter jumps to the item in its checklist.
//!
//! Typing more characters narrows the previous results instead of searching everything again,
//! so each keystroke stays fast with 10 000 items.

use crossterm::event::KeyEvent;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{Action, App};
use crate::content::Content;
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

/// One searchable item, with its text prepared once.
#[derive(Debug, Clone)]
pub struct Entry {
    pub phase: usize,
    pub item_id: String,
    pub title: String,
    pub context: String,
    title_key: String,
    body_key: String,
    /// One bit per character class present in title or body; see [`char_mask`].
    mask: u128,
}

/// A 128-bit summary of which characters a text holds, to skip texts that cannot match
/// without scanning them.
fn char_mask(text: &str) -> u128 {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |mask, c| mask | 1u128 << (u32::from(c) % 128))
}

/// Every item's searchable text, built the first time search opens.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(content: &Content) -> Self {
        let mut entries = Vec::with_capacity(content.item_count());
        for (p, phase) in content.phases.iter().enumerate() {
            for section in &phase.sections {
                for item in &section.items {
                    let mut body = String::new();
                    for part in [&item.what, &item.acceptance, &section.title, &phase.title] {
                        body.push_str(part);
                        body.push(' ');
                    }
                    if let Some(p) = &item.pitfall {
                        body.push_str(p);
                    }
                    for tip in &item.tips {
                        body.push_str(tip);
                    }
                    let title_key = item.title.to_ascii_lowercase();
                    let body_key = body.to_ascii_lowercase();
                    entries.push(Entry {
                        phase: p,
                        item_id: item.id.value.clone(),
                        title: item.title.clone(),
                        context: format!("{} / {}", phase.title, section.title),
                        mask: char_mask(&title_key) | char_mask(&body_key),
                        title_key,
                        body_key,
                    });
                }
            }
        }
        Self { entries }
    }

    /// Entries matching `query`, best first, as indices into `entries`.
    pub fn search(&self, query: &str) -> Vec<usize> {
        self.search_within(query, 0..self.entries.len())
    }

    /// Like [`SearchIndex::search`], looking only at `candidates`. Any entry matching a query
    /// also matches every prefix of it, so the results for a prefix are valid candidates.
    pub fn search_within(
        &self,
        query: &str,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<usize> {
        let query = query.trim().to_ascii_lowercase();
        if query.is_empty() {
            let mut all: Vec<usize> = candidates.collect();
            all.sort_unstable();
            return all;
        }
        let words: Vec<&str> = query.split_whitespace().collect();
        let needle: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).collect();
        let wanted = char_mask(&query);
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = candidates
            .filter_map(|index| {
                let entry = self.entries.get(index)?;
                if entry.mask & wanted != wanted {
                    return None;
                }
                // The matcher is the slow part: only ask it about titles that hold the query's
                // characters in order (it would say no to the rest anyway).
                let title = is_subsequence(&needle, &entry.title_key)
                    .then(|| matcher.fuzzy_match(&entry.title_key, &query))
                    .flatten()
                    .map(|s| s * 3);
                // In the long text, every word must appear as written.
                let body = || {
                    words
                        .iter()
                        .all(|w| entry.body_key.contains(w) || entry.title_key.contains(w))
                        .then(|| words.iter().map(|w| w.chars().count() as i64).sum::<i64>() * 8)
                };
                Some((title.or_else(body)?, index))
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, index)| index).collect()
    }
}

/// Whether every character of `needle` occurs in `haystack`, in order.
fn is_subsequence(needle: &[char], haystack: &str) -> bool {
    let mut wanted = needle.iter().peekable();
    for c in haystack.chars() {
        if wanted.peek() == Some(&&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

#[derive(Debug, Clone)]
pub struct SearchState {
    pub input: TextInput,
    /// The query `results` answer.
    pub query: String,
    pub results: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

impl Default for SearchState {
    fn default() -> Self {
        Self {
            input: TextInput::single_line("").with_max_chars(200),
            query: String::new(),
            results: Vec::new(),
            selected: 0,
            offset: 0,
        }
    }
}

/// Rows available for results on a screen of `size` (header, input, title and footer use 4).
fn list_height(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(5)).max(1) / 2
}

impl SearchState {
    /// Feeds a key to the query line; returns whether the query changed.
    pub fn handle_text_key(&mut self, key: KeyEvent) -> bool {
        matches!(self.input.handle_key(key), InputOutcome::Edited)
    }

    pub fn paste(&mut self, text: &str) {
        self.input.insert_str(text);
    }

    pub fn refresh(&mut self, index: &SearchIndex, _size: (u16, u16)) {
        let query = self.input.text();
        let narrowing = !self.query.trim().is_empty() && query.starts_with(self.query.as_str());
        self.results = if narrowing {
            let previous = std::mem::take(&mut self.results);
            index.search_within(&query, previous.into_iter())
        } else {
            index.search(&query)
        };
        self.query = query;
        self.selected = 0;
        self.offset = 0;
    }

    /// Moves the selection; on Open returns `(phase, item id)` to jump to.
    pub fn update(
        &mut self,
        action: Action,
        index: &SearchIndex,
        size: (u16, u16),
    ) -> Option<(usize, String)> {
        let last = self.results.len().saturating_sub(1);
        let page = list_height(size);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Open => {
                let entry = index.entries.get(*self.results.get(self.selected)?)?;
                return Some((entry.phase, entry.item_id.clone()));
            }
            _ => {}
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        None
    }
}

pub fn render(frame: &mut Frame, app: &App, state: &SearchState, theme: &Theme) {
    let area = frame.area();
    let lang = app.lang;
    let input_area = Rect::new(0, 1, area.width, 1);
    let prompt = lang.t("搜索：", "Search: ");
    let prompt_w = unicode_width::UnicodeWidthStr::width(prompt) as u16;
    frame.render_widget(
        Paragraph::new(Span::styled(prompt, theme.label)),
        input_area,
    );
    let field = Rect::new(prompt_w, 1, area.width.saturating_sub(prompt_w), 1);
    frame.render_widget(&state.input, field);
    let (cx, cy) = state.input.cursor_position(field.width.max(1));
    frame.set_cursor_position((field.x + cx, field.y + cy));

    let Some(index) = &app.search_index else {
        return;
    };
    let list_area = Rect::new(0, 2, area.width, area.height.saturating_sub(3));
    let title = format!(" {} {} ", state.results.len(), lang.t("项匹配", "matches"));
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let rows = usize::from(inner.height) / 2;
    let mut lines = Vec::with_capacity(rows * 2);
    for (position, &entry_index) in state
        .results
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(rows)
    {
        let Some(entry) = index.entries.get(entry_index) else {
            continue;
        };
        let status = app.progress.status(&entry.item_id);
        let mut title = Line::from(vec![
            Span::styled(
                format!(" {} ", theme.status_marker(status)),
                theme.status_style(status),
            ),
            Span::raw(entry.title.as_str()),
        ]);
        if position == state.selected {
            title = title.style(theme.selected);
        }
        lines.push(title);
        lines.push(Line::from(Span::styled(
            format!("     {}", entry.context),
            theme.dim,
        )));
    }
    if state.results.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(" 没有匹配的清单项", " No matching items"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let entry = |id: &str, title: &str, body: &str| Entry {
            phase: 0,
            item_id: id.into(),
            title: title.into(),
            context: String::new(),
            title_key: title.to_lowercase(),
            body_key: body.to_lowercase(),
            mask: char_mask(&title.to_lowercase()) | char_mask(&body.to_lowercase()),
        };
        SearchIndex {
            entries: vec![
                entry("a", "准备营业执照副本", "基础材料"),
                entry("b", "检查保密室门禁联动", "录像保存 180 天"),
                entry("c", "登记 CISP 证书", "技术团队"),
            ],
        }
    }

    #[test]
    fn chinese_characters_match_titles() {
        assert_eq!(index().search("门禁"), vec![1]);
    }

    #[test]
    fn characters_in_order_but_apart_still_match_a_title() {
        assert_eq!(index().search("保室"), vec![1]);
    }

    #[test]
    fn narrowing_a_query_gives_the_same_results_as_searching_afresh() {
        let index = index();
        let mut state = SearchState::default();
        for c in "保密室门禁".chars() {
            state.input.insert_str(&c.to_string());
            state.refresh(&index, (80, 24));
            assert_eq!(state.results, index.search(&state.input.text()));
        }
    }

    #[test]
    fn body_text_matches_when_the_title_does_not() {
        assert_eq!(index().search("录像"), vec![1]);
    }

    #[test]
    fn latin_text_matches_regardless_of_case() {
        assert_eq!(index().search("cisp"), vec![2]);
    }

    #[test]
    fn an_empty_query_lists_everything() {
        assert_eq!(index().search(" "), vec![0, 1, 2]);
    }
}
