//! The team working file's start cache, `team/progress.cache`: the merged state the working
//! file holds, in a form that opens in a fraction of the time the JSON takes, so a start with
//! a year of a team's history shows its first frame at once.
//!
//! It is only ever a copy. It is used when it was made by this zizhi version from the
//! `progress.json` now on disk, and every section it reads passes its own hash; in any other
//! case (missing, stale, torn, corrupt, from another version) it is ignored, the working file
//! is read as usual, and the cache is written again when the app leaves. Losing or deleting
//! it costs one slower start, never data.
//!
//! "The file now on disk" is known two ways. The header holds the length and 128-bit xxh3
//! hash of the working file's bytes ([`decode`] checks them against text already read) and the
//! file's [`FileStamp`] when the cache was written: a start whose stamp is unchanged trusts it
//! without reading the 3 MB file at all ([`open_head`]), as git trusts its index.
//!
//! Layout: a 16-byte magic, then a JSON header line (version, source length and hash, stamp,
//! the sections' lengths and hashes), then five sections back to back, compact JSON but for
//! the head's interview records:
//! 1. the head: the progress without its rehearsal runs and rectification items as JSON, then
//!    each interview question's record with only its latest review, without its typed texts
//!    (all the dashboard reads of them: due, grade, flag, points covered), in binary
//!    (module `compact`: as JSON they were most of the time before the first frame);
//! 2. the figures the dashboard shows of the runs and the items ([`ListFigures`]: finished
//!    runs and the latest; how many items have each status and due date);
//! 3. the rehearsal runs; 4. the interview reviews in full; 5. the rectification items.
//!
//! A start reads the first two, draws the first frame, then reads the other three
//! ([`Rest::load`]) before it handles any key; until then nothing is saved.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::summary::ListFigures;
use crate::progress::{Histories, Progress, Reviews};

mod compact;
use crate::safe_fs::FileStamp;

const MAGIC: &[u8; 16] = b"zizhi-team-cache";
/// The layout version; a change of layout or of the progress model bumps it.
const FORMAT: u32 = 3;
/// A cache larger than this is not read (it would be a damaged file).
const MAX_CACHE: u64 = 512 * 1024 * 1024;
/// A header line longer than this is damage, not a header.
const MAX_HEADER: u64 = 64 * 1024;
const SECTIONS: usize = 5;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: u32,
    zizhi: String,
    /// Length and hash (hex) of the `progress.json` bytes it was made from.
    source_len: usize,
    source_hash: String,
    /// That file's stamp once written, when it was known.
    stamp: Option<FileStamp>,
    /// Length and hash (hex) of each section, in order.
    sections: Vec<(usize, String)>,
}

impl Header {
    /// Whether this header is one this build reads, for a working file of `source` (when
    /// known) or stamped `stamp` (when known).
    fn fits(&self, source: Option<Source>, stamp: Option<FileStamp>) -> bool {
        self.format == FORMAT
            && self.zizhi == env!("CARGO_PKG_VERSION")
            && self.sections.len() == SECTIONS
            && source.is_none_or(|s| self.source_len == s.len && self.source_hash == hex(s.hash))
            && stamp.is_none_or(|s| self.stamp == Some(s))
    }

    fn source(&self) -> Option<Source> {
        Some(Source {
            len: self.source_len,
            hash: u128::from_str_radix(&self.source_hash, 16).ok()?,
        })
    }
}

/// The working file's text a cache belongs to: its length and 128-bit xxh3 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub len: usize,
    pub hash: u128,
}

impl Source {
    pub fn of(text: &str) -> Self {
        Self {
            len: text.len(),
            hash: hash(text.as_bytes()),
        }
    }

    /// The source `progress` encodes to ([`crate::progress::encode`]), without the text.
    pub fn of_progress(progress: &Progress) -> Self {
        let (len, hash) = crate::progress::encoded_len_and_hash(progress);
        Self { len, hash }
    }
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The cache file beside the working file `work` (`team/progress.json`).
pub fn path_for(work: &Path) -> PathBuf {
    work.with_file_name("progress.cache")
}

/// The progress without its rehearsal runs and rectification items, and with each question's
/// reviews cut to the latest (without its typed texts), borrowing nothing it need not copy.
fn head_of(progress: &Progress) -> Progress {
    // Every field by name: a field added to `Progress` must be decided on here.
    let Progress {
        schema_version,
        items,
        people,
        settings,
        legacy_register,
        reviews: _,
        sop_runs: _,
        sop_people,
        pending_findings,
        rectifications: _,
        assessments,
        score_levels,
        timeline,
        operator,
        legacy_target_grade,
    } = progress;
    Progress {
        schema_version: *schema_version,
        items: items.clone(),
        people: people.clone(),
        settings: settings.clone(),
        legacy_register: legacy_register.clone(),
        reviews: Reviews::new(), // in binary after it: see `head_section`
        sop_runs: Vec::new(),
        sop_people: sop_people.clone(),
        pending_findings: pending_findings.clone(),
        rectifications: Vec::new(),
        assessments: assessments.clone(),
        score_levels: score_levels.clone(),
        timeline: timeline.clone(),
        operator: operator.clone(),
        legacy_target_grade: *legacy_target_grade,
    }
}

/// The head section: the length (u32, little-endian) and compact JSON of [`head_of`], then
/// every question's record with its latest review in binary form ([`compact`]).
fn head_section(progress: &Progress) -> Vec<u8> {
    let json = serde_json::to_vec(&head_of(progress)).unwrap_or_default();
    let reviews = compact::encode(&progress.reviews);
    let mut out = Vec::with_capacity(4 + json.len() + reviews.len());
    out.extend_from_slice(&u32::try_from(json.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&reviews);
    out
}

/// The cache's bytes for `progress`, whose encoding is the working file text `source`,
/// stamped `stamp` on disk (when known).
pub fn encode(progress: &Progress, source: Source, stamp: Option<FileStamp>) -> Vec<u8> {
    let sections: [Vec<u8>; SECTIONS] = [
        head_section(progress),
        serde_json::to_vec(&ListFigures::of(progress)).unwrap_or_default(),
        serde_json::to_vec(&progress.sop_runs).unwrap_or_default(),
        serde_json::to_vec(&progress.reviews).unwrap_or_default(),
        serde_json::to_vec(&progress.rectifications).unwrap_or_default(),
    ];
    let header = Header {
        format: FORMAT,
        zizhi: env!("CARGO_PKG_VERSION").to_owned(),
        source_len: source.len,
        source_hash: hex(source.hash),
        stamp,
        sections: sections.iter().map(|s| (s.len(), hex(hash(s)))).collect(),
    };
    let mut out = Vec::with_capacity(sections.iter().map(Vec::len).sum::<usize>() + 512);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&serde_json::to_vec(&header).unwrap_or_default());
    out.push(b'\n');
    for section in &sections {
        out.extend_from_slice(section);
    }
    out
}

/// The header of `bytes` and the rest after its line.
fn split_header(bytes: &[u8]) -> Option<(Header, &[u8])> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let line_end = rest.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&rest[..line_end]).ok()?;
    Some((header, &rest[line_end + 1..]))
}

/// The sections of a sound cache for `source`, each checked against its hash.
fn sections(bytes: &[u8], source: Source) -> Option<Vec<&[u8]>> {
    let (header, mut body) = split_header(bytes)?;
    if !header.fits(Some(source), None) {
        return None;
    }
    let mut sections: Vec<&[u8]> = Vec::with_capacity(SECTIONS);
    for (len, want) in &header.sections {
        let section = body.get(..*len)?;
        if hex(hash(section)) != *want {
            return None;
        }
        sections.push(section);
        body = &body[*len..];
    }
    body.is_empty().then_some(sections)
}

/// Whether `bytes` are a sound cache made by this version for the working file text `source`
/// (header and every section's hash checked; nothing decoded).
pub fn matches(bytes: &[u8], source: Source) -> bool {
    sections(bytes, source).is_some()
}

/// The head section as a progress in format `schema`.
fn decode_head(section: &[u8], schema: u32) -> Option<Progress> {
    let (len, rest) = section.split_at_checked(4)?;
    let len = usize::try_from(u32::from_le_bytes(len.try_into().ok()?)).ok()?;
    let (json, reviews) = rest.split_at_checked(len)?;
    let mut progress = serde_json::from_slice::<Progress>(json)
        .ok()
        .filter(|p| p.schema_version == schema)?;
    progress.reviews = compact::decode(reviews)?;
    Some(progress)
}

fn decode_histories(runs: &[u8], reviews: &[u8], rectifications: &[u8]) -> Option<Histories> {
    Some(Histories {
        sop_runs: serde_json::from_slice(runs).ok()?,
        reviews: serde_json::from_slice(reviews).ok()?,
        rectifications: serde_json::from_slice(rectifications).ok()?,
    })
}

/// The progress in `bytes` if they are a sound cache made by this version for the working
/// file text `source`, in progress format `schema`; `None` otherwise.
pub fn decode(bytes: &[u8], source: Source, schema: u32) -> Option<Progress> {
    let sections = sections(bytes, source)?;
    let mut progress = decode_head(sections[0], schema)?;
    progress.put_histories(decode_histories(sections[2], sections[3], sections[4])?);
    Some(progress)
}

/// Reads the cache at `path` for the working file text `source` in progress format
/// `schema`; `None` when there is none or it cannot be used. Never follows a link.
pub fn load(path: &Path, source: Source, schema: u32) -> Option<Progress> {
    decode(&read(path, source)?, source, schema)
}

/// The bytes of the cache at `path` if it is a sound cache for `source` (not yet decoded, so
/// the caller can let go of the working file's text first). Never follows a link.
pub fn read(path: &Path, source: Source) -> Option<Vec<u8>> {
    crate::safe_fs::read_regular(path, MAX_CACHE, crate::safe_fs::Links::Refuse)
        .ok()
        .filter(|bytes| matches(bytes, source))
}

/// A start opened from the cache's head: what the first frame needs.
#[derive(Debug)]
pub struct Head {
    /// The progress without its runs and rectification items, each question's reviews cut to
    /// the latest (without its typed texts).
    pub progress: Progress,
    pub figures: ListFigures,
    /// The working file's length and hash, as the cache recorded them.
    pub source: Source,
    /// Where the histories are, to read after the first frame.
    pub rest: Rest,
}

/// The cache's last two sections, still on disk (the file stays open: a cache replaced
/// meanwhile does not matter).
#[derive(Debug)]
pub struct Rest {
    file: BufReader<File>,
    runs: (usize, String),
    reviews: (usize, String),
    rectifications: (usize, String),
}

/// Reads `len` bytes from `file` if they hash to `want`.
fn checked_section(file: &mut impl Read, (len, want): &(usize, String)) -> Option<Vec<u8>> {
    let mut bytes = vec![0; *len];
    file.read_exact(&mut bytes).ok()?;
    (hex(hash(&bytes)) == *want).then_some(bytes)
}

impl Rest {
    /// The runs and reviews in full; `None` if the sections are damaged, cut or longer than
    /// recorded (the caller then reads the working file).
    pub fn load(mut self) -> Option<Histories> {
        let runs = checked_section(&mut self.file, &self.runs)?;
        let reviews = checked_section(&mut self.file, &self.reviews)?;
        let rectifications = checked_section(&mut self.file, &self.rectifications)?;
        let mut after = [0u8; 1];
        if self.file.read(&mut after).ok()? != 0 {
            return None;
        }
        decode_histories(&runs, &reviews, &rectifications)
    }
}

/// Opens the cache at `path` for a working file whose stamp on disk is `stamp`, in progress
/// format `schema`: reads and checks the header and the first two sections only. `None`
/// when there is no cache, it was made for another file or by another version, or a section
/// read fails its hash. Never follows a link.
pub fn open_head(path: &Path, stamp: FileStamp, schema: u32) -> Option<Head> {
    let (file, meta) = crate::safe_fs::open_regular(path, crate::safe_fs::Links::Refuse).ok()?;
    if meta.len() > MAX_CACHE {
        return None;
    }
    let mut file = BufReader::with_capacity(64 * 1024, file);
    let mut magic = [0u8; MAGIC.len()];
    file.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let mut line = Vec::new();
    (&mut file)
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)
        .ok()?;
    if line.pop() != Some(b'\n') {
        return None;
    }
    let header: Header = serde_json::from_slice(&line).ok()?;
    if !header.fits(None, Some(stamp)) {
        return None;
    }
    let at = MAGIC.len() + line.len() + 1;
    let total: usize = header.sections.iter().map(|s| s.0).sum();
    if u64::try_from(at + total).ok()? != meta.len() {
        return None;
    }
    let head = checked_section(&mut file, &header.sections[0])?;
    let figures = checked_section(&mut file, &header.sections[1])?;
    let progress = decode_head(&head, schema)?;
    let figures = serde_json::from_slice(&figures).ok()?;
    drop(head);
    let offset = at + header.sections[0].0 + header.sections[1].0;
    file.seek(SeekFrom::Start(u64::try_from(offset).ok()?))
        .ok()?;
    Some(Head {
        progress,
        figures,
        source: header.source()?,
        rest: Rest {
            file,
            runs: header.sections[2].clone(),
            reviews: header.sections[3].clone(),
            rectifications: header.sections[4].clone(),
        },
    })
}

/// Writes the cache for `progress`, saved as the working file text `source` and stamped
/// `stamp` on disk, to `path`: a temporary file renamed over it, mode 0600. No fsync: a cache
/// torn by a crash fails its hashes and is ignored. Errors are the caller's to ignore (a
/// missing cache is only slower).
pub fn store(
    path: &Path,
    progress: &Progress,
    source: Source,
    stamp: Option<FileStamp>,
) -> std::io::Result<()> {
    let bytes = encode(progress, source, stamp);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".zizhi-cache-")
        .tempfile_in(dir)?;
    tmp.write_all(&bytes)?;
    super::workspace::set_mode(tmp.path(), 0o600)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
#[path = "cache/tests.rs"]
mod tests;
