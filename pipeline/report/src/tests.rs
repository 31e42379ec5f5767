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
        indirect: 0,
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
        stances: Vec::new(),
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
fn a_sentence_read_indirectly_says_which_stance_it_was_read_from() {
    let mut data = fixture();
    for e in &mut data.sentences {
        e.stances = match (e.doc_id.as_str(), e.sentence) {
            // Cuba's own stance toward Russia: no mark.
            ("d1", 2) => vec![("CUB".into(), "RUS".into(), 2)],
            // Russia's stance toward Chile, mirrored into Chile's row toward Russia.
            ("d1", 9) => vec![("RUS".into(), "CHL".into(), -1)],
            // Argentina's stance toward the United States' adversary, read toward the United States.
            ("d2", 1) => vec![("ARG".into(), "CUB".into(), -1)],
            _ => Vec::new(),
        };
    }
    data.sentences.push(sentence("d1", 9, "Russia warned Chile."));
    data.sentences.last_mut().unwrap().stances = vec![("RUS".into(), "CHL".into(), -1)];
    let h = render(&data).html;
    let marks: Vec<&str> = h.match_indices("read indirectly, from").map(|(i, _)| &h[i..i + h[i..].find("</span>").unwrap()]).collect();
    assert!(marks.contains(&"read indirectly, from Russia → Chile −1"), "{marks:?}");
    assert!(marks.contains(&"read indirectly, from Argentina → Cuba −1"), "{marks:?}");
    assert!(!marks.iter().any(|m| m.contains("Cuba → Russia")), "{marks:?}");
    // Unknown stances (an older reader's data): no mark at all.
    assert!(!render(&fixture()).html.contains("read indirectly, from"));
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

#[path = "../examples/common/world.rs"]
mod world;

/// The synthetic world-scale table, rendered once for the tests below.
fn world_report() -> &'static (ReportData, Report) {
    static ONCE: std::sync::OnceLock<(ReportData, Report)> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let data = world::world_data();
        let report = render(&data);
        (data, report)
    })
}

fn file<'a>(r: &'a Report, name: &str) -> &'a str {
    &r.files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

#[test]
fn world_scale_page_stays_within_its_size_budget() {
    // Guards the page size at world scale (~200 countries x 6 powers x 79 years): per-year
    // dots, uncapped evidence or an overview grid of 200 rows once made it tens of megabytes.
    let (data, r) = world_report();
    assert!(data.rows.len() > 70_000, "the fixture is world-scale: {} rows", data.rows.len());
    assert!(r.html.len() < 6_000_000, "page is {} bytes", r.html.len());
    assert!(!r.html.contains("id=\"overview\""), "no 200-row overview grid");
    assert!(!r.files.iter().any(|(n, _)| n == "overview.svg"));
}

#[test]
fn world_map_has_a_tile_for_every_member_and_lists_the_others() {
    let (_, r) = world_report();
    let map = file(r, "map_RUS.svg");
    assert_eq!(map.matches("data-c=\"").count(), 197);
    for id in ["USA", "XKX", "TWN", "PSE", "ESH", "TUV"] {
        assert!(map.contains(&format!("data-c=\"{id}\"")), "{id} has no tile");
    }
    // Russia is the target: drawn black, not as a data tile.
    assert!(map.contains("<g class=\"tile context\" data-c=\"RUS\"><rect x=") && map.contains("fill=\"#111111\""));
    // Historical states and the EU have no tile: named under the map.
    let section = &r.html[r.html.find("id=\"t-RUS\"").unwrap()..];
    let note = &section[..section.find("</section>").unwrap()];
    assert!(note.contains("Not on the map: ") && note.contains("European Union") && note.contains("Soviet Union"), "{note}");
}

#[test]
fn world_ranking_shows_the_top_and_bottom_and_summarises_the_rest() {
    let (data, r) = world_report();
    let ranked = file(r, "ranked_USA.svg");
    assert_eq!(ranked.matches("class=\"score-dot\"").count(), 2 * RANK_SHOWN);
    let current = data.rows.iter().filter(|x| x.target == "USA" && x.period == "current" && x.perspective == "all").count();
    assert!(ranked.contains(&format!("{} more countries from", current - 2 * RANK_SHOWN)));
    assert!(ranked.contains(&format!("bars: all {current} countries")));
    // The histogram's bars hold every country.
    let total: usize = ranked
        .match_indices("<title>")
        .filter_map(|(i, _)| ranked[i + 7..].split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(total, current);
    // Ranks: the first and the last drawn row.
    assert!(ranked.contains(">1. ") && ranked.contains(&format!(">{current}. ")));
}

#[test]
fn world_explorer_data_holds_every_power_period_and_country() {
    let (data, r) = world_report();
    let start = r.html.find("<script type=\"application/json\" id=\"x-data\">").unwrap();
    let body = &r.html[start..];
    let json = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    for t in world::WORLD_TARGETS {
        let periods = v["rows"][t].as_object().unwrap();
        assert_eq!(periods.len(), 80, "{t}: 1946-2024 and current");
        let expected = data.rows.iter().filter(|x| x.target == t && x.period == "2022" && x.perspective == "all").count();
        assert_eq!(periods["2022"].as_array().unwrap().len(), expected);
    }
    // Scores in hundredths, clamped, with the label.
    let first = &v["rows"]["RUS"]["current"][0];
    assert!(first[1].as_i64().unwrap().abs() <= 200 && first[5].as_i64().unwrap().abs() <= 2);
    assert_eq!(v["names"]["SUN"], "Soviet Union");
    // The selectors offer every period, latest year first after current.
    assert!(r.html.contains("<select id=\"x-period\"><option value=\"current\" selected>current</option><option value=\"2024\">2024</option>"));
}

#[test]
fn world_trajectories_span_the_decades_as_bands() {
    let (_, r) = world_report();
    let fra = file(r, "timeline_FRA.svg");
    for year in ["1950", "1990", "2020"] {
        assert!(fra.contains(&format!(">{year}</text>")), "tick {year}");
    }
    assert!(fra.contains("class=\"band\"") && fra.contains("class=\"trajectory\""));
    assert!(!fra.contains("class=\"year-dot\""), "79 years: no dot per year");
    // Main targets only.
    assert!(fra.contains("vs Russia") && fra.contains("vs United States") && fra.contains("vs China") && !fra.contains("vs India"));
    insta::assert_snapshot!("world_timeline_FRA", fra);
}

#[test]
fn world_evidence_is_capped_per_power_and_country() {
    let (_, r) = world_report();
    for article in r.html.split("<article class=\"country\"").skip(1) {
        let Some(at) = article.find("<table class=\"evidence\">") else { continue };
        let article = &article[at..article[at..].find("</table>").unwrap() + at];
        let rows = article.matches("<td class=\"text\">").count();
        assert!(rows <= MAX_EVIDENCE_PER_COUNTRY, "{rows} evidence rows");
        for t in ["Russia", "United States", "China", "India"] {
            assert!(article.matches(&format!("<tr><td>{t}</td>")).count() <= MAX_EVIDENCE_PER_CELL);
        }
    }
    assert!(r.html.contains("more evidence sentences not listed (at most 4 per power, 12 per country)"));
}

#[test]
fn world_output_does_not_depend_on_input_order() {
    let (data, r) = world_report();
    let mut shuffled = data.clone();
    shuffled.rows.reverse();
    shuffled.rows.rotate_left(12_345);
    shuffled.sentences.reverse();
    assert!(render(&shuffled) == *r);
}

#[test]
fn a_historical_state_is_drawn_on_its_successors_tile_when_that_has_no_row() {
    // The USSR's rows (1946-1991) would otherwise be off the world map in the years it spoke for Russia's seat.
    let (data, _) = world_report();
    let names = Names { given: &data.names };
    let rows: Vec<&AlignmentRow> = data.rows.iter().filter(|r| r.target == "USA" && r.period == "1960" && r.perspective == "all").collect();
    let mut by_id: BTreeMap<&str, &AlignmentRow> = rows.iter().map(|r| (r.country.as_str(), *r)).collect();
    by_id.remove("RUS");
    assert!(by_id.contains_key("SUN"));
    let (svg, off) = charts::world_map("USA", &by_id, &BTreeSet::new(), &names, "t", "");
    assert!(svg.contains("data-c=\"RUS\"><rect") && svg.contains(">SUN</text><title>Soviet Union (on the tile of Russia): "));
    assert!(!off.contains(&"SUN".to_string()));
    // With Russia's own row, Russia's tile is Russia's and the USSR is listed off the map.
    let mut with_rus = by_id.clone();
    let rus = data.rows.iter().find(|r| r.country == "RUS" && r.target == "USA" && r.perspective == "all").unwrap();
    with_rus.insert("RUS", rus);
    let (svg, off) = charts::world_map("USA", &with_rus, &BTreeSet::new(), &names, "t", "");
    assert!(!svg.contains(">SUN</text>") && off.contains(&"SUN".to_string()));
}
