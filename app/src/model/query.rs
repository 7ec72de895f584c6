//! What the decision list can be asked for: filters, search, sorting and a page.
//! The home page's query string and the API's use the same names.

use crate::model::assessment::DeviationState;
use crate::model::error::FieldError;
use crate::model::status::Status;
use crate::model::validation::is_iso_date;
use serde::{Deserialize, Serialize};

/// Rows per page when none is asked for.
pub const DEFAULT_LIMIT: i64 = 25;
/// Most rows one request may ask for.
pub const MAX_LIMIT: i64 = 200;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best search match first (among the newest matches, see `adr_repo::RANK_WINDOW`);
    /// without a search, newest first.
    #[default]
    Relevance,
    Newest,
    Oldest,
    DateDesc,
    DateAsc,
    Title,
    Updated,
}

impl Sort {
    pub const ALL: [Sort; 7] = [
        Sort::Relevance,
        Sort::Newest,
        Sort::Oldest,
        Sort::DateDesc,
        Sort::DateAsc,
        Sort::Title,
        Sort::Updated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::DateDesc => "date_desc",
            Sort::DateAsc => "date_asc",
            Sort::Title => "title",
            Sort::Updated => "updated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Best match / newest",
            Sort::Newest => "Number, newest first",
            Sort::Oldest => "Number, oldest first",
            Sort::DateDesc => "Date, latest first",
            Sort::DateAsc => "Date, earliest first",
            Sort::Title => "Title A-Z",
            Sort::Updated => "Recently updated",
        }
    }
}

/// A validated list request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    pub q: Option<String>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub decision_maker: Option<String>,
    pub ticket: Option<String>,
    /// ADRs that cite this matrix row: `(matrix id, row id)`.
    pub cites: Option<(String, String)>,
    pub deviation: Option<DeviationState>,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub sort: Sort,
    pub limit: i64,
    pub offset: i64,
}

impl ListQuery {
    /// Reads a query from `name=value` pairs, as the page URL and the API carry them.
    /// Empty values mean "no filter". Unknown names are ignored.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FieldError> {
        let mut query = ListQuery {
            limit: DEFAULT_LIMIT,
            ..ListQuery::default()
        };
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let text = Some(value.to_owned());
            match name {
                "q" => query.q = text,
                "status" => {
                    query.status = Some(
                        value
                            .parse()
                            .map_err(|e: crate::model::status::UnknownStatus| {
                                FieldError::new("status", e.to_string())
                            })?,
                    )
                }
                "tag" => query.tag = Some(value.to_lowercase()),
                "decision_maker" => query.decision_maker = text,
                "ticket" => query.ticket = text,
                "cites" => {
                    query.cites = Some(
                        value
                            .split_once('/')
                            .filter(|(m, r)| !m.is_empty() && !r.is_empty())
                            .map(|(m, r)| (m.to_owned(), r.to_owned()))
                            .ok_or_else(|| {
                                FieldError::new("cites", format!("cites '{value}' must be matrix/row, like architecture-decision-matrix/cli-tool"))
                            })?,
                    )
                }
                "deviation" => {
                    query.deviation = Some(DeviationState::parse(value).ok_or_else(|| {
                        FieldError::new(
                            "deviation",
                            format!("unknown deviation '{value}'; expected none, unjustified or justified"),
                        )
                    })?)
                }
                "date_from" | "date_to" => {
                    if !is_iso_date(value) {
                        return Err(FieldError::new(
                            name,
                            format!("{name} '{value}' is not a date in the form YYYY-MM-DD"),
                        ));
                    }
                    if name == "date_from" {
                        query.date_from = text;
                    } else {
                        query.date_to = text;
                    }
                }
                "sort" => {
                    query.sort = Sort::ALL
                        .into_iter()
                        .find(|s| s.as_str() == value)
                        .ok_or_else(|| {
                            FieldError::new(
                                "sort",
                                format!(
                                    "unknown sort '{value}'; expected one of relevance, newest, oldest, date_desc, date_asc, title, updated"
                                ),
                            )
                        })?
                }
                "limit" => {
                    query.limit = value
                        .parse::<i64>()
                        .ok()
                        .filter(|n| (1..=MAX_LIMIT).contains(n))
                        .ok_or_else(|| {
                            FieldError::new(
                                "limit",
                                format!("limit must be a whole number from 1 to {MAX_LIMIT}"),
                            )
                        })?
                }
                "offset" => {
                    query.offset = value
                        .parse::<i64>()
                        .ok()
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| {
                            FieldError::new("offset", "offset must be a whole number, 0 or more")
                        })?
                }
                "page" => {
                    let page = value.parse::<i64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        FieldError::new("page", "page must be a whole number, 1 or more")
                    })?;
                    query.offset = (page - 1).saturating_mul(query.limit);
                }
                _ => {}
            }
        }
        Ok(query)
    }

    /// Whether anything besides the search words narrows the list.
    pub fn has_filters(&self) -> bool {
        self.status.is_some()
            || self.tag.is_some()
            || self.decision_maker.is_some()
            || self.ticket.is_some()
            || self.cites.is_some()
            || self.deviation.is_some()
            || self.date_from.is_some()
            || self.date_to.is_some()
    }

    /// The query string for this query with another offset, for pagination links.
    pub fn to_query_string(&self, offset: i64) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        let mut push = |name, value: &Option<String>| {
            if let Some(v) = value {
                parts.push((name, v.clone()));
            }
        };
        push("q", &self.q);
        push("status", &self.status.map(|s| s.as_str().to_owned()));
        push("tag", &self.tag);
        push("decision_maker", &self.decision_maker);
        push("ticket", &self.ticket);
        push(
            "cites",
            &self.cites.as_ref().map(|(m, r)| format!("{m}/{r}")),
        );
        push("deviation", &self.deviation.map(|d| d.as_str().to_owned()));
        push("date_from", &self.date_from);
        push("date_to", &self.date_to);
        if self.sort != Sort::Relevance {
            parts.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.limit != DEFAULT_LIMIT {
            parts.push(("limit", self.limit.to_string()));
        }
        if offset > 0 {
            parts.push(("offset", offset.to_string()));
        }
        parts
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query-string value.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_read_and_empty_ones_ignored() {
        let q = ListQuery::from_pairs([
            ("q", " cache layer "),
            ("status", "accepted"),
            ("tag", "Payments"),
            ("ticket", ""),
            ("date_from", "2026-01-01"),
            ("sort", "title"),
            ("limit", "10"),
            ("page", "3"),
        ])
        .unwrap();
        assert_eq!(q.q.as_deref(), Some("cache layer"));
        assert_eq!(q.status, Some(Status::Accepted));
        assert_eq!(q.tag.as_deref(), Some("payments"));
        assert_eq!(q.ticket, None);
        assert_eq!(q.sort, Sort::Title);
        assert_eq!((q.limit, q.offset), (10, 20));
    }

    #[test]
    fn bad_values_name_their_field() {
        for (name, value) in [
            ("status", "done"),
            ("limit", "0"),
            ("limit", "1000"),
            ("offset", "-1"),
            ("date_to", "yesterday"),
            ("sort", "random"),
            ("page", "0"),
        ] {
            let err = ListQuery::from_pairs([(name, value)]).unwrap_err();
            assert_eq!(err.field, name);
        }
    }

    #[test]
    fn query_strings_round_trip() {
        let q = ListQuery::from_pairs([("q", "a&b c"), ("status", "draft"), ("sort", "oldest")])
            .unwrap();
        assert_eq!(
            q.to_query_string(50),
            "q=a%26b+c&status=draft&sort=oldest&offset=50"
        );
    }
}
