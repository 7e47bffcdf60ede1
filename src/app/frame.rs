//! The whole frame: header line, the current screen, the dialog over it, and the footer of
//! keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::App;
use crate::action::Action;
use crate::keymap;
use crate::screens::Component;
use crate::team::sync::Stage;
use crate::theme::Theme;
use crate::widgets::truncate::truncate_line;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if super::too_small((area.width, area.height)) {
        frame.render_widget(Paragraph::new(app.lang.t("窗口太小", "Too small")), area);
        return;
    }
    let env = app.env();
    render_header(frame, app, theme);
    app.screen().render(frame, &env, theme);
    render_footer(frame, app, theme);
    if let Some(overlay) = &app.overlay {
        overlay.render(frame, &env, theme);
    }
    if theme.ambiguous_wide {
        crate::widgets::ambiguous::widen(frame.buffer_mut());
    }
}

fn render_header(frame: &mut Frame, app: &App, theme: &Theme) {
    let lang = app.lang;
    let width = usize::from(frame.area().width);
    let screen = app.screen().title(lang);
    let left = format!(" zizhi 资质 · {screen}");
    let right = format!("{} ", app.today());
    // A running team sync: "同步中… 提交 / 拉取 / 推送", the current stage lit.
    let mut sync = Vec::new();
    if let Some(stage) = app.team.as_ref().and_then(|t| t.syncing) {
        sync.push(Span::styled(lang.t("同步中… ", "Syncing… "), theme.busy));
        let at = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        for (i, s) in Stage::ALL.iter().enumerate() {
            if i > 0 {
                sync.push(Span::styled(" / ", theme.dim));
            }
            let style = match i.cmp(&at) {
                std::cmp::Ordering::Less => theme.dim,
                std::cmp::Ordering::Equal => theme.busy,
                std::cmp::Ordering::Greater => theme.dim,
            };
            sync.push(Span::styled(s.label(lang), style));
        }
        sync.push(Span::raw("  "));
    } else if app.team.as_ref().is_some_and(|t| t.failed) {
        // Until the next sync: the footer's notice is gone with the next key, this is not.
        let retry =
            crate::keymap::key_label(crate::keymap::Scope::Always, crate::action::Action::Sync);
        sync.push(Span::styled(
            format!(
                "{} · {retry} {}",
                lang.t("同步未完成", "Sync incomplete"),
                lang.t("重试", "retries")
            ),
            theme.alert,
        ));
        sync.push(Span::raw("  "));
    }
    let sync_width: usize = sync.iter().map(|s| s.content.width()).sum();
    let mark = if app.read_only.is_some() {
        format!("{} ", lang.t("只读", "READ-ONLY"))
    } else {
        String::new()
    };
    let pad = width.saturating_sub(left.width() + mark.width() + right.width() + sync_width);
    let mut spans = vec![Span::styled(left, theme.title), Span::raw(" ".repeat(pad))];
    spans.extend(sync);
    spans.push(Span::styled(mark, theme.alert));
    spans.push(Span::styled(right, theme.dim));
    let line = truncate_line(&Line::from(spans), width);
    frame.render_widget(Paragraph::new(line), Rect::new(0, 0, frame.area().width, 1));
}

/// The footer's keys that fit in `width`: the open dialog's while one is open, else the
/// screen's (no "back" on the dashboard). When they do not all fit, the screen's own keys
/// are dropped from the end, never the help key: `?` lists them all.
pub(super) fn footer_keys(app: &App, width: usize) -> Vec<(String, &'static str)> {
    let lang = app.lang;
    let at_root = app.screens.len() == 1 && app.overlay.is_none();
    let mut keys: Vec<(String, &'static str)> = scope_footer(app.scope(), lang)
        .into_iter()
        .filter(|(_, text)| !(at_root && *text == Action::Back.short(lang)))
        .collect();
    // A form's done says what it does there, as its box does; a one-field form's Enter is
    // that done, and Alt+Enter is not named twice.
    let form = match &app.overlay {
        Some(overlay) => overlay.form(),
        None => app.screen().form(),
    };
    if let Some(form) = form {
        let (next, done) = (Action::FormEnter.short(lang), Action::FormDone.short(lang));
        let word = form.done_word();
        let one_field = form.fields.len() == 1 && keys.iter().any(|(_, text)| *text == next);
        if one_field {
            keys.retain(|(_, text)| *text != done);
        }
        for (_, text) in &mut keys {
            if *text == done || (one_field && *text == next) {
                *text = word;
            }
        }
    }
    let used = |keys: &[(String, &str)]| -> usize {
        keys.iter()
            .map(|(key, text)| format!(" {key} {text} ").width())
            .sum()
    };
    let help = Action::Help.short(lang);
    while used(&keys) > width {
        match keys.iter().rposition(|(_, text)| *text != help) {
            Some(at) => {
                keys.remove(at);
            }
            None => break,
        }
    }
    keys
}

/// [`keymap::footer`] of `scope`, made once per scope and language: the key map is fixed
/// data, and looking every key up again each frame took a tenth of a dashboard frame.
fn scope_footer(scope: keymap::Scope, lang: crate::i18n::Lang) -> Vec<(String, &'static str)> {
    type Footers = Vec<(
        keymap::Scope,
        crate::i18n::Lang,
        Vec<(String, &'static str)>,
    )>;
    static MADE: std::sync::Mutex<Footers> = std::sync::Mutex::new(Vec::new());
    // A poisoned lock only means another thread panicked while adding one: the rows kept
    // are whole (each is pushed complete), so they are still good.
    let mut made = MADE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, _, keys)) = made.iter().find(|(s, l, _)| *s == scope && *l == lang) {
        return keys.clone();
    }
    let keys = keymap::footer(scope, lang);
    made.push((scope, lang, keys.clone()));
    keys
}

fn render_footer(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let y = area.height - 1;
    let line =
        if let (true, Some(_), Some(notice)) = (app.quit_confirmed, &app.save_error, &app.notice) {
            // "Press q again to lose your changes" must not hide behind the save error.
            Line::from(Span::styled(
                format!(" {} {notice}", theme.sym("⚠", "!")),
                theme.alert,
            ))
        } else if let Some(error) = &app.save_error {
            Line::from(Span::styled(
                format!(" {} {error}", theme.sym("⚠", "!")),
                theme.alert,
            ))
        } else if let Some(notice) = &app.notice {
            Line::from(Span::styled(format!(" {notice}"), theme.busy))
        } else {
            let mut spans = Vec::new();
            for (key, text) in footer_keys(app, usize::from(area.width)) {
                spans.push(Span::styled(format!(" {key}"), theme.label));
                spans.push(Span::styled(format!(" {text} "), theme.dim));
            }
            Line::from(spans)
        };
    let line = truncate_line(&line, usize::from(area.width));
    frame.render_widget(Paragraph::new(line), Rect::new(0, y, area.width, 1));
}
