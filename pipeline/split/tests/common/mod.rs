//! Helpers shared by the integration tests: locating the evaluation sets and
//! checking the span contract of `orbita_split::split`.

#![allow(dead_code)]

use std::ops::Range;
use std::path::PathBuf;

/// `../shared/eval` relative to the repository root (present in CI).
pub fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Asserts the contract of `split`: ranges in order, on character
/// boundaries, non-empty, trimmed, non-overlapping, only whitespace between
/// and around them (so every non-whitespace character is covered).
pub fn check_contract(text: &str, spans: &[Range<usize>]) {
    let mut prev = 0usize;
    for r in spans {
        assert!(r.start < r.end, "empty span {r:?} in {text:?}");
        assert!(
            r.start >= prev,
            "span {r:?} overlaps or is out of order in {text:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "span {r:?} splits a character in {text:?}"
        );
        assert!(
            text[prev..r.start].chars().all(char::is_whitespace),
            "non-whitespace between sentences before {r:?} in {text:?}"
        );
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "span {r:?} is not trimmed in {text:?}");
        prev = r.end;
    }
    assert!(
        text[prev..].chars().all(char::is_whitespace),
        "non-whitespace after the last sentence in {text:?}"
    );
}
