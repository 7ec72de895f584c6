//! The images that stand for an ADR outside Tradeoff: the link preview that chat and ticket
//! tools unfurl (1200×630, as OpenGraph asks), and a shields-style status badge for ticket
//! descriptions and READMEs. Both are drawn with the charts' embedded font and canvas, so
//! they look the same on every machine.

use crate::model::adr::Adr;
use crate::model::adr_key;
use crate::model::status::Status;
use crate::ssr::charts::canvas::{Anchor, Label, Svg, escape, num};
use crate::ssr::charts::font;
use crate::ssr::charts::theme::Theme;
use std::fmt::Write;

/// The size OpenGraph and Twitter cards show without cropping.
pub const PREVIEW_SIZE: (u32, u32) = (1200, 630);

/// The colour of a status, as the pages show it (light theme), with white text readable on it.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Draft => "#6b7280",
        Status::Proposed => "#a15c00",
        Status::Accepted => "#1d7a3e",
        Status::Rejected => "#b42318",
        Status::Deprecated => "#7a4e9c",
        Status::Superseded => "#4a5568",
    }
}

/// `text` broken into lines of at most `max` pixels at `size`, at most `lines` of them; the
/// last is shortened when the text runs on.
fn wrap(text: &str, max: f64, size: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if font::width(&candidate, size) <= max || current.is_empty() {
            current = candidate;
            continue;
        }
        out.push(std::mem::take(&mut current));
        current = word.to_owned();
        if out.len() == lines - 1 {
            // The last line takes the rest, shortened to fit.
            let rest: Vec<&str> = std::iter::once(word).chain(words.by_ref()).collect();
            current = rest.join(" ");
            break;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.into_iter()
        .map(|line| shorten_end(&line, max, size))
        .collect()
}

/// `text` cut at its end with an ellipsis to fit `max` pixels (a title reads from its start).
fn shorten_end(text: &str, max: f64, size: f64) -> String {
    if font::width(text, size) <= max {
        return text.to_owned();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if font::width(&kept, size) + font::width("…", size) > max {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// The link preview of `adr`: number, title, status and chosen option. `outlined` draws the
/// texts as glyph outlines, for the PNG.
pub fn preview(adr: &Adr, site: &str, outlined: bool) -> String {
    let (w, h) = PREVIEW_SIZE;
    let theme = Theme::light();
    let mut svg = Svg::new(w, h, theme).outlined(outlined);
    let doc = &adr.document;
    let margin = 72.0;
    let width = f64::from(w) - 2.0 * margin;
    let colour = status_colour(adr.status);
    svg.rect((0.0, 0.0), (f64::from(w), 16.0), colour, "status-band");
    svg.label(&Label::new(
        margin,
        110.0,
        "Tradeoff · architecture decision",
        28.0,
        theme.muted,
    ));
    let key = adr_key::display(adr.number);
    svg.label(&Label::new(margin, 190.0, &key, 56.0, colour).class("number"));
    let mut y = 280.0;
    for line in wrap(&doc.title, width, 60.0, 3) {
        svg.label(&Label::new(margin, y, &line, 60.0, theme.text).class("title"));
        y += 74.0;
    }
    // The status as a pill, then the chosen option beside it.
    let status = adr.status.label();
    let pill_w = font::width(status, 32.0) + 40.0;
    let pill_top = f64::from(h) - 150.0;
    svg.raw(&format!(
        "<rect class=\"status\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"56\" rx=\"28\" fill=\"{colour}\"/>",
        num(margin),
        num(pill_top),
        num(pill_w)
    ));
    svg.label(
        &Label::new(
            margin + pill_w / 2.0,
            pill_top + 39.0,
            status,
            32.0,
            "#ffffff",
        )
        .anchor(Anchor::Middle)
        .class("status-label"),
    );
    if let Some(chosen) = doc.chosen() {
        let x = margin + pill_w + 32.0;
        let text = shorten_end(
            &format!("Chosen: {}", chosen.name),
            f64::from(w) - margin - x,
            32.0,
        );
        svg.label(&Label::new(x, pill_top + 39.0, &text, 32.0, theme.text).class("chosen"));
    }
    let footer = shorten_end(&format!("{} · {site}", doc.date), width, 24.0);
    svg.label(&Label::new(
        margin,
        f64::from(h) - 48.0,
        &footer,
        24.0,
        theme.muted,
    ));
    let title = format!("{key}: {}", doc.title);
    let desc = format!(
        "{key} is {}{}.",
        adr.status.as_str(),
        doc.chosen()
            .map(|o| format!(", chosen option {}", o.name))
            .unwrap_or_default()
    );
    svg.finish(
        "preview",
        &title,
        &desc,
        &[("status", adr.status.as_str().to_owned())],
    )
}

/// The badge of ADR `number` in `status`: "ADR-0007 | accepted", shields style, coloured by
/// the status, its texts measured with the embedded font.
pub fn badge(number: i64, status: Status) -> String {
    const SIZE: f64 = 11.0;
    const PAD: f64 = 6.0;
    let key = adr_key::display(number);
    let value = status.as_str();
    let left = (font::width(&key, SIZE) + 2.0 * PAD).ceil();
    let right = (font::width(value, SIZE) + 2.0 * PAD).ceil();
    let total = left + right;
    let mut out = String::with_capacity(1200);
    let label = format!("{key}: {value}");
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" viewBox=\"0 0 {w} 20\" role=\"img\" aria-label=\"{label}\" data-status=\"{value}\">\
         <title>{label}</title>\
         <linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\
         <clipPath id=\"r\"><rect width=\"{w}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\
         <g clip-path=\"url(#r)\"><rect width=\"{l}\" height=\"20\" fill=\"#555\"/><rect x=\"{l}\" width=\"{r}\" height=\"20\" fill=\"{colour}\"/><rect width=\"{w}\" height=\"20\" fill=\"url(#s)\"/></g>\
         <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"{family}\" font-size=\"11\">",
        w = num(total),
        l = num(left),
        r = num(right),
        label = escape(&label),
        colour = status_colour(status),
        family = escape(font::FAMILY_STACK),
    );
    for (text, centre) in [(key.as_str(), left / 2.0), (value, left + right / 2.0)] {
        let length = num(font::width(text, SIZE));
        let x = num(centre);
        let text = escape(text);
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"{length}\" lengthAdjust=\"spacingAndGlyphs\">{text}</text>\
             <text x=\"{x}\" y=\"14\" textLength=\"{length}\" lengthAdjust=\"spacingAndGlyphs\">{text}</text>"
        );
    }
    out.push_str("</g></svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::adr::{AdrDocument, AdrOption};

    fn adr() -> Adr {
        Adr {
            number: 7,
            status: Status::Accepted,
            version: 3,
            content_version: 2,
            document: AdrDocument {
                title: "Use Go for the API gateway that fronts every public service we run today and tomorrow and the day after".into(),
                date: "2026-11-27".into(),
                options: vec![AdrOption {
                    id: "go".into(),
                    name: "Go".into(),
                    ..AdrOption::default()
                }],
                chosen_option: Some("go".into()),
                ..AdrDocument::default()
            },
            relations: Vec::new(),
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
            accepted_version: Some(2),
        }
    }

    #[test]
    fn long_titles_wrap_into_three_lines_that_fit() {
        let lines = wrap(&adr().document.title, 1056.0, 60.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        for line in &lines {
            assert!(font::width(line, 60.0) <= 1056.0, "{line}");
        }
        assert_eq!(wrap("Short", 1056.0, 60.0, 3), vec!["Short".to_owned()]);
    }

    #[test]
    fn the_preview_names_number_title_status_and_choice() {
        let svg = preview(&adr(), "adr.example.com", false);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("1200"));
        assert_eq!(root.attribute("height"), Some("630"));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(texts.contains(&"ADR-0007"));
        assert!(texts.contains(&"Accepted"));
        assert!(texts.contains(&"Chosen: Go"));
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Use Go for the API gateway"))
        );
    }

    #[test]
    fn the_badge_fits_its_texts_and_names_the_status() {
        let svg = badge(7, Status::Superseded);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("data-status"), Some("superseded"));
        let width: f64 = root.attribute("width").unwrap().parse().unwrap();
        let room = font::width("ADR-0007", 11.0) + font::width("superseded", 11.0);
        assert!(width >= room + 24.0 - 0.01, "{width} < {room} + padding");
        assert!(svg.contains(status_colour(Status::Superseded)));
    }
}
