//! 团队: one line per person — checklist items and rectifications they own that are open,
//! overdue or due within 7 days, interview readiness and due reviews, demo rehearsals taken
//! part in, and when their data last arrived (team mode). Enter on a person lists their open
//! work across the areas; Enter on a line jumps to the item or rectification, Esc comes back.
//!
//! The people are everyone named as an owner, on the interview roster or in a rehearsal,
//! plus the team's members, so the view also helps a lead who keeps everything on one
//! machine.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::domain::team_summary::{self, Member, MemberSummary, WorkKind};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::truncate::fit;

/// The team view: the list of people, or one person's work.
#[derive(Debug, Clone, Default)]
pub struct TeamState {
    pub selected: usize,
    /// The person whose work is listed, and the selected line in it.
    pub person: Option<(String, usize)>,
    /// The people's lines as last counted (by [`Component::fit`]), with what they were counted
    /// from: walking every rehearsal, review and rectification of a year's team history takes
    /// milliseconds, too long to repeat at every key and frame.
    counted: Option<(Counted, Vec<MemberSummary>)>,
}

/// What the people's lines depend on besides the content: the data (by revision), the
/// minute (reviews fall due by the clock) and the members' last syncs.
#[derive(Debug, Clone, PartialEq)]
struct Counted {
    revision: u64,
    minute: chrono::NaiveDateTime,
    team: Vec<Member>,
}

impl Counted {
    fn of(env: &Env) -> Self {
        use chrono::Timelike;
        Self {
            revision: env.revision,
            minute: env
                .now
                .with_second(0)
                .and_then(|t| t.with_nanosecond(0))
                .unwrap_or(env.now),
            team: env.team.to_vec(),
        }
    }
}

/// Opens the team view.
pub fn open() -> Outcome {
    Outcome::request(Request::Push(Screen::Team(TeamState::default())))
}

/// Everyone the data names: owners, the roster, rehearsal roles and the team's members.
pub fn members(progress: &Progress, team: &[Member]) -> Vec<Member> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        let name = name.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    };
    for m in team {
        add(&m.name);
    }
    for item in progress.items.values() {
        add(&item.owner);
    }
    for r in &progress.rectifications {
        add(&r.owner);
    }
    for p in &progress.people {
        add(&p.name);
    }
    for run in &progress.sop_runs {
        for name in run.people.values() {
            add(name);
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| Member {
            last_sync: team
                .iter()
                .find(|m| m.name.trim() == name)
                .and_then(|m| m.last_sync),
            name,
        })
        .collect()
}

/// The people's lines, those with overdue work first, then most due soon, then by name.
fn summaries(env: &Env) -> Vec<MemberSummary> {
    let people = members(env.progress, env.team);
    let mut lines = team_summary::summarize(env.content, env.progress, &people, env.now);
    lines.sort_by(|a, b| {
        (b.overdue, b.due_7d, b.owned_open)
            .cmp(&(a.overdue, a.due_7d, a.owned_open))
            .then_with(|| a.name.cmp(&b.name))
    });
    lines
}

impl TeamState {
    /// The people's lines: as counted when they are still current, else counted now.
    fn lines(&self, env: &Env) -> std::borrow::Cow<'_, [MemberSummary]> {
        match &self.counted {
            Some((counted, lines)) if *counted == Counted::of(env) => {
                std::borrow::Cow::Borrowed(lines.as_slice())
            }
            _ => std::borrow::Cow::Owned(summaries(env)),
        }
    }

    fn handle_action(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        self.count(&ctx.env());
        let counted = self.counted.take();
        let lines = counted
            .as_ref()
            .map_or(&[][..], |(_, lines)| lines.as_slice());
        let outcome = self.act(action, ctx, lines);
        self.counted = counted;
        outcome
    }

    fn act(&mut self, action: Action, ctx: &mut Ctx, lines: &[MemberSummary]) -> Outcome {
        match &mut self.person {
            None => {
                let last = lines.len().saturating_sub(1);
                match action {
                    Action::Up => self.selected = self.selected.saturating_sub(1),
                    Action::Down => self.selected = (self.selected + 1).min(last),
                    Action::First | Action::PageUp => self.selected = 0,
                    Action::Last | Action::PageDown => self.selected = last,
                    Action::Open => {
                        if let Some(line) = lines.get(self.selected) {
                            self.person = Some((line.name.clone(), 0));
                        }
                    }
                    _ => {}
                }
                Outcome::none()
            }
            Some((name, selected)) => {
                let work = lines
                    .iter()
                    .find(|l| &l.name == name)
                    .map_or(&[][..], |l| l.work.as_slice());
                let last = work.len().saturating_sub(1);
                match action {
                    Action::Up => *selected = selected.saturating_sub(1),
                    Action::Down => *selected = (*selected + 1).min(last),
                    Action::First | Action::PageUp => *selected = 0,
                    Action::Last | Action::PageDown => *selected = last,
                    Action::Back => self.person = None,
                    Action::Open => {
                        if let Some(w) = work.get(*selected) {
                            return jump(ctx, w.kind, &w.id);
                        }
                    }
                    _ => {}
                }
                Outcome::none()
            }
        }
    }
}

impl TeamState {
    /// Counts the people's lines again when what they depend on has moved.
    fn count(&mut self, env: &Env) {
        let key = Counted::of(env);
        if self
            .counted
            .as_ref()
            .is_none_or(|(counted, _)| *counted != key)
        {
            self.counted = Some((key, summaries(env)));
        }
    }
}

/// Opens the item in its checklist, or the rectification in the tracker.
fn jump(ctx: &mut Ctx, kind: WorkKind, id: &str) -> Outcome {
    match kind {
        WorkKind::Item => match ctx.content.item_pos(id) {
            Some(pos) => crate::screens::checklist::open(ctx, pos.phase, Some(id)),
            None => Outcome::notice(ctx.lang.t(
                "该清单项已不在当前内容中",
                "That item is no longer in the content",
            )),
        },
        WorkKind::Rectification => {
            crate::screens::rectify::open(ctx).and(Request::Select(id.to_owned()))
        }
    }
}

impl Component for TeamState {
    fn scope(&self) -> Scope {
        Scope::Team
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("团队", "Team")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        match input {
            Input::Action(action) => self.handle_action(action, ctx),
            _ => Outcome::none(),
        }
    }

    fn handles_back(&self) -> bool {
        self.person.is_some()
    }

    fn fit(&mut self, env: &Env) {
        self.count(env);
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        let area = frame.area();
        let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
        let lines = self.lines(env);
        match &self.person {
            None => render_people(frame, env, &lines, self.selected, body, theme),
            Some((name, selected)) => {
                let line = lines.iter().find(|l| &l.name == name);
                render_work(frame, env, name, line, *selected, body, theme);
            }
        }
    }
}

fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title))
}

/// Scrolls so `selected` is visible in `height` rows.
fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    let height = height.max(1);
    let start = selected
        .saturating_sub(height - 1)
        .min(len.saturating_sub(height));
    start..(start + height).min(len)
}

fn render_people(
    frame: &mut Frame,
    env: &Env,
    lines: &[MemberSummary],
    selected: usize,
    area: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let b = block(
        format!(" {} {} ", lang.t("团队", "Team"), lines.len()),
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let mut out = vec![Line::from(Span::styled(
        lang.t(
            " 姓名        未完成 逾期 7天内 访谈准备 待复习 演练 最近同步",
            " Name         open late 7 days interview due  runs last sync",
        ),
        theme.dim,
    ))];
    if lines.is_empty() {
        out.push(Line::from(lang.t(
            " 还没有人：给清单项或整改项填写负责人，或在模拟访谈里添加名单",
            " Nobody yet: name owners of items or rectifications, or add people to the roster",
        )));
    }
    let rows = usize::from(inner.height).saturating_sub(1);
    for i in window(selected, lines.len(), rows) {
        let m = &lines[i];
        let ready = match m.ready {
            Some(r) => r.label(lang).to_owned(),
            None => "—".to_owned(),
        };
        let sync = m
            .last_sync
            .map_or_else(|| "—".to_owned(), |t| t.format("%m-%d %H:%M").to_string());
        let text = format!(
            " {} {:>5} {:>4} {:>5}  {} {:>5} {:>4}  {}",
            fit(&m.name, 10),
            m.owned_open,
            m.overdue,
            m.due_7d,
            fit(&ready, 8),
            m.reviews_due,
            m.rehearsals,
            sync
        );
        let mut line = Line::from(text);
        if m.overdue > 0 {
            line = line.style(theme.alert);
        }
        if i == selected {
            line = line.style(theme.selected);
        }
        out.push(line);
    }
    frame.render_widget(Paragraph::new(out), inner);
}

fn render_work(
    frame: &mut Frame,
    env: &Env,
    name: &str,
    summary: Option<&MemberSummary>,
    selected: usize,
    area: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let work = summary.map(|s| s.work.as_slice()).unwrap_or(&[]);
    let b = block(
        format!(
            " {name} {} {} ",
            lang.t("的未完成工作", "— open work"),
            work.len()
        ),
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let today = env.today();
    let mut out = Vec::new();
    if work.is_empty() {
        out.push(Line::from(lang.t(" 没有未完成的工作", " No open work")));
    }
    for i in window(selected, work.len(), usize::from(inner.height)) {
        let w = &work[i];
        let kind = match w.kind {
            WorkKind::Item => lang.t("清单", "item"),
            WorkKind::Rectification => lang.t("整改", "rect"),
        };
        let due = w
            .due
            .map_or_else(|| "     ".to_owned(), |d| d.format("%m-%d").to_string());
        let late = w.due.is_some_and(|d| d < today);
        let head = format!(
            " {due} {}{} ",
            if late { lang.t("逾期 ", "late ") } else { "" },
            kind
        );
        let room = usize::from(inner.width).saturating_sub(head.width());
        let mut line = Line::from(vec![
            Span::styled(head, if late { theme.alert } else { theme.dim }),
            Span::raw(fit(&w.title, room)),
        ]);
        if i == selected {
            line = line.style(theme.selected);
        }
        out.push(line);
    }
    frame.render_widget(Paragraph::new(out), inner);
}

#[cfg(test)]
#[path = "team/tests.rs"]
mod tests;
