//! Charts read back as a viewer reads them: the SVG parsed, bars and whiskers measured
//! against the data, every text's box (from the embedded font) checked against every other
//! and against the image's edges, and the PNG decoded.

use super::benchmarks::{self, Bar, BenchData, Group, Mark};
use super::params::Params;
use super::*;
use crate::model::adr::{AdrDocument, AdrOption};
use crate::ssr::evidence::{Format, Parsed};
use crate::ssr::evidence_repo::{EvidenceInfo, EvidenceSettings};

fn params(pairs: &[(&str, &str)]) -> Params {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Params::from_pairs(&pairs).unwrap()
}

/// Writes the chart to `$TRADEOFF_CHART_DIR` (when set) for a person to look at.
fn keep(name: &str, svg: &str) {
    if let Ok(dir) = std::env::var("TRADEOFF_CHART_DIR") {
        std::fs::write(format!("{dir}/{name}.svg"), svg).unwrap();
        std::fs::write(format!("{dir}/{name}.png"), raster::png(svg).unwrap()).unwrap();
    }
}

fn attr(node: &roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} missing on {node:?}"))
        .parse()
        .unwrap()
}

/// A text's box as four corners, rotated as drawn.
fn text_box(node: &roxmltree::Node) -> ([(f64, f64); 4], String) {
    let text: String = node
        .children()
        .filter(|c| c.is_text())
        .map(|c| c.text().unwrap_or_default())
        .collect();
    let (x, y, size) = (attr(node, "x"), attr(node, "y"), attr(node, "font-size"));
    let length = attr(node, "textLength");
    let measured = font::width(&text, size);
    assert!(
        (length - measured).abs() < 0.01,
        "textLength {length} of {text:?} is not its measured width {measured}"
    );
    let start = match node.attribute("text-anchor") {
        Some("middle") => x - length / 2.0,
        Some("end") => x - length,
        _ => x,
    };
    let (top, bottom) = (y - font::ascent(size), y + font::descent(size));
    let angle = node
        .attribute("transform")
        .and_then(|t| t.strip_prefix("rotate("))
        .and_then(|t| t.split_whitespace().next())
        .map_or(0.0, |a| a.parse::<f64>().unwrap())
        .to_radians();
    let turn = |(px, py): (f64, f64)| {
        let (dx, dy) = (px - x, py - y);
        (
            x + dx * angle.cos() - dy * angle.sin(),
            y + dx * angle.sin() + dy * angle.cos(),
        )
    };
    (
        [
            turn((start, top)),
            turn((start + length, top)),
            turn((start + length, bottom)),
            turn((start, bottom)),
        ],
        text,
    )
}

/// Whether two convex quadrilaterals overlap by more than a hair (separating axes).
fn overlap(a: &[(f64, f64); 4], b: &[(f64, f64); 4]) -> bool {
    for poly in [a, b] {
        for i in 0..4 {
            let (p, q) = (poly[i], poly[(i + 1) % 4]);
            let axis = (q.1 - p.1, p.0 - q.0);
            let project = |pts: &[(f64, f64); 4]| {
                pts.iter()
                    .map(|pt| pt.0 * axis.0 + pt.1 * axis.1)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                        (lo.min(v), hi.max(v))
                    })
            };
            let (a0, a1) = project(a);
            let (b0, b1) = project(b);
            let len = (axis.0 * axis.0 + axis.1 * axis.1).sqrt().max(1e-9);
            if a1 - b0 < 0.5 * len || b1 - a0 < 0.5 * len {
                return false;
            }
        }
    }
    true
}

/// Checks that no two texts of `svg` overlap and that each stays inside the image.
fn assert_texts_apart(svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let root = doc.root_element();
    let (w, h) = (attr(&root, "width"), attr(&root, "height"));
    let boxes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| text_box(&n))
        .collect();
    assert!(!boxes.is_empty());
    for (corners, text) in &boxes {
        for &(x, y) in corners {
            assert!(
                (-0.5..=w + 0.5).contains(&x) && (-0.5..=h + 0.5).contains(&y),
                "{text:?} leaves the {w}×{h} image at ({x:.1}, {y:.1})"
            );
        }
    }
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            assert!(
                !overlap(&boxes[i].0, &boxes[j].0),
                "{:?} and {:?} overlap: {:?} {:?}",
                boxes[i].1,
                boxes[j].1,
                boxes[i].0,
                boxes[j].0
            );
        }
    }
}

fn bar(median: f64, lo: f64, hi: f64, mark: Mark) -> Option<Bar> {
    Some(Bar {
        median,
        interval: Some((lo, hi)),
        samples: 10,
        mark,
        p_value: Some(0.001),
    })
}

fn data(groups: Vec<Group>, options: &[&str]) -> BenchData {
    BenchData {
        unit: "ns/op".into(),
        tidy_unit: "sec/op".into(),
        units: vec!["ns/op".into()],
        options: options.iter().map(|o| o.to_string()).collect(),
        colors: (0..options.len()).collect(),
        groups,
        alpha: 0.05,
    }
}

fn three_groups() -> BenchData {
    data(
        vec![
            Group {
                name: "BenchmarkParse-8".into(),
                bars: vec![
                    bar(100.0, 90.0, 110.0, Mark::Base),
                    bar(50.0, 45.0, 55.0, Mark::Lower(-50.0)),
                ],
            },
            Group {
                name: "BenchmarkEncode-8".into(),
                bars: vec![
                    bar(200.0, 190.0, 230.0, Mark::Base),
                    bar(210.0, 180.0, 240.0, Mark::Same),
                ],
            },
            Group {
                name: "BenchmarkDecode-8".into(),
                bars: vec![
                    bar(400.0, 380.0, 420.0, Mark::Base),
                    bar(800.0, 780.0, 820.0, Mark::Higher(100.0)),
                ],
            },
        ],
        &["Go", "Rust"],
    )
}

/// `(median, lo, hi, bar top, bar bottom, whisker low end, whisker high end)` per bar.
fn bars(svg: &str) -> Vec<(f64, f64, f64, f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .map(|g| {
            let rect = g
                .children()
                .find(|c| c.attribute("class") == Some("value"))
                .unwrap();
            let whisker = g
                .children()
                .find(|c| c.attribute("class") == Some("whisker"))
                .unwrap();
            let (y, height) = (attr(&rect, "y"), attr(&rect, "height"));
            (
                attr(&g, "data-median"),
                attr(&g, "data-lo"),
                attr(&g, "data-hi"),
                y,
                y + height,
                attr(&whisker, "y1"),
                attr(&whisker, "y2"),
            )
        })
        .collect()
}

#[test]
fn bar_heights_are_proportional_and_whiskers_sit_at_the_interval() {
    let chart = benchmarks::draw(7, &three_groups(), &params(&[("scale", "linear")])).unwrap();
    keep("linear", &chart.svg);
    let bars = bars(&chart.svg);
    assert_eq!(bars.len(), 6);
    let (m0, .., top0, bottom0, _, _) = bars[0];
    let per_unit = (bottom0 - top0) / m0;
    for &(median, lo, hi, top, bottom, y_lo, y_hi) in &bars {
        assert!((bottom - bottom0).abs() < 0.01, "bars share a baseline");
        assert!(
            ((bottom - top) - median * per_unit).abs() < 0.02,
            "height of {median}"
        );
        assert!(
            (bottom - y_lo - lo * per_unit).abs() < 0.02,
            "whisker low end at {lo}"
        );
        assert!(
            (bottom - y_hi - hi * per_unit).abs() < 0.02,
            "whisker high end at {hi}"
        );
    }
    assert!(chart.svg.contains("data-scale=\"linear\""));
    assert_texts_apart(&chart.svg);
}

#[test]
fn a_log_axis_when_asked_or_when_values_span_three_decades() {
    let chart = benchmarks::draw(7, &three_groups(), &params(&[("scale", "log")])).unwrap();
    keep("log", &chart.svg);
    assert!(chart.svg.contains("data-scale=\"log\""));
    let bars = bars(&chart.svg);
    // On a log axis, equal ratios are equal distances: 100→200 as 200→400.
    let top_of = |m: f64| bars.iter().find(|b| b.0 == m).unwrap().3;
    let (a, b, c) = (top_of(100.0), top_of(200.0), top_of(400.0));
    assert!(((a - b) - (b - c)).abs() < 0.02, "{a} {b} {c}");
    assert!((top_of(50.0) - a - (a - b)).abs() < 0.02);
    assert_texts_apart(&chart.svg);

    let mut wide = three_groups();
    wide.groups[0].bars[0] = bar(1.0, 0.9, 1.1, Mark::Base);
    wide.groups[2].bars[1] = bar(5000.0, 4000.0, 6000.0, Mark::Higher(500.0));
    let auto = benchmarks::draw(7, &wide, &Params::default()).unwrap();
    assert!(auto.svg.contains("data-scale=\"log\""));
    let linear = benchmarks::draw(7, &three_groups(), &Params::default()).unwrap();
    assert!(linear.svg.contains("data-scale=\"linear\""));
}

#[test]
fn significance_has_a_mark_and_a_pattern_besides_colour() {
    let svg = benchmarks::draw(7, &three_groups(), &Params::default())
        .unwrap()
        .svg;
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bar_of = |median: &str| {
        doc.descendants()
            .find(|n| {
                n.attribute("class") == Some("bar") && n.attribute("data-median") == Some(median)
            })
            .unwrap()
    };
    let value_attr = |g: roxmltree::Node, name: &str| {
        g.children()
            .find(|c| c.attribute("class") == Some("value"))
            .unwrap()
            .attribute(name)
            .map(str::to_owned)
    };
    let fill = |g| value_attr(g, "fill").unwrap();
    let hatched = |g| value_attr(g, "data-hatched").as_deref() == Some("true");
    assert_eq!(bar_of("50").attribute("data-mark"), Some("▼"));
    assert_eq!(bar_of("800").attribute("data-mark"), Some("▲"));
    assert_eq!(bar_of("210").attribute("data-mark"), Some("~"));
    assert!(hatched(bar_of("210")), "no significant change is striped");
    assert!(!hatched(bar_of("50")) && !hatched(bar_of("100")));
    // Okabe-Ito blue and orange for the two options.
    assert_eq!(fill(bar_of("100")), "#0072B2");
    assert_eq!(fill(bar_of("50")), "#E69F00");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.attribute("id"), Some("chart-title"));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    assert!(
        desc.text()
            .unwrap()
            .contains("1 significantly higher, 1 significantly lower, 1 without")
    );
}

#[test]
fn long_names_are_shortened_with_the_full_name_as_tooltip() {
    let mut d = three_groups();
    for (i, g) in d.groups.iter_mut().enumerate() {
        g.name = format!("BenchmarkAVeryLongBenchmarkNameThatCannotFit/case={i}/size=1048576-8");
    }
    let svg = benchmarks::draw(7, &d, &params(&[("w", "400"), ("h", "300")]))
        .unwrap()
        .svg;
    keep("long-names", &svg);
    assert_texts_apart(&svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let label = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("category"))
        .unwrap();
    let full = label
        .parent()
        .unwrap()
        .children()
        .find(|c| c.has_tag_name("title"))
        .unwrap();
    assert_eq!(full.text(), Some(d.groups[0].name.as_str()));
    assert!(label.text().unwrap().contains('…'));
}

fn many(n: usize, options: usize) -> BenchData {
    let names: Vec<String> = (0..options).map(|i| format!("Option {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    data(
        (0..n)
            .map(|i| Group {
                name: format!("BenchmarkCase{i}/n={}-8", i * 7),
                bars: (0..options)
                    .map(|o| {
                        let m = 100.0 + (i * 13 % 97) as f64 + o as f64 * 10.0;
                        let mark = match (o, i % 3) {
                            (0, _) => Mark::Base,
                            (_, 0) => Mark::Same,
                            (_, 1) => Mark::Higher(5.0 + i as f64),
                            _ => Mark::Lower(-(i as f64)),
                        };
                        bar(m, m * 0.95, m * 1.05, mark)
                    })
                    .collect(),
            })
            .collect(),
        &refs,
    )
}

#[test]
fn many_benchmarks_keep_the_largest_changes_and_say_so() {
    let svg = benchmarks::draw(7, &many(500, 3), &Params::default())
        .unwrap()
        .svg;
    keep("500-default", &svg);
    assert_texts_apart(&svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let shown: usize = root.attribute("data-groups").unwrap().parse().unwrap();
    assert!((1..=40).contains(&shown), "{shown}");
    assert_eq!(
        root.attribute("data-left-out").unwrap(),
        (500 - shown).to_string()
    );
    assert!(svg.contains(&format!("Showing {shown} of 500 benchmarks")));
    // The kept groups are the largest significant changes: case 499 (+504%) is among them.
    assert!(svg.contains("data-benchmark=\"BenchmarkCase499/n=3493-8\""));

    let all = benchmarks::draw(7, &many(500, 3), &params(&[("top", "500")]))
        .unwrap()
        .svg;
    keep("500-all", &all);
    assert_texts_apart(&all);
    assert_eq!(bars(&all).len(), 1500);
}

#[test]
fn one_option_one_sample_and_bad_values_draw_something_sensible() {
    let mut lone = three_groups();
    lone.options.truncate(1);
    lone.colors.truncate(1);
    for g in &mut lone.groups {
        g.bars.truncate(1);
    }
    lone.groups[1].bars[0] = Some(Bar {
        median: 5.0,
        interval: None,
        samples: 1,
        mark: Mark::Base,
        p_value: None,
    });
    let svg = benchmarks::draw(7, &lone, &Params::default()).unwrap().svg;
    keep("lone", &svg);
    assert!(svg.contains("nothing to compare against yet"));
    assert_texts_apart(&svg);

    let mut bad = three_groups();
    bad.groups[0].bars[0] = bar(0.0, 0.0, 0.0, Mark::Base);
    bad.groups[1].bars[1] = bar(f64::NAN, f64::NAN, f64::NAN, Mark::Same);
    bad.groups[2].bars[1] = bar(-4.0, -5.0, -3.0, Mark::Lower(-101.0));
    let log = benchmarks::draw(7, &bad, &params(&[("scale", "log")]))
        .unwrap()
        .svg;
    keep("bad-log", &log);
    assert!(
        log.contains("3 median(s) not drawn: NaN, infinite, or zero or below on the log scale")
    );
    assert_texts_apart(&log);
    let linear = benchmarks::draw(7, &bad, &params(&[("scale", "linear")]))
        .unwrap()
        .svg;
    assert!(linear.contains("1 median(s) not drawn: NaN or infinite"));
    assert_texts_apart(&linear);
}

#[test]
fn sizes_and_themes_are_honoured_and_the_png_matches() {
    for (w, h, theme) in [
        ("200", "200", "dark"),
        ("1600", "900", "light"),
        ("4000", "300", "dark"),
    ] {
        let svg = benchmarks::draw(
            7,
            &many(12, 4),
            &params(&[("w", w), ("h", h), ("theme", theme)]),
        )
        .unwrap()
        .svg;
        assert!(svg.contains(&format!("width=\"{w}\" height=\"{h}\"")));
        assert_texts_apart(&svg);
        let png = raster::png(&svg).unwrap();
        let decoded = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
        assert_eq!(
            (decoded.width().to_string(), decoded.height().to_string()),
            (w.to_owned(), h.to_owned())
        );
        let background = if theme == "dark" {
            (0x16, 0x18, 0x1c)
        } else {
            (255, 255, 255)
        };
        let corner = decoded.pixel(0, 0).unwrap();
        assert_eq!((corner.red(), corner.green(), corner.blue()), background);
    }
}

#[test]
fn the_png_draws_the_embedded_font() {
    // Text pixels appear where the SVG puts the title: resvg found DejaVu Sans in the
    // embedded bytes (it has no other font to fall back on).
    let svg = placeholder(
        "benchmarks",
        "ADR-0007 benchmarks",
        "No benchmark evidence yet.",
        &Params::default(),
    )
    .svg;
    let png = resvg::tiny_skia::Pixmap::decode_png(&raster::png(&svg).unwrap()).unwrap();
    let dark = (0..300)
        .flat_map(|x| (10..28).map(move |y| (x, y)))
        .filter(|&(x, y)| png.pixel(x, y).unwrap().red() < 128)
        .count();
    assert!(dark > 200, "only {dark} text pixels in the title row");
}

#[test]
fn the_placeholder_says_why() {
    let svg = placeholder(
        "history",
        "ADR-0003 history",
        "No benchmark evidence yet for ADR-0003.",
        &Params::default(),
    )
    .svg;
    assert!(svg.contains("data-placeholder=\"true\""));
    assert!(svg.contains("<desc id=\"chart-desc\">No benchmark evidence yet for ADR-0003.</desc>"));
    assert_texts_apart(&svg);
}

fn doc_with(options: &[&str]) -> AdrDocument {
    AdrDocument {
        title: "Pick a language".into(),
        options: options
            .iter()
            .map(|name| AdrOption {
                id: name.to_lowercase(),
                name: name.to_string(),
                ..AdrOption::default()
            })
            .collect(),
        ..AdrDocument::default()
    }
}

fn piece(id: i64, option: Option<&str>, label: &str, text: &str) -> (EvidenceInfo, Parsed) {
    let parsed = crate::ssr::evidence::parse(Format::GoBench, text).unwrap();
    (
        EvidenceInfo {
            id,
            adr_number: 1,
            number: id,
            option_id: option.map(str::to_owned),
            label: label.into(),
            format: Format::GoBench,
            lines_read: 1,
            created_at: String::new(),
            created_by: "anonymous".into(),
            deleted_at: None,
        },
        parsed,
    )
}

fn runs(name: &str, values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{name} 1000 {v} ns/op 64 B/op\n"))
        .collect()
}

#[test]
fn data_pairs_options_against_the_base_by_unit() {
    let doc = doc_with(&["Go", "Rust"]);
    let pieces = vec![
        piece(
            1,
            Some("go"),
            "",
            &(runs("BenchmarkA", &[10.0, 11.0, 10.5, 10.2, 10.8]) + &runs("BenchmarkB", &[5.0; 5])),
        ),
        piece(
            2,
            Some("rust"),
            "",
            &runs("BenchmarkA", &[5.0, 5.1, 5.2, 4.9, 5.0]),
        ),
    ];
    let all = benchmarks::by_unit(&doc, &pieces, &EvidenceSettings::default(), None)
        .unwrap()
        .unwrap();
    assert_eq!(
        all.iter().map(|d| d.unit.as_str()).collect::<Vec<_>>(),
        ["ns/op", "B/op"]
    );
    let ns = &all[0];
    assert_eq!(ns.options, ["Go", "Rust"]);
    assert_eq!(ns.groups[0].name, "BenchmarkA");
    assert_eq!(ns.groups[0].bars[0].as_ref().unwrap().median, 10.5);
    let rust = ns.groups[0].bars[1].as_ref().unwrap();
    assert_eq!(rust.median, 5.0);
    assert!(
        matches!(rust.mark, Mark::Lower(d) if (d + 52.38).abs() < 0.01),
        "{:?}",
        rust.mark
    );
    assert!(ns.groups[1].bars[1].is_none(), "Rust has no BenchmarkB");

    let picked = benchmarks::pick_unit(&all, Some("B/op")).unwrap();
    assert_eq!(picked.unit, "B/op");
    let e = benchmarks::pick_unit(&all, Some("allocs/op")).unwrap_err();
    assert_eq!(e.status(), axum::http::StatusCode::NOT_FOUND);
    assert!(e.to_string().contains("ns/op, B/op"));

    let rust_base = benchmarks::by_unit(&doc, &pieces, &EvidenceSettings::default(), Some("Rust"))
        .unwrap()
        .unwrap();
    assert_eq!(rust_base[0].options, ["Rust", "Go"]);
    assert_eq!(rust_base[0].colors, [1, 0], "an option keeps its colour");
    let unknown = benchmarks::by_unit(&doc, &pieces, &EvidenceSettings::default(), Some("Java"));
    assert_eq!(
        unknown.unwrap_err().status(),
        axum::http::StatusCode::NOT_FOUND
    );
    assert!(
        benchmarks::by_unit(&doc, &[], &EvidenceSettings::default(), None)
            .unwrap()
            .is_none()
    );
}

#[test]
fn history_follows_upload_order() {
    let doc = doc_with(&["Go"]);
    let pieces = vec![
        piece(1, Some("go"), "main", &runs("BenchmarkA", &[10.0; 5])),
        piece(2, Some("go"), "", &runs("BenchmarkB", &[1.0; 5])),
        piece(3, Some("go"), "pr-7", &runs("BenchmarkA", &[8.0; 5])),
    ];
    let data = history::data(&doc, &pieces, &Params::default())
        .unwrap()
        .unwrap();
    assert_eq!(data.benchmark, "BenchmarkA");
    let labels: Vec<(&str, f64)> = data
        .points
        .iter()
        .map(|p| (p.label.as_str(), p.median))
        .collect();
    assert_eq!(labels, [("#1 main", 10.0), ("#3 pr-7", 8.0)]);
    let svg = history::draw(1, &data, &Params::default()).unwrap().svg;
    keep("history", &svg);
    assert_texts_apart(&svg);
    let missing = history::data(&doc, &pieces, &params(&[("benchmark", "BenchmarkZ")]));
    assert_eq!(
        missing.unwrap_err().status(),
        axum::http::StatusCode::NOT_FOUND
    );
    let other = history::data(&doc, &pieces, &params(&[("option", "Java")]));
    assert_eq!(
        other.unwrap_err().status(),
        axum::http::StatusCode::NOT_FOUND
    );
}

#[test]
fn the_guides_language_chart_comes_from_the_guide() {
    let svg = guide_languages(&Params::default()).unwrap().svg;
    keep("languages", &svg);
    assert_texts_apart(&svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let rows: Vec<(&str, &str, &str)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("row"))
        .map(|n| {
            (
                n.attribute("data-language").unwrap(),
                n.attribute("data-lo").unwrap(),
                n.attribute("data-hi").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("C/C++", "1", "1"),
            ("Rust", "1", "1.1"),
            ("Go", "2", "3"),
            ("Java", "2", "3"),
            ("Node.js", "5", "10"),
            ("Python", "50", "100")
        ]
    );
    assert!(svg.contains(&guide::guide().title));
}

#[test]
fn relative_charts_sort_ratios_against_the_base() {
    let rows = relative::ratios(&[many(20, 3)]);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].ratio <= rows[1].ratio);
    let svg = relative::draw(7, "Option 0", &rows, &Params::default())
        .unwrap()
        .svg;
    keep("relative", &svg);
    assert_texts_apart(&svg);
    assert!(svg.contains("data-option=\"Option 1\""));
}

#[test]
fn the_png_with_outlined_text_looks_like_the_svg() {
    // The PNG is drawn with texts as the font's outlines; rasterised, the SVG's real text
    // must give (nearly) the same pixels.
    let mut outlined = params(&[]);
    outlined.outline_text = true;
    let data = many(12, 3);
    let svg = benchmarks::draw(7, &data, &Params::default()).unwrap().svg;
    let traced = benchmarks::draw(7, &data, &outlined).unwrap().svg;
    assert!(!traced.contains("<text"));
    keep("outlined", &traced);
    let a = resvg::tiny_skia::Pixmap::decode_png(&raster::png(&svg).unwrap()).unwrap();
    let b = resvg::tiny_skia::Pixmap::decode_png(&raster::png(&traced).unwrap()).unwrap();
    let differing = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| (i16::from(p.red()) - i16::from(q.red())).abs() > 64)
        .count();
    let share = differing as f64 / a.pixels().len() as f64;
    assert!(share < 0.002, "{:.3}% of pixels differ", share * 100.0);
}
