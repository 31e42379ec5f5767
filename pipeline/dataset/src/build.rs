//! The build runner: raw inputs → the six tables of a dataset version.
//!
//! Stages, each declared with its name, version, params, what it reads and
//! the table it writes (see [`stages`]):
//!
//! | stage     | reads                         | writes                |
//! |-----------|-------------------------------|-----------------------|
//! | ingest    | raw files                     | documents, rejects    |
//! | split     | documents                     | sentences             |
//! | link      | documents, sentences, kb      | mentions              |
//! | stance    | documents, sentences, mentions, lexicon | stances     |
//! | aggregate | documents, stances            | alignment             |
//!
//! Documents are processed in parallel (rayon) and gathered back in
//! `doc_id` order, so the output does not depend on the thread count or on
//! the order the inputs were found in. The language work is done by the
//! pure stage crates; this module only reads files, converts byte offsets to
//! character offsets and writes tables.

use crate::inputs::{read_reference, reference_entries, sha256_hex, walk_raw, RawEntry, SIDECAR_SUFFIX};
use crate::manifest::{Accounting, InputEntry, Manifest, StageEntry, TableEntry, MANIFEST_FORMAT};
use crate::parquet_io::{write_table, TableIoError};
use crate::schema::{SchemaError, TableSchema};
use crate::store::{Store, StoreError};
use crate::tables::*;
use orbita_text::Date;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tracing::{info, info_span, warn};

/// Build errors (a reject is not an error: it is a row).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The knowledge base is invalid.
    #[error("knowledge base {dir}: {message}")]
    Kb {
        /// The directory.
        dir: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The stance lexicon is invalid.
    #[error("lexicon {dir}: {message}")]
    Lexicon {
        /// The directory.
        dir: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A table does not match its schema.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// Table I/O failed.
    #[error(transparent)]
    Table(#[from] TableIoError),
    /// The output store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A configured limit was exceeded.
    #[error("{0}")]
    Limit(String),
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    Threads(String),
}

/// What a build reads and where it writes.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// Raw input directory (`data/raw`).
    pub raw: PathBuf,
    /// Output directory for dataset versions (`data/datasets`).
    pub out: PathBuf,
    /// Knowledge base directory (`data/kb`).
    pub kb: PathBuf,
    /// Stance lexicon directory (`data/lexicon`).
    pub lexicon: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Largest accepted document, in bytes.
    pub max_document_bytes: usize,
    /// Most input files accepted; past it the build stops with an error.
    pub max_files: usize,
    /// Wait for another build's lock instead of failing at once.
    pub wait: bool,
}

impl BuildConfig {
    /// The defaults for a repository checkout rooted at `root`.
    pub fn in_repo(root: &Path) -> BuildConfig {
        BuildConfig {
            raw: root.join("data/raw"),
            out: root.join("data/datasets"),
            kb: root.join("data/kb"),
            lexicon: root.join("data/lexicon"),
            threads: 0,
            max_document_bytes: orbita_ingest::Limits::default().max_document_bytes,
            max_files: 10_000_000,
            wait: false,
        }
    }
}

/// The result of a build.
#[derive(Debug)]
pub struct BuildOutcome {
    /// The version directory.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// The rejects (for the end-of-build report).
    pub rejects: Vec<RejectRow>,
    /// What a killed earlier build had left and this one removed.
    pub cleaned: Vec<PathBuf>,
    /// Wall time per stage in seconds (kept out of the manifest: clocks
    /// do not go into the dataset).
    pub timings: Vec<(&'static str, f64)>,
}

/// Stage versions: bump when a stage's output meaning changes.
pub mod versions {
    /// ingest
    pub const INGEST: u32 = 1;
    /// split
    pub const SPLIT: u32 = 1;
    /// link
    pub const LINK: u32 = 1;
    /// stance
    pub const STANCE: u32 = 1;
    /// aggregate
    pub const AGGREGATE: u32 = 1;
}

/// One input record after ingest.
struct Ingested {
    path: String,
    raw_sha256: String,
    parsed: orbita_ingest::Parsed,
}

/// Reads every raw input and parses it; returns documents, rejects and the
/// raw input entries for the manifest.
fn ingest(
    cfg: &BuildConfig,
    entries: &[RawEntry],
) -> (Vec<Ingested>, Vec<RejectRow>, Vec<InputEntry>, u64) {
    let limits = orbita_ingest::Limits { max_document_bytes: cfg.max_document_bytes, ..Default::default() };
    let per_file: Vec<(Vec<Ingested>, Vec<RejectRow>, InputEntry, u64)> = entries
        .par_iter()
        .map(|e| {
            let reject = |code: &str, reason: String, sha: Option<String>, bytes: Option<i64>| RejectRow {
                path: e.rel.clone(),
                record: 0,
                byte_offset: None,
                code: code.to_string(),
                reason,
                raw_sha256: sha,
                bytes,
            };
            if let Some(problem) = &e.problem {
                let entry = InputEntry { path: e.rel.clone(), sha256: String::new(), bytes: 0 };
                return (vec![], vec![reject("unreadable", problem.clone(), None, None)], entry, 1);
            }
            if e.rel.ends_with(SIDECAR_SUFFIX) {
                let entry = InputEntry { path: e.rel.clone(), sha256: String::new(), bytes: 0 };
                let main = e.rel.trim_end_matches(SIDECAR_SUFFIX);
                let reason = format!("metadata sidecar without its document {main:?}");
                return (vec![], vec![reject("unsupported", reason, None, None)], entry, 1);
            }
            // Check the size before reading, so a huge file is not loaded.
            if let Ok(meta) = std::fs::metadata(&e.path) {
                if meta.len() > limits.max_document_bytes as u64 {
                    let entry = InputEntry { path: e.rel.clone(), sha256: String::new(), bytes: meta.len() };
                    let reason = format!(
                        "file is {} bytes, over the limit of {} bytes (--max-document-bytes)",
                        meta.len(),
                        limits.max_document_bytes
                    );
                    return (vec![], vec![reject("too_large", reason, None, Some(meta.len() as i64))], entry, 1);
                }
            }
            let bytes = match std::fs::read(&e.path) {
                Ok(b) => b,
                Err(err) => {
                    let entry = InputEntry { path: e.rel.clone(), sha256: String::new(), bytes: 0 };
                    return (vec![], vec![reject("unreadable", format!("cannot read the file: {err}"), None, None)], entry, 1);
                }
            };
            let sha = sha256_hex(&bytes);
            let sidecar_path = PathBuf::from(format!("{}{SIDECAR_SUFFIX}", e.path.display()));
            let sidecar = match std::fs::read(&sidecar_path) {
                Ok(b) => Some(b),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                Err(err) => {
                    let entry = InputEntry { path: e.rel.clone(), sha256: sha.clone(), bytes: bytes.len() as u64 };
                    let reason = format!("cannot read its metadata sidecar {}{SIDECAR_SUFFIX}: {err}", e.rel);
                    return (vec![], vec![reject("unreadable", reason, Some(sha), Some(bytes.len() as i64))], entry, 1);
                }
            };
            let mut entry_sha = sha.clone();
            if let Some(s) = &sidecar {
                // The sidecar is part of the input: hash both.
                entry_sha = sha256_hex(format!("{sha} {}", sha256_hex(s)).as_bytes());
            }
            let entry = InputEntry { path: e.rel.clone(), sha256: entry_sha, bytes: bytes.len() as u64 };
            let input = orbita_ingest::Input { path: &e.rel, bytes: &bytes, sidecar: sidecar.as_deref() };
            let results = orbita_ingest::parse(&input, &limits);
            let records = results.len().max(1) as u64;
            let mut docs = Vec::new();
            let mut rejects = Vec::new();
            for r in results {
                match r {
                    Ok(parsed) => docs.push(Ingested { path: e.rel.clone(), raw_sha256: sha.clone(), parsed }),
                    Err(rej) => rejects.push(RejectRow {
                        path: e.rel.clone(),
                        record: rej.record as i32,
                        byte_offset: rej.byte_offset.map(|o| o as i64),
                        code: rej.code.as_str().to_string(),
                        reason: rej.message,
                        raw_sha256: Some(sha.clone()),
                        bytes: Some(bytes.len() as i64),
                    }),
                }
            }
            if docs.is_empty() && rejects.is_empty() {
                rejects.push(reject("no_text", "the file holds no record".into(), Some(sha.clone()), Some(bytes.len() as i64)));
            }
            (docs, rejects, entry, records)
        })
        .collect();
    let mut docs = Vec::new();
    let mut rejects = Vec::new();
    let mut raw = Vec::new();
    let mut records = 0;
    for (d, r, e, n) in per_file {
        docs.extend(d);
        rejects.extend(r);
        raw.push(e);
        records += n;
    }
    (docs, rejects, raw, records)
}

/// The document id of a normalised text.
pub fn doc_id(text: &str) -> String {
    sha256_hex(text.as_bytes())[..16].to_string()
}

fn input_label(path: &str, record: u32) -> String {
    if record == 0 {
        path.to_string()
    } else {
        format!("{path}#{record}")
    }
}

/// Collapses duplicates: the first input in (path, record) order keeps the
/// row; the others are counted on it.
fn dedupe(ingested: Vec<Ingested>) -> (Vec<DocumentRow>, u64) {
    let mut by_id: BTreeMap<String, (Ingested, Vec<String>)> = BTreeMap::new();
    let mut duplicates = 0;
    for item in ingested {
        let id = doc_id(&item.parsed.text);
        match by_id.get_mut(&id) {
            Some((_, dups)) => {
                dups.push(input_label(&item.path, item.parsed.record));
                duplicates += 1;
            }
            None => {
                by_id.insert(id, (item, Vec::new()));
            }
        }
    }
    let rows = by_id
        .into_iter()
        .map(|(id, (item, mut dups))| {
            dups.sort();
            let p = item.parsed;
            let m = p.meta;
            DocumentRow {
                doc_id: id,
                path: item.path,
                record: p.record as i32,
                format: p.format.as_str().to_string(),
                encoding: p.encoding.to_string(),
                title: m.title,
                url: m.url,
                source: m.source,
                source_kind: m.source_kind,
                date_from: m.date_from,
                date_to: m.date_to,
                language: m.language,
                translated_from: m.translated_from,
                translation_note: m.translation_note,
                tags: m.tags,
                chars: p.text.chars().count() as i32,
                text: p.text,
                raw_sha256: item.raw_sha256,
                duplicates: dups.len() as i32,
                duplicate_inputs: dups,
                removed: p.removed.into_iter().map(|r| format!("{}: {}", r.kind, r.text)).collect(),
            }
        })
        .collect();
    (rows, duplicates)
}

/// The language stages' output for one document.
#[derive(Default)]
struct DocOutput {
    sentences: Vec<SentenceRow>,
    mentions: Vec<MentionRow>,
    stances: Vec<StanceRow>,
}

fn process_document(
    doc: &DocumentRow,
    linker: &orbita_link::Linker,
    labeller: &dyn orbita_stance::Labeller,
) -> DocOutput {
    let text = doc.text.as_str();
    let date: Option<Date> = doc.date_from.or(doc.date_to);
    let spans = orbita_split::split(text);
    let mentions = linker.link(text, &spans, date);
    let view = orbita_stance::DocView { text, sentences: &spans, mentions: &mentions, date };
    let stances = labeller.label(&view);

    // One pass converting every byte offset to characters, in order.
    let mut offsets: Vec<usize> = Vec::with_capacity(spans.len() * 2 + mentions.len() * 2 + stances.len() * 2);
    for s in &spans {
        offsets.push(s.start);
        offsets.push(s.end);
    }
    for m in &mentions {
        offsets.push(m.span.start);
        offsets.push(m.span.end);
    }
    for s in &stances {
        offsets.push(s.evidence.start);
        offsets.push(s.evidence.end);
    }
    let chars = orbita_text::byte_to_char_offsets(text, &offsets);
    let mut c = chars.into_iter().map(|v| v as i32);
    let mut next = || c.next().expect("one char offset per byte offset");

    let mut out = DocOutput::default();
    for (i, s) in spans.iter().enumerate() {
        let (start, end) = (next(), next());
        out.sentences.push(SentenceRow {
            doc_id: doc.doc_id.clone(),
            sentence: i as i32,
            start,
            end,
            text: text[s.clone()].to_string(),
        });
    }
    for (i, m) in mentions.iter().enumerate() {
        let (start, end) = (next(), next());
        out.mentions.push(MentionRow {
            doc_id: doc.doc_id.clone(),
            mention: i as i32,
            sentence: m.sentence as i32,
            start,
            end,
            surface: m.surface.clone(),
            entity_id: m.entity_id.clone(),
            kind: m.kind.as_str().to_string(),
            country: m.country.clone(),
            method: m.method.as_str().to_string(),
            confidence: m.confidence,
        });
    }
    let mut per_sentence: BTreeMap<usize, i32> = BTreeMap::new();
    for s in &stances {
        let (start, end) = (next(), next());
        let idx = per_sentence.entry(s.sentence).or_insert(0);
        out.stances.push(StanceRow {
            doc_id: doc.doc_id.clone(),
            sentence: s.sentence as i32,
            stance: *idx,
            actor: s.actor.clone(),
            target: s.target.clone(),
            label: s.label,
            score: f64::from(s.label) * s.confidence,
            confidence: s.confidence,
            cue: s.cue.clone(),
            negated: s.negated,
            hedged: s.hedged,
            year_from: s.year_from,
            year_to: s.year_to,
            attributed_to: s.attributed_to.clone(),
            evidence_start: start,
            evidence_end: end,
            actor_mention: s.actor_mention.map(|i| i as i32),
            target_mention: s.target_mention.map(|i| i as i32),
            labeller: labeller.name().to_string(),
            labeller_version: labeller.version() as i32,
        });
        *idx += 1;
    }
    out.stances.sort_by(|a, b| (a.sentence, a.stance).cmp(&(b.sentence, b.stance)));
    out
}

/// Observations for the aggregate, from stances joined with their documents.
pub fn observations(docs: &[DocumentRow], stances: &[StanceRow]) -> Vec<orbita_aggregate::Observation> {
    let by_id: BTreeMap<&str, &DocumentRow> = docs.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    stances
        .iter()
        .filter_map(|s| {
            let d = by_id.get(s.doc_id.as_str())?;
            Some(orbita_aggregate::Observation {
                doc_id: s.doc_id.clone(),
                sentence: s.sentence as u32,
                actor: s.actor.clone(),
                target: s.target.clone(),
                label: s.label,
                confidence: s.confidence,
                negated: s.negated,
                hedged: s.hedged,
                year_from: s.year_from,
                year_to: s.year_to,
                doc_date: d.date_from.or(d.date_to),
                source: d.source.clone().unwrap_or_default(),
                source_kind: d.source_kind.clone().unwrap_or_default(),
                attributed_to: s.attributed_to.clone(),
            })
        })
        .collect()
}

/// Converts aggregate rows to table rows.
pub fn alignment_rows(rows: Vec<orbita_aggregate::AlignmentRow>) -> Vec<AlignmentTableRow> {
    rows.into_iter()
        .map(|r| AlignmentTableRow {
            country: r.country,
            target: r.target,
            period: r.period,
            perspective: r.perspective,
            year: r.year,
            score: r.score,
            score_low: r.score_low,
            score_high: r.score_high,
            label: r.label,
            stances: r.stances as i32,
            documents: r.documents as i32,
            sources: r.sources as i32,
            counts: r.counts.map(|c| c as i32),
            evidence: r.evidence.into_iter().map(|(d, s)| format!("{d}:{s}")).collect(),
        })
        .collect()
}

fn stage_key(name: &str, version: u32, params: &BTreeMap<String, String>, deps: &[String], writes: &[&str]) -> String {
    let mut s = format!("{name}\n{version}\n");
    for (k, v) in params {
        s.push_str(&format!("param {k}={v}\n"));
    }
    for d in deps {
        s.push_str(&format!("dep {d}\n"));
    }
    for w in writes {
        let schema = TableSchema::get(w).map(|t| t.sha256.clone()).unwrap_or_default();
        s.push_str(&format!("schema {w} {schema}\n"));
    }
    sha256_hex(s.as_bytes())
}

fn entries_digest(entries: &[InputEntry]) -> String {
    let mut s = String::new();
    for e in entries {
        s.push_str(&format!("{} {} {}\n", e.path, e.sha256, e.bytes));
    }
    sha256_hex(s.as_bytes())
}

/// Declares the stages of a build with their cache keys.
fn stages(
    cfg: &BuildConfig,
    inputs: &BTreeMap<String, Vec<InputEntry>>,
    labeller: &dyn orbita_stance::Labeller,
    agg: &orbita_aggregate::Params,
) -> Vec<StageEntry> {
    let p = |pairs: &[(&str, String)]| pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<BTreeMap<_, _>>();
    let mk = |name: &str, version: u32, params: BTreeMap<String, String>, reads: &[&str], writes: &[&str], deps: Vec<String>| {
        let key = stage_key(name, version, &params, &deps, writes);
        StageEntry {
            name: name.into(),
            version,
            params,
            reads: reads.iter().map(|s| s.to_string()).collect(),
            writes: writes.iter().map(|s| s.to_string()).collect(),
            key,
        }
    };
    let ingest = mk(
        "ingest",
        versions::INGEST,
        p(&[("max_document_bytes", cfg.max_document_bytes.to_string())]),
        &["raw"],
        &["documents", "rejects"],
        vec![entries_digest(&inputs["raw"])],
    );
    let split = mk("split", versions::SPLIT, p(&[]), &["documents"], &["sentences"], vec![ingest.key.clone()]);
    let link = mk(
        "link",
        versions::LINK,
        p(&[]),
        &["documents", "sentences", "kb"],
        &["mentions"],
        vec![split.key.clone(), entries_digest(&inputs["kb"])],
    );
    let stance = mk(
        "stance",
        versions::STANCE,
        p(&[("labeller", labeller.name().to_string()), ("labeller_version", labeller.version().to_string())]),
        &["documents", "sentences", "mentions", "lexicon"],
        &["stances"],
        vec![link.key.clone(), entries_digest(&inputs["lexicon"])],
    );
    let aggregate = mk(
        "aggregate",
        versions::AGGREGATE,
        p(&[("params", agg.canonical())]),
        &["documents", "stances"],
        &["alignment"],
        vec![stance.key.clone()],
    );
    vec![ingest, split, link, stance, aggregate]
}

/// Runs a build and publishes a new dataset version.
pub fn build(cfg: &BuildConfig) -> Result<BuildOutcome, BuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .map_err(|e| BuildError::Threads(e.to_string()))?;
    pool.install(|| build_in_pool(cfg))
}

fn build_in_pool(cfg: &BuildConfig) -> Result<BuildOutcome, BuildError> {
    let store = Store::open(&cfg.out)?;
    let lock = store.lock(cfg.wait)?;
    let cleaned = store.clean(&lock)?;
    for c in &cleaned {
        warn!(path = %c.display(), "Removed what an interrupted build left.");
    }

    // Reference data.
    let kb_files = read_reference(&cfg.kb, &[".tsv", ".csv", ".toml"])
        .map_err(|e| BuildError::Io { path: cfg.kb.clone(), source: e })?;
    let kb_refs: Vec<(&str, &str)> = kb_files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let kb = orbita_link::Kb::parse(&kb_refs).map_err(|e| BuildError::Kb { dir: cfg.kb.clone(), message: e.to_string() })?;
    let linker = orbita_link::Linker::new(&kb);
    let lex_files = read_reference(&cfg.lexicon, &[".tsv", ".csv", ".toml"])
        .map_err(|e| BuildError::Io { path: cfg.lexicon.clone(), source: e })?;
    let lex_refs: Vec<(&str, &str)> = lex_files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let labeller = orbita_stance::RuleLabeller::from_files(&lex_refs)
        .map_err(|e| BuildError::Lexicon { dir: cfg.lexicon.clone(), message: e.to_string() })?;
    let agg_params = orbita_aggregate::Params::default();

    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        let now = std::time::Instant::now();
        timings.push((name, now.duration_since(clock).as_secs_f64()));
        clock = now;
    };
    lap("load kb and lexicon", &mut timings);

    // ingest
    let span = info_span!("ingest").entered();
    let entries = walk_raw(&cfg.raw).map_err(|e| BuildError::Io { path: cfg.raw.clone(), source: e })?;
    if entries.len() > cfg.max_files {
        return Err(BuildError::Limit(format!(
            "{} holds {} input files, over the limit of {} (--max-files)",
            cfg.raw.display(),
            entries.len(),
            cfg.max_files
        )));
    }
    let (ingested, mut rejects, raw_entries, records_seen) = ingest(cfg, &entries);
    let (documents, duplicates) = dedupe(ingested);
    rejects.sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    let accounting = Accounting {
        files_seen: entries.len() as u64,
        records_seen,
        documents: documents.len() as u64,
        duplicates,
        rejects: rejects.len() as u64,
    };
    info!(files = entries.len(), documents = documents.len(), duplicates, rejects = rejects.len(), "Stage finished.");
    drop(span);
    lap("ingest", &mut timings);

    // split, link, stance: per document, in parallel, gathered in doc_id order.
    let span = info_span!("split_link_stance").entered();
    let outputs: Vec<DocOutput> = documents.par_iter().map(|d| process_document(d, &linker, &labeller)).collect();
    let mut sentences = Vec::new();
    let mut mentions = Vec::new();
    let mut stances = Vec::new();
    for o in outputs {
        sentences.extend(o.sentences);
        mentions.extend(o.mentions);
        stances.extend(o.stances);
    }
    info!(sentences = sentences.len(), mentions = mentions.len(), stances = stances.len(), "Stage finished.");
    drop(span);
    lap("split+link+stance", &mut timings);

    // aggregate
    let span = info_span!("aggregate").entered();
    let obs = observations(&documents, &stances);
    let alignment = alignment_rows(orbita_aggregate::aggregate(&obs, &agg_params));
    info!(rows = alignment.len(), table = "alignment", "Stage finished.");
    drop(span);
    lap("aggregate", &mut timings);

    // write
    let span = info_span!("write").entered();
    let staging = store.begin(&lock)?;
    let mut tables = BTreeMap::new();
    let batches = [
        ("documents", documents_batch(&documents)?),
        ("rejects", rejects_batch(&rejects)?),
        ("sentences", sentences_batch(&sentences)?),
        ("mentions", mentions_batch(&mentions)?),
        ("stances", stances_batch(&stances)?),
        ("alignment", alignment_batch(&alignment)?),
    ];
    for (name, batch) in batches {
        let schema = TableSchema::get(name)?;
        let file = format!("{name}.parquet");
        let w = write_table(schema, &staging.dir.join(&file), &[batch])?;
        tables.insert(
            name.to_string(),
            TableEntry {
                file,
                sha256: w.sha256,
                rows: w.rows,
                bytes: w.bytes,
                schema_sha256: schema.sha256.clone(),
                schema_version: schema.version,
            },
        );
    }
    let mut inputs = BTreeMap::new();
    inputs.insert("raw".to_string(), raw_entries);
    inputs.insert("kb".to_string(), reference_entries(&kb_files));
    inputs.insert("lexicon".to_string(), reference_entries(&lex_files));
    let stages = stages(cfg, &inputs, &labeller, &agg_params);
    let manifest = Manifest {
        format: MANIFEST_FORMAT.to_string(),
        tool: BTreeMap::from([
            ("name".to_string(), "orbita".to_string()),
            ("version".to_string(), env!("CARGO_PKG_VERSION").to_string()),
        ]),
        tables,
        inputs,
        stages,
        accounting,
    };
    let dir = store.commit(&lock, staging, &manifest)?;
    info!(dir = %dir.display(), "Dataset version written.");
    drop(span);
    lap("write", &mut timings);
    Ok(BuildOutcome { dir, manifest, rejects, cleaned, timings })
}
