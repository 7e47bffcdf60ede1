//! zizhi: a keyboard-driven guide through the 涉密信息系统集成资质（运行维护类）qualification.

#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod cli;
pub mod clock;
pub mod content;
pub mod domain;
pub mod i18n;
pub mod keymap;
pub mod progress;
pub mod report;
pub mod safe_fs;
pub mod sanitize;
pub mod screens;
pub mod team;
pub mod theme;
pub mod tui;
pub mod widgets;
