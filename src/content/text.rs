//! Long checklist texts (what to do, acceptance, pitfall, tips): held inline after parsing
//! YAML, or as a span of the text area of a compiled content file.
//!
//! With 10 000 items the long texts are most of the content (about 6 MB). Stored texts stay
//! in the compiled file and are read on demand, with positioned reads that the operating
//! system serves from its page cache: only the item on screen is ever copied into the
//! program's memory, and a search streams the text area through one small buffer
//! ([`TextScan`]). (A memory map was tried first: Linux maps a file's cached 2 MiB folios
//! whole on the first touch, so one text cost 2 MiB of resident memory.)

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A long text of an item. Read it through [`super::Content::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Boxed rather than a `String`: 16 bytes instead of 24, in every item.
    Inline(Box<str>),
    /// `len` bytes at `offset` in the content's [`TextStore`].
    Stored { offset: u32, len: u32 },
}

impl Text {
    pub fn inline(text: impl Into<String>) -> Self {
        Self::Inline(text.into().into_boxed_str())
    }

    /// Where a stored text ends in the store.
    fn end(&self) -> Option<u64> {
        match self {
            Text::Inline(_) => None,
            Text::Stored { offset, len } => Some(u64::from(*offset) + u64::from(*len)),
        }
    }
}

/// How a text is written in a compiled file (binary formats only).
#[derive(Serialize, Deserialize)]
enum Repr<'a> {
    Inline(Cow<'a, str>),
    Stored(u32, u32),
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Inline(text) if serializer.is_human_readable() => serializer.serialize_str(text),
            Text::Inline(text) => Repr::Inline(Cow::Borrowed(text)).serialize(serializer),
            Text::Stored { offset, len } => Repr::Stored(*offset, *len).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return String::deserialize(deserializer).map(Text::inline);
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Inline(text) => Text::inline(text),
            Repr::Stored(offset, len) => Text::Stored { offset, len },
        })
    }
}

/// The bytes that [`Text::Stored`] spans point into.
#[derive(Clone, Default)]
pub struct TextStore {
    area: Option<Arc<Area>>,
}

enum Area {
    /// The text area of an open compiled file: `len` bytes from `start`. zizhi never changes
    /// a compiled file in place (a new one is renamed over it), so the open file stays as it
    /// was for as long as the program runs.
    File {
        file: File,
        start: u64,
        len: u64,
    },
    Owned(Vec<u8>),
    /// Compiled into the binary.
    Fixed(&'static [u8]),
}

impl fmt::Debug for TextStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.area.as_deref() {
            None => f.write_str("TextStore(empty)"),
            Some(Area::File { len, .. }) => write!(f, "TextStore(file, {len} bytes)"),
            Some(Area::Owned(bytes)) => write!(f, "TextStore({} bytes)", bytes.len()),
            Some(Area::Fixed(bytes)) => write!(f, "TextStore(built in, {} bytes)", bytes.len()),
        }
    }
}

impl TextStore {
    pub fn owned(bytes: Vec<u8>) -> Self {
        Self {
            area: Some(Arc::new(Area::Owned(bytes))),
        }
    }

    /// Bytes that live as long as the program (compiled into it).
    pub(super) fn fixed(bytes: &'static [u8]) -> Self {
        Self {
            area: Some(Arc::new(Area::Fixed(bytes))),
        }
    }

    /// The `len` bytes from `start` of an open file.
    pub(super) fn file(file: File, start: u64, len: u64) -> Self {
        Self {
            area: Some(Arc::new(Area::File { file, start, len })),
        }
    }

    /// The bytes of an owned store (one built in memory), for writing it out.
    pub fn owned_bytes(&self) -> Option<&[u8]> {
        match self.area.as_deref() {
            Some(Area::Owned(bytes)) => Some(bytes),
            _ => None,
        }
    }

    pub fn len(&self) -> u64 {
        match self.area.as_deref() {
            None => 0,
            Some(Area::File { len, .. }) => *len,
            Some(Area::Owned(bytes)) => bytes.len() as u64,
            Some(Area::Fixed(bytes)) => bytes.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether a text's span lies inside the store (checked once when a file is opened).
    pub fn holds(&self, text: &Text) -> bool {
        text.end().is_none_or(|end| end <= self.len())
    }

    /// Copies `out.len()` bytes from `offset` of the area; false if they cannot be read.
    fn read_at(&self, offset: u64, out: &mut [u8]) -> bool {
        match self.area.as_deref() {
            None => out.is_empty(),
            Some(Area::Owned(bytes)) => copy_from(bytes, offset, out),
            Some(Area::Fixed(bytes)) => copy_from(bytes, offset, out),
            Some(Area::File { file, start, len }) => {
                offset + out.len() as u64 <= *len && read_exact_at(file, out, start + offset)
            }
        }
    }

    /// A text as a string. A span that cannot be read or is not UTF-8 (a damaged or vanished
    /// file) reads as empty rather than as garbage.
    pub fn str<'a>(&self, text: &'a Text) -> Cow<'a, str> {
        match text {
            Text::Inline(text) => Cow::Borrowed(text),
            Text::Stored { offset, len } => {
                let mut bytes = vec![0; *len as usize];
                if !self.read_at(u64::from(*offset), &mut bytes) {
                    return Cow::Borrowed("");
                }
                Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
            }
        }
    }
}

/// Copies `out.len()` bytes from `offset` of `bytes`; false if they are not all there.
fn copy_from(bytes: &[u8], offset: u64, out: &mut [u8]) -> bool {
    let range = usize::try_from(offset)
        .ok()
        .and_then(|start| Some(start..start.checked_add(out.len())?));
    match range.and_then(|r| bytes.get(r)) {
        Some(source) => {
            out.copy_from_slice(source);
            true
        }
        None => false,
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, out: &mut [u8], at: u64) -> bool {
    std::os::unix::fs::FileExt::read_exact_at(file, out, at).is_ok()
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut out: &mut [u8], mut at: u64) -> bool {
    use std::os::windows::fs::FileExt;
    while !out.is_empty() {
        match file.seek_read(out, at) {
            Ok(0) | Err(_) => return false,
            Ok(n) => {
                out = &mut out[n..];
                at += n as u64;
            }
        }
    }
    true
}

/// Reads many texts in store order through one buffer of `TextScan::CHUNK` bytes, so a
/// search over 10 000 items reads the text area front to back once and holds little of it.
pub struct TextScan<'a> {
    store: &'a TextStore,
    buffer: Vec<u8>,
    /// Where `buffer` starts in the store.
    buffer_at: u64,
}

impl<'a> TextScan<'a> {
    const CHUNK: usize = 64 * 1024;

    pub fn new(store: &'a TextStore) -> Self {
        Self {
            store,
            buffer: Vec::new(),
            buffer_at: 0,
        }
    }

    /// A text's bytes (empty if they cannot be read). Stored spans are not checked for UTF-8
    /// here: byte-wise substring search of a UTF-8 needle needs no check.
    pub fn bytes<'s>(&'s mut self, text: &'s Text) -> &'s [u8] {
        let (offset, len) = match text {
            Text::Inline(text) => return text.as_bytes(),
            Text::Stored { offset, len } => (u64::from(*offset), *len as usize),
        };
        let buffered = offset >= self.buffer_at
            && offset + len as u64 <= self.buffer_at + self.buffer.len() as u64;
        if !buffered {
            let want = Self::CHUNK
                .max(len)
                .min(usize::try_from(self.store.len().saturating_sub(offset)).unwrap_or(0));
            self.buffer.resize(want, 0);
            self.buffer_at = offset;
            if want < len || !self.store.read_at(offset, &mut self.buffer) {
                self.buffer.clear();
                return &[];
            }
        }
        let start = usize::try_from(offset - self.buffer_at).unwrap_or(usize::MAX);
        &self.buffer[start..start + len]
    }

    /// A text as a string; empty if it cannot be read or is not UTF-8.
    pub fn str<'s>(&'s mut self, text: &'s Text) -> &'s str {
        std::str::from_utf8(self.bytes(text)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_stored_texts_read_back() {
        let store = TextStore::owned("验收标准：签字页齐全".as_bytes().to_vec());
        let stored = Text::Stored { offset: 0, len: 12 };
        assert_eq!(store.str(&stored), "验收标准");
        assert_eq!(store.str(&Text::inline("巡检")), "巡检");
        assert!(store.holds(&stored));
    }

    #[test]
    fn a_span_past_the_end_or_inside_a_character_reads_as_empty() {
        let store = TextStore::owned("保密".as_bytes().to_vec());
        let outside = Text::Stored { offset: 3, len: 10 };
        assert!(!store.holds(&outside));
        assert_eq!(store.str(&outside), "");
        assert_eq!(store.str(&Text::Stored { offset: 1, len: 3 }), "");
        let mut scan = TextScan::new(&store);
        assert_eq!(scan.bytes(&outside), b"");
        assert_eq!(scan.str(&Text::Stored { offset: 1, len: 3 }), "");
    }

    #[test]
    fn a_scan_reads_texts_across_chunk_boundaries_and_backwards() {
        let text: String = (0..100_000).map(|n| format!("{n:06}")).collect();
        let store = TextStore::owned(text.clone().into_bytes());
        let mut scan = TextScan::new(&store);
        // Every 37th number, then a few going back, then one longer than a chunk.
        for n in (0..100_000).step_by(37).chain([5, 99_999, 0]) {
            let span = Text::Stored {
                offset: n * 6,
                len: 6,
            };
            assert_eq!(scan.str(&span), format!("{n:06}"));
        }
        let long = Text::Stored {
            offset: 6,
            len: 300_000,
        };
        assert_eq!(scan.str(&long), &text[6..300_006]);
    }

    #[test]
    fn a_binary_round_trip_keeps_both_kinds() {
        for text in [Text::inline("门禁"), Text::Stored { offset: 7, len: 9 }] {
            let bytes = postcard::to_allocvec(&text).expect("encodes");
            assert_eq!(postcard::from_bytes::<Text>(&bytes).expect("decodes"), text);
        }
    }
}
