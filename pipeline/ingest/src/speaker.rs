//! Speakers: whose statement a document is (a country's ISO 3166 alpha-3
//! code, or a bloc id such as `EU`), and the declared rules that assign one
//! from source metadata.
//!
//! A document's speaker comes, in order of precedence, from
//! 1. its own metadata: a `speaker` field in a JSONL line, in Markdown front
//!    matter or in the `.meta.yaml` sidecar (for JSONL, a sidecar's
//!    `speaker_field` names the line field to read it from, see
//!    [`crate::jsonl`]);
//! 2. a **host rule** of the rules file: documents whose URL host is listed
//!    (`www.` ignored) speak for the rule's speaker.
//!
//! Then the **remaps** of the rules file apply, in file order: a remap
//! replaces a speaker id by another for documents of a source (optional)
//! whose whole date range lies within `since`..`until` (either optional; an
//! undated document is never remapped). The rules file (`data/speakers.toml`
//! in a checkout) is reviewable text; its hash is part of the ingest stage's
//! cache key, so a rule change re-ingests.
//!
//! ```
//! use orbita_ingest::SpeakerRules;
//! let rules = SpeakerRules::parse(r#"
//! [[host]]
//! host = "www.whitehouse.gov"
//! speaker = "USA"
//!
//! [[remap]]
//! from = "RUS"
//! to = "SUN"
//! until = "1991-12-31"
//!
//! [names]
//! SUN = "Soviet Union"
//! "#).unwrap();
//! assert_eq!(rules.host_speaker("whitehouse.gov"), Some("USA"));
//! assert_eq!(rules.name("SUN"), Some("Soviet Union"));
//! ```
//!
//! An id is 2–12 upper-case ASCII letters or digits starting with a letter
//! ([`valid_speaker`]); any other value is a `metadata` reject naming the
//! field, its source and the value.

use crate::Meta;
use orbita_text::Date;
use std::collections::BTreeMap;

/// The form of a speaker id, as the `documents.speaker` schema states it.
pub const SPEAKER_PATTERN: &str = "^[A-Z][A-Z0-9]{1,11}$";

/// Whether `id` is a speaker id: 2–12 upper-case ASCII letters or digits,
/// starting with a letter ("USA", "SUN", "EU").
pub fn valid_speaker(id: &str) -> bool {
    let b = id.as_bytes();
    (2..=12).contains(&b.len()) && b[0].is_ascii_uppercase() && b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// An invalid rules file: what is wrong and on which line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RulesError {
    /// 1-based line of the problem (1 when the whole file is concerned).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A host rule: documents from `host` speak for `speaker`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRule {
    /// Lower-case host without a leading `www.`.
    pub host: String,
    /// The speaker id.
    pub speaker: String,
}

/// A dated remap of one speaker id to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remap {
    /// The id as the source files it.
    pub from: String,
    /// The id to record.
    pub to: String,
    /// Only documents whose `source` is this (any source when `None`).
    pub source: Option<String>,
    /// Only documents dated on or after this day.
    pub since: Option<Date>,
    /// Only documents dated on or before this day.
    pub until: Option<Date>,
}

/// The declared speaker rules (see the module documentation). The default
/// has no rules: only a document's own `speaker` field gives it one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpeakerRules {
    hosts: Vec<HostRule>,
    remaps: Vec<Remap>,
    names: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    host: Vec<HostEntry>,
    #[serde(default)]
    remap: Vec<RemapEntry>,
    #[serde(default)]
    names: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HostEntry {
    host: String,
    speaker: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RemapEntry {
    from: String,
    to: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    since: Option<String>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

/// 1-based line of the first occurrence of `needle` (for messages about a
/// value the TOML parser accepted; 1 when not found).
fn line_of_value(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(1, |at| line_of(text, at))
}

impl SpeakerRules {
    /// Parses a rules file (TOML: `[[host]]` tables with `host`, `speaker`
    /// and an optional `note`; `[[remap]]` tables with `from`, `to` and
    /// optional `source`, `since`, `until` (YYYY-MM-DD) and `note`; a
    /// `[names]` table of display names by id, used by title templates).
    /// Unknown keys, invalid ids, impossible dates and a host listed twice
    /// are errors naming the line.
    pub fn parse(text: &str) -> Result<SpeakerRules, RulesError> {
        let file: File = toml::from_str(text).map_err(|e| RulesError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let id = |value: &str, what: &str| -> Result<String, RulesError> {
            if valid_speaker(value) {
                Ok(value.to_string())
            } else {
                Err(RulesError {
                    line: line_of_value(text, &format!("\"{value}\"")),
                    message: format!("{what} {value:?} is not a speaker id (2-12 upper-case letters or digits, such as USA or EU)"),
                })
            }
        };
        let date = |value: &Option<String>, what: &str| -> Result<Option<Date>, RulesError> {
            value
                .as_deref()
                .map(|v| {
                    Date::parse(v).map_err(|e| RulesError {
                        line: line_of_value(text, &format!("\"{v}\"")),
                        message: format!("{what} {v:?} is not a date YYYY-MM-DD ({})", e.reason),
                    })
                })
                .transpose()
        };
        let mut rules = SpeakerRules::default();
        for h in file.host {
            let host = h.host.trim().to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            if host.is_empty() || host.contains(['/', ':', ' ']) {
                return Err(RulesError {
                    line: line_of_value(text, &format!("\"{}\"", h.host)),
                    message: format!("host {:?} is not a host name (no scheme, port or path)", h.host),
                });
            }
            if rules.hosts.iter().any(|r| r.host == host) {
                return Err(RulesError {
                    line: line_of_value(text, &format!("\"{}\"", h.host)),
                    message: format!("host {host:?} has two rules"),
                });
            }
            let speaker = id(&h.speaker, "speaker")?;
            rules.hosts.push(HostRule { host, speaker });
        }
        for r in file.remap {
            let remap = Remap {
                from: id(&r.from, "from")?,
                to: id(&r.to, "to")?,
                source: r.source,
                since: date(&r.since, "since")?,
                until: date(&r.until, "until")?,
            };
            if let (Some(a), Some(b)) = (remap.since, remap.until) {
                if a > b {
                    return Err(RulesError {
                        line: line_of_value(text, &format!("\"{}\"", r.since.unwrap_or_default())),
                        message: format!("remap {} -> {}: since {a} is after until {b}", remap.from, remap.to),
                    });
                }
            }
            rules.remaps.push(remap);
        }
        for (k, v) in file.names {
            let k = id(&k, "name key")?;
            rules.names.insert(k, v.trim().to_string());
        }
        Ok(rules)
    }

    /// The speaker a host rule gives documents from `host` (as
    /// [`crate::meta`] reads it from a URL: lower case, without `www.`).
    pub fn host_speaker(&self, host: &str) -> Option<&str> {
        self.hosts.iter().find(|r| r.host == host).map(|r| r.speaker.as_str())
    }

    /// The display name listed for a speaker id.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }

    /// The host rules, in file order.
    pub fn hosts(&self) -> &[HostRule] {
        &self.hosts
    }

    /// The remaps, in file order.
    pub fn remaps(&self) -> &[Remap] {
        &self.remaps
    }

    /// Completes `meta.speaker`: a host rule when the document has no
    /// speaker of its own, then every remap whose conditions hold.
    pub(crate) fn apply(&self, meta: &mut Meta) {
        if meta.speaker.is_none() {
            if let Some(host) = meta.url.as_deref().and_then(crate::meta::url_host) {
                meta.speaker = self.host_speaker(&host).map(str::to_string);
            }
        }
        for r in &self.remaps {
            let Some(speaker) = meta.speaker.as_deref() else { return };
            if speaker != r.from || r.source.as_deref().is_some_and(|s| meta.source.as_deref() != Some(s)) {
                continue;
            }
            let (Some(from), Some(to)) = (meta.date_from, meta.date_to) else { continue };
            if r.since.is_some_and(|s| from < s) || r.until.is_some_and(|u| to > u) {
                continue;
            }
            meta.speaker = Some(r.to.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules the integration tests use too.
    const RULES: &str = include_str!("../tests/fixtures/speakers.toml");

    fn meta(url: Option<&str>, speaker: Option<&str>, source: Option<&str>, year: Option<i32>) -> Meta {
        Meta {
            url: url.map(str::to_string),
            speaker: speaker.map(str::to_string),
            source: source.map(str::to_string),
            date_from: year.map(|y| Date::new(y, 9, 1).unwrap()),
            date_to: year.map(|y| Date::new(y, 12, 31).unwrap()),
            ..Meta::default()
        }
    }

    #[test]
    fn speaker_ids() {
        for ok in ["USA", "EU", "SUN", "G77", "ASEAN"] {
            assert!(valid_speaker(ok), "{ok}");
        }
        for bad in ["", "U", "usa", "Usa", "US A", "7G", "ÄBC", "ABCDEFGHIJKLM", "USA "] {
            assert!(!valid_speaker(bad), "{bad:?}");
        }
    }

    #[test]
    fn host_rules_fill_only_a_missing_speaker() {
        let rules = SpeakerRules::parse(RULES).unwrap();
        let mut m = meta(Some("https://www.whitehouse.gov/briefing-room/x/"), None, None, None);
        rules.apply(&mut m);
        assert_eq!(m.speaker.as_deref(), Some("USA"));
        let mut m = meta(Some("https://bidenwhitehouse.archives.gov/x"), None, None, None);
        rules.apply(&mut m);
        assert_eq!(m.speaker.as_deref(), Some("USA"));
        // The document's own speaker wins over the host rule.
        let mut m = meta(Some("https://www.whitehouse.gov/x"), Some("GBR"), None, None);
        rules.apply(&mut m);
        assert_eq!(m.speaker.as_deref(), Some("GBR"));
        // Another host (even a look-alike) gets nothing.
        let mut m = meta(Some("https://trumpwhitehouse.archives.gov/x"), None, None, None);
        rules.apply(&mut m);
        assert_eq!(m.speaker, None);
    }

    #[test]
    fn remap_is_dated_and_keyed_on_the_source() {
        let rules = SpeakerRules::parse(RULES).unwrap();
        let un = Some("UN General Debate Corpus");
        for (year, want) in [(1946, "SUN"), (1991, "SUN"), (1992, "RUS"), (2022, "RUS")] {
            let mut m = meta(None, Some("RUS"), un, Some(year));
            rules.apply(&mut m);
            assert_eq!(m.speaker.as_deref(), Some(want), "{year}");
        }
        // Another source, or an undated document, keeps its id.
        let mut m = meta(None, Some("RUS"), Some("Izvestia"), Some(1980));
        rules.apply(&mut m);
        assert_eq!(m.speaker.as_deref(), Some("RUS"));
        let mut m = meta(None, Some("RUS"), un, None);
        rules.apply(&mut m);
        assert_eq!(m.speaker.as_deref(), Some("RUS"));
    }

    #[test]
    fn bad_rules_files_name_the_line() {
        let e = SpeakerRules::parse("[[host]]\nhost = \"x.gov\"\nspeaker = \"usa\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("\"usa\""), "{e}");
        let e = SpeakerRules::parse("[[remap]]\nfrom = \"RUS\"\nto = \"SUN\"\nuntil = \"1991-13-01\"\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e = SpeakerRules::parse("[[host]]\nhost = \"a.gov\"\nspeaker = \"USA\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e = SpeakerRules::parse("[[host]]\nhost = \"a.gov\"\nspeaker = \"USA\"\n[[host]]\nhost = \"www.a.gov\"\nspeaker = \"GBR\"\n").unwrap_err();
        assert!(e.message.contains("two rules"), "{e}");
        let e = SpeakerRules::parse("[[host]]\nhost = \"https://a.gov/\"\nspeaker = \"USA\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = SpeakerRules::parse("[names]\nusa = \"United States\"\n").unwrap_err();
        assert!(e.message.contains("name key"), "{e}");
    }
}
