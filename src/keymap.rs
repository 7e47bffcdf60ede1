//! Key bindings as data: one table per screen, from which the footer and help overlay are made.

pub mod dialog;
pub mod form;
pub mod interview;
pub mod people;
pub mod score;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Area};
use crate::i18n::Lang;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen, dialog and text field, even a running rehearsal: Ctrl+C and Ctrl+L.
    Always,
    /// Every screen that is not taking text.
    Global,
    Dashboard,
    Checklist,
    Search,
    RectifyList,
    RectifyDetail,
    /// The rectification form: takes text.
    RectifyForm,
    /// The template picker: takes text.
    RectifyPicker,
    /// The list of demo SOPs with their history.
    SopList,
    /// One SOP's steps and runs.
    SopDetail,
    /// A rehearsal being timed; only its own keys apply (no area jumps or quitting mid-run).
    SopRunner,
    /// The runner's presenter view; only its own keys apply.
    SopPresenter,
    /// The result of a finished run.
    SopSummary,
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
    /// 自评分: criteria and their levels.
    Scoring,
    /// 时间线: the Gantt view.
    Gantt,
    /// A date being typed on the timeline. Takes text.
    ScorePrompt,
    /// 人员台账: the filtered list.
    PeopleList,
    /// One person with every record.
    PeopleDetail,
    /// The register's form. Takes text.
    PeopleForm,
    /// "Remove?" asked.
    PeopleConfirm,
    /// The settings dialog. Takes text.
    Settings,
    /// The `?` overlay: any key closes it.
    Help,
    /// A checklist item's one-line field being edited. Takes text.
    Editor,
    /// A checklist item's note being edited (Enter is a new line). Takes text.
    NoteEditor,
    /// Every text field: the editing keys the text input reads itself. No component has
    /// this scope; the help of every scope that takes text lists its rows.
    Text,
    /// A rectification dialog (operator, close, reopen, windows). Takes text.
    RectifyDialog,
    /// The rectification list's filter panel.
    RectifyFilter,
    /// Who plays each role before a rehearsal. Takes text.
    SopStart,
    /// The note of a flagged step being typed. Takes text.
    SopFlag,
    /// "Abort this run?" asked.
    SopAbort,
    /// The team view: people, then one person's work.
    Team,
    /// The keys of every form (see [`crate::widgets::form`]); every scope for which
    /// [`Scope::is_form`] holds gets them after its own.
    Form,
}

impl Scope {
    /// Scopes drawn with the one form widget, which share the [`Scope::Form`] keys.
    pub fn is_form(self) -> bool {
        matches!(
            self,
            Scope::RectifyForm
                | Scope::IvPrompt
                | Scope::ScorePrompt
                | Scope::PeopleForm
                | Scope::Editor
                | Scope::NoteEditor
                | Scope::RectifyDialog
                | Scope::SopStart
                | Scope::Settings
        )
    }

    /// Screens where printable keys are typed text, so only their own bindings apply.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Search
                | Scope::RectifyForm
                | Scope::RectifyPicker
                | Scope::IvPrompt
                | Scope::IvAnswer
                | Scope::ScorePrompt
                | Scope::PeopleForm
                | Scope::Settings
                | Scope::Editor
                | Scope::NoteEditor
                | Scope::RectifyDialog
                | Scope::SopStart
                | Scope::SopFlag
        )
    }

    /// Scopes whose component reads its keys itself, by the rows the key map has for it (the
    /// dialogs that are not forms): the app hands them the key as it is, the footer and `?`
    /// show the rows, and the every-key test checks that nothing else acts. Forms do not:
    /// the key map turns their keys into [`Scope::Form`] actions.
    pub fn reads_keys(self) -> bool {
        matches!(
            self,
            Scope::SopFlag | Scope::SopAbort | Scope::RectifyFilter
        )
    }

    /// Scopes with a multi-line text field, where Enter may be a new line.
    fn multiline(self) -> bool {
        matches!(
            self,
            Scope::NoteEditor | Scope::RectifyForm | Scope::IvAnswer
        )
    }

    /// Scopes where global keys do not apply: text entry, or a run that must not be left by
    /// a stray key.
    fn exclusive(self) -> bool {
        self.takes_text()
            || matches!(
                self,
                Scope::SopRunner
                    | Scope::SopPresenter
                    | Scope::SopAbort
                    | Scope::Help
                    | Scope::RectifyFilter
                    | Scope::PeopleConfirm
            )
    }
}

/// A key as the user presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    /// Alt with a key; also what a terminal sends for Esc followed quickly by the key.
    Alt(KeyCode),
    Code(KeyCode),
}

impl Key {
    /// The key event this key sends.
    fn event(self) -> KeyEvent {
        match self {
            Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Alt(code) => KeyEvent::new(code, KeyModifiers::ALT),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Alt(code) => event.modifiers.contains(KeyModifiers::ALT) && event.code == code,
            Key::Code(code) => !ctrl && event.code == code,
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Alt(KeyCode::Char(c)) => format!("Alt+{}", c.to_ascii_uppercase()),
            Key::Alt(code) => format!("Alt+{}", Key::Code(code).label()),
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "Shift+Tab".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
            Key::Code(KeyCode::Backspace) => "Backspace".into(),
            Key::Code(KeyCode::Delete) => "Delete".into(),
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
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
use Scope::{
    Always, Checklist, Dashboard, Global, RectifyDetail, RectifyList, RectifyPicker, Search,
    SopDetail, SopList, SopPresenter, SopRunner, SopSummary,
};

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
    bind(
        Dashboard,
        &[Char('z')],
        Action::People(crate::action::Pe::CheckToRect),
        false,
    ),
    bind(Dashboard, &[Char(',')], Action::Settings, false),
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
    bind(
        Checklist,
        &[Char('['), Code(KeyCode::BackTab)],
        Action::PrevPhase,
        false,
    ),
    bind(Checklist, &[Char('J')], Action::ScrollDetailDown, false),
    bind(Checklist, &[Char('K')], Action::ScrollDetailUp, false),
    bind(Checklist, &[Char('r')], Action::RectFromItem, false),
    bind(Checklist, &[Char('f')], Action::ChecklistFilter, false),
    bind(
        RectifyList,
        &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        Action::Open,
        true,
    ),
    bind(RectifyList, &[Char('t')], Action::RectFromTemplate, true),
    bind(RectifyList, &[Char('a')], Action::RectNew, true),
    bind(RectifyList, &[Char('e')], Action::RectEdit, false),
    bind(RectifyList, &[Char('s')], Action::RectAdvance, true),
    bind(RectifyList, &[Char('r')], Action::RectReopen, false),
    bind(RectifyList, &[Char('f')], Action::RectFilter, true),
    bind(RectifyList, &[Char('m')], Action::RectMine, false),
    bind(RectifyList, &[Char('o')], Action::RectSort, false),
    bind(RectifyList, &[Char('w')], Action::RectWindows, true),
    bind(RectifyList, &[Char('u')], Action::RectOperator, false),
    bind(RectifyDetail, &[Char('e')], Action::RectEdit, true),
    bind(RectifyDetail, &[Char('s')], Action::RectAdvance, true),
    bind(RectifyDetail, &[Char('r')], Action::RectReopen, true),
    bind(RectifyDetail, &[Char('w')], Action::RectWindows, false),
    bind(RectifyDetail, &[Char('u')], Action::RectOperator, false),
    bind(
        RectifyPicker,
        &[Code(KeyCode::Up), Ctrl('p')],
        Action::Up,
        false,
    ),
    bind(
        RectifyPicker,
        &[Code(KeyCode::Down), Ctrl('n')],
        Action::Down,
        false,
    ),
    bind(
        RectifyPicker,
        &[Code(KeyCode::PageUp)],
        Action::PageUp,
        false,
    ),
    bind(
        RectifyPicker,
        &[Code(KeyCode::PageDown)],
        Action::PageDown,
        false,
    ),
    bind(RectifyPicker, &[Code(KeyCode::Enter)], Action::Open, true),
    bind(RectifyPicker, &[Code(KeyCode::Esc)], Action::Back, true),
    bind(Search, &[Code(KeyCode::Up), Ctrl('p')], Action::Up, false),
    bind(
        Search,
        &[Code(KeyCode::Down), Ctrl('n')],
        Action::Down,
        false,
    ),
    bind(Search, &[Code(KeyCode::Enter)], Action::Open, true),
    bind(Search, &[Code(KeyCode::Esc)], Action::Back, true),
    bind(
        SopList,
        &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        Action::Open,
        true,
    ),
    bind(SopList, &[Char('r')], Action::StartRun, true),
    bind(SopList, &[Char('z')], Action::FindingToRect, true),
    bind(SopList, &[Char('J')], Action::ScrollDetailDown, false),
    bind(SopList, &[Char('K')], Action::ScrollDetailUp, false),
    bind(SopDetail, &[Char('r')], Action::StartRun, true),
    bind(SopDetail, &[Code(KeyCode::Tab)], Action::SwitchTab, true),
    bind(SopDetail, &[Char('J')], Action::ScrollDetailDown, false),
    bind(SopDetail, &[Char('K')], Action::ScrollDetailUp, false),
    bind(
        SopRunner,
        &[Char(' '), Code(KeyCode::Enter)],
        Action::StepDone,
        true,
    ),
    bind(
        SopRunner,
        &[Char('b'), Code(KeyCode::Left), Code(KeyCode::Backspace)],
        Action::StepBack,
        true,
    ),
    bind(SopRunner, &[Char('p')], Action::TogglePause, true),
    bind(SopRunner, &[Char('f')], Action::FlagStep, true),
    bind(SopRunner, &[Char('v')], Action::TogglePresenter, true),
    bind(SopRunner, &[Code(KeyCode::Esc)], Action::AbortRun, true),
    bind(
        SopRunner,
        &[Code(KeyCode::Down), Char('j')],
        Action::ScrollDetailDown,
        false,
    ),
    bind(
        SopRunner,
        &[Code(KeyCode::Up), Char('k')],
        Action::ScrollDetailUp,
        false,
    ),
    bind(SopRunner, &[Char('?')], Action::Help, true),
    bind(
        SopPresenter,
        &[Char(' '), Code(KeyCode::Enter)],
        Action::StepDone,
        true,
    ),
    bind(
        SopPresenter,
        &[Char('b'), Code(KeyCode::Left), Code(KeyCode::Backspace)],
        Action::StepBack,
        false,
    ),
    bind(SopPresenter, &[Char('p')], Action::TogglePause, false),
    bind(SopPresenter, &[Char('f')], Action::FlagStep, false),
    bind(SopPresenter, &[Char('v')], Action::TogglePresenter, true),
    bind(SopPresenter, &[Code(KeyCode::Esc)], Action::AbortRun, false),
    bind(SopPresenter, &[Char('?')], Action::Help, true),
    bind(SopSummary, &[Char('r')], Action::StartRun, true),
    bind(
        SopSummary,
        &[Code(KeyCode::Enter), Code(KeyCode::Esc)],
        Action::Back,
        true,
    ),
    bind(
        SopSummary,
        &[Code(KeyCode::Down), Char('j')],
        Action::ScrollDetailDown,
        false,
    ),
    bind(
        SopSummary,
        &[Code(KeyCode::Up), Char('k')],
        Action::ScrollDetailUp,
        false,
    ),
    bind(Global, &[Char('/')], Action::Search, true),
    bind(Global, &[Char('1')], Action::GoTo(Area::Dashboard), false),
    bind(Global, &[Char('2')], Action::GoTo(Area::Checklists), false),
    bind(Global, &[Char('3')], Action::GoTo(Area::Interview), false),
    bind(Global, &[Char('4')], Action::GoTo(Area::Sop), false),
    bind(Global, &[Char('5')], Action::GoTo(Area::Rectify), false),
    bind(Global, &[Char('6')], Action::GoTo(Area::Score), false),
    bind(Global, &[Char('7')], Action::GoTo(Area::People), false),
    bind(Global, &[Char('8')], Action::GoTo(Area::Team), false),
    bind(
        Scope::Team,
        &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        Action::Open,
        true,
    ),
    // Sync: `S` in the footers of the dashboard and the team view; Ctrl+Y or Alt+S anywhere
    // (the score screen's `S` is 存档, so a letter cannot be global).
    bind(Scope::Team, &[Char('S')], Action::Sync, true),
    bind(Dashboard, &[Char('S')], Action::Sync, true),
    bind(Global, &[Char('?')], Action::Help, true),
    bind(
        Global,
        &[Code(KeyCode::Esc), Char('h'), Code(KeyCode::Left)],
        Action::Back,
        true,
    ),
    bind(Global, &[Char('q')], Action::Quit, true),
    SUSPEND,
    bind(Always, &[Ctrl('c')], Action::Quit, false),
    bind(Always, &[Ctrl('l')], Action::Redraw, false),
    // The team sync from any screen, dialog or field: Ctrl+Y is no text key and no browser's;
    // Alt+S (Esc then s in one go) for a terminal that keeps Ctrl+Y.
    bind(
        Always,
        &[Ctrl('y'), Key::Alt(KeyCode::Char('s'))],
        Action::Sync,
        false,
    ),
    // `?` is text in a field; F1 shows the keys of whatever is open, dialogs included.
    bind(Always, &[Code(KeyCode::F(1))], Action::Help, false),
];

/// Ctrl+Z, as in every terminal program. It applies everywhere, text fields and dialogs
/// included: the runtime checks it with [`suspends`] before the app sees the key.
const SUSPEND: Binding = bind(Global, &[Ctrl('z')], Action::Suspend, false);

/// Whether `key` is the suspend key (see `SUSPEND`).
pub fn suspends(key: &KeyEvent) -> bool {
    SUSPEND.keys.iter().any(|k| k.matches(key))
}

/// Every binding: the general table, then the interview area's.
fn all() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .chain(interview::BINDINGS)
        .chain(score::BINDINGS)
        .chain(people::BINDINGS)
        .chain(dialog::BINDINGS)
        .chain(form::BINDINGS)
}

/// The binding of `scope`'s own rows (not the global ones) that takes `key`: one naming
/// exactly this key wins (Alt+Enter's own row over Enter's).
fn find(scope: Scope, key: &KeyEvent) -> Option<&'static Binding> {
    // A form's own rows come first, then the keys every form shares.
    let rows =
        || all().filter(move |b| b.scope == scope || (scope.is_form() && b.scope == Scope::Form));
    rows()
        .find(|b| b.keys.iter().any(|k| k.event() == *key))
        .or_else(|| rows().find(|b| b.keys.iter().any(|k| k.matches(key))))
}

/// The binding that takes `key` in `scope`: Ctrl+C, Ctrl+L and F1 everywhere, then the
/// screen's rows, then the global ones where they apply. `None`: the key reaches the
/// component as it is (typed text, or a dialog's own reading).
fn taker(scope: Scope, key: &KeyEvent) -> Option<&'static Binding> {
    if let Some(b) = find(Scope::Always, key) {
        return Some(b);
    }
    if scope.reads_keys() {
        return None;
    }
    if scope.exclusive() {
        return find(scope, key);
    }
    find(scope, key).or_else(|| find(Scope::Global, key))
}

/// The action bound to `key` in `scope`; screen bindings win over global ones.
/// The search screen takes text and a running rehearsal must not be left by a stray key, so
/// only their own bindings apply there.
pub fn lookup(scope: Scope, key: &KeyEvent) -> Option<Action> {
    taker(scope, key).map(|b| b.action)
}

/// What `key` means in `scope` by the scope's own rows, for a component that reads its keys
/// itself (see [`Scope::reads_keys`]); the text-editing rows are not included.
pub fn own(scope: Scope, key: &KeyEvent) -> Option<Action> {
    find(scope, key).map(|b| b.action)
}

/// The keys of `b` that do what it says in `scope`: a key the screen binds itself hides the
/// global binding of it, and a text field gets only the keys nothing else takes.
pub fn live_keys(scope: Scope, b: &Binding) -> Vec<Key> {
    b.keys
        .iter()
        .copied()
        .filter(|k| {
            let key = k.event();
            let taken = if scope.reads_keys() {
                find(Scope::Always, &key).or_else(|| find(scope, &key))
            } else {
                taker(scope, &key)
            };
            match taken {
                None => b.scope == Scope::Text,
                Some(t) => std::ptr::eq(t, b),
            }
        })
        .collect()
}

/// The bindings active in `scope` that have a live key there, screen ones first. A scope
/// that takes text also lists the text field's editing keys that it does not bind itself.
pub fn active(scope: Scope) -> Vec<&'static Binding> {
    let mut out = candidates(scope);
    out.retain(|b| !live_keys(scope, b).is_empty());
    out
}

/// The bindings that apply in `scope`, in [`active`]'s order, before the check that a key of
/// theirs is live there (the costly part: every key is looked up again).
fn candidates(scope: Scope) -> Vec<&'static Binding> {
    let mut out: Vec<&Binding> = all().filter(|b| b.scope == scope).collect();
    if scope.is_form() {
        out.extend(all().filter(|b| b.scope == Scope::Form));
    }
    if !scope.exclusive() && scope != Scope::Global {
        out.extend(all().filter(|b| b.scope == Scope::Global));
    }
    if scope.takes_text() {
        let new_line = Action::Dialog(crate::action::Dl::NewLine);
        out.extend(
            all().filter(|b| b.scope == Scope::Text && (b.action != new_line || scope.multiline())),
        );
    }
    out.extend(all().filter(|b| b.scope == Scope::Always));
    out
}

/// Whether `key` has a row in `scope`: its own, the global ones where they apply, the text
/// field's editing keys where it takes text, and the ones that apply everywhere.
pub fn documented(scope: Scope, key: &KeyEvent) -> bool {
    active(scope)
        .iter()
        .any(|b| live_keys(scope, b).iter().any(|k| k.matches(key)))
}

/// The label of the first key that does `action` in `scope` ("Alt+Enter"), for a hint that
/// names one key of a row; empty when no key does it there.
pub fn key_label(scope: Scope, action: Action) -> String {
    active(scope)
        .into_iter()
        .filter(|b| b.action == action)
        .find_map(|b| live_keys(scope, b).first().map(|k| k.label()))
        .unwrap_or_default()
}

/// `(keys, description)` pairs for the footer of `scope`.
pub fn footer(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    // Where `?` is text, the footer says how to get help instead.
    let shown = |b: &&Binding| b.footer || (scope.takes_text() && b.action == Action::Help);
    // Only the footer's rows are checked for a live key: the footer is made every frame.
    for b in candidates(scope).into_iter().filter(shown) {
        let Some(key) = live_keys(scope, b).first().map(|k| k.label()) else {
            continue;
        };
        // A screen binding on the same key (Esc 取消) hides the global one (Esc 返回), and
        // an action is shown once.
        let text = b.action.short(lang);
        if !out.iter().any(|(k, t)| *k == key || *t == text) {
            out.push((key, text));
        }
    }
    out
}

/// The footer rows of `scope` as one line, " Enter 保存 · Esc 取消 ", for a dialog's own
/// border: generated from the key map like the footer, never written by hand.
pub fn hint(scope: Scope, lang: Lang) -> String {
    // F1 is on the footer line already.
    let help = Action::Help.short(lang);
    let keys: Vec<String> = footer(scope, lang)
        .into_iter()
        .filter(|(_, text)| !text.is_empty() && *text != help)
        .map(|(key, text)| format!("{key} {text}"))
        .collect();
    format!(" {} ", keys.join(" · "))
}

/// Actions the help overlay shows as one row with their partner (↑↓, PgUp PgDn, Home End).
const PAIRS: [(Action, Action, &str, &str); 5] = [
    (Action::Up, Action::Down, "上下移动", "Move up and down"),
    (
        Action::PageUp,
        Action::PageDown,
        "上下翻页",
        "Page up and down",
    ),
    (
        Action::First,
        Action::Last,
        "第一项 / 最后一项",
        "First / last row",
    ),
    (
        Action::ScrollDetailDown,
        Action::ScrollDetailUp,
        "详情向下 / 向上滚动",
        "Scroll the detail down / up",
    ),
    (
        Action::NextPhase,
        Action::PrevPhase,
        "下一个 / 上一个阶段",
        "Next / previous phase",
    ),
];

/// `(all keys, description)` rows for the help overlay of `scope`. Paired movements share a
/// row and the area keys 1–8 are one row, so every screen's help fits in 80×24.
pub fn help_rows(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    let bindings = active(scope);
    let mut rows = Vec::new();
    let mut areas_done = false;
    for b in &bindings {
        let labels: Vec<String> = live_keys(scope, b).iter().map(|k| k.label()).collect();
        if let Action::GoTo(_) = b.action {
            if !areas_done {
                areas_done = true;
                rows.push((
                    "1–8".to_owned(),
                    lang.t(
                        "模块：总览 清单 访谈 演示 整改 自评 人员 团队",
                        "Areas: home, lists, interview, demo, rectify, score, people, team",
                    ),
                ));
            }
            continue;
        }
        let partner_of =
            |p: &&(Action, Action, &str, &str)| bindings.iter().find(|o| o.action == p.1);
        if let Some(pair) = PAIRS.iter().find(|p| p.0 == b.action)
            && let Some(partner) = partner_of(&pair)
        {
            let keys: Vec<String> = labels
                .iter()
                .zip(live_keys(scope, partner).iter().map(|k| k.label()))
                .map(|(a, b)| format!("{a} {b}"))
                .collect();
            rows.push((keys.join(" / "), lang.t(pair.2, pair.3)));
            continue;
        }
        let shown_with_first = PAIRS
            .iter()
            .any(|p| p.1 == b.action && bindings.iter().any(|o| o.action == p.0));
        if shown_with_first {
            continue;
        }
        // A second binding of the same action (q and Ctrl+C) shares its row.
        let text = b.action.describe(lang);
        match rows.iter_mut().find(|(_, t)| *t == text) {
            Some((keys, _)) => {
                keys.push_str(" / ");
                keys.push_str(&labels.join(" / "));
            }
            None => rows.push((labels.join(" / "), text)),
        }
    }
    // A text field whose Esc no row of its own names follows the one rule of forms.
    let esc = Key::Code(KeyCode::Esc);
    let esc_named = bindings
        .iter()
        .any(|b| b.scope != Scope::Always && live_keys(scope, b).contains(&esc));
    if scope.takes_text() && !esc_named {
        rows.push(("Esc".to_owned(), esc_rule(lang)));
    }
    rows
}

/// The one Esc rule of every form and text field, for the help overlay: the form's Esc row
/// says the same.
pub fn esc_rule(lang: Lang) -> &'static str {
    Action::FormEsc.describe(lang)
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
    fn every_action_on_a_key_browser_terminals_swallow_has_a_second_key_there() {
        // JumpServer-style web terminals keep Ctrl+S, W, N, T and Q for the browser.
        let swallowed = |k: &Key| matches!(k, Ctrl('s' | 'w' | 'n' | 't' | 'q'));
        let mut scopes: Vec<Scope> = Vec::new();
        for b in all() {
            if !scopes.contains(&b.scope) {
                scopes.push(b.scope);
            }
        }
        let mut missing = Vec::new();
        for scope in scopes {
            let active = active(scope);
            for b in &active {
                if !live_keys(scope, b).iter().any(swallowed) {
                    continue;
                }
                let other = active
                    .iter()
                    .filter(|o| o.action == b.action)
                    .any(|o| live_keys(scope, o).iter().any(|k| !swallowed(k)));
                if !other {
                    missing.push(format!("{scope:?} {:?}", b.action));
                }
            }
        }
        assert!(missing.is_empty(), "only a swallowed key: {missing:?}");
    }

    #[test]
    fn every_scopes_help_fits_one_column_at_80x24_with_the_sync_row() {
        // The help overlay has 22 rows inside its border at 24 lines; more flow into two
        // columns whose descriptions are cut.
        let mut scopes: Vec<Scope> = Vec::new();
        for b in all() {
            if !scopes.contains(&b.scope) {
                scopes.push(b.scope);
            }
        }
        let mut long = Vec::new();
        for scope in scopes {
            let rows = help_rows(scope, Lang::Zh);
            if rows.len() > 22 {
                long.push(format!("{scope:?}: {} rows", rows.len()));
            }
            let sync = Key::Ctrl('y').event();
            assert_eq!(lookup(scope, &sync), Some(Action::Sync), "{scope:?}");
            assert!(
                rows.iter()
                    .any(|(k, _)| k.contains("Ctrl+Y") && k.contains("Alt+S")),
                "{scope:?}: {rows:?}"
            );
        }
        assert!(long.is_empty(), "{long:?}");
    }

    #[test]
    fn help_lists_every_binding_of_the_screen_and_the_global_ones() {
        let rows = help_rows(Checklist, Lang::Zh);
        assert!(rows.iter().any(|(k, _)| k == "Space"));
        assert!(rows.iter().any(|(k, _)| k.starts_with('q')));
        assert!(rows.iter().any(|(k, _)| k.starts_with('/')));
    }
}
