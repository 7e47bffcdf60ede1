//! A problem found in content, located as `FILE:LINE:COLUMN`.

use std::fmt;

/// Separates the Chinese and the English text of a message that a content deserialiser
/// writes (serde lets it return one string); [`split_bilingual`] takes them apart again. A
/// printable sign (U+241F, the picture of the unit separator): the YAML parser escapes a real
/// control character in its messages.
const BILINGUAL: char = '\u{241f}';

/// One message in both interface languages, for a deserialiser's `Error::custom`.
pub fn bilingual(zh: impl fmt::Display, en: impl fmt::Display) -> String {
    format!("{zh}{BILINGUAL}{en}")
}

/// The Chinese and English texts of a message made by [`bilingual`].
pub fn split_bilingual(text: &str) -> Option<(&str, &str)> {
    text.split_once(BILINGUAL)
}

/// One thing wrong with a content file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// The message in English, where one is written (`--lang en`); else `message` is shown.
    pub message_en: Option<String>,
}

impl Problem {
    pub fn new(file: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            message_en: None,
        }
    }

    /// The same problem with its message in English as well.
    #[must_use]
    pub fn en(mut self, message: impl Into<String>) -> Self {
        self.message_en = Some(message.into());
        self
    }

    /// `FILE:LINE:COLUMN: message` in English where the message has an English text.
    pub fn to_string_en(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line.max(1),
            self.column.max(1),
            self.message_en.as_deref().unwrap_or(&self.message)
        )
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
    /// As the `Display` text in English: each problem's English message where it has one,
    /// and the closing line.
    pub fn to_string_en(&self) -> String {
        let mut out = String::new();
        for problem in &self.0 {
            out.push_str(&problem.to_string_en());
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
