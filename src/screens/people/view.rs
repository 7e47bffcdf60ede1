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
use crate::i18n::Lang;
use crate::progress::{Level, Person};
use crate::screens::{Env, clear_popup};
use crate::theme::Theme;
use crate::widgets::truncate::{fit, truncate};
use crate::widgets::wrap::wrap_hanging;
use unicode_width::UnicodeWidthStr;

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

fn level_text(level: Option<Level>, lang: Lang) -> &'static str {
    level.map_or(lang.t("未定", "unset"), |l| l.name(lang))
}

fn list(
    frame: &mut Frame,
    env: &Env,
    state: &PeopleState,
    checks: &Checks,
    body: Rect,
    theme: &Theme,
) {
    let lang = env.lang;
    let today = env.today();
    let ids = listed(env.progress, &state.filter, checks, today);
    let flags = Flags::of(checks);
    let bank = &env.content.interview.roles;
    let describe = state
        .filter
        .describe(lang, |r| roles_text(&[r.to_owned()], bank));
    let title = match lang {
        Lang::Zh => format!(
            " 人员台账 · {describe} · {} 人 · 社保满一年 {} ",
            ids.len(),
            checks.insured_12m
        ),
        Lang::En => format!(
            " Staff register · {describe} · {} listed · insured 1 year {} ",
            ids.len(),
            checks.insured_12m
        ),
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            truncate(&title, usize::from(body.width)).into_owned(),
            theme.title,
        ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if ids.is_empty() {
        let text = if env.progress.people.is_empty() {
            lang.t(
                "台账为空：按 a 添加人员，或用 zizhi people import 文件.csv 导入",
                "The register is empty: press a to add a person, or import a spreadsheet \
                 with zizhi people import FILE.csv",
            )
        } else {
            lang.t(
                "没有符合筛选的人：按 c 清除筛选",
                "Nobody matches the filter: press c to clear it",
            )
        };
        let line = Line::from(Span::styled(format!("  {text}"), theme.dim));
        let lines = wrap_hanging(&line, usize::from(inner.width));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let selected = state.selected.min(ids.len() - 1);
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let name_w = 10;
    // The level column fits the longest level name in the language ("important").
    let level_w = Level::ALL
        .iter()
        .map(|l| l.name(lang).width())
        .chain([level_text(None, lang).width()])
        .max()
        .unwrap_or(6)
        .max(6);
    // Room for the marks: the English words are longer.
    let marks_w = match lang {
        Lang::Zh => 26,
        Lang::En => 32,
    };
    let role_w = usize::from(inner.width)
        .saturating_sub(name_w + level_w + 6 + marks_w)
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
                marks.push(lang.t("脱密期", "declassifying"));
            } else if person.has_left(today) {
                marks.push(lang.t("已离岗", "left"));
            }
            if flags.expiring.contains(id) {
                marks.push(lang.t("证书到期", "cert due"));
            }
            if flags.missing.contains(id) {
                marks.push(lang.t("缺材料", "docs missing"));
            }
            let insured = if insured_a_year(person, today) {
                "✓"
            } else {
                " "
            };
            let head = Line::from(vec![
                Span::raw(" "),
                Span::raw(fit(&person.name, name_w)),
                Span::raw(" "),
                Span::raw(fit(level_text(person.level, lang), level_w)),
                Span::styled(format!("{insured}    "), theme.good),
                Span::styled(fit(&roles_text(&person.roles, bank), role_w), theme.dim),
                Span::raw(" "),
            ]);
            // The marks take what is left of the row and end in "…" when cut.
            let room = usize::from(inner.width).saturating_sub(head.width());
            let mut line = head;
            line.push_span(Span::styled(fit(&marks.join(" "), room), theme.alert));
            if index == selected {
                line = line.style(theme.selected);
            }
            Some(line)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail(frame: &mut Frame, env: &Env, person: &Person, record: usize, body: Rect, theme: &Theme) {
    let lang = env.lang;
    let bank = &env.content.interview.roles;
    let today = env.today();
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
    let title = format!(" {} · {} ", person.name, person.id);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(Span::styled(
            truncate(&title, usize::from(body.width)).into_owned(),
            theme.title,
        ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let width = usize::from(inner.width);
    // Each line with whether it is the last of the selected record.
    let mut lines: Vec<(Line, bool)> = Vec::new();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(
                match lang {
                    Lang::Zh => format!(" {label}："),
                    Lang::En => format!(" {label}: "),
                },
                theme.label,
            ),
            Span::raw(value),
        ])
    };
    let insured_year = if insured_a_year(person, today) {
        lang.t("（满一年）", " (1 year)")
    } else {
        ""
    };
    let mut head = vec![
        field(
            lang.t("角色", "Roles"),
            format!(
                "{}{}",
                if person.roles.is_empty() {
                    "—".to_owned()
                } else {
                    roles_text(&person.roles, bank)
                },
                if person.om_staff {
                    lang.t(
                        "（运维人员，在访谈名单上）",
                        " (O&M staff, on the interview roster)",
                    )
                } else {
                    ""
                }
            ),
        ),
        field(
            lang.t("涉密等级", "Level"),
            match lang {
                Lang::Zh => format!(
                    "{}   入职 {}   社保起缴 {}{insured_year}",
                    level_text(person.level, lang),
                    date(person.hired),
                    date(person.insured_since),
                ),
                Lang::En => format!(
                    "{}   hired {}   insured since {}{insured_year}",
                    level_text(person.level, lang),
                    date(person.hired),
                    date(person.insured_since),
                ),
            },
        ),
        field(
            lang.t("承诺书", "Pledge"),
            format!(
                "{}   {} {}   {} {} {}",
                date(person.pledge_signed),
                lang.t("上岗审查", "vetted"),
                date(person.vetted),
                lang.t("护照", "passport held:"),
                person
                    .passport
                    .map_or(lang.t("未登记", "not recorded"), |p| p.name(lang)),
                person
                    .passport_since
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
        ),
    ];
    if let Some(left) = person.left {
        head.push(field(lang.t("离岗", "Left"), left.to_string()));
        if let Some(period) = person.level.and_then(|l| declassification(l, left)) {
            for (version, (short, long)) in DECLASSIFICATION_VERSIONS.iter().zip(period.ends) {
                // The basis is long: it wraps under the dates rather than being cut.
                let text = match lang {
                    Lang::Zh => format!(
                        "脱密期{} {short} – {long}（{}）",
                        version.name, version.basis
                    ),
                    Lang::En => format!(
                        "Declassification, {}: {short} – {long}. Basis: {}",
                        version.name_en, version.basis_en
                    ),
                };
                let line = Line::from(Span::styled(format!("   {text}"), theme.dim));
                head.push(line);
            }
        }
    }
    if person.purged.is_some() {
        head.push(Line::from(Span::styled(
            lang.t(
                " 个人信息已清除（保留姓名、等级和在职日期）",
                " Personal data purged (name, level and dates of service kept)",
            ),
            theme.dim,
        )));
    }
    if record == 0 {
        for line in &mut head {
            *line = line.clone().style(theme.selected);
        }
    }
    let head_len = head.len();
    lines.extend(
        head.into_iter()
            .enumerate()
            .map(|(i, line)| (line, record == 0 && i + 1 == head_len)),
    );
    lines.push((
        Line::from(Span::styled(
            match lang {
                Lang::Zh => format!(" 证书 {} 张（c 添加）", person.certificates.len()),
                Lang::En => format!(" Certificates: {} (c adds one)", person.certificates.len()),
            },
            theme.title,
        )),
        false,
    ));
    for (index, cert) in person.certificates.iter().enumerate() {
        let until = cert.valid_until;
        let state = match until {
            Some(d) if d < today => lang.t("已过期", "expired").to_owned(),
            Some(d) if (d - today).num_days() <= 90 => match lang {
                Lang::Zh => "90 天内到期".to_owned(),
                Lang::En => format!("expires in {} days", (d - today).num_days()),
            },
            _ => String::new(),
        };
        let mut line = Line::from(vec![
            Span::raw(format!(
                "   {}  {}  {}  {} {} ",
                cert.name,
                cert.number,
                cert.issuer,
                lang.t("有效期至", "valid until"),
                date(until)
            )),
            Span::styled(state, theme.alert),
        ]);
        if record == index + 1 {
            line = line.style(theme.selected);
        }
        lines.push((line, record == index + 1));
    }
    let year = chrono::Datelike::year(&today);
    let hours = training_hours_in_year(person, year);
    lines.push((
        Line::from(Span::styled(
            match lang {
                Lang::Zh => format!(
                    " 保密培训 {} 次，{year} 年 {hours} 学时（t 添加）",
                    person.training.len(),
                ),
                Lang::En => format!(
                    " Secrecy training: {} {}, {hours} hours in {year} (t adds one)",
                    person.training.len(),
                    if person.training.len() == 1 {
                        "session"
                    } else {
                        "sessions"
                    },
                ),
            },
            theme.title,
        )),
        false,
    ));
    let certs = person.certificates.len();
    for (index, t) in person.training.iter().enumerate() {
        let mut line = Line::from(format!(
            "   {}  {} {}  {}",
            t.date,
            t.hours,
            lang.t("学时", "h"),
            t.topic
        ));
        if record == certs + index + 1 {
            line = line.style(theme.selected);
        }
        lines.push((line, record == certs + index + 1));
    }
    // Rows wider than the screen wrap under their own indent; the selected record's last row
    // stays in view with the row after it.
    let mut rows: Vec<Line> = Vec::new();
    let mut selected_end = 0;
    for (line, is_record) in lines {
        rows.extend(wrap_hanging(&line, width));
        if is_record {
            selected_end = rows.len();
        }
    }
    let skip = (selected_end + 1).saturating_sub(usize::from(inner.height));
    let rows: Vec<Line> = rows.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(rows), inner);
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
    let lang = form.form.lang();
    let title = match lang {
        Lang::Zh => format!(" {}（边输入边保存）", form.title(lang)),
        Lang::En => format!(" {} (saved as you type) ", form.title(lang)),
    };
    let block = Block::bordered()
        .border_set(theme.border)
        .title(Span::styled(
            fit(&title, usize::from(area.width.saturating_sub(2))),
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
    let text = match (removal, env.lang) {
        (Removal::Person(id), Lang::Zh) => {
            format!("从台账中删除「{}」及其全部证书和培训记录？", name(id))
        }
        (Removal::Person(id), Lang::En) => format!(
            "Remove {} and all their certificates and training?",
            name(id)
        ),
        (Removal::Certificate { person, .. }, Lang::Zh) => {
            format!("删除「{}」的这张证书？", name(person))
        }
        (Removal::Certificate { person, .. }, Lang::En) => {
            format!("Delete this certificate of {}?", name(person))
        }
        (Removal::Training { person, .. }, Lang::Zh) => {
            format!("删除「{}」的这条培训记录？", name(person))
        }
        (Removal::Training { person, .. }, Lang::En) => {
            format!("Delete this training record of {}?", name(person))
        }
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
