//! The arrows ARCHITECTURE.md allows between the layers, checked on the source tree: server
//! code (`ssr`) never imports a view (`components`, `pages`), and the shared `model` imports
//! nothing of the app's other layers. A line that breaks a rule fails with its place.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file of a layer: `src/<layer>.rs` and everything under `src/<layer>/`.
fn layer_files(layer: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join(format!("{layer}.rs"))];
    let mut dirs = vec![src.join(layer)];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Each `file:line: text` of `layer` that names one of `forbidden` (`crate::<layer>`),
/// comments left out.
fn breaches(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for file in layer_files(layer) {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for target in forbidden {
                if code.contains(&format!("crate::{target}")) {
                    out.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    out
}

#[test]
fn server_code_imports_no_view() {
    let found = breaches("ssr", &["components", "pages"]);
    assert!(
        found.is_empty(),
        "ssr imports a view:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_model_imports_no_other_layer() {
    let found = breaches("model", &["ssr", "components", "pages", "api", "app::"]);
    assert!(
        found.is_empty(),
        "model imports another layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_breach() {
    // The components do import ssr types today (ARCHITECTURE.md lists it): proof that the
    // scan finds imports where they are.
    assert!(!breaches("components", &["ssr"]).is_empty());
    assert!(layer_files("ssr").len() > 20);
}
