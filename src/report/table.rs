//! A report table as data — its columns, rows of plain-text cells and, for a whole section,
//! the heading and what it says when there is nothing to list — built once from the
//! [`Overview`](super::overview::Overview) and rendered by both the Markdown and the HTML
//! writer, so the two reports list the same rows in the same words.

use std::io::{self, Write};

use super::html::{escape, table_end, table_head};
use super::markdown::escape_cell;

/// How a column is set: text, a key that must not break (ids, dates, states), or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Key,
    Number,
}

/// One column: its heading in the report's language and how it is set.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub head: &'static str,
    pub kind: Kind,
}

impl Column {
    pub const fn new(head: &'static str, kind: Kind) -> Self {
        Column { head, kind }
    }
}

/// One cell: plain text (each writer escapes it), an HTML class that marks it (`warn`,
/// `good`, `busy`; the printed text says the same in words), and whether Markdown sets it in
/// bold.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub mark: &'static str,
    pub strong: bool,
}

impl Cell {
    pub fn marked(text: impl Into<String>, mark: &'static str) -> Self {
        Cell {
            text: text.into(),
            mark,
            strong: false,
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// A table: columns and rows (each row has one cell per column).
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A Markdown table followed by a blank line.
    pub fn markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        let heads: Vec<String> = self.columns.iter().map(|c| escape_cell(c.head)).collect();
        writeln!(out, "| {} |", heads.join(" | "))?;
        let rules: Vec<&str> = self
            .columns
            .iter()
            .map(|c| match c.kind {
                Kind::Number => "---:",
                Kind::Text | Kind::Key => "---",
            })
            .collect();
        writeln!(out, "| {} |", rules.join(" | "))?;
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| {
                    let text = escape_cell(&cell.text);
                    if cell.strong {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)
    }

    /// An HTML table with a repeated `<thead>`; keys and numbers never break.
    pub fn html(&self, h: &mut String) {
        let heads: Vec<String> = self.columns.iter().map(|c| escape(c.head)).collect();
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        table_head(h, &heads);
        for row in &self.rows {
            h.push_str("<tr>");
            for (column, cell) in self.columns.iter().zip(row) {
                let kind = match column.kind {
                    Kind::Text => "",
                    Kind::Key => "k",
                    Kind::Number => "n",
                };
                let class = [kind, cell.mark]
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                if class.is_empty() {
                    h.push_str(&format!("<td>{}</td>", escape(&cell.text)));
                } else {
                    h.push_str(&format!(
                        "<td class=\"{class}\">{}</td>",
                        escape(&cell.text)
                    ));
                }
            }
            h.push_str("</tr>\n");
        }
        table_end(h);
    }
}

/// A section that is one table: a heading, the table, or a sentence when it has no rows.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: &'static str,
    pub empty: &'static str,
    pub table: Table,
}

impl Section {
    pub fn markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## {}", self.title)?;
        writeln!(out)?;
        if self.table.rows.is_empty() {
            writeln!(out, "{}", self.empty)?;
            return writeln!(out);
        }
        self.table.markdown(out)
    }

    pub fn html(&self, h: &mut String) {
        h.push_str(&format!("<h2>{}</h2>\n", escape(self.title)));
        if self.table.rows.is_empty() {
            h.push_str(&format!("<p>{}</p>\n", escape(self.empty)));
            return;
        }
        self.table.html(h);
    }
}

/// `text` trimmed, or a dash when it is empty.
pub fn or_dash(text: &str) -> String {
    match text.trim() {
        "" => "—".to_owned(),
        text => text.to_owned(),
    }
}
