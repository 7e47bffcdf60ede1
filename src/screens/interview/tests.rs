//! State-machine tests of the interview area, driven through `app::update` (no terminal, no
//! disk, no clock), and its 80×24 snapshots.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::test_support::draw;
use crate::app::{App, Area, Effect, Event, Screen, update};
use crate::content::load_built_in;
use crate::progress::Person;
use crate::theme::Theme;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn person(name: &str, roles: &[&str]) -> Person {
    Person::roster_entry(name, roles.iter().map(|r| (*r).to_owned()).collect())
}

fn app_with(people: Vec<Person>) -> App {
    let content = load_built_in().expect("built-in content loads");
    let progress = Progress {
        people,
        ..Progress::default()
    };
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    app.seed = 20261125;
    app
}

fn team() -> App {
    app_with(vec![
        person("张伟", &["engineer"]),
        person("李娜", &["security-admin"]),
        person("王强", &["sys-admin"]),
        person("赵敏", &["auditor"]),
    ])
}

fn key_at(app: &mut App, code: KeyEvent, at: NaiveDateTime) -> Vec<Effect> {
    update(app, Event::Key(code), at)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    key_at(app, KeyEvent::new(code, KeyModifiers::NONE), now())
}

fn ctrl(app: &mut App, c: char, at: NaiveDateTime) -> Vec<Effect> {
    key_at(
        app,
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        at,
    )
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

fn state(app: &App) -> &InterviewState {
    match app.screen() {
        Screen::Interview(state) => state,
        other => panic!("expected the interview area, got {other:?}"),
    }
}

fn session(app: &App) -> &Session {
    match &state(app).view {
        View::Session(s) => s,
        other => panic!("expected a session, got {other:?}"),
    }
}

fn open(app: &mut App) {
    press(app, KeyCode::Char('3'));
    assert!(matches!(app.screen(), Screen::Interview(_)));
}

#[test]
fn key_3_opens_the_interview_area_on_the_roster() {
    let mut app = team();
    open(&mut app);
    assert!(matches!(state(&app).view, View::Home));
    assert!(!app.wants_tick());
}

#[test]
fn adding_a_person_with_a_chinese_name_and_roles_saves_the_roster() {
    let mut app = app_with(Vec::new());
    open(&mut app);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "刘洋");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Save]);
    let roster = |app: &App| -> Vec<(String, Vec<String>, bool)> {
        app.progress
            .people
            .iter()
            .map(|p| (p.name.clone(), p.roles.clone(), p.om_staff))
            .collect()
    };
    assert_eq!(roster(&app), vec![("刘洋".to_owned(), Vec::new(), true)]);
    // The roles dialog follows: tick the second role (保密管理员) and the fifth.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    let roles = vec!["security-admin".to_owned(), "tech-lead".to_owned()];
    assert_eq!(roster(&app), vec![("刘洋".to_owned(), roles, true)]);
    assert!(state(&app).modal.is_none());
}

#[test]
fn a_duplicate_or_empty_name_is_refused_with_a_reason() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Char('a'));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    typed(&mut app, "张伟");
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    match &state(&app).modal {
        Some(Modal::Name { form, .. }) if form.error().is_some() => {
            let e = form.error().unwrap_or_default();
            assert!(e.contains("已有"), "{e}");
        }
        other => panic!("expected the name prompt with an error, got {other:?}"),
    }
    assert_eq!(app.progress.people.len(), 4);
}

/// Presses Esc until the roster shows again.
fn back_home(app: &mut App) {
    for _ in 0..5 {
        if matches!(state(app).view, View::Home) {
            return;
        }
        press(app, KeyCode::Esc);
    }
    panic!("Esc never led back to the roster");
}

fn answer_first_question(app: &mut App, text: &str, grade: char) {
    press(app, KeyCode::Enter);
    typed(app, text);
    ctrl(app, 's', now() + Duration::seconds(42));
    press(app, KeyCode::Char(grade));
}

#[test]
fn renaming_moves_the_history_along() {
    let mut app = team();
    open(&mut app);
    answer_first_question(&mut app, "签了承诺书", '3');
    back_home(&mut app);
    press(&mut app, KeyCode::Char('r'));
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "张伟（运维一组）");
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(app.progress.people[0].name, "张伟（运维一组）");
    assert!(!app.progress.reviews.contains_key("张伟"));
    assert_eq!(app.progress.reviews["张伟（运维一组）"].len(), 1);
}

#[test]
fn removing_asks_first_and_keeps_the_history_unless_told_to_delete_it() {
    let mut app = team();
    open(&mut app);
    answer_first_question(&mut app, "签了承诺书", '3');
    back_home(&mut app);
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(
        state(&app).modal,
        Some(Modal::Remove { person: 0 })
    ));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.progress.people.len(), 4);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(press(&mut app, KeyCode::Char('y')), vec![Effect::Save]);
    assert!(app.progress.people.iter().all(|p| p.name != "张伟"));
    assert_eq!(app.progress.reviews["张伟"].len(), 1, "history kept");
    // Adding the name again brings the history back.
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "张伟");
    press(&mut app, KeyCode::Enter);
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("找回")));
    press(&mut app, KeyCode::Esc);
    assert!(state(&app).modal.is_none());
    // D deletes the history too.
    let index = app
        .progress
        .people
        .iter()
        .position(|p| p.name == "李娜")
        .expect("on the roster");
    app.progress
        .reviews
        .entry("李娜".into())
        .or_default()
        .insert("q-rules-001".into(), Default::default());
    press(&mut app, KeyCode::Home);
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('D'));
    assert!(!app.progress.reviews.contains_key("李娜"));
}

#[test]
fn typing_an_answer_writes_the_draft_into_progress_at_once() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    assert!(
        app.wants_tick(),
        "the timer runs while the question is asked"
    );
    let first = &app.content.interview.questions[session(&app).steps[0].question];
    let id = first.id.value.clone();
    let effects = typed(&mut app, "承诺书");
    assert!(effects.iter().all(|e| *e == Effect::Save) && effects.len() == 3);
    assert_eq!(app.progress.reviews["张伟"][&id].draft, "承诺书");
    // Leaving and coming back restores the draft into the answer box.
    back_home(&mut app);
    press(&mut app, KeyCode::Enter);
    match &session(&app).phase {
        Phase::Asking { input, .. } => assert_eq!(input.text(), "承诺书"),
        other => panic!("expected a question, got {other:?}"),
    }
}

#[test]
fn reveal_marks_key_points_and_a_grade_saves_the_review_with_time_and_answer() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    let q = session(&app).steps[0].question;
    let question = app.content.interview.questions[q].clone();
    typed(&mut app, "我签了保密协议，只在授权范围内操作。");
    ctrl(&mut app, 's', now() + Duration::seconds(75));
    assert!(!app.wants_tick(), "the timer stops at the reveal");
    match &session(&app).phase {
        Phase::Reveal(r) => {
            assert_eq!(r.seconds, 75);
            assert_eq!(r.covered, vec![true, true, false, false]);
        }
        other => panic!("expected the reveal, got {other:?}"),
    }
    assert_eq!(press(&mut app, KeyCode::Char('3')), vec![Effect::Save]);
    let record = &app.progress.reviews["张伟"][&question.id.value];
    assert!(record.draft.is_empty());
    let review = record.history.last().expect("a review");
    assert_eq!(review.grade, 3);
    assert_eq!(review.seconds, 75);
    assert_eq!(review.covered, Some(vec![0, 1]));
    assert!(review.answer.contains("保密协议"));
    assert!(record.due.is_some_and(|d| d > now() + Duration::days(1)));
    assert_eq!(session(&app).index, 1);
}

#[test]
fn an_answer_given_aloud_can_have_its_key_points_ticked_by_hand() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('2'));
    let record = app.progress.reviews["张伟"]
        .values()
        .next()
        .expect("one record");
    let review = &record.history[0];
    assert!(review.aloud);
    assert_eq!(review.covered, Some(vec![1]));
    assert!(review.answer.is_empty());
}

#[test]
fn a_seeded_mock_audit_asks_each_drawn_person_with_follow_ups_and_reports() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Char('m'));
    let s = session(&app).clone();
    assert_eq!(s.kind, SessionKind::Audit);
    let people: Vec<&String> = s
        .steps
        .iter()
        .filter(|st| st.first_of_person)
        .map(|st| &st.person)
        .collect();
    assert!((3..=4).contains(&people.len()));
    assert!(matches!(s.phase, Phase::Intro));
    assert!(!app.wants_tick(), "no timer before the interviewee starts");
    let mut guard = 0;
    while matches!(state(&app).view, View::Session(_)) {
        guard += 1;
        assert!(guard < 200, "the audit never ended");
        let phase = session(&app).phase.clone();
        match phase {
            Phase::Intro => press(&mut app, KeyCode::Enter),
            Phase::Asking { .. } | Phase::FollowUp { .. } => {
                typed(&mut app, "立即报告保密管理员");
                ctrl(&mut app, 's', now() + Duration::seconds(30))
            }
            Phase::Reveal(_) => press(&mut app, KeyCode::Char('3')),
            Phase::Judge { .. } => press(&mut app, KeyCode::Char('n')),
        };
    }
    let View::Report { report, .. } = &state(&app).view else {
        panic!("expected the report");
    };
    assert_eq!(report.people.len(), people.len());
    for p in &report.people {
        assert_eq!(p.answered, p.asked);
        assert!(p.points > 0);
        assert_eq!(p.follow_ups_answered, 0);
        assert!(!p.missed.is_empty());
    }
    let follow_ups: usize = report.people.iter().map(|p| p.follow_ups).sum();
    assert_eq!(
        follow_ups,
        s.steps.iter().filter(|st| st.follow_up.is_some()).count()
    );
    // The follow-up results are kept with the reviews.
    let kept = app
        .progress
        .reviews
        .values()
        .flat_map(|m| m.values())
        .filter(|r| r.history.last().is_some_and(|h| h.follow_up.is_some()))
        .count();
    assert_eq!(kept, follow_ups);

    // z turns the misses into rectification items, once.
    let missed_questions: usize = {
        let View::Report { report, .. } = &state(&app).view else {
            panic!("expected the report");
        };
        report
            .people
            .iter()
            .map(|p| {
                let mut q: Vec<usize> = p.missed.iter().map(|m| m.0).collect();
                q.dedup();
                q.len()
            })
            .sum()
    };
    press(&mut app, KeyCode::Char('z'));
    let items = &app.progress.rectifications;
    assert_eq!(items.len(), missed_questions);
    assert!(
        items
            .iter()
            .all(|r| r.source == crate::content::FindingSource::Interview)
    );
    assert!(
        items[0].description.contains("漏答要点"),
        "{}",
        items[0].description
    );
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(
        app.progress.rectifications.len(),
        missed_questions,
        "not made twice"
    );
}

#[test]
fn a_mock_audit_with_two_people_takes_both_and_says_the_roster_is_short() {
    let mut app = app_with(vec![person("张伟", &["engineer"]), person("李娜", &[])]);
    open(&mut app);
    press(&mut app, KeyCode::Char('m'));
    assert!(session(&app).short_roster);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("不足 3 人"))
    );
}

#[test]
fn practice_without_anyone_on_the_roster_explains_what_to_do() {
    let mut app = app_with(Vec::new());
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(state(&app).view, View::Home));
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("按 a")));
}

#[test]
fn the_profile_preselects_the_person_and_follows_the_selection() {
    let mut app = team();
    app.profile = Some("王强".into());
    app.go_to(Area::Interview);
    assert_eq!(state(&app).selected, 2);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.profile.as_deref(), Some("赵敏"));
}

#[test]
fn cram_wrong_asks_only_what_was_answered_wrong() {
    let mut app = team();
    open(&mut app);
    answer_first_question(&mut app, "不知道", '1');
    let wrong = session(&app).steps[0].question;
    back_home(&mut app);
    press(&mut app, KeyCode::Char('w'));
    let s = session(&app);
    assert_eq!(s.kind, SessionKind::Wrong);
    assert_eq!(
        s.steps.iter().map(|st| st.question).collect::<Vec<_>>(),
        vec![wrong]
    );
}

#[test]
fn cram_by_topic_asks_that_topic_only() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let topic = app.content.interview.topics[1].id.value.clone();
    let s = session(&app);
    assert!(matches!(&s.kind, SessionKind::Topic(_)));
    for st in &s.steps {
        assert_eq!(
            app.content.interview.questions[st.question].topic.value,
            topic
        );
    }
}

/// A team with some history, on the question screen with a typed answer.
fn asking() -> App {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "我签了保密协议，只在授权范围内操作。");
    update(&mut app, Event::Tick, now() + Duration::seconds(83));
    app
}

#[test]
fn question_at_80x24() {
    insta::assert_snapshot!(draw(&asking()));
}

#[test]
fn reveal_at_80x24() {
    let mut app = asking();
    ctrl(&mut app, 's', now() + Duration::seconds(83));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn mock_audit_report_at_80x24() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Char('m'));
    let mut n = 0;
    while matches!(state(&app).view, View::Session(_)) {
        n += 1;
        let phase = session(&app).phase.clone();
        match phase {
            Phase::Intro => press(&mut app, KeyCode::Enter),
            Phase::Asking { .. } => {
                if n % 2 == 0 {
                    typed(&mut app, "先断网，立即报告保密管理员，写书面报告");
                    ctrl(&mut app, 's', now() + Duration::seconds(40 + n))
                } else {
                    press(&mut app, KeyCode::Esc);
                    press(&mut app, KeyCode::Char('a'))
                }
            }
            Phase::FollowUp { .. } => ctrl(&mut app, 's', now() + Duration::seconds(20)),
            Phase::Reveal(_) => press(&mut app, KeyCode::Char(if n % 3 == 0 { '1' } else { '3' })),
            Phase::Judge { .. } => {
                press(&mut app, KeyCode::Char(if n % 2 == 0 { 'y' } else { 'n' }))
            }
        };
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn home_and_stats_at_80x24() {
    let mut app = team();
    open(&mut app);
    answer_first_question(&mut app, "我签了保密协议，只在授权范围内操作。", '3');
    back_home(&mut app);
    insta::assert_snapshot!("home_at_80x24", draw(&app));
    press(&mut app, KeyCode::Char('s'));
    insta::assert_snapshot!("stats_at_80x24", draw(&app));
}

fn buffer(app: &App) -> ratatui::buffer::Buffer {
    crate::app::test_support::draw_with(app, &Theme::new(false, false))
}

#[test]
fn a_timer_tick_changes_only_the_timer_cells() {
    let mut app = asking();
    let before = buffer(&app);
    update(&mut app, Event::Tick, now() + Duration::seconds(84));
    let after = buffer(&app);
    let changed: Vec<(u16, u16)> = before
        .diff(&after)
        .into_iter()
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(!changed.is_empty(), "the timer moved from 1:23 to 1:24");
    assert!(
        changed.iter().all(|&(x, y)| y == 1 && x >= 70),
        "cells changed outside the timer: {changed:?}"
    );
}

#[test]
fn a_question_changed_since_the_last_review_is_flagged_and_keeps_its_history() {
    let mut app = team();
    let first = app.content.interview.questions[0].id.value.clone();
    let record = app
        .progress
        .reviews
        .entry("张伟".into())
        .or_default()
        .entry(first.clone())
        .or_default();
    record.text_hash = "0000000000000000".into();
    record.due = Some(now() - Duration::days(1));
    record.history.push(crate::progress::Review {
        at: now() - Duration::days(3),
        grade: 3,
        seconds: 50,
        covered: Some(vec![0]),
        answer: String::new(),
        aloud: false,
        flagged: false,
        flag_overridden: false,
        follow_up: None,
    });
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    assert!(draw(&app).contains("题目已修改"));
    ctrl(&mut app, 's', now());
    press(&mut app, KeyCode::Char('3'));
    let record = &app.progress.reviews["张伟"][&first];
    assert_eq!(record.history.len(), 2, "the old review is kept");
    assert_eq!(
        record.text_hash,
        crate::domain::schedule::fingerprint(&app.content.interview.questions[0])
    );
}

#[test]
fn a_mock_audit_ends_only_on_a_second_esc() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(state(&app).view, View::Session(_)));
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("再按一次"))
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // leaves the answer box
    press(&mut app, KeyCode::Esc);
    assert!(matches!(state(&app).view, View::Session(_)));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(state(&app).view, View::Report { .. }));
}

#[test]
fn a_grade_key_on_an_unrevealed_question_reveals_first_and_records_only_when_confirmed() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    let q = session(&app).steps[0].question;
    let id = app.content.interview.questions[q].id.value.clone();
    typed(&mut app, "我签了保密协议，只在授权范围内操作。");
    press(&mut app, KeyCode::Esc); // leaves the answer box
    assert!(
        press(&mut app, KeyCode::Char('3')).is_empty(),
        "nothing recorded yet"
    );
    match &session(&app).phase {
        Phase::Reveal(r) => {
            assert_eq!(r.pending, Some(3));
            assert_eq!(r.covered, vec![true, true, false, false]);
        }
        other => panic!("expected the reveal, got {other:?}"),
    }
    let screen = draw(&app);
    assert!(screen.contains("【要点】覆盖 2/4"), "{screen}");
    assert!(screen.contains("未记分"), "{screen}");
    assert!(
        app.progress.reviews["张伟"][&id].history.is_empty(),
        "no grade before it is confirmed"
    );
    // Enter records the preselected grade; another grade key would record that one.
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    let review = app.progress.reviews["张伟"][&id].history.last().cloned();
    assert_eq!(review.map(|r| r.grade), Some(3));
    assert_eq!(session(&app).index, 1);
}

#[test]
fn no_digit_leaves_a_round_in_progress_without_its_report() {
    for phase_keys in [
        &[][..],
        &[KeyCode::Esc][..],
        &[KeyCode::Esc, KeyCode::Char('a')][..],
    ] {
        for digit in '1'..='8' {
            let mut app = team();
            open(&mut app);
            press(&mut app, KeyCode::Enter);
            for k in phase_keys {
                press(&mut app, *k);
            }
            let before = session(&app).phase.clone();
            press(&mut app, KeyCode::Char(digit));
            let screen = app.screen();
            let Screen::Interview(state) = screen else {
                panic!("{digit} after {phase_keys:?} left the interview area");
            };
            assert!(
                matches!(state.view, View::Session(_) | View::Report { .. }),
                "{digit} after {phase_keys:?} from {before:?} left the round without its report"
            );
        }
    }
}

#[test]
fn a_trap_flag_can_be_overruled_on_the_reveal_and_the_override_is_recorded() {
    let mut app = team();
    open(&mut app);
    press(&mut app, KeyCode::Enter);
    let q = session(&app).steps[0].question;
    let id = app.content.interview.questions[q].id.value.clone();
    assert_eq!(id, "q-rules-001", "the first practice question of 张伟");
    typed(&mut app, "我的职责嘛，就是遵守公司规章，别把东西往外说。");
    ctrl(&mut app, 's', now());
    let flagged = |app: &App| match &session(app).phase {
        Phase::Reveal(r) => r.counts_flagged(),
        other => panic!("expected the reveal, got {other:?}"),
    };
    assert!(flagged(&app));
    assert!(draw(&app).contains("【落入陷阱】"));
    press(&mut app, KeyCode::Char('f'));
    assert!(!flagged(&app));
    assert!(draw(&app).contains("【陷阱·已改判】"));
    press(&mut app, KeyCode::Char('3'));
    let review = app.progress.reviews["张伟"][&id]
        .history
        .last()
        .cloned()
        .expect("a review");
    assert!(review.flagged && review.flag_overridden, "{review:?}");
    // Readiness follows the grade once the flag is overruled.
    let tally = crate::domain::interview_stats::person_tally(
        &app.content.interview,
        &person("张伟", &["engineer"]),
        app.progress.reviews.get("张伟"),
        now(),
    );
    assert_eq!(tally.flagged, 0);
    assert!(tally.accuracy.is_some_and(|a| a > 0.0), "{tally:?}");
}

#[test]
fn a_roster_line_with_a_trap_count_fits_80_columns_and_cuts_the_roles_with_an_ellipsis() {
    let roles = [
        "engineer",
        "security-admin",
        "sys-admin",
        "auditor",
        "tech-lead",
    ];
    let mut app = app_with(vec![person("欧阳慕容雪", &roles)]);
    let ids: Vec<String> = app
        .content
        .interview
        .questions
        .iter()
        .take(12)
        .map(|q| q.id.value.clone())
        .collect();
    let answers = app.progress.reviews.entry("欧阳慕容雪".into()).or_default();
    for id in ids {
        answers
            .entry(id)
            .or_default()
            .history
            .push(crate::progress::Review {
                at: now() - Duration::days(1),
                grade: 3,
                seconds: 30,
                covered: Some(vec![0]),
                answer: "就是遵守制度".into(),
                aloud: false,
                flagged: true,
                flag_overridden: false,
                follow_up: None,
            });
    }
    open(&mut app);
    let screen = draw(&app);
    let line = screen
        .lines()
        .find(|l| l.contains("欧阳慕容雪"))
        .expect("the roster line");
    assert!(line.contains("陷阱12"), "{line}");
    assert!(line.contains('…'), "the roles give way: {line}");
    assert!(
        unicode_width::UnicodeWidthStr::width(line.trim_end()) <= 80,
        "{line}"
    );
}
