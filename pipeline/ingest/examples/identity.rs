//! Output identity and CPU time of ingest + split over a whole corpus:
//! `cargo run --release -p orbita-ingest --example identity -- DIR [FIRST_N]`.
//!
//! Walks DIR in sorted order as the build does (hidden names skipped,
//! `<file>.meta.yaml` read as the file's sidecar, not as an input), reads
//! every file into memory, then parses each with `orbita_ingest::parse` and
//! splits every parsed text with `orbita_split::split`. Prints one SHA-256
//! over the `Debug` form of every record and reject and the sentence ranges
//! of each text (the value to compare before and after a change), and the
//! CPU time of the parse and split loops (file reading excluded). With
//! FIRST_N, only the first N files are used (a subset for callgrind).

use orbita_ingest::{parse, Input, Limits};
use sha2::{Digest, Sha256};
use std::path::Path;

const SIDECAR_SUFFIX: &str = ".meta.yaml";

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, std::path::PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            out.push((rel, p));
        }
    }
}

/// Nanoseconds this thread has spent on a CPU (Linux), so timings hold on a busy machine.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: identity DIR [FIRST_N]");
        std::process::exit(2);
    };
    let root = Path::new(dir);
    let mut files = vec![];
    walk(root, root, &mut files);
    files.sort();
    let present: std::collections::BTreeSet<String> = files.iter().map(|f| f.0.clone()).collect();
    files.retain(|(rel, _)| rel.strip_suffix(SIDECAR_SUFFIX).is_none_or(|main| !present.contains(main)));
    if let Some(n) = args.get(1).and_then(|n| n.parse().ok()) {
        files.truncate(n);
    }
    let data: Vec<(String, Vec<u8>, Option<Vec<u8>>)> = files
        .iter()
        .map(|(rel, p)| {
            let side = std::fs::read(format!("{}{SIDECAR_SUFFIX}", p.display())).ok();
            (rel.clone(), std::fs::read(p).unwrap_or_default(), side)
        })
        .collect();
    let bytes: usize = data.iter().map(|d| d.1.len()).sum();
    let limits = Limits::default();

    let t0 = cpu_ns();
    let parsed: Vec<_> =
        data.iter().map(|(path, b, side)| parse(&Input { path, bytes: b, sidecar: side.as_deref() }, &limits)).collect();
    let t1 = cpu_ns();
    let spans: Vec<Vec<_>> = parsed.iter().flatten().flatten().map(|p| orbita_split::split(&p.text)).collect();
    let t2 = cpu_ns();

    let mut h = Sha256::new();
    let mut spans = spans.iter();
    let (mut docs, mut rejects) = (0, 0);
    for ((path, _, _), out) in data.iter().zip(&parsed) {
        h.update(format!("@@ {path}\n"));
        for r in out {
            h.update(format!("{r:?}\n"));
            match r {
                Ok(_) => {
                    docs += 1;
                    h.update(format!("{:?}\n", spans.next().expect("one split per document")));
                }
                Err(_) => rejects += 1,
            }
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("{} files, {bytes} bytes, {docs} documents, {rejects} rejects", data.len());
    println!("cpu: parse {:.3} s, split {:.3} s", (t1 - t0) as f64 / 1e9, (t2 - t1) as f64 / 1e9);
    println!("identity {hex}");
}
