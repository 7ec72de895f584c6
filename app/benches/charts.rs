//! Speed of drawing charts, against the targets of the charts issue: the SVG of 50
//! benchmarks × 4 options in under 5 ms, its PNG in under 50 ms.
//!
//! Run: cargo bench -p app --features ssr --bench charts
//! Each figure is the median of 50 timed runs after a warm-up, on data generated here.

use app::ssr::charts::benchmarks::{self, Bar, BenchData, Group, Mark};
use app::ssr::charts::params::Params;
use app::ssr::charts::raster;
#[path = "support/timing.rs"]
mod timing;
use timing::median_time;

/// 50 benchmarks × 4 options, with every kind of mark.
fn data() -> BenchData {
    let options: Vec<String> = ["Go", "Rust", "Java", "Node.js"].map(String::from).to_vec();
    let groups = (0..50)
        .map(|i| Group {
            name: format!("BenchmarkCodec/format=json/size={}-8", 1 << (i % 12)),
            bars: (0..4)
                .map(|o| {
                    let m = 1000.0 * (1.0 + (i * 7 % 13) as f64) * (1.0 + o as f64 * 0.3);
                    Some(Bar {
                        median: m,
                        interval: Some((m * 0.97, m * 1.04)),
                        samples: 10,
                        mark: match (o, i % 3) {
                            (0, _) => Mark::Base,
                            (_, 0) => Mark::Same,
                            (_, 1) => Mark::Higher(30.0),
                            _ => Mark::Lower(-20.0),
                        },
                        p_value: Some(0.002),
                    })
                })
                .collect(),
        })
        .collect();
    BenchData {
        unit: "ns/op".into(),
        tidy_unit: "sec/op".into(),
        units: vec!["ns/op".into()],
        options,
        colors: vec![0, 1, 2, 3],
        groups,
        alpha: 0.05,
    }
}

fn main() {
    let data = data();
    let params = Params {
        top: Some(50),
        ..Params::default()
    };
    let svg = benchmarks::draw(7, &data, &params).unwrap().svg;
    let svg_time = median_time(50, || {
        std::hint::black_box(benchmarks::draw(7, &data, &params).unwrap());
    });
    // A PNG is drawn with its texts as outlines, then rasterised: both steps count.
    let outlined = Params {
        outline_text: true,
        ..params.clone()
    };
    let png_time = median_time(50, || {
        let traced = benchmarks::draw(7, &data, &outlined).unwrap().svg;
        std::hint::black_box(raster::png(&traced).unwrap());
    });
    let png = raster::png(&benchmarks::draw(7, &data, &outlined).unwrap().svg).unwrap();
    println!(
        "SVG, 50 benchmarks x 4 options (960x540): {:.2} ms median (target < 5 ms), {} bytes",
        svg_time.as_secs_f64() * 1e3,
        svg.len()
    );
    println!(
        "PNG of the same chart:                     {:.2} ms median (target < 50 ms), {} bytes",
        png_time.as_secs_f64() * 1e3,
        png.len()
    );
}
