//! The form before a run: who plays each role of the SOP (操作员, 讲解人, 记录人). Names are
//! written into progress as they are typed, so the next run offers them again.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::runner::RunnerState;
use super::text::clock;
use crate::content::Content;
use crate::domain::sop_run::{self, ActiveRun};
use crate::domain::sop_stats::target_seconds;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

const NAME_MAX_CHARS: usize = 40;

#[derive(Debug, Clone)]
pub struct StartForm {
    /// Index of the SOP in the content.
    pub sop: usize,
    pub roles: Vec<String>,
    pub inputs: Vec<TextInput>,
    pub focus: usize,
    /// Opened from a finished run's result, which the new run replaces on the stack.
    pub replaces_result: bool,
}

impl StartForm {
    pub fn new(content: &Content, progress: &Progress, sop: usize) -> Option<Self> {
        let roles = content.sops.get(sop)?.roles.clone();
        let inputs = roles
            .iter()
            .map(|role| {
                let last = progress
                    .sop_people
                    .get(role)
                    .map(String::as_str)
                    .unwrap_or("");
                TextInput::single_line(last).with_max_chars(NAME_MAX_CHARS)
            })
            .collect();
        Some(Self {
            sop,
            roles,
            inputs,
            focus: 0,
            replaces_result: false,
        })
    }

    /// The names entered, by role (empty ones left out by the run).
    fn people(&self) -> std::collections::BTreeMap<String, String> {
        self.roles
            .iter()
            .zip(&self.inputs)
            .map(|(role, input)| (role.clone(), input.text()))
            .collect()
    }

    /// Remembers the focused field's name in progress. Returns whether progress changed.
    fn remember(&self, progress: &mut Progress) -> bool {
        let (Some(role), Some(input)) = (self.roles.get(self.focus), self.inputs.get(self.focus))
        else {
            return false;
        };
        let name = input.text().trim().to_owned();
        let before = progress.sop_people.get(role).cloned();
        if name.is_empty() {
            progress.sop_people.remove(role);
        } else {
            progress.sop_people.insert(role.clone(), name.clone());
        }
        before != progress.sop_people.get(role).cloned()
    }
}

impl Component for StartForm {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        self.inputs.get(self.focus)
    }

    fn scope(&self) -> Scope {
        Scope::SopStart
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("开始预演", "Start a run")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Key(key) => self.handle_key(key, ctx),
            Input::Paste(text) => {
                if let Some(input) = self.inputs.get_mut(self.focus) {
                    input.insert_str(&text);
                }
                Outcome::saved_if(self.remember(ctx.progress))
            }
            _ => Outcome::none(),
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

impl StartForm {
    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt_enter = key.code == KeyCode::Enter && key.modifiers.contains(KeyModifiers::ALT);
        if alt_enter || ctrl && matches!(key.code, KeyCode::Char('s' | 'S')) {
            return self.start(ctx);
        }
        let last = self.inputs.len().saturating_sub(1);
        let outcome = match self.inputs.get_mut(self.focus) {
            Some(input) => input.handle_key(key),
            None => match key.code {
                KeyCode::Esc => InputOutcome::Cancel,
                KeyCode::Enter => InputOutcome::Submit,
                _ => InputOutcome::Ignored,
            },
        };
        match outcome {
            InputOutcome::Edited => Outcome::saved_if(self.remember(ctx.progress)),
            InputOutcome::Submit if self.focus >= last => self.start(ctx),
            InputOutcome::Submit => {
                self.focus += 1;
                Outcome::none()
            }
            InputOutcome::Cancel => Outcome::request(Request::Close),
            InputOutcome::Moved => Outcome::none(),
            InputOutcome::Ignored => {
                match key.code {
                    KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1).min(last),
                    KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                    _ => {}
                }
                Outcome::none()
            }
        }
    }

    /// Starts the run: its record is written at once, so even a run cut off in its first
    /// step is kept. A finished run's result on top is replaced by the new run (the runner
    /// leaves the stack when a new run starts from its result).
    fn start(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(sop) = ctx.content.sops.get(self.sop) else {
            return Outcome::request(Request::Close);
        };
        let run = ActiveRun::start(sop, self.people(), ctx.moment());
        let index = sop_run::store(ctx.progress, &run, None);
        let mut outcome = Outcome::save().and(Request::Close);
        if self.replaces_result {
            outcome = outcome.and(Request::Pop);
        }
        outcome.and(Request::Push(Screen::SopRunner(Box::new(
            RunnerState::new(self.sop, run, index),
        ))))
    }
}

fn render(frame: &mut Frame, env: &Env, form: &StartForm, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let Some(sop) = env.content.sops.get(form.sop) else {
        return;
    };
    let rows = u16::try_from(form.roles.len()).unwrap_or(u16::MAX);
    let height = rows.saturating_add(6).min(area.height);
    let width = area.width.saturating_sub(4).min(64);
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
            format!(" {}{} ", lang.t("开始预演：", "Start: "), sop.title),
            theme.title,
        ))
        .title_bottom(Span::styled(
            crate::keymap::hint(Scope::SopStart, lang),
            theme.dim,
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let info = format!(
        " {} {} · {} {}",
        sop.steps.len(),
        lang.t("步", "steps"),
        lang.t("目标", "target"),
        clock(target_seconds(sop))
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(info, theme.dim))),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let label_w = form
        .roles
        .iter()
        .map(|r| r.width())
        .max()
        .unwrap_or(0)
        .saturating_add(3);
    let label_w16 = u16::try_from(label_w).unwrap_or(u16::MAX).min(inner.width);
    for (i, (role, input)) in form.roles.iter().zip(&form.inputs).enumerate() {
        let y = inner.y + 2 + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= inner.y + inner.height {
            break;
        }
        let focused = i == form.focus;
        let marker = if focused { theme.sym("▸", ">") } else { " " };
        let style = if focused { theme.label } else { theme.text };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!("{marker}{}", super::pad(role, label_w - 1)),
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
                Paragraph::new(Span::styled(lang.t("（未填）", "(none)"), theme.dim)),
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
    let hint_y = inner.y + inner.height.saturating_sub(1);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            lang.t(
                " 名字可留空；下次预演会自动填上这次的名字",
                " Names may be empty; the next run offers these again",
            ),
            theme.dim,
        ))),
        Rect::new(inner.x, hint_y, inner.width, 1),
    );
}
