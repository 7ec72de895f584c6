//! hyperfine's `--export-json` output: each result's `times` (seconds per run) are its
//! samples, named by its `command`.

use super::{LineError, ParseFailure, ParserOutput, Results, SeriesBuilder, Skipped};
use serde::Deserialize;

#[derive(Deserialize)]
struct Export {
    results: Vec<Run>,
}

#[derive(Deserialize)]
struct Run {
    command: String,
    #[serde(default)]
    times: Option<Vec<f64>>,
}

pub fn parse(text: &str) -> ParserOutput {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        ParseFailure::Errors(vec![LineError::new(
            e.line().max(1),
            e.column().max(1),
            format!("not hyperfine JSON: {e}"),
        )])
    })?;
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut errors = Vec::new();
    for run in &export.results {
        match &run.times {
            None => errors.push(LineError::new(
                1,
                1,
                format!(
                    "result '{}' has no times (export with --export-json)",
                    run.command
                ),
            )),
            Some(times) if times.iter().any(|t| !t.is_finite() || *t < 0.0) => {
                errors.push(LineError::new(
                    1,
                    1,
                    format!("result '{}' has a time that is not a duration", run.command),
                ))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors));
    }
    let mut builder = SeriesBuilder::default();
    let config = builder.config_id(&[]);
    for run in &export.results {
        if let Some(times) = &run.times {
            if times.is_empty() {
                skipped.push(Skipped {
                    line: 1,
                    reason: format!("result '{}' has no runs", run.command),
                });
            }
            for t in times {
                builder.add(&run.command, "s", config, *t);
            }
        }
    }
    Ok((
        super::line_count(text),
        Results::Benchmarks(builder.finish()),
        skipped,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_samples_in_seconds() {
        let text = r#"{"results":[{"command":"sleep 0.1","mean":0.1,"stddev":0.001,"median":0.1,"user":0.001,"system":0.001,"min":0.099,"max":0.102,"times":[0.101,0.099,0.102],"exit_codes":[0,0,0]}]}"#;
        let (_, Results::Benchmarks(results), _) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(
            (results[0].name.as_str(), results[0].unit.as_str()),
            ("sleep 0.1", "s")
        );
        assert_eq!(results[0].samples, [0.101, 0.099, 0.102]);
    }

    #[test]
    fn other_json_is_an_error() {
        let Err(ParseFailure::Errors(errors)) = parse("{\n  \"results\": [{\"cmd\": 1}]\n}") else {
            panic!()
        };
        assert_eq!(errors[0].line, 2);
        assert!(parse("[1, 2]").is_err());
    }
}
