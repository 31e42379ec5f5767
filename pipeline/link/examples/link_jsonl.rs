//! Links JSONL documents read from stdin with the knowledge base in `data/kb`
//! (or the directory given as the first argument) and prints one JSON object
//! per mention. Used by `pipeline/eval/link_eval.py`.
//!
//! Input lines: `{"id": "...", "text": "...", "date": "YYYY-MM-DD", "ingest": true}` (date and
//! ingest optional). Output lines: `{"id", "start", "end", "surface", "entity_id", "kind",
//! "country", "method", "confidence", "sentence"}` with character offsets into `text`.
//!
//! With `"ingest": true` the text is linked as the pipeline stores it after ingest
//! (`normalize_text`, then `unwrap_lines`: hard-wrapped lines joined), and each mention's
//! offsets are mapped back to the given text, so that a sample annotated on the raw text
//! is scored on what the build links.
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
        let raw = doc["text"].as_str().unwrap_or_default();
        let date = doc["date"].as_str().and_then(|d| Date::parse(d).ok());
        let ingested: String;
        let (text, back) = if doc["ingest"].as_bool() == Some(true) {
            let normal = orbita_ingest::normalize_text(raw);
            ingested = orbita_ingest::unwrap_lines(&normal).into_owned();
            (ingested.as_str(), Some(align(raw, &ingested)))
        } else {
            (raw, None)
        };
        let sentences = orbita_split::split(text);
        let mut conv = CharOffsets::new(text);
        for m in linker.link(text, &sentences, date) {
            let (mut start, mut end) = (conv.to_char(m.span.start), conv.to_char(m.span.end));
            if let Some(back) = &back {
                // The last character's position + 1, so a name joined over a line break keeps its end.
                (start, end) = (back[start], back[end - 1] + 1);
            }
            let obj = serde_json::json!({
                "id": id, "start": start, "end": end, "surface": m.surface, "entity_id": m.entity_id,
                "kind": m.kind.as_str(), "country": m.country, "method": m.method.as_str(),
                "confidence": m.confidence, "sentence": m.sentence,
            });
            writeln!(out, "{obj}").unwrap();
        }
    }
}

/// For each character of `ingested`, the index of the character of `raw` it
/// comes from: the two are walked together, skipping the whitespace and the
/// line-end hyphens ingest drops or changes, and pairing any other difference
/// (a normalised character) one for one.
fn align(raw: &str, ingested: &str) -> Vec<usize> {
    let r: Vec<char> = raw.chars().collect();
    let g: Vec<char> = ingested.chars().collect();
    let mut back = Vec::with_capacity(g.len() + 1);
    let (mut i, mut j) = (0, 0);
    while j < g.len() {
        if i < r.len() && r[i] == g[j] {
            back.push(i);
            i += 1;
            j += 1;
        } else if i < r.len() && (r[i].is_whitespace() || (r[i] == '-' && r.get(i + 1) == Some(&'\n'))) {
            i += 1;
        } else if g[j].is_whitespace() {
            back.push(i.min(r.len().saturating_sub(1)));
            j += 1;
        } else {
            back.push(i.min(r.len().saturating_sub(1)));
            i += 1;
            j += 1;
        }
    }
    back.push(r.len());
    back
}
