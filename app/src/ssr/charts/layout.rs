//! Where a chart's texts go so that none overlaps another or leaves the image: the title
//! and legend on top, notes at the bottom, and category labels that rotate, shrink, shorten
//! or thin out to fit their slots. Everything is measured with the embedded font.

use super::canvas::{Anchor, Glyph, Label, Svg};
use super::font;

/// The outer margin of every chart, in pixels.
pub const PAD: f64 = 12.0;
/// The size of titles, of other texts, and of the smallest text drawn.
pub const TITLE_SIZE: f64 = 14.0;
pub const TEXT_SIZE: f64 = 11.0;
const MIN_SIZE: f64 = 8.0;
/// Space kept between neighbouring texts.
pub const GAP: f64 = 3.0;

/// What a legend entry shows before its text.
pub enum Swatch<'a> {
    Solid(&'a str),
    Hatched(&'a str),
    Line(&'a str),
    /// A mark, drawn as on the bars.
    Glyph(Glyph),
    None,
}

pub struct LegendItem<'a> {
    pub swatch: Swatch<'a>,
    pub text: String,
}

/// Draws the title and the legend rows; returns the height they take from the top.
pub fn header(svg: &mut Svg, title: &str, legend: &[LegendItem]) -> f64 {
    let width = f64::from(svg.width) - 2.0 * PAD;
    let theme = svg.theme;
    let short = font::shorten(title, width, TITLE_SIZE);
    let tooltip = (short != title).then_some(title);
    let mut y = PAD + font::ascent(TITLE_SIZE);
    svg.label(
        &Label::new(PAD, y, &short, TITLE_SIZE, theme.text)
            .title(tooltip)
            .class("title"),
    );
    y += font::descent(TITLE_SIZE) + GAP * 2.0;
    if legend.is_empty() {
        return y;
    }
    let swatch_w = 12.0;
    let row_h = font::line_height(TEXT_SIZE) + GAP;
    let mut x = PAD;
    let mut top = y;
    for item in legend {
        let room = width - swatch_w - 4.0;
        let text = font::shorten(&item.text, room, TEXT_SIZE);
        let item_w = swatch_w + 4.0 + font::width(&text, TEXT_SIZE);
        if x > PAD && x + item_w > PAD + width {
            x = PAD;
            top += row_h;
        }
        let baseline = top + font::ascent(TEXT_SIZE);
        let (sx, sy) = (x, top + 1.0);
        let side = font::line_height(TEXT_SIZE) - 2.0;
        match item.swatch {
            Swatch::Solid(color) => svg.rect((sx, sy), (sx + swatch_w, sy + side), color, "swatch"),
            Swatch::Hatched(color) => {
                svg.hatched((sx, sy), (sx + swatch_w, sy + side), color, "swatch")
            }
            Swatch::Line(color) => svg.line(
                (sx, sy + side / 2.0),
                (sx + swatch_w, sy + side / 2.0),
                color,
                2.0,
                "swatch",
            ),
            Swatch::Glyph(glyph) => {
                svg.glyph(glyph, sx + swatch_w / 2.0, sy + side, 9.0, theme.text)
            }
            Swatch::None => {}
        }
        let tooltip = (text != item.text).then_some(item.text.as_str());
        svg.label(
            &Label::new(x + swatch_w + 4.0, baseline, &text, TEXT_SIZE, theme.text)
                .title(tooltip)
                .class("legend"),
        );
        x += item_w + 14.0;
    }
    top + row_h + GAP
}

/// Draws the notes as lines at the bottom; returns the height they take from the bottom.
pub fn footer(svg: &mut Svg, notes: &[String]) -> f64 {
    if notes.is_empty() {
        return PAD;
    }
    let width = f64::from(svg.width) - 2.0 * PAD;
    let theme = svg.theme;
    let row_h = font::line_height(TEXT_SIZE) + GAP;
    let mut top = f64::from(svg.height) - PAD - row_h * notes.len() as f64;
    let used = f64::from(svg.height) - top;
    for note in notes {
        let text = font::shorten(note, width, TEXT_SIZE);
        let tooltip = (&text != note).then_some(note.as_str());
        svg.label(
            &Label::new(
                PAD,
                top + font::ascent(TEXT_SIZE),
                &text,
                TEXT_SIZE,
                theme.muted,
            )
            .title(tooltip)
            .class("note"),
        );
        top += row_h;
    }
    used + GAP
}

/// How category labels under a row of slots are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotLabels {
    pub size: f64,
    /// 0 (horizontal), -45 or -90 degrees.
    pub rotate: f64,
    /// Every `every`-th slot is labelled (1: all of them).
    pub every: usize,
    /// The longest a label may be, along its baseline.
    pub max_len: f64,
    /// The height the labels take below the axis.
    pub height: f64,
}

/// Plans labels for `names` under slots `slot` pixels wide, with at most `max_height`
/// pixels below the axis: horizontal when they fit, else rotated 45° or 90°, smaller, and
/// at last only every few slots; long names are shortened (their full text stays in a
/// tooltip).
pub fn plan_slot_labels(names: &[&str], slot: f64, max_height: f64) -> SlotLabels {
    let longest = |size: f64| {
        names
            .iter()
            .map(|n| font::width(n, size))
            .fold(0.0, f64::max)
    };
    let sin45 = std::f64::consts::FRAC_1_SQRT_2;
    let max_height = max_height.max(font::line_height(MIN_SIZE) + GAP);
    let mut size = TEXT_SIZE;
    loop {
        let lh = font::line_height(size);
        if longest(size) + 2.0 * GAP <= slot {
            return SlotLabels {
                size,
                rotate: 0.0,
                every: 1,
                max_len: slot - 2.0 * GAP,
                height: lh + GAP,
            };
        }
        // Neighbours at 45° are `slot * sin 45°` apart across their baselines.
        if slot * sin45 >= lh + GAP {
            let max_len = ((max_height - GAP) / sin45 - lh).max(0.0);
            let len = longest(size).min(max_len);
            return SlotLabels {
                size,
                rotate: -45.0,
                every: 1,
                max_len,
                height: len * sin45 + lh * sin45 + GAP,
            };
        }
        if slot >= lh + GAP || size <= MIN_SIZE {
            let every = ((lh + GAP) / slot).ceil().max(1.0) as usize;
            let max_len = (max_height - GAP).max(0.0);
            return SlotLabels {
                size,
                rotate: -90.0,
                every,
                max_len,
                height: longest(size).min(max_len) + GAP,
            };
        }
        size -= 1.0;
    }
}

/// Draws slot labels planned by [`plan_slot_labels`]: `centers` are the slots' middles and
/// `top` the axis line. A rotated label that would leave the image on the left is cut
/// shorter.
pub fn draw_slot_labels(
    svg: &mut Svg,
    plan: &SlotLabels,
    names: &[&str],
    centers: &[f64],
    top: f64,
    class: &str,
) {
    let theme = svg.theme;
    let sin45 = std::f64::consts::FRAC_1_SQRT_2;
    for (i, (name, &cx)) in names.iter().zip(centers).enumerate() {
        if i % plan.every != 0 {
            continue;
        }
        let (x, y, max_len, anchor) = match plan.rotate {
            0.0 => (
                cx,
                top + GAP + font::ascent(plan.size),
                plan.max_len,
                Anchor::Middle,
            ),
            -45.0 => {
                // The box's upper right corner sits just below the axis at the slot's middle.
                let a = font::ascent(plan.size);
                let x = cx - a * sin45 / 2.0;
                let y = top + GAP + a * sin45;
                let room = (x - PAD) / sin45 - a;
                (x, y, plan.max_len.min(room), Anchor::End)
            }
            _ => {
                // Vertical, reading upwards, its end just below the axis.
                let centre = (font::ascent(plan.size) - font::descent(plan.size)) / 2.0;
                (cx + centre, top + GAP, plan.max_len, Anchor::End)
            }
        };
        let text = font::shorten(name, max_len, plan.size);
        svg.label(
            &Label::new(x, y, &text, plan.size, theme.text)
                .anchor(anchor)
                .rotate(plan.rotate)
                .title(Some(name))
                .class(class),
        );
    }
}

/// Plans horizontal labels beside rows `row` pixels tall: the size that fits, and every
/// how many rows a label is drawn.
pub fn plan_row_labels(row: f64) -> (f64, usize) {
    let mut size = TEXT_SIZE;
    while size > MIN_SIZE && font::line_height(size) + 1.0 > row {
        size -= 1.0;
    }
    let every = ((font::line_height(size) + 1.0) / row).ceil().max(1.0) as usize;
    (size, every)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_in_wide_slots_stay_horizontal() {
        let plan = plan_slot_labels(&["Go", "Rust"], 120.0, 100.0);
        assert_eq!((plan.rotate, plan.every, plan.size), (0.0, 1, TEXT_SIZE));
    }

    #[test]
    fn long_names_rotate_then_thin_out() {
        let names = ["BenchmarkDecodeJSON/size=1024-8"; 3];
        assert_eq!(plan_slot_labels(&names, 40.0, 120.0).rotate, -45.0);
        let narrow = plan_slot_labels(&names, 14.0, 120.0);
        assert_eq!(narrow.rotate, -90.0);
        assert_eq!(narrow.every, 1);
        let crowded = plan_slot_labels(&names, 2.0, 120.0);
        assert!(crowded.every > 1 && crowded.size == MIN_SIZE);
        assert!(crowded.every as f64 * 2.0 >= font::line_height(MIN_SIZE));
    }

    #[test]
    fn rows_shrink_their_labels_before_skipping() {
        assert_eq!(plan_row_labels(30.0), (TEXT_SIZE, 1));
        let (size, every) = plan_row_labels(11.0);
        assert!(size < TEXT_SIZE && every == 1);
        assert!(plan_row_labels(3.0).1 > 1);
    }
}
