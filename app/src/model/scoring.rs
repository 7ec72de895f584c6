//! Weighted scoring of the considered options: totals, ranking, and which single weight
//! change of one step would make another option win. Pure, so the server and the browser
//! compute the same figures.

use serde::{Deserialize, Serialize};

/// Lowest and highest weight. Weight 0 leaves a criterion out.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<u8> = 0..=5;
/// Lowest and highest score.
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=5;
/// The weight a new criterion starts with.
pub const DEFAULT_WEIGHT: u8 = 3;

/// What the options are scored on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: u8,
}

/// One option's score on one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub criterion: String,
    pub option: String,
    pub score: u8,
    #[serde(default)]
    pub note: String,
}

/// An option's weighted total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub option: String,
    pub total: u32,
    /// 1 for the best; options with equal totals share a rank.
    pub rank: u32,
    /// How many criteria scored this option, of how many.
    pub scored: u32,
}

/// A single weight change of one step that changes who wins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flip {
    pub criterion: String,
    pub from_weight: u8,
    pub to_weight: u8,
    /// The option or options that would then be on top.
    pub winners: Vec<String>,
}

/// Totals, ranking and flips.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranking {
    /// Best first.
    pub totals: Vec<Total>,
    /// The option or options with the highest total (more than one is a tie).
    pub winners: Vec<String>,
    /// Every single ±1 weight change that would change the winners; empty when none would.
    pub flips: Vec<Flip>,
}

fn totals(criteria: &[Criterion], options: &[String], scores: &[Score]) -> Vec<(String, u32, u32)> {
    options
        .iter()
        .map(|option| {
            let mut total = 0;
            let mut scored = 0;
            for criterion in criteria {
                if let Some(s) = scores
                    .iter()
                    .find(|s| &s.option == option && s.criterion == criterion.id)
                {
                    total += u32::from(criterion.weight) * u32::from(s.score);
                    scored += 1;
                }
            }
            (option.clone(), total, scored)
        })
        .collect()
}

fn winners(totals: &[(String, u32, u32)]) -> Vec<String> {
    let Some(best) = totals.iter().map(|t| t.1).max() else {
        return Vec::new();
    };
    if best == 0 {
        return Vec::new();
    }
    totals
        .iter()
        .filter(|t| t.1 == best)
        .map(|t| t.0.clone())
        .collect()
}

/// Ranks `options` (ids, in display order) by their weighted totals.
pub fn rank(criteria: &[Criterion], options: &[String], scores: &[Score]) -> Ranking {
    let current = totals(criteria, options, scores);
    let top = winners(&current);
    let mut sorted = current.clone();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.1));
    let ranked = sorted
        .iter()
        .map(|(option, total, scored)| Total {
            option: option.clone(),
            total: *total,
            rank: 1 + sorted.iter().filter(|o| o.1 > *total).count() as u32,
            scored: *scored,
        })
        .collect();

    let mut flips = Vec::new();
    for (i, criterion) in criteria.iter().enumerate() {
        for to in [
            criterion.weight.checked_sub(1),
            criterion.weight.checked_add(1),
        ]
        .into_iter()
        .flatten()
        .filter(|w| WEIGHT_RANGE.contains(w))
        {
            let mut changed = criteria.to_vec();
            changed[i].weight = to;
            let after = winners(&totals(&changed, options, scores));
            if after != top {
                flips.push(Flip {
                    criterion: criterion.id.clone(),
                    from_weight: criterion.weight,
                    to_weight: to,
                    winners: after,
                });
            }
        }
    }
    Ranking {
        totals: ranked,
        winners: top,
        flips,
    }
}

/// Reads the scoring form: `criterion.{i}.id|name|weight|remove`, `score.{i}.{option}`
/// (empty for not scored), `note.{i}.{option}` and `new_criterion`. Values outside the
/// ranges are errors naming the field.
pub fn from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(Vec<Criterion>, Vec<Score>), crate::model::error::FieldError> {
    use crate::model::error::FieldError;
    use std::collections::BTreeMap;
    #[derive(Default)]
    struct Row {
        id: String,
        name: String,
        weight: Option<u8>,
        remove: bool,
        scores: BTreeMap<String, u8>,
        notes: BTreeMap<String, String>,
    }
    let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
    let mut added = String::new();
    for (name, value) in pairs {
        if name == "new_criterion" {
            added = value.trim().to_owned();
            continue;
        }
        let mut parts = name.splitn(3, '.');
        let (Some(kind), Some(index), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        let row = rows.entry(index).or_default();
        let number = |range: std::ops::RangeInclusive<u8>| {
            value
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    FieldError::new(
                        name,
                        format!(
                            "{name} must be a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )
                })
        };
        match (kind, rest) {
            ("criterion", "id") => row.id = value.trim().to_owned(),
            ("criterion", "name") => row.name = value.trim().to_owned(),
            ("criterion", "weight") => row.weight = Some(number(WEIGHT_RANGE)?),
            ("criterion", "remove") => row.remove = !value.is_empty(),
            ("score", option) if !value.trim().is_empty() => {
                row.scores.insert(option.to_owned(), number(SCORE_RANGE)?);
            }
            ("note", option) => {
                row.notes.insert(option.to_owned(), value.trim().to_owned());
            }
            _ => {}
        }
    }
    let mut criteria = Vec::new();
    let mut scores = Vec::new();
    for row in rows.into_values().filter(|r| !r.remove) {
        for (option, score) in &row.scores {
            scores.push(Score {
                criterion: row.id.clone(),
                option: option.clone(),
                score: *score,
                note: row.notes.get(option).cloned().unwrap_or_default(),
            });
        }
        criteria.push(Criterion {
            id: row.id,
            name: row.name,
            weight: row.weight.unwrap_or(DEFAULT_WEIGHT),
        });
    }
    if !added.is_empty() {
        criteria.push(Criterion {
            id: String::new(),
            name: added,
            weight: DEFAULT_WEIGHT,
        });
    }
    Ok((criteria, scores))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(id: &str, weight: u8) -> Criterion {
        Criterion {
            id: id.into(),
            name: id.into(),
            weight,
        }
    }

    fn score(criterion: &str, option: &str, score: u8) -> Score {
        Score {
            criterion: criterion.into(),
            option: option.into(),
            score,
            note: String::new(),
        }
    }

    fn options() -> Vec<String> {
        vec!["go".into(), "rust".into()]
    }

    #[test]
    fn totals_are_weighted_sums_and_ranked() {
        let criteria = [criterion("speed", 3), criterion("learning", 2)];
        let scores = [
            score("speed", "go", 4),
            score("speed", "rust", 5),
            score("learning", "go", 5),
            score("learning", "rust", 2),
        ];
        let ranking = rank(&criteria, &options(), &scores);
        // go: 3*4 + 2*5 = 22; rust: 3*5 + 2*2 = 19.
        assert_eq!(ranking.winners, ["go"]);
        assert_eq!(
            ranking
                .totals
                .iter()
                .map(|t| (t.option.as_str(), t.total, t.rank))
                .collect::<Vec<_>>(),
            [("go", 22, 1), ("rust", 19, 2)]
        );
        // Only learning 2 -> 1 flips it? go 12+5=17, rust 15+2=17: a tie, so yes.
        // speed 3 -> 4: go 26, rust 24: no. speed 3 -> 2: go 18, rust 14: no.
        // learning 2 -> 3: go 27, rust 21: no.
        assert_eq!(
            ranking.flips,
            [Flip {
                criterion: "learning".into(),
                from_weight: 2,
                to_weight: 1,
                winners: vec!["go".into(), "rust".into()],
            }]
        );
    }

    #[test]
    fn a_clear_winner_has_no_flips() {
        let criteria = [criterion("a", 3), criterion("b", 3)];
        let scores = [
            score("a", "go", 5),
            score("b", "go", 5),
            score("a", "rust", 1),
            score("b", "rust", 1),
        ];
        let ranking = rank(&criteria, &options(), &scores);
        assert_eq!(ranking.winners, ["go"]);
        assert!(ranking.flips.is_empty());
    }

    #[test]
    fn weights_stay_in_range_and_missing_scores_count_zero() {
        let criteria = [criterion("a", 0), criterion("b", 5)];
        let scores = [score("a", "go", 5), score("b", "rust", 1)];
        let ranking = rank(&criteria, &options(), &scores);
        assert_eq!(ranking.winners, ["rust"]);
        assert_eq!(ranking.totals[1].scored, 1);
        // a: 0 -> 1 makes go 5 vs rust 5: a tie. b: 5 -> 4 keeps rust; 6 is out of range.
        assert_eq!(ranking.flips.len(), 1);
        assert_eq!(
            (ranking.flips[0].from_weight, ranking.flips[0].to_weight),
            (0, 1)
        );
    }

    #[test]
    fn the_scoring_form_is_read() {
        let (criteria, scores) = from_pairs([
            ("criterion.0.id", "speed"),
            ("criterion.0.name", "Speed"),
            ("criterion.0.weight", "4"),
            ("score.0.go", "3"),
            ("score.0.rust", ""),
            ("note.0.go", " fast enough "),
            ("criterion.1.id", "old"),
            ("criterion.1.name", "Old"),
            ("criterion.1.remove", "on"),
            ("new_criterion", "Hiring"),
        ])
        .unwrap();
        assert_eq!(criteria.len(), 2);
        assert_eq!(
            (
                criteria[0].weight,
                criteria[1].name.as_str(),
                criteria[1].weight
            ),
            (4, "Hiring", DEFAULT_WEIGHT)
        );
        assert_eq!(
            scores,
            [score("speed", "go", 3)].map(|mut s| {
                s.note = "fast enough".into();
                s
            })
        );
        let error = from_pairs([("criterion.0.weight", "9")]).unwrap_err();
        assert_eq!(error.field, "criterion.0.weight");
        assert!(from_pairs([("score.0.go", "0")]).is_err());
    }

    #[test]
    fn nothing_scored_has_no_winner() {
        let ranking = rank(&[criterion("a", 3)], &options(), &[]);
        assert!(ranking.winners.is_empty());
        assert!(ranking.flips.is_empty());
    }
}
