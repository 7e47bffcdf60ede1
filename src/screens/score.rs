//! 自评与时间线: the self-assessment (criteria, levels, total, grade, gap, trend) and the
//! timeline's Gantt view with its date prompts. Every change is written into progress at once.

mod gantt;
mod view;

use ratatui::Frame;

use crate::action::Action;
use crate::action::Sc;
use crate::content::{Criterion, Scoring};
use crate::domain::date_input;
use crate::domain::timeline;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::{Assessment, Progress};
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::form::{self, Event as FormEvent, Form};

/// Which of the area's two views is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Score,
    Timeline,
}

/// Which date a prompt sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateField {
    Start,
    /// The actual finish date of the phase with this id.
    Finished(String),
    Certificate,
}

/// A date being typed (by the one date grammar), in the one form widget. Complete dates are
/// written into progress as they are typed, so a kill mid-edit keeps them; Esc keeps what was
/// typed (a date that does not read is asked about first, then the old date stays). The
/// prefill (today, or the date set before) is selected, so the first character replaces it.
#[derive(Debug, Clone)]
pub struct DatePrompt {
    pub field: DateField,
    pub title: String,
    pub form: Form,
    pub original: Option<chrono::NaiveDate>,
    /// Something was typed: Esc writes it (the prefill alone is not a date the user gave).
    pub edited: bool,
}

impl DatePrompt {
    /// The text typed.
    pub fn text(&self) -> String {
        self.form.value(0)
    }

    /// What is said under the date (why it does not read).
    pub fn error(&self) -> Option<String> {
        self.form.message()
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScoreState {
    pub view: View,
    /// Index into all criteria, in content order.
    pub selected: usize,
    /// Selected phase on the timeline.
    pub phase: usize,
    pub prompt: Option<DatePrompt>,
}

impl ScoreState {
    pub fn scope(&self) -> Scope {
        if self.prompt.is_some() {
            Scope::ScorePrompt
        } else if self.view == View::Timeline {
            Scope::Gantt
        } else {
            Scope::Scoring
        }
    }
}

/// Every criterion in content order.
pub fn criteria(scoring: &Scoring) -> Vec<&Criterion> {
    scoring
        .categories
        .iter()
        .flat_map(|c| &c.criteria)
        .collect()
}

/// Opens the area on `view`.
pub fn open(view: View) -> Outcome {
    Outcome::request(Request::Push(Screen::Score(Box::new(ScoreState {
        view,
        ..ScoreState::default()
    }))))
}

impl Component for ScoreState {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        self.prompt.as_ref().and_then(|p| p.form.focused_input())
    }

    fn form(&self) -> Option<&Form> {
        self.prompt.as_ref().map(|p| &p.form)
    }

    fn scope(&self) -> Scope {
        ScoreState::scope(self)
    }

    fn title(&self, lang: Lang) -> &'static str {
        title(self, lang)
    }

    /// A prompt takes the keys first.
    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        if let Some(prompt) = self.prompt.as_mut() {
            let event = crate::screens::contract::form_event(&mut prompt.form, input)
                .unwrap_or(FormEvent::None);
            return match event {
                FormEvent::Edited(_) => {
                    prompt.edited = true;
                    self.live_apply(ctx)
                }
                FormEvent::Submit => self.finish_prompt(ctx),
                FormEvent::Close => self.close_prompt(ctx),
                FormEvent::None | FormEvent::Left(_) => Outcome::none(),
            };
        }
        match input {
            Input::Action(action) => self.apply(action, ctx),
            _ => Outcome::none(),
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn set_date(progress: &mut Progress, field: &DateField, date: Option<chrono::NaiveDate>) -> bool {
    if get_date(progress, field) == date {
        return false;
    }
    let timeline = &mut progress.timeline;
    match field {
        DateField::Start => timeline.start = date,
        DateField::Certificate => timeline.certificate = date,
        DateField::Finished(id) => match date {
            Some(day) => {
                timeline.finished.insert(id.clone(), day);
            }
            None => {
                timeline.finished.remove(id);
            }
        },
    }
    true
}

fn get_date(progress: &Progress, field: &DateField) -> Option<chrono::NaiveDate> {
    let timeline = &progress.timeline;
    match field {
        DateField::Start => timeline.start,
        DateField::Certificate => timeline.certificate,
        DateField::Finished(id) => timeline.finished.get(id).copied(),
    }
}

impl ScoreState {
    /// Writes the typed date into progress as soon as it is a valid one.
    fn live_apply(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(prompt) = self.prompt.as_mut() else {
            return Outcome::none();
        };
        // Only a complete date: "2026-03-1" on the way to "2026-03-15" is not meant.
        let text = prompt.text();
        if !date_input::is_complete_date(&text) {
            return Outcome::none();
        }
        let Ok(Some(date_input::Typed::Date(day))) = date_input::parse(&text) else {
            return Outcome::none();
        };
        Outcome::saved_if(set_date(ctx.progress, &prompt.field, Some(day)))
    }

    fn finish_prompt(&mut self, ctx: &mut Ctx) -> Outcome {
        let lang = ctx.lang;
        let Some(prompt) = self.prompt.as_mut() else {
            return Outcome::none();
        };
        let text = prompt.text();
        let date = match date_input::resolve(&text, ctx.today(), ctx.calendar) {
            Ok(resolved) => resolved.map(|r| r.date),
            Err(err) => {
                prompt.form.set_error(Some(err.message(lang)));
                return Outcome::none();
            }
        };
        let field = prompt.field.clone();
        self.prompt = None;
        Outcome::saved_if(set_date(ctx.progress, &field, date))
    }

    /// Esc: what was typed is kept when it reads; a date that does not (asked about once)
    /// leaves the old one.
    fn close_prompt(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(prompt) = self.prompt.take() else {
            return Outcome::none();
        };
        let date = match date_input::resolve(&prompt.text(), ctx.today(), ctx.calendar) {
            Ok(resolved) if prompt.edited => resolved.map(|r| r.date),
            _ => prompt.original,
        };
        Outcome::saved_if(set_date(ctx.progress, &prompt.field, date))
    }

    fn ask(
        &mut self,
        progress: &Progress,
        lang: Lang,
        field: DateField,
        title: String,
        default: Option<chrono::NaiveDate>,
    ) {
        let original = get_date(progress, &field);
        let shown = original
            .or(default)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let label = match &field {
            DateField::Start => lang.t("开始日期", "Start"),
            DateField::Finished(_) => lang.t("完成日期", "Finished on"),
            DateField::Certificate => lang.t("发证日期", "Certificate"),
        };
        let input = form::Field::date(label, &shown).with_hint(lang.t(
            "如 2026/12/8、+5（工作日）、明天；留空清除",
            "e.g. 2026-12-08, 2026/12/8, +5 (working days), today, tomorrow; empty clears",
        ));
        self.prompt = Some(DatePrompt {
            field,
            title,
            form: Form::new(vec![input], lang).with_done(lang.t("确定", "ok")),
            original,
            edited: false,
        });
    }

    /// Carries out an action while no prompt is open.
    fn apply(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let count = criteria(&ctx.content.scoring).len();
        let phases = timeline::timeline_phases(&ctx.content.phases).len();
        let today = ctx.today();
        let lang = ctx.lang;
        let view = self.view;
        match action {
            Action::Up if view == View::Score => self.selected = self.selected.saturating_sub(1),
            Action::Down if view == View::Score => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            Action::First if view == View::Score => self.selected = 0,
            Action::Last if view == View::Score => self.selected = count.saturating_sub(1),
            Action::Up => self.phase = self.phase.saturating_sub(1),
            Action::Down => self.phase = (self.phase + 1).min(phases.saturating_sub(1)),
            Action::First => self.phase = 0,
            Action::Last => self.phase = phases.saturating_sub(1),
            Action::Score(Sc::SwitchView) => {
                self.view = match view {
                    View::Score => View::Timeline,
                    View::Timeline => View::Score,
                };
            }
            Action::Score(sc @ (Sc::Raise | Sc::Lower | Sc::Cycle)) => {
                return change_level(ctx, self.selected, sc);
            }
            Action::Score(Sc::Snapshot) => return snapshot(ctx),
            Action::Score(Sc::ToggleGreen) => {
                let t = &mut ctx.progress.timeline;
                t.green_channel = !t.green_channel;
                return Outcome::save();
            }
            Action::Score(Sc::ToggleParallel) => {
                let t = &mut ctx.progress.timeline;
                t.parallel_preparation = !t.parallel_preparation;
                return Outcome::save();
            }
            Action::Score(Sc::SetStart) => {
                let title = lang.t("启动日期", "Start date").to_owned();
                self.ask(ctx.progress, ctx.lang, DateField::Start, title, Some(today));
            }
            Action::Score(Sc::SetCertificate) => {
                let title = lang.t("取证日期", "Certificate date").to_owned();
                self.ask(
                    ctx.progress,
                    ctx.lang,
                    DateField::Certificate,
                    title,
                    Some(today),
                );
            }
            Action::Score(Sc::MarkFinished) => {
                let Some(phase) = timeline::timeline_phases(&ctx.content.phases)
                    .get(self.phase)
                    .map(|p| (p.id.value.clone(), p.title.clone()))
                else {
                    return Outcome::none();
                };
                let title = format!("{}{}", phase.1, lang.t(" 完成日期", ": finished on"));
                self.ask(
                    ctx.progress,
                    ctx.lang,
                    DateField::Finished(phase.0),
                    title,
                    Some(today),
                );
            }
            _ => {}
        }
        Outcome::none()
    }
}

fn change_level(ctx: &mut Ctx, selected: usize, how: Sc) -> Outcome {
    let Some(criterion) = criteria(&ctx.content.scoring).get(selected).copied() else {
        return Outcome::none();
    };
    let top = criterion.levels.len().saturating_sub(1);
    let id = criterion.id.value.clone();
    let levels = &mut ctx.progress.score_levels;
    let now = crate::domain::score::level_of(criterion, levels);
    let next = match how {
        Sc::Raise => now.saturating_add(1).min(top),
        Sc::Lower => now.saturating_sub(1),
        _ if now >= top => 0,
        _ => now + 1,
    };
    if next == now && levels.contains_key(&id) {
        return Outcome::none();
    }
    levels.insert(id, next);
    Outcome::save()
}

fn snapshot(ctx: &mut Ctx) -> Outcome {
    let levels = ctx.progress.score_levels.clone();
    let at = ctx.now;
    let same_day = ctx
        .progress
        .assessments
        .last()
        .is_some_and(|last| last.at.date() == at.date());
    // One snapshot per day: a second save the same day replaces the first.
    if same_day {
        ctx.progress.assessments.pop();
    }
    ctx.progress.assessments.push(Assessment { at, levels });
    let result = crate::domain::score::score(&ctx.content.scoring, &ctx.progress.score_levels);
    Outcome::save().and(Request::Notice(format!(
        "{}{:.1} {}（{}）",
        ctx.lang.t("已保存自评快照：", "Snapshot saved:"),
        result.total,
        ctx.lang.t("分", "points"),
        result.grade.label(ctx.lang),
    )))
}

pub fn title(state: &ScoreState, lang: Lang) -> &'static str {
    match state.view {
        View::Score => lang.t("自评分", "Self-assessment score"),
        View::Timeline => lang.t("时间线", "Timeline"),
    }
}

fn render(frame: &mut Frame, env: &Env, state: &ScoreState, theme: &Theme) {
    match state.view {
        View::Score => view::render(frame, env, state, theme),
        View::Timeline => gantt::render(frame, env, state, theme),
    }
    if let Some(prompt) = &state.prompt {
        gantt::render_prompt(frame, env, prompt, theme);
    }
}

pub use view::dashboard_lines;

#[cfg(test)]
mod tests;
