//! The rule labeller: lexicon cues read with light, dependency-like patterns.
//!
//! For each sentence the labeller splits clauses (at `;`, `:`, dashes and
//! "but / although / while"), finds cue phrases (`cues.tsv`), and for each cue
//! finds the **target** by its pattern (`allies of X`, `X's allies`,
//! `U.S. allies`, `view X as a partner`, `For X, …`, `stance toward X`, the
//! last camp, or the target in context) and the **actors**: the subject group
//! of the clause (a list distributes: "A, B and C are allies of X"), or the
//! group after the cue in an inverted copula ("X's allies are A, B and C").
//! Anaphors ("the republic", "it", "these countries") resolve to the country
//! or group in focus. Modifiers (`modifiers.tsv`) intensify, weaken, negate,
//! hedge or place the cue in the past; years in the clause (or at the head of
//! the sentence) give `year_from` / `year_to`; "according to CNN" or
//! "CNN counts … among" gives `attributed_to`.
//!
//! ```
//! use orbita_stance::{DocView, Labeller, RuleLabeller};
//! use orbita_text::{EntityKind, LinkMethod, Mention};
//! let cues = "phrase\tlabel\tkind\tconfidence\nallies\t2\tnoun\t0.9\n";
//! let labeller = RuleLabeller::from_files(&[("cues.tsv", cues)]).unwrap();
//! let text = "Cuba and Nicaragua are allies of Russia.";
//! let m = |s: &str, id: &str| {
//!     let start = text.find(s).unwrap();
//!     Mention { sentence: 0, span: start..start + s.len(), surface: s.into(), entity_id: id.into(),
//!               kind: EntityKind::Country, country: Some(id.into()), method: LinkMethod::Exact, confidence: 1.0 }
//! };
//! let mentions = [m("Cuba", "CUB"), m("Nicaragua", "NIC"), m("Russia", "RUS")];
//! let doc = DocView { text, sentences: &[0..text.len()], mentions: &mentions, date: None, speaker: None };
//! let rows = labeller.label(&doc);
//! assert_eq!(rows.len(), 2);
//! assert_eq!((rows[0].actor.as_str(), rows[0].target.as_str(), rows[0].label), ("CUB", "RUS", 2));
//! ```


use crate::lexicon::{Lexicon, LexiconError};
use crate::discourse;
use crate::sides::DocState;
use crate::tokens::{Tokenizer, WordIndex, BREAK_VERB, TURN_VERB};
use crate::{DocView, Labeller};
use orbita_text::{Mention, StanceRecord};

mod accountable;
mod quiet;
mod sentence;
#[cfg(test)]
mod tests;

/// The first, lexicon-and-rules stance labeller.
#[derive(Debug, Clone)]
pub struct RuleLabeller {
    lex: Lexicon,
    /// Cue indices by first word, longest first.
    cue_index: WordIndex,
    /// Modifier indices by first word, longest first.
    mod_index: WordIndex,
    /// Sentence tokenizer of the lexicon.
    tokenizer: Tokenizer,
}

impl RuleLabeller {
    /// Builds the labeller from its lexicon files: (file name relative to data/lexicon/, content),
    /// every regular file in data/lexicon/ ending in .tsv, .csv or .toml, sorted by name. Errors name file, line, reason.
    pub fn from_files(files: &[(&str, &str)]) -> Result<RuleLabeller, LexiconError> {
        Ok(RuleLabeller::from_lexicon(Lexicon::parse(files)?))
    }

    /// Builds the labeller from a parsed lexicon.
    pub fn from_lexicon(lex: Lexicon) -> RuleLabeller {
        let tokenizer = Tokenizer::new(&lex);
        let cue_index = tokenizer.index(lex.cues.iter().map(|c| c.words.as_slice()));
        let mod_index = tokenizer.index(lex.modifiers.iter().map(|(w, _)| w.as_slice()));
        RuleLabeller { lex, cue_index, mod_index, tokenizer }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }
}

impl Labeller for RuleLabeller {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn version(&self) -> u32 {
        5
    }

    fn label(&self, doc: &DocView<'_>) -> Vec<StanceRecord> {
        // The mentions (with their indices) by sentence, in document order within a sentence:
        // a stable sort, one run per sentence.
        let mut by_sentence: Vec<(usize, &Mention)> = doc.mentions.iter().enumerate().filter(|(_, m)| m.sentence < doc.sentences.len()).collect();
        by_sentence.sort_by_key(|(_, m)| m.sentence);
        let mut run = by_sentence.as_slice();
        let mut state = DocState::default();
        let mut out = Vec::new();
        let mut toks_buf = Vec::new();
        let mut ms: Vec<(usize, &Mention)> = Vec::new();
        for (si, range) in doc.sentences.iter().enumerate() {
            let here = run.iter().take_while(|(_, m)| m.sentence == si).count();
            let (of_sentence, rest) = run.split_at(here);
            run = rest;
            if range.start >= range.end
                || range.end > doc.text.len()
                || !doc.text.is_char_boundary(range.start)
                || !doc.text.is_char_boundary(range.end)
            {
                continue;
            }
            ms.clear();
            ms.extend(of_sentence.iter().filter(|(_, m)| {
                m.span.start >= range.start
                    && m.span.end <= range.end
                    && m.span.start < m.span.end
                    && doc.text.is_char_boundary(m.span.start)
                    && doc.text.is_char_boundary(m.span.end)
            }));
            ms.sort_by_key(|(_, m)| m.span.start);
            let recall = state.recall(si, !out.is_empty(), doc.speaker.is_some());
            if ms.is_empty() && !self.tokenizer.reach(doc.text, range.clone(), recall).matters(recall) {
                // No mention and no trigger word that can read something: no stance, nothing remembered (see `Reach`).
                continue;
            }
            // (With the word classes of the sentence: an attribution, a break and a turn need a word of theirs.)
            let (toks, classes) = self.tokenizer.tokenize_into(doc.text, range.clone(), &ms, doc.speaker, &mut toks_buf);
            let recs = if self.cue_index.may_match_any(toks) {
                self.label_sentence(si, range.clone(), toks, classes, doc, &mut state)
            } else {
                self.follow_sentence(si, toks, classes, doc, &mut state)
            };
            let held = if doc.speaker.is_some() { accountable::accountability(si, range.clone(), toks, doc) } else { Vec::new() };
            out.extend(recs);
            for h in held {
                if !out.iter().any(|r| r.sentence == si && r.actor == h.actor && r.target == h.target) {
                    out.push(h);
                }
            }
            // A break with "previous allies" resolves them from the stances read so far.
            if classes & BREAK_VERB != 0 {
                let broken = discourse::previous_allies(si, toks, range.clone(), doc, &out);
                out.extend(broken.into_iter().filter(|b| !out.iter().any(|r| r.sentence == si && r.actor == b.actor && r.target == b.target)).collect::<Vec<_>>());
            }
            // A dated turn sends the paragraph's earlier undated stances to the years before it.
            if let Some(y) = if classes & TURN_VERB != 0 { discourse::turn_year(toks, doc) } else { None } {
                let first = discourse::paragraph_start(doc, si);
                for r in out.iter_mut().filter(|r| r.sentence >= first && r.sentence < si) {
                    if r.year_from.is_none() && r.year_to.is_none() {
                        r.year_to = Some(y - 1);
                    }
                }
            }
        }
        out
    }
}
