//! The form before a run: who plays each role of the SOP (操作员, 讲解人, 记录人). Names are
//! written into progress as they are typed, so the next run offers them again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

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
use crate::widgets::form::{self, Event as FormEvent, Form};

const NAME_MAX_CHARS: usize = 40;

#[derive(Debug, Clone)]
pub struct StartForm {
    /// Index of the SOP in the content.
    pub sop: usize,
    pub roles: Vec<String>,
    /// One field a role, in the one form widget.
    pub form: Form,
    /// Opened from a finished run's result, which the new run replaces on the stack.
    pub replaces_result: bool,
}

impl StartForm {
    pub fn new(content: &Content, progress: &Progress, sop: usize, lang: Lang) -> Option<Self> {
        let roles = content.sops.get(sop)?.roles.clone();
        let hint = lang.t(
            "名字可留空；下次预演会自动填上这次的名字",
            "Names may be empty; the next run offers these again",
        );
        let fields = roles
            .iter()
            .map(|role| {
                let last = progress
                    .sop_people
                    .get(role)
                    .map(String::as_str)
                    .unwrap_or("");
                form::Field::text(role, last, NAME_MAX_CHARS).with_hint(hint)
            })
            .collect();
        Some(Self {
            sop,
            roles,
            form: Form::new(fields, lang).with_done(lang.t("开始", "start")),
            replaces_result: false,
        })
    }

    /// The name typed for role number `index`.
    pub fn name(&self, index: usize) -> String {
        self.form.value(index)
    }

    /// The names entered, by role (empty ones left out by the run).
    fn people(&self) -> std::collections::BTreeMap<String, String> {
        self.roles
            .iter()
            .enumerate()
            .map(|(index, role)| (role.clone(), self.form.value(index)))
            .collect()
    }

    /// Remembers the focused field's name in progress. Returns whether progress changed.
    fn remember(&self, index: usize, progress: &mut Progress) -> bool {
        let Some(role) = self.roles.get(index) else {
            return false;
        };
        let name = self.form.value(index).trim().to_owned();
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
        self.form.focused_input()
    }

    fn form(&self) -> Option<&Form> {
        Some(&self.form)
    }

    fn scope(&self) -> Scope {
        Scope::SopStart
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("开始预演", "Start a run")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Some(event) = crate::screens::contract::form_event(&mut self.form, input) else {
            return Outcome::none();
        };
        match event {
            FormEvent::Edited(index) => Outcome::saved_if(self.remember(index, ctx.progress)),
            FormEvent::Submit => self.start(ctx),
            // The names were kept as they were typed.
            FormEvent::Close => Outcome::request(Request::Close),
            FormEvent::None | FormEvent::Left(_) => Outcome::none(),
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

impl StartForm {
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
        .title_bottom(Span::styled(form.form.keys_hint(), theme.dim));
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
    form.form.render(
        frame,
        Rect::new(
            inner.x + 1,
            inner.y + 2,
            inner.width.saturating_sub(2),
            inner.height.saturating_sub(2),
        ),
        theme,
    );
}
