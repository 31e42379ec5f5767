//! `--labeller model`: the weights file is the stance stage's `model` input
//! (in the manifest and the stage's cache key), every stance row names the
//! labeller, and a changed weights file makes the stance stage stale; a
//! `rules` build records no `model` input; the default (`auto`) reads the
//! weights embedded at compile time, recorded like the committed file.

mod common;

use common::{repo, small_raw};
use orbita_dataset::build::{build, status, BuildConfig, LabellerChoice};
use orbita_dataset::manifest::Manifest;
use std::path::Path;

fn manifest(dir: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn the_model_weights_are_an_input_of_the_stance_stage() {
    let tmp = tempfile::tempdir().unwrap();
    let weights = tmp.path().join("weights.tsv");
    let text = std::fs::read_to_string(repo().join("pipeline/model/train/weights.tsv")).unwrap();
    std::fs::write(&weights, &text).unwrap();

    let mut rules = BuildConfig::in_repo(&repo());
    rules.raw = small_raw(&tmp.path().join("raw"));
    rules.out = tmp.path().join("rules");
    rules.labeller = LabellerChoice::Rules;
    let r = manifest(&build(&rules).unwrap().dir);
    assert!(!r.inputs.contains_key("model"), "a rules build has no model input");

    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.raw = small_raw(&tmp.path().join("raw"));
    cfg.out = tmp.path().join("model");
    cfg.labeller = LabellerChoice::Model { weights: Some(weights.clone()) };
    let m = manifest(&build(&cfg).unwrap().dir);
    let input = &m.inputs["model"];
    assert_eq!((input[0].path.as_str(), input[0].sha256.clone()), ("weights.tsv", sha256_hex(text.as_bytes())));
    let stance = |m: &Manifest| m.stages.iter().find(|s| s.name == "stance").unwrap().clone();
    assert_eq!(stance(&m).params["labeller"], "model");
    assert!(stance(&m).reads.contains(&"model".to_string()));
    assert_ne!(stance(&m).key, stance(&r).key);

    // Another model (one weight changed): the stance stage is stale, and says why.
    let changed: String = text
        .lines()
        .map(|l| match l.strip_prefix("w\tbias\t") {
            // The first class's bias moved by one: a valid file with other weights.
            Some(rest) => {
                let (first, others) = rest.split_once('\t').unwrap_or((rest, ""));
                let moved = first.parse::<f64>().unwrap() + 1.0;
                if others.is_empty() { format!("w\tbias\t{moved}\n") } else { format!("w\tbias\t{moved}\t{others}\n") }
            }
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(changed, text, "the weights file has a bias weight to change");
    std::fs::write(&weights, changed).unwrap();
    let (_, stages) = status(&cfg).unwrap();
    let st = stages.iter().find(|s| s.name == "stance").unwrap();
    assert!(!st.fresh && st.reasons.iter().any(|r| r.starts_with("model changed: changed weights.tsv")), "{:?}", st.reasons);
    let link = stages.iter().find(|s| s.name == "link").unwrap();
    assert!(link.fresh, "{:?}", link.reasons);
}

#[test]
fn a_broken_weights_file_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let weights = tmp.path().join("weights.tsv");
    std::fs::write(&weights, "orbita-model\t1\nw\tbias\tx\n").unwrap();
    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.raw = small_raw(&tmp.path().join("raw"));
    cfg.out = tmp.path().join("out");
    cfg.labeller = LabellerChoice::Model { weights: Some(weights.clone()) };
    let e = build(&cfg).unwrap_err().to_string();
    assert!(e.starts_with(&format!("model weights {}: weights line 2:", weights.display())), "{e}");
}

#[test]
fn the_default_labeller_is_auto_with_the_embedded_weights() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("pipeline/model/train/weights.tsv")).unwrap();
    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.raw = small_raw(&tmp.path().join("raw"));
    cfg.out = tmp.path().join("embedded");
    cfg.labeller = LabellerChoice::default();
    assert_eq!(cfg.labeller, LabellerChoice::Auto { weights: None });
    let embedded = manifest(&build(&cfg).unwrap().dir);
    let input = &embedded.inputs["model"];
    assert_eq!((input[0].path.as_str(), input[0].sha256.clone()), ("weights.tsv", sha256_hex(text.as_bytes())));
    let stance = |m: &Manifest| m.stages.iter().find(|s| s.name == "stance").unwrap().clone();
    assert_eq!(stance(&embedded).params["labeller"], "auto");
    // The same weights by path give the same stance stage.
    let mut by_path = BuildConfig::in_repo(&repo());
    by_path.raw = cfg.raw.clone();
    by_path.out = tmp.path().join("by_path");
    let m = manifest(&build(&by_path).unwrap().dir);
    assert_eq!(stance(&m).key, stance(&embedded).key);
}
