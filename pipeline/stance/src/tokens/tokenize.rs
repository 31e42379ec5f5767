//! Tokenising a sentence: words, punctuation and entity slots from the
//! sentence's mentions, side phrases and anaphors.

use super::scan::{alnum, alnum_run, char_at, put};
use super::*;

impl Tokenizer {
    /// Tokenises `text[range]`, turning the given mentions (document indices,
    /// all inside the range, ordered) into entity slots.
    #[cfg(test)]
    pub(crate) fn tokenize<'a>(&self, text: &'a str, range: std::ops::Range<usize>, mentions: &[(usize, &'a Mention)]) -> Vec<Tok<'a>> {
        let mut toks = Vec::new();
        self.tokenize_into(text, range, mentions, None, &mut toks);
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
        speaker: Option<&'a str>,
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
                let ent = if blocked { None } else { mention_side(m).map(|side| Ent { side: Cow::Borrowed(side), mention: Some(idx), anaphor: None, speaker: false }) };
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
        self.merge_phrases(toks, speaker);
        if speaker.is_some() {
            generic_first_person(text, toks);
        }
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
        // "the Vilnius Summit", "the Minsk agreements", "the Paris Agreement": a place or person naming a
        // summit, treaty or format is no side. (Only a sentence with such a head noun can hold one.)
        if classes & NAME_HEAD != 0 {
            for i in 1..toks.len() {
                let head = &toks[i];
                if !(head.word.has(NAME_HEAD) && head.is_plain_word()) {
                    continue;
                }
                let named = toks[i - 1].ent.as_ref().is_some_and(|e| e.mention.is_some() && !e.speaker);
                // A lower-case head names only after a capital city or a plural ("the Minsk agreements"):
                // "a Russian plan", "the China talks" read as the country.
                let plural_or_capital = head.capital || ["agreements", "accords", "protocols", "conventions"].contains(&head.word.as_str());
                if named && plural_or_capital && toks[i - 1].end + 1 >= head.start {
                    toks[i - 1].ent = None;
                    toks[i - 1].word = self.opaque.clone();
                }
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
                        ent: Some(Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(Refers::Country), speaker: false }),
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
                    ent: Some(Ent { side: Cow::Borrowed(""), mention: None, anaphor: Some(Refers::Pair), speaker: false }),
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
    pub(super) fn merge_phrases<'a>(&self, toks: &mut Vec<Tok<'a>>, speaker: Option<&'a str>) {
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
            // (A first-person side is a slot only in a document with a speaker.)
            let speaking = |p: &&SlotPhrase| speaker.is_some() || p.ent.anaphor != Some(Refers::Speaker);
            for p in candidates.iter().filter(|p| p.ids.len() < 2 || p.ids[1] == second).filter(speaking) {
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
                    } else if let (Some(Refers::Speaker), Some(s)) = (ent.anaphor, speaker) {
                        // "we", "my Government": the document's speaker.
                        let ent = Ent { side: Cow::Borrowed(s), mention: None, anaphor: None, speaker: true };
                        Tok { start, end, word: Word::default(), punct: None, ent: Some(ent), capital }
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

/// Words after "we" that make it everyone rather than the speaker: "we, the peoples", "we, the
/// Member States", "we must all", "we all", "we as an Organization", "we as the international community".
const GENERIC_AFTER_WE: &[&str] = &["peoples", "member", "members", "united", "international", "leaders", "undersigned", "nations", "heads"];

/// A generic first person is no side: "we, the peoples", "we must all", "we all", "we as an
/// Organization", "we as the international community", "all of us" ("us" is no slot). Turns such
/// speaker slots back into opaque words, in place.
fn generic_first_person(text: &str, toks: &mut [Tok<'_>]) {
    for i in 0..toks.len() {
        if !toks[i].ent.as_ref().is_some_and(|e| e.speaker) || !text[toks[i].start..toks[i].end].eq_ignore_ascii_case("we") {
            continue;
        }
        let word = |k: usize| toks.get(k).filter(|t| t.is_plain_word()).map_or("", |t| t.word.as_str());
        let after = |k: usize| GENERIC_AFTER_WE.contains(&word(k));
        let generic = (toks.get(i + 1).is_some_and(|t| t.punct == Some(',')) && word(i + 2) == "the" && after(i + 3))
            || word(i + 1) == "all"
            || word(i + 1) == "collectively"
            || word(i + 1) == "together"
            || (["must", "should", "can", "need", "have", "will", "are"].contains(&word(i + 1)) && ["all", "collectively", "together"].contains(&word(i + 2)))
            || (word(i + 1) == "as" && (["an", "the", "a"].contains(&word(i + 2))) && ["organization", "organisation", "international", "united", "member", "global", "community", "humanity", "family"].contains(&word(i + 3)))
            || (word(i + 1) == "as" && ["humanity", "humankind", "mankind", "nations", "states"].contains(&word(i + 2)));
        if generic {
            toks[i].ent = None;
            toks[i].word = Word { text: WordText::Text("\u{1}"), id: 0, classes: 0 };
        }
    }
}
