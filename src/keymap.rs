//! Key bindings as data: one table per screen, from which the footer and help overlay are made.

pub mod interview;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, Area};
use crate::i18n::Lang;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen that is not taking text.
    Global,
    Dashboard,
    Checklist,
    Search,
    /// Interview area: the roster and the modes.
    IvHome,
    /// A list to pick from (a topic, or roles with Space).
    IvList,
    /// Removing a person: keep or delete their history.
    IvConfirm,
    /// A one-line text prompt (a name). Takes text.
    IvPrompt,
    /// Before the next interviewee of a mock audit.
    IvIntro,
    /// A question is asked and the answer box is not focused.
    IvAsk,
    /// Typing the answer. Takes text.
    IvAnswer,
    /// The reference answer and key points are shown; waiting for a grade.
    IvReveal,
    /// Judging whether a follow-up was answered.
    IvJudge,
    IvReport,
    IvStats,
}

impl Scope {
    /// Scopes where printable keys are text, so only the scope's own bindings apply.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search | Scope::IvPrompt | Scope::IvAnswer)
    }
}

/// A key as the user presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && event.code == code,
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
            Key::Code(other) => format!("{other:?}"),
        }
    }
}

/// One binding: keys, what they do, and whether the footer shows them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub footer: bool,
}

pub(crate) const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        footer,
    }
}

use Key::{Char, Code, Ctrl};
use Scope::{Checklist, Dashboard, Global, Search};

/// The default key map. Movement keys come first so the footer reads naturally.
pub const BINDINGS: &[Binding] = &[
    bind(Global, &[Code(KeyCode::Up), Char('k')], Action::Up, false),
    bind(
        Global,
        &[Code(KeyCode::Down), Char('j')],
        Action::Down,
        false,
    ),
    bind(
        Global,
        &[Code(KeyCode::PageUp), Ctrl('b')],
        Action::PageUp,
        false,
    ),
    bind(
        Global,
        &[Code(KeyCode::PageDown), Ctrl('f')],
        Action::PageDown,
        false,
    ),
    bind(
        Global,
        &[Code(KeyCode::Home), Char('g')],
        Action::First,
        false,
    ),
    bind(
        Global,
        &[Code(KeyCode::End), Char('G')],
        Action::Last,
        false,
    ),
    bind(
        Dashboard,
        &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        Action::Open,
        true,
    ),
    bind(Checklist, &[Char(' ')], Action::ToggleDone, true),
    bind(Checklist, &[Char('s')], Action::CycleStatus, true),
    bind(Checklist, &[Char('n')], Action::EditNote, true),
    bind(Checklist, &[Char('o')], Action::EditOwner, false),
    bind(Checklist, &[Char('d')], Action::EditDue, false),
    bind(Checklist, &[Char('e')], Action::EditEvidence, false),
    bind(
        Checklist,
        &[Code(KeyCode::Enter)],
        Action::ToggleDetail,
        true,
    ),
    bind(
        Checklist,
        &[Char(']'), Code(KeyCode::Tab)],
        Action::NextPhase,
        false,
    ),
    bind(Checklist, &[Char('[')], Action::PrevPhase, false),
    bind(Checklist, &[Char('J')], Action::ScrollDetailDown, false),
    bind(Checklist, &[Char('K')], Action::ScrollDetailUp, false),
    bind(Search, &[Code(KeyCode::Up), Ctrl('p')], Action::Up, false),
    bind(
        Search,
        &[Code(KeyCode::Down), Ctrl('n')],
        Action::Down,
        false,
    ),
    bind(Search, &[Code(KeyCode::Enter)], Action::Open, true),
    bind(Search, &[Code(KeyCode::Esc)], Action::Back, true),
    bind(Global, &[Char('/')], Action::Search, true),
    bind(Global, &[Char('1')], Action::GoTo(Area::Dashboard), false),
    bind(Global, &[Char('2')], Action::GoTo(Area::Checklists), false),
    bind(Global, &[Char('3')], Action::GoTo(Area::Interview), false),
    bind(Global, &[Char('4')], Action::GoTo(Area::Sop), false),
    bind(Global, &[Char('5')], Action::GoTo(Area::Rectify), false),
    bind(Global, &[Char('6')], Action::GoTo(Area::Score), false),
    bind(Global, &[Char('?')], Action::Help, true),
    bind(
        Global,
        &[Code(KeyCode::Esc), Char('h'), Code(KeyCode::Left)],
        Action::Back,
        true,
    ),
    bind(Global, &[Char('q')], Action::Quit, true),
];

/// Every binding: the general table, then the interview area's.
fn all() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().chain(interview::BINDINGS)
}

/// The action bound to `key` in `scope`; screen bindings win over global ones.
/// The search screen takes text, so only its own bindings apply there.
pub fn lookup(scope: Scope, key: &KeyEvent) -> Option<Action> {
    let find = |s: Scope| {
        all()
            .filter(|b| b.scope == s)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action)
    };
    if scope.takes_text() {
        return find(scope);
    }
    find(scope).or_else(|| find(Scope::Global))
}

/// The bindings active in `scope`, screen ones first, without duplicate actions.
pub fn active(scope: Scope) -> Vec<&'static Binding> {
    let mut out: Vec<&Binding> = all().filter(|b| b.scope == scope).collect();
    if !scope.takes_text() {
        for b in all().filter(|b| b.scope == Scope::Global) {
            if !out.iter().any(|o| o.action == b.action) {
                out.push(b);
            }
        }
    }
    out
}

/// `(keys, description)` pairs for the footer of `scope`.
pub fn footer(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in active(scope).into_iter().filter(|b| b.footer) {
        let key = b.keys[0].label();
        // A screen binding on the same key (Esc 取消) hides the global one (Esc 返回).
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, b.action.short(lang)));
        }
    }
    out
}

/// `(all keys, description)` rows for the help overlay of `scope`.
pub fn help_rows(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    active(scope)
        .into_iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join(" / "), b.action.describe(lang))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn space_in_a_checklist_toggles_done() {
        assert_eq!(
            lookup(Checklist, &key(KeyCode::Char(' '))),
            Some(Action::ToggleDone)
        );
    }

    #[test]
    fn q_quits_from_the_dashboard_but_types_in_search() {
        assert_eq!(
            lookup(Dashboard, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(lookup(Search, &key(KeyCode::Char('q'))), None);
    }

    #[test]
    fn no_action_has_two_bindings_for_the_same_key_in_one_scope() {
        for a in all() {
            for b in all() {
                if std::ptr::eq(a, b) || a.scope != b.scope {
                    continue;
                }
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.scope);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding_of_the_screen_and_the_global_ones() {
        let rows = help_rows(Checklist, Lang::Zh);
        assert!(rows.iter().any(|(k, _)| k == "Space"));
        assert!(rows.iter().any(|(k, _)| k.starts_with('q')));
        assert!(rows.iter().any(|(k, _)| k.starts_with('/')));
    }
}
