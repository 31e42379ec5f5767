//! Sides: the countries and blocs a stance is held by or aimed at, and what
//! the labeller remembers of them across a document (the focus, the last
//! group, camp, target and pair). Reads entity slots of a clause's tokens:
//! subject groups (lists joined by "and" / commas), oblique entities (after a
//! preposition) and anaphors resolved against the memory.
//!
//! ```ignore
//! // "Cuba and Nicaragua are allies of Russia": one subject group [Cuba, Nicaragua]; Russia is oblique.
//! ```

use crate::lexicon::Refers;
use crate::tokens::{Ent, Recall, Tok, Word, DETERMINER, OBLIQUE_PREP};
use crate::DocView;
use orbita_text::{ActorVia, EntityKind};

/// A side chosen as actor or target, with the mention that names it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Side {
    pub(crate) id: String,
    pub(crate) mention: Option<usize>,
    /// Reached through an anaphor or the previous clause.
    pub(crate) indirect: bool,
    /// The document's speaker, read from a first-person side ("we", "my Government").
    pub(crate) speaker: bool,
}

impl Side {
    /// The side an entity slot names (`indirect`: reached through an anaphor or an earlier clause).
    pub(crate) fn of(e: &Ent, indirect: bool) -> Side {
        Side { id: e.side.to_string(), mention: e.mention, indirect, speaker: e.speaker }
    }

    /// How a stance whose actor is this side found it (`stances.actor_via`).
    pub(crate) fn via(&self) -> ActorVia {
        if self.speaker {
            ActorVia::Speaker
        } else if self.indirect {
            ActorVia::Anaphor
        } else {
            ActorVia::Named
        }
    }
}

/// What the labeller remembers across sentences of one document.
#[derive(Default, Clone, Debug, PartialEq)]
pub(crate) struct DocState {
    /// Countries in focus, most recent last.
    pub(crate) focus: Vec<Side>,
    /// The last group of two or more actors.
    pub(crate) group: Vec<Side>,
    /// The last camp: a group that took a strong stance (target, label).
    pub(crate) camp: Option<(Side, i8)>,
    /// The last explicit target.
    pub(crate) last_target: Option<Side>,
    /// The last named source of a reported classification.
    pub(crate) last_source: Option<String>,
    /// Actor and target of the last stance ("the two countries").
    pub(crate) last_pair: Option<(Side, Side)>,
    /// Sentence index where `group` and `last_pair` were set: they expire after two sentences.
    pub(crate) group_at: usize,
    pub(crate) pair_at: usize,
    /// The owners of hostile acts read so far, by target (target id, owner), most recent last:
    /// "the aggression against Ukraine" after "Russia's invasion of Ukraine" is Russia's.
    pub(crate) acts: Vec<(String, Side)>,
    /// The sentence being read.
    pub(crate) sentence: usize,
}

/// Sentences after which a group or pair anaphor no longer reaches back.
pub(crate) const GROUP_REACH: usize = 2;

impl DocState {
    pub(crate) fn push_focus(&mut self, s: Side) {
        // (Sides in focus are distinct.) Already last in focus: only the mention moves.
        if let Some(last) = self.focus.last_mut().filter(|f| f.id == s.id) {
            last.mention = s.mention;
            return;
        }
        self.focus.retain(|f| f.id != s.id);
        self.focus.push(Side { indirect: false, ..s });
        if self.focus.len() > 8 {
            self.focus.remove(0);
        }
    }
    /// What of this memory a sentence `si` naming no side could read ([`Recall`]; `records`: some record was read before).
    pub(crate) fn recall(&self, si: usize, records: bool, speaker: bool) -> Recall {
        Recall {
            speaker,
            focus: !self.focus.is_empty(),
            group: !self.group.is_empty() && si <= self.group_at + GROUP_REACH,
            pair: self.last_pair.is_some(),
            records,
        }
    }
    pub(crate) fn resolve_country(&self, exclude: &[String]) -> Option<Side> {
        self.focus.iter().rev().find(|f| !exclude.contains(&f.id)).map(|f| Side { indirect: true, ..f.clone() })
    }
}


pub(crate) fn is_list_joiner(t: &Tok) -> bool {
    t.punct == Some(',') || t.is_word("and") || t.is_word("or") || t.is_word("including")
}

/// The side an entity token stands for, resolving country anaphors.
pub(crate) fn ent_side(t: &Tok, exclude: &[String], state: &DocState, country_anaphors: bool) -> Option<Side> {
    let e: &Ent = t.ent.as_ref()?;
    match e.anaphor {
        None if !e.side.is_empty() => Some(Side::of(e, false)),
        Some(Refers::Country) if country_anaphors => state.resolve_country(exclude),
        _ => None,
    }
}

/// Sides of a subject group; anaphors resolve against the state.
#[allow(clippy::too_many_arguments)]
pub(crate) fn group_sides(
    ct: &[Tok],
    g: &std::ops::Range<usize>,
    targets: &[String],
    state: &DocState,
    doc: &DocView<'_>,
    sentence_toks: &[Tok],
    clause_start: usize,
) -> Vec<Side> {
    let mut out: Vec<Side> = Vec::new();
    // Built only for a country anaphor.
    let exclude = || {
        let mut exclude: Vec<String> = targets.to_vec();
        for t in &ct[g.clone()] {
            if let Some(e) = &t.ent {
                if e.anaphor.is_none() && !e.side.is_empty() {
                    exclude.push(e.side.to_string());
                }
            }
        }
        exclude
    };
    for t in &ct[g.clone()] {
        let Some(e) = &t.ent else { continue };
        let Some(refers) = e.anaphor else {
            // A named side (the common case): no list of one to build.
            if !e.side.is_empty() && !targets.iter().any(|x| *x == e.side) && !out.iter().any(|o| o.id == e.side) {
                out.push(Side::of(e, false));
            }
            continue;
        };
        let sides: Vec<Side> = match refers {
            Refers::Country => state.resolve_country(&exclude()).into_iter().collect(),
            Refers::Group if state.sentence <= state.group_at + GROUP_REACH => {
                state.group.iter().map(|s| Side { indirect: true, ..s.clone() }).collect()
            }
            Refers::Group => Vec::new(),
            Refers::Pair if sentence_pair(&sentence_toks[..clause_start + g.start]).is_some() => {
                sentence_pair(&sentence_toks[..clause_start + g.start]).map(|(a, b)| vec![a, b]).unwrap_or_default()
            }
            Refers::Pair => state
                .last_pair
                .iter()
                .filter(|_| state.sentence <= state.pair_at + GROUP_REACH)
                .flat_map(|(a, b)| [Side { indirect: true, ..a.clone() }, Side { indirect: true, ..b.clone() }])
                .collect(),
            Refers::Pronoun => {
                // The last country named earlier in the sentence (a subject before an oblique one;
                // a leader for "he"/"she"), else the focus.
                let end = clause_start + g.start;
                let before = &sentence_toks[..end];
                let obl = oblique_flags(before);
                let person = matches!(t.word.as_str(), "") && {
                    let w = doc_word(doc, t);
                    w == "he" || w == "she"
                };
                let cands: Vec<(usize, Side, bool, bool)> = before
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| {
                        let e = t.ent.as_ref()?;
                        if e.anaphor.is_some() || e.side.is_empty() || e.mention.is_none() || targets.iter().any(|x| *x == e.side) {
                            return None;
                        }
                        let m = e.mention.and_then(|m| doc.mentions.get(m));
                        if m.is_some_and(|m| m.kind == EntityKind::Organisation) {
                            return None;
                        }
                        let leader = m.is_some_and(|m| matches!(m.kind, EntityKind::Leader | EntityKind::FormerLeader));
                        Some((i, Side::of(e, true), obl[i], leader))
                    })
                    .collect();
                let found = if person { cands.iter().rev().find(|c| c.3) } else { None }
                    .or_else(|| cands.iter().rev().find(|c| c.0 >= clause_start))
                    .or_else(|| cands.iter().find(|c| !c.2))
                    .map(|c| c.1.clone());
                found.or_else(|| state.resolve_country(targets)).or_else(|| cands.last().map(|c| c.1.clone())).into_iter().collect()
            }
            // (A speaker slot is resolved by the tokenizer: it never reaches here.)
            Refers::Source | Refers::Speaker => Vec::new(),
        };
        for s in sides {
            if !s.id.is_empty() && !targets.contains(&s.id) && !out.iter().any(|o| o.id == s.id) {
                out.push(s);
            }
        }
    }
    out
}
/// Token `i` lies in a concessive aside: "though" or "although" opens its
/// comma-delimited stretch ("X, though close to the U.S., …").
pub(crate) fn in_aside(ct: &[Tok], i: usize) -> bool {
    (0..i.min(ct.len())).rev().take_while(|&k| ct[k].punct != Some(',')).any(|k| ct[k].is_word("though") || ct[k].is_word("although"))
}

/// The written word of an anaphor token, lower case.
pub(crate) fn doc_word(doc: &DocView<'_>, t: &Tok) -> String {
    doc.text.get(t.start..t.end).unwrap_or("").to_lowercase()
}

/// The two sides of an "A and B" list earlier in the sentence ("Russia and China — … — these two superpowers").
pub(crate) fn sentence_pair(before: &[Tok]) -> Option<(Side, Side)> {
    // Two named sides in a row, the last such two first.
    let mut later: Option<(usize, &Ent)> = None;
    for i in (0..before.len()).rev() {
        let Some(a) = before[i].ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) else { continue };
        let Some((j, b)) = later.replace((i, a)) else { continue };
        if a.side != b.side && j > i && before[i + 1..j].iter().all(|t| t.is_word("and") || t.is_word("the")) && before[i + 1..j].iter().any(|t| t.is_word("and")) {
            let side = |e: &Ent| Side::of(e, true);
            return Some((side(a), side(b)));
        }
    }
    None
}


/// Whether the entity at `i` continues a list whose head follows "of" ("of the United States and Western countries").
pub(crate) fn of_list(ct: &[Tok], i: usize) -> bool {
    let mut k = i;
    while k > 0 && (is_list_joiner(&ct[k - 1]) || ct[k - 1].is_word("the")) {
        k -= 1;
    }
    k < i && k > 0 && ct[k - 1].ent.is_some() && (prev_word(ct, k - 1).is_some_and(|w| w == "of") || of_list(ct, k - 1))
}



/// The previous word before token `i`, skipping determiners.
pub(crate) fn prev_word<'t, 'a>(ct: &'t [Tok<'a>], i: usize) -> Option<&'t Word<'a>> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let t = &ct[k];
        if t.punct.is_some() && !matches!(t.punct, Some('"') | Some('“') | Some('”') | Some('(')) {
            return None;
        }
        if t.punct.is_some() || t.word.has(DETERMINER) {
            continue;
        }
        if t.ent.is_some() {
            return None;
        }
        return Some(&t.word);
    }
    None
}

/// Whether the entity at `i`, joined to the entity before `k` by the tokens `k..i`,
/// continues a list: an "and"/"or" joins them, or the list goes on after `i`.
/// ("with China, Brazil remains" is not a list; "with Cuba, Nicaragua and Venezuela" is.)
pub(crate) fn comma_list_ok(ct: &[Tok], k: usize, i: usize) -> bool {
    if ct[k..i].iter().any(|t| t.is_word("and") || t.is_word("or")) {
        return true;
    }
    let mut j = i + 1;
    let mut saw = false;
    while j < ct.len() && (is_list_joiner(&ct[j]) || ct[j].is_word("the")) {
        saw |= is_list_joiner(&ct[j]);
        j += 1;
    }
    saw && ct.get(j).is_some_and(|t| t.ent.is_some())
}

/// Oblique flag per token: an entity after a preposition (or listed after one).
pub(crate) fn oblique_flags(ct: &[Tok]) -> Vec<bool> {
    let mut flags = vec![false; ct.len()];
    let mut last_ent: Option<usize> = None;
    for i in 0..ct.len() {
        if ct[i].ent.is_none() {
            continue;
        }
        // List continuation inherits the head's flag.
        let mut k = i;
        let mut joined = false;
        while k > 0 {
            let p = &ct[k - 1];
            if is_list_joiner(p) && !p.is_word("including") || p.is_word("the") {
                joined = true;
                k -= 1;
                continue;
            }
            break;
        }
        if joined && k > 0 && ct[k - 1].ent.is_some() && last_ent == Some(k - 1) && comma_list_ok(ct, k, i) {
            flags[i] = flags[k - 1];
            last_ent = Some(i);
            continue;
        }
        let prep = prev_word(ct, i);
        let along = {
            // "along with", "together with", "as well as".
            let mut k = i;
            while k > 0 && (ct[k - 1].is_word("the") || ct[k - 1].punct.is_some()) {
                k -= 1;
            }
            k >= 2 && ct[k - 1].is_word("with") && (ct[k - 2].is_word("along") || ct[k - 2].is_word("together"))
        };
        let listing = prep.is_some_and(|w| w == "of") && {
            let mut k = i;
            while k > 0 && !ct[k - 1].is_word("of") {
                k -= 1;
            }
            k >= 2 && ["consists", "consist", "composed", "comprised", "up", "comprises"].contains(&ct[k - 2].word.as_str())
        } || prep.is_some_and(|w| w == "by") && {
            let mut k = i;
            while k > 0 && !ct[k - 1].is_word("by") {
                k -= 1;
            }
            k >= 2 && ["led", "headed", "run", "ruled", "governed"].contains(&ct[k - 2].word.as_str())
        };
        flags[i] = !along && !listing && prep.is_some_and(|w| w.has(OBLIQUE_PREP));
        last_ent = Some(i);
    }
    flags
}

/// Groups of subject-capable tokens (non-oblique entities and anaphors) joined as lists.
/// A group introduced by "along with" merges with the next group.
pub(crate) fn subject_groups(ct: &[Tok], oblique: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    let mut merge_next = false;
    while i < ct.len() {
        let capable = ct[i].ent.as_ref().is_some_and(|e| e.anaphor != Some(Refers::Source)) && !oblique[i];
        if !capable {
            i += 1;
            continue;
        }
        let start = i;
        let along = {
            let mut k = i;
            while k > 0 && (ct[k - 1].is_word("the") || ct[k - 1].punct.is_some()) {
                k -= 1;
            }
            k >= 2 && ct[k - 1].is_word("with") && (ct[k - 2].is_word("along") || ct[k - 2].is_word("together"))
        };
        let mut end = i + 1;
        loop {
            let mut k = end;
            let mut saw_joiner = false;
            while k < ct.len() && (is_list_joiner(&ct[k]) || ct[k].is_word("the")) {
                saw_joiner |= is_list_joiner(&ct[k]);
                k += 1;
            }
            if saw_joiner && k < ct.len() && ct[k].ent.is_some() {
                end = k + 1;
            } else {
                break;
            }
        }
        if merge_next {
            if let Some(g) = groups.last_mut() {
                g.end = end;
            }
        } else {
            groups.push(start..end);
        }
        merge_next = along;
        i = end;
    }
    // The merged range spans the words between the groups; keep it, group_sides reads entities only.
    groups
}
