//! A "copy" button that is a plain link without JavaScript (to what it would copy) and,
//! once hydrated, copies its text to the clipboard and says that it did.

use leptos::prelude::*;

#[island]
pub fn CopyLink(
    /// Where the link leads without JavaScript.
    href: String,
    /// What a click copies.
    text: String,
    label: String,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<bool>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let promise = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            outcome.set(Some(copied));
        });
    };
    view! {
        <a href=href class="copy" data-hydrated=move || hydrated.get().to_string() on:click=copy>
            {label}
        </a>
        <span class="copied" role="status" aria-live="polite">
            {move || match outcome.get() {
                Some(true) => "Copied",
                Some(false) => "The browser refused: open the link and copy it",
                None => "",
            }}
        </span>
    }
}
