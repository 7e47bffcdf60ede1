//! Benchmarks on a generated 10 000-item content set (and the built-in set): loading
//! (parse + validate, and opening the compiled file that later starts use), drawing one frame
//! at 80×24, and search per keystroke over the mapped texts.
//!
//! Run with `cargo bench --bench content`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use zizhi::app::App;
use zizhi::app::render;
use zizhi::content::{BUILT_IN, Content, ContentSource, compiled, load_sources};
use zizhi::i18n::Lang;
use zizhi::progress::{Progress, Status};
use zizhi::screens::search::SearchIndex;
use zizhi::theme::Theme;

#[path = "support/generated.rs"]
mod generated;
use generated::{ITEMS, generated_sources};

fn built_in_sources() -> Vec<(String, String)> {
    BUILT_IN
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect()
}

fn generated_content() -> Content {
    let content = load_sources(ContentSource::BuiltIn, generated_sources())
        .unwrap_or_else(|problems| panic!("generated content is invalid:\n{problems}"));
    assert_eq!(content.item_count(), ITEMS);
    content
}

/// Writes `content` as a compiled file in a temporary directory (kept alive by the caller).
fn compile(content: &Content) -> (tempfile::TempDir, std::path::PathBuf, compiled::Key) {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = [7; 16];
    let path = compiled::write(dir.path(), &key, &mut content.clone()).expect("compiles");
    (dir, path, key)
}

/// The generated set as a start after the first sees it: opened from its compiled file.
fn generated_compiled() -> (tempfile::TempDir, Content) {
    let (dir, path, key) = compile(&generated_content());
    let content = compiled::open(&path, &key, ContentSource::BuiltIn).expect("opens");
    (dir, content)
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 5, 11)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

/// Progress touching every fifth item, some with due dates around `now`.
fn touched_progress(content: &Content) -> Progress {
    let mut progress = Progress::default();
    let today = now().date();
    for (index, r) in content
        .items()
        .enumerate()
        .filter(|(i, _)| i.is_multiple_of(5))
    {
        let item = progress.item_mut(&r.item.id);
        item.status = [
            Status::Done,
            Status::InProgress,
            Status::NotApplicable,
            Status::Todo,
        ][index % 4];
        if index.is_multiple_of(3) {
            item.due = today.checked_add_signed(chrono::Duration::days((index % 30) as i64 - 10));
            item.owner = "王工".to_owned();
        }
    }
    progress
}

fn bench_load(c: &mut Criterion) {
    let generated = generated_sources();
    let bytes: usize = generated.iter().map(|(_, t)| t.len()).sum();
    eprintln!(
        "generated content: {ITEMS} items, {:.1} MiB of YAML",
        bytes as f64 / (1 << 20) as f64
    );
    let built_in = built_in_sources();

    let mut group = c.benchmark_group("load_sources");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    group.bench_function("generated_10000_items", |b| {
        b.iter_batched(
            || generated.clone(),
            |sources| black_box(load_sources(ContentSource::BuiltIn, sources).expect("valid")),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("built_in", |b| {
        b.iter_batched(
            || built_in.clone(),
            |sources| black_box(load_sources(ContentSource::BuiltIn, sources).expect("valid")),
            BatchSize::LargeInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("open_compiled");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for (name, content) in [
        ("generated_10000_items", generated_content()),
        (
            "built_in",
            load_sources(ContentSource::BuiltIn, built_in).expect("valid"),
        ),
    ] {
        let (_dir, path, key) = compile(&content);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        eprintln!("compiled {name}: {size} bytes");
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(compiled::open(&path, &key, ContentSource::BuiltIn).expect("opens"))
            })
        });
    }
    group.finish();
}

/// Loads content the way a start does and draws the first frame (the dashboard at 80×24).
fn first_frame(dir: Option<&std::path::Path>, cache: &std::path::Path, theme: &Theme) {
    let content = compiled::load(dir, Some(cache)).expect("opens");
    let app = App::new(content, Progress::default(), Lang::Zh, now(), (80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| render(frame, &app, theme))
        .expect("draw");
    black_box(terminal);
}

/// What a start costs before its first frame, minus process start and terminal set-up:
/// for 10 000 items, hashing 8.5 MB of YAML to find the compiled file and opening it
/// (checksum, spine); for the built-in set, opening the copy compiled into the binary; then
/// building the app and drawing the dashboard at 80×24.
fn bench_first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    let theme = Theme::new(true, false);
    let cache = tempfile::tempdir().expect("cache dir");

    let source = tempfile::tempdir().expect("temp dir");
    for (name, text) in generated_sources() {
        std::fs::write(source.path().join(name), text).expect("writes");
    }
    compiled::load(Some(source.path()), Some(cache.path())).expect("compiles");
    group.bench_function("generated_10000_items", |b| {
        b.iter(|| first_frame(Some(source.path()), cache.path(), &theme))
    });
    group.bench_function("built_in", |b| {
        b.iter(|| first_frame(None, cache.path(), &theme))
    });
    group.finish();
}

fn bench_render(c: &mut Criterion) {
    let (_dir, content) = generated_compiled();
    let progress = touched_progress(&content);
    let theme = Theme::new(true, false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");

    let mut group = c.benchmark_group("render_80x24");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));

    let app = App::new(content.clone(), progress.clone(), Lang::Zh, now(), (80, 24));
    group.bench_function("dashboard_10000_items", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render(frame, &app, &theme))
                .expect("draw");
        });
    });

    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    app.go_to(zizhi::app::Area::Checklists);
    group.bench_function("checklist_10000_items", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render(frame, &app, &theme))
                .expect("draw");
        });
    });
    group.finish();
}

fn bench_search(c: &mut Criterion) {
    let (_dir, content) = generated_compiled();
    let mut group = c.benchmark_group("search_10000_items");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    group.bench_function("build_index", |b| {
        b.iter(|| black_box(SearchIndex::build(&content)))
    });
    let index = SearchIndex::build(&content);
    for query in ["保密", "门禁报警", "cisp"] {
        eprintln!(
            "search {query:?}: {} matches",
            index.search(&content, query).len()
        );
        group.bench_function(format!("query_{query}"), |b| {
            b.iter(|| black_box(index.search(&content, black_box(query))));
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_load,
    bench_first_frame,
    bench_render,
    bench_search
);
criterion_main!(benches);
