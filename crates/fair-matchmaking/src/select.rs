//! Selection of meetings as a b-matching (being written).
