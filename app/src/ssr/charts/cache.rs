//! Rendered charts kept by ETag, so that a chart asked for again (by another reader, or in
//! another size the page already drew) is not rendered twice. Bounded by count and bytes;
//! the oldest goes first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// The most charts, and bytes, kept.
const MAX_ENTRIES: usize = 512;
const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
struct Entries {
    by_tag: HashMap<String, Arc<Vec<u8>>>,
    order: VecDeque<String>,
    bytes: usize,
}

/// Shared by every request; cheap to clone.
#[derive(Clone, Default)]
pub struct ChartCache {
    entries: Arc<Mutex<Entries>>,
}

impl std::fmt::Debug for ChartCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChartCache")
    }
}

impl ChartCache {
    pub fn get(&self, tag: &str) -> Option<Arc<Vec<u8>>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.by_tag.get(tag).cloned()
    }

    pub fn put(&self, tag: String, body: Arc<Vec<u8>>) {
        if body.len() > MAX_BYTES / 4 {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.by_tag.contains_key(&tag) {
            return;
        }
        entries.bytes += body.len();
        entries.by_tag.insert(tag.clone(), body);
        entries.order.push_back(tag);
        while entries.order.len() > MAX_ENTRIES || entries.bytes > MAX_BYTES {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some(gone) = entries.by_tag.remove(&oldest) {
                entries.bytes -= gone.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_goes_first() {
        let cache = ChartCache::default();
        for i in 0..MAX_ENTRIES + 1 {
            cache.put(format!("t{i}"), Arc::new(vec![0; 4]));
        }
        assert!(cache.get("t0").is_none());
        assert!(cache.get("t1").is_some());
        assert_eq!(cache.get(&format!("t{MAX_ENTRIES}")).unwrap().len(), 4);
    }
}
