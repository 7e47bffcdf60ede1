//! The application state and its pure `update`: events in, state changed, effects out.
//!
//! `update` does no I/O and reads no clock: the time arrives with every event, and saving or
//! quitting are effects the runtime carries out.

#[cfg(test)]
mod every_key_tests;
mod frame;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod layers_tests;
#[cfg(test)]
mod limit_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

pub use crate::action::{Action, Area};
pub use crate::screens::{Effect, Overlay, Screen};
pub use frame::render;

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::domain::moment::Moment;
use crate::domain::summary::{ListFigures, Summary, summarize};
use crate::domain::team_summary::Member;
use crate::i18n::Lang;
use crate::keymap::{self, Scope};
use crate::progress::{Histories, Progress};
use crate::screens::dashboard::DashboardState;
use crate::screens::help::HelpState;
use crate::screens::search::SearchIndex;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request};
use crate::team::sync::Stage;

/// What happens to the app, as data.
#[derive(Debug, Clone, PartialEq)]
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
    /// The rehearsal runs and interview histories of an app that opened from the team start
    /// cache's head ([`App::awaiting_histories`]), read right after the first frame.
    HistoriesLoaded(Box<Histories>),
    /// The team sync the runtime runs in the background reached a stage.
    SyncStage(Stage),
    /// The team sync finished (or stopped): what to show and the merged state to take.
    Synced(Box<SyncDone>),
}

/// A finished team sync, as the runtime hands it to the app.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncDone {
    /// The merged state with whatever was typed while the sync ran put back on top; `None`
    /// when nothing was recorded or merged.
    pub progress: Option<Progress>,
    /// The members and their last sync, when the sync could read them.
    pub members: Vec<Member>,
    /// What came in, or why it stopped and what to do.
    pub line: String,
    /// The sync stopped short (offline, refused, a full disk, an internal error): the header
    /// says so until the next sync starts.
    pub failed: bool,
}

/// Team mode as the app sees it: the members for the team view and a running sync.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamMode {
    pub members: Vec<Member>,
    /// The stage of the running sync; `None` when no sync runs.
    pub syncing: Option<Stage>,
    /// The last sync stopped short: the header says so (and how to try again) until the next
    /// sync starts.
    pub failed: bool,
}

#[derive(Debug, Clone)]
pub struct App {
    pub content: Content,
    pub progress: Progress,
    pub calendar: WorkCalendar,
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// The monotonic count at `now` (see [`Moment`]): what timers measure with.
    pub mono_ms: u64,
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
    /// Advanced each time `summary` is recomputed: what a screen's own figures are keyed by,
    /// so that they too are counted on change rather than at every key (see `Env::revision`).
    pub revision: u64,
    /// Seed for random draws (mock audits); the runtime sets it from the clock at start.
    pub seed: u64,
    /// The person rehearsing interviews (`--profile`, then the last one selected).
    pub profile: Option<String>,
    /// Set in team mode (the runtime fills the members in at start).
    pub team: Option<TeamMode>,
    /// Set when the progress file is too big to save (see `progress::size`): why, and what to
    /// do. Changes stay in memory and are not written.
    pub read_only: Option<String>,
    /// Something was changed while read-only: quitting asks once before dropping it.
    pub unsaved: bool,
    /// What drawing reads instead of `progress` when that holds control characters (an owner
    /// pasted with `ESC ] 0 ;`): a copy with them escaped as the CLI prints them (`\e`,
    /// `\x07`), made by the one sanitiser. Kept up to date with `summary`; `None` when there is
    /// nothing to escape (the usual case).
    pub shown: Option<Box<Progress>>,
}

impl App {
    /// The current moment: wall clock and monotonic count.
    pub fn moment(&self) -> Moment {
        Moment {
            wall: self.now,
            mono_ms: self.mono_ms,
        }
    }

    pub fn new(
        content: Content,
        progress: Progress,
        lang: Lang,
        now: NaiveDateTime,
        size: (u16, u16),
    ) -> Self {
        let calendar = WorkCalendar::from_content(&content.calendar);
        let shown = crate::sanitize::escaped_progress(&progress).map(Box::new);
        let summary = summarize(&content, shown.as_deref().unwrap_or(&progress), now.date());
        Self {
            content,
            progress,
            calendar,
            lang,
            now,
            mono_ms: Moment::from_wall(now).mono_ms,
            size,
            screens: vec![Screen::Dashboard(DashboardState::default())],
            overlay: None,
            save_error: None,
            notice: None,
            search_index: None,
            quit_confirmed: false,
            summary,
            revision: 0,
            seed: 0,
            profile: None,
            team: None,
            read_only: None,
            unsaved: false,
            shown,
        }
    }

    /// The app opened on `progress` without its rehearsal runs and rectification items, and
    /// with each interview question's reviews cut to the latest (the team start cache's head):
    /// everything the dashboard draws is exact, the figures of those lists taken from `lists`. The runtime sends
    /// [`Event::HistoriesLoaded`] right after the first frame, before any input.
    pub fn awaiting_histories(&mut self, lists: ListFigures) {
        self.summary.sops.runs = lists.runs.finished;
        self.summary.sops.last_run = lists.runs.last_run;
        self.summary.rects = lists.rectifications.stats(self.today());
    }

    pub fn screen(&self) -> &Screen {
        // The stack is never empty: Back on the dashboard does nothing.
        &self.screens[self.screens.len() - 1]
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }

    /// Whether the window is too small to draw the screens; then only resizing and quitting
    /// act.
    pub fn too_small(&self) -> bool {
        too_small(self.size)
    }

    /// Which key bindings apply: the dialog's while one is open, else the screen's.
    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Some(overlay) => overlay.scope(),
            None => self.screen().scope(),
        }
    }

    /// Whether a visible timer is running, so the runtime should send [`Event::Tick`] each
    /// second. Idle screens get no ticks and write nothing to the terminal.
    pub fn wants_tick(&self) -> bool {
        self.screen().wants_tick()
    }

    /// What drawing may read.
    pub fn env(&self) -> Env<'_> {
        Env {
            content: &self.content,
            progress: self.shown.as_deref().unwrap_or(&self.progress),
            calendar: &self.calendar,
            now: self.now,
            mono_ms: self.mono_ms,
            lang: self.lang,
            size: self.size,
            summary: &self.summary,
            revision: self.revision,
            search_index: self.search_index.as_ref(),
            profile: self.profile.as_deref(),
            team: self.team.as_ref().map_or(&[], |t| t.members.as_slice()),
        }
    }

    /// The context a component gets, beside the stack and the dialog it may not touch.
    fn split(&mut self) -> (Ctx<'_>, &mut Vec<Screen>, &mut Option<Overlay>) {
        let App {
            content,
            progress,
            calendar,
            now,
            mono_ms,
            lang,
            size,
            seed,
            profile,
            search_index,
            summary,
            revision,
            screens,
            overlay,
            team,
            ..
        } = self;
        let ctx = Ctx {
            content,
            progress,
            calendar,
            now: *now,
            mono_ms: *mono_ms,
            lang: *lang,
            size: *size,
            seed,
            profile,
            search_index: search_index.as_ref(),
            summary,
            revision: *revision,
            team: team.as_ref().map_or(&[], |t| t.members.as_slice()),
        };
        (ctx, screens, overlay)
    }

    /// Shows `area` on top of the dashboard.
    pub fn go_to(&mut self, area: Area) -> Vec<Effect> {
        self.screens.truncate(1);
        self.overlay = None;
        let phase = match &self.screens[0] {
            Screen::Dashboard(state) => state.selected,
            _ => 0,
        };
        let (mut ctx, _, _) = self.split();
        let outcome = crate::screens::open_area(area, &mut ctx, phase);
        let effects = carry_out(self, outcome);
        refit(self);
        effects
    }
}

/// Whether a terminal of `size` is too small to draw the screens.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < 20 || size.1 < 6
}

/// Applies one event at time `now`, with a monotonic count derived from it (see
/// [`update_at`]). The only place the state changes.
pub fn update(app: &mut App, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    update_at(app, event, Moment::from_wall(now))
}

/// Applies one event at `at`: its wall clock stamps records, its monotonic count times SOP
/// steps and interview answers. The runtime calls this with a real monotonic clock.
pub fn update_at(app: &mut App, event: Event, at: Moment) -> Vec<Effect> {
    let now = at.wall;
    let day = app.now.date();
    app.now = now;
    app.mono_ms = at.mono_ms;
    let effects = handle_event(app, event);
    // Every change to progress is followed by a save, so that is when the summary moves.
    if effects.contains(&Effect::Save) || day != now.date() {
        // Typed and pasted text never holds control characters (the text input drops them),
        // so an edit can only bring them in where they already were: the escaped copy is made
        // again only then, not on every keystroke of a large file.
        if app.shown.is_some() {
            app.shown = crate::sanitize::escaped_progress(&app.progress).map(Box::new);
        }
        let drawn = app.shown.as_deref().unwrap_or(&app.progress);
        app.summary = summarize(&app.content, drawn, now.date());
        app.revision = app.revision.wrapping_add(1);
    }
    if let Some(why) = &app.read_only
        && effects.contains(&Effect::Save)
    {
        // Said again at each change: the change is shown but will not be written.
        app.unsaved = true;
        if app.notice.is_none() {
            app.notice = Some(why.clone());
        }
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
        Event::Tick => dispatch(app, Input::Tick),
        Event::Warmup => {
            if app.search_index.is_none() {
                app.search_index = Some(SearchIndex::build(&app.content));
            }
            Vec::new()
        }
        Event::HistoriesLoaded(histories) => {
            app.progress.put_histories(*histories);
            // Teammates' rehearsal and answer texts may hold control characters.
            app.shown = crate::sanitize::escaped_progress(&app.progress).map(Box::new);
            let drawn = app.shown.as_deref().unwrap_or(&app.progress);
            app.summary = summarize(&app.content, drawn, app.now.date());
            app.revision = app.revision.wrapping_add(1);
            Vec::new()
        }
        Event::SyncStage(stage) => {
            if let Some(team) = &mut app.team
                && team.syncing.is_some()
            {
                team.syncing = Some(stage);
            }
            Vec::new()
        }
        Event::Synced(done) => synced(app, *done),
        // A window too small to show anything acts on nothing it cannot show.
        Event::Paste(_) if app.too_small() => Vec::new(),
        Event::Paste(text) => {
            app.notice = None;
            let effects = dispatch(app, Input::Paste(text));
            say_limit(app);
            effects
        }
        Event::Key(key) if key.kind != KeyEventKind::Press => Vec::new(),
        Event::Key(key) if app.too_small() => match keymap::lookup(app.scope(), &key) {
            Some(action @ (Action::Quit | Action::Redraw)) => apply(app, action),
            _ if key.code == crossterm::event::KeyCode::Char('q') => apply(app, Action::Quit),
            _ => Vec::new(),
        },
        Event::Key(key) => {
            app.notice = None;
            let effects = handle_key(app, key);
            say_limit(app);
            effects
        }
    }
}

/// Puts the focused input's limit message in the footer when the last key or paste hit its
/// character limit, whichever screen or dialog it belongs to.
fn say_limit(app: &mut App) {
    let input = match &app.overlay {
        Some(overlay) => overlay.focused_input(),
        None => app.screen().focused_input(),
    };
    if let Some(message) = input.and_then(|i| i.limit_notice(app.lang)) {
        app.notice = Some(message);
    }
}

/// A key becomes the action the key map binds in the current scope; an unbound key goes to
/// the dialog or screen as it is (typed text).
fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match keymap::lookup(app.scope(), &key) {
        Some(action) => apply(app, action),
        None => dispatch(app, Input::Key(key)),
    }
}

/// Carries out a bound action: the app's own (quit, help, areas, search, leaving a screen),
/// or the one on top's.
pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit if app.save_error.is_some() && !app.quit_confirmed => {
            app.quit_confirmed = true;
            app.notice = Some(
                app.lang
                    .t(
                        "进度尚未写入磁盘！再按一次 q 退出：未保存的更改会另存为紧急副本",
                        "Progress is NOT on disk! Press q again to quit: it goes to an emergency copy",
                    )
                    .to_owned(),
            );
            vec![Effect::Save]
        }
        Action::Quit if app.read_only.is_some() && app.unsaved && !app.quit_confirmed => {
            app.quit_confirmed = true;
            app.notice = Some(
                app.lang
                    .t(
                        "只读：这次的更改不会保存。再按一次 q 放弃它们并退出",
                        "Read-only: this session's changes are not saved. Press q again to drop them and quit",
                    )
                    .to_owned(),
            );
            Vec::new()
        }
        Action::Quit => vec![Effect::Quit],
        Action::Redraw => vec![Effect::Redraw],
        // F1 again (or `?` where it is bound) closes help; over a dialog, help shows the
        // dialog's keys and gives it back when closed.
        Action::Help => {
            match app.overlay.take() {
                Some(Overlay::Help(help)) => app.overlay = help.under.map(|under| *under),
                Some(dialog) => app.overlay = Some(Overlay::Help(HelpState::over(Some(dialog)))),
                None => {
                    app.overlay = Some(Overlay::Help(HelpState::new(app.screen().scope())));
                }
            }
            Vec::new()
        }
        Action::GoTo(area) => app.go_to(area),
        Action::Settings => {
            let outcome = crate::screens::settings::open(&app.progress, app.lang);
            carry_out(app, outcome)
        }
        Action::Back if app.overlay.is_none() && !app.screen().handles_back() => {
            if app.screens.len() > 1 {
                app.screens.pop();
                refit(app);
            }
            Vec::new()
        }
        Action::Sync => start_sync(app),
        Action::Search => {
            if app.search_index.is_none() {
                app.search_index = Some(SearchIndex::build(&app.content));
            }
            let (ctx, _, _) = app.split();
            let outcome = crate::screens::search::open(&ctx);
            carry_out(app, outcome)
        }
        _ => dispatch(app, Input::Action(action)),
    }
}

/// The sync key: asks the runtime for a sync, unless one runs or this is not team mode.
fn start_sync(app: &mut App) -> Vec<Effect> {
    let lang = app.lang;
    match &mut app.team {
        None => {
            app.notice = Some(
                lang.t(
                    "单人模式没有团队同步：先在命令行运行 zizhi team join 远端仓库 --name 姓名",
                    "No team to sync with: run zizhi team join REMOTE --name NAME first",
                )
                .to_owned(),
            );
            Vec::new()
        }
        Some(team) if team.syncing.is_some() => {
            app.notice = Some(lang.t("正在同步，请稍候", "A sync is running").to_owned());
            Vec::new()
        }
        Some(team) => {
            team.syncing = Some(Stage::Commit);
            team.failed = false;
            vec![Effect::Sync]
        }
    }
}

/// A finished sync: takes the merged state (what was typed meanwhile is already on top of
/// it) and shows what came in.
fn synced(app: &mut App, done: SyncDone) -> Vec<Effect> {
    let Some(team) = &mut app.team else {
        return Vec::new();
    };
    team.syncing = None;
    team.failed = done.failed;
    if !done.members.is_empty() {
        team.members = done.members;
    }
    app.notice = Some(done.line);
    let mut effects = Vec::new();
    if let Some(mut progress) = done.progress {
        progress.operator = std::mem::take(&mut app.progress.operator);
        app.progress = progress;
        // A teammate's text may hold control characters: drawn escaped from now on.
        app.shown = crate::sanitize::escaped_progress(&app.progress).map(Box::new);
        effects.push(Effect::Save);
    }
    refit(app);
    effects
}

/// Carries out one request as if a screen had asked for it (for other front ends and tests).
pub fn request(app: &mut App, request: Request) -> Vec<Effect> {
    carry_out(app, Outcome::request(request))
}

/// Hands `input` to the dialog when one is open, else to the screen on top, and carries out
/// what it answers.
fn dispatch(app: &mut App, input: Input) -> Vec<Effect> {
    let (mut ctx, screens, overlay) = app.split();
    let outcome = match (overlay, screens.last_mut()) {
        (Some(overlay), _) => overlay.handle(input, &mut ctx),
        (None, Some(screen)) => screen.handle(input, &mut ctx),
        (None, None) => Outcome::none(),
    };
    carry_out(app, outcome)
}

/// The one place where what components ask for is done, in the order they asked.
fn carry_out(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    let mut effects = outcome.effects;
    let mut queue: std::collections::VecDeque<Request> = outcome.requests.into();
    let mut moved = false;
    while let Some(request) = queue.pop_front() {
        let more = match request {
            Request::Push(screen) => {
                app.screens.push(screen);
                moved = true;
                Vec::new()
            }
            Request::Pop => {
                if app.screens.len() > 1 {
                    app.screens.pop();
                }
                moved = true;
                Vec::new()
            }
            Request::GoTo(area) => app.go_to(area),
            Request::Open(overlay) => {
                app.overlay = Some(overlay);
                moved = true;
                Vec::new()
            }
            Request::Close => {
                app.overlay = None;
                Vec::new()
            }
            Request::Action(action) => {
                if moved {
                    refit(app);
                    moved = false;
                }
                apply(app, action)
            }
            Request::Select(id) => dispatch(app, Input::Select(id)),
            Request::Rectify(finding) => {
                let (mut ctx, _, _) = app.split();
                let outcome = crate::screens::rectify::start_from_finding(&mut ctx, finding);
                moved = true;
                carry_out(app, outcome)
            }
            Request::Notice(text) => {
                app.notice = Some(text);
                Vec::new()
            }
        };
        for effect in more {
            if !effects.contains(&effect) {
                effects.push(effect);
            }
        }
    }
    if moved {
        refit(app);
    }
    effects
}

/// Fits every screen on the stack and the dialog to the terminal and the data.
fn refit(app: &mut App) {
    let (ctx, screens, overlay) = app.split();
    let env = ctx.env();
    for screen in screens.iter_mut() {
        screen.fit(&env);
    }
    if let Some(overlay) = overlay {
        overlay.fit(&env);
    }
}
