//! Every term of the source guide (`process-guide.zh.txt`: its headings, table labels and
//! named things) finds a checklist item through `/`, in the item's text or its keywords.

use super::SearchIndex;
use crate::content::load_built_in;

/// The guide's terms, in its order. Taken from its stage headings, the material table, the
/// audit table, the nonconformities and the optimisation and after-certificate lists.
const SOURCE_TERMS: &[&str] = &[
    "资质匹配",
    "自评",
    "运行维护类",
    "系统咨询类",
    "风险评估类",
    "涉密数据恢复",
    "漏洞修复",
    "评分标准",
    "保密室建设",
    "独立运维监控室",
    "三铁一器",
    "技术团队能力",
    "保密管理员",
    "CISP",
    "ITIL",
    "项目案例",
    "密级",
    "乙级",
    "甲级",
    "材料提交",
    "形式审查",
    "核心材料清单",
    "基础材料",
    "营业执照",
    "公司章程",
    "法人无犯罪记录证明",
    "外资背景",
    "股权穿透说明",
    "保密管理材料",
    "保密室验收证明",
    "平面图",
    "运维监控日志模板",
    "保密管理制度",
    "应急预案",
    "双人操作",
    "审计留痕",
    "技术能力材料",
    "运维团队证书",
    "等保测评师",
    "运维工具清单",
    "国产化率证明",
    "涉密项目合同",
    "境外运维工具",
    "SolarWinds",
    "报备",
    "人员材料",
    "社保记录",
    "保密培训证书",
    "技术负责人项目经历",
    "运维专项课程",
    "通用保密培训",
    "材料真实性",
    "甲方保密办盖章",
    "系统交接单",
    "服务满意度评价",
    "逻辑一致性",
    "营业执照注册地",
    "整改窗口期",
    "补正",
    "视为放弃申请",
    "现场审核",
    "保密室检查",
    "门禁系统联动",
    "录像存储周期",
    "报警装置响应速度",
    "防雷检测报告",
    "技术能力演示",
    "数据备份恢复",
    "权限分级管控",
    "标准化操作SOP",
    "人员访谈",
    "离岗脱密",
    "应急事件处置流程",
    "模拟问答培训",
    "泄密风险场景",
    "文档追溯",
    "运维工单",
    "设备巡检记录",
    "时间戳",
    "近半年档案",
    "个人U盘",
    "国密加密U盘",
    "外设使用审批条款",
    "APT攻击",
    "沙箱隔离检测",
    "应急演练脚本",
    "终审",
    "省级保密局",
    "国家保密局备案",
    "专家复审",
    "党政核心系统",
    "公示",
    "制证",
    "电子资质证书",
    "全周期优化",
    "并行准备",
    "第三方咨询机构",
    "模板化文档",
    "运维管理制度范本",
    "加急通道",
    "军民融合",
    "绿色通道",
    "成本控制",
    "人员复用",
    "兼岗运维",
    "设备利旧",
    "电磁屏蔽膜",
    "政策补贴",
    "科技型中小企业",
    "资质认证费",
    "拿证后业务衔接",
    "首年监督",
    "年检",
    "项目执行合规性",
    "市场拓展",
    "网、央企供应商库",
    "地方平台",
    "能力升级",
    "ISO 20000",
    "投标竞争力",
    "持续性服务能力",
    "真实运维案例",
    "标准化服务流程",
    "重复整改",
];

#[test]
fn every_term_of_the_source_guide_finds_an_item() {
    let content = load_built_in().expect("built-in content loads");
    let index = SearchIndex::build(&content);
    let missing: Vec<&str> = SOURCE_TERMS
        .iter()
        .copied()
        .filter(|term| index.search(&content, term).is_empty())
        .collect();
    assert!(missing.is_empty(), "no item found for: {missing:?}");
}

#[test]
fn the_guide_term_for_staff_reuse_finds_the_double_duty_item() {
    let content = load_built_in().expect("built-in content loads");
    let index = SearchIndex::build(&content);
    let found = index.search(&content, "人员复用");
    let first = found.first().and_then(|&i| index.item(&content, i));
    assert_eq!(first.map(|r| &*r.item.id), Some("op-cost-staff-reuse"));
}
