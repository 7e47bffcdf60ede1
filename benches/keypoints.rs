//! Benchmark of judging a typed answer against a question's key points and traps (negation,
//! `…` pairs, grade variants): it runs on every reveal and must stay under 1 ms per answer.
//! Measured on the built-in bank: one typical answer (the negated answer to q-rules-001),
//! every question's own reference answer, and a long answer
//! (about 3 000 characters of mixed Chinese, full-width and ASCII text) against the question
//! with the most keywords.
//!
//! Run with `cargo bench --bench keypoints`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use zizhi::content::Grade;
use zizhi::content::load_built_in;
use zizhi::domain::keypoints::judge;

fn bench(c: &mut Criterion) {
    let bank = load_built_in().expect("built-in content loads").interview;
    let count = bank.questions.len();
    let rules = bank
        .questions
        .iter()
        .find(|q| q.id.value == "q-rules-001")
        .expect("q-rules-001 is in the bank");
    let typical =
        "我没签过保密承诺书，也不太清楚授权范围，发现问题一般不报告，培训和检查我都没参加过。";
    c.bench_function(
        "one typical answer (q-rules-001, negated, with traps)",
        |b| b.iter(|| black_box(judge(black_box(typical), rules, Grade::B))),
    );
    c.bench_function(
        &format!("all reference answers (per answer = time / {count})"),
        |b| {
            b.iter(|| {
                for q in &bank.questions {
                    black_box(judge(black_box(&q.answer), q, Grade::B));
                }
            })
        },
    );
    let widest = bank
        .questions
        .iter()
        .max_by_key(|q| q.key_points.iter().map(|p| p.keywords.len()).sum::<usize>())
        .expect("the bank has questions");
    let mut long = String::new();
    while long.chars().count() < 3_000 {
        long.push_str(
            "发现ＵＳＢ设备违规接入后，我先断开网络、保护现场，立即报告保密管理员（Tel: 8001），",
        );
        long.push_str("然后按应急预案填写《事件报告单》，配合 audit 日志核查。 ");
    }
    c.bench_function("one 3000-character answer, widest question", |b| {
        b.iter(|| black_box(judge(black_box(&long), widest, Grade::B)))
    });
    eprintln!("({count} questions in the bank)");
}

criterion_group!(benches, bench);
criterion_main!(benches);
