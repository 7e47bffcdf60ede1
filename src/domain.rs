//! Pure rules over content and progress: counts, due dates, working days, interview matching,
//! scheduling and draws. No I/O, no clock.

pub mod calendar;
pub mod correction;
pub mod date_input;
pub mod draw;
pub mod interview_stats;
pub mod keypoints;
pub mod moment;
pub mod people;
pub mod rectification;
pub mod schedule;
pub mod score;
pub mod settings;
pub mod sop_run;
pub mod sop_stats;
pub mod summary;
pub mod team_summary;
pub mod timeline;
