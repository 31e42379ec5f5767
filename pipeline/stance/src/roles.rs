//! Roles: which side a cue is aimed at (its target: "allies of X", "X's
//! allies", "U.S. allies", "view X as a partner", "For X, …", "stance toward
//! X", the last camp or the target in context) and who holds it when the
//! holder is not the clause subject (a possessive owner "X's invasion of Y",
//! a passive agent "invaded by X", hyphen compounds "U.S.-China").
//!
//! ```ignore
//! // "Japan condemned Russia's war against Ukraine": possessive_agent -> Russia, after_targets -> Ukraine
//! ```

use crate::cues::CueHit;
use crate::lexicon::{Cue, CueKind, Refers};
use crate::sides::{comma_list_ok, in_aside, oblique_flags, prev_word, subject_groups, DocState, Side};
use crate::tokens::{Ent, Tok, Word};

/// Prepositions that introduce a stance target after a noun or state cue.
pub(crate) const TARGET_PREPS: &[&str] = &["of", "to", "toward", "towards", "with", "against", "on", "for", "from", "by", "between", "among"];
/// Words skipped between a cue and its target.
pub(crate) const SKIP: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "publicly", "openly", "firmly", "strongly", "actively", "also", "even",
    "both", "all", "fully", "closely", "directly", "further", "not", "just", "only", "brave",
];
/// Words after an object entity that still make it the object ("supports Russia in …").
pub(crate) const OBJECT_FOLLOW: &[&str] = &[
    "in", "on", "at", "and", "or", "as", "for", "with", "over", "of", "from", "by", "during", "to", "against", "but", "while",
    "which", "who", "that", "because", "'s", "policies", "policy", "line", "lead", "positions", "position", "itself",
    "themselves", "despite", "since", "after", "before", "until", "again", "too", "either", "actions", "imperialist",
    "interference", "dominance", "hegemony", "aggression", "government", "regime", "influence", "military", "forces", "troops",
    "agency", "embassy", "ambassador", "diplomats", "officials", "bases",
];
/// Heads that stand for their country in an object ("support the people of Ukraine").
pub(crate) const STANDIN: &[&str] = &["state", "government", "sovereignty", "security", "defense", "defence", "independence", "leadership", "territory"];
/// Generic nouns a target list may follow ("with other countries, including Russia").
pub(crate) const GENERIC: &[&str] = &["countries", "states", "nations", "partners", "powers", "other", "governments", "neighbours", "neighbors"];
/// Nouns between a state cue and its preposition ("a neutral stance toward Russia").
pub(crate) const STANCE_NOUNS: &[&str] = &["stance", "position", "attitude", "posture", "line", "policy", "relations", "relationship", "ties"];
/// Nouns a "pro-X" / "anti-X" adjective must modify to be a stance ("a pro-Western line").
pub(crate) const PRO_HEADS: &[&str] = &[
    "line", "lines", "stance", "position", "positions", "policy", "policies", "orbit", "course", "direction", "camp", "bloc",
    "republic", "country", "government", "leader", "leaders", "elites", "president", "resolution", "resolutions", "forces",
    "coalition", "alliance", "regime", "party", "sentiment", "rhetoric", "tilt", "shift",
];

#[allow(clippy::too_many_arguments)]
pub(crate) fn find_target(
    cue: &Cue,
    ct: &[Tok],
    oblique: &[bool],
    h: &CueHit,
    kind: CueKind,
    state: &DocState,
    for_frame: Option<&Side>,
    has_camp_word: bool,
    elaboration: Option<&Side>,
) -> (Vec<Side>, bool) {
    let last = cue.words.last().map(String::as_str).unwrap_or("");
    let ends_with_prep = TARGET_PREPS.contains(&last);
    let context = || -> (Vec<Side>, bool) {
        if cue.label != 0 {
            // Only a neutral reading is safe to hang on the target in context
            // ("El Salvador and Honduras tend to remain neutral").
            return (Vec::new(), false);
        }
        if let Some(t) = elaboration {
            return (vec![t.clone()], true);
        }
        if has_camp_word {
            if let Some((t, _)) = &state.camp {
                return (vec![Side { indirect: true, ..t.clone() }], false);
            }
        }
        (state.last_target.iter().map(|t| Side { indirect: true, ..t.clone() }).collect(), false)
    };
    // "strengthening ties with the Latin American republic": a country anaphor as target.
    let anaphor_target = || -> Option<Side> {
        let mut j = h.b;
        if !ends_with_prep && ct.get(j).is_some_and(|t| t.is_plain_word() && TARGET_PREPS.contains(&t.word.as_str())) {
            j += 1;
        }
        let e = ct.get(j)?.ent.as_ref()?;
        if e.anaphor != Some(Refers::Country) {
            return None;
        }
        let named: Vec<String> = ct.iter().filter_map(|t| t.ent.as_ref()).filter(|e| e.anaphor.is_none()).map(|e| e.side.to_string()).collect();
        state.resolve_country(&named)
    };
    // An embedded question ("unclear what position the country will take") has its
    // actor after the cue; the target is "toward X" or the power in context.
    if cue.is_embedded_question() {
        let toward = (h.b..ct.len()).find(|&j| ct[j].is_word("toward") || ct[j].is_word("towards"));
        if let Some(e) = toward.and_then(|j| ct.get(j + 1)).and_then(|t| t.ent.as_ref()).filter(|e| e.anaphor.is_none() && !e.side.is_empty()) {
            return (vec![Side::of(e, false)], true);
        }
        return context();
    }
    match kind {
        CueKind::Mutual => (Vec::new(), false),
        CueKind::Verb | CueKind::Noun | CueKind::State if anaphor_target().is_some() && passive_agent(ct, h, ends_with_prep).is_none() => {
            (anaphor_target().into_iter().collect(), true)
        }
        CueKind::Camp => match &state.camp {
            Some((t, _)) => (vec![t.clone()], true),
            None => (Vec::new(), false),
        },
        CueKind::Pro => {
            // "pro-U.S.": a hyphen glues the prefix to the side.
            let mut j = h.b;
            if j < ct.len() && ct[j].punct == Some('-') && ct[j].start == ct[h.b - 1].end {
                j += 1;
                let head_ok = match ct.get(j + 1) {
                    None => true,
                    // "a pro-U.S. republic", "is pro-Western." — but not "pro-China, anti-American regulations".
                    Some(n) if n.punct.is_some() => n.punct != Some(','),
                    Some(n) => PRO_HEADS.contains(&n.word.as_str()),
                };
                if let Some(e) = ct.get(j).and_then(|t| t.ent.as_ref()).filter(|e| e.anaphor.is_none() && head_ok) {
                    if ct[j].start == ct[j - 1].end {
                        return (vec![Side::of(e, false)], true);
                    }
                }
            }
            (Vec::new(), false)
        }
        CueKind::Verb if passive_agent(ct, h, ends_with_prep).is_some() => (Vec::new(), false),
        CueKind::Verb => {
            let needs_prep = false;
            let t = after_targets(ct, h.b, needs_prep || ends_with_prep, !ends_with_prep, true);
            if t.is_empty() && cue.label < 0 && !is_nominal_act(cue) {
                // "we condemn the aggression by the Russian Federation": the act's owner.
                return (speech_act_target(ct, h.b).into_iter().collect(), true);
            }
            let demanded = demanded_before(ct, h.a);
            if t.is_empty() && cue.label > 0 && !ends_with_prep && !demanded {
                // "we support the right of Palestine to …": the owner of what is supported ("we ask X to
                // support Y's efforts" is a request, no one's support).
                return (favour_targets(ct, h.b), true);
            }
            (t, true)
        }
        CueKind::Noun | CueKind::State => {
            let of_next = ct.get(h.b).is_some_and(|t| t.is_word("of") || t.is_word("from"));
            let hostile_prep = ct.get(h.b).is_some_and(|t| ["on", "by"].iter().any(|w| t.is_word(w)));
            // "expects more active cooperation from Russia": a demand of X, not friendship with X.
            // ("partners from Colombia" are Colombia's partners: only a demand verb before the cue turns it.)
            let from_next = cue.label > 0
                && ct.get(h.b).is_some_and(|t| t.is_word("from"))
                && demanded_before(ct, h.a);
            let t = if (kind == CueKind::State && of_next) || (cue.label >= 0 && hostile_prep && !ends_with_prep) || from_next {
                // "threat of China" names the threatener; "partners on Russia" is not a partnership with Russia.
                Vec::new()
            } else {
                after_targets(ct, h.b, ends_with_prep, false, true)
            };
            if !t.is_empty() {
                return (t, true);
            }
            if kind == CueKind::State && cue.label < 0 {
                // A hostile act's place is its target: "Russia's missile strikes today across Ukraine".
                let mut j = h.b;
                if ct.get(j).is_some_and(|t| ["today", "now", "again", "yesterday", "continue", "continuing"].contains(&t.word.as_str())) {
                    j += 1;
                }
                if ct.get(j).is_some_and(|t| ["in", "across", "into", "inside"].contains(&t.word.as_str())) {
                    let t = after_targets(ct, j + 1, true, false, true);
                    if !t.is_empty() {
                        return (t, true);
                    }
                }
            }
            if kind == CueKind::Noun && matches!(owner_pronoun(ct, h.a).as_deref(), Some("its" | "their")) {
                // "the United States and its allies": the last side named before the cue.
                let premod = h.a > 0 && ct[h.a - 1].ent.is_some();
                let end = if premod { h.a - 1 } else { h.a };
                let found = ct[..end].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()));
                return match found {
                    Some(e) => (vec![Side::of(e, false)], true),
                    None => (Vec::new(), false),
                };
            }
            if kind == CueKind::Noun {
                // Possessive: "Russia's (most loyal) ally".
                let mut k = h.a;
                let mut skipped = 0;
                while k > 0 && skipped <= 3 {
                    let p = &ct[k - 1];
                    if p.is_word("'s") {
                        if let Some(e) = ct.get(k.wrapping_sub(2)).and_then(|t| t.ent.as_ref()).filter(|e| e.anaphor.is_none()) {
                            return (vec![Side::of(e, false)], true);
                        }
                        break;
                    }
                    if !p.is_plain_word() || p.word == "\u{1}" {
                        break;
                    }
                    k -= 1;
                    skipped += 1;
                }
                // Premodifier: "U.S. allies", "a Russian partner" (but "our Afghan allies" are Afghans).
                if h.a > 0 && owner_pronoun(ct, h.a).is_none() {
                    if let Some(e) = ct[h.a - 1].ent.as_ref().filter(|e| e.anaphor.is_none()) {
                        return (vec![Side::of(e, false)], true);
                    }
                }
                // "view Russia as a partner".
                let mut k = h.a;
                let mut skipped = 0;
                while k > 0 && skipped <= 3 && ct[k - 1].is_plain_word() && !ct[k - 1].is_word("as") {
                    k -= 1;
                    skipped += 1;
                }
                if k >= 2 && ct[k - 1].is_word("as") {
                    if let Some(e) = ct[k - 2].ent.as_ref().filter(|e| e.anaphor.is_none()) {
                        return (vec![Side::of(e, false)], true);
                    }
                }
            }
            if let Some(f) = for_frame {
                return (vec![f.clone()], true);
            }
            // Frame: an oblique side in the clause ("in its relations with Russia", "stance toward Russia");
            // "with" is no frame for a hostile cue ("standing with our Israeli allies … the threat").
            let mut best: Option<(usize, Side)> = None;
            for (i, t) in ct.iter().enumerate() {
                if i >= h.a {
                    continue;
                }
                let Some(e) = t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) else { continue };
                if !oblique[i] || in_aside(ct, i) {
                    continue;
                }
                let prep = prev_word(ct, i);
                let rank = match prep.map(Word::as_str) {
                    Some("with") if cue.label < 0 => continue,
                    Some("toward") | Some("towards") | Some("with") => 0,
                    Some("to") | Some("against") => 1,
                    // A neutral reading needs a reference: "depends on Russian fertilizers … a neutral stance".
                    _ if cue.label == 0 => 2,
                    _ => continue,
                };
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, Side::of(e, false)));
                }
            }
            if let Some((_, s)) = best {
                return (vec![s], true);
            }
            context()
        }
    }
}


/// The side a colon elaboration is about: the first side it names outside
/// its subject ("it supports resolutions condemning Russia's actions" →
/// Russia), skipping asides and anaphors.
pub(crate) fn elaboration_side(ct: &[Tok]) -> Option<Side> {
    let oblique = oblique_flags(ct);
    let subject = subject_groups(ct, &oblique).into_iter().next().filter(|g| g.start <= 1);
    ct.iter().enumerate().find_map(|(i, t)| {
        let e = t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())?;
        if in_aside(ct, i) || subject.as_ref().is_some_and(|g| g.contains(&i)) {
            return None;
        }
        Some(Side::of(e, false))
    })
}

/// Sides joined by hyphens in a premodifier of the cue at `a`: "U.S.-China", "Australia-United Kingdom-United States (AUKUS)".
pub(crate) fn compound_sides(ct: &[Tok], a: usize) -> Vec<Side> {
    let mut k = a;
    let mut skipped = 0;
    while k > 0 && skipped < 5 {
        let t = &ct[k - 1];
        if t.ent.is_some() && k >= 2 && ct[k - 2].punct == Some('-') && ct[k - 2].end == t.start {
            break;
        }
        if t.is_plain_word() || matches!(t.punct, Some('(') | Some(')')) || t.ent.is_some() {
            k -= 1;
            skipped += 1;
            continue;
        }
        return Vec::new();
    }
    if k == 0 || ct[k - 1].ent.is_none() {
        return Vec::new();
    }
    let mut out: Vec<Side> = Vec::new();
    let mut i = k - 1;
    loop {
        if let Some(e) = ct[i].ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) {
            if !out.iter().any(|s| s.id == e.side) {
                out.push(Side::of(e, false));
            }
        }
        if i >= 2 && ct[i - 1].punct == Some('-') && ct[i - 1].start == ct[i - 2].end && ct[i - 1].end == ct[i].start && ct[i - 2].ent.is_some() {
            i -= 2;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

/// The written word of an anaphor token, lower case.
/// The agent of a passive act: "Ukraine was invaded by Russia".
pub(crate) fn passive_agent(ct: &[Tok], h: &CueHit, ends_with_prep: bool) -> Option<Side> {
    if ends_with_prep || !ct.get(h.b).is_some_and(|t| t.is_word("by")) {
        return None;
    }
    let mut j = h.b + 1;
    while j < ct.len() && ct[j].is_word("the") {
        j += 1;
    }
    let e = ct.get(j)?.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())?;
    Some(Side::of(e, false))
}

/// A joint undertaking among the listed targets: "trilateral cooperation with A, B and C",
/// "cooperation with A and B together".
pub(crate) fn joint_context(ct: &[Tok], h: &CueHit, _n: usize) -> bool {
    let before = h.a > 0 && ["trilateral", "bilateral", "joint", "multilateral"].contains(&ct[h.a - 1].word.as_str());
    let after = ct[h.b..].iter().take(12).any(|t| t.is_word("together"));
    before || after
}

/// A possessive pronoun opening the noun phrase of the cue at `a` ("our allies", "its partners",
/// "our NATO allies": one side may stand between).
pub(crate) fn owner_pronoun<'a>(ct: &[Tok<'a>], a: usize) -> Option<Word<'a>> {
    let mut k = a;
    let mut skipped = 0;
    let mut sides = 0;
    while k > 0 && skipped <= 3 {
        let t = &ct[k - 1];
        if t.ent.as_ref().is_some_and(|e| e.anaphor.is_none()) && sides == 0 {
            sides += 1;
            k -= 1;
            continue;
        }
        if !t.is_plain_word() {
            return None;
        }
        if ["our", "your", "my", "its", "their"].contains(&t.word.as_str()) {
            return Some(t.word.clone());
        }
        if ["the", "a", "an", "of", "to", "with", "in", "are", "is", "be"].contains(&t.word.as_str()) {
            return None;
        }
        k -= 1;
        skipped += 1;
    }
    None
}

/// The possessor of a nominal act: "Russia's (brutal) war against …".
pub(crate) fn possessive_agent<'t, 'a>(ct: &'t [Tok<'a>], a: usize) -> Option<&'t Ent<'a>> {
    let mut k = a;
    let mut skipped = 0;
    while k > 0 && skipped <= 3 {
        let t = &ct[k - 1];
        if t.is_word("'s") {
            return ct.get(k.checked_sub(2)?).and_then(|t| t.ent.as_ref());
        }
        if !t.is_plain_word() || ["the", "a", "an", "and", "to", "of"].contains(&t.word.as_str()) {
            return None;
        }
        k -= 1;
        skipped += 1;
    }
    None
}


/// Targets after a cue: `[prep] [det…] Ent (, Ent)* [and Ent]`.
pub(crate) fn after_targets(ct: &[Tok], b: usize, prep_done: bool, object: bool, allow_prep: bool) -> Vec<Side> {
    let mut j = b;
    while j < ct.len() && matches!(ct[j].punct, Some('"') | Some('“') | Some('”') | Some('\'')) {
        j += 1;
    }
    if !prep_done && !object && ct.get(j).is_some_and(|t| t.is_plain_word() && STANCE_NOUNS.contains(&t.word.as_str())) {
        j += 1;
    }
    while !prep_done && !object && ct.get(j).is_some_and(|t| t.is_plain_word() && ["not", "just", "only", "also"].contains(&t.word.as_str())) {
        j += 1;
    }
    if !prep_done {
        if j < ct.len() && allow_prep && TARGET_PREPS.contains(&ct[j].word.as_str()) && ct[j].is_plain_word() {
            j += 1;
        } else if !object {
            return Vec::new();
        }
    }
    let mut skipped = 0;
    while j < ct.len() && skipped < 3 && ct[j].is_plain_word() && SKIP.contains(&ct[j].word.as_str()) {
        j += 1;
        skipped += 1;
    }
    // "between our nation, the United States, and the United Kingdom".
    if ct.get(j).is_some_and(|t| t.is_word("our")) && ct.get(j + 1).is_some_and(|t| t.is_word("nation") || t.is_word("country")) && ct.get(j + 2).is_some_and(|t| t.punct == Some(',')) {
        j += 3;
        while j < ct.len() && ct[j].is_word("the") {
            j += 1;
        }
    }
    // "support the people of Ukraine" is no stance toward Ukraine's government, unless the people are
    // kin ("the brotherly people of Cuba").
    if ct.get(j).is_some_and(|t| t.is_plain_word() && POPULATION.contains(&t.word.as_str())) && !kin(ct, j) {
        return Vec::new();
    }
    if ct.get(j).is_some_and(|t| t.is_plain_word() && (STANDIN.contains(&t.word.as_str()) || POPULATION.contains(&t.word.as_str()))) && ct.get(j + 1).is_some_and(|t| t.is_word("of")) {
        j += 2;
        while j < ct.len() && ct[j].is_word("the") {
            j += 1;
        }
    }
    // "with other countries, including Russia".
    if !object && ct.get(j).is_some_and(|t| t.is_plain_word() && GENERIC.contains(&t.word.as_str())) {
        let mut k = j + 1;
        while k < ct.len() && k < j + 4 && (ct[k].punct == Some(',') || ct[k].is_plain_word()) {
            if ct[k].is_word("including") || ct[k].is_word("like") || (ct[k].is_word("as") && ct[k - 1].is_word("such")) {
                j = k + 1;
                break;
            }
            k += 1;
        }
    }
    let mut out: Vec<Side> = Vec::new();
    while let Some(e) = ct.get(j).and_then(|t| t.ent.as_ref()).filter(|e| e.anaphor.is_none() && !e.side.is_empty()) {
        if object {
            // A direct object must not be a premodifier ("supports UN resolutions").
            let next_ok = match ct.get(j + 1) {
                None => true,
                Some(n) if n.punct.is_some() => true,
                Some(n) => OBJECT_FOLLOW.contains(&n.word.as_str()) && n.ent.is_none() || n.ent.is_some(),
            };
            if !next_ok {
                break;
            }
        }
        // "the Venezuelan people", "the Cuban opposition": a population, not the state.
        if ct.get(j + 1).is_some_and(|t| t.is_plain_word() && POPULATION.contains(&t.word.as_str())) && !kin(ct, j) {
            break;
        }
        if !out.iter().any(|s| s.id == e.side) {
            out.push(Side::of(e, false));
        }
        let mut k = j + 1;
        let mut saw = false;
        while k < ct.len() && (ct[k].punct == Some(',') || ct[k].is_word("and") || ct[k].is_word("or") || ct[k].is_word("the")) {
            saw |= !ct[k].is_word("the");
            k += 1;
        }
        if saw && ct.get(k).is_some_and(|t| t.ent.as_ref().is_some_and(|e| e.anaphor.is_none())) && comma_list_ok(ct, j + 1, k) {
            j = k;
        } else {
            break;
        }
    }
    out
}


/// First words of the cues that name a hostile act as a noun ("aggression against", "war on",
/// "invasion of", "blockade on", "coercive measures"): the act's owner holds the stance, not the
/// sentence's subject, which only names, condemns or regrets it.
const NOMINAL_ACTS: &[&str] = &[
    "war", "aggression", "invasion", "annexation", "occupation", "blockade", "embargo", "coercive", "strikes", "attacks",
    "assault", "missile", "destruction", "annihilation", "aggressive", "bombing", "bombardment", "siege", "violation", "violations",
];
/// Verbs by which a subject wages the act it is followed by ("Russia launched a war against Ukraine").
const WAGE_VERBS: &[&str] = &[
    "wage", "wages", "waged", "waging", "launch", "launches", "launched", "launching", "start", "started", "starts", "unleashed",
    "unleash", "continue", "continues", "continued", "continuing", "commit", "commits", "committed", "conduct", "conducts",
    "conducted", "carried", "carries", "carry", "began", "begun", "begin", "pursue", "pursues", "pursued", "impose", "imposes",
    "imposed", "imposing", "maintain", "maintains", "maintained", "escalated", "intensified",
];
/// Heads between "by" and the side that stand for it ("by the Government of Cuba", "by the regime in Caracas").
const AGENT_HEADS: &[&str] = &["government", "regime", "authorities", "forces", "troops", "army", "administration", "leadership", "state"];

/// Whether the cue names a hostile act as a noun (see [`NOMINAL_ACTS`]).
pub(crate) fn is_nominal_act(cue: &Cue) -> bool {
    cue.label < 0 && matches!(cue.kind, CueKind::Verb | CueKind::State) && cue.words.first().is_some_and(|w| NOMINAL_ACTS.contains(&w.as_str()))
}

/// A named side at token `j`, read past "the", and past "Government of" / "regime in".
fn side_at(ct: &[Tok], mut j: usize) -> Option<(Side, usize)> {
    while ct.get(j).is_some_and(|t| t.is_word("the")) {
        j += 1;
    }
    if ct.get(j).is_some_and(|t| t.is_plain_word() && AGENT_HEADS.contains(&t.word.as_str()))
        && ct.get(j + 1).is_some_and(|t| t.is_word("of") || t.is_word("in"))
    {
        j += 2;
        while ct.get(j).is_some_and(|t| t.is_word("the")) {
            j += 1;
        }
    }
    let e = ct.get(j)?.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())?;
    // "the Russian people", "the Venezuelan opposition": a population, not the state.
    if ct.get(j + 1).is_some_and(|t| t.is_plain_word() && POPULATION.contains(&t.word.as_str())) {
        return None;
    }
    Some((Side::of(e, false), j))
}

/// The sides of a nominal act read after the cue, within its noun phrase (up to a comma, a
/// semicolon or twelve tokens): the agent after "by" ("imposed on Cuba by the United States",
/// "the annexation of Crimea by the Russian Federation") and the targets after "against", "on",
/// "of", "to", "toward" or "in" ("coercive measures imposed by the United States against Venezuela").
pub(crate) fn act_reading(ct: &[Tok], h: &CueHit, ends_with_prep: bool) -> (Option<Side>, Vec<Side>) {
    let (mut agent, mut targets) = (None, Vec::new());
    let end = ct.len().min(h.b + 12);
    let mut j = h.b;
    if ends_with_prep {
        if let Some((s, k)) = side_at(ct, j) {
            targets.push(s);
            j = k + 1;
        }
    }
    while j < end {
        let t = &ct[j];
        if matches!(t.punct, Some(',' | ';' | '.' | ':' | '—')) || t.word.has(crate::tokens::CLAUSE_OPENER) || t.is_word("which") || t.is_word("that") {
            break;
        }
        if t.is_word("by") && agent.is_none() {
            if let Some((s, k)) = side_at(ct, j + 1) {
                agent = Some(s);
                j = k + 1;
                continue;
            }
        }
        if t.is_plain_word() && ["against", "on", "of", "to", "toward", "towards", "upon"].contains(&t.word.as_str()) {
            if let Some((s, k)) = side_at(ct, j + 1) {
                if !targets.iter().any(|x: &Side| x.id == s.id) {
                    targets.push(s);
                }
                j = k + 1;
                continue;
            }
        }
        j += 1;
    }
    (agent, targets)
}

/// Whether a verb that wages the act stands just before the cue at `a` ("launched a brutal war").
pub(crate) fn waged(ct: &[Tok], a: usize) -> bool {
    ct[a.saturating_sub(4)..a].iter().any(|t| t.is_plain_word() && WAGE_VERBS.contains(&t.word.as_str()))
}

/// Nouns after a side that make it a population or an opposition, not the state ("the Venezuelan
/// people", "the Cuban opposition", "Nicaraguan civil society"): support for them is no stance
/// toward the state's government.
pub(crate) const POPULATION: &[&str] = &[
    "people", "peoples", "population", "populations", "citizens", "civilians", "opposition", "civil", "democrats", "activists",
    "protesters", "dissidents", "diaspora", "refugees", "migrants", "workers", "youth", "women", "children", "families", "voters",
];

/// A hostile speech act of the subject ("we condemn", "Benin regrets") whose object names no side
/// directly: the owner of the act it names ("the blockade imposed by the United States", "the
/// Russian Federation's aggression", "the unprovoked Russian aggression") is its target.
pub(crate) fn speech_act_target(ct: &[Tok], b: usize) -> Option<Side> {
    let end = ct.len().min(b + 14);
    let mut j = b;
    while j < end {
        let t = &ct[j];
        if matches!(t.punct, Some(',' | ';' | '.' | ':' | '—')) || t.word.has(crate::tokens::CLAUSE_OPENER) {
            return None;
        }
        if t.is_word("by") {
            if let Some((s, _)) = side_at(ct, j + 1) {
                return Some(s);
            }
        }
        if let Some(e) = t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) {
            let next = ct.get(j + 1);
            let owner = next.is_some_and(|n| n.is_word("'s"))
                || next.is_some_and(|n| n.is_plain_word() && (NOMINAL_ACTS.contains(&n.word.as_str()) || ["regime", "government", "authorities", "forces", "troops", "military"].contains(&n.word.as_str())));
            if owner {
                return Some(Side::of(e, false));
            }
            // Another side ("the blockade against Cuba …") is the act's target: read on for its owner.
        }
        j += 1;
    }
    None
}

/// A friendly act of the subject ("we support", "I thank") whose object names no side directly: the
/// sides that own the object ("the right of Palestine to …", "the proposal of the Democratic People's
/// Republic of Korea", "the heads of State of Algeria, Australia and Canada", "Japan's efforts").
/// A population ("the people of X", "the Venezuelan opposition") is not its state, unless named as kin.
pub(crate) fn favour_targets(ct: &[Tok], b: usize) -> Vec<Side> {
    let end = ct.len().min(b + 16);
    let mut out: Vec<Side> = Vec::new();
    let mut j = b;
    // In a list after "of" ("of Algeria, Australia, Canada and Chile") every side is an owner.
    let mut in_of_list = false;
    while j < end {
        let t = &ct[j];
        if matches!(t.punct, Some(';' | '.' | ':' | '—' | '(')) || t.word.has(crate::tokens::CLAUSE_OPENER) {
            break;
        }
        // The object ends at a preposition that opens an adjunct, a relative, or a participle
        // ("backs resolutions condemning Russia's war" supports no side).
        let w = t.word.as_str();
        let participle = t.is_plain_word() && w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"));
        if participle || (t.is_plain_word() && ["for", "that", "which", "who", "because", "in", "against", "by", "with", "from", "to", "on"].contains(&w)) {
            break;
        }
        if let Some(e) = t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) {
            let prev = j.checked_sub(1).map(|k| &ct[k]);
            let after_of = prev.is_some_and(|p| p.is_word("of"));
            let head = j.checked_sub(2).map(|k| &ct[k]).filter(|_| after_of);
            let population = head.is_some_and(|h| h.is_plain_word() && POPULATION.contains(&h.word.as_str()) && !kin(ct, j - 2))
                || ct.get(j + 1).is_some_and(|n| n.is_plain_word() && POPULATION.contains(&n.word.as_str()) && !kin(ct, j));
            let possessive = ct.get(j + 1).is_some_and(|n| n.is_word("'s"));
            if population {
                in_of_list = false;
            } else if after_of || possessive || in_of_list {
                if !out.iter().any(|s| s.id == e.side) {
                    out.push(Side::of(e, false));
                }
                in_of_list = after_of || in_of_list;
            }
        } else if in_of_list && !(t.punct == Some(',') || t.is_word("and") || t.is_word("the")) {
            in_of_list = false;
        }
        j += 1;
    }
    out
}

/// Adjectives of kinship before a people ("the brotherly people of Cuba", "our sister nation"): a
/// people so named stands for its state.
const KIN: &[&str] = &["brotherly", "fraternal", "sister", "sisterly", "friendly", "brother"];

/// Whether a kinship adjective stands within the two words before token `j`.
fn kin(ct: &[Tok], j: usize) -> bool {
    ct[j.saturating_sub(3)..j].iter().any(|t| t.is_plain_word() && KIN.contains(&t.word.as_str()))
}

/// The owner named by "its" / "their" before a nominal act: the last side named before it in the
/// clause that is not a target ("calls on Russia to end its aggression against Ukraine" → Russia).
pub(crate) fn its_owner(ct: &[Tok], a: usize, targets: &[Side]) -> Option<Side> {
    let k = (a.saturating_sub(3)..a).rev().find(|&k| ct[k].is_word("its") || ct[k].is_word("their"))?;
    if ct[k + 1..a].iter().any(|t| !t.is_plain_word()) {
        return None;
    }
    ct[..k].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty() && !targets.iter().any(|x| x.id == e.side))).map(|e| Side::of(e, false))
}

/// Nouns a participle cue may follow as a reduced relative clause ("the measures imposed on").
const ACT_NOUNS: &[&str] = &[
    "measures", "sanctions", "restrictions", "tariffs", "costs", "penalties", "actions", "policies", "pressure", "threats",
    "decisions", "steps", "policy", "measure", "decision", "restriction",
];

/// A participle cue after a noun is a reduced relative clause ("the blockade imposed on Cuba",
/// "measures imposed on Venezuela"): its act is not the clause subject's.
pub(crate) fn reduced_relative(ct: &[Tok], h: &CueHit) -> bool {
    let Some(first) = ct.get(h.a).filter(|t| t.is_plain_word()) else { return false };
    if !first.word.ends_with("ed") || h.a == 0 {
        return false;
    }
    let p = &ct[h.a - 1];
    p.is_plain_word() && (NOMINAL_ACTS.contains(&p.word.as_str()) || ACT_NOUNS.contains(&p.word.as_str()))
}

/// Verbs of a demand or an expectation: "expects cooperation from X" asks X for something.
const DEMAND_VERBS: &[&str] = &[
    "expect", "expects", "expected", "expecting", "demand", "demands", "demanded", "ask", "asks", "asked", "seek", "seeks",
    "sought", "await", "awaits", "want", "wants", "request", "requests", "requested", "require", "requires", "urge", "urges",
    "call", "calls", "calling", "advocate", "advocates", "insist", "insists", "reiterate", "reiterates",
];

/// Whether a demand verb ("expects", "asks", "calls", "urges" …) stands among the tokens before
/// token `a` of the clause: what follows is asked of someone, not done.
pub(crate) fn demanded_before(ct: &[Tok], a: usize) -> bool {
    ct[..a].iter().any(|t| t.is_plain_word() && DEMAND_VERBS.contains(&t.word.as_str()))
}
