//! Server-only code: application state, the database, rendering of markdown and diffs.
//! Compiled only with the `ssr` feature, so none of it (nor sqlx, pulldown-cmark or ammonia)
//! reaches the browser's wasm.

pub mod actor;
pub mod adr_repo;
pub mod assessment_forms;
pub mod assessment_repo;
pub mod assessments;
pub mod attachments;
pub mod cards;
pub mod charts;
pub mod clock;
pub mod compare;
pub mod db;
pub mod decisions;
pub mod diff;
pub mod error;
pub mod evidence;
pub mod evidence_forms;
pub mod evidence_repo;
pub mod evidence_settings;
pub mod export;
pub mod form_pairs;
pub mod forms;
pub mod guide;
pub mod import;
pub mod import_repo;
#[cfg(test)]
mod input_robustness;
pub mod json_column;
pub mod markdown;
pub mod matrices;
pub mod matrix_repo;
pub mod metrics;
pub mod render;
pub mod search;
pub mod security_headers;
pub mod state;
pub mod stats;
