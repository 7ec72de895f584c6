//! One revision of an ADR, exactly as it was saved.

use crate::components::adr_body::AdrBody;
use crate::components::status_badge::StatusBadge;
use crate::model::adr_key;
use crate::pages::{PageTitle, adr_number_param, error_page};
use crate::ssr::adr_repo;
use crate::ssr::clock;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::render::render;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RevisionPage() -> impl IntoView {
    let number = adr_number_param();
    let revision = use_params_map()
        .get_untracked()
        .get("revision")
        .and_then(|r| r.parse::<i64>().ok());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let page = match (number, revision) {
                    (Ok(number), Some(revision)) => revision_page(number, revision).await,
                    (Err(e), _) => Err(e),
                    (Ok(_), None) => Err(AppError::NotFound("a revision is a whole number".into())),
                };
                page.unwrap_or_else(error_page)
            })}
        </Suspense>
    }
}

async fn revision_page(number: i64, revision: i64) -> Result<AnyView, AppError> {
    let pool = app_state()?.pool;
    let current = decisions::get(&pool, number).await?.adr;
    let (info, doc) = adr_repo::revision(&pool, number, revision)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "{} has no revision {revision}",
                adr_key::display(number)
            ))
        })?;
    let display = adr_key::display(number);
    let page = adr_key::canonical_path(number, &current.document.title);
    let rendered = render(&doc);
    Ok(view! {
        <PageTitle text=format!("{display} revision {revision} · Tradeoff")/>
        <article class="adr revision" data-revision=revision>
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/">"Decision log"</a> " / " <a href=page.clone()>{display.clone()}</a> " / "
                <a href=format!("/adr/{number}/history")>"History"</a> " / " <span>"Revision " {revision}</span>
            </nav>
            <p class="revision-note">
                "Revision " {revision} " of " {display.clone()} " (" {info.change} "), saved "
                {clock::display(&info.created_at)} " by " {info.actor} ". "
                {(revision != current.version)
                    .then(|| {
                        view! { {format!("The current version is {}: ", current.version)} <a href=page>"read it"</a> "." }
                    })}
            </p>
            <header class="adr-head">
                <p class="adr-number">{display}</p>
                <h1>{doc.title.clone()}</h1>
                <p class="adr-status"><StatusBadge status=info.status/> <span class="version">" " {doc.date.clone()}</span></p>
            </header>
            <AdrBody doc=doc rendered=rendered/>
        </article>
    }
    .into_any())
}
