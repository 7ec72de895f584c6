//! Types and rules shared by the server and the browser: the decision record, its lifecycle,
//! permalink keys and validation. Everything here is plain data and pure functions, so it is
//! unit-tested without a database or a browser.

pub mod adr;
pub mod adr_key;
pub mod assessment;
pub mod decision_tree;
pub mod error;
pub mod form;
pub mod import;
pub mod markdown_table;
pub mod matrix;
pub mod query;
pub mod relation;
pub mod scoring;
pub mod slug;
pub mod status;
pub mod suggestion;
pub mod ticket;
pub mod validation;
