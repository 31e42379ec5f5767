//! A synthetic world-scale alignment table: every country of the report's
//! world grid plus historical states (USSR, Yugoslavia, Czechoslovakia, East
//! Germany, South Yemen) and the EU, toward six powers, per year 1946–2024
//! and `current`, with one cited sentence per row. Invented by a fixed
//! pseudo-random walk: not a reading of any text. Shared by the `world`
//! example and the crate's world-scale tests (included with `#[path]`).

use orbita_aggregate::AlignmentRow;
use orbita_report::{EvidenceSentence, ReportData};

/// The powers of the synthetic table.
pub const WORLD_TARGETS: [&str; 6] = ["RUS", "USA", "CHN", "GBR", "FRA", "IND"];
/// First and last year of the synthetic table.
pub const WORLD_YEARS: (i32, i32) = (1946, 2024);

/// A tiny deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The ids of the world grid (column `world` of the report's country table)
/// and the historical states with their last year.
fn members() -> Vec<(String, i32, i32)> {
    let table = include_str!("../../data/countries.tsv");
    let mut out: Vec<(String, i32, i32)> = Vec::new();
    let mut rng = Lcg(11);
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() == 5 && f[4] == "1" {
            // Some states enter later (independence), as in the General Debate.
            let from = if rng.next() < 0.4 { 1946 + (rng.next() * 48.0) as i32 } else { 1946 };
            out.push((f[0].to_string(), from, WORLD_YEARS.1));
        }
    }
    for (id, from, to) in [("SUN", 1946, 1991), ("YUG", 1946, 1991), ("CSK", 1946, 1992), ("DDR", 1973, 1990), ("YMD", 1967, 1989), ("EU", 2011, 2024)] {
        out.push((id.to_string(), from, to));
    }
    out
}

/// The synthetic table and its evidence sentences.
pub fn world_data() -> ReportData {
    let mut rng = Lcg(2024);
    let mut rows = Vec::new();
    let mut sentences = Vec::new();
    for (c, from, to) in members() {
        for (k, t) in WORLD_TARGETS.iter().enumerate() {
            if c == *t {
                continue;
            }
            let mut level = (rng.next() - 0.5) * 3.0;
            let drift = (rng.next() - 0.5) * 0.08;
            let mut last = None;
            for year in from..=to {
                level = (level + drift + (rng.next() - 0.5) * 0.5).clamp(-1.9, 1.9);
                if rng.next() < 0.15 {
                    continue; // no speech that year, or no stance toward this power
                }
                let docs = 1 + (rng.next() * 4.0) as u32;
                let half = 1.2 / f64::from(docs).sqrt();
                let doc = format!("ungd-{c}-{year}");
                let sentence = k as u32;
                let row = AlignmentRow {
                    country: c.clone(),
                    target: t.to_string(),
                    period: year.to_string(),
                    perspective: "all".into(),
                    year: Some(year),
                    score: level,
                    score_low: (level - half).max(-2.0),
                    score_high: (level + half).min(2.0),
                    label: level.round() as i8,
                    stances: docs * 2,
                    documents: docs,
                    sources: 1,
                    indirect: 0,
                    counts: [0, 0, docs, docs, 0],
                    evidence: vec![(doc.clone(), sentence)],
                };
                sentences.push(EvidenceSentence {
                    doc_id: doc.clone(),
                    sentence,
                    text: format!("(Synthetic sentence) The delegation of {c} speaks of {t} in {year} with a stance of {level:+.1}."),
                    title: format!("General Debate {year}: {c}"),
                    url: String::new(),
                    source: "Synthetic General Debate".into(),
                    stances: Vec::new(),
                });
                last = Some(row.clone());
                rows.push(row);
            }
            if let Some(mut cur) = last {
                cur.period = "current".into();
                cur.year = None;
                rows.push(cur.clone());
                cur.perspective = "source:Synthetic General Debate".into();
                rows.push(cur);
            }
        }
    }
    ReportData {
        title: "Synthetic world (invented data)".into(),
        subtitle: format!("{} alignment rows, {} evidence sentences", rows.len(), sentences.len()),
        rows,
        sentences,
        names: [("SUN", "Soviet Union"), ("YUG", "Yugoslavia"), ("CSK", "Czechoslovakia"), ("DDR", "East Germany"), ("YMD", "South Yemen"), ("EU", "European Union")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    }
}
