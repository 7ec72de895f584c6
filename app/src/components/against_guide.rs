//! What the assessment says beside the chosen option: the guide's recommendation, what to
//! avoid and why for each cited row, the deviation and its justification, the decision
//! tree's outcome, the scores' ranking, checklists and threats.

use crate::model::assessment::DeviationState;
use crate::model::decision_tree::WalkState;
use crate::model::matrix::Judgement;
use crate::ssr::assessments::AssessmentReport;
use crate::ssr::markdown::render_block;
use leptos::prelude::*;

#[component]
pub fn AgainstTheGuide(
    number: i64,
    report: AssessmentReport,
    chosen: Option<String>,
    /// `(id, name)` of each option.
    options: Vec<(String, String)>,
    /// Evidence the deviation's justification cites.
    #[prop(optional)]
    cited: Vec<crate::components::adr_body::CitedEvidence>,
) -> impl IntoView {
    let chosen_id = chosen.as_ref().and_then(|name| {
        options
            .iter()
            .find(|(_, n)| n == name)
            .map(|(i, _)| i.clone())
    });
    let name_of = move |id: &str| {
        options
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let assess = format!("/adr/{number}/assess");
    let empty = report.citations.is_empty()
        && report.tree.answers.is_empty()
        && report.scores.is_empty()
        && report.checklists.is_empty()
        && report.threats.is_empty();
    let justification = (report.deviation.state != DeviationState::None
        && !report.deviation.justification.is_empty())
    .then(|| render_block(&report.deviation.justification));
    view! {
        <section id="against-the-guide" class="against-guide">
            <h2>"Against the guide"</h2>
            {empty.then(|| view! { <p class="hint">"Not assessed yet. " <a href=assess.clone()>"Assess this decision against the guide"</a></p> })}
            {(!report.citations.is_empty())
                .then(|| {
                    view! {
                        <h3>"Cited rows"</h3>
                        {chosen.clone().map(|name| view! { <p class="chosen-option">"Chosen option: " <strong>{name}</strong></p> })}
                        <ul class="cited">
                            {report
                                .citations
                                .iter()
                                .map(|c| {
                                    let verdict = chosen_id.as_ref().and_then(|id| c.judgements.get(id)).copied();
                                    view! {
                                        <li class:avoided=verdict == Some(Judgement::Avoid)>
                                            <span class="scenario">{format!("{}: {}", c.matrix_name, c.cells.first().cloned().unwrap_or_default())}</span>
                                            {c.recommended.clone().map(|r| view! { <span class="rec">" Recommended: " {r}</span> })}
                                            {c.avoid.clone().map(|a| view! { <span class="avoid">" Avoid: " {a}</span> })}
                                            {c.why.clone().map(|w| view! { <span class="why">" Why: " {w}</span> })}
                                            {verdict.map(|v| view! { <span class=format!("verdict {}", v.as_str())>{format!(" — the chosen option: {}", v.label().to_lowercase())}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {justification.map(|html| {
                view! {
                    <div class="deviation justified">
                        <h3>"Why this decision deviates from the guide"</h3>
                        <div class="md" inner_html=html></div>
                        {crate::components::adr_body::cited_list(cited)}
                    </div>
                }
            })}
            {(!report.tree.answers.is_empty())
                .then(|| {
                    let path: Vec<String> = report.tree.path.iter().map(|s| format!("{} {}", s.question, s.answer)).collect();
                    view! {
                        <h3>"Decision tree"</h3>
                        <p class="path">{path.join(" → ")}</p>
                        <p data-testid="tree-result">
                            {match &report.tree.state {
                                WalkState::Outcome { outcome } => format!("The guide recommends: {outcome}."),
                                WalkState::NoRecommendation { .. } => "The guide gives no recommendation for this case.".to_owned(),
                                WalkState::Ask { question, .. } => format!("Unfinished: next question \"{question}\"."),
                            }}
                            {match report.tree.agrees_with_chosen {
                                Some(true) => " It agrees with the chosen option.",
                                Some(false) => " The chosen option differs.",
                                None => "",
                            }}
                        </p>
                    }
                })}
            {(!report.ranking.totals.is_empty() && !report.scores.is_empty())
                .then(|| {
                    let flips = report.ranking.flips.len();
                    view! {
                        <h3>"Weighted scores"</h3>
                        <ol class="ranks">
                            {report
                                .ranking
                                .totals
                                .iter()
                                .map(|t| view! { <li>{format!("{} — {}", name_of(&t.option), t.total)}</li> })
                                .collect_view()}
                        </ol>
                        <p class="hint">
                            {if flips == 0 {
                                "No single weight change of ±1 would change the winner.".to_owned()
                            } else {
                                format!("{flips} single weight change(s) of ±1 would change the winner.")
                            }}
                        </p>
                    }
                })}
            {report
                .checklists
                .iter()
                .map(|c| {
                    view! {
                        <h3>{format!("{}: {} of {} done", c.name, c.done, c.total)}</h3>
                        <ul class="checklist">
                            {c.items
                                .iter()
                                .map(|i| view! { <li class:done=i.done>{if i.done { "☑ " } else { "☐ " }} {i.text.clone()} {(!i.note.is_empty()).then(|| format!(" ({})", i.note))}</li> })
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
            {(!report.threats.is_empty())
                .then(|| {
                    view! {
                        <h3>"Threats"</h3>
                        <ul class="threats">
                            {report
                                .threats
                                .iter()
                                .map(|t| view! { <li>{format!("{} — {}", t.cells.first().cloned().unwrap_or_default(), t.mitigation.label())} {(!t.note.is_empty()).then(|| format!(" ({})", t.note))}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!empty).then(|| view! { <p><a href=assess.clone()>"Change the assessment"</a></p> })}
        </section>
    }
}
