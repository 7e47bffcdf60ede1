//! `zizhi people import|export|purge`: the staff register in and out of the spreadsheets HR
//! keeps, and removing a leaver's personal data once their 脱密期 is over.

mod columns;
pub mod csv;
pub mod export;
pub mod import;

pub use columns::Kind;
pub use csv::Encoding;

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::content::Content;
use crate::domain::people::{purge, purge_allowed};
use crate::i18n::Lang;
use crate::progress::{self, Progress, Store};

use super::exit::{Failure, Status};

const OTHER: Status = Status::Failed;
const DATA_UNREADABLE: Status = Status::ProgressUnreadable;

fn lock_label(now: NaiveDateTime) -> String {
    now.format("%Y%m%d-%H%M%S").to_string()
}

fn save(store: &Store, progress: &Progress) -> Result<(), Failure> {
    store
        .save(&progress::encode(progress))
        .map_err(|e| Failure::new(OTHER, e.message(crate::i18n::messages())))
}

/// Reads `files`, prints what would change (or every bad row), and with `apply` writes it.
#[allow(
    clippy::too_many_arguments,
    reason = "one command's options, passed as they come from the command line"
)]
pub fn run_import(
    out: &mut dyn Write,
    store: &Store,
    content: &Content,
    files: &[PathBuf],
    encoding: Option<Encoding>,
    apply: bool,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::new(OTHER, format!("{}{e}", output_failed(lang)));
    let mut loaded = Vec::new();
    for path in files {
        // A spreadsheet export: a FIFO or device given by mistake is refused, not waited on.
        let bytes = crate::safe_fs::read_regular(
            path,
            crate::safe_fs::CONTENT_FILE_CAP,
            crate::safe_fs::Links::Follow,
        )
        .map_err(|e| {
            Failure::new(
                OTHER,
                match lang {
                    Lang::Zh => format!("无法读取 {}：{e}", path.display()),
                    Lang::En => format!("cannot read {}: {e}", path.display()),
                },
            )
        })?;
        loaded.push((path.display().to_string(), bytes));
    }
    let inputs: Vec<import::Input> = loaded
        .iter()
        .map(|(label, bytes)| import::Input { label, bytes })
        .collect();
    // Hold the lock from reading to writing, so nothing saved in between is overwritten.
    let _lock = if apply {
        Some(store.lock(&lock_label(now)).map_err(|e| {
            Failure::new(
                Status::of_store_error(&e),
                e.message(crate::i18n::messages()),
            )
        })?)
    } else {
        None
    };
    let (mut progress, _) =
        super::read_progress(store).map_err(|m| Failure::new(DATA_UNREADABLE, m))?;
    let planned = import::plan(
        &progress.people,
        &content.interview.roles,
        &inputs,
        encoding,
        now,
        &progress.operator,
        lang,
    )
    .map_err(|errors| {
        let mut message = match lang {
            Lang::Zh => format!("有 {} 处错误，什么也没有导入：", errors.len()),
            Lang::En => format!("{} errors; nothing was imported:", errors.len()),
        };
        for error in &errors {
            message.push_str("\n  ");
            message.push_str(&error.to_string());
        }
        Failure::new(OTHER, message)
    })?;
    for (label, kind, used) in &planned.files {
        match lang {
            Lang::Zh => writeln!(out, "{label}：{}表（{}）", kind.label(), used.label()),
            Lang::En => writeln!(out, "{label}: {} ({})", kind.label_en(), used.label()),
        }
        .map_err(io)?;
    }
    for line in &planned.changes {
        writeln!(out, "  {line}").map_err(io)?;
    }
    let summary = match lang {
        Lang::Zh => format!(
            "新增 {} 人，更新 {} 人，新增证书/培训记录 {} 条，更新 {} 条",
            planned.added, planned.updated, planned.records_added, planned.records_updated
        ),
        Lang::En => format!(
            "{} people added, {} updated, {} certificate/training records added, {} updated",
            planned.added, planned.updated, planned.records_added, planned.records_updated
        ),
    };
    if planned.is_empty() {
        writeln!(
            out,
            "{}",
            lang.t(
                "没有变化：台账已与文件一致",
                "No change: the register already matches the files"
            )
        )
        .map_err(io)?;
        return Ok(());
    }
    if !apply {
        match lang {
            Lang::Zh => writeln!(out, "预览：{summary}。确认无误后加 --apply 写入"),
            Lang::En => writeln!(out, "Dry run: {summary}. Add --apply to write it"),
        }
        .map_err(io)?;
        return Ok(());
    }
    progress.people = planned.people;
    save(store, &progress)?;
    match lang {
        Lang::Zh => writeln!(out, "已写入：{summary}"),
        Lang::En => writeln!(out, "Written: {summary}"),
    }
    .map_err(io)?;
    Ok(())
}

/// Writes the register to `dir` as three CSV files.
pub fn run_export(
    out: &mut dyn Write,
    store: &Store,
    content: &Content,
    dir: &std::path::Path,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let (progress, _) =
        super::read_progress(store).map_err(|m| Failure::new(DATA_UNREADABLE, m))?;
    let files = export::render(&progress.people, &content.interview.roles);
    let written =
        export::write(dir, &files, force).map_err(|e| Failure::new(OTHER, e.message(lang)))?;
    let io = |e: std::io::Error| Failure::new(OTHER, format!("{}{e}", output_failed(lang)));
    for path in &written {
        writeln!(out, "{}", path.display()).map_err(io)?;
    }
    match lang {
        Lang::Zh => writeln!(
            out,
            "已导出 {} 人（文件仅本人可读写，内含个人信息，请妥善保管）",
            progress.people.len()
        ),
        Lang::En => writeln!(
            out,
            "Exported {} people (files readable by you only; they hold personal data, keep them safe)",
            progress.people.len()
        ),
    }
    .map_err(io)?;
    Ok(())
}

fn output_failed(lang: Lang) -> &'static str {
    lang.t("输出失败：", "output failed: ")
}

/// Removes the personal fields of the leaver named (or with the id) `who`. `team`: the
/// progress is a team's, whose git history still holds what is removed (said only then).
pub fn run_purge(
    out: &mut dyn Write,
    store: &Store,
    who: &str,
    now: NaiveDateTime,
    team: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let _lock = store.lock(&lock_label(now)).map_err(|e| {
        Failure::new(
            Status::of_store_error(&e),
            e.message(crate::i18n::messages()),
        )
    })?;
    let (mut progress, _) =
        super::read_progress(store).map_err(|m| Failure::new(DATA_UNREADABLE, m))?;
    let matches: Vec<usize> = progress
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.id == who || p.name == who)
        .map(|(i, _)| i)
        .collect();
    let index = match matches.as_slice() {
        [index] => *index,
        [] => {
            return Err(Failure::new(
                OTHER,
                match lang {
                    Lang::Zh => format!("台账中没有「{who}」"),
                    Lang::En => format!("nobody named '{who}' in the register"),
                },
            ));
        }
        _ => {
            let ids: Vec<&str> = matches
                .iter()
                .map(|i| progress.people[*i].id.as_str())
                .collect();
            return Err(Failure::new(
                OTHER,
                match lang {
                    Lang::Zh => format!(
                        "台账中有不止一个「{who}」（{}）：请用人员编号指定",
                        ids.join("、")
                    ),
                    Lang::En => format!(
                        "more than one '{who}' in the register ({}): give the person id",
                        ids.join(", ")
                    ),
                },
            ));
        }
    };
    let today = now.date();
    let person = &mut progress.people[index];
    if person.purged.is_some() {
        return Err(Failure::new(
            OTHER,
            match lang {
                Lang::Zh => format!("「{}」的个人信息已经清除过了", person.name),
                Lang::En => format!("'{}' was purged already", person.name),
            },
        ));
    }
    purge_allowed(person, today).map_err(|e| {
        let message = match lang {
            Lang::Zh => format!("「{}」：{e}", person.name),
            Lang::En => format!("'{}': {}", person.name, e.message(lang)),
        };
        Failure::new(OTHER, message)
    })?;
    purge(person, today);
    let name = person.name.clone();
    save(store, &progress)?;
    let io = |e: std::io::Error| Failure::new(OTHER, format!("{}{e}", output_failed(lang)));
    match lang {
        Lang::Zh => writeln!(
            out,
            "已清除「{name}」的个人信息（证书、培训、承诺书、审查、护照、角色），保留姓名、涉密等级和入职、社保、离岗日期。\n\
             注意：进度文件此前的备份（zizhi data backups）仍含这些信息。"
        ),
        Lang::En => writeln!(
            out,
            "Purged the personal data of '{name}' (certificates, training, pledge, vetting, passport, roles); \
             the name, level and dates of service are kept.\n\
             Note: earlier backups of the progress file (zizhi data backups) still hold them."
        ),
    }
    .map_err(io)?;
    if team {
        writeln!(
            out,
            "{}",
            lang.t(
                "团队模式：团队仓库此前的 git 历史也仍保留它们（清除只对此后的提交生效）。",
                "Team mode: the team repository's earlier git history still holds them too (the purge applies from the next commit on).",
            )
        )
        .map_err(io)?;
    }
    Ok(())
}
