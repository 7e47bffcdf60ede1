//! Bad input, fuzzed with proptest in the normal test run: the content loader, the progress
//! decoder and store, the working-day calendar, and every text field the user can type into.
//! Nothing may panic; every error must say where and what.
//!
//! The runs are deterministic (a fixed seed) and bounded so the suite stays fast; for a longer
//! hunt: `ZIZHI_FUZZ_CASES=5000 ZIZHI_FUZZ_SEED=42 cargo test --release --test fuzz`.

#![cfg(test)]

#[path = "fuzz/input.rs"]
mod input;
#[path = "fuzz/monkey.rs"]
mod monkey;

use std::fs;
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};
use zizhi::content::{
    BUILT_IN, Content, ContentSource, Problem, load_built_in, load_dir, load_sources,
};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::progress::{DecodeError, Progress, Status, Store, StoreError, decode, encode};

/// proptest settings: `cases` unless `ZIZHI_FUZZ_CASES` says otherwise, a fixed seed unless
/// `ZIZHI_FUZZ_SEED` gives another, and no regression files written into the source tree.
pub fn config(cases: u32) -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    Config {
        cases: env("ZIZHI_FUZZ_CASES")
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(cases),
        rng_seed: RngSeed::Fixed(env("ZIZHI_FUZZ_SEED").unwrap_or(0x2026_1125)),
        failure_persistence: None,
        ..Config::default()
    }
}

pub fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| load_built_in().expect("built-in content loads"))
}

// ── mutations ────────────────────────────────────────────────────────────────

/// Pieces that matter to YAML and JSON parsers, and text that troubles naive code.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "\t",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!!binary ",
    "#",
    "|",
    "|-\n",
    ">",
    "\n",
    "  ",
    "    ",
    "~",
    "null",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "? ",
    "<<: *a\n",
    "&a [*a, *a]",
    "id: ",
    "id: x\n",
    "id: ''\n",
    "9999999999999999999999",
    "-1",
    "1e400",
    "0x1F",
    "true",
    "2026-02-30",
    "2026-13-01",
    "涉密",
    "é",
    "\u{301}",
    "👩\u{200d}💻",
    "\u{200b}",
    "\u{feff}",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{2028}",
    "\\",
    "\\u0000",
    "\\ud800",
    "\"schema_version\": ",
    "\"items\": {",
    "\"status\": \"done\"",
    "\"note\": ",
    "\"updated\": \"2026-11-25T09:00:00\"",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(Index, usize),
    Insert(Index, String),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Indent(Index, i8),
    Truncate(Index),
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        1 => proptest::collection::vec(any::<char>(), 0..6).prop_map(|c| c.into_iter().collect()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => (any::<Index>(), 1usize..24).prop_map(|(i, n)| Edit::Delete(i, n)),
        4 => (any::<Index>(), piece()).prop_map(|(i, s)| Edit::Insert(i, s)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        1 => (any::<Index>(), -4i8..=4).prop_map(|(i, d)| Edit::Indent(i, d)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// Applies `edits` to `text`, on character boundaries.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match edit {
            Edit::Delete(i, n) => {
                let start = at(i, chars.len()).min(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Insert(i, s) => {
                let pos = at(i, chars.len()).min(chars.len());
                chars.splice(pos..pos, s.chars());
            }
            Edit::Truncate(i) => chars.truncate(at(i, chars.len())),
            Edit::DuplicateLine(_) | Edit::SwapLines(..) | Edit::Indent(..) => {
                let joined: String = chars.iter().collect();
                let mut lines: Vec<String> = joined.split('\n').map(str::to_owned).collect();
                let n = lines.len();
                match edit {
                    Edit::DuplicateLine(i) => {
                        let line = lines[i.index(n)].clone();
                        lines.insert(i.index(n), line);
                    }
                    Edit::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
                    Edit::Indent(i, d) => {
                        let line = &mut lines[i.index(n)];
                        if *d >= 0 {
                            line.insert_str(0, &" ".repeat(d.unsigned_abs().into()));
                        } else {
                            let strip = line
                                .chars()
                                .take(d.unsigned_abs().into())
                                .take_while(|c| *c == ' ')
                                .count();
                            line.drain(..strip);
                        }
                    }
                    _ => {}
                }
                chars = lines.join("\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

// ── content ──────────────────────────────────────────────────────────────────

/// Every problem names a file, says something, and points into the file (or at all of it).
fn check_problem(problem: &Problem, mutated: &str, text: &str) {
    assert!(!problem.file.is_empty(), "{problem:?}");
    assert!(!problem.message.trim().is_empty(), "{problem:?}");
    assert!(
        !problem.message.contains("内部错误"),
        "the parser panicked on this input: {problem}"
    );
    if problem.line == 0 {
        assert_eq!(
            problem.column, 0,
            "a whole-file problem has no column: {problem}"
        );
    }
    if problem.file == mutated {
        let lines = u32::try_from(text.split('\n').count()).expect("line count fits u32");
        assert!(
            problem.line <= lines + 1,
            "{problem} is past the end ({lines} lines)"
        );
    }
    let shown = problem.to_string();
    assert!(
        shown.starts_with(&format!("{}:", problem.file)) && shown.contains(": "),
        "{shown}"
    );
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn a_mutated_content_file_loads_or_is_reported_with_locations(
        file in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..5),
        with_the_rest in proptest::bool::weighted(0.2),
    ) {
        let (name, original) = BUILT_IN[file.index(BUILT_IN.len())];
        let text = mutate(original, &edits);
        let mut sources = vec![(name.to_owned(), text.clone())];
        if with_the_rest {
            // The whole set, so cross-file checks (ids, references) see the mutation too.
            sources.extend(
                BUILT_IN.iter().filter(|(n, _)| *n != name).map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
            );
        }
        if let Err(problems) = load_sources(ContentSource::BuiltIn, sources) {
            prop_assert!(!problems.0.is_empty());
            for problem in &problems.0 {
                check_problem(problem, name, &text);
            }
            prop_assert!(problems.to_string().contains("处问题"));
        }
    }

    #[test]
    fn content_files_with_invalid_utf8_are_located(
        file in any::<Index>(),
        at in any::<Index>(),
        bytes in proptest::collection::vec(
            prop_oneof![Just(0xffu8), Just(0xc3), Just(0xe6), Just(0x80), any::<u8>()], 1..4),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        zizhi::content::export_built_in(dir.path(), false).expect("export");
        let (name, original) = BUILT_IN[file.index(BUILT_IN.len())];
        let mut data = original.as_bytes().to_vec();
        let pos = at.index(data.len() + 1);
        data.splice(pos..pos, bytes.iter().copied());
        fs::write(dir.path().join(name), &data).expect("write");
        let path = dir.path().join(name).display().to_string();
        if let Err(problems) = load_dir(dir.path()) {
            let text = String::from_utf8_lossy(&data).into_owned();
            for problem in &problems.0 {
                check_problem(problem, &path, &text);
            }
            if String::from_utf8(data.clone()).is_err() {
                let utf8 = problems.0.iter().find(|p| p.file == path && p.message.contains("UTF-8"));
                let utf8 = utf8.expect("the bad bytes are reported");
                prop_assert!(utf8.line >= 1 && utf8.column >= 1, "{utf8}");
            }
        }
    }
}

// ── progress ─────────────────────────────────────────────────────────────────

/// Every decode error is located inside the text, or concerns the whole file.
fn check_decode_error(err: &DecodeError, text: &str) {
    assert!(!err.to_string().trim().is_empty());
    if let DecodeError::Syntax {
        line,
        column,
        message,
    } = err
    {
        let lines = text.split('\n').count();
        assert!(*line >= 1 && *column >= 1, "{err:?}");
        assert!(
            *line <= lines + 1,
            "{err:?} is past the end ({lines} lines)"
        );
        assert!(!message.trim().is_empty());
        assert!(
            err.to_string()
                .starts_with(&format!("第 {line} 行第 {column} 列："))
        );
    }
}

fn valid_progress_text() -> String {
    let mut progress = Progress::default();
    for (index, id) in [
        "sa-type-business-inventory",
        "sa-type-choose-category",
        "gone",
    ]
    .into_iter()
    .enumerate()
    {
        let item = progress.item_mut(id);
        item.status = [Status::Done, Status::InProgress, Status::NotApplicable][index];
        item.note = format!("第 {index} 条：\"引号\"\\反斜杠\n换行 🔐 é");
        item.owner = "张三".into();
        item.due = NaiveDate::from_ymd_opt(2026, 12, 31);
    }
    encode(&progress)
}

/// A decoded file encodes to text that decodes to the same progress.
fn check_round_trip(progress: &Progress) {
    let again = decode(&encode(progress)).expect("an encoded file decodes");
    assert_eq!(&again.progress, progress);
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_progress_decoder(
        bytes in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        // Every case reaches the decoder: bytes that are not UTF-8 (most random ones) go in
        // with their bad sequences replaced, as a file whose encoding was repaired would.
        let text = String::from_utf8_lossy(&bytes);
        match decode(&text) {
            Ok(decoded) => check_round_trip(&decoded.progress),
            Err(err) => check_decode_error(&err, &text),
        }
    }

    #[test]
    fn arbitrary_bytes_inside_a_valid_file_never_panic_the_progress_decoder(
        bytes in proptest::collection::vec(any::<u8>(), 1..64),
        at in any::<Index>(),
    ) {
        // Random bytes rarely get past the first character; inside a real file they reach
        // the version check and the typed decoding behind it.
        let valid = valid_progress_text();
        let mut cut = at.index(valid.len() + 1);
        while !valid.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = format!("{}{}{}", &valid[..cut], String::from_utf8_lossy(&bytes), &valid[cut..]);
        match decode(&text) {
            Ok(decoded) => check_round_trip(&decoded.progress),
            Err(err) => check_decode_error(&err, &text),
        }
    }

    #[test]
    fn arbitrary_characters_never_panic_the_progress_decoder(
        text in any::<String>(),
    ) {
        match decode(&text) {
            Ok(decoded) => check_round_trip(&decoded.progress),
            Err(err) => check_decode_error(&err, &text),
        }
    }

    #[test]
    fn token_soup_never_panics_the_progress_decoder(
        pieces in proptest::collection::vec(piece(), 0..40),
    ) {
        let text: String = pieces.concat();
        match decode(&text) {
            Ok(decoded) => check_round_trip(&decoded.progress),
            Err(err) => check_decode_error(&err, &text),
        }
    }

    #[test]
    fn a_mutated_progress_file_decodes_or_is_located(
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let text = mutate(&valid_progress_text(), &edits);
        match decode(&text) {
            Ok(decoded) => check_round_trip(&decoded.progress),
            Err(err) => check_decode_error(&err, &text),
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn the_store_reads_any_bytes_or_names_the_file_and_the_offset(
        bytes in proptest::collection::vec(
            prop_oneof![any::<u8>(), Just(0xff), Just(0xe6)], 0..128),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path().join("progress.json"));
        store.ensure_dir().expect("dir");
        fs::write(store.path(), &bytes).expect("write");
        match store.load() {
            Ok(text) => prop_assert_eq!(text.map(String::into_bytes), Some(bytes)),
            Err(StoreError::InvalidUtf8 { offset, .. }) => {
                let valid = std::str::from_utf8(&bytes).map_err(|e| e.valid_up_to());
                prop_assert_eq!(valid, Err(offset));
                let message = store.load().expect_err("still invalid").to_string();
                prop_assert!(message.contains(&store.path().display().to_string()));
                let at = format!("第 {offset} 字节");
                prop_assert!(message.contains(&at));
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}

// ── calendar ─────────────────────────────────────────────────────────────────

fn calendar() -> &'static WorkCalendar {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| WorkCalendar::from_content(&content().calendar))
}

/// A date between 1900 and 2200, around the calendar's years.
fn date() -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
    (0u64..110_000).prop_map(move |days| start + Days::new(days))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn adding_working_days_is_monotonic_and_lands_on_a_working_day(
        from in date(),
        a in 0u32..3000,
        b in 0u32..3000,
    ) {
        let cal = calendar();
        let (low, high) = (a.min(b), a.max(b));
        let (x, y) = (cal.add_working_days(from, low), cal.add_working_days(from, high));
        prop_assert!(x.complete && y.complete);
        prop_assert!(x.date <= y.date, "{low} → {}, {high} → {}", x.date, y.date);
        if high > low {
            prop_assert!(x.date < y.date);
        }
        if high > 0 {
            prop_assert!(y.date > from && cal.is_working_day(y.date));
            prop_assert_eq!(cal.working_days_between(from, y.date), high);
        } else {
            prop_assert_eq!(y.date, from);
        }
    }

    #[test]
    fn counting_towards_the_last_date_never_panics_or_overshoots(
        back in 0u64..40,
        n in prop_oneof![0u32..50, Just(u32::MAX), any::<u32>()],
    ) {
        let from = NaiveDate::MAX - Days::new(back);
        let counted = calendar().add_working_days(from, n);
        prop_assert!(counted.date >= from);
        if counted.complete {
            prop_assert_eq!(calendar().working_days_between(from, counted.date), n);
        } else {
            prop_assert_eq!(counted.date, NaiveDate::MAX);
        }
    }
}
