//! 整改跟踪: the list, detail, form and template-picker screens, their dialogs, and the entry
//! points other areas use (a checklist item's `r`, [`start_from_finding`]).
//!
//! The area's screens ask for what they need with an [`Ask`]; `requests::execute` turns it
//! into an [`Outcome`] the app carries out.

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

use ratatui::Frame;

use crate::action::Action;
use crate::domain::rectification::{self as rect, Finding, Stamp};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Overlay, Request, Screen};
use crate::theme::Theme;

/// One of the area's screens on the navigation stack.
#[derive(Debug, Clone)]
pub enum RectifyScreen {
    List(ListState),
    Detail(DetailState),
    Form(FormState),
    Picker(PickerState),
}

/// The area's dialogs, drawn over any screen.
#[derive(Debug, Clone)]
pub enum RectifyOverlay {
    Dialog(Dialog),
}

impl RectifyScreen {
    pub fn scope(&self) -> Scope {
        match self {
            RectifyScreen::List(list) if list.panel.is_some() => Scope::RectifyFilter,
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

/// What one of the area's screens asks for; `requests::execute` turns it into an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
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
pub fn open(ctx: &Ctx) -> Outcome {
    let outcome = Outcome::request(Request::Push(Screen::Rectify(RectifyScreen::List(
        ListState::default(),
    ))));
    if needs_operator(ctx.progress) {
        outcome.then(ask_operator(ctx, Then::Nothing))
    } else {
        outcome
    }
}

/// For other areas (through [`Request::Rectify`]): turns a checklist item, an interview
/// miss or a flagged SOP step into a rectification item and opens its form on top of the
/// current screen (Esc comes back). Build the finding with [`Finding::checklist_item`],
/// [`Finding::interview_miss`] (link = question id) or [`Finding::sop_step`] (link =
/// `sop-id/step-id`). Asks for the 当前操作人 first if nobody has said yet.
pub fn start_from_finding(ctx: &mut Ctx, finding: Finding) -> Outcome {
    if needs_operator(ctx.progress) {
        return ask_operator(ctx, Then::Finding(finding));
    }
    let by = ctx.progress.operator.clone();
    let id = rect::create_from_finding(
        ctx.progress,
        finding,
        &Stamp {
            at: ctx.now,
            by: &by,
        },
    );
    Outcome::save().then(push_form(ctx.progress, &id, true, false, ctx.lang))
}

pub fn needs_operator(progress: &Progress) -> bool {
    progress.operator.trim().is_empty()
}

fn ask_operator(ctx: &Ctx, then: Then) -> Outcome {
    let dialog = Dialog::operator(then, &ctx.progress.operator, ctx.lang);
    Outcome::request(Request::Open(Overlay::Rectify(RectifyOverlay::Dialog(
        dialog,
    ))))
}

/// The form for item `id`; `over_detail` when the item's detail lies just below it.
fn push_form(
    progress: &Progress,
    id: &str,
    creating: bool,
    over_detail: bool,
    lang: Lang,
) -> Outcome {
    let Some(item) = rect::find(progress, id) else {
        return Outcome::none();
    };
    let mut form = FormState::new(item, creating, lang);
    form.over_detail = over_detail;
    Outcome::request(Request::Push(Screen::Rectify(RectifyScreen::Form(form))))
}

/// Actions that change data, and so need to know who is acting.
fn changes_data(action: Action) -> bool {
    matches!(
        action,
        Action::RectNew
            | Action::RectFromTemplate
            | Action::RectEdit
            | Action::RectAdvance
            | Action::RectReopen
    )
}

impl Component for RectifyScreen {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        match self {
            RectifyScreen::Form(form) => form.form.focused_input(),
            RectifyScreen::Picker(picker) => Some(&picker.input),
            RectifyScreen::List(_) | RectifyScreen::Detail(_) => None,
        }
    }

    fn form(&self) -> Option<&crate::widgets::form::Form> {
        match self {
            RectifyScreen::Form(form) => Some(&form.form),
            _ => None,
        }
    }

    fn scope(&self) -> Scope {
        RectifyScreen::scope(self)
    }

    fn title(&self, lang: Lang) -> &'static str {
        RectifyScreen::title(self, lang)
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        if let Input::Action(action) = input
            && changes_data(action)
            && needs_operator(ctx.progress)
        {
            return ask_operator(ctx, Then::Action(action));
        }
        let today = ctx.today();
        let size = ctx.size;
        let ask = match (&mut *self, input) {
            (RectifyScreen::List(list), Input::Key(key)) => {
                // Without the panel open, an unbound key does nothing.
                if let Some(mut panel) = list.panel.take() {
                    if panel.handle_key(key, list, ctx.progress) {
                        list.panel = Some(panel);
                    }
                    list.fit(size, ctx.progress, today);
                }
                None
            }
            (RectifyScreen::List(list), Input::Action(action)) => {
                list.update(action, ctx.progress, today, size)
            }
            (RectifyScreen::List(list), Input::Select(id)) => {
                list.selected = Some(id);
                None
            }
            (RectifyScreen::Detail(detail), Input::Action(action)) => {
                let view = detail::View {
                    content: ctx.content,
                    progress: ctx.progress,
                    calendar: ctx.calendar,
                    today,
                    lang: ctx.lang,
                };
                detail.update(action, &view, size)
            }
            (RectifyScreen::Form(form), input) => {
                let mut form_ctx = form::Ctx {
                    progress: ctx.progress,
                    calendar: ctx.calendar,
                    now: ctx.now,
                    lang: ctx.lang,
                };
                form.handle(input, &mut form_ctx, size)
            }
            (RectifyScreen::Picker(picker), Input::Action(action)) => {
                picker.update(action, ctx.content, size)
            }
            (RectifyScreen::Picker(picker), Input::Key(key)) => {
                picker.handle_text_key(key, ctx.content, size);
                None
            }
            (RectifyScreen::Picker(picker), Input::Paste(text)) => {
                picker.paste(&text, ctx.content, size);
                None
            }
            _ => None,
        };
        match ask {
            Some(ask) => requests::execute(self, ask, ctx),
            None => Outcome::none(),
        }
    }

    /// Keeps lists and inputs fitted to the terminal after a change of size or data.
    fn fit(&mut self, env: &Env) {
        match self {
            RectifyScreen::List(list) => list.fit(env.size, env.progress, env.today()),
            RectifyScreen::Form(form) => form.fit(env.size),
            RectifyScreen::Picker(picker) => picker.fit(env.size),
            RectifyScreen::Detail(_) => {}
        }
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        match self {
            RectifyScreen::List(state) => {
                list::render(frame, env, state, theme);
                if let Some(panel) = &state.panel {
                    panel::render_filter(frame, env, panel, state, theme);
                }
            }
            RectifyScreen::Detail(state) => detail::render(frame, env, state, theme),
            RectifyScreen::Form(state) => form::render(frame, env, state, theme),
            RectifyScreen::Picker(state) => picker::render(frame, env, state, theme),
        }
    }
}

impl Component for RectifyOverlay {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        match self {
            RectifyOverlay::Dialog(dialog) => dialog.form.focused_input(),
        }
    }

    fn form(&self) -> Option<&crate::widgets::form::Form> {
        let RectifyOverlay::Dialog(dialog) = self;
        Some(&dialog.form)
    }

    fn scope(&self) -> Scope {
        Scope::RectifyDialog
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("整改跟踪", "Rectification")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let RectifyOverlay::Dialog(dialog) = self;
        match dialog.handle(input, ctx.progress, ctx.calendar, ctx.now, ctx.size) {
            dialog::Outcome::Continue { changed } => Outcome::saved_if(changed),
            dialog::Outcome::Cancel { changed } => Outcome::saved_if(changed).and(Request::Close),
            dialog::Outcome::Submit => submit_dialog(dialog, ctx),
        }
    }

    fn fit(&mut self, env: &Env) {
        let RectifyOverlay::Dialog(dialog) = self;
        dialog.fit(env.size);
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        let RectifyOverlay::Dialog(dialog) = self;
        dialog::render(frame, env, dialog, theme);
    }
}

fn submit_dialog(dialog: &mut Dialog, ctx: &mut Ctx) -> Outcome {
    match dialog.submit(ctx.progress, ctx.now, ctx.lang) {
        Err(message) => {
            dialog.form.set_error(Some(message));
            Outcome::save()
        }
        Ok(done) => {
            let mut outcome = Outcome::save().and(Request::Close);
            if let Some(text) = done.notice {
                outcome = outcome.and(Request::Notice(text));
            }
            match done.then {
                Then::Nothing => outcome,
                Then::Action(action) => outcome.and(Request::Action(action)),
                Then::Finding(finding) => outcome.and(Request::Rectify(finding)),
            }
        }
    }
}
