//! Draws a session: the next interviewee, the question with its running timer and answer box,
//! the reveal (reference answer, key points marked ✓/✗, trap, follow-ups), and the follow-up.
//!
//! The timer sits alone at the right end of the first body line, so a tick changes only its
//! cells.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::report::{clock, role_title};
use super::reveal_view::{grade_line, reveal_lines};
use super::session::{Phase, Session, SessionKind};
use crate::content::{Content, Question};
use crate::domain::schedule::{Rating, changed_since_review};
use crate::i18n::Lang;
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::wrap::{wrap_lines, wrap_text};

/// The text asked at the current step: the question, or the follow-up.
fn asked_text<'c>(session: &Session, content: &'c Content) -> &'c str {
    let Some(step) = session.step() else {
        return "";
    };
    let Some(q) = content.interview.questions.get(step.question) else {
        return "";
    };
    match &session.phase {
        Phase::FollowUp { .. } | Phase::Judge { .. } => step
            .follow_up
            .and_then(|f| q.follow_ups.get(f))
            .map_or("", String::as_str),
        _ => &q.question,
    }
}

/// The inside of the answer box on a terminal of `size`.
pub fn answer_area(session: &Session, content: &Content, size: (u16, u16)) -> Rect {
    let (w, h) = size;
    let text_rows = wrap_text(
        asked_text(session, content),
        usize::from(w.saturating_sub(2)),
    );
    let top = (crate::widgets::cells(text_rows.len()).saturating_add(4)).min(h.saturating_sub(5));
    let bottom = h.saturating_sub(1);
    let outer = Rect::new(0, top, w, bottom.saturating_sub(top));
    Rect::new(
        outer.x + 1,
        outer.y + 1,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    )
}

fn status_line(
    env: &Env,
    session: &Session,
    theme: &Theme,
    width: u16,
    timer: Option<String>,
) -> Line<'static> {
    let lang = env.lang;
    let Some(step) = session.step() else {
        return Line::default();
    };
    let roles = env
        .progress
        .people
        .iter()
        .find(|p| p.name == step.person)
        .map(|p| {
            p.roles
                .iter()
                .map(|r| role_title(env.content, r))
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let who = if roles.is_empty() {
        step.person.clone()
    } else {
        format!("{}（{roles}）", step.person)
    };
    let left = format!(
        " {} · {who} · {} {}/{} {}",
        session.kind.title(lang),
        lang.t("第", "Q"),
        session.index + 1,
        session.steps.len(),
        lang.t("题", "")
    );
    let right = timer.unwrap_or_default();
    let pad = usize::from(width).saturating_sub(left.width() + right.width());
    Line::from(vec![
        Span::styled(left, theme.label),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.busy),
    ])
}

fn timer_text(lang: Lang, seconds: u32, running: bool) -> String {
    if running {
        format!("{} {} ", lang.t("用时", "time"), clock(seconds))
    } else {
        format!(
            "{} {}{} ",
            lang.t("用时", "time"),
            clock(seconds),
            lang.t("（已停）", " (stopped)")
        )
    }
}

fn rule(text: String, width: u16, theme: &Theme) -> Line<'static> {
    let dash = theme.sym("─", "-");
    let head = format!("{dash}{dash} {text} ");
    let fill = usize::from(width).saturating_sub(head.width());
    Line::from(Span::styled(
        format!("{head}{}", dash.repeat(fill)),
        theme.dim,
    ))
}

fn question_rule(
    env: &Env,
    session: &Session,
    q: &Question,
    theme: &Theme,
    width: u16,
) -> Line<'static> {
    let lang = env.lang;
    let topic = env
        .content
        .interview
        .topics
        .iter()
        .find(|t| *t.id == *q.topic)
        .map(|t| t.title.as_str())
        .unwrap_or("");
    let mut text = format!(
        "{topic} · {}{} · {}",
        lang.t("难度", "level "),
        q.difficulty,
        q.id
    );
    let record = session
        .step()
        .and_then(|s| env.progress.reviews.get(&s.person))
        .and_then(|m| m.get(&q.id.value));
    if let Some(record) = record {
        if changed_since_review(record, q) {
            text.push_str(lang.t(" · 题目已修改", " · question changed"));
        }
        if let Some(last) = record.history.last() {
            let rating = Rating::from_grade(last.grade).unwrap_or(Rating::Again);
            text.push_str(&format!(
                " · {}{} {}",
                lang.t("上次", "last "),
                last.at.format("%m-%d"),
                rating.label(lang)
            ));
        }
    }
    rule(text, width, theme)
}

pub fn render(frame: &mut Frame, env: &Env, session: &Session, theme: &Theme) {
    let area = frame.area();
    let lang = env.lang;
    let Some(step) = session.step() else {
        return;
    };
    let Some(q) = env.content.interview.questions.get(step.question) else {
        return;
    };
    let width = area.width;
    let body_h = area.height.saturating_sub(2);
    match &session.phase {
        Phase::Intro => render_intro(frame, env, session, theme),
        Phase::Asking { .. } | Phase::FollowUp { .. } => {
            let seconds = session.timer(env.mono_ms).unwrap_or(0);
            let status = status_line(
                env,
                session,
                theme,
                width,
                Some(timer_text(lang, seconds, true)),
            );
            frame.render_widget(Paragraph::new(status), Rect::new(0, 1, width, 1));
            let follow = matches!(session.phase, Phase::FollowUp { .. });
            let head = if follow {
                rule(
                    lang.t("审核员追问", "The inspector follows up").to_owned(),
                    width,
                    theme,
                )
            } else {
                question_rule(env, session, q, theme, width)
            };
            frame.render_widget(Paragraph::new(head), Rect::new(0, 2, width, 1));
            let text = asked_text(session, env.content);
            let rows: Vec<Line> = wrap_text(text, usize::from(width.saturating_sub(2)))
                .into_iter()
                .map(|r| Line::from(Span::styled(format!(" {r}"), theme.title)))
                .collect();
            let inner = answer_area(session, env.content, (width, area.height));
            let text_h = inner
                .y
                .saturating_sub(4)
                .min(crate::widgets::cells(rows.len()));
            frame.render_widget(Paragraph::new(rows), Rect::new(0, 3, width, text_h));
            render_answer_box(frame, session, inner, theme, lang);
        }
        Phase::Reveal(reveal) => {
            let status = status_line(
                env,
                session,
                theme,
                width,
                Some(timer_text(lang, reveal.seconds, false)),
            );
            frame.render_widget(Paragraph::new(status), Rect::new(0, 1, width, 1));
            frame.render_widget(
                Paragraph::new(question_rule(env, session, q, theme, width)),
                Rect::new(0, 2, width, 1),
            );
            let lines = reveal_lines(q, reveal, theme, lang);
            let h = body_h.saturating_sub(3);
            frame.render_widget(
                Paragraph::new(wrap_lines(&lines, width)).scroll((reveal.scroll, 0)),
                Rect::new(0, 3, width, h),
            );
            let grades = grade_line(env, session, q, theme, lang);
            frame.render_widget(
                Paragraph::new(grades),
                Rect::new(0, 1 + body_h.saturating_sub(1), width, 1),
            );
        }
        Phase::Judge { seconds, answer } => {
            let status = status_line(
                env,
                session,
                theme,
                width,
                Some(timer_text(lang, *seconds, false)),
            );
            frame.render_widget(Paragraph::new(status), Rect::new(0, 1, width, 1));
            let mut lines = vec![
                rule(lang.t("审核员追问", "Follow-up").to_owned(), width, theme),
                Line::from(Span::styled(
                    asked_text(session, env.content).to_owned(),
                    theme.title,
                )),
                Line::default(),
            ];
            if answer.is_empty() {
                lines.push(Line::from(Span::styled(
                    lang.t("（口头回答）", "(answered aloud)"),
                    theme.dim,
                )));
            } else {
                lines.push(Line::from(Span::styled(
                    lang.t("回答：", "Answer: "),
                    theme.label,
                )));
                lines.extend(answer.lines().map(|l| Line::from(l.to_owned())));
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                lang.t(
                    "追问没有标准答案：由审核员（主持人）判断是否答到点上，答得含糊就算没答上。",
                    "Follow-ups have no reference answer: the inspector judges.",
                ),
                theme.dim,
            )));
            lines.push(Line::from(vec![
                Span::styled(lang.t("答上了吗？ ", "Answered? "), theme.label),
                Span::raw(lang.t("y 答上了 · n 没答上", "y yes · n no")),
            ]));
            frame.render_widget(
                Paragraph::new(wrap_lines(&lines, width)),
                Rect::new(0, 2, width, body_h.saturating_sub(1)),
            );
        }
    }
}

fn render_answer_box(frame: &mut Frame, session: &Session, inner: Rect, theme: &Theme, lang: Lang) {
    let (Phase::Asking { input, typing, .. } | Phase::FollowUp { input, typing, .. }) =
        &session.phase
    else {
        return;
    };
    let outer = Rect::new(
        inner.x.saturating_sub(1),
        inner.y.saturating_sub(1),
        inner.width.saturating_add(2),
        inner.height.saturating_add(2),
    );
    let title = if matches!(session.phase, Phase::Asking { .. }) {
        lang.t(
            " 你的回答（输入即保存）",
            " Your answer (saved as you type)",
        )
    } else {
        lang.t(" 回答追问 ", " Answer the follow-up ")
    };
    let hint = crate::keymap::hint(
        if *typing {
            crate::keymap::Scope::IvAnswer
        } else {
            crate::keymap::Scope::IvAsk
        },
        lang,
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .border_style(if *typing { theme.label } else { theme.dim })
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(hint, theme.dim));
    frame.render_widget(block, outer);
    if input.is_empty() && !*typing {
        frame.render_widget(
            Paragraph::new(Span::styled(
                lang.t(
                    "对着审核员口头回答后按 a 揭晓，对照要点自查",
                    "Answer aloud, then press a to reveal and check the key points",
                ),
                theme.dim,
            )),
            inner,
        );
    } else {
        frame.render_widget(input, inner);
    }
    if *typing {
        let (x, y) = input.cursor_position(inner.width.max(1));
        frame.set_cursor_position((inner.x + x, inner.y + y));
    }
}

fn render_intro(frame: &mut Frame, env: &Env, session: &Session, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let Some(step) = session.step() else {
        return;
    };
    let mut order = Vec::new();
    for s in &session.steps {
        if !order.contains(&&s.person) {
            order.push(&s.person);
        }
    }
    let nth = order.iter().position(|p| **p == step.person).unwrap_or(0) + 1;
    let count = session
        .steps
        .iter()
        .filter(|s| s.person == step.person)
        .count();
    let follow = session
        .steps
        .iter()
        .filter(|s| s.person == step.person && s.follow_up.is_some())
        .count();
    let roles = env
        .progress
        .people
        .iter()
        .find(|p| p.name == step.person)
        .map(|p| {
            p.roles
                .iter()
                .map(|r| role_title(env.content, r))
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                " {} · {} {nth}/{} {}",
                SessionKind::Audit.title(lang),
                lang.t("第", "interviewee"),
                order.len(),
                lang.t("位受访人", "")
            ),
            theme.label,
        )),
        Line::default(),
        Line::from(Span::styled(format!("   {}", step.person), theme.title)),
    ];
    if !roles.is_empty() {
        lines.push(Line::from(format!("   {roles}")));
    }
    lines.push(Line::default());
    lines.push(Line::from(format!(
        "   {} {count} {}{}",
        lang.t("审核员将问", "Questions:"),
        lang.t("道题", ""),
        if follow > 0 {
            format!(
                "，{} {follow} {}",
                lang.t("其中", "follow-ups:"),
                lang.t("道带追问", "")
            )
        } else {
            String::new()
        }
    )));
    lines.push(Line::default());
    for text in [
        lang.t(
            "   请受访人坐到键盘前；也可以由主持人扮演审核员，边听边记。",
            "   The interviewee takes the keyboard, or the host plays the inspector.",
        ),
        lang.t(
            "   答题时看不到参考答案；口头回答后按 a 揭晓，再对照要点勾选。",
            "   Answer aloud and press a, then tick the key points heard.",
        ),
    ] {
        lines.push(Line::from(Span::styled(text, theme.dim)));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(
            "  {}",
            crate::keymap::hint(crate::keymap::Scope::IvIntro, lang)
        ),
        theme.label,
    )));
    frame.render_widget(
        Paragraph::new(wrap_lines(&lines, area.width)),
        Rect::new(0, 1, area.width, area.height.saturating_sub(2)),
    );
}
