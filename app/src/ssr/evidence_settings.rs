//! The actions on an ADR's evidence that both doors (the page's plain forms and the JSON API)
//! call: its benchmark name mapping, its own metric rules, and removing a piece. Each checks
//! its input, then writes in one transaction that also checks the ADR is still there.

use crate::ssr::actor::Actor;
use crate::ssr::clock;
use crate::ssr::error::AppError;
use crate::ssr::evidence_repo;
use crate::ssr::metrics::Rule;
use sqlx::SqlitePool;

/// Replaces the ADR's name mapping with `map`, each `(name, same as)` trimmed; a pair with
/// a blank side is refused, naming its place as `mappings[i]`.
pub async fn set_name_map(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    map: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, AppError> {
    let map = checked_name_map(map)?;
    evidence_repo::update_settings(pool, actor, number, &clock::now(), |settings| {
        settings.name_map = map;
        Ok(settings.name_map.clone())
    })
    .await
}

fn checked_name_map(map: Vec<(String, String)>) -> Result<Vec<(String, String)>, AppError> {
    map.into_iter()
        .enumerate()
        .map(|(i, (name, same))| {
            let (name, same) = (name.trim(), same.trim());
            if name.is_empty() || same.is_empty() {
                Err(AppError::invalid(
                    format!("mappings[{i}]"),
                    "both name and same_as are needed",
                ))
            } else {
                Ok((name.to_owned(), same.to_owned()))
            }
        })
        .collect()
}

/// Replaces the ADR's own rules with `rules`, each with its own id (the guide's rules own
/// the ids starting `guide-`) and passing the rule's checks.
pub async fn set_rules(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    rules: Vec<Rule>,
) -> Result<Vec<Rule>, AppError> {
    check_rules(&rules)?;
    evidence_repo::update_settings(pool, actor, number, &clock::now(), |settings| {
        settings.rules = rules;
        Ok(settings.rules.clone())
    })
    .await
}

fn check_rules(rules: &[Rule]) -> Result<(), AppError> {
    let mut ids: Vec<&str> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        if rule.id.trim().is_empty()
            || ids.contains(&rule.id.as_str())
            || rule.id.starts_with("guide-")
        {
            return Err(AppError::invalid(
                format!("rules[{i}].id"),
                "each rule needs its own id (ids starting guide- are the guide's)",
            ));
        }
        ids.push(&rule.id);
        if let Some((field, why)) = rule.problem() {
            return Err(AppError::invalid(format!("rules[{i}].{field}"), why));
        }
    }
    Ok(())
}

/// Adds the rule that `make` builds from the next free id (`rule-1`, `rule-2`, ...).
pub async fn add_rule(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    make: impl FnOnce(String) -> Result<Rule, AppError>,
) -> Result<Rule, AppError> {
    evidence_repo::update_settings(pool, actor, number, &clock::now(), |settings| {
        let next = next_rule_id(&settings.rules);
        let rule = make(next)?;
        settings.rules.push(rule.clone());
        Ok(rule)
    })
    .await
}

fn next_rule_id(rules: &[Rule]) -> String {
    (1..)
        .map(|i| format!("rule-{i}"))
        .find(|id| !rules.iter().any(|r| &r.id == id))
        .unwrap_or_default()
}

/// Removes the ADR's rule `id`; removing one that is already gone changes nothing, so a
/// second press of the button is harmless.
pub async fn remove_rule(
    pool: &SqlitePool,
    actor: &Actor,
    number: i64,
    id: &str,
) -> Result<(), AppError> {
    evidence_repo::update_settings(pool, actor, number, &clock::now(), |settings| {
        settings.rules.retain(|r| r.id != id);
        Ok(())
    })
    .await
}

/// Removes evidence `id` from its ADR (kept in history), refusing with 404 when it does not
/// exist or, with `number`, belongs to another ADR. Returns false when it was already removed.
pub async fn remove_evidence(
    pool: &SqlitePool,
    actor: &Actor,
    number: Option<i64>,
    id: i64,
) -> Result<bool, AppError> {
    evidence_repo::remove(pool, actor, number, id, &clock::now()).await
}

#[cfg(test)]
mod tests {
    use super::{checked_name_map, next_rule_id};

    #[test]
    fn a_mapping_with_a_blank_side_is_refused_by_place() {
        let pairs = |p: &[(&str, &str)]| {
            p.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            checked_name_map(pairs(&[(" a ", "b ")])).unwrap(),
            pairs(&[("a", "b")])
        );
        let err = checked_name_map(pairs(&[("a", "b"), ("c", " ")])).unwrap_err();
        assert!(format!("{err:?}").contains("mappings[1]"), "{err:?}");
    }

    #[test]
    fn the_next_rule_id_fills_the_first_gap() {
        let rule = |id: &str| crate::ssr::metrics::Rule {
            id: id.into(),
            metric: "m".into(),
            matchers: vec![],
            measure: crate::ssr::metrics::Measure::Value,
            aggregation: crate::ssr::metrics::Aggregation::Max,
            comparison: crate::ssr::metrics::Comparison::Above,
            threshold: 1.0,
            description: String::new(),
        };
        assert_eq!(next_rule_id(&[]), "rule-1");
        assert_eq!(next_rule_id(&[rule("rule-1"), rule("rule-3")]), "rule-2");
    }
}
