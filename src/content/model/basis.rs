//! Where a claim comes from (`basis`): an official text, the source guide, common practice
//! among applicants, or an agency's advertising figure.
//!
//! In YAML a basis is one entry or a list of them. An entry is a map with exactly one kind key
//! whose value says what it rests on, e.g. `official: 涉密信息系统集成资质管理办法` with the
//! required `article` and `year`, or `source-guide: 整改窗口期10个工作日`; a bare kind
//! (`basis: source-guide`) is allowed for the non-official kinds. Mistakes are refused while
//! parsing, so the parser reports them at their line and column.

use std::fmt;

use crate::content::bilingual;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The kinds of basis, most authoritative first (the order they are shown in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BasisKind {
    Official,
    SourceGuide,
    Practice,
    VendorClaim,
}

impl BasisKind {
    pub const ALL: [BasisKind; 4] = [
        BasisKind::Official,
        BasisKind::SourceGuide,
        BasisKind::Practice,
        BasisKind::VendorClaim,
    ];

    /// The key written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            BasisKind::Official => "official",
            BasisKind::SourceGuide => "source-guide",
            BasisKind::Practice => "practice",
            BasisKind::VendorClaim => "vendor-claim",
        }
    }

    /// The short label shown to users.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            BasisKind::Official => lang.t("官方", "Official"),
            BasisKind::SourceGuide => lang.t("指南口径", "Source guide"),
            BasisKind::Practice => lang.t("行业惯例", "Common practice"),
            BasisKind::VendorClaim => lang.t("代办机构宣传口径", "Agency claim"),
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Whether an official basis names an article (第九条, 第四十八条（…）, 第二百零一条、…).
pub fn names_an_article(article: &str) -> bool {
    let mut chars = article.trim().chars();
    if chars.next() != Some('第') {
        return false;
    }
    let rest: String = chars.collect();
    let digits: String = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十百零〇0123456789".contains(*c))
        .collect();
    !digits.is_empty() && rest[digits.len()..].starts_with('条')
}

/// One basis of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub kind: BasisKind,
    /// For `official`, the document's name; otherwise what the claim rests on (may be empty).
    pub text: Box<str>,
    /// The article or section of an official document (第九条).
    pub article: Option<Box<str>>,
    /// The year of an official document.
    pub year: Option<u16>,
}

impl Basis {
    /// The whole basis in one line: 官方：《文件》第九条（2020）.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let label = self.kind.label(lang);
        match self.kind {
            BasisKind::Official => {
                let article = self.article.as_deref().unwrap_or_default();
                let year = self.year.map(|y| format!("（{y}）")).unwrap_or_default();
                format!("{label}：《{}》{article}{year}", self.text)
            }
            _ if self.text.is_empty() => label.to_owned(),
            _ => format!("{label}：{}", self.text),
        }
    }
}

/// The bases of one claim, official first. Empty when none is given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bases(pub Box<[Basis]>);

impl Bases {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Basis> {
        self.0.iter()
    }

    /// The labels in one short line (官方 · 指南口径), in the order written.
    pub fn summary(&self, lang: crate::i18n::Lang) -> String {
        let mut labels: Vec<&str> = Vec::new();
        for basis in self.iter() {
            let label = basis.kind.label(lang);
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        labels.join(" · ")
    }

    pub fn has(&self, kind: BasisKind) -> bool {
        self.iter().any(|b| b.kind == kind)
    }
}

impl super::Item {
    /// Every basis of the item and of its tips and time limit, most authoritative kind first.
    fn all_bases(&self) -> impl Iterator<Item = &Basis> {
        self.basis
            .iter()
            .chain(self.tips.iter().flat_map(|t| t.basis.iter()))
            .chain(self.deadline.iter().flat_map(|d| d.basis.iter()))
    }

    /// The kinds of basis in one line (官方 · 指南口径), official first; empty when none.
    pub fn basis_summary(&self, lang: crate::i18n::Lang) -> String {
        let mut kinds: Vec<BasisKind> = self.all_bases().map(|b| b.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds
            .iter()
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The full text of every basis, one line each, saying what it is for.
    pub fn basis_details(&self, lang: crate::i18n::Lang) -> Vec<String> {
        let mut lines: Vec<String> = self.basis.iter().map(|b| b.describe(lang)).collect();
        for (n, tip) in self.tips.iter().enumerate() {
            for b in tip.basis.iter() {
                lines.push(format!(
                    "{}{} {}",
                    lang.t("提示", "Tip "),
                    n + 1,
                    b.describe(lang)
                ));
            }
        }
        for b in self.deadline.iter().flat_map(|d| d.basis.iter()) {
            lines.push(format!(
                "{} {}",
                lang.t("时限", "Time limit"),
                b.describe(lang)
            ));
        }
        lines
    }
}

/// How a basis is written in a compiled file (binary formats only).
#[derive(Serialize, Deserialize)]
struct Repr {
    kind: BasisKind,
    text: Box<str>,
    article: Option<Box<str>>,
    year: Option<u16>,
}

impl Serialize for Basis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if !serializer.is_human_readable() {
            return Repr {
                kind: self.kind,
                text: self.text.clone(),
                article: self.article.clone(),
                year: self.year,
            }
            .serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(self.kind.key(), &*self.text)?;
        if let Some(article) = &self.article {
            map.serialize_entry("article", &**article)?;
        }
        if let Some(year) = self.year {
            map.serialize_entry("year", &year)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Basis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let r = Repr::deserialize(deserializer)?;
            return Ok(Basis {
                kind: r.kind,
                text: r.text,
                article: r.article,
                year: r.year,
            });
        }
        deserializer.deserialize_any(BasisVisitor)
    }
}

const EXPECTED: &str = "a basis (official / source-guide / practice / vendor-claim)";

struct BasisVisitor;

impl<'de> Visitor<'de> for BasisVisitor {
    type Value = Basis;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Basis, E> {
        match BasisKind::from_key(v.trim()) {
            Some(BasisKind::Official) => Err(E::custom(bilingual(
                "official 依据必须写明文件名、条款和年份，例如：\
                 {official: 涉密信息系统集成资质管理办法, article: 第九条, year: 2020}",
                "an official basis names the document, the article and the year, e.g. \
                 {official: DOCUMENT, article: ARTICLE, year: 2020}",
            ))),
            Some(kind) => Ok(Basis {
                kind,
                text: "".into(),
                article: None,
                year: None,
            }),
            None => Err(E::custom(bilingual(
                format!(
                    "`{v}` 不是依据类别：只能是 official、source-guide、practice 或 vendor-claim"
                ),
                format!(
                    "`{v}` is not a kind of basis: official, source-guide, practice or vendor-claim"
                ),
            ))),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Basis, A::Error> {
        let mut kind: Option<(BasisKind, String)> = None;
        let mut article: Option<String> = None;
        let mut year: Option<u16> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "article" => article = Some(map.next_value()?),
                "year" => year = Some(map.next_value()?),
                other => {
                    let Some(k) = BasisKind::from_key(other) else {
                        return Err(de::Error::custom(bilingual(
                            format!(
                                "依据里不认识 `{other}`：只能写 official、source-guide、practice、\
                                 vendor-claim 之一，official 另加 article 和 year"
                            ),
                            format!(
                                "a basis cannot hold `{other}`: one of official, source-guide, \
                                 practice, vendor-claim; official also takes article and year"
                            ),
                        )));
                    };
                    let value: Option<String> = map.next_value()?;
                    if kind.is_some() {
                        return Err(de::Error::custom(bilingual(
                            "一条依据只能有一个类别；几个来源就写成列表，每条一个",
                            "a basis has one kind; for several sources write a list, one each",
                        )));
                    }
                    kind = Some((k, value.unwrap_or_default()));
                }
            }
        }
        let Some((kind, text)) = kind else {
            return Err(de::Error::custom(bilingual(
                "依据缺少类别：写 official、source-guide、practice 或 vendor-claim",
                "the basis has no kind: write official, source-guide, practice or vendor-claim",
            )));
        };
        let text = text.trim().to_owned();
        if kind == BasisKind::Official {
            let missing: Vec<(&str, &str)> = [
                (
                    text.is_empty(),
                    ("文件名（official 的值）", "the document (official's value)"),
                ),
                (
                    article.as_deref().is_none_or(|a| a.trim().is_empty()),
                    ("条款 article", "the article"),
                ),
                (
                    article
                        .as_deref()
                        .is_some_and(|a| !a.trim().is_empty() && !names_an_article(a)),
                    (
                        "条号（article 要写到「第…条」；只知道章节、不知道条号时，\
                         改用 source-guide 或 practice 并注明「条号未核实」）",
                        "the article's number (article names 第…条; when only the chapter is \
                         known, use source-guide or practice and say the article is unverified)",
                    ),
                ),
                (year.is_none(), ("年份 year", "the year")),
            ]
            .into_iter()
            .filter_map(|(m, what)| m.then_some(what))
            .collect();
            if !missing.is_empty() {
                let zh: Vec<&str> = missing.iter().map(|(zh, _)| *zh).collect();
                let en: Vec<&str> = missing.iter().map(|(_, en)| *en).collect();
                return Err(de::Error::custom(bilingual(
                    format!(
                        "official 依据缺少{}：官方依据必须写明文件名、条款和年份",
                        zh.join("、")
                    ),
                    format!(
                        "the official basis lacks {}: an official basis names the document, \
                         the article and the year",
                        en.join(", ")
                    ),
                )));
            }
        } else if article.is_some() || year.is_some() {
            return Err(de::Error::custom(bilingual(
                "article 和 year 只用于 official 依据；其他类别把出处写在类别后面的文字里",
                "article and year belong to an official basis only; other kinds name their \
                 source in the text after the kind",
            )));
        }
        Ok(Basis {
            kind,
            text: text.into(),
            article: article.map(|a| a.trim().into()),
            year,
        })
    }
}

impl Serialize for Bases {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Bases {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return Ok(Bases(Box::<[Basis]>::deserialize(deserializer)?));
        }
        deserializer.deserialize_any(BasesVisitor)
    }
}

struct BasesVisitor;

impl<'de> Visitor<'de> for BasesVisitor {
    type Value = Bases;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{EXPECTED} or a list of them")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Bases, E> {
        Ok(Bases(Box::new([BasisVisitor.visit_str(v)?])))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Bases, A::Error> {
        Ok(Bases(Box::new([BasisVisitor.visit_map(map)?])))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bases, A::Error> {
        let mut all = Vec::new();
        while let Some(basis) = seq.next_element::<Basis>()? {
            all.push(basis);
        }
        // Official first, wherever it was written: the detail view shows it that way.
        all.sort_by_key(|b| b.kind);
        Ok(Bases(all.into_boxed_slice()))
    }
}

#[cfg(test)]
mod tests;
