//! Deterministic training: a multinomial logistic regression with L2
//! regularisation, fitted by L-BFGS in one fixed order (one thread, sums in
//! example order), hyper-parameters chosen by k-fold cross-validation on the
//! training rows, and a softmax temperature fitted on the out-of-fold scores.
//!
//! ```
//! use orbita_model::train::{fit, Example, Settings};
//! let ex = |f: &[&str], class| Example { features: f.iter().map(|s| s.to_string()).collect(), class, group: 0 };
//! let data = vec![ex(&["bias", "btw:ally"], 4), ex(&["bias", "btw:rival"], 1), ex(&["bias"], 5)];
//! let w = fit(&data, &Settings { l2: 0.01, balance: 0.0, min_count: 1, iterations: 200 }, 1.0, vec![]);
//! assert!(w.row("btw:ally").unwrap()[4] > 0.0);
//! ```

use crate::features::NONE;
use crate::metrics::Confusion;
use crate::weights::{decide_log, decide_with, log_probabilities, softmax, Weights};
use std::collections::BTreeMap;

/// One training row: the candidate's feature names and its gold class.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// Feature names (repeats are ignored).
    pub features: Vec<String>,
    /// Gold class index (see [`crate::CLASSES`]).
    pub class: usize,
    /// Fold key: rows with the same key (one sentence) share a fold.
    pub group: u64,
}

/// The settings of one fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// L2 penalty per unit of (weighted) training rows.
    pub l2: f64,
    /// Class weighting: a row of class c weighs (n / (6 n_c))^balance; 0 = unweighted, 1 = balanced.
    pub balance: f64,
    /// Features seen in fewer training rows than this are left out.
    pub min_count: usize,
    /// L-BFGS iterations.
    pub iterations: usize,
}

impl Settings {
    /// The settings as `meta` rows of the weights file.
    pub fn meta(&self) -> Vec<(String, String)> {
        vec![
            ("l2".into(), format!("{}", self.l2)),
            ("balance".into(), format!("{}", self.balance)),
            ("min_count".into(), self.min_count.to_string()),
            ("iterations".into(), self.iterations.to_string()),
        ]
    }
}

/// Rows as sorted, deduplicated indices into a vocabulary.
struct Encoded {
    vocab: Vec<String>,
    rows: Vec<Vec<u32>>,
    classes: Vec<usize>,
    weights: Vec<f64>,
}

fn encode(examples: &[&Example], s: &Settings) -> Encoded {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        let mut f: Vec<&str> = e.features.iter().map(String::as_str).collect();
        f.sort_unstable();
        f.dedup();
        for x in f {
            *counts.entry(x).or_default() += 1;
        }
    }
    let vocab: Vec<String> = counts.iter().filter(|(k, c)| **c >= s.min_count || **k == "bias").map(|(k, _)| k.to_string()).collect();
    let index: BTreeMap<&str, u32> = vocab.iter().enumerate().map(|(i, v)| (v.as_str(), i as u32)).collect();
    let rows = examples
        .iter()
        .map(|e| {
            let mut r: Vec<u32> = e.features.iter().filter_map(|f| index.get(f.as_str()).copied()).collect();
            r.sort_unstable();
            r.dedup();
            r
        })
        .collect();
    let mut n_c = [0usize; 6];
    for e in examples {
        n_c[e.class] += 1;
    }
    let n = examples.len() as f64;
    let weights = examples.iter().map(|e| (n / (6.0 * n_c[e.class] as f64)).powf(s.balance)).collect();
    Encoded { vocab, rows, classes: examples.iter().map(|e| e.class).collect(), weights }
}

/// Loss (weighted mean cross-entropy plus L2) and its gradient at `theta` (vocab × 6, row-major).
fn loss_grad(enc: &Encoded, l2: f64, bias: Option<usize>, theta: &[f64], grad: &mut [f64]) -> f64 {
    grad.iter_mut().for_each(|g| *g = 0.0);
    let total: f64 = enc.weights.iter().sum();
    let mut loss = 0.0;
    for ((row, &y), &w) in enc.rows.iter().zip(&enc.classes).zip(&enc.weights) {
        let mut z = [0.0; 6];
        for &f in row {
            let t = &theta[f as usize * 6..f as usize * 6 + 6];
            for k in 0..6 {
                z[k] += t[k];
            }
        }
        let p = softmax(&z, 1.0);
        loss -= w * p[y].max(1e-300).ln();
        let mut d = p;
        d[y] -= 1.0;
        for &f in row {
            let g = &mut grad[f as usize * 6..f as usize * 6 + 6];
            for k in 0..6 {
                g[k] += w * d[k];
            }
        }
    }
    loss /= total;
    grad.iter_mut().for_each(|g| *g /= total);
    for (i, (g, t)) in grad.iter_mut().zip(theta).enumerate() {
        if Some(i / 6) != bias {
            *g += l2 * t;
            loss += 0.5 * l2 * t * t;
        }
    }
    loss
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises the loss with L-BFGS (memory 10, backtracking Armijo line search).
fn lbfgs(enc: &Encoded, s: &Settings) -> Vec<f64> {
    let n = enc.vocab.len() * 6;
    let bias = enc.vocab.iter().position(|v| v == "bias");
    let mut x = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut f = loss_grad(enc, s.l2, bias, &x, &mut g);
    let mut hist: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let (mut xn, mut gn) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..s.iterations {
        // Two-loop recursion: d = -H g.
        let mut q = g.clone();
        let mut alpha = Vec::with_capacity(hist.len());
        for (sv, yv, rho) in hist.iter().rev() {
            let a = rho * dot(sv, &q);
            q.iter_mut().zip(yv).for_each(|(qi, yi)| *qi -= a * yi);
            alpha.push(a);
        }
        if let Some((sv, yv, _)) = hist.last() {
            let gamma = dot(sv, yv) / dot(yv, yv);
            q.iter_mut().for_each(|qi| *qi *= gamma);
        } else {
            let norm = dot(&g, &g).sqrt().max(1e-12);
            q.iter_mut().for_each(|qi| *qi /= norm);
        }
        for ((sv, yv, rho), a) in hist.iter().zip(alpha.iter().rev()) {
            let b = rho * dot(yv, &q);
            q.iter_mut().zip(sv).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        let d: Vec<f64> = q.iter().map(|v| -v).collect();
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            hist.clear();
            continue;
        }
        let mut step = 1.0;
        let mut fnew;
        loop {
            xn.iter_mut().zip(&x).zip(&d).for_each(|((o, xi), di)| *o = xi + step * di);
            fnew = loss_grad(enc, s.l2, bias, &xn, &mut gn);
            if fnew <= f + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let sv: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&sv, &yv);
        std::mem::swap(&mut x, &mut xn);
        std::mem::swap(&mut g, &mut gn);
        let done = (f - fnew).abs() <= 1e-10 * f.abs().max(1.0);
        f = fnew;
        if sy > 1e-12 {
            hist.push((sv, yv, 1.0 / sy));
            if hist.len() > 10 {
                hist.remove(0);
            }
        }
        if done || dot(&g, &g).sqrt() < 1e-7 {
            break;
        }
    }
    x
}

/// Fits the model on `examples` and returns its weights (with `temperature` and `meta`).
pub fn fit(examples: &[Example], s: &Settings, temperature: f64, meta: Vec<(String, String)>) -> Weights {
    let refs: Vec<&Example> = examples.iter().collect();
    let enc = encode(&refs, s);
    let theta = lbfgs(&enc, s);
    let rows = enc.vocab.iter().enumerate().map(|(i, v)| (v.clone(), std::array::from_fn(|k| theta[i * 6 + k]))).collect();
    Weights::new(temperature, meta, rows)
}

/// The fold of a row among `k`.
pub fn fold_of(e: &Example, k: usize) -> usize {
    (e.group % k as u64) as usize
}

/// Out-of-fold class scores (before temperature) of every example: fold i is
/// scored by a model fitted on the other folds.
pub fn cross_val_scores(examples: &[Example], s: &Settings, k: usize) -> Vec<[f64; 6]> {
    let mut out = vec![[0.0; 6]; examples.len()];
    for fold in 0..k {
        let train: Vec<Example> = examples.iter().filter(|e| fold_of(e, k) != fold).cloned().collect();
        if train.is_empty() {
            continue;
        }
        let w = fit(&train, s, 1.0, vec![]);
        for (e, o) in examples.iter().zip(out.iter_mut()) {
            if fold_of(e, k) == fold {
                let mut h: Vec<u64> = e.features.iter().map(|f| crate::features::fnv1a(f)).collect();
                *o = w.scores(&mut h);
            }
        }
    }
    out
}

/// Index of the largest score (the first on a tie).
pub fn argmax(z: &[f64; 6]) -> usize {
    let mut best = NONE;
    for k in 0..6 {
        if z[k] > z[best] {
            best = k;
        }
    }
    best
}

/// The confusion of the gold classes of `examples` against the class `decide` gives each of `rows`
/// (one per example, in order).
fn confusion_of<T>(examples: &[Example], rows: &[T], decide: impl Fn(&T) -> usize) -> Confusion {
    let mut c = Confusion::default();
    for (e, r) in examples.iter().zip(rows) {
        c.add(e.class, decide(r));
    }
    c
}

/// Macro-F1 of the arg-max predictions of `scores` against `examples`.
pub fn macro_f1(examples: &[Example], scores: &[[f64; 6]]) -> f64 {
    confusion_of(examples, scores, argmax).macro_f1()
}

/// The temperature (on a grid 0.30, 0.31, … 5.00) that minimises the mean
/// negative log-likelihood of the gold classes under softmax(z / T).
pub fn fit_temperature(examples: &[Example], scores: &[[f64; 6]]) -> f64 {
    let nll = |t: f64| -> f64 { examples.iter().zip(scores).map(|(e, z)| -softmax(z, t)[e.class].max(1e-300).ln()).sum::<f64>() };
    let mut best = (1.0, nll(1.0));
    for i in 30..=500 {
        let t = i as f64 / 100.0;
        let v = nll(t);
        if v < best.1 {
            best = (t, v);
        }
    }
    best.0
}

/// The calibration of row confidences: an isotonic (pool-adjacent-violators) fit of "the row was
/// right" on the probability of its class, over the out-of-fold rows (examples whose class decided
/// with `offsets` under `softmax(z / temperature)` is a label), as points (mean probability, share right) of
/// its blocks, rounded to four places; blocks of fewer than `min_block` rows are pooled with the next.
pub fn fit_calibration(examples: &[Example], scores: &[[f64; 6]], temperature: f64, offsets: &[f64; 6], min_block: usize) -> Vec<(f64, f64)> {
    let mut rows: Vec<(f64, f64)> = examples
        .iter()
        .zip(scores)
        .filter_map(|(e, z)| {
            let p = softmax(z, temperature);
            let c = decide_with(&p, offsets);
            (c != NONE).then_some((p[c], if e.class == c { 1.0 } else { 0.0 }))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Blocks: (sum p, sum right, n).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (p, y) in rows {
        blocks.push((p, y, 1));
        while blocks.len() >= 2 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            let violates = a.1 / a.2 as f64 >= b.1 / b.2 as f64 || a.2 < min_block;
            if !violates {
                break;
            }
            blocks.pop();
            let last = blocks.last_mut().expect("two blocks");
            *last = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (sp, sy, n) in blocks {
        let (x, y) = ((sp / n as f64 * 1e4).round() / 1e4, (sy / n as f64 * 1e4).round() / 1e4);
        if out.last().is_none_or(|&(px, py)| x > px && y >= py) {
            out.push((x, y));
        }
    }
    out
}

/// The class offsets chosen on out-of-fold scores, with their figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OffsetFit {
    /// Log-probability offsets per class (none last, always 0).
    pub offsets: [f64; 6],
    /// Out-of-fold macro-F1 over the six classes with these offsets.
    pub macro_f1: f64,
    /// Pair precision.
    pub precision: f64,
    /// Pair recall.
    pub recall: f64,
}

/// The class offsets ([`Weights::offsets`]) of highest out-of-fold macro-F1 among those whose pair
/// precision reaches `min_precision`: coordinate ascent from −1 on every label, each label's offset
/// in turn over −3.0, −2.9, … 2.0, then a shift of all labels over −1.0 … 1.0, three rounds; a change
/// is kept only when it raises macro-F1 (so the result is the same whatever the machine). When no
/// tried setting reaches the floor, the offsets are all zero (the plain arg-max).
pub fn fit_offsets(examples: &[Example], scores: &[[f64; 6]], temperature: f64, min_precision: f64) -> OffsetFit {
    // Log-probabilities once: every setting tried re-decides every row.
    let logp: Vec<[f64; 6]> = scores.iter().map(|z| log_probabilities(&softmax(z, temperature))).collect();
    let figures = |offsets: [f64; 6]| {
        let c = confusion_of(examples, &logp, |l| decide_log(l, &offsets));
        OffsetFit { offsets, macro_f1: c.macro_f1(), precision: c.pair_precision().0, recall: c.pair_recall().0 }
    };
    let mut best: Option<OffsetFit> = None;
    let consider = |offsets: [f64; 6], best: &mut Option<OffsetFit>| {
        let f = figures(offsets);
        if f.precision >= min_precision && best.is_none_or(|b| f.macro_f1 > b.macro_f1 + 1e-12) {
            *best = Some(f);
        }
    };
    let start = [-1.0, -1.0, -1.0, -1.0, -1.0, 0.0];
    consider(start, &mut best);
    for _ in 0..3 {
        for k in 0..NONE {
            for i in -30..=20 {
                let mut o = best.map_or(start, |b| b.offsets);
                o[k] = f64::from(i) / 10.0;
                consider(o, &mut best);
            }
        }
        for i in -10..=10 {
            let mut o = best.map_or(start, |b| b.offsets);
            for x in &mut o[..NONE] {
                *x = ((*x + f64::from(i) / 10.0) * 10.0).round() / 10.0;
            }
            consider(o, &mut best);
        }
    }
    best.unwrap_or_else(|| figures([0.0; 6]))
}

/// One row threshold's out-of-fold figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThresholdTrial {
    /// The threshold on calibrated confidence.
    pub threshold: f64,
    /// Macro-F1 over the six classes.
    pub macro_f1: f64,
    /// Pair precision (labelled predictions whose gold pair is labelled).
    pub precision: f64,
    /// Pair recall.
    pub recall: f64,
}

/// The row thresholds (0, 0.30, 0.35, … 0.70) with their out-of-fold figures when a label whose
/// calibrated confidence is below the threshold becomes no stance, and the index of the chosen
/// one: the highest macro-F1 among the thresholds whose pair precision reaches `min_precision`
/// (the first, lowest, on a tie); the highest precision when none reaches it.
pub fn fit_threshold(
    examples: &[Example],
    scores: &[[f64; 6]],
    temperature: f64,
    calibration: &[(f64, f64)],
    offsets: &[f64; 6],
    min_precision: f64,
) -> (Vec<ThresholdTrial>, usize) {
    let mut w = Weights::new(temperature, Vec::new(), Vec::new());
    w.calibration = calibration.to_vec();
    w.offsets = *offsets;
    let probs: Vec<[f64; 6]> = scores.iter().map(|z| softmax(z, temperature)).collect();
    let mut trials = Vec::new();
    for t in std::iter::once(0.0).chain((6..=14).map(|i| i as f64 * 0.05)) {
        w.threshold = t;
        let c = confusion_of(examples, &probs, |p| w.decide(p));
        trials.push(ThresholdTrial { threshold: t, macro_f1: c.macro_f1(), precision: c.pair_precision().0, recall: c.pair_recall().0 });
    }
    // The first of `candidates` with the highest `key`.
    let first_best = |candidates: Vec<usize>, key: fn(&ThresholdTrial) -> f64| {
        candidates.into_iter().reduce(|b, i| if key(&trials[i]) > key(&trials[b]) + 1e-12 { i } else { b })
    };
    let eligible: Vec<usize> = (0..trials.len()).filter(|&i| trials[i].precision >= min_precision).collect();
    let best = first_best(eligible, |t| t.macro_f1)
        .or_else(|| first_best((0..trials.len()).collect(), |t| t.precision))
        .expect("at least one threshold");
    (trials, best)
}

/// One setting's cross-validated figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    /// The settings.
    pub settings: Settings,
    /// Out-of-fold macro-F1.
    pub macro_f1: f64,
}

/// Cross-validates every setting of `grid` (in order) and returns the trials
/// and the index of the best (the first on a tie).
pub fn select(examples: &[Example], grid: &[Settings], k: usize) -> (Vec<Trial>, usize) {
    let trials: Vec<Trial> =
        grid.iter().map(|s| Trial { settings: *s, macro_f1: macro_f1(examples, &cross_val_scores(examples, s, k)) }).collect();
    let mut best = 0;
    for (i, t) in trials.iter().enumerate() {
        if t.macro_f1 > trials[best].macro_f1 {
            best = i;
        }
    }
    (trials, best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(class: usize) -> Example {
        Example { features: Vec::new(), class, group: 0 }
    }

    #[test]
    fn offsets_raise_an_under_predicted_class_within_the_precision_floor() {
        // Ten +1 pairs the scores put at 0.45 against none's 0.55, ten none pairs at 0.2 against 0.8:
        // the plain arg-max finds no +1; an offset between ln(0.55/0.45) and ln(0.8/0.2) finds all.
        let logp = |p1: f64| [f64::ln(1e-9), f64::ln(1e-9), f64::ln(1e-9), p1.ln(), f64::ln(1e-9), (1.0 - p1).ln()];
        let mut examples = Vec::new();
        let mut scores = Vec::new();
        for _ in 0..10 {
            examples.push(example(3));
            scores.push(logp(0.45));
            examples.push(example(NONE));
            scores.push(logp(0.2));
        }
        let fit = fit_offsets(&examples, &scores, 1.0, 0.9);
        let o = fit.offsets[3];
        assert!(o > (0.55f64 / 0.45).ln() && o < 4f64.ln(), "{fit:?}");
        assert_eq!((fit.precision, fit.recall), (1.0, 1.0), "{fit:?}");
        assert!(fit.macro_f1 > macro_f1(&examples, &scores) + 0.1, "{fit:?}");
        assert_eq!(fit.offsets[NONE], 0.0);
        // The same search gives the same offsets (no order or machine dependence in the result).
        assert_eq!(fit_offsets(&examples, &scores, 1.0, 0.9), fit);
        // A floor no setting reaches leaves the plain arg-max.
        let noisy: Vec<Example> = (0..20).map(|i| example(if i % 4 == 0 { 3 } else { NONE })).collect();
        let flat = vec![logp(0.5); 20];
        assert_eq!(fit_offsets(&noisy, &flat, 1.0, 0.9).offsets, [0.0; 6]);
    }

    #[test]
    fn the_threshold_is_the_best_macro_f1_that_keeps_the_precision_floor() {
        // Two sure right labels, two doubtful wrong ones (gold none, predicted +1 at 0.55).
        let examples = [example(3), example(3), example(NONE), example(NONE)];
        let sure = [0.0, 0.0, 0.0, 5.0, 0.0, 0.0];
        let doubtful = [0.0, 0.0, 0.0, 1.2, 0.0, 1.0];
        let scores = [sure, sure, doubtful, doubtful];
        let (trials, at) = fit_threshold(&examples, &scores, 1.0, &[], &[0.0; 6], 0.9);
        assert_eq!(trials[0].threshold, 0.0);
        assert!((trials[0].precision - 0.5).abs() < 1e-12, "{:?}", trials[0]);
        // Above the doubtful rows' confidence every row is right.
        assert!(trials[at].threshold > 0.3 && (trials[at].precision - 1.0).abs() < 1e-12, "{:?}", trials[at]);
        // With no floor, macro-F1 alone decides, and a higher threshold wins there too.
        let (_, free) = fit_threshold(&examples, &scores, 1.0, &[], &[0.0; 6], 0.0);
        assert_eq!(trials[free].threshold, trials[at].threshold);
        // A floor no threshold reaches falls back to the most precise one.
        let (trials, at) = fit_threshold(&examples[2..], &scores[2..], 1.0, &[], &[0.0; 6], 0.9);
        assert_eq!(trials[at].precision, trials.iter().map(|t| t.precision).fold(0.0, f64::max));
    }

    fn ex(f: &[&str], class: usize, group: u64) -> Example {
        Example { features: f.iter().map(|s| s.to_string()).collect(), class, group }
    }

    fn toy() -> Vec<Example> {
        let mut v = Vec::new();
        for g in 0..30u64 {
            v.push(ex(&["bias", "btw:ally", &format!("noise{}", g % 7)], 4, g));
            v.push(ex(&["bias", "btw:rival", &format!("noise{}", g % 5)], 1, g));
            v.push(ex(&["bias", "btw:and", &format!("noise{}", g % 3)], NONE, g));
        }
        v
    }

    const S: Settings = Settings { l2: 0.01, balance: 0.0, min_count: 1, iterations: 100 };

    #[test]
    fn fit_learns_a_separable_toy_set() {
        let data = toy();
        let w = fit(&data, &S, 1.0, S.meta());
        for e in &data {
            let mut h: Vec<u64> = e.features.iter().map(|f| crate::features::fnv1a(f)).collect();
            assert_eq!(argmax(&w.scores(&mut h)), e.class);
        }
    }

    #[test]
    fn training_is_deterministic_and_order_of_features_does_not_matter() {
        let data = toy();
        let shuffled: Vec<Example> = data
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.features.reverse();
                e
            })
            .collect();
        assert_eq!(fit(&data, &S, 1.0, vec![]).render(), fit(&shuffled, &S, 1.0, vec![]).render());
    }

    #[test]
    fn stronger_l2_shrinks_weights() {
        let data = toy();
        let weak = fit(&data, &S, 1.0, vec![]);
        let strong = fit(&data, &Settings { l2: 1.0, ..S }, 1.0, vec![]);
        assert!(strong.row("btw:ally").unwrap()[4] < weak.row("btw:ally").unwrap()[4]);
    }

    #[test]
    fn min_count_drops_rare_features() {
        let data = toy();
        let w = fit(&data, &Settings { min_count: 31, ..S }, 1.0, vec![]);
        assert!(w.row("noise0").is_none() && w.row("bias").is_some());
    }

    #[test]
    fn cross_validation_scores_held_out_folds_and_selects_the_best() {
        let data = toy();
        let oof = cross_val_scores(&data, &S, 5);
        // Three classes of six occur, each predicted right on held-out folds: 3 / 6.
        assert!((macro_f1(&data, &oof) - 0.5).abs() < 1e-12, "{}", macro_f1(&data, &oof));
        let useless = Settings { min_count: 1000, ..S };
        let (trials, best) = select(&data, &[useless, S], 5);
        assert_eq!(best, 1, "{trials:?}");
    }

    #[test]
    fn temperature_softens_overconfident_scores() {
        // Scores that are right only half the time at near-certainty want T > 1.
        let data: Vec<Example> = (0..20).map(|i| ex(&[], if i % 2 == 0 { 4 } else { 1 }, i)).collect();
        let scores: Vec<[f64; 6]> = (0..20).map(|_| [0.0, 0.0, 0.0, 0.0, 6.0, 0.0]).collect();
        assert!(fit_temperature(&data, &scores) > 2.0);
    }

    #[test]
    fn calibration_is_isotonic_in_the_probability() {
        // Rows predicted +1 with rising scores; the right ones are the more confident.
        let data: Vec<Example> = (0..200).map(|g| ex(&["bias"], if g % 4 == 0 { NONE } else { 3 }, g)).collect();
        let scores: Vec<[f64; 6]> = (0..200).map(|g| [0.0, 0.0, 0.0, 0.5 + (g % 4) as f64 + g as f64 / 100.0, 0.0, 0.0]).collect();
        let pts = fit_calibration(&data, &scores, 1.0, &[0.0; 6], 10);
        assert!(!pts.is_empty());
        assert!(pts.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 >= w[0].1), "{pts:?}");
        assert!(pts.iter().all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)), "{pts:?}");
        // Three rows in four are right overall.
        assert!(pts.iter().any(|&(_, y)| y < 0.75) || pts.len() == 1, "{pts:?}");
    }
}
