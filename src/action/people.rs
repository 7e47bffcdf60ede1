//! What a user can do in the staff register (人员台账), and what each action means.

use crate::i18n::Lang;

/// Everything a user can do in the staff register area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pe {
    FilterLevel,
    FilterRole,
    FilterExpiring,
    FilterMissing,
    FilterLeavers,
    ClearFilter,
    Add,
    Edit,
    Remove,
    AddCertificate,
    AddTraining,
    Yes,
    No,
    /// A failing hard threshold on the dashboard becomes a rectification item.
    CheckToRect,
}

impl Pe {
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Pe::FilterLevel => lang.t("等级", "level"),
            Pe::FilterRole => lang.t("角色", "role"),
            Pe::FilterExpiring => lang.t("证书到期", "expiring"),
            Pe::FilterMissing => lang.t("缺材料", "missing"),
            Pe::FilterLeavers => lang.t("含离岗", "leavers"),
            Pe::ClearFilter => lang.t("清除筛选", "clear"),
            Pe::Add => lang.t("添加", "add"),
            Pe::Edit => lang.t("编辑", "edit"),
            Pe::Remove => lang.t("删除", "remove"),
            Pe::AddCertificate => lang.t("加证书", "certificate"),
            Pe::AddTraining => lang.t("加培训", "training"),
            Pe::Yes => lang.t("确定", "yes"),
            Pe::No => lang.t("取消", "no"),
            Pe::CheckToRect => lang.t("转整改", "to rectification"),
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Pe::FilterLevel => lang.t(
                "按涉密等级筛选：全部 → 核心 → 重要 → 一般 → 非涉密 → 未定",
                "Filter by level: all, core, important, general, none, not set",
            ),
            Pe::FilterRole => lang.t("按角色筛选，逐个切换", "Filter by role, one after another"),
            Pe::FilterExpiring => lang.t(
                "只看证书 90 天内到期、已过期或在计划审核日前到期的人",
                "Only people with certificates to renew",
            ),
            Pe::FilterMissing => lang.t(
                "只看缺承诺书、上岗审查、培训学时或护照未交的涉密人员",
                "Only classified staff missing documents",
            ),
            Pe::FilterLeavers => lang.t(
                "也列出脱密期已结束的离岗人员",
                "Also list leavers whose declassification period ended",
            ),
            Pe::ClearFilter => lang.t("清除全部筛选", "Clear every filter"),
            Pe::Add => lang.t("添加人员（边输入边保存）", "Add a person (saved as typed)"),
            Pe::Edit => lang.t(
                "编辑所选人员或记录（边输入边保存）",
                "Edit the selected person or record (saved as typed)",
            ),
            Pe::Remove => lang.t(
                "删除所选人员或记录（先确认）",
                "Remove the selected person or record (asks first)",
            ),
            Pe::AddCertificate => lang.t("给此人添加一张证书", "Add a certificate"),
            Pe::AddTraining => lang.t("给此人添加一次保密培训", "Add a training session"),
            Pe::Yes => lang.t("确定删除", "Remove"),
            Pe::No => lang.t("不删除", "Keep"),
            Pe::CheckToRect => lang.t(
                "把未达标的硬门槛（社保满一年人数）建成整改项（重大，预填差额和依据）",
                "Turn a failing hard threshold (headcount) into a rectification item",
            ),
        }
    }
}
