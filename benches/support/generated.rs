//! A generated content set of 10 000 checklist items in six phase files, shaped like the
//! built-in items (what / acceptance / pitfall / tips …), for benchmarks and speed checks.
//! Shared by `benches/content.rs` and `examples/generate_content.rs`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use zizhi::content::{BUILT_IN, load_built_in};

/// Items in the generated set: 6 phases × 20 sections, 83 or 84 items each.
pub const ITEMS: usize = 10_000;
const PHASES: usize = 6;
const SECTIONS_PER_PHASE: usize = 20;

const PHASE_TITLES: [&str; PHASES] = [
    "资质匹配与自评",
    "材料提交与形式审查",
    "现场审核与整改",
    "终审与取证",
    "全周期优化",
    "拿证后业务衔接",
];

const VERBS: &[&str] = &[
    "核对", "整理", "登记", "检查", "补齐", "复核", "签批", "归档", "演练", "更新", "盘点", "测试",
];

const OBJECTS: &[&str] = &[
    "保密室门禁报警联动记录",
    "运维工单台账",
    "涉密人员名册",
    "巡检记录与时间戳",
    "漏洞修复方案",
    "备份恢复演练记录",
    "外设使用审批单",
    "CISP 证书复印件",
    "近6个月社保缴费明细",
    "保密承诺书",
    "三铁一器验收单",
    "监控录像保存期限（180天）",
    "应急预案与演练记录",
    "营业执照与公司章程",
    "股权穿透结构图",
    "保密室平面图",
    "境外运维工具报备表",
    "系统交接单与满意度评价",
    "国密U盘登记台账",
    "权限分级管控矩阵",
];

const SENTENCES: &[&str] = &[
    "逐份核对原件与扫描件，确认单位名称、日期和编号与申报表一致。",
    "由保密管理员牵头，运维负责人配合，在一周内完成并留存签字页。",
    "所有操作须双人在场，一人操作、一人监督，审计日志全程留痕。",
    "门禁和报警系统联动测试通过，监控录像至少保存180天并可随时调阅。",
    "发现的问题登记进整改台账，写明责任人、整改措施和完成时限。",
    "技术负责人须持有 CISP 或同等证书，证书在有效期内且与社保单位一致。",
    "巡检记录按日生成，带时间戳，缺漏的日期须写明原因并由负责人确认。",
    "外设一律先审批后使用，使用国密U盘并在台账上登记领用和归还。",
    "漏洞修复先在测试环境验证，再按审批的时间窗口实施，并保留回退方案。",
    "备份恢复每季度至少演练一次，记录恢复耗时和数据完整性核验结果。",
    "材料按目录顺序装订，每份加盖公章并编页码，电子版与纸质版一致。",
    "访谈前组织全员模拟问答，重点练习离岗脱密和泄密风险场景。",
];

const TIPS: &[&str] = &[
    "提前一个月准备，留出补正时间。",
    "与属地保密办电话确认最新口径。",
    "把证据编号写进备注，便于现场调阅。",
    "分包项目单独标注，不能算作本单位案例。",
    "复印件注明“仅供资质申请使用”。",
];

/// A JSON string is a valid YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// `key: |` followed by `text`'s lines indented by `indent + 2` spaces.
fn block(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    writeln!(out, "{pad}{key}: |").expect("write to String");
    for line in text.lines() {
        writeln!(out, "{pad}  {line}").expect("write to String");
    }
}

/// Two to four sentences from the pool, wrapped as an author would.
fn paragraph(seed: usize) -> String {
    let count = 2 + seed % 3;
    (0..count)
        .map(|k| SENTENCES[(seed * 7 + k * 5) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join("\n")
}

/// One phase file of the generated set; `ids` supplies item ids in order.
fn phase_yaml(
    phase: usize,
    items_per_section: &[usize],
    ids: &mut impl Iterator<Item = String>,
) -> String {
    let mut out = String::with_capacity(1 << 20);
    let p = phase + 1;
    writeln!(out, "id: gen-phase-{p}").expect("write");
    writeln!(out, "order: {p}").expect("write");
    writeln!(out, "title: {}", quoted(PHASE_TITLES[phase])).expect("write");
    block(&mut out, 0, "summary", &paragraph(phase));
    writeln!(
        out,
        "duration:\n  min_days: 7\n  max_days: 30\n  label: \"1–4 周\""
    )
    .expect("write");
    writeln!(out, "sections:").expect("write");
    for (s, &count) in items_per_section.iter().enumerate() {
        writeln!(out, "  - id: gen-p{p}-s{s:02}").expect("write");
        writeln!(
            out,
            "    title: {}",
            quoted(&format!(
                "{}（第 {} 组）",
                OBJECTS[s % OBJECTS.len()],
                s + 1
            ))
        )
        .expect("write");
        writeln!(out, "    items:").expect("write");
        for i in 0..count {
            let seed = phase * 10_000 + s * 100 + i;
            let id = ids.next().expect("enough ids");
            let title = format!(
                "{}{}",
                VERBS[seed % VERBS.len()],
                OBJECTS[(seed / 3) % OBJECTS.len()]
            );
            writeln!(out, "      - id: {id}").expect("write");
            writeln!(out, "        title: {}", quoted(&title)).expect("write");
            block(&mut out, 8, "what", &paragraph(seed));
            block(&mut out, 8, "acceptance", &paragraph(seed + 1));
            if seed.is_multiple_of(3) {
                block(&mut out, 8, "pitfall", SENTENCES[seed % SENTENCES.len()]);
            }
            if seed.is_multiple_of(2) {
                writeln!(out, "        tips:").expect("write");
                for t in 0..2 {
                    writeln!(out, "          - {}", quoted(TIPS[(seed + t) % TIPS.len()]))
                        .expect("write");
                }
            }
            if seed.is_multiple_of(5) {
                let category = ["secure_room", "team", "cases"][seed % 3];
                writeln!(out, "        score_category: {category}").expect("write");
            }
            if seed.is_multiple_of(11) {
                writeln!(out, "        grade: [甲级]").expect("write");
            }
            if seed.is_multiple_of(7) {
                writeln!(out, "        deadline:\n          working_days: 10\n          from: 补正通知送达之日")
                    .expect("write");
            }
            if seed.is_multiple_of(4) {
                writeln!(out, "        evidence_hint: {}", quoted("文件编号及版本号"))
                    .expect("write");
            }
        }
    }
    out
}

/// The generated set as `(file name, YAML text)`: 10 000 items in six phase files, plus the
/// built-in interview bank, SOPs, templates, calendar and scoring.
pub fn generated_sources() -> Vec<(String, String)> {
    // The built-in templates point at built-in item ids: hand those out first so the
    // references resolve, then generated ids.
    let built_in = load_built_in().expect("built-in content loads");
    let linked: BTreeSet<String> = built_in
        .templates
        .iter()
        .filter_map(|t| t.checklist_item.as_ref().map(|id| id.value.clone()))
        .collect();
    let mut ids = linked
        .into_iter()
        .chain((0..).map(|n| format!("gen-item-{n:05}")));

    let sections = PHASES * SECTIONS_PER_PHASE;
    let base = ITEMS / sections;
    let extra = ITEMS % sections;
    let mut sources = Vec::new();
    for phase in 0..PHASES {
        let counts: Vec<usize> = (0..SECTIONS_PER_PHASE)
            .map(|s| base + usize::from(phase * SECTIONS_PER_PHASE + s < extra))
            .collect();
        let name = format!("phase-{}-generated.yaml", phase + 1);
        sources.push((name, phase_yaml(phase, &counts, &mut ids)));
    }
    for (name, text) in BUILT_IN {
        if !name.starts_with("phase-") {
            sources.push(((*name).to_owned(), (*text).to_owned()));
        }
    }
    sources
}
