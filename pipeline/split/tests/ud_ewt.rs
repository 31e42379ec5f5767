//! Sentence F1 on the UD English EWT test documents (../shared/eval/ud_ewt):
//! a predicted sentence counts when its start and end, in non-whitespace
//! character coordinates, equal a gold sentence's. Guards the quality bar
//! of F1 >= 0.85 (the best open peer, pySBD, scores 0.812 on this set).

mod common;

use std::collections::HashSet;

/// Number of non-whitespace characters before each byte offset.
fn nonws_prefix(text: &str) -> Vec<usize> {
    let mut out = vec![0; text.len() + 1];
    let mut n = 0;
    let mut last = 0;
    for (i, c) in text.char_indices() {
        for slot in &mut out[last..=i] {
            *slot = n;
        }
        last = i + 1;
        if !c.is_whitespace() {
            n += 1;
        }
    }
    for slot in &mut out[last..] {
        *slot = n;
    }
    out
}

#[test]
fn ud_ewt_sentence_f1_is_at_least_0_85() {
    let path = common::eval_dir().join("ud_ewt/en_ewt_test_documents.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!(
            "UD EWT: {} not found; skipping (it is present in CI)",
            path.display()
        );
        return;
    };
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("EWT line is JSON");
        let text = doc["text"].as_str().expect("text");
        let prefix = nonws_prefix(text);
        let mut gold = HashSet::new();
        let mut pos = 0;
        for sent in doc["sentences"].as_array().expect("sentences") {
            let sent = sent.as_str().expect("sentence");
            let at = pos
                + text[pos..]
                    .find(sent)
                    .expect("gold sentence is a substring, in order");
            let trimmed = sent.trim();
            let lead = sent.len() - sent.trim_start().len();
            gold.insert((prefix[at + lead], prefix[at + lead + trimmed.len()]));
            pos = at + sent.len();
        }
        let spans = orbita_split::split(text);
        common::check_contract(text, &spans);
        let pred: HashSet<(usize, usize)> = spans
            .iter()
            .map(|r| (prefix[r.start], prefix[r.end]))
            .collect();
        tp += gold.intersection(&pred).count();
        n_pred += pred.len();
        n_gold += gold.len();
    }
    let p = tp as f64 / n_pred as f64;
    let r = tp as f64 / n_gold as f64;
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("UD EWT test: P {p:.3} R {r:.3} F1 {f1:.3} ({n_gold} gold sentences)");
    assert_eq!(n_gold, 2077, "unexpected number of gold sentences");
    assert!(
        f1 >= 0.85,
        "UD EWT sentence F1 {f1:.3} < 0.85 (P {p:.3}, R {r:.3})"
    );
}
