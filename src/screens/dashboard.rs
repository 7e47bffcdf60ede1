//! The dashboard: progress per phase, what is overdue or due soon, the staff register's
//! checks, and the other areas.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::content::Content;
use crate::domain::people::check_all;
use crate::domain::people::lines::{CheckLine, check_lines};
use crate::domain::summary::DueItem;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request};
use crate::theme::Theme;
use crate::widgets::truncate::fit;
use crate::widgets::wrap::wrap_hanging;

#[derive(Debug, Clone, Default)]
pub struct DashboardState {
    /// A phase; past the last phase an overdue or due-soon item (overdue first), then one
    /// of the register's checks.
    pub selected: usize,
}

/// The overdue and due-soon items in the order the dashboard lists them.
fn due_lines<'a>(env: &'a Env) -> impl Iterator<Item = &'a DueItem> {
    env.summary
        .overdue
        .iter()
        .chain(env.summary.due_soon.iter())
}

/// The register's checks as the dashboard shows them.
pub fn people_checks(env: &Env) -> Vec<CheckLine> {
    let checks = check_all(env.content, env.progress, env.today());
    check_lines(env.progress, &checks, env.today(), env.lang)
}

impl DashboardState {
    /// Moves over the phases and on into the register's checks: Enter on a check lists the
    /// people it concerns, `z` on a failing hard threshold makes it a rectification item.
    fn handle_action(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let phases = ctx.content.phases.len();
        let env = ctx.env();
        let checks = people_checks(&env);
        // Only the selected item's id is copied, not every due item's at each key.
        let due_count = env.summary.overdue.len() + env.summary.due_soon.len();
        let last = (phases + due_count + checks.len()).saturating_sub(1);
        let due_item = self
            .selected
            .checked_sub(phases)
            .and_then(|i| due_lines(&env).nth(i))
            .map(|d| d.id.clone());
        let check = self
            .selected
            .checked_sub(phases + due_count)
            .and_then(|i| checks.get(i));
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Last => self.selected = last,
            Action::Open if due_item.is_some() => {
                if let Some(id) = due_item
                    && let Some(pos) = ctx.content.item_pos(&id)
                {
                    return crate::screens::checklist::open(ctx, pos.phase, Some(&id));
                }
            }
            Action::Open if check.is_some() => {
                if let Some(check) = check {
                    return crate::screens::people::open(Some((
                        check.what.clone(),
                        check.ids.clone(),
                    )));
                }
            }
            Action::People(crate::action::Pe::CheckToRect) => {
                return match check.and_then(|c| c.finding.clone()) {
                    Some(finding) => Outcome::request(Request::Rectify(finding)),
                    None => Outcome::notice(ctx.lang.t(
                        "只有未达标的硬门槛（社保满一年人数）能转为整改项：先选中它",
                        "Only a failing hard threshold can become a rectification item",
                    )),
                };
            }
            _ => {
                if let Some(phase) = self.update(action, ctx.content) {
                    return crate::screens::checklist::open(ctx, phase, None);
                }
            }
        }
        Outcome::none()
    }

    /// Moves the phase selection; on Open returns the phase to show.
    pub fn update(&mut self, action: Action, content: &Content) -> Option<usize> {
        let last = content.phases.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First | Action::PageUp => self.selected = 0,
            Action::Last | Action::PageDown => self.selected = last,
            Action::Open if !content.phases.is_empty() => return Some(self.selected.min(last)),
            _ => {}
        }
        None
    }
}

/// "3/10", or "3 完成 · 1 不适用 / 共 10" when some items do not apply: 不适用 is counted
/// apart from 已完成.
pub fn counts_text(done: usize, not_applicable: usize, total: usize, lang: Lang) -> String {
    if not_applicable == 0 {
        return format!("{done}/{total}");
    }
    match lang {
        Lang::Zh => format!("{done} 完成 · {not_applicable} 不适用 / 共 {total}"),
        Lang::En => format!("{done} done · {not_applicable} n/a / {total}"),
    }
}

impl Component for DashboardState {
    fn scope(&self) -> Scope {
        Scope::Dashboard
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("总览", "Dashboard")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Action(action) => self.handle_action(action, ctx),
            _ => Outcome::none(),
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

fn render(frame: &mut Frame, env: &Env, state: &DashboardState, theme: &Theme) {
    let area = frame.area();
    let lang = env.lang;
    let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    let summary = env.summary;
    let phases_h =
        (crate::widgets::cells(env.content.phases.len()).saturating_add(1)).min(body.height);
    let phases_area = Rect::new(body.x, body.y, body.width, phases_h);

    let overall = summary.items;
    let title = format!(
        " {} {} ",
        lang.t("阶段进度", "Phases"),
        counts_text(overall.done, overall.not_applicable, overall.total, lang)
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(phases_area);
    frame.render_widget(block, phases_area);
    let name_w = 22usize;
    let tail_w = 24usize;
    let bar_w = usize::from(inner.width)
        .saturating_sub(name_w + tail_w + 3)
        .clamp(4, 40);
    let lines: Vec<Line> = env
        .content
        .phases
        .iter()
        .enumerate()
        .map(|(index, phase)| {
            let Some(counts) = summary.phases.get(index) else {
                return Line::default();
            };
            let (full, empty) = theme.bar(counts.ratio(), bar_w);
            let label = phase
                .duration
                .as_ref()
                .map(|d| d.label.as_str())
                .unwrap_or("");
            let mut line = Line::from(vec![
                Span::raw(format!(" {} ", index + 1)),
                Span::raw(fit(&phase.title, name_w)),
                Span::styled(full, theme.good),
                Span::styled(empty, theme.dim),
                // Items marked 不适用 leave the count rather than pass as done.
                Span::raw(format!(
                    " {:>3}/{:<3} ",
                    counts.done,
                    counts.total.saturating_sub(counts.not_applicable)
                )),
                Span::styled(fit(label, tail_w.saturating_sub(9)), theme.dim),
            ]);
            if index == state.selected {
                line = line.style(theme.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let rest = Rect::new(
        body.x,
        body.y + phases_h,
        body.width,
        body.height.saturating_sub(phases_h),
    );
    let right_w = if rest.width >= 70 {
        rest.width * 2 / 5
    } else {
        0
    };
    let checks = people_checks(env);
    let checks_h = (crate::widgets::cells(checks.len()).saturating_add(1)).min(rest.height / 2 + 1);
    let due_area = Rect::new(
        rest.x,
        rest.y,
        rest.width - right_w,
        rest.height.saturating_sub(checks_h),
    );
    let phases = env.content.phases.len();
    let due_count = summary.overdue.len() + summary.due_soon.len();
    render_due(
        frame,
        env,
        (&summary.overdue, &summary.due_soon),
        state.selected.checked_sub(phases),
        due_area,
        theme,
    );
    let checks_area = Rect::new(
        rest.x,
        rest.y + due_area.height,
        rest.width - right_w,
        checks_h,
    );
    let selected = state.selected.checked_sub(phases + due_count);
    render_people(frame, env, &checks, selected, checks_area, theme);
    if right_w > 0 {
        let areas_area = Rect::new(rest.x + rest.width - right_w, rest.y, right_w, rest.height);
        render_areas(frame, env, summary.orphaned_progress, areas_area, theme);
    }
}

/// The overdue and due-soon items; `selected` (counted from the first overdue one) is
/// highlighted and kept in view.
fn render_due(
    frame: &mut Frame,
    env: &Env,
    (overdue, due_soon): (&[DueItem], &[DueItem]),
    selected: Option<usize>,
    area: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let title = format!(
        " {} {} · {} {} ",
        lang.t("逾期", "Overdue"),
        overdue.len(),
        lang.t("7 天内到期", "due in 7 days"),
        due_soon.len()
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let count = overdue.len() + due_soon.len();
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    let skip = selected
        .filter(|s| *s < count)
        .map_or(0, |s| (s + 1).saturating_sub(rows));
    // Only the items from `skip` on that reach into the area are made and wrapped: the
    // paragraph would cut the rest, and a long list of overdue items costs nothing per key.
    let mut lines: Vec<Line> = Vec::new();
    let items = overdue
        .iter()
        .map(|d| (d, theme.alert))
        .chain(due_soon.iter().map(|d| (d, theme.text)))
        .enumerate()
        .skip(skip);
    for (index, (item, style)) in items {
        if lines.len() >= rows {
            break;
        }
        let mut line = due_line(item, style, lang, width, theme);
        if selected == Some(index) {
            line = line.style(theme.selected);
        }
        // Wrapped rows keep the one-column padding of the first.
        lines.extend(wrap_hanging(&line, width));
    }
    if count == 0 {
        let empty = Line::from(Span::styled(
            lang.t(
                " 没有逾期或临近截止的事项。在清单里按 d 给事项设截止日期。",
                " Nothing overdue or due soon. Press d on an item to set a due date.",
            ),
            theme.dim,
        ));
        lines.extend(wrap_hanging(&empty, width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One overdue or due-soon item: its date, how late or how soon, its title cut to what is
/// left of `width`, and its owner.
fn due_line<'a>(item: &DueItem, style: Style, lang: Lang, width: usize, theme: &Theme) -> Line<'a> {
    let when = if item.days_left < 0 {
        format!("{}{}", lang.t("逾期", "late "), -item.days_left)
    } else if item.days_left == 0 {
        lang.t("今天", "today").to_owned()
    } else {
        format!("{}{}", lang.t("剩", "in "), item.days_left)
    };
    let owner = if item.owner.is_empty() {
        String::new()
    } else {
        format!(" @{}", item.owner)
    };
    let head = format!(" {} {}", item.due.format("%m-%d"), fit(&when, 7));
    let room = width.saturating_sub(head.width() + owner.width() + 1);
    Line::from(vec![
        Span::styled(head, style),
        Span::raw(" "),
        Span::raw(fit(&item.title, room)),
        Span::styled(owner, theme.dim),
    ])
}

/// The register's checks, one a line; the selected one is highlighted.
fn render_people(
    frame: &mut Frame,
    env: &Env,
    checks: &[CheckLine],
    selected: Option<usize>,
    area: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            lang.t(
                " 人员台账（Enter 看名单，z 转整改） ",
                " Staff register (Enter lists, z rectifies) ",
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let skip = selected.map_or(0, |s| (s + 1).saturating_sub(rows));
    let lines: Vec<Line> = checks
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(index, check)| {
            let style = if check.failing {
                theme.alert
            } else {
                theme.text
            };
            let mut line = Line::from(Span::styled(
                format!(
                    " {}",
                    fit(&check.text, usize::from(inner.width).saturating_sub(1))
                ),
                style,
            ));
            if selected == Some(index) {
                line = line.style(theme.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_areas(frame: &mut Frame, env: &Env, orphans: usize, area: Rect, theme: &Theme) {
    let lang = env.lang;
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            lang.t(" 其他模块 ", " Other areas "),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = usize::from(inner.height).saturating_sub(9);
    let mut lines = crate::screens::interview::dashboard_lines(env, theme, room.clamp(1, 8));
    lines.push(sop_heading(env, theme));
    lines.push(sop_numbers(env, theme));
    lines.extend(crate::screens::rectify::dashboard_lines(
        env,
        theme,
        usize::from(inner.width),
    ));
    lines.extend(crate::screens::score::dashboard_lines(env, theme));
    // A figure line that does not fit is cut with "…"; a notice is wrapped, never cut, so its
    // advice (calendar.yaml …) stays readable in the narrow column.
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = lines
        .iter()
        .map(|l| crate::widgets::truncate::truncate_line(l, width))
        .collect();
    let mut notices = Vec::new();
    if orphans > 0 {
        notices.push(Line::from(Span::styled(
            format!(
                "{} {orphans} {}",
                lang.t("另有", ""),
                lang.t(
                    "条进度的清单项已不在内容中（已保留）",
                    "kept records for removed items"
                )
            ),
            theme.alert,
        )));
    }
    if let Some(line) = calendar_warning(env, theme) {
        notices.push(line);
    }
    for notice in &notices {
        lines.extend(crate::widgets::wrap::wrap_line(notice, width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Warns, from about two months ahead, that the coming year's official holidays are not in
/// the calendar (the notice usually comes in November), so counts into it are weekends only.
fn calendar_warning<'a>(env: &Env, theme: &Theme) -> Option<Line<'a>> {
    let today = env.today();
    let ahead = today.checked_add_days(chrono::Days::new(60))?;
    let missing = env.calendar.missing_years(today, ahead);
    let year = missing.first()?;
    Some(Line::from(Span::styled(
        format!(
            "{year}{}",
            env.lang.t(
                " 年节假日未录入，按周末计，见 calendar.yaml",
                ": holidays not in yet, weekends only (calendar.yaml)"
            )
        ),
        theme.busy,
    )))
}

/// "演示预演" with the number of finished runs.
fn sop_heading<'a>(env: &Env, theme: &Theme) -> Line<'a> {
    let lang = env.lang;
    let summary = &env.summary.sops;
    let counts = match lang {
        crate::i18n::Lang::Zh => format!(" {} 套，已预演 {} 次", summary.count, summary.runs),
        crate::i18n::Lang::En => format!(" {} SOPs, {} runs", summary.count, summary.runs),
    };
    Line::from(vec![
        Span::styled(lang.t("演示预演", "Demo SOPs"), theme.label),
        Span::styled(counts, theme.dim),
    ])
}

/// The last finished run and the pending findings, or how to begin. Full-width punctuation
/// rather than "·", whose width terminals disagree on.
fn sop_numbers<'a>(env: &Env, theme: &Theme) -> Line<'a> {
    let lang = env.lang;
    let summary = &env.summary.sops;
    let pending = if summary.pending_findings > 0 {
        Span::styled(
            format!(
                "{}{}",
                lang.t("，待转整改 ", ", pending "),
                summary.pending_findings
            ),
            theme.alert,
        )
    } else {
        Span::raw("")
    };
    match summary.last_run {
        Some(last) => Line::from(vec![
            Span::raw(format!(
                " {} {}",
                lang.t("上次", "last"),
                last.format("%m-%d %H:%M")
            )),
            pending,
        ]),
        None => Line::from(vec![
            Span::styled(
                lang.t(" 尚未预演，按 4 开始", " none yet, press 4"),
                theme.dim,
            ),
            pending,
        ]),
    }
}

#[cfg(test)]
#[path = "dashboard/tests.rs"]
mod tests;
