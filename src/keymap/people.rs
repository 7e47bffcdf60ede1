//! Key bindings of the staff register screens.

use crossterm::event::KeyCode;

use super::Key::{Char, Code};
use super::Scope::{PeopleConfirm, PeopleDetail, PeopleList};
use super::{Binding, bind};
use crate::action::{Action, Pe};

const fn pe(action: Pe) -> Action {
    Action::People(action)
}

pub const BINDINGS: &[Binding] = &[
    bind(
        PeopleList,
        &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        Action::Open,
        true,
    ),
    bind(PeopleList, &[Char('a')], pe(Pe::Add), true),
    bind(PeopleList, &[Char('e')], pe(Pe::Edit), true),
    bind(PeopleList, &[Char('d')], pe(Pe::Remove), false),
    bind(PeopleList, &[Char('v')], pe(Pe::FilterLevel), true),
    bind(PeopleList, &[Char('o')], pe(Pe::FilterRole), false),
    bind(PeopleList, &[Char('x')], pe(Pe::FilterExpiring), true),
    bind(PeopleList, &[Char('m')], pe(Pe::FilterMissing), true),
    bind(PeopleList, &[Char('L')], pe(Pe::FilterLeavers), false),
    bind(PeopleList, &[Char('c')], pe(Pe::ClearFilter), false),
    bind(PeopleList, &[Char(',')], Action::Settings, false),
    bind(
        PeopleDetail,
        &[Char('e'), Code(KeyCode::Enter)],
        pe(Pe::Edit),
        true,
    ),
    bind(PeopleDetail, &[Char('c')], pe(Pe::AddCertificate), true),
    bind(PeopleDetail, &[Char('t')], pe(Pe::AddTraining), true),
    bind(PeopleDetail, &[Char('d')], pe(Pe::Remove), true),
    bind(PeopleConfirm, &[Char('y')], pe(Pe::Yes), true),
    bind(
        PeopleConfirm,
        &[Char('n'), Code(KeyCode::Esc)],
        pe(Pe::No),
        true,
    ),
];
