//! What the training and evaluation examples share: the repository's
//! reference data, the gold rows, the documents they name read through the real
//! ingest → split → link path, and the gold sentences located in them.
#![allow(dead_code)]

/// The reader of the annotated set, shared with the stance evaluation.
#[path = "../../../stance/examples/common/gold.rs"]
pub mod gold;
/// The repository's reference data (lexicon, knowledge base, White House corpus), read as the
/// stance examples read it.
#[path = "../../../stance/examples/common/inputs.rs"]
pub mod inputs;

pub use inputs::{linker, rules};

use gold::{GoldRow, Split};
use orbita_model::{features, ModelLabeller};
use orbita_stance::{DocView, Labeller, RuleLabeller};
use orbita_text::{Date, Mention, StanceRecord};
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where the inputs live.
pub struct Paths {
    /// Repository root.
    pub root: PathBuf,
    /// The unpacked White House corpus (`…/whitehouse`).
    pub whitehouse: PathBuf,
    /// The UN General Debate corpus (`.jsonl.zst` or `.jsonl`).
    pub ungdc: PathBuf,
}

impl Paths {
    /// From `--whitehouse DIR` and `--ungdc FILE`, defaulting to the shared corpora
    /// (the White House archive is unpacked once into the temp dir).
    pub fn from_args(args: &[String]) -> Paths {
        let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
        let root = PathBuf::from(".");
        let whitehouse = inputs::whitehouse_dir(&root, arg("--whitehouse")).unwrap_or_else(|e| panic!("{e}"));
        let ungdc = arg("--ungdc").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/corpora/ungdc-1946-2024.jsonl.zst"));
        Paths { root, whitehouse, ungdc }
    }
}

/// Every gold row: `dev.tsv` (development) and `pairs.tsv` (dev and test), if present.
pub fn gold_rows(root: &Path) -> Vec<GoldRow> {
    assert_eq!(gold::CLASSES, orbita_model::CLASSES, "the gold classes are the model's classes");
    let dir = root.join("pipeline/eval/stance");
    let dev = std::fs::read_to_string(dir.join("dev.tsv")).expect("pipeline/eval/stance/dev.tsv (run from the repo root)");
    let mut rows = gold::parse_dev(&dev).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(pairs) = std::fs::read_to_string(dir.join("pairs.tsv")) {
        rows.extend(gold::parse_pairs(&pairs).unwrap_or_else(|e| panic!("{e}")));
    }
    rows
}

/// A document as the pipeline reads it.
pub struct Text {
    /// Normalised text.
    pub text: String,
    /// Document date.
    pub date: Option<Date>,
    /// Sentence spans.
    pub sentences: Vec<Range<usize>>,
    /// Linked mentions.
    pub mentions: Vec<Mention>,
}

impl Text {
    /// The labeller's view with `speaker`.
    pub fn view<'a>(&'a self, speaker: Option<&'a str>) -> DocView<'a> {
        DocView { text: &self.text, sentences: &self.sentences, mentions: &self.mentions, date: self.date, speaker }
    }
}

/// One input read through the real ingest → split → link path (its first document).
pub fn ingest(linker: &orbita_link::Linker, path: &str, bytes: &[u8], sidecar: Option<&[u8]>) -> Option<Text> {
    let input = orbita_ingest::Input { path, bytes, sidecar };
    let parsed = orbita_ingest::parse(&input, &orbita_ingest::Limits::default()).into_iter().next()?.ok()?;
    let text = parsed.text;
    let date = parsed.meta.date_from.or(parsed.meta.date_to);
    let sentences = orbita_split::split(&text);
    let mentions = linker.link(&text, &sentences, date);
    Some(Text { text, date, sentences, mentions })
}

/// Reads the UN speeches named in `wanted` from the corpus (zstd-compressed or
/// plain JSONL), unwrapped as the annotation draw did, as JSONL lines for ingest.
fn un_lines(path: &Path, wanted: &BTreeSet<&str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if wanted.is_empty() {
        return out;
    }
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "zst") {
        Box::new(std::io::BufReader::new(zstd::stream::read::Decoder::new(file).expect("zstd stream")))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let name = path.display().to_string();
    for (i, line) in reader.lines().enumerate() {
        let line = line.unwrap_or_else(|e| panic!("{name} line {}: {e}", i + 1));
        // Cheap filter before parsing: the file name must occur in the line.
        if !wanted.iter().any(|w| line.contains(w.trim_start_matches("ungdc/"))) {
            continue;
        }
        let speech = gold::parse_un_line(&name, i + 1, &line).unwrap_or_else(|e| panic!("{e}"));
        if wanted.contains(speech.doc.as_str()) {
            let mut v: serde_json::Value = serde_json::from_str(&line).expect("parsed above");
            v["text"] = serde_json::Value::String(gold::unwrap_speech(&speech.text));
            out.insert(speech.doc, v.to_string());
        }
    }
    out
}

/// Reads every document `docs` names; missing ones are left out (and reported).
pub fn read_docs(paths: &Paths, linker: &orbita_link::Linker, docs: &BTreeSet<&str>) -> (BTreeMap<String, Text>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut missing = Vec::new();
    let un: BTreeSet<&str> = docs.iter().copied().filter(|d| d.starts_with("ungdc/")).collect();
    let speeches = un_lines(&paths.ungdc, &un);
    for &doc in docs {
        let text = if let Some(f) = doc.strip_prefix("seeds/") {
            let p = paths.root.join("data/raw").join(f);
            let side = std::fs::read(format!("{}.meta.yaml", p.display())).ok();
            std::fs::read(&p).ok().and_then(|b| ingest(linker, f, &b, side.as_deref()))
        } else if let Some(f) = doc.strip_prefix("whitehouse/") {
            std::fs::read(paths.whitehouse.join(f)).ok().and_then(|b| ingest(linker, f, &b, None))
        } else {
            speeches.get(doc).and_then(|line| ingest(linker, "speech.jsonl", line.as_bytes(), None))
        };
        match text {
            Some(t) => {
                out.insert(doc.to_string(), t);
            }
            None => missing.push(doc.to_string()),
        }
    }
    (out, missing)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn alnum(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The sentence of `t` whose whitespace-collapsed text contains `key` (else,
/// compared on lower-case alphanumerics only), the first if several do.
pub fn find_sentence(t: &Text, key: &str) -> Option<usize> {
    let key_c = collapse(key);
    let texts: Vec<String> = t.sentences.iter().map(|r| collapse(&t.text[r.clone()])).collect();
    if let Some(i) = texts.iter().position(|s| s.contains(&key_c)) {
        return Some(i);
    }
    let key_a = alnum(key);
    texts.iter().position(|s| alnum(s).contains(&key_a))
}

/// One gold sentence: where it is and the rows that list it.
pub struct Site<'a> {
    /// Document id.
    pub doc: &'a str,
    /// The speaker the rows give (None for dev.tsv).
    pub speaker: Option<&'a str>,
    /// Split.
    pub split: Split,
    /// Kind of text.
    pub kind: &'a str,
    /// Sentence index.
    pub sentence: usize,
    /// The rows (a row with target `-` lists the sentence without a pair).
    pub rows: Vec<&'a GoldRow>,
}

impl Site<'_> {
    /// The gold class of a pair (none when the sentence does not list it).
    pub fn gold(&self, actor: &str, target: &str) -> usize {
        self.rows.iter().find(|r| r.actor == actor && r.target == target).map_or(orbita_model::NONE, |r| r.class)
    }

    /// The listed pairs.
    pub fn pairs(&self) -> impl Iterator<Item = &GoldRow> {
        self.rows.iter().copied().filter(|r| r.target != "-" && r.actor != "-")
    }

    /// Fold key of the sentence.
    pub fn group(&self) -> u64 {
        features::fnv1a(&format!("{}#{}", self.doc, self.sentence))
    }
}

/// Locates every row's sentence; rows whose sentence is not found are returned apart.
pub fn locate<'a>(rows: &'a [GoldRow], texts: &BTreeMap<String, Text>) -> (Vec<Site<'a>>, Vec<&'a GoldRow>) {
    let mut sites: BTreeMap<(&str, Option<&str>, usize), Site<'a>> = BTreeMap::new();
    let mut lost = Vec::new();
    for r in rows {
        let Some(i) = texts.get(&r.doc).and_then(|t| find_sentence(t, &r.sentence)) else {
            lost.push(r);
            continue;
        };
        sites
            .entry((r.doc.as_str(), r.speaker.as_deref(), i))
            .or_insert_with(|| Site { doc: &r.doc, speaker: r.speaker.as_deref(), split: r.split, kind: &r.kind, sentence: i, rows: vec![] })
            .rows
            .push(r);
    }
    (sites.into_values().collect(), lost)
}

/// What both labellers need per (document, speaker): the rules' records and the candidates.
pub struct Labelled {
    /// The rules' records.
    pub rules: Vec<StanceRecord>,
    /// The candidates.
    pub candidates: Vec<orbita_model::Candidate>,
}

/// Runs the rules on each (document, speaker) the sites name, once.
pub fn label_sites<'a>(rules: &RuleLabeller, texts: &BTreeMap<String, Text>, sites: &[Site<'a>]) -> BTreeMap<(&'a str, Option<&'a str>), Labelled> {
    let mut out = BTreeMap::new();
    for s in sites {
        out.entry((s.doc, s.speaker)).or_insert_with(|| {
            let view = texts[s.doc].view(s.speaker);
            let recs = rules.label(&view);
            let candidates = orbita_model::candidates::candidates(&view, &recs, orbita_model::candidates::partners(&view).as_ref());
            Labelled { rules: recs, candidates }
        });
    }
    out
}

/// One training row with where it comes from.
pub struct Row {
    /// The example.
    pub example: orbita_model::train::Example,
    /// Index of its site.
    pub site: usize,
    /// Actor.
    pub actor: String,
    /// Target.
    pub target: String,
}

/// The candidates of the sites as training rows (feature names from `model`).
pub fn examples(
    model: &ModelLabeller,
    texts: &BTreeMap<String, Text>,
    sites: &[Site<'_>],
    labelled: &BTreeMap<(&str, Option<&str>), Labelled>,
) -> Vec<Row> {
    let mut out = Vec::new();
    for (si, s) in sites.iter().enumerate() {
        let l = &labelled[&(s.doc, s.speaker)];
        let view = texts[s.doc].view(s.speaker);
        for c in l.candidates.iter().filter(|c| c.sentence == s.sentence) {
            let features = model.feature_names(&view, &l.rules, c);
            let example = orbita_model::train::Example { features, class: s.gold(&c.actor, &c.target), group: s.group() };
            out.push(Row { example, site: si, actor: c.actor.clone(), target: c.target.clone() });
        }
    }
    out
}

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
