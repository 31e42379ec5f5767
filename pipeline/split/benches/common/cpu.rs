//! This thread's CPU time, for timings that hold on a busy machine. Included with `#[path]` by
//! the splitter's benchmark and by `examples/sbd_predict.rs`.

/// Nanoseconds this thread has run on a CPU, where the kernel tells (Linux
/// `/proc/thread-self/schedstat`).
pub fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
