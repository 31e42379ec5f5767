//! End to end: official speech from compressed JSON Lines with a sidecar
//! field mapping, the speaker rules in data/speakers.toml, hard-wrapped
//! text, and a damaged archive, through `orbita build` into `documents`
//! and `rejects`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../../ingest/tests/common/compress.rs"]
mod compress;

use arrow::array::Array;
use compress::{gz, zst};
use orbita_dataset::tables::Columns;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

fn line(iso3: &str, session: u32, year: u32, text: &str) -> String {
    serde_json::json!({"country_iso3": iso3, "session": session, "year": year, "text": text, "source_path": "x"}).to_string() + "\n"
}

/// A hard-wrapped speech of the 1990s, as the corpus has them.
const WRAPPED: &str = "I extend to you, Sir, my delegation's felicitations
on your well-deserved election as President of the
General Assembly. We have no doubt that with your
experience and wisdom you will add much to this
historic session. We also pay tribute to your
predecessor for his well-
known skill.";

/// documents: doc_id → (path, record, speaker, title, date_from as days, text).
type Doc = (String, i32, Option<String>, Option<String>, String);

fn documents(dir: &Path) -> BTreeMap<(String, i32), Doc> {
    let mut out = BTreeMap::new();
    for b in orbita_dataset::read::table(dir, "documents").unwrap() {
        let c = Columns::new("documents", &b);
        let (path, record, title, text) = (c.str("path").unwrap(), c.i32("record").unwrap(), c.str("title").unwrap(), c.str("text").unwrap());
        for i in 0..b.num_rows() {
            let speaker = c.document_speaker(i).unwrap().map(str::to_string);
            let title = (!title.is_null(i)).then(|| title.value(i).to_string());
            let date = c.document_date(i).unwrap().map(|d| d.to_string()).unwrap_or_default();
            out.insert(
                (path.value(i).to_string(), record.value(i)),
                (text.value(i).to_string(), record.value(i), speaker, title, date),
            );
        }
    }
    out
}

#[test]
fn compressed_speeches_get_speakers_titles_dates_and_unwrapped_text() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    let speeches = [
        line("BEN", 77, 2022, "We, the people of Benin, stand ready to work with all nations."),
        line("RUS", 30, 1975, "The Soviet Union proposes a world treaty on the non-use of force."),
        line("RUS", 77, 2022, "Russia states its position on the situation in Europe."),
        line("PAK", 50, 1995, WRAPPED),
    ]
    .concat();
    std::fs::write(raw.join("ungdc.jsonl.zst"), zst(speeches.as_bytes())).unwrap();
    std::fs::copy(repo().join("data/raw/ungdc-1946-2024.jsonl.zst.meta.yaml"), raw.join("ungdc.jsonl.zst.meta.yaml")).unwrap();
    let own = "{\"text\": \"The European Union supports the ceasefire.\", \"speaker\": \"EU\"}\n{\"text\": \"A bad id.\", \"speaker\": \"eu\"}\n";
    std::fs::write(raw.join("statements.jsonl.gz"), gz(own.as_bytes())).unwrap();
    let wh = "---\ntitle: Statement on Ghana\nsource_url: https://www.whitehouse.gov/briefing-room/statements/ghana/\ndate: '2024-03-01'\n---\nThe United States welcomes the elections in Ghana.\n";
    std::fs::write(raw.join("wh.md"), wh).unwrap();
    // A truncated archive: the lines before the damage are kept.
    let many: String = (0..4000u64).map(|i| line("FRA", 60, 2005, &format!("Statement {i} on topic {}.", i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40))).collect();
    let full = zst(many.as_bytes());
    std::fs::write(raw.join("broken.jsonl.zst"), &full[..full.len() / 2]).unwrap();

    let out = tmp.path().join("out");
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim());
    let docs = documents(&dir);

    let ben = &docs[&("ungdc.jsonl.zst".to_string(), 1)];
    assert_eq!(ben.2.as_deref(), Some("BEN"));
    assert_eq!(ben.3.as_deref(), Some("General Debate, session 77 (2022): Benin"));
    assert_eq!(ben.4, "2022-09-01");
    assert_eq!(docs[&("ungdc.jsonl.zst".to_string(), 2)].2.as_deref(), Some("SUN"));
    assert_eq!(docs[&("ungdc.jsonl.zst".to_string(), 2)].3.as_deref(), Some("General Debate, session 30 (1975): Soviet Union"));
    assert_eq!(docs[&("ungdc.jsonl.zst".to_string(), 3)].2.as_deref(), Some("RUS"));
    let pak = &docs[&("ungdc.jsonl.zst".to_string(), 4)];
    assert!(!pak.0.contains('\n'), "{}", pak.0);
    assert!(pak.0.contains("felicitations on your well-deserved election") && pak.0.ends_with("for his well-known skill."), "{}", pak.0);
    assert_eq!(docs[&("statements.jsonl.gz".to_string(), 1)].2.as_deref(), Some("EU"));
    assert_eq!(docs[&("wh.md".to_string(), 0)].2.as_deref(), Some("USA"));
    let broken = docs.keys().filter(|(p, _)| p == "broken.jsonl.zst").count();
    assert!(broken > 100 && broken < 4000, "{broken}");

    // The rejects: the bad speaker id (file, line, reason) and the damage (file, line, decompressed offset).
    let mut rejects = Vec::new();
    for b in orbita_dataset::read::table(&dir, "rejects").unwrap() {
        let c = Columns::new("rejects", &b);
        let (path, record, code, reason) = (c.str("path").unwrap(), c.i32("record").unwrap(), c.str("code").unwrap(), c.str("reason").unwrap());
        let offset = b.column_by_name("byte_offset").unwrap().as_any().downcast_ref::<arrow::array::Int64Array>().unwrap().clone();
        for i in 0..b.num_rows() {
            rejects.push((path.value(i).to_string(), record.value(i), code.value(i).to_string(), reason.value(i).to_string(), offset.value(i)));
        }
    }
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    let (path, record, code, reason, _) = &rejects[0];
    assert_eq!((path.as_str(), *record, code.as_str()), ("broken.jsonl.zst", broken as i32 + 1, "corrupt"));
    assert!(reason.contains("decompressed bytes"), "{reason}");
    let (path, record, code, reason, _) = &rejects[1];
    assert_eq!((path.as_str(), *record, code.as_str()), ("statements.jsonl.gz", 2, "metadata"));
    assert!(reason.contains("`speaker`") && reason.contains("\"eu\""), "{reason}");

    // Keeping nothing parsed between the passes (each batch parses its compressed
    // file again, up to the records it needs) gives the same tables.
    let lean = tmp.path().join("lean");
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", lean.to_str().unwrap(), "--keep-bytes", "0", "--batch-bytes", "200"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir_lean = PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim());
    let rows = |d: &Path| {
        let m: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("manifest.json")).unwrap()).unwrap();
        ["documents", "rejects", "sentences", "mentions", "stances"].map(|t| m["tables"][t]["rows"].as_u64().unwrap())
    };
    assert_eq!(rows(&dir), rows(&dir_lean));
    assert_eq!(documents(&dir), documents(&dir_lean));

    // The rules file's hash is a param of the ingest stage.
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let ingest = manifest["stages"].as_array().unwrap().iter().find(|s| s["name"] == "ingest").unwrap();
    let sha = ingest["params"]["speakers_sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);

    // A changed rule set changes the ingest key: the build parses every input again.
    let rules = tmp.path().join("speakers.toml");
    std::fs::write(&rules, std::fs::read_to_string(repo().join("data/speakers.toml")).unwrap().replace("\"USA\"", "\"US1\"")).unwrap();
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap(), "--speakers", rules.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir2 = PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim());
    assert_eq!(documents(&dir2)[&("wh.md".to_string(), 0)].2.as_deref(), Some("US1"));

    // An invalid rules file stops the build, naming the file and the line.
    std::fs::write(&rules, "[[host]]\nhost = \"a.gov\"\nspeaker = \"usa\"\n").unwrap();
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap(), "--speakers", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("speakers.toml") && err.contains("line 3"), "{err}");
}
