//! Fuzzes the ADR file reader behind every import: any text under any of the name shapes
//! the formats use must read or be skipped with a reason, and what reads has a title and a
//! calendar date.
#![no_main]

use app::ssr::import::read::{Outcome, read};
use app::ssr::import::text::parse_date;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["0007-x.md", "20200101-x.md", "x.md", "README.md"] {
        if let Outcome::Read(file) = read(name, text, "2026-12-03") {
            assert!(!file.doc.title.trim().is_empty());
            assert_eq!(
                parse_date(&file.doc.date).as_deref(),
                Some(file.doc.date.as_str())
            );
        }
    }
});
