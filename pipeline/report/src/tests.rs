//! Unit tests of the rendered page on a small hand-made dataset.

use super::*;

fn row(country: &str, target: &str, year: Option<i32>, score: f64, evidence: &[(&str, u32)]) -> AlignmentRow {
    AlignmentRow {
        country: country.into(),
        target: target.into(),
        period: year.map_or_else(|| "current".to_string(), |y| y.to_string()),
        perspective: "all".into(),
        year,
        score,
        score_low: (score - 0.8).max(-2.0),
        score_high: (score + 0.8).min(2.0),
        label: score.round() as i8,
        stances: 2,
        documents: 1,
        sources: 1,
        counts: [0, 0, 1, 0, 1],
        evidence: evidence.iter().map(|(d, s)| (d.to_string(), *s)).collect(),
    }
}

fn sentence(doc: &str, s: u32, text: &str) -> EvidenceSentence {
    EvidenceSentence {
        doc_id: doc.into(),
        sentence: s,
        text: text.into(),
        title: format!("Title of {doc}"),
        url: format!("https://example.org/{doc}?a=1&b=2"),
        source: "Example Daily".into(),
    }
}

fn fixture() -> ReportData {
    let mut rows = vec![
        row("CUB", "RUS", None, 1.8, &[("d1", 2)]),
        row("CUB", "RUS", Some(2025), 1.8, &[("d1", 2)]),
        row("ARG", "RUS", None, -0.9, &[("d1", 7)]),
        row("ARG", "RUS", Some(2019), 1.1, &[("d1", 6)]),
        row("ARG", "RUS", Some(2025), -0.9, &[("d1", 7)]),
        row("CHL", "RUS", None, -1.5, &[("d1", 9)]),
        row("ARG", "USA", None, 1.6, &[("d2", 1)]),
        row("ARG", "USA", Some(2025), 1.6, &[("d2", 1)]),
        row("NATO", "RUS", None, -2.0, &[]),
    ];
    let mut gov = row("ARG", "USA", None, 1.9, &[("d2", 1)]);
    gov.perspective = "source_kind:government".into();
    rows.push(gov);
    ReportData {
        title: "Test corpus".into(),
        subtitle: "dataset abc123".into(),
        rows,
        sentences: vec![
            sentence("d1", 2, "Cuba remains Russia's most loyal ally."),
            sentence("d1", 6, "Argentina was a friend of Russia <before>."),
            sentence("d1", 7, "Argentina now leans against Russia."),
            sentence("d2", 1, "Argentina is an unconditional ally of the United States."),
            sentence("d9", 0, "Never cited."),
        ],
        names: BTreeMap::from([("NATO".to_string(), "NATO".to_string())]),
    }
}

#[test]
fn page_has_every_section_a_reader_needs() {
    let r = render(&fixture());
    let h = &r.html;
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("<h1>Test corpus</h1>") && h.contains("dataset abc123"));
    // Overview grid, one section per power with ranked chart and map.
    assert!(h.contains("id=\"overview\""));
    assert!(h.contains("id=\"t-RUS\"") && h.contains("id=\"t-USA\""));
    assert!(!h.contains("id=\"t-CHN\""), "no rows toward China: no section");
    assert!(h.contains("Alignment with Russia: countries ranked by current score"));
    assert!(h.contains("class=\"tile data\""));
    // Per country: timeline and evidence table, linked to the document.
    assert!(h.contains("id=\"c-ARG\"") && h.contains("Argentina: alignment by year"));
    assert!(h.contains("Argentina now leans against Russia."));
    assert!(h.contains("<a href=\"https://example.org/d2?a=1&amp;b=2\">Title of d2</a>"));
    assert!(h.contains("source_kind:government"));
    assert!(!h.contains("Never cited."));
    // The bloc has no tile: listed under the map instead.
    assert!(h.contains("Not on the map: NATO (\u{2212}2.00)"));
}

#[test]
fn ranked_chart_orders_countries_by_score() {
    let r = render(&fixture());
    let (_, svg) = r.files.iter().find(|(n, _)| n == "ranked_RUS.svg").unwrap();
    let pos = |name: &str| svg.find(&format!(">{name}</text>")).unwrap_or_else(|| panic!("{name} missing"));
    assert!(pos("Cuba") < pos("Argentina") && pos("Argentina") < pos("Chile") && pos("Chile") < pos("NATO"));
    assert_eq!(svg.matches("class=\"score-dot\"").count(), 4);
}

#[test]
fn evidence_text_is_escaped() {
    // Regression: sentence text is data, never markup ("<before>" once opened a tag).
    let r = render(&fixture());
    assert!(r.html.contains("friend of Russia &lt;before&gt;."));
    assert!(!r.html.contains("<before>"));
}

#[test]
fn page_loads_nothing_from_the_network() {
    let h = render(&fixture()).html;
    for needle in ["<link", "<img", "src=", "@import", "url(", "fetch(", "XMLHttpRequest", "WebSocket", "import("] {
        assert!(!h.contains(needle), "found {needle}");
    }
    // Scripts: only the explorer's inline data block and inline code, nothing referenced.
    let tags: Vec<&str> = h.match_indices("<script").map(|(i, _)| &h[i..i + h[i..].find('>').unwrap() + 1]).collect();
    assert_eq!(tags, vec!["<script type=\"application/json\" id=\"x-data\">", "<script>"]);
    // The only http(s) URLs are the SVG namespace and document links.
    for (i, _) in h.match_indices("http") {
        let before = &h[i.saturating_sub(7)..i];
        assert!(before.ends_with("href=\"") || before.ends_with("xmlns=\""), "stray URL at {i}: {}", &h[i..i + 40]);
    }
}

#[test]
fn files_hold_the_main_charts_and_timelines_that_change() {
    let r = render(&fixture());
    let names: Vec<&str> = r.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec!["legend.svg", "map_RUS.svg", "map_USA.svg", "overview.svg", "ranked_RUS.svg", "ranked_USA.svg", "timeline_ARG.svg"]
    );
    assert!(r.files.iter().all(|(_, s)| s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && s.ends_with("</svg>\n")));
}

#[test]
fn output_does_not_depend_on_input_order() {
    let a = render(&fixture());
    let mut shuffled = fixture();
    shuffled.rows.reverse();
    shuffled.sentences.reverse();
    assert_eq!(a, render(&shuffled));
}

#[test]
fn empty_data_still_renders_a_page() {
    let r = render(&ReportData::default());
    assert!(r.html.contains("nothing to chart") && r.html.ends_with("</html>\n"));
    assert_eq!(r.files.len(), 1);
}

#[test]
fn long_names_are_cut_in_chart_labels_but_kept_in_tooltips() {
    // Regression: "Democratic Republic of the Congo" ran off the left edge of the charts.
    let mut data = fixture();
    data.names.insert("CUB".into(), "The Very Long Official Name of Cuba Island".into());
    let r = render(&data);
    let (_, svg) = r.files.iter().find(|(n, _)| n == "ranked_RUS.svg").unwrap();
    assert!(svg.contains(">The Very Long Official Na…</text>"));
    assert!(svg.contains("<title>The Very Long Official Name of Cuba Island: "));
}
