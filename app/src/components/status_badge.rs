//! The coloured status label used in lists and on the ADR page.

use crate::model::status::Status;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! {
        <span class=format!("badge status-{}", status.as_str()) data-status=status.as_str()>
            {status.label()}
        </span>
    }
}
