//! The SVG document a chart is drawn into, and the plotters backend that draws into it.
//! Plotters lays out the axes, grid and tick labels; the chart code adds what plotters has no
//! element for (tooltips, hatching, data attributes) through [`Svg`] directly. Every text is
//! measured with the embedded font and written with its `textLength`, so it keeps its box
//! in any viewer.

use super::font;
use super::theme::Theme;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use std::cell::RefCell;
use std::convert::Infallible;
use std::fmt::Write;
use std::rc::Rc;

/// Where a text's `x` is: its start, middle or end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text to write: `y` is its baseline, `rotate` degrees about `(x, y)`.
pub struct Label<'a> {
    pub x: f64,
    pub y: f64,
    pub text: &'a str,
    pub size: f64,
    pub anchor: Anchor,
    pub rotate: f64,
    pub color: &'a str,
    /// The full text as a tooltip, when `text` is shortened.
    pub title: Option<&'a str>,
    pub class: &'a str,
}

impl<'a> Label<'a> {
    pub fn new(x: f64, y: f64, text: &'a str, size: f64, color: &'a str) -> Self {
        Label {
            x,
            y,
            text,
            size,
            anchor: Anchor::Start,
            rotate: 0.0,
            color,
            title: None,
            class: "label",
        }
    }

    pub fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    pub fn rotate(mut self, degrees: f64) -> Self {
        self.rotate = degrees;
        self
    }

    pub fn title(mut self, title: Option<&'a str>) -> Self {
        self.title = title;
        self
    }

    pub fn class(mut self, class: &'a str) -> Self {
        self.class = class;
        self
    }
}

/// A small drawn mark: a rise, a fall, or no change. Drawn as shapes rather than text,
/// so a chart with hundreds of them stays cheap to rasterise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Glyph {
    Up,
    Down,
    Tilde,
}

/// Text made safe for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A number as SVG writes it: two decimals at most, no trailing zeros.
pub fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let whole = v.round();
    if (v - whole).abs() < 0.005 && whole.abs() < 1e15 {
        return (whole as i64).to_string();
    }
    let text = format!("{:.2}", v);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// The document being drawn.
pub struct Svg {
    pub width: u32,
    pub height: u32,
    pub theme: Theme,
    body: String,
    /// Texts as glyph outlines rather than `<text>`: for the PNG, which then needs no text
    /// shaping; the SVG keeps real text for readers and search.
    outline_text: bool,
}

impl Svg {
    pub fn new(width: u32, height: u32, theme: Theme) -> Self {
        Svg {
            width,
            height,
            theme,
            body: String::new(),
            outline_text: false,
        }
    }

    /// Draws texts as glyph outlines when `outline` holds.
    pub fn outlined(mut self, outline: bool) -> Self {
        self.outline_text = outline;
        self
    }

    /// Appends raw markup: callers build it from escaped text and [`num`]s only.
    pub fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// Opens a group with a class, data attributes (names and values escaped here) and a
    /// tooltip; close it with [`Svg::close`].
    pub fn open(&mut self, class: &str, data: &[(&str, String)], title: Option<&str>) {
        let _ = write!(self.body, "<g class=\"{}\"", escape(class));
        for (name, value) in data {
            let _ = write!(self.body, " data-{}=\"{}\"", escape(name), escape(value));
        }
        self.body.push('>');
        if let Some(title) = title {
            let _ = write!(self.body, "<title>{}</title>", escape(title));
        }
    }

    pub fn close(&mut self) {
        self.body.push_str("</g>");
    }

    /// A filled rectangle from `(x0, y0)` to `(x1, y1)`, in either order.
    pub fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), fill: &str, class: &str) {
        let (x, y) = (x0.min(x1), y0.min(y1));
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        let _ = write!(
            self.body,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }

    pub fn line(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        stroke: &str,
        width: f64,
        class: &str,
    ) {
        let _ = write!(
            self.body,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
            num(from.0),
            num(from.1),
            num(to.0),
            num(to.1),
            num(width)
        );
    }

    /// Draws `glyph` `size` pixels wide, centred on `cx`, standing on `bottom`.
    pub fn glyph(&mut self, glyph: Glyph, cx: f64, bottom: f64, size: f64, color: &str) {
        let (l, r, h) = (cx - size / 2.0, cx + size / 2.0, size * 0.87);
        let triangle = match glyph {
            Glyph::Up => Some([(l, bottom), (r, bottom), (cx, bottom - h)]),
            Glyph::Down => Some([(l, bottom - h), (r, bottom - h), (cx, bottom)]),
            Glyph::Tilde => None,
        };
        let _ = match triangle {
            Some(points) => write!(
                self.body,
                "<polygon class=\"mark\" shape-rendering=\"geometricPrecision\" points=\"{}\" fill=\"{color}\"/>",
                points
                    .map(|(x, y)| format!("{},{}", num(x), num(y)))
                    .join(" ")
            ),
            None => {
                let y = bottom - h / 2.0;
                write!(
                    self.body,
                    "<path class=\"mark\" shape-rendering=\"geometricPrecision\" d=\"M{},{} q{},{} {},0 t{},0\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
                    num(l),
                    num(y),
                    num(size / 4.0),
                    num(-size / 3.0),
                    num(size / 2.0),
                    num(size / 2.0)
                )
            }
        };
    }

    /// A rectangle marked as "no significant change": a pale fill crossed by stripes of
    /// `color`, laid on one grid across the chart so neighbouring bars line up. Drawn as
    /// lines, not an SVG pattern, which rasterises several times slower.
    pub fn hatched(
        &mut self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        color: &str,
        class: &str,
    ) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        let _ = write!(
            self.body,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\" fill-opacity=\"0.3\" data-hatched=\"true\"/>",
            num(x0),
            num(y0),
            num(x1 - x0),
            num(y1 - y0)
        );
        // Lines x + y = c, every 6 pixels of c, cut to the rectangle.
        const STEP: f64 = 6.0;
        let mut d = String::new();
        let mut c = ((x0 + y0) / STEP).ceil() * STEP;
        while c < x1 + y1 {
            let (ya, yb) = ((c - x1).max(y0), (c - x0).min(y1));
            if yb - ya > 0.5 {
                let _ = write!(
                    d,
                    "M{} {}L{} {}",
                    num(c - ya),
                    num(ya),
                    num(c - yb),
                    num(yb)
                );
            }
            c += STEP;
        }
        if !d.is_empty() {
            let _ = write!(
                self.body,
                "<path class=\"hatch\" shape-rendering=\"geometricPrecision\" d=\"{d}\" stroke=\"{color}\" stroke-width=\"2\"/>"
            );
        }
    }

    /// Writes a text with its measured length.
    pub fn label(&mut self, label: &Label) {
        if label.text.is_empty() {
            return;
        }
        let length = font::width(label.text, label.size);
        if let Some(title) = label.title {
            let _ = write!(self.body, "<g><title>{}</title>", escape(title));
        }
        if self.outline_text {
            let (path, _) = font::outline(label.text);
            let start = match label.anchor {
                Anchor::Start => label.x,
                Anchor::Middle => label.x - length / 2.0,
                Anchor::End => label.x - length,
            };
            let scale = label.size / font::units_per_em();
            let rotate = if label.rotate != 0.0 {
                format!(
                    "rotate({} {} {}) ",
                    num(label.rotate),
                    num(label.x),
                    num(label.y)
                )
            } else {
                String::new()
            };
            let _ = write!(
                self.body,
                "<path class=\"{}\" shape-rendering=\"geometricPrecision\" transform=\"{rotate}translate({} {}) scale({scale} -{scale})\" fill=\"{}\" d=\"{path}\"/>",
                label.class,
                num(start),
                num(label.y),
                label.color,
            );
            if label.title.is_some() {
                self.body.push_str("</g>");
            }
            return;
        }
        let _ = write!(
            self.body,
            "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
            label.class,
            num(label.x),
            num(label.y),
            num(label.size),
            label.anchor.as_str(),
            label.color,
            num(length),
        );
        if label.rotate != 0.0 {
            let _ = write!(
                self.body,
                " transform=\"rotate({} {} {})\"",
                num(label.rotate),
                num(label.x),
                num(label.y)
            );
        }
        let _ = write!(self.body, ">{}</text>", escape(label.text));
        if label.title.is_some() {
            self.body.push_str("</g>");
        }
    }

    /// The finished document, with its accessible title and description.
    pub fn finish(self, kind: &str, title: &str, desc: &str, data: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(self.body.len() + 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             role=\"img\" aria-labelledby=\"chart-title chart-desc\" shape-rendering=\"crispEdges\" font-family=\"{}\" data-chart=\"{}\"",
            escape(font::FAMILY_STACK),
            escape(kind),
            w = self.width,
            h = self.height,
        );
        for (name, value) in data {
            let _ = write!(out, " data-{}=\"{}\"", escape(name), escape(value));
        }
        let _ = write!(
            out,
            "><title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
            escape(title),
            escape(desc)
        );
        let _ = write!(
            out,
            "<rect class=\"background\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            self.width, self.height, self.theme.background
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// Plotters' view of an [`Svg`]: what it draws (axes, grid, tick labels) lands in the same
/// document as the chart's own elements.
pub struct Backend {
    svg: Rc<RefCell<Svg>>,
}

impl Backend {
    pub fn new(svg: Rc<RefCell<Svg>>) -> Self {
        Backend { svg }
    }
}

impl Backend {
    /// Writes `element` (its tag and geometry) in colour `c`: filled, or stroked `stroke`
    /// pixels wide. A transparent colour draws nothing.
    fn shape(
        &self,
        c: BackendColor,
        element: &str,
        stroke: Option<u32>,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if c.alpha > 0.0 {
            let paint = match stroke {
                None => format!("fill=\"{}\"", color(c)),
                Some(width) => format!(
                    "fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"",
                    color(c)
                ),
            };
            let markup = format!("<{element} {paint}{}/>", opacity(c));
            self.svg.borrow_mut().raw(&markup);
        }
        Ok(())
    }
}

fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
    let points: Vec<String> = path.into_iter().map(|(x, y)| format!("{x},{y}")).collect();
    points.join(" ")
}

fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn opacity(c: BackendColor) -> String {
    if c.alpha >= 1.0 {
        String::new()
    } else {
        format!(" opacity=\"{}\"", num(c.alpha))
    }
}

impl DrawingBackend for Backend {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        let svg = self.svg.borrow();
        (svg.width, svg.height)
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.shape(
            c,
            &format!("rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\""),
            None,
        )
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let element = format!("line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"");
        self.shape(style.color(), &element, Some(style.stroke_width()))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let element = format!(
            "rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\"",
            x1 - x0,
            y1 - y0
        );
        self.shape(
            style.color(),
            &element,
            (!fill).then(|| style.stroke_width()),
        )
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let element = format!("polyline points=\"{}\"", points(path));
        self.shape(style.color(), &element, Some(style.stroke_width()))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (cx, cy): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let element = format!("circle cx=\"{cx}\" cy=\"{cy}\" r=\"{radius}\"");
        self.shape(
            style.color(),
            &element,
            (!fill).then(|| style.stroke_width()),
        )
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let element = format!("polygon points=\"{}\"", points(vert));
        self.shape(style.color(), &element, None)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let size = style.size();
        let anchor = style.anchor();
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        // Plotters anchors a text's box; SVG places its baseline.
        let baseline = match anchor.v_pos {
            VPos::Top => font::ascent(size),
            VPos::Center => (font::ascent(size) - font::descent(size)) / 2.0,
            VPos::Bottom => -font::descent(size),
        };
        let h = match anchor.h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        let rotate = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        // Rotation turns the baseline offset with the text.
        let (dx, dy) = match style.transform() {
            FontTransform::None => (0.0, baseline),
            FontTransform::Rotate90 => (-baseline, 0.0),
            FontTransform::Rotate180 => (0.0, -baseline),
            FontTransform::Rotate270 => (baseline, 0.0),
        };
        let fill = color(style.color());
        self.svg.borrow_mut().label(
            &Label::new(x + dx, y + dy, text, size, &fill)
                .anchor(h)
                .rotate(rotate)
                .class("tick"),
        );
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let size = style.size();
        Ok((
            font::width(text, size).ceil() as u32,
            font::line_height(size).ceil() as u32,
        ))
    }
}

/// A colour of the theme as plotters takes it.
pub fn rgb(hex: &str) -> RGBColor {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    RGBColor(channel(1), channel(3), channel(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;\u{FFFD}"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn labels_carry_their_measured_length() {
        let mut svg = Svg::new(100, 50, Theme::light());
        svg.label(&Label::new(1.0, 2.0, "Go <1.22>", 11.0, "#000").title(Some("Go <1.22> full")));
        let out = svg.finish("test", "T", "D", &[]);
        let length = num(font::width("Go <1.22>", 11.0));
        assert!(out.contains(&format!("textLength=\"{length}\"")), "{out}");
        assert!(out.contains("<title>Go &lt;1.22&gt; full</title>"));
        assert!(out.contains(">Go &lt;1.22&gt;</text>"));
    }
}
