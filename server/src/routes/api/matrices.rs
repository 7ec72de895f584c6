//! `/api/v1/matrices`: the guide's and the teams' matrices, and adding a team matrix from
//! a markdown table.

use super::json::ApiJson;
use app::model::matrix::{Matrix, MatrixSource, MatrixUse};
use app::ssr::actor;
use app::ssr::error::AppError;
use app::ssr::matrices;
use app::ssr::matrix_repo::{self, Archival, MatrixRevision, MatrixSummary};
use app::ssr::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// `GET /matrices`: `[{id, name, source, revision}]`, the guide's first.
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<MatrixSummary>>, AppError> {
    Ok(Json(matrices::all(&state.pool).await?))
}

/// A matrix with its revisions.
#[derive(Serialize)]
pub struct MatrixResource {
    #[serde(flatten)]
    matrix: Matrix,
    /// The latest revision.
    latest_revision: i64,
    revisions: Vec<MatrixRevision>,
    /// Who archived it and when, while it is archived.
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<Archival>,
}

#[derive(Deserialize)]
pub struct RevisionQuery {
    revision: Option<String>,
}

/// `GET /matrices/{id}[?revision=N]`: columns, rows and revisions.
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<RevisionQuery>,
) -> Result<Json<MatrixResource>, AppError> {
    let revision = match query.revision.as_deref() {
        None | Some("") => None,
        Some(r) => Some(r.parse::<i64>().ok().filter(|r| *r > 0).ok_or_else(|| {
            AppError::invalid(
                "revision",
                format!("revision '{r}' is not a whole number from 1"),
            )
        })?),
    };
    Ok(Json(resource(&state, &id, revision).await?))
}

/// Matrix `id` at `revision` (the latest when `None`), as the API shows it.
async fn resource(
    state: &AppState,
    id: &str,
    revision: Option<i64>,
) -> Result<MatrixResource, AppError> {
    let matrix = matrices::find(&state.pool, id, revision).await?;
    let latest = matrices::find(&state.pool, id, None).await?.revision;
    let revisions = match matrix.source {
        MatrixSource::Guide => Vec::new(),
        MatrixSource::Team => matrix_repo::revisions(&state.pool, id).await?,
    };
    Ok(MatrixResource {
        matrix,
        latest_revision: latest,
        revisions,
        archived: matrix_repo::archival(&state.pool, id).await?,
    })
}

/// `POST /matrices/{id}/archive`: no longer offered for new assessments; ADRs that cite it
/// keep reading their revision.
pub async fn archive(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<MatrixResource>, AppError> {
    matrices::archive(&state.pool, &actor::current(), &id).await?;
    Ok(Json(resource(&state, &id, None).await?))
}

/// `POST /matrices/{id}/restore`: back in use.
pub async fn restore(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<MatrixResource>, AppError> {
    matrices::restore(&state.pool, &actor::current(), &id).await?;
    Ok(Json(resource(&state, &id, None).await?))
}

/// `POST /matrices` and `POST /matrices/{id}`: a name and a markdown table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixInput {
    name: String,
    markdown: String,
    #[serde(default, rename = "use")]
    usage: Option<MatrixUse>,
    /// For a revision: the revision the change builds on.
    #[serde(default)]
    revision: Option<i64>,
}

/// `POST /matrices`: answers 201 with the new matrix.
pub async fn create(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<MatrixInput>,
) -> Result<Response, AppError> {
    if input.revision.is_some() {
        return Err(AppError::invalid(
            "revision",
            "a new matrix starts at revision 1; revise it with POST /api/v1/matrices/{id}",
        ));
    }
    let matrix = matrices::create(
        &state.pool,
        &actor::current(),
        &input.name,
        input.usage.unwrap_or(MatrixUse::Reference),
        &input.markdown,
    )
    .await?;
    let location = format!("/api/v1/matrices/{}", matrix.id);
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, location)],
        Json(matrix),
    )
        .into_response())
}

/// `POST /matrices/{id}`: a new revision; `revision` is required.
pub async fn revise(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<MatrixInput>,
) -> Result<Json<Matrix>, AppError> {
    let base = input.revision.ok_or_else(|| {
        AppError::invalid(
            "revision",
            "revision (the one this change builds on) is required",
        )
    })?;
    if input.usage.is_some() {
        return Err(AppError::invalid(
            "use",
            "a matrix's use is set when it is created",
        ));
    }
    Ok(Json(
        matrices::revise(
            &state.pool,
            &actor::current(),
            &id,
            base,
            &input.name,
            &input.markdown,
        )
        .await?,
    ))
}
