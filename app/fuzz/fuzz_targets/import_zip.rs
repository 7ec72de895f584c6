//! Fuzzes the zip reader of imports: any bytes offered as a zip are read within the limits
//! or refused, never a panic, and the ADR folder found inside holds only files that came in.
#![no_main]

use app::ssr::import::sources::{self, Budget, Tree};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut tree = Tree::new();
    if sources::add_zip(&mut tree, &mut Budget::default(), data).is_ok() {
        let (_, files) = sources::adr_folder(&tree);
        assert!(files.len() <= tree.len());
    }
});
