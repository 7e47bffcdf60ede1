//! What a user can do in the score and timeline area, and what each action means.

use crate::i18n::Lang;

/// Everything a user can do in the score and timeline area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sc {
    /// Raise the selected criterion one level (wraps to the lowest from the top with Enter).
    Raise,
    Lower,
    Cycle,
    Snapshot,
    SwitchView,
    SetStart,
    ToggleGreen,
    ToggleParallel,
    MarkFinished,
    SetCertificate,
}

impl Sc {
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Sc::Raise => lang.t("提高档位", "raise"),
            Sc::Lower => lang.t("降低档位", "lower"),
            Sc::Cycle => lang.t("换档", "next level"),
            Sc::Snapshot => lang.t("保存快照", "snapshot"),
            Sc::SwitchView => lang.t("自评/时间线", "score/timeline"),
            Sc::SetStart => lang.t("开始日期", "start"),
            Sc::ToggleGreen => lang.t("加急通道", "green channel"),
            Sc::ToggleParallel => lang.t("并行准备", "parallel"),
            Sc::MarkFinished => lang.t("标记完成", "finished"),
            Sc::SetCertificate => lang.t("取证日期", "certificate"),
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Sc::Raise => lang.t(
                "所选细项提高一档（立即保存）",
                "Raise the selected criterion one level (saved at once)",
            ),
            Sc::Lower => lang.t(
                "所选细项降低一档（立即保存）",
                "Lower the selected criterion one level (saved at once)",
            ),
            Sc::Cycle => lang.t(
                "所选细项换到下一档，最高档后回到最低档",
                "Next level of the selected criterion, wrapping to the lowest",
            ),
            Sc::Snapshot => lang.t(
                "把当前自评存为带日期的快照，用于看分数趋势",
                "Keep the current assessment as a dated snapshot for the trend",
            ),
            Sc::SwitchView => lang.t(
                "在「自评分」与「时间线」之间切换",
                "Switch between the score and the timeline",
            ),
            Sc::SetStart => lang.t(
                "启动日期（YYYY-MM-DD），各阶段从这天起推算",
                "Set the start date (YYYY-MM-DD) the phases are projected from",
            ),
            Sc::ToggleGreen => lang.t(
                "开关加急通道（绿色通道）：总时长压到最快 4 个月",
                "Green channel: the total is capped at the fastest 4 months",
            ),
            Sc::ToggleParallel => lang.t(
                "开关并行准备（同步建保密室、预审）：约省 1 个月",
                "Parallel preparation (secure room during self-assessment, pre-review): ~1 month saved",
            ),
            Sc::MarkFinished => lang.t(
                "所选阶段的实际完成日期，取代推算（留空清除）",
                "Record when the selected phase actually finished (empty clears it)",
            ),
            Sc::SetCertificate => lang.t(
                "取证日期：开始年检与 ISO 20000 倒计时",
                "Record the certificate date to start the countdowns (empty clears it)",
            ),
        }
    }
}
