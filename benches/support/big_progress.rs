//! A progress file as years of heavy use (or a merge gone wrong) could leave it: about a
//! million notes, ~130 MB. Shared by `benches/progress.rs` and `examples/generate_progress.rs`.
//!
//! "Notes" are the texts the user wrote, in the proportions a long-running team would have:
//! a tenth are item notes (every built-in item plus items that left the content, which are
//! kept), 45 % interview answers (20 people × every question × their review history) and
//! 45 % rectification history (each item changed over and over: owner, due date, status, with a
//! remark). Every value is deterministic, so runs compare.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use zizhi::content::{FindingSource, Severity};
use zizhi::progress::{
    HistoryEntry, Progress, QuestionReviews, RectField, Rectification, RectificationStatus, Review,
    Status,
};

/// Notes in the file the issue measured (110 MB).
pub const MILLION: usize = 1_000_000;

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 1, 8)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

/// A progress with `notes` notes over the item ids `item_ids` and question ids `questions`.
pub fn progress(notes: usize, item_ids: &[String], questions: &[String]) -> Progress {
    let mut progress = Progress::default();
    let item_notes = notes / 10;
    let answers = notes * 45 / 100;
    let changes = notes - item_notes - answers;
    for n in 0..item_notes {
        let id = item_ids
            .get(n)
            .cloned()
            .unwrap_or_else(|| format!("retired-item-{n:07}"));
        let item = progress.item_mut(&id);
        item.status = [Status::Done, Status::InProgress, Status::NotApplicable][n % 3];
        item.note = format!("第 {n} 条：原件已核对。");
        item.updated = Some(start() + Duration::minutes(n as i64));
    }
    let people: Vec<String> = (0..20).map(|p| format!("运维{p:02}")).collect();
    let questions: Vec<&String> = questions.iter().collect();
    let per_question = answers
        .div_ceil(people.len() * questions.len().max(1))
        .max(1);
    let mut left = answers;
    'people: for person in &people {
        for question in &questions {
            if left == 0 {
                break 'people;
            }
            let count = per_question.min(left);
            left -= count;
            let history = (0..count)
                .map(|k| Review {
                    at: start() + Duration::hours(k as i64 * 30),
                    grade: 1 + (k % 4) as u8,
                    seconds: 40 + (k % 90) as u32,
                    covered: None,
                    answer: "先登记审批，再双人操作。".to_owned(),
                    aloud: false,
                    flagged: false,
                    flag_overridden: false,
                    follow_up: None,
                })
                .collect();
            progress.reviews.entry(person.clone()).or_default().insert(
                (*question).clone(),
                QuestionReviews {
                    history,
                    stability: Some(12.5),
                    difficulty: Some(5.0),
                    due: Some(start() + Duration::days(400)),
                    ..QuestionReviews::default()
                },
            );
        }
    }
    let rects = (changes / 250).max(1);
    for r in 0..rects {
        let count = if r + 1 == rects {
            changes - 250 * (rects - 1)
        } else {
            250
        };
        let fields = [RectField::Owner, RectField::Due, RectField::Status];
        let history = (0..count)
            .map(|k| HistoryEntry {
                at: start() + Duration::minutes((r * 300 + k) as i64),
                by: "李工".to_owned(),
                field: if k == 0 {
                    RectField::Created
                } else {
                    fields[k % 3]
                },
                from: String::new(),
                to: format!("{k}"),
                note: String::new(),
            })
            .collect();
        progress.rectifications.push(Rectification {
            id: format!("ZG-{:04}", r + 1),
            uid: String::new(),
            title: format!("整改第 {r} 项：涉密计算机未按期检查"),
            source: FindingSource::SelfCheck,
            link: String::new(),
            template: String::new(),
            severity: Severity::General,
            description: "自查发现".to_owned(),
            root_cause: String::new(),
            action: String::new(),
            owner: "李工".to_owned(),
            due: None,
            evidence: String::new(),
            verifier: String::new(),
            status: RectificationStatus::InProgress,
            history,
        });
    }
    progress
}
