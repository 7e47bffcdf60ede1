//! The runtime: owns the terminal, the disk and the clock; feeds events to `update` and carries
//! out its effects. Saving happens before the next frame is drawn, so whatever the user sees
//! is on disk.

pub mod events;
#[cfg(test)]
mod fault_tests;
pub mod frugal_backend;
pub mod glyphs;
pub mod preflight;
pub mod team_link;
mod terminal;

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{self, App, Effect, Event};
use crate::domain::moment::Moment;
use crate::progress::{self, SaveStep, Store};
use crate::theme::Theme;

pub use events::Input;
pub use terminal::{catch_panic, install_panic_hook, restore, setup};

use crate::keymap;

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A signal (SIGHUP when SSH drops, SIGTERM) asked us to stop.
    Signal(i32),
    /// The terminal went away without a signal.
    InputClosed,
}

/// A fault injected into every save of a [`Saver`]: called after each step, an Err is
/// treated as an I/O error at that step (see [`Store::save_with_fault`]).
pub type Fault = Box<dyn FnMut(SaveStep) -> io::Result<()> + Send>;

/// Writes progress unless it is unchanged since the last successful save.
/// Dated snapshots kept in `backups/` (older ones are pruned when a new one is taken).
pub const SNAPSHOTS_KEPT: usize = 20;

/// What is known of the text last saved (or loaded): its length and a 128-bit hash, so an
/// unchanged save is skipped without keeping a copy of a file that may be megabytes.
pub use crate::team::cache::Source as SavedText;

pub struct Saver {
    store: Store,
    /// The last successful save: a failed save leaves it alone, so the next attempt writes
    /// everything again.
    last_saved: Option<SavedText>,
    fault: Option<Fault>,
    /// The label of the session's start snapshot, taken once the first frame is on screen
    /// (its two fsyncs would otherwise delay it), before any input is handled.
    deferred_snapshot: Option<String>,
    /// Team mode: edit times, the background sync.
    team: Option<team_link::TeamLink>,
    /// The file is over the read-only limit: nothing is written, not even a snapshot.
    read_only: bool,
    /// Team mode: the start cache already holds what was last saved (the app started from
    /// it and has written nothing since), so leaving need not write it again.
    cache_fresh: bool,
    /// The app opened from the start cache's head: the rehearsal runs and interview histories
    /// are still to be read (right after the first frame). Until they are in, nothing is
    /// written: the progress in memory is not yet the whole file.
    history_pending: bool,
    rest: Option<crate::team::cache::Rest>,
}

impl Saver {
    pub fn new(store: Store, current: Option<String>) -> Self {
        Self::knowing(store, current.as_deref().map(SavedText::of))
    }

    /// [`Saver::new`] knowing only the length and hash of the text on disk (the team start
    /// cache gives those without the text).
    pub fn knowing(store: Store, current: Option<SavedText>) -> Self {
        Self {
            store,
            last_saved: current,
            fault: None,
            deferred_snapshot: None,
            read_only: false,
            team: None,
            cache_fresh: false,
            history_pending: false,
            rest: None,
        }
    }

    /// The app opened from the start cache's head ([`crate::team::cache::open_head`]): its
    /// histories come from `rest` after the first frame ([`Saver::load_history`]); until
    /// then no save and no cache is written.
    #[must_use]
    pub fn history_from(mut self, rest: crate::team::cache::Rest) -> Self {
        self.history_pending = true;
        self.rest = Some(rest);
        self.cache_fresh = true;
        self
    }

    /// Whether the histories are still to be read (or could not be): nothing is written then.
    pub fn history_pending(&self) -> bool {
        self.history_pending
    }

    /// Reads the histories the app opened without: from the cache, or if that fails its
    /// checks, from the working file (the cache is then written again at exit). `None` when
    /// none are pending; `Err` with the reason when neither could be read (nothing is saved
    /// then: the app must stop).
    pub fn load_history(&mut self) -> Option<Result<progress::Histories, String>> {
        let rest = self.rest.take()?;
        if let Some(histories) = rest.load() {
            self.history_pending = false;
            return Some(Ok(histories));
        }
        self.cache_fresh = false;
        let text = match self.store.load() {
            Ok(Some(text)) => text,
            Ok(None) => return Some(Err(format!("{} 不见了", self.store.path().display()))),
            Err(err) => return Some(Err(err.to_string())),
        };
        match progress::decode(&text) {
            Ok(decoded) => {
                let mut full = decoded.progress;
                self.last_saved = Some(SavedText::of(&text));
                self.history_pending = false;
                Some(Ok(progress::Histories {
                    sop_runs: std::mem::take(&mut full.sop_runs),
                    reviews: std::mem::take(&mut full.reviews),
                    rectifications: std::mem::take(&mut full.rectifications),
                }))
            }
            Err(err) => Some(Err(err.to_string())),
        }
    }

    /// The app started from the team start cache, which matches the file on disk.
    #[must_use]
    pub fn cache_fresh(mut self) -> Self {
        self.cache_fresh = true;
        self
    }

    /// Team mode, as the app leaves after its last save went through: writes the start cache
    /// for `progress` (what is on disk now), unless it already holds it. A failure costs only
    /// the next start's speed.
    pub fn store_cache(&mut self, progress: &progress::Progress) {
        if self.team.is_none() || self.read_only || self.cache_fresh || self.history_pending {
            return;
        }
        if let Some(saved) = self.last_saved {
            let path = crate::team::cache::path_for(self.store.path());
            // Stamped with the file as it is now: the next start trusts the cache unread.
            let stamp = crate::safe_fs::FileStamp::at(self.store.path());
            if crate::team::cache::store(&path, progress, saved, stamp).is_ok() {
                self.cache_fresh = true;
            }
        }
    }

    /// The same saver, writing nothing: every save succeeds without touching the disk (the
    /// app says the file is read-only and why; see [`progress::size`]).
    #[must_use]
    pub fn read_only(self) -> Self {
        Self {
            read_only: true,
            deferred_snapshot: None,
            ..self
        }
    }

    /// Team mode: saves also note when each field was edited, and the sync key works.
    pub fn with_team(mut self, link: team_link::TeamLink) -> Self {
        self.team = Some(link);
        self
    }

    pub fn team(&mut self) -> Option<&mut team_link::TeamLink> {
        self.team.as_mut()
    }

    /// Takes the start snapshot labelled `label` after the first frame (see [`run`]).
    pub fn snapshot_after_first_frame(mut self, label: String) -> Self {
        self.deferred_snapshot = Some(label);
        self
    }

    /// Takes the deferred start snapshot, if any. Like the snapshot taken before the terminal
    /// opens, a failure here costs only that history entry; the progress file is untouched.
    fn take_deferred_snapshot(&mut self) {
        if let Some(label) = self.deferred_snapshot.take() {
            let _ = self.store.snapshot(&label, SNAPSHOTS_KEPT);
        }
    }

    /// A saver whose every save goes through `fault`: the seam tests use to make the
    /// runtime's saves fail as a full disk, a read-only directory or a refused permission
    /// would. Normal runs use [`Saver::new`].
    pub fn with_fault(store: Store, current: Option<String>, fault: Fault) -> Self {
        Self {
            fault: Some(fault),
            ..Self::new(store, current)
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether the file is big enough that saves wait for a pause in input
    /// ([`progress::size::DEFER_SAVES_ABOVE`]): judged by the last text saved or loaded.
    pub fn defers(&self) -> bool {
        self.last_saved
            .is_some_and(|text| text.len > progress::size::DEFER_SAVES_ABOVE)
    }

    /// Saves `progress`; on failure returns the line the footer shows until a save works:
    /// the short reason first (an 80-column footer shows only the start), then the details.
    pub fn save(&mut self, progress: &progress::Progress) -> Result<(), String> {
        self.save_at(progress, team_link::now_ms())
    }

    /// [`Saver::save`] at wall time `at_ms` (epoch milliseconds): when the edits it writes
    /// were made, for team mode's change stamps.
    pub fn save_at(&mut self, progress: &progress::Progress, at_ms: u64) -> Result<(), String> {
        self.try_save_at(progress, at_ms).map_err(|err| {
            format!(
                "未能保存（{}）：更改仍在内存中，请勿退出；解决后按任意键写入。{err}",
                err.reason()
            )
        })
    }

    /// The last save, as the app exits: on failure the store's own words (the footer's advice
    /// to keep the app open no longer applies).
    pub fn save_at_exit(&mut self, progress: &progress::Progress) -> Result<(), String> {
        self.try_save_at(progress, team_link::now_ms())
            .map_err(|err| err.to_string())
    }

    fn try_save_at(
        &mut self,
        progress: &progress::Progress,
        at_ms: u64,
    ) -> Result<(), progress::StoreError> {
        if self.read_only || self.history_pending {
            return Ok(());
        }
        // What the text would be, by length and hash, without making it: a save that changes
        // nothing (every exit that follows no edit) costs no copy of the file in memory.
        let saved = SavedText::of_progress(progress);
        let changed = self.last_saved != Some(saved);
        // Team mode compares with what was saved before (only when something was written):
        // read back from disk at the first save, rather than kept from the start in memory.
        let previous = match &self.team {
            Some(link) if changed && link.needs_previous() && self.last_saved.is_some() => {
                self.store.load().ok().flatten()
            }
            _ => None,
        };
        let result = if changed {
            self.write(progress, saved).map(|()| true)
        } else {
            Ok(false)
        };
        if let (Ok(wrote), Some(link)) = (&result, &mut self.team)
            && (*wrote || link.has_pending())
        {
            link.saved(progress, at_ms, previous.as_deref());
        }
        result.map(|_| ())
    }

    /// Writes `progress`, whose text is `saved` long and hashes to it.
    fn write(
        &mut self,
        progress: &progress::Progress,
        saved: SavedText,
    ) -> Result<(), progress::StoreError> {
        let text = progress::encode_sized(progress, saved.len);
        let result = match &mut self.fault {
            Some(fault) => self.store.save_with_fault(&text, fault.as_mut()),
            None => self.store.save(&text),
        };
        if result.is_ok() {
            self.last_saved = Some(saved);
            self.cache_fresh = false;
        }
        result
    }
}

/// Neither the start cache nor the working file gave the histories the app opened without:
/// the loop stops before any input, and nothing is saved.
#[derive(Debug, thiserror::Error)]
#[error("读不出进度文件里的演练和访谈记录：{0}")]
pub struct HistoryUnreadable(pub String);

/// Runs the interactive loop until the user quits or the terminal goes away.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    saver: &mut Saver,
    theme: &Theme,
    inputs: &std::sync::mpsc::Receiver<Input>,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    // Timers measure with this monotonic clock; the wall clock only stamps records.
    let started = std::time::Instant::now();
    let at = || Moment {
        wall: crate::clock::now(),
        mono_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    };
    draw(terminal, app, theme)?;
    // Opened from the team start cache's head: the histories come in now, before any input
    // is handled (so no key acts on, and no save writes, a progress without them).
    if let Some(loaded) = saver.load_history() {
        match loaded {
            Ok(histories) => {
                app::update_at(app, Event::HistoriesLoaded(Box::new(histories)), at());
            }
            Err(why) => return Err(io::Error::other(HistoryUnreadable(why))),
        }
    }
    saver.take_deferred_snapshot();
    app::update_at(app, Event::Warmup, at());
    // A change to a big file waiting for a pause in input before it is written.
    let mut save_waiting = false;
    loop {
        let first = if app.wants_tick() || save_waiting {
            // Wake at the next whole second so a running timer's display stays exact.
            let millis = u64::from(crate::clock::now().and_utc().timestamp_subsec_millis());
            let tick = std::time::Duration::from_millis(1000u64.saturating_sub(millis).max(1));
            let quiet = std::time::Duration::from_millis(progress::size::QUIET_MS);
            let wait = match (app.wants_tick(), save_waiting) {
                (true, true) => tick.min(quiet),
                (false, true) => quiet,
                _ => tick,
            };
            match inputs.recv_timeout(wait) {
                Ok(input) => input,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if save_waiting => {
                    save_waiting = false;
                    let result = saver.save(&app.progress);
                    if result.is_err() != app.save_error.is_some() || result.is_err() {
                        app::update_at(app, Event::Saved(result), at());
                        if let Err(err) = draw(terminal, app, theme) {
                            return ended_meanwhile(inputs).ok_or(err);
                        }
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Input::Tick,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Ok(Exit::InputClosed);
                }
            }
        } else {
            match inputs.recv() {
                Ok(input) => input,
                Err(_) => return Ok(Exit::InputClosed),
            }
        };
        // Handle everything already queued (a paste, a burst of keys) before drawing once.
        let mut pending = vec![first];
        while let Ok(more) = inputs.try_recv() {
            pending.push(more);
        }
        let mut quit = None;
        let mut needs_save = false;
        let mut needs_sync = false;
        let mut needs_draw = false;
        // A hangup comes with SIGCONT (the kernel sends both): no terminal work then.
        let ending = pending
            .iter()
            .any(|i| matches!(i, Input::Signal(_) | Input::Closed));
        let mut needs_clear = false;
        for input in pending {
            let event = match input {
                Input::Signal(signal) => {
                    quit = Some(Exit::Signal(signal));
                    break;
                }
                Input::Closed => {
                    quit = Some(Exit::InputClosed);
                    break;
                }
                Input::Suspend | Input::Continued if ending => continue,
                Input::Suspend => {
                    if let Err(err) = suspend(terminal, app, saver) {
                        return ended_meanwhile(inputs).ok_or(err);
                    }
                    needs_draw = true;
                    continue;
                }
                Input::Terminal(crossterm::event::Event::Key(key))
                    if key.kind == crossterm::event::KeyEventKind::Press
                        && keymap::suspends(&key)
                        && !ending =>
                {
                    if let Err(err) = suspend(terminal, app, saver) {
                        return ended_meanwhile(inputs).ok_or(err);
                    }
                    needs_draw = true;
                    continue;
                }
                Input::Continued => {
                    if let Err(err) = terminal::resume().and_then(|()| redraw_whole(terminal)) {
                        return ended_meanwhile(inputs).ok_or(err);
                    }
                    needs_draw = true;
                    continue;
                }
                Input::Tick => Event::Tick,
                Input::Sync(team_link::SyncMsg::Stage(stage)) => Event::SyncStage(stage),
                Input::Sync(team_link::SyncMsg::Done(synced)) => match saver.team() {
                    Some(link) => Event::Synced(Box::new(link.finish(&synced, &app.progress))),
                    None => continue,
                },
                Input::Terminal(event) => match events::translate(event) {
                    Some(event) => event,
                    None => continue,
                },
            };
            needs_draw = true;
            for effect in app::update_at(app, event, at()) {
                match effect {
                    Effect::Save => needs_save = true,
                    Effect::Quit => quit = Some(Exit::Quit),
                    Effect::Redraw => needs_clear = true,
                    Effect::Sync => needs_sync = true,
                }
            }
            if quit.is_some() {
                break;
            }
        }
        // A big file is written once input pauses (or at once when quitting), so typing never
        // waits for the disk.
        if needs_save && quit.is_none() && app.save_error.is_none() && saver.defers() {
            save_waiting = true;
            needs_save = false;
        }
        // While saving fails, every key tries again: the user who freed space or fixed
        // permissions presses any key and sees the warning go.
        if needs_save || quit.is_some() || (needs_draw && app.save_error.is_some()) {
            save_waiting = false;
            let result = saver.save(&app.progress);
            if result.is_err() != app.save_error.is_some() || result.is_err() {
                app::update_at(app, Event::Saved(result), at());
                needs_draw = true;
            }
        }
        if let Some(exit) = quit {
            return Ok(exit);
        }
        // The sync starts from what is on disk: only once the save above went through.
        if needs_sync {
            start_sync(app, saver, at());
            needs_draw = true;
        }
        if needs_clear && let Err(err) = terminal.clear() {
            return ended_meanwhile(inputs).ok_or(io::Error::other(err));
        }
        if needs_draw && let Err(err) = draw(terminal, app, theme) {
            return ended_meanwhile(inputs).ok_or(err);
        }
    }
}

/// Starts the background sync, or tells the app why it cannot (progress not on disk).
fn start_sync(app: &mut App, saver: &mut Saver, at: Moment) {
    let failed = |line: String| crate::app::SyncDone {
        progress: None,
        members: Vec::new(),
        line,
        failed: true,
    };
    let done = if app.save_error.is_some() {
        Some(failed(
            "未同步：进度还没有写入磁盘。先解决保存问题，再按同步键".to_owned(),
        ))
    } else {
        match saver.team() {
            None => Some(failed("未同步：这不是团队模式".to_owned())),
            Some(link) => {
                // Only tests run it in place; then its messages are here already.
                let mut done = None;
                for msg in link.start(&app.progress) {
                    match msg {
                        team_link::SyncMsg::Stage(stage) => {
                            app::update_at(app, Event::SyncStage(stage), at);
                        }
                        team_link::SyncMsg::Done(synced) => {
                            done = Some(link.finish(&synced, &app.progress));
                        }
                    }
                }
                done
            }
        }
    };
    if let Some(done) = done {
        app::update_at(app, Event::Synced(Box::new(done)), at);
        let result = saver.save(&app.progress);
        if result.is_err() {
            app::update_at(app, Event::Saved(result), at);
        }
    }
}

/// After a failed write to the terminal: whether it failed because the terminal went away
/// (its hangup signal or the reader's end arrives within a moment), and how the loop ends then.
fn ended_meanwhile(inputs: &std::sync::mpsc::Receiver<Input>) -> Option<Exit> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match inputs.recv_timeout(left) {
            Ok(Input::Signal(signal)) => return Some(Exit::Signal(signal)),
            Ok(Input::Closed) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Some(Exit::InputClosed);
            }
            Ok(_) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return None,
        }
    }
}

/// Saves, gives the terminal back and stops; on `fg` takes the terminal again and forgets
/// what was on it, so the next frame is drawn whole.
fn suspend<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    saver: &mut Saver,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let result = saver.save(&app.progress);
    if result.is_err() || app.save_error.is_some() {
        app::update(app, Event::Saved(result), crate::clock::now());
    }
    terminal::suspend()?;
    redraw_whole(terminal)
}

/// Clears the screen and forgets the last frame, so the next draw writes every cell. Not
/// `Terminal::clear`, which asks the terminal where its cursor is and waits for the answer.
fn redraw_whole<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
        .map_err(io::Error::other)
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App, theme: &Theme) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal
        .draw(|frame| crate::app::render(frame, app, theme))
        .map(|_| ())
        .map_err(io::Error::other)
}
