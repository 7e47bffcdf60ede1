//! Benchmark of what every change in the app costs on disk: encoding a progress with 2 000
//! touched items and saving it with the store's atomic protocol (rolling backup, temp file,
//! fsync, rename, directory fsync) into a tempdir.
//!
//! Run with `cargo bench --bench progress`.

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

use zizhi::progress::{Progress, Status, Store, encode};

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

criterion_group!(benches, bench_save);
criterion_main!(benches);
