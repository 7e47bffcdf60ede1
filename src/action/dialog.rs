//! What a user can do in a dialog or a text field, and what each key there means.
//!
//! Dialogs that take text read these keys themselves (see `keymap::reads_keys`); the key
//! map lists them so the footer and `?` show them and the every-key test knows them.

use crate::i18n::Lang;

/// Everything a user can do in a dialog, a form or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dl {
    /// Close the help overlay.
    Close,
    /// A one-line field: save what was typed and close.
    Save,
    /// A form: the next field; on the last one, do what the form is for.
    Next,
    /// A form: the previous field.
    Prev,
    /// A form: do it now, from any field (the browser-safe Alt+Enter and Ctrl+S).
    Submit,
    /// Put back the value from before the field was opened, and close.
    Restore,
    /// Close the dialog; what was typed is kept (it was saved as typed).
    CloseKeep,
    /// Close the dialog without doing what it is for.
    Cancel,
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
            Dl::Next => lang.t("下一栏/完成", "next/done"),
            Dl::Prev => lang.t("上一栏", "prev field"),
            Dl::Submit => lang.t("提交", "submit"),
            Dl::Restore => lang.t("取消", "cancel"),
            Dl::CloseKeep => lang.t("关闭", "close"),
            Dl::Cancel => lang.t("取消", "cancel"),
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
            Dl::Next => lang.t(
                "下一栏；在最后一栏则提交。必填栏为空时停在原处并提示",
                "Next field; on the last one, submit. An empty required field stays and says so",
            ),
            Dl::Prev => lang.t("上一栏", "Previous field"),
            Dl::Submit => lang.t(
                "立即提交（在任一栏都可；浏览器终端里用 Alt+Enter）",
                "Submit now from any field (Alt+Enter in a browser terminal)",
            ),
            Dl::Restore => lang.t(
                "取消：恢复打开前的内容（界面上写明）并关闭",
                "Cancel: put back the value from before (said on screen) and close",
            ),
            Dl::CloseKeep => lang.t(
                "关闭；已输入的内容随输入即保存，保留",
                "Close; what was typed was saved as typed and stays",
            ),
            Dl::Cancel => lang.t("取消并关闭对话框", "Cancel and close the dialog"),
            Dl::Yes => lang.t("是：确认", "Yes: confirm"),
            Dl::No => lang.t("否：不做，返回", "No: do nothing and go back"),
            Dl::ChoiceNext => lang.t("切换到下一个选项", "Next choice"),
            Dl::ChoicePrev => lang.t("切换到上一个选项", "Previous choice"),
            Dl::Clear => lang.t("清除全部筛选条件", "Clear every filter"),
            Dl::Done => lang.t("完成筛选并关闭面板", "Done: close the panel"),
            Dl::Cursor => lang.t("光标左右移动一个字", "Move the cursor by a character"),
            Dl::Line => lang.t(
                "多行栏里上下移动一行；单行栏里到上一栏/下一栏",
                "A line up or down in a multi-line field; else the field above or below",
            ),
            Dl::LineEnds => lang.t("到行首 / 行尾", "Start / end of the line"),
            Dl::Delete => lang.t("删除光标前 / 光标处的字", "Delete before / at the cursor"),
            Dl::DeleteWord => lang.t("删除光标前的一个词", "Delete the word before the cursor"),
            Dl::DeleteLine => lang.t(
                "删到行首 / 删到行尾",
                "Delete to the start / end of the line",
            ),
            Dl::NewLine => lang.t("在多行栏里换行", "A new line in a multi-line field"),
            Dl::AsEnter => lang.t(
                "同 Enter（有的终端把 Enter 发成 Ctrl+J）",
                "Same as Enter (some terminals send Enter as Ctrl+J)",
            ),
        }
    }
}
