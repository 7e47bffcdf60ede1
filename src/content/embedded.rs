//! The built-in content, compiled into the binary so one file is enough on a secured machine.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// `(file name, contents)` of every built-in content file, sorted by name.
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// Writes the built-in files into `dir` (created if missing). Refuses to overwrite an existing
/// file unless `force`, so a customised set is never clobbered. Returns the paths written.
pub fn export_built_in(dir: &Path, force: bool) -> io::Result<Vec<PathBuf>> {
    let lang = crate::i18n::messages();
    fs::create_dir_all(dir)?;
    if !force {
        for (name, _) in BUILT_IN {
            let path = dir.join(name);
            if path.exists() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    match lang {
                        Lang::Zh => format!(
                            "{} 已存在；为免覆盖你的修改，未写入任何文件。换一个空目录，或加 --force 覆盖",
                            path.display()
                        ),
                        Lang::En => format!(
                            "{} exists; so as not to overwrite your changes, no file was written. Choose an empty directory, or add --force to overwrite",
                            path.display()
                        ),
                    },
                ));
            }
        }
    }
    let mut written = Vec::with_capacity(BUILT_IN.len());
    for (name, text) in BUILT_IN {
        let path = dir.join(name);
        fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
