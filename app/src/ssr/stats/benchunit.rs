//! Units of benchmark values as benchstat presents them: `ns/op` becomes seconds per
//! operation and `MB/s` bytes per second ("tidy" units), byte units scale by powers of 1024
//! and the rest by powers of 1000, to four significant digits shared across a row.

use std::sync::LazyLock;

/// How a unit scales.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// k, M, G... and m, µ, n.
    Decimal,
    /// Ki, Mi, Gi...
    Binary,
}

/// The unit benchstat shows for `unit`, and the factor that converts values to it.
pub fn tidy(unit: &str) -> (String, f64) {
    match unit {
        "ns/op" => ("sec/op".to_owned(), 1e-9),
        "MB/s" => ("B/s".to_owned(), 1e6),
        _ => {
            let (numerator, rest) = unit.split_at(unit.find('/').unwrap_or(unit.len()));
            match numerator {
                "ns" => (format!("sec{rest}"), 1e-9),
                "MB" => (format!("B{rest}"), 1e6),
                _ => (unit.to_owned(), 1.0),
            }
        }
    }
}

/// Bytes scale in powers of two, everything else in powers of ten.
pub fn class_of(unit: &str) -> Class {
    let numerator = unit.split('/').next().unwrap_or_default();
    if numerator
        .split(['*', '-', '.'])
        .any(|t| matches!(t, "B" | "MB" | "bytes"))
    {
        Class::Binary
    } else {
        Class::Decimal
    }
}

/// A way to print values: digits after the point, and the prefix with its factor.
#[derive(Clone, Debug, PartialEq)]
pub struct Scaler {
    pub precision: usize,
    pub factor: f64,
    pub prefix: &'static str,
}

impl Scaler {
    pub fn format(&self, value: f64) -> String {
        format!("{:.*}{}", self.precision, value / self.factor, self.prefix)
    }
}

struct Step {
    factor: f64,
    prefix: &'static str,
    t100: f64,
    t10: f64,
    t1: f64,
}

fn decimal_steps() -> Vec<Step> {
    let mut exp = 12;
    ["T", "G", "M", "k", "", "m", "µ", "n"]
        .into_iter()
        .map(|prefix| {
            let threshold = |mantissa: &str| {
                format!("{mantissa}e{exp}")
                    .parse::<f64>()
                    .unwrap_or(f64::INFINITY)
            };
            let step = Step {
                factor: 10f64.powi(exp),
                prefix,
                t100: threshold("99.995"),
                t10: threshold("9.9995"),
                t1: threshold(".99995"),
            };
            exp -= 3;
            step
        })
        .collect()
}

fn binary_steps() -> Vec<Step> {
    let mut exp = 40;
    ["Ti", "Gi", "Mi", "Ki", ""]
        .into_iter()
        .map(|prefix| {
            let step = Step {
                factor: 2f64.powi(exp),
                prefix,
                t100: 99.995 * 2f64.powi(exp),
                t10: 9.9995 * 2f64.powi(exp),
                t1: 0.99995 * 2f64.powi(exp),
            };
            exp -= 10;
            step
        })
        .collect()
}

/// The steps of each class, worked out once: a comparison scales every row.
static DECIMAL_STEPS: LazyLock<Vec<Step>> = LazyLock::new(decimal_steps);
static BINARY_STEPS: LazyLock<Vec<Step>> = LazyLock::new(binary_steps);

/// The scale shared by `values` (their smallest non-zero magnitude decides it).
pub fn common_scale(values: &[f64], class: Class) -> Scaler {
    let min = values
        .iter()
        .map(|v| v.abs())
        .filter(|v| *v != 0.0)
        .fold(0.0_f64, |m, v| if m == 0.0 || v < m { v } else { m });
    if min == 0.0 {
        return Scaler {
            precision: 3,
            factor: 1.0,
            prefix: "",
        };
    }
    let steps: &[Step] = match class {
        Class::Decimal => &DECIMAL_STEPS,
        Class::Binary => &BINARY_STEPS,
    };
    for step in steps {
        if min >= step.t100 {
            return Scaler {
                precision: 1,
                factor: step.factor,
                prefix: step.prefix,
            };
        }
        if min >= step.t10 {
            return Scaler {
                precision: 2,
                factor: step.factor,
                prefix: step.prefix,
            };
        }
        if min >= step.t1 {
            return Scaler {
                precision: 3,
                factor: step.factor,
                prefix: step.prefix,
            };
        }
    }
    let last = &steps[steps.len() - 1];
    let value = min / last.factor;
    for i in 0..8 {
        let threshold = format!("9.9995e{}", -1 - i as i32)
            .parse::<f64>()
            .unwrap_or(0.0);
        if value >= threshold || i == 7 {
            return Scaler {
                precision: i + 3,
                factor: last.factor,
                prefix: last.prefix,
            };
        }
    }
    unreachable!("the loop returns at its last step")
}

/// One value on its own scale.
pub fn scale(value: f64, class: Class) -> String {
    common_scale(&[value], class).format(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_as_benchstat_prints_them() {
        // Medians are taken of tidied samples, as benchstat does: 1200 and 1205 ns/op.
        let median = 1200.0 * 1e-9 + 0.5 * (1205.0 * 1e-9 - 1200.0 * 1e-9);
        assert_eq!(scale(median, Class::Decimal), "1.203µ");
        assert_eq!(scale(64.0, Class::Binary), "64.00");
        assert_eq!(scale(2.0, Class::Decimal), "2.000");
        assert_eq!(scale(123_456.0, Class::Decimal), "123.5k");
        assert_eq!(scale(3.0 * 1024.0 * 1024.0, Class::Binary), "3.000Mi");
        assert_eq!(scale(0.0, Class::Decimal), "0.000");
        assert_eq!(scale(4.2e-11, Class::Decimal), "0.04200n");
        let row = common_scale(&[1.2e-6, 9.8e-7], Class::Decimal);
        assert_eq!(
            (row.format(1.2e-6), row.format(9.8e-7)),
            ("1200.0n".to_owned(), "980.0n".to_owned())
        );
    }

    #[test]
    fn units_are_tidied_and_classed() {
        assert_eq!(tidy("ns/op"), ("sec/op".to_owned(), 1e-9));
        assert_eq!(tidy("MB/s"), ("B/s".to_owned(), 1e6));
        assert_eq!(tidy("ns/iter"), ("sec/iter".to_owned(), 1e-9));
        assert_eq!(tidy("allocs/op").0, "allocs/op");
        assert_eq!(class_of("B/op"), Class::Binary);
        assert_eq!(class_of("B/s"), Class::Binary);
        assert_eq!(class_of("sec/op"), Class::Decimal);
        assert_eq!(class_of("allocs/op"), Class::Decimal);
    }
}
