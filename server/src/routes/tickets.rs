//! From a ticket to its decisions: `/t?ref=PLAT-123` leads to the ADR that cites the ticket
//! (a redirect), or to the list filtered by it when several or none do.

use app::model::adr_key;
use app::model::query::{ListQuery, encode_component};
use app::ssr::adr_repo;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};

/// The ADRs that cite `reference`, oldest first.
pub async fn citing(
    state: &AppState,
    reference: &str,
) -> Result<Vec<app::model::adr::AdrSummary>, AppError> {
    let query = ListQuery {
        ticket: Some(reference.trim().to_owned()),
        ..ListQuery::default()
    };
    adr_repo::list_all(&state.pool, &query).await
}

/// `GET /t?ref=KEY`.
pub async fn follow(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let reference = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "ref")
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| AppError::BadParameter {
            field: "ref".into(),
            message: "name a ticket: /t?ref=PLAT-123".into(),
        })?;
    let adrs = citing(&state, reference).await?;
    let location = match adrs.as_slice() {
        [one] => adr_key::canonical_path(one.number, &one.title),
        _ => format!("/?ticket={}", encode_component(reference)),
    };
    Ok(Redirect::to(&location).into_response())
}
