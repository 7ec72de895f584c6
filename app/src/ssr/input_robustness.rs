//! No request can make the decoders that face the network panic, and what they accept
//! survives the trip Tradeoff makes it take: the ADR and assessment forms, the ADR key in a
//! path, the list query, and the markdown tables of team matrices. The same properties as
//! their fuzz targets (`app/fuzz/fuzz_targets/{forms,adr_key,list_query,markdown_table}.rs`),
//! checked on generated input on every test run, plus a replay of the inputs those fuzzers
//! saved (`app/tests/fixtures/fuzz/<target>/`).

use crate::model::adr_key;
use crate::model::form::AdrForm;
use crate::model::markdown_table;
use crate::model::query::ListQuery;
use crate::model::scoring;
use crate::ssr::assessment_forms;
use proptest::prelude::*;

fn pairs(query: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(query).into_owned().collect()
}

fn borrowed(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

fn form_decoders(body: &[u8]) {
    let pairs = pairs(body);
    let document = AdrForm::from_pairs(borrowed(&pairs)).to_document();
    assert_eq!(AdrForm::from_document(&document).to_document(), document);
    let _ = assessment_forms::parse(&pairs);
    let _ = scoring::from_pairs(borrowed(&pairs));
}

fn key_parser(segment: &str) {
    if let Some(number) = adr_key::parse(segment) {
        assert!(number >= 0, "{segment:?}");
        assert_eq!(adr_key::parse(&adr_key::display(number)), Some(number));
        let canonical = adr_key::canonical_segment(number, segment);
        assert_eq!(adr_key::parse(&canonical), Some(number), "{canonical:?}");
    }
}

fn list_query(query: &[u8]) {
    if let Ok(decoded) = ListQuery::from_pairs(borrowed(&pairs(query))) {
        let link = decoded.to_query_string(decoded.offset);
        let again = ListQuery::from_pairs(borrowed(&pairs(link.as_bytes())));
        assert_eq!(again.as_ref(), Ok(&decoded), "{link}");
    }
}

fn table_parser(text: &str) {
    match markdown_table::parse(text) {
        Ok(table) => {
            let written = markdown_table::to_markdown(&table.columns, &table.rows);
            assert_eq!(markdown_table::parse(&written), Ok(table), "{written:?}");
        }
        Err(errors) => assert!(!errors.is_empty(), "{text:?}"),
    }
}

/// Runs every decoder on `bytes`, read as a query string, a form body and (when it is
/// UTF-8) a path segment and a pasted table.
fn every_decoder(bytes: &[u8]) {
    form_decoders(bytes);
    list_query(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        key_parser(text);
        table_parser(text);
    }
}

/// Pieces of what these decoders read, so generated input reaches past their first checks.
const FRAGMENTS: &[&str] = &[
    "&",
    "=",
    "%",
    "%2",
    "%26",
    "%3D",
    "+",
    "title",
    "option.0.name",
    "option.1.good",
    "option.x.",
    "chosen_option",
    "option:0",
    "tags",
    ",",
    "section",
    "cite",
    "judge.",
    "criterion.0.weight",
    "score.0.go",
    "new_criterion",
    "q",
    "status",
    "accepted",
    "sort",
    "limit",
    "offset",
    "-1",
    "99999999999999999999",
    "date_from",
    "2026-02-30",
    "cites",
    "/",
    "adr-",
    "ADR-",
    "0007",
    "7",
    "-slug",
    "|",
    "\\|",
    "---",
    ":--",
    "\n",
    "\r\n",
    " ",
    "\t",
    "é",
    "𝄞",
    "\u{0}",
];

fn fragments() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40)
        .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_input_never_panics(bytes in any::<Vec<u8>>()) {
        every_decoder(&bytes);
    }

    #[test]
    fn input_made_of_fragments_never_panics(text in fragments()) {
        every_decoder(text.as_bytes());
    }
}

#[test]
fn saved_fuzzer_inputs_decode_without_panics() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for target in ["forms", "adr_key", "list_query", "markdown_table"] {
        let folder = root.join(target);
        let inputs = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{} cannot be read: {e}", folder.display()));
        for input in inputs {
            let path = input.expect("a saved input").path();
            every_decoder(&std::fs::read(&path).expect("a saved input is readable"));
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} saved inputs through the request decoders");
    assert!(replayed >= 4, "the seeds of every target were found");
}
