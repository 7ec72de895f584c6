//! What charts are drawn from and what they drew, kept by key, so that a chart asked for
//! again (by another reader, in another size, or as the next chart of the same comparison)
//! is not worked out twice. Bounded by count and bytes; the oldest goes first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

struct Entries<V> {
    by_key: HashMap<String, (Arc<V>, usize)>,
    order: VecDeque<String>,
    bytes: usize,
}

/// Shared by every request; cheap to clone. Keys name everything the value depends on, so
/// an entry never goes stale: a change makes a new key, and the old entry ages out.
pub struct Cache<V> {
    entries: Arc<Mutex<Entries<V>>>,
    max_entries: usize,
    max_bytes: usize,
}

impl<V> Clone for Cache<V> {
    fn clone(&self) -> Self {
        Cache {
            entries: self.entries.clone(),
            max_entries: self.max_entries,
            max_bytes: self.max_bytes,
        }
    }
}

impl<V> std::fmt::Debug for Cache<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Cache({} entries, {} bytes)",
            self.max_entries, self.max_bytes
        )
    }
}

impl<V> Cache<V> {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Cache {
            entries: Arc::new(Mutex::new(Entries {
                by_key: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
            })),
            max_entries,
            max_bytes,
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.by_key.get(key).map(|(value, _)| value.clone())
    }

    /// Keeps `value`, which takes about `bytes`; one larger than a quarter of the bound is
    /// not kept, so that it cannot push out everything else.
    pub fn put(&self, key: String, value: Arc<V>, bytes: usize) {
        if bytes > self.max_bytes / 4 {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.by_key.contains_key(&key) {
            return;
        }
        entries.bytes += bytes;
        entries.by_key.insert(key.clone(), (value, bytes));
        entries.order.push_back(key);
        while entries.order.len() > self.max_entries || entries.bytes > self.max_bytes {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some((_, gone)) = entries.by_key.remove(&oldest) {
                entries.bytes -= gone;
            }
        }
    }
}

/// Rendered charts by ETag: 512 of them, 64 MiB at most.
pub fn images() -> Cache<Vec<u8>> {
    Cache::new(512, 64 << 20)
}

/// Benchmark comparisons as the charts draw them, by ADR, evidence and base: a few, since
/// one at the size of a large CI run takes about 10 MB and a comparison to work out.
pub fn comparisons<V>() -> Cache<V> {
    Cache::new(8, 96 << 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_goes_first() {
        let cache = Cache::new(3, 100);
        for i in 0..4 {
            cache.put(format!("t{i}"), Arc::new(vec![0u8; 4]), 4);
        }
        assert!(cache.get("t0").is_none());
        assert!(cache.get("t1").is_some());
        assert_eq!(cache.get("t3").unwrap().len(), 4);
    }

    #[test]
    fn bytes_bound_it_too() {
        let cache = Cache::new(100, 100);
        for i in 0..5 {
            cache.put(format!("t{i}"), Arc::new(()), 25);
        }
        assert!(cache.get("t0").is_none(), "125 bytes are over the bound");
        assert!(cache.get("t4").is_some());
        cache.put("huge".into(), Arc::new(()), 26);
        assert!(cache.get("huge").is_none(), "over a quarter of the bound");
    }
}
