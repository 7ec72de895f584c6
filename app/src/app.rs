//! The HTML shell and the route table.

use crate::pages::adr_page::AdrPage;
use crate::pages::assess::AssessPage;
use crate::pages::editor::{EditAdrPage, NewAdrPage};
use crate::pages::guide::{GuideMatrixPage, GuidePage};
use crate::pages::history::HistoryPage;
use crate::pages::home::HomePage;
use crate::pages::import::ImportPage;
use crate::pages::matrices::{MatricesPage, MatrixPage};
use crate::pages::not_found::NotFound;
use crate::pages::revision::RevisionPage;
use crate::ssr::security_headers;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Whether the page at `path` holds islands and so needs the wasm: the editors, and the
/// pages with charts (their copy buttons). The list, search, history and revision pages
/// ship no wasm.
pub fn path_has_islands(path: &str) -> bool {
    let adr_page = path
        .strip_prefix("/adr/")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'));
    path == "/adr/new"
        || adr_page
        || path == "/guide"
        || path == "/guide/performance-relative-to-c"
        || path.ends_with("/edit")
        || path.ends_with("/assess")
        || (path.starts_with("/matrices") && !path.contains("/v/"))
}

/// The document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let path = use_context::<axum::http::request::Parts>()
        .map(|parts| parts.uri.path().to_owned())
        .unwrap_or_default();
    // The nonce the server's middleware made for this request, when it made one (a page
    // rendered for a refused form post has its own, from leptos_axum).
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned())
    {
        provide_context(nonce);
    }
    set_content_security_policy();
    let scripts = if path_has_islands(&path) {
        Some(view! { <HydrationScripts options=options islands=true/> })
    } else {
        // Without the scripts nothing hydrates, so leave out the hydration markers too.
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
        None
    };
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href="/pkg/tradeoff.css"/>
                {scripts}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Sets the page's Content-Security-Policy, naming the nonce this render uses (the server's
/// middleware writes the same policy when this header does not arrive).
fn set_content_security_policy() {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = use_nonce().map(|nonce| nonce.to_string());
    let policy = security_headers::page_policy(nonce.as_deref());
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <header class="site-header">
                <nav>
                    <a href="/" class="brand">"Tradeoff"</a>
                    <a href="/">"Decision log"</a>
                    <a href="/guide">"Guide"</a>
                    <a href="/matrices">"Matrices"</a>
                    <a href="/import">"Import"</a>
                    <a href="/adr/new" class="button primary">"New ADR"</a>
                </nav>
            </header>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/new") view=NewAdrPage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/:key") view=AdrPage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/:key/edit") view=EditAdrPage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/:key/history") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/:key/v/:revision") view=RevisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/adr/:key/assess") view=AssessPage ssr=SsrMode::Async/>
                    <Route path=path!("/import") view=ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/guide") view=GuidePage ssr=SsrMode::Async/>
                    <Route path=path!("/guide/:matrix") view=GuideMatrixPage ssr=SsrMode::Async/>
                    <Route path=path!("/matrices") view=MatricesPage ssr=SsrMode::Async/>
                    <Route path=path!("/matrices/:id") view=MatrixPage ssr=SsrMode::Async/>
                    <Route path=path!("/matrices/:id/v/:revision") view=MatrixPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <a href="/api/v1/openapi.json">"API"</a>
            </footer>
        </Router>
    }
}
