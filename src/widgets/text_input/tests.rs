//! Unit tests for the text input: editing CJK and emoji, wrapping, cursor placement, keys, paste, limits, scrolling and rendering.

use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn press(input: &mut TextInput, code: KeyCode) -> InputOutcome {
    input.handle_key(key(code))
}

fn press_n(input: &mut TextInput, code: KeyCode, n: usize) {
    for _ in 0..n {
        press(input, code);
    }
}

fn type_text(input: &mut TextInput, s: &str) {
    for c in s.chars() {
        press(input, KeyCode::Char(c));
    }
}

#[test]
fn typing_chinese_characters_inserts_them_and_advances_two_columns_each() {
    let mut input = TextInput::single_line("");
    type_text(&mut input, "张三");
    assert_eq!(input.text(), "张三");
    assert_eq!(input.cursor(), (0, 2));
    assert_eq!(input.cursor_position(80), (4, 0));
}

#[test]
fn backspace_after_a_chinese_character_removes_the_whole_character() {
    let mut input = TextInput::single_line("你好");
    assert_eq!(press(&mut input, KeyCode::Backspace), InputOutcome::Edited);
    assert_eq!(input.text(), "你");
    assert_eq!(input.cursor_position(80), (2, 0));
}

#[test]
fn delete_before_a_chinese_character_removes_the_whole_character() {
    let mut input = TextInput::single_line("你好");
    press(&mut input, KeyCode::Home);
    assert_eq!(press(&mut input, KeyCode::Delete), InputOutcome::Edited);
    assert_eq!(input.text(), "好");
    assert_eq!(input.cursor(), (0, 0));
}

#[test]
fn left_and_right_step_over_mixed_ascii_and_chinese_one_character_at_a_time() {
    let mut input = TextInput::single_line("a中b文");
    let mut xs = vec![input.cursor_position(80).0];
    while press(&mut input, KeyCode::Left) == InputOutcome::Moved {
        xs.push(input.cursor_position(80).0);
    }
    assert_eq!(xs, [6, 4, 3, 1, 0]);
    press(&mut input, KeyCode::Right);
    press(&mut input, KeyCode::Right);
    type_text(&mut input, "和");
    assert_eq!(input.text(), "a中和b文");
    assert_eq!(input.cursor_position(80), (5, 0));
}

#[test]
fn typing_into_the_middle_of_chinese_text_inserts_at_the_cursor() {
    let mut input = TextInput::single_line("明下午");
    press(&mut input, KeyCode::Home);
    press(&mut input, KeyCode::Right);
    type_text(&mut input, "天");
    assert_eq!(input.text(), "明天下午");
    assert_eq!(input.cursor(), (0, 2));
}

#[test]
fn an_emoji_is_one_double_width_character() {
    let mut input = TextInput::single_line("");
    type_text(&mut input, "👍");
    assert_eq!(input.cursor_position(80), (2, 0));
    assert_eq!(press(&mut input, KeyCode::Backspace), InputOutcome::Edited);
    assert!(input.is_empty());
}

#[test]
fn backspace_removes_a_joined_emoji_family_as_one_grapheme() {
    let mut input = TextInput::single_line("a👨‍👩‍👧b");
    press(&mut input, KeyCode::Left);
    assert_eq!(input.cursor(), (0, 2));
    press(&mut input, KeyCode::Backspace);
    assert_eq!(input.text(), "ab");
    assert_eq!(input.cursor(), (0, 1));
}

#[test]
fn a_combining_accent_typed_after_a_letter_joins_it() {
    let mut input = TextInput::single_line("");
    type_text(&mut input, "e\u{301}");
    assert_eq!(input.cursor(), (0, 1));
    assert_eq!(input.cursor_position(80), (1, 0));
    press(&mut input, KeyCode::Backspace);
    assert!(input.is_empty());
}

#[test]
fn a_row_of_forty_chinese_characters_puts_the_cursor_at_the_start_of_the_next_row() {
    let mut input = TextInput::single_line(&"中".repeat(40));
    assert_eq!(input.cursor_position(80), (0, 1));
    assert_eq!(input.visual_line_count(80), 2);
    press(&mut input, KeyCode::Left);
    assert_eq!(input.cursor_position(80), (78, 0));
    input.ensure_cursor_visible(80, 1);
    assert_eq!(input.cursor_position(80), (78, 0));
}

#[test]
fn thirty_nine_chinese_characters_leave_the_cursor_on_the_same_row() {
    let input = TextInput::single_line(&"中".repeat(39));
    assert_eq!(input.cursor_position(80), (78, 0));
    assert_eq!(input.visual_line_count(80), 1);
}

#[test]
fn a_wide_character_that_would_straddle_the_edge_wraps_to_the_next_row() {
    let mut input = TextInput::multi_line("abcd中");
    assert_eq!(input.visual_line_count(5), 2);
    assert_eq!(input.cursor_position(5), (2, 1));
    press(&mut input, KeyCode::Left);
    assert_eq!(
        input.cursor_position(5),
        (0, 1),
        "before 中, where 中 is drawn"
    );
    press(&mut input, KeyCode::Left);
    assert_eq!(input.cursor_position(5), (3, 0));
}

#[test]
fn cursor_position_after_the_text_for_many_texts_and_widths() {
    let cases: &[(&str, u16, (u16, u16))] = &[
        ("", 10, (0, 0)),
        ("abc", 10, (3, 0)),
        ("中文", 10, (4, 0)),
        ("中文", 4, (0, 1)),
        ("中文", 5, (4, 0)),
        ("中文字", 4, (2, 1)),
        ("ab中", 3, (2, 1)),
        ("中", 1, (0, 1)),
        ("abcdefghij", 5, (0, 2)),
        ("ab\n中文", 10, (4, 1)),
        ("中文\n", 4, (0, 2)),
        ("👍a", 10, (3, 0)),
        ("e\u{301}x", 10, (2, 0)),
        ("，。", 3, (2, 1)),
        ("abc", 0, (0, 3)),
    ];
    for &(text, width, expected) in cases {
        let input = TextInput::multi_line(text);
        assert_eq!(
            input.cursor_position(width),
            expected,
            "{text:?} at width {width}"
        );
    }
}

#[test]
fn the_cursor_sits_on_the_cell_where_the_character_after_it_is_drawn() {
    let text = "ab中文👍e\u{301}，xyz字\u{200b}q";
    for width in 2..=14u16 {
        let mut input = TextInput::multi_line(text);
        let height = u16::try_from(input.visual_line_count(width)).unwrap_or(u16::MAX);
        input.ensure_cursor_visible(width, height);
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        (&input).render(area, &mut buf);
        press(&mut input, KeyCode::Home);
        for g in text.graphemes(true) {
            let (x, y) = input.cursor_position(width);
            assert!(x < width, "{g:?} at width {width}: x = {x}");
            if grapheme_width(g) > 0 {
                assert_eq!(buf[(x, y)].symbol(), g, "width {width}");
            }
            press(&mut input, KeyCode::Right);
        }
    }
}

#[test]
fn up_and_down_move_between_wrapped_rows_keeping_the_display_column() {
    // Width 7: "a中文中" fills row 0, "文中文" is row 1.
    let mut input = TextInput::multi_line("a中文中文中文");
    input.ensure_cursor_visible(7, 5);
    assert_eq!(input.cursor_position(7), (6, 1));
    assert_eq!(press(&mut input, KeyCode::Up), InputOutcome::Moved);
    assert_eq!(
        input.cursor_position(7),
        (5, 0),
        "nearest boundary to x = 6"
    );
    assert_eq!(input.cursor(), (0, 3));
    assert_eq!(press(&mut input, KeyCode::Down), InputOutcome::Moved);
    assert_eq!(input.cursor_position(7), (6, 1), "goal column kept");
}

#[test]
fn down_from_a_column_inside_a_wide_character_lands_on_its_left_edge() {
    let mut input = TextInput::multi_line("abcd\n中文字");
    press(&mut input, KeyCode::Up);
    press(&mut input, KeyCode::Home);
    press(&mut input, KeyCode::Right);
    assert_eq!(input.cursor_position(80), (1, 0));
    press(&mut input, KeyCode::Down);
    assert_eq!(input.cursor_position(80), (0, 1));
    press(&mut input, KeyCode::Up);
    press_n(&mut input, KeyCode::Right, 2);
    press(&mut input, KeyCode::Down);
    assert_eq!(input.cursor_position(80), (2, 1));
}

#[test]
fn up_and_down_keep_the_goal_column_across_a_short_line() {
    let mut input = TextInput::multi_line("中文中文中文\nab\n中文中文中文");
    press_n(&mut input, KeyCode::Up, 2);
    assert_eq!(input.cursor_position(80), (12, 0));
    press(&mut input, KeyCode::Down);
    assert_eq!(input.cursor_position(80), (2, 1));
    press(&mut input, KeyCode::Down);
    assert_eq!(input.cursor_position(80), (12, 2));
    press(&mut input, KeyCode::Left);
    press(&mut input, KeyCode::Up);
    press(&mut input, KeyCode::Up);
    assert_eq!(input.cursor_position(80), (10, 0), "Left resets the goal");
}

#[test]
fn up_and_down_within_one_wrapped_line_need_the_width_from_ensure_cursor_visible() {
    let mut input = TextInput::single_line(&"中".repeat(15));
    assert_eq!(press(&mut input, KeyCode::Up), InputOutcome::Ignored);
    input.ensure_cursor_visible(20, 3);
    assert_eq!(input.cursor_position(20), (10, 1));
    assert_eq!(press(&mut input, KeyCode::Up), InputOutcome::Moved);
    assert_eq!(input.cursor(), (0, 5));
    assert_eq!(input.cursor_position(20), (10, 0));
}

#[test]
fn up_on_the_first_row_and_down_on_the_last_are_ignored() {
    let mut input = TextInput::multi_line("一\n二");
    assert_eq!(press(&mut input, KeyCode::Down), InputOutcome::Ignored);
    assert_eq!(press(&mut input, KeyCode::Up), InputOutcome::Moved);
    assert_eq!(press(&mut input, KeyCode::Up), InputOutcome::Ignored);
    assert_eq!(input.cursor(), (0, 1));
}

#[test]
fn enter_submits_a_single_line_input_without_changing_it() {
    let mut input = TextInput::single_line("2024-06-01");
    assert_eq!(press(&mut input, KeyCode::Enter), InputOutcome::Submit);
    assert_eq!(input.text(), "2024-06-01");
}

#[test]
fn enter_splits_the_line_in_a_multi_line_input() {
    let mut input = TextInput::multi_line("你好");
    press(&mut input, KeyCode::Left);
    assert_eq!(press(&mut input, KeyCode::Enter), InputOutcome::Edited);
    assert_eq!(input.text(), "你\n好");
    assert_eq!(input.cursor(), (1, 0));
}

#[test]
fn ctrl_s_submits_a_multi_line_input() {
    let mut input = TextInput::multi_line("第一行\n第二行");
    assert_eq!(input.handle_key(ctrl('s')), InputOutcome::Submit);
    assert_eq!(input.text(), "第一行\n第二行");
}

#[test]
fn alt_enter_and_ctrl_enter_submit_a_multi_line_input() {
    let mut input = TextInput::multi_line("x");
    for modifiers in [KeyModifiers::ALT, KeyModifiers::CONTROL] {
        let event = KeyEvent::new(KeyCode::Enter, modifiers);
        assert_eq!(input.handle_key(event), InputOutcome::Submit);
    }
    assert_eq!(input.text(), "x");
}

#[test]
fn ctrl_j_a_raw_line_feed_acts_like_plain_enter() {
    let mut input = TextInput::multi_line("a");
    assert_eq!(input.handle_key(ctrl('j')), InputOutcome::Edited);
    assert_eq!(input.text(), "a\n");
    let mut input = TextInput::single_line("a");
    assert_eq!(input.handle_key(ctrl('j')), InputOutcome::Submit);
}

#[test]
fn esc_cancels() {
    let mut input = TextInput::multi_line("草稿");
    assert_eq!(press(&mut input, KeyCode::Esc), InputOutcome::Cancel);
    assert_eq!(input.text(), "草稿");
}

#[test]
fn tab_is_ignored_so_the_caller_can_move_focus() {
    let mut input = TextInput::multi_line("a");
    assert_eq!(press(&mut input, KeyCode::Tab), InputOutcome::Ignored);
    assert_eq!(press(&mut input, KeyCode::BackTab), InputOutcome::Ignored);
    assert_eq!(input.handle_key(ctrl('c')), InputOutcome::Ignored);
    assert_eq!(input.text(), "a");
}

#[test]
fn release_events_are_ignored_and_repeats_act_like_presses() {
    let mut input = TextInput::single_line("");
    let release = KeyEvent::new_with_kind(
        KeyCode::Char('a'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    );
    let repeat =
        KeyEvent::new_with_kind(KeyCode::Char('a'), KeyModifiers::NONE, KeyEventKind::Repeat);
    assert_eq!(input.handle_key(release), InputOutcome::Ignored);
    assert_eq!(input.handle_key(repeat), InputOutcome::Edited);
    assert_eq!(input.text(), "a");
}

#[test]
fn shifted_characters_are_typed() {
    let mut input = TextInput::single_line("");
    input.handle_key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT));
    assert_eq!(input.text(), "A");
}

#[test]
fn pasting_crlf_text_splits_lines_in_a_multi_line_input() {
    let mut input = TextInput::multi_line("");
    input.insert_str("第一行\r\n第二行\r\n");
    assert_eq!(input.text(), "第一行\n第二行\n");
    assert_eq!(input.cursor(), (2, 0));
    input.insert_str("a\rb");
    assert_eq!(input.text(), "第一行\n第二行\na\nb");
}

#[test]
fn pasting_into_the_middle_of_a_line_keeps_the_rest_after_the_pasted_text() {
    let mut input = TextInput::multi_line("开始结束");
    press_n(&mut input, KeyCode::Left, 2);
    input.insert_str("一\n二");
    assert_eq!(input.text(), "开始一\n二结束");
    assert_eq!(input.cursor(), (1, 1));
}

#[test]
fn pasting_newlines_into_a_single_line_input_turns_them_into_spaces() {
    let mut input = TextInput::single_line("");
    input.insert_str("张三\r\n李四\n");
    assert_eq!(input.text(), "张三 李四 ");
    assert_eq!(TextInput::single_line("a\nb").text(), "a b");
}

#[test]
fn pasting_turns_tabs_into_spaces_and_drops_control_characters() {
    let mut input = TextInput::single_line("");
    input.insert_str("a\tb\x1b[31mc\x07\u{7f}\u{0}d\u{9b}");
    assert_eq!(input.text(), "a    b[31mcd");
}

#[test]
fn max_chars_refuses_typing_beyond_the_limit() {
    let mut input = TextInput::single_line("").with_max_chars(3);
    type_text(&mut input, "中文字");
    assert_eq!(
        press(&mut input, KeyCode::Char('典')),
        InputOutcome::Ignored
    );
    assert_eq!(input.text(), "中文字");
    press(&mut input, KeyCode::Backspace);
    assert_eq!(press(&mut input, KeyCode::Char('典')), InputOutcome::Edited);
}

#[test]
fn max_chars_cuts_a_giant_paste_to_fit() {
    let mut input = TextInput::multi_line("ab").with_max_chars(10);
    input.insert_str(&"很长\n".repeat(100_000));
    assert_eq!(input.char_count(), 10);
    assert_eq!(input.text(), "ab很长\n很长\n很长");
}

#[test]
fn max_chars_counts_newlines_and_never_splits_a_grapheme() {
    let mut input = TextInput::multi_line("").with_max_chars(3);
    type_text(&mut input, "a");
    press(&mut input, KeyCode::Enter);
    type_text(&mut input, "b");
    assert_eq!(press(&mut input, KeyCode::Enter), InputOutcome::Ignored);
    assert_eq!(input.text(), "a\nb");

    let mut input = TextInput::single_line("").with_max_chars(3);
    input.insert_str("a👨‍👩‍👧");
    assert_eq!(input.text(), "a");
}

#[test]
fn backspace_at_the_start_of_a_line_joins_it_to_the_previous_line() {
    let mut input = TextInput::multi_line("上\n下");
    press(&mut input, KeyCode::Home);
    press(&mut input, KeyCode::Backspace);
    assert_eq!(input.text(), "上下");
    assert_eq!(input.cursor(), (0, 1));
    press(&mut input, KeyCode::Home);
    assert_eq!(press(&mut input, KeyCode::Backspace), InputOutcome::Ignored);
}

#[test]
fn delete_at_the_end_of_a_line_joins_the_next_line() {
    let mut input = TextInput::multi_line("上\n下");
    press(&mut input, KeyCode::Up);
    press(&mut input, KeyCode::End);
    press(&mut input, KeyCode::Delete);
    assert_eq!(input.text(), "上下");
    assert_eq!(input.cursor(), (0, 1));
    press(&mut input, KeyCode::End);
    assert_eq!(press(&mut input, KeyCode::Delete), InputOutcome::Ignored);
}

#[test]
fn left_and_right_cross_line_ends() {
    let mut input = TextInput::multi_line("一\n二");
    press(&mut input, KeyCode::Home);
    press(&mut input, KeyCode::Left);
    assert_eq!(input.cursor(), (0, 1));
    press(&mut input, KeyCode::Right);
    assert_eq!(input.cursor(), (1, 0));
}

#[test]
fn home_end_ctrl_a_and_ctrl_e_go_to_the_line_start_and_end() {
    let mut input = TextInput::multi_line("第一行\n负责人张三");
    press(&mut input, KeyCode::Home);
    assert_eq!(input.cursor(), (1, 0));
    press(&mut input, KeyCode::End);
    assert_eq!(input.cursor(), (1, 5));
    input.handle_key(ctrl('a'));
    assert_eq!(input.cursor(), (1, 0));
    input.handle_key(ctrl('e'));
    assert_eq!(input.cursor(), (1, 5));
    assert_eq!(input.handle_key(ctrl('e')), InputOutcome::Ignored);
}

#[test]
fn ctrl_u_deletes_to_the_line_start_and_ctrl_k_to_the_line_end() {
    let mut input = TextInput::multi_line("保留\n你好世界");
    press_n(&mut input, KeyCode::Left, 2);
    assert_eq!(input.handle_key(ctrl('u')), InputOutcome::Edited);
    assert_eq!(input.text(), "保留\n世界");
    assert_eq!(input.cursor(), (1, 0));
    press(&mut input, KeyCode::Right);
    assert_eq!(input.handle_key(ctrl('k')), InputOutcome::Edited);
    assert_eq!(input.text(), "保留\n世");
    assert_eq!(input.handle_key(ctrl('k')), InputOutcome::Ignored);
}

#[test]
fn ctrl_w_deletes_the_previous_word_treating_chinese_runs_and_punctuation_as_words() {
    let mut input = TextInput::single_line("call 张三，明天 meeting");
    let mut steps = Vec::new();
    while input.handle_key(ctrl('w')) == InputOutcome::Edited {
        steps.push(input.text());
    }
    assert_eq!(
        steps,
        ["call 张三，明天 ", "call 张三，", "call 张三", "call ", ""]
    );
}

#[test]
fn ctrl_w_at_the_start_of_a_line_joins_it_to_the_previous_line() {
    let mut input = TextInput::multi_line("a\nb");
    press(&mut input, KeyCode::Home);
    input.handle_key(ctrl('w'));
    assert_eq!(input.text(), "ab");
}

#[test]
fn scrolling_keeps_the_cursor_visible() {
    let text: Vec<String> = (1..=10).map(|n| format!("第{n}行")).collect();
    let mut input = TextInput::multi_line(&text.join("\n"));
    input.ensure_cursor_visible(20, 3);
    assert_eq!(input.scroll(), 7);
    assert_eq!(input.cursor_position(20), (6, 2));
    for _ in 0..9 {
        press(&mut input, KeyCode::Up);
        input.ensure_cursor_visible(20, 3);
        let (_, y) = input.cursor_position(20);
        assert!(y < 3);
    }
    assert_eq!(input.scroll(), 0);
    assert_eq!(input.cursor_position(20), (5, 0));
}

#[test]
fn a_long_single_line_input_one_row_high_shows_the_cursor_row() {
    let mut input = TextInput::single_line(&"中".repeat(30));
    input.ensure_cursor_visible(20, 1);
    assert_eq!(input.scroll(), 3);
    assert_eq!(input.cursor_position(20), (0, 0));
    press(&mut input, KeyCode::Home);
    input.ensure_cursor_visible(20, 1);
    assert_eq!(input.scroll(), 0);
}

#[test]
fn scroll_is_pulled_back_when_the_text_shrinks_or_the_area_grows() {
    let mut input = TextInput::multi_line(&"行\n".repeat(9));
    input.ensure_cursor_visible(20, 3);
    assert_eq!(input.scroll(), 7);
    input.ensure_cursor_visible(20, 10);
    assert_eq!(input.scroll(), 0, "all ten rows fit");
    input.ensure_cursor_visible(20, 3);
    press_n(&mut input, KeyCode::Backspace, 16);
    assert_eq!(input.text(), "行\n");
    input.ensure_cursor_visible(20, 3);
    assert_eq!(input.scroll(), 0);
}

#[test]
fn set_text_replaces_the_text_and_keeps_the_limit() {
    let mut input = TextInput::single_line("旧").with_max_chars(2);
    input.set_text("新值");
    assert_eq!(input.text(), "新值");
    assert_eq!(press(&mut input, KeyCode::Char('x')), InputOutcome::Ignored);
    assert!(!input.is_multiline());
}

#[test]
fn rendering_at_width_20_wraps_wide_characters_without_splitting_them() {
    let mut input =
        TextInput::multi_line("备注：明天下午3点和张三开会，讨论预算。\nTODO 👍 ok\n末行");
    let mut terminal = match Terminal::new(TestBackend::new(20, 5)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("test backend: {e}"),
    };
    let drawn = terminal.draw(|frame| {
        let area = frame.area();
        input.ensure_cursor_visible(area.width, area.height);
        frame.render_widget(&input, area);
        let (x, y) = input.cursor_position(area.width);
        frame.set_cursor_position((area.x + x, area.y + y));
    });
    assert!(drawn.is_ok());
    assert_eq!(input.cursor_position(20), (4, 4));
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(terminal.backend());
    });
}

/// A tiny deterministic pseudo-random generator (PCG-style LCG), so the test needs no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n
    }
}

fn assert_invariants(input: &TextInput, width: u16, height: u16, step: usize) {
    let ctx = format!("step {step}, width {width}: {input:?}");
    assert!(!input.lines.is_empty(), "{ctx}");
    assert!(input.multiline || input.lines.len() == 1, "{ctx}");
    assert!(input.row < input.lines.len(), "{ctx}");
    let line = &input.lines[input.row];
    assert!(input.col <= grapheme_count(line), "{ctx}");
    assert!(line.is_char_boundary(byte_offset(line, input.col)), "{ctx}");
    assert!(
        input.lines.iter().all(|l| !l.contains(char::is_control)),
        "{ctx}"
    );
    if let Some(max) = input.max_chars {
        assert!(input.char_count() <= max, "{ctx}");
    }
    let (x, y) = input.cursor_position(width);
    assert!(x < width, "{ctx}: x = {x}");
    assert!(y < height, "{ctx}: y = {y}");
}

#[test]
fn thousands_of_random_keys_never_break_the_invariants() {
    let typed = [
        'a', 'Z', ' ', '中', '文', '，', '👍', '\u{301}', '\u{200b}', '🇨', '🇳',
    ];
    let long = "长".repeat(30);
    let pasted = ["粘贴\r\n文本", "\t", "a\x1bb", long.as_str(), "\n\n"];
    let codes = [
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Tab,
        KeyCode::Esc,
    ];
    let controls = ['a', 'e', 'u', 'k', 'w', 'h', 's'];
    let mut rng = Lcg(20_240_601);
    for mut input in [
        TextInput::multi_line("起始\n文本").with_max_chars(120),
        TextInput::single_line("起始"),
        TextInput::multi_line("").with_max_chars(600),
    ] {
        let (mut width, mut height) = (10u16, 3u16);
        for step in 0..4000 {
            match rng.next(10) {
                0..=3 => {
                    let c = typed[rng.next(typed.len())];
                    input.handle_key(key(KeyCode::Char(c)));
                }
                4..=7 => {
                    input.handle_key(key(codes[rng.next(codes.len())]));
                }
                8 => {
                    input.handle_key(ctrl(controls[rng.next(controls.len())]));
                }
                _ => input.insert_str(pasted[rng.next(pasted.len())]),
            }
            if rng.next(20) == 0 {
                width = u16::try_from(1 + rng.next(25)).unwrap_or(1);
                height = u16::try_from(1 + rng.next(6)).unwrap_or(1);
            }
            input.ensure_cursor_visible(width, height);
            assert_invariants(&input, width, height, step);
            if step % 50 == 0 {
                let area = Rect::new(0, 0, width, height);
                let mut buf = Buffer::empty(area);
                (&input).render(area, &mut buf);
            }
        }
    }
}

#[test]
fn a_paste_over_the_limit_says_how_much_was_kept_and_typing_at_the_limit_says_so() {
    let mut input = TextInput::multi_line("").with_max_chars(10);
    input.insert_str(&"长".repeat(25));
    let hit = input.limit_hit().expect("the cut is reported");
    assert_eq!((hit.offered, hit.kept, hit.max), (25, 10, 10));
    assert_eq!(
        hit.message(crate::i18n::Lang::Zh),
        "超过上限 10 字：粘贴的 25 字只保留了前 10 字"
    );
    input.handle_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    let hit = input.limit_hit().expect("typing at the limit is reported");
    assert_eq!((hit.offered, hit.kept), (1, 0));
    assert!(hit.message(crate::i18n::Lang::Zh).contains("不能再输入"));
    input.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    assert_eq!(input.limit_hit(), None, "the next key clears it");
}

#[test]
fn closing_punctuation_never_starts_a_soft_wrapped_row_and_the_cursor_follows() {
    // 8 cells: "一二三四" would fill the first row and leave "，" to start the second.
    let lines = vec!["一二三四，五".to_owned()];
    let layout = Layout::new(&lines, 8);
    let rows: Vec<(usize, usize)> = layout.rows.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(rows, [(0, 3), (3, 6)]);
    // The cursor after "四" sits on the second row, after the character that moved down.
    assert_eq!(layout.cursor(0, 4), (2, 1));
    // Too narrow to move a character down with it: plain wrapping.
    let narrow = Layout::new(&["一，".to_owned()], 2);
    let rows: Vec<(usize, usize)> = narrow.rows.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(rows, [(0, 1), (1, 2), (2, 2)]);
}
