//! Draws the interview area: the roster with each person's readiness and the modes, the topic
//! picker, the report, and the roster dialogs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::report::{self, role_title};
use super::roster::{Modal, history_count};
use super::{InterviewState, View, question_view, stats_view};
use crate::domain::draw;
use crate::domain::interview_stats::{Readiness, person_tally};
use crate::i18n::Lang;
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::truncate::fit;
use crate::widgets::wrap::wrap_lines;

pub fn render(frame: &mut Frame, env: &Env, state: &InterviewState, theme: &Theme) {
    match &state.view {
        View::Home => render_home(frame, env, state, theme),
        View::Topics { selected } => render_topics(frame, env, state, *selected, theme),
        View::Session(session) => question_view::render(frame, env, session, theme),
        View::Report { report, scroll } => {
            let area = frame.area();
            let lines = report::lines(report, env.content, env.lang, theme);
            frame.render_widget(
                Paragraph::new(wrap_lines(&lines, area.width.saturating_sub(1)))
                    .scroll((*scroll, 0)),
                Rect::new(
                    1,
                    1,
                    area.width.saturating_sub(1),
                    area.height.saturating_sub(2),
                ),
            );
        }
        View::Stats { scroll } => stats_view::render(frame, env, state.selected, *scroll, theme),
    }
    if let Some(modal) = &state.modal {
        render_modal(frame, env, modal, theme);
    }
}

/// Roles of a person as short titles joined by 、.
pub fn roles_text(env: &Env, roles: &[String]) -> String {
    if roles.is_empty() {
        return env
            .lang
            .t("（未设角色：所有题）", "(no role: all questions)")
            .to_owned();
    }
    roles
        .iter()
        .map(|r| role_title(env.content, r))
        .collect::<Vec<_>>()
        .join("、")
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

fn render_home(frame: &mut Frame, env: &Env, state: &InterviewState, theme: &Theme) {
    let lang = env.lang;
    let area = frame.area();
    let width = area.width;
    let people = env.progress.roster_people();
    let bank = &env.content.interview;
    let body_h = area.height.saturating_sub(2);
    let modes_h = 8u16.min(body_h);
    let list_h = body_h.saturating_sub(modes_h);
    let grade = env
        .progress
        .settings
        .target_grade
        .unwrap_or(crate::domain::keypoints::DEFAULT_GRADE);
    let title = format!(
        " {} {} · {} {} {} · {} {} ",
        lang.t("受访人员", "People"),
        people.len(),
        lang.t("题库", "bank"),
        bank.questions.len(),
        lang.t("题", "questions"),
        lang.t("目标", "target"),
        grade.name(lang)
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let list_area = Rect::new(0, 1, width, list_h);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let mut lines = Vec::new();
    if people.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(
                " 名单为空。按 a 添加要参加访谈的运维人员：姓名和角色（运维工程师、保密管理员……）。",
                " The roster is empty. Press a to add the staff who will be interviewed.",
            ),
            theme.dim,
        )));
    }
    let rows = usize::from(inner.height);
    let offset = state.selected.saturating_sub(rows.saturating_sub(1));
    for (i, person) in people.iter().enumerate().skip(offset).take(rows) {
        let reviews = env.progress.reviews.get(&person.name);
        let tally = person_tally(bank, person, reviews, env.now);
        let ready = Readiness::of(&tally);
        let name = fit(&person.name, 10);
        let stats = format!(
            "{} {:>2}/{:<2} {} {:<2} {} {:>4}",
            lang.t("已练", "done"),
            tally.answered,
            tally.questions,
            lang.t("到期", "due"),
            tally.due,
            lang.t("要点", "pts"),
            percent(tally.coverage)
        );
        let marker = if i == state.selected {
            theme.sym("▶", ">")
        } else {
            " "
        };
        let ready_style = if ready == Readiness::Ready {
            theme.good
        } else {
            theme.busy
        };
        let traps =
            (tally.flagged > 0).then(|| format!(" {}{}", lang.t("陷阱", "traps "), tally.flagged));
        // The roles column gives way to the trap count: the line fits the width it has.
        let fixed = 2
            + name.width()
            + 1
            + 1
            + stats.width()
            + 1
            + ready.label(lang).width()
            + traps.as_deref().map_or(0, UnicodeWidthStr::width);
        let roles_w = usize::from(inner.width).saturating_sub(fixed).min(22);
        let roles = fit(&roles_text(env, &person.roles), roles_w);
        let mut line = Line::from(vec![
            Span::raw(format!("{marker} ")),
            Span::raw(name),
            Span::raw(" "),
            Span::styled(roles, theme.dim),
            Span::raw(" "),
            Span::raw(stats),
            Span::raw(" "),
            Span::styled(ready.label(lang), ready_style),
        ]);
        if let Some(traps) = traps {
            line.spans.push(Span::styled(traps, theme.alert));
        }
        let mut line = crate::widgets::truncate::truncate_line(&line, usize::from(inner.width));
        if i == state.selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let modes_area = Rect::new(0, 1 + list_h, width, modes_h);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(lang.t(" 开始 ", " Start "), theme.title));
    let inner = block.inner(modes_area);
    frame.render_widget(block, modes_area);
    let selected = people.get(state.selected);
    let who = selected.map(|p| p.name.as_str()).unwrap_or("—");
    let (due, fresh, wrong) = selected
        .map(|p| {
            let reviews = env.progress.reviews.get(&p.name);
            let queue = draw::practice_queue(bank, &p.roles, reviews, env.now, usize::MAX);
            let due = queue
                .iter()
                .filter(|&&q| {
                    reviews
                        .and_then(|r| r.get(&bank.questions[q].id.value))
                        .is_some_and(|r| !r.history.is_empty())
                })
                .count();
            (
                due,
                queue.len() - due,
                draw::cram_wrong(bank, reviews).len(),
            )
        })
        .unwrap_or((0, 0, 0));
    let drafts = selected
        .and_then(|p| env.progress.reviews.get(&p.name))
        .map_or(0, |m| m.values().filter(|r| !r.draft.is_empty()).count());
    let drawn = people.len().clamp(0, 5);
    let audit = match (lang, people.len() >= 3) {
        (Lang::Zh, true) => format!(
            "从 {} 人中随机抽 3–5 人，每人 2–4 题，带追问，出报告",
            people.len()
        ),
        (Lang::Zh, false) => format!("名单只有 {drawn} 人（审核一般抽 3–5 人），全员参加"),
        (Lang::En, true) => format!(
            "3–5 of {} people at random, 2–4 questions each, report",
            people.len()
        ),
        (Lang::En, false) => format!("only {drawn} on the roster (auditors pick 3–5): all"),
    };
    let entries: Vec<(&str, &str, String)> = vec![
        (
            "Enter",
            lang.t("练习", "practice"),
            format!(
                "{who}{}{due}{}{}{}{}",
                lang.t("：到期 ", ": due "),
                lang.t(" 题，新题 ", ", new "),
                fresh.min(super::NEW_PER_SESSION),
                lang.t(" 题", ""),
                if drafts > 0 {
                    format!(
                        "{}{drafts}{}",
                        lang.t("；", "; "),
                        lang.t(" 题有未答完的草稿", " unfinished drafts")
                    )
                } else {
                    String::new()
                }
            ),
        ),
        ("m", lang.t("模拟审核", "mock audit"), audit),
        (
            "c",
            lang.t("突击话题", "cram topic"),
            format!(
                "{} {}",
                bank.topics.len(),
                lang.t("个话题任选一个", "topics")
            ),
        ),
        (
            "w",
            lang.t("突击错题", "cram wrong"),
            format!(
                "{who}{}{wrong}{}",
                lang.t(" 上次答错（没答上/勉强）", ": "),
                lang.t(" 题", " last answered wrong")
            ),
        ),
        (
            "s",
            lang.t("统计", "stats"),
            lang.t(
                "每人、每个话题：正确率、要点覆盖、用时、到期",
                "accuracy, coverage, time, due",
            )
            .to_owned(),
        ),
    ];
    let mut lines: Vec<Line> = entries
        .into_iter()
        .map(|(key, name, detail)| {
            Line::from(vec![
                Span::styled(format!(" {key:<6}"), theme.label),
                Span::raw(fit(name, 11)),
                Span::styled(detail, theme.dim),
            ])
        })
        .collect();
    lines.push(Line::from(Span::styled(
        lang.t(
            " 名单：a 添加 · r 改名 · e 角色 · x 移除 · ↑↓ 选择练习的人",
            " Roster: a add · r rename · e roles · x remove · ↑↓ select",
        ),
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_topics(
    frame: &mut Frame,
    env: &Env,
    state: &InterviewState,
    selected: usize,
    theme: &Theme,
) {
    let lang = env.lang;
    let area = frame.area();
    let bank = &env.content.interview;
    let roster = env.progress.roster_people();
    let person = roster.get(state.selected).copied();
    let title = format!(
        " {} · {} ",
        lang.t("突击：选一个话题", "Cram: pick a topic"),
        person.map(|p| p.name.as_str()).unwrap_or("")
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let list = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let rows = usize::from(inner.height);
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let roles = person.map(|p| p.roles.clone()).unwrap_or_default();
    let lines: Vec<Line> = bank
        .topics
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, t)| {
            let all = bank.questions.iter().filter(|q| *q.topic == *t.id).count();
            let mine = draw::cram_topic(bank, &roles, &t.id).len();
            let mut line = Line::from(vec![
                Span::raw(format!(" {}", fit(&t.title, 30))),
                Span::styled(
                    format!(
                        "{all:>3} {}  {} {mine}",
                        lang.t("题", "questions"),
                        lang.t("本次练", "to rehearse")
                    ),
                    theme.dim,
                ),
            ]);
            if i == selected {
                line = line.style(theme.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn dialog(frame: &mut Frame, title: String, height: u16, theme: &Theme) -> Rect {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(64);
    let height = height.min(area.height);
    let outer = Rect::new(
        (area.width - width) / 2,
        (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

fn render_modal(frame: &mut Frame, env: &Env, modal: &Modal, theme: &Theme) {
    let lang = env.lang;
    match modal {
        Modal::Name { form, rename } => {
            let title = if rename.is_some() {
                lang.t(" 改名 ", " Rename ")
            } else {
                lang.t(" 添加人员：姓名 ", " Add a person: name ")
            };
            let inner = dialog(frame, title.to_owned(), 4, theme);
            form.render(frame, inner, theme);
        }
        Modal::Roles {
            person,
            cursor,
            chosen,
        } => {
            let name = env
                .progress
                .roster_people()
                .get(*person)
                .map(|p| p.name.as_str())
                .unwrap_or("");
            let title = format!(" {name} {} ", lang.t("的角色", "roles"));
            let roles = &env.content.interview.roles;
            let inner = dialog(
                frame,
                title,
                crate::widgets::cells(roles.len()).saturating_add(4),
                theme,
            );
            let mut lines: Vec<Line> = roles
                .iter()
                .zip(chosen)
                .enumerate()
                .map(|(i, (role, on))| {
                    let mark = if *on { "[x]" } else { "[ ]" };
                    let count = env
                        .content
                        .interview
                        .questions
                        .iter()
                        .filter(|q| q.roles.iter().any(|r| r.value == role.id.value))
                        .count();
                    let mut line = Line::from(vec![
                        Span::raw(format!(" {mark} ")),
                        Span::raw(fit(&role.title, 30)),
                        Span::styled(format!(" {count} {}", lang.t("题", "q")), theme.dim),
                    ]);
                    if i == *cursor {
                        line = line.style(theme.selected);
                    }
                    line
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(
                    "{}{}",
                    crate::keymap::hint(crate::keymap::Scope::IvList, lang),
                    lang.t("· 不选则练全部题", "· none = all questions")
                ),
                theme.dim,
            )));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Modal::Remove { person } => {
            let name = env
                .progress
                .roster_people()
                .get(*person)
                .map(|p| p.name.as_str())
                .unwrap_or("");
            let (questions, reviews) = history_count(env.progress, *person);
            let inner = dialog(
                frame,
                format!(" {}「{name}」？ ", lang.t("移除", "Remove")),
                8,
                theme,
            );
            let mut lines = vec![Line::from(if reviews > 0 {
                format!(
                    "{} {questions} {} {reviews} {}",
                    lang.t("有", "Has"),
                    lang.t("道题的", "questions,"),
                    lang.t("条答题记录。", "answers.")
                )
            } else {
                lang.t("还没有答题记录。", "No answers yet.").to_owned()
            })];
            lines.push(Line::from(vec![
                Span::styled(" y ", theme.label),
                Span::raw(lang.t(
                    "移除，保留答题记录（再添加同名人员即可找回）",
                    "remove, keep the answers (re-adding restores them)",
                )),
            ]));
            if reviews > 0 {
                lines.push(Line::from(vec![
                    Span::styled(" D ", theme.label),
                    Span::styled(
                        lang.t(
                            "移除并删除全部答题记录（不可恢复）",
                            "remove and delete the answers",
                        ),
                        theme.alert,
                    ),
                ]));
            }
            lines.push(Line::from(vec![
                Span::styled(" n ", theme.label),
                Span::raw(lang.t("取消（Esc 同）", "cancel (or Esc)")),
            ]));
            frame.render_widget(Paragraph::new(wrap_lines(&lines, inner.width)), inner);
        }
    }
}

/// Width-aware right alignment used by the stats table.
pub fn right(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// The dashboard's interview lines: the bank, then who is ready and who is not.
pub fn dashboard_lines(env: &Env, theme: &Theme, max_people: usize) -> Vec<Line<'static>> {
    let lang = env.lang;
    let bank = &env.content.interview;
    let people = env.progress.roster_people();
    let mut lines = vec![Line::from(vec![
        Span::styled(lang.t("模拟访谈", "Interviews"), theme.label),
        Span::styled(
            format!(
                " {} {} · {} {}",
                bank.questions.len(),
                lang.t("题", "q"),
                bank.topics.len(),
                lang.t("个话题", "topics")
            ),
            theme.dim,
        ),
    ])];
    if people.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(
                " 名单为空：按 3 进入后按 a 添加",
                " Roster empty: 3, then a to add",
            ),
            theme.dim,
        )));
        return lines;
    }
    let tallies: Vec<_> = people
        .iter()
        .map(|p| {
            let t = person_tally(bank, p, env.progress.reviews.get(&p.name), env.now);
            let r = Readiness::of(&t);
            (p, t, r)
        })
        .collect();
    let ready = tallies
        .iter()
        .filter(|(_, _, r)| *r == Readiness::Ready)
        .count();
    // Those not ready first: they are what the lead needs to act on.
    let mut order: Vec<&(_, _, _)> = tallies.iter().collect();
    order.sort_by_key(|(_, _, r)| *r == Readiness::Ready);
    for (person, tally, readiness) in order.into_iter().take(max_people) {
        lines.push(Line::from(vec![
            Span::raw(format!(" {} ", fit(&person.name, 6))),
            Span::styled(
                format!(
                    "{}{:<2}{}{:>4} ",
                    lang.t("到期", "due "),
                    tally.due,
                    lang.t("要点", "pts "),
                    percent(tally.coverage)
                ),
                theme.dim,
            ),
            Span::styled(
                readiness.label(lang),
                if *readiness == Readiness::Ready {
                    theme.good
                } else {
                    theme.busy
                },
            ),
        ]));
    }
    let more = people.len().saturating_sub(max_people);
    lines.push(Line::from(Span::styled(
        if more > 0 {
            format!(
                " {} {ready}/{} {}{more}{}",
                lang.t("就绪", "ready"),
                people.len(),
                lang.t("· 另有 ", "· "),
                lang.t(" 人见统计", " more in stats")
            )
        } else {
            format!(" {} {ready}/{}", lang.t("就绪", "ready"), people.len())
        },
        theme.dim,
    )));
    lines
}
