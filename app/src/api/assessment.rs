//! Server functions of the assessment islands: the decision-tree walk and the scores. Each
//! changes its own part of the assessment on top of the latest version.

use crate::model::error::ApiError;
use crate::model::scoring::{Criterion, Score};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Records the decision-tree answers of ADR `number`.
#[server(prefix = "/sfn", input = Json)]
pub async fn save_tree_answers(number: i64, answers: Vec<String>) -> Result<i64, ApiError> {
    let state = crate::ssr::state::app_state()?;
    let actor = crate::ssr::actor::current();
    Ok(
        crate::ssr::assessments::update(&state.pool, &actor, number, |a| {
            a.tree.answers = answers.clone()
        })
        .await?,
    )
}

/// Records the criteria, weights and scores of ADR `number`.
#[server(prefix = "/sfn", input = Json)]
pub async fn save_scoring(
    number: i64,
    criteria: Vec<Criterion>,
    scores: Vec<Score>,
) -> Result<i64, ApiError> {
    let state = crate::ssr::state::app_state()?;
    let actor = crate::ssr::actor::current();
    Ok(
        crate::ssr::assessments::update(&state.pool, &actor, number, |a| {
            a.criteria = criteria.clone();
            a.scores = scores.clone();
        })
        .await?,
    )
}
