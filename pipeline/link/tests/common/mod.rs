//! Loads the repository's knowledge base (data/kb) the way the table layer does.

use orbita_link::{Kb, Linker};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

include!("kb_files.rs");

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The knowledge base in data/kb.
pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| {
        let files = kb_files(&repo().join("data/kb"));
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        Kb::parse(&refs).unwrap_or_else(|e| panic!("data/kb does not parse: {e}"))
    })
}

/// A linker over data/kb.
pub fn linker() -> &'static Linker {
    static L: OnceLock<Linker> = OnceLock::new();
    L.get_or_init(|| Linker::new(kb()))
}

/// (surface, entity_id, kind) of every mention of `text` at `date`.
#[allow(dead_code)]
pub fn links(text: &str, date: Option<&str>) -> Vec<(String, String, String)> {
    let date = date.map(|d| orbita_text::Date::parse(d).unwrap());
    linker()
        .link(text, &orbita_split::split(text), date)
        .into_iter()
        .map(|m| (m.surface, m.entity_id, m.kind.as_str().to_string()))
        .collect()
}
