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

/// Countries ranked by current score, each with its interval.
/// `rows` are the target's current rows; they are ranked here.
pub(crate) fn ranked(target: &str, rows: &[&AlignmentRow], names: &Names<'_>) -> String {
    let mut rows: Vec<&AlignmentRow> = rows.to_vec();
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| names.name(&a.country).cmp(&names.name(&b.country))));
    let (left, right, top, step) = (180.0, 110.0, 54.0, 20.0);
    let plot = 460.0;
    let width = left + plot + right;
    let height = top + step * rows.len() as f64 + 16.0;
    let x = |s: f64| left + (s.clamp(-2.0, 2.0) + 2.0) / 4.0 * plot;
    let title = format!("Alignment with {}: countries ranked by current score", names.name(target));
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
    for (i, r) in rows.iter().enumerate() {
        let y = top + step * i as f64 + step / 2.0;
        let name = names.name(&r.country);
        s.push_str(&format!(
            "<a href=\"#c-{id}\"><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{short}</text></a>\n\
             <line x1=\"{lo}\" y1=\"{y}\" x2=\"{hi}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"2\"/>\n\
             <line x1=\"{lo}\" y1=\"{ya}\" x2=\"{lo}\" y2=\"{yb}\" stroke=\"#555\"/>\n\
             <line x1=\"{hi}\" y1=\"{ya}\" x2=\"{hi}\" y2=\"{yb}\" stroke=\"#555\"/>\n\
             <circle class=\"score-dot\" cx=\"{cx}\" cy=\"{y}\" r=\"6\" fill=\"{fill}\" stroke=\"#222\">\
             <title>{name}: {score} [{low}, {high}], {word}; {st} stances, {docs} documents, {src} sources</title></circle>\n\
             <text x=\"{rx}\" y=\"{ty}\" fill=\"#333\">{score} · {docs} doc{plural}</text>\n",
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
            plural = if r.documents == 1 { "" } else { "s" },
        ));
    }
    s.push_str("</svg>\n");
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

/// A country's score per year toward each target: points with interval
/// whiskers joined by a line, one colour per target.
pub(crate) fn timeline(country: &str, series: &[(&str, Vec<&AlignmentRow>)], names: &Names<'_>, colours: &BTreeMap<String, &str>) -> String {
    let years: Vec<i32> = series.iter().flat_map(|(_, rs)| rs.iter().filter_map(|r| r.year)).collect();
    let (y0, y1) = match (years.iter().min(), years.iter().max()) {
        (Some(&a), Some(&b)) if a < b => (a, b),
        (Some(&a), _) => (a - 1, a + 1),
        _ => (2000, 2001),
    };
    let (left, right, top, bottom) = (44.0, 12.0, 28.0, 40.0);
    let (pw, ph) = (360.0, 120.0);
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
    // Year ticks: every year when few, else every k-th.
    let span = y1 - y0;
    let every = if span <= 12 { 1 } else { (span + 11) / 12 };
    let mut yr = y0;
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
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for r in rows {
            let Some(yr) = r.year else { continue };
            let (px, py) = (x(yr), y(r.score));
            pts.push((px, py));
            s.push_str(&format!(
                "<line x1=\"{px}\" y1=\"{lo}\" x2=\"{px}\" y2=\"{hi}\" stroke=\"{colour}\" stroke-opacity=\"0.45\" stroke-width=\"3\"/>\
                 <circle class=\"year-dot\" cx=\"{px}\" cy=\"{py}\" r=\"3.5\" fill=\"{colour}\"><title>{t} {yr}: {score} [{low}, {high}], {docs} doc(s)</title></circle>\n",
                px = n(px),
                py = n(py),
                lo = n(y(r.score_low)),
                hi = n(y(r.score_high)),
                t = esc(&names.name(target)),
                score = score_text(r.score),
                low = score_text(r.score_low),
                high = score_text(r.score_high),
                docs = r.documents,
            ));
        }
        if pts.len() > 1 {
            let path: Vec<String> = pts.iter().map(|(a, b)| format!("{},{}", n(*a), n(*b))).collect();
            s.push_str(&format!("<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n", path.join(" ")));
        }
        let label = format!("vs {}", names.name(target));
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
