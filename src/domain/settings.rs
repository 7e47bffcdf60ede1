//! The unit's settings as text, both ways: the keys `zizhi settings set KEY VALUE` takes and
//! the TUI settings dialog edits, one reading of each, so a value typed in either means the
//! same. Pure: the caller saves.

use thiserror::Error;

use crate::content::{Content, Grade};
use crate::i18n::Lang;
use crate::progress::{DEFAULT_MARKING, DEFAULT_MARKING_EN, Progress, Settings};

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Grade,
    Organisation,
    Marking,
    TrainingHours,
    InsuredThreshold,
}

/// Why a value was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingError {
    #[error("{0}")]
    UnknownKey(String),
    #[error("{0}")]
    BadValue(String),
}

impl Key {
    pub const ALL: [Key; 5] = [
        Key::Grade,
        Key::Organisation,
        Key::Marking,
        Key::TrainingHours,
        Key::InsuredThreshold,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Key::Grade => "grade",
            Key::Organisation => "organisation",
            Key::Marking => "marking",
            Key::TrainingHours => "training-hours",
            Key::InsuredThreshold => "insured-threshold",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Key::Grade => lang.t("目标等级", "Target grade"),
            Key::Organisation => lang.t("单位名称", "Organisation"),
            Key::Marking => lang.t("报告标注", "Report marking"),
            Key::TrainingHours => lang.t("每年保密培训学时", "Training hours a year"),
            Key::InsuredThreshold => lang.t("社保满一年人数门槛", "Insured-headcount threshold"),
        }
    }

    /// What may be typed, and what an empty value means.
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Key::Grade => lang.t("甲级 或 乙级；留空为乙级", "A or B; empty: B"),
            Key::Organisation => lang.t(
                "印在报告抬头；留空则不印",
                "printed in report headers; empty: none",
            ),
            Key::Marking => lang.t(
                "印在报告顶部和每一打印页；留空为默认，写「无」则不印",
                "top of reports and every printed page; empty: default, none: no marking",
            ),
            Key::TrainingHours => lang.t(
                "按单位制度填写（常见 4 或 8）；留空则只查今年有无培训",
                "by the unit's rules (4 or 8 are common); empty: any training this year",
            ),
            Key::InsuredThreshold => lang.t(
                "按属地公布的具体条件填写；留空则用内容里的数字",
                "from the provincial published conditions; empty: the content's figure",
            ),
        }
    }

    /// Finds a key by its command-line name or its Chinese label.
    pub fn parse(text: &str, lang: Lang) -> Result<Key, SettingError> {
        let wanted = text.trim();
        let alias = match wanted {
            "org" | "organization" => Some(Key::Organisation),
            "target-grade" => Some(Key::Grade),
            _ => None,
        };
        alias
            .or_else(|| {
                Key::ALL
                    .into_iter()
                    .find(|k| k.name() == wanted || k.label(Lang::Zh) == wanted)
            })
            .ok_or_else(|| {
                let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
                SettingError::UnknownKey(match lang {
                    Lang::Zh => format!("没有名为「{wanted}」的设置；可用：{}", names.join("、")),
                    Lang::En => format!("no setting named '{wanted}'; known: {}", names.join(", ")),
                })
            })
    }

    /// The value as it is set, as text ("" when unset).
    pub fn text(self, settings: &Settings) -> String {
        match self {
            Key::Grade => settings
                .target_grade
                .map(|g| g.label().to_owned())
                .unwrap_or_default(),
            Key::Organisation => settings.organisation.clone(),
            Key::Marking => match settings.marking.as_deref() {
                Some("") => NO_MARKING.to_owned(),
                Some(text) => text.to_owned(),
                None => String::new(),
            },
            Key::TrainingHours => settings
                .training_hours
                .map(|h| format!("{h}"))
                .unwrap_or_default(),
            Key::InsuredThreshold => settings
                .insured_threshold
                .map(|n| n.to_string())
                .unwrap_or_default(),
        }
    }

    /// Sets the value from `text`; empty clears it (the default applies). Returns whether
    /// anything changed; a value that does not read changes nothing.
    pub fn set(
        self,
        settings: &mut Settings,
        text: &str,
        lang: Lang,
    ) -> Result<bool, SettingError> {
        let before = settings.clone();
        let value = text.trim();
        let bad = |zh: String, en: String| {
            Err(SettingError::BadValue(match lang {
                Lang::Zh => zh,
                Lang::En => en,
            }))
        };
        match self {
            Key::Grade => {
                settings.target_grade = match value {
                    "" => None,
                    "甲级" | "甲" | "a" | "A" => Some(Grade::A),
                    "乙级" | "乙" | "b" | "B" => Some(Grade::B),
                    other => {
                        return bad(
                            format!("目标等级只能是 甲级 或 乙级，不是「{other}」"),
                            format!("the target grade is A or B, not '{other}'"),
                        );
                    }
                }
            }
            Key::Organisation => {
                if value.chars().count() > MAX_CHARS {
                    return bad(
                        format!("单位名称最多 {MAX_CHARS} 个字"),
                        format!("the organisation is at most {MAX_CHARS} characters"),
                    );
                }
                settings.organisation = value.to_owned();
            }
            Key::Marking => {
                if value.chars().count() > MAX_CHARS {
                    return bad(
                        format!("标注最多 {MAX_CHARS} 个字"),
                        format!("the marking is at most {MAX_CHARS} characters"),
                    );
                }
                settings.marking = match value {
                    "" => None,
                    v if v == NO_MARKING || v.eq_ignore_ascii_case("none") => Some(String::new()),
                    v => Some(v.to_owned()),
                };
            }
            Key::TrainingHours => {
                settings.training_hours = if value.is_empty() {
                    None
                } else {
                    let number = value.trim_end_matches("学时").trim();
                    match number.parse::<f64>() {
                        Ok(h) if h > 0.0 && h <= 1000.0 => Some(h),
                        _ => {
                            return bad(
                                format!("「{value}」不是合理的学时数（大于 0，至多 1000）"),
                                format!(
                                    "'{value}' is not a number of hours (above 0, at most 1000)"
                                ),
                            );
                        }
                    }
                }
            }
            Key::InsuredThreshold => {
                settings.insured_threshold = if value.is_empty() {
                    None
                } else {
                    let number = value.trim_end_matches('人').trim();
                    match number.parse::<u32>() {
                        Ok(n) if n <= 100_000 => Some(n),
                        _ => {
                            return bad(
                                format!("「{value}」不是人数（0 以上的整数）"),
                                format!("'{value}' is not a headcount (a whole number)"),
                            );
                        }
                    }
                }
            }
        }
        Ok(*settings != before)
    }

    /// What applies, in words: the value set, or the default and where it comes from.
    pub fn effective(self, content: &Content, progress: &Progress, lang: Lang) -> String {
        let settings = &progress.settings;
        match self {
            Key::Grade => match settings.target_grade {
                Some(g) => grade_name(g, lang).to_owned(),
                None => format!("{}{}", grade_name(Grade::B, lang), lang.t("（默认）", " (default)")),
            },
            Key::Organisation if settings.organisation.is_empty() => {
                lang.t("（未设置，报告不印单位）", "(not set: reports name none)").to_owned()
            }
            Key::Organisation => settings.organisation.clone(),
            Key::Marking => match settings.marking.as_deref() {
                None => format!(
                    "{}{}",
                    lang.t(DEFAULT_MARKING, DEFAULT_MARKING_EN),
                    lang.t("（默认）", " (default)")
                ),
                Some("") => lang.t("（不印标注）", "(no marking)").to_owned(),
                Some(text) => text.to_owned(),
            },
            Key::TrainingHours => match settings.training_hours {
                Some(h) => format!("{h} {}", lang.t("学时", "hours")),
                None => lang
                    .t(
                        "（未设置：只查今年有无培训记录）",
                        "(not set: only whether there was training this year)",
                    )
                    .to_owned(),
            },
            Key::InsuredThreshold => {
                match crate::domain::people::threshold(content, progress) {
                    Some(t) => match lang {
                        Lang::Zh => format!("{} 人（{}：{}）", t.min, t.grade, t.basis),
                        Lang::En => format!(
                            "{} people ({}: {})",
                            t.min,
                            grade_name(crate::domain::people::target_grade(progress), lang),
                            t.basis_en
                        ),
                    },
                    None => lang
                        .t(
                            "（未设置；内容里没有该等级的数字，请按属地公布的具体条件填写）",
                            "(not set; the content has no figure for this grade: enter the provincial one)",
                        )
                        .to_owned(),
                }
            }
        }
    }
}

/// A grade in the interface language.
pub fn grade_name(grade: Grade, lang: Lang) -> &'static str {
    grade.name(lang)
}

/// What the marking shows when it is set to print nothing.
pub const NO_MARKING: &str = "无";

/// The longest organisation or marking.
pub const MAX_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_reads_what_it_shows_and_empty_clears_it() {
        let mut settings = Settings::default();
        for (key, text) in [
            (Key::Grade, "甲级"),
            (Key::Organisation, "某某信息技术有限公司"),
            (Key::Marking, "内部资料"),
            (Key::TrainingHours, "4.5"),
            (Key::InsuredThreshold, "20"),
        ] {
            assert_eq!(key.set(&mut settings, text, Lang::Zh), Ok(true));
            assert_eq!(key.text(&settings), text);
            assert_eq!(
                key.set(&mut settings, text, Lang::Zh),
                Ok(false),
                "no change"
            );
        }
        for key in Key::ALL {
            key.set(&mut settings, "", Lang::Zh).expect("empty clears");
        }
        assert!(settings.is_empty());
    }

    #[test]
    fn no_marking_is_written_as_none_and_shown_as_such() {
        let mut settings = Settings::default();
        Key::Marking
            .set(&mut settings, "none", Lang::En)
            .expect("reads");
        assert_eq!(settings.marking(), "");
        assert_eq!(Key::Marking.text(&settings), NO_MARKING);
        Key::Marking
            .set(&mut settings, "", Lang::Zh)
            .expect("reads");
        assert_eq!(settings.marking(), DEFAULT_MARKING);
    }

    #[test]
    fn a_bad_value_changes_nothing_and_says_why_in_the_chosen_language() {
        let mut settings = Settings::default();
        Key::TrainingHours
            .set(&mut settings, "8", Lang::Zh)
            .expect("reads");
        let err = Key::TrainingHours
            .set(&mut settings, "eight", Lang::En)
            .expect_err("not a number");
        assert!(err.to_string().contains("'eight'"), "{err}");
        assert_eq!(settings.training_hours, Some(8.0));
        assert!(
            Key::TrainingHours
                .set(&mut settings, "0", Lang::Zh)
                .is_err()
        );
        assert!(
            Key::InsuredThreshold
                .set(&mut settings, "-3", Lang::Zh)
                .is_err()
        );
        assert!(Key::Grade.set(&mut settings, "丙级", Lang::Zh).is_err());
        let err = Key::parse("hours", Lang::Zh).expect_err("unknown");
        assert!(err.to_string().contains("training-hours"), "{err}");
    }

    #[test]
    fn keys_are_found_by_name_alias_or_chinese_label() {
        assert_eq!(Key::parse("org", Lang::Zh), Ok(Key::Organisation));
        assert_eq!(Key::parse("报告标注", Lang::Zh), Ok(Key::Marking));
        for key in Key::ALL {
            assert_eq!(Key::parse(key.name(), Lang::En), Ok(key));
        }
    }
}
