//! Golden test: the rows `aggregate` makes from a small hand-written set of
//! stances, rendered as a table and compared with the reviewed snapshot in
//! `tests/snapshots/`. A change here means the model's output changed:
//! review it, and bump `MODEL_VERSION` when the meaning changed.

use orbita_aggregate::{aggregate, Observation, Params};
use orbita_text::Date;

#[allow(clippy::too_many_arguments)]
fn o(doc: &str, s: u32, actor: &str, target: &str, label: i8, conf: f64, years: (Option<i32>, Option<i32>), date: (i32, u8), source: (&str, &str)) -> Observation {
    Observation {
        doc_id: doc.into(),
        sentence: s,
        actor: actor.into(),
        target: target.into(),
        label,
        confidence: conf,
        negated: false,
        hedged: false,
        year_from: years.0,
        year_to: years.1,
        doc_date: Some(Date::new(date.0, date.1, 1).unwrap()),
        source: source.0.into(),
        source_kind: source.1.into(),
        attributed_to: None,
    }
}

#[test]
fn golden_rows_of_a_small_corpus() {
    let news = ("Daily Example", "news");
    let gov = ("Ministry Bulletin", "government");
    let none = (None, None);
    let input = vec![
        // An analysis of a country that drifted away from one power.
        o("a1", 3, "XAA", "RUS", 2, 0.9, (Some(2010), Some(2014)), (2025, 10), news),
        o("a1", 7, "XAA", "RUS", -1, 0.8, none, (2025, 10), news),
        o("a1", 8, "XAA", "RUS", -1, 0.6, none, (2025, 10), news),
        // The same country's government, a year earlier.
        o("g1", 0, "XAA", "RUS", 1, 0.7, none, (2024, 3), gov),
        // A power's stance toward another country, mirrored.
        o("a1", 12, "USA", "XBB", -2, 0.8, (Some(2023), None), (2025, 10), news),
        o("g1", 4, "XBB", "USA", 0, 0.5, none, (2024, 3), gov),
    ];
    let rows = aggregate(&input, &Params::default());
    let mut out = String::from("country\ttarget\tperiod\tperspective\tscore\tlow\thigh\tlabel\tstances\tdocs\tsources\tcounts\tevidence\n");
    for r in &rows {
        let ev: Vec<String> = r.evidence.iter().map(|(d, s)| format!("{d}:{s}")).collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}\t{:?}\t{}\n",
            r.country, r.target, r.period, r.perspective, r.score, r.score_low, r.score_high, r.label, r.stances, r.documents, r.sources, r.counts, ev.join(",")
        ));
    }
    insta::assert_snapshot!(out);
}
