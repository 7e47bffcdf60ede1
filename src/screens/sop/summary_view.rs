//! The result of a finished run: the total against the target, the previous run and the best,
//! each step's time against its target, and the flags that became pending findings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::RunnerState;
use super::text::{centred, clock, signed_clock};
use crate::i18n::Lang;
use crate::progress::SopRun;
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::wrap::wrap_text as wrap;

/// How this total compares with the earlier finished runs of the same SOP.
fn comparison(lang: Lang, total: u32, earlier: &[&SopRun]) -> String {
    let Some(previous) = earlier.last() else {
        return lang.t("第一次完整预演", "first complete run").to_owned();
    };
    let before = previous.total_seconds();
    let best = earlier
        .iter()
        .map(|r| r.total_seconds())
        .min()
        .unwrap_or(before);
    let versus = if total < before {
        format!(
            "{} {}",
            lang.t("比上次快", "faster than last by"),
            clock(before - total)
        )
    } else if total > before {
        format!(
            "{} {}",
            lang.t("比上次慢", "slower than last by"),
            clock(total - before)
        )
    } else {
        lang.t("与上次相同", "same as last").to_owned()
    };
    if total < best {
        format!("{versus} · {}", lang.t("新的最好成绩！", "a new best!"))
    } else {
        format!("{versus} · {} {}", lang.t("最好", "best"), clock(best))
    }
}

pub fn render(frame: &mut Frame, env: &Env, state: &RunnerState, theme: &Theme) {
    let lang = env.lang;
    let Some(sop) = env.content.sops.get(state.sop) else {
        return;
    };
    let area = frame.area();
    let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
    let width = usize::from(body.width);
    let record = state.run.record();
    let total = record.total_seconds();
    let target = state.run.target_seconds();
    let earlier: Vec<&SopRun> = env
        .progress
        .sop_runs
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            *i != state.record && r.sop == record.sop && r.finished && r.started < record.started
        })
        .map(|(_, r)| r)
        .collect();

    let heading = if record.finished {
        lang.t("预演完成", "Run complete")
    } else {
        lang.t("预演已中止", "Run aborted")
    };
    let mut lines = vec![
        Line::from(Span::styled(
            centred(&format!("{heading} · {}", sop.title), width),
            theme.selected.patch(theme.title),
        )),
        Line::from(vec![
            Span::styled(format!(" {} ", lang.t("总用时", "Total")), theme.dim),
            Span::styled(
                clock(total),
                if total > target {
                    theme.alert
                } else {
                    theme.good
                }
                .patch(theme.title),
            ),
            Span::styled(
                format!(" / {} {}  ", lang.t("目标", "target"), clock(target)),
                theme.dim,
            ),
            Span::raw(comparison(lang, total, &earlier)),
        ]),
    ];
    let people: Vec<String> = sop
        .roles
        .iter()
        .filter_map(|role| record.people.get(role).map(|name| format!("{role} {name}")))
        .collect();
    if !people.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", people.join(" · ")),
            theme.dim,
        )));
    }
    lines.push(Line::default());

    let time_w = 14usize;
    let longest = sop.steps.iter().map(|s| s.title.width()).max().unwrap_or(8);
    let title_w = width.saturating_sub(time_w + 6).clamp(8, longest + 2);
    let mut table = Vec::new();
    for (i, step) in sop.steps.iter().enumerate() {
        let result = record.steps.iter().find(|s| s.step == *step.id);
        let seconds = result.map_or(0, |s| s.seconds);
        let over = seconds > step.target_seconds;
        table.push(Line::from(vec![
            Span::styled(format!(" {:>2} ", i + 1), theme.dim),
            Span::raw(super::pad(&step.title, title_w)),
            Span::styled(
                format!("{:>6}", clock(seconds)),
                if over { theme.alert } else { theme.text },
            ),
            Span::styled(format!(" / {:<5}", clock(step.target_seconds)), theme.dim),
            Span::styled(
                if over {
                    signed_clock(seconds, step.target_seconds)
                } else {
                    String::new()
                },
                theme.alert,
            ),
        ]));
        if let Some(note) = result.and_then(|s| s.flag.as_deref()) {
            for (j, row) in wrap(note, width.saturating_sub(8)).into_iter().enumerate() {
                let head = if j == 0 {
                    format!("    {} ", theme.sym("⚑", "!"))
                } else {
                    "      ".to_owned()
                };
                table.push(Line::from(Span::styled(
                    format!("{head}{row}"),
                    theme.alert,
                )));
            }
        }
    }
    let flags = record.steps.iter().filter(|s| s.flag.is_some()).count();
    let footer = if flags > 0 {
        format!(
            " {} {flags} {}",
            lang.t("标记的", "The"),
            lang.t(
                "个问题已放进「待转整改」（演示预演首页可见）",
                "flagged steps are listed as pending findings on the SOP list"
            )
        )
    } else {
        lang.t(" 本次没有标记问题", " No step was flagged this time")
            .to_owned()
    };

    let head_h = u16::try_from(lines.len()).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(body.x, body.y, body.width, head_h.min(body.height)),
    );
    let table_h = body.height.saturating_sub(head_h + 1);
    let overflow = table.len().saturating_sub(usize::from(table_h));
    let scroll = usize::from(state.scroll).min(overflow);
    let shown: Vec<Line> = table.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect::new(body.x, body.y + head_h, body.width, table_h),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(footer, theme.busy)),
        Rect::new(
            body.x,
            body.y + body.height.saturating_sub(1),
            body.width,
            1,
        ),
    );
}
