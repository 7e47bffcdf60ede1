//! Benchmark of what every change in the app costs on disk: encoding a progress with 2 000
//! touched items and saving it with the store's atomic protocol (rolling backup, temp file,
//! fsync, rename, directory fsync) into a tempdir.
//!
//! And a progress file of a million notes (~160 MB, `support/big_progress.rs`): opening it
//! (read, decode, the dashboard's counts), `zizhi status` on it, a keystroke in the app (typing
//! a character into an item's note, with the frame drawn at 80×24; saves of a file this big
//! wait for a pause, and above the read-only limit there are none), the save at such a
//! pause, and `zizhi data compact`. The bounds: open under 2 s, a keystroke under 50 ms.
//!
//! Run with `cargo bench --bench progress` (`-- big` for the big file only).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zizhi::app::{App, Event, render, update};
use zizhi::i18n::Lang;
use zizhi::progress::{Progress, Status, Store, decode, encode};
use zizhi::theme::Theme;

#[path = "support/big_progress.rs"]
mod big_progress;

const TOUCHED: usize = 2_000;

fn progress() -> Progress {
    let mut progress = Progress::default();
    for n in 0..TOUCHED {
        let item = progress.item_mut(&format!("gen-item-{n:05}"));
        item.status = [Status::Done, Status::InProgress, Status::NotApplicable][n % 3];
        if n.is_multiple_of(2) {
            item.note = format!(
                "第 {n} 项：已与保密管理员核对原件，扫描件存于共享盘“资质/材料”目录。\n下周复核。"
            );
        }
        if n.is_multiple_of(4) {
            item.owner = "李工".to_owned();
            item.due = NaiveDate::from_ymd_opt(2026, 6, 1 + (n % 28) as u32);
        }
        if n.is_multiple_of(5) {
            item.evidence = format!("ZZ-2026-{n:04}");
        }
    }
    progress
}

fn bench_save(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
    let mut progress = progress();
    let size = encode(&progress).len();
    eprintln!(
        "progress file: {TOUCHED} items, {:.0} KiB",
        size as f64 / 1024.0
    );

    let mut group = c.benchmark_group("progress_2000_items");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    group.bench_function("encode", |b| {
        b.iter(|| black_box(encode(black_box(&progress))))
    });
    // As in the app: one field changes, then the whole file is encoded and saved, so every
    // save also refreshes the rolling backup.
    let mut flip = false;
    group.bench_function("encode_and_save", |b| {
        b.iter(|| {
            flip = !flip;
            progress.item_mut("gen-item-00000").status = if flip {
                Status::Done
            } else {
                Status::InProgress
            };
            store.save(&encode(&progress)).expect("save");
        });
    });
    group.finish();
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn bench_big(c: &mut Criterion) {
    let content = zizhi::content::load_built_in().expect("built-in content");
    let items: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let questions: Vec<String> = content
        .interview
        .questions
        .iter()
        .map(|q| q.id.to_string())
        .collect();
    let big = big_progress::progress(big_progress::MILLION, &items, &questions);
    let text = encode(&big);
    drop(big);
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
    store.ensure_dir().expect("dir");
    store.save(&text).expect("save");
    eprintln!(
        "progress file: {} notes, {:.0} MiB",
        big_progress::MILLION,
        text.len() as f64 / 1_048_576.0
    );
    let now = NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");

    let mut group = c.benchmark_group("progress_1m_notes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_millis(100));
    group.bench_function("open", |b| {
        b.iter(|| {
            let text = store.load().expect("load").expect("file");
            let progress = decode(&text).expect("decode").progress;
            black_box(zizhi::domain::summary::summarize(
                &content,
                &progress,
                now.date(),
            ))
        });
    });
    group.bench_function("status", |b| {
        b.iter(|| {
            let text = store.load().expect("load").expect("file");
            let progress = decode(&text).expect("decode").progress;
            let mut out = Vec::new();
            zizhi::cli::status::write_status(
                &mut out,
                &content,
                &progress,
                "progress.json",
                now,
                None,
                zizhi::cli::status::Form {
                    json: false,
                    lang: Lang::Zh,
                },
            )
            .expect("status");
            black_box(out)
        });
    });

    let progress = decode(&text).expect("decode").progress;
    let mut app = App::new(content.clone(), progress, Lang::Zh, now, (80, 24));
    let theme = Theme::new(false, false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    // The checklist, the first item's note editor.
    update(&mut app, key(KeyCode::Enter), now);
    update(&mut app, key(KeyCode::Char('n')), now);
    terminal.draw(|f| render(f, &app, &theme)).expect("draw");
    assert!(
        format!("{:?}", terminal.backend().buffer()).contains("备注"),
        "the note editor is open"
    );
    group.bench_function("keystroke", |b| {
        b.iter(|| {
            update(&mut app, key(KeyCode::Char('字')), now);
            terminal.draw(|f| render(f, &app, &theme)).expect("draw");
        });
    });
    group.bench_function("save_at_pause", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            app.progress.item_mut("retired-item-0099999").note = format!("{flip}");
            store.save(&encode(&app.progress)).expect("save");
        });
    });
    group.bench_function("compact", |b| {
        b.iter_batched(
            || app.progress.clone(),
            |mut progress| black_box(zizhi::progress::compact::compact(&mut progress)),
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench_save, bench_big);
criterion_main!(benches);
