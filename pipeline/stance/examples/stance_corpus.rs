//! Runs ingest → split → link → label over every Markdown/text file under a directory and prints
//! counts: documents, sentences, stances per label, the most frequent (actor, target) pairs and cues.
//! A smoke test for the labeller on a real corpus (no panics, plausible output). It also prints
//! the sha256 of every stance record in order (Debug form, one per line, prefixed by the file's
//! relative path), so that a change meant to keep the output can be checked against the corpus.
//!
//! ```text
//! cargo run --release -p orbita-stance --example stance_corpus -- /tmp/wh/whitehouse
//! ```

#[path = "common/inputs.rs"]
mod inputs;

use orbita_stance::{DocView, Labeller};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: stance_corpus DIR");
    let labeller = inputs::rules(Path::new("."));
    let linker = inputs::linker(Path::new("."));
    let mut paths = Vec::new();
    walk(Path::new(&root), &mut paths);
    let (mut docs, mut sentences_n, mut bytes) = (0usize, 0usize, 0usize);
    let mut labels = [0usize; 5];
    let mut pairs: HashMap<(String, String), usize> = HashMap::new();
    let mut cues: HashMap<String, usize> = HashMap::new();
    let mut label_time = std::time::Duration::ZERO;
    // STANCE_PAIR=UKR:RUS prints sample sentences of one pair.
    let want: Option<(String, String)> =
        std::env::var("STANCE_PAIR").ok().and_then(|v| v.split_once(':').map(|(a, t)| (a.to_string(), t.to_string())));
    let mut shown = 0;
    // STANCE_SPEAKER=USA labels every document as that speaker's statement (the White House briefing room).
    let speaker = std::env::var("STANCE_SPEAKER").ok();
    let mut digest = Sha256::new();
    for p in &paths {
        let bytes_in = std::fs::read(p).unwrap();
        let rel = p.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let input = orbita_ingest::Input { path: &rel, bytes: &bytes_in, sidecar: None };
        for parsed in orbita_ingest::parse(&input, &orbita_ingest::Limits::default()).into_iter().flatten() {
            let text = parsed.text;
            let date = parsed.meta.date_from.or(parsed.meta.date_to);
            let sentences = orbita_split::split(&text);
            let mentions = linker.link(&text, &sentences, date);
            let t0 = std::time::Instant::now();
            let recs = labeller.label(&DocView { text: &text, sentences: &sentences, mentions: &mentions, date, speaker: speaker.as_deref() });
            label_time += t0.elapsed();
            docs += 1;
            sentences_n += sentences.len();
            bytes += text.len();
            for r in &recs {
                if want.as_ref().is_some_and(|(a, t)| *a == r.actor && *t == r.target) && shown < 12 {
                    shown += 1;
                    let s: String = text[sentences[r.sentence].clone()].split_whitespace().collect::<Vec<_>>().join(" ");
                    println!("  {}→{} {:+} {:?}: {}", r.actor, r.target, r.label, r.cue, s.chars().take(220).collect::<String>());
                }
            }
            for r in &recs {
                digest.update(format!("{rel}\t{r:?}\n").as_bytes());
            }
            for r in recs {
                labels[(r.label + 2) as usize] += 1;
                *pairs.entry((r.actor, r.target)).or_default() += 1;
                *cues.entry(r.cue.to_lowercase()).or_default() += 1;
            }
        }
    }
    let total: usize = labels.iter().sum();
    println!("{docs} documents, {sentences_n} sentences, {:.1} MB of text, {total} stances", bytes as f64 / 1e6);
    println!("labels -2..2: {labels:?}");
    println!(
        "labelling time {:.2} s ({:.1} MB/s, split and link excluded)",
        label_time.as_secs_f64(),
        bytes as f64 / 1e6 / label_time.as_secs_f64().max(1e-9)
    );
    let hash: String = digest.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("records sha256 {hash}");
    let mut top: Vec<_> = pairs.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("top pairs: {}", top.iter().take(15).map(|((a, t), n)| format!("{a}→{t} {n}")).collect::<Vec<_>>().join(", "));
    let mut top: Vec<_> = cues.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("top cues: {}", top.iter().take(20).map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(", "));
}
