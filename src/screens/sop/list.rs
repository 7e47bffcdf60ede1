//! The area's home: every SOP with its step count, target, runs, best and last time and trend;
//! below, the selected SOP's history (slowest steps, steps flagged most often, recent runs,
//! pending findings).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{clock, rjust, signed_clock, sparkline};
use super::{SopDetailState, pad};
use crate::action::Action;
use crate::content::Sop;
use crate::domain::sop_stats::{Mark, RECENT, SopStats, runs_of, sop_stats, target_seconds};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::SopRun;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::wrap::wrap_text as wrap;

#[derive(Debug, Clone, Default)]
pub struct SopListState {
    pub selected: usize,
    pub detail_scroll: u16,
}

/// Moves the oldest pending finding of SOP `sop` into a new rectification item and opens its
/// form. The finding is only taken once the item can be created, so nothing is lost.
fn finding_to_rectification(ctx: &mut Ctx, sop: usize) -> Outcome {
    let Some(sop_id) = ctx.content.sops.get(sop).map(|s| s.id.value.clone()) else {
        return Outcome::none();
    };
    let Some(index) = ctx
        .progress
        .pending_findings
        .iter()
        .position(|f| f.sop == sop_id)
    else {
        return Outcome::notice(ctx.lang.t(
            "这套流程没有待转整改的标记",
            "This SOP has no pending findings",
        ));
    };
    if crate::screens::rectify::needs_operator(ctx.progress) {
        return Outcome::notice(ctx.lang.t(
            "请先设置当前操作人：按 5 进入整改跟踪后按 u（或以 --profile 姓名 启动）",
            "Set who you are first: press 5, then u (or start with --profile NAME)",
        ));
    }
    let Some(finding) = crate::domain::sop_run::take_finding(ctx.progress, index) else {
        return Outcome::none();
    };
    let title = format!(
        "{}{}",
        ctx.lang.t("演示预演：", "Demo: "),
        crate::domain::sop_run::describe_finding(ctx.content, &finding)
    );
    let finding = crate::domain::rectification::Finding::sop_step(
        &finding.sop,
        &finding.step,
        &title,
        &finding.note,
    );
    Outcome::save().and(Request::Rectify(finding))
}

impl Component for SopListState {
    fn scope(&self) -> Scope {
        Scope::SopList
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("演示预演", "Demo rehearsal")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::none();
        };
        let count = ctx.content.sops.len();
        let last = count.saturating_sub(1);
        let before = self.selected;
        let mut outcome = Outcome::none();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First | Action::PageUp => self.selected = 0,
            Action::Last | Action::PageDown => self.selected = last,
            // Past the end J does nothing (the count does not grow unseen).
            Action::ScrollDetailDown => {
                let mut next = self.clone();
                next.detail_scroll = next.detail_scroll.saturating_add(1);
                if !crate::screens::draws_same(self, &next, &ctx.env()) {
                    *self = next;
                }
            }
            Action::ScrollDetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::Open if count > 0 => {
                let sop = self.selected.min(last);
                outcome =
                    Outcome::request(Request::Push(Screen::SopDetail(SopDetailState::new(sop))));
            }
            Action::StartRun if count > 0 => {
                outcome = super::ask_to_start(ctx, self.selected.min(last), false);
            }
            Action::FindingToRect if count > 0 => {
                return finding_to_rectification(ctx, self.selected.min(last));
            }
            _ => {}
        }
        if self.selected != before {
            self.detail_scroll = 0;
        }
        outcome
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn render(frame: &mut Frame, env: &Env, state: &SopListState, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    let sops = &env.content.sops;
    let stats: Vec<SopStats> = sops.iter().map(|s| sop_stats(s, env.progress)).collect();
    let finished: usize = stats.iter().map(|s| s.runs).sum();
    let pending = env.progress.pending_findings.len();

    let list_rows = u16::try_from(sops.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let list_h = list_rows.min(body.height / 2).max(3.min(body.height));
    let list_area = Rect::new(body.x, body.y, body.width, list_h);
    let title = match lang {
        Lang::Zh => format!(
            " 演示流程 {} 套 · 已完成预演 {finished} 次 · 待转整改 {pending} ",
            sops.len()
        ),
        Lang::En => format!(
            " {} SOPs · {finished} finished runs · {pending} pending findings ",
            sops.len()
        ),
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);

    let width = usize::from(inner.width);
    // Columns after the title: steps, target, runs, best, last, trend.
    let fixed = 4 + 7 + 5 + 7 + 7 + 2;
    let name_w = sops
        .iter()
        .map(|s| s.title.width())
        .max()
        .unwrap_or(8)
        .clamp(8, width.saturating_sub(fixed + 4).max(8));
    let trend_w = width.saturating_sub(name_w + fixed + 2).min(12);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {}{}{}{}{}{}  {}",
            pad(lang.t("流程", "Procedure"), name_w),
            rjust(lang.t("步", "St"), 4),
            rjust(lang.t("目标", "Goal"), 7),
            rjust(lang.t("完成", "Runs"), 5),
            rjust(lang.t("最好", "Best"), 7),
            rjust(lang.t("上次", "Last"), 7),
            if trend_w > 0 {
                lang.t("趋势", "Trend")
            } else {
                ""
            }
        ),
        theme.dim,
    ))];
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = state.selected.saturating_sub(visible.saturating_sub(1));
    for (index, (sop, s)) in sops
        .iter()
        .zip(&stats)
        .enumerate()
        .skip(offset)
        .take(visible)
    {
        let target = target_seconds(sop);
        let dash = || "-".to_owned();
        let last_style = match s.last {
            Some(last) if last > target => theme.alert,
            Some(_) => theme.good,
            None => theme.dim,
        };
        let recent: Vec<u32> = s.totals.iter().rev().take(trend_w).rev().copied().collect();
        let mut line = Line::from(vec![
            Span::raw(format!("  {}", pad(&sop.title, name_w))),
            Span::raw(format!("{:>4}", sop.steps.len())),
            Span::styled(format!("{:>7}", clock(target)), theme.dim),
            Span::raw(format!("{:>5}", s.runs)),
            Span::raw(format!("{:>7}", s.best.map_or_else(dash, clock))),
            Span::styled(
                format!("{:>7}", s.last.map_or_else(dash, clock)),
                last_style,
            ),
            Span::styled(
                format!("  {}", sparkline(&recent, theme.ascii)),
                theme.label,
            ),
        ]);
        if index == state.selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let detail_area = Rect::new(
        body.x,
        body.y + list_h,
        body.width,
        body.height.saturating_sub(list_h),
    );
    if let (Some(sop), Some(s)) = (sops.get(state.selected), stats.get(state.selected)) {
        render_detail(frame, env, sop, s, state.detail_scroll, detail_area, theme);
    }
}

fn render_detail(
    frame: &mut Frame,
    env: &Env,
    sop: &Sop,
    stats: &SopStats,
    scroll: u16,
    area: Rect,
    theme: &Theme,
) {
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(format!(" {} ", sop.title), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines = history_lines(env, sop, stats, width, theme);
    let overflow = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = usize::from(scroll).min(overflow);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if overflow > scroll && inner.height > 0 {
        let more = format!(" {} J ", theme.sym("↓", "v"));
        let w = u16::try_from(more.width()).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(Span::styled(more, theme.dim)),
            Rect::new(
                inner.x + inner.width.saturating_sub(w),
                inner.y + inner.height - 1,
                w,
                1,
            ),
        );
    }
}

/// The selected SOP's history as lines: trend, slowest steps, most flagged steps, recent
/// runs and pending findings; or, before the first run, what to do.
fn history_lines<'a>(
    env: &Env,
    sop: &Sop,
    stats: &SopStats,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = env.lang;
    let runs: Vec<&SopRun> = runs_of(env.progress, &sop.id).collect();
    let mut lines = Vec::new();
    if runs.is_empty() {
        for row in wrap(&sop.summary, width.saturating_sub(1)) {
            lines.push(Line::from(format!(" {row}")));
        }
        lines.push(Line::default());
        let hint = lang.t(
            "还没有预演记录。按 r 开始第一次预演：填好操作员、讲解人、记录人，逐步计时；按 Enter 先看每一步的操作、白话讲稿和审核关注点。",
            "No runs yet. Press r to start one: name the roles, then time each step. Enter shows every step first.",
        );
        for row in wrap(hint, width.saturating_sub(1)) {
            lines.push(Line::from(Span::styled(format!(" {row}"), theme.busy)));
        }
        return lines;
    }
    let target = target_seconds(sop);
    let section = |text: &str| Line::from(Span::styled(format!(" {text}"), theme.label));
    let name_w = width.saturating_sub(24).clamp(8, 40);

    if let (Some(first), Some(last)) = (stats.totals.first(), stats.totals.last()) {
        let recent: Vec<u32> = stats.totals.iter().rev().take(20).rev().copied().collect();
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", lang.t("总用时", "Totals")), theme.label),
            Span::styled(sparkline(&recent, theme.ascii), theme.label),
            Span::raw(format!("  {} {} ", clock(*first), theme.sym("→", "->"))),
            Span::styled(
                clock(*last),
                if *last > target {
                    theme.alert
                } else {
                    theme.good
                },
            ),
            Span::styled(
                format!(
                    "  {} {}  {} {}",
                    lang.t("最好", "best"),
                    stats.best.map_or_else(String::new, clock),
                    lang.t("目标", "target"),
                    clock(target)
                ),
                theme.dim,
            ),
        ]));
    } else {
        lines.push(Line::from(Span::styled(
            lang.t(
                " 还没有完整走完的预演；中止的预演不计入成绩",
                " No complete run yet; aborted runs do not count",
            ),
            theme.dim,
        )));
    }

    if !stats.slowest.is_empty() {
        lines.push(section(&format!(
            "{}{RECENT}{}",
            lang.t("最慢步骤（近 ", "Slowest steps (last "),
            lang.t(" 次平均 / 目标）", " runs, average / target)")
        )));
        for s in stats.slowest.iter().take(3) {
            let title = sop.steps.get(s.step).map_or("", |x| x.title.as_str());
            let style = if s.over() { theme.alert } else { theme.text };
            lines.push(Line::from(vec![
                Span::raw(format!("  {:>2} {}", s.step + 1, pad(title, name_w))),
                Span::styled(format!("{:>6}", clock(s.average)), style),
                Span::styled(format!(" / {:<5} ", clock(s.target)), theme.dim),
                Span::styled(
                    if s.over() {
                        signed_clock(s.average, s.target)
                    } else {
                        String::new()
                    },
                    theme.alert,
                ),
            ]));
        }
    }

    lines.push(section(&format!(
        "{}{RECENT}{}",
        lang.t("最常被标记（近 ", "Flagged most often (last "),
        lang.t(" 次，旧→新）", " runs, old → new)")
    )));
    if stats.flagged.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("   没有被标记过的步骤", "   No step was ever flagged"),
            theme.dim,
        )));
    }
    for f in stats.flagged.iter().take(3) {
        let title = sop.steps.get(f.step).map_or("", |x| x.title.as_str());
        let marks: String = f
            .recent
            .iter()
            .map(|m| match m {
                Mark::Flagged => theme.sym("■", "x"),
                Mark::Clean => theme.sym("□", "."),
                Mark::NotReached => " ",
            })
            .collect();
        let still = f.recent.last() == Some(&Mark::Flagged);
        lines.push(Line::from(vec![
            Span::raw(format!("  {:>2} {}", f.step + 1, pad(title, name_w))),
            Span::styled(
                format!("{:>3} {} ", f.count, lang.t("次", "x")),
                if still { theme.alert } else { theme.dim },
            ),
            Span::styled(marks, if still { theme.alert } else { theme.good }),
        ]));
    }

    lines.push(section(lang.t("最近预演", "Recent runs")));
    for run in runs.iter().rev().take(3) {
        lines.push(run_line(env, sop, run, width, theme));
    }

    let pending: Vec<_> = env
        .progress
        .pending_findings
        .iter()
        .filter(|f| f.sop == *sop.id)
        .collect();
    if !pending.is_empty() {
        lines.push(section(&format!(
            "{} {}",
            lang.t("待转整改", "Pending findings"),
            pending.len()
        )));
        for f in pending {
            let title = sop
                .steps
                .iter()
                .find(|s| *s.id == f.step)
                .map_or(f.step.as_str(), |s| s.title.as_str());
            let text = format!("{}：{}", title, f.note);
            for (j, row) in wrap(&text, width.saturating_sub(6)).into_iter().enumerate() {
                let head = if j == 0 {
                    format!("  {} ", theme.sym("⚑", "!"))
                } else {
                    "    ".to_owned()
                };
                lines.push(Line::from(Span::styled(format!("{head}{row}"), theme.busy)));
            }
        }
    }
    lines
}

/// One run in a list: when, result, people, flags.
pub fn run_line<'a>(env: &Env, sop: &Sop, run: &SopRun, width: usize, theme: &Theme) -> Line<'a> {
    let lang = env.lang;
    let target = target_seconds(sop);
    let total = run.total_seconds();
    let (result, style) = if run.finished {
        (
            format!("{:>7}", clock(total)),
            if total > target {
                theme.alert
            } else {
                theme.good
            },
        )
    } else {
        (
            format!(
                "{} {}/{}",
                lang.t("未完成", "cut"),
                run.steps_done(),
                sop.steps.len()
            ),
            theme.dim,
        )
    };
    let flags = run.steps.iter().filter(|s| s.flag.is_some()).count();
    let flags = if flags > 0 {
        format!(" {}{flags}", theme.sym("⚑", "!"))
    } else {
        String::new()
    };
    let people: Vec<&str> = sop
        .roles
        .iter()
        .filter_map(|r| run.people.get(r).map(String::as_str))
        .collect();
    Line::from(vec![
        Span::styled(
            format!("   {} ", run.started.format("%m-%d %H:%M")),
            theme.dim,
        ),
        Span::styled(pad(&result, 11), style),
        Span::styled(pad(&flags, 5), theme.alert),
        Span::raw(pad(&people.join("/"), width.saturating_sub(34))),
    ])
}
