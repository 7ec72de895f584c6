//! Fuzzes the markdown-table parser behind team matrices: any text must read or be refused
//! with its lines, and a table that reads must read the same once written back.
#![no_main]

use app::model::markdown_table::{parse, to_markdown};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text) {
        Ok(table) => assert_eq!(parse(&to_markdown(&table.columns, &table.rows)), Ok(table)),
        Err(errors) => assert!(!errors.is_empty()),
    }
});
