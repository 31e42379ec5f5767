//! Links JSONL documents read from stdin with the knowledge base in `data/kb`
//! (or the directory given as the first argument) and prints one JSON object
//! per mention. Used by `pipeline/eval/link_eval.py`.
//!
//! Input lines: `{"id": "...", "text": "...", "date": "YYYY-MM-DD"}` (date optional).
//! Output lines: `{"id", "start", "end", "surface", "entity_id", "kind", "country", "method",
//! "confidence", "sentence"}` with character offsets.
//!
//! ```text
//! echo '{"id":"a","text":"Bogota recalled its ambassador."}' | cargo run --release -p orbita-link --example link_jsonl
//! ```

mod common;

use orbita_link::Linker;
use orbita_text::{CharOffsets, Date};
use std::io::{BufRead, Write};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "data/kb".into()));
    let kb = common::load_kb(&dir);
    let linker = Linker::new(&kb);
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        let id = doc["id"].clone();
        let text = doc["text"].as_str().unwrap_or_default();
        let date = doc["date"].as_str().and_then(|d| Date::parse(d).ok());
        let sentences = orbita_split::split(text);
        let mut conv = CharOffsets::new(text);
        for m in linker.link(text, &sentences, date) {
            let start = conv.to_char(m.span.start);
            let end = conv.to_char(m.span.end);
            let obj = serde_json::json!({
                "id": id, "start": start, "end": end, "surface": m.surface, "entity_id": m.entity_id,
                "kind": m.kind.as_str(), "country": m.country, "method": m.method.as_str(),
                "confidence": m.confidence, "sentence": m.sentence,
            });
            writeln!(out, "{obj}").unwrap();
        }
    }
}
