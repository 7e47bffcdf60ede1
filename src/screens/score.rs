//! 自评与时间线: the self-assessment (criteria, levels, total, grade, gap, trend) and the
//! timeline's Gantt view with its date prompts. Every change is written into progress at once.

mod gantt;
mod view;

use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::app::{self, Action, App, Effect, Screen};
use crate::content::{Criterion, Scoring};
use crate::domain::date_input;
use crate::domain::timeline;
use crate::i18n::Lang;
use crate::keymap::score::Sc;
use crate::keymap::{self, Scope};
use crate::progress::Assessment;
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

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

/// A date being typed (by the one date grammar). Complete dates are written into progress as
/// they are typed, so a kill mid-edit keeps them; Esc puts the old date back.
#[derive(Debug, Clone)]
pub struct DatePrompt {
    pub field: DateField,
    pub title: String,
    pub input: TextInput,
    pub original: Option<chrono::NaiveDate>,
    pub error: Option<String>,
    /// The shown text is the prefill (today, or the date set before): the first character
    /// typed or pasted replaces it rather than being appended to a full date.
    pub prefilled: bool,
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
pub fn open(app: &mut App, view: View) {
    app.screens.push(Screen::Score(Box::new(ScoreState {
        view,
        ..ScoreState::default()
    })));
}

fn state_mut(app: &mut App) -> Option<&mut ScoreState> {
    match app.screens.last_mut() {
        Some(Screen::Score(state)) => Some(state),
        _ => None,
    }
}

/// Keys on the score screen: a prompt takes them first.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let has_prompt = matches!(app.screen(), Screen::Score(s) if s.prompt.is_some());
    if has_prompt {
        return prompt_key(app, key);
    }
    match keymap::lookup(app.screen().scope(), &key) {
        Some(action) => app::apply(app, action),
        None => Vec::new(),
    }
}

/// Whether pasted text goes to a date prompt here.
pub fn takes_paste(app: &App) -> bool {
    matches!(app.screen(), Screen::Score(s) if s.prompt.is_some())
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(prompt) = state_mut(app).and_then(|s| s.prompt.as_mut()) else {
        return Vec::new();
    };
    if std::mem::take(&mut prompt.prefilled) {
        prompt.input.set_text("");
    }
    prompt.input.insert_str(text.trim());
    live_apply(app)
}

fn prompt_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(prompt) = state_mut(app).and_then(|s| s.prompt.as_mut()) else {
        return Vec::new();
    };
    if std::mem::take(&mut prompt.prefilled) && types_a_character(&key) {
        prompt.input.set_text("");
    }
    match prompt.input.handle_key(key) {
        InputOutcome::Edited => live_apply(app),
        InputOutcome::Submit => finish_prompt(app),
        InputOutcome::Cancel => cancel_prompt(app),
        InputOutcome::Moved | InputOutcome::Ignored => Vec::new(),
    }
}

/// A key that inserts a character (not a movement, deletion or command).
fn types_a_character(key: &KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER)
}

fn set_date(app: &mut App, field: &DateField, date: Option<chrono::NaiveDate>) -> bool {
    if get_date(app, field) == date {
        return false;
    }
    let timeline = &mut app.progress.timeline;
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

fn get_date(app: &App, field: &DateField) -> Option<chrono::NaiveDate> {
    let timeline = &app.progress.timeline;
    match field {
        DateField::Start => timeline.start,
        DateField::Certificate => timeline.certificate,
        DateField::Finished(id) => timeline.finished.get(id).copied(),
    }
}

/// Writes the typed date into progress as soon as it is a valid one.
fn live_apply(app: &mut App) -> Vec<Effect> {
    let Some(prompt) = state_mut(app).and_then(|s| s.prompt.as_mut()) else {
        return Vec::new();
    };
    prompt.error = None;
    // Only a complete date: "2026-03-1" on the way to "2026-03-15" is not meant.
    let text = prompt.input.text();
    if !date_input::is_complete_date(&text) {
        return Vec::new();
    }
    let Ok(Some(date_input::Typed::Date(day))) = date_input::parse(&text) else {
        return Vec::new();
    };
    let field = prompt.field.clone();
    if set_date(app, &field, Some(day)) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

fn finish_prompt(app: &mut App) -> Vec<Effect> {
    let lang = app.lang;
    let Some(text) = state_mut(app)
        .and_then(|s| s.prompt.as_ref())
        .map(|p| p.input.text())
    else {
        return Vec::new();
    };
    let resolved = date_input::resolve(&text, app.today(), &app.calendar);
    let Some(prompt) = state_mut(app).and_then(|s| s.prompt.as_mut()) else {
        return Vec::new();
    };
    let date = match resolved {
        Ok(resolved) => resolved.map(|r| r.date),
        Err(err) => {
            prompt.error = Some(err.message(lang));
            return Vec::new();
        }
    };
    let field = prompt.field.clone();
    if let Some(state) = state_mut(app) {
        state.prompt = None;
    }
    if set_date(app, &field, date) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

fn cancel_prompt(app: &mut App) -> Vec<Effect> {
    let Some(prompt) = state_mut(app).and_then(|s| s.prompt.take()) else {
        return Vec::new();
    };
    if set_date(app, &prompt.field, prompt.original) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

fn ask(app: &mut App, field: DateField, title: String, default: Option<chrono::NaiveDate>) {
    let original = get_date(app, &field);
    let shown = original
        .or(default)
        .map(|d| d.to_string())
        .unwrap_or_default();
    if let Some(state) = state_mut(app) {
        state.prompt = Some(DatePrompt {
            field,
            title,
            prefilled: !shown.is_empty(),
            input: TextInput::single_line(&shown).with_max_chars(16),
            original,
            error: None,
        });
    }
}

/// Carries out an action while the score screen is on top.
pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let count = criteria(&app.content.scoring).len();
    let phases = timeline::timeline_phases(&app.content.phases).len();
    let today = app.today();
    let lang = app.lang;
    let Some(state) = state_mut(app) else {
        return Vec::new();
    };
    let view = state.view;
    match action {
        Action::Up if view == View::Score => state.selected = state.selected.saturating_sub(1),
        Action::Down if view == View::Score => {
            state.selected = (state.selected + 1).min(count.saturating_sub(1));
        }
        Action::First if view == View::Score => state.selected = 0,
        Action::Last if view == View::Score => state.selected = count.saturating_sub(1),
        Action::Up => state.phase = state.phase.saturating_sub(1),
        Action::Down => state.phase = (state.phase + 1).min(phases.saturating_sub(1)),
        Action::First => state.phase = 0,
        Action::Last => state.phase = phases.saturating_sub(1),
        Action::Score(Sc::SwitchView) => {
            state.view = match view {
                View::Score => View::Timeline,
                View::Timeline => View::Score,
            };
        }
        Action::Score(sc @ (Sc::Raise | Sc::Lower | Sc::Cycle)) => {
            let selected = state.selected;
            return change_level(app, selected, sc);
        }
        Action::Score(Sc::Snapshot) => return snapshot(app),
        Action::Score(Sc::ToggleGreen) => {
            let t = &mut app.progress.timeline;
            t.green_channel = !t.green_channel;
            return vec![Effect::Save];
        }
        Action::Score(Sc::ToggleParallel) => {
            let t = &mut app.progress.timeline;
            t.parallel_preparation = !t.parallel_preparation;
            return vec![Effect::Save];
        }
        Action::Score(Sc::SetStart) => {
            let title = lang.t("启动日期", "Start date").to_owned();
            ask(app, DateField::Start, title, Some(today));
        }
        Action::Score(Sc::SetCertificate) => {
            let title = lang.t("取证日期", "Certificate date").to_owned();
            ask(app, DateField::Certificate, title, Some(today));
        }
        Action::Score(Sc::MarkFinished) => {
            let index = state.phase;
            let Some(phase) = timeline::timeline_phases(&app.content.phases)
                .get(index)
                .map(|p| (p.id.value.clone(), p.title.clone()))
            else {
                return Vec::new();
            };
            let title = format!("{}{}", phase.1, lang.t(" 完成日期", ": finished on"));
            ask(app, DateField::Finished(phase.0), title, Some(today));
        }
        _ => {}
    }
    Vec::new()
}

fn change_level(app: &mut App, selected: usize, how: Sc) -> Vec<Effect> {
    let Some(criterion) = criteria(&app.content.scoring).get(selected).copied() else {
        return Vec::new();
    };
    let top = criterion.levels.len().saturating_sub(1);
    let id = criterion.id.value.clone();
    let levels = &mut app.progress.score_levels;
    let now = crate::domain::score::level_of(criterion, levels);
    let next = match how {
        Sc::Raise => now.saturating_add(1).min(top),
        Sc::Lower => now.saturating_sub(1),
        _ if now >= top => 0,
        _ => now + 1,
    };
    if next == now && levels.contains_key(&id) {
        return Vec::new();
    }
    levels.insert(id, next);
    vec![Effect::Save]
}

fn snapshot(app: &mut App) -> Vec<Effect> {
    let levels = app.progress.score_levels.clone();
    let at = app.now;
    let same_day = app
        .progress
        .assessments
        .last()
        .is_some_and(|last| last.at.date() == at.date());
    // One snapshot per day: a second save the same day replaces the first.
    if same_day {
        app.progress.assessments.pop();
    }
    app.progress.assessments.push(Assessment { at, levels });
    let result = crate::domain::score::score(&app.content.scoring, &app.progress.score_levels);
    app.notice = Some(format!(
        "{}{:.1} {}（{}）",
        app.lang.t("已保存自评快照：", "Snapshot saved:"),
        result.total,
        app.lang.t("分", "points"),
        result.grade.label(app.lang),
    ));
    vec![Effect::Save]
}

pub fn title(state: &ScoreState, lang: Lang) -> &'static str {
    match state.view {
        View::Score => lang.t("自评分", "Self-assessment score"),
        View::Timeline => lang.t("时间线", "Timeline"),
    }
}

pub fn render(frame: &mut Frame, app: &App, state: &ScoreState, theme: &Theme) {
    match state.view {
        View::Score => view::render(frame, app, state, theme),
        View::Timeline => gantt::render(frame, app, state, theme),
    }
    if let Some(prompt) = &state.prompt {
        gantt::render_prompt(frame, app, prompt, theme);
    }
}

pub use view::dashboard_lines;

#[cfg(test)]
mod tests;
