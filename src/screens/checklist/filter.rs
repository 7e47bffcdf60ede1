//! The checklist's filter, one key (`f`) cycling through: everything, mine (the operator's
//! items), each owner present, then each status. Sections with no matching item are left
//! out; the list's title says which filter is on.

use crate::i18n::Lang;
use crate::progress::{Progress, Status};

/// Which items the checklist lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ItemFilter {
    #[default]
    All,
    /// Owned by the person at the keyboard (the operator).
    Mine(String),
    Owner(String),
    Status(Status),
}

const STATUSES: [Status; 4] = [
    Status::Todo,
    Status::InProgress,
    Status::Done,
    Status::NotApplicable,
];

impl ItemFilter {
    /// Whether the item `id` passes.
    pub fn accepts(&self, progress: &Progress, id: &str) -> bool {
        let item = progress.item(id);
        let owner = item.map_or("", |i| i.owner.trim());
        match self {
            ItemFilter::All => true,
            ItemFilter::Mine(name) | ItemFilter::Owner(name) => owner == name,
            ItemFilter::Status(status) => progress.status(id) == *status,
        }
    }

    /// The filters to cycle through, with the owners present in `progress`.
    pub fn choices(progress: &Progress) -> Vec<ItemFilter> {
        let me = progress.operator.trim().to_owned();
        let mut out = vec![ItemFilter::All];
        if !me.is_empty() {
            out.push(ItemFilter::Mine(me.clone()));
        }
        let mut owners: Vec<&str> = progress
            .items
            .values()
            .map(|i| i.owner.trim())
            .filter(|o| !o.is_empty() && *o != me)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        out.extend(owners.into_iter().map(|o| ItemFilter::Owner(o.to_owned())));
        out.extend(STATUSES.iter().map(|s| ItemFilter::Status(*s)));
        out
    }

    /// The next filter after `self`.
    pub fn next(&self, progress: &Progress) -> ItemFilter {
        let choices = Self::choices(progress);
        let at = choices.iter().position(|c| c == self);
        match at {
            Some(i) => choices[(i + 1) % choices.len()].clone(),
            None => ItemFilter::All,
        }
    }

    /// "我的（张伟）", "负责人 王静", "状态 进行中"; empty for everything.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            ItemFilter::All => String::new(),
            ItemFilter::Mine(name) => format!("{}（{name}）", lang.t("我的", "mine")),
            ItemFilter::Owner(name) => format!("{} {name}", lang.t("负责人", "owner")),
            ItemFilter::Status(status) => format!(
                "{} {}",
                lang.t("状态", "status"),
                status_text(*status, lang)
            ),
        }
    }
}

fn status_text(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Todo => lang.t("待办", "to do"),
        Status::InProgress => lang.t("进行中", "in progress"),
        Status::Done => lang.t("已完成", "done"),
        Status::NotApplicable => lang.t("不适用", "n/a"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::{App, Event, update};
    use crate::content::load_built_in;
    use crate::i18n::Lang;
    use crate::progress::{Progress, Rectification, RectificationStatus, Status};
    use crate::screens::test_support::draw;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("valid time")
    }

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\r' => KeyCode::Enter,
                c => KeyCode::Char(c),
            };
            update(
                app,
                Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
                now(),
            );
        }
    }

    fn rect(id: &str, title: &str, owner: &str) -> Rectification {
        Rectification {
            id: id.into(),
            title: title.into(),
            source: crate::content::FindingSource::SelfCheck,
            link: String::new(),
            template: String::new(),
            severity: crate::content::Severity::General,
            description: String::new(),
            root_cause: String::new(),
            action: String::new(),
            owner: owner.into(),
            due: None,
            evidence: String::new(),
            verifier: String::new(),
            status: RectificationStatus::Open,
            history: Vec::new(),
        }
    }

    fn app() -> (App, Vec<(String, String)>) {
        let content = load_built_in().expect("built-in content loads");
        let first: Vec<(String, String)> = content
            .items()
            .take(4)
            .map(|r| (r.item.id.value.to_string(), r.item.title.to_string()))
            .collect();
        let mut progress = Progress {
            operator: "张伟".into(),
            ..Progress::default()
        };
        progress.item_mut(&first[0].0).owner = "张伟".into();
        progress.item_mut(&first[1].0).owner = "王静".into();
        progress.item_mut(&first[2].0).status = Status::InProgress;
        progress
            .rectifications
            .push(rect("ZG-001", "巡检记录断档", "张伟"));
        progress
            .rectifications
            .push(rect("ZG-002", "机房门禁未登记", "王静"));
        (
            App::new(content, progress, Lang::Zh, now(), (80, 24)),
            first,
        )
    }

    #[test]
    fn f_in_a_checklist_cycles_mine_each_owner_and_each_status_and_the_title_says_which() {
        let (mut app, items) = app();
        press(&mut app, "2");
        let all = draw(&app);
        assert!(
            all.contains(&items[1].1) && all.contains(&items[3].1),
            "{all}"
        );
        press(&mut app, "f");
        let mine = draw(&app);
        assert!(mine.contains("筛选：我的（张伟）"), "{mine}");
        assert!(mine.contains(&items[0].1), "{mine}");
        assert!(!mine.contains(&items[1].1), "{mine}");
        press(&mut app, "f");
        let wang = draw(&app);
        assert!(wang.contains("筛选：负责人 王静"), "{wang}");
        assert!(
            wang.contains(&items[1].1) && !wang.contains(&items[0].1),
            "{wang}"
        );
        // 待办, then 进行中: only the item in progress.
        press(&mut app, "ff");
        let busy = draw(&app);
        assert!(busy.contains("筛选：状态 进行中"), "{busy}");
        assert!(
            busy.contains(&items[2].1) && !busy.contains(&items[3].1),
            "{busy}"
        );
        // On round to everything again.
        press(&mut app, "fff");
        let again = draw(&app);
        assert!(!again.contains("筛选："), "{again}");
        assert!(again.contains(&items[3].1), "{again}");
    }

    #[test]
    fn m_in_the_rectification_list_shows_only_mine_and_again_everyones() {
        let (mut app, _) = app();
        press(&mut app, "5");
        assert!(draw(&app).contains("机房门禁未登记"));
        press(&mut app, "m");
        let mine = draw(&app);
        assert!(mine.contains("负责人 张伟"), "{mine}");
        assert!(
            mine.contains("巡检记录断档") && !mine.contains("机房门禁未登记"),
            "{mine}"
        );
        press(&mut app, "m");
        assert!(draw(&app).contains("机房门禁未登记"));
    }
}
