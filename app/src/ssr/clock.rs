//! The current time, formatted the way the database stores it (RFC 3339, UTC).

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, as RFC 3339 text in UTC with millisecond precision.
pub fn now() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.millisecond() as u32 * 1_000_000)
        .unwrap_or(now);
    now.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A stored timestamp shortened for display: `2026-11-27 22:21 UTC`.
pub fn display(timestamp: &str) -> String {
    match (timestamp.get(..10), timestamp.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => timestamp.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validation::is_iso_date;

    #[test]
    fn formats_are_what_the_database_expects() {
        assert!(is_iso_date(&today()));
        let now = now();
        assert!(now.ends_with('Z'), "{now}");
        assert_eq!(display("2026-11-27T22:21:52.123Z"), "2026-11-27 22:21 UTC");
    }
}
