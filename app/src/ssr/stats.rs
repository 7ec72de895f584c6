//! Statistics of benchmark samples, by benchstat's method: the median with a
//! distribution-free confidence interval from order statistics, the two-sided
//! Mann-Whitney U test (exact for small samples, ties included), and the geometric mean.
//! Rounding follows the same operations so that figures equal what benchstat prints.

pub mod benchunit;
pub mod mathx;
pub mod normal;
pub mod quantile_ci;
pub mod summary;
pub mod utest;

#[cfg(test)]
mod independent_tests;
