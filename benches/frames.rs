//! A key and the frame it draws, on a generated year of a 20-person team (the issue's
//! key-to-screen case): `down`/`up` on the dashboard and in the team view (key 8), each as
//! `update` and a whole 80×24 frame through the runtime's backend into memory. The issue's
//! bound is 1 ms from key to screen, measured at the terminal; this is the app's share of it.
//!
//! Run with `cargo bench --bench frames`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[path = "support/team_history.rs"]
mod team_history;

use zizhi::app::{App, Event, TeamMode, render, update};
use zizhi::domain::team_summary::Member;
use zizhi::i18n::Lang;
use zizhi::theme::Theme;
use zizhi::tui::frugal_backend::FrugalBackend;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn bench_frames(c: &mut Criterion) {
    let content = zizhi::content::load_built_in().expect("content");
    let ids: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let people = team_history::people(&ids);
    let tmp = tempfile::tempdir().expect("tempdir");
    let team = team_history::write_team(tmp.path(), &people);
    let (_, merged) = team.record(None, 0).expect("merge");
    let now = NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let mut app = App::new(content, merged.progress, Lang::Zh, now, (80, 24));
    app.team = Some(TeamMode {
        members: people
            .iter()
            .map(|p| Member {
                name: p.name.clone(),
                last_sync: Some(now),
            })
            .collect(),
        syncing: None,
        failed: false,
    });
    let theme = Theme::new(true, false);
    // A fixed viewport: no terminal to ask for its size, the frame goes to memory.
    let mut terminal = Terminal::with_options(
        FrugalBackend::new(Vec::<u8>::new()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("terminal");
    let mut group = c.benchmark_group("frames_team_100k");
    // Down through the phases into the overdue list and back up, one key and frame each.
    let mut step = 0usize;
    let mut press = |app: &mut App, terminal: &mut Terminal<FrugalBackend<Vec<u8>>>| {
        step = (step + 1) % 60;
        let code = if step < 30 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        update(app, key(code), now);
        terminal
            .draw(|frame| render(frame, app, &theme))
            .expect("draws");
        terminal.backend_mut().writer_mut().clear();
    };
    group.bench_function("dashboard_key_and_frame", |b| {
        b.iter(|| press(&mut app, &mut terminal));
    });
    update(&mut app, key(KeyCode::Char('8')), now);
    group.bench_function("team_view_key_and_frame", |b| {
        b.iter(|| press(&mut app, &mut terminal));
    });
    black_box(&app);
    group.finish();
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
