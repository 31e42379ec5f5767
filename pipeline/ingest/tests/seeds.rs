//! The two seed articles in `data/raw/` (with their sidecars): the site
//! chrome around them is separated and recorded, the article text is kept
//! whole, and the sidecar metadata is read.

use orbita_ingest::{parse, Input, Limits, Parsed};
use std::path::Path;

fn seed(name: &str) -> Parsed {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/raw");
    let bytes = std::fs::read(raw.join(name)).unwrap();
    let sidecar = std::fs::read(raw.join(format!("{name}.meta.yaml"))).unwrap();
    let mut out = parse(&Input { path: name, bytes: &bytes, sidecar: Some(&sidecar) }, &Limits::default());
    assert_eq!(out.len(), 1);
    out.pop().unwrap().unwrap()
}

#[test]
fn izvestia_seed_loses_russian_chrome_only() {
    let doc = seed("000_855b9c7a585e738b.txt");
    let kinds: Vec<_> = doc.removed.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["site_chrome", "translator_credit"]);
    // The three breadcrumb lines go; the title line stays as the first line.
    assert_eq!(doc.removed[0].text.lines().count(), 3);
    let title = doc.meta.title.as_deref().unwrap();
    assert_eq!(doc.text.lines().next(), Some(title));
    assert!(!doc.text.contains("Статьи") && !doc.text.contains("Переведено"));
    assert!(doc.text.ends_with("for fear of secondary sanctions."));
    assert_eq!(doc.meta.source.as_deref(), Some("Izvestia"));
    assert_eq!(doc.meta.url, None);
    assert_eq!((doc.meta.date_from.unwrap().to_string(), doc.meta.date_to.unwrap().to_string()), ("2025-11-17".into(), "2025-12-13".into()));
    assert_eq!(doc.meta.translated_from.as_deref(), Some("ru"));
    // The sidecar's translation note is kept (the credit line does not replace it).
    assert!(doc.meta.translation_note.as_deref().unwrap().starts_with("English machine translation"));
}

#[test]
fn toutiao_seed_loses_disclaimer_and_source_link() {
    let doc = seed("002_14ed5e0fda857643.txt");
    let kinds: Vec<_> = doc.removed.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["source_link", "disclaimer"]);
    assert!(doc.text.starts_with("Russia's Allies, Adversaries, and Neutral Forces in Latin America\n\n"));
    assert!(doc.text.ends_with("turn neutral countries into partners."));
    assert!(!doc.text.contains("Original article") && !doc.text.contains("Disclaimer"));
    assert_eq!(doc.meta.url.as_deref(), Some("https://www.toutiao.com/article/7561759627529011746/"));
    assert_eq!(doc.meta.date_from, doc.meta.date_to);
}

#[test]
fn seeds_without_sidecars_still_find_chrome_and_url() {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/raw");
    let bytes = std::fs::read(raw.join("002_14ed5e0fda857643.txt")).unwrap();
    let out = parse(&Input { path: "002.txt", bytes: &bytes, sidecar: None }, &Limits::default());
    let doc = out[0].as_ref().unwrap();
    assert_eq!(doc.meta.url.as_deref(), Some("https://www.toutiao.com/article/7561759627529011746/"));
    let bytes = std::fs::read(raw.join("000_855b9c7a585e738b.txt")).unwrap();
    let out = parse(&Input { path: "000.txt", bytes: &bytes, sidecar: None }, &Limits::default());
    let doc = out[0].as_ref().unwrap();
    assert_eq!(doc.meta.title.as_deref(), doc.text.lines().next());
    assert_eq!(doc.meta.translation_note.as_deref(), Some("Переведено сервисом «Яндекс Переводчик»"));
}
