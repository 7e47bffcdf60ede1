//! Draws the form: one row per field, then the focused field's editor and its notes.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{FIELDS, FormState, is_choice, is_multiline, layout};
use crate::domain::rectification::{
    self as rect, SEVERITIES, SOURCES, field_label, severity_label, source_label, status_label,
};
use crate::i18n::Lang;
use crate::progress::{RectField, Rectification};
use crate::screens::Env;
use crate::screens::rectify::detail::{View, due_words, link_target};
use crate::screens::rectify::panel::evidence_hint;
use crate::theme::Theme;
use crate::widgets::truncate::fit;

fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn value_of(view: &View, item: &Rectification, field: RectField) -> String {
    let lang = view.lang;
    match field {
        RectField::Source => source_label(item.source, lang).to_owned(),
        RectField::Severity => severity_label(item.severity, lang).to_owned(),
        RectField::Due => due_words(view, item).map(|(t, _)| t).unwrap_or_default(),
        RectField::Link => match link_target(view.content, &item.link) {
            Some(target) => format!("{}  {target}", item.link),
            None => item.link.clone(),
        },
        other => one_line(&rect::field_value(item, other)),
    }
}

fn empty_hint(field: RectField, lang: Lang) -> &'static str {
    match field {
        RectField::Title => lang.t("（必填）", "(required)"),
        RectField::Evidence | RectField::Verifier => lang.t("（关闭时必填）", "(to close)"),
        _ => lang.t("—", "—"),
    }
}

/// Guidance under the editor for each field.
fn notes(env: &Env, view: &View, form: &FormState, item: &Rectification) -> Vec<(String, bool)> {
    let lang = env.lang;
    let mut out: Vec<(String, bool)> = Vec::new();
    let tip = |zh: &'static str, en: &'static str| (lang.t(zh, en).to_owned(), false);
    match form.field() {
        RectField::Title => out.push(tip(
            "一句话写清问题，例如：运维人员使用个人U盘拷贝日志",
            "One line saying what is wrong",
        )),
        RectField::Source | RectField::Severity => out.push(tip(
            "←/→ 或空格切换，数字键直接选择",
            "←/→ or Space to change, digits to pick",
        )),
        RectField::Link => out.push(match link_target(view.content, &item.link) {
            Some(target) => (format!("→ {target}"), false),
            None if item.link.is_empty() => tip(
                "清单项编号、访谈题编号或「SOP编号/步骤编号」；可留空",
                "A checklist item id, question id or sop-id/step-id; optional",
            ),
            None => tip(
                "内容里没有这个编号（可作为说明保留）",
                "No content has this id (kept as text)",
            ),
        }),
        RectField::Description => out.push(tip(
            "写清在哪里、发现了什么、涉及哪些人员和设备。Enter 换行",
            "Where, what was found, which people and devices. Enter for a new line",
        )),
        RectField::RootCause => out.push(tip(
            "为什么会发生：制度、技术手段、培训、检查分别缺了什么",
            "Why: what rules, tools, training or checks were missing",
        )),
        RectField::Action => out.push(tip(
            "逐条写：立即处置 → 制度修订 → 技术措施 → 培训 → 举一反三排查",
            "Step by step: contain, fix rules, tools, training, look for the same elsewhere",
        )),
        RectField::Owner => out.push(tip(
            "负责推动整改、对期限负责的人",
            "Who drives the fix and answers for the date",
        )),
        RectField::Due => {
            out.push(tip(
                "YYYY-MM-DD，或 +N 表示从今天起第 N 个工作日（按节假日历）；留空清除",
                "YYYY-MM-DD, or +N for N working days from today; empty clears",
            ));
            if let Some(due) = form.due.filter(|d| d.working_days.is_some())
                && let Some(date) = due.date
            {
                let mut text = format!(
                    "→ {date}（{} {}）",
                    due.working_days.unwrap_or_default(),
                    lang.t("个工作日后", "working days")
                );
                if !due.covered {
                    text.push_str(lang.t(
                        "；节假日历未覆盖该年份，已按周一至周五计算",
                        "; the calendar does not cover it, counted Mon–Fri",
                    ));
                }
                out.push((text, !due.covered));
            }
        }
        RectField::Evidence => {
            if let Some(hint) = evidence_hint(view.content, item) {
                out.push((format!("{}{hint}", lang.t("建议：", "e.g. ")), false));
            }
            out.push(tip(
                "只记文件编号或存放路径，不要粘贴文件内容",
                "A document number or path only, never the document",
            ));
        }
        RectField::Verifier => {
            out.push(tip(
                "由负责人以外的人确认整改有效；关闭时必填",
                "Someone other than the owner confirms the fix; needed to close",
            ));
            if !item.verifier.is_empty() && item.verifier == item.owner {
                out.push(tip(
                    "验证人与负责人是同一人，审核时可能被质疑",
                    "The verifier is the owner; auditors may question that",
                ));
            }
        }
        RectField::Status | RectField::Created | RectField::Id => {}
    }
    if let Some(error) = &form.error {
        out.push((error.clone(), true));
    } else if !is_choice(form.field()) {
        out.push(tip(
            "输入即保存，变更记入历史 · Ctrl+R 恢复本栏",
            "Saved as you type and logged · Ctrl+R restores this field",
        ));
    }
    out
}

fn choices_line<'a>(item: &Rectification, field: RectField, lang: Lang, theme: &Theme) -> Line<'a> {
    let labels: Vec<(&'static str, bool)> = match field {
        RectField::Source => SOURCES
            .iter()
            .map(|s| (source_label(*s, lang), *s == item.source))
            .collect(),
        _ => SEVERITIES
            .iter()
            .map(|s| (severity_label(*s, lang), *s == item.severity))
            .collect(),
    };
    let mut spans = Vec::new();
    for (n, (label, on)) in labels.into_iter().enumerate() {
        spans.push(Span::styled(format!("{}", n + 1), theme.dim));
        spans.push(Span::styled(
            format!(" {label} "),
            if on { theme.selected } else { theme.text },
        ));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

pub fn render(frame: &mut Frame, env: &Env, form: &FormState, theme: &Theme) {
    let lang = env.lang;
    let size = (frame.area().width, frame.area().height);
    let width = usize::from(size.0);
    let Some(item) = rect::find(env.progress, &form.id) else {
        return;
    };
    let view = View {
        content: env.content,
        progress: env.progress,
        calendar: env.calendar,
        today: env.today(),
        lang,
    };
    let parts = layout(size, is_multiline(form.field()));
    let title = format!(
        " {} {} · {} ",
        if form.creating {
            lang.t("新建", "New")
        } else {
            lang.t("编辑", "Edit")
        },
        item.id,
        status_label(item.status, lang)
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    frame.render_widget(block, ratatui::layout::Rect::new(0, 1, size.0, 1));

    let rows = usize::from(parts.fields.height);
    let offset = form.focus.saturating_sub(rows.saturating_sub(1));
    let label_w = FIELDS
        .iter()
        .map(|f| field_label(*f, lang).width())
        .max()
        .unwrap_or(8)
        + 1;
    let value_w = width.saturating_sub(label_w + 4);
    let lines: Vec<Line> = FIELDS
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, field)| {
            let focused = i == form.focus;
            let label = field_label(*field, lang);
            let mut value = value_of(&view, item, *field);
            if focused && is_choice(*field) {
                value = format!("{} {value} {}", theme.sym("‹", "<"), theme.sym("›", ">"));
            }
            let (shown, style) = if value.is_empty() {
                (empty_hint(*field, lang).to_owned(), theme.dim)
            } else {
                let late = *field == RectField::Due && rect::is_overdue(item, view.today);
                (value, if late { theme.alert } else { theme.text })
            };
            let marker = if focused { theme.sym("▸", ">") } else { " " };
            let line = Line::from(vec![
                Span::styled(
                    format!(" {marker} {}", fit(label, label_w)),
                    if focused { theme.label } else { theme.dim },
                ),
                Span::styled(fit(&shown, value_w), style),
            ]);
            if focused {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), parts.fields);

    let label = field_label(form.field(), lang);
    let rule = theme.sym("─", "-");
    let head = format!("{rule}{rule} {label} ");
    let sep = format!("{head}{}", rule.repeat(width.saturating_sub(head.width())));
    frame.render_widget(
        Paragraph::new(Span::styled(sep, theme.dim)),
        parts.separator,
    );

    if is_choice(form.field()) {
        frame.render_widget(
            Paragraph::new(choices_line(item, form.field(), lang, theme)),
            parts.input,
        );
    } else {
        frame.render_widget(&form.input, parts.input);
        if form.selected {
            // The whole value is selected: typing replaces it.
            let width = crate::widgets::cells(form.input.text().width()).min(parts.input.width);
            frame.buffer_mut().set_style(
                ratatui::layout::Rect::new(parts.input.x, parts.input.y, width, 1),
                theme.selected,
            );
        }
        let (x, y) = form.input.cursor_position(parts.input.width.max(1));
        frame.set_cursor_position((parts.input.x + x, parts.input.y + y));
    }
    let note_lines: Vec<Line> = notes(env, &view, form, item)
        .into_iter()
        .map(|(text, warn)| {
            Line::from(Span::styled(
                text,
                if warn { theme.alert } else { theme.dim },
            ))
        })
        .collect();
    let wrapped = crate::widgets::wrap::wrap_lines(&note_lines, parts.notes.width);
    // The last notes (errors) matter most when space is short.
    let skip = wrapped
        .len()
        .saturating_sub(usize::from(parts.notes.height));
    frame.render_widget(
        Paragraph::new(wrapped.into_iter().skip(skip).collect::<Vec<_>>()),
        parts.notes,
    );
}
