//! The markdown fields of a document rendered to sanitised HTML once, when it is saved, so
//! that reading an ADR never re-renders markdown.

use crate::model::adr::AdrDocument;
use crate::ssr::markdown::{render_block, render_inline};
use serde::{Deserialize, Serialize};

/// Sanitised HTML for every markdown field of a document, in the document's shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderedAdr {
    pub context: String,
    pub decision_drivers: Vec<String>,
    pub options: Vec<RenderedOption>,
    pub justification: String,
    pub consequences_good: Vec<String>,
    pub consequences_bad: Vec<String>,
    pub confirmation: String,
    pub more_information: String,
}

/// Sanitised HTML for one option.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderedOption {
    pub description: String,
    pub good: Vec<String>,
    pub neutral: Vec<String>,
    pub bad: Vec<String>,
}

fn inline_all(items: &[String]) -> Vec<String> {
    items.iter().map(|item| render_inline(item)).collect()
}

/// Renders every markdown field of `doc`.
pub fn render(doc: &AdrDocument) -> RenderedAdr {
    RenderedAdr {
        context: render_block(&doc.context),
        decision_drivers: inline_all(&doc.decision_drivers),
        options: doc
            .options
            .iter()
            .map(|o| RenderedOption {
                description: render_block(&o.description),
                good: inline_all(&o.good),
                neutral: inline_all(&o.neutral),
                bad: inline_all(&o.bad),
            })
            .collect(),
        justification: render_block(&doc.justification),
        consequences_good: inline_all(&doc.consequences_good),
        consequences_bad: inline_all(&doc.consequences_bad),
        confirmation: render_block(&doc.confirmation),
        more_information: render_block(&doc.more_information),
    }
}
