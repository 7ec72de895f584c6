//! The two-sided Mann-Whitney U test. Exact for small samples (up to 50 each without ties,
//! up to 25 each with ties), from the number of orderings that give each U; above that,
//! the normal approximation with tie and continuity corrections.

use super::mathx::choose;
use super::normal::STANDARD;
use std::borrow::Cow;
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
/// Cumulative counts by sample sizes.
type CountTables = HashMap<(usize, usize), Arc<Vec<f64>>>;

static NO_TIES: LazyLock<Mutex<CountTables>> = LazyLock::new(Default::default);

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
    for row in f.iter_mut() {
        row[0] = 1.0; // m = 0
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

/// P(U₁ ≤ `u`) when the merged sample has tie groups of sizes `ties` (in order), by Cheung
/// and Klotz's recurrence over the groups, as go-moremath computes it (which benchstat
/// uses): states are (first-sample members so far, 2U so far), counts are orderings, and
/// integer divisions truncate toward zero exactly as there, so the p-values are the ones
/// benchstat prints.
fn cdf_with_ties(n1: usize, ties: &[usize], u: f64) -> f64 {
    let k_max = ties.len();
    let n: usize = ties.iter().sum();
    let t: Vec<i64> = ties.iter().map(|&t| t as i64).collect();
    // a[k] for k = 1..=K: the running sums that turn members per group into 2U.
    let mut a = vec![0_i64; k_max + 1];
    a[1] = t[0];
    for k in 2..=k_max {
        a[k] = a[k - 1] + t[k - 2] + t[k - 1];
    }
    let bound = |n1: i64, groups: &[i64], forward: bool| -> i64 {
        let mut two_u = -n1 * n1;
        let mut left = n1;
        let order: Vec<usize> = if forward {
            (1..=groups.len()).collect()
        } else {
            (1..=groups.len()).rev().collect()
        };
        for k in order {
            let take = left.min(groups[k - 1]);
            two_u += take * a[k];
            left -= take;
        }
        two_u
    };
    let two_u_min = |n1: i64, groups: &[i64]| bound(n1, groups, true);
    let two_u_max = |n1: i64, groups: &[i64]| bound(n1, groups, false);

    let target = (n1 as i64, (2.0 * u) as i64);
    // The states each level needs, from the last group back to the second.
    let mut levels: Vec<HashMap<(i64, i64), f64>> = vec![HashMap::new(); k_max + 1];
    levels[k_max].insert(target, 0.0);
    let mut tsum: i64 = t.iter().sum();
    for k in (2..k_max).rev() {
        tsum -= t[k];
        let keys: Vec<(i64, i64)> = levels[k + 1].keys().copied().collect();
        for (n1_next, two_u_next) in keys {
            let low = 0.max(n1_next - tsum);
            let high = n1_next.min(t[k]);
            for rk in low..=high {
                let two_u_k = two_u_next - rk * (a[k + 1] - 2 * n1_next + rk);
                let n1_k = n1_next - rk;
                if two_u_min(n1_k, &t[..k]) <= two_u_k && two_u_k <= two_u_max(n1_k, &t[..k]) {
                    levels[k].insert((n1_k, two_u_k), 0.0);
                }
            }
        }
    }
    // The second level directly, from the first two groups.
    let n_2 = t[0] + t[1];
    let keys: Vec<(i64, i64)> = levels[2].keys().copied().collect();
    for (n1_2, two_u_2) in keys {
        let low = 0.max(n1_2 - t[0]);
        let high = (two_u_2 - n1_2 * (t[0] - n1_2)) / n_2;
        let mut sum = 0.0;
        let mut r2 = low;
        while r2 <= high {
            sum += choose_i(t[0], n1_2 - r2) * choose_i(t[1], r2);
            r2 += 1;
        }
        levels[2].insert((n1_2, two_u_2), sum);
    }
    // Then each further group in turn.
    let mut tsum = t[0];
    for k in 3..=k_max {
        tsum += t[k - 2];
        let keys: Vec<(i64, i64)> = levels[k].keys().copied().collect();
        for (n1_k, two_u_k) in keys {
            let low = 0.max(n1_k - tsum);
            let high = n1_k.min(t[k - 1]);
            let mut sum = 0.0;
            for rk in low..=high {
                let two_u_prev = two_u_k - rk * (a[k] - 2 * n1_k + rk);
                let n1_prev = n1_k - rk;
                let x = match levels[k - 1].get(&(n1_prev, two_u_prev)) {
                    Some(x) => *x,
                    None if two_u_max(n1_prev, &t[..k - 1]) < two_u_prev => choose_i(tsum, n1_prev),
                    None => 0.0,
                };
                sum += x * choose_i(t[k - 1], rk);
            }
            levels[k].insert((n1_k, two_u_k), sum);
        }
    }
    levels[k_max].get(&target).copied().unwrap_or(0.0) / choose(n, n1)
}

/// `n choose k` for signed arguments: 0 outside 0 ≤ k ≤ n.
fn choose_i(n: i64, k: i64) -> f64 {
    if k < 0 || n < 0 || k > n {
        return 0.0;
    }
    choose(n as usize, k as usize)
}

/// `values` in ascending order, borrowed when they already are.
fn ascending(values: &[f64]) -> Cow<'_, [f64]> {
    if values.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
        Cow::Borrowed(values)
    } else {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Cow::Owned(sorted)
    }
}

/// Tests whether the two samples differ in location. Samples already in ascending order (as
/// a comparison keeps them) are ranked by merging, without sorting again.
pub fn mann_whitney(x1: &[f64], x2: &[f64]) -> Result<UTest, UTestError> {
    let (n1, n2) = (x1.len(), x2.len());
    if n1 == 0 || n2 == 0 {
        return Err(UTestError::SampleSize);
    }
    let (x1, x2) = (ascending(x1), ascending(x2));
    // Walks both samples in merged order, one group of equal values at a time.
    let mut rank_sum = 0.0;
    let mut ties: Vec<usize> = Vec::with_capacity(n1 + n2);
    let (mut i, mut j) = (0, 0);
    while i < n1 || j < n2 {
        let first_is_next = j == n2 || (i < n1 && x1[i].total_cmp(&x2[j]).is_le());
        let value = if first_is_next { x1[i] } else { x2[j] };
        let start = i + j;
        let mut from_first = usize::from(first_is_next);
        if first_is_next {
            i += 1;
        } else {
            j += 1;
        }
        while i < n1 && x1[i] == value {
            from_first += 1;
            i += 1;
        }
        while j < n2 && x2[j] == value {
            j += 1;
        }
        let end = i + j;
        // Tied values share the mean of the ranks start+1 ..= end.
        rank_sum += (end + start + 1) as f64 / 2.0 * from_first as f64;
        ties.push(end - start);
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
        // In f64: a tie group of a million samples would overflow t³ in 32-bit integers.
        let t: f64 = ties
            .iter()
            .map(|&t| {
                let t = t as f64;
                t * t * t - t
            })
            .sum();
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
        // Two blocks of equal values, 3 against 5: benchstat prints p=0.357 (20/56), which is
        // what go-moremath's recurrence gives when a negative bound truncates toward zero.
        let blocks = mann_whitney(&[64.0, 64.0, 64.0], &[48.0; 5]).unwrap();
        assert!((blocks.p - 20.0 / 56.0).abs() < 1e-15, "{}", blocks.p);
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
