//! cargo-criterion's `--message-format=json` output: one JSON message per line. Each
//! `benchmark-complete` message gives the samples as `measured_values` over
//! `iteration_count` (time per iteration, in its `unit`). Other messages are skipped.

use super::{
    LineError, LineErrors, MAX_UNITS, NO_CONFIG, ParseFailure, ParserOutput, Results,
    SeriesBuilder, Skips, numbered_lines,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    measured_values: Option<Vec<f64>>,
    #[serde(default)]
    iteration_count: Option<Vec<f64>>,
}

pub fn parse(text: &str) -> ParserOutput {
    let mut names: Vec<(String, String)> = Vec::new();
    let mut index_of: rustc_hash::FxHashMap<(String, String), usize> = Default::default();
    let mut units_of: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut samples: Vec<(usize, f64)> = Vec::new();
    let mut skipped = Skips::default();
    let mut errors = LineErrors::default();
    for (n, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let message: Message = match serde_json::from_str(line) {
            Ok(m) => m,
            Err(e) => {
                errors.push(LineError::new(
                    n,
                    e.column().max(1),
                    format!("not a criterion JSON message: {e}"),
                ));
                continue;
            }
        };
        if message.reason != "benchmark-complete" {
            skipped.push(n, &format!("message '{}' holds no samples", message.reason));
            continue;
        }
        let (Some(id), Some(values), Some(counts)) =
            (message.id, message.measured_values, message.iteration_count)
        else {
            errors.push(LineError::new(
                n,
                1,
                "a benchmark-complete message needs id, measured_values and iteration_count",
            ));
            continue;
        };
        if values.len() != counts.len() {
            errors.push(LineError::new(
                n,
                1,
                format!(
                    "{} measured values but {} iteration counts",
                    values.len(),
                    counts.len()
                ),
            ));
            continue;
        }
        if counts.iter().any(|c| *c <= 0.0) {
            errors.push(LineError::new(n, 1, "an iteration count is not positive"));
            continue;
        }
        if values
            .iter()
            .zip(&counts)
            .any(|(v, c)| !(v / c).is_finite())
        {
            errors.push(LineError::new(
                n,
                1,
                "a measured value over its iteration count is not a finite time",
            ));
            continue;
        }
        let unit = message.unit.unwrap_or_else(|| "ns".to_owned());
        let key = (id, unit);
        let index = match index_of.get(&key) {
            Some(i) => *i,
            None => {
                let units = units_of.entry(key.0.clone()).or_default();
                if *units >= MAX_UNITS {
                    errors.push(LineError::new(
                        n,
                        1,
                        format!("more than {MAX_UNITS} units for one benchmark"),
                    ));
                    continue;
                }
                *units += 1;
                index_of.insert(key.clone(), names.len());
                names.push(key);
                names.len() - 1
            }
        };
        samples.extend(values.iter().zip(&counts).map(|(v, c)| (index, v / c)));
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors.finish()));
    }
    let mut builder = SeriesBuilder::default();
    for (index, value) in samples {
        let (id, unit) = &names[index];
        // Units per benchmark were capped above.
        let _ = builder.add(id, unit, NO_CONFIG, value);
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
    fn samples_are_time_per_iteration() {
        let text = r#"{"reason":"benchmark-start","id":"parse/json"}
{"reason":"benchmark-complete","id":"parse/json","report_directory":"x","iteration_count":[10,20],"measured_values":[1000.0,2100.0],"unit":"ns","throughput":[],"typical":{"estimate":100.0,"lower_bound":99.0,"upper_bound":101.0,"unit":"ns"}}
{"reason":"group-complete","group_name":"parse","benchmarks":["parse/json"],"report_directory":"x"}
"#;
        let (_, Results::Benchmarks(results), skipped, _) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(results[0].name, "parse/json");
        assert_eq!(results[0].unit, "ns");
        assert_eq!(results[0].samples, [100.0, 105.0]);
        assert_eq!(skipped.len(), 2);
    }

    #[test]
    fn broken_messages_name_line_and_column() {
        let Err(ParseFailure::Errors(errors)) =
            parse("{\"reason\":\"benchmark-complete\"}\n{\"reason\": 5}\nnot json\n")
        else {
            panic!()
        };
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(errors[1].column > 1);
    }
}
