//! Exact min-cost flow (being written).
