//! Key bindings of dialogs, forms and text fields: the rows the footer and `?` show while
//! one is open.
//!
//! The dialogs that take text read their keys themselves (see [`super::reads_keys`]);
//! these rows are what they read, and the every-key test in `app` fails when one of them
//! acts on a key that is not here.

use crossterm::event::KeyCode;

use super::Key::{Alt, Char, Code, Ctrl};
use super::Scope::{
    Editor, Help, NoteEditor, RectifyDialog, RectifyFilter, SopAbort, SopFlag, SopStart, Text,
};
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
    // A checklist item's one-line field (owner, due date, evidence).
    dl(
        Editor,
        &[
            Code(KeyCode::Enter),
            Alt(KeyCode::Enter),
            Ctrl('s'),
            Ctrl('j'),
        ],
        Dl::Save,
        true,
    ),
    dl(Editor, &[Code(KeyCode::Esc)], Dl::Restore, true),
    // A checklist item's note: Enter is a new line.
    dl(
        NoteEditor,
        &[Alt(KeyCode::Enter), Ctrl('s')],
        Dl::Save,
        true,
    ),
    dl(NoteEditor, &[Code(KeyCode::Esc)], Dl::Restore, true),
    // Rectification dialogs (operator, close, reopen, windows).
    dl(RectifyDialog, &[Code(KeyCode::Enter)], Dl::Next, true),
    bind(
        RectifyDialog,
        &[Code(KeyCode::Tab), Ctrl('n')],
        Action::NextField,
        false,
    ),
    bind(
        RectifyDialog,
        &[Code(KeyCode::BackTab), Ctrl('p')],
        Action::PrevField,
        false,
    ),
    dl(
        RectifyDialog,
        &[Alt(KeyCode::Enter), Ctrl('s')],
        Dl::Submit,
        true,
    ),
    dl(RectifyDialog, &[Code(KeyCode::Esc)], Dl::Cancel, true),
    // Who plays each role before a rehearsal.
    dl(SopStart, &[Code(KeyCode::Enter)], Dl::Next, true),
    bind(SopStart, &[Code(KeyCode::Tab)], Action::NextField, false),
    bind(
        SopStart,
        &[Code(KeyCode::BackTab)],
        Action::PrevField,
        false,
    ),
    dl(
        SopStart,
        &[Alt(KeyCode::Enter), Ctrl('s')],
        Dl::Submit,
        true,
    ),
    dl(SopStart, &[Code(KeyCode::Esc)], Dl::CloseKeep, true),
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
    dl(SopFlag, &[Code(KeyCode::Esc)], Dl::Restore, true),
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
    dl(Text, &[Ctrl('j')], Dl::AsEnter, false),
    dl(Text, &[Ctrl('s')], Dl::Submit, false),
];
