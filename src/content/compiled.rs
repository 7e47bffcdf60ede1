//! Compiled content: validated content saved in binary form, so a start skips parsing YAML
//! and the long item texts stay in the file until shown. The built-in set is compiled ahead
//! and built into the program ([`EMBEDDED`]); a custom directory is compiled on its first start
//! into the user's cache directory.
//!
//! A file is named after a hash of everything it was made from (the YAML files' names and
//! bytes, the program version and the content schema), so an edited file, a different
//! directory or a new zizhi simply finds no file and compiles again. A file that is damaged
//! in any way (checked by a checksum) is ignored and rewritten; the cache never decides
//! what the user sees.
//!
//! Layout: `MAGIC`, format version (u32 LE), key (16 bytes), checksum of the rest (u64 LE),
//! spine length (u64 LE), spine (postcard: everything but the long texts), text area.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::embedded::BUILT_IN;
use super::model::{CalendarFile, InterviewBank, Phase, Scoring, Sop, Template, ThresholdFile};
use super::text::{Text, TextStore};
use super::{Content, ContentSource};

const MAGIC: &[u8; 8] = b"ZIZHICC\0";
/// Bump when the header or [`Spine`] changes shape (the types inside it are covered by the
/// schema hash).
const FORMAT: u32 = 1;
const HEADER: usize = 8 + 4 + 16 + 8 + 8;
/// Compiled files kept in the cache directory; older ones are removed.
const KEEP: usize = 4;

/// Identifies the exact sources a compiled file was made from.
pub type Key = [u8; 16];

/// Why a compiled file was not used; every case falls back to parsing the YAML.
#[derive(Debug, thiserror::Error)]
pub enum CompiledError {
    #[error("cannot read compiled content: {0}")]
    Io(#[from] io::Error),
    #[error("compiled content is damaged: {0}")]
    Damaged(&'static str),
    #[error("compiled content does not decode: {0}")]
    Decode(#[from] postcard::Error),
}

/// Everything in [`Content`] except what is rebuilt on opening.
#[derive(Serialize, Deserialize)]
struct Spine {
    phases: Vec<Phase>,
    interview: InterviewBank,
    sops: Vec<Sop>,
    templates: Vec<Template>,
    calendar: CalendarFile,
    scoring: Scoring,
    thresholds: ThresholdFile,
}

/// The start of every key: the file format and the content schema (a hash of the files that
/// define the types stored, computed by the build script).
fn schema_hasher() -> Xxh3 {
    let mut hasher = Xxh3::new();
    hasher.update(MAGIC);
    hasher.update(&FORMAT.to_le_bytes());
    hasher.update(env!("ZIZHI_SCHEMA_HASH").as_bytes());
    hasher.update(&[0]);
    hasher
}

fn hash_named(hasher: &mut Xxh3, name: &str, len: u64) {
    hasher.update(name.as_bytes());
    hasher.update(&[0]);
    hasher.update(&len.to_le_bytes());
}

/// The key of the built-in content of this binary. It leaves out the program version: the
/// built-in files are validated by every build's tests, so only their bytes and the schema
/// decide what they compile to (and the compiled copy in `assets/` can be checked in).
pub fn built_in_key() -> Key {
    let mut hasher = schema_hasher();
    for (name, text) in BUILT_IN {
        hash_named(&mut hasher, name, text.len() as u64);
        hasher.update(text.as_bytes());
    }
    hasher.digest128().to_le_bytes()
}

/// The key of the content files in `dir`, reading them in small pieces (never whole).
/// It includes the program version and commit: a newer zizhi may validate differently, so
/// it checks the user's files again.
pub fn dir_key(dir: &Path) -> io::Result<Key> {
    let mut hasher = schema_hasher();
    for part in [env!("CARGO_PKG_VERSION"), env!("ZIZHI_COMMIT")] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let mut buffer = vec![0; 64 * 1024];
    for path in super::load::yaml_files(fs::read_dir(dir)?) {
        // A FIFO or device among them is refused here without blocking; loading reports it.
        let (mut file, _) = crate::safe_fs::open_regular(&path, crate::safe_fs::Links::Follow)
            .map_err(|e| io::Error::other(e.to_string()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        hash_named(
            &mut hasher,
            &name.unwrap_or_default(),
            file.metadata()?.len(),
        );
        hash_reader(&mut hasher, &mut file, &mut buffer)?;
    }
    Ok(hasher.digest128().to_le_bytes())
}

/// Feeds everything `reader` has left into `hasher`, a buffer at a time (never whole).
fn hash_reader(hasher: &mut Xxh3, reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<()> {
    loop {
        let read = reader.read(buffer)?;
        if read == 0 {
            return Ok(());
        }
        hasher.update(&buffer[..read]);
    }
}

/// The file name for a key.
pub fn file_name(key: &Key) -> String {
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.zcc")
}

/// Moves a text into `area` (inline texts, or spans of another store) and returns its span.
fn store_text(text: &mut Text, from: &TextStore, area: &mut Vec<u8>) {
    let text_now = from.str(text).into_owned();
    let bytes = text_now.as_bytes();
    let stored = Text::Stored {
        offset: u32::try_from(area.len()).unwrap_or(u32::MAX),
        len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    };
    area.extend_from_slice(bytes);
    *text = stored;
}

/// Moves every item text into one area, in display order (so a search reads it front to
/// back), and makes that area `content.texts`. The content reads the same afterwards.
pub fn gather_texts(content: &mut Content) -> Result<(), CompiledError> {
    let from = std::mem::take(&mut content.texts);
    let mut area = Vec::new();
    for item in content
        .phases
        .iter_mut()
        .flat_map(|p| &mut p.sections)
        .flat_map(|s| &mut s.items)
    {
        store_text(&mut item.what, &from, &mut area);
        store_text(&mut item.acceptance, &from, &mut area);
        if let Some(pitfall) = &mut item.pitfall {
            store_text(pitfall, &from, &mut area);
        }
        for tip in &mut item.tips {
            store_text(&mut tip.text, &from, &mut area);
        }
    }
    if u32::try_from(area.len()).is_err() {
        return Err(CompiledError::Damaged("item texts exceed 4 GiB"));
    }
    content.texts = TextStore::owned(area);
    Ok(())
}

/// [`Spine`] by reference, for writing without copying the content (same encoding).
#[derive(Serialize)]
struct SpineRef<'a> {
    phases: &'a [Phase],
    interview: &'a InterviewBank,
    sops: &'a [Sop],
    templates: &'a [Template],
    calendar: &'a CalendarFile,
    scoring: &'a Scoring,
    thresholds: &'a ThresholdFile,
}

/// Writes `content`, whose texts have been gathered ([`gather_texts`]), as a compiled file.
fn write_compiled(content: &Content, key: &Key, out: &mut impl Write) -> Result<(), CompiledError> {
    let area = content
        .texts
        .owned_bytes()
        .ok_or(CompiledError::Damaged("item texts were not gathered"))?;
    let spine = postcard::to_allocvec(&SpineRef {
        phases: &content.phases,
        interview: &content.interview,
        sops: &content.sops,
        templates: &content.templates,
        calendar: &content.calendar,
        scoring: &content.scoring,
        thresholds: &content.thresholds,
    })?;
    let length = (spine.len() as u64).to_le_bytes();
    let mut checksum = Xxh3::new();
    for part in [&length[..], &spine, area] {
        checksum.update(part);
    }
    for part in [
        &MAGIC[..],
        &FORMAT.to_le_bytes(),
        key,
        &checksum.digest().to_le_bytes(),
        &length,
        &spine,
        area,
    ] {
        out.write_all(part)?;
    }
    Ok(())
}

/// The compiled file for `content` as bytes.
pub fn encode(content: &Content, key: &Key) -> Result<Vec<u8>, CompiledError> {
    let mut content = content.clone();
    gather_texts(&mut content)?;
    let mut out = Vec::new();
    write_compiled(&content, key, &mut out)?;
    Ok(out)
}

/// Checks `file` against its checksum, reading it in pieces so it is never resident whole.
fn checksum_matches(file: &mut File, expected: u64) -> io::Result<bool> {
    let mut hasher = Xxh3::new();
    hash_reader(&mut hasher, file, &mut vec![0; 64 * 1024])?;
    Ok(hasher.digest() == expected)
}

/// Checks the fixed part of a header (`HEADER - 8` bytes) and returns the checksum it holds.
fn check_header(header: &[u8], key: &Key) -> Result<u64, CompiledError> {
    if header.len() < HEADER - 8 {
        return Err(CompiledError::Damaged("shorter than its header"));
    }
    if &header[..8] != MAGIC {
        return Err(CompiledError::Damaged("not a compiled content file"));
    }
    if header[8..12] != FORMAT.to_le_bytes() {
        return Err(CompiledError::Damaged("another format version"));
    }
    if header[12..28] != key[..] {
        return Err(CompiledError::Damaged("made from other sources"));
    }
    Ok(u64::from_le_bytes(
        header[28..36].try_into().unwrap_or_default(),
    ))
}

/// Opens compiled content held in memory for the whole run (the copy built into the binary).
pub fn open_bytes(
    bytes: &'static [u8],
    key: &Key,
    source: ContentSource,
) -> Result<Content, CompiledError> {
    let checksum = check_header(bytes, key)?;
    let body = &bytes[HEADER - 8..];
    if xxh3_64(body) != checksum {
        return Err(CompiledError::Damaged("checksum mismatch"));
    }
    let spine_end = body
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .and_then(|len| usize::try_from(len).ok())
        .and_then(|len| len.checked_add(HEADER))
        .filter(|end| *end <= bytes.len())
        .ok_or(CompiledError::Damaged("spine length past the end"))?;
    let spine: Spine = postcard::from_bytes(&bytes[HEADER..spine_end])?;
    assemble(spine, TextStore::fixed(&bytes[spine_end..]), source)
}

/// Largest compiled file opened (10 000 generated items compile to 7.4 MB).
const COMPILED_FILE_CAP: u64 = 1024 * 1024 * 1024;

/// Opens a compiled file made for `key`.
pub fn open(path: &Path, key: &Key, source: ContentSource) -> Result<Content, CompiledError> {
    // The cache is zizhi's own file, but in a directory anyone with the account can touch: a
    // link or FIFO planted at its name is refused, not followed or waited on.
    let (mut file, meta) = crate::safe_fs::open_regular(path, crate::safe_fs::Links::Refuse)
        .map_err(|e| match e {
            crate::safe_fs::OpenError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })?;
    if meta.len() > COMPILED_FILE_CAP {
        return Err(CompiledError::Damaged("larger than any compiled content"));
    }
    let mut header = [0u8; HEADER - 8];
    file.read_exact(&mut header)
        .map_err(|_| CompiledError::Damaged("shorter than its header"))?;
    let checksum = check_header(&header, key)?;
    if !checksum_matches(&mut file, checksum)? {
        return Err(CompiledError::Damaged("checksum mismatch"));
    }
    let file_len = file.metadata()?.len();
    file.seek(SeekFrom::Start(HEADER as u64 - 8))?;
    let mut length = [0u8; 8];
    file.read_exact(&mut length)?;
    let spine_end = u64::from_le_bytes(length)
        .checked_add(HEADER as u64)
        .filter(|end| *end <= file_len)
        .ok_or(CompiledError::Damaged("spine length past the end"))?;
    // Decoded straight from the file through a small buffer: the encoded spine is never held
    // whole beside the decoded one. Strings are copied out of `scratch` one at a time.
    let mut scratch = vec![0u8; 1 << 20];
    let reader = io::BufReader::new((&file).take(spine_end - HEADER as u64));
    let (spine, _): (Spine, _) = postcard::from_io((reader, &mut scratch))?;
    drop(scratch);
    let texts = TextStore::file(file, spine_end, file_len - spine_end);
    assemble(spine, texts, source)
}

/// Content from a decoded spine and its texts, after checking every text lies in the store.
fn assemble(
    spine: Spine,
    texts: TextStore,
    source: ContentSource,
) -> Result<Content, CompiledError> {
    let mut content = Content {
        item_index: Default::default(),
        source,
        phases: spine.phases,
        interview: spine.interview,
        sops: spine.sops,
        templates: spine.templates,
        calendar: spine.calendar,
        scoring: spine.scoring,
        thresholds: spine.thresholds,
        texts,
    };
    let all_held = content.items().all(|r| {
        let item = r.item;
        [&item.what, &item.acceptance]
            .into_iter()
            .chain(&item.pitfall)
            .chain(item.tips.iter().map(|t| &t.text))
            .all(|t| content.texts.holds(t))
    });
    if !all_held {
        return Err(CompiledError::Damaged("a text span lies outside the file"));
    }
    content.index_items();
    Ok(content)
}

/// Writes a compiled file into `dir` atomically (written beside, then renamed) and removes all
/// but the `KEEP` newest compiled files. It is not flushed to the disk first: a file cut
/// short by a power loss fails its checksum and is simply compiled again.
///
/// The texts are gathered first ([`gather_texts`]), in place: the content is not copied.
pub fn write(dir: &Path, key: &Key, content: &mut Content) -> Result<PathBuf, CompiledError> {
    gather_texts(content)?;
    fs::create_dir_all(dir)?;
    let path = dir.join(file_name(key));
    let temp = tempfile::Builder::new()
        .prefix(".compiling-")
        .tempfile_in(dir)?;
    let mut out = io::BufWriter::new(temp);
    write_compiled(content, key, &mut out)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    temp.persist(&path).map_err(|e| e.error)?;
    prune(dir, &path);
    Ok(path)
}

fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut compiled: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(modified) = entry.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Left behind by a zizhi killed while writing one.
        let abandoned = name.starts_with(".compiling-")
            && now
                .duration_since(modified)
                .is_ok_and(|age| age.as_secs() > 3600);
        if abandoned {
            let _ = fs::remove_file(&path);
        } else if name.ends_with(".zcc") && path != keep {
            compiled.push((modified, path));
        }
    }
    compiled.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    for (_, path) in compiled.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_file(path);
    }
}

/// The built-in content compiled ahead (`assets/built-in.zcc`, checked by a test to match
/// `checklists/`), so even the first start of a fresh install parses no YAML.
pub const EMBEDDED: &[u8] = include_bytes!("../../assets/built-in.zcc");

/// Loads content the fastest way that gives exactly what parsing would:
/// - built-in content from the copy compiled into the binary, when it matches the built-in
///   files (it always does in a tested build);
/// - otherwise through the compiled-file cache in `cache_dir`: the compiled file for these
///   exact sources if there is a good one, else parse and validate the YAML, write a compiled
///   file and open that.
///
/// Problems in the YAML are reported exactly as without a cache; a cache that cannot be read
/// or written only costs time.
pub fn load(dir: Option<&Path>, cache_dir: Option<&Path>) -> Result<Content, super::Problems> {
    let source = dir.map_or(ContentSource::BuiltIn, |d| ContentSource::Dir(d.to_owned()));
    let parse = || match dir {
        Some(dir) => super::load_dir(dir),
        None => super::load_built_in(),
    };
    let key = match dir {
        Some(dir) => match dir_key(dir) {
            Ok(key) => key,
            // Let the loader explain what is wrong with the directory.
            Err(_) => return parse(),
        },
        None => {
            let key = built_in_key();
            if let Ok(content) = open_bytes(EMBEDDED, &key, ContentSource::BuiltIn) {
                return Ok(content);
            }
            key
        }
    };
    let Some(cache_dir) = cache_dir else {
        return parse();
    };
    let path = cache_dir.join(file_name(&key));
    if let Ok(content) = open(&path, &key, source.clone()) {
        return Ok(content);
    }
    let mut content = parse()?;
    match write(cache_dir, &key, &mut content).and_then(|path| open(&path, &key, source)) {
        Ok(compiled) => Ok(compiled),
        Err(_) => Ok(content),
    }
}

#[cfg(test)]
mod tests;
