//! libtest's and criterion's "bencher" lines:
//! `test name ... bench:       1,234 ns/iter (+/- 56)`, optionally followed by
//! `= 800 MB/s`. Each line is one sample; repeated runs of the same name add samples.
//! Other lines (`running 3 tests`, `test result: ...`, tests that are not benchmarks) are
//! skipped and reported.

use super::{
    LineError, LineErrors, MAX_UNITS, NO_CONFIG, ParseFailure, ParserOutput, Results,
    SeriesBuilder, Skips, numbered_lines,
};

fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub fn parse(text: &str) -> ParserOutput {
    let mut builder = SeriesBuilder::default();
    let mut skipped = Skips::default();
    let mut errors = LineErrors::default();
    for (n, line) in numbered_lines(text) {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix("test ") else {
            if !line.trim().is_empty() {
                skipped.push(n, "not a bench line");
            }
            continue;
        };
        let Some(marker) = rest.find(" ... ") else {
            skipped.push(n, "not a bench line");
            continue;
        };
        let name = rest[..marker].trim();
        let outcome = &rest[marker + 5..];
        let Some(measure) = outcome.trim_start().strip_prefix("bench:") else {
            skipped.push(n, &format!("test '{name}' is not a benchmark"));
            continue;
        };
        let offset = line.len() - measure.len();
        let mut words = measure.split_whitespace();
        let column = |word: &str| word.as_ptr() as usize - line.as_ptr() as usize + 1;
        let (Some(value), Some(unit)) = (words.next(), words.next()) else {
            errors.push(LineError::new(
                n,
                offset + 1,
                "a bench line without a value and a unit",
            ));
            continue;
        };
        let Some(v) = number(value) else {
            errors.push(LineError::new(
                n,
                column(value),
                format!("'{value}' is not a number"),
            ));
            continue;
        };
        if !unit.contains('/') {
            errors.push(LineError::new(
                n,
                column(unit),
                format!("'{unit}' is not a unit like ns/iter"),
            ));
            continue;
        }
        if !builder.add(name, unit, NO_CONFIG, v) {
            errors.push(LineError::new(
                n,
                column(unit),
                format!("more than {MAX_UNITS} units for one benchmark"),
            ));
            continue;
        }
        // An optional "= <value> <unit>" throughput after the deviation.
        if let Some(eq) = measure.find(" = ") {
            let mut tail = measure[eq + 3..].split_whitespace();
            match (tail.next(), tail.next()) {
                (Some(value), Some(unit)) => match number(value) {
                    Some(v) if !builder.add(name, unit, NO_CONFIG, v) => {
                        errors.push(LineError::new(
                            n,
                            column(unit),
                            format!("more than {MAX_UNITS} units for one benchmark"),
                        ))
                    }
                    Some(_) => {}
                    None => errors.push(LineError::new(
                        n,
                        column(value),
                        format!("'{value}' is not a number"),
                    )),
                },
                _ => errors.push(LineError::new(
                    n,
                    offset + eq + 4,
                    "a throughput without a value and a unit",
                )),
            }
        }
    }
    if !errors.is_empty() {
        return Err(ParseFailure::Errors(errors.finish()));
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
    fn bench_lines_become_samples() {
        let text = "\nrunning 3 tests\ntest tests::parse   ... bench:       1,234 ns/iter (+/- 56)\ntest tests::render  ... bench:         987 ns/iter (+/- 12) = 800 MB/s\ntest tests::unit ... ok\ntest tests::parse   ... bench:       1,250 ns/iter (+/- 40)\n\ntest result: ok. 0 passed; 0 failed; 1 ignored; 2 measured; 0 filtered out\n";
        let (lines, Results::Benchmarks(results), skipped, _) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(lines, 8);
        assert_eq!(results[0].name, "tests::parse");
        assert_eq!(results[0].unit, "ns/iter");
        assert_eq!(results[0].samples, [1234.0, 1250.0]);
        assert_eq!(
            (results[2].unit.as_str(), results[2].samples[0]),
            ("MB/s", 800.0)
        );
        assert_eq!(
            skipped.iter().map(|s| s.line).collect::<Vec<_>>(),
            [2, 5, 8]
        );
    }

    #[test]
    fn broken_bench_lines_are_errors() {
        let Err(ParseFailure::Errors(errors)) =
            parse("test a ... bench: lots ns/iter (+/- 1)\ntest b ... bench:\n")
        else {
            panic!()
        };
        assert_eq!((errors[0].line, errors[0].column), (1, 19));
        assert_eq!(errors[1].line, 2);
    }
}
