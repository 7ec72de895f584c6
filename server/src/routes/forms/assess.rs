//! The assessment workspace's forms: each changes one part of the assessment.

use super::{Form, render_page};
use crate::routes::AdrNumber;
use app::model::error::ApiError;
use app::pages::echo::{PageForm, RefusedAction};
use app::ssr::actor;
use app::ssr::assessment_forms;
use app::ssr::assessments;
use app::ssr::error::AppError;
use app::ssr::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

/// `POST /adr/{key}/assess`: change one part of the assessment.
pub async fn assess(
    State(state): State<AppState>,
    AdrNumber(number): AdrNumber,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let path = format!("/adr/{number}/assess");
    let outcome = async {
        let change = assessment_forms::parse(&pairs.0)?;
        assessments::update(&state.pool, &actor::current(), number, |a| {
            assessment_forms::apply(&change, a)
        })
        .await?;
        Ok::<_, AppError>(assessment_forms::anchor(&change))
    }
    .await;
    match outcome {
        Ok(anchor) => Ok(Redirect::to(&format!("{path}#{anchor}")).into_response()),
        Err(error @ (AppError::NotFound(_) | AppError::Gone(_))) => Err(error),
        Err(error) => {
            let status = error.status();
            let refused = RefusedAction {
                form: PageForm::Assessment,
                error: ApiError::from(error),
                echo: String::new(),
            };
            Ok(render_page(&state, path, refused, status).await)
        }
    }
}
