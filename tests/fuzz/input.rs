//! Every text field the user can type into — the text input itself, the checklist's note,
//! owner, due-date and evidence editors, and the search box — under random keys and pastes:
//! control characters, very long lines, CJK, combining sequences, emoji. No panic, the cursor
//! stays inside the text and inside the area it is drawn in, and what is typed is what is kept.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use zizhi::app::{self, App, Event, Overlay, Screen};
use zizhi::i18n::Lang;
use zizhi::progress::Progress;
use zizhi::theme::Theme;
use zizhi::widgets::text_input::TextInput;

use super::{config, content};

/// Characters that trouble text handling.
const HARD: &[&str] = &[
    "保",
    "密",
    "，",
    "。",
    "Ａ",
    "a",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{0}",
    "\u{1b}",
    "\u{7f}",
    "\u{8}",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "👩\u{200d}💻",
    "🇨🇳",
    "\u{fe0f}",
    "\u{200b}",
    "\u{2028}",
    "\u{feff}",
    "ｶ",
    "\u{1100}\u{1161}",
    "😀",
];

/// Text as a user (or a paste) could enter it.
pub fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(HARD), 0..12).prop_map(|v| v.concat()),
        1 => proptest::collection::vec(any::<char>(), 0..12).prop_map(|v| v.into_iter().collect()),
        // A very long line.
        1 => (proptest::sample::select(HARD), 200usize..3000).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => proptest::sample::select(HARD)
            .prop_map(|s| KeyCode::Char(s.chars().next().unwrap_or('x'))),
        2 => any::<char>().prop_map(KeyCode::Char),
        3 => proptest::sample::select(vec![
            KeyCode::Enter, KeyCode::Backspace, KeyCode::Delete, KeyCode::Left, KeyCode::Right,
            KeyCode::Up, KeyCode::Down, KeyCode::Home, KeyCode::End, KeyCode::Tab,
            KeyCode::PageUp, KeyCode::PageDown,
        ]),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Fit(u16, u16),
    SetText(String),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (code(), modifiers()).prop_map(|(c, m)| Op::Key(c, m)),
        2 => typed().prop_map(Op::Paste),
        2 => (1u16..90, 1u16..30).prop_map(|(w, h)| Op::Fit(w, h)),
        1 => typed().prop_map(Op::SetText),
    ]
}

/// The invariants of a [`TextInput`] after any operation.
fn check_input(input: &TextInput, multiline: bool, max: Option<usize>, was_within: bool) {
    let text = input.text();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character got in: {text:?}"
    );
    if !multiline {
        assert!(
            !text.contains('\n'),
            "a newline in a single-line input: {text:?}"
        );
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let (row, col) = input.cursor();
    assert!(
        row < lines.len(),
        "cursor row {row} of {} lines",
        lines.len()
    );
    assert!(
        col <= lines[row].graphemes(true).count(),
        "cursor column {col} past the end of {:?}",
        lines[row]
    );
    if let (Some(max), true) = (max, was_within) {
        assert!(
            input.char_count() <= max,
            "{} chars > {max}",
            input.char_count()
        );
    }
    assert_eq!(input.char_count(), text.chars().count());
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn the_text_input_keeps_its_cursor_inside_the_text_and_the_area(
        multiline in any::<bool>(),
        max in proptest::option::of(0usize..64),
        start in typed(),
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let make = |s: &str| if multiline { TextInput::multi_line(s) } else { TextInput::single_line(s) };
        let mut input = make(&start);
        if let Some(max) = max {
            input.set_max_chars(Some(max));
        }
        let mut within = max.is_none_or(|m| input.char_count() <= m);
        check_input(&input, multiline, max, within);
        for op in ops {
            match op {
                Op::Key(code, modifiers) => {
                    input.handle_key(KeyEvent::new(code, modifiers));
                }
                Op::Paste(text) => input.insert_str(&text),
                Op::SetText(text) => {
                    input.set_text(&text);
                    within = max.is_none_or(|m| input.char_count() <= m);
                }
                Op::Fit(width, height) => {
                    input.ensure_cursor_visible(width, height);
                    let (x, y) = input.cursor_position(width);
                    prop_assert!(x < width, "cursor x {x} outside width {width}");
                    prop_assert!(y < height, "cursor y {y} outside height {height}");
                    let area = Rect::new(0, 0, width, height);
                    let mut buffer = Buffer::empty(area);
                    ratatui::widgets::Widget::render(&input, area, &mut buffer);
                    // A smaller buffer than the area must not panic either.
                    let mut small = Buffer::empty(Rect::new(0, 0, width / 2, height / 2));
                    ratatui::widgets::Widget::render(&input, area, &mut small);
                }
            }
            within = within && max.is_none_or(|m| input.char_count() <= m);
            check_input(&input, multiline, max, within);
        }
    }
}

/// Which text field of the app a case types into.
#[derive(Debug, Clone, Copy)]
enum Field {
    Note,
    Owner,
    Due,
    Evidence,
    Search,
}

fn field() -> impl Strategy<Value = Field> {
    proptest::sample::select(vec![
        Field::Note,
        Field::Owner,
        Field::Due,
        Field::Evidence,
        Field::Search,
    ])
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let now = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    app::update(app, Event::Key(KeyEvent::new(code, modifiers)), now);
}

/// What typing into the editor must have done to the item: live for text fields.
fn check_live_apply(app: &App) {
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        return;
    };
    let item = app
        .progress
        .item(&editor.item_id)
        .cloned()
        .unwrap_or_default();
    let typed = editor.text();
    let kept = match editor.field {
        zizhi::screens::editor::Field::Note => Some((item.note, typed)),
        zizhi::screens::editor::Field::Owner => Some((item.owner, typed.trim().to_owned())),
        zizhi::screens::editor::Field::Evidence => Some((item.evidence, typed.trim().to_owned())),
        zizhi::screens::editor::Field::Due => None,
    };
    if let Some((kept, typed)) = kept {
        assert_eq!(kept, typed, "what is typed is what is kept");
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_text_field_of_the_app_takes_any_input_and_draws_at_any_size(
        field in field(),
        ops in proptest::collection::vec(op(), 1..24),
        size in prop_oneof![Just((80u16, 24u16)), Just((120, 40)), (20u16..100, 6u16..40)],
    ) {
        let now = NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("date");
        let mut app = App::new(content().clone(), Progress::default(), Lang::Zh, now, size);
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
        let opener = match field {
            Field::Note => 'n',
            Field::Owner => 'o',
            Field::Due => 'd',
            Field::Evidence => 'e',
            Field::Search => '/',
        };
        press(&mut app, KeyCode::Char(opener), KeyModifiers::NONE);
        let theme = Theme::new(true, false);
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
        for (index, op) in ops.into_iter().enumerate() {
            let open = app.overlay.is_some() || matches!(app.screen(), Screen::Search(_));
            match op {
                Op::Key(code, modifiers) => press(&mut app, code, modifiers),
                Op::Paste(text) | Op::SetText(text) => {
                    app::update(&mut app, Event::Paste(text), now);
                }
                Op::Fit(w, h) => {
                    app::update(&mut app, Event::Resize(w.max(1), h.max(1)), now);
                    terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).expect("terminal");
                }
            }
            if open {
                check_live_apply(&app);
            }
            if index % 4 == 0 {
                terminal.draw(|frame| zizhi::app::render(frame, &app, &theme)).expect("draw");
            }
        }
        terminal.draw(|frame| zizhi::app::render(frame, &app, &theme)).expect("draw");
        // Whatever happened, the progress still encodes and decodes to itself.
        let text = zizhi::progress::encode(&app.progress);
        let back = zizhi::progress::decode(&text).expect("decodes");
        prop_assert_eq!(back.progress, app.progress.clone());
    }
}
