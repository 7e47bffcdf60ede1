//! zizhi: a keyboard-driven guide through the 涉密信息系统集成资质（运行维护类）qualification.

pub mod content;
