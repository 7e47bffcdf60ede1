//! The register's form: a person's fields, a certificate or a training session, one text box a
//! row. Every edit that reads as a valid value is written into progress at once (a kill
//! mid-edit loses nothing); a value that does not read shows why and is not written.

use crate::domain::date_input;
use crate::domain::people::fields::{Field as PersonField, parse_date, parse_hours};
use crate::i18n::Lang;
use crate::progress::{Certificate, Person, Progress, Training, id_seed};
use crate::screens::Ctx;
use crate::widgets::form::{Field, Form as WForm};

/// What a row edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Person(PersonField),
    CertName,
    CertNumber,
    CertIssuer,
    CertValidUntil,
    TrainDate,
    TrainHours,
    TrainTopic,
}

impl RowKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RowKind::Person(field) => field.name(lang),
            RowKind::CertName => lang.t("证书", "Certificate"),
            RowKind::CertNumber => lang.t("编号", "Number"),
            RowKind::CertIssuer => lang.t("发证机构", "Issuer"),
            RowKind::CertValidUntil => lang.t("有效期至", "Valid until"),
            RowKind::TrainDate => lang.t("日期", "Date"),
            RowKind::TrainHours => lang.t("学时", "Hours"),
            RowKind::TrainTopic => lang.t("内容", "Topic"),
        }
    }

    pub fn is_date(self) -> bool {
        matches!(
            self,
            RowKind::CertValidUntil
                | RowKind::TrainDate
                | RowKind::Person(
                    PersonField::Hired
                        | PersonField::InsuredSince
                        | PersonField::PledgeSigned
                        | PersonField::Vetted
                        | PersonField::PassportSince
                        | PersonField::Left
                )
        )
    }

    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            RowKind::Person(field) => field.hint(lang),
            RowKind::CertName => lang.t(
                "保密培训证书、CISP、等保测评师……",
                "e.g. secrecy training certificate, CISP, 等保测评师",
            ),
            RowKind::TrainHours => lang.t(
                "数字，可带小数，如 4 或 1.5",
                "A number, decimals allowed: 4 or 1.5",
            ),
            RowKind::CertValidUntil | RowKind::TrainDate => lang.t(
                "2026-01-05、2026/1/5、2026年1月5日",
                "2026-01-05, 2026/1/5 or 2026.1.5",
            ),
            _ => "",
        }
    }
}

/// What the form edits; a new record exists once its first required value is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Person(Option<String>),
    Certificate { person: String, id: Option<String> },
    Training { person: String, id: Option<String> },
}

/// The register's form: what each row edits, and the rows in the one form widget.
#[derive(Debug, Clone)]
pub struct Form {
    pub target: Target,
    pub kinds: Vec<RowKind>,
    pub form: WForm,
}

/// The form widget's field for a row of `kind` holding `text`.
fn row(kind: RowKind, text: &str, lang: Lang) -> Field {
    let field = if kind.is_date() {
        Field::date(kind.label(lang), text)
    } else {
        Field::text(kind.label(lang), text, 200)
    };
    // The first value of a new record makes it: name, certificate, date.
    let required = matches!(
        kind,
        RowKind::Person(PersonField::Name) | RowKind::CertName | RowKind::TrainDate
    );
    let field = field.with_hint(kind.hint(lang));
    if required { field.required() } else { field }
}

fn build(target: Target, rows: Vec<(RowKind, String)>, lang: Lang) -> Form {
    let kinds = rows.iter().map(|(k, _)| *k).collect();
    let fields = rows.iter().map(|(k, text)| row(*k, text, lang)).collect();
    Form {
        target,
        kinds,
        form: WForm::new(fields, lang),
    }
}

impl Form {
    /// A person's form: the person with `id`, or a new one.
    pub fn person(
        progress: &Progress,
        id: Option<&str>,
        bank: &[crate::content::Role],
        lang: Lang,
    ) -> Self {
        let person = id.and_then(|id| progress.person(id));
        let rows = PersonField::ALL
            .iter()
            .map(|f| {
                let text = person.map(|p| f.text(p, bank, lang)).unwrap_or_default();
                (RowKind::Person(*f), text)
            })
            .collect();
        build(Target::Person(person.map(|p| p.id.clone())), rows, lang)
    }

    /// A certificate of `person`: the one with `id`, or a new one.
    pub fn certificate(person: &Person, id: Option<&str>, lang: Lang) -> Self {
        let cert = id.and_then(|id| person.certificates.iter().find(|c| c.id == id));
        let text = |f: fn(&Certificate) -> String| cert.map(f).unwrap_or_default();
        build(
            Target::Certificate {
                person: person.id.clone(),
                id: cert.map(|c| c.id.clone()),
            },
            vec![
                (RowKind::CertName, text(|c| c.name.clone())),
                (RowKind::CertNumber, text(|c| c.number.clone())),
                (RowKind::CertIssuer, text(|c| c.issuer.clone())),
                (
                    RowKind::CertValidUntil,
                    text(|c| c.valid_until.map(|d| d.to_string()).unwrap_or_default()),
                ),
            ],
            lang,
        )
    }

    /// A training session of `person`: the one with `id`, or a new one.
    pub fn training(person: &Person, id: Option<&str>, lang: Lang) -> Self {
        let record = id.and_then(|id| person.training.iter().find(|t| t.id == id));
        build(
            Target::Training {
                person: person.id.clone(),
                id: record.map(|t| t.id.clone()),
            },
            vec![
                (
                    RowKind::TrainDate,
                    record.map(|t| t.date.to_string()).unwrap_or_default(),
                ),
                (
                    RowKind::TrainHours,
                    record.map(|t| format!("{}", t.hours)).unwrap_or_default(),
                ),
                (
                    RowKind::TrainTopic,
                    record.map(|t| t.topic.clone()).unwrap_or_default(),
                ),
            ],
            lang,
        )
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        match &self.target {
            Target::Person(None) => lang.t("添加人员", "Add a person"),
            Target::Person(Some(_)) => lang.t("编辑人员", "Edit person"),
            Target::Certificate { id: None, .. } => lang.t("添加证书", "Add a certificate"),
            Target::Certificate { .. } => lang.t("编辑证书", "Edit certificate"),
            Target::Training { id: None, .. } => lang.t("添加培训记录", "Add a training session"),
            Target::Training { .. } => lang.t("编辑培训记录", "Edit training session"),
        }
    }

    /// The person the form belongs to, once it exists.
    pub fn person_id(&self) -> Option<&str> {
        match &self.target {
            Target::Person(id) => id.as_deref(),
            Target::Certificate { person, .. } | Target::Training { person, .. } => Some(person),
        }
    }

    /// Writes row `index` into progress when it reads; returns whether progress changed.
    pub fn apply(&mut self, index: usize, ctx: &mut Ctx) -> bool {
        let Some(kind) = self.kinds.get(index).copied() else {
            return false;
        };
        let mut text = self.form.value(index);
        // Typed in the form, a relative date (今天, 明天, +5) is the day it names today;
        // files take absolute dates only.
        if kind.is_date()
            && matches!(date_input::parse(&text), Ok(Some(t)) if !matches!(t, date_input::Typed::Date(_)))
            && let Ok(Some(resolved)) = date_input::resolve(&text, ctx.now.date(), ctx.calendar)
        {
            text = resolved.date.to_string();
        }
        // A date is written as soon as it reads as one, even on its way ("2026-03-1" before
        // "2026-03-15" is written as the 1st, then as the 15th), so a kill mid-edit keeps what
        // was typed. Text that does not read yet is not written; one that can never be a date
        // ("2026-02-30") says so at once and clears what its first digits had written.
        if kind.is_date() && !text.trim().is_empty() {
            match date_input::parse(&text) {
                Ok(Some(_)) => {}
                Err(err @ date_input::DateInputError::Impossible { .. }) => {
                    self.form.set_error(Some(err.message(self.form.lang())));
                    return match kind {
                        RowKind::Person(field) => {
                            self.apply_person(field, "", ctx).unwrap_or(false)
                        }
                        _ => false,
                    };
                }
                _ => return false,
            }
        }
        let result = match kind {
            RowKind::Person(field) => self.apply_person(field, &text, ctx),
            RowKind::CertName | RowKind::CertNumber | RowKind::CertIssuer => {
                self.apply_certificate(kind, &text, ctx)
            }
            RowKind::CertValidUntil => match parse_date(&text) {
                Ok(_) => self.apply_certificate(kind, &text, ctx),
                Err(e) => Err(e.message(self.form.lang())),
            },
            RowKind::TrainDate | RowKind::TrainHours | RowKind::TrainTopic => {
                self.apply_training(kind, &text, ctx)
            }
        };
        match result {
            Ok(changed) => changed,
            Err(message) => {
                self.form.set_error(Some(message));
                false
            }
        }
    }

    fn apply_person(
        &mut self,
        field: PersonField,
        text: &str,
        ctx: &mut Ctx,
    ) -> Result<bool, String> {
        let bank = &ctx.content.interview.roles;
        let lang = self.form.lang();
        let id = match &self.target {
            Target::Person(Some(id)) => id.clone(),
            Target::Person(None) => {
                if field != PersonField::Name {
                    return Err(lang.t("先填姓名", "Type the name first").to_owned());
                }
                let name = text.trim();
                if name.is_empty() {
                    return Ok(false);
                }
                let seed = id_seed(name, ctx.now, &ctx.progress.operator);
                let id = ctx.progress.new_person_id(&seed);
                ctx.progress.people.push(Person::new(id.clone(), name));
                self.target = Target::Person(Some(id));
                return Ok(true);
            }
            _ => return Ok(false),
        };
        let Some(person) = ctx.progress.people.iter_mut().find(|p| p.id == id) else {
            return Err(lang
                .t(
                    "此人已不在台账中",
                    "This person is no longer in the register",
                )
                .to_owned());
        };
        field.set(person, text, bank).map_err(|e| e.message(lang))
    }

    fn apply_certificate(
        &mut self,
        kind: RowKind,
        text: &str,
        ctx: &mut Ctx,
    ) -> Result<bool, String> {
        let lang = self.form.lang();
        let Target::Certificate { person, id } = &self.target else {
            return Ok(false);
        };
        let person_id = person.clone();
        let text = text.trim();
        let cert_id = match id {
            Some(id) => id.clone(),
            None => {
                if kind != RowKind::CertName {
                    return Err(lang
                        .t("先填证书名称", "Type the certificate's name first")
                        .to_owned());
                }
                if text.is_empty() {
                    return Ok(false);
                }
                let seed = id_seed(text, ctx.now, &ctx.progress.operator);
                let new = ctx.progress.new_record_id('C', &seed);
                let Some(p) = ctx.progress.people.iter_mut().find(|p| p.id == person_id) else {
                    return Err(lang
                        .t(
                            "此人已不在台账中",
                            "This person is no longer in the register",
                        )
                        .to_owned());
                };
                p.certificates.push(Certificate {
                    id: new.clone(),
                    name: text.to_owned(),
                    number: String::new(),
                    issuer: String::new(),
                    valid_until: None,
                });
                self.target = Target::Certificate {
                    person: person_id,
                    id: Some(new),
                };
                return Ok(true);
            }
        };
        let cert = ctx
            .progress
            .people
            .iter_mut()
            .find(|p| p.id == person_id)
            .and_then(|p| p.certificates.iter_mut().find(|c| c.id == cert_id))
            .ok_or(lang.t("这张证书已被删除", "This certificate was deleted"))?;
        let changed = match kind {
            RowKind::CertName if text.is_empty() => {
                return Err(lang
                    .t("证书名称不能为空", "The certificate's name cannot be empty")
                    .to_owned());
            }
            RowKind::CertName => replace(&mut cert.name, text),
            RowKind::CertNumber => replace(&mut cert.number, text),
            RowKind::CertIssuer => replace(&mut cert.issuer, text),
            RowKind::CertValidUntil => {
                let date = parse_date(text).map_err(|e| e.message(lang))?;
                let changed = cert.valid_until != date;
                cert.valid_until = date;
                changed
            }
            _ => false,
        };
        Ok(changed)
    }

    fn apply_training(&mut self, kind: RowKind, text: &str, ctx: &mut Ctx) -> Result<bool, String> {
        let lang = self.form.lang();
        let Target::Training { person, id } = &self.target else {
            return Ok(false);
        };
        let person_id = person.clone();
        let text = text.trim();
        let record_id = match id {
            Some(id) => id.clone(),
            None => {
                if kind != RowKind::TrainDate {
                    return Err(lang
                        .t("先填培训日期", "Type the training date first")
                        .to_owned());
                }
                let Some(date) = parse_date(text).map_err(|e| e.message(lang))? else {
                    return Ok(false);
                };
                let seed = id_seed(&date.to_string(), ctx.now, &ctx.progress.operator);
                let new = ctx.progress.new_record_id('T', &seed);
                let Some(p) = ctx.progress.people.iter_mut().find(|p| p.id == person_id) else {
                    return Err(lang
                        .t(
                            "此人已不在台账中",
                            "This person is no longer in the register",
                        )
                        .to_owned());
                };
                p.training.push(Training {
                    id: new.clone(),
                    date,
                    hours: 0.0,
                    topic: String::new(),
                });
                self.target = Target::Training {
                    person: person_id,
                    id: Some(new),
                };
                return Ok(true);
            }
        };
        let record = ctx
            .progress
            .people
            .iter_mut()
            .find(|p| p.id == person_id)
            .and_then(|p| p.training.iter_mut().find(|t| t.id == record_id))
            .ok_or(lang.t("这条培训记录已被删除", "This training record was deleted"))?;
        let changed = match kind {
            RowKind::TrainDate => match parse_date(text).map_err(|e| e.message(lang))? {
                Some(date) => {
                    let changed = record.date != date;
                    record.date = date;
                    changed
                }
                None => {
                    return Err(lang
                        .t("培训日期不能为空", "The training date cannot be empty")
                        .to_owned());
                }
            },
            RowKind::TrainHours => {
                let hours = parse_hours(text).map_err(|e| e.message(lang))?;
                let changed = record.hours != hours;
                record.hours = hours;
                changed
            }
            RowKind::TrainTopic => replace(&mut record.topic, text),
            _ => false,
        };
        Ok(changed)
    }
}

fn replace(slot: &mut String, text: &str) -> bool {
    if slot == text {
        return false;
    }
    *slot = text.to_owned();
    true
}
