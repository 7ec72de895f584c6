//! The new-ADR and edit pages: a heading and the editor island. After a refused plain post,
//! the form route hands back the user's text and the reason as a [`FormEcho`].

use crate::components::adr_editor::{AdrEditor, EditorSetup};
use crate::components::suggestion_lists::SuggestionLists;
use crate::model::adr_key;
use crate::model::form::AdrForm;
use crate::model::suggestion::Suggestions;
use crate::pages::echo::FormEcho;
use crate::pages::{PageTitle, adr_number_param, error_page};
use crate::ssr::adr_repo;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::state::app_state;
use leptos::prelude::*;

#[component]
pub fn NewAdrPage() -> impl IntoView {
    let echo = use_context::<FormEcho>();
    let setup = EditorSetup {
        action: "/adr/new".into(),
        cancel_url: "/".into(),
        number: None,
        base_version: None,
        form: echo.as_ref().map(|e| e.form.clone()).unwrap_or_default(),
        error: echo.as_ref().and_then(|e| e.error.clone()),
        conflict: None,
        preview: echo.and_then(|e| e.preview),
    };
    view! {
        <PageTitle text="New ADR · Tradeoff"/>
        <section class="editor-page">
            <h1>"New architecture decision"</h1>
            <p class="lede">"Only the title is required; the ADR starts as a draft."</p>
            <AdrEditor setup=setup/>
            <Suspense fallback=|| ()>{Suspend::new(suggestion_lists())}</Suspense>
        </section>
    }
}

/// The datalists the editor's tag and name inputs suggest from; none when they cannot be read.
async fn suggestion_lists() -> impl IntoView {
    let suggestions = match app_state() {
        Ok(state) => adr_repo::suggestions(&state.pool).await.unwrap_or_default(),
        Err(_) => Suggestions::default(),
    };
    view! { <SuggestionLists suggestions=suggestions/> }
}

#[component]
pub fn EditAdrPage() -> impl IntoView {
    let number = adr_number_param();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match number {
                    Ok(number) => edit_page(number).await.unwrap_or_else(error_page),
                    Err(e) => error_page(e),
                }
            })}
        </Suspense>
    }
}

async fn edit_page(number: i64) -> Result<AnyView, AppError> {
    let state = app_state()?;
    let stored = decisions::get(&state.pool, number).await?;
    let adr = stored.adr;
    let display = adr_key::display(number);
    let page = adr_key::canonical_path(number, &adr.document.title);
    let setup = match use_context::<FormEcho>() {
        Some(echo) => EditorSetup {
            action: format!("/adr/{number}/edit"),
            cancel_url: page.clone(),
            number: Some(number),
            base_version: echo.base_version,
            form: echo.form,
            error: echo.error,
            conflict: echo.conflict,
            preview: echo.preview,
        },
        None => EditorSetup {
            action: format!("/adr/{number}/edit"),
            cancel_url: page.clone(),
            number: Some(number),
            base_version: Some(adr.version),
            form: AdrForm::from_document(&adr.document),
            error: None,
            conflict: None,
            preview: None,
        },
    };
    Ok(view! {
        <PageTitle text=format!("Edit {display} · Tradeoff")/>
        <section class="editor-page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/">"Decision log"</a> " / " <a href=page>{display.clone()}</a> " / " <span>"Edit"</span>
            </nav>
            <h1>"Edit " {display} ": " {adr.document.title.clone()}</h1>
            {(adr.accepted_version.is_some() && adr.status == crate::model::status::Status::Accepted)
                .then(|| {
                    view! {
                        <p class="amended">
                            "This decision is accepted. Saving a change marks it as amended after acceptance, with a link to the difference."
                        </p>
                    }
                })}
            <AdrEditor setup=setup/>
            <SuggestionLists suggestions=adr_repo::suggestions(&state.pool).await?/>
        </section>
    }
    .into_any())
}
