//! How the benches time: the median of `runs` timed calls after one warm-up call.

use std::time::{Duration, Instant};

pub fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
