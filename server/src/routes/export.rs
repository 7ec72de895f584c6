//! Markdown out of the log: one ADR as a file (`/adr/{key}/export.md`, MADR 4 or
//! `?format=nygard`), every ADR the home page's filter selects as one zip (`/export.zip`),
//! and an ADR's markdown link (`/adr/{key}/link.md`, what "Copy markdown link" copies).

use app::model::adr_key;
use app::model::query::ListQuery;
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::export::{self, Form, archive, files};
use app::ssr::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The form an export asks for with `?format=`: MADR unless it says `nygard`.
fn form(pairs: &[(String, String)]) -> Result<Form, AppError> {
    match pairs.iter().rev().find(|(name, _)| name == "format") {
        None => Ok(Form::Madr),
        Some((_, value)) => Form::parse(value).ok_or_else(|| AppError::BadParameter {
            field: "format".into(),
            message: format!("unknown export format '{value}'; expected madr or nygard"),
        }),
    }
}

fn download(content_type: &'static str, name: &str, body: impl IntoResponse) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /adr/{key}/export.md`: the ADR as `NNNN-slug.md`.
pub async fn adr(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let file = files::one(&state.pool, &state.public_url, number, form(&pairs)?).await?;
    Ok(download(
        "text/markdown; charset=utf-8",
        &file.path,
        file.bytes,
    ))
}

/// `GET /export.zip`: every ADR the list query selects (all of them without one).
pub async fn zip(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = form(&pairs)?;
    let query = ListQuery::from_pairs(
        pairs
            .iter()
            .filter(|(name, _)| name != "format")
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| AppError::BadParameter {
        field: e.field,
        message: e.message,
    })?;
    let numbers = files::selected(&state.pool, &query).await?;
    let files = files::many(&state.pool, &state.public_url, &numbers, form).await?;
    let bytes = tokio::task::spawn_blocking(move || archive::zip(&files))
        .await
        .map_err(|e| AppError::Internal(format!("the zip task failed: {e}")))??;
    Ok(download("application/zip", "tradeoff-decisions.zip", bytes))
}

/// `GET /adr/{key}/link.md`: `[ADR-0007: Title](url)`, for readers without JavaScript.
pub async fn markdown_link(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let adr = decisions::get(&state.pool, number).await?.adr;
    let url = state.url(&adr_key::canonical_path(number, &adr.document.title));
    let text = export::markdown_link(number, &adr.document.title, &url) + "\n";
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}
