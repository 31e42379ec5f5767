//! Prints what `parse` makes of files given on the command line (with their
//! `.meta.yaml` sidecars): `cargo run -p orbita-ingest --example show -- FILE...`.
//! With `--summary DIR...` it walks directories and prints counts, rejects and timing instead
//! (with `SHOW_DUMP=1` set, every clean text after an `@@@@ path` line; with
//! `SHOW_REMOVED=1`, every removed item as `kind<TAB>path<TAB>text`).

use orbita_ingest::{parse, Input, Limits};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if !p.to_string_lossy().ends_with(".meta.yaml") {
            out.push(p);
        }
    }
}

/// Nanoseconds this thread has spent on a CPU (Linux), so timings hold on a busy machine.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--summary") {
        let mut files = vec![];
        for d in &args[1..] {
            walk(Path::new(d), &mut files);
        }
        files.sort();
        let data: Vec<(String, Vec<u8>)> =
            files.iter().map(|p| (p.to_string_lossy().into_owned(), std::fs::read(p).unwrap())).collect();
        let bytes: usize = data.iter().map(|d| d.1.len()).sum();
        let t = Instant::now();
        let cpu0 = cpu_ns();
        let (mut ok, mut bad, mut removed, mut out_bytes) = (0, 0, 0, 0);
        let mut rejects = vec![];
        for (path, b) in &data {
            for r in parse(&Input { path, bytes: b, sidecar: None }, &Limits::default()) {
                match r {
                    Ok(p) => {
                        ok += 1;
                        removed += p.removed.len();
                        out_bytes += p.text.len();
                    }
                    Err(e) => {
                        bad += 1;
                        rejects.push(format!("{path}: {e}"));
                    }
                }
            }
        }
        let dt = t.elapsed();
        let cpu = cpu_ns().zip(cpu0).map(|(a, b)| (a - b) as f64 / 1e9);
        if std::env::var_os("SHOW_REMOVED").is_some() {
            for (path, b) in &data {
                for p in parse(&Input { path, bytes: b, sidecar: None }, &Limits::default()).into_iter().flatten() {
                    for r in &p.removed {
                        if writeln!(std::io::stdout(), "{}\t{}\t{:?}", r.kind, path, r.text).is_err() {
                            return;
                        }
                    }
                }
            }
            return;
        }
        if std::env::var_os("SHOW_DUMP").is_some() {
            for (path, b) in &data {
                for p in parse(&Input { path, bytes: b, sidecar: None }, &Limits::default()).into_iter().flatten() {
                    if writeln!(std::io::stdout(), "@@@@ {path}\n{}", p.text).is_err() {
                        return; // closed pipe
                    }
                }
            }
            return;
        }
        println!("{} files, {bytes} bytes in, {out_bytes} bytes of text out, {ok} documents, {bad} rejects, {removed} removed items, {:.3} s wall ({:.0} MB/s, one thread)", data.len(), dt.as_secs_f64(), bytes as f64 / 1e6 / dt.as_secs_f64());
        if let Some(cpu) = cpu {
            println!("{cpu:.3} s on CPU: {:.0} MB/s per core", bytes as f64 / 1e6 / cpu);
        }
        for r in rejects.iter().take(20) {
            if writeln!(std::io::stdout(), "  {r}").is_err() {
                return;
            }
        }
        return;
    }
    for path in &args {
        let bytes = std::fs::read(path).unwrap();
        let sidecar = std::fs::read(format!("{path}.meta.yaml")).ok();
        for r in parse(&Input { path, bytes: &bytes, sidecar: sidecar.as_deref() }, &Limits::default()) {
            match r {
                Ok(p) => {
                    println!("== {path} record {} ({}, {}) {:?}", p.record, p.format.as_str(), p.encoding, p.meta);
                    for r in &p.removed {
                        println!("-- removed {}: {:?}", r.kind, r.text);
                    }
                    println!("{}", p.text);
                }
                Err(e) => println!("== {path}: REJECT {e}"),
            }
        }
    }
}
