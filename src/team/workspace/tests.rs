//! Recording and merging with person files on disk (no git).

use super::*;
use crate::progress::Status;
use crate::team::merge::Change;
use crate::team::person::PersonFile;

/// A person's team directory at `dir` (no git), for the tests of this module and below.
pub(super) fn team_in(dir: &Path, id: &str, name: &str) -> Team {
    let team = Team {
        root: dir.to_owned(),
        me: Me {
            id: id.into(),
            name: name.into(),
            branch: "main".into(),
            remote: None,
        },
    };
    fs::create_dir_all(team.people_dir()).unwrap();
    team
}

/// Records `work`, then saves the merge as the new working state, as the commands do.
fn record(team: &Team, work: &Progress, now: u64) -> Merged {
    let (_, merged) = team.record(Some(work), now).unwrap();
    team.save_counts(&merged.counts()).unwrap();
    merged
}

#[test]
fn two_people_sharing_one_directory_see_each_others_changes_and_both_histories() {
    let dir = tempfile::tempdir().unwrap();
    let wang = team_in(dir.path(), "p-a", "王静");
    // Both share the repository and, here, the working state's counts.
    let zhang = team_in(dir.path(), "p-b", "张伟");

    let mut work = Progress::default();
    work.item_mut("a").status = Status::Done;
    let merged = record(&wang, &work, 1_000);
    assert_eq!(merged.progress.status("a"), Status::Done);

    // 张伟 starts from the merged state and changes another item and the same one.
    let mut his = merged.progress.clone();
    his.item_mut("b").owner = "张伟".into();
    his.item_mut("a").note = "复核过".into();
    let merged = record(&zhang, &his, 500);
    assert_eq!(
        merged.progress.item("b").map(|i| i.owner.as_str()),
        Some("张伟")
    );
    assert_eq!(
        merged.progress.item("a").map(|i| i.note.as_str()),
        Some("复核过")
    );
    assert_eq!(merged.progress.operator, "张伟");
    // His clock lagged, yet his change is stamped after the one he saw.
    let (loaded, own) = zhang.load().unwrap();
    let seen = loaded
        .people
        .iter()
        .flat_map(|p| &p.changes)
        .map(|c| c.stamp.hlc)
        .max();
    assert!(own.changes.iter().all(|c| Some(c.stamp.hlc) > seen));
}

#[test]
fn recording_twice_without_edits_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let team = team_in(dir.path(), "p-a", "王静");
    let mut work = Progress::default();
    work.item_mut("a").owner = "李娜".into();
    let merged = record(&team, &work, 1);
    let (n, _) = team.record(Some(&merged.progress), 2).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_teammates_corrupt_or_newer_file_is_set_aside_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let team = team_in(dir.path(), "p-a", "王静");
    fs::write(team.people_dir().join("p-bad.json"), "{\"format\": ").unwrap();
    fs::write(
        team.people_dir().join("p-new.json"),
        r#"{"format":"zizhi-team-person","schema_version":99,"id":"p-new","name":"赵磊"}"#,
    )
    .unwrap();
    let mut work = Progress::default();
    work.item_mut("a").status = Status::InProgress;
    let merged = record(&team, &work, 1);
    assert_eq!(merged.progress.status("a"), Status::InProgress);
    let messages: Vec<String> = merged.set_aside.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("p-bad.json")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("p-new.json") && m.contains("赵磊") && m.contains("更新版本")),
        "{messages:?}"
    );
}

/// 刘芳's file, whose one change is no valid progress on its own (an unknown status).
fn not_valid_alone() -> PersonFile {
    PersonFile {
        id: "p-odd".into(),
        name: "刘芳".into(),
        changes: vec![Change {
            stamp: super::super::clock::Stamp {
                hlc: Hlc { ms: 1, c: 0 },
                who: "p-odd".into(),
            },
            key: "items/a/status".into(),
            value: serde_json::json!("no-such-status"),
            prev: None,
        }],
    }
}

#[test]
fn a_file_whose_changes_are_not_valid_progress_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let team = team_in(dir.path(), "p-a", "王静");
    let odd = not_valid_alone();
    fs::write(team.people_dir().join("p-odd.json"), person::encode(&odd)).unwrap();
    let (_, merged) = team.record(None, 2).unwrap();
    assert_eq!(merged.set_aside.len(), 1);
    assert!(merged.set_aside[0].to_string().contains("刘芳"));
}

#[test]
fn an_own_file_that_cannot_be_read_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let team = team_in(dir.path(), "p-a", "王静");
    fs::write(team.own_file(), "garbage").unwrap();
    let work = Progress::default();
    assert!(matches!(
        team.record(Some(&work), 1),
        Err(TeamError::Refused(_))
    ));
    assert_eq!(fs::read_to_string(team.own_file()).unwrap(), "garbage");
}

#[test]
fn joining_adopts_solo_progress_without_removing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let team = team_in(dir.path(), "p-a", "王静");
    let mut solo = Progress::default();
    solo.item_mut("x").evidence = "BM-001".into();
    assert!(team.adopt(&solo, 5).unwrap() > 0);
    let (_, merged) = team.record(None, 6).unwrap();
    assert_eq!(
        merged.progress.item("x").map(|i| i.evidence.as_str()),
        Some("BM-001")
    );
}

#[test]
fn files_found_valid_are_remembered_by_hash_and_checked_again_when_their_bytes_change() {
    let dir = tempfile::tempdir().unwrap();
    let wang = team_in(dir.path(), "p-a", "王静");
    let zhang = team_in(dir.path(), "p-b", "张伟");
    let mut work = Progress::default();
    work.item_mut("a").status = Status::Done;
    record(&wang, &work, 1_000);
    work.item_mut("b").note = "已核对".into();
    record(&zhang, &work, 2_000);
    let hash_of = |id: &str| {
        let bytes = fs::read(wang.people_dir().join(format!("{id}.json"))).unwrap();
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
    };
    let known = wang.known_valid();
    assert_eq!(known.zizhi, env!("CARGO_PKG_VERSION"));
    assert_eq!(
        known.files,
        BTreeMap::from([
            ("p-a".to_owned(), hash_of("p-a")),
            ("p-b".to_owned(), hash_of("p-b"))
        ])
    );
    // 张伟 records again: his file's new bytes are what is remembered.
    work.item_mut("c").owner = "张伟".into();
    record(&zhang, &work, 3_000);
    assert_eq!(wang.known_valid().files["p-b"], hash_of("p-b"));
    // A file not valid on its own, with an entry (forged: zizhi writes one only for the very
    // bytes it checked) claiming it is: taken without the check, and the view is still a
    // valid progress with everyone's work in it (its bad value lost to a later change).
    let mut odd = not_valid_alone();
    fs::write(wang.people_dir().join("p-odd.json"), person::encode(&odd)).unwrap();
    let mut forged = wang.known_valid();
    forged.files.insert("p-odd".into(), hash_of("p-odd"));
    fs::write(
        dir.path().join("valid.json"),
        serde_json::to_string(&forged).unwrap(),
    )
    .unwrap();
    let (_, merged) = wang.record(None, 4_000).unwrap();
    assert_eq!(merged.progress.status("a"), Status::Done);
    assert_eq!(
        merged.progress.item("b").map(|i| i.note.as_str()),
        Some("已核对")
    );
    // The file changed (other bytes, another hash): checked again, set aside and named.
    odd.name = "刘芳芳".into();
    fs::write(wang.people_dir().join("p-odd.json"), person::encode(&odd)).unwrap();
    let (_, merged) = wang.record(None, 5_000).unwrap();
    assert_eq!(merged.set_aside.len(), 1);
    assert!(merged.set_aside[0].to_string().contains("刘芳芳"));
    assert!(!wang.known_valid().files.contains_key("p-odd"));
    assert_eq!(merged.progress.status("a"), Status::Done);
}
