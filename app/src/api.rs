//! Server functions: the actions islands call from the browser. Each is thin and hands its
//! work to the server's services (`ssr::forms` saves the editor's form, `ssr::assessments`
//! the assessment's parts; `adr::preview` renders the editor's preview with the ADR page's
//! own component), the same code the plain forms and the JSON
//! API call. They live under `/sfn`, apart from the public `/api/v1`.

pub mod adr;
pub mod assessment;
