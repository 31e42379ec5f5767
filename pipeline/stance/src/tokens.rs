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
use orbita_text::{EntityKind, Mention};

/// An entity slot in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ent {
    /// Side id (ISO alpha-3 or bloc id); empty for an unresolved anaphor.
    pub side: String,
    /// Index into the document's mentions, if a mention names it.
    pub mention: Option<usize>,
    /// Set for anaphors ("the republic", "it").
    pub anaphor: Option<Refers>,
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tok {
    /// Byte span in the document text.
    pub start: usize,
    /// Byte end in the document text.
    pub end: usize,
    /// Lower-case word; empty for punctuation and entity slots.
    pub word: String,
    /// The punctuation character, for punctuation tokens.
    pub punct: Option<char>,
    /// The entity, for entity slots.
    pub ent: Option<Ent>,
    /// The token starts with an upper-case letter in the text.
    pub capital: bool,
}

impl Tok {
    pub(crate) fn is_word(&self, w: &str) -> bool {
        self.ent.is_none() && self.punct.is_none() && self.word == w
    }
    pub(crate) fn is_plain_word(&self) -> bool {
        self.ent.is_none() && self.punct.is_none()
    }
}

/// Plural nouns that, after "these two" / "both", name the two sides of the last stance.
const PAIR_NOUNS: &[&str] = &["countries", "nations", "states", "powers", "superpowers", "governments", "neighbours", "neighbors", "capitals"];

/// The side a mention stands for: its country, else an organisation's id.
pub(crate) fn mention_side(m: &Mention) -> Option<String> {
    if let Some(c) = &m.country {
        return Some(c.clone());
    }
    match m.kind {
        EntityKind::Organisation => Some(m.entity_id.clone()),
        _ => None,
    }
}

/// Tokenises `text[range]`, turning the given mentions (document indices,
/// all inside the range, ordered) into entity slots.
pub(crate) fn tokenize(text: &str, range: std::ops::Range<usize>, mentions: &[(usize, &Mention)], lex: &Lexicon) -> Vec<Tok> {
    let mut toks = Vec::new();
    let bytes_end = range.end.min(text.len());
    let mut i = range.start;
    let mut mi = 0;
    while i < bytes_end {
        // Skip mentions that start before the cursor (overlaps).
        while mi < mentions.len() && mentions[mi].1.span.start < i {
            mi += 1;
        }
        if mi < mentions.len() && mentions[mi].1.span.start == i {
            let (idx, m) = mentions[mi];
            let end = m.span.end.min(bytes_end).max(i + 1);
            let end = (end..=bytes_end).find(|&e| text.is_char_boundary(e)).unwrap_or(bytes_end);
            let blocked = {
                let w = crate::lexicon::phrase_words(&m.surface);
                lex.sides.iter().any(|(p, s)| s.is_none() && *p == w)
            };
            let ent = if blocked { None } else { mention_side(m).map(|side| Ent { side, mention: Some(idx), anaphor: None }) };
            toks.push(Tok {
                start: i,
                end,
                word: String::new(),
                punct: None,
                capital: true,
                ent: ent.clone(),
            });
            if ent.is_none() {
                // An unlinked or blocked mention is an opaque word.
                toks.last_mut().unwrap().word = "\u{1}".into();
            }
            i = end;
            mi += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap();
        let cl = c.len_utf8();
        if c.is_alphanumeric() {
            let mut j = i;
            while j < bytes_end {
                let d = text[j..].chars().next().unwrap();
                if !d.is_alphanumeric() {
                    break;
                }
                if mi < mentions.len() && mentions[mi].1.span.start == j && j > i {
                    break;
                }
                j += d.len_utf8();
            }
            let word = text[i..j].to_lowercase();
            // Contractions: "'s", "n't".
            let mut k = j;
            let mut suffix = None;
            if k < bytes_end {
                let d = text[k..].chars().next().unwrap();
                if d == '\'' || d == '’' {
                    let after = k + d.len_utf8();
                    let rest: String = text[after..bytes_end].chars().take_while(|x| x.is_alphanumeric()).collect();
                    let rl = rest.to_lowercase();
                    if rl == "s" {
                        suffix = Some(("'s".to_string(), k, after + 1));
                    } else if rl == "t" && word.ends_with('n') {
                        suffix = Some(("not".to_string(), k, after + 1));
                    }
                }
            }
            let capital = c.is_uppercase();
            match suffix {
                Some((s, s_start, s_end)) if s == "not" => {
                    let base = &word[..word.len() - 1];
                    toks.push(Tok { start: i, end: j - 1, word: base.to_string(), punct: None, ent: None, capital });
                    toks.push(Tok { start: j - 1, end: s_end, word: s, punct: None, ent: None, capital: false });
                    k = s_end;
                    let _ = s_start;
                }
                Some((s, s_start, s_end)) => {
                    toks.push(Tok { start: i, end: j, word, punct: None, ent: None, capital });
                    toks.push(Tok { start: s_start, end: s_end, word: s, punct: None, ent: None, capital: false });
                    k = s_end;
                }
                None => toks.push(Tok { start: i, end: j, word, punct: None, ent: None, capital }),
            }
            i = k;
            continue;
        }
        if c == '\'' || c == '’' {
            // Possessive after an entity slot: "Russia's".
            let after = i + cl;
            let mut rest = text[after..bytes_end].chars();
            if matches!(rest.next(), Some('s') | Some('S')) && !rest.next().is_some_and(char::is_alphanumeric) {
                toks.push(Tok { start: i, end: after + 1, word: "'s".into(), punct: None, ent: None, capital: false });
                i = after + 1;
                continue;
            }
        }
        if !c.is_whitespace() {
            toks.push(Tok { start: i, end: i + cl, word: String::new(), punct: Some(c), ent: None, capital: false });
        }
        i += cl;
    }
    // Possessive on an entity: "Russia's" -> the 's token already follows it,
    // unless the mention swallowed it; nothing to do.
    merge_phrases(&mut toks, lex);
    // "the Republic of Korea (ROK)": an acronym repeating the side before it is dropped,
    // so that lists and subjects run on.
    let mut i = 0;
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
    let mut i = 0;
    while i + 2 < toks.len() {
        if toks[i].is_word("the") {
            let mut j = i + 1;
            while j < toks.len() && j < i + 4 && toks[j].is_plain_word() && toks[j].capital && toks[j].word != "\u{1}" {
                j += 1;
            }
            if j > i + 1 && toks.get(j).is_some_and(|t| ["republic", "country", "nation"].iter().any(|w| t.is_word(w))) {
                let end = toks[j].end;
                toks[i] = Tok {
                    start: toks[i].start,
                    end,
                    word: String::new(),
                    punct: None,
                    ent: Some(Ent { side: String::new(), mention: None, anaphor: Some(Refers::Country) }),
                    capital: toks[i].capital,
                };
                toks.drain(i + 1..=j);
            }
        }
        i += 1;
    }
    // "these two superpowers", "the two nations", "both governments": the two sides of the last stance.
    let mut i = 0;
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
                word: String::new(),
                punct: None,
                ent: Some(Ent { side: String::new(), mention: None, anaphor: Some(Refers::Pair) }),
                capital: toks[i].capital,
            };
            toks.drain(i + 1..=noun_at);
        }
        i += 1;
    }
    // "non-NATO ally": the side after "non-" is not a side.
    for i in 2..toks.len() {
        if toks[i].ent.is_some() && toks[i - 1].punct == Some('-') && toks[i - 2].is_word("non") && toks[i - 1].start == toks[i - 2].end {
            toks[i].ent = None;
            toks[i].word = "\u{1}".into();
        }
    }
    toks
}

/// Replaces side phrases and anaphors made of plain words by entity slots.
fn merge_phrases(toks: &mut Vec<Tok>, lex: &Lexicon) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(usize, Option<Ent>)> = None; // (tokens consumed, ent)
        // Words only, punctuation inside phrases like "U.S." is skipped.
        let try_match = |words: &[String]| -> Option<usize> {
            let mut j = i;
            for w in words {
                while j < toks.len() && toks[j].punct.is_some() && j > i && matches!(toks[j].punct, Some('.') | Some('-')) {
                    j += 1;
                }
                if j >= toks.len() || !toks[j].is_word(w) {
                    return None;
                }
                j += 1;
            }
            // Swallow a trailing "." of an abbreviation like "U.S.".
            if words.iter().all(|w| w.len() == 1) && j < toks.len() && toks[j].punct == Some('.') && toks[j].start == toks[j - 1].end {
                j += 1;
            }
            Some(j - i)
        };
        let first = toks[i].word.as_str();
        if toks[i].ent.is_some() || toks[i].punct.is_some() {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        for (words, side) in lex.sides.iter().filter(|(w, _)| w[0] == first) {
            if let Some(n) = try_match(words) {
                if best.as_ref().is_none_or(|b| n > b.0) {
                    let ent = side.clone().map(|s| Ent { side: s, mention: None, anaphor: None });
                    best = Some((n, ent.or(Some(Ent { side: String::new(), mention: None, anaphor: None }))));
                }
            }
        }
        for (words, refers) in lex.anaphora.iter().filter(|(w, _)| w[0] == first) {
            if let Some(n) = try_match(words) {
                if best.as_ref().is_none_or(|b| n > b.0) {
                    best = Some((n, Some(Ent { side: String::new(), mention: None, anaphor: Some(*refers) })));
                }
            }
        }
        match best {
            Some((n, Some(ent))) => {
                let start = toks[i].start;
                let end = toks[i + n - 1].end;
                let capital = toks[i].capital;
                if ent.side.is_empty() && ent.anaphor.is_none() {
                    // Blocked phrase: one opaque word.
                    out.push(Tok { start, end, word: "\u{1}".into(), punct: None, ent: None, capital });
                } else {
                    out.push(Tok { start, end, word: String::new(), punct: None, ent: Some(ent), capital });
                }
                i += n;
            }
            _ => {
                out.push(toks[i].clone());
                i += 1;
            }
        }
    }
    *toks = out;
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
    fn side_phrases_and_anaphors_become_slots() {
        let text = "The republic sides with the West in the Western Hemisphere.";
        let t = tokenize(text, 0..text.len(), &[], &lex());
        assert_eq!(t[0].ent.as_ref().unwrap().anaphor, Some(Refers::Country));
        assert!(t.iter().any(|t| t.ent.as_ref().is_some_and(|e| e.side == "WEST")));
        assert!(t.iter().any(|t| t.word == "\u{1}"), "the hemisphere is blocked");
    }
}
