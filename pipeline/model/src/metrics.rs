//! Scores of a labeller against gold pairs: the six-class confusion and its
//! macro-F1, pair precision and recall, sign agreement, and calibration
//! (a ten-bin reliability table and the expected calibration error).
//!
//! Definitions (as in the stance harness): a pair is a (sentence, actor,
//! target); gold `none` covers every candidate a listed sentence does not
//! list. *Pair precision*: of the pairs given a label (−2…2), the share whose
//! gold is a label. *Pair recall*: of the gold labelled pairs, the share given
//! any label. *Sign agreement*: of the pairs both labelled, the share whose
//! labels have the same sign (negative, zero, positive).

use crate::features::NONE;

/// A 6×6 confusion matrix over [`crate::CLASSES`] (rows gold, columns predicted).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Confusion {
    /// Counts.
    pub m: [[u32; 6]; 6],
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn sign(class: usize) -> i32 {
    (class as i32 - 2).signum()
}

impl Confusion {
    /// Counts one pair.
    pub fn add(&mut self, gold: usize, pred: usize) {
        self.m[gold][pred] += 1;
    }

    /// Pairs counted.
    pub fn total(&self) -> u32 {
        self.m.iter().flatten().sum()
    }

    /// F1 of class `k` (0 when it is neither gold nor predicted).
    pub fn f1(&self, k: usize) -> f64 {
        let tp = self.m[k][k];
        let gold: u32 = self.m[k].iter().sum();
        let pred: u32 = (0..6).map(|g| self.m[g][k]).sum();
        let (p, r) = (ratio(tp, pred), ratio(tp, gold));
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Mean F1 over the six classes.
    pub fn macro_f1(&self) -> f64 {
        (0..6).map(|k| self.f1(k)).sum::<f64>() / 6.0
    }

    /// Labelled predictions whose gold is labelled, over labelled predictions: (share, predicted).
    pub fn pair_precision(&self) -> (f64, u32) {
        let pred: u32 = (0..6).flat_map(|g| (0..NONE).map(move |p| (g, p))).map(|(g, p)| self.m[g][p]).sum();
        let hit: u32 = (0..NONE).flat_map(|g| (0..NONE).map(move |p| (g, p))).map(|(g, p)| self.m[g][p]).sum();
        (ratio(hit, pred), pred)
    }

    /// Gold labelled pairs given any label, over gold labelled pairs: (share, gold).
    pub fn pair_recall(&self) -> (f64, u32) {
        let gold: u32 = (0..NONE).map(|g| self.m[g].iter().sum::<u32>()).sum();
        let hit: u32 = (0..NONE).flat_map(|g| (0..NONE).map(move |p| (g, p))).map(|(g, p)| self.m[g][p]).sum();
        (ratio(hit, gold), gold)
    }

    /// Pairs labelled by both with the same sign, over pairs labelled by both: (share, found).
    pub fn sign_agreement(&self) -> (f64, u32) {
        let mut same = 0;
        let mut found = 0;
        for g in 0..NONE {
            for p in 0..NONE {
                found += self.m[g][p];
                if sign(g) == sign(p) {
                    same += self.m[g][p];
                }
            }
        }
        (ratio(same, found), found)
    }
}

/// A reliability table: ten equal-width confidence bins.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reliability {
    /// Per bin: (count, sum of confidences, correct).
    pub bins: [(u32, f64, u32); 10],
}

impl Reliability {
    /// Counts one prediction made with `confidence`, right or not.
    pub fn add(&mut self, confidence: f64, correct: bool) {
        let b = ((confidence.clamp(0.0, 1.0) * 10.0).floor() as usize).min(9);
        self.bins[b].0 += 1;
        self.bins[b].1 += confidence;
        self.bins[b].2 += correct as u32;
    }

    /// Predictions counted.
    pub fn total(&self) -> u32 {
        self.bins.iter().map(|b| b.0).sum()
    }

    /// Expected calibration error: Σ (n_b / N) · |accuracy_b − mean confidence_b|.
    pub fn ece(&self) -> f64 {
        let n = self.total();
        if n == 0 {
            return 0.0;
        }
        self.bins.iter().filter(|b| b.0 > 0).map(|b| b.0 as f64 / n as f64 * (b.2 as f64 / b.0 as f64 - b.1 / b.0 as f64).abs()).sum()
    }

    /// The table in Markdown: bin, count, mean confidence, accuracy.
    pub fn markdown(&self) -> String {
        let mut s = String::from("| confidence | rows | mean confidence | accuracy |\n|---|---|---|---|\n");
        for (i, b) in self.bins.iter().enumerate() {
            let (lo, hi) = (i as f64 / 10.0, (i + 1) as f64 / 10.0);
            if b.0 == 0 {
                s.push_str(&format!("| {lo:.1}–{hi:.1} | 0 | – | – |\n"));
            } else {
                s.push_str(&format!("| {lo:.1}–{hi:.1} | {} | {:.3} | {:.3} |\n", b.0, b.1 / b.0 as f64, b.2 as f64 / b.0 as f64));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_figures_follow_their_definitions() {
        let mut c = Confusion::default();
        c.add(4, 4); // ally found as ally
        c.add(4, 3); // ally found as partner: same sign
        c.add(0, 3); // adversary found as partner: wrong sign
        c.add(1, NONE); // missed
        c.add(NONE, 3); // false pair
        c.add(NONE, NONE);
        assert_eq!(c.pair_precision(), (3.0 / 4.0, 4));
        assert_eq!(c.pair_recall(), (3.0 / 4.0, 4));
        assert_eq!(c.sign_agreement(), (2.0 / 3.0, 3));
        assert_eq!(c.total(), 6);
        // F1: class 4: p 1, r 0.5; class none: p 0.5, r 0.5; the others 0.
        let want = (2.0 / 3.0 + 0.5) / 6.0;
        assert!((c.macro_f1() - want).abs() < 1e-12);
    }

    #[test]
    fn ece_is_zero_when_confidence_matches_accuracy() {
        let mut r = Reliability::default();
        for i in 0..10 {
            r.add(0.75, i < 7);
        }
        for _ in 0..10 {
            r.add(0.95, true);
        }
        // bin 7: 7/10 right at 0.75 -> 0.05; bin 9: 10/10 at 0.95 -> 0.05.
        assert!((r.ece() - 0.05).abs() < 1e-12, "{}", r.ece());
        let mut perfect = Reliability::default();
        perfect.add(1.0, true);
        perfect.add(0.0, false);
        assert_eq!(perfect.ece(), 0.0);
        assert!(r.markdown().contains("| 0.7–0.8 | 10 | 0.750 | 0.700 |"));
    }
}
