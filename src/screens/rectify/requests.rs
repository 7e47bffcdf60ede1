//! Carrying out what the area's screens ask for, with the whole app at hand: opening
//! screens, creating items, status changes and leaving the form.

use super::{
    DetailState, Dialog, FilterPanel, PickerState, RectifyOverlay, RectifyScreen, Request, Then,
    ask_operator, panel, push_form, refit,
};
use crate::app::{App, Effect, Overlay, Screen};
use crate::domain::rectification::{
    self as rect, Finding, Stamp, TransitionError, allowed, next_status, status_label,
};
use crate::progress::RectificationStatus as St;

fn notice(app: &mut App, text: String) {
    app.notice = Some(text);
}

/// Carries out a screen's request with the whole app at hand.
pub(super) fn execute(app: &mut App, request: Request) -> Vec<Effect> {
    let lang = app.lang;
    match request {
        Request::OpenDetail(id) => {
            app.screens
                .push(Screen::Rectify(RectifyScreen::Detail(DetailState::new(
                    &id,
                ))));
            Vec::new()
        }
        Request::Edit(id) => {
            push_form(app, &id, false);
            Vec::new()
        }
        Request::New => {
            let by = app.progress.operator.clone();
            let finding = Finding {
                source: crate::content::FindingSource::SelfCheck,
                link: String::new(),
                title: String::new(),
                description: String::new(),
                severity: crate::content::Severity::General,
            };
            let id = rect::create_from_finding(
                &mut app.progress,
                finding,
                &Stamp {
                    at: app.now,
                    by: &by,
                },
            );
            select_in_list(app, &id);
            app.screens
                .push(Screen::Rectify(RectifyScreen::Detail(DetailState::new(
                    &id,
                ))));
            push_form(app, &id, true);
            vec![Effect::Save]
        }
        Request::Picker => {
            let mut picker = PickerState::new(&app.content);
            picker.fit(app.size);
            app.screens
                .push(Screen::Rectify(RectifyScreen::Picker(picker)));
            Vec::new()
        }
        Request::FromTemplate(index) => {
            let Some(template) = app.content.templates.get(index) else {
                return Vec::new();
            };
            let by = app.progress.operator.clone();
            let id = rect::create_from_template(
                &mut app.progress,
                template,
                &app.calendar,
                &Stamp {
                    at: app.now,
                    by: &by,
                },
            );
            app.screens.pop();
            select_in_list(app, &id);
            app.screens
                .push(Screen::Rectify(RectifyScreen::Detail(DetailState::new(
                    &id,
                ))));
            push_form(app, &id, true);
            vec![Effect::Save]
        }
        Request::Advance(id) => advance(app, &id),
        Request::Reopen(id) => {
            let Some(item) = rect::find(&app.progress, &id) else {
                return Vec::new();
            };
            if allowed(item.status, St::Reopened) {
                let mut dialog = Dialog::reopen(item, lang);
                dialog.fit(app.size);
                app.overlay = Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog)));
            } else {
                let err = TransitionError::NotAllowed {
                    from: item.status,
                    to: St::Reopened,
                };
                notice(app, format!("{id}：{}", err.message(lang)));
            }
            Vec::new()
        }
        Request::Filter => {
            app.overlay = Some(Overlay::Rectify(RectifyOverlay::Filter(
                FilterPanel::default(),
            )));
            Vec::new()
        }
        Request::Windows => {
            let mut dialog = Dialog::windows(&app.progress, lang);
            dialog.fit(app.size);
            app.overlay = Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog)));
            Vec::new()
        }
        Request::Operator => {
            ask_operator(app, Then::Nothing);
            Vec::new()
        }
        Request::Back => leave_form(app),
        Request::Saved => vec![Effect::Save],
    }
}

/// The `s` key: one step forward, or the closing dialog when the next step is 已关闭.
fn advance(app: &mut App, id: &str) -> Vec<Effect> {
    let lang = app.lang;
    let by = app.progress.operator.clone();
    let now = app.now;
    let Some(item) = rect::find_mut(&mut app.progress, id) else {
        return Vec::new();
    };
    match next_status(item.status) {
        None => {
            let text = format!(
                "{id}：{}",
                lang.t(
                    "已关闭；如需继续整改，按 r 重新打开并写明原因",
                    "closed; press r to reopen it with a reason",
                )
            );
            notice(app, text);
            Vec::new()
        }
        Some(St::Closed) => {
            let hint = panel::evidence_hint(&app.content, item);
            let mut dialog = Dialog::close(item, hint, lang);
            dialog.fit(app.size);
            app.overlay = Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog)));
            Vec::new()
        }
        Some(to) => match rect::transition(item, to, "", &Stamp { at: now, by: &by }) {
            Ok(()) => {
                let text = format!("{id} → {}", status_label(to, lang));
                notice(app, text);
                vec![Effect::Save]
            }
            Err(err) => {
                notice(app, format!("{id}：{}", err.message(lang)));
                Vec::new()
            }
        },
    }
}

/// Puts the list's selection on `id`, if the list is on the stack.
fn select_in_list(app: &mut App, id: &str) {
    for screen in &mut app.screens {
        if let Screen::Rectify(RectifyScreen::List(list)) = screen {
            list.selected = Some(id.to_owned());
        }
    }
    refit(app);
}

/// Closes the form; a new item left without a title is discarded on the second Esc.
fn leave_form(app: &mut App) -> Vec<Effect> {
    let Some(Screen::Rectify(RectifyScreen::Form(form))) = app.screens.pop() else {
        return Vec::new();
    };
    let lang = app.lang;
    let discard = form.creating
        && rect::find(&app.progress, &form.id).is_some_and(|r| r.title.trim().is_empty());
    if discard {
        app.progress.rectifications.retain(|r| r.id != form.id);
        // The detail under the form showed the discarded item.
        if matches!(app.screens.last(), Some(Screen::Rectify(RectifyScreen::Detail(d))) if d.id == form.id)
        {
            app.screens.pop();
        }
        notice(
            app,
            lang.t(
                "没有填写标题，已放弃这条新建的整改项",
                "No title, so the new item was discarded",
            )
            .to_owned(),
        );
        refit(app);
        return vec![Effect::Save];
    }
    if let Some(error) = &form.error {
        notice(app, error.clone());
    } else if form.creating {
        let text = format!(
            "{} {}{}",
            lang.t("已新建", "Added"),
            form.id,
            if matches!(app.screen(), Screen::Rectify(_)) {
                ""
            } else {
                lang.t("；按 5 查看全部整改项", "; press 5 for all items")
            }
        );
        notice(app, text);
    }
    refit(app);
    Vec::new()
}
