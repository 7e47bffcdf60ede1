//! Interface language: Chinese by default, English on request. Content stays as written.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the string for this language; call sites keep both texts side by side.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The language of messages made far from any `Lang` value (the progress file's read errors,
/// the data-directory lookups): set once by the binary from `--lang` before any command runs;
/// Chinese until then (and in every test that does not set it).
static MESSAGES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets the language of [`messages`] for the rest of the run.
pub fn set_messages(lang: Lang) {
    MESSAGES.store(lang == Lang::En, std::sync::atomic::Ordering::Relaxed);
}

/// The language for messages that have no `Lang` passed in (see [`set_messages`]).
pub fn messages() -> Lang {
    if MESSAGES.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}
