//! Fuzzes the parser of the Go benchmark format: any bytes, read as text, must parse or be refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = app::ssr::evidence::parse(app::ssr::evidence::Format::GoBench, text);
    }
});
