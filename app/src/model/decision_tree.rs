//! Walking the guide's decision tree: each answer follows one of the guide's own branches;
//! where the guide has no branch for the case, the walk ends with no recommendation rather
//! than an invented one.

use serde::{Deserialize, Serialize};

/// The answer that says none of the guide's branches fits.
pub const NONE_OF_THESE: &str = "none of these";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Start,
    Question,
    Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeNode {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeEdge {
    pub from: String,
    pub to: String,
    /// The branch's label; `None` for an edge taken without a question.
    pub label: Option<String>,
}

/// A decision tree as the guide draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionTree {
    pub id: String,
    pub name: String,
    pub section: String,
    pub start: String,
    pub nodes: Vec<TreeNode>,
    pub edges: Vec<TreeEdge>,
}

/// One answered question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub question: String,
    pub answer: String,
}

/// Where a walk stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum WalkState {
    /// The next question and the guide's branches for it.
    Ask {
        question: String,
        choices: Vec<String>,
    },
    /// The guide's recommendation.
    Outcome { outcome: String },
    /// The guide has no branch for the answer given: it gives no recommendation.
    NoRecommendation { question: String },
}

/// The path taken so far and where it leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Walk {
    pub steps: Vec<Step>,
    #[serde(flatten)]
    pub state: WalkState,
}

impl Walk {
    /// The outcome, when the walk reached one.
    pub fn outcome(&self) -> Option<&str> {
        match &self.state {
            WalkState::Outcome { outcome } => Some(outcome),
            _ => None,
        }
    }
}

/// An answer the tree cannot take.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WalkError {
    #[error("'{answer}' is not an answer to \"{question}\"; the guide's answers are: {}", choices.join(", "))]
    UnknownAnswer {
        index: usize,
        question: String,
        answer: String,
        choices: Vec<String>,
    },
    #[error("the walk already ended after {taken} answers; {extra} more were given")]
    TooManyAnswers { taken: usize, extra: usize },
    #[error("the tree is malformed at node {0}")]
    Malformed(String),
}

impl DecisionTree {
    fn node(&self, id: &str) -> Result<&TreeNode, WalkError> {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .ok_or_else(|| WalkError::Malformed(id.to_owned()))
    }

    /// The labelled branches leaving `node`, in the guide's order.
    pub fn choices(&self, node: &str) -> Vec<String> {
        self.edges
            .iter()
            .filter(|e| e.from == node)
            .filter_map(|e| e.label.clone())
            .collect()
    }

    /// The question nodes, in the order the guide lists them.
    pub fn questions(&self) -> impl Iterator<Item = &TreeNode> {
        self.nodes.iter().filter(|n| n.kind == NodeKind::Question)
    }

    /// Follows `answers` from the start. Answers are branch labels, or [`NONE_OF_THESE`].
    pub fn walk(&self, answers: &[String]) -> Result<Walk, WalkError> {
        let mut node = self.node(&self.start)?;
        let mut steps = Vec::new();
        let mut given = answers.iter().enumerate();
        loop {
            match node.kind {
                NodeKind::Outcome => {
                    let extra = given.count();
                    if extra > 0 {
                        return Err(WalkError::TooManyAnswers {
                            taken: steps.len(),
                            extra,
                        });
                    }
                    return Ok(Walk {
                        steps,
                        state: WalkState::Outcome {
                            outcome: node.label.clone(),
                        },
                    });
                }
                NodeKind::Start => {
                    let next = self
                        .edges
                        .iter()
                        .find(|e| e.from == node.id)
                        .ok_or_else(|| WalkError::Malformed(node.id.clone()))?;
                    node = self.node(&next.to)?;
                }
                NodeKind::Question => {
                    let choices = self.choices(&node.id);
                    let Some((index, answer)) = given.next() else {
                        return Ok(Walk {
                            steps,
                            state: WalkState::Ask {
                                question: node.label.clone(),
                                choices,
                            },
                        });
                    };
                    steps.push(Step {
                        question: node.label.clone(),
                        answer: answer.clone(),
                    });
                    if answer == NONE_OF_THESE {
                        let extra = given.count();
                        if extra > 0 {
                            return Err(WalkError::TooManyAnswers {
                                taken: steps.len(),
                                extra,
                            });
                        }
                        return Ok(Walk {
                            steps,
                            state: WalkState::NoRecommendation {
                                question: node.label.clone(),
                            },
                        });
                    }
                    let edge = self
                        .edges
                        .iter()
                        .find(|e| e.from == node.id && e.label.as_deref() == Some(answer))
                        .ok_or_else(|| WalkError::UnknownAnswer {
                            index,
                            question: node.label.clone(),
                            answer: answer.clone(),
                            choices: choices.clone(),
                        })?;
                    node = self.node(&edge.to)?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guide's tree, as its mermaid line draws it.
    fn guide_tree() -> DecisionTree {
        let node = |id: &str, label: &str, kind| TreeNode {
            id: id.into(),
            label: label.into(),
            kind,
        };
        let edge = |from: &str, to: &str, label: Option<&str>| TreeEdge {
            from: from.into(),
            to: to.into(),
            label: label.map(Into::into),
        };
        DecisionTree {
            id: "t".into(),
            name: "Go Architecture Decision Tree".into(),
            section: "Diagrams & Visual Aids".into(),
            start: "A".into(),
            nodes: vec![
                node("A", "New Service", NodeKind::Start),
                node("B", "Latency requirement?", NodeKind::Question),
                node("C", "Rust or C++", NodeKind::Outcome),
                node("D", "Team size?", NodeKind::Question),
                node("E", "Existing ecosystem?", NodeKind::Question),
                node("F", "Go — readability at scale", NodeKind::Outcome),
                node("G", "Java/Kotlin", NodeKind::Outcome),
                node("H", "Need performance?", NodeKind::Question),
                node("I", "Keep Python", NodeKind::Outcome),
            ],
            edges: vec![
                edge("A", "B", None),
                edge("B", "C", Some("< 1us p99")),
                edge("B", "D", Some("< 10ms p99")),
                edge("B", "D", Some("< 100ms p99")),
                edge("D", "E", Some("1-5 devs")),
                edge("D", "F", Some("5+ devs")),
                edge("E", "G", Some("Java/Spring")),
                edge("E", "H", Some("Python/Django")),
                edge("E", "F", Some("None")),
                edge("H", "F", Some("Yes")),
                edge("H", "I", Some("No")),
            ],
        }
    }

    fn answers(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sub_microsecond_latency_leads_to_rust_or_cpp() {
        let walk = guide_tree().walk(&answers(&["< 1us p99"])).unwrap();
        assert_eq!(walk.outcome(), Some("Rust or C++"));
        assert_eq!(walk.steps[0].question, "Latency requirement?");
    }

    #[test]
    fn a_small_django_team_that_needs_performance_gets_go() {
        let walk = guide_tree()
            .walk(&answers(&[
                "< 100ms p99",
                "1-5 devs",
                "Python/Django",
                "Yes",
            ]))
            .unwrap();
        assert_eq!(walk.outcome(), Some("Go — readability at scale"));
        assert_eq!(walk.steps.len(), 4);
    }

    #[test]
    fn an_unfinished_walk_asks_the_next_question() {
        let walk = guide_tree().walk(&answers(&["< 10ms p99"])).unwrap();
        assert_eq!(
            walk.state,
            WalkState::Ask {
                question: "Team size?".into(),
                choices: answers(&["1-5 devs", "5+ devs"]),
            }
        );
    }

    #[test]
    fn a_case_the_guide_leaves_open_gets_no_recommendation() {
        let walk = guide_tree()
            .walk(&answers(&["< 10ms p99", "1-5 devs", NONE_OF_THESE]))
            .unwrap();
        assert_eq!(
            walk.state,
            WalkState::NoRecommendation {
                question: "Existing ecosystem?".into()
            }
        );
    }

    #[test]
    fn answers_must_be_the_guide_s_branches() {
        let error = guide_tree()
            .walk(&answers(&["< 10ms p99", "12 devs"]))
            .unwrap_err();
        assert!(
            matches!(error, WalkError::UnknownAnswer { index: 1, .. }),
            "{error}"
        );
        let error = guide_tree()
            .walk(&answers(&["< 1us p99", "5+ devs"]))
            .unwrap_err();
        assert_eq!(error, WalkError::TooManyAnswers { taken: 1, extra: 1 });
    }
}
