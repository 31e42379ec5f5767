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
use compact_str::CompactString;
use std::borrow::Cow;
use orbita_text::{EntityKind, Mention};
use rustc_hash::FxHashMap;

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
/// Word class: a word that opens a clause ("but", "although"; see `rules::CLAUSE_OPENERS`).
pub(crate) const CLAUSE_OPENER: u32 = 64;
/// Word class: a determiner a preceding word is read past ("the", "its"; see `rules::DETERMINERS`).
pub(crate) const DETERMINER: u32 = 128;
/// Word class: a preposition that makes the entity after it oblique ("with", "against"; see `rules::OBLIQUE`).
pub(crate) const OBLIQUE_PREP: u32 = 256;
/// Word class: a word that opens a subordinate clause ("although", "if"; see `rules::SUBORDINATORS`).
pub(crate) const SUBORDINATOR: u32 = 512;
/// Word class: "non", the prefix that unmakes a side ("non-NATO").
const NON: u32 = 1024;
/// Word class: "so", which opens a clause after a comma (see `rules::split_clauses`).
pub(crate) const SO: u32 = 2048;
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
    triggers: FxHashMap<Box<[u8]>, u8>,
    /// The trigger words of up to eight bytes by their bytes read as a little-endian `u64`
    /// (a word holds no zero byte, so the number stands for the word).
    short_triggers: FxHashMap<u64, u8>,
    /// Lengths (bit n: n bytes, under 64) of the trigger words by first and last byte ([`shape`]).
    trigger_shapes: Vec<u64>,
    /// Classes of "not" (from "n't").
    not_classes: u8,
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
/// A blocked side phrase ("Western Hemisphere") becomes an opaque word, not a
/// slot: it needs no trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reach(u8);

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
}

impl Recall {
    /// Everything remembered: a sentence matters as soon as it has a trigger of any class but a lone cue, pronoun or country anaphor.
    #[cfg(test)]
    pub(crate) const ALL: Recall = Recall { focus: true, group: true, pair: true, records: true };
}

impl Reach {
    /// A side phrase, a source anaphor, or an anaphor of several words that refers to a pronoun: a slot without a mention.
    const SLOT: u8 = 1;
    /// A cue phrase.
    const CUE: u8 = 2;
    /// An attribution phrase.
    const ATTRIBUTION: u8 = 4;
    /// A turn verb ("changed"): may date earlier records.
    const TURN: u8 = 8;
    /// A one-word anaphor that refers to a pronoun ("it").
    const PRONOUN: u8 = 16;
    /// A country anaphor ("the republic") or a description noun: a slot that reads the focus, as a pronoun.
    const COUNTRY: u8 = 32;
    /// A group anaphor ("they", "these countries"): a slot that reads the last group.
    const GROUP: u8 = 64;
    /// A pair anaphor ("both countries") or a pair noun: a slot that reads the last pair.
    const PAIR: u8 = 128;

    /// Whether the sentence may give a record or change what the labeller remembers, given what it remembers.
    pub(crate) fn matters(self, recall: Recall) -> bool {
        let has = |class: u8| self.0 & class != 0;
        has(Reach::SLOT | Reach::ATTRIBUTION)
            || has(Reach::TURN) && recall.records
            || has(Reach::PRONOUN | Reach::COUNTRY) && has(Reach::CUE) && recall.focus
            || has(Reach::GROUP) && recall.group
            || has(Reach::PAIR) && recall.pair
    }
}

/// Nouns of a definite description ("the Latin American republic").
const DESCRIPTION_NOUNS: &[&str] = &["republic", "country", "nation"];

impl Tokenizer {
    /// Builds the tokenizer of a lexicon.
    pub(crate) fn new(lex: &Lexicon) -> Tokenizer {
        let mut vocab: FxHashMap<Box<str>, (u32, u32)> = FxHashMap::default();
        let mut add = |w: &str, class: u32| {
            let n = vocab.len() as u32 + 1;
            vocab.entry(w.into()).or_insert((n, 0)).1 |= class;
        };
        for c in &lex.cues {
            c.words.iter().for_each(|w| add(w, 0));
        }
        for (words, _) in &lex.modifiers {
            words.iter().for_each(|w| add(w, 0));
        }
        for (words, _) in &lex.sides {
            words.iter().for_each(|w| add(w, 0));
        }
        for (words, _) in &lex.anaphora {
            words.iter().for_each(|w| add(w, 0));
        }
        for (words, _) in &lex.attribution {
            words.iter().for_each(|w| add(w, 0));
            add(&words[0], ATTRIBUTION_START);
        }
        crate::discourse::BREAK_VERBS.iter().for_each(|w| add(w, BREAK_VERB));
        crate::discourse::TURN_VERBS.iter().for_each(|w| add(w, TURN_VERB));
        DESCRIPTION_NOUNS.iter().for_each(|w| add(w, DESCRIPTION_NOUN));
        PAIR_NOUNS.iter().for_each(|w| add(w, PAIR_NOUN));
        crate::rules::CLAUSE_OPENERS.iter().for_each(|w| add(w, CLAUSE_OPENER));
        crate::rules::DETERMINERS.iter().for_each(|w| add(w, DETERMINER));
        crate::rules::OBLIQUE.iter().for_each(|w| add(w, OBLIQUE_PREP));
        crate::rules::SUBORDINATORS.iter().for_each(|w| add(w, SUBORDINATOR));
        add("non", NON);
        add("so", SO);
        let mut slots: Vec<Vec<SlotPhrase>> = vec![Vec::new(); vocab.len() + 1];
        let id = |w: &str| vocab.get(w).map_or(0, |v| v.0);
        for (words, side) in &lex.sides {
            let ent = Ent { side: Cow::Owned(side.clone().unwrap_or_default()), mention: None, anaphor: None };
            let ids: Vec<u32> = words.iter().map(|w| id(w)).collect();
            slots[ids[0] as usize].push(SlotPhrase { ids, letters: words.iter().all(|w| w.len() == 1), ent });
        }
        for (words, refers) in &lex.anaphora {
            let ent = Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(*refers) };
            let ids: Vec<u32> = words.iter().map(|w| id(w)).collect();
            slots[ids[0] as usize].push(SlotPhrase { ids, letters: words.iter().all(|w| w.len() == 1), ent });
        }
        let slot_seconds = slots
            .iter()
            .map(|ps| {
                let mut seconds = vec![0u64; if ps.is_empty() { 0 } else { vocab.len() / 64 + 1 }];
                for id in ps.iter().filter_map(|p| p.ids.get(1).copied()) {
                    seconds[id as usize / 64] |= 1 << (id % 64);
                }
                (ps.iter().any(|p| p.ids.len() < 2), seconds)
            })
            .collect();
        let blocked: Vec<Vec<String>> = lex.sides.iter().filter(|(_, s)| s.is_none()).map(|(w, _)| w.clone()).collect();
        let mut blocked_initials: Vec<char> = blocked.iter().filter_map(|p| p.first()?.chars().next()).collect();
        blocked_initials.sort_unstable();
        blocked_initials.dedup();
        let blocked_lengths = blocked.iter().map(|p| (p[0].len(), p.iter().map(String::len).sum(), p.len())).collect();
        // A phrase matches only if all its words are in the sentence: its longest word stands for it.
        let longest = |words: &[String]| -> Box<[u8]> {
            let mut best = &words[0];
            for w in words {
                if w.len() > best.len() {
                    best = w;
                }
            }
            best.as_bytes().into()
        };
        let mut triggers: FxHashMap<Box<[u8]>, u8> = FxHashMap::default();
        let mut add = |w: Box<[u8]>, class: u8| *triggers.entry(w).or_default() |= class;
        lex.cues.iter().for_each(|c| add(longest(&c.words), Reach::CUE));
        lex.sides.iter().filter(|(_, side)| side.is_some()).for_each(|(w, _)| add(longest(w), Reach::SLOT));
        for (w, refers) in &lex.anaphora {
            let class = match refers {
                Refers::Pronoun if w.len() == 1 => Reach::PRONOUN,
                Refers::Country => Reach::COUNTRY,
                Refers::Group => Reach::GROUP,
                Refers::Pair => Reach::PAIR,
                Refers::Pronoun | Refers::Source => Reach::SLOT,
            };
            add(longest(w), class);
        }
        lex.attribution.iter().for_each(|(w, _)| add(longest(w), Reach::ATTRIBUTION));
        DESCRIPTION_NOUNS.iter().for_each(|w| add(w.as_bytes().into(), Reach::COUNTRY));
        PAIR_NOUNS.iter().for_each(|w| add(w.as_bytes().into(), Reach::PAIR));
        crate::discourse::TURN_VERBS.iter().for_each(|w| add(w.as_bytes().into(), Reach::TURN));
        let mut trigger_shapes = vec![0u64; 1024];
        for w in triggers.keys().filter(|w| w.len() < 64) {
            trigger_shapes[shape(w[0], w[w.len() - 1])] |= 1 << w.len();
        }
        let short_triggers = triggers.iter().filter(|(w, _)| w.len() <= 8).map(|(w, c)| (packed(w), *c)).collect();
        let not_classes = triggers.get(b"not".as_slice()).copied().unwrap_or(0);
        let mut vocab_shapes = vec![0u64; 1024];
        for w in vocab.keys().filter(|w| w.len() < 64) {
            vocab_shapes[shape(w.as_bytes()[0], w.as_bytes()[w.len() - 1])] |= 1 << w.len();
        }
        let mut short_vocab = ShortTable::new(vocab.len());
        for (w, v) in &vocab {
            short_vocab.insert(w.as_bytes(), *v);
        }
        let mut t = Tokenizer {
            short_vocab,
            vocab,
            slots,
            slot_seconds,
            blocked,
            blocked_initials,
            blocked_lengths,
            triggers,
            short_triggers,
            trigger_shapes,
            not_classes,
            vocab_shapes,
            possessive: Word::default(),
            not: Word::default(),
            opaque: Word::default(),
        };
        t.possessive = t.word("'s".into());
        t.not = t.word("not".into());
        t.opaque = t.word("\u{1}".into());
        t
    }

    /// Whether a word of `n` bytes whose first and last bytes are `f` and `l` (either case) may be a trigger.
    #[inline]
    fn may_trigger(&self, f: u8, l: u8, n: usize) -> bool {
        n < 64 && self.trigger_shapes[shape(f, l)] & (1 << n) != 0
    }

    /// The classes of a lower-case word among the trigger words.
    #[inline]
    fn trigger(&self, w: &[u8]) -> u8 {
        match w {
            [f, .., l] | [f @ l] if self.may_trigger(*f, *l, w.len()) => self.triggers.get(w).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// What the words of `text[range]` can do ([`Reach`]; the scan stops once it matters
    /// given `recall`), read as [`Tokenizer::tokenize`] reads them; before an apostrophe both
    /// "don" and "do" + "not" are tried ("don't"). An invalid range reaches nothing.
    pub(crate) fn reach(&self, text: &str, range: std::ops::Range<usize>, recall: Recall) -> Reach {
        if range.start >= range.end || range.end > text.len() || !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            return Reach(0);
        }
        let end = range.end;
        // (Cut at the end: every index below `end` is in bounds.)
        let bytes = &text.as_bytes()[..end];
        let mut classes = 0u8;
        let mut i = range.start;
        // The first trigger decides.
        while i < end {
            if BYTE_CLASS[bytes[i] as usize] == SEPARATOR {
                i += 1;
                continue;
            }
            // A word: ASCII letters and digits by table, a non-ASCII byte decoded.
            let start = i;
            let mut ascii = true;
            loop {
                i += alnum_run(&bytes[i..end]);
                // (An ASCII byte here ends the word: it is no letter or digit.)
                if i < end && bytes[i] >= 0x80 {
                    let (d, dl) = char_at(text, i);
                    if alnum(d) {
                        ascii = false;
                        i += dl;
                        continue;
                    }
                }
                break;
            }
            if i == start {
                // A non-ASCII character that is not a letter or digit.
                i += char_at(text, i).1;
                continue;
            }
            // ("’" is E2 80 99: the first byte rules out most others.)
            let apostrophe = i < end && (bytes[i] == b'\'' || bytes[i] == 0xE2 && bytes[i..].starts_with("’".as_bytes()));
            let known = classes;
            if apostrophe {
                classes |= self.not_classes;
            }
            let n = i - start;
            if ascii {
                let (f, l) = (bytes[start], bytes[i - 1]);
                let whole = self.may_trigger(f, l, n);
                let base = apostrophe && l | 0x20 == b'n' && n > 1 && self.may_trigger(f, bytes[i - 2], n - 1);
                if (whole || base) && start + 8 <= end && n <= 8 {
                    // The word lower-cased in a register (the bytes past it masked off).
                    let Some(&eight) = bytes[start..].first_chunk::<8>() else { unreachable!("checked above") };
                    let word = ascii_lower(u64::from_le_bytes(eight));
                    let first = |k: usize| word & (u64::MAX >> (64 - 8 * k));
                    if whole {
                        classes |= self.short_triggers.get(&first(n)).copied().unwrap_or(0);
                    }
                    if base {
                        classes |= self.short_triggers.get(&first(n - 1)).copied().unwrap_or(0);
                    }
                } else if (whole || base) && n <= 64 {
                    let mut buf = [0u8; 64];
                    for (o, b) in buf.iter_mut().zip(&bytes[start..i]) {
                        *o = b.to_ascii_lowercase();
                    }
                    if whole {
                        classes |= self.trigger(&buf[..n]);
                    }
                    if base {
                        classes |= self.trigger(&buf[..n - 1]);
                    }
                }
            } else {
                let w = text[start..i].to_lowercase();
                classes |= self.trigger(w.as_bytes());
                if apostrophe && w.ends_with('n') {
                    classes |= self.trigger(&w.as_bytes()[..w.len() - 1]);
                }
            }
            // (Unchanged classes matter no more than they did after the last word.)
            if classes != known && Reach(classes).matters(recall) {
                break;
            }
            // (A space after the word is read past here, as the loop would.)
            if i < end && bytes[i] == b' ' {
                i += 1;
            }
        }
        Reach(classes)
    }

    /// The phrases by first word, each list longest first (ties in lexicon order).
    pub(crate) fn index<'a>(&self, phrases: impl Iterator<Item = &'a [String]>) -> WordIndex {
        let mut by_id: Vec<Vec<usize>> = vec![Vec::new(); self.vocab.len() + 1];
        let mut ids: Vec<Vec<u32>> = Vec::new();
        for (i, words) in phrases.enumerate() {
            let w: Vec<u32> = words.iter().map(|w| self.vocab.get(w.as_str()).map_or(0, |v| v.0)).collect();
            by_id[w[0] as usize].push(i);
            ids.push(w);
        }
        for v in &mut by_id {
            v.sort_by_key(|&i| std::cmp::Reverse(ids[i].len()));
        }
        WordIndex { by_id, ids }
    }

    /// A word of the given (lower-case) text.
    fn word(&self, text: CompactString) -> Word<'static> {
        let b = text.as_bytes();
        let known = match b {
            [f, .., l] | [f @ l] => b.len() < 64 && self.vocab_shapes[shape(*f, *l)] & (1 << b.len()) != 0,
            [] => false,
        };
        let (id, mut classes) = if !known {
            (0, 0)
        } else if let Some(v) = self.short_vocab.get(b) {
            v
        } else {
            self.vocab.get(text.as_str()).copied().unwrap_or((0, 0))
        };
        if (b.len() == 4 || b.len() == 5) && b[..4].iter().all(u8::is_ascii_digit) {
            classes |= YEAR_SHAPED;
        }
        Word { text: WordText::Own(text), id, classes }
    }

    /// The lower-cased word `text[r]` (`ascii`: it is ASCII). A short ASCII word
    /// followed by enough text is read as two `u64` and lower-cased in place; if it
    /// was in lower case already, the word borrows the text.
    #[inline]
    fn lower_at<'a>(&self, text: &'a str, r: std::ops::Range<usize>, ascii: bool) -> Word<'a> {
        let n = r.len();
        let bytes = text.as_bytes();
        if !(ascii && (1..=16).contains(&n) && r.start + 16 <= bytes.len()) {
            return self.lower(&text[r], ascii);
        }
        let Some((&lo, rest)) = bytes[r.start..].split_first_chunk::<8>() else { unreachable!("checked above") };
        let Some(&hi) = rest.first_chunk::<8>() else { unreachable!("checked above") };
        // The word's bytes in two halves, zero past the word (a short word leaves the high half empty).
        let (lo, hi) = (u64::from_le_bytes(lo), u64::from_le_bytes(hi));
        let (lo, hi) = if n <= 8 { (lo & (u64::MAX >> (64 - 8 * n)), 0) } else { (lo, hi & (u64::MAX >> (128 - 8 * n))) };
        let raw = u128::from(lo) | u128::from(hi) << 64;
        let key = u128::from(ascii_lower(lo)) | u128::from(ascii_lower(hi)) << 64;
        let changed = key != raw;
        let year = if (n == 4 || n == 5) && four_digits(lo as u32) { YEAR_SHAPED } else { 0 };
        if let Some(slot) = self.short_vocab.find(key, n) {
            // A lexicon word: its text is ready.
            let (id, classes) = self.short_vocab.entries[slot].1;
            let text = if changed { WordText::Own(self.short_vocab.texts[slot].clone()) } else { WordText::Text(&text[r]) };
            return Word { text, id, classes: classes | year };
        }
        let (id, classes) = (0, year);
        if !changed {
            // Already in lower case: the text itself.
            return Word { text: WordText::Text(&text[r]), id, classes };
        }
        // Sixteen bytes are copied (a fixed length: no call) and cut to the word, when they end on a character.
        let mut text = match text.get(r.start..r.start + 16) {
            Some(sixteen) => {
                let mut w = CompactString::new(sixteen);
                w.truncate(n);
                w
            }
            None => CompactString::new(&text[r]),
        };
        text.as_mut_str().make_ascii_lowercase();
        Word { text: WordText::Own(text), id, classes }
    }

    /// The lower-cased word of `s` (`ascii`: `s` is ASCII, lower-cased without a copy to the heap).
    fn lower(&self, s: &str, ascii: bool) -> Word<'static> {
        if ascii {
            let mut w = CompactString::new(s);
            w.as_mut_str().make_ascii_lowercase();
            self.word(w)
        } else {
            self.word(CompactString::from(s.to_lowercase()))
        }
    }

    /// Whether a mention's surface is a blocked side phrase ("Western Hemisphere"). Most surfaces
    /// begin with a letter no blocked phrase begins with, and need no more reading; an ASCII one is
    /// compared with the phrases only if its words have the lengths of one's (lower-casing keeps
    /// them): most have not ("United States").
    fn is_blocked(&self, surface: &str) -> bool {
        let first = surface.chars().find(|c| c.is_alphanumeric());
        let initial = first.and_then(|c| if c.is_ascii() { Some(c.to_ascii_lowercase()) } else { c.to_lowercase().next() });
        if !initial.is_some_and(|c| self.blocked_initials.contains(&c)) {
            return false;
        }
        if surface.is_ascii() {
            // (bytes of the first word, of all words, words), the words being runs of letters and digits.
            let (mut first, mut total, mut words, mut run) = (0, 0, 0, 0);
            for &b in surface.as_bytes().iter().chain([&b' ']) {
                if b.is_ascii_alphanumeric() {
                    run += 1;
                } else if run > 0 {
                    if words == 0 {
                        first = run;
                    }
                    total += run;
                    words += 1;
                    run = 0;
                }
            }
            if !self.blocked_lengths.contains(&(first, total, words)) {
                return false;
            }
        }
        self.spells_blocked(surface)
    }

    /// Whether the words of `surface`, lower-cased, are those of a blocked side phrase.
    fn spells_blocked(&self, surface: &str) -> bool {
        self.blocked.iter().any(|p| {
            let mut pieces = surface.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            for pw in p {
                let Some(piece) = pieces.next() else { return false };
                let same = if piece.is_ascii() {
                    piece.len() == pw.len() && piece.bytes().zip(pw.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
                } else {
                    piece.to_lowercase() == *pw
                };
                if !same {
                    return false;
                }
            }
            pieces.next().is_none()
        })
    }
}

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

/// An open-addressing table from words of up to 16 bytes (packed into a `u128`)
/// to (id, classes); answers `None` for longer words, which the caller looks up
/// elsewhere. Probing reads a small array of tags (fits the L1 cache); the
/// entries are read only on a tag match. At most one slot in eight is taken:
/// a word not listed (most words) is told by its first slot, seldom its second.
#[derive(Clone, Debug)]
struct ShortTable {
    /// Per slot: 0 if empty, else a fingerprint of the word's hash (never 0).
    tags: Vec<u16>,
    /// Per slot: (packed word, length), (id, classes).
    entries: Vec<((u128, usize), (u32, u32))>,
    /// Per slot: the word, ready to clone (no copy through a byte buffer).
    texts: Vec<CompactString>,
    mask: usize,
}

impl ShortTable {
    fn new(n: usize) -> ShortTable {
        let size = (n * 8).next_power_of_two().max(16);
        ShortTable { tags: vec![0; size], entries: vec![((0, 0), (0, 0)); size], texts: vec![CompactString::default(); size], mask: size - 1 }
    }

    #[inline]
    fn key(w: &[u8]) -> u128 {
        let mut buf = [0u8; 16];
        buf[..w.len()].copy_from_slice(w);
        u128::from_le_bytes(buf)
    }

    /// (first slot, tag) of a packed word.
    #[inline]
    fn hash(&self, k: u128, n: usize) -> (usize, u16) {
        let h = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((k >> 64) as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ n as u64;
        let h = h ^ (h >> 29);
        (h as usize & self.mask, (h >> 48) as u16 | 1)
    }

    fn insert(&mut self, w: &[u8], v: (u32, u32)) {
        if w.is_empty() || w.len() > 16 {
            return;
        }
        let k = ShortTable::key(w);
        let (mut i, tag) = self.hash(k, w.len());
        while self.tags[i] != 0 {
            i = (i + 1) & self.mask;
        }
        self.tags[i] = tag;
        self.entries[i] = ((k, w.len()), v);
        self.texts[i] = CompactString::from_utf8(w).expect("lexicon words are text");
    }

    /// `Some(value)` for a listed word, `Some((0, 0))` for an unlisted word of up to 16 bytes, `None` for a longer one.
    #[inline]
    fn get(&self, w: &[u8]) -> Option<(u32, u32)> {
        if w.is_empty() || w.len() > 16 {
            return None;
        }
        Some(self.get_key(ShortTable::key(w), w.len()))
    }

    /// The value of the packed word `k` of `n` (1..=16) bytes; (0, 0) if unlisted.
    #[inline]
    fn get_key(&self, k: u128, n: usize) -> (u32, u32) {
        self.find(k, n).map_or((0, 0), |i| self.entries[i].1)
    }

    /// The slot of the packed word `k` of `n` (1..=16) bytes, if listed.
    #[inline]
    fn find(&self, k: u128, n: usize) -> Option<usize> {
        let (mut i, tag) = self.hash(k, n);
        loop {
            let t = self.tags[i];
            if t == 0 {
                return None;
            }
            if t == tag {
                let (sk, sn) = self.entries[i].0;
                if sn == n && sk == k {
                    return Some(i);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// [`BYTE_CLASS`] of an ASCII byte that is no letter or digit.
const SEPARATOR: u8 = 0;
/// [`BYTE_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// Per byte: [`SEPARATOR`], [`ALNUM`], or 2 for a byte of a non-ASCII character.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() { ALNUM } else { SEPARATOR };
        b += 1;
    }
    t
};

/// The length of the run of ASCII letters and digits that starts `b`, read eight bytes at a time.
#[inline]
fn alnum_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b[n..].first_chunk::<8>() {
        let other = !alnum_bytes(u64::from_le_bytes(*chunk)) & HIGH_BITS;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..].iter().position(|&c| BYTE_CLASS[c as usize] != ALNUM).unwrap_or(b.len() - n)
}

/// The high bit of each byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `c` in every byte.
const fn splat(c: u8) -> u64 {
    0x0101_0101_0101_0101 * c as u64
}

/// The high bit of each byte of `x` that is an ASCII letter or digit. On the low seven bits
/// of a byte, adding `0x80 - c` sets the high bit exactly when the byte is at least `c`, and
/// never carries into the next byte.
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH_BITS;
    let at_least = |v: u64, c: u8| v.wrapping_add(splat(0x80 - c)) & HIGH_BITS;
    // `| 0x20` folds A–Z onto a–z and maps no other byte there.
    let folded = low | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    (letter | digit) & !x & HIGH_BITS
}

/// The bytes of a word of up to eight bytes as a little-endian `u64` (zero above the word).
fn packed(w: &[u8]) -> u64 {
    let mut eight = [0u8; 8];
    eight[..w.len()].copy_from_slice(w);
    u64::from_le_bytes(eight)
}

/// ASCII lower case of eight ASCII bytes at once (`A`–`Z` gain 0x20; no byte reaches 0x80, so no carry).
#[inline]
fn ascii_lower(x: u64) -> u64 {
    let at_least_a = x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let above_z = x.wrapping_add(0x2525_2525_2525_2525);
    x | ((at_least_a & !above_z & 0x8080_8080_8080_8080) >> 2)
}

/// Whether the four bytes of `x` (little-endian) are ASCII digits: each is 0x3_ and stays so when 6 is added (no carry between bytes).
#[inline]
fn four_digits(x: u32) -> bool {
    x & 0xF0F0_F0F0 == 0x3030_3030 && x.wrapping_add(0x0606_0606) & 0xF0F0_F0F0 == 0x3030_3030
}

/// The [`Tokenizer::may_trigger`] slot of a word's first and last bytes: ASCII case is
/// ignored (`| 0x20`), then five bits of each.
#[inline]
fn shape(f: u8, l: u8) -> usize {
    (((f | 0x20) & 31) as usize) << 5 | ((l | 0x20) & 31) as usize
}

/// Writes token `*n` of `toks` (over an old one if there is one) and counts it.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn put<'a>(toks: &mut Vec<Tok<'a>>, n: &mut usize, start: usize, end: usize, word: Word<'a>, punct: Option<char>, ent: Option<Ent<'a>>, capital: bool) {
    if let Some(t) = toks.get_mut(*n) {
        t.start = start;
        t.end = end;
        t.word = word;
        t.punct = punct;
        t.ent = ent;
        t.capital = capital;
    } else {
        toks.push(Tok { start, end, word, punct, ent, capital });
    }
    *n += 1;
}

/// `c.is_alphanumeric()`, without the table lookup for the General Punctuation
/// block (U+2000–U+206F: quotes, dashes, spaces), which holds no letter or digit.
#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte `i` of `text` and its length, ASCII first.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap();
        (c, c.len_utf8())
    }
}

impl Tokenizer {
    /// Tokenises `text[range]`, turning the given mentions (document indices,
    /// all inside the range, ordered) into entity slots.
    #[cfg(test)]
    pub(crate) fn tokenize<'a>(&self, text: &'a str, range: std::ops::Range<usize>, mentions: &[(usize, &'a Mention)]) -> Vec<Tok<'a>> {
        let mut toks = Vec::new();
        self.tokenize_into(text, range, mentions, &mut toks);
        toks
    }

    /// [`Tokenizer::tokenize`] into a reused buffer (cleared first); returns the tokens and the
    /// word classes of their words together (a bit mask: [`Word::has`]), with perhaps some classes
    /// of words that became part of a slot: a class absent from it is absent from the tokens. It
    /// holds [`CLAUSE_PUNCT`] too when the tokens do.
    pub(crate) fn tokenize_into<'a, 't>(
        &self,
        text: &'a str,
        range: std::ops::Range<usize>,
        mentions: &[(usize, &'a Mention)],
        toks: &'t mut Vec<Tok<'a>>,
    ) -> (&'t [Tok<'a>], u32) {
        // Tokens are written over the buffer's old ones (no temporary to copy), then the rest is cut.
        let mut n = 0;
        let bytes = text.as_bytes();
        let bytes_end = range.end.min(text.len());
        let mut i = range.start;
        let mut mi = 0;
        // Where mention `mi` starts (`usize::MAX`: none left); mentions before it start before the cursor.
        let start_of = |mi: usize| mentions.get(mi).map_or(usize::MAX, |m| m.1.span.start);
        let mut next_mention = start_of(0);
        while i < bytes_end {
            if next_mention > i && matches!(bytes[i], b' ' | b'\n') {
                // The common separators, without decoding.
                i += 1;
                continue;
            }
            if next_mention <= i {
                // Skip mentions that start before the cursor (overlaps).
                while mi < mentions.len() && mentions[mi].1.span.start < i {
                    mi += 1;
                }
                next_mention = start_of(mi);
            }
            if next_mention == i {
                let (idx, m) = mentions[mi];
                let end = m.span.end.min(bytes_end).max(i + 1);
                let end = (end..=bytes_end).find(|&e| text.is_char_boundary(e)).unwrap_or(bytes_end);
                let blocked = self.is_blocked(&m.surface);
                let ent = if blocked { None } else { mention_side(m).map(|side| Ent { side: Cow::Borrowed(side), mention: Some(idx), anaphor: None }) };
                // An unlinked or blocked mention is an opaque word.
                let word = if ent.is_none() { self.opaque.clone() } else { Word::default() };
                put(toks, &mut n, i, end, word, None, ent, true);
                i = end;
                mi += 1;
                next_mention = start_of(mi);
                continue;
            }
            let (c, cl) = char_at(text, i);
            if alnum(c) {
                // ASCII letters and digits by table, up to the next mention; then any other character.
                let stop = next_mention.min(bytes_end);
                let mut j = i + alnum_run(&bytes[i..stop]);
                let mut ascii = true;
                // Past the run the word goes on only with a non-ASCII letter or digit, or stops at a mention.
                let more = j < bytes_end && (bytes[j] >= 0x80 || j == next_mention);
                while more && j < bytes_end {
                    let b = bytes[j];
                    let dl = if b < 0x80 {
                        if !b.is_ascii_alphanumeric() {
                            break;
                        }
                        1
                    } else {
                        let d = text[j..].chars().next().unwrap();
                        if !alnum(d) {
                            break;
                        }
                        ascii = false;
                        d.len_utf8()
                    };
                    if next_mention == j && j > i {
                        break;
                    }
                    j += dl;
                }
                let word = self.lower_at(text, i..j, ascii);
                // Contractions: "'s", "n't". (A space, the usual byte after a word, begins none.)
                let k = j;
                let capital = c.is_uppercase();
                if k < bytes_end && bytes[k] != b' ' {
                    let (d, dl) = char_at(text, k);
                    if d == '\'' || d == '’' {
                        let after = k + dl;
                        // The letters after the apostrophe: exactly one, "s" or "t".
                        let mut rest = text[after..bytes_end].chars();
                        let one = rest.next().filter(|x| alnum(*x) && !rest.next().is_some_and(alnum));
                        match one {
                            Some('s' | 'S') => {
                                put(toks, &mut n, i, j, word, None, None, capital);
                                put(toks, &mut n, k, after + 1, self.possessive.clone(), None, None, false);
                                i = after + 1;
                                continue;
                            }
                            Some('t' | 'T') if word.ends_with('n') => {
                                let base = self.word(CompactString::new(&word[..word.len() - 1]));
                                put(toks, &mut n, i, j - 1, base, None, None, capital);
                                put(toks, &mut n, j - 1, after + 1, self.not.clone(), None, None, false);
                                i = after + 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                }
                put(toks, &mut n, i, j, word, None, None, capital);
                // (A space after the word is read past here, as the loop would.)
                i = if j < bytes_end && bytes[j] == b' ' && next_mention > j { j + 1 } else { j };
                continue;
            }
            if c == '\'' || c == '’' {
                // Possessive after an entity slot: "Russia's".
                let after = i + cl;
                let mut rest = text[after..bytes_end].chars();
                if matches!(rest.next(), Some('s') | Some('S')) && !rest.next().is_some_and(alnum) {
                    put(toks, &mut n, i, after + 1, self.possessive.clone(), None, None, false);
                    i = after + 1;
                    continue;
                }
            }
            if !c.is_whitespace() {
                put(toks, &mut n, i, i + cl, Word::default(), Some(c), None, false);
            }
            i += cl;
        }
        toks.truncate(n);
        // Possessive on an entity: "Russia's" -> the 's token already follows it,
        // unless the mention swallowed it; nothing to do.
        self.merge_phrases(toks);
        // What the passes below look for, in one pass: the word classes present, and a "(".
        // (The passes only take words and brackets away.)
        let (mut classes, mut paren) = (0, false);
        for t in toks.iter() {
            classes |= t.word.classes;
            paren |= t.punct == Some('(');
            if matches!(t.punct, Some(';' | ':' | '—' | '–')) {
                classes |= CLAUSE_PUNCT;
            }
        }
        // "the Republic of Korea (ROK)": an acronym repeating the side before it is dropped,
        // so that lists and subjects run on.
        let mut i = if paren { 0 } else { toks.len() };
        while i + 3 < toks.len() {
            let same = match (&toks[i].ent, &toks[i + 2].ent) {
                (Some(a), Some(b)) => a.side == b.side && !a.side.is_empty(),
                _ => false,
            };
            if same && toks[i + 1].punct == Some('(') && toks[i + 3].punct == Some(')') {
                toks.drain(i + 1..i + 4);
            }
            i += 1;
        }
        // "the Latin American republic": a definite description of a country in focus.
        // (Only a sentence with such a noun can hold one.)
        let mut i = if classes & DESCRIPTION_NOUN != 0 { 0 } else { toks.len() };
        while i + 2 < toks.len() {
            if toks[i].is_word("the") {
                let mut j = i + 1;
                while j < toks.len() && j < i + 4 && toks[j].is_plain_word() && toks[j].capital && toks[j].word != "\u{1}" {
                    j += 1;
                }
                if j > i + 1 && toks.get(j).is_some_and(|t| DESCRIPTION_NOUNS.iter().any(|w| t.is_word(w))) {
                    let end = toks[j].end;
                    toks[i] = Tok {
                        start: toks[i].start,
                        end,
                        word: Word::default(),
                        punct: None,
                        ent: Some(Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(Refers::Country) }),
                        capital: toks[i].capital,
                    };
                    toks.drain(i + 1..=j);
                }
            }
            i += 1;
        }
        // "these two superpowers", "the two nations", "both governments": the two sides of the last stance.
        let mut i = if classes & PAIR_NOUN != 0 { 0 } else { toks.len() };
        while i + 2 < toks.len() {
            let det = ["these", "the", "both"].iter().any(|w| toks[i].is_word(w));
            let two = toks[i + 1].is_word("two");
            let noun_at = if two { i + 2 } else { i + 1 };
            let noun = toks.get(noun_at).is_some_and(|t| PAIR_NOUNS.iter().any(|w| t.is_word(w)));
            if det && noun && (two || toks[i].is_word("both")) && toks[i].ent.is_none() {
                let end = toks[noun_at].end;
                toks[i] = Tok {
                    start: toks[i].start,
                    end,
                    word: Word::default(),
                    punct: None,
                    ent: Some(Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(Refers::Pair) }),
                    capital: toks[i].capital,
                };
                toks.drain(i + 1..=noun_at);
            }
            i += 1;
        }
        // "non-NATO ally": the side after "non-" is not a side. (Only a sentence with "non" can hold one.)
        for i in if classes & NON != 0 { 2..toks.len() } else { 0..0 } {
            if toks[i].ent.is_some() && toks[i - 1].punct == Some('-') && toks[i - 2].is_word("non") && toks[i - 1].start == toks[i - 2].end {
                toks[i].ent = None;
                toks[i].word = self.opaque.clone();
            }
        }
        (toks, classes)
    }

    /// Replaces side phrases and anaphors made of plain words by entity slots, in place.
    fn merge_phrases(&self, toks: &mut Vec<Tok<'_>>) {
        let mut w = 0; // tokens kept so far; always <= i
        let mut i = 0;
        while i < toks.len() {
            // Only a plain word of the lexicon may start a phrase (slots and punctuation have no word: id 0,
            // and every phrase word has an id: `slots[0]` is empty). One test for most tokens.
            let first = toks[i].word.id as usize;
            if self.slots[first].is_empty() || !toks[i].is_plain_word() {
                if w != i {
                    toks.swap(w, i);
                }
                w += 1;
                i += 1;
                continue;
            }
            // Words only, punctuation inside phrases like "U.S." is skipped.
            let try_match = |p: &SlotPhrase| -> Option<usize> {
                let mut j = i;
                for &id in &p.ids {
                    while j < toks.len() && toks[j].punct.is_some() && j > i && matches!(toks[j].punct, Some('.') | Some('-')) {
                        j += 1;
                    }
                    if j >= toks.len() || !(toks[j].is_plain_word() && toks[j].word.id == id) {
                        return None;
                    }
                    j += 1;
                }
                // Swallow a trailing "." of an abbreviation like "U.S.".
                if p.letters && j < toks.len() && toks[j].punct == Some('.') && toks[j].start == toks[j - 1].end {
                    j += 1;
                }
                Some(j - i)
            };
            let mut best: Option<(usize, &Ent<'static>)> = None; // (tokens consumed, ent)
            // The word a second phrase word must be (its id; 0: none), as `try_match` finds it.
            let mut j = i + 1;
            while j < toks.len() && matches!(toks[j].punct, Some('.') | Some('-')) {
                j += 1;
            }
            let second = toks.get(j).filter(|t| t.is_plain_word()).map_or(0, |t| t.word.id);
            // (Most words after "the" are the second word of none of its phrases.)
            let (single, seconds) = &self.slot_seconds[first];
            let listed = seconds.get(second as usize / 64).is_some_and(|b| b >> (second % 64) & 1 != 0);
            let candidates = if *single || listed { self.slots[first].as_slice() } else { &[] };
            for p in candidates.iter().filter(|p| p.ids.len() < 2 || p.ids[1] == second) {
                if let Some(n) = try_match(p) {
                    if best.is_none_or(|b| n > b.0) {
                        best = Some((n, &p.ent));
                    }
                }
            }
            match best {
                Some((n, ent)) => {
                    let start = toks[i].start;
                    let end = toks[i + n - 1].end;
                    let capital = toks[i].capital;
                    toks[w] = if ent.side.is_empty() && ent.anaphor.is_none() {
                        // Blocked phrase: one opaque word.
                        Tok { start, end, word: self.opaque.clone(), punct: None, ent: None, capital }
                    } else {
                        Tok { start, end, word: Word::default(), punct: None, ent: Some(ent.clone()), capital }
                    };
                    w += 1;
                    i += n;
                }
                None => {
                    if w != i {
                        toks.swap(w, i);
                    }
                    w += 1;
                    i += 1;
                }
            }
        }
        toks.truncate(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orbita_text::LinkMethod;

    fn lex() -> Lexicon {
        Lexicon::parse(&[
            ("cues.tsv", "phrase\tlabel\tkind\tconfidence\nally\t2\tnoun\t0.9\n"),
            ("sides.tsv", "phrase\tside\nthe west\tWEST\nwestern hemisphere\t-\n"),
            ("anaphora.tsv", "phrase\trefers\nthe republic\tcountry\n"),
        ])
        .unwrap()
    }

    fn m(text: &str, surface: &str, id: &str) -> Mention {
        let start = text.find(surface).unwrap();
        Mention {
            sentence: 0,
            span: start..start + surface.len(),
            surface: surface.into(),
            entity_id: id.into(),
            kind: EntityKind::Country,
            country: Some(id.into()),
            method: LinkMethod::Exact,
            confidence: 1.0,
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        // Guards the shortcut in `alnum`.
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', 'Z', '7', 'é', 'Я', '’', '—', '\u{2070}', '\u{2071}', '\u{3000}'] {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The lexicon of `data/lexicon`.
    fn lex_files() -> Lexicon {
        let files = crate::testdata::files("lexicon", ".tsv");
        let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        Lexicon::parse(&files).unwrap()
    }

    #[test]
    fn reach_reads_every_trigger_word_in_any_case_and_place() {
        // Guards the register lookup of short words in `reach` against the lexicon's own trigger table.
        let t = Tokenizer::new(&lex_files());
        assert!(t.short_triggers.len() > 20);
        for (w, &classes) in &t.triggers {
            let w = std::str::from_utf8(w).unwrap();
            let upper = w.to_uppercase();
            let title: String = w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
            for form in [w, upper.as_str(), title.as_str()] {
                // First word (read first), last word (near the end: the slower path), before an apostrophe.
                for text in [format!("{form} zq, quokka."), format!("zq {form}"), format!("{form}'x zq")] {
                    let r = t.reach(&text, 0..text.len(), Recall::ALL);
                    assert_eq!(r.0 & classes, classes, "{text:?}");
                }
            }
            // A longer word is not the trigger.
            let text = format!("{w}zq quokka, zebra");
            assert_eq!(t.reach(&text, 0..text.len(), Recall::ALL).0 & !t.not_classes, 0, "{text:?}");
        }
    }

    #[test]
    fn blocked_surfaces_have_the_initial_and_lengths_of_a_blocked_phrase() {
        // Guards the length and first-letter tests in `is_blocked`: every name of the knowledge base, and every
        // blocked phrase as written in several ways, is blocked exactly when its words spell one.
        let t = Tokenizer::new(&lex_files());
        let mut surfaces: Vec<String> = Vec::new();
        for p in &t.blocked {
            let words: Vec<String> = p.iter().map(|w| w.to_uppercase()).collect();
            let title: Vec<String> = p.iter().map(|w| w[..1].to_uppercase() + &w[1..]).collect();
            surfaces.extend([p.join(" "), words.join(" "), title.join(" "), title.join("-"), format!("({}.)", words.join("."))]);
            // Near misses: the lengths of the phrase, another last letter.
            let joined = p.join(" ");
            surfaces.push(format!("{}q", &joined[..joined.len() - 1]));
        }
        let dir = format!("{}/../../data/kb", env!("CARGO_MANIFEST_DIR"));
        for e in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
            surfaces.extend(text.split(['\t', '\n', '|', ';', ',']).map(str::to_string));
        }
        assert!(surfaces.len() > 1000);
        let mut blocked = 0;
        for s in &surfaces {
            assert_eq!(t.is_blocked(s), t.spells_blocked(s), "{s:?}");
            blocked += usize::from(t.is_blocked(s));
        }
        assert!(blocked >= 5 * t.blocked.len(), "{blocked}");
    }

    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        // Guards `alnum_run`: every byte value at every place of the first two chunks and the tail.
        let fills = [b'a', b'Z', b'7'];
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    for &fill in &fills {
                        let mut s = vec![fill; len];
                        s[at] = b;
                        let want = s.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(len);
                        assert_eq!(alnum_run(&s), want, "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_read_in_registers_are_the_words_read_slowly() {
        // Guards `lower_at` (two `u64` halves, a short word's high half empty; a lower-case word borrowed
        // from the text, another's sixteen bytes copied and cut to it) against `lower`: every
        // lexicon word of up to sixteen bytes and words of every length, in three cases, with years.
        let t = Tokenizer::new(&lex_files());
        let mut words: Vec<String> = t.vocab.keys().filter(|w| w.len() <= 16 && w.is_ascii()).map(|w| w.to_string()).collect();
        for n in 1..=16 {
            words.push("abcdefghijklmnopq"[..n].to_string());
            words.push("2023s1990X7zZqQ9"[..n].to_string());
        }
        words.extend(["1990s", "2023", "20x5", "0000", "99999"].map(String::from));
        assert!(words.len() > 300, "{}", words.len());
        for w in &words {
            let title = w[..1].to_uppercase() + &w[1..];
            for form in [w.clone(), w.to_uppercase(), title] {
                // (After the word, sixteen bytes in may end inside a character: "é" is two bytes.)
                for text in [format!("{form} and some more text after it"), format!("{form}éééééééééé"), format!("{form} éééééééééé")] {
                    let (fast, slow) = (t.lower_at(&text, 0..form.len(), true), t.lower(&form, true));
                    assert_eq!((fast.as_str(), fast.id, fast.classes), (slow.as_str(), slow.id, slow.classes), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn four_digits_are_ascii_digits() {
        // Guards the shortcut in `lower_at`: every 4-byte value whose bytes are in 0x20..0x80 or a few others.
        let bytes: Vec<u8> = (0x20..0x80).chain([0x00, 0x0F, 0x10, 0xB0, 0xB9, 0xF0, 0xFF]).collect();
        for &a in &bytes {
            for &b in &bytes {
                for (c, d) in [(b'2', b'0'), (a, b), (b, a), (b'9', a)] {
                    let x = [a, b, c, d];
                    assert_eq!(four_digits(u32::from_le_bytes(x)), x.iter().all(u8::is_ascii_digit), "{x:?}");
                }
            }
        }
    }

    #[test]
    fn clause_openers_carry_their_class() {
        // Guards `split_clauses`, which reads the class instead of the list.
        let text = "But HOWEVER the butter, Although whereas whilst, yet if unless\nthough While butt.";
        for t in tokenize(text, 0..text.len(), &[], &lex()) {
            assert_eq!(t.word.has(CLAUSE_OPENER), crate::rules::CLAUSE_OPENERS.contains(&t.word.as_str()), "{:?}", t.word);
        }
    }

    #[test]
    fn determiners_prepositions_and_clause_openers_carry_their_class() {
        // Guards `prev_word`, `oblique_flags`, `split_clauses` and the "non-" pass, which read the classes instead of the lists:
        // every word of the lists in three cases, and near misses, with the real lexicon.
        let t = Tokenizer::new(&lex_files());
        let lists = [
            (DETERMINER, crate::rules::DETERMINERS),
            (OBLIQUE_PREP, crate::rules::OBLIQUE),
            (CLAUSE_OPENER, crate::rules::CLAUSE_OPENERS),
            (SUBORDINATOR, crate::rules::SUBORDINATORS),
            (NON, &["non"]),
            (SO, &["so"]),
        ];
        let mut text = String::from("thee anx wit bye into's onto its' The. ");
        for (_, list) in lists {
            for w in list {
                let title = w[..1].to_uppercase() + &w[1..];
                text += &format!("{w} {} {title}, {w}s x{w} ", w.to_uppercase());
            }
        }
        let toks = t.tokenize(&text, 0..text.len(), &[]);
        assert!(toks.len() > 300);
        for tok in &toks {
            for (class, list) in lists {
                assert_eq!(tok.word.has(class), list.contains(&tok.word.as_str()), "{:?}", tok.word);
            }
        }
    }

    #[test]
    fn splits_possessives_and_contractions() {
        let text = "Russia's ally doesn't fail.";
        let ms = [m(text, "Russia", "RUS")];
        let refs: Vec<(usize, &Mention)> = ms.iter().enumerate().collect();
        let t = tokenize(text, 0..text.len(), &refs, &lex());
        assert_eq!(t[0].ent.as_ref().unwrap().side, "RUS");
        let words: Vec<&str> = t[1..].iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, vec!["'s", "ally", "does", "not", "fail", ""]);
    }

    #[test]
    fn a_side_after_non_is_no_side() {
        // "Non" in any case, and only glued to its hyphen, unmakes the side after it.
        for (text, slot) in [("a major non-NATO ally", false), ("a major NON-NATO ally", false), ("a major non - NATO ally", true), ("a NATO ally", true)] {
            let mut nato = m(text, "NATO", "NATO");
            nato.country = None;
            nato.kind = EntityKind::Organisation;
            let t = tokenize(text, 0..text.len(), &[(0, &nato)], &lex());
            let tok = t.iter().find(|t| t.start == text.find("NATO").unwrap()).unwrap();
            assert_eq!(tok.ent.is_some(), slot, "{text}");
            assert_eq!(tok.word == "\u{1}", !slot, "{text}");
        }
    }

    #[test]
    fn side_phrases_and_anaphors_become_slots() {
        let text = "The republic sides with the West in the Western Hemisphere.";
        let t = tokenize(text, 0..text.len(), &[], &lex());
        assert_eq!(t[0].ent.as_ref().unwrap().anaphor, Some(Refers::Country));
        assert!(t.iter().any(|t| t.ent.as_ref().is_some_and(|e| e.side == "WEST")));
        assert!(t.iter().any(|t| t.word == "\u{1}"), "the hemisphere is blocked");
    }
}
