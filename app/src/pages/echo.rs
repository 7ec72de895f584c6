//! What a page shows after one of its plain forms was refused: the user's input given back
//! and the reason, handed to the page as context by the form routes (which render the page
//! again under the refusal's status).

use crate::model::error::ApiError;
use crate::model::form::{AdrForm, Conflict};
use serde::{Deserialize, Serialize};

/// What the edit page shows after a refused save: the user's text, what was wrong, and for a
/// conflict what the other save changed. Handed to the page as context by the form route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormEcho {
    pub form: AdrForm,
    pub base_version: Option<i64>,
    pub error: Option<ApiError>,
    pub conflict: Option<Conflict>,
    /// Preview HTML, when the user asked for one without JavaScript.
    pub preview: Option<String>,
}

/// Which plain form on the ADR page was refused, and why. Handed to the page as context by
/// the form routes so the message shows inline beside that form.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedAction {
    pub form: PageForm,
    pub error: ApiError,
    /// Text the refused form carried, to give back (pasted evidence).
    pub echo: String,
}

/// The plain forms of the ADR page and of its assessment page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageForm {
    Status,
    Link,
    Assessment,
    Evidence,
}

/// A refused matrix form: what the user pasted, and why it was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixEcho {
    pub name: String,
    pub markdown: String,
    pub usage: String,
    pub error: ApiError,
}
