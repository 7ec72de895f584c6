//! hyperfine's `--export-json` output: each result's `times` (seconds per run) are its
//! samples, named by its `command`.

use super::{
    LineError, LineErrors, NO_CONFIG, ParseFailure, ParserOutput, Results, SeriesBuilder, Skips,
};
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

/// The line and column where the JSON string of `command` first appears in `text` (the
/// result a problem belongs to), or the start of the text.
fn whereabouts(text: &str, command: &str) -> (usize, usize) {
    let Ok(quoted) = serde_json::to_string(command) else {
        return (1, 1);
    };
    let Some(at) = text.find(&quoted) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = at - before.rfind('\n').map_or(0, |nl| nl + 1) + 1;
    (line, column)
}

pub fn parse(text: &str) -> ParserOutput {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        ParseFailure::Errors(vec![LineError::new(
            e.line().max(1),
            e.column().max(1),
            format!("not hyperfine JSON: {e}"),
        )])
    })?;
    let mut skipped = Skips::default();
    let mut errors = LineErrors::default();
    for run in &export.results {
        let (line, column) = whereabouts(text, &run.command);
        match &run.times {
            None => errors.push(LineError::new(
                line,
                column,
                format!(
                    "result '{}' has no times (export with --export-json)",
                    run.command
                ),
            )),
            Some(times) if times.iter().any(|t| !t.is_finite() || *t < 0.0) => {
                errors.push(LineError::new(
                    line,
                    column,
                    format!("result '{}' has a time that is not a duration", run.command),
                ))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors.finish()));
    }
    let mut builder = SeriesBuilder::default();
    for run in &export.results {
        if let Some(times) = &run.times {
            if times.is_empty() {
                skipped.push(
                    whereabouts(text, &run.command).0,
                    &format!("result '{}' has no runs", run.command),
                );
            }
            for t in times {
                // One unit per command: never past MAX_UNITS.
                let _ = builder.add(&run.command, "s", NO_CONFIG, *t);
            }
        }
    }
    Ok((
        super::line_count(text),
        Results::Benchmarks(builder.finish()),
        skipped.finish(),
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_samples_in_seconds() {
        let text = r#"{"results":[{"command":"sleep 0.1","mean":0.1,"stddev":0.001,"median":0.1,"user":0.001,"system":0.001,"min":0.099,"max":0.102,"times":[0.101,0.099,0.102],"exit_codes":[0,0,0]}]}"#;
        let (_, Results::Benchmarks(results), _, _) = parse(text).unwrap() else {
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

    #[test]
    fn a_result_without_times_is_reported_where_it_is() {
        let text = "{\n  \"results\": [\n    {\"command\": \"a\", \"times\": [1.0]},\n    {\"command\": \"b\"}\n  ]\n}\n";
        let Err(ParseFailure::Errors(errors)) = parse(text) else {
            panic!()
        };
        assert_eq!((errors[0].line, errors[0].column), (4, 17));
        assert!(errors[0].reason.contains("'b' has no times"));
    }
}
