//! `GET /api/v1/tickets/{key}`: the ADRs that cite a ticket, for ticket-system integrations
//! that show the decisions behind an issue.

use super::adrs::AdrListItem;
use crate::routes::tickets::citing;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;

/// The answer: the ticket, where its template leads, and the ADRs citing it.
#[derive(Serialize)]
pub struct TicketAdrs {
    ticket: String,
    /// The ticket's own URL, when a template covers it (or it is a URL).
    url: Option<String>,
    adrs: Vec<AdrListItem>,
}

pub async fn get(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<TicketAdrs>, AppError> {
    let ticket = key.trim().to_owned();
    let adrs = citing(&state, &ticket)
        .await?
        .into_iter()
        .map(|summary| AdrListItem::new(&state, summary))
        .collect();
    Ok(Json(TicketAdrs {
        url: state.tickets.href(&ticket),
        ticket,
        adrs,
    }))
}
