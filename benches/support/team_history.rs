//! A generated team history: 20 people over a year, at least 100 000 recorded changes of
//! checklist items, rectifications, interview reviews and demo rehearsals, as their person
//! files. Deterministic (a fixed-seed generator), so benchmarks compare like with like.

use std::collections::HashMap;

use serde_json::{Value, json};
use zizhi::team::clock::{Hlc, Stamp};
use zizhi::team::merge::Change;
use zizhi::team::person::PersonFile;

pub const PEOPLE: usize = 20;
pub const CHANGES: usize = 100_000;

const NAMES: [&str; PEOPLE] = [
    "王静", "张伟", "李娜", "刘芳", "陈磊", "杨洋", "赵磊", "黄敏", "周杰", "吴刚", "徐丽", "孙强",
    "胡军", "朱琳", "高峰", "林涛", "何平", "郭勇", "马超", "罗兰",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn person_id(p: usize) -> String {
    format!("p-{:016x}", 0x5eed_0000_0000_0000_u64 + p as u64)
}

/// The person files of the generated history; `item_ids` are the content's item ids.
pub fn people(item_ids: &[String]) -> Vec<PersonFile> {
    let mut rng = Rng(0x2026_1203);
    let start_ms: u64 = 1_764_547_200_000; // 2025-12-01
    let year_ms: u64 = 365 * 24 * 3600 * 1000;
    let step = year_ms / CHANGES as u64;
    let mut files: Vec<PersonFile> = (0..PEOPLE)
        .map(|p| PersonFile {
            id: person_id(p),
            name: NAMES[p].to_owned(),
            changes: Vec::new(),
        })
        .collect();
    let mut last: HashMap<String, Stamp> = HashMap::new();
    let mut rects: Vec<String> = Vec::new();
    let statuses = ["todo", "in_progress", "done", "not_applicable"];
    let mut t = 0usize;
    while t < CHANGES {
        let p = rng.below(PEOPLE);
        let who = person_id(p);
        let ms = start_ms + t as u64 * step;
        let mut batch: Vec<(String, Value)> = Vec::new();
        let day = 1 + (t / 400) % 28;
        let month = 1 + (t / 11_000) % 12;
        match rng.below(10) {
            0..=5 => {
                let item = &item_ids[rng.below(item_ids.len())];
                let (field, value) = match rng.below(5) {
                    0 => ("status", json!(statuses[rng.below(4)])),
                    1 => ("owner", json!(NAMES[rng.below(PEOPLE)])),
                    2 => (
                        "note",
                        json!(format!("第 {t} 次修改：已与保密管理员核对原件。")),
                    ),
                    3 => ("due", json!(format!("2026-{month:02}-{day:02}"))),
                    _ => ("evidence", json!(format!("BM-2026-{:04}", t % 10_000))),
                };
                batch.push((format!("items/{item}/{field}"), value));
            }
            6 if rects.len() < 2_000 => {
                let id = format!("ZG-{:04}", rects.len() + 1);
                let prefix = format!("rectifications/@{id}");
                batch.push((prefix.clone(), json!(true)));
                batch.push((format!("{prefix}/id"), json!(id)));
                batch.push((
                    format!("{prefix}/title"),
                    json!(format!("巡检记录断档（{t}）")),
                ));
                batch.push((format!("{prefix}/source"), json!("self_check")));
                batch.push((format!("{prefix}/severity"), json!("general")));
                batch.push((format!("{prefix}/status"), json!("open")));
                batch.push((format!("{prefix}/owner"), json!(NAMES[p])));
                rects.push(id);
            }
            6 | 7 if !rects.is_empty() => {
                let id = &rects[rng.below(rects.len())];
                let (field, value) = match rng.below(3) {
                    0 => (
                        "status",
                        json!(["open", "in_progress", "awaiting_verification"][rng.below(3)]),
                    ),
                    1 => ("owner", json!(NAMES[rng.below(PEOPLE)])),
                    _ => ("due", json!(format!("2026-{month:02}-{day:02}"))),
                };
                batch.push((format!("rectifications/@{id}/{field}"), value));
            }
            8 => {
                let record = json!({
                    "at": format!("2026-{month:02}-{day:02}T10:{:02}:00", t % 60),
                    "grade": 1 + rng.below(4),
                    "seconds": 30 + rng.below(200),
                });
                let hash = xxhash_rust::xxh3::xxh3_64(record.to_string().as_bytes());
                batch.push((
                    format!(
                        "reviews/{}/q-{:03}/history/#{hash:016x}",
                        NAMES[p],
                        rng.below(120)
                    ),
                    record,
                ));
            }
            _ => {
                let record = json!({
                    "sop": "sop-backup-restore",
                    "started": format!("2026-{month:02}-{day:02}T14:{:02}:{:02}", t % 60, p),
                    "people": {"操作员": NAMES[p]},
                    "steps": [],
                    "finished": true,
                });
                let hash = xxhash_rust::xxh3::xxh3_64(record.to_string().as_bytes());
                batch.push((format!("sop_runs/#{hash:016x}"), record));
            }
        }
        for (c, (key, value)) in batch.into_iter().enumerate() {
            let stamp = Stamp {
                hlc: Hlc { ms, c: c as u32 },
                who: who.clone(),
            };
            let prev = last.insert(key.clone(), stamp.clone());
            files[p].changes.push(Change {
                stamp,
                key,
                value,
                prev,
            });
            t += 1;
        }
    }
    files
}

/// A team directory at `root` holding `people`'s files, as the first of them (the
/// repository's `people/` only: no git, no working file yet).
pub fn write_team(root: &std::path::Path, people: &[PersonFile]) -> zizhi::team::workspace::Team {
    let team = zizhi::team::workspace::Team {
        root: root.to_owned(),
        me: zizhi::team::workspace::Me {
            id: people[0].id.clone(),
            name: people[0].name.clone(),
            branch: "main".into(),
            remote: None,
        },
    };
    std::fs::create_dir_all(team.people_dir()).expect("people dir");
    for person in people {
        std::fs::write(
            team.people_dir().join(format!("{}.json", person.id)),
            zizhi::team::person::encode(person),
        )
        .expect("person file");
    }
    team
}
