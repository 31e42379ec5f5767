//! Official speech: speakers from every metadata source and from the rules,
//! the UN General Debate field mapping, and compressed inputs (streamed,
//! damaged, filtered by record).

#[path = "common/compress.rs"]
mod compress;

use compress::{gz, zst};
use orbita_ingest::{parse, parse_each, parse_with, Input, Limits, Parsed, Reject, RejectCode, SpeakerRules};
use std::collections::BTreeSet;

const RULES: &str = include_str!("fixtures/speakers.toml");

const UNGDC_SIDECAR: &[u8] = b"source: UN General Debate Corpus
source_kind: statement
language: en
speaker_field: country_iso3
title_template: \"General Debate, session {session} ({year}): {speaker_name}\"
date_from_template: \"{year}-09-01\"
date_to_template: \"{year}-12-31\"
";

fn rules() -> SpeakerRules {
    SpeakerRules::parse(RULES).unwrap()
}

fn ungdc_line(iso3: &str, session: u32, year: u32, text: &str) -> String {
    format!("{{\"country_iso3\": \"{iso3}\", \"session\": {session}, \"year\": {year}, \"text\": \"{text}\", \"source_path\": \"TXT/{iso3}_{session}_{year}.txt\"}}\n")
}

fn ok(r: &Result<Parsed, Reject>) -> &Parsed {
    r.as_ref().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn speaker_from_jsonl_front_matter_and_sidecar() {
    let out = parse(&Input { path: "a.jsonl", bytes: b"{\"text\": \"We agree.\", \"speaker\": \"EU\"}\n", sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker.as_deref(), Some("EU"));
    let md = b"---\ntitle: Statement\nspeaker: GBR\n---\nWe agree.\n";
    let out = parse(&Input { path: "a.md", bytes: md, sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker.as_deref(), Some("GBR"));
    // The sidecar overrides the front matter.
    let out = parse(&Input { path: "a.md", bytes: md, sidecar: Some(b"speaker: FRA\n") }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker.as_deref(), Some("FRA"));
    let out = parse(&Input { path: "a.txt", bytes: b"We agree.", sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker, None);
}

#[test]
fn bad_speaker_values_are_rejected_with_line_and_reason() {
    let data = b"{\"text\": \"Fine.\", \"speaker\": \"USA\"}\n{\"text\": \"Bad.\", \"speaker\": \"usa\"}\n{\"text\": \"Bad.\", \"speaker\": 12}\n";
    let out = parse(&Input { path: "a.jsonl", bytes: data, sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker.as_deref(), Some("USA"));
    let r = out[1].as_ref().unwrap_err();
    assert_eq!((r.record, r.code), (2, RejectCode::Metadata));
    assert!(r.message.contains("`speaker`") && r.message.contains("\"usa\"") && r.message.contains("upper-case"), "{}", r.message);
    assert_eq!(out[2].as_ref().unwrap_err().record, 3);
    let out = parse(&Input { path: "a.md", bytes: b"---\nspeaker: United States\n---\nText.\n", sidecar: None }, &Limits::default());
    let r = out[0].as_ref().unwrap_err();
    assert!(r.message.starts_with("front matter field `speaker`"), "{}", r.message);
}

#[test]
fn host_rule_gives_white_house_documents_their_speaker() {
    let md = b"---\ntitle: Statement\nsource_url: https://www.whitehouse.gov/briefing-room/statements/x/\n---\nText.\n";
    let out = parse_with(&Input { path: "a.md", bytes: md, sidecar: None }, &Limits::default(), &rules());
    assert_eq!(ok(&out[0]).meta.speaker.as_deref(), Some("USA"));
    // Without the rules there is no speaker.
    let out = parse(&Input { path: "a.md", bytes: md, sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).meta.speaker, None);
}

#[test]
fn un_general_debate_lines_map_to_speaker_title_and_dates() {
    let data = [
        ungdc_line("BEN", 77, 2022, "We, the people of Benin, stand ready."),
        ungdc_line("RUS", 30, 1975, "The Soviet Union proposes detente."),
        ungdc_line("RUS", 77, 2022, "Russia states its view."),
        ungdc_line("ZZZ", 77, 2022, "No name is listed for this delegation."),
    ]
    .concat();
    for (path, bytes) in [("ungdc.jsonl.zst", zst(data.as_bytes())), ("ungdc.jsonl.gz", gz(data.as_bytes())), ("ungdc.jsonl", data.clone().into_bytes())] {
        let out = parse_with(&Input { path, bytes: &bytes, sidecar: Some(UNGDC_SIDECAR) }, &Limits::default(), &rules());
        assert_eq!(out.len(), 4, "{path}");
        let ben = ok(&out[0]);
        assert_eq!(ben.meta.speaker.as_deref(), Some("BEN"));
        assert_eq!(ben.meta.title.as_deref(), Some("General Debate, session 77 (2022): Benin"));
        assert_eq!(ben.meta.source.as_deref(), Some("UN General Debate Corpus"));
        assert_eq!(ben.meta.source_kind.as_deref(), Some("statement"));
        assert_eq!((ben.meta.date_from.unwrap().to_string(), ben.meta.date_to.unwrap().to_string()), ("2022-09-01".into(), "2022-12-31".into()));
        assert_eq!(ben.record, 1);
        // The USSR is filed under RUS until 1991: remapped, and the title names it.
        let ussr = ok(&out[1]);
        assert_eq!(ussr.meta.speaker.as_deref(), Some("SUN"));
        assert_eq!(ussr.meta.title.as_deref(), Some("General Debate, session 30 (1975): Soviet Union"));
        assert_eq!(ok(&out[2]).meta.speaker.as_deref(), Some("RUS"));
        assert_eq!(ok(&out[3]).meta.title.as_deref(), Some("General Debate, session 77 (2022): ZZZ"));
    }
}

#[test]
fn a_template_field_the_line_lacks_is_a_reject() {
    let data = b"{\"country_iso3\": \"BEN\", \"session\": 77, \"text\": \"No year.\"}\n";
    let out = parse_with(&Input { path: "u.jsonl", bytes: data, sidecar: Some(UNGDC_SIDECAR) }, &Limits::default(), &rules());
    let r = out[0].as_ref().unwrap_err();
    assert_eq!((r.record, r.code), (1, RejectCode::Metadata));
    assert!(r.message.contains("{year}"), "{}", r.message);
    // The mapping is for JSON Lines only.
    let out = parse(&Input { path: "a.txt", bytes: b"Text.", sidecar: Some(UNGDC_SIDECAR) }, &Limits::default());
    assert_eq!(out[0].as_ref().unwrap_err().code, RejectCode::Metadata);
}

#[test]
fn truncated_archive_keeps_the_records_before_the_damage() {
    // Varied lines, so that zstd and gzip hand out data before the cut.
    let data: String = (0..3000u64)
        .map(|i| ungdc_line("BEN", 77, 2022, &format!("Statement {i} about {} matters.", i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20)))
        .collect();
    for (path, full) in [("u.jsonl.zst", zst(data.as_bytes())), ("u.jsonl.gz", gz(data.as_bytes()))] {
        let cut = &full[..full.len() * 2 / 3];
        let out = parse_with(&Input { path, bytes: cut, sidecar: Some(UNGDC_SIDECAR) }, &Limits::default(), &rules());
        let (docs, rejects): (Vec<_>, Vec<_>) = out.iter().partition(|r| r.is_ok());
        assert!(docs.len() > 100 && docs.len() < 3000, "{path}: {}", docs.len());
        assert_eq!(rejects.len(), 1, "{path}");
        let r = rejects[0].as_ref().unwrap_err();
        assert_eq!(r.code, RejectCode::Corrupt);
        assert_eq!(r.record as usize, docs.len() + 1);
        assert!(r.message.contains("decompressed bytes") && r.message.contains(if path.ends_with("zst") { "zstd" } else { "gzip" }), "{}", r.message);
        assert!(r.byte_offset.unwrap() > 0);
    }
}

#[test]
fn compressed_text_and_markdown_documents() {
    let txt = b"Bogota recalled its ambassador.\nMoscow replied.";
    let out = parse(&Input { path: "a.txt.gz", bytes: &gz(txt), sidecar: None }, &Limits::default());
    let plain = parse(&Input { path: "a.txt", bytes: txt, sidecar: None }, &Limits::default());
    assert_eq!(ok(&out[0]).text, ok(&plain[0]).text);
    let md = b"---\ntitle: T\nspeaker: COL\n---\n# T\n\nThe *minister* spoke.\n";
    let out = parse(&Input { path: "a.md.zst", bytes: &zst(md), sidecar: None }, &Limits::default());
    let d = ok(&out[0]);
    assert_eq!((d.text.as_str(), d.meta.speaker.as_deref()), ("T\n\nThe minister spoke.", Some("COL")));
    // Larger than the document limit once decompressed.
    let out = parse(&Input { path: "a.txt.gz", bytes: &gz(&[b'a'; 5000]), sidecar: None }, &Limits { max_document_bytes: 4096 });
    assert_eq!(out[0].as_ref().unwrap_err().code, RejectCode::TooLarge);
    // Not compressed data at all.
    let out = parse(&Input { path: "a.txt.gz", bytes: txt, sidecar: None }, &Limits::default());
    assert_eq!(out[0].as_ref().unwrap_err().code, RejectCode::Corrupt);
}

#[test]
fn compressed_jsonl_rejects_bad_lines_alone() {
    let data = b"\xEF\xBB\xBF{\"text\": \"One.\"}\n{\"text\": \"caf\xe9\"}\n\n{\"text\": oops}\n{\"text\": \"Five.\"}";
    let out = parse(&Input { path: "a.jsonl.zst", bytes: &zst(data), sidecar: None }, &Limits::default());
    assert_eq!(out.len(), 4);
    assert_eq!((ok(&out[0]).text.as_str(), ok(&out[0]).encoding), ("One.", "utf-8-bom"));
    let r = out[1].as_ref().unwrap_err();
    // Line 2 starts after the BOM and line 1 (3 + 17 bytes); the bad byte is its 14th.
    assert_eq!((r.record, r.code, r.byte_offset), (2, RejectCode::Encoding, Some(20 + 13)));
    let r = out[2].as_ref().unwrap_err();
    assert_eq!((r.record, r.code), (4, RejectCode::Json));
    assert_eq!((ok(&out[3]).record, ok(&out[3]).text.as_str()), (5, "Five."));
    let out = parse(&Input { path: "a.jsonl.gz", bytes: &gz(b"\n \n"), sidecar: None }, &Limits::default());
    assert_eq!(out[0].as_ref().unwrap_err().code, RejectCode::Empty);
}

#[test]
fn wanted_records_only() {
    let data: String = (1..=50).map(|i| format!("{{\"text\": \"Record {i}.\"}}\n")).collect();
    let wanted: BTreeSet<u32> = [3, 17, 40].into();
    for (path, bytes) in [("a.jsonl.zst", zst(data.as_bytes())), ("a.jsonl", data.clone().into_bytes())] {
        let mut got = Vec::new();
        parse_each(&Input { path, bytes: &bytes, sidecar: None }, &Limits::default(), &SpeakerRules::default(), Some(&wanted), &mut |r| {
            got.push(r.unwrap().record)
        });
        assert_eq!(got, [3, 17, 40], "{path}");
    }
}
