//! Everything a user can do, one variant each; the descriptions feed the help overlay.
//!
//! This module sits below both the key map (which binds keys to these actions) and the
//! screens (which carry them out), so neither imports the other's types upward.

mod dialog;
mod interview;
mod people;
mod score;

pub use dialog::Dl;
pub use interview::Iv;
pub use people::Pe;
pub use score::Sc;

use crate::i18n::Lang;

/// The app's areas, reachable from anywhere with the number keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Area {
    #[default]
    Dashboard,
    Checklists,
    Interview,
    Sop,
    Rectify,
    Score,
    People,
    /// The team view (团队).
    Team,
}

impl Area {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Area::Dashboard => lang.t("总览", "Dashboard"),
            Area::Checklists => lang.t("阶段清单", "Checklists"),
            Area::Interview => lang.t("模拟访谈", "Interview rehearsal"),
            Area::Sop => lang.t("演示预演", "Demo rehearsal"),
            Area::Rectify => lang.t("整改跟踪", "Rectification"),
            Area::Score => lang.t("自评与时间线", "Score and timeline"),
            Area::People => lang.t("人员台账", "Staff register"),
            Area::Team => lang.t("团队", "Team"),
        }
    }
}

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
    /// Ctrl+Z: back to the shell with the terminal restored; `fg` resumes. Carried out by the
    /// runtime, which sees the key before the app does (it works in every dialog and field).
    Suspend,
    /// Draw the whole screen again (after another program wrote over it).
    Redraw,
    Help,
    Search,
    /// Team mode: commit own changes, fetch, merge and push, in the background.
    Sync,
    ToggleDone,
    CycleStatus,
    EditNote,
    EditOwner,
    EditDue,
    EditEvidence,
    ToggleDetail,
    /// The checklist's filter: everything, mine, each owner, each status.
    ChecklistFilter,
    /// The rectification list: only mine (the operator's), or everyone's again.
    RectMine,
    NextPhase,
    PrevPhase,
    ScrollDetailDown,
    ScrollDetailUp,
    GoTo(Area),
    /// Rectification tracking (整改跟踪).
    RectNew,
    RectFromTemplate,
    RectEdit,
    RectAdvance,
    RectReopen,
    RectFilter,
    RectSort,
    RectWindows,
    RectOperator,
    /// In a checklist: turn the selected item into a rectification item.
    RectFromItem,
    NextField,
    PrevField,
    /// Alt+Enter / Ctrl+S in a form: done.
    FormDone,
    RestoreField,
    /// Enter in a form: the next field, done on the last (a new line in a multi-line field).
    FormEnter,
    /// Esc in a form: close, keeping what was typed (asks first about what it would lose).
    FormEsc,
    /// Demo rehearsal: pick the people and start timing the selected SOP.
    StartRun,
    /// Demo rehearsal: switch between an SOP's steps and its run history.
    SwitchTab,
    /// Runner: the current step is done; go to the next (or finish).
    StepDone,
    /// Runner: go back to the previous step.
    StepBack,
    /// Runner: pause or resume the clocks.
    TogglePause,
    /// Runner: flag the current step with a note.
    FlagStep,
    /// Runner: show only the plain-words script, big, for the speaker.
    TogglePresenter,
    /// Runner: stop the run early (asks first).
    AbortRun,
    /// Demo rehearsal: turn the oldest pending finding of the SOP into a rectification item.
    FindingToRect,
    /// Interview rehearsal actions (see [`Iv`]).
    Interview(Iv),
    /// Score and timeline actions (see [`Sc`]).
    Score(Sc),
    /// Staff register actions (see [`Pe`]).
    People(Pe),
    /// Dialog, form and text-field keys (see [`Dl`]).
    Dialog(Dl),
    /// Open the settings dialog (target grade, organisation, marking, training hours,
    /// headcount threshold).
    Settings,
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
            Action::Suspend => lang.t("挂起", "suspend"),
            Action::Redraw => lang.t("重绘", "redraw"),
            Action::Help => lang.t("帮助", "help"),
            Action::Search => lang.t("搜索", "search"),
            Action::Sync => lang.t("同步", "sync"),
            Action::ChecklistFilter => lang.t("筛选", "filter"),
            Action::RectMine => lang.t("我的", "mine"),
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
            Action::RectNew => lang.t("新建", "new"),
            Action::RectFromTemplate => lang.t("模板", "template"),
            Action::RectEdit => lang.t("编辑", "edit"),
            Action::RectAdvance => lang.t("推进", "advance"),
            Action::RectReopen => lang.t("重开", "reopen"),
            Action::RectFilter => lang.t("筛选", "filter"),
            Action::RectSort => lang.t("排序", "sort"),
            Action::RectWindows => lang.t("补正/公示", "windows"),
            Action::RectOperator => lang.t("操作人", "operator"),
            Action::RectFromItem => lang.t("整改", "rectify"),
            Action::NextField => lang.t("下一栏", "next field"),
            Action::PrevField => lang.t("上一栏", "prev field"),
            Action::FormDone => lang.t("完成", "done"),
            // A one-field form's Enter is done: the footer says so (see `app::frame`).
            Action::FormEnter => lang.t("下一栏", "next"),
            Action::FormEsc => lang.t("关闭（保留输入）", "close, keep text"),
            Action::RestoreField => lang.t("恢复本栏", "restore"),
            Action::StartRun => lang.t("开始预演", "start run"),
            Action::SwitchTab => lang.t("步骤/记录", "steps/runs"),
            Action::StepDone => lang.t("完成本步", "step done"),
            Action::StepBack => lang.t("上一步", "back"),
            Action::TogglePause => lang.t("暂停", "pause"),
            Action::FlagStep => lang.t("标记问题", "flag"),
            Action::TogglePresenter => lang.t("讲解视图", "presenter"),
            Action::AbortRun => lang.t("中止", "abort"),
            Action::FindingToRect => lang.t("转整改", "to rectification"),
            Action::Interview(iv) => iv.short(lang),
            Action::Score(sc) => sc.short(lang),
            Action::People(pe) => pe.short(lang),
            Action::Dialog(dl) => dl.short(lang),
            Action::Settings => lang.t("设置", "settings"),
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
            Action::Suspend => lang.t(
                "挂起到后台，回到 shell（进度已保存；fg 回来）",
                "Suspend to the shell (progress is saved; fg resumes)",
            ),
            Action::Redraw => lang.t(
                "重绘整个屏幕（屏幕被其他程序的输出弄乱时）",
                "Redraw the whole screen (after other output garbled it)",
            ),
            Action::Help => lang.t("显示/关闭本帮助", "Show or hide this help"),
            Action::Search => lang.t(
                "搜索清单项，及备注、负责人、证据、整改",
                "Search items, notes, owners, evidence, rectifications",
            ),
            Action::Sync => lang.t(
                "团队同步：提交、拉取、推送（在后台，可继续输入）",
                "Team sync: commit, fetch, push (in the background)",
            ),
            Action::ChecklistFilter => lang.t(
                "筛选：全部 → 我的 → 各负责人 → 各状态",
                "Filter: all, mine, each owner, each status",
            ),
            Action::RectMine => lang.t(
                "只看我负责的 / 看全部",
                "Only mine / everyone's",
            ),
            Action::Settings => lang.t(
                "单位设置：目标等级、单位名称、报告标注、培训学时、社保人数门槛",
                "Settings: target grade, organisation, marking, training hours, headcount threshold",
            ),
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
            Action::GoTo(Area::People) => lang.t("人员与证书台账", "Staff register"),
            Action::GoTo(Area::Team) => lang.t(
                "团队：每人负责的未完成、逾期和 7 天内到期的工作，访谈准备与演练",
                "Team: each person's open, overdue and due-soon work, interview readiness, rehearsals",
            ),
            Action::RectNew => lang.t("新建空白整改项", "Add a blank rectification item"),
            Action::RectFromTemplate => lang.t(
                "从典型问题模板新建（预填原因、措施和期限）",
                "Add from a template (root cause, action and due date filled in)",
            ),
            Action::RectEdit => lang.t("编辑所选整改项的各个字段", "Edit every field of the item"),
            Action::RectAdvance => lang.t(
                "推进状态：待整改→整改中→待验证→已关闭",
                "Advance: open → in progress → to verify → closed (needs verifier and evidence)",
            ),
            Action::RectReopen => lang.t(
                "重新打开待验证或已关闭的整改项（须写明原因）",
                "Reopen an item awaiting verification or closed (with a reason)",
            ),
            Action::RectFilter => lang.t(
                "按状态、来源、负责人、是否逾期筛选",
                "Filter by status, source, owner, overdue",
            ),
            Action::RectSort => lang.t(
                "在 按截止日期 与 按严重程度 排序之间切换",
                "Sort by due date or by severity",
            ),
            Action::RectWindows => lang.t(
                "填写补正通知、公示开始日期（总览显示倒计时）",
                "Set the correction notice and public notice dates",
            ),
            Action::RectOperator => lang.t(
                "更改当前操作人（记入整改变更记录）",
                "Change who is acting (recorded in the history)",
            ),
            Action::RectFromItem => lang.t(
                "把所选清单项转为整改项（预填关联和标题）",
                "Turn the selected item into a rectification item",
            ),
            Action::NextField => lang.t("下一栏", "Next field"),
            Action::PrevField => lang.t("上一栏", "Previous field"),
            Action::FormDone => lang.t(
                "完成（在任一栏都可；必填项和日期先检查）",
                "Done, from any field (required fields and dates checked first)",
            ),
            Action::FormEnter => lang.t(
                "下一栏；最后一栏时完成（多行栏内换行）",
                "Next field; done on the last (a new line in a multi-line field)",
            ),
            Action::FormEsc => lang.t(
                "关闭，已输入的保留；会丢的先问，再按一次放弃",
                "Close; keeps typed text, asks before a loss",
            ),
            Action::RestoreField => lang.t(
                "把当前栏恢复为进入该栏时的内容",
                "Put this field back as it was when you entered it",
            ),
            Action::StartRun => lang.t(
                "开始一次计时预演：先填操作员、讲解人、记录人",
                "Start a timed run: name the operator, speaker and recorder first",
            ),
            Action::SwitchTab => lang.t(
                "在「步骤」与「预演记录」之间切换",
                "Switch between the steps and the run history",
            ),
            Action::StepDone => lang.t(
                "本步完成，进入下一步；最后一步则结束预演",
                "Step done, go to the next; the last one ends the run",
            ),
            Action::StepBack => lang.t(
                "回到上一步重做，用时接着累计",
                "Go back a step to redo it; its time keeps adding up",
            ),
            Action::TogglePause => lang.t(
                "暂停/继续计时（暂停时间不计入）",
                "Pause or resume the clocks (paused time is not counted)",
            ),
            Action::FlagStep => lang.t(
                "标记本步出了问题并写一句说明；标记会进入「待转整改」",
                "Flag this step with a short note; it becomes a pending finding",
            ),
            Action::TogglePresenter => lang.t(
                "讲解视图：只显示本步的白话讲稿，大字居中",
                "Presenter view: only this step's plain-words script, big and centred",
            ),
            Action::AbortRun => lang.t(
                "中止预演（会先确认）；已完成的步骤保留为未完成记录",
                "Abort the run (asks first); the steps done so far are kept as an unfinished run",
            ),
            Action::FindingToRect => lang.t(
                "把本流程最早的一条待转整改标记建成整改项（预填来源、关联和说明）",
                "Turn this SOP's oldest pending finding into a rectification item",
            ),
            Action::Interview(iv) => iv.describe(lang),
            Action::Score(sc) => sc.describe(lang),
            Action::People(pe) => pe.describe(lang),
            Action::Dialog(dl) => dl.describe(lang),
        }
    }
}
