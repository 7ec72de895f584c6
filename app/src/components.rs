//! Reusable view pieces. The editor, grids, tree walker and copy buttons are islands and
//! run in the browser; the rest render only on the server.

pub mod adr_editor;
pub mod copy_link;
pub mod matrix_grid;
pub mod raw_text;
pub mod scoring_grid;
pub mod tree_walker;

#[cfg(feature = "ssr")]
pub mod adr_body;
#[cfg(feature = "ssr")]
pub mod against_guide;
#[cfg(feature = "ssr")]
pub mod chart_figure;
#[cfg(feature = "ssr")]
pub mod evidence_panel;
#[cfg(feature = "ssr")]
pub mod matrix_table;
#[cfg(feature = "ssr")]
pub mod status_badge;
#[cfg(feature = "ssr")]
pub mod suggestion_lists;
