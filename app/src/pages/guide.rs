//! The guide's reference matrices and decision tree, readable and linkable:
//! `/guide` lists them all, `/guide/{matrix}#{row}` points at one row.

use crate::components::chart_figure::ChartFigure;
use crate::components::matrix_table::MatrixTable;
use crate::model::decision_tree::DecisionTree;
use crate::pages::{PageTitle, error_page};
use crate::ssr::charts::languages;
use crate::ssr::error::AppError;
use crate::ssr::guide::{self, Guide};
use crate::ssr::matrix_repo;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn attribution(guide: &Guide) -> impl IntoView + use<> {
    view! {
        <p class="attribution">
            "Transcribed word for word from the engineering guide " <cite>{guide.title.clone()}</cite>
            {format!(" ({}, data version {}). Each table names the section it comes from.", guide.source, guide.version)}
        </p>
    }
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let guide = guide::guide();
    let mut sections: Vec<&str> = Vec::new();
    for m in &guide.matrices {
        if !sections.contains(&m.section.as_str()) {
            sections.push(&m.section);
        }
    }
    view! {
        <PageTitle text="The guide's matrices · Tradeoff"/>
        <section class="guide">
            <h1>"The guide's matrices"</h1>
            {attribution(guide)}
            <nav class="toc" aria-label="Matrices">
                <ul>
                    {guide
                        .matrices
                        .iter()
                        .map(|m| view! { <li><a href=format!("/guide/{}", m.id)>{m.name.clone()}</a></li> })
                        .collect_view()}
                    <li>
                        <a href=format!("/guide/{}", guide.decision_tree.id)>{guide.decision_tree.name.clone()}</a>
                    </li>
                </ul>
            </nav>
            {sections
                .into_iter()
                .map(|section| {
                    view! {
                        <h2>{section.to_owned()}</h2>
                        {guide
                            .matrices
                            .iter()
                            .filter(|m| m.section == section)
                            .map(|m| {
                                view! {
                                    <section class="matrix-block" id=m.id.clone()>
                                        <h3><a href=format!("/guide/{}", m.id)>{m.name.clone()}</a></h3>
                                        {language_chart(&m.id)}
                                        <MatrixTable matrix=m.clone()/>
                                    </section>
                                }
                            })
                            .collect_view()}
                    }
                })
                .collect_view()}
            <h2>{guide.decision_tree.section.clone()}</h2>
            <section class="matrix-block" id=guide.decision_tree.id.clone()>
                <h3><a href=format!("/guide/{}", guide.decision_tree.id)>{guide.decision_tree.name.clone()}</a></h3>
                {tree_view(&guide.decision_tree)}
            </section>
        </section>
    }
}

/// The guide's language performance chart, beside the matrix it is drawn from.
fn language_chart(matrix: &str) -> Option<impl IntoView + use<>> {
    (matrix == languages::MATRIX).then(|| {
        let public_url = app_state()
            .map(|s| s.public_url.to_string())
            .unwrap_or_default();
        view! {
            <div class="charts">
                <ChartFigure public_url=public_url path="/guide/charts/languages".to_owned() query=String::new() alt="Language performance relative to C, from the guide".to_owned() name="Language performance relative to C".to_owned()/>
            </div>
        }
    })
}

/// The tree as nested lists: each question with its branches and where they lead.
pub fn tree_view(tree: &DecisionTree) -> impl IntoView + use<> {
    let rows: Vec<_> = tree
        .questions()
        .map(|q| {
            let branches: Vec<(String, String)> = tree
                .edges
                .iter()
                .filter(|e| e.from == q.id)
                .filter_map(|e| {
                    let to = tree.nodes.iter().find(|n| n.id == e.to)?;
                    Some((e.label.clone().unwrap_or_default(), to.label.clone()))
                })
                .collect();
            (q.id.clone(), q.label.clone(), branches)
        })
        .collect();
    view! {
        <dl class="tree">
            {rows
                .into_iter()
                .map(|(id, question, branches)| {
                    view! {
                        <dt id=format!("node-{id}")>{question}</dt>
                        <dd>
                            <ul>
                                {branches
                                    .into_iter()
                                    .map(|(label, to)| view! { <li><span class="branch">{label}</span> " → " {to}</li> })
                                    .collect_view()}
                            </ul>
                        </dd>
                    }
                })
                .collect_view()}
        </dl>
        <p class="hint">"Cases without a branch here get no recommendation from the guide."</p>
    }
}

#[component]
pub fn GuideMatrixPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("matrix")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move { matrix_page(id).await.unwrap_or_else(error_page) })}
        </Suspense>
    }
}

async fn matrix_page(id: String) -> Result<AnyView, AppError> {
    let guide = guide::guide();
    if id == guide.decision_tree.id {
        return Ok(view! {
            <PageTitle text=format!("{} · Tradeoff", guide.decision_tree.name)/>
            <section class="guide">
                <nav class="crumbs"><a href="/guide">"The guide"</a> " / " {guide.decision_tree.section.clone()}</nav>
                <h1>{guide.decision_tree.name.clone()}</h1>
                {attribution(guide)}
                {tree_view(&guide.decision_tree)}
            </section>
        }
        .into_any());
    }
    let matrix = guide::matrix(&id)
        .ok_or_else(|| AppError::NotFound(format!("the guide has no matrix '{id}'")))?
        .clone();
    let counts = matrix_repo::citation_counts(&app_state()?.pool, &matrix.id).await?;
    Ok(view! {
        <PageTitle text=format!("{} · Tradeoff", matrix.name)/>
        <section class="guide">
            <nav class="crumbs"><a href="/guide">"The guide"</a> " / " {matrix.section.clone()}</nav>
            <h1>{matrix.name.clone()}</h1>
            {attribution(guide)}
            {language_chart(&matrix.id)}
            <MatrixTable matrix=matrix counts=counts/>
        </section>
    }
    .into_any())
}
