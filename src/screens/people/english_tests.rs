//! The register under `--lang en` at 80×24: every word the app writes is English, while the
//! values users typed (Chinese names, the content's role titles) stay as typed.

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::app::App;
use crate::app::test_support::{app_at, draw};
use crate::i18n::Lang;
use crate::progress::{Certificate, Level, Passport, Person, Progress, Training};

crate::app::test_support::drive_at!(2026, 12, 3);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn english_app(people: Vec<Person>) -> App {
    let progress = Progress {
        people,
        ..Progress::default()
    };
    let mut app = app_at(progress, Lang::En, now());
    press(&mut app, &[KeyCode::Char('7')]);
    app
}

/// A register with a core engineer short of documents, an insured general member of staff
/// with a certificate expiring soon, a leaver in 脱密期 and one whose level is not decided.
fn register() -> Vec<Person> {
    let mut core = Person::roster_entry("欧阳晓东", vec!["engineer".to_owned()]);
    core.level = Some(Level::Core);
    core.hired = Some(day(2024, 3, 1));
    core.insured_since = Some(day(2024, 3, 1));
    let mut general = Person::roster_entry("王静", vec!["security-admin".to_owned()]);
    general.level = Some(Level::General);
    general.insured_since = Some(day(2025, 1, 2));
    general.pledge_signed = Some(day(2025, 1, 5));
    general.vetted = Some(day(2025, 1, 6));
    general.passport = Some(Passport::Held);
    general.passport_since = Some(day(2025, 1, 6));
    general.certificates.push(Certificate {
        id: "C1".to_owned(),
        name: "CISP".to_owned(),
        number: "CISP-2024-0815".to_owned(),
        issuer: "中国信息安全测评中心".to_owned(),
        valid_until: Some(day(2027, 1, 10)),
    });
    general.training.push(Training {
        id: "T1".to_owned(),
        date: day(2026, 3, 1),
        hours: 4.0,
        topic: "保密法规".to_owned(),
    });
    let mut leaver = Person::roster_entry("李娜", Vec::new());
    leaver.om_staff = false;
    leaver.level = Some(Level::Important);
    leaver.left = Some(day(2026, 6, 30));
    let unset = Person::roster_entry("赵六", vec!["运维主管".to_owned()]);
    vec![core, general, leaver, unset]
}

/// Every CJK character on `screen` belongs to a value: a person's name, role, certificate or
/// training topic, or the content's role titles. Anything else is app text left untranslated.
fn assert_only_values_are_chinese(app: &App, screen: &str) {
    let mut allowed = String::new();
    for p in &app.progress.people {
        allowed.push_str(&p.name);
        allowed.push_str(&p.roles.concat());
        for c in &p.certificates {
            allowed.push_str(&c.name);
            allowed.push_str(&c.issuer);
        }
        for t in &p.training {
            allowed.push_str(&t.topic);
        }
    }
    for role in &app.content.interview.roles {
        allowed.push_str(&role.title);
    }
    // The header's product name is the same in both languages.
    let body: String = screen.lines().skip(1).collect::<Vec<_>>().join("\n");
    let stray: String = body
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || "，。：；（）「」、".contains(*c))
        .filter(|c| !allowed.contains(*c))
        .collect();
    assert!(stray.is_empty(), "untranslated {stray:?} in\n{screen}");
}

#[test]
fn the_empty_register_in_english_at_80x24() {
    let app = english_app(Vec::new());
    let screen = draw(&app);
    assert!(screen.contains("The register is empty"), "{screen}");
    assert_only_values_are_chinese(&app, &screen);
    insta::assert_snapshot!(screen);
}

#[test]
fn the_register_list_in_english_at_80x24() {
    let app = english_app(register());
    let screen = draw(&app);
    assert!(screen.contains("欧阳晓东"), "names stay as typed: {screen}");
    assert!(screen.contains("important"), "{screen}");
    assert_only_values_are_chinese(&app, &screen);
    insta::assert_snapshot!(screen);
}

#[test]
fn filters_describe_themselves_in_english() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Char('v')]);
    let screen = draw(&app);
    assert!(
        screen.contains("Staff register · core · 1 listed"),
        "{screen}"
    );
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('m')]);
    let screen = draw(&app);
    assert!(screen.contains("missing documents"), "{screen}");
    assert_only_values_are_chinese(&app, &screen);
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('v')]);
    press(&mut app, &[KeyCode::Char('v'), KeyCode::Char('v')]);
    press(&mut app, &[KeyCode::Char('v'), KeyCode::Char('v')]);
    let screen = draw(&app);
    assert!(screen.contains("level unset · 1 listed"), "{screen}");
    assert!(
        screen.contains("赵六") && !screen.contains("王静"),
        "{screen}"
    );
}

#[test]
fn a_persons_detail_in_english_at_80x24() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    let screen = draw(&app);
    assert!(screen.contains("valid until 2027-01-10"), "{screen}");
    // The certificate's row wraps under its indent rather than being cut.
    assert!(
        screen.contains("expires in") && screen.contains("\n   38 days"),
        "{screen}"
    );
    assert_only_values_are_chinese(&app, &screen);
    insta::assert_snapshot!(screen);
}

#[test]
fn a_leavers_declassification_period_wraps_in_english_with_its_basis() {
    let mut app = english_app(register());
    // The leaver is listed third: still in 脱密期.
    press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    let screen = draw(&app);
    assert!(
        screen.contains("Declassification, version 1: 2028-06-30 – 2029-06-30"),
        "{screen}"
    );
    assert!(screen.contains("Basis: industry"), "{screen}");
    assert_only_values_are_chinese(&app, &screen);
    // Wrapped rows of the basis keep the indent of their first row.
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Declassification, version 1"))
        .take(3)
        .collect();
    assert!(rows.iter().all(|r| r.starts_with("   ")), "{rows:#?}");
}

#[test]
fn the_person_form_in_english_at_80x24_saves_a_chinese_name_as_typed() {
    let mut app = english_app(Vec::new());
    press(&mut app, &[KeyCode::Char('a')]);
    let screen = draw(&app);
    assert!(
        screen.contains("Add a person (saved as you type)"),
        "{screen}"
    );
    assert_only_values_are_chinese(&app, &screen);
    typed(&mut app, "欧阳晓东");
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "core");
    assert_eq!(app.progress.people[0].name, "欧阳晓东");
    assert_eq!(app.progress.people[0].level, Some(Level::Core));
    // Once the name is typed the person exists, and the form edits them.
    let screen = draw(&app);
    assert!(
        screen.contains("Edit person (saved as you type)"),
        "{screen}"
    );
    assert_only_values_are_chinese(&app, &screen);
    insta::assert_snapshot!(screen);
}

#[test]
fn a_value_that_does_not_read_says_why_in_english() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Char('e')]);
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "x");
    let screen = draw(&app);
    assert!(screen.contains("is not a level"), "{screen}");
    // Selected with the rest of the prefilled value replaced, the level is unchanged.
    assert_eq!(app.progress.people[0].level, Some(Level::Core));
    // Esc closes the form onto the person's detail; there `t` adds a training session.
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('t')]);
    typed(&mut app, "2026-02-30");
    let screen = draw(&app);
    assert!(screen.contains("No such date: 2026-02-30"), "{screen}");
    assert_only_values_are_chinese(&app, &screen);
}

#[test]
fn removing_asks_in_english() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Char('d')]);
    let screen = draw(&app);
    assert!(
        screen.contains("Remove 欧阳晓东 and all their certificates and training?"),
        "{screen}"
    );
    assert_only_values_are_chinese(&app, &screen);
}

#[test]
fn the_dashboard_register_panel_in_english() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app);
    assert!(
        screen.contains("insured 1 year 2 / Grade B needs 15"),
        "{screen}"
    );
    assert!(
        screen.contains("Classified staff without pledge 1"),
        "{screen}"
    );
}

#[test]
fn the_english_dashboard_keeps_wrapped_text_padded_and_the_roster_hint_whole() {
    let mut app = english_app(Vec::new());
    press(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app);
    let row = screen
        .lines()
        .find(|l| l.contains("to set a due date."))
        .unwrap_or_else(|| panic!("the empty due list says what to do:\n{screen}"));
    assert!(row.starts_with(" to set"), "{screen}");
    assert!(
        screen.contains("Roster empty: 3, then a to add"),
        "{screen}"
    );
    assert!(
        screen.contains("Staff register (Enter lists, z rectifies)"),
        "{screen}"
    );
}

#[test]
fn the_interview_roster_from_the_register_names_the_target_grade_in_english() {
    let mut app = english_app(register());
    press(&mut app, &[KeyCode::Char('3')]);
    let screen = draw(&app);
    assert!(screen.contains("target Grade B"), "{screen}");
    assert!(screen.contains("欧阳晓东"), "{screen}");
}
