//! Reusable view pieces. The editor is an island and runs in the browser; the rest render
//! only on the server.

pub mod adr_editor;

#[cfg(feature = "ssr")]
pub mod adr_body;
#[cfg(feature = "ssr")]
pub mod status_badge;
