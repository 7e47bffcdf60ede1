//! Colours, borders and markers in one value, so `NO_COLOR` and `--ascii` are one switch each.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::i18n::Lang;
use crate::progress::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub ascii: bool,
    pub border: border::Set<'static>,
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub label: Style,
    pub section: Style,
    pub selected: Style,
    pub alert: Style,
    pub good: Style,
    pub busy: Style,
    /// `ZIZHI_AMBIGUOUS=wide`: each frame's East Asian Ambiguous symbols are measured as two
    /// columns ([`crate::widgets::ambiguous::widen`]).
    pub ambiguous_wide: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// `color` false follows `NO_COLOR`: emphasis by bold and reverse video only.
    pub fn new(color: bool, ascii: bool) -> Self {
        let fg = |c: Color| {
            if color {
                Style::new().fg(c)
            } else {
                Style::new()
            }
        };
        Self {
            ascii,
            ambiguous_wide: false,
            border: if ascii { ASCII_BORDER } else { border::PLAIN },
            title: Style::new().add_modifier(Modifier::BOLD),
            text: Style::new(),
            dim: if color {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new()
            },
            label: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            section: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            alert: fg(Color::Red),
            good: fg(Color::Green),
            busy: fg(Color::Yellow),
        }
    }

    pub fn status_marker(&self, status: Status) -> &'static str {
        match status {
            Status::Todo => "[ ]",
            Status::InProgress => "[~]",
            Status::Done => "[x]",
            Status::NotApplicable => "[-]",
        }
    }

    pub fn status_style(&self, status: Status) -> Style {
        match status {
            Status::Todo => self.text,
            Status::InProgress => self.busy,
            Status::Done => self.good,
            Status::NotApplicable => self.dim,
        }
    }

    pub fn status_label(&self, status: Status, lang: Lang) -> &'static str {
        match status {
            Status::Todo => lang.t("待办", "To do"),
            Status::InProgress => lang.t("进行中", "In progress"),
            Status::Done => lang.t("已完成", "Done"),
            Status::NotApplicable => lang.t("不适用", "N/A"),
        }
    }

    /// For a terminal that draws East Asian Ambiguous symbols two columns wide
    /// (`ZIZHI_AMBIGUOUS=wide`): markers and arrows drawn as they are and measured as two
    /// columns after layout; borders ASCII, since a line of box drawing cannot be two columns
    /// a symbol.
    pub fn ambiguous_wide(color: bool) -> Self {
        Self {
            border: ASCII_BORDER,
            ambiguous_wide: true,
            ..Self::new(color, false)
        }
    }

    /// Picks the decorative symbol, or its ASCII stand-in under `--ascii`.
    pub fn sym(&self, fancy: &'static str, plain: &'static str) -> &'static str {
        if self.ascii { plain } else { fancy }
    }

    /// A progress bar of `width` cells.
    pub fn bar(&self, ratio: f64, width: usize) -> (String, String) {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a float `as` an integer saturates; the value is rounded and bounded first"
        )]
        let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
        let (full, empty) = if self.ascii {
            ("#", ".")
        } else {
            ("█", "░")
        };
        (full.repeat(filled), empty.repeat(width - filled))
    }
}
