//! The one environment scrub every test harness starts the binary with, so a developer's
//! shell (`ZIZHI_PROFILE`, `ZIZHI_LANG`, `NO_COLOR`, a GB18030 `LC_ALL`, a `TZ`…) never
//! changes what a test sees. It also sets `TERM` and `LANG` itself; a test that needs one of
//! these variables sets it after the scrub.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// Variables that change what the binary does, removed before every run.
pub const CLEARED: &[&str] = &[
    "ZIZHI_DATA",
    "ZIZHI_CHECKLISTS",
    "ZIZHI_LANG",
    "ZIZHI_PROFILE",
    "ZIZHI_TEST_SCHEMA_UPGRADE",
    "ZIZHI_ALLOW_UNSAFE_DATA_DIR",
    "ZIZHI_AMBIGUOUS",
    "ZIZHI_MARKING",
    "ZIZHI_ORG",
    "ZIZHI_TARGET",
    "ZIZHI_NOW",
    "ZIZHI_READONLY_ABOVE",
    "ZIZHI_TEST_SYNC_PANIC",
    "NO_COLOR",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "LANGUAGE",
    "TZ",
    "COLUMNS",
    "LINES",
];

/// Variables the scrub sets: a colour terminal and a UTF-8 locale.
pub const SET: &[(&str, &str)] = &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")];

/// Anything a child's environment can be given to: a `Command`, a pty's command builder.
pub trait ChildEnv {
    fn remove_var(&mut self, key: &str);
    fn set_var(&mut self, key: &str, value: &OsStr);
}

impl ChildEnv for Command {
    fn remove_var(&mut self, key: &str) {
        self.env_remove(key);
    }

    fn set_var(&mut self, key: &str, value: &OsStr) {
        self.env(key, value);
    }
}

/// Removes [`CLEARED`] and sets [`SET`].
pub fn scrub<C: ChildEnv>(cmd: &mut C) -> &mut C {
    for key in CLEARED {
        cmd.remove_var(key);
    }
    for (key, value) in SET {
        cmd.set_var(key, OsStr::new(value));
    }
    cmd
}

/// `HOME` `home`, `XDG_CONFIG_HOME` `config` and `XDG_CACHE_HOME` `config/cache`: a scratch
/// home (`config` is often `home` itself).
pub fn home<'a, C: ChildEnv>(cmd: &'a mut C, home: &Path, config: &Path) -> &'a mut C {
    cmd.set_var("XDG_CONFIG_HOME", config.as_os_str());
    cmd.set_var("XDG_CACHE_HOME", config.join("cache").as_os_str());
    cmd.set_var("HOME", home.as_os_str());
    cmd
}

/// The binary under test, scrubbed.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zizhi"));
    scrub(&mut cmd);
    cmd
}
