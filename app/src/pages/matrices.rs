//! Matrices: the list of every matrix, a team's own matrices with their revisions, and the
//! form that adds or revises one from a pasted markdown table or the grid editor.

use crate::components::matrix_grid::MatrixGrid;
use crate::components::matrix_table::MatrixTable;
use crate::model::markdown_table::to_markdown;
use crate::model::matrix::{Matrix, MatrixSource};
use crate::pages::echo::MatrixEcho;
use crate::pages::{PageTitle, error_page};
use crate::ssr::clock;
use crate::ssr::error::AppError;
use crate::ssr::matrices;
use crate::ssr::matrix_repo;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn echo_error(echo: &Option<MatrixEcho>) -> impl IntoView + use<> {
    echo.as_ref().map(|e| {
        let lines: Vec<String> = e
            .error
            .errors
            .iter()
            .map(|f| match f {
                crate::model::error::ErrorItem::Field(f) => f.message.clone(),
                other => other.describe(),
            })
            .collect();
        view! {
            <div class="form-error" role="alert" data-testid="matrix-error" data-line=e.error.line.map(|l| l.to_string())>
                <p>{e.error.message.clone()}</p>
                {(lines.len() > 1).then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
            </div>
        }
    })
}

fn usage_select(selected: &str) -> impl IntoView + use<> {
    let options = [
        ("reference", "Reference: rows to cite when assessing"),
        ("checklist", "Checklist: items to tick off"),
        ("threats", "Threats: threats to mitigate"),
    ];
    let selected = selected.to_owned();
    view! {
        <label class="field short">
            <span class="label">"Use"</span>
            <select name="use">
                {options
                    .into_iter()
                    .map(|(value, label)| view! { <option value=value selected=selected == value>{label}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn MatricesPage() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move { matrices_page().await.unwrap_or_else(error_page) })}
        </Suspense>
    }
}

async fn matrices_page() -> Result<AnyView, AppError> {
    let all = matrices::all(&app_state()?.pool).await?;
    let echo = use_context::<MatrixEcho>();
    let (guide, team): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|m| m.source == MatrixSource::Guide);
    let (archived, team): (Vec<_>, Vec<_>) = team.into_iter().partition(|m| m.archived.is_some());
    let name = echo.as_ref().map(|e| e.name.clone()).unwrap_or_default();
    let markdown = echo
        .as_ref()
        .map(|e| e.markdown.clone())
        .unwrap_or_else(|| {
            "| Scenario | Recommended | Avoid | Why |\n| --- | --- | --- | --- |\n|  |  |  |  |"
                .to_owned()
        });
    let usage = echo
        .as_ref()
        .map(|e| e.usage.clone())
        .unwrap_or_else(|| "reference".to_owned());
    Ok(view! {
        <PageTitle text="Matrices · Tradeoff"/>
        <section class="matrices">
            <h1>"Matrices"</h1>
            <p class="lede">"Assess decisions against the guide's matrices or your team's own."</p>
            <h2>"Your team's matrices"</h2>
            {if team.is_empty() {
                view! { <p class="hint">"None yet: add one below."</p> }.into_any()
            } else {
                view! {
                    <ul class="matrix-list">
                        {team
                            .into_iter()
                            .map(|m| view! { <li><a href=format!("/matrices/{}", m.id)>{m.name}</a> <span class="hint">{format!(" revision {}", m.revision)}</span></li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(!archived.is_empty())
                .then(|| {
                    view! {
                        <details class="archived-matrices">
                            <summary>{format!("Archived ({})", archived.len())}</summary>
                            <ul class="matrix-list">
                                {archived
                                    .into_iter()
                                    .map(|m| {
                                        let when = m.archived.map(|a| format!(" archived {} by {}", clock::display(&a.archived_at), a.archived_by)).unwrap_or_default();
                                        view! { <li><a href=format!("/matrices/{}", m.id)>{m.name}</a> <span class="hint">{when}</span></li> }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
            <h2>"From the guide"</h2>
            <ul class="matrix-list">
                {guide.into_iter().map(|m| view! { <li><a href=format!("/guide/{}", m.id)>{m.name}</a></li> }).collect_view()}
            </ul>
            <h2 id="new">"Add a matrix"</h2>
            {echo_error(&echo)}
            <form method="post" action="/matrices" class="matrix-form">
                <label class="field">
                    <span class="label">"Name"</span>
                    <input type="text" name="name" value=name required maxlength="200"/>
                </label>
                {usage_select(&usage)}
                <MatrixGrid markdown=markdown/>
                <div class="form-actions"><button type="submit" class="primary">"Add matrix"</button></div>
            </form>
        </section>
    }
    .into_any())
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let params = use_params_map().get_untracked();
    let id = params.get("id").unwrap_or_default();
    let revision = params
        .get("revision")
        .map(|r| r.parse::<i64>().unwrap_or(-1));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move { matrix_page(id, revision).await.unwrap_or_else(error_page) })}
        </Suspense>
    }
}

async fn matrix_page(id: String, revision: Option<i64>) -> Result<AnyView, AppError> {
    let pool = app_state()?.pool;
    if revision.is_some_and(|r| r < 1) {
        return Err(AppError::NotFound(
            "a revision is a whole number from 1".into(),
        ));
    }
    let matrix: Matrix = matrices::find(&pool, &id, revision).await?;
    let latest = matrices::find(&pool, &id, None).await?.revision;
    let counts = matrix_repo::citation_counts(&pool, &id).await?;
    let revisions = matrix_repo::revisions(&pool, &id).await?;
    let archival = matrix_repo::archival(&pool, &id).await?;
    let echo = use_context::<MatrixEcho>();
    let team_latest = matrix.source == MatrixSource::Team && revision.is_none();
    let editable = team_latest && archival.is_none();
    let markdown = echo
        .as_ref()
        .map(|e| e.markdown.clone())
        .unwrap_or_else(|| to_markdown(&matrix.columns, &matrix.rows));
    let name = echo
        .as_ref()
        .map(|e| e.name.clone())
        .unwrap_or_else(|| matrix.name.clone());
    let title = match revision {
        Some(r) => format!("{} (revision {r}) · Tradeoff", matrix.name),
        None => format!("{} · Tradeoff", matrix.name),
    };
    Ok(view! {
        <PageTitle text=title/>
        <section class="matrices">
            <nav class="crumbs"><a href="/matrices">"Matrices"</a> " / " {matrix.name.clone()}</nav>
            <h1>{matrix.name.clone()}</h1>
            <p class="lede">
                {match matrix.source {
                    MatrixSource::Guide => "From the guide; read-only.".to_owned(),
                    MatrixSource::Team => format!("Revision {} of {latest}.", matrix.revision),
                }}
                {(revision.is_some() && matrix.revision != latest)
                    .then(|| view! { " " <a href=format!("/matrices/{}", matrix.id)>"See the latest revision"</a> })}
            </p>
            {archival
                .clone()
                .map(|a| {
                    view! {
                        <p class="archived-note" data-testid="archived">
                            {format!(
                                "Archived {} by {}. It is no longer offered for new assessments; ADRs that cite it keep reading the revision they cited.",
                                clock::display(&a.archived_at),
                                a.archived_by
                            )}
                        </p>
                    }
                })}
            {echo.as_ref().filter(|_| !editable).map(|e| view! { <p class="form-error" role="alert">{e.error.message.clone()}</p> })}
            <MatrixTable matrix=matrix.clone() counts=counts/>
            {(!revisions.is_empty())
                .then(|| {
                    view! {
                        <h2>"Revisions"</h2>
                        <ol class="revisions" reversed>
                            {revisions
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li>
                                            <a href=format!("/matrices/{}/v/{}", id, r.revision)>{format!("Revision {}", r.revision)}</a>
                                            <span class="when">{format!(" {} by {}", clock::display(&r.created_at), r.actor)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            {editable
                .then(|| {
                    view! {
                        <h2 id="edit">"Revise"</h2>
                        <p class="hint">"Saving makes a new revision; ADRs assessed against earlier revisions keep reading those."</p>
                        {echo_error(&echo)}
                        <form method="post" action=format!("/matrices/{}", matrix.id) class="matrix-form">
                            <input type="hidden" name="revision" value=matrix.revision.to_string()/>
                            <label class="field">
                                <span class="label">"Name"</span>
                                <input type="text" name="name" value=name required maxlength="200"/>
                            </label>
                            <MatrixGrid markdown=markdown/>
                            <div class="form-actions"><button type="submit" class="primary">"Save revision"</button></div>
                        </form>
                    }
                })}
            {team_latest.then(|| archive_form(&matrix.id, archival.is_some()))}
        </section>
    }
    .into_any())
}

/// Archive (behind a step that says what it does) or restore a team matrix.
fn archive_form(id: &str, archived: bool) -> impl IntoView + use<> {
    if archived {
        view! {
            <form method="post" action=format!("/matrices/{id}/restore") class="archive-form">
                <button type="submit">"Restore this matrix"</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <details class="confirm archive-form">
                <summary>"Archive this matrix"</summary>
                <p class="hint">"It leaves the list of matrices offered for new citations and checklists. ADRs already assessed against it keep reading the revision they cited, and it can be restored."</p>
                <form method="post" action=format!("/matrices/{id}/archive")>
                    <button type="submit" class="danger">"Archive"</button>
                </form>
            </details>
        }
        .into_any()
    }
}
