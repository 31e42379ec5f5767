//! Test helpers: the real lexicon, a tiny gazetteer that builds mentions, and a naive splitter.
//!
//! The gazetteer stands in for orbita-link in unit-level tests so that each
//! test controls exactly which mentions the labeller sees.

#![allow(dead_code)]

use orbita_stance::{DocView, Labeller, RuleLabeller};
use orbita_text::{Date, EntityKind, LinkMethod, Mention, StanceRecord};
use std::ops::Range;

/// Loads every lexicon file from data/lexicon, sorted by name (as the table layer does).
pub fn labeller() -> RuleLabeller {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lexicon");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv") || n.ends_with(".csv") || n.ends_with(".toml"))
        .collect();
    names.sort();
    let contents: Vec<(String, String)> =
        names.iter().map(|n| (n.clone(), std::fs::read_to_string(format!("{dir}/{n}")).unwrap())).collect();
    let files: Vec<(&str, &str)> = contents.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    RuleLabeller::from_files(&files).unwrap()
}

const GAZ: &[(&str, &str, EntityKind, Option<&str>)] = &[
    ("the Russian Federation", "RUS", EntityKind::Country, Some("RUS")),
    ("Russia", "RUS", EntityKind::Country, Some("RUS")),
    ("Russian", "RUS", EntityKind::Demonym, Some("RUS")),
    ("Moscow", "RUS", EntityKind::Capital, Some("RUS")),
    ("the Kremlin", "RUS", EntityKind::Metonym, Some("RUS")),
    ("the United States", "USA", EntityKind::Country, Some("USA")),
    ("the U.S.", "USA", EntityKind::Country, Some("USA")),
    ("U.S.", "USA", EntityKind::Country, Some("USA")),
    ("Washington", "USA", EntityKind::Capital, Some("USA")),
    ("the White House", "USA", EntityKind::Metonym, Some("USA")),
    ("American", "USA", EntityKind::Demonym, Some("USA")),
    ("China", "CHN", EntityKind::Country, Some("CHN")),
    ("Beijing", "CHN", EntityKind::Capital, Some("CHN")),
    ("Cuba", "CUB", EntityKind::Country, Some("CUB")),
    ("Havana", "CUB", EntityKind::Capital, Some("CUB")),
    ("Venezuela", "VEN", EntityKind::Country, Some("VEN")),
    ("Caracas", "VEN", EntityKind::Capital, Some("VEN")),
    ("Nicaragua", "NIC", EntityKind::Country, Some("NIC")),
    ("Managua", "NIC", EntityKind::Capital, Some("NIC")),
    ("Chile", "CHL", EntityKind::Country, Some("CHL")),
    ("Venezuelan", "VEN", EntityKind::Demonym, Some("VEN")),
    ("Cuban", "CUB", EntityKind::Demonym, Some("CUB")),
    ("Maduro", "leader:maduro", EntityKind::Leader, Some("VEN")),
    ("Panama", "PAN", EntityKind::Country, Some("PAN")),
    ("Paraguay", "PRY", EntityKind::Country, Some("PRY")),
    ("Asuncion", "PRY", EntityKind::Capital, Some("PRY")),
    ("Colombia", "COL", EntityKind::Country, Some("COL")),
    ("Colombian", "COL", EntityKind::Demonym, Some("COL")),
    ("Bogota", "COL", EntityKind::Capital, Some("COL")),
    ("Gustavo Petro", "leader:petro", EntityKind::Leader, Some("COL")),
    ("Petro", "leader:petro", EntityKind::Leader, Some("COL")),
    ("Argentina", "ARG", EntityKind::Country, Some("ARG")),
    ("Buenos Aires", "ARG", EntityKind::Capital, Some("ARG")),
    ("Mexico", "MEX", EntityKind::Country, Some("MEX")),
    ("Brazil", "BRA", EntityKind::Country, Some("BRA")),
    ("Brasilia", "BRA", EntityKind::Capital, Some("BRA")),
    ("El Salvador", "SLV", EntityKind::Country, Some("SLV")),
    ("Honduras", "HND", EntityKind::Country, Some("HND")),
    ("Guatemala", "GTM", EntityKind::Country, Some("GTM")),
    ("Costa Rica", "CRI", EntityKind::Country, Some("CRI")),
    ("Bolivia", "BOL", EntityKind::Country, Some("BOL")),
    ("Ecuador", "ECU", EntityKind::Country, Some("ECU")),
    ("Peru", "PER", EntityKind::Country, Some("PER")),
    ("Uruguay", "URY", EntityKind::Country, Some("URY")),
    ("Japan", "JPN", EntityKind::Country, Some("JPN")),
    ("Tokyo", "JPN", EntityKind::Capital, Some("JPN")),
    ("Ukraine", "UKR", EntityKind::Country, Some("UKR")),
    ("Ukrainian", "UKR", EntityKind::Demonym, Some("UKR")),
    ("Iran", "IRN", EntityKind::Country, Some("IRN")),
    ("Tehran", "IRN", EntityKind::Capital, Some("IRN")),
    ("Syria", "SYR", EntityKind::Country, Some("SYR")),
    ("Belarus", "BLR", EntityKind::Country, Some("BLR")),
    ("Minsk", "BLR", EntityKind::Capital, Some("BLR")),
    ("Serbia", "SRB", EntityKind::Country, Some("SRB")),
    ("India", "IND", EntityKind::Country, Some("IND")),
    ("Poland", "POL", EntityKind::Country, Some("POL")),
    ("Hungary", "HUN", EntityKind::Country, Some("HUN")),
    ("Israel", "ISR", EntityKind::Country, Some("ISR")),
    ("NATO", "NATO", EntityKind::Organisation, None),
    ("BRICS", "BRICS", EntityKind::Organisation, None),
];

/// Naive sentence ranges: a boundary after . ! ? followed by a space and an upper-case letter,
/// unless the period ends "U.S." or "Mr.".
pub fn split(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') && i + 2 < b.len() && b[i + 1] == b' ' && (b[i + 2] as char).is_ascii_uppercase() {
            let abbrev = text[..=i].ends_with("U.S.") || text[..=i].ends_with("Mr.");
            if !abbrev {
                out.push(start..i + 1);
                start = i + 2;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Mentions of gazetteer surfaces (longest first, on word boundaries).
pub fn mentions(text: &str, sentences: &[Range<usize>]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut taken = vec![false; text.len()];
    let mut gaz: Vec<_> = GAZ.to_vec();
    gaz.sort_by_key(|g| std::cmp::Reverse(g.0.len()));
    for (surface, id, kind, country) in gaz {
        let mut from = 0;
        while let Some(p) = text[from..].find(surface) {
            let s = from + p;
            let e = s + surface.len();
            from = s + 1;
            let before_ok = s == 0 || !text[..s].chars().next_back().unwrap().is_alphanumeric();
            let after_ok = e == text.len() || !text[e..].chars().next().unwrap().is_alphanumeric();
            if !before_ok || !after_ok || taken[s..e].iter().any(|t| *t) {
                continue;
            }
            taken[s..e].iter_mut().for_each(|t| *t = true);
            let sentence = sentences.iter().position(|r| r.start <= s && e <= r.end).unwrap_or(0);
            out.push(Mention {
                sentence,
                span: s..e,
                surface: surface.into(),
                entity_id: id.into(),
                kind,
                country: country.map(String::from),
                method: LinkMethod::Exact,
                confidence: 1.0,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// Labels a text with the naive splitter and the gazetteer.
pub fn label(text: &str, date: Option<&str>) -> Vec<StanceRecord> {
    let sentences = split(text);
    let ms = mentions(text, &sentences);
    let doc = DocView { text, sentences: &sentences, mentions: &ms, date: date.map(|d| Date::parse(d).unwrap()), speaker: None };
    labeller().label(&doc)
}

/// Labels a text as [`label`] does, as the statement of `speaker` (None: no speaker known).
pub fn docview_label(text: &str, speaker: Option<&str>) -> Vec<StanceRecord> {
    let sentences = split(text);
    let ms = mentions(text, &sentences);
    let doc = DocView { text, sentences: &sentences, mentions: &ms, date: Some(Date::parse("2022-09-20").unwrap()), speaker };
    labeller().label(&doc)
}

/// The records of the last sentence for (actor, target).
pub fn last_sentence(recs: &[StanceRecord]) -> Vec<StanceRecord> {
    let last = recs.iter().map(|r| r.sentence).max().unwrap_or(0);
    recs.iter().filter(|r| r.sentence == last).cloned().collect()
}

/// (actor, target, label) triples, for compact assertions.
pub fn triples(recs: &[StanceRecord]) -> Vec<(String, String, i8)> {
    recs.iter().map(|r| (r.actor.clone(), r.target.clone(), r.label)).collect()
}

/// Finds the one record for (actor, target); panics with all records otherwise.
pub fn one<'a>(recs: &'a [StanceRecord], actor: &str, target: &str) -> &'a StanceRecord {
    let found: Vec<&StanceRecord> = recs.iter().filter(|r| r.actor == actor && r.target == target).collect();
    assert_eq!(found.len(), 1, "expected one {actor}->{target} record in {:#?}", triples(recs));
    found[0]
}

/// Asserts there is no record for (actor, target).
pub fn none(recs: &[StanceRecord], actor: &str, target: &str) {
    assert!(!recs.iter().any(|r| r.actor == actor && r.target == target), "unexpected {actor}->{target} in {:#?}", triples(recs));
}
