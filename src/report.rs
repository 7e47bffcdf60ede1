//! Reports for people who do not run zizhi: one module per format, each built from the same
//! [`Report`] (content, progress, calendar and the day it is made).
//!
//! To add a section, write a function in the format's module and call it from its `write`;
//! to add a format, add a variant to [`Format`] and a module beside the others.

mod csv;
mod html;
mod management;
mod markdown;
mod overview;
mod rect_block;
mod sections;
pub mod staff;
mod table;

use std::io::{self, Write};

use chrono::{NaiveDate, NaiveDateTime};
use clap::ValueEnum;

use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::i18n::Lang;
use crate::progress::Progress;

pub use csv::{escape as csv_escape, write_rectifications as write_csv};
pub use html::escape as html_escape;
pub use markdown::{escape_cell as markdown_escape_cell, write as write_markdown};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown report
    Md,
    /// CSV of every rectification item (UTF-8 with BOM, for Excel)
    Csv,
    /// Self-contained HTML report (inline CSS and SVG charts, prints on A4)
    Html,
}

/// What a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub content: &'a Content,
    pub progress: &'a Progress,
    pub calendar: &'a WorkCalendar,
    /// When the report is made: the same "now" `zizhi status` and the app use (an interview
    /// review due at 15:00 is due in a report made at 16:00).
    pub now: NaiveDateTime,
    pub meta: &'a Meta,
    /// The language of the report's own words (titles, headers, labels); content and user
    /// text stay as written.
    pub lang: Lang,
}

impl Report<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// Who the report is for and by: printed in its header, and the marking on every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The organisation (`--org`, `ZIZHI_ORG`); empty leaves it out.
    pub organisation: String,
    /// Who made it (the operator).
    pub author: String,
    /// The marking line at the top of the report and of every printed page
    /// (`--marking`, `ZIZHI_MARKING`); empty leaves it out.
    pub marking: String,
}

/// The marking printed when none is chosen.
pub use crate::progress::DEFAULT_MARKING;

impl Default for Meta {
    fn default() -> Self {
        Meta {
            organisation: String::new(),
            author: String::new(),
            marking: DEFAULT_MARKING.to_owned(),
        }
    }
}

/// The header line under a report's title: organisation, author, when, version, content.
pub fn header_line(report: &Report) -> String {
    let meta = report.meta;
    let t = |zh, en| report.lang.t(zh, en);
    let mut parts = Vec::new();
    if !meta.organisation.trim().is_empty() {
        parts.push(format!(
            "{}{}",
            t("单位：", "Organisation: "),
            meta.organisation.trim()
        ));
    }
    if !meta.author.trim().is_empty() {
        parts.push(format!(
            "{}{}",
            t("编制：", "Prepared by: "),
            meta.author.trim()
        ));
    }
    parts.push(format!(
        "{}{}",
        t("生成时间：", "Made: "),
        report.now.format("%Y-%m-%d %H:%M")
    ));
    parts.push(version());
    let source = match (&report.content.source, report.lang) {
        (crate::content::ContentSource::BuiltIn, Lang::En) => "built-in".to_owned(),
        (source, _) => source.to_string(),
    };
    parts.push(format!("{}{source}", t("内容：", "Content: ")));
    parts.join(" · ")
}

/// The report's title.
pub fn title(lang: Lang) -> &'static str {
    lang.t(
        "涉密信息系统集成资质（运行维护类）准备报告",
        "Preparation report: classified information system integration qualification (operation and maintenance)",
    )
}

/// "zizhi 0.1.0": the version line of a report's header.
pub fn version() -> String {
    format!("zizhi {}", env!("CARGO_PKG_VERSION"))
}

pub fn write(format: Format, out: &mut dyn Write, report: &Report) -> io::Result<()> {
    match format {
        Format::Md => markdown::write(out, report),
        Format::Csv => csv::write_rectifications(out, report),
        Format::Html => html::write(out, report),
    }
}
