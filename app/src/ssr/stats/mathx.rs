//! Binomial coefficients and the log-gamma function they rest on: the exact Mann-Whitney
//! U distribution counts arrangements of ranks, which overflow integers past small samples.

/// Factorials that fit in 63 bits.
const SMALL_FACT_LIMIT: usize = 20;

fn small_factorial(n: usize) -> i64 {
    (1..=n as i64).product()
}

/// `n choose k` as a float: exact integer arithmetic up to n = 20, `exp(lchoose)` above.
pub fn choose(n: usize, k: usize) -> f64 {
    if k == 0 || k == n {
        return 1.0;
    }
    if n < k {
        return 0.0;
    }
    if n <= SMALL_FACT_LIMIT {
        let numerator: i64 = ((n - (k - 1))..=n).map(|x| x as i64).product();
        return (numerator / small_factorial(k)) as f64;
    }
    lchoose(n, k).exp()
}

/// `ln(n choose k)` from log-gamma values, in the order `lnΓ(n+1) − lnΓ(k+1) − lnΓ(n−k+1)`.
pub fn lchoose(n: usize, k: usize) -> f64 {
    let a = libm::lgamma((n + 1) as f64);
    let b = libm::lgamma((k + 1) as f64);
    let c = libm::lgamma((n - k + 1) as f64);
    a - b - c
}

/// The geometric mean, accumulated as a running mean of logarithms; NaN when a value is
/// not positive or there is none.
pub fn geomean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut m = 0.0;
    for (i, &x) in values.iter().enumerate() {
        if x <= 0.0 {
            return f64::NAN;
        }
        m += (x.ln() - m) / (i + 1) as f64;
    }
    m.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_coefficients() {
        assert_eq!(choose(6, 3), 20.0);
        assert_eq!(choose(20, 10), 184_756.0);
        assert_eq!(choose(5, 7), 0.0);
        let big = choose(30, 15);
        assert!((big - 155_117_520.0).abs() / 155_117_520.0 < 1e-12, "{big}");
    }

    #[test]
    fn geometric_means() {
        assert!((geomean(&[2.0, 8.0]) - 4.0).abs() < 1e-12);
        assert!(geomean(&[1.0, 0.0]).is_nan());
        assert!(geomean(&[]).is_nan());
    }
}
