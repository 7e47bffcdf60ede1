//! Draws the stats: a table of people (accuracy, key-point coverage with a bar, time per
//! answer, due, readiness), then for the selected person a sparkline of recent coverage, a bar
//! per topic, and the key points their latest answers still miss.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::report::clock;
use super::view::{right, roles_text};
use crate::domain::interview_stats::{
    Readiness, Tally, missed_points, person_tally, recent_coverage, topic_tallies,
};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::truncate::fit;

const SPARK: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const SPARK_ASCII: [&str; 8] = ["_", ".", ":", "-", "=", "+", "*", "#"];

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

fn seconds(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |s| clock(s.round() as u32))
}

fn sparkline(values: &[u64], theme: &Theme) -> String {
    let set = if theme.ascii { SPARK_ASCII } else { SPARK };
    values
        .iter()
        .map(|v| set[((*v).min(100) as usize * 7) / 100])
        .collect()
}

fn bar_spans(tally: &Tally, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let (full, empty) = theme.bar(tally.coverage.unwrap_or(0.0), width);
    let style = match tally.coverage {
        Some(c) if c >= 0.8 => theme.good,
        Some(_) => theme.busy,
        None => theme.dim,
    };
    vec![Span::styled(full, style), Span::styled(empty, theme.dim)]
}

pub fn render(frame: &mut Frame, env: &Env, selected: usize, scroll: u16, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let bank = &env.content.interview;
    let people = env.progress.roster_people();
    let body_h = area.height.saturating_sub(2);
    let table_h = (people.len() as u16 + 2).clamp(3, (body_h / 2).max(3));
    let table = Rect::new(0, 1, area.width, table_h);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            lang.t(" 统计 · 人员 ", " Stats · people "),
            theme.title,
        ));
    let inner = block.inner(table);
    frame.render_widget(block, table);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {}{}{}{}  {}{}{}  {}",
            fit(lang.t("姓名", "name"), 10),
            right(lang.t("已练", "done"), 7),
            right(lang.t("正确率", "right"), 8),
            right(lang.t("要点覆盖", "coverage"), 9),
            fit("", 10),
            right(lang.t("平均用时", "avg time"), 9),
            right(lang.t("到期", "due"), 5),
            lang.t("状态", "status"),
        ),
        theme.dim,
    ))];
    if people.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("  名单为空：回到上一屏按 a 添加人员", "  No people yet"),
            theme.dim,
        )));
    }
    let rows = usize::from(inner.height.saturating_sub(1));
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    for (i, person) in people.iter().enumerate().skip(offset).take(rows) {
        let tally = person_tally(
            bank,
            person,
            env.progress.reviews.get(&person.name),
            env.now,
        );
        let ready = Readiness::of(&tally);
        let mut spans = vec![
            Span::raw(if i == selected {
                format!("{} ", theme.sym("▶", ">"))
            } else {
                "  ".to_owned()
            }),
            Span::raw(fit(&person.name, 10)),
            Span::raw(right(&format!("{}/{}", tally.answered, tally.questions), 7)),
            Span::raw(right(&percent(tally.accuracy), 8)),
            Span::raw(right(&percent(tally.coverage), 9)),
            Span::raw("  "),
        ];
        spans.extend(bar_spans(&tally, 10, theme));
        spans.push(Span::raw(right(&seconds(tally.avg_seconds), 9)));
        spans.push(Span::raw(right(&tally.due.to_string(), 5)));
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            ready.label(lang),
            if ready == Readiness::Ready {
                theme.good
            } else {
                theme.busy
            },
        ));
        let mut line = Line::from(spans);
        if i == selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let Some(person) = people.get(selected) else {
        return;
    };
    let reviews = env.progress.reviews.get(&person.name);
    let detail = Rect::new(0, 1 + table_h, area.width, body_h.saturating_sub(table_h));
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(
                " {} · {} · {} ",
                person.name,
                roles_text(env, &person.roles),
                lang.t("各话题（PgDn 下翻）", "by topic (PgDn)")
            ),
            theme.title,
        ));
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let recent = recent_coverage(bank, reviews, usize::from(area.width.saturating_sub(30)));
    let mut lines = vec![Line::from(vec![
        Span::styled(
            lang.t(" 最近答题要点覆盖 ", " Recent coverage "),
            theme.label,
        ),
        Span::styled(
            if recent.is_empty() {
                lang.t(
                    "（还没有打字或勾选过要点的回答）",
                    "(no checked answers yet)",
                )
                .to_owned()
            } else {
                sparkline(&recent, theme)
            },
            theme.good,
        ),
    ])];
    for (title, tally) in topic_tallies(bank, person, reviews, env.now) {
        if tally.questions == 0 {
            continue;
        }
        let mut spans = vec![Span::raw(format!(" {} ", fit(&title, 23)))];
        spans.extend(bar_spans(&tally, 12, theme));
        spans.push(Span::raw(format!(
            " {:>4} {} {}/{} {} {} {} {}",
            percent(tally.coverage),
            lang.t("已练", "done"),
            tally.answered,
            tally.questions,
            lang.t("正确", "right"),
            percent(tally.accuracy),
            lang.t("到期", "due"),
            tally.due
        )));
        lines.push(Line::from(spans));
    }
    let missed = missed_points(bank, reviews);
    if !missed.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                " {} {} {}",
                lang.t("最近一次仍漏掉的要点", "Key points still missed:"),
                missed.len(),
                lang.t("条", "")
            ),
            theme.label,
        )));
        for (q, p) in missed {
            let Some(question) = bank.questions.get(q) else {
                continue;
            };
            if let Some(point) = question.key_points.get(p) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {} ", theme.sym("✗", "x")), theme.alert),
                    Span::raw(point.point.clone()),
                    Span::styled(format!("  {}", question.id), theme.dim),
                ]));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
