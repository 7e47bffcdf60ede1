//! Team mode on a generated year of a 20-person team (≥ 100 000 recorded changes): reading and
//! merging every person file (what a sync that brought changes costs), recording own edits
//! against that state, rebuilding the progress from the merged state, and opening that state
//! at start from the working file or from the start cache (whole, or its head before the
//! first frame and the histories after it).
//!
//! Run with `cargo bench --bench team`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/team_history.rs"]
mod team_history;

use zizhi::team::cache;
use zizhi::team::workspace;

fn bench_team(c: &mut Criterion) {
    let content = zizhi::content::load_built_in().expect("content");
    let ids: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let people = team_history::people(&ids);
    let tmp = tempfile::tempdir().expect("tempdir");
    let team = team_history::write_team(tmp.path(), &people);
    let mut group = c.benchmark_group("team_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("load_and_merge", |b| {
        b.iter(|| {
            let loaded = workspace::load_people(&team.people_dir());
            black_box(workspace::merge_people(loaded, &team.me))
        });
    });
    let (_, merged) = team.record(None, 0).expect("merge");
    team.save_counts(&merged.counts()).expect("counts");
    let mut work = merged.progress.clone();
    work.item_mut(&ids[0]).note = "新的备注".into();
    // The files as this merge left them, put back before each step below.
    let state_path = team.root.join("state.cache");
    let own_bytes = std::fs::read(team.own_file()).ok();
    let state_bytes = std::fs::read(&state_path).expect("state cache");
    let restore = |with_cache: bool| {
        match &own_bytes {
            Some(bytes) => std::fs::write(team.own_file(), bytes).expect("own file"),
            None => {
                let _ = std::fs::remove_file(team.own_file());
            }
        }
        if with_cache {
            std::fs::write(&state_path, &state_bytes).expect("state cache");
        } else {
            let _ = std::fs::remove_file(&state_path);
        }
    };
    group.bench_function("record_one_edit", |b| {
        b.iter_batched(
            || restore(false),
            |()| black_box(team.record(Some(&work), u64::MAX / 2).expect("record")),
            criterion::BatchSize::PerIteration,
        );
    });
    // The same from the state the last merge kept (`team/state.cache`): only the own file
    // is read again.
    group.bench_function("record_one_edit_from_state_cache", |b| {
        b.iter_batched(
            || restore(true),
            |()| black_box(team.record(Some(&work), u64::MAX / 2).expect("record")),
            criterion::BatchSize::PerIteration,
        );
    });
    // A sync's merge after fetching: one teammate brought 20 changes.
    let teammate = &people[1];
    let teammate_path = team.people_dir().join(format!("{}.json", teammate.id));
    let teammate_bytes = std::fs::read(&teammate_path).expect("teammate file");
    let mut grown = teammate.clone();
    let last = grown
        .changes
        .last()
        .map(|c| c.stamp.hlc)
        .unwrap_or_default();
    for (i, id) in ids.iter().take(20).enumerate() {
        grown.changes.push(zizhi::team::merge::Change {
            stamp: zizhi::team::clock::Stamp {
                hlc: zizhi::team::clock::Hlc {
                    ms: last.ms + 1 + i as u64,
                    c: 0,
                },
                who: teammate.id.clone(),
            },
            key: format!("items/{}/note", zizhi::team::flat::escape(id)),
            value: serde_json::json!("同步带来的备注"),
            prev: None,
        });
    }
    let grown_text = zizhi::team::person::encode(&grown);
    group.bench_function("merge_a_teammates_changes_from_state_cache", |b| {
        b.iter_batched(
            || {
                restore(true);
                std::fs::write(&teammate_path, &grown_text).expect("grown file");
            },
            |()| {
                let (_, merged) = team
                    .merge_step(None, u64::MAX / 2, &Default::default(), None)
                    .expect("merge");
                black_box(merged)
            },
            criterion::BatchSize::PerIteration,
        );
    });
    std::fs::write(&teammate_path, &teammate_bytes).expect("teammate file");
    restore(true);
    group.bench_function("progress_of_state", |b| {
        b.iter(|| black_box(workspace::progress_of(&merged.state, "王静").expect("progress")));
    });
    // Starting the app on this history: the working file (the merged state as JSON) against
    // the start cache made from it (`team::cache`), and writing that cache.
    let text = zizhi::progress::encode(&merged.progress);
    let source = cache::Source::of(&text);
    let bytes = cache::encode(&merged.progress, source, None);
    // As a start finds them on disk: the working file, and the cache stamped with it.
    let work = tmp.path().join("progress.json");
    std::fs::write(&work, &text).expect("working file");
    let stamp = zizhi::safe_fs::FileStamp::at(&work).expect("stamp");
    let cache_path = cache::path_for(&work);
    cache::store(&cache_path, &merged.progress, source, Some(stamp)).expect("cache");
    group.bench_function("start_from_working_file", |b| {
        b.iter(|| black_box(zizhi::progress::decode(&text).expect("decodes")));
    });
    group.bench_function("start_from_cache", |b| {
        b.iter(|| {
            black_box(
                cache::decode(&bytes, source, zizhi::progress::SCHEMA_VERSION).expect("cache"),
            )
        });
    });
    // What a warm start reads before its first frame, and what right after it.
    group.bench_function("first_frame_head_from_cache", |b| {
        b.iter(|| {
            black_box(
                cache::open_head(&cache_path, stamp, zizhi::progress::SCHEMA_VERSION)
                    .expect("head"),
            )
        });
    });
    group.bench_function("histories_after_first_frame", |b| {
        b.iter_batched(
            || cache::open_head(&cache_path, stamp, zizhi::progress::SCHEMA_VERSION).expect("head"),
            |head| black_box(head.rest.load().expect("histories")),
            criterion::BatchSize::PerIteration,
        );
    });
    group.bench_function("write_cache", |b| {
        b.iter(|| black_box(cache::encode(&merged.progress, source, Some(stamp))));
    });
    group.bench_function("escape_check", |b| {
        b.iter(|| black_box(zizhi::sanitize::needs_escaping(&merged.progress)));
    });
    group.finish();
}

criterion_group!(benches, bench_team);
criterion_main!(benches);
