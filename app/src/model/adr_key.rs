//! Permalink keys: every spelling of an ADR number that a URL may carry.
//!
//! `7`, `0007`, `ADR-0007` and `adr-7`, each optionally followed by `-any-slug`, all name
//! ADR 7 forever (and `0` names ADR-0000, where MADR's logs start). The canonical page is `/adr/7-current-slug`.

use crate::model::slug::slugify;

/// The longest slug put into a canonical URL.
pub const SLUG_MAX: usize = 60;

/// Reads the ADR number from a path segment, or `None` when the segment names no ADR.
pub fn parse(segment: &str) -> Option<i64> {
    let rest = strip_prefix_ignore_case(segment, "adr-").unwrap_or(segment);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(digits_end);
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    if !tail.is_empty() && !tail.starts_with('-') {
        return None;
    }
    let number: i64 = digits.parse().ok()?;
    // 0 is a number too: MADR and log4brains start at ADR-0000.
    Some(number)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The canonical path segment for an ADR: `7-current-slug`, or `7` when the title has no slug.
pub fn canonical_segment(number: i64, title: &str) -> String {
    let slug = slugify(title, SLUG_MAX);
    if slug.is_empty() {
        number.to_string()
    } else {
        format!("{number}-{slug}")
    }
}

/// The canonical path of an ADR page.
pub fn canonical_path(number: i64, title: &str) -> String {
    format!("/adr/{}", canonical_segment(number, title))
}

/// The display form of a number: `ADR-0007`.
pub fn display(number: i64) -> String {
    format!("ADR-{number:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_names_the_same_adr() {
        for segment in [
            "7",
            "0007",
            "ADR-0007",
            "adr-7",
            "Adr-07",
            "7-use-go",
            "0007-anything-at-all",
            "ADR-0007-old-title",
            "adr-7-x",
        ] {
            assert_eq!(parse(segment), Some(7), "{segment}");
        }
    }

    #[test]
    fn zero_is_a_number_as_madr_starts_there() {
        for segment in ["0", "0000", "adr-0", "ADR-0000-use-markdown"] {
            assert_eq!(parse(segment), Some(0), "{segment}");
        }
    }

    #[test]
    fn other_segments_name_nothing() {
        for segment in [
            "",
            "new",
            "adr",
            "adr-",
            "ADR0007",
            "7x",
            "-7",
            "7.5",
            "x-7",
            "9999999999999999999",
        ] {
            assert_eq!(parse(segment), None, "{segment:?}");
        }
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical_path(7, "Use Go for the gateway"),
            "/adr/7-use-go-for-the-gateway"
        );
        assert_eq!(canonical_path(12, "???"), "/adr/12");
        assert_eq!(display(7), "ADR-0007");
        assert_eq!(display(12345), "ADR-12345");
    }
}
