//! A sample's summary (the median and its confidence interval) and a comparison of two
//! samples (the U test's p against alpha), with the words benchstat prints for them.

use super::quantile_ci::{QuantileCi, median_within, quantile_ci, samples_for_median_ci};
use super::utest::{UTestError, mann_whitney};
use std::sync::LazyLock;

/// The confidence level of every interval.
pub const CONFIDENCE: f64 = 0.95;

/// The median and its confidence interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub center: f64,
    /// ±infinity when there are too few samples for an interval.
    pub lo: f64,
    pub hi: f64,
    pub warnings: Vec<String>,
}

/// Sample counts whose median interval is worked out once: a comparison asks for the same
/// few counts on every row.
const KNOWN_COUNTS: usize = 256;

/// The median's interval at [`CONFIDENCE`] for each count up to [`KNOWN_COUNTS`].
static MEDIAN_INTERVALS: LazyLock<Vec<QuantileCi>> = LazyLock::new(|| {
    (0..=KNOWN_COUNTS)
        .map(|n| quantile_ci(n, 0.5, CONFIDENCE))
        .collect()
});

/// The warning for a sample too small for an interval at [`CONFIDENCE`].
static TOO_FEW_FOR_INTERVAL: LazyLock<String> = LazyLock::new(|| {
    let (at_least, need) = samples_for_median_ci(CONFIDENCE);
    let op = if at_least { ">=" } else { ">" };
    format!("need {op} {need} samples for confidence interval at level {CONFIDENCE}")
});

/// Summarizes `values` (in any order).
pub fn summarize(values: &[f64]) -> Summary {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    summarize_sorted(&sorted)
}

/// Summarizes values already in ascending order.
pub fn summarize_sorted(sorted: &[f64]) -> Summary {
    let n = sorted.len();
    let ci = match MEDIAN_INTERVALS.get(n) {
        Some(ci) => *ci,
        None => quantile_ci(n, 0.5, CONFIDENCE),
    };
    let (center, lo, hi) = median_within(sorted, ci);
    let mut warnings = Vec::new();
    if lo.is_infinite() || hi.is_infinite() {
        warnings.push(TOO_FEW_FOR_INTERVAL.clone());
    }
    Summary {
        center,
        lo,
        hi,
        warnings,
    }
}

/// Summarizes values of a unit declared `assume=exact`, as benchstat does: the value is the
/// sample's mode (the smallest of equally common ones), the range runs from the smallest
/// value to the largest, and values that differ are warned about.
pub fn summarize_exact(values: &[f64]) -> Summary {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    summarize_exact_sorted(&sorted)
}

/// [`summarize_exact`] on values already in ascending order.
pub fn summarize_exact_sorted(sorted: &[f64]) -> Summary {
    let (Some(&first), Some(&last)) = (sorted.first(), sorted.last()) else {
        return Summary {
            center: f64::NAN,
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
            warnings: Vec::new(),
        };
    };
    let (mut mode, mut mode_count) = (first, 0);
    for run in sorted.chunk_by(|a, b| a == b) {
        if run.len() > mode_count {
            (mode, mode_count) = (run[0], run.len());
        }
    }
    let mut warnings = Vec::new();
    if mode_count != sorted.len() {
        warnings.push(format!(
            "exact distribution expected, but values range from {} to {}",
            go_float(first),
            go_float(last)
        ));
    }
    Summary {
        center: mode,
        lo: first,
        hi: last,
        warnings,
    }
}

/// A number as Go's `%v` writes it: the shortest digits, in exponent form (`3.9e+06`) when
/// the exponent is below -4 or 6 and over.
pub fn go_float(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return match v {
            f64::INFINITY => "+Inf".to_owned(),
            f64::NEG_INFINITY => "-Inf".to_owned(),
            _ if v.is_nan() => "NaN".to_owned(),
            _ => "0".to_owned(),
        };
    }
    let scientific = format!("{v:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&exponent) {
        format!("{v}")
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    }
}

impl Summary {
    /// The interval as a percentage around the median: `2%`, `∞` without an interval, `?`
    /// when it crosses zero.
    pub fn pct_range(&self) -> String {
        if self.lo.is_infinite() || self.hi.is_infinite() {
            return "∞".to_owned();
        }
        let sign = |x: f64| {
            if x > 0.0 {
                1
            } else if x < 0.0 {
                -1
            } else {
                0
            }
        };
        if sign(self.center) != sign(self.lo) || sign(self.center) != sign(self.hi) {
            return "?".to_owned();
        }
        if self.center == 0.0 {
            return "0%".to_owned();
        }
        let v = (self.hi / self.center - 1.0).max(1.0 - self.lo / self.center);
        format!("{:.0}%", 100.0 * v)
    }

    /// The interval, when there is one.
    pub fn interval(&self) -> Option<(f64, f64)> {
        (self.lo.is_finite() && self.hi.is_finite()).then_some((self.lo, self.hi))
    }
}

/// The smallest p-value the U test can reach with `n` samples on each side, by n.
const U_TEST_MIN_P: [f64; 10] = [
    f64::NAN,
    1.0,
    0.3333333333333333,
    0.1,
    0.02857142857142857,
    0.007936507936507936,
    0.0021645021645021645,
    0.0005827505827505828,
    0.0001554001554001554,
    4.113533525298231e-05,
];

/// Two samples compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// `None` when the test could not be made.
    pub p: Option<f64>,
    pub n1: usize,
    pub n2: usize,
    pub alpha: f64,
    pub warnings: Vec<String>,
}

/// Compares `new` with `base` at significance level `alpha`.
pub fn compare(base: &[f64], new: &[f64], alpha: f64) -> Comparison {
    let (n1, n2) = (base.len(), new.len());
    match mann_whitney(base, new) {
        // As benchstat does, a test that cannot be made counts as p = 1.
        Err(e) => Comparison {
            p: Some(1.0),
            n1,
            n2,
            alpha,
            warnings: vec![match e {
                UTestError::SamplesEqual => "all samples are equal".to_owned(),
                UTestError::SampleSize => "sample is too small".to_owned(),
            }],
        },
        Ok(test) => {
            let mut warnings = Vec::new();
            if test.p > alpha {
                let (op, need) = match U_TEST_MIN_P
                    .iter()
                    .enumerate()
                    .skip(1)
                    .find(|(_, min)| **min <= alpha)
                {
                    Some((n, _)) => (">=", n),
                    None => (">", U_TEST_MIN_P.len()),
                };
                if n1 < need && n2 < need {
                    warnings.push(format!(
                        "need {op} {need} samples to detect a difference at alpha level {alpha}"
                    ));
                }
            }
            Comparison {
                p: Some(test.p),
                n1,
                n2,
                alpha,
                warnings,
            }
        }
    }
}

/// Compares values of a unit declared `assume=exact`, as benchstat does: no test is needed,
/// so any difference counts (p = 0), whatever the sample sizes.
pub fn compare_exact(n1: usize, n2: usize, alpha: f64) -> Comparison {
    Comparison {
        p: Some(0.0),
        n1,
        n2,
        alpha,
        warnings: Vec::new(),
    }
}

impl Comparison {
    /// Whether the difference is significant at alpha.
    pub fn significant(&self) -> bool {
        self.p.is_some_and(|p| p <= self.alpha)
    }

    /// `p=0.002 n=6` or `p=0.041 n=6+8`; without a test, only the sizes.
    pub fn text(&self) -> String {
        let p = match self.p {
            Some(p) if p != 0.0 => format!("p={p:.3} "),
            _ => String::new(),
        };
        if self.n1 == self.n2 {
            format!("{p}n={}", self.n1)
        } else {
            format!("{p}n={}+{}", self.n1, self.n2)
        }
    }

    /// The change of the medians, `-16.63%`, or `~` when it is not significant.
    pub fn delta(&self, old: f64, new: f64) -> String {
        // benchstat treats a failed test as p = 1.
        if self.p.unwrap_or(1.0) > self.alpha {
            return "~".to_owned();
        }
        if old == new {
            // benchstat writes no sign for no change.
            return "0.00%".to_owned();
        }
        match delta_percent(old, new) {
            Some(pct) => format!("{pct:+.2}%"),
            None => "?".to_owned(),
        }
    }
}

/// The change from `old` to `new` in percent; `None` when `old` is zero, since no percentage
/// of nothing exists (benchstat prints `?` when only `old` is zero and `~` when both are, as
/// `Comparison::delta` does).
pub fn delta_percent(old: f64, new: f64) -> Option<f64> {
    if old == 0.0 {
        return None;
    }
    if old == new {
        return Some(0.0);
    }
    Some((new / old - 1.0) * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_and_their_ranges() {
        let s = summarize(&[1200.0, 1210.0, 1195.0, 1205.0, 1190.0, 1215.0]);
        assert_eq!(s.center, 1202.5);
        assert_eq!((s.lo, s.hi), (1190.0, 1215.0));
        assert_eq!(s.pct_range(), "1%");
        let few = summarize(&[1.0, 2.0, 3.0]);
        assert_eq!(few.pct_range(), "∞");
        assert_eq!(
            few.warnings,
            ["need >= 6 samples for confidence interval at level 0.95"]
        );
    }

    #[test]
    fn comparisons_say_what_benchstat_says() {
        let base = [1200.0, 1210.0, 1195.0, 1205.0, 1190.0, 1215.0];
        let new = [1000.0, 1010.0, 995.0, 1005.0, 990.0, 1015.0];
        let c = compare(&base, &new, 0.05);
        assert_eq!(c.text(), "p=0.002 n=6");
        assert_eq!(c.delta(1202.5, 1002.5), "-16.63%");
        // A significant difference with equal medians: benchstat's unsigned "0.00%".
        assert_eq!(c.delta(1200.0, 1200.0), "0.00%");
        assert_eq!(delta_percent(1200.0, 1200.0), Some(0.0));
        assert_eq!(delta_percent(0.0, 0.0), None);
        assert_eq!(delta_percent(0.0, 3.0), None);
        let same = compare(&[1.0, 2.0, 3.0], &[1.5, 2.5, 3.5], 0.05);
        assert_eq!(same.delta(2.0, 2.5), "~");
        assert_eq!(
            same.warnings,
            ["need >= 4 samples to detect a difference at alpha level 0.05"]
        );
        let equal = compare(&[5.0, 5.0], &[5.0, 5.0], 0.05);
        assert_eq!(
            (equal.p, equal.warnings[0].as_str(), equal.text()),
            (Some(1.0), "all samples are equal", "p=1.000 n=2".to_owned())
        );
    }

    #[test]
    fn exact_units_summarize_by_their_value() {
        let s = summarize_exact(&[3.91e6, 3.9e6, 3.9e6]);
        assert_eq!((s.center, s.lo, s.hi), (3.9e6, 3.9e6, 3.91e6));
        assert_eq!(
            s.warnings,
            ["exact distribution expected, but values range from 3.9e+06 to 3.91e+06"]
        );
        assert!(summarize_exact(&[5.0, 5.0]).warnings.is_empty());
        // Equally common values: the smallest.
        assert_eq!(summarize_exact(&[2.0, 1.0]).center, 1.0);
        let c = compare_exact(1, 1, 0.05);
        assert_eq!(
            (c.text(), c.delta(812.0, 790.0)),
            ("n=1".to_owned(), "-2.71%".to_owned())
        );
        for (v, go) in [
            (1200.0, "1200"),
            (123456.0, "123456"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (5e-9, "5e-09"),
            (-2.5e-5, "-2.5e-05"),
        ] {
            assert_eq!(go_float(v), go);
        }
    }
}
