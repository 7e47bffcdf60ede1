//! `/` search over every item, Chinese included: fuzzy on titles, exact words in the text
//! (what to do, acceptance, pitfalls, tips); and over the team's own words (notes, owners,
//! evidence references, rectification texts), listed first and tagged 「备注」「负责人」
//! 「证据」「整改」. Enter jumps to the item in its checklist or the rectification.
//!
//! Typing more characters narrows the previous results instead of searching everything again,
//! so each keystroke stays fast with 10 000 items.

mod index;
pub mod words;

pub use index::SearchIndex;
use words::{Target, WordHit};

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::action::Action;
use crate::content::Content;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

#[derive(Debug, Clone)]
pub struct SearchState {
    pub input: TextInput,
    /// The query `results` answer.
    pub query: String,
    pub results: Vec<usize>,
    /// Matches in the team's own words, listed before `results`.
    pub words: Vec<WordHit>,
    pub selected: usize,
    pub offset: usize,
}

impl Default for SearchState {
    fn default() -> Self {
        Self {
            input: TextInput::single_line("").with_max_chars(200),
            query: String::new(),
            results: Vec::new(),
            words: Vec::new(),
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

    pub fn refresh(&mut self, index: &SearchIndex, content: &Content, progress: &Progress) {
        let query = self.input.text();
        self.words = words::search(content, progress, &query);
        let narrowing = !self.query.trim().is_empty() && query.starts_with(self.query.as_str());
        self.results = if narrowing {
            let previous = std::mem::take(&mut self.results);
            index.search_within(content, &query, previous.into_iter())
        } else {
            index.search(content, &query)
        };
        self.query = query;
        self.selected = 0;
        self.offset = 0;
    }

    /// Moves the selection; on Open returns where to jump.
    pub fn update(
        &mut self,
        action: Action,
        index: &SearchIndex,
        content: &Content,
        size: (u16, u16),
    ) -> Option<Target> {
        let last = (self.words.len() + self.results.len()).saturating_sub(1);
        let page = list_height(size);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Open => {
                if let Some(hit) = self.words.get(self.selected) {
                    return Some(hit.target.clone());
                }
                let number = *self.results.get(self.selected - self.words.len())?;
                index.pos(number)?;
                let item = index.item(content, number)?.item;
                return Some(Target::Item(item.id.value.clone()));
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

/// Opens the search screen with the results of an empty query.
pub fn open(ctx: &Ctx) -> Outcome {
    let mut state = SearchState::default();
    if let Some(index) = ctx.search_index {
        state.refresh(index, ctx.content, ctx.progress);
    }
    Outcome::request(Request::Push(Screen::Search(state)))
}

impl Component for SearchState {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        Some(&self.input)
    }

    fn scope(&self) -> Scope {
        Scope::Search
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("搜索", "Search")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Some(index) = ctx.search_index else {
            return Outcome::none();
        };
        let changed = match input {
            Input::Action(action) => {
                let Some(target) = self.update(action, index, ctx.content, ctx.size) else {
                    return Outcome::none();
                };
                let jump = match target {
                    Target::Item(id) => match ctx.content.item_pos(&id) {
                        Some(pos) => crate::screens::checklist::open(ctx, pos.phase, Some(&id)),
                        None => Outcome::notice(ctx.lang.t(
                            "该清单项已不在当前内容中",
                            "That item is no longer in the content",
                        )),
                    },
                    Target::Rectification(id) => {
                        crate::screens::rectify::open(ctx).and(Request::Select(id))
                    }
                };
                return Outcome::request(Request::Pop).then(jump);
            }
            Input::Key(key) => self.handle_text_key(key),
            Input::Paste(text) => {
                self.paste(&text);
                true
            }
            _ => false,
        };
        if changed {
            self.refresh(index, ctx.content, ctx.progress);
        }
        Outcome::none()
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn render(frame: &mut Frame, env: &Env, state: &SearchState, theme: &Theme) {
    let area = frame.area();
    let lang = env.lang;
    let input_area = Rect::new(0, 1, area.width, 1);
    let prompt = lang.t("搜索：", "Search: ");
    let prompt_w = crate::widgets::cells(unicode_width::UnicodeWidthStr::width(prompt));
    frame.render_widget(
        Paragraph::new(Span::styled(prompt, theme.label)),
        input_area,
    );
    let field = Rect::new(prompt_w, 1, area.width.saturating_sub(prompt_w), 1);
    frame.render_widget(&state.input, field);
    let (cx, cy) = state.input.cursor_position(field.width.max(1));
    frame.set_cursor_position((field.x + cx, field.y + cy));

    let Some(index) = &env.search_index else {
        return;
    };
    let list_area = Rect::new(0, 2, area.width, area.height.saturating_sub(3));
    let title = format!(
        " {} {} ",
        state.words.len() + state.results.len(),
        lang.t("项匹配", "matches")
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let rows = usize::from(inner.height) / 2;
    let mut lines = Vec::with_capacity(rows * 2);
    let words = state.words.len();
    for (position, hit) in state.words.iter().enumerate().skip(state.offset).take(rows) {
        let mut title = Line::from(vec![
            Span::styled(format!(" {}", hit.tag.label(lang)), theme.label),
            Span::raw(hit.title.as_str()),
        ]);
        if position == state.selected {
            title = title.style(theme.selected);
        }
        lines.push(title);
        lines.push(Line::from(Span::styled(
            format!("     {}", hit.text),
            theme.dim,
        )));
    }
    for (position, &entry_index) in state
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| (i + words, r))
        .skip(state.offset.saturating_sub(words))
        .take(rows.saturating_sub(lines.len() / 2))
    {
        let Some(found) = index.item(env.content, entry_index) else {
            continue;
        };
        let status = env.progress.status(&found.item.id);
        let mut title = Line::from(vec![
            Span::styled(
                format!(" {} ", theme.status_marker(status)),
                theme.status_style(status),
            ),
            Span::raw(&*found.item.title),
        ]);
        if position == state.selected {
            title = title.style(theme.selected);
        }
        lines.push(title);
        lines.push(Line::from(Span::styled(
            format!("     {} / {}", found.phase.title, found.section.title),
            theme.dim,
        )));
    }
    if state.results.is_empty() && state.words.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(" 没有匹配的清单项", " No matching items"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
