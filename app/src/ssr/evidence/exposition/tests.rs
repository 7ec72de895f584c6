//! The text formats, case by case.

use super::*;

fn families(text: &str, dialect: Dialect) -> Vec<MetricFamily> {
    match parse(text, dialect) {
        Ok((_, Results::Metrics(f), _, _)) => f,
        other => panic!("{other:?}"),
    }
}

fn errors(text: &str, dialect: Dialect) -> Vec<LineError> {
    match parse(text, dialect) {
        Err(ParseFailure::Errors(e)) => e,
        other => panic!("expected errors, got {other:?}"),
    }
}

const GO_CLIENT: &str = r#"# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.8708e-05
go_gc_duration_seconds{quantile="0.25"} 4.2e-05
go_gc_duration_seconds{quantile="0.5"} 5.6e-05
go_gc_duration_seconds{quantile="0.75"} 8.1e-05
go_gc_duration_seconds{quantile="1"} 0.000812
go_gc_duration_seconds_sum 0.0123
go_gc_duration_seconds_count 152
# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 42
# HELP http_request_duration_seconds Request latency.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{handler="/api",le="0.1"} 90
http_request_duration_seconds_bucket{handler="/api",le="0.5"} 99
http_request_duration_seconds_bucket{handler="/api",le="+Inf"} 100
http_request_duration_seconds_sum{handler="/api"} 12.5
http_request_duration_seconds_count{handler="/api"} 100
# A plain comment
process_resident_memory_bytes 1.2e+08 1700000000000
weird_metric{path="C:\\dir",quote="say \"hi\"",nl="a\nb",} NaN
"#;

#[test]
fn the_go_client_exposition_is_read() {
    let f = families(GO_CLIENT, Dialect::Prometheus);
    let names: Vec<_> = f.iter().map(|f| (f.name.as_str(), f.kind)).collect();
    assert_eq!(
        names,
        [
            ("go_gc_duration_seconds", MetricKind::Summary),
            ("go_goroutines", MetricKind::Gauge),
            ("http_request_duration_seconds", MetricKind::Histogram),
            ("process_resident_memory_bytes", MetricKind::Untyped),
            ("weird_metric", MetricKind::Untyped),
        ]
    );
    assert_eq!(f[0].samples.len(), 7);
    assert_eq!(
        f[0].help.as_deref(),
        Some("A summary of the pause duration of garbage collection cycles.")
    );
    assert_eq!(f[2].samples[2].label("le"), Some("+Inf"));
    assert_eq!(f[3].samples[0].timestamp, Some(1.7e12));
    let weird = &f[4].samples[0];
    assert!(weird.value.is_nan());
    assert_eq!(
        weird.labels,
        [
            ("path".into(), "C:\\dir".into()),
            ("quote".into(), "say \"hi\"".into()),
            ("nl".into(), "a\nb".into())
        ]
    );
}

#[test]
fn values_include_nan_and_infinities() {
    let f = families(
        "a +Inf\nb -Inf\nc NaN\nd 1e3\ne -0.5\n",
        Dialect::Prometheus,
    );
    let values: Vec<f64> = f.iter().map(|f| f.samples[0].value).collect();
    assert_eq!(values[0], f64::INFINITY);
    assert_eq!(values[1], f64::NEG_INFINITY);
    assert!(values[2].is_nan());
    assert_eq!(&values[3..], [1000.0, -0.5]);
}

#[test]
fn openmetrics_with_units_exemplars_and_eof() {
    let text = "# TYPE rpc_duration_seconds histogram\n# UNIT rpc_duration_seconds seconds\n# HELP rpc_duration_seconds RPC \\\"latency\\\".\nrpc_duration_seconds_bucket{le=\"0.01\"} 3 # {trace_id=\"abc\"} 0.004 1700000000.5\nrpc_duration_seconds_bucket{le=\"+Inf\"} 5\nrpc_duration_seconds_count 5\nrpc_duration_seconds_sum 0.2\nrpc_duration_seconds_created 1700000000\n# TYPE requests counter\nrequests_total{code=\"200\"} 10 1700000001.25 # {trace_id=\"x\"} 1\n# TYPE build info\nbuild_info{version=\"1.2\"} 1\n# TYPE state stateset\nstate{state=\"ok\"} 1\n# TYPE thing unknown\nthing 3\n# EOF\n";
    let f = families(text, Dialect::OpenMetrics);
    assert_eq!(f.len(), 5);
    assert_eq!(f[0].unit.as_deref(), Some("seconds"));
    assert_eq!(f[0].help.as_deref(), Some("RPC \"latency\"."));
    let exemplar = f[0].samples[0].exemplar.as_ref().unwrap();
    assert_eq!(
        (exemplar.value, exemplar.timestamp),
        (0.004, Some(1700000000.5))
    );
    assert_eq!(f[1].samples[0].timestamp, Some(1700000001.25));
    assert_eq!(f[2].kind, MetricKind::Info);
    assert_eq!(f[3].kind, MetricKind::StateSet);
}

#[test]
fn malformed_expositions_name_line_and_column() {
    let cases: [(&str, Dialect, usize, usize); 12] = [
        ("a{b=\"1} 2\n", Dialect::Prometheus, 1, 10),
        ("a{b=1} 2\n", Dialect::Prometheus, 1, 5),
        ("a one\n", Dialect::Prometheus, 1, 3),
        ("a 1 soon\n", Dialect::Prometheus, 1, 5),
        ("a{b=\"\\t\"} 1\n", Dialect::Prometheus, 1, 7),
        ("ok 1\n1bad 2\n", Dialect::Prometheus, 2, 1),
        (
            "# TYPE a histogram\na_bucket 1\n",
            Dialect::Prometheus,
            2,
            1,
        ),
        ("a 1\n# TYPE a gauge\n", Dialect::Prometheus, 2, 1),
        (
            "# TYPE a gauge\n# TYPE a counter\n",
            Dialect::Prometheus,
            2,
            1,
        ),
        ("a 1\n", Dialect::OpenMetrics, 2, 1),
        ("a 1\n# EOF\nb 2\n", Dialect::OpenMetrics, 3, 1),
        ("# TYPE c counter\nc 1\n# EOF\n", Dialect::OpenMetrics, 2, 1),
    ];
    for (text, dialect, line, column) in cases {
        let e = errors(text, dialect);
        assert_eq!(
            (e[0].line, e[0].column),
            (line, column),
            "{text:?}: {}",
            e[0].reason
        );
    }
}

#[test]
fn every_bad_line_is_reported() {
    let e = errors("a x\nb 1\nc{ 2\nd 3 4 5\n", Dialect::Prometheus);
    assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 3, 4]);
}

#[test]
fn interleaved_openmetrics_families_are_refused() {
    let e = errors(
        "# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 2\n# EOF\n",
        Dialect::OpenMetrics,
    );
    assert_eq!(e[0].line, 5);
}

#[test]
fn comments_are_skipped_and_reported_in_prometheus() {
    let (_, _, skipped, _) = parse("# just a note\n#another\nx 1\n", Dialect::Prometheus).unwrap();
    assert_eq!(
        skipped
            .iter()
            .map(|s| (s.line, s.last_line))
            .collect::<Vec<_>>(),
        [(1, Some(2))]
    );
}

fn first_error(text: &str, dialect: Dialect) -> LineError {
    errors(text, dialect).remove(0)
}

#[test]
fn falling_bucket_counts_are_read_with_a_warning_and_rounding_noise_without() {
    let text = "# TYPE h histogram\nh_bucket{le=\"5\"} 30\nh_bucket{le=\"15\"} 28\n\
                h_bucket{le=\"30\"} 40.000000000000004\nh_bucket{le=\"60\"} 40\n\
                h_bucket{le=\"+Inf\"} 40\n";
    let (_, results, _, warnings) = parse(text, Dialect::Prometheus).expect("read");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 3);
    assert!(
        warnings[0].message.contains("28 at le=15 is below 30"),
        "{}",
        warnings[0].message
    );
    let Results::Metrics(families) = results else {
        panic!("metrics")
    };
    let buckets: Vec<(f64, f64)> = families[0]
        .samples
        .iter()
        .map(|s| {
            (
                s.labels
                    .iter()
                    .find(|(k, _)| k == "le")
                    .map(|(_, v)| v.parse().unwrap())
                    .unwrap(),
                s.value,
            )
        })
        .collect();
    // The envelope: 30 below le=15 as well, so the median (rank 20) lies in the first
    // bucket, and the noise above 40 is no observation of its own.
    let median = crate::ssr::metrics::histogram_quantile(0.5, &buckets);
    assert!((median - 5.0 * 20.0 / 30.0).abs() < 1e-9, "{median}");
    let p99 = crate::ssr::metrics::histogram_quantile(0.99, &buckets);
    assert!(
        (p99 - (15.0 + 15.0 * (39.6 - 30.0) / 10.0)).abs() < 1e-9,
        "{p99}"
    );
}

#[test]
fn histograms_must_rise_in_le_and_end_at_inf() {
    let head = "# TYPE h histogram\n";
    let e = first_error(
        &format!(
            "{head}h_bucket{{le=\"2\"}} 1\nh_bucket{{le=\"1\"}} 1\nh_bucket{{le=\"+Inf\"}} 1\n"
        ),
        Dialect::Prometheus,
    );
    assert_eq!(e.line, 3);
    assert!(
        e.reason.contains("increasing order of le: le=1 after le=2"),
        "{}",
        e.reason
    );
    let e = first_error(
        &format!(
            "{head}h_bucket{{a=\"x\",le=\"1\"}} 1\nh_bucket{{a=\"x\",le=\"+Inf\"}} 1\nh_bucket{{a=\"y\",le=\"1\"}} 1\n# EOF\n"
        ),
        Dialect::OpenMetrics,
    );
    assert_eq!(e.line, 4);
    assert_eq!(
        e.reason,
        "the histogram series h{a=\"y\"} has no le=\"+Inf\" bucket"
    );
    let e = first_error(
        &format!("{head}h_bucket{{le=\"1\"}} -1\n"),
        Dialect::Prometheus,
    );
    assert!(e.reason.contains("zero or more"), "{}", e.reason);
    // Series are told apart by their other labels, whatever their order.
    assert!(
        parse(
            &format!("{head}h_bucket{{a=\"x\",b=\"y\",le=\"1\"}} 1\nh_bucket{{b=\"y\",le=\"+Inf\",a=\"x\"}} 2\n"),
            Dialect::Prometheus
        )
        .is_ok()
    );
}

#[test]
fn counters_never_go_negative() {
    let e = first_error(
        "# TYPE c counter\nc_total -1\n# EOF\n",
        Dialect::OpenMetrics,
    );
    assert_eq!((e.line, e.column), (2, 9));
    assert!(e.reason.contains("counters only rise"));
    assert!(parse("# TYPE c counter\nc -1\n", Dialect::Prometheus).is_err());
}
