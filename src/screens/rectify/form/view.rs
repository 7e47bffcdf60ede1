//! Draws the rectification form: a title rule naming the item, then the one form widget
//! (one row a field, the focused long text taking the rows left) with this area's notes
//! under it — the due date in words, where a link points, the template's evidence hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::widgets::Borders;

use super::{FIELDS, FormState};
use crate::domain::rectification::{self as rect, parse_due, status_label};
use crate::progress::{RectField, Rectification};
use crate::screens::Env;
use crate::screens::rectify::detail::{View, due_words, link_target};
use crate::screens::rectify::panel::evidence_hint;
use crate::theme::Theme;
use crate::widgets::form::Form;

/// Rows under the fields for the hint, this area's notes and what is said at the cursor.
pub const NOTE_ROWS: u16 = 4;

/// Where the form goes on a screen of `size`: under the header and the title rule, above
/// the footer.
pub fn form_area(size: (u16, u16)) -> Rect {
    let (w, h) = size;
    Rect::new(1, 2, w.saturating_sub(2), h.saturating_sub(3))
}

/// Rows the focused multi-line field gets in an area `height` rows high.
pub fn multiline_rows(form: &Form, height: u16) -> u16 {
    form.focused_rows(height, NOTE_ROWS)
}

/// This area's notes for the focused field, `(text, warning)`.
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
            let typed = form.form.value(form.form.focus());
            match parse_due(&typed, env.today(), env.calendar, lang) {
                Ok(due) if due.working_days.is_some() => {
                    if let Some(date) = due.date {
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
                _ => {
                    if let Some((words, late)) = due_words(view, item) {
                        out.push((words, late));
                    }
                }
            }
            out.push(tip(
                "YYYY-MM-DD，或 +N 表示从今天起第 N 个工作日（按节假日历）；留空清除",
                "YYYY-MM-DD, or +N for N working days from today; empty clears",
            ));
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
            if !item.verifier.is_empty() && item.verifier == item.owner {
                out.push((
                    lang.t(
                        "验证人与负责人是同一人，审核时可能被质疑",
                        "The verifier is the owner; auditors may question that",
                    )
                    .to_owned(),
                    true,
                ));
            }
            out.push(tip(
                "由负责人以外的人确认整改有效；关闭时必填",
                "Someone other than the owner confirms the fix; needed to close",
            ));
        }
        RectField::Status | RectField::Created | RectField::Id => {}
    }
    if !matches!(form.field(), RectField::Source | RectField::Severity) {
        out.push(tip(
            "输入即保存，变更记入历史 · Ctrl+R 恢复本栏",
            "Saved as you type and logged · Ctrl+R restores this field",
        ));
    }
    out
}

pub fn render(frame: &mut Frame, env: &Env, form: &FormState, theme: &Theme) {
    let lang = env.lang;
    let size = (frame.area().width, frame.area().height);
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
    frame.render_widget(block, Rect::new(0, 1, size.0, 1));
    debug_assert_eq!(form.form.fields.len(), FIELDS.len());
    let extra: Vec<Line<'static>> = notes(env, &view, form, item)
        .into_iter()
        .map(|(text, warn)| {
            Line::from(Span::styled(
                text,
                if warn { theme.alert } else { theme.dim },
            ))
        })
        .collect();
    form.form
        .render_with(frame, form_area(size), theme, &extra, NOTE_ROWS);
}
