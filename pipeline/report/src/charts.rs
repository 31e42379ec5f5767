//! The report's charts as standalone SVG strings: the ranked chart with
//! intervals, the tile map, per-country timelines, the country × target
//! overview grid and the colour legend.
//!
//! Each function returns a complete `<svg>` element that can be inlined in
//! the HTML page or written as a file as it is.
//!
//! ```ignore
//! // crate-internal
//! let svg = legend();
//! assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
//! ```

use crate::svg::{esc, ink_on, label_word, n, open, score_colour, score_text};
use crate::Names;
use orbita_aggregate::AlignmentRow;
use std::collections::BTreeMap;

/// Categorical colours of targets in the timelines (not the score scale).
pub(crate) const TARGET_COLOURS: [&str; 6] = ["#7b3294", "#1b7837", "#e66101", "#2c7fb8", "#8c510a", "#c51b7d"];

const AXIS: &str = "#888888";

/// Longest label drawn left of a chart; longer names are cut with "…"
/// (the full name stays in the tooltip).
const MAX_LABEL_CHARS: usize = 26;

fn short(name: &str) -> String {
    if name.chars().count() <= MAX_LABEL_CHARS {
        name.to_string()
    } else {
        let cut: String = name.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
const GRID: &str = "#e4e4e4";

/// Countries ranked by score, each with its interval. `rows` are the
/// target's rows of one period; they are ranked here. With more than
/// `2 * shown + 5` rows only the `shown` highest and `shown` lowest are
/// drawn, and between them a histogram of every country's score summarises
/// the rest (how many, their range and median).
pub(crate) fn ranked(target: &str, rows: &[&AlignmentRow], names: &Names<'_>, shown: usize, period: &str) -> String {
    let mut rows: Vec<&AlignmentRow> = rows.to_vec();
    // By the score as shown (hundredths), then name: the order the page's script gives too.
    let shown_score = |r: &AlignmentRow| (r.score.clamp(-2.0, 2.0) * 100.0).round() as i64;
    rows.sort_by(|a, b| shown_score(b).cmp(&shown_score(a)).then_with(|| names.name(&a.country).cmp(&names.name(&b.country))));
    let cut = rows.len() > 2 * shown + 5;
    let (left, right, top, step, gap_h) = (180.0, 130.0, 54.0, 20.0, 96.0);
    let plot = 460.0;
    let width = left + plot + right;
    let drawn = if cut { 2 * shown } else { rows.len() };
    let height = top + step * drawn as f64 + if cut { gap_h } else { 0.0 } + 16.0;
    let x = |s: f64| left + (s.clamp(-2.0, 2.0) + 2.0) / 4.0 * plot;
    let when = if period == "current" { "current score".to_string() } else { format!("score in {period}") };
    let title = format!("Alignment with {}: countries ranked by {when}", names.name(target));
    let mut s = open(width, height, &title);
    s.push_str(&format!("<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", esc(&title)));
    for (v, word) in [(-2, "adversary"), (-1, "against"), (0, "neutral"), (1, "toward"), (2, "ally")] {
        let xv = x(f64::from(v));
        s.push_str(&format!(
            "<line x1=\"{xv}\" y1=\"{y0}\" x2=\"{xv}\" y2=\"{y1}\" stroke=\"{c}\"/>\n\
             <text x=\"{xv}\" y=\"{ty}\" text-anchor=\"middle\" fill=\"#555\">{v:+} {word}</text>\n",
            xv = n(xv),
            y0 = n(top - 8.0),
            y1 = n(height - 10.0),
            c = if v == 0 { AXIS } else { GRID },
            ty = n(top - 14.0),
        ));
    }
    let mut y_at = top;
    for (i, r) in rows.iter().enumerate() {
        if cut && i >= shown && i < rows.len() - shown {
            if i == shown {
                s.push_str(&histogram(&rows, &rows[shown..rows.len() - shown], y_at, gap_h, left, plot));
                y_at += gap_h;
            }
            continue;
        }
        let y = y_at + step / 2.0;
        y_at += step;
        let name = names.name(&r.country);
        s.push_str(&format!(
            "<a href=\"#c-{id}\"><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{short}</text></a>\n\
             <line x1=\"{lo}\" y1=\"{y}\" x2=\"{hi}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"2\"/>\n\
             <line x1=\"{lo}\" y1=\"{ya}\" x2=\"{lo}\" y2=\"{yb}\" stroke=\"#555\"/>\n\
             <line x1=\"{hi}\" y1=\"{ya}\" x2=\"{hi}\" y2=\"{yb}\" stroke=\"#555\"/>\n\
             <circle class=\"score-dot\" cx=\"{cx}\" cy=\"{y}\" r=\"6\" fill=\"{fill}\" stroke=\"#222\">\
             <title>{name}: {score} [{low}, {high}], {word}; {st} stances, {docs} documents, {src} sources</title></circle>\n\
             <text x=\"{rx}\" y=\"{ty}\" fill=\"#333\">{rank}. {score} · {docs} doc{plural}</text>\n",
            id = esc(&r.country),
            tx = n(left - 10.0),
            ty = n(y + 4.0),
            name = esc(&name),
            short = esc(&short(&name)),
            lo = n(x(r.score_low)),
            hi = n(x(r.score_high)),
            y = n(y),
            ya = n(y - 4.0),
            yb = n(y + 4.0),
            cx = n(x(r.score)),
            fill = score_colour(r.score),
            score = score_text(r.score),
            low = score_text(r.score_low),
            high = score_text(r.score_high),
            word = label_word(r.label),
            st = r.stances,
            docs = r.documents,
            src = r.sources,
            rx = n(left + plot + 12.0),
            rank = i + 1,
            plural = if r.documents == 1 { "" } else { "s" },
        ));
    }
    s.push_str("</svg>\n");
    s
}

/// Number of bins of the ranked chart's histogram over [−2, 2].
const BINS: usize = 20;

/// The band between the top and the bottom of a cut ranking: a histogram of
/// all `rows` (bars in the colour of their bin) and a line saying how many
/// countries of `middle` are not drawn, their range and median.
fn histogram(rows: &[&AlignmentRow], middle: &[&AlignmentRow], y0: f64, h: f64, left: f64, plot: f64) -> String {
    let mut counts = [0_usize; BINS];
    for r in rows {
        let b = (((r.score.clamp(-2.0, 2.0) + 2.0) / 4.0 * BINS as f64) as usize).min(BINS - 1);
        counts[b] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bw = plot / BINS as f64;
    let base = y0 + h - 30.0;
    let mut s = format!(
        "<g class=\"rank-summary\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{hh}\" fill=\"#fafafa\" stroke=\"#e4e4e4\"/>\n",
        x = n(left),
        y = n(y0 + 4.0),
        w = n(plot),
        hh = n(h - 8.0)
    );
    for (i, c) in counts.iter().enumerate() {
        if *c == 0 {
            continue;
        }
        let lo = -2.0 + 4.0 * i as f64 / BINS as f64;
        let bh = (h - 44.0) * *c as f64 / max;
        s.push_str(&format!(
            "<rect class=\"hist-bar\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\" fill=\"{fill}\"><title>{c} countr{ies} from {a} to {b}</title></rect>\n",
            x = n(left + bw * i as f64 + 1.0),
            y = n(base - bh),
            w = n(bw - 2.0),
            bh = n(bh),
            fill = score_colour(lo + 0.1),
            ies = if *c == 1 { "y" } else { "ies" },
            a = score_text(lo),
            b = score_text(lo + 4.0 / BINS as f64),
        ));
    }
    let hi = middle.first().map_or(0.0, |r| r.score);
    let lo = middle.last().map_or(0.0, |r| r.score);
    let median = middle.get(middle.len() / 2).map_or(0.0, |r| r.score);
    s.push_str(&format!(
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" fill=\"#333\">\u{2026} {k} more countries from {hi} to {lo} (median {median}); bars: all {all} countries</text></g>\n",
        x = n(left + plot / 2.0),
        y = n(base + 18.0),
        k = middle.len(),
        hi = score_text(hi),
        lo = score_text(lo),
        median = score_text(median),
        all = rows.len(),
    ));
    s
}

/// Tile map of the countries with a current row for `target`, coloured by
/// score, with neighbouring countries without evidence in outline and the
/// target itself in black when it lies in the region. Returns the SVG and
/// the ids that could not be placed (blocs, unknown ids).
pub(crate) fn tile_map(target: &str, rows: &[&AlignmentRow], names: &Names<'_>) -> (String, Vec<String>) {
    let by_id: BTreeMap<&str, &AlignmentRow> = rows.iter().map(|r| (r.country.as_str(), *r)).collect();
    let ids: Vec<&str> = by_id.keys().copied().collect();
    let (data, context) = crate::geo::layout(&ids, 2);
    let placed: Vec<&str> = data.iter().map(|t| t.id.as_str()).collect();
    let off_map: Vec<String> = ids.iter().filter(|id| !placed.contains(id)).map(|s| s.to_string()).collect();
    let (tile, gap, top, left) = (34.0, 3.0, 30.0, 8.0);
    let cols = data.iter().chain(&context).map(|t| t.col).max().map_or(0, |c| c + 1);
    let rows_n = data.iter().chain(&context).map(|t| t.row).max().map_or(0, |r| r + 1);
    let width = (left * 2.0 + f64::from(cols) * (tile + gap)).max(320.0);
    let height = top + f64::from(rows_n) * (tile + gap) + 12.0;
    let title = format!("Alignment with {}: map (tile grid, current)", names.name(target));
    let mut s = open(width, height, &title);
    s.push_str(&format!("<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", esc(&title)));
    let pos = |col: i32, row: i32| (left + f64::from(col) * (tile + gap), top + f64::from(row) * (tile + gap));
    for t in &context {
        let (x, y) = pos(t.col, t.row);
        let is_target = t.id == target;
        let (fill, stroke, ink) = if is_target { ("#111111", "#111111", "#ffffff") } else { ("#ffffff", "#bbbbbb", "#999999") };
        let note = if is_target { "the target" } else { "no evidence" };
        s.push_str(&format!(
            "<g class=\"tile context\"><rect x=\"{x}\" y=\"{y}\" width=\"{tile}\" height=\"{tile}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-dasharray=\"{dash}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{ink}\">{id}</text><title>{name}: {note}</title></g>\n",
            x = n(x),
            y = n(y),
            tile = n(tile),
            dash = if is_target { "none" } else { "3 2" },
            tx = n(x + tile / 2.0),
            ty = n(y + tile / 2.0 + 4.0),
            id = esc(&t.id),
            name = esc(&names.name(&t.id)),
        ));
    }
    for t in &data {
        let r = by_id[t.id.as_str()];
        let (x, y) = pos(t.col, t.row);
        s.push_str(&format!(
            "<a href=\"#c-{id}\"><g class=\"tile data\"><rect x=\"{x}\" y=\"{y}\" width=\"{tile}\" height=\"{tile}\" rx=\"3\" fill=\"{fill}\" stroke=\"#333\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{ink}\">{id}</text>\
             <title>{name}: {score} [{low}, {high}], {word}</title></g></a>\n",
            id = esc(&t.id),
            x = n(x),
            y = n(y),
            tile = n(tile),
            fill = score_colour(r.score),
            tx = n(x + tile / 2.0),
            ty = n(y + tile / 2.0 + 4.0),
            ink = ink_on(r.score),
            name = esc(&names.name(&t.id)),
            score = score_text(r.score),
            low = score_text(r.score_low),
            high = score_text(r.score_high),
            word = label_word(r.label),
        ));
    }
    s.push_str("</svg>\n");
    (s, off_map)
}

/// Historical states and the member whose tile they are drawn on when that
/// member has no row of its own in the period (USSR, Yugoslavia,
/// Czechoslovakia, East Germany, South Yemen). The page's script has the same list.
pub(crate) const HISTORICAL: [(&str, &str); 5] = [("SUN", "RUS"), ("YUG", "SRB"), ("CSK", "CZE"), ("DDR", "DEU"), ("YMD", "YEM")];

/// Side of a world-grid tile and the gap between tiles, in pixels.
const WORLD_TILE: f64 = 22.0;
const WORLD_GAP: f64 = 2.0;

/// The world tile grid (every UN member plus Kosovo, Taiwan, Palestine and
/// Western Sahara), coloured by `by_id` (a period's rows for `target`); the
/// target's own tile is black, countries without a row are outlined, a
/// historical state is drawn on its successor's tile (see [`HISTORICAL`]). Tiles
/// carry `data-c` so the page's script can recolour them for another target
/// or period; those in `linked` link to their country section. Returns the
/// SVG and the ids of `by_id` without a tile (blocs, historical states).
pub(crate) fn world_map(
    target: &str,
    by_id: &BTreeMap<&str, &AlignmentRow>,
    linked: &std::collections::BTreeSet<&str>,
    names: &Names<'_>,
    title: &str,
    svg_id: &str,
) -> (String, Vec<String>) {
    let tiles = crate::geo::world_grid();
    let cols = tiles.iter().map(|t| t.col).max().map_or(0, |c| c + 1);
    let rows_n = tiles.iter().map(|t| t.row).max().map_or(0, |r| r + 1);
    let (top, left) = (30.0, 8.0);
    let width = left * 2.0 + f64::from(cols) * (WORLD_TILE + WORLD_GAP);
    let height = top + f64::from(rows_n) * (WORLD_TILE + WORLD_GAP) + 8.0;
    let mut s = open(width, height, title);
    if !svg_id.is_empty() {
        s = s.replacen("<svg ", &format!("<svg id=\"{}\" ", esc(svg_id)), 1);
    }
    s.push_str(&format!("<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\" class=\"map-title\">{}</text>\n", esc(title)));
    let mut drawn: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for t in &tiles {
        let x = left + f64::from(t.col) * (WORLD_TILE + WORLD_GAP);
        let y = top + f64::from(t.row) * (WORLD_TILE + WORLD_GAP);
        // A historical state without its successor's row is drawn on the successor's tile.
        let (shown, row) = match by_id.get(t.id.as_str()) {
            Some(r) => (t.id.as_str(), Some(*r)),
            None if t.id == target => (t.id.as_str(), None),
            None => HISTORICAL
                .iter()
                .find(|(_, successor)| *successor == t.id)
                .and_then(|(h, _)| by_id.get(h).map(|r| (*h, Some(*r))))
                .unwrap_or((t.id.as_str(), None)),
        };
        drawn.insert(shown);
        let name = if shown == t.id { names.name(shown) } else { format!("{} (on the tile of {})", names.name(shown), names.name(&t.id)) };
        let (class, fill, stroke, dash, ink, tip) = match row {
            Some(r) => (
                "tile data",
                score_colour(r.score),
                "#333333",
                "none",
                ink_on(r.score),
                format!("{name}: {} [{}, {}], {}", score_text(r.score), score_text(r.score_low), score_text(r.score_high), label_word(r.label)),
            ),
            None if t.id == target => ("tile context", "#111111".to_string(), "#111111", "none", "#ffffff", format!("{name}: the target")),
            None => ("tile context", "#ffffff".to_string(), "#bbbbbb", "3 2", "#999999", format!("{name}: no evidence")),
        };
        let tile = format!(
            "<g class=\"{class}\" data-c=\"{id}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{w}\" rx=\"2\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-dasharray=\"{dash}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"8\" fill=\"{ink}\">{label}</text><title>{tip}</title></g>",
            id = esc(&t.id),
            label = esc(shown),
            x = n(x),
            y = n(y),
            w = n(WORLD_TILE),
            tx = n(x + WORLD_TILE / 2.0),
            ty = n(y + WORLD_TILE / 2.0 + 3.0),
            tip = esc(&tip),
        );
        if linked.contains(shown) {
            s.push_str(&format!("<a href=\"#c-{}\">{tile}</a>\n", esc(shown)));
        } else {
            s.push_str(&tile);
            s.push('\n');
        }
    }
    s.push_str("</svg>\n");
    let off_map = by_id.keys().filter(|id| !drawn.contains(*id)).map(|id| id.to_string()).collect();
    (s, off_map)
}

/// Series longer than this are drawn as a line and an interval band only,
/// without a dot (and tooltip) per year, so decades of years stay small.
pub(crate) const MAX_DOTS_PER_SERIES: usize = 25;
/// Years missing between two points that still join them (longer gaps
/// break the line and the band).
const MAX_GAP_YEARS: i32 = 4;

/// A country's score per year toward each target over the year range
/// `span` (the same for every country, so trajectories compare): the score
/// as a line, its interval as a band, one colour per target; short series
/// also get a dot with a tooltip per year. A gap of more than
/// `MAX_GAP_YEARS` years breaks the line and the band.
pub(crate) fn timeline(
    country: &str,
    series: &[(&str, Vec<&AlignmentRow>)],
    names: &Names<'_>,
    colours: &BTreeMap<String, &str>,
    span: (i32, i32),
) -> String {
    let (y0, y1) = if span.0 < span.1 { span } else { (span.0 - 1, span.0 + 1) };
    let (left, right, top, bottom) = (44.0, 12.0, 28.0, 40.0);
    let pw = if y1 - y0 > 20 { 560.0 } else { 360.0 };
    let ph = 120.0;
    let width = left + pw + right;
    let height = top + ph + bottom;
    let x = |yr: i32| left + f64::from(yr - y0) / f64::from(y1 - y0) * pw;
    let y = |s: f64| top + (2.0 - s.clamp(-2.0, 2.0)) / 4.0 * ph;
    let title = format!("{}: alignment by year", names.name(country));
    let mut s = open(width, height, &title);
    s.push_str(&format!("<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{}</text>\n", esc(&title)));
    for v in -2..=2 {
        let yv = y(f64::from(v));
        s.push_str(&format!(
            "<line x1=\"{l}\" y1=\"{yv}\" x2=\"{r}\" y2=\"{yv}\" stroke=\"{c}\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">{v:+}</text>\n",
            l = n(left),
            r = n(left + pw),
            yv = n(yv),
            c = if v == 0 { AXIS } else { GRID },
            tx = n(left - 6.0),
            ty = n(yv + 3.0),
        ));
    }
    // Year ticks: every year when few, else on round years (every 5 or 10).
    let span_years = y1 - y0;
    let every = match span_years {
        0..=12 => 1,
        13..=40 => 5,
        _ => 10,
    };
    let mut yr = if every == 1 { y0 } else { y0 + (every - y0.rem_euclid(every)) % every };
    while yr <= y1 {
        s.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{yr}</text>\n",
            x = n(x(yr)),
            ty = n(top + ph + 14.0)
        ));
        yr += every;
    }
    let mut legend_x = left;
    for (target, rows) in series {
        let colour = colours.get(*target).copied().unwrap_or("#444444");
        let rows: Vec<&AlignmentRow> = rows.iter().filter(|r| r.year.is_some()).copied().collect();
        // Runs of years without a gap longer than MAX_GAP_YEARS.
        let mut runs: Vec<Vec<&AlignmentRow>> = Vec::new();
        for r in &rows {
            let near = |p: &AlignmentRow| matches!((p.year, r.year), (Some(a), Some(b)) if b - a <= MAX_GAP_YEARS);
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|p| near(p)) => run.push(r),
                _ => runs.push(vec![r]),
            }
        }
        let many = rows.len() > MAX_DOTS_PER_SERIES;
        let tname = names.name(target);
        for run in &runs {
            let xs: Vec<f64> = run.iter().map(|r| x(r.year.unwrap_or(y0))).collect();
            if run.len() > 1 {
                // Whole pixels for long series (a fifth of the bytes of decades of points).
                let p = |v: f64| if many { format!("{v:.0}") } else { n(v) };
                let mut band: Vec<String> = run.iter().zip(&xs).map(|(r, px)| format!("{},{}", p(*px), p(y(r.score_high)))).collect();
                band.extend(run.iter().zip(&xs).rev().map(|(r, px)| format!("{},{}", p(*px), p(y(r.score_low)))));
                let line: Vec<String> = run.iter().zip(&xs).map(|(r, px)| format!("{},{}", p(*px), p(y(r.score)))).collect();
                let (first, last) = (run[0], run[run.len() - 1]);
                s.push_str(&format!(
                    "<polygon class=\"band\" points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n\
                     <polyline class=\"trajectory\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"><title>{t} {a}\u{2013}{b}: {sa} \u{2192} {sb}</title></polyline>\n",
                    band.join(" "),
                    line.join(" "),
                    t = esc(&tname),
                    a = first.year.unwrap_or(y0),
                    b = last.year.unwrap_or(y0),
                    sa = score_text(first.score),
                    sb = score_text(last.score),
                ));
            }
            if many && run.len() == 1 {
                // A lone year of a long series: a mark without a tooltip.
                s.push_str(&format!(
                    "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"2\" fill=\"{colour}\"/>\n",
                    xs[0],
                    y(run[0].score)
                ));
            } else if !many {
                for (r, px) in run.iter().zip(&xs) {
                    s.push_str(&format!(
                        "<line x1=\"{px}\" y1=\"{lo}\" x2=\"{px}\" y2=\"{hi}\" stroke=\"{colour}\" stroke-opacity=\"0.45\" stroke-width=\"3\"/>\
                         <circle class=\"year-dot\" cx=\"{px}\" cy=\"{py}\" r=\"3.5\" fill=\"{colour}\"><title>{t} {yr}: {score} [{low}, {high}], {docs} doc(s)</title></circle>\n",
                        px = n(*px),
                        py = n(y(r.score)),
                        lo = n(y(r.score_low)),
                        hi = n(y(r.score_high)),
                        t = esc(&tname),
                        yr = r.year.unwrap_or(y0),
                        score = score_text(r.score),
                        low = score_text(r.score_low),
                        high = score_text(r.score_high),
                        docs = r.documents,
                    ));
                }
            }
        }
        let label = format!("vs {tname}");
        s.push_str(&format!(
            "<rect x=\"{lx}\" y=\"{ly}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"11\">{label}</text>\n",
            lx = n(legend_x),
            ly = n(height - 16.0),
            tx = n(legend_x + 14.0),
            ty = n(height - 7.0),
            label = esc(&label),
        ));
        legend_x += 24.0 + 6.5 * label.chars().count() as f64;
    }
    s.push_str("</svg>\n");
    s
}

/// Country × target grid of current scores: the whole picture at once.
pub(crate) fn overview(countries: &[&str], targets: &[&str], current: &BTreeMap<(&str, &str), &AlignmentRow>, names: &Names<'_>) -> String {
    let (left, top, cw, ch) = (180.0, 56.0, 92.0, 20.0);
    let width = left + cw * targets.len() as f64 + 10.0;
    let height = top + ch * countries.len() as f64 + 10.0;
    let title = "Current alignment: country × power";
    let mut s = open(width, height, title);
    s.push_str(&format!("<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{title}</text>\n"));
    for (j, t) in targets.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-weight=\"bold\">{name}</text>\n",
            x = n(left + cw * j as f64 + cw / 2.0),
            y = n(top - 8.0),
            name = esc(&names.name(t)),
        ));
    }
    for (i, c) in countries.iter().enumerate() {
        let yy = top + ch * i as f64;
        s.push_str(&format!(
            "<a href=\"#c-{id}\"><text x=\"{x}\" y=\"{y}\" text-anchor=\"end\">{short}<title>{name}</title></text></a>\n",
            id = esc(c),
            x = n(left - 8.0),
            y = n(yy + ch / 2.0 + 4.0),
            name = esc(&names.name(c)),
            short = esc(&short(&names.name(c))),
        ));
        for (j, t) in targets.iter().enumerate() {
            let xx = left + cw * j as f64;
            match current.get(&(*c, *t)) {
                Some(r) => s.push_str(&format!(
                    "<g class=\"cell\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"#ffffff\"/>\
                     <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\">{score}</text>\
                     <title>{cn} with {tn}: {score} [{low}, {high}], {word}</title></g>\n",
                    x = n(xx),
                    y = n(yy),
                    w = n(cw),
                    h = n(ch),
                    fill = score_colour(r.score),
                    tx = n(xx + cw / 2.0),
                    ty = n(yy + ch / 2.0 + 4.0),
                    ink = ink_on(r.score),
                    score = score_text(r.score),
                    cn = esc(&names.name(c)),
                    tn = esc(&names.name(t)),
                    low = score_text(r.score_low),
                    high = score_text(r.score_high),
                    word = label_word(r.label),
                )),
                None => s.push_str(&format!(
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"#f7f7f7\" stroke=\"#ffffff\"/>\n",
                    x = n(xx),
                    y = n(yy),
                    w = n(cw),
                    h = n(ch),
                )),
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// The colour scale with its five labels.
pub(crate) fn legend() -> String {
    let mut s = open(480.0, 44.0, "Colour scale of alignment scores");
    for i in 0..40 {
        let v = -2.0 + 4.0 * (f64::from(i) + 0.5) / 40.0;
        s.push_str(&format!("<rect x=\"{}\" y=\"4\" width=\"10\" height=\"14\" fill=\"{}\"/>", n(40.0 + 10.0 * f64::from(i)), score_colour(v)));
    }
    s.push('\n');
    for (v, word) in [(-2, "adversary"), (-1, "against"), (0, "neutral"), (1, "toward"), (2, "ally")] {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"34\" text-anchor=\"middle\" font-size=\"11\">{v:+} {word}</text>\n",
            n(40.0 + 100.0 * f64::from(v + 2))
        ));
    }
    s.push_str("</svg>\n");
    s
}
