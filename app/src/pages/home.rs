//! The home page: how many decisions are in each status, and the searchable, filterable list.

use crate::components::status_badge::StatusBadge;
use crate::components::suggestion_lists::SuggestionLists;
use crate::model::adr::AdrSummary;
use crate::model::adr_key;
use crate::model::assessment::DeviationState;
use crate::model::query::{ListQuery, Sort, encode_component};
use crate::model::status::Status;
use crate::model::suggestion::Suggestions;
use crate::pages::{PageTitle, error_page, set_status};
use crate::ssr::adr_repo;
use crate::ssr::assessment_repo;
use crate::ssr::error::AppError;
use crate::ssr::matrices;
use crate::ssr::matrix_repo;
use crate::ssr::state::app_state;
use axum::http::StatusCode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let pairs: Vec<(String, String)> = use_query_map()
        .get_untracked()
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v))
        .collect();
    view! {
        <PageTitle text="Decision log · Tradeoff"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move { home(pairs).await.unwrap_or_else(error_page) })}
        </Suspense>
    }
}

async fn home(pairs: Vec<(String, String)>) -> Result<AnyView, AppError> {
    let raw = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let parsed = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let pool = app_state()?.pool;
    let suggestions = adr_repo::suggestions(&pool).await?;
    let counts = adr_repo::status_counts(&pool).await?;
    let (query, listing, problem) = match parsed {
        Ok(query) => {
            let listing = adr_repo::list(&pool, &query).await?;
            (query, listing, None)
        }
        Err(field_error) => {
            set_status(StatusCode::BAD_REQUEST);
            (
                ListQuery::default(),
                (Vec::new(), 0),
                Some(field_error.message),
            )
        }
    };
    let (items, total) = listing;
    // The panels of what needs a look show on the plain home page, not beside a search.
    let panels = if query.q.is_none() && !query.has_filters() {
        Some(attention_data(&pool).await?)
    } else {
        None
    };
    let all: i64 = counts.iter().map(|(_, n)| n).sum();
    let export_href = match query.to_query_string(0) {
        filter if filter.is_empty() => "/export.zip".to_owned(),
        filter => format!("/export.zip?{filter}"),
    };
    let current_status = raw("status");
    let current_sort = raw("sort");
    Ok(view! {
        <section class="home">
            <div class="page-head">
                <h1>"Decision log"</h1>
                <p class="lede">{all} " architecture decisions"</p>
            </div>
            <ul class="status-counts" aria-label="Decisions per status">
                {counts
                    .into_iter()
                    .map(|(status, count)| {
                        view! {
                            <li>
                                <a href=format!("/?status={status}") class=format!("count-card status-{status}") data-testid=format!("count-{status}")>
                                    <span class="count">{count}</span>
                                    <span class="what">{status.label()}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form method="get" action="/" class="filters" role="search">
                <input type="search" name="q" value=raw("q") placeholder="Search every field" aria-label="Search"/>
                <select name="status" aria-label="Status">
                    <option value="">"Any status"</option>
                    {Status::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str() selected=current_status == s.as_str()>{s.label()}</option> })
                        .collect_view()}
                </select>
                <input type="text" name="tag" value=raw("tag") placeholder="Tag" aria-label="Tag" list=Suggestions::TAGS/>
                <input type="text" name="decision_maker" value=raw("decision_maker") placeholder="Decision-maker" aria-label="Decision-maker" list=Suggestions::DECISION_MAKERS/>
                <input type="text" name="ticket" value=raw("ticket") placeholder="Ticket" aria-label="Ticket"/>
                <SuggestionLists suggestions=suggestions/>
                <label class="inline">"From " <input type="date" name="date_from" value=raw("date_from")/></label>
                <label class="inline">"To " <input type="date" name="date_to" value=raw("date_to")/></label>
                <select name="sort" aria-label="Sort">
                    {Sort::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str() selected=current_sort == s.as_str()>{s.label()}</option> })
                        .collect_view()}
                </select>
                <button type="submit">"Apply"</button>
                <a href="/">"Clear"</a>
            </form>
            {problem.map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            <p class="result-count" data-testid="result-count">
                {match total {
                    1 => "1 decision".to_owned(),
                    n => format!("{n} decisions"),
                }}
            </p>
            <p class="export">
                <a href=export_href download="" data-testid="export-zip">
                    {if query.q.is_none() && !query.has_filters() { "Export all as markdown (zip)" } else { "Export these as markdown (zip)" }}
                </a>
            </p>
            {adr_table(items)}
            {pagination(&query, total)}
            {panels.map(|(awaiting, open, cited)| attention(awaiting, open, cited))}
        </section>
    }
    .into_any())
}

type Attention = (
    (Vec<AdrSummary>, i64),
    Vec<(i64, String, i64)>,
    Vec<(String, String, String, String, i64)>,
);

async fn attention_data(pool: &sqlx::SqlitePool) -> Result<Attention, AppError> {
    let awaiting = adr_repo::list(
        pool,
        &ListQuery {
            deviation: Some(DeviationState::Unjustified),
            limit: 10,
            ..ListQuery::default()
        },
    )
    .await?;
    let open_checklists = assessment_repo::accepted_with_open_items(pool).await?;
    let mut names: std::collections::BTreeMap<String, Option<crate::model::matrix::Matrix>> =
        Default::default();
    let mut cited = Vec::new();
    for (matrix, row, count) in matrix_repo::all_citation_counts(pool).await? {
        if !names.contains_key(&matrix) {
            names.insert(
                matrix.clone(),
                matrices::find(pool, &matrix, None).await.ok(),
            );
        }
        let found = names.get(&matrix).and_then(Option::as_ref);
        let name = found.map_or_else(|| matrix.clone(), |m| m.name.clone());
        let text = found
            .and_then(|m| m.row(&row))
            .map_or_else(|| row.clone(), |r| r.cells[0].clone());
        cited.push((matrix, row, name, text, count));
    }
    Ok((awaiting, open_checklists, cited))
}

/// What needs a look: deviations without justification, accepted ADRs with open checklist
/// items, and how often each matrix row is cited.
fn attention(
    awaiting: (Vec<AdrSummary>, i64),
    open_checklists: Vec<(i64, String, i64)>,
    cited: Vec<(String, String, String, String, i64)>,
) -> impl IntoView {
    let (awaiting, awaiting_total) = awaiting;
    view! {
        <div class="attention">
            <section class="side-block" id="deviations" data-testid="awaiting-justification">
                <h2>"Deviations awaiting justification"</h2>
                {if awaiting.is_empty() {
                    view! { <p class="hint">"None: every deviation from the guide is justified."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {awaiting
                                .into_iter()
                                .map(|a| view! { <li><a href=adr_key::canonical_path(a.number, &a.title)>{format!("{}: {}", adr_key::display(a.number), a.title)}</a></li> })
                                .collect_view()}
                        </ul>
                        {(awaiting_total > 10).then(|| view! { <a href="/?deviation=unjustified">{format!("All {awaiting_total}")}</a> })}
                    }
                        .into_any()
                }}
            </section>
            <section class="side-block" id="open-checklists" data-testid="open-checklists">
                <h2>"Accepted, with open checklist items"</h2>
                {if open_checklists.is_empty() {
                    view! { <p class="hint">"None."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {open_checklists
                                .into_iter()
                                .map(|(number, title, open)| {
                                    view! {
                                        <li>
                                            <a href=adr_key::canonical_path(number, &title)>{format!("{}: {title}", adr_key::display(number))}</a>
                                            {format!(" — {open} open")}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
            <section class="side-block" id="cited-rows" data-testid="cited-rows">
                <h2>"Matrix rows cited"</h2>
                {if cited.is_empty() {
                    view! { <p class="hint">"No ADR cites a matrix row yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="cited-counts">
                            <tbody>
                                {cited
                                    .into_iter()
                                    .map(|(matrix, row, name, text, count)| {
                                        view! {
                                            <tr>
                                                <td>{name}</td>
                                                <td>{text}</td>
                                                <td><a href=format!("/?cites={}/{}", encode_component(&matrix), encode_component(&row))>{format!("{count} ADR{}", if count == 1 { "" } else { "s" })}</a></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}

fn adr_table(items: Vec<AdrSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"No decision matches."</p> }.into_any();
    }
    view! {
        <table class="adr-list">
            <thead>
                <tr>
                    <th scope="col">"Number"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Tags"</th>
                    <th scope="col">"Decision-makers"</th>
                </tr>
            </thead>
            <tbody>
                {items
                    .into_iter()
                    .map(|adr| {
                        let href = adr_key::canonical_path(adr.number, &adr.title);
                        view! {
                            <tr data-number=adr.number>
                                <td class="number"><a href=href.clone()>{adr_key::display(adr.number)}</a></td>
                                <td class="title">
                                    <a href=href>{adr.title}</a>
                                    {match adr.deviation {
                                        DeviationState::None => None,
                                        DeviationState::Unjustified => Some(view! { " " <span class="badge deviates" title="The chosen option is one a cited row of the guide says to avoid">"deviates from the guide"</span> }.into_any()),
                                        DeviationState::Justified => Some(view! { " " <span class="badge deviates justified" title="Deviates from the guide, with a justification">"deviation justified"</span> }.into_any()),
                                    }}
                                </td>
                                <td><StatusBadge status=adr.status/></td>
                                <td class="date">{adr.date}</td>
                                <td class="tags">
                                    {adr
                                        .tags
                                        .into_iter()
                                        .map(|tag| {
                                            let href = format!("/?tag={}", encode_component(&tag));
                                            view! { <a class="tag" href=href>{tag}</a> " " }
                                        })
                                        .collect_view()}
                                </td>
                                <td>{adr.decision_makers.join(", ")}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn pagination(query: &ListQuery, total: i64) -> impl IntoView {
    let limit = query.limit.max(1);
    let pages = ((total + limit - 1) / limit).max(1);
    let page = query.offset / limit + 1;
    let link = |offset: i64| format!("/?{}", query.to_query_string(offset));
    let prev = (query.offset > 0).then(|| link((query.offset - limit).max(0)));
    let next = (query.offset + limit < total).then(|| link(query.offset + limit));
    (pages > 1 || query.offset > 0).then(|| {
        view! {
            <nav class="pagination" aria-label="Pages">
                {prev.map(|href| view! { <a href=href rel="prev">"← Previous"</a> })}
                <span>"Page " {page} " of " {pages}</span>
                {next.map(|href| view! { <a href=href rel="next">"Next →"</a> })}
            </nav>
        }
    })
}
