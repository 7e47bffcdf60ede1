//! Carrying out what the area's screens ask for: opening screens and dialogs, creating
//! items, status changes and leaving the form, all answered as an [`Outcome`].

use super::{
    Ask, DetailState, Dialog, FilterPanel, PickerState, RectifyOverlay, RectifyScreen, Then,
    ask_operator, panel, push_form,
};
use crate::domain::rectification::{
    self as rect, Finding, Stamp, TransitionError, allowed, next_status, status_label,
};
use crate::progress::RectificationStatus as St;
use crate::screens::{Ctx, Outcome, Overlay, Request, Screen};

fn detail(id: &str) -> Request {
    Request::Push(Screen::Rectify(RectifyScreen::Detail(DetailState::new(id))))
}

fn dialog(dialog: Dialog) -> Outcome {
    Outcome::request(Request::Open(Overlay::Rectify(RectifyOverlay::Dialog(
        dialog,
    ))))
}

/// Carries out what `screen` asked for.
pub(super) fn execute(screen: &mut RectifyScreen, ask: Ask, ctx: &mut Ctx) -> Outcome {
    let lang = ctx.lang;
    match ask {
        Ask::OpenDetail(id) => Outcome::request(detail(&id)),
        Ask::Edit(id) => push_form(ctx.progress, &id, false, false, lang),
        Ask::New => {
            let by = ctx.progress.operator.clone();
            let finding = Finding {
                source: crate::content::FindingSource::SelfCheck,
                link: String::new(),
                title: String::new(),
                description: String::new(),
                severity: crate::content::Severity::General,
            };
            let id = rect::create_from_finding(
                ctx.progress,
                finding,
                &Stamp {
                    at: ctx.now,
                    by: &by,
                },
            );
            if let RectifyScreen::List(list) = screen {
                list.selected = Some(id.clone());
            }
            Outcome::save()
                .and(detail(&id))
                .then(push_form(ctx.progress, &id, true, true, lang))
        }
        Ask::Picker => Outcome::request(Request::Push(Screen::Rectify(RectifyScreen::Picker(
            PickerState::new(ctx.content),
        )))),
        Ask::FromTemplate(index) => {
            let Some(template) = ctx.content.templates.get(index) else {
                return Outcome::none();
            };
            let by = ctx.progress.operator.clone();
            let id = rect::create_from_template(
                ctx.progress,
                template,
                ctx.calendar,
                &Stamp {
                    at: ctx.now,
                    by: &by,
                },
            );
            // The picker gives way to the new item's detail and form over the list.
            Outcome::save()
                .and(Request::Pop)
                .and(Request::Select(id.clone()))
                .and(detail(&id))
                .then(push_form(ctx.progress, &id, true, true, lang))
        }
        Ask::Advance(id) => advance(ctx, &id),
        Ask::Reopen(id) => {
            let Some(item) = rect::find(ctx.progress, &id) else {
                return Outcome::none();
            };
            if allowed(item.status, St::Reopened) {
                dialog(Dialog::reopen(item, lang))
            } else {
                let err = TransitionError::NotAllowed {
                    from: item.status,
                    to: St::Reopened,
                };
                Outcome::notice(format!("{id}：{}", err.message(lang)))
            }
        }
        Ask::Filter => {
            if let RectifyScreen::List(list) = screen {
                list.panel = Some(FilterPanel::default());
            }
            Outcome::none()
        }
        Ask::Windows => dialog(Dialog::windows(ctx.progress, lang)),
        Ask::Operator => ask_operator(ctx, Then::Nothing),
        Ask::Back => match screen {
            RectifyScreen::Form(form) => leave_form(form, ctx),
            _ => Outcome::request(Request::Pop),
        },
        Ask::Saved => Outcome::save(),
    }
}

/// The `s` key: one step forward, or the closing dialog when the next step is 已关闭.
fn advance(ctx: &mut Ctx, id: &str) -> Outcome {
    let lang = ctx.lang;
    let by = ctx.progress.operator.clone();
    let now = ctx.now;
    let content = ctx.content;
    let Some(item) = rect::find_mut(ctx.progress, id) else {
        return Outcome::none();
    };
    match next_status(item.status) {
        None => Outcome::notice(format!(
            "{id}：{}",
            lang.t(
                "已关闭；如需继续整改，按 r 重新打开并写明原因",
                "closed; press r to reopen it with a reason",
            )
        )),
        Some(St::Closed) => {
            let hint = panel::evidence_hint(content, item);
            dialog(Dialog::close(item, hint, lang))
        }
        Some(to) => match rect::transition(item, to, "", &Stamp { at: now, by: &by }) {
            Ok(()) => Outcome::save().and(Request::Notice(format!(
                "{id} → {}",
                status_label(to, lang)
            ))),
            Err(err) => Outcome::notice(format!("{id}：{}", err.message(lang))),
        },
    }
}

/// Closes the form; a new item left without a title is discarded on the second Esc.
fn leave_form(form: &super::FormState, ctx: &mut Ctx) -> Outcome {
    let lang = ctx.lang;
    let discard = form.creating
        && rect::find(ctx.progress, &form.id).is_some_and(|r| r.title.trim().is_empty());
    let outcome = Outcome::request(Request::Pop);
    if discard {
        ctx.progress.rectifications.retain(|r| r.id != form.id);
        // The detail under the form showed the discarded item.
        let outcome = if form.over_detail {
            outcome.and(Request::Pop)
        } else {
            outcome
        };
        return outcome
            .with(crate::screens::Effect::Save)
            .and(Request::Notice(
                lang.t(
                    "没有填写标题，已放弃这条新建的整改项",
                    "No title, so the new item was discarded",
                )
                .to_owned(),
            ));
    }
    if let Some(note) = &form.leaving_note {
        // A value was put back as it was on the way out.
        outcome
            .with(crate::screens::Effect::Save)
            .and(Request::Notice(note.clone()))
    } else if form.creating {
        outcome.and(Request::Notice(format!(
            "{} {}{}",
            lang.t("已新建", "Added"),
            form.id,
            if form.over_detail {
                ""
            } else {
                lang.t("；按 5 查看全部整改项", "; press 5 for all items")
            }
        )))
    } else {
        outcome
    }
}
