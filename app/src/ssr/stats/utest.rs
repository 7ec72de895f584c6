//! The two-sided Mann-Whitney U test. Exact for small samples (up to 50 each without ties,
//! up to 25 each with ties), from the number of orderings that give each U; above that,
//! the normal approximation with tie and continuity corrections.

use super::mathx::choose;
use super::normal::STANDARD;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Largest samples tested exactly when there are no ties.
const EXACT_LIMIT: usize = 50;
/// Largest samples tested exactly when there are ties.
const TIES_EXACT_LIMIT: usize = 25;

/// The outcome of a test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UTest {
    pub n1: usize,
    pub n2: usize,
    /// The U statistic of the first sample.
    pub u: f64,
    pub p: f64,
}

/// Why a test could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UTestError {
    #[error("sample is too small")]
    SampleSize,
    #[error("all samples are equal")]
    SamplesEqual,
}

/// For each size pair, the distribution of U without ties as cumulative counts.
static NO_TIES: LazyLock<Mutex<HashMap<(usize, usize), Arc<Vec<f64>>>>> =
    LazyLock::new(Default::default);

/// Counts of the orderings of `n1 + n2` distinct values that give each U of the first
/// sample, accumulated: `out[u]` orderings give U ≤ u.
fn cumulative_counts(n1: usize, n2: usize) -> Arc<Vec<f64>> {
    if let Some(table) = NO_TIES
        .lock()
        .map(|m| m.get(&(n1, n2)).cloned())
        .ok()
        .flatten()
    {
        return table;
    }
    // f[n][u] for the current m: orderings of n first-sample and m second-sample values
    // with U = u. The largest value is either from the first sample (beating all m) or not.
    let max_u = n1 * n2;
    let mut f: Vec<Vec<f64>> = vec![vec![0.0; max_u + 1]; n1 + 1];
    f[0][0] = 1.0;
    for n in 1..=n1 {
        f[n][0] = 1.0; // m = 0
    }
    for m in 1..=n2 {
        // f[0] stays [1, 0, ...]; update f[n] in increasing n using f[n-1] (same m).
        for n in 1..=n1 {
            for u in (0..=n * m).rev() {
                let from_first = if u >= m { f[n - 1][u - m] } else { 0.0 };
                f[n][u] += from_first;
            }
        }
        // The recurrence f(n, m, u) = f(n-1, m, u-m) + f(n, m-1, u): f[n] held f(n, m-1)
        // and just had f(n-1, m, u-m) added, row n-1 already being at m.
    }
    let mut cumulative = f[n1].clone();
    for u in 1..cumulative.len() {
        cumulative[u] += cumulative[u - 1];
    }
    let table = Arc::new(cumulative);
    if let Ok(mut map) = NO_TIES.lock() {
        map.insert((n1, n2), table.clone());
    }
    table
}

/// P(U₁ ≤ `u`) without ties.
fn cdf_no_ties(n1: usize, n2: usize, u: f64) -> f64 {
    if u < 0.0 {
        return 0.0;
    }
    if u >= (n1 * n2) as f64 {
        return 1.0;
    }
    let table = cumulative_counts(n1, n2);
    table[u.floor() as usize] / choose(n1 + n2, n1)
}

/// P(U₁ ≤ `u`) when the merged sample has tie groups of sizes `ties` (in order): every way
/// of drawing the first sample's members from the groups, weighted by how many orderings
/// give it.
fn cdf_with_ties(n1: usize, ties: &[usize], u: f64) -> f64 {
    let n: usize = ties.iter().sum();
    // Twice the midrank of each group, an integer.
    let mut before = 0;
    let twice_ranks: Vec<usize> = ties
        .iter()
        .map(|&t| {
            let a = 2 * before + t + 1;
            before += t;
            a
        })
        .collect();
    // 2·U₁ = 2·R₁ − n1(n1 + 1); keep only sums that can still end at or below the limit.
    let limit = (2.0 * u).floor() as i64 + (n1 * (n1 + 1)) as i64;
    if limit < 0 {
        return 0.0;
    }
    let limit = limit as usize;
    let width = limit + 1;
    let mut counts = vec![0.0_f64; (n1 + 1) * width];
    counts[0] = 1.0;
    for (k, &t) in ties.iter().enumerate() {
        let a = twice_ranks[k];
        let mut next = vec![0.0_f64; (n1 + 1) * width];
        for c in 0..=n1 {
            for s in 0..width {
                let count = counts[c * width + s];
                if count == 0.0 {
                    continue;
                }
                for r in 0..=t.min(n1 - c) {
                    let s2 = s + r * a;
                    if s2 > limit {
                        break;
                    }
                    next[(c + r) * width + s2] += count * choose(t, r);
                }
            }
        }
        counts = next;
    }
    let at_or_below: f64 = counts[n1 * width..].iter().sum();
    at_or_below / choose(n, n1)
}

/// Tests whether the two samples differ in location.
pub fn mann_whitney(x1: &[f64], x2: &[f64]) -> Result<UTest, UTestError> {
    let (n1, n2) = (x1.len(), x2.len());
    if n1 == 0 || n2 == 0 {
        return Err(UTestError::SampleSize);
    }
    let mut merged: Vec<(f64, bool)> = x1
        .iter()
        .map(|&v| (v, true))
        .chain(x2.iter().map(|&v| (v, false)))
        .collect();
    merged.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut rank_sum = 0.0;
    let mut ties: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < merged.len() {
        let start = i;
        let mut from_first = 0;
        while i < merged.len() && merged[i].0 == merged[start].0 {
            if merged[i].1 {
                from_first += 1;
            }
            i += 1;
        }
        // Tied values share the mean of the ranks start+1 ..= i.
        rank_sum += (i + start + 1) as f64 / 2.0 * from_first as f64;
        ties.push(i - start);
    }
    let has_ties = ties.iter().any(|&t| t > 1);
    let u1 = rank_sum - (n1 * (n1 + 1)) as f64 / 2.0;
    let u2 = (n1 * n2) as f64 - u1;
    let u_small = u1.min(u2);
    let exact = if has_ties {
        n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT
    } else {
        n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT
    };
    let p = if exact {
        if ties.len() == 1 {
            return Err(UTestError::SamplesEqual);
        }
        if u1 == u2 {
            1.0
        } else if has_ties {
            cdf_with_ties(n1, &ties, u_small) * 2.0
        } else {
            cdf_no_ties(n1, n2, u_small) * 2.0
        }
    } else {
        let t: f64 = ties.iter().map(|&t| (t * t * t - t) as f64).sum();
        let n = (n1 + n2) as f64;
        let mean = (n1 * n2) as f64 / 2.0;
        let sd = ((n1 * n2) as f64 * ((n + 1.0) - t / (n * (n - 1.0))) / 12.0).sqrt();
        if sd == 0.0 {
            return Err(UTestError::SamplesEqual);
        }
        let mut numerator = u1 - mean;
        numerator -= numerator.signum() * 0.5 * f64::from(numerator != 0.0);
        let z = numerator / sd;
        2.0 * STANDARD.cdf(z).min(1.0 - STANDARD.cdf(z))
    };
    Ok(UTest { n1, n2, u: u1, p })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x1: &[f64], x2: &[f64]) -> f64 {
        mann_whitney(x1, x2).unwrap().p
    }

    #[test]
    fn separated_samples_of_six_give_two_in_924() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0];
        assert!((p(&a, &b) - 2.0 / 924.0).abs() < 1e-15);
        assert!((p(&b, &a) - 2.0 / 924.0).abs() < 1e-15);
    }

    #[test]
    fn exact_p_values_match_the_tables() {
        // R: wilcox.test(c(1.1,2.2,3.3,4.4), c(2.5,5.5,6.6,7.7))$p.value = 0.1142857
        assert!(
            (p(&[1.1, 2.2, 3.3, 4.4], &[2.5, 5.5, 6.6, 7.7]) - 0.11428571428571428).abs() < 1e-12
        );
        // Interleaved samples are not different at all.
        assert_eq!(p(&[1.0, 4.0], &[2.0, 3.0]), 1.0);
    }

    #[test]
    fn ties_are_counted_exactly() {
        // Orderings of {1,1,2 | 1,2,2}: computed by enumerating the 20 ways to pick 3 of 6.
        let x1 = [1.0, 1.0, 2.0];
        let x2 = [1.0, 2.0, 2.0];
        let result = mann_whitney(&x1, &x2).unwrap();
        assert_eq!(result.u, 3.0);
        assert_eq!(result.p, 1.0, "U1 = U2 = 3");
        let lower = mann_whitney(&[1.0, 1.0, 1.0], &[1.0, 2.0, 2.0]).unwrap();
        // U1 = 1.5; ties (4, 2): P(U1 <= 1.5) = C(4,3)/C(6,3) = 4/20.
        assert!((lower.p - 0.4).abs() < 1e-15, "{}", lower.p);
    }

    #[test]
    fn equal_and_empty_samples_cannot_be_tested() {
        assert_eq!(
            mann_whitney(&[3.0, 3.0], &[3.0]),
            Err(UTestError::SamplesEqual)
        );
        assert_eq!(mann_whitney(&[], &[1.0]), Err(UTestError::SampleSize));
    }

    #[test]
    fn large_samples_use_the_normal_approximation() {
        let a: Vec<f64> = (0..60).map(f64::from).collect();
        let b: Vec<f64> = (30..90).map(f64::from).collect();
        let result = mann_whitney(&a, &b).unwrap();
        assert!(result.p < 1e-6 && result.p > 0.0, "{}", result.p);
    }
}
