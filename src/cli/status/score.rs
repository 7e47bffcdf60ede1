//! The `score` and `timeline` keys of `zizhi status --json`, and their lines in the text.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::Content;
use crate::domain::score;
use crate::domain::timeline::{self, PhaseState};
use crate::i18n::Lang;
use crate::progress::Progress;

#[derive(Debug, Serialize)]
pub struct ScoreJson {
    /// 0–100, one decimal.
    pub total: f64,
    /// "jia" (≥ 90), "yi" (≥ 80) or "not_yet".
    pub grade: &'static str,
    /// 甲级 / 乙级 / 暂不具备申请条件.
    pub grade_label: &'static str,
    /// Each category: what it adds to the total, out of its weight.
    pub by_category: Vec<CategoryJson>,
    /// Saved snapshots.
    pub snapshots: usize,
}

#[derive(Debug, Serialize)]
pub struct CategoryJson {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub score: f64,
}

#[derive(Debug, Serialize)]
pub struct TimelineJson {
    /// The start date, or today when none is set (then `start_set` is false).
    pub start: NaiveDate,
    pub start_set: bool,
    pub green_channel: bool,
    pub parallel_preparation: bool,
    /// Earliest and latest projected certificate date (equal once recorded).
    pub projected_certificate: RangeJson,
    pub certificate: Option<NaiveDate>,
    pub phases: Vec<PhaseJson>,
    /// Once the certificate date is recorded: the first annual inspection (12 months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspection: Option<NaiveDate>,
    /// Once the certificate date is recorded: the ISO 20000 target (6 months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso20000: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct RangeJson {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

#[derive(Debug, Serialize)]
pub struct PhaseJson {
    pub id: String,
    pub title: String,
    pub start: RangeJson,
    pub end: RangeJson,
    /// "finished", "current" or "upcoming".
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished: Option<NaiveDate>,
}

fn range(r: &timeline::Range) -> RangeJson {
    RangeJson {
        earliest: r.earliest,
        latest: r.latest,
    }
}

pub fn score_json(content: &Content, progress: &Progress) -> ScoreJson {
    let result = score::score(&content.scoring, &progress.score_levels);
    ScoreJson {
        total: result.total,
        grade: result.grade.key(),
        grade_label: result.grade.label(Lang::Zh),
        by_category: result
            .categories
            .into_iter()
            .map(|c| CategoryJson {
                id: c.id,
                title: c.title,
                weight: c.weight,
                score: score::round1(c.score),
            })
            .collect(),
        snapshots: progress.assessments.len(),
    }
}

pub fn timeline_json(content: &Content, progress: &Progress, today: NaiveDate) -> TimelineJson {
    let t = &progress.timeline;
    let plan = timeline::plan(&content.phases, t, today);
    TimelineJson {
        start: plan.start,
        start_set: t.start.is_some(),
        green_channel: t.green_channel,
        parallel_preparation: t.parallel_preparation,
        projected_certificate: range(&plan.certificate),
        certificate: t.certificate,
        phases: plan
            .phases
            .iter()
            .map(|p| PhaseJson {
                id: p.id.clone(),
                title: p.title.clone(),
                start: range(&p.start),
                end: range(&p.end),
                state: match p.state {
                    PhaseState::Finished => "finished",
                    PhaseState::Current => "current",
                    PhaseState::Upcoming => "upcoming",
                },
                finished: p.finished,
            })
            .collect(),
        inspection: plan.inspection.map(|c| c.date),
        iso20000: plan.iso20000.map(|c| c.date),
    }
}

/// Two lines for the text status.
pub fn write_text(
    out: &mut dyn Write,
    content: &Content,
    progress: &Progress,
    today: NaiveDate,
    lang: Lang,
) -> io::Result<()> {
    let s = score_json(content, progress);
    let label = lang.t("自评分（估算）：", "Self-assessment (estimate): ");
    if progress.score_levels.is_empty() {
        // Nothing rated yet: no score, as in the app and the reports.
        writeln!(out, "{label}{}", lang.t("尚未自评", "not rated yet"))?;
    } else {
        let parts: Vec<String> = s
            .by_category
            .iter()
            .map(|c| format!("{} {:.1}/{}", c.title, c.score, c.weight))
            .collect();
        let grade = match lang {
            Lang::Zh => format!("{}（按指南口径）", s.grade_label),
            Lang::En => {
                let verdict = match s.grade {
                    "jia" => "grade A (甲级)",
                    "yi" => "grade B (乙级)",
                    _ => "not yet eligible",
                };
                format!("{verdict} by the source guide's rule")
            }
        };
        let (open, sep, close) = match lang {
            Lang::Zh => ("（", "，", "）"),
            Lang::En => (" (", ", ", ")"),
        };
        writeln!(
            out,
            "{label}{:.1}{}{grade}{open}{}{close}",
            s.total,
            lang.t("，", ", "),
            parts.join(sep)
        )?;
    }
    let t = timeline_json(content, progress, today);
    let cert = &t.projected_certificate;
    if let Some(day) = t.certificate {
        writeln!(out, "{}{day}", lang.t("已取证：", "Certified: "))
    } else if cert.earliest == cert.latest {
        writeln!(
            out,
            "{}{}",
            lang.t("预计取证：", "Expected certificate: "),
            cert.earliest
        )
    } else {
        writeln!(
            out,
            "{}{}{}{}",
            lang.t("预计取证：", "Expected certificate: "),
            cert.earliest,
            lang.t(" ～ ", " to "),
            cert.latest
        )
    }
}
