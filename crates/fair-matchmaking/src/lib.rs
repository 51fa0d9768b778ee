//! Matchmaking for the fair.
//!
//! - [`problem`]: a fair to schedule, in plain indices (buyers, suppliers, slots,
//!   candidate pairs with scores, tables, interpreters, locks).
//! - [`flow`]: an exact min-cost flow solver.
//! - [`select`]: who meets whom, as a capacitated bipartite b-matching solved exactly
//!   as a min-cost flow (mutual Must-meet first, every minimum before any extra).
//! - [`place`]: when and where, placing the selected meetings into slots, tables and
//!   interpreters (an edge colouring with availability: heuristic with repair).
//! - [`schedule`]: the loop of the two, with a reason for every pair left out.
//! - [`build`]: a fair's participants scored into a [`Problem`]; [`rules`]: who may
//!   meet whom.
//! - [`offline`]: the self-contained JSON format of `fair schedule`, run through
//!   the same engine.
//!
//! Everything is deterministic: the same input gives the same output. No IO, no
//! clock, no randomness.

pub mod build;
pub mod explain;
pub mod flow;
pub mod offline;
pub mod place;
pub mod problem;
pub mod rules;
pub mod schedule;
pub mod score;
pub mod select;

pub use problem::*;
