//! What the plain forms of the assessment page change. Each form names its `section`; the
//! change applies to that part only, on top of the latest assessment.

use crate::model::assessment::{
    Assessment, ChecklistItem, ChecklistState, Citation, Mitigation, ThreatState,
};
use crate::model::matrix::Judgement;
use crate::model::scoring;
use crate::ssr::error::AppError;
use std::collections::BTreeMap;

/// A parsed form post, ready to apply to any version of the assessment.
#[derive(Clone, Debug, PartialEq)]
pub enum SectionChange {
    /// Add citations of `(matrix, row)`.
    Cite(Vec<(String, String)>),
    /// Per citation index: the judgements, or removal.
    Judgements(BTreeMap<usize, (bool, BTreeMap<String, Judgement>)>),
    Deviation(String),
    Answer(String),
    ResetTree,
    Scores(Vec<scoring::Criterion>, Vec<scoring::Score>),
    AttachChecklist(String),
    /// Remove the checklist of this matrix.
    RemoveChecklist(String),
    Checklists(Vec<(String, Vec<ChecklistItem>)>),
    Threats(Vec<ThreatState>),
    /// Remove this threat (its mitigation state and note go with it).
    RemoveThreat(String),
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Reads a form post. The last `section` wins, so a button can override the form's own.
pub fn parse(pairs: &[(String, String)]) -> Result<SectionChange, AppError> {
    let section = value(pairs, "section").unwrap_or_default();
    Ok(match section {
        "cite" => SectionChange::Cite(
            pairs
                .iter()
                .filter(|(k, _)| k == "cite")
                .map(|(_, v)| {
                    v.split_once('/')
                        .map(|(m, r)| (m.to_owned(), r.to_owned()))
                        .ok_or_else(|| {
                            AppError::invalid("cite", format!("'{v}' is not matrix/row"))
                        })
                })
                .collect::<Result<_, _>>()?,
        ),
        "judgements" => {
            let mut rows: BTreeMap<usize, (bool, BTreeMap<String, Judgement>)> = BTreeMap::new();
            for (name, v) in pairs {
                if let Some(index) = name.strip_prefix("remove.").and_then(|i| i.parse().ok()) {
                    rows.entry(index).or_default().0 = true;
                } else if let Some((index, option)) = name
                    .strip_prefix("j.")
                    .and_then(|rest| rest.split_once('.'))
                    .and_then(|(i, o)| Some((i.parse::<usize>().ok()?, o)))
                {
                    let judgement = Judgement::parse(v).ok_or_else(|| {
                        AppError::invalid(
                            name.clone(),
                            format!("'{v}' is not recommended, avoid or neither"),
                        )
                    })?;
                    rows.entry(index)
                        .or_default()
                        .1
                        .insert(option.to_owned(), judgement);
                }
            }
            SectionChange::Judgements(rows)
        }
        "deviation" => {
            SectionChange::Deviation(value(pairs, "justification").unwrap_or_default().to_owned())
        }
        "tree" => SectionChange::Answer(
            value(pairs, "answer")
                .ok_or_else(|| AppError::invalid("answer", "choose one of the answers"))?
                .to_owned(),
        ),
        "tree_reset" => SectionChange::ResetTree,
        "scores" => {
            let (criteria, scores) =
                scoring::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .map_err(|e| AppError::Validation(vec![e]))?;
            SectionChange::Scores(criteria, scores)
        }
        "checklist_attach" => SectionChange::AttachChecklist(
            value(pairs, "checklist")
                .ok_or_else(|| AppError::invalid("checklist", "choose a checklist"))?
                .to_owned(),
        ),
        "checklist_remove" => SectionChange::RemoveChecklist(
            value(pairs, "checklist")
                .ok_or_else(|| AppError::invalid("checklist", "name the checklist to remove"))?
                .to_owned(),
        ),
        "threat_remove" => SectionChange::RemoveThreat(
            value(pairs, "threat")
                .ok_or_else(|| AppError::invalid("threat", "name the threat to remove"))?
                .to_owned(),
        ),
        "checklists" => {
            let mut lists: BTreeMap<usize, (String, BTreeMap<String, ChecklistItem>)> =
                BTreeMap::new();
            for (name, v) in pairs {
                let Some((index, rest)) = name
                    .strip_prefix("c.")
                    .and_then(|r| r.split_once('.'))
                    .and_then(|(i, rest)| Some((i.parse::<usize>().ok()?, rest)))
                else {
                    continue;
                };
                let list = lists.entry(index).or_default();
                match rest {
                    "matrix" => list.0 = v.clone(),
                    _ => {
                        let Some((row, part)) = rest.rsplit_once('.') else {
                            continue;
                        };
                        let item = list
                            .1
                            .entry(row.to_owned())
                            .or_insert_with(|| ChecklistItem {
                                row: row.to_owned(),
                                done: false,
                                note: String::new(),
                            });
                        match part {
                            "done" => item.done = true,
                            "note" => item.note = v.trim().to_owned(),
                            _ => {}
                        }
                    }
                }
            }
            SectionChange::Checklists(
                lists
                    .into_values()
                    .map(|(matrix, items)| (matrix, items.into_values().collect()))
                    .collect(),
            )
        }
        "threats" => {
            let mut threats: BTreeMap<String, (bool, Mitigation, String)> = BTreeMap::new();
            for (name, v) in pairs {
                let Some((row, part)) = name.strip_prefix("t.").and_then(|r| r.rsplit_once('.'))
                else {
                    continue;
                };
                let entry = threats.entry(row.to_owned()).or_default();
                match part {
                    "applies" => entry.0 = true,
                    "mitigation" => {
                        entry.1 = Mitigation::parse(v).ok_or_else(|| {
                            AppError::invalid(
                                name.clone(),
                                format!("'{v}' is not a mitigation state"),
                            )
                        })?
                    }
                    "note" => entry.2 = v.trim().to_owned(),
                    _ => {}
                }
            }
            SectionChange::Threats(
                threats
                    .into_iter()
                    .filter(|(_, (applies, _, _))| *applies)
                    .map(|(row, (_, mitigation, note))| ThreatState {
                        row,
                        mitigation,
                        note,
                    })
                    .collect(),
            )
        }
        other => {
            return Err(AppError::invalid(
                "section",
                format!("unknown form section '{other}'"),
            ));
        }
    })
}

/// Applies a parsed change to an assessment.
pub fn apply(change: &SectionChange, assessment: &mut Assessment) {
    match change.clone() {
        SectionChange::Cite(rows) => {
            for (matrix, row) in rows {
                if !assessment
                    .citations
                    .iter()
                    .any(|c| c.matrix == matrix && c.row == row)
                {
                    assessment.citations.push(Citation {
                        matrix,
                        revision: 0,
                        row,
                        judgements: BTreeMap::new(),
                    });
                }
            }
        }
        SectionChange::Judgements(rows) => {
            let mut index = 0;
            assessment.citations.retain_mut(|citation| {
                let keep = match rows.get(&index) {
                    Some((true, _)) => false,
                    Some((false, judgements)) => {
                        citation.judgements.extend(judgements.clone());
                        true
                    }
                    None => true,
                };
                index += 1;
                keep
            });
        }
        SectionChange::Deviation(text) => assessment.deviation.justification = text,
        SectionChange::Answer(answer) => assessment.tree.answers.push(answer),
        SectionChange::ResetTree => assessment.tree.answers.clear(),
        SectionChange::Scores(criteria, scores) => {
            assessment.criteria = criteria;
            assessment.scores = scores;
        }
        SectionChange::AttachChecklist(matrix) => {
            if !assessment.checklists.iter().any(|c| c.matrix == matrix) {
                assessment.checklists.push(ChecklistState {
                    matrix,
                    revision: 0,
                    items: Vec::new(),
                });
            }
        }
        SectionChange::RemoveChecklist(matrix) => {
            assessment.checklists.retain(|c| c.matrix != matrix)
        }
        SectionChange::RemoveThreat(row) => assessment.threats.retain(|t| t.row != row),
        SectionChange::Checklists(lists) => {
            for (matrix, items) in lists {
                if let Some(list) = assessment
                    .checklists
                    .iter_mut()
                    .find(|c| c.matrix == matrix)
                {
                    list.items = items;
                }
            }
        }
        SectionChange::Threats(threats) => assessment.threats = threats,
    }
}

/// Which part of the page a section's form sits in, for the redirect after saving.
pub fn anchor(change: &SectionChange) -> &'static str {
    match change {
        SectionChange::Cite(_) | SectionChange::Judgements(_) | SectionChange::Deviation(_) => {
            "scenario-fit"
        }
        SectionChange::Answer(_) | SectionChange::ResetTree => "decision-tree",
        SectionChange::Scores(..) => "scoring",
        SectionChange::AttachChecklist(_)
        | SectionChange::RemoveChecklist(_)
        | SectionChange::Checklists(_) => "checklists",
        SectionChange::Threats(_) | SectionChange::RemoveThreat(_) => "threats",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn citing_then_judging_then_removing() {
        let mut a = Assessment::default();
        let cite = parse(&pairs(&[
            ("section", "cite"),
            ("cite", "adm/cli-tool"),
            ("cite", "adm/ml"),
        ]))
        .unwrap();
        apply(&cite, &mut a);
        apply(&cite, &mut a);
        assert_eq!(a.citations.len(), 2, "citing twice adds once");
        let judge = parse(&pairs(&[
            ("section", "judgements"),
            ("j.0.go", "avoid"),
            ("remove.1", "on"),
        ]))
        .unwrap();
        apply(&judge, &mut a);
        assert_eq!(a.citations.len(), 1);
        assert_eq!(a.citations[0].judgements["go"], Judgement::Avoid);
        assert!(parse(&pairs(&[("section", "judgements"), ("j.0.go", "maybe")])).is_err());
    }

    #[test]
    fn the_tree_takes_one_answer_per_post_and_a_button_can_reset() {
        let mut a = Assessment::default();
        apply(
            &parse(&pairs(&[("section", "tree"), ("answer", "< 1us p99")])).unwrap(),
            &mut a,
        );
        assert_eq!(a.tree.answers, ["< 1us p99"]);
        let reset = parse(&pairs(&[("section", "tree"), ("section", "tree_reset")])).unwrap();
        assert_eq!(reset, SectionChange::ResetTree);
        apply(&reset, &mut a);
        assert!(a.tree.answers.is_empty());
    }

    #[test]
    fn checklists_and_threats_are_read() {
        let mut a = Assessment::default();
        apply(
            &parse(&pairs(&[
                ("section", "checklist_attach"),
                ("checklist", "production-checklist"),
            ]))
            .unwrap(),
            &mut a,
        );
        let save = parse(&pairs(&[
            ("section", "checklists"),
            ("c.0.matrix", "production-checklist"),
            ("c.0.all-external-calls-have-timeouts.done", "on"),
            ("c.0.all-external-calls-have-timeouts.note", " 2 s "),
            ("c.0.health-check.note", ""),
        ]))
        .unwrap();
        apply(&save, &mut a);
        let items = &a.checklists[0].items;
        assert_eq!(items.len(), 2);
        assert!(items.iter().any(|i| i.done && i.note == "2 s"));
        let threats = parse(&pairs(&[
            ("section", "threats"),
            ("t.sql.applies", "on"),
            ("t.sql.mitigation", "mitigated"),
            ("t.dos.mitigation", "in_progress"),
        ]))
        .unwrap();
        apply(&threats, &mut a);
        assert_eq!(a.threats.len(), 1, "only ticked threats apply");
        assert_eq!(a.threats[0].mitigation, Mitigation::Mitigated);
        assert!(parse(&pairs(&[("section", "nope")])).is_err());
    }
}
