//! Fuzzes auto-detection and then the parser it picks, as an upload with format=auto runs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(format) = app::ssr::evidence::detect::detect(text)
    {
        let _ = app::ssr::evidence::parse(format, text);
    }
});
