//! orbita-aggregate: stances → alignment of a country with a power, per
//! year and for the current state, with an interval and the evidence.
//!
//! Pure: takes [`Observation`]s (one per row of the `stances` table joined
//! with its document's date and source) and returns [`AlignmentRow`]s, which
//! the table layer writes as the `alignment` table. No I/O, no Arrow.
//!
//! * Periods: a stance counts in the years its sentence names, else in its
//!   document's year; the "current" row pools every stance with a recency
//!   weight.
//! * Score: confidence-weighted labels pooled per document, damped per
//!   source, shrunk toward 0 by a neutral prior; see `MODEL.md`.
//! * Perspective: the same rows for all sources, per source kind and per
//!   source.
//!
//! ```
//! use orbita_aggregate::{aggregate, Observation, Params};
//! use orbita_text::Date;
//! let obs = Observation {
//!     doc_id: "d1".into(), sentence: 3,
//!     actor: "NIC".into(), target: "RUS".into(),
//!     label: 2, confidence: 0.9, negated: false, hedged: false,
//!     year_from: None, year_to: None,
//!     doc_date: Some(Date::new(2025, 10, 16).unwrap()),
//!     source: "Toutiao".into(), source_kind: "analysis".into(), attributed_to: None,
//! };
//! let rows = aggregate(&[obs], &Params::default());
//! let year = rows.iter().find(|r| r.period == "2025" && r.perspective == "all").unwrap();
//! assert_eq!((year.country.as_str(), year.target.as_str()), ("NIC", "RUS"));
//! assert!(year.score > 1.0 && year.score_low <= year.score && year.score <= year.score_high);
//! assert_eq!(year.evidence, vec![("d1".to_string(), 3)]);
//! ```

mod model;
mod params;
mod periods;

pub use params::{Params, MODEL_VERSION};

use model::{estimate, label_of, Weighted};
use orbita_text::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The period value of the latest-state rows.
pub const CURRENT: &str = "current";
/// The perspective value of rows pooled over every source.
pub const ALL: &str = "all";

/// One stance, with what the aggregate needs to know about its document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Document the stance was read from.
    pub doc_id: String,
    /// Sentence index within the document.
    pub sentence: u32,
    /// Who takes the stance (ISO alpha-3 or bloc id); becomes `country`.
    pub actor: String,
    /// Toward whom; becomes `target`.
    pub target: String,
    /// Final label, −2 adversary … +2 ally (negation already applied).
    pub label: i8,
    /// Confidence in the label, in [0, 1].
    pub confidence: f64,
    /// The cue was negated.
    pub negated: bool,
    /// The cue was hedged.
    pub hedged: bool,
    /// First year the sentence places the stance in.
    pub year_from: Option<i32>,
    /// Last year the sentence places the stance in (`None` with a
    /// `year_from` means open-ended: "since 2022").
    pub year_to: Option<i32>,
    /// The document's date (`date_from`).
    pub doc_date: Option<Date>,
    /// The document's publisher, "" if unknown.
    pub source: String,
    /// "analysis", "government", "news", … "" if unknown.
    pub source_kind: String,
    /// Whose classification the sentence reports, if not the author's.
    pub attributed_to: Option<String>,
}

/// One row of the `alignment` table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignmentRow {
    /// The aligned country (the stances' actor).
    pub country: String,
    /// The power it aligns with or against (the stances' target).
    pub target: String,
    /// A year ("2025") or "current".
    pub period: String,
    /// "all", "source_kind:<kind>" or "source:<name>".
    pub perspective: String,
    /// The year of a year row, `None` for "current".
    pub year: Option<i32>,
    /// Posterior mean alignment in [−2, 2].
    pub score: f64,
    /// Lower bound of the interval.
    pub score_low: f64,
    /// Upper bound of the interval.
    pub score_high: f64,
    /// Rounded ordinal of `score`.
    pub label: i8,
    /// Stances pooled (mirrored ones and those counted through a power's adversary included).
    pub stances: u32,
    /// Distinct documents.
    pub documents: u32,
    /// Distinct sources (a document of unknown source is its own source).
    pub sources: u32,
    /// Of `stances`, those read indirectly: a power's own stances toward the country (mirrored)
    /// and the country's stances toward the power's adversaries of the period, sign turned.
    pub indirect: u32,
    /// Stances per label −2, −1, 0, +1, +2.
    pub counts: [u32; 5],
    /// Strongest evidence first: (doc_id, sentence index).
    pub evidence: Vec<(String, u32)>,
}

/// A stance as pooled into one (country, target) pair.
#[derive(Clone)]
struct Entry<'a> {
    country: &'a str,
    target: &'a str,
    obs: &'a Observation,
    /// The label it counts with: the stance's own, or its opposite when counted through an
    /// adversary of the power (see `Params::adversary_score`).
    label: i8,
    /// Source key: publisher, or `doc:<id>` when unknown.
    source: String,
    /// confidence × negation × hedging × mirroring or balance.
    weight: f64,
    span: Option<(i32, i32)>,
    /// Counted from a power's stance toward the country (see `Params::powers`), or from the
    /// country's stance toward one of the power's adversaries: evidence the row's own statements
    /// outrank.
    indirect: bool,
}

fn base_weight(o: &Observation, params: &Params) -> f64 {
    let c = if o.confidence.is_nan() { 0.0 } else { o.confidence.clamp(0.0, 1.0) };
    let mut w = c;
    if o.negated {
        w *= params.negated_weight;
    }
    if o.hedged {
        w *= params.hedged_weight;
    }
    w.max(0.0)
}

/// Aggregates stances into alignment rows.
///
/// Rows sorted by (country, target, period, perspective); deterministic
/// regardless of input order. One row per (country, target, perspective,
/// year with evidence) and one "current" row per (country, target,
/// perspective). Labels outside −2..=2 are clamped; a NaN confidence counts
/// as 0.
pub fn aggregate(observations: &[Observation], params: &Params) -> Vec<AlignmentRow> {
    // Canonical input order, so every sum below runs in the same order.
    let mut sorted: Vec<&Observation> = observations.iter().collect();
    sorted.sort_by(|a, b| obs_key(a).cmp(&obs_key(b)));

    // The reference "now" of the current rows: the latest document year,
    // else the latest year any sentence names.
    let reference = sorted
        .iter()
        .filter_map(|o| o.doc_date.map(|d| d.year))
        .max()
        .or_else(|| sorted.iter().filter_map(|o| o.year_to.or(o.year_from)).max());

    let direct: HashSet<(&str, u32, &str, &str)> =
        sorted.iter().map(|o| (o.doc_id.as_str(), o.sentence, o.actor.as_str(), o.target.as_str())).collect();

    let mut entries: Vec<Entry<'_>> = Vec::with_capacity(sorted.len() * 2);
    for o in &sorted {
        if o.actor.is_empty() || o.target.is_empty() || o.actor == o.target {
            continue;
        }
        let source = if o.source.is_empty() { format!("doc:{}", o.doc_id) } else { o.source.clone() };
        let span = periods::span(o.year_from, o.year_to, o.doc_date.map(|d| d.year), params.max_span_years);
        let weight = base_weight(o, params);
        let label = o.label.clamp(-2, 2);
        entries.push(Entry { country: &o.actor, target: &o.target, obs: o, label, source: source.clone(), weight, span, indirect: false });
        // A power's stance toward a country also says where that country
        // stands with the power, unless the sentence already gave it.
        if params.is_power(&o.actor) && !direct.contains(&(o.doc_id.as_str(), o.sentence, o.target.as_str(), o.actor.as_str())) {
            entries.push(Entry {
                country: &o.target,
                target: &o.actor,
                obs: o,
                label,
                source,
                weight: weight * params.mirror_weight,
                span,
                indirect: true,
            });
        }
    }
    if params.adversary_score < -2.0 || params.powers.is_empty() {
        return rows_of(entries, reference, params);
    }
    // A country's stance toward a power's adversary of the period, sign turned, is evidence of its
    // alignment with the power (the enemy of a friend), unless the sentence already gave it. The
    // adversaries are read from the `all` rows of the stances alone, so that first pass leaves the
    // per-source perspectives out.
    let all_only = Params { per_source_kind: false, per_source: false, ..params.clone() };
    let first_pass = rows_of(entries.clone(), reference, &all_only);
    let adversaries = adversaries(&first_pass, params);
    let mut powers: Vec<&str> = params.powers.iter().map(String::as_str).collect();
    powers.sort_unstable();
    powers.dedup();
    let mut balanced = Vec::new();
    for e in entries.iter().filter(|e| !e.indirect) {
        let Some((first, last)) = e.span else { continue };
        for &power in &powers {
            if power == e.country || power == e.target || direct.contains(&(e.obs.doc_id.as_str(), e.obs.sentence, e.country, power)) {
                continue;
            }
            let held = (first..=last).all(|y| adversaries.get(&(power, y)).is_some_and(|a| a.contains(e.target)));
            if held {
                balanced.push(Entry { target: power, label: -e.label, weight: e.weight * params.balance_weight, indirect: true, ..e.clone() });
            }
        }
    }
    entries.extend(balanced);
    rows_of(entries, reference, params)
}

/// The adversaries of each power per year, from the `all` year rows of the stances alone: the
/// sides it stands against at `adversary_score` or below, in at least `adversary_documents`
/// documents, and that stand against it.
fn adversaries<'r>(rows: &'r [AlignmentRow], params: &Params) -> HashMap<(&'r str, i32), BTreeSet<&'r str>> {
    let year_rows = || rows.iter().filter(|r| r.perspective == ALL).filter_map(|r| r.year.map(|y| (r, y)));
    let against_power: HashSet<(&str, &str, i32)> =
        year_rows().filter(|(r, _)| r.score < 0.0 && params.is_power(&r.target)).map(|(r, y)| (r.country.as_str(), r.target.as_str(), y)).collect();
    let mut out: HashMap<(&str, i32), BTreeSet<&str>> = HashMap::new();
    for (r, y) in year_rows() {
        if params.is_power(&r.country) && r.score <= params.adversary_score && r.documents >= params.adversary_documents && against_power.contains(&(r.target.as_str(), r.country.as_str(), y)) {
            out.entry((r.country.as_str(), y)).or_default().insert(r.target.as_str());
        }
    }
    out
}

/// The rows of every (country, target) pair of `entries`.
fn rows_of(mut entries: Vec<Entry<'_>>, reference: Option<i32>, params: &Params) -> Vec<AlignmentRow> {
    entries.sort_by(|a, b| {
        (a.country, a.target, &a.obs.doc_id, a.obs.sentence)
            .cmp(&(b.country, b.target, &b.obs.doc_id, b.obs.sentence))
            .then_with(|| obs_key(a.obs).cmp(&obs_key(b.obs)))
            .then_with(|| (a.indirect, a.label).cmp(&(b.indirect, b.label)))
    });

    let mut rows = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let (c, t) = (entries[start].country, entries[start].target);
        let mut end = start;
        while end < entries.len() && entries[end].country == c && entries[end].target == t {
            end += 1;
        }
        pair_rows(&entries[start..end], reference, params, &mut rows);
        start = end;
    }
    rows.sort_by(|a, b| {
        (&a.country, &a.target, &a.period, &a.perspective).cmp(&(&b.country, &b.target, &b.period, &b.perspective))
    });
    rows
}

type ObsKey<'a> = ((&'a str, u32, &'a str, &'a str, i8, u64), (bool, bool, Option<i32>, Option<i32>, Option<Date>, &'a str, &'a str));

fn obs_key(o: &Observation) -> ObsKey<'_> {
    (
        (&o.doc_id, o.sentence, &o.actor, &o.target, o.label, o.confidence.to_bits()),
        (o.negated, o.hedged, o.year_from, o.year_to, o.doc_date, &o.source, &o.source_kind),
    )
}

/// Which stances a perspective keeps.
enum Filter<'a> {
    All,
    Kind(&'a str),
    Source(&'a str),
}

impl Filter<'_> {
    fn keeps(&self, e: &Entry<'_>) -> bool {
        match self {
            Filter::All => true,
            Filter::Kind(k) => e.obs.source_kind == *k,
            Filter::Source(s) => e.obs.source == *s,
        }
    }
}

/// All rows of one (country, target) pair.
fn pair_rows(pair: &[Entry<'_>], reference: Option<i32>, params: &Params, out: &mut Vec<AlignmentRow>) {
    let mut perspectives: Vec<(String, Filter<'_>)> = vec![(ALL.to_string(), Filter::All)];
    if params.per_source_kind {
        let kinds: BTreeSet<&str> = pair.iter().map(|e| e.obs.source_kind.as_str()).filter(|k| !k.is_empty()).collect();
        perspectives.extend(kinds.into_iter().map(|k| (format!("source_kind:{k}"), Filter::Kind(k))));
    }
    if params.per_source {
        let names: BTreeSet<&str> = pair.iter().map(|e| e.obs.source.as_str()).filter(|s| !s.is_empty()).collect();
        perspectives.extend(names.into_iter().map(|s| (format!("source:{s}"), Filter::Source(s))));
    }
    for (name, keep) in &perspectives {
        let chosen: Vec<&Entry<'_>> = pair.iter().filter(|e| keep.keeps(e)).collect();
        let years: BTreeSet<i32> = chosen.iter().filter_map(|e| e.span).flat_map(|(a, b)| a..=b).collect();
        for year in years {
            let items: Vec<(&Entry<'_>, f64)> = chosen
                .iter()
                .filter(|e| e.span.is_some_and(|(a, b)| a <= year && year <= b))
                .map(|e| (*e, e.weight))
                .collect();
            out.push(row(&without_shadowed_indirect(items), year.to_string(), Some(year), name, params));
        }
        let items: Vec<(&Entry<'_>, f64)> = chosen
            .iter()
            .map(|e| {
                let r = match (e.span, reference) {
                    (Some((_, last)), Some(now)) => periods::recency(last, now, params.half_life_years),
                    (Some(_), None) => 1.0,
                    (None, _) => params.undated_weight,
                };
                (*e, e.weight * r)
            })
            .collect();
        out.push(row(&without_shadowed_indirect(items), CURRENT.to_string(), None, name, params));
    }
}

/// Indirect stances (mirrored, or through an adversary) stand in for a
/// document's silence: where a document says how the country itself stands
/// with the power, the document's indirect stances are left out of the row.
fn without_shadowed_indirect<'e, 'a>(items: Vec<(&'e Entry<'a>, f64)>) -> Vec<(&'e Entry<'a>, f64)> {
    if !items.iter().any(|(e, _)| e.indirect) {
        return items;
    }
    let direct: BTreeSet<&str> = items.iter().filter(|(e, _)| !e.indirect).map(|(e, _)| e.obs.doc_id.as_str()).collect();
    if direct.is_empty() {
        return items;
    }
    items.into_iter().filter(|(e, _)| !e.indirect || !direct.contains(e.obs.doc_id.as_str())).collect()
}

/// One row from the stances placed in it, with their final weights.
fn row(items: &[(&Entry<'_>, f64)], period: String, year: Option<i32>, perspective: &str, params: &Params) -> AlignmentRow {
    let first = items[0].0;
    // Newer documents of the row decide: each document's weight halves every
    // `doc_half_life_days` behind the newest dated document of the row.
    // The reference is the newest document where the country itself speaks or
    // is described: a power's stance toward it (mirrored) does not age out
    // the country's own stated stance.
    // In a year row, a document dated after the year looks back on it: it
    // neither sets the reference nor ages (model v4). Otherwise a later
    // speech's remark about the year before would age out every report of
    // that year.
    let retrospective = |e: &Entry<'_>| matches!((year, e.obs.doc_date), (Some(y), Some(d)) if d.year > y);
    let dated = |indirect_too: bool| {
        items
            .iter()
            .filter(|(e, _)| indirect_too || !e.indirect)
            .filter(|(e, _)| !retrospective(e))
            .filter_map(|(e, _)| e.obs.doc_date)
            .max()
    };
    let newest = dated(false).or_else(|| dated(true));
    let weighted: Vec<Weighted<'_>> = items
        .iter()
        .map(|(e, w)| Weighted {
            doc: &e.obs.doc_id,
            source: &e.source,
            label: e.label,
            weight: *w,
            doc_weight: if retrospective(e) { 1.0 } else { periods::doc_recency(e.obs.doc_date, newest, params.doc_half_life_days) },
        })
        .collect();
    let est = estimate(&weighted, params);

    let mut counts = [0u32; 5];
    for (e, _) in items {
        counts[(e.label + 2) as usize] += 1;
    }
    // Items come sorted by (doc_id, sentence): documents and sentences are runs.
    let documents = items.iter().enumerate().filter(|(i, (e, _))| *i == 0 || items[i - 1].0.obs.doc_id != e.obs.doc_id).count() as u32;
    let mut source_keys: Vec<&str> = items.iter().map(|(e, _)| e.source.as_str()).collect();
    source_keys.sort_unstable();
    source_keys.dedup();
    let sources = source_keys.len() as u32;
    let indirect = items.iter().filter(|(e, _)| e.indirect).count() as u32;

    // Strongest evidence: weight × agreement with the score; one entry per sentence.
    let mut ranked: Vec<((&str, u32), f64)> = Vec::new();
    for (e, w) in items {
        let agree = 1.0 - (f64::from(e.label) - est.score).abs() / 4.0;
        let strength = w * agree;
        let key = (e.obs.doc_id.as_str(), e.obs.sentence);
        match ranked.last_mut() {
            Some((k, best)) if *k == key => *best = best.max(strength),
            _ => ranked.push((key, strength)),
        }
    }
    ranked.retain(|(_, s)| *s > 0.0);
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let evidence = ranked.into_iter().take(params.max_evidence).map(|((d, s), _)| (d.to_string(), s)).collect();

    AlignmentRow {
        country: first.country.to_string(),
        target: first.target.to_string(),
        period,
        perspective: perspective.to_string(),
        year,
        score: est.score,
        score_low: est.low,
        score_high: est.high,
        label: label_of(est.score),
        stances: items.len() as u32,
        documents,
        sources,
        indirect,
        counts,
        evidence,
    }
}

#[cfg(test)]
mod tests;
