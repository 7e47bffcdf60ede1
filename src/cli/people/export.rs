//! `zizhi people export DIR`: the register as three spreadsheets (people, certificates,
//! training) that `import` reads back unchanged. UTF-8 with a byte order mark (Excel and WPS
//! then read Chinese correctly), dates as YYYY-MM-DD, digit codes kept as text, files 0600.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::columns::{Column, Kind};
use super::csv;
use crate::content::Role;
use crate::progress::{Certificate, Person, Training};

/// The three files' contents, by kind, in the order they are written.
pub fn render(people: &[Person], roles: &[Role]) -> Vec<(Kind, String)> {
    [Kind::People, Kind::Certificates, Kind::Training]
        .into_iter()
        .map(|kind| (kind, render_kind(kind, people, roles)))
        .collect()
}

fn render_kind(kind: Kind, people: &[Person], roles: &[Role]) -> String {
    let mut text = String::from("\u{feff}");
    let header: Vec<String> = kind
        .columns()
        .iter()
        .map(|c| csv::field(c.label()))
        .collect();
    text.push_str(&csv::row(&header));
    for person in people {
        match kind {
            Kind::People => text.push_str(&csv::row(&person_row(person, roles))),
            Kind::Certificates => {
                for cert in &person.certificates {
                    text.push_str(&csv::row(&certificate_row(person, cert)));
                }
            }
            Kind::Training => {
                for record in &person.training {
                    text.push_str(&csv::row(&training_row(person, record)));
                }
            }
        }
    }
    text
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn person_row(p: &Person, bank: &[Role]) -> Vec<String> {
    let roles = crate::domain::people::fields::roles_text(&p.roles, bank);
    Kind::People
        .columns()
        .iter()
        .map(|column| match column {
            Column::Id => csv::field(&p.id),
            Column::Name => csv::field(&p.name),
            Column::Roles => csv::field(&roles),
            Column::OmStaff => (if p.om_staff { "是" } else { "否" }).to_owned(),
            Column::Level => p.level.map(|l| l.label().to_owned()).unwrap_or_default(),
            Column::Hired => date(p.hired),
            Column::InsuredSince => date(p.insured_since),
            Column::PledgeSigned => date(p.pledge_signed),
            Column::Vetted => date(p.vetted),
            Column::PassportHeld => p.passport.map(|v| v.label().to_owned()).unwrap_or_default(),
            Column::PassportSince => date(p.passport_since),
            Column::Left => date(p.left),
            _ => String::new(),
        })
        .collect()
}

fn certificate_row(p: &Person, c: &Certificate) -> Vec<String> {
    vec![
        csv::field(&p.id),
        csv::field(&p.name),
        csv::field(&c.name),
        csv::code(&c.number),
        csv::field(&c.issuer),
        date(c.valid_until),
    ]
}

fn training_row(p: &Person, t: &Training) -> Vec<String> {
    vec![
        csv::field(&p.id),
        csv::field(&p.name),
        t.date.to_string(),
        format!("{}", t.hours),
        csv::field(&t.topic),
    ]
}

/// Why the files were not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{} 已存在：加 --force 覆盖", .0.display())]
    Exists(PathBuf),
    #[error("{} 是符号链接或不是普通文件，拒绝写入", .0.display())]
    NotAFile(PathBuf),
    #[error("无法写入 {}：{source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ExportError {
    /// The message in the interface language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (lang, self) {
            (crate::i18n::Lang::Zh, _) => self.to_string(),
            (_, ExportError::Exists(path)) => {
                format!("{} exists: add --force to overwrite it", path.display())
            }
            (_, ExportError::NotAFile(path)) => format!(
                "{} is a symbolic link or not a regular file: not written",
                path.display()
            ),
            (_, ExportError::Io { path, source }) => {
                format!("cannot write {}: {source}", path.display())
            }
        }
    }
}

/// Writes the three files into `dir` (created owner-only when missing), each 0600. Without
/// `force` nothing is written when any of them exists.
pub fn write(
    dir: &Path,
    files: &[(Kind, String)],
    force: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ExportError::Io { path, source }
    };
    if !dir.exists() {
        fs::create_dir_all(dir).map_err(io(dir))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io(dir))?;
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|(k, _)| dir.join(k.file_name())).collect();
    for path in &paths {
        match fs::symlink_metadata(path) {
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(ExportError::NotAFile(path.clone()));
            }
            Ok(_) if !force => return Err(ExportError::Exists(path.clone())),
            _ => {}
        }
    }
    for (path, (_, text)) in paths.iter().zip(files) {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(io(path))?;
        #[cfg(unix)]
        {
            // An existing file keeps its mode on open: make it owner-only as well.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(io(path))?;
        }
        file.write_all(text.as_bytes()).map_err(io(path))?;
        file.sync_all().map_err(io(path))?;
    }
    Ok(paths)
}
