//! The start cache gives back exactly the progress it was made from, and nothing for any
//! file it was not made from or any damage.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::progress::{self, Review, SCHEMA_VERSION, Status, StepResult};

fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, day)
        .and_then(|d| d.and_hms_opt(hour, 15, 0))
        .expect("date")
}

/// A progress with something in every long history and in the rest.
fn sample() -> Progress {
    let mut p = Progress::default();
    p.item_mut("p1-a").status = Status::Done;
    p.item_mut("p1-b").note = "已与保密管理员核对原件".into();
    p.operator = "王静".into();
    for i in 0..30 {
        let mut people = BTreeMap::new();
        people.insert("操作员".to_owned(), format!("张伟{i}"));
        p.sop_runs.push(SopRun {
            sop: "sop-backup-restore".into(),
            started: at(1 + i % 28, 10),
            people,
            steps: vec![StepResult {
                step: "br-01".into(),
                seconds: 30 + i,
                flag: (i % 7 == 0).then(|| "超时".to_owned()),
                partial: false,
            }],
            finished: i % 3 != 0,
            ended: Some(at(1 + i % 28, 11)),
        });
    }
    let mut reviews = QuestionReviews {
        stability: Some(2.5),
        difficulty: Some(5.25),
        due: Some(at(9, 8)),
        ..QuestionReviews::default()
    };
    reviews.history.push(Review {
        at: at(3, 9),
        grade: 3,
        seconds: 122,
        covered: Some(vec![0, 2]),
        answer: "离岗脱密期内不得……".into(),
        aloud: false,
        flagged: false,
        flag_overridden: false,
        follow_up: None,
    });
    p.reviews
        .entry("李娜".into())
        .or_default()
        .insert("q-rules-001".into(), reviews);
    p
}

/// The cache of `p` saved as the working file, and that file's text.
fn cached(p: &Progress) -> (Vec<u8>, String) {
    let text = progress::encode(p);
    (encode(p, Source::of(&text)), text)
}

#[test]
fn the_cache_gives_back_the_progress_its_working_file_holds() {
    let p = sample();
    let (bytes, text) = cached(&p);
    let back = decode(&bytes, Source::of(&text), SCHEMA_VERSION).expect("a sound cache");
    assert_eq!(back, p);
    // And it is what reading the working file gives.
    assert_eq!(back, progress::decode(&text).expect("decodes").progress);
}

#[test]
fn a_cache_made_for_other_bytes_is_not_used() {
    let p = sample();
    let (bytes, text) = cached(&p);
    let mut other = p.clone();
    other.item_mut("p1-a").status = Status::InProgress;
    let other_text = progress::encode(&other);
    assert_eq!(
        decode(&bytes, Source::of(&other_text), SCHEMA_VERSION),
        None
    );
    // Same length, other bytes.
    let flipped = text.replacen("王静", "李娜", 1);
    assert_eq!(flipped.len(), text.len());
    assert_eq!(decode(&bytes, Source::of(&flipped), SCHEMA_VERSION), None);
}

#[test]
fn a_damaged_or_cut_cache_is_not_used() {
    let p = sample();
    let (bytes, text) = cached(&p);
    let source = Source::of(&text);
    for at in [0, 20, bytes.len() / 2, bytes.len() - 1] {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        assert_eq!(decode(&damaged, source, SCHEMA_VERSION), None, "byte {at}");
    }
    for len in [0, 10, bytes.len() / 3, bytes.len() - 1] {
        assert_eq!(
            decode(&bytes[..len], source, SCHEMA_VERSION),
            None,
            "cut at {len}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(b' ');
    assert_eq!(decode(&longer, source, SCHEMA_VERSION), None);
}

#[test]
fn a_cache_from_another_version_or_format_is_not_used() {
    let p = sample();
    let (bytes, text) = cached(&p);
    let source = Source::of(&text);
    let as_text = String::from_utf8(bytes).expect("the header is text");
    let other_version = as_text.replacen(
        &format!("\"zizhi\":\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"zizhi\":\"0.0.0-other\"",
        1,
    );
    assert_ne!(other_version, as_text);
    assert_eq!(
        decode(other_version.as_bytes(), source, SCHEMA_VERSION),
        None
    );
    let other_format = as_text.replacen(
        &format!("\"format\":{FORMAT}"),
        &format!("\"format\":{}", FORMAT + 1),
        1,
    );
    assert_ne!(other_format, as_text);
    assert_eq!(
        decode(other_format.as_bytes(), source, SCHEMA_VERSION),
        None
    );
    // A progress format this build is not reading in (a pretend upgrade) neither.
    assert_eq!(decode(as_text.as_bytes(), source, SCHEMA_VERSION + 1), None);
}

#[test]
fn the_cache_is_written_owner_only_and_read_back_but_never_through_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path().join("progress.json");
    let path = path_for(&work);
    assert_eq!(path, dir.path().join("progress.cache"));
    let p = sample();
    let text = progress::encode(&p);
    store(&path, &p, Source::of(&text)).expect("written");
    assert_eq!(load(&path, Source::of(&text), SCHEMA_VERSION), Some(p));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let link = dir.path().join("link.cache");
        std::os::unix::fs::symlink(&path, &link).expect("symlink");
        assert_eq!(load(&link, Source::of(&text), SCHEMA_VERSION), None);
    }
    assert_eq!(
        load(
            &dir.path().join("none.cache"),
            Source::of(&text),
            SCHEMA_VERSION
        ),
        None
    );
}
