//! The start cache gives back exactly the progress it was made from, and nothing for any
//! file it was not made from or any damage.

use chrono::NaiveDate;

use std::path::{Path, PathBuf};

use super::*;
use crate::progress::{self, QuestionReviews, Review, SCHEMA_VERSION, SopRun, Status, StepResult};

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
        let mut people = crate::progress::RolePeople::new();
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
    (encode(p, Source::of(&text), None), text)
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
    // The header line is text; the sections after it need not be.
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .expect("a header line");
    let header = String::from_utf8(bytes[..line_end].to_vec()).expect("the header is text");
    let with_header = |from: &str, to: &str| {
        let changed = header.replacen(from, to, 1);
        assert_ne!(changed, header);
        let mut out = changed.into_bytes();
        out.extend_from_slice(&bytes[line_end..]);
        out
    };
    let other_version = with_header(
        &format!("\"zizhi\":\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"zizhi\":\"0.0.0-other\"",
    );
    assert_eq!(decode(&other_version, source, SCHEMA_VERSION), None);
    let other_format = with_header(
        &format!("\"format\":{FORMAT}"),
        &format!("\"format\":{}", FORMAT + 1),
    );
    assert_eq!(decode(&other_format, source, SCHEMA_VERSION), None);
    // A progress format this build is not reading in (a pretend upgrade) neither.
    assert_eq!(decode(&bytes, source, SCHEMA_VERSION + 1), None);
}

#[test]
fn the_cache_is_written_owner_only_and_read_back_but_never_through_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path().join("progress.json");
    let path = path_for(&work);
    assert_eq!(path, dir.path().join("progress.cache"));
    let p = sample();
    let text = progress::encode(&p);
    store(&path, &p, Source::of(&text), None).expect("written");
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

/// `p` saved as the working file in `dir` and its cache written as the app leaves: the
/// working file's path, the cache's, and the file's stamp.
fn on_disk(dir: &Path, p: &Progress) -> (PathBuf, PathBuf, FileStamp) {
    let work = dir.join("progress.json");
    let text = progress::encode(p);
    std::fs::write(&work, &text).expect("working file");
    let stamp = FileStamp::at(&work).expect("a regular file");
    let path = path_for(&work);
    store(&path, p, Source::of(&text), Some(stamp)).expect("written");
    (work, path, stamp)
}

#[test]
fn a_start_stamped_as_the_file_opens_the_head_then_the_histories_give_back_the_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = sample();
    let (work, path, stamp) = on_disk(dir.path(), &p);
    let head = open_head(&path, stamp, SCHEMA_VERSION).expect("a head");
    // The head: no runs, each question's reviews cut to the latest; the run figures.
    assert!(head.progress.sop_runs.is_empty());
    assert_eq!(head.progress.items, p.items);
    assert!(head.progress.rectifications.is_empty());
    assert_eq!(head.figures, crate::domain::summary::ListFigures::of(&p));
    assert_eq!(head.figures.runs.finished, 20);
    assert_eq!(
        head.source,
        Source::of(&std::fs::read_to_string(&work).expect("text"))
    );
    let mut whole = head.progress;
    whole.put_histories(head.rest.load().expect("the histories"));
    assert_eq!(whole, p);
}

#[test]
fn the_head_keeps_only_each_questions_latest_review() {
    let mut p = sample();
    let record = p
        .reviews
        .get_mut("李娜")
        .and_then(|q| q.get_mut("q-rules-001"))
        .expect("a record");
    let mut later = record.history[0].clone();
    later.at = at(5, 9);
    later.grade = 1;
    record.history.push(later.clone());
    let head = decode_head(&head_section(&p), p.schema_version).expect("a head");
    let cut = &head.reviews["李娜"]["q-rules-001"];
    // Its typed texts left out: the dashboard does not show them.
    assert!(!later.answer.is_empty());
    let latest = Review {
        answer: String::new(),
        follow_up: None,
        ..later
    };
    assert_eq!(cut.history, vec![latest]);
    assert_eq!(cut.due, p.reviews["李娜"]["q-rules-001"].due);
}

#[test]
fn a_head_is_not_opened_for_another_stamp_a_link_or_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = sample();
    let (work, path, stamp) = on_disk(dir.path(), &p);
    // The working file written again (same bytes, new inode and times): not trusted unread.
    let text = std::fs::read_to_string(&work).expect("text");
    std::fs::remove_file(&work).expect("removed");
    std::fs::write(&work, &text).expect("rewritten");
    let restamped = FileStamp::at(&work).expect("stamp");
    assert_ne!(restamped, stamp);
    assert!(open_head(&path, restamped, SCHEMA_VERSION).is_none());
    assert!(open_head(&path, stamp, SCHEMA_VERSION + 1).is_none());
    let link = dir.path().join("link.cache");
    std::os::unix::fs::symlink(&path, &link).expect("symlink");
    assert!(open_head(&link, stamp, SCHEMA_VERSION).is_none());
    let bytes = std::fs::read(&path).expect("cache");
    let header_end = bytes.iter().position(|&b| b == b'\n').expect("header");
    // A flipped byte in the head or the figures: no head. In the histories: the head opens
    // (it is sound) but the histories do not.
    for at in [header_end + 5, bytes.len() / 2, bytes.len() - 2] {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        std::fs::write(&path, &damaged).expect("damaged");
        let histories = open_head(&path, stamp, SCHEMA_VERSION).and_then(|h| h.rest.load());
        assert!(histories.is_none(), "byte {at}");
    }
    for cut in [10, header_end + 3, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..cut]).expect("cut");
        assert!(
            open_head(&path, stamp, SCHEMA_VERSION).is_none(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(b' ');
    std::fs::write(&path, &longer).expect("longer");
    assert!(open_head(&path, stamp, SCHEMA_VERSION).is_none());
    std::fs::write(&path, &bytes).expect("restored");
    assert!(open_head(&path, stamp, SCHEMA_VERSION).is_some());
}

/// A roster of five with a spread of interview practice (due and not, flagged, points
/// covered and missed, several attempts) and of rehearsal runs, as a team's year holds.
fn practised_team(content: &crate::content::Content) -> Progress {
    let mut p = sample();
    let roles: Vec<String> = content
        .interview
        .questions
        .iter()
        .flat_map(|q| q.roles.iter().map(|r| r.value.clone()))
        .collect();
    for (n, name) in ["王静", "张伟", "李娜", "刘芳", "欧阳晓东"]
        .iter()
        .enumerate()
    {
        let mut person = crate::progress::Person::new(format!("p{n}"), name);
        person.om_staff = true;
        person.roles = roles.iter().skip(n).take(2).cloned().collect();
        p.people.push(person);
        let questions = p.reviews.entry((*name).to_owned()).or_default();
        for (i, q) in content.interview.questions.iter().enumerate() {
            if (i + n) % 5 == 0 {
                continue;
            }
            let mut record = QuestionReviews {
                due: Some(at(1 + u32::try_from((i + n) % 20).expect("small"), 8)),
                stability: Some(3.0),
                ..QuestionReviews::default()
            };
            for attempt in 0..=(i % 3) {
                record.history.push(Review {
                    at: at(1 + u32::try_from(attempt).expect("small"), 10),
                    grade: u8::try_from(1 + (i + attempt + n) % 4).expect("grade"),
                    seconds: u32::try_from(40 + i * 7 + attempt).expect("small"),
                    covered: (i % 4 != 1)
                        .then(|| (0..q.key_points.len()).step_by(1 + n % 2).collect()),
                    answer: format!("第 {attempt} 次作答：涉密载体须登记、专人保管"),
                    aloud: i % 2 == 0,
                    flagged: (i + n) % 11 == 0,
                    flag_overridden: false,
                    follow_up: None,
                });
            }
            questions.insert(q.id.value.clone(), record);
        }
    }
    // Rectification items in every status, overdue, due this week and later, and undated.
    use crate::progress::RectificationStatus as St;
    let statuses = [
        St::Open,
        St::InProgress,
        St::AwaitingVerification,
        St::Closed,
        St::Reopened,
    ];
    for i in 0..60u32 {
        let mut item = crate::app::test_support::rectification(
            &format!("ZG-{i:03}"),
            &format!("巡检记录断档（{i}）"),
            ["王静", "张伟", "李娜"][i as usize % 3],
        );
        item.status = statuses[i as usize % statuses.len()];
        item.due = (i % 7 != 0).then(|| at(1 + i % 28, 0).date());
        p.rectifications.push(item);
    }
    p
}

#[test]
fn the_first_frame_from_the_head_is_the_frame_the_whole_progress_draws() {
    let content = crate::content::load_built_in().expect("content");
    let p = practised_team(&content);
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path, stamp) = on_disk(dir.path(), &p);
    let theme = crate::theme::Theme::new(true, false);
    for now in [at(3, 9), at(12, 9), at(28, 18)] {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let whole =
                crate::app::App::new(content.clone(), p.clone(), crate::i18n::Lang::Zh, now, size);
            let head = open_head(&path, stamp, SCHEMA_VERSION).expect("a head");
            let mut first = crate::app::App::new(
                content.clone(),
                head.progress,
                crate::i18n::Lang::Zh,
                now,
                size,
            );
            first.awaiting_histories(head.figures);
            assert_eq!(first.summary, whole.summary, "at {now}");
            let want = crate::app::test_support::draw_with(&whole, &theme);
            assert_eq!(
                crate::app::test_support::draw_with(&first, &theme),
                want,
                "at {now} in {size:?}:\n{}",
                crate::app::test_support::text_of(&want)
            );
            // And once the histories are in, it is the whole progress.
            let moment = crate::domain::moment::Moment::from_wall(now);
            crate::app::update_at(
                &mut first,
                crate::app::Event::HistoriesLoaded(Box::new(head.rest.load().expect("histories"))),
                moment,
            );
            assert_eq!(first.progress, p);
            assert_eq!(first.summary, whole.summary);
        }
    }
}

#[test]
fn the_streamed_length_and_hash_are_those_of_the_text() {
    let content = crate::content::load_built_in().expect("content");
    for p in [Progress::default(), sample(), practised_team(&content)] {
        let text = progress::encode(&p);
        assert_eq!(Source::of_progress(&p), Source::of(&text));
        assert_eq!(progress::encode_sized(&p, text.len()), text);
        assert_eq!(progress::encode_sized(&p, 3), text);
    }
}
