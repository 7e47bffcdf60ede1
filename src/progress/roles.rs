//! Who took which role in a rehearsal run: a small map from role to person, kept as one sorted
//! vector (a year of a team's runs is thousands of them; a `BTreeMap` node per run held
//! half a kilobyte for two or three names). Written and read as a JSON object, as before.

use std::collections::BTreeMap;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Role → person, sorted by role, each role once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolePeople(Vec<(String, String)>);

impl RolePeople {
    pub fn new() -> Self {
        Self::default()
    }

    /// The person in `role`.
    pub fn get(&self, role: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(r, _)| r.as_str().cmp(role))
            .ok()
            .map(|at| &self.0[at].1)
    }

    /// Puts `person` in `role`, replacing whoever had it.
    pub fn insert(&mut self, role: String, person: String) {
        match self.0.binary_search_by(|(r, _)| r.cmp(&role)) {
            Ok(at) => self.0[at].1 = person,
            Err(at) => self.0.insert(at, (role, person)),
        }
    }

    /// (role, person) in role order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(r, p)| (r, p))
    }

    /// The people, in role order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, p)| p)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, String)> for RolePeople {
    /// A later pair for the same role wins, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut people = Self::new();
        for (role, person) in pairs {
            people.insert(role, person);
        }
        people.0.shrink_to_fit();
        people
    }
}

impl From<&BTreeMap<String, String>> for RolePeople {
    fn from(map: &BTreeMap<String, String>) -> Self {
        Self(map.iter().map(|(r, p)| (r.clone(), p.clone())).collect())
    }
}

impl<const N: usize> From<[(String, String); N]> for RolePeople {
    fn from(pairs: [(String, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl std::ops::Index<&str> for RolePeople {
    type Output = String;

    fn index(&self, role: &str) -> &String {
        self.get(role)
            .unwrap_or_else(|| panic!("no one in the role {role}"))
    }
}

impl Serialize for RolePeople {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for RolePeople {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = RolePeople;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from role to person")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RolePeople, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(pairs.into_iter().collect())
            }
        }
        d.deserialize_map(Pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(r: &str, p: &str) -> (String, String) {
        (r.to_owned(), p.to_owned())
    }

    #[test]
    fn reads_and_writes_the_same_json_object_a_map_does() {
        let map = BTreeMap::from([pair("讲解人", "李娜"), pair("操作员", "张伟")]);
        let people = RolePeople::from(&map);
        let json = serde_json::to_string(&people).expect("json");
        assert_eq!(json, serde_json::to_string(&map).expect("json"));
        let back: RolePeople = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, people);
        // Keys in any order, a repeated role: as a map reads them (the later wins).
        let back: RolePeople =
            serde_json::from_str(r#"{"讲解人":"甲","操作员":"张伟","讲解人":"李娜"}"#)
                .expect("reads");
        assert_eq!(back, people);
        assert!(serde_json::from_str::<RolePeople>("[]").is_err());
    }

    #[test]
    fn finds_inserts_and_lists_by_role() {
        let mut people = RolePeople::new();
        assert!(people.is_empty());
        people.insert("记录人".into(), "王芳".into());
        people.insert("操作员".into(), "张伟".into());
        people.insert("记录人".into(), "刘芳".into());
        assert_eq!(people.len(), 2);
        assert_eq!(people.get("记录人").map(String::as_str), Some("刘芳"));
        assert_eq!(people["操作员"], "张伟");
        assert_eq!(people.get("讲解人"), None);
        let roles: Vec<&String> = people.iter().map(|(r, _)| r).collect();
        let mut sorted = roles.clone();
        sorted.sort();
        assert_eq!(roles, sorted);
        assert_eq!(people.values().count(), 2);
    }
}
