//! The status machine, logged edits, creation, due parsing, windows and counts.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::content::load_built_in;
use crate::progress::RectificationStatus as St;

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("valid time")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn stamp(by: &str) -> Stamp<'_> {
    Stamp { at: at(2, 9), by }
}

fn calendar() -> WorkCalendar {
    let content = load_built_in().expect("built-in content loads");
    WorkCalendar::from_content(&content.calendar)
}

fn item_in(status: St) -> Rectification {
    let mut progress = Progress::default();
    create_from_finding(
        &mut progress,
        Finding::checklist_item("sa-x", "门禁联动未测试"),
        &stamp("王静"),
    );
    let mut item = progress.rectifications.remove(0);
    item.status = status;
    item
}

#[test]
fn only_the_six_documented_transitions_are_allowed() {
    let legal = [
        (St::Open, St::InProgress),
        (St::InProgress, St::AwaitingVerification),
        (St::AwaitingVerification, St::Closed),
        (St::AwaitingVerification, St::Reopened),
        (St::Closed, St::Reopened),
        (St::Reopened, St::InProgress),
    ];
    for from in St::ALL {
        for to in St::ALL {
            assert_eq!(
                allowed(from, to),
                legal.contains(&(from, to)),
                "{from:?} → {to:?}"
            );
        }
    }
}

#[test]
fn every_illegal_transition_is_refused_with_a_reason_and_leaves_the_item_alone() {
    for from in St::ALL {
        for to in St::ALL {
            if allowed(from, to) {
                continue;
            }
            let mut item = item_in(from);
            item.verifier = "李娜".into();
            item.evidence = "BM-2026-017".into();
            let before = item.clone();
            let err = transition(&mut item, to, "原因", &stamp("王静"))
                .expect_err("illegal transition refused");
            assert_eq!(err, TransitionError::NotAllowed { from, to });
            assert!(!err.message(Lang::Zh).is_empty());
            assert!(!err.message(Lang::En).is_empty());
            assert_eq!(item, before, "{from:?} → {to:?} changed the item");
        }
    }
}

#[test]
fn starting_work_on_an_open_item_says_to_move_it_to_in_progress_first() {
    let mut item = item_in(St::Open);
    let err =
        transition(&mut item, St::AwaitingVerification, "", &stamp("王静")).expect_err("refused");
    assert!(
        err.message(Lang::Zh).contains("整改中"),
        "{}",
        err.message(Lang::Zh)
    );
}

#[test]
fn closing_without_a_verifier_is_refused() {
    let mut item = item_in(St::AwaitingVerification);
    item.evidence = "BM-2026-017".into();
    assert_eq!(
        transition(&mut item, St::Closed, "", &stamp("王静")),
        Err(TransitionError::NeedsVerifier)
    );
    assert_eq!(item.status, St::AwaitingVerification);
}

#[test]
fn closing_without_evidence_is_refused_even_with_spaces_only() {
    let mut item = item_in(St::AwaitingVerification);
    item.verifier = "李娜".into();
    item.evidence = "   ".into();
    assert_eq!(
        transition(&mut item, St::Closed, "", &stamp("王静")),
        Err(TransitionError::NeedsEvidence)
    );
}

#[test]
fn closing_with_verifier_and_evidence_appends_a_history_entry() {
    let mut item = item_in(St::AwaitingVerification);
    item.verifier = "李娜".into();
    item.evidence = "BM-2026-017".into();
    let before = item.history.len();
    transition(&mut item, St::Closed, "现场复查通过", &stamp("李娜")).expect("closes");
    assert_eq!(item.status, St::Closed);
    assert_eq!(item.history.len(), before + 1);
    let entry = item.history.last().expect("an entry");
    assert_eq!(
        (entry.field, entry.from.as_str(), entry.to.as_str()),
        (RectField::Status, "awaiting_verification", "closed")
    );
    assert_eq!(
        (entry.by.as_str(), entry.note.as_str()),
        ("李娜", "现场复查通过")
    );
    assert_eq!(entry.at, at(2, 9));
}

#[test]
fn reopening_needs_a_reason_and_a_reopened_item_goes_back_to_work() {
    let mut item = item_in(St::Closed);
    assert_eq!(
        transition(&mut item, St::Reopened, " ", &stamp("王静")),
        Err(TransitionError::NeedsReason)
    );
    transition(
        &mut item,
        St::Reopened,
        "复查发现仍有个人U盘",
        &stamp("王静"),
    )
    .expect("reopens");
    transition(&mut item, St::InProgress, "", &stamp("王静")).expect("back to work");
    assert_eq!(item.status, St::InProgress);
}

#[test]
fn the_whole_path_records_every_step_in_order_and_never_rewrites_old_entries() {
    let mut item = item_in(St::Open);
    let s = stamp("王静");
    transition(&mut item, St::InProgress, "", &s).expect("start");
    let snapshot = item.history.clone();
    transition(&mut item, St::AwaitingVerification, "", &s).expect("submit");
    let mut session = Session::Fresh;
    set_field(
        &mut item,
        RectField::Verifier,
        Value::Text("李娜".into()),
        &s,
        &mut session,
    );
    let mut session = Session::Fresh;
    set_field(
        &mut item,
        RectField::Evidence,
        Value::Text("BM-017".into()),
        &s,
        &mut session,
    );
    transition(&mut item, St::Closed, "", &s).expect("close");
    assert_eq!(&item.history[..snapshot.len()], &snapshot[..]);
    let fields: Vec<RectField> = item.history.iter().map(|h| h.field).collect();
    assert_eq!(
        fields,
        [
            RectField::Created,
            RectField::Status,
            RectField::Status,
            RectField::Verifier,
            RectField::Evidence,
            RectField::Status
        ]
    );
}

#[test]
fn next_status_walks_forward_and_stops_at_closed() {
    assert_eq!(next_status(St::Open), Some(St::InProgress));
    assert_eq!(next_status(St::InProgress), Some(St::AwaitingVerification));
    assert_eq!(next_status(St::AwaitingVerification), Some(St::Closed));
    assert_eq!(next_status(St::Reopened), Some(St::InProgress));
    assert_eq!(next_status(St::Closed), None);
    for from in St::ALL {
        if let Some(to) = next_status(from) {
            assert!(allowed(from, to));
        }
    }
}

#[test]
fn typing_into_a_field_is_one_history_entry_that_follows_the_text() {
    let mut item = item_in(St::Open);
    let mut session = Session::Fresh;
    for typed in ["张", "张伟"] {
        assert!(set_field(
            &mut item,
            RectField::Owner,
            Value::Text(typed.into()),
            &stamp("王静"),
            &mut session
        ));
    }
    assert_eq!(item.history.len(), 2);
    let entry = &item.history[1];
    assert_eq!((entry.from.as_str(), entry.to.as_str()), ("", "张伟"));
    assert_eq!(entry.by, "王静");
}

#[test]
fn a_new_edit_session_appends_instead_of_amending() {
    let mut item = item_in(St::Open);
    let mut first = Session::Fresh;
    set_field(
        &mut item,
        RectField::Owner,
        Value::Text("张伟".into()),
        &stamp("王静"),
        &mut first,
    );
    let mut second = Session::Fresh;
    set_field(
        &mut item,
        RectField::Owner,
        Value::Text("李娜".into()),
        &stamp("王静"),
        &mut second,
    );
    assert_eq!(item.history.len(), 3);
    assert_eq!(item.history[1].to, "张伟");
    assert_eq!(
        (item.history[2].from.as_str(), item.history[2].to.as_str()),
        ("张伟", "李娜")
    );
}

#[test]
fn typing_back_to_the_old_value_leaves_no_entry() {
    let mut item = item_in(St::Open);
    let mut session = Session::Fresh;
    set_field(
        &mut item,
        RectField::Owner,
        Value::Text("张".into()),
        &stamp("王静"),
        &mut session,
    );
    set_field(
        &mut item,
        RectField::Owner,
        Value::Text(String::new()),
        &stamp("王静"),
        &mut session,
    );
    assert_eq!(item.history.len(), 1);
    assert_eq!(session, Session::Fresh);
}

#[test]
fn an_unchanged_value_records_nothing() {
    let mut item = item_in(St::Open);
    let mut session = Session::Fresh;
    let title = item.title.clone();
    assert!(!set_field(
        &mut item,
        RectField::Title,
        Value::Text(title),
        &stamp("王静"),
        &mut session
    ));
    assert_eq!(item.history.len(), 1);
}

#[test]
fn choices_and_dates_are_logged_as_keys_and_iso_dates() {
    let mut item = item_in(St::Open);
    let s = stamp("王静");
    set_field(
        &mut item,
        RectField::Severity,
        Value::Severity(Severity::Major),
        &s,
        &mut Session::Fresh,
    );
    set_field(
        &mut item,
        RectField::Due,
        Value::Due(Some(d("2026-03-16"))),
        &s,
        &mut Session::Fresh,
    );
    assert_eq!(
        (item.history[1].from.as_str(), item.history[1].to.as_str()),
        ("general", "major")
    );
    assert_eq!(item.history[2].to, "2026-03-16");
    assert_eq!(
        history_value(RectField::Severity, "major", Lang::Zh),
        "严重"
    );
}

#[test]
fn edits_while_creating_are_covered_by_the_created_entry() {
    let mut item = item_in(St::Open);
    let mut session = Session::Creating;
    set_field(
        &mut item,
        RectField::Owner,
        Value::Text("张伟".into()),
        &stamp("王静"),
        &mut session,
    );
    assert_eq!(item.owner, "张伟");
    assert_eq!(item.history.len(), 1);
}

#[test]
fn status_cannot_be_set_as_a_field() {
    let mut item = item_in(St::Open);
    assert!(!set_field(
        &mut item,
        RectField::Status,
        Value::Text("closed".into()),
        &stamp("王静"),
        &mut Session::Fresh
    ));
    assert_eq!(item.status, St::Open);
}

#[test]
fn ids_count_up_from_the_highest_and_are_never_reused() {
    let mut progress = Progress::default();
    let s = stamp("王静");
    let a = create_from_finding(&mut progress, Finding::interview_miss("q-1", "甲"), &s);
    let b = create_from_finding(
        &mut progress,
        Finding::sop_step("sop-a", "s-1", "乙", "卡住"),
        &s,
    );
    assert_eq!((a.as_str(), b.as_str()), ("ZG-001", "ZG-002"));
    progress.rectifications.remove(0);
    assert_eq!(next_id(&progress), "ZG-003");
}

#[test]
fn a_finding_keeps_its_link_source_and_who_created_it() {
    let mut progress = Progress::default();
    let id = create_from_finding(
        &mut progress,
        Finding::sop_step(
            "sop-backup",
            "br-03-restore",
            "恢复演示超时",
            "恢复脚本路径写错",
        ),
        &stamp("赵磊"),
    );
    let item = find(&progress, &id).expect("created");
    assert_eq!(item.link, "sop-backup/br-03-restore");
    assert_eq!(item.source, FindingSource::Sop);
    assert_eq!(item.description, "恢复脚本路径写错");
    assert_eq!(item.status, St::Open);
    assert_eq!(item.history[0].field, RectField::Created);
    assert_eq!(item.history[0].by, "赵磊");
}

#[test]
fn a_template_fills_every_field_and_the_due_date_in_working_days() {
    let content = load_built_in().expect("built-in content loads");
    let template = content
        .templates
        .iter()
        .find(|t| t.id.value == "tpl-personal-usb")
        .expect("template exists");
    let mut progress = Progress::default();
    // Monday 2026-03-02 + 10 working days = Monday 2026-03-16.
    let id = create_from_template(&mut progress, template, &calendar(), &stamp("王静"));
    let item = find(&progress, &id).expect("created");
    assert_eq!(item.title, template.title);
    assert_eq!(item.source, FindingSource::Onsite);
    assert_eq!(item.severity, Severity::Major);
    assert!(item.root_cause.contains("审批条款"));
    assert!(item.action.contains("国密"));
    assert_eq!(item.due, Some(d("2026-03-16")));
    assert_eq!(item.template, "tpl-personal-usb");
}

#[test]
fn a_formal_review_template_is_due_no_later_than_the_correction_window() {
    let content = load_built_in().expect("built-in content loads");
    let template = content
        .templates
        .iter()
        .find(|t| t.id.value == "tpl-foreign-tool-unreported")
        .expect("template exists");
    let mut progress = Progress::default();
    progress.timeline.correction_notice = Some(d("2026-02-26"));
    let id = create_from_template(&mut progress, template, &calendar(), &stamp("王静"));
    // Notice Thu 02-26 (day 0); Sat 02-28 is a make-up workday: day 10 is 03-11.
    assert_eq!(
        find(&progress, &id).and_then(|r| r.due),
        Some(d("2026-03-11"))
    );
}

#[test]
fn a_new_item_carries_who_created_it_when_as_its_identity() {
    let mut progress = Progress::default();
    create_from_finding(
        &mut progress,
        Finding::interview_miss("q-1", "甲"),
        &stamp("王静"),
    );
    assert_eq!(
        progress.rectifications[0].uid,
        "ZG-001.20260302T090000.000.王静"
    );
}

#[test]
fn a_merge_that_brought_two_items_with_one_id_renumbers_the_later_and_says_so() {
    let mut progress = Progress::default();
    create_from_finding(
        &mut progress,
        Finding::interview_miss("q-1", "甲"),
        &stamp("王静"),
    );
    create_from_finding(
        &mut progress,
        Finding::interview_miss("q-2", "乙"),
        &stamp("王静"),
    );
    // Offline, 王静 and 张伟 each created ZG-003; 李娜 created ZG-004.
    let mut wang = progress.clone();
    create_from_finding(
        &mut wang,
        Finding::interview_miss("q-3", "王静的"),
        &stamp("王静"),
    );
    let mut zhang = progress.clone();
    let later = Stamp {
        at: at(3, 9),
        by: "张伟",
    };
    create_from_finding(&mut zhang, Finding::interview_miss("q-4", "张伟的"), &later);
    let mut li = progress.clone();
    create_from_finding(
        &mut li,
        Finding::interview_miss("q-5", "李娜的"),
        &stamp("李娜"),
    );
    li.rectifications[2].id = "ZG-004".into();
    // The merged list, in creation order.
    progress.rectifications.push(wang.rectifications[2].clone());
    progress.rectifications.push(li.rectifications[2].clone());
    progress
        .rectifications
        .push(zhang.rectifications[2].clone());

    assert_eq!(renumber_duplicates(&mut progress), 1);
    let ids: Vec<(&str, &str)> = progress
        .rectifications
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("ZG-001", "甲"),
            ("ZG-002", "乙"),
            ("ZG-003", "王静的"),
            ("ZG-004", "李娜的"),
            ("ZG-005", "张伟的"),
        ]
    );
    let moved = &progress.rectifications[4];
    let last = moved.history.last().expect("history");
    assert_eq!(last.field, RectField::Id);
    assert_eq!((last.from.as_str(), last.to.as_str()), ("ZG-003", "ZG-005"));
    assert_eq!(last.by, "张伟");
    assert_eq!(last.at, at(3, 9));
    assert!(last.note.contains("王静"), "{}", last.note);
    assert!(
        describe_change(last, Lang::Zh).contains("ZG-005"),
        "{}",
        describe_change(last, Lang::Zh)
    );
    // Nothing left to renumber: a second pass changes nothing.
    let before = progress.clone();
    assert_eq!(renumber_duplicates(&mut progress), 0);
    assert_eq!(progress, before);
    assert_eq!(next_id(&progress), "ZG-006");
}
