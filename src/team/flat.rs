//! The shared state as fields: any progress JSON flattened into `key → value`, and back.
//!
//! Keys are stable paths such as `items/<item-id>/status` or
//! `rectifications/@ZG-001/owner`, so every field merges on its own and data added later (the
//! staff register) merges without code of its own. The rules:
//! - an object's fields are path segments;
//! - an array of objects that all carry a distinct string `uid` or else `id` is keyed by it:
//!   the segment `@<uid or id>` holds `true` while the element exists (its stamp orders the
//!   elements), and each field of the element is a key below it. A rectification's `uid` says
//!   who created it when, so two people who both create ZG-003 offline keep two items;
//!   `domain::rectification::renumber_duplicates` then gives one of them a new id;
//! - any other array of objects is a set of records (rehearsal runs, review lines, history
//!   lines): each element is one value under `#<hash of its text>`, so two people's additions
//!   both survive and a record changed in place is a removal plus an addition;
//! - everything else (numbers, strings, arrays of plain values) is one value.
//!
//! Segments are escaped so `/` and a leading `@` or `#` in an id cannot be mistaken for
//! structure.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The marker segment prefix of an element keyed by its `id`.
const KEYED: char = '@';
/// The segment prefix of a record in a set.
const RECORD: char = '#';

/// A flattened state in document order (so records created together are stamped in the
/// order they appear): key → value, never `null` (a removed field has no key).
pub type Fields = Vec<(String, Value)>;

/// Escapes one path segment: `%` and `/` anywhere, `@` and `#` at the start.
pub fn escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for (i, ch) in segment.chars().enumerate() {
        match ch {
            '%' => out.push_str("%25"),
            '/' => out.push_str("%2F"),
            '@' if i == 0 => out.push_str("%40"),
            '#' if i == 0 => out.push_str("%23"),
            _ => out.push(ch),
        }
    }
    out
}

/// The inverse of [`escape`]; an invalid escape is kept as written.
pub fn unescape(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_owned();
    }
    let mut out = String::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3);
        let decoded = match code {
            Some("25") => Some('%'),
            Some("2F") => Some('/'),
            Some("40") => Some('@'),
            Some("23") => Some('#'),
            _ => None,
        };
        match decoded {
            Some(ch) => {
                out.push(ch);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The record key of a set element: a hash of its canonical text (object keys sorted).
fn record_key(value: &Value) -> String {
    let text = value.to_string();
    format!(
        "{RECORD}{:016x}",
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    )
}

fn join(prefix: &str, segment: &str) -> String {
    if prefix.is_empty() {
        segment.to_owned()
    } else {
        format!("{prefix}/{segment}")
    }
}

/// The key of an element: its `uid` when it has one (an identity that, unlike the `id`
/// people see, two people creating an item offline never share), else its `id`.
fn element_key(value: &Value) -> Option<&str> {
    let object = value.as_object()?;
    match object.get("uid").and_then(Value::as_str) {
        Some(uid) if !uid.is_empty() => Some(uid),
        _ => object.get("id")?.as_str(),
    }
}

/// The distinct keys ([`element_key`]) of an array of objects, when every element has one.
fn keyed_ids(items: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = items.iter().map(element_key).collect::<Option<_>>()?;
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == ids.len()).then_some(ids)
}

/// Flattens `value` (a progress file's JSON, minus fields that are not shared) into fields.
pub fn flatten(value: &Value) -> Fields {
    let mut out = Fields::new();
    walk("", value, &mut out);
    out
}

fn walk(prefix: &str, value: &Value, out: &mut Fields) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (key, child) in map {
                walk(&join(prefix, &escape(key)), child, out);
            }
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            if let Some(ids) = keyed_ids(items) {
                for (id, item) in ids.into_iter().zip(items) {
                    let element = join(prefix, &format!("{KEYED}{}", escape(id)));
                    out.push((element.clone(), Value::Bool(true)));
                    walk(&element, item, out);
                }
            } else {
                for item in items {
                    out.push((join(prefix, &record_key(item)), item.clone()));
                }
            }
        }
        leaf => {
            out.push((prefix.to_owned(), leaf.clone()));
        }
    }
}

/// One node of the tree being rebuilt.
#[derive(Default)]
struct Node<'a> {
    leaf: Option<&'a Value>,
    /// Where this node sorts among its siblings in an array (its stamp's rank).
    rank: Option<usize>,
    children: BTreeMap<&'a str, Node<'a>>,
}

/// Rebuilds the JSON tree from fields. `rank` orders the elements of arrays (smaller first):
/// the caller passes the position of each element's stamp, so elements keep the order in which
/// they were created across the whole team. A keyed element without its `@` marker (removed)
/// is left out with its fields.
pub fn unflatten<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a Value)>,
    rank: impl Fn(&str) -> usize,
) -> Value {
    let mut root = Node::default();
    for (key, value) in fields {
        if value.is_null() {
            continue;
        }
        let mut node = &mut root;
        for segment in key.split('/') {
            node = node.children.entry(segment).or_default();
        }
        node.leaf = Some(value);
        if key
            .rsplit('/')
            .next()
            .is_some_and(|last| last.starts_with(KEYED) || last.starts_with(RECORD))
        {
            node.rank = Some(rank(key));
        }
    }
    build(&root).unwrap_or(Value::Object(Map::new()))
}

fn build(node: &Node) -> Option<Value> {
    if node.children.is_empty() {
        return node.leaf.cloned();
    }
    let is_array = node
        .children
        .keys()
        .all(|k| k.starts_with(KEYED) || k.starts_with(RECORD));
    if is_array {
        let mut elements: Vec<(usize, &str, Value)> = Vec::new();
        for (segment, child) in &node.children {
            let value = if segment.starts_with(RECORD) {
                child.leaf.cloned()
            } else if child.leaf.is_some_and(|v| v == &Value::Bool(true)) {
                // The element exists: its fields are its children.
                let mut fields = Map::new();
                for (name, grandchild) in &child.children {
                    if let Some(v) = build(grandchild) {
                        fields.insert(unescape(name), v);
                    }
                }
                Some(Value::Object(fields))
            } else {
                None
            };
            if let Some(value) = value {
                elements.push((child.rank.unwrap_or(usize::MAX), segment, value));
            }
        }
        elements.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        return Some(Value::Array(elements.into_iter().map(|e| e.2).collect()));
    }
    let mut map = Map::new();
    for (segment, child) in &node.children {
        if segment.starts_with(KEYED) || segment.starts_with(RECORD) {
            continue;
        }
        if let Some(value) = build(child) {
            map.insert(unescape(segment), value);
        }
    }
    Some(Value::Object(map))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(value: &Value) -> Value {
        let fields = flatten(value);
        // Rank by position in the flattening: the order one person's log stamps them.
        unflatten(fields.iter().map(|(k, v)| (k.as_str(), v)), |key| {
            fields
                .iter()
                .position(|(k, _)| k == key)
                .unwrap_or(usize::MAX)
        })
    }

    fn get<'a>(fields: &'a Fields, key: &str) -> &'a Value {
        &fields.iter().find(|(k, _)| k == key).expect(key).1
    }

    #[test]
    fn item_fields_become_paths() {
        let fields = flatten(&json!({"items": {"p1/a": {"status": "done", "owner": "张伟"}}}));
        assert_eq!(get(&fields, "items/p1%2Fa/status"), &json!("done"));
        assert_eq!(get(&fields, "items/p1%2Fa/owner"), &json!("张伟"));
    }

    #[test]
    fn elements_with_ids_are_keyed_by_them_and_records_by_their_text() {
        let value = json!({"rectifications": [
            {"id": "ZG-001", "title": "U盘", "history": [{"at": "1", "by": "王静"}]}
        ]});
        let fields = flatten(&value);
        assert_eq!(get(&fields, "rectifications/@ZG-001"), &json!(true));
        assert_eq!(get(&fields, "rectifications/@ZG-001/title"), &json!("U盘"));
        let history: Vec<&String> = fields
            .iter()
            .map(|(k, _)| k)
            .filter(|k| k.starts_with("rectifications/@ZG-001/history/#"))
            .collect();
        assert_eq!(history.len(), 1);
    }

    #[test]
    fn flattening_and_rebuilding_gives_back_the_same_tree() {
        let value = json!({
            "schema_version": 5,
            "items": {"a": {"status": "done"}, "@odd/#id%": {"note": "x/y"}},
            "people": [{"name": "张伟", "roles": ["ops"]}, {"name": "王静", "roles": []}],
            "rectifications": [
                {"id": "ZG-002", "title": "b", "history": []},
                {"id": "ZG-001", "title": "a", "history": [{"at": 2}, {"at": 1}, {"at": 3}]}
            ],
            "score_levels": {"c1": 2}
        });
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn a_removed_keyed_element_leaves_no_partial_object() {
        let mut fields = flatten(&json!({"r": [{"id": "a", "t": 1}, {"id": "b", "t": 2}]}));
        fields.retain(|(k, _)| k != "r/@a");
        let value = unflatten(fields.iter().map(|(k, v)| (k.as_str(), v)), |_| 0);
        assert_eq!(value, json!({"r": [{"id": "b", "t": 2}]}));
    }

    #[test]
    fn escaping_round_trips_awkward_ids() {
        for id in ["a/b", "@x", "#y", "100%", "%2F", "普通"] {
            assert_eq!(unescape(&escape(id)), id);
        }
    }
}
