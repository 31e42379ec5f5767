//! Cues: lexicon phrases (`cues.tsv`) and modifiers (`modifiers.tsv`) found
//! in a clause's words, and the source a reported classification is
//! attributed to (`attribution.tsv`: "according to CNN", "CNN counts … among").
//!
//! ```ignore
//! // "Cuba is an ally of Russia" -> CueHit { cue: "ally", .. }
//! ```

use crate::lexicon::{Effect, Lexicon, Refers, SourcePosition};
use crate::sides::DocState;
use crate::tokens::{Tok, WordIndex, ATTRIBUTION_START};

/// Adverbs allowed between the words of a cue.
const INNER_ADVERBS: &[&str] = &["now", "increasingly", "openly", "further", "even", "also", "still", "again", "firmly", "closely"];
/// Lower-case plural nouns that can be a reported source ("experts say").
const SOURCE_NOUNS: &[&str] = &["experts", "analysts", "officials", "observers", "critics", "sources", "diplomats", "scholars"];

#[derive(Clone, Copy, Debug)]
pub(crate) struct CueHit {
    pub(crate) cue: usize,
    /// Token range of the cue within the clause.
    pub(crate) a: usize,
    pub(crate) b: usize,
    /// Word ordinal of the first and one-past-last cue word.
    pub(crate) wa: usize,
    pub(crate) wb: usize,
}


pub(crate) fn match_cues(lex: &Lexicon, cue_index: &WordIndex, toks: &[Tok], words: &[usize]) -> Vec<CueHit> {
    let mut hits = Vec::new();
    let quoted = quoted_tokens(toks);
    let mut k = 0;
    while k < words.len() {
        let t = &toks[words[k]];
        let mut found = None;
        if t.is_plain_word() {
            if let Some(cands) = cue_index.get(&t.word) {
                for &ci in cands {
                    let cw = &lex.cues[ci].words;
                    // Words of a cue match in order; a short adverb may sit between them
                    // ("teaming up now against").
                    let mut m = k;
                    let mut ok = true;
                    for (j, w) in cw.iter().enumerate() {
                        if j > 0 && m < words.len() && !toks[words[m]].is_word(w) && INNER_ADVERBS.contains(&toks[words[m]].word.as_str()) {
                            m += 1;
                        }
                        if m >= words.len() || !toks[words[m]].is_word(w) {
                            ok = false;
                            break;
                        }
                        m += 1;
                    }
                    if ok {
                        found = Some((ci, m - k));
                        break;
                    }
                }
            }
        }
        let proper = found.is_some() && t.capital && k > 0 && {
            let p = &toks[words[k - 1]];
            p.capital && p.is_plain_word() && p.word != "the"
        };
        if proper || quoted[words[k]] {
            // "the Global Partnership", "Partners in the Blue Pacific": a name, not a cue.
            k += 1;
            continue;
        }
        if let Some((ci, n)) = found {
            hits.push(CueHit { cue: ci, a: words[k], b: words[k + n - 1] + 1, wa: k, wb: k + n });
            k += n;
        } else {
            k += 1;
        }
    }
    hits
}

pub(crate) fn match_mods(lex: &Lexicon, mod_index: &WordIndex, toks: &[Tok], words: &[usize]) -> Vec<(usize, usize, Effect)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let t = &toks[words[k]];
        let mut found = None;
        if t.is_plain_word() {
            if let Some(cands) = mod_index.get(&t.word) {
                for &mi in cands {
                    let (mw, eff) = &lex.modifiers[mi];
                    if k + mw.len() <= words.len() && mw.iter().enumerate().all(|(j, w)| toks[words[k + j]].is_word(w)) {
                        found = Some((mw.len(), *eff));
                        break;
                    }
                }
            }
        }
        if let Some((n, eff)) = found {
            out.push((k, k + n, eff));
            k += n;
        } else {
            k += 1;
        }
    }
    out
}

/// The source a reported classification is attributed to, if any (`classes`: the word classes of `toks`;
/// without a first word of an attribution phrase there is none).
pub(crate) fn attribution(lex: &Lexicon, text: &str, toks: &[Tok], classes: u32, state: &DocState) -> Option<String> {
    if classes & ATTRIBUTION_START == 0 {
        return None;
    }
    for i in 0..toks.len() {
        // (Only a plain word has classes: the class first.)
        if !toks[i].word.has(ATTRIBUTION_START) || !toks[i].is_plain_word() {
            continue;
        }
        for (words, pos) in lex.attribution.iter().filter(|(w, _)| w[0] == toks[i].word) {
            let mut j = i;
            let mut ok = true;
            for w in words {
                if j >= toks.len() || !toks[j].is_word(w) {
                    ok = false;
                    break;
                }
                j += 1;
            }
            if !ok {
                continue;
            }
            match pos {
                SourcePosition::After => {
                    let mut k = j;
                    if k < toks.len() && toks[k].is_word("the") {
                        k += 1;
                    }
                    if let Some(e) = toks.get(k).and_then(|t| t.ent.as_ref()) {
                        if e.anaphor == Some(Refers::Source) {
                            return state.last_source.clone();
                        }
                        continue;
                    }
                    let run: Vec<&Tok> = toks[k..].iter().take_while(|t| t.is_plain_word() && t.capital).collect();
                    if !run.is_empty() {
                        return Some(text[run[0].start..run[run.len() - 1].end].to_string());
                    }
                }
                SourcePosition::Before => {
                    let mut k = i;
                    while k > 0
                        && ["has", "have", "had", "already", "also", "now", "recently", "still", "even"]
                            .contains(&toks[k - 1].word.as_str())
                        && toks[k - 1].is_plain_word()
                    {
                        k -= 1;
                    }
                    if k == 0 {
                        continue;
                    }
                    let prev = &toks[k - 1];
                    if let Some(e) = &prev.ent {
                        if e.anaphor == Some(Refers::Source) {
                            if let Some(s) = &state.last_source {
                                return Some(s.clone());
                            }
                        }
                        continue;
                    }
                    if prev.is_plain_word() && prev.capital && prev.word != "\u{1}" {
                        let mut s = k - 1;
                        while s > 0 && toks[s - 1].is_plain_word() && toks[s - 1].capital {
                            s -= 1;
                        }
                        // A sentence-initial article is not part of the name.
                        if toks[s].word == "the" {
                            s += 1;
                        }
                        if s < k {
                            return Some(text[toks[s].start..toks[k - 1].end].to_string());
                        }
                    }
                    if prev.is_plain_word() && SOURCE_NOUNS.contains(&prev.word.as_str()) {
                        return Some(prev.word.to_string());
                    }
                }
            }
        }
    }
    None
}


/// Tokens inside a quotation of six words or more ("the enemy of my enemy is my friend"):
/// a quoted saying is not the author's stance. Scare quotes around one or two words are kept.
pub(crate) fn quoted_tokens(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut open: Option<usize> = None;
    for i in 0..toks.len() {
        match toks[i].punct {
            Some('“') => open = Some(i),
            Some('"') if open.is_none() => open = Some(i),
            Some('”') | Some('"') => {
                if let Some(o) = open.take() {
                    let words = toks[o + 1..i].iter().filter(|t| t.punct.is_none()).count();
                    if words >= 6 {
                        out[o..=i].iter_mut().for_each(|x| *x = true);
                    }
                }
            }
            _ => {}
        }
    }
    out
}
