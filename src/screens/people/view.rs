//! Draws the register: the filtered list, a person's detail with every record, the form and
//! the removal question. Only the visible rows are built, so 1 000 people draw as fast as 20.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Form, PeopleState, Removal, View, listed};
use crate::domain::people::fields::roles_text;
use crate::domain::people::filter::Flags;
use crate::domain::people::{
    Checks, DECLASSIFICATION_VERSIONS, check_all, declassification, insured_a_year,
    training_hours_in_year,
};
use crate::progress::{Level, Person};
use crate::screens::{Env, clear_popup};
use crate::theme::Theme;
use crate::widgets::truncate::fit;

pub fn render(frame: &mut Frame, env: &Env, state: &PeopleState, theme: &Theme) {
    let area = frame.area();
    let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    let checks = check_all(env.content, env.progress, env.today());
    match &state.view {
        View::List => list(frame, env, state, &checks, body, theme),
        View::Detail { id, record } => match env.progress.person(id) {
            Some(person) => detail(frame, env, person, *record, body, theme),
            None => list(frame, env, state, &checks, body, theme),
        },
    }
    if let Some(form) = &state.form {
        render_form(frame, form, body, theme);
    }
    if let Some(removal) = &state.confirm {
        render_confirm(frame, env, removal, body, theme);
    }
}

fn level_text(level: Option<Level>) -> &'static str {
    level.map_or("未定", Level::label)
}

fn list(
    frame: &mut Frame,
    env: &Env,
    state: &PeopleState,
    checks: &Checks,
    body: Rect,
    theme: &Theme,
) {
    let today = env.today();
    let ids = listed(env.progress, &state.filter, checks, today);
    let flags = Flags::of(checks);
    let bank = &env.content.interview.roles;
    let describe = state.filter.describe(|r| roles_text(&[r.to_owned()], bank));
    let title = format!(
        " 人员台账 · {describe} · {} 人 · 社保满一年 {} ",
        ids.len(),
        checks.insured_12m
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            fit(&title, usize::from(body.width)),
            theme.title,
        ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if ids.is_empty() {
        let text = if env.progress.people.is_empty() {
            "  台账为空：按 a 添加人员，或用 zizhi people import 文件.csv 导入"
        } else {
            "  没有符合筛选的人：按 c 清除筛选"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let selected = state.selected.min(ids.len() - 1);
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let name_w = 10;
    let role_w = usize::from(inner.width)
        .saturating_sub(name_w + 6 + 6 + 26)
        .max(6);
    let lines: Vec<Line> = ids
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .filter_map(|(index, id)| {
            let person = env.progress.person(id)?;
            let mut marks = Vec::new();
            if flags.declassifying.contains(id) {
                marks.push("脱密期");
            } else if person.has_left(today) {
                marks.push("已离岗");
            }
            if flags.expiring.contains(id) {
                marks.push("证书到期");
            }
            if flags.missing.contains(id) {
                marks.push("缺材料");
            }
            let insured = if insured_a_year(person, today) {
                "✓"
            } else {
                " "
            };
            let mut line = Line::from(vec![
                Span::raw(" "),
                Span::raw(fit(&person.name, name_w)),
                Span::raw(" "),
                Span::raw(fit(level_text(person.level), 6)),
                Span::styled(format!("{insured}    "), theme.good),
                Span::styled(fit(&roles_text(&person.roles, bank), role_w), theme.dim),
                Span::raw(" "),
                Span::styled(marks.join(" "), theme.alert),
            ]);
            if index == selected {
                line = line.style(theme.selected);
            }
            Some(line)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail(frame: &mut Frame, env: &Env, person: &Person, record: usize, body: Rect, theme: &Theme) {
    let bank = &env.content.interview.roles;
    let today = env.today();
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
    let title = format!(" {} · {} ", person.name, person.id);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let mut lines: Vec<Line> = Vec::new();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {label}："), theme.label),
            Span::raw(value),
        ])
    };
    let mut head = vec![
        field(
            "角色",
            format!(
                "{}{}",
                roles_text(&person.roles, bank),
                if person.om_staff {
                    "（运维人员，在访谈名单上）"
                } else {
                    ""
                }
            ),
        ),
        field(
            "涉密等级",
            format!(
                "{}   入职 {}   社保起缴 {}{}",
                level_text(person.level),
                date(person.hired),
                date(person.insured_since),
                if insured_a_year(person, today) {
                    "（满一年）"
                } else {
                    ""
                }
            ),
        ),
        field(
            "承诺书",
            format!(
                "{}   上岗审查 {}   护照 {} {}",
                date(person.pledge_signed),
                date(person.vetted),
                person.passport.map_or("未登记", |p| p.label()),
                person
                    .passport_since
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
        ),
    ];
    if let Some(left) = person.left {
        head.push(field("离岗", left.to_string()));
        if let Some(period) = person.level.and_then(|l| declassification(l, left)) {
            for (version, (short, long)) in DECLASSIFICATION_VERSIONS.iter().zip(period.ends) {
                head.push(Line::from(Span::styled(
                    format!(
                        "   脱密期{} {short} – {long}（{}）",
                        version.name, version.basis
                    ),
                    theme.dim,
                )));
            }
        }
    }
    if person.purged.is_some() {
        head.push(Line::from(Span::styled(
            " 个人信息已清除（保留姓名、等级和在职日期）",
            theme.dim,
        )));
    }
    if record == 0 {
        for line in &mut head {
            *line = line.clone().style(theme.selected);
        }
    }
    lines.extend(head);
    lines.push(Line::from(Span::styled(
        format!(" 证书 {} 张（c 添加）", person.certificates.len()),
        theme.title,
    )));
    for (index, cert) in person.certificates.iter().enumerate() {
        let until = cert.valid_until;
        let state = match until {
            Some(d) if d < today => "已过期",
            Some(d) if (d - today).num_days() <= 90 => "90 天内到期",
            _ => "",
        };
        let mut line = Line::from(vec![
            Span::raw(format!(
                "   {}  {}  {}  有效期至 {} ",
                cert.name,
                cert.number,
                cert.issuer,
                date(until)
            )),
            Span::styled(state, theme.alert),
        ]);
        if record == index + 1 {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    let year = chrono::Datelike::year(&today);
    lines.push(Line::from(Span::styled(
        format!(
            " 保密培训 {} 次，{year} 年 {} 学时（t 添加）",
            person.training.len(),
            training_hours_in_year(person, year)
        ),
        theme.title,
    )));
    let certs = person.certificates.len();
    for (index, t) in person.training.iter().enumerate() {
        let mut line = Line::from(format!("   {}  {} 学时  {}", t.date, t.hours, t.topic));
        if record == certs + index + 1 {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    let rows = usize::from(inner.height);
    let skip = (record + 6).saturating_sub(rows);
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn popup(body: Rect, height: u16) -> Rect {
    let width = body.width.saturating_sub(4).min(70);
    let height = height.min(body.height);
    Rect::new(
        body.x + (body.width - width) / 2,
        body.y + (body.height - height) / 2,
        width,
        height,
    )
}

fn render_form(frame: &mut Frame, form: &Form, body: Rect, theme: &Theme) {
    let area = popup(body, form.form.height(1).saturating_add(2));
    clear_popup(frame, area);
    let block = Block::bordered()
        .border_set(theme.border)
        .title(Span::styled(
            format!(" {}（边输入边保存）", form.title()),
            theme.title,
        ))
        .title_bottom(Span::styled(
            form.form.keys_hint(form.form.lang().t("完成", "done")),
            theme.dim,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    form.form.render(frame, inner, theme);
}

fn render_confirm(frame: &mut Frame, env: &Env, removal: &Removal, body: Rect, theme: &Theme) {
    let name = |id: &str| {
        env.progress
            .person(id)
            .map_or(String::new(), |p| p.name.clone())
    };
    let text = match removal {
        Removal::Person(id) => format!("从台账中删除「{}」及其全部证书和培训记录？", name(id)),
        Removal::Certificate { person, .. } => format!("删除「{}」的这张证书？", name(person)),
        Removal::Training { person, .. } => format!("删除「{}」的这条培训记录？", name(person)),
    };
    let area = popup(body, 4);
    clear_popup(frame, area);
    let block = Block::bordered().border_set(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(fit(&text, usize::from(inner.width))),
            Line::from(Span::styled(
                crate::keymap::hint(crate::keymap::Scope::PeopleConfirm, env.lang),
                theme.dim,
            )),
        ]),
        inner,
    );
}
