//! The area driven by key events alone, and its screens drawn at 80×24.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::test_support::draw;
use crate::app::{App, Area, Effect, Event, Overlay, Screen, update};
use crate::content::{FindingSource, Severity, load_built_in};
use crate::progress::{Progress, RectField, RectificationStatus as St};
use crate::theme::Theme;

/// Wednesday 2026-11-25, 09:30.
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn app_with(progress: Progress) -> App {
    let content = load_built_in().expect("built-in content loads");
    App::new(content, progress, Lang::Zh, now(), (80, 24))
}

fn app() -> App {
    let progress = Progress {
        operator: "王静".into(),
        ..Progress::default()
    };
    app_with(progress)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now(),
    )
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        now(),
    )
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| key(app, KeyCode::Char(c)))
        .collect()
}

fn item<'a>(app: &'a App, id: &str) -> &'a crate::progress::Rectification {
    rect::find(&app.progress, id).expect("item exists")
}

fn form(app: &App) -> &FormState {
    match app.screen() {
        Screen::Rectify(RectifyScreen::Form(form)) => form,
        other => panic!("expected the form, got {other:?}"),
    }
}

fn dialog(app: &App) -> &Dialog {
    match &app.overlay {
        Some(Overlay::Rectify(RectifyOverlay::Dialog(d))) => d,
        other => panic!("expected a dialog, got {other:?}"),
    }
}

/// Adds the personal-USB template through the picker and leaves the form (the detail shows).
fn add_usb_item(app: &mut App) -> String {
    key(app, KeyCode::Char('t'));
    typed(app, "个人U盘");
    key(app, KeyCode::Enter);
    let id = form(app).id.clone();
    key(app, KeyCode::Esc);
    id
}

/// Three items in different states, one overdue, and a running correction window.
fn sample() -> App {
    let mut app = app();
    app.go_to(Area::Rectify);
    let id = add_usb_item(&mut app);
    key(&mut app, KeyCode::Char('e'));
    // Focus starts on the owner.
    typed(&mut app, "张伟");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Esc);
    let by = app.progress.operator.clone();
    let stamp = Stamp { at: now(), by: &by };
    let second = rect::create_from_finding(
        &mut app.progress,
        Finding::interview_miss("q-rules-001", "访谈时说不清离岗脱密期的规定"),
        &stamp,
    );
    let third = rect::create_from_finding(
        &mut app.progress,
        Finding::sop_step("sop-backup-restore", "br-03", "恢复演示超时 4 分钟", ""),
        &stamp,
    );
    if let Some(r) = rect::find_mut(&mut app.progress, &second) {
        r.due = Some(d("2026-11-20"));
        r.owner = "李娜".into();
    }
    if let Some(r) = rect::find_mut(&mut app.progress, &third) {
        r.severity = Severity::Observation;
        r.due = Some(d("2026-11-27"));
    }
    app.progress.timeline.correction_notice = Some(d("2026-11-20"));
    assert_eq!(item(&app, &id).status, St::InProgress);
    update(&mut app, Event::Resize(80, 24), now());
    app
}

#[test]
fn opening_the_area_without_an_operator_asks_once_and_remembers_the_name() {
    let mut app = app_with(Progress::default());
    key(&mut app, KeyCode::Char('5'));
    assert!(matches!(dialog(&app).kind, DialogKind::Operator { .. }));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        dialog(&app).form.missing(),
        Some(0),
        "an empty name is refused"
    );
    typed(&mut app, "王静");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(app.progress.operator, "王静");
    assert!(app.overlay.is_none());
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('5'));
    assert!(app.overlay.is_none(), "asked only once");
}

#[test]
fn an_edit_without_an_operator_asks_first_and_then_carries_on() {
    let mut app = app_with(Progress::default());
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('t'));
    assert!(matches!(dialog(&app).kind, DialogKind::Operator { .. }));
    typed(&mut app, "赵磊");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.screen(),
        Screen::Rectify(RectifyScreen::Picker(_))
    ));
}

#[test]
fn a_template_fills_the_item_and_the_due_date_counts_working_days_from_today() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    let id = add_usb_item(&mut app);
    let r = item(&app, &id);
    assert_eq!(r.template, "tpl-personal-usb");
    assert_eq!(r.source, FindingSource::Onsite);
    assert_eq!(r.severity, Severity::Major);
    assert!(r.action.contains("国密"));
    // Wed 11-25 + 10 working days = Wed 12-09.
    assert_eq!(r.due, Some(d("2026-12-09")));
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.history[0].by, "王静");
    assert!(matches!(
        app.screen(),
        Screen::Rectify(RectifyScreen::Detail(_))
    ));
}

#[test]
fn typing_in_the_form_saves_each_keystroke_and_logs_one_change() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    // The selection is still on the USB item; its form opens on the owner.
    assert_eq!(form(&app).field(), RectField::Owner);
    ctrl(&mut app, 'u');
    let effects = typed(&mut app, "周敏");
    assert!(effects.iter().all(|e| *e == Effect::Save) && effects.len() == 2);
    let id = form(&app).id.clone();
    let r = item(&app, &id);
    assert_eq!(r.owner, "周敏");
    let last = r.history.last().expect("logged");
    assert_eq!(
        (last.field, last.from.as_str(), last.to.as_str()),
        (RectField::Owner, "张伟", "周敏")
    );
}

#[test]
fn plus_n_in_the_due_field_becomes_a_date_by_the_calendar() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field(), RectField::Due);
    ctrl(&mut app, 'u');
    typed(&mut app, "+3");
    let id = form(&app).id.clone();
    assert_eq!(item(&app, &id).due, Some(d("2026-11-30")));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(form(&app).form.value(form(&app).form.focus()), "2026-11-30");
}

#[test]
fn a_bad_due_date_holds_the_cursor_and_two_escs_keep_the_old_one() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    let id = form(&app).id.clone();
    let before = item(&app, &id).due;
    assert_eq!(before, Some(d("2026-12-09")));
    typed(&mut app, "下周三");
    key(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field(), RectField::Due, "the cursor stays");
    assert!(
        form(&app)
            .form
            .message()
            .is_some_and(|e| e.contains("无法识别"))
    );
    key(&mut app, KeyCode::Esc);
    assert!(form(&app).form.esc_armed(), "the first Esc asks");
    key(&mut app, KeyCode::Esc);
    assert_eq!(item(&app, &id).due, before);
}

#[test]
fn closing_needs_verifier_and_evidence_and_then_appears_closed() {
    let mut app = sample();
    let id = "ZG-001".to_owned();
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(item(&app, &id).status, St::AwaitingVerification);
    key(&mut app, KeyCode::Char('s'));
    assert!(matches!(dialog(&app).kind, DialogKind::Close { .. }));
    // Enter on the empty 验证人 says so there and does not move on: the name typed next
    // lands in 验证人, not in 证据.
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        (dialog(&app).form.focus(), dialog(&app).form.missing()),
        (0, Some(0))
    );
    assert!(draw(&app).contains("必填，请先填写"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(dialog(&app).form.focus(), 0, "still refused");
    assert_eq!(item(&app, &id).status, St::AwaitingVerification);
    typed(&mut app, "李娜");
    assert_eq!(dialog(&app).form.missing(), None);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        dialog(&app).form.focus(),
        1,
        "the empty evidence is refused too"
    );
    assert_eq!(item(&app, &id).evidence, "");
    typed(&mut app, "BM-2026-017");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "复查通过");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let r = item(&app, &id);
    assert_eq!(r.status, St::Closed);
    assert_eq!(
        (r.verifier.as_str(), r.evidence.as_str()),
        ("李娜", "BM-2026-017")
    );
    let last = r.history.last().expect("logged");
    assert_eq!(
        (last.to.as_str(), last.note.as_str()),
        ("closed", "复查通过")
    );
}

#[test]
fn reopening_asks_for_a_reason_and_an_open_item_cannot_be_reopened() {
    let mut app = sample();
    // The selected USB item is 整改中: it cannot be reopened.
    key(&mut app, KeyCode::Char('r'));
    assert!(app.overlay.is_none());
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("重新打开"))
    );
    let id = "ZG-001";
    if let Some(r) = rect::find_mut(&mut app.progress, id) {
        r.status = St::Closed;
    }
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Enter);
    assert!(
        dialog(&app).form.message().is_some(),
        "a reason is required"
    );
    typed(&mut app, "复查时仍发现个人U盘");
    key(&mut app, KeyCode::Enter);
    assert_eq!(item(&app, id).status, St::Reopened);
}

#[test]
fn r_on_a_checklist_item_creates_a_linked_item_and_esc_returns_to_the_checklist() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let item_id = app.content.phases[0].sections[0].items[0].id.value.clone();
    let title = app.content.phases[0].sections[0].items[0].title.to_string();
    let effects = key(&mut app, KeyCode::Char('r'));
    assert_eq!(effects, vec![Effect::Save]);
    let id = form(&app).id.clone();
    assert_eq!(form(&app).field(), RectField::Description);
    let r = item(&app, &id);
    assert_eq!(
        (r.link.as_str(), r.title.as_str()),
        (item_id.as_str(), title.as_str())
    );
    assert_eq!(r.source, FindingSource::SelfCheck);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Screen::Checklist(_)));
    assert!(app.notice.as_deref().is_some_and(|n| n.contains(&id)));
}

#[test]
fn a_finding_from_another_area_opens_its_form_with_link_and_title() {
    let mut app = app();
    let effects = crate::app::request(
        &mut app,
        crate::screens::Request::Rectify(Finding::sop_step(
            "sop-vuln-fix",
            "vf-03",
            "补丁验证步骤讲不清",
            "术语太多",
        )),
    );
    assert_eq!(effects, vec![Effect::Save]);
    let r = item(&app, &form(&app).id);
    assert_eq!(r.link, "sop-vuln-fix/vf-03");
    assert_eq!(r.source, FindingSource::Sop);
    assert_eq!(r.description, "术语太多");
}

#[test]
fn a_new_blank_item_left_without_a_title_is_discarded_on_the_second_esc() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.progress.rectifications.len(), 1);
    key(&mut app, KeyCode::Esc);
    assert!(form(&app).form.error().is_some(), "the first Esc warns");
    key(&mut app, KeyCode::Esc);
    assert!(app.progress.rectifications.is_empty());
    assert!(matches!(
        app.screen(),
        Screen::Rectify(RectifyScreen::List(_))
    ));
}

#[test]
fn an_emptied_title_keeps_the_cursor_there_and_is_put_back_on_leaving() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    // From the owner back to the title (Shift+Tab goes round the ends, as in every form).
    for _ in 0..7 {
        key(&mut app, KeyCode::BackTab);
    }
    assert_eq!(form(&app).field(), RectField::Title);
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        form(&app).field(),
        RectField::Title,
        "a required field holds"
    );
    assert!(
        form(&app)
            .form
            .message()
            .is_some_and(|e| e.contains("必填"))
    );
    let id = form(&app).id.clone();
    key(&mut app, KeyCode::Esc);
    assert!(!item(&app, &id).title.is_empty());
}

#[test]
fn the_filter_panel_narrows_the_list_to_overdue_items() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('f'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let Screen::Rectify(RectifyScreen::List(list)) = app.screen() else {
        panic!("list");
    };
    let rows = list.rows(&app.progress, app.today());
    assert_eq!(rows.len(), 1);
    assert_eq!(app.progress.rectifications[rows[0]].owner, "李娜");
}

#[test]
fn the_windows_dialog_saves_the_notice_dates_as_typed() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('w'));
    let effects = typed(&mut app, "2026-11-20");
    assert!(effects.contains(&Effect::Save));
    assert_eq!(
        app.progress.timeline.correction_notice,
        Some(d("2026-11-20"))
    );
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "2026-11-24");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(app.progress.timeline.public_notice, Some(d("2026-11-24")));
}

#[test]
fn the_dashboard_counts_items_and_shows_the_running_windows() {
    let mut app = sample();
    // `sample` changes progress behind the app's back; the app counts at each change it makes.
    app.summary = crate::domain::summary::summarize(&app.content, &app.progress, app.today());
    let text: Vec<String> = dashboard_lines(&app.env(), &Theme::new(false, false), 60)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(text[1], " 未关闭 3，逾期 1，本周到期 1");
    assert_eq!(
        text[2],
        " 补正期 还剩 7 个工作日（截止 2026-12-04）·指南10个工作日"
    );
}

#[test]
fn list_at_80x24() {
    let mut app = sample();
    app.go_to(Area::Rectify);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn detail_at_80x24() {
    let mut app = sample();
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn detail_history_at_80x24() {
    let mut app = sample();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('G'));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_at_80x24() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    typed(&mut app, "+10");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn form_description_at_80x24() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('e'));
    for _ in 0..3 {
        key(&mut app, KeyCode::BackTab);
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn picker_at_80x24() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('t'));
    typed(&mut app, "录像");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn close_dialog_at_80x24() {
    let mut app = sample();
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('s'));
    typed(&mut app, "张伟");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn empty_list_at_80x24() {
    let mut app = app();
    key(&mut app, KeyCode::Char('5'));
    insta::assert_snapshot!(draw(&app));
}
