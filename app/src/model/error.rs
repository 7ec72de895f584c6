//! The error shape every client sees: the JSON API's `{"error": {...}}` body and the error
//! that server functions hand to islands. One shape, so the form and the API say the same.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's JSON name, with an index for list items: `options[1].name`.
    pub field: String,
    pub message: String,
    /// For text the field holds (a pasted table, say): the 1-based line at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            line: None,
        }
    }

    /// A problem on line `line` of the text in `field`.
    pub fn at_line(field: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            line: Some(line),
        }
    }
}

/// A refused request: a stable machine `code`, a sentence for people, and details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// The input field at fault, for `validation` errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The line at fault, for text that could not be read (a pasted table, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The version to build on, for `stale_version` errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// The statuses that are allowed, for `illegal_transition` errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// The column at fault, for text that could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Every problem, when there is more than one (or when a parser lists bad lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorItem>,
}

/// One problem of several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorItem {
    /// A line of text that could not be read.
    Line(LineProblem),
    /// A field with a bad value.
    Field(FieldError),
}

impl ErrorItem {
    /// The problem in a sentence, for a list of several.
    pub fn describe(&self) -> String {
        match self {
            ErrorItem::Field(f) => format!("{}: {}", f.field, f.message),
            ErrorItem::Line(l) => format!("line {}, column {}: {}", l.line, l.column, l.reason),
        }
    }
}

/// A line (and column) of evidence that breaks its format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
            field: None,
            line: None,
            column: None,
            current_version: None,
            allowed: None,
            errors: Vec::new(),
        }
    }

    /// The message for `field`, if this error names it.
    pub fn message_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find_map(|e| match e {
                ErrorItem::Field(f) if f.field == field => Some(f.message.clone()),
                _ => None,
            })
            .or_else(|| (self.field.as_deref() == Some(field)).then(|| self.message.clone()))
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::new("server_fn", value.to_string())
    }
}
