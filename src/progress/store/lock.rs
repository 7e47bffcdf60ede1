//! Single-writer lock: `<file>.lock`, held with `File::try_lock` (flock on Linux) for as long
//! as a [`LockGuard`] lives, and recording who holds it (`pid=`, `host=`, `started=` lines).

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::{FILE_MODE, Role, Store, StoreError};

/// Who holds (or held) the lock, parsed from the lock file; every part may be missing if the
/// file was empty, half-written or garbled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockHolder {
    pub pid: Option<u32>,
    pub host: Option<String>,
    pub started: Option<String>,
    /// The holder's start time in clock ticks since boot (field 22 of `/proc/PID/stat`): with
    /// `boot`, tells the holder from a later process that was given the same pid.
    pub pid_start: Option<u64>,
    /// `/proc/sys/kernel/random/boot_id` when the lock was taken.
    pub boot: Option<String>,
}

impl LockHolder {
    /// Parses `pid=…\nhost=…\nstarted=…\n`; unknown lines are ignored, values are cleaned of
    /// control characters (they end up on the user's terminal).
    pub fn parse(text: &str) -> LockHolder {
        let mut holder = LockHolder::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = clean(value);
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "pid" => holder.pid = value.parse().ok(),
                "host" => holder.host = Some(value),
                "started" => holder.started = Some(value),
                "pid_start" => holder.pid_start = value.parse().ok(),
                "boot" => holder.boot = Some(value),
                _ => {}
            }
        }
        holder
    }
}

/// `pid 1234，主机 xxx，启动于 20261125-153000` (missing parts say 未知 / are left out).
impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "pid {pid}")?,
            None => f.write_str("pid 未知")?,
        }
        match &self.host {
            Some(host) => write!(f, "，主机 {host}")?,
            None => f.write_str("，主机未知")?,
        }
        if let Some(started) = &self.started {
            write!(f, "，启动于 {started}")?;
        }
        Ok(())
    }
}

/// Proof that this process holds the lock. Dropping it empties the lock file and unlocks it
/// (the file itself stays: deleting lock files races with other processes opening them).
/// If the process dies without dropping it, the OS releases the lock; the next
/// [`Store::lock`] then reports the leftover content via [`LockGuard::took_over_stale`].
#[derive(Debug)]
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct LockGuard {
    file: File,
    path: PathBuf,
    stale: Option<LockHolder>,
}

impl LockGuard {
    /// The holder recorded by a previous process that ended without releasing the lock
    /// (crash, kill -9), if any — worth telling the user, its last changes may be unsaved.
    pub fn took_over_stale(&self) -> Option<&LockHolder> {
        self.stale.as_ref()
    }

    /// The lock file.
    pub fn lock_path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Empty first, while still holding the lock, so a clean exit never looks stale.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

impl Store {
    /// Takes the lock file `<file>.lock` (created 0600): try_lock; on success writes
    /// `pid=<pid>\nhost=<hostname>\nstarted=<label>\n` into it and returns a guard that
    /// unlocks (and truncates the file) on drop.
    ///
    /// * Another process holds it → [`StoreError::Locked`] with the holder read from the file.
    /// * try_lock succeeds but the file still names a holder (a killed process) → the lock
    ///   is taken over and the old holder reported by [`LockGuard::took_over_stale`] —
    ///   unless that holder is on this host, is not this process, and `/proc/<pid>/cmdline`
    ///   still contains "zizhi": then it is refused with `Locked` too, because flock may not
    ///   work on some network file systems.
    /// * try_lock succeeds but the file names a holder on another host → refused with
    ///   [`StoreError::LockedElsewhere`]: this machine cannot tell whether that process still
    ///   runs, and on a shared directory whose file system does not pass flock between
    ///   machines (NFS mounted with `nolock`, some SMB and sshfs setups) try_lock succeeds
    ///   even while it does. The user removes the lock file once sure it has stopped.
    ///
    /// Also creates the directory like [`Store::ensure_dir`].
    pub fn lock(&self, started_label: &str) -> Result<LockGuard, StoreError> {
        self.ensure_dir()?;
        self.check_files()?;
        let path = self.lock_path();
        let err = |io| StoreError::Lock {
            path: path.clone(),
            io,
        };
        // Never through a link planted at its name (the check above could have raced with it).
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&path)
            .map_err(|io| {
                if io.raw_os_error() == Some(libc::ELOOP) {
                    StoreError::Symlink {
                        path: path.clone(),
                        role: Role::Lock,
                    }
                } else {
                    err(io)
                }
            })?;
        let meta = file.metadata().map_err(err)?;
        if !meta.is_file() {
            return Err(StoreError::NotRegular {
                path,
                role: Role::Lock,
                kind: crate::safe_fs::kind_of(&meta),
            });
        }
        if !self.allow_unsafe && meta.uid() != super::my_uid() {
            return Err(StoreError::ForeignOwner {
                path,
                role: Role::Lock,
                owner: meta.uid(),
                me: super::my_uid(),
            });
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                // The holder may be between truncating and writing: parts may be missing.
                let holder = read_holder(&mut file).ok().flatten().unwrap_or_default();
                return Err(StoreError::Locked {
                    path: self.path.clone(),
                    holder: Box::new(holder),
                });
            }
            Err(TryLockError::Error(io)) => return Err(err(io)),
        }

        // From here on, returning early drops `file`, which releases the lock.
        let previous = read_holder(&mut file).map_err(err)?;
        let host = hostname();
        if let Some(prev) = &previous
            && prev.host.as_deref() == Some(host.as_str())
            && let Some(pid) = prev.pid
            && pid != std::process::id()
            && is_still_running(prev, pid)
        {
            return Err(StoreError::Locked {
                path: self.path.clone(),
                holder: Box::new(prev.clone()),
            });
        }
        if let Some(prev) = &previous
            && prev.host.as_ref().is_some_and(|h| *h != host)
        {
            return Err(StoreError::LockedElsewhere {
                path: self.path.clone(),
                lock: path.clone(),
                holder: Box::new(prev.clone()),
            });
        }

        let me = std::process::id();
        let mut record = format!("pid={me}\nhost={host}\nstarted={}\n", clean(started_label));
        if let (Some(start), Some(boot)) = (process_start(me), boot_id()) {
            record.push_str(&format!("pid_start={start}\nboot={boot}\n"));
        }
        // Not flushed to the disk: other processes read the record from the page cache, and
        // after a crash the lock is free anyway (the kernel drops the flock with the process),
        // so a flush would only add a disk wait (10 ms and more on a VM) to every start.
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(record.as_bytes()))
            .map_err(err)?;
        Ok(LockGuard {
            file,
            path,
            stale: previous,
        })
    }
}

/// The holder recorded in the lock file, `None` if the file is empty.
fn read_holder(file: &mut File) -> io::Result<Option<LockHolder>> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.take(64 * 1024).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(LockHolder::parse(&text)))
}

/// This machine's host name, from /proc (no extra crate); "unknown" if unavailable.
fn hostname() -> String {
    // Files under /proc are the kernel's, not user data: read as they are.
    let name = fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| clean(&s))
        .unwrap_or_default();
    if name.is_empty() {
        "unknown".to_owned()
    } else {
        name
    }
}

/// Whether the holder recorded in `prev` (on this host, with pid `pid`) still runs. A record
/// with the holder's start time is judged by pid AND start time since this boot: a pid reused
/// by any later process is told apart. An older record without it falls back to whether the
/// pid's command line mentions zizhi.
fn is_still_running(prev: &LockHolder, pid: u32) -> bool {
    match (prev.pid_start, prev.boot.as_deref()) {
        (Some(start), Some(boot)) => {
            boot_id().as_deref() == Some(boot) && process_start(pid) == Some(start)
        }
        _ => is_running_zizhi(pid),
    }
}

/// The start time of process `pid` in clock ticks since boot (field 22 of
/// `/proc/PID/stat`), if it runs.
pub(super) fn process_start(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces or ")": fields are
    // counted after the last ")". Field 3 is the first there, so field 22 is the 20th.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

/// This boot's id, if the kernel provides one.
fn boot_id() -> Option<String> {
    let id = fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let id = clean(&id);
    (!id.is_empty()).then_some(id)
}

/// Whether `pid` is a live process whose command line mentions zizhi.
fn is_running_zizhi(pid: u32) -> bool {
    fs::read(format!("/proc/{pid}/cmdline"))
        .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains("zizhi"))
}

/// Trimmed, without control characters, at most 100 characters.
fn clean(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::tests::{fixture, mode, read};
    use super::*;
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    /// No Linux pid reaches this: pid_max is at most 2^22.
    const DEAD_PID: u32 = 999_999_999;

    #[test]
    fn the_lock_file_is_0600_and_records_pid_host_and_start() {
        let (_tmp, store) = fixture();
        let guard = store.lock("20261125-153000").unwrap();
        assert_eq!(guard.lock_path(), store.lock_path());
        assert_eq!(mode(&store.lock_path()), 0o600);
        let holder = LockHolder::parse(&read(&store.lock_path()));
        assert_eq!(holder.pid, Some(std::process::id()));
        assert_eq!(holder.host.as_deref(), Some(hostname().as_str()));
        assert_eq!(holder.started.as_deref(), Some("20261125-153000"));
        assert!(guard.took_over_stale().is_none());
    }

    #[test]
    fn try_lock_on_a_second_handle_conflicts_within_one_process() {
        // The premise of the next test: flock locks belong to the open file description.
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let first = File::create(store.lock_path()).unwrap();
        let second = File::open(store.lock_path()).unwrap();
        first.try_lock().unwrap();
        assert!(matches!(second.try_lock(), Err(TryLockError::WouldBlock)));
    }

    #[test]
    fn a_second_lock_in_the_same_process_fails_with_locked_naming_the_pid() {
        let (_tmp, store) = fixture();
        let _guard = store.lock("20261125-153000").unwrap();
        let err = store.lock("20261125-153001").unwrap_err();
        let StoreError::Locked { path, holder } = &err else {
            panic!("expected Locked, got {err:?}");
        };
        assert_eq!(path, store.path());
        assert_eq!(holder.pid, Some(std::process::id()));
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!(
                "另一个 zizhi 进程（pid {}，主机 {}，启动于 20261125-153000）正在使用 {}；",
                std::process::id(),
                hostname(),
                store.path().display()
            )),
            "{msg}"
        );
        assert!(msg.contains("--data"), "{msg}");
    }

    #[test]
    fn dropping_the_guard_releases_the_lock_and_empties_the_lock_file() {
        let (_tmp, store) = fixture();
        let guard = store.lock("a").unwrap();
        drop(guard);
        assert_eq!(read(&store.lock_path()), "");
        let again = store.lock("b").unwrap();
        assert!(
            again.took_over_stale().is_none(),
            "a clean release is not stale"
        );
    }

    #[test]
    fn a_stale_lock_from_a_dead_pid_is_taken_over_and_reported() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let old = format!(
            "pid={DEAD_PID}\nhost={}\nstarted=20261124-080000\n",
            hostname()
        );
        fs::write(store.lock_path(), old).unwrap();

        let guard = store.lock("20261125-153000").unwrap();
        let stale = guard.took_over_stale().expect("stale holder reported");
        assert_eq!(stale.pid, Some(DEAD_PID));
        assert_eq!(stale.started.as_deref(), Some("20261124-080000"));
        let now = LockHolder::parse(&read(&store.lock_path()));
        assert_eq!(now.pid, Some(std::process::id()));
        assert_eq!(now.started.as_deref(), Some("20261125-153000"));
    }

    /// A live `sleep 30` whose command line is `name`, once it shows as a running zizhi.
    fn a_zizhi_process(name: &str) -> std::process::Child {
        let child = Command::new("sleep").arg0(name).arg("30").spawn().unwrap();
        // `spawn` can return before the exec has set the new command line: wait for it.
        for _ in 0..200 {
            if is_running_zizhi(child.id()) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        child
    }

    #[test]
    fn a_live_zizhi_process_on_this_host_is_refused_even_if_try_lock_succeeds() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        // A live process whose command line contains "zizhi" but holds no flock, as on a
        // network file system where flock does nothing.
        let mut child = a_zizhi_process("zizhi-lock-test");
        let record = format!("pid={}\nhost={}\nstarted=x\n", child.id(), hostname());
        fs::write(store.lock_path(), &record).unwrap();

        let result = store.lock("y");
        child.kill().unwrap();
        child.wait().unwrap();

        let err = result.unwrap_err();
        assert!(
            matches!(&err, StoreError::Locked { holder, .. } if holder.pid == Some(child.id())),
            "{err:?}"
        );
        assert_eq!(
            read(&store.lock_path()),
            record,
            "a refused lock changes nothing"
        );
        // Once that process is gone, its record is stale and taken over.
        assert!(store.lock("z").unwrap().took_over_stale().is_some());
    }

    #[test]
    fn a_record_from_another_host_is_refused_and_left_in_place() {
        // What a second machine sees on a shared directory whose file system does not pass
        // flock between machines, or after the other machine crashed: it cannot tell which.
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let record = format!(
            "pid={}\nhost=not-{}\nstarted=20261125-080000\n",
            std::process::id() + 1,
            hostname()
        );
        fs::write(store.lock_path(), &record).unwrap();
        let err = store.lock("x").unwrap_err();
        assert!(
            matches!(&err, StoreError::LockedElsewhere { holder, .. }
                if holder.host.as_deref() == Some(format!("not-{}", hostname()).as_str())),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains(&format!("主机 not-{}", hostname())), "{msg}");
        assert!(
            msg.contains(&format!("删除锁文件 {}", store.lock_path().display())),
            "{msg}"
        );
        assert_eq!(
            read(&store.lock_path()),
            record,
            "a refusal changes nothing"
        );
        // Once the user removes the lock file, the lock is free.
        fs::remove_file(store.lock_path()).unwrap();
        assert!(store.lock("y").unwrap().took_over_stale().is_none());
    }

    #[test]
    fn the_lock_records_this_process_start_time_and_boot() {
        let (_tmp, store) = fixture();
        let _guard = store.lock("x").unwrap();
        let holder = LockHolder::parse(&read(&store.lock_path()));
        assert_eq!(holder.pid_start, process_start(std::process::id()));
        assert!(holder.pid_start.is_some());
        assert_eq!(holder.boot, boot_id());
    }

    #[test]
    fn a_stale_record_whose_pid_now_belongs_to_another_zizhi_is_taken_over() {
        // The pid was reused by a live process whose command line mentions zizhi, but it
        // started at another time than the recorded holder: the record is stale.
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let mut child = a_zizhi_process("zizhi-reused-pid");
        let real_start = process_start(child.id()).unwrap();
        let record = format!(
            "pid={}\nhost={}\nstarted=x\npid_start={}\nboot={}\n",
            child.id(),
            hostname(),
            real_start.wrapping_sub(1),
            boot_id().unwrap()
        );
        fs::write(store.lock_path(), &record).unwrap();
        let taken = store.lock("y");
        // The same record with the true start time names a running holder.
        let live = format!(
            "pid={}\nhost={}\nstarted=x\npid_start={real_start}\nboot={}\n",
            child.id(),
            hostname(),
            boot_id().unwrap()
        );
        let stale = taken.unwrap();
        assert!(stale.took_over_stale().is_some());
        drop(stale);
        fs::write(store.lock_path(), &live).unwrap();
        let refused = store.lock("z");
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            matches!(refused, Err(StoreError::Locked { .. })),
            "{refused:?}"
        );
    }

    #[test]
    fn a_garbled_record_without_a_host_is_taken_over() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        fs::write(store.lock_path(), "pid=abc\n").unwrap();
        let guard = store.lock("x").unwrap();
        assert!(guard.took_over_stale().is_some());
    }

    #[test]
    fn a_garbled_lock_file_parses_to_unknown_parts() {
        let holder = LockHolder::parse("pid=abc\nhost=\u{1b}[31mevil\nnonsense\n");
        assert_eq!(holder.pid, None);
        assert_eq!(holder.host.as_deref(), Some("[31mevil"));
        assert_eq!(holder.to_string(), "pid 未知，主机 [31mevil");
    }
}
