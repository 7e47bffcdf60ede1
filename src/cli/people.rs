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
        .map_err(|e| Failure::new(OTHER, e.to_string()))
}

/// Reads `files`, prints what would change (or every bad row), and with `apply` writes it.
pub fn run_import(
    out: &mut dyn Write,
    store: &Store,
    content: &Content,
    files: &[PathBuf],
    encoding: Option<Encoding>,
    apply: bool,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::new(OTHER, format!("输出失败：{e}"));
    let mut loaded = Vec::new();
    for path in files {
        // A spreadsheet export: a FIFO or device given by mistake is refused, not waited on.
        let bytes = crate::safe_fs::read_regular(
            path,
            crate::safe_fs::CONTENT_FILE_CAP,
            crate::safe_fs::Links::Follow,
        )
        .map_err(|e| Failure::new(OTHER, format!("无法读取 {}：{e}", path.display())))?;
        loaded.push((path.display().to_string(), bytes));
    }
    let inputs: Vec<import::Input> = loaded
        .iter()
        .map(|(label, bytes)| import::Input { label, bytes })
        .collect();
    // Hold the lock from reading to writing, so nothing saved in between is overwritten.
    let _lock = if apply {
        Some(
            store
                .lock(&lock_label(now))
                .map_err(|e| Failure::new(Status::of_store_error(&e), e.to_string()))?,
        )
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
    )
    .map_err(|errors| {
        let mut message = format!("有 {} 处错误，什么也没有导入：", errors.len());
        for error in &errors {
            message.push_str("\n  ");
            message.push_str(&error.to_string());
        }
        Failure::new(OTHER, message)
    })?;
    for (label, kind, used) in &planned.files {
        writeln!(out, "{label}：{}表（{}）", kind.label(), used.label()).map_err(io)?;
    }
    for line in &planned.changes {
        writeln!(out, "  {line}").map_err(io)?;
    }
    let summary = format!(
        "新增 {} 人，更新 {} 人，新增证书/培训记录 {} 条，更新 {} 条",
        planned.added, planned.updated, planned.records_added, planned.records_updated
    );
    if planned.is_empty() {
        writeln!(out, "没有变化：台账已与文件一致").map_err(io)?;
        return Ok(());
    }
    if !apply {
        writeln!(out, "预览：{summary}。确认无误后加 --apply 写入").map_err(io)?;
        return Ok(());
    }
    progress.people = planned.people;
    save(store, &progress)?;
    writeln!(out, "已写入：{summary}").map_err(io)?;
    Ok(())
}

/// Writes the register to `dir` as three CSV files.
pub fn run_export(
    out: &mut dyn Write,
    store: &Store,
    content: &Content,
    dir: &std::path::Path,
    force: bool,
) -> Result<(), Failure> {
    let (progress, _) =
        super::read_progress(store).map_err(|m| Failure::new(DATA_UNREADABLE, m))?;
    let files = export::render(&progress.people, &content.interview.roles);
    let written =
        export::write(dir, &files, force).map_err(|e| Failure::new(OTHER, e.to_string()))?;
    let io = |e: std::io::Error| Failure::new(OTHER, format!("输出失败：{e}"));
    for path in &written {
        writeln!(out, "{}", path.display()).map_err(io)?;
    }
    writeln!(
        out,
        "已导出 {} 人（文件仅本人可读写，内含个人信息，请妥善保管）",
        progress.people.len()
    )
    .map_err(io)?;
    Ok(())
}

/// Removes the personal fields of the leaver named (or with the id) `who`.
pub fn run_purge(
    out: &mut dyn Write,
    store: &Store,
    who: &str,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    let _lock = store
        .lock(&lock_label(now))
        .map_err(|e| Failure::new(Status::of_store_error(&e), e.to_string()))?;
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
        [] => return Err(Failure::new(OTHER, format!("台账中没有「{who}」"))),
        _ => {
            let ids: Vec<&str> = matches
                .iter()
                .map(|i| progress.people[*i].id.as_str())
                .collect();
            return Err(Failure::new(
                OTHER,
                format!(
                    "台账中有不止一个「{who}」（{}）：请用人员编号指定",
                    ids.join("、")
                ),
            ));
        }
    };
    let today = now.date();
    let person = &mut progress.people[index];
    if person.purged.is_some() {
        return Err(Failure::new(
            OTHER,
            format!("「{}」的个人信息已经清除过了", person.name),
        ));
    }
    purge_allowed(person, today)
        .map_err(|e| Failure::new(OTHER, format!("「{}」：{e}", person.name)))?;
    purge(person, today);
    let name = person.name.clone();
    save(store, &progress)?;
    let io = |e: std::io::Error| Failure::new(OTHER, format!("输出失败：{e}"));
    writeln!(
        out,
        "已清除「{name}」的个人信息（证书、培训、承诺书、审查、护照、角色），保留姓名、涉密等级和入职、社保、离岗日期。\n\
         注意：进度文件此前的备份（zizhi data backups）仍含这些信息；团队模式下，团队仓库的 git 历史也仍保留它们。"
    )
    .map_err(io)?;
    Ok(())
}
