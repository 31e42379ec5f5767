//! Accountability demanded of a side: "hold Russia accountable", "Russia must be held to account",
//! "the regime must bear full responsibility". In a statement with a speaker it is the speaker's
//! stance against that side (−1), unless another named side holds it to account ("the United States
//! will hold Russia accountable" is the United States').

use crate::tokens::Tok;
use crate::DocView;
use orbita_text::{ActorVia, StanceRecord};
use std::ops::Range;

/// Confidence of an accountability reading: no cue of the lexicon, a pattern of its own.
const CONFIDENCE: f64 = 0.65;
const HOLD: &[&str] = &["hold", "holds", "holding", "held"];
const MODALS: &[&str] = &["must", "should", "will", "shall", "has", "have", "to", "be", "been", "fully", "also", "finally"];

/// Whether the words from `k` read "accountable", "responsible" or "to account": its end, if so.
fn accountable_at(toks: &[Tok], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if t.is_word("accountable") || t.is_word("responsible") {
        return Some(k + 1);
    }
    (t.is_word("to") && toks.get(k + 1).is_some_and(|n| n.is_word("account"))).then_some(k + 2)
}

/// A named side at token `j` (not the speaker's first person, not an anaphor).
fn named<'t, 'a>(toks: &'t [Tok<'a>], j: usize) -> Option<&'t crate::tokens::Ent<'a>> {
    toks.get(j)?.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.speaker && !e.side.is_empty())
}

/// The accountability records of one sentence (`toks` its tokens, `si` its index).
pub(super) fn accountability(si: usize, range: Range<usize>, toks: &[Tok], doc: &DocView<'_>) -> Vec<StanceRecord> {
    let Some(speaker) = doc.speaker else { return Vec::new() };
    let mut out: Vec<StanceRecord> = Vec::new();
    let mut push = |actor: (&str, Option<usize>, ActorVia), target: &crate::tokens::Ent, cue: Range<usize>| {
        if actor.0 == target.side.as_ref() || out.iter().any(|r| r.actor == actor.0 && r.target == target.side.as_ref()) {
            return;
        }
        out.push(StanceRecord {
            sentence: si,
            actor: actor.0.to_string(),
            target: target.side.to_string(),
            label: -1,
            confidence: CONFIDENCE,
            cue: doc.text[cue].to_string(),
            negated: false,
            hedged: false,
            year_from: None,
            year_to: None,
            attributed_to: None,
            evidence: range.clone(),
            actor_mention: actor.1,
            target_mention: target.mention,
            actor_via: actor.2,
        });
    };
    for i in 0..toks.len() {
        // "hold X (…) accountable": the holder is a named subject just before "hold", else the speaker.
        if HOLD.iter().any(|w| toks[i].is_word(w)) && !(i > 0 && (toks[i - 1].is_word("be") || toks[i - 1].is_word("been"))) {
            let mut j = i + 1;
            while toks.get(j).is_some_and(|t| t.is_word("the")) {
                j += 1;
            }
            let Some(target) = named(toks, j) else { continue };
            // Past the side: "'s leadership and military personnel", "fully": up to seven plain words.
            let end = (j + 9).min(toks.len());
            let Some(stop) = (j + 1..end).find_map(|k| accountable_at(toks, k).map(|e| (k, e))) else { continue };
            if toks[j + 1..stop.0].iter().any(|t| t.ent.is_some() || matches!(t.punct, Some(',' | ';' | '.'))) {
                continue;
            }
            let holder = (i.saturating_sub(4)..i).rev().find_map(|k| named(toks, k).map(|e| (k, e)));
            let between_plain = holder.is_some_and(|(k, _)| toks[k + 1..i].iter().all(|t| t.is_plain_word() && MODALS.contains(&t.word.as_str())));
            let actor = match holder {
                Some((_, e)) if between_plain => (e.side.as_ref(), e.mention, ActorVia::Named),
                _ => (speaker, None, ActorVia::Speaker),
            };
            push(actor, target, toks[stop.0].start..toks[stop.1 - 1].end);
        }
        // "X must be held accountable", "X must bear (the full) responsibility".
        if let Some(target) = named(toks, i) {
            let end = (i + 14).min(toks.len());
            let mut k = i + 1;
            while k < end && toks[k].is_plain_word() && MODALS.contains(&toks[k].word.as_str()) {
                k += 1;
            }
            if k == i + 1 || !toks[i + 1..k].iter().any(|t| ["must", "should", "has", "have", "will", "shall"].contains(&t.word.as_str())) {
                continue;
            }
            let held = toks.get(k).is_some_and(|t| t.is_word("held")).then(|| accountable_at(toks, k + 1).map(|e| (k + 1, e))).flatten();
            let bear = toks.get(k).is_some_and(|t| t.is_word("bear")).then(|| {
                (k + 1..end.min(k + 9)).take_while(|&m| toks[m].is_plain_word()).find(|&m| toks[m].is_word("responsibility")).map(|m| (m, m + 1))
            }).flatten();
            if let Some((a, b)) = held.or(bear) {
                push((speaker, None, ActorVia::Speaker), target, toks[a].start..toks[b - 1].end);
            }
        }
    }
    out
}
