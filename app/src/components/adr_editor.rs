//! The ADR edit form, as an island. Without JavaScript it is a plain form that posts to the
//! page's own URL. With JavaScript it saves through a server function, shows errors inline,
//! keeps the user's text in a conflict, previews the markdown as rendered by the server
//! (debounced, so no markdown code ships to the browser) and warns before leaving with
//! unsaved changes. The form's DOM is the state: values are read from it when needed.

use crate::components::raw_text::textarea_text;
use crate::model::error::ApiError;
use crate::model::form::{AdrForm, Conflict, OptionForm, chosen_marker};
use crate::model::suggestion::Suggestions;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Everything the editor starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorSetup {
    /// Where the plain form posts: the page's own path.
    pub action: String,
    /// Where "Cancel" leads.
    pub cancel_url: String,
    /// `None` for a new ADR.
    pub number: Option<i64>,
    pub base_version: Option<i64>,
    pub form: AdrForm,
    pub error: Option<ApiError>,
    pub conflict: Option<Conflict>,
    pub preview: Option<String>,
}

/// Reads the form's current values, the same names a plain post carries.
fn read_form(form: &web_sys::HtmlFormElement) -> AdrForm {
    use wasm_bindgen::JsCast;
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Ok(data) = web_sys::FormData::new_with_form(form)
        && let Ok(Some(entries)) = js_sys::try_iter(&data)
    {
        for entry in entries.flatten() {
            let entry: js_sys::Array = entry.unchecked_into();
            // File entries have no string value; this form has none.
            if let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string())
            {
                pairs.push((name, value));
            }
        }
    }
    AdrForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[island]
pub fn AdrEditor(setup: EditorSetup) -> impl IntoView {
    let EditorSetup {
        action,
        cancel_url,
        number,
        base_version,
        form,
        error,
        conflict,
        preview,
    } = setup;
    let error = RwSignal::new(error);
    let conflict = RwSignal::new(conflict);
    let preview = RwSignal::new(preview.unwrap_or_default());
    let base = RwSignal::new(base_version);
    let dirty = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    let preview_seq = StoredValue::new(0u32);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let form_ref = NodeRef::<leptos::html::Form>::new();

    // Existing options, then one blank block so that an option can be added without JavaScript.
    let mut initial_rows: Vec<(usize, OptionForm)> =
        form.options.iter().cloned().enumerate().collect();
    initial_rows.push((initial_rows.len(), OptionForm::default()));
    let next_key = StoredValue::new(initial_rows.len());
    let rows = RwSignal::new(initial_rows);
    let chosen = form.chosen_option.clone();

    Effect::new(move |_| {
        hydrated.set(true);
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || handle.remove());
    });

    let refresh_preview = move || {
        let Some(el) = form_ref.get_untracked() else {
            return;
        };
        let form = read_form(&el);
        let seq = preview_seq.get_value() + 1;
        preview_seq.set_value(seq);
        leptos::task::spawn_local(async move {
            if let Ok(html) = crate::api::adr::preview_adr(form).await {
                // A slower answer to an older request must not replace a newer preview.
                if preview_seq.get_value() == seq {
                    preview.set(html);
                }
            }
        });
    };

    let on_input = move |_| {
        dirty.set(true);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(refresh_preview, Duration::from_millis(350)).ok());
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = form_ref.get_untracked() else {
            return;
        };
        let submitter = ev.submitter();
        let name = submitter.as_ref().and_then(|s| s.get_attribute("name"));
        let value = submitter.as_ref().and_then(|s| s.get_attribute("value"));
        match name.as_deref() {
            Some("intent") if value.as_deref() == Some("preview") => {
                refresh_preview();
                return;
            }
            Some("overwrite") => base.set(value.and_then(|v| v.parse().ok())),
            _ => {}
        }
        let form = read_form(&el);
        saving.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::adr::save_adr(number, base.get_untracked(), form.clone()).await {
                Ok(saved) => {
                    dirty.set(false);
                    let _ = window().location().set_href(&saved.url);
                }
                Err(refused) => {
                    if refused.code == "stale_version" {
                        if let Some(number) = number
                            && let Ok(theirs) = crate::api::adr::load_adr_form(number).await
                        {
                            conflict.set(Some(Conflict {
                                current_version: theirs.version,
                                changes: form.changes_from(&theirs.form),
                            }));
                        }
                    } else {
                        conflict.set(None);
                    }
                    error.set(Some(refused));
                    saving.set(false);
                }
            }
        });
    };

    let field_error = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.message_for(field))
                .map(|message| view! { <p class="field-error" id=format!("{field}-error")>{message}</p> })
        }
    };
    // `list` names the page's datalist of values in use, when there is one.
    let text_input = move |label: &'static str,
                           name: &'static str,
                           value: String,
                           hint: &'static str,
                           list: Option<&'static str>| {
        view! {
            <label class="field">
                <span class="label">{label}</span>
                <input type="text" name=name value=value maxlength="2000" list=list/>
                {(!hint.is_empty()).then(|| view! { <span class="hint">{hint}</span> })}
                {field_error(name)}
            </label>
        }
    };
    let text_area = move |label: &'static str,
                          name: &'static str,
                          value: String,
                          hint: &'static str,
                          rows: u8| {
        view! {
            <label class="field">
                <span class="label">{label}</span>
                <textarea name=name rows=rows>{textarea_text(&value)}</textarea>
                {(!hint.is_empty()).then(|| view! { <span class="hint">{hint}</span> })}
                {field_error(name)}
            </label>
        }
    };
    let conflict_url = action.clone();
    let submit_label = if number.is_some() {
        "Save changes"
    } else {
        "Create ADR"
    };

    view! {
        <form
            method="post"
            action=action
            class="adr-form"
            node_ref=form_ref
            on:submit=on_submit
            on:input=on_input
            data-hydrated=move || hydrated.get().then_some("true")
        >
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="form-error" role="alert" data-testid="form-error" data-code=e.code.clone()>
                                <p>{e.message.clone()}</p>
                                {(e.errors.len() > 1)
                                    .then(|| {
                                        view! {
                                            <ul>
                                                {e
                                                    .errors
                                                    .iter()
                                                    .map(|f| view! { <li>{f.describe()}</li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            {move || {
                let discard_url = conflict_url.clone();
                conflict
                    .get()
                    .map(|c| {
                        view! {
                            <section class="conflict" data-testid="conflict">
                                <h2>"Someone else saved this ADR while you were editing"</h2>
                                <p>
                                    "Version " {c.current_version}
                                    " is now current. Your text is still in the form below; nothing you typed is lost."
                                </p>
                                <table>
                                    <thead>
                                        <tr><th>"Field"</th><th>"Their version"</th><th>"Your version"</th></tr>
                                    </thead>
                                    <tbody>
                                        {c
                                            .changes
                                            .into_iter()
                                            .map(|change| {
                                                view! {
                                                    <tr>
                                                        <th>{change.label}</th>
                                                        <td><pre>{change.theirs}</pre></td>
                                                        <td><pre>{change.yours}</pre></td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <div class="form-actions">
                                    <button type="submit" name="overwrite" value=c.current_version.to_string() class="primary">
                                        "Save mine over version " {c.current_version}
                                    </button>
                                    <a href=discard_url on:click=move |_| dirty.set(false)>"Discard mine and load theirs"</a>
                                </div>
                            </section>
                        }
                    })
            }}
            <input type="hidden" name="version" value=base_version.map(|v| v.to_string()).unwrap_or_default()/>
            <div class="editor">
                <div class="editor-fields">
                    <fieldset>
                        <legend>"Decision"</legend>
                        <label class="field">
                            <span class="label">"Title"</span>
                            <input type="text" name="title" value=form.title.clone() required maxlength="200" autofocus=number.is_none()/>
                            {field_error("title")}
                        </label>
                        <label class="field short">
                            <span class="label">"Date"</span>
                            <input type="date" name="date" value=form.date.clone()/>
                            <span class="hint">"Empty means today."</span>
                            {field_error("date")}
                        </label>
                        {text_area("Context and problem statement", "context", form.context.clone(), "Markdown.", 6)}
                        {text_area("Decision drivers", "decision_drivers", form.decision_drivers.clone(), "One per line; markdown.", 4)}
                    </fieldset>
                    <fieldset>
                        <legend>"People and references"</legend>
                        {text_input("Decision-makers", "decision_makers", form.decision_makers.clone(), "Comma-separated.", Some(Suggestions::DECISION_MAKERS))}
                        {text_input("Consulted", "consulted", form.consulted.clone(), "Comma-separated.", Some(Suggestions::PEOPLE))}
                        {text_input("Informed", "informed", form.informed.clone(), "Comma-separated.", Some(Suggestions::PEOPLE))}
                        {text_input("Tags", "tags", form.tags.clone(), "Teams, components, topics; comma-separated.", Some(Suggestions::TAGS))}
                        {text_input("Tickets", "tickets", form.tickets.clone(), "Ticket keys or URLs; comma-separated.", None)}
                    </fieldset>
                    <fieldset class="options-editor">
                        <legend>"Considered options"</legend>
                        <For
                            each=move || rows.get()
                            key=|(key, _)| *key
                            children=move |(key, option)| {
                                let is_chosen = !chosen.is_empty()
                                    && (option.id == chosen || (option.id.is_empty() && option.name == chosen));
                                let existing = !option.id.is_empty();
                                let name = move |part: &str| format!("option.{key}.{part}");
                                view! {
                                    <div class="option-block" data-testid="option-block">
                                        <input type="hidden" name=name("id") value=option.id.clone()/>
                                        <label class="field">
                                            <span class="label">"Option name"</span>
                                            <input type="text" name=name("name") value=option.name.clone() maxlength="200"/>
                                        </label>
                                        <label class="field">
                                            <span class="label">"Description"</span>
                                            <textarea name=name("description") rows="2">{textarea_text(&option.description)}</textarea>
                                        </label>
                                        <div class="args">
                                            <label class="field">
                                                <span class="label">"Good, because"</span>
                                                <textarea name=name("good") rows="3">{textarea_text(&option.good)}</textarea>
                                            </label>
                                            <label class="field">
                                                <span class="label">"Neutral, because"</span>
                                                <textarea name=name("neutral") rows="3">{textarea_text(&option.neutral)}</textarea>
                                            </label>
                                            <label class="field">
                                                <span class="label">"Bad, because"</span>
                                                <textarea name=name("bad") rows="3">{textarea_text(&option.bad)}</textarea>
                                            </label>
                                        </div>
                                        <div class="option-controls">
                                            <label class="inline">
                                                <input type="radio" name="chosen_option" value=chosen_marker(key) checked=is_chosen/>
                                                " Chosen option"
                                            </label>
                                            {existing
                                                .then(|| {
                                                    view! {
                                                        <label class="inline">
                                                            <input type="checkbox" name=name("remove")/>
                                                            " Remove this option"
                                                        </label>
                                                    }
                                                })}
                                        </div>
                                    </div>
                                }
                            }
                        />
                        <button
                            type="button"
                            class="secondary"
                            hidden=move || !hydrated.get()
                            on:click=move |_| {
                                let key = next_key.get_value();
                                next_key.set_value(key + 1);
                                rows.update(|rows| rows.push((key, OptionForm::default())));
                            }
                        >
                            "Add another option"
                        </button>
                        <span class="hint">"Leave an option's name empty to skip it. Arguments: one per line."</span>
                        {field_error("options")}
                        {field_error("chosen_option")}
                    </fieldset>
                    <fieldset>
                        <legend>"Outcome"</legend>
                        {text_area("Justification", "justification", form.justification.clone(), "Why the chosen option; markdown.", 4)}
                        {text_area("Good consequences", "consequences_good", form.consequences_good.clone(), "One per line.", 3)}
                        {text_area("Bad consequences", "consequences_bad", form.consequences_bad.clone(), "One per line.", 3)}
                        {text_area("Confirmation", "confirmation", form.confirmation.clone(), "How compliance is checked; markdown.", 3)}
                        {text_area("More information", "more_information", form.more_information.clone(), "Markdown.", 3)}
                    </fieldset>
                </div>
                <aside class="editor-preview" aria-live="polite">
                    <h2>"Preview"</h2>
                    <div class="preview" data-testid="preview" inner_html=move || preview.get()></div>
                </aside>
            </div>
            <div class="form-actions sticky">
                <button type="submit" class="primary" disabled=move || saving.get()>{submit_label}</button>
                <button type="submit" name="intent" value="preview" class="secondary">"Preview"</button>
                <a href=cancel_url on:click=move |_| dirty.set(false)>"Cancel"</a>
                <span class="hint" hidden=move || !dirty.get()>"Unsaved changes"</span>
            </div>
        </form>
    }
}
