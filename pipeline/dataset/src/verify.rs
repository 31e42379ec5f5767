//! `orbita verify`: re-hash a version's files against its manifest.

use crate::manifest::Manifest;
use crate::parquet_io::{hash_file, read_table};
use crate::schema::TableSchema;
use crate::store::{MANIFEST, MANIFEST_SHA};
use std::path::Path;

/// Every problem found, in one list (empty means verified).
pub fn verify(dir: &Path, read_tables: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mpath = dir.join(MANIFEST);
    let bytes = match std::fs::read(&mpath) {
        Ok(b) => b,
        Err(e) => return vec![format!("{}: {e}", mpath.display())],
    };
    let actual = crate::inputs::sha256_hex(&bytes);
    match std::fs::read_to_string(dir.join(MANIFEST_SHA)) {
        Ok(s) => {
            let recorded = s.split_whitespace().next().unwrap_or("");
            if recorded != actual {
                problems.push(format!(
                    "{}: sha256 is {actual}, {MANIFEST_SHA} records {recorded}: the manifest or its hash was altered",
                    mpath.display()
                ));
            }
        }
        Err(e) => problems.push(format!("{}: {e}", dir.join(MANIFEST_SHA).display())),
    }
    let manifest: Manifest = match serde_json::from_slice(&bytes) {
        Ok(m) => m,
        Err(e) => {
            problems.push(format!("{}: not a valid manifest: {e}", mpath.display()));
            return problems;
        }
    };
    if let Some(name) = dir.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())) {
        let id = manifest.dataset_id();
        if name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit()) && name != id {
            problems.push(format!("{}: directory name {name} does not match the dataset id {id} of its manifest", dir.display()));
        }
    }
    for (name, entry) in &manifest.files {
        let path = dir.join(name);
        match hash_file(&path) {
            Err(e) => problems.push(e.to_string()),
            Ok((sha, size)) if sha != entry.sha256 || size != entry.bytes => problems.push(format!(
                "{}: sha256 {sha} and {size} bytes, manifest records {} and {} bytes",
                path.display(),
                entry.sha256,
                entry.bytes
            )),
            Ok(_) if name == crate::datapackage::DATAPACKAGE => problems.extend(crate::datapackage::check(dir, &manifest)),
            Ok(_) => {}
        }
    }
    for (table, entry) in &manifest.tables {
        let path = dir.join(&entry.file);
        match hash_file(&path) {
            Err(e) => problems.push(e.to_string()),
            Ok((sha, size)) => {
                if size != entry.bytes {
                    problems.push(format!("{}: {size} bytes, manifest records {}", path.display(), entry.bytes));
                }
                if sha != entry.sha256 {
                    problems.push(format!("{}: sha256 is {sha}, manifest records {}", path.display(), entry.sha256));
                }
            }
        }
        match TableSchema::get(table) {
            Err(e) => problems.push(e.to_string()),
            Ok(schema) => {
                if schema.sha256 != entry.schema_sha256 {
                    problems.push(format!(
                        "table {table}: built with schema {} but this orbita has schema {}",
                        &entry.schema_sha256[..12.min(entry.schema_sha256.len())],
                        &schema.sha256[..12]
                    ));
                } else if read_tables && problems.is_empty() {
                    match read_table(schema, &path) {
                        Err(e) => problems.push(e.to_string()),
                        Ok(batches) => {
                            let rows: u64 = batches.iter().map(|b| b.num_rows() as u64).sum();
                            if rows != entry.rows {
                                problems.push(format!("{}: {rows} rows, manifest records {}", path.display(), entry.rows));
                            }
                        }
                    }
                }
            }
        }
    }
    problems
}
