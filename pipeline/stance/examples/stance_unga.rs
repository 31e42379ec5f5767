//! The votes check on the UN General Debate: labels every speech of a year
//! with its delegation as the speaker, pools the stances per country with
//! `orbita-aggregate` (default parameters, the year's rows, perspective all),
//! and prints the ROC AUC with which the score toward a target (RUS) separates
//! the countries that voted No or abstained on a resolution from those that
//! voted Yes (`../shared/eval/unga/votes_dev.csv`; a country with no row
//! scores 0). Also prints how many stances the speakers took themselves and
//! every country at −1 or below toward a second target (UKR).
//!
//! ```text
//! cargo run --release -p orbita-stance --example stance_unga -- --year 2022 --resolution A/RES/ES-11/1
//! cargo run --release -p orbita-stance --example stance_unga -- --year 2014 --resolution A/RES/68/262
//! ```
//! Options: `--corpus FILE` (the decompressed JSON lines; default: `zstd -dc` of
//! `../shared/corpora/ungdc-1946-2024.jsonl.zst` into the temp dir once),
//! `--target RUS`, `--watch UKR`, `--no-speaker` (label as if no speaker were
//! known, the labeller's reading before first-person sides), `--show N` (print
//! the N strongest rows toward the target with their evidence).
//! RUS speeches of 1946–1991 are the USSR's and are skipped.

#[path = "common/inputs.rs"]
mod inputs;
#[path = "common/observe.rs"]
mod observe;

use orbita_aggregate::{aggregate, Observation, Params};
use orbita_stance::{DocView, Labeller};
use orbita_text::{ActorVia, Date};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::PathBuf;

/// An alignment row: score, label, evidence (doc, sentence).
type Row = (f64, i8, Vec<(String, u32)>);

/// ROC AUC of `scores` for positives against negatives (ties count one half).
fn auc(pos: &[f64], neg: &[f64]) -> f64 {
    let mut s = 0.0;
    for p in pos {
        for n in neg {
            s += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    s / (pos.len() * neg.len()).max(1) as f64
}

fn corpus_path(arg: Option<String>) -> PathBuf {
    if let Some(p) = arg {
        return PathBuf::from(p);
    }
    let out = std::env::temp_dir().join("orbita-ungdc-1946-2024.jsonl");
    if !out.exists() {
        let file = fs::File::create(&out).unwrap();
        let ok = std::process::Command::new("zstd")
            .arg("-dc")
            .arg("../shared/corpora/ungdc-1946-2024.jsonl.zst")
            .stdout(file)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "cannot decompress ../shared/corpora/ungdc-1946-2024.jsonl.zst (run from the repo root, with zstd installed)");
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let year: i32 = arg("--year").and_then(|y| y.parse().ok()).unwrap_or(2022);
    let resolution = arg("--resolution").unwrap_or_else(|| "A/RES/ES-11/1".into());
    let target = arg("--target").unwrap_or_else(|| "RUS".into());
    let watch = arg("--watch").unwrap_or_else(|| "UKR".into());
    let show: usize = arg("--show").and_then(|n| n.parse().ok()).unwrap_or(0);
    let no_speaker = args.iter().any(|a| a == "--no-speaker");
    let root = PathBuf::from(".");

    let labeller = inputs::rules(&root);
    let linker = inputs::linker(&root);

    let corpus = fs::read_to_string(corpus_path(arg("--corpus"))).expect("reading the corpus");
    let date = Date::new(year, 9, 20).ok();
    let mut obs: Vec<Observation> = Vec::new();
    let mut texts: HashMap<String, (String, Vec<std::ops::Range<usize>>)> = HashMap::new();
    let (mut speeches, mut sentences_n, mut own, mut third) = (0usize, 0usize, 0usize, 0usize);
    for line in corpus.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        if v["year"].as_i64() != Some(i64::from(year)) {
            continue;
        }
        let iso = v["country_iso3"].as_str().unwrap_or("").to_string();
        if iso.is_empty() || (iso == "RUS" && year <= 1991) {
            continue;
        }
        let text = v["text"].as_str().unwrap_or("").to_string();
        let sentences = orbita_split::split(&text);
        let mentions = linker.link(&text, &sentences, date);
        let speaker = if no_speaker { None } else { Some(iso.as_str()) };
        let records = labeller.label(&DocView { text: &text, sentences: &sentences, mentions: &mentions, date, speaker });
        speeches += 1;
        sentences_n += sentences.len();
        let doc_id = format!("ungdc/{iso}_{year}");
        for r in &records {
            if r.actor_via == ActorVia::Speaker || r.actor == iso {
                own += 1;
            } else {
                third += 1;
            }
            obs.push(observe::observation(r, &doc_id, date, "official"));
        }
        texts.insert(doc_id, (text, sentences));
    }
    let rows = aggregate(&obs, &Params::default());
    let period = year.to_string();
    let score_of: BTreeMap<(String, String), Row> = rows
        .iter()
        .filter(|r| r.period == period && r.perspective == "all")
        .map(|r| ((r.country.clone(), r.target.clone()), (r.score, r.label, r.evidence.clone())))
        .collect();

    let votes = fs::read_to_string(root.join("../shared/eval/unga/votes_dev.csv")).expect("reading votes_dev.csv");
    let (mut pos, mut neg) = (Vec::new(), Vec::new());
    let mut listed = 0;
    for l in votes.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        if c.len() < 5 || c[0] != resolution {
            continue;
        }
        let vote = c[c.len() - 1];
        let s = score_of.get(&(c[2].to_string(), target.clone())).map_or(0.0, |r| r.0);
        match vote {
            "N" | "A" => pos.push(s),
            "Y" => neg.push(s),
            _ => continue,
        }
        listed += usize::from(score_of.contains_key(&(c[2].to_string(), target.clone())));
    }
    println!(
        "{year}: {speeches} speeches, {sentences_n} sentences, {} stances ({own} the speaker's own, {third} third-party){}",
        obs.len(),
        if no_speaker { ", labelled without speakers" } else { "" }
    );
    println!(
        "{resolution}: AUC of the score toward {target} for No+Abstain ({}) against Yes ({}): {:.3}; {listed} voting countries have a row",
        pos.len(),
        neg.len(),
        auc(&pos, &neg)
    );
    let hostile: Vec<String> = score_of
        .iter()
        .filter(|((_, t), r)| *t == watch && r.1 <= -1)
        .map(|((c, _), r)| format!("{c} {:+.2}", r.0))
        .collect();
    println!("countries at −1 or below toward {watch}: {}", if hostile.is_empty() { "none".into() } else { hostile.join(", ") });
    if show > 0 {
        let mut by_score: Vec<_> = score_of.iter().filter(|((_, t), _)| *t == target).collect();
        by_score.sort_by(|a, b| a.1 .0.partial_cmp(&b.1 .0).unwrap_or(std::cmp::Ordering::Equal));
        let n = by_score.len();
        for ((c, _), (s, l, ev)) in by_score.iter().take(show).chain(by_score.iter().skip(n.saturating_sub(show))) {
            println!("{c}→{target} {s:+.2} ({l:+})");
            for (d, si) in ev.iter().take(2) {
                if let Some((text, sents)) = texts.get(d) {
                    let t: String = text[sents[*si as usize].clone()].split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
                    println!("    [{d}] {t}");
                }
            }
        }
    }
}
