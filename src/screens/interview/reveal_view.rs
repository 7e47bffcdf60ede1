//! The reveal's body: the key points marked ✓/✗ (or ticked by hand for an answer given
//! aloud), the answer as typed, the reference answer, the trap and the likely follow-ups; and
//! the grade line saying when each grade brings the question back.

use chrono::NaiveDateTime;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::session::{RevealState, Session};
use crate::content::Question;
use crate::domain::keypoints::PointJudgement;
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
        let judged = reveal.judgement.as_ref().and_then(|j| j.points.get(i));
        let label = judged.map_or(point.point.as_str(), |p| p.point.as_str());
        let mut line = Line::from(vec![
            Span::raw(format!("{cursor} ")),
            Span::styled(format!("{mark} "), style),
            Span::raw(label.to_owned()),
        ]);
        if let Some(p) = judged {
            line.spans.push(why(p, theme, lang));
        }
        if i == reveal.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    if let Some(j) = reveal.judgement.as_ref().filter(|j| j.flagged()) {
        let (head, style) = if reveal.flag_overridden {
            (
                lang.t(
                    "【陷阱·已改判】认定没有落入陷阱，按自评计（记录注明改判；f 撤销）",
                    "[Trap · overruled] not counted as a trap, the grade counts (f undoes)",
                ),
                theme.dim,
            )
        } else {
            (
                lang.t(
                    "【落入陷阱】这份回答不算答好，无论自评几分（误判可按 f 改判）",
                    "[Trap] does not count as good, whatever the grade (f overrules)",
                ),
                theme.alert,
            )
        };
        lines.push(Line::from(Span::styled(head, style)));
        for f in &j.flags {
            let words: Vec<String> = f.matched.iter().map(|m| format!("「{m}」")).collect();
            lines.push(Line::from(Span::styled(
                format!("{} {} {}", theme.sym("⚠", "!"), f.reason, words.join("")),
                style,
            )));
        }
    }
    if !reveal.answer.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(
                "【你的回答】（答到要点的字高亮，落入陷阱的字标红）",
                "[Your answer] (words that met a point highlighted, trap words in red)",
            ),
            theme.label,
        )));
        lines.extend(highlighted_answer(reveal, theme));
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

/// Why a key point was or was not met: the words that met it, or that its words were
/// negated, or that they are missing.
fn why(p: &PointJudgement, theme: &Theme, lang: Lang) -> Span<'static> {
    if p.hit {
        let words: Vec<String> = p.matched.iter().map(|m| format!("「{m}」")).collect();
        Span::styled(format!("  {}", words.join("")), theme.good)
    } else if p.negated {
        Span::styled(
            format!(
                "  {}",
                lang.t("（提到了，但被否定或说反了）", "(mentioned, but negated)")
            ),
            theme.alert,
        )
    } else {
        Span::styled(
            format!("  {}", lang.t("（没答到）", "(missing)")),
            theme.dim,
        )
    }
}

/// The typed answer, line by line, with the words that met key points highlighted and the
/// words that fell into a trap in red.
fn highlighted_answer(reveal: &RevealState, theme: &Theme) -> Vec<Line<'static>> {
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    if let Some(j) = &reveal.judgement {
        for p in j.points.iter().filter(|p| p.hit) {
            marks.extend(p.ranges.iter().map(|r| (r.clone(), theme.good)));
        }
        for f in &j.flags {
            marks.extend(f.ranges.iter().map(|r| (r.clone(), theme.alert)));
        }
    }
    let style_at = |byte: usize| {
        // A trap mark wins over a key-point mark on the same words.
        marks
            .iter()
            .rev()
            .find(|(r, _)| r.contains(&byte))
            .map_or(theme.dim, |(_, s)| *s)
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for line in reveal.answer.split('\n') {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run = String::new();
        let mut run_style = None;
        for (i, c) in line.char_indices() {
            let style = style_at(offset + i);
            if run_style.is_some_and(|s| s != style) {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    run_style.unwrap_or(style),
                ));
            }
            run_style = Some(style);
            run.push(c);
        }
        if let Some(style) = run_style {
            spans.push(Span::styled(run, style));
        }
        out.push(Line::from(spans));
        offset += line.len() + 1;
    }
    out
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
    let pending = match &session.phase {
        super::session::Phase::Reveal(r) => r.pending,
        _ => None,
    };
    let mut spans = Vec::new();
    if pending.is_some() {
        spans.push(Span::styled(
            lang.t(" 未记分 Enter", " not graded Enter"),
            theme.alert,
        ));
    }
    for rating in Rating::ALL {
        let next = schedule::next(&record, rating, env.now);
        let key = if pending == Some(rating.grade()) {
            theme.selected
        } else {
            theme.label
        };
        spans.push(Span::styled(format!(" {}", rating.grade()), key));
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
