//! Readings that need the document so far, not just the sentence: a turn
//! that sends the paragraph's earlier stances into the past, and a break with
//! a country's "previous allies", resolved from the stances read before.
//!
//! ```ignore
//! // "Bolivia was long close to Russia. … However, the 2025 election changed this
//! //  situation. The winners want to distance themselves from Bolivia's former allies."
//! // -> the earlier undated BOL→RUS stances end in 2024; BOL→RUS −1 in the last sentence.
//! ```

use crate::time::find_years;
use crate::words::{BREAK_VERBS, TURN_VERBS};
use crate::tokens::{any_word_of, Tok, BREAK_VERB, TURN_VERB};
use crate::DocView;
use orbita_text::{ActorVia, StanceRecord};

/// Words between the verb and "from" / "with" ("distance themselves from", "move away from").
const BREAK_FILLERS: &[&str] = &["themselves", "itself", "himself", "herself", "away", "sharply", "decisively", "further", "clearly"];
/// Adjectives that make the allies the actor's earlier ones.
const EARLIER: &[&str] = &["previous", "former", "old", "traditional", "erstwhile", "past"];
/// Nouns for the friends broken with.
const FRIENDS: &[&str] = &["allies", "ally", "partners", "partner", "friends", "patrons"];

const TURN_OBJECTS: &[&str] = &["situation", "course", "policy", "alignment", "picture", "orientation", "this", "that", "everything"];

fn words<'t, 'a>(toks: &'t [Tok<'a>]) -> Vec<&'t Tok<'a>> {
    toks.iter().filter(|t| t.punct.is_none()).collect()
}

/// "X distances itself from its previous allies", "… from Bolivia's former
/// partners": −1 from the owner (else the first country of the sentence
/// before the verb) toward every side it was read as friendly to (+1, +2) in
/// earlier sentences of the document. Returns the new records.
pub(crate) fn previous_allies(si: usize, toks: &[Tok], range: std::ops::Range<usize>, doc: &DocView<'_>, earlier: &[StanceRecord]) -> Vec<StanceRecord> {
    if !any_word_of(toks, BREAK_VERB) {
        return Vec::new();
    }
    let ws = words(toks);
    let mut out: Vec<StanceRecord> = Vec::new();
    for i in 0..ws.len() {
        if !(ws[i].is_plain_word() && BREAK_VERBS.contains(&ws[i].word.as_str())) {
            continue;
        }
        let mut j = i + 1;
        while j < ws.len() && ws[j].is_plain_word() && BREAK_FILLERS.contains(&ws[j].word.as_str()) {
            j += 1;
        }
        if !(j < ws.len() && (ws[j].is_word("from") || ws[j].is_word("with"))) {
            continue;
        }
        // Only "move/turn" need "away": "turned from" alone is too loose.
        if ["move", "moved", "moves", "moving", "turn", "turned", "turns", "turning"].contains(&ws[i].word.as_str())
            && !ws[i + 1..j].iter().any(|t| t.is_word("away"))
        {
            continue;
        }
        if ["break", "broke", "breaks", "breaking"].contains(&ws[i].word.as_str()) && !ws[j].is_word("with") {
            continue;
        }
        let mut k = j + 1;
        // Owner: "its" / "their" / "<country>'s" / "the".
        let mut owner: Option<(String, Option<usize>)> = None;
        if k < ws.len() {
            if let Some(e) = ws[k].ent.as_ref().filter(|e| !e.side.is_empty()) {
                if k + 1 < ws.len() && (ws[k + 1].is_word("'s") || ws[k + 1].is_word("’s") || ws[k + 1].is_word("s")) {
                    owner = Some((e.side.to_string(), e.mention));
                    k += 2;
                }
            } else if ["its", "their", "his", "her", "the"].contains(&ws[k].word.as_str()) && ws[k].is_plain_word() {
                k += 1;
            }
        }
        if !(k + 1 < ws.len() && ws[k].is_plain_word() && EARLIER.contains(&ws[k].word.as_str())) {
            continue;
        }
        if !(ws[k + 1].is_plain_word() && FRIENDS.contains(&ws[k + 1].word.as_str())) {
            continue;
        }
        let actor = owner.or_else(|| {
            ws[..i].iter().find_map(|t| t.ent.as_ref().filter(|e| !e.side.is_empty()).map(|e| (e.side.to_string(), e.mention)))
        });
        let Some((actor, actor_mention)) = actor else { continue };
        let mut targets: Vec<(String, Option<usize>)> = Vec::new();
        for r in earlier.iter().filter(|r| r.actor == actor && r.label > 0 && r.sentence < si) {
            if !targets.iter().any(|(t, _)| *t == r.target) && r.target != actor {
                targets.push((r.target.clone(), r.target_mention));
            }
        }
        let years = find_years(toks).map(|(_, y)| y).unwrap_or((None, None));
        let cue = doc.text[ws[i].start..ws[k + 1].end].to_string();
        for (t, tm) in targets {
            if out.iter().any(|r| r.actor == actor && r.target == t) {
                continue;
            }
            out.push(StanceRecord {
                sentence: si,
                actor: actor.clone(),
                target: t,
                label: -1,
                confidence: 0.6,
                cue: cue.clone(),
                negated: false,
                hedged: false,
                year_from: years.0,
                year_to: years.1,
                attributed_to: None,
                evidence: range.clone(),
                actor_mention,
                target_mention: tm,
                actor_via: ActorVia::Named,
            });
        }
    }
    out
}

/// "However, the 2025 election changed this situation": a turn dated Y sends
/// the undated stances of the same paragraph's earlier sentences to the years
/// before Y (`year_to = Y − 1`). Only a year at or before the document's year
/// counts. Returns the year of the turn, if the sentence is one.
pub(crate) fn turn_year(toks: &[Tok], doc: &DocView<'_>) -> Option<i32> {
    if !any_word_of(toks, TURN_VERB) {
        return None;
    }
    let ws = words(toks);
    let turn = (0..ws.len()).any(|i| {
        ws[i].is_plain_word()
            && TURN_VERBS.contains(&ws[i].word.as_str())
            && ws[i + 1..ws.len().min(i + 4)].iter().any(|t| t.is_plain_word() && TURN_OBJECTS.contains(&t.word.as_str()))
    });
    if !turn {
        return None;
    }
    let (from, to) = find_years(toks)?.1;
    let y = from.or(to)?;
    match doc.date {
        Some(d) if y > d.year => None,
        _ => Some(y),
    }
}

/// Index of the first sentence of the paragraph holding sentence `si`: the
/// paragraph starts after the last blank line before it.
pub(crate) fn paragraph_start(doc: &DocView<'_>, si: usize) -> usize {
    let mut k = si;
    while k > 0 {
        let gap_start = doc.sentences[k - 1].end.min(doc.sentences[k].start);
        let gap = doc.text.get(gap_start..doc.sentences[k].start).unwrap_or("");
        if gap.matches('\n').count() >= 2 {
            break;
        }
        k -= 1;
    }
    k
}
