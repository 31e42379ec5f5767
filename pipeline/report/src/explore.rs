//! The world explorer: one world tile map and one ranking, with a selector
//! of the target power and of the period (`current` or any year), that
//! works from the page alone (no server, nothing loaded).
//!
//! The page carries the scores of the perspective "all" for the report's
//! targets as one JSON block (`<script type="application/json"
//! id="x-data">`: per target, per period, `[country, score×100,
//! low×100, high×100, documents, label]`) and about a hundred lines of
//! script ([`SCRIPT`]) that recolour the map and redraw the ranking when the
//! selection changes. Without script the default view (the first target,
//! `current`) is shown as rendered here, and every target's current view is
//! in its own section further down. `#view=USA/2014` in the address opens
//! that view.
//!
//! ```ignore
//! // crate-internal
//! let html = section(&["RUS"], &rows_by_cell, &linked, &names, 15);
//! assert!(html.contains("id=\"x-data\""));
//! ```

use crate::svg::esc;
use crate::Names;
use orbita_aggregate::AlignmentRow;
use std::collections::{BTreeMap, BTreeSet};

/// A score as an integer in hundredths (the JSON block's unit).
fn hundredths(x: f64) -> i64 {
    (x.clamp(-2.0, 2.0) * 100.0).round() as i64
}

/// The scores the script needs, as JSON with sorted keys (deterministic):
/// `{"names": {id: name}, "rows": {target: {period: [[country, s, lo, hi, docs, label], ...]}}}`,
/// rows of a period sorted by country id.
pub(crate) fn data_json(targets: &[&str], all: &[&AlignmentRow], names: &Names<'_>) -> String {
    let wanted: BTreeSet<&str> = targets.iter().copied().collect();
    let mut rows: BTreeMap<&str, BTreeMap<&str, Vec<serde_json::Value>>> = BTreeMap::new();
    let mut ids: BTreeSet<&str> = targets.iter().copied().collect();
    let mut sorted: Vec<&AlignmentRow> = all.iter().filter(|r| wanted.contains(r.target.as_str())).copied().collect();
    sorted.sort_by(|a, b| (&a.target, &a.period, &a.country).cmp(&(&b.target, &b.period, &b.country)));
    for r in sorted {
        ids.insert(r.country.as_str());
        rows.entry(r.target.as_str()).or_default().entry(r.period.as_str()).or_default().push(serde_json::json!([
            r.country,
            hundredths(r.score),
            hundredths(r.score_low),
            hundredths(r.score_high),
            r.documents,
            r.label
        ]));
    }
    let names: BTreeMap<&str, String> = ids.iter().map(|id| (*id, names.name(id))).collect();
    let value = serde_json::json!({ "names": names, "rows": rows });
    // Inside <script>, "</" must not appear: escape every '<' (valid JSON).
    serde_json::to_string(&value).unwrap_or_default().replace('<', "\\u003c")
}

/// The explorer section: selectors, the world map and the ranking rendered
/// for the default view, the data block and the script.
pub(crate) fn section(
    targets: &[&str],
    all: &[&AlignmentRow],
    linked: &BTreeSet<&str>,
    names: &Names<'_>,
    shown: usize,
) -> String {
    let Some(first) = targets.first().copied() else {
        return String::new();
    };
    let mut periods: BTreeSet<&str> = BTreeSet::new();
    for r in all.iter().filter(|r| r.target == first) {
        periods.insert(r.period.as_str());
    }
    let period = if periods.contains("current") { "current" } else { periods.iter().next_back().copied().unwrap_or("current") };
    let rows: Vec<&AlignmentRow> = all.iter().filter(|r| r.target == first && r.period == period).copied().collect();
    let by_id: BTreeMap<&str, &AlignmentRow> = rows.iter().map(|r| (r.country.as_str(), *r)).collect();
    let title = format!("Alignment with {}: world map ({period})", names.name(first));
    let (map, _) = crate::charts::world_map(first, &by_id, linked, names, &title, "x-map");
    let ranked = crate::charts::ranked(first, &rows, names, shown, period);

    let mut h = String::from("<section id=\"explore\"><h2>World view</h2>\n<form class=\"controls\" onsubmit=\"return false\">");
    h.push_str("<label>Power <select id=\"x-target\">");
    for t in targets {
        let sel = if *t == first { " selected" } else { "" };
        h.push_str(&format!("<option value=\"{id}\"{sel}>{}</option>", esc(&names.name(t)), id = esc(t)));
    }
    h.push_str("</select></label> <label>Period <select id=\"x-period\">");
    let mut ordered: Vec<&str> = periods.iter().copied().filter(|p| *p != "current").collect();
    ordered.reverse();
    if periods.contains("current") {
        ordered.insert(0, "current");
    }
    for p in ordered {
        let sel = if p == period { " selected" } else { "" };
        h.push_str(&format!("<option value=\"{p}\"{sel}>{p}</option>", p = esc(p)));
    }
    h.push_str(
        "</select></label> <noscript>(the selectors need script; every power's current view is in its section below)</noscript></form>\n",
    );
    h.push_str(&format!("<div class=\"chart worldmap\">{map}</div>\n<div class=\"chart\" id=\"x-rank\">{ranked}</div>\n"));
    h.push_str(&format!(
        "<script type=\"application/json\" id=\"x-data\">{}</script>\n<script>{}</script>\n</section>\n",
        data_json(targets, all, names),
        SCRIPT.replace("__SHOWN__", &shown.to_string()).replace("__HIST__", &historical_json())
    ));
    h
}

/// Successor → historical state, for the script (from `charts::HISTORICAL`).
fn historical_json() -> String {
    let map: BTreeMap<&str, &str> = crate::charts::HISTORICAL.iter().map(|(h, s)| (*s, *h)).collect();
    serde_json::to_string(&map).unwrap_or_default()
}

/// The explorer's script: recolours the world map and redraws the ranking
/// (the same drawing as `charts::ranked`) from the JSON block. No network,
/// no library.
pub(crate) const SCRIPT: &str = r##"(function () {
"use strict";
var D = JSON.parse(document.getElementById("x-data").textContent);
var ts = document.getElementById("x-target"), ps = document.getElementById("x-period");
var SHOWN = __SHOWN__, RED = [178, 24, 43], MID = [220, 220, 220], BLUE = [33, 102, 172];
var HIST = __HIST__;
var WORDS = {"-2": "adversary", "-1": "leaning against", "0": "neutral", "1": "leaning toward", "2": "ally"};
function colour(v) {
  v = Math.max(-2, Math.min(2, v));
  var to = v < 0 ? RED : BLUE, t = Math.abs(v) / 2;
  return "#" + MID.map(function (a, i) { var c = Math.round(a + (to[i] - a) * t); return (c < 16 ? "0" : "") + c.toString(16); }).join("");
}
function txt(h) { return h === 0 ? "0.00" : (h > 0 ? "+" : "\u2212") + (Math.abs(h) / 100).toFixed(2); }
function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
function name(id) { return D.names[id] || id; }
function n(x) { return String(Math.round(x * 10) / 10); }
function periods(t) {
  return Object.keys(D.rows[t] || {}).sort(function (a, b) { return a === "current" ? -1 : b === "current" ? 1 : (a < b ? 1 : a > b ? -1 : 0); });
}
function setPeriods(t, want) {
  var list = periods(t), keep = want && list.indexOf(want) >= 0 ? want : list[0];
  ps.textContent = "";
  list.forEach(function (p) { var o = document.createElement("option"); o.value = p; o.textContent = p; ps.appendChild(o); });
  ps.value = keep;
}
function ranked(t, p, rows) {
  rows = rows.slice().sort(function (a, b) { return b[1] - a[1] || (name(a[0]) < name(b[0]) ? -1 : name(a[0]) > name(b[0]) ? 1 : 0); });
  var cut = rows.length > 2 * SHOWN + 5, left = 180, plot = 460, top = 54, step = 20, gap = 96;
  var height = top + step * (cut ? 2 * SHOWN : rows.length) + (cut ? gap : 0) + 16, width = left + plot + 130;
  function x(h) { return left + (Math.max(-200, Math.min(200, h)) + 200) / 400 * plot; }
  var title = "Alignment with " + name(t) + ": countries ranked by " + (p === "current" ? "current score" : "score in " + p);
  var s = '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + n(height) + '" viewBox="0 0 ' + width + " " + n(height) +
    '" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="' + esc(title) + '">' +
    '<text x="8" y="18" font-size="14" font-weight="bold">' + esc(title) + "</text>";
  [[-2, "adversary"], [-1, "against"], [0, "neutral"], [1, "toward"], [2, "ally"]].forEach(function (v) {
    var xv = n(x(v[0] * 100));
    s += '<line x1="' + xv + '" y1="' + (top - 8) + '" x2="' + xv + '" y2="' + n(height - 10) + '" stroke="' + (v[0] === 0 ? "#888888" : "#e4e4e4") + '"/>' +
      '<text x="' + xv + '" y="' + (top - 14) + '" text-anchor="middle" fill="#555">' + (v[0] > 0 ? "+" : "") + v[0] + " " + v[1] + "</text>";
  });
  var y = top;
  rows.forEach(function (r, i) {
    if (cut && i >= SHOWN && i < rows.length - SHOWN) {
      if (i === SHOWN) { s += summary(rows, rows.slice(SHOWN, rows.length - SHOWN), y, gap, left, plot); y += gap; }
      return;
    }
    var cy = y + step / 2, nm = name(r[0]); y += step;
    var label = nm.length > 26 ? nm.slice(0, 25).trim() + "\u2026" : nm;
    s += '<a href="#c-' + esc(r[0]) + '"><text x="' + (left - 10) + '" y="' + n(cy + 4) + '" text-anchor="end">' + esc(label) + "</text></a>" +
      '<line x1="' + n(x(r[2])) + '" y1="' + n(cy) + '" x2="' + n(x(r[3])) + '" y2="' + n(cy) + '" stroke="#555" stroke-width="2"/>' +
      [r[2], r[3]].map(function (e) { return '<line x1="' + n(x(e)) + '" y1="' + n(cy - 4) + '" x2="' + n(x(e)) + '" y2="' + n(cy + 4) + '" stroke="#555"/>'; }).join("") +
      '<circle class="score-dot" cx="' + n(x(r[1])) + '" cy="' + n(cy) + '" r="6" fill="' + colour(r[1] / 100) + '" stroke="#222"><title>' +
      esc(nm) + ": " + txt(r[1]) + " [" + txt(r[2]) + ", " + txt(r[3]) + "], " + WORDS[r[5]] + "; " + r[4] + " documents</title></circle>" +
      '<text x="' + (left + plot + 12) + '" y="' + n(cy + 4) + '" fill="#333">' + (i + 1) + ". " + txt(r[1]) + " \u00b7 " + r[4] + " doc" + (r[4] === 1 ? "" : "s") + "</text>";
  });
  return s + "</svg>";
}
function summary(all, mid, y0, h, left, plot) {
  var counts = [], i, max = 1, bw = plot / 20, base = y0 + h - 30;
  for (i = 0; i < 20; i++) counts.push(0);
  all.forEach(function (r) { counts[Math.min(19, Math.floor((Math.max(-200, Math.min(200, r[1])) + 200) / 400 * 20))]++; });
  counts.forEach(function (c) { max = Math.max(max, c); });
  var s = '<g class="rank-summary"><rect x="' + left + '" y="' + n(y0 + 4) + '" width="' + plot + '" height="' + (h - 8) + '" fill="#fafafa" stroke="#e4e4e4"/>';
  counts.forEach(function (c, i) {
    if (!c) return;
    var bh = (h - 44) * c / max, lo = -200 + 400 * i / 20;
    s += '<rect class="hist-bar" x="' + n(left + bw * i + 1) + '" y="' + n(base - bh) + '" width="' + n(bw - 2) + '" height="' + n(bh) + '" fill="' + colour(lo / 100 + 0.1) +
      '"><title>' + c + (c === 1 ? " country" : " countries") + " from " + txt(lo) + " to " + txt(lo + 20) + "</title></rect>";
  });
  return s + '<text x="' + n(left + plot / 2) + '" y="' + n(base + 18) + '" text-anchor="middle" fill="#333">\u2026 ' + mid.length + " more countries from " +
    txt(mid[0][1]) + " to " + txt(mid[mid.length - 1][1]) + " (median " + txt(mid[Math.floor(mid.length / 2)][1]) + "); bars: all " + all.length + " countries</text></g>";
}
function paint() {
  var t = ts.value, p = ps.value, rows = (D.rows[t] || {})[p] || [], by = {};
  rows.forEach(function (r) { by[r[0]] = r; });
  Array.prototype.forEach.call(document.querySelectorAll("#x-map g[data-c]"), function (g) {
    var c = g.getAttribute("data-c"), r = by[c], rect = g.querySelector("rect"), tx = g.querySelector("text"), ti = g.querySelector("title");
    var id = c, label = name(c);
    if (!r && c !== t && HIST[c] && by[HIST[c]]) { id = HIST[c]; r = by[id]; label = name(id) + " (on the tile of " + name(c) + ")"; }
    tx.textContent = id;
    var v = r ? ["tile data", colour(r[1] / 100), "#333333", "none", Math.abs(r[1]) > 110 ? "#ffffff" : "#1a1a1a",
                 label + ": " + txt(r[1]) + " [" + txt(r[2]) + ", " + txt(r[3]) + "], " + WORDS[r[5]]]
      : c === t ? ["tile context", "#111111", "#111111", "none", "#ffffff", name(c) + ": the target"]
      : ["tile context", "#ffffff", "#bbbbbb", "3 2", "#999999", name(c) + ": no evidence"];
    g.setAttribute("class", v[0]); rect.setAttribute("fill", v[1]); rect.setAttribute("stroke", v[2]);
    rect.setAttribute("stroke-dasharray", v[3]); tx.setAttribute("fill", v[4]); ti.textContent = v[5];
  });
  document.querySelector("#x-map .map-title").textContent = "Alignment with " + name(t) + ": world map (" + p + ")";
  document.getElementById("x-rank").innerHTML = ranked(t, p, rows);
  document.body.setAttribute("data-explorer", t + "/" + p);
}
var m = /view=([^/&]+)\/([^&]+)/.exec(decodeURIComponent(location.hash || ""));
if (m && D.rows[m[1]]) ts.value = m[1];
setPeriods(ts.value, m ? m[2] : ps.value);
ts.addEventListener("change", function () { setPeriods(ts.value, ps.value); paint(); });
ps.addEventListener("change", paint);
paint();
})();"##;
