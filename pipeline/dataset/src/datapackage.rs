//! `datapackage.json`: every dataset version described as a Frictionless
//! Data Package (v2), generated from `schemas/` and the manifest, so that
//! frictionless, CKAN, Zenodo and other Data Package tools can read the
//! tables with their documentation.
//!
//! One resource per table: its Parquet file with its SHA-256, its row count
//! (`rows`, which `frictionless validate` compares with the rows it reads)
//! and size (`orbita:bytes`: frictionless counts no bytes when it reads
//! Parquet, so a standard `bytes` would fail every resource), the table's
//! description, and its Table Schema (fields with type, description and
//! constraints, primary and foreign keys). orbita's types map to Table Schema
//! types (`int8`/`int32`/`int64` → `integer`, `float64` → `number`, …); the
//! exact Arrow type stays in each field's `orbita:type`. A `list<string>`
//! field is declared `any`: Parquet holds native lists, which frictionless
//! reads through pandas as NumPy arrays that neither its `list` type (a
//! delimited string or a Python list) nor its `array` type accepts, so its
//! `orbita:type` is where a reader learns it is a list of strings.
//! Optional numeric fields list `nan` among their missing values, as readers
//! that go through pandas see a null integer as NaN.
//!
//! Foreign keys follow SQL (MATCH SIMPLE): a key with a null part references
//! nothing. Table Schema tools check a key unless *all* its parts are null,
//! so a key with an optional part (a stance's `actor_mention`, whose
//! `doc_id` is always set) goes into `orbita:nullableForeignKeys` (same
//! shape), and `foreignKeys` holds the keys whose fields are all required,
//! which frictionless checks row by row. `orbita check` checks both kinds
//! (checks/fk_*.sql).
//!
//! The package's `sources` name the sources of the documents (with their
//! kind and document count) and the knowledge base and lexicon the build
//! used (with their digests); `licenses` the terms of the derived tables. No
//! clock, host or path goes in: same manifest, same bytes. Its SHA-256 is
//! recorded in the manifest (`files`) and checked by `orbita verify`.
//!
//! ```
//! assert_eq!(orbita_dataset::datapackage::field_type("list<string>"), "any");
//! assert_eq!(orbita_dataset::datapackage::field_type("int8"), "integer");
//! ```

use crate::manifest::{FileEntry, Manifest};
use crate::parquet_io::{RowGroupSource, TableIoError};
use crate::schema::TableSchema;
use arrow::array::{Array, StringArray};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File name of the package descriptor in a version directory.
pub const DATAPACKAGE: &str = "datapackage.json";

/// The Data Package profile the descriptor follows.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

/// Media type of the Parquet resources.
pub const PARQUET_MEDIATYPE: &str = "application/vnd.apache.parquet";

/// Errors writing or checking a package descriptor.
#[derive(Debug, thiserror::Error)]
pub enum DatapackageError {
    /// Reading the documents table (for the sources) failed.
    #[error(transparent)]
    Table(#[from] TableIoError),
    /// A schema file is invalid.
    #[error(transparent)]
    Schema(#[from] crate::schema::SchemaError),
    /// Writing the descriptor failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The Table Schema type of an orbita schema type (`any` for a list: see the module docs).
pub fn field_type(orbita: &str) -> &'static str {
    match orbita {
        "int8" | "int16" | "int32" | "int64" => "integer",
        "float64" => "number",
        "boolean" => "boolean",
        "date" => "date",
        "list<string>" => "any",
        _ => "string",
    }
}

fn table_schema(s: &TableSchema) -> Value {
    let fields: Vec<Value> = s
        .fields
        .iter()
        .map(|f| {
            let ty = field_type(&f.type_name);
            let mut o = Map::new();
            o.insert("name".into(), json!(f.name));
            o.insert("type".into(), json!(ty));
            o.insert("description".into(), json!(f.description));
            o.insert("orbita:type".into(), json!(f.type_name));
            let c = &f.constraints;
            let mut cons = Map::new();
            cons.insert("required".into(), json!(c.required));
            if c.unique {
                cons.insert("unique".into(), json!(true));
            }
            if let Some(allowed) = &c.allowed {
                cons.insert("enum".into(), json!(allowed));
            }
            if let Some(p) = &c.pattern {
                cons.insert("pattern".into(), json!(p));
            }
            if let Some(m) = c.minimum {
                cons.insert("minimum".into(), number(m));
            }
            if let Some(m) = c.maximum {
                cons.insert("maximum".into(), number(m));
            }
            o.insert("constraints".into(), Value::Object(cons));
            if !c.required && matches!(ty, "integer" | "number") {
                o.insert("missingValues".into(), json!(["", "nan"]));
            }
            Value::Object(o)
        })
        .collect();
    let required = |name: &String| s.fields.iter().any(|f| &f.name == name && f.constraints.required);
    let (mut foreign, mut nullable) = (Vec::new(), Vec::new());
    for k in &s.foreign_keys {
        let key = json!({"fields": k.fields, "reference": {"resource": k.reference.resource, "fields": k.reference.fields}});
        if k.fields.iter().all(required) {
            foreign.push(key);
        } else {
            nullable.push(key);
        }
    }
    let mut o = Map::new();
    o.insert("fields".into(), Value::Array(fields));
    o.insert("primaryKey".into(), json!(s.primary_key));
    if !foreign.is_empty() {
        o.insert("foreignKeys".into(), Value::Array(foreign));
    }
    if !nullable.is_empty() {
        o.insert("orbita:nullableForeignKeys".into(), Value::Array(nullable));
    }
    Value::Object(o)
}

/// An integral bound as a JSON integer (`-2`, not `-2.0`), for integer fields.
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// Per source of the documents table: its kinds and document count.
fn document_sources(dir: &Path) -> Result<BTreeMap<String, (BTreeMap<String, u64>, u64)>, TableIoError> {
    let path = dir.join("documents.parquet");
    let src = RowGroupSource::open(&path)?;
    let mut out: BTreeMap<String, (BTreeMap<String, u64>, u64)> = BTreeMap::new();
    for batch in src.read(0..src.row_groups(), &["source", "source_kind"])? {
        let col = |name: &str| batch.column_by_name(name).and_then(|c| c.as_any().downcast_ref::<StringArray>().cloned());
        let (Some(source), Some(kind)) = (col("source"), col("source_kind")) else { continue };
        for i in 0..batch.num_rows() {
            let name = if source.is_null(i) { "(no source)" } else { source.value(i) };
            let e = out.entry(name.to_string()).or_default();
            e.1 += 1;
            if !kind.is_null(i) {
                *e.0.entry(kind.value(i).to_string()).or_default() += 1;
            }
        }
    }
    Ok(out)
}

fn inputs_digest(m: &Manifest, set: &str) -> String {
    let mut s = String::new();
    for e in m.inputs.get(set).map(Vec::as_slice).unwrap_or_default() {
        s.push_str(&format!("{} {} {}\n", e.path, e.sha256, e.bytes));
    }
    crate::inputs::sha256_hex(s.as_bytes())
}

/// The descriptor of the version in `dir` whose manifest (without `files`)
/// is `m`; reads the documents table for the sources.
pub fn render(dir: &Path, m: &Manifest) -> Result<Vec<u8>, DatapackageError> {
    let id = m.dataset_id();
    let mut resources = Vec::new();
    for name in crate::schema::TABLES {
        let Some(t) = m.tables.get(name) else { continue };
        let s = TableSchema::get(name)?;
        resources.push(json!({
            "name": name,
            "type": "table",
            "path": t.file,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "hash": format!("sha256:{}", t.sha256),
            "rows": t.rows,
            "orbita:bytes": t.bytes,
            "description": s.description,
            "orbita:schemaVersion": s.version,
            "schema": table_schema(s),
        }));
    }
    let mut sources: Vec<Value> = document_sources(dir)?
        .into_iter()
        .map(|(name, (kinds, docs))| {
            let kinds: Vec<String> = kinds.keys().cloned().collect();
            let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
            json!({"title": name, "description": format!("{docs} documents{kinds} in the documents table")})
        })
        .collect();
    for (set, title) in [("kb", "orbita knowledge base (data/kb)"), ("lexicon", "orbita stance lexicon (data/lexicon)")] {
        let files = m.inputs.get(set).map_or(0, Vec::len);
        sources.push(json!({
            "title": title,
            "version": format!("sha256:{}", inputs_digest(m, set)),
            "description": format!("{files} files, each with its SHA-256 in manifest.json"),
        }));
    }
    let raw = m.inputs.get("raw").map_or(0, Vec::len);
    let package = json!({
        "$schema": PROFILE,
        "name": format!("orbita-{id}"),
        "id": id,
        "title": "orbita: country alignment",
        "description": format!(
            "Country alignment read from {raw} input files: documents, sentences, linked mentions, stances and the \
             country x target x period alignment with its evidence. Built by orbita {}; manifest.json records every \
             input, stage and hash.",
            m.tool.get("version").map_or("", String::as_str)
        ),
        "version": m.tool.get("version"),
        "keywords": ["country alignment", "stance", "international relations", "news"],
        "licenses": [{
            "name": "Apache-2.0",
            "path": "https://www.apache.org/licenses/LICENSE-2.0",
            "title": "The derived tables, schemas, knowledge base and lexicon; the input texts quoted in documents and \
                      sentences remain under their publishers' terms (see sources)",
        }],
        "sources": sources,
        "resources": resources,
    });
    let mut bytes = serde_json::to_vec_pretty(&package).expect("a JSON value serialises");
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `datapackage.json` into the version being written in `dir` and
/// returns the manifest's `files` entries for it.
pub fn write(dir: &Path, m: &Manifest) -> Result<BTreeMap<String, FileEntry>, DatapackageError> {
    let bytes = render(dir, m)?;
    let path = dir.join(DATAPACKAGE);
    std::fs::write(&path, &bytes).map_err(|source| DatapackageError::Io { path, source })?;
    let entry = FileEntry { sha256: crate::inputs::sha256_hex(&bytes), bytes: bytes.len() as u64 };
    Ok(BTreeMap::from([(DATAPACKAGE.to_string(), entry)]))
}

/// Problems with the descriptor of the version in `dir`: resources whose
/// path, hash, size or row count disagree with the manifest's tables, tables without a
/// resource, resources that are not tables of the manifest.
pub fn check(dir: &Path, m: &Manifest) -> Vec<String> {
    let path = dir.join(DATAPACKAGE);
    let at = path.display();
    let v: Value = match std::fs::read(&path).map(|b| serde_json::from_slice(&b)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return vec![format!("{at}: not valid JSON: {e}")],
        Err(e) => return vec![format!("{at}: {e}")],
    };
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for r in v["resources"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let name = r["name"].as_str().unwrap_or("");
        seen.push(name.to_string());
        let Some(t) = m.tables.get(name) else {
            problems.push(format!("{at}: resource {name:?} is not a table of the manifest"));
            continue;
        };
        if r["path"].as_str() != Some(t.file.as_str()) {
            problems.push(format!("{at}: resource {name} has path {}, the manifest {}", r["path"], t.file));
        }
        if r["hash"].as_str() != Some(format!("sha256:{}", t.sha256).as_str()) {
            problems.push(format!("{at}: resource {name} has hash {}, the manifest sha256:{}", r["hash"], t.sha256));
        }
        if r["orbita:bytes"].as_u64() != Some(t.bytes) {
            problems.push(format!("{at}: resource {name} has {} bytes, the manifest {}", r["orbita:bytes"], t.bytes));
        }
        if r["rows"].as_u64() != Some(t.rows) {
            problems.push(format!("{at}: resource {name} has {} rows, the manifest {}", r["rows"], t.rows));
        }
    }
    for name in m.tables.keys() {
        if !seen.contains(name) {
            problems.push(format!("{at}: table {name} has no resource"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_type_maps_to_a_table_schema_type() {
        for s in TableSchema::all().unwrap() {
            for f in &s.fields {
                let ty = field_type(&f.type_name);
                let known = matches!(f.type_name.as_str(), "string" | "int8" | "int32" | "int64" | "float64" | "boolean" | "date" | "list<string>");
                assert!(known, "{}.{}: type {} has no Table Schema mapping", s.name, f.name, f.type_name);
                assert_eq!(ty == "any", f.type_name.starts_with("list<"));
            }
        }
    }

    // Guards the data dictionary: keys, descriptions and constraints of
    // schemas/ reach the descriptor unchanged.
    #[test]
    fn table_schemas_carry_keys_descriptions_and_constraints() {
        let s = TableSchema::get("stances").unwrap();
        let v = table_schema(s);
        assert_eq!(v["primaryKey"], json!(["doc_id", "sentence", "stance"]));
        // Every key is declared once: the one whose fields are all required
        // (doc_id, sentence) where frictionless checks it, the two with an
        // optional mention apart.
        let strict = v["foreignKeys"].as_array().unwrap();
        let nullable = v["orbita:nullableForeignKeys"].as_array().unwrap();
        assert_eq!(strict.len() + nullable.len(), s.foreign_keys.len());
        assert_eq!(strict[0]["fields"], json!(["doc_id", "sentence"]));
        assert_eq!(nullable.len(), 2);
        assert!(nullable.iter().all(|k| k["reference"]["resource"] == "mentions"));
        let label = v["fields"].as_array().unwrap().iter().find(|f| f["name"] == "label").unwrap();
        assert_eq!(label["type"], "integer");
        assert_eq!(label["constraints"]["minimum"], json!(-2));
        assert_eq!(label["constraints"]["maximum"], json!(2));
        assert!(!label["description"].as_str().unwrap().is_empty());
        let year = TableSchema::get("alignment").unwrap();
        let v = table_schema(year);
        let y = v["fields"].as_array().unwrap().iter().find(|f| f["name"] == "year").unwrap();
        assert_eq!(y["missingValues"], json!(["", "nan"]));
        assert_eq!(y["constraints"]["required"], json!(false));
    }
}
