//! Draws the checklist: the list of sections and items, and the selected item's detail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{ChecklistState, Row, body, layout};
use crate::content::Item;
use crate::progress::{ItemProgress, Status};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::truncate::truncate;

pub fn render(frame: &mut Frame, env: &Env, state: &ChecklistState, theme: &Theme) {
    let area = body((frame.area().width, frame.area().height));
    let parts = layout(area, state.detail_zoomed);
    let Some(phase) = env.content.phases.get(state.phase) else {
        return;
    };
    if parts.list.height > 0 {
        render_list(frame, env, state, parts.list, theme);
    }
    let item = match state.rows.get(state.selected) {
        Some(Row::Item(s, i)) => phase.sections.get(*s).and_then(|sec| sec.items.get(*i)),
        _ => None,
    };
    if let Some(item) = item {
        let borders = if parts.side_by_side {
            Borders::TOP | Borders::LEFT
        } else {
            Borders::TOP
        };
        let block = Block::new()
            .borders(borders)
            .border_set(theme.border)
            .border_style(theme.dim)
            .title(Span::styled(
                format!(
                    " {} ",
                    truncate(
                        &item.title,
                        usize::from(parts.detail.width).saturating_sub(4)
                    )
                ),
                theme.title,
            ));
        let lines = detail_lines(env, item, env.progress.item(&item.id), theme);
        let width = block.inner(parts.detail).width;
        let paragraph = Paragraph::new(crate::widgets::wrap::wrap_lines(&lines, width))
            .block(block)
            .scroll((state.detail_scroll, 0));
        frame.render_widget(paragraph, parts.detail);
    }
}

/// The furthest the detail can scroll: its wrapped rows less the rows it shows.
pub fn max_detail_scroll(env: &Env, state: &ChecklistState) -> u16 {
    let parts = layout(body(env.size), state.detail_zoomed);
    let Some(item) = state.selected_item(env.content) else {
        return 0;
    };
    let lines = detail_lines(
        env,
        item,
        env.progress.item(&item.id),
        &Theme::new(false, false),
    );
    // The detail block has a top border, and a left one when it sits beside the list.
    let width = if parts.side_by_side {
        parts.detail.width.saturating_sub(1)
    } else {
        parts.detail.width
    };
    let rows = crate::widgets::wrap::wrap_lines(&lines, width).len();
    let shown = usize::from(parts.detail.height.saturating_sub(1));
    u16::try_from(rows.saturating_sub(shown)).unwrap_or(u16::MAX)
}

fn render_list(frame: &mut Frame, env: &Env, state: &ChecklistState, area: Rect, theme: &Theme) {
    let Some(phase) = env.content.phases.get(state.phase) else {
        return;
    };
    let Some(counts) = env.summary.phases.get(state.phase) else {
        return;
    };
    let filter = state.filter.label(env.lang);
    let filter = if filter.is_empty() {
        filter
    } else {
        format!("{}{filter} ", env.lang.t("筛选：", "filter: "))
    };
    let title = truncate(
        &format!(
            " {}/{} {}  {} {filter}",
            state.phase + 1,
            env.content.phases.len(),
            phase.title,
            crate::screens::dashboard::counts_text(
                counts.done,
                counts.not_applicable,
                counts.total,
                env.lang
            )
        ),
        usize::from(area.width),
    )
    .into_owned();
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = state
        .rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(usize::from(inner.height))
        .map(|(index, row)| match row {
            Row::Section(s) => {
                let title = phase
                    .sections
                    .get(*s)
                    .map(|x| x.title.as_str())
                    .unwrap_or("");
                Line::from(Span::styled(
                    format!("{}{title}", theme.sym("▌", "#")),
                    theme.section,
                ))
            }
            Row::Item(s, i) => {
                let Some(item) = phase.sections.get(*s).and_then(|x| x.items.get(*i)) else {
                    return Line::default();
                };
                let entry = env.progress.item(&item.id);
                let status = entry.map(|e| e.status).unwrap_or_default();
                let selected = index == state.selected;
                item_line(env, item, entry, status, selected, width, theme)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn item_line<'a>(
    env: &Env,
    item: &'a Item,
    entry: Option<&ItemProgress>,
    status: Status,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let marker = theme.status_marker(status);
    let mut tail = String::new();
    if let Some(due) = entry.and_then(|e| e.due) {
        tail = format!(" {}", due.format("%m-%d"));
    }
    let lead = format!(" {marker} ");
    let title_w = width.saturating_sub(lead.width() + tail.width());
    let mut line = Line::from(vec![
        Span::styled(lead, theme.status_style(status)),
        Span::raw(truncate(&item.title, title_w)),
    ]);
    if !tail.is_empty() {
        let used = line.width() + tail.len();
        let pad = width.saturating_sub(used);
        let overdue = entry
            .and_then(|e| e.due)
            .is_some_and(|d| d < env.today() && !status.is_closed());
        line.push_span(Span::raw(" ".repeat(pad)));
        line.push_span(Span::styled(
            tail,
            if overdue { theme.alert } else { theme.dim },
        ));
    }
    if selected {
        line = line.style(theme.selected);
    }
    line
}

fn detail_lines<'a>(
    env: &Env<'a>,
    item: &'a Item,
    entry: Option<&'a ItemProgress>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = env.lang;
    let mut lines = Vec::new();
    let e = entry.cloned().unwrap_or_default();
    let status = e.status;
    lines.push(Line::from(vec![
        Span::styled(theme.status_marker(status), theme.status_style(status)),
        Span::raw(" "),
        Span::styled(theme.status_label(status, lang), theme.status_style(status)),
        Span::styled(format!("  {}", item.id), theme.dim),
    ]));
    let basis = item.basis_summary(lang);
    if !basis.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(lang.t("依据 ", "Basis "), theme.label),
            Span::raw(basis),
            Span::styled(
                lang.t("（全文在末尾，J 下翻）", " (full text at the end, J)"),
                theme.dim,
            ),
        ]));
    }
    // The user's own record first: it is what they edit, and it must be visible at 80×24.
    let value = |text: String, key: &'static str| {
        if text.is_empty() {
            Span::styled(key, theme.dim)
        } else {
            Span::raw(text)
        }
    };
    let due = e
        .due
        .map(|d| {
            let days = (d - env.today()).num_days();
            match days {
                0 => format!("{d}（今天）"),
                n if n < 0 => format!("{d}（逾期 {} 天）", -n),
                n => format!("{d}（还有 {n} 天）"),
            }
        })
        .unwrap_or_default();
    let overdue = e
        .due
        .is_some_and(|d| d < env.today() && !status.is_closed());
    lines.push(Line::from(vec![
        Span::styled(lang.t("负责人 ", "Owner "), theme.label),
        value(e.owner, lang.t("按 o", "press o")),
        Span::styled(lang.t("  截止 ", "  Due "), theme.label),
        if overdue {
            Span::styled(due, theme.alert)
        } else {
            value(due, lang.t("按 d", "press d"))
        },
    ]));
    let evidence_hint = item
        .evidence_hint
        .as_deref()
        .map(|hint| format!("{}（{hint}）", lang.t("按 e", "press e")))
        .unwrap_or_else(|| lang.t("按 e", "press e").to_owned());
    lines.push(Line::from(vec![
        Span::styled(lang.t("证据 ", "Evidence "), theme.label),
        if e.evidence.is_empty() {
            Span::styled(evidence_hint, theme.dim)
        } else {
            Span::raw(e.evidence)
        },
    ]));
    if let Some(linked) = crate::screens::rectify::linked_summary(env.progress, &item.id, lang) {
        lines.push(Line::from(Span::styled(linked, theme.busy)));
    }
    if e.note.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(lang.t("备注 ", "Note "), theme.label),
            Span::styled(lang.t("按 n 编辑", "press n"), theme.dim),
        ]));
    } else {
        lines.push(Line::from(Span::styled(
            lang.t("备注", "Note"),
            theme.label,
        )));
        for l in e.note.lines() {
            lines.push(Line::from(l.to_owned()));
        }
    }
    let mut section = |label: &'static str, text: &str, style| {
        lines.push(Line::from(Span::styled(label, theme.label)));
        for l in crate::content::paragraphs(text) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    section(
        lang.t("【要做什么】", "[What to do]"),
        &env.content.text(&item.what),
        theme.text,
    );
    section(
        lang.t("【验收标准】", "[Acceptance]"),
        &env.content.text(&item.acceptance),
        theme.text,
    );
    if let Some(pitfall) = &item.pitfall {
        section(
            lang.t("【常见问题】", "[Common problem]"),
            &env.content.text(pitfall),
            theme.alert,
        );
    }
    if !item.tips.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("【提示】", "[Tips]"),
            theme.label,
        )));
        for tip in &item.tips {
            let tip = env.content.text(&tip.text);
            lines.push(Line::from(format!("{} {tip}", theme.sym("·", "-"))));
        }
    }
    if let Some(rule) = &item.deadline {
        let amount = match (rule.working_days, rule.days, rule.months) {
            (Some(n), _, _) => format!("{n}{}", lang.t(" 个工作日", " working days")),
            (_, Some(n), _) => format!("{n}{}", lang.t(" 天", " days")),
            (_, _, Some(n)) => format!("{n}{}", lang.t(" 个月", " months")),
            _ => String::new(),
        };
        lines.push(Line::from(vec![
            Span::styled(lang.t("【时限】", "[Time limit]"), theme.label),
            Span::raw(format!("{}起 {amount}", rule.from)),
        ]));
    }
    let details = item.basis_details(lang);
    if !details.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("【依据】", "[Basis]"),
            theme.label,
        )));
        for detail in details {
            lines.push(Line::from(format!("{} {detail}", theme.sym("·", "-"))));
        }
    }
    lines
}
