//! Key bindings of the score and timeline screens.

use crossterm::event::KeyCode;

use super::Key::{Char, Code};
use super::Scope::{Gantt, Scoring};
use super::{Binding, bind};
use crate::action::{Action, Sc};

const fn sc(action: Sc) -> Action {
    Action::Score(action)
}

pub const BINDINGS: &[Binding] = &[
    bind(
        Scoring,
        &[Code(KeyCode::Right), Char('l')],
        sc(Sc::Raise),
        true,
    ),
    bind(Scoring, &[Code(KeyCode::Left)], sc(Sc::Lower), true),
    bind(Scoring, &[Code(KeyCode::Enter)], sc(Sc::Cycle), false),
    bind(Scoring, &[Char('S')], sc(Sc::Snapshot), true),
    bind(Scoring, &[Code(KeyCode::Tab)], sc(Sc::SwitchView), true),
    bind(Gantt, &[Code(KeyCode::Tab)], sc(Sc::SwitchView), true),
    bind(Gantt, &[Char('d')], sc(Sc::SetStart), true),
    bind(Gantt, &[Char('a')], sc(Sc::ToggleGreen), true),
    bind(Gantt, &[Char('p')], sc(Sc::ToggleParallel), true),
    bind(
        Gantt,
        &[Char('f'), Code(KeyCode::Enter)],
        sc(Sc::MarkFinished),
        true,
    ),
    bind(Gantt, &[Char('c')], sc(Sc::SetCertificate), false),
];
