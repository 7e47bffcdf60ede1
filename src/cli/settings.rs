//! `zizhi settings` (every setting, what is set and what applies) and `zizhi settings set KEY
//! VALUE`: the unit's settings kept with the progress, the same ones the app's settings dialog
//! (`,` on the dashboard) edits.

use std::io::{self, Write};

use crate::content::Content;
use crate::domain::settings::Key;
use crate::i18n::Lang;
use crate::progress::{self, Progress, Store};

use super::exit::{Failure, Status};

/// Prints every setting: its key, label, what is set, and what applies.
pub fn write_show(
    out: &mut impl Write,
    content: &Content,
    progress: &Progress,
    lang: Lang,
) -> io::Result<()> {
    for key in Key::ALL {
        let set = key.text(&progress.settings);
        let set = if set.is_empty() {
            lang.t("（未设置）", "(not set)").to_owned()
        } else {
            set
        };
        writeln!(out, "{}  {}", key.name(), key.label(lang))?;
        writeln!(out, "    {}{set}", lang.t("设置：", "set:     "))?;
        writeln!(
            out,
            "    {}{}",
            lang.t("生效：", "applies: "),
            key.effective(content, progress, lang)
        )?;
    }
    writeln!(
        out,
        "{}",
        lang.t(
            "修改：zizhi settings set 键 值（空字符串 \"\" 清除）；程序里在总览或人员台账按 , 打开设置",
            "Change: zizhi settings set KEY VALUE (\"\" clears); in the app press , on the dashboard or the staff register",
        )
    )
}

/// Sets `key` to `value` and saves; in team mode the change is recorded at once. Prints what
/// now applies.
pub fn run_set(
    out: &mut impl Write,
    store: &Store,
    team: Option<&crate::team::workspace::Team>,
    content: &Content,
    (key, value): (&str, &str),
    lock_label: &str,
    lang: Lang,
) -> Result<(), Failure> {
    let key = Key::parse(key, lang).map_err(|e| Failure::new(Status::Usage, e.to_string()))?;
    let _lock = store.lock(lock_label).map_err(|e| {
        Failure::new(
            Status::of_store_error(&e),
            e.message(crate::i18n::messages()),
        )
    })?;
    let (mut progress, _) =
        super::read_progress(store).map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
    let changed = key
        .set(&mut progress.settings, value, lang)
        .map_err(|e| Failure::new(Status::Usage, e.to_string()))?;
    let io_fail = |e: io::Error| {
        Failure::new(
            Status::Failed,
            format!("{}{e}", lang.t("输出失败：", "output failed: ")),
        )
    };
    if changed {
        store
            .save(&progress::encode(&progress))
            .map_err(|e| Failure::new(Status::Failed, e.message(crate::i18n::messages())))?;
        if let Some(team) = team {
            super::team::record_now(team, store, out)?;
        }
    }
    let what = if changed {
        lang.t("已设置", "set")
    } else {
        lang.t("没有变化", "unchanged")
    };
    let applies = key.effective(content, &progress, lang);
    match lang {
        Lang::Zh => writeln!(
            out,
            "{} {}（{what}）：{applies}",
            key.name(),
            key.label(lang)
        ),
        Lang::En => writeln!(
            out,
            "{} {} ({what}): {applies}",
            key.name(),
            key.label(lang)
        ),
    }
    .map_err(io_fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_lists_every_key_with_the_content_threshold_when_none_is_set() {
        let content = crate::content::load_built_in().expect("built-in content");
        let mut out = Vec::new();
        write_show(&mut out, &content, &Progress::default(), Lang::En).expect("memory");
        let text = String::from_utf8(out).expect("utf-8");
        for key in Key::ALL {
            assert!(text.contains(key.name()), "{text}");
        }
        assert!(text.contains("(default)"), "{text}");
    }
}
