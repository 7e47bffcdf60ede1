//! The team working file's start cache, `team/progress.cache`: the merged state the working
//! file holds, in a form that opens in a fraction of the time the JSON takes, so a start with
//! a year of a team's history shows its first frame at once.
//!
//! It is only ever a copy. It is used when it was made by this zizhi version, from exactly
//! the bytes now in `progress.json` (their length and 128-bit xxh3 hash are in its header),
//! and every section's own hash checks out; in any other case (missing, stale, torn, corrupt,
//! from another version) it is ignored, the working file is read as usual, and the cache is
//! written again when the app leaves. Losing or deleting it costs one slower start, never data.
//!
//! Layout: a 16-byte magic, then a JSON header line (version, source length and hash, the
//! sections' lengths and hashes), then the sections back to back, each compact JSON: the
//! progress without its two long histories, the rehearsal runs, the interview reviews (kept
//! apart so they can later be read only when shown).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::progress::{Progress, QuestionReviews, SopRun};

const MAGIC: &[u8; 16] = b"zizhi-team-cache";
/// The layout version; a change of layout or of the progress model bumps it.
const FORMAT: u32 = 1;
/// A cache larger than this is not read (it would be a damaged file).
const MAX_CACHE: u64 = 512 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: u32,
    zizhi: String,
    /// Length and hash (hex) of the `progress.json` bytes it was made from.
    source_len: usize,
    source_hash: String,
    /// Length and hash (hex) of each section, in order.
    sections: Vec<(usize, String)>,
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

type Reviews =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, QuestionReviews>>;

/// The progress without its rehearsal runs and reviews, borrowing nothing it need not copy.
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
        rectifications,
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
        reviews: Reviews::new(),
        sop_runs: Vec::new(),
        sop_people: sop_people.clone(),
        pending_findings: pending_findings.clone(),
        rectifications: rectifications.clone(),
        assessments: assessments.clone(),
        score_levels: score_levels.clone(),
        timeline: timeline.clone(),
        operator: operator.clone(),
        legacy_target_grade: *legacy_target_grade,
    }
}

/// The cache's bytes for `progress`, whose encoding is the working file text `source`.
pub fn encode(progress: &Progress, source: Source) -> Vec<u8> {
    let sections: [Vec<u8>; 3] = [
        serde_json::to_vec(&head_of(progress)).unwrap_or_default(),
        serde_json::to_vec(&progress.sop_runs).unwrap_or_default(),
        serde_json::to_vec(&progress.reviews).unwrap_or_default(),
    ];
    encode_sections(&sections, source)
}

fn encode_sections(sections: &[Vec<u8>], source: Source) -> Vec<u8> {
    let header = Header {
        format: FORMAT,
        zizhi: env!("CARGO_PKG_VERSION").to_owned(),
        source_len: source.len,
        source_hash: hex(source.hash),
        sections: sections.iter().map(|s| (s.len(), hex(hash(s)))).collect(),
    };
    let mut out = Vec::with_capacity(sections.iter().map(Vec::len).sum::<usize>() + 256);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&serde_json::to_vec(&header).unwrap_or_default());
    out.push(b'\n');
    for section in sections {
        out.extend_from_slice(section);
    }
    out
}

/// Whether `bytes` are a sound cache made by this version for the working file text
/// `source` (header and every section's hash checked; nothing decoded).
pub fn matches(bytes: &[u8], source: Source) -> bool {
    sections(bytes, source).is_some()
}

/// The three sections of a sound cache for `source`.
fn sections(bytes: &[u8], source: Source) -> Option<Vec<&[u8]>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let line_end = rest.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&rest[..line_end]).ok()?;
    if header.format != FORMAT
        || header.zizhi != env!("CARGO_PKG_VERSION")
        || header.source_len != source.len
        || header.source_hash != hex(source.hash)
        || header.sections.len() != 3
    {
        return None;
    }
    let mut body = &rest[line_end + 1..];
    let mut sections: Vec<&[u8]> = Vec::with_capacity(3);
    for (len, want) in &header.sections {
        let section = body.get(..*len)?;
        if hex(hash(section)) != *want {
            return None;
        }
        sections.push(section);
        body = &body[*len..];
    }
    if !body.is_empty() {
        return None;
    }
    Some(sections)
}

/// The progress in `bytes` if they are a sound cache made by this version for the working
/// file text `source`, in progress format `schema`; `None` otherwise.
pub fn decode(bytes: &[u8], source: Source, schema: u32) -> Option<Progress> {
    let sections = sections(bytes, source)?;
    // One after another on this thread: decoding the runs on a second thread was measured
    // no faster on a busy machine and cost 2 MB more (the second thread's allocator arena).
    let mut progress = serde_json::from_slice::<Progress>(sections[0]).ok()?;
    if progress.schema_version != schema {
        return None;
    }
    progress.sop_runs = serde_json::from_slice::<Vec<SopRun>>(sections[1]).ok()?;
    progress.reviews = serde_json::from_slice::<Reviews>(sections[2]).ok()?;
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

/// Writes the cache for `progress`, saved as the working file text `source`, to `path`: a
/// temporary file renamed over it, mode 0600. No fsync: a cache torn by a crash fails its
/// hashes and is ignored. Errors are the caller's to ignore (a missing cache is only slower).
pub fn store(path: &Path, progress: &Progress, source: Source) -> std::io::Result<()> {
    let bytes = encode(progress, source);
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
