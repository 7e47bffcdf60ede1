//! Picking a template of a typical nonconformity, filtered fuzzily as you type (Chinese too),
//! with the selected one's description and action shown below the list.

use crossterm::event::KeyEvent;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Ask;
use super::list::short_severity;
use crate::action::Action;
use crate::content::{Content, Template};
use crate::domain::rectification::source_label;
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};
use crate::widgets::truncate::fit;

#[derive(Debug, Clone)]
pub struct PickerState {
    pub input: TextInput,
    /// Indices into `content.templates`, best match first.
    pub results: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

/// Where the parts go: the query line, the list and the preview of the selected template.
pub struct Layout {
    pub query: Rect,
    pub list: Rect,
    pub preview: Rect,
}

/// The list takes what its `results` need (at most two thirds); the preview gets the rest.
pub fn layout(size: (u16, u16), results: usize) -> Layout {
    let (w, h) = size;
    let body_h = h.saturating_sub(3);
    let wanted = u16::try_from(results.max(1) + 1).unwrap_or(u16::MAX);
    let list_h = wanted.min(body_h * 2 / 3).min(body_h);
    let preview_h = body_h.saturating_sub(list_h);
    Layout {
        query: Rect::new(0, 1, w, 1),
        list: Rect::new(0, 2, w, list_h),
        preview: Rect::new(0, 2 + list_h, w, preview_h),
    }
}

fn haystack(t: &Template) -> String {
    format!(
        "{} {} {} {} {}",
        t.title,
        t.description,
        t.root_cause,
        t.action,
        t.evidence_hint.as_deref().unwrap_or("")
    )
    .to_lowercase()
}

/// Templates matching `query`, best first; all of them in content order when it is empty.
pub fn search(templates: &[Template], query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return (0..templates.len()).collect();
    }
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<(i64, usize)> = templates
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let title = t.title.to_lowercase();
            let score = matcher
                .fuzzy_match(&title, &query)
                .map(|s| s * 3)
                .or_else(|| {
                    let body = haystack(t);
                    if body.contains(&query) {
                        Some(query.chars().count() as i64 * 20)
                    } else {
                        matcher.fuzzy_match(&body, &query)
                    }
                })?;
            Some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

impl PickerState {
    pub fn new(content: &Content) -> Self {
        Self {
            input: TextInput::single_line("").with_max_chars(100),
            results: search(&content.templates, ""),
            selected: 0,
            offset: 0,
        }
    }

    fn list_rows(&self, size: (u16, u16)) -> usize {
        usize::from(
            layout(size, self.results.len())
                .list
                .height
                .saturating_sub(1),
        )
        .max(1)
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        let rows = self.list_rows(size);
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let query = layout(size, self.results.len()).query;
        self.input
            .ensure_cursor_visible(query.width.saturating_sub(10).max(1), 1);
    }

    fn refresh(&mut self, content: &Content, size: (u16, u16)) {
        self.results = search(&content.templates, &self.input.text());
        self.selected = 0;
        self.offset = 0;
        self.fit(size);
    }

    pub fn handle_text_key(&mut self, key: KeyEvent, content: &Content, size: (u16, u16)) {
        if self.input.handle_key(key) == InputOutcome::Edited {
            self.refresh(content, size);
        }
    }

    pub fn paste(&mut self, text: &str, content: &Content, size: (u16, u16)) {
        self.input.insert_str(text);
        self.refresh(content, size);
    }

    pub fn update(&mut self, action: Action, _content: &Content, size: (u16, u16)) -> Option<Ask> {
        let last = self.results.len().saturating_sub(1);
        let page = self.list_rows(size);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Open => {
                return self
                    .results
                    .get(self.selected)
                    .map(|&i| Ask::FromTemplate(i));
            }
            _ => {}
        }
        self.fit(size);
        None
    }
}

pub fn render(frame: &mut Frame, env: &Env, state: &PickerState, theme: &Theme) {
    let lang = env.lang;
    let size = (frame.area().width, frame.area().height);
    let parts = layout(size, state.results.len());
    let width = usize::from(size.0);
    let prompt = lang.t("筛选模板：", "Filter: ");
    let prompt_w = u16::try_from(prompt.width()).unwrap_or(10);
    frame.render_widget(
        Paragraph::new(Span::styled(prompt, theme.label)),
        parts.query,
    );
    let field = Rect::new(prompt_w, parts.query.y, size.0.saturating_sub(prompt_w), 1);
    frame.render_widget(&state.input, field);
    let (cx, cy) = state.input.cursor_position(field.width.max(1));
    frame.set_cursor_position((field.x + cx, field.y + cy));

    let templates = &env.content.templates;
    let title = format!(
        " {}/{} {} ",
        state.results.len(),
        templates.len(),
        lang.t(
            "个模板 · Enter 用所选模板新建",
            "templates · Enter adds one"
        )
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(parts.list);
    frame.render_widget(block, parts.list);
    let tail_w = 22usize;
    let title_w = width.saturating_sub(tail_w + 7);
    let mut lines: Vec<Line> = state
        .results
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(usize::from(inner.height))
        .filter_map(|(pos, &i)| {
            let t = templates.get(i)?;
            let days = t
                .due_working_days
                .map(|n| format!("{n}{}", lang.t("工作日", "wd")))
                .unwrap_or_default();
            let tail = format!("{} {days}", source_label(t.source, lang));
            let line = Line::from(vec![
                Span::styled(
                    format!(" {} ", fit(short_severity(t.severity, lang), 4)),
                    if t.severity == crate::content::Severity::Major {
                        theme.alert
                    } else {
                        theme.dim
                    },
                ),
                Span::raw(fit(&t.title, title_w)),
                Span::styled(format!(" {}", fit(&tail, tail_w)), theme.dim),
            ]);
            Some(if pos == state.selected {
                line.style(theme.selected)
            } else {
                line
            })
        })
        .collect();
    if state.results.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(
                " 没有匹配的模板。Esc 返回后按 a 新建空白整改项",
                " No template matches. Esc, then a for a blank item",
            ),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let Some(t) = state
        .results
        .get(state.selected)
        .and_then(|&i| templates.get(i))
    else {
        return;
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            lang.t(" 问题描述 · 整改措施 ", " Description · action "),
            theme.dim,
        ));
    let mut preview: Vec<Line> = crate::content::paragraphs(&t.description)
        .into_iter()
        .map(Line::from)
        .collect();
    preview.push(Line::from(Span::styled(
        lang.t("整改措施：", "Action:"),
        theme.label,
    )));
    preview.extend(
        crate::content::paragraphs(&t.action)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim))),
    );
    frame.render_widget(
        Paragraph::new(crate::widgets::wrap::wrap_lines(&preview, size.0)).block(block),
        parts.preview,
    );
}
