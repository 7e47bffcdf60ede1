//! Benchmarks of the staff register at the size of a large unit: importing 1 000 people (with
//! a certificate and a training record each) from GB18030 spreadsheets, running the
//! register's checks over them, and opening the register screen (key 7) with its first frame
//! at 80×24. The bounds: an import under one second, the screen under 10 ms.
//!
//! Run with `cargo bench --bench people`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use zizhi::app::{App, Event, render, update};
use zizhi::i18n::Lang;
use zizhi::theme::Theme;

use zizhi::cli::people::import::{Input, plan};
use zizhi::content::load_built_in;
use zizhi::domain::people::check;
use zizhi::progress::Progress;

const PEOPLE: usize = 1_000;

fn files() -> [Vec<u8>; 3] {
    let levels = ["核心", "重要", "一般", "非涉密"];
    let mut people = String::from(
        "姓名,角色,涉密等级,入职日期,社保起缴日期,承诺书签订日期,上岗审查日期,护照由单位保管,离岗日期\r\n",
    );
    let mut certs = String::from("姓名,证书,编号,发证机构,有效期至\r\n");
    let mut training = String::from("姓名,日期,学时,内容\r\n");
    for n in 0..PEOPLE {
        let name = format!("员工{n:04}");
        let level = levels[n % 4];
        let left = if n % 50 == 0 { "2026-06-30" } else { "" };
        people.push_str(&format!(
            "{name},运维工程师、系统管理员,{level},2020-03-{:02},2020年3月{}日,2020/3/2,2020-03-01,是,{left}\r\n",
            1 + n % 28,
            1 + n % 28
        ));
        certs.push_str(&format!(
            "{name},保密培训证书,{:07},省保密局,2027-{:02}-01\r\n",
            n,
            1 + n % 12
        ));
        training.push_str(&format!(
            "{name},2026-{:02}-15,4,保密法规与案例\r\n",
            1 + n % 12
        ));
    }
    [people, certs, training].map(|text| encoding_rs::GB18030.encode(&text).0.into_owned())
}

fn bench(c: &mut Criterion) {
    let roles = load_built_in().expect("built-in content").interview.roles;
    let files = files();
    let now = NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let inputs = [
        Input {
            label: "people.csv",
            bytes: &files[0],
        },
        Input {
            label: "certificates.csv",
            bytes: &files[1],
        },
        Input {
            label: "training.csv",
            bytes: &files[2],
        },
    ];
    c.bench_function(
        "import 1000 people, certificates and training (GB18030)",
        |b| {
            b.iter(|| {
                plan(&[], &roles, black_box(&inputs), None, now, "", Lang::Zh).expect("imports")
            })
        },
    );
    let planned = plan(&[], &roles, &inputs, None, now, "", Lang::Zh).expect("imports");
    let progress = Progress {
        people: planned.people,
        ..Progress::default()
    };
    c.bench_function("register checks over 1000 people", |b| {
        b.iter(|| check(black_box(&progress), None, None, now.date()))
    });
    let content = load_built_in().expect("built-in content");
    let theme = Theme::new(true, false);
    let mut app = App::new(content, progress, Lang::Zh, now, (80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    c.bench_function(
        "open the register with 1000 people (key 7 and the first frame)",
        |b| {
            b.iter(|| {
                update(
                    &mut app,
                    Event::Key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE)),
                    now,
                );
                terminal
                    .draw(|frame| render(frame, &app, &theme))
                    .expect("draws");
                update(
                    &mut app,
                    Event::Key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE)),
                    now,
                );
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
