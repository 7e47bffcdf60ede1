//! The list of rectification items: counts, the active filter and sort, one row per item
//! with its due date in days left (overdue in red), and any running 补正 or 公示 window.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Ask;
use super::panel::{filter_summary, status_style, window_count, window_lines};
use crate::action::Action;
use crate::content::Severity;
use crate::domain::rectification::{
    Filter, OwnerFilter, Sort, is_overdue, source_label, stats, visible,
};
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification, RectificationStatus as St};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::truncate::fit;

#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub filter: Filter,
    pub sort: Sort,
    /// The selected item's id; the first row when `None` or filtered out.
    pub selected: Option<String>,
    /// First visible row.
    pub offset: usize,
    /// Rows available for items in the last layout.
    pub height: usize,
    /// The filter panel, while it is open over the list.
    pub panel: Option<super::FilterPanel>,
}

/// The parts of the list screen.
pub struct Layout {
    pub summary: Rect,
    pub filter: Rect,
    pub heading: Rect,
    pub rows: Rect,
    pub windows: Rect,
}

pub fn layout(size: (u16, u16), window_rows: u16) -> Layout {
    let (w, h) = size;
    let body_bottom = h.saturating_sub(1);
    let windows_y = body_bottom.saturating_sub(window_rows).max(4);
    Layout {
        summary: Rect::new(0, 1, w, 1),
        filter: Rect::new(0, 2, w, 1),
        heading: Rect::new(0, 3, w, 1),
        rows: Rect::new(0, 4, w, windows_y.saturating_sub(4)),
        windows: Rect::new(0, windows_y, w, body_bottom.saturating_sub(windows_y)),
    }
}

impl ListState {
    pub fn rows(&self, progress: &Progress, today: NaiveDate) -> Vec<usize> {
        visible(&progress.rectifications, &self.filter, self.sort, today)
    }

    /// The selected row's position in `rows`.
    pub fn position(&self, rows: &[usize], progress: &Progress) -> usize {
        self.selected
            .as_ref()
            .and_then(|id| {
                rows.iter()
                    .position(|&i| progress.rectifications.get(i).is_some_and(|r| &r.id == id))
            })
            .unwrap_or(0)
    }

    fn selected_id(&self, progress: &Progress, today: NaiveDate) -> Option<String> {
        let rows = self.rows(progress, today);
        let index = *rows.get(self.position(&rows, progress))?;
        progress.rectifications.get(index).map(|r| r.id.clone())
    }

    /// Recomputes the visible height and keeps the selection on screen.
    pub fn fit(&mut self, size: (u16, u16), progress: &Progress, today: NaiveDate) {
        let window_rows = window_count(progress);
        let parts = layout(size, u16::try_from(window_rows).unwrap_or(0));
        self.height = usize::from(parts.rows.height).max(1);
        let rows = self.rows(progress, today);
        let pos = self.position(&rows, progress);
        self.offset = self.offset.min(rows.len().saturating_sub(1));
        if pos < self.offset {
            self.offset = pos;
        }
        if pos >= self.offset + self.height {
            self.offset = pos + 1 - self.height;
        }
    }

    fn select_at(&mut self, rows: &[usize], progress: &Progress, pos: usize) {
        let pos = pos.min(rows.len().saturating_sub(1));
        self.selected = rows
            .get(pos)
            .and_then(|&i| progress.rectifications.get(i))
            .map(|r| r.id.clone());
    }

    pub fn update(
        &mut self,
        action: Action,
        progress: &Progress,
        today: NaiveDate,
        size: (u16, u16),
    ) -> Option<Ask> {
        let rows = self.rows(progress, today);
        let pos = self.position(&rows, progress);
        let page = self.height.max(2) - 1;
        let request = match action {
            Action::Up => {
                self.select_at(&rows, progress, pos.saturating_sub(1));
                None
            }
            Action::Down => {
                self.select_at(&rows, progress, pos.saturating_add(1));
                None
            }
            Action::PageUp => {
                self.select_at(&rows, progress, pos.saturating_sub(page));
                None
            }
            Action::PageDown => {
                self.select_at(&rows, progress, pos.saturating_add(page));
                None
            }
            Action::First => {
                self.select_at(&rows, progress, 0);
                None
            }
            Action::Last => {
                self.select_at(&rows, progress, usize::MAX);
                None
            }
            Action::RectSort => {
                self.sort = match self.sort {
                    Sort::Due => Sort::Severity,
                    Sort::Severity => Sort::Due,
                };
                None
            }
            Action::RectNew => Some(Ask::New),
            Action::RectFromTemplate => Some(Ask::Picker),
            Action::RectFilter => Some(Ask::Filter),
            Action::RectMine => {
                // Only the operator's items, or everyone's again.
                let me = progress.operator.trim();
                self.filter.owner = match &self.filter.owner {
                    OwnerFilter::Named(name) if name == me => OwnerFilter::All,
                    _ if me.is_empty() => OwnerFilter::All,
                    _ => OwnerFilter::Named(me.to_owned()),
                };
                self.selected = None;
                None
            }
            Action::RectWindows => Some(Ask::Windows),
            Action::RectOperator => Some(Ask::Operator),
            Action::Open => self.selected_id(progress, today).map(Ask::OpenDetail),
            Action::RectEdit => self.selected_id(progress, today).map(Ask::Edit),
            Action::RectAdvance => self.selected_id(progress, today).map(Ask::Advance),
            Action::RectReopen => self.selected_id(progress, today).map(Ask::Reopen),
            _ => None,
        };
        if self.selected.is_none() {
            self.select_at(&rows, progress, 0);
        }
        self.fit(size, progress, today);
        request
    }
}

/// "剩 5 天", "今天到期", "逾期 3 天" for an item's due date.
pub fn due_text(due: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    let days = (due - today).num_days();
    match (days, lang) {
        (0, _) => lang.t("今天到期", "due today").to_owned(),
        (n, Lang::Zh) if n < 0 => format!("逾期{}天", -n),
        (n, Lang::En) if n < 0 => format!("{}d late", -n),
        (n, Lang::Zh) => format!("剩{n}天"),
        (n, Lang::En) => format!("{n}d left"),
    }
}

pub fn short_severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Major => lang.t("严重", "Maj"),
        Severity::General => lang.t("一般", "Gen"),
        Severity::Observation => lang.t("观察", "Obs"),
    }
}

fn severity_style(severity: Severity, theme: &Theme) -> Style {
    match severity {
        Severity::Major => theme.alert,
        Severity::General => theme.text,
        Severity::Observation => theme.dim,
    }
}

struct Columns {
    title: usize,
    source: usize,
}

const ID_W: usize = 6;
const SEV_W: usize = 4;
const STATUS_W: usize = 8;
const OWNER_W: usize = 6;
const DUE_W: usize = 14;

fn columns(width: usize) -> Columns {
    let fixed = 1 + ID_W + 1 + SEV_W + 1 + STATUS_W + 1 + OWNER_W + 1 + DUE_W;
    let source = if width >= 100 { 13 } else { 0 };
    Columns {
        // The last column stays blank: a row never runs into the edge.
        title: width.saturating_sub(fixed + source + 2).max(8),
        source,
    }
}

fn row_line<'a>(
    env: &Env,
    item: &'a Rectification,
    cols: &Columns,
    selected: bool,
    theme: &Theme,
) -> Line<'a> {
    let lang = env.lang;
    let today = env.today();
    let (due, due_style) = match item.due {
        Some(d) => {
            let mut text = d.format("%m-%d").to_string();
            if item.status != St::Closed {
                text.push(' ');
                text.push_str(&due_text(d, today, lang));
            }
            let style = if is_overdue(item, today) {
                theme.alert
            } else if item.status == St::Closed {
                theme.dim
            } else {
                theme.text
            };
            (text, style)
        }
        None => ("—".to_owned(), theme.dim),
    };
    let title = if item.title.is_empty() {
        lang.t("（未填写标题）", "(no title)")
    } else {
        item.title.as_str()
    };
    let mut spans = vec![
        Span::styled(format!(" {}", fit(&item.id, ID_W)), theme.dim),
        Span::raw(" "),
        Span::raw(fit(title, cols.title)),
        Span::raw(" "),
    ];
    if cols.source > 0 {
        spans.push(Span::styled(
            fit(source_label(item.source, lang), cols.source),
            theme.dim,
        ));
    }
    spans.extend([
        Span::styled(
            fit(short_severity(item.severity, lang), SEV_W),
            severity_style(item.severity, theme),
        ),
        Span::raw(" "),
        Span::styled(
            fit(
                crate::domain::rectification::status_label(item.status, lang),
                STATUS_W,
            ),
            status_style(item.status, theme),
        ),
        Span::raw(" "),
        Span::raw(fit(&item.owner, OWNER_W)),
        Span::raw(" "),
        Span::styled(fit(&due, DUE_W), due_style),
    ]);
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected)
    } else {
        line
    }
}

pub fn render(frame: &mut Frame, env: &Env, state: &ListState, theme: &Theme) {
    let lang = env.lang;
    let size = (frame.area().width, frame.area().height);
    let today = env.today();
    let windows = window_lines(env, theme);
    let parts = layout(size, u16::try_from(windows.len()).unwrap_or(0));
    let width = usize::from(size.0);
    let items = &env.progress.rectifications;
    let s = stats(items, today);

    let operator = if env.progress.operator.is_empty() {
        lang.t("操作人：未设置（u）", "Operator: not set (u)")
            .to_owned()
    } else {
        format!(
            "{}{} ",
            lang.t("操作人：", "Operator: "),
            env.progress.operator
        )
    };
    let mut summary = vec![
        Span::styled(
            format!(
                " {} {}{}{sep}{} {}{sep}",
                lang.t("共", "Total"),
                s.total,
                lang.t(" 项", ""),
                lang.t("未关闭", "open"),
                s.open,
                sep = lang.t("，", ", "),
            ),
            theme.title,
        ),
        Span::styled(
            format!("{} {}", lang.t("逾期", "overdue"), s.overdue),
            if s.overdue > 0 {
                theme.alert
            } else {
                theme.title
            },
        ),
        Span::styled(
            format!(
                "{}{} {}",
                lang.t("，", ", "),
                lang.t("本周到期", "due this week"),
                s.due_this_week
            ),
            theme.title,
        ),
    ];
    let used: usize = summary.iter().map(|sp| sp.content.width()).sum();
    let pad = width.saturating_sub(used + operator.width());
    summary.push(Span::raw(" ".repeat(pad)));
    summary.push(Span::styled(operator, theme.dim));
    frame.render_widget(Paragraph::new(Line::from(summary)), parts.summary);

    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&filter_summary(state, lang), width),
            theme.dim,
        ))),
        parts.filter,
    );

    let cols = columns(width);
    let mut heading = format!(
        " {} {} ",
        fit(lang.t("编号", "ID"), ID_W),
        fit(lang.t("标题", "Title"), cols.title)
    );
    if cols.source > 0 {
        heading.push_str(&fit(lang.t("来源", "Source"), cols.source));
    }
    heading.push_str(&format!(
        "{} {} {} {}",
        fit(lang.t("程度", "Sev."), SEV_W),
        fit(lang.t("状态", "Status"), STATUS_W),
        fit(lang.t("负责人", "Owner"), OWNER_W),
        lang.t("截止", "Due")
    ));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(&heading, width), theme.label))),
        parts.heading,
    );

    let rows = state.rows(env.progress, today);
    let pos = state.position(&rows, env.progress);
    let lines: Vec<Line> = if rows.is_empty() {
        empty_lines(env, state, theme)
    } else {
        rows.iter()
            .enumerate()
            .skip(state.offset)
            .take(usize::from(parts.rows.height))
            .filter_map(|(p, &i)| {
                items
                    .get(i)
                    .map(|item| row_line(env, item, &cols, p == pos, theme))
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(crate::widgets::wrap::wrap_lines(&lines, parts.rows.width)),
        parts.rows,
    );
    frame.render_widget(Paragraph::new(windows), parts.windows);
}

fn empty_lines<'a>(env: &Env, state: &ListState, theme: &Theme) -> Vec<Line<'a>> {
    let lang = env.lang;
    if env.progress.rectifications.is_empty() {
        let n = env.content.templates.len();
        let lines = [
            lang.t(" 还没有整改项。", " No rectification items yet.")
                .to_owned(),
            match lang {
                Lang::Zh => {
                    format!(" · 按 t 从 {n} 条典型问题模板中选一条（原因、措施和期限已预填）")
                }
                Lang::En => {
                    format!(" · t picks one of {n} templates (cause, action, due filled in)")
                }
            },
            lang.t(" · 按 a 新建空白整改项", " · a adds a blank item")
                .to_owned(),
            lang.t(
                " · 在阶段清单里选中事项按 r，把它转为整改项",
                " · r on a checklist item turns it into one",
            )
            .to_owned(),
        ];
        lines
            .into_iter()
            .map(|text| Line::from(Span::styled(text, theme.dim)))
            .collect()
    } else if !state.filter.is_default() {
        vec![Line::from(Span::styled(
            lang.t(
                " 没有符合筛选条件的整改项。按 f 修改筛选条件。",
                " Nothing matches the filter. Press f to change it.",
            ),
            theme.dim,
        ))]
    } else {
        Vec::new()
    }
}
