//! `orbita export`: a dataset version as Hive-style partitioned Parquet, so
//! DuckDB, Spark, pyarrow and pandas read only the partitions a query needs.
//!
//! Layout of an export directory:
//!
//! ```text
//! <out>/
//!   _orbita_export.json                     the export manifest (written last)
//!   documents/year=2024/part-0.parquet      one directory per partition value
//!   documents/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet   documents without a date
//!   sentences/year=…/  mentions/year=…/  stances/year=…/
//!   alignment/target=CHN/part-0.parquet     one directory per target power
//!   rejects/part-0.parquet                  not partitioned
//! ```
//!
//! Partition keys (see [`PLANS`]):
//! - `documents`, `sentences`, `mentions`, `stances` by `year`: the year of
//!   the document's (first) publication date, `documents.date_from`. It is
//!   the filter analysts apply first ("stances of 2024"), it bounds the
//!   partition count by the years the corpus spans, and it keeps the rows of
//!   one document (its sentences, mentions and stances) in the same
//!   partition of every table, so a join on `doc_id` stays inside a year.
//!   `year` is not a column of these tables: it is derived, every column of
//!   the table stays in the files, and readers add `year` as an extra
//!   column. A document without a date goes to `year=__HIVE_DEFAULT_PARTITION__`,
//!   which Spark, DuckDB and pyarrow read back as a null `year`.
//! - `alignment` by `target`: the side a country is aligned with, which is
//!   how the table is read ("who sides with China"), bounded by the
//!   knowledge base (16 targets in the seed, 169 in the White House
//!   corpus). `target` is a column of the table, so by the Hive convention
//!   it is removed from the files and restored by the reader from the
//!   directory name.
//! - `rejects` is not partitioned: it is small, read whole, and has no key
//!   that queries filter on.
//!
//! Types round-trip when the reader is told the partition column's type:
//! `year` is `int32` and `target` is `string`. DuckDB:
//! `read_parquet('out/stances/*/*.parquet', hive_partitioning = true,
//! hive_types = {'year': INTEGER})` (without `hive_types` DuckDB guesses
//! `BIGINT`); pyarrow: `ds.dataset('out/stances', partitioning =
//! ds.partitioning(pa.schema([('year', pa.int32())]), flavor = 'hive'))`.
//! Readers put partition columns last, so `alignment` read back has
//! `target` as its last column, not its second.
//!
//! Every file is written by the tables' own deterministic writer
//! ([`crate::parquet_io::GroupingWriter`]), rows keep the table's order within
//! a partition, and the manifest lists files in path order: the same version
//! gives byte-identical exports whatever the thread count. Source tables are
//! read in batches of [`BATCH_ROWS`] rows (never a whole table, never more
//! than a row group); partitioning a child table by year merges it with a
//! `doc_id`/`date_from` projection of `documents`, both in `doc_id` order.
//! The row groups in progress of a table's open partitions are kept to
//! [`ROW_GROUP_BYTES`] in total (the largest is written out first), so
//! memory does not grow with the number of partitions.
//!
//! The export is written into `.<name>.staging-<pid>` beside `<out>`, every
//! file and directory synced, then renamed to `<out>`: a killed export never
//! looks complete, and the next export to the same `<out>` removes what it
//! left. `.<name>.lock` beside `<out>` keeps two exports of the same `<out>`
//! apart. [`verify_export`] re-hashes an export against its manifest.
//!
//! ```no_run
//! use orbita_dataset::export::{export, ExportConfig};
//! let cfg = ExportConfig::new("data/datasets/latest".into(), "build/hive".into());
//! let outcome = export(&cfg).unwrap();
//! println!("{} files", outcome.manifest.tables.values().map(|t| t.files.len()).sum::<usize>());
//! ```

use crate::manifest::Manifest;
use crate::parquet_io::{hash_file, GroupingWriter, TableIoError, ROW_GROUP_BYTES};
use crate::schema::{parse, SchemaError, TableSchema, TABLES};
use crate::store::MANIFEST;
use arrow::array::{Array, ArrayRef, Date32Array, RecordBatch, StringArray, UInt32Array};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Name of the export manifest inside an export directory.
pub const EXPORT_MANIFEST: &str = "_orbita_export.json";

/// Export manifest format tag.
pub const EXPORT_FORMAT: &str = "orbita-export/1";

/// The directory name Hive, Spark, DuckDB and pyarrow read as a null partition value.
pub const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Rows per batch read from a source table (a fraction of a row group).
pub const BATCH_ROWS: usize = 1024;

/// Name of every data file inside its partition directory.
pub const PART_FILE: &str = "part-0.parquet";

/// How a table is partitioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartitionBy {
    /// One file, `<table>/part-0.parquet`.
    None,
    /// By a column of the table, removed from the files (Hive convention).
    Column(&'static str),
    /// By `year`, the year of the row's document's `date_from`; every
    /// column stays in the files.
    DocumentYear,
}

impl PartitionBy {
    /// The partition column's name, if any.
    pub fn key(self) -> Option<&'static str> {
        match self {
            PartitionBy::None => None,
            PartitionBy::Column(c) => Some(c),
            PartitionBy::DocumentYear => Some("year"),
        }
    }
}

/// How each table is exported, in pipeline order.
pub const PLANS: [(&str, PartitionBy); 6] = [
    ("documents", PartitionBy::DocumentYear),
    ("rejects", PartitionBy::None),
    ("sentences", PartitionBy::DocumentYear),
    ("mentions", PartitionBy::DocumentYear),
    ("stances", PartitionBy::DocumentYear),
    ("alignment", PartitionBy::Column("target")),
];

/// Export errors.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading or writing a table failed.
    #[error(transparent)]
    Table(#[from] TableIoError),
    /// A schema is unknown or does not match.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// File system error, with the path.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The source version does not verify against its manifest.
    #[error("{dir}: the dataset does not verify, refusing to export it: {problems}")]
    Source {
        /// The version directory.
        dir: PathBuf,
        /// What `verify` found.
        problems: String,
    },
    /// The output exists and `force` was not given.
    #[error("{0}: already exists; remove it, choose another --out, or pass --force to replace it")]
    Exists(PathBuf),
    /// Another export writes the same output.
    #[error("another orbita export is writing {out} (it holds {lock})")]
    Locked {
        /// The output directory.
        out: PathBuf,
        /// The lock file.
        lock: PathBuf,
    },
    /// The output path cannot hold an export.
    #[error("{path}: {reason}")]
    BadOutput {
        /// The output path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The data cannot be partitioned as planned.
    #[error("table {table}: {reason}")]
    Data {
        /// The table.
        table: String,
        /// What is wrong, with the value.
        reason: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io { path: path.to_path_buf(), source }
}

/// One data file of an export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    /// Path relative to the export directory.
    pub path: String,
    /// The partition value (unescaped); null for the default partition and for unpartitioned tables.
    pub partition: Option<String>,
    /// Rows.
    pub rows: u64,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// One exported table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportTable {
    /// The partition column (a Hive directory key), or null.
    pub partition_key: Option<String>,
    /// The partition column's schema type (`int32`, `string`), or null.
    pub partition_type: Option<String>,
    /// Where the partition value comes from.
    pub partition_from: Option<String>,
    /// SHA-256 of the source table file (as in the dataset manifest).
    pub source_sha256: String,
    /// SHA-256 of the schema the files were written with (the table's, less a partition column).
    pub schema_sha256: String,
    /// Rows in all files (equals the source table's).
    pub rows: u64,
    /// Files in path order.
    pub files: Vec<ExportFile>,
}

/// `_orbita_export.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportManifest {
    /// Format tag.
    pub format: String,
    /// Directory layout (`hive`).
    pub layout: String,
    /// The source dataset id.
    pub dataset: String,
    /// SHA-256 of the source version's manifest.json.
    pub source_manifest_sha256: String,
    /// Tool name and version.
    pub tool: BTreeMap<String, String>,
    /// Tables by name.
    pub tables: BTreeMap<String, ExportTable>,
}

impl ExportManifest {
    /// Canonical bytes (pretty JSON, trailing newline).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = serde_json::to_vec_pretty(self).expect("export manifest serialises");
        s.push(b'\n');
        s
    }
}

/// What to export where.
#[derive(Clone, Debug)]
pub struct ExportConfig {
    /// The version directory (with manifest.json).
    pub dataset: PathBuf,
    /// The export directory to create.
    pub out: PathBuf,
    /// Worker threads, one table each (0: one per core).
    pub threads: usize,
    /// Replace an existing export at `out`.
    pub force: bool,
}

impl ExportConfig {
    /// Defaults: one thread per core, no replacing.
    pub fn new(dataset: PathBuf, out: PathBuf) -> ExportConfig {
        ExportConfig { dataset, out, threads: 0, force: false }
    }
}

/// A finished export.
#[derive(Clone, Debug)]
pub struct ExportOutcome {
    /// The export directory.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: ExportManifest,
}

/// The plan of `table`.
pub fn plan(table: &str) -> Result<PartitionBy, SchemaError> {
    PLANS.iter().find(|(t, _)| *t == table).map(|(_, p)| *p).ok_or_else(|| SchemaError::UnknownTable(table.to_string()))
}

/// The schema the export's files of `table` are written with: the table's
/// schema less its partition column (for [`PartitionBy::Column`]).
pub fn file_schema(table: &str) -> Result<&'static TableSchema, SchemaError> {
    static SCHEMAS: OnceLock<Result<Vec<TableSchema>, String>> = OnceLock::new();
    let all = SCHEMAS
        .get_or_init(|| PLANS.iter().map(|(t, p)| strip(t, *p).map_err(|e| e.to_string())).collect())
        .as_ref()
        .map_err(|e| SchemaError::Invalid { table: table.to_string(), reason: e.clone() })?;
    all.iter().find(|s| s.name == table).ok_or_else(|| SchemaError::UnknownTable(table.to_string()))
}

fn strip(table: &str, by: PartitionBy) -> Result<TableSchema, SchemaError> {
    let schema = TableSchema::get(table)?;
    let PartitionBy::Column(col) = by else { return Ok(schema.clone()) };
    let mut v = serde_json::to_value(schema).expect("schemas serialise");
    let invalid = |reason: String| SchemaError::Invalid { table: table.to_string(), reason };
    let fields = v["fields"].as_array_mut().ok_or_else(|| invalid("no fields".into()))?;
    let before = fields.len();
    fields.retain(|f| f["name"] != col);
    if fields.len() == before {
        return Err(invalid(format!("partition column {col:?} is not a field")));
    }
    if let Some(pk) = v["primaryKey"].as_array_mut() {
        pk.retain(|k| k != col);
    }
    if let Some(fks) = v["foreignKeys"].as_array_mut() {
        fks.retain(|fk| !fk["fields"].as_array().is_some_and(|f| f.iter().any(|k| k == col)));
    }
    v["description"] = format!("{} Exported partitioned by {col}: the column is in the directory name, not in the file.", schema.description).into();
    parse(table, &serde_json::to_string_pretty(&v).expect("json serialises"))
}

/// Escapes a partition value for a directory name the way Hive does
/// (`%XX` for `/`, `=`, `%`, control characters and the other characters
/// Hive escapes); pyarrow and Spark unescape it.
pub fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c.is_ascii_control() || "\"#%'*/:=?\\{[]^".contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The path of the data file of `table` for a partition value, relative to the export directory.
pub fn file_path(table: &str, by: PartitionBy, value: Option<&str>) -> String {
    match by.key() {
        None => format!("{table}/{PART_FILE}"),
        Some(key) => {
            let dir = value.map_or_else(|| DEFAULT_PARTITION.to_string(), escape_value);
            format!("{table}/{key}={dir}/{PART_FILE}")
        }
    }
}

/// Exports the version `cfg.dataset` to `cfg.out` (see the module doc).
pub fn export(cfg: &ExportConfig) -> Result<ExportOutcome, ExportError> {
    let problems = crate::verify::verify(&cfg.dataset, false);
    if !problems.is_empty() {
        return Err(ExportError::Source { dir: cfg.dataset.clone(), problems: problems.join("; ") });
    }
    let mpath = cfg.dataset.join(MANIFEST);
    let mbytes = fs::read(&mpath).map_err(io(&mpath))?;
    let manifest: Manifest = serde_json::from_slice(&mbytes)
        .map_err(|e| ExportError::Io { path: mpath.clone(), source: std::io::Error::other(e) })?;

    let name = cfg
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n != "." && n != "..")
        .ok_or_else(|| ExportError::BadOutput { path: cfg.out.clone(), reason: "give a directory name".into() })?;
    let parent = match cfg.out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    if let (Ok(src), Ok(par)) = (cfg.dataset.canonicalize(), parent.canonicalize()) {
        if par.starts_with(&src) {
            return Err(ExportError::BadOutput {
                path: cfg.out.clone(),
                reason: format!("inside the dataset version {}, which is never modified", src.display()),
            });
        }
    }
    let lock_path = parent.join(format!(".{name}.lock"));
    let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(io(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => return Err(ExportError::Locked { out: cfg.out.clone(), lock: lock_path }),
        Err(fs::TryLockError::Error(e)) => return Err(ExportError::Io { path: lock_path, source: e }),
    }
    // What killed exports of the same output left behind.
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for entry in fs::read_dir(&parent).map_err(io(&parent))? {
        let entry = entry.map_err(io(&parent))?;
        let n = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| n.starts_with(p.as_str())) {
            let p = entry.path();
            tracing::info!(path = %p.display(), "Removing a leftover of a killed export.");
            fs::remove_dir_all(&p).map_err(io(&p))?;
        }
    }
    if cfg.out.exists() && !cfg.force {
        return Err(ExportError::Exists(cfg.out.clone()));
    }
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    fs::create_dir(&staging).map_err(io(&staging))?;
    match write_export(cfg, &manifest, &mbytes, &staging) {
        Ok(em) => {
            if cfg.out.exists() {
                let old = parent.join(format!(".{name}.old-{}", std::process::id()));
                fs::rename(&cfg.out, &old).map_err(io(&cfg.out))?;
                fs::rename(&staging, &cfg.out).map_err(io(&cfg.out))?;
                fs::remove_dir_all(&old).map_err(io(&old))?;
            } else {
                fs::rename(&staging, &cfg.out).map_err(io(&cfg.out))?;
            }
            sync_dir(&parent)?;
            drop(lock);
            Ok(ExportOutcome { dir: cfg.out.clone(), manifest: em })
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

fn write_export(cfg: &ExportConfig, manifest: &Manifest, mbytes: &[u8], staging: &Path) -> Result<ExportManifest, ExportError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .map_err(|e| ExportError::Io { path: staging.to_path_buf(), source: std::io::Error::other(e) })?;
    let tables: Vec<(String, ExportTable)> = pool.install(|| {
        PLANS
            .par_iter()
            .map(|(table, by)| {
                let entry = manifest.tables.get(*table).ok_or_else(|| ExportError::Data {
                    table: table.to_string(),
                    reason: "not in the dataset manifest".into(),
                })?;
                let src = cfg.dataset.join(&entry.file);
                let docs = cfg.dataset.join(manifest.tables.get("documents").map_or("documents.parquet", |d| d.file.as_str()));
                let mut t = export_table(table, *by, &src, &docs, staging)?;
                t.source_sha256 = entry.sha256.clone();
                if t.rows != entry.rows {
                    return Err(ExportError::Data {
                        table: table.to_string(),
                        reason: format!("exported {} rows, the dataset manifest records {}", t.rows, entry.rows),
                    });
                }
                Ok((table.to_string(), t))
            })
            .collect::<Result<_, ExportError>>()
    })?;
    for (table, _) in PLANS {
        let dir = staging.join(table);
        for entry in fs::read_dir(&dir).map_err(io(&dir))? {
            let p = entry.map_err(io(&dir))?.path();
            if p.is_dir() {
                sync_dir(&p)?;
            }
        }
        sync_dir(&dir)?;
    }
    let em = ExportManifest {
        format: EXPORT_FORMAT.to_string(),
        layout: "hive".to_string(),
        dataset: manifest.dataset_id(),
        source_manifest_sha256: crate::inputs::sha256_hex(mbytes),
        tool: BTreeMap::from([
            ("name".to_string(), "orbita".to_string()),
            ("version".to_string(), env!("CARGO_PKG_VERSION").to_string()),
        ]),
        tables: tables.into_iter().collect(),
    };
    let path = staging.join(EXPORT_MANIFEST);
    let mut f = File::create(&path).map_err(io(&path))?;
    f.write_all(&em.to_bytes()).map_err(io(&path))?;
    f.sync_all().map_err(io(&path))?;
    sync_dir(staging)?;
    Ok(em)
}

fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    File::open(dir).and_then(|f| f.sync_all()).map_err(io(dir))
}

/// Opens a source table for reading in batches, checking its schema.
fn open(schema: &TableSchema, path: &Path, columns: Option<&[&str]>) -> Result<ParquetRecordBatchReader, ExportError> {
    let file = File::open(path).map_err(io(path))?;
    let pq = |source| TableIoError::Parquet { path: path.to_path_buf(), source };
    let mut builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(pq)?;
    schema.check_arrow(builder.schema().as_ref()).map_err(|e| match e {
        SchemaError::Mismatch { table, difference } => {
            SchemaError::Mismatch { table, difference: format!("{} ({})", difference, path.display()) }
        }
        other => other,
    })?;
    if let Some(cols) = columns {
        let idx: Vec<usize> = cols
            .iter()
            .map(|c| schema.fields.iter().position(|f| f.name == *c).expect("projected columns are schema fields"))
            .collect();
        let mask = ProjectionMask::roots(builder.parquet_schema(), idx);
        builder = builder.with_projection(mask);
    }
    Ok(builder.with_batch_size(BATCH_ROWS).build().map_err(pq)?)
}

fn next_batch(reader: &mut ParquetRecordBatchReader, path: &Path) -> Result<Option<RecordBatch>, ExportError> {
    reader.next().transpose().map_err(|source| TableIoError::Arrow { path: path.to_path_buf(), source }.into())
}

fn year(days: i32) -> i32 {
    orbita_text::Date::from_days_since_epoch(days).year
}

/// The `documents` table's (doc_id, year) pairs in doc_id order, read a
/// batch at a time; child tables, in the same order, look their rows up
/// by moving forward only.
struct DocYears {
    reader: ParquetRecordBatchReader,
    path: PathBuf,
    ids: Option<StringArray>,
    dates: Option<Date32Array>,
    pos: usize,
    table: &'static str,
}

impl DocYears {
    fn open(documents: &Path, table: &'static str) -> Result<DocYears, ExportError> {
        let reader = open(TableSchema::get("documents")?, documents, Some(&["doc_id", "date_from"]))?;
        Ok(DocYears { reader, path: documents.to_path_buf(), ids: None, dates: None, pos: 0, table })
    }

    fn year_of(&mut self, doc_id: &str) -> Result<Option<i32>, ExportError> {
        loop {
            if let (Some(ids), Some(dates)) = (&self.ids, &self.dates) {
                if self.pos < ids.len() {
                    match ids.value(self.pos).cmp(doc_id) {
                        std::cmp::Ordering::Equal => {
                            return Ok((!dates.is_null(self.pos)).then(|| year(dates.value(self.pos))));
                        }
                        std::cmp::Ordering::Less => {
                            self.pos += 1;
                            continue;
                        }
                        std::cmp::Ordering::Greater => break,
                    }
                }
            }
            match next_batch(&mut self.reader, &self.path)? {
                Some(b) => {
                    self.ids = Some(column::<StringArray>(&b, 0, "documents")?);
                    self.dates = Some(column::<Date32Array>(&b, 1, "documents")?);
                    self.pos = 0;
                }
                None => break,
            }
        }
        Err(ExportError::Data {
            table: self.table.to_string(),
            reason: format!("doc_id {doc_id:?} is not in documents (or the rows are not in doc_id order)"),
        })
    }
}

fn column<T: Array + Clone + 'static>(b: &RecordBatch, i: usize, table: &str) -> Result<T, ExportError> {
    b.column(i).as_any().downcast_ref::<T>().cloned().ok_or_else(|| ExportError::Data {
        table: table.to_string(),
        reason: format!("column {} has type {}", b.schema().field(i).name(), b.column(i).data_type()),
    })
}

fn column_index(schema: &TableSchema, name: &str) -> usize {
    schema.fields.iter().position(|f| f.name == name).expect("partition columns are schema fields")
}

/// The partition value of each row of `batch`.
fn row_values(
    table: &'static str,
    by: PartitionBy,
    schema: &TableSchema,
    batch: &RecordBatch,
    docs: Option<&mut DocYears>,
) -> Result<Vec<Option<String>>, ExportError> {
    let n = batch.num_rows();
    Ok(match by {
        PartitionBy::None => vec![None; n],
        PartitionBy::Column(col) => {
            let values = batch.column(column_index(schema, col));
            let values = values.as_any().downcast_ref::<StringArray>().ok_or_else(|| ExportError::Data {
                table: table.to_string(),
                reason: format!("partition column {col} is {}, only string columns are supported", values.data_type()),
            })?;
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                if values.is_null(i) {
                    out.push(None);
                } else if values.value(i).is_empty() {
                    return Err(ExportError::Data {
                        table: table.to_string(),
                        reason: format!("an empty {col} cannot be a partition directory (readers take it for null)"),
                    });
                } else {
                    out.push(Some(values.value(i).to_string()));
                }
            }
            out
        }
        PartitionBy::DocumentYear => match docs {
            None => {
                let dates = column::<Date32Array>(batch, column_index(schema, "date_from"), table)?;
                (0..n).map(|i| (!dates.is_null(i)).then(|| year(dates.value(i)).to_string())).collect()
            }
            Some(docs) => {
                let ids = column::<StringArray>(batch, column_index(schema, "doc_id"), table)?;
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(docs.year_of(ids.value(i))?.map(|y| y.to_string()));
                }
                out
            }
        },
    })
}

struct Part {
    writer: GroupingWriter,
    path: String,
}

/// Writes one table's partitions under `staging/<table>/`.
fn export_table(table: &'static str, by: PartitionBy, src: &Path, documents: &Path, staging: &Path) -> Result<ExportTable, ExportError> {
    export_table_within(table, by, src, documents, staging, ROW_GROUP_BYTES)
}

/// [`export_table`] with `budget` bytes for the row groups in progress.
fn export_table_within(
    table: &'static str,
    by: PartitionBy,
    src: &Path,
    documents: &Path,
    staging: &Path,
    budget: usize,
) -> Result<ExportTable, ExportError> {
    let schema = TableSchema::get(table)?;
    let out_schema = file_schema(table)?;
    let strip = match by {
        PartitionBy::Column(c) => Some(column_index(schema, c)),
        _ => None,
    };
    let mut reader = open(schema, src, None)?;
    let mut docs = match by {
        PartitionBy::DocumentYear if table != "documents" => Some(DocYears::open(documents, table)?),
        _ => None,
    };
    fs::create_dir_all(staging.join(table)).map_err(io(staging))?;
    let mut parts: BTreeMap<Option<String>, Part> = BTreeMap::new();
    if by == PartitionBy::None {
        // An unpartitioned table always has its file, even when empty.
        let path = file_path(table, by, None);
        parts.insert(None, Part { writer: GroupingWriter::create(out_schema, &staging.join(&path))?, path });
    }
    let mut rows = 0u64;
    while let Some(batch) = next_batch(&mut reader, src)? {
        rows += batch.num_rows() as u64;
        let values = row_values(table, by, schema, &batch, docs.as_mut())?;
        // Group row indices by value, rows in table order within a group.
        let mut groups: Vec<(Option<String>, Vec<u32>)> = Vec::new();
        let mut index: HashMap<Option<String>, usize> = HashMap::new();
        for (i, v) in values.into_iter().enumerate() {
            let g = *index.entry(v.clone()).or_insert_with(|| {
                groups.push((v, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i as u32);
        }
        for (value, rows_of) in groups {
            let columns: Vec<ArrayRef> = if rows_of.len() == batch.num_rows() {
                batch.columns().to_vec()
            } else {
                let take = UInt32Array::from(rows_of);
                batch
                    .columns()
                    .iter()
                    .map(|c| arrow::compute::take(c.as_ref(), &take, None))
                    .collect::<Result<_, _>>()
                    .map_err(|source| TableIoError::Arrow { path: src.to_path_buf(), source })?
            };
            let columns: Vec<ArrayRef> =
                columns.into_iter().enumerate().filter(|(i, _)| Some(*i) != strip).map(|(_, c)| c).collect();
            let part_batch = RecordBatch::try_new(out_schema.arrow(), columns)
                .map_err(|source| TableIoError::Arrow { path: src.to_path_buf(), source })?;
            let part = match parts.entry(value) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let path = file_path(table, by, e.key().as_deref());
                    let full = staging.join(&path);
                    let dir = full.parent().expect("a partition file has a directory");
                    fs::create_dir_all(dir).map_err(io(dir))?;
                    e.insert(Part { writer: GroupingWriter::create(out_schema, &full)?, path })
                }
            };
            part.writer.write(&part_batch)?;
            // Each open partition buffers its row group in progress: keep
            // the table's total to one row group's worth by writing out the
            // largest (memory then does not grow with the partition count).
            if parts.values().map(|p| p.writer.buffered_bytes()).sum::<usize>() > budget {
                if let Some(largest) = parts.values_mut().max_by_key(|p| p.writer.buffered_bytes()) {
                    largest.writer.flush_row_group()?;
                }
            }
        }
    }
    let mut files = Vec::with_capacity(parts.len());
    for (value, part) in parts {
        let w = part.writer.finish()?;
        files.push(ExportFile { path: part.path, partition: value, rows: w.rows, bytes: w.bytes, sha256: w.sha256 });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    tracing::info!(table, rows, files = files.len(), "Table exported.");
    Ok(ExportTable {
        partition_key: by.key().map(str::to_string),
        partition_type: match by {
            PartitionBy::None => None,
            PartitionBy::Column(c) => schema.field(c).map(|f| f.type_name.clone()),
            PartitionBy::DocumentYear => Some("int32".to_string()),
        },
        partition_from: match by {
            PartitionBy::None => None,
            PartitionBy::Column(c) => Some(format!("column {c} (not repeated in the files)")),
            PartitionBy::DocumentYear => Some("year of documents.date_from of the row's document".to_string()),
        },
        source_sha256: String::new(),
        schema_sha256: out_schema.sha256.clone(),
        rows,
        files,
    })
}

/// Every problem of the export at `dir`, in one list (empty means it
/// verifies): each listed file's hash, size, path, schema and row count
/// against the manifest, and no file the manifest does not list (a reader
/// globbing a table directory would read it). With `read_files`, every file
/// is also decoded in full.
pub fn verify_export(dir: &Path, read_files: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mpath = dir.join(EXPORT_MANIFEST);
    let m: ExportManifest = match fs::read(&mpath).map_err(|e| e.to_string()).and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string())) {
        Ok(m) => m,
        Err(e) => return vec![format!("{}: {e}", mpath.display())],
    };
    if m.format != EXPORT_FORMAT || m.layout != "hive" {
        problems.push(format!("{}: format {} layout {}, this orbita writes {EXPORT_FORMAT} hive", mpath.display(), m.format, m.layout));
    }
    let mut listed = std::collections::BTreeSet::new();
    for table in TABLES {
        let Some(t) = m.tables.get(table) else {
            problems.push(format!("{}: table {table} is missing", mpath.display()));
            continue;
        };
        let by = plan(table).expect("TABLES are planned");
        let schema = file_schema(table).expect("embedded schemas parse");
        if t.partition_key.as_deref() != by.key() {
            problems.push(format!("table {table}: partition key {:?}, this orbita partitions by {:?}", t.partition_key, by.key()));
        }
        if t.schema_sha256 != schema.sha256 {
            problems.push(format!("table {table}: written with schema {}, this orbita has {}", short(&t.schema_sha256), short(&schema.sha256)));
        }
        let mut rows = 0;
        for f in &t.files {
            listed.insert(f.path.clone());
            rows += f.rows;
            let expected = file_path(table, by, f.partition.as_deref());
            if f.path != expected {
                problems.push(format!("{}: partition {:?} belongs in {expected}", f.path, f.partition));
            }
            let path = dir.join(&f.path);
            match hash_file(&path) {
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
                Ok((sha, bytes)) => {
                    if bytes != f.bytes {
                        problems.push(format!("{}: {bytes} bytes, the export manifest records {}", path.display(), f.bytes));
                    }
                    if sha != f.sha256 {
                        problems.push(format!("{}: sha256 is {sha}, the export manifest records {}", path.display(), f.sha256));
                    }
                }
            }
            if let Err(e) = check_file(schema, &path, f.rows, read_files) {
                problems.push(e);
            }
        }
        if rows != t.rows {
            problems.push(format!("table {table}: files hold {rows} rows, the export manifest records {}", t.rows));
        }
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                problems.push(format!("{}: {e}", d.display()));
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                let rel = rel.to_string_lossy().into_owned();
                if rel != EXPORT_MANIFEST && !listed.contains(&rel) {
                    problems.push(format!("{}: not in the export manifest (readers of the table would read it)", p.display()));
                }
            }
        }
    }
    problems
}

fn short(s: &str) -> &str {
    &s[..12.min(s.len())]
}

fn check_file(schema: &TableSchema, path: &Path, rows: u64, read: bool) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| format!("{}: {e}", path.display()))?;
    schema.check_arrow(builder.schema().as_ref()).map_err(|e| format!("{}: {e}", path.display()))?;
    let have = builder.metadata().file_metadata().num_rows() as u64;
    if have != rows {
        return Err(format!("{}: {have} rows, the export manifest records {rows}", path.display()));
    }
    if read {
        let reader = builder.build().map_err(|e| format!("{}: {e}", path.display()))?;
        let mut n = 0u64;
        for b in reader {
            n += b.map_err(|e| format!("{}: {e}", path.display()))?.num_rows() as u64;
        }
        if n != rows {
            return Err(format!("{}: {n} rows decoded, the footer says {rows}", path.display()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_planned_and_year_is_not_a_column_of_the_year_partitioned_tables() {
        for t in TABLES {
            let by = plan(t).unwrap();
            let schema = TableSchema::get(t).unwrap();
            match by {
                // A derived key that is also a column would shadow it on read.
                PartitionBy::DocumentYear => assert!(schema.field("year").is_none() && schema.field("doc_id").is_some(), "{t}"),
                PartitionBy::Column(c) => assert_eq!(schema.field(c).unwrap().type_name, "string", "{t}"),
                PartitionBy::None => {}
            }
        }
    }

    #[test]
    fn the_file_schema_of_a_column_partitioned_table_lacks_only_that_column() {
        let full = TableSchema::get("alignment").unwrap();
        let file = file_schema("alignment").unwrap();
        let names: Vec<&str> = file.fields.iter().map(|f| f.name.as_str()).collect();
        let expected: Vec<&str> = full.fields.iter().map(|f| f.name.as_str()).filter(|n| *n != "target").collect();
        assert_eq!(names, expected);
        assert_eq!(file.primary_key, vec!["country", "period", "perspective"]);
        assert_ne!(file.sha256, full.sha256);
        assert_eq!(file_schema("stances").unwrap().sha256, TableSchema::get("stances").unwrap().sha256);
    }

    #[test]
    fn partition_paths_escape_like_hive_and_null_is_the_default_partition() {
        let by = PartitionBy::Column("target");
        assert_eq!(file_path("alignment", by, Some("CHN")), "alignment/target=CHN/part-0.parquet");
        assert_eq!(file_path("alignment", by, Some("a/b=c%")), "alignment/target=a%2Fb%3Dc%25/part-0.parquet");
        assert_eq!(file_path("stances", PartitionBy::DocumentYear, None), "stances/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet");
        assert_eq!(file_path("rejects", PartitionBy::None, None), "rejects/part-0.parquet");
        assert_eq!(escape_value("Côte d'Ivoire"), "Côte d%27Ivoire");
    }

    fn alignment_rows(n: usize) -> Vec<orbita_aggregate::AlignmentRow> {
        let mut rows: Vec<_> = (0..n)
            .map(|i| orbita_aggregate::AlignmentRow {
                country: format!("C{i:05}"),
                target: ["CHN", "RUS", "USA"][i % 3].to_string(),
                period: "current".to_string(),
                perspective: "all".to_string(),
                year: None,
                score: i as f64 / n as f64,
                score_low: -1.0,
                score_high: 1.0,
                label: 0,
                stances: 1,
                documents: 1,
                sources: 1,
                indirect: 0,
                counts: [0, 0, 1, 0, 0],
                evidence: vec![(format!("{:016x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)), i as u32)],
            })
            .collect();
        rows.sort_by(|a, b| (&a.country, &a.target).cmp(&(&b.country, &b.target)));
        rows
    }

    #[test]
    fn open_partitions_stay_within_the_budget_and_keep_every_row_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("alignment.parquet");
        let rows = alignment_rows(6000);
        crate::parquet_io::write_table(TableSchema::get("alignment").unwrap(), &src, &[crate::tables::alignment_batch(&rows).unwrap()])
            .unwrap();
        let by = PartitionBy::Column("target");
        let (small, large) = (tmp.path().join("small"), tmp.path().join("large"));
        let a = export_table_within("alignment", by, &src, &src, &small, 16 * 1024).unwrap();
        let b = export_table_within("alignment", by, &src, &src, &large, ROW_GROUP_BYTES).unwrap();
        for (t, dir, several) in [(&a, &small, true), (&b, &large, false)] {
            assert_eq!(t.rows, 6000);
            for f in &t.files {
                let file = File::open(dir.join(&f.path)).unwrap();
                let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
                assert_eq!(reader.metadata().num_row_groups() > 1, several, "{}", f.path);
                let want: Vec<&str> =
                    rows.iter().filter(|r| Some(&r.target) == f.partition.as_ref()).map(|r| r.country.as_str()).collect();
                let mut have = Vec::new();
                for batch in reader.build().unwrap() {
                    let batch = batch.unwrap();
                    let c = batch.column(0).as_any().downcast_ref::<StringArray>().unwrap();
                    have.extend((0..c.len()).map(|i| c.value(i).to_string()));
                }
                assert_eq!(have, want, "{}", f.path);
            }
        }
    }

    #[test]
    fn years_come_from_days_since_the_epoch() {
        assert_eq!(year(0), 1970);
        assert_eq!(year(-1), 1969);
        assert_eq!(year(orbita_text::Date::parse("2024-12-31").unwrap().days_since_epoch()), 2024);
        assert_eq!(year(orbita_text::Date::parse("2025-01-01").unwrap().days_since_epoch()), 2025);
    }
}
