//! `orbita export`: the Hive-partitioned export of a build, read back file
//! by file against the source tables, re-exported byte for byte, verified.

mod common;

use arrow::array::{Array, ArrayRef, Date32Array, RecordBatch, StringArray, UInt32Array};
use orbita_dataset::export::{file_schema, EXPORT_MANIFEST};
use orbita_dataset::parquet_io::read_table;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

fn last_line(o: &Output) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").trim())
}

fn build(raw: &Path, out: &Path) -> PathBuf {
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    last_line(&o)
}

fn export(dataset: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", dataset.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    orbita(&args)
}

/// The seed articles plus the export fixture: documents of 2023, 2024 and
/// 2025, one without a date, and one input that is rejected.
fn mixed_raw(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    common::seed_raw(&repo(), to);
    for e in std::fs::read_dir(repo().join("tests/consumer/export_raw")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(EXPORT_MANIFEST)).unwrap()).unwrap()
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn col<'a, T: 'static>(b: &'a RecordBatch, name: &str) -> &'a T {
    b.column_by_name(name).unwrap().as_any().downcast_ref::<T>().unwrap()
}

/// The partition directory of each row, computed here independently of
/// the exporter: the year of the document's date_from, or the target.
fn partitions(table: &str, batch: &RecordBatch, years: &BTreeMap<String, Option<i32>>) -> Vec<String> {
    let n = batch.num_rows();
    match table {
        "rejects" => vec![String::new(); n],
        "alignment" => (0..n).map(|i| format!("target={}", col::<StringArray>(batch, "target").value(i))).collect(),
        _ => {
            let ids = col::<StringArray>(batch, "doc_id");
            (0..n)
                .map(|i| match years[ids.value(i)] {
                    Some(y) => format!("year={y}"),
                    None => "year=__HIVE_DEFAULT_PARTITION__".to_string(),
                })
                .collect()
        }
    }
}

/// Checks every file of the export against the source table: the file
/// schema, and per partition exactly the source rows of that partition in
/// table order, the partition column left out.
fn check_against_source(version: &Path, export: &Path) -> BTreeMap<String, Vec<String>> {
    let m = manifest(export);
    let docs = orbita_dataset::read::table(version, "documents").unwrap();
    let mut years = BTreeMap::new();
    for b in &docs {
        let (ids, dates) = (col::<StringArray>(b, "doc_id"), col::<Date32Array>(b, "date_from"));
        for i in 0..b.num_rows() {
            let y = (!dates.is_null(i)).then(|| orbita_text::Date::from_days_since_epoch(dates.value(i)).year);
            years.insert(ids.value(i).to_string(), y);
        }
    }
    let mut seen = BTreeMap::new();
    for table in orbita_dataset::schema::TABLES {
        let source = orbita_dataset::read::table(version, table).unwrap();
        let schema = file_schema(table).unwrap();
        let keep: Vec<usize> = orbita_dataset::schema::TableSchema::get(table)
            .unwrap()
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !(table == "alignment" && f.name == "target"))
            .map(|(i, _)| i)
            .collect();
        // Expected columns per partition directory, concatenated over the source batches.
        let mut expected: BTreeMap<String, Vec<Vec<ArrayRef>>> = BTreeMap::new();
        for b in &source {
            let parts = partitions(table, b, &years);
            let mut rows: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
            for (i, p) in parts.iter().enumerate() {
                rows.entry(p.as_str()).or_default().push(i as u32);
            }
            for (p, idx) in rows {
                let idx = UInt32Array::from(idx);
                let cols = keep.iter().map(|&c| arrow::compute::take(b.column(c).as_ref(), &idx, None).unwrap()).collect();
                expected.entry(p.to_string()).or_default().push(cols);
            }
        }
        let files = m["tables"][table]["files"].as_array().unwrap();
        let mut dirs = Vec::new();
        let mut total = 0;
        for f in files {
            let path = f["path"].as_str().unwrap();
            let dir = path.strip_prefix(&format!("{table}/")).unwrap().trim_end_matches("part-0.parquet").trim_end_matches('/');
            dirs.push(dir.to_string());
            let batches = read_table(schema, &export.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
            assert_eq!(rows as u64, f["rows"].as_u64().unwrap(), "{path}");
            total += rows;
            if rows == 0 {
                // Only an unpartitioned table has a file without rows.
                assert!(table == "rejects" && !expected.contains_key(dir), "{path} is empty");
                continue;
            }
            let want = expected.remove(dir).unwrap_or_else(|| panic!("{path}: no source row belongs in {dir:?}"));
            for c in 0..keep.len() {
                let want: Vec<&dyn Array> = want.iter().map(|cols| cols[c].as_ref()).collect();
                let have: Vec<&dyn Array> = batches.iter().map(|b| b.column(c).as_ref()).collect();
                let (want, have) = (arrow::compute::concat(&want).unwrap(), arrow::compute::concat(&have).unwrap());
                assert_eq!(want.to_data(), have.to_data(), "{path}: column {} differs from the source", schema.fields[c].name);
            }
        }
        assert!(expected.is_empty(), "{table}: partitions without a file: {:?}", expected.keys());
        let source_rows: usize = source.iter().map(|b| b.num_rows()).sum();
        assert_eq!(total, source_rows, "{table}");
        assert_eq!(m["tables"][table]["rows"].as_u64().unwrap() as usize, source_rows, "{table}");
        seen.insert(table.to_string(), dirs);
    }
    seen
}

#[test]
fn export_holds_every_source_row_in_its_partition_and_is_byte_identical_across_runs_and_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    mixed_raw(&raw);
    let version = build(&raw, &tmp.path().join("out"));
    let (a, b) = (tmp.path().join("hive-a"), tmp.path().join("hive-b"));
    let o = export(&version, &a, &["--threads", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(last_line(&o), a);
    let dirs = check_against_source(&version, &a);
    let years = ["year=2023", "year=2024", "year=2025", "year=__HIVE_DEFAULT_PARTITION__"];
    for t in ["documents", "sentences", "mentions", "stances"] {
        assert_eq!(dirs[t], years, "{t}");
    }
    assert!(dirs["alignment"].iter().any(|d| d == "target=CHN") && dirs["alignment"].iter().any(|d| d == "target=RUS"));
    assert_eq!(dirs["rejects"], [""]);
    let m = manifest(&a);
    assert_eq!(m["dataset"].as_str().unwrap(), version.file_name().unwrap().to_str().unwrap());
    assert_eq!(m["tables"]["rejects"]["rows"], 1, "notes.csv is rejected");
    // The export names nothing of the machine it ran on.
    assert!(!String::from_utf8_lossy(&std::fs::read(a.join(EXPORT_MANIFEST)).unwrap()).contains(tmp.path().to_str().unwrap()));

    let o = export(&version, &b, &["--threads", "4"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two exports");
    }
    let v = orbita(&["verify", a.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // Nothing is left beside the export but its lock file.
    let mut beside: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    beside.sort();
    assert_eq!(beside, [".hive-a.lock", ".hive-b.lock", "hive-a", "hive-b", "out", "raw"]);
}

#[test]
fn a_one_partition_table_is_the_source_file_byte_for_byte() {
    // The seed's two documents are both of 2025: the export writes the same
    // rows with the same writer settings, so the file is the table's own.
    let tmp = tempfile::tempdir().unwrap();
    let version = build(&common::seed_raw(&repo(), &tmp.path().join("raw")), &tmp.path().join("out"));
    let out = tmp.path().join("hive");
    // An output directory resolves to its latest version.
    let o = export(&tmp.path().join("out"), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for t in ["documents", "sentences", "mentions", "stances"] {
        let exported = std::fs::read(out.join(t).join("year=2025/part-0.parquet")).unwrap();
        assert!(exported == std::fs::read(version.join(format!("{t}.parquet"))).unwrap(), "{t}");
    }
    assert!(std::fs::read(out.join("rejects/part-0.parquet")).unwrap() == std::fs::read(version.join("rejects.parquet")).unwrap());
    check_against_source(&version, &out);
}

#[test]
fn an_export_is_replaced_only_with_force_and_verify_catches_stray_and_altered_files() {
    let tmp = tempfile::tempdir().unwrap();
    let version = build(&common::seed_raw(&repo(), &tmp.path().join("raw")), &tmp.path().join("out"));
    let out = tmp.path().join("hive");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), b"mine").unwrap();
    let o = export(&version, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"mine");

    // What a killed export left is removed by the next export of the same output.
    let leftover = tmp.path().join(".hive.staging-999999");
    std::fs::create_dir_all(leftover.join("stances")).unwrap();
    let o = export(&version, &out, &["--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!leftover.exists() && !out.join("keep.txt").exists());
    assert!(orbita(&["verify", out.to_str().unwrap()]).status.success());

    let stray = out.join("stances/year=2025/part-1.parquet");
    std::fs::copy(out.join("stances/year=2025/part-0.parquet"), &stray).unwrap();
    let v = orbita(&["verify", out.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&v.stdout).contains("part-1.parquet: not in the export manifest"));
    std::fs::remove_file(&stray).unwrap();

    let file = out.join("alignment/target=USA/part-0.parquet");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&file, bytes).unwrap();
    let v = orbita(&["verify", out.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&v.stdout).contains("target=USA/part-0.parquet: sha256 is"), "{}", String::from_utf8_lossy(&v.stdout));
}
