//! The reveal's body: the key points marked ✓/✗ (or ticked by hand for an answer given
//! aloud), the answer as typed, the reference answer, the trap and the likely follow-ups; and
//! the grade line saying when each grade brings the question back.

use chrono::NaiveDateTime;
use ratatui::text::{Line, Span};

use super::session::{RevealState, Session};
use crate::content::Question;
use crate::domain::schedule::{self, Rating};
use crate::i18n::Lang;
use crate::screens::Env;
use crate::theme::Theme;

pub fn reveal_lines<'a>(
    q: &'a Question,
    reveal: &RevealState,
    theme: &Theme,
    lang: Lang,
) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(q.question.as_str(), theme.title))];
    let hit = reveal.covered.iter().filter(|c| **c).count();
    let head = if reveal.aloud {
        format!(
            "{} {hit}/{} {}",
            lang.t(
                "【要点】口头作答，勾选答到的：",
                "[Key points] answered aloud, tick those said:"
            ),
            reveal.covered.len(),
            lang.t("（↑↓ 选择 · 空格勾选）", "(↑↓ select · Space tick)")
        )
    } else {
        let how = if reveal.touched {
            lang.t("（已手动改判）", "(changed by hand)")
        } else {
            lang.t(
                "（按你的回答自动判定；↑↓ 选择 · 空格改判）",
                "(matched; ↑↓ · Space to correct)",
            )
        };
        format!(
            "{} {hit}/{} {how}",
            lang.t("【要点】覆盖", "[Key points] covered"),
            reveal.covered.len()
        )
    };
    lines.push(Line::from(Span::styled(head, theme.label)));
    for (i, (point, covered)) in q.key_points.iter().zip(&reveal.covered).enumerate() {
        let (mark, style) = if *covered {
            (theme.sym("✓", "+"), theme.good)
        } else if reveal.aloud && !reveal.touched {
            (theme.sym("·", "."), theme.dim)
        } else {
            (theme.sym("✗", "x"), theme.alert)
        };
        let cursor = if i == reveal.cursor {
            theme.sym("▶", ">")
        } else {
            " "
        };
        let mut line = Line::from(vec![
            Span::raw(format!("{cursor} ")),
            Span::styled(format!("{mark} "), style),
            Span::raw(point.point.as_str()),
        ]);
        if i == reveal.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    if !reveal.answer.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("【你的回答】", "[Your answer]"),
            theme.label,
        )));
        for l in reveal.answer.lines() {
            lines.push(Line::from(Span::styled(l.to_owned(), theme.dim)));
        }
    }
    lines.push(Line::from(Span::styled(
        lang.t("【参考答案】", "[Reference answer]"),
        theme.label,
    )));
    for p in crate::content::paragraphs(&q.answer) {
        lines.push(Line::from(p));
    }
    if let Some(trap) = &q.trap {
        lines.push(Line::from(Span::styled(
            lang.t("【别这样答】", "[The trap]"),
            theme.label,
        )));
        for p in crate::content::paragraphs(trap) {
            lines.push(Line::from(Span::styled(p, theme.alert)));
        }
    }
    if !q.follow_ups.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t("【审核员可能追问】", "[Likely follow-ups]"),
            theme.label,
        )));
        for f in &q.follow_ups {
            lines.push(Line::from(format!("{} {f}", theme.sym("·", "-"))));
        }
    }
    lines
}

/// How long until the question comes back, for each grade.
pub fn grade_line(
    env: &Env,
    session: &Session,
    q: &Question,
    theme: &Theme,
    lang: Lang,
) -> Line<'static> {
    let record = session
        .step()
        .and_then(|s| env.progress.reviews.get(&s.person))
        .and_then(|m| m.get(&q.id.value))
        .cloned()
        .unwrap_or_default();
    let mut spans = Vec::new();
    for rating in Rating::ALL {
        let next = schedule::next(&record, rating, env.now);
        spans.push(Span::styled(format!(" {}", rating.grade()), theme.label));
        spans.push(Span::raw(format!(" {}", rating.label(lang))));
        spans.push(Span::styled(
            format!(" {} ", until(env.now, next.due, lang)),
            theme.dim,
        ));
    }
    Line::from(spans)
}

fn until(now: NaiveDateTime, due: NaiveDateTime, lang: Lang) -> String {
    let minutes = (due - now).num_minutes().max(0);
    if minutes < 60 {
        format!("{minutes}{}", lang.t("分钟后", "m"))
    } else if minutes < 24 * 60 {
        format!("{}{}", minutes / 60, lang.t("小时后", "h"))
    } else {
        format!("{}{}", minutes / (24 * 60), lang.t("天后", "d"))
    }
}
