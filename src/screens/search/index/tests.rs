use super::*;
use crate::content::{Content, Id, Item, Phase, Section, TextStore};

fn item(id: &str, title: &str, body: &str) -> Item {
    Item {
        basis: Default::default(),
        keywords: Box::default(),
        id: Id::new(id),
        title: title.into(),
        what: Text::inline(body),
        acceptance: Text::inline("签字页齐全"),
        pitfall: None,
        tips: Box::default(),
        score_category: None,
        grade: Box::default(),
        deadline: None,
        evidence_hint: None,
    }
}

/// Three items in one phase; with `stored`, their texts live in a store instead of inline.
fn content(stored: bool) -> Content {
    let items = vec![
        item("a", "准备营业执照副本", "基础材料"),
        item("b", "检查保密室门禁联动", "录像保存 180 天"),
        item("c", "登记 CISP 证书", "技术团队"),
    ];
    let mut content = Content {
        thresholds: Default::default(),
        item_index: Default::default(),
        source: crate::content::ContentSource::BuiltIn,
        phases: vec![Phase {
            id: Id::new("p"),
            order: 1,
            title: "阶段".into(),
            summary: String::new(),
            duration: None,
            sections: vec![Section {
                id: Id::new("s"),
                title: "分组".into(),
                items,
            }],
        }],
        interview: Default::default(),
        sops: Vec::new(),
        templates: Vec::new(),
        calendar: Default::default(),
        scoring: Default::default(),
        texts: TextStore::default(),
    };
    if stored {
        let mut area = Vec::new();
        for item in &mut content.phases[0].sections[0].items {
            for text in [&mut item.what, &mut item.acceptance] {
                let Text::Inline(s) = text else { continue };
                let span = Text::Stored {
                    offset: area.len() as u32,
                    len: s.len() as u32,
                };
                area.extend_from_slice(s.as_bytes());
                *text = span;
            }
        }
        content.texts = TextStore::owned(area);
    }
    content.index_items();
    content
}

fn search(query: &str) -> Vec<usize> {
    let inline = content(false);
    let stored = content(true);
    let found = SearchIndex::build(&inline).search(&inline, query);
    assert_eq!(
        SearchIndex::build(&stored).search(&stored, query),
        found,
        "stored texts search like inline ones"
    );
    found
}

#[test]
fn chinese_characters_match_titles() {
    assert_eq!(search("门禁"), vec![1]);
}

#[test]
fn characters_in_order_but_apart_still_match_a_title() {
    assert_eq!(search("保室"), vec![1]);
}

#[test]
fn body_text_matches_when_the_title_does_not() {
    assert_eq!(search("录像"), vec![1]);
    assert_eq!(search("180 录像"), vec![1]);
}

#[test]
fn latin_text_matches_regardless_of_case() {
    assert_eq!(search("cisp"), vec![2]);
    assert_eq!(search("CiSp"), vec![2]);
}

#[test]
fn an_empty_query_lists_everything() {
    assert_eq!(search(" "), vec![0, 1, 2]);
}

#[test]
fn a_word_found_nowhere_matches_nothing() {
    assert_eq!(search("漏洞"), Vec::<usize>::new());
    assert_eq!(search("录像 漏洞"), Vec::<usize>::new());
}

#[test]
fn narrowing_a_query_gives_the_same_results_as_searching_afresh() {
    let content = content(true);
    let index = SearchIndex::build(&content);
    let mut previous: Option<Vec<usize>> = None;
    let mut query = String::new();
    for c in "保密室门禁".chars() {
        query.push(c);
        let fresh = index.search(&content, &query);
        if let Some(previous) = previous {
            assert_eq!(
                index.search_within(&content, &query, previous.into_iter()),
                fresh
            );
        }
        previous = Some(fresh);
    }
}

#[test]
fn folded_matching_ignores_ascii_case_only() {
    assert!(contains_folded("登记 CISP 证书".as_bytes(), b"cisp"));
    assert!(contains_folded(b"abc", b""));
    assert!(!contains_folded(b"ab", b"abc"));
    assert!(Word::new("门禁").found_in("检查门禁".as_bytes()));
    assert!(!Word::new("禁门").found_in("检查门禁".as_bytes()));
    assert!(Word::new("cisp证书").found_in("CISP证书".as_bytes()));
}

#[test]
fn item_numbers_map_back_to_positions_across_sections_and_phases() {
    let mut content = content(false);
    let mut second = content.phases[0].clone();
    second.sections.push(second.sections[0].clone());
    content.phases.push(second);
    let index = SearchIndex::build(&content);
    assert_eq!(index.len(), 9);
    let positions: Vec<(usize, usize, usize)> = (0..9)
        .filter_map(|n| index.pos(n))
        .map(|p| (p.phase, p.section, p.item))
        .collect();
    assert_eq!(
        positions,
        vec![
            (0, 0, 0),
            (0, 0, 1),
            (0, 0, 2),
            (1, 0, 0),
            (1, 0, 1),
            (1, 0, 2),
            (1, 1, 0),
            (1, 1, 1),
            (1, 1, 2)
        ]
    );
    assert!(index.pos(9).is_none());
}
