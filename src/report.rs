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
pub mod staff;

use std::io::{self, Write};

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
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
    pub today: NaiveDate,
}

pub fn write(format: Format, out: &mut dyn Write, report: &Report) -> io::Result<()> {
    match format {
        Format::Md => markdown::write(out, report),
        Format::Csv => csv::write_rectifications(out, report),
        Format::Html => html::write(out, report),
    }
}
