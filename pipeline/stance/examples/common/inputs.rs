//! The repository's reference data as the examples read it: the files of a directory, the rules
//! labeller of `data/lexicon`, the linker of `data/kb`, and the unpacked White House corpus.
//! Included with `#[path]` by the stance examples and by `orbita-model`'s `examples/common`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The regular files of `dir` whose names end in one of `exts`, sorted by name, as (name, content).
/// Panics naming the directory when it cannot be read.
pub fn dir_files(dir: &Path, exts: &[&str]) -> Vec<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| exts.iter().any(|x| n.ends_with(x)))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap_or_else(|e| panic!("reading {}: {e}", dir.join(&n).display()));
            (n, text)
        })
        .collect()
}

/// (name, content) pairs borrowed, as the labeller and the knowledge base take them.
pub fn refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// The rules labeller of `<root>/data/lexicon`.
pub fn rules(root: &Path) -> orbita_stance::RuleLabeller {
    let lex = dir_files(&root.join("data/lexicon"), &[".tsv", ".csv", ".toml"]);
    orbita_stance::RuleLabeller::from_files(&refs(&lex)).unwrap_or_else(|e| panic!("lexicon: {e}"))
}

/// The linker of `<root>/data/kb`.
pub fn linker(root: &Path) -> orbita_link::Linker {
    let kb = dir_files(&root.join("data/kb"), &[".tsv"]);
    orbita_link::Linker::new(&orbita_link::Kb::parse(&refs(&kb)).unwrap_or_else(|e| panic!("knowledge base: {e}")))
}

/// The White House corpus directory: `given` (`--whitehouse DIR`), else the shared archive
/// `<root>/../shared/corpora/whitehouse-2021-2026.tar.zst` unpacked once into the system temp dir.
pub fn whitehouse_dir(root: &Path, given: Option<String>) -> Result<PathBuf, String> {
    if let Some(d) = given {
        return Ok(PathBuf::from(d));
    }
    let dir = std::env::temp_dir().join("orbita-stance-eval-wh");
    let marker = dir.join("whitehouse");
    if !marker.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let tar = root.join("../shared/corpora/whitehouse-2021-2026.tar.zst");
        let status = std::process::Command::new("tar").arg("--zstd").arg("-xf").arg(&tar).arg("-C").arg(&dir).status();
        if !status.map(|s| s.success()).unwrap_or(false) {
            return Err(format!("cannot unpack {}", tar.display()));
        }
    }
    Ok(marker)
}
