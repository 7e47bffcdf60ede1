//! `zizhi checksum`: SHA-256 and SM3 of files, and checking a sums file, so the person on an
//! offline machine can verify what they copied with the very binary they copied.
//!
//! SM3 is the Chinese national hash (GB/T 32905-2016, GM/T 0004-2012) that transfer approval
//! forms ask for; SHA-256 is what `sha256sum` prints. Both come from the RustCrypto crates.
//! Sums files use `sha256sum`'s format, `<hex>  <file>`, one file a line.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use sha2::{Digest, Sha256};
use sm3::Sm3;

use crate::i18n::Lang;

/// A hash algorithm `zizhi checksum` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Algo {
    Sha256,
    Sm3,
}

impl Algo {
    /// The name people write on forms.
    pub fn label(self) -> &'static str {
        match self {
            Algo::Sha256 => "SHA-256",
            Algo::Sm3 => "SM3",
        }
    }

    /// The algorithm a sums file is for, read off its name (`SM3SUMS`, `SHA256SUMS`,
    /// `zizhi.sm3`…). Both digests are 64 hex digits, so the content cannot tell them apart.
    pub fn from_sums_name(path: &Path) -> Option<Algo> {
        let name = path.file_name()?.to_string_lossy().to_ascii_uppercase();
        let sm3 = name.contains("SM3");
        let sha256 = name.contains("SHA256") || name.contains("SHA-256");
        match (sha256, sm3) {
            (true, false) => Some(Algo::Sha256),
            (false, true) => Some(Algo::Sm3),
            _ => None,
        }
    }
}

/// Both digests of one input, as lowercase hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    pub sha256: String,
    pub sm3: String,
}

impl Digests {
    pub fn get(&self, algo: Algo) -> &str {
        match algo {
            Algo::Sha256 => &self.sha256,
            Algo::Sm3 => &self.sm3,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len().saturating_mul(2));
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// Reads `input` to the end once, feeding both hashes.
pub fn digest_reader(mut input: impl Read) -> io::Result<Digests> {
    let mut sha256 = Sha256::new();
    let mut sm3 = Sm3::new();
    let mut buffer = vec![0_u8; 64 * 1024];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let chunk = &buffer[..read];
        sha256.update(chunk);
        sm3.update(chunk);
    }
    Ok(Digests {
        sha256: hex(&sha256.finalize()),
        sm3: hex(&sm3.finalize()),
    })
}

/// Digests of a file; `-` is standard input, as for `sha256sum`.
pub fn digest_path(path: &Path) -> io::Result<Digests> {
    if path == Path::new("-") {
        digest_reader(io::stdin().lock())
    } else {
        // Non-blocking and regular files only: a FIFO or a device among the files would hang
        // or never end.
        let (file, _) = crate::safe_fs::open_regular(path, crate::safe_fs::Links::Follow).map_err(
            |e| match e {
                crate::safe_fs::OpenError::Io(e) => e,
                other => io::Error::other(other.to_string()),
            },
        )?;
        digest_reader(file)
    }
}

/// One line of a sums file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumLine {
    /// 1-based line number in the sums file.
    pub line: usize,
    /// Lowercase hex.
    pub hex: String,
    pub file: String,
    /// The algorithm a tagged line names (`SM3(file)= …`); `None` for `sha256sum`'s format.
    pub algo: Option<Algo>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SumsError {
    #[error(
        "第 {line} 行不是「64 位十六进制校验值、两个空格、文件名」或「SM3(文件名)= 校验值」的格式：{text}"
    )]
    BadLine { line: usize, text: String },
    #[error("校验文件里没有任何条目")]
    Empty,
}

impl SumsError {
    /// The message in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, _) => self.to_string(),
            (Lang::En, SumsError::BadLine { line, text }) => format!(
                "line {line} is neither `<64 hex digits>  <file>` nor `SM3(<file>)= <64 hex digits>`: {text}"
            ),
            (Lang::En, SumsError::Empty) => "the sums file lists no files".to_owned(),
        }
    }
}

/// Whether `text` is a digest: 64 hex digits (SHA-256 and SM3 alike).
fn is_digest(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// The algorithm a tag names: `SM3`, `SHA256` (coreutils, BSD, OpenSSL 1.1), `SHA2-256`
/// (OpenSSL 3).
fn algo_of_tag(tag: &str) -> Option<Algo> {
    match tag.to_ascii_uppercase().as_str() {
        "SM3" => Some(Algo::Sm3),
        "SHA256" | "SHA2-256" | "SHA-256" => Some(Algo::Sha256),
        _ => None,
    }
}

/// A tagged line: `SM3(file)= hex` as `openssl dgst` prints it, or `SHA256 (file) = hex` as
/// coreutils and BSD print with `--tag`.
fn parse_tagged(line: &str) -> Option<(Algo, &str, &str)> {
    let (left, hex) = line.rsplit_once('=')?;
    let left = left.trim_end().strip_suffix(')')?;
    let (tag, file) = left.split_once('(')?;
    let algo = algo_of_tag(tag.trim_end())?;
    let hex = hex.trim();
    (is_digest(hex) && !file.is_empty()).then_some((algo, file, hex))
}

/// Parses `sha256sum`-style lines: `<hex>  <file>` (text mode) or `<hex> *<file>` (binary
/// mode), and the tagged lines of `openssl dgst` and `--tag` (see `parse_tagged`). Blank
/// lines and `#` comments are skipped.
pub fn parse_sums(text: &str) -> Result<Vec<SumLine>, SumsError> {
    let mut entries = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index.saturating_add(1);
        let trimmed = raw.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let bad = || SumsError::BadLine {
            line,
            text: trimmed.to_owned(),
        };
        let untagged = trimmed.split_once(' ').filter(|(d, _)| is_digest(d));
        let Some((digest, rest)) = untagged else {
            let (algo, file, hex) = parse_tagged(trimmed).ok_or_else(bad)?;
            entries.push(SumLine {
                line,
                hex: hex.to_ascii_lowercase(),
                file: file.to_owned(),
                algo: Some(algo),
            });
            continue;
        };
        let file = rest
            .strip_prefix(' ')
            .or_else(|| rest.strip_prefix('*'))
            .ok_or_else(bad)?;
        if file.is_empty() {
            return Err(bad());
        }
        entries.push(SumLine {
            line,
            hex: digest.to_ascii_lowercase(),
            file: file.to_owned(),
            algo: None,
        });
    }
    if entries.is_empty() {
        return Err(SumsError::Empty);
    }
    Ok(entries)
}

/// What checking one listed file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Match,
    Mismatch {
        actual: String,
    },
    /// Not in the directory: only some of the listed files are usually copied.
    Missing,
    Unreadable(String),
}

/// Checks every entry, by the algorithm its tag names or else `algo`; relative names are
/// looked up beside the sums file, so `zizhi checksum --check /media/usb/SM3SUMS` works from
/// any directory.
pub fn check(entries: &[SumLine], base: &Path, algo: Algo) -> Vec<Verdict> {
    entries
        .iter()
        .map(|entry| {
            let algo = entry.algo.unwrap_or(algo);
            let path = base.join(&entry.file);
            // Non-blocking and regular files only: a FIFO entry must not hang the check.
            match crate::safe_fs::open_regular(&path, crate::safe_fs::Links::Follow) {
                Err(err) if err.is_not_found() => Verdict::Missing,
                Err(err) => Verdict::Unreadable(err.to_string()),
                Ok((file, _)) => match digest_reader(file) {
                    Err(err) => Verdict::Unreadable(err.to_string()),
                    Ok(d) if d.get(algo) == entry.hex => Verdict::Match,
                    Ok(d) => Verdict::Mismatch {
                        actual: d.get(algo).to_owned(),
                    },
                },
            }
        })
        .collect()
}

/// `zizhi checksum FILE…`: both sums per file, or with `algo` exactly `sha256sum`'s lines.
/// Returns false when a file could not be read (the others are still printed).
pub fn write_sums(
    out: &mut dyn Write,
    err: &mut dyn Write,
    files: &[PathBuf],
    algo: Option<Algo>,
    lang: Lang,
) -> io::Result<bool> {
    let mut all_read = true;
    for path in files {
        let name = path.display();
        match (digest_path(path), algo) {
            (Ok(d), Some(algo)) => writeln!(out, "{}  {name}", d.get(algo))?,
            (Ok(d), None) => {
                writeln!(out, "SHA-256  {}  {name}", d.sha256)?;
                writeln!(out, "SM3      {}  {name}", d.sm3)?;
            }
            (Err(e), _) => {
                all_read = false;
                writeln!(err, "{name}: {}{e}", lang.t("无法读取：", "cannot read: "))?;
            }
        }
    }
    Ok(all_read)
}

/// `zizhi checksum --check SUMS`: one line per listed file and a total. Returns true when at
/// least one file was verified and none differed or was unreadable.
pub fn write_check(
    out: &mut dyn Write,
    sums: &Path,
    algo: Option<Algo>,
    lang: Lang,
) -> Result<bool, String> {
    let bytes = crate::safe_fs::read_regular(
        sums,
        crate::safe_fs::SUMS_FILE_CAP,
        crate::safe_fs::Links::Follow,
    )
    .map_err(|e| format!("{}: {e}", sums.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", sums.display()))?;
    let entries =
        parse_sums(&text).map_err(|e| format!("{}: {}", sums.display(), e.message(lang)))?;
    let tagged = entries.iter().find_map(|e| e.algo);
    let all_tagged = entries.iter().all(|e| e.algo.is_some());
    let algo = algo
        .or_else(|| Algo::from_sums_name(sums))
        .or(tagged.filter(|_| all_tagged))
        .ok_or_else(|| {
            lang.t(
                "无法从文件名判断是哪种校验值（SM3 和 SHA-256 都是 64 位十六进制），请加 --algo sm3 或 --algo sha256",
                "cannot tell the algorithm from the file name (SM3 and SHA-256 are both 64 hex digits): add --algo sm3 or --algo sha256",
            )
            .to_owned()
        })?;
    let base = sums.parent().unwrap_or(Path::new("."));
    let verdicts = check(&entries, base, algo);
    let io_err = |e: io::Error| e.to_string();
    let (mut matched, mut failed, mut missing) = (0_usize, 0_usize, 0_usize);
    for (entry, verdict) in entries.iter().zip(&verdicts) {
        let name = &entry.file;
        match verdict {
            Verdict::Match => {
                matched = matched.saturating_add(1);
                writeln!(out, "{name}: {}", lang.t("一致 OK", "OK"))
            }
            Verdict::Mismatch { actual } => {
                failed = failed.saturating_add(1);
                writeln!(
                    out,
                    "{name}: {} {} {actual}",
                    lang.t("不一致 FAILED！实际", "FAILED, actual"),
                    entry.algo.unwrap_or(algo).label()
                )
            }
            Verdict::Missing => {
                missing = missing.saturating_add(1);
                writeln!(
                    out,
                    "{name}: {}",
                    lang.t("不在此目录，跳过", "not here, skipped")
                )
            }
            Verdict::Unreadable(e) => {
                failed = failed.saturating_add(1);
                writeln!(out, "{name}: {}{e}", lang.t("无法读取：", "cannot read: "))
            }
        }
        .map_err(io_err)?;
    }
    let summary = match lang {
        Lang::Zh => format!(
            "{}：{matched} 个一致，{failed} 个不一致或无法读取，{missing} 个不在此目录",
            tagged.filter(|_| all_tagged).unwrap_or(algo).label()
        ),
        Lang::En => format!(
            "{}: {matched} OK, {failed} failed or unreadable, {missing} not here",
            tagged.filter(|_| all_tagged).unwrap_or(algo).label()
        ),
    };
    writeln!(out, "{summary}").map_err(io_err)?;
    if matched == 0 && failed == 0 {
        writeln!(
            out,
            "{}",
            lang.t(
                "没有核对任何文件：请把校验文件和被核对的文件放在同一目录，且不要改文件名",
                "nothing was checked: keep the sums file beside the files it lists, under their original names",
            )
        )
        .map_err(io_err)?;
    }
    Ok(matched > 0 && failed == 0)
}

#[cfg(test)]
mod tests;
