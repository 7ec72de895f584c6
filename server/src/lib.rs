//! The server side of Tradeoff as a library, so that integration tests start the very same
//! router on a random port with their own database.

#![recursion_limit = "256"]

pub mod commands;
pub mod config;
pub mod memory;
pub mod routes;
pub mod startup;
pub mod telemetry;
