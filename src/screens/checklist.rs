//! A phase's checklist: sections and items on top (or left), the selected item's detail below
//! (or right), with status changes and field edits.

pub mod filter;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::content::Content;
use crate::domain::rectification::Finding;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::editor::{EditorState, Field};
use crate::screens::{Component, Ctx, Env, Input, Outcome, Overlay, Request, Screen};
use crate::theme::Theme;
pub use filter::ItemFilter;

/// A row of the list: a section heading or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Section(usize),
    Item(usize, usize),
}

#[derive(Debug, Clone)]
pub struct ChecklistState {
    pub phase: usize,
    pub rows: Vec<Row>,
    /// Index into `rows`; always an item row when the phase has items.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    pub detail_zoomed: bool,
    pub detail_scroll: u16,
    /// Visible list height from the last layout, for paging.
    pub list_height: usize,
    /// Which items are listed (`f` cycles).
    pub filter: ItemFilter,
}

/// Opens the checklist of phase `phase` with item `item` selected.
pub fn open(ctx: &Ctx, phase: usize, item: Option<&str>) -> Outcome {
    let mut state = ChecklistState::new(ctx.content, phase);
    if let Some(id) = item {
        state.select_item(ctx.content, id);
    }
    Outcome::request(Request::Push(Screen::Checklist(state)))
}

/// Where the parts of the checklist go on a screen of `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub list: Rect,
    pub detail: Rect,
    pub side_by_side: bool,
}

/// Terminals at least this wide show the detail beside the list.
pub const WIDE: u16 = 110;

pub fn layout(body: Rect, zoomed: bool) -> Layout {
    if zoomed {
        return Layout {
            list: Rect::new(body.x, body.y, body.width, 0),
            detail: body,
            side_by_side: false,
        };
    }
    if body.width >= WIDE {
        let list_w = body.width * 2 / 5;
        Layout {
            list: Rect::new(body.x, body.y, list_w, body.height),
            detail: Rect::new(body.x + list_w, body.y, body.width - list_w, body.height),
            side_by_side: true,
        }
    } else {
        let list_h = (body.height * 2 / 5).max(4).min(body.height);
        Layout {
            list: Rect::new(body.x, body.y, body.width, list_h),
            detail: Rect::new(body.x, body.y + list_h, body.width, body.height - list_h),
            side_by_side: false,
        }
    }
}

/// The body area between the header and footer lines.
pub fn body(size: (u16, u16)) -> Rect {
    Rect::new(0, 1, size.0, size.1.saturating_sub(2))
}

impl ChecklistState {
    pub fn new(content: &Content, phase: usize) -> Self {
        let mut state = Self {
            phase,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            detail_zoomed: false,
            detail_scroll: 0,
            list_height: 1,
            filter: ItemFilter::All,
        };
        state.rebuild(content, &Progress::default());
        state
    }

    /// Lists the phase's sections and the items the filter passes (a section with none is
    /// left out).
    fn rebuild(&mut self, content: &Content, progress: &Progress) {
        self.rows.clear();
        if let Some(phase) = content.phases.get(self.phase) {
            for (s, section) in phase.sections.iter().enumerate() {
                let items: Vec<usize> = (0..section.items.len())
                    .filter(|&i| self.filter.accepts(progress, &section.items[i].id.value))
                    .collect();
                if items.is_empty() && self.filter != ItemFilter::All {
                    continue;
                }
                self.rows.push(Row::Section(s));
                self.rows.extend(items.into_iter().map(|i| Row::Item(s, i)));
            }
        }
        self.selected = self.first_item().unwrap_or(0);
        self.offset = 0;
        self.detail_scroll = 0;
    }

    fn first_item(&self) -> Option<usize> {
        self.rows.iter().position(|r| matches!(r, Row::Item(..)))
    }

    fn last_item(&self) -> Option<usize> {
        self.rows.iter().rposition(|r| matches!(r, Row::Item(..)))
    }

    /// The selected item's id.
    pub fn selected_id<'c>(&self, content: &'c Content) -> Option<&'c str> {
        self.selected_item(content).map(|item| &*item.id.value)
    }

    /// The item on the selected row.
    pub fn selected_item<'c>(&self, content: &'c Content) -> Option<&'c crate::content::Item> {
        match self.rows.get(self.selected)? {
            Row::Item(s, i) => content
                .phases
                .get(self.phase)?
                .sections
                .get(*s)?
                .items
                .get(*i),
            Row::Section(_) => None,
        }
    }

    pub fn select_item(&mut self, content: &Content, id: &str) {
        if let Some(index) = (0..self.rows.len()).find(|&r| {
            let mut probe = self.clone();
            probe.selected = r;
            probe.selected_id(content) == Some(id)
        }) {
            self.selected = index;
            self.detail_scroll = 0;
        }
    }

    /// Recomputes the list height for `size` and keeps the selection visible.
    pub fn fit(&mut self, _content: &Content, size: (u16, u16)) {
        let list = layout(body(size), self.detail_zoomed).list;
        // One row of the list area is its title line.
        self.list_height = usize::from(list.height.saturating_sub(1)).max(1);
        self.scroll_to_selection();
    }

    fn scroll_to_selection(&mut self) {
        // Keep the section heading above the first item visible.
        let top = if Some(self.selected) == self.first_item() {
            0
        } else {
            self.selected
        };
        if top < self.offset {
            self.offset = top;
        }
        if self.selected >= self.offset + self.list_height {
            self.offset = self.selected + 1 - self.list_height;
        }
    }

    fn move_by(&mut self, delta: isize) {
        let items: Vec<usize> = (0..self.rows.len())
            .filter(|&r| matches!(self.rows[r], Row::Item(..)))
            .collect();
        let Some(pos) = items.iter().position(|&r| r == self.selected) else {
            return;
        };
        let target = pos
            .saturating_add_signed(delta)
            .min(items.len().saturating_sub(1));
        if items[target] != self.selected {
            self.selected = items[target];
            self.detail_scroll = 0;
        }
    }

    /// Applies an action; returns what the app must do next.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> Option<Outcome> {
        let content = ctx.content;
        let size = ctx.size;
        let page = self.list_height.max(2) as isize - 1;
        match action {
            Action::Back if self.detail_zoomed => {
                self.detail_zoomed = false;
                self.fit(content, size);
            }
            Action::Up if self.detail_zoomed => {
                self.detail_scroll = self.detail_scroll.saturating_sub(1)
            }
            Action::Down if self.detail_zoomed => {
                self.detail_scroll = self.detail_scroll.saturating_add(1)
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.selected = self.first_item().unwrap_or(0),
            Action::Last => self.selected = self.last_item().unwrap_or(0),
            Action::ScrollDetailDown => self.detail_scroll = self.detail_scroll.saturating_add(3),
            Action::ScrollDetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::ToggleDetail => {
                self.detail_zoomed = !self.detail_zoomed;
                self.fit(content, size);
            }
            Action::NextPhase | Action::PrevPhase => {
                let count = content.phases.len();
                if count > 1 {
                    self.phase = if action == Action::NextPhase {
                        (self.phase + 1) % count
                    } else {
                        (self.phase + count - 1) % count
                    };
                    self.rebuild(content, ctx.progress);
                }
            }
            Action::ChecklistFilter => {
                let keep = self.selected_id(content).map(str::to_owned);
                self.filter = self.filter.next(ctx.progress);
                self.rebuild(content, ctx.progress);
                if let Some(id) = keep {
                    self.select_item(content, &id);
                }
            }
            Action::ToggleDone | Action::CycleStatus => {
                let id = self.selected_id(content)?.to_owned();
                let entry = ctx.progress.item_mut(&id);
                entry.status = if action == Action::ToggleDone {
                    entry.status.toggled()
                } else {
                    entry.status.cycled()
                };
                entry.updated = Some(ctx.now);
                ctx.progress.prune_item(&id);
                return Some(Outcome::save());
            }
            Action::RectFromItem => {
                let id = self.selected_id(content)?;
                let item = content.find_item(id)?;
                let finding = Finding::checklist_item(id, &item.item.title);
                return Some(Outcome::request(Request::Rectify(finding)));
            }
            Action::EditNote | Action::EditOwner | Action::EditDue | Action::EditEvidence => {
                let id = self.selected_id(content)?.to_owned();
                let field = match action {
                    Action::EditNote => Field::Note,
                    Action::EditOwner => Field::Owner,
                    Action::EditDue => Field::Due,
                    _ => Field::Evidence,
                };
                let editor = EditorState::for_item(field, &id, ctx.progress, ctx.lang, size);
                return Some(Outcome::request(Request::Open(Overlay::Editor(editor))));
            }
            _ => {}
        }
        self.scroll_to_selection();
        None
    }
}

impl Component for ChecklistState {
    fn scope(&self) -> Scope {
        Scope::Checklist
    }

    fn title(&self, lang: Lang) -> &'static str {
        lang.t("阶段清单", "Checklist")
    }

    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let outcome = match input {
            Input::Action(action) => self.update(action, ctx).unwrap_or_default(),
            _ => Outcome::none(),
        };
        // Scrolling stops at the end of the detail (J, or ↓ while zoomed).
        self.detail_scroll = self
            .detail_scroll
            .min(view::max_detail_scroll(&ctx.env(), self));
        outcome
    }

    /// Esc in a zoomed detail unzooms first.
    fn handles_back(&self) -> bool {
        self.detail_zoomed
    }

    fn fit(&mut self, env: &Env) {
        ChecklistState::fit(self, env.content, env.size);
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme) {
        view::render(frame, env, self, theme);
    }
}
