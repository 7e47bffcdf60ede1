//! Entry point: parse arguments, then run a command or the interactive app.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::Local;
use clap::Parser;
use ratatui::Terminal;

use zizhi::app::{App, Area};
use zizhi::cli::exit::{Failure, Status};
use zizhi::cli::{self, ChecklistsCommand, Cli, Command, DataCommand, PeopleCommand, TeamCommand};
use zizhi::content::{self, Content};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::domain::date_input;
use zizhi::progress::Store;
use zizhi::theme::Theme;
use zizhi::tui::{self, Exit};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = Cli::parse();
    let pipe = cli::output::PipeWatch::default();
    let result = run(cli, &pipe);
    Ok(match result {
        Ok(status) => status.into(),
        // The reader went away (`zizhi status | head -1`): it has what it wanted.
        Err(_) if pipe.closed() => Status::Done.into(),
        Err(failure) => {
            // stderr may be a terminal that has hung up: never panic on writing to it.
            let message = zizhi::sanitize::escape_controls(&failure.message);
            let _ = writeln!(io::stderr(), "zizhi: {message}");
            failure.status.into()
        }
    })
}

fn load(cli: &Cli) -> Result<Content, Failure> {
    cli::load_content_cached(cli.checklists.as_deref())
        .map_err(|p| Failure::new(Status::ContentInvalid, p.to_string()))
}

/// The progress file: in team mode the team's working file, else the solo one.
fn store(cli: &Cli) -> Result<Store, Failure> {
    if let Some(team) =
        cli::team(cli.data.as_deref()).map_err(|m| Failure::new(Status::Failed, m))?
    {
        return Ok(Store::new(team.work_path()));
    }
    solo_store(cli)
}

fn solo_store(cli: &Cli) -> Result<Store, Failure> {
    cli::data_path(cli.data.as_deref())
        .map(Store::new)
        .map_err(|m| Failure::new(Status::Failed, m))
}

fn joined(cli: &Cli) -> Result<zizhi::team::workspace::Team, Failure> {
    if cli.data.is_some() {
        return Err(Failure::new(
            Status::Usage,
            "--data 指定的文件不属于团队模式：团队命令不能与 --data 同用",
        ));
    }
    cli::team(None)
        .map_err(|m| Failure::new(Status::Failed, m))?
        .ok_or_else(|| {
            Failure::new(
                Status::Failed,
                "还没有加入团队：先运行 zizhi team join 远端仓库 --name 姓名".to_owned(),
            )
        })
}

fn now_label() -> String {
    Local::now().format("%Y%m%d-%H%M%S").to_string()
}

fn run(cli: Cli, pipe: &cli::output::PipeWatch) -> Result<Status, Failure> {
    let mut out = zizhi::sanitize::Sanitizer::new(pipe.watch(io::stdout().lock()));
    let io_fail = |e: io::Error| Failure::new(Status::Failed, format!("输出失败：{e}"));
    match &cli.command {
        None => run_tui(&cli, Area::Dashboard),
        Some(Command::Interview) => run_tui(&cli, Area::Interview),
        Some(Command::Rectify) => run_tui(&cli, Area::Rectify),
        Some(Command::Export { format, output }) => {
            let content = load(&cli)?;
            let store = store(&cli)?;
            let (progress, _) = cli::read_progress(&store)
                .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
            let calendar = WorkCalendar::from_content(&content.calendar);
            let report = zizhi::report::Report {
                content: &content,
                progress: &progress,
                calendar: &calendar,
                today: Local::now().date_naive(),
            };
            let message = cli::export::write_export(&mut out, *format, output.as_deref(), &report)
                .map_err(|m| Failure::new(Status::Failed, m))?;
            if let Some(message) = message {
                writeln!(out, "{message}").map_err(io_fail)?;
            }
            Ok(Status::Done)
        }
        Some(Command::Sop) => run_tui(&cli, Area::Sop),
        Some(Command::Score) => run_tui(&cli, Area::Score),
        Some(Command::Completions { shell }) => {
            zizhi::cli::generate::completions(*shell, &mut out).map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Help { topic }) => {
            zizhi::cli::generate::help(topic, &mut out)
                .map_err(|m| Failure::new(Status::Usage, m))?;
            Ok(Status::Done)
        }
        Some(Command::Man) => {
            zizhi::cli::generate::man(&mut out).map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Status { json }) => {
            let content = load(&cli)?;
            let store = store(&cli)?;
            let (progress, _) = cli::read_progress(&store)
                .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
            let path = store.path().display().to_string();
            let team = cli::team(cli.data.as_deref())
                .map_err(|m| Failure::new(Status::Failed, m))?
                .map(|t| cli::team::info(&t));
            cli::status::write_status(
                &mut out,
                &content,
                &progress,
                &path,
                Local::now().naive_local(),
                *json,
                team.as_ref(),
            )
            .map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Validate { dir }) => {
            let dir = dir.as_deref().or(cli.checklists.as_deref());
            match cli::load_content(dir) {
                Ok(content) => {
                    writeln!(
                        out,
                        "{}：没有问题（{} 个阶段，{} 个清单项，{} 道访谈题，{} 套演示流程，{} 条整改模板）",
                        content.source,
                        content.phases.len(),
                        content.item_count(),
                        content.interview.questions.len(),
                        content.sops.len(),
                        content.templates.len()
                    )
                    .map_err(io_fail)?;
                    Ok(Status::Done)
                }
                Err(problems) => {
                    let _ = writeln!(io::stderr(), "{problems}");
                    Ok(Status::ContentInvalid)
                }
            }
        }
        Some(Command::Checklists {
            command: ChecklistsCommand::Export { dir, force },
        }) => {
            let written = content::export_built_in(dir, *force)
                .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
            for path in &written {
                writeln!(out, "{}", path.display()).map_err(io_fail)?;
            }
            writeln!(
                out,
                "已导出 {} 个文件。修改后用 `zizhi validate {}` 检查，再用 `zizhi --checklists {}` 使用。",
                written.len(),
                dir.display(),
                dir.display()
            )
            .map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Deadline {
            from,
            working_days,
            correction,
            json,
        }) => {
            let content = load(&cli)?;
            let calendar = WorkCalendar::from_content(&content.calendar);
            let from = date_input::resolve_required(from, Local::now().date_naive(), &calendar)
                .map_err(|e| Failure::new(Status::Usage, format!("--from：{e}")))?
                .date;
            let written = match working_days {
                Some(n) if !correction => {
                    cli::deadline::write_deadline(&mut out, &calendar, from, *n)
                }
                _ => cli::deadline::write_correction(&mut out, &calendar, from, *json),
            };
            written.map_err(|e| match e.kind() {
                // Out of range: the message says so itself.
                io::ErrorKind::Other => Failure::new(Status::Failed, e.to_string()),
                _ => io_fail(e),
            })?;
            Ok(Status::Done)
        }
        Some(Command::People { command }) => {
            let store = store(&cli)?;
            let now = Local::now().naive_local();
            match command {
                PeopleCommand::Import {
                    files,
                    encoding,
                    apply,
                } => {
                    let content = load(&cli)?;
                    cli::people::run_import(
                        &mut out, &store, &content, files, *encoding, *apply, now,
                    )?;
                }
                PeopleCommand::Export { dir, force } => {
                    let content = load(&cli)?;
                    cli::people::run_export(&mut out, &store, &content, dir, *force)?;
                }
                PeopleCommand::Purge { name } => {
                    cli::people::run_purge(&mut out, &store, name, now)?;
                }
            }
            Ok(Status::Done)
        }
        Some(Command::Data { command }) => {
            let store = store(&cli)?;
            match command {
                DataCommand::Path => {
                    writeln!(out, "{}", store.path().display()).map_err(io_fail)?;
                }
                DataCommand::Backups => {
                    cli::data::write_backups(&mut out, &store)
                        .map_err(|m| Failure::new(Status::Failed, m))?;
                }
                DataCommand::Restore { n } => {
                    let _lock = store
                        .lock(&now_label())
                        .map_err(|e| Failure::new(Status::of_store_error(&e), e.to_string()))?;
                    let label = format!("{}-{}", now_label(), zizhi::progress::store::RESTORE_MARK);
                    let from = store
                        .restore(*n, &label)
                        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
                    writeln!(
                        out,
                        "已用 {} 恢复 {}（恢复前的文件已另存为备份）",
                        from.display(),
                        store.path().display()
                    )
                    .map_err(io_fail)?;
                }
            }
            Ok(Status::Done)
        }
        Some(Command::Team { command }) => {
            match command {
                TeamCommand::Join { remote, name } => {
                    if cli.data.is_some() {
                        return Err(Failure::new(Status::Usage, "团队命令不能与 --data 同用"));
                    }
                    let dir = cli::config_dir().map_err(|m| Failure::new(Status::Failed, m))?;
                    cli::team::join(&dir, &solo_store(&cli)?, remote.as_deref(), name, &mut out)?;
                }
                TeamCommand::Sync => cli::team::sync(&joined(&cli)?, &mut out)?,
                TeamCommand::Bundle { file, all } => {
                    cli::team::bundle(&joined(&cli)?, file, *all, &mut out)?;
                }
                TeamCommand::Import { file } => cli::team::import(&joined(&cli)?, file, &mut out)?,
            }
            Ok(Status::Done)
        }
        Some(Command::Item {
            id,
            status,
            owner,
            due,
            note,
            evidence,
            json,
        }) => {
            let content = load(&cli)?;
            cli::item::check_id(&content, id).map_err(|m| Failure::new(Status::Usage, m))?;
            let edit = cli::item::Edit {
                status: status
                    .as_deref()
                    .map(cli::item::parse_status)
                    .transpose()
                    .map_err(|m| Failure::new(Status::Usage, m))?,
                owner: owner.clone(),
                due: due.clone(),
                note: note.clone(),
                evidence: evidence.clone(),
            };
            let store = store(&cli)?;
            let team =
                cli::team(cli.data.as_deref()).map_err(|m| Failure::new(Status::Failed, m))?;
            if !edit.is_empty() {
                let _lock = store
                    .lock(&now_label())
                    .map_err(|e| Failure::new(Status::of_store_error(&e), e.to_string()))?;
                let (mut progress, _) = cli::read_progress(&store)
                    .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
                let calendar = WorkCalendar::from_content(&content.calendar);
                let changed = cli::item::apply(
                    &mut progress,
                    id,
                    &edit,
                    Local::now().naive_local(),
                    &calendar,
                )
                .map_err(|m| Failure::new(Status::Usage, m))?;
                store
                    .save(&zizhi::progress::encode(&progress))
                    .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
                // In team mode the change is recorded now, stamped with who and when.
                if let Some(team) = &team {
                    cli::team::record_now(team, &store, &mut out)?;
                }
                if !*json {
                    let what = if changed.is_empty() {
                        "没有变化".to_owned()
                    } else {
                        format!("已更新 {}", changed.join("、"))
                    };
                    writeln!(out, "{id}：{what}").map_err(io_fail)?;
                    return Ok(Status::Done);
                }
            }
            let (progress, _) = cli::read_progress(&store)
                .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
            let value = match &team {
                Some(team) => {
                    let (log, names) = cli::item::team_log(team);
                    let name_of = |who: &str| names.get(who).cloned().unwrap_or_default();
                    cli::item::to_json(&content, &progress, id, Some((&log, &name_of)))
                }
                None => cli::item::to_json(&content, &progress, id, None),
            };
            if *json {
                cli::item::write_json(&mut out, &value).map_err(io_fail)?;
            } else {
                cli::item::write_text(&mut out, &value).map_err(io_fail)?;
            }
            Ok(Status::Done)
        }
        Some(Command::Checksum { algo, check, files }) => {
            let ok = match check {
                Some(sums) => cli::checksum::write_check(&mut out, sums, *algo, cli.lang)
                    .map_err(|m| Failure::new(Status::Failed, m))?,
                None => {
                    cli::checksum::write_sums(&mut out, &mut io::stderr(), files, *algo, cli.lang)
                        .map_err(io_fail)?
                }
            };
            Ok(if ok { Status::Done } else { Status::Failed })
        }
    }
}

/// Randomness for mock-audit draws: the clock and the process id, mixed.
fn seed_from_clock() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

fn run_tui(cli: &Cli, area: Area) -> Result<Status, Failure> {
    let content = load(cli)?;
    let store = store(cli)?;
    store
        .ensure_dir()
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    // The lock is taken before the terminal is touched, so a refusal prints plainly.
    let lock = store
        .lock(&now_label())
        .map_err(|e| Failure::new(Status::of_store_error(&e), e.to_string()))?;
    let _ = store.cleanup_stale_temps();
    let (progress, migrated_from) =
        cli::read_progress(&store).map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
    let raw = store.load().map_err(|e| {
        Failure::new(
            Status::ProgressUnreadable,
            cli::progress_error(&store, &e.to_string()),
        )
    })?;
    // One snapshot per session start, so `zizhi data backups` has history to offer. Before an
    // upgrade it is taken now (the first save would replace the only copy in the old format);
    // otherwise once the first frame is on screen.
    let start_snapshot = (raw.is_some() && migrated_from.is_none()).then(now_label);
    if let (Some(_), Some(v)) = (&raw, migrated_from) {
        let label = format!("{}-before-upgrade-from-v{v}", now_label());
        if let Err(err) = store.snapshot(&label, tui::SNAPSHOTS_KEPT) {
            // The first save would replace the only copy in the old format.
            return Err(Failure::new(
                Status::ProgressUnreadable,
                format!(
                    "进度文件 {} 是旧格式（版本 {v}），升级前必须先备份原文件，但备份失败：{err}\n\
                     文件未被改动。请解决上面的问题后重新运行",
                    store.path().display()
                ),
            ));
        }
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(
        content,
        progress,
        cli.lang,
        Local::now().naive_local(),
        size,
    );
    // Who is recorded on changes: never the person rehearsing (`--profile`).
    let team = cli::team(cli.data.as_deref()).map_err(|m| Failure::new(Status::Failed, m))?;
    let os_user = zizhi::team::identity::os_user();
    app.progress.operator = zizhi::team::identity::operator(
        &app.progress.operator,
        team.as_ref().map(|t| t.me.name.as_str()),
        os_user.as_deref(),
    );
    app.seed = seed_from_clock();
    app.profile = cli.profile.clone();
    if area != Area::Dashboard {
        app.go_to(area);
    }
    if let Some(name) = &cli.profile
        && !app.progress.people.iter().any(|p| &p.name == name)
    {
        app.notice = Some(format!(
            "名单里还没有「{name}」：在模拟访谈（按 3）里按 a 添加"
        ));
    }
    if let Some(note) = lock.took_over_stale() {
        app.notice = Some(format!("上次未正常退出（{note}），已接管其锁；进度完好"));
    }
    if raw.is_none() && app.notice.is_none() {
        app.notice = Some(
            cli.lang
                .t(
                    "zizhi 只记录准备工作（进度、负责人、证据编号），请勿录入涉密内容",
                    "zizhi holds preparation records, never classified content",
                )
                .to_owned(),
        );
    }
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = Theme::new(color, cli.ascii);
    let mut saver = tui::Saver::new(store, if migrated_from.is_some() { None } else { raw });
    if let Some(label) = start_snapshot {
        saver = saver.snapshot_after_first_frame(label);
    }

    let inputs = tui::events::spawn().map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    tui::install_panic_hook();
    tui::setup().map_err(|e| Failure::new(Status::Failed, format!("无法初始化终端：{e}")))?;
    let backend = tui::frugal_backend::FrugalBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend)
        .map_err(|e| Failure::new(Status::Failed, format!("无法初始化终端：{e}")))?;
    // A panic comes back here as an error once the stack has unwound (the hook has restored
    // the terminal and printed the message), so it is saved like every other exit.
    let result =
        tui::catch_panic(|| tui::run(&mut terminal, &mut app, &mut saver, &theme, &inputs));
    // Whatever happened, the last state is written and the lock released first: after an SSH
    // drop the terminal is gone and anything that writes to it may fail.
    let saved = saver.save(&app.progress);
    drop(lock);
    tui::restore();
    // ratatui's Terminal shows the cursor on drop and prints to stderr if that fails, which
    // panics when the terminal has hung up; restore() already did the work.
    std::mem::forget(terminal);
    if let Err(message) = saved {
        return Err(Failure::new(Status::Failed, message));
    }
    match result {
        Ok(Ok(Exit::Quit | Exit::InputClosed | Exit::Signal(_))) => Ok(Status::Done),
        Ok(Err(err)) => Err(Failure::new(
            Status::Failed,
            format!("终端出错：{err}（进度已保存）"),
        )),
        Err(panic) => Err(Failure::new(
            Status::Panicked,
            format!(
                "内部错误（{panic}）后已退出，进度已保存到 {}",
                saver.store().path().display()
            ),
        )),
    }
}
