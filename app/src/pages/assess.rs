//! Assessing an ADR against the guide: cite the matrix rows that describe the problem and
//! judge each option by them, walk the decision tree, score the options, tick checklists
//! and track threats. Every part is a plain form; the tree and the scores are islands that
//! answer at once when JavaScript runs.

use crate::components::chart_figure::ChartFigure;
use crate::components::raw_text::textarea_text;
use crate::components::scoring_grid::{ScoringGrid, ScoringSetup};
use crate::components::tree_walker::{TreeSetup, TreeWalker};
use crate::model::adr::Adr;
use crate::model::adr_key;
use crate::model::assessment::{Assessment, DeviationState, Mitigation};
use crate::model::matrix::{Judgement, MatrixSource, MatrixUse};
use crate::pages::echo::{PageForm, RefusedAction};
use crate::pages::{PageTitle, adr_number_param, error_page};
use crate::ssr::assessments::{self, AssessmentReport, THREAT_MODEL};
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::guide;
use crate::ssr::matrices;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AssessPage() -> impl IntoView {
    let number = adr_number_param();
    let matrix = use_query_map().get_untracked().get("matrix");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match number {
                    Ok(number) => assess_page(number, matrix).await.unwrap_or_else(error_page),
                    Err(e) => error_page(e),
                }
            })}
        </Suspense>
    }
}

async fn assess_page(number: i64, browse: Option<String>) -> Result<AnyView, AppError> {
    let state = app_state()?;
    let pool = state.pool.clone();
    let adr = decisions::get(&pool, number).await?.adr;
    let (assessment, version) = assessments::load(&pool, number).await?;
    let report = assessments::report(&pool, &adr, &assessment, version).await?;
    // Archived matrices are not offered for new citations or checklists.
    let all: Vec<_> = matrices::all(&pool)
        .await?
        .into_iter()
        .filter(|m| m.archived.is_none())
        .collect();
    let browsing = match browse.filter(|m| !m.is_empty()) {
        Some(id) => Some(matrices::find(&pool, &id, None).await?),
        None => None,
    };
    let checklists: Vec<(String, String)> = {
        let mut out = Vec::new();
        for m in &all {
            let matrix = matrices::find(&pool, &m.id, None).await?;
            if matrix.usage == MatrixUse::Checklist {
                out.push((matrix.id.clone(), matrix.name.clone()));
            }
        }
        out
    };
    let threat_model = matrices::find(&pool, THREAT_MODEL, None).await?;
    let refused = use_context::<RefusedAction>().filter(|r| r.form == PageForm::Assessment);
    let display = adr_key::display(number);
    let action = format!("/adr/{number}/assess");
    let page = adr_key::canonical_path(number, &adr.document.title);
    let options: Vec<(String, String)> = adr
        .document
        .options
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let tree_setup = TreeSetup {
        number,
        action: action.clone(),
        tree: guide::guide().decision_tree.clone(),
        answers: assessment.tree.answers.clone(),
        chosen: adr.document.chosen().map(|o| o.name.clone()),
    };
    let scoring_setup = ScoringSetup {
        number,
        action: action.clone(),
        options: options.clone(),
        criteria: assessment.criteria.clone(),
        scores: assessment.scores.clone(),
    };
    Ok(view! {
        <PageTitle text=format!("Assess {display} · Tradeoff")/>
        <section class="assess-page" data-version=version>
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/">"Decision log"</a> " / " <a href=page.clone()>{display.clone()}</a> " / " <span>"Assess"</span>
            </nav>
            <h1>"Assess " {display} ": " {adr.document.title.clone()}</h1>
            <p class="lede">
                "Decide against the guide. " <a href=page>"Back to the ADR"</a> " · "
                <a href="/guide">"Read the guide's matrices"</a>
            </p>
            {refused.map(|r| view! { <div class="form-error" role="alert" data-code=r.error.code.clone()><p>{r.error.message.clone()}</p></div> })}
            {options.is_empty().then(|| view! { <p class="amended">"This ADR has no considered options yet: add them in the edit form to judge and score them."</p> })}
            {scenario_fit(&action, &adr, &report, &all, browsing)}
            <section id="decision-tree" class="assess-block">
                <h2>"Decision tree"</h2>
                <p class="hint">"Answer the guide's questions. Where none of its branches fits, the guide gives no recommendation."</p>
                <TreeWalker setup=tree_setup/>
            </section>
            <section id="scoring" class="assess-block">
                <h2>"Weighted scoring"</h2>
                <p class="hint">"Weights 0 to 5 (0 leaves a criterion out), scores 1 to 5. The default criteria are the aspects of the guide's language comparison."</p>
                <ScoringGrid setup=scoring_setup/>
                {(!assessment.scores.is_empty()).then(|| view! {
                    <div class="charts">
                        <ChartFigure public_url=state.public_url.to_string() path=format!("/adr/{number}/charts/scores") query=String::new() alt=format!("{} weighted scores", adr_key::display(number)) name=format!("{} scores", adr_key::display(number))/>
                    </div>
                })}
            </section>
            {checklist_section(&action, &report, &checklists)}
            {threat_section(&action, &assessment, &threat_model)}
        </section>
    }
    .into_any())
}

fn scenario_fit(
    action: &str,
    adr: &Adr,
    report: &AssessmentReport,
    all: &[crate::ssr::matrix_repo::MatrixSummary],
    browsing: Option<crate::model::matrix::Matrix>,
) -> impl IntoView + use<> {
    let action = action.to_owned();
    let options: Vec<(String, String)> = adr
        .document
        .options
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let chosen = adr.document.chosen_option.clone();
    let cited = report.citations.clone();
    let deviation = report.deviation.clone();
    let selectable: Vec<_> = all
        .iter()
        .map(|m| (m.id.clone(), m.name.clone(), m.source))
        .collect();
    let browse_id = browsing.as_ref().map(|m| m.id.clone()).unwrap_or_default();
    view! {
        <section id="scenario-fit" class="assess-block">
            <h2>"Scenario fit"</h2>
            <p class="hint">
                "Cite the rows that describe the problem, then set how each row judges each option. "
                "Judgements start from a rule: an option's first word found among the words of the row's "
                "recommended cell makes it recommended, found in the avoid cell makes it avoid."
            </p>
            <form method="get" action=action.clone() class="inline-form">
                <label class="inline">
                    "Matrix "
                    <select name="matrix">
                        {selectable
                            .into_iter()
                            .map(|(id, name, source)| {
                                let label = match source {
                                    MatrixSource::Guide => name,
                                    MatrixSource::Team => format!("{name} (team)"),
                                };
                                view! { <option value=id.clone() selected=id == browse_id>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">"Show rows"</button>
            </form>
            {browsing
                .map(|m| {
                    let taken: Vec<String> = cited.iter().filter(|c| c.matrix == m.id).map(|c| c.row.clone()).collect();
                    view! {
                        <form method="post" action=action.clone() class="cite-form">
                            <input type="hidden" name="section" value="cite"/>
                            <fieldset>
                                <legend>{format!("Rows of {}", m.name)}</legend>
                                {m.rows
                                    .iter()
                                    .map(|row| {
                                        let value = format!("{}/{}", m.id, row.id);
                                        let already = taken.contains(&row.id);
                                        view! {
                                            <label class="row-choice">
                                                <input type="checkbox" name="cite" value=value checked=already disabled=already/>
                                                " " {row.cells.join(" · ")}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <button type="submit">"Cite the ticked rows"</button>
                        </form>
                    }
                })}
            {(!cited.is_empty())
                .then(|| {
                    view! {
                        <form method="post" action=action.clone() class="judgements">
                            <input type="hidden" name="section" value="judgements"/>
                            <table class="cited-rows">
                                <thead>
                                    <tr>
                                        <th scope="col">"Cited row"</th>
                                        <th scope="col">"The guide says"</th>
                                        {options.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                                        <th scope="col">"Remove"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {cited
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, c)| {
                                            let row_link = match c.matrix.as_str() {
                                                id if crate::ssr::guide::matrix(id).is_some() => format!("/guide/{}#{}", c.matrix, c.row),
                                                _ => format!("/matrices/{}/v/{}#{}", c.matrix, c.revision, c.row),
                                            };
                                            view! {
                                                <tr data-row=c.row.clone()>
                                                    <td>
                                                        <a href=row_link>{c.cells.first().cloned().unwrap_or_default()}</a>
                                                        <span class="hint">{format!(" {} r{}", c.matrix_name, c.revision)}</span>
                                                    </td>
                                                    <td class="guide-says">
                                                        {c.recommended.map(|r| view! { <span class="rec">"Recommended: " {r}</span> })}
                                                        {c.avoid.map(|a| view! { <span class="avoid">"Avoid: " {a}</span> })}
                                                        {c.why.map(|w| view! { <span class="why">"Why: " {w}</span> })}
                                                    </td>
                                                    {options
                                                        .iter()
                                                        .map(|(option, name)| {
                                                            let current = c.judgements.get(option).copied().unwrap_or_default();
                                                            view! {
                                                                <td>
                                                                    <select name=format!("j.{i}.{option}") aria-label=format!("{} by {}", name, c.row)>
                                                                        {Judgement::ALL
                                                                            .into_iter()
                                                                            .map(|j| view! { <option value=j.as_str() selected=j == current>{j.label()}</option> })
                                                                            .collect_view()}
                                                                    </select>
                                                                </td>
                                                            }
                                                        })
                                                        .collect_view()}
                                                    <td><input type="checkbox" name=format!("remove.{i}") aria-label="Remove this row"/></td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            <button type="submit">"Save judgements"</button>
                        </form>
                    }
                })}
            {match deviation.state {
                DeviationState::None => None,
                state => {
                    let chosen = chosen.clone().unwrap_or_default();
                    Some(view! {
                        <div class=format!("deviation {}", state.as_str()) data-testid="deviation">
                            <p>
                                <strong>"Deviates from the guide: "</strong>
                                {format!("the chosen option ({chosen}) is one that {} says to avoid.", deviation.rows.join(", "))}
                            </p>
                            <form method="post" action=action.clone()>
                                <input type="hidden" name="section" value="deviation"/>
                                <label class="field">
                                    <span class="label">"Justification for the deviation"</span>
                                    <textarea name="justification" rows="4">{textarea_text(&deviation.justification)}</textarea>
                                </label>
                                <button type="submit">"Save justification"</button>
                            </form>
                        </div>
                    })
                }
            }}
        </section>
    }
}

fn checklist_section(
    action: &str,
    report: &AssessmentReport,
    available: &[(String, String)],
) -> impl IntoView + use<> {
    let action = action.to_owned();
    let attached: Vec<String> = report.checklists.iter().map(|c| c.matrix.clone()).collect();
    let attachable: Vec<(String, String)> = available
        .iter()
        .filter(|(id, _)| !attached.contains(id))
        .cloned()
        .collect();
    let checklists = report.checklists.clone();
    let removable: Vec<(String, String)> = checklists
        .iter()
        .map(|c| (c.matrix.clone(), c.name.clone()))
        .collect();
    view! {
        <section id="checklists" class="assess-block">
            <h2>"Checklists"</h2>
            <p class="hint">"Attach a checklist to the ADR's confirmation and tick its items as they are done."</p>
            {(!attachable.is_empty())
                .then(|| {
                    view! {
                        <form method="post" action=action.clone() class="inline-form">
                            <input type="hidden" name="section" value="checklist_attach"/>
                            <select name="checklist" aria-label="Checklist">
                                {attachable.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                            <button type="submit">"Attach"</button>
                        </form>
                    }
                })}
            {(!checklists.is_empty())
                .then(|| {
                    view! {
                        <form method="post" action=action.clone() class="checklists">
                            <input type="hidden" name="section" value="checklists"/>
                            {checklists
                                .into_iter()
                                .enumerate()
                                .map(|(k, c)| {
                                    view! {
                                        <fieldset data-checklist=c.matrix.clone()>
                                            <legend>{format!("{} — {} of {} done", c.name, c.done, c.total)}</legend>
                                            <input type="hidden" name=format!("c.{k}.matrix") value=c.matrix.clone()/>
                                            {c.items
                                                .into_iter()
                                                .map(|item| {
                                                    view! {
                                                        <div class="check-item">
                                                            <label class="inline">
                                                                <input type="checkbox" name=format!("c.{k}.{}.done", item.row) checked=item.done/>
                                                                " " {item.text}
                                                            </label>
                                                            <input type="text" name=format!("c.{k}.{}.note", item.row) value=item.note placeholder="note" aria-label="Note"/>
                                                        </div>
                                                    }
                                                })
                                                .collect_view()}
                                        </fieldset>
                                    }
                                })
                                .collect_view()}
                            <button type="submit">"Save checklists"</button>
                        </form>
                        {removable
                            .into_iter()
                            .map(|(matrix, name)| {
                                remove_step(
                                    &action,
                                    "checklist_remove",
                                    "checklist",
                                    &matrix,
                                    &format!("Remove the checklist {name}"),
                                    "Its ticks and notes go with it; the ADR's history records who removed it and when.",
                                )
                            })
                            .collect_view()}
                    }
                })}
        </section>
    }
}

fn threat_section(
    action: &str,
    assessment: &Assessment,
    model: &crate::model::matrix::Matrix,
) -> impl IntoView + use<> {
    let action = action.to_owned();
    let remove_action = action.clone();
    let rows = model.rows.clone();
    let columns = model.columns.clone();
    let states = assessment.threats.clone();
    let applied: Vec<(String, String)> = states
        .iter()
        .filter_map(|t| {
            let row = model.row(&t.row)?;
            Some((
                t.row.clone(),
                row.cells.first().cloned().unwrap_or_default(),
            ))
        })
        .collect();
    view! {
        <section id="threats" class="assess-block">
            <h2>"Threat model"</h2>
            <p class="hint">"Tick the threats that apply and record how far each mitigation has come."</p>
            <form method="post" action=action class="threats">
                <input type="hidden" name="section" value="threats"/>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Applies"</th>
                            {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                            <th scope="col">"Mitigation state"</th>
                            <th scope="col">"Note"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let state = states.iter().find(|t| t.row == row.id);
                                let mitigation = state.map(|t| t.mitigation).unwrap_or_default();
                                let note = state.map(|t| t.note.clone()).unwrap_or_default();
                                view! {
                                    <tr data-threat=row.id.clone()>
                                        <td><input type="checkbox" name=format!("t.{}.applies", row.id) checked=state.is_some() aria-label=format!("{} applies", row.cells[0])/></td>
                                        {row.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                        <td>
                                            <select name=format!("t.{}.mitigation", row.id) aria-label=format!("Mitigation of {}", row.cells[0])>
                                                {Mitigation::ALL
                                                    .into_iter()
                                                    .map(|m| view! { <option value=m.as_str() selected=m == mitigation>{m.label()}</option> })
                                                    .collect_view()}
                                            </select>
                                        </td>
                                        <td><input type="text" name=format!("t.{}.note", row.id) value=note aria-label="Note"/></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <button type="submit">"Save threats"</button>
            </form>
            {applied
                .into_iter()
                .map(|(row, name)| {
                    remove_step(
                        &remove_action,
                        "threat_remove",
                        "threat",
                        &row,
                        &format!("Remove the threat {name}"),
                        "Its mitigation state and note go with it; the ADR's history records who removed it and when.",
                    )
                })
                .collect_view()}
        </section>
    }
}

/// One removal from the assessment: a step that says what goes, then the button.
fn remove_step(
    action: &str,
    section: &'static str,
    field: &'static str,
    value: &str,
    label: &str,
    consequence: &'static str,
) -> impl IntoView + use<> {
    view! {
        <details class="confirm remove-step">
            <summary>{label.to_owned()}</summary>
            <p class="hint">{consequence}</p>
            <form method="post" action=action.to_owned()>
                <input type="hidden" name="section" value=section/>
                <input type="hidden" name=field value=value.to_owned()/>
                <button type="submit" class="danger">"Remove"</button>
            </form>
        </details>
    }
}
