//! Putting the terminal into raw mode and back, including from a panic.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Whether [`setup`] has run and [`restore`] has not yet undone it.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and bracketed paste (so a pasted note arrives whole).
/// No mouse capture: it would send every mouse movement over the link.
pub fn setup() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    Ok(())
}

/// Undoes [`setup`]; errors are ignored because the terminal may already be gone. Runs once:
/// after a panic both the hook and `main` call it, and leaving the alternate screen a second
/// time would move the cursor back up over the panic message.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
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

/// Ctrl+Z or SIGTSTP: gives the terminal back as it was, stops the process as the default
/// action of SIGTSTP would (the shell then says "Stopped"), and once continued (`fg`) puts the
/// terminal into raw mode and the alternate screen again. The caller redraws everything.
pub fn suspend() -> io::Result<()> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    setup()
}

/// After SIGCONT without our own stop (an outside SIGSTOP, or a shell that reset the terminal
/// while the job was stopped): raw mode and the alternate screen again. The caller redraws.
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    Ok(())
}

/// Restores the terminal, then reports the panic. The report is written without panicking,
/// because after an SSH drop stderr is a dead terminal and a panic inside the hook would abort
/// the process. Saving comes after, in `main`, once [`catch_panic`] has unwound to it; progress
/// was also written after every earlier change.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // A thread that catches its own panics and reports them in the app (the team sync)
        // keeps the terminal as it is and writes nothing over the screen.
        if QUIET.with(std::cell::Cell::get) {
            return;
        }
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
            "zizhi 内部错误{location}：{message}\n请把这条信息报告给维护者。"
        );
    }));
}

thread_local! {
    /// Set while [`catch_panic_quietly`] runs on this thread.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// [`catch_panic`] for a background thread while the app keeps running: the panic hook
/// neither restores the terminal nor prints over the screen; the caller shows the message.
pub fn catch_panic_quietly<T>(body: impl FnOnce() -> T) -> Result<T, String> {
    QUIET.with(|q| q.set(true));
    let result = catch_panic(body);
    QUIET.with(|q| q.set(false));
    result
}

/// Runs `body` and turns a panic in it into an error carrying the panic's message, after the
/// stack has unwound (the hook has already restored the terminal and printed the message).
/// The caller can then save progress one last time and release the lock. This relies on
/// `panic = "unwind"` in Cargo.toml: with `abort` the process would end in the hook.
pub fn catch_panic<T>(body: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::catch_panic;

    #[test]
    fn a_panic_in_the_body_comes_back_as_its_message() {
        let formatted: Result<(), String> = catch_panic(|| panic!("index out of range: {}", 7));
        assert_eq!(formatted, Err("index out of range: 7".to_owned()));
        let literal: Result<(), String> = catch_panic(|| panic!("static text"));
        assert_eq!(literal, Err("static text".to_owned()));
    }

    #[test]
    fn a_body_that_returns_passes_its_value_through() {
        assert_eq!(catch_panic(|| 42), Ok(42));
    }
}
