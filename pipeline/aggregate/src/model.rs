//! The score model: weighted stances → per-document summaries → a shrunk
//! posterior mean with an interval. Formulas are in `MODEL.md`.
//!
//! Everything here works on slices already sorted by the caller, and sums in
//! slice order, so results are bit-for-bit reproducible.
//!
//! ```ignore
//! // crate-internal; see `aggregate` for the public entry point
//! let est = estimate(&[Weighted { doc: "d1", source: "s", label: 2, weight: 0.9, doc_weight: 1.0 }], &Params::default());
//! assert!(est.score > 0.0 && est.score < 2.0);
//! ```

use crate::Params;

/// One stance after its weight has been computed (confidence × negation ×
/// hedging × mirroring × recency), ready for pooling.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Weighted<'a> {
    pub doc: &'a str,
    /// Source key: the publisher, or `doc:<doc_id>` when it is unknown.
    pub source: &'a str,
    pub label: i8,
    pub weight: f64,
    /// ρ_d: the document's recency weight within the row (the same for every
    /// stance of a document; the first stance's value is used).
    pub doc_weight: f64,
}

/// Posterior summary of one row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Estimate {
    pub score: f64,
    pub low: f64,
    pub high: f64,
    /// Σ v_d: the effective number of independent documents.
    pub mass: f64,
}

/// Largest weight a single stance can carry; keeps `1 - w` positive so one
/// document's mass stays below 1 and the product is well defined.
const MAX_STANCE_WEIGHT: f64 = 0.999;

/// A stance weight in [0, MAX_STANCE_WEIGHT]; NaN counts as 0.
fn clip(w: f64) -> f64 {
    if w.is_nan() {
        0.0
    } else {
        w.clamp(0.0, MAX_STANCE_WEIGHT)
    }
}

struct DocSummary {
    source_idx: usize,
    /// W_d = 1 − Π(1 − w_i): the document's evidence mass, in [0, 1).
    mass: f64,
    /// m_d: weighted mean label within the document.
    mean: f64,
    /// σ²_d: weighted variance of the labels within the document.
    var: f64,
    /// ρ_d: recency of the document within the row.
    recency: f64,
}

/// Pools stances into a score in [-2, 2] with a `z`-interval.
///
/// `items` must be sorted by (doc, ...) so that stances of one document are
/// adjacent; sources are looked up by first appearance.
pub(crate) fn estimate(items: &[Weighted<'_>], params: &Params) -> Estimate {
    // 1. Documents.
    let mut sources: Vec<&str> = Vec::new();
    let mut docs: Vec<DocSummary> = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let doc = items[start].doc;
        let mut end = start;
        while end < items.len() && items[end].doc == doc {
            end += 1;
        }
        let group = &items[start..end];
        let (mut sw, mut swy, mut keep) = (0.0_f64, 0.0_f64, 1.0_f64);
        for it in group {
            let w = clip(it.weight);
            sw += w;
            swy += w * f64::from(it.label);
            keep *= 1.0 - w;
        }
        if sw > 0.0 {
            let mean = swy / sw;
            let mut var = 0.0;
            for it in group {
                let w = clip(it.weight);
                var += w * (f64::from(it.label) - mean).powi(2);
            }
            var /= sw;
            let src = group[0].source;
            let source_idx = match sources.iter().position(|s| *s == src) {
                Some(i) => i,
                None => {
                    sources.push(src);
                    sources.len() - 1
                }
            };
            let recency = if group[0].doc_weight.is_nan() { 0.0 } else { group[0].doc_weight.clamp(0.0, 1.0) };
            docs.push(DocSummary { source_idx, mass: 1.0 - keep, mean, var, recency });
        }
        start = end;
    }

    // 2. Source damping: v_d = W_d · M_s^α / M_s.
    let mut source_mass = vec![0.0_f64; sources.len()];
    for d in &docs {
        source_mass[d.source_idx] += d.mass;
    }
    let damp: Vec<f64> = source_mass
        .iter()
        .map(|&m| if m > 0.0 { m.powf(params.source_exponent) / m } else { 0.0 })
        .collect();

    // 3. Posterior mean with a neutral prior of strength κ.
    let kappa = params.prior_strength.max(1e-9);
    let (mut n, mut sum) = (0.0_f64, 0.0_f64);
    for d in &docs {
        let v = d.mass * damp[d.source_idx] * d.recency;
        n += v;
        sum += v * d.mean;
    }
    let score = (sum / (kappa + n)).clamp(-2.0, 2.0);

    // 4. Spread: prior pseudo-observations (mean 0, variance τ²) plus each
    //    document's within- and between-document dispersion.
    let mut ss = kappa * (params.prior_variance + score * score);
    for d in &docs {
        let v = d.mass * damp[d.source_idx] * d.recency;
        ss += v * (d.var + (d.mean - score).powi(2));
    }
    let spread = (ss / (kappa + n)).max(0.0);
    let se = (spread / (kappa + n)).sqrt();
    // Nonsense params (negative variance or z, NaN) give the widest interval, never NaN.
    let half = if (params.interval_z * se).is_finite() { (params.interval_z * se).abs() } else { 4.0 };
    Estimate { score, low: (score - half).max(-2.0), high: (score + half).min(2.0), mass: n }
}

/// The rounded ordinal of a score: nearest label, halves away from zero.
pub(crate) fn label_of(score: f64) -> i8 {
    score.round().clamp(-2.0, 2.0) as i8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w<'a>(doc: &'a str, source: &'a str, label: i8, weight: f64) -> Weighted<'a> {
        Weighted { doc, source, label, weight, doc_weight: 1.0 }
    }

    #[test]
    fn no_evidence_is_neutral_with_the_widest_interval() {
        let e = estimate(&[], &Params::default());
        assert_eq!(e.score, 0.0);
        assert_eq!((e.low, e.high), (-2.0, 2.0));
    }

    #[test]
    fn one_document_is_shrunk_and_more_documents_narrow_the_interval() {
        let p = Params::default();
        let one = estimate(&[w("a", "A", 2, 0.9)], &p);
        assert!(one.score > 1.0 && one.score < 2.0, "{one:?}");
        let docs: Vec<String> = (0..6).map(|i| format!("d{i}")).collect();
        let srcs: Vec<String> = (0..6).map(|i| format!("s{i}")).collect();
        let many: Vec<_> = (0..6).map(|i| w(&docs[i], &srcs[i], 2, 0.9)).collect();
        let six = estimate(&many, &p);
        assert!(six.score > one.score);
        assert!(six.high - six.low < one.high - one.low);
        assert!(six.low <= six.score && six.score <= six.high);
    }

    #[test]
    fn disagreement_widens_the_interval() {
        let p = Params::default();
        let agree = estimate(&[w("a", "A", 1, 0.9), w("b", "B", 1, 0.9)], &p);
        let split = estimate(&[w("a", "A", 2, 0.9), w("b", "B", -2, 0.9)], &p);
        assert!(split.high - split.low > agree.high - agree.low);
    }

    #[test]
    fn one_source_counts_less_than_as_many_independent_sources() {
        let p = Params::default();
        let same: Vec<_> = ["a", "b", "c", "d"].iter().map(|d| w(d, "S", -2, 0.9)).collect();
        let diverse: Vec<_> = ["a", "b", "c", "d"].iter().zip(["S", "T", "U", "V"]).map(|(d, s)| w(d, s, -2, 0.9)).collect();
        assert!(estimate(&diverse, &p).score < estimate(&same, &p).score);
    }

    #[test]
    fn nonsense_params_still_give_an_interval_around_the_score() {
        let p = Params { prior_variance: -5.0, interval_z: f64::NAN, ..Params::default() };
        let e = estimate(&[w("a", "A", 1, 0.9)], &p);
        assert!(e.low <= e.score && e.score <= e.high && e.low.is_finite());
        let e = estimate(&[w("a", "A", 1, f64::NAN), w("b", "B", -1, 0.9)], &Params::default());
        assert!(e.score < 0.0 && e.score.is_finite());
        let p = Params { interval_z: -1.645, ..Params::default() };
        let e = estimate(&[w("a", "A", 1, 0.9)], &p);
        assert!(e.low < e.score && e.score < e.high);
    }

    #[test]
    fn an_older_document_of_the_row_gives_way_to_a_newer_one() {
        // An October article calls a country a close partner (+1 three times);
        // a December one lists it among the rivals (-1): the December one decides.
        let p = Params::default();
        let mut items = vec![w("dec", "A", -1, 0.85)];
        for _ in 0..3 {
            items.push(Weighted { doc_weight: 0.2, ..w("oct", "B", 1, 0.8) });
        }
        let e = estimate(&items, &p);
        assert_eq!(label_of(e.score), -1, "{e:?}");
        let flat: Vec<_> = items.iter().map(|x| Weighted { doc_weight: 1.0, ..*x }).collect();
        assert!(estimate(&flat, &p).score > e.score);
    }

    #[test]
    fn labels_round_half_away_from_zero() {
        assert_eq!(label_of(1.5), 2);
        assert_eq!(label_of(-0.5), -1);
        assert_eq!(label_of(0.49), 0);
        assert_eq!(label_of(-1.2), -1);
    }
}
