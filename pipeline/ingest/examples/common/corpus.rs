// What the identity examples share (orbita-ingest's, and orbita-link's, which
// includes this file): the input files of a corpus as the build walks them,
// and the CPU time of the calling thread. Items only: it is `include!`d.

/// Suffix of a metadata sidecar: `a.txt` has its metadata in `a.txt.meta.yaml`.
pub const SIDECAR_SUFFIX: &str = ".meta.yaml";

fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, std::path::PathBuf)>) {
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

/// The input files under `root` in sorted order, as (relative path, path): hidden
/// names skipped, and a sidecar of a present file not an input; the first
/// `first_n` only, if given.
pub fn corpus_files(root: &std::path::Path, first_n: Option<usize>) -> Vec<(String, std::path::PathBuf)> {
    let mut files = vec![];
    walk(root, root, &mut files);
    files.sort();
    let present: std::collections::BTreeSet<String> = files.iter().map(|f| f.0.clone()).collect();
    files.retain(|(rel, _)| rel.strip_suffix(SIDECAR_SUFFIX).is_none_or(|main| !present.contains(main)));
    if let Some(n) = first_n {
        files.truncate(n);
    }
    files
}

/// The bytes of a file (empty if it cannot be read) and of its sidecar, if any.
pub fn read_with_sidecar(p: &std::path::Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let side = std::fs::read(format!("{}{SIDECAR_SUFFIX}", p.display())).ok();
    (std::fs::read(p).unwrap_or_default(), side)
}

/// Nanoseconds this thread has spent on a CPU (Linux), so timings hold on a busy machine.
pub fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
