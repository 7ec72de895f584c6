//! The one error type of the server side, and how it maps to HTTP statuses and to the JSON
//! error body. Causes are logged; internals never reach the client.

use crate::model::error::FieldError;
use crate::model::error::{ApiError, ErrorItem, LineProblem};
use crate::model::status::Status;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    /// What was here was deleted on purpose; the message says by whom and when.
    #[error("{0}")]
    Gone(String),
    /// Only a draft may be deleted; a decision that was proposed is kept for good.
    #[error(
        "only a draft can be deleted, and this ADR is {status}: a decision that was proposed is rejected, deprecated or superseded, never erased"
    )]
    NotDraft { status: Status },
    /// Input that breaks a rule; every problem found is kept, the first is the headline.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("invalid input"))]
    Validation(Vec<FieldError>),
    #[error("the ADR was changed since version {expected}; the current version is {current}")]
    StaleVersion { expected: i64, current: i64 },
    #[error("an ADR cannot move from {from} to {to}")]
    IllegalTransition { from: Status, to: Status },
    /// Evidence that is not in its format: every bad line, first first.
    #[error("{}", parse_message(.0))]
    Parse(Vec<LineProblem>),
    /// Evidence that holds no result.
    #[error("{0}")]
    NoResults(String),
    #[error("{0}")]
    InvalidJson(String),
    /// A query parameter with a value it cannot take.
    #[error("{message}")]
    BadParameter { field: String, message: String },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// The optimistic check of every save: `current` must still be the version the caller
    /// based its change on, or the save is refused as stale.
    pub fn check_version(expected: i64, current: i64) -> Result<(), AppError> {
        if expected == current {
            Ok(())
        } else {
            Err(AppError::StaleVersion { expected, current })
        }
    }

    /// A validation error for one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::Validation(_) | AppError::Parse(_) | AppError::NoResults(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::StaleVersion { .. }
            | AppError::IllegalTransition { .. }
            | AppError::NotDraft { .. } => StatusCode::CONFLICT,
            AppError::InvalidJson(_) | AppError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The body a client sees. Database and internal causes are logged here, not sent.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            AppError::NotFound(message) => ApiError::new("not_found", message),
            AppError::Gone(message) => ApiError::new("gone", message),
            AppError::NotDraft { .. } => ApiError::new("not_a_draft", self.to_string()),
            AppError::Validation(errors) => {
                let mut body = ApiError::new("validation", self.to_string());
                body.field = errors.first().map(|e| e.field.clone());
                body.line = errors.first().and_then(|e| e.line);
                if errors.len() > 1 || body.line.is_some() {
                    body.errors = errors.iter().cloned().map(ErrorItem::Field).collect();
                }
                body
            }
            AppError::StaleVersion { current, .. } => {
                let mut body = ApiError::new("stale_version", self.to_string());
                body.current_version = Some(*current);
                body
            }
            AppError::IllegalTransition { from, .. } => {
                let allowed: Vec<String> = from
                    .allowed_moves()
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect();
                let moves = if allowed.is_empty() {
                    format!("{from} is final: no move is allowed")
                } else {
                    format!("from {from} the allowed moves are: {}", allowed.join(", "))
                };
                let mut body = ApiError::new("illegal_transition", format!("{self}; {moves}"));
                body.allowed = Some(allowed);
                body
            }
            AppError::Parse(problems) => {
                let mut body = ApiError::new("parse_error", self.to_string());
                body.line = problems.first().map(|p| p.line);
                body.column = problems.first().map(|p| p.column);
                body.errors = problems.iter().cloned().map(ErrorItem::Line).collect();
                body
            }
            AppError::NoResults(message) => ApiError::new("no_results", message),
            AppError::InvalidJson(message) => ApiError::new("invalid_json", message),
            AppError::BadParameter { field, message } => {
                let mut body = ApiError::new("bad_parameter", message);
                body.field = Some(field.clone());
                body
            }
            AppError::PayloadTooLarge(message) => ApiError::new("payload_too_large", message),
            AppError::UnsupportedMediaType(message) => {
                ApiError::new("unsupported_media_type", message)
            }
            AppError::Database(cause) => {
                tracing::error!(error = %cause, "database error");
                ApiError::new("internal", "the server could not complete the request")
            }
            AppError::Internal(cause) => {
                tracing::error!(error = %cause, "internal error");
                ApiError::new("internal", "the server could not complete the request")
            }
        }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        // Inside a server function, the HTTP status tells the client what kind of refusal
        // this is, just as on the JSON API.
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
        error.to_api_error()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let error = self.to_api_error();
        let body = serde_json::json!({ "error": &error });
        let mut response = (self.status(), axum::Json(body)).into_response();
        // Kept beside the JSON, so that a form route can answer a browser with a page instead.
        response.extensions_mut().insert(error);
        response
    }
}

fn parse_message(problems: &[LineProblem]) -> String {
    match problems.first() {
        Some(first) if problems.len() == 1 => {
            format!(
                "line {}, column {}: {}",
                first.line, first.column, first.reason
            )
        }
        Some(first) => format!(
            "line {}, column {}: {} (and {} more bad lines)",
            first.line,
            first.column,
            first.reason,
            problems.len() - 1
        ),
        None => "the evidence is not in its format".to_owned(),
    }
}
