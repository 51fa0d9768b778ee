//! Deterministic demo data: a realistic CNHT fair generated from the taxonomy.
//!
//! `generate` is a pure function of [`DemoOptions`]: no clock, no IO, and a seeded
//! ChaCha generator, so the same seed gives the same fair.

mod model;

pub use model::*;
