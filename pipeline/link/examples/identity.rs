//! Output identity and CPU time of the linker over a whole corpus:
//! `cargo run --release -p orbita-link --example identity -- DIR [FIRST_N]`
//! (the knowledge base is read from `data/kb`, or from `ORBITA_KB`).
//!
//! Walks DIR in sorted order as the build does (hidden names skipped,
//! `<file>.meta.yaml` read as the file's sidecar, not as an input), parses
//! every file with `orbita_ingest::parse`, splits every text with
//! `orbita_split::split`, then links each with its date as the build does
//! (`date_from`, else `date_to`). Prints one SHA-256 over the `Debug` form
//! of every mention (the value to compare before and after a change) and
//! the CPU time of the link loop alone. With FIRST_N, only the first N files
//! are used (a subset for callgrind).

use orbita_ingest::{parse, Input, Limits};
mod common;

use orbita_link::Linker;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const SIDECAR_SUFFIX: &str = ".meta.yaml";

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
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
    let kb_dir = PathBuf::from(std::env::var("ORBITA_KB").unwrap_or_else(|_| "data/kb".into()));
    let kb = common::load_kb(&kb_dir);
    let linker = Linker::new(&kb);

    let root = Path::new(dir);
    let mut files = vec![];
    walk(root, root, &mut files);
    files.sort();
    let present: std::collections::BTreeSet<String> = files.iter().map(|f| f.0.clone()).collect();
    files.retain(|(rel, _)| rel.strip_suffix(SIDECAR_SUFFIX).is_none_or(|main| !present.contains(main)));
    if let Some(n) = args.get(1).and_then(|n| n.parse().ok()) {
        files.truncate(n);
    }
    let limits = Limits::default();
    let mut docs = Vec::new();
    for (path, p) in &files {
        let side = std::fs::read(format!("{}{SIDECAR_SUFFIX}", p.display())).ok();
        let bytes = std::fs::read(p).unwrap_or_default();
        for d in parse(&Input { path, bytes: &bytes, sidecar: side.as_deref() }, &limits).into_iter().flatten() {
            let spans = orbita_split::split(&d.text);
            docs.push((path.clone(), d.text, d.meta.date_from.or(d.meta.date_to), spans));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();

    let t0 = cpu_ns();
    let linked: Vec<_> = docs.iter().map(|(_, text, date, spans)| linker.link(text, spans, *date)).collect();
    let t1 = cpu_ns();

    let mut h = Sha256::new();
    for ((path, ..), mentions) in docs.iter().zip(&linked) {
        h.update(format!("@@ {path}\n"));
        for m in mentions {
            h.update(format!("{m:?}\n"));
        }
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let mentions: usize = linked.iter().map(Vec::len).sum();
    println!("{} files, {} documents, {bytes} bytes of text, {mentions} mentions", files.len(), docs.len());
    println!("cpu: link {:.3} s", (t1 - t0) as f64 / 1e9);
    println!("identity {hex}");
}
