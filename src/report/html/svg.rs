//! Inline SVG charts for the HTML report: plain shapes and text, no scripts, no fonts or
//! images from anywhere, sized in user units so they scale to the page when printed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::escape;
use crate::domain::timeline::{PhaseState, Plan};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 150.0;
const ROW: f64 = 26.0;

/// A horizontal bar per row: `(label, value, max, caption)`.
pub fn bars(title: &str, rows: &[(String, f64, f64, String)], colour: &str) -> String {
    let height = ROW * rows.len() as f64 + 10.0;
    let track = WIDTH - LABEL - 90.0;
    let mut s = open(title, height);
    for (i, (label, value, max, caption)) in rows.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let ratio = if *max > 0.0 {
            (value / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let _ = write!(
            s,
            r##"<text x="0" y="{ty:.1}" class="l">{label}</text><rect x="{LABEL}" y="{y:.1}" width="{track:.1}" height="16" class="track"/><rect x="{LABEL}" y="{y:.1}" width="{w:.1}" height="16" fill="{colour}"/><text x="{cx:.1}" y="{ty:.1}" class="v">{caption}</text>"##,
            ty = y + 12.5,
            label = escape(label),
            w = track * ratio,
            cx = LABEL + track + 8.0,
            caption = escape(caption),
        );
    }
    s.push_str("</svg>");
    s
}

/// A Gantt chart of the plan: solid to the earliest end, pale to the latest, today a line.
pub fn gantt(plan: &Plan, today: NaiveDate) -> String {
    let from = plan.start.min(today);
    let to = plan.certificate.latest.max(today);
    let span = (to - from).num_days().max(1) as f64;
    let track = WIDTH - LABEL - 10.0;
    let x = |d: NaiveDate| LABEL + track * ((d - from).num_days() as f64 / span).clamp(0.0, 1.0);
    let rows = plan.phases.len();
    let height = ROW * rows as f64 + 40.0;
    let mut s = open("时间线", height);
    // Month ticks.
    let mut day = from;
    while day <= to {
        // A month label needs about 28 units; one too close to the right edge would be cut.
        if chrono::Datelike::day(&day) == 1 && x(day) + 30.0 <= WIDTH {
            let _ = write!(
                s,
                r#"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{h:.1}" class="grid"/><text x="{tx:.1}" y="{ty:.1}" class="t">{m}月</text>"#,
                x = x(day),
                h = ROW * rows as f64,
                tx = x(day) + 2.0,
                ty = ROW * rows as f64 + 14.0,
                m = chrono::Datelike::month(&day),
            );
        }
        day += chrono::TimeDelta::days(1);
    }
    for (i, p) in plan.phases.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let colour = match p.state {
            PhaseState::Finished => "#2e7d32",
            PhaseState::Current => "#c77700",
            PhaseState::Upcoming => "#1f5fa8",
        };
        let a = x(p.start.earliest);
        let b = x(p.end.earliest).max(a + 1.0);
        let c = x(p.end.latest).max(b);
        let _ = write!(
            s,
            r#"<text x="0" y="{ty:.1}" class="l">{label}</text><rect x="{a:.1}" y="{y:.1}" width="{w1:.1}" height="16" fill="{colour}"/><rect x="{b:.1}" y="{y:.1}" width="{w2:.1}" height="16" fill="{colour}" fill-opacity="0.3"/>"#,
            ty = y + 12.5,
            label = escape(&p.title),
            w1 = b - a,
            w2 = c - b,
        );
    }
    if today >= from && today <= to {
        let _ = write!(
            s,
            r#"<line x1="{t:.1}" y1="0" x2="{t:.1}" y2="{h:.1}" class="today"/><text x="{t:.1}" y="{ly:.1}" class="today-l">今天</text>"#,
            t = x(today),
            h = ROW * rows as f64,
            ly = ROW * rows as f64 + 30.0,
        );
    }
    s.push_str("</svg>");
    s
}

fn open(title: &str, height: f64) -> String {
    format!(
        r#"<svg viewBox="0 0 {WIDTH} {height:.1}" width="100%" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    )
}
