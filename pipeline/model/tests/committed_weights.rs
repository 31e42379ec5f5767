//! The committed weights are what `make train` writes from the committed
//! training rows and settings: they parse, render back byte for byte, and
//! record the SHA-256 of the training files they were fitted on. A change to
//! `dev.tsv`, `pairs.tsv` or `config.toml` without `make train` fails here.

#[path = "../../stance/examples/common/gold.rs"]
mod gold;

use orbita_model::weights::Weights;
use std::path::Path;

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn committed_weights_match_the_committed_training_files() {
    let text = std::fs::read_to_string(repo().join("pipeline/model/train/weights.tsv")).unwrap();
    let w = Weights::parse(&text).unwrap();
    assert_eq!(w.render(), text, "the weights file is exactly what the trainer renders");
    assert!(w.temperature > 0.0 && !w.is_empty());
    for (key, path) in [
        ("sha256 dev.tsv", "pipeline/eval/stance/dev.tsv"),
        ("sha256 pairs.tsv", "pipeline/eval/stance/pairs.tsv"),
        ("sha256 config.toml", "pipeline/model/train/config.toml"),
    ] {
        let Ok(bytes) = std::fs::read(repo().join(path)) else {
            assert!(w.meta(key).is_none(), "{path} is gone but the weights were trained on it");
            continue;
        };
        assert_eq!(w.meta(key), Some(sha256_hex(&bytes).as_str()), "{path} changed since the weights were trained: run `make train`");
    }
}

#[test]
fn the_un_corpus_fixture_parses_line_by_line() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ungdc_sample.jsonl")).unwrap();
    let speeches: Vec<_> = text.lines().enumerate().map(|(i, l)| gold::parse_un_line("ungdc_sample.jsonl", i + 1, l).unwrap()).collect();
    let got: Vec<(&str, &str, i32)> = speeches.iter().map(|s| (s.doc.as_str(), s.country.as_str(), s.year)).collect();
    assert_eq!(got, [("ungdc/BEN_77_2022", "BEN", 2022), ("ungdc/RUS_46_1991", "RUS", 1991)]);
    assert!(speeches[0].text.contains("aggression against Ukraine"));
}
