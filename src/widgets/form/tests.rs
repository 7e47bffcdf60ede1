use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Event, Field, Form};
use crate::action::Action;
use crate::i18n::Lang;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        let _ = form.key(key(KeyCode::Char(c)));
    }
}

fn close_form() -> Form {
    Form::new(
        vec![
            Field::text("验证人", "", 50).required(),
            Field::text("证据", "", 500).required(),
            Field::text("验证意见", "", 500).draft(),
        ],
        Lang::Zh,
    )
}

#[test]
fn enter_on_an_empty_required_field_says_so_and_keeps_the_focus() {
    let mut form = close_form();
    assert_eq!(form.action(Action::FormEnter), Event::None);
    assert_eq!(form.focus(), 0);
    assert_eq!(form.missing(), Some(0));
    assert!(form.message().is_some_and(|m| m.contains("验证人")));
    typed(&mut form, "赵强");
    assert_eq!(form.value(0), "赵强");
    assert_eq!(form.value(1), "");
    assert_eq!(form.missing(), None);
    assert_eq!(form.action(Action::FormEnter), Event::Left(0));
    assert_eq!(form.focus(), 1);
}

#[test]
fn tab_is_refused_forward_on_an_empty_required_field_but_shift_tab_goes_back() {
    let mut form = close_form();
    typed(&mut form, "赵强");
    let _ = form.action(Action::NextField);
    assert_eq!(form.action(Action::NextField), Event::None);
    assert_eq!(form.focus(), 1);
    assert_eq!(form.action(Action::PrevField), Event::Left(1));
    assert_eq!(form.focus(), 0);
}

#[test]
fn done_goes_to_the_first_missing_field_instead_of_submitting() {
    let mut form = close_form();
    typed(&mut form, "赵强");
    assert_eq!(form.action(Action::FormDone), Event::None);
    assert_eq!(form.focus(), 1);
    assert_eq!(form.missing(), Some(1));
    typed(&mut form, "BM-2026-01");
    assert_eq!(form.action(Action::FormDone), Event::Submit);
}

#[test]
fn enter_on_the_last_field_submits() {
    let mut form = Form::new(vec![Field::text("名", "甲", 10)], Lang::Zh);
    assert_eq!(form.action(Action::FormEnter), Event::Submit);
}

#[test]
fn a_prefilled_value_is_replaced_by_the_first_typed_character() {
    let mut form = Form::new(vec![Field::date("日期", "2026-12-03")], Lang::Zh);
    assert!(form.focused().is_some_and(Field::is_selected));
    typed(&mut form, "2026/12/8");
    assert_eq!(form.value(0), "2026/12/8");
}

#[test]
fn arrows_keep_a_prefilled_value_for_editing() {
    let mut form = Form::new(vec![Field::text("名", "陈强", 10)], Lang::Zh);
    let _ = form.key(key(KeyCode::Left));
    typed(&mut form, "小");
    assert_eq!(form.value(0), "陈小强");
    let mut form = Form::new(vec![Field::text("名", "陈强", 10)], Lang::Zh);
    let _ = form.key(key(KeyCode::End));
    typed(&mut form, "军");
    assert_eq!(form.value(0), "陈强军");
}

#[test]
fn backspace_on_a_selected_value_clears_it() {
    let mut form = Form::new(vec![Field::text("名", "陈强", 10)], Lang::Zh);
    assert_eq!(form.key(key(KeyCode::Backspace)), Event::Edited(0));
    assert_eq!(form.value(0), "");
}

#[test]
fn a_paste_replaces_a_selected_value() {
    let mut form = Form::new(vec![Field::text("名", "陈强", 10)], Lang::Zh);
    assert_eq!(form.paste(" 王芳 "), Event::Edited(0));
    assert_eq!(form.value(0), "王芳");
}

#[test]
fn a_multiline_field_keeps_its_text_and_enter_starts_a_line() {
    let mut form = Form::new(vec![Field::multiline("备注", "第一行", 100)], Lang::Zh);
    typed(&mut form, "。");
    assert_eq!(form.action(Action::FormEnter), Event::Edited(0));
    typed(&mut form, "二");
    assert_eq!(form.value(0), "第一行。\n二");
}

#[test]
fn an_unreadable_date_keeps_the_focus_and_says_which_kind_of_wrong() {
    let mut form = Form::new(
        vec![Field::date("开始", ""), Field::date("审核", "")],
        Lang::Zh,
    );
    typed(&mut form, "2026-13-40");
    assert_eq!(form.action(Action::NextField), Event::None);
    assert_eq!(form.focus(), 0);
    assert!(form.message().is_some_and(|m| m.contains("不存在的日期")));
    let _ = form.action(Action::RestoreField);
    typed(&mut form, "下周");
    assert_eq!(form.action(Action::FormEnter), Event::None);
    assert!(form.message().is_some_and(|m| m.contains("无法识别")));
}

#[test]
fn esc_closes_at_once_when_nothing_would_be_lost() {
    let mut form = Form::new(vec![Field::text("名", "", 10)], Lang::Zh);
    typed(&mut form, "陈强");
    assert_eq!(form.action(Action::FormEsc), Event::Close);
}

#[test]
fn esc_asks_before_dropping_a_draft_and_a_second_esc_drops_it() {
    let mut form = close_form();
    typed(&mut form, "赵强");
    let _ = form.action(Action::FormEnter);
    typed(&mut form, "BM-1");
    let _ = form.action(Action::FormEnter);
    typed(&mut form, "复查通过");
    assert_eq!(form.action(Action::FormEsc), Event::None);
    assert!(form.esc_armed());
    assert!(form.message().is_some_and(|m| m.contains("验证意见")));
    assert_eq!(form.action(Action::FormEsc), Event::Close);
}

#[test]
fn a_key_between_two_escs_asks_again() {
    let mut form = Form::new(vec![Field::date("日期", "")], Lang::Zh);
    typed(&mut form, "2026-02-30");
    assert_eq!(form.action(Action::FormEsc), Event::None);
    typed(&mut form, "x");
    assert_eq!(form.action(Action::FormEsc), Event::None);
    assert_eq!(form.action(Action::FormEsc), Event::Close);
}

#[test]
fn ctrl_r_puts_back_the_value_the_field_had_when_entered() {
    let mut form = Form::new(vec![Field::text("名", "陈强", 10)], Lang::Zh);
    typed(&mut form, "王");
    assert_eq!(form.action(Action::RestoreField), Event::Edited(0));
    assert_eq!(form.value(0), "陈强");
}

#[test]
fn typing_at_the_length_limit_says_so() {
    let mut form = Form::new(vec![Field::text("名", "", 2)], Lang::Zh);
    typed(&mut form, "陈强军");
    assert_eq!(form.value(0), "陈强");
    assert!(form.message().is_some_and(|m| m.contains("上限")));
}

#[test]
fn a_choice_changes_with_arrows_and_digits() {
    let options = vec![
        "自查".to_owned(),
        "模拟审核".to_owned(),
        "现场审核".to_owned(),
    ];
    let mut form = Form::new(vec![Field::choice("来源", options, 0)], Lang::Zh);
    assert_eq!(form.key(key(KeyCode::Right)), Event::Edited(0));
    assert_eq!(form.value(0), "模拟审核");
    assert_eq!(form.key(key(KeyCode::Char('3'))), Event::Edited(0));
    assert_eq!(form.value(0), "现场审核");
    assert_eq!(form.key(key(KeyCode::Char('9'))), Event::None);
}

#[test]
fn up_and_down_move_the_cursor_inside_a_multiline_field_then_leave_it() {
    let mut form = Form::new(
        vec![
            Field::text("标题", "t", 10),
            Field::multiline("描述", "一\n二", 100),
        ],
        Lang::Zh,
    )
    .focused_on(1);
    assert_eq!(form.action(Action::Up), Event::None);
    assert_eq!(form.focus(), 1);
    assert_eq!(form.action(Action::Up), Event::Left(1));
    assert_eq!(form.focus(), 0);
}
