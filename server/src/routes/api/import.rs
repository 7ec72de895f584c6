//! `POST /api/v1/import`: ADR files from a zip body or a multipart form, answered with the
//! report as JSON.

use crate::routes::import::run;
use app::model::import::ImportReport;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::Json;
use axum::extract::{Request, State};

pub async fn post(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<ImportReport>, AppError> {
    Ok(Json(run(request, &state).await?))
}
