//! Long checklist texts (what to do, acceptance, pitfall, tips): held inline after parsing
//! YAML, or as a span of the text area of a compiled content file, read in place.
//!
//! With 10 000 items the long texts are most of the content (about 8 MB). A compiled file is
//! mapped into memory rather than read, so only the pages of texts actually shown count
//! against the program's memory; a full scan (search) gives pages back as it goes
//! ([`TextScan`]).

use std::fmt;
use std::sync::Arc;

use memmap2::Mmap;
#[cfg(unix)]
use memmap2::UncheckedAdvice;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A long text of an item. Read it through [`super::Content::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Inline(String),
    /// `len` bytes at `offset` in the content's [`TextStore`].
    Stored {
        offset: u32,
        len: u32,
    },
}

impl Text {
    pub fn inline(text: impl Into<String>) -> Self {
        Self::Inline(text.into())
    }
}

/// How a text is written in a compiled file (binary formats only).
#[derive(Serialize, Deserialize)]
enum Repr<'a> {
    Inline(std::borrow::Cow<'a, str>),
    Stored(u32, u32),
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Inline(text) if serializer.is_human_readable() => serializer.serialize_str(text),
            Text::Inline(text) => Repr::Inline(text.as_str().into()).serialize(serializer),
            Text::Stored { offset, len } => Repr::Stored(*offset, *len).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return String::deserialize(deserializer).map(Text::Inline);
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Inline(text) => Text::Inline(text.into_owned()),
            Repr::Stored(offset, len) => Text::Stored { offset, len },
        })
    }
}

/// The bytes that [`Text::Stored`] spans point into.
#[derive(Clone, Default)]
pub struct TextStore {
    bytes: Option<Arc<StoreBytes>>,
}

enum StoreBytes {
    /// A compiled content file mapped read-only; the text area starts at `start`.
    Mapped {
        map: Mmap,
        start: usize,
    },
    Owned(Vec<u8>),
}

impl fmt::Debug for TextStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bytes.as_deref() {
            None => f.write_str("TextStore(empty)"),
            Some(StoreBytes::Mapped { map, start }) => {
                write!(f, "TextStore(mapped, {} bytes)", map.len() - start)
            }
            Some(StoreBytes::Owned(bytes)) => write!(f, "TextStore({} bytes)", bytes.len()),
        }
    }
}

impl TextStore {
    pub fn owned(bytes: Vec<u8>) -> Self {
        Self {
            bytes: Some(Arc::new(StoreBytes::Owned(bytes))),
        }
    }

    /// The text area of a mapped compiled file: everything from `start` on.
    pub(super) fn mapped(map: Mmap, start: usize) -> Self {
        Self {
            bytes: Some(Arc::new(StoreBytes::Mapped { map, start })),
        }
    }

    pub fn len(&self) -> usize {
        self.all().len()
    }

    pub fn is_empty(&self) -> bool {
        self.all().is_empty()
    }

    fn all(&self) -> &[u8] {
        match self.bytes.as_deref() {
            None => &[],
            Some(StoreBytes::Mapped { map, start }) => map.get(*start..).unwrap_or_default(),
            Some(StoreBytes::Owned(bytes)) => bytes,
        }
    }

    /// Whether a stored span lies inside the store (checked once when a file is opened).
    pub fn holds(&self, text: &Text) -> bool {
        match text {
            Text::Inline(_) => true,
            Text::Stored { offset, len } => {
                (*offset as usize).saturating_add(*len as usize) <= self.len()
            }
        }
    }

    /// A text's bytes; stored spans are not checked for UTF-8 (see [`TextStore::str`]).
    pub fn bytes<'a>(&'a self, text: &'a Text) -> &'a [u8] {
        match text {
            Text::Inline(text) => text.as_bytes(),
            Text::Stored { offset, len } => {
                let start = *offset as usize;
                self.all()
                    .get(start..start.saturating_add(*len as usize))
                    .unwrap_or_default()
            }
        }
    }

    /// A text as a string. A span that is not UTF-8 (a damaged file) reads as empty rather
    /// than as garbage.
    pub fn str<'a>(&'a self, text: &'a Text) -> &'a str {
        match text {
            Text::Inline(text) => text,
            Text::Stored { .. } => std::str::from_utf8(self.bytes(text)).unwrap_or_default(),
        }
    }

    /// Gives the pages holding `[from, to)` of the text area back to the system. They stay in
    /// the page cache and are mapped again, unchanged, when next read.
    fn release(&self, from: usize, to: usize) {
        #[cfg(unix)]
        if let Some(StoreBytes::Mapped { map, start }) = self.bytes.as_deref() {
            let begin = start + from;
            let end = (start + to).min(map.len());
            if end > begin {
                // SAFETY: the mapping is private and read-only and the file is never changed in
                // place (a new compiled file replaces it by rename), so MADV_DONTNEED only drops
                // page-table entries: any later read, through a reference held or a new one,
                // maps the same bytes again from the page cache.
                let _ = unsafe {
                    map.unchecked_advise_range(UncheckedAdvice::DontNeed, begin, end - begin)
                };
            }
        }
        #[cfg(not(unix))]
        let _ = (from, to);
    }
}

/// Reads many texts in store order while keeping at most about [`TextScan::WINDOW`] bytes of
/// them resident: call [`TextScan::passed`] after each text; dropping the scan releases the
/// rest.
pub struct TextScan<'a> {
    store: &'a TextStore,
    released: usize,
    furthest: usize,
}

impl<'a> TextScan<'a> {
    const WINDOW: usize = 512 * 1024;

    pub fn new(store: &'a TextStore) -> Self {
        Self {
            store,
            released: 0,
            furthest: 0,
        }
    }

    /// Notes that `text` has been read and is no longer needed.
    pub fn passed(&mut self, text: &Text) {
        if let Text::Stored { offset, len } = text {
            self.furthest = self
                .furthest
                .max(*offset as usize + *len as usize)
                .min(self.store.len());
            if self.furthest - self.released >= Self::WINDOW {
                self.store.release(self.released, self.furthest);
                self.released = self.furthest;
            }
        }
    }
}

impl Drop for TextScan<'_> {
    fn drop(&mut self) {
        if self.furthest > self.released {
            self.store.release(self.released, self.furthest);
        }
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
    }

    #[test]
    fn a_binary_round_trip_keeps_both_kinds() {
        for text in [Text::inline("门禁"), Text::Stored { offset: 7, len: 9 }] {
            let bytes = postcard::to_allocvec(&text).expect("encodes");
            assert_eq!(postcard::from_bytes::<Text>(&bytes).expect("decodes"), text);
        }
    }
}
