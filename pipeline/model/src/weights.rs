//! The model's weights: one row of six class weights per feature name, a
//! softmax temperature, and the training settings, in a reviewable text file
//! (`pipeline/model/train/weights.tsv`).
//!
//! Format (tab-separated; `#` lines are comments):
//!
//! ```text
//! orbita-model	1
//! meta	l2	0.01
//! temperature	1.25
//! offsets	-1.2	-0.8	-0.2	-1	-0.9	0
//! w	bias	-0.52	-0.31	0.10	0.22	0.05	0.46
//! w	btw:allies	…
//! ```
//!
//! Columns of `w` rows follow [`crate::CLASSES`] (−2, −1, 0, 1, 2, none).
//! Values are written with six decimals, so a file read back and written again
//! is byte-identical. Lookup is by the FNV-1a hash of the feature name.

use crate::features::{fnv1a, CLASSES};
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// Format version of the weights file.
pub const FORMAT: u32 = 1;

/// A weights file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WeightsError {
    /// The first line is not `orbita-model<TAB>1`.
    #[error("weights line 1: expected `orbita-model\\t{FORMAT}`, found {found:?}")]
    Header {
        /// What the line held.
        found: String,
    },
    /// A line does not parse.
    #[error("weights line {line}: {reason}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Two rows name the same feature, or two names share a hash.
    #[error("weights line {line}: feature {name:?} repeats an earlier row (or its hash)")]
    Duplicate {
        /// 1-based line number.
        line: usize,
        /// The feature name.
        name: String,
    },
}

/// Feature weights of a multinomial logistic regression over [`CLASSES`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// Divides the scores before the softmax (fitted for calibration).
    pub temperature: f64,
    /// Training settings and provenance, in file order.
    pub meta: Vec<(String, String)>,
    /// The confidence of a row: (probability, share of such rows that were right) points of an
    /// isotonic fit on out-of-fold rows, increasing in both; empty keeps the probability.
    pub calibration: Vec<(f64, f64)>,
    /// A pair becomes a row only when its calibrated confidence reaches this (chosen on out-of-fold
    /// macro-F1 by `make train`); 0 keeps every arg-max label.
    pub threshold: f64,
    /// Added to each class's log-probability before the arg-max that decides a pair's class
    /// (chosen on out-of-fold macro-F1 by `make train`): a negative offset asks more evidence for
    /// that class. All zero is the plain arg-max.
    pub offsets: [f64; 6],
    /// Feature names in file order.
    names: Vec<String>,
    /// Each feature name's hash to its weights (inline: one memory access per lookup).
    index: FxHashMap<u64, [f64; 6]>,
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl Weights {
    /// Weights from (feature name, class weights) rows; rows whose weights all
    /// round to zero are dropped, the others kept in the given order.
    pub fn new(temperature: f64, meta: Vec<(String, String)>, rows: Vec<(String, [f64; 6])>) -> Weights {
        let mut w = Weights { temperature, meta, ..Weights::default() };
        for (name, r) in rows {
            let r = r.map(round6);
            if r.iter().all(|x| *x == 0.0) {
                continue;
            }
            let name = clean(&name);
            if w.index.insert(fnv1a(&name), r).is_none() {
                w.names.push(name);
            }
        }
        w
    }

    /// Parses a weights file.
    pub fn parse(text: &str) -> Result<Weights, WeightsError> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let header = lines.next().map(|(_, l)| l).unwrap_or_default();
        if header != format!("orbita-model\t{FORMAT}") {
            return Err(WeightsError::Header { found: header.to_string() });
        }
        let mut w = Weights { temperature: 1.0, ..Weights::default() };
        let bad = |line: usize, reason: String| WeightsError::Line { line: line + 1, reason };
        for (i, l) in lines {
            let c: Vec<&str> = l.split('\t').collect();
            match c[0] {
                "meta" if c.len() == 3 => w.meta.push((c[1].to_string(), c[2].to_string())),
                "temperature" if c.len() == 2 => {
                    w.temperature = c[1].parse().map_err(|_| bad(i, format!("temperature {:?} is not a number", c[1])))?;
                    if !(w.temperature.is_finite() && w.temperature > 0.0) {
                        return Err(bad(i, format!("temperature {} is not positive", c[1])));
                    }
                }
                "threshold" if c.len() == 2 => {
                    w.threshold = c[1].parse().map_err(|_| bad(i, format!("threshold {:?} is not a number", c[1])))?;
                    if !(0.0..=1.0).contains(&w.threshold) {
                        return Err(bad(i, format!("threshold {} is not in 0..1", c[1])));
                    }
                }
                "offsets" if c.len() == 7 => {
                    for (k, x) in c[1..].iter().enumerate() {
                        w.offsets[k] = x.parse().map_err(|_| bad(i, format!("offset {x:?} is not a number")))?;
                        if !w.offsets[k].is_finite() {
                            return Err(bad(i, format!("offset {x:?} is not finite")));
                        }
                    }
                }
                "calibration" if c.len() == 2 => {
                    for pt in c[1].split(' ').filter(|x| !x.is_empty()) {
                        let parsed = pt.split_once(':').and_then(|(x, y)| Some((x.parse::<f64>().ok()?, y.parse::<f64>().ok()?)));
                        let Some((x, y)) = parsed.filter(|(x, y)| (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y)) else {
                            return Err(bad(i, format!("calibration point {pt:?} is not p:q with both in 0..1")));
                        };
                        if w.calibration.last().is_some_and(|&(px, py)| x <= px || y < py) {
                            return Err(bad(i, format!("calibration point {pt:?} does not increase")));
                        }
                        w.calibration.push((x, y));
                    }
                }
                "w" if c.len() == 8 => {
                    let mut row = [0.0f64; 6];
                    for (k, x) in c[2..].iter().enumerate() {
                        row[k] = x.parse().map_err(|_| bad(i, format!("weight {x:?} of {:?} is not a number", c[1])))?;
                        if !row[k].is_finite() {
                            return Err(bad(i, format!("weight {x:?} of {:?} is not finite", c[1])));
                        }
                    }
                    if w.index.insert(fnv1a(c[1]), row).is_some() {
                        return Err(WeightsError::Duplicate { line: i + 1, name: c[1].to_string() });
                    }
                    w.names.push(c[1].to_string());
                }
                _ => return Err(bad(i, format!("expected `meta K V`, `temperature T`, `threshold T`, `offsets` and six numbers, `calibration P:Q …` or `w NAME` and six weights, found {l:?}"))),
            }
        }
        Ok(w)
    }

    /// The file text: header, meta, temperature, then the rows in order.
    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str("# orbita-model weights: multinomial logistic regression, written by `make train` (pipeline/model/examples/train.rs).\n");
        let _ = writeln!(s, "# w rows: feature name, then the weights of classes {}.", CLASSES.join(" "));
        let _ = writeln!(s, "orbita-model\t{FORMAT}");
        for (k, v) in &self.meta {
            let _ = writeln!(s, "meta\t{}\t{}", clean(k), clean(v));
        }
        let _ = writeln!(s, "temperature\t{:.6}", self.temperature);
        if self.threshold > 0.0 {
            let _ = writeln!(s, "threshold\t{:.4}", self.threshold);
        }
        if self.offsets.iter().any(|x| *x != 0.0) {
            let xs: Vec<String> = self.offsets.iter().map(|x| format!("{}", round6(*x))).collect();
            let _ = writeln!(s, "offsets\t{}", xs.join("\t"));
        }
        if !self.calibration.is_empty() {
            let pts: Vec<String> = self.calibration.iter().map(|(x, y)| format!("{x:.4}:{y:.4}")).collect();
            let _ = writeln!(s, "calibration\t{}", pts.join(" "));
        }
        for n in &self.names {
            let _ = write!(s, "w\t{n}");
            for x in &self.index[&fnv1a(n)] {
                let _ = write!(s, "\t{x:.6}");
            }
            s.push('\n');
        }
        s
    }

    /// Number of feature rows.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The weights of a feature, if it has a row.
    pub fn row(&self, name: &str) -> Option<&[f64; 6]> {
        self.index.get(&fnv1a(name))
    }

    /// The meta value of `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Class scores of a feature set given by hashes (sorted and deduplicated
    /// here, so the sum runs in one fixed order).
    pub fn scores(&self, hashes: &mut Vec<u64>) -> [f64; 6] {
        hashes.sort_unstable();
        hashes.dedup();
        let mut z = [0.0f64; 6];
        for h in hashes.iter() {
            if let Some(r) = self.index.get(h) {
                for k in 0..6 {
                    z[k] += r[k];
                }
            }
        }
        z
    }

    /// The confidence of a row whose class has probability `p`: linear between the calibration
    /// points, flat beyond the first and the last; `p` itself without calibration.
    pub fn calibrate(&self, p: f64) -> f64 {
        let c = &self.calibration;
        match (c.first(), c.last()) {
            (None, _) | (_, None) => p,
            (Some(&(x0, y0)), _) if p <= x0 => y0,
            (_, Some(&(xn, yn))) if p >= xn => yn,
            _ => {
                let k = c.iter().position(|&(x, _)| x >= p).unwrap_or(c.len() - 1).max(1);
                let ((xa, ya), (xb, yb)) = (c[k - 1], c[k]);
                ya + (yb - ya) * (p - xa) / (xb - xa)
            }
        }
    }

    /// The class a pair is given: the arg-max of the log-probabilities plus the class offsets,
    /// unless it is a label whose calibrated confidence falls below the threshold (then no stance).
    pub fn decide(&self, p: &[f64; 6]) -> usize {
        let c = decide_with(p, &self.offsets);
        if c != crate::features::NONE && self.calibrate(p[c]) < self.threshold {
            crate::features::NONE
        } else {
            c
        }
    }

    /// Class probabilities of a feature set: softmax of the scores over the temperature.
    pub fn probabilities(&self, hashes: &mut Vec<u64>) -> [f64; 6] {
        softmax(&self.scores(hashes), self.temperature)
    }
}

/// The arg-max of `ln p[k] + offsets[k]` (the first on a tie; a zero probability never wins
/// over a positive one).
pub fn decide_with(p: &[f64; 6], offsets: &[f64; 6]) -> usize {
    decide_log(&log_probabilities(p), offsets)
}

/// `ln p[k]`, with −∞ for a zero probability.
pub fn log_probabilities(p: &[f64; 6]) -> [f64; 6] {
    p.map(|x| if x > 0.0 { x.ln() } else { f64::NEG_INFINITY })
}

/// The arg-max of `logp[k] + offsets[k]`, "no stance" on a tie with it, else the first.
pub fn decide_log(logp: &[f64; 6], offsets: &[f64; 6]) -> usize {
    let mut best = crate::features::NONE;
    for k in 0..6 {
        if logp[k] + offsets[k] > logp[best] + offsets[best] {
            best = k;
        }
    }
    best
}

/// Rounds to six decimals, the precision of the file (−0 becomes 0).
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Softmax of `z / temperature`.
pub fn softmax(z: &[f64; 6], temperature: f64) -> [f64; 6] {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let mut p = [0.0; 6];
    let mut sum = 0.0;
    for k in 0..6 {
        p[k] = ((z[k] - m) / t).exp();
        sum += p[k];
    }
    for x in &mut p {
        *x /= sum;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Weights {
        Weights::new(
            1.5,
            vec![("l2".into(), "0.01".into())],
            vec![
                ("bias".into(), [0.1, -0.2, 0.0, 0.3, 0.0, 1.0]),
                ("btw:allies".into(), [-1.0, -0.5, 0.0, 0.5, 2.0000004, -1.0]),
                ("zero".into(), [0.0, 0.0, 1e-9, 0.0, 0.0, 0.0]),
            ],
        )
    }

    #[test]
    fn render_and_parse_round_trip_byte_for_byte() {
        let w = sample();
        assert_eq!(w.len(), 2, "an all-zero row is dropped");
        let text = w.render();
        let back = Weights::parse(&text).unwrap();
        assert_eq!(back.render(), text);
        assert_eq!(back.row("btw:allies").unwrap()[4], 2.0);
        assert_eq!(back.meta("l2"), Some("0.01"));
        assert_eq!(back.temperature, 1.5);
    }

    #[test]
    fn scores_do_not_depend_on_feature_order_or_repeats() {
        let w = sample();
        let mut a = vec![fnv1a("btw:allies"), fnv1a("bias"), fnv1a("unknown")];
        let mut b = vec![fnv1a("bias"), fnv1a("unknown"), fnv1a("btw:allies"), fnv1a("bias")];
        assert_eq!(w.scores(&mut a), w.scores(&mut b));
        let p = w.probabilities(&mut a);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p[4] > p[5], "{p:?}");
    }

    #[test]
    fn bad_files_name_the_line_and_reason() {
        assert!(matches!(Weights::parse("nope\n"), Err(WeightsError::Header { .. })));
        let e = Weights::parse("orbita-model\t1\nw\tbias\t1\t2\n").unwrap_err();
        assert!(e.to_string().starts_with("weights line 2:"), "{e}");
        let e = Weights::parse("orbita-model\t1\nw\tx\t1\t2\t3\t4\t5\tNaN\n").unwrap_err();
        assert!(e.to_string().contains("not finite"), "{e}");
        let e = Weights::parse("orbita-model\t1\nw\tx\t1\t2\t3\t4\t5\t6\nw\tx\t1\t2\t3\t4\t5\t6\n").unwrap_err();
        assert_eq!(e, WeightsError::Duplicate { line: 3, name: "x".into() });
    }

    #[test]
    fn temperature_flattens_without_reordering() {
        let z = [1.0, 2.0, 0.0, 0.0, 0.0, 3.0];
        let (sharp, flat) = (softmax(&z, 1.0), softmax(&z, 2.0));
        assert!(flat[5] < sharp[5] && flat[5] > flat[1] && flat[1] > flat[0]);
    }

    #[test]
    fn calibration_maps_a_probability_between_its_points_and_round_trips() {
        let mut w = Weights::new(1.0, Vec::new(), vec![("bias".into(), [0.0, 0.0, 0.0, 1.0, 0.0, 0.0])]);
        assert_eq!(w.calibrate(0.7), 0.7, "no calibration keeps the probability");
        w.calibration = vec![(0.4, 0.2), (0.6, 0.5), (0.9, 0.9)];
        assert_eq!(w.calibrate(0.1), 0.2);
        assert!((w.calibrate(0.5) - 0.35).abs() < 1e-12);
        assert_eq!(w.calibrate(0.95), 0.9);
        let back = Weights::parse(&w.render()).unwrap();
        assert_eq!(back.calibration, w.calibration);
        w.threshold = 0.4;
        let back = Weights::parse(&w.render()).unwrap();
        assert_eq!(back.threshold, 0.4);
        // (+1 at probability 0.5 calibrates to 0.35: below the threshold, no stance.)
        assert_eq!(back.decide(&[0.0, 0.0, 0.0, 0.5, 0.0, 0.5]), crate::features::NONE);
        assert_eq!(back.decide(&[0.0, 0.0, 0.0, 0.9, 0.0, 0.1]), 3);
        // Offsets move the arg-max: −1 on +1 asks e times the odds against none.
        w.threshold = 0.0;
        w.offsets = [0.0, 0.0, 0.0, -1.0, 0.0, 0.0];
        let back = Weights::parse(&w.render()).unwrap();
        assert_eq!(back.offsets, w.offsets);
        assert_eq!(back.decide(&[0.0, 0.0, 0.0, 0.6, 0.0, 0.4]), crate::features::NONE);
        assert_eq!(back.decide(&[0.0, 0.0, 0.0, 0.8, 0.0, 0.2]), 3);
        w.offsets = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0];
        assert_eq!(w.decide(&[0.0, 0.0, 0.3, 0.0, 0.0, 0.7]), 2, "0.3 e > 0.7");
        for bad in ["calibration\t0.5:0.4 0.4:0.6\n", "calibration\t0.5:0.4 0.6:0.3\n", "calibration\t1.5:0.4\n"] {
            assert!(Weights::parse(&format!("orbita-model\t1\n{bad}")).is_err(), "{bad}");
        }
    }
}
