//! Clauses: a sentence's tokens cut at `;`, `:`, dashes (not around an
//! apposed list), "but / although / while …", ", so" and the comma that ends
//! an opening subordinate clause.
//!
//! ```ignore
//! // "Brazil condemned Russia, but it keeps trading" -> two clauses
//! ```

use crate::sides::is_list_joiner;
use crate::tokens::{Tok, CLAUSE_OPENER, CLAUSE_PUNCT, SO, SUBORDINATOR};

/// Clause ranges (token indices) of a sentence (`classes`: the word classes of `toks`, with
/// [`CLAUSE_PUNCT`]).
pub(crate) fn split_clauses(text: &str, toks: &[Tok], classes: u32) -> Vec<std::ops::Range<usize>> {
    // A clause ends only at its punctuation, before an opener or "so", or, when the clause opens
    // with a subordinator, at a comma: a sentence with none of these is one clause.
    let subordinate = toks.first().is_some_and(|t| t.word.has(SUBORDINATOR));
    if classes & (CLAUSE_PUNCT | CLAUSE_OPENER | SO) == 0 && !subordinate {
        return std::iter::once(0..toks.len()).filter(|c| !c.is_empty()).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    // Dashes around a bare list are an apposition, not a clause break:
    // "Russia's allies — Cuba, Venezuela and Nicaragua — oppose …".
    // (No dash, no apposition: most sentences need no flags.)
    let dashes = toks.iter().any(|t| t.punct == Some('—'));
    let mut apposition = if dashes { vec![false; toks.len()] } else { Vec::new() };
    for i in 0..if dashes { toks.len() } else { 0 } {
        if toks[i].punct != Some('—') {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && (toks[j].ent.is_some() || is_list_joiner(&toks[j]) || toks[j].is_word("the")) {
            j += 1;
        }
        if j > i + 1 && j < toks.len() && toks[j].punct == Some('—') {
            apposition[i] = true;
            apposition[j] = true;
        }
        // A list closing the sentence: "a partnership called AUKUS — Australia, the United Kingdom and the United States."
        if j > i + 2 && (j == toks.len() || (j + 1 == toks.len() && toks[j].punct == Some('.'))) {
            apposition[i] = true;
        }
    }
    for (i, t) in toks.iter().enumerate() {
        match t.punct {
            // (Only dashes are flagged.)
            Some(_) if apposition.get(i) == Some(&true) => {}
            Some(p) => {
                let boundary = match p {
                    ';' | ':' | '—' => true,
                    '–' => {
                        let before = text[..t.start].chars().next_back().is_some_and(char::is_whitespace);
                        let after = text[t.end..].chars().next().is_some_and(char::is_whitespace);
                        before && after
                    }
                    _ => false,
                };
                if boundary {
                    if i > start {
                        out.push(start..i);
                    }
                    start = i + 1;
                    continue;
                }
                let concessive_end = p == ','
                    && toks.get(start).is_some_and(|s| s.word.has(SUBORDINATOR))
                    && toks.get(i + 1).is_some_and(|n| n.ent.is_some() || ["it", "he", "she", "they", "we", "i", "you", "the"].contains(&n.word.as_str()));
                if concessive_end {
                    out.push(start..i);
                    start = i + 1;
                }
            }
            // A plain word opening a clause, or "so" after a comma. (Only a plain word has a
            // class or a text.)
            None if i > start && (t.word.has(CLAUSE_OPENER) || toks[i - 1].punct == Some(',') && t.word == "so") => {
                out.push(start..i);
                start = i;
            }
            None => {}
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}
