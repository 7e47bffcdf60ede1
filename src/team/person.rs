//! One person's file in the team repository, `people/<person-id>.json`: who they are and every
//! change they recorded, one change per line so git diffs show additions only.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::{Hlc, Stamp};
use super::merge::Change;

/// The `format` tag of a person file.
pub const FORMAT: &str = "zizhi-team-person";
/// The version of the person file this zizhi writes; a newer one is set aside, never misread.
pub const SCHEMA: u32 = 1;

/// A person's file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFile {
    pub id: String,
    pub name: String,
    pub changes: Vec<Change>,
}

/// Why a person file cannot be used. The file is set aside (left in place and out of the
/// merge), and the message names it and the person when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("不是有效的 JSON（{0}）")]
    NotJson(String),
    #[error("不是 zizhi 团队成员文件")]
    NotAPersonFile,
    #[error("由更新版本的 zizhi 写入（格式版本 {found}，本程序支持 {SCHEMA}）：请升级 zizhi")]
    Newer { found: u32 },
    #[error("文件名与文件内的成员编号 {inside} 不一致")]
    IdMismatch { inside: String },
    #[error("内容无效：{0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
    name: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: String,
    schema_version: u32,
    id: String,
    name: String,
    #[serde(default)]
    changes: Vec<RawChange>,
}

/// A change as stored: `t` clock, `k` key, `v` value, `p` the change it replaced.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    t: (u64, u32),
    k: String,
    v: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    p: Option<(u64, u32, String)>,
}

/// Whether `id` is a person id this program writes and reads: lowercase letters, digits and
/// `-`, at most 40 characters, so it is always a plain file name.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The display name in a file that may otherwise be unusable, for the set-aside message.
pub fn name_hint(text: &str) -> Option<String> {
    serde_json::from_str::<Header>(text).ok()?.name
}

/// Reads a person file; `file_id` is its name without `.json`. A usable file is read once;
/// only one that does not read as a whole is read again for its header, to say why.
pub fn parse(text: &str, file_id: &str) -> Result<PersonFile, PersonError> {
    let raw = match serde_json::from_str::<Raw>(text) {
        Ok(raw) if raw.format == FORMAT && raw.schema_version <= SCHEMA => raw,
        whole => {
            let header: Header =
                serde_json::from_str(text).map_err(|e| PersonError::NotJson(e.to_string()))?;
            if header.format.as_deref() != Some(FORMAT) {
                return Err(PersonError::NotAPersonFile);
            }
            return Err(match header.schema_version {
                Some(v) if v > SCHEMA => PersonError::Newer { found: v },
                Some(_) => {
                    PersonError::Invalid(whole.err().map(|e| e.to_string()).unwrap_or_default())
                }
                None => PersonError::Invalid("缺少 schema_version".into()),
            });
        }
    };
    if raw.id != file_id {
        return Err(PersonError::IdMismatch { inside: raw.id });
    }
    if !valid_id(&raw.id) {
        return Err(PersonError::Invalid(format!("成员编号 {} 不合规", raw.id)));
    }
    let who = raw.id.clone();
    let changes = raw
        .changes
        .into_iter()
        .map(|c| {
            if c.k.is_empty() {
                return Err(PersonError::Invalid("有一条变更没有字段名".into()));
            }
            Ok(Change {
                stamp: Stamp {
                    hlc: Hlc {
                        ms: c.t.0,
                        c: c.t.1,
                    },
                    who: who.clone(),
                },
                key: c.k,
                value: c.v,
                prev: c.p.map(|(ms, c, who)| Stamp {
                    hlc: Hlc { ms, c },
                    who,
                }),
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(PersonFile {
        id: raw.id,
        name: raw.name,
        changes,
    })
}

/// The file's text: a header line, then one change per line, oldest first.
pub fn encode(file: &PersonFile) -> String {
    let header = serde_json::json!({
        "format": FORMAT,
        "schema_version": SCHEMA,
        "id": file.id,
        "name": file.name,
    });
    let mut head = header.to_string();
    head.pop(); // the closing brace: the changes follow inside the same object
    let mut out = String::with_capacity(64 + file.changes.len() * 96);
    out.push_str(&head);
    out.push_str(",\"changes\":[");
    for (i, change) in file.changes.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let raw = RawChange {
            t: (change.stamp.hlc.ms, change.stamp.hlc.c),
            k: change.key.clone(),
            v: change.value.clone(),
            p: change
                .prev
                .as_ref()
                .map(|p| (p.hlc.ms, p.hlc.c, p.who.clone())),
        };
        // Serialising plain JSON values into a string cannot fail.
        out.push_str(&serde_json::to_string(&raw).unwrap_or_default());
    }
    out.push_str("\n]}\n");
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn sample() -> PersonFile {
        PersonFile {
            id: "p-0a1b".into(),
            name: "王静".into(),
            changes: vec![Change {
                stamp: Stamp {
                    hlc: Hlc { ms: 7, c: 1 },
                    who: "p-0a1b".into(),
                },
                key: "items/a/status".into(),
                value: json!("done"),
                prev: Some(Stamp {
                    hlc: Hlc { ms: 3, c: 0 },
                    who: "p-ffff".into(),
                }),
            }],
        }
    }

    #[test]
    fn a_person_file_reads_back_as_written_one_change_per_line() {
        let text = encode(&sample());
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(parse(&text, "p-0a1b"), Ok(sample()));
    }

    #[test]
    fn a_newer_file_is_recognised_before_its_fields_are_read() {
        let text = r#"{"format":"zizhi-team-person","schema_version":9,"id":"x","name":"李娜","future":1}"#;
        assert_eq!(parse(text, "x"), Err(PersonError::Newer { found: 9 }));
        assert_eq!(name_hint(text).as_deref(), Some("李娜"));
    }

    #[test]
    fn a_file_claiming_another_persons_id_is_refused() {
        let text = encode(&sample());
        assert!(matches!(
            parse(&text, "p-other"),
            Err(PersonError::IdMismatch { .. })
        ));
    }

    #[test]
    fn broken_text_is_reported_not_fatal() {
        assert!(matches!(
            parse("{\"format\":", "x"),
            Err(PersonError::NotJson(_))
        ));
        assert_eq!(parse("{}", "x"), Err(PersonError::NotAPersonFile));
    }
}
