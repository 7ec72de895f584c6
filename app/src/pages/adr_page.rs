//! The ADR page, built for reading aloud in a design review: the record in MADR order, with
//! its lifecycle, relations and history at hand. It ships no JavaScript: its forms are plain.

use crate::components::adr_body::{AdrBody, CitedEvidence};
use crate::components::against_guide::AgainstTheGuide;
use crate::components::copy_link::CopyLink;
use crate::components::evidence_panel::{EvidencePanel, EvidenceView};
use crate::components::status_badge::StatusBadge;
use crate::model::adr::RevisionInfo;
use crate::model::adr::{Adr, Relation};
use crate::model::adr_key;
use crate::model::assessment::DeviationState;
use crate::model::query::encode_component;
use crate::model::relation::RelationType;
use crate::model::status::Status;
use crate::pages::echo::{PageForm, RefusedAction};
use crate::pages::{PageTitle, adr_number_param, error_page, permanent_redirect};
use crate::ssr::adr_repo;
use crate::ssr::assessments::{self, AssessmentReport};
use crate::ssr::attachments;
use crate::ssr::clock;
use crate::ssr::compare;
use crate::ssr::decisions;
use crate::ssr::error::AppError;
use crate::ssr::evidence_repo::{self, EvidenceSettings};
use crate::ssr::export;
use crate::ssr::state::app_state;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

#[component]
pub fn AdrPage() -> impl IntoView {
    let number = adr_number_param();
    let segment = use_params_map()
        .get_untracked()
        .get("key")
        .unwrap_or_default();
    let query = use_location().search.get_untracked();
    let params = use_query_map().get_untracked();
    let choice = (
        params.get("base"),
        params.get("new"),
        params.get("alpha").and_then(|a| a.parse::<f64>().ok()),
    );
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match number {
                    Ok(number) => adr_page(number, segment, query, choice).await.unwrap_or_else(error_page),
                    Err(e) => error_page(e),
                }
            })}
        </Suspense>
    }
}

/// Which sides the evidence comparison shows: base, new, alpha (from the query string).
type Choice = (Option<String>, Option<String>, Option<f64>);

async fn adr_page(
    number: i64,
    segment: String,
    query: String,
    choice: Choice,
) -> Result<AnyView, AppError> {
    let (base, new, alpha) = choice;
    let state = app_state()?;
    let stored = decisions::get(&state.pool, number).await?;
    let path = adr_key::canonical_path(number, &stored.adr.document.title);
    // Any other spelling of the number, or an old slug, redirects for good to the current one.
    if segment != adr_key::canonical_segment(number, &stored.adr.document.title) {
        let location = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        permanent_redirect(&location);
        return Ok(().into_any());
    }
    let revisions = adr_repo::revisions(&state.pool, number).await?;
    let pieces = evidence_repo::parsed_for(&state.pool, number).await?;
    let settings = if pieces.is_empty() {
        EvidenceSettings::default()
    } else {
        evidence_repo::settings(&state.pool, number).await?
    };
    let (assessment, assessment_version) = assessments::load(&state.pool, number).await?;
    let report =
        assessments::report(&state.pool, &stored.adr, &assessment, assessment_version).await?;
    let refused = use_context::<RefusedAction>();
    let evidence_refusal = refused.as_ref().filter(|r| r.form == PageForm::Evidence);
    let describe = |cited: i64| {
        let piece = attachments::find_cited(&pieces, cited);
        let text = piece
            .map(|info| {
                format!(
                    "{} ({}, {})",
                    if info.label.is_empty() {
                        "no label"
                    } else {
                        &info.label
                    },
                    attachments::side_name(&stored.adr.document, info.option_id.as_deref()),
                    info.format.label()
                )
            })
            .unwrap_or_else(|| "is not attached to this ADR".to_owned());
        CitedEvidence {
            cited,
            id: piece.map(|info| info.id),
            text,
        }
    };
    let cited: Vec<CitedEvidence> = attachments::cited_evidence(&stored.adr.document.justification)
        .into_iter()
        .map(describe)
        .collect();
    let deviation_cited: Vec<CitedEvidence> =
        attachments::cited_evidence(&assessment.deviation.justification)
            .into_iter()
            .map(describe)
            .collect();
    let comparison = if pieces.is_empty() {
        Err("No evidence yet: attach benchmark or metrics output below.".to_owned())
    } else {
        attachments::compare_loaded(
            &stored.adr.document,
            &pieces,
            &settings,
            base.as_deref(),
            new.as_deref(),
            alpha,
            compare::Text::Skip,
        )
        // Shown inline; `to_api_error` leaves the page's status alone (converting with `From`
        // would set it, as a server function needs).
        .map_err(|e| e.to_api_error().message)
    };
    let evidence_view = EvidenceView {
        number,
        metrics: attachments::metrics_loaded(&stored.adr.document, &pieces, &settings),
        doc: stored.adr.document.clone(),
        comparison,
        settings,
        refused: evidence_refusal.map(|r| r.error.message.clone()),
        pasted: evidence_refusal.map(|r| r.echo.clone()).unwrap_or_default(),
        pieces,
        public_url: state.public_url.to_string(),
    };
    let adr = stored.adr;
    let doc = adr.document.clone();
    let chosen_name = doc.chosen().map(|o| o.name.clone());
    let option_names: Vec<(String, String)> = doc
        .options
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let display = adr_key::display(number);
    let page_title = format!("{display}: {}", doc.title);
    let description: String = doc.context.chars().take(200).collect();
    // What a chat or ticket tool shows under the title when the link unfurls.
    let card_description = if description.is_empty() {
        adr.status.label().to_owned()
    } else {
        format!("{} · {description}", adr.status.label())
    };
    let page_url = state.url(&path);
    let preview = state.url(&format!("/adr/{number}/preview.png"));
    let markdown_link = export::markdown_link(number, &doc.title, &page_url);
    let tickets = state.tickets.clone();
    let amended = adr.amended_since_acceptance().map(|accepted| {
        let diff = format!("/adr/{number}/history?from={accepted}&to={}", adr.version);
        view! {
            <p class="amended" data-testid="amended">
                "Amended after acceptance: the text changed after revision " {accepted}
                " accepted it. " <a href=diff>"See what changed"</a>
            </p>
        }
    });
    let people = [
        (
            "Decision-makers",
            doc.decision_makers.clone(),
            "decision_maker",
        ),
        ("Consulted", doc.consulted.clone(), ""),
        ("Informed", doc.informed.clone(), ""),
    ];
    Ok(view! {
        <PageTitle text=page_title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:site_name" content="Tradeoff"/>
        <Meta property="og:title" content=page_title.clone()/>
        <Meta property="og:description" content=card_description.clone()/>
        <Meta property="og:url" content=page_url.clone()/>
        <Meta property="og:image" content=preview.clone()/>
        <Meta property="og:image:width" content="1200"/>
        <Meta property="og:image:height" content="630"/>
        <Meta property="og:image:alt" content=page_title.clone()/>
        <Meta name="twitter:card" content="summary_large_image"/>
        <Meta name="twitter:title" content=page_title.clone()/>
        <Meta name="twitter:description" content=card_description/>
        <Meta name="twitter:image" content=preview/>
        <Link rel="canonical" href=page_url.clone()/>
        <article class="adr" data-number=number data-version=adr.version>
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/">"Decision log"</a> " / " <span>{display.clone()}</span>
            </nav>
            <header class="adr-head">
                <p class="adr-number">{display.clone()}</p>
                <h1>{doc.title.clone()}</h1>
                <p class="adr-status">
                    <StatusBadge status=adr.status/>
                    <span class="version">" Version " {adr.version}</span>
                    <a class="button" href=format!("/adr/{number}/edit")>"Edit"</a>
                </p>
                <p class="adr-share" aria-label="Share and export">
                    <CopyLink href=page_url.clone() text=page_url.clone() label="Copy link".to_owned()/>
                    <CopyLink href=format!("/adr/{number}/link.md") text=markdown_link label="Copy markdown link".to_owned()/>
                    <a href=format!("/adr/{number}/export.md") download="" data-testid="export-md">"Download markdown"</a>
                    <a href=format!("/adr/{number}/export.md?format=nygard") download="">"adr-tools form"</a>
                    <a href=format!("/adr/{number}/badge.svg")>"Status badge"</a>
                </p>
                {amended}
                {deviation_mark(number, &report)}
                <dl class="meta">
                    <dt>"Date"</dt>
                    <dd>{doc.date.clone()}</dd>
                    {people
                        .into_iter()
                        .filter(|(_, names, _)| !names.is_empty())
                        .map(|(label, names, filter)| {
                            view! {
                                <dt>{label}</dt>
                                <dd>
                                    {names
                                        .into_iter()
                                        .map(|name| {
                                            if filter.is_empty() {
                                                view! { <span class="person">{name}</span> " " }.into_any()
                                            } else {
                                                let href = format!("/?{filter}={}", encode_component(&name));
                                                view! { <a class="person" href=href>{name}</a> " " }.into_any()
                                            }
                                        })
                                        .collect_view()}
                                </dd>
                            }
                        })
                        .collect_view()}
                    {(!doc.tags.is_empty())
                        .then(|| {
                            view! {
                                <dt>"Tags"</dt>
                                <dd>
                                    {doc
                                        .tags
                                        .iter()
                                        .map(|tag| view! { <a class="tag" href=format!("/?tag={}", encode_component(tag))>{tag.clone()}</a> " " })
                                        .collect_view()}
                                </dd>
                            }
                        })}
                    {(!doc.tickets.is_empty())
                        .then(|| {
                            view! {
                                <dt>"Tickets"</dt>
                                <dd>{doc.tickets.iter().map(|ticket| ticket_link(ticket, tickets.href(ticket))).collect_view()}</dd>
                            }
                        })}
                </dl>
            </header>
            <div class="adr-layout">
                <div class="adr-main">
                    <AdrBody doc=doc rendered=stored.rendered cited=cited/>
                    <AgainstTheGuide number=number report=report chosen=chosen_name options=option_names cited=deviation_cited/>
                    <EvidencePanel view=evidence_view/>
                </div>
                <aside class="adr-side">
                    {lifecycle(&adr, &revisions, refused.clone())}
                    {relations(number, &adr.relations, refused)}
                    {history(number, &revisions)}
                </aside>
            </div>
        </article>
    }
    .into_any())
}

/// A ticket reference: a link where its template (or the reference itself, for a URL) leads,
/// and the list of every ADR citing it.
fn ticket_link(ticket: &str, href: Option<String>) -> impl IntoView + use<> {
    let list = format!("/?ticket={}", encode_component(ticket));
    view! {
        <span class="ticket">
            {match href {
                Some(href) => view! { <a href=href rel="noopener noreferrer nofollow" data-testid="ticket-link">{ticket.to_owned()}</a> }.into_any(),
                None => view! { <code>{ticket.to_owned()}</code> }.into_any(),
            }}
            " " <a class="small" href=list>"(all ADRs)"</a> " "
        </span>
    }
}

fn refusal(refused: &Option<RefusedAction>, form: PageForm) -> impl IntoView + use<> {
    refused
        .as_ref()
        .filter(|r| r.form == form)
        .map(|r| {
            view! {
                <p class="form-error" role="alert" data-code=r.error.code.clone()>{r.error.message.clone()}</p>
            }
        })
}

fn lifecycle(
    adr: &Adr,
    revisions: &[RevisionInfo],
    refused: Option<RefusedAction>,
) -> impl IntoView + use<> {
    let number = adr.number;
    // Revisions come newest first; the lifecycle reads oldest first.
    let transitions: Vec<(Status, Status, String, String)> = revisions
        .iter()
        .rev()
        .filter_map(|r| {
            Some((
                r.previous_status?,
                r.status,
                r.actor.clone(),
                r.created_at.clone(),
            ))
        })
        .collect();
    let action = format!("/adr/{number}/status");
    let moves = adr.status.allowed_moves();
    view! {
        <section class="side-block lifecycle" aria-labelledby="lifecycle-heading">
            <h2 id="lifecycle-heading">"Lifecycle"</h2>
            {refusal(&refused, PageForm::Status)}
            {moves.is_empty().then(|| view! { <p class="hint">"This status is final."</p> })}
            <div class="moves">
                {moves
                    .iter()
                    .map(|to| {
                        let to = *to;
                        if to == Status::Superseded {
                            view! {
                                <form method="post" action=action.clone() class="move superseded">
                                    <input type="hidden" name="status" value=to.as_str()/>
                                    <label class="field">
                                        <span class="label">"Superseded by (ADR numbers)"</span>
                                        <input type="text" name="superseded_by" placeholder="e.g. 12, 15" required/>
                                    </label>
                                    <button type="submit">{to.action_label()}</button>
                                </form>
                            }
                                .into_any()
                        } else {
                            view! {
                                <form method="post" action=action.clone() class="move">
                                    <input type="hidden" name="status" value=to.as_str()/>
                                    <button type="submit" data-to=to.as_str()>{to.action_label()}</button>
                                </form>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </div>
            {(adr.status == Status::Draft).then(|| delete_draft(number))}
            {(!transitions.is_empty())
                .then(|| {
                    view! {
                        <ol class="transitions">
                            {transitions
                                .into_iter()
                                .map(|(from, to, actor, at)| {
                                    view! {
                                        <li>
                                            {format!("{from} → ")} <strong>{to.as_str()}</strong>
                                            <span class="when">{format!(" {} by {actor}", clock::display(&at))}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
        </section>
    }
}

/// The way to delete a draft: a step to open first, saying what it does, then the button.
fn delete_draft(number: i64) -> impl IntoView + use<> {
    let display = adr_key::display(number);
    view! {
        <details class="confirm delete-draft">
            <summary>"Delete this draft"</summary>
            <p class="hint">
                {format!(
                    "{display} leaves the log, its lists and search. Its number is not reused, and its page will say who deleted it and when. Only a draft can be deleted."
                )}
            </p>
            <form method="post" action=format!("/adr/{number}/delete")>
                <button type="submit" class="danger">{format!("Delete {display}")}</button>
            </form>
        </details>
    }
}

fn relations(
    number: i64,
    relations: &[Relation],
    refused: Option<RefusedAction>,
) -> impl IntoView + use<> {
    let items: Vec<_> = relations.to_vec();
    view! {
        <section class="side-block relations" aria-labelledby="relations-heading">
            <h2 id="relations-heading">"Relations"</h2>
            {if items.is_empty() {
                view! { <p class="hint">"No related decisions yet."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {items
                            .into_iter()
                            .map(|r| {
                                let href = adr_key::canonical_path(r.number, &r.title);
                                let target = adr_key::display(r.number);
                                let what = format!("{} {target}", r.kind.label().to_lowercase());
                                view! {
                                    <li data-relation=r.kind.as_str()>
                                        <span class="rel">{r.kind.label()}</span> " "
                                        <a href=href>{target.clone()} ": " {r.title}</a>
                                        <details class="confirm">
                                            <summary aria-label=format!("Remove the relation: {what}")>"Remove"</summary>
                                            <form method="post" action=format!("/adr/{number}/links/delete")>
                                                <input type="hidden" name="type" value=r.kind.as_str()/>
                                                <input type="hidden" name="target" value=r.number/>
                                                <button type="submit" class="danger">{format!("Remove \"{what}\"")}</button>
                                            </form>
                                        </details>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {refusal(&refused, PageForm::Link)}
            <form method="post" action=format!("/adr/{number}/links") class="link-form">
                <select name="type" aria-label="Relation">
                    {RelationType::ALL.into_iter().map(|t| view! { <option value=t.as_str()>{t.label()}</option> }).collect_view()}
                </select>
                <input type="text" name="target" placeholder="ADR number" aria-label="Related ADR number" required/>
                <button type="submit">"Link"</button>
            </form>
        </section>
    }
}

fn history(number: i64, revisions: &[RevisionInfo]) -> impl IntoView + use<> {
    let recent: Vec<_> = revisions.iter().take(5).cloned().collect();
    view! {
        <section class="side-block history" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="revisions">
                {recent
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <a href=format!("/adr/{number}/v/{}", r.revision)>"Revision " {r.revision}</a>
                                " " <span class="change">{r.change}</span>
                                <span class="when">" " {clock::display(&r.created_at)} " by " {r.actor}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <a href=format!("/adr/{number}/history")>"Full history and differences"</a>
        </section>
    }
}

/// The "deviates from the guide" mark under the title, while it applies.
fn deviation_mark(number: i64, report: &AssessmentReport) -> impl IntoView + use<> {
    let assess = format!("/adr/{number}/assess#scenario-fit");
    match report.deviation.state {
        DeviationState::None => None,
        DeviationState::Unjustified => Some(
            view! {
                <p class="deviation unjustified" data-testid="deviation-mark">
                    <strong>"Deviates from the guide"</strong>
                    ": the chosen option is one a cited row says to avoid, and no justification is written yet. "
                    <a href=assess>"Justify the deviation"</a>
                </p>
            }
            .into_any(),
        ),
        DeviationState::Justified => Some(
            view! {
                <p class="deviation justified" data-testid="deviation-mark">
                    <strong>"Deviates from the guide, with a justification"</strong>
                    " (below, beside the chosen option)."
                </p>
            }
            .into_any(),
        ),
    }
}
