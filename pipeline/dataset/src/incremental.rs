//! Incremental rebuilds: content-defined batches, their cache keys, and the
//! build record a version leaves in the store's `.cache/` for the next build.
//!
//! The streaming pass cuts the documents (in `doc_id` order) into batches
//! whose boundaries depend on the documents themselves (see
//! [`Batching::cut`]), so adding, removing or editing one document changes
//! its own batch only. Every batch gets one key per table it writes, chained
//! like the stages: documents (the code, the ingest params and each
//! document's id, path, record, input hash and duplicates), sentences (+ the
//! split stage), mentions (+ link and the knowledge base), stances (+ stance
//! and the lexicon). The record of a version lists its batches with these
//! keys and their row groups per table, and every input file with the
//! documents and rejects parsing it gave, by the file's hash.
//!
//! A rebuild copies the row groups of a batch whose key is unchanged from the
//! previous version without decoding them, and only parses and computes the
//! others; since a table's row groups depend only on their batch's rows, the
//! result is byte for byte a clean build of the same inputs. The record is a
//! cache: without it (or with one made by another orbita binary) the build
//! simply does everything.

use crate::inputs::sha256_hex;
use crate::manifest::InputEntry;
use crate::tables::RejectRow;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Record format tag.
pub const RECORD_FORMAT: &str = "orbita-build-record/1";

/// The tables the streaming pass writes, in key order.
pub const STREAM_TABLES: [&str; 4] = ["documents", "sentences", "mentions", "stances"];

/// How the streaming pass cuts documents into batches (each batch is one
/// unit of work and closes its own row groups in every table).
///
/// A batch ends after a document when a hash of its id falls under
/// `text_bytes / target_bytes + 1 / target_docs` (so batches hold about
/// `target_bytes` of text, or `target_docs` small documents) once the batch
/// holds `min_bytes` or `min_docs` (four times as likely once it holds twice
/// the target, which keeps batch sizes close to it); and, as a hard limit on
/// memory, before a document that would take it past `max_docs` or
/// `max_bytes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batching {
    /// Text bytes a batch aims at.
    pub target_bytes: usize,
    /// Documents a batch of small documents aims at.
    pub target_docs: usize,
    /// No content boundary before this many text bytes…
    pub min_bytes: usize,
    /// …or this many documents.
    pub min_docs: usize,
    /// Most documents in a batch.
    pub max_docs: usize,
    /// Most text bytes in a batch (a larger document is a batch of its own).
    pub max_bytes: usize,
}

impl Default for Batching {
    fn default() -> Self {
        Batching {
            target_bytes: 4 << 20,
            target_docs: 256,
            min_bytes: 1 << 20,
            min_docs: 64,
            max_docs: 1024,
            max_bytes: 64 << 20,
        }
    }
}

impl Batching {
    /// Batches aiming at `bytes` of text (tests use small ones to get many
    /// batches out of a small corpus).
    pub fn with_target_bytes(bytes: usize) -> Batching {
        let bytes = bytes.max(1);
        Batching { target_bytes: bytes, min_bytes: bytes / 4, ..Batching::default() }
    }

    /// The canonical form recorded with a build.
    pub fn canonical(&self) -> String {
        format!(
            "target_bytes={} target_docs={} min_bytes={} min_docs={} max_docs={} max_bytes={}",
            self.target_bytes, self.target_docs, self.min_bytes, self.min_docs, self.max_docs, self.max_bytes
        )
    }

    /// Whether a content boundary may follow the document `doc_id` of
    /// `text_bytes` bytes, in a batch of `bytes` and `docs` so far.
    fn boundary_after(&self, doc_id: &str, text_bytes: usize, bytes: usize, docs: usize) -> bool {
        let x = u64::from_str_radix(&doc_id[..doc_id.len().min(16)], 16).unwrap_or(0);
        // splitmix64: decorrelated from the id bits the shards use.
        let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // A uniform draw in [0, 1) (53 bits; IEEE arithmetic is exact and
        // the same everywhere) under t / B + 1 / D.
        let u = (z >> 11) as f64 / (1u64 << 53) as f64;
        let p = text_bytes as f64 / self.target_bytes.max(1) as f64 + 1.0 / self.target_docs.max(1) as f64;
        let long = bytes >= 2 * self.target_bytes || docs >= 2 * self.target_docs;
        u < if long { 4.0 * p } else { p }
    }

    /// Cuts documents (ids and text sizes, in `doc_id` order) into batches.
    pub fn cut(&self, ids: &[&str], text_bytes: &[usize]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut bytes = 0;
        for (i, &t) in text_bytes.iter().enumerate() {
            if i > start && (i - start >= self.max_docs || bytes + t > self.max_bytes) {
                out.push(start..i);
                start = i;
                bytes = 0;
            }
            bytes += t;
            let n = i + 1 - start;
            if (bytes >= self.min_bytes || n >= self.min_docs) && self.boundary_after(ids[i], t, bytes, n) {
                out.push(start..i + 1);
                start = i + 1;
                bytes = 0;
            }
        }
        if start < text_bytes.len() {
            out.push(start..text_bytes.len());
        }
        out
    }
}

/// What parsing one input file gave (the index pass), by the file's hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Path under the raw directory.
    pub path: String,
    /// The manifest hash of the file (and its sidecar).
    pub sha256: String,
    /// Records seen in it.
    pub records: u64,
    /// Its usable documents: (doc id, record, text bytes).
    pub docs: Vec<(String, u32, usize)>,
    /// Its rejects.
    pub rejects: Vec<RejectRow>,
}

/// One batch of a version: its table keys and its row groups per table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRecord {
    /// Documents in the batch.
    pub docs: u64,
    /// Key per table of [`STREAM_TABLES`]; empty when the batch cannot be
    /// reused (a file changed while it was built).
    pub keys: [String; 4],
    /// Row groups per table of [`STREAM_TABLES`].
    pub groups: [usize; 4],
}

/// What a build leaves for the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuildRecord {
    /// Format tag.
    pub format: String,
    /// The orbita binary that built it (see [`KeyContext::code`]).
    pub code: String,
    /// [`Batching::canonical`].
    pub batching: String,
    /// The knowledge base's digest.
    pub kb: String,
    /// The lexicon's digest.
    pub lexicon: String,
    /// Stage contexts (name, version, params, schemas) by stage.
    pub stages: BTreeMap<String, String>,
    /// The version's table hashes (checked against the tables before any copy).
    pub tables: BTreeMap<String, String>,
    /// Input files.
    pub files: Vec<FileRecord>,
    /// Batches in order.
    pub batches: Vec<BatchRecord>,
}

/// Everything besides the documents that a batch's keys depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyContext {
    /// The orbita binary (path, size, modification time).
    pub code: String,
    /// [`Batching::canonical`].
    pub batching: String,
    /// Stage contexts by name: ingest, split, link, stance.
    pub stages: BTreeMap<String, String>,
    /// Digest of the knowledge base's files.
    pub kb: String,
    /// Digest of the lexicon's files.
    pub lexicon: String,
}

impl KeyContext {
    /// The keys, per table, of a batch whose documents have the given keys
    /// (see [`doc_key`]).
    pub fn batch_keys<'a>(&self, doc_keys: impl Iterator<Item = &'a str>) -> [String; 4] {
        let st = |n: &str| self.stages.get(n).map(String::as_str).unwrap_or("");
        let mut s = format!("documents\n{}\n{}\n{}\n", self.code, self.batching, st("ingest"));
        for k in doc_keys {
            s.push_str(k);
            s.push('\n');
        }
        let documents = sha256_hex(s.as_bytes());
        let sentences = sha256_hex(format!("{documents}\nsentences\n{}", st("split")).as_bytes());
        let mentions = sha256_hex(format!("{sentences}\nmentions\n{}\n{}", st("link"), self.kb).as_bytes());
        let stances = self.stance_key(&mentions);
        [documents, sentences, mentions, stances]
    }

    /// The `stances` key of a batch whose `mentions` key is given.
    pub fn stance_key(&self, mentions: &str) -> String {
        let st = self.stages.get("stance").map(String::as_str).unwrap_or("");
        sha256_hex(format!("{mentions}\nstances\n{st}\n{}", self.lexicon).as_bytes())
    }

    /// Whether files indexed under `record` can be reused now (same binary,
    /// same ingest params).
    pub fn same_ingest(&self, record: &BuildRecord) -> bool {
        record.format == RECORD_FORMAT && record.code == self.code && record.stages.get("ingest") == self.stages.get("ingest")
    }
}

/// What a document's `documents` row depends on besides the code and params.
pub fn doc_key(doc_id: &str, path: &str, record: u32, input: &InputEntry, duplicates: &[String]) -> String {
    format!("{doc_id}\t{path}\t{record}\t{}\t{}", input.sha256, duplicates.join("\t"))
}

/// Where the record of version `id` lives in output directory `out`.
pub fn record_path(out: &Path, id: &str) -> PathBuf {
    out.join(".cache").join("versions").join(format!("{id}.json"))
}

/// Reads the record of version `id`; None when absent or unreadable.
pub fn load_record(out: &Path, id: &str) -> Option<BuildRecord> {
    let bytes = std::fs::read(record_path(out, id)).ok()?;
    serde_json::from_slice(&bytes).ok().filter(|r: &BuildRecord| r.format == RECORD_FORMAT)
}

/// Writes the record of version `id` (to a temporary name, then renamed).
pub fn save_record(out: &Path, id: &str, record: &BuildRecord) -> std::io::Result<()> {
    let path = record_path(out, id);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec(record).map_err(std::io::Error::other)?)?;
    std::fs::rename(&tmp, &path)
}

/// The row-group ranges, per table, of every batch of a record.
pub fn group_ranges(batches: &[BatchRecord]) -> Vec<[Range<usize>; 4]> {
    let mut at = [0usize; 4];
    batches
        .iter()
        .map(|b| {
            std::array::from_fn(|t| {
                let r = at[t]..at[t] + b.groups[t];
                at[t] = r.end;
                r
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        let mut v: Vec<String> = (0..n).map(|i| sha256_hex(format!("doc {i}").as_bytes())[..16].to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_small_corpus_is_one_batch_by_default() {
        let ids = ids(40);
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(Batching::default().cut(&refs, &vec![20_000; 40]), vec![0..40]);
    }

    #[test]
    fn boundaries_follow_the_documents_not_their_positions() {
        let b = Batching::with_target_bytes(50_000);
        let ids = ids(3000);
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let sizes = vec![5_000; refs.len()];
        let all = b.cut(&refs, &sizes);
        assert!(all.len() > 50, "{} batches", all.len());
        assert!(all.iter().all(|r| r.len() <= b.max_docs));
        // Remove one document in the middle: batches away from it keep their documents.
        let k = 1500;
        let mut fewer = refs.clone();
        fewer.remove(k);
        let cut = b.cut(&fewer, &sizes[1..]);
        let as_ids = |rs: &[Range<usize>], v: &[&str]| rs.iter().map(|r| v[r.clone()].join(",")).collect::<Vec<_>>();
        let (before, after) = (as_ids(&all, &refs), as_ids(&cut, &fewer));
        let common = before.iter().filter(|b| after.contains(b)).count();
        assert!(common + 3 >= before.len(), "{common} of {} batches kept", before.len());
    }

    #[test]
    fn the_caps_bound_a_batch() {
        let b = Batching { target_docs: 1 << 30, target_bytes: 1 << 40, ..Batching::default() };
        let ids = ids(2500);
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let cut = b.cut(&refs, &vec![10; 2500]);
        assert_eq!(cut, vec![0..1024, 1024..2048, 2048..2500]);
        let big = b.cut(&refs[..3], &[40 << 20, 40 << 20, 1]);
        assert_eq!(big, vec![0..1, 1..3]);
    }

    #[test]
    fn keys_chain_like_the_stages() {
        let ctx = KeyContext {
            code: "c".into(),
            batching: "b".into(),
            stages: BTreeMap::new(),
            kb: "kb1".into(),
            lexicon: "lex1".into(),
        };
        let a = ctx.batch_keys(["d1", "d2"].into_iter());
        let kb2 = KeyContext { kb: "kb2".into(), ..ctx.clone() };
        let b = kb2.batch_keys(["d1", "d2"].into_iter());
        assert_eq!(a[..2], b[..2]);
        assert_ne!(a[2], b[2]);
        assert_ne!(a[3], b[3]);
        let c = ctx.batch_keys(["d1", "d3"].into_iter());
        assert!(a.iter().zip(&c).all(|(x, y)| x != y));
    }

    #[test]
    fn group_ranges_are_prefix_sums() {
        let b = |g: [usize; 4]| BatchRecord { docs: 1, keys: Default::default(), groups: g };
        let r = group_ranges(&[b([1, 2, 0, 1]), b([1, 1, 1, 1])]);
        assert_eq!(r[1], [1..2, 2..3, 0..1, 1..2]);
    }
}
