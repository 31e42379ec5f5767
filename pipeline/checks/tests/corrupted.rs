//! A corrupted table fails the checks with the rule's name and the rows.

mod common;

use arrow::array::Array;
use common::{build_small, repo};
use orbita_dataset::parquet_io::{read_table, write_table};
use orbita_dataset::schema::TableSchema;

#[test]
fn a_duplicated_key_and_an_out_of_range_score_fail_named_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = build_small(tmp.path());
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

fn set_strings(batch: &arrow::array::RecordBatch, column: &str, f: impl Fn(usize, Option<&str>) -> Option<String>) -> arrow::array::RecordBatch {
    let idx = batch.schema().index_of(column).unwrap();
    let old = batch.column(idx).as_any().downcast_ref::<arrow::array::StringArray>().unwrap();
    let new: arrow::array::StringArray = old.iter().enumerate().map(|(i, v)| f(i, v)).collect();
    let mut cols = batch.columns().to_vec();
    cols[idx] = std::sync::Arc::new(new);
    arrow::array::RecordBatch::try_new(batch.schema(), cols).unwrap()
}

// The partitioned rule (run per doc_id range) finds a sentence whose text is
// not the document's text at its offsets in every range it lies in, and the
// speaker rule finds a speaker that is not an upper-case id, also when the
// letter that breaks it is not ASCII.
#[test]
fn wrong_sentence_text_and_a_lower_case_speaker_fail_their_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = build_small(tmp.path());
    let rules = orbita_checks::load_rules(&repo().join("checks")).unwrap();

    // One sentence in each document whose doc_id starts with a different first character.
    let sentences = TableSchema::get("sentences").unwrap();
    let batches = read_table(sentences, &dir.join("sentences.parquet")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut changed = 0;
    let mut out = Vec::new();
    for b in &batches {
        let ids = b.column(b.schema().index_of("doc_id").unwrap()).as_any().downcast_ref::<arrow::array::StringArray>().unwrap();
        let mut pick = std::collections::BTreeSet::new();
        for i in 0..b.num_rows() {
            if seen.insert(ids.value(i).chars().next().unwrap()) {
                pick.insert(i);
            }
        }
        changed += pick.len();
        out.push(set_strings(b, "text", |i, v| v.map(|t| if pick.contains(&i) { format!("{t}!") } else { t.to_string() })));
    }
    assert!(changed >= 4, "the documents spread over several doc_id ranges ({changed})");
    write_table(sentences, &dir.join("sentences.parquet"), &out).unwrap();

    let documents = TableSchema::get("documents").unwrap();
    let batches = read_table(documents, &dir.join("documents.parquet")).unwrap();
    let speakers = batches[0].column(batches[0].schema().index_of("speaker").unwrap()).as_any().downcast_ref::<arrow::array::StringArray>().unwrap();
    let first = (0..batches[0].num_rows()).find(|&i| !speakers.is_null(i)).expect("the UN slice has speakers");
    let mut out = batches.clone();
    out[0] = set_strings(&batches[0], "speaker", |i, v| if i == first { Some("RUé".into()) } else { v.map(str::to_string) });
    write_table(documents, &dir.join("documents.parquet"), &out).unwrap();

    let results = orbita_checks::run_rules(&dir, &rules);
    let get = |name: &str| results.iter().find(|r| r.rule.name == name).unwrap();
    let text = get("offsets_sentences_text_matches");
    assert!(text.rule.partition_by_doc && text.error.is_none(), "{:?}", text.error);
    assert_eq!(text.failures, changed, "{}", text.sample);
    let speaker = get("documents_speaker_is_an_id");
    assert_eq!(speaker.failures, 1, "{}", speaker.sample);
    assert!(speaker.sample.contains("RUé"), "{}", speaker.sample);
    let failed: Vec<&str> = results.iter().filter(|r| !r.passed()).map(|r| r.rule.name.as_str()).collect();
    // text_not_empty and the mention offsets read sentences.text too, but a sentence
    // with a character added is neither empty nor moves a mention's surface.
    assert_eq!(failed, ["documents_speaker_is_an_id", "offsets_sentences_text_matches"]);
}
