//! The runner's state and keys: step done, back, pause, flag with a note, presenter view and
//! abort. Every change is written into progress at once (see [`sop_run::store`]).

use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::action::{Action, Dl};
use crate::domain::sop_run::{self, ActiveRun, Advance};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

const FLAG_MAX_CHARS: usize = 200;

/// The note being typed for a flag, and what it was before it was opened.
#[derive(Debug, Clone)]
pub struct FlagInput {
    pub input: TextInput,
    pub original: String,
}

#[derive(Debug, Clone)]
pub struct RunnerState {
    /// Index of the SOP in the content.
    pub sop: usize,
    pub run: ActiveRun,
    /// Where the run's record sits in `progress.sop_runs`.
    pub record: usize,
    pub presenter: bool,
    /// Rows scrolled in the step text (or the result table once the run is over).
    pub scroll: u16,
    pub flag_input: Option<FlagInput>,
    pub confirm_abort: bool,
}

impl RunnerState {
    pub fn new(sop: usize, run: ActiveRun, record: usize) -> Self {
        Self {
            sop,
            run,
            record,
            presenter: false,
            scroll: 0,
            flag_input: None,
            confirm_abort: false,
        }
    }

    pub fn scope(&self) -> Scope {
        if self.confirm_abort {
            Scope::SopAbort
        } else if self.flag_input.is_some() {
            Scope::SopFlag
        } else if self.run.is_over() {
            Scope::SopSummary
        } else if self.presenter {
            Scope::SopPresenter
        } else {
            Scope::SopRunner
        }
    }

    /// Clocks are visible and counting. The presenter view shows no clock, so it needs no
    /// ticks and stays silent.
    pub fn ticking(&self) -> bool {
        self.run.is_running() && !self.presenter
    }

    pub fn is_typing(&self) -> bool {
        self.flag_input.is_some()
    }

    pub fn confirming_abort(&self) -> bool {
        self.confirm_abort
    }
}

impl Component for RunnerState {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        self.flag_input.as_ref().map(|f| &f.input)
    }

    fn scope(&self) -> Scope {
        RunnerState::scope(self)
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("演示预演", "Demo rehearsal")
    }

    /// The flag note and the abort question take the keys first.
    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Key(key) if self.is_typing() || self.confirming_abort() => {
                self.handle_key(key, ctx)
            }
            Input::Action(action) => self.apply(action, ctx),
            Input::Paste(text) => self.paste(&text, ctx),
            _ => Outcome::none(),
        }
    }

    fn wants_tick(&self) -> bool {
        self.ticking()
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        if self.run.is_over() {
            super::summary_view::render(frame, env, self, theme);
        } else {
            super::runner_view::render(frame, env, self, theme);
        }
    }
}

impl RunnerState {
    /// Writes the run into progress and asks for a save.
    fn save(&mut self, progress: &mut Progress) -> Outcome {
        self.record = sop_run::store(progress, &self.run, Some(self.record));
        Outcome::save()
    }

    fn apply(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let now = ctx.moment();
        if self.run.is_over() {
            match action {
                Action::StartRun => return super::ask_to_start(ctx, self.sop, true),
                Action::ScrollDetailDown | Action::Down => {
                    self.scroll = self.scroll.saturating_add(1);
                }
                Action::ScrollDetailUp | Action::Up => {
                    self.scroll = self.scroll.saturating_sub(1);
                }
                _ => {}
            }
            return Outcome::none();
        }
        match action {
            Action::StepDone => {
                match self.run.next(now) {
                    Advance::Moved => self.scroll = 0,
                    Advance::Finished => {
                        self.scroll = 0;
                        self.presenter = false;
                    }
                    Advance::Ignored => return Outcome::none(),
                }
                self.save(ctx.progress)
            }
            Action::StepBack => {
                if self.run.back(now) {
                    self.scroll = 0;
                    self.save(ctx.progress)
                } else {
                    Outcome::none()
                }
            }
            Action::TogglePause => {
                if self.run.toggle_pause(now) {
                    self.save(ctx.progress)
                } else {
                    Outcome::none()
                }
            }
            Action::FlagStep => {
                let original = self.run.flag(self.run.current()).unwrap_or("").to_owned();
                self.flag_input = Some(FlagInput {
                    input: TextInput::single_line(&original).with_max_chars(FLAG_MAX_CHARS),
                    original,
                });
                Outcome::none()
            }
            Action::TogglePresenter => {
                self.presenter = !self.presenter;
                Outcome::none()
            }
            Action::AbortRun => {
                self.confirm_abort = true;
                Outcome::none()
            }
            Action::ScrollDetailDown => {
                self.scroll = self.scroll.saturating_add(1);
                Outcome::none()
            }
            Action::ScrollDetailUp => {
                self.scroll = self.scroll.saturating_sub(1);
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    /// Keys while the flag note is open or the abort question is asked.
    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let now = ctx.moment();
        let lang = ctx.lang;
        if self.confirm_abort {
            return match crate::keymap::own(Scope::SopAbort, &key) {
                Some(Action::Dialog(Dl::Yes)) => {
                    self.confirm_abort = false;
                    self.run.abort(now);
                    let done = self.run.record().steps_done();
                    let total = self.run.len();
                    if done == 0 {
                        // Nothing was rehearsed: no 未完成 record (flags stay as findings).
                        sop_run::store(ctx.progress, &self.run, Some(self.record));
                        sop_run::discard(ctx.progress, &self.run, Some(self.record));
                        return Outcome::save().and(Request::Pop).and(Request::Notice(
                            lang.t(
                                "已中止预演：还没有完成任何步骤，未留下记录",
                                "Run aborted before any step was done: nothing kept",
                            )
                            .to_owned(),
                        ));
                    }
                    self.save(ctx.progress)
                        .and(Request::Pop)
                        .and(Request::Notice(format!(
                            "{} {done}/{total} {}",
                            lang.t("已中止预演：完成", "Run aborted:"),
                            lang.t(
                                "步，记录已保留为「未完成」",
                                "steps done, kept as unfinished"
                            )
                        )))
                }
                Some(Action::Dialog(Dl::No)) => {
                    self.confirm_abort = false;
                    Outcome::none()
                }
                _ => Outcome::none(),
            };
        }
        let Some(flag) = self.flag_input.as_mut() else {
            return Outcome::none();
        };
        // Ctrl+R: the note as it was when opened, as in every form.
        if crate::keymap::own(Scope::SopFlag, &key) == Some(Action::RestoreField) {
            let original = flag.original.clone();
            flag.input.set_text(&original);
            return if self.run.set_flag(&original, now.wall) {
                self.save(ctx.progress)
            } else {
                Outcome::none()
            };
        }
        match flag.input.handle_key(key) {
            InputOutcome::Edited => self.set_flag_from_input(ctx),
            InputOutcome::Submit => {
                let outcome = self.set_flag_from_input(ctx);
                self.flag_input = None;
                outcome
            }
            // Esc keeps what was typed (it was written as typed), like every form.
            InputOutcome::Cancel => {
                self.flag_input = None;
                Outcome::none()
            }
            InputOutcome::Moved | InputOutcome::Ignored => Outcome::none(),
        }
    }

    /// The note as typed so far becomes the step's flag (and its pending finding).
    fn set_flag_from_input(&mut self, ctx: &mut Ctx) -> Outcome {
        let text = self
            .flag_input
            .as_ref()
            .map(|f| f.input.text())
            .unwrap_or_default();
        if self.run.set_flag(&text, ctx.now) {
            self.save(ctx.progress)
        } else {
            Outcome::none()
        }
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) -> Outcome {
        let Some(flag) = self.flag_input.as_mut() else {
            return Outcome::none();
        };
        flag.input.insert_str(text);
        self.set_flag_from_input(ctx)
    }
}
