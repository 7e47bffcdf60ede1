//! One module per screen: its state, how it reacts to input, and how it draws. Every screen
//! and dialog keeps the one [`Component`] contract (see [`contract`]); the table below is
//! the only list of them.

pub mod checklist;
pub mod contract;
pub mod dashboard;
pub mod editor;
pub mod help;
pub mod interview;
pub mod people;
pub mod rectify;
pub mod score;
pub mod search;
pub mod settings;
pub mod sop;
pub mod team;

pub use contract::{Component, Ctx, Effect, Env, Input, Outcome, Request};

use ratatui::Frame;

use crate::action::Area;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::theme::Theme;

use checklist::ChecklistState;
use dashboard::DashboardState;
use editor::EditorState;
use help::HelpState;
use interview::InterviewState;
use people::PeopleState;
use rectify::{RectifyOverlay, RectifyScreen};
use score::ScoreState;
use search::SearchState;
use sop::{RunnerState, SopDetailState, SopListState, StartForm};

/// Declares an enum of components and implements [`Component`] for it by handing every
/// call to the variant's state: adding a screen is adding a line.
macro_rules! components {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident($state:ty),)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub enum $name {
            $($(#[$vmeta])* $variant($state),)*
        }

        impl Component for $name {
            fn scope(&self) -> Scope {
                match self { $(Self::$variant(c) => Component::scope(c),)* }
            }
            fn title(&self, lang: Lang) -> &'static str {
                match self { $(Self::$variant(c) => Component::title(c, lang),)* }
            }
            fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
                match self { $(Self::$variant(c) => Component::handle(c, input, ctx),)* }
            }
            fn fit(&mut self, env: &Env) {
                match self { $(Self::$variant(c) => Component::fit(c, env),)* }
            }
            fn wants_tick(&self) -> bool {
                match self { $(Self::$variant(c) => Component::wants_tick(c),)* }
            }
            fn handles_back(&self) -> bool {
                match self { $(Self::$variant(c) => Component::handles_back(c),)* }
            }
            fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
                match self { $(Self::$variant(c) => Component::focused_input(c),)* }
            }
            fn form(&self) -> Option<&crate::widgets::form::Form> {
                match self { $(Self::$variant(c) => Component::form(c),)* }
            }
            fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
                match self { $(Self::$variant(c) => Component::render(c, frame, env, theme),)* }
            }
        }
    };
}

components! {
    /// One screen on the navigation stack.
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
        People(Box<PeopleState>),
        Team(team::TeamState),
    }
}

components! {
    /// A dialog drawn over the current screen that takes the keys first.
    pub enum Overlay {
        /// The `?` overlay.
        Help(HelpState),
        /// A checklist item's field.
        Editor(EditorState),
        Rectify(RectifyOverlay),
        /// Who plays each role before a rehearsal starts.
        SopStart(StartForm),
        /// The unit's settings (`,`).
        Settings(settings::SettingsForm),
    }
}

impl<T: Component> Component for Box<T> {
    fn scope(&self) -> Scope {
        (**self).scope()
    }
    fn title(&self, lang: Lang) -> &'static str {
        (**self).title(lang)
    }
    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        (**self).handle(input, ctx)
    }
    fn fit(&mut self, env: &Env) {
        (**self).fit(env)
    }
    fn wants_tick(&self) -> bool {
        (**self).wants_tick()
    }
    fn handles_back(&self) -> bool {
        (**self).handles_back()
    }
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        (**self).focused_input()
    }
    fn form(&self) -> Option<&crate::widgets::form::Form> {
        (**self).form()
    }
    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        (**self).render(frame, env, theme)
    }
}

/// Opens `area` over the dashboard; `phase` is the phase selected there (the checklists
/// open on it).
pub fn open_area(area: Area, ctx: &mut Ctx, phase: usize) -> Outcome {
    match area {
        Area::Dashboard => Outcome::none(),
        Area::Checklists => checklist::open(ctx, phase, None),
        Area::Interview => interview::open(ctx),
        Area::Sop => sop::open(),
        Area::Rectify => rectify::open(ctx),
        Area::Score => score::open(score::View::Score),
        Area::People => people::open(None),
        Area::Team => team::open(),
    }
}

/// Whether `a` and `b` draw the same at `env.size`: drawn off screen into memory (no
/// terminal), so a scroll that would show nothing new can be refused where it is asked for.
pub fn draws_same<C: Component>(a: &C, b: &C, env: &Env) -> bool {
    let draw = |c: &C| {
        let backend = ratatui::backend::TestBackend::new(env.size.0.max(1), env.size.1.max(1));
        let mut terminal = ratatui::Terminal::new(backend).ok()?;
        let theme = Theme::new(false, false);
        terminal
            .draw(|frame| c.render(frame, env, &theme))
            .ok()
            .map(|done| done.buffer.clone())
    };
    draw(a) == draw(b)
}

/// Clears the area under a popup, one column wider on each side: a double-width character
/// cut in half by the popup's edge would otherwise leave half a glyph on screen.
pub fn clear_popup(frame: &mut Frame, popup: ratatui::layout::Rect) {
    use unicode_width::UnicodeWidthStr;
    let area = frame.area();
    let x = popup.x.saturating_sub(1);
    let right = (popup.x + popup.width + 1).min(area.width);
    frame.render_widget(
        ratatui::widgets::Clear,
        ratatui::layout::Rect::new(x, popup.y, right - x, popup.height),
    );
    // A wide character starting just left of the cleared strip still reaches into it.
    if x > 0 {
        let buffer = frame.buffer_mut();
        for y in popup.y..popup.y.saturating_add(popup.height).min(area.height) {
            let cell = &mut buffer[(x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.reset();
            }
        }
    }
}

#[cfg(test)]
mod tests;
