//! Entry point: parse arguments, then run a command or the interactive app.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::Local;
use clap::Parser;
use ratatui::Terminal;

use zizhi::app::{App, Area};
use zizhi::cli::{self, ChecklistsCommand, Cli, Command, DataCommand, InterviewCommand};
use zizhi::content::{self, Content};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::progress::Store;
use zizhi::theme::Theme;
use zizhi::tui::{self, Exit};

/// Exit codes, documented in the README.
const CONTENT_INVALID: u8 = 2;
/// A command line naming something that does not exist (the same code clap uses).
const USAGE: u8 = 2;
const DATA_UNREADABLE: u8 = 3;
const DATA_LOCKED: u8 = 4;
/// A bug: the app panicked (the same code Rust uses for an uncaught panic).
const PANICKED: u8 = 101;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = Cli::parse();
    Ok(match run(cli) {
        Ok(code) => code,
        Err((code, message)) => {
            // stderr may be a terminal that has hung up: never panic on writing to it.
            let _ = writeln!(io::stderr(), "zizhi: {message}");
            ExitCode::from(code)
        }
    })
}

type Failure = (u8, String);

fn load(cli: &Cli) -> Result<Content, Failure> {
    cli::load_content_cached(cli.checklists.as_deref())
        .map_err(|p| (CONTENT_INVALID, p.to_string()))
}

fn store(cli: &Cli) -> Result<Store, Failure> {
    cli::data_path(cli.data.as_deref())
        .map(Store::new)
        .map_err(|m| (1, m))
}

fn now_label() -> String {
    Local::now().format("%Y%m%d-%H%M%S").to_string()
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    let io_fail = |e: io::Error| (1, format!("输出失败：{e}"));
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
                return Err((
                    USAGE,
                    format!(
                        "没有编号为「{question}」的访谈题（共 {} 题，编号如 {}）",
                        content.interview.questions.len(),
                        content
                            .interview
                            .questions
                            .first()
                            .map_or("q-rules-001", |q| q.id.value.as_str())
                    ),
                ));
            };
            let grade = match grade {
                Some(g) => *g,
                None => {
                    let store = store(&cli)?;
                    let (progress, _) =
                        cli::read_progress(&store).map_err(|m| (DATA_UNREADABLE, m))?;
                    progress
                        .target_grade
                        .unwrap_or(zizhi::domain::keypoints::DEFAULT_GRADE)
                }
            };
            let mut answer = String::new();
            io::Read::read_to_string(&mut io::stdin().lock(), &mut answer)
                .map_err(|e| (1, format!("读取标准输入失败（回答须为 UTF-8 文本）：{e}")))?;
            let judgement = zizhi::domain::keypoints::judge(&answer, q, grade);
            if *json {
                cli::judge::write_json(&mut out, q, &judgement).map_err(io_fail)?;
            } else {
                cli::judge::write_table(&mut out, q, grade, &judgement, cli.lang)
                    .map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Rectify) => run_tui(&cli, Area::Rectify),
        Some(Command::Export { format, output }) => {
            let content = load(&cli)?;
            let store = store(&cli)?;
            let (progress, _) = cli::read_progress(&store).map_err(|m| (DATA_UNREADABLE, m))?;
            let calendar = WorkCalendar::from_content(&content.calendar);
            let report = zizhi::report::Report {
                content: &content,
                progress: &progress,
                calendar: &calendar,
                today: Local::now().date_naive(),
            };
            let message = cli::export::write_export(&mut out, *format, output.as_deref(), &report)
                .map_err(|m| (1, m))?;
            if let Some(message) = message {
                writeln!(out, "{message}").map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sop) => run_tui(&cli, Area::Sop),
        Some(Command::Score) => run_tui(&cli, Area::Score),
        Some(Command::Completions { shell }) => {
            zizhi::cli::generate::completions(*shell, &mut out).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            zizhi::cli::generate::man(&mut out).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Status { json }) => {
            let content = load(&cli)?;
            let store = store(&cli)?;
            let (progress, _) = cli::read_progress(&store).map_err(|m| (DATA_UNREADABLE, m))?;
            let path = store.path().display().to_string();
            cli::status::write_status(
                &mut out,
                &content,
                &progress,
                &path,
                Local::now().naive_local(),
                *json,
            )
            .map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
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
                    Ok(ExitCode::SUCCESS)
                }
                Err(problems) => {
                    let _ = writeln!(io::stderr(), "{problems}");
                    Ok(ExitCode::from(CONTENT_INVALID))
                }
            }
        }
        Some(Command::Checklists {
            command: ChecklistsCommand::Export { dir, force },
        }) => {
            let written = content::export_built_in(dir, *force).map_err(|e| (1, e.to_string()))?;
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
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Deadline { from, working_days }) => {
            let content = load(&cli)?;
            let calendar = WorkCalendar::from_content(&content.calendar);
            cli::deadline::write_deadline(&mut out, &calendar, *from, *working_days).map_err(
                |e| match e.kind() {
                    // Out of range: the message says so itself.
                    io::ErrorKind::Other => (1, e.to_string()),
                    _ => io_fail(e),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Data { command }) => {
            let store = store(&cli)?;
            match command {
                DataCommand::Path => {
                    writeln!(out, "{}", store.path().display()).map_err(io_fail)?;
                }
                DataCommand::Backups => {
                    cli::data::write_backups(&mut out, &store).map_err(|m| (1, m))?;
                }
                DataCommand::Restore { n } => {
                    let _lock = store
                        .lock(&now_label())
                        .map_err(|e| (DATA_LOCKED, e.to_string()))?;
                    let label = format!("{}-{}", now_label(), zizhi::progress::store::RESTORE_MARK);
                    let from = store.restore(*n, &label).map_err(|e| (1, e.to_string()))?;
                    writeln!(
                        out,
                        "已用 {} 恢复 {}（恢复前的文件已另存为备份）",
                        from.display(),
                        store.path().display()
                    )
                    .map_err(io_fail)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Checksum { algo, check, files }) => {
            let ok = match check {
                Some(sums) => cli::checksum::write_check(&mut out, sums, *algo, cli.lang)
                    .map_err(|m| (1, m))?,
                None => {
                    cli::checksum::write_sums(&mut out, &mut io::stderr(), files, *algo, cli.lang)
                        .map_err(io_fail)?
                }
            };
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
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

fn run_tui(cli: &Cli, area: Area) -> Result<ExitCode, Failure> {
    let content = load(cli)?;
    let store = store(cli)?;
    store.ensure_dir().map_err(|e| (1, e.to_string()))?;
    // The lock is taken before the terminal is touched, so a refusal prints plainly.
    let lock = store
        .lock(&now_label())
        .map_err(|e| (DATA_LOCKED, e.to_string()))?;
    let _ = store.cleanup_stale_temps();
    let (progress, migrated_from) = cli::read_progress(&store).map_err(|m| (DATA_UNREADABLE, m))?;
    let raw = store
        .load()
        .map_err(|e| (DATA_UNREADABLE, cli::progress_error(&store, &e.to_string())))?;
    // One snapshot per session start, so `zizhi data backups` has history to offer. Before an
    // upgrade it is taken now (the first save would replace the only copy in the old format);
    // otherwise once the first frame is on screen.
    let start_snapshot = (raw.is_some() && migrated_from.is_none()).then(now_label);
    if let (Some(_), Some(v)) = (&raw, migrated_from) {
        let label = format!("{}-before-upgrade-from-v{v}", now_label());
        if let Err(err) = store.snapshot(&label, tui::SNAPSHOTS_KEPT) {
            // The first save would replace the only copy in the old format.
            return Err((
                DATA_UNREADABLE,
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
    if let Some(name) = cli
        .profile
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        app.progress.operator = name.to_owned();
    }
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
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = Theme::new(color, cli.ascii);
    let mut saver = tui::Saver::new(store, if migrated_from.is_some() { None } else { raw });
    if let Some(label) = start_snapshot {
        saver = saver.snapshot_after_first_frame(label);
    }

    let inputs = tui::events::spawn().map_err(|e| (1, e.to_string()))?;
    tui::install_panic_hook();
    tui::setup().map_err(|e| (1, format!("无法初始化终端：{e}")))?;
    let backend = tui::frugal_backend::FrugalBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend).map_err(|e| (1, format!("无法初始化终端：{e}")))?;
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
        return Err((1, message));
    }
    match result {
        Ok(Ok(Exit::Quit | Exit::InputClosed | Exit::Signal(_))) => Ok(ExitCode::SUCCESS),
        Ok(Err(err)) => Err((1, format!("终端出错：{err}（进度已保存）"))),
        Err(panic) => Err((
            PANICKED,
            format!(
                "内部错误（{panic}）后已退出，进度已保存到 {}",
                saver.store().path().display()
            ),
        )),
    }
}
