//! Reads content files (built in or from a directory), parses them strictly and hands the
//! result to validation; the app never starts on half-loaded content.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

mod controls;

use super::embedded::BUILT_IN;
use super::model::{
    CalendarFile, InterviewBank, Phase, Scoring, SopFile, TemplateFile, ThresholdFile,
};
use super::problem::{Problem, Problems};
use super::validate::{self, validate};
use super::{Content, ContentSource};

pub const INTERVIEW_FILE: &str = "interview.yaml";
pub const SOPS_FILE: &str = "sops.yaml";
pub const TEMPLATES_FILE: &str = "rectification-templates.yaml";
pub const CALENDAR_FILE: &str = "calendar.yaml";
pub const SCORING_FILE: &str = "scoring.yaml";
/// Optional: the per-grade 具体条件 figures.
pub const THRESHOLDS_FILE: &str = "thresholds.yaml";
const SINGLE_FILES: [&str; 5] = [
    INTERVIEW_FILE,
    SOPS_FILE,
    TEMPLATES_FILE,
    CALENDAR_FILE,
    SCORING_FILE,
];

/// Loads and validates the content compiled into the binary.
pub fn load_built_in() -> Result<Content, Problems> {
    let sources: Vec<(String, String)> = BUILT_IN
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    load_sources(ContentSource::BuiltIn, sources)
}

/// The content files of a directory listing (`*.yaml`, `*.yml`), sorted: the files
/// [`load_dir`] reads, and the files a compiled copy's key covers.
pub(super) fn yaml_files(entries: fs::ReadDir) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        })
        .collect();
    files.sort();
    files
}

/// Loads and validates every `*.yaml` file in `dir`.
pub fn load_dir(dir: &Path) -> Result<Content, Problems> {
    let shown = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|err| {
        Problems(vec![Problem::new(
            &shown,
            0,
            0,
            format!("无法读取内容目录：{err}。请检查路径，或用 `zizhi checklists export {shown}` 先导出内置内容"),
        )
        .en(format!("cannot read the content directory: {err}. Check the path, or first export the built-in content with `zizhi checklists export {shown}`"))])
    })?;
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for path in yaml_files(entries) {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let shown_file = path.display().to_string();
        // Non-blocking and regular files only: a FIFO or a link to /dev/zero named `*.yaml`
        // is reported, not waited on or read without end.
        match crate::safe_fs::read_regular(
            &path,
            crate::safe_fs::CONTENT_FILE_CAP,
            crate::safe_fs::Links::Follow,
        ) {
            Ok(bytes) => {
                match String::from_utf8(bytes) {
                    Ok(text) => sources.push((shown_file, text)),
                    Err(err) => {
                        let offset = err.utf8_error().valid_up_to();
                        let valid = &err.as_bytes()[..offset];
                        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                        let column = String::from_utf8_lossy(
                            valid.rsplit(|b| *b == b'\n').next().unwrap_or_default(),
                        )
                        .chars()
                        .count()
                            + 1;
                        problems.push(Problem::new(
                        &shown_file,
                        u32::try_from(line).unwrap_or(u32::MAX),
                        u32::try_from(column).unwrap_or(u32::MAX),
                        "这里不是 UTF-8 编码的文字。请用 UTF-8 编码另存该文件（不要用 GBK）",
                    ).en("this is not UTF-8 text. Save the file again as UTF-8 (not GBK)"));
                        unreadable.push(name);
                    }
                }
            }
            Err(err) => {
                problems.push(
                    Problem::new(&shown_file, 0, 0, format!("无法读取文件：{err}"))
                        .en(format!("cannot read the file: {err}")),
                );
                unreadable.push(name);
            }
        }
    }
    match load_with(ContentSource::Dir(dir.to_owned()), sources, &unreadable) {
        Ok(content) if problems.is_empty() => Ok(content),
        Ok(_) => Err(Problems(problems)),
        Err(Problems(mut more)) => {
            problems.append(&mut more);
            Err(Problems(problems))
        }
    }
}

/// Parses named file texts into content; `name` is what messages call the file.
pub fn load_sources(
    source: ContentSource,
    sources: Vec<(String, String)>,
) -> Result<Content, Problems> {
    load_with(source, sources, &[])
}

/// As [`load_sources`]; `unreadable` names files that exist but could not be read (already
/// reported), so they are not also called missing.
fn load_with(
    source: ContentSource,
    sources: Vec<(String, String)>,
    unreadable: &[String],
) -> Result<Content, Problems> {
    let mut problems = Vec::new();
    let mut phases: Vec<(String, Phase)> = Vec::new();
    let mut interview = None;
    let mut sops = None;
    let mut templates = None;
    let mut calendar = None;
    let mut scoring = None;
    let mut thresholds = None;

    // Files are independent, so they are parsed side by side; results are taken in file order
    // so messages come out the same every time.
    let parsed: Vec<(Vec<Problem>, Option<Parsed>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .iter()
            .map(|(name, text)| scope.spawn(move || parse_file(name, text)))
            .collect();
        handles
            .into_iter()
            .zip(&sources)
            .map(|(handle, (name, _))| {
                handle.join().unwrap_or_else(|_| {
                    let message =
                        "读取这个文件时程序出错（内部错误）。请检查文件内容，并把它报告给维护者";
                    let problem = Problem::new(name, 0, 0, message).en(
                        "zizhi failed while reading this file (internal error). Check the file, and report it to the maintainers",
                    );
                    (vec![problem], None)
                })
            })
            .collect()
    });
    for ((name, _), (mut file_problems, value)) in sources.iter().zip(parsed) {
        problems.append(&mut file_problems);
        match value {
            Some(Parsed::Phase(phase)) => phases.push((name.clone(), *phase)),
            Some(Parsed::Interview(bank)) => interview = Some(*bank),
            Some(Parsed::Sops(file)) => sops = Some(file),
            Some(Parsed::Templates(file)) => templates = Some(file),
            Some(Parsed::Calendar(file)) => calendar = Some(file),
            Some(Parsed::Scoring(file)) => scoring = Some(file),
            Some(Parsed::Thresholds(file)) => thresholds = Some(file),
            None => {}
        }
    }
    let present: Vec<String> = sources
        .iter()
        .filter_map(|(n, _)| {
            Path::new(n)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        })
        .chain(unreadable.iter().cloned())
        .collect();
    let dir_label = match &source {
        ContentSource::BuiltIn => "内置内容".to_owned(),
        ContentSource::Dir(dir) => dir.display().to_string(),
    };
    for required in SINGLE_FILES {
        if !present.iter().any(|p| p == required) {
            problems.push(Problem::new(
                &dir_label,
                0,
                0,
                format!("缺少 {required}。用 `zizhi checklists export 新目录` 导出一份完整内容，再把它复制过来"),
            ).en(format!("{required} is missing. Export a complete set with `zizhi checklists export NEW_DIR` and copy it over")));
        }
    }
    if !present.iter().any(|p| p.starts_with("phase-")) {
        problems.push(Problem::new(
            &dir_label,
            0,
            0,
            "没有任何阶段清单（phase-*.yaml）。用 `zizhi checklists export 新目录` 导出内置清单作为起点",
        ).en("no phase checklists (phase-*.yaml). Export the built-in ones with `zizhi checklists export NEW_DIR` as a start"));
    }

    let files = validate::Files {
        phases,
        interview: interview.map(|v| (INTERVIEW_FILE, v)),
        sops: sops.map(|v| (SOPS_FILE, v)),
        templates: templates.map(|v| (TEMPLATES_FILE, v)),
        calendar: calendar.map(|v| (CALENDAR_FILE, v)),
        scoring: scoring.map(|v| (SCORING_FILE, v)),
        thresholds: thresholds.map(|v| (THRESHOLDS_FILE, v)),
    };
    let file_name = |short: &str| {
        sources
            .iter()
            .map(|(n, _)| n)
            .find(|n| Path::new(n).file_name().is_some_and(|f| f == short))
            .cloned()
            .unwrap_or_else(|| short.to_owned())
    };
    let content = validate(files, &file_name, &mut problems);
    if problems.is_empty() {
        let mut content = content;
        content.source = source;
        Ok(content)
    } else {
        Err(Problems(problems))
    }
}

/// One parsed file, by kind.
enum Parsed {
    Phase(Box<Phase>),
    Interview(Box<InterviewBank>),
    Sops(SopFile),
    Templates(TemplateFile),
    Calendar(CalendarFile),
    Scoring(Scoring),
    Thresholds(ThresholdFile),
}

/// Parses one file according to its name; never panics on bad input.
fn parse_file(name: &str, text: &str) -> (Vec<Problem>, Option<Parsed>) {
    let mut problems = Vec::new();
    let base = Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned());
    let parsed = match base.as_str() {
        INTERVIEW_FILE => parse::<InterviewBank>(name, text, &mut problems)
            .map(|v| Parsed::Interview(Box::new(v))),
        SOPS_FILE => parse(name, text, &mut problems).map(Parsed::Sops),
        TEMPLATES_FILE => parse(name, text, &mut problems).map(Parsed::Templates),
        CALENDAR_FILE => parse(name, text, &mut problems).map(Parsed::Calendar),
        SCORING_FILE => parse(name, text, &mut problems).map(Parsed::Scoring),
        THRESHOLDS_FILE => parse(name, text, &mut problems).map(Parsed::Thresholds),
        other if other.starts_with("phase-") => {
            parse::<Phase>(name, text, &mut problems).map(|v| Parsed::Phase(Box::new(v)))
        }
        _ => {
            problems.push(Problem::new(
                name,
                0,
                0,
                format!(
                    "不认识的文件名。清单文件须以 phase- 开头，其余只能是 {}（可选 {THRESHOLDS_FILE}）；请改名或移出该目录",
                    SINGLE_FILES.join("、")
                ),
            ).en(format!(
                    "unknown file name. Checklist files start with phase-; the others may only be {} ({THRESHOLDS_FILE} optional); rename it or move it out of the directory",
                    SINGLE_FILES.join(", ")
                )));
            None
        }
    };
    (problems, parsed)
}

pub(super) fn parse<T: DeserializeOwned>(
    name: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if text.trim().is_empty() {
        problems.push(Problem::new(
            name,
            1,
            1,
            "文件是空的：写入内容（可参照 `zizhi checklists export` 导出的同名文件），或把它移出这个目录",
        ).en("the file is empty: fill it in (see the file of the same name `zizhi checklists export` writes) or move it out of this directory"));
        return None;
    }
    let mut raw = controls::raw_problems(name, text);
    if !raw.is_empty() {
        problems.append(&mut raw);
        return None;
    }
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(value) => {
            let mut controls = controls::problems(name, text);
            if controls.is_empty() {
                Some(value)
            } else {
                problems.append(&mut controls);
                None
            }
        }
        Err(err) => {
            let (line, column) = err
                .location()
                .map(|l| {
                    let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    (n(l.line()), n(l.column()))
                })
                .unwrap_or((0, 0));
            let raw = err.to_string();
            // The parser reports a tab at the value before it; point at the tab itself.
            let tab = raw
                .contains("tab")
                .then(|| find_indent_tab(text, line))
                .flatten();
            match tab {
                Some((line, column)) => problems.push(Problem::new(
                    name,
                    line,
                    column,
                    "缩进里有制表符（Tab）。YAML 只能用空格缩进：把这个 Tab 换成空格（本项目用 2 个空格一级）",
                ).en("a tab in the indentation. YAML indents with spaces only: replace this tab with spaces (2 per level here)")),
                None => {
                    let problem = Problem::new(name, line, column, explain(&raw));
                    problems.push(match explain_en(&raw) {
                        Some(en) => problem.en(en),
                        None => problem,
                    });
                }
            }
            None
        }
    }
}

/// The first tab in a line's leading whitespace on or after line `from`, as 1-based
/// (line, column).
fn find_indent_tab(text: &str, from: u32) -> Option<(u32, u32)> {
    let skip = (from as usize).saturating_sub(1);
    text.lines()
        .enumerate()
        .skip(skip)
        .find_map(|(index, line)| {
            line.chars()
                .take_while(|c| c.is_whitespace() || *c == '-')
                .position(|c| c == '\t')
                .map(|col| {
                    (
                        count_u32(index).saturating_add(1),
                        count_u32(col).saturating_add(1),
                    )
                })
        })
}

/// Turns a parser message into one a content author can act on, keeping the original detail.
fn explain(raw: &str) -> String {
    let detail = strip_location(raw);
    if let Some((zh, _)) = super::problem::split_bilingual(detail) {
        return zh.to_owned();
    }
    // Our own messages (from custom deserialisers) are already written for authors.
    if !detail.is_ascii() && !detail.contains("unknown") && !detail.contains("expected") {
        return detail.to_owned();
    }
    let hint = if detail.contains("unknown field") {
        "未知字段：拼写是否有误？字段名必须与内容格式说明（zizhi help schema）一致，否则删掉它"
    } else if detail.contains("duplicate") || detail.contains("Duplicate") {
        "同一层里这个键出现了两次：删掉或合并其中一个"
    } else if detail.contains("missing field") {
        "缺少必填字段：按内容格式说明（zizhi help schema）补上"
    } else if detail.contains("unknown variant") {
        // Before the next test: its message also says "expected one of".
        "取值不在允许的范围内：只能用后面列出的值之一"
    } else if detail.contains("unexpected character") {
        // Before the next test: a NUL byte or another control character is no type error.
        "这里有 YAML 不允许的字符（例如空字节或其他控制字符），文件可能已损坏或不是 UTF-8 文本：删掉这个字符，或用 `zizhi checklists export` 导出的同名文件替换"
    } else if detail.contains("invalid") || detail.contains("expected") {
        "值的类型不对（例如该写数字处写了文字，或该写列表处写了单个值）"
    } else if detail.contains("quote") || detail.contains("quoted") {
        "引号没有闭合。若位置在文件后部，请往上找缺少右引号的那一行"
    } else {
        "YAML 格式错误：检查这一行及其上一行的缩进、冒号和引号"
    };
    format!("{hint}（{detail}）")
}

/// [`explain`] in English; none for our own (Chinese) messages from custom deserialisers.
fn explain_en(raw: &str) -> Option<String> {
    let detail = strip_location(raw);
    if let Some((_, en)) = super::problem::split_bilingual(detail) {
        return Some(en.to_owned());
    }
    if !detail.is_ascii() && !detail.contains("unknown") && !detail.contains("expected") {
        return None;
    }
    let hint = if detail.contains("unknown field") {
        "unknown field: is it misspelt? Field names must match the content format (zizhi help schema); otherwise delete it"
    } else if detail.contains("duplicate") || detail.contains("Duplicate") {
        "this key appears twice at the same level: delete or merge one"
    } else if detail.contains("missing field") {
        "a required field is missing: add it as the content format says (zizhi help schema)"
    } else if detail.contains("unknown variant") {
        "the value is not one of those allowed: use one of the values listed after it"
    } else if detail.contains("unexpected character") {
        "a character YAML does not allow (a NUL byte or another control character); the file may be damaged or not UTF-8 text: delete the character, or replace the file with the one `zizhi checklists export` writes"
    } else if detail.contains("invalid") || detail.contains("expected") {
        "the value has the wrong type (text where a number belongs, or a single value where a list belongs)"
    } else if detail.contains("quote") || detail.contains("quoted") {
        "a quote is not closed. If this is near the end of the file, look further up for the line missing its closing quote"
    } else {
        "YAML syntax error: check the indentation, colons and quotes of this line and the one above"
    };
    Some(format!("{hint} ({detail})"))
}

fn strip_location(raw: &str) -> &str {
    // Only whole location suffixes go: " at line L, column C" and the alias notes
    // " (used at line L, column C)" / " (defined at line L, column C)", in any order at the
    // end. Cutting at the last " at line " instead left "… (defined" behind.
    let mut raw = raw.trim_end();
    loop {
        let before = raw;
        for note in [" (used at line ", " (defined at line "] {
            if let Some(index) = raw.rfind(note)
                && raw.ends_with(')')
                && is_line_column(&raw[index + note.len()..raw.len() - 1])
            {
                raw = raw[..index].trim_end();
            }
        }
        if let Some(index) = raw.rfind(" at line ")
            && is_line_column(&raw[index + " at line ".len()..])
        {
            raw = raw[..index].trim_end();
        }
        if raw == before {
            break;
        }
    }
    // Advice meant for programmers, not content authors.
    match raw.find(", set DuplicateKeyPolicy") {
        Some(index) => &raw[..index],
        None => raw,
    }
}

/// A line or column number as stored in a problem (saturating: no file has 4 billion lines).
fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether `text` is exactly "L, column C" with decimal L and C.
fn is_line_column(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    text.split_once(", column ")
        .is_some_and(|(line, column)| digits(line) && digits(column))
}

#[cfg(test)]
mod tests;
