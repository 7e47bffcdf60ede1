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
mod tests;
