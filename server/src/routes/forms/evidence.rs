//! The evidence forms of the ADR page: attach a piece, remove one, and the ADR's benchmark
//! name mapping and metric rules.

use super::{Form, answer, refused_on_page};
use crate::routes::AdrNumber;
use app::pages::echo::PageForm;
use app::ssr::actor;
use app::ssr::attachments;
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::evidence_forms;
use app::ssr::evidence_settings;
use app::ssr::state::AppState;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};

/// `POST /adr/{key}/evidence`: attach evidence from the page's multipart form.
pub async fn attach(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    request: Request,
) -> Result<Response, AppError> {
    let read = crate::routes::api::evidence::read_attach(request, &state, Default::default()).await;
    let (raw, fields) = match read {
        Ok(read) => read,
        Err(error) => {
            return refused_on_page(&state, number, PageForm::Evidence, error, String::new()).await;
        }
    };
    let attached = attachments::attach(
        &state.pool,
        &actor::current(),
        number,
        fields.option.as_deref().unwrap_or_default(),
        fields.label.as_deref().unwrap_or_default(),
        fields.format.as_deref().unwrap_or("auto"),
        &raw,
    )
    .await;
    match attached {
        Ok(attached) => {
            let stored = decisions::get(&state.pool, number).await?;
            let page = app::model::adr_key::canonical_path(number, &stored.adr.document.title);
            Ok(Redirect::to(&format!("{page}#evidence-{}", attached.id)).into_response())
        }
        Err(error) => {
            let echo = String::from_utf8(raw).unwrap_or_default();
            refused_on_page(&state, number, PageForm::Evidence, error, echo).await
        }
    }
}

/// `POST /adr/{key}/evidence/{id}/delete`: remove a piece of evidence (kept in history).
pub async fn remove(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let outcome = async {
        let id = id
            .parse::<i64>()
            .map_err(|_| AppError::NotFound(format!("'{id}' names no evidence")))?;
        evidence_settings::remove_evidence(&state.pool, &actor::current(), Some(number), id)
            .await?;
        Ok(format!("/adr/{number}#evidence"))
    }
    .await;
    answer(&state, number, PageForm::Evidence, outcome).await
}

/// `POST /adr/{key}/benchmark-names`: `name = same as`, one per line.
pub async fn benchmark_names(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let outcome = async {
        let map = evidence_forms::mapping_lines(pairs.first("mappings").unwrap_or_default())?;
        evidence_settings::set_name_map(&state.pool, &actor::current(), number, map).await?;
        Ok(format!("/adr/{number}#comparison"))
    }
    .await;
    answer(&state, number, PageForm::Evidence, outcome).await
}

/// `POST /adr/{key}/metric-rules`: add a metric rule to the ADR.
pub async fn add_rule(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let outcome = async {
        evidence_settings::add_rule(&state.pool, &actor::current(), number, |id| {
            evidence_forms::rule_from_form(&pairs, id)
        })
        .await?;
        Ok(format!("/adr/{number}#metrics"))
    }
    .await;
    answer(&state, number, PageForm::Evidence, outcome).await
}

/// `POST /adr/{key}/metric-rules/{id}/delete`: remove one of the ADR's rules.
pub async fn remove_rule(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let outcome = evidence_settings::remove_rule(&state.pool, &actor::current(), number, &id)
        .await
        .map(|()| format!("/adr/{number}#metrics"));
    answer(&state, number, PageForm::Evidence, outcome).await
}
