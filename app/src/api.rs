//! Server functions: the actions islands call from the browser. Each is thin and hands its
//! work to the server's services (`ssr::forms` saves and previews the editor's form,
//! `ssr::assessments` the assessment's parts), the same code the plain forms and the JSON
//! API call. They live under `/sfn`, apart from the public `/api/v1`.

pub mod adr;
pub mod assessment;
