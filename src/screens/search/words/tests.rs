//! Which of the team's own words a query finds, and how each result is tagged.

use super::*;
use crate::app::test_support::rectification;
use crate::content::load_built_in;
use crate::progress::Rectification;

#[test]
fn notes_owners_evidence_and_rectification_texts_are_found_and_tagged() {
    let content = load_built_in().expect("content");
    let id = content
        .items()
        .next()
        .map(|r| r.item.id.value.to_string())
        .expect("an item");
    let mut progress = Progress::default();
    let item = progress.item_mut(&id);
    item.note = "已和财务核对 合同台账".into();
    item.owner = "张伟".into();
    item.evidence = "ZJ-2026-017 合同台账".into();
    progress.rectifications.push(Rectification {
        description: "三月的机房巡检表缺失".into(),
        root_cause: "值班交接没有核对".into(),
        action: "补登并加入交接清单".into(),
        ..rectification("ZG-001", "巡检记录断档", "王静")
    });
    let tags = |q: &str| -> Vec<Tag> {
        search(&content, &progress, q)
            .iter()
            .map(|h| h.tag)
            .collect()
    };
    assert_eq!(tags("合同台账"), [Tag::Note, Tag::Evidence]);
    assert_eq!(tags("张伟"), [Tag::Owner]);
    assert_eq!(tags("zj-2026"), [Tag::Evidence], "case does not matter");
    assert_eq!(tags("交接"), [Tag::Rectification]);
    assert_eq!(tags("王静"), [Tag::Owner]);
    let hit = &search(&content, &progress, "交接")[0];
    assert_eq!(hit.target, Target::Rectification("ZG-001".into()));
    assert_eq!(hit.text, "值班交接没有核对");
    assert!(search(&content, &progress, "  ").is_empty());
}
