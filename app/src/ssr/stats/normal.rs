//! The normal distribution: its CDF from erfc, and its inverse by Acklam's rational
//! approximation refined with one Halley step. The U test's normal approximation for large
//! samples needs the CDF; confidence intervals need the inverse. Written here rather than
//! pulled from a crate to match benchstat's arithmetic step for step.

/// A normal distribution with mean `mu` and standard deviation `sigma`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Normal {
    pub mu: f64,
    pub sigma: f64,
}

pub const STANDARD: Normal = Normal {
    mu: 0.0,
    sigma: 1.0,
};

impl Normal {
    pub fn cdf(self, x: f64) -> f64 {
        libm::erfc(-(x - self.mu) / (self.sigma * std::f64::consts::SQRT_2)) / 2.0
    }

    pub fn inv_cdf(self, p: f64) -> f64 {
        // Acklam's coefficients.
        const A: [f64; 6] = [
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383_577_518_672_69e2,
            -3.066479806614716e+01,
            2.506628277459239e+00,
        ];
        const B: [f64; 5] = [
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01,
        ];
        const C: [f64; 6] = [
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00,
        ];
        const D: [f64; 4] = [
            7.784695709041462e-03,
            3.224671290700398e-01,
            2.445134137142996e+00,
            3.754408661907416e+00,
        ];
        const P_LOW: f64 = 0.02425;
        const P_HIGH: f64 = 1.0 - P_LOW;
        if !(0.0..=1.0).contains(&p) {
            return f64::NAN;
        }
        if p == 0.0 {
            return f64::NEG_INFINITY;
        }
        if p == 1.0 {
            return f64::INFINITY;
        }
        let tail = |q: f64| {
            (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
        };
        let mut x = if p < P_LOW {
            tail((-2.0 * p.ln()).sqrt())
        } else if P_HIGH < p {
            -tail((-2.0 * (1.0 - p).ln()).sqrt())
        } else {
            let q = p - 0.5;
            let r = q * q;
            (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
        };
        // One step of Halley's method on the exact CDF.
        let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
        let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
        x -= u / (1.0 + x * u / 2.0);
        x * self.sigma + self.mu
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert!((STANDARD.cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((STANDARD.cdf(1.959963984540054) - 0.975).abs() < 1e-12);
        assert!((STANDARD.inv_cdf(0.975) - 1.959963984540054).abs() < 1e-9);
        assert!((STANDARD.inv_cdf(0.01) + 2.3263478740408408).abs() < 1e-9);
        assert_eq!(STANDARD.inv_cdf(0.0), f64::NEG_INFINITY);
    }
}
