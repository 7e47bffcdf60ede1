//! 自评分: the estimated score from the chosen level of each criterion, the grade it allows,
//! and the gap ranked by points gained per unit of work. Pure.

use std::collections::BTreeMap;

use crate::content::{Criterion, ScoreCategoryDef, Scoring};
use crate::i18n::Lang;

/// What a total allows one to apply for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    /// Below 80: 暂不具备申请条件.
    NotYet,
    /// 80 or more: 乙级.
    B,
    /// 90 or more: 甲级.
    A,
}

impl Grade {
    /// The grade a total (0–100) allows. The total is rounded to one decimal first, as shown.
    pub fn of(total: f64) -> Self {
        let shown = round1(total);
        if shown >= 90.0 {
            Grade::A
        } else if shown >= 80.0 {
            Grade::B
        } else {
            Grade::NotYet
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::A => lang.t("甲级", "Grade A"),
            Grade::B => lang.t("乙级", "Grade B"),
            Grade::NotYet => lang.t("暂不具备申请条件", "Not yet eligible"),
        }
    }

    /// A stable key for JSON.
    pub fn key(self) -> &'static str {
        match self {
            Grade::A => "jia",
            Grade::B => "yi",
            Grade::NotYet => "not_yet",
        }
    }
}

/// One category's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore {
    pub id: String,
    pub title: String,
    /// The category's weight: the most it can add to the total.
    pub weight: f64,
    /// What it adds to the total (0…weight).
    pub score: f64,
}

impl CategoryScore {
    /// The share of the weight reached, 0.0…1.0.
    pub fn ratio(&self) -> f64 {
        if self.weight > 0.0 {
            (self.score / self.weight).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The whole estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    /// 0–100, rounded to one decimal.
    pub total: f64,
    pub grade: Grade,
    pub categories: Vec<CategoryScore>,
}

/// One step up the gap list: raising `criterion` to its next level.
#[derive(Debug, Clone, PartialEq)]
pub struct GapStep {
    pub criterion: String,
    pub title: String,
    pub category: String,
    /// The label of the level to reach.
    pub next_label: String,
    /// Points the total gains.
    pub gain: f64,
    pub effort: u8,
}

impl GapStep {
    pub fn gain_per_effort(&self) -> f64 {
        self.gain / f64::from(self.effort.max(1))
    }
}

/// Rounds to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The chosen level of `criterion` (0 when unset or out of range).
pub fn level_of(criterion: &Criterion, levels: &BTreeMap<String, usize>) -> usize {
    let max = criterion.levels.len().saturating_sub(1);
    levels
        .get(&criterion.id.value)
        .copied()
        .unwrap_or(0)
        .min(max)
}

fn value_at(criterion: &Criterion, level: usize) -> f64 {
    criterion
        .levels
        .get(level)
        .map_or(0.0, |l| l.value.clamp(0.0, 1.0))
}

/// What one criterion at `level` adds to the total.
fn contribution(category: &ScoreCategoryDef, criterion: &Criterion, level: usize) -> f64 {
    f64::from(criterion.points) * value_at(criterion, level) / 100.0 * f64::from(category.weight)
}

/// The category's share of the total: Σ points × level value / 100 × weight.
pub fn category_score(category: &ScoreCategoryDef, levels: &BTreeMap<String, usize>) -> f64 {
    category
        .criteria
        .iter()
        .map(|c| contribution(category, c, level_of(c, levels)))
        .sum()
}

/// The estimate for the chosen `levels` (criterion id → level index).
pub fn score(scoring: &Scoring, levels: &BTreeMap<String, usize>) -> ScoreResult {
    let categories: Vec<CategoryScore> = scoring
        .categories
        .iter()
        .map(|cat| CategoryScore {
            id: cat.id.value.clone(),
            title: cat.title.clone(),
            weight: f64::from(cat.weight),
            score: category_score(cat, levels),
        })
        .collect();
    let total = round1(
        categories
            .iter()
            .map(|c| c.score)
            .sum::<f64>()
            .clamp(0.0, 100.0),
    );
    ScoreResult {
        total,
        grade: Grade::of(total),
        categories,
    }
}

/// For every criterion not at its top level, the gain of raising it one level, best value
/// for the work first (gain ÷ effort, then the larger gain, then content order).
pub fn gap(scoring: &Scoring, levels: &BTreeMap<String, usize>) -> Vec<GapStep> {
    let mut steps = Vec::new();
    for cat in &scoring.categories {
        for c in &cat.criteria {
            let now = level_of(c, levels);
            let Some(next) = c.levels.get(now.saturating_add(1)) else {
                continue;
            };
            let gain = contribution(cat, c, now.saturating_add(1)) - contribution(cat, c, now);
            if gain <= 0.0 {
                continue;
            }
            steps.push(GapStep {
                criterion: c.id.value.clone(),
                title: c.title.clone(),
                category: cat.title.clone(),
                next_label: next.label.clone(),
                gain,
                effort: c.effort,
            });
        }
    }
    // A stable sort keeps content order among equals.
    steps.sort_by(|a, b| {
        b.gain_per_effort()
            .total_cmp(&a.gain_per_effort())
            .then(b.gain.total_cmp(&a.gain))
    });
    steps
}

/// The score each saved snapshot had, oldest first (for the trend).
pub fn trend(scoring: &Scoring, snapshots: &[crate::progress::Assessment]) -> Vec<f64> {
    snapshots
        .iter()
        .map(|s| score(scoring, &s.levels).total)
        .collect()
}

#[cfg(test)]
mod tests;
