//! Terminal input and signals, each on its own thread, merged into one channel.
//!
//! Signals are watched apart from the terminal reader because reading a terminal that has gone
//! away can spin; the main loop exits on SIGHUP whatever the reader is doing.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{self, Event as TermEvent};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::Event;

#[derive(Debug)]
pub enum Input {
    Terminal(TermEvent),
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`, a job-control shell): stop as Ctrl+Z does.
    Suspend,
    /// SIGCONT: the process was continued (after any stop), so the terminal is set up again
    /// and redrawn whole.
    Continued,
    /// Reading the terminal failed: it is gone.
    Closed,
    /// A second passed while a timer runs (made by the loop, not a thread).
    Tick,
    /// The background team sync reports a stage or its result.
    Sync(super::team_link::SyncMsg),
}

/// Starts the reader and signal threads.
pub fn spawn() -> std::io::Result<Receiver<Input>> {
    spawn_with_sender().map(|(_, rx)| rx)
}

/// [`spawn`], also handing back a sender into the same channel (for the team sync thread).
pub fn spawn_with_sender() -> std::io::Result<(Sender<Input>, Receiver<Input>)> {
    let (tx, rx) = mpsc::channel();
    let keep = tx.clone();
    spawn_signals(tx.clone())?;
    thread::Builder::new()
        .name("terminal-input".into())
        .spawn(move || read_terminal(tx))?;
    Ok((keep, rx))
}

fn spawn_signals(tx: Sender<Input>) -> std::io::Result<()> {
    // Handling SIGTSTP replaces its default action (stop at once, terminal left raw): the loop
    // restores the terminal first and then stops itself.
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let input = match signal {
                    SIGTSTP => Input::Suspend,
                    SIGCONT => Input::Continued,
                    other => Input::Signal(other),
                };
                let last = matches!(input, Input::Signal(_));
                if tx.send(input).is_err() || last {
                    return;
                }
            }
        })?;
    Ok(())
}

fn read_terminal(tx: Sender<Input>) {
    loop {
        match event::read() {
            Ok(event) => {
                if tx.send(Input::Terminal(event)).is_err() {
                    return;
                }
            }
            Err(_) => {
                let _ = tx.send(Input::Closed);
                return;
            }
        }
    }
}

/// The app's view of a terminal event; mouse and focus events are dropped.
pub fn translate(event: TermEvent) -> Option<Event> {
    match event {
        TermEvent::Key(key) => Some(Event::Key(key)),
        TermEvent::Paste(text) => Some(Event::Paste(text)),
        TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        _ => None,
    }
}
