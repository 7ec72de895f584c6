//! Full-text search: what text of an ADR is indexed, and how a user's words become a safe
//! FTS5 query. Any input, punctuation and FTS5 operators included, becomes plain words.

use crate::model::adr::AdrDocument;

/// The searchable text of a document besides its title.
pub fn body_text(doc: &AdrDocument) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.push(&doc.context);
    parts.extend(doc.decision_drivers.iter().map(String::as_str));
    for option in &doc.options {
        parts.push(&option.name);
        parts.push(&option.description);
        for list in [&option.good, &option.neutral, &option.bad] {
            parts.extend(list.iter().map(String::as_str));
        }
    }
    parts.push(&doc.justification);
    for list in [
        &doc.consequences_good,
        &doc.consequences_bad,
        &doc.decision_makers,
        &doc.consulted,
        &doc.informed,
        &doc.tags,
        &doc.tickets,
    ] {
        parts.extend(list.iter().map(String::as_str));
    }
    parts.push(&doc.confirmation);
    parts.push(&doc.more_information);
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

/// The shortest last word that is searched as a prefix: shorter prefixes expand to too
/// many words to be useful or fast.
const PREFIX_MIN: usize = 3;

/// The FTS5 query for what a user typed: every word must appear, the last (when it has at
/// least three letters) also as the start of a longer word, so results follow typing.
/// `None` when the input holds no searchable word at all.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return None;
    }
    let last_len = words.last().map_or(0, |w| w.chars().count() - 2);
    let mut query = words.join(" ");
    if last_len >= PREFIX_MIN {
        query.push('*');
    }
    Some(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_and_operators_neutralised() {
        assert_eq!(
            fts_query("cache layer").as_deref(),
            Some("\"cache\" \"layer\"*")
        );
        assert_eq!(
            fts_query("a\" OR b* NEAR(c) -d ^e:f").as_deref(),
            Some("\"a\" \"OR\" \"b\" \"NEAR\" \"c\" \"d\" \"e\" \"f\"")
        );
        assert_eq!(
            fts_query("Göteborg's p99").as_deref(),
            Some("\"Göteborg\" \"s\" \"p99\"*")
        );
        assert_eq!(
            fts_query("a:b").as_deref(),
            Some("\"a\" \"b\""),
            "no one-letter prefix"
        );
        assert_eq!(fts_query("  \"*^-() "), None);
        assert_eq!(fts_query(""), None);
    }
}
