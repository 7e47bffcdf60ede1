//! Every figure carries its basis: a text that states a number with a unit (天, 月, %, 分, 万,
//! 年, 人, 小时 …) must say where it comes from, and a rule (a deadline, a threshold) always
//! must. Each item, tip, rule, template, demo step and scoring criterion carries its own basis;
//! nothing inherits one from its file or section.

use super::super::model::*;
use super::super::problem::Problem;
use super::super::text::Text;

/// Units that make a number a figure. Longer ones first, so 个工作日 wins over 日.
const UNITS: [&str; 17] = [
    "个工作日",
    "工作日",
    "个月",
    "小时",
    "学时",
    "平方米",
    "个",
    "天",
    "日",
    "月",
    "周",
    "%",
    "％",
    "分",
    "万",
    "年",
    "人",
];

/// Units a figure in Chinese numerals is recognised by (十五日, 三年以上, 六个月); the others
/// (一人, 十分) are too often ordinary words.
const CHINESE_UNITS: [&str; 7] = ["个工作日", "工作日", "个月", "小时", "天", "日", "年"];

/// Words before a Chinese numeral that make it no figure (同一日, 每一年, 第三年).
const NOT_A_FIGURE_BEFORE: &str = "同每第某任逐唯统单选哪";

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_chinese_numeral(c: char) -> bool {
    "一二两三四五六七八九十百千半".contains(c)
}

/// The first figure in `text` (a number and its unit), if any.
pub fn find_figure(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let arabic = is_digit(c);
        if !(arabic || is_chinese_numeral(c)) {
            i += 1;
            continue;
        }
        let start = i;
        let numeral = |c: char| {
            if arabic {
                is_digit(c) || ".,–-~—".contains(c)
            } else {
                is_chinese_numeral(c)
            }
        };
        while i < chars.len() && numeral(chars[i]) {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let rest: String = chars[j..chars.len().min(j + 6)].iter().collect();
        let units: &[&str] = if arabic { &UNITS } else { &CHINESE_UNITS };
        let unit = units.iter().find(|u| rest.starts_with(**u));
        let Some(unit) = unit else {
            continue;
        };
        let after: String = chars[j + unit.chars().count()..].iter().take(1).collect();
        let ordinary = match *unit {
            // 分钟 (the content's own timings), 分贝 (a measure, not a rule of its own).
            // 2点40分 is a time of day.
            "分" => {
                after == "钟"
                    || after == "贝"
                    || !arabic
                    || before_number(&chars, start) == Some('点')
            }
            // "2024 年" is a date, not a duration.
            "年" => arabic && number.len() == 4 && number.starts_with(['1', '2']),
            // "3月31日", "9 月": calendar dates, not durations (durations say 个月).
            "月" => arabic,
            "日" => arabic && before_number(&chars, start) == Some('月'),
            // 个 only counts with a noun that makes it a requirement.
            "个" => !(after == "涉" || after == "项" || after == "案"),
            _ => false,
        };
        let before = start.checked_sub(1).map(|b| chars[b]);
        let chinese_excluded = !arabic
            && (before.is_some_and(|b| NOT_A_FIGURE_BEFORE.contains(b))
                || (number == "一" && *unit == "日"));
        if ordinary || chinese_excluded {
            continue;
        }
        return Some(format!("{}{unit}", number.trim()));
    }
    None
}

/// The character before a number, skipping spaces ("3 月 31 日").
fn before_number(chars: &[char], start: usize) -> Option<char> {
    chars[..start].iter().rev().find(|c| **c != ' ').copied()
}

fn inline(text: &Text) -> &str {
    match text {
        Text::Inline(s) => s,
        // Validation runs on parsed YAML, where every text is inline.
        Text::Stored { .. } => "",
    }
}

fn missing(what: &str, figure: &str) -> String {
    format!(
        "{what}写了数字「{figure}」却没有 basis：加上 basis 说明它从哪来——official（文件名、article 条款、year 年份）、\
         source-guide（办理指南）、practice（行业惯例）或 vendor-claim（代办机构宣传口径）"
    )
}

/// The first figure among named texts, with the name of the field it is in.
fn first_figure<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<(&'a str, String)> {
    fields
        .into_iter()
        .find_map(|(name, text)| find_figure(text).map(|f| (name, f)))
}

pub fn check_item(file: &str, item: &Item, problems: &mut Vec<Problem>) {
    let fields = [
        ("title", &*item.title),
        ("what", inline(&item.what)),
        ("acceptance", inline(&item.acceptance)),
        (
            "pitfall",
            item.pitfall.as_ref().map(inline).unwrap_or_default(),
        ),
        (
            "evidence_hint",
            item.evidence_hint.as_deref().unwrap_or_default(),
        ),
    ];
    if item.basis.is_empty()
        && let Some((field, figure)) = first_figure(fields)
    {
        problems.push(Problem::at(
            file,
            &item.id,
            missing(&format!("清单项 `{}` 的 {field} ", item.id), &figure),
        ));
    }
    for (n, tip) in item.tips.iter().enumerate() {
        if tip.basis.is_empty()
            && let Some(figure) = find_figure(inline(&tip.text))
        {
            problems.push(Problem::at(
                file,
                &item.id,
                missing(
                    &format!(
                        "清单项 `{}` 的第 {} 条提示（tips）；改成 {{text: …, basis: …}}，",
                        item.id,
                        n + 1
                    ),
                    &figure,
                ),
            ));
        }
    }
    if let Some(rule) = &item.deadline
        && rule.basis.is_empty()
    {
        problems.push(Problem::at(
            file,
            &item.id,
            format!(
                "清单项 `{}` 的 deadline 是一条时限规则，必须有自己的 basis（写在 deadline 下面）",
                item.id
            ),
        ));
    }
}

pub fn check_question(file: &str, q: &Question, problems: &mut Vec<Problem>) {
    if !q.basis.is_empty() {
        return;
    }
    let fields = [
        ("question", q.question.as_str()),
        ("answer", &q.answer),
        ("trap", q.trap.as_deref().unwrap_or_default()),
    ];
    if let Some((field, figure)) = first_figure(fields) {
        problems.push(Problem::at(
            file,
            &q.id,
            missing(&format!("访谈题 `{}` 的 {field} ", q.id), &figure),
        ));
    }
}

pub fn check_phase(file: &str, phase: &Phase, problems: &mut Vec<Problem>) {
    if let Some(d) = &phase.duration
        && d.basis.is_empty()
    {
        problems.push(Problem::at(
            file,
            &phase.id,
            "duration 是一个时长数字，必须有自己的 basis（写在 duration 下面）",
        ));
    }
}

pub fn check_template(file: &str, t: &Template, problems: &mut Vec<Problem>) {
    if !t.basis.is_empty() {
        return;
    }
    if t.due_working_days.is_some() {
        problems.push(Problem::at(
            file,
            &t.id,
            format!("整改模板 `{}` 有 due_working_days，必须写 basis", t.id),
        ));
        return;
    }
    let fields = [
        ("title", t.title.as_str()),
        ("description", &t.description),
        ("root_cause", &t.root_cause),
        ("action", &t.action),
        (
            "evidence_hint",
            t.evidence_hint.as_deref().unwrap_or_default(),
        ),
    ];
    if let Some((field, figure)) = first_figure(fields) {
        problems.push(Problem::at(
            file,
            &t.id,
            missing(&format!("整改模板 `{}` 的 {field} ", t.id), &figure),
        ));
    }
}

pub fn check_sop_step(file: &str, step: &SopStep, problems: &mut Vec<Problem>) {
    if !step.basis.is_empty() {
        return;
    }
    let plain: Vec<&str> = step.jargon.iter().map(|j| j.plain.as_str()).collect();
    let fields = [
        ("title", step.title.as_str()),
        ("action", &step.action),
        ("say", &step.say),
        ("auditor_focus", &step.auditor_focus),
    ]
    .into_iter()
    .chain(step.evidence.iter().map(|e| ("evidence", e.as_str())))
    .chain(plain.into_iter().map(|p| ("jargon", p)));
    if let Some((field, figure)) = first_figure(fields) {
        problems.push(Problem::at(
            file,
            &step.id,
            missing(&format!("演示步骤 `{}` 的 {field} ", step.id), &figure),
        ));
    }
}

pub fn check_scoring(file: &str, scoring: &Scoring, problems: &mut Vec<Problem>) {
    if scoring.basis.is_empty()
        && let Some(figure) = find_figure(&scoring.note)
        && let Some(first) = scoring.categories.first()
    {
        problems.push(Problem::at(
            file,
            &first.id,
            missing("评分说明 note ", &figure),
        ));
    }
    for crit in scoring.categories.iter().flat_map(|c| &c.criteria) {
        if !crit.basis.is_empty() {
            continue;
        }
        let fields = [("title", crit.title.as_str()), ("how", &crit.how)]
            .into_iter()
            .chain(crit.levels.iter().map(|l| ("levels", l.label.as_str())));
        if let Some((field, figure)) = first_figure(fields) {
            problems.push(Problem::at(
                file,
                &crit.id,
                missing(&format!("评分项 `{}` 的 {field} ", crit.id), &figure),
            ));
        }
    }
}

pub fn check_thresholds(file: &str, thresholds: &ThresholdFile, problems: &mut Vec<Problem>) {
    let mut seen: Vec<(Grade, ThresholdKind)> = Vec::new();
    for grade in &thresholds.grades {
        for t in &grade.figures {
            if seen.contains(&(grade.grade, t.kind)) {
                problems.push(Problem::at(
                    file,
                    &t.id,
                    format!(
                        "{} 已经有一条同类（kind）的条件：删掉其中一条",
                        grade.grade.label()
                    ),
                ));
            }
            seen.push((grade.grade, t.kind));
            if t.value.is_some() && t.basis.is_empty() {
                problems.push(Problem::at(
                    file,
                    &t.id,
                    format!("条件 `{}` 写了数值却没有 basis：写明它的出处", t.id),
                ));
            }
            if t.value.is_none() && t.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                problems.push(Problem::at(
                    file,
                    &t.id,
                    format!(
                        "条件 `{}` 没有数值：写 note 说明以哪里公布的具体条件为准",
                        t.id
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;
