//! The keys of every form: one table, so every multi-field input (and help) says the same.

use crossterm::event::KeyCode;

use super::Key::{Alt, Code, Ctrl};
use super::Scope::{Form, NoteEditor};
use super::{Binding, bind};
use crate::action::{Action, Dl};

/// Alt+Enter comes before Enter: a `Code` key also matches with Alt held.
pub const BINDINGS: &[Binding] = &[
    // A checklist item's note is one multi-line field: Enter starts a line there.
    bind(
        NoteEditor,
        &[Code(KeyCode::Enter)],
        Action::Dialog(Dl::NewLine),
        false,
    ),
    bind(
        Form,
        &[Alt(KeyCode::Enter), Ctrl('s')],
        Action::FormDone,
        true,
    ),
    bind(Form, &[Code(KeyCode::Enter)], Action::FormEnter, true),
    bind(
        Form,
        &[Code(KeyCode::Tab), Ctrl('n')],
        Action::NextField,
        false,
    ),
    bind(
        Form,
        &[Code(KeyCode::BackTab), Ctrl('p')],
        Action::PrevField,
        false,
    ),
    bind(Form, &[Code(KeyCode::Up)], Action::Up, false),
    bind(Form, &[Code(KeyCode::Down)], Action::Down, false),
    bind(Form, &[Code(KeyCode::Esc)], Action::FormEsc, true),
    bind(Form, &[Ctrl('r')], Action::RestoreField, true),
];
