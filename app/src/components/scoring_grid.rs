//! Weighted scoring of the options, as an island. Without JavaScript it is a form: the
//! server computes the totals, ranking and flip analysis when it is saved. With it, the same
//! figures follow every change at once, computed by the same code in the browser.

use crate::model::scoring::{self, Criterion, Ranking, SCORE_RANGE, Score, WEIGHT_RANGE};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the grid starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoringSetup {
    pub number: i64,
    pub action: String,
    /// `(id, name)` of each option, in the ADR's order.
    pub options: Vec<(String, String)>,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<Score>,
}

fn read_form(form: &web_sys::HtmlFormElement) -> Option<(Vec<Criterion>, Vec<Score>)> {
    use wasm_bindgen::JsCast;
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for entry in js_sys::try_iter(&data).ok()??.flatten() {
        let entry: js_sys::Array = entry.unchecked_into();
        if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
            pairs.push((k, v));
        }
    }
    scoring::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).ok()
}

#[island]
pub fn ScoringGrid(setup: ScoringSetup) -> impl IntoView {
    let ScoringSetup {
        number,
        action,
        options,
        criteria,
        scores,
    } = setup;
    let option_ids: Vec<String> = options.iter().map(|(id, _)| id.clone()).collect();
    let ranking = RwSignal::new(scoring::rank(&criteria, &option_ids, &scores));
    let names = StoredValue::new(options.clone());
    let criterion_names = RwSignal::new(
        criteria
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect::<Vec<_>>(),
    );
    let hydrated = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| hydrated.set(true));
    let ids = StoredValue::new(option_ids);

    let recompute = move |_| {
        if let Some((criteria, scores)) = form_ref.get_untracked().and_then(|f| read_form(&f)) {
            criterion_names.set(
                criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.name.clone()))
                    .collect(),
            );
            ranking.set(ids.with_value(|ids| scoring::rank(&criteria, ids, &scores)));
            status.set(Some("Unsaved changes".into()));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((criteria, scores)) = form_ref.get_untracked().and_then(|f| read_form(&f)) else {
            return;
        };
        let structural = criteria.iter().any(|c| c.id.is_empty())
            || criteria.len() != criterion_names.get_untracked().len();
        status.set(Some("Saving…".into()));
        leptos::task::spawn_local(async move {
            match crate::api::assessment::save_scoring(number, criteria, scores).await {
                // A criterion added or removed changes the grid's rows: load them afresh.
                Ok(_) if structural => {
                    let _ = window().location().reload();
                }
                Ok(_) => status.set(Some("Saved".into())),
                Err(e) => status.set(Some(e.message)),
            }
        });
    };
    let name_of = move |id: &str| {
        names.with_value(|n| {
            n.iter()
                .find(|(i, _)| i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <form
            method="post"
            action=action
            class="scoring"
            node_ref=form_ref
            on:change=recompute
            on:submit=on_submit
            data-testid="scoring"
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <input type="hidden" name="section" value="scores"/>
            <table class="scoring-grid">
                <thead>
                    <tr>
                        <th scope="col">"Criterion"</th>
                        <th scope="col">"Weight"</th>
                        {options.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                        <th scope="col">"Remove"</th>
                    </tr>
                </thead>
                <tbody>
                    {criteria
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let weight = c.weight;
                            view! {
                                <tr data-criterion=c.id.clone()>
                                    <th scope="row">
                                        <input type="hidden" name=format!("criterion.{i}.id") value=c.id.clone()/>
                                        <input type="text" name=format!("criterion.{i}.name") value=c.name.clone() aria-label="Criterion name"/>
                                    </th>
                                    <td>
                                        <select name=format!("criterion.{i}.weight") aria-label=format!("Weight of {}", c.name)>
                                            {WEIGHT_RANGE
                                                .map(|w| view! { <option value=w.to_string() selected=w == weight>{w.to_string()}</option> })
                                                .collect_view()}
                                        </select>
                                    </td>
                                    {options
                                        .iter()
                                        .map(|(option, option_name)| {
                                            let current = scores.iter().find(|s| &s.option == option && s.criterion == c.id);
                                            let value = current.map(|s| s.score);
                                            let note = current.map(|s| s.note.clone()).unwrap_or_default();
                                            view! {
                                                <td>
                                                    <select name=format!("score.{i}.{option}") aria-label=format!("{} score for {}", option_name, c.name)>
                                                        <option value="" selected=value.is_none()>"–"</option>
                                                        {SCORE_RANGE
                                                            .map(|s| view! { <option value=s.to_string() selected=value == Some(s)>{s.to_string()}</option> })
                                                            .collect_view()}
                                                    </select>
                                                    <input type="text" name=format!("note.{i}.{option}") value=note placeholder="note" aria-label=format!("{} note for {}", option_name, c.name)/>
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    <td><input type="checkbox" name=format!("criterion.{i}.remove") aria-label=format!("Remove {}", c.name)/></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        <td></td>
                        {options
                            .iter()
                            .map(|(option, _)| {
                                let attr = option.clone();
                                let option = option.clone();
                                view! {
                                    <td class="total" data-option=attr>
                                        {move || {
                                            ranking.with(|r| r.totals.iter().find(|t| t.option == option).map(|t| t.total).unwrap_or(0))
                                        }}
                                    </td>
                                }
                            })
                            .collect_view()}
                        <td></td>
                    </tr>
                </tfoot>
            </table>
            <label class="field short">
                <span class="label">"Add a criterion"</span>
                <input type="text" name="new_criterion" placeholder="e.g. Hiring pool"/>
            </label>
            <div class="form-actions">
                <button type="submit" class="primary">"Save scores"</button>
                <span class="hint" data-testid="scoring-status">{move || status.get()}</span>
            </div>
            <div class="ranking" data-testid="ranking">
                {move || {
                    let Ranking { totals, winners, flips } = ranking.get();
                    let criterion_name = |id: &str| criterion_names.with(|c| c.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()).unwrap_or_else(|| id.to_owned()));
                    view! {
                        <ol class="ranks">
                            {totals
                                .into_iter()
                                .map(|t| view! { <li data-option=t.option.clone()>{format!("{}. {} — {} ({} of {} criteria scored)", t.rank, name_of(&t.option), t.total, t.scored, criterion_names.with(Vec::len))}</li> })
                                .collect_view()}
                        </ol>
                        <p class="flips" data-testid="flips">
                            {if winners.is_empty() {
                                "Nothing is scored yet.".to_owned()
                            } else if flips.is_empty() {
                                "No single weight change of ±1 would change the winner.".to_owned()
                            } else {
                                let names: Vec<String> = flips
                                    .iter()
                                    .map(|f| {
                                        let to: Vec<String> = f.winners.iter().map(|w| name_of(w)).collect();
                                        format!("{} {} → {} makes {} win", criterion_name(&f.criterion), f.from_weight, f.to_weight, to.join(" and "))
                                    })
                                    .collect();
                                format!("A single weight change would flip the winner: {}.", names.join("; "))
                            }}
                        </p>
                    }
                }}
            </div>
        </form>
    }
}
