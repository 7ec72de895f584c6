//! What the plain evidence forms of the ADR page say: the benchmark name mapping, one pair
//! per line, and a metric rule with its label matchers. Pure parsing; the service that
//! stores the result checks it the same way for the JSON API.

use crate::ssr::error::AppError;
use crate::ssr::form_pairs::Pairs;
use crate::ssr::metrics::{Aggregation, Comparison, Matcher, Measure, Rule};

/// Reads the mapping text, `name = same as` per line (blank lines skipped); a line that is
/// not a pair refuses the whole text, naming its line.
pub fn mapping_lines(text: &str) -> Result<Vec<(String, String)>, AppError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            mapping_line(line)
                .map(|(name, same)| (name.to_owned(), same.to_owned()))
                .ok_or_else(|| {
                    AppError::invalid(
                        "mappings",
                        format!(
                            "line {}: write it as name = same as (with spaces around the = \
                             when a name holds one, as in Go's /key=value parts)",
                            i + 1
                        ),
                    )
                })
        })
        .collect()
}

/// Reads `name = same as`. Go names hold `=` in their `/key=value` parts, so a spaced
/// ` = ` separates first; a bare `=` only when it is the line's only one.
fn mapping_line(line: &str) -> Option<(&str, &str)> {
    let (a, b) = match line.split_once(" = ") {
        Some(pair) => pair,
        None if line.matches('=').count() == 1 => line.split_once('=')?,
        None => return None,
    };
    let (a, b) = (a.trim(), b.trim());
    (!a.is_empty() && !b.is_empty()).then_some((a, b))
}

/// Splits `text` at commas outside double quotes.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// Reads `label=value, label!="a, b"` into matchers.
fn matchers_from_text(text: &str) -> Result<Vec<Matcher>, AppError> {
    split_outside_quotes(text)
        .into_iter()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            let (label, negate, wanted) = if let Some((l, v)) = m.split_once("!=") {
                (l, true, v)
            } else if let Some((l, v)) = m.split_once('=') {
                (l, false, v)
            } else {
                return Err(AppError::invalid(
                    "matcher",
                    format!("'{m}': write a matcher as label=value or label!=value"),
                ));
            };
            let label = label.trim();
            if label.is_empty() {
                return Err(AppError::invalid(
                    "matcher",
                    format!("'{m}' names no label"),
                ));
            }
            Ok(Matcher {
                label: label.to_owned(),
                negate,
                value: wanted.trim().trim_matches('"').to_owned(),
            })
        })
        .collect()
}

/// Reads the page's rule form into a rule with id `id`; the rule's own checks decide what
/// is usable, as they do for the API.
pub fn rule_from_form(pairs: &Pairs, id: String) -> Result<Rule, AppError> {
    let metric = pairs.first("metric").map(str::trim).unwrap_or_default();
    let matchers = matchers_from_text(pairs.first("matcher").unwrap_or_default())?;
    let number = |name: &str| -> Result<Option<f64>, AppError> {
        match pairs.first(name).map(str::trim) {
            None => Ok(None),
            Some(v) => v
                .parse::<f64>()
                .map(Some)
                .map_err(|_| AppError::invalid(name, format!("'{v}' is not a number"))),
        }
    };
    let measure = match pairs.first("measure").unwrap_or("value") {
        // A missing quantile is NaN, which the rule's check refuses.
        "quantile" => Measure::Quantile {
            quantile: number("quantile")?.unwrap_or(f64::NAN),
        },
        _ => Measure::Value,
    };
    let aggregation = match pairs.first("aggregation").unwrap_or("max") {
        "sum" => Aggregation::Sum,
        "min" => Aggregation::Min,
        "avg" => Aggregation::Avg,
        "per_series" => Aggregation::PerSeries,
        _ => Aggregation::Max,
    };
    let comparison = match pairs.first("comparison").unwrap_or(">") {
        ">=" => Comparison::AtLeast,
        "<" => Comparison::Below,
        "<=" => Comparison::AtMost,
        _ => Comparison::Above,
    };
    let threshold = number("threshold")?
        .ok_or_else(|| AppError::invalid("threshold", "a threshold is needed"))?;
    let description = pairs.first("description").map(str::trim).map_or_else(
        || format!("{metric} {} {threshold}", comparison.symbol()),
        str::to_owned,
    );
    let rule = Rule {
        id,
        metric: metric.to_owned(),
        matchers,
        measure,
        aggregation,
        comparison,
        threshold,
        description,
    };
    match rule.problem() {
        // The form's fields are named without the API's `measure.` prefix.
        Some((field, message)) => Err(AppError::invalid(
            field.rsplit('.').next().unwrap_or(field),
            message,
        )),
        None => Ok(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::{mapping_line, mapping_lines, matchers_from_text, rule_from_form};
    use crate::ssr::form_pairs::Pairs;

    #[test]
    fn mappings_keep_go_s_key_value_parts() {
        assert_eq!(
            mapping_line("BenchmarkParse/size=1KB-8 = parse/1KB"),
            Some(("BenchmarkParse/size=1KB-8", "parse/1KB"))
        );
        assert_eq!(mapping_line("a=b"), Some(("a", "b")));
        assert_eq!(mapping_line("a/k=v=b"), None, "ambiguous without spaces");
        assert_eq!(mapping_line(" = b"), None);
    }

    #[test]
    fn a_bad_mapping_line_is_named() {
        assert_eq!(mapping_lines("a = b\n\nc=d\n").unwrap().len(), 2);
        let error = format!("{}", mapping_lines("a = b\n\nnonsense").unwrap_err());
        assert!(error.starts_with("line 3:"), "{error}");
    }

    #[test]
    fn several_matchers_split_at_commas_outside_quotes() {
        let m = matchers_from_text(r#"handler=/api, code!="500, 503""#).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].label.as_str(), m[0].negate, m[0].value.as_str()),
            ("handler", false, "/api")
        );
        assert_eq!(
            (m[1].label.as_str(), m[1].negate, m[1].value.as_str()),
            ("code", true, "500, 503")
        );
        assert!(matchers_from_text("").unwrap().is_empty());
        assert!(matchers_from_text("a=1, nonsense").is_err());
        assert!(matchers_from_text("=1").is_err());
    }

    #[test]
    fn the_rule_form_uses_the_rule_s_own_checks() {
        let form = |pairs: &[(&str, &str)]| {
            let pairs = Pairs(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            );
            rule_from_form(&pairs, "r1".into())
        };
        let err = |r: Result<_, crate::ssr::error::AppError>| format!("{:?}", r.err().unwrap());
        assert!(err(form(&[("metric", " "), ("threshold", "1")])).contains("metric"));
        let quantile = form(&[
            ("metric", "m"),
            ("measure", "quantile"),
            ("quantile", "99"),
            ("threshold", "1"),
        ]);
        assert!(err(quantile).contains("quantile"));
        assert!(err(form(&[("metric", "m"), ("threshold", "inf")])).contains("threshold"));
        let rule = form(&[("metric", "m"), ("matcher", "a=b"), ("threshold", "5")]).unwrap();
        assert_eq!(rule.matchers.len(), 1);
        assert_eq!(rule.description, "m > 5");
    }
}
