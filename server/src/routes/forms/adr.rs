//! The ADR's own forms: create and edit (from the editor page), and the lifecycle,
//! relation and deletion forms of the ADR page.

use super::{Form, answer, render_page};
use crate::routes::AdrNumber;
use app::api::adr::preview;
use app::model::adr_key;
use app::model::form::AdrForm;
use app::model::relation::{RelationType, UnknownRelationType};
use app::model::status::{Status, UnknownStatus};
use app::pages::echo::{FormEcho, PageForm};
use app::ssr::actor;
use app::ssr::decisions;
use app::ssr::error::AppError;
use app::ssr::form_pairs::Pairs;
use app::ssr::forms;
use app::ssr::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// `POST /adr/new`: create an ADR from the plain form.
pub async fn create(State(state): State<AppState>, Form(pairs): Form) -> Response {
    let form = AdrForm::from_pairs(pairs.iter());
    let path = "/adr/new".to_owned();
    if pairs.first("intent") == Some("preview") {
        let echo = FormEcho {
            preview: Some(preview(&form)),
            form,
            base_version: None,
            error: None,
            conflict: None,
        };
        return render_page(&state, path, echo, StatusCode::OK).await;
    }
    match forms::save(&state.pool, None, None, &form).await {
        Ok(saved) => Redirect::to(&adr_key::canonical_path(
            saved.adr.number,
            &saved.adr.document.title,
        ))
        .into_response(),
        Err(error) => {
            let status = error.status();
            let echo = FormEcho {
                form,
                base_version: None,
                error: Some(error.into()),
                conflict: None,
                preview: None,
            };
            render_page(&state, path, echo, status).await
        }
    }
}

/// `POST /adr/{key}/edit`: save a new revision from the plain form.
pub async fn update(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let form = AdrForm::from_pairs(pairs.iter());
    // "Save mine over version N" in the conflict view overrides the version the edit began from.
    let base_version = pairs
        .number("overwrite")
        .or_else(|| pairs.number("version"));
    let path = format!("/adr/{number}/edit");
    if pairs.first("intent") == Some("preview") {
        let echo = FormEcho {
            preview: Some(preview(&form)),
            form,
            base_version,
            error: None,
            conflict: None,
        };
        return Ok(render_page(&state, path, echo, StatusCode::OK).await);
    }
    match forms::save(&state.pool, Some(number), base_version, &form).await {
        Ok(saved) => Ok(
            Redirect::to(&adr_key::canonical_path(number, &saved.adr.document.title))
                .into_response(),
        ),
        Err(error @ (AppError::NotFound(_) | AppError::Gone(_))) => Err(error),
        Err(error) => {
            let status = error.status();
            let conflict = match &error {
                AppError::StaleVersion { .. } => {
                    forms::conflict(&state.pool, number, &form).await.ok()
                }
                _ => None,
            };
            let echo = FormEcho {
                form,
                base_version,
                error: Some(error.into()),
                conflict,
                preview: None,
            };
            Ok(render_page(&state, path, echo, status).await)
        }
    }
}

/// Reads ADR numbers from text such as `12, ADR-0015 adr-3`.
fn numbers(text: &str) -> Result<Vec<i64>, AppError> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|token| {
            adr_key::parse(token).ok_or_else(|| {
                AppError::invalid("superseded_by", format!("'{token}' is not an ADR number"))
            })
        })
        .collect()
}

/// `POST /adr/{key}/status`: move an ADR through its lifecycle.
pub async fn transition(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let outcome = async {
        let to: Status = pairs
            .first("status")
            .unwrap_or_default()
            .parse()
            .map_err(|e: UnknownStatus| AppError::invalid("status", e.to_string()))?;
        let successors = numbers(pairs.first("superseded_by").unwrap_or_default())?;
        let stored =
            decisions::transition(&state.pool, &actor::current(), number, to, &successors).await?;
        Ok(adr_key::canonical_path(number, &stored.adr.document.title))
    }
    .await;
    answer(&state, number, PageForm::Status, outcome).await
}

/// The relation a link form names in its `type` and `target` fields.
fn relation_of(pairs: &Pairs) -> Result<(RelationType, i64), AppError> {
    let relation: RelationType = pairs
        .first("type")
        .unwrap_or_default()
        .parse()
        .map_err(|e: UnknownRelationType| AppError::invalid("type", e.to_string()))?;
    let target_text = pairs.first("target").unwrap_or_default();
    let target = adr_key::parse(target_text.trim()).ok_or_else(|| {
        AppError::invalid("target", format!("'{target_text}' is not an ADR number"))
    })?;
    Ok((relation, target))
}

/// `POST /adr/{key}/links`: relate an ADR to another.
pub async fn link(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let outcome = async {
        let (relation, target) = relation_of(&pairs)?;
        let (stored, _) =
            decisions::link(&state.pool, &actor::current(), number, relation, target).await?;
        Ok(adr_key::canonical_path(number, &stored.adr.document.title))
    }
    .await;
    answer(&state, number, PageForm::Link, outcome).await
}

/// `POST /adr/{key}/links/delete`: remove one of the ADR's relations (the confirmation is
/// the step the page shows before the button).
pub async fn unlink(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let outcome = async {
        let (relation, target) = relation_of(&pairs)?;
        let stored =
            decisions::unlink(&state.pool, &actor::current(), number, relation, target).await?;
        Ok(adr_key::canonical_path(number, &stored.adr.document.title))
    }
    .await;
    answer(&state, number, PageForm::Link, outcome).await
}

/// `POST /adr/{key}/delete`: delete a draft; its page then says who deleted it and when.
pub async fn delete(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
) -> Result<Response, AppError> {
    let outcome = decisions::delete(&state.pool, &actor::current(), number)
        .await
        .map(|()| format!("/adr/{number}"));
    answer(&state, number, PageForm::Status, outcome).await
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn successor_lists_accept_any_spelling() {
        assert_eq!(numbers("12, ADR-0015 adr-3").unwrap(), [12, 15, 3]);
        assert!(numbers("12, twelve").is_err());
        assert!(numbers("").unwrap().is_empty());
    }
}
