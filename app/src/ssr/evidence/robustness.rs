//! No input makes a parser panic, and whatever a parser accepts can be stored and read
//! back: property tests on arbitrary text and on text built from the fragments each format
//! is made of, and a replay of every input the fuzzers saved
//! (`app/tests/fixtures/fuzz/<target>/`).

use super::{Format, Parsed, detect, parse};
use proptest::prelude::*;

/// Pieces of every format, so that generated text reaches deep into the parsers.
const FRAGMENTS: &[&str] = &[
    "Benchmark",
    "BenchmarkX-8",
    " ",
    "\t",
    "\n",
    "\r\n",
    "1",
    "100",
    "1.5e3",
    "-",
    "ns/op",
    "B/op",
    "MB/s",
    ":",
    "cpu: x",
    "goos:",
    "PASS",
    "Unit ",
    " assume=exact",
    " better=lower",
    "ok",
    "test ",
    " ... bench: ",
    "1,234",
    " ns/iter",
    " (+/- 5)",
    " = 80 MB/s",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    ",",
    "=",
    "\"reason\":\"benchmark-complete\"",
    "\"measured_values\":[1]",
    "\"iteration_count\":[0]",
    "\"iteration_count\":[1e-310]",
    "\"measured_values\":[1e308]",
    "\"results\":",
    "\"times\":[",
    "# ",
    "# TYPE ",
    "# HELP ",
    "# UNIT ",
    "# EOF",
    "counter",
    "histogram",
    "summary",
    "gauge",
    "_bucket",
    "_sum",
    "_count",
    "_total",
    "le=\"",
    "+Inf",
    "-Inf",
    "NaN",
    "quantile=\"0.5\"",
    " # {a=\"b\"} 1",
    "é",
    "\u{0}",
    "𝄞",
];

fn fragments() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60)
        .prop_map(|parts| parts.concat())
}

fn every_parser(text: &str) {
    for format in Format::ALL {
        if let Ok(parsed) = parse(format, text) {
            let stored = serde_json::to_string(&parsed).expect("a parse serializes");
            if let Err(e) = serde_json::from_str::<Parsed>(&stored) {
                panic!(
                    "{format:?} accepted {text:?} but its stored form {stored} reads back as {e}"
                );
            }
        }
    }
    let _ = detect::detect(text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        every_parser(&text);
    }

    #[test]
    fn text_made_of_format_fragments_never_panics(text in fragments()) {
        every_parser(&text);
    }
}

#[test]
fn criterion_samples_that_overflow_are_refused() {
    let line = r#"{"reason":"benchmark-complete","id":"a","unit":"ns","measured_values":[1e308],"iteration_count":[1e-10]}"#;
    assert!(parse(Format::CriterionJson, line).is_err());
    every_parser(line);
}

#[test]
fn saved_fuzzer_inputs_replay_without_panics() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut replayed = 0;
    for target in std::fs::read_dir(root)
        .expect("the fuzz fixtures folder exists")
        .flatten()
    {
        if !target.path().is_dir() {
            continue;
        }
        for input in std::fs::read_dir(target.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let bytes = std::fs::read(input.path()).expect("a saved input");
            if let Ok(text) = std::str::from_utf8(&bytes) {
                every_parser(text);
            }
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} saved fuzzer inputs");
    assert!(replayed > 0, "the saved inputs were found");
}
