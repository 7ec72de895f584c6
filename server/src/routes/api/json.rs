//! The API's JSON body extractor: a precise error for each way a body can be wrong, and the
//! offending field named when a value has the wrong type.

use super::JSON_LIMIT;
use app::model::error::FieldError;
use app::ssr::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

/// A JSON request body deserialized into `T`.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(AppError::UnsupportedMediaType(if essence.is_empty() {
                "the request needs Content-Type: application/json".to_owned()
            } else {
                format!("expected Content-Type application/json, got {essence}")
            }));
        }
        let bytes: Bytes = axum::body::to_bytes(request.into_body(), JSON_LIMIT)
            .await
            .map_err(|_| {
                AppError::PayloadTooLarge(format!(
                    "the JSON body is larger than the limit of {} bytes (1 MiB)",
                    JSON_LIMIT
                ))
            })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses `bytes` as JSON into `T`: syntax errors are `invalid_json`, shape errors are
/// `validation` naming the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        AppError::InvalidJson(format!(
            "the body is not valid JSON: {} at line {}, column {}",
            e.to_string().split(" at line").next().unwrap_or_default(),
            e.line(),
            e.column()
        ))
    })?;
    if !value.is_object() {
        return Err(AppError::InvalidJson(
            "the body must be a JSON object".to_owned(),
        ));
    }
    from_value(value)
}

/// Deserializes a parsed JSON value into `T`, naming the field at fault.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // A missing field is named in serde's message, not in the path (which stops at its
        // container).
        let field = quoted_field(&inner)
            .filter(|_| inner.starts_with("missing field"))
            .map(|name| {
                if path == "." {
                    name
                } else {
                    format!("{path}.{name}")
                }
            })
            .unwrap_or(path);
        AppError::Validation(vec![FieldError::new(
            field.clone(),
            format!("{field}: {inner}"),
        )])
    })
}

fn quoted_field(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only the parse outcome matters")]
    struct Sample {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn field_of(body: &str) -> (String, String) {
        match parse::<Sample>(body.as_bytes()) {
            Err(AppError::Validation(errors)) => {
                (errors[0].field.clone(), errors[0].message.clone())
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn shape_errors_name_the_field() {
        assert_eq!(field_of(r#"{"title": 5}"#).0, "title");
        assert_eq!(field_of(r#"{"title": "t", "tags": ["a", 3]}"#).0, "tags[1]");
        assert_eq!(field_of(r#"{}"#).0, "title");
        let (field, message) = field_of(r#"{"title": "t", "colour": "red"}"#);
        assert_eq!(field, "colour");
        assert!(message.contains("unknown field"), "{message}");
    }

    #[test]
    fn syntax_errors_are_invalid_json() {
        for body in ["{", "nope", "[1]", ""] {
            assert!(
                matches!(
                    parse::<Sample>(body.as_bytes()),
                    Err(AppError::InvalidJson(_))
                ),
                "{body}"
            );
        }
    }
}
