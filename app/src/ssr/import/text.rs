//! The markdown pieces every ADR format is built from: YAML front matter (the flat subset
//! that ADR tools and site generators write), headings outside fenced code, bullet lists,
//! dates written in several ways, and the relation phrases ("Superseded by [2. …](…)").

use crate::model::relation::RelationType;

/// A relation a file states, to be resolved against the other files and the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRef {
    pub kind: RelationType,
    pub target: Target,
}

/// What a relation points at: another file (by its link) or an ADR number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    File(String),
    Number(i64),
}

/// The front matter's YAML and the body after it, for a file that starts with `---`.
pub fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (Some(&rest[..at]), &rest[at + line.len()..]);
        }
        at += line.len();
    }
    (None, text)
}

/// A front matter value: text or a list of texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

/// Front matter keys and values, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta(Vec<(String, Value)>);

impl Meta {
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// A text value (a one-item list reads as its item).
    pub fn text(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| match v {
                Value::Text(t) if !t.is_empty() => Some(t.clone()),
                Value::List(items) if items.len() == 1 => Some(items[0].clone()),
                _ => None,
            })
    }

    /// A list value (a text splits at commas).
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
            Some(Value::List(items)) => items.clone(),
            Some(Value::Text(t)) => t
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect(),
            None => Vec::new(),
        }
    }
}

fn unquote(text: &str) -> String {
    let t = text.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        t[1..t.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        t[1..t.len() - 1].replace("''", "'")
    } else {
        t.to_owned()
    }
}

/// Splits a flow list `a, "b, c", d` at the commas outside quotes.
fn flow_items(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in inner.chars() {
        match quote {
            Some(q) => {
                current.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                current.push(c);
            }
            None if c == ',' => items.push(std::mem::take(&mut current)),
            None => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|i| unquote(&i))
        .filter(|i| !i.is_empty())
        .collect()
}

/// The flat YAML of front matter: `key: value`, `key: [a, b]`, and `key:` followed by
/// `- item` lines. Comments and nested maps are skipped.
pub fn front_matter(yaml: &str) -> Meta {
    let mut out: Vec<(String, Value)> = Vec::new();
    for line in yaml.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            if line.starts_with([' ', '-'])
                && let Some((_, value)) = out.last_mut()
            {
                let item = unquote(item);
                match value {
                    Value::List(items) => items.push(item),
                    Value::Text(t) if t.is_empty() => *value = Value::List(vec![item]),
                    Value::Text(_) => {}
                }
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().to_lowercase();
        let value = value.trim();
        // A trailing comment, outside quotes.
        let value = if !value.starts_with(['"', '\'']) {
            value.split(" #").next().unwrap_or("").trim()
        } else {
            value
        };
        let parsed = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Value::List(flow_items(inner)),
            None => Value::Text(unquote(value)),
        };
        out.push((key, parsed));
    }
    Meta(out)
}

/// Whether `line` opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    line.len() - t.len() <= 3 && (t.starts_with("```") || t.starts_with("~~~"))
}

/// The heading text of an ATX heading of `level` (`## Title ##` → `Title`).
fn heading(line: &str, level: usize) -> Option<String> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if hashes != level {
        return None;
    }
    let rest = &t[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = strip_comments(rest.trim().trim_end_matches('#'));
    Some(text.trim().to_owned())
}

/// The first level-1 heading, the text between it and the first level-2 heading, and the
/// level-2 sections with their bodies. Headings inside fenced code do not count.
pub fn sections(body: &str) -> (Option<String>, String, Vec<(String, String)>) {
    let mut title = None;
    let mut preamble = String::new();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        }
        if !in_fence && !is_fence(line) {
            if title.is_none()
                && out.is_empty()
                && let Some(h) = heading(line, 1)
            {
                title = Some(h);
                continue;
            }
            if let Some(h) = heading(line, 2) {
                out.push((h, String::new()));
                continue;
            }
        }
        match out.last_mut() {
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None if title.is_some() => {
                preamble.push_str(line);
                preamble.push('\n');
            }
            None => {}
        }
    }
    let out = out
        .into_iter()
        .map(|(h, t)| (h, t.trim().to_owned()))
        .collect();
    (title, preamble, out)
}

/// The text before the first level-3 heading, and the level-3 subsections.
pub fn subsections(body: &str) -> (String, Vec<(String, String)>) {
    let mut lead = String::new();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        }
        if !in_fence
            && !is_fence(line)
            && let Some(h) = heading(line, 3)
        {
            out.push((h, String::new()));
            continue;
        }
        let target = match out.last_mut() {
            Some((_, text)) => text,
            None => &mut lead,
        };
        target.push_str(line);
        target.push('\n');
    }
    (
        lead.trim().to_owned(),
        out.into_iter()
            .map(|(h, t)| (h, t.trim().to_owned()))
            .collect(),
    )
}

/// The top-level items of the bullet lists in `body` (continuation lines joined), and the
/// text that is not a list item.
pub fn bullets(body: &str) -> (Vec<String>, String) {
    let mut items: Vec<String> = Vec::new();
    let mut rest = String::new();
    let mut in_item = false;
    let mut in_fence = false;
    for line in body.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        }
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let marker = !in_fence
            && indent <= 1
            && (t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ "));
        if marker {
            let item = strip_comments(&t[2..]);
            items.push(item.trim().to_owned());
            in_item = true;
        } else if in_item && !t.is_empty() && (indent >= 2 || !in_fence) && !is_fence(line) {
            if let Some(last) = items.last_mut() {
                last.push('\n');
                last.push_str(line.trim_end());
            }
        } else {
            in_item = false;
            rest.push_str(line);
            rest.push('\n');
        }
    }
    let items = items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty() && i != "…" && i != "...")
        .collect();
    (items, rest.trim().to_owned())
}

/// `text` without HTML comments.
pub fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn valid(y: i64, m: i64, d: i64) -> Option<String> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    ((1000..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize])
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A date as `YYYY-MM-DD`, from the ways ADRs write them: `2016-02-12`, `2016/02/12`,
/// `20160212`, `12/02/2016` (day first, as adr-tools wrote before ISO dates),
/// `2016-02-12T10:00:00Z`, `12 February 2016`, `February 12, 2016`.
pub fn parse_date(raw: &str) -> Option<String> {
    let t = strip_comments(raw);
    let t = t.trim().trim_matches(['"', '\'', '*', '_', '`']).trim();
    let t = t
        .split(['T', ' '])
        .next()
        .filter(|d| {
            d.len() >= 8
                && d.chars().next().is_some_and(|c| c.is_ascii_digit())
                && d.contains(['-', '/', '.'])
        })
        .unwrap_or(t);
    let numbers: Vec<&str> = t.split(['-', '/', '.']).collect();
    let n = |s: &str| s.trim().parse::<i64>().ok();
    if numbers.len() == 3
        && numbers
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty())
    {
        let (a, b, c) = (n(numbers[0])?, n(numbers[1])?, n(numbers[2])?);
        return if numbers[0].len() == 4 {
            valid(a, b, c)
        } else if numbers[2].len() == 4 {
            valid(c, b, a)
        } else {
            None
        };
    }
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        return valid(n(&t[..4])?, n(&t[4..6])?, n(&t[6..])?);
    }
    // Words: `12 February 2016`, `February 12, 2016`, `Feb 12 2016`.
    let words: Vec<String> = t
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
        .collect();
    if words.len() == 3 {
        let month = |w: &str| {
            MONTHS
                .iter()
                .position(|m| w.len() >= 3 && w.starts_with(m))
                .map(|i| i as i64 + 1)
        };
        let day = |w: &str| n(w.trim_end_matches(|c: char| c.is_alphabetic()));
        if let (Some(m), Some(d), Some(y)) = (month(&words[1]), day(&words[0]), n(&words[2])) {
            return valid(y, m, d);
        }
        if let (Some(m), Some(d), Some(y)) = (month(&words[0]), day(&words[1]), n(&words[2])) {
            return valid(y, m, d);
        }
    }
    None
}

/// The relation phrases in `text`: `Superseded by [2. Title](0002-title.md)`, `supersedes
/// ADR-0003`, `Amended by 5`, `Relates to [x](x.md)`, as adr-tools, MADR and log4brains
/// write them.
pub fn relation_phrases(text: &str) -> Vec<LinkRef> {
    const PHRASES: [(&str, RelationType); 14] = [
        ("superseded by", RelationType::SupersededBy),
        ("superceded by", RelationType::SupersededBy),
        ("supersedes", RelationType::Supersedes),
        ("supercedes", RelationType::Supersedes),
        ("amended by", RelationType::AmendedBy),
        ("amends", RelationType::Amends),
        ("clarified by", RelationType::Relates),
        ("clarifies", RelationType::Relates),
        ("refined by", RelationType::Relates),
        ("refines", RelationType::Relates),
        ("relates to", RelationType::Relates),
        ("related to", RelationType::Relates),
        ("see also", RelationType::Relates),
        ("links to", RelationType::Relates),
    ];
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, RelationType, usize)> = Vec::new();
    for (phrase, kind) in PHRASES {
        let mut from = 0;
        while let Some(at) = lower[from..].find(phrase) {
            let start = from + at;
            // A longer phrase already claimed this place ("superseded by" holds no "supersedes").
            if !found.iter().any(|(s, _, e)| start >= *s && start < *e) {
                found.push((start, kind, start + phrase.len()));
            }
            from = start + phrase.len();
        }
    }
    found.sort_by_key(|(start, _, _)| *start);
    let mut out = Vec::new();
    for (i, (_, kind, end)) in found.iter().enumerate() {
        let until = found.get(i + 1).map_or(text.len(), |(s, _, _)| *s);
        let tail = &text[*end..until];
        for target in targets(tail) {
            out.push(LinkRef {
                kind: *kind,
                target,
            });
        }
    }
    out
}

/// The targets named in a phrase's tail: markdown links, `ADR-0005`, `#5`, or a bare number.
fn targets(tail: &str) -> Vec<Target> {
    let mut out = Vec::new();
    let mut rest = tail;
    while let Some(open) = rest.find("](") {
        let after = &rest[open + 2..];
        let Some(close) = after.find(')') else { break };
        let link = after[..close].trim().trim_start_matches("./");
        let link = link.split('#').next().unwrap_or("").trim();
        if !link.is_empty() && !link.contains("://") {
            out.push(Target::File(link.to_owned()));
        }
        rest = &after[close + 1..];
    }
    if !out.is_empty() {
        return out;
    }
    let words = tail
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .filter(|w| !w.is_empty());
    for word in words.take(3) {
        let w = word
            .trim_start_matches("ADR-")
            .trim_start_matches("adr-")
            .trim_start_matches('#')
            .trim_end_matches(['.', ':']);
        if !w.is_empty()
            && w.len() <= 9
            && w.chars().all(|c| c.is_ascii_digit())
            && let Ok(n) = w.parse()
        {
            out.push(Target::Number(n));
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_flow_and_block_lists_and_ignores_comments() {
        let (yaml, body) = split_front_matter(
            "---\nparent: Decisions\nstatus: \"accepted\" \ndecision-makers: [\"Ana\", Bo]\nconsulted:\n  - SRE\n  - 'Ops, Team'\n# status: ignored\ndate: 2026-11-27 # updated\n---\n# T\n",
        );
        assert_eq!(body, "# T\n");
        let meta = front_matter(yaml.unwrap());
        assert_eq!(meta.text("status").as_deref(), Some("accepted"));
        assert_eq!(meta.list("decision-makers"), ["Ana", "Bo"]);
        assert_eq!(meta.list("consulted"), ["SRE", "Ops, Team"]);
        assert_eq!(meta.text("date").as_deref(), Some("2026-11-27"));
        assert!(meta.has("parent"));
        assert_eq!(split_front_matter("---\nno end\n# T").0, None);
    }

    #[test]
    fn headings_in_fenced_code_are_not_sections() {
        let (title, preamble, sections) = sections(
            "# Title\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\n```markdown\n## Not a section\n# Nor a title\n```\n",
        );
        assert_eq!(title.as_deref(), Some("Title"));
        assert_eq!(preamble.trim(), "Date: 2016-02-12");
        assert_eq!(sections.len(), 2);
        assert!(sections[1].1.contains("## Not a section"));
    }

    #[test]
    fn bullets_join_continuations_and_keep_the_rest() {
        let (items, rest) = bullets("Intro.\n\n* one\n  more\n- two <!-- optional -->\n\nAfter.");
        assert_eq!(items, ["one\n  more", "two"]);
        assert_eq!(rest, "Intro.\n\n\nAfter.");
    }

    #[test]
    fn dates_in_the_ways_adrs_write_them() {
        for (raw, want) in [
            ("2016-02-12", Some("2016-02-12")),
            ("2016/02/12", Some("2016-02-12")),
            ("12/02/2016", Some("2016-02-12")),
            ("20160212", Some("2016-02-12")),
            ("2016-02-12T10:00:00Z", Some("2016-02-12")),
            ("12 February 2016", Some("2016-02-12")),
            ("February 12, 2016", Some("2016-02-12")),
            ("Feb 12th 2016", Some("2016-02-12")),
            ("2016-02-30", None),
            ("[YYYY-MM-DD when the decision was last updated]", None),
            ("", None),
        ] {
            assert_eq!(parse_date(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn relation_phrases_name_files_and_numbers() {
        assert_eq!(
            relation_phrases("Superseded by [2. Use Go](0002-use-go.md)"),
            [LinkRef {
                kind: RelationType::SupersededBy,
                target: Target::File("0002-use-go.md".into())
            }]
        );
        assert_eq!(
            relation_phrases("Accepted, amended by 5"),
            [LinkRef {
                kind: RelationType::AmendedBy,
                target: Target::Number(5)
            }]
        );
        assert_eq!(
            relation_phrases("superseded by ADR-0123"),
            [LinkRef {
                kind: RelationType::SupersededBy,
                target: Target::Number(123)
            }]
        );
        assert!(relation_phrases("Accepted").is_empty());
    }
}
