//! The table sections both reports carry, built once as data ([`Section`], [`Table`]) from
//! the [`Overview`]: overdue checklist items, open work by owner, the timeline's phases,
//! interview readiness and demo rehearsal times. The Markdown and HTML writers only render
//! them, so the two reports cannot drift apart.

use super::management::{days_left, overdue_days, phase_state, range};
use super::overview::{Overview, clock, percent};
use super::table::{Cell, Column, Kind, Section, Table, or_dash};
use crate::domain::interview_stats::Readiness;
use crate::domain::timeline::PhaseState;
use crate::i18n::Lang;

/// Checklist items past their due date and not done, most overdue first.
pub fn overdue_items(o: &Overview) -> Section {
    let lang = o.lang;
    let rows = o
        .overdue_items
        .iter()
        .map(|i| {
            vec![
                Cell::from(i.id.as_str()),
                Cell::from(i.title.as_str()),
                Cell::from(i.phase.as_str()),
                Cell::from(i.due.to_string()),
                Cell::marked(overdue_days(-i.days_left, lang), "warn"),
                Cell::from(or_dash(&i.owner)),
            ]
        })
        .collect();
    Section {
        title: lang.t("逾期的清单项", "Overdue checklist items"),
        empty: lang.t("没有逾期的清单项。", "No checklist item is overdue."),
        table: Table {
            columns: vec![
                Column::new(lang.t("编号", "ID"), Kind::Key),
                Column::new(lang.t("事项", "Item"), Kind::Text),
                Column::new(lang.t("阶段", "Phase"), Kind::Text),
                Column::new(lang.t("截止日期", "Due"), Kind::Key),
                Column::new(lang.t("逾期", "Overdue"), Kind::Key),
                Column::new(lang.t("负责人", "Owner"), Kind::Text),
            ],
            rows,
        },
    }
}

/// Open work by owner: checklist items and rectifications.
pub fn owners(o: &Overview) -> Section {
    let lang = o.lang;
    let rows = o
        .owners
        .iter()
        .map(|line| {
            vec![
                Cell::from(line.name.as_str()),
                Cell::from(line.items_open.to_string()),
                Cell::from(line.items_overdue.to_string()),
                Cell::from(line.rect_open.to_string()),
                Cell::from(line.rect_overdue.to_string()),
            ]
        })
        .collect();
    Section {
        title: lang.t("按负责人", "By owner"),
        empty: lang.t(
            "还没有指定负责人的未完成事项。",
            "No open work has an owner yet.",
        ),
        table: Table {
            columns: vec![
                Column::new(lang.t("负责人", "Owner"), Kind::Text),
                Column::new(lang.t("未完成清单项", "Open checklist items"), Kind::Number),
                Column::new(lang.t("其中逾期", "Overdue"), Kind::Number),
                Column::new(lang.t("未关闭整改", "Open rectifications"), Kind::Number),
                Column::new(lang.t("其中逾期", "Overdue"), Kind::Number),
            ],
            rows,
        },
    }
}

/// The timeline's phases: duration, start, end and state.
pub fn timeline(o: &Overview) -> Table {
    let lang = o.lang;
    let rows = o
        .plan
        .phases
        .iter()
        .map(|p| {
            let mark = match p.state {
                PhaseState::Finished => "good",
                PhaseState::Current => "busy",
                PhaseState::Upcoming => "",
            };
            vec![
                Cell::from(p.title.as_str()),
                Cell::from(p.label.as_str()),
                Cell::from(range(&p.start, lang)),
                Cell::from(range(&p.end, lang)),
                Cell::marked(phase_state(p.state, lang), mark),
            ]
        })
        .collect();
    Table {
        columns: vec![
            Column::new(lang.t("阶段", "Phase"), Kind::Text),
            Column::new(lang.t("周期", "Duration"), Kind::Text),
            Column::new(lang.t("开始", "Start"), Kind::Key),
            Column::new(lang.t("结束", "End"), Kind::Key),
            Column::new(lang.t("状态", "State"), Kind::Key),
        ],
        rows,
    }
}

/// The dates after the certificate (first annual inspection, ISO 20000 target), as
/// "label: date (N days left)" lines.
pub fn after_certificate(o: &Overview) -> Vec<String> {
    let lang = o.lang;
    [
        (
            lang.t("首年年检", "First annual inspection"),
            o.plan.inspection,
        ),
        (
            lang.t("ISO 20000 目标", "ISO 20000 target"),
            o.plan.iso20000,
        ),
    ]
    .into_iter()
    .filter_map(|(label, c)| {
        let c = c?;
        let when = days_left(c.days_left, lang);
        Some(match lang {
            Lang::Zh => format!("{label}：{}（{when}）", c.date),
            Lang::En => format!("{label}: {} ({when})", c.date),
        })
    })
    .collect()
}

/// Interview readiness by person.
pub fn interviews(o: &Overview) -> Section {
    let lang = o.lang;
    let opt = |v: Option<f64>| v.map_or("—".to_owned(), percent);
    let rows = o
        .people
        .iter()
        .map(|p| {
            let t = &p.tally;
            let ready = p.ready == Readiness::Ready;
            vec![
                Cell::from(p.name.as_str()),
                Cell::from(p.roles.join(lang.t("、", ", "))),
                Cell::from(format!("{}/{}", t.answered, t.questions)),
                Cell::from(t.due.to_string()),
                Cell::from(opt(t.accuracy)),
                Cell::from(opt(t.coverage)),
                Cell {
                    text: p.ready.label(lang).to_owned(),
                    mark: if ready { "good" } else { "warn" },
                    strong: ready,
                },
            ]
        })
        .collect();
    Section {
        title: lang.t("访谈准备（按人）", "Interview readiness (by person)"),
        empty: lang.t(
            "尚未登记人员（在模拟访谈中按 a 添加）。",
            "Nobody registered yet (press a in the mock interview to add people).",
        ),
        table: Table {
            columns: vec![
                Column::new(lang.t("姓名", "Name"), Kind::Text),
                Column::new(lang.t("岗位", "Roles"), Kind::Text),
                Column::new(lang.t("已练/题数", "Practised/questions"), Kind::Number),
                Column::new(lang.t("待复习", "Due"), Kind::Number),
                Column::new(lang.t("答对率", "Correct"), Kind::Number),
                Column::new(lang.t("要点覆盖", "Key points"), Kind::Number),
                Column::new(lang.t("状态", "State"), Kind::Text),
            ],
            rows,
        },
    }
}

/// Demo rehearsal times; a last run over the target is marked.
pub fn sops(o: &Overview) -> Section {
    let lang = o.lang;
    let opt = |v: Option<u32>| v.map_or("—".to_owned(), clock);
    let rows = o
        .sops
        .iter()
        .map(|s| {
            let over = s.last_seconds.is_some_and(|l| l > s.target_seconds);
            vec![
                Cell::from(s.title.as_str()),
                Cell::from(s.steps.to_string()),
                Cell::from(clock(s.target_seconds)),
                Cell::from(s.runs.to_string()),
                Cell::from(opt(s.best_seconds)),
                Cell::marked(opt(s.last_seconds), if over { "warn" } else { "" }),
                Cell::from(
                    s.last_run
                        .map_or("—".to_owned(), |d| d.format("%Y-%m-%d").to_string()),
                ),
            ]
        })
        .collect();
    Section {
        title: lang.t("演示预演用时", "Demo rehearsal times"),
        empty: lang.t("内容里没有演示流程。", "The content has no demo SOPs."),
        table: Table {
            columns: vec![
                Column::new(lang.t("演示", "Demo"), Kind::Text),
                Column::new(lang.t("步数", "Steps"), Kind::Number),
                Column::new(lang.t("目标", "Target"), Kind::Number),
                Column::new(lang.t("预演次数", "Runs"), Kind::Number),
                Column::new(lang.t("最好", "Best"), Kind::Number),
                Column::new(lang.t("最近", "Last"), Kind::Number),
                Column::new(lang.t("最近一次", "Last run"), Kind::Key),
            ],
            rows,
        },
    }
}

/// "预演中标记、尚未转为整改项的问题：N 条。", when there are any.
pub fn pending_findings(o: &Overview) -> Option<String> {
    (o.pending_findings > 0).then(|| match o.lang {
        Lang::Zh => format!(
            "预演中标记、尚未转为整改项的问题：{} 条。",
            o.pending_findings
        ),
        Lang::En => format!(
            "Problems marked in rehearsals and not yet made rectification items: {}.",
            o.pending_findings
        ),
    })
}
