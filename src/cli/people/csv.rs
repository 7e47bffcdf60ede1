//! Reading and writing the spreadsheets HR keeps (RFC 4180 CSV): text in UTF-8 with or without
//! a byte order mark, or GB18030 (what Excel and WPS save on a Chinese Windows).
//!
//! The `csv` crate is not in the offline registry this project builds from, and the format is
//! small: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.

use encoding_rs::{GB18030, UTF_8};

/// The text encodings a file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030 (a superset of GBK and GB2312).
    #[value(name = "gb18030", alias = "gbk", alias = "gb2312")]
    Gb18030,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("第 {line} 行不是有效的 {encoding} 文本；如果文件是另一种编码，请用 --encoding 指定")]
    Malformed { encoding: &'static str, line: usize },
}

impl DecodeError {
    /// The message under `--lang en`.
    pub fn en(&self) -> String {
        match self {
            DecodeError::Malformed { encoding, line } => format!(
                "line {line} is not valid {encoding} text; if the file has another encoding, name it with --encoding"
            ),
        }
    }
}

/// Decodes `bytes`: the given encoding, else UTF-8 when the file has a byte order mark or is
/// valid UTF-8, else GB18030. Returns the text and the encoding used.
pub fn decode(bytes: &[u8], given: Option<Encoding>) -> Result<(String, Encoding), DecodeError> {
    let encoding = given.unwrap_or_else(|| {
        if bytes.starts_with(b"\xEF\xBB\xBF") || std::str::from_utf8(bytes).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Gb18030
        }
    });
    let codec = match encoding {
        Encoding::Utf8 => UTF_8,
        Encoding::Gb18030 => GB18030,
    };
    // `decode` strips a UTF-8 byte order mark and reports replacement characters.
    let (text, _, had_errors) = codec.decode(bytes);
    if had_errors {
        let line = text
            .find('\u{FFFD}')
            .map(|at| text[..at].matches('\n').count() + 1)
            .unwrap_or(1);
        return Err(DecodeError::Malformed {
            encoding: encoding.label(),
            line,
        });
    }
    Ok((text.into_owned(), encoding))
}

/// One record: the line it starts on (1-based) and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A quote left open at the end of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("第 {line} 行开始的引号没有闭合（到文件末尾都没有找到对应的 \"）")]
pub struct UnclosedQuote {
    pub line: usize,
}

impl UnclosedQuote {
    /// The message under `--lang en`.
    pub fn en(&self) -> String {
        format!(
            "the quote opened on line {} is not closed (no matching \" up to the end of the file)",
            self.line
        )
    }
}

/// Splits `text` into records. Blank lines are skipped.
pub fn parse(text: &str) -> Result<Vec<Record>, UnclosedQuote> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut quote_line = 1;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                quote_line = line;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    records.push(Record {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                } else {
                    fields.clear();
                }
                line += 1;
                start = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(UnclosedQuote { line: quote_line });
    }
    fields.push(field);
    if fields.iter().any(|f| !f.trim().is_empty()) {
        records.push(Record {
            line: start,
            fields,
        });
    }
    Ok(records)
}

/// One field as CSV: quoted when it holds a comma, quote or line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A number-like code (a certificate number of digits) written so spreadsheets keep it as text:
/// Excel and WPS drop leading zeros and show long digit strings in scientific notation.
pub fn code(text: &str) -> String {
    let digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    if digits && (text.starts_with('0') || text.len() > 11) {
        format!("\"=\"\"{text}\"\"\"")
    } else {
        field(text)
    }
}

/// Undoes [`code`]: `="0012"` as a spreadsheet saves it back is `0012`.
pub fn uncode(text: &str) -> &str {
    text.strip_prefix("=\"")
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

/// One line of fields, CRLF-terminated (what spreadsheets write).
pub fn row(fields: &[String]) -> String {
    let mut line = fields.join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let text = "姓名,内容\r\n张伟,\"保密法, 第一讲\"\r\n李娜,\"说\"\"不\"\"\n第二行\"\r\n";
        let records = parse(text).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].fields, vec!["张伟", "保密法, 第一讲"]);
        assert_eq!(records[2].fields, vec!["李娜", "说\"不\"\n第二行"]);
        assert_eq!(records[2].line, 3);
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_still_counted() {
        let records = parse("a,b\n\n,\nc,d").unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].line, 4);
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(parse("a\n\"b,c\n").unwrap_err(), UnclosedQuote { line: 2 });
    }

    #[test]
    fn written_fields_read_back() {
        let values = ["普通", "有,逗号", "有\"引号\"", "两\n行", ""];
        let line = row(&values.iter().map(|v| field(v)).collect::<Vec<_>>());
        let records = parse(&format!("x\n{line}")).unwrap();
        assert_eq!(records[1].fields, values);
    }

    #[test]
    fn codes_of_digits_survive_a_spreadsheet() {
        assert_eq!(code("0012"), "\"=\"\"0012\"\"\"");
        assert_eq!(code("ABC-1"), "ABC-1");
        let records = parse(&code("0012")).unwrap();
        assert_eq!(uncode(&records[0].fields[0]), "0012");
    }

    #[test]
    fn gb18030_utf8_and_bom_are_told_apart() {
        let (gb, _, _) = GB18030.encode("姓名,涉密等级\n张伟,核心\n");
        let (text, enc) = decode(&gb, None).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert!(text.starts_with("姓名"));
        let bom = [b"\xEF\xBB\xBF".as_slice(), "姓名\n".as_bytes()].concat();
        let (text, enc) = decode(&bom, None).unwrap();
        assert_eq!((text.as_str(), enc), ("姓名\n", Encoding::Utf8));
        let err = decode(&gb, Some(Encoding::Utf8)).unwrap_err();
        assert!(matches!(err, DecodeError::Malformed { line: 1, .. }));
    }
}
