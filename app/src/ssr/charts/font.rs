//! The one font every chart is measured and drawn with: DejaVu Sans, embedded in the binary
//! (`app/assets/fonts`, licence beside it), so that a chart's layout and its PNG do not depend
//! on the fonts of the machine that serves it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
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
    /// Advances of the printable ASCII characters, looked up without the font's tables.
    ascii: [u16; 128],
    ascent: f64,
    descent: f64,
    face: Face<'static>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let face = Face::parse(DATA, 0).expect("the embedded DejaVu Sans parses");
    let units_per_em = f64::from(face.units_per_em());
    let mut ascii = [0u16; 128];
    for (c, slot) in ascii.iter_mut().enumerate() {
        *slot = advance_in(&face, char::from(c as u8));
    }
    Metrics {
        units_per_em,
        ascii,
        ascent: f64::from(face.ascender()) / units_per_em,
        descent: f64::from(face.descender()) / units_per_em,
        face,
    }
});

fn advance_in(face: &Face, c: char) -> u16 {
    let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(glyph).unwrap_or(0)
}

/// The advance of `c` in font units.
fn advance(c: char) -> u16 {
    let m = &*METRICS;
    match m.ascii.get(c as usize) {
        Some(&a) => a,
        None => advance_in(&m.face, c),
    }
}

/// A glyph's outline as path commands in whole font units (TrueType outlines are).
#[derive(Clone, Copy)]
enum Cmd {
    Move(i32, i32),
    Line(i32, i32),
    Quad(i32, i32, i32, i32),
    Cubic(i32, i32, i32, i32, i32, i32),
    Close,
}

/// Outlines read from the font once per glyph.
static OUTLINES: LazyLock<Mutex<HashMap<u16, Arc<Vec<Cmd>>>>> = LazyLock::new(Default::default);

fn glyph_outline(glyph: ttf_parser::GlyphId) -> Arc<Vec<Cmd>> {
    struct Pen(Vec<Cmd>);
    impl ttf_parser::OutlineBuilder for Pen {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(Cmd::Move(x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(Cmd::Line(x as i32, y as i32));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0
                .push(Cmd::Quad(x1 as i32, y1 as i32, x as i32, y as i32));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            let r = |v: f32| v as i32;
            self.0
                .push(Cmd::Cubic(r(x1), r(y1), r(x2), r(y2), r(x), r(y)));
        }
        fn close(&mut self) {
            self.0.push(Cmd::Close);
        }
    }
    let mut cache = OUTLINES.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(glyph.0)
        .or_insert_with(|| {
            let mut pen = Pen(Vec::new());
            METRICS.face.outline_glyph(glyph, &mut pen);
            Arc::new(pen.0)
        })
        .clone()
}

/// Path data tracing `text` in font units (y up), glyph after glyph at their advances,
/// and the total advance: what a renderer draws for the text, without shaping it again.
pub fn outline(text: &str) -> (String, u32) {
    use std::fmt::Write;
    let face = &METRICS.face;
    let mut out = String::new();
    let mut at: i32 = 0;
    for c in text.chars() {
        let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        for cmd in glyph_outline(glyph).iter() {
            let _ = match *cmd {
                Cmd::Move(x, y) => write!(out, "M{} {}", x + at, y),
                Cmd::Line(x, y) => write!(out, "L{} {}", x + at, y),
                Cmd::Quad(x1, y1, x, y) => write!(out, "Q{} {} {} {}", x1 + at, y1, x + at, y),
                Cmd::Cubic(x1, y1, x2, y2, x, y) => write!(
                    out,
                    "C{} {} {} {} {} {}",
                    x1 + at,
                    y1,
                    x2 + at,
                    y2,
                    x + at,
                    y
                ),
                Cmd::Close => {
                    out.push('Z');
                    Ok(())
                }
            };
        }
        at += i32::from(advance(c));
    }
    (out, at as u32)
}

/// Font units per em.
pub fn units_per_em() -> f64 {
    METRICS.units_per_em
}

/// The width of `text` at `size` pixels, from the font's advance widths. A character the
/// font lacks is measured as its replacement glyph, as a renderer draws it.
pub fn width(text: &str, size: f64) -> f64 {
    let units: u32 = text.chars().map(|c| u32::from(advance(c))).sum();
    f64::from(units) * size / METRICS.units_per_em
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
    let scale = size / METRICS.units_per_em;
    let widths: Vec<f64> = chars
        .iter()
        .map(|&c| f64::from(advance(c)) * scale)
        .collect();
    let room = max - width("…", size);
    // Keep as many characters as fit, the extra one at the start.
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        let used: f64 =
            widths[..head].iter().sum::<f64>() + widths[chars.len() - tail..].iter().sum::<f64>();
        if used <= room {
            return chars[..head]
                .iter()
                .chain(std::iter::once(&'…'))
                .chain(&chars[chars.len() - tail..])
                .collect();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_trace_every_glyph_at_its_advance() {
        let (path, advance) = outline("Go");
        assert_eq!(
            f64::from(advance) * 11.0 / units_per_em(),
            width("Go", 11.0)
        );
        assert!(
            path.starts_with('M') && path.matches('Z').count() >= 2,
            "{path}"
        );
        assert_eq!(outline(" ").0, "", "a space has no outline");
    }

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
