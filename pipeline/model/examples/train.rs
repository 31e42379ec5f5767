//! Trains the model stance labeller: `make train`.
//!
//! Reads `pipeline/model/train/config.toml`, the development rows (every row of
//! `pipeline/eval/stance/dev.tsv` and the `split = dev` rows of `pairs.tsv`;
//! test rows are dropped before any document is read), runs ingest → split →
//! link → rules on their documents, turns every candidate pair of a listed
//! sentence into a training row (gold class, or none when the sentence does not
//! list the pair), chooses the settings by cross-validation, fits the
//! temperature on the out-of-fold scores, fits the final model on every row and
//! writes `pipeline/model/train/weights.tsv`. One thread, fixed order: the same
//! rows give the same file, byte for byte.
//!
//! ```text
//! cargo run --release -p orbita-model --example train -- [--whitehouse DIR] [--ungdc FILE] [--config FILE] [--out FILE]
//! ```

#[path = "common/mod.rs"]
mod common;

use common::gold::Split;
use orbita_model::train::{self, Settings};
use orbita_model::weights::Weights;
use orbita_model::ModelLabeller;
use std::collections::BTreeSet;

fn list<T: Copy>(v: &toml::Value, key: &str, get: impl Fn(&toml::Value) -> Option<T>) -> Vec<T> {
    v.get("grid")
        .and_then(|g| g.get(key))
        .and_then(|x| x.as_array())
        .unwrap_or_else(|| panic!("config.toml: [grid] {key} is not a list"))
        .iter()
        .map(|x| get(x).unwrap_or_else(|| panic!("config.toml: [grid] {key} has a bad value {x}")))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).cloned().unwrap_or("pipeline/model/train/weights.tsv".into());
    let paths = common::Paths::from_args(&args);
    let config_path = args.iter().position(|a| a == "--config").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from).unwrap_or_else(|| paths.root.join("pipeline/model/train/config.toml"));
    let config_text = std::fs::read_to_string(&config_path).unwrap_or_else(|e| panic!("{}: {e}", config_path.display()));
    let config: toml::Value = toml::from_str(&config_text).unwrap_or_else(|e| panic!("config.toml: {e}"));
    let folds = config.get("folds").and_then(|x| x.as_integer()).expect("config.toml: folds") as usize;
    let iterations = config.get("iterations").and_then(|x| x.as_integer()).expect("config.toml: iterations") as usize;
    let min_precision = config.get("min_row_precision").and_then(|x| x.as_float()).expect("config.toml: min_row_precision");
    let mut grid = Vec::new();
    for l2 in list(&config, "l2", |x| x.as_float()) {
        for balance in list(&config, "balance", |x| x.as_float()) {
            for min_count in list(&config, "min_count", |x| x.as_integer()) {
                grid.push(Settings { l2, balance, min_count: min_count as usize, iterations });
            }
        }
    }

    // Development rows only: the test rows never reach the reader below.
    let rows: Vec<_> = common::gold_rows(&paths.root).into_iter().filter(|r| r.split == Split::Dev).collect();
    let docs: BTreeSet<&str> = rows.iter().map(|r| r.doc.as_str()).collect();
    let linker = common::linker(&paths.root);
    let (texts, missing) = common::read_docs(&paths, &linker, &docs);
    assert!(missing.is_empty(), "documents not found: {missing:?}");
    let (sites, lost) = common::locate(&rows, &texts);
    let model = ModelLabeller::new(common::rules(&paths.root), Weights::default());
    let labelled = common::label_sites(model.rules(), &texts, &sites);
    let data = common::examples(&model, &texts, &sites, &labelled);
    let examples: Vec<train::Example> = data.iter().map(|r| r.example.clone()).collect();
    let listed: usize = sites.iter().map(|s| s.pairs().count()).sum();
    let covered = data.iter().filter(|r| sites[r.site].pairs().any(|p| p.actor == r.actor && p.target == r.target)).count();
    println!("# Training the model labeller");
    println!();
    println!(
        "{} development rows, {} documents, {} sentences ({} rows whose sentence was not found); {} listed pairs, {} of them candidates; {} training rows",
        rows.len(),
        texts.len(),
        sites.len(),
        lost.len(),
        listed,
        covered,
        examples.len()
    );
    let mut per_class = [0usize; 6];
    for e in &examples {
        per_class[e.class] += 1;
    }
    println!("rows per class (−2 −1 0 1 2 none): {per_class:?}");
    println!();
    println!("| l2 | balance | min_count | CV macro-F1 |");
    println!("|---|---|---|---|");
    let (trials, best) = train::select(&examples, &grid, folds);
    for (i, t) in trials.iter().enumerate() {
        let s = t.settings;
        println!("| {} | {} | {} | {:.3}{} |", s.l2, s.balance, s.min_count, t.macro_f1, if i == best { " ← chosen" } else { "" });
    }
    let chosen = trials[best].settings;
    let oof = train::cross_val_scores(&examples, &chosen, folds);
    let temperature = train::fit_temperature(&examples, &oof);
    let nll = |t: f64| examples.iter().zip(&oof).map(|(e, z)| -orbita_model::weights::softmax(z, t)[e.class].ln()).sum::<f64>() / examples.len() as f64;
    println!();
    println!("out-of-fold mean NLL: T 0.8 {:.4}, T 1 {:.4}, T 1.25 {:.4}, T {temperature:.2} {:.4}", nll(0.8), nll(1.0), nll(1.25), nll(temperature));
    let mut meta = chosen.meta();
    meta.push(("folds".into(), folds.to_string()));
    meta.push(("cv_macro_f1".into(), format!("{:.4}", trials[best].macro_f1)));
    meta.push(("training_rows".into(), examples.len().to_string()));
    for f in ["dev.tsv", "pairs.tsv"] {
        if let Ok(b) = std::fs::read(paths.root.join("pipeline/eval/stance").join(f)) {
            meta.push((format!("sha256 {f}"), common::sha256_hex(&b)));
        }
    }
    meta.push(("sha256 config.toml".into(), common::sha256_hex(config_text.as_bytes())));
    let fitted = train::fit_offsets(&examples, &oof, temperature, min_precision);
    let offsets = fitted.offsets;
    println!(
        "class offsets (−2 −1 0 1 2 none) {offsets:?}: out-of-fold macro-F1 {:.3}, pair precision {:.3}, pair recall {:.3} (the plain arg-max: {:.3})",
        fitted.macro_f1,
        fitted.precision,
        fitted.recall,
        train::macro_f1(&examples, &oof)
    );
    let calibration = train::fit_calibration(&examples, &oof, temperature, &offsets, 30);
    let decided = |z: &[f64; 6]| orbita_model::weights::decide_with(&orbita_model::weights::softmax(z, temperature), &offsets);
    println!("row calibration (isotonic on {} out-of-fold rows): {}", oof.iter().filter(|z| decided(z) != orbita_model::NONE).count(),
        calibration.iter().map(|(x, y)| format!("{x:.2}→{y:.2}")).collect::<Vec<_>>().join(" "));
    let (thresholds, at) = train::fit_threshold(&examples, &oof, temperature, &calibration, &offsets, min_precision);
    println!();
    println!("| row threshold | out-of-fold macro-F1 | pair precision | pair recall |");
    println!("|---|---|---|---|");
    for (i, t) in thresholds.iter().enumerate() {
        let mark = if i == at { " ← chosen" } else { "" };
        println!("| {:.2} | {:.3} | {:.3} | {:.3}{mark} |", t.threshold, t.macro_f1, t.precision, t.recall);
    }
    let threshold = thresholds[at].threshold;
    println!("row threshold {threshold:.2}: the best macro-F1 with pair precision at least {min_precision}");
    let mut weights = train::fit(&examples, &chosen, temperature, meta);
    weights.calibration = calibration;
    weights.threshold = threshold;
    weights.offsets = offsets;
    let text = weights.render();
    std::fs::write(&out, &text).unwrap_or_else(|e| panic!("{out}: {e}"));
    println!();
    println!("temperature {temperature:.2} (fitted on the out-of-fold scores); {} feature rows; wrote {out} ({} bytes, sha256 {})", weights.len(), text.len(), common::sha256_hex(text.as_bytes()));
}
