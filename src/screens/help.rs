//! The `?` overlay: every key of the current screen, generated from the key map. When the
//! list is taller than the screen it flows into two columns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Component, Ctx, Env, Input, Outcome, Request};
use crate::i18n::Lang;
use crate::keymap::{self, Scope};
use crate::theme::Theme;
use crate::widgets::truncate::fit;

/// The overlay remembers whose keys it shows, and the dialog it was opened over (back when
/// it closes, with everything typed in it).
#[derive(Debug, Clone)]
pub struct HelpState {
    pub shows: Scope,
    pub under: Option<Box<super::Overlay>>,
}

impl HelpState {
    pub fn new(shows: Scope) -> Self {
        Self { shows, under: None }
    }

    /// Help over an open dialog, which comes back when help closes.
    pub fn over(under: Option<super::Overlay>) -> Self {
        let shows = under.as_ref().map_or(Scope::Global, Component::scope);
        Self {
            shows,
            under: under.map(Box::new),
        }
    }
}

impl Component for HelpState {
    fn scope(&self) -> Scope {
        Scope::Help
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("按键", "Keys")
    }

    /// Its own keys close it (the key map's `Help` rows); the dialog under it comes back.
    fn handle(&mut self, input: Input, _ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Action(_) => match self.under.take() {
                Some(under) => Outcome::request(Request::Open(*under)),
                None => Outcome::request(Request::Close),
            },
            _ => Outcome::none(),
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, self.shows, env.lang, theme);
    }
}

fn render(frame: &mut Frame, shows: Scope, lang: Lang, theme: &Theme) {
    let area = frame.area();
    let rows = keymap::help_rows(shows, lang);
    let width = area.width.saturating_sub(2).min(78);
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let columns = if rows.len() > room { 2 } else { 1 };
    let per_column = rows.len().div_ceil(columns);
    let height = (crate::widgets::cells(per_column).saturating_add(2)).min(area.height);
    let outer = Rect::new(
        (area.width - width) / 2,
        (area.height - height) / 2,
        width,
        height,
    );
    super::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(lang.t(" 按键 ", " Keys "), theme.title))
        .title_bottom(Span::styled(keymap::hint(Scope::Help, lang), theme.dim));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let column_w = usize::from(inner.width) / columns;
    for (c, chunk) in rows.chunks(per_column.max(1)).enumerate() {
        let key_w = chunk.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        let text_w = column_w.saturating_sub(key_w + 4);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(keys, text)| {
                Line::from(vec![
                    Span::styled(format!(" {}  ", fit(keys, key_w)), theme.label),
                    Span::raw(fit(text, text_w)),
                ])
            })
            .collect();
        let x = inner.x.saturating_add(crate::widgets::cells(c * column_w));
        let column = Rect::new(x, inner.y, crate::widgets::cells(column_w), inner.height);
        frame.render_widget(Paragraph::new(lines), column);
    }
}
