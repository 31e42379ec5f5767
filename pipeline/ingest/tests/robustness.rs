//! `parse` never panics, whatever the bytes: pseudo-random inputs, random
//! mutations of real documents, and hostile shapes, under every supported
//! extension. Every result is either a document with non-empty, normalised
//! text or a reject with a message.

use orbita_ingest::{normalize_text, parse, Input, Limits, Parsed};

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const EXTENSIONS: [&str; 4] = ["a.txt", "a.md", "a.jsonl", "a.markdown"];
/// Fragments that exercise every branch of the parsers.
const PIECES: &[&str] = &[
    "---\n", "title: ", "date: 2025-13-45\n", "[", "]", "(", ")", "![", "<", ">", "</td>", "<span a=\"", "\"", "*", "**", "_",
    "~~", "`", "```\n", "\\", "&amp;", "&#x", ";", "#", "## ", "- ", "1. ", "> ", "|", "\n", "\n\n", "  \n", "\r\n", "\r",
    "\u{a0}", "\u{feff}", "\0", "é", "e\u{301}", "Bogotá", "{\"text\": \"", "\"}", "null", "Disclaimer: x", "Original article: https://x",
    "- Home\n", "###", "http://", "<!--", "-->", "<script>", "\u{2028}",
];

fn check(path: &str, bytes: &[u8], sidecar: Option<&[u8]>) {
    let limits = Limits { max_document_bytes: 1 << 20 };
    for r in parse(&Input { path, bytes, sidecar }, &limits) {
        match r {
            Ok(Parsed { text, .. }) => {
                assert!(!text.is_empty());
                assert_eq!(normalize_text(&text), text, "text of {path} is not normalised");
                assert!(!text.contains('\r') && !text.contains('\0'));
            }
            Err(e) => assert!(!e.message.is_empty()),
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        for ext in EXTENSIONS {
            check(ext, &bytes, None);
        }
        check("a.txt", b"x", Some(&bytes));
    }
}

#[test]
fn random_markup_soup_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..rng.below(60) {
            s.push_str(PIECES[rng.below(PIECES.len())]);
            if rng.below(3) == 0 {
                s.push_str("word ");
            }
        }
        for ext in EXTENSIONS {
            check(ext, s.as_bytes(), None);
        }
        check("a.md", b"body", Some(s.as_bytes()));
    }
}

#[test]
fn mutated_real_documents_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut rng = Rng(7);
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let original = std::fs::read(e.path()).unwrap();
        for _ in 0..200 {
            let mut b = original.clone();
            for _ in 0..1 + rng.below(8) {
                match rng.below(3) {
                    0 if !b.is_empty() => {
                        let i = rng.below(b.len());
                        b[i] = rng.next() as u8;
                    }
                    1 if !b.is_empty() => {
                        let i = rng.below(b.len());
                        b.truncate(i);
                    }
                    _ => {
                        let i = rng.below(b.len() + 1);
                        let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                        b.splice(i..i, piece.iter().copied());
                    }
                }
            }
            check("a.md", &b, None);
        }
    }
}

#[test]
fn hostile_shapes() {
    // A 1 MB line with no punctuation, in every format.
    let line = "word ".repeat(200_000);
    for ext in EXTENSIONS {
        check(ext, line.as_bytes(), None);
    }
    let out = parse(&Input { path: "a.txt", bytes: line.as_bytes(), sidecar: None }, &Limits::default());
    assert_eq!(out[0].as_ref().unwrap().text.len(), line.len() - 1);
    for s in [
        "[".repeat(100_000),
        "[a".repeat(100_000),
        "[a](x".repeat(100_000),
        "[a](<x".repeat(100_000),
        "`a ``b ".repeat(50_000),
        "<a ".repeat(50_000),
        "`".repeat(100_000),
        "*_".repeat(100_000),
        "&#".repeat(100_000),
        "> ".repeat(100_000),
        "- ".repeat(100_000),
        "\n".repeat(100_000) + "x",
        format!("---\n{}\n---\nx", "[".repeat(10_000)),
        format!("---\n{}\n---\nx", "a: &a [*a, *a]\n"),
    ] {
        for ext in EXTENSIONS {
            check(ext, s.as_bytes(), None);
        }
    }
}
