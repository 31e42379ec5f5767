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

mod corpus {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../ingest/examples/common/corpus.rs"));
}
use corpus::{corpus_files, cpu_ns, read_with_sidecar};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: identity DIR [FIRST_N]");
        std::process::exit(2);
    };
    let kb_dir = PathBuf::from(std::env::var("ORBITA_KB").unwrap_or_else(|_| "data/kb".into()));
    let kb = common::load_kb(&kb_dir);
    let linker = Linker::new(&kb);

    let files = corpus_files(Path::new(dir), args.get(1).and_then(|n| n.parse().ok()));
    let limits = Limits::default();
    let mut docs = Vec::new();
    for (path, p) in &files {
        let (bytes, side) = read_with_sidecar(p);
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
