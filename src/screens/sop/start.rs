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
use crate::app::{App, Effect, Overlay, Screen};
use crate::content::Content;
use crate::domain::sop_run::{self, ActiveRun};
use crate::domain::sop_stats::target_seconds;
use crate::progress::Progress;
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

fn form(app: &mut App) -> Option<&mut StartForm> {
    match &mut app.overlay {
        Some(Overlay::SopStart(form)) => Some(form),
        _ => None,
    }
}

pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = form(app) else {
        return Vec::new();
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('s' | 'S')) {
        return start(app);
    }
    let last = form.inputs.len().saturating_sub(1);
    let outcome = match form.inputs.get_mut(form.focus) {
        Some(input) => input.handle_key(key),
        None => match key.code {
            KeyCode::Esc => InputOutcome::Cancel,
            KeyCode::Enter => InputOutcome::Submit,
            _ => InputOutcome::Ignored,
        },
    };
    match outcome {
        InputOutcome::Edited => {
            let App {
                overlay, progress, ..
            } = app;
            match overlay {
                Some(Overlay::SopStart(form)) if form.remember(progress) => vec![Effect::Save],
                _ => Vec::new(),
            }
        }
        InputOutcome::Submit if form.focus >= last => start(app),
        InputOutcome::Submit => {
            form.focus += 1;
            Vec::new()
        }
        InputOutcome::Cancel => {
            app.overlay = None;
            Vec::new()
        }
        InputOutcome::Moved => Vec::new(),
        InputOutcome::Ignored => {
            match key.code {
                KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1).min(last),
                KeyCode::BackTab | KeyCode::Up => form.focus = form.focus.saturating_sub(1),
                _ => {}
            }
            Vec::new()
        }
    }
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let App {
        overlay, progress, ..
    } = app;
    let Some(Overlay::SopStart(form)) = overlay else {
        return Vec::new();
    };
    if let Some(input) = form.inputs.get_mut(form.focus) {
        input.insert_str(text);
    }
    if form.remember(progress) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

/// Starts the run: its record is written at once, so even a run cut off in its first step is
/// kept. A finished run's result on top is replaced by the new run.
fn start(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::SopStart(form)) = app.overlay.take() else {
        return Vec::new();
    };
    let Some(sop) = app.content.sops.get(form.sop) else {
        return Vec::new();
    };
    let run = ActiveRun::start(sop, form.people(), app.moment());
    let index = sop_run::store(&mut app.progress, &run, None);
    if matches!(app.screens.last(), Some(Screen::SopRunner(r)) if r.run.is_over()) {
        app.screens.pop();
    }
    app.screens
        .push(Screen::SopRunner(Box::new(RunnerState::new(
            form.sop, run, index,
        ))));
    vec![Effect::Save]
}

pub fn render(frame: &mut Frame, app: &App, form: &StartForm, theme: &Theme) {
    let lang = app.lang;
    let area = frame.area();
    let Some(sop) = app.content.sops.get(form.sop) else {
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
            lang.t(
                " Enter 下一项/开始 · ↑↓ 切换 · Ctrl+S 开始 · Esc 取消 ",
                " Enter next/start · ↑↓ move · Ctrl+S start · Esc cancel ",
            ),
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
