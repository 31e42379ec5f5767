//! Fuzz target for `orbita_ingest::parse`: arbitrary bytes, under every
//! supported extension and as a metadata sidecar, must never panic and must
//! give normalised, non-empty text or a reject.
//!
//! With cargo-fuzz: `cargo fuzz run ingest` (from pipeline/fuzz). Without
//! it, see pipeline/fuzz/README.md.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orbita_ingest::{normalize_text, parse, Input, Limits};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the extension and whether the rest is a sidecar.
    let Some((&selector, bytes)) = data.split_first() else { return };
    let path = ["a.txt", "a.md", "a.jsonl", "a.markdown"][usize::from(selector & 3)];
    let limits = Limits { max_document_bytes: 1 << 20 };
    let (body, sidecar): (&[u8], Option<&[u8]>) =
        if selector & 4 != 0 { (b"---\ntitle: t\n---\nBody text.\n", Some(bytes)) } else { (bytes, None) };
    for result in parse(&Input { path, bytes: body, sidecar }, &limits) {
        match result {
            Ok(doc) => {
                assert!(!doc.text.is_empty());
                assert_eq!(normalize_text(&doc.text), doc.text);
            }
            Err(reject) => assert!(!reject.message.is_empty()),
        }
    }
});
