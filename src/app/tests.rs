//! The state machine driven by events alone: no terminal, no disk, no clock.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;
use crate::app::test_support::checklist;
use crate::progress::Status;

crate::app::test_support::drive_at!(2026, 11, 25);

fn app() -> App {
    new_app(Progress::default())
}

fn selected_id(app: &App) -> String {
    checklist(app)
        .selected_id(&app.content)
        .expect("an item is selected")
        .to_owned()
}

#[test]
fn enter_on_the_dashboard_opens_the_first_phase_with_its_first_item_selected() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let first = app.content.phases[0].sections[0].items[0].id.value.clone();
    assert_eq!(selected_id(&app), first);
}

#[test]
fn space_marks_the_item_done_and_asks_for_a_save() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let effects = ch(&mut app, ' ');
    assert_eq!(effects, vec![Effect::Save]);
    let id = selected_id(&app);
    assert_eq!(app.progress.status(&id), Status::Done);
    assert_eq!(app.progress.item(&id).and_then(|p| p.updated), Some(now()));
}

#[test]
fn space_on_a_done_item_marks_it_todo_again_and_drops_the_empty_entry() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    ch(&mut app, ' ');
    assert!(app.progress.items.is_empty());
}

#[test]
fn s_cycles_through_every_status_back_to_todo() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let id = selected_id(&app);
    let mut seen = Vec::new();
    for _ in 0..4 {
        ch(&mut app, 's');
        seen.push(app.progress.status(&id));
    }
    assert_eq!(
        seen,
        vec![
            Status::InProgress,
            Status::Done,
            Status::NotApplicable,
            Status::Todo
        ]
    );
}

#[test]
fn moving_down_skips_section_headings_and_stops_at_the_last_item() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let items = app.content.phases[0].item_count();
    for _ in 0..items + 5 {
        ch(&mut app, 'j');
    }
    let last = app.content.phases[0]
        .items()
        .last()
        .expect("items")
        .id
        .value
        .clone();
    assert_eq!(selected_id(&app), last);
    let state = checklist(&app);
    assert!(
        state.selected < state.offset + state.list_height,
        "selection visible"
    );
}

#[test]
fn a_note_is_written_into_progress_as_it_is_typed() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'n');
    let effects = typed(&mut app, "已核对");
    assert_eq!(effects, vec![Effect::Save; 3]);
    let id = selected_id(&app);
    assert_eq!(
        app.progress.item(&id).map(|p| p.note.as_str()),
        Some("已核对")
    );
}

#[test]
fn esc_in_the_note_editor_keeps_what_was_typed_and_ctrl_r_restores() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let id = selected_id(&app);
    app.progress.item_mut(&id).note = "原来的备注".into();
    ch(&mut app, 'n');
    typed(&mut app, "，补充");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(
        app.progress.item(&id).map(|p| p.note.as_str()),
        Some("原来的备注，补充")
    );
    ch(&mut app, 'n');
    typed(&mut app, "多余");
    let effects = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        now(),
    );
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(
        app.progress.item(&id).map(|p| p.note.as_str()),
        Some("原来的备注，补充")
    );
}

#[test]
fn q_inside_the_editor_is_text_not_quit() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'o');
    let effects = typed(&mut app, "q");
    assert!(!effects.contains(&Effect::Quit));
    assert_eq!(
        app.progress
            .item(&selected_id(&app))
            .map(|p| p.owner.as_str()),
        Some("q")
    );
}

#[test]
fn an_invalid_due_date_is_refused_with_a_message_and_nothing_is_saved() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'd');
    typed(&mut app, "2026-13-01");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    match &app.overlay {
        Some(Overlay::Editor(editor)) => assert!(
            editor
                .message()
                .is_some_and(|e| e.starts_with("不存在的日期")),
            "{:?}",
            editor.message()
        ),
        other => panic!("editor should stay open, got {other:?}"),
    }
    assert!(app.progress.items.is_empty());
}

#[test]
fn a_due_date_takes_the_slash_form_and_working_days() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    for (text, expected) in [
        ("2026/12/8", "2026-12-08"),
        ("２０２６．１２．９", "2026-12-09"),
    ] {
        ch(&mut app, 'd');
        for _ in 0..16 {
            key(&mut app, KeyCode::Backspace);
        }
        typed(&mut app, text);
        assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Save], "{text}");
        let due = app.progress.item(&selected_id(&app)).and_then(|p| p.due);
        assert_eq!(due.map(|d| d.to_string()).as_deref(), Some(expected));
    }
    ch(&mut app, 'd');
    for _ in 0..16 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "+1");
    key(&mut app, KeyCode::Enter);
    let due = app.progress.item(&selected_id(&app)).and_then(|p| p.due);
    assert!(due.is_some_and(|d| d > app.now.date()), "{due:?}");
}

#[test]
fn a_valid_due_date_is_saved_on_enter() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'd');
    typed(&mut app, "2026-12-01");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Save]);
    assert!(app.overlay.is_none());
    let due = app.progress.item(&selected_id(&app)).and_then(|p| p.due);
    assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 1));
}

#[test]
fn q_quits_from_the_checklist() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    assert_eq!(ch(&mut app, 'q'), vec![Effect::Quit]);
}

#[test]
fn quitting_while_saves_fail_asks_for_confirmation_first() {
    let mut app = app();
    update(&mut app, Event::Saved(Err("磁盘已满".into())), now());
    assert_eq!(ch(&mut app, 'q'), vec![Effect::Save]);
    assert!(app.notice.is_some());
    assert_eq!(ch(&mut app, 'q'), vec![Effect::Quit]);
}

#[test]
fn a_save_error_stays_until_a_save_succeeds() {
    let mut app = app();
    update(&mut app, Event::Saved(Err("磁盘已满".into())), now());
    ch(&mut app, 'j');
    assert!(app.save_error.is_some());
    update(&mut app, Event::Saved(Ok(())), now());
    assert!(app.save_error.is_none());
}

#[test]
fn search_jumps_to_the_chosen_item_in_its_phase() {
    let mut app = app();
    ch(&mut app, '/');
    typed(&mut app, "防雷");
    key(&mut app, KeyCode::Enter);
    let id = selected_id(&app);
    let found = app.content.find_item(&id).expect("item exists");
    let text = format!(
        "{}{}{}",
        found.item.title,
        app.content.text(&found.item.what),
        app.content.text(&found.item.acceptance)
    );
    assert!(text.contains("防雷"), "{text}");
    // Esc from the checklist returns to the dashboard, not to the search.
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Screen::Dashboard(_)));
}

#[test]
fn letters_typed_in_search_are_query_text() {
    let mut app = app();
    ch(&mut app, '/');
    let effects = typed(&mut app, "qj");
    assert!(effects.is_empty());
    match app.screen() {
        Screen::Search(search) => assert_eq!(search.input.text(), "qj"),
        other => panic!("expected search, got {other:?}"),
    }
}

#[test]
fn help_opens_and_its_own_keys_close_it() {
    let mut app = app();
    ch(&mut app, '?');
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    ch(&mut app, 'x');
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    ch(&mut app, '?');
    assert!(app.overlay.is_none());
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    update(&mut app, Event::Key(release), now());
    assert!(matches!(app.screen(), Screen::Dashboard(_)));
}

#[test]
fn tab_and_brackets_switch_phases() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Tab);
    assert_eq!(checklist(&app).phase, 1);
    ch(&mut app, '[');
    ch(&mut app, '[');
    assert_eq!(checklist(&app).phase, app.content.phases.len() - 1);
}

#[test]
fn a_paste_into_the_note_editor_is_saved() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'n');
    let effects = update(&mut app, Event::Paste("第一行\r\n第二行".into()), now());
    assert_eq!(effects, vec![Effect::Save]);
    let id = selected_id(&app);
    assert_eq!(
        app.progress.item(&id).map(|p| p.note.as_str()),
        Some("第一行\n第二行")
    );
}

#[test]
fn a_resize_keeps_the_selection_visible() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    for _ in 0..10 {
        ch(&mut app, 'j');
    }
    update(&mut app, Event::Resize(80, 12), now());
    let state = checklist(&app);
    assert!(state.selected >= state.offset && state.selected < state.offset + state.list_height);
}

fn with_pending_finding(operator: &str) -> App {
    let mut app = app();
    let sop = &app.content.sops[0];
    let (sop_id, step_id) = (sop.id.value.clone(), sop.steps[1].id.value.clone());
    app.progress.operator = operator.into();
    app.progress
        .pending_findings
        .push(crate::progress::PendingFinding {
            sop: sop_id,
            step: step_id,
            note: "讲到补丁来源时卡住了".into(),
            run_started: now(),
            at: now(),
        });
    ch(&mut app, '4');
    app
}

#[test]
fn z_on_the_sop_list_turns_a_pending_finding_into_a_rectification_item() {
    let mut app = with_pending_finding("王工");
    let effects = ch(&mut app, 'z');
    assert_eq!(effects, vec![Effect::Save]);
    assert!(app.progress.pending_findings.is_empty());
    let item = app.progress.rectifications.last().expect("created");
    let sop = &app.content.sops[0];
    assert_eq!(item.link, format!("{}/{}", sop.id, sop.steps[1].id));
    assert_eq!(item.source, crate::content::FindingSource::Sop);
    assert!(
        item.description.contains("补丁来源"),
        "{}",
        item.description
    );
    assert!(item.title.contains(&sop.steps[1].title), "{}", item.title);
}

#[test]
fn z_without_an_operator_keeps_the_finding_and_says_what_to_do() {
    let mut app = with_pending_finding("");
    assert!(ch(&mut app, 'z').is_empty());
    assert_eq!(app.progress.pending_findings.len(), 1);
    assert!(app.progress.rectifications.is_empty());
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("操作人")));
}
