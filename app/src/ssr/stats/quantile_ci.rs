//! A distribution-free confidence interval for a quantile, from order statistics: the
//! number of samples below the true quantile is binomial, so an interval between two
//! order statistics covers it with a probability that the binomial distribution gives.
//! For up to 30 samples the interval is grown from the middle one order statistic at a
//! time, taking the likelier side (the left on a tie) until it reaches the confidence;
//! above that, a normal approximation gives it.

use super::mathx::choose;
use super::normal::Normal;

/// Samples above which the normal approximation is used.
const EXACT_LIMIT: usize = 30;

/// The interval as 1-based order statistics: `[lo_order, hi_order]`, where 0 means minus
/// infinity and `n + 1` plus infinity (not enough samples for that side).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuantileCi {
    pub lo_order: usize,
    pub hi_order: usize,
    /// The interval's actual coverage.
    pub confidence: f64,
}

fn binomial_pmf(n: usize, p: f64, k: i64) -> f64 {
    if k < 0 || k > n as i64 {
        return 0.0;
    }
    let k = k as usize;
    choose(n, k) * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32)
}

/// The confidence interval of quantile `q` of `n` samples at `confidence`.
pub fn quantile_ci(n: usize, q: f64, confidence: f64) -> QuantileCi {
    if confidence >= 1.0 {
        return QuantileCi {
            lo_order: 0,
            hi_order: n + 1,
            confidence: 1.0,
        };
    }
    let (mut l, mut r): (i64, i64);
    let mut coverage;
    if n <= EXACT_LIMIT {
        let x = if q == 0.0 {
            0
        } else {
            (((n + 1) as f64 * q).ceil() - 1.0) as i64
        };
        coverage = binomial_pmf(n, q, x);
        l = x;
        r = x + 1;
        let mut lp = binomial_pmf(n, q, l - 1);
        let mut rp = binomial_pmf(n, q, r);
        while coverage < confidence && (lp > 0.0 || rp > 0.0) {
            if lp >= rp {
                coverage += lp;
                l -= 1;
                lp = binomial_pmf(n, q, l - 1);
            } else {
                coverage += rp;
                r += 1;
                rp = binomial_pmf(n, q, r);
            }
        }
    } else {
        let mean = n as f64 * q;
        let norm = Normal {
            mu: mean,
            sigma: (n as f64 * q * (1.0 - q)).sqrt(),
        };
        let alpha = (1.0 - confidence) / 2.0;
        let l1 = norm.inv_cdf(alpha);
        let r1 = 2.0 * norm.mu - l1;
        l = ((l1 - 0.5).floor() + 0.5).floor() as i64 + 1;
        r = ((r1 - 0.5).ceil() + 0.5).floor() as i64 + 1;
        let cdf = |l: i64, r: i64| norm.cdf(r as f64 - 0.5) - norm.cdf(l as f64 - 0.5);
        coverage = cdf(l, r);
        let biased = cdf(l, r - 1);
        if biased >= confidence && biased < coverage {
            coverage = biased;
            r -= 1;
        }
        if l <= 0 && r > n as i64 {
            coverage = 1.0;
        }
    }
    QuantileCi {
        lo_order: l.max(0) as usize,
        hi_order: r.min(n as i64 + 1) as usize,
        confidence: coverage,
    }
}

/// Quantile `q` of sorted `values`, interpolated as Hyndman and Fan's definition 8
/// (for the median, the usual middle value or mean of the two middle values).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if q <= 0.0 {
        return sorted[0];
    }
    if q >= 1.0 {
        return sorted[n - 1];
    }
    let position = 1.0 / 3.0 + q * (n as f64 + 1.0 / 3.0);
    let k = position.trunc();
    let frac = position - k;
    let k = k as usize;
    if k == 0 {
        sorted[0]
    } else if k >= n {
        sorted[n - 1]
    } else {
        sorted[k - 1] + frac * (sorted[k] - sorted[k - 1])
    }
}

/// The median of sorted `values` and the bounds of `ci`, the median's confidence interval
/// worked out for their count (±infinity where there are too few samples).
pub fn median_within(sorted: &[f64], ci: QuantileCi) -> (f64, f64, f64) {
    let lo = if ci.lo_order < 1 {
        f64::NEG_INFINITY
    } else {
        sorted[ci.lo_order - 1]
    };
    let hi = if ci.hi_order > sorted.len() {
        f64::INFINITY
    } else {
        sorted[ci.hi_order - 1]
    };
    (quantile(sorted, 0.5), lo, hi)
}

/// The fewest samples that give a finite median interval at `confidence`.
pub fn samples_for_median_ci(confidence: f64) -> (bool, usize) {
    const LIMIT: usize = 50;
    for n in 2..=LIMIT {
        let ci = quantile_ci(n, 0.5, confidence);
        if ci.lo_order > 0 && ci.hi_order <= n {
            return (true, n);
        }
    }
    (false, LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_samples_have_no_interval() {
        // Growing from the middle reaches 31/32 only by taking the minimum's side to minus
        // infinity; the maximum stays the upper bound.
        let ci = quantile_ci(5, 0.5, 0.95);
        assert_eq!((ci.lo_order, ci.hi_order), (0, 5));
        assert_eq!(samples_for_median_ci(0.95), (true, 6));
    }

    #[test]
    fn six_samples_span_the_extremes() {
        let ci = quantile_ci(6, 0.5, 0.95);
        assert_eq!((ci.lo_order, ci.hi_order), (1, 6));
        assert!((ci.confidence - 0.96875).abs() < 1e-12);
    }

    #[test]
    fn ten_and_forty_samples() {
        let ci = quantile_ci(10, 0.5, 0.95);
        assert_eq!((ci.lo_order, ci.hi_order), (2, 9));
        let ci = quantile_ci(40, 0.5, 0.95);
        assert!(ci.lo_order > 10 && ci.hi_order < 31, "{ci:?}");
    }

    fn median_ci(sorted: &[f64], confidence: f64) -> (f64, f64, f64) {
        median_within(sorted, quantile_ci(sorted.len(), 0.5, confidence))
    }

    #[test]
    fn medians_interpolate() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0], 0.5), 2.0);
        let (m, lo, hi) = median_ci(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 0.95);
        assert_eq!((m, lo, hi), (3.5, 1.0, 6.0));
        let (_, lo, hi) = median_ci(&[1.0, 2.0], 0.95);
        assert!(lo.is_infinite() && hi.is_infinite());
    }
}
