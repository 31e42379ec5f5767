//! One sentence with at least one cue that may match: per clause, the cues'
//! targets and actors, modifiers (negation, hedging, past), years, and the
//! rows, one per pair and period.

use crate::clauses::split_clauses;
use crate::cues::{attribution, match_cues, match_mods};
use crate::lexicon::{CueKind, Effect, Refers};
use crate::roles::{demanded_before, act_reading, is_nominal_act, its_owner, reduced_relative, waged, compound_sides, elaboration_side, joint_context, owner_pronoun, passive_agent, possessive_agent, find_target, TARGET_PREPS};
use crate::sides::{ent_side, group_sides, in_aside, of_list, oblique_flags, prev_word, sentence_pair, subject_groups, DocState, Side};
use crate::time::{find_years, Years};
use crate::tokens::{Ent, Tok};
use crate::DocView;
use orbita_text::StanceRecord;

use super::RuleLabeller;

/// Nouns heading a relative clause whose subject is not the main subject
/// ("the United States will punish any country that provides support to Russia").
const REL_HEADS: &[&str] = &[
    "country", "countries", "nation", "nations", "state", "states", "entity", "entities", "individual", "individuals",
    "government", "governments", "party", "parties", "one", "those", "actors",
];
/// Clause openers after which the clause keeps the previous clause's subject.
const CONTINUERS: &[&str] = &["but", "while", "and", "yet", "although", "though", "whereas", "however", "also"];

impl RuleLabeller {
    #[allow(clippy::too_many_lines)]
    pub(super) fn label_sentence(
        &self,
        si: usize,
        range: std::ops::Range<usize>,
        toks: &[Tok],
        classes: u32,
        doc: &DocView<'_>,
        state: &mut DocState,
    ) -> Vec<StanceRecord> {
        let text = doc.text;
        let mut out: Vec<(StanceRecord, usize)> = Vec::new();
        state.sentence = si;
        let attributed = attribution(&self.lex, text, toks, classes, state);
        if let Some(src) = &attributed {
            if src.chars().next().is_some_and(char::is_uppercase) {
                state.last_source = Some(src.clone());
            }
        }
        // "For Russia, …" frame.
        let for_frame: Option<Side> = {
            let mut k = 0;
            while k < toks.len() && toks[k].punct.is_some() {
                k += 1;
            }
            if k + 2 < toks.len() && toks[k].is_word("for") {
                match (&toks[k + 1].ent, toks[k + 2].punct) {
                    (Some(e), Some(',')) if e.anaphor.is_none() => Some(Side::of(e, false)),
                    _ => None,
                }
            } else {
                None
            }
        };
        // Years at the head of the sentence scope the whole sentence.
        let head_years: Option<Years> = find_years(toks).filter(|(i, _)| *i < 8).map(|(_, y)| y);
        let clauses = split_clauses(text, toks, classes);

        let mut prev_actors: Vec<Side> = Vec::new();
        // (actor, target, row) read in a concessive clause ("although X condemned Russia, …").
        let mut concessive_pairs: Vec<(String, String, usize)> = Vec::new();
        for (ci, cr) in clauses.iter().enumerate() {
            let ct = &toks[cr.clone()];
            let words: Vec<usize> = (0..ct.len()).filter(|&i| ct[i].punct.is_none()).collect();
            let opener = words.first().map(|&i| ct[i].word.clone()).unwrap_or_default();
            let concessive = ["although", "though"].contains(&opener.as_str());
            let aside_clause = concessive && cr.start > 0 && toks[cr.start - 1].punct == Some(',');
            // "If Russia invades Ukraine, …": a condition, not a stance.
            let conditional = ["if", "unless"].contains(&opener.as_str());
            let hits = if conditional { Vec::new() } else { match_cues(&self.lex, &self.cue_index, ct, &words) };
            let mut mods = match_mods(&self.lex, &self.mod_index, ct, &words);
            // "demands the lifting of the measures imposed by X": a demand, not a lifted act; the
            // measures stand ("Japan is lifting sanctions" still negates).
            mods.retain(|&(ma, mb, e)| {
                let lift = e == Effect::Negate && ct[words[ma]].word.starts_with("lift") && words.get(mb).is_some_and(|&i| ct[i].is_word("of"));
                !(lift && demanded_before(ct, words[ma]))
            });
            let oblique = oblique_flags(ct);
            let after_colon = cr.start > 0 && toks[cr.start - 1].punct == Some(':');
            let continues = after_colon || CONTINUERS.contains(&opener.as_str()) || (opener.ends_with("ing") && opener.len() > 5);
            let clause_years = find_years(ct).map(|(_, y)| y);
            let has_camp_word = words.iter().any(|&i| ct[i].is_word("camp") || ct[i].is_word("camps"));

            // A headline followed by a colon is elaborated by the next clause: "tries to maintain
            // a moderate stance: it supports resolutions condemning Russia" is moderate toward Russia.
            let elaboration = clauses
                .get(ci + 1)
                .filter(|nr| nr.start > 0 && toks[nr.start - 1].punct == Some(':'))
                .and_then(|nr| elaboration_side(&toks[nr.clone()]));
            // Phase 1: targets of every cue.
            let mut targets: Vec<Vec<Side>> = Vec::new();
            let mut explicit: Vec<bool> = Vec::new();
            for h in &hits {
                let cue = &self.lex.cues[h.cue];
                let (t, e) = find_target(cue, ct, &oblique, h, cue.kind, state, for_frame.as_ref(), has_camp_word, elaboration.as_ref());
                // A concessive aside ("X, though close to the U.S., stays neutral") does not
                // change the power the text is about.
                if e && !t.is_empty() && !in_aside(ct, h.a) && !matches!(cue.kind, CueKind::Camp | CueKind::Mutual | CueKind::Pro) {
                    state.last_target = t.last().cloned();
                }
                targets.push(t);
                explicit.push(e);
            }
            // Targets that exclude actors; an owner's target ("its allies") does not.
            let clause_targets: Vec<String> = targets
                .iter()
                .zip(&hits)
                .filter(|(_, h)| {
                    !(self.lex.cues[h.cue].kind == CueKind::Noun && matches!(owner_pronoun(ct, h.a).as_deref(), Some("its" | "their")))
                })
                .flat_map(|(t, _)| t.iter().map(|s| s.id.clone()))
                .collect();


            // The clause's subject group (for focus, and for cues without one).
            let groups = subject_groups(ct, &oblique);
            let mut clause_actor_first: Option<Side> = None;
            let mut prev_cue_end_w = 0usize;
            let mut prev_past = false;
            for (hi, h) in hits.iter().enumerate() {
                let cue = &self.lex.cues[h.cue];
                let tg = &targets[hi];
                // Modifiers.
                let before = |eff: Effect, window: usize| {
                    mods.iter().any(|&(ma, mb, e)| e == eff && mb <= h.wa && ma >= prev_cue_end_w && h.wa - mb < window)
                };
                let refused = before(Effect::Refuse, 6);
                let reversed = (before(Effect::Reverse, 7) || (refused && cue.kind == CueKind::Verb)) && cue.label > 0;
                let negated_raw = (before(Effect::Negate, 6) || (refused && !reversed))
                    || mods.iter().any(|&(ma, _, e)| e == Effect::NegateAfter && ma >= h.wb && ma < h.wb + 5);
                let hedged = mods.iter().any(|&(_, mb, e)| e == Effect::Hedge && mb <= h.wa);
                let intensify = before(Effect::Intensify, 3);
                let weaken = before(Effect::Weaken, 3);
                // A past marker also covers the next cue of the clause unless the text turns
                // ("had close relations with Russia, defining them as a strategic partnership";
                // not "from a former friend of Russia into a side leaning against Russia").
                let from_before = (0..prev_cue_end_w.min(words.len())).any(|k| ct[words[k]].is_word("from"));
                let turn = (prev_cue_end_w..h.wa).any(|k| {
                    let w = ct[words[k]].word.as_str();
                    ["into", "now", "but", "today", "currently", "became", "become", "becoming", "turned", "turns", "is", "are", "remains", "remain", "still"].contains(&w) || (from_before && w == "to")
                });
                let past = before(Effect::Past, 7) || (prev_past && !turn);
                let present = mods.iter().any(|&(ma, _, e)| e == Effect::Present && (ma < h.wa || ma < h.wb + 2));
                prev_cue_end_w = h.wb;
                prev_past = past;

                // Label.
                let mut label = cue.label;
                let mut negated = negated_raw;
                if cue.kind == CueKind::Pro {
                    let flip = (h.wa.saturating_sub(3)..h.wa).any(|k| {
                        let p = &ct[words[k]];
                        p.is_word("against") || (p.is_word("from") && k >= 1 && ct[words[k - 1]].is_word("away"))
                    });
                    if flip {
                        label = -label;
                        negated = true;
                    }
                } else if cue.kind == CueKind::Camp {
                    match &state.camp {
                        Some((_, cl)) if *cl != 0 => label = -cl.signum() * cue.label.abs(),
                        _ => continue,
                    }
                }
                if reversed && !negated {
                    // "abandon the status of a partner", "leaves the US zone of influence".
                    label = -1;
                } else if negated && cue.kind != CueKind::Pro {
                    label = 0;
                } else if intensify && label.abs() == 1 {
                    label *= 2;
                } else if weaken && label.abs() == 2 {
                    label /= 2;
                }

                // "We ask X to support Y", "urges X to cooperate with Y": a request, not a friendly act.
                let requested = cue.kind == CueKind::Verb
                    && cue.label > 0
                    && h.a > 0
                    && ct[h.a - 1].is_word("to")
                    && demanded_before(ct, h.a);
                if requested {
                    continue;
                }
                // Actors.
                if mods.iter().any(|&(_, mb, e)| e == Effect::Irrealis && mb <= h.wa) {
                    // "Whether Colombia can become an ally of Russia": a question, not a stance.
                    continue;
                }
                let owner = if cue.kind == CueKind::Noun { owner_pronoun(ct, h.a) } else { None };
                // "our support for X", "our solidarity with X": a friendly act named as the speaker's noun.
                let owned_act = cue.kind == CueKind::Verb
                    && cue.label > 0
                    && doc.speaker.is_some()
                    && (1..=3).any(|k| h.a >= k && (ct[h.a - k].is_word("our") || ct[h.a - k].is_word("my")) && ct[h.a - k + 1..h.a].iter().all(|t| t.is_plain_word()));
                let copula_group: Option<Vec<Side>> = if cue.kind == CueKind::Noun && !explicit[hi] {
                    // "The United States and Japan are allies", "A and B pledge to strengthen our alliance".
                    groups.iter().rev().find(|g| g.end <= h.a).and_then(|g| {
                        let between = &ct[g.end..h.a];
                        let copula = between.iter().any(|t| {
                            ["are", "were", "remain", "remained", "became", "become", "be", "as"].contains(&t.word.as_str())
                        });
                        let first = groups.first().is_some_and(|f| f == g);
                        let anded = ct[g.clone()].iter().any(|t| t.is_word("and"));
                        let ours = matches!(owner.as_deref(), Some("our" | "their")) && first && anded;
                        let sides = group_sides(ct, g, &[], state, doc, toks, cr.start);
                        (sides.len() >= 2 && (copula || ours) && between.len() <= 8).then_some(sides)
                    })
                } else {
                    None
                };
                let appos_group: Option<Vec<Side>> = if cue.kind == CueKind::Noun && !explicit[hi] {
                    groups.iter().filter(|g| g.start >= h.b).find(|g| g.start > 0 && ct[g.start - 1].punct == Some('—')).and_then(|g| {
                        let sides = group_sides(ct, g, &[], state, doc, toks, cr.start);
                        (sides.len() >= 2).then_some(sides)
                    })
                } else {
                    None
                };
                // "our allies": the speaker's side is not named, unless the document has a speaker: "our
                // friendship with China" in Nauru's statement is Nauru's.
                let mut own_side: Option<Side> = None;
                if owned_act {
                    own_side = doc.speaker.map(|sp| Side { id: sp.to_string(), mention: None, indirect: false, speaker: true });
                }
                if copula_group.is_none() && cue.kind == CueKind::Noun && matches!(owner.as_deref(), Some("our" | "your" | "my")) {
                    match (owner.as_deref(), doc.speaker) {
                        (Some("our" | "my"), Some(sp)) => own_side = Some(Side { id: sp.to_string(), mention: None, indirect: false, speaker: true }),
                        _ => continue,
                    }
                }
                let mut actors: Vec<Side> = Vec::new();
                let mut pairs: Vec<(Side, Side)> = Vec::new();
                // (speaker, owner of a hostile act the speaker names): −1 whatever the act's label.
                let mut speaker_pairs: Vec<(Side, Side)> = Vec::new();
                let between = (h.b < ct.len() && (ct[h.b].is_word("between") || ct[h.b].is_word("among")))
                    || matches!(cue.words.last().map(String::as_str), Some("between" | "among"));
                let mutual_sides = |sides: &[Side], pairs: &mut Vec<(Side, Side)>| {
                    for x in sides {
                        for y in sides {
                            if x.id != y.id {
                                pairs.push((x.clone(), y.clone()));
                            }
                        }
                    }
                };
                // "any country that provides support to …", "deter countries from supporting …":
                // the act belongs to the generic noun, not to the subject group.
                let relative_gap = |g: &std::ops::Range<usize>| {
                    (g.end..h.a).any(|i| {
                        ["that", "who", "which", "from", "to"].contains(&ct[i].word.as_str())
                            && i > 0
                            && ct[i - 1].is_plain_word()
                            && REL_HEADS.contains(&ct[i - 1].word.as_str())
                    })
                };
                // The subject: the first group of the clause, or the first after a
                // complementiser ("X said that Y supports Z" reads Y).
                let comp = (0..h.a).rev().find(|&i| ct[i].is_word("that") && !(i > 0 && REL_HEADS.contains(&ct[i - 1].word.as_str())));
                let after_comp = comp.filter(|&c| groups.iter().any(|g| g.start > c && g.end <= h.a));
                let before_groups: Vec<Vec<Side>> = groups
                    .iter()
                    .filter(|g| g.end <= h.a && !relative_gap(g) && after_comp.is_none_or(|c| g.start > c))
                    .map(|g| group_sides(ct, g, &clause_targets, state, doc, toks, cr.start))
                    .filter(|s| !s.is_empty())
                    .collect();
                let compound = if matches!(cue.kind, CueKind::Noun | CueKind::Mutual) { compound_sides(ct, h.a) } else { Vec::new() };
                let passive = if cue.kind == CueKind::Verb {
                    passive_agent(ct, h, cue.words.last().is_some_and(|w| TARGET_PREPS.contains(&w.as_str())))
                } else {
                    None
                };
                if let Some(me) = &own_side {
                    // The speaker's own relation: toward the cue's target, else toward the list that
                    // follows it ("our partners, Japan and Australia").
                    let listed: Vec<Side> = if tg.is_empty() {
                        groups
                            .iter()
                            .find(|g| g.start >= h.b && g.start <= h.b + 2)
                            .map(|g| group_sides(ct, g, &[], state, doc, toks, cr.start))
                            .unwrap_or_default()
                    } else {
                        tg.clone()
                    };
                    for t in listed.iter().filter(|t| t.id != me.id) {
                        pairs.push((me.clone(), t.clone()));
                    }
                    actors = vec![me.clone()];
                } else if let Some(agent) = passive {
                    // "Ukraine was invaded by Russia": the agent acts on the subject.
                    if let Some(g) = before_groups.first() {
                        for t in g.iter().filter(|t| t.id != agent.id) {
                            pairs.push((agent.clone(), t.clone()));
                        }
                    }
                } else if compound.len() >= 2 {
                    // "the Australia-United Kingdom-United States trilateral partnership".
                    mutual_sides(&compound, &mut pairs);
                } else if cue.kind == CueKind::Mutual {
                    let needs_rel = cue.words.len() == 1 && cue.label < 0;
                    let has_rel = words
                        .iter()
                        .any(|&i| ["relations", "relationship", "ties", "relation"].iter().any(|w| ct[i].is_word(w)));
                    let next_war = h.b < ct.len() && ct[h.b].is_word("war");
                    if (needs_rel && !has_rel) || next_war {
                        continue;
                    }
                    let mut sides: Vec<Side> = Vec::new();
                    if let Some(g) = groups.iter().filter(|g| g.end <= h.a).find(|g| g.len() > 1) {
                        sides = group_sides(ct, g, &[], state, doc, toks, cr.start);
                    }
                    if sides.len() < 2 && cue.label > 0 {
                        if let Some((a, b)) = sentence_pair(ct) {
                            // "the joint exercises of China and Russia".
                            sides = vec![a, b];
                        }
                    }
                    if sides.len() < 2 {
                        sides.clear();
                        for t in ct {
                            if let Some(s) = ent_side(t, &clause_targets, state, true) {
                                if !sides.iter().any(|x| x.id == s.id) {
                                    sides.push(s);
                                }
                            }
                        }
                        if sides.len() != 2 || cue.label > 0 {
                            // Without a subject list or an "A and B", only a hostile clause naming exactly
                            // two sides is read ("relations with Brazil in the United States remain tense").
                            continue;
                        }
                    }
                    mutual_sides(&sides, &mut pairs);
                } else if let Some(pair) = (between && h.b < ct.len())
                    .then(|| ct[h.b..].iter().take(3).find_map(|t| t.ent.as_ref().filter(|e| e.anaphor == Some(Refers::Pair))))
                    .flatten()
                    .and(state.last_pair.clone())
                {
                    // "the alliance between the two countries": the sides of the last stance.
                    mutual_sides(&[pair.0, pair.1], &mut pairs);
                } else if matches!(cue.kind, CueKind::Noun | CueKind::State)
                    && tg.len() >= 2
                    && (between || joint_context(ct, h, tg.len()))
                {
                    // "the alliance between the United States and the Republic of Korea".
                    mutual_sides(tg, &mut pairs);
                } else if let Some(g) = appos_group.as_ref().filter(|_| copula_group.is_none()) {
                    // "a trilateral partnership called AUKUS — Australia, the United Kingdom and the United States".
                    mutual_sides(g, &mut pairs);
                } else if let Some(g) = &copula_group {
                    // "The United States and the United Kingdom are strong allies."
                    mutual_sides(g, &mut pairs);
                } else if is_nominal_act(cue) {
                    // "Russia's war against Ukraine", "the blockade imposed on Cuba by the United States",
                    // "the annexation of Crimea by the Russian Federation": the act's owner acts. The
                    // subject acts only when it wages the act ("Russia launched a war against Ukraine");
                    // "the war in Ukraine" and "Denmark seeks accountability for the aggression" name no owner.
                    let ends_with_prep = cue.words.last().is_some_and(|w| TARGET_PREPS.contains(&w.as_str()));
                    let (by_agent, act_targets) = act_reading(ct, h, ends_with_prep);
                    let act_tg: Vec<Side> = if tg.is_empty() { act_targets } else { tg.clone() };
                    let named = |e: &&Ent| e.anaphor.is_none() && !e.side.is_empty() && !act_tg.iter().any(|t| t.id == e.side);
                    let premod = h.a.checked_sub(1).and_then(|k| ct[k].ent.as_ref()).filter(named);
                    let owner = possessive_agent(ct, h.a)
                        .filter(named)
                        .or(premod)
                        .map(|e| Side::of(e, false))
                        .or(by_agent)
                        .or_else(|| its_owner(ct, h.a, &act_tg))
                        .or_else(|| if waged(ct, h.a) { before_groups.first().and_then(|g| g.first().cloned()) } else { None });
                    // Named earlier in the document: "the aggression against Ukraine" after "Russia's invasion of Ukraine".
                    let owner = owner.or_else(|| {
                        act_tg.iter().find_map(|t| state.acts.iter().rev().find(|(x, _)| *x == t.id)).map(|(_, o)| Side { indirect: true, ..o.clone() })
                    });
                    let Some(owner) = owner else { continue };
                    for t in act_tg.iter().filter(|t| t.id != owner.id && !owner.indirect) {
                        if !state.acts.iter().any(|(x, o)| *x == t.id && o.id == owner.id) {
                            state.acts.push((t.id.clone(), Side { indirect: false, ..owner.clone() }));
                        }
                    }
                    for t in act_tg.iter().filter(|t| t.id != owner.id) {
                        pairs.push((owner.clone(), t.clone()));
                    }
                    // The speaker who names the act as an aggression or a blockade condemns its owner; "the war
                    // in Ukraine" is a place and an event, not a condemnation.
                    let place = cue.words.last().is_some_and(|w| w == "in");
                    if let Some(sp) = doc.speaker.filter(|sp| *sp != owner.id && label < 0 && !negated && !place) {
                        let speaking = before_groups.iter().all(|g| g.iter().all(|s| s.speaker || s.id == sp || s.id == owner.id));
                        if speaking {
                            let me = Side { id: sp.to_string(), mention: None, indirect: false, speaker: true };
                            speaker_pairs.push((me, owner.clone()));
                        }
                    }
                    actors = vec![owner];
                } else {
                    if tg.is_empty() {
                        continue;
                    }
                    if cue.kind == CueKind::Verb && reduced_relative(ct, h) {
                        // "the blockade imposed on Cuba (by the United States)": the act is not the
                        // subject's; the agent after "by" acts, else no one named.
                        let ends_with_prep = cue.words.last().is_some_and(|w| TARGET_PREPS.contains(&w.as_str()));
                        if let (Some(agent), _) = act_reading(ct, h, ends_with_prep) {
                            for t in tg.iter().filter(|t| t.id != agent.id) {
                                pairs.push((agent.clone(), t.clone()));
                            }
                        }
                    } else {
                    let tids: Vec<String> = clause_targets.clone();
                    let agent = possessive_agent(ct, h.a);
                    let mut agent_side: Option<Side> = None;
                    let premod = (h.a > 0 && matches!(cue.kind, CueKind::Verb | CueKind::State) && !tg.is_empty())
                        .then(|| ct[h.a - 1].ent.as_ref())
                        .flatten()
                        .filter(|e| !tg.iter().any(|t| t.id == e.side));
                    if let (Some(e), CueKind::Verb | CueKind::State) = (agent.or(premod), cue.kind) {
                        // "Russia's invasion of Ukraine": the possessor acts.
                        if !e.side.is_empty() && e.anaphor.is_none() {
                            agent_side = Some(Side::of(e, false));
                            actors.push(Side::of(e, false));
                        }
                    }
                    // "unclear what position the country will take": the embedded question's subject
                    // acts; "the country" is the country the sentence is about ("As for Peru, …").
                    if cue.is_embedded_question() && actors.is_empty() {
                        let named_before = || {
                            toks[..cr.start + h.a].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty() && !tids.iter().any(|x| *x == e.side)))
                        };
                        let side = ct.get(h.b).and_then(|t| t.ent.as_ref()).and_then(|e| match e.anaphor {
                            None if !e.side.is_empty() => Some(Side::of(e, false)),
                            Some(Refers::Country) => named_before()
                                .map(|e| Side::of(e, false))
                                .or_else(|| state.resolve_country(&tids)),
                            _ => None,
                        });
                        actors.extend(side);
                    }
                    let hostile_owner = matches!(owner.as_deref(), Some("its" | "their")) && cue.label < 0 && explicit[hi];
                    if hostile_owner {
                        // "Russia … in its confrontation with the West": the owner acts.
                        if let Some(e) = ct[..h.a].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())) {
                            actors.push(Side::of(e, false));
                            agent_side = actors.last().cloned();
                        }
                    } else if matches!(owner.as_deref(), Some("its" | "their")) && h.a > 0 && ct[h.a - 1].ent.as_ref().is_some_and(|e| e.anaphor.is_none()) {
                        // "the United States and its NATO allies": the premodifier names the allies.
                        if let Some(e) = ct[h.a - 1].ent.as_ref() {
                            actors.push(Side::of(e, false));
                        }
                    } else if owner.is_some() && cue.kind == CueKind::Noun {
                        // "the United States and its allies, Japan and Australia": the owner is the target;
                        // the actors, if any, follow the cue.
                    } else if actors.is_empty() {
                        // Subject group before the cue; a bare anaphor ("countries that … such as Brazil
                        // and Mexico") yields to a list named after the cue.
                        let anaphoric = groups.iter().find(|g| g.end <= h.a).is_some_and(|g| {
                            ct[g.clone()].iter().filter_map(|t| t.ent.as_ref()).all(|e| matches!(e.anaphor, Some(Refers::Group | Refers::Pronoun)))
                        });
                        let after_list = groups.iter().filter(|g| g.start >= h.b).find_map(|g| {
                            let s = group_sides(ct, g, &clause_targets, state, doc, toks, cr.start);
                            let named = ct[g.clone()].iter().filter_map(|t| t.ent.as_ref()).all(|e| e.anaphor.is_none());
                            (named && !s.is_empty()).then_some(s)
                        });
                        match (anaphoric, after_list) {
                            (true, Some(list)) => actors = list,
                            _ => {
                                if let Some(g) = before_groups.first() {
                                    actors = g.clone();
                                }
                            }
                        }
                    }
                    if actors.is_empty() && cue.kind != CueKind::Verb {
                        // Inverted copula: "X's allies are A, B and C".
                        for g in groups.iter().filter(|g| g.start >= h.b) {
                            let s = group_sides(ct, g, &tids, state, doc, toks, cr.start);
                            if !s.is_empty() {
                                actors = s;
                                break;
                            }
                        }
                    }
                    if actors.is_empty() && owner.is_none() {
                        // Nominalisation: "the addition of Bolivia to the list of friendly countries",
                        // "the policies of the Russian Federation to continue the war against Ukraine".
                        for (i, t) in ct[..h.a].iter().enumerate() {
                            // (Read only for an oblique entity.)
                            let relativised = || ct[i..h.a].iter().any(|t| ["that", "who", "which"].contains(&t.word.as_str()));
                            if oblique[i] && !relativised() && (prev_word(ct, i).is_some_and(|w| w == "of") || of_list(ct, i)) {
                                if let Some(s) = ent_side(t, &tids, state, true) {
                                    if !tids.contains(&s.id) && !actors.iter().any(|a| a.id == s.id) {
                                        actors.push(s);
                                    }
                                }
                            }
                        }
                    }
                    if actors.is_empty() && continues && owner.is_none() {
                        actors = prev_actors.iter().map(|s| Side { indirect: true, ..s.clone() }).collect();
                    }
                    actors.retain(|a| !tids.contains(&a.id) || agent_side.as_ref().is_some_and(|g| g.id == a.id));
                    for a in &actors {
                        for t in tg {
                            pairs.push((a.clone(), t.clone()));
                        }
                    }
                    // "For Russia, Venezuela is an important partner": the frame's side holds the view too.
                    if cue.kind == CueKind::Noun && cue.label > 0 && for_frame.as_ref().is_some_and(|f| tg.iter().any(|t| t.id == f.id)) {
                        for a in &actors {
                            for t in tg {
                                pairs.push((t.clone(), a.clone()));
                            }
                        }
                    }
                    }
                }
                if pairs.is_empty() && speaker_pairs.is_empty() {
                    continue;
                }
                if clause_actor_first.is_none() {
                    clause_actor_first = pairs.first().map(|p| p.0.clone());
                }

                // Time.
                let years: Years = if let Some(y) = clause_years {
                    y
                } else if present {
                    (None, None)
                } else if let Some(y) = head_years.filter(|_| ci > 0 || clause_years.is_none()) {
                    y
                } else if past {
                    (None, doc.date.map(|d| d.year - 1))
                } else {
                    (None, None)
                };

                let mut confidence = cue.confidence;
                if hedged {
                    confidence *= 0.8;
                }
                if negated && cue.kind != CueKind::Pro {
                    confidence *= 0.6;
                }
                if !explicit[hi] {
                    confidence *= 0.75;
                }
                let cue_text = text[ct[h.a].start..ct[h.b - 1].end].to_string();
                for ((a, t), label) in pairs.iter().map(|p| (p, label)).chain(speaker_pairs.iter().map(|p| (p, -1))) {
                    if a.id == t.id || a.id.is_empty() || t.id.is_empty() {
                        continue;
                    }
                    let mut c = confidence;
                    if a.indirect {
                        c *= 0.85;
                    }
                    state.last_pair = Some((a.clone(), t.clone()));
                    state.pair_at = si;
                    let rec = StanceRecord {
                        sentence: si,
                        actor: a.id.clone(),
                        target: t.id.clone(),
                        label,
                        confidence: (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
                        cue: cue_text.clone(),
                        negated,
                        hedged,
                        year_from: years.0,
                        year_to: years.1,
                        attributed_to: attributed.clone(),
                        evidence: range.clone(),
                        actor_mention: a.mention,
                        target_mention: t.mention,
                        actor_via: a.via(),
                    };
                    match out.iter_mut().find(|(r, _)| r.actor == rec.actor && r.target == rec.target && r.label == rec.label) {
                        // One row per pair and label in a sentence: two cues for the same reading are one stance.
                        Some((r, _)) if r.confidence < rec.confidence => *r = rec,
                        Some(_) => {}
                        None => {
                            // "X, though close to the U.S., stays neutral": only the aside concedes;
                            // what follows its closing comma is the main clause.
                            let main_after_aside = aside_clause && !in_aside(ct, h.a);
                            if concessive && !main_after_aside {
                                concessive_pairs.push((rec.actor.clone(), rec.target.clone(), out.len()));
                            }
                            out.push((rec, ct[h.a].start));
                        }
                    }
                }

                // Memory: camps and groups.
                if cue.kind != CueKind::Mutual && !negated {
                    let ids: Vec<&Side> = actors.iter().collect();
                    if ids.len() >= 2 {
                        state.group = actors.clone();
                        state.group_at = state.sentence;
                        if label.abs() == 2 && tg.len() == 1 && cue.kind == CueKind::Noun {
                            state.camp = Some((tg[0].clone(), label));
                        }
                    }
                }
                if !actors.is_empty() {
                    prev_actors = actors.clone();
                }
            }
            // The next clause ("…, condemning Russia's aggression") continues this clause's subject.
            let clause_subject = groups.iter().find_map(|g| {
                let s = group_sides(ct, g, &clause_targets, state, doc, toks, cr.start);
                (!s.is_empty()).then_some(s)
            });
            // Focus: the clause's subject (the first side of the first group that has one).
            let subject = clause_actor_first.or_else(|| clause_subject.as_ref().map(|s| s[0].clone()));
            if let Some(sub) = clause_subject {
                prev_actors = sub;
            }
            if let Some(s) = subject {
                if prev_actors.is_empty() {
                    prev_actors = vec![s.clone()];
                }
                state.push_focus(s);
            }
        }
        // In "although A, B" the main clause decides: a concessive row gives way to a main-clause row
        // for the same pair.
        let drop: Vec<usize> = concessive_pairs
            .iter()
            .filter(|(a, t, row)| out.iter().enumerate().any(|(i, (r, _))| i != *row && &r.actor == a && &r.target == t && !concessive_pairs.iter().any(|c| c.2 == i)))
            .map(|c| c.2)
            .collect();
        let mut i = 0;
        out.retain(|_| {
            let keep = !drop.contains(&i);
            i += 1;
            keep
        });
        // A contrast "X is A, not B" keeps A: drop negated rows whose pair also has a plain row.
        let plain: Vec<(String, String)> =
            out.iter().filter(|(r, _)| !r.negated).map(|(r, _)| (r.actor.clone(), r.target.clone())).collect();
        out.retain(|(r, _)| !r.negated || !plain.contains(&(r.actor.clone(), r.target.clone())));
        // One stance per pair and period in a sentence: "allies … view Russia as a partner" is one
        // stance, the strongest-read one (most confident, then the stronger label).
        let mut kept: Vec<(StanceRecord, usize)> = Vec::new();
        for (r, at) in out {
            match kept.iter_mut().find(|(k, _)| {
                k.actor == r.actor && k.target == r.target && k.year_from == r.year_from && k.year_to == r.year_to
            }) {
                Some((k, _)) => {
                    let better = r.confidence > k.confidence || (r.confidence == k.confidence && r.label.abs() > k.label.abs());
                    if better {
                        *k = r;
                    }
                }
                None => kept.push((r, at)),
            }
        }
        if kept.is_empty() {
            // "Russia and China held talks. … the two countries …": a named pair is the last pair.
            if let Some(pair) = sentence_pair(toks) {
                state.last_pair = Some(pair);
                state.pair_at = si;
            }
        }
        kept.into_iter().map(|(r, _)| r).collect()
    }

}
