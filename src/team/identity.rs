//! Who is at the keyboard: the name recorded on every change. It is the operating-system user
//! by default, the name given to `zizhi team join --name` in team mode, or the name the user
//! chose with `u` in the rectification area. The person *rehearsing* (`--profile`) is a
//! different thing and never changes it.

/// The operating-system user, from the environment the login shell sets (`USER`, then
/// `LOGNAME`), or `None` when neither names anyone.
pub fn os_user_from_env(env: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["USER", "LOGNAME"]
        .into_iter()
        .filter_map(env)
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
}

/// The operating-system user: the environment first, else the account database entry of the
/// process's user id (a service or `env -i` shell may set no `USER`).
pub fn os_user() -> Option<String> {
    os_user_from_env(|key| std::env::var(key).ok()).or_else(account_name)
}

#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    // A system file owned by root, not user data: read as it is.
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    name_of_uid(&passwd, uid)
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// The name of `uid` in a passwd-format text (`name:x:uid:…`).
fn name_of_uid(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut parts = line.split(':');
        let name = parts.next()?;
        let uid_field = parts.nth(1)?;
        (uid_field.parse::<u32>().ok()? == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

/// The operator for this run: the team member's name in team mode (the person file says who
/// this is), else the name recorded earlier in the progress file, else the operating-system
/// user; empty when none is known (the rectification area then asks once).
pub fn operator(recorded: &str, team_name: Option<&str>, os_user: Option<&str>) -> String {
    let clean = |s: &str| s.trim().to_owned();
    if let Some(name) = team_name.map(clean).filter(|n| !n.is_empty()) {
        return name;
    }
    if !recorded.trim().is_empty() {
        return clean(recorded);
    }
    os_user.map(clean).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_os_user_comes_from_user_then_logname() {
        assert_eq!(
            os_user_from_env(env(&[("USER", "wangjing")])).as_deref(),
            Some("wangjing")
        );
        assert_eq!(
            os_user_from_env(env(&[("USER", " "), ("LOGNAME", "zhangwei")])).as_deref(),
            Some("zhangwei")
        );
        assert_eq!(os_user_from_env(env(&[])), None);
    }

    #[test]
    fn without_user_in_the_environment_the_account_database_names_the_uid() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\nwangjing:x:1000:1000::/home/w:/bin/sh\n";
        assert_eq!(name_of_uid(passwd, 1000).as_deref(), Some("wangjing"));
        assert_eq!(name_of_uid(passwd, 0).as_deref(), Some("root"));
        assert_eq!(name_of_uid(passwd, 7), None);
    }

    #[test]
    fn a_solo_user_is_the_os_user_until_they_choose_a_name() {
        assert_eq!(operator("", None, Some("wangjing")), "wangjing");
        assert_eq!(operator("王静", None, Some("wangjing")), "王静");
        assert_eq!(operator("", None, None), "");
    }

    #[test]
    fn in_team_mode_the_joined_name_wins_over_everything() {
        assert_eq!(operator("刘芳", Some("王静"), Some("root")), "王静");
    }
}
