//! Key bindings of dialogs and text fields: the rows the footer and `?` show while one is
//! open. Forms take the one set of keys in `form.rs`.
//!
//! The dialogs that are not forms read their keys themselves (see
//! [`super::Scope::reads_keys`]); these rows are what they read, and the every-key test in
//! `app` fails when one of them acts on a key that is not here.

use crossterm::event::KeyCode;

use super::Key::{Alt, Char, Code, Ctrl};
use super::Scope::{Help, RectifyFilter, SopAbort, SopFlag, Text};
use super::{Binding, bind};
use crate::action::{Action, Dl};

const fn dl(scope: super::Scope, keys: &'static [super::Key], a: Dl, footer: bool) -> Binding {
    bind(scope, keys, Action::Dialog(a), footer)
}

pub const BINDINGS: &[Binding] = &[
    dl(
        Help,
        &[
            Code(KeyCode::Esc),
            Char('?'),
            Char('q'),
            Code(KeyCode::Enter),
            Char(' '),
        ],
        Dl::Close,
        true,
    ),
    // The note of a flagged step.
    dl(
        SopFlag,
        &[
            Code(KeyCode::Enter),
            Alt(KeyCode::Enter),
            Ctrl('s'),
            Ctrl('j'),
        ],
        Dl::Save,
        true,
    ),
    dl(SopFlag, &[Code(KeyCode::Esc)], Dl::CloseKeep, true),
    bind(SopFlag, &[Ctrl('r')], Action::RestoreField, false),
    // "Abort this run?"
    dl(
        SopAbort,
        &[Char('y'), Char('Y'), Code(KeyCode::Enter)],
        Dl::Yes,
        true,
    ),
    dl(
        SopAbort,
        &[Char('n'), Char('N'), Code(KeyCode::Esc)],
        Dl::No,
        true,
    ),
    // The rectification list's filter panel.
    bind(
        RectifyFilter,
        &[Code(KeyCode::Up), Char('k')],
        Action::Up,
        false,
    ),
    bind(
        RectifyFilter,
        &[Code(KeyCode::Down), Char('j'), Code(KeyCode::Tab)],
        Action::Down,
        false,
    ),
    dl(
        RectifyFilter,
        &[Code(KeyCode::Right), Char('l'), Char(' ')],
        Dl::ChoiceNext,
        true,
    ),
    dl(
        RectifyFilter,
        &[Code(KeyCode::Left), Char('h')],
        Dl::ChoicePrev,
        false,
    ),
    dl(
        RectifyFilter,
        &[Char('x'), Code(KeyCode::Backspace)],
        Dl::Clear,
        true,
    ),
    dl(
        RectifyFilter,
        &[
            Code(KeyCode::Enter),
            Code(KeyCode::Esc),
            Char('f'),
            Char('q'),
        ],
        Dl::Done,
        true,
    ),
    // Every text field (the text input widget reads these).
    dl(
        Text,
        &[Code(KeyCode::Left), Code(KeyCode::Right)],
        Dl::Cursor,
        false,
    ),
    dl(
        Text,
        &[Code(KeyCode::Up), Code(KeyCode::Down)],
        Dl::Line,
        false,
    ),
    dl(
        Text,
        &[
            Code(KeyCode::Home),
            Code(KeyCode::End),
            Ctrl('a'),
            Ctrl('e'),
        ],
        Dl::LineEnds,
        false,
    ),
    dl(
        Text,
        &[Code(KeyCode::Backspace), Code(KeyCode::Delete), Ctrl('h')],
        Dl::Delete,
        false,
    ),
    dl(
        Text,
        &[Ctrl('w'), Alt(KeyCode::Backspace)],
        Dl::DeleteWord,
        false,
    ),
    dl(Text, &[Ctrl('u'), Ctrl('k')], Dl::DeleteLine, false),
    dl(Text, &[Code(KeyCode::Enter)], Dl::NewLine, false),
    // In a one-line field Ctrl+S is Enter too (a multi-line one binds it itself).
    dl(Text, &[Ctrl('j'), Ctrl('s')], Dl::AsEnter, false),
];
