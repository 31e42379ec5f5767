//! Ingest speed: `parse` over the seed articles and the White House
//! fixtures (`cargo bench -p orbita-ingest`). Set `ORBITA_BENCH_CORPUS` to
//! a directory (e.g. the unpacked White House corpus) to also time `parse`
//! over every supported file under it.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use orbita_ingest::{parse, Input, Limits};
use std::path::Path;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    for dir in [root.join("tests/fixtures"), root.join("../../data/raw")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if orbita_ingest::supported_extension(&name) {
                files.push((name, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn walk(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if orbita_ingest::supported_extension(&p.to_string_lossy()) {
            out.push((p.to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
        }
    }
}

fn bench(c: &mut Criterion) {
    let files = inputs();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("parse_fixtures", |b| {
        b.iter(|| {
            let mut n = 0;
            for (path, data) in &files {
                n += parse(&Input { path, bytes: data, sidecar: None }, &Limits::default()).len();
            }
            n
        })
    });
    if let Some(dir) = std::env::var_os("ORBITA_BENCH_CORPUS") {
        let mut corpus = vec![];
        walk(Path::new(&dir), &mut corpus);
        let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("parse_corpus", |b| {
            b.iter(|| corpus.iter().map(|(path, data)| parse(&Input { path, bytes: data, sidecar: None }, &Limits::default()).len()).sum::<usize>())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
