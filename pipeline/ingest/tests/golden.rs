//! Golden tests: White House Markdown fixtures (`tests/fixtures/wh_*.md`),
//! a Windows-1252 text with site chrome and a JSONL file with good and bad
//! lines → metadata, removals and clean text (or rejects), compared with
//! reviewed insta snapshots in `tests/snapshots/`.

use orbita_ingest::{parse, Input, Limits, Parsed, Reject};
use std::fmt::Write;
use std::path::Path;

fn render(doc: &Parsed) -> String {
    let m = &doc.meta;
    let mut s = String::new();
    let opt = |d: Option<orbita_text::Date>| d.map_or("-".to_string(), |d| d.to_string());
    writeln!(s, "format: {} / encoding: {}", doc.format.as_str(), doc.encoding).unwrap();
    writeln!(s, "title: {:?}", m.title).unwrap();
    writeln!(s, "url: {:?}", m.url).unwrap();
    writeln!(s, "source: {:?} ({:?})", m.source, m.source_kind).unwrap();
    writeln!(s, "dates: {} .. {}", opt(m.date_from), opt(m.date_to)).unwrap();
    writeln!(s, "tags: {:?}", m.tags).unwrap();
    for r in &doc.removed {
        if r.kind != "front_matter" {
            writeln!(s, "removed {}: {:?}", r.kind, r.text).unwrap();
        }
    }
    writeln!(s, "----- text -----").unwrap();
    s.push_str(&doc.text);
    s
}

fn render_all(results: &[Result<Parsed, Reject>]) -> String {
    let mut s = String::new();
    for r in results {
        match r {
            Ok(doc) => writeln!(s, "===== record {} =====\n{}\nlanguage: {:?} / translated_from: {:?} / note: {:?}", doc.record, render(doc), doc.meta.language, doc.meta.translated_from, doc.meta.translation_note).unwrap(),
            Err(e) => writeln!(s, "===== record {} REJECT {} at byte {:?} =====\n{}", e.record, e.code.as_str(), e.byte_offset, e.message).unwrap(),
        }
    }
    s
}

#[test]
fn plain_text_and_jsonl_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["chrome_cp1252.txt", "records.jsonl"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let out = parse(&Input { path: name, bytes: &bytes, sidecar: None }, &Limits::default());
        insta::assert_snapshot!(name.replace('.', "_"), render_all(&out));
    }
}

#[test]
fn white_house_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("wh_") && n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "fixtures missing: {names:?}");
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let out = parse(&Input { path: &name, bytes: &bytes, sidecar: None }, &Limits::default());
        assert_eq!(out.len(), 1);
        let doc = out[0].as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
        // Each fixture's front matter is recorded first.
        assert_eq!(doc.removed[0].kind, "front_matter");
        insta::assert_snapshot!(name.trim_end_matches(".md").to_string(), render(doc));
    }
}
