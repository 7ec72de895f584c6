//! A chart on a page: the SVG as an image (it reads without JavaScript), with links to the
//! PNG and copy buttons for its link and for markdown that shows it in a ticket.

use crate::components::copy_link::CopyLink;
use leptos::prelude::*;

/// A chart at `path` (`/adr/7/charts/benchmarks`, without extension) with `query`
/// (`?base=Go`, or empty), described by `alt`; `name` (`ADR-0007 benchmarks`) is the
/// markdown's text, the same the `.md` link gives.
#[component]
pub fn ChartFigure(
    /// The site's base URL, for links that work outside it.
    public_url: String,
    path: String,
    query: String,
    alt: String,
    name: String,
    #[prop(default = "chart")] class: &'static str,
) -> impl IntoView {
    let svg = format!("{path}.svg{query}");
    let png = format!("{path}.png{query}");
    let absolute_png = format!("{public_url}{png}");
    let markdown = crate::ssr::charts::markdown(&name, &absolute_png);
    let kind = path.rsplit('/').next().unwrap_or_default().to_owned();
    let link = svg.clone();
    view! {
        <figure class=class data-chart=kind>
            <a href=link>
                <img src=svg alt=alt loading="lazy"/>
            </a>
            <figcaption class="chart-links">
                <CopyLink href=absolute_png.clone() text=absolute_png.clone() label="Copy image link".to_owned()/>
                <CopyLink href=format!("{path}.md{query}") text=markdown label="Copy markdown".to_owned()/>
                <a href=png>"PNG"</a>
            </figcaption>
        </figure>
    }
}
