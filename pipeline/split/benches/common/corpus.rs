//! The benchmark sample of a corpus. Included with `#[path]` by the splitter's and the linker's
//! benchmarks (each walks the corpus its own way and keeps its own sample size).

use std::path::PathBuf;

/// Every k-th file of the sorted `paths` (k = the number of files / `docs`, at least 1), read
/// until `max_bytes` are in; files that cannot be read as UTF-8 text are passed over.
pub fn sample_texts(mut paths: Vec<PathBuf>, docs: usize, max_bytes: usize) -> Vec<String> {
    paths.sort();
    let step = (paths.len() / docs).max(1);
    let mut texts = Vec::new();
    let mut size = 0;
    for path in paths.iter().step_by(step) {
        if let Ok(text) = std::fs::read_to_string(path) {
            size += text.len();
            texts.push(text);
        }
        if size >= max_bytes {
            break;
        }
    }
    texts
}
