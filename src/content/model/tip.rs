//! A tip of a checklist item: a text, with its own basis when it states a figure.
//!
//! In YAML a tip is a plain string, or a map `{text: …, basis: …}`.

use std::fmt;

use crate::content::bilingual;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::basis::Bases;
use crate::content::text::Text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tip {
    pub text: Text,
    pub basis: Bases,
}

impl Tip {
    pub fn inline(text: impl Into<String>) -> Self {
        Self {
            text: Text::inline(text),
            basis: Bases::default(),
        }
    }
}

impl Serialize for Tip {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() && self.basis.is_empty() {
            return self.text.serialize(serializer);
        }
        (&self.text, &self.basis).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Tip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let (text, basis) = <(Text, Bases)>::deserialize(deserializer)?;
            return Ok(Tip { text, basis });
        }
        deserializer.deserialize_any(TipVisitor)
    }
}

struct TipVisitor;

impl<'de> Visitor<'de> for TipVisitor {
    type Value = Tip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a tip: text, or {text: TEXT, basis: BASIS}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tip, E> {
        Ok(Tip::inline(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tip, A::Error> {
        let mut text: Option<String> = None;
        let mut basis = Bases::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" => text = Some(map.next_value()?),
                "basis" => basis = map.next_value()?,
                other => {
                    return Err(de::Error::custom(bilingual(
                        format!("提示里不认识 `{other}`：只能写 text 和 basis"),
                        format!("a tip cannot hold `{other}`: only text and basis"),
                    )));
                }
            }
        }
        let text = text
            .ok_or_else(|| de::Error::custom(bilingual("提示缺少 text", "the tip has no text")))?;
        Ok(Tip {
            text: Text::inline(text),
            basis,
        })
    }
}
