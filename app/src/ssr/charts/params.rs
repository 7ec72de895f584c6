//! A chart URL's query: size, theme, scale and what to show. Unknown parameters are
//! ignored; a bad value is refused with the reason (400).

use super::axes::Scale;
use super::theme::Theme;
use crate::ssr::error::AppError;

/// The smallest and largest width or height, in pixels.
pub const SIZE_RANGE: std::ops::RangeInclusive<u32> = 200..=4000;

#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub theme: Theme,
    pub scale: Option<Scale>,
    pub top: Option<usize>,
    pub unit: Option<String>,
    pub base: Option<String>,
    pub option: Option<String>,
    pub benchmark: Option<String>,
    /// Draw texts as outlines (set for PNGs, not read from the query).
    pub outline_text: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            width: None,
            height: None,
            theme: Theme::light(),
            scale: None,
            top: None,
            unit: None,
            base: None,
            option: None,
            benchmark: None,
            outline_text: false,
        }
    }
}

fn bad(field: &str, message: String) -> AppError {
    AppError::BadParameter {
        field: field.to_owned(),
        message,
    }
}

fn pixels(field: &str, value: &str) -> Result<u32, AppError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|v| SIZE_RANGE.contains(v))
        .ok_or_else(|| {
            bad(
                field,
                format!(
                    "{field}={value:?} must be a whole number of pixels from {} to {}",
                    SIZE_RANGE.start(),
                    SIZE_RANGE.end()
                ),
            )
        })
}

impl Params {
    /// Reads the query's pairs; the last of a repeated parameter wins.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Params, AppError> {
        let mut params = Params::default();
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        for (key, value) in pairs {
            match key.as_str() {
                "w" => params.width = Some(pixels("w", value)?),
                "h" => params.height = Some(pixels("h", value)?),
                "theme" => {
                    params.theme = match value.as_str() {
                        "light" => Theme::light(),
                        "dark" => Theme::dark(),
                        other => {
                            return Err(bad(
                                "theme",
                                format!("theme={other:?} is not one of light, dark"),
                            ));
                        }
                    }
                }
                "scale" => {
                    params.scale = match value.as_str() {
                        "log" => Some(Scale::Log),
                        "linear" => Some(Scale::Linear),
                        "" | "auto" => None,
                        other => {
                            return Err(bad(
                                "scale",
                                format!("scale={other:?} is not one of log, linear, auto"),
                            ));
                        }
                    }
                }
                "top" => {
                    params.top = Some(
                        value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .filter(|n| (1..=100_000).contains(n))
                            .ok_or_else(|| {
                                bad(
                                    "top",
                                    format!(
                                        "top={value:?} must be a whole number from 1 to 100000"
                                    ),
                                )
                            })?,
                    )
                }
                "unit" => params.unit = text(value),
                "base" => params.base = text(value),
                "option" => params.option = text(value),
                "benchmark" => params.benchmark = text(value),
                _ => {}
            }
        }
        Ok(params)
    }

    /// The size asked for, or the chart's own.
    pub fn size(&self, width: u32, height: u32) -> (u32, u32) {
        (self.width.unwrap_or(width), self.height.unwrap_or(height))
    }

    /// The query that gives these parameters back, in a fixed order, for cache keys.
    pub fn canonical(&self) -> String {
        let mut out = format!(
            "w={:?}&h={:?}&theme={}&scale={}&top={:?}",
            self.width,
            self.height,
            self.theme.name,
            self.scale.map_or("auto", Scale::as_str),
            self.top
        );
        for (k, v) in [
            ("unit", &self.unit),
            ("base", &self.base),
            ("option", &self.option),
            ("benchmark", &self.benchmark),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("&{k}={v:?}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn known_parameters_are_read_and_others_ignored() {
        let p = Params::from_pairs(&pairs(&[
            ("w", "800"),
            ("h", "200"),
            ("theme", "dark"),
            ("scale", "log"),
            ("top", "5"),
            ("base", " Go "),
            ("utm_source", "chat"),
        ]))
        .unwrap();
        assert_eq!((p.width, p.height, p.top), (Some(800), Some(200), Some(5)));
        assert_eq!(p.theme, Theme::dark());
        assert_eq!(p.scale, Some(Scale::Log));
        assert_eq!(p.base.as_deref(), Some("Go"));
    }

    #[test]
    fn bad_values_say_why() {
        for (k, v, needle) in [
            ("w", "199", "from 200 to 4000"),
            ("h", "4001", "from 200 to 4000"),
            ("w", "abc", "whole number"),
            ("theme", "blue", "light, dark"),
            ("scale", "ln", "log, linear"),
            ("top", "0", "from 1"),
        ] {
            let e = Params::from_pairs(&pairs(&[(k, v)])).unwrap_err();
            assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
            assert!(e.to_string().contains(needle), "{k}={v}: {e}");
        }
    }
}
