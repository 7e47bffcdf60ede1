use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::app::test_support::draw;
use crate::app::{App, Effect, Screen};
use crate::progress::{Level, Person, Progress};

crate::app::test_support::drive_at!(2026, 12, 3);

fn app_with(people: Vec<Person>) -> App {
    let mut app = new_app(Progress {
        people,
        ..Progress::default()
    });
    press(&mut app, &[KeyCode::Char('7')]);
    app
}

fn staff(name: &str, level: Level) -> Person {
    let mut p = Person::roster_entry(name, vec!["engineer".to_owned()]);
    p.level = Some(level);
    p
}

#[test]
fn key_seven_opens_the_register() {
    let app = app_with(Vec::new());
    assert!(matches!(app.screen(), Screen::People(_)));
    assert!(draw(&app).contains("台账为空"), "{}", draw(&app));
}

#[test]
fn adding_a_person_saves_as_typed_and_opens_their_detail() {
    let mut app = app_with(Vec::new());
    press(&mut app, &[KeyCode::Char('a')]);
    let effects = typed(&mut app, "王静");
    assert!(
        effects.contains(&Effect::Save),
        "the name is saved as typed"
    );
    assert_eq!(app.progress.people.len(), 1);
    assert_eq!(app.progress.people[0].name, "王静");
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "核心");
    assert_eq!(app.progress.people[0].level, Some(Level::Core));
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "2025年1月2日");
    assert_eq!(
        app.progress.people[0].insured_since,
        NaiveDate::from_ymd_opt(2025, 1, 2)
    );
    press(&mut app, &[KeyCode::Esc]);
    let screen = draw(&app);
    assert!(screen.contains("王静"), "{screen}");
    assert!(screen.contains("满一年"), "{screen}");
}

#[test]
fn a_date_that_does_not_read_is_not_written_and_says_why() {
    let mut app = app_with(vec![staff("张伟", Level::General)]);
    press(&mut app, &[KeyCode::Char('e')]);
    for _ in 0..4 {
        press(&mut app, &[KeyCode::Tab]);
    }
    typed(&mut app, "2026-02-30");
    assert_eq!(app.progress.people[0].hired, None);
    assert!(draw(&app).contains("不存在的日期"), "{}", draw(&app));
}

#[test]
fn filters_narrow_the_list_by_level_and_missing_documents() {
    let mut done = staff("李娜", Level::Important);
    done.pledge_signed = NaiveDate::from_ymd_opt(2026, 1, 1);
    done.vetted = NaiveDate::from_ymd_opt(2026, 1, 1);
    done.passport = Some(crate::progress::Passport::Held);
    done.training.push(crate::progress::Training {
        id: "T1".to_owned(),
        date: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
        hours: 4.0,
        topic: String::new(),
    });
    let mut app = app_with(vec![
        staff("张伟", Level::Core),
        done,
        staff("赵六", Level::None),
    ]);
    press(&mut app, &[KeyCode::Char('v')]);
    let screen = draw(&app);
    assert!(
        screen.contains("张伟") && !screen.contains("李娜"),
        "{screen}"
    );
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Char('m')]);
    let screen = draw(&app);
    assert!(
        screen.contains("张伟") && !screen.contains("李娜"),
        "{screen}"
    );
    assert!(
        !screen.contains("赵六"),
        "非涉密 staff need no pledge: {screen}"
    );
}

#[test]
fn certificates_and_training_are_added_in_the_detail_and_removed_after_asking() {
    let mut app = app_with(vec![staff("张伟", Level::Core)]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('c')]);
    typed(&mut app, "CISP");
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "2027-01-10");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('t')]);
    typed(&mut app, "2026-03-01");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "4");
    press(&mut app, &[KeyCode::Esc]);
    let person = &app.progress.people[0];
    assert_eq!(person.certificates[0].name, "CISP");
    assert_eq!(
        person.certificates[0].valid_until,
        NaiveDate::from_ymd_opt(2027, 1, 10)
    );
    assert_eq!(person.training[0].hours, 4.0);
    let screen = draw(&app);
    assert!(screen.contains("90 天内到期"), "{screen}");
    press(&mut app, &[KeyCode::Down, KeyCode::Char('d')]);
    assert!(draw(&app).contains("删除「张伟」的这张证书"));
    let effects = press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(effects, vec![Effect::Save]);
    assert!(app.progress.people[0].certificates.is_empty());
}

#[test]
fn the_dashboard_check_opens_the_people_it_concerns() {
    let mut app = app_with(vec![staff("张伟", Level::Core), staff("赵六", Level::None)]);
    press(&mut app, &[KeyCode::Char('1')]);
    let screen = draw(&app);
    assert!(screen.contains("涉密人员未签承诺书 1"), "{screen}");
    // Down past the phases onto the checks: headcount, then the pledge line.
    let phases = app.content.phases.len();
    for _ in 0..phases + 1 {
        press(&mut app, &[KeyCode::Down]);
    }
    press(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app);
    assert!(matches!(app.screen(), Screen::People(_)));
    assert!(
        screen.contains("张伟") && !screen.contains("赵六"),
        "{screen}"
    );
}

#[test]
fn the_register_opens_with_a_thousand_people_and_draws_only_what_fits() {
    let people: Vec<Person> = (0..1000)
        .map(|n| staff(&format!("员工{n:04}"), Level::General))
        .collect();
    let mut app = app_with(people);
    press(&mut app, &[KeyCode::Char('G')]);
    let screen = draw(&app);
    assert!(screen.contains("员工0999"), "{screen}");
    assert!(screen.contains("1000 人"), "{screen}");
}
