//! Fuzzes the ADR key parser (`7`, `0007`, `ADR-0007`, `adr-7-slug`): any path segment
//! names one ADR or none, and the spellings Tradeoff writes name the same one.
#![no_main]

use app::model::adr_key::{canonical_segment, display, parse};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(segment) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(number) = parse(segment) {
        assert!(number >= 0);
        assert_eq!(parse(&display(number)), Some(number));
        assert_eq!(parse(&canonical_segment(number, segment)), Some(number));
    }
});
