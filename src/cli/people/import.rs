//! `zizhi people import`: turns spreadsheets into a planned new register, or every bad row.
//! Pure: bytes in, the whole new register and what changed out; nothing is applied here, so a
//! file with one bad row changes nothing.

use chrono::{NaiveDate, NaiveDateTime};

use super::columns::{Column, Kind, map_header};
use super::csv::{self, Encoding};
use crate::content::Role;
use crate::domain::people::fields::{
    parse_date, parse_hours, parse_level, parse_passport, parse_roles, parse_yes_no,
};
use crate::i18n::Lang;
use crate::progress::{Certificate, Person, Training, new_id};

/// One file to import: a label for messages (its path) and its bytes.
pub struct Input<'a> {
    pub label: &'a str,
    pub bytes: &'a [u8],
}

/// A bad row (or a file that cannot be read at all, line 0 or the header's line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub file: String,
    pub line: usize,
    /// The column's header, empty when the row as a whole is wrong.
    pub field: String,
    pub message: String,
    /// The language of `field`, `message` and the punctuation around them.
    pub lang: Lang,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.field.is_empty(), self.lang) {
            (0, _, Lang::Zh) => write!(f, "{}：{}", self.file, self.message),
            (0, _, Lang::En) => write!(f, "{}: {}", self.file, self.message),
            (line, true, Lang::Zh) => write!(f, "{}:{line}：{}", self.file, self.message),
            (line, true, Lang::En) => write!(f, "{}:{line}: {}", self.file, self.message),
            (line, false, Lang::Zh) => write!(
                f,
                "{}:{line}：「{}」{}",
                self.file, self.field, self.message
            ),
            (line, false, Lang::En) => write!(
                f,
                "{}:{line}: column \"{}\": {}",
                self.file, self.field, self.message
            ),
        }
    }
}

/// The result of a successful plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Planned {
    /// The whole register after the import.
    pub people: Vec<Person>,
    /// What would change, one line each, in file order.
    pub changes: Vec<String>,
    pub added: usize,
    pub updated: usize,
    pub records_added: usize,
    pub records_updated: usize,
    /// Each file's kind and encoding, for the summary.
    pub files: Vec<(String, Kind, Encoding)>,
}

impl Planned {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Plans importing `inputs` (in order) into `people`. `roles` are the interview bank's roles
/// (a role written by its title is stored by its id); `now` and `operator` seed new ids.
pub fn plan(
    people: &[Person],
    roles: &[Role],
    inputs: &[Input],
    encoding: Option<Encoding>,
    now: NaiveDateTime,
    operator: &str,
    lang: Lang,
) -> Result<Planned, Vec<RowError>> {
    let mut planned = Planned {
        people: people.to_vec(),
        ..Planned::default()
    };
    let mut errors = Vec::new();
    for input in inputs {
        let fail = |line: usize, message: String| RowError {
            file: input.label.to_owned(),
            line,
            field: String::new(),
            message,
            lang,
        };
        let (text, used) = match csv::decode(input.bytes, encoding) {
            Ok(decoded) => decoded,
            Err(err) => {
                errors.push(fail(
                    0,
                    match lang {
                        Lang::Zh => err.to_string(),
                        Lang::En => err.en(),
                    },
                ));
                continue;
            }
        };
        let records = match csv::parse(&text) {
            Ok(records) => records,
            Err(err) => {
                errors.push(fail(
                    err.line,
                    match lang {
                        Lang::Zh => err.to_string(),
                        Lang::En => err.en(),
                    },
                ));
                continue;
            }
        };
        let Some((header, rows)) = records.split_first() else {
            errors.push(fail(
                0,
                lang.t("文件是空的，没有表头行", "the file is empty: no header row")
                    .to_owned(),
            ));
            continue;
        };
        let (kind, columns) = match map_header(&header.fields) {
            Ok(mapped) => mapped,
            Err(err) => {
                errors.push(fail(
                    header.line,
                    match lang {
                        Lang::Zh => err.to_string(),
                        Lang::En => err.en(),
                    },
                ));
                continue;
            }
        };
        planned.files.push((input.label.to_owned(), kind, used));
        let mut file = FilePlan {
            label: input.label,
            roles,
            now,
            operator,
            planned: &mut planned,
            errors: &mut errors,
            lang,
        };
        for row in rows {
            file.row(kind, &columns, row);
        }
    }
    if errors.is_empty() {
        Ok(planned)
    } else {
        Err(errors)
    }
}

struct FilePlan<'a, 'b> {
    label: &'a str,
    roles: &'a [Role],
    now: NaiveDateTime,
    operator: &'a str,
    planned: &'b mut Planned,
    errors: &'b mut Vec<RowError>,
    lang: Lang,
}

/// One row's cells by column.
struct Cells<'r> {
    columns: &'r [Column],
    fields: &'r [String],
}

impl Cells<'_> {
    /// The trimmed cell of `column`, or `None` when the file has no such column.
    fn get(&self, column: Column) -> Option<&str> {
        let index = self.columns.iter().position(|c| *c == column)?;
        Some(self.fields.get(index).map_or("", |f| f.trim()))
    }
}

impl FilePlan<'_, '_> {
    fn error(&mut self, line: usize, column: Option<Column>, message: impl Into<String>) {
        self.errors.push(RowError {
            file: self.label.to_owned(),
            line,
            field: column
                .map(|c| self.column_name(c).to_owned())
                .unwrap_or_default(),
            message: message.into(),
            lang: self.lang,
        });
    }

    /// A column's header as messages name it: Chinese, or the English header.
    fn column_name(&self, column: Column) -> &'static str {
        match self.lang {
            Lang::Zh => column.headers().0,
            Lang::En => column.headers().1,
        }
    }

    fn row(&mut self, kind: Kind, columns: &[Column], row: &csv::Record) {
        if row.fields.len() > columns.len()
            && row.fields[columns.len()..]
                .iter()
                .any(|f| !f.trim().is_empty())
        {
            self.error(
                row.line,
                None,
                match self.lang {
                    Lang::Zh => format!(
                        "这一行有 {} 个字段，比表头多（表头 {} 列）：可能有未加引号的逗号",
                        row.fields.len(),
                        columns.len()
                    ),
                    Lang::En => format!(
                        "this row has {} fields, more than the header ({} columns): perhaps a comma without quotes",
                        row.fields.len(),
                        columns.len()
                    ),
                },
            );
            return;
        }
        let cells = Cells {
            columns,
            fields: &row.fields,
        };
        let person = match self.find_person(kind, &cells, row.line) {
            Some(person) => person,
            None => return,
        };
        match kind {
            Kind::People => self.people_row(person, &cells, row.line),
            Kind::Certificates => self.certificate_row(person, &cells, row.line),
            Kind::Training => self.training_row(person, &cells, row.line),
        }
    }

    /// The person a row is about: by id when the row gives one, else by name. In a people
    /// file an unknown person is a new one (`Target::New`); elsewhere it is a row error, and
    /// a name two people share always is.
    fn find_person(&mut self, kind: Kind, cells: &Cells, line: usize) -> Option<Target> {
        let id = cells.get(Column::Id).unwrap_or("");
        let name = cells.get(Column::Name).unwrap_or("");
        let people = &self.planned.people;
        if !id.is_empty() {
            if let Some(index) = people.iter().position(|p| p.id == id) {
                return Some(Target::Existing(index));
            }
            if kind == Kind::People {
                if name.is_empty() {
                    self.error(
                        line,
                        Some(Column::Name),
                        self.lang.t(
                            "新人员的姓名不能为空",
                            "a new person's name must not be empty",
                        ),
                    );
                    return None;
                }
                return Some(Target::New {
                    id: Some(id.to_owned()),
                });
            }
            self.error(
                line,
                Some(Column::Id),
                match self.lang {
                    Lang::Zh => format!("台账中没有编号为 {id} 的人"),
                    Lang::En => format!("nobody in the register has the id {id}"),
                },
            );
            return None;
        }
        if name.is_empty() {
            self.error(
                line,
                Some(Column::Name),
                self.lang
                    .t("姓名和人员编号都是空的", "both name and id are empty"),
            );
            return None;
        }
        let mut matches = people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name == name)
            .map(|(i, _)| i);
        match (matches.next(), matches.next()) {
            (Some(index), None) => Some(Target::Existing(index)),
            (Some(_), Some(_)) => {
                self.error(
                    line,
                    Some(Column::Name),
                    match self.lang {
                        Lang::Zh => format!("台账中有不止一个「{name}」：请加上「人员编号」列区分"),
                        Lang::En => format!(
                            "the register has more than one \"{name}\": add an id column to tell them apart"
                        ),
                    },
                );
                None
            }
            (None, _) if kind == Kind::People => Some(Target::New { id: None }),
            (None, _) => {
                self.error(
                    line,
                    Some(Column::Name),
                    match self.lang {
                        Lang::Zh => format!("台账中没有「{name}」：先导入人员表，或一起导入"),
                        Lang::En => format!(
                            "the register has no \"{name}\": import the people file first, or with it"
                        ),
                    },
                );
                None
            }
        }
    }

    fn people_row(&mut self, target: Target, cells: &Cells, line: usize) {
        let mut person = match &target {
            Target::Existing(index) => self.planned.people[*index].clone(),
            Target::New { id } => {
                let name = cells.get(Column::Name).unwrap_or("");
                let id = id.clone().unwrap_or_else(|| {
                    let seed = format!(
                        "{name}\u{1f}{}\u{1f}{}\u{1f}{line}",
                        self.now, self.operator
                    );
                    new_id('P', &seed, |id| {
                        self.planned.people.iter().any(|p| p.id == id)
                    })
                });
                Person::new(id, name)
            }
        };
        let mut changed: Vec<&'static str> = Vec::new();
        let errors_before = self.errors.len();
        if let Some(name) = cells.get(Column::Name)
            && !name.is_empty()
            && name != person.name
        {
            person.name = name.to_owned();
            changed.push(self.column_name(Column::Name));
        }
        if let Some(text) = cells.get(Column::Roles) {
            let roles = parse_roles(text, self.roles);
            if roles != person.roles {
                person.roles = roles;
                changed.push(self.column_name(Column::Roles));
            }
        }
        match cells.get(Column::OmStaff) {
            Some(text) => match parse_yes_no(text) {
                Ok(value) => {
                    let value = value.unwrap_or(false);
                    if value != person.om_staff {
                        person.om_staff = value;
                        changed.push(self.column_name(Column::OmStaff));
                    }
                }
                Err(message) => self.error(line, Some(Column::OmStaff), message.message(self.lang)),
            },
            // Without the column, a new person with an O&M role of the bank is O&M staff.
            None if matches!(target, Target::New { .. }) => {
                person.om_staff = person
                    .roles
                    .iter()
                    .any(|r| self.roles.iter().any(|b| *b.id == **r));
            }
            None => {}
        }
        if let Some(text) = cells.get(Column::Level) {
            match parse_level(text) {
                Ok(level) if level != person.level => {
                    person.level = level;
                    changed.push(self.column_name(Column::Level));
                }
                Ok(_) => {}
                Err(message) => self.error(line, Some(Column::Level), message.message(self.lang)),
            }
        }
        if let Some(text) = cells.get(Column::PassportHeld) {
            match parse_passport(text) {
                Ok(value) if value != person.passport => {
                    person.passport = value;
                    changed.push(self.column_name(Column::PassportHeld));
                }
                Ok(_) => {}
                Err(message) => {
                    self.error(line, Some(Column::PassportHeld), message.message(self.lang))
                }
            }
        }
        let dates: [(Column, DateSlot); 6] = [
            (Column::Hired, |p| &mut p.hired),
            (Column::InsuredSince, |p| &mut p.insured_since),
            (Column::PledgeSigned, |p| &mut p.pledge_signed),
            (Column::Vetted, |p| &mut p.vetted),
            (Column::PassportSince, |p| &mut p.passport_since),
            (Column::Left, |p| &mut p.left),
        ];
        for (column, slot) in dates {
            let Some(text) = cells.get(column) else {
                continue;
            };
            match parse_date(text) {
                Ok(date) => {
                    let field = slot(&mut person);
                    if *field != date {
                        *field = date;
                        changed.push(self.column_name(column));
                    }
                }
                Err(message) => self.error(line, Some(column), message.message(self.lang)),
            }
        }
        if self.errors.len() > errors_before {
            return;
        }
        match target {
            Target::New { .. } => {
                self.planned.changes.push(match self.lang {
                    Lang::Zh => format!("+ 新增人员 {}", person.name),
                    Lang::En => format!("+ new person {}", person.name),
                });
                self.planned.added += 1;
                self.planned.people.push(person);
            }
            Target::Existing(index) if !changed.is_empty() => {
                self.planned.changes.push(match self.lang {
                    Lang::Zh => format!("~ {}：{}", person.name, changed.join("、")),
                    Lang::En => format!("~ {}: {}", person.name, changed.join(", ")),
                });
                self.planned.updated += 1;
                self.planned.people[index] = person;
            }
            Target::Existing(_) => {}
        }
    }

    fn certificate_row(&mut self, target: Target, cells: &Cells, line: usize) {
        let Target::Existing(index) = target else {
            return;
        };
        let name = cells.get(Column::Certificate).unwrap_or("");
        if name.is_empty() {
            self.error(
                line,
                Some(Column::Certificate),
                self.lang
                    .t("证书名称不能为空", "the certificate name must not be empty"),
            );
            return;
        }
        let number = csv::uncode(cells.get(Column::Number).unwrap_or("")).to_owned();
        let valid_until = match cells.get(Column::ValidUntil).map(parse_date) {
            Some(Err(message)) => {
                self.error(line, Some(Column::ValidUntil), message.message(self.lang));
                return;
            }
            Some(Ok(date)) => Some(date),
            None => None,
        };
        let issuer = cells.get(Column::Issuer).map(str::to_owned);
        let seed = format!("{name}\u{1f}{number}\u{1f}{}\u{1f}{line}", self.now);
        let id = new_id('C', &seed, |id| {
            self.planned
                .people
                .iter()
                .any(|p| p.certificates.iter().any(|c| c.id == id))
        });
        let person = &mut self.planned.people[index];
        let who = person.name.clone();
        match person
            .certificates
            .iter_mut()
            .find(|c| c.name == name && c.number == number)
        {
            Some(cert) => {
                let mut changed = false;
                if let Some(issuer) = issuer
                    && issuer != cert.issuer
                {
                    cert.issuer = issuer;
                    changed = true;
                }
                if let Some(until) = valid_until
                    && until != cert.valid_until
                {
                    cert.valid_until = until;
                    changed = true;
                }
                if changed {
                    let line = match self.lang {
                        Lang::Zh => format!("~ {who}：证书 {name}"),
                        Lang::En => format!("~ {who}: certificate {name}"),
                    };
                    self.planned.changes.push(line);
                    self.planned.records_updated += 1;
                }
            }
            None => {
                person.certificates.push(Certificate {
                    id,
                    name: name.to_owned(),
                    number,
                    issuer: issuer.unwrap_or_default(),
                    valid_until: valid_until.flatten(),
                });
                let line = match self.lang {
                    Lang::Zh => format!("+ {who}：证书 {name}"),
                    Lang::En => format!("+ {who}: certificate {name}"),
                };
                self.planned.changes.push(line);
                self.planned.records_added += 1;
            }
        }
    }

    fn training_row(&mut self, target: Target, cells: &Cells, line: usize) {
        let Target::Existing(index) = target else {
            return;
        };
        let date = match parse_date(cells.get(Column::Date).unwrap_or("")) {
            Ok(Some(date)) => date,
            Ok(None) => {
                self.error(
                    line,
                    Some(Column::Date),
                    self.lang
                        .t("培训日期不能为空", "the training date must not be empty"),
                );
                return;
            }
            Err(message) => {
                self.error(line, Some(Column::Date), message.message(self.lang));
                return;
            }
        };
        let hours = match parse_hours(cells.get(Column::Hours).unwrap_or("")) {
            Ok(hours) => hours,
            Err(message) => {
                self.error(line, Some(Column::Hours), message.message(self.lang));
                return;
            }
        };
        let topic = cells.get(Column::Topic).unwrap_or("").to_owned();
        let seed = format!("{date}\u{1f}{topic}\u{1f}{}\u{1f}{line}", self.now);
        let id = new_id('T', &seed, |id| {
            self.planned
                .people
                .iter()
                .any(|p| p.training.iter().any(|t| t.id == id))
        });
        let person = &mut self.planned.people[index];
        let who = person.name.clone();
        match person
            .training
            .iter_mut()
            .find(|t| t.date == date && t.topic == topic)
        {
            Some(record) if record.hours != hours => {
                record.hours = hours;
                self.planned.changes.push(match self.lang {
                    Lang::Zh => format!("~ {who}：{date} 培训学时 {hours}"),
                    Lang::En => format!("~ {who}: {date} training hours {hours}"),
                });
                self.planned.records_updated += 1;
            }
            Some(_) => {}
            None => {
                person.training.push(Training {
                    id,
                    date,
                    hours,
                    topic,
                });
                person.training.sort_by_key(|t| t.date);
                self.planned.changes.push(match self.lang {
                    Lang::Zh => format!("+ {who}：{date} 培训 {hours} 学时"),
                    Lang::En => format!("+ {who}: {date} training, {hours} hours"),
                });
                self.planned.records_added += 1;
            }
        }
    }
}

/// Where a date column goes in a person.
type DateSlot = fn(&mut Person) -> &mut Option<NaiveDate>;

/// Who a row is about.
enum Target {
    Existing(usize),
    New { id: Option<String> },
}

#[cfg(test)]
mod tests;
