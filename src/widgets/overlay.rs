//! Clearing the area under a box drawn over a screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// Clears `outer` and the column on each side of it, so a double-width character of the
/// screen underneath, cut by the box's edge, cannot spill over its border.
pub fn clear_around(frame: &mut Frame, outer: Rect) {
    let area = frame.area();
    let x = outer.x.saturating_sub(1).max(area.x);
    let right = outer.right().saturating_add(1).min(area.right());
    frame.render_widget(
        Clear,
        Rect::new(x, outer.y, right.saturating_sub(x), outer.height),
    );
}
