//! The stored form of a parse, compact and quick to load: benchmark samples as raw `f64`s,
//! and every name, unit and configuration written once in a string table, instead of JSON
//! that repeats the configuration of every result and spells each sample in decimal. What is
//! small (format, skipped lines, warnings, metric families) stays JSON inside.
//!
//! Layout: `TRP1`, a `u32` length and that much JSON (the [`Header`]), then for benchmarks:
//! the strings (`u32` count, each `u32` length and UTF-8), the configurations (`u32` count,
//! each `u32` pairs of two string indexes), and the results (`u32` count, each name, unit and
//! configuration index, a flags byte and `u32` samples of little-endian `f64`). Integers are
//! little-endian `u32`.

use super::exposition::MetricFamily;
use super::gobench::name_parts;
use super::{BenchResult, Config, Format, Parsed, Results, Skipped, Warning};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"TRP1";
const EXACT: u8 = 1;
const GO_NAME: u8 = 2;

/// Everything but the benchmark results.
#[derive(Serialize, Deserialize)]
struct Header {
    format: Format,
    lines_read: usize,
    skipped: Vec<Skipped>,
    #[serde(default)]
    warnings: Vec<Warning>,
    /// The metric families, or `None` for benchmarks (which follow the header).
    metrics: Option<Vec<MetricFamily>>,
}

/// Why stored bytes could not be read back.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("stored evidence is not in the packed form: {0}")]
pub struct Corrupt(String);

fn put_u32(out: &mut Vec<u8>, v: usize) -> Result<(), Corrupt> {
    let v = u32::try_from(v).map_err(|_| Corrupt(format!("{v} does not fit 32 bits")))?;
    out.extend_from_slice(&v.to_le_bytes());
    Ok(())
}

/// Writes `parsed` in the packed form.
pub fn pack(parsed: &Parsed) -> Result<Vec<u8>, Corrupt> {
    let header = Header {
        format: parsed.format,
        lines_read: parsed.lines_read,
        skipped: parsed.skipped.clone(),
        warnings: parsed.warnings.clone(),
        metrics: match &parsed.results {
            Results::Metrics(m) => Some(m.clone()),
            Results::Benchmarks(_) => None,
        },
    };
    let json = serde_json::to_vec(&header).map_err(|e| Corrupt(e.to_string()))?;
    let mut out = Vec::with_capacity(json.len() + 64);
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, json.len())?;
    out.extend_from_slice(&json);
    let Results::Benchmarks(results) = &parsed.results else {
        return Ok(out);
    };
    // Strings once each, in order of appearance; configurations likewise.
    let mut table: Vec<&str> = Vec::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut configs: Vec<&[(String, String)]> = Vec::new();
    let mut config_index: FxHashMap<&[(String, String)], usize> = FxHashMap::default();
    let mut rows: Vec<(usize, usize, usize)> = Vec::with_capacity(results.len());
    for r in results {
        let mut intern_str = |s| match index.get(s) {
            Some(&i) => i,
            None => {
                index.insert(s, table.len());
                table.push(s);
                table.len() - 1
            }
        };
        let name = intern_str(r.name.as_str());
        let unit = intern_str(r.unit.as_str());
        for (k, v) in r.config.iter() {
            intern_str(k.as_str());
            intern_str(v.as_str());
        }
        let config = match config_index.get(&*r.config) {
            Some(&i) => i,
            None => {
                config_index.insert(&*r.config, configs.len());
                configs.push(&*r.config);
                configs.len() - 1
            }
        };
        rows.push((name, unit, config));
    }
    put_u32(&mut out, table.len())?;
    for s in &table {
        put_u32(&mut out, s.len())?;
        out.extend_from_slice(s.as_bytes());
    }
    put_u32(&mut out, configs.len())?;
    for config in &configs {
        put_u32(&mut out, config.len())?;
        for (k, v) in config.iter() {
            put_u32(&mut out, index[k.as_str()])?;
            put_u32(&mut out, index[v.as_str()])?;
        }
    }
    put_u32(&mut out, results.len())?;
    for (r, (name, unit, config)) in results.iter().zip(rows) {
        put_u32(&mut out, name)?;
        put_u32(&mut out, unit)?;
        put_u32(&mut out, config)?;
        let mut flags = 0;
        if r.exact {
            flags |= EXACT;
        }
        if r.parts.is_some() {
            flags |= GO_NAME;
        }
        out.push(flags);
        put_u32(&mut out, r.samples.len())?;
        for v in &r.samples {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    Ok(out)
}

/// A reader over packed bytes that fails instead of panicking on short input.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| Corrupt(format!("cut short at byte {}", self.at)))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<usize, Corrupt> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// A count of items at least `each` bytes long, checked against what is left.
    fn count(&mut self, each: usize) -> Result<usize, Corrupt> {
        let n = self.u32()?;
        if n.saturating_mul(each) > self.bytes.len() - self.at {
            return Err(Corrupt(format!("{n} items cannot fit in what is left")));
        }
        Ok(n)
    }
}

/// Whether `bytes` are in the packed form (rather than the JSON earlier releases stored).
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Reads back what [`pack`] wrote.
pub fn unpack(bytes: &[u8]) -> Result<Parsed, Corrupt> {
    if !is_packed(bytes) {
        return Err(Corrupt("no TRP1 mark".into()));
    }
    let mut r = Reader { bytes, at: 4 };
    let len = r.u32()?;
    let header: Header =
        serde_json::from_slice(r.take(len)?).map_err(|e| Corrupt(format!("header: {e}")))?;
    let results = match header.metrics {
        Some(families) => Results::Metrics(families),
        None => {
            let n = r.count(4)?;
            let mut table: Vec<&str> = Vec::with_capacity(n);
            for _ in 0..n {
                let len = r.u32()?;
                let text = std::str::from_utf8(r.take(len)?)
                    .map_err(|e| Corrupt(format!("string table: {e}")))?;
                table.push(text);
            }
            let string = |i: usize| {
                table
                    .get(i)
                    .copied()
                    .ok_or_else(|| Corrupt(format!("string {i} of {}", table.len())))
            };
            let n = r.count(4)?;
            let mut configs: Vec<Config> = Vec::with_capacity(n);
            for _ in 0..n {
                let pairs = r.count(8)?;
                let mut config = Vec::with_capacity(pairs);
                for _ in 0..pairs {
                    let (k, v) = (r.u32()?, r.u32()?);
                    config.push((string(k)?.to_owned(), string(v)?.to_owned()));
                }
                configs.push(config.into());
            }
            let n = r.count(17)?;
            let mut results = Vec::with_capacity(n);
            for _ in 0..n {
                let (name, unit, config) = (r.u32()?, r.u32()?, r.u32()?);
                let flags = r.take(1)?[0];
                let count = r.count(8)?;
                let samples = r
                    .take(count * 8)?
                    .chunks_exact(8)
                    .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
                    .collect();
                let name = string(name)?.to_owned();
                results.push(BenchResult {
                    parts: (flags & GO_NAME != 0).then(|| name_parts(&name)),
                    name,
                    unit: string(unit)?.to_owned(),
                    samples,
                    config: configs
                        .get(config)
                        .cloned()
                        .ok_or_else(|| Corrupt(format!("configuration {config}")))?,
                    exact: flags & EXACT != 0,
                });
            }
            Results::Benchmarks(results)
        }
    };
    if r.at != bytes.len() {
        return Err(Corrupt(format!("{} bytes left over", bytes.len() - r.at)));
    }
    Ok(Parsed {
        format: header.format,
        lines_read: header.lines_read,
        results,
        skipped: header.skipped,
        warnings: header.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::evidence::parse;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/benchstat");

    #[test]
    fn every_fixture_reads_back_the_same() {
        let mut checked = 0;
        for entry in std::fs::read_dir(FIXTURES).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(parsed) = parse(Format::GoBench, &text) else {
                continue;
            };
            let packed = pack(&parsed).unwrap();
            assert_eq!(unpack(&packed).unwrap(), parsed, "{}", path.display());
            checked += 1;
        }
        assert!(checked >= 4, "only {checked} fixtures read");
        let metrics = parse(
            Format::Prometheus,
            "# TYPE up gauge\nup 1\n# TYPE t counter\nt_total{a=\"b\"} 3\n",
        )
        .unwrap();
        assert_eq!(unpack(&pack(&metrics).unwrap()).unwrap(), metrics);
    }

    #[test]
    fn samples_keep_every_bit() {
        let text = "BenchmarkX 1 0.1 ns/op\nBenchmarkX 1 1e-300 ns/op\nBenchmarkX 1 -0 ns/op\nBenchmarkX 1 123456789.123456789 ns/op\n";
        let parsed = parse(Format::GoBench, text).unwrap();
        let back = unpack(&pack(&parsed).unwrap()).unwrap();
        let (Results::Benchmarks(a), Results::Benchmarks(b)) = (&parsed.results, &back.results)
        else {
            panic!()
        };
        let bits = |r: &[BenchResult]| r[0].samples.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(a), bits(b));
    }

    #[test]
    fn damaged_bytes_are_refused_not_panicked_on() {
        let parsed = parse(
            Format::GoBench,
            "goos: linux\nBenchmarkX-8 1 5 ns/op 3 B/op\n",
        )
        .unwrap();
        let packed = pack(&parsed).unwrap();
        for cut in 0..packed.len() {
            assert!(unpack(&packed[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert!(unpack(&longer).is_err());
        let mut huge = packed.clone();
        let at = huge.len() - 8 - 4;
        huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(unpack(&huge).is_err());
    }

    #[test]
    fn a_large_run_packs_to_a_third_of_its_text() {
        let mut text = String::from(
            "goos: linux\ngoarch: amd64\npkg: example.com/big\ncpu: Intel(R) Xeon(R) CPU @ 2.20GHz\n",
        );
        for i in 0..2000 {
            for run in 0..10 {
                text.push_str(&format!(
                    "BenchmarkCodec/case={i}/size=1024-8\t{}\t{}.{run} ns/op\t{} B/op\t{} allocs/op\n",
                    100_000 + run,
                    1000 + i,
                    64 + i % 7,
                    2 + i % 3
                ));
            }
        }
        let parsed = parse(Format::GoBench, &text).unwrap();
        let packed = pack(&parsed).unwrap();
        let json = serde_json::to_vec(&parsed).unwrap();
        let (p, t, j) = (packed.len() as f64, text.len() as f64, json.len() as f64);
        assert!(p < 0.5 * t, "packed {p} vs text {t}");
        assert!(p < j / 3.0, "packed {p} vs JSON {j}");
    }
}
