//! The settings dialog (`,` on the dashboard and in the staff register): the unit's settings one text box a row — target grade,
//! organisation, report marking, training hours a year, headcount threshold. A value is saved
//! as soon as it reads (a kill mid-edit loses nothing); one that does not read says why and is
//! not written. The same reading as `zizhi settings set` (`domain::settings`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::{Action, Pe};
use crate::domain::settings::Key;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Overlay, Request};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

#[derive(Debug, Clone)]
pub struct SettingsForm {
    pub rows: Vec<(Key, TextInput)>,
    pub focus: usize,
    /// Why the focused row's text is not written, in the interface language.
    pub error: Option<String>,
}

/// Opens the dialog on the settings as they are.
pub fn open(progress: &Progress) -> Outcome {
    Outcome::request(Request::Open(Overlay::Settings(SettingsForm::new(
        progress,
    ))))
}

impl SettingsForm {
    pub fn new(progress: &Progress) -> Self {
        let rows = Key::ALL
            .into_iter()
            .map(|key| {
                let input = TextInput::single_line(&key.text(&progress.settings))
                    .with_max_chars(crate::domain::settings::MAX_CHARS);
                (key, input)
            })
            .collect();
        Self {
            rows,
            focus: 0,
            error: None,
        }
    }

    /// Writes the focused row when it reads; returns whether progress changed.
    fn apply(&mut self, ctx: &mut Ctx) -> bool {
        let Some((key, input)) = self.rows.get(self.focus) else {
            return false;
        };
        match key.set(&mut ctx.progress.settings, &input.text(), ctx.lang) {
            Ok(changed) => {
                self.error = None;
                changed
            }
            Err(err) => {
                self.error = Some(err.to_string());
                false
            }
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let count = self.rows.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            self.focus.checked_sub(1).unwrap_or(count - 1)
        };
        self.error = None;
    }
}

impl Component for SettingsForm {
    fn scope(&self) -> Scope {
        Scope::Settings
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("设置", "Settings")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Action(Action::People(Pe::NextField)) => {
                self.move_focus(true);
                Outcome::none()
            }
            Input::Action(Action::People(Pe::PrevField)) => {
                self.move_focus(false);
                Outcome::none()
            }
            Input::Action(Action::People(Pe::FormDone) | Action::Back) => {
                Outcome::request(Request::Close)
            }
            Input::Key(key) => {
                let Some((_, input)) = self.rows.get_mut(self.focus) else {
                    return Outcome::none();
                };
                match input.handle_key(key) {
                    InputOutcome::Edited => Outcome::saved_if(self.apply(ctx)),
                    InputOutcome::Submit => {
                        self.move_focus(true);
                        Outcome::none()
                    }
                    InputOutcome::Cancel => Outcome::request(Request::Close),
                    InputOutcome::Moved | InputOutcome::Ignored => Outcome::none(),
                }
            }
            Input::Paste(text) => {
                let Some((_, input)) = self.rows.get_mut(self.focus) else {
                    return Outcome::none();
                };
                input.insert_str(text.trim());
                Outcome::saved_if(self.apply(ctx))
            }
            _ => Outcome::none(),
        }
    }

    fn handles_back(&self) -> bool {
        true
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn render(frame: &mut Frame, env: &Env, form: &SettingsForm, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let rows = u16::try_from(form.rows.len()).unwrap_or(u16::MAX);
    // Title border, the rows, a blank, the hint, what applies (two lines), the error, border.
    let height = rows.saturating_add(8).min(area.height);
    let width = area.width.saturating_sub(4).min(76);
    let outer = Rect::new(
        (area.width - width) / 2,
        (area.height - height) / 2,
        width,
        height,
    );
    crate::screens::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(
            lang.t(" 设置（边输入边保存）", " Settings (saved as typed) "),
            theme.title,
        ))
        .title_bottom(Span::styled(
            lang.t(
                " Tab/↑↓ 切换 · Esc 完成 · 清空 = 默认 ",
                " Tab/↑↓ move · Esc done · empty = default ",
            ),
            theme.dim,
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let label_w = form
        .rows
        .iter()
        .map(|(k, _)| k.label(lang).width())
        .max()
        .unwrap_or(0)
        .saturating_add(3);
    let label_w16 = u16::try_from(label_w).unwrap_or(u16::MAX).min(inner.width);
    for (i, (key, input)) in form.rows.iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= inner.y + inner.height {
            break;
        }
        let focused = i == form.focus;
        let marker = if focused { theme.sym("▸", ">") } else { " " };
        let style = if focused { theme.label } else { theme.text };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!(
                    "{marker}{}",
                    crate::widgets::truncate::fit(key.label(lang), label_w - 1)
                ),
                style,
            ))),
            Rect::new(inner.x, y, label_w16, 1),
        );
        let field = Rect::new(
            inner.x + label_w16,
            y,
            inner.width.saturating_sub(label_w16 + 1),
            1,
        );
        if input.is_empty() && !focused {
            frame.render_widget(
                Paragraph::new(Span::styled(lang.t("（默认）", "(default)"), theme.dim)),
                field,
            );
            continue;
        }
        let mut shown = input.clone();
        shown.ensure_cursor_visible(field.width.max(1), 1);
        frame.render_widget(&shown, field);
        if focused {
            let (x, _) = shown.cursor_position(field.width.max(1));
            frame.set_cursor_position((field.x + x, y));
        }
    }
    let Some((key, _)) = form.rows.get(form.focus) else {
        return;
    };
    let below = inner.y + rows + 1;
    let mut lines = vec![Line::from(Span::styled(
        format!(" {}", key.hint(lang)),
        theme.dim,
    ))];
    lines.push(Line::from(vec![
        Span::styled(format!(" {}", lang.t("生效：", "Applies: ")), theme.label),
        Span::styled(
            crate::sanitize::escape_controls(&key.effective(env.content, env.progress, lang))
                .into_owned(),
            theme.text,
        ),
    ]));
    if let Some(error) = &form.error {
        lines.push(Line::from(Span::styled(format!(" {error}"), theme.alert)));
    }
    if below < inner.y + inner.height {
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            Rect::new(inner.x, below, inner.width, inner.y + inner.height - below),
        );
    }
}

#[cfg(test)]
mod tests;
