//! Every key sent to every screen and every dialog: a key that changes anything (state,
//! progress, a notice) or asks the runtime for anything must have a row in the key map for
//! the scope it was pressed in, so the footer and `?` tell the truth. Printable characters
//! are exempt where the scope takes text (they are the text).

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::frame as footer;
use super::*;
use crate::content::load_built_in;
use crate::progress::Person;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn team() -> App {
    let content = load_built_in().expect("built-in content loads");
    let people = [
        ("张伟", "engineer"),
        ("李娜", "security-admin"),
        ("王强", "sys-admin"),
        ("赵敏", "auditor"),
    ]
    .iter()
    .map(|(name, role)| Person::roster_entry(name, vec![(*role).to_owned()]))
    .collect();
    let progress = Progress {
        people,
        operator: "张伟".to_owned(),
        ..Progress::default()
    };
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    app.seed = 20261125;
    app
}

/// The key a script token names: `<Enter>`, `<A-Enter>`, `<F1>`…, else one key per char.
fn named(token: &str) -> Option<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    Some(match token {
        "<Enter>" => plain(KeyCode::Enter),
        "<A-Enter>" => KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT),
        "<Esc>" => plain(KeyCode::Esc),
        "<Tab>" => plain(KeyCode::Tab),
        "<Down>" => plain(KeyCode::Down),
        "<Space>" => plain(KeyCode::Char(' ')),
        "<F1>" => plain(KeyCode::F(1)),
        _ => return None,
    })
}

/// Builds a state by pressing the keys of `script` (tokens separated by spaces) from the
/// start, as a user would.
fn reach(script: &str) -> App {
    reach_in(script, Lang::Zh)
}

/// [`reach`] with the interface in `lang`.
fn reach_in(script: &str, lang: Lang) -> App {
    let mut app = team();
    app.lang = lang;
    for token in script.split_whitespace() {
        let keys: Vec<KeyEvent> = match named(token) {
            Some(key) => vec![key],
            None => token
                .chars()
                .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                .collect(),
        };
        for key in keys {
            update(&mut app, Event::Key(key), now());
        }
    }
    app
}

/// Every screen and dialog: how to get there, and the scope it must be in.
const STATES: &[(&str, Scope)] = &[
    ("", Scope::Dashboard),
    ("?", Scope::Help),
    (",", Scope::Settings),
    ("7 ,", Scope::Settings),
    ("<Enter>", Scope::Checklist),
    ("<Enter> <Enter>", Scope::Checklist),
    ("<Enter> o", Scope::Editor),
    ("<Enter> d", Scope::Editor),
    ("<Enter> n", Scope::NoteEditor),
    ("<Enter> n <F1>", Scope::Help),
    ("/", Scope::Search),
    ("/ 保密", Scope::Search),
    ("3", Scope::IvHome),
    ("3 a", Scope::IvPrompt),
    ("3 a 刘洋 <Enter>", Scope::IvList),
    ("3 x", Scope::IvConfirm),
    ("3 c", Scope::IvList),
    ("3 s", Scope::IvStats),
    ("3 <Enter>", Scope::IvAnswer),
    ("3 <Enter> <Esc>", Scope::IvAsk),
    ("3 <Enter> <Esc> a", Scope::IvReveal),
    ("3 m", Scope::IvIntro),
    ("3 m <Esc> <Esc>", Scope::IvReport),
    ("4", Scope::SopList),
    ("4 <Enter>", Scope::SopDetail),
    ("4 r", Scope::SopStart),
    ("4 r <A-Enter>", Scope::SopRunner),
    ("4 r <A-Enter> v", Scope::SopPresenter),
    ("4 r <A-Enter> f", Scope::SopFlag),
    ("4 r <A-Enter> <Esc>", Scope::SopAbort),
    (
        "4 r <A-Enter> <Space> <Space> <Space> <Space> <Space> <Space> <Space> <Space> \
         <Space> <Space> <Space> <Space> <Space> <Space> <Space> <Space> <Space> <Space>",
        Scope::SopSummary,
    ),
    ("5", Scope::RectifyList),
    ("5 t", Scope::RectifyPicker),
    ("5 a", Scope::RectifyForm),
    ("5 a 标题 <Esc>", Scope::RectifyDetail),
    ("5 a 标题 <Esc> <Esc>", Scope::RectifyList),
    ("5 a 标题 <Esc> <Esc> f", Scope::RectifyFilter),
    ("5 u", Scope::RectifyDialog),
    ("5 w", Scope::RectifyDialog),
    ("6", Scope::Scoring),
    ("6 <Tab>", Scope::Gantt),
    ("6 <Tab> d", Scope::ScorePrompt),
    ("7", Scope::PeopleList),
    ("7 <Enter>", Scope::PeopleDetail),
    ("7 a", Scope::PeopleForm),
    ("7 d", Scope::PeopleConfirm),
    ("8", Scope::Team),
    ("8 <Enter>", Scope::Team),
];

/// Every key a user can press: letters, digits, punctuation, F-keys, arrows and the other
/// named keys, Ctrl+letters and Alt+letters (and Alt with the named keys).
fn every_key() -> Vec<KeyEvent> {
    let mut codes: Vec<KeyCode> = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain(" ?/[]-+.,;:'\"!@#$%^&*()_=<>\\|`~".chars())
        .map(KeyCode::Char)
        .collect();
    codes.extend((1..=12).map(KeyCode::F));
    codes.extend([
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    let mut keys: Vec<KeyEvent> = codes
        .iter()
        .map(|code| KeyEvent::new(*code, KeyModifiers::NONE))
        .collect();
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys.extend(
        ('a'..='z')
            .map(KeyCode::Char)
            .chain([KeyCode::Enter, KeyCode::Backspace, KeyCode::Esc])
            .map(|code| KeyEvent::new(code, KeyModifiers::ALT)),
    );
    keys
}

/// What a key may change: the stack, the dialog, the progress and the notice.
fn fingerprint(app: &App) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        app.screens, app.overlay, app.progress, app.notice
    )
}

/// A printable character typed where the scope takes text.
fn is_text(scope: Scope, key: &KeyEvent) -> bool {
    scope.takes_text()
        && matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn label(key: &KeyEvent) -> String {
    let code = match key.code {
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    match key.modifiers {
        KeyModifiers::CONTROL => format!("Ctrl+{code}"),
        KeyModifiers::ALT => format!("Alt+{code}"),
        _ => code,
    }
}

#[test]
fn every_state_of_the_list_is_reached_by_its_keys() {
    for (script, scope) in STATES {
        assert_eq!(reach(script).scope(), *scope, "after {script:?}");
    }
}

#[test]
fn every_key_that_acts_on_a_screen_or_dialog_has_a_row_in_the_key_map() {
    let keys = every_key();
    let mut gaps = Vec::new();
    for (script, _) in STATES {
        let mut start = reach(script);
        let scope = &start.scope();
        start.notice = None;
        let before = fingerprint(&start);
        for key in &keys {
            if keymap::suspends(key) {
                continue; // the runtime stops the process before the app sees it
            }
            let mut app = start.clone();
            let effects = update(&mut app, Event::Key(*key), now());
            let acted = !effects.is_empty() || fingerprint(&app) != before;
            if acted && !is_text(*scope, key) && !keymap::documented(*scope, key) {
                gaps.push(format!("{scope:?} after {script:?}: {}", label(key)));
            }
        }
    }
    assert!(
        gaps.is_empty(),
        "{} keys act without a key-map row:\n{}",
        gaps.len(),
        gaps.join("\n")
    );
}

/// The last row of `app` drawn at 80×24, without spaces (a wide character's second cell is
/// drawn as one).
fn drawn_footer(app: &App) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| render(frame, app, &crate::theme::Theme::new(false, false)))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..80)
        .map(|x| buffer[(x, 23)].symbol())
        .collect::<String>()
        .split_whitespace()
        .collect()
}

#[test]
fn every_footer_fits_80_columns_in_both_languages_and_keeps_the_help_key() {
    for lang in [Lang::Zh, Lang::En] {
        for (script, _) in STATES {
            let mut app = reach_in(script, lang);
            app.notice = None;
            let keys = footer::footer_keys(&app, 80);
            let width: usize = keys
                .iter()
                .map(|(key, text)| {
                    use unicode_width::UnicodeWidthStr;
                    format!(" {key} {text} ").width()
                })
                .sum();
            assert!(width <= 80, "{lang:?} {script:?}: {width} columns");
            let help = Action::Help.short(lang);
            let has_help = keymap::footer(app.scope(), lang)
                .iter()
                .any(|(_, text)| *text == help);
            let drawn = drawn_footer(&app);
            for (key, text) in &keys {
                let piece: String = format!("{key}{text}").split_whitespace().collect();
                assert!(
                    drawn.contains(&piece),
                    "{lang:?} {script:?}: {piece} in {drawn}"
                );
            }
            if has_help {
                assert!(
                    keys.iter().any(|(_, text)| *text == help),
                    "{lang:?} {script:?}: the help key was dropped: {drawn}"
                );
            }
        }
    }
}

/// Where text written in `row` was cut at a right edge without "…": `(x, text of the row)`.
///
/// A cut that ratatui makes silently (a `Paragraph` clipped at its area) shows as text that
/// runs into the right edge of the screen or of a box: the last column, or the cell before a
/// box's right border (a `│` with another `│` to its left on the row). Text cut through the
/// one truncation helper ends there in "…" instead. So a letter, digit or punctuation mark in
/// such a cell with text just before it is a cut without "…"; a line that ends exactly at the
/// edge with a whole word would be one too, and is laid out to end short of it. A cut made
/// right after a space leaves a blank at the edge and is not seen by this check.
fn cut_without_ellipsis(buffer: &ratatui::buffer::Buffer, y: u16) -> Option<(u16, String)> {
    let width = buffer.area.width;
    let symbol = |x: u16| buffer[(x, y)].symbol();
    let is_text = |s: &str| {
        s.chars().next().is_some_and(|c| {
            !c.is_whitespace() && c != '…' && !matches!(c, '\u{2500}'..='\u{259F}')
        })
    };
    let row: String = (0..width).map(symbol).collect();
    let mut edges = vec![width - 1];
    let bars: Vec<u16> = (0..width).filter(|x| symbol(*x) == "│").collect();
    edges.extend(bars.iter().skip(1).filter_map(|x| x.checked_sub(1)));
    edges
        .into_iter()
        .find(|&x| x > 0 && is_text(symbol(x)) && is_text(symbol(x - 1)))
        .map(|x| (x, row))
}

#[test]
fn no_english_body_line_is_cut_at_80_columns_without_an_ellipsis() {
    let theme = crate::theme::Theme::new(false, false);
    let mut found = Vec::new();
    // Every screen and dialog, and the rectification screens with an item from a template
    // (its form, detail, list and closing dialog hold the longest texts).
    let with_data = [
        "5 t <Enter>",
        "5 t <Enter> <Esc>",
        "5 t <Enter> <Esc> s s s",
        "5 t <Enter> <Esc> <Esc>",
        "5 t <Enter> <Esc> e <Tab>",
        "6 <Tab> c",
    ];
    let scripts = STATES.iter().map(|(script, _)| *script).chain(with_data);
    for script in scripts {
        let mut app = reach_in(script, Lang::En);
        app.notice = None;
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
        let completed = terminal
            .draw(|frame| render(frame, &app, &theme))
            .expect("draw");
        let buffer = completed.buffer.clone();
        // The same state 20 columns wider: a row whose 80 columns are the same and whose
        // text goes on past them was clipped at the edge, even right after a space.
        update(&mut app, Event::Resize(100, 24), now());
        let mut wide =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).expect("terminal");
        let wider = wide
            .draw(|frame| render(frame, &app, &theme))
            .expect("draw")
            .buffer
            .clone();
        for y in 0..24 {
            if let Some((x, row)) = cut_without_ellipsis(&buffer, y) {
                found.push(format!("{script:?} row {y} col {x}: {row}"));
                continue;
            }
            let same = (0..80).all(|x| buffer[(x, y)].symbol() == wider[(x, y)].symbol());
            // What the wider row has next (a rule drawn to the edge is no text).
            let next: String = (80..100)
                .map(|x| wider[(x, y)].symbol())
                .collect::<String>()
                .trim_start()
                .chars()
                .take(1)
                .collect();
            let goes_on = !next.is_empty() && !next.starts_with('─');
            // Wrapped, not cut: the narrower frame's next row starts with it.
            let wrapped = y + 1 < 24
                && (0..80)
                    .map(|x| buffer[(x, y + 1)].symbol())
                    .collect::<String>()
                    .trim_start()
                    .starts_with(&next);
            if same && goes_on && !wrapped {
                let row: String = (0..100).map(|x| wider[(x, y)].symbol()).collect();
                found.push(format!("{script:?} row {y} goes on past 80 columns: {row}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_cut_check_sees_a_clipped_line_and_passes_an_ellipsis() {
    use ratatui::widgets::{Block, Borders, Paragraph, Widget};
    let area = ratatui::layout::Rect::new(0, 0, 30, 3);
    let boxed = ratatui::layout::Rect::new(0, 0, 32, 3);
    let mut buffer = ratatui::buffer::Buffer::empty(boxed);
    Paragraph::new("A verifier confirms the fix works")
        .block(Block::new().borders(Borders::ALL))
        .render(boxed, &mut buffer);
    assert!(
        cut_without_ellipsis(&buffer, 1).is_some(),
        "clipped in a box"
    );
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    Paragraph::new(crate::widgets::truncate::truncate(
        "A verifier confirms the fix works",
        30,
    ))
    .render(area, &mut buffer);
    assert_eq!(cut_without_ellipsis(&buffer, 0), None, "cut with …");
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    Paragraph::new("A verifier confirms the fix works").render(area, &mut buffer);
    assert!(
        cut_without_ellipsis(&buffer, 0).is_some(),
        "clipped at the edge"
    );
}
