//! A corrupted table fails the checks with the rule's name and the rows.

use orbita_dataset::build::{build, BuildConfig};
use orbita_dataset::parquet_io::{read_table, write_table};
use orbita_dataset::schema::TableSchema;
use std::path::Path;

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

#[test]
fn a_duplicated_key_and_an_out_of_range_score_fail_named_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cfg = BuildConfig::in_repo(&repo());
    cfg.out = tmp.path().join("out");
    let dir = build(&cfg).unwrap().dir;
    let rules: Vec<_> = orbita_checks::schema_rules()
        .into_iter()
        .chain(orbita_checks::load_rules(&repo().join("checks")).unwrap())
        .collect();
    let clean = orbita_checks::run_rules(&dir, &rules);
    assert!(clean.iter().all(|r| r.passed()), "{:?}", clean.iter().filter(|r| !r.passed()).collect::<Vec<_>>());

    // Duplicate the first stance row and push one alignment score out of [-2, 2].
    let stances = TableSchema::get("stances").unwrap();
    let batches = read_table(stances, &dir.join("stances.parquet")).unwrap();
    let first = batches[0].slice(0, 1);
    let mut with_dup = batches.clone();
    with_dup.insert(0, first);
    write_table(stances, &dir.join("stances.parquet"), &with_dup).unwrap();

    let alignment = TableSchema::get("alignment").unwrap();
    let batches = read_table(alignment, &dir.join("alignment.parquet")).unwrap();
    let b = &batches[0];
    let idx = b.schema().index_of("score").unwrap();
    let mut scores: Vec<f64> = b.column(idx).as_any().downcast_ref::<arrow::array::Float64Array>().unwrap().values().to_vec();
    scores[0] = 7.5;
    let mut cols = b.columns().to_vec();
    cols[idx] = std::sync::Arc::new(arrow::array::Float64Array::from(scores));
    let corrupted = arrow::array::RecordBatch::try_new(b.schema(), cols).unwrap();
    write_table(alignment, &dir.join("alignment.parquet"), &[corrupted]).unwrap();

    let results = orbita_checks::run_rules(&dir, &rules);
    let failed: Vec<&orbita_checks::RuleResult> = results.iter().filter(|r| !r.passed()).collect();
    let names: Vec<&str> = failed.iter().map(|r| r.rule.name.as_str()).collect();
    assert!(names.contains(&"schema_stances_primary_key_unique"), "{names:?}");
    assert!(names.contains(&"schema_alignment_score_constraints"), "{names:?}");
    assert!(names.contains(&"alignment_interval_contains_score"), "{names:?}");
    let key = failed.iter().find(|r| r.rule.name == "schema_stances_primary_key_unique").unwrap();
    assert_eq!(key.failures, 1);
    assert!(key.sample.contains("doc_id"), "{}", key.sample);
    let score = failed.iter().find(|r| r.rule.name == "schema_alignment_score_constraints").unwrap();
    assert!(score.sample.contains("7.5"), "{}", score.sample);
    assert!(failed.iter().all(|r| r.error.is_none()), "every rule ran");
}
