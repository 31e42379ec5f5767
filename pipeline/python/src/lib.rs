//! `orbita._orbita`: the native half of the Python package (the Python half,
//! `python/orbita/`, wraps it in `Dataset` and friends). A thin layer over
//! `orbita-dataset`, like the CLI: build and merge versions, verify and diff
//! them, hand tables to pyarrow and run the per-document stages over Arrow
//! record batches.
//!
//! Tables cross into Python through the Arrow C Data Interface (the C stream
//! and array structs, via `arrow-pyarrow`): pyarrow takes the buffers Rust
//! allocated without copying them. Long calls release the GIL. Errors are
//! `orbita.OrbitaError` with the message the CLI would print (file and
//! reason).
//!
//! ```python
//! import orbita
//! ds = orbita.build("data/raw", out="/tmp/datasets")
//! ds.table("alignment").to_pandas()
//! ```

use arrow::array::{Array, RecordBatch, RecordBatchIterator, StringArray};
use arrow::datatypes::DataType;
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, ToPyArrow};
use orbita_dataset::build::{BuildConfig, Keep};
use orbita_dataset::incremental::Batching;
use orbita_text::Date;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

create_exception!(_orbita, OrbitaError, PyException, "An orbita operation failed; the message names the file and the reason.");

/// The error and its causes, `: `-separated, skipping a cause whose text
/// the message before it already includes (as the CLI prints them).
fn error(e: &(dyn std::error::Error + 'static)) -> PyErr {
    let mut out = String::new();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
        cause = c.source();
    }
    OrbitaError::new_err(out)
}

/// Builds a dataset version from `raw` into `out`; returns the version
/// directory and a JSON summary (accounting, rejects, timings, work).
#[pyfunction]
#[pyo3(signature = (raw, out, *, kb=None, lexicon=None, threads=0, shard=None, wait=false, max_document_bytes=None, max_files=None, keep_bytes=None, batch_bytes=None))]
#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    raw: PathBuf,
    out: PathBuf,
    kb: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    threads: usize,
    shard: Option<(u32, u32)>,
    wait: bool,
    max_document_bytes: Option<usize>,
    max_files: Option<usize>,
    keep_bytes: Option<usize>,
    batch_bytes: Option<usize>,
) -> PyResult<(String, String)> {
    if let Some((i, n)) = shard {
        if n == 0 || i >= n {
            return Err(OrbitaError::new_err(format!("shard {i}/{n}: need 0 <= I < N")));
        }
    }
    let defaults = BuildConfig::in_repo(std::path::Path::new("."));
    let cfg = BuildConfig {
        raw,
        out,
        kb,
        lexicon,
        speakers: None,
        labeller: orbita_dataset::build::LabellerChoice::default(),
        threads,
        max_document_bytes: max_document_bytes.unwrap_or(defaults.max_document_bytes),
        max_files: max_files.unwrap_or(defaults.max_files),
        wait,
        shard,
        batching: batch_bytes.map(Batching::with_target_bytes).unwrap_or_default(),
        keep: keep_bytes.map(|n| Keep { raw: n, parsed: n }).unwrap_or_default(),
        progress: Default::default(),
    };
    if !cfg.raw.is_dir() {
        return Err(OrbitaError::new_err(format!("{}: the raw input directory does not exist", cfg.raw.display())));
    }
    let outcome = py.detach(|| orbita_dataset::build::build(&cfg)).map_err(|e| error(&e))?;
    let rejects: Vec<serde_json::Value> = outcome
        .rejects
        .iter()
        .map(|r| serde_json::json!({"path": r.path, "record": r.record, "reason": r.reason, "code": r.code}))
        .collect();
    let w = &outcome.work;
    let summary = serde_json::json!({
        "accounting": outcome.manifest.accounting,
        "balanced": outcome.manifest.accounting.balanced() || outcome.manifest.shard.is_some(),
        "rejects": rejects,
        "reused": outcome.reused,
        "timings": outcome.timings.iter().map(|(s, t)| (s.to_string(), *t)).collect::<Vec<_>>(),
        "work": {"copied": w.copied, "relinked": w.relinked, "computed": w.computed, "files_parsed": w.files_parsed},
    });
    Ok((outcome.dir.display().to_string(), summary.to_string()))
}

/// Merges the partial datasets of a sharded build into `out`; returns the
/// version directory.
#[pyfunction]
#[pyo3(signature = (parts, out, *, wait=false))]
fn merge(py: Python<'_>, parts: Vec<PathBuf>, out: PathBuf, wait: bool) -> PyResult<String> {
    let parts: Vec<PathBuf> =
        parts.iter().map(|p| orbita_dataset::store::resolve(Some(p))).collect::<Result<_, _>>().map_err(|e| error(&e))?;
    let outcome = py.detach(|| orbita_dataset::merge::merge(&parts, &out, wait)).map_err(|e| error(&e))?;
    Ok(outcome.dir.display().to_string())
}

/// The version directory a path names (a version, its manifest.json, or an
/// output directory with `latest`).
#[pyfunction]
fn resolve(path: PathBuf) -> PyResult<String> {
    orbita_dataset::store::resolve(Some(&path)).map(|p| p.display().to_string()).map_err(|e| error(&e))
}

/// Every problem `orbita verify` finds in the version `dir` (empty: verified).
#[pyfunction]
fn verify(py: Python<'_>, dir: PathBuf) -> Vec<String> {
    py.detach(|| orbita_dataset::verify::verify(&dir, true))
}

/// A table of the version `dir`, checked against its schema, as a
/// `pyarrow.RecordBatchReader` over the batches read in Rust (no copy).
#[pyfunction]
fn read_table<'py>(py: Python<'py>, dir: PathBuf, table: &str) -> PyResult<Bound<'py, PyAny>> {
    let schema = orbita_dataset::schema::TableSchema::get(table).map_err(|e| error(&e))?;
    let batches = py.detach(|| orbita_dataset::read::table(&dir, table)).map_err(|e| error(&e))?;
    let arrow_schema = batches.first().map(|b| b.schema()).unwrap_or_else(|| schema.arrow());
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), arrow_schema);
    let boxed: Box<dyn arrow::record_batch::RecordBatchReader + Send> = Box::new(reader);
    boxed.into_pyarrow(py)
}

/// Compares versions `a` and `b` as `orbita diff` does: (text, markdown,
/// JSON of the diff, policy violations, empty).
#[pyfunction]
#[pyo3(signature = (a, b, threshold=None))]
fn diff(py: Python<'_>, a: PathBuf, b: PathBuf, threshold: Option<f64>) -> PyResult<(String, String, String, Vec<String>, bool)> {
    let policy = orbita_dataset::policy::Policy::embedded().map_err(OrbitaError::new_err)?;
    let threshold = threshold.unwrap_or(policy.score_threshold);
    let d = py.detach(|| orbita_dataset::diff::diff_versions(&a, &b, threshold)).map_err(|e| error(&e))?;
    let json = serde_json::to_string(&d).map_err(|e| OrbitaError::new_err(e.to_string()))?;
    Ok((
        orbita_dataset::diff::render_text(&d),
        orbita_dataset::diff::render_markdown(&d),
        json,
        policy.violations(&d),
        d.is_empty(),
    ))
}

/// The linker and labeller for a (kb, lexicon) pair, loaded once per
/// process: engines call `process` once per batch. The labeller is a build's
/// default (`auto`, with the weights embedded in the wheel), so `process`
/// gives the rows `build` writes.
type Stages = Arc<(orbita_link::Linker, Box<dyn orbita_stance::Labeller>)>;

fn stages(kb: Option<PathBuf>, lexicon: Option<PathBuf>) -> PyResult<Stages> {
    static CACHE: OnceLock<Mutex<HashMap<(Option<PathBuf>, Option<PathBuf>), Stages>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (kb, lexicon);
    if let Some(s) = cache.lock().map_err(|_| OrbitaError::new_err("stage cache poisoned"))?.get(&key) {
        return Ok(s.clone());
    }
    let (_, kb_data) = orbita_dataset::build::load_kb_from(key.0.as_deref()).map_err(|e| error(&e))?;
    let (_, _, labeller) =
        orbita_dataset::build::load_labeller(key.1.as_deref(), &orbita_dataset::build::LabellerChoice::default()).map_err(|e| error(&e))?;
    let s: Stages = Arc::new((orbita_link::Linker::new(&kb_data), labeller));
    cache.lock().map_err(|_| OrbitaError::new_err("stage cache poisoned"))?.insert(key, s.clone());
    Ok(s)
}

/// A string column of the input batch, by one of `names`.
fn string_column(batch: &RecordBatch, names: &[&str]) -> PyResult<Option<StringArray>> {
    for name in names {
        if let Some(c) = batch.column_by_name(name) {
            let casted = arrow::compute::cast(c, &DataType::Utf8)
                .map_err(|e| OrbitaError::new_err(format!("column {name}: cannot be read as text: {e}")))?;
            return Ok(casted.as_any().downcast_ref::<StringArray>().cloned());
        }
    }
    Ok(None)
}

/// Runs split, link and stance on a batch of documents (columns `doc_id`,
/// `text`, and `date_from`/`date_to` or `date` as dates or YYYY-MM-DD
/// strings, each optional) and returns the `sentences`, `mentions` and
/// `stances` rows a build writes for them, as pyarrow record batches.
#[pyfunction]
#[pyo3(signature = (batch, *, kb=None, lexicon=None))]
fn process<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    kb: Option<PathBuf>,
    lexicon: Option<PathBuf>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let batch = RecordBatch::from_pyarrow_bound(batch)?;
    let ids = string_column(&batch, &["doc_id"])?.ok_or_else(|| OrbitaError::new_err("the batch has no doc_id column"))?;
    let texts = string_column(&batch, &["text"])?.ok_or_else(|| OrbitaError::new_err("the batch has no text column"))?;
    let from = string_column(&batch, &["date_from", "date"])?;
    let to = string_column(&batch, &["date_to"])?;
    let speaker = string_column(&batch, &["speaker"])?;
    let date_at = |col: &Option<StringArray>, i: usize| -> PyResult<Option<Date>> {
        match col {
            Some(c) if c.is_valid(i) => {
                Date::parse(c.value(i)).map(Some).map_err(|e| OrbitaError::new_err(format!("row {i}: {e}")))
            }
            _ => Ok(None),
        }
    };
    let mut docs = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        if ids.is_null(i) || texts.is_null(i) {
            return Err(OrbitaError::new_err(format!("row {i}: doc_id and text must not be null")));
        }
        let date = date_at(&from, i)?.or(date_at(&to, i)?);
        let spk = speaker.as_ref().filter(|c| c.is_valid(i)).map(|c| c.value(i));
        docs.push((ids.value(i), texts.value(i), date, spk));
    }
    let st = stages(kb, lexicon)?;
    let tables = py.detach(|| orbita_dataset::build::document_tables(&docs, &st.0, st.1.as_ref())).map_err(|e| error(&e))?;
    let [s, m, t] = tables;
    Ok((s.to_pyarrow(py)?, m.to_pyarrow(py)?, t.to_pyarrow(py)?))
}

/// The schema of an orbita table as a `pyarrow.Schema`.
#[pyfunction]
fn table_schema<'py>(py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
    let schema = orbita_dataset::schema::TableSchema::get(table).map_err(|e| error(&e))?;
    schema.arrow().as_ref().to_pyarrow(py)
}

/// Names the extension module's file as the running code, so the build
/// cache notices a rebuilt wheel (the executable is the interpreter).
#[pyfunction]
fn _set_code_path(path: PathBuf) {
    orbita_dataset::build::set_code_path(path);
}

/// The native module.
#[pymodule]
fn _orbita(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("OrbitaError", m.py().get_type::<OrbitaError>())?;
    m.add("TABLES", orbita_dataset::schema::TABLES.to_vec())?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(resolve, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(read_table, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    m.add_function(wrap_pyfunction!(table_schema, m)?)?;
    m.add_function(wrap_pyfunction!(_set_code_path, m)?)?;
    Ok(())
}
