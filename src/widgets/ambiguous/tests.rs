//! `ZIZHI_AMBIGUOUS=wide`: a terminal that draws ambiguous symbols two columns wide puts every
//! cell of a widened frame in the column the layout gave it.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::*;
use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::Progress;
use crate::theme::Theme;

/// The cells a terminal that draws East Asian Ambiguous symbols two columns wide (Xshell,
/// SecureCRT in Chinese setups) would draw away from their laid-out column: `(x, y, symbol)`.
/// The cells written are those ratatui's diff writes (a wide or forced-width cell covers the
/// ones after it); the terminal moves on by each symbol's width there.
fn misplaced(buffer: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buffer.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut column = area.left();
        let mut x = area.left();
        while x < area.right() {
            let cell = &buffer[(x, y)];
            if column != x {
                out.push((x, y, cell.symbol().to_owned()));
                // Count each shift once, not again for every cell after it.
                column = x;
            }
            // Two columns for an ambiguous symbol (and the check marks CJK fonts draw wide).
            let cjk: usize = cell
                .symbol()
                .chars()
                .map(|c| {
                    if is_ambiguous(c) {
                        2
                    } else {
                        c.width().unwrap_or(0)
                    }
                })
                .sum();
            column = column.saturating_add(u16::try_from(cjk).unwrap_or(1));
            x = x.saturating_add(cell.cell_width().max(1));
        }
    }
    out
}

fn row(text: &str, width: u16) -> Buffer {
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
    ratatui::widgets::Widget::render(Paragraph::new(text), buffer.area, &mut buffer);
    buffer
}

/// The rows as text, a wide character once (not once per cell it covers).
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x = x.saturating_add(u16::try_from(symbol.width().max(1)).unwrap_or(1));
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_row_of_markers_drifts_right_in_a_cjk_terminal_unless_widened() {
    let line = "○ 未开始 ● 已完成 → 下一步 ★ 重点 · 3 项";
    let plain = row(line, 60);
    assert!(
        !misplaced(&plain).is_empty(),
        "laid out one column wide, the symbols push the row right"
    );
    let mut wide = plain.clone();
    widen(&mut wide);
    assert_eq!(misplaced(&wide), Vec::new(), "{}", text(&wide));
    // The symbols are still there, each measured two columns.
    for symbol in ["○", "●", "→", "★", "·"] {
        assert!(text(&wide).contains(symbol), "{symbol} kept");
    }
    let forced = wide
        .content()
        .iter()
        .filter(|c| matches!(c.diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2))
        .count();
    assert_eq!(forced, 5);
}

#[test]
fn a_symbol_with_no_blank_after_it_and_lines_become_stand_ins() {
    let mut buffer = row("逾期0·7天…│──", 20);
    widen(&mut buffer);
    assert_eq!(text(&buffer).trim_end(), "逾期0|7天~|--");
    assert_eq!(misplaced(&buffer), Vec::new());
}

#[test]
fn a_symbol_in_the_last_column_has_no_room_and_is_replaced() {
    let mut buffer = row("abc○", 4);
    widen(&mut buffer);
    assert_eq!(text(&buffer).trim_end(), "abco");
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn key(app: &mut App, code: KeyCode) {
    let _ = update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now(),
    );
}

/// The frame as the terminal gets it (the buffer ratatui diffs), drawn with `theme`.
fn frame(app: &App, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let completed = terminal
        .draw(|frame| crate::app::render(frame, app, theme))
        .expect("draws");
    completed.buffer.clone()
}

#[test]
fn every_row_of_the_app_stays_aligned_with_ambiguous_wide() {
    let content = load_built_in().expect("built-in content loads");
    let progress = Progress {
        operator: "王静".into(),
        ..Progress::default()
    };
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    let wide = Theme::ambiguous_wide(false);
    let unicode = Theme::new(false, false);
    let mut kept = 0;
    let mut drifted_without = 0;
    // The dashboard, a phase checklist, its help, the interview area and the rectification
    // list with a new item's form.
    let steps: [&[KeyCode]; 5] = [
        &[],
        &[KeyCode::Enter],
        &[KeyCode::F(1)],
        &[KeyCode::F(1), KeyCode::Char('3')],
        &[KeyCode::Char('5'), KeyCode::Char('a')],
    ];
    for keys in steps {
        for code in keys {
            key(&mut app, *code);
        }
        let buffer = frame(&app, &wide);
        assert_eq!(
            misplaced(&buffer),
            Vec::new(),
            "after {keys:?}:\n{}",
            text(&buffer)
        );
        kept += buffer
            .content()
            .iter()
            .filter(|c| matches!(c.diff_option, CellDiffOption::ForcedWidth(_)))
            .count();
        drifted_without += misplaced(&frame(&app, &unicode)).len();
    }
    assert!(kept > 0, "some symbols are drawn, two columns wide");
    assert!(
        drifted_without > 0,
        "drawn one column wide, the same screens drift in such a terminal"
    );
}
