//! Tests of [`FrugalBackend`] against ratatui-crossterm's stock backend through the vt100
//! terminal emulator, and measurements of the bytes both write.

use crossterm::style::Colored;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, LineGauge, List, ListItem, ListState, Paragraph};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

use super::tests::Shared;
use super::*;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

/// A deterministic linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A terminal of `WIDTH`×`HEIGHT` that never asks the real terminal for its size.
fn fixed_terminal<B: Backend>(backend: B) -> Terminal<B> {
    let viewport = Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT));
    Terminal::with_options(backend, TerminalOptions { viewport })
        .unwrap_or_else(|_| panic!("a fixed viewport needs no terminal"))
}

/// One ratatui `Terminal` with a backend, its output, and the vt100 screen that output paints.
struct Emulated<B: Backend> {
    terminal: Terminal<B>,
    output: Shared,
    parser: vt100::Parser,
    bytes: usize,
}

impl<B: Backend> Emulated<B> {
    fn new(make: impl FnOnce(Shared) -> B) -> Self {
        let output = Shared::default();
        Self {
            terminal: fixed_terminal(make(output.clone())),
            output,
            parser: vt100::Parser::new(HEIGHT, WIDTH, 0),
            bytes: 0,
        }
    }

    /// Draws a frame, feeds its bytes to vt100, and returns the buffer drawn and the byte count.
    fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> (Buffer, usize) {
        let buffer = self
            .terminal
            .draw(render)
            .unwrap_or_else(|_| panic!("drawing to memory cannot fail"))
            .buffer
            .clone();
        let out = self.output.take();
        self.parser.process(&out);
        self.bytes += out.len();
        (buffer, out.len())
    }
}

fn stock() -> Emulated<CrosstermBackend<Shared>> {
    Colored::set_ansi_color_disabled(false);
    Emulated::new(CrosstermBackend::new)
}

fn frugal(trust_border_glyphs: bool) -> Emulated<FrugalBackend<Shared>> {
    Emulated::new(|out| {
        FrugalBackend::new(out)
            .with_colors(true)
            .with_trusted_border_glyphs(trust_border_glyphs)
            .with_screen_size(ratatui::layout::Size::new(WIDTH, HEIGHT))
    })
}

/// What a person sees of a vt100 cell: a cell never written looks like a written space.
fn visible(cell: Option<&vt100::Cell>) -> Option<(String, vt100::Color, vt100::Color, [bool; 7])> {
    cell.map(|c| {
        let contents = if c.has_contents() { c.contents() } else { " " };
        let flags = [
            c.bold(),
            c.dim(),
            c.italic(),
            c.underline(),
            c.inverse(),
            c.is_wide(),
            c.is_wide_continuation(),
        ];
        (contents.to_string(), c.fgcolor(), c.bgcolor(), flags)
    })
}

/// Asserts that two vt100 screens hold the same contents and attributes in every cell, the same
/// cursor visibility, and the same cursor position when it is visible. Cells are compared
/// exactly, or as a person [sees](visible) them unless `exact`.
fn assert_screens(expected: &vt100::Parser, actual: &vt100::Parser, exact: bool, context: &str) {
    let (expected, actual) = (expected.screen(), actual.screen());
    for row in 0..HEIGHT {
        for col in 0..WIDTH {
            let (a, b) = (expected.cell(row, col), actual.cell(row, col));
            let same = if exact {
                a == b
            } else {
                visible(a) == visible(b)
            };
            assert!(
                same,
                "{context}: cell (row {row}, col {col}) differs: {a:?} vs {b:?}\nexpected:\n{}\n\
                 actual:\n{}",
                expected.contents(),
                actual.contents(),
            );
        }
    }
    assert_eq!(expected.hide_cursor(), actual.hide_cursor(), "{context}");
    if !expected.hide_cursor() {
        assert_eq!(
            expected.cursor_position(),
            actual.cursor_position(),
            "{context}"
        );
    }
}

/// Asserts that two vt100 screens look identical, cell by cell. A cell the frugal backend
/// repainted with a space to bridge a gap, where the stock backend moved over a never-written
/// cell, looks the same and counts as the same.
fn assert_same_screens(expected: &vt100::Parser, actual: &vt100::Parser, context: &str) {
    assert_screens(expected, actual, false, context);
}

/// The UTF-8 bytes of the cells ratatui's diff yields between two frames, and the number of runs
/// they form (cells that do not start where the previous one ended start a run).
fn changed_cells(previous: &Buffer, next: &Buffer) -> (usize, usize) {
    let mut content = 0;
    let mut runs = 0;
    let mut end: Option<(u16, u16)> = None;
    for (x, y, cell) in previous.diff(next) {
        content += cell.symbol().len();
        if end != Some((x, y)) {
            runs += 1;
        }
        end = Some((x + cell.cell_width(), y));
    }
    (content, runs)
}

const CHINESE: &[&str] = &[
    "保", "密", "管", "理", "制", "度", "运", "维", "资", "质", "整", "改", "清", "单", "访", "谈",
    "演", "示", "阶", "段", "检", "查", "人", "员", "岗", "位", "职", "责", "文", "件", "涉", "统",
];
const ASCII: &[&str] = &["SSH", "ok", "v1.2", "#42", " ", "abc", "ID", "-", "x", "  "];
const FULLWIDTH: &[&str] = &[
    "，", "。", "：", "（", "）", "「", "」", "、", "《", "》", "！", "？", "％", "\u{3000}",
];
const EMOJI: &[&str] = &["😀", "🎉", "✅", "❤\u{fe0f}", "👍", "☺", "✔"];
const AMBIGUOUS: &[&str] = &["①", "②", "○", "×", "—", "…", "·", "•", "→", "§", "※", "▶"];
const BOX: &[&str] = &[
    "─", "│", "┌", "┐", "└", "┘", "├", "┼", "═", "║", "╭", "╮", "━",
];
const BLOCKS: &[&str] = &["█", "▉", "▊", "▌", "░", "▒", "▓", "▀", "▄", "▁"];
const OTHERS: &[&str] = &[
    "e\u{301}",
    "한글",
    "あア",
    "\u{20000}",
    "ｶﾞ",
    "👨\u{200d}👩\u{200d}👧",
    "é",
];

fn random_text(rng: &mut Lcg) -> String {
    let groups = [
        CHINESE, CHINESE, CHINESE, ASCII, ASCII, FULLWIDTH, EMOJI, AMBIGUOUS, BOX, BLOCKS, OTHERS,
    ];
    let group = *rng.pick(&groups);
    (0..1 + rng.below(6)).map(|_| *rng.pick(group)).collect()
}

fn random_style(rng: &mut Lcg) -> Style {
    let fgs = [
        Color::Reset,
        Color::Reset,
        Color::Red,
        Color::LightCyan,
        Color::Indexed(208),
        Color::Rgb(30, 60, 90),
    ];
    let bgs = [
        Color::Reset,
        Color::Reset,
        Color::Reset,
        Color::Blue,
        Color::DarkGray,
        Color::Rgb(200, 200, 0),
    ];
    // vt100 keeps bold and dim in one field, so they are never combined here.
    let modifiers = [
        Modifier::empty(),
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::BOLD | Modifier::REVERSED,
        Modifier::DIM,
        Modifier::ITALIC | Modifier::UNDERLINED,
    ];
    Style::new()
        .fg(*rng.pick(&fgs))
        .bg(*rng.pick(&bgs))
        .add_modifier(*rng.pick(&modifiers))
}

fn random_line(rng: &mut Lcg) -> (u16, Line<'static>) {
    let spans: Vec<Span> = (0..rng.below(12))
        .map(|_| Span::styled(random_text(rng), random_style(rng)))
        .collect();
    (rng.below(20) as u16, Line::from(spans))
}

/// A screen of random lines, changed a little from frame to frame.
struct Model {
    lines: Vec<(u16, Line<'static>)>,
    block: Option<(Rect, Style)>,
    cursor: Option<Position>,
}

impl Model {
    fn new(rng: &mut Lcg) -> Self {
        Self {
            lines: (0..HEIGHT).map(|_| random_line(rng)).collect(),
            block: None,
            cursor: None,
        }
    }

    fn mutate(&mut self, rng: &mut Lcg, frame: usize) {
        for _ in 0..1 + rng.below(6) {
            let row = rng.below(self.lines.len());
            self.lines[row] = random_line(rng);
        }
        if rng.below(4) == 0 {
            // Shift a line sideways so wide and narrow cells trade places.
            let row = rng.below(self.lines.len());
            let (x, _) = &mut self.lines[row];
            *x = (*x + 1) % 20;
        }
        if frame.is_multiple_of(10) {
            self.block = (rng.below(3) > 0).then(|| {
                let x = rng.below(40) as u16;
                let y = rng.below(12) as u16;
                let area = Rect::new(x, y, 10 + rng.below(30) as u16, 4 + rng.below(8) as u16);
                (area, random_style(rng))
            });
        }
        if frame.is_multiple_of(7) {
            self.cursor = (rng.below(2) == 0)
                .then(|| Position::new(rng.below(WIDTH as usize) as u16, rng.below(24) as u16));
        }
    }

    fn render(&self, frame: &mut Frame) {
        let buffer = frame.buffer_mut();
        for (y, (x, line)) in self.lines.iter().enumerate() {
            buffer.set_line(*x, y as u16, line, WIDTH - *x);
        }
        if let Some((area, style)) = self.block {
            let block = Block::bordered().title("整改①清单").border_style(style);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(Paragraph::new("访谈：第3项（运维）…"), inner);
        }
        if let Some(position) = self.cursor {
            frame.set_cursor_position(position);
        }
    }
}

#[test]
fn frugal_and_stock_backends_paint_identical_screens_across_random_frames() {
    for (seed, trust) in [(1, true), (2, true), (3, false), (4, true)] {
        let mut rng = Lcg(seed);
        let mut model = Model::new(&mut rng);
        let mut stock = stock();
        let mut frugal = frugal(trust);
        for frame in 0..150 {
            stock.draw(|f| model.render(f));
            frugal.draw(|f| model.render(f));
            let context = format!("seed {seed}, frame {frame}");
            assert_same_screens(&stock.parser, &frugal.parser, &context);
            model.mutate(&mut rng, frame);
        }
        println!(
            "random frames (seed {seed}, trusted border glyphs {trust}): stock {} bytes, frugal {} \
             bytes ({:.2}×)",
            stock.bytes,
            frugal.bytes,
            frugal.bytes as f64 / stock.bytes as f64
        );
        assert!(frugal.bytes < stock.bytes);
    }
}

const TOPICS: &[&str] = &[
    "保密管理制度（第三版）修订",
    "涉密人员岗位职责说明",
    "运维操作审批流程：《申请表》",
    "安全保密产品检测报告",
    "介质管理与销毁记录。",
    "机房出入登记、视频监控",
    "模拟访谈：保密责任人",
    "演示预演：远程运维审计",
    "整改跟踪「第二轮」复查",
    "资质申请材料汇总清单",
];

fn chinese_list(frame: &mut Frame, selected: usize) {
    let items: Vec<ListItem> = (0..20)
        .map(|i| ListItem::new(format!("第{:02}项：{}", i + 1, TOPICS[i % TOPICS.len()])))
        .collect();
    let list = List::new(items)
        .block(Block::bordered().title("整改清单"))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("> ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, frame.area(), &mut state);
}

#[test]
fn moving_a_highlight_down_a_chinese_list_costs_fewer_bytes_than_stock() {
    let mut stock = stock();
    let mut frugal = frugal(true);
    let (mut previous, stock_first) = stock.draw(|f| chinese_list(f, 0));
    let (_, frugal_first) = frugal.draw(|f| chinese_list(f, 0));
    assert_same_screens(&stock.parser, &frugal.parser, "first frame");
    let (mut stock_total, mut frugal_total, mut content_total, mut runs_total) = (0, 0, 0, 0);
    let moves = 19;
    for selected in 1..=moves {
        let (next, stock_bytes) = stock.draw(|f| chinese_list(f, selected));
        let (_, frugal_bytes) = frugal.draw(|f| chinese_list(f, selected));
        assert_same_screens(&stock.parser, &frugal.parser, &format!("move {selected}"));
        let (content, runs) = changed_cells(&previous, &next);
        let bound = 1.15 * content as f64 + 12.0 * runs as f64 + 4.0;
        assert!(
            (frugal_bytes as f64) <= bound,
            "move {selected}: {frugal_bytes} bytes for {content} bytes of cells in {runs} runs"
        );
        assert!(frugal_bytes < stock_bytes);
        stock_total += stock_bytes;
        frugal_total += frugal_bytes;
        content_total += content;
        runs_total += runs;
        previous = next;
    }
    let per_move = |total: usize| total as f64 / moves as f64;
    println!(
        "chinese list, first frame: stock {stock_first} bytes, frugal {frugal_first} bytes ({:.2}×)",
        frugal_first as f64 / stock_first as f64
    );
    println!(
        "chinese list, per highlight move: changed cells {:.1} UTF-8 bytes in {:.1} runs; stock \
         {:.1} bytes ({:.2}× the cells), frugal {:.1} bytes ({:.2}× the cells)",
        per_move(content_total),
        per_move(runs_total),
        per_move(stock_total),
        stock_total as f64 / content_total as f64,
        per_move(frugal_total),
        frugal_total as f64 / content_total as f64,
    );
}

/// A bordered list above a gauge and a line gauge, as a zizhi screen might be.
fn bordered_screen(frame: &mut Frame, selected: usize, progress: u16) {
    let [list_area, gauge_area, line_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    chinese_list_in(frame, list_area, selected);
    let ratio = f64::from(progress) / 100.0;
    let gauge = Gauge::default()
        .block(Block::bordered().title("进度"))
        .use_unicode(true)
        .ratio(ratio);
    frame.render_widget(gauge, gauge_area);
    frame.render_widget(LineGauge::default().ratio(ratio), line_area);
}

fn chinese_list_in(frame: &mut Frame, area: Rect, selected: usize) {
    let items: Vec<ListItem> = (0..16)
        .map(|i| ListItem::new(format!("第{:02}项：{}", i + 1, TOPICS[i % TOPICS.len()])))
        .collect();
    let list = List::new(items)
        .block(Block::bordered().title("整改清单"))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("> ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

#[test]
fn trusting_border_glyphs_is_measured_on_a_bordered_screen() {
    let mut stock = stock();
    let mut trusted = frugal(true);
    let mut strict = frugal(false);
    let mut results = [[0; 3]; 3];
    for (i, selected, progress) in [(0, 0, 0), (1, 1, 0), (2, 1, 37)] {
        let (_, a) = stock.draw(|f| bordered_screen(f, selected, progress));
        let (_, b) = trusted.draw(|f| bordered_screen(f, selected, progress));
        let (_, c) = strict.draw(|f| bordered_screen(f, selected, progress));
        assert_same_screens(&stock.parser, &trusted.parser, "trusted");
        assert_same_screens(&stock.parser, &strict.parser, "strict");
        results[i] = [a, b, c];
    }
    let [full, moves, gauges] = results;
    println!(
        "bordered screen, full redraw: stock {} bytes, trusted {} bytes, strict {} bytes",
        full[0], full[1], full[2]
    );
    println!(
        "bordered screen, highlight move: stock {} bytes, trusted {} bytes, strict {} bytes",
        moves[0], moves[1], moves[2]
    );
    println!(
        "bordered screen, gauge 0%→37%: stock {} bytes, trusted {} bytes, strict {} bytes",
        gauges[0], gauges[1], gauges[2]
    );
    assert!(full[1] < full[2] && full[1] < full[0]);
    assert!(moves[1] <= moves[2] && moves[1] < moves[0]);
    assert!(gauges[1] <= gauges[2]);
}

/// Paints `line` at the top of a screen through the backend `make` builds on a shared writer,
/// then feeds the bytes to a vt100 standing in for a terminal that draws East Asian Ambiguous
/// characters two columns wide (each ambiguous symbol is swapped for a wide ideograph), and
/// returns the other cells of `line` that land in the wrong column.
fn misplaced_in_ambiguous_wide_terminal<B: Backend>(
    make: impl FnOnce(Shared) -> B,
    line: &str,
) -> Vec<String> {
    let wide_stand_ins = [
        ("①", "甲"),
        ("○", "乙"),
        ("×", "丙"),
        ("—", "丁"),
        ("│", "戊"),
    ];
    let output = Shared::default();
    let mut terminal = fixed_terminal(make(output.clone()));
    let buffer = terminal
        .draw(|f| f.render_widget(line, f.area()))
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"))
        .buffer
        .clone();
    let mut out = String::from_utf8(output.take()).unwrap_or_default();
    for (ambiguous, wide) in wide_stand_ins {
        out = out.replace(ambiguous, wide);
    }
    let mut parser = vt100::Parser::new(HEIGHT, WIDTH, 0);
    parser.process(out.as_bytes());
    let mut misplaced = Vec::new();
    for x in 0..WIDTH {
        let symbol = buffer[(x, 0)].symbol();
        if symbol == " "
            || wide_stand_ins
                .iter()
                .any(|(ambiguous, _)| *ambiguous == symbol)
        {
            continue;
        }
        let shown = parser.screen().cell(0, x).map(vt100::Cell::contents);
        if shown != Some(symbol) {
            misplaced.push(format!("{symbol}@{x}"));
        }
    }
    misplaced
}

#[test]
fn a_terminal_drawing_ambiguous_symbols_wide_still_gets_later_cells_in_place() {
    let line = "①中文○abc×def—完成 ①①x";
    let frugal = misplaced_in_ambiguous_wide_terminal(FrugalBackend::new, line);
    assert_eq!(frugal, Vec::<String>::new());
    // The stock backend trusts every one-column symbol, so the rest of the line slides right.
    let stock = misplaced_in_ambiguous_wide_terminal(CrosstermBackend::new, line);
    assert!(!stock.is_empty());
}

#[test]
fn strict_mode_keeps_text_after_a_border_in_place_in_such_a_terminal() {
    let line = "│资质│ok│";
    let strict = misplaced_in_ambiguous_wide_terminal(
        |out| FrugalBackend::new(out).with_trusted_border_glyphs(false),
        line,
    );
    assert_eq!(strict, Vec::<String>::new());
    let trusted = misplaced_in_ambiguous_wide_terminal(FrugalBackend::new, line);
    assert!(!trusted.is_empty());
}

#[test]
fn handing_over_every_cell_paints_what_the_diff_paints() {
    let mut rng = Lcg(5);
    let mut model = Model::new(&mut rng);
    // vt100 draws a ZWJ sequence as all its emoji side by side, wider than ratatui's two columns,
    // so the blank cells after it are painted in one case and not in the other.
    for (_, line) in &mut model.lines {
        line.spans.retain(|span| !span.content.contains('\u{200d}'));
    }
    let mut via_diff = frugal(true);
    via_diff.draw(|f| model.render(f));

    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    for (y, (x, line)) in model.lines.iter().enumerate() {
        buffer.set_line(*x, y as u16, line, WIDTH - *x);
    }
    let output = Shared::default();
    let mut backend = FrugalBackend::new(output.clone()).with_colors(true);
    // What `Terminal::insert_before` does without the `scrolling-regions` feature.
    let every_cell = buffer.content.iter().enumerate().map(|(i, cell)| {
        let i = i as u16;
        (i % WIDTH, i / WIDTH, cell)
    });
    backend
        .draw(every_cell)
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    let mut parser = vt100::Parser::new(HEIGHT, WIDTH, 0);
    parser.process(&output.take());
    parser.process(b"\x1b[?25l");
    assert_screens(&via_diff.parser, &parser, false, "every cell");
}

/// Found by the crash soak: a note typed over the list, the editor closed, reopened on another
/// item and typed again showed a digit of the first note beside the new one.
#[test]
fn reopening_the_note_editor_over_chinese_text_paints_what_the_stock_backend_paints() {
    use crate::app::{self, App, Event};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let content = crate::content::load_built_in().expect("built-in content");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let progress = crate::progress::Progress::default();
    let mut app = App::new(content, progress, crate::i18n::Lang::Zh, now, (80, 24));
    let theme = crate::theme::Theme::new(true, false);
    let (mut stock, mut frugal) = (stock(), frugal(true));
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let mut keys = vec![key(KeyCode::Enter), key(KeyCode::Char('n'))];
    keys.extend(
        "已核对合同12缺甲方盖章"
            .chars()
            .map(|c| key(KeyCode::Char(c))),
    );
    keys.extend([ctrl('s'), key(KeyCode::Char('j')), key(KeyCode::Char('n'))]);
    keys.extend("保密制度".chars().map(|c| key(KeyCode::Char(c))));
    stock.draw(|frame| crate::app::render(frame, &app, &theme));
    frugal.draw(|frame| crate::app::render(frame, &app, &theme));
    for (index, key) in keys.into_iter().enumerate() {
        app::update(&mut app, Event::Key(key), now);
        stock.draw(|frame| crate::app::render(frame, &app, &theme));
        frugal.draw(|frame| crate::app::render(frame, &app, &theme));
        assert_same_screens(&stock.parser, &frugal.parser, &format!("after key {index}"));
    }
}
