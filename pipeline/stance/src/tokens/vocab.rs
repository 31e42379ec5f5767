//! Building the [`Tokenizer`] from a lexicon, and reading words: their
//! lexicon ids and classes, the trigger words of a sentence ([`Reach`]),
//! blocked side phrases.

use super::scan::{alnum, alnum_run, ascii_lower, char_at, four_digits, packed, shape, ShortTable, BYTE_CLASS, SEPARATOR};
use super::*;

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
        crate::words::BREAK_VERBS.iter().for_each(|w| add(w, BREAK_VERB));
        crate::words::TURN_VERBS.iter().for_each(|w| add(w, TURN_VERB));
        DESCRIPTION_NOUNS.iter().for_each(|w| add(w, DESCRIPTION_NOUN));
        PAIR_NOUNS.iter().for_each(|w| add(w, PAIR_NOUN));
        crate::words::CLAUSE_OPENERS.iter().for_each(|w| add(w, CLAUSE_OPENER));
        crate::words::DETERMINERS.iter().for_each(|w| add(w, DETERMINER));
        crate::words::OBLIQUE.iter().for_each(|w| add(w, OBLIQUE_PREP));
        crate::words::SUBORDINATORS.iter().for_each(|w| add(w, SUBORDINATOR));
        add("non", NON);
        add("so", SO);
        crate::words::NAME_HEADS.iter().for_each(|w| add(w, NAME_HEAD));
        let mut slots: Vec<Vec<SlotPhrase>> = vec![Vec::new(); vocab.len() + 1];
        let id = |w: &str| vocab.get(w).map_or(0, |v| v.0);
        for (words, side) in &lex.sides {
            let ent = Ent { side: Cow::Owned(side.clone().unwrap_or_default()), mention: None, anaphor: None, speaker: false };
            let ids: Vec<u32> = words.iter().map(|w| id(w)).collect();
            slots[ids[0] as usize].push(SlotPhrase { ids, letters: words.iter().all(|w| w.len() == 1), ent });
        }
        for (words, refers) in &lex.anaphora {
            let ent = Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(*refers), speaker: false };
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
        let mut triggers: FxHashMap<Box<[u8]>, u16> = FxHashMap::default();
        let mut add = |w: Box<[u8]>, class: u16| *triggers.entry(w).or_default() |= class;
        lex.cues.iter().for_each(|c| add(longest(&c.words), Reach::CUE));
        lex.sides.iter().filter(|(_, side)| side.is_some()).for_each(|(w, _)| add(longest(w), Reach::SLOT));
        for (w, refers) in &lex.anaphora {
            let class = match refers {
                Refers::Pronoun if w.len() == 1 => Reach::PRONOUN,
                Refers::Country => Reach::COUNTRY,
                Refers::Group => Reach::GROUP,
                Refers::Pair => Reach::PAIR,
                Refers::Pronoun | Refers::Source => Reach::SLOT,
                Refers::Speaker => Reach::SPEAKER,
            };
            add(longest(w), class);
        }
        lex.attribution.iter().for_each(|(w, _)| add(longest(w), Reach::ATTRIBUTION));
        DESCRIPTION_NOUNS.iter().for_each(|w| add(w.as_bytes().into(), Reach::COUNTRY));
        PAIR_NOUNS.iter().for_each(|w| add(w.as_bytes().into(), Reach::PAIR));
        crate::words::TURN_VERBS.iter().for_each(|w| add(w.as_bytes().into(), Reach::TURN));
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
    pub(super) fn may_trigger(&self, f: u8, l: u8, n: usize) -> bool {
        n < 64 && self.trigger_shapes[shape(f, l)] & (1 << n) != 0
    }

    /// The classes of a lower-case word among the trigger words.
    #[inline]
    pub(super) fn trigger(&self, w: &[u8]) -> u16 {
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
        let mut classes = 0u16;
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
    pub(super) fn word(&self, text: CompactString) -> Word<'static> {
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
    pub(super) fn lower_at<'a>(&self, text: &'a str, r: std::ops::Range<usize>, ascii: bool) -> Word<'a> {
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
    pub(super) fn lower(&self, s: &str, ascii: bool) -> Word<'static> {
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
    pub(super) fn is_blocked(&self, surface: &str) -> bool {
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
    pub(super) fn spells_blocked(&self, surface: &str) -> bool {
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
