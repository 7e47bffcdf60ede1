//! The 自评分 view: criteria with their chosen levels on the left; total, grade, category
//! bars, trend and the ranked gap on the right. Also the dashboard's score lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{ScoreState, criteria};
use crate::domain::score::{self, Grade, level_of};
use crate::i18n::Lang;
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::truncate::truncate;
use crate::widgets::wrap::wrap_lines;

/// Cuts `text` to `width` display columns, with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    truncate(text, width).into_owned()
}

/// Pads `text` with spaces to `width` display columns (cut with "…" when longer).
pub fn pad(text: &str, width: usize) -> String {
    crate::widgets::truncate::fit(text, width)
}

/// A sparkline of `values` (0–100), one cell each, the last `width` of them.
pub fn sparkline(values: &[f64], width: usize, ascii: bool) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const PLAIN: [char; 8] = ['_', '.', '-', '-', '=', '=', '#', '#'];
    let set = if ascii { PLAIN } else { BARS };
    let skip = values.len().saturating_sub(width);
    values
        .iter()
        .skip(skip)
        .map(|v| {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "a float `as` an integer saturates; the value is rounded and bounded first"
            )]
            let i = ((v.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize;
            set[i.min(7)]
        })
        .collect()
}

pub fn grade_style(grade: Grade, theme: &Theme) -> Style {
    match grade {
        Grade::A | Grade::B => theme.good,
        Grade::NotYet => theme.alert,
    }
}

/// The tab line shared by both views.
pub fn tabs<'a>(lang: Lang, score_view: bool, theme: &Theme) -> Line<'a> {
    let (a, b) = if score_view {
        (theme.selected, theme.dim)
    } else {
        (theme.dim, theme.selected)
    };
    Line::from(vec![
        Span::raw(" "),
        Span::styled(lang.t(" 自评分 ", " Score "), a),
        Span::raw(" "),
        Span::styled(lang.t(" 时间线 ", " Timeline "), b),
        Span::styled("  Tab", theme.dim),
    ])
}

pub fn render(frame: &mut Frame, env: &Env, state: &ScoreState, theme: &Theme) {
    let full = frame.area();
    let body = Rect::new(0, 1, full.width, full.height.saturating_sub(2));
    let lang = env.lang;
    let scoring = &env.content.scoring;
    let levels = &env.progress.score_levels;
    let result = score::score(scoring, levels);
    let note = scoring.note.lines().next().unwrap_or_default();
    // The estimate note shares the tab line so the whole criteria list fits in 24 rows.
    let mut top = tabs(lang, true, theme);
    let used = top.width();
    top.spans.push(Span::styled(
        format!(
            "  {}{}",
            theme.sym("⚠ ", "! "),
            fit(note, usize::from(full.width).saturating_sub(used + 5))
        ),
        theme.busy,
    ));
    frame.render_widget(Paragraph::new(top), Rect::new(0, body.y, body.width, 1));
    let rest = Rect::new(0, body.y + 1, body.width, body.height.saturating_sub(1));
    let left_w = (rest.width * 11 / 20).max(30).min(rest.width);
    let left = Rect::new(0, rest.y, left_w, rest.height);
    let right = Rect::new(
        left_w,
        rest.y,
        rest.width.saturating_sub(left_w),
        rest.height,
    );
    render_criteria(frame, env, state, left, theme);
    render_summary(frame, env, &result, right, theme);
}

fn render_criteria(frame: &mut Frame, env: &Env, state: &ScoreState, area: Rect, theme: &Theme) {
    let scoring = &env.content.scoring;
    let levels = &env.progress.score_levels;
    let width = usize::from(area.width).saturating_sub(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    let mut index = 0;
    for cat in &scoring.categories {
        let cat_score = score::category_score(cat, levels);
        lines.push(Line::from(vec![
            Span::styled(format!(" {}", cat.title), theme.section),
            Span::styled(format!(" {:.1}/{}", cat_score, cat.weight), theme.dim),
        ]));
        for c in &cat.criteria {
            let level = level_of(c, levels);
            let marker = if index == state.selected {
                selected_row = lines.len();
                theme.sym("›", ">")
            } else {
                " "
            };
            let dots: String = (0..c.levels.len())
                .map(|i| {
                    if i <= level && level > 0 {
                        theme.sym("●", "*")
                    } else {
                        theme.sym("○", "o")
                    }
                })
                .collect();
            let name_w = width.saturating_sub(4 + 14);
            let value = c.levels.get(level).map_or(0.0, |l| l.value);
            let most = f64::from(c.points) * f64::from(cat.weight) / 100.0;
            let most = format!("{most:.1}");
            let most = most.strip_suffix(".0").unwrap_or(&most);
            let text = format!(
                "{marker} {} {:>4} {:>4.1}/{most:<4}",
                pad(&c.title, name_w),
                dots,
                f64::from(c.points) * value / 100.0 * f64::from(cat.weight),
            );
            let style = if index == state.selected {
                theme.selected
            } else {
                theme.text
            };
            lines.push(Line::from(Span::styled(fit(&text, width), style)));
            index += 1;
        }
    }
    // The chosen level of the selected criterion, under the list.
    let mut detail: Vec<Line> = Vec::new();
    if let Some(c) = criteria(scoring).get(state.selected) {
        let level = level_of(c, levels);
        if let Some(l) = c.levels.get(level) {
            detail.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {}{}/{} ",
                        env.lang.t("档位 ", "level "),
                        level + 1,
                        c.levels.len()
                    ),
                    theme.label,
                ),
                Span::raw(l.label.clone()),
            ]));
        }
        detail.push(Line::from(Span::styled(
            format!(" {}", c.how.trim()),
            theme.dim,
        )));
    }
    let detail = wrap_lines(&detail, area.width.saturating_sub(1));
    let list_rows = usize::from(area.height).saturating_sub(detail.len().min(3) + 1);
    let skip = selected_row.saturating_sub(list_rows.saturating_sub(1));
    let mut shown: Vec<Line> = lines.into_iter().skip(skip).take(list_rows).collect();
    shown.push(Line::from(""));
    let room = usize::from(area.height).saturating_sub(shown.len());
    shown.extend(detail.into_iter().take(room));
    frame.render_widget(Paragraph::new(shown), area);
}

fn render_summary(
    frame: &mut Frame,
    env: &Env,
    result: &score::ScoreResult,
    area: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_set(theme.border)
        .border_style(theme.dim);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(lang.t(" 估算总分 ", " Estimate "), theme.label),
            Span::styled(format!("{:.1}", result.total), theme.title),
            Span::styled(" / 100", theme.dim),
        ]),
        Line::from(vec![
            Span::styled(lang.t(" 可申请 ", " Allows "), theme.label),
            Span::styled(result.grade.label(lang), grade_style(result.grade, theme)),
        ]),
        Line::from(Span::styled(
            lang.t(" 80分乙级，90分甲级", " Grade B 80+, A 90+"),
            theme.dim,
        )),
    ];
    let label_w = 13;
    let bar_w = width.saturating_sub(label_w + 10).max(4);
    for cat in &result.categories {
        let (full, empty) = theme.bar(cat.ratio(), bar_w);
        lines.push(Line::from(vec![
            Span::raw(format!(" {}", pad(&cat.title, label_w - 1))),
            Span::styled(full, theme.good),
            Span::styled(empty, theme.dim),
            Span::raw(format!(" {:>4.1}", cat.score)),
        ]));
    }
    let trend = score::trend(&env.content.scoring, &env.progress.assessments);
    let trend_line = match (trend.first(), trend.last()) {
        (Some(_), Some(last)) => Line::from(vec![
            Span::styled(lang.t(" 趋势 ", " Trend "), theme.label),
            Span::styled(
                sparkline(&trend, width.saturating_sub(18).max(4), theme.ascii),
                theme.good,
            ),
            Span::styled(
                format!(" {} {:.1}", lang.t("上次", "last"), last),
                theme.dim,
            ),
        ]),
        _ => Line::from(Span::styled(
            lang.t(
                " 趋势：按 S 保存第一个快照",
                " Trend: press S to save a snapshot",
            ),
            theme.dim,
        )),
    };
    lines.push(trend_line);
    lines.push(Line::from(Span::styled(
        lang.t(" 提升最快的项", " Quickest gains"),
        theme.section,
    )));
    let gap = score::gap(&env.content.scoring, &env.progress.score_levels);
    let room = usize::from(inner.height).saturating_sub(lines.len());
    if gap.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(" 各项均已到最高档", " Every criterion is at its top level"),
            theme.good,
        )));
    }
    for step in gap.iter().take(room) {
        let effort = theme
            .sym("◆", "*")
            .repeat(usize::from(step.effort.clamp(1, 3)));
        let head = format!(" +{:<4.1}", step.gain);
        let tail = format!(" {effort}");
        let name_w = width.saturating_sub(head.width() + tail.width() + 1);
        lines.push(Line::from(vec![
            Span::styled(head, theme.good),
            Span::raw(pad(&step.title, name_w)),
            Span::styled(tail, theme.dim),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Two lines for the dashboard: the estimate and grade, then the trend and the projected
/// certificate, or how to begin. At most 30 columns each (the panel's width at 80 columns).
pub fn dashboard_lines<'a>(env: &Env, theme: &Theme) -> Vec<Line<'a>> {
    let lang = env.lang;
    let result = score::score(&env.content.scoring, &env.progress.score_levels);
    if env.progress.score_levels.is_empty() && env.progress.assessments.is_empty() {
        return vec![
            Line::from(vec![
                Span::styled(lang.t("自评分", "Self-score"), theme.label),
                Span::styled(
                    lang.t(" 尚未自评，按 6 开始", " not rated, press 6"),
                    theme.dim,
                ),
            ]),
            Line::from(lang.t(
                " 指南口径：80分乙级，90分甲级",
                " Guide: Grade B 80+, A 90+",
            )),
        ];
    }
    let grade = match result.grade {
        Grade::NotYet => lang.t("未达 80", "below 80"),
        other => other.label(lang),
    };
    let mut second: Vec<Span> = Vec::new();
    let trend = score::trend(&env.content.scoring, &env.progress.assessments);
    if !trend.is_empty() {
        second.push(Span::styled(lang.t(" 趋势 ", " trend "), theme.dim));
        second.push(Span::styled(sparkline(&trend, 6, theme.ascii), theme.good));
    }
    let t = &env.progress.timeline;
    if t.start.is_some() || t.certificate.is_some() {
        let plan = crate::domain::timeline::plan(&env.content.phases, t, env.today());
        let label = if plan.certificate_actual {
            lang.t(" 已取证 ", " certified ")
        } else {
            lang.t(" 取证 ", " cert. ")
        };
        second.push(Span::styled(label, theme.dim));
        second.push(Span::raw(plan.certificate.latest.to_string()));
    }
    if second.is_empty() {
        second.push(Span::styled(
            lang.t(" 尚无快照（按 6 再按 S）", " no snapshot yet (6, then S)"),
            theme.dim,
        ));
    }
    vec![
        Line::from(vec![
            Span::styled(lang.t("自评分", "Self-score"), theme.label),
            Span::raw(format!(" {:.1} ", result.total)),
            Span::styled(grade, grade_style(result.grade, theme)),
            Span::styled(lang.t("（估算）", " (est.)"), theme.dim),
        ]),
        Line::from(second),
    ]
}
