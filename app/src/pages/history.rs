//! An ADR's history: every revision, and the line difference between any two.

use crate::components::status_badge::StatusBadge;
use crate::model::adr_key;
use crate::pages::{PageTitle, adr_number_param, error_page};
use crate::ssr::adr_repo;
use crate::ssr::clock;
use crate::ssr::decisions;
use crate::ssr::diff::{self, Change};
use crate::ssr::error::AppError;
use crate::ssr::export::to_madr;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let number = adr_number_param();
    let query = use_query_map().get_untracked();
    let wanted = |name: &str| query.get(name).and_then(|v| v.trim().parse::<i64>().ok());
    let (from, to) = (wanted("from"), wanted("to"));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match number {
                    Ok(number) => history_page(number, from, to).await.unwrap_or_else(error_page),
                    Err(e) => error_page(e),
                }
            })}
        </Suspense>
    }
}

async fn history_page(
    number: i64,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<AnyView, AppError> {
    let pool = app_state()?.pool;
    let current = decisions::get(&pool, number).await?.adr;
    let revisions = adr_repo::revisions(&pool, number).await?;
    let to = to.unwrap_or(current.version);
    let from = from.unwrap_or((to - 1).max(1));
    let load = |revision: i64| {
        let pool = pool.clone();
        async move {
            adr_repo::revision(&pool, number, revision)
                .await?
                .ok_or_else(|| {
                    AppError::NotFound(format!(
                        "{} has no revision {revision}",
                        adr_key::display(number)
                    ))
                })
        }
    };
    let (old_info, old_doc) = load(from).await?;
    let (new_info, new_doc) = load(to).await?;
    let lines = diff::lines(
        &to_madr(number, old_info.status, &old_doc),
        &to_madr(number, new_info.status, &new_doc),
    );
    let changed = lines.iter().any(|l| l.change != Change::Same);
    let display = adr_key::display(number);
    let page = adr_key::canonical_path(number, &current.document.title);
    let options = |selected: i64| {
        revisions
            .iter()
            .map(|r| view! { <option value=r.revision selected=r.revision == selected>{format!("Revision {}", r.revision)}</option> })
            .collect_view()
    };
    Ok(view! {
        <PageTitle text=format!("History of {display} · Tradeoff")/>
        <section class="history-page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/">"Decision log"</a> " / " <a href=page>{display.clone()}</a> " / " <span>"History"</span>
            </nav>
            <h1>"History of " {display} ": " {current.document.title.clone()}</h1>
            <table class="revision-list">
                <thead>
                    <tr><th>"Revision"</th><th>"Change"</th><th>"Status"</th><th>"By"</th><th>"When"</th></tr>
                </thead>
                <tbody>
                    {revisions
                        .iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td><a href=format!("/adr/{number}/v/{}", r.revision)>{r.revision}</a></td>
                                    <td>{r.change.clone()}</td>
                                    <td><StatusBadge status=r.status/></td>
                                    <td>{r.actor.clone()}</td>
                                    <td>{clock::display(&r.created_at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <form method="get" class="compare">
                <label class="inline">"Compare " <select name="from">{options(from)}</select></label>
                <label class="inline">" with " <select name="to">{options(to)}</select></label>
                <button type="submit">"Show difference"</button>
            </form>
            <h2>"Revision " {from} " → revision " {to}</h2>
            {if changed {
                view! {
                    <pre class="diff" data-testid="diff">
                        {lines
                            .into_iter()
                            .map(|line| {
                                let (class, mark) = match line.change {
                                    Change::Same => ("same", "  "),
                                    Change::Removed => ("removed", "- "),
                                    Change::Added => ("added", "+ "),
                                };
                                view! { <span class=class>{format!("{mark}{}\n", line.text)}</span> }
                            })
                            .collect_view()}
                    </pre>
                }
                    .into_any()
            } else {
                view! { <p class="hint" data-testid="diff">"The text is the same in both revisions."</p> }.into_any()
            }}
        </section>
    }
    .into_any())
}
