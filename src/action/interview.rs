//! What a user can do in the interview rehearsal area, and what each action means.

use crate::i18n::Lang;

/// Everything a user can do in the interview area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iv {
    Practice,
    MockAudit,
    CramTopic,
    CramWrong,
    Stats,
    AddPerson,
    RenamePerson,
    EditRoles,
    RemovePerson,
    Toggle,
    Confirm,
    Cancel,
    Type,
    Aloud,
    Skip,
    Reveal,
    StopTyping,
    Grade(u8),
    /// 1–4 on a question not yet revealed: reveal and judge it, with this grade chosen but not
    /// recorded until confirmed on the reveal.
    RevealFirst(u8),
    /// On the reveal: overrule (or restore) the trap flag of the answer.
    OverrideFlag,
    Yes,
    No,
    RemoveWithHistory,
    End,
    TargetGrade,
}

impl Iv {
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Iv::Practice => lang.t("练习", "practice"),
            Iv::MockAudit => lang.t("模拟审核", "mock audit"),
            Iv::CramTopic => lang.t("突击话题", "cram topic"),
            Iv::CramWrong => lang.t("错题", "wrong ones"),
            Iv::Stats => lang.t("统计", "stats"),
            Iv::AddPerson => lang.t("添加", "add"),
            Iv::RenamePerson => lang.t("改名", "rename"),
            Iv::EditRoles => lang.t("角色", "roles"),
            Iv::RemovePerson => lang.t("移除", "remove"),
            Iv::Toggle => lang.t("勾选", "toggle"),
            Iv::Confirm => lang.t("确定", "ok"),
            Iv::Cancel => lang.t("取消", "cancel"),
            Iv::Type => lang.t("打字作答", "type"),
            Iv::Aloud => lang.t("口头已答", "said aloud"),
            Iv::Skip => lang.t("跳过", "skip"),
            Iv::Reveal => lang.t("答完", "done"),
            Iv::StopTyping => lang.t("不打字", "stop typing"),
            Iv::Grade(1) => lang.t("没答上", "again"),
            Iv::Grade(2) => lang.t("勉强", "hard"),
            Iv::Grade(3) => lang.t("答上了", "good"),
            Iv::Grade(_) => lang.t("很熟", "easy"),
            Iv::RevealFirst(_) => lang.t("揭晓", "reveal"),
            Iv::OverrideFlag => lang.t("改判陷阱", "overrule trap"),
            Iv::Yes => lang.t("是", "yes"),
            Iv::No => lang.t("否", "no"),
            Iv::RemoveWithHistory => lang.t("连记录删除", "delete all"),
            Iv::End => lang.t("结束", "end"),
            Iv::TargetGrade => lang.t("目标等级", "target grade"),
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Iv::Practice => lang.t(
                "练习：先复习到期的题，再练适合其角色的新题",
                "Practice: due questions first, then new ones for the role",
            ),
            Iv::MockAudit => lang.t(
                "模拟审核：随机抽 3–5 人，每人 2–4 题并追问，最后出报告",
                "Mock audit: 3–5 people at random, 2–4 questions each, follow-ups, report",
            ),
            Iv::CramTopic => lang.t("突击：只练一个话题", "Cram one topic"),
            Iv::CramWrong => lang.t(
                "突击：只练上次答错（没答上/勉强）的题",
                "Cram the questions last graded again or hard",
            ),
            Iv::Stats => lang.t(
                "统计：每人、每个话题的正确率、要点覆盖、用时、到期",
                "Stats per person and topic",
            ),
            Iv::AddPerson => lang.t("添加受访人员（姓名和角色）", "Add a person"),
            Iv::RenamePerson => lang.t(
                "修改所选人员的姓名（答题记录跟着走）",
                "Rename (history follows)",
            ),
            Iv::EditRoles => lang.t("修改所选人员的角色", "Change the person's roles"),
            Iv::RemovePerson => lang.t(
                "移除所选人员（先确认；可保留答题记录）",
                "Remove (asks first; history can be kept)",
            ),
            Iv::Toggle => lang.t(
                "勾选/取消：角色，或揭晓后改判要点",
                "Toggle a role, or a key point after the reveal",
            ),
            Iv::Confirm => lang.t(
                "确定 / 开始；揭晓页上：按预选的分记分",
                "Confirm or start; on a reveal: record the preselected grade",
            ),
            Iv::Cancel => lang.t("取消，回到上一层", "Cancel, go back"),
            Iv::Type => lang.t("回到输入框打字作答", "Type the answer"),
            Iv::Aloud => lang.t(
                "已口头回答，不打字，直接揭晓（可手动勾要点）",
                "Answered aloud: reveal without typing",
            ),
            Iv::Skip => lang.t(
                "跳过这道题（不计分，草稿保留）",
                "Skip this question (draft kept)",
            ),
            Iv::Reveal => lang.t(
                "答完：揭晓参考答案和要点；追问则交审核员判断（也可 Alt+Enter）",
                "Done: reveal the reference answer, or let the inspector judge a follow-up",
            ),
            Iv::StopTyping => lang.t("离开输入框（口头作答、跳过、结束）", "Leave the answer box"),
            Iv::Grade(1) => lang.t("自评：没答上（很快再问）", "Grade: again"),
            Iv::Grade(2) => lang.t("自评：勉强答上", "Grade: hard"),
            Iv::Grade(3) => lang.t("自评：答上了", "Grade: good"),
            Iv::Grade(_) => lang.t("自评：很熟，下次隔久一点", "Grade: easy"),
            Iv::RevealFirst(1) => lang.t(
                "还没揭晓：先揭晓要点和判定，预选「没答上」；看完按 Enter 或 1–4 才记分",
                "Not revealed yet: reveal and judge first, again preselected; Enter or 1–4 records",
            ),
            Iv::RevealFirst(2) => lang.t(
                "还没揭晓：先揭晓，预选「勉强」（Enter 或 1–4 记分）",
                "Not revealed yet: reveal first, hard preselected (Enter or 1–4 records)",
            ),
            Iv::RevealFirst(3) => lang.t(
                "还没揭晓：先揭晓，预选「答上了」（Enter 或 1–4 记分）",
                "Not revealed yet: reveal first, good preselected (Enter or 1–4 records)",
            ),
            Iv::RevealFirst(_) => lang.t(
                "还没揭晓：先揭晓，预选「很熟」（Enter 或 1–4 记分）",
                "Not revealed yet: reveal first, easy preselected (Enter or 1–4 records)",
            ),
            Iv::OverrideFlag => lang.t(
                "改判陷阱：主持人认定这份回答没有落入陷阱（记入记录，准备度按自评算）；再按撤销",
                "Overrule the trap flag (recorded; readiness then follows the grade); again to undo",
            ),
            Iv::Yes => lang.t(
                "是（追问：答上了；移除：保留答题记录）",
                "Yes (answered / keep history)",
            ),
            Iv::No => lang.t("否（追问：没答上）", "No (not answered)"),
            Iv::RemoveWithHistory => lang.t(
                "移除并删除其全部答题记录（不可恢复）",
                "Remove and delete all their history",
            ),
            Iv::End => lang.t(
                "结束本轮（已答的题已保存），看报告",
                "End the session and see the report",
            ),
            Iv::TargetGrade => lang.t(
                "切换目标等级（乙级 ↔ 甲级）：甲乙级答法不同的要点（如录像保存期）按它判定",
                "Switch the target grade (乙级 ↔ 甲级) the grade-aware key points are judged for",
            ),
        }
    }
}
