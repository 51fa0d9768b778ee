//! Settings, telemetry, the assembled application and the `fair` command line.

pub mod app;
pub mod cli;
pub mod openapi;
pub mod schedule;
pub mod seed;
pub mod settings;
pub mod telemetry;

pub use app::App;
pub use settings::Settings;
