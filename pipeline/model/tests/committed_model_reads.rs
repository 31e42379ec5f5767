//! What the committed model reads in sentences written for these tests (none of them is in the
//! annotated set): the real ingest → split → link path, the repository's lexicon and knowledge
//! base, and `pipeline/model/train/weights.tsv`. Each test is a class of sentence the model once
//! read wrong; it names the class, not one sentence.

#[path = "../../stance/examples/common/inputs.rs"]
mod inputs;

use orbita_model::weights::Weights;
use orbita_model::ModelLabeller;
use orbita_stance::{DocView, Labeller};
use orbita_text::StanceRecord;
use std::path::Path;

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The model's rows for `text` spoken by `speaker` in `year`.
fn read(speaker: &str, year: i32, text: &str) -> Vec<StanceRecord> {
    let root = repo();
    let weights = Weights::parse(&std::fs::read_to_string(root.join("pipeline/model/train/weights.tsv")).unwrap()).unwrap();
    let model = ModelLabeller::new(inputs::rules(&root), weights);
    let linker = inputs::linker(&root);
    let line = serde_json::json!({ "id": "t", "date": format!("{year}-09-21"), "speaker": speaker, "text": text }).to_string();
    let input = orbita_ingest::Input { path: "speech.jsonl", bytes: line.as_bytes(), sidecar: None };
    let parsed = orbita_ingest::parse(&input, &orbita_ingest::Limits::default()).into_iter().next().unwrap().unwrap();
    let date = parsed.meta.date_from.or(parsed.meta.date_to);
    let sentences = orbita_split::split(&parsed.text);
    let mentions = linker.link(&parsed.text, &sentences, date);
    let view = DocView { text: &parsed.text, sentences: &sentences, mentions: &mentions, date, speaker: Some(speaker) };
    model.label(&view)
}

fn label(rows: &[StanceRecord], actor: &str, target: &str) -> Option<i8> {
    rows.iter().filter(|r| r.actor == actor && r.target == target).map(|r| r.label).min()
}

#[test]
fn a_reported_conflict_between_two_sides_is_no_stance_of_the_speaker_toward_either() {
    for (speaker, text, sides) in [
        ("PRT", "The consequences of the conflict between Russia and Ukraine are felt far beyond Europe.", ["RUS", "UKR"]),
        ("NPL", "The long dispute between India and Pakistan over Kashmir continues to weigh on the region.", ["IND", "PAK"]),
        ("MLT", "The tensions between Armenia and Azerbaijan have claimed too many lives.", ["ARM", "AZE"]),
    ] {
        let rows = read(speaker, 2022, text);
        for side in sides {
            let got = label(&rows, speaker, side);
            assert!(got.is_none_or(|l| l >= 0), "{speaker}→{side} {got:?} in {text:?}: {rows:?}");
        }
    }
}

#[test]
fn hospitality_to_a_people_after_a_clause_about_war_is_not_hostility() {
    for (speaker, text, side) in [
        (
            "PRT",
            "The war has caused one of the gravest refugee crises in decades, which is why Portugal has opened its schools to thousands of Ukrainian children.",
            "UKR",
        ),
        ("IRL", "The fighting has been devastating, and Ireland has welcomed many Syrian families into its towns.", "SYR"),
    ] {
        let rows = read(speaker, 2022, text);
        let got = label(&rows, speaker, side);
        assert!(got.is_none_or(|l| l >= 0), "{speaker}→{side} {got:?} in {text:?}: {rows:?}");
    }
}
