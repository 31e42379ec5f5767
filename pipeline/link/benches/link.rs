//! Single-thread throughput of the entity linker on real text, in MB/s
//! (criterion `Throughput::Bytes`): `Linker::link` with sentence ranges
//! computed beforehand, and the knowledge base loaded from `data/kb`.
//! `white_house` is timed by the wall clock; `white_house_cpu_time` by the
//! thread's CPU clock, which is what to read on a busy shared machine.
//!
//! The sample is a deterministic spread of ~8 MB of Markdown files from the
//! White House corpus: the directory in `ORBITA_BENCH_CORPUS` (default
//! `/tmp/wh/whitehouse`; unpack it with
//! `tar --zstd -xf ../shared/corpora/whitehouse-2021-2026.tar.zst -C /tmp/wh`).
//! Without the corpus the bench prints a message and measures nothing.
//!
//! ```text
//! cargo bench -p orbita-link --bench link
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use orbita_link::{Kb, Linker};
use orbita_text::Date;
use std::hint::black_box;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "../../split/benches/common/corpus.rs"]
mod corpus;

const SAMPLE_BYTES: usize = 8_000_000;

fn files(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("tools") {
                files(&path, ext, out);
            }
        } else if path.extension().is_some_and(|e| ext.iter().any(|x| e == *x)) {
            out.push(path);
        }
    }
}

fn load_kb() -> Kb {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb");
    let mut paths = Vec::new();
    files(&root, &["tsv", "csv", "toml"], &mut paths);
    let mut loaded: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    loaded.sort();
    let refs: Vec<(&str, &str)> = loaded.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Kb::parse(&refs).expect("data/kb parses")
}

fn sample(dir: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    files(dir, &["md"], &mut paths);
    corpus::sample_texts(paths, 2000, SAMPLE_BYTES)
}

fn bench(c: &mut Criterion) {
    let dir = std::env::var_os("ORBITA_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/wh/whitehouse"));
    let texts = sample(&dir);
    if texts.is_empty() {
        eprintln!("link bench: no Markdown files under {} (set ORBITA_BENCH_CORPUS); skipped", dir.display());
        return;
    }
    let kb = load_kb();
    let linker = Linker::new(&kb);
    let docs: Vec<(&str, Vec<Range<usize>>)> = texts.iter().map(|t| (t.as_str(), orbita_split::split(t))).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let date = Some(Date::new(2024, 6, 1).unwrap());
    let mentions: usize = docs.iter().map(|(t, s)| linker.link(t, s, date).len()).sum();
    eprintln!(
        "link bench: {} documents, {bytes} bytes, {mentions} mentions, {} patterns",
        docs.len(),
        linker.pattern_count()
    );
    let mut group = c.benchmark_group("link");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.warm_up_time(Duration::from_secs(2));
    group.bench_function("white_house", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, s) in &docs {
                n += linker.link(black_box(t), s, date).len();
            }
            n
        })
    });
    // The same work timed by the thread's CPU clock (Linux schedstat), so that
    // other processes on a shared machine do not count against the linker.
    if cpu_time().is_some() {
        group.bench_function("white_house_cpu_time", |b| {
            b.iter_custom(|iters| {
                let t0 = cpu_time().unwrap();
                for _ in 0..iters {
                    for (t, s) in &docs {
                        black_box(linker.link(black_box(t), s, date));
                    }
                }
                cpu_time().unwrap() - t0
            })
        });
    }
    group.finish();
}

/// CPU time of the current thread, from `/proc/thread-self/schedstat` (Linux).
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

criterion_group!(benches, bench);
criterion_main!(benches);
