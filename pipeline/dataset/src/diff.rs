//! Dataset diffs, the way data-diff reports them, plus what they mean.
//!
//! [`diff_versions`] compares two dataset versions table by table: rows are
//! matched on the primary key and counted as only in A, only in B, updated
//! or unchanged, with per-column change counts and a few sample rows
//! (`- old` / `+ new`); schema changes (added, removed, retyped fields) are
//! listed apart. Then the meaning: every `alignment` row (perspective "all")
//! whose label flipped or whose score moved more than a threshold, with the
//! evidence sentences that appeared or disappeared behind the move.
//!
//! [`diff_lock`] compares a build with the committed lock, which keeps the
//! table hashes and a snapshot of the alignment table, so a fresh clone can
//! still say which countries moved and on what evidence.

use crate::manifest::{DatasetLock, LockedAlignment, Manifest};
use crate::parquet_io::TableIoError;
use crate::schema::{TableSchema, TABLES};
use crate::store::MANIFEST;
use arrow::array::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Sample rows kept per table.
pub const SAMPLES: usize = 5;

/// Diff errors.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// Reading a table failed.
    #[error(transparent)]
    Table(#[from] TableIoError),
    /// Reading a manifest failed.
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// One sample row of a table diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleRow {
    /// The primary key, rendered ("doc_id=…, sentence=3").
    pub key: String,
    /// The row in A (None when only in B).
    pub old: Option<String>,
    /// The row in B (None when only in A).
    pub new: Option<String>,
}

/// The diff of one table.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TableDiff {
    /// Table name.
    pub table: String,
    /// Rows in A.
    pub rows_a: u64,
    /// Rows in B.
    pub rows_b: u64,
    /// Keys only in A.
    pub only_a: u64,
    /// Keys only in B.
    pub only_b: u64,
    /// Keys in both with a changed value.
    pub updated: u64,
    /// Keys in both with no change.
    pub unchanged: u64,
    /// Changed values per column (updated rows only).
    pub changed_columns: BTreeMap<String, u64>,
    /// Fields added, removed or retyped.
    pub schema_changes: Vec<String>,
    /// A few rows of each kind.
    pub samples: Vec<SampleRow>,
    /// The file hashes are equal: nothing to compare.
    pub identical: bool,
    /// Rows were matched one by one (false when comparing with the lock,
    /// which keeps only hashes and counts).
    pub rows_compared: bool,
}

impl TableDiff {
    /// Share of rows that differ, in percent of the larger side.
    pub fn difference_percent(&self) -> f64 {
        let total = self.rows_a.max(self.rows_b).max(1) as f64;
        100.0 * (self.only_a + self.only_b + self.updated) as f64 / total
    }
}

/// An evidence sentence behind a move.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceRef {
    /// "doc_id:sentence".
    pub reference: String,
    /// The sentence, when known.
    pub text: Option<String>,
}

/// An alignment row that flipped label or moved score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignmentMove {
    /// Country.
    pub country: String,
    /// Target.
    pub target: String,
    /// Period.
    pub period: String,
    /// Label before (None: the row is new).
    pub old_label: Option<i8>,
    /// Label after (None: the row disappeared).
    pub new_label: Option<i8>,
    /// Score before.
    pub old_score: Option<f64>,
    /// Score after.
    pub new_score: Option<f64>,
    /// Evidence that appeared.
    pub evidence_added: Vec<EvidenceRef>,
    /// Evidence that disappeared.
    pub evidence_removed: Vec<EvidenceRef>,
}

impl AlignmentMove {
    /// The label changed (including rows that appeared or disappeared).
    pub fn flipped(&self) -> bool {
        self.old_label != self.new_label
    }
}

/// A whole diff.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DatasetDiff {
    /// What A is (a dataset id or "lock").
    pub a: String,
    /// What B is.
    pub b: String,
    /// Per table.
    pub tables: Vec<TableDiff>,
    /// Alignment moves (perspective "all").
    pub moves: Vec<AlignmentMove>,
    /// Score moves at or above this count as moves.
    pub score_threshold: f64,
}

impl DatasetDiff {
    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
            && self.tables.iter().all(|t| {
                t.identical || (t.rows_compared && t.only_a == 0 && t.only_b == 0 && t.updated == 0 && t.schema_changes.is_empty())
            })
    }
}

/// Rows of a table as rendered values, keyed by the rendered primary key.
struct RenderedTable {
    columns: Vec<String>,
    types: Vec<String>,
    rows: BTreeMap<String, Vec<String>>,
}

fn render_table(schema: &TableSchema, path: &Path) -> Result<RenderedTable, DiffError> {
    // Read with the file's own schema (it may be an older schema version).
    let file = std::fs::File::open(path).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
    let arrow_schema = builder.schema().clone();
    let reader = builder.build().map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
    let batches: Vec<RecordBatch> = reader
        .collect::<Result<_, _>>()
        .map_err(|source| TableIoError::Arrow { path: path.to_path_buf(), source })?;
    let columns: Vec<String> = arrow_schema.fields().iter().map(|f| f.name().clone()).collect();
    let types: Vec<String> = arrow_schema.fields().iter().map(|f| f.data_type().to_string()).collect();
    let key_idx: Vec<usize> = schema.primary_key.iter().filter_map(|k| columns.iter().position(|c| c == k)).collect();
    let opts = FormatOptions::default().with_null("∅");
    let mut rows = BTreeMap::new();
    for b in &batches {
        let fmts: Vec<ArrayFormatter> = b
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &opts))
            .collect::<Result<_, _>>()
            .map_err(|source| TableIoError::Arrow { path: path.to_path_buf(), source })?;
        for i in 0..b.num_rows() {
            let values: Vec<String> = fmts.iter().map(|f| f.value(i).to_string()).collect();
            let key = key_idx.iter().map(|&k| format!("{}={}", columns[k], values[k])).collect::<Vec<_>>().join(", ");
            rows.insert(key, values);
        }
    }
    Ok(RenderedTable { columns, types, rows })
}

fn render_row(columns: &[String], values: &[String]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| {
            let v = if v.chars().count() > 80 { format!("{}…", v.chars().take(80).collect::<String>()) } else { v.clone() };
            format!("{c}={v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn diff_table(table: &str, a_dir: &Path, b_dir: &Path, a: &Manifest, b: &Manifest) -> Result<TableDiff, DiffError> {
    let schema = TableSchema::get(table).map_err(TableIoError::from)?;
    let (ea, eb) = (a.tables.get(table), b.tables.get(table));
    let mut d = TableDiff { table: table.to_string(), ..Default::default() };
    match (ea, eb) {
        (None, None) => return Ok(d),
        (Some(x), Some(y)) if x.sha256 == y.sha256 => {
            d.rows_a = x.rows;
            d.rows_b = y.rows;
            d.unchanged = x.rows;
            d.identical = true;
            return Ok(d);
        }
        _ => {}
    }
    let empty = || RenderedTable { columns: vec![], types: vec![], rows: BTreeMap::new() };
    let ta = match ea {
        Some(e) => render_table(schema, &a_dir.join(&e.file))?,
        None => {
            d.schema_changes.push(format!("table {table} is new"));
            empty()
        }
    };
    let tb = match eb {
        Some(e) => render_table(schema, &b_dir.join(&e.file))?,
        None => {
            d.schema_changes.push(format!("table {table} was removed"));
            empty()
        }
    };
    if ea.is_some() && eb.is_some() {
        for (i, c) in ta.columns.iter().enumerate() {
            match tb.columns.iter().position(|x| x == c) {
                None => d.schema_changes.push(format!("field {c} removed")),
                Some(j) if tb.types[j] != ta.types[i] => {
                    d.schema_changes.push(format!("field {c} retyped: {} → {}", ta.types[i], tb.types[j]))
                }
                _ => {}
            }
        }
        for c in &tb.columns {
            if !ta.columns.contains(c) {
                d.schema_changes.push(format!("field {c} added"));
            }
        }
    }
    d.rows_a = ta.rows.len() as u64;
    d.rows_b = tb.rows.len() as u64;
    let common: Vec<(usize, usize, &String)> = ta
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| tb.columns.iter().position(|x| x == c).map(|j| (i, j, c)))
        .collect();
    d.rows_compared = true;
    let (mut s_only_a, mut s_only_b, mut s_upd) = (0, 0, 0);
    for (key, va) in &ta.rows {
        match tb.rows.get(key) {
            None => {
                d.only_a += 1;
                if s_only_a < SAMPLES {
                    s_only_a += 1;
                    d.samples.push(SampleRow { key: key.clone(), old: Some(render_row(&ta.columns, va)), new: None });
                }
            }
            Some(vb) => {
                let mut changed = false;
                for (i, j, c) in &common {
                    if va[*i] != vb[*j] {
                        *d.changed_columns.entry((*c).clone()).or_insert(0) += 1;
                        changed = true;
                    }
                }
                if changed || ta.columns.len() != tb.columns.len() {
                    d.updated += 1;
                    if s_upd < SAMPLES {
                        s_upd += 1;
                        d.samples.push(SampleRow {
                            key: key.clone(),
                            old: Some(render_row(&ta.columns, va)),
                            new: Some(render_row(&tb.columns, vb)),
                        });
                    }
                } else {
                    d.unchanged += 1;
                }
            }
        }
    }
    for (key, vb) in &tb.rows {
        if !ta.rows.contains_key(key) {
            d.only_b += 1;
            if s_only_b < SAMPLES {
                s_only_b += 1;
                d.samples.push(SampleRow { key: key.clone(), old: None, new: Some(render_row(&tb.columns, vb)) });
            }
        }
    }
    Ok(d)
}

/// Reads a version's manifest.
pub fn read_manifest(dir: &Path) -> Result<Manifest, DiffError> {
    let path = dir.join(MANIFEST);
    let err = |message: String| DiffError::Manifest { path: path.display().to_string(), message };
    let bytes = std::fs::read(&path).map_err(|e| err(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| err(format!("not a valid manifest: {e}")))
}

/// The alignment snapshot of a version (perspective "all"), with the text
/// of every evidence sentence it cites.
pub fn alignment_snapshot(dir: &Path) -> Result<LockedAlignment, DiffError> {
    let rows = crate::read::alignment(dir)?;
    let mut snap = LockedAlignment::default();
    let mut refs = BTreeSet::new();
    for r in rows.into_iter().filter(|r| r.perspective == "all") {
        let evidence: Vec<String> = r.evidence.iter().map(|(d, s)| format!("{d}:{s}")).collect();
        refs.extend(r.evidence.iter().cloned());
        snap.rows.insert(
            format!("{}|{}|{}", r.country, r.target, r.period),
            crate::manifest::LockedAlignmentRow { label: r.label, score: round4(r.score), evidence },
        );
    }
    for s in crate::read::sentences(dir, &refs)? {
        snap.sentences.insert(format!("{}:{}", s.doc_id, s.sentence), s.text);
    }
    Ok(snap)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Alignment moves between two snapshots.
pub fn alignment_moves(a: &LockedAlignment, b: &LockedAlignment, threshold: f64) -> Vec<AlignmentMove> {
    let keys: BTreeSet<&String> = a.rows.keys().chain(b.rows.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        let (ra, rb) = (a.rows.get(k), b.rows.get(k));
        let moved = match (ra, rb) {
            (Some(x), Some(y)) => x.label != y.label || (x.score - y.score).abs() >= threshold,
            _ => true,
        };
        if !moved {
            continue;
        }
        let mut parts = k.splitn(3, '|');
        let (country, target, period) =
            (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        // Compare evidence by sentence text: an edit elsewhere in a document
        // changes its id, and the same sentence under a new id is not news.
        let texts = |snap: &LockedAlignment, row: Option<&crate::manifest::LockedAlignmentRow>| -> BTreeMap<String, String> {
            row.map(|r| {
                r.evidence
                    .iter()
                    .map(|e| (snap.sentences.get(e).cloned().unwrap_or_else(|| e.clone()), e.clone()))
                    .collect()
            })
            .unwrap_or_default()
        };
        let (ta, tb) = (texts(a, ra), texts(b, rb));
        let added = tb
            .iter()
            .filter(|(t, _)| !ta.contains_key(*t))
            .map(|(t, r)| EvidenceRef { reference: r.clone(), text: b.sentences.get(r).map(|_| t.clone()) })
            .collect();
        let removed = ta
            .iter()
            .filter(|(t, _)| !tb.contains_key(*t))
            .map(|(t, r)| EvidenceRef { reference: r.clone(), text: a.sentences.get(r).map(|_| t.clone()) })
            .collect();
        out.push(AlignmentMove {
            country,
            target,
            period,
            old_label: ra.map(|r| r.label),
            new_label: rb.map(|r| r.label),
            old_score: ra.map(|r| r.score),
            new_score: rb.map(|r| r.score),
            evidence_added: added,
            evidence_removed: removed,
        });
    }
    out
}

/// Diffs two dataset versions.
pub fn diff_versions(a_dir: &Path, b_dir: &Path, threshold: f64) -> Result<DatasetDiff, DiffError> {
    let (a, b) = (read_manifest(a_dir)?, read_manifest(b_dir)?);
    let mut tables = Vec::new();
    for t in TABLES {
        tables.push(diff_table(t, a_dir, b_dir, &a, &b)?);
    }
    let same_alignment = matches!((a.tables.get("alignment"), b.tables.get("alignment")), (Some(x), Some(y)) if x.sha256 == y.sha256);
    let same_sentences = matches!((a.tables.get("sentences"), b.tables.get("sentences")), (Some(x), Some(y)) if x.sha256 == y.sha256);
    let schema_changed = tables.iter().any(|t| !t.schema_changes.is_empty() && (t.table == "alignment" || t.table == "sentences"));
    let moves = if (same_alignment && same_sentences) || schema_changed {
        // Across a schema change the meaning is not compared: the schema
        // change itself is reported (and fails the policy).
        Vec::new()
    } else {
        alignment_moves(&alignment_snapshot(a_dir)?, &alignment_snapshot(b_dir)?, threshold)
    };
    Ok(DatasetDiff { a: a.dataset_id(), b: b.dataset_id(), tables, moves, score_threshold: threshold })
}

/// Diffs a build against the committed lock: table hashes and rows, schema
/// hashes, and the alignment snapshot.
pub fn diff_lock(lock: &DatasetLock, b_dir: &Path, threshold: f64) -> Result<DatasetDiff, DiffError> {
    let b = read_manifest(b_dir)?;
    let mut tables = Vec::new();
    for t in TABLES {
        let (la, eb) = (lock.tables.get(t), b.tables.get(t));
        let mut d = TableDiff { table: t.to_string(), ..Default::default() };
        match (la, eb) {
            (Some(x), Some(y)) => {
                d.rows_a = x.rows;
                d.rows_b = y.rows;
                d.identical = x.sha256 == y.sha256;
                if x.schema_sha256 != y.schema_sha256 {
                    d.schema_changes.push("schema file changed".to_string());
                }
                if d.identical {
                    d.unchanged = y.rows;
                } else {
                    // Without the locked rows, only the net row change is known.
                    d.only_a = x.rows.saturating_sub(y.rows);
                    d.only_b = y.rows.saturating_sub(x.rows);
                }
            }
            (None, Some(y)) => {
                d.rows_b = y.rows;
                d.only_b = y.rows;
                d.schema_changes.push(format!("table {t} is new"));
            }
            (Some(x), None) => {
                d.rows_a = x.rows;
                d.only_a = x.rows;
                d.schema_changes.push(format!("table {t} was removed"));
            }
            (None, None) => continue,
        }
        tables.push(d);
    }
    let moves = if tables.iter().any(|t| t.table == "alignment" && t.identical) {
        Vec::new()
    } else {
        alignment_moves(&lock.alignment, &alignment_snapshot(b_dir)?, threshold)
    };
    Ok(DatasetDiff { a: format!("lock {}", lock.dataset), b: b.dataset_id(), tables, moves, score_threshold: threshold })
}

fn label_str(l: Option<i8>) -> String {
    match l {
        None => "—".to_string(),
        Some(v) => format!("{v:+}").replace("+0", "0"),
    }
}

fn score_str(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_string(), |v| format!("{v:+.2}"))
}

/// Text rendering for logs and people.
pub fn render_text(d: &DatasetDiff) -> String {
    let mut o = format!("diff {} → {}\n", d.a, d.b);
    for t in &d.tables {
        if t.identical {
            o.push_str(&format!("  {:<10} identical ({} rows)\n", t.table, t.rows_b));
            continue;
        }
        if !t.rows_compared {
            o.push_str(&format!(
                "  {:<10} {} → {} rows ({:+}), content differs (keep the locked version in data/datasets/ for a row-level diff)\n",
                t.table,
                t.rows_a,
                t.rows_b,
                t.rows_b as i64 - t.rows_a as i64
            ));
            for s in &t.schema_changes {
                o.push_str(&format!("    schema: {s}\n"));
            }
            continue;
        }
        o.push_str(&format!(
            "  {:<10} {} → {} rows: {} only in A, {} only in B, {} updated, {} unchanged ({:.1}% different)\n",
            t.table,
            t.rows_a,
            t.rows_b,
            t.only_a,
            t.only_b,
            t.updated,
            t.unchanged,
            t.difference_percent()
        ));
        for s in &t.schema_changes {
            o.push_str(&format!("    schema: {s}\n"));
        }
        if !t.changed_columns.is_empty() {
            let cols: Vec<String> = t.changed_columns.iter().map(|(c, n)| format!("{c} {n}")).collect();
            o.push_str(&format!("    changed values: {}\n", cols.join(", ")));
        }
        for s in &t.samples {
            o.push_str(&format!("    [{}]\n", s.key));
            if let Some(old) = &s.old {
                o.push_str(&format!("    - {old}\n"));
            }
            if let Some(new) = &s.new {
                o.push_str(&format!("    + {new}\n"));
            }
        }
    }
    if !d.moves.is_empty() {
        o.push_str(&format!("alignment moves (label flips, or score moves ≥ {:.2}):\n", d.score_threshold));
        for m in &d.moves {
            o.push_str(&format!(
                "  {} → {} ({}): label {} → {}, score {} → {}{}\n",
                m.country,
                m.target,
                m.period,
                label_str(m.old_label),
                label_str(m.new_label),
                score_str(m.old_score),
                score_str(m.new_score),
                if m.flipped() { "  LABEL FLIP" } else { "" }
            ));
            for e in &m.evidence_removed {
                o.push_str(&format!("    - [{}] {}\n", e.reference, e.text.as_deref().unwrap_or("(sentence not available)")));
            }
            for e in &m.evidence_added {
                o.push_str(&format!("    + [{}] {}\n", e.reference, e.text.as_deref().unwrap_or("(sentence not available)")));
            }
        }
    }
    if d.is_empty() {
        o.push_str("no differences\n");
    }
    o
}

/// Alignment moves a Markdown diff lists (label flips first); the rest are
/// counted, so that a changelog entry stays readable when a corpus is added
/// (the text and JSON formats list every move).
pub const MARKDOWN_MOVES: usize = 200;

/// Markdown rendering for review.
pub fn render_markdown(d: &DatasetDiff) -> String {
    let mut o = format!("### Dataset diff `{}` → `{}`\n\n", d.a, d.b);
    o.push_str("| table | rows A | rows B | only A | only B | updated | unchanged | % diff |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for t in &d.tables {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.1} |\n",
            t.table,
            t.rows_a,
            t.rows_b,
            t.only_a,
            t.only_b,
            t.updated,
            t.unchanged,
            if t.identical { 0.0 } else { t.difference_percent() }
        ));
    }
    let schema: Vec<String> =
        d.tables.iter().flat_map(|t| t.schema_changes.iter().map(move |s| format!("- `{}`: {s}", t.table))).collect();
    if !schema.is_empty() {
        o.push_str(&format!("\n**Schema changes**\n\n{}\n", schema.join("\n")));
    }
    if !d.moves.is_empty() {
        o.push_str("\n**Alignment moves**\n\n| country | target | period | label | score | evidence |\n|---|---|---|---|---|---|\n");
        let mut shown: Vec<&_> = d.moves.iter().filter(|m| m.flipped()).chain(d.moves.iter().filter(|m| !m.flipped())).collect();
        let more = shown.len().saturating_sub(MARKDOWN_MOVES);
        shown.truncate(MARKDOWN_MOVES);
        for m in shown {
            let ev: Vec<String> = m
                .evidence_removed
                .iter()
                .map(|e| format!("− {}", e.text.as_deref().unwrap_or(&e.reference)))
                .chain(m.evidence_added.iter().map(|e| format!("+ {}", e.text.as_deref().unwrap_or(&e.reference))))
                .map(|s| s.replace('|', "\\|"))
                .collect();
            o.push_str(&format!(
                "| {} | {} | {} | {} → {}{} | {} → {} | {} |\n",
                m.country,
                m.target,
                m.period,
                label_str(m.old_label),
                label_str(m.new_label),
                if m.flipped() { " **flip**" } else { "" },
                score_str(m.old_score),
                score_str(m.new_score),
                ev.join("<br>")
            ));
        }
        if more > 0 {
            o.push_str(&format!("\n… and {more} more moves (`orbita diff` lists every one).\n"));
        }
    }
    o
}
