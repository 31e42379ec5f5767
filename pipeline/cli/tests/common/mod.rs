//! Shared by the end-to-end tests: the seed corpus.

use std::path::{Path, PathBuf};

/// Whether a file of `data/raw` is one of the seed articles (or a seed's
/// sidecar): every input except the compressed corpora (the UN General
/// Debate Corpus, 10,952 speeches), which `make test-consumer` builds with
/// everything else; and not the directory's README.
pub fn is_seed(name: &str) -> bool {
    name != "README.md" && ![".jsonl.zst", ".jsonl.gz"].iter().any(|c| name.contains(c))
}

/// The seed files of `data/raw` under `repo`, sorted by name.
pub fn seed_files(repo: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo.join("data/raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| is_seed(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// Copies the seed files to `to` (created) and returns it.
pub fn seed_raw(repo: &Path, to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for f in seed_files(repo) {
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
    to.to_path_buf()
}
