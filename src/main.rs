//! Entry point: parse arguments, then run a command or the interactive app.

#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use ratatui::Terminal;

use zizhi::app::{App, Area};
use zizhi::cli::exit::{Failure, Status};
use zizhi::cli::{
    self, ChecklistsCommand, Cli, Command, DataCommand, InterviewCommand, PeopleCommand,
    SettingsCommand, TeamCommand,
};
use zizhi::content::{self, Content};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::domain::date_input;
use zizhi::i18n::Lang;
use zizhi::progress::Store;
use zizhi::theme::Theme;
use zizhi::tui::{self, Exit};

fn main() -> color_eyre::Result<ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let early = cli::early_lang(&args, std::env::var("ZIZHI_LANG").ok().as_deref());
    guard_tz(early);
    color_eyre::install()?;
    // Also for messages made while parsing (a bad --grade).
    zizhi::i18n::set_messages(early);
    let matches = cli::command_in(early).get_matches_from(args);
    let cli =
        <Cli as clap::FromArgMatches>::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    zizhi::i18n::set_messages(cli.lang);
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
    cli::load_content_cached(cli.checklists.as_deref()).map_err(|p| {
        let text = match cli.lang {
            Lang::Zh => p.to_string(),
            Lang::En => p.to_string_en(),
        };
        Failure::new(Status::ContentInvalid, text)
    })
}

/// The progress file: in team mode the team's working file, else the solo one.
fn store(cli: &Cli) -> Result<Store, Failure> {
    if let Some(team) =
        cli::team(cli.data.as_deref()).map_err(|m| Failure::new(Status::Failed, m))?
    {
        return Ok(Store::new(team.work_path()).allow_unsafe(cli.allow_unsafe_data_dir));
    }
    solo_store(cli)
}

fn solo_store(cli: &Cli) -> Result<Store, Failure> {
    cli::data_path(cli.data.as_deref())
        .map(|path| Store::new(path).allow_unsafe(cli.allow_unsafe_data_dir))
        .map_err(|m| Failure::new(Status::Failed, m))
}

/// `TZ` naming a FIFO, a device or a huge file would make chrono's time-zone lookup (which
/// reads the file whole, again whenever `TZ` changes) hang or read until memory runs out.
/// The environment cannot be changed safely in a running program, so zizhi starts itself
/// again without `TZ` (the system's time zone then applies) after saying so.
fn guard_tz(lang: zizhi::i18n::Lang) {
    let Some(tz) = std::env::var_os("TZ") else {
        return;
    };
    let tz = tz.to_string_lossy();
    if zizhi::safe_fs::tz_is_safe(&tz) {
        return;
    }
    let shown = zizhi::sanitize::escape_controls(&tz);
    let said = match lang {
        zizhi::i18n::Lang::Zh => format!(
            "zizhi: 环境变量 TZ={shown} 指向的不是时区文件（命名管道、设备或过大的文件），已忽略，使用系统时区"
        ),
        zizhi::i18n::Lang::En => format!(
            "zizhi: TZ={shown} does not name a time-zone file (a named pipe, a device or a file too big); ignored, the system's time zone applies"
        ),
    };
    let _ = writeln!(io::stderr(), "{said}");
    let err = match std::env::current_exe() {
        Ok(exe) => {
            use std::os::unix::process::CommandExt;
            std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env_remove("TZ")
                .exec()
        }
        Err(e) => e,
    };
    let _ = writeln!(
        io::stderr(),
        "{}",
        match lang {
            zizhi::i18n::Lang::Zh =>
                format!("zizhi: 无法在没有 TZ 的环境中重新启动（{err}）；请取消设置 TZ 后重试"),
            zizhi::i18n::Lang::En =>
                format!("zizhi: could not start again without TZ ({err}); unset TZ and try again"),
        }
    );
    std::process::exit(1);
}

fn joined(cli: &Cli) -> Result<zizhi::team::workspace::Team, Failure> {
    if cli.data.is_some() {
        return Err(Failure::new(
            Status::Usage,
            cli.lang.t(
                "--data 指定的文件不属于团队模式：团队命令不能与 --data 同用",
                "a file named by --data is not in team mode: team commands cannot take --data",
            ),
        ));
    }
    cli::team(None)
        .map_err(|m| Failure::new(Status::Failed, m))?
        .ok_or_else(|| {
            Failure::new(
                Status::Failed,
                cli.lang.t(
                    "还没有加入团队：先运行 zizhi team join 远端仓库 --name 姓名",
                    "not in a team yet: run zizhi team join REMOTE --name NAME first",
                ),
            )
        })
}

fn now_label() -> String {
    zizhi::clock::now().format("%Y%m%d-%H%M%S").to_string()
}

fn run(cli: Cli, pipe: &cli::output::PipeWatch) -> Result<Status, Failure> {
    let mut out = zizhi::sanitize::Sanitizer::new(pipe.watch(io::stdout().lock()));
    let io_fail = |e: io::Error| {
        let said = cli.lang.t("输出失败", "cannot write the output");
        Failure::new(Status::Failed, format!("{said}: {e}"))
    };
    match &cli.command {
        None => run_tui(&cli, Area::Dashboard),
        Some(Command::Interview { command: None }) => run_tui(&cli, Area::Interview),
        Some(Command::Interview {
            command:
                Some(InterviewCommand::Judge {
                    question,
                    grade,
                    json,
                }),
        }) => {
            let content = load(&cli)?;
            let Some(q) = content
                .interview
                .questions
                .iter()
                .find(|q| q.id.value == *question)
            else {
                let count = content.interview.questions.len();
                let example = content
                    .interview
                    .questions
                    .first()
                    .map_or("q-rules-001", |q| q.id.value.as_str());
                return Err(Failure::new(
                    Status::Usage,
                    match cli.lang {
                        Lang::Zh => format!(
                            "没有编号为「{question}」的访谈题（共 {count} 题，编号如 {example}）"
                        ),
                        Lang::En => format!(
                            "there is no interview question with id \"{question}\" ({count} questions; ids look like {example})"
                        ),
                    },
                ));
            };
            let grade = match grade {
                Some(g) => *g,
                None => {
                    let store = store(&cli)?;
                    let (progress, _) = cli::read_progress(&store)
                        .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
                    progress
                        .settings
                        .target_grade
                        .unwrap_or(zizhi::domain::keypoints::DEFAULT_GRADE)
                }
            };
            let mut answer = String::new();
            io::Read::read_to_string(&mut io::stdin().lock(), &mut answer).map_err(|e| {
                let said = cli.lang.t(
                    "读取标准输入失败（回答须为 UTF-8 文本）",
                    "cannot read standard input (the answer must be UTF-8 text)",
                );
                Failure::new(Status::Failed, format!("{said}: {e}"))
            })?;
            let judgement = zizhi::domain::keypoints::judge(&answer, q, grade);
            if *json {
                cli::judge::write_json(&mut out, q, &judgement).map_err(io_fail)?;
            } else {
                cli::judge::write_table(&mut out, q, grade, &judgement, cli.lang)
                    .map_err(io_fail)?;
            }
            Ok(Status::Done)
        }
        Some(Command::Rectify) => run_tui(&cli, Area::Rectify),
        Some(Command::Export {
            format,
            output,
            force,
            org,
            marking,
        }) => {
            let request = cli::export::Request {
                format: *format,
                output: output.as_deref(),
                force: *force,
                lang: cli.lang,
            };
            // A usage error is found before anything is read.
            cli::export::plan(request.format, request.output, request.lang)?;
            let content = load(&cli)?;
            let store = store(&cli)?;
            let (progress, _) = cli::read_progress(&store)
                .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
            let calendar = WorkCalendar::from_content(&content.calendar);
            let author = if progress.operator.trim().is_empty() {
                std::env::var("USER").unwrap_or_default()
            } else {
                progress.operator.clone()
            };
            // The saved settings, unless this run's options say otherwise.
            let meta = zizhi::report::Meta {
                organisation: org
                    .clone()
                    .unwrap_or_else(|| progress.settings.organisation.clone()),
                author,
                marking: marking
                    .clone()
                    .unwrap_or_else(|| progress.settings.marking_in(cli.lang).to_owned()),
            };
            let report = zizhi::report::Report {
                content: &content,
                progress: &progress,
                calendar: &calendar,
                now: zizhi::clock::now(),
                meta: &meta,
                lang: cli.lang,
            };
            if let Some(line) = cli::export::run(&mut out, &request, &store, &report)? {
                let _ = writeln!(io::stderr(), "{}", zizhi::sanitize::escape_controls(&line));
            }
            Ok(Status::Done)
        }
        Some(Command::Sop) => run_tui(&cli, Area::Sop),
        Some(Command::Score) => run_tui(&cli, Area::Score),
        Some(Command::Completions { shell }) => {
            zizhi::cli::generate::completions(*shell, &mut out).map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Settings { command }) => {
            let content = load(&cli)?;
            let store = store(&cli)?;
            match command {
                None | Some(SettingsCommand::Show) => {
                    let (progress, _) = cli::read_progress(&store)
                        .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
                    cli::settings::write_show(&mut out, &content, &progress, cli.lang)
                        .map_err(io_fail)?;
                }
                Some(SettingsCommand::Set { key, value }) => {
                    let team = cli::team(cli.data.as_deref())
                        .map_err(|m| Failure::new(Status::Failed, m))?;
                    cli::settings::run_set(
                        &mut out,
                        &store,
                        team.as_ref(),
                        &content,
                        (key, value),
                        &now_label(),
                        cli.lang,
                    )?;
                }
            }
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
                zizhi::clock::now(),
                team.as_ref(),
                cli::status::Form {
                    json: *json,
                    lang: cli.lang,
                },
            )
            .map_err(io_fail)?;
            Ok(Status::Done)
        }
        Some(Command::Validate { dir }) => {
            let dir = dir.as_deref().or(cli.checklists.as_deref());
            match cli::load_content(dir) {
                Ok(content) => {
                    let source = match (&content.source, cli.lang) {
                        (content::ContentSource::BuiltIn, Lang::En) => {
                            "built-in content".to_owned()
                        }
                        (source, _) => source.to_string(),
                    };
                    match cli.lang {
                        Lang::Zh => writeln!(
                            out,
                            "{source}：没有问题（{} 个阶段，{} 个清单项，{} 道访谈题，{} 套演示流程，{} 条整改模板）",
                            content.phases.len(),
                            content.item_count(),
                            content.interview.questions.len(),
                            content.sops.len(),
                            content.templates.len()
                        ),
                        Lang::En => writeln!(
                            out,
                            "{source}: no problems ({} phases, {} checklist items, {} interview questions, {} demo SOPs, {} rectification templates)",
                            content.phases.len(),
                            content.item_count(),
                            content.interview.questions.len(),
                            content.sops.len(),
                            content.templates.len()
                        ),
                    }
                    .map_err(io_fail)?;
                    Ok(Status::Done)
                }
                Err(problems) => {
                    let text = match cli.lang {
                        Lang::Zh => problems.to_string(),
                        Lang::En => problems.to_string_en(),
                    };
                    let _ = writeln!(io::stderr(), "{}", zizhi::sanitize::escape_controls(&text));
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
            match cli.lang {
                Lang::Zh => writeln!(
                    out,
                    "已导出 {} 个文件。修改后用 `zizhi validate {}` 检查，再用 `zizhi --checklists {}` 使用。",
                    written.len(),
                    dir.display(),
                    dir.display()
                ),
                Lang::En => writeln!(
                    out,
                    "Exported {} files. After editing, check them with `zizhi validate {}`, then use them with `zizhi --checklists {}`.",
                    written.len(),
                    dir.display(),
                    dir.display()
                ),
            }
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
            let from = date_input::resolve_required(from, zizhi::clock::now().date(), &calendar)
                .map_err(|e| {
                    Failure::new(Status::Usage, format!("--from: {}", e.message(cli.lang)))
                })?
                .date;
            let written = match working_days {
                Some(n) if !correction => {
                    cli::deadline::write_deadline(&mut out, &calendar, from, *n, cli.lang)
                }
                _ => cli::deadline::write_correction(&mut out, &calendar, from, *json, cli.lang),
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
            let now = zizhi::clock::now();
            match command {
                PeopleCommand::Import {
                    files,
                    encoding,
                    apply,
                } => {
                    let content = load(&cli)?;
                    cli::people::run_import(
                        &mut out, &store, &content, files, *encoding, *apply, now, cli.lang,
                    )?;
                }
                PeopleCommand::Export { dir, force } => {
                    let content = load(&cli)?;
                    cli::people::run_export(&mut out, &store, &content, dir, *force, cli.lang)?;
                }
                PeopleCommand::Purge { name } => {
                    let team = cli::team(cli.data.as_deref())
                        .map_err(|m| Failure::new(Status::Failed, m))?
                        .is_some();
                    cli::people::run_purge(&mut out, &store, name, now, team, cli.lang)?;
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
                DataCommand::Backups { json } => {
                    cli::data::write_backups(&mut out, &store, *json, cli.lang)
                        .map_err(|m| Failure::new(Status::Failed, m))?;
                }
                DataCommand::Recover { file } => {
                    let _lock = store.lock(&now_label()).map_err(|e| {
                        Failure::new(Status::of_store_error(&e), e.message(cli.lang))
                    })?;
                    let label = format!("{}-{}", now_label(), zizhi::progress::store::RESTORE_MARK);
                    cli::data::recover(&store, file, &label, cli.lang)
                        .map_err(|m| Failure::new(Status::Failed, m))?;
                    match cli.lang {
                        Lang::Zh => writeln!(
                            out,
                            "已用紧急副本 {} 恢复 {}（恢复前的文件已另存为备份，紧急副本已删除）",
                            file.display(),
                            store.path().display()
                        ),
                        Lang::En => writeln!(
                            out,
                            "Restored {} from the emergency copy {} (the file before was kept as a backup; the copy was removed)",
                            store.path().display(),
                            file.display()
                        ),
                    }
                    .map_err(io_fail)?;
                }
                DataCommand::Compact => {
                    let _lock = store.lock(&now_label()).map_err(|e| {
                        Failure::new(Status::of_store_error(&e), e.message(cli.lang))
                    })?;
                    let label = format!("{}-{}", now_label(), zizhi::progress::store::COMPACT_MARK);
                    let said = cli::data::compact(&store, &label, cli::read_only_limit())?;
                    writeln!(out, "{said}").map_err(io_fail)?;
                }
                DataCommand::Restore { id } => {
                    let _lock = store.lock(&now_label()).map_err(|e| {
                        Failure::new(Status::of_store_error(&e), e.message(cli.lang))
                    })?;
                    let label = format!("{}-{}", now_label(), zizhi::progress::store::RESTORE_MARK);
                    let from = store
                        .restore(id, &label, &cli::data::check_backup)
                        .map_err(|e| Failure::new(Status::Failed, e.message(cli.lang)))?;
                    match cli.lang {
                        Lang::Zh => writeln!(
                            out,
                            "已用备份 {}（{}）恢复 {}（恢复前的文件已另存为备份）",
                            from.id,
                            from.path.display(),
                            store.path().display()
                        ),
                        Lang::En => writeln!(
                            out,
                            "Restored {} from backup {} ({}) (the file before was kept as a backup)",
                            store.path().display(),
                            from.id,
                            from.path.display()
                        ),
                    }
                    .map_err(io_fail)?;
                }
            }
            Ok(Status::Done)
        }
        Some(Command::Team { command }) => {
            match command {
                TeamCommand::Join { remote, name } => {
                    if cli.data.is_some() {
                        return Err(Failure::new(
                            Status::Usage,
                            cli.lang.t(
                                "团队命令不能与 --data 同用",
                                "team commands cannot take --data",
                            ),
                        ));
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
            cli::item::check_id(&content, id, cli.lang)
                .map_err(|m| Failure::new(Status::Usage, m))?;
            let edit = cli::item::Edit {
                status: status
                    .as_deref()
                    .map(|s| cli::item::parse_status(s, cli.lang))
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
                    .map_err(|e| Failure::new(Status::of_store_error(&e), e.message(cli.lang)))?;
                let (mut progress, _) = cli::read_progress(&store)
                    .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
                let calendar = WorkCalendar::from_content(&content.calendar);
                let changed = cli::item::apply(
                    &mut progress,
                    id,
                    &edit,
                    zizhi::clock::now(),
                    &calendar,
                    cli.lang,
                )
                .map_err(|m| Failure::new(Status::Usage, m))?;
                store
                    .save(&zizhi::progress::encode(&progress))
                    .map_err(|e| Failure::new(Status::Failed, e.message(cli.lang)))?;
                // In team mode the change is recorded now, stamped with who and when.
                if let Some(team) = &team {
                    cli::team::record_now(team, &store, &mut out)?;
                }
                if !*json {
                    match (cli.lang, changed.is_empty()) {
                        (Lang::Zh, true) => writeln!(out, "{id}：没有变化"),
                        (Lang::Zh, false) => writeln!(out, "{id}：已更新 {}", changed.join("、")),
                        (Lang::En, true) => writeln!(out, "{id}: no change"),
                        (Lang::En, false) => writeln!(out, "{id}: updated {}", changed.join(", ")),
                    }
                    .map_err(io_fail)?;
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
                cli::item::write_text(&mut out, &value, cli.lang).map_err(io_fail)?;
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
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a seed: the low 64 bits of the nanoseconds are the ones that vary"
    )]
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
        .map_err(|e| Failure::new(Status::Failed, e.message(cli.lang)))?;
    // The lock is taken before the terminal is touched, so a refusal prints plainly.
    let lock = store
        .lock(&now_label())
        .map_err(|e| Failure::new(Status::of_store_error(&e), e.message(cli.lang)))?;
    let _ = store.cleanup_stale_temps();
    let team = cli::team(cli.data.as_deref()).map_err(|m| Failure::new(Status::Failed, m))?;
    // Team mode on the dashboard: a start cache stamped with the working file as it is on
    // disk now opens without reading that file (a year of a team's history is megabytes): the
    // first frame needs only the cache's head, the histories follow right after it.
    let head = match (&team, area) {
        (Some(team), Area::Dashboard)
            if cli::schema().current == zizhi::progress::SCHEMA_VERSION =>
        {
            zizhi::safe_fs::FileStamp::at(store.path()).and_then(|stamp| {
                zizhi::team::cache::open_head(
                    &zizhi::team::cache::path_for(&team.work_path()),
                    stamp,
                    zizhi::progress::SCHEMA_VERSION,
                )
                .map(|head| (head, stamp.len))
            })
        }
        _ => None,
    };
    // Read once (and only without a head): a big file costs its size in time and memory for
    // every read.
    let raw = match head {
        Some(_) => None,
        None => store
            .load()
            .map_err(|e| Failure::new(Status::ProgressUnreadable, cli::load_error(&store, e)))?,
    };
    // What is on disk, by length and hash: the saver skips unchanged saves by it.
    let source = match &head {
        Some((head, _)) => Some(head.source),
        None => raw.as_deref().map(tui::SavedText::of),
    };
    let had_file = head.is_some() || raw.is_some();
    // Too big to save at each change: opened read-only, saying why and what to do.
    let bytes = match &head {
        Some((_, len)) => *len,
        None => raw
            .as_ref()
            .map_or(0, |t| u64::try_from(t.len()).unwrap_or(u64::MAX)),
    };
    let (progress, migrated_from, rest) = match (head, &raw) {
        (Some((head, _)), _) => Ok((head.progress, None, Some((head.rest, head.figures)))),
        (None, Some(text)) => cli::decode_progress(&store, text).map(|(p, m)| (p, m, None)),
        (None, None) => Ok((zizhi::progress::Progress::default(), None, None)),
    }
    .map_err(|m| Failure::new(Status::ProgressUnreadable, m))?;
    // The text is not kept: a big file would cost its size in memory all session.
    drop(raw);
    let limit = cli::read_only_limit();
    let read_only =
        (bytes > limit).then(|| zizhi::progress::size::read_only_message(bytes, limit, cli.lang));
    // One snapshot per session start, so `zizhi data backups` has history to offer. Before an
    // upgrade it is taken now (the first save would replace the only copy in the old format);
    // otherwise once the first frame is on screen. A read-only session writes nothing.
    let start_snapshot =
        (had_file && migrated_from.is_none() && read_only.is_none()).then(now_label);
    if let (true, Some(v), None) = (had_file, migrated_from, &read_only) {
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
    // Before the terminal is touched (a refusal over content, the lock
    // or the progress file above says more, so those come first; an upgrade's backup is only
    // a copy): `zizhi | cat` must not leave
    // escape codes in a pipe or a terminal in raw mode.
    use std::io::IsTerminal;
    if let Some(refusal) = tui::preflight::refusal(
        io::stdin().is_terminal(),
        io::stdout().is_terminal(),
        std::env::var_os("TERM").as_deref(),
    ) {
        return Err(Failure::new(
            Status::NotATerminal,
            refusal.message(cli.lang).to_owned(),
        ));
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(content, progress, cli.lang, zizhi::clock::now(), size);
    // Who is recorded on changes: never the person rehearsing (`--profile`).
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
    if !had_file && app.notice.is_none() {
        app.notice = Some(
            cli.lang
                .t(
                    "zizhi 只记录准备工作（进度、负责人、证据编号），请勿录入涉密内容",
                    "zizhi holds preparation records, never classified content",
                )
                .to_owned(),
        );
    }
    if !zizhi::progress::emergency::find(store.path()).is_empty() {
        // Offered, never applied on its own: the user decides after looking. Short enough for
        // 80 columns; `data backups` lists the paths and the command.
        app.notice = Some(
            cli.lang
                .t(
                    "有上次退出时的紧急副本未恢复：运行 zizhi data backups 查看",
                    "An emergency copy from the last exit awaits: see zizhi data backups",
                )
                .to_owned(),
        );
    }
    if let Some(why) = &read_only {
        app.notice = Some(why.clone());
        app.read_only = read_only.clone();
    }
    let var = |name| std::env::var(name).ok();
    if let Some(warning) = tui::preflight::charset_warning(
        var("LC_ALL").as_deref(),
        var("LC_CTYPE").as_deref(),
        var("LANG").as_deref(),
    ) {
        app.notice = Some(match app.notice.take() {
            Some(other) => format!("{warning}；{other}"),
            None => warning,
        });
    }
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let glyphs =
        tui::glyphs::Glyphs::choose(cli.ascii, std::env::var("ZIZHI_AMBIGUOUS").ok().as_deref());
    // Unless ZIZHI_AMBIGUOUS=narrow the screens draw their ASCII borders, bars and markers:
    // those read better than the backend's one-column stand-ins for box drawing. With
    // ZIZHI_AMBIGUOUS=wide the markers stay and each frame measures them two columns wide.
    let theme = match glyphs {
        tui::glyphs::Glyphs::Unicode => Theme::new(color, false),
        tui::glyphs::Glyphs::Wide => Theme::ambiguous_wide(color),
        _ => Theme::new(color, true),
    };
    let mut saver = tui::Saver::knowing(
        store,
        if migrated_from.is_some() {
            None
        } else {
            source
        },
    );
    if let Some((rest, runs)) = rest {
        app.awaiting_histories(runs);
        saver = saver.history_from(rest);
    }
    if let Some(label) = start_snapshot {
        saver = saver.snapshot_after_first_frame(label);
    }
    if read_only.is_some() {
        saver = saver.read_only();
    }

    let (sender, inputs) = tui::events::spawn_with_sender()
        .map_err(|e| Failure::new(Status::Failed, e.to_string()))?;
    if let Some(team) = team {
        // Team mode: the sync key, and saves note when each field was edited.
        let link = tui::team_link::TeamLink::new(team, Some(sender));
        app.team = Some(zizhi::app::TeamMode {
            members: link.members(),
            syncing: None,
            failed: false,
        });
        saver = saver.with_team(link);
    }
    tui::install_panic_hook();
    tui::setup().map_err(|e| Failure::new(Status::Failed, format!("无法初始化终端：{e}")))?;
    let backend = tui::frugal_backend::FrugalBackend::new(io::stdout()).with_glyphs(glyphs);
    let mut terminal = Terminal::new(backend)
        .map_err(|e| Failure::new(Status::Failed, format!("无法初始化终端：{e}")))?;
    // A panic comes back here as an error once the stack has unwound (the hook has restored
    // the terminal and printed the message), so it is saved like every other exit.
    let result =
        tui::catch_panic(|| tui::run(&mut terminal, &mut app, &mut saver, &theme, &inputs));
    // Whatever happened, the last state is written and the lock released first: after an SSH
    // drop the terminal is gone and anything that writes to it may fail.
    let saved = saver.save_at_exit(&app.progress).map_err(|message| {
        // Saving fails and the app is leaving: whatever is not on disk goes to an emergency
        // copy, or it would be lost with the process.
        let text = zizhi::progress::encode(&app.progress);
        match zizhi::progress::emergency::write(saver.store().path(), &text, &now_label()) {
            Ok(copy) => format!(
                "退出时未能保存：{message}\n未保存的内容已写入紧急副本 {}（仅本用户可读）。\
                 下次启动时会提示；恢复：zizhi data recover {}",
                copy.display(),
                copy.display()
            ),
            Err(failures) => {
                let tried: Vec<String> = failures
                    .iter()
                    .map(|(path, e)| format!("{}（{e}）", path.display()))
                    .collect();
                format!(
                    "退出时未能保存：{message}\n也无法写入紧急副本，试过：{}；这次未保存的更改已丢失",
                    tried.join("；")
                )
            }
        }
    });
    if saved.is_ok() {
        // Team mode: the next start opens from the cache of what is on disk now.
        saver.store_cache(&app.progress);
    }
    if let Some(link) = saver.team() {
        // Progress is on disk; a sync still running finishes its git step (within reason)
        // before the lock goes and the process ends, so no git lock file is left behind.
        link.wait_for_sync(std::time::Duration::from_secs(10));
    }
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
        Ok(Err(err)) if saver.history_pending() => Err(Failure::new(
            Status::ProgressUnreadable,
            format!(
                "{err}。文件未被改动；删除 {} 后重新启动，或运行 zizhi data backups 查看备份",
                zizhi::team::cache::path_for(saver.store().path()).display()
            ),
        )),
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
