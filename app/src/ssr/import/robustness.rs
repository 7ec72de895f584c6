//! No uploaded file can make the importer panic: any text under any name reads or is
//! skipped with a reason, a file that reads has a title and a calendar date, and any bytes
//! offered as a zip are read or refused. The same properties as the fuzz targets
//! (`app/fuzz/fuzz_targets/{import_read,import_zip}.rs`), checked on generated input on
//! every test run, plus a replay of the inputs those fuzzers saved
//! (`app/tests/fixtures/fuzz/import_read/` and `import_zip/`).

use super::read::{Outcome, read};
use super::sources::{self, Budget, Tree};
use super::text::parse_date;
use proptest::prelude::*;

/// What the fuzz target checks for one file.
fn read_any(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for name in ["0007-x.md", "20200101-x.md", "x.md", "README.md"] {
        if let Outcome::Read(file) = read(name, text, "2026-12-03") {
            assert!(!file.doc.title.trim().is_empty(), "{text:?}");
            assert_eq!(
                parse_date(&file.doc.date).as_deref(),
                Some(file.doc.date.as_str())
            );
        }
    }
}

fn zip_any(bytes: &[u8]) {
    let mut tree = Tree::new();
    if sources::add_zip(&mut tree, &mut Budget::default(), bytes).is_ok() {
        let (_, files) = sources::adr_folder(&tree);
        assert!(files.len() <= tree.len());
    }
}

/// Text made of the pieces the formats are built from.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_owned()),
        Just("status: ".to_owned()),
        Just("date: ".to_owned()),
        Just("decision-makers: [a, \"b\"]\n".to_owned()),
        Just("# ".to_owned()),
        Just("## Status\n".to_owned()),
        Just("## Decision Outcome\n".to_owned()),
        Just("## Considered Options\n".to_owned()),
        Just("## Pros and Cons of the Options\n".to_owned()),
        Just("### ".to_owned()),
        Just("- Status: ".to_owned()),
        Just("* Good, because ".to_owned()),
        Just("Chosen option: \"".to_owned()),
        Just("```\n".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<!-- tradeoff:generated -->".to_owned()),
        Just("<!-- /tradeoff:generated -->".to_owned()),
        Just("Superseded by [2. x](0002-x.md)".to_owned()),
        Just("amended by 5".to_owned()),
        Just("2016-02-30".to_owned()),
        Just("12/02/2016".to_owned()),
        Just("\n".to_owned()),
        "[a-zA-Z0-9 ,.:\"\\[\\]()#-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn arbitrary_files_never_panic(bytes in any::<Vec<u8>>()) {
        read_any(&bytes);
        zip_any(&bytes);
    }

    #[test]
    fn files_made_of_fragments_never_panic(text in fragments()) {
        read_any(text.as_bytes());
    }
}

#[test]
fn saved_fuzzer_inputs_import_without_panics() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for (target, check) in [
        ("import_read", read_any as fn(&[u8])),
        ("import_zip", zip_any),
    ] {
        let folder = root.join(target);
        let inputs = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{} cannot be read: {e}", folder.display()));
        for input in inputs {
            let path = input.expect("a saved input").path();
            check(&std::fs::read(&path).expect("a saved input is readable"));
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} saved inputs through the importer");
    assert!(replayed >= 2, "the seeds of both targets were found");
}
