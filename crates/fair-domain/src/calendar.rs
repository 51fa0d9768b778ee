//! The fair's calendar: dates are judged in Vietnam, where the fair is held.

use chrono::{DateTime, NaiveDate, Utc};

/// The fair's time zone (UTC+7, no daylight saving).
pub const FAIR_TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// Today's date in Hanoi at the instant `now`: a certificate valid until the 30th
/// stops counting at midnight in Hanoi, not at midnight UTC.
pub fn fair_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&FAIR_TIME_ZONE).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_day_turns_at_midnight_in_hanoi() {
        let before = Utc.with_ymd_and_hms(2026, 11, 30, 16, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap();
        assert_eq!(fair_date(before), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(fair_date(after), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    }
}
