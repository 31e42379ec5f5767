//! Reading published tables back into rows (for the report and diffs),
//! each table checked against its schema on read.

use crate::parquet_io::{read_table, TableIoError};
use crate::schema::TableSchema;
use crate::tables::{list_strings, opt_str, Columns};
use arrow::array::Array;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every batch of `table` in the version `dir`, checked against its schema.
pub fn table(dir: &Path, table: &str) -> Result<Vec<arrow::array::RecordBatch>, TableIoError> {
    load(dir, table)
}

fn load(dir: &Path, table: &str) -> Result<Vec<arrow::array::RecordBatch>, TableIoError> {
    let schema = TableSchema::get(table)?;
    read_table(schema, &dir.join(format!("{table}.parquet")))
}

/// The `alignment` table as aggregate rows.
pub fn alignment(dir: &Path) -> Result<Vec<orbita_aggregate::AlignmentRow>, TableIoError> {
    let mut out = Vec::new();
    for b in load(dir, "alignment")? {
        let c = Columns::new("alignment", &b);
        let (country, target, period, perspective) = (c.str("country")?, c.str("target")?, c.str("period")?, c.str("perspective")?);
        let year = c.i32("year")?;
        let (score, low, high) = (c.f64("score")?, c.f64("score_low")?, c.f64("score_high")?);
        let label = c.i8("label")?;
        let (stances, documents, sources) = (c.i32("stances")?, c.i32("documents")?, c.i32("sources")?);
        let indirect = c.i32("indirect")?;
        let counts = [c.i32("n_adversary")?, c.i32("n_against")?, c.i32("n_neutral")?, c.i32("n_toward")?, c.i32("n_ally")?];
        let evidence = c.list("evidence")?;
        for i in 0..b.num_rows() {
            out.push(orbita_aggregate::AlignmentRow {
                country: country.value(i).to_string(),
                target: target.value(i).to_string(),
                period: period.value(i).to_string(),
                perspective: perspective.value(i).to_string(),
                year: (!year.is_null(i)).then(|| year.value(i)),
                score: score.value(i),
                score_low: low.value(i),
                score_high: high.value(i),
                label: label.value(i),
                stances: stances.value(i) as u32,
                documents: documents.value(i) as u32,
                sources: sources.value(i) as u32,
                indirect: indirect.value(i) as u32,
                counts: counts.map(|a| a.value(i) as u32),
                evidence: list_strings(evidence, i)
                    .into_iter()
                    .filter_map(|r| {
                        let (d, s) = r.rsplit_once(':')?;
                        Some((d.to_string(), s.parse().ok()?))
                    })
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// The stances (actor, target, label) read from the sentences named in `refs` (doc_id, sentence), in
/// table order: what the report needs to tell a sentence that states a country's stance toward a power
/// from one it was read from indirectly.
pub fn sentence_stances(dir: &Path, refs: &BTreeSet<(String, u32)>) -> Result<BTreeMap<(String, u32), Vec<(String, String, i8)>>, TableIoError> {
    let mut out: BTreeMap<(String, u32), Vec<(String, String, i8)>> = BTreeMap::new();
    for b in load(dir, "stances")? {
        let c = Columns::new("stances", &b);
        let (id, idx, actor, target, label) = (c.str("doc_id")?, c.i32("sentence")?, c.str("actor")?, c.str("target")?, c.i8("label")?);
        for i in 0..b.num_rows() {
            let key = (id.value(i).to_string(), idx.value(i) as u32);
            if refs.contains(&key) {
                out.entry(key).or_default().push((actor.value(i).to_string(), target.value(i).to_string(), label.value(i)));
            }
        }
    }
    Ok(out)
}

/// A sentence with its document's metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceWithDoc {
    /// Document id.
    pub doc_id: String,
    /// Sentence index.
    pub sentence: u32,
    /// Sentence text.
    pub text: String,
    /// Document title.
    pub title: Option<String>,
    /// Document URL.
    pub url: Option<String>,
    /// Document source.
    pub source: Option<String>,
}

/// The sentences named in `refs` (doc_id, sentence), with document metadata.
pub fn sentences(dir: &Path, refs: &BTreeSet<(String, u32)>) -> Result<Vec<SentenceWithDoc>, TableIoError> {
    let docs_wanted: BTreeSet<&str> = refs.iter().map(|(d, _)| d.as_str()).collect();
    // title, url, source by document
    type Meta = (Option<String>, Option<String>, Option<String>);
    let mut meta: BTreeMap<String, Meta> = BTreeMap::new();
    for b in load(dir, "documents")? {
        let c = Columns::new("documents", &b);
        let (id, title, url, source) = (c.str("doc_id")?, c.str("title")?, c.str("url")?, c.str("source")?);
        for i in 0..b.num_rows() {
            if docs_wanted.contains(id.value(i)) {
                meta.insert(id.value(i).to_string(), (opt_str(title, i), opt_str(url, i), opt_str(source, i)));
            }
        }
    }
    let mut out = Vec::new();
    for b in load(dir, "sentences")? {
        let c = Columns::new("sentences", &b);
        let (id, idx, text) = (c.str("doc_id")?, c.i32("sentence")?, c.str("text")?);
        for i in 0..b.num_rows() {
            let key = (id.value(i).to_string(), idx.value(i) as u32);
            if refs.contains(&key) {
                let (title, url, source) = meta.get(&key.0).cloned().unwrap_or_default();
                out.push(SentenceWithDoc { doc_id: key.0, sentence: key.1, text: text.value(i).to_string(), title, url, source });
            }
        }
    }
    Ok(out)
}
