//! The stance labellers, `rules`, `model` and `auto` (the model where a document has a
//! speaker, the rules elsewhere: the default), on the same gold split: per kind
//! of text (UN General Debate `un`, White House `wh`, news `news`) and for
//! speaker stances (the actor is the document's speaker) and third-party ones:
//! pair precision, pair recall, sign agreement and macro-F1 over −2…2 and none
//! (definitions in `orbita_model::metrics`), then calibration: a ten-bin
//! reliability table of each labeller's rows (`confidence` against "the label
//! is right") and the expected calibration error.
//!
//! `--split test` (the default) scores the `split = test` rows of
//! `pipeline/eval/stance/pairs.tsv` with the committed weights. `--split dev`
//! scores the development rows (`dev.tsv` and the dev rows of `pairs.tsv`):
//! the model trained on them, so its figures there are out-of-fold — each
//! sentence scored by a model fitted on the other folds with the committed
//! settings and temperature — while the rules were written against `dev.tsv`.
//!
//! Pairs scored per listed sentence: every pair it lists, plus every pair a
//! labeller gives a label that it does not list (gold none). A rules pair with
//! several rows counts the present one, then the most confident.
//!
//! ```text
//! cargo run --release -p orbita-model --example model_eval -- [--split test|dev] [--weights FILE] [--whitehouse DIR] [--ungdc FILE] [--errors FILE] [--probabilities FILE]
//! ```
//!
//! `--errors FILE` (development split only: the test split is for scoring, never for reading
//! errors) writes the model's out-of-fold disagreements with the gold as TSV, one pair per line:
//! document, speaker, kind, actor, target, gold, predicted, confidence, sentence.
//!
//! `--probabilities FILE` (development split only) writes the model's out-of-fold class probabilities
//! of every candidate of a listed sentence and of every listed pair that is no candidate (all `none`),
//! with the kind of text, perspective, whether the pair is listed, its gold class, document, sentence
//! index and sides: the input for studying a decision rule without retraining.

#[path = "common/mod.rs"]
mod common;

use common::gold::Split;
use orbita_model::candidates::pick_record;
use orbita_model::features::class_of;
use orbita_model::metrics::{Confusion, Reliability};
use orbita_model::train::{self, Settings};
use orbita_model::weights::{softmax, Weights};
use orbita_model::{ModelLabeller, CLASSES, NONE};
use std::collections::{BTreeMap, BTreeSet};

/// One scored pair: site, actor, target, gold class, predicted class, confidence of the prediction.
#[derive(Clone)]
struct Scored {
    site: usize,
    actor: String,
    target: String,
    gold: usize,
    pred: usize,
    confidence: f64,
}

fn settings(w: &Weights) -> (Settings, usize) {
    let get = |k: &str| w.meta(k).unwrap_or_else(|| panic!("weights have no meta {k}"));
    let s = Settings {
        l2: get("l2").parse().expect("l2"),
        balance: get("balance").parse().expect("balance"),
        min_count: get("min_count").parse().expect("min_count"),
        iterations: get("iterations").parse().expect("iterations"),
    };
    (s, get("folds").parse().expect("folds"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let split = match arg("--split").as_deref() {
        None | Some("test") => Split::Test,
        Some("dev") => Split::Dev,
        Some(other) => panic!("--split {other}: expected test or dev"),
    };
    let paths = common::Paths::from_args(&args);
    let weights_path = arg("--weights").unwrap_or("pipeline/model/train/weights.tsv".into());
    let weights_text = std::fs::read_to_string(&weights_path).unwrap_or_else(|e| panic!("{weights_path}: {e}"));
    let weights = Weights::parse(&weights_text).unwrap_or_else(|e| panic!("{weights_path}: {e}"));
    let (cv_settings, folds) = settings(&weights);
    let temperature = weights.temperature;
    let model = ModelLabeller::new(common::rules(&paths.root), weights);

    let rows: Vec<_> = common::gold_rows(&paths.root).into_iter().filter(|r| r.split == split).collect();
    if rows.is_empty() {
        println!("no {split:?} rows (pipeline/eval/stance/pairs.tsv missing?)");
        return;
    }
    let docs: BTreeSet<&str> = rows.iter().map(|r| r.doc.as_str()).collect();
    let linker = common::linker(&paths.root);
    let (texts, missing) = common::read_docs(&paths, &linker, &docs);
    let (sites, lost) = common::locate(&rows, &texts);
    let labelled = common::label_sites(model.rules(), &texts, &sites);

    // The model's probabilities per (site, actor, target).
    let mut model_probs: BTreeMap<(usize, String, String), [f64; 6]> = BTreeMap::new();
    match split {
        Split::Test => {
            let mut by_doc: BTreeMap<(&str, Option<&str>), Vec<orbita_model::Scored>> = BTreeMap::new();
            for (si, s) in sites.iter().enumerate() {
                let scored = by_doc.entry((s.doc, s.speaker)).or_insert_with(|| model.score(&texts[s.doc].view(s.speaker)).0);
                for c in scored.iter().filter(|c| c.candidate.sentence == s.sentence) {
                    model_probs.insert((si, c.candidate.actor.clone(), c.candidate.target.clone()), c.probabilities);
                }
            }
        }
        Split::Dev => {
            let data = common::examples(&model, &texts, &sites, &labelled);
            let examples: Vec<train::Example> = data.iter().map(|r| r.example.clone()).collect();
            let oof = train::cross_val_scores(&examples, &cv_settings, folds);
            for (r, z) in data.iter().zip(&oof) {
                model_probs.insert((r.site, r.actor.clone(), r.target.clone()), softmax(z, temperature));
            }
        }
    }

    // Every scored pair, per labeller.
    let mut rules_scored = Vec::new();
    let mut model_scored = Vec::new();
    for (si, s) in sites.iter().enumerate() {
        let l = &labelled[&(s.doc, s.speaker)];
        let year = texts[s.doc].date.map(|d| d.year);
        let listed: Vec<(String, String)> = s.pairs().map(|r| (r.actor.clone(), r.target.clone())).collect();
        // Rules.
        let recs: Vec<usize> = (0..l.rules.len()).filter(|&i| l.rules[i].sentence == s.sentence).collect();
        let mut keys = listed.clone();
        for &i in &recs {
            let k = (l.rules[i].actor.clone(), l.rules[i].target.clone());
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        for (a, t) in &keys {
            let idx: Vec<usize> = recs.iter().copied().filter(|&i| l.rules[i].actor == *a && l.rules[i].target == *t).collect();
            let rec = pick_record(&l.rules, &idx, year).map(|i| &l.rules[i]);
            rules_scored.push(Scored {
                site: si,
                actor: a.clone(),
                target: t.clone(),
                gold: s.gold(a, t),
                pred: rec.map_or(NONE, |r| class_of(r.label)),
                confidence: rec.map_or(0.0, |r| r.confidence),
            });
        }
        // Model.
        let mut keys = listed;
        for ((ms, a, t), p) in model_probs.range((si, String::new(), String::new())..) {
            if *ms != si {
                break;
            }
            if model.weights().decide(p) != NONE && !keys.contains(&(a.clone(), t.clone())) {
                keys.push((a.clone(), t.clone()));
            }
        }
        for (a, t) in &keys {
            let p = model_probs.get(&(si, a.clone(), t.clone()));
            // The labeller's decision and row confidence: arg-max, calibrated, below the threshold no stance.
            let pred = p.map_or(NONE, |p| model.weights().decide(p));
            let confidence = p.map_or(0.0, |p| if pred == NONE { p[pred] } else { model.weights().calibrate(p[pred]) });
            model_scored.push(Scored { site: si, actor: a.clone(), target: t.clone(), gold: s.gold(a, t), pred, confidence });
        }
    }

    if let Some(path) = arg("--errors") {
        assert!(split == Split::Dev, "--errors reads the development split only");
        let mut out = String::from("doc\tspeaker\tkind\tactor\ttarget\tgold\tpred\tconfidence\tsentence\n");
        for x in model_scored.iter().filter(|x| x.gold != x.pred) {
            let s = &sites[x.site];
            let t = &texts[s.doc];
            let sentence = t.text[t.sentences[s.sentence].clone()].split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{}\n",
                s.doc,
                s.speaker.unwrap_or("-"),
                s.kind,
                x.actor,
                x.target,
                CLASSES[x.gold],
                CLASSES[x.pred],
                x.confidence,
                sentence
            ));
        }
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    if let Some(path) = arg("--probabilities") {
        assert!(split == Split::Dev, "--probabilities reads the development split only");
        let mut out = String::from("kind\tperspective\tlisted\tgold\tp-2\tp-1\tp0\tp1\tp2\tpnone\tdoc\tsentence\tactor\ttarget\n");
        // Every candidate the model scored, and every listed pair it did not (no candidate).
        let mut keys: BTreeSet<(usize, String, String)> = model_probs.keys().cloned().collect();
        for (si, s) in sites.iter().enumerate() {
            keys.extend(s.pairs().map(|r| (si, r.actor.clone(), r.target.clone())));
        }
        for (si, a, t) in keys {
            let s = &sites[si];
            let p = model_probs.get(&(si, a.clone(), t.clone())).copied().unwrap_or([0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
            let who = if s.speaker == Some(a.as_str()) { "speaker" } else { "third-party" };
            let ps: Vec<String> = p.iter().map(|v| format!("{v:.6}")).collect();
            let listed = s.pairs().any(|r| r.actor == a && r.target == t);
            out.push_str(&format!("{}\t{who}\t{listed}\t{}\t{}\t{}\t{}\t{a}\t{t}\n", s.kind, CLASSES[s.gold(&a, &t)], ps.join("\t"), s.doc, s.sentence));
        }
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    // `auto` (the default labeller, `orbita_model::BySpeaker`): the model where the document has a
    // speaker, the rules elsewhere.
    let auto_scored: Vec<Scored> = rules_scored
        .iter()
        .filter(|x| sites[x.site].speaker.is_none())
        .chain(model_scored.iter().filter(|x| sites[x.site].speaker.is_some()))
        .cloned()
        .collect();
    let labellers = [("rules", &rules_scored), ("model", &model_scored), ("auto", &auto_scored)];

    println!("# Stance labellers side by side: {split:?} split");
    println!();
    let gold_pairs: usize = sites.iter().map(|s| s.pairs().count()).sum();
    println!(
        "{} gold rows, {} documents ({} not found), {} sentences ({} rows whose sentence was not found), {} listed pairs.",
        rows.len(),
        texts.len(),
        missing.len(),
        sites.len(),
        lost.len(),
        gold_pairs
    );
    if split == Split::Dev {
        println!("Model figures on dev are out-of-fold ({folds} folds by sentence, committed settings and temperature); the rules were written against dev.tsv.");
    }
    println!();
    println!("| labeller | kind | stances | pairs | pair precision | pair recall | sign agreement | macro-F1 |");
    println!("|---|---|---|---|---|---|---|---|");
    let kinds = ["un", "wh", "news", "all"];
    for (name, scored) in labellers {
        for kind in kinds {
            for who in ["speaker", "third-party", "all"] {
                let mut c = Confusion::default();
                for x in scored.iter() {
                    let s = &sites[x.site];
                    let is_speaker = s.speaker == Some(x.actor.as_str());
                    let keep_kind = kind == "all" || s.kind == kind;
                    let keep_who = who == "all" || (who == "speaker") == is_speaker;
                    if keep_kind && keep_who {
                        c.add(x.gold, x.pred);
                    }
                }
                if c.total() == 0 {
                    continue;
                }
                let (p, np) = c.pair_precision();
                let (r, ng) = c.pair_recall();
                let (sg, nf) = c.sign_agreement();
                println!(
                    "| {name} | {kind} | {who} | {} | {p:.3} ({np}) | {r:.3} ({ng}) | {sg:.3} ({nf}) | {:.3} |",
                    c.total(),
                    c.macro_f1()
                );
            }
        }
    }
    println!();
    println!("(pairs: scored pairs; in brackets: labelled predictions, gold labelled pairs, pairs labelled by both)");
    for (name, scored) in labellers {
        let mut c = Confusion::default();
        scored.iter().for_each(|x| c.add(x.gold, x.pred));
        println!();
        println!("Confusion of `{name}`, all kinds (rows gold, columns predicted):");
        println!();
        println!("| gold \\ pred | {} |", CLASSES.join(" | "));
        println!("|---|{}", "---|".repeat(6));
        for (i, cl) in CLASSES.iter().enumerate() {
            println!("| {cl} | {} |", c.m[i].iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" | "));
        }
    }
    println!();
    println!("## Calibration ({split:?} split)");
    for (name, scored) in labellers {
        let mut rel = Reliability::default();
        for x in scored.iter().filter(|x| x.pred != NONE) {
            rel.add(x.confidence, x.gold == x.pred);
        }
        println!();
        println!("`{name}` rows (confidence of the row against its label being right): ECE {:.3} over {} rows", rel.ece(), rel.total());
        println!();
        print!("{}", rel.markdown());
    }
    let mut top = Reliability::default();
    for ((si, a, t), p) in &model_probs {
        let k = train::argmax(p);
        top.add(p[k], sites[*si].gold(a, t) == k);
    }
    println!();
    println!(
        "`model` over every candidate of a listed sentence (top class, none included): ECE {:.3} over {} candidates",
        top.ece(),
        top.total()
    );
}
