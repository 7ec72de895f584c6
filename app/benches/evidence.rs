//! Speed of the evidence pipeline, against the targets of the evidence issue:
//! Go benchmark text parses at 100 MB/s or more; comparing 1,000 benchmarks x 20 samples x
//! 2 options takes under 50 ms; a 5 MB Prometheus scrape parses in under 100 ms.
//!
//! Run: cargo bench -p app --features ssr --bench evidence
//! Each figure is the median of several timed runs on data generated here with a fixed seed.

use app::ssr::compare::{self, Side};
use app::ssr::evidence::{self, BenchResult, Format};
#[path = "support/timing.rs"]
mod timing;
use timing::median_time;

/// A small deterministic generator, so every run times the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn go_bench_text(target_bytes: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::from(
        "goos: linux\ngoarch: amd64\npkg: example.com/bench\ncpu: Intel(R) Xeon(R) CPU @ 2.20GHz\n",
    );
    let mut i = 0;
    while out.len() < target_bytes {
        let name = format!("BenchmarkEncode/size={}/kind={}-8", i % 1000, i % 7);
        let ns = 1000.0 + rng.next() * 500.0;
        out.push_str(&format!(
            "{name}\t{}\t{ns:.1} ns/op\t{:.2} MB/s\t{} B/op\t{} allocs/op\n",
            100_000 + i % 977,
            900.0 + rng.next() * 10.0,
            64 + i % 5,
            2 + i % 3
        ));
        i += 1;
    }
    out.push_str("PASS\nok  \texample.com/bench\t12.3s\n");
    out
}

fn side(label: &str, shift: f64, seed: u64) -> Side<'static> {
    let mut rng = Lcg(seed);
    let results = (0..1000)
        .map(|b| BenchResult {
            name: format!("BenchmarkCase{b}-8"),
            unit: "ns/op".to_owned(),
            samples: (0..20)
                .map(|_| 1000.0 + b as f64 + shift + rng.next() * 50.0)
                .collect(),
            config: vec![("goos".to_owned(), "linux".to_owned())].into(),
            parts: None,
            exact: false,
        })
        .collect();
    Side::owned(label, results)
}

fn scrape(target_bytes: usize) -> String {
    let mut rng = Lcg(11);
    let mut out = String::new();
    let mut family = 0;
    while out.len() < target_bytes {
        let name = format!("app_request_duration_seconds_{family}");
        out.push_str(&format!(
            "# HELP {name} Request latency of handler group {family}.\n# TYPE {name} histogram\n"
        ));
        for handler in 0..20 {
            let mut count = 0.0;
            for le in [
                "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10",
                "+Inf",
            ] {
                count += (rng.next() * 100.0).floor();
                out.push_str(&format!("{name}_bucket{{handler=\"/api/v1/things/{handler}\",method=\"GET\",code=\"200\",le=\"{le}\"}} {count}\n"));
            }
            out.push_str(&format!("{name}_sum{{handler=\"/api/v1/things/{handler}\",method=\"GET\",code=\"200\"}} {:.3}\n", rng.next() * 1000.0));
            out.push_str(&format!("{name}_count{{handler=\"/api/v1/things/{handler}\",method=\"GET\",code=\"200\"}} {count}\n"));
        }
        out.push_str(&format!(
            "# TYPE app_goroutines_{family} gauge\napp_goroutines_{family} {}\n",
            (rng.next() * 1e4).floor()
        ));
        family += 1;
    }
    out
}

fn main() {
    let text = go_bench_text(20 * 1024 * 1024);
    let t = median_time(7, || {
        let parsed = evidence::parse(Format::GoBench, &text).expect("parses");
        std::hint::black_box(parsed);
    });
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    println!(
        "Go benchmark text: {mb:.1} MiB in {:.1} ms = {:.0} MiB/s (target: 100 MB/s or more)",
        t.as_secs_f64() * 1e3,
        mb / t.as_secs_f64()
    );

    let (base, new) = (side("base", 0.0, 1), side("new", 10.0, 2));
    let t = median_time(9, || {
        std::hint::black_box(compare::compare(
            &base,
            &new,
            compare::DEFAULT_ALPHA,
            &[],
            compare::Text::Write,
        ));
    });
    println!(
        "Comparing 1,000 benchmarks x 20 samples x 2 options: {:.1} ms (target: under 50 ms)",
        t.as_secs_f64() * 1e3
    );

    // The size a large repository's CI produces: the statistics alone, on results already
    // in memory, and the packed form read back (what a request does before comparing).
    let big = |shift: f64, seed: u64| {
        let mut rng = Lcg(seed);
        let config: evidence::Config = vec![
            ("goos".to_owned(), "linux".to_owned()),
            ("goarch".to_owned(), "amd64".to_owned()),
            ("pkg".to_owned(), "example.com/big".to_owned()),
            (
                "cpu".to_owned(),
                "Intel(R) Xeon(R) CPU @ 2.20GHz".to_owned(),
            ),
        ]
        .into();
        let results: Vec<BenchResult> = (0..20_000)
            .flat_map(|b| {
                let config = config.clone();
                let rng = &mut rng;
                ["ns/op", "B/op", "allocs/op"].map(|unit| BenchResult {
                    name: format!("BenchmarkCodec/case={b}/size={}-8", 1 << (b % 12)),
                    unit: unit.to_owned(),
                    samples: (0..10)
                        .map(|_| 500.0 + b as f64 * shift + rng.next() * 20.0)
                        .collect(),
                    config: config.clone(),
                    parts: None,
                    exact: false,
                })
            })
            .collect();
        results
    };
    let (base, new) = (
        Side::owned("base", big(1.0, 3)),
        Side::owned("new", big(0.8, 4)),
    );
    for (text, what) in [
        (
            compare::Text::Write,
            "Comparing 20,000 benchmarks x 10 runs x 3 units, in memory, with the text table",
        ),
        (
            compare::Text::Skip,
            "The same, rows only (what the pages and charts use)",
        ),
    ] {
        let t = median_time(5, || {
            std::hint::black_box(compare::compare(
                &base,
                &new,
                compare::DEFAULT_ALPHA,
                &[],
                text,
            ));
        });
        println!(
            "{what}: {:.0} ms (the request's goal: under 300 ms)",
            t.as_secs_f64() * 1e3
        );
    }
    let parsed = evidence::Parsed {
        format: Format::GoBench,
        lines_read: 0,
        results: evidence::Results::Benchmarks(
            base.results
                .iter()
                .map(|r| r.clone().into_owned())
                .collect(),
        ),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let packed = evidence::packed::pack(&parsed).unwrap();
    let t = median_time(5, || {
        std::hint::black_box(evidence::packed::unpack(&packed).unwrap());
    });
    println!(
        "Reading one side's packed form back ({:.1} MB): {:.0} ms",
        packed.len() as f64 / 1e6,
        t.as_secs_f64() * 1e3
    );

    let metrics = scrape(5 * 1024 * 1024);
    let t = median_time(7, || {
        std::hint::black_box(evidence::parse(Format::Prometheus, &metrics).expect("parses"));
    });
    println!(
        "Prometheus scrape: {:.1} MiB, {} lines in {:.1} ms (target: 5 MB under 100 ms)",
        metrics.len() as f64 / (1024.0 * 1024.0),
        metrics.lines().count(),
        t.as_secs_f64() * 1e3
    );
}
