//! The 时间线 view: options, a Gantt chart of the phases in block characters with today
//! marked, the phase table, the countdowns after the certificate, and the date prompt.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::view::{fit, pad, tabs};
use super::{DatePrompt, ScoreState};
use crate::domain::timeline::{self, PhaseState, Plan};
use crate::i18n::Lang;
use crate::screens::Env;
use crate::theme::Theme;

/// Width of the phase-name column left of the bars.
const LABEL_W: usize = 14;

/// One row of the chart as cells: `solid` from the start to the earliest end, `range` from
/// there to the latest end, today's column marked where it falls outside a bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Solid,
    Range,
    Today,
}

/// Maps dates onto `width` columns from `from` to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub width: usize,
}

impl Axis {
    pub fn column(&self, day: NaiveDate) -> usize {
        let span = (self.to - self.from).num_days().max(1);
        let offset = (day - self.from).num_days().clamp(0, span);
        let col = offset.saturating_mul(self.width as i64) / span;
        usize::try_from(col)
            .unwrap_or(0)
            .min(self.width.saturating_sub(1))
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.from && day <= self.to
    }
}

/// The cells of one phase's bar.
pub fn bar_cells(axis: &Axis, plan: &timeline::PhasePlan, today: NaiveDate) -> Vec<Cell> {
    let mut cells = vec![Cell::Empty; axis.width];
    let start = axis.column(plan.start.earliest);
    let early = axis.column(plan.end.earliest).max(start);
    let late = axis.column(plan.end.latest).max(early);
    for (i, cell) in cells.iter_mut().enumerate() {
        if i >= start && i <= early {
            *cell = Cell::Solid;
        } else if i > early && i <= late {
            *cell = Cell::Range;
        }
    }
    if axis.contains(today) {
        let t = axis.column(today);
        if cells[t] == Cell::Empty {
            cells[t] = Cell::Today;
        }
    }
    cells
}

pub fn axis_for(plan: &Plan, today: NaiveDate, width: usize) -> Axis {
    let mut to = plan.certificate.latest;
    if let Some(c) = plan.iso20000.filter(|_| plan.certificate_actual) {
        to = to.max(
            c.date
                .min(plan.certificate.latest + chrono::TimeDelta::days(30)),
        );
    }
    to = to.max(today);
    Axis {
        from: plan.start.min(today),
        to: to.max(plan.start + chrono::TimeDelta::days(1)),
        width: width.max(1),
    }
}

fn state_style(state: PhaseState, theme: &Theme) -> Style {
    match state {
        PhaseState::Finished => theme.good,
        PhaseState::Current => theme.busy,
        PhaseState::Upcoming => theme.text,
    }
}

fn yes_no(on: bool, lang: Lang, theme: &Theme) -> Span<'static> {
    if on {
        Span::styled(format!("[{}]", lang.t("开", "on")), theme.good)
    } else {
        Span::styled(format!("[{}]", lang.t("关", "off")), theme.dim)
    }
}

fn range_text(range: &timeline::Range) -> String {
    if range.is_exact() {
        range.earliest.to_string()
    } else if range.earliest.format("%Y").to_string() == range.latest.format("%Y").to_string() {
        format!("{}～{}", range.earliest, range.latest.format("%m-%d"))
    } else {
        format!("{}～{}", range.earliest, range.latest)
    }
}

pub fn render(frame: &mut Frame, env: &Env, state: &ScoreState, theme: &Theme) {
    let full = frame.area();
    let lang = env.lang;
    let today = env.today();
    let t = &env.progress.timeline;
    let plan = timeline::plan(&env.content.phases, t, today);
    let width = usize::from(full.width);
    let mut lines = vec![tabs(lang, false, theme)];
    let start_text = match t.start {
        Some(day) => day.to_string(),
        None => format!("{}{}", today, lang.t("（未设，按 d）", " (unset, d)")),
    };
    lines.push(Line::from(vec![
        Span::styled(lang.t(" 启动 ", " Start "), theme.label),
        Span::raw(start_text),
        Span::styled(lang.t("  加急通道 ", "  Green "), theme.label),
        yes_no(t.green_channel, lang, theme),
        Span::styled(lang.t("  并行准备 ", "  Parallel "), theme.label),
        yes_no(t.parallel_preparation, lang, theme),
    ]));
    let cert_label = if plan.certificate_actual {
        lang.t(" 已取证 ", " Certified ")
    } else {
        lang.t(" 预计取证 ", " Certificate ")
    };
    lines.push(Line::from(vec![
        Span::styled(cert_label, theme.label),
        Span::styled(range_text(&plan.certificate), theme.title),
        Span::styled(
            format!(
                "  {}",
                lang.t(
                    "源数据：4–8 个月；加急最快 4 个月",
                    "source: 4–8 months; 4 at fastest"
                )
            ),
            theme.dim,
        ),
    ]));
    let bar_w = width.saturating_sub(LABEL_W + 2);
    let axis = axis_for(&plan, today, bar_w);
    lines.push(axis_line(&axis, today, lang, theme));
    for (i, p) in plan.phases.iter().enumerate() {
        let marker = if i == state.phase {
            theme.sym("›", ">")
        } else {
            " "
        };
        let label_style = if i == state.phase {
            theme.selected
        } else {
            state_style(p.state, theme)
        };
        let mut spans = vec![Span::styled(
            format!("{marker}{}", pad(&p.title, LABEL_W)),
            label_style,
        )];
        spans.push(Span::raw(" "));
        spans.extend(bar_spans(&bar_cells(&axis, p, today), p.state, theme));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        format!(
            " {} {}  {} {}  {} {}",
            theme.sym("█", "#"),
            lang.t("最早", "earliest"),
            theme.sym("▒", "~"),
            lang.t("可能延后", "may run to"),
            theme.sym("┊", "|"),
            lang.t("今天", "today"),
        ),
        theme.dim,
    )));
    lines.push(Line::from(""));
    for (i, p) in plan.phases.iter().enumerate() {
        let status = match p.state {
            PhaseState::Finished => format!(
                "{}{}",
                lang.t("完成于 ", "done "),
                p.finished.map(|d| d.to_string()).unwrap_or_default()
            ),
            PhaseState::Current => format!(
                "{}{}",
                lang.t("进行中，预计 ", "now, ends "),
                range_text(&p.end)
            ),
            PhaseState::Upcoming => format!("{}{}", lang.t("预计 ", "ends "), range_text(&p.end)),
        };
        let text = format!(
            " {}. {} {} {}",
            i + 1,
            pad(&p.title, LABEL_W - 2),
            pad(&p.label, 9),
            status
        );
        lines.push(Line::from(Span::styled(
            fit(&text, width),
            state_style(p.state, theme),
        )));
    }
    lines.push(Line::from(""));
    lines.push(countdown_line(&plan, lang, theme));
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(0, 1, full.width, full.height.saturating_sub(2)),
    );
}

fn countdown_line(plan: &Plan, lang: Lang, theme: &Theme) -> Line<'static> {
    match (plan.inspection, plan.iso20000) {
        (Some(inspection), Some(iso)) => {
            let part = |label: &str, c: timeline::Countdown| {
                if c.days_left >= 0 {
                    format!(
                        "{label} {}（{} {} {}）",
                        c.date,
                        lang.t("还有", "in"),
                        c.days_left,
                        lang.t("天", "days")
                    )
                } else {
                    format!(
                        "{label} {}（{} {} {}）",
                        c.date,
                        lang.t("已过", "overdue"),
                        -c.days_left,
                        lang.t("天", "days")
                    )
                }
            };
            let style = if inspection.days_left < 30 || iso.days_left < 30 {
                theme.alert
            } else {
                theme.text
            };
            Line::from(Span::styled(
                format!(
                    " {}  {}",
                    part(lang.t("首年年检", "Inspection"), inspection),
                    part("ISO 20000", iso)
                ),
                style,
            ))
        }
        _ => Line::from(Span::styled(
            lang.t(
                " 取证后按 c 记录取证日期：开始年检（12 个月）和 ISO 20000（6 个月）倒计时",
                " Certified? Press c to count down to inspection (12 mo) and ISO 20000 (6 mo)",
            ),
            theme.dim,
        )),
    }
}

/// Month labels of the English axis.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn axis_line(axis: &Axis, today: NaiveDate, lang: Lang, theme: &Theme) -> Line<'static> {
    let mut cells = vec![' '; axis.width];
    // Month starts as their number, where they fit.
    let mut day = axis.from;
    let mut last_end = 0usize;
    while day <= axis.to {
        let first = chrono::Datelike::day(&day) == 1 || day == axis.from;
        if first {
            let col = axis.column(day);
            let month = chrono::Datelike::month(&day);
            let text = match lang {
                Lang::Zh => format!("{month}月"),
                Lang::En => MONTHS_EN
                    .get(month as usize - 1)
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
            };
            let text: Vec<char> = if theme.ascii && lang == Lang::Zh {
                format!("{}", chrono::Datelike::month(&day))
                    .chars()
                    .collect()
            } else {
                text.chars().collect()
            };
            let w: usize = text
                .iter()
                .map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(1))
                .sum();
            if (col >= last_end || col == 0) && col + w <= axis.width {
                let mut x = col;
                for c in text {
                    let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
                    cells[x] = c;
                    // A wide character covers the next cell.
                    for skip in 1..cw {
                        if x + skip < cells.len() {
                            cells[x + skip] = '\0';
                        }
                    }
                    x += cw;
                }
                last_end = x + 1;
            }
        }
        day += chrono::TimeDelta::days(1);
    }
    if axis.contains(today) {
        let t = axis.column(today);
        if cells[t] == ' ' {
            cells[t] = if theme.ascii { 'v' } else { '▼' };
        }
    }
    let text: String = cells.into_iter().filter(|c| *c != '\0').collect();
    Line::from(Span::styled(
        format!("{}{text}", " ".repeat(LABEL_W + 2)),
        theme.dim,
    ))
}

fn bar_spans(cells: &[Cell], state: PhaseState, theme: &Theme) -> Vec<Span<'static>> {
    let solid_style = state_style(state, theme);
    let mut spans = Vec::new();
    let mut current: Option<(Cell, String)> = None;
    for cell in cells {
        let ch = match cell {
            Cell::Empty => " ",
            Cell::Solid => theme.sym("█", "#"),
            Cell::Range => theme.sym("▒", "~"),
            Cell::Today => theme.sym("┊", "|"),
        };
        match &mut current {
            Some((kind, text)) if kind == cell => text.push_str(ch),
            _ => {
                if let Some((kind, text)) = current.take() {
                    spans.push(cell_span(kind, text, solid_style, theme));
                }
                current = Some((*cell, ch.to_owned()));
            }
        }
    }
    if let Some((kind, text)) = current {
        spans.push(cell_span(kind, text, solid_style, theme));
    }
    spans
}

fn cell_span(kind: Cell, text: String, solid: Style, theme: &Theme) -> Span<'static> {
    match kind {
        Cell::Solid => Span::styled(text, solid),
        Cell::Range => Span::styled(text, theme.dim),
        Cell::Today => Span::styled(text, theme.alert),
        Cell::Empty => Span::raw(text),
    }
}

/// The date prompt, a small box over the bottom of the screen, drawn by the one form widget.
pub fn render_prompt(frame: &mut Frame, _env: &Env, prompt: &DatePrompt, theme: &Theme) {
    let full = frame.area();
    let w = full.width.min(60);
    let h = 6;
    let x = (full.width - w) / 2;
    let y = full.height.saturating_sub(h + 2);
    let outer = Rect::new(x, y, w, h);
    crate::screens::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(format!(" {} ", prompt.title), theme.title))
        .title_bottom(Span::styled(prompt.form.keys_hint(), theme.dim));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    prompt.form.render(
        frame,
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        ),
        theme,
    );
}
