//! Sentence tokens for the rule labeller: words, punctuation and entity slots.
//!
//! A linked mention becomes one [`Tok`] carrying an [`Ent`]; so do side
//! phrases from `sides.tsv` ("the West") and anaphors from `anaphora.tsv`
//! ("the republic"), which the labeller resolves later. Words are lower-cased;
//! `'s` and `n't` are split off (`n't` becomes `not`).
//!
//! ```ignore
//! // "Russia's allies" -> [Ent(RUS), Word("'s"), Word("allies")]
//! ```

use crate::lexicon::{Lexicon, Refers};
use scan::ShortTable;
use compact_str::CompactString;
use std::borrow::Cow;
use orbita_text::{EntityKind, Mention};
use rustc_hash::FxHashMap;

mod scan;
#[cfg(test)]
mod tests;
mod tokenize;
mod vocab;

/// A lower-case word of a sentence, with the id of its lexicon word (0 for a
/// word no lexicon phrase uses) and its word classes ([`Word::has`]).
///
/// A word already in lower case in the text borrows it; another lives inline
/// when short (no allocation). Two words are equal when their text is; the id
/// is a function of the text under one [`Tokenizer`].
#[derive(Clone, Default)]
pub(crate) struct Word<'a> {
    text: WordText<'a>,
    id: u32,
    classes: u32,
}

/// The text of a [`Word`]: a slice of the sentence's text, or its own.
#[derive(Clone)]
enum WordText<'a> {
    Text(&'a str),
    Own(CompactString),
}

impl Default for WordText<'_> {
    fn default() -> Self {
        WordText::Text("")
    }
}

/// Word class: first word of an attribution phrase ("according", "says").
pub(crate) const ATTRIBUTION_START: u32 = 1;
/// Word class: a verb of a break ("distance", "moved"; see `discourse`).
pub(crate) const BREAK_VERB: u32 = 2;
/// Word class: a verb of a turn ("changed"; see `discourse`).
pub(crate) const TURN_VERB: u32 = 4;
/// Word class: the noun of a definite description ("republic").
const DESCRIPTION_NOUN: u32 = 8;
/// Word class: a plural noun of a pair anaphor ("countries").
const PAIR_NOUN: u32 = 16;
/// Word class: four digits, maybe with an "s" ("2023", "1990s"): all a year can be (see `time`).
pub(crate) const YEAR_SHAPED: u32 = 32;
/// Word class: a word that opens a clause ("but", "although"; see `words::CLAUSE_OPENERS`).
pub(crate) const CLAUSE_OPENER: u32 = 64;
/// Word class: a determiner a preceding word is read past ("the", "its"; see `words::DETERMINERS`).
pub(crate) const DETERMINER: u32 = 128;
/// Word class: a preposition that makes the entity after it oblique ("with", "against"; see `words::OBLIQUE`).
pub(crate) const OBLIQUE_PREP: u32 = 256;
/// Word class: a word that opens a subordinate clause ("although", "if"; see `words::SUBORDINATORS`).
pub(crate) const SUBORDINATOR: u32 = 512;
/// Word class: "non", the prefix that unmakes a side ("non-NATO").
const NON: u32 = 1024;
/// Word class: "so", which opens a clause after a comma (see `words::split_clauses`).
pub(crate) const SO: u32 = 2048;
/// Word class: the head noun of a name that holds a place or person ("Summit" in "the Vilnius Summit",
/// "agreements" in "the Minsk agreements"; see `words::NAME_HEADS`).
pub(crate) const NAME_HEAD: u32 = 4096;
/// Not a word class: set in the classes [`Tokenizer::tokenize_into`] returns when the sentence
/// holds a ';', ':', '—' or '–', the punctuation that may end a clause.
pub(crate) const CLAUSE_PUNCT: u32 = 1 << 31;

impl Word<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match &self.text {
            WordText::Text(s) => s,
            WordText::Own(s) => s.as_str(),
        }
    }
    /// Whether the word is of the class (a bit mask: [`ATTRIBUTION_START`], …).
    pub(crate) fn has(&self, class: u32) -> bool {
        self.classes & class != 0
    }
}

impl std::ops::Deref for Word<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Word<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Word<'_>) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Word<'_> {
    fn eq(&self, other: &str) -> bool {
        same_bytes(self.as_bytes(), other.as_bytes())
    }
}

impl PartialEq<&str> for Word<'_> {
    fn eq(&self, other: &&str) -> bool {
        same_bytes(self.as_bytes(), other.as_bytes())
    }
}

/// Byte equality of two short strings; unequal lengths or first bytes decide without a call.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && a == b
}

impl PartialEq<String> for Word<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Word<'_>> for String {
    fn eq(&self, other: &Word<'_>) -> bool {
        self.as_str() == other.as_str()
    }
}

/// An entity slot in a sentence (of a document that lives for `'a`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ent<'a> {
    /// Side id (ISO alpha-3 or bloc id); empty for an unresolved anaphor. A mention's is borrowed from it.
    pub side: Cow<'a, str>,
    /// Index into the document's mentions, if a mention names it.
    pub mention: Option<usize>,
    /// Set for anaphors ("the republic", "it").
    pub anaphor: Option<Refers>,
    /// The document's speaker, read from a first-person side ("we", "my Government"): `side` holds its id.
    pub speaker: bool,
}

/// One token of a sentence (of a text that lives for `'a`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tok<'a> {
    /// Byte span in the document text.
    pub start: usize,
    /// Byte end in the document text.
    pub end: usize,
    /// Lower-case word; empty for punctuation and entity slots.
    pub word: Word<'a>,
    /// The punctuation character, for punctuation tokens.
    pub punct: Option<char>,
    /// The entity, for entity slots.
    pub ent: Option<Ent<'a>>,
    /// The token starts with an upper-case letter in the text.
    pub capital: bool,
}

impl Tok<'_> {
    pub(crate) fn is_word(&self, w: &str) -> bool {
        self.ent.is_none() && self.punct.is_none() && same_bytes(self.word.as_bytes(), w.as_bytes())
    }
    pub(crate) fn is_plain_word(&self) -> bool {
        self.ent.is_none() && self.punct.is_none()
    }
}

/// Whether any token of `toks` is a word of the class.
pub(crate) fn any_word_of(toks: &[Tok<'_>], class: u32) -> bool {
    toks.iter().any(|t| t.word.has(class))
}

/// Phrases of the lexicon by the id of their first word, in the order the
/// matcher tries them, longest first ([`Tokenizer::index`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct WordIndex {
    by_id: Vec<Vec<usize>>,
    /// Word ids of each phrase.
    ids: Vec<Vec<u32>>,
}

impl WordIndex {
    /// Indices of the phrases starting with `w`, if any.
    pub(crate) fn get(&self, w: &Word<'_>) -> Option<&Vec<usize>> {
        self.by_id.get(w.id as usize).filter(|v| !v.is_empty())
    }

    /// Whether some phrase may match in `toks`: its words in order among the
    /// sentence's words (tokens that are not punctuation), one other word allowed
    /// between two of them. `false` proves that the cue matcher, which reads
    /// clauses (stretches of these words) and allows only an adverb between
    /// two words of a cue, finds nothing in any clause.
    pub(crate) fn may_match_any(&self, toks: &[Tok<'_>]) -> bool {
        let next_word = |from: usize| (from..toks.len()).find(|&j| toks[j].punct.is_none());
        (0..toks.len()).any(|k| {
            // (Only a plain word has a lexicon id: the id first.)
            let Some(cands) = self.get(&toks[k].word) else { return false };
            if !toks[k].is_plain_word() {
                return false;
            }
            cands.iter().any(|&p| {
                let mut at = k;
                self.ids[p][1..].iter().all(|&id| {
                    let is = |j: usize| toks[j].is_plain_word() && toks[j].word.id == id;
                    match next_word(at + 1) {
                        Some(j) if is(j) => {
                            at = j;
                            true
                        }
                        Some(j) => match next_word(j + 1) {
                            Some(j2) if is(j2) => {
                                at = j2;
                                true
                            }
                            _ => false,
                        },
                        None => false,
                    }
                })
            })
        })
    }
}

/// A side phrase or anaphor made of plain words, and the slot it becomes.
#[derive(Clone, Debug)]
struct SlotPhrase {
    /// Word ids of the phrase.
    ids: Vec<u32>,
    /// Every word is one byte long ("u s"): a trailing abbreviation dot is swallowed.
    letters: bool,
    /// The slot: a side, an anaphor, or (empty side, no anaphor) a blocked phrase.
    ent: Ent<'static>,
}

/// Turns sentences into tokens: lower-cases words, gives them their lexicon
/// ids and classes, makes entity slots of mentions, side phrases and
/// anaphors. Built once per lexicon.
#[derive(Clone, Debug)]
pub(crate) struct Tokenizer {
    /// Lexicon words: id (from 1) and classes.
    vocab: FxHashMap<Box<str>, (u32, u32)>,
    /// The lexicon words of up to 16 bytes, for a faster lookup.
    short_vocab: ShortTable,
    /// Side phrases then anaphors (lexicon order) by the id of their first word.
    slots: Vec<Vec<SlotPhrase>>,
    /// By the id of a first word: whether one of its slot phrases has no other word, and the
    /// second words of the others (bit n: id n); a phrase may match only with one of them next.
    slot_seconds: Vec<(bool, Vec<u64>)>,
    /// Blocked side phrases (side `-`): a mention whose surface is one is opaque.
    blocked: Vec<Vec<String>>,
    /// The first letters of the blocked side phrases.
    blocked_initials: Vec<char>,
    /// (bytes of the first word, bytes of all words, words) of each blocked side phrase.
    blocked_lengths: Vec<(usize, usize, usize)>,
    /// Trigger words ([`Reach`]) and their classes.
    triggers: FxHashMap<Box<[u8]>, u16>,
    /// The trigger words of up to eight bytes by their bytes read as a little-endian `u64`
    /// (a word holds no zero byte, so the number stands for the word).
    short_triggers: FxHashMap<u64, u16>,
    /// Lengths (bit n: n bytes, under 64) of the trigger words by first and last byte ([`shape`]).
    trigger_shapes: Vec<u64>,
    /// Classes of "not" (from "n't").
    not_classes: u16,
    /// Lengths (bit n: n bytes, under 64) of the lexicon words by first and last byte ([`shape`]): most other words need no lookup.
    vocab_shapes: Vec<u64>,
    /// The words "'s", "not" and the opaque word.
    possessive: Word<'static>,
    not: Word<'static>,
    opaque: Word<'static>,
}

/// What a sentence without mentions can do, read from its trigger words before
/// tokenising: a phrase matches only if all its words occur, so one word of it
/// (the longest) stands for it.
///
/// The labeller relies on this: without a mention, an entity slot needs a side,
/// anaphor, description or pair phrase; an attribution and a turn need their
/// words. Without a slot, a sentence gives no record and changes nothing the
/// labeller remembers but the attributed source: every record, every actor and
/// explicit target, every group, camp and pair, and every clause subject brought
/// into focus is a slot of the sentence; "previous allies" need one too. A cue
/// alone reads at most the target in context, and a camp cue does not make its
/// camp's target the last target. So a sentence without mention, slot,
/// attribution or turn can be passed over.
///
/// Nor does one whose anaphors have nothing to point back to ([`Recall`]): a
/// sentence naming no side reads sides only from the memory (a country anaphor,
/// a description or a pronoun the focus, a group anaphor the live group, a pair
/// anaphor or noun the last pair), and one that reads no side is as one without a
/// slot. A turn only dates records read before: with none, it does nothing.
///
/// Nor does one whose only slots read the focus (pronouns such as "it" and "he",
/// country anaphors, descriptions) and where no cue can match: with no cue it is
/// read by `follow_sentence` (rules/quiet.rs), where such a clause subject
/// resolves to the country last in focus (the sentence names none, and with no
/// cue there is no target to pass over), and bringing that one into focus again
/// leaves the focus as it was; such a slot makes no pair.
///
/// A first-person side ("we", "my Government") is a slot only in a document with a speaker, and a
/// sentence whose only slots are such sides and that has no cue word is passed over too: it would
/// only bring the speaker into focus (the one reading here that is not exact; it keeps official
/// statements, where most sentences say "we", as fast to read as others).
///
/// A blocked side phrase ("Western Hemisphere") becomes an opaque word, not a
/// slot: it needs no trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reach(u16);

/// What the labeller remembers that a sentence naming no side could read
/// ([`Reach::matters`]): each field says whether that part of the memory holds something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Recall {
    /// Countries in focus (country anaphors, descriptions, pronouns).
    pub focus: bool,
    /// A group a group anaphor still reaches.
    pub group: bool,
    /// A last pair (pair anaphors and nouns).
    pub pair: bool,
    /// Records read so far (a turn dates them).
    pub records: bool,
    /// The document has a speaker (first-person sides are slots).
    pub speaker: bool,
}

impl Recall {
    /// Everything remembered: a sentence matters as soon as it has a trigger of any class but a lone cue, pronoun or country anaphor.
    #[cfg(test)]
    pub(crate) const ALL: Recall = Recall { focus: true, group: true, pair: true, records: true, speaker: true };
}

impl Reach {
    /// A side phrase, a source anaphor, or an anaphor of several words that refers to a pronoun: a slot without a mention.
    const SLOT: u16 = 1;
    /// A cue phrase.
    const CUE: u16 = 2;
    /// An attribution phrase.
    const ATTRIBUTION: u16 = 4;
    /// A turn verb ("changed"): may date earlier records.
    const TURN: u16 = 8;
    /// A one-word anaphor that refers to a pronoun ("it").
    const PRONOUN: u16 = 16;
    /// A country anaphor ("the republic") or a description noun: a slot that reads the focus, as a pronoun.
    const COUNTRY: u16 = 32;
    /// A group anaphor ("they", "these countries"): a slot that reads the last group.
    const GROUP: u16 = 64;
    /// A pair anaphor ("both countries") or a pair noun: a slot that reads the last pair.
    const PAIR: u16 = 128;
    /// A first-person side ("we", "my Government"): a slot when the document has a speaker.
    const SPEAKER: u16 = 256;

    /// Whether the sentence may give a record or change what the labeller remembers, given what it remembers.
    pub(crate) fn matters(self, recall: Recall) -> bool {
        let has = |class: u16| self.0 & class != 0;
        has(Reach::SLOT | Reach::ATTRIBUTION)
            || has(Reach::TURN) && recall.records
            || has(Reach::PRONOUN | Reach::COUNTRY) && has(Reach::CUE) && recall.focus
            || has(Reach::GROUP) && recall.group
            || has(Reach::PAIR) && recall.pair
            || has(Reach::SPEAKER) && has(Reach::CUE) && recall.speaker
    }
}

/// Nouns of a definite description ("the Latin American republic").
const DESCRIPTION_NOUNS: &[&str] = &["republic", "country", "nation"];

/// Plural nouns that, after "these two" / "both", name the two sides of the last stance.
const PAIR_NOUNS: &[&str] = &["countries", "nations", "states", "powers", "superpowers", "governments", "neighbours", "neighbors", "capitals"];

/// The side a mention stands for: its country, else an organisation's id.
pub(crate) fn mention_side(m: &Mention) -> Option<&str> {
    if let Some(c) = &m.country {
        return Some(c);
    }
    match m.kind {
        EntityKind::Organisation => Some(&m.entity_id),
        _ => None,
    }
}


/// Tokenises `text[range]` with the tokenizer of `lex` (built anew: for tests).
#[cfg(test)]
pub(crate) fn tokenize<'a>(text: &'a str, range: std::ops::Range<usize>, mentions: &[(usize, &'a Mention)], lex: &Lexicon) -> Vec<Tok<'a>> {
    Tokenizer::new(lex).tokenize(text, range, mentions)
}
