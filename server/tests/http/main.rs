//! HTTP tests: the real router on a random port, a real SQLite file per test, real requests.

mod api_adrs;
mod api_errors;
mod assessment;
mod charts;
mod evidence;
mod export;
mod forms;
mod guide;
mod helpers;
mod import;
mod pages;
mod removals;
mod security;
mod sharing;
mod startup;
mod suggestions;
