//! Documentation made from the program's own tables, so it cannot drift from them: the key
//! tables of the README and the man page come from the key map, the exit-code tables from
//! [`super::exit`]. A test compares the README's generated blocks with these functions
//! (`ZIZHI_UPDATE_README=1 cargo test --test readme` rewrites them).

use crate::i18n::Lang;
use crate::keymap::{self, Scope};

/// The screens whose keys the README and the man page list, in the order of the tour, with
/// the name used in the README's markers (`<!-- generated:keys:NAME -->`).
pub const KEY_SCREENS: &[(&str, Scope, &str, &str)] = &[
    ("global", Scope::Global, "所有屏幕", "Every screen"),
    ("dashboard", Scope::Dashboard, "总览", "Dashboard"),
    ("checklist", Scope::Checklist, "阶段清单", "Phase checklist"),
    ("search", Scope::Search, "搜索", "Search"),
    (
        "interview",
        Scope::IvHome,
        "模拟访谈：名单",
        "Interview: roster",
    ),
    (
        "interview-answer",
        Scope::IvAnswer,
        "模拟访谈：作答",
        "Interview: answering",
    ),
    (
        "interview-reveal",
        Scope::IvReveal,
        "模拟访谈：揭晓",
        "Interview: reveal",
    ),
    (
        "sop",
        Scope::SopList,
        "演示预演：流程列表",
        "Demo SOPs: list",
    ),
    (
        "sop-run",
        Scope::SopRunner,
        "演示预演：计时中",
        "Demo SOPs: timed run",
    ),
    (
        "rectify",
        Scope::RectifyList,
        "整改跟踪：列表",
        "Rectification: list",
    ),
    (
        "rectify-form",
        Scope::RectifyForm,
        "整改跟踪：表单",
        "Rectification: form",
    ),
    ("score", Scope::Scoring, "自评分", "Self-assessment"),
    ("timeline", Scope::Gantt, "时间线", "Timeline"),
    ("people", Scope::PeopleList, "人员台账", "Staff register"),
    (
        "people-detail",
        Scope::PeopleDetail,
        "人员台账 · 个人详情",
        "Staff register · a person",
    ),
];

/// `(keys, what they do)` rows of one screen: its own bindings, without the global ones that
/// the "global" table lists once (an exclusive screen such as a form keeps all of its own).
pub fn key_rows(scope: Scope, lang: Lang) -> Vec<(String, String)> {
    let rows = keymap::help_rows(scope, lang);
    if scope == Scope::Global {
        return rows.into_iter().map(|(k, d)| (k, d.to_owned())).collect();
    }
    let global = keymap::help_rows(Scope::Global, lang);
    rows.into_iter()
        .filter(|row| !global.contains(row))
        .map(|(k, d)| (k, d.to_owned()))
        .collect()
}

/// A cell of a Markdown table: `|` escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown key table of one screen.
pub fn key_table(scope: Scope, lang: Lang) -> String {
    let (keys, does) = (lang.t("按键", "Keys"), lang.t("作用", "Action"));
    let mut out = format!("| {keys} | {does} |\n| --- | --- |\n");
    for (k, d) in key_rows(scope, lang) {
        out.push_str(&format!("| {} | {} |\n", cell(&k), cell(&d)));
    }
    out
}

/// The text of the README's generated block `name`: `keys:SCREEN`, `keys-en:SCREEN`,
/// `exit-codes` or `exit-codes-en`. `None` for an unknown name.
pub fn readme_block(name: &str) -> Option<String> {
    let (lang, rest) = match name.split_once(':') {
        Some(("keys", screen)) => (Lang::Zh, Some(screen)),
        Some(("keys-en", screen)) => (Lang::En, Some(screen)),
        _ => match name {
            "exit-codes" => (Lang::Zh, None),
            "exit-codes-en" => (Lang::En, None),
            _ => return None,
        },
    };
    match rest {
        None => Some(super::exit::markdown_table(lang)),
        Some(screen) => KEY_SCREENS
            .iter()
            .find(|(n, ..)| *n == screen)
            .map(|(_, scope, ..)| key_table(*scope, lang)),
    }
}

/// Replaces every generated block of `text` (between `<!-- generated:NAME -->` and
/// `<!-- /generated -->`) with its current content. Unknown names are reported.
pub fn refresh_generated(text: &str) -> Result<String, String> {
    const OPEN: &str = "<!-- generated:";
    const CLOSE: &str = "<!-- /generated -->";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let after_open = &rest[start + OPEN.len()..];
        let name_end = after_open
            .find(" -->")
            .ok_or_else(|| "a generated block's opening marker is not closed".to_owned())?;
        let name = &after_open[..name_end];
        let body_start = start + OPEN.len() + name_end + " -->\n".len();
        let end = rest[body_start..]
            .find(CLOSE)
            .ok_or_else(|| format!("the generated block {name} has no {CLOSE}"))?
            + body_start;
        let block = readme_block(name).ok_or_else(|| format!("unknown generated block {name}"))?;
        out.push_str(&rest[..body_start]);
        out.push_str(&block);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tour_screen_has_rows_in_both_languages() {
        for (name, scope, ..) in KEY_SCREENS {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!key_rows(*scope, lang).is_empty(), "{name} {lang:?}");
            }
        }
    }

    #[test]
    fn a_screen_table_leaves_the_global_keys_to_the_global_table() {
        let global = key_rows(Scope::Global, Lang::Zh);
        let checklist = key_rows(Scope::Checklist, Lang::Zh);
        assert!(checklist.iter().all(|row| !global.contains(row)));
        assert!(checklist.iter().any(|(k, _)| k == "Space"));
    }

    #[test]
    fn a_block_is_refreshed_and_the_text_around_it_kept() {
        let text = "前\n<!-- generated:exit-codes -->\n旧的\n<!-- /generated -->\n后\n";
        let fresh = refresh_generated(text).expect("known block");
        assert!(fresh.starts_with("前\n<!-- generated:exit-codes -->\n| 退出码 |"));
        assert!(
            fresh.ends_with(
                "| 101 | 程序内部错误（请报告），进度已保存 |\n<!-- /generated -->\n后\n"
            )
        );
        assert!(refresh_generated("<!-- generated:nope -->\n<!-- /generated -->").is_err());
    }
}
