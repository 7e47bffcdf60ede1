use std::collections::BTreeMap;

use super::*;
use crate::content::{Id, Level};

fn criterion(id: &str, points: u32, effort: u8, values: &[f64]) -> Criterion {
    Criterion {
        basis: Default::default(),
        id: Id::new(id),
        title: id.to_owned(),
        how: String::new(),
        points,
        effort,
        levels: values
            .iter()
            .map(|v| Level {
                label: format!("{v}"),
                value: *v,
            })
            .collect(),
    }
}

fn category(id: &str, weight: u32, criteria: Vec<Criterion>) -> ScoreCategoryDef {
    ScoreCategoryDef {
        id: Id::new(id),
        title: id.to_owned(),
        weight,
        criteria,
    }
}

/// Three categories of one 100-point criterion each, weights 30/40/30, levels 0…1 in tenths.
fn simple() -> Scoring {
    let tenths: Vec<f64> = (0..=10).map(|i| f64::from(i) / 10.0).collect();
    Scoring {
        basis: Default::default(),
        note: String::new(),
        categories: vec![
            category("room", 30, vec![criterion("r", 100, 3, &tenths)]),
            category("team", 40, vec![criterion("t", 100, 1, &tenths)]),
            category("cases", 30, vec![criterion("c", 100, 2, &tenths)]),
        ],
    }
}

fn levels(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn nothing_chosen_scores_zero_and_is_not_yet_eligible() {
    let result = score(&simple(), &BTreeMap::new());
    assert_eq!(result.total, 0.0);
    assert_eq!(result.grade, Grade::NotYet);
}

#[test]
fn every_top_level_scores_one_hundred_and_grade_a() {
    let result = score(&simple(), &levels(&[("r", 10), ("t", 10), ("c", 10)]));
    assert_eq!(result.total, 100.0);
    assert_eq!(result.grade, Grade::A);
}

#[test]
fn categories_count_by_their_weight() {
    // Team at the top, the rest at zero: 40 % of the total.
    let result = score(&simple(), &levels(&[("t", 10)]));
    assert_eq!(result.total, 40.0);
    assert_eq!(result.categories[1].score, 40.0);
    assert_eq!(result.categories[1].ratio(), 1.0);
    // Room at half: 15.
    let result = score(&simple(), &levels(&[("r", 5)]));
    assert_eq!(result.total, 15.0);
}

#[test]
fn points_within_a_category_are_shares_of_one_hundred() {
    let scoring = Scoring {
        basis: Default::default(),
        note: String::new(),
        categories: vec![category(
            "room",
            30,
            vec![
                criterion("a", 70, 1, &[0.0, 1.0]),
                criterion("b", 30, 1, &[0.0, 0.5, 1.0]),
            ],
        )],
    };
    let result = score(&scoring, &levels(&[("a", 1), ("b", 1)]));
    // (70 × 1 + 30 × 0.5) / 100 × 30 = 25.5
    assert_eq!(result.total, 25.5);
}

#[test]
fn grade_thresholds_are_eighty_and_ninety() {
    assert_eq!(Grade::of(79.9), Grade::NotYet);
    assert_eq!(Grade::of(80.0), Grade::B);
    assert_eq!(Grade::of(89.9), Grade::B);
    assert_eq!(Grade::of(90.0), Grade::A);
    assert_eq!(Grade::of(100.0), Grade::A);
}

#[test]
fn a_total_that_shows_as_eighty_allows_grade_b() {
    // 79.96 is shown as 80.0; the grade follows what the user sees.
    assert_eq!(Grade::of(79.96), Grade::B);
    assert_eq!(Grade::of(79.94), Grade::NotYet);
}

#[test]
fn totals_at_the_thresholds_come_out_of_the_weights() {
    let tenths: Vec<f64> = (0..=1000).map(|i| f64::from(i) / 1000.0).collect();
    let scoring = Scoring {
        basis: Default::default(),
        note: String::new(),
        categories: vec![category("all", 100, vec![criterion("x", 100, 1, &tenths)])],
    };
    for (level, grade) in [
        (799, Grade::NotYet),
        (800, Grade::B),
        (899, Grade::B),
        (900, Grade::A),
    ] {
        let result = score(&scoring, &levels(&[("x", level)]));
        assert_eq!(result.grade, grade, "level {level} → {}", result.total);
    }
}

#[test]
fn an_out_of_range_level_counts_as_the_top_one() {
    let result = score(&simple(), &levels(&[("t", 99)]));
    assert_eq!(result.total, 40.0);
}

#[test]
fn the_gap_puts_the_most_points_per_unit_of_work_first() {
    let gap = gap(&simple(), &BTreeMap::new());
    // Next level of each: +3 (effort 3), +4 (effort 1), +3 (effort 2).
    let order: Vec<&str> = gap.iter().map(|s| s.criterion.as_str()).collect();
    assert_eq!(order, ["t", "c", "r"]);
    assert!((gap[0].gain - 4.0).abs() < 1e-9);
}

#[test]
fn criteria_at_their_top_level_leave_the_gap() {
    let gap = gap(&simple(), &levels(&[("t", 10)]));
    assert!(gap.iter().all(|s| s.criterion != "t"));
    assert_eq!(gap.len(), 2);
}

#[test]
fn the_built_in_criteria_add_up_to_one_hundred_at_the_top() {
    let content = crate::content::load_built_in().expect("built-in content loads");
    let top: BTreeMap<String, usize> = content
        .scoring
        .categories
        .iter()
        .flat_map(|c| &c.criteria)
        .map(|c| (c.id.value.clone(), c.levels.len() - 1))
        .collect();
    let result = score(&content.scoring, &top);
    assert_eq!(result.total, 100.0);
    assert_eq!(result.grade, Grade::A);
    assert!(gap(&content.scoring, &top).is_empty());
}
