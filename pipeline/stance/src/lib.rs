//! orbita-stance: who aligns with or against whom in a sentence.
//!
//! The stance stage reads a document's sentences and linked mentions and
//! writes `stances` rows ([`orbita_text::StanceRecord`]): actor, target,
//! label (−2 adversary … +2 ally), confidence, cue, negation, hedging, years,
//! attributed source and evidence span. The core is pure: no I/O, no Arrow.
//!
//! Labellers sit behind the [`Labeller`] trait so a statistical model can run
//! beside the first one, [`RuleLabeller`], a transparent lexicon-and-rules
//! labeller whose lexicon lives in `data/lexicon/` (see its README).
//!
//! What the rows mean (labeller `rules`, version 5):
//! - one row per (sentence, actor, target, period): two cues for the same pair
//!   in a sentence are one stance; rows are ordered by sentence, then by cue;
//! - `evidence` is the byte span of the whole sentence;
//! - a negated cue ("not an ally", "refuses to impose sanctions") gives label 0
//!   with `negated`; a refused or abandoned friendly act gives −1;
//! - `year_from`/`year_to` come from the clause ("in 2023", "(2007–2017)",
//!   "since 2014", "before 2022") or the head of the sentence; a past marker
//!   without a year ("former", "was", "until recently") gives
//!   `year_to = document year − 1` ("was long", "has long been" too); "now",
//!   "remains", "current" give no year; a dated turn ("the 2025 election
//!   changed this situation") ends the paragraph's earlier undated stances in
//!   the year before it; a leader's term ("under the Kirchners' leadership",
//!   "since Petro took office", "when Milei took office") is read afterwards by
//!   [`place_by_offices`], with the terms the caller's knowledge base gives;
//! - a break with "previous allies" ("distance themselves from Bolivia's
//!   former allies") is −1 toward every side the country was read as friendly
//!   to earlier in the document;
//! - `confidence` is the cue's lexicon confidence, lowered for hedging (×0.8),
//!   negation (×0.6), a target taken from context (×0.75) and an actor reached
//!   through an anaphor (×0.85);
//! - `actor_mention`/`target_mention` index the mention that names the side; for
//!   an anaphor ("the republic") they index the antecedent's mention, which may
//!   lie in an earlier sentence; `None` for sides the linker did not name
//!   ("the West" from `sides.tsv`, the document's speaker);
//! - `actor_via` says how the actor was found: `named` (a mention or side
//!   phrase of the sentence, the possessive owner or "by" agent of an act),
//!   `anaphor` (an anaphor, an earlier clause's subject, or the owner of the same
//!   act named earlier in the document), `speaker` (a first-person side — "we",
//!   "our country", "my Government", "my delegation", "I" — read as
//!   [`DocView::speaker`]; a generic "we" — "we, the peoples", "we must all",
//!   "we as an Organization" — and any first person in a document without a
//!   speaker name no side);
//! - a hostile act named as a noun ("Russia's aggression against Ukraine",
//!   "the blockade imposed on Cuba by the United States", "the annexation of
//!   Crimea by the Russian Federation") is its owner's stance (−2 toward the
//!   target), never that of the subject that names, regrets or condemns it;
//!   without an owner in the sentence or earlier in the document it gives no
//!   row ("the war in Ukraine" is a place and an event). A speaker who names
//!   such an act (not a war *in* a place) takes −1 toward its owner; a hostile
//!   speech act ("we condemn", "Benin regrets") whose object is such an act
//!   takes its owner as target;
//! - a demand or an expectation ("expects cooperation from X") is no
//!   friendship; a summit, treaty or format named after a place ("the Vilnius
//!   Summit", "the Minsk agreements") is no side.
//!
//! **Governments, regimes and peoples.** A country's rows are its
//! government's: "the Maduro regime", "the Ortega-Murillo regime", "the
//! Government of Cuba" stand for VEN, NIC, CUB. Support for a people, an
//! opposition, civil society or a population ("the Venezuelan people", "the
//! Cuban opposition") gives no row toward that state (a sentence that also
//! opposes the regime gives its −1 or −2 toward the state); a people named as
//! kin ("the brotherly people of Cuba") stands for its state. So for a state
//! whose government a speaker opposes while courting its people, the rows
//! toward that state are the hostile ones only: read them as the stance toward
//! the government in power, not toward the country's population.
//!
//! ```
//! use orbita_stance::{DocView, Labeller, RuleLabeller};
//! let cues = "phrase\tlabel\tkind\tconfidence\nneutral\t0\tstate\t0.85\n";
//! let labeller = RuleLabeller::from_files(&[("cues.tsv", cues)]).unwrap();
//! let doc = DocView { text: "No countries here.", sentences: &[0..18], mentions: &[], date: None, speaker: None };
//! assert!(labeller.label(&doc).is_empty());
//! assert_eq!((labeller.name(), labeller.version()), ("rules", 5));
//! ```

mod clauses;
mod cues;
mod discourse;
mod labeller;
pub mod lexicon;
mod roles;
mod sides;
mod time;
mod tokens;
mod words;

/// The repository's data files for the crate's unit tests.
#[cfg(test)]
pub(crate) mod testdata {
    /// Sentences of a test text: split after each ". ", the period kept in its sentence.
    pub(crate) fn sentences_at_periods(text: &str) -> Vec<std::ops::Range<usize>> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            sentences.push(start..i + 1);
            start = i + 2;
        }
        sentences.push(start..text.len());
        sentences
    }

    /// (file name, contents) of the files of `data/<dir>` ending in `ext`, sorted by name.
    pub(crate) fn files(dir: &str, ext: &str) -> Vec<(String, String)> {
        let dir = format!("{}/../../data/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(ext))
            .collect();
        names.sort();
        names.iter().map(|n| (n.clone(), std::fs::read_to_string(format!("{dir}/{n}")).unwrap())).collect()
    }

    /// The labeller of `data/lexicon` and the linker of `data/kb`.
    pub(crate) fn labeller_and_linker() -> (crate::RuleLabeller, orbita_link::Linker) {
        let lex = files("lexicon", ".tsv");
        let lex: Vec<(&str, &str)> = lex.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        let kb = files("kb", ".tsv");
        let kb: Vec<(&str, &str)> = kb.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        let kb = orbita_link::Kb::parse(&kb).unwrap();
        (crate::RuleLabeller::from_files(&lex).unwrap(), orbita_link::Linker::new(&kb))
    }
}

pub use lexicon::LexiconError;
pub use labeller::RuleLabeller;
pub use time::offices::{place_by_offices, OfficeQuery, TermsOf};

/// One document as the labeller sees it.
#[derive(Clone, Copy, Debug)]
pub struct DocView<'a> {
    /// Document text.
    pub text: &'a str,
    /// Sentence byte ranges (from `orbita_split::split`).
    pub sentences: &'a [std::ops::Range<usize>],
    /// All mentions of the document, ordered, each with `sentence` set (from `orbita_link::Linker::link`).
    pub mentions: &'a [orbita_text::Mention],
    /// Document date.
    pub date: Option<orbita_text::Date>,
    /// The country or bloc whose statement the document is (`documents.speaker`: ISO 3166
    /// alpha-3 or a bloc id), when known; first-person sides ("we", "my Government") resolve to it.
    pub speaker: Option<&'a str>,
}

/// A stance labeller: a document in, stance records out.
pub trait Labeller: Send + Sync {
    /// Recorded on every row.
    fn name(&self) -> &'static str;
    /// Bump when output meaning changes.
    fn version(&self) -> u32;
    /// Stance records of the document, ordered by (sentence, then a stable order).
    fn label(&self, doc: &DocView<'_>) -> Vec<orbita_text::StanceRecord>;
}
