//! What the examples share: the knowledge base read from a directory.

use orbita_link::Kb;
use std::path::Path;

include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/common/kb_files.rs"));

/// The knowledge base in `dir`, sorted by relative path; exits with the error when it does not parse.
pub fn load_kb(dir: &Path) -> Kb {
    let files = kb_files(dir);
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Kb::parse(&refs).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    })
}
