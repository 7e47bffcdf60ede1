//! Small dialogs of the area: who is acting, closing an item (verifier and evidence),
//! reopening one (a reason), and the dates of the 补正 notice and the 公示.

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::action::Action;
use crate::domain::calendar::WorkCalendar;
use crate::domain::rectification::{
    self as rect, Finding, Session, Stamp, Value, WindowKind, parse_due, window,
};
use crate::i18n::Lang;
use crate::progress::{Progress, RectField, Rectification, RectificationStatus as St};
use crate::screens::Env;
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

/// What to do once the 当前操作人 is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// Repeat the action that needed a name.
    Action(Action),
    /// Create an item for a finding and open its form.
    Finding(Finding),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    Operator { then: Then },
    Close { id: String, hint: String },
    Reopen { id: String },
    Windows,
}

#[derive(Debug, Clone)]
pub struct DialogField {
    pub label: &'static str,
    pub input: TextInput,
    /// Enter does not move on while it is empty.
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct Dialog {
    pub kind: DialogKind,
    pub fields: Vec<DialogField>,
    pub focus: usize,
    pub error: Option<String>,
    /// The required field Enter was refused on, marked at its label until it is filled.
    pub missing: Option<usize>,
    /// History sessions of fields written into the item as typed (closing dialog).
    sessions: Vec<Session>,
    lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue { changed: bool },
    Cancel { changed: bool },
    Submit,
}

/// What a submitted dialog leaves behind.
#[derive(Debug, Clone)]
pub struct Done {
    pub notice: Option<String>,
    pub then: Then,
}

fn field(label: &'static str, value: &str, max: usize) -> DialogField {
    DialogField {
        label,
        input: TextInput::single_line(value).with_max_chars(max),
        required: false,
    }
}

fn required(label: &'static str, value: &str, max: usize) -> DialogField {
    DialogField {
        required: true,
        ..field(label, value, max)
    }
}

impl Dialog {
    fn new(kind: DialogKind, fields: Vec<DialogField>, lang: Lang) -> Self {
        let sessions = vec![Session::Fresh; fields.len()];
        Self {
            kind,
            fields,
            focus: 0,
            error: None,
            missing: None,
            sessions,
            lang,
        }
    }

    pub fn operator(then: Then, current: &str, lang: Lang) -> Self {
        let label = lang.t(
            "你的姓名（记入整改项的每一条变更记录）",
            "Your name (recorded with every change)",
        );
        Self::new(
            DialogKind::Operator { then },
            vec![required(label, current, 50)],
            lang,
        )
    }

    pub fn close(item: &Rectification, hint: Option<&str>, lang: Lang) -> Self {
        Self::new(
            DialogKind::Close {
                id: item.id.clone(),
                hint: hint.unwrap_or_default().to_owned(),
            },
            vec![
                required(
                    lang.t("验证人（必填：确认整改有效的人）", "Verifier (required)"),
                    &item.verifier,
                    50,
                ),
                required(
                    lang.t("证据编号或路径（必填）", "Evidence reference (required)"),
                    &item.evidence,
                    500,
                ),
                field(
                    lang.t("验证意见（可选）", "Verification remark (optional)"),
                    "",
                    500,
                ),
            ],
            lang,
        )
    }

    pub fn reopen(item: &Rectification, lang: Lang) -> Self {
        Self::new(
            DialogKind::Reopen {
                id: item.id.clone(),
            },
            vec![field(
                lang.t(
                    "重新打开的原因（必填，如：复查发现仍在使用个人U盘）",
                    "Why reopen (required)",
                ),
                "",
                500,
            )],
            lang,
        )
    }

    pub fn windows(progress: &Progress, lang: Lang) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self::new(
            DialogKind::Windows,
            vec![
                field(
                    lang.t(
                        "补正通知送达日期（YYYY-MM-DD，留空清除）",
                        "Correction notice received (YYYY-MM-DD)",
                    ),
                    &date(progress.timeline.correction_notice),
                    12,
                ),
                field(
                    lang.t(
                        "公示开始日期（YYYY-MM-DD，留空清除）",
                        "Public notice started (YYYY-MM-DD)",
                    ),
                    &date(progress.timeline.public_notice),
                    12,
                ),
            ],
            lang,
        )
    }

    pub fn title(&self) -> String {
        let lang = self.lang;
        match &self.kind {
            DialogKind::Operator { .. } => lang.t("当前操作人", "Who is acting").to_owned(),
            DialogKind::Close { id, .. } => format!("{} {id}", lang.t("关闭整改项", "Close")),
            DialogKind::Reopen { id } => format!("{} {id}", lang.t("重新打开", "Reopen")),
            DialogKind::Windows => lang
                .t("补正与公示时限", "Correction and public notice")
                .to_owned(),
        }
    }

    /// Where the dialog goes on a screen of `size`: the box, then one input row per field.
    pub fn area(&self, size: (u16, u16)) -> Rect {
        let width = size.0.saturating_sub(4).min(70);
        // Per field a label and an input row, then two rows of notes and the error.
        let rows = u16::try_from(self.fields.len() * 2).unwrap_or(8) + 3;
        let height = (rows + 2).min(size.1);
        Rect::new(
            size.0.saturating_sub(width) / 2,
            size.1.saturating_sub(height) / 2,
            width,
            height,
        )
    }

    fn input_rect(&self, size: (u16, u16), index: usize) -> Rect {
        let outer = self.area(size);
        let y = outer.y + 2 + u16::try_from(index * 2).unwrap_or(0);
        Rect::new(outer.x + 2, y, outer.width.saturating_sub(4), 1)
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        for index in 0..self.fields.len() {
            let rect = self.input_rect(size, index);
            if let Some(f) = self.fields.get_mut(index) {
                f.input.ensure_cursor_visible(rect.width.max(1), 1);
            }
        }
    }

    fn text(&self, index: usize) -> String {
        self.fields
            .get(index)
            .map(|f| f.input.text())
            .unwrap_or_default()
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        progress: &mut Progress,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
        size: (u16, u16),
    ) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.fields.len().saturating_sub(1);
        let empty_required = self
            .fields
            .get(self.focus)
            .is_some_and(|f| f.required && f.input.text().trim().is_empty());
        let outcome = match key.code {
            KeyCode::Esc => return Outcome::Cancel { changed: false },
            // A required field left empty says so at the cursor and keeps it there, so the
            // next thing typed does not land in the field after it.
            KeyCode::Enter if empty_required => {
                self.missing = Some(self.focus);
                Outcome::Continue { changed: false }
            }
            KeyCode::Char('s') if ctrl => Outcome::Submit,
            KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => Outcome::Submit,
            KeyCode::Enter if self.focus >= last => Outcome::Submit,
            KeyCode::Enter | KeyCode::Tab => {
                self.focus = (self.focus + 1).min(last);
                Outcome::Continue { changed: false }
            }
            KeyCode::Char('n') if ctrl => {
                self.focus = (self.focus + 1).min(last);
                Outcome::Continue { changed: false }
            }
            KeyCode::BackTab => {
                self.focus = self.focus.saturating_sub(1);
                Outcome::Continue { changed: false }
            }
            KeyCode::Char('p') if ctrl => {
                self.focus = self.focus.saturating_sub(1);
                Outcome::Continue { changed: false }
            }
            _ => {
                let Some(f) = self.fields.get_mut(self.focus) else {
                    return Outcome::Continue { changed: false };
                };
                match f.input.handle_key(key) {
                    InputOutcome::Edited => {
                        self.missing = None;
                        let changed = self.apply_live(progress, calendar, now);
                        Outcome::Continue { changed }
                    }
                    InputOutcome::Ignored if key.code == KeyCode::Down => {
                        self.focus = (self.focus + 1).min(last);
                        Outcome::Continue { changed: false }
                    }
                    InputOutcome::Ignored if key.code == KeyCode::Up => {
                        self.focus = self.focus.saturating_sub(1);
                        Outcome::Continue { changed: false }
                    }
                    _ => Outcome::Continue { changed: false },
                }
            }
        };
        self.fit(size);
        outcome
    }

    pub fn paste(
        &mut self,
        text: &str,
        progress: &mut Progress,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
        size: (u16, u16),
    ) -> bool {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input.insert_str(text);
        }
        self.missing = None;
        let changed = self.apply_live(progress, calendar, now);
        self.fit(size);
        changed
    }

    /// Writes what was typed into progress where it belongs to a field: the verifier and
    /// evidence of the item being closed, the window dates. Returns whether anything changed.
    fn apply_live(
        &mut self,
        progress: &mut Progress,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
    ) -> bool {
        self.error = None;
        let text = self.text(self.focus);
        match &self.kind {
            DialogKind::Close { id, .. } => {
                let field = match self.focus {
                    0 => RectField::Verifier,
                    1 => RectField::Evidence,
                    _ => return false,
                };
                let by = progress.operator.clone();
                let Some(item) = rect::find_mut(progress, id) else {
                    return false;
                };
                let Some(session) = self.sessions.get_mut(self.focus) else {
                    return false;
                };
                rect::set_field(
                    item,
                    field,
                    Value::Text(text),
                    &Stamp { at: now, by: &by },
                    session,
                )
            }
            DialogKind::Windows => {
                match parse_due(&text, now.date(), calendar, self.lang) {
                    Ok(due) => {
                        let slot = if self.focus == 0 {
                            &mut progress.timeline.correction_notice
                        } else {
                            &mut progress.timeline.public_notice
                        };
                        let changed = *slot != due.date;
                        *slot = due.date;
                        changed
                    }
                    // Half-typed dates are not errors yet; the note under the field says
                    // what is missing when the text is long enough to be a date.
                    Err(message) => {
                        if text.trim().chars().count() >= 10 {
                            self.error = Some(message);
                        }
                        false
                    }
                }
            }
            DialogKind::Operator { .. } | DialogKind::Reopen { .. } => false,
        }
    }

    /// Enter on the last field or Ctrl+S: carry the dialog out, or say what is missing.
    pub fn submit(
        &mut self,
        progress: &mut Progress,
        now: NaiveDateTime,
        lang: Lang,
    ) -> Result<Done, String> {
        let done = |notice: Option<String>| Done {
            notice,
            then: Then::Nothing,
        };
        match &self.kind {
            DialogKind::Operator { then } => {
                let name = self.text(0).trim().to_owned();
                if name.is_empty() {
                    return Err(lang.t("请填写姓名", "Please type your name").to_owned());
                }
                progress.operator = name;
                Ok(Done {
                    notice: Some(format!(
                        "{}{}",
                        lang.t("当前操作人：", "Acting: "),
                        progress.operator
                    )),
                    then: then.clone(),
                })
            }
            DialogKind::Close { id, .. } => {
                let remark = self.text(2);
                let by = progress.operator.clone();
                let item = rect::find_mut(progress, id).ok_or_else(String::new)?;
                rect::transition(item, St::Closed, &remark, &Stamp { at: now, by: &by })
                    .map_err(|e| e.message(lang))?;
                Ok(done(Some(format!("{id} {}", lang.t("已关闭", "closed")))))
            }
            DialogKind::Reopen { id } => {
                let reason = self.text(0);
                let by = progress.operator.clone();
                let item = rect::find_mut(progress, id).ok_or_else(String::new)?;
                rect::transition(item, St::Reopened, &reason, &Stamp { at: now, by: &by })
                    .map_err(|e| e.message(lang))?;
                Ok(done(Some(format!(
                    "{id} {}",
                    lang.t(
                        "已重新打开；按 s 重新开始整改",
                        "reopened; press s to start work again"
                    )
                ))))
            }
            DialogKind::Windows => {
                if let Some(error) = &self.error {
                    return Err(error.clone());
                }
                Ok(done(None))
            }
        }
    }
}

/// A note under a field: a window's countdown, or what a closing item still needs.
fn field_note(env: &Env, dialog: &Dialog, index: usize) -> Option<(String, bool)> {
    let lang = env.lang;
    match &dialog.kind {
        DialogKind::Windows => {
            let (kind, start) = if index == 0 {
                (
                    WindowKind::Correction,
                    env.progress.timeline.correction_notice,
                )
            } else {
                (
                    WindowKind::PublicNotice,
                    env.progress.timeline.public_notice,
                )
            };
            let w = window(env.calendar, kind, start?, env.today());
            let mut text = format!(
                "{}{} {}",
                kind.label(lang),
                lang.t("", ":"),
                w.describe(lang)
            );
            if !w.covered {
                text.push_str(lang.t("（日历未覆盖，按周一至周五计）", " (Mon–Fri)"));
            }
            Some((text, w.state == rect::WindowState::Ended))
        }
        DialogKind::Operator { .. } if index == 0 => Some((
            lang.t(
                "只需填写一次（默认为系统用户名）；以后按 u 更改",
                "Asked once (the system user name by default); u changes it",
            )
            .to_owned(),
            false,
        )),
        DialogKind::Close { id, .. } if index == 0 => {
            let item = rect::find(env.progress, id)?;
            (!item.verifier.is_empty() && item.verifier == item.owner).then(|| {
                (
                    lang.t(
                        "验证人与负责人是同一人，审核时可能被质疑",
                        "Verifier is the owner; auditors may question that",
                    )
                    .to_owned(),
                    true,
                )
            })
        }
        _ => None,
    }
}

pub fn render(frame: &mut Frame, env: &Env, dialog: &Dialog, theme: &Theme) {
    let size = (frame.area().width, frame.area().height);
    let outer = dialog.area(size);
    let lang = dialog.lang;
    crate::screens::clear_popup(frame, outer);
    let keys = crate::keymap::hint(crate::keymap::Scope::RectifyDialog, lang);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(format!(" {} ", dialog.title()), theme.title))
        .title_bottom(Span::styled(keys, theme.dim));
    frame.render_widget(block, outer);
    let inner_w = outer.width.saturating_sub(4);
    let mut lines_y = outer.y + 1;
    for (index, f) in dialog.fields.iter().enumerate() {
        let style = if index == dialog.focus {
            theme.label
        } else {
            theme.dim
        };
        let mut label = vec![Span::styled(f.label, style)];
        if dialog.missing == Some(index) {
            label.push(Span::styled(
                lang.t(" ← 必填，请先填写", " ← required: type it first"),
                theme.alert,
            ));
        }
        frame.render_widget(
            Paragraph::new(Line::from(label)),
            Rect::new(outer.x + 2, lines_y, inner_w, 1),
        );
        let rect = dialog.input_rect(size, index);
        frame.render_widget(&f.input, rect);
        if index == dialog.focus {
            let (x, y) = f.input.cursor_position(rect.width.max(1));
            frame.set_cursor_position((rect.x + x, rect.y + y));
        }
        lines_y = lines_y.saturating_add(2);
    }
    let mut notes: Vec<Line> = Vec::new();
    for index in 0..dialog.fields.len() {
        if let Some((text, warn)) = field_note(env, dialog, index) {
            notes.push(Line::from(Span::styled(
                text,
                if warn { theme.alert } else { theme.dim },
            )));
        }
    }
    if let DialogKind::Close { hint, .. } = &dialog.kind
        && !hint.is_empty()
    {
        notes.push(Line::from(Span::styled(
            format!("{}{hint}", lang.t("建议证据：", "Suggested: ")),
            theme.dim,
        )));
    }
    if let Some(error) = &dialog.error {
        notes.push(Line::from(Span::styled(error.clone(), theme.alert)));
    }
    let rows = outer.bottom().saturating_sub(1).saturating_sub(lines_y);
    let wrapped = crate::widgets::wrap::wrap_lines(&notes, inner_w);
    // The error comes last and matters most when space is short.
    let skip = wrapped.len().saturating_sub(usize::from(rows));
    let shown: Vec<Line> = wrapped.into_iter().skip(skip).collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect::new(outer.x + 2, lines_y, inner_w, rows),
    );
}
