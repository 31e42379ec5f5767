//! The rule alignment_period_not_after_evidence: a year row of alignment
//! may not lie after the newest document year of its evidence.

mod common;

use common::{build_small, repo};
use orbita_dataset::parquet_io::{read_table, write_table};
use orbita_dataset::schema::TableSchema;
use std::sync::Arc;

#[test]
fn a_period_after_its_evidence_fails_the_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = build_small(tmp.path());
    let rules = orbita_checks::load_rules(&repo().join("checks")).unwrap();
    let rule = |results: &[orbita_checks::RuleResult]| {
        results.iter().find(|r| r.rule.name == "alignment_period_not_after_evidence").cloned().expect("the rule is loaded")
    };
    let clean = rule(&orbita_checks::run_rules(&dir, &rules));
    assert!(clean.error.is_none(), "{:?}", clean.error);
    assert!(clean.passed(), "{}", clean.sample);

    // Move every year row (period and year together, as alignment_period_matches_year wants) to 2099.
    let alignment = TableSchema::get("alignment").unwrap();
    let batches = read_table(alignment, &dir.join("alignment.parquet")).unwrap();
    let b = &batches[0];
    let (pi, yi) = (b.schema().index_of("period").unwrap(), b.schema().index_of("year").unwrap());
    let periods = b.column(pi).as_any().downcast_ref::<arrow::array::StringArray>().unwrap();
    let years = b.column(yi).as_any().downcast_ref::<arrow::array::Int32Array>().unwrap();
    let moved = periods.iter().filter(|p| *p != Some("current")).count();
    assert!(moved > 0, "the seed has year rows");
    let new_periods: arrow::array::StringArray =
        periods.iter().map(|p| p.map(|p| if p == "current" { p.to_string() } else { "2099".to_string() })).collect();
    let new_years: arrow::array::Int32Array = years.iter().map(|y| y.map(|_| 2099)).collect();
    let mut cols = b.columns().to_vec();
    cols[pi] = Arc::new(new_periods);
    cols[yi] = Arc::new(new_years);
    let corrupted = arrow::array::RecordBatch::try_new(b.schema(), cols).unwrap();
    let mut all = batches.clone();
    all[0] = corrupted;
    write_table(alignment, &dir.join("alignment.parquet"), &all).unwrap();
    let failed = rule(&orbita_checks::run_rules(&dir, &rules));
    assert!(failed.error.is_none(), "{:?}", failed.error);
    assert!(!failed.passed() && failed.failures > 0, "{}", failed.sample);
    assert!(failed.sample.contains("2099"), "{}", failed.sample);
}
