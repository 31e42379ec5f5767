//! The manifest of a dataset version, and the committed dataset lock.
//!
//! `manifest.json` records, per table, its file, SHA-256, rows, bytes and
//! schema hash; the inputs with their hashes; every stage with its version,
//! params and cache key; and the tool version. It holds no clock, host name
//! or absolute path, so the same inputs and code give the same manifest.
//! `manifest.json.sha256` beside it holds the manifest's own hash, so a
//! flipped byte in the manifest is caught too.
//!
//! `data/dataset.lock` is the part of a manifest that CI gates on: table
//! hashes, rows and schema hashes that `make all` must reproduce.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Manifest format tag.
pub const MANIFEST_FORMAT: &str = "orbita-dataset/1";

/// One published table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    /// File name inside the version directory.
    pub file: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Rows.
    pub rows: u64,
    /// File size in bytes.
    pub bytes: u64,
    /// SHA-256 of the schema file the table was checked against.
    pub schema_sha256: String,
    /// Version number declared in the schema file.
    pub schema_version: u32,
}

/// One input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputEntry {
    /// Path relative to its root (raw dir, knowledge base, lexicon).
    pub path: String,
    /// SHA-256 of its bytes (empty when the file could not be read).
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// A file of a version besides its tables and manifest (`datapackage.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// SHA-256 of the file.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
}

/// One stage of the build.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEntry {
    /// Stage name (its verb).
    pub name: String,
    /// Stage version, bumped when its output meaning changes.
    pub version: u32,
    /// Canonical params.
    pub params: BTreeMap<String, String>,
    /// Tables and input sets it reads.
    pub reads: Vec<String>,
    /// Tables it writes.
    pub writes: Vec<String>,
    /// Cache key: SHA-256 of (name, version, params, input hashes, schemas).
    pub key: String,
}

/// How the inputs were accounted for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounting {
    /// Input files found under the raw directory (sidecars excluded).
    pub files_seen: u64,
    /// Records seen (a JSON Lines file holds several).
    pub records_seen: u64,
    /// Distinct documents.
    pub documents: u64,
    /// Records whose text duplicated an earlier record's.
    pub duplicates: u64,
    /// Rejected records.
    pub rejects: u64,
}

impl Accounting {
    /// documents + duplicates + rejects = records seen.
    pub fn balanced(&self) -> bool {
        self.documents + self.duplicates + self.rejects == self.records_seen
    }
}

/// The manifest of one dataset version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format tag.
    pub format: String,
    /// Tool name and version.
    pub tool: BTreeMap<String, String>,
    /// Tables by name.
    pub tables: BTreeMap<String, TableEntry>,
    /// Input sets by name ("raw", "kb", "lexicon").
    pub inputs: BTreeMap<String, Vec<InputEntry>>,
    /// Stages in order.
    pub stages: Vec<StageEntry>,
    /// Input accounting.
    pub accounting: Accounting,
    /// For a partial dataset of a sharded build: "I/N". Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The version's other files by name (`datapackage.json`), hashed like
    /// the tables. Absent in versions written before orbita made them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    /// Canonical bytes (pretty JSON, keys in a fixed order, trailing newline).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = serde_json::to_vec_pretty(self).expect("manifest serialises");
        s.push(b'\n');
        s
    }

    /// The dataset id: the first 16 hex digits of the SHA-256 of the
    /// tables' hashes (names and hashes in name order). Same tables, same id.
    pub fn dataset_id(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (name, t) in &self.tables {
            h.update(name.as_bytes());
            h.update(b"\0");
            h.update(t.sha256.as_bytes());
            h.update(b"\n");
        }
        crate::schema::hex(&h.finalize())[..16].to_string()
    }
}

/// The committed lock: what a build of the committed inputs must produce.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetLock {
    /// Format tag.
    pub format: String,
    /// Semantic version of the dataset.
    pub version: String,
    /// Dataset id of the locked build.
    pub dataset: String,
    /// Per table: sha256, rows, schema hash.
    pub tables: BTreeMap<String, LockedTable>,
    /// The alignment table (perspective "all") as reviewable text, with the
    /// evidence sentences it cites, so a diff against the lock can say
    /// which countries moved and why.
    #[serde(default)]
    pub alignment: LockedAlignment,
}

/// The alignment snapshot kept in the lock.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LockedAlignment {
    /// "country|target|period" → label, score, evidence.
    pub rows: BTreeMap<String, LockedAlignmentRow>,
    /// "doc_id:sentence" → sentence text, for every cited sentence.
    pub sentences: BTreeMap<String, String>,
}

/// One alignment row in the lock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockedAlignmentRow {
    /// Ordinal label.
    pub label: i8,
    /// Score, rounded to 4 decimals.
    pub score: f64,
    /// Evidence references "doc_id:sentence", strongest first.
    pub evidence: Vec<String>,
}

/// A table in the lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedTable {
    /// SHA-256 of the file.
    pub sha256: String,
    /// Rows.
    pub rows: u64,
    /// SHA-256 of the schema file.
    pub schema_sha256: String,
}

/// Lock format tag.
pub const LOCK_FORMAT: &str = "orbita-lock/1";

impl DatasetLock {
    /// The lock for a manifest.
    pub fn from_manifest(m: &Manifest, version: &str, alignment: LockedAlignment) -> DatasetLock {
        DatasetLock {
            format: LOCK_FORMAT.to_string(),
            version: version.to_string(),
            dataset: m.dataset_id(),
            tables: m
                .tables
                .iter()
                .map(|(k, t)| {
                    (k.clone(), LockedTable { sha256: t.sha256.clone(), rows: t.rows, schema_sha256: t.schema_sha256.clone() })
                })
                .collect(),
            alignment,
        }
    }

    /// Canonical bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = serde_json::to_vec_pretty(self).expect("lock serialises");
        s.push(b'\n');
        s
    }

    /// Readable differences between the lock and a manifest; empty when they agree.
    pub fn differences(&self, m: &Manifest) -> Vec<String> {
        let mut out = Vec::new();
        for (name, locked) in &self.tables {
            match m.tables.get(name) {
                None => out.push(format!("table {name}: in the lock, missing from the build")),
                Some(t) => {
                    if t.schema_sha256 != locked.schema_sha256 {
                        out.push(format!(
                            "table {name}: schema changed ({} → {})",
                            &locked.schema_sha256[..12],
                            &t.schema_sha256[..12.min(t.schema_sha256.len())]
                        ));
                    }
                    if t.rows != locked.rows {
                        out.push(format!(
                            "table {name}: {} rows in the lock, {} in the build ({:+})",
                            locked.rows,
                            t.rows,
                            t.rows as i64 - locked.rows as i64
                        ));
                    }
                    if t.sha256 != locked.sha256 {
                        out.push(format!(
                            "table {name}: content differs (sha256 {} in the lock, {} in the build)",
                            &locked.sha256[..12],
                            &t.sha256[..12.min(t.sha256.len())]
                        ));
                    }
                }
            }
        }
        for name in m.tables.keys() {
            if !self.tables.contains_key(name) {
                out.push(format!("table {name}: in the build, not in the lock"));
            }
        }
        out
    }
}
