//! Team mode on a generated year of a 20-person team (≥ 100 000 recorded changes): reading and
//! merging every person file (what a sync that brought changes costs), recording own edits
//! against that state, and rebuilding the progress from the merged state.
//!
//! Run with `cargo bench --bench team`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/team_history.rs"]
mod team_history;

use zizhi::team::workspace::{self, Me, Team};

fn bench_team(c: &mut Criterion) {
    let content = zizhi::content::load_built_in().expect("content");
    let ids: Vec<String> = content.items().map(|r| r.item.id.to_string()).collect();
    let people = team_history::people(&ids);
    let tmp = tempfile::tempdir().expect("tempdir");
    let team = Team {
        root: tmp.path().to_owned(),
        me: Me {
            id: people[0].id.clone(),
            name: people[0].name.clone(),
            branch: "main".into(),
            remote: None,
        },
    };
    std::fs::create_dir_all(team.people_dir()).expect("dir");
    for person in &people {
        std::fs::write(
            team.people_dir().join(format!("{}.json", person.id)),
            zizhi::team::person::encode(person),
        )
        .expect("write");
    }
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
    team.save_counts(&merged.counts).expect("counts");
    let mut work = merged.progress.clone();
    work.item_mut(&ids[0]).note = "新的备注".into();
    group.bench_function("record_one_edit", |b| {
        b.iter(|| {
            // Recording appends to the own file; measure against a fresh copy each time.
            let (n, merged) = team.record(Some(&work), u64::MAX / 2).expect("record");
            black_box((n, merged))
        });
    });
    group.bench_function("progress_of_state", |b| {
        b.iter(|| black_box(workspace::progress_of(&merged.state, "王静").expect("progress")));
    });
    group.finish();
}

criterion_group!(benches, bench_team);
criterion_main!(benches);
