//! Reading one ADR file as the tools write them: adr-tools (Nygard: `# 1. Title`, `Date:`,
//! `## Status`), MADR 2 and log4brains (`- Status:` bullets), MADR 3 and 4 (YAML front
//! matter), and Tradeoff's own export. It reads the formats' rules, not one corpus: headings
//! are matched without case, fenced code is never taken for structure, and whatever has no
//! field of its own is kept under "More Information". Each guess lands in the file's notes.

use super::text::{
    self, LinkRef, bullets, front_matter, parse_date, sections, split_front_matter, strip_comments,
};
use crate::model::adr::{AdrDocument, AdrOption};
use crate::model::status::Status;
use crate::ssr::export::generated;

/// The format a file was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    Nygard,
    /// MADR 2 and log4brains' patch of it: metadata as `- Status:` bullets.
    Madr2,
    /// MADR 3 and 4: metadata as YAML front matter.
    Madr,
    Tradeoff,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Nygard => "adr-tools",
            SourceFormat::Madr2 => "madr-2",
            SourceFormat::Madr => "madr",
            SourceFormat::Tradeoff => "tradeoff",
        }
    }
}

/// What was read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    pub format: SourceFormat,
    /// The number the file gives (its name first, then its heading).
    pub number: Option<i64>,
    /// What orders files without numbers: the date in the name, else the document's.
    pub sort_key: String,
    pub status: Status,
    /// The status as written, when it was not one of Tradeoff's words as they are.
    pub status_text: Option<String>,
    pub doc: AdrDocument,
    pub links: Vec<LinkRef>,
    pub notes: Vec<String>,
}

/// A file read, or the reason it is not an ADR.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Read(Box<ReadFile>),
    Skipped(String),
}

/// The file name's number, or its date for log4brains' `YYYYMMDD-slug.md`.
fn name_prefix(name: &str) -> (Option<i64>, Option<String>) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 9 {
        return (None, None);
    }
    let after = name[digits.len()..].chars().next();
    if !matches!(after, Some('-' | '_' | '.' | ' ')) {
        return (None, None);
    }
    if digits.len() == 8 {
        let date = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]);
        if parse_date(&date).is_some() {
            return (None, Some(date));
        }
    }
    (digits.parse().ok(), None)
}

/// Why a file name is not an ADR's: an index, a README, or a template.
pub fn skip_reason(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let stem = lower
        .rsplit_once('.')
        .map_or(lower.as_str(), |(stem, _)| stem);
    if matches!(stem, "readme" | "index" | "_index" | "toc" | "summary") {
        return Some("an index or README, not a decision");
    }
    if stem.contains("template") {
        return Some("a template, not a decision");
    }
    None
}

/// A title that is still a template's placeholder: `{short title…}` or `[short title…]`.
fn is_placeholder(title: &str) -> bool {
    let t = title.trim();
    (t.starts_with('{') && t.contains('}')) || (t.starts_with('[') && t.ends_with(']'))
}

/// The heading's number and title: `1. Title` (adr-tools), `ADR-0007: Title` (Tradeoff),
/// `0007 Title`.
fn heading_number(title: &str) -> (Option<i64>, &str) {
    let t = title.trim();
    let after_key = t
        .strip_prefix("ADR-")
        .or_else(|| t.strip_prefix("ADR "))
        .or_else(|| t.strip_prefix("adr-"));
    let body = after_key.unwrap_or(t);
    let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 9 {
        return (None, t);
    }
    let rest = &body[digits.len()..];
    let rest_trimmed = rest.trim_start_matches(['.', ':', ')']);
    // `1. Title` needs its punctuation or a key; a title may start with a number ("2FA …").
    if rest_trimmed.len() == rest.len() && after_key.is_none() {
        return (None, t);
    }
    if !rest_trimmed.starts_with(' ') {
        return (None, t);
    }
    (digits.parse().ok(), rest_trimmed.trim())
}

/// The status as Tradeoff has it, nearest first, with a note when the text was not exact,
/// the relations the text names, and a date it carries (`Proposed (2019-03-01)`).
pub fn read_status(raw: &str) -> (Option<Status>, Option<String>, Vec<LinkRef>, Option<String>) {
    let clean = strip_comments(raw);
    let text = clean.trim();
    if text.is_empty() {
        return (None, None, Vec::new(), None);
    }
    let links = text::relation_phrases(text);
    let date = text
        .split(['(', ')', ','])
        .skip(1)
        .find_map(|part| parse_date(part.trim()));
    let lower = text.to_lowercase();
    let word: String = lower
        .chars()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    let word = word.trim();
    let first = word.split_whitespace().next().unwrap_or("");
    let exact = Status::ALL.into_iter().find(|s| s.as_str() == first);
    let nearest = exact.or(match first {
        "superceded" | "replaced" => Some(Status::Superseded),
        "approved" | "adopted" | "done" | "decided" | "implemented" | "active" | "agreed"
        | "final" => Some(Status::Accepted),
        "declined" | "abandoned" | "withdrawn" | "refused" => Some(Status::Rejected),
        "obsolete" | "retired" | "outdated" | "archived" => Some(Status::Deprecated),
        "proposal" | "pending" | "open" | "review" | "wip" | "discussion" | "suggested" | "on"
        | "hold" | "postponed" | "deferred" | "paused" | "blocked" | "in" | "under" => {
            Some(Status::Proposed)
        }
        "new" | "idea" | "todo" => Some(Status::Draft),
        _ => None,
    });
    let exact_text = Status::ALL
        .into_iter()
        .any(|s| s.as_str() == lower || s.label() == text);
    match nearest {
        Some(status) if exact_text => (Some(status), None, links, date),
        Some(status) => (
            Some(status),
            Some(format!(
                "status \"{text}\" read as {status}; the original text is kept"
            )),
            links,
            date,
        ),
        None => (
            Some(Status::Proposed),
            Some(format!(
                "status \"{text}\" is not one Tradeoff knows: read as proposed, the nearest; the original text is kept"
            )),
            links,
            date,
        ),
    }
}

/// The options, drivers and outcome of MADR's sections, into `doc`.
struct Madr<'a> {
    doc: &'a mut AdrDocument,
    chosen: Option<String>,
    links: &'a mut Vec<LinkRef>,
    notes: &'a mut Vec<String>,
    extra: Vec<(String, String)>,
}

fn option_named<'a>(options: &'a mut Vec<AdrOption>, name: &str) -> &'a mut AdrOption {
    let index = options
        .iter()
        .position(|o| o.name.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| {
            options.push(AdrOption {
                name: name.to_owned(),
                ..AdrOption::default()
            });
            options.len() - 1
        });
    &mut options[index]
}

/// Items of a list by MADR's argument prefixes: good, neutral, bad, and the rest.
fn arguments(items: Vec<String>) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let (mut good, mut neutral, mut bad, mut other) = (vec![], vec![], vec![], vec![]);
    for item in items {
        let lower = item.to_lowercase();
        let cut = |prefix: &str| {
            item[prefix.len()..]
                .trim_start_matches([',', ':'])
                .trim()
                .to_owned()
        };
        if lower.starts_with("good, because") {
            good.push(cut("Good, because"));
        } else if lower.starts_with("neutral, because") {
            neutral.push(cut("Neutral, because"));
        } else if lower.starts_with("bad, because") {
            bad.push(cut("Bad, because"));
        } else if lower.starts_with("good") {
            good.push(cut("Good"));
        } else if lower.starts_with("bad") {
            bad.push(cut("Bad"));
        } else {
            other.push(item);
        }
    }
    (good, neutral, bad, other)
}

/// `Chosen option: "Go", because it is simple` → (`Go`, `it is simple`).
fn chosen_line(line: &str) -> Option<(String, String)> {
    let rest = line
        .trim()
        .strip_prefix("Chosen option:")
        .or_else(|| line.trim().strip_prefix("Chosen Option:"))?
        .trim();
    let (name, after) = match rest.strip_prefix('"') {
        Some(quoted) => {
            let end = quoted.find('"')?;
            (quoted[..end].to_owned(), &quoted[end + 1..])
        }
        None => match rest.find(", because") {
            Some(at) => (rest[..at].to_owned(), &rest[at..]),
            None => (rest.trim_end_matches('.').to_owned(), ""),
        },
    };
    let because = after
        .trim_start_matches([',', ' '])
        .strip_prefix("because")
        .unwrap_or(after.trim_start_matches([',', ' ']))
        .trim()
        .to_owned();
    Some((name.trim().to_owned(), because))
}

impl Madr<'_> {
    fn section(&mut self, heading: &str, body: &str) {
        let key = heading.trim().trim_end_matches(':').to_lowercase();
        match key.as_str() {
            "context and problem statement" | "context" | "problem statement" => {
                append(&mut self.doc.context, body.trim());
            }
            "decision drivers" => {
                let (items, rest) = bullets(body);
                self.doc.decision_drivers.extend(items);
                if !rest.is_empty() {
                    self.extra.push((heading.to_owned(), rest));
                }
            }
            "considered options" => {
                let (items, rest) = bullets(body);
                for name in items {
                    option_named(&mut self.doc.options, &name);
                }
                if !rest.is_empty() {
                    self.extra.push((heading.to_owned(), rest));
                }
            }
            "decision outcome" | "decision" => self.outcome(body),
            "pros and cons of the options" => {
                let (lead, subs) = text::subsections(body);
                if !lead.is_empty() {
                    self.extra.push((heading.to_owned(), lead));
                }
                for (name, text) in subs {
                    let (items, rest) = bullets(&text);
                    let (good, neutral, bad, other) = arguments(items);
                    let option = option_named(&mut self.doc.options, name.trim());
                    let mut description = rest;
                    for item in other {
                        append(&mut description, &format!("* {item}"));
                    }
                    append(&mut option.description, &description);
                    option.good.extend(good);
                    option.neutral.extend(neutral);
                    option.bad.extend(bad);
                }
            }
            "consequences" | "positive consequences" | "negative consequences" => {
                self.consequences(&key, heading, body)
            }
            "confirmation" | "validation" => append(&mut self.doc.confirmation, body.trim()),
            "links" => {
                let (items, rest) = bullets(body);
                let mut kept = Vec::new();
                for item in items {
                    let found = text::relation_phrases(&item);
                    if found.is_empty() {
                        kept.push(format!("* {item}"));
                    }
                    self.links.extend(found);
                }
                let mut text = rest;
                for line in kept {
                    append(&mut text, &line);
                }
                if !text.is_empty() {
                    self.extra.push((heading.to_owned(), text));
                }
            }
            "more information" => {
                let body = self.generated_relations(body);
                append(&mut self.doc.more_information, body.trim());
            }
            _ => self
                .extra
                .push((heading.to_owned(), body.trim().to_owned())),
        }
    }

    /// Tradeoff's generated block: its relations are read, the rest is dropped.
    fn generated_relations(&mut self, body: &str) -> String {
        let Some(start) = body.find(generated::OPEN) else {
            return body.to_owned();
        };
        let end = body[start..]
            .find(generated::CLOSE)
            .map_or(body.len(), |e| start + e + generated::CLOSE.len());
        let block = &body[start..end];
        if let Some(at) = block.find("### Relations") {
            let list = &block[at + "### Relations".len()..];
            let list = list.split("\n###").next().unwrap_or("");
            let (items, _) = bullets(list);
            for item in items {
                self.links.extend(text::relation_phrases(&item));
            }
        }
        format!("{}{}", &body[..start], &body[end..])
    }

    fn consequences(&mut self, key: &str, heading: &str, body: &str) {
        let (items, rest) = bullets(body);
        match key {
            "positive consequences" => self.doc.consequences_good.extend(items),
            "negative consequences" => self.doc.consequences_bad.extend(items),
            _ => {
                let (good, neutral, bad, other) = arguments(items);
                self.doc.consequences_good.extend(good);
                self.doc.consequences_bad.extend(bad);
                let mut text = rest.clone();
                for item in neutral.iter().map(|n| format!("* Neutral, because {n}")) {
                    append(&mut text, &item);
                }
                for item in other {
                    append(&mut text, &format!("* {item}"));
                }
                if !text.is_empty() {
                    self.notes.push(format!(
                        "the {heading} text that is not a good or bad item went to More Information"
                    ));
                    self.extra.push((heading.to_owned(), text));
                }
                return;
            }
        }
        if !rest.is_empty() {
            self.extra.push((heading.to_owned(), rest));
        }
    }

    fn outcome(&mut self, body: &str) {
        let (lead, subs) = text::subsections(body);
        let mut justification = String::new();
        for paragraph in lead.split("\n\n") {
            match paragraph
                .lines()
                .next()
                .filter(|_| self.chosen.is_none())
                .and_then(chosen_line)
            {
                Some((name, because)) => {
                    self.chosen = Some(name);
                    let rest: Vec<&str> = paragraph.lines().skip(1).collect();
                    let mut text = because;
                    if !rest.is_empty() {
                        if !text.is_empty() {
                            text.push('\n');
                        }
                        text.push_str(&rest.join("\n"));
                    }
                    append(&mut justification, text.trim());
                }
                None => append(&mut justification, paragraph.trim()),
            }
        }
        append(&mut self.doc.justification, justification.trim());
        for (heading, text) in subs {
            let key = heading.trim().trim_end_matches(':').to_lowercase();
            match key.as_str() {
                "consequences" | "positive consequences" | "negative consequences" => {
                    self.consequences(&key, &heading, &text)
                }
                "confirmation" | "validation" => append(&mut self.doc.confirmation, text.trim()),
                _ => self.extra.push((heading, text.trim().to_owned())),
            }
        }
    }
}

/// Adds a paragraph to `text`.
fn append(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(more);
}

/// Reads the file `name` (its path inside the ADR folder) holding `text`. `today` is the
/// date assumed for a file that gives none.
pub fn read(name: &str, text: &str, today: &str) -> Outcome {
    let base = name.rsplit('/').next().unwrap_or(name);
    if let Some(reason) = skip_reason(base) {
        return Outcome::Skipped(reason.to_owned());
    }
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (yaml, body) = split_front_matter(&text);
    let meta = yaml.map(front_matter).unwrap_or_default();
    let (title, preamble, sections) = sections(body);
    let meta_title = meta.text("title");
    let Some(title) = title.or(meta_title.clone()) else {
        return Outcome::Skipped("no title heading (`# Title`): not an ADR".to_owned());
    };
    if is_placeholder(&title) {
        return Outcome::Skipped("an unfilled template: its title is a placeholder".to_owned());
    }
    let mut notes = Vec::new();
    let (file_number, file_date) = name_prefix(base);
    // Tradeoff's export heads its files `# ADR-0007: Title`.
    let keyed = title.trim_start().starts_with("ADR-");
    let (head_number, title) = heading_number(&title);
    if title.trim().is_empty() {
        return Outcome::Skipped("the title heading is empty: not an ADR".to_owned());
    }
    let number = match (file_number, head_number) {
        (Some(f), Some(h)) if f != h => {
            notes.push(format!(
                "the heading says {h} but the file name says {f}: the file name's number is kept"
            ));
            Some(f)
        }
        (f, h) => f.or(h),
    };

    // Preamble lines: adr-tools' `Date:`, MADR 2's `- Status:` bullets.
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut preamble_rest = String::new();
    for line in preamble.lines() {
        let stripped = line.trim().trim_start_matches(['-', '*', '+']).trim();
        if let Some((key, value)) = stripped.split_once(':') {
            let key = key.trim().to_lowercase();
            if matches!(
                key.as_str(),
                "status"
                    | "date"
                    | "deciders"
                    | "decision-makers"
                    | "decision makers"
                    | "tags"
                    | "consulted"
                    | "informed"
            ) {
                fields.push((key, value.trim().to_owned()));
                continue;
            }
        }
        preamble_rest.push_str(line);
        preamble_rest.push('\n');
    }
    let field = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| strip_comments(v).trim().to_owned())
    };
    let is_nygard = sections
        .iter()
        .any(|(h, _)| h.trim().eq_ignore_ascii_case("status"));
    let format = if text.contains(generated::OPEN) || keyed {
        SourceFormat::Tradeoff
    } else if is_nygard {
        SourceFormat::Nygard
    } else if yaml.is_some() {
        SourceFormat::Madr
    } else {
        SourceFormat::Madr2
    };

    let mut doc = AdrDocument {
        title: title.to_owned(),
        ..AdrDocument::default()
    };
    let mut links = Vec::new();
    let mut status_raw = meta.text("status").or_else(|| field("status"));
    let mut extra: Vec<(String, String)> = Vec::new();
    let mut madr = Madr {
        doc: &mut doc,
        chosen: None,
        links: &mut links,
        notes: &mut notes,
        extra: Vec::new(),
    };
    let context_lead = preamble_rest.trim().to_owned();
    if !context_lead.is_empty() {
        append(&mut madr.doc.context, &context_lead);
    }
    for (heading, body) in &sections {
        let key = heading.trim().trim_end_matches(':').to_lowercase();
        if is_nygard && key == "status" {
            // The first paragraph is the status; later lines may be relations.
            let mut paragraphs = body.trim().split("\n\n");
            let first = paragraphs.next().unwrap_or("").trim().to_owned();
            if status_raw.is_none() {
                status_raw = Some(first.clone());
            }
            for line in paragraphs.flat_map(str::lines) {
                let found = text::relation_phrases(line);
                if found.is_empty() && !line.trim().is_empty() {
                    extra.push(("Status".to_owned(), line.trim().to_owned()));
                }
                madr.links.extend(found);
            }
            continue;
        }
        madr.section(heading, body);
    }
    let chosen = madr.chosen.take();
    extra.extend(std::mem::take(&mut madr.extra));

    // The chosen option: by name, else the option its name starts (MADR 2 writes the short
    // name in the outcome and a longer one in the list).
    if let Some(name) = chosen {
        // Names compare without case or quote style: MADR's own corpus chooses
        // "Include in section 'More Information'" from `Include in section "More Information"`.
        let wanted = loose(&name);
        let found = doc
            .options
            .iter()
            .find(|o| loose(&o.name) == wanted)
            .or_else(|| {
                doc.options.iter().find(|o| {
                    loose(&o.name).starts_with(&wanted)
                        || loose(&strip_link(&o.name)).starts_with(&wanted)
                })
            })
            .map(|o| o.name.clone());
        match found {
            Some(option) => doc.chosen_option = Some(option),
            None if !name.is_empty() => {
                notes.push(format!(
                    "the chosen option \"{name}\" is not among the considered options: it was added"
                ));
                doc.options.push(AdrOption {
                    name: name.clone(),
                    ..AdrOption::default()
                });
                doc.chosen_option = Some(name);
            }
            None => {}
        }
    }
    for (heading, body) in extra {
        if !body.is_empty() {
            append(
                &mut doc.more_information,
                &format!("### {heading}\n\n{body}"),
            );
        }
    }

    // People and tags: front matter first, then MADR 2's bullets.
    let list = |key: &str, alt: &str| {
        let from_meta = meta.list(key);
        if !from_meta.is_empty() {
            return from_meta;
        }
        field(alt)
            .map(|v| {
                v.split([',', ';'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty() && !is_placeholder(s))
                    .collect()
            })
            .unwrap_or_default()
    };
    doc.decision_makers = {
        let mut names = list("decision-makers", "decision-makers");
        if names.is_empty() {
            names = list("deciders", "deciders");
        }
        if names.is_empty() {
            names = list("decision-makers", "decision makers");
        }
        names
    };
    doc.consulted = list("consulted", "consulted");
    doc.informed = list("informed", "informed");
    doc.tags = {
        let tags = meta.list("tags");
        if tags.is_empty() {
            field("tags")
                .map(|v| {
                    v.split([',', ' '])
                        .map(|s| s.trim().trim_start_matches('#').to_owned())
                        .filter(|s| !s.is_empty() && !is_placeholder(s))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            tags
        }
    };
    doc.tickets = meta.list("tickets");

    // Status.
    let (status, status_note, status_links, status_date) =
        read_status(status_raw.as_deref().unwrap_or(""));
    links.extend(status_links);
    let status_text = status_note
        .is_some()
        .then(|| status_raw.clone().unwrap_or_default());
    notes.extend(status_note);
    let status = status.unwrap_or_else(|| {
        let decided = doc.chosen_option.is_some() || !doc.justification.is_empty();
        let assumed = if decided {
            Status::Accepted
        } else {
            Status::Proposed
        };
        notes.push(format!(
            "no status: assumed {assumed} ({})",
            if decided {
                "it records a decision"
            } else {
                "it records no decision"
            }
        ));
        assumed
    });

    // Date.
    let date_raw = meta.text("date").or_else(|| field("date"));
    let date = match date_raw.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(raw) => match parse_date(raw) {
            Some(date) => {
                if date != raw {
                    notes.push(format!("date \"{raw}\" read as {date}"));
                }
                date
            }
            None => {
                let assumed = file_date
                    .clone()
                    .or(status_date.clone())
                    .unwrap_or_else(|| today.to_owned());
                notes.push(format!(
                    "date \"{raw}\" is not a date Tradeoff can read: assumed {assumed}"
                ));
                assumed
            }
        },
        None => {
            let assumed = file_date
                .clone()
                .or(status_date.clone())
                .unwrap_or_else(|| today.to_owned());
            let from = if file_date.is_some() {
                "from the file name"
            } else if status_date.is_some() {
                "from the status"
            } else {
                "the day of the import"
            };
            notes.push(format!("no date: assumed {assumed} ({from})"));
            assumed
        }
    };
    doc.date = date.clone();
    if number.is_none() && file_date.is_none() && format != SourceFormat::Madr2 {
        notes.push("no number in the file name or heading: given the next free one".to_owned());
    }
    let sort_key = format!("{}|{name}", file_date.unwrap_or(date));
    Outcome::Read(Box::new(ReadFile {
        format,
        number,
        sort_key,
        status,
        status_text,
        doc,
        links,
        notes,
    }))
}

/// A name as options are matched: lower case, every kind of quote the same.
fn loose(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\'' | '‘' | '’' | '“' | '”' | '`' => '"',
            c => c,
        })
        .collect()
}

/// A name without its markdown link: `[MADR](https://…) 2.1.2` → `MADR 2.1.2`.
fn strip_link(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else {
            out.push_str(&rest[open..]);
            return out;
        };
        out.push_str(&after[..close]);
        let tail = &after[close + 2..];
        rest = tail.find(')').map_or("", |end| &tail[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
