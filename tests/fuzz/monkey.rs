//! A monkey at the keyboard: random bound keys, typed text (CJK, combining marks, control
//! characters), pastes, resizes and timer ticks, across every screen and every text field —
//! checklists, interview rehearsal, demo SOPs, rectifications, search, help. Nothing may panic,
//! every frame must draw at any size, and the progress must always be saveable: it encodes to
//! text that decodes to the same progress.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zizhi::app::{self, App, Effect, Event};
use zizhi::i18n::Lang;
use zizhi::keymap::{self, Key};
use zizhi::progress::{Progress, decode, encode};
use zizhi::theme::Theme;

use super::{config, content};

/// Every key bound anywhere, as the terminal delivers it.
fn bound_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = keymap::BINDINGS
        .iter()
        .chain(keymap::interview::BINDINGS)
        .flat_map(|b| b.keys.iter())
        .map(|key| match *key {
            Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Alt(code) => KeyEvent::new(code, KeyModifiers::ALT),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
        })
        .collect();
    keys.extend(
        [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Backspace,
            KeyCode::Delete,
        ]
        .map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
    );
    keys.extend(
        ['s', 'u', 'w', 'k'].map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
    keys.dedup();
    keys
}

#[derive(Debug, Clone)]
enum Move {
    Bound(usize),
    Type(String),
    Paste(String),
    Resize(u16, u16),
    /// A second passes (a running rehearsal timer ticks).
    Tick,
    /// Time jumps ahead (the user comes back the next day).
    Later(i64),
}

fn moves(bound: usize) -> impl Strategy<Value = Move> {
    prop_oneof![
        12 => (0..bound).prop_map(Move::Bound),
        // Typed a key at a time, so kept short; long text comes by paste.
        3 => super::input::typed().prop_map(|t| Move::Type(t.chars().take(40).collect())),
        1 => super::input::typed().prop_map(Move::Paste),
        1 => (20u16..130, 6u16..45).prop_map(|(w, h)| Move::Resize(w, h)),
        2 => Just(Move::Tick),
        1 => (1i64..200_000).prop_map(Move::Later),
    ]
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn random_keys_on_every_screen_never_panic_and_always_leave_saveable_progress(
        script in proptest::collection::vec(moves(bound_keys().len()), 1..120),
    ) {
        let keys = bound_keys();
        let mut now: NaiveDateTime = NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("date");
        let mut size = (80u16, 24u16);
        let mut app = App::new(content().clone(), Progress::default(), Lang::Zh, now, size);
        let theme = Theme::new(true, false);
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
        for (index, step) in script.into_iter().enumerate() {
            let mut events = Vec::new();
            match step {
                Move::Bound(i) => events.push(Event::Key(keys[i])),
                Move::Type(text) => events.extend(
                    text.chars().map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
                ),
                Move::Paste(text) => events.push(Event::Paste(text)),
                Move::Resize(w, h) => {
                    size = (w, h);
                    terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
                    events.push(Event::Resize(w, h));
                }
                Move::Tick => {
                    now += Duration::seconds(1);
                    events.push(Event::Tick);
                }
                Move::Later(seconds) => now += Duration::seconds(seconds),
            }
            // A quit is ignored: the monkey goes on exploring.
            for event in events {
                for effect in app::update(&mut app, event, now) {
                    if effect == Effect::Save {
                        let text = encode(&app.progress);
                        let back = decode(&text).expect("saved progress decodes");
                        prop_assert_eq!(&back.progress, &app.progress);
                    }
                }
            }
            if index % 4 == 0 {
                terminal
                    .draw(|frame| zizhi::app::render(frame, &app, &theme))
                    .expect("draw");
            }
        }
        prop_assert_eq!(app.size, size);
        terminal.draw(|frame| zizhi::app::render(frame, &app, &theme)).expect("draw");
    }
}
