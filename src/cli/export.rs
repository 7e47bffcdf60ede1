//! `zizhi export`: a report as Markdown, HTML or CSV, to standard output or to a file.
//!
//! Safe by default: the format comes from `--format` or the file's extension (and they must
//! agree); `-o -` is standard output; an existing file is kept unless `--force`; a file is
//! written whole or not at all (a temporary file in the same directory, then a rename) with
//! mode 0600, because a report holds notes, owners and evidence paths; the progress file and
//! its backups are never a target.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::exit::{Failure, Status};
use crate::i18n::Lang;
use crate::progress::Store;
use crate::report::{self, Format, Report};

/// Where the report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// The format an extension names, if it names one.
fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(OsStr::to_str)?
        .to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(Format::Md),
        "html" | "htm" => Some(Format::Html),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Md => "md",
        Format::Html => "html",
        Format::Csv => "csv",
    }
}

/// The format and target of `zizhi export [--format F] [-o FILE]`: `--format` or the
/// extension of FILE, Markdown when neither says; a disagreement is a usage error.
pub fn plan(
    format: Option<Format>,
    output: Option<&Path>,
    lang: Lang,
) -> Result<(Format, Target), Failure> {
    let target = match output {
        None => Target::Stdout,
        Some(path) if path == Path::new("-") => Target::Stdout,
        Some(path) => Target::File(path.to_owned()),
    };
    let by_extension = match &target {
        Target::File(path) => format_of_extension(path),
        Target::Stdout => None,
    };
    let format = match (format, by_extension) {
        (Some(asked), Some(named)) if asked != named => {
            return Err(Failure::new(
                Status::Usage,
                match lang {
                    Lang::Zh => format!(
                        "--format {} 与文件扩展名 .{} 不一致：请去掉 --format，或改用 .{} 结尾的文件名",
                        format_name(asked),
                        format_name(named),
                        format_name(asked)
                    ),
                    Lang::En => format!(
                        "--format {} does not agree with the extension .{}: drop --format or name the file .{}",
                        format_name(asked),
                        format_name(named),
                        format_name(asked)
                    ),
                },
            ));
        }
        (Some(asked), _) => asked,
        (None, Some(named)) => named,
        (None, None) => Format::Md,
    };
    Ok((format, target))
}

/// Whether `path` is the progress file, one of its siblings (`.bak`, `.lock`, temporary
/// files) or inside its backups directory, following symbolic links.
fn is_progress_data(path: &Path, store: &Store) -> bool {
    let canonical_parent = |p: &Path| -> Option<PathBuf> {
        let parent = match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::canonicalize(parent).ok()
    };
    // A link to the progress file is the progress file.
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let Some(progress_name) = store.path().file_name() else {
        return false;
    };
    let progress_dir = canonical_parent(store.path());
    let backups = std::fs::canonicalize(store.backups_dir()).ok();
    [path, resolved.as_path()].iter().any(|candidate| {
        let name = candidate
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let dir = canonical_parent(candidate);
        let beside_progress = dir.is_some()
            && dir == progress_dir
            && name.is_some_and(|n| n.contains(&*progress_name.to_string_lossy()));
        let in_backups = backups
            .as_ref()
            .is_some_and(|b| dir.as_ref().is_some_and(|d| d.starts_with(b)));
        beside_progress || in_backups
    })
}

/// Writes `bytes` to `path` whole or not at all: a temporary file (mode 0600) in the same
/// directory, synced, then renamed over `path`. Without `force` an existing `path` is kept.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<(), Failure> {
    write_atomically_with(path, force, lang, |file| file.write_all(bytes))
}

/// [`write_atomically`] with the writing done by `fill` (the seam a test uses to make the disk
/// fill up halfway): when it fails, the temporary file is removed and `path` is as it was.
fn write_atomically_with(
    path: &Path,
    force: bool,
    lang: Lang,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let failed = |e: io::Error| {
        Failure::new(
            Status::Failed,
            match lang {
                Lang::Zh => format!("无法写入 {}：{}", path.display(), plain_io(&e)),
                Lang::En => format!("cannot write {}: {}", path.display(), plain_io(&e)),
            },
        )
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Failure::new(
                Status::Failed,
                format!(
                    "{} {}",
                    path.display(),
                    lang.t("是一个目录：请给出文件名", "is a directory: name a file")
                ),
            ));
        }
        Ok(_) if !force => {
            return Err(Failure::new(
                Status::Failed,
                format!(
                    "{} {}",
                    path.display(),
                    lang.t(
                        "已存在，没有覆盖：换一个文件名，或加 --force 覆盖",
                        "exists and was kept: choose another name, or add --force to replace it"
                    )
                ),
            ));
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // tempfile creates the file with mode 0600 and removes it if anything below fails.
    let mut temp = tempfile::Builder::new()
        .prefix(".zizhi-export-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(failed)?;
    fill(&mut temp).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    // The rename is durable once the directory is synced; a failure here loses nothing.
    // Opened only to sync the directory; nothing is read from it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// What one export asks for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub format: Option<Format>,
    pub output: Option<&'a Path>,
    pub force: bool,
    pub lang: Lang,
}

/// Runs `zizhi export`: the report to `out` or to a file. Returns the line to print on
/// standard error after a file was written.
pub fn run(
    out: &mut dyn Write,
    request: &Request,
    store: &Store,
    report: &Report,
) -> Result<Option<String>, Failure> {
    let lang = request.lang;
    let (format, target) = plan(request.format, request.output, lang)?;
    if let Target::File(path) = &target
        && is_progress_data(path, store)
    {
        return Err(Failure::new(
            Status::Failed,
            format!(
                "{} {}",
                path.display(),
                lang.t(
                    "是进度文件或它的备份，不能作为导出目标（--force 也不行）",
                    "is the progress file or one of its backups and can never be an export target (not even with --force)"
                )
            ),
        ));
    }
    let mut buffer = Vec::new();
    report::write(format, &mut buffer, report).map_err(|e| {
        Failure::new(
            Status::Failed,
            format!(
                "{}{e}",
                lang.t("生成报告失败：", "cannot make the report: ")
            ),
        )
    })?;
    match target {
        Target::Stdout => {
            out.write_all(&buffer)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    Failure::new(
                        Status::Failed,
                        format!("{}{e}", lang.t("输出失败：", "cannot write: ")),
                    )
                })?;
            Ok(None)
        }
        Target::File(path) => {
            write_atomically(&path, &buffer, request.force, lang)?;
            let what = match (format, lang) {
                (Format::Csv, Lang::Zh) => format!(
                    "{} 条整改项（CSV，UTF-8 带 BOM）",
                    report.progress.rectifications.len()
                ),
                (Format::Csv, Lang::En) => format!(
                    "{} rectification items (CSV, UTF-8 with BOM)",
                    report.progress.rectifications.len()
                ),
                (Format::Md, _) => lang.t("Markdown 报告", "Markdown report").to_owned(),
                (Format::Html, _) => lang
                    .t("HTML 报告（可直接打印为 A4）", "HTML report (prints on A4)")
                    .to_owned(),
            };
            Ok(Some(format!(
                "{} {}{}{what}",
                lang.t("已写入", "wrote"),
                path.display(),
                lang.t("：", ": ")
            )))
        }
    }
}

/// An I/O error without the temporary file's name that `tempfile` adds ("… at path
/// \"/dir/.zizhi-export-XXXX.tmp\""): the user named the report, not that file.
fn plain_io(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path \"") {
        Some(index) => text[..index].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_gives_the_format_and_must_agree_with_format() {
        let plan_of = |f, o: &str| plan(f, Some(Path::new(o)), Lang::Zh);
        assert_eq!(
            plan_of(None, "r.html").expect("ok"),
            (Format::Html, Target::File("r.html".into()))
        );
        assert_eq!(plan_of(None, "r.CSV").expect("ok").0, Format::Csv);
        assert_eq!(
            plan_of(Some(Format::Html), "r.htm").expect("ok").0,
            Format::Html
        );
        assert_eq!(
            plan_of(Some(Format::Csv), "report.txt").expect("ok").0,
            Format::Csv
        );
        assert_eq!(plan_of(None, "report").expect("ok").0, Format::Md);
        let refused = plan_of(Some(Format::Md), "r.html").expect_err("disagree");
        assert_eq!(refused.status, Status::Usage);
    }

    #[test]
    fn a_disk_that_fills_up_midway_leaves_the_old_report_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.html");
        std::fs::write(&path, "the old report").expect("written");
        let failure = write_atomically_with(&path, true, Lang::En, |file| {
            file.write_all(b"<!DOCTYPE html><html>half a rep")?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        })
        .expect_err("the disk is full");
        assert!(
            failure.message.contains("cannot write"),
            "{}",
            failure.message
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("still there"),
            "the old report"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("report.html")]);
        // Without an old report, none is created.
        let fresh = dir.path().join("new.md");
        write_atomically_with(&fresh, false, Lang::Zh, |_| {
            Err(io::Error::from_raw_os_error(28))
        })
        .expect_err("the disk is full");
        assert!(!fresh.exists());
    }

    #[test]
    fn a_dash_is_standard_output() {
        assert_eq!(
            plan(Some(Format::Csv), Some(Path::new("-")), Lang::Zh).expect("ok"),
            (Format::Csv, Target::Stdout)
        );
        assert_eq!(
            plan(None, None, Lang::Zh).expect("ok"),
            (Format::Md, Target::Stdout)
        );
    }

    #[test]
    fn the_progress_file_its_siblings_and_backups_are_recognised() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path().join("progress.json"));
        std::fs::create_dir_all(store.backups_dir()).expect("mkdir");
        for name in ["progress.json", "progress.json.bak", "progress.json.lock"] {
            assert!(is_progress_data(&dir.path().join(name), &store), "{name}");
        }
        assert!(is_progress_data(
            &store.backups_dir().join("x.json"),
            &store
        ));
        assert!(!is_progress_data(&dir.path().join("report.md"), &store));
    }
}
