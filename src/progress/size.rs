//! What one progress file may cost: above a size the app opens it read-only, and saves of a
//! big file wait for a pause in typing instead of following every key.
//!
//! Each save writes the whole file (that is what makes it atomic), so its cost grows with the
//! file (`benches/progress.rs`, figures in `docs/data-safety.md`): a 289 KiB file saves in
//! under 2 ms, a 150 MiB one took seconds. A file a team writes in years is a few MiB; a file
//! of 100 MB or more comes from a runaway import or a bad merge.

/// Above this many bytes the TUI opens the progress file read-only and says why; `zizhi data
/// compact` shrinks it (`cli::read_only_limit` lets `ZIZHI_READONLY_ABOVE` override it).
pub const READ_ONLY_ABOVE: u64 = 64 * 1024 * 1024;

/// Above this many bytes a change is written once no key has come for [`QUIET_MS`] (and
/// always before quitting, suspending or a signal), so typing never waits for the disk.
pub const DEFER_SAVES_ABOVE: usize = 1024 * 1024;

/// The pause in input after which a deferred save is written.
pub const QUIET_MS: u64 = 400;

/// The sentence the TUI shows while the file is read-only (fits an 80-column footer).
pub fn read_only_message(bytes: u64, limit: u64, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!(
            "只读：文件 {} 超过上限 {}，更改不保存；退出后运行 zizhi data compact",
            human(bytes),
            human(limit)
        ),
        crate::i18n::Lang::En => format!(
            "Read-only: {} is over the {} limit; run zizhi data compact",
            human(bytes),
            human(limit)
        ),
    }
}

/// A size as people read it: `158 MiB`, `12 KiB`, `300 B`.
pub fn human(bytes: u64) -> String {
    const KIB: u64 = 1024;
    if bytes >= KIB * KIB {
        format!("{} MiB", bytes.div_ceil(KIB * KIB))
    } else if bytes >= KIB {
        format!("{} KiB", bytes.div_ceil(KIB))
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_read_only_message_fits_an_80_column_footer() {
        for lang in [Lang::Zh, Lang::En] {
            let message = read_only_message(999 * 1024 * 1024, READ_ONLY_ABOVE, lang);
            assert!(message.width() < 80, "{message}");
        }
    }

    #[test]
    fn sizes_are_rounded_up_to_the_unit_people_read() {
        assert_eq!(human(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human(64 * 1024 * 1024 + 1), "65 MiB");
        assert_eq!(human(2048), "2 KiB");
        assert_eq!(human(300), "300 B");
    }
}
