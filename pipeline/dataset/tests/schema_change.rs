//! A version whose table has a different shape: the diff lists the schema
//! change apart from the rows, and the policy fails it.

mod common;

use common::{repo, small_raw};
use arrow::array::{ArrayRef, Int32Array, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema};
use orbita_dataset::build::{build, BuildConfig};
use orbita_dataset::diff::diff_versions;
use orbita_dataset::parquet_io::{hash_file, read_table};
use orbita_dataset::policy::{bump, Bump, Policy};
use orbita_dataset::schema::TableSchema;
use std::sync::Arc;

#[test]
fn an_added_and_a_retyped_field_are_reported_as_schema_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.raw = small_raw(&tmp.path().join("raw"));
    cfg.out = tmp.path().join("out");
    let a = build(&cfg).unwrap().dir;

    // B: a copy of A whose sentences table gained a field and has "start" as int64.
    let b = tmp.path().join("b");
    std::fs::create_dir_all(&b).unwrap();
    for e in std::fs::read_dir(&a).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), b.join(e.file_name())).unwrap();
    }
    let schema = TableSchema::get("sentences").unwrap();
    let batches = read_table(schema, &a.join("sentences.parquet")).unwrap();
    let mut fields: Vec<Field> = schema.arrow().fields().iter().map(|f| f.as_ref().clone()).collect();
    fields[2] = Field::new("start", DataType::Int64, false);
    fields.push(Field::new("words", DataType::Int32, true));
    let new_schema = Arc::new(Schema::new(fields));
    let file = std::fs::File::create(b.join("sentences.parquet")).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, new_schema.clone(), None).unwrap();
    for batch in &batches {
        let mut cols: Vec<ArrayRef> = batch.columns().to_vec();
        cols[2] = arrow::compute::cast(&cols[2], &DataType::Int64).unwrap();
        cols.push(Arc::new(Int32Array::from(vec![Some(1); batch.num_rows()])));
        w.write(&RecordBatch::try_new(new_schema.clone(), cols).unwrap()).unwrap();
    }
    w.close().unwrap();
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(b.join("manifest.json")).unwrap()).unwrap();
    m["tables"]["sentences"]["sha256"] = serde_json::json!(hash_file(&b.join("sentences.parquet")).unwrap().0);
    std::fs::write(b.join("manifest.json"), serde_json::to_vec_pretty(&m).unwrap()).unwrap();

    let d = diff_versions(&a, &b, 0.25).unwrap();
    let t = d.tables.iter().find(|t| t.table == "sentences").unwrap();
    assert!(t.schema_changes.contains(&"field words added".to_string()), "{:?}", t.schema_changes);
    assert!(t.schema_changes.iter().any(|s| s.starts_with("field start retyped: Int32 → Int64")), "{:?}", t.schema_changes);
    assert_eq!(t.only_a + t.only_b, 0, "rows still match on the key");
    assert!(d.moves.is_empty());
    let v = Policy::default().violations(&d);
    assert!(v.iter().any(|v| v.contains("schema change in sentences")), "{v:?}");
    assert_eq!(bump(&d), Bump::Major);
}
