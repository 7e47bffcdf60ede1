//! Terminal output without raw control characters: text from users and custom content can
//! hold `ESC ] 0 ; … BEL` (retitles the terminal), OSC 52 (writes the clipboard) and the like.
//! Everything zizhi prints to a terminal goes through [`escape_controls`] or the
//! [`Sanitizer`] writer, which show such characters escaped (`\e`, `\x07`, `\u{9b}`) and keep
//! line breaks (`\n`, `\r\n`) and tabs. The TUI draws from [`escaped_progress`], the
//! progress with every string passed through [`escape_controls`], so a screen shows what the
//! CLI prints (ratatui would silently drop the characters).

mod probe;

use std::borrow::Cow;
use std::io::{self, Write};

pub use probe::needs_escaping;

/// Whether `c` is printed as is: anything but a control character, or a line feed or tab.
fn is_safe(c: char) -> bool {
    !c.is_control() || c == '\n' || c == '\t'
}

/// How the control character `c` is shown.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\r' => out.push_str("\\r"),
        c if u32::from(c) < 0x80 => out.push_str(&format!("\\x{:02x}", u32::from(c))),
        c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// `text` with every control character except line feed, tab and a CR before a line feed
/// shown escaped. Borrowed when there is nothing to escape (the common case).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    // Control characters are U+0000–U+001F and U+007F–U+009F: in UTF-8 a byte below 0x20,
    // 0x7F, or 0xC2 leading the C1 range. Text without those bytes (nearly all) is passed on
    // after one quick pass over its bytes.
    if !text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        return Cow::Borrowed(text);
    }
    let needs = text
        .char_indices()
        .any(|(i, c)| !(is_safe(c) || (c == '\r' && text[i + 1..].starts_with('\n'))));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_safe(c) || (c == '\r' && chars.peek() == Some(&'\n')) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// `progress` with [`escape_controls`] applied to every string and map key, for drawing;
/// `None` when nothing needs escaping (the usual case) or the copy would not read back.
pub fn escaped_progress(progress: &crate::progress::Progress) -> Option<crate::progress::Progress> {
    // Nearly always nothing to escape: found out without building a tree of the whole file.
    if !needs_escaping(progress) {
        return None;
    }
    escaped_progress_by_tree(progress)
}

/// [`escaped_progress`] without the quick check first: the copy made through a JSON tree.
fn escaped_progress_by_tree(
    progress: &crate::progress::Progress,
) -> Option<crate::progress::Progress> {
    let mut value = serde_json::to_value(progress).ok()?;
    if !escape_value(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Escapes the control characters of every string and key in `value`; whether any changed.
fn escape_value(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(text) => match escape_controls(text) {
            Cow::Borrowed(_) => false,
            Cow::Owned(escaped) => {
                *text = escaped;
                true
            }
        },
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| escape_value(v) | changed),
        Value::Object(map) => {
            let dirty_keys: Vec<String> = map
                .keys()
                .filter(|k| matches!(escape_controls(k), Cow::Owned(_)))
                .cloned()
                .collect();
            let mut changed = !dirty_keys.is_empty();
            for key in dirty_keys {
                if let Some(v) = map.remove(&key) {
                    map.insert(escape_controls(&key).into_owned(), v);
                }
            }
            for v in map.values_mut() {
                changed |= escape_value(v);
            }
            changed
        }
        _ => false,
    }
}

/// A writer that escapes control characters on their way to `inner`, as [`escape_controls`]
/// does, however the bytes are split across writes. Bytes that are not UTF-8 pass unchanged
/// (they are not control characters; the terminal shows them as replacement marks).
pub struct Sanitizer<W: Write> {
    inner: W,
    /// A byte held back until the next one says what it is: a CR (line break or not) or the
    /// lead byte 0xC2 of a two-byte character (a C1 control or not).
    pending: Option<u8>,
}

impl<W: Write> Sanitizer<W> {
    pub fn new(inner: W) -> Self {
        Sanitizer {
            inner,
            pending: None,
        }
    }

    fn write_pending(&mut self) -> io::Result<()> {
        match self.pending.take() {
            Some(b'\r') => self.inner.write_all(b"\\r"),
            Some(byte) => self.inner.write_all(&[byte]),
            None => Ok(()),
        }
    }
}

impl<W: Write> Write for Sanitizer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &byte in buf {
            match self.pending.take() {
                Some(b'\r') if byte == b'\n' => {
                    out.extend_from_slice(b"\r\n");
                    continue;
                }
                Some(b'\r') => out.extend_from_slice(b"\\r"),
                Some(0xC2) if (0x80..=0x9F).contains(&byte) => {
                    out.extend_from_slice(format!("\\u{{{byte:x}}}").as_bytes());
                    continue;
                }
                Some(other) => out.push(other),
                None => {}
            }
            match byte {
                b'\r' | 0xC2 => self.pending = Some(byte),
                b'\n' | b'\t' => out.push(byte),
                0x1B => out.extend_from_slice(b"\\e"),
                0x00..=0x1F | 0x7F => out.extend_from_slice(format!("\\x{byte:02x}").as_bytes()),
                _ => out.push(byte),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Sanitizer<W> {
    fn drop(&mut self) {
        let _ = self.write_pending();
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn through_writer(chunks: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut writer = Sanitizer::new(&mut out);
            for chunk in chunks {
                writer.write_all(chunk).expect("writes to memory");
            }
        }
        out
    }

    #[test]
    fn a_terminal_title_sequence_is_shown_escaped() {
        let owner = "陈强\u{1b}]0;pwned\u{7}";
        assert_eq!(escape_controls(owner), "陈强\\e]0;pwned\\x07");
        assert_eq!(
            through_writer(&[owner.as_bytes()]),
            "陈强\\e]0;pwned\\x07".as_bytes()
        );
    }

    #[test]
    fn line_breaks_and_tabs_are_kept_and_a_lone_cr_is_escaped() {
        assert_eq!(escape_controls("a\tb\r\nc\n"), "a\tb\r\nc\n");
        assert_eq!(escape_controls("100%\rxx"), "100%\\rxx");
        assert_eq!(through_writer(&[b"a\r", b"\nb\r", b"c"]), b"a\r\nb\\rc");
    }

    #[test]
    fn a_c1_control_split_across_writes_is_escaped() {
        // U+009B is CSI on terminals that honour 8-bit controls.
        assert_eq!(through_writer(&[b"x\xc2", b"\x9b2J"]), b"x\\u{9b}2J");
        assert_eq!(escape_controls("x\u{9b}2J"), "x\\u{9b}2J");
        // 0xC2 leading an ordinary character (U+00B7 ·) is kept.
        assert_eq!(through_writer(&[b"\xc2", b"\xb7"]), "·".as_bytes());
    }

    #[test]
    fn progress_is_copied_for_drawing_only_when_it_holds_a_control_character() {
        let mut progress = crate::progress::Progress::default();
        progress.item_mut("a").owner = "张伟".into();
        assert!(escaped_progress(&progress).is_none());
        progress.item_mut("a").note = "第一行\n\u{1b}[2J第二行".into();
        let shown = escaped_progress(&progress).expect("escaped");
        assert_eq!(shown.items["a"].note, "第一行\n\\e[2J第二行");
        assert_eq!(shown.items["a"].owner, "张伟");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape_controls("整改项 ZG-001"), Cow::Borrowed(_)));
    }

    /// Whether `bytes` (UTF-8) hold a control character a terminal would act on.
    fn has_raw_control(text: &str) -> bool {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                continue;
            }
            if !is_safe(c) {
                return true;
            }
        }
        false
    }

    proptest! {
        #[test]
        fn no_raw_control_character_survives_and_writer_and_function_agree(
            text in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]){0,40}",
            cuts in proptest::collection::vec(0usize..200, 0..6),
        ) {
            let escaped = escape_controls(&text);
            prop_assert!(!has_raw_control(&escaped));
            // Split the bytes at arbitrary points, even inside a character.
            let bytes = text.as_bytes();
            let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
            points.sort_unstable();
            let mut chunks = Vec::new();
            let mut start = 0;
            for p in points {
                chunks.push(&bytes[start..p]);
                start = p;
            }
            chunks.push(&bytes[start..]);
            let written = through_writer(&chunks);
            prop_assert_eq!(String::from_utf8(written).expect("still UTF-8"), escaped.into_owned());
        }

        #[test]
        fn text_without_controls_is_unchanged(text in "[^\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{0,60}") {
            prop_assert_eq!(escape_controls(&text), text.as_str());
        }
    }
}
