//! End-to-end tests over real HTTP against the real app (see `fair_tests`).
#![allow(clippy::unwrap_used)] // in tests a panic is a failure report

mod accounts;
mod authz;
mod bad_input;
mod booths;
mod health;
mod live;
mod live_cluster;
mod media;
mod meetings;
mod scheduler;
mod search;
mod seed;
