//! The report at the end of a session: per person, the questions answered, the key points
//! missed (listed), follow-ups and the time taken.

use chrono::NaiveDateTime;
use ratatui::text::{Line, Span};

use super::session::{Session, SessionKind};
use crate::content::Content;
use crate::i18n::Lang;
use crate::progress::Progress;
use crate::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonReport {
    pub name: String,
    /// Role titles.
    pub roles: Vec<String>,
    /// Questions put to this person in the session.
    pub asked: usize,
    /// Of those, answered and graded.
    pub answered: usize,
    /// Graded good or easy and not flagged.
    pub good: usize,
    /// Answers that fell into a trap (counted as 没答上 whatever the grade).
    pub flagged: usize,
    /// Key points of the answers that were checked, and how many were covered.
    pub points: usize,
    pub covered: usize,
    /// Answers given aloud whose key points nobody ticked.
    pub unchecked: usize,
    pub follow_ups: usize,
    pub follow_ups_answered: usize,
    pub seconds: u32,
    /// (question index, key point index) not covered.
    pub missed: Vec<(usize, usize)>,
    /// Questions skipped with n (question indices).
    pub skipped: Vec<usize>,
    /// Questions not reached because the session was ended early.
    pub not_reached: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: SessionKind,
    pub started: NaiveDateTime,
    pub short_roster: bool,
    pub people: Vec<PersonReport>,
    /// Set once the misses were turned into rectification items, so they are not made twice.
    pub converted: bool,
    /// A mock audit's staff section: what the auditors will check in the register (counts by
    /// level, certificates to renew, missing documents), by name and role only.
    pub staff: Vec<String>,
}

pub fn build(
    session: &Session,
    content: &Content,
    progress: &Progress,
    lang: crate::i18n::Lang,
) -> Report {
    let mut people: Vec<PersonReport> = Vec::new();
    for (index, step) in session.steps.iter().enumerate() {
        let slot = match people.iter().position(|p| p.name == step.person) {
            Some(i) => i,
            None => {
                let roles = progress
                    .people
                    .iter()
                    .find(|p| p.name == step.person)
                    .map(|p| {
                        p.roles
                            .iter()
                            .map(|r| role_title(content, r))
                            .collect::<Vec<String>>()
                    })
                    .unwrap_or_default();
                people.push(PersonReport {
                    name: step.person.clone(),
                    roles,
                    asked: 0,
                    answered: 0,
                    good: 0,
                    flagged: 0,
                    points: 0,
                    covered: 0,
                    unchecked: 0,
                    follow_ups: 0,
                    follow_ups_answered: 0,
                    seconds: 0,
                    missed: Vec::new(),
                    skipped: Vec::new(),
                    not_reached: Vec::new(),
                });
                people.len() - 1
            }
        };
        let report = &mut people[slot];
        report.asked += 1;
        let outcome = session.outcomes.iter().find(|o| o.step == index);
        let Some(outcome) = outcome.filter(|o| o.grade.is_some()) else {
            match outcome {
                Some(o) => {
                    report.skipped.push(step.question);
                    report.seconds = report.seconds.saturating_add(o.seconds);
                }
                None => report.not_reached.push(step.question),
            }
            continue;
        };
        report.answered += 1;
        if outcome.flagged {
            report.flagged += 1;
        } else if outcome.grade.is_some_and(|g| g >= 3) {
            report.good += 1;
        }
        report.seconds = report.seconds.saturating_add(outcome.seconds);
        let total = content
            .interview
            .questions
            .get(step.question)
            .map_or(0, |q| q.key_points.len());
        match &outcome.covered {
            Some(covered) => {
                report.points += total;
                report.covered += covered.iter().filter(|&&i| i < total).count();
                for point in (0..total).filter(|i| !covered.contains(i)) {
                    report.missed.push((step.question, point));
                }
            }
            None => report.unchecked += 1,
        }
        if let Some(f) = &outcome.follow_up {
            report.follow_ups += 1;
            report.seconds = report.seconds.saturating_add(f.seconds);
            if f.answered {
                report.follow_ups_answered += 1;
            }
        }
    }
    let staff = if session.kind == SessionKind::Audit {
        staff_lines(content, progress, session.started.date(), lang)
    } else {
        Vec::new()
    };
    Report {
        kind: session.kind.clone(),
        started: session.started,
        short_roster: session.short_roster,
        people,
        converted: false,
        staff,
    }
}

/// The register as the auditors will look at it on `today`, in `lang`: staff by 涉密等级,
/// the checks that fail, and who each concerns, by name only.
pub fn staff_lines(
    content: &Content,
    progress: &Progress,
    today: chrono::NaiveDate,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    use crate::domain::people::check_all;
    use crate::domain::people::lines::{CheckKind, check_lines};
    use crate::i18n::Lang;
    use crate::progress::Level;
    if progress.people.is_empty() {
        return vec![
            lang.t(
                "人员台账为空：审核组会按台账抽人、核对社保，先在人员台账（7）登记",
                "The staff register is empty: auditors pick interviewees from it and check \
                 social insurance; add people in the register (7) first",
            )
            .to_owned(),
        ];
    }
    let checks = check_all(content, progress, today);
    let count = |level: Option<Level>| {
        progress
            .people
            .iter()
            .filter(|p| !p.has_left(today) && p.level == level)
            .count()
    };
    let (core, important, general, none, unset) = (
        count(Some(Level::Core)),
        count(Some(Level::Important)),
        count(Some(Level::General)),
        count(Some(Level::None)),
        count(None),
    );
    let mut out = vec![match lang {
        Lang::Zh => format!(
            "在职 {} 人：核心 {core}、重要 {important}、一般 {general}、非涉密 {none}、未定 {unset}",
            checks.active,
        ),
        Lang::En => format!(
            "{} on the staff: core {core}, important {important}, general {general}, \
             none {none}, unset {unset}",
            checks.active,
        ),
    }];
    for line in check_lines(progress, &checks, today, lang) {
        let headcount = line.kind == CheckKind::Headcount;
        if !line.failing && !line.text.starts_with('✓') && !headcount {
            continue;
        }
        let names: Vec<&str> = line
            .ids
            .iter()
            .filter_map(|id| progress.person(id).map(|p| p.name.as_str()))
            .take(8)
            .collect();
        let who = if line.failing && !headcount && !names.is_empty() {
            let more = line.ids.len().saturating_sub(names.len());
            match lang {
                Lang::Zh => {
                    let more = if more > 0 {
                        format!(" 等 {} 人", line.ids.len())
                    } else {
                        String::new()
                    };
                    format!("：{}{more}", names.join("、"))
                }
                Lang::En => {
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!(": {}{more}", names.join(", "))
                }
            }
        } else {
            String::new()
        };
        out.push(format!("{}{who}", line.text));
    }
    out
}

/// One rectification finding per person and question with missed key points: the title names
/// the person and the question, the description lists the points they missed.
pub fn findings(report: &Report, content: &Content) -> Vec<crate::domain::rectification::Finding> {
    let mut out = Vec::new();
    for person in &report.people {
        let mut questions: Vec<usize> = person.missed.iter().map(|&(q, _)| q).collect();
        questions.dedup();
        for q in questions {
            let Some(question) = content.interview.questions.get(q) else {
                continue;
            };
            let short: String = question.question.chars().take(24).collect();
            let title = format!("模拟访谈：{} 未答全「{short}」", person.name);
            let mut finding =
                crate::domain::rectification::Finding::interview_miss(&question.id, &title);
            let points: Vec<&str> = person
                .missed
                .iter()
                .filter(|&&(mq, _)| mq == q)
                .filter_map(|&(_, p)| question.key_points.get(p).map(|k| k.point.as_str()))
                .collect();
            finding.description = format!(
                "{} 回答「{}」时漏答要点：{}",
                person.name,
                question.question,
                points.join("；")
            );
            out.push(finding);
        }
    }
    out
}

pub fn role_title(content: &Content, id: &str) -> String {
    content
        .interview
        .roles
        .iter()
        .find(|r| *r.id == *id)
        .map(|r| short_role(&r.title).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// A role title without its parenthesised long form: 保密管理员（安全保密管理员）→ 保密管理员.
pub fn short_role(title: &str) -> &str {
    title.split(['（', '(']).next().unwrap_or(title)
}

/// `m:ss`.
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn percent(a: usize, b: usize) -> String {
    match (a * 100).checked_div(b) {
        Some(p) => format!("{p}%"),
        None => "—".to_owned(),
    }
}

/// The report as lines for a scrolling paragraph.
pub fn lines<'a>(
    report: &Report,
    content: &'a Content,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let asked: usize = report.people.iter().map(|p| p.asked).sum();
    let points: usize = report.people.iter().map(|p| p.points).sum();
    let covered: usize = report.people.iter().map(|p| p.covered).sum();
    out.push(Line::from(vec![
        Span::styled(
            format!("{}{} ", report.kind.title(lang), lang.t("报告", " report")),
            theme.title,
        ),
        Span::styled(
            format!(
                "{} · {} {} · {} {} · {} {}",
                report.started.format("%Y-%m-%d %H:%M"),
                report.people.len(),
                lang.t("人", "people"),
                asked,
                lang.t("题", "questions"),
                lang.t("要点覆盖", "key points"),
                percent(covered, points)
            ),
            theme.dim,
        ),
    ]));
    if report.short_roster {
        out.push(Line::from(Span::styled(
            lang.t(
                "名单不足 3 人，本次全员参加；正式审核一般随机抽 3–5 人",
                "Fewer than 3 people on the roster: everyone took part",
            ),
            theme.busy,
        )));
    }
    let sym_miss = theme.sym("✗", "x");
    for person in &report.people {
        out.push(Line::default());
        let roles = if person.roles.is_empty() {
            String::new()
        } else {
            format!("（{}）", person.roles.join("、"))
        };
        out.push(Line::from(Span::styled(
            format!("{}{}{roles}", theme.sym("▌", "#"), person.name),
            theme.section,
        )));
        let avg = if person.answered > 0 {
            clock(person.seconds / u32::try_from(person.answered).unwrap_or(u32::MAX))
        } else {
            "—".to_owned()
        };
        let points = if person.points == 0 {
            "—".to_owned()
        } else {
            format!("{}/{}", person.covered, person.points)
        };
        let mut summary = format!(
            "  {} {}/{} · {} {} · {} {points}",
            lang.t("作答", "answered"),
            person.answered,
            person.asked,
            lang.t("答上", "good"),
            person.good,
            lang.t("要点", "key points"),
        );
        if person.flagged > 0 {
            summary.push_str(&format!(
                " · {} {}",
                lang.t("落入陷阱", "traps"),
                person.flagged
            ));
        }
        if person.follow_ups > 0 {
            summary.push_str(&format!(
                " · {} {}/{}",
                lang.t("追问答上", "follow-ups"),
                person.follow_ups_answered,
                person.follow_ups
            ));
        }
        summary.push_str(&format!(
            " · {} {}（{} {avg}）",
            lang.t("用时", "time"),
            clock(person.seconds),
            lang.t("平均", "avg"),
        ));
        out.push(Line::from(summary));
        if person.unchecked > 0 {
            out.push(Line::from(Span::styled(
                format!(
                    "  {} {} {}",
                    person.unchecked,
                    lang.t(
                        "题口头作答、未勾要点",
                        "answered aloud, key points not ticked"
                    ),
                    lang.t("（揭晓后用空格勾选）", "(tick them with Space)")
                ),
                theme.dim,
            )));
        }
        if person.missed.is_empty() && person.points > 0 {
            out.push(Line::from(Span::styled(
                lang.t("  要点全部答到", "  Every key point covered"),
                theme.good,
            )));
        }
        let mut last_question = None;
        for &(q, p) in &person.missed {
            let Some(question) = content.interview.questions.get(q) else {
                continue;
            };
            if last_question != Some(q) {
                out.push(Line::from(Span::styled(
                    format!("  {} {}", theme.sym("·", "-"), question.question),
                    theme.dim,
                )));
                last_question = Some(q);
            }
            if let Some(point) = question.key_points.get(p) {
                out.push(Line::from(vec![
                    Span::styled(format!("    {sym_miss} "), theme.alert),
                    Span::raw(point.point.as_str()),
                ]));
            }
        }
        let audit = report.kind == SessionKind::Audit;
        let listed = person
            .skipped
            .iter()
            .map(|q| (lang.t("跳过：", "skipped: "), q))
            .chain(
                person
                    .not_reached
                    .iter()
                    .filter(|_| audit)
                    .map(|q| (lang.t("未问到：", "not asked: "), q)),
            );
        for (label, &q) in listed {
            if let Some(question) = content.interview.questions.get(q) {
                out.push(Line::from(Span::styled(
                    format!("  {label}{}", question.question),
                    theme.busy,
                )));
            }
        }
        if !audit && !person.not_reached.is_empty() {
            out.push(Line::from(Span::styled(
                format!(
                    "  {} {} {}",
                    lang.t("本轮还有", "Left for next time:"),
                    person.not_reached.len(),
                    lang.t("题没练到，下次继续", "questions")
                ),
                theme.dim,
            )));
        }
    }
    if !report.staff.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            format!(
                "{}{}",
                theme.sym("▌", "#"),
                lang.t("人员台账", "Staff register")
            ),
            theme.section,
        )));
        for line in &report.staff {
            out.push(Line::from(format!("  {line}")));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        lang.t(
            "漏掉的要点已记入各人的复习计划；回到名单选中该人按 w 突击错题，或按 p 练习到期题。",
            "Missed points are in each person's schedule: select them and press w or p.",
        ),
        theme.dim,
    )));
    out
}

#[cfg(test)]
mod staff_tests {
    use chrono::NaiveDate;

    use super::staff_lines;
    use crate::content::load_built_in;
    use crate::progress::{Level, Person, Progress};

    #[test]
    fn a_mock_audit_report_lists_the_register_by_level_and_who_misses_what() {
        let content = load_built_in().expect("built-in");
        let mut core = Person::roster_entry("张伟", vec!["engineer".to_owned()]);
        core.level = Some(Level::Core);
        let mut other = Person::roster_entry("赵六", Vec::new());
        other.level = Some(Level::None);
        let progress = Progress {
            people: vec![core, other],
            ..Progress::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let lines = staff_lines(&content, &progress, today, crate::i18n::Lang::Zh);
        assert_eq!(
            lines[0],
            "在职 2 人：核心 1、重要 0、一般 0、非涉密 1、未定 0"
        );
        assert!(
            lines.iter().any(|l| l == "✗ 涉密人员未签承诺书 1：张伟"),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.contains("赵六")), "{lines:?}");
    }

    #[test]
    fn the_staff_section_reads_in_english_with_names_as_typed() {
        let content = load_built_in().expect("built-in");
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let en = crate::i18n::Lang::En;
        let empty = staff_lines(&content, &Progress::default(), today, en);
        assert!(
            empty[0].starts_with("The staff register is empty"),
            "{empty:?}"
        );
        let mut core = Person::roster_entry("张伟", vec!["engineer".to_owned()]);
        core.level = Some(Level::Core);
        let progress = Progress {
            people: vec![core],
            ..Progress::default()
        };
        let lines = staff_lines(&content, &progress, today, en);
        assert_eq!(
            lines[0],
            "1 on the staff: core 1, important 0, general 0, none 0, unset 0"
        );
        assert!(
            lines
                .iter()
                .any(|l| l == "✗ Classified staff without pledge 1: 张伟"),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("insured 1 year 0 / Grade B needs")),
            "{lines:?}"
        );
    }
}
