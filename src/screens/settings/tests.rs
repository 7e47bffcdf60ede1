use crossterm::event::KeyCode;

use crate::app::test_support::draw;
use crate::app::{App, Effect};
use crate::content::Grade;
use crate::i18n::Lang;
use crate::progress::Progress;
use crate::screens::Overlay;

crate::app::test_support::drive_at!(2026, 12, 3);

fn app(lang: Lang) -> App {
    crate::app::test_support::app_at(Progress::default(), lang, now())
}

#[test]
fn comma_opens_the_settings_and_each_value_is_saved_as_typed() {
    let mut app = app(Lang::Zh);
    press(&mut app, &[KeyCode::Char(',')]);
    assert!(matches!(app.overlay, Some(Overlay::Settings(_))));
    let screen = draw(&app);
    assert!(screen.contains("社保满一年人数门槛"), "{screen}");
    // Target grade.
    assert!(typed(&mut app, "甲级").contains(&Effect::Save));
    assert_eq!(app.progress.settings.target_grade, Some(Grade::A));
    // Organisation, marking, training hours, threshold.
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "某某公司");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "无");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "8");
    press(&mut app, &[KeyCode::Tab]);
    assert!(typed(&mut app, "15").contains(&Effect::Save));
    let settings = &app.progress.settings;
    assert_eq!(settings.organisation, "某某公司");
    assert_eq!(settings.marking(), "");
    assert_eq!(settings.training_hours, Some(8.0));
    assert_eq!(settings.insured_threshold, Some(15));
    // What applies is shown for the focused row.
    let screen = draw(&app);
    assert!(screen.contains("15 人"), "{screen}");
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.overlay.is_none());
}

#[test]
fn a_value_that_does_not_read_is_not_written_and_says_why() {
    let mut app = app(Lang::En);
    press(&mut app, &[KeyCode::Char(','), KeyCode::Up]);
    typed(&mut app, "x");
    assert_eq!(app.progress.settings.insured_threshold, None);
    let screen = draw(&app);
    assert!(screen.contains("not a headcount"), "{screen}");
}

#[test]
fn setting_the_threshold_changes_the_dashboard_check() {
    let mut app = app(Lang::Zh);
    // Before: the content's 乙级 figure (thresholds.yaml, labelled 行业惯例).
    assert!(draw(&app).contains("乙级门槛 15 人"), "{}", draw(&app));
    press(&mut app, &[KeyCode::Char(','), KeyCode::Up]);
    typed(&mut app, "3");
    press(&mut app, &[KeyCode::Esc]);
    let screen = draw(&app);
    assert!(screen.contains("乙级门槛 3 人"), "{screen}");
    assert!(!screen.contains("乙级门槛 15 人"), "{screen}");
}
