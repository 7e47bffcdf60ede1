//! One rectification item in full: its fields, what to do next, and the whole history.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ask;
use super::panel::{evidence_hint, status_style};
use crate::action::Action;
use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::domain::rectification::{
    self as rect, describe_change, severity_label, source_label, status_label,
};
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification, RectificationStatus as St};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::wrap::wrap_lines;

#[derive(Debug, Clone)]
pub struct DetailState {
    pub id: String,
    pub scroll: u16,
}

/// Everything the detail needs to lay itself out, borrowed from the app.
pub struct View<'a> {
    pub content: &'a Content,
    pub progress: &'a Progress,
    pub calendar: &'a WorkCalendar,
    pub today: NaiveDate,
    pub lang: Lang,
}

impl DetailState {
    pub fn new(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            scroll: 0,
        }
    }

    pub fn update(&mut self, action: Action, view: &View, size: (u16, u16)) -> Option<Ask> {
        let page = size.1.saturating_sub(4).max(1);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = self.scroll.saturating_add(page),
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = u16::MAX,
            Action::RectEdit => return Some(Ask::Edit(self.id.clone())),
            Action::RectAdvance => return Some(Ask::Advance(self.id.clone())),
            Action::RectReopen => return Some(Ask::Reopen(self.id.clone())),
            Action::RectWindows => return Some(Ask::Windows),
            Action::RectOperator => return Some(Ask::Operator),
            _ => {}
        }
        let item = rect::find(view.progress, &self.id)?;
        let area = body(size);
        let rows = wrap_lines(&lines(view, item, &Theme::new(false, false)), area.width).len();
        let max = rows.saturating_sub(usize::from(area.height.saturating_sub(1)));
        self.scroll = self.scroll.min(u16::try_from(max).unwrap_or(u16::MAX));
        None
    }
}

fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 1, size.0, size.1.saturating_sub(2))
}

fn weekday(date: NaiveDate, lang: Lang) -> &'static str {
    let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = date.weekday().num_days_from_monday() as usize;
    lang.t(zh[i], en[i])
}

/// "2026-12-09 周三（还有 10 个工作日）" and the like.
pub fn due_words(view: &View, item: &Rectification) -> Option<(String, bool)> {
    let due = item.due?;
    let lang = view.lang;
    let today = view.today;
    let mut text = format!("{due} {}", weekday(due, lang));
    let late = rect::is_overdue(item, today);
    if item.status != St::Closed {
        let tail = if due == today {
            lang.t("（今天到期）", " (due today)").to_owned()
        } else if due < today {
            match lang {
                Lang::Zh => format!("（已逾期 {} 天）", (today - due).num_days()),
                Lang::En => format!(" ({} days overdue)", (today - due).num_days()),
            }
        } else {
            let n = view.calendar.working_days_between(today, due);
            match lang {
                Lang::Zh => format!("（还有 {n} 个工作日）"),
                Lang::En => format!(" ({n} working days left)"),
            }
        };
        text.push_str(&tail);
    }
    Some((text, late))
}

/// What the linked id points at: a checklist item, an interview question or a demo step.
pub fn link_target(content: &Content, link: &str) -> Option<String> {
    if link.is_empty() {
        return None;
    }
    if let Some(r) = content.find_item(link) {
        return Some(format!("{} · {}", r.phase.title, r.item.title));
    }
    if let Some(q) = content
        .interview
        .questions
        .iter()
        .find(|q| q.id.value == link)
    {
        return Some(format!("访谈题 · {}", q.question));
    }
    let (sop, step) = link.split_once('/')?;
    let sop = content.sops.iter().find(|s| s.id.value == sop)?;
    let step = sop.steps.iter().find(|s| s.id.value == step)?;
    Some(format!("{} · {}", sop.title, step.title))
}

fn next_step(status: St, lang: Lang) -> &'static str {
    match status {
        St::Open => lang.t(
            "下一步：按 s 开始整改（→ 整改中）",
            "Next: s starts work (→ in progress)",
        ),
        St::InProgress => lang.t(
            "下一步：整改完成后按 s 提交验证（→ 待验证）",
            "Next: when fixed, s submits it for verification",
        ),
        St::AwaitingVerification => lang.t(
            "下一步：验证通过按 s 关闭（须填验证人和证据）；未通过按 r 重新打开",
            "Next: s closes it (verifier and evidence needed); r reopens it",
        ),
        St::Closed => lang.t(
            "已关闭。复查发现问题时按 r 重新打开",
            "Closed. Press r to reopen if a re-check finds a problem",
        ),
        St::Reopened => lang.t(
            "下一步：按 s 重新开始整改（→ 整改中）",
            "Next: s starts work again (→ in progress)",
        ),
    }
}

pub fn lines<'a>(view: &View, item: &'a Rectification, theme: &Theme) -> Vec<Line<'a>> {
    let lang = view.lang;
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled(
            format!("{} ", status_label(item.status, lang)),
            status_style(item.status, theme).add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(
            format!(
                "· {} · {}",
                severity_label(item.severity, lang),
                source_label(item.source, lang)
            ),
            theme.text,
        ),
    ]));
    out.push(Line::from(Span::styled(
        next_step(item.status, lang),
        theme.dim,
    )));
    let missing = |hint: &'static str| Span::styled(hint, theme.dim);
    let value = |label: &'static str, text: &'a str, hint: &'static str| {
        let shown = if text.is_empty() {
            missing(hint)
        } else {
            Span::raw(text)
        };
        Line::from(vec![Span::styled(label, theme.label), shown])
    };
    out.push(value(
        lang.t("负责人：", "Owner: "),
        &item.owner,
        lang.t("（未指定，按 e 填写）", "(none, press e)"),
    ));
    out.push(match due_words(view, item) {
        Some((text, late)) => Line::from(vec![
            Span::styled(lang.t("截止：", "Due: "), theme.label),
            Span::styled(text, if late { theme.alert } else { theme.text }),
        ]),
        None => value(
            lang.t("截止：", "Due: "),
            "",
            lang.t("（未设定）", "(none)"),
        ),
    });
    if !item.link.is_empty() {
        let target = link_target(view.content, &item.link)
            .map(|t| format!("  {t}"))
            .unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(lang.t("关联：", "Link: "), theme.label),
            Span::raw(item.link.as_str()),
            Span::styled(target, theme.dim),
        ]));
    }
    let required = lang.t("（关闭前必填）", "(needed to close)");
    out.push(value(
        lang.t("证据：", "Evidence: "),
        &item.evidence,
        required,
    ));
    if let Some(hint) = evidence_hint(view.content, item)
        && item.status != St::Closed
    {
        out.push(Line::from(Span::styled(
            format!("      {}{hint}", lang.t("建议：", "e.g. ")),
            theme.dim,
        )));
    }
    out.push(value(
        lang.t("验证人：", "Verifier: "),
        &item.verifier,
        required,
    ));
    if !item.verifier.is_empty() && item.verifier == item.owner {
        out.push(Line::from(Span::styled(
            lang.t(
                "      验证人与负责人是同一人，审核时可能被质疑",
                "      The verifier is the owner; auditors may question that",
            ),
            theme.alert,
        )));
    }
    for (label, text) in [
        (lang.t("【问题描述】", "[Description]"), &item.description),
        (lang.t("【原因分析】", "[Root cause]"), &item.root_cause),
        (lang.t("【整改措施】", "[Corrective action]"), &item.action),
    ] {
        out.push(Line::from(Span::styled(label, theme.label)));
        if text.is_empty() {
            out.push(Line::from(Span::styled(
                lang.t("（未填写，按 e 编辑）", "(empty, press e)"),
                theme.dim,
            )));
        }
        for paragraph in text.lines() {
            out.push(Line::from(paragraph));
        }
    }
    out.push(Line::from(Span::styled(
        format!(
            "{rule}{rule} {} {} {rule}{rule}",
            lang.t("变更记录", "History"),
            item.history.len(),
            rule = theme.sym("─", "-")
        ),
        theme.dim,
    )));
    for entry in &item.history {
        out.push(Line::from(describe_change(entry, lang)));
    }
    out
}

pub fn render(frame: &mut Frame, env: &Env, state: &DetailState, theme: &Theme) {
    let area = body((frame.area().width, frame.area().height));
    let Some(item) = rect::find(env.progress, &state.id) else {
        return;
    };
    let view = View {
        content: env.content,
        progress: env.progress,
        calendar: env.calendar,
        today: env.today(),
        lang: env.lang,
    };
    let title = if item.title.is_empty() {
        env.lang.t("（未填写标题）", "(no title)")
    } else {
        item.title.as_str()
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(format!(" {} {title} ", item.id), theme.title));
    let paragraph = Paragraph::new(wrap_lines(&lines(&view, item, theme), area.width))
        .block(block)
        .scroll((state.scroll, 0));
    frame.render_widget(paragraph, area);
}
