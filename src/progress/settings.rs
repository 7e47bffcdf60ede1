//! The unit's settings, kept with the progress (and shared in team mode like the rest of it):
//! the target grade, the organisation and marking line on reports, and the figures the staff
//! register's checks need from the unit's own rules. Editing them goes through
//! `domain::settings`, used by the TUI dialog and `zizhi settings` alike.

use serde::{Deserialize, Serialize};

use crate::content::Grade;

/// The marking printed on reports when none is set.
pub const DEFAULT_MARKING: &str = "内部资料 注意保密";

/// The unit's settings. Every field may be absent: the app then uses its default (乙级, no
/// organisation, [`DEFAULT_MARKING`], any training this year, the content's threshold).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The grade the company applies for: the headcount threshold is this grade's and the
    /// interview's grade-aware key points (录像保存期) are judged for it. Absent: 乙级.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_grade: Option<Grade>,
    /// The organisation named in report headers. Empty: left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// The marking line at the top of reports and of every printed page. Absent: the
    /// default; empty: none printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<String>,
    /// 学时 of 保密培训 each 涉密 person needs in a calendar year, by the unit's own rules (no
    /// national figure exists; 4 and 8 are both cited). Absent: any training this year counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_hours: Option<f64>,
    /// The unit's own headcount threshold (people insured by it for a year) for the target
    /// grade, when the provincial 保密行政管理部门's published 具体条件 say otherwise than the
    /// content (or the content has no figure). It wins over the content's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured_threshold: Option<u32>,
}

impl Settings {
    pub fn is_empty(&self) -> bool {
        *self == Settings::default()
    }

    /// The marking line reports print: the set one, else the default ("" for none).
    pub fn marking(&self) -> &str {
        self.marking.as_deref().unwrap_or(DEFAULT_MARKING)
    }

    /// Fills what is unset here from `older` (settings read from an older file's fields).
    fn fill_from(&mut self, older: Settings) {
        self.target_grade = self.target_grade.or(older.target_grade);
        if self.organisation.is_empty() {
            self.organisation = older.organisation;
        }
        self.marking = self.marking.take().or(older.marking);
        self.training_hours = self.training_hours.or(older.training_hours);
        self.insured_threshold = self.insured_threshold.or(older.insured_threshold);
    }
}

impl super::Progress {
    /// The target grade: the one set, else 乙级 (where most applicants start).
    pub fn target_grade(&self) -> Grade {
        self.settings.target_grade.unwrap_or(Grade::B)
    }

    /// Folds settings read from an older file's fields (`register`, the top-level
    /// `target_grade`) into [`Settings`]; what `settings` already holds wins, and the
    /// interview's grade (which had an editor) wins over the register's (which had none).
    pub fn adopt_legacy_settings(&mut self) {
        if let Some(grade) = self.legacy_target_grade.take()
            && self.settings.target_grade.is_none()
        {
            self.settings.target_grade = Some(grade);
        }
        if let Some(register) = self.legacy_register.take() {
            self.settings.fill_from(register);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::progress::{Progress, decode, encode};

    #[test]
    fn an_older_file_s_register_settings_and_grade_are_read_into_settings_and_written_there() {
        let text = r#"{"schema_version": 2,
            "register": {"target_grade": "乙级", "training_hours": 4.0, "insured_threshold": 20},
            "target_grade": "甲级"}"#;
        let progress = decode(text).expect("an older file reads").progress;
        assert_eq!(
            progress.settings.target_grade,
            Some(crate::content::Grade::A)
        );
        assert_eq!(progress.settings.training_hours, Some(4.0));
        assert_eq!(progress.settings.insured_threshold, Some(20));
        let written = encode(&progress);
        assert!(written.contains("\"settings\""), "{written}");
        assert!(!written.contains("\"register\""), "{written}");
        assert_eq!(decode(&written).expect("reads back").progress, progress);
    }

    #[test]
    fn the_marking_is_the_default_until_set_and_empty_means_none() {
        let mut progress = Progress::default();
        assert_eq!(progress.settings.marking(), super::DEFAULT_MARKING);
        progress.settings.marking = Some(String::new());
        assert_eq!(progress.settings.marking(), "");
        assert_eq!(progress.target_grade(), crate::content::Grade::B);
    }
}
