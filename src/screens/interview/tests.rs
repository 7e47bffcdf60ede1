//! State-machine tests of the interview area, driven through `app::update`.
