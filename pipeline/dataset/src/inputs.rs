//! Finding and reading the input files of a build: the raw corpus, the
//! knowledge base and the lexicon.

use crate::manifest::InputEntry;
use crate::schema::hex;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// Suffix of a metadata sidecar: `a.txt` has its metadata in `a.txt.meta.yaml`.
pub const SIDECAR_SUFFIX: &str = ".meta.yaml";

/// A candidate input under the raw directory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawEntry {
    /// Path relative to the raw directory, with `/` separators.
    pub rel: String,
    /// Full path.
    pub path: PathBuf,
    /// Why it cannot be read as a file, found while walking (a symlink
    /// loop, a link to a directory, an unreadable directory).
    pub problem: Option<String>,
    /// The walk saw its metadata sidecar (`rel` + [`SIDECAR_SUFFIX`]), so
    /// the build reads it; an input without one needs no second lookup.
    pub sidecar: bool,
}

/// The raw directory's own description (`data/raw/README.md`: what the
/// inputs are, their sources and licences): documentation, not an input.
pub const RAW_README: &str = "README.md";

/// Walks `root` recursively in sorted order. Hidden entries (names starting
/// with `.`) are skipped, and so is [`RAW_README`] at the top of `root`, and so are metadata sidecars whose document
/// exists; a sidecar without its document is returned so that it is
/// rejected. Symbolic links to files are followed; links to directories
/// and broken or looping links are returned with a problem.
pub fn walk_raw(root: &Path) -> std::io::Result<Vec<RawEntry>> {
    let mut out = Vec::new();
    walk(root, root, &mut out)?;
    out.sort();
    let present: std::collections::BTreeSet<String> = out.iter().map(|e| e.rel.clone()).collect();
    out.retain(|e| match e.rel.strip_suffix(SIDECAR_SUFFIX) {
        Some(main) => !present.contains(main),
        None => true,
    });
    for e in &mut out {
        e.sidecar = present.contains(&format!("{}{SIDECAR_SUFFIX}", e.rel));
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<RawEntry>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || (dir == root && name == RAW_README) {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let ft = entry.file_type()?;
        if ft.is_dir() {
            if let Err(e) = walk(root, &path, out) {
                out.push(RawEntry { rel, path, problem: Some(format!("directory cannot be read: {e}")), sidecar: false });
            }
        } else if ft.is_symlink() {
            match fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(RawEntry { rel, path, problem: None, sidecar: false }),
                Ok(m) if m.is_dir() => out.push(RawEntry {
                    rel,
                    path,
                    problem: Some("symbolic link to a directory; orbita does not follow directory links".into()),
                    sidecar: false,
                }),
                Ok(_) => {
                    out.push(RawEntry { rel, path, problem: Some("symbolic link to something that is not a file".into()), sidecar: false })
                }
                Err(e) => out.push(RawEntry { rel, path, problem: Some(format!("broken or looping symbolic link: {e}")), sidecar: false }),
            }
        } else if ft.is_file() {
            out.push(RawEntry { rel, path, problem: None, sidecar: false });
        } else {
            out.push(RawEntry { rel, path, problem: Some("not a regular file (a socket, FIFO or device)".into()), sidecar: false });
        }
    }
    Ok(())
}

/// SHA-256 (hex) of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Reference data files (knowledge base, lexicon): every regular file under
/// `root` ending in one of `exts`, excluding a `tools/` directory, sorted by
/// relative path, with their contents.
pub fn read_reference(root: &Path, exts: &[&str]) -> std::io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    collect_reference(root, root, exts, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect_reference(root: &Path, dir: &Path, exts: &[&str], out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    let listing = fs::read_dir(dir).map_err(|e| {
        if dir == root {
            e
        } else {
            std::io::Error::new(e.kind(), format!("{}: {e}", dir.display()))
        }
    })?;
    for entry in listing {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if name != "tools" {
                collect_reference(root, &path, exts, out)?;
            }
        } else if exts.iter().any(|x| name.ends_with(x)) {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(&path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            out.push((rel, text));
        }
    }
    Ok(())
}

/// Manifest entries for reference files.
pub fn reference_entries(files: &[(String, String)]) -> Vec<InputEntry> {
    files
        .iter()
        .map(|(rel, text)| InputEntry { path: rel.clone(), sha256: sha256_hex(text.as_bytes()), bytes: text.len() as u64 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_marks_inputs_whose_sidecar_it_saw() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        for (name, body) in [
            ("a.txt", "a"),
            ("a.txt.meta.yaml", "title: A\n"),
            ("b.md", "b"),
            ("sub/c.txt", "c"),
            ("sub/c.txt.meta.yaml", "title: C\n"),
            ("orphan.txt.meta.yaml", "title: none\n"),
            (".hidden.txt", "h"),
            ("README.md", "# what the inputs are"),
            ("sub/README.md", "an input like any other"),
            (".hidden.txt.meta.yaml", "title: H\n"),
        ] {
            fs::write(root.join(name), body).unwrap();
        }
        let got: Vec<(String, bool)> = walk_raw(root).unwrap().into_iter().map(|e| (e.rel, e.sidecar)).collect();
        let want = [("a.txt", true), ("b.md", false), ("orphan.txt.meta.yaml", false), ("sub/README.md", false), ("sub/c.txt", true)];
        assert_eq!(got, want.map(|(r, s)| (r.to_string(), s)));
    }
}
