//! One rehearsal session: a list of (person, question) steps walked through as ask → reveal →
//! grade (→ follow-up → judge in a mock audit). Every grade is saved at once; the answer being
//! typed is written into progress as a draft on every keystroke.

use chrono::{NaiveDateTime, Timelike};
use crossterm::event::KeyEvent;

use super::Ctx;
use crate::action::Action;
use crate::action::Iv;
use crate::content::Content;
use crate::domain::draw::AuditPlan;
use crate::domain::keypoints;
use crate::domain::schedule::{fingerprint, record_review};
use crate::i18n::Lang;
use crate::progress::{FollowUpResult, Person, Progress, Review};
use crate::screens::Effect;
use crate::widgets::text_input::{InputOutcome, TextInput};

/// Longest answer accepted, in characters.
const MAX_ANSWER: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionKind {
    Practice,
    Audit,
    /// Cram one topic (its title).
    Topic(String),
    /// Cram the questions last answered wrong.
    Wrong,
}

impl SessionKind {
    pub fn title(&self, lang: Lang) -> String {
        match self {
            SessionKind::Practice => lang.t("练习", "Practice").to_owned(),
            SessionKind::Audit => lang.t("模拟审核", "Mock audit").to_owned(),
            SessionKind::Topic(t) => format!("{}·{t}", lang.t("突击", "Cram")),
            SessionKind::Wrong => lang.t("突击·错题", "Cram·wrong").to_owned(),
        }
    }
}

/// One question put to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub person: String,
    /// Index into the bank's questions.
    pub question: usize,
    /// The follow-up (追问) to ask after it, by index into the question's `follow_ups`.
    pub follow_up: Option<usize>,
    /// The first question of this person in a mock audit (an introduction is shown first).
    pub first_of_person: bool,
}

/// What happened at a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub step: usize,
    /// 1–4, or `None` when the question was skipped.
    pub grade: Option<u8>,
    pub seconds: u32,
    /// Key points judged covered; `None` for an answer given aloud and not ticked.
    pub covered: Option<Vec<usize>>,
    pub aloud: bool,
    /// The answer fell into a trap (and the flag was not overruled): it counts as 没答上
    /// whatever the grade.
    pub flagged: bool,
    pub follow_up: Option<FollowUpResult>,
}

/// The reveal: the answer as given, and which key points it covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevealState {
    pub seconds: u32,
    pub answer: String,
    pub aloud: bool,
    pub covered: Vec<bool>,
    /// What the matcher found in the typed answer, before any change by hand.
    pub auto: Option<Vec<bool>>,
    /// The matcher's full judgement of a typed answer: the words that met each point, the
    /// points whose words were negated, and the traps it fell into.
    pub judgement: Option<keypoints::Judgement>,
    /// Whether a key point was ticked or unticked by hand.
    pub touched: bool,
    /// Selected key point (Space toggles it).
    pub cursor: usize,
    pub scroll: u16,
    /// The grade pressed before the reveal (1–4 on the question): shown preselected, recorded
    /// only when confirmed (Enter, or a grade key) with the judgement in view.
    pub pending: Option<u8>,
    /// The trap flag was overruled by hand (f): recorded with the review, and readiness then
    /// follows the grade.
    pub flag_overridden: bool,
}

impl RevealState {
    /// Whether the answer counts as fallen into a trap: flagged and not overruled.
    pub fn counts_flagged(&self) -> bool {
        !self.flag_overridden
            && self
                .judgement
                .as_ref()
                .is_some_and(keypoints::Judgement::flagged)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Mock audit: who is interviewed next.
    Intro,
    Asking {
        /// Monotonic milliseconds when the question was asked.
        started: u64,
        input: TextInput,
        typing: bool,
    },
    Reveal(RevealState),
    /// Mock audit: the inspector's follow-up question.
    FollowUp {
        /// Monotonic milliseconds when the follow-up was asked.
        started: u64,
        input: TextInput,
        typing: bool,
    },
    /// Was the follow-up answered?
    Judge {
        seconds: u32,
        answer: String,
    },
}

#[derive(Debug, Clone)]
pub struct Session {
    pub kind: SessionKind,
    pub started: NaiveDateTime,
    pub steps: Vec<Step>,
    pub index: usize,
    pub phase: Phase,
    pub outcomes: Vec<Outcome>,
    pub short_roster: bool,
    /// A mock audit ends only on a second Esc, so one stray key does not cut it short.
    pub end_armed: bool,
}

/// Whole seconds between two monotonic counts; 0 if it went backwards.
fn elapsed(started_ms: u64, now_ms: u64) -> u32 {
    u32::try_from(now_ms.saturating_sub(started_ms) / 1000).unwrap_or(u32::MAX)
}

impl Session {
    pub fn for_person(
        kind: SessionKind,
        person: &str,
        questions: &[usize],
        now: NaiveDateTime,
    ) -> Self {
        let steps = questions
            .iter()
            .map(|&question| Step {
                person: person.to_owned(),
                question,
                follow_up: None,
                first_of_person: false,
            })
            .collect();
        Self {
            kind,
            started: now,
            steps,
            index: 0,
            phase: Phase::Intro,
            outcomes: Vec::new(),
            short_roster: false,
            end_armed: false,
        }
    }

    pub fn for_audit(plan: &AuditPlan, people: &[Person], now: NaiveDateTime) -> Self {
        let mut steps = Vec::new();
        for interviewee in &plan.interviewees {
            let Some(person) = people.get(interviewee.person) else {
                continue;
            };
            for (n, (&question, &follow_up)) in interviewee
                .questions
                .iter()
                .zip(&interviewee.follow_ups)
                .enumerate()
            {
                steps.push(Step {
                    person: person.name.clone(),
                    question,
                    follow_up,
                    first_of_person: n == 0,
                });
            }
        }
        Self {
            kind: SessionKind::Audit,
            started: now,
            steps,
            index: 0,
            phase: Phase::Intro,
            outcomes: Vec::new(),
            short_roster: plan.short_roster,
            end_armed: false,
        }
    }

    pub fn step(&self) -> Option<&Step> {
        self.steps.get(self.index)
    }

    /// Seconds on the running timer at the monotonic count `now_ms`, if one runs.
    pub fn timer(&self, now_ms: u64) -> Option<u32> {
        match &self.phase {
            Phase::Asking { started, .. } | Phase::FollowUp { started, .. } => {
                Some(elapsed(*started, now_ms))
            }
            _ => None,
        }
    }

    /// Shows the current step: the introduction of a new interviewee, or the question.
    pub fn enter(&mut self, ctx: &mut Ctx) {
        let Some(step) = self.step() else {
            return;
        };
        if self.kind == SessionKind::Audit && step.first_of_person {
            self.phase = Phase::Intro;
        } else {
            self.ask(ctx);
        }
    }

    fn ask(&mut self, ctx: &mut Ctx) {
        let Some(step) = self.step() else {
            return;
        };
        let draft = ctx
            .content
            .interview
            .questions
            .get(step.question)
            .and_then(|q| ctx.progress.reviews.get(&step.person)?.get(&q.id.value))
            .map(|r| r.draft.clone())
            .unwrap_or_default();
        self.phase = Phase::Asking {
            started: ctx.mono_ms,
            input: TextInput::multi_line(&draft).with_max_chars(MAX_ANSWER),
            typing: true,
        };
        self.fit(ctx.content, ctx.size);
    }

    /// Keeps the cursor of the answer box visible.
    pub fn fit(&mut self, content: &Content, size: (u16, u16)) {
        let area = super::question_view::answer_area(self, content, size);
        if let Phase::Asking { input, .. } | Phase::FollowUp { input, .. } = &mut self.phase {
            input.ensure_cursor_visible(area.width.max(1), area.height.max(1));
        }
    }

    /// Applies a bound action; returns the effects and whether the session is over.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, bool) {
        let ending = matches!(action, Action::Back | Action::Interview(Iv::End));
        if ending {
            return (Vec::new(), self.confirm_end(ctx));
        }
        self.end_armed = false;
        let Action::Interview(iv) = action else {
            return self.update_plain(action);
        };
        match (&mut self.phase, iv) {
            (Phase::Intro, Iv::Confirm) => self.ask(ctx),
            (Phase::Asking { typing, .. } | Phase::FollowUp { typing, .. }, Iv::Type) => {
                *typing = true;
            }
            (Phase::Asking { typing, .. } | Phase::FollowUp { typing, .. }, Iv::StopTyping) => {
                *typing = false;
            }
            (Phase::Asking { .. }, Iv::Reveal) => self.reveal(false, ctx),
            (Phase::Asking { .. }, Iv::Aloud) => self.reveal(true, ctx),
            (Phase::Asking { input, .. }, Iv::RevealFirst(grade) | Iv::Grade(grade)) => {
                // As in Anki, a grade is given with the answer in view: reveal and judge (as
                // typed, or as said aloud when nothing was typed), preselect the grade, and
                // record it only when confirmed on the reveal.
                let aloud = input.text().trim().is_empty();
                self.reveal(aloud, ctx);
                if let Phase::Reveal(r) = &mut self.phase {
                    r.pending = Some(grade);
                    if r.counts_flagged() {
                        ctx.say(
                            "已揭晓：这份回答落入了「别这样答」，会记为没答上（f 改判）；Enter 记分",
                            "Revealed: this answer fell into a trap and counts as missed (f overrules); Enter records",
                        );
                    } else {
                        ctx.say(
                            "已揭晓，还没记分：看完要点按 Enter 记预选的分，或按 1–4 改选",
                            "Revealed, not graded yet: Enter records the preselected grade, or press 1–4",
                        );
                    }
                }
            }
            (Phase::Asking { started, .. }, Iv::Skip) => {
                self.outcomes.push(Outcome {
                    step: self.index,
                    grade: None,
                    seconds: elapsed(*started, ctx.mono_ms),
                    covered: None,
                    aloud: false,
                    flagged: false,
                    follow_up: None,
                });
                return (Vec::new(), self.advance(ctx));
            }
            (Phase::FollowUp { .. }, Iv::Reveal | Iv::Aloud) => self.ask_judge(ctx),
            (Phase::FollowUp { .. }, Iv::Skip) => return (Vec::new(), self.advance(ctx)),
            (Phase::Reveal(r), Iv::Toggle) => {
                if let Some(hit) = r.covered.get_mut(r.cursor) {
                    *hit = !*hit;
                    r.touched = true;
                }
            }
            (Phase::Reveal(_), Iv::Grade(grade)) => return self.grade(grade, ctx),
            (Phase::Reveal(r), Iv::Confirm) => match r.pending {
                Some(grade) => return self.grade(grade, ctx),
                None => ctx.say(
                    "按 1–4 自评（1 没答上 · 2 勉强 · 3 答上了 · 4 很熟）",
                    "Press 1–4 to grade (again · hard · good · easy)",
                ),
            },
            (Phase::Reveal(r), Iv::OverrideFlag) => {
                if r.judgement
                    .as_ref()
                    .is_some_and(keypoints::Judgement::flagged)
                {
                    r.flag_overridden = !r.flag_overridden;
                    if r.flag_overridden {
                        ctx.say(
                            "已改判：不算落入陷阱，按自评记（记录里会注明改判）；再按 f 撤销",
                            "Overruled: not counted as a trap, the grade counts (recorded); f again undoes",
                        );
                    } else {
                        ctx.say(
                            "已撤销改判：仍算落入陷阱",
                            "Overrule undone: counted as a trap again",
                        );
                    }
                } else {
                    ctx.say(
                        "这份回答没有落入陷阱，无需改判",
                        "This answer fell into no trap: nothing to overrule",
                    );
                }
            }
            (Phase::Judge { .. }, Iv::Yes) => return self.judge(true, ctx),
            (Phase::Judge { .. }, Iv::No) => return self.judge(false, ctx),
            _ => {}
        }
        self.fit(ctx.content, ctx.size);
        (Vec::new(), false)
    }

    /// Whether ending now is confirmed: practice ends at once, a mock audit on the second Esc.
    fn confirm_end(&mut self, ctx: &mut Ctx) -> bool {
        if self.kind != SessionKind::Audit || self.end_armed {
            return true;
        }
        self.end_armed = true;
        ctx.say(
            "再按一次 Esc 结束模拟审核（已答的题都已保存），按其他键继续",
            "Press Esc again to end the mock audit (answers are saved); any other key goes on",
        );
        false
    }

    /// Movement inside a session.
    fn update_plain(&mut self, action: Action) -> (Vec<Effect>, bool) {
        if let Phase::Reveal(r) = &mut self.phase {
            let last = r.covered.len().saturating_sub(1);
            match action {
                Action::Up => r.cursor = r.cursor.saturating_sub(1),
                Action::Down => r.cursor = (r.cursor + 1).min(last),
                Action::PageDown => r.scroll = r.scroll.saturating_add(5),
                Action::PageUp => r.scroll = r.scroll.saturating_sub(5),
                Action::First => r.scroll = 0,
                _ => {}
            }
        }
        (Vec::new(), false)
    }

    /// A key typed into the answer box.
    pub fn text_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> (Vec<Effect>, bool) {
        let outcome = match &mut self.phase {
            Phase::Asking { input, .. } | Phase::FollowUp { input, .. } => input.handle_key(key),
            _ => return (Vec::new(), false),
        };
        let result = match outcome {
            InputOutcome::Edited => (self.save_draft(ctx), false),
            InputOutcome::Submit => self.update(Action::Interview(Iv::Reveal), ctx),
            InputOutcome::Cancel => self.update(Action::Interview(Iv::StopTyping), ctx),
            InputOutcome::Moved | InputOutcome::Ignored => (Vec::new(), false),
        };
        self.fit(ctx.content, ctx.size);
        result
    }

    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) -> Vec<Effect> {
        match &mut self.phase {
            Phase::Asking { input, typing, .. } | Phase::FollowUp { input, typing, .. } => {
                input.insert_str(text);
                *typing = true;
            }
            _ => return Vec::new(),
        }
        self.fit(ctx.content, ctx.size);
        self.save_draft(ctx)
    }

    /// Writes the main answer typed so far into progress, so a kill loses nothing.
    fn save_draft(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let (Phase::Asking { input, .. }, Some(step)) = (&self.phase, self.steps.get(self.index))
        else {
            return Vec::new();
        };
        let Some(question) = ctx.content.interview.questions.get(step.question) else {
            return Vec::new();
        };
        if write_draft(ctx.progress, &step.person, &question.id, &input.text()) {
            vec![Effect::Save]
        } else {
            Vec::new()
        }
    }

    fn reveal(&mut self, aloud: bool, ctx: &mut Ctx) {
        let (Phase::Asking { started, input, .. }, Some(step)) =
            (&self.phase, self.steps.get(self.index))
        else {
            return;
        };
        let Some(question) = ctx.content.interview.questions.get(step.question) else {
            return;
        };
        let answer = input.text();
        let typed = !aloud && !answer.trim().is_empty();
        let grade = ctx
            .progress
            .settings
            .target_grade
            .unwrap_or(keypoints::DEFAULT_GRADE);
        let judgement = typed.then(|| keypoints::judge(&answer, question, grade));
        let auto = judgement.as_ref().map(keypoints::Judgement::hits);
        self.phase = Phase::Reveal(RevealState {
            seconds: elapsed(*started, ctx.mono_ms),
            answer: if typed { answer } else { String::new() },
            aloud: !typed,
            covered: auto
                .clone()
                .unwrap_or_else(|| vec![false; question.key_points.len()]),
            auto,
            judgement,
            touched: false,
            cursor: 0,
            scroll: 0,
            pending: None,
            flag_overridden: false,
        });
    }

    fn grade(&mut self, grade: u8, ctx: &mut Ctx) -> (Vec<Effect>, bool) {
        let (Phase::Reveal(r), Some(step)) = (&self.phase, self.steps.get(self.index)) else {
            return (Vec::new(), false);
        };
        let Some(question) = ctx.content.interview.questions.get(step.question) else {
            return (Vec::new(), false);
        };
        let flagged = r
            .judgement
            .as_ref()
            .is_some_and(keypoints::Judgement::flagged);
        let flag_overridden = flagged && r.flag_overridden;
        let covered = (!r.aloud || r.touched).then(|| {
            r.covered
                .iter()
                .enumerate()
                .filter_map(|(i, hit)| hit.then_some(i))
                .collect::<Vec<usize>>()
        });
        // Whole seconds keep the file readable; nothing finer is meaningful here.
        let at = ctx.now.with_nanosecond(0).unwrap_or(ctx.now);
        let review = Review {
            at,
            grade,
            seconds: r.seconds,
            covered: covered.clone(),
            answer: r.answer.clone(),
            aloud: r.aloud,
            flagged,
            flag_overridden,
            follow_up: None,
        };
        let record = ctx
            .progress
            .reviews
            .entry(step.person.clone())
            .or_default()
            .entry(question.id.value.clone())
            .or_default();
        record_review(record, review, fingerprint(question));
        self.outcomes.push(Outcome {
            step: self.index,
            grade: Some(grade),
            seconds: r.seconds,
            covered,
            aloud: r.aloud,
            flagged: flagged && !flag_overridden,
            follow_up: None,
        });
        let follow_up = step.follow_up;
        let finished = match follow_up {
            Some(_) if self.kind == SessionKind::Audit => {
                self.phase = Phase::FollowUp {
                    started: ctx.mono_ms,
                    input: TextInput::multi_line("").with_max_chars(MAX_ANSWER),
                    typing: true,
                };
                self.fit(ctx.content, ctx.size);
                false
            }
            _ => self.advance(ctx),
        };
        (vec![Effect::Save], finished)
    }

    fn ask_judge(&mut self, ctx: &mut Ctx) {
        if let Phase::FollowUp { started, input, .. } = &self.phase {
            self.phase = Phase::Judge {
                seconds: elapsed(*started, ctx.mono_ms),
                answer: input.text().trim().to_owned(),
            };
        }
    }

    fn judge(&mut self, answered: bool, ctx: &mut Ctx) -> (Vec<Effect>, bool) {
        let (Phase::Judge { seconds, answer }, Some(step)) =
            (&self.phase, self.steps.get(self.index))
        else {
            return (Vec::new(), false);
        };
        let Some(question) = ctx.content.interview.questions.get(step.question) else {
            return (Vec::new(), false);
        };
        let text = step
            .follow_up
            .and_then(|f| question.follow_ups.get(f))
            .cloned()
            .unwrap_or_default();
        let result = FollowUpResult {
            question: text,
            answered,
            seconds: *seconds,
            answer: answer.clone(),
        };
        if let Some(review) = ctx
            .progress
            .reviews
            .get_mut(&step.person)
            .and_then(|m| m.get_mut(&question.id.value))
            .and_then(|r| r.history.last_mut())
        {
            review.follow_up = Some(result.clone());
        }
        if let Some(outcome) = self
            .outcomes
            .iter_mut()
            .rev()
            .find(|o| o.step == self.index)
        {
            outcome.follow_up = Some(result);
        }
        (vec![Effect::Save], self.advance(ctx))
    }

    /// Moves to the next step; true when there is none.
    fn advance(&mut self, ctx: &mut Ctx) -> bool {
        self.index = self.index.saturating_add(1);
        if self.index >= self.steps.len() {
            return true;
        }
        self.enter(ctx);
        false
    }
}

/// Stores `text` as the person's draft answer to question `id`, dropping empty records.
/// Returns whether anything changed.
pub fn write_draft(progress: &mut Progress, person: &str, id: &str, text: &str) -> bool {
    let answers = progress.reviews.entry(person.to_owned()).or_default();
    let record = answers.entry(id.to_owned()).or_default();
    let changed = record.draft != text;
    record.draft = text.to_owned();
    if record.is_empty() {
        answers.remove(id);
    }
    if answers.is_empty() {
        progress.reviews.remove(person);
    }
    changed
}
