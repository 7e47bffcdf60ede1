//! The runtime's saving under an injected fault (a full disk): the warning appears and stays,
//! every change stays in memory, the file on disk is left whole, and the first save that works
//! again writes everything. Runs the real event loop on a thread, frame by frame.

use std::io::{self, ErrorKind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};

use super::{Exit, Input, Saver, run};
use crate::app::App;
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, SaveStep, Status, Store, decode, encode};
use crate::theme::Theme;

/// A [`TestBackend`] that sends the screen as text after every frame; with `disk`, the
/// progress file as it is on disk at that moment follows each frame on `disk_frames`.
struct Recorder {
    inner: TestBackend,
    frames: Sender<String>,
    disk: Option<(std::path::PathBuf, Sender<String>)>,
}

impl Backend for Recorder {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content).map_err(|e| match e {})
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor().map_err(|e| match e {})
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor().map_err(|e| match e {})
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position().map_err(|e| match e {})
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner
            .set_cursor_position(position)
            .map_err(|e| match e {})
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear().map_err(|e| match e {})
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type).map_err(|e| match e {})
    }
    fn size(&self) -> io::Result<Size> {
        self.inner.size().map_err(|e| match e {})
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size().map_err(|e| match e {})
    }
    fn flush(&mut self) -> io::Result<()> {
        // Terminal::draw flushes once per frame, after everything is drawn.
        if let Some((path, disk)) = &self.disk {
            let _ = disk.send(std::fs::read_to_string(path).unwrap_or_default());
        }
        let _ = self.frames.send(text(self.inner.buffer()));
        Ok(())
    }
}

/// The screen as rows of text; a double-width character is one `char`.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap_or(1);
        }
        out.push('\n');
    }
    out
}

fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// Drives the loop: sends one key and returns the frame drawn in answer.
struct Driver {
    keys: Sender<Input>,
    frames: Receiver<String>,
}

impl Driver {
    fn frame(&self) -> String {
        self.frames
            .recv_timeout(Duration::from_secs(10))
            .expect("the loop draws a frame")
    }

    fn press(&self, code: KeyCode, modifiers: KeyModifiers) -> String {
        let key = KeyEvent::new(code, modifiers);
        self.keys
            .send(Input::Terminal(TermEvent::Key(key)))
            .expect("the loop is running");
        self.frame()
    }

    fn key(&self, c: char) -> String {
        self.press(KeyCode::Char(c), KeyModifiers::NONE)
    }
}

/// Temp files of a save (`.progress.json.tmp*`) left in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".progress.json.tmp"))
        .collect()
}

#[test]
fn a_full_disk_keeps_every_change_shows_a_lasting_warning_and_the_next_save_writes_all() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("progress.json"));
    let content = load_built_in().expect("built-in content");
    let first = content.phases[0].sections[0].items[0].id.value.clone();
    let second = content.phases[0].sections[0].items[1].id.value.clone();
    let mut progress = Progress::default();
    progress.item_mut("kept-from-before").note = "上周的记录".into();
    let on_disk = encode(&progress);
    store.save(&on_disk).expect("first save");
    store
        .save(&on_disk.replace("上周", "本周"))
        .expect("second save");
    store.save(&on_disk).expect("third save");
    let bak = std::fs::read(store.backup_path()).expect(".bak");

    // The disk is full while `full` is set: writing the temp file fails as ENOSPC would.
    let full = Arc::new(AtomicBool::new(false));
    let fault_full = Arc::clone(&full);
    let mut saver = Saver::with_fault(
        store.clone(),
        Some(on_disk.clone()),
        Box::new(move |step| {
            if step == SaveStep::TempWritten && fault_full.load(Ordering::SeqCst) {
                Err(io::Error::new(
                    ErrorKind::StorageFull,
                    "No space left on device",
                ))
            } else {
                Ok(())
            }
        }),
    );
    let now = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let mut app = App::new(content, progress, Lang::Zh, now, (80, 24));
    let (frames_tx, frames) = mpsc::channel();
    let mut terminal = Terminal::new(Recorder {
        inner: TestBackend::new(80, 24),
        frames: frames_tx,
        disk: None,
    })
    .expect("terminal");
    let (keys, inputs) = mpsc::channel();
    let theme = Theme::new(false, false);

    let exit = std::thread::scope(|scope| {
        let (terminal, app, saver, theme) = (&mut terminal, &mut app, &mut saver, &theme);
        let looped = scope.spawn(move || run(terminal, app, saver, theme, &inputs).expect("run"));
        let ui = Driver { keys, frames };
        ui.frame();
        ui.press(KeyCode::Enter, KeyModifiers::NONE);

        full.store(true, Ordering::SeqCst);
        let screen = ui.key(' ');
        assert!(
            footer(&screen).contains("未能保存（磁盘空间已满）"),
            "the footer says why:\n{screen}"
        );
        assert!(
            screen.lines().any(|l| l.starts_with(" [x]")),
            "the change is kept and shown:\n{screen}"
        );
        // More changes while the disk stays full: the warning stays through every frame.
        let mut screens = vec![ui.key('j'), ui.key('s'), ui.key('n')];
        for c in "断电前写的备注".chars() {
            screens.push(ui.key(c));
        }
        screens.push(ui.press(KeyCode::Char('s'), KeyModifiers::CONTROL));
        for screen in &screens {
            assert!(
                footer(screen).contains("未能保存（磁盘空间已满）"),
                "the warning stays until a save works:\n{screen}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(store.path()).expect("file"),
            on_disk,
            "the file on disk is whole and unchanged"
        );
        assert_eq!(std::fs::read(store.backup_path()).expect(".bak"), bak);
        assert_eq!(temp_files(tmp.path()), Vec::<String>::new());

        // Quitting now would lose the changes: the first q only warns, and says so.
        let screen = ui.key('q');
        assert!(
            footer(&screen).contains("再按一次 q"),
            "the quit warning is not hidden by the save error:\n{screen}"
        );

        // Space is freed; any key, even one that changes nothing, writes everything.
        full.store(false, Ordering::SeqCst);
        let screen = ui.key('k');
        assert!(
            footer(&screen).contains("已恢复保存"),
            "the warning goes once saving works:\n{screen}"
        );
        let decoded = decode(&std::fs::read_to_string(store.path()).expect("file"))
            .expect("the file decodes");
        let saved = decoded.progress;
        assert_eq!(saved.status(&first), Status::Done);
        assert_eq!(saved.status(&second), Status::InProgress);
        assert_eq!(
            saved.item(&second).map(|i| i.note.as_str()),
            Some("断电前写的备注")
        );
        assert_eq!(
            saved.item("kept-from-before").map(|i| i.note.as_str()),
            Some("上周的记录")
        );
        assert_eq!(
            std::fs::read_to_string(store.backup_path()).expect(".bak"),
            on_disk
        );

        // With saving back, q quits at once.
        ui.keys
            .send(Input::Terminal(TermEvent::Key(KeyEvent::new(
                KeyCode::Char('q'),
                KeyModifiers::NONE,
            ))))
            .expect("send");
        looped.join().expect("the loop ends")
    });
    assert_eq!(exit, Exit::Quit);
    assert_eq!(
        std::fs::read_to_string(store.path()).expect("file"),
        encode(&app.progress)
    );
}

#[test]
fn no_frame_shows_a_change_before_it_is_on_disk() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("progress.json"));
    let content = load_built_in().expect("built-in content");
    let first = content.phases[0].sections[0].items[0].id.value.clone();
    let now = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let mut app = App::new(content, Progress::default(), Lang::Zh, now, (80, 24));
    let mut saver = Saver::new(store.clone(), None);
    let (frames_tx, frames) = mpsc::channel();
    let (disk_tx, disk) = mpsc::channel();
    let mut terminal = Terminal::new(Recorder {
        inner: TestBackend::new(80, 24),
        frames: frames_tx,
        disk: Some((store.path().to_path_buf(), disk_tx)),
    })
    .expect("terminal");
    let (keys, inputs) = mpsc::channel();
    let theme = Theme::new(false, false);
    // What the disk held when each frame was flushed to the terminal.
    let on_disk = |disk: &Receiver<String>| {
        let text = disk.recv_timeout(Duration::from_secs(10)).expect("a frame");
        if text.is_empty() {
            Progress::default()
        } else {
            decode(&text).expect("the file decodes").progress
        }
    };

    std::thread::scope(|scope| {
        let (terminal, app, saver, theme) = (&mut terminal, &mut app, &mut saver, &theme);
        scope.spawn(move || run(terminal, app, saver, theme, &inputs).expect("run"));
        let ui = Driver { keys, frames };
        ui.frame();
        on_disk(&disk);
        ui.press(KeyCode::Enter, KeyModifiers::NONE);
        on_disk(&disk);
        let markers = [
            (' ', " [x]", Status::Done),
            ('s', " [-]", Status::NotApplicable),
            ('s', " [ ]", Status::Todo),
            ('s', " [~]", Status::InProgress),
        ];
        for (key, marker, status) in markers {
            let screen = ui.key(key);
            let disk = on_disk(&disk);
            assert!(
                screen.lines().any(|l| l.starts_with(marker)),
                "{marker} shown:\n{screen}"
            );
            assert_eq!(
                disk.status(&first),
                status,
                "on disk when {marker} was drawn"
            );
        }
        ui.key('n');
        on_disk(&disk);
        let mut typed = String::new();
        for c in "整改单已签字".chars() {
            typed.push(c);
            let screen = ui.key(c);
            let disk = on_disk(&disk);
            assert!(screen.contains(&typed), "{typed} shown:\n{screen}");
            assert_eq!(
                disk.item(&first).map(|i| i.note.as_str()),
                Some(typed.as_str()),
                "on disk when {typed} was drawn"
            );
        }
        ui.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        ui.keys.send(Input::Closed).expect("send");
    });
}
