//! Server functions: the actions islands call from the browser. Each is thin and hands its
//! work to `crate::ssr::decisions`, the same code the JSON API calls. They live under `/sfn`,
//! apart from the public `/api/v1`.

pub mod adr;
pub mod assessment;
