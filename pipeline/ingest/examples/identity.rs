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

mod corpus {
    include!("common/corpus.rs");
}
use corpus::{corpus_files, cpu_ns, read_with_sidecar};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: identity DIR [FIRST_N]");
        std::process::exit(2);
    };
    let files = corpus_files(Path::new(dir), args.get(1).and_then(|n| n.parse().ok()));
    let data: Vec<(String, Vec<u8>, Option<Vec<u8>>)> = files
        .iter()
        .map(|(rel, p)| {
            let (bytes, side) = read_with_sidecar(p);
            (rel.clone(), bytes, side)
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
