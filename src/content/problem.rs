//! A problem found in content, located as `FILE:LINE:COLUMN`.

use std::fmt;

/// One thing wrong with a content file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn at(file: &str, id: &super::Id, message: impl Into<String>) -> Self {
        Self::new(file, id.line, id.column, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.line.max(1),
            self.column.max(1),
            self.message
        )
    }
}

/// Every problem found in a content set; the app refuses to start while there are any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// As the `Display` text, with the closing line in English (each problem's own message
    /// stays as written: they name YAML fields and quote content).
    pub fn to_string_en(&self) -> String {
        let mut out = String::new();
        for problem in &self.0 {
            out.push_str(&problem.to_string());
            out.push('\n');
        }
        out.push_str(&format!(
            "The content has {} problems: fix each at the place above and run again (`zizhi validate DIR` checks again).",
            self.0.len()
        ));
        out
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        write!(
            f,
            "内容有 {} 处问题，请按上面的位置逐一修改后再运行（可用 `zizhi validate 目录` 复查）。",
            self.0.len()
        )
    }
}
