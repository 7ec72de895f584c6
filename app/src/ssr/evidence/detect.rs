//! Auto-detection: which format a text is in, from its first telling lines, so that people
//! can paste or drop output without naming the tool that wrote it. The API and the page say
//! which format was picked; declaring one overrides it.

use super::Format;

/// The format `text` looks like, or `None`.
pub fn detect(text: &str) -> Option<Format> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        // cargo-criterion writes one message per line; hyperfine one document.
        let first = trimmed.lines().next().unwrap_or_default();
        if first.contains("\"reason\"") {
            return Some(Format::CriterionJson);
        }
        if trimmed.contains("\"results\"") && trimmed.contains("\"command\"") {
            return Some(Format::HyperfineJson);
        }
        return None;
    }
    // OpenMetrics ends with "# EOF", however long the exposition before it.
    if text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_end() == "# EOF")
    {
        return Some(Format::OpenMetrics);
    }
    let mut metrics = false;
    for line in text.lines().take(10_000) {
        let line = line.trim_end();
        if line == "# EOF" {
            return Some(Format::OpenMetrics);
        }
        if line.starts_with("Benchmark")
            && line
                .split_ascii_whitespace()
                .nth(1)
                .is_some_and(|f| f.parse::<u64>().is_ok())
        {
            return Some(Format::GoBench);
        }
        if line.trim_start().starts_with("test ") && line.contains(" ... bench:") {
            return Some(Format::Bencher);
        }
        if line.starts_with("# TYPE ") || line.starts_with("# HELP ") {
            metrics = true;
        }
    }
    if metrics {
        return Some(Format::Prometheus);
    }
    // Bare samples: every non-comment line is `name[{...}] value`.
    let sample_like = |l: &str| {
        let mut words = l.split_whitespace();
        let (Some(name), Some(value)) = (words.next(), words.next()) else {
            return false;
        };
        let name = name.split('{').next().unwrap_or_default();
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
            && (value.parse::<f64>().is_ok() || matches!(value, "NaN" | "+Inf" | "-Inf"))
    };
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .peekable();
    (lines.peek().is_some() && lines.all(sample_like)).then_some(Format::Prometheus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_recognised() {
        assert_eq!(
            detect("goos: linux\nBenchmarkX-8 100 5 ns/op\n"),
            Some(Format::GoBench)
        );
        assert_eq!(
            detect("running 1 test\ntest a ... bench: 5 ns/iter (+/- 1)\n"),
            Some(Format::Bencher)
        );
        assert_eq!(
            detect("{\"reason\":\"benchmark-complete\",\"id\":\"a\"}\n"),
            Some(Format::CriterionJson)
        );
        assert_eq!(
            detect("{\n \"results\": [{\"command\": \"ls\", \"times\": [1]}]\n}"),
            Some(Format::HyperfineJson)
        );
        assert_eq!(detect("# TYPE a gauge\na 1\n"), Some(Format::Prometheus));
        assert_eq!(detect("a 1\n# EOF\n"), Some(Format::OpenMetrics));
        let long = "# TYPE a gauge\n".to_owned() + &"a 1\n".repeat(20_000) + "# EOF\n";
        assert_eq!(detect(&long), Some(Format::OpenMetrics));
        assert_eq!(
            detect("up 1\nhttp_requests_total{code=\"200\"} 3\n"),
            Some(Format::Prometheus)
        );
        assert_eq!(detect("hello world\n"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("[1, 2]"), None);
    }
}
