//! Throughput of orbita's sentence splitter on real text, side by side with
//! unicode-segmentation's UAX #29 sentence boundaries (`split_sentence_bounds`
//! and `unicode_sentences`), in MB/s (criterion `Throughput::Bytes`).
//!
//! Time is this thread's CPU time (Linux `/proc/thread-self/schedstat`;
//! wall time where that is missing, or with `ORBITA_BENCH_CLOCK=wall`), so
//! that the figures hold on a machine shared with other jobs; throughput is
//! printed in decimal MB/s.
//!
//! The sample is a deterministic spread of ~4 MB of Markdown files from the
//! White House corpus: the directory in `ORBITA_BENCH_CORPUS` (default
//! `/tmp/wh/whitehouse`; unpack it with
//! `tar --zstd -xf ../shared/corpora/whitehouse-2021-2026.tar.zst -C /tmp/wh`).
//! Without the corpus the bench prints a message and measures nothing.
//!
//! ```text
//! cargo bench -p orbita-split --bench split
//! ```

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/cpu.rs"]
mod cpu;
use cpu::thread_cpu_ns;

/// Criterion measurement: thread CPU time in nanoseconds (wall time as a fallback).
struct ThreadCpu {
    wall: bool,
}

impl ThreadCpu {
    fn new() -> Self {
        let wall = std::env::var("ORBITA_BENCH_CLOCK").is_ok_and(|v| v == "wall")
            || thread_cpu_ns().is_none();
        ThreadCpu { wall }
    }
}

impl Measurement for ThreadCpu {
    type Intermediate = (u64, std::time::Instant);
    type Value = u64;

    fn start(&self) -> Self::Intermediate {
        (
            if self.wall {
                0
            } else {
                thread_cpu_ns().unwrap_or(0)
            },
            std::time::Instant::now(),
        )
    }
    fn end(&self, (cpu, wall): Self::Intermediate) -> u64 {
        if self.wall {
            wall.elapsed().as_nanos() as u64
        } else {
            thread_cpu_ns().unwrap_or(cpu).saturating_sub(cpu)
        }
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NanosFormatter
    }
}

/// Formats nanoseconds as ms and throughput as decimal MB/s.
struct NanosFormatter;

impl ValueFormatter for NanosFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values {
            *v /= 1e6;
        }
        "ms"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (amount, unit) = match *throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (n as f64 / 1e6, "MB/s"),
            Throughput::Bits(n) => (n as f64 / 1e6, "Mbit/s"),
            Throughput::Elements(n) | Throughput::ElementsAndBytes { elements: n, .. } => {
                (n as f64, "elem/s")
            }
        };
        for v in values {
            *v = amount / (*v / 1e9);
        }
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

/// Size of the sample in bytes.
const SAMPLE_BYTES: usize = 4_000_000;

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every k-th file of the sorted corpus until the sample is full.
fn sample(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    markdown_files(dir, &mut files);
    corpus::sample_texts(files, 1000, SAMPLE_BYTES)
}

fn bench(c: &mut Criterion<ThreadCpu>) {
    let dir = std::env::var_os("ORBITA_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/wh/whitehouse"));
    let texts = sample(&dir);
    if texts.is_empty() {
        eprintln!(
            "split bench: no Markdown files under {} (set ORBITA_BENCH_CORPUS or unpack the White House corpus); skipping",
            dir.display()
        );
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "split bench: {} files, {:.2} MB from {}",
        texts.len(),
        bytes as f64 / 1e6,
        dir.display()
    );

    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(5));
    group.bench_function("orbita_split", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| orbita_split::split(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("uax29_split_sentence_bounds", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(t).split_sentence_bounds().count())
                .sum::<usize>()
        })
    });
    group.bench_function("uax29_unicode_sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(t).unicode_sentences().count())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpu::new());
    targets = bench
}
criterion_main!(benches);
