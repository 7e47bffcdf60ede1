//! One SOP for study: its steps (action, say-script, 术语→白话, 审核关注点, evidence, target)
//! or, on the other tab, its runs with each step's time and flags.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::list::run_line;
use super::pad;
use super::runner_view::step_lines;
use super::text::{clock, signed_clock};
use crate::action::Action;
use crate::content::Sop;
use crate::domain::sop_stats::{runs_of, sop_stats, target_seconds};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::SopRun;
use crate::screens::checklist::{body, layout};
use crate::screens::{Component, Ctx, Env, Input, Outcome};
use crate::theme::Theme;
use crate::widgets::wrap::wrap_text as wrap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Steps,
    Runs,
}

#[derive(Debug, Clone)]
pub struct SopDetailState {
    /// Index of the SOP in the content.
    pub sop: usize,
    pub tab: Tab,
    pub step: usize,
    /// Selected run, counted from the newest.
    pub run: usize,
    pub detail_scroll: u16,
}

impl SopDetailState {
    pub fn new(sop: usize) -> Self {
        Self {
            sop,
            tab: Tab::Steps,
            step: 0,
            run: 0,
            detail_scroll: 0,
        }
    }
}

impl Component for SopDetailState {
    fn scope(&self) -> Scope {
        Scope::SopDetail
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("演示预演", "Demo rehearsal")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::none();
        };
        let Some(sop) = ctx.content.sops.get(self.sop) else {
            return Outcome::none();
        };
        let count = match self.tab {
            Tab::Steps => sop.steps.len(),
            Tab::Runs => runs_of(ctx.progress, &sop.id).count(),
        };
        let last = count.saturating_sub(1);
        let cursor = match self.tab {
            Tab::Steps => &mut self.step,
            Tab::Runs => &mut self.run,
        };
        let before = *cursor;
        match action {
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(last),
            Action::PageUp => *cursor = cursor.saturating_sub(5),
            Action::PageDown => *cursor = (*cursor + 5).min(last),
            Action::First => *cursor = 0,
            Action::Last => *cursor = last,
            Action::SwitchTab => {
                self.tab = match self.tab {
                    Tab::Steps => Tab::Runs,
                    Tab::Runs => Tab::Steps,
                };
                self.detail_scroll = 0;
            }
            // Past the end J does nothing (the count does not grow unseen).
            Action::ScrollDetailDown => {
                let mut next = self.clone();
                next.detail_scroll = next.detail_scroll.saturating_add(1);
                if !crate::screens::draws_same(self, &next, &ctx.env()) {
                    *self = next;
                }
            }
            Action::ScrollDetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::StartRun => return super::ask_to_start(ctx, self.sop, false),
            _ => {}
        }
        let changed = match self.tab {
            Tab::Steps => self.step != before,
            Tab::Runs => self.run != before,
        };
        if changed {
            self.detail_scroll = 0;
        }
        Outcome::none()
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn render(frame: &mut Frame, env: &Env, state: &SopDetailState, theme: &Theme) {
    let Some(sop) = env.content.sops.get(state.sop) else {
        return;
    };
    let area = body((frame.area().width, frame.area().height));
    let parts = layout(area, false);
    let lang = env.lang;
    let tabs = match state.tab {
        Tab::Steps => lang.t("[步骤] 记录", "[Steps] Runs"),
        Tab::Runs => lang.t("步骤 [记录]", "Steps [Runs]"),
    };
    let title = format!(
        " {} · {} {} · {} {} · {tabs} ",
        sop.title,
        sop.steps.len(),
        lang.t("步", "steps"),
        lang.t("目标", "target"),
        clock(target_seconds(sop))
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let list_inner = block.inner(parts.list);
    frame.render_widget(block, parts.list);
    let detail_borders = if parts.side_by_side {
        Borders::TOP | Borders::LEFT
    } else {
        Borders::TOP
    };
    let runs: Vec<&SopRun> = runs_of(env.progress, &sop.id).rev().collect();
    let (rows, selected, detail_title, detail) = match state.tab {
        Tab::Steps => {
            let stats = sop_stats(sop, env.progress);
            let width = usize::from(list_inner.width);
            let rows: Vec<Line> = sop
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let avg = stats.slowest.iter().find(|s| s.step == i);
                    let flags = stats
                        .flagged
                        .iter()
                        .find(|f| f.step == i)
                        .map_or(0, |f| f.count);
                    // Fixed-width columns so every row lines up, with or without history.
                    let average = avg.map_or_else(String::new, |a| {
                        format!("{} {:>5}", lang.t("均", "avg"), clock(a.average))
                    });
                    let flag = if flags > 0 {
                        format!("{}{flags}", theme.sym("⚑", "!"))
                    } else {
                        String::new()
                    };
                    let tail = format!(
                        "{:>6}  {} {}",
                        clock(step.target_seconds),
                        pad(&average, 9),
                        pad(&flag, 3)
                    );
                    let tail_w = 6 + 2 + 9 + 1 + 3;
                    let over = avg.is_some_and(|a| a.over());
                    Line::from(vec![
                        Span::styled(format!(" {:>2} ", i + 1), theme.dim),
                        Span::raw(pad(&step.title, width.saturating_sub(tail_w + 5))),
                        Span::styled(tail, if over { theme.alert } else { theme.dim }),
                    ])
                })
                .collect();
            let step = sop.steps.get(state.step);
            let text_w = usize::from(parts.detail.width.saturating_sub(2));
            let detail = step.map_or_else(Vec::new, |s| {
                let mut lines = step_lines(env, s, None, text_w, true, theme);
                lines.push(Line::from(Span::styled(
                    format!(
                        "{}{}",
                        pad(lang.t("目标用时", "Target"), 10),
                        clock(s.target_seconds)
                    ),
                    theme.label,
                )));
                lines
            });
            let title = step.map_or_else(String::new, |s| {
                format!(" {}/{} {} ", state.step + 1, sop.steps.len(), s.title)
            });
            (rows, state.step, title, detail)
        }
        Tab::Runs => {
            let width = usize::from(list_inner.width);
            let rows: Vec<Line> = runs
                .iter()
                .map(|run| run_line(env, sop, run, width, theme))
                .collect();
            let run = runs.get(state.run);
            let detail = run.map_or_else(
                || {
                    vec![Line::from(Span::styled(
                        lang.t(
                            " 还没有预演记录。按 r 开始预演。",
                            " No runs yet. Press r to start one.",
                        ),
                        theme.busy,
                    ))]
                },
                |r| run_detail(env, sop, r, usize::from(parts.detail.width), theme),
            );
            let title = run.map_or_else(String::new, |r| {
                format!(" {} ", r.started.format("%Y-%m-%d %H:%M"))
            });
            (rows, state.run, title, detail)
        }
    };
    let visible = usize::from(list_inner.height);
    let offset = selected.saturating_sub(visible.saturating_sub(1));
    let shown: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, line)| {
            if i == selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), list_inner);

    let block = Block::new()
        .borders(detail_borders)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(detail_title, theme.title));
    let inner = block.inner(parts.detail);
    frame.render_widget(block, parts.detail);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let overflow = detail.len().saturating_sub(usize::from(inner.height));
    let scroll = usize::from(state.detail_scroll).min(overflow);
    frame.render_widget(
        Paragraph::new(detail.into_iter().skip(scroll).collect::<Vec<_>>()),
        inner,
    );
    if overflow > scroll && inner.height > 0 {
        let more = format!(" {} J ", theme.sym("↓", "v"));
        frame.render_widget(
            Paragraph::new(Span::styled(more, theme.dim)),
            Rect::new(
                inner.x + inner.width.saturating_sub(5),
                inner.y + inner.height - 1,
                5.min(inner.width),
                1,
            ),
        );
    }
}

/// One run's people and each step's time against its target, with flags.
fn run_detail<'a>(
    env: &Env,
    sop: &Sop,
    run: &SopRun,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = env.lang;
    let mut lines = Vec::new();
    let people: Vec<String> = sop
        .roles
        .iter()
        .filter_map(|role| run.people.get(role).map(|name| format!("{role} {name}")))
        .collect();
    let status = if run.finished {
        format!(
            "{} {} / {} {}",
            lang.t("完成，总用时", "Finished in"),
            clock(run.total_seconds()),
            lang.t("目标", "target"),
            clock(target_seconds(sop))
        )
    } else {
        format!(
            "{} {}/{} {}，{} {}",
            lang.t("未完成：完成了", "Unfinished:"),
            run.steps_done(),
            sop.steps.len(),
            lang.t("步", "steps"),
            lang.t("用时", "time"),
            clock(run.total_seconds())
        )
    };
    lines.push(Line::from(Span::styled(
        status,
        if run.finished { theme.good } else { theme.busy },
    )));
    if !people.is_empty() {
        lines.push(Line::from(Span::styled(people.join(" · "), theme.dim)));
    }
    let title_w = width.saturating_sub(24).max(8);
    for (i, step) in sop.steps.iter().enumerate() {
        let Some(result) = run.steps.iter().find(|s| s.step == *step.id) else {
            lines.push(Line::from(Span::styled(
                format!("{:>2} {}{:>6}", i + 1, pad(&step.title, title_w), "-"),
                theme.dim,
            )));
            continue;
        };
        let over = result.seconds > step.target_seconds;
        lines.push(Line::from(vec![
            Span::styled(format!("{:>2} ", i + 1), theme.dim),
            Span::raw(pad(&step.title, title_w)),
            Span::styled(
                format!("{:>6}", clock(result.seconds)),
                if over { theme.alert } else { theme.text },
            ),
            Span::styled(format!(" / {:<5}", clock(step.target_seconds)), theme.dim),
            Span::styled(
                if result.partial {
                    format!(" {}", lang.t("未完", "cut"))
                } else if over {
                    format!(" {}", signed_clock(result.seconds, step.target_seconds))
                } else {
                    String::new()
                },
                if result.partial {
                    theme.dim
                } else {
                    theme.alert
                },
            ),
        ]));
        if let Some(note) = &result.flag {
            for (j, row) in wrap(note, width.saturating_sub(7)).into_iter().enumerate() {
                let head = if j == 0 {
                    format!("   {} ", theme.sym("⚑", "!"))
                } else {
                    "     ".to_owned()
                };
                lines.push(Line::from(Span::styled(
                    format!("{head}{row}"),
                    theme.alert,
                )));
            }
        }
    }
    lines
}
