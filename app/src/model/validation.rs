//! Normalising and validating a decision document at the boundary, before anything is stored.
//!
//! Both doors (the JSON API and the form) hand a raw [`AdrDocument`] to [`normalize`], which
//! trims, de-duplicates, assigns option ids and reports every problem with the field it
//! belongs to. Nothing is written unless it returns `Ok`.

use crate::model::adr::{AdrDocument, AdrOption};
use crate::model::error::FieldError;
use crate::model::slug::slugify;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest markdown text field, in characters.
pub const TEXT_MAX: usize = 100_000;
/// Longest list item (a driver, a consequence, an argument), in characters.
pub const ITEM_MAX: usize = 2_000;
/// Longest name of a person, tag or ticket, in characters.
pub const NAME_MAX: usize = 200;
/// Most items in one list.
pub const LIST_MAX: usize = 200;
/// Most considered options.
pub const OPTIONS_MAX: usize = 50;

/// Trims and checks a document, fills the date with `today` when it is empty, gives new
/// options ids, and resolves `chosen_option` given by name to the option's id.
pub fn normalize(mut doc: AdrDocument, today: &str) -> Result<AdrDocument, Vec<FieldError>> {
    let mut errors = Vec::new();

    doc.title = doc.title.trim().to_owned();
    if doc.title.is_empty() {
        errors.push(FieldError::new("title", "title must not be empty"));
    } else if doc.title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            format!("title is longer than {TITLE_MAX} characters"),
        ));
    }

    doc.date = doc.date.trim().to_owned();
    if doc.date.is_empty() {
        doc.date = today.to_owned();
    } else if !is_iso_date(&doc.date) {
        errors.push(FieldError::new(
            "date",
            format!(
                "date '{}' is not a calendar date in the form YYYY-MM-DD",
                doc.date
            ),
        ));
    }

    for (field, list) in [
        ("decision_makers", &mut doc.decision_makers),
        ("consulted", &mut doc.consulted),
        ("informed", &mut doc.informed),
        ("tickets", &mut doc.tickets),
    ] {
        clean_names(field, list, false, &mut errors);
    }
    clean_names("tags", &mut doc.tags, true, &mut errors);

    for (field, text) in [
        ("context", &mut doc.context),
        ("justification", &mut doc.justification),
        ("confirmation", &mut doc.confirmation),
        ("more_information", &mut doc.more_information),
    ] {
        clean_text(field, text, &mut errors);
    }
    for (field, list) in [
        ("decision_drivers", &mut doc.decision_drivers),
        ("consequences_good", &mut doc.consequences_good),
        ("consequences_bad", &mut doc.consequences_bad),
    ] {
        clean_items(field, list, &mut errors);
    }

    normalize_options(&mut doc.options, &mut errors);
    doc.chosen_option = resolve_chosen(doc.chosen_option.take(), &doc.options, &mut errors);

    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

fn normalize_options(options: &mut [AdrOption], errors: &mut Vec<FieldError>) {
    if options.len() > OPTIONS_MAX {
        errors.push(FieldError::new(
            "options",
            format!(
                "at most {OPTIONS_MAX} options are allowed, got {}",
                options.len()
            ),
        ));
        return;
    }
    let mut taken: Vec<String> = Vec::new();
    for (i, option) in options.iter_mut().enumerate() {
        let at = |name: &str| format!("options[{i}].{name}");
        option.name = option.name.trim().to_owned();
        option.id = option.id.trim().to_owned();
        if option.name.is_empty() {
            errors.push(FieldError::new(at("name"), "option name must not be empty"));
        } else if option.name.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                at("name"),
                format!("option name is longer than {NAME_MAX} characters"),
            ));
        }
        if !option.id.is_empty() {
            if !is_option_id(&option.id) {
                errors.push(FieldError::new(
                    at("id"),
                    format!(
                        "option id '{}' may hold only a-z, 0-9 and '-' (at most 64)",
                        option.id
                    ),
                ));
            } else if taken.contains(&option.id) {
                errors.push(FieldError::new(
                    at("id"),
                    format!("option id '{}' is used twice", option.id),
                ));
            }
            taken.push(option.id.clone());
        }
        clean_text(&at("description"), &mut option.description, errors);
        clean_items(&at("good"), &mut option.good, errors);
        clean_items(&at("neutral"), &mut option.neutral, errors);
        clean_items(&at("bad"), &mut option.bad, errors);
    }
    // New options get an id from their name, made unique among the others.
    for (i, option) in options.iter_mut().enumerate() {
        if option.id.is_empty() {
            let base = match slugify(&option.name, 48) {
                slug if slug.is_empty() => format!("option-{}", i + 1),
                slug => slug,
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.push(id.clone());
            option.id = id;
        }
    }
}

fn resolve_chosen(
    chosen: Option<String>,
    options: &[AdrOption],
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let wanted = chosen
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())?;
    let by_id = options.iter().find(|o| o.id == wanted);
    let by_name = || {
        options
            .iter()
            .find(|o| o.name.to_lowercase() == wanted.to_lowercase())
    };
    match by_id.or_else(by_name) {
        Some(option) => Some(option.id.clone()),
        None => {
            errors.push(FieldError::new(
                "chosen_option",
                format!("chosen_option '{wanted}' is not the id or name of a considered option"),
            ));
            None
        }
    }
}

fn clean_text(field: &str, text: &mut String, errors: &mut Vec<FieldError>) {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_owned();
    }
    if text.chars().count() > TEXT_MAX {
        errors.push(FieldError::new(
            field,
            format!("{field} is longer than {TEXT_MAX} characters"),
        ));
    }
}

fn clean_items(field: &str, list: &mut Vec<String>, errors: &mut Vec<FieldError>) {
    list.iter_mut()
        .for_each(|item| *item = item.trim().to_owned());
    list.retain(|item| !item.is_empty());
    if list.len() > LIST_MAX {
        errors.push(FieldError::new(
            field,
            format!("{field} has more than {LIST_MAX} items"),
        ));
    }
    if let Some(i) = list.iter().position(|item| item.chars().count() > ITEM_MAX) {
        errors.push(FieldError::new(
            format!("{field}[{i}]"),
            format!("an item of {field} is longer than {ITEM_MAX} characters"),
        ));
    }
}

fn clean_names(field: &str, list: &mut Vec<String>, lowercase: bool, errors: &mut Vec<FieldError>) {
    let mut seen: Vec<String> = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let name = raw.trim();
        let name = if lowercase {
            name.to_lowercase()
        } else {
            name.to_owned()
        };
        if name.is_empty() || seen.contains(&name) {
            continue;
        }
        if name.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                format!("{field}[{i}]"),
                format!("an entry of {field} is longer than {NAME_MAX} characters"),
            ));
        } else if name.contains(',') || name.contains('\n') {
            errors.push(FieldError::new(
                format!("{field}[{i}]"),
                format!("an entry of {field} must not contain a comma or a line break"),
            ));
        }
        seen.push(name);
    }
    if seen.len() > LIST_MAX {
        errors.push(FieldError::new(
            field,
            format!("{field} has more than {LIST_MAX} entries"),
        ));
    }
    *list = seen;
}

fn is_option_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str) -> AdrDocument {
        AdrDocument {
            title: title.into(),
            ..AdrDocument::default()
        }
    }

    #[test]
    fn a_title_alone_is_enough_and_the_date_defaults_to_today() {
        let out = normalize(doc("  Use Go  "), "2026-11-27").unwrap();
        assert_eq!(out.title, "Use Go");
        assert_eq!(out.date, "2026-11-27");
    }

    #[test]
    fn empty_title_and_bad_date_are_both_reported() {
        let mut input = doc("   ");
        input.date = "2026-02-30".into();
        let errors = normalize(input, "2026-11-27").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "date"]);
    }

    #[test]
    fn lists_are_trimmed_deduplicated_and_tags_lowercased() {
        let mut input = doc("t");
        input.tags = vec![
            " Payments ".into(),
            "payments".into(),
            "".into(),
            "API".into(),
        ];
        input.decision_makers = vec!["Ana".into(), "Ana".into(), " Bo ".into()];
        input.decision_drivers = vec!["  fast ".into(), "   ".into()];
        let out = normalize(input, "2026-01-01").unwrap();
        assert_eq!(out.tags, ["payments", "api"]);
        assert_eq!(out.decision_makers, ["Ana", "Bo"]);
        assert_eq!(out.decision_drivers, ["fast"]);
    }

    #[test]
    fn commas_in_names_are_refused() {
        let mut input = doc("t");
        input.consulted = vec!["a, b".into()];
        let errors = normalize(input, "2026-01-01").unwrap_err();
        assert_eq!(errors[0].field, "consulted[0]");
    }

    #[test]
    fn new_options_get_unique_ids_and_chosen_resolves_by_name() {
        let mut input = doc("t");
        input.options = vec![
            AdrOption {
                name: "Go".into(),
                ..Default::default()
            },
            AdrOption {
                name: "go".into(),
                ..Default::default()
            },
            AdrOption {
                id: "rust".into(),
                name: "Rust (tokio)".into(),
                ..Default::default()
            },
            AdrOption {
                name: "???".into(),
                ..Default::default()
            },
        ];
        input.chosen_option = Some("Rust (Tokio)".into());
        let out = normalize(input, "2026-01-01").unwrap();
        let ids: Vec<_> = out.options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["go", "go-2", "rust", "option-4"]);
        assert_eq!(out.chosen_option.as_deref(), Some("rust"));
    }

    #[test]
    fn option_problems_name_the_option() {
        let mut input = doc("t");
        input.options = vec![
            AdrOption {
                id: "a".into(),
                name: "A".into(),
                ..Default::default()
            },
            AdrOption {
                id: "a".into(),
                name: " ".into(),
                ..Default::default()
            },
            AdrOption {
                id: "Bad Id".into(),
                name: "C".into(),
                ..Default::default()
            },
        ];
        input.chosen_option = Some("zzz".into());
        let errors = normalize(input, "2026-01-01").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "options[1].name",
                "options[1].id",
                "options[2].id",
                "chosen_option"
            ]
        );
    }

    #[test]
    fn overlong_fields_are_refused() {
        let mut input = doc(&"x".repeat(TITLE_MAX + 1));
        input.context = "y".repeat(TEXT_MAX + 1);
        let errors = normalize(input, "2026-01-01").unwrap_err();
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn calendar_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2023-13-01"));
        assert!(!is_iso_date("2023-1-01"));
        assert!(!is_iso_date("2023-01-00"));
        assert!(!is_iso_date("+023-01-01"));
    }
}
