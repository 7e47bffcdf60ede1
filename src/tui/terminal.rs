//! Putting the terminal into raw mode and back, including from a panic.

use std::io::{self, Write};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Raw mode, the alternate screen and bracketed paste (so a pasted note arrives whole).
/// No mouse capture: it would send every mouse movement over the link.
pub fn setup() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    Ok(())
}

/// Undoes [`setup`]; errors are ignored because the terminal may already be gone.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal, then reports the panic. Progress needs no saving here: it was
/// written after every change. The report is written without panicking, because after an SSH
/// drop stderr is a dead terminal and a panic inside the hook would abort the process.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        let location = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "zizhi 内部错误{location}：{message}\n进度已在每次改动后保存。请把这条信息报告给维护者。"
        );
    }));
}
