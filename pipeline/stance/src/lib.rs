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
//! ```
//! use orbita_stance::{DocView, Labeller, RuleLabeller};
//! let cues = "phrase\tlabel\tkind\tconfidence\nneutral\t0\tstate\t0.85\n";
//! let labeller = RuleLabeller::from_files(&[("cues.tsv", cues)]).unwrap();
//! let doc = DocView { text: "No countries here.", sentences: &[0..18], mentions: &[], date: None };
//! assert!(labeller.label(&doc).is_empty());
//! assert_eq!((labeller.name(), labeller.version()), ("rules", 1));
//! ```

pub mod lexicon;
mod rules;
mod time;
mod tokens;

pub use lexicon::LexiconError;
pub use rules::RuleLabeller;

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
