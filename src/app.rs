//! The application state and its pure `update`: events in, state changed, effects out.
//!
//! `update` does no I/O and reads no clock: the time arrives with every event, and saving or
//! quitting are effects the runtime carries out.

mod action;
#[cfg(test)]
mod tests;

pub use action::Action;

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::domain::summary::{Summary, summarize};
use crate::i18n::Lang;
use crate::keymap::{self, Scope};
use crate::progress::Progress;
use crate::screens::checklist::ChecklistState;
use crate::screens::dashboard::DashboardState;
use crate::screens::editor::{EditorOutcome, EditorState};
use crate::screens::interview::{self, InterviewState};
use crate::screens::rectify::{RectifyOverlay, RectifyScreen};
use crate::screens::score::ScoreState;
use crate::screens::search::{SearchIndex, SearchState};
use crate::screens::sop::{RunnerState, SopDetailState, SopListState, StartForm};

/// What happens to the app, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The result of the last save the runtime attempted.
    Saved(Result<(), String>),
    /// Sent once a second, only while [`App::wants_tick`] is true (a rehearsal timer runs).
    Tick,
    /// Sent once after the first frame is on screen: prepares what is slow to build (the
    /// search index) while the user reads, so the first `/` answers at once.
    Warmup,
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Write the progress to disk now (before the next frame is drawn).
    Save,
    Quit,
}

/// One screen on the navigation stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Dashboard(DashboardState),
    Checklist(ChecklistState),
    Search(SearchState),
    Rectify(RectifyScreen),
    SopList(SopListState),
    SopDetail(SopDetailState),
    SopRunner(Box<RunnerState>),
    Interview(Box<InterviewState>),
    Score(Box<ScoreState>),
}

impl Screen {
    pub fn scope(&self) -> Scope {
        match self {
            Screen::Dashboard(_) => Scope::Dashboard,
            Screen::Checklist(_) => Scope::Checklist,
            Screen::Search(_) => Scope::Search,
            Screen::Rectify(screen) => screen.scope(),
            Screen::SopList(_) => Scope::SopList,
            Screen::SopDetail(_) => Scope::SopDetail,
            Screen::SopRunner(state) => state.scope(),
            Screen::Interview(state) => state.scope(),
            Screen::Score(state) => state.scope(),
        }
    }
}

/// Something drawn over the current screen that takes the keys first.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Editor(EditorState),
    Rectify(RectifyOverlay),
    /// Who plays each role before a rehearsal starts.
    SopStart(StartForm),
}

#[derive(Debug)]
pub struct App {
    pub content: Content,
    pub progress: Progress,
    pub calendar: WorkCalendar,
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// Terminal size in cells, kept up to date by resize events.
    pub size: (u16, u16),
    /// Navigation stack; the bottom is always the dashboard.
    pub screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// Set while saving fails; stays on screen until a save succeeds.
    pub save_error: Option<String>,
    /// A one-off message, cleared by the next key.
    pub notice: Option<String>,
    pub search_index: Option<SearchIndex>,
    /// Set once the user was warned that quitting would lose unsaved changes.
    pub quit_confirmed: bool,
    /// Counts and due lists, recomputed when progress or the day changes, not every frame.
    pub summary: Summary,
    /// Seed for random draws (mock audits); the runtime sets it from the clock at start.
    pub seed: u64,
    /// The person rehearsing interviews (`--profile`, then the last one selected).
    pub profile: Option<String>,
}

/// The app's areas, reachable from anywhere with the number keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Area {
    #[default]
    Dashboard,
    Checklists,
    Interview,
    Sop,
    Rectify,
    Score,
}

impl Area {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Area::Dashboard => lang.t("总览", "Dashboard"),
            Area::Checklists => lang.t("阶段清单", "Checklists"),
            Area::Interview => lang.t("模拟访谈", "Interview rehearsal"),
            Area::Sop => lang.t("演示预演", "Demo rehearsal"),
            Area::Rectify => lang.t("整改跟踪", "Rectification"),
            Area::Score => lang.t("自评与时间线", "Score and timeline"),
        }
    }
}

impl App {
    pub fn new(
        content: Content,
        progress: Progress,
        lang: Lang,
        now: NaiveDateTime,
        size: (u16, u16),
    ) -> Self {
        let calendar = WorkCalendar::from_content(&content.calendar);
        let summary = summarize(&content, &progress, now.date());
        Self {
            content,
            progress,
            calendar,
            lang,
            now,
            size,
            screens: vec![Screen::Dashboard(DashboardState::default())],
            overlay: None,
            save_error: None,
            notice: None,
            search_index: None,
            quit_confirmed: false,
            summary,
            seed: 0,
            profile: None,
        }
    }

    pub fn screen(&self) -> &Screen {
        // The stack is never empty: Back on the dashboard does nothing.
        &self.screens[self.screens.len() - 1]
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }

    /// Whether a visible timer is running, so the runtime should send [`Event::Tick`] each
    /// second. Idle screens get no ticks and write nothing to the terminal.
    pub fn wants_tick(&self) -> bool {
        crate::screens::sop::wants_tick(self)
            || matches!(self.screen(), Screen::Interview(state) if state.timer_running())
    }

    /// Shows `area` on top of the dashboard.
    pub fn go_to(&mut self, area: Area) {
        self.screens.truncate(1);
        self.overlay = None;
        match area {
            Area::Dashboard => {}
            Area::Checklists => {
                let phase = match &self.screens[0] {
                    Screen::Dashboard(state) => state.selected,
                    _ => 0,
                };
                self.open_checklist(phase, None);
            }
            Area::Rectify => crate::screens::rectify::open(self),
            Area::Sop => crate::screens::sop::open(self),
            Area::Interview => {
                let state = InterviewState::new(&self.progress, self.profile.as_deref());
                self.screens.push(Screen::Interview(Box::new(state)));
            }
            Area::Score => crate::screens::score::open(self, Default::default()),
        }
    }

    /// Opens the checklist of phase `phase` with item `item` selected.
    pub fn open_checklist(&mut self, phase: usize, item: Option<&str>) {
        let mut state = ChecklistState::new(&self.content, phase);
        if let Some(id) = item {
            state.select_item(&self.content, id);
        }
        state.fit(&self.content, self.size);
        self.screens.push(Screen::Checklist(state));
    }
}

/// Applies one event at time `now`. The only place the state changes.
pub fn update(app: &mut App, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    let day = app.now.date();
    app.now = now;
    let effects = handle_event(app, event);
    // Every change to progress is followed by a save, so that is when the summary moves.
    if effects.contains(&Effect::Save) || day != now.date() {
        app.summary = summarize(&app.content, &app.progress, now.date());
    }
    effects
}

fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Resize(w, h) => {
            app.size = (w, h);
            refit(app);
            Vec::new()
        }
        Event::Saved(result) => {
            let recovered = result.is_ok() && app.save_error.is_some();
            app.save_error = result.err();
            if recovered {
                // The "press q again to lose it" warning no longer holds.
                app.quit_confirmed = false;
                app.notice = Some(
                    app.lang
                        .t(
                            "已恢复保存：所有更改都已写入磁盘",
                            "Saving works again: every change is on disk",
                        )
                        .to_owned(),
                );
            }
            Vec::new()
        }
        Event::Tick => Vec::new(),
        Event::Warmup => {
            if app.search_index.is_none() {
                app.search_index = Some(SearchIndex::build(&app.content));
            }
            Vec::new()
        }
        Event::Paste(text) if crate::screens::rectify::takes_paste(app) => {
            crate::screens::rectify::paste(app, &text)
        }
        Event::Paste(text) if crate::screens::score::takes_paste(app) => {
            crate::screens::score::paste(app, &text)
        }
        Event::Paste(text) if crate::screens::sop::takes_text(app) => {
            crate::screens::sop::paste(app, &text)
        }
        Event::Paste(text) => match &mut app.overlay {
            Some(Overlay::Editor(editor)) => {
                editor.paste(&text);
                editor_changed(app)
            }
            _ => match app.screens.last_mut() {
                Some(Screen::Search(search)) => {
                    search.paste(&text);
                    search_changed(app);
                    Vec::new()
                }
                Some(Screen::Interview(_)) => {
                    with_interview(app, |state, ctx| state.paste(&text, ctx))
                }
                _ => Vec::new(),
            },
        },
        Event::Key(key) if key.kind != KeyEventKind::Press => Vec::new(),
        Event::Key(key) => {
            app.notice = None;
            handle_key(app, key)
        }
    }
}

fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match &mut app.overlay {
        Some(Overlay::Help) => {
            app.overlay = None;
            return Vec::new();
        }
        Some(Overlay::Editor(editor)) => {
            let size = app.size;
            return match editor.handle_key(key, size) {
                EditorOutcome::Continue { changed: true } => editor_changed(app),
                EditorOutcome::Continue { changed: false } => Vec::new(),
                EditorOutcome::Cancel => {
                    let changed = editor.revert(&mut app.progress, app.now);
                    app.overlay = None;
                    if changed {
                        vec![Effect::Save]
                    } else {
                        Vec::new()
                    }
                }
                EditorOutcome::Commit(value) => commit_editor(app, value),
            };
        }
        Some(Overlay::Rectify(_)) => return crate::screens::rectify::handle_overlay_key(app, key),
        Some(Overlay::SopStart(_)) => return crate::screens::sop::start_form_key(app, key),
        None => {}
    }
    if matches!(app.screen(), Screen::Rectify(_)) {
        return crate::screens::rectify::handle_key(app, key);
    }
    if matches!(app.screen(), Screen::Score(_)) {
        return crate::screens::score::handle_key(app, key);
    }
    if let Some(effects) = crate::screens::sop::intercept_key(app, key) {
        return effects;
    }
    let scope = app.screen().scope();
    if scope.takes_text() {
        if let Some(action) = keymap::lookup(scope, &key) {
            return apply(app, action);
        }
        if let Some(Screen::Interview(_)) = app.screens.last() {
            return with_interview(app, |state, ctx| state.text_key(key, ctx));
        }
        if let Some(Screen::Search(search)) = app.screens.last_mut()
            && search.handle_text_key(key)
        {
            search_changed(app);
        }
        return Vec::new();
    }
    match keymap::lookup(scope, &key) {
        Some(action) => apply(app, action),
        None => Vec::new(),
    }
}

/// Carries out a bound action on the current screen.
pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit if app.save_error.is_some() && !app.quit_confirmed => {
            app.quit_confirmed = true;
            app.notice = Some(
                app.lang
                    .t(
                        "进度尚未写入磁盘！再按一次 q 仍会退出，未保存的更改将丢失",
                        "Progress is NOT on disk! Press q again to quit anyway and lose it",
                    )
                    .to_owned(),
            );
            return vec![Effect::Save];
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Help => {
            app.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        Action::GoTo(area) => {
            app.go_to(area);
            return Vec::new();
        }
        Action::Back if !matches!(app.screens.last(), Some(Screen::Interview(s)) if s.handles_back()) =>
        {
            if app.screens.len() > 1 {
                app.screens.pop();
                refit(app);
            }
            return Vec::new();
        }
        Action::Search => {
            if app.search_index.is_none() {
                app.search_index = Some(SearchIndex::build(&app.content));
            }
            app.screens.push(Screen::Search(SearchState::default()));
            search_changed(app);
            return Vec::new();
        }
        _ => {}
    }
    if matches!(app.screen(), Screen::Rectify(_)) {
        return crate::screens::rectify::apply(app, action);
    }
    if matches!(app.screen(), Screen::Score(_)) {
        return crate::screens::score::apply(app, action);
    }
    if let Some(effects) = crate::screens::sop::apply(app, action) {
        return effects;
    }
    let App {
        screens,
        content,
        progress,
        size,
        now,
        lang,
        overlay,
        search_index,
        ..
    } = app;
    let Some(screen) = screens.last_mut() else {
        return Vec::new();
    };
    match screen {
        Screen::Dashboard(state) => {
            if let Some(phase) = state.update(action, content) {
                app.open_checklist(phase, None);
            }
            Vec::new()
        }
        Screen::Checklist(state) => {
            let request = state.update(action, content, progress, *now, *size);
            match request {
                Some(crate::screens::checklist::Request::Edit(field, item)) => {
                    *overlay = Some(Overlay::Editor(EditorState::for_item(
                        field, &item, progress, *lang, *size,
                    )));
                    Vec::new()
                }
                Some(crate::screens::checklist::Request::Saved) => vec![Effect::Save],
                Some(crate::screens::checklist::Request::Rectify(item)) => {
                    crate::screens::rectify::from_checklist_item(app, &item)
                }
                None => Vec::new(),
            }
        }
        Screen::Interview(_) => with_interview(app, |state, ctx| state.update(action, ctx)),
        Screen::Search(state) => {
            let target = search_index
                .as_ref()
                .and_then(|index| state.update(action, index, content, *size));
            if let Some((phase, item)) = target {
                app.screens.pop();
                app.open_checklist(phase, Some(&item));
            }
            Vec::new()
        }
        Screen::Rectify(_) | Screen::Score(_) => Vec::new(),
        // Handled by `screens::sop::apply` above.
        Screen::SopList(_) | Screen::SopDetail(_) | Screen::SopRunner(_) => Vec::new(),
    }
}

fn refit(app: &mut App) {
    let size = app.size;
    for screen in &mut app.screens {
        if let Screen::Checklist(state) = screen {
            state.fit(&app.content, size);
        }
    }
    if let Some(Overlay::Editor(editor)) = &mut app.overlay {
        editor.fit(size);
    }
    crate::screens::rectify::refit(app);
    let content = &app.content;
    for screen in &mut app.screens {
        if let Screen::Interview(state) = screen {
            state.fit(content, size);
        }
    }
}

/// Runs `f` on the interview screen on top, with the app's parts it may use.
fn with_interview(
    app: &mut App,
    f: impl FnOnce(&mut InterviewState, &mut interview::Ctx) -> Vec<Effect>,
) -> Vec<Effect> {
    let App {
        screens,
        content,
        progress,
        now,
        lang,
        seed,
        notice,
        profile,
        size,
        ..
    } = app;
    let Some(Screen::Interview(state)) = screens.last_mut() else {
        return Vec::new();
    };
    let mut ctx = interview::Ctx {
        content,
        progress,
        now: *now,
        lang: *lang,
        seed,
        notice,
        profile,
        size: *size,
    };
    f(state, &mut ctx)
}

fn search_changed(app: &mut App) {
    if let (Some(Screen::Search(search)), Some(index)) =
        (app.screens.last_mut(), app.search_index.as_ref())
    {
        search.refresh(index, &app.content);
    }
}

/// Live edits are written straight into progress so nothing typed is lost.
fn editor_changed(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        return Vec::new();
    };
    if editor.apply_live(&mut app.progress, app.now) {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

fn commit_editor(app: &mut App, value: String) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &mut app.overlay else {
        return Vec::new();
    };
    match editor.commit(&value, &mut app.progress, app.now, &app.calendar) {
        Ok(()) => {
            app.overlay = None;
            vec![Effect::Save]
        }
        Err(message) => {
            editor.error = Some(message);
            Vec::new()
        }
    }
}
