//! The images that stand for an ADR elsewhere: `/adr/{key}/preview.png`, the link preview
//! that OpenGraph tags point at, and `/adr/{key}/badge.svg`, the status badge. Both are
//! served like charts: an ETag from what they show (the badge's changes with the status),
//! 304 for a client that has it, and the shared image cache.

use super::charts::serve;
use app::model::adr_key;
use app::ssr::adr_repo;
use app::ssr::cards;
use app::ssr::charts::{self, Chart, Format};
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// `GET /adr/{key}/preview.png`: 1200×630, with the number, title, status and chosen option.
pub async fn preview(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    let adr = decisions::get(&state.pool, number).await?.adr;
    // The version moves with every save and status move; the site is printed on the image.
    let tag = charts::etag(&[
        "preview",
        &number.to_string(),
        &adr.version.to_string(),
        &state.public_url,
    ]);
    let site = state
        .public_url
        .split_once("://")
        .map_or(&*state.public_url, |(_, host)| host)
        .to_owned();
    let file = format!("{}-preview.png", adr_key::display(number).to_lowercase());
    serve(&state, &headers, tag, Format::Png, file, async || {
        Ok(Chart {
            svg: cards::preview(&adr, &site, true),
        })
    })
    .await
}

/// `GET /adr/{key}/badge.svg`: "ADR-0007 | accepted", coloured by the status.
pub async fn badge(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let number = crate::routes::adr_number(&key)?;
    // Badges are fetched wherever they are pasted: one small query, not the whole record.
    let status = adr_repo::status(&state.pool, number).await?;
    let tag = charts::etag(&["badge", &number.to_string(), status.as_str()]);
    let file = format!("{}-badge.svg", adr_key::display(number).to_lowercase());
    serve(&state, &headers, tag, Format::Svg, file, async || {
        Ok(Chart {
            svg: cards::badge(number, status),
        })
    })
    .await
}
