//! Quantiles and rules, against values worked out by hand from Prometheus' definition.

use super::*;
use crate::ssr::evidence::Results;
use crate::ssr::evidence::exposition::{Dialect, parse};

fn families(text: &str) -> Vec<MetricFamily> {
    match parse(text, Dialect::Prometheus) {
        Ok((_, Results::Metrics(f), _, _)) => f,
        other => panic!("{other:?}"),
    }
}

#[test]
fn quantiles_interpolate_inside_the_bucket() {
    let buckets = [
        (0.1, 50.0),
        (0.5, 90.0),
        (1.0, 100.0),
        (f64::INFINITY, 100.0),
    ];
    // rank 50 lands exactly on the first bucket's count.
    assert!((histogram_quantile(0.5, &buckets) - 0.1).abs() < 1e-12);
    // rank 70: 20 of the 40 in (0.1, 0.5].
    assert!((histogram_quantile(0.7, &buckets) - 0.3).abs() < 1e-12);
    // rank 99: 9 of 10 in (0.5, 1].
    assert!((histogram_quantile(0.99, &buckets) - 0.95).abs() < 1e-12);
}

#[test]
fn the_inf_bucket_rule_and_undefined_cases() {
    // Most observations above the last finite bound: the answer is that bound.
    let buckets = [(0.1, 1.0), (0.5, 2.0), (f64::INFINITY, 10.0)];
    assert_eq!(histogram_quantile(0.9, &buckets), 0.5);
    assert!(
        histogram_quantile(0.5, &[(0.1, 1.0), (0.5, 2.0)]).is_nan(),
        "no +Inf bucket"
    );
    assert!(
        histogram_quantile(0.5, &[(f64::INFINITY, 3.0)]).is_nan(),
        "one bucket"
    );
    assert!(
        histogram_quantile(0.5, &[(1.0, 0.0), (f64::INFINITY, 0.0)]).is_nan(),
        "no observations"
    );
    assert_eq!(histogram_quantile(-0.1, &buckets), f64::NEG_INFINITY);
    assert_eq!(histogram_quantile(1.1, &buckets), f64::INFINITY);
    assert!(histogram_quantile(f64::NAN, &buckets).is_nan());
    // A first bucket at or below zero answers with its bound.
    assert_eq!(
        histogram_quantile(0.1, &[(0.0, 5.0), (1.0, 10.0), (f64::INFINITY, 10.0)]),
        0.0
    );
}

#[test]
fn non_monotonic_buckets_are_mended() {
    let buckets = [(0.1, 10.0), (0.5, 8.0), (1.0, 20.0), (f64::INFINITY, 20.0)];
    assert!((histogram_quantile(0.5, &buckets) - 0.1).abs() < 1e-12);
}

const SCRAPE: &str = r#"# TYPE go_goroutines gauge
go_goroutines 12000
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 0.00002
go_gc_duration_seconds{quantile="0.25"} 0.00004
go_gc_duration_seconds{quantile="0.5"} 0.00006
go_gc_duration_seconds{quantile="0.75"} 0.00009
go_gc_duration_seconds{quantile="1"} 0.0009
go_gc_duration_seconds_sum 0.01
go_gc_duration_seconds_count 150
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 1.5e+09
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{handler="/a",le="0.1"} 80
http_request_duration_seconds_bucket{handler="/a",le="1"} 100
http_request_duration_seconds_bucket{handler="/a",le="+Inf"} 100
http_request_duration_seconds_bucket{handler="/b",le="0.1"} 0
http_request_duration_seconds_bucket{handler="/b",le="1"} 50
http_request_duration_seconds_bucket{handler="/b",le="+Inf"} 100
http_request_duration_seconds_sum{handler="/a"} 5
http_request_duration_seconds_count{handler="/a"} 100
"#;

#[test]
fn the_guide_s_key_metrics_are_judged_or_explained() {
    let f = families(SCRAPE);
    let f: Vec<&MetricFamily> = f.iter().collect();
    let verdicts: Vec<Verdict> = guide_rules().iter().map(|r| evaluate(r, &f)).collect();
    assert_eq!(
        verdicts[0],
        Verdict::Fail { value: 12000.0 },
        "goroutines over 10,000"
    );
    match &verdicts[1] {
        Verdict::NotEvaluable { reason } => {
            assert!(reason.contains("without a 0.99 quantile"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(verdicts[2], Verdict::Pass { value: 1.5e9 });
    // Summed buckets: 80 <= 0.1, 150 <= 1, 200 total; rank 198 lies above 1: the bound 1.
    assert_eq!(verdicts[3], Verdict::Fail { value: 1.0 });
}

#[test]
fn rules_match_labels_and_aggregate() {
    let owned = families(SCRAPE);
    let f: Vec<&MetricFamily> = owned.iter().collect();
    let mut rule = guide_rules().remove(3);
    rule.matchers = vec![Matcher {
        label: "handler".into(),
        negate: false,
        value: "/a".into(),
    }];
    rule.measure = Measure::Quantile { quantile: 0.5 };
    // /a: rank 50 of 100 in the first bucket: 0.1 * 50/80.
    assert_eq!(evaluate(&rule, &f), Verdict::Pass { value: 0.0625 });
    rule.matchers[0].negate = true;
    rule.aggregation = Aggregation::PerSeries;
    // /b alone: rank 50 of 100 lies at the top of (0.1, 1]: 1.0.
    assert_eq!(evaluate(&rule, &f), Verdict::Fail { value: 1.0 });
    let missing = Rule {
        metric: "nope".into(),
        ..rule.clone()
    };
    assert!(matches!(
        evaluate(&missing, &f),
        Verdict::NotEvaluable { .. }
    ));
    let qs = quantiles(&owned, &[0.5, 0.99]);
    assert_eq!(qs.len(), 4, "two series, two quantiles");
    assert_eq!(qs[0].labels, [("handler".to_owned(), "/a".to_owned())]);
}

#[test]
fn unusable_rules_name_the_field_at_fault() {
    let mut rule = guide_rules().remove(1);
    assert_eq!(rule.problem(), None);
    rule.measure = Measure::Quantile { quantile: 99.0 };
    assert_eq!(rule.problem().map(|p| p.0), Some("measure.quantile"));
    rule.metric = " ".into();
    assert_eq!(rule.problem().map(|p| p.0), Some("metric"));
}

#[test]
fn per_series_shows_the_worst_value_in_the_rule_s_direction() {
    let owned = families(SCRAPE);
    let f: Vec<&MetricFamily> = owned.iter().collect();
    let mut rule = guide_rules().remove(3);
    rule.measure = Measure::Quantile { quantile: 0.5 };
    rule.aggregation = Aggregation::PerSeries;
    // Medians: /a 0.0625, /b 1.0. "Alert when under 0.5" fails on /a, the lower one.
    rule.comparison = Comparison::Below;
    rule.threshold = 0.5;
    assert_eq!(evaluate(&rule, &f), Verdict::Fail { value: 0.0625 });
    // "Alert when under 0.01" holds for neither: the lowest median is shown.
    rule.threshold = 0.01;
    assert_eq!(evaluate(&rule, &f), Verdict::Pass { value: 0.0625 });
    // "Alert when over 0.01" fails on both: the highest is shown.
    rule.comparison = Comparison::Above;
    assert_eq!(evaluate(&rule, &f), Verdict::Fail { value: 1.0 });
}

#[test]
fn series_without_observations_are_not_evaluable_and_max_skips_them() {
    let text = "# TYPE h histogram\n\
        h_bucket{s=\"a\",le=\"1\"} 0\nh_bucket{s=\"a\",le=\"+Inf\"} 0\n\
        h_bucket{s=\"b\",le=\"1\"} 0\nh_bucket{s=\"b\",le=\"+Inf\"} 0\n";
    let owned = families(text);
    let f: Vec<&MetricFamily> = owned.iter().collect();
    let mut rule = guide_rules().remove(3);
    rule.metric = "h".into();
    for aggregation in [Aggregation::Max, Aggregation::Min, Aggregation::PerSeries] {
        rule.aggregation = aggregation;
        match evaluate(&rule, &f) {
            Verdict::NotEvaluable { reason } => assert!(reason.contains("NaN"), "{reason}"),
            other => panic!("{aggregation:?}: {other:?}"),
        }
    }
    let text =
        format!("{text}h_bucket{{s=\"c\",le=\"1\"}} 10\nh_bucket{{s=\"c\",le=\"+Inf\"}} 10\n");
    let owned = families(&text);
    let f: Vec<&MetricFamily> = owned.iter().collect();
    rule.aggregation = Aggregation::Max;
    // Series c alone has observations: p99 at 0.99 of the first bucket.
    assert_eq!(evaluate(&rule, &f), Verdict::Fail { value: 0.99 });
    rule.aggregation = Aggregation::Avg;
    assert!(matches!(evaluate(&rule, &f), Verdict::NotEvaluable { .. }));
}

#[test]
fn the_newest_scrape_of_an_option_is_judged() {
    let old = families("go_goroutines 12000\n");
    let new = families("go_goroutines 300\n");
    let rule = guide_rules().remove(0);
    assert_eq!(
        evaluate(&rule, &[&old[0], &new[0]]),
        Verdict::Pass { value: 300.0 }
    );
}

#[test]
fn a_summary_lists_the_quantiles_it_offers_once_each_in_order() {
    let text = "# TYPE s summary\ns{i=\"1\",quantile=\"0.9\"} 1\ns{i=\"1\",quantile=\"0.5\"} 1\n\
        s{i=\"2\",quantile=\"0.9\"} 1\ns{i=\"2\",quantile=\"0.5\"} 1\n";
    let owned = families(text);
    let f: Vec<&MetricFamily> = owned.iter().collect();
    let mut rule = guide_rules().remove(1);
    rule.metric = "s".into();
    match evaluate(&rule, &f) {
        Verdict::NotEvaluable { reason } => {
            assert!(reason.contains("(it exposes 0.5, 0.9)"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_series_is_listed_with_what_it_shows() {
    let rows = series_rows(&families(SCRAPE));
    let shown: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.metric.as_str(), r.labels.as_str(), r.shown.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("go_goroutines", "", "12000"),
            (
                "go_gc_duration_seconds",
                "",
                "q0 0.00002 · q0.25 0.00004 · q0.5 0.00006 · q0.75 0.00009 · q1 0.0009"
            ),
            ("process_resident_memory_bytes", "", "1500000000"),
            (
                "http_request_duration_seconds",
                "{handler=\"/a\"}",
                "p50 0.0625 · p90 0.55 · p99 0.955"
            ),
            (
                "http_request_duration_seconds",
                "{handler=\"/b\"}",
                // Ranks above the last finite bucket give its bound, as Prometheus does.
                "p50 1 · p90 1 · p99 1"
            ),
        ]
    );
}

#[test]
fn values_read_with_the_unit_their_metric_names() {
    assert_eq!(
        figure("process_resident_memory_bytes", 86089728.0),
        "86.1 MB"
    );
    assert_eq!(figure("process_resident_memory_bytes", 2e9), "2.00 GB");
    assert_eq!(
        figure("http_request_duration_seconds", 1.3708370044052796),
        "1.37 s"
    );
    assert_eq!(figure("go_gc_duration_seconds", 0.005), "5.00 ms");
    assert_eq!(figure("go_gc_duration_seconds_sum", 0.00025), "250 µs");
    assert_eq!(figure("http_requests_total", 999_700.5), "1.00 M");
    assert_eq!(figure("go_goroutines", 10000.0), "10000");
    assert_eq!(figure("queue_ratio", 0.25), "250 m");
    assert_eq!(figure("go_gc_duration_seconds", 0.0), "0 s");
    assert_eq!(figure("go_gc_duration_seconds", f64::NAN), "NaN");
    assert_eq!(figure("x_seconds", -0.5), "-500 ms");
    assert_eq!(unit_of("process_cpu_seconds_total"), Some("s"));
    assert_eq!(unit_of("go_goroutines"), None);
}
