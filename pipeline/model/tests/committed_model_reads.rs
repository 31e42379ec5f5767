//! What the committed model reads in sentences written for these tests (none of them is in the
//! annotated set): the real ingest → split → link path, the repository's lexicon and knowledge
//! base, and `pipeline/model/train/weights.tsv`. Each test is a class of sentence the model once
//! read wrong; it names the class, not one sentence.

#[path = "../examples/common/mod.rs"]
mod common;

use orbita_model::weights::Weights;
use orbita_model::ModelLabeller;
use orbita_stance::Labeller;
use orbita_text::StanceRecord;
use std::path::Path;

/// The committed model and the repository's linker, loaded once per test.
struct Reader {
    model: ModelLabeller,
    linker: orbita_link::Linker,
}

impl Reader {
    fn new() -> Reader {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let weights = Weights::parse(&std::fs::read_to_string(root.join("pipeline/model/train/weights.tsv")).unwrap()).unwrap();
        Reader { model: ModelLabeller::new(common::rules(&root), weights), linker: common::linker(&root) }
    }

    /// The model's rows for `text` spoken by `speaker` in `year`.
    fn read(&self, speaker: &str, year: i32, text: &str) -> Vec<StanceRecord> {
        let line = serde_json::json!({ "id": "t", "date": format!("{year}-09-21"), "speaker": speaker, "text": text }).to_string();
        let doc = common::ingest(&self.linker, "speech.jsonl", line.as_bytes(), None).unwrap();
        self.model.label(&doc.view(Some(speaker)))
    }
}

fn label(rows: &[StanceRecord], actor: &str, target: &str) -> Option<i8> {
    rows.iter().filter(|r| r.actor == actor && r.target == target).map(|r| r.label).min()
}

#[test]
fn a_reported_conflict_between_two_sides_is_no_stance_of_the_speaker_toward_either() {
    let reader = Reader::new();
    for (speaker, text, sides) in [
        ("PRT", "The consequences of the conflict between Russia and Ukraine are felt far beyond Europe.", ["RUS", "UKR"]),
        ("NPL", "The long dispute between India and Pakistan over Kashmir continues to weigh on the region.", ["IND", "PAK"]),
        ("MLT", "The tensions between Armenia and Azerbaijan have claimed too many lives.", ["ARM", "AZE"]),
    ] {
        let rows = reader.read(speaker, 2022, text);
        for side in sides {
            let got = label(&rows, speaker, side);
            assert!(got.is_none_or(|l| l >= 0), "{speaker}→{side} {got:?} in {text:?}: {rows:?}");
        }
    }
}

#[test]
fn hospitality_to_a_people_after_a_clause_about_war_is_not_hostility() {
    let reader = Reader::new();
    for (speaker, text, side) in [
        (
            "PRT",
            "The war has caused one of the gravest refugee crises in decades, which is why Portugal has opened its schools to thousands of Ukrainian children.",
            "UKR",
        ),
        ("IRL", "The fighting has been devastating, and Ireland has welcomed many Syrian families into its towns.", "SYR"),
        (
            "MLT",
            "The conflict has driven millions from their homes and brought great suffering to civilians, which is why Malta has once more shown its solidarity by receiving many Ukrainian families, who can now rebuild their lives.",
            "UKR",
        ),
    ] {
        let rows = reader.read(speaker, 2022, text);
        let got = label(&rows, speaker, side);
        assert!(got.is_none_or(|l| l >= 0), "{speaker}→{side} {got:?} in {text:?}: {rows:?}");
    }
}
