//! Drawing the app into a test terminal and reading the screen back as text, for the screen
//! tests and their 80×24 snapshots; and the one way those tests (and the app's) make an app
//! and press keys at a fixed moment ([`drive_at!`]).

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::app::{App, Effect, Event, update};
use crate::content::{FindingSource, Severity, load_built_in};
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification, RectificationStatus};
use crate::screens::Screen;
use crate::screens::checklist::ChecklistState;
use crate::theme::Theme;

/// An open rectification item from a self-check, of general severity, owned by `owner`;
/// everything else empty. Tests set what they need with `..rectification(…)`.
pub fn rectification(id: &str, title: &str, owner: &str) -> Rectification {
    Rectification {
        id: id.into(),
        uid: String::new(),
        title: title.into(),
        source: FindingSource::SelfCheck,
        link: String::new(),
        template: String::new(),
        severity: Severity::General,
        description: String::new(),
        root_cause: String::new(),
        action: String::new(),
        owner: owner.into(),
        due: None,
        evidence: String::new(),
        verifier: String::new(),
        status: RectificationStatus::Open,
        history: Vec::new(),
    }
}

/// The checklist screen on top; fails on any other.
pub fn checklist(app: &App) -> &ChecklistState {
    match app.screen() {
        Screen::Checklist(state) => state,
        other => panic!("expected a checklist, got {other:?}"),
    }
}

/// 09:30 on the given day.
pub fn at(year: i32, month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

/// The app on the built-in content with `progress`, in `lang`, at 80×24, started at `now`.
pub fn app_at(progress: Progress, lang: Lang, now: NaiveDateTime) -> App {
    let content = load_built_in().expect("built-in content loads");
    App::new(content, progress, lang, now, (80, 24))
}

/// Each of `keys` pressed (no modifier) at `now`; the effects of them all.
pub fn press_at(app: &mut App, keys: &[KeyCode], now: NaiveDateTime) -> Vec<Effect> {
    let mut effects = Vec::new();
    for code in keys {
        effects.extend(update(
            app,
            Event::Key(KeyEvent::new(*code, KeyModifiers::NONE)),
            now,
        ));
    }
    effects
}

/// Ctrl+`c` pressed at `now`.
pub fn ctrl_at(app: &mut App, c: char, now: NaiveDateTime) -> Vec<Effect> {
    update(
        app,
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        now,
    )
}

/// Defines, in the calling test module, `now()` (09:30 on the day given) and key helpers that
/// send their keys at `now()`: `press(app, &[KeyCode])`, `key(app, code)`, `ch(app, c)`,
/// `ctrl(app, c)` and `typed(app, text)`, each returning the effects; and `new_app(progress)`,
/// the app on the built-in content in Chinese at 80×24.
macro_rules! drive_at {
    ($year:expr, $month:expr, $day:expr) => {
        #[allow(dead_code)]
        fn now() -> chrono::NaiveDateTime {
            $crate::app::test_support::at($year, $month, $day)
        }

        #[allow(dead_code)]
        fn new_app(progress: $crate::progress::Progress) -> $crate::app::App {
            $crate::app::test_support::app_at(progress, $crate::i18n::Lang::Zh, now())
        }

        #[allow(dead_code)]
        fn press(
            app: &mut $crate::app::App,
            keys: &[crossterm::event::KeyCode],
        ) -> Vec<$crate::app::Effect> {
            $crate::app::test_support::press_at(app, keys, now())
        }

        #[allow(dead_code)]
        fn key(
            app: &mut $crate::app::App,
            code: crossterm::event::KeyCode,
        ) -> Vec<$crate::app::Effect> {
            press(app, &[code])
        }

        #[allow(dead_code)]
        fn ch(app: &mut $crate::app::App, c: char) -> Vec<$crate::app::Effect> {
            key(app, crossterm::event::KeyCode::Char(c))
        }

        #[allow(dead_code)]
        fn ctrl(app: &mut $crate::app::App, c: char) -> Vec<$crate::app::Effect> {
            $crate::app::test_support::ctrl_at(app, c, now())
        }

        #[allow(dead_code)]
        fn typed(app: &mut $crate::app::App, text: &str) -> Vec<$crate::app::Effect> {
            let keys: Vec<crossterm::event::KeyCode> =
                text.chars().map(crossterm::event::KeyCode::Char).collect();
            press(app, &keys)
        }
    };
}
pub(crate) use drive_at;

/// One frame of `app` at its size, drawn with `theme`.
pub fn draw_with(app: &App, theme: &Theme) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|frame| crate::app::render(frame, app, theme))
        .expect("draws");
    terminal.backend().buffer().clone()
}

/// The screen as lines of text; a wide character is written once, not once per cell.
pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// One frame as text, without colour, Unicode symbols.
pub fn draw(app: &App) -> String {
    text_of(&draw_with(app, &Theme::new(false, false)))
}

/// One frame as text, without colour; `ascii` picks the ASCII symbols.
pub fn draw_ascii(app: &App, ascii: bool) -> String {
    text_of(&draw_with(app, &Theme::new(false, ascii)))
}
