//! The settings dialog (`,` on the dashboard and in the staff register): the unit's settings one text box a row — target grade,
//! organisation, report marking, training hours a year, headcount threshold. A value is saved
//! as soon as it reads (a kill mid-edit loses nothing); one that does not read says why and is
//! not written. The same reading as `zizhi settings set` (`domain::settings`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::settings::Key;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Overlay, Request};
use crate::theme::Theme;
use crate::widgets::form::{Event as FormEvent, Field, Form};

/// The settings, one row each in the one form widget.
#[derive(Debug, Clone)]
pub struct SettingsForm {
    pub keys: Vec<Key>,
    pub form: Form,
}

/// Opens the dialog on the settings as they are.
pub fn open(progress: &Progress, lang: Lang) -> Outcome {
    Outcome::request(Request::Open(Overlay::Settings(SettingsForm::new(
        progress, lang,
    ))))
}

impl SettingsForm {
    pub fn new(progress: &Progress, lang: Lang) -> Self {
        let keys: Vec<Key> = Key::ALL.into_iter().collect();
        let fields = keys
            .iter()
            .map(|key| {
                Field::text(
                    key.label(lang),
                    &key.text(&progress.settings),
                    crate::domain::settings::MAX_CHARS,
                )
                .with_hint(key.hint(lang))
            })
            .collect();
        Self {
            keys,
            form: Form::new(fields, lang),
        }
    }

    /// Writes row `index` when it reads; returns whether progress changed.
    fn apply(&mut self, index: usize, ctx: &mut Ctx) -> bool {
        let Some(key) = self.keys.get(index) else {
            return false;
        };
        match key.set(
            &mut ctx.progress.settings,
            &self.form.value(index),
            ctx.lang,
        ) {
            Ok(changed) => changed,
            Err(err) => {
                self.form.set_error(Some(err.to_string()));
                false
            }
        }
    }
}

impl Component for SettingsForm {
    fn form(&self) -> Option<&Form> {
        Some(&self.form)
    }

    fn scope(&self) -> Scope {
        Scope::Settings
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("设置", "Settings")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Some(event) = crate::screens::contract::form_event(&mut self.form, input) else {
            return Outcome::none();
        };
        match event {
            FormEvent::Edited(index) => Outcome::saved_if(self.apply(index, ctx)),
            FormEvent::None | FormEvent::Left(_) => Outcome::none(),
            // Every value was written as it was typed.
            FormEvent::Submit | FormEvent::Close => Outcome::request(Request::Close),
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
    let form_h = form.form.height(1);
    // Title border, the form with its notes, what applies (two lines), border.
    let height = form_h.saturating_add(4).min(area.height);
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
            lang.t(
                " 设置（边输入边保存；清空 = 默认）",
                " Settings (saved as typed; empty = default) ",
            ),
            theme.title,
        ))
        .title_bottom(Span::styled(form.form.keys_hint(), theme.dim));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let form_rect = Rect::new(inner.x, inner.y, inner.width, form_h.min(inner.height));
    form.form.render(frame, form_rect, theme);
    let Some(key) = form.keys.get(form.form.focus()) else {
        return;
    };
    let below = form_rect.bottom();
    let line = Line::from(vec![
        Span::styled(lang.t("生效：", "Applies: "), theme.label),
        Span::styled(
            crate::sanitize::escape_controls(&key.effective(env.content, env.progress, lang))
                .into_owned(),
            theme.text,
        ),
    ]);
    if below < inner.bottom() {
        frame.render_widget(
            Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: false }),
            Rect::new(inner.x, below, inner.width, inner.bottom() - below),
        );
    }
}

#[cfg(test)]
mod tests;
