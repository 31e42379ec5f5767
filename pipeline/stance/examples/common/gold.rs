//! The annotated stance set and how it is scored: one reader and one scorer for the stance
//! evaluation (`orbita-stance`: `examples/stance_eval.rs`, `tests/eval_pairs.rs`) and the model
//! labeller's training and evaluation (`orbita-model`: `examples/common`, `tests/committed_weights.rs`),
//! each of which includes this file with `#[path]` (`orbita-model` depends on `orbita-stance`, so
//! neither crate's library can hold it without eval-only code in its public API). Pure: the caller
//! reads the files.
//!
//! - `pipeline/eval/stance/dev.tsv`: `doc  sentence  actor  target  label`; every
//!   row is a development row; kind `news` for `seeds/…`, `wh` for `whitehouse/…`.
//! - `pipeline/eval/stance/pairs.tsv`: `id  split  kind  doc  speaker  sentence
//!   actor  target  label [annotator]`, `split` dev|test, `kind` un|wh|news;
//!   `sentence` is a key found as a substring of the whitespace-collapsed
//!   sentence; target `-` lists a sentence that names no side (no pair).
//! - the UN General Debate corpus (`ungdc-1946-2024.jsonl`): one speech per
//!   line, `country_iso3`, `session`, `year`, `text`, `source_path`; its
//!   documents are named `ungdc/<basename of source_path without .txt>` and
//!   spoken by `country_iso3`.
//! - the scores the stance evaluation prints: pair precision and recall, sign agreement on found
//!   pairs and macro-F1 over the six classes (−2…2 and `none`), per split, kind of text and
//!   perspective.

#![allow(dead_code)]

/// The six classes, `none` last (the order of `orbita_model::CLASSES`).
pub const CLASSES: [&str; 6] = ["-2", "-1", "0", "1", "2", "none"];

/// A gold file or corpus line could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum GoldError {
    /// The header row is not the expected one.
    #[error("{file}: header {found:?}, expected {expected:?}")]
    Header {
        /// File name.
        file: String,
        /// The header read.
        found: String,
        /// The header wanted.
        expected: String,
    },
    /// A row is malformed.
    #[error("{file} line {line}: {reason}")]
    Row {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Which split a gold row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Split {
    /// Development rows: training and model selection.
    Dev,
    /// Held-out rows: the final scoring only.
    Test,
}

impl Split {
    /// `dev` or `test`, as in `pairs.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// One gold (sentence, actor, target) row.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldRow {
    /// Row id (`dev:<line>` for dev.tsv).
    pub id: String,
    /// Split.
    pub split: Split,
    /// Kind of text: `un`, `wh` or `news`.
    pub kind: String,
    /// Document (`seeds/<file>`, `whitehouse/<path>`, `ungdc/<name>`).
    pub doc: String,
    /// The document's speaker, when the set records one.
    pub speaker: Option<String>,
    /// A unique opening of the sentence.
    pub sentence: String,
    /// Actor side id.
    pub actor: String,
    /// Target side id.
    pub target: String,
    /// Gold class: an index into [`CLASSES`].
    pub class: usize,
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r'))).filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
}

fn cells<'a>(file: &str, text: &'a str, header: &[&str]) -> Result<Vec<(usize, Vec<&'a str>)>, GoldError> {
    let mut lines = data_lines(text);
    let found = lines.next().map(|(_, l)| l).unwrap_or_default();
    if found.split('\t').map(str::trim).ne(header.iter().copied()) {
        return Err(GoldError::Header { file: file.into(), found: found.into(), expected: header.join("\t") });
    }
    lines
        .map(|(n, l)| {
            let c: Vec<&str> = l.split('\t').map(str::trim).collect();
            if c.len() != header.len() {
                return Err(GoldError::Row { file: file.into(), line: n, reason: format!("{} cells, expected {}", c.len(), header.len()) });
            }
            Ok((n, c))
        })
        .collect()
}

/// The class index of a label cell (`-2`…`2` or `none`).
pub fn class_of_str(cell: &str) -> Option<usize> {
    CLASSES.iter().position(|c| *c == cell.trim())
}

fn class(file: &str, line: usize, cell: &str) -> Result<usize, GoldError> {
    class_of_str(cell).ok_or_else(|| GoldError::Row { file: file.into(), line, reason: format!("label {cell:?} is not -2..2 or none") })
}

/// The kind of text of a document id.
pub fn kind_of_doc(doc: &str) -> &'static str {
    if doc.starts_with("ungdc/") {
        "un"
    } else if doc.starts_with("whitehouse/") {
        "wh"
    } else {
        "news"
    }
}

/// Parses `dev.tsv`: every row is a development row without a speaker.
pub fn parse_dev(text: &str) -> Result<Vec<GoldRow>, GoldError> {
    const FILE: &str = "dev.tsv";
    cells(FILE, text, &["doc", "sentence", "actor", "target", "label"])?
        .into_iter()
        .map(|(n, c)| {
            Ok(GoldRow {
                id: format!("dev:{n}"),
                split: Split::Dev,
                kind: kind_of_doc(c[0]).to_string(),
                doc: c[0].into(),
                speaker: None,
                sentence: c[1].into(),
                actor: c[2].into(),
                target: c[3].into(),
                class: class(FILE, n, c[4])?,
            })
        })
        .collect()
}

/// Parses `pairs.tsv`.
pub fn parse_pairs(text: &str) -> Result<Vec<GoldRow>, GoldError> {
    const FILE: &str = "pairs.tsv";
    let bad = |line: usize, reason: String| GoldError::Row { file: FILE.into(), line, reason };
    const COLUMNS: [&str; 10] = ["id", "split", "kind", "doc", "speaker", "sentence", "actor", "target", "label", "annotator"];
    let header = data_lines(text).next().map(|(_, l)| l).unwrap_or_default();
    let annotated = header.split('\t').count() == COLUMNS.len();
    cells(FILE, text, &COLUMNS[..if annotated { 10 } else { 9 }])?
        .into_iter()
        .map(|(n, c)| {
            let split = match c[1] {
                "dev" => Split::Dev,
                "test" => Split::Test,
                s => return Err(bad(n, format!("split {s:?} is not dev or test"))),
            };
            if !matches!(c[2], "un" | "wh" | "news") {
                return Err(bad(n, format!("kind {:?} is not un, wh or news", c[2])));
            }
            Ok(GoldRow {
                id: c[0].into(),
                split,
                kind: c[2].into(),
                doc: c[3].into(),
                speaker: (!c[4].is_empty() && c[4] != "-").then(|| c[4].to_string()),
                sentence: c[5].into(),
                actor: c[6].into(),
                target: c[7].into(),
                class: class(FILE, n, c[8])?,
            })
        })
        .collect()
}

/// One speech of the UN General Debate corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct UnSpeech {
    /// Document id: `ungdc/<basename of source_path without .txt>`.
    pub doc: String,
    /// The delegation (ISO alpha-3, or `EU`, `CSK`, …): the speaker.
    pub country: String,
    /// Year of the session.
    pub year: i32,
    /// The speech.
    pub text: String,
}

/// The document id of a corpus `source_path`.
pub fn un_doc_id(source_path: &str) -> String {
    let base = source_path.rsplit('/').next().unwrap_or(source_path);
    format!("ungdc/{}", base.strip_suffix(".txt").unwrap_or(base))
}

/// Joins the hard-wrapped lines of a UN speech the way the annotation draw
/// did (`pipeline/eval/stance/tools/unwrap_speeches.py`), so the annotated
/// sentence keys are found: a speech of more than 20 non-blank lines whose
/// median length is under 90 characters loses its page-marker lines
/// ("11-51670 26"), its line-end hyphens between lower-case letters, and its
/// line breaks (each with the spaces and tabs around it becomes one space; runs
/// of spaces become one). Other speeches are returned as they are.
pub fn unwrap_speech(text: &str) -> String {
    let mut lengths: Vec<usize> = text.split('\n').filter(|l| !l.trim().is_empty()).map(|l| l.chars().count()).collect();
    lengths.sort_unstable();
    let n = lengths.len();
    let median = if n == 0 { 0.0 } else if n % 2 == 1 { lengths[n / 2] as f64 } else { (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0 };
    if n <= 20 || median >= 90.0 {
        return text.to_string();
    }
    let is_marker = |l: &str| {
        let t = l.trim();
        let (a, rest) = t.split_at(t.find('-').unwrap_or(t.len()));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let Some(rest) = rest.strip_prefix('-') else { return false };
        let mut parts = rest.split_whitespace();
        let b = parts.next().unwrap_or_default();
        let c = parts.next();
        a.len() == 2 && digits(a) && (4..=5).contains(&b.len()) && digits(b) && c.is_none_or(digits) && parts.next().is_none()
    };
    let lines: Vec<&str> = text.split('\n').map(|l| if is_marker(l) { "" } else { l }).collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(line);
            continue;
        }
        let prev_end = out.trim_end_matches([' ', '\t']);
        let next = line.trim_start_matches([' ', '\t']);
        let hyphen = prev_end.strip_suffix('-').is_some_and(|p| p.chars().last().is_some_and(|c| c.is_ascii_lowercase()))
            && next.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let keep = prev_end.len() - usize::from(hyphen);
        out.truncate(keep);
        if !hyphen {
            out.push(' ');
        }
        out.push_str(next);
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == ' ' && collapsed.ends_with(' ')) {
            collapsed.push(c);
        }
    }
    collapsed
}

/// Parses one line of the UN corpus (line `line` of `file`, for messages).
pub fn parse_un_line(file: &str, line: usize, text: &str) -> Result<UnSpeech, GoldError> {
    let bad = |reason: String| GoldError::Row { file: file.into(), line, reason };
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).ok_or_else(|| bad(format!("no string field {k:?}")));
    let year = v.get("year").and_then(|x| x.as_i64()).ok_or_else(|| bad("no integer field \"year\"".into()))?;
    Ok(UnSpeech { doc: un_doc_id(s("source_path")?), country: s("country_iso3")?.to_string(), year: year as i32, text: s("text")?.to_string() })
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

fn class_index(l: &str) -> usize {
    class_of_str(l).unwrap_or(5)
}

/// The scores of `rows`.
pub fn metrics(rows: &[&Scored]) -> Metrics {
    let mut conf = [[0u32; 6]; 6];
    for r in rows {
        conf[class_index(&r.gold)][class_index(&r.pred)] += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_rows_parse_with_split_kind_and_speaker() {
        let text = "# comment\nid\tsplit\tkind\tdoc\tspeaker\tsentence\tactor\ttarget\tlabel\n\
                    p1\tdev\tun\tungdc/BEN_77_2022\tBEN\tWe condemn\tBEN\tRUS\t-2\n\
                    p2\ttest\twh\twhitehouse/a.md\t-\tThe United States\tUSA\tUKR\tnone\n";
        let rows = parse_pairs(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].split, rows[0].speaker.as_deref(), rows[0].class), (Split::Dev, Some("BEN"), 0));
        assert_eq!((rows[1].split, rows[1].speaker.as_deref(), rows[1].class), (Split::Test, None, 5));
        let with_annotator = "id\tsplit\tkind\tdoc\tspeaker\tsentence\tactor\ttarget\tlabel\tannotator\np\tdev\tun\td\tBEN\ts\tBEN\t-\tnone\tA\n";
        assert_eq!(parse_pairs(with_annotator).unwrap()[0].target, "-");
    }

    #[test]
    fn malformed_rows_name_file_line_and_reason() {
        let head = "id\tsplit\tkind\tdoc\tspeaker\tsentence\tactor\ttarget\tlabel\n";
        let e = parse_pairs(&format!("{head}p\tval\tun\td\t\ts\tA\tB\t1\n")).unwrap_err();
        assert_eq!(e.to_string(), "pairs.tsv line 2: split \"val\" is not dev or test");
        let e = parse_pairs(&format!("{head}p\tdev\tun\td\t\ts\tA\tB\t3\n")).unwrap_err();
        assert!(e.to_string().contains("label \"3\""), "{e}");
        assert!(matches!(parse_dev("doc\tlabel\n"), Err(GoldError::Header { .. })));
    }

    #[test]
    fn dev_rows_take_their_kind_from_the_document() {
        let rows = parse_dev("doc\tsentence\tactor\ttarget\tlabel\nseeds/a.txt\tCuba is an ally\tCUB\tRUS\t2\n").unwrap();
        assert_eq!((rows[0].kind.as_str(), rows[0].class), ("news", 4));
        let rows = parse_dev("doc\tsentence\tactor\ttarget\tlabel\nwhitehouse/x.md\tS\tUSA\tCHN\t-1\n").unwrap();
        assert_eq!((rows[0].kind.as_str(), rows[0].id.as_str(), rows[0].class), ("wh", "dev:2", 1));
    }

    #[test]
    fn wrapped_speeches_are_joined_like_the_annotation_draw() {
        let mut text = String::from("Mr. President,\n");
        for i in 0..24 {
            text.push_str(&format!("line {i} of the speech about Chit-\nral and  more\n"));
        }
        text.push_str("11-51670 26\nThe end.");
        let out = unwrap_speech(&text);
        assert!(out.starts_with("Mr. President, line 0 of the speech about Chitral and more line 1"), "{out}");
        assert!(out.ends_with("and more The end."), "{out}");
        let short = "One line.\nTwo.";
        assert_eq!(unwrap_speech(short), short, "twenty lines or fewer stay as they are");
    }

    #[test]
    fn un_lines_name_their_document_by_source_path() {
        let line = r#"{"country_iso3":"BEN","session":77,"year":2022,"text":"Mr President,","source_path":"data/TXT/Session 77 - 2022/BEN_77_2022.txt"}"#;
        let s = parse_un_line("ungdc.jsonl", 1, line).unwrap();
        assert_eq!((s.doc.as_str(), s.country.as_str(), s.year), ("ungdc/BEN_77_2022", "BEN", 2022));
        assert!(parse_un_line("ungdc.jsonl", 7, "{}").unwrap_err().to_string().starts_with("ungdc.jsonl line 7:"));
    }
}
