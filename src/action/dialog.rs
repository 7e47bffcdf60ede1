//! What a user can do in a dialog or a text field, and what each key there means.
//!
//! Dialogs that are not forms read these keys themselves (see `keymap::Scope::reads_keys`); the key
//! map lists them so the footer and `?` show them and the every-key test knows them.

use crate::i18n::Lang;

/// Everything a user can do in a dialog, a form or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dl {
    /// Close the help overlay.
    Close,
    /// A one-line field: save what was typed and close.
    Save,
    /// Close the dialog; what was typed is kept (it was saved as typed).
    CloseKeep,
    Yes,
    No,
    /// A choice field or filter row: the next choice.
    ChoiceNext,
    /// A choice field or filter row: the previous choice.
    ChoicePrev,
    /// Clear every filter.
    Clear,
    /// Close the filter panel (the filter stays).
    Done,
    /// Text field: move the cursor by a character.
    Cursor,
    /// Multi-line text field: the line above or below (from the first or last line: the
    /// field above or below).
    Line,
    /// Text field: the start or end of the line.
    LineEnds,
    /// Text field: delete the character before or under the cursor.
    Delete,
    /// Text field: delete the word before the cursor.
    DeleteWord,
    /// Text field: delete to the start or the end of the line.
    DeleteLine,
    /// Multi-line text field: a new line.
    NewLine,
    /// Ctrl+J, what some terminals send for Enter: the same as Enter there.
    AsEnter,
}

impl Dl {
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Dl::Close => lang.t("关闭", "close"),
            Dl::Save => lang.t("保存", "save"),
            Dl::CloseKeep => lang.t("关闭（保留输入）", "close (keeps text)"),
            Dl::Yes => lang.t("是", "yes"),
            Dl::No => lang.t("否", "no"),
            Dl::ChoiceNext => lang.t("下一选项", "next choice"),
            Dl::ChoicePrev => lang.t("上一选项", "prev choice"),
            Dl::Clear => lang.t("清除", "clear"),
            Dl::Done => lang.t("完成", "done"),
            Dl::Cursor => lang.t("光标", "cursor"),
            Dl::Line => lang.t("上下行", "line"),
            Dl::LineEnds => lang.t("行首/行尾", "line ends"),
            Dl::Delete => lang.t("删除", "delete"),
            Dl::DeleteWord => lang.t("删词", "delete word"),
            Dl::DeleteLine => lang.t("删到行首/行尾", "delete to line end"),
            Dl::NewLine => lang.t("换行", "new line"),
            Dl::AsEnter => lang.t("同 Enter", "as Enter"),
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Dl::Close => lang.t("关闭本帮助", "Close this help"),
            Dl::Save => lang.t("保存并关闭", "Save and close"),
            Dl::CloseKeep => lang.t(
                "关闭；已输入的内容随输入即保存，保留",
                "Close; what was typed was saved as typed and stays",
            ),
            Dl::Yes => lang.t("是：确认", "Yes: confirm"),
            Dl::No => lang.t("否：不做，返回", "No: do nothing and go back"),
            Dl::ChoiceNext => lang.t("切换到下一个选项", "Next choice"),
            Dl::ChoicePrev => lang.t("切换到上一个选项", "Previous choice"),
            Dl::Clear => lang.t("清除全部筛选条件", "Clear every filter"),
            Dl::Done => lang.t("完成筛选并关闭面板", "Done: close the panel"),
            Dl::Cursor => lang.t("光标左右移动一个字", "Move the cursor by a character"),
            Dl::Line => lang.t(
                "上下一行（单行栏：上下一栏）",
                "Line up / down (one-line field: field up / down)",
            ),
            Dl::LineEnds => lang.t("到行首 / 行尾", "Start / end of the line"),
            Dl::Delete => lang.t("删除光标前 / 光标处的字", "Delete before / at the cursor"),
            Dl::DeleteWord => lang.t("删除光标前的一个词", "Delete the word before the cursor"),
            Dl::DeleteLine => lang.t(
                "删到行首 / 删到行尾",
                "Delete to the start / end of the line",
            ),
            Dl::NewLine => lang.t("在多行栏里换行", "A new line in a multi-line field"),
            Dl::AsEnter => lang.t("同 Enter", "Same as Enter"),
        }
    }
}
