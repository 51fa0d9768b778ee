//! Placement of meetings into slots (being written).
