//! Renders a demonstration report from invented stances, without a dataset:
//! `cargo run -p orbita-report --example demo -- OUT_DIR` writes
//! `OUT_DIR/report.html` and the chart SVGs. Used to look at the page (and
//! by `tests/chromium_screenshot.sh` when no dataset report is at hand).
//!
//! The stances are made up by a fixed pseudo-random walk per country; they
//! are not readings of any real text.

use orbita_aggregate::{aggregate, Observation, Params};
use orbita_report::{render, EvidenceSentence, ReportData};
use orbita_text::Date;
use std::path::PathBuf;

/// A tiny deterministic generator (64-bit LCG), so the demo is reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: demo OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    // (country, leaning toward RUS, toward USA, toward CHN, drift per year toward RUS)
    let countries: [(&str, f64, f64, f64, f64); 14] = [
        ("ARG", 0.5, 0.5, 0.3, -0.3),
        ("BOL", 1.5, -1.0, 1.0, -0.35),
        ("BRA", 0.6, -0.3, 1.0, 0.0),
        ("CHL", -1.2, 0.8, 0.5, 0.0),
        ("COL", -0.3, 1.0, 0.2, 0.15),
        ("CUB", 1.9, -1.9, 1.5, 0.0),
        ("ECU", -0.5, 0.9, 0.4, -0.1),
        ("GTM", -0.6, 1.5, -0.5, 0.0),
        ("MEX", 0.0, 0.3, 0.4, 0.0),
        ("NIC", 1.8, -1.8, 1.2, 0.0),
        ("PER", -0.4, 0.2, 0.6, 0.0),
        ("PRY", -1.5, 1.6, -1.0, 0.0),
        ("URY", 0.0, 0.3, 0.8, 0.0),
        ("VEN", 1.9, -2.0, 1.6, 0.0),
    ];
    let sources = [("Daily Example", "news"), ("Policy Lab", "analysis"), ("Ministry Bulletin", "government")];
    let mut rng = Lcg(7);
    let mut observations = Vec::new();
    let mut sentences = Vec::new();
    let mut doc_no = 0;
    for year in 2019..=2025 {
        for (c, rus, usa, chn, drift) in countries {
            for (target, base) in [("RUS", rus + drift * f64::from(year - 2019)), ("USA", usa), ("CHN", chn)] {
                if rng.next() < 0.45 {
                    continue;
                }
                doc_no += 1;
                let doc = format!("demo{doc_no:04}");
                let (source, kind) = sources[(doc_no as usize) % sources.len()];
                let n = 1 + (rng.next() * 3.0) as u32;
                for s in 0..n {
                    let label = (base + (rng.next() - 0.5) * 1.6).round().clamp(-2.0, 2.0) as i8;
                    observations.push(Observation {
                        doc_id: doc.clone(),
                        sentence: s,
                        actor: c.into(),
                        target: target.into(),
                        label,
                        confidence: 0.5 + 0.5 * rng.next(),
                        negated: false,
                        hedged: rng.next() < 0.2,
                        year_from: None,
                        year_to: None,
                        doc_date: Some(Date::new(year, 1 + (doc_no % 12) as u8, 10)?),
                        source: source.into(),
                        source_kind: kind.into(),
                        attributed_to: None,
                    });
                    sentences.push(EvidenceSentence {
                        doc_id: doc.clone(),
                        sentence: s,
                        text: format!("(Invented demo sentence) {c} stance {label:+} toward {target} in {year}."),
                        title: format!("Demo document {doc_no}"),
                        url: format!("https://example.org/{doc}"),
                        source: source.into(),
                        stances: vec![(c.to_string(), target.to_string(), label)],
                    });
                }
            }
        }
    }
    let rows = aggregate(&observations, &Params::default());
    let report = render(&ReportData {
        title: "orbita demo report (invented data)".into(),
        subtitle: format!("{} invented stances, {} documents", observations.len(), doc_no),
        rows,
        sentences,
        ..ReportData::default()
    });
    std::fs::write(out.join("report.html"), &report.html)?;
    for (name, svg) in &report.files {
        std::fs::write(out.join(name), svg)?;
    }
    println!("{}", out.join("report.html").display());
    Ok(())
}
