//! The readable body of a decision, in MADR's order. Used by the ADR page, by old revisions
//! and by the editor's preview, so all three read the same.

use crate::model::adr::AdrDocument;
use crate::ssr::render::{RenderedAdr, RenderedOption};
use leptos::prelude::*;

fn items(class: &'static str, prefix: &'static str, html: Vec<String>) -> impl IntoView {
    (!html.is_empty()).then(|| {
        view! {
            <ul class=class>
                {html
                    .into_iter()
                    .map(|item| {
                        view! {
                            <li>
                                {(!prefix.is_empty()).then(|| view! { <span class="arg">{prefix}</span> " " })}
                                <span inner_html=item></span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

fn block(id: &'static str, heading: &'static str, html: String) -> impl IntoView {
    (!html.is_empty()).then(|| {
        view! {
            <section id=id>
                <h2>{heading}</h2>
                <div class="md" inner_html=html></div>
            </section>
        }
    })
}

/// A piece of evidence that a justification cites as `evidence #N`.
#[derive(Clone, Debug, PartialEq)]
pub struct CitedEvidence {
    /// The `N` as written.
    pub cited: i64,
    /// The global id of the piece it names, when the ADR has it.
    pub id: Option<i64>,
    /// What the piece is, or that the ADR has no such evidence.
    pub text: String,
}

/// Evidence cited by `evidence #N` in a justification, shown beside it.
pub fn cited_list(cited: Vec<CitedEvidence>) -> impl IntoView {
    (!cited.is_empty()).then(|| {
        view! {
            <aside class="cited-evidence" data-testid="cited-evidence">
                <h4>"Evidence cited"</h4>
                <ul>
                    {cited
                        .into_iter()
                        .map(|c| {
                            let label = format!("evidence #{}", c.cited);
                            let link = match c.id {
                                Some(id) => view! { <a href=format!("#evidence-{id}")>{label}</a> }.into_any(),
                                None => view! { <span>{label}</span> }.into_any(),
                            };
                            view! { <li>{link} " " {c.text}</li> }
                        })
                        .collect_view()}
                </ul>
            </aside>
        }
    })
}

#[component]
pub fn AdrBody(
    doc: AdrDocument,
    rendered: RenderedAdr,
    /// Evidence the justification cites.
    #[prop(optional)]
    cited: Vec<CitedEvidence>,
) -> impl IntoView {
    let chosen_id = doc.chosen().map(|o| o.id.clone());
    let chosen_name = doc.chosen().map(|o| o.name.clone());
    let has_outcome = chosen_name.is_some()
        || !rendered.justification.is_empty()
        || !rendered.consequences_good.is_empty()
        || !rendered.consequences_bad.is_empty();
    let option_list = (!doc.options.is_empty()).then(|| {
        let chosen_id = chosen_id.clone();
        view! {
            <section id="considered-options">
                <h2>"Considered options"</h2>
                <ol class="options">
                    {doc
                        .options
                        .iter()
                        .map(|o| {
                            let chosen = chosen_id.as_deref() == Some(o.id.as_str());
                            view! {
                                <li class:chosen=chosen>
                                    <a href=format!("#option-{}", o.id)>{o.name.clone()}</a>
                                    {chosen.then(|| view! { " " <span class="badge chosen-mark">"chosen"</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        }
    });
    let outcome = has_outcome.then(|| {
        view! {
            <section id="decision-outcome" class="outcome">
                <h2>"Decision outcome"</h2>
                {chosen_name
                    .map(|name| {
                        view! {
                            <p class="chosen-option">"Chosen option: " <strong>{name}</strong></p>
                        }
                    })}
                <div class="md" inner_html=rendered.justification></div>
                {cited_list(cited)}
                {(!rendered.consequences_good.is_empty() || !rendered.consequences_bad.is_empty())
                    .then(|| {
                        view! {
                            <h3>"Consequences"</h3>
                            {items("good", "Good, because", rendered.consequences_good)}
                            {items("bad", "Bad, because", rendered.consequences_bad)}
                        }
                    })}
            </section>
        }
    });
    let has_details = doc.options.iter().zip(&rendered.options).any(|(_, r)| {
        !r.description.is_empty()
            || !r.good.is_empty()
            || !r.neutral.is_empty()
            || !r.bad.is_empty()
    });
    let pros_cons = has_details.then(|| {
        view! {
            <section id="pros-and-cons">
                <h2>"Pros and cons of the options"</h2>
                {doc
                    .options
                    .into_iter()
                    .zip(rendered.options)
                    .map(|(o, r)| {
                        let RenderedOption { description, good, neutral, bad } = r;
                        let chosen = chosen_id.as_deref() == Some(o.id.as_str());
                        view! {
                            <article class="option" class:chosen=chosen id=format!("option-{}", o.id)>
                                <h3>
                                    {o.name}
                                    {chosen.then(|| view! { " " <span class="badge chosen-mark">"chosen"</span> })}
                                </h3>
                                <div class="md" inner_html=description></div>
                                {items("good", "Good, because", good)}
                                {items("neutral", "Neutral, because", neutral)}
                                {items("bad", "Bad, because", bad)}
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
        }
    });
    view! {
        <div class="adr-body">
            {block("context", "Context and problem statement", rendered.context)}
            {(!rendered.decision_drivers.is_empty())
                .then(|| {
                    view! {
                        <section id="decision-drivers">
                            <h2>"Decision drivers"</h2>
                            {items("drivers", "", rendered.decision_drivers)}
                        </section>
                    }
                })}
            {option_list}
            {outcome}
            {block("confirmation", "Confirmation", rendered.confirmation)}
            {pros_cons}
            {block("more-information", "More information", rendered.more_information)}
        </div>
    }
}
