//! The roster editor: add, rename, change roles, remove (asking whether to keep the history).
//!
//! History is keyed by name, so a rename moves it along and a removal keeps it unless the
//! user deletes it explicitly; adding the same name again brings it back.

use crossterm::event::KeyEvent;

use super::{Ctx, InterviewState};
use crate::action::Action;
use crate::action::Iv;
use crate::content::Content;
use crate::i18n::Lang;
use crate::progress::{Person, Progress, id_seed};
use crate::screens::contract::form_event;
use crate::screens::{Effect, Input};
use crate::widgets::form::{self, Event as FormEvent, Form};

/// Longest name, in characters.
const MAX_NAME: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Typing a name: a new person, or renaming roster entry `rename`.
    Name { form: Form, rename: Option<usize> },
    /// Choosing roles (role ids of the bank, in bank order) for roster entry `person`.
    Roles {
        person: usize,
        cursor: usize,
        chosen: Vec<bool>,
    },
    /// Asking before removing roster entry `person`.
    Remove { person: usize },
}

impl Modal {
    pub fn add(lang: Lang) -> Self {
        Modal::Name {
            form: name_form("", lang),
            rename: None,
        }
    }

    pub fn rename(person: usize, progress: &Progress, lang: Lang) -> Self {
        let name = progress
            .roster_people()
            .get(person)
            .map(|p| p.name.as_str())
            .unwrap_or("");
        Modal::Name {
            form: name_form(name, lang),
            rename: Some(person),
        }
    }

    pub fn roles(person: usize, progress: &Progress, content: &Content, _new: bool) -> Self {
        let current = progress
            .roster_people()
            .get(person)
            .map(|p| p.roles.clone())
            .unwrap_or_default();
        let chosen = content
            .interview
            .roles
            .iter()
            .map(|r| current.iter().any(|c| *c == *r.id))
            .collect();
        Modal::Roles {
            person,
            cursor: 0,
            chosen,
        }
    }
}

/// The name prompt: one required field in the one form widget. The name is used only on
/// Enter, so Esc asks before dropping a typed one.
fn name_form(name: &str, lang: Lang) -> Form {
    Form::new(
        vec![
            form::Field::text(lang.t("姓名", "Name"), name, MAX_NAME)
                .required()
                .draft(),
        ],
        lang,
    )
}

/// A key, a paste or a form action for the name prompt, through the one form widget.
fn name_input(state: &mut InterviewState, input: Input, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(Modal::Name { form, .. }) = &mut state.modal else {
        return Vec::new();
    };
    match form_event(form, input) {
        Some(event) => name_event(state, event, ctx),
        None => Vec::new(),
    }
}

/// A key typed into the name prompt.
pub fn text_key(state: &mut InterviewState, key: KeyEvent, ctx: &mut Ctx) -> Vec<Effect> {
    name_input(state, Input::Key(key), ctx)
}

/// Pasted text in the name prompt.
pub fn paste(state: &mut InterviewState, text: &str, ctx: &mut Ctx) -> Vec<Effect> {
    name_input(state, Input::Paste(text.to_owned()), ctx)
}

fn name_event(state: &mut InterviewState, event: FormEvent, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(Modal::Name { form, rename }) = &mut state.modal else {
        return Vec::new();
    };
    match event {
        FormEvent::Submit => {
            let name = form.value(0).trim().to_owned();
            match commit_name(ctx, *rename, &name) {
                Err(message) => {
                    form.set_error(Some(message));
                    Vec::new()
                }
                Ok(index) => {
                    state.selected = index;
                    state.modal = match rename {
                        // A new person chooses roles next.
                        None => Some(Modal::roles(index, ctx.progress, ctx.content, true)),
                        Some(_) => None,
                    };
                    vec![Effect::Save]
                }
            }
        }
        FormEvent::Close => {
            state.modal = None;
            Vec::new()
        }
        FormEvent::None | FormEvent::Edited(_) | FormEvent::Left(_) => Vec::new(),
    }
}

/// Applies an action while a roster dialog is open.
pub fn update(state: &mut InterviewState, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(modal) = &mut state.modal else {
        return Vec::new();
    };
    match modal {
        Modal::Name { .. } => name_input(state, Input::Action(action), ctx),
        Modal::Roles {
            person,
            cursor,
            chosen,
        } => {
            let last = chosen.len().saturating_sub(1);
            match action {
                Action::Up => *cursor = cursor.saturating_sub(1),
                Action::Down => *cursor = (*cursor + 1).min(last),
                Action::Interview(Iv::Toggle) => {
                    if let Some(c) = chosen.get_mut(*cursor) {
                        *c = !*c;
                    }
                }
                Action::Interview(Iv::Confirm) => {
                    let roles: Vec<String> = ctx
                        .content
                        .interview
                        .roles
                        .iter()
                        .zip(chosen.iter())
                        .filter(|(_, on)| **on)
                        .map(|(r, _)| r.id.value.clone())
                        .collect();
                    let person = *person;
                    state.modal = None;
                    let bank = &ctx.content.interview.roles;
                    if let Some(index) = ctx.progress.roster_index(person)
                        && let Some(p) = ctx.progress.people.get_mut(index)
                    {
                        // The register may hold the company's own role words too: keep them.
                        let mut roles = roles;
                        roles.extend(
                            p.roles
                                .iter()
                                .filter(|r| !bank.iter().any(|b| *b.id == ***r))
                                .cloned(),
                        );
                        if p.roles == roles {
                            return Vec::new();
                        }
                        p.roles = roles;
                        return vec![Effect::Save];
                    }
                }
                Action::Interview(Iv::Cancel) | Action::Back => state.modal = None,
                _ => {}
            }
            Vec::new()
        }
        Modal::Remove { person } => {
            let person = *person;
            match action {
                Action::Interview(Iv::Yes) => {
                    state.modal = None;
                    remove(state, ctx, person, false)
                }
                Action::Interview(Iv::RemoveWithHistory) => {
                    state.modal = None;
                    remove(state, ctx, person, true)
                }
                Action::Interview(Iv::Cancel) | Action::Back => {
                    state.modal = None;
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
    }
}

/// Adds a person or renames one; returns the roster index, or why not.
fn commit_name(ctx: &mut Ctx, rename: Option<usize>, name: &str) -> Result<usize, String> {
    let lang = ctx.lang;
    if name.is_empty() {
        return Err(lang
            .t("姓名不能为空", "The name cannot be empty")
            .to_owned());
    }
    let taken = ctx
        .progress
        .roster_people()
        .iter()
        .enumerate()
        .any(|(i, p)| p.name == name && Some(i) != rename);
    if taken {
        return Err(lang
            .t(
                "名单里已有这个名字；同名的人请加上部门或工号区分",
                "That name is on the roster already; add a team or number",
            )
            .to_owned());
    }
    match rename {
        None => {
            let kept = ctx
                .progress
                .reviews
                .get(name)
                .map(|m| m.values().map(|r| r.history.len()).sum::<usize>())
                .unwrap_or(0);
            // The roster is a view of the register: someone already in it (not on the roster,
            // not left) joins the roster; anyone else is added to the register.
            let existing = ctx
                .progress
                .people
                .iter()
                .position(|p| p.name == name && !p.om_staff && p.left.is_none());
            match existing {
                Some(index) => ctx.progress.people[index].om_staff = true,
                None => {
                    let seed = id_seed(name, ctx.now, &ctx.progress.operator);
                    let mut person = Person::new(ctx.progress.new_person_id(&seed), name);
                    person.om_staff = true;
                    ctx.progress.people.push(person);
                }
            }
            if kept > 0 {
                ctx.say(
                    &format!("找回了「{name}」之前的 {kept} 条答题记录"),
                    &format!("Restored {kept} earlier answers of {name}"),
                );
            }
            Ok(ctx
                .progress
                .roster_people()
                .iter()
                .position(|p| p.name == name)
                .unwrap_or(0))
        }
        Some(position) => {
            let Some(index) = ctx.progress.roster_index(position) else {
                return Err(String::new());
            };
            let Some(old) = ctx.progress.people.get(index).map(|p| p.name.clone()) else {
                return Err(String::new());
            };
            if old == name {
                return Ok(index);
            }
            if ctx.progress.reviews.contains_key(name) {
                return Err(lang
                    .t(
                        "已有这个名字的答题记录（之前移除的人员）：换个名字，或添加该名字来找回记录",
                        "Answers are kept under that name (a removed person): pick another",
                    )
                    .to_owned());
            }
            if let Some(history) = ctx.progress.reviews.remove(&old) {
                ctx.progress.reviews.insert(name.to_owned(), history);
            }
            if let Some(p) = ctx.progress.people.get_mut(index) {
                p.name = name.to_owned();
            }
            Ok(position)
        }
    }
}

fn remove(state: &mut InterviewState, ctx: &mut Ctx, person: usize, history: bool) -> Vec<Effect> {
    let Some(index) = ctx.progress.roster_index(person) else {
        return Vec::new();
    };
    // Off the roster; out of the register too unless it records more than the roster did.
    let name = ctx.progress.people[index].name.clone();
    let mut bare = Person::new(ctx.progress.people[index].id.clone(), &name);
    bare.roles = ctx.progress.people[index].roles.clone();
    bare.om_staff = true;
    let kept_in_register = ctx.progress.people[index] != bare;
    if kept_in_register {
        ctx.progress.people[index].om_staff = false;
    } else {
        ctx.progress.people.remove(index);
    }
    if history {
        ctx.progress.reviews.remove(&name);
        ctx.say(
            &format!("已移除「{name}」并删除其答题记录"),
            &format!("Removed {name} and their history"),
        );
    } else if ctx.progress.reviews.contains_key(&name) {
        ctx.say(
            &format!("已移除「{name}」；答题记录仍保留，重新添加同名人员即可找回"),
            &format!("Removed {name}; their answers are kept and return if re-added"),
        );
    } else {
        ctx.say(&format!("已移除「{name}」"), &format!("Removed {name}"));
    }
    if kept_in_register {
        ctx.say(
            &format!("「{name}」已不在访谈名单上，仍保留在人员台账中"),
            &format!("{name} left the roster and stays in the staff register"),
        );
    }
    state.selected = state
        .selected
        .min(ctx.progress.roster_people().len().saturating_sub(1));
    vec![Effect::Save]
}

/// How many answers a roster entry has, for the removal question.
pub fn history_count(progress: &Progress, person: usize) -> (usize, usize) {
    progress
        .roster_people()
        .get(person)
        .and_then(|p| progress.reviews.get(&p.name))
        .map(|m| {
            let questions = m.values().filter(|r| !r.history.is_empty()).count();
            let reviews = m.values().map(|r| r.history.len()).sum();
            (questions, reviews)
        })
        .unwrap_or((0, 0))
}
