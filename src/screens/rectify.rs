//! 整改跟踪: the list, detail, form and template-picker screens, their dialogs, and the entry
//! points other areas use (a checklist item's `r`, [`start_from_finding`]).
//!
//! Screens ask for what they need with a [`Request`]; this module carries requests out with
//! the whole `App` at hand, so each screen only touches its own state.

mod detail;
mod dialog;
mod form;
mod list;
mod panel;
mod picker;
mod requests;
#[cfg(test)]
mod tests;

pub use detail::DetailState;
pub use dialog::{Dialog, DialogKind, Then};
pub use form::FormState;
pub use list::ListState;
pub use panel::{FilterPanel, dashboard_lines, linked_summary};
pub use picker::PickerState;

use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::app::{self, Action, App, Effect, Overlay, Screen};
use crate::domain::rectification::{self as rect, Finding, Stamp};
use crate::i18n::Lang;
use crate::keymap::{self, Scope};
use crate::theme::Theme;

/// One of the area's screens on the navigation stack.
#[derive(Debug, Clone)]
pub enum RectifyScreen {
    List(ListState),
    Detail(DetailState),
    Form(FormState),
    Picker(PickerState),
}

/// The area's dialogs, drawn over its screens.
#[derive(Debug, Clone)]
pub enum RectifyOverlay {
    Dialog(Dialog),
    Filter(FilterPanel),
}

impl RectifyScreen {
    pub fn scope(&self) -> Scope {
        match self {
            RectifyScreen::List(_) => Scope::RectifyList,
            RectifyScreen::Detail(_) => Scope::RectifyDetail,
            RectifyScreen::Form(_) => Scope::RectifyForm,
            RectifyScreen::Picker(_) => Scope::RectifyPicker,
        }
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            RectifyScreen::List(_) => lang.t("整改跟踪", "Rectification"),
            RectifyScreen::Detail(_) => lang.t("整改详情", "Rectification item"),
            RectifyScreen::Form(form) if form.creating => lang.t("新建整改项", "New item"),
            RectifyScreen::Form(_) => lang.t("编辑整改项", "Edit item"),
            RectifyScreen::Picker(_) => lang.t("从模板新建", "Add from a template"),
        }
    }
}

/// What a screen or dialog asks the hub to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    OpenDetail(String),
    Edit(String),
    New,
    Picker,
    FromTemplate(usize),
    Advance(String),
    Reopen(String),
    Filter,
    Windows,
    Operator,
    /// Leave the current screen.
    Back,
    Saved,
}

/// Opens the list (the area's root, above the dashboard) and asks who is acting if nobody
/// has said yet.
pub fn open(app: &mut App) {
    app.screens
        .push(Screen::Rectify(RectifyScreen::List(ListState::default())));
    refit(app);
    if needs_operator(app) {
        ask_operator(app, Then::Nothing);
    }
}

/// Creates a rectification item from the checklist item `item_id` (link and title filled in)
/// and opens its form over the checklist.
pub fn from_checklist_item(app: &mut App, item_id: &str) -> Vec<Effect> {
    let Some(item) = app.content.find_item(item_id) else {
        return Vec::new();
    };
    let finding = Finding::checklist_item(item_id, &item.item.title);
    start_from_finding(app, finding)
}

/// For other areas: turns an interview miss or a flagged SOP step into a rectification item
/// and opens its form on top of the current screen (Esc comes back). Build the finding with
/// [`Finding::interview_miss`] (link = question id) or [`Finding::sop_step`] (link =
/// `sop-id/step-id`). Asks for the 当前操作人 first if nobody has said yet. Returns the
/// effects to hand back from `update`.
pub fn start_from_finding(app: &mut App, finding: Finding) -> Vec<Effect> {
    if needs_operator(app) {
        ask_operator(app, Then::Finding(finding));
        return Vec::new();
    }
    let by = app.progress.operator.clone();
    let id = rect::create_from_finding(
        &mut app.progress,
        finding,
        &Stamp {
            at: app.now,
            by: &by,
        },
    );
    push_form(app, &id, true);
    vec![Effect::Save]
}

pub fn needs_operator(app: &App) -> bool {
    app.progress.operator.trim().is_empty()
}

fn ask_operator(app: &mut App, then: Then) {
    let mut dialog = Dialog::operator(then, &app.progress.operator, app.lang);
    dialog.fit(app.size);
    app.overlay = Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog)));
}

fn push_form(app: &mut App, id: &str, creating: bool) {
    let Some(item) = rect::find(&app.progress, id) else {
        return;
    };
    let mut form = FormState::new(item, creating);
    form.fit(app.size);
    app.screens.push(Screen::Rectify(RectifyScreen::Form(form)));
}

/// Keys on one of the area's screens.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let scope = app.screen().scope();
    if let Some(action) = keymap::lookup(scope, &key) {
        return app::apply(app, action);
    }
    let App {
        screens,
        progress,
        calendar,
        content,
        now,
        lang,
        size,
        ..
    } = app;
    let request = match screens.last_mut() {
        Some(Screen::Rectify(RectifyScreen::Form(form))) => {
            let mut ctx = form::Ctx {
                progress,
                calendar,
                now: *now,
                lang: *lang,
            };
            form.handle_text_key(key, &mut ctx, *size)
        }
        Some(Screen::Rectify(RectifyScreen::Picker(picker))) => {
            picker.handle_text_key(key, content, *size);
            None
        }
        _ => None,
    };
    match request {
        Some(request) => requests::execute(app, request),
        None => Vec::new(),
    }
}

/// Whether pasted text goes to this area (a dialog of it, or its form or picker).
pub fn takes_paste(app: &App) -> bool {
    match &app.overlay {
        Some(Overlay::Rectify(_)) => true,
        None => matches!(
            app.screen(),
            Screen::Rectify(RectifyScreen::Form(_) | RectifyScreen::Picker(_))
        ),
        Some(_) => false,
    }
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let App {
        screens,
        overlay,
        progress,
        calendar,
        content,
        now,
        lang,
        size,
        ..
    } = app;
    if let Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog))) = overlay {
        let changed = dialog.paste(text, progress, calendar, *now, *size);
        return if changed {
            vec![Effect::Save]
        } else {
            Vec::new()
        };
    }
    match screens.last_mut() {
        Some(Screen::Rectify(RectifyScreen::Form(form))) => {
            let mut ctx = form::Ctx {
                progress,
                calendar,
                now: *now,
                lang: *lang,
            };
            if form.paste(text, &mut ctx, *size) {
                vec![Effect::Save]
            } else {
                Vec::new()
            }
        }
        Some(Screen::Rectify(RectifyScreen::Picker(picker))) => {
            picker.paste(text, content, *size);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Actions on the area's screens (global ones were handled by `app::apply`).
pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let changes_data = matches!(
        action,
        Action::RectNew
            | Action::RectFromTemplate
            | Action::RectEdit
            | Action::RectAdvance
            | Action::RectReopen
    );
    if changes_data && needs_operator(app) {
        ask_operator(app, Then::Action(action));
        return Vec::new();
    }
    let today = app.today();
    let App {
        screens,
        progress,
        calendar,
        content,
        now,
        lang,
        size,
        ..
    } = app;
    let request = match screens.last_mut() {
        Some(Screen::Rectify(RectifyScreen::List(list))) => {
            list.update(action, progress, today, *size)
        }
        Some(Screen::Rectify(RectifyScreen::Detail(detail))) => {
            let view = detail::View {
                content,
                progress,
                calendar,
                today,
                lang: *lang,
            };
            detail.update(action, &view, *size)
        }
        Some(Screen::Rectify(RectifyScreen::Form(form))) => {
            let mut ctx = form::Ctx {
                progress,
                calendar,
                now: *now,
                lang: *lang,
            };
            form.update(action, &mut ctx, *size)
        }
        Some(Screen::Rectify(RectifyScreen::Picker(picker))) => {
            picker.update(action, content, *size)
        }
        _ => None,
    };
    match request {
        Some(request) => requests::execute(app, request),
        None => Vec::new(),
    }
}

/// Keys while one of the area's dialogs is open.
pub fn handle_overlay_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let App {
        screens,
        overlay,
        progress,
        calendar,
        now,
        size,
        ..
    } = app;
    match overlay {
        Some(Overlay::Rectify(RectifyOverlay::Filter(panel))) => {
            let Some(Screen::Rectify(RectifyScreen::List(list))) = screens.last_mut() else {
                *overlay = None;
                return Vec::new();
            };
            if !panel.handle_key(key, list, progress) {
                *overlay = None;
            }
            list.fit(*size, progress, today);
            Vec::new()
        }
        Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog))) => {
            match dialog.handle_key(key, progress, calendar, *now, *size) {
                dialog::Outcome::Continue { changed } => {
                    if changed {
                        vec![Effect::Save]
                    } else {
                        Vec::new()
                    }
                }
                dialog::Outcome::Cancel { changed } => {
                    *overlay = None;
                    if changed {
                        vec![Effect::Save]
                    } else {
                        Vec::new()
                    }
                }
                dialog::Outcome::Submit => submit_dialog(app),
            }
        }
        _ => Vec::new(),
    }
}

fn submit_dialog(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog))) = &mut app.overlay else {
        return Vec::new();
    };
    let lang = app.lang;
    let now = app.now;
    match dialog.submit(&mut app.progress, now, lang) {
        Err(message) => {
            dialog.error = Some(message);
            vec![Effect::Save]
        }
        Ok(done) => {
            app.overlay = None;
            let mut effects = vec![Effect::Save];
            if let Some(text) = done.notice {
                app.notice = Some(text);
            }
            match done.then {
                Then::Nothing => {}
                Then::Action(action) => effects.extend(apply(app, action)),
                Then::Finding(finding) => effects.extend(start_from_finding(app, finding)),
            }
            refit(app);
            effects
        }
    }
}

/// Keeps lists, inputs and dialogs fitted to the terminal after a change of size or data.
pub fn refit(app: &mut App) {
    let today = app.today();
    let size = app.size;
    for screen in &mut app.screens {
        match screen {
            Screen::Rectify(RectifyScreen::List(list)) => list.fit(size, &app.progress, today),
            Screen::Rectify(RectifyScreen::Form(form)) => form.fit(size),
            Screen::Rectify(RectifyScreen::Picker(picker)) => picker.fit(size),
            _ => {}
        }
    }
    if let Some(Overlay::Rectify(RectifyOverlay::Dialog(dialog))) = &mut app.overlay {
        dialog.fit(size);
    }
}

pub fn render(frame: &mut Frame, app: &App, screen: &RectifyScreen, theme: &Theme) {
    match screen {
        RectifyScreen::List(state) => list::render(frame, app, state, theme),
        RectifyScreen::Detail(state) => detail::render(frame, app, state, theme),
        RectifyScreen::Form(state) => form::render(frame, app, state, theme),
        RectifyScreen::Picker(state) => picker::render(frame, app, state, theme),
    }
}

pub fn render_overlay(frame: &mut Frame, app: &App, overlay: &RectifyOverlay, theme: &Theme) {
    match overlay {
        RectifyOverlay::Dialog(dialog) => dialog::render(frame, app, dialog, theme),
        RectifyOverlay::Filter(panel) => {
            if let Screen::Rectify(RectifyScreen::List(list)) = app.screen() {
                panel::render_filter(frame, app, panel, list, theme);
            }
        }
    }
}
