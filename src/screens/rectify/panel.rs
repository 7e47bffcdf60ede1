//! Shared pieces of the area: the filter panel, the 补正/公示 countdown lines, status colours,
//! and the lines other screens show (the dashboard's numbers, a checklist item's links).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::ListState;
use crate::action::{Action, Dl};
use crate::content::Content;
use crate::domain::rectification::{
    self as rect, OwnerFilter, SOURCES, Sort, StatusFilter, WindowKind, WindowState, owners,
    source_label, status_label, window,
};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::{Progress, Rectification, RectificationStatus as St};
use crate::screens::Env;
use crate::theme::Theme;

pub fn status_style(status: St, theme: &Theme) -> Style {
    match status {
        St::Open => theme.text,
        St::InProgress => theme.busy,
        St::AwaitingVerification => theme.label,
        St::Closed => theme.good,
        St::Reopened => theme.alert,
    }
}

/// The template's evidence hint for an item made from one.
pub fn evidence_hint<'c>(content: &'c Content, item: &Rectification) -> Option<&'c str> {
    content
        .templates
        .iter()
        .find(|t| t.id.value == item.template)
        .and_then(|t| t.evidence_hint.as_deref())
}

/// How many 补正/公示 lines the list shows (one per date entered).
pub fn window_count(progress: &Progress) -> usize {
    usize::from(progress.timeline.correction_notice.is_some())
        + usize::from(progress.timeline.public_notice.is_some())
}

/// "补正期 还剩 N 个工作日（截止 YYYY-MM-DD）" for each window whose date is entered.
fn window_texts_with(env: &Env, theme: &Theme) -> Vec<(String, Style)> {
    let lang = env.lang;
    let today = env.today();
    let t = &env.progress.timeline;
    [
        (WindowKind::Correction, t.correction_notice),
        (WindowKind::PublicNotice, t.public_notice),
    ]
    .into_iter()
    .filter_map(|(kind, start)| {
        let w = window(env.calendar, kind, start?, today);
        let style = match w.state {
            WindowState::Ended | WindowState::NotStarted => theme.dim,
            WindowState::EndsToday => theme.alert,
            WindowState::Running if w.working_days_left <= 3 => theme.alert,
            WindowState::Running => theme.busy,
        };
        let mut text = format!("{} {}", kind.label(lang), w.describe(lang));
        if !w.covered {
            text.push_str(lang.t("（日历未覆盖，按周一至周五计）", " (Mon–Fri count)"));
        }
        Some((text, style))
    })
    .collect()
}

pub fn window_lines(env: &Env, theme: &Theme) -> Vec<Line<'static>> {
    window_texts_with(env, theme)
        .into_iter()
        .map(|(text, style)| Line::from(Span::styled(format!(" {text}"), style)))
        .collect()
}

fn status_filter_label(filter: StatusFilter, lang: Lang) -> &'static str {
    match filter {
        StatusFilter::All => lang.t("全部", "all"),
        StatusFilter::Unclosed => lang.t("未关闭", "not closed"),
        StatusFilter::Is(s) => status_label(s, lang),
    }
}

fn owner_filter_label(filter: &OwnerFilter, lang: Lang) -> String {
    match filter {
        OwnerFilter::All => lang.t("全部", "all").to_owned(),
        OwnerFilter::Nobody => lang.t("未指定", "nobody").to_owned(),
        OwnerFilter::Named(name) => name.clone(),
    }
}

fn sort_label(sort: Sort, lang: Lang) -> &'static str {
    match sort {
        Sort::Due => lang.t("按截止日期", "by due date"),
        Sort::Severity => lang.t("按严重程度", "by severity"),
    }
}

/// The filter line above the list.
pub fn filter_summary(state: &ListState, lang: Lang) -> String {
    let f = &state.filter;
    format!(
        " {} {}{sep}{} {}{sep}{} {}{}{end}{}",
        lang.t("筛选 f：状态", "Filter f: status"),
        status_filter_label(f.status, lang),
        lang.t("来源", "source"),
        f.source
            .map_or(lang.t("全部", "all"), |s| source_label(s, lang)),
        lang.t("负责人", "owner"),
        owner_filter_label(&f.owner, lang),
        if f.overdue_only {
            lang.t("，只看逾期", ", overdue only")
        } else {
            ""
        },
        sort_label(state.sort, lang),
        sep = lang.t("，", ", "),
        end = lang.t("；排序 o：", "; sort o: "),
    )
}

/// The filter panel over the list: one row per criterion, changed with ←/→.
#[derive(Debug, Clone, Default)]
pub struct FilterPanel {
    pub row: usize,
}

const PANEL_ROWS: usize = 5;

fn cycle<T: Clone + PartialEq>(choices: &[T], current: &T, forward: bool) -> T {
    let n = choices.len();
    let pos = choices.iter().position(|c| c == current).unwrap_or(0);
    let next = if forward {
        (pos + 1) % n
    } else {
        (pos + n - 1) % n
    };
    choices[next].clone()
}

impl FilterPanel {
    /// Applies a key to the list's filter; returns false when the panel should close.
    pub fn handle_key(&mut self, key: KeyEvent, list: &mut ListState, progress: &Progress) -> bool {
        // The keys are the key map's `RectifyFilter` rows.
        let forward = match crate::keymap::own(Scope::RectifyFilter, &key) {
            Some(Action::Dialog(Dl::Done)) => return false,
            Some(Action::Up) => {
                self.row = self.row.saturating_sub(1);
                return true;
            }
            Some(Action::Down) => {
                self.row = (self.row + 1).min(PANEL_ROWS - 1);
                return true;
            }
            Some(Action::Dialog(Dl::Clear)) => {
                list.filter = Default::default();
                return true;
            }
            Some(Action::Dialog(Dl::ChoicePrev)) => false,
            Some(Action::Dialog(Dl::ChoiceNext)) => true,
            _ => return true,
        };
        let f = &mut list.filter;
        match self.row {
            0 => f.status = cycle(&StatusFilter::choices(), &f.status, forward),
            1 => {
                let mut choices = vec![None];
                choices.extend(SOURCES.iter().map(|s| Some(*s)));
                f.source = cycle(&choices, &f.source, forward);
            }
            2 => {
                let mut choices = vec![OwnerFilter::All, OwnerFilter::Nobody];
                choices.extend(
                    owners(&progress.rectifications)
                        .into_iter()
                        .map(OwnerFilter::Named),
                );
                f.owner = cycle(&choices, &f.owner, forward);
            }
            3 => f.overdue_only = !f.overdue_only,
            _ => list.sort = cycle(&[Sort::Due, Sort::Severity], &list.sort, forward),
        }
        true
    }
}

pub fn render_filter(
    frame: &mut Frame,
    env: &Env,
    panel: &FilterPanel,
    list: &ListState,
    theme: &Theme,
) {
    let lang = env.lang;
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(48);
    let height = (crate::widgets::cells(PANEL_ROWS).saturating_add(2)).min(area.height);
    let outer = Rect::new(
        area.width.saturating_sub(width) / 2,
        area.height.saturating_sub(height) / 2,
        width,
        height,
    );
    crate::screens::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(
            lang.t(" 筛选与排序 ", " Filter and sort "),
            theme.title,
        ))
        .title_bottom(Span::styled(
            crate::keymap::hint(crate::keymap::Scope::RectifyFilter, lang),
            theme.dim,
        ));
    let f = &list.filter;
    let values = [
        (
            lang.t("状态", "Status"),
            status_filter_label(f.status, lang).to_owned(),
        ),
        (
            lang.t("来源", "Source"),
            f.source
                .map_or(lang.t("全部", "all"), |s| source_label(s, lang))
                .to_owned(),
        ),
        (
            lang.t("负责人", "Owner"),
            owner_filter_label(&f.owner, lang),
        ),
        (
            lang.t("只看逾期", "Overdue only"),
            if f.overdue_only {
                lang.t("是", "yes")
            } else {
                lang.t("否", "no")
            }
            .to_owned(),
        ),
        (
            lang.t("排序", "Sort"),
            sort_label(list.sort, lang).to_owned(),
        ),
    ];
    let label_w = values.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let lines: Vec<Line> = values
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let pad = " ".repeat(label_w.saturating_sub(label.width()));
            let line = Line::from(vec![
                Span::styled(format!(" {label}{pad}  "), theme.label),
                Span::raw(format!(
                    "{} {value} {}",
                    theme.sym("‹", "<"),
                    theme.sym("›", ">")
                )),
            ]);
            if i == panel.row {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), outer);
}

/// The dashboard's lines for this area: counts, and each 补正/公示 countdown.
pub fn dashboard_lines(env: &Env, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let lang = env.lang;
    // Counted with the summary when progress changes, not at every frame.
    let s = env.summary.rects;
    let mut lines = vec![Line::from(Span::styled(
        lang.t("整改跟踪", "Rectification"),
        theme.label,
    ))];
    if s.total == 0 {
        lines.push(Line::from(format!(
            " {}{}{} {}",
            lang.t("暂无整改项", "no items yet"),
            lang.t("，", ", "),
            env.content.templates.len(),
            lang.t("条模板", "templates")
        )));
    } else {
        lines.push(Line::from(vec![
            Span::raw(format!(
                " {} {}{}",
                lang.t("未关闭", "open"),
                s.open,
                lang.t("，", ", ")
            )),
            Span::styled(
                format!("{} {}", lang.t("逾期", "overdue"), s.overdue),
                if s.overdue > 0 {
                    theme.alert
                } else {
                    theme.text
                },
            ),
            Span::raw(format!(
                "{}{} {}",
                lang.t("，", ", "),
                lang.t("本周到期", "this week"),
                s.due_this_week
            )),
        ]));
    }
    for (text, style) in window_texts_with(env, theme) {
        let text = format!(" {text}");
        // Too narrow for one line: break before the date in brackets.
        match text.find('（') {
            Some(cut) if text.width() > width => {
                lines.push(Line::from(Span::styled(text[..cut].to_owned(), style)));
                lines.push(Line::from(Span::styled(
                    format!("  {}", &text[cut..]),
                    style,
                )));
            }
            _ => lines.push(Line::from(Span::styled(text, style))),
        }
    }
    lines
}

/// "整改项：ZG-001 整改中" for a checklist item (or question, or step) with linked items.
pub fn linked_summary(progress: &Progress, link: &str, lang: Lang) -> Option<String> {
    let parts: Vec<String> = rect::linked(progress, link)
        .map(|r| format!("{} {}", r.id, status_label(r.status, lang)))
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{}{}",
            lang.t("整改项：", "Rectification: "),
            parts.join(lang.t("，", ", "))
        )
    })
}
