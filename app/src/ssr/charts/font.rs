//! The one font every chart is measured and drawn with: DejaVu Sans, embedded in the binary
//! (`app/assets/fonts`, licence beside it), so that a chart's layout and its PNG do not depend
//! on the fonts of the machine that serves it.

use std::sync::LazyLock;
use ttf_parser::Face;

/// The font file's bytes.
pub const DATA: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The family name the SVG asks for. The fallbacks matter only in a viewer without it: every
/// text also carries its measured `textLength`, so a substitute font is stretched to the
/// same box instead of overflowing it.
pub const FAMILY: &str = "DejaVu Sans";
pub const FAMILY_STACK: &str = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif";

struct Metrics {
    units_per_em: f64,
    ascent: f64,
    descent: f64,
    face: Face<'static>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let face = Face::parse(DATA, 0).expect("the embedded DejaVu Sans parses");
    let units_per_em = f64::from(face.units_per_em());
    Metrics {
        units_per_em,
        ascent: f64::from(face.ascender()) / units_per_em,
        descent: f64::from(face.descender()) / units_per_em,
        face,
    }
});

/// The width of `text` at `size` pixels, from the font's advance widths. A character the
/// font lacks is measured as its replacement glyph, as a renderer draws it.
pub fn width(text: &str, size: f64) -> f64 {
    let m = &*METRICS;
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = m.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            u32::from(m.face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    f64::from(units) * size / m.units_per_em
}

/// How far the font rises above the baseline, at `size` pixels.
pub fn ascent(size: f64) -> f64 {
    METRICS.ascent * size
}

/// How far it falls below the baseline (positive), at `size` pixels.
pub fn descent(size: f64) -> f64 {
    -METRICS.descent * size
}

/// The height of a line: ascent plus descent.
pub fn line_height(size: f64) -> f64 {
    ascent(size) + descent(size)
}

/// `text` shortened to fit `max` pixels at `size`, by cutting its middle and putting an
/// ellipsis there: benchmark names differ at both ends (`BenchmarkEncode/size=1k-8`). Text
/// that fits comes back as it is.
pub fn shorten(text: &str, max: f64, size: f64) -> String {
    if width(text, size) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // Keep as many characters as fit, a little more of the start than of the end.
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        let candidate: String = chars[..head]
            .iter()
            .chain(std::iter::once(&'…'))
            .chain(&chars[chars.len() - tail..])
            .collect();
        if width(&candidate, size) <= max {
            return candidate;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // DejaVu Sans: 'i' is narrow, 'W' is wide, and width scales with size.
        assert!(width("i", 10.0) < width("W", 10.0));
        assert!((width("Go", 20.0) - 2.0 * width("Go", 10.0)).abs() < 1e-9);
        assert_eq!(width("", 12.0), 0.0);
        assert!(ascent(10.0) > 9.0 && descent(10.0) > 2.0);
    }

    #[test]
    fn long_names_are_cut_in_the_middle() {
        let name = "BenchmarkEncodeJSONWithAVeryLongName/size=1024-8";
        let short = shorten(name, 160.0, 11.0);
        assert!(width(&short, 11.0) <= 160.0);
        assert!(short.starts_with("Benchmark") && short.ends_with("-8") && short.contains('…'));
        assert_eq!(shorten("Go", 120.0, 11.0), "Go");
        assert_eq!(shorten("Go", 0.0, 11.0), "");
    }
}
