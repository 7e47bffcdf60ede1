//! The dashboard's overdue and due-soon lines: selectable, Enter opens the item.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::draw;
use crate::app::{App, Event, Screen, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::Progress;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn press(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        update(
            app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    }
}

#[test]
fn down_past_the_phases_selects_the_overdue_line_and_enter_opens_that_item() {
    let content = load_built_in().expect("built-in content loads");
    let ids: Vec<String> = content
        .items()
        .skip(5)
        .take(2)
        .map(|r| r.item.id.value.clone())
        .collect();
    let phases = content.phases.len();
    let mut progress = Progress::default();
    progress.item_mut(&ids[0]).due = NaiveDate::from_ymd_opt(2026, 12, 1);
    progress.item_mut(&ids[1]).due = NaiveDate::from_ymd_opt(2026, 11, 20);
    progress.item_mut(&ids[1]).owner = "张伟".into();
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    // Past the last phase: the overdue item (listed first), then the due-soon one.
    press(&mut app, KeyCode::Char('j'), phases);
    let title = |app: &App, id: &str| {
        app.content
            .find_item(id)
            .map(|r| r.item.title.to_string())
            .unwrap_or_default()
    };
    let screen = draw(&app);
    let selected_late = screen
        .lines()
        .find(|l| l.contains("11-20"))
        .unwrap_or_default();
    assert!(selected_late.contains("@张伟"), "{screen}");
    press(&mut app, KeyCode::Enter, 1);
    let Screen::Checklist(_) = app.screen() else {
        panic!("Enter opens the checklist:\n{}", draw(&app));
    };
    assert!(draw(&app).contains(&title(&app, &ids[1])), "{}", draw(&app));
    // Back on the dashboard the selection is still on that line; j goes to the due-soon one.
    press(&mut app, KeyCode::Esc, 1);
    press(&mut app, KeyCode::Char('j'), 1);
    press(&mut app, KeyCode::Enter, 1);
    assert!(draw(&app).contains(&title(&app, &ids[0])), "{}", draw(&app));
}

/// The due list as it was drawn before only its visible part was made: every line built and
/// wrapped, the ones above the selection dropped, the paragraph cutting the rest.
fn due_list_in_full(
    frame: &mut ratatui::Frame,
    env: &crate::screens::Env,
    selected: Option<usize>,
    area: ratatui::layout::Rect,
    theme: &crate::theme::Theme,
) {
    use ratatui::widgets::{Block, Borders, Paragraph};
    let (overdue, due_soon) = (&env.summary.overdue, &env.summary.due_soon);
    let title = format!(" 逾期 {} · 7 天内到期 {} ", overdue.len(), due_soon.len());
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border)
        .border_style(theme.dim)
        .title(ratatui::text::Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<ratatui::text::Line> = overdue
        .iter()
        .map(|d| (d, theme.alert))
        .chain(due_soon.iter().map(|d| (d, theme.text)))
        .enumerate()
        .map(|(index, (item, style))| {
            let line = super::due_line(item, style, env.lang, width, theme);
            if selected == Some(index) {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let rows = usize::from(inner.height);
    let skip = selected
        .filter(|s| *s < lines.len())
        .map_or(0, |s| (s + 1).saturating_sub(rows));
    lines.drain(..skip.min(lines.len()));
    let lines: Vec<ratatui::text::Line> = lines
        .iter()
        .flat_map(|l| crate::widgets::wrap::wrap_hanging(l, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[test]
fn the_due_list_draws_only_what_shows_and_looks_the_same_as_drawing_it_all() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    let content = load_built_in().expect("built-in content loads");
    let ids: Vec<String> = content
        .items()
        .take(40)
        .map(|r| r.item.id.value.clone())
        .collect();
    let mut progress = Progress::default();
    for (n, id) in ids.iter().enumerate() {
        let item = progress.item_mut(id);
        // 30 overdue, 10 due within the week; owners of every length, so narrow rows wrap.
        let day = u32::try_from(n).expect("small") % 30;
        item.due = if n < 30 {
            NaiveDate::from_ymd_opt(2026, 10, 1 + day)
        } else {
            NaiveDate::from_ymd_opt(2026, 11, 25 + day % 6)
        };
        item.owner = "欧阳".repeat(n % 4);
    }
    let app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    let env = app.env();
    assert_eq!(env.summary.overdue.len() + env.summary.due_soon.len(), 40);
    let theme = crate::theme::Theme::new(true, false);
    for (width, height) in [
        (80, 14),
        (48, 10),
        (30, 9),
        (18, 12),
        (12, 6),
        (80, 2),
        (80, 1),
    ] {
        let area = Rect::new(0, 0, width, height);
        for selected in std::iter::once(None).chain((0..43).map(Some)) {
            let mut windowed = Terminal::new(TestBackend::new(width, height)).expect("terminal");
            windowed
                .draw(|f| {
                    super::render_due(
                        f,
                        &env,
                        (&env.summary.overdue, &env.summary.due_soon),
                        selected,
                        area,
                        &theme,
                    )
                })
                .expect("draws");
            let mut full = Terminal::new(TestBackend::new(width, height)).expect("terminal");
            full.draw(|f| due_list_in_full(f, &env, selected, area, &theme))
                .expect("draws");
            assert_eq!(
                windowed.backend().buffer(),
                full.backend().buffer(),
                "{width}x{height}, selected {selected:?}"
            );
        }
    }
}
