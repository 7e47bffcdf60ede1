//! The interview rehearsal area (模拟访谈): the roster of people who rehearse, the three modes
//! (practice, mock audit, cram), the timed question screen, the report and the stats.
//!
//! The state is pure: actions and keys come in with a [`Ctx`] holding the content, the
//! progress to change, the time and a seed for the random draw; effects go out.

mod question_view;
mod report;
mod reveal_view;
mod roster;
mod session;
mod stats_view;
#[cfg(test)]
mod tests;
mod view;

pub use report::{PersonReport, Report};
pub use roster::Modal;
pub use session::{Outcome, Phase, Session, SessionKind, Step};
pub use view::{dashboard_lines, render};

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;

use crate::action::Action;
use crate::action::Iv;
use crate::content::{Content, Grade};
use crate::domain::draw;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::{Person, Progress};
use crate::screens::Screen;
use crate::screens::contract::{self, Component, Effect, Env, Input, Request};
use crate::theme::Theme;

/// Most new questions one practice session adds after the due ones.
pub const NEW_PER_SESSION: usize = 10;

/// Opens the area with the person rehearsing selected.
pub fn open(ctx: &contract::Ctx) -> contract::Outcome {
    let state = InterviewState::new(ctx.progress, ctx.profile.as_deref());
    contract::Outcome::request(Request::Push(Screen::Interview(Box::new(state))))
}

impl Component for InterviewState {
    fn form(&self) -> Option<&crate::widgets::form::Form> {
        match &self.modal {
            Some(roster::Modal::Name { form, .. }) => Some(form),
            _ => None,
        }
    }

    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        match (&self.modal, &self.view) {
            (Some(roster::Modal::Name { form, .. }), _) => form.focused_input(),
            (Some(_), _) => None,
            (None, View::Session(session)) => match &session.phase {
                session::Phase::Asking { input, .. } | session::Phase::FollowUp { input, .. } => {
                    Some(input)
                }
                _ => None,
            },
            (None, _) => None,
        }
    }

    fn scope(&self) -> Scope {
        InterviewState::scope(self)
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("模拟访谈", "Interview rehearsal")
    }

    fn handle(&mut self, input: Input, ctx: &mut contract::Ctx) -> contract::Outcome {
        let mut notice = None;
        let mut inner = Ctx {
            content: ctx.content,
            progress: ctx.progress,
            now: ctx.now,
            mono_ms: ctx.mono_ms,
            lang: ctx.lang,
            seed: ctx.seed,
            notice: &mut notice,
            profile: ctx.profile,
            size: ctx.size,
        };
        let effects = match input {
            Input::Action(action) => self.update(action, &mut inner),
            Input::Key(key) if InterviewState::scope(self).takes_text() => {
                self.text_key(key, &mut inner)
            }
            Input::Paste(text) => self.paste(&text, &mut inner),
            _ => Vec::new(),
        };
        let outcome = contract::Outcome::from(effects);
        match notice {
            Some(text) => outcome.and(Request::Notice(text)),
            None => outcome,
        }
    }

    fn fit(&mut self, env: &Env) {
        InterviewState::fit(self, env.content, env.size);
    }

    fn wants_tick(&self) -> bool {
        self.timer_running()
    }

    fn handles_back(&self) -> bool {
        InterviewState::handles_back(self)
    }

    fn render(&self, frame: &mut ratatui::Frame, env: &Env, theme: &Theme) {
        render(frame, env, self, theme);
    }
}

/// What the interview screens need for one update, made from the contract's context.
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub progress: &'a mut Progress,
    pub now: NaiveDateTime,
    /// The monotonic count at `now` (see [`crate::domain::moment::Moment`]): what the answer
    /// timer measures with, so a wall-clock jump never lengthens an answer.
    pub mono_ms: u64,
    pub lang: Lang,
    /// Advanced by every random draw; the runtime seeds it at start.
    pub seed: &'a mut u64,
    pub notice: &'a mut Option<String>,
    /// The person rehearsing (`--profile`), kept across visits to the area.
    pub profile: &'a mut Option<String>,
    pub size: (u16, u16),
}

/// Turns a report's missed key points into rectification items (once).
fn misses_to_rectifications(report: &mut report::Report, ctx: &mut Ctx) -> Vec<Effect> {
    if report.converted {
        ctx.say(
            "这份报告的漏答已经转过整改了",
            "These misses were already turned into items",
        );
        return Vec::new();
    }
    let findings = report::findings(report, ctx.content);
    if findings.is_empty() {
        ctx.say(
            "本次没有漏答的要点，无需整改",
            "No missed key points: nothing to rectify",
        );
        return Vec::new();
    }
    let by = ctx.progress.operator.clone();
    let count = findings.len();
    for finding in findings {
        crate::domain::rectification::create_from_finding(
            ctx.progress,
            finding,
            &crate::domain::rectification::Stamp {
                at: ctx.now,
                by: &by,
            },
        );
    }
    report.converted = true;
    *ctx.notice = Some(match ctx.lang {
        Lang::Zh => format!("已新建 {count} 条整改项（来源：模拟访谈），按 5 查看"),
        Lang::En => format!("{count} rectification items added from the interview; press 5"),
    });
    vec![Effect::Save]
}

impl Ctx<'_> {
    fn say(&mut self, zh: &str, en: &str) {
        *self.notice = Some(match self.lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        });
    }

    fn next_seed(&mut self) -> u64 {
        let seed = *self.seed;
        *self.seed = draw::Rng::new(seed).next_u64();
        seed
    }
}

/// Which part of the area is showing.
#[derive(Debug, Clone)]
pub enum View {
    Home,
    /// Picking a topic to cram.
    Topics {
        selected: usize,
    },
    Session(Box<Session>),
    Report {
        report: Box<Report>,
        scroll: u16,
    },
    Stats {
        scroll: u16,
    },
}

#[derive(Debug, Clone)]
pub struct InterviewState {
    /// Selected person on the roster (home and stats).
    pub selected: usize,
    pub view: View,
    pub modal: Option<Modal>,
}

impl InterviewState {
    /// Opens the area with `profile` (a name) selected when it is on the roster.
    pub fn new(progress: &Progress, profile: Option<&str>) -> Self {
        let selected = profile
            .and_then(|name| progress.roster_people().iter().position(|p| p.name == name))
            .unwrap_or(0);
        Self {
            selected,
            view: View::Home,
            modal: None,
        }
    }

    pub fn scope(&self) -> Scope {
        match &self.modal {
            Some(Modal::Name { .. }) => return Scope::IvPrompt,
            Some(Modal::Roles { .. }) => return Scope::IvList,
            Some(Modal::Remove { .. }) => return Scope::IvConfirm,
            None => {}
        }
        match &self.view {
            View::Home => Scope::IvHome,
            View::Topics { .. } => Scope::IvList,
            View::Session(s) => match &s.phase {
                Phase::Intro => Scope::IvIntro,
                Phase::Asking { typing: true, .. } | Phase::FollowUp { typing: true, .. } => {
                    Scope::IvAnswer
                }
                Phase::Asking { .. } | Phase::FollowUp { .. } => Scope::IvAsk,
                Phase::Reveal(_) => Scope::IvReveal,
                Phase::Judge { .. } => Scope::IvJudge,
            },
            View::Report { .. } => Scope::IvReport,
            View::Stats { .. } => Scope::IvStats,
        }
    }

    /// Whether a question's timer is running (the runtime then ticks once a second).
    pub fn timer_running(&self) -> bool {
        self.modal.is_none()
            && matches!(&self.view, View::Session(s)
                if matches!(s.phase, Phase::Asking { .. } | Phase::FollowUp { .. }))
    }

    /// Whether Back (Esc, h, ←) belongs to this screen rather than leaving the area.
    pub fn handles_back(&self) -> bool {
        self.modal.is_some() || !matches!(self.view, View::Home)
    }

    /// Keeps the answer box's cursor visible for a terminal of `size`.
    pub fn fit(&mut self, content: &Content, size: (u16, u16)) {
        if let View::Session(session) = &mut self.view {
            session.fit(content, size);
        }
    }

    fn person_name(&self, progress: &Progress) -> Option<String> {
        progress
            .roster_people()
            .get(self.selected)
            .map(|p| p.name.clone())
    }

    /// Applies a bound action.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
        if self.modal.is_some() {
            return roster::update(self, action, ctx);
        }
        let effects = match &mut self.view {
            View::Home => self.update_home(action, ctx),
            View::Topics { selected } => {
                let count = ctx.content.interview.topics.len();
                match action {
                    Action::Up => *selected = selected.saturating_sub(1),
                    Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
                    Action::First | Action::PageUp => *selected = 0,
                    Action::Last | Action::PageDown => *selected = count.saturating_sub(1),
                    Action::Interview(Iv::Confirm) => {
                        let topic = *selected;
                        self.start_topic(topic, ctx);
                    }
                    Action::Back | Action::Interview(Iv::Cancel) => self.view = View::Home,
                    _ => {}
                }
                Vec::new()
            }
            View::Session(session) => {
                let (effects, finished) = session.update(action, ctx);
                if finished {
                    let report = report::build(session, ctx.content, ctx.progress, ctx.lang);
                    self.view = View::Report {
                        report: Box::new(report),
                        scroll: 0,
                    };
                }
                effects
            }
            View::Report { scroll, report } => {
                if action == Action::FindingToRect {
                    return misses_to_rectifications(report, ctx);
                }
                match action {
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::Down => *scroll = scroll.saturating_add(1),
                    Action::PageUp => *scroll = scroll.saturating_sub(10),
                    Action::PageDown => *scroll = scroll.saturating_add(10),
                    Action::First => *scroll = 0,
                    Action::Interview(Iv::Confirm) | Action::Back => self.view = View::Home,
                    _ => {}
                }
                Vec::new()
            }
            View::Stats { scroll } => {
                let last = ctx.progress.roster_people().len().saturating_sub(1);
                match action {
                    Action::Up => self.selected = self.selected.saturating_sub(1),
                    Action::Down => self.selected = (self.selected + 1).min(last),
                    Action::PageDown => *scroll = scroll.saturating_add(5),
                    Action::PageUp => *scroll = scroll.saturating_sub(5),
                    Action::Back | Action::Interview(Iv::Cancel) => self.view = View::Home,
                    _ => {}
                }
                Vec::new()
            }
        };
        if let Some(name) = self.person_name(ctx.progress) {
            *ctx.profile = Some(name);
        }
        effects
    }

    fn update_home(&mut self, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
        let people = ctx.progress.roster_people().len();
        let last = people.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First | Action::PageUp => self.selected = 0,
            Action::Last | Action::PageDown => self.selected = last,
            Action::Interview(Iv::AddPerson) => self.modal = Some(Modal::add(ctx.lang)),
            Action::Interview(Iv::RenamePerson | Iv::EditRoles | Iv::RemovePerson)
                if people == 0 =>
            {
                ctx.say(
                    "名单为空：先按 a 添加人员",
                    "The roster is empty: press a to add someone",
                );
            }
            Action::Interview(Iv::RenamePerson) => {
                self.modal = Some(Modal::rename(self.selected, ctx.progress, ctx.lang));
            }
            Action::Interview(Iv::EditRoles) => {
                self.modal = Some(Modal::roles(
                    self.selected,
                    ctx.progress,
                    ctx.content,
                    false,
                ));
            }
            Action::Interview(Iv::RemovePerson) => {
                self.modal = Some(Modal::Remove {
                    person: self.selected,
                });
            }
            Action::Interview(Iv::Stats) => self.view = View::Stats { scroll: 0 },
            Action::Interview(Iv::TargetGrade) => {
                let next = match ctx.progress.settings.target_grade {
                    Some(Grade::A) => Grade::B,
                    None | Some(Grade::B) => Grade::A,
                };
                ctx.progress.settings.target_grade = Some(next);
                ctx.say(
                    &format!("目标等级：{}（甲乙级答法不同的要点按它判定）", next.label()),
                    &format!(
                        "Target grade: {} (grade-aware key points follow it)",
                        next.name(Lang::En)
                    ),
                );
                return vec![Effect::Save];
            }
            Action::Interview(Iv::MockAudit) => return self.start_audit(ctx),
            Action::Interview(Iv::Practice | Iv::CramTopic | Iv::CramWrong) if people == 0 => {
                ctx.say(
                    "先按 a 把要练习的人加到名单里（姓名和角色）",
                    "Press a to add the person who rehearses first",
                );
            }
            Action::Interview(Iv::Practice) => return self.start_practice(ctx),
            Action::Interview(Iv::CramTopic) => self.view = View::Topics { selected: 0 },
            Action::Interview(Iv::CramWrong) => return self.start_wrong(ctx),
            _ => {}
        }
        Vec::new()
    }

    fn begin(&mut self, session: Session, ctx: &mut Ctx) -> Vec<Effect> {
        let mut session = session;
        session.enter(ctx);
        self.view = View::Session(Box::new(session));
        Vec::new()
    }

    /// The selected person on the roster.
    fn selected_person(&self, progress: &Progress) -> Option<Person> {
        progress
            .roster_people()
            .get(self.selected)
            .map(|p| (*p).clone())
    }

    /// Starts a session of `kind` for `person` on `queue`; says `empty` (Chinese, English)
    /// instead when there is nothing to ask.
    fn begin_queue(
        &mut self,
        kind: SessionKind,
        person: &str,
        queue: &[usize],
        empty: (&str, &str),
        ctx: &mut Ctx,
    ) -> Vec<Effect> {
        if queue.is_empty() {
            ctx.say(empty.0, empty.1);
            return Vec::new();
        }
        let session = Session::for_person(kind, person, queue, ctx.now);
        self.begin(session, ctx)
    }

    fn start_practice(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(person) = self.selected_person(ctx.progress) else {
            return Vec::new();
        };
        let queue = draw::practice_queue(
            &ctx.content.interview,
            &person.roles,
            ctx.progress.reviews.get(&person.name),
            ctx.now,
            NEW_PER_SESSION,
        );
        let empty = (
            "今天没有到期的题，适合该角色的题也都练过了。可以按 c 突击某个话题，或按 m 做模拟审核",
            "Nothing due and no new questions: try c (cram) or m (mock audit)",
        );
        self.begin_queue(SessionKind::Practice, &person.name, &queue, empty, ctx)
    }

    fn start_wrong(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(person) = self.selected_person(ctx.progress) else {
            return Vec::new();
        };
        let queue = draw::cram_wrong(
            &ctx.content.interview,
            ctx.progress.reviews.get(&person.name),
        );
        let empty = (
            "没有答错的题：上次都答上了（或还没练过）",
            "No wrong answers to cram",
        );
        self.begin_queue(SessionKind::Wrong, &person.name, &queue, empty, ctx)
    }

    fn start_topic(&mut self, topic: usize, ctx: &mut Ctx) {
        let Some(person) = self.selected_person(ctx.progress) else {
            self.view = View::Home;
            return;
        };
        let Some(topic) = ctx.content.interview.topics.get(topic) else {
            return;
        };
        let queue = draw::cram_topic(&ctx.content.interview, &person.roles, &topic.id);
        let kind = SessionKind::Topic(topic.title.clone());
        let empty = ("这个话题下没有题", "This topic has no questions");
        self.begin_queue(kind, &person.name, &queue, empty, ctx);
    }

    fn start_audit(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        // The draw picks from the O&M staff in the register who have not left.
        let people: Vec<_> = ctx.progress.roster_people().into_iter().cloned().collect();
        if people.is_empty() {
            ctx.say(
                "模拟审核要从名单里抽人：先按 a 添加运维人员",
                "A mock audit draws from the roster: press a to add people",
            );
            return Vec::new();
        }
        let seed = ctx.next_seed();
        let plan = draw::draw_audit(&ctx.content.interview, &people, seed);
        let session = Session::for_audit(&plan, &people, ctx.now);
        if session.steps.is_empty() {
            ctx.say(
                "题库里没有适合这些角色的题",
                "No questions suit these roles",
            );
            return Vec::new();
        }
        if plan.short_roster {
            ctx.say(
                "名单不足 3 人，审核时一般随机抽 3–5 人：这次全员参加",
                "Fewer than 3 people on the roster (auditors pick 3–5): everyone takes part",
            );
        }
        self.begin(session, ctx)
    }

    /// A key in a scope that takes text (the name prompt or the answer box).
    pub fn text_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Vec<Effect> {
        if let Some(modal) = &mut self.modal {
            if matches!(modal, Modal::Name { .. }) {
                return roster::text_key(self, key, ctx);
            }
            return Vec::new();
        }
        if let View::Session(session) = &mut self.view {
            let (effects, finished) = session.text_key(key, ctx);
            if finished {
                let report = report::build(session, ctx.content, ctx.progress, ctx.lang);
                self.view = View::Report {
                    report: Box::new(report),
                    scroll: 0,
                };
            }
            return effects;
        }
        Vec::new()
    }

    /// Pasted text goes into whichever text box is open.
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) -> Vec<Effect> {
        if let Some(Modal::Name { .. }) = &self.modal {
            return roster::paste(self, text, ctx);
        }
        match &mut self.view {
            View::Session(session) => session.paste(text, ctx),
            _ => Vec::new(),
        }
    }
}
