//! The inputs the dataset tests build: the seed articles of data/raw plus a
//! slice of its UN General Debate Corpus (every 250th speech, 1946–2024, each
//! with its delegation as speaker), so a debug test build covers speakers,
//! many years and several sources without all 10,952 speeches (make
//! test-install builds all of data/raw and compares it with the lock).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Every this many speeches of the corpus, one goes into the slice.
pub const UN_STEP: usize = 250;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Writes the seeds and the UN slice into `dir` and returns it.
pub fn small_raw(dir: &Path) -> PathBuf {
    let raw = repo().join("data/raw");
    std::fs::create_dir_all(dir).unwrap();
    let mut corpus = None;
    for entry in std::fs::read_dir(&raw).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".jsonl.zst") {
            corpus = Some(path);
        } else if name != "README.md" && !name.ends_with(".jsonl.zst.meta.yaml") {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
    let corpus = corpus.expect("data/raw holds the UN General Debate Corpus");
    let reader = BufReader::new(zstd::stream::read::Decoder::new(std::fs::File::open(&corpus).unwrap()).unwrap());
    let mut out = std::fs::File::create(dir.join("ungdc-slice.jsonl")).unwrap();
    let mut kept = 0;
    for (i, line) in reader.lines().enumerate() {
        if i % UN_STEP == 0 {
            writeln!(out, "{}", line.unwrap()).unwrap();
            kept += 1;
        }
    }
    assert!(kept > 20, "the slice has speeches");
    let meta = corpus.with_file_name(format!("{}.meta.yaml", corpus.file_name().unwrap().to_string_lossy()));
    std::fs::copy(meta, dir.join("ungdc-slice.jsonl.meta.yaml")).unwrap();
    dir.to_path_buf()
}
