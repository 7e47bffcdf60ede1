//! Key bindings of the interview rehearsal screens.

use crossterm::event::KeyCode;

use super::Key::{Alt, Char, Code, Ctrl};
use super::Scope::{
    IvAnswer, IvAsk, IvConfirm, IvHome, IvIntro, IvJudge, IvList, IvReport, IvReveal,
};
use super::{Binding, bind};
use crate::action::{Action, Iv};

const fn iv(scope: super::Scope, keys: &'static [super::Key], a: Iv, footer: bool) -> Binding {
    bind(scope, keys, Action::Interview(a), footer)
}

pub const BINDINGS: &[Binding] = &[
    iv(
        IvHome,
        &[Code(KeyCode::Enter), Char('p')],
        Iv::Practice,
        true,
    ),
    iv(IvHome, &[Char('m')], Iv::MockAudit, true),
    iv(IvHome, &[Char('c')], Iv::CramTopic, false),
    iv(IvHome, &[Char('w')], Iv::CramWrong, false),
    iv(IvHome, &[Char('s')], Iv::Stats, false),
    iv(IvHome, &[Char('g')], Iv::TargetGrade, false),
    iv(IvHome, &[Char('a')], Iv::AddPerson, true),
    iv(IvHome, &[Char('r')], Iv::RenamePerson, false),
    iv(IvHome, &[Char('e')], Iv::EditRoles, false),
    iv(
        IvHome,
        &[Char('x'), Code(KeyCode::Delete)],
        Iv::RemovePerson,
        false,
    ),
    iv(IvList, &[Char(' ')], Iv::Toggle, true),
    iv(IvList, &[Code(KeyCode::Enter)], Iv::Confirm, true),
    iv(IvList, &[Code(KeyCode::Esc)], Iv::Cancel, true),
    iv(IvConfirm, &[Char('y')], Iv::Yes, true),
    iv(IvConfirm, &[Char('D')], Iv::RemoveWithHistory, true),
    iv(
        IvConfirm,
        &[Char('n'), Code(KeyCode::Esc)],
        Iv::Cancel,
        true,
    ),
    iv(IvIntro, &[Code(KeyCode::Enter)], Iv::Confirm, true),
    iv(IvIntro, &[Code(KeyCode::Esc)], Iv::End, true),
    iv(IvAsk, &[Code(KeyCode::Enter), Char('i')], Iv::Type, true),
    iv(IvAsk, &[Char('a')], Iv::Aloud, true),
    iv(IvAsk, &[Char('n')], Iv::Skip, true),
    iv(IvAsk, &[Code(KeyCode::Esc)], Iv::End, true),
    // As in Anki, a grade is given with the answer in view: on a question not yet revealed,
    // 1–4 reveal and judge it first, with that grade preselected, and record nothing until
    // Enter (or 1–4) on the reveal. The other area digits end the round through its report
    // instead of leaving it silently.
    iv(IvAsk, &[Char('1')], Iv::RevealFirst(1), false),
    iv(IvAsk, &[Char('2')], Iv::RevealFirst(2), false),
    iv(IvAsk, &[Char('3')], Iv::RevealFirst(3), false),
    iv(IvAsk, &[Char('4')], Iv::RevealFirst(4), false),
    iv(
        IvAsk,
        &[Char('5'), Char('6'), Char('7'), Char('8')],
        Iv::End,
        false,
    ),
    iv(
        IvIntro,
        &[
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
        ],
        Iv::End,
        false,
    ),
    // Browser terminals of bastion hosts swallow Ctrl+S: Alt+Enter (or Esc, Enter) first.
    iv(
        IvAnswer,
        &[Alt(KeyCode::Enter), Ctrl('s')],
        Iv::Reveal,
        true,
    ),
    iv(IvAnswer, &[Code(KeyCode::Esc)], Iv::StopTyping, true),
    iv(IvReveal, &[Char('1')], Iv::Grade(1), true),
    iv(IvReveal, &[Char('2')], Iv::Grade(2), true),
    iv(IvReveal, &[Char('3')], Iv::Grade(3), true),
    iv(IvReveal, &[Char('4')], Iv::Grade(4), true),
    iv(IvReveal, &[Code(KeyCode::Enter)], Iv::Confirm, false),
    iv(IvReveal, &[Char(' ')], Iv::Toggle, true),
    iv(IvReveal, &[Char('f')], Iv::OverrideFlag, false),
    iv(IvReveal, &[Code(KeyCode::Esc)], Iv::End, true),
    iv(
        IvReveal,
        &[Char('5'), Char('6'), Char('7'), Char('8')],
        Iv::End,
        false,
    ),
    iv(IvJudge, &[Char('y')], Iv::Yes, true),
    iv(IvJudge, &[Char('n')], Iv::No, true),
    iv(IvJudge, &[Code(KeyCode::Esc)], Iv::End, true),
    iv(
        IvJudge,
        &[
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
        ],
        Iv::End,
        false,
    ),
    iv(
        IvReport,
        &[Code(KeyCode::Enter), Code(KeyCode::Esc)],
        Iv::Confirm,
        true,
    ),
    Binding {
        scope: IvReport,
        keys: &[Char('z')],
        action: Action::FindingToRect,
        footer: true,
    },
];
