//! Pure rules over content and progress: counts, due dates, working days. No I/O, no clock.

pub mod calendar;
pub mod rectification;
pub mod sop_run;
pub mod sop_stats;
pub mod summary;
