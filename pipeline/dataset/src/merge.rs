//! `orbita merge`: combines the partial datasets of a sharded build
//! (`orbita build --shard I/N`, one per shard) into the full dataset, byte
//! for byte what a single build of the same inputs writes.
//!
//! Each partial dataset holds the documents whose id hashes to its shard
//! (with their sentences, mentions and stances) and the rejects of the files
//! whose path hashes to it; the merge sorts the union by primary key, writes
//! it in the single build's batches, and runs the aggregate over all stances.

use crate::build::{table_entries, BuildError, BuildOutcome};
use crate::incremental::Batching;
use crate::manifest::{Accounting, Manifest};
use crate::parquet_io::{read_table, TableWriter};
use crate::schema::TableSchema;
use crate::store::{Store, MANIFEST};
use crate::tables::{alignment_batch, Columns};
use arrow::array::{Array, RecordBatch, StringArray};
use arrow::compute::{concat_batches, lexsort_to_indices, take_record_batch, SortColumn};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn invalid(msg: String) -> BuildError {
    BuildError::Limit(msg)
}

fn read_all(parts: &[PathBuf], table: &str) -> Result<RecordBatch, BuildError> {
    let schema = TableSchema::get(table)?;
    let mut batches = Vec::new();
    for p in parts {
        batches.extend(read_table(schema, &p.join(format!("{table}.parquet")))?);
    }
    let all = concat_batches(&schema.arrow(), &batches)
        .map_err(|e| invalid(format!("table {table}: cannot combine the shards: {e}")))?;
    // Sort by the primary key.
    let keys: Vec<SortColumn> = schema
        .primary_key
        .iter()
        .map(|k| SortColumn { values: all.column_by_name(k).expect("key columns exist").clone(), options: None })
        .collect();
    let idx = lexsort_to_indices(&keys, None).map_err(|e| invalid(format!("table {table}: {e}")))?;
    take_record_batch(&all, &idx).map_err(|e| invalid(format!("table {table}: {e}")))
}

fn doc_ids(batch: &RecordBatch) -> &StringArray {
    batch.column_by_name("doc_id").and_then(|c| c.as_any().downcast_ref::<StringArray>()).expect("doc_id is a string column")
}

/// Rows of `batch` (sorted by doc_id) whose doc_id lies in [first, last].
fn rows_for(batch: &RecordBatch, first: &str, last: &str) -> RecordBatch {
    let ids = doc_ids(batch);
    let n = batch.num_rows();
    let lo = partition_point(n, |i| ids.value(i) < first);
    let hi = partition_point(n, |i| ids.value(i) <= last);
    batch.slice(lo, hi - lo)
}

fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Aggregate observations from a documents batch and the stances of those
/// documents (the build and the merge both read them from the batches they write).
pub(crate) fn observations(docs: &RecordBatch, stances: &RecordBatch) -> Result<Vec<orbita_aggregate::Observation>, BuildError> {
    let d = Columns::new("documents", docs);
    let (id, source, kind) = (d.str("doc_id")?, d.str("source")?, d.str("source_kind")?);
    let mut meta = BTreeMap::new();
    for i in 0..docs.num_rows() {
        let date = d.document_date(i)?;
        let opt = |a: &StringArray| if a.is_null(i) { String::new() } else { a.value(i).to_string() };
        meta.insert(id.value(i).to_string(), (opt(source), opt(kind), date));
    }
    let s = Columns::new("stances", stances);
    let (sid, sent, actor, target, label, conf) =
        (s.str("doc_id")?, s.i32("sentence")?, s.str("actor")?, s.str("target")?, s.i8("label")?, s.f64("confidence")?);
    let (neg, hedge, yf, yt, attr) = (s.bool("negated")?, s.bool("hedged")?, s.i32("year_from")?, s.i32("year_to")?, s.str("attributed_to")?);
    let mut out = Vec::new();
    for i in 0..stances.num_rows() {
        let Some((source, source_kind, doc_date)) = meta.get(sid.value(i)) else { continue };
        out.push(orbita_aggregate::Observation {
            doc_id: sid.value(i).to_string(),
            sentence: sent.value(i) as u32,
            actor: actor.value(i).to_string(),
            target: target.value(i).to_string(),
            label: label.value(i),
            confidence: conf.value(i),
            negated: neg.value(i),
            hedged: hedge.value(i),
            year_from: (!yf.is_null(i)).then(|| yf.value(i)),
            year_to: (!yt.is_null(i)).then(|| yt.value(i)),
            doc_date: *doc_date,
            source: source.clone(),
            source_kind: source_kind.clone(),
            attributed_to: (!attr.is_null(i)).then(|| attr.value(i).to_string()),
        });
    }
    Ok(out)
}

/// Merges the partial datasets `parts` (one per shard, any order) into a new
/// version in `out`.
pub fn merge(parts: &[PathBuf], out: &Path, wait: bool) -> Result<BuildOutcome, BuildError> {
    let mut manifests = Vec::new();
    for p in parts {
        let problems = crate::verify::verify(p, false);
        if !problems.is_empty() {
            return Err(invalid(format!("{}: does not verify: {}", p.display(), problems.join("; "))));
        }
        let bytes = std::fs::read(p.join(MANIFEST)).map_err(|e| BuildError::Io { path: p.join(MANIFEST), source: e })?;
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| invalid(format!("{}: not a valid manifest: {e}", p.display())))?;
        manifests.push(m);
    }
    let Some(first) = manifests.first() else { return Err(invalid("give the partial datasets to merge".into())) };
    let mut seen = BTreeSet::new();
    let mut n_shards = None;
    for (p, m) in parts.iter().zip(&manifests) {
        let Some((i, n)) = m.shard.as_deref().and_then(|s| s.split_once('/')) else {
            return Err(invalid(format!("{}: not a partial dataset (built without --shard)", p.display())));
        };
        let (i, n): (u32, u32) = (i.parse().unwrap_or(u32::MAX), n.parse().unwrap_or(0));
        if *n_shards.get_or_insert(n) != n {
            return Err(invalid(format!("{}: shard {i}/{n} does not belong with shards of {}", p.display(), n_shards.unwrap_or(0))));
        }
        if !seen.insert(i) {
            return Err(invalid(format!("{}: shard {i}/{n} is given twice", p.display())));
        }
        if m.inputs != first.inputs || m.stages != first.stages {
            return Err(invalid(format!("{}: built from other inputs, code or params than {}", p.display(), parts[0].display())));
        }
    }
    let n = n_shards.unwrap_or(0);
    let missing: Vec<u32> = (0..n).filter(|i| !seen.contains(i)).collect();
    if !missing.is_empty() {
        return Err(invalid(format!("shards {missing:?} of {n} are missing")));
    }

    let documents = read_all(parts, "documents")?;
    let sentences = read_all(parts, "sentences")?;
    let mentions = read_all(parts, "mentions")?;
    let stances = read_all(parts, "stances")?;
    let rejects = read_all(parts, "rejects")?;

    let store = Store::open(out)?;
    let lock = store.lock(wait)?;
    let cleaned = store.clean(&lock)?;
    let staging = store.begin(&lock)?;
    let path = |t: &str| staging.dir.join(format!("{t}.parquet"));
    let schema = |t: &str| TableSchema::get(t);
    let mut w_docs = TableWriter::create(schema("documents")?, &path("documents"))?;
    let mut w_sent = TableWriter::create(schema("sentences")?, &path("sentences"))?;
    let mut w_ment = TableWriter::create(schema("mentions")?, &path("mentions"))?;
    let mut w_stan = TableWriter::create(schema("stances")?, &path("stances"))?;
    let texts = Columns::new("documents", &documents).str("text")?;
    let sizes: Vec<usize> = (0..documents.num_rows()).map(|i| texts.value(i).len()).collect();
    let ids = doc_ids(&documents);
    let id_list: Vec<&str> = (0..documents.num_rows()).map(|i| ids.value(i)).collect();
    let mut obs = Vec::new();
    for range in Batching::default().cut(&id_list, &sizes) {
        let (first_id, last_id) = (ids.value(range.start), ids.value(range.end - 1));
        let docs = documents.slice(range.start, range.len());
        let st = rows_for(&stances, first_id, last_id);
        obs.extend(observations(&docs, &st)?);
        w_docs.write(&docs)?;
        w_sent.write(&rows_for(&sentences, first_id, last_id))?;
        w_ment.write(&rows_for(&mentions, first_id, last_id))?;
        w_stan.write(&st)?;
    }
    let alignment = orbita_aggregate::aggregate(&obs, &orbita_aggregate::Params::default());
    let mut written = vec![
        ("documents", w_docs.finish()?),
        ("sentences", w_sent.finish()?),
        ("mentions", w_ment.finish()?),
        ("stances", w_stan.finish()?),
    ];
    written.push(("rejects", crate::parquet_io::write_table(schema("rejects")?, &path("rejects"), std::slice::from_ref(&rejects))?));
    written.push(("alignment", crate::parquet_io::write_table(schema("alignment")?, &path("alignment"), &[alignment_batch(&alignment)?])?));
    let tables = table_entries(written)?;
    let accounting = Accounting {
        files_seen: first.accounting.files_seen,
        records_seen: first.accounting.records_seen,
        documents: manifests.iter().map(|m| m.accounting.documents).sum(),
        duplicates: manifests.iter().map(|m| m.accounting.duplicates).sum(),
        rejects: manifests.iter().map(|m| m.accounting.rejects).sum(),
    };
    let mut manifest = Manifest {
        format: first.format.clone(),
        tool: first.tool.clone(),
        tables,
        inputs: first.inputs.clone(),
        stages: first.stages.clone(),
        accounting,
        shard: None,
        files: Default::default(),
    };
    manifest.files = crate::datapackage::write(&staging.dir, &manifest)?;
    let dir = store.commit(&lock, staging, &manifest)?;
    Ok(BuildOutcome { dir, manifest, rejects: Vec::new(), cleaned, timings: Vec::new(), reused: false, work: Default::default() })
}
