//! Ticket references on ADRs (`PLAT-123`, `#45`, or a URL) and the links they become through
//! URL templates configured per key prefix (`TRADEOFF_TICKET_URL_PLAT`).

use crate::model::query::encode_component;
use serde::{Deserialize, Serialize};

/// The URL templates of ticket systems: `{key}` in a template stands for the reference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketLinks {
    /// `(PREFIX, template)` pairs, prefixes in upper case.
    by_prefix: Vec<(String, String)>,
    /// For references without a configured prefix of their own, such as `#45`.
    fallback: Option<String>,
}

/// Why a template cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the ticket URL template for {0} must start with https:// or http://")]
    NotHttp(String),
    #[error("the ticket URL template for {0} has no {{key}} in it")]
    NoKey(String),
    #[error("'{0}' is not a ticket key prefix: use letters, digits and underscores")]
    BadPrefix(String),
}

fn check(name: &str, template: &str) -> Result<String, TemplateError> {
    let template = template.trim();
    if !(template.starts_with("https://") || template.starts_with("http://")) {
        return Err(TemplateError::NotHttp(name.to_owned()));
    }
    if !template.contains("{key}") {
        return Err(TemplateError::NoKey(name.to_owned()));
    }
    Ok(template.to_owned())
}

impl TicketLinks {
    /// Templates from `(prefix, template)` pairs; an empty prefix is the fallback.
    pub fn new<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, TemplateError> {
        let mut links = TicketLinks::default();
        for (prefix, template) in pairs {
            let prefix = prefix.trim();
            if prefix.is_empty() {
                links.fallback = Some(check("references without a prefix", template)?);
                continue;
            }
            if !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return Err(TemplateError::BadPrefix(prefix.to_owned()));
            }
            let prefix = prefix.to_ascii_uppercase();
            let template = check(&prefix, template)?;
            links.by_prefix.retain(|(p, _)| *p != prefix);
            links.by_prefix.push((prefix, template));
        }
        links.by_prefix.sort();
        Ok(links)
    }

    /// Whether any template is configured.
    pub fn is_empty(&self) -> bool {
        self.by_prefix.is_empty() && self.fallback.is_none()
    }

    /// Where `reference` leads: itself for a URL, its template's URL for a key, or `None`
    /// when no template covers it.
    pub fn href(&self, reference: &str) -> Option<String> {
        let reference = reference.trim();
        if is_url(reference) {
            return Some(reference.to_owned());
        }
        let template = match prefix(reference) {
            Some(p) => self
                .by_prefix
                .iter()
                .find(|(prefix, _)| prefix.eq_ignore_ascii_case(p))
                .map(|(_, t)| t)
                .or(self.fallback.as_ref()),
            None => self.fallback.as_ref(),
        }?;
        let key = reference.trim_start_matches('#');
        if key.is_empty() {
            return None;
        }
        // A space as `%20`, not `+`: templates put the key in paths as well as queries.
        let key = encode_component(key).replace('+', "%20");
        Some(template.replace("{key}", &key))
    }
}

/// Whether a reference is a web address rather than a key.
pub fn is_url(reference: &str) -> bool {
    reference.starts_with("https://") || reference.starts_with("http://")
}

/// The project prefix of a key such as `PLAT-123` (`PLAT`), or `None` for `#45` and other
/// shapes.
pub fn prefix(reference: &str) -> Option<&str> {
    let (head, tail) = reference.split_once('-')?;
    let head_ok = !head.is_empty()
        && head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let tail_ok = !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit());
    (head_ok && tail_ok).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> TicketLinks {
        TicketLinks::new([
            ("plat", "https://tickets.example.com/browse/{key}"),
            ("", "https://github.com/acme/api/issues/{key}"),
        ])
        .unwrap()
    }

    #[test]
    fn keys_follow_their_prefix_template() {
        let links = links();
        assert_eq!(
            links.href("PLAT-123").as_deref(),
            Some("https://tickets.example.com/browse/PLAT-123")
        );
        assert_eq!(
            links.href("plat-9").as_deref(),
            Some("https://tickets.example.com/browse/plat-9")
        );
        assert_eq!(
            links.href("#45").as_deref(),
            Some("https://github.com/acme/api/issues/45")
        );
        // A prefix without its own template falls back too.
        assert_eq!(
            links.href("OPS-7").as_deref(),
            Some("https://github.com/acme/api/issues/OPS-7")
        );
    }

    #[test]
    fn urls_are_their_own_links_and_unknown_keys_have_none() {
        let only_plat = TicketLinks::new([("PLAT", "https://t.example.com/{key}")]).unwrap();
        assert_eq!(
            only_plat.href("https://x.example.com/1").as_deref(),
            Some("https://x.example.com/1")
        );
        assert_eq!(only_plat.href("OPS-7"), None);
        assert_eq!(only_plat.href("#45"), None);
        assert_eq!(only_plat.href("#"), None);
        assert!(TicketLinks::default().is_empty());
    }

    #[test]
    fn keys_are_encoded_into_the_template() {
        let links = TicketLinks::new([("", "https://t.example.com/?q={key}")]).unwrap();
        assert_eq!(
            links.href("a b&c").as_deref(),
            Some("https://t.example.com/?q=a%20b%26c")
        );
    }

    #[test]
    fn bad_templates_are_refused_with_the_reason() {
        assert_eq!(
            TicketLinks::new([("PLAT", "javascript:alert(1)//{key}")]),
            Err(TemplateError::NotHttp("PLAT".into()))
        );
        assert_eq!(
            TicketLinks::new([("PLAT", "https://t.example.com/")]),
            Err(TemplateError::NoKey("PLAT".into()))
        );
        assert_eq!(
            TicketLinks::new([("PL-AT", "https://t.example.com/{key}")]),
            Err(TemplateError::BadPrefix("PL-AT".into()))
        );
    }

    #[test]
    fn prefixes_are_read_from_keys_only() {
        assert_eq!(prefix("PLAT-123"), Some("PLAT"));
        assert_eq!(prefix("A1_B-2"), Some("A1_B"));
        assert_eq!(prefix("#45"), None);
        assert_eq!(prefix("PLAT-"), None);
        assert_eq!(prefix("PLAT-12a"), None);
        assert_eq!(prefix("1X-2"), None);
    }
}
