//! split → link → label on the two seed articles (data/raw), with the knowledge base in data/kb:
//! the issue's examples, in their real context.

mod common;

use orbita_stance::{DocView, Labeller};
use orbita_text::{Date, StanceRecord};

fn kb_files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/kb");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    names.iter().map(|n| (n.clone(), std::fs::read_to_string(format!("{dir}/{n}")).unwrap())).collect()
}

/// (sentence text, record) for every stance of a seed.
fn seed(file: &str, date: &str) -> Vec<(String, StanceRecord)> {
    let text = std::fs::read_to_string(format!("{}/../../data/raw/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let files = kb_files();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    let kb = orbita_link::Kb::parse(&refs).unwrap();
    let linker = orbita_link::Linker::new(&kb);
    let sentences = orbita_split::split(&text);
    let date = Some(Date::parse(date).unwrap());
    let mentions = linker.link(&text, &sentences, date);
    let recs = common::labeller().label(&DocView { text: &text, sentences: &sentences, mentions: &mentions, date, speaker: None });
    recs.into_iter().map(|r| (text[sentences[r.sentence].clone()].to_string(), r)).collect()
}

fn find<'a>(recs: &'a [(String, StanceRecord)], sentence: &str, actor: &str, target: &str) -> Vec<&'a StanceRecord> {
    recs.iter().filter(|(s, r)| s.contains(sentence) && r.actor == actor && r.target == target).map(|(_, r)| r).collect()
}

#[test]
fn toutiao_seed_reads_the_issue_examples() {
    let r = seed("002_14ed5e0fda857643.txt", "2025-10-16");
    for c in ["CUB", "VEN", "NIC"] {
        assert_eq!(find(&r, "undeniable allies in Latin America", c, "RUS")[0].label, 2);
    }
    for c in ["CHL", "PAN", "PRY"] {
        let camp = find(&r, "Opposing this camp", c, "RUS");
        assert!(camp.iter().any(|r| r.label == -2), "{c}: {camp:?}");
        assert!(find(&r, "Opposing this camp", c, "USA").iter().all(|r| r.label > 0));
    }
    let col = find(&r, "current stance toward Russia is neutral", "COL", "RUS");
    assert_eq!((col.len(), col[0].label, col[0].year_from), (1, 0, None));
    let arg = find(&r, "transformed from a former friend", "ARG", "RUS");
    assert!(arg.iter().any(|r| r.label == 1 && r.year_to == Some(2024)), "{arg:?}");
    assert!(arg.iter().any(|r| r.label == -1 && r.year_to.is_none()), "{arg:?}");
    let mex = find(&r, "refuses to impose sanctions on Russia", "MEX", "RUS");
    assert!(mex.iter().all(|r| r.label == 0 && r.negated) && !mex.is_empty(), "{mex:?}");
    let bra = find(&r, "Brazil did not join the sanctions", "BRA", "RUS");
    assert!(bra.iter().all(|r| r.label >= 0) && !bra.is_empty(), "{bra:?}");
    for c in ["SLV", "HND"] {
        let n = find(&r, "tend to remain neutral", c, "RUS");
        assert!(n.len() == 1 && n[0].label == 0 && n[0].hedged, "{c}: {n:?}");
    }
    let ecu = find(&r, "During Rafael Correa's presidency", "ECU", "RUS");
    assert!(ecu.iter().all(|r| (r.year_from, r.year_to) == (Some(2007), Some(2017))) && !ecu.is_empty(), "{ecu:?}");
}

#[test]
fn izvestia_seed_reads_the_issue_examples() {
    let r = seed("000_855b9c7a585e738b.txt", "2025-11-17");
    for c in ["CUB", "NIC", "VEN", "COL"] {
        let rows = find(&r, "CNN has added the republic", c, "USA");
        assert!(rows.len() == 1 && rows[0].label == -2, "{c}: {rows:?}");
        assert_eq!(rows[0].attributed_to.as_deref(), Some("CNN"));
    }
    for c in ["BRA", "HND", "MEX", "CHL", "URY"] {
        let rows = find(&r, "The publication counts", c, "USA");
        assert!(rows.len() == 1 && rows[0].label == -1, "{c}: {rows:?}");
        assert_eq!(rows[0].attributed_to.as_deref(), Some("CNN"), "the publication is CNN");
    }
    for c in ["ARG", "GTM", "CRI", "PAN", "PRY", "SLV", "ECU"] {
        assert_eq!(find(&r, "unconditional allies", c, "USA")[0].label, 2, "{c}");
    }
    assert_eq!(find(&r, "recent addition of Bolivia", "BOL", "USA")[0].label, 1);
    let col = find(&r, "CNN has already included the republic", "COL", "USA");
    assert_eq!(col[0].label, -2, "the republic is Colombia");
}
