//! Checks that parsed content hangs together: unique ids, valid references, sane numbers,
//! and a basis for every figure.

mod basis;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::model::*;
use super::problem::Problem;
use super::{Content, ContentSource};

/// The parsed files, each with the name messages use for it.
pub struct Files {
    pub phases: Vec<(String, Phase)>,
    pub interview: Option<(&'static str, InterviewBank)>,
    pub sops: Option<(&'static str, SopFile)>,
    pub templates: Option<(&'static str, TemplateFile)>,
    pub calendar: Option<(&'static str, CalendarFile)>,
    pub scoring: Option<(&'static str, Scoring)>,
    pub thresholds: Option<(&'static str, ThresholdFile)>,
}

/// Ids seen so far for one kind, to report duplicates at both places.
struct IdRegistry<'a> {
    kind: &'static str,
    seen: HashMap<String, (String, &'a Id)>,
}

impl<'a> IdRegistry<'a> {
    fn new(kind: &'static str) -> Self {
        Self {
            kind,
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, file: &str, id: &'a Id, problems: &mut Vec<Problem>) {
        check_id_format(file, id, problems);
        if let Some((first_file, first)) = self.seen.get(&id.value) {
            problems.push(Problem::at(
                file,
                id,
                format!(
                    "{}编号 `{}` 重复：{}:{}:{} 已经用过。编号是进度的索引，必须唯一：改成新的编号",
                    self.kind, id.value, first_file, first.line, first.column
                ),
            ));
        } else {
            self.seen.insert(id.value.clone(), (file.to_owned(), id));
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }
}

fn check_id_format(file: &str, id: &Id, problems: &mut Vec<Problem>) {
    let ok = !id.value.is_empty()
        && id
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        problems.push(Problem::at(
            file,
            id,
            format!(
                "编号 `{}` 只能由小写英文字母、数字和连字符组成（如 sa-type-choose）",
                id.value
            ),
        ));
    }
}

/// Validates the files and assembles them; problems are appended to `problems`.
pub fn validate(
    files: Files,
    full_name: &dyn Fn(&str) -> String,
    problems: &mut Vec<Problem>,
) -> Content {
    let mut phases_reg = IdRegistry::new("阶段");
    let mut sections_reg = IdRegistry::new("分节");
    let mut items_reg = IdRegistry::new("清单项");
    let mut orders: HashMap<u32, String> = HashMap::new();
    for (file, phase) in &files.phases {
        phases_reg.add(file, &phase.id, problems);
        if let Some(other) = orders.insert(phase.order, file.clone()) {
            problems.push(Problem::at(
                file,
                &phase.id,
                format!(
                    "阶段顺序 order: {} 与 {other} 重复：每个阶段的 order 必须不同",
                    phase.order
                ),
            ));
        }
        if let Some(d) = &phase.duration
            && d.min_days > d.max_days
        {
            problems.push(Problem::at(
                file,
                &phase.id,
                "duration 的 min_days 大于 max_days：交换两者",
            ));
        }
        if phase.sections.is_empty() {
            problems.push(Problem::at(
                file,
                &phase.id,
                "这个阶段没有任何分节（sections）",
            ));
        }
        basis::check_phase(file, phase, problems);
        for section in &phase.sections {
            sections_reg.add(file, &section.id, problems);
            if section.items.is_empty() {
                problems.push(Problem::at(
                    file,
                    &section.id,
                    "这个分节没有任何清单项（items）",
                ));
            }
            for item in &section.items {
                items_reg.add(file, &item.id, problems);
                check_item(file, item, problems);
                basis::check_item(file, item, problems);
            }
        }
    }

    let interview = files.interview.map(|(name, bank)| {
        check_interview(&full_name(name), &bank, problems);
        bank
    });
    let sops = files.sops.map(|(name, file)| {
        check_sops(&full_name(name), &file, problems);
        file.sops
    });
    let templates = files.templates.map(|(name, file)| {
        check_templates(&full_name(name), &file, &items_reg, problems);
        file.templates
    });
    let calendar = files.calendar.map(|(name, cal)| {
        check_calendar(&full_name(name), &cal, problems);
        cal
    });
    let scoring = files.scoring.map(|(name, scoring)| {
        check_scoring(&full_name(name), &scoring, problems);
        scoring
    });

    let thresholds = files.thresholds.map(|(name, file)| {
        basis::check_thresholds(&full_name(name), &file, problems);
        file
    });

    let mut phases: Vec<Phase> = files.phases.into_iter().map(|(_, p)| p).collect();
    phases.sort_by_key(|p| p.order);
    let mut content = Content {
        item_index: Default::default(),
        source: ContentSource::BuiltIn,
        phases,
        interview: interview.unwrap_or_default(),
        sops: sops.unwrap_or_default(),
        templates: templates.unwrap_or_default(),
        calendar: calendar.unwrap_or_default(),
        scoring: scoring.unwrap_or_default(),
        thresholds: thresholds.unwrap_or_default(),
        texts: Default::default(),
    };
    content.index_items();
    content
}

fn check_item(file: &str, item: &Item, problems: &mut Vec<Problem>) {
    if item.title.trim().is_empty() {
        problems.push(Problem::at(file, &item.id, "清单项的 title 是空的"));
    }
    if let Some(rule) = &item.deadline {
        let units = [rule.working_days, rule.days, rule.months]
            .iter()
            .filter(|u| u.is_some())
            .count();
        if units != 1 {
            problems.push(Problem::at(
                file,
                &item.id,
                "deadline 必须且只能写 working_days、days、months 其中一个",
            ));
        }
    }
}

fn check_interview(file: &str, bank: &InterviewBank, problems: &mut Vec<Problem>) {
    let mut roles = IdRegistry::new("角色");
    for role in &bank.roles {
        roles.add(file, &role.id, problems);
    }
    let mut topics = IdRegistry::new("话题");
    for topic in &bank.topics {
        topics.add(file, &topic.id, problems);
    }
    let mut questions = IdRegistry::new("问题");
    for q in &bank.questions {
        questions.add(file, &q.id, problems);
        basis::check_question(file, q, problems);
        if !topics.contains(&q.topic) {
            problems.push(Problem::at(
                file,
                &q.topic,
                format!(
                    "话题 `{}` 不存在：先在 topics 里定义它，或改成已有的话题编号",
                    q.topic
                ),
            ));
        }
        if q.roles.is_empty() {
            problems.push(Problem::at(
                file,
                &q.id,
                "roles 不能为空：写上这个问题会问哪些角色",
            ));
        }
        for role in &q.roles {
            if !roles.contains(role) {
                problems.push(Problem::at(
                    file,
                    role,
                    format!("角色 `{role}` 不存在：先在 roles 里定义它，或改成已有的角色编号"),
                ));
            }
        }
        if !(1..=3).contains(&q.difficulty) {
            problems.push(Problem::at(file, &q.id, "difficulty 只能是 1、2 或 3"));
        }
        if q.key_points.is_empty() {
            problems.push(Problem::at(
                file,
                &q.id,
                "key_points 不能为空：至少写一个要点",
            ));
        }
        for kp in &q.key_points {
            check_keywords(file, &q.id, &kp.point, &kp.keywords, problems);
            for variant in &kp.grades {
                check_keywords(file, &q.id, &variant.point, &variant.keywords, problems);
            }
        }
        for trap in &q.traps {
            if trap.keywords.is_empty() {
                problems.push(Problem::at(
                    file,
                    &q.id,
                    format!("陷阱「{}」的 keywords 为空", trap.reason),
                ));
            }
        }
    }
}

/// Words so common in answers that alone they say nothing about a key point (发现问题要报告
/// meets nothing by 报告 alone): a point needs a specific term, or a pair of entries.
pub const COMMON_WORDS: [&str; 16] = [
    "报告", "上报", "审批", "登记", "记录", "测试", "台账", "检查", "培训", "确认", "申请", "签字",
    "日志", "制度", "审计", "工单",
];

/// A key point's (or trap's) keywords: none empty, and not met by one common word alone.
fn check_keywords(
    file: &str,
    id: &Id,
    label: &str,
    keywords: &[String],
    problems: &mut Vec<Problem>,
) {
    let empty = keywords.is_empty()
        || keywords
            .iter()
            .any(|k| k.split('|').any(|s| s.trim().is_empty()));
    if empty {
        problems.push(Problem::at(
            file,
            id,
            format!("要点「{label}」的 keywords 为空或含空的同义词（注意 `||`）"),
        ));
        return;
    }
    if let [only] = keywords {
        let lone: Vec<&str> = only
            .split('|')
            .map(str::trim)
            .filter(|alt| COMMON_WORDS.contains(alt))
            .collect();
        if !lone.is_empty() {
            problems.push(Problem::at(
                file,
                id,
                format!(
                    "要点「{label}」单凭常见词「{}」就算答到：换成更具体的说法，或再加一组必须同时出现的词",
                    lone.join("、")
                ),
            ));
        }
    }
}

fn check_sops(file: &str, sops: &SopFile, problems: &mut Vec<Problem>) {
    let mut sop_reg = IdRegistry::new("演示流程");
    let mut step_reg = IdRegistry::new("演示步骤");
    for sop in &sops.sops {
        sop_reg.add(file, &sop.id, problems);
        if sop.steps.is_empty() {
            problems.push(Problem::at(file, &sop.id, "这个演示流程没有步骤（steps）"));
        }
        for step in &sop.steps {
            step_reg.add(file, &step.id, problems);
            basis::check_sop_step(file, step, problems);
            if step.target_seconds == 0 {
                problems.push(Problem::at(file, &step.id, "target_seconds 必须大于 0"));
            }
        }
    }
}

fn check_templates(
    file: &str,
    templates: &TemplateFile,
    items: &IdRegistry<'_>,
    problems: &mut Vec<Problem>,
) {
    let mut reg = IdRegistry::new("整改模板");
    for t in &templates.templates {
        reg.add(file, &t.id, problems);
        basis::check_template(file, t, problems);
        if let Some(link) = &t.checklist_item
            && !items.contains(link)
        {
            problems.push(Problem::at(
                file,
                link,
                format!("checklist_item `{link}` 不是任何阶段清单里的清单项编号：改正或删掉这一行"),
            ));
        }
    }
}

/// Parses an ISO date written in content, reporting where it is wrong.
pub fn parse_date(file: &str, id: &Id, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(&id.value, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(Problem::at(
                file,
                id,
                format!("`{}` 不是有效日期：写成带引号的 \"YYYY-MM-DD\"", id.value),
            ));
            None
        }
    }
}

pub(super) fn check_calendar(file: &str, cal: &CalendarFile, problems: &mut Vec<Problem>) {
    for year in cal
        .provisional_years
        .iter()
        .filter(|y| cal.years.contains(y))
    {
        problems.push(Problem::new(
            file,
            0,
            0,
            format!("{year} 同时写在 years 和 provisional_years 里：录入该年的节假日后，把它从 provisional_years 删掉"),
        ));
    }
    let mut seen: HashMap<NaiveDate, &Id> = HashMap::new();
    for holiday in &cal.holidays {
        for (id, is_work) in holiday
            .off
            .iter()
            .map(|d| (d, false))
            .chain(holiday.work.iter().map(|d| (d, true)))
        {
            let Some(date) = parse_date(file, id, problems) else {
                continue;
            };
            if !cal.years.contains(&date.year()) {
                problems.push(Problem::at(
                    file,
                    id,
                    format!(
                        "{date} 不在 years 列出的年份里：把 {} 加进 years",
                        date.year()
                    ),
                ));
            }
            if is_work && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                problems.push(Problem::at(
                    file,
                    id,
                    format!("调休上班日 {date} 不是周末：work 里只写需要上班的周六或周日"),
                ));
            }
            if let Some(first) = seen.insert(date, id) {
                problems.push(Problem::at(
                    file,
                    id,
                    format!("日期 {date} 重复出现（第 {} 行已有）", first.line),
                ));
            }
        }
    }
}

fn check_scoring(file: &str, scoring: &Scoring, problems: &mut Vec<Problem>) {
    let mut cat_reg = IdRegistry::new("评分类别");
    let mut crit_reg = IdRegistry::new("评分项");
    basis::check_scoring(file, scoring, problems);
    let weights: u32 = scoring.categories.iter().map(|c| c.weight).sum();
    for cat in &scoring.categories {
        if !["secure_room", "team", "cases"].contains(&&*cat.id) {
            problems.push(Problem::at(
                file,
                &cat.id,
                format!("评分类别 `{}` 只能是 secure_room、team 或 cases", cat.id),
            ));
        } else if cat_reg.contains(&cat.id) {
            problems.push(Problem::at(
                file,
                &cat.id,
                format!("评分类别 `{}` 重复", cat.id),
            ));
        } else {
            cat_reg
                .seen
                .insert(cat.id.value.clone(), (file.to_owned(), &cat.id));
        }
        let points: u32 = cat.criteria.iter().map(|c| c.points).sum();
        if points != 100 {
            problems.push(Problem::at(
                file,
                &cat.id,
                format!(
                    "类别「{}」各评分项 points 之和是 {points}，应为 100",
                    cat.title
                ),
            ));
        }
        for crit in &cat.criteria {
            crit_reg.add(file, &crit.id, problems);
            let values: Vec<f64> = crit.levels.iter().map(|l| l.value).collect();
            let ascending = values.windows(2).all(|w| w[0] < w[1]);
            let ends = values.first() == Some(&0.0) && values.last() == Some(&1.0);
            if values.len() < 2 || !ascending || !ends {
                problems.push(Problem::at(
                    file,
                    &crit.id,
                    "levels 至少两级，value 从 0.0 递增到 1.0",
                ));
            }
            if !(1..=3).contains(&crit.effort) {
                problems.push(Problem::at(file, &crit.id, "effort 只能是 1、2 或 3"));
            }
        }
    }
    if !scoring.categories.is_empty() && weights != 100 {
        let first = &scoring.categories[0].id;
        problems.push(Problem::at(
            file,
            first,
            format!("三个类别的 weight 之和是 {weights}，应为 100"),
        ));
    }
}
