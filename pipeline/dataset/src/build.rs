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

use crate::incremental::{doc_key, group_ranges, Batching, BatchRecord, BuildRecord, FileRecord, KeyContext, RECORD_FORMAT};
use crate::inputs::{read_reference, reference_entries, sha256_hex, walk_raw, RawEntry, SIDECAR_SUFFIX};
use crate::manifest::{Accounting, InputEntry, Manifest, StageEntry, TableEntry, MANIFEST_FORMAT};
use crate::parquet_io::{encode, write_table, Encoded, RowGroupSource, TableIoError, TableWriter};
use crate::schema::{SchemaError, TableSchema};
use crate::store::{Store, StoreError};
use crate::tables::*;
use orbita_text::{Date, StanceRecord};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
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
    /// The speaker rules file is missing or invalid.
    #[error("speaker rules {path}: {message}")]
    Speakers {
        /// The file.
        path: PathBuf,
        /// What is wrong (with the line).
        message: String,
    },
    /// The model labeller's weights file is unreadable or invalid.
    #[error("model weights {path}: {message}")]
    Model {
        /// The weights file.
        path: PathBuf,
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
    /// The Data Package descriptor could not be written.
    #[error(transparent)]
    Datapackage(#[from] crate::datapackage::DatapackageError),
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
    /// Knowledge base directory; `None`: the one embedded from `data/kb`
    /// at compile time ([`crate::defaults`]).
    pub kb: Option<PathBuf>,
    /// Stance lexicon directory; `None`: the one embedded from `data/lexicon`.
    pub lexicon: Option<PathBuf>,
    /// Speaker rules file (see [`orbita_ingest::SpeakerRules`]); `None`: the
    /// one embedded from `data/speakers.toml`.
    pub speakers: Option<PathBuf>,
    /// Which stance labeller writes `stances`.
    pub labeller: LabellerChoice,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Largest accepted document, in bytes.
    pub max_document_bytes: usize,
    /// Most input files accepted; past it the build stops with an error.
    pub max_files: usize,
    /// Wait for another build's lock instead of failing at once.
    pub wait: bool,
    /// Build only shard I of N (0-based): the documents whose id hashes to
    /// I, and the rejects of the files whose path hashes to I. `orbita
    /// merge` combines the N partial datasets into the full one.
    pub shard: Option<(u32, u32)>,
    /// How documents are cut into batches (the unit of work, of row groups
    /// and of reuse by an incremental rebuild).
    pub batching: Batching,
    /// What is kept in memory between passes; never changes the output.
    pub keep: Keep,
    /// Where the build reports its progress (nowhere by default).
    pub progress: crate::progress::ProgressSink,
}

/// The stance labeller of a build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabellerChoice {
    /// The rules labeller of the lexicon (`orbita_stance::RuleLabeller`).
    Rules,
    /// The learned labeller (`orbita_model::ModelLabeller`) with the weights
    /// file at this path (`None`: the weights embedded at compile time,
    /// [`crate::defaults::MODEL_WEIGHTS`]), on top of the rules of the lexicon;
    /// the file is the `model` input set of the manifest and in the stance
    /// stage's key.
    Model {
        /// The weights file (`pipeline/model/train/weights.tsv`); `None`: the embedded one.
        weights: Option<PathBuf>,
    },
    /// Per kind of document (`orbita_model::BySpeaker`): the learned labeller with these weights
    /// where a document has a speaker, the rules elsewhere. The default: it is the more accurate
    /// on the test split of official speech and reads the seeds as the rules do.
    Auto {
        /// The weights file; `None`: the embedded one.
        weights: Option<PathBuf>,
    },
}

impl Default for LabellerChoice {
    fn default() -> LabellerChoice {
        LabellerChoice::Auto { weights: None }
    }
}

/// Memory a build spends to avoid reading and parsing inputs twice. The
/// hash pass keeps input bytes for the first pass, which keeps parsed
/// documents for the streaming pass; past either budget, the later pass
/// reads (and parses) the input again. Which inputs are kept never changes
/// the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    /// Input bytes kept by the hash pass.
    pub raw: usize,
    /// Text bytes kept parsed by the first pass.
    pub parsed: usize,
}

impl Default for Keep {
    fn default() -> Keep {
        Keep { raw: RAW_KEEP_BYTES, parsed: PARSED_KEEP_BYTES }
    }
}

impl BuildConfig {
    /// The defaults for a repository checkout rooted at `root`.
    pub fn in_repo(root: &Path) -> BuildConfig {
        BuildConfig {
            raw: root.join("data/raw"),
            out: root.join("data/datasets"),
            kb: Some(root.join("data/kb")),
            lexicon: Some(root.join("data/lexicon")),
            speakers: Some(root.join("data/speakers.toml")),
            labeller: LabellerChoice::Auto { weights: Some(root.join("pipeline/model/train/weights.tsv")) },
            threads: 0,
            max_document_bytes: orbita_ingest::Limits::default().max_document_bytes,
            max_files: 10_000_000,
            wait: false,
            shard: None,
            batching: Batching::default(),
            keep: Keep::default(),
            progress: Default::default(),
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
    /// Nothing had changed: the existing version was reused without stage work.
    pub reused: bool,
    /// What the streaming pass did with its batches.
    pub work: BatchWork,
}

/// What the streaming pass did with its batches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchWork {
    /// Batches whose rows were all copied from the previous version.
    pub copied: usize,
    /// Batches whose documents and sentences were copied and whose mentions
    /// and stances were computed again from the stored text (the knowledge
    /// base or the lexicon changed).
    pub relinked: usize,
    /// Relinked batches whose mentions came out as stored and whose stances
    /// were therefore copied instead of labelled again.
    pub stances_kept: usize,
    /// Batches parsed and computed.
    pub computed: usize,
    /// Input files parsed by the first pass (the others were known by hash).
    pub files_parsed: usize,
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

/// An input file's bytes and sidecar, read once per pass.
struct ReadInput {
    bytes: Vec<u8>,
    sidecar: Option<Vec<u8>>,
    sha: String,
    entry: InputEntry,
}

fn reject_row(path: &str, code: &str, reason: String, sha: Option<String>, bytes: Option<i64>) -> RejectRow {
    RejectRow { path: path.to_string(), record: 0, byte_offset: None, code: code.to_string(), reason, raw_sha256: sha, bytes }
}

/// Reads one raw entry and its sidecar, or says why it cannot be used.
/// What the build records for an input it cannot use: its reject and its manifest entry.
type Unusable = Box<(RejectRow, InputEntry)>;

fn read_input(e: &RawEntry, limits: &orbita_ingest::Limits) -> Result<ReadInput, Unusable> {
    let blank = |bytes: u64| InputEntry { path: e.rel.clone(), sha256: String::new(), bytes };
    if let Some(problem) = &e.problem {
        return Err(Box::new((reject_row(&e.rel, "unreadable", problem.clone(), None, None), blank(0))));
    }
    if e.rel.ends_with(SIDECAR_SUFFIX) {
        let main = e.rel.trim_end_matches(SIDECAR_SUFFIX);
        let reason = format!("metadata sidecar without its document {main:?}");
        return Err(Box::new((reject_row(&e.rel, "unsupported", reason, None, None), blank(0))));
    }
    let unreadable = |err: std::io::Error| {
        Box::new((reject_row(&e.rel, "unreadable", format!("cannot read the file: {err}"), None, None), blank(0)))
    };
    // One open: the size is checked on the open file before reading, so a huge file is never loaded.
    let file = std::fs::File::open(&e.path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > limits.max_document_bytes as u64 {
        let reason = format!("file is {len} bytes, over the limit of {} bytes (--max-document-bytes)", limits.max_document_bytes);
        return Err(Box::new((reject_row(&e.rel, "too_large", reason, None, Some(len as i64)), blank(len))));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // (Through `take`: `File`'s own `read_to_end` would ask the size and position again.)
    std::io::Read::read_to_end(&mut std::io::Read::take(file, u64::MAX), &mut bytes).map_err(unreadable)?;
    let sha = sha256_hex(&bytes);
    // Only a sidecar the walk saw is read (no failed lookup per input); one gone since reads as none.
    let sidecar_path = PathBuf::from(format!("{}{SIDECAR_SUFFIX}", e.path.display()));
    let sidecar = match e.sidecar.then(|| std::fs::read(&sidecar_path)) {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(err)) if err.kind() == std::io::ErrorKind::NotFound => None,
        Some(Err(err)) => {
            let reason = format!("cannot read its metadata sidecar {}{SIDECAR_SUFFIX}: {err}", e.rel);
            let entry = InputEntry { path: e.rel.clone(), sha256: sha.clone(), bytes: bytes.len() as u64 };
            return Err(Box::new((reject_row(&e.rel, "unreadable", reason, Some(sha), Some(bytes.len() as i64)), entry)));
        }
    };
    // The sidecar is part of the input: the manifest hashes both.
    let entry_sha = match &sidecar {
        Some(s) => sha256_hex(format!("{sha} {}", sha256_hex(s)).as_bytes()),
        None => sha.clone(),
    };
    let entry = InputEntry { path: e.rel.clone(), sha256: entry_sha, bytes: bytes.len() as u64 };
    Ok(ReadInput { bytes, sidecar, sha, entry })
}

/// One usable input record, as remembered between the two passes. Its
/// parsed form is kept while the first pass stays within
/// [`PARSED_KEEP_BYTES`]; past that, the streaming pass parses the file again.
struct IndexRecord {
    doc_id: String,
    entry: usize,
    record: u32,
    text_bytes: usize,
    parsed: Option<Box<KeptDoc>>,
}

/// A document parsed in the first pass and kept for the streaming pass,
/// with the hash of the raw bytes it was parsed from.
struct KeptDoc {
    doc: orbita_ingest::Parsed,
    raw_sha256: String,
}

/// Text the first pass keeps parsed for the streaming pass (bytes of text
/// and removed passages). A corpus within it is read and parsed once; a
/// larger one has its first documents kept and the rest parsed again, so
/// memory stays bounded. Which documents are kept never changes the output.
pub const PARSED_KEEP_BYTES: usize = 512 << 20;

/// Input bytes the hash pass keeps for the first pass, which then neither
/// reads nor hashes them again. A larger corpus has the rest read twice.
pub const RAW_KEEP_BYTES: usize = 512 << 20;

/// What the first pass found.
struct Indexed {
    records: Vec<IndexRecord>,
    rejects: Vec<RejectRow>,
    raw: Vec<InputEntry>,
    records_seen: u64,
    /// Per input file, for the build record.
    files: Vec<FileRecord>,
    /// Files parsed (not taken from the previous build's record).
    parsed: usize,
}

/// Inputs per rayon job in the hash and index passes. Rayon splits a
/// slice into about as many jobs as threads and splits further only
/// when another thread steals; inputs differ in size by a factor of a
/// thousand, so a coarse job left for last keeps one core working
/// alone. Small jobs let the idle core take the rest.
const FILES_PER_JOB: usize = 8;

/// The first pass: every input read and parsed once, remembered by
/// document id; rejects kept. A file whose hash (from the hash pass,
/// `hashed`) is the one the previous build's record lists under its path is
/// not parsed again: the record says what it holds. `read` holds the inputs
/// the hash pass kept (`None` for the others, which are read here).
fn index(
    entries: &[RawEntry],
    limits: &orbita_ingest::Limits,
    rules: &orbita_ingest::SpeakerRules,
    hashed: &[InputEntry],
    mut read: Vec<Option<ReadInput>>,
    known: &HashMap<&str, &FileRecord>,
    keep_bytes: usize,
) -> Indexed {
    let kept = std::sync::atomic::AtomicUsize::new(0);
    read.resize_with(entries.len(), || None);
    let per_file: Vec<(Vec<IndexRecord>, FileRecord, InputEntry, bool)> = entries
        .par_iter()
        .zip(read.into_par_iter())
        .with_max_len(FILES_PER_JOB)
        .enumerate()
        .map(|(i, (e, pre))| {
            if let (Some(h), Some(f)) = (hashed.get(i), known.get(e.rel.as_str())) {
                if !h.sha256.is_empty() && h.path == e.rel && f.sha256 == h.sha256 {
                    let docs = f
                        .docs
                        .iter()
                        .map(|(id, record, bytes)| IndexRecord { doc_id: id.clone(), entry: i, record: *record, text_bytes: *bytes, parsed: None })
                        .collect();
                    return (docs, (*f).clone(), h.clone(), false);
                }
            }
            let file = |docs: &[IndexRecord], rejects: Vec<RejectRow>, entry: &InputEntry, records: u64| FileRecord {
                path: e.rel.clone(),
                sha256: entry.sha256.clone(),
                records,
                docs: docs.iter().map(|d| (d.doc_id.clone(), d.record, d.text_bytes)).collect(),
                rejects,
            };
            let input = match pre.map_or_else(|| read_input(e, limits), Ok) {
                Ok(x) => x,
                Err(unusable) => {
                    let (rej, entry) = *unusable;
                    return (vec![], file(&[], vec![rej], &entry, 1), entry, true);
                }
            };
            let size = Some(input.bytes.len() as i64);
            let mut docs = Vec::new();
            let mut rejects = Vec::new();
            let mut seen = 0u64;
            // Record by record: a document past the keep budget is dropped at
            // once (a large compressed file is never held parsed as a whole).
            orbita_ingest::parse_each(
                &orbita_ingest::Input { path: &e.rel, bytes: &input.bytes, sidecar: input.sidecar.as_deref() },
                limits,
                rules,
                None,
                &mut |r| {
                    seen += 1;
                    match r {
                        Ok(p) => {
                            let size = p.text.len() + p.removed.iter().map(|r| r.text.len()).sum::<usize>() + 256;
                            let keep = kept.fetch_add(size, std::sync::atomic::Ordering::Relaxed) + size <= keep_bytes;
                            let (id, record, text_bytes) = (doc_id(&p.text), p.record, p.text.len());
                            let parsed = keep.then(|| Box::new(KeptDoc { doc: p, raw_sha256: input.sha.clone() }));
                            docs.push(IndexRecord { doc_id: id, entry: i, record, text_bytes, parsed })
                        }
                        Err(rej) => rejects.push(RejectRow {
                            path: e.rel.clone(),
                            record: rej.record as i32,
                            byte_offset: rej.byte_offset.map(|o| o as i64),
                            code: rej.code.as_str().to_string(),
                            reason: rej.message,
                            raw_sha256: Some(input.sha.clone()),
                            bytes: size,
                        }),
                    }
                },
            );
            let records = seen.max(1);
            if docs.is_empty() && rejects.is_empty() {
                rejects.push(reject_row(&e.rel, "no_text", "the file holds no record".into(), Some(input.sha.clone()), size));
            }
            let f = file(&docs, rejects, &input.entry, records);
            (docs, f, input.entry, true)
        })
        .collect();
    let mut out = Indexed { records: Vec::new(), rejects: Vec::new(), raw: Vec::new(), records_seen: 0, files: Vec::new(), parsed: 0 };
    for (d, f, e, parsed) in per_file {
        out.records.extend(d);
        out.rejects.extend(f.rejects.iter().cloned());
        out.raw.push(e);
        out.records_seen += f.records;
        out.parsed += usize::from(parsed);
        out.files.push(f);
    }
    out
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

/// The shard (of `n`) a document id belongs to.
pub fn shard_of_doc(doc_id: &str, n: u32) -> u32 {
    (u64::from_str_radix(&doc_id[..doc_id.len().min(15)], 16).unwrap_or(0) % u64::from(n.max(1))) as u32
}

/// The shard (of `n`) whose partial dataset lists a rejected input.
pub fn shard_of_path(path: &str, n: u32) -> u32 {
    shard_of_doc(&sha256_hex(path.as_bytes()), n)
}

/// A distinct document to build, with the inputs that duplicate it.
struct Planned {
    parsed: Option<Box<KeptDoc>>,
    doc_id: String,
    entry: usize,
    record: u32,
    text_bytes: usize,
    duplicates: Vec<String>,
}

/// Collapses duplicates: the first input in (path, record) order keeps the
/// row; the others are counted on it. Returns the plan in `doc_id` order.
fn dedupe(records: Vec<IndexRecord>, entries: &[RawEntry]) -> (Vec<Planned>, u64) {
    let mut by_id: BTreeMap<String, Planned> = BTreeMap::new();
    let mut duplicates = 0;
    for r in records {
        match by_id.get_mut(&r.doc_id) {
            Some(p) => {
                p.duplicates.push(input_label(&entries[r.entry].rel, r.record));
                duplicates += 1;
            }
            None => {
                let id = r.doc_id.clone();
                by_id.insert(
                    id,
                    Planned {
                        doc_id: r.doc_id,
                        entry: r.entry,
                        record: r.record,
                        text_bytes: r.text_bytes,
                        duplicates: vec![],
                        parsed: r.parsed,
                    },
                );
            }
        }
    }
    let plan = by_id
        .into_values()
        .map(|mut p| {
            p.duplicates.sort();
            p
        })
        .collect();
    (plan, duplicates)
}

/// What [`reparse`] found in one input: whether the file is unchanged since
/// the first pass (then its records are the ones indexed, and the record
/// number alone finds a document), its raw hash, and the records parsed.
struct Reparsed {
    unchanged: bool,
    raw_sha256: String,
    docs: Vec<orbita_ingest::Parsed>,
}

/// Parses again the `records` of one input that the first pass did not keep:
/// one read of the file and one pass over it for all of them (a compressed
/// file is decompressed as a stream up to the last record wanted). `None`
/// when the file vanished or became unreadable. `indexed` is the file's
/// manifest entry as the first pass read it.
fn reparse(
    e: &RawEntry,
    indexed: &InputEntry,
    records: &std::collections::BTreeSet<u32>,
    limits: &orbita_ingest::Limits,
    rules: &orbita_ingest::SpeakerRules,
) -> Option<Reparsed> {
    let input = read_input(e, limits).ok()?;
    let unchanged = !indexed.sha256.is_empty() && input.entry.sha256 == indexed.sha256;
    let mut docs = Vec::new();
    orbita_ingest::parse_each(
        &orbita_ingest::Input { path: &e.rel, bytes: &input.bytes, sidecar: input.sidecar.as_deref() },
        limits,
        rules,
        Some(records),
        &mut |r| docs.extend(r.ok()),
    );
    Some(Reparsed { unchanged, raw_sha256: input.sha, docs })
}

/// Makes a planned document's `documents` row from its kept parse, or from
/// its file parsed again ([`reparse`]); a file that changed or vanished
/// since the first pass makes it a reject.
fn document_row(p: &Planned, kept: Option<Box<KeptDoc>>, reparsed: Option<&Option<Reparsed>>, e: &RawEntry) -> Result<DocumentRow, Box<RejectRow>> {
    let changed = |why: &str| Box::new(RejectRow {
        path: e.rel.clone(),
        record: p.record as i32,
        byte_offset: None,
        code: "unreadable".to_string(),
        reason: format!("the file {why} while orbita was reading it; rebuild to include it"),
        raw_sha256: None,
        bytes: None,
    });
    let (doc, raw_sha256) = match kept {
        Some(k) => (k.doc, k.raw_sha256),
        None => {
            let again = reparsed.and_then(Option::as_ref).ok_or_else(|| changed("vanished or became unreadable"))?;
            let doc = again
                .docs
                .iter()
                .find(|d| d.record == p.record && (again.unchanged || doc_id(&d.text) == p.doc_id))
                .cloned()
                .ok_or_else(|| changed("changed"))?;
            (doc, again.raw_sha256.clone())
        }
    };
    let m = doc.meta;
    Ok(DocumentRow {
        doc_id: p.doc_id.clone(),
        path: e.rel.clone(),
        record: doc.record as i32,
        format: doc.format.as_str().to_string(),
        encoding: doc.encoding.to_string(),
        title: m.title,
        url: m.url,
        source: m.source,
        source_kind: m.source_kind,
        speaker: m.speaker,
        date_from: m.date_from,
        date_to: m.date_to,
        language: m.language,
        translated_from: m.translated_from,
        translation_note: m.translation_note,
        tags: m.tags,
        chars: doc.text.chars().count() as i32,
        text: doc.text,
        raw_sha256,
        duplicates: p.duplicates.len() as i32,
        duplicate_inputs: p.duplicates.clone(),
        removed: doc.removed.into_iter().map(|r| format!("{}: {}", r.kind, r.text)).collect(),
    })
}

/// Cuts the plan into batches (see [`Batching::cut`]).
fn batches(plan: &[Planned], batching: &Batching) -> Vec<std::ops::Range<usize>> {
    let ids: Vec<&str> = plan.iter().map(|p| p.doc_id.as_str()).collect();
    batching.cut(&ids, &plan.iter().map(|p| p.text_bytes).collect::<Vec<_>>())
}

/// The language stages' output for one document, beside its [`Linked`]:
/// its sentences, the character offsets of its mentions (in the order of
/// `Linked::mentions`) and its stance rows.
#[derive(Default)]
struct DocOutput {
    sentences: Vec<SentenceSpan>,
    mentions: Vec<(i32, i32)>,
    stances: Vec<StanceRow>,
}

/// A document split and linked, not yet labelled.
struct Linked {
    spans: Vec<std::ops::Range<usize>>,
    mentions: Vec<orbita_text::Mention>,
}

fn link_document(text: &str, date: Option<Date>, linker: &orbita_link::Linker) -> Linked {
    let spans = orbita_split::split(text);
    let mentions = linker.link(text, &spans, date);
    Linked { spans, mentions }
}

/// The knowledge base's answer to the stance crate's question about terms of office.
pub fn office_terms(linker: &orbita_link::Linker, q: orbita_stance::OfficeQuery<'_>) -> Vec<(Date, Option<Date>)> {
    match q {
        orbita_stance::OfficeQuery::Terms(m) => linker.office_terms(m),
        orbita_stance::OfficeQuery::Predecessor { country, date } => linker.predecessor_term(country, date).into_iter().collect(),
    }
}

/// The labeller's stances of a document, placed in the terms of the leaders
/// their sentences name ("under X's leadership", "since X took office";
/// [`orbita_stance::place_by_offices`] with the knowledge base's terms).
fn label_document(
    text: &str,
    date: Option<Date>,
    speaker: Option<&str>,
    linked: &Linked,
    linker: &orbita_link::Linker,
    labeller: &dyn orbita_stance::Labeller,
) -> Vec<StanceRecord> {
    let view = orbita_stance::DocView { text, sentences: &linked.spans, mentions: &linked.mentions, date, speaker };
    let mut stances = labeller.label(&view);
    orbita_stance::place_by_offices(&view, &mut stances, &|q| office_terms(linker, q));
    stances
}

fn process_document(
    doc_id: &str,
    text: &str,
    date: Option<Date>,
    speaker: Option<&str>,
    linker: &orbita_link::Linker,
    labeller: &dyn orbita_stance::Labeller,
) -> (Linked, DocOutput) {
    let linked = link_document(text, date, linker);
    let stances = label_document(text, date, speaker, &linked, linker, labeller);
    let out = document_output(doc_id, text, &linked, &stances, labeller);
    (linked, out)
}

/// One document for [`document_tables`]: its id, its text as the
/// `documents` table holds it, its date (`date_from`, else `date_to`) and
/// its speaker (`documents.speaker`).
pub type DocumentInput<'a> = (&'a str, &'a str, Option<Date>, Option<&'a str>);

/// The `sentences`, `mentions` and `stances` rows a build writes for
/// `docs`, in their order: the per-document stages on their own, for engines
/// that run them over batches of the `documents` table (the Python
/// package's `orbita.process`, Spark `mapInArrow`). Documents are processed
/// in parallel on the current rayon pool; the rows do not depend on it.
pub fn document_tables(
    docs: &[DocumentInput<'_>],
    linker: &orbita_link::Linker,
    labeller: &(dyn orbita_stance::Labeller + Sync),
) -> Result<[arrow::array::RecordBatch; 3], BuildError> {
    let outs: Vec<(Linked, DocOutput)> =
        docs.par_iter().map(|(id, text, date, speaker)| process_document(id, text, *date, *speaker, linker, labeller)).collect();
    let sentences = sentences_batch_of(docs.iter().zip(&outs).map(|((id, text, ..), (_, o))| (*id, *text, o.sentences.as_slice())))?;
    let mentions = mentions_batch_of(docs.iter().zip(&outs).map(|((id, ..), (l, o))| (*id, l.mentions.as_slice(), o.mentions.as_slice())))?;
    let stances: Vec<StanceRow> = outs.into_iter().flat_map(|(_, o)| o.stances).collect();
    Ok([sentences, mentions, stances_batch(&stances)?])
}

/// The rows of one document: its sentences, its mentions' offsets and `stances`.
fn document_output(doc_id: &str, text: &str, linked: &Linked, stances: &[StanceRecord], labeller: &dyn orbita_stance::Labeller) -> DocOutput {
    let Linked { spans, mentions } = linked;
    // One pass converting every byte offset to characters, in order.
    let mut offsets: Vec<usize> = Vec::with_capacity(spans.len() * 2 + mentions.len() * 2 + stances.len() * 2);
    for s in spans {
        offsets.push(s.start);
        offsets.push(s.end);
    }
    for m in mentions {
        offsets.push(m.span.start);
        offsets.push(m.span.end);
    }
    for s in stances {
        offsets.push(s.evidence.start);
        offsets.push(s.evidence.end);
    }
    let chars = orbita_text::byte_to_char_offsets(text, &offsets);
    let mut c = chars.into_iter().map(|v| v as i32);
    let mut next = || c.next().expect("one char offset per byte offset");

    let mut out = DocOutput::default();
    for s in spans {
        let (start, end) = (next(), next());
        out.sentences.push(SentenceSpan { start, end, bytes: s.clone() });
    }
    for _ in mentions {
        out.mentions.push((next(), next()));
    }
    let mut per_sentence: BTreeMap<usize, i32> = BTreeMap::new();
    for s in stances {
        let (start, end) = (next(), next());
        let idx = per_sentence.entry(s.sentence).or_insert(0);
        out.stances.push(StanceRow {
            doc_id: doc_id.to_string(),
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
            actor_via: s.actor_via.as_str().to_string(),
            labeller: labeller.name().to_string(),
            labeller_version: labeller.version() as i32,
        });
        *idx += 1;
    }
    out.stances.sort_by_key(|s| (s.sentence, s.stance));
    out
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
    speakers_sha256: &str,
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
        // The speaker rules are a param, not an input: a rule change changes the
        // stage's context, so every input is parsed again (see `same_ingest`).
        p(&[("max_document_bytes", cfg.max_document_bytes.to_string()), ("speakers_sha256", speakers_sha256.to_string())]),
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
    // The model labeller's weights are an input of the stance stage beside the lexicon.
    let mut stance_reads = vec!["documents", "sentences", "mentions", "lexicon"];
    let mut stance_deps = vec![link.key.clone(), entries_digest(&inputs["lexicon"])];
    if let Some(model) = inputs.get("model") {
        stance_reads.push("model");
        stance_deps.push(entries_digest(model));
    }
    let stance = mk(
        "stance",
        versions::STANCE,
        p(&[("labeller", labeller.name().to_string()), ("labeller_version", labeller.version().to_string())]),
        &stance_reads,
        &["stances"],
        stance_deps,
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

/// Manifest entries for the tables just written.
pub(crate) fn table_entries(
    written: Vec<(&'static str, crate::parquet_io::Written)>,
) -> Result<BTreeMap<String, TableEntry>, BuildError> {
    let mut tables = BTreeMap::new();
    for (name, w) in written {
        let schema = TableSchema::get(name)?;
        tables.insert(
            name.to_string(),
            TableEntry {
                file: format!("{name}.parquet"),
                sha256: w.sha256,
                rows: w.rows,
                bytes: w.bytes,
                schema_sha256: schema.sha256.clone(),
                schema_version: schema.version,
            },
        );
    }
    Ok(tables)
}

/// The hash pass: every input's manifest entry (the input and its sidecar
/// hashed, not parsed), and the inputs themselves
/// while their bytes stay within `keep_bytes`, for the first pass to parse
/// without reading and hashing them again. Inputs the previous build
/// already read at the same hash (`prev`) are not kept: the first pass
/// takes what they hold from its record.
fn hash_inputs(
    entries: &[RawEntry],
    limits: &orbita_ingest::Limits,
    keep_bytes: usize,
    prev: Option<&Previous>,
) -> (Vec<InputEntry>, Vec<Option<ReadInput>>) {
    let known: HashMap<&str, &str> =
        prev.map(|p| p.record.files.iter().map(|f| (f.path.as_str(), f.sha256.as_str())).collect()).unwrap_or_default();
    let kept = std::sync::atomic::AtomicUsize::new(0);
    entries
        .par_iter()
        .with_max_len(FILES_PER_JOB)
        .map(|e| match read_input(e, limits) {
            Ok(x) => {
                let size = x.bytes.len() + x.sidecar.as_ref().map_or(0, Vec::len);
                let keep = known.get(x.entry.path.as_str()) != Some(&x.entry.sha256.as_str())
                    && kept.fetch_add(size, std::sync::atomic::Ordering::Relaxed) + size <= keep_bytes;
                (x.entry.clone(), keep.then_some(x))
            }
            Err(unusable) => (unusable.1, None),
        })
        .unzip()
}

const REFERENCE_EXTS: [&str; 3] = [".tsv", ".csv", ".toml"];

fn read_reference_dir(dir: &Path) -> Result<Vec<(String, String)>, BuildError> {
    read_reference(dir, &REFERENCE_EXTS).map_err(|e| BuildError::Io { path: dir.to_path_buf(), source: e })
}

fn as_refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// The knowledge base in `dir`: its files (hashed into the manifest) and the parsed base.
pub fn load_kb(dir: &Path) -> Result<(Vec<(String, String)>, orbita_link::Kb), BuildError> {
    load_kb_from(Some(dir))
}

/// The knowledge base in `dir`, or the embedded one ([`crate::defaults::KB`]) for `None`.
pub fn load_kb_from(dir: Option<&Path>) -> Result<(Vec<(String, String)>, orbita_link::Kb), BuildError> {
    let (files, label) = match dir {
        Some(d) => (read_reference_dir(d)?, d.to_path_buf()),
        None => (crate::defaults::owned(crate::defaults::KB), PathBuf::from(crate::defaults::KB_LABEL)),
    };
    let kb = orbita_link::Kb::parse(&as_refs(&files)).map_err(|e| BuildError::Kb { dir: label, message: e.to_string() })?;
    Ok((files, kb))
}

/// The speaker rules in `path`: the file's SHA-256 (a param of the ingest
/// stage) and the parsed rules.
pub fn load_speakers(path: &Path) -> Result<(String, orbita_ingest::SpeakerRules), BuildError> {
    load_speakers_from(Some(path))
}

/// The speaker rules in `path`, or the embedded ones ([`crate::defaults::SPEAKERS`]) for `None`.
pub fn load_speakers_from(path: Option<&Path>) -> Result<(String, orbita_ingest::SpeakerRules), BuildError> {
    let (text, label) = match path {
        Some(p) => {
            let err = |message: String| BuildError::Speakers { path: p.to_path_buf(), message };
            (std::fs::read_to_string(p).map_err(|e| err(format!("cannot read the file: {e}")))?, p.to_path_buf())
        }
        None => (crate::defaults::SPEAKERS.to_string(), PathBuf::from(crate::defaults::SPEAKERS_LABEL)),
    };
    let rules = orbita_ingest::SpeakerRules::parse(&text)
        .map_err(|e| BuildError::Speakers { path: label, message: e.to_string() })?;
    Ok((sha256_hex(text.as_bytes()), rules))
}

/// The stance lexicon in `dir`: its files (hashed into the manifest) and the labeller built from them.
pub fn load_lexicon(dir: &Path) -> Result<(Vec<(String, String)>, orbita_stance::RuleLabeller), BuildError> {
    load_lexicon_from(Some(dir))
}

/// The stance lexicon in `dir`, or the embedded one ([`crate::defaults::LEXICON`]) for `None`.
pub fn load_lexicon_from(dir: Option<&Path>) -> Result<(Vec<(String, String)>, orbita_stance::RuleLabeller), BuildError> {
    let (files, label) = match dir {
        Some(d) => (read_reference_dir(d)?, d.to_path_buf()),
        None => (crate::defaults::owned(crate::defaults::LEXICON), PathBuf::from(crate::defaults::LEXICON_LABEL)),
    };
    let labeller = orbita_stance::RuleLabeller::from_files(&as_refs(&files))
        .map_err(|e| BuildError::Lexicon { dir: label, message: e.to_string() })?;
    Ok((files, labeller))
}

/// The stance labeller `choice` names over the lexicon of `lexicon` (`None`: the embedded one):
/// the lexicon's files, the model's weights file (none for the rules) and the labeller.
pub fn load_labeller(lexicon: Option<&Path>, choice: &LabellerChoice) -> Result<StanceFiles, BuildError> {
    let (lex_files, rules) = load_lexicon_from(lexicon)?;
    match choice {
        LabellerChoice::Rules => Ok((lex_files, Vec::new(), Box::new(rules))),
        LabellerChoice::Model { weights } | LabellerChoice::Auto { weights } => {
            let label = weights.clone().unwrap_or_else(|| PathBuf::from(crate::defaults::MODEL_WEIGHTS_LABEL));
            let bad = |message: String| BuildError::Model { path: label.clone(), message };
            let (text, name) = match weights {
                Some(path) => (
                    std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?,
                    path.file_name().map_or(crate::defaults::MODEL_WEIGHTS_NAME.into(), |n| n.to_string_lossy().into_owned()),
                ),
                None => (crate::defaults::MODEL_WEIGHTS.to_string(), crate::defaults::MODEL_WEIGHTS_NAME.to_string()),
            };
            let parsed = orbita_model::weights::Weights::parse(&text).map_err(|e| bad(e.to_string()))?;
            let model = orbita_model::ModelLabeller::new(rules, parsed);
            let labeller: Box<dyn orbita_stance::Labeller> = match choice {
                LabellerChoice::Auto { .. } => Box::new(orbita_model::BySpeaker::new(model)),
                _ => Box::new(model),
            };
            Ok((lex_files, vec![(name, text)], labeller))
        }
    }
}

/// The lexicon's files, the model's files and the labeller built from them.
pub type StanceFiles = (Vec<(String, String)>, Vec<(String, String)>, Box<dyn orbita_stance::Labeller>);

/// The reference input sets: `kb`, `lexicon`, and `model` when the model labels.
fn reference_sets(kb_files: &[(String, String)], lex_files: &[(String, String)], model_files: &[(String, String)]) -> BTreeMap<String, Vec<InputEntry>> {
    let mut inputs = BTreeMap::new();
    inputs.insert("kb".to_string(), reference_entries(kb_files));
    inputs.insert("lexicon".to_string(), reference_entries(lex_files));
    if !model_files.is_empty() {
        inputs.insert("model".to_string(), reference_entries(model_files));
    }
    inputs
}

/// The stages the inputs would run now, with their cache keys.
fn current_stages(
    cfg: &BuildConfig,
    speakers_sha256: &str,
    raw: Vec<InputEntry>,
    kb_files: &[(String, String)],
    (lex_files, model_files): (&[(String, String)], &[(String, String)]),
    labeller: &dyn orbita_stance::Labeller,
    agg: &orbita_aggregate::Params,
) -> (BTreeMap<String, Vec<InputEntry>>, Vec<StageEntry>) {
    let mut inputs = reference_sets(kb_files, lex_files, model_files);
    inputs.insert("raw".to_string(), raw);
    let st = stages(cfg, speakers_sha256, &inputs, labeller, agg);
    (inputs, st)
}

static CODE_PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Names the file that holds the running code when it is not the executable
/// (the Python extension module, loaded by the interpreter): its path, size
/// and modification time then key the build cache instead of the
/// interpreter's, so a rebuilt wheel does not reuse an older one's batches.
/// The first call wins.
pub fn set_code_path(path: PathBuf) {
    let _ = CODE_PATH.set(path);
}

/// The running executable's path, size and modification time: a rebuild of
/// orbita invalidates the build cache even when no stage version was bumped
/// (like make, by time stamp; hashing a debug binary would cost seconds).
fn exe_fingerprint() -> String {
    let Some(exe) = CODE_PATH.get().cloned().or_else(|| std::env::current_exe().ok()) else { return String::new() };
    let Ok(meta) = std::fs::metadata(&exe) else { return String::new() };
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    format!("{}|{}|{mtime}", exe.display(), meta.len())
}

/// The no-op cache entry of a build of `stages` with `cfg`: it names the
/// version such a build made.
fn noop_cache_entry(cfg: &BuildConfig, stages: &[StageEntry]) -> PathBuf {
    let shard_tag = cfg.shard.map(|(i, n)| format!("shard {i}/{n}")).unwrap_or_default();
    let cache = cache_entry(&cfg.out, stages).with_extension(shard_tag.replace([' ', '/'], "-"));
    if cfg.batching == Batching::default() {
        return cache;
    }
    // Another batching writes other row groups: another cache entry.
    let name = cache.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
    cache.with_file_name(format!("{name}-{}", &sha256_hex(cfg.batching.canonical().as_bytes())[..8]))
}

fn cache_entry(out: &Path, stages: &[StageEntry]) -> PathBuf {
    let mut s = exe_fingerprint();
    for st in stages {
        s.push_str(&st.key);
    }
    out.join(".cache").join(&sha256_hex(s.as_bytes())[..32])
}

/// The stage contexts (a stage's key without its inputs: name, version,
/// params, schemas) and reference digests that batch keys chain.
fn key_context(cfg: &BuildConfig, stages: &[StageEntry], kb_files: &[(String, String)], (lex_files, model_files): (&[(String, String)], &[(String, String)])) -> KeyContext {
    let contexts = stages
        .iter()
        .filter(|s| s.name != "aggregate")
        .map(|s| {
            let writes: Vec<&str> = s.writes.iter().map(String::as_str).collect();
            (s.name.clone(), stage_key(&s.name, s.version, &s.params, &[], &writes))
        })
        .collect();
    KeyContext {
        code: exe_fingerprint(),
        batching: cfg.batching.canonical(),
        stages: contexts,
        kb: entries_digest(&reference_entries(kb_files)),
        // The stance reference data: the lexicon, and the model's weights when it labels.
        lexicon: if model_files.is_empty() {
            entries_digest(&reference_entries(lex_files))
        } else {
            entries_digest(&[reference_entries(lex_files), reference_entries(model_files)].concat())
        },
    }
}

/// The latest version in the output directory and the record it left, if
/// both are there and agree (the record lists the version's table hashes).
struct Previous {
    dir: PathBuf,
    manifest: Manifest,
    record: BuildRecord,
}

fn previous(cfg: &BuildConfig) -> Option<Previous> {
    if cfg.shard.is_some() {
        return None;
    }
    let dir = crate::store::resolve(Some(&cfg.out)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(dir.join(crate::store::MANIFEST)).ok()?).ok()?;
    if manifest.shard.is_some() {
        return None;
    }
    let record = crate::incremental::load_record(&cfg.out, &manifest.dataset_id())?;
    let tables: BTreeMap<String, String> = manifest.tables.iter().map(|(k, t)| (k.clone(), t.sha256.clone())).collect();
    (record.tables == tables).then_some(Previous { dir, manifest, record })
}

/// Whether the previous version's streamed tables still hash to what its
/// manifest says (they are copied from, so a damaged file must not be).
fn tables_intact(p: &Previous) -> bool {
    crate::incremental::STREAM_TABLES.par_iter().all(|t| {
        let Some(entry) = p.manifest.tables.get(*t) else { return false };
        match crate::parquet_io::hash_file(&p.dir.join(&entry.file)) {
            Ok((sha, bytes)) => sha == entry.sha256 && bytes == entry.bytes,
            Err(_) => false,
        }
    })
}

/// The plan of a build: documents in `doc_id` order, their batches, and
/// each batch's table keys.
struct Plan {
    indexed: Indexed,
    plan: Vec<Planned>,
    duplicates: u64,
    batches: Vec<std::ops::Range<usize>>,
    keys: Vec<[String; 4]>,
}

#[allow(clippy::too_many_arguments)]
fn make_plan(
    cfg: &BuildConfig,
    rules: &orbita_ingest::SpeakerRules,
    entries: &[RawEntry],
    hashed: &[InputEntry],
    read: Vec<Option<ReadInput>>,
    ctx: &KeyContext,
    prev: Option<&Previous>,
    keep_bytes: usize,
) -> Plan {
    let limits = &orbita_ingest::Limits { max_document_bytes: cfg.max_document_bytes };
    let known: HashMap<&str, &FileRecord> = match prev {
        Some(p) if ctx.same_ingest(&p.record) => p.record.files.iter().map(|f| (f.path.as_str(), f)).collect(),
        _ => HashMap::new(),
    };
    let mut indexed = index(entries, limits, rules, hashed, read, &known, keep_bytes);
    let (mut plan, mut duplicates) = dedupe(std::mem::take(&mut indexed.records), entries);
    if let Some((i, n)) = cfg.shard {
        // Every shard reads every input (ids are content hashes), but keeps
        // only its own documents, and the rejects of its own paths.
        plan.retain(|p| shard_of_doc(&p.doc_id, n) == i);
        duplicates = plan.iter().map(|p| p.duplicates.len() as u64).sum();
        indexed.rejects.retain(|r| shard_of_path(&r.path, n) == i);
    }
    let batches = batches(&plan, &cfg.batching);
    let keys = batches
        .par_iter()
        .map(|r| {
            let doc_keys: Vec<String> = plan[r.clone()]
                .iter()
                .map(|p| doc_key(&p.doc_id, &entries[p.entry].rel, p.record, &indexed.raw[p.entry], &p.duplicates))
                .collect();
            ctx.batch_keys(doc_keys.iter().map(String::as_str))
        })
        .collect();
    Plan { indexed, plan, duplicates, batches, keys }
}

/// The previous version's batches by documents key, with their row groups.
fn reusable(prev: Option<&Previous>) -> HashMap<&str, (&BatchRecord, [std::ops::Range<usize>; 4])> {
    let Some(p) = prev else { return HashMap::new() };
    let ranges = group_ranges(&p.record.batches);
    p.record
        .batches
        .iter()
        .zip(ranges)
        .filter(|(b, _)| !b.keys[0].is_empty())
        .map(|(b, r)| (b.keys[0].as_str(), (b, r)))
        .collect()
}

/// What `orbita status` reports for one stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageStatus {
    /// Stage name.
    pub name: String,
    /// The stage's output is up to date.
    pub fresh: bool,
    /// Why it is stale.
    pub reasons: Vec<String>,
    /// Batches a build would compute again for this stage (of `batches`).
    pub stale_batches: usize,
    /// Documents in those batches.
    pub stale_documents: u64,
    /// Batches in the build.
    pub batches: usize,
}
fn changed_inputs(old: &[InputEntry], new: &[InputEntry]) -> Vec<String> {
    let o: BTreeMap<&str, &InputEntry> = old.iter().map(|e| (e.path.as_str(), e)).collect();
    let n: BTreeMap<&str, &InputEntry> = new.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut out = Vec::new();
    for (p, e) in &n {
        match o.get(p) {
            None => out.push(format!("added {p}")),
            Some(x) if x.sha256 != e.sha256 => out.push(format!("changed {p}")),
            _ => {}
        }
    }
    for p in o.keys() {
        if !n.contains_key(p) {
            out.push(format!("removed {p}"));
        }
    }
    out
}

/// Which stages of the latest version in `cfg.out` are stale for the
/// current inputs, code and params, why, and how many batches and
/// documents a build would redo for each.
pub fn status(cfg: &BuildConfig) -> Result<(Option<PathBuf>, Vec<StageStatus>), BuildError> {
    let limits = orbita_ingest::Limits { max_document_bytes: cfg.max_document_bytes };
    let entries = walk_raw(&cfg.raw).map_err(|e| BuildError::Io { path: cfg.raw.clone(), source: e })?;
    let (kb_files, _) = load_kb_from(cfg.kb.as_deref())?;
    let (lex_files, model_files, labeller) = load_labeller(cfg.lexicon.as_deref(), &cfg.labeller)?;
    let labeller: &dyn orbita_stance::Labeller = &*labeller;
    let (speakers_sha, rules) = load_speakers_from(cfg.speakers.as_deref())?;
    let agg = orbita_aggregate::Params::default();
    let prev = previous(cfg);
    let (hashed, read) = hash_inputs(&entries, &limits, cfg.keep.raw, prev.as_ref());
    let (inputs, now) = current_stages(cfg, &speakers_sha, hashed.clone(), &kb_files, (&lex_files, &model_files), labeller, &agg);
    let latest = crate::store::resolve(Some(&cfg.out)).ok();
    let old: Option<Manifest> = latest
        .as_ref()
        .and_then(|d| std::fs::read(d.join(crate::store::MANIFEST)).ok())
        .and_then(|b| serde_json::from_slice(&b).ok());
    let ctx = key_context(cfg, &now, &kb_files, (&lex_files, &model_files));
    let plan = make_plan(cfg, &rules, &entries, &hashed, read, &ctx, prev.as_ref(), 0);
    let old_batches = reusable(prev.as_ref());
    // Per streamed table: stale batches and their documents.
    let mut stale = [(0usize, 0u64); 4];
    for (r, keys) in plan.batches.iter().zip(&plan.keys) {
        let old = old_batches.get(keys[0].as_str());
        for (t, st) in stale.iter_mut().enumerate() {
            if old.is_none_or(|(b, _)| b.keys[t] != keys[t]) {
                st.0 += 1;
                st.1 += r.len() as u64;
            }
        }
    }
    let code_changed = prev.as_ref().is_some_and(|p| p.record.code != ctx.code);
    // A build would reuse the latest version as it is (the no-op cache names it).
    let noop = old.as_ref().is_some_and(|m| {
        std::fs::read_to_string(noop_cache_entry(cfg, &now)).is_ok_and(|id| id.trim() == m.dataset_id())
    });
    if noop {
        let fresh = now
            .iter()
            .map(|st| StageStatus {
                name: st.name.clone(),
                fresh: true,
                reasons: Vec::new(),
                stale_batches: 0,
                stale_documents: 0,
                batches: plan.batches.len(),
            })
            .collect();
        return Ok((latest, fresh));
    }
    let mut out = Vec::new();
    let mut upstream_stale = false;
    for (si, st) in now.iter().enumerate() {
        let prev_stage = old.as_ref().and_then(|m| m.stages.iter().find(|s| s.name == st.name));
        let mut reasons = Vec::new();
        let mut explained = false;
        match prev_stage {
            None => reasons.push("no built version".to_string()),
            Some(p) if p.key != st.key => {
                if p.version != st.version {
                    reasons.push(format!("stage version {} → {}", p.version, st.version));
                }
                if p.params != st.params {
                    reasons.push("params changed".to_string());
                }
                for set in &st.reads {
                    if let (Some(o), Some(n)) = (old.as_ref().and_then(|m| m.inputs.get(set)), inputs.get(set)) {
                        let ch = changed_inputs(o, n);
                        // Reference data the latest batches were built with (by the
                        // record) is no reason, whatever the manifest kept.
                        let built_with = |digest: &str| prev.as_ref().is_some_and(|p| match set.as_str() {
                            "kb" => p.record.kb == digest,
                            "lexicon" => p.record.lexicon == digest,
                            _ => false,
                        });
                        let current = if set == "kb" { ctx.kb.as_str() } else { ctx.lexicon.as_str() };
                        explained |= !ch.is_empty();
                        if !ch.is_empty() && !built_with(current) {
                            let shown: Vec<String> = ch.iter().take(5).cloned().collect();
                            let more = if ch.len() > 5 { format!(" and {} more", ch.len() - 5) } else { String::new() };
                            let what = match set.as_str() {
                                "raw" => "input changed",
                                "kb" => "kb changed",
                                "lexicon" => "lexicon changed",
                                "model" => "model changed",
                                other => other,
                            };
                            reasons.push(format!("{what}: {}{more}", shown.join(", ")));
                        }
                    }
                }
                if upstream_stale {
                    reasons.push("an upstream stage is stale".to_string());
                }
                if reasons.is_empty() && !explained {
                    reasons.push("schema changed".to_string());
                }
            }
            Some(_) => {}
        }
        if code_changed {
            reasons.push("code changed (another orbita binary built the latest version)".to_string());
        }
        let (stale_batches, stale_documents) = if si < 4 {
            stale[si]
        } else if reasons.is_empty() && stale[3].0 == 0 {
            (0, 0)
        } else {
            // The aggregate reads every batch's stances.
            (plan.batches.len(), plan.plan.len() as u64)
        };
        if prev.is_none() && old.is_some() {
            reasons.push("no build record for the latest version (the next build computes every batch)".to_string());
        }
        if stale_batches > 0 && !reasons.is_empty() {
            reasons.insert(0, format!("{stale_batches} of {} batches ({stale_documents} documents) to compute", plan.batches.len()));
        }
        upstream_stale |= !reasons.is_empty();
        out.push(StageStatus {
            name: st.name.clone(),
            fresh: reasons.is_empty(),
            reasons,
            stale_batches,
            stale_documents,
            batches: plan.batches.len(),
        });
    }
    Ok((latest, out))
}

/// Runs a build and publishes a new dataset version.
pub fn build(cfg: &BuildConfig) -> Result<BuildOutcome, BuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .map_err(|e| BuildError::Threads(e.to_string()))?;
    let result = pool.install(|| build_in_pool(cfg));
    cfg.progress.finish();
    result
}

fn build_in_pool(cfg: &BuildConfig) -> Result<BuildOutcome, BuildError> {
    let store = Store::open(&cfg.out)?;
    let lock = store.lock(cfg.wait)?;
    let cleaned = store.clean(&lock)?;
    for c in &cleaned {
        warn!(path = %c.display(), "Removed what an interrupted build left.");
    }
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        let now = std::time::Instant::now();
        timings.push((name, now.duration_since(clock).as_secs_f64()));
        clock = now;
    };

    // Reference data and the cache key of this build.
    let (kb_files, kb) = load_kb_from(cfg.kb.as_deref())?;
    let (lex_files, model_files, labeller) = load_labeller(cfg.lexicon.as_deref(), &cfg.labeller)?;
    let labeller: &dyn orbita_stance::Labeller = &*labeller;
    let (speakers_sha, rules) = load_speakers_from(cfg.speakers.as_deref())?;
    let agg_params = orbita_aggregate::Params::default();
    let limits = orbita_ingest::Limits { max_document_bytes: cfg.max_document_bytes };
    let entries = walk_raw(&cfg.raw).map_err(|e| BuildError::Io { path: cfg.raw.clone(), source: e })?;
    if entries.len() > cfg.max_files {
        return Err(BuildError::Limit(format!(
            "{} holds {} input files, over the limit of {} (--max-files)",
            cfg.raw.display(),
            entries.len(),
            cfg.max_files
        )));
    }
    let mut prev = previous(cfg);
    cfg.progress.stage("hash inputs", 0, 0);
    let (hashed, read) = hash_inputs(&entries, &limits, cfg.keep.raw, prev.as_ref());
    let (_, planned_stages) = current_stages(cfg, &speakers_sha, hashed.clone(), &kb_files, (&lex_files, &model_files), labeller, &agg_params);
    let cache = noop_cache_entry(cfg, &planned_stages);
    lap("hash inputs", &mut timings);
    if let Some(dir) = store.reuse(&lock, &cache)? {
        let manifest: Manifest = std::fs::read(dir.join(crate::store::MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| BuildError::Io { path: dir.clone(), source: std::io::Error::other("unreadable manifest") })?;
        if manifest.stages == planned_stages {
            info!(dir = %dir.display(), "Nothing changed: reusing the existing version.");
            return Ok(BuildOutcome { dir, manifest, rejects: Vec::new(), cleaned, timings, reused: true, work: BatchWork::default() });
        }
    }
    let linker = orbita_link::Linker::new(&kb);
    let ctx = key_context(cfg, &planned_stages, &kb_files, (&lex_files, &model_files));
    lap("load kb", &mut timings);

    // ingest, first pass: read and parse every new or changed input,
    // remember ids, keep rejects; cut the documents into batches.
    let span = info_span!("ingest").entered();
    cfg.progress.stage("ingest", 0, 0);
    let Plan { indexed, mut plan, duplicates, batches, keys } = make_plan(cfg, &rules, &entries, &hashed, read, &ctx, prev.as_ref(), cfg.keep.parsed);
    let Indexed { mut rejects, raw: raw_entries, records_seen, files, parsed: files_parsed, .. } = indexed;
    let mut work = BatchWork { files_parsed, ..BatchWork::default() };
    info!(files = entries.len(), parsed = files_parsed, documents = plan.len(), duplicates, rejects = rejects.len(), batches = batches.len(), "Stage finished.");
    drop(span);
    lap("ingest (index)", &mut timings);

    // What can be copied from the previous version (checked intact first).
    let wanted = {
        let old = reusable(prev.as_ref());
        keys.iter().any(|k| old.contains_key(k[0].as_str()))
    };
    if wanted && !prev.as_ref().is_some_and(tables_intact) {
        warn!("The latest version's tables do not match its manifest: computing every batch.");
        prev = None;
    }
    let old_batches = reusable(prev.as_ref());
    let sources: Option<Vec<RowGroupSource>> = match (&prev, old_batches.is_empty()) {
        (Some(p), false) => Some(
            crate::incremental::STREAM_TABLES
                .iter()
                .map(|t| RowGroupSource::open(&p.dir.join(format!("{t}.parquet"))))
                .collect::<Result<_, _>>()?,
        ),
        _ => None,
    };
    lap("check previous version", &mut timings);

    // Streaming pass: batches in doc_id order. A batch whose keys are those
    // of a batch of the previous version is copied; one whose documents are
    // unchanged but whose knowledge base or lexicon changed is linked and
    // labelled again from the stored text; any other is parsed again, split,
    // linked and labelled in parallel. Each batch closes its row groups.
    let span = info_span!("split_link_stance").entered();
    cfg.progress.stage("split, link, stance", plan.len() as u64, plan.iter().map(|p| p.text_bytes as u64).sum());
    let staging = store.begin(&lock)?;
    let schema = |t: &str| TableSchema::get(t);
    let path = |t: &str| staging.dir.join(format!("{t}.parquet"));
    let tables = crate::incremental::STREAM_TABLES;
    let schemas: Vec<&'static TableSchema> = tables.iter().map(|t| schema(t)).collect::<Result<_, _>>()?;
    let writers: Vec<TableWriter> = tables.iter().zip(&schemas).map(|(t, s)| TableWriter::create(s, &path(t))).collect::<Result<_, _>>()?;
    let mut obs = Vec::new();
    let mut documents = 0u64;
    let mut batch_records = Vec::with_capacity(batches.len());
    const DOC_COLUMNS: [&str; 7] = ["doc_id", "text", "date_from", "date_to", "speaker", "source", "source_kind"];
    const OBS_DOC_COLUMNS: [&str; 5] = ["doc_id", "date_from", "date_to", "source", "source_kind"];
    // A writer thread appends batch N (encoded on the pool, or copied, or
    // encoded there for the few parts the relink path sends as rows) while
    // batch N+1 is computed; the bounded channel keeps at most two batches waiting.
    let (tx, rx) = std::sync::mpsc::sync_channel::<[Part; 4]>(2);
    let (writers, groups) = std::thread::scope(|scope| -> Result<(Vec<TableWriter>, Vec<[usize; 4]>), BuildError> {
        let sources = sources.as_deref();
        let writer = scope.spawn(move || write_batches(writers, sources, rx));
        let sent = (|| -> Result<(), BuildError> {
            for (range, keys) in batches.into_iter().zip(keys) {
                let old = old_batches.get(keys[0].as_str()).filter(|_| sources.is_some());
                let same = |t: usize| old.is_some_and(|(b, _)| b.keys[t] == keys[t]);
                let mut clean = true;
                let mut n_docs = range.len() as u64;
                let (range_len, batch_bytes) = (range.len() as u64, plan[range.clone()].iter().map(|p| p.text_bytes as u64).sum::<u64>());
                let parts: [Part; 4] = if let (Some((_, groups)), Some(src), true) = (old, sources, same(3)) {
                    // Everything unchanged: copy, and read back what the aggregate needs.
                    if let Some(docs) = concat(src[0].read(groups[0].clone(), &OBS_DOC_COLUMNS)?)? {
                        obs.extend(stored_observations(&src[3], groups[3].clone(), &docs)?);
                    }
                    work.copied += 1;
                    std::array::from_fn(|t| Part::Copy(groups[t].clone()))
                } else if let (Some((old_batch, groups)), Some(src), true) = (old, sources, same(1)) {
                    // Same documents and sentences; link again from the stored text.
                    let docs = concat(src[0].read(groups[0].clone(), &DOC_COLUMNS)?)?
                        .ok_or_else(|| BuildError::Limit("a reused batch has no documents".into()))?;
                    let d = Columns::new("documents", &docs);
                    let (ids, texts) = (d.str("doc_id")?, d.str("text")?);
                    let dates = (0..docs.num_rows()).map(|i| d.document_date(i)).collect::<Result<Vec<_>, _>>()?;
                    let speakers = (0..docs.num_rows()).map(|i| d.document_speaker(i)).collect::<Result<Vec<_>, _>>()?;
                    let linked: Vec<Linked> =
                        (0..docs.num_rows()).into_par_iter().with_max_len(1).map(|i| link_document(texts.value(i), dates[i], &linker)).collect();
                    work.relinked += 1;
                    // The labeller sees the text, the sentences and the mentions: when the
                    // mentions come out as stored and the stored stances were labelled by
                    // this labeller and lexicon, they are what labelling would give again.
                    let same_labeller = ctx.stance_key(&old_batch.keys[2]) == old_batch.keys[3];
                    let unchanged = same_labeller && {
                        let offsets: Vec<Vec<(i32, i32)>> = linked
                            .par_iter()
                            .with_max_len(1)
                            .enumerate()
                            .map(|(i, l)| document_output(ids.value(i), texts.value(i), l, &[], labeller).mentions)
                            .collect();
                        let stored = concat(src[2].read(groups[2].clone(), &schemas[2].field_names())?)?;
                        same_rows(stored.as_ref(), &mentions_of(ids, &linked, &offsets)?)
                    };
                    if unchanged {
                        obs.extend(stored_observations(&src[3], groups[3].clone(), &docs)?);
                        work.stances_kept += 1;
                        std::array::from_fn(|t| Part::Copy(groups[t].clone()))
                    } else {
                        let outs: Vec<DocOutput> = linked
                            .par_iter()
                            .with_max_len(1)
                            .enumerate()
                            .map(|(i, l)| {
                                let st = label_document(texts.value(i), dates[i], speakers[i], l, &linker, labeller);
                                document_output(ids.value(i), texts.value(i), l, &st, labeller)
                            })
                            .collect();
                        let (mut offsets, mut stances) = (Vec::with_capacity(outs.len()), Vec::new());
                        for o in outs {
                            offsets.push(o.mentions);
                            stances.extend(o.stances);
                        }
                        let stances = stances_batch(&stances)?;
                        obs.extend(crate::merge::observations(&docs, &stances)?);
                        let mentions = if same(2) { Part::Copy(groups[2].clone()) } else { Part::Rows(mentions_of(ids, &linked, &offsets)?) };
                        [Part::Copy(groups[0].clone()), Part::Copy(groups[1].clone()), mentions, Part::Rows(stances)]
                    }
                } else {
                    // The documents the first pass did not keep, parsed again one file at a time.
                    let mut again: BTreeMap<usize, std::collections::BTreeSet<u32>> = BTreeMap::new();
                    for p in plan[range.clone()].iter().filter(|p| p.parsed.is_none()) {
                        again.entry(p.entry).or_default().insert(p.record);
                    }
                    let again: Vec<(usize, std::collections::BTreeSet<u32>)> = again.into_iter().collect();
                    let reparsed: HashMap<usize, Option<Reparsed>> = again
                        .into_par_iter()
                        .with_max_len(1)
                        .map(|(i, records)| (i, reparse(&entries[i], &raw_entries[i], &records, &limits, &rules)))
                        .collect();
                    let results: Vec<Result<(DocumentRow, Linked, DocOutput), Box<RejectRow>>> = plan[range.clone()]
                        .par_iter_mut()
                        // One document per job, as in the first pass (`FILES_PER_JOB`).
                        .with_max_len(1)
                        .map(|p| {
                            let kept = p.parsed.take();
                            let doc = document_row(p, kept, reparsed.get(&p.entry), &entries[p.entry])?;
                            let (linked, out) = process_document(&doc.doc_id, &doc.text, doc.date_from.or(doc.date_to), doc.speaker.as_deref(), &linker, labeller);
                            Ok((doc, linked, out))
                        })
                        .collect();
                    let mut docs = Vec::new();
                    let (mut sentences, mut linked, mut offsets, mut stances) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
                    for r in results {
                        match r {
                            Ok((d, l, o)) => {
                                docs.push(d);
                                sentences.push(o.sentences);
                                linked.push(l);
                                offsets.push(o.mentions);
                                stances.extend(o.stances);
                            }
                            Err(rej) => {
                                rejects.push(*rej);
                                clean = false;
                            }
                        }
                    }
                    n_docs = docs.len() as u64;
                    // The four batches are built and encoded side by side, on the pool (the text
                    // columns are most of the copying and compressing); the writer only appends.
                    let enc = |t: usize, b: Result<arrow::array::RecordBatch, SchemaError>| -> Result<_, BuildError> {
                        let b = b?;
                        let e = encode(schemas[t], &b)?;
                        Ok((b, Part::Encoded(e)))
                    };
                    let ((docs, stances), (sentences, mentions)) = rayon::join(
                        || rayon::join(|| enc(0, documents_batch(&docs)), || enc(3, stances_batch(&stances))),
                        || {
                            let of_docs = docs.iter().zip(&sentences).map(|(d, s)| (d.doc_id.as_str(), d.text.as_str(), s.as_slice()));
                            let mentions = docs.iter().zip(&linked).zip(&offsets).map(|((d, l), o)| (d.doc_id.as_str(), l.mentions.as_slice(), o.as_slice()));
                            rayon::join(|| enc(1, sentences_batch_of(of_docs)), || enc(2, mentions_batch_of(mentions)))
                        },
                    );
                    let ((docs, docs_part), (stances, stances_part)) = (docs?, stances?);
                    obs.extend(crate::merge::observations(&docs, &stances)?);
                    work.computed += 1;
                    [docs_part, sentences?.1, mentions?.1, stances_part]
                };
                documents += n_docs;
                cfg.progress.advance(range_len, batch_bytes);
                batch_records.push(BatchRecord { docs: n_docs, keys: if clean { keys } else { Default::default() }, groups: [0; 4] });
                if tx.send(parts).is_err() {
                    // The writer stopped on an error; joining it reports it.
                    break;
                }
            }
            Ok(())
        })();
        drop(tx);
        let written = writer.join().map_err(|_| BuildError::Limit("the table writer thread panicked".into()))?;
        sent?;
        written
    })?;
    for (r, g) in batch_records.iter_mut().zip(groups) {
        r.groups = g;
    }
    info!(copied = work.copied, relinked = work.relinked, computed = work.computed, "Stage finished.");
    drop(span);
    lap("ingest+split+link+stance (stream)", &mut timings);

    // aggregate
    let span = info_span!("aggregate").entered();
    cfg.progress.stage("aggregate", 0, 0);
    // A shard's alignment is left empty: `orbita merge` aggregates all shards.
    let alignment = if cfg.shard.is_some() { Vec::new() } else { orbita_aggregate::aggregate(&obs, &agg_params) };
    info!(rows = alignment.len(), table = "alignment", "Stage finished.");
    drop(span);
    lap("aggregate", &mut timings);

    // finish the tables, the manifest, and publish
    let span = info_span!("write").entered();
    cfg.progress.stage("write", 0, 0);
    rejects.sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    let accounting = Accounting {
        files_seen: entries.len() as u64,
        records_seen,
        documents,
        duplicates,
        rejects: rejects.len() as u64,
    };
    let mut written = Vec::new();
    for (t, w) in tables.iter().zip(writers) {
        written.push((*t, w.finish()?));
    }
    written.push(("rejects", write_table(schema("rejects")?, &path("rejects"), &[rejects_batch(&rejects)?])?));
    written.push(("alignment", write_table(schema("alignment")?, &path("alignment"), &[alignment_batch(&alignment)?])?));
    let tables = table_entries(written)?;
    let mut inputs = reference_sets(&kb_files, &lex_files, &model_files);
    inputs.insert("raw".to_string(), raw_entries);
    let stages = stages(cfg, &speakers_sha, &inputs, labeller, &agg_params);
    let mut manifest = Manifest {
        format: MANIFEST_FORMAT.to_string(),
        tool: BTreeMap::from([
            ("name".to_string(), "orbita".to_string()),
            ("version".to_string(), env!("CARGO_PKG_VERSION").to_string()),
        ]),
        tables,
        inputs,
        stages,
        accounting,
        shard: cfg.shard.map(|(i, n)| format!("{i}/{n}")),
        files: BTreeMap::new(),
    };
    manifest.files = crate::datapackage::write(&staging.dir, &manifest)?;
    let dir = store.commit(&lock, staging, &manifest)?;
    if manifest.stages == planned_stages {
        store.remember(&lock, &cache, &manifest.dataset_id())?;
    }
    if cfg.shard.is_none() {
        // The record the next build reuses; written after the version is
        // published (without it, the next build computes everything).
        let record = BuildRecord {
            format: RECORD_FORMAT.to_string(),
            code: ctx.code,
            batching: ctx.batching,
            kb: ctx.kb,
            lexicon: ctx.lexicon,
            stages: ctx.stages,
            tables: manifest.tables.iter().map(|(k, t)| (k.clone(), t.sha256.clone())).collect(),
            files,
            batches: batch_records,
        };
        if let Err(e) = crate::incremental::save_record(&cfg.out, &manifest.dataset_id(), &record) {
            warn!(error = %e, "Could not write the build record; the next build will compute every batch.");
        }
    }
    info!(dir = %dir.display(), "Dataset version written.");
    drop(span);
    lap("write", &mut timings);
    Ok(BuildOutcome { dir, manifest, rejects, cleaned, timings, reused: false, work })
}

/// One table's share of a batch, for the writer thread.
enum Part {
    /// Row groups to copy from the previous version.
    Copy(std::ops::Range<usize>),
    /// Rows to encode.
    Rows(arrow::array::RecordBatch),
    /// Rows encoded on the pool, to append.
    Encoded(Encoded),
}

/// The writer thread: appends each batch's parts to the tables in order
/// and returns the writers with the row groups each batch took per table.
fn write_batches(
    mut writers: Vec<TableWriter>,
    sources: Option<&[RowGroupSource]>,
    rx: std::sync::mpsc::Receiver<[Part; 4]>,
) -> Result<(Vec<TableWriter>, Vec<[usize; 4]>), BuildError> {
    let mut groups = Vec::new();
    for parts in rx {
        let mut g = [0usize; 4];
        for (t, part) in parts.into_iter().enumerate() {
            let before = writers[t].row_groups();
            match part {
                Part::Copy(range) => {
                    let src = sources.ok_or_else(|| BuildError::Limit("a copy without a previous version".into()))?;
                    writers[t].copy_row_groups(&src[t], range)?;
                }
                Part::Rows(batch) => writers[t].write(&batch)?,
                Part::Encoded(e) => writers[t].append(&e)?,
            }
            g[t] = writers[t].row_groups() - before;
        }
        groups.push(g);
    }
    Ok((writers, groups))
}

/// The aggregate's observations from a copied batch: its stored stances
/// (row groups `groups` of the previous `stances` table) with its documents.
fn stored_observations(
    stances: &RowGroupSource,
    groups: std::ops::Range<usize>,
    docs: &arrow::array::RecordBatch,
) -> Result<Vec<orbita_aggregate::Observation>, BuildError> {
    const OBS_STANCE_COLUMNS: [&str; 11] =
        ["doc_id", "sentence", "actor", "target", "label", "confidence", "negated", "hedged", "year_from", "year_to", "attributed_to"];
    match concat(stances.read(groups, &OBS_STANCE_COLUMNS)?)? {
        Some(st) => crate::merge::observations(docs, &st),
        None => Ok(Vec::new()),
    }
}

/// The `mentions` batch of a batch's documents (`ids`, in order) as linked,
/// with their mentions' character offsets.
fn mentions_of(ids: &arrow::array::StringArray, linked: &[Linked], offsets: &[Vec<(i32, i32)>]) -> Result<arrow::array::RecordBatch, SchemaError> {
    mentions_batch_of(linked.iter().zip(offsets).enumerate().map(|(i, (l, o))| (ids.value(i), l.mentions.as_slice(), o.as_slice())))
}

/// Whether a decoded batch holds the same rows as a built one (`None`: no rows).
fn same_rows(stored: Option<&arrow::array::RecordBatch>, built: &arrow::array::RecordBatch) -> bool {
    match stored {
        None => built.num_rows() == 0,
        Some(s) => {
            s.num_rows() == built.num_rows()
                && s.num_columns() == built.num_columns()
                && s.columns().iter().zip(built.columns()).all(|(a, b)| a.to_data() == b.to_data())
        }
    }
}

/// One record batch from a table's decoded row groups (None when empty).
fn concat(batches: Vec<arrow::array::RecordBatch>) -> Result<Option<arrow::array::RecordBatch>, BuildError> {
    let Some(first) = batches.first() else { return Ok(None) };
    if batches.len() == 1 {
        return Ok(batches.into_iter().next());
    }
    arrow::compute::concat_batches(&first.schema(), &batches)
        .map(Some)
        .map_err(|e| BuildError::Limit(format!("cannot combine decoded row groups: {e}")))
}
