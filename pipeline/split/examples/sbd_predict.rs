//! Prediction driver for `pipeline/eval/split_eval.py`: reads JSON lines
//! with a `"text"` field on stdin and writes, per line, `{"spans": [[start,
//! end], …]}` in CHARACTER offsets (so Python's `text[start:end]` is the
//! sentence).
//!
//! With `--repeat N` it also splits every text N more times and prints the
//! pure splitting throughput to stderr as `{"bytes": …, "seconds": …}`
//! (reading, JSON and output excluded), which the eval reports as MB/s.
//! `seconds` is the thread's CPU time (Linux `/proc/thread-self/schedstat`)
//! so that the figure holds on a busy machine; wall time elsewhere.
//!
//! ```text
//! echo '{"text":"Hi there. Bye."}' | cargo run --release -p orbita-split --example sbd_predict
//! {"spans":[[0,9],[10,14]]}
//! ```

use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

#[path = "../benches/common/cpu.rs"]
mod cpu;
use cpu::thread_cpu_ns as cpu_ns;

fn main() {
    let mut repeat = 0usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                eprintln!("sbd_predict: --repeat needs a number");
                std::process::exit(2)
            });
    }
    let stdin = std::io::stdin();
    let mut texts = Vec::new();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.unwrap_or_else(|e| {
            eprintln!("sbd_predict: cannot read stdin line {}: {e}", n + 1);
            std::process::exit(2)
        });
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| {
            eprintln!("sbd_predict: line {} is not JSON: {e}", n + 1);
            std::process::exit(2)
        });
        let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
            eprintln!("sbd_predict: line {} has no string field \"text\"", n + 1);
            std::process::exit(2)
        };
        texts.push(text.to_owned());
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for text in &texts {
        let spans = orbita_split::split(text);
        let mut bytes = Vec::with_capacity(spans.len() * 2);
        for r in &spans {
            bytes.push(r.start);
            bytes.push(r.end);
        }
        let chars = orbita_text::byte_to_char_offsets(text, &bytes);
        let pairs: Vec<[usize; 2]> = chars.chunks(2).map(|c| [c[0], c[1]]).collect();
        writeln!(out, "{}", serde_json::json!({ "spans": pairs })).expect("write stdout");
    }
    out.flush().expect("flush stdout");
    if repeat > 0 {
        let total: usize = texts.iter().map(String::len).sum::<usize>() * repeat;
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        let mut sink = 0usize;
        for _ in 0..repeat {
            for text in &texts {
                sink += std::hint::black_box(orbita_split::split(std::hint::black_box(text))).len();
            }
        }
        let wall = start.elapsed().as_secs_f64();
        let (secs, clock) = match (cpu_start, cpu_ns()) {
            (Some(a), Some(b)) if b > a => ((b - a) as f64 / 1e9, "thread_cpu"),
            _ => (wall, "wall"),
        };
        eprintln!(
            "{}",
            serde_json::json!({ "bytes": total, "seconds": secs, "clock": clock, "wall_seconds": wall, "sentences": sink })
        );
    }
}
