//! Small dialogs of the area: who is acting, closing an item (verifier and evidence),
//! reopening one (a reason), and the dates of the 补正 notice and the 公示.

use chrono::NaiveDateTime;
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
use crate::screens::contract::form_event;
use crate::screens::{Env, Input};
use crate::theme::Theme;
use crate::widgets::form::{Event, Field, Form};

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

/// A dialog: its kind and its fields in the one form widget.
#[derive(Debug, Clone)]
pub struct Dialog {
    pub kind: DialogKind,
    pub form: Form,
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

impl Dialog {
    /// What done does in a dialog of `kind`, for its box and the footer.
    fn submit_label(kind: &DialogKind, lang: Lang) -> &'static str {
        match kind {
            DialogKind::Operator { .. } => lang.t("确定", "OK"),
            DialogKind::Close { .. } => lang.t("关闭整改项", "close item"),
            DialogKind::Reopen { .. } => lang.t("重新打开", "reopen"),
            DialogKind::Windows => lang.t("完成", "done"),
        }
    }

    fn new(kind: DialogKind, fields: Vec<Field>, lang: Lang) -> Self {
        let sessions = vec![Session::Fresh; fields.len()];
        let done = Self::submit_label(&kind, lang);
        Self {
            kind,
            form: Form::new(fields, lang).with_done(done),
            sessions,
            lang,
        }
    }

    pub fn operator(then: Then, current: &str, lang: Lang) -> Self {
        Self::new(
            DialogKind::Operator { then },
            vec![
                Field::text(lang.t("你的姓名", "Your name"), current, 50)
                    .required()
                    .draft()
                    .with_hint(lang.t(
                        "记入整改项的每一条变更记录；只问一次，以后按 u 更改",
                        "Recorded with every change; asked once, u changes it",
                    )),
            ],
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
                Field::text(lang.t("验证人", "Verifier"), &item.verifier, 50)
                    .required()
                    .with_hint(lang.t(
                        "确认整改有效的人（最好不是负责人）",
                        "Who confirms the fix works (best not the owner)",
                    )),
                Field::text(lang.t("证据", "Evidence"), &item.evidence, 500)
                    .required()
                    .with_hint(lang.t(
                        "证据的文件编号或存放路径，不要粘贴文件内容",
                        "A document number or path, never the document",
                    )),
                Field::text(lang.t("验证意见", "Remark"), "", 500)
                    .draft()
                    .with_hint(lang.t("可选；记入关闭记录", "Optional; kept with the closing")),
            ],
            lang,
        )
    }

    pub fn reopen(item: &Rectification, lang: Lang) -> Self {
        Self::new(
            DialogKind::Reopen {
                id: item.id.clone(),
            },
            vec![
                Field::text(lang.t("原因", "Reason"), "", 500)
                    .required()
                    .draft()
                    .with_hint(lang.t(
                        "如：复查发现仍在使用个人U盘",
                        "e.g. the re-check found a personal USB stick still in use",
                    )),
            ],
            lang,
        )
    }

    pub fn windows(progress: &Progress, lang: Lang) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let hint = lang.t(
            "如 2026-12-08、2026/12/8、今天；留空清除",
            "e.g. 2026-12-08, 2026/12/8, today; empty clears",
        );
        Self::new(
            DialogKind::Windows,
            vec![
                Field::date(
                    lang.t("补正通知送达", "Correction notice"),
                    &date(progress.timeline.correction_notice),
                )
                .with_hint(hint),
                Field::date(
                    lang.t("公示开始", "Public notice"),
                    &date(progress.timeline.public_notice),
                )
                .with_hint(hint),
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

    /// Where the dialog goes on a screen of `size`: the box, the form inside it, and the
    /// rows for the notes about the item under the form.
    pub fn area(&self, size: (u16, u16)) -> Rect {
        let width = size.0.saturating_sub(4).min(70);
        // The fields and the form's notes, two rows of notes about the item, the borders.
        let rows = self.form.height(1).saturating_add(2);
        let height = rows.saturating_add(2).min(size.1);
        Rect::new(
            size.0.saturating_sub(width) / 2,
            size.1.saturating_sub(height) / 2,
            width,
            height,
        )
    }

    fn form_rect(&self, size: (u16, u16)) -> Rect {
        let outer = self.area(size);
        Rect::new(
            outer.x + 2,
            outer.y + 1,
            outer.width.saturating_sub(4),
            self.form.height(1).min(outer.height.saturating_sub(2)),
        )
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        let rect = self.form_rect(size);
        let label_w = crate::widgets::cells(self.form.label_width(usize::from(rect.width / 2)));
        self.form.fit(rect.width.saturating_sub(label_w), 1);
    }

    pub fn handle(
        &mut self,
        input: Input,
        progress: &mut Progress,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
        size: (u16, u16),
    ) -> Outcome {
        let Some(event) = form_event(&mut self.form, input) else {
            return Outcome::Continue { changed: false };
        };
        self.fit(size);
        match event {
            Event::Edited(index) => Outcome::Continue {
                changed: self.apply_live(index, progress, calendar, now),
            },
            Event::None | Event::Left(_) => Outcome::Continue { changed: false },
            Event::Submit => Outcome::Submit,
            // What was typed into the item stays; drafts were asked about first.
            Event::Close => Outcome::Cancel { changed: false },
        }
    }

    fn text(&self, index: usize) -> String {
        self.form.value(index)
    }

    /// Writes what was typed into progress where it belongs to a field: the verifier and
    /// evidence of the item being closed, the window dates. Returns whether anything changed.
    fn apply_live(
        &mut self,
        index: usize,
        progress: &mut Progress,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
    ) -> bool {
        let text = self.text(index);
        match &self.kind {
            DialogKind::Close { id, .. } => {
                let field = match index {
                    0 => RectField::Verifier,
                    1 => RectField::Evidence,
                    _ => return false,
                };
                let by = progress.operator.clone();
                let Some(item) = rect::find_mut(progress, id) else {
                    return false;
                };
                let Some(session) = self.sessions.get_mut(index) else {
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
                // A date is written once it reads; the form says why one does not when the
                // cursor tries to leave it.
                match parse_due(&text, now.date(), calendar, self.lang) {
                    Ok(due) => {
                        let slot = if index == 0 {
                            &mut progress.timeline.correction_notice
                        } else {
                            &mut progress.timeline.public_notice
                        };
                        let changed = *slot != due.date;
                        *slot = due.date;
                        changed
                    }
                    Err(_) => false,
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
            DialogKind::Windows => Ok(done(None)),
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
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(format!(" {} ", dialog.title()), theme.title))
        .title_bottom(Span::styled(dialog.form.keys_hint(), theme.dim));
    frame.render_widget(block, outer);
    let form_rect = dialog.form_rect(size);
    dialog.form.render(frame, form_rect, theme);
    let inner_w = outer.width.saturating_sub(4);
    let mut notes: Vec<Line> = Vec::new();
    for index in 0..dialog.form.fields.len() {
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
    let top = form_rect.bottom();
    let rows = outer.bottom().saturating_sub(1).saturating_sub(top);
    let wrapped = crate::widgets::wrap::wrap_lines(&notes, inner_w);
    frame.render_widget(
        Paragraph::new(
            wrapped
                .into_iter()
                .take(usize::from(rows))
                .collect::<Vec<_>>(),
        ),
        Rect::new(outer.x + 2, top, inner_w, rows),
    );
}
