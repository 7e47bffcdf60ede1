//! Turns progress into text and back: pretty JSON with a schema version, migrated on load.

use serde_json::Value;

use super::model::Progress;

/// The progress file format this build writes.
pub const SCHEMA_VERSION: u32 = 2;

/// A step that upgrades a file from version `from` to `from + 1`, on the untyped JSON tree.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&mut Value),
}

/// Upgrades shipped with this build; an entry is added here whenever `SCHEMA_VERSION` goes up.
const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    apply: roster_to_register,
}];

/// Version 1 → 2: the interview roster (names and roles) becomes the staff register. Every
/// person gets a stable id and is marked as O&M staff, since everyone on the old roster was
/// there to rehearse the interview. Ids come from the name and the place on the roster, so
/// migrating the same file twice gives the same ids.
fn roster_to_register(tree: &mut Value) {
    let Some(people) = tree.get_mut("people").and_then(Value::as_array_mut) else {
        return;
    };
    let mut taken: Vec<String> = Vec::new();
    for (index, person) in people.iter_mut().enumerate() {
        let Some(fields) = person.as_object_mut() else {
            continue;
        };
        let name = fields
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let id = super::people::new_id('P', &format!("{name}\u{1f}{index}"), |id| {
            taken.iter().any(|t| t == id)
        });
        taken.push(id.clone());
        fields.entry("id").or_insert(Value::from(id));
        fields.insert("om_staff".to_owned(), Value::Bool(true));
    }
}

/// The format a build reads and writes, and the migrations that lead to it.
#[derive(Clone, Copy)]
pub struct Schema {
    pub current: u32,
    pub migrations: &'static [Migration],
}

impl Schema {
    /// This build's format.
    pub const BUILT_IN: Schema = Schema {
        current: SCHEMA_VERSION,
        migrations: MIGRATIONS,
    };

    /// A pretend next format, `SCHEMA_VERSION + 1`, whose one migration moves a legacy item
    /// field `remark` into `note`. It lets end-to-end tests take a real binary through an
    /// upgrade (backup of the original, migrated save) before any real upgrade exists. Only
    /// the hidden `ZIZHI_TEST_SCHEMA_UPGRADE=1` switch selects it (see `cli::schema`).
    pub const TEST_UPGRADE: Schema = Schema {
        current: SCHEMA_VERSION + 1,
        migrations: &[
            Migration {
                from: 1,
                apply: roster_to_register,
            },
            Migration {
                from: SCHEMA_VERSION,
                apply: remark_to_note,
            },
        ],
    };
}

/// The [`Schema::TEST_UPGRADE`] migration: `items.*.remark` becomes `items.*.note`.
fn remark_to_note(tree: &mut Value) {
    let Some(items) = tree.get_mut("items").and_then(Value::as_object_mut) else {
        return;
    };
    for item in items.values_mut() {
        if let Some(fields) = item.as_object_mut()
            && let Some(remark) = fields.remove("remark")
        {
            fields.insert("note".to_owned(), remark);
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("第 {line} 行第 {column} 列：{message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        /// `message` in English (`--lang en`).
        message_en: String,
    },
    #[error(
        "文件由更新版本的 zizhi 写入（格式版本 {found}，本程序只认识到 {supported}）。请升级 zizhi；文件未被改动"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("缺少 schema_version 字段，无法判断格式版本")]
    NoVersion,
    #[error(
        "schema_version 的值 {found} 不对：它应是一个不带引号的正整数，例如 \"schema_version\": 1"
    )]
    BadVersion { found: String },
    #[error("文件是空的（或全是空字节），可能是断电或磁盘故障留下的；里面没有可读的进度")]
    Empty,
}

/// The result of decoding: the progress, and the version it was migrated from if it was older.
#[derive(Debug)]
pub struct Decoded {
    pub progress: Progress,
    pub migrated_from: Option<u32>,
}

pub fn encode(progress: &Progress) -> String {
    encode_sized(progress, 0)
}

/// [`encode`] into a buffer made `len` bytes long at once (the length
/// [`encoded_len_and_hash`] gave): a megabytes-long text is not grown by doubling, which
/// would hold up to three times its size at the moment of each copy.
pub fn encode_sized(progress: &Progress, len: usize) -> String {
    let mut bytes = Vec::with_capacity(len);
    serde_json::to_writer_pretty(&mut bytes, progress)
        .unwrap_or_else(|err| unreachable!("progress always serialises: {err}"));
    bytes.push(b'\n');
    String::from_utf8(bytes).unwrap_or_else(|err| unreachable!("JSON is UTF-8: {err}"))
}

/// The length and 128-bit xxh3 hash of [`encode`]'s text, found without building it: a
/// save of an unchanged progress (every exit, and a team's year of history is megabytes)
/// costs no copy of the file in memory.
pub fn encoded_len_and_hash(progress: &Progress) -> (usize, u128) {
    struct Hashing {
        len: usize,
        hasher: xxhash_rust::xxh3::Xxh3,
    }
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.hasher.update(bytes);
            self.len += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Hashing {
        len: 0,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    serde_json::to_writer_pretty(&mut out, progress)
        .unwrap_or_else(|err| unreachable!("progress always serialises: {err}"));
    std::io::Write::write_all(&mut out, b"\n").unwrap_or_default();
    (out.len, out.hasher.digest128())
}

pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    decode_as(text, Schema::BUILT_IN)
}

/// Decodes `text` into `schema`'s format, migrating older files.
pub fn decode_as(text: &str, schema: Schema) -> Result<Decoded, DecodeError> {
    decode_with(text, schema.current, schema.migrations)
}

/// Decodes `text`, upgrading it through `migrations` to `current` first.
pub fn decode_with(
    text: &str,
    current: u32,
    migrations: &[Migration],
) -> Result<Decoded, DecodeError> {
    // A byte order mark (Windows Notepad adds one) is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A file of zero bytes is what some file systems leave of a file that was being written
    // when the power went.
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .is_empty()
    {
        return Err(DecodeError::Empty);
    }
    // Only the version is read first, every other value skipped without being kept: a tree of
    // the whole file would cost ten times its size in memory (1.4 GB for 110 MB).
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        // Broken JSON is reported where it breaks; well-formed JSON of another shape at 1:1.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax)?;
        return Err(DecodeError::Syntax {
            line: 1,
            column: 1,
            message: "这不是 zizhi 的进度文件：最外层应是一个 { … } 对象".to_owned(),
            message_en:
                "this is no zizhi progress file: the outermost value should be an object { … }"
                    .to_owned(),
        });
    }
    let head = serde_json::from_str::<Head>(text).map_err(syntax)?;
    let version = match head.schema_version {
        None => return Err(DecodeError::NoVersion),
        Some(value) => value.as_u64().ok_or_else(|| DecodeError::BadVersion {
            found: shorten(&value.to_string()),
        })?,
    };
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > current {
        return Err(DecodeError::NewerVersion {
            found: version,
            supported: current,
        });
    }
    let mut migrated_from = None;
    let mut tree = Value::Null;
    if version < current {
        // Older files are migrated as a tree; only they pay for one.
        tree = serde_json::from_str(text).map_err(syntax)?;
        for step in version..current {
            let Some(migration) = migrations.iter().find(|m| m.from == step) else {
                return Err(DecodeError::Syntax {
                    line: 1,
                    column: 1,
                    message: format!("不支持从格式版本 {step} 升级：请用较早版本的 zizhi 打开一次"),
                    message_en: format!(
                        "upgrading from format version {step} is not supported: open it once with an older zizhi"
                    ),
                });
            };
            (migration.apply)(&mut tree);
        }
        tree["schema_version"] = Value::from(current);
        migrated_from = Some(version);
    }
    // Re-parse from text when nothing was migrated so locations refer to the user's file.
    let mut progress: Progress = if migrated_from.is_none() {
        serde_json::from_str(text).map_err(syntax)?
    } else {
        // A migrated tree has no locations: when it does not fit, the same mistake is almost
        // always in the user's text too (migrations only add fields), so report it there.
        serde_json::from_value(tree).map_err(|err| {
            match serde_json::from_str::<Progress>(text) {
                Err(located) => syntax(located),
                Ok(_) => syntax(err),
            }
        })?
    };
    progress.fill_missing_ids();
    progress.adopt_legacy_settings();
    Ok(Decoded {
        progress,
        migrated_from,
    })
}

/// The part of the file read before the rest: its format version. `null` counts as present
/// (and wrong), a missing field as absent.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default, deserialize_with = "present")]
    schema_version: Option<Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<Value>, D::Error> {
    serde::Deserialize::deserialize(de).map(Some)
}

/// `text` cut to 40 characters, marked with "…" when cut.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// A located error in words a user can act on, with the parser's own words kept in brackets.
fn syntax(err: serde_json::Error) -> DecodeError {
    let raw = err.to_string();
    let detail = match raw.rfind(" at line ") {
        Some(index) => &raw[..index],
        None => raw.as_str(),
    };
    DecodeError::Syntax {
        line: err.line().max(1),
        column: err.column().max(1),
        message: explain(err.classify(), detail),
        message_en: explain_en(err.classify(), detail),
    }
}

impl DecodeError {
    /// The message in the interface language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (lang, self) {
            (crate::i18n::Lang::Zh, _) => self.to_string(),
            (_, DecodeError::Syntax {
                line,
                column,
                message_en,
                ..
            }) => format!("line {line}, column {column}: {message_en}"),
            (_, DecodeError::NewerVersion { found, supported }) => format!(
                "the file was written by a newer zizhi (format version {found}; this one knows up to {supported}). Upgrade zizhi; the file is unchanged"
            ),
            (_, DecodeError::NoVersion) => {
                "the schema_version field is missing, so the format version is unknown".to_owned()
            }
            (_, DecodeError::BadVersion { found }) => format!(
                "schema_version is {found}, which is wrong: it is a positive whole number without quotes, e.g. \"schema_version\": 1"
            ),
            (_, DecodeError::Empty) => "the file is empty (or all NUL bytes), as a power cut or a disk fault can leave it; it holds no progress to read".to_owned(),
        }
    }
}

/// How chrono's messages for a date or time written wrongly begin.
const DATE_TIME_ERRORS: &[&str] = &[
    "input contains invalid characters",
    "premature end of input",
    "input is out of range",
    "trailing input",
    "input is not enough",
    "no possible date and time",
];

/// [`explain`] in English.
fn explain_en(category: serde_json::error::Category, detail: &str) -> String {
    use serde_json::error::Category;
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| detail.starts_with(p));
    // The range checks' own messages are Chinese; their English is said here.
    let detail_en = if detail.is_ascii() { detail } else { "" };
    let with = |words: &str| {
        if detail_en.is_empty() {
            words.to_owned()
        } else {
            format!("{words} ({detail_en})")
        }
    };
    match category {
        Category::Eof => {
            "the file ends here unexpectedly: it is incomplete (a write may have been interrupted)"
                .to_owned()
        }
        Category::Syntax if starts(&["control character"]) => with(
            "text in quotes cannot break a line or hold control characters: write a line break as \\n",
        ),
        Category::Syntax if starts(&["trailing characters"]) => with(
            "more text follows the complete content (two copies joined, for example): delete the extra part, or restore a backup",
        ),
        Category::Syntax => with("not valid JSON: check the commas, quotes and brackets near here"),
        Category::Data if starts(&["unknown field"]) => with(
            "a field this zizhi does not know; it refuses to read it rather than drop the field on the next save",
        ),
        Category::Data if starts(&["unknown variant"]) => with("a value outside those allowed"),
        Category::Data if starts(&["missing field"]) => with("a required field is missing"),
        Category::Data if starts(&["invalid type", "invalid value", "invalid length"]) => {
            with("the value has the wrong type")
        }
        Category::Data if starts(&[super::checked::OUT_OF_RANGE]) => {
            format!(
                "a date is out of range: it must lie between the years {} and {}",
                super::checked::MIN_YEAR,
                super::checked::MAX_YEAR
            )
        }
        Category::Data if starts(&[super::checked::OUT_OF_RANGE_NUMBER]) => {
            "a number is out of range".to_owned()
        }
        Category::Data if starts(DATE_TIME_ERRORS) => with(
            "a date or time written wrongly: it should look like 2026-11-25 or 2026-11-25T09:30:00",
        ),
        Category::Data => with("the content does not fit the progress file's format"),
        Category::Io => detail.to_owned(),
    }
}

fn explain(category: serde_json::error::Category, detail: &str) -> String {
    use serde_json::error::Category;
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| detail.starts_with(p));
    match category {
        Category::Eof => "文件在这里意外结束，内容不完整（可能是写入时被中断）".to_owned(),
        Category::Syntax if starts(&["control character"]) => {
            format!("引号里的文字不能直接换行或含控制字符：换行要写成 \\n（{detail}）")
        }
        Category::Syntax if starts(&["trailing characters"]) => format!(
            "完整的内容之后还有多余的文字（例如两份内容拼在了一起）：删掉多余部分，或从备份恢复（{detail}）"
        ),
        Category::Syntax => {
            format!("不是有效的 JSON，请检查这里附近的逗号、引号和括号（{detail}）")
        }
        Category::Data if starts(&["unknown field"]) => {
            format!("有本版本 zizhi 不认识的字段；为免在保存时把它丢掉，拒绝读取（{detail}）")
        }
        Category::Data if starts(&["unknown variant"]) => {
            format!("取值不在允许的范围内（{detail}）")
        }
        Category::Data if starts(&["missing field"]) => format!("缺少必需的字段（{detail}）"),
        Category::Data if starts(&["invalid type", "invalid value", "invalid length"]) => {
            format!("值的类型不对（{detail}）")
        }
        Category::Data
            if starts(&[
                super::checked::OUT_OF_RANGE,
                super::checked::OUT_OF_RANGE_NUMBER,
            ]) =>
        {
            detail.to_owned()
        }
        Category::Data if starts(DATE_TIME_ERRORS) => {
            format!("日期或时间的写法不对，应像 2026-11-25 或 2026-11-25T09:30:00（{detail}）")
        }
        Category::Data => format!("内容不符合进度文件的格式（{detail}）"),
        Category::Io => detail.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::model::{ItemProgress, Status};

    #[test]
    fn progress_round_trips_through_text() {
        let mut progress = Progress::default();
        progress.items.insert(
            "sa-1".into(),
            ItemProgress {
                status: Status::Done,
                note: "第一行\n第二行 \"引号\"".into(),
                owner: "张三".into(),
                ..ItemProgress::default()
            },
        );
        let text = encode(&progress);
        let back = decode(&text).expect("decodes");
        assert_eq!(back.progress, progress);
        assert_eq!(back.migrated_from, None);
    }

    #[test]
    fn keys_come_out_in_a_stable_order() {
        let mut progress = Progress::default();
        progress.item_mut("b").status = Status::Done;
        progress.item_mut("a").status = Status::Done;
        let text = encode(&progress);
        assert!(text.find("\"a\"") < text.find("\"b\""), "{text}");
        let head = format!("{{\n  \"schema_version\": {SCHEMA_VERSION},");
        assert!(text.starts_with(&head), "{text}");
    }

    #[test]
    fn a_schema_version_of_the_wrong_type_or_sign_is_named_as_such_not_missing() {
        for (text, shown) in [
            ("{\"schema_version\": \"1\"}", "\"1\""),
            ("{\"schema_version\": -1}", "-1"),
            ("{\"schema_version\": 1.5}", "1.5"),
        ] {
            let err = decode(text).expect_err(text);
            assert_eq!(
                err,
                DecodeError::BadVersion {
                    found: shown.to_owned()
                },
                "{text}"
            );
            assert!(err.to_string().contains("正整数"), "{err}");
        }
        assert_eq!(
            decode("{\"a\": 1}").expect_err("none"),
            DecodeError::NoVersion
        );
    }

    #[test]
    fn a_newer_file_is_refused() {
        let err = decode("{\"schema_version\": 99}").expect_err("newer");
        assert_eq!(
            err,
            DecodeError::NewerVersion {
                found: 99,
                supported: SCHEMA_VERSION
            }
        );
    }

    #[test]
    fn an_unknown_field_is_located_not_dropped() {
        let err = decode("{\n  \"schema_version\": 1,\n  \"itemz\": {}\n}").expect_err("unknown");
        match err {
            DecodeError::Syntax { line, message, .. } => {
                assert_eq!(line, 3);
                assert!(message.contains("itemz"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_truncated_file_reports_where_it_ends() {
        let err = decode("{\n  \"schema_version\": 1,\n  \"items\": {").expect_err("eof");
        assert!(
            matches!(err, DecodeError::Syntax { line: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn an_older_file_is_migrated_step_by_step() {
        fn rename_done(tree: &mut Value) {
            if let Some(items) = tree.get_mut("items").and_then(Value::as_object_mut) {
                for item in items.values_mut() {
                    if item.get("done") == Some(&Value::Bool(true)) {
                        *item = serde_json::json!({"status": "done"});
                    }
                }
            }
        }
        fn noop(_: &mut Value) {}
        let migrations = [
            Migration {
                from: 0,
                apply: rename_done,
            },
            Migration {
                from: 1,
                apply: noop,
            },
        ];
        let old = r#"{"schema_version": 0, "items": {"x": {"done": true}}}"#;
        let decoded = decode_with(old, 2, &migrations).expect("migrates");
        assert_eq!(decoded.migrated_from, Some(0));
        assert_eq!(decoded.progress.status("x"), Status::Done);
        assert_eq!(decoded.progress.schema_version, 2);
    }

    #[test]
    fn a_version_1_roster_becomes_the_register_with_stable_ids() {
        let old = r#"{"schema_version": 1, "people": [
            {"name": "张伟", "roles": ["engineer"]},
            {"name": "王静"}
        ]}"#;
        let first = decode(old).expect("migrates");
        assert_eq!(first.migrated_from, Some(1));
        let people = &first.progress.people;
        assert_eq!(people.len(), 2);
        assert!(people.iter().all(|p| p.om_staff && p.id.starts_with('P')));
        assert_ne!(people[0].id, people[1].id);
        assert_eq!(people[0].roles, vec!["engineer".to_owned()]);
        assert_eq!(first.progress.roster(), vec![0, 1]);
        // The same file gives the same ids again, and the saved file keeps them.
        let again = decode(old).expect("migrates");
        assert_eq!(again.progress.people, first.progress.people);
        let saved = decode(&encode(&first.progress)).expect("reads back");
        assert_eq!(saved.migrated_from, None);
        assert_eq!(saved.progress.people, first.progress.people);
    }

    #[test]
    fn an_unknown_field_in_an_old_file_is_still_located() {
        let old = "{\n  \"schema_version\": 1,\n  \"itemz\": {}\n}";
        assert!(matches!(
            decode(old),
            Err(DecodeError::Syntax { line: 3, .. })
        ));
    }

    #[test]
    fn the_test_upgrade_moves_a_remark_into_the_note() {
        let old = format!(
            r#"{{"schema_version": {SCHEMA_VERSION}, "items": {{"x": {{"status": "done", "remark": "旧备注"}}}}}}"#
        );
        let old = old.as_str();
        let decoded = decode_as(old, Schema::TEST_UPGRADE).expect("migrates");
        assert_eq!(decoded.migrated_from, Some(SCHEMA_VERSION));
        assert_eq!(decoded.progress.schema_version, SCHEMA_VERSION + 1);
        assert_eq!(
            decoded.progress.item("x").map(|i| i.note.as_str()),
            Some("旧备注")
        );
        // This build's own format does not know the legacy field, and says where it is.
        assert!(matches!(
            decode(old),
            Err(DecodeError::Syntax { line: 1, .. })
        ));
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let decoded = decode("\u{feff}{\"schema_version\": 1}").expect("decodes");
        assert_eq!(decoded.progress, Progress::default());
    }

    #[test]
    fn a_file_of_zero_bytes_is_called_empty() {
        assert_eq!(decode("\0\0\0\0").expect_err("empty"), DecodeError::Empty);
        assert_eq!(decode(" \n").expect_err("empty"), DecodeError::Empty);
    }

    #[test]
    fn a_file_without_a_version_is_refused() {
        assert_eq!(
            decode("{}").expect_err("no version"),
            DecodeError::NoVersion
        );
    }
}
