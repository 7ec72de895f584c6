//! The import page: a plain upload form (a zip, or several markdown files and the images
//! they reference) that works without JavaScript, and after a post, the report with a link
//! to every ADR made or updated.

use crate::model::adr_key;
use crate::model::import::{FileOutcome, ImportReport};
use crate::pages::PageTitle;
use crate::ssr::import::sources::{ENTRY_LIMIT, EXPANDED_LIMIT, ZIP_LIMIT};
use leptos::prelude::*;

/// What the last post gave, provided to the page by the form's handler: the report, or
/// why nothing was read.
#[derive(Clone, Debug)]
pub struct ImportOutcome(pub Result<ImportReport, String>);

fn report_view(report: ImportReport) -> impl IntoView {
    let folder = if report.folder.is_empty() {
        "the top of what was uploaded".to_owned()
    } else {
        report.folder.clone()
    };
    view! {
        <section class="import-report" data-testid="import-report">
            <h2>"Report"</h2>
            <p data-testid="import-summary">{report.summary()} ", read from " <code>{folder}</code></p>
            <table class="import-files">
                <thead>
                    <tr><th>"File"</th><th>"Outcome"</th><th>"ADR"</th><th>"Notes"</th></tr>
                </thead>
                <tbody>
                    {report
                        .files
                        .into_iter()
                        .map(|file| {
                            let adr = file.number.filter(|_| file.outcome != FileOutcome::Skipped).map(|n| {
                                let revision = file.revision.map(|r| format!(" (version {r})")).unwrap_or_default();
                                view! { <a href=format!("/adr/{n}")>{adr_key::display(n)}</a> {revision} }
                            });
                            let mut notes = file.reason.into_iter().collect::<Vec<_>>();
                            notes.extend(file.notes);
                            notes.extend(file.attachments.into_iter().map(|a| format!("attached {a}")));
                            view! {
                                <tr data-outcome=file.outcome.as_str()>
                                    <td><code>{file.path}</code></td>
                                    <td>{file.outcome.as_str()}</td>
                                    <td>{adr}</td>
                                    <td>
                                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let outcome = use_context::<ImportOutcome>();
    let limits = format!(
        "A zip of at most {} MiB that expands to at most {} MiB and {ENTRY_LIMIT} files.",
        ZIP_LIMIT / (1024 * 1024),
        EXPANDED_LIMIT / (1024 * 1024)
    );
    view! {
        <PageTitle text="Import ADRs"/>
        <section class="import">
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/">"Decision log"</a> " / " <span>"Import"</span></nav>
            <h1>"Import ADRs"</h1>
            <p class="lede">
                "Markdown files from adr-tools, MADR 2 to 4, log4brains or a Tradeoff export. Upload a zip of a repository (its ADR folder is found as the tools find it: "
                <code>".adr-dir"</code> ", " <code>".log4brains.yml"</code> ", then " <code>"docs/decisions"</code> ", " <code>"docs/adr"</code> " and " <code>"doc/adr"</code>
                "), or the files themselves with the images they reference. Importing the same files again changes nothing; an edited file becomes a new revision."
            </p>
            <form method="post" action="/import" enctype="multipart/form-data" class="import-form">
                <label>"Files " <input type="file" name="files" multiple required accept=".md,.markdown,.zip,image/*"/></label>
                <button type="submit">"Import"</button>
                <p class="hint">{limits}</p>
            </form>
            {outcome.map(|ImportOutcome(outcome)| match outcome {
                Ok(report) => report_view(report).into_any(),
                Err(message) => view! { <p class="form-error" role="alert" data-testid="import-error">{message}</p> }.into_any(),
            })}
        </section>
    }
}
