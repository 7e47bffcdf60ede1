//! `zizhi interview judge`: one answer judged against one question, as JSON or as a table a
//! trainer reads to check a question's key points against answers collected from staff.

use std::io::{self, Write};

use serde::Serialize;

use crate::content::{Grade, Question};
use crate::domain::keypoints::Judgement;
use crate::i18n::Lang;

#[derive(Serialize)]
struct JsonJudgement<'a> {
    question: &'a str,
    covered: usize,
    total: usize,
    points: Vec<JsonPoint<'a>>,
    flags: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    point: &'a str,
    hit: bool,
    matched: Vec<String>,
    negated: bool,
}

/// Text quoted from the answer, without control characters.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// Writes the judgement as one JSON object (stable keys) and a newline.
pub fn write_json(out: &mut impl Write, question: &Question, j: &Judgement) -> io::Result<()> {
    let doc = JsonJudgement {
        question: &question.id,
        covered: j.covered(),
        total: j.total(),
        points: j
            .points
            .iter()
            .map(|p| JsonPoint {
                point: &p.point,
                hit: p.hit,
                matched: p.matched.iter().map(|m| clean(m)).collect(),
                negated: p.negated,
            })
            .collect(),
        flags: j.flags.iter().map(|f| f.reason.as_str()).collect(),
    };
    serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes the judgement as a readable table: one line per key point, then the traps.
pub fn write_table(
    out: &mut impl Write,
    question: &Question,
    grade: Grade,
    j: &Judgement,
    lang: Lang,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  {} {}/{}（{}{}）",
        question.id,
        lang.t("覆盖", "covered"),
        j.covered(),
        j.total(),
        lang.t("按", "for "),
        grade.label()
    )?;
    for p in &j.points {
        let (mark, why) = if p.hit {
            let words: Vec<String> = p
                .matched
                .iter()
                .map(|m| format!("「{}」", clean(m)))
                .collect();
            ("✓", words.join(" "))
        } else if p.negated {
            (
                "✗",
                lang.t("提到了，但被否定或说反了", "mentioned, but negated")
                    .to_owned(),
            )
        } else {
            ("✗", lang.t("没答到", "missing").to_owned())
        };
        writeln!(out, "  {mark} {}  {why}", p.point)?;
    }
    for f in &j.flags {
        let words: Vec<String> = f
            .matched
            .iter()
            .map(|m| format!("「{}」", clean(m)))
            .collect();
        writeln!(
            out,
            "  ⚠ {}{}  {}",
            lang.t("别这样答：", "trap: "),
            f.reason,
            words.join(" ")
        )?;
    }
    if j.flagged() {
        writeln!(
            out,
            "{}",
            lang.t(
                "这份回答落入了「别这样答」，不算答好。",
                "This answer falls into a trap and does not count as a good answer."
            )
        )?;
    }
    Ok(())
}
