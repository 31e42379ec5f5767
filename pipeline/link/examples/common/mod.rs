//! What the examples share: the knowledge base read from a directory.

use orbita_link::Kb;
use std::path::{Path, PathBuf};

/// The knowledge-base files under `dir` (but `tools/`), as (path relative to `root`, contents).
fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("read kb dir").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if p.is_dir() {
            if rel != "tools" {
                collect(&p, root, out);
            }
        } else if [".tsv", ".csv", ".toml"].iter().any(|e| rel.ends_with(e)) {
            out.push((rel, std::fs::read_to_string(&p).expect("read kb file")));
        }
    }
}

/// The knowledge base in `dir`, sorted by relative path; exits with the error when it does not parse.
pub fn load_kb(dir: &Path) -> Kb {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Kb::parse(&refs).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    })
}
