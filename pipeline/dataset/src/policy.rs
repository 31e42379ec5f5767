//! The diff policy (`checks/diff-policy.toml`): which dataset changes pass
//! and which fail, and the semantic version a change earns.
//!
//! ```
//! use orbita_dataset::policy::Policy;
//! let p: Policy = toml::from_str("score_threshold = 0.5\nfail_on_label_flip = true").unwrap();
//! assert!(p.fail_on_label_flip && !p.fail_on_score_move);
//! ```

use crate::diff::DatasetDiff;
use serde::{Deserialize, Serialize};

/// The diff policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Score moves at or above this are reported.
    pub score_threshold: f64,
    /// A label flip fails.
    pub fail_on_label_flip: bool,
    /// Any reported score move fails.
    pub fail_on_score_move: bool,
    /// An alignment row of the lock that disappears fails.
    pub fail_on_alignment_row_removed: bool,
    /// A row-count change above this percentage fails …
    pub max_row_change_percent: f64,
    /// … for tables with at least this many rows (percentages of tiny tables are noise).
    pub row_change_min_rows: u64,
    /// A schema change fails (until locked with a major version bump).
    pub fail_on_schema_change: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            score_threshold: 0.25,
            fail_on_label_flip: true,
            fail_on_score_move: false,
            fail_on_alignment_row_removed: true,
            max_row_change_percent: 25.0,
            row_change_min_rows: 100,
            fail_on_schema_change: true,
        }
    }
}

impl Policy {
    /// Reads a policy file; errors name the file and the problem.
    pub fn load(path: &std::path::Path) -> Result<Policy, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The policy embedded at compile time from `checks/diff-policy.toml`.
    pub fn embedded() -> Result<Policy, String> {
        toml::from_str(crate::defaults::diff_policy()).map_err(|e| format!("checks/{} (embedded): {e}", crate::defaults::DIFF_POLICY))
    }

    /// Every violation of the policy by a diff (empty: the diff passes).
    pub fn violations(&self, d: &DatasetDiff) -> Vec<String> {
        let mut out = Vec::new();
        for t in &d.tables {
            if self.fail_on_schema_change {
                for s in &t.schema_changes {
                    out.push(format!("schema change in {}: {s} (needs a major version: `make lock`)", t.table));
                }
            }
            if t.rows_a.max(t.rows_b) >= self.row_change_min_rows {
                let change = 100.0 * (t.rows_b as f64 - t.rows_a as f64).abs() / (t.rows_a.max(1) as f64);
                if change > self.max_row_change_percent {
                    out.push(format!(
                        "{}: row count {} → {} ({change:.1}% change, policy allows {:.1}%)",
                        t.table, t.rows_a, t.rows_b, self.max_row_change_percent
                    ));
                }
            }
        }
        for m in &d.moves {
            let what = format!("{} → {} ({})", m.country, m.target, m.period);
            match (m.old_label, m.new_label) {
                (Some(a), Some(b)) if a != b && self.fail_on_label_flip => {
                    out.push(format!("label flip {what}: {a:+} → {b:+}"));
                }
                (Some(_), None) if self.fail_on_alignment_row_removed => {
                    out.push(format!("alignment row removed: {what}"));
                }
                (Some(_), Some(_)) if self.fail_on_score_move => {
                    out.push(format!("score move {what}"));
                }
                _ => {}
            }
        }
        out
    }
}

/// How big a change is, in semantic-version terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Corrections: rows changed, none added in net, schema the same.
    Patch,
    /// New data: rows added, schema the same.
    Minor,
    /// A schema change.
    Major,
}

/// The bump a diff earns: schema change → major, new rows → minor, other
/// changes → patch.
pub fn bump(d: &DatasetDiff) -> Bump {
    if d.tables.iter().any(|t| !t.schema_changes.is_empty()) {
        Bump::Major
    } else if d.tables.iter().any(|t| t.only_b > 0 && t.rows_b > t.rows_a) {
        Bump::Minor
    } else if !d.is_empty() || d.tables.iter().any(|t| !t.identical) {
        Bump::Patch
    } else {
        Bump::None
    }
}

/// Applies a bump to a `MAJOR.MINOR.PATCH` version.
pub fn next_version(version: &str, bump: Bump) -> String {
    let parts: Vec<u64> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    let (ma, mi, pa) = (parts.first().copied().unwrap_or(0), parts.get(1).copied().unwrap_or(0), parts.get(2).copied().unwrap_or(0));
    match bump {
        Bump::None => format!("{ma}.{mi}.{pa}"),
        Bump::Patch => format!("{ma}.{mi}.{}", pa + 1),
        Bump::Minor => format!("{ma}.{}.0", mi + 1),
        Bump::Major => format!("{}.0.0", ma + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{AlignmentMove, TableDiff};

    fn mv(old: Option<i8>, new: Option<i8>) -> AlignmentMove {
        AlignmentMove {
            country: "ARG".into(),
            target: "RUS".into(),
            period: "2025".into(),
            old_label: old,
            new_label: new,
            old_score: old.map(f64::from),
            new_score: new.map(f64::from),
            evidence_added: vec![],
            evidence_removed: vec![],
        }
    }

    #[test]
    fn a_label_flip_fails_and_names_the_country() {
        let d = DatasetDiff { moves: vec![mv(Some(-1), Some(1))], ..Default::default() };
        let v = Policy::default().violations(&d);
        assert_eq!(v.len(), 1);
        assert!(v[0].contains("ARG") && v[0].contains("-1") && v[0].contains("+1"), "{v:?}");
    }

    #[test]
    fn new_rows_within_the_limit_pass_and_earn_a_minor_version() {
        let t = TableDiff { table: "stances".into(), rows_a: 100, rows_b: 110, only_b: 10, unchanged: 100, ..Default::default() };
        let d = DatasetDiff { tables: vec![t], moves: vec![mv(None, Some(1))], ..Default::default() };
        assert!(Policy::default().violations(&d).is_empty());
        assert_eq!(bump(&d), Bump::Minor);
        assert_eq!(next_version("1.4.2", Bump::Minor), "1.5.0");
    }

    #[test]
    fn schema_changes_and_big_row_changes_fail() {
        let t = TableDiff {
            table: "mentions".into(),
            rows_a: 100,
            rows_b: 200,
            only_b: 100,
            schema_changes: vec!["field x added".into()],
            ..Default::default()
        };
        let d = DatasetDiff { tables: vec![t], ..Default::default() };
        assert_eq!(Policy::default().violations(&d).len(), 2);
        assert_eq!(bump(&d), Bump::Major);
        assert_eq!(next_version("1.4.2", Bump::Major), "2.0.0");
    }

    #[test]
    fn unknown_policy_keys_are_rejected() {
        assert!(toml::from_str::<Policy>("fail_on_lable_flip = true").is_err());
    }
}
