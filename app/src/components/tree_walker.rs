//! Walking the guide's decision tree for an ADR, as an island. Without JavaScript each
//! question is a form that posts one answer and the page comes back with the next. With it,
//! an answer shows the next question at once and is saved in the background.

use crate::model::decision_tree::{DecisionTree, NONE_OF_THESE, WalkState};
use crate::model::matrix::names_option;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the walker starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeSetup {
    pub number: i64,
    /// Where the plain forms post.
    pub action: String,
    pub tree: DecisionTree,
    pub answers: Vec<String>,
    /// The name of the ADR's chosen option, to compare with the outcome.
    pub chosen: Option<String>,
}

#[island]
pub fn TreeWalker(setup: TreeSetup) -> impl IntoView {
    let TreeSetup {
        number,
        action,
        tree,
        answers,
        chosen,
    } = setup;
    let answers = RwSignal::new(answers);
    let hydrated = RwSignal::new(false);
    let saving_error = RwSignal::new(None::<String>);
    Effect::new(move |_| hydrated.set(true));
    let tree = StoredValue::new(tree);
    let walk = Memo::new(move |_| tree.with_value(|t| t.walk(&answers.get())));

    let persist = move || {
        let answers = answers.get_untracked();
        leptos::task::spawn_local(async move {
            let saved = crate::api::assessment::save_tree_answers(number, answers).await;
            saving_error.set(saved.err().map(|e| e.message));
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let submitter = ev.submitter();
        let section = submitter
            .as_ref()
            .and_then(|s| s.get_attribute("data-section"));
        let value = submitter.as_ref().and_then(|s| s.get_attribute("value"));
        match (section.as_deref(), value) {
            (Some("tree_reset"), _) => answers.set(Vec::new()),
            (_, Some(answer)) => answers.update(|a| a.push(answer)),
            _ => return,
        }
        persist();
    };

    view! {
        <div class="tree-walker" data-testid="tree-walker" data-hydrated=move || hydrated.get().then_some("true")>
            <form method="post" action=action on:submit=on_submit>
                <input type="hidden" name="section" value="tree"/>
                {move || {
                    let walk = walk.get();
                    let chosen = chosen.clone();
                    match walk {
                        Err(e) => view! { <p class="form-error">{e.to_string()}</p> }.into_any(),
                        Ok(walk) => {
                            let steps = walk.steps.clone();
                            let state = match walk.state {
                                WalkState::Ask { question, choices } => view! {
                                    <fieldset class="question" data-testid="tree-question">
                                        <legend>{question}</legend>
                                        {choices
                                            .into_iter()
                                            .map(|choice| {
                                                let value = choice.clone();
                                                view! { <button type="submit" name="answer" value=value>{choice}</button> }
                                            })
                                            .collect_view()}
                                        <button type="submit" name="answer" value=NONE_OF_THESE class="secondary">"None of these"</button>
                                    </fieldset>
                                }
                                .into_any(),
                                WalkState::Outcome { outcome } => {
                                    let agrees = chosen.as_deref().map(|name| names_option(&outcome, name));
                                    view! {
                                        <p class="tree-outcome" data-testid="tree-outcome">
                                            "The guide recommends: " <strong>{outcome.clone()}</strong>
                                        </p>
                                        {match (agrees, chosen) {
                                            (Some(true), Some(name)) => view! { <p class="agrees">{format!("This agrees with the chosen option, {name}.")}</p> }.into_any(),
                                            (Some(false), Some(name)) => view! { <p class="differs">{format!("The chosen option, {name}, is not what the tree recommends.")}</p> }.into_any(),
                                            _ => view! { <p class="hint">"No option is chosen yet to compare with."</p> }.into_any(),
                                        }}
                                    }
                                    .into_any()
                                }
                                WalkState::NoRecommendation { question } => view! {
                                    <p class="tree-outcome none" data-testid="tree-outcome">
                                        "The guide gives no recommendation for this case: none of its branches for \""
                                        {question} "\" fits."
                                    </p>
                                }
                                .into_any(),
                            };
                            view! {
                                <ol class="path" data-testid="tree-path">
                                    {steps
                                        .into_iter()
                                        .map(|s| view! { <li><span class="q">{s.question}</span> " " <strong>{s.answer}</strong></li> })
                                        .collect_view()}
                                </ol>
                                {state}
                            }
                            .into_any()
                        }
                    }
                }}
                <button type="submit" name="section" value="tree_reset" data-section="tree_reset" class="secondary" hidden=move || answers.get().is_empty()>
                    "Start over"
                </button>
            </form>
            {move || saving_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </div>
    }
}
