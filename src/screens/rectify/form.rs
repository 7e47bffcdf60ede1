//! The form to add and edit a rectification item, in the one form widget
//! ([`crate::widgets::form`]): the same keys, focus marker, select-all, required-field and
//! Esc rules as every other form. What is typed is written into progress (and logged) as it
//! is typed; a due date once it reads by the one date grammar.

mod view;

pub use view::render;

use chrono::{NaiveDate, NaiveDateTime};

use super::Ask;
use crate::domain::calendar::WorkCalendar;
use crate::domain::rectification::{
    self as rect, SEVERITIES, SOURCES, Session, Stamp, Value, field_label, field_value, parse_due,
    severity_label, source_label,
};
use crate::i18n::Lang;
use crate::progress::{Progress, RectField, Rectification};
use crate::screens::Input;
use crate::screens::contract::form_event;
use crate::widgets::form::{Event, Field, Form};

/// The fields in the order the form shows them.
pub const FIELDS: [RectField; 11] = [
    RectField::Title,
    RectField::Source,
    RectField::Severity,
    RectField::Link,
    RectField::Description,
    RectField::RootCause,
    RectField::Action,
    RectField::Owner,
    RectField::Due,
    RectField::Evidence,
    RectField::Verifier,
];

fn max_chars(field: RectField) -> usize {
    match field {
        RectField::Description | RectField::RootCause | RectField::Action => 5_000,
        RectField::Evidence | RectField::Link => 500,
        _ => 100,
    }
}

/// The item's fields as the form widget's fields.
fn fields(item: &Rectification, lang: Lang) -> Vec<Field> {
    FIELDS
        .iter()
        .map(|&field| {
            let label = field_label(field, lang);
            let value = field_value(item, field);
            match field {
                RectField::Title => Field::text(label, &value, max_chars(field)).required(),
                RectField::Source => Field::choice(
                    label,
                    SOURCES
                        .iter()
                        .map(|s| source_label(*s, lang).to_owned())
                        .collect(),
                    SOURCES.iter().position(|s| *s == item.source).unwrap_or(0),
                ),
                RectField::Severity => Field::choice(
                    label,
                    SEVERITIES
                        .iter()
                        .map(|s| severity_label(*s, lang).to_owned())
                        .collect(),
                    SEVERITIES
                        .iter()
                        .position(|s| *s == item.severity)
                        .unwrap_or(0),
                ),
                RectField::Description | RectField::RootCause | RectField::Action => {
                    Field::multiline(label, &value, max_chars(field))
                }
                RectField::Due => Field::date(label, &value),
                RectField::Evidence | RectField::Verifier => {
                    Field::text(label, &value, max_chars(field))
                        .with_placeholder(lang.t("（关闭时必填）", "(to close)"))
                }
                _ => Field::text(label, &value, max_chars(field)),
            }
        })
        .collect()
}

/// What the form needs from the app while handling a key.
pub struct Ctx<'a> {
    pub progress: &'a mut Progress,
    pub calendar: &'a WorkCalendar,
    pub now: NaiveDateTime,
    pub lang: Lang,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub id: String,
    /// Opened right after the item was made: edits are part of its creation.
    pub creating: bool,
    /// The fields, in the order of `FIELDS`.
    pub form: Form,
    /// The history session of each field: one visit to a field logs one change.
    sessions: Vec<Session>,
    /// The last Esc found no title on a new item; another Esc discards it.
    pub discard_armed: bool,
    /// Opened over the new item's detail (from the list), which goes too when the new item
    /// is discarded; otherwise opened from another area.
    pub over_detail: bool,
    /// What to say in the footer on leaving (a value put back as it was).
    pub leaving_note: Option<String>,
}

impl FormState {
    pub fn new(item: &Rectification, creating: bool, lang: Lang) -> Self {
        let focus_field = if item.title.is_empty() {
            RectField::Title
        } else if item.description.is_empty() {
            RectField::Description
        } else {
            RectField::Owner
        };
        let focus = FIELDS.iter().position(|f| *f == focus_field).unwrap_or(0);
        Self {
            id: item.id.clone(),
            creating,
            form: Form::new(fields(item, lang), lang).focused_on(focus),
            sessions: vec![Self::fresh(creating); FIELDS.len()],
            discard_armed: false,
            over_detail: false,
            leaving_note: None,
        }
    }

    fn fresh(creating: bool) -> Session {
        if creating {
            Session::Creating
        } else {
            Session::Fresh
        }
    }

    /// The focused field.
    pub fn field(&self) -> RectField {
        FIELDS[self.form.focus().min(FIELDS.len() - 1)]
    }

    /// Fits the focused input to where `render` draws it on a screen of `size`.
    pub fn fit(&mut self, size: (u16, u16)) {
        let area = view::form_area(size);
        let label_w = crate::widgets::cells(self.form.label_width(usize::from(area.width / 2)));
        let multiline = self.form.focused().is_some_and(Field::is_multiline);
        let height = if multiline {
            view::multiline_rows(&self.form, area.height)
        } else {
            1
        };
        self.form.fit(area.width.saturating_sub(label_w), height);
    }

    /// Writes `value` into field `index` with that field's history session.
    fn write(&mut self, index: usize, value: Value, ctx: &mut Ctx) -> bool {
        let by = ctx.progress.operator.clone();
        let (Some(&field), Some(session)) = (FIELDS.get(index), self.sessions.get_mut(index))
        else {
            return false;
        };
        let Some(item) = rect::find_mut(ctx.progress, &self.id) else {
            return false;
        };
        rect::set_field(
            item,
            field,
            value,
            &Stamp {
                at: ctx.now,
                by: &by,
            },
            session,
        )
    }

    /// Writes what field `index` holds now. A date is written once it reads.
    fn apply(&mut self, index: usize, ctx: &mut Ctx) -> bool {
        self.discard_armed = false;
        let Some(field) = self.form.field(index) else {
            return false;
        };
        let value = match FIELDS.get(index) {
            Some(RectField::Source) => SOURCES.get(field.choice).map(|s| Value::Source(*s)),
            Some(RectField::Severity) => SEVERITIES.get(field.choice).map(|s| Value::Severity(*s)),
            Some(RectField::Due) => {
                parse_due(&field.input.text(), ctx.now.date(), ctx.calendar, ctx.lang)
                    .ok()
                    .map(|due| Value::Due(due.date))
            }
            Some(_) => Some(Value::Text(field.input.text())),
            None => None,
        };
        value.is_some_and(|value| self.write(index, value, ctx))
    }

    /// The cursor left field `index` (going back, or closing): a date that never read and an
    /// emptied title are put back as they were, and the footer says so.
    fn left(&mut self, index: usize, ctx: &mut Ctx) -> bool {
        let lang = ctx.lang;
        let Some(field) = self.form.field(index) else {
            return false;
        };
        let text = field.input.text();
        let original = field.original().to_owned();
        let note = match FIELDS.get(index) {
            Some(RectField::Due) if field.date_error().is_some() => {
                let date = NaiveDate::parse_from_str(&original, "%Y-%m-%d").ok();
                self.write(index, Value::Due(date), ctx);
                Some(format!(
                    "{}「{}」{}",
                    lang.t("截止日期", "Due date "),
                    text.trim(),
                    lang.t("无法识别，已保留原值", " not understood, kept as was"),
                ))
            }
            Some(RectField::Title) if text.trim().is_empty() && !self.creating => {
                self.write(index, Value::Text(original.clone()), ctx);
                Some(
                    lang.t("标题不能为空，已恢复原标题", "A title is needed; restored")
                        .to_owned(),
                )
            }
            Some(RectField::Due) => {
                // "+3" or 今天 reads differently tomorrow: show the date it became.
                if let Some(item) = rect::find(ctx.progress, &self.id) {
                    let date = field_value(item, RectField::Due);
                    if let Some(field) = self.form.field_mut(index) {
                        field.set_value(&date);
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(sessions) = self.sessions.get_mut(index) {
            *sessions = Self::fresh(self.creating);
        }
        let Some(note) = note else {
            return false;
        };
        if let Some(field) = self.form.field_mut(index) {
            field.set_value(&original);
        }
        self.form.set_error(Some(note.clone()));
        self.leaving_note = Some(note);
        true
    }

    /// A key, a paste or a form action from the key map: the form widget decides, the item
    /// is written as it changes. Returns what the area should do next.
    pub fn handle(&mut self, input: Input, ctx: &mut Ctx, size: (u16, u16)) -> Option<Ask> {
        let event = form_event(&mut self.form, input)?;
        if !matches!(event, Event::None) {
            self.leaving_note = None;
        }
        let ask = match event {
            Event::None => None,
            Event::Edited(index) => self.apply(index, ctx).then_some(Ask::Saved),
            Event::Left(index) => self.left(index, ctx).then_some(Ask::Saved),
            Event::Submit | Event::Close => self.close(ctx, size),
        };
        self.fit(size);
        ask
    }

    /// Done or Esc: the focused field is finished, and a new item without a title is
    /// discarded only on a second Esc.
    fn close(&mut self, ctx: &mut Ctx, size: (u16, u16)) -> Option<Ask> {
        let saved = self.left(self.form.focus(), ctx);
        let untitled =
            rect::find(ctx.progress, &self.id).is_some_and(|r| r.title.trim().is_empty());
        if self.creating && untitled && !self.discard_armed {
            let _ = self.form.focus_on(0);
            self.discard_armed = true;
            self.form.set_error(Some(
                ctx.lang
                    .t(
                        "请填写标题；再按一次 Esc 放弃这条新建的整改项",
                        "Type a title; Esc again discards this new item",
                    )
                    .to_owned(),
            ));
            self.fit(size);
            return saved.then_some(Ask::Saved);
        }
        Some(Ask::Back)
    }
}
