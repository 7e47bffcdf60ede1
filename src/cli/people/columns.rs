//! The spreadsheets' columns: canonical Chinese headers (what `export` writes) with their
//! English aliases, and how a file's kind is told from its header row.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The person's stable id (人员编号).
    Id,
    Name,
    Roles,
    OmStaff,
    Level,
    Hired,
    InsuredSince,
    PledgeSigned,
    Vetted,
    PassportHeld,
    PassportSince,
    Left,
    Certificate,
    Number,
    Issuer,
    ValidUntil,
    Date,
    Hours,
    Topic,
}

/// The kind of file, told by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    People,
    Certificates,
    Training,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::People => "人员",
            Kind::Certificates => "证书",
            Kind::Training => "培训记录",
        }
    }

    /// The kind in English, for `--lang en`.
    pub fn label_en(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Certificates => "certificates",
            Kind::Training => "training records",
        }
    }

    /// The canonical columns, in the order `export` writes them.
    pub fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            Kind::People => &[
                Id,
                Name,
                Roles,
                OmStaff,
                Level,
                Hired,
                InsuredSince,
                PledgeSigned,
                Vetted,
                PassportHeld,
                PassportSince,
                Left,
            ],
            Kind::Certificates => &[Id, Name, Certificate, Number, Issuer, ValidUntil],
            Kind::Training => &[Id, Name, Date, Hours, Topic],
        }
    }

    /// The file name `export` writes.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::People => "people.csv",
            Kind::Certificates => "certificates.csv",
            Kind::Training => "training.csv",
        }
    }
}

impl Column {
    /// The canonical Chinese header and the English alias.
    pub fn headers(self) -> (&'static str, &'static str) {
        match self {
            Column::Id => ("人员编号", "id"),
            Column::Name => ("姓名", "name"),
            Column::Roles => ("角色", "roles"),
            Column::OmStaff => ("运维人员", "om_staff"),
            Column::Level => ("涉密等级", "level"),
            Column::Hired => ("入职日期", "hired"),
            Column::InsuredSince => ("社保起缴日期", "insured_since"),
            Column::PledgeSigned => ("承诺书签订日期", "pledge_signed"),
            Column::Vetted => ("上岗审查日期", "vetted"),
            Column::PassportHeld => ("护照由单位保管", "passport_held"),
            Column::PassportSince => ("护照保管日期", "passport_since"),
            Column::Left => ("离岗日期", "left"),
            Column::Certificate => ("证书", "certificate"),
            Column::Number => ("编号", "number"),
            Column::Issuer => ("发证机构", "issuer"),
            Column::ValidUntil => ("有效期至", "valid_until"),
            Column::Date => ("日期", "date"),
            Column::Hours => ("学时", "hours"),
            Column::Topic => ("内容", "topic"),
        }
    }

    pub fn label(self) -> &'static str {
        self.headers().0
    }
}

/// A header row that could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("第 {column} 列的表头「{header}」不认识（可用的表头：{known}）")]
    Unknown {
        column: usize,
        header: String,
        known: String,
        /// The known headers as English speakers write them.
        known_en: String,
    },
    #[error("表头「{header}」出现了两次")]
    Duplicate { header: String },
    #[error("缺少「姓名」或「人员编号」列，无法知道每一行是谁")]
    NoPerson,
    #[error("{kind}文件缺少「{header}」列")]
    Missing {
        kind: &'static str,
        header: &'static str,
    },
}

impl HeaderError {
    /// The message under `--lang en` (headers as the file wrote them).
    pub fn en(&self) -> String {
        match self {
            HeaderError::Unknown {
                column,
                header,
                known_en,
                ..
            } => format!(
                "column {column}: the header \"{header}\" is unknown (known headers: {known_en})"
            ),
            HeaderError::Duplicate { header } => format!("the header \"{header}\" appears twice"),
            HeaderError::NoPerson => {
                "no name or id column, so no row says whom it is about".to_owned()
            }
            HeaderError::Missing { kind, header } => {
                let kind = match *kind {
                    "人员" => "people",
                    "证书" => "certificates",
                    _ => "training",
                };
                let header = match *header {
                    "姓名" => "name",
                    "证书" => "certificate",
                    "日期" => "date",
                    "学时" => "hours",
                    other => other,
                };
                format!("the {kind} file lacks the \"{header}\" column")
            }
        }
    }
}

/// Maps a header row to the file's kind and each field's column. `编号` means the person's id
/// in a people or training file (the 编号 (id)) and the certificate number in a
/// certificates file.
pub fn map_header(header: &[String]) -> Result<(Kind, Vec<Column>), HeaderError> {
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
        .collect();
    let has = |zh: &str, en: &str| names.iter().any(|n| *n == zh || n.eq_ignore_ascii_case(en));
    let kind = if has("证书", "certificate") {
        Kind::Certificates
    } else if has("学时", "hours") {
        Kind::Training
    } else {
        Kind::People
    };
    let mut columns = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let column = if *name == "编号" {
            Some(match kind {
                Kind::Certificates => Column::Number,
                _ => Column::Id,
            })
        } else {
            kind.columns().iter().copied().find(|c| {
                let (zh, en) = c.headers();
                *name == zh || name.eq_ignore_ascii_case(en)
            })
        };
        let Some(column) = column else {
            let known: Vec<String> = kind
                .columns()
                .iter()
                .map(|c| format!("{}（{}）", c.headers().0, c.headers().1))
                .collect();
            let known_en: Vec<&str> = kind.columns().iter().map(|c| c.headers().1).collect();
            return Err(HeaderError::Unknown {
                column: index + 1,
                header: (*name).to_owned(),
                known: known.join("、"),
                known_en: known_en.join(", "),
            });
        };
        if columns.contains(&column) {
            return Err(HeaderError::Duplicate {
                header: (*name).to_owned(),
            });
        }
        columns.push(column);
    }
    if !columns.contains(&Column::Name) && !columns.contains(&Column::Id) {
        return Err(HeaderError::NoPerson);
    }
    let required: &[Column] = match kind {
        Kind::People => &[Column::Name],
        Kind::Certificates => &[Column::Certificate],
        Kind::Training => &[Column::Date, Column::Hours],
    };
    for column in required {
        if !columns.contains(column) {
            return Err(HeaderError::Missing {
                kind: kind.label(),
                header: column.label(),
            });
        }
    }
    Ok((kind, columns))
}
