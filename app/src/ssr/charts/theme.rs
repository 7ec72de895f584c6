//! The light and dark colours of a chart. Series take the Okabe-Ito palette, which stays
//! distinguishable for the common kinds of colour blindness; meaning never rests on colour
//! alone (hatching and marks carry it too).

/// The colours one chart is drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub axis: &'static str,
    /// Okabe-Ito, black left out (it is the light theme's text), ordered so neighbours
    /// differ most.
    pub palette: [&'static str; 7],
    /// Pass and fail, for metric rules: bluish green and vermillion.
    pub pass: &'static str,
    pub fail: &'static str,
}

const OKABE_ITO: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
];

impl Theme {
    pub fn light() -> Self {
        Theme {
            name: "light",
            background: "#ffffff",
            text: "#1a1a1a",
            muted: "#555555",
            grid: "#e3e3e3",
            axis: "#777777",
            palette: OKABE_ITO,
            pass: "#009E73",
            fail: "#D55E00",
        }
    }

    pub fn dark() -> Self {
        Theme {
            name: "dark",
            background: "#16181c",
            text: "#ececec",
            muted: "#b0b0b0",
            grid: "#33363d",
            axis: "#8a8a8a",
            // The blue is too dark on black; sky blue leads instead.
            palette: [
                "#56B4E9", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#F0E442", "#0072B2",
            ],
            pass: "#009E73",
            fail: "#D55E00",
        }
    }

    /// The colour of series `i`.
    pub fn series(&self, i: usize) -> &'static str {
        self.palette[i % self.palette.len()]
    }
}
