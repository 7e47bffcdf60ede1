//! Everything a user can do, one variant each; the descriptions feed the help overlay.

use super::Area;
use crate::i18n::Lang;
use crate::keymap::interview::Iv;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    Back,
    Quit,
    Help,
    Search,
    ToggleDone,
    CycleStatus,
    EditNote,
    EditOwner,
    EditDue,
    EditEvidence,
    ToggleDetail,
    NextPhase,
    PrevPhase,
    ScrollDetailDown,
    ScrollDetailUp,
    GoTo(Area),
    /// Interview rehearsal actions (see `keymap::interview`).
    Interview(Iv),
}

impl Action {
    /// A word or two for the footer.
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Action::Up => lang.t("上移", "up"),
            Action::Down => lang.t("下移", "down"),
            Action::PageUp => lang.t("上一页", "page up"),
            Action::PageDown => lang.t("下一页", "page down"),
            Action::First => lang.t("第一项", "first"),
            Action::Last => lang.t("最后一项", "last"),
            Action::Open => lang.t("打开", "open"),
            Action::Back => lang.t("返回", "back"),
            Action::Quit => lang.t("退出", "quit"),
            Action::Help => lang.t("帮助", "help"),
            Action::Search => lang.t("搜索", "search"),
            Action::ToggleDone => lang.t("完成", "done"),
            Action::CycleStatus => lang.t("状态", "status"),
            Action::EditNote => lang.t("备注", "note"),
            Action::EditOwner => lang.t("负责人", "owner"),
            Action::EditDue => lang.t("截止", "due"),
            Action::EditEvidence => lang.t("证据", "evidence"),
            Action::ToggleDetail => lang.t("详情", "detail"),
            Action::NextPhase => lang.t("下一阶段", "next phase"),
            Action::PrevPhase => lang.t("上一阶段", "prev phase"),
            Action::ScrollDetailDown => lang.t("详情下滚", "detail down"),
            Action::ScrollDetailUp => lang.t("详情上滚", "detail up"),
            Action::GoTo(area) => area.title(lang),
            Action::Interview(iv) => iv.short(lang),
        }
    }

    /// A sentence for the help overlay.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Action::Up => lang.t("上移一行", "Move up one row"),
            Action::Down => lang.t("下移一行", "Move down one row"),
            Action::PageUp => lang.t("上翻一页", "Move up one page"),
            Action::PageDown => lang.t("下翻一页", "Move down one page"),
            Action::First => lang.t("跳到第一项", "Jump to the first row"),
            Action::Last => lang.t("跳到最后一项", "Jump to the last row"),
            Action::Open => lang.t("打开所选项", "Open the selected row"),
            Action::Back => lang.t("返回上一屏", "Go back to the previous screen"),
            Action::Quit => lang.t("退出（进度已自动保存）", "Quit (progress is already saved)"),
            Action::Help => lang.t("显示/关闭本帮助", "Show or hide this help"),
            Action::Search => lang.t("搜索全部清单项", "Search every checklist item"),
            Action::ToggleDone => lang.t(
                "在 待办 与 已完成 之间切换",
                "Toggle between to do and done",
            ),
            Action::CycleStatus => lang.t(
                "循环切换状态：待办→进行中→已完成→不适用",
                "Cycle status: to do → in progress → done → n/a",
            ),
            Action::EditNote => lang.t("编辑备注（多行，支持中文）", "Edit the note (multi-line)"),
            Action::EditOwner => lang.t("填写负责人", "Set the owner"),
            Action::EditDue => lang.t("填写截止日期 YYYY-MM-DD", "Set the due date YYYY-MM-DD"),
            Action::EditEvidence => lang.t("填写证据编号或路径", "Set the evidence reference"),
            Action::ToggleDetail => lang.t("放大/还原详情", "Zoom the detail pane in or out"),
            Action::NextPhase => lang.t("下一个阶段", "Next phase"),
            Action::PrevPhase => lang.t("上一个阶段", "Previous phase"),
            Action::ScrollDetailDown => lang.t("详情向下滚动", "Scroll the detail down"),
            Action::ScrollDetailUp => lang.t("详情向上滚动", "Scroll the detail up"),
            Action::GoTo(Area::Dashboard) => lang.t("回到总览", "Go to the dashboard"),
            Action::GoTo(Area::Checklists) => lang.t("打开阶段清单", "Open the checklists"),
            Action::GoTo(Area::Interview) => lang.t("模拟访谈", "Interview rehearsal"),
            Action::GoTo(Area::Sop) => lang.t("演示预演", "Demo SOP rehearsal"),
            Action::GoTo(Area::Rectify) => lang.t("整改跟踪", "Rectification tracking"),
            Action::GoTo(Area::Score) => lang.t("自评分与时间线", "Self-score and timeline"),
            Action::Interview(iv) => iv.describe(lang),
        }
    }
}
