//! The annotated pairs of `pipeline/eval/stance/pairs.tsv` (and `dev.tsv`) and the scores the
//! stance evaluation prints for them: pair precision and recall, sign agreement on found pairs and
//! macro-F1 over the six classes (−2…2 and `none`), per split, kind of text and perspective.
//! Included by `examples/stance_eval.rs` and by `tests/eval_pairs.rs` (with a tiny fixture).

#![allow(dead_code)]

/// The six classes, `none` last.
pub const CLASSES: [&str; 6] = ["-2", "-1", "0", "1", "2", "none"];

/// One annotated (sentence, actor, target) triple.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub id: String,
    /// `dev` or `test`.
    pub split: String,
    /// `un`, `wh` or `news`.
    pub kind: String,
    /// `ungdc/<basename>`, `whitehouse/<path>` or `seeds/<file>`.
    pub doc: String,
    /// The document's speaker (empty for news).
    pub speaker: String,
    /// A unique opening of the sentence, whitespace runs collapsed.
    pub sentence: String,
    pub actor: String,
    pub target: String,
    /// −2…2 or `none`.
    pub label: String,
}

/// Parses `pairs.tsv` (columns `id split kind doc speaker sentence actor target label`, by header
/// name; `#` comment lines). Errors name the line and the reason.
pub fn parse_pairs(text: &str) -> Result<Vec<PairRow>, String> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let Some((_, header)) = lines.next() else { return Ok(Vec::new()) };
    let cols: Vec<&str> = header.split('\t').collect();
    let at = |name: &str| cols.iter().position(|c| c.trim() == name).ok_or(format!("pairs.tsv: no column {name:?} in the header"));
    let idx = [at("id")?, at("split")?, at("kind")?, at("doc")?, at("speaker")?, at("sentence")?, at("actor")?, at("target")?, at("label")?];
    let mut out = Vec::new();
    for (n, l) in lines {
        let c: Vec<&str> = l.split('\t').collect();
        let get = |i: usize| c.get(idx[i]).map(|s| s.trim().to_string()).ok_or(format!("pairs.tsv line {}: {} columns, expected {}", n + 1, c.len(), cols.len()));
        let row = PairRow {
            id: get(0)?,
            split: get(1)?,
            kind: get(2)?,
            doc: get(3)?,
            speaker: get(4)?,
            sentence: get(5)?,
            actor: get(6)?,
            target: get(7)?,
            label: get(8)?,
        };
        if !["dev", "test"].contains(&row.split.as_str()) {
            return Err(format!("pairs.tsv line {}: split {:?}, expected dev or test", n + 1, row.split));
        }
        if !CLASSES.contains(&row.label.as_str()) {
            return Err(format!("pairs.tsv line {}: label {:?}, expected -2..2 or none", n + 1, row.label));
        }
        out.push(row);
    }
    Ok(out)
}

/// The kind of text a document path names.
pub fn kind_of(doc: &str) -> &'static str {
    if doc.starts_with("ungdc/") {
        "un"
    } else if doc.starts_with("whitehouse/") {
        "wh"
    } else {
        "news"
    }
}

/// One scored (sentence, actor, target): gold and predicted class.
#[derive(Clone, Debug)]
pub struct Scored {
    pub gold: String,
    pub pred: String,
    pub split: String,
    pub kind: String,
    /// The actor is the document's speaker.
    pub own: bool,
}

/// Pair-level and label-level scores of a set of scored triples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    pub n: usize,
    /// Gold pairs with a stance (not `none`), predicted pairs with one.
    pub gold_pairs: usize,
    pub pred_pairs: usize,
    /// Predicted pairs whose gold is a stance / predicted pairs.
    pub precision: f64,
    /// Gold stance pairs with any predicted stance / gold stance pairs.
    pub recall: f64,
    /// Found pairs (both a stance) with the same sign (0 counts as its own sign).
    pub sign: f64,
    /// Mean F1 of the six classes.
    pub macro_f1: f64,
}

fn class(l: &str) -> usize {
    CLASSES.iter().position(|c| *c == l).unwrap_or(5)
}

/// The scores of `rows`.
pub fn metrics(rows: &[&Scored]) -> Metrics {
    let mut conf = [[0u32; 6]; 6];
    for r in rows {
        conf[class(&r.gold)][class(&r.pred)] += 1;
    }
    let stance = |l: &str| l != "none";
    let gold_pairs = rows.iter().filter(|r| stance(&r.gold)).count();
    let pred_pairs = rows.iter().filter(|r| stance(&r.pred)).count();
    let found: Vec<&&Scored> = rows.iter().filter(|r| stance(&r.gold) && stance(&r.pred)).collect();
    let sign_of = |l: &str| l.parse::<i32>().map(i32::signum).unwrap_or(9);
    let same = found.iter().filter(|r| sign_of(&r.gold) == sign_of(&r.pred)).count();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1s: Vec<f64> = (0..6)
        .map(|i| {
            let tp = f64::from(conf[i][i]);
            let gold: u32 = conf[i].iter().sum();
            let pred: u32 = (0..6).map(|g| conf[g][i]).sum();
            let (p, r) = (if pred > 0 { tp / f64::from(pred) } else { 0.0 }, if gold > 0 { tp / f64::from(gold) } else { 0.0 });
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        })
        .collect();
    Metrics {
        n: rows.len(),
        gold_pairs,
        pred_pairs,
        precision: ratio(found.len(), pred_pairs),
        recall: ratio(found.len(), gold_pairs),
        sign: ratio(same, found.len()),
        macro_f1: f1s.iter().sum::<f64>() / 6.0,
    }
}

/// The Markdown table of the scores of `split`: per kind of text and perspective (the speaker's
/// own stances, third-party stances), then all of the split.
pub fn table(scored: &[Scored], split: &str) -> String {
    let mut out = String::from("| kind | stances | triples | gold pairs | predicted | pair precision | pair recall | sign on found | macro-F1 |\n|---|---|---|---|---|---|---|---|---|\n");
    let mut kinds: Vec<&str> = scored.iter().filter(|s| s.split == split).map(|s| s.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut line = |kind: &str, who: &str, rows: Vec<&Scored>| {
        if rows.is_empty() {
            return;
        }
        let m = metrics(&rows);
        out += &format!(
            "| {kind} | {who} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            m.n, m.gold_pairs, m.pred_pairs, m.precision, m.recall, m.sign, m.macro_f1
        );
    };
    for k in &kinds {
        let of_kind = || scored.iter().filter(|s| s.split == split && s.kind == *k);
        line(k, "speaker's own", of_kind().filter(|s| s.own).collect());
        line(k, "third-party", of_kind().filter(|s| !s.own).collect());
    }
    let all = || scored.iter().filter(|s| s.split == split);
    line("all", "speaker's own", all().filter(|s| s.own).collect());
    line("all", "third-party", all().filter(|s| !s.own).collect());
    line("all", "all", all().collect());
    out
}
