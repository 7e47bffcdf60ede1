//! `/` search over every item, Chinese included: fuzzy on titles, exact words in the text
//! (what to do, acceptance, pitfalls, tips). Enter jumps to the item in its checklist.
//!
//! Typing more characters narrows the previous results instead of searching everything again,
//! so each keystroke stays fast with 10 000 items.

mod index;

pub use index::SearchIndex;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::action::Action;
use crate::content::Content;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

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

    pub fn refresh(&mut self, index: &SearchIndex, content: &Content) {
        let query = self.input.text();
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

    /// Moves the selection; on Open returns `(phase, item id)` to jump to.
    pub fn update(
        &mut self,
        action: Action,
        index: &SearchIndex,
        content: &Content,
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
                let number = *self.results.get(self.selected)?;
                let pos = index.pos(number)?;
                let item = index.item(content, number)?.item;
                return Some((pos.phase, item.id.value.clone()));
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
        state.refresh(index, ctx.content);
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
                let Some((phase, item)) = self.update(action, index, ctx.content, ctx.size) else {
                    return Outcome::none();
                };
                return Outcome::request(Request::Pop).then(crate::screens::checklist::open(
                    ctx,
                    phase,
                    Some(&item),
                ));
            }
            Input::Key(key) => self.handle_text_key(key),
            Input::Paste(text) => {
                self.paste(&text);
                true
            }
            _ => false,
        };
        if changed {
            self.refresh(index, ctx.content);
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
    if state.results.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(" 没有匹配的清单项", " No matching items"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
