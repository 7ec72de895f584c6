//! Gives memory back to the operating system once a slow request has finished.
//!
//! Two allocators hold memory here. mimalloc, the binary's, keeps freed memory committed
//! for a second, and in its arenas for ten, and purges it only when a thread next
//! allocates. glibc's, which SQLite's C code allocates from on sqlx's connection threads
//! (a 20 MB evidence blob is read there), keeps freed chunks in its per-thread arenas for
//! good. An idle server that has just read a 15 MB upload or compared 60,000 results held
//! on to 280 MB after the CI-size benchmark (`server/benches/ci_size.py`).
//!
//! A request that allocated that much took a while: parsing, comparing or drawing a large
//! set. So after a request that took longer than [`SLOW`], the request's own thread, which
//! freed most of the memory, collects mimalloc's heap at once (1 to 7 ms, measured), and
//! glibc's arenas are trimmed. mimalloc's collection must run there: one on another thread
//! leaves this thread's free pages alone (tried: 190 MB stayed). mimalloc's own committed
//! counter cannot be the trigger instead, as it does not go down when memory is purged.
//! Ordinary page views take a few milliseconds and never pay for a collection.
//!
//! The price: the next large request faults its pages in again, some tens of milliseconds
//! on the CI-size ADR page. `MIMALLOC_PURGE_DELAY=0` costs as much, and purges on every
//! request.

use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// How long a request may take before its thread gives back what it freed.
const SLOW: Duration = Duration::from_millis(50);

/// The `from_fn` middleware: the response, and a collection after a slow request.
pub async fn give_back(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let response = next.run(request).await;
    if start.elapsed() >= SLOW {
        // SAFETY: neither takes a pointer, and both may be called from any thread at any
        // time: each takes its allocator's own locks.
        unsafe {
            libmimalloc_sys::mi_collect(true);
            malloc_trim(0);
        }
    }
    response
}

unsafe extern "C" {
    /// glibc's: returns the free memory of every arena to the system, keeping `pad` bytes.
    fn malloc_trim(pad: usize) -> i32;
}
