//! orbita-report: the `alignment` table as one self-contained HTML page,
//! plus the main charts as SVG files for papers.
//!
//! Pure: [`render`] takes a [`ReportData`] (alignment rows, the evidence
//! sentences they cite, display names) and returns a [`Report`] (the HTML
//! string and `(file name, SVG)` pairs). Reading the tables and writing the
//! files is the CLI's job (`orbita report`). The page needs no network: CSS,
//! charts, data and the one small script are inline.
//!
//! The page shows, for the perspective "all": an overview grid country ×
//! power (up to [`OVERVIEW_MAX_COUNTRIES`]); a world view with a power and
//! period selector (a world tile grid and the ranking, redrawn by the inline
//! script from an embedded JSON block; see `explore.rs`); per power, countries
//! ranked by current score with their intervals (the [`RANK_SHOWN`] highest
//! and lowest and a histogram of the rest when there are many) and a tile map
//! coloured by score (the world grid from [`WORLD_MIN_COUNTRIES`] countries,
//! else the region); per country, the trajectory across years (score and
//! interval toward the main powers) and the evidence sentences behind the
//! scores, linked to their documents and capped per power and country.
//!
//! ```
//! use orbita_aggregate::AlignmentRow;
//! use orbita_report::{render, EvidenceSentence, ReportData};
//! let row = AlignmentRow {
//!     country: "NIC".into(), target: "RUS".into(), period: "current".into(),
//!     perspective: "all".into(), year: None, score: 1.6, score_low: 0.4,
//!     score_high: 2.0, label: 2, stances: 3, documents: 1, sources: 1, indirect: 0,
//!     counts: [0, 0, 0, 0, 3], evidence: vec![("d1".into(), 4)],
//! };
//! let data = ReportData {
//!     title: "Seed corpus".into(),
//!     rows: vec![row],
//!     sentences: vec![EvidenceSentence {
//!         doc_id: "d1".into(), sentence: 4,
//!         text: "Russia's core ally in Central America is Nicaragua.".into(),
//!         title: "Russia's Allies".into(), url: "https://example.org/a".into(),
//!         source: "Toutiao".into(), stances: vec![("NIC".into(), "RUS".into(), 2)],
//!     }],
//!     ..ReportData::default()
//! };
//! let report = render(&data);
//! assert!(report.html.contains("Nicaragua"));
//! assert!(report.files.iter().any(|(name, _)| name == "ranked_RUS.svg"));
//! ```

mod charts;
mod explore;
mod geo;
mod svg;

use orbita_aggregate::AlignmentRow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use svg::{esc, label_word, score_colour, score_text};

/// The powers shown first, in this order, when they have rows.
pub const LEAD_TARGETS: [&str; 3] = ["RUS", "USA", "CHN"];
/// Other targets get a section when this many countries have a current row
/// toward them.
pub const MIN_COUNTRIES_FOR_TARGET: usize = 3;
/// At most this many targets get a section.
pub const MAX_TARGETS: usize = 6;
/// At most this many evidence sentences are listed per country.
pub const MAX_EVIDENCE_PER_COUNTRY: usize = 12;
/// At most this many evidence sentences per country and target (a cell of
/// the overview), so one well-documented power does not fill the list.
pub const MAX_EVIDENCE_PER_CELL: usize = 4;
/// A ranking of more than `2 × RANK_SHOWN + 5` countries shows the
/// `RANK_SHOWN` highest and lowest and summarises the rest in a histogram.
pub const RANK_SHOWN: usize = 15;
/// From this many countries on, the maps are the world tile grid instead of
/// a regional map around the countries with rows.
pub const WORLD_MIN_COUNTRIES: usize = 40;
/// Up to this many countries the page opens with the country × power grid.
pub const OVERVIEW_MAX_COUNTRIES: usize = 60;
/// Trajectories are drawn toward this many targets (the first chosen: the
/// lead powers when they have rows).
pub const TRAJECTORY_TARGETS: usize = 3;

/// What the report is made from. The CLI fills it from the dataset tables.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    /// Page title, e.g. the dataset name ("Seed corpus").
    pub title: String,
    /// One line under the title: dataset id, build date, anything useful.
    pub subtitle: String,
    /// Rows of the `alignment` table (every perspective; the charts use
    /// "all", the country sections also list the other perspectives).
    pub rows: Vec<AlignmentRow>,
    /// The sentences cited by `rows[..].evidence`, with their documents.
    /// Sentences not cited are ignored; cited ones missing here are shown
    /// as bare `doc_id:sentence` references.
    pub sentences: Vec<EvidenceSentence>,
    /// Display names for ids ("COL" → "Colombia", "NATO" → "NATO").
    /// Ids missing here fall back to the built-in country table, then to
    /// the id itself.
    pub names: BTreeMap<String, String>,
}

/// One evidence sentence and the document it comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSentence {
    /// Document id (`documents.doc_id`).
    pub doc_id: String,
    /// Sentence index in the document (`sentences.sentence`).
    pub sentence: u32,
    /// The sentence text.
    pub text: String,
    /// The document's title, "" if unknown.
    pub title: String,
    /// The document's URL, "" if unknown (then the title is not a link).
    pub url: String,
    /// The document's publisher, "" if unknown.
    pub source: String,
    /// The stances read from the sentence, (actor, target, label); empty if not known. A sentence
    /// cited for a country and power with no stance of that country toward that power is marked as
    /// read indirectly (a power's mirrored stance, or one toward the power's adversary), with the
    /// stance it was read from.
    #[serde(default)]
    pub stances: Vec<(String, String, i8)>,
}

/// The rendered report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The complete HTML page (UTF-8, self-contained).
    pub html: String,
    /// Chart files for papers: (file name such as "ranked_RUS.svg", SVG text),
    /// sorted by name.
    pub files: Vec<(String, String)>,
}

/// Display names: the caller's, then the built-in country table, then the id.
pub(crate) struct Names<'a> {
    given: &'a BTreeMap<String, String>,
}

impl Names<'_> {
    pub(crate) fn name(&self, id: &str) -> String {
        if let Some(n) = self.given.get(id) {
            return n.clone();
        }
        geo::country(id).map_or_else(|| id.to_string(), |c| c.name.to_string())
    }
}

/// A file name made only of ASCII letters, digits, '-' and '_'.
fn file_safe(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// Renders the page and the chart files. Deterministic: the same data gives
/// the same bytes whatever the order of `rows` and `sentences`.
pub fn render(data: &ReportData) -> Report {
    let names = Names { given: &data.names };
    let all: Vec<&AlignmentRow> = data.rows.iter().filter(|r| r.perspective == "all").collect();
    let current: BTreeMap<(&str, &str), &AlignmentRow> =
        all.iter().filter(|r| r.period == "current").map(|r| ((r.country.as_str(), r.target.as_str()), *r)).collect();
    let targets = choose_targets(&current);
    let target_set: BTreeSet<&str> = targets.iter().copied().collect();
    let mut countries: Vec<&str> =
        current.keys().filter(|(_, t)| target_set.contains(t)).map(|(c, _)| *c).collect::<BTreeSet<_>>().into_iter().collect();
    countries.sort_by_key(|c| (names.name(c), c.to_string()));
    let linked: BTreeSet<&str> = countries.iter().copied().collect();
    let world = countries.len() >= WORLD_MIN_COUNTRIES;
    let sentences: BTreeMap<(&str, u32), &EvidenceSentence> =
        data.sentences.iter().map(|s| ((s.doc_id.as_str(), s.sentence), s)).collect();
    let colours: BTreeMap<String, &str> =
        targets.iter().enumerate().map(|(i, t)| (t.to_string(), charts::TARGET_COLOURS[i % charts::TARGET_COLOURS.len()])).collect();
    // Rows of the perspective "all" per (country, target), and the other
    // perspectives' current rows per country: indexed once, not searched per country.
    let mut cells: BTreeMap<(&str, &str), Vec<&AlignmentRow>> = BTreeMap::new();
    for r in all.iter().filter(|r| target_set.contains(r.target.as_str())) {
        cells.entry((r.country.as_str(), r.target.as_str())).or_default().push(r);
    }
    for rows in cells.values_mut() {
        rows.sort_by(|a, b| (a.year, &a.period).cmp(&(b.year, &b.period)));
    }
    let mut other_views: BTreeMap<&str, Vec<&AlignmentRow>> = BTreeMap::new();
    for r in data.rows.iter().filter(|r| r.period == "current" && r.perspective != "all" && target_set.contains(r.target.as_str())) {
        other_views.entry(r.country.as_str()).or_default().push(r);
    }
    let years: Vec<i32> = cells.values().flatten().filter_map(|r| r.year).collect();
    let span = (years.iter().copied().min().unwrap_or(2000), years.iter().copied().max().unwrap_or(2000));
    let explorer_rows: Vec<&AlignmentRow> = cells.values().flatten().copied().collect();

    let mut files: Vec<(String, String)> = Vec::new();
    let mut h = String::new();
    let title = if data.title.is_empty() { "orbita alignment report".to_string() } else { data.title.clone() };
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        esc(&title),
        CSS
    ));
    h.push_str(&format!("<header><h1>{}</h1>\n", esc(&title)));
    if !data.subtitle.is_empty() {
        h.push_str(&format!("<p class=\"sub\">{}</p>\n", esc(&data.subtitle)));
    }
    h.push_str(&format!(
        "<p class=\"sub\">{} countries · {} powers · {} rows · years {}. Score: −2 adversary … +2 ally, shrunk toward neutral when evidence \
         is thin; bars are intervals; per-document and per-source weighting (see MODEL.md of orbita-aggregate).</p>\n",
        countries.len(),
        targets.len(),
        data.rows.len(),
        if years.is_empty() { "none".to_string() } else if span.0 == span.1 { span.0.to_string() } else { format!("{}–{}", span.0, span.1) },
    ));
    let legend = charts::legend();
    h.push_str(&format!("<div class=\"legend\">{legend}</div>\n"));
    files.push(("legend.svg".into(), legend));
    h.push_str("<nav>");
    if !targets.is_empty() {
        h.push_str("<a href=\"#explore\">World view</a> ");
    }
    for t in &targets {
        h.push_str(&format!("<a href=\"#t-{id}\">{}</a> ", esc(&names.name(t)), id = esc(t)));
    }
    h.push_str("<a href=\"#countries\">Countries</a></nav>\n</header>\n");

    if targets.is_empty() {
        h.push_str("<p class=\"empty\">No alignment rows with evidence: nothing to chart.</p>\n");
    } else {
        if countries.len() <= OVERVIEW_MAX_COUNTRIES {
            let overview = charts::overview(&countries, &targets, &current, &names);
            h.push_str(&format!("<section id=\"overview\"><h2>Overview</h2>\n<div class=\"chart\">{overview}</div></section>\n"));
            files.push(("overview.svg".into(), overview));
        }
        h.push_str(&explore::section(&targets, &explorer_rows, &linked, &names, RANK_SHOWN));
    }

    for t in &targets {
        let rows: Vec<&AlignmentRow> = current.iter().filter(|((_, tt), _)| tt == t).map(|(_, r)| *r).collect();
        let ranked = charts::ranked(t, &rows, &names, RANK_SHOWN, "current");
        let (map, off_map) = if world {
            let by_id: BTreeMap<&str, &AlignmentRow> = rows.iter().map(|r| (r.country.as_str(), *r)).collect();
            let title = format!("Alignment with {}: world map (tile grid, current)", names.name(t));
            charts::world_map(t, &by_id, &linked, &names, &title, "")
        } else {
            charts::tile_map(t, &rows, &names)
        };
        h.push_str(&format!("<section class=\"target\" id=\"t-{}\"><h2>Alignment with {}</h2>\n", esc(t), esc(&names.name(t))));
        if world && Some(t) == targets.first() {
            // The world view above opens on this very ranking and map: not drawn twice.
            h.push_str("<p class=\"note\">The current ranking and world map of this power are the world view's first view, above.</p>\n");
        } else {
            h.push_str(&format!("<div class=\"pair\"><div class=\"chart ranked\">{ranked}</div><div class=\"chart map\">{map}</div></div>\n"));
        }
        if !off_map.is_empty() {
            let list: Vec<String> = off_map
                .iter()
                .map(|id| {
                    let r = current[&(id.as_str(), *t)];
                    format!("{} ({})", esc(&names.name(id)), score_text(r.score))
                })
                .collect();
            h.push_str(&format!("<p class=\"note\">Not on the map: {}.</p>\n", list.join(", ")));
        }
        h.push_str("</section>\n");
        files.push((format!("ranked_{}.svg", file_safe(t)), ranked));
        files.push((format!("map_{}.svg", file_safe(t)), map));
    }

    h.push_str("<section id=\"countries\"><h2>Countries</h2>\n");
    if countries.len() > OVERVIEW_MAX_COUNTRIES {
        let index: Vec<String> =
            countries.iter().map(|c| format!("<a href=\"#c-{id}\">{}</a>", esc(&names.name(c)), id = esc(c))).collect();
        h.push_str(&format!("<p class=\"index\">{}</p>\n", index.join(" · ")));
    }
    let ctx = Context { targets: &targets, cells: &cells, current: &current, sentences: &sentences, names: &names, colours: &colours, span };
    for c in &countries {
        h.push_str(&country_section(c, &ctx, other_views.get(c).map_or(&[][..], |v| v.as_slice()), &mut files));
    }
    h.push_str("</section>\n<footer>Generated by orbita report. All charts are inline SVG; the page loads nothing from the network.</footer>\n</body>\n</html>\n");
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Report { html: h, files }
}

/// Lead powers with rows first, then other targets by number of countries.
fn choose_targets<'a>(current: &BTreeMap<(&'a str, &'a str), &AlignmentRow>) -> Vec<&'a str> {
    let mut per_target: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, t) in current.keys() {
        *per_target.entry(t).or_default() += 1;
    }
    let mut out: Vec<&str> = LEAD_TARGETS.iter().filter_map(|t| per_target.get_key_value(t).map(|(k, _)| *k)).collect();
    let mut others: Vec<(&str, usize)> =
        per_target.iter().filter(|(t, n)| !LEAD_TARGETS.contains(t) && **n >= MIN_COUNTRIES_FOR_TARGET).map(|(t, n)| (*t, *n)).collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    out.extend(others.into_iter().map(|(t, _)| t));
    out.truncate(MAX_TARGETS);
    out
}

/// The mark of an evidence sentence of `country` toward `power` that holds no stance of the country
/// toward the power: the stance it was read from (the power's own toward the country first, then the
/// country's toward another side). Empty when the sentence holds that stance or its stances are unknown.
fn indirect_note(country: &str, power: &str, stances: &[(String, String, i8)], names: &Names<'_>) -> String {
    if stances.is_empty() || stances.iter().any(|(a, t, _)| a == country && t == power) {
        return String::new();
    }
    let from = stances
        .iter()
        .find(|(a, t, _)| a == power && t == country)
        .or_else(|| stances.iter().find(|(a, t, _)| a == country && t != power))
        .or_else(|| stances.first());
    let Some((a, t, l)) = from else { return String::new() };
    format!(
        "<span class=\"indirect\">read indirectly, from {} → {} {}</span>",
        esc(&names.name(a)),
        esc(&names.name(t)),
        if *l > 0 { format!("+{l}") } else if *l < 0 { format!("−{}", -l) } else { "0".into() }
    )
}

/// What every country section reads, indexed once by [`render`].
struct Context<'a> {
    targets: &'a [&'a str],
    /// Rows of the perspective "all" per (country, target), by year, `current` last.
    cells: &'a BTreeMap<(&'a str, &'a str), Vec<&'a AlignmentRow>>,
    current: &'a BTreeMap<(&'a str, &'a str), &'a AlignmentRow>,
    sentences: &'a BTreeMap<(&'a str, u32), &'a EvidenceSentence>,
    names: &'a Names<'a>,
    colours: &'a BTreeMap<String, &'a str>,
    /// First and last year of the dataset: every trajectory's x axis.
    span: (i32, i32),
}

fn country_section(c: &str, ctx: &Context<'_>, others: &[&AlignmentRow], files: &mut Vec<(String, String)>) -> String {
    let names = ctx.names;
    let mut h = format!("<article class=\"country\" id=\"c-{}\"><h3>{}</h3>\n<ul class=\"scores\">\n", esc(c), esc(&names.name(c)));
    for t in ctx.targets {
        if let Some(r) = ctx.current.get(&(c, *t)) {
            h.push_str(&format!(
                "<li><span class=\"swatch\" style=\"background:{fill}\"></span>with <b>{t}</b>: <b>{score}</b> [{low}, {high}] {word} · \
                 {st} stance{sp}{ind}, {docs} document{dp}, {src} source{srp} · labels −2…+2: {counts}</li>\n",
                fill = score_colour(r.score),
                t = esc(&names.name(t)),
                score = score_text(r.score),
                low = score_text(r.score_low),
                high = score_text(r.score_high),
                word = label_word(r.label),
                st = r.stances,
                sp = if r.stances == 1 { "" } else { "s" },
                // Mirrored stances and those read through the power's adversaries (aggregate v5).
                ind = if r.indirect == 0 { String::new() } else { format!(" ({} read indirectly)", r.indirect) },
                docs = r.documents,
                dp = if r.documents == 1 { "" } else { "s" },
                src = r.sources,
                srp = if r.sources == 1 { "" } else { "s" },
                counts = r.counts.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("/"),
            ));
        }
    }
    h.push_str("</ul>\n");

    // Trajectory across years toward the main targets.
    let series: Vec<(&str, Vec<&AlignmentRow>)> = ctx
        .targets
        .iter()
        .take(TRAJECTORY_TARGETS)
        .map(|t| (*t, ctx.cells.get(&(c, *t)).map_or_else(Vec::new, |rows| rows.iter().filter(|r| r.year.is_some()).copied().collect())))
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    if !series.is_empty() {
        let svg = charts::timeline(c, &series, names, ctx.colours, ctx.span);
        h.push_str(&format!("<div class=\"chart timeline\">{svg}</div>\n"));
        let years: BTreeSet<i32> = series.iter().flat_map(|(_, rs)| rs.iter().filter_map(|r| r.year)).collect();
        if years.len() > 1 {
            files.push((format!("timeline_{}.svg", file_safe(c)), svg));
        }
    }

    // Other perspectives of the current state.
    if !others.is_empty() {
        let mut others = others.to_vec();
        others.sort_by(|a, b| (&a.target, &a.perspective).cmp(&(&b.target, &b.perspective)));
        h.push_str("<table class=\"persp\"><tr><th>Power</th><th>Perspective</th><th>Score</th><th>Interval</th><th>Documents</th></tr>\n");
        for r in others {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td style=\"background:{}\">{}</td><td>[{}, {}]</td><td>{}</td></tr>\n",
                esc(&names.name(&r.target)),
                esc(&r.perspective),
                score_colour(r.score),
                score_text(r.score),
                score_text(r.score_low),
                score_text(r.score_high),
                r.documents
            ));
        }
        h.push_str("</table>\n");
    }

    // Evidence: per target, the current row's strongest sentences first,
    // then each year's from the latest; at most MAX_EVIDENCE_PER_CELL per
    // target and MAX_EVIDENCE_PER_COUNTRY in all.
    let mut order: Vec<(&str, u32, &str)> = Vec::new();
    let mut periods: BTreeMap<(&str, u32, &str), Vec<String>> = BTreeMap::new();
    let mut total: BTreeSet<(&str, u32, &str)> = BTreeSet::new();
    for t in ctx.targets {
        let Some(rows) = ctx.cells.get(&(c, *t)) else { continue };
        let mut rows: Vec<&AlignmentRow> = rows.clone();
        rows.sort_by_key(|r| (r.year.is_some(), std::cmp::Reverse(r.year)));
        let mut in_cell = 0;
        for r in rows {
            for (doc, s) in &r.evidence {
                let key = (doc.as_str(), *s, *t);
                total.insert(key);
                let entry = periods.entry(key).or_default();
                if entry.is_empty() && in_cell < MAX_EVIDENCE_PER_CELL && order.len() < MAX_EVIDENCE_PER_COUNTRY {
                    order.push(key);
                    in_cell += 1;
                }
                entry.push(r.period.clone());
            }
        }
    }
    if !order.is_empty() {
        h.push_str("<table class=\"evidence\"><tr><th>Power</th><th>Periods</th><th>Sentence</th><th>Document</th><th>Source</th></tr>\n");
        for key in &order {
            let (doc, s, t) = *key;
            let when = short_periods(&periods[key]);
            let (text, docref, source) = match ctx.sentences.get(&(doc, s)) {
                Some(e) => {
                    let label = if e.title.is_empty() { e.doc_id.clone() } else { e.title.clone() };
                    let docref = if e.url.is_empty() {
                        esc(&label)
                    } else {
                        format!("<a href=\"{}\">{}</a>", esc(&e.url), esc(&label))
                    };
                    (format!("{}{}", esc(&e.text), indirect_note(c, t, &e.stances, names)), docref, esc(&e.source))
                }
                None => (format!("<span class=\"missing\">{}:{s}</span>", esc(doc)), esc(doc), String::new()),
            };
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"text\">{}</td><td>{} <span class=\"ref\">#{}</span></td><td>{}</td></tr>\n",
                esc(&names.name(t)),
                esc(&when),
                text,
                docref,
                s,
                source
            ));
        }
        h.push_str("</table>\n");
        if total.len() > order.len() {
            h.push_str(&format!(
                "<p class=\"note\">{} more evidence sentences not listed (at most {MAX_EVIDENCE_PER_CELL} per power, {MAX_EVIDENCE_PER_COUNTRY} per country).</p>\n",
                total.len() - order.len()
            ));
        }
    }
    h.push_str("</article>\n");
    h
}

/// The periods a sentence is evidence for, as listed: all of them when
/// few, else the first four and a count ("current, 2024, 2023, 2022 and 7 more").
fn short_periods(periods: &[String]) -> String {
    if periods.len() <= 5 {
        periods.join(", ")
    } else {
        format!("{} and {} more", periods[..4].join(", "), periods.len() - 4)
    }
}

const CSS: &str = "body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1320px;color:#1a1a1a;padding:0 16px}\
h1{margin:0 0 4px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:36px}h3{margin:28px 0 6px}\
.sub{color:#555;margin:2px 0}nav a{margin-right:12px}.pair{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}\
.chart svg{max-width:100%;height:auto}.note{color:#555;font-size:13px}ul.scores{list-style:none;padding:0;margin:4px 0}\
ul.scores li{margin:3px 0}.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;border:1px solid #555;vertical-align:middle}\
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}\
th{background:#f3f3f3}td.text{max-width:640px}.indirect{display:block;color:#666;font-size:90%}.ref{color:#888}.missing{color:#999;font-style:italic}\
article.country{border-top:1px solid #eee}footer{margin:40px 0 16px;color:#777;font-size:12px}";

// The tests include the examples' synthetic world table, which names the crate by its name.
#[cfg(test)]
extern crate self as orbita_report;
#[cfg(test)]
mod tests;
