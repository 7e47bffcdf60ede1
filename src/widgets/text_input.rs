//! A keyboard-driven text input (multi-line or single-line) that edits, wraps and places the terminal cursor correctly for double-width CJK text and emoji.
//!
//! The state is pure: no I/O, no clock. A caller feeds it key events and pastes, and renders it
//! each frame, letting the terminal's own cursor (and so the IME's candidate window) sit at the
//! insertion point:
//!
//! ```ignore
//! # use textinput::text_input::{InputOutcome, TextInput};
//! # fn draw(frame: &mut ratatui::Frame, input: &mut TextInput, area: ratatui::layout::Rect) {
//! input.ensure_cursor_visible(area.width, area.height);
//! frame.render_widget(&*input, area);
//! let (x, y) = input.cursor_position(area.width);
//! frame.set_cursor_position((area.x + x, area.y + y));
//! # }
//! ```
//!
//! The cursor moves by grapheme cluster, so a Chinese character, an emoji or a letter with a
//! combining accent is always stepped over and deleted whole.

mod layout;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{buffer::Buffer, layout::Rect, style::Style, widgets::Widget};
use unicode_segmentation::UnicodeSegmentation;

use layout::{Layout, byte_offset, col_at_or_after, grapheme_count, grapheme_width};

/// What a tab in pasted text becomes.
const TAB_AS_SPACES: &str = "    ";

/// What a key did, so the caller knows whether to redraw, submit, close or use the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved.
    Moved,
    /// Enter (single-line), Ctrl+S, Ctrl+Enter or Alt+Enter: the user is done.
    Submit,
    /// Esc: the user wants to abandon the edit.
    Cancel,
    /// Nothing happened: the key is not an editing key (Tab, F-keys, Ctrl+C…), was a release,
    /// or could not act here (Left at the very start, Up on the first row, input at `max_chars`).
    /// The caller may use the key, e.g. Tab to move focus.
    Ignored,
}

/// Text that did not fit under the character limit: what the last key or paste offered and
/// how much of it was kept, so the screen can say so instead of dropping it silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitHit {
    /// Characters the key or paste offered.
    pub offered: usize,
    /// Characters of them that were inserted (0 when typing at the limit).
    pub kept: usize,
    /// The limit.
    pub max: usize,
}

impl LimitHit {
    /// The sentence a screen shows: how much of a paste was kept, or that typing is at the
    /// limit.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let Self { offered, kept, max } = *self;
        let zh = lang == crate::i18n::Lang::Zh;
        match (offered <= 1, zh) {
            (true, true) => format!("已达上限 {max} 字，不能再输入；删掉一些再继续"),
            (true, false) => {
                format!("At the limit of {max} characters; delete some to type more")
            }
            (false, true) => format!("超过上限 {max} 字：粘贴的 {offered} 字只保留了前 {kept} 字"),
            (false, false) => {
                format!("Over the limit of {max} characters: kept {kept} of the {offered} pasted")
            }
        }
    }
}

/// The text being edited, the cursor and the scroll position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    /// Logical lines, never empty, never containing control characters.
    lines: Vec<String>,
    /// Cursor line, `< lines.len()`.
    row: usize,
    /// Cursor position in grapheme clusters within `lines[row]`, `<=` its grapheme count.
    col: usize,
    multiline: bool,
    max_chars: Option<usize>,
    /// First visible visual row.
    scroll: usize,
    /// Display column that Up/Down try to keep while moving through rows of different lengths.
    goal_x: Option<usize>,
    /// Width last given to [`TextInput::ensure_cursor_visible`], used by Up/Down to move by
    /// visual row. Until it is known, Up/Down move by logical line.
    wrap_width: Option<u16>,
    /// Set when the last key or paste did not fit under `max_chars`; cleared by the next.
    limit_hit: Option<LimitHit>,
}

impl TextInput {
    /// A single-line input holding `text` (newlines become spaces), cursor at the end.
    #[must_use]
    pub fn single_line(text: &str) -> Self {
        Self::new(text, false)
    }

    /// A multi-line input holding `text`, cursor at the end.
    #[must_use]
    pub fn multi_line(text: &str) -> Self {
        Self::new(text, true)
    }

    fn new(text: &str, multiline: bool) -> Self {
        let mut input = Self {
            lines: vec![String::new()],
            row: 0,
            col: 0,
            multiline,
            max_chars: None,
            limit_hit: None,
            scroll: 0,
            goal_x: None,
            wrap_width: None,
        };
        input.insert_clean(&sanitize(text, multiline));
        input
    }

    /// Refuses input that would make the text longer than `max` characters (newlines count).
    /// Text already longer is kept; it can only shrink.
    #[must_use]
    pub fn with_max_chars(mut self, max: usize) -> Self {
        self.max_chars = Some(max);
        self
    }

    /// What the last key or paste could not insert because of the character limit, if
    /// anything; the next key or paste clears it.
    #[must_use]
    pub fn limit_hit(&self) -> Option<LimitHit> {
        self.limit_hit
    }

    /// The sentence to show when the last key or paste hit the character limit (how much of a
    /// paste was kept, or that typing is at the limit), in `lang`; `None` when it did not.
    #[must_use]
    pub fn limit_notice(&self, lang: crate::i18n::Lang) -> Option<String> {
        self.limit_hit.map(|hit| hit.message(lang))
    }

    /// Sets or removes the character limit (see [`TextInput::with_max_chars`]).
    pub fn set_max_chars(&mut self, max: Option<usize>) {
        self.max_chars = max;
    }

    /// Replaces the whole text (not limited by `max_chars`), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        *self = Self {
            max_chars: self.max_chars,
            wrap_width: self.wrap_width,
            ..Self::new(text, self.multiline)
        };
    }

    /// The text, lines joined by `'\n'`.
    #[must_use]
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(String::is_empty)
    }

    /// Whether Enter inserts a newline (multi-line) or submits (single-line).
    #[must_use]
    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Number of characters, newlines included (what `max_chars` limits).
    #[must_use]
    pub fn char_count(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum::<usize>() + self.lines.len() - 1
    }

    /// Cursor as `(line, grapheme index within the line)`.
    #[must_use]
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// First visible visual row (for a scrollbar).
    #[must_use]
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Number of visual rows the text takes when wrapped at `width` (for a scrollbar).
    #[must_use]
    pub fn visual_line_count(&self, width: u16) -> usize {
        Layout::new(&self.lines, usize::from(width)).rows.len()
    }

    /// Applies one key press. Release events are ignored; repeats act like presses.
    pub fn handle_key(&mut self, key: KeyEvent) -> InputOutcome {
        use InputOutcome::{Cancel, Ignored, Submit};
        if key.kind == KeyEventKind::Release {
            return Ignored;
        }
        self.limit_hit = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let vertical = matches!(key.code, KeyCode::Up | KeyCode::Down);
        let outcome = match key.code {
            KeyCode::Esc => Cancel,
            // Ctrl+Enter rarely survives SSH; Ctrl+S (below) and Alt+Enter do.
            KeyCode::Enter if ctrl || alt || !self.multiline => Submit,
            KeyCode::Enter => edited(self.insert_clean("\n")),
            KeyCode::Char(c) if ctrl && !alt => self.control_key(c),
            KeyCode::Char(_) if ctrl || alt => Ignored,
            KeyCode::Char(c) => {
                let mut buf = [0u8; 4];
                edited(self.insert_clean(&sanitize(c.encode_utf8(&mut buf), self.multiline)))
            }
            KeyCode::Backspace if ctrl || alt => self.delete_word_before(),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Up => self.vertical(true),
            KeyCode::Down => self.vertical(false),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => Ignored,
        };
        if !vertical {
            self.goal_x = None;
        }
        outcome
    }

    /// Ctrl+letter shortcuts (readline style).
    fn control_key(&mut self, c: char) -> InputOutcome {
        match c.to_ascii_lowercase() {
            's' => InputOutcome::Submit,
            'a' => self.home(),
            'e' => self.end(),
            'u' => self.delete_to_line_start(),
            'k' => self.delete_to_line_end(),
            'w' => self.delete_word_before(),
            'h' => self.backspace(), // what some terminals send for Backspace
            // A raw line feed (some terminals' Ctrl+Enter or Shift+Enter): Enter without
            // modifiers, so a half-written note is never submitted by accident.
            'j' if self.multiline => edited(self.insert_clean("\n")),
            'j' => InputOutcome::Submit,
            _ => InputOutcome::Ignored,
        }
    }

    /// Inserts pasted text at the cursor (for crossterm's `Event::Paste`).
    ///
    /// `\r\n`, `\r` and `\n` split lines in a multi-line input and become one space each in a
    /// single-line input; `\t` becomes four spaces; other control characters are dropped. Text
    /// beyond `max_chars` is cut off at a grapheme boundary.
    pub fn insert_str(&mut self, s: &str) {
        self.goal_x = None;
        self.limit_hit = None;
        self.insert_clean(&sanitize(s, self.multiline));
    }

    /// Inserts already-sanitized text, cut to fit `max_chars`. Returns whether anything changed.
    fn insert_clean(&mut self, clean: &str) -> bool {
        let clean = match self.max_chars {
            Some(max) => {
                let kept = take_chars(clean, max.saturating_sub(self.char_count()));
                if kept.len() < clean.len() {
                    self.limit_hit = Some(LimitHit {
                        offered: clean.chars().count(),
                        kept: kept.chars().count(),
                        max,
                    });
                }
                kept
            }
            None => clean,
        };
        if clean.is_empty() {
            return false;
        }
        let line = &mut self.lines[self.row];
        let tail = line.split_off(byte_offset(line, self.col));
        let mut pieces = clean.split('\n');
        line.push_str(pieces.next().unwrap_or_default());
        let below = self.lines.split_off(self.row + 1);
        let before = self.lines.len();
        self.lines.extend(pieces.map(str::to_owned));
        self.row += self.lines.len() - before;
        self.lines.extend(below);
        let line = &mut self.lines[self.row];
        let cursor_byte = line.len();
        line.push_str(&tail);
        self.col = col_at_or_after(line, cursor_byte);
        true
    }

    /// Removes bytes `range` of the cursor line and puts the cursor where they were.
    fn remove_in_line(&mut self, start: usize, end: usize) -> InputOutcome {
        let line = &mut self.lines[self.row];
        line.replace_range(start..end, "");
        self.col = col_at_or_after(line, start);
        InputOutcome::Edited
    }

    /// Joins line `row + 1` onto line `row`, cursor at the seam.
    fn join_with_next(&mut self, row: usize) -> InputOutcome {
        let next = self.lines.remove(row + 1);
        let line = &mut self.lines[row];
        let seam = line.len();
        line.push_str(&next);
        self.row = row;
        self.col = col_at_or_after(line, seam);
        InputOutcome::Edited
    }

    fn backspace(&mut self) -> InputOutcome {
        if self.col > 0 {
            let line = &self.lines[self.row];
            let start = byte_offset(line, self.col - 1);
            let end = byte_offset(line, self.col);
            self.remove_in_line(start, end)
        } else if self.row > 0 {
            self.join_with_next(self.row - 1)
        } else {
            InputOutcome::Ignored
        }
    }

    fn delete(&mut self) -> InputOutcome {
        let line = &self.lines[self.row];
        if self.col < grapheme_count(line) {
            let start = byte_offset(line, self.col);
            let end = byte_offset(line, self.col + 1);
            self.remove_in_line(start, end)
        } else if self.row + 1 < self.lines.len() {
            self.join_with_next(self.row)
        } else {
            InputOutcome::Ignored
        }
    }

    fn delete_to_line_start(&mut self) -> InputOutcome {
        if self.col == 0 {
            return InputOutcome::Ignored;
        }
        let end = byte_offset(&self.lines[self.row], self.col);
        self.remove_in_line(0, end)
    }

    fn delete_to_line_end(&mut self) -> InputOutcome {
        let line = &self.lines[self.row];
        let start = byte_offset(line, self.col);
        if start == line.len() {
            return InputOutcome::Ignored;
        }
        let end = line.len();
        self.remove_in_line(start, end)
    }

    /// Deletes the spaces before the cursor and then the run of same-kind characters before
    /// them: a word of Latin letters/digits, a run of CJK characters, or a run of punctuation.
    /// At the start of a line it joins the line to the previous one, like Backspace.
    fn delete_word_before(&mut self) -> InputOutcome {
        if self.col == 0 {
            return self.backspace();
        }
        let line = &self.lines[self.row];
        let before = &line[..byte_offset(line, self.col)];
        let mut graphemes = before.grapheme_indices(true).rev().peekable();
        let mut start = before.len();
        while let Some((i, _)) = graphemes.next_if(|(_, g)| word_class(g) == WordClass::Space) {
            start = i;
        }
        if let Some(&(_, g)) = graphemes.peek() {
            let class = word_class(g);
            while let Some((i, _)) = graphemes.next_if(|(_, g)| word_class(g) == class) {
                start = i;
            }
        }
        let end = before.len();
        self.remove_in_line(start, end)
    }

    fn left(&mut self) -> InputOutcome {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = grapheme_count(&self.lines[self.row]);
        } else {
            return InputOutcome::Ignored;
        }
        InputOutcome::Moved
    }

    fn right(&mut self) -> InputOutcome {
        if self.col < grapheme_count(&self.lines[self.row]) {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        } else {
            return InputOutcome::Ignored;
        }
        InputOutcome::Moved
    }

    fn home(&mut self) -> InputOutcome {
        if self.col == 0 {
            return InputOutcome::Ignored;
        }
        self.col = 0;
        InputOutcome::Moved
    }

    fn end(&mut self) -> InputOutcome {
        let len = grapheme_count(&self.lines[self.row]);
        if self.col == len {
            return InputOutcome::Ignored;
        }
        self.col = len;
        InputOutcome::Moved
    }

    /// Moves one visual row up or down, keeping the goal display column.
    fn vertical(&mut self, up: bool) -> InputOutcome {
        let width = self.wrap_width.map_or(usize::MAX, usize::from);
        let layout = Layout::new(&self.lines, width);
        let (x, index) = layout.cursor(self.row, self.col);
        let goal = self.goal_x.unwrap_or(x);
        let target = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        match target.and_then(|t| layout.nearest_in_row(t, goal)) {
            Some((row, col)) => {
                self.row = row;
                self.col = col;
                self.goal_x = Some(goal);
                InputOutcome::Moved
            }
            None => InputOutcome::Ignored,
        }
    }

    /// Visual `(x, y)` of the cursor relative to the widget's area origin when the text is
    /// wrapped at `width`, after scrolling. `x < width` always holds: a cursor after a full row
    /// is at x = 0 of the next row. Call [`TextInput::ensure_cursor_visible`] first so that
    /// `y` is inside the area.
    #[must_use]
    pub fn cursor_position(&self, width: u16) -> (u16, u16) {
        let layout = Layout::new(&self.lines, usize::from(width));
        let (x, index) = layout.cursor(self.row, self.col);
        (to_u16(x), to_u16(index.saturating_sub(self.scroll)))
    }

    /// Scrolls so the cursor's row is within `height` rows, without leaving empty rows below
    /// the text when it could be shown. Also remembers `width` for Up/Down; call it every frame
    /// with the area the input is rendered into.
    pub fn ensure_cursor_visible(&mut self, width: u16, height: u16) {
        self.wrap_width = Some(width);
        let height = usize::from(height);
        if height == 0 {
            return;
        }
        let layout = Layout::new(&self.lines, usize::from(width));
        let (_, cursor_row) = layout.cursor(self.row, self.col);
        if cursor_row < self.scroll {
            self.scroll = cursor_row;
        } else if cursor_row >= self.scroll + height {
            self.scroll = cursor_row + 1 - height;
        }
        self.scroll = self.scroll.min(layout.rows.len().saturating_sub(height));
    }
}

/// Renders the visible wrapped rows as plain text in the cells' existing style. The cursor is
/// not drawn: place the terminal cursor with [`TextInput::cursor_position`].
impl Widget for &TextInput {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let layout = Layout::new(&self.lines, usize::from(area.width));
        for (y, row) in (area.y..area.bottom()).zip(layout.rows.iter().skip(self.scroll)) {
            if let Some(text) = self
                .lines
                .get(row.line)
                .and_then(|l| l.get(row.bytes.clone()))
            {
                buf.set_stringn(area.x, y, text, usize::from(area.width), Style::default());
            }
        }
    }
}

fn edited(changed: bool) -> InputOutcome {
    if changed {
        InputOutcome::Edited
    } else {
        InputOutcome::Ignored
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Normalizes typed or pasted text: line breaks (`\r\n`, `\r`, `\n`, U+2028, U+2029) become
/// `'\n'` (multi-line) or a space (single-line), tabs become spaces, other controls vanish.
fn sanitize(s: &str, multiline: bool) -> String {
    let newline = if multiline { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(newline);
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(newline),
            '\t' => out.push_str(TAB_AS_SPACES),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest prefix of `s` with at most `max` chars that ends on a grapheme boundary.
fn take_chars(s: &str, max: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += g.chars().count();
        if used > max {
            break;
        }
        end = i + g.len();
    }
    &s[..end]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Space,
    /// Double-width letters: Chinese, Japanese, Korean, full-width Latin.
    Wide,
    /// Narrow letters, digits and `_`.
    Word,
    Punctuation,
}

fn word_class(grapheme: &str) -> WordClass {
    let Some(c) = grapheme.chars().next() else {
        return WordClass::Space;
    };
    if c.is_whitespace() {
        WordClass::Space
    } else if c.is_alphanumeric() && grapheme_width(grapheme) >= 2 {
        WordClass::Wide
    } else if c.is_alphanumeric() || c == '_' {
        WordClass::Word
    } else {
        WordClass::Punctuation
    }
}

#[cfg(test)]
mod tests;
