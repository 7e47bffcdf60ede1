//! 人员台账: the staff register's list (filters by level, role, expiring certificates, missing
//! documents), a person's detail with every record, and the form that adds and edits them.
//! Every change is written into progress as it is typed.

mod form;
mod view;

pub use form::{Form, RowKind, Target};

use ratatui::Frame;

use crate::action::{Action, Pe};
use crate::domain::people::filter::{Filter, Flags, roles_in};
use crate::domain::people::{Checks, check_all};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request, Screen};
use crate::theme::Theme;
use crate::widgets::form::Event as FormEvent;

/// What is being looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    List,
    /// One person; `record` 0 is the person, then certificates, then training sessions.
    Detail {
        id: String,
        record: usize,
    },
}

/// What a confirmation would remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Person(String),
    Certificate { person: String, id: String },
    Training { person: String, id: String },
}

#[derive(Debug, Clone)]
pub struct PeopleState {
    pub view: View,
    pub filter: Filter,
    /// Selected row of the filtered list.
    pub selected: usize,
    pub form: Option<Form>,
    pub confirm: Option<Removal>,
}

/// Opens the register, filtered to `only` (a dashboard check's people) when given.
pub fn open(only: Option<(String, Vec<String>)>) -> Outcome {
    let filter = Filter {
        only,
        ..Filter::default()
    };
    Outcome::request(Request::Push(Screen::People(Box::new(PeopleState::new(
        filter,
    )))))
}

/// The ids of the people listed, in register order.
pub fn listed(
    progress: &Progress,
    filter: &Filter,
    checks: &Checks,
    today: chrono::NaiveDate,
) -> Vec<String> {
    let flags = Flags::of(checks);
    progress
        .people
        .iter()
        .filter(|p| filter.shows(p, &flags, today))
        .map(|p| p.id.clone())
        .collect()
}

impl PeopleState {
    pub fn new(filter: Filter) -> Self {
        Self {
            view: View::List,
            filter,
            selected: 0,
            form: None,
            confirm: None,
        }
    }

    fn selected_id(&self, ctx: &Ctx) -> Option<String> {
        match &self.view {
            View::Detail { id, .. } => Some(id.clone()),
            View::List => {
                let checks = check_all(ctx.content, ctx.progress, ctx.today());
                listed(ctx.progress, &self.filter, &checks, ctx.today())
                    .get(self.selected)
                    .cloned()
            }
        }
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        if let Some(removal) = self.confirm.clone() {
            return match action {
                Action::People(Pe::Yes) => {
                    self.confirm = None;
                    remove(removal, ctx, self)
                }
                Action::People(Pe::No) | Action::Back => {
                    self.confirm = None;
                    Outcome::none()
                }
                _ => Outcome::none(),
            };
        }
        match &self.view {
            View::List => self.update_list(action, ctx),
            View::Detail { .. } => self.update_detail(action, ctx),
        }
    }

    fn update_list(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let checks = check_all(ctx.content, ctx.progress, ctx.today());
        let count = listed(ctx.progress, &self.filter, &checks, ctx.today()).len();
        let last = count.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Open => {
                if let Some(id) = self.selected_id(ctx) {
                    self.view = View::Detail { id, record: 0 };
                }
            }
            Action::People(Pe::Add) => {
                self.form = Some(Form::person(
                    ctx.progress,
                    None,
                    &ctx.content.interview.roles,
                    ctx.lang,
                ));
            }
            Action::People(Pe::Edit) => {
                if let Some(id) = self.selected_id(ctx) {
                    self.form = Some(Form::person(
                        ctx.progress,
                        Some(&id),
                        &ctx.content.interview.roles,
                        ctx.lang,
                    ));
                }
            }
            Action::People(Pe::Remove) => {
                if let Some(id) = self.selected_id(ctx) {
                    self.confirm = Some(Removal::Person(id));
                }
            }
            Action::People(Pe::FilterLevel) => {
                self.filter.only = None;
                self.filter.next_level();
                self.selected = 0;
            }
            Action::People(Pe::FilterRole) => {
                self.filter.only = None;
                let roles = roles_in(&ctx.progress.people);
                self.filter.next_role(&roles);
                self.selected = 0;
            }
            Action::People(Pe::FilterExpiring) => {
                self.filter.only = None;
                self.filter.expiring = !self.filter.expiring;
                self.selected = 0;
            }
            Action::People(Pe::FilterMissing) => {
                self.filter.only = None;
                self.filter.missing = !self.filter.missing;
                self.selected = 0;
            }
            Action::People(Pe::FilterLeavers) => {
                self.filter.leavers = !self.filter.leavers;
                self.selected = 0;
            }
            Action::People(Pe::ClearFilter) => {
                self.filter = Filter::default();
                self.selected = 0;
            }
            _ => {}
        }
        Outcome::none()
    }

    fn update_detail(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let View::Detail { id, record } = &mut self.view else {
            return Outcome::none();
        };
        let Some(person) = ctx.progress.person(id).cloned() else {
            self.view = View::List;
            return Outcome::none();
        };
        let records = 1 + person.certificates.len() + person.training.len();
        match action {
            Action::Up => *record = record.saturating_sub(1),
            Action::Down => *record = (*record + 1).min(records - 1),
            Action::First => *record = 0,
            Action::Last => *record = records - 1,
            Action::Back => self.view = View::List,
            Action::People(Pe::Edit) => {
                let certs = person.certificates.len();
                self.form = Some(match *record {
                    0 => Form::person(
                        ctx.progress,
                        Some(id),
                        &ctx.content.interview.roles,
                        ctx.lang,
                    ),
                    r if r <= certs => {
                        Form::certificate(&person, Some(&person.certificates[r - 1].id), ctx.lang)
                    }
                    r => {
                        Form::training(&person, Some(&person.training[r - 1 - certs].id), ctx.lang)
                    }
                });
            }
            Action::People(Pe::AddCertificate) => {
                self.form = Some(Form::certificate(&person, None, ctx.lang))
            }
            Action::People(Pe::AddTraining) => {
                self.form = Some(Form::training(&person, None, ctx.lang))
            }
            Action::People(Pe::Remove) => {
                let certs = person.certificates.len();
                self.confirm = Some(match *record {
                    0 => Removal::Person(person.id.clone()),
                    r if r <= certs => Removal::Certificate {
                        person: person.id.clone(),
                        id: person.certificates[r - 1].id.clone(),
                    },
                    r => Removal::Training {
                        person: person.id.clone(),
                        id: person.training[r - 1 - certs].id.clone(),
                    },
                });
            }
            _ => {}
        }
        Outcome::none()
    }

    fn form_input(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let Some(form) = self.form.as_mut() else {
            return Outcome::none();
        };
        let Some(event) = crate::screens::contract::form_event(&mut form.form, input) else {
            return Outcome::none();
        };
        let changed = match event {
            FormEvent::Edited(index) => form.apply(index, ctx),
            FormEvent::None | FormEvent::Left(_) => false,
            // Everything was written as typed; Esc and done both close.
            FormEvent::Submit | FormEvent::Close => {
                // A new person opens on their detail once they exist.
                if let (View::List, Target::Person(Some(id))) = (&self.view, &form.target)
                    && ctx.progress.person(id).is_some()
                {
                    self.view = View::Detail {
                        id: id.clone(),
                        record: 0,
                    };
                }
                self.form = None;
                return Outcome::none();
            }
        };
        Outcome::saved_if(changed)
    }
}

fn remove(removal: Removal, ctx: &mut Ctx, state: &mut PeopleState) -> Outcome {
    let people = &mut ctx.progress.people;
    let changed = match &removal {
        Removal::Person(id) => {
            let before = people.len();
            people.retain(|p| p.id != *id);
            state.view = View::List;
            state.selected = state.selected.saturating_sub(1);
            people.len() != before
        }
        Removal::Certificate { person, id } => people
            .iter_mut()
            .find(|p| p.id == *person)
            .map(|p| {
                let before = p.certificates.len();
                p.certificates.retain(|c| c.id != *id);
                p.certificates.len() != before
            })
            .unwrap_or(false),
        Removal::Training { person, id } => people
            .iter_mut()
            .find(|p| p.id == *person)
            .map(|p| {
                let before = p.training.len();
                p.training.retain(|t| t.id != *id);
                p.training.len() != before
            })
            .unwrap_or(false),
    };
    if let View::Detail { record, .. } = &mut state.view {
        *record = record.saturating_sub(1);
    }
    Outcome::saved_if(changed)
}

impl Component for PeopleState {
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        self.form.as_ref().and_then(|f| f.form.focused_input())
    }

    fn form(&self) -> Option<&crate::widgets::form::Form> {
        self.form.as_ref().map(|f| &f.form)
    }

    fn scope(&self) -> Scope {
        if self.confirm.is_some() {
            Scope::PeopleConfirm
        } else if self.form.is_some() {
            Scope::PeopleForm
        } else {
            match self.view {
                View::List => Scope::PeopleList,
                View::Detail { .. } => Scope::PeopleDetail,
            }
        }
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("人员台账", "Staff register")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        if self.form.is_some() && self.confirm.is_none() {
            return self.form_input(input, ctx);
        }
        match input {
            Input::Action(action) => self.update(action, ctx),
            Input::Select(id) => {
                self.view = View::Detail { id, record: 0 };
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    fn handles_back(&self) -> bool {
        self.form.is_some() || self.confirm.is_some() || matches!(self.view, View::Detail { .. })
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        view::render(frame, env, self, theme);
    }
}

#[cfg(test)]
mod english_tests;
#[cfg(test)]
mod tests;
