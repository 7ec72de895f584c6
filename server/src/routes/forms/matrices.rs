//! The team matrix forms: add one from a markdown table, save a new revision, archive and
//! restore.

use super::{Form, render_page};
use app::model::error::ApiError;
use app::model::matrix::MatrixUse;
use app::pages::echo::MatrixEcho;
use app::ssr::actor;
use app::ssr::error::AppError;
use app::ssr::form_pairs::Pairs;
use app::ssr::matrices;
use app::ssr::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

fn usage_of(pairs: &Pairs) -> Result<MatrixUse, AppError> {
    pairs
        .first("use")
        .unwrap_or("reference")
        .parse()
        .map_err(|message: String| AppError::invalid("use", message))
}

/// The matrix page again, with what the user sent and why it was refused.
async fn refused(state: &AppState, path: String, pairs: &Pairs, error: AppError) -> Response {
    let status = error.status();
    let echo = MatrixEcho {
        name: pairs.raw("name"),
        markdown: pairs.raw("markdown"),
        usage: pairs.raw("use"),
        error: ApiError::from(error),
    };
    render_page(state, path, echo, status).await
}

/// `POST /matrices`: add a team matrix from a markdown table.
pub async fn create(State(state): State<AppState>, Form(pairs): Form) -> Response {
    let created = match usage_of(&pairs) {
        Ok(usage) => {
            let name = pairs.first("name").unwrap_or_default();
            let markdown = pairs.first("markdown").unwrap_or_default();
            matrices::create(&state.pool, &actor::current(), name, usage, markdown).await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(matrix) => Redirect::to(&format!("/matrices/{}", matrix.id)).into_response(),
        Err(error) => refused(&state, "/matrices".to_owned(), &pairs, error).await,
    }
}

/// `POST /matrices/{id}`: save a new revision of a team matrix.
pub async fn revise(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let revised = match pairs.number("revision") {
        Some(base) => {
            let name = pairs.first("name").unwrap_or_default();
            let markdown = pairs.first("markdown").unwrap_or_default();
            matrices::revise(&state.pool, &actor::current(), &id, base, name, markdown).await
        }
        None => Err(AppError::invalid(
            "revision",
            "the revision the edit started from is missing",
        )),
    };
    match revised {
        Ok(matrix) => Ok(Redirect::to(&format!("/matrices/{}", matrix.id)).into_response()),
        Err(error @ AppError::NotFound(_)) => Err(error),
        Err(error) => Ok(refused(&state, format!("/matrices/{id}"), &pairs, error).await),
    }
}

/// `POST /matrices/{id}/archive`: take a team matrix out of use (the page asks first).
pub async fn archive(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    matrices::archive(&state.pool, &actor::current(), &id).await?;
    Ok(Redirect::to(&format!("/matrices/{id}")).into_response())
}

/// `POST /matrices/{id}/restore`: put an archived team matrix back in use.
pub async fn restore(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    matrices::restore(&state.pool, &actor::current(), &id).await?;
    Ok(Redirect::to(&format!("/matrices/{id}")).into_response())
}
