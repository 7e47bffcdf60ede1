//! Draws a run in progress: the clocks against their targets, the current step big enough to
//! read from a step back, the next step; or, in the presenter view, only the plain-words
//! script. Each second only the clock digits change, so the terminal gets a few bytes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::RunnerState;
use super::text::{centred, clock, labelled, letter_spaced, sentences};
use crate::content::{Sop, SopStep};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::wrap::wrap_text as wrap;

/// Label column of the step text.
const LABEL_W: usize = 10;
/// Terminals at least this wide show the step list beside the current step.
const SIDE_FROM: u16 = 110;

pub fn render(frame: &mut Frame, env: &Env, state: &RunnerState, theme: &Theme) {
    let Some(sop) = env.content.sops.get(state.sop) else {
        return;
    };
    let Some(step) = sop.steps.get(state.run.current()) else {
        return;
    };
    let area = frame.area();
    let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    if state.presenter {
        render_presenter(frame, env, state, step, body, theme);
    } else {
        render_full(frame, env, state, sop, step, body, theme);
    }
    if state.flag_input.is_some() {
        render_flag_input(frame, env, state, step, body, theme);
    }
}

/// "第 3/9 步" / "Step 3/9" for step index `current` of `len`.
fn step_of(lang: crate::i18n::Lang, current: usize, len: usize) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!("第 {}/{len} 步", current + 1),
        crate::i18n::Lang::En => format!("Step {}/{len}", current + 1),
    }
}

/// Step position, step clock and run clock, each against its target.
fn status_line<'a>(env: &Env, state: &RunnerState, step: &SopStep, theme: &Theme) -> Line<'a> {
    let lang = env.lang;
    let run = &state.run;
    let now = env.moment();
    let current = run.current();
    let mut dots = String::new();
    for i in 0..run.len() {
        let c = if i == current {
            theme.sym("◆", "*")
        } else if run.is_done(i) {
            theme.sym("■", "#")
        } else {
            theme.sym("□", ".")
        };
        dots.push_str(c);
    }
    let step_secs = run.step_seconds(current, now);
    let total_secs = run.total_seconds(now);
    let target = run.target_seconds();
    let over = |actual: u32, target: u32| {
        if actual > target {
            theme.alert
        } else {
            theme.title
        }
    };
    let mut spans = vec![
        Span::styled(
            format!(" {} ", step_of(lang, current, run.len())),
            theme.label,
        ),
        Span::styled(format!("{dots}  "), theme.dim),
        Span::styled(lang.t("本步 ", "step "), theme.dim),
        Span::styled(
            format!("{:>5}", clock(step_secs)),
            over(step_secs, step.target_seconds),
        ),
        Span::styled(format!(" / {}   ", clock(step.target_seconds)), theme.dim),
        Span::styled(lang.t("全程 ", "run "), theme.dim),
        Span::styled(
            format!("{:>5}", clock(total_secs)),
            over(total_secs, target),
        ),
        Span::styled(format!(" / {}", clock(target)), theme.dim),
    ];
    if run.is_paused() {
        spans.push(Span::styled(
            format!("  {}", lang.t("已暂停 · p 继续", "paused · p resumes")),
            theme.busy,
        ));
    }
    Line::from(spans)
}

/// The step's title in a reversed band across the screen.
fn title_band<'a>(step: &SopStep, flagged: bool, width: usize, theme: &Theme) -> Line<'a> {
    let mark = if flagged {
        format!("{} ", theme.sym("⚑", "!"))
    } else {
        String::new()
    };
    let title = format!(
        "{mark}{}",
        letter_spaced(&step.title, width.saturating_sub(4))
    );
    Line::from(Span::styled(
        centred(&title, width),
        theme.selected.patch(theme.title),
    ))
}

/// The step's text under labels: say-script first (bold), then what to do, what the auditor
/// looks for, the evidence, and the words to avoid.
pub fn step_lines<'a>(
    env: &Env,
    step: &SopStep,
    flag: Option<&str>,
    width: usize,
    spaced: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = env.lang;
    let arrow = theme.sym("→", "->");
    let mut lines = Vec::new();
    let gap = |lines: &mut Vec<Line<'a>>| {
        if spaced {
            lines.push(Line::default());
        }
    };
    if let Some(note) = flag {
        lines.extend(labelled(
            &format!("{} {}", theme.sym("⚑", "!"), lang.t("问题", "Flag")),
            note,
            width,
            LABEL_W,
            theme.alert,
            theme.alert,
        ));
        gap(&mut lines);
    }
    lines.extend(labelled(
        lang.t("讲解", "Say"),
        &step.say,
        width,
        LABEL_W,
        theme.label,
        theme.title,
    ));
    gap(&mut lines);
    lines.extend(labelled(
        lang.t("操作", "Do"),
        &step.action,
        width,
        LABEL_W,
        theme.label,
        theme.text,
    ));
    gap(&mut lines);
    lines.extend(labelled(
        lang.t("审核关注", "Auditor"),
        &step.auditor_focus,
        width,
        LABEL_W,
        theme.label,
        theme.text,
    ));
    if !step.evidence.is_empty() {
        lines.extend(labelled(
            lang.t("备好证据", "Evidence"),
            &step.evidence.join(" · "),
            width,
            LABEL_W,
            theme.label,
            theme.busy,
        ));
    }
    if !step.jargon.is_empty() {
        let pairs: Vec<String> = step
            .jargon
            .iter()
            .map(|j| format!("{} {arrow} {}", j.term, j.plain))
            .collect();
        lines.extend(labelled(
            lang.t("术语白话", "Jargon"),
            &pairs.join("\n"),
            width,
            LABEL_W,
            theme.label,
            theme.dim,
        ));
    }
    lines
}

fn render_full(
    frame: &mut Frame,
    env: &Env,
    state: &RunnerState,
    sop: &Sop,
    step: &SopStep,
    body: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let width = usize::from(body.width);
    let run = &state.run;
    let current = run.current();
    let flag = run.flag(current);
    let row = |y: u16| Rect::new(body.x, body.y + y, body.width, 1);
    frame.render_widget(Paragraph::new(status_line(env, state, step, theme)), row(0));
    frame.render_widget(
        Paragraph::new(title_band(step, flag.is_some(), width, theme)),
        row(1),
    );
    // Rows: status, band, gap … text … next step.
    let text_top = 3u16;
    let text_h = body.height.saturating_sub(text_top + 1);
    // Wide terminals get the list of steps with the times so far on the right.
    let side_w = if body.width >= SIDE_FROM {
        body.width.saturating_sub(80).clamp(36, 56)
    } else {
        0
    };
    if side_w > 0 {
        let side = Rect::new(
            body.x + body.width - side_w,
            body.y + text_top,
            side_w,
            text_h,
        );
        render_step_list(frame, env, state, sop, side, theme);
    }
    let width = width.saturating_sub(usize::from(side_w));
    let text_w = width.saturating_sub(2);
    let mut lines = step_lines(env, step, flag, text_w, true, theme);
    if lines.len() > usize::from(text_h) {
        lines = step_lines(env, step, flag, text_w, false, theme);
    }
    let overflow = lines.len().saturating_sub(usize::from(text_h));
    let scroll = usize::from(state.scroll).min(overflow);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(text_h))
        .collect();
    let text_w16 = u16::try_from(text_w).unwrap_or(0);
    let text_area = Rect::new(body.x + 1, body.y + text_top, text_w16, text_h);
    frame.render_widget(Paragraph::new(shown), text_area);
    if overflow > scroll && text_h > 0 {
        let more = format!(
            " {} {} ",
            theme.sym("↓", "v"),
            lang.t("j 看下面", "j for more")
        );
        let w = u16::try_from(more.width()).unwrap_or(0).min(text_w16);
        frame.render_widget(
            Paragraph::new(Span::styled(more, theme.dim)),
            Rect::new(
                body.x + 1 + text_w16 - w,
                body.y + text_top + text_h - 1,
                w,
                1,
            ),
        );
    }

    let bottom = row(body.height.saturating_sub(1));
    let line = if state.confirm_abort {
        let done = run.record().steps_done();
        Line::from(Span::styled(
            format!(
                " {} {done}/{} {}",
                lang.t("中止本次预演？已完成", "Abort this run?"),
                run.len(),
                lang.t(
                    "步，记录保留为「未完成」。 y 中止 · n 继续",
                    "steps done, kept as unfinished.  y abort · n go on"
                )
            ),
            theme.alert.patch(theme.title),
        ))
    } else if let Some(next) = sop.steps.get(current + 1) {
        Line::from(vec![
            Span::styled(
                format!(" {} {} ", lang.t("下一步", "Next"), theme.sym("▸", ">")),
                theme.dim,
            ),
            Span::raw(next.title.clone()),
            Span::styled(format!("（{}）", clock(next.target_seconds)), theme.dim),
        ])
    } else {
        Line::from(Span::styled(
            lang.t(
                " 这是最后一步：按 Space 结束预演并保存成绩",
                " Last step: Space ends the run and keeps the result",
            ),
            theme.busy,
        ))
    };
    frame.render_widget(Paragraph::new(line), bottom);
}

/// Every step with its time once done; the current one marked, its clock left to the status
/// line so only one place changes each second.
fn render_step_list(
    frame: &mut Frame,
    env: &Env,
    state: &RunnerState,
    sop: &Sop,
    area: Rect,
    theme: &Theme,
) {
    let run = &state.run;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_set(theme.border)
        .border_style(theme.dim);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let title_w = usize::from(inner.width).saturating_sub(18);
    let lines: Vec<Line> = sop
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let current = i == run.current();
            let mark = if current {
                theme.sym("◆", "*")
            } else if run.is_done(i) {
                theme.sym("■", "#")
            } else {
                theme.sym("□", ".")
            };
            let spent = run.step_seconds(i, env.moment());
            let time = if run.is_done(i) {
                clock(spent)
            } else {
                String::new()
            };
            let style = if run.is_done(i) && spent > step.target_seconds {
                theme.alert
            } else if current {
                theme.title
            } else {
                theme.text
            };
            let flag = if run.flag(i).is_some() {
                theme.sym("⚑", "!")
            } else {
                " "
            };
            Line::from(vec![
                Span::styled(format!(" {mark}{flag}{:>2} ", i + 1), theme.dim),
                Span::styled(super::pad(&step.title, title_w), style),
                Span::styled(format!("{time:>6}"), style),
                Span::styled(format!("/{:<5}", clock(step.target_seconds)), theme.dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Only the say-script: one sentence per paragraph, bold, centred both ways.
fn render_presenter(
    frame: &mut Frame,
    env: &Env,
    state: &RunnerState,
    step: &SopStep,
    body: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let run = &state.run;
    let width = usize::from(body.width);
    let mut where_ = format!("{} ", step_of(lang, run.current(), run.len()));
    if run.is_paused() {
        where_ = format!("{} · {where_}", lang.t("已暂停", "paused"));
    }
    let where_w = where_.width();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" ".repeat(width.saturating_sub(where_w))),
            Span::styled(where_, theme.dim),
        ])),
        Rect::new(body.x, body.y, body.width, 1),
    );
    let text_w = width.saturating_sub(8).clamp(10, 64);
    let avail = usize::from(body.height.saturating_sub(2));
    let build = |spaced: bool| {
        let mut rows: Vec<String> = Vec::new();
        for (i, sentence) in sentences(&step.say).iter().enumerate() {
            if spaced && i > 0 {
                rows.push(String::new());
            }
            rows.extend(balanced_wrap(sentence, text_w));
        }
        rows
    };
    let mut rows = build(true);
    if rows.len() > avail {
        rows = build(false);
    }
    let top = avail.saturating_sub(rows.len()) / 2 + 1;
    let lines: Vec<Line> = rows
        .iter()
        .take(avail)
        .map(|r| Line::from(Span::styled(centred(r, width), theme.title)))
        .collect();
    let y = body.y + u16::try_from(top).unwrap_or(0);
    let h = body.height.saturating_sub(u16::try_from(top).unwrap_or(0));
    frame.render_widget(Paragraph::new(lines), Rect::new(body.x, y, body.width, h));
}

/// Wraps `text` into as few rows as `width` allows, with the rows as even as possible, so a
/// sentence read aloud does not end on a lone word.
fn balanced_wrap(text: &str, width: usize) -> Vec<String> {
    let rows = wrap(text, width);
    if rows.len() < 2 {
        return rows;
    }
    let even = text.width().div_ceil(rows.len());
    (even..width)
        .map(|w| wrap(text, w))
        .find(|r| r.len() <= rows.len())
        .unwrap_or(rows)
}

fn render_flag_input(
    frame: &mut Frame,
    env: &Env,
    state: &RunnerState,
    step: &SopStep,
    body: Rect,
    theme: &Theme,
) {
    let Some(flag) = &state.flag_input else {
        return;
    };
    let lang = env.lang;
    let width = body.width.saturating_sub(4).min(76);
    let height = 4u16.min(body.height);
    let outer = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + body.height.saturating_sub(height + 1),
        width,
        height,
    );
    crate::screens::clear_popup(frame, outer);
    let title = format!(
        " {} {}{} ",
        theme.sym("⚑", "!"),
        lang.t("标记问题：", "Flag: "),
        step.title
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .border_style(theme.alert)
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(
            format!(
                "{}{} ",
                crate::keymap::hint(crate::keymap::Scope::SopFlag, lang),
                lang.t(
                    "· 输入即保存；清空则取消标记",
                    "· saved as typed; empty removes"
                )
            ),
            theme.dim,
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let field = Rect::new(inner.x, inner.y, inner.width, 1);
    let mut shown = flag.input.clone();
    shown.ensure_cursor_visible(field.width.max(1), 1);
    frame.render_widget(&shown, field);
    let (x, _) = shown.cursor_position(field.width.max(1));
    frame.set_cursor_position((field.x + x, field.y));
    let hint = Rect::new(inner.x, inner.y + 1, inner.width, 1);
    frame.render_widget(
        Paragraph::new(Span::styled(
            lang.t(
                "例：监督人没在登记表上签字；光盘编号念错",
                "e.g. the supervisor did not sign the register",
            ),
            Style::default().patch(theme.dim),
        )),
        hint,
    );
}
