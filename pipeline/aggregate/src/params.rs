//! Parameters of the alignment model, with a deterministic text form.
//!
//! Every number that changes the `alignment` table lives here, so that the
//! stage cache key and the dataset manifest can record it with
//! [`Params::canonical`].
//!
//! ```
//! use orbita_aggregate::Params;
//! let p = Params::default();
//! assert!(p.canonical().starts_with("aggregate/v5;"));
//! assert_eq!(p.canonical(), Params::default().canonical());
//! ```

use serde::{Deserialize, Serialize};

/// Version of the model's meaning; bump when the same inputs and params
/// would give different rows.
pub const MODEL_VERSION: u32 = 5;

/// Tunable parameters of [`crate::aggregate`]. See `MODEL.md` for the formula
/// each one enters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// κ: weight of the neutral prior, in fully confident documents from
    /// distinct sources. Larger values shrink thin evidence harder toward 0.
    pub prior_strength: f64,
    /// τ²: variance of the prior pseudo-observations around 0 (2.0 is the
    /// variance of a uniform choice among the five labels). Sets how wide the
    /// interval is when there is no evidence.
    pub prior_variance: f64,
    /// Half-life, in years, of a stance's weight in the "current" rows: a
    /// stance placed `h` years before the latest year of the data counts half.
    pub half_life_years: f64,
    /// Half-life, in days, of a document's weight behind the newest dated
    /// document of the same row: within a period the newer reports decide
    /// (alignment can turn within weeks: an ambassador recalled, a new
    /// government), older ones of the same period still count. Not applied
    /// when it is 0 or less.
    pub doc_half_life_days: f64,
    /// Weight in the "current" rows of a stance with no year and no document
    /// date (it cannot be placed in time).
    pub undated_weight: f64,
    /// α in `M_s^α`: how a source's total evidence grows with its number of
    /// documents (1.0 = every document counts fully, 0.0 = one source counts
    /// as one document whatever it publishes).
    pub source_exponent: f64,
    /// Multiplier on the weight of a stance whose cue was negated (the label
    /// is already final; negation readings are less reliable).
    pub negated_weight: f64,
    /// Multiplier on the weight of a hedged stance ("tend to", "may").
    pub hedged_weight: f64,
    /// Powers whose own stances toward a country are also counted, at
    /// `mirror_weight`, as evidence of that country's alignment with them
    /// ("the United States sanctioned Colombia" informs (COL, USA)).
    pub powers: Vec<String>,
    /// Multiplier on a mirrored stance's weight.
    pub mirror_weight: f64,
    /// A power's adversaries in a period are the sides it stands against at this score or below
    /// (and that stand against it) in that period's `all` rows: a country's stance toward one of
    /// them also counts, with its sign turned, at `balance_weight`, as evidence of the country's
    /// alignment with the power ("we condemn Russia's aggression against Ukraine" informs
    /// (country, RUS) directly, "we stand with Ukraine" through Ukraine). Not applied when it is
    /// below −2.
    pub adversary_score: f64,
    /// Documents the power's own row toward a side must rest on for the side to count as its
    /// adversary: one document's reading does not make an enemy.
    pub adversary_documents: u32,
    /// Multiplier on the weight of a stance counted through a power's adversary.
    pub balance_weight: f64,
    /// A stance placed over a span of years ("2006–2019", "since 1959")
    /// counts in at most this many years: the latest ones.
    pub max_span_years: u32,
    /// z of the reported interval (1.645: a two-sided 90 % interval).
    pub interval_z: f64,
    /// At most this many evidence references per row.
    pub max_evidence: usize,
    /// Also compute rows per source kind (`source_kind:<kind>`).
    pub per_source_kind: bool,
    /// Also compute rows per source (`source:<name>`).
    pub per_source: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            prior_strength: 0.1,
            prior_variance: 2.0,
            half_life_years: 2.0,
            doc_half_life_days: 14.0,
            undated_weight: 0.5,
            source_exponent: 0.5,
            negated_weight: 0.8,
            hedged_weight: 0.7,
            powers: vec!["CHN".into(), "RUS".into(), "USA".into()],
            mirror_weight: 0.5,
            adversary_score: -0.5,
            adversary_documents: 2,
            balance_weight: 0.5,
            max_span_years: 25,
            interval_z: 1.645,
            max_evidence: 5,
            per_source_kind: true,
            per_source: true,
        }
    }
}

impl Params {
    /// Deterministic text form, for cache keys and the manifest: the model
    /// version then every field as `name=value`, in a fixed order, floats in
    /// Rust's shortest round-trip form.
    pub fn canonical(&self) -> String {
        let mut powers = self.powers.clone();
        powers.sort();
        powers.dedup();
        format!(
            "aggregate/v{MODEL_VERSION};prior_strength={:?};prior_variance={:?};half_life_years={:?};doc_half_life_days={:?};\
             undated_weight={:?};source_exponent={:?};negated_weight={:?};hedged_weight={:?};\
             powers={};mirror_weight={:?};adversary_score={:?};adversary_documents={};balance_weight={:?};max_span_years={};interval_z={:?};max_evidence={};\
             per_source_kind={};per_source={}",
            self.prior_strength,
            self.prior_variance,
            self.half_life_years,
            self.doc_half_life_days,
            self.undated_weight,
            self.source_exponent,
            self.negated_weight,
            self.hedged_weight,
            powers.join(","),
            self.mirror_weight,
            self.adversary_score,
            self.adversary_documents,
            self.balance_weight,
            self.max_span_years,
            self.interval_z,
            self.max_evidence,
            self.per_source_kind,
            self.per_source,
        )
    }

    pub(crate) fn is_power(&self, id: &str) -> bool {
        self.powers.iter().any(|p| p == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_changes_with_every_number_and_ignores_power_order() {
        let base = Params::default();
        let mut other = base.clone();
        other.half_life_years = 3.0;
        assert_ne!(base.canonical(), other.canonical());
        let mut other = base.clone();
        other.doc_half_life_days = 30.0;
        assert_ne!(base.canonical(), other.canonical());
        let mut other = base.clone();
        other.balance_weight = 0.25;
        assert_ne!(base.canonical(), other.canonical());
        let mut reordered = base.clone();
        reordered.powers.reverse();
        assert_eq!(base.canonical(), reordered.canonical());
        assert!(base.canonical().contains("prior_strength=0.1;"));
        assert!(base.canonical().contains("powers=CHN,RUS,USA;"));
    }
}
