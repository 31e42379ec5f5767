//! The stance lexicon: cue phrases, modifiers, anaphora, sides and attribution
//! phrases, parsed from the reviewable TSV files in `data/lexicon/`.
//!
//! Each file has a header row, `#` comments and tab-separated columns. Phrases
//! are matched on lower-case words (punctuation ignored), so `"pro-U.S."` is
//! the words `pro u s`.
//!
//! ```
//! use orbita_stance::lexicon::{Lexicon, CueKind};
//! let lex = Lexicon::parse(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nallies\t2\tnoun\t0.9\n")]).unwrap();
//! assert_eq!(lex.cues[0].kind, CueKind::Noun);
//! ```

use std::collections::HashMap;
use thiserror::Error;

/// Why a lexicon file could not be read.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum LexiconError {
    /// A row has the wrong number of columns.
    #[error("{file}:{line}: expected {expected} tab-separated columns, found {found}")]
    Columns {
        /// File name relative to `data/lexicon/`.
        file: String,
        /// 1-based line number.
        line: usize,
        /// Columns the file needs.
        expected: usize,
        /// Columns found.
        found: usize,
    },
    /// A cell holds a value outside its domain.
    #[error("{file}:{line}: bad {column} {value:?}: {reason}")]
    Value {
        /// File name relative to `data/lexicon/`.
        file: String,
        /// 1-based line number.
        line: usize,
        /// Column name.
        column: &'static str,
        /// The offending cell.
        value: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A file whose name the labeller does not know.
    #[error("{file}: unknown lexicon file (expected one of cues, modifiers, anaphora, sides, attribution .tsv)")]
    UnknownFile {
        /// File name relative to `data/lexicon/`.
        file: String,
    },
    /// The same phrase is listed twice in one table.
    #[error("{file}:{line}: duplicate phrase {phrase:?} (first on line {first})")]
    Duplicate {
        /// File name relative to `data/lexicon/`.
        file: String,
        /// 1-based line number of the repeat.
        line: usize,
        /// First line of the phrase.
        first: usize,
        /// The phrase.
        phrase: String,
    },
    /// No cue file was given: the labeller would never find anything.
    #[error("no cues: the lexicon needs a cues.tsv with at least one row")]
    NoCues,
}

/// How a cue finds its actor and target (see `data/lexicon/cues.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// Relational noun ("allies of X", "X's partner").
    Noun,
    /// Predicate without a required object ("remains neutral").
    State,
    /// Act with a direct object ("supports X").
    Verb,
    /// Mutual relation between the sides named in the clause ("relations are tense").
    Mutual,
    /// Refers back to the last camp ("opposing this camp").
    Camp,
    /// Prefix glued to a side ("pro-U.S.").
    Pro,
}

/// One cue phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// Lower-case words.
    pub words: Vec<String>,
    /// Base label, -2..=2.
    pub label: i8,
    /// How actor and target are found.
    pub kind: CueKind,
    /// Base confidence in [0, 1].
    pub confidence: f64,
}

impl Cue {
    /// A state cue that opens an embedded question ("unclear what position …",
    /// "unclear which side …"): its actor follows it, its target is "toward X"
    /// or the power in context.
    pub fn is_embedded_question(&self) -> bool {
        self.kind == CueKind::State && self.words.iter().any(|w| w == "what" || w == "which")
    }
}

/// What a modifier word does to a nearby cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// ±1 becomes ±2.
    Intensify,
    /// ±2 becomes ±1.
    Weaken,
    /// The cue is negated.
    Negate,
    /// The cue is hedged.
    Hedge,
    /// The stance lies before the document year.
    Past,
    /// The stance holds at the document date.
    Present,
    /// The clause asks or supposes rather than states ("whether"): no record.
    Irrealis,
    /// Negates the cue just before it ("hostility has disappeared").
    NegateAfter,
    /// Turns a friendly cue into leaning against ("abandon the status of a partner").
    Reverse,
    /// A refusal: negates a hostile act (label 0) but turns a friendly act into −1
    /// ("refuses to impose sanctions" vs "refused to join the BRICS").
    Refuse,
}

/// What an anaphor points back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refers {
    /// The last country in focus that is not the target.
    Country,
    /// The last group of actors.
    Group,
    /// A subject pronoun, used only when the clause names no actor.
    Pronoun,
    /// The last attributed source.
    Source,
    /// The two sides of the last stance ("the two countries", "both countries").
    Pair,
    /// The document's speaker ("we", "my country", "my Government"): a side only when the document has one.
    Speaker,
}

/// Where the source of an attribution phrase stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourcePosition {
    /// After the phrase ("according to CNN").
    After,
    /// Before the phrase ("CNN counts").
    Before,
}

/// The parsed lexicon.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Cue phrases.
    pub cues: Vec<Cue>,
    /// Modifier phrases (lower-case words) and their effect.
    pub modifiers: Vec<(Vec<String>, Effect)>,
    /// Anaphor phrases and what they refer to.
    pub anaphora: Vec<(Vec<String>, Refers)>,
    /// Side phrases and their id (`None` blocks the phrase).
    pub sides: Vec<(Vec<String>, Option<String>)>,
    /// Attribution phrases and where their source stands.
    pub attribution: Vec<(Vec<String>, SourcePosition)>,
}

/// Splits a phrase into the lower-case words the matcher compares.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Rows<'a> {
    file: &'a str,
    rows: Vec<(usize, Vec<&'a str>)>,
}

fn rows<'a>(file: &'a str, content: &'a str, columns: usize) -> Result<Rows<'a>, LexiconError> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, raw) in content.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() != columns {
            return Err(LexiconError::Columns { file: file.into(), line: i + 1, expected: columns, found: cells.len() });
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        out.push((i + 1, cells));
    }
    Ok(Rows { file, rows: out })
}

fn bad(file: &str, line: usize, column: &'static str, value: &str, reason: &'static str) -> LexiconError {
    LexiconError::Value { file: file.into(), line, column, value: value.into(), reason }
}

fn phrase_cell(file: &str, line: usize, value: &str, seen: &mut HashMap<Vec<String>, usize>) -> Result<Vec<String>, LexiconError> {
    let words = phrase_words(value);
    if words.is_empty() {
        return Err(bad(file, line, "phrase", value, "has no words"));
    }
    if let Some(first) = seen.insert(words.clone(), line) {
        return Err(LexiconError::Duplicate { file: file.into(), line, first, phrase: value.into() });
    }
    Ok(words)
}

impl Lexicon {
    /// Parses lexicon files given as (name relative to `data/lexicon/`, content).
    /// Files are recognised by their stem: `cues`, `modifiers`, `anaphora`,
    /// `sides`, `attribution`.
    pub fn parse(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (name, content) in files {
            let stem = name.rsplit('/').next().unwrap_or(name);
            let stem = stem.split('.').next().unwrap_or(stem);
            let mut seen = HashMap::new();
            match stem {
                "cues" => {
                    let r = rows(name, content, 4)?;
                    for (line, c) in r.rows {
                        let words = phrase_cell(r.file, line, c[0], &mut seen)?;
                        let label: i8 = c[1].parse().map_err(|_| bad(r.file, line, "label", c[1], "not an integer"))?;
                        if !(-2..=2).contains(&label) {
                            return Err(bad(r.file, line, "label", c[1], "outside -2..=2"));
                        }
                        let kind = match c[2] {
                            "noun" => CueKind::Noun,
                            "state" => CueKind::State,
                            "verb" => CueKind::Verb,
                            "mutual" => CueKind::Mutual,
                            "camp" => CueKind::Camp,
                            "pro" => CueKind::Pro,
                            other => return Err(bad(r.file, line, "kind", other, "expected noun, state, verb, mutual, camp or pro")),
                        };
                        let confidence: f64 =
                            c[3].parse().map_err(|_| bad(r.file, line, "confidence", c[3], "not a number"))?;
                        if !(0.0..=1.0).contains(&confidence) {
                            return Err(bad(r.file, line, "confidence", c[3], "outside [0, 1]"));
                        }
                        lex.cues.push(Cue { words, label, kind, confidence });
                    }
                }
                "modifiers" => {
                    let r = rows(name, content, 2)?;
                    for (line, c) in r.rows {
                        let words = phrase_cell(r.file, line, c[0], &mut seen)?;
                        let effect = match c[1] {
                            "intensify" => Effect::Intensify,
                            "weaken" => Effect::Weaken,
                            "negate" => Effect::Negate,
                            "hedge" => Effect::Hedge,
                            "past" => Effect::Past,
                            "present" => Effect::Present,
                            "irrealis" => Effect::Irrealis,
                            "negate_after" => Effect::NegateAfter,
                            "reverse" => Effect::Reverse,
                            "refuse" => Effect::Refuse,
                            other => {
                                return Err(bad(r.file, line, "effect", other, "expected intensify, weaken, negate, hedge, past, present, irrealis, negate_after, reverse or refuse"))
                            }
                        };
                        lex.modifiers.push((words, effect));
                    }
                }
                "anaphora" => {
                    let r = rows(name, content, 2)?;
                    for (line, c) in r.rows {
                        let words = phrase_cell(r.file, line, c[0], &mut seen)?;
                        let refers = match c[1] {
                            "country" => Refers::Country,
                            "group" => Refers::Group,
                            "pronoun" => Refers::Pronoun,
                            "source" => Refers::Source,
                            "pair" => Refers::Pair,
                            "speaker" => Refers::Speaker,
                            other => return Err(bad(r.file, line, "refers", other, "expected country, group, pronoun, source, pair or speaker")),
                        };
                        lex.anaphora.push((words, refers));
                    }
                }
                "sides" => {
                    let r = rows(name, content, 2)?;
                    for (line, c) in r.rows {
                        let words = phrase_cell(r.file, line, c[0], &mut seen)?;
                        let side = match c[1] {
                            "-" => None,
                            id if !id.is_empty() && id.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_') => {
                                Some(id.to_string())
                            }
                            other => return Err(bad(r.file, line, "side", other, "expected an upper-case id or -")),
                        };
                        lex.sides.push((words, side));
                    }
                }
                "attribution" => {
                    let r = rows(name, content, 2)?;
                    for (line, c) in r.rows {
                        let words = phrase_cell(r.file, line, c[0], &mut seen)?;
                        let pos = match c[1] {
                            "after" => SourcePosition::After,
                            "before" => SourcePosition::Before,
                            other => return Err(bad(r.file, line, "position", other, "expected after or before")),
                        };
                        lex.attribution.push((words, pos));
                    }
                }
                _ => return Err(LexiconError::UnknownFile { file: name.to_string() }),
            }
        }
        if lex.cues.is_empty() {
            return Err(LexiconError::NoCues);
        }
        Ok(lex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUES: &str = "# c\nphrase\tlabel\tkind\tconfidence\nallies of\t2\tnoun\t0.9\n";

    #[test]
    fn parses_cues_and_modifiers() {
        let lex = Lexicon::parse(&[("cues.tsv", CUES), ("modifiers.tsv", "word\teffect\nnot\tnegate\n")]).unwrap();
        assert_eq!(lex.cues[0].words, vec!["allies", "of"]);
        assert_eq!(lex.modifiers[0].1, Effect::Negate);
    }

    #[test]
    fn errors_name_file_line_and_reason() {
        let err = Lexicon::parse(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nfoe\t3\tnoun\t0.9\n")]).unwrap_err();
        assert_eq!(err.to_string(), "cues.tsv:2: bad label \"3\": outside -2..=2");
        let err = Lexicon::parse(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nfoe\t-2\tnoun\n")]).unwrap_err();
        assert!(err.to_string().starts_with("cues.tsv:2: expected 4"), "{err}");
        let err = Lexicon::parse(&[("cues.tsv", CUES), ("extra.tsv", "a\tb\n")]).unwrap_err();
        assert!(matches!(err, LexiconError::UnknownFile { .. }));
    }

    #[test]
    fn duplicates_and_empty_lexicons_are_rejected() {
        let dup = "phrase\tlabel\tkind\tconfidence\nfoe\t-2\tnoun\t0.9\nFoe\t-2\tnoun\t0.9\n";
        assert!(matches!(Lexicon::parse(&[("cues.tsv", dup)]), Err(LexiconError::Duplicate { line: 3, first: 2, .. })));
        assert_eq!(Lexicon::parse(&[]).unwrap_err(), LexiconError::NoCues);
    }

    #[test]
    fn phrase_words_ignore_punctuation() {
        assert_eq!(phrase_words("pro-U.S."), vec!["pro", "u", "s"]);
    }
}
