//! Bytes per key over the wire: the real binary in an 80×24 pseudo-terminal, every byte it
//! writes counted and fed to a terminal emulator, compared with the cells that actually changed
//! on screen. Bytes are deterministic, so these are ordinary assertions (speed lives in benches).

#![cfg(test)]

#[path = "support/raw_pty.rs"]
mod raw_pty;

use std::time::Duration;

use raw_pty::RawPty;

const FIRST_BYTE: Duration = Duration::from_secs(2);
const QUIET: Duration = Duration::from_millis(150);

/// The UTF-8 bytes of every cell whose text or look differs between two screens.
fn changed_bytes(before: &vt100::Screen, after: &vt100::Screen) -> usize {
    let (rows, cols) = after.size();
    let mut total = 0;
    for row in 0..rows {
        for col in 0..cols {
            let (Some(a), Some(b)) = (before.cell(row, col), after.cell(row, col)) else {
                continue;
            };
            if b.is_wide_continuation() {
                continue;
            }
            let same = a.contents() == b.contents()
                && a.fgcolor() == b.fgcolor()
                && a.bgcolor() == b.bgcolor()
                && a.bold() == b.bold()
                && a.italic() == b.italic()
                && a.underline() == b.underline()
                && a.inverse() == b.inverse();
            if !same {
                total += b.contents().len().max(1);
            }
        }
    }
    total
}

struct Meter {
    pty: RawPty,
    parser: vt100::Parser,
    _home: tempfile::TempDir,
}

/// What one key cost: bytes written and bytes of changed cells.
#[derive(Debug, Clone, Copy)]
struct Cost {
    written: usize,
    changed: usize,
}

impl Meter {
    fn start() -> Self {
        let home = tempfile::tempdir().expect("tempdir");
        let pty = raw_pty::spawn(home.path(), 80, 24, &[]);
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut seen = Vec::new();
        while !parser.screen().contents().contains("阶段进度") {
            let chunk = pty.response(FIRST_BYTE, QUIET);
            assert!(!chunk.is_empty(), "no first frame");
            parser.process(&chunk);
            seen.extend(chunk);
        }
        Self {
            pty,
            parser,
            _home: home,
        }
    }

    fn key(&mut self, bytes: &[u8]) -> Cost {
        let before = self.parser.screen().clone();
        self.pty.write(bytes);
        let out = self.pty.response(FIRST_BYTE, QUIET);
        self.parser.process(&out);
        Cost {
            written: out.len(),
            changed: changed_bytes(&before, self.parser.screen()),
        }
    }

    fn keys(&mut self, bytes: &[u8], times: usize) -> Vec<Cost> {
        (0..times).map(|_| self.key(bytes)).collect()
    }

    fn idle(&mut self, wait: Duration) -> usize {
        let mut out = Vec::new();
        self.pty.read_for(wait, &mut out);
        out.len()
    }
}

const DOWN: &[u8] = b"\x1b[B";
const UP: &[u8] = b"\x1b[A";

/// Asserts the issue's target: written bytes at most 1.5 × the changed cells' bytes, per key
/// (with a few bytes of slack for cursor bookkeeping) and over the whole run.
fn assert_frugal(label: &str, costs: &[Cost]) {
    let written: usize = costs.iter().map(|c| c.written).sum();
    let changed: usize = costs.iter().map(|c| c.changed).sum();
    let per_key = written as f64 / costs.len().max(1) as f64;
    println!(
        "{label}: {} keys, {per_key:.0} B/key written, {:.0} B/key changed, ratio {:.2}",
        costs.len(),
        changed as f64 / costs.len().max(1) as f64,
        written as f64 / changed.max(1) as f64
    );
    for (index, cost) in costs.iter().enumerate() {
        assert!(
            cost.written as f64 <= 1.5 * cost.changed as f64 + 24.0,
            "{label} key {index}: wrote {} bytes for {} changed",
            cost.written,
            cost.changed
        );
    }
    assert!(
        written as f64 <= 1.5 * changed as f64,
        "{label}: wrote {written} bytes for {changed} changed"
    );
}

#[test]
fn moving_through_the_dashboard_writes_little_more_than_what_changed() {
    let mut meter = Meter::start();
    let mut costs = meter.keys(DOWN, 5);
    costs.extend(meter.keys(UP, 5));
    assert_frugal("dashboard", &costs);
}

#[test]
fn moving_through_a_checklist_writes_little_more_than_what_changed() {
    let mut meter = Meter::start();
    meter.key(b"\r");
    let mut costs = meter.keys(DOWN, 20);
    costs.extend(meter.keys(UP, 20));
    assert_frugal("checklist", &costs);
}

#[test]
fn moving_through_the_zoomed_detail_writes_little_more_than_what_changed() {
    let mut meter = Meter::start();
    meter.key(b"\r");
    meter.key(b"\r");
    let mut costs = meter.keys(DOWN, 5);
    costs.extend(meter.keys(UP, 5));
    assert_frugal("zoomed detail", &costs);
}

#[test]
fn typing_a_chinese_search_writes_little_more_than_what_changed() {
    let mut meter = Meter::start();
    meter.key(b"/");
    let costs: Vec<Cost> = "保密室门禁"
        .chars()
        .map(|c| meter.key(c.to_string().as_bytes()))
        .collect();
    assert_frugal("search", &costs);
}

#[test]
fn moving_through_search_results_writes_little_more_than_what_changed() {
    let mut meter = Meter::start();
    meter.key(b"/");
    meter.key("保密".as_bytes());
    let mut costs = meter.keys(DOWN, 10);
    costs.extend(meter.keys(UP, 10));
    assert_frugal("search results", &costs);
}

#[test]
fn an_idle_screen_writes_nothing() {
    let mut meter = Meter::start();
    assert_eq!(
        meter.idle(Duration::from_secs(3)),
        0,
        "dashboard wrote while idle"
    );
    meter.key(b"\r");
    assert_eq!(
        meter.idle(Duration::from_secs(1)),
        0,
        "checklist wrote while idle"
    );
    meter.key(b"n");
    assert_eq!(
        meter.idle(Duration::from_secs(1)),
        0,
        "note editor wrote while idle"
    );
}
