//! What the two answer-corpus tests (`judge_answers.rs`, `judge_heldout.rs`) share: the
//! corpus's form (`tests/judge/*.yaml`), the built-in question bank, and a judgement as a line.

#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use zizhi::content::{Content, Grade, Question, load_dir};
use zizhi::domain::keypoints::Judgement;

/// One answer of a corpus: to question `q`, of a `kind`, judged at `grade` (B when absent).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub q: String,
    pub kind: Kind,
    pub answer: String,
    #[serde(default)]
    pub grade: Option<Grade>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Good,
    Poor,
    Trap,
}

/// The built-in content (`checklists/`), loaded once.
pub fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists"))
            .unwrap_or_else(|p| panic!("the question bank loads: {p}"))
    })
}

/// The answers of `tests/judge/<file>`.
pub fn answers(file: &str) -> Vec<Answer> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/judge")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{} parses: {e}", path.display()))
}

/// The question `id` of the bank; a corpus naming an unknown one fails.
pub fn question<'a>(content: &'a Content, id: &str) -> &'a Question {
    content
        .interview
        .questions
        .iter()
        .find(|q| q.id.value == id)
        .unwrap_or_else(|| panic!("the corpus names unknown question {id}"))
}

/// `covered/total [✓hit ¬negated ✗missed …] flags [...]`.
pub fn describe(j: &Judgement) -> String {
    let points: Vec<String> = j
        .points
        .iter()
        .map(|p| {
            let mark = match (p.hit, p.negated) {
                (true, _) => "✓",
                (false, true) => "¬",
                (false, false) => "✗",
            };
            format!("{mark}{}", p.point)
        })
        .collect();
    let flags: Vec<&str> = j.flags.iter().map(|f| f.reason.as_str()).collect();
    format!(
        "{}/{} [{}] flags {flags:?}",
        j.covered(),
        j.total(),
        points.join(" ")
    )
}
