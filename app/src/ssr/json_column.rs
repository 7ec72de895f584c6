//! JSON text columns: repositories store documents (an ADR, its rendering, an assessment,
//! evidence settings, matrix rows) as JSON text, written and read back here with one error
//! for each direction. Stored text that does not read is a server fault, not the caller's.

use crate::ssr::error::AppError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// `value` as the text of a JSON column.
pub fn write<T: Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(format!("JSON: {e}")))
}

/// A JSON column's `text` read back as what it stores, `what` naming it in the error.
pub fn read<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Internal(format!("stored {what}: {e}")))
}
