//! The `<datalist>`s of tags and names in use, each with its count, which text inputs name
//! in their `list` attribute. Browsers offer them without JavaScript.

use crate::model::suggestion::{InUse, Suggestions};
use leptos::prelude::*;

#[component]
pub fn SuggestionLists(suggestions: Suggestions) -> impl IntoView {
    let list = |id: &'static str, values: Vec<InUse>| {
        view! {
            <datalist id=id>
                {values
                    .into_iter()
                    .map(|v| view! { <option value=v.value.clone() label=v.label()></option> })
                    .collect_view()}
            </datalist>
        }
    };
    view! {
        {list(Suggestions::TAGS, suggestions.tags)}
        {list(Suggestions::DECISION_MAKERS, suggestions.decision_makers)}
        {list(Suggestions::PEOPLE, suggestions.people)}
    }
}
