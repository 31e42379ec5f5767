//! Sentences in which no cue can match ("quiet" sentences, most of a corpus):
//! they give no record, yet what the labeller remembers still moves — the
//! attributed source, the clause subjects brought into focus, the pair named
//! in the sentence. [`RuleLabeller::follow_sentence`] does exactly that much of
//! [`RuleLabeller::label_sentence`], without reading cues, modifiers or years.
//!
//! `label` sends a sentence here only when [`WordIndex::may_match_any`]
//! proves that no cue matches in any of its clauses; the test below checks,
//! sentence by sentence on the seed articles, that both paths leave the same
//! memory.
//!
//! [`WordIndex::may_match_any`]: crate::tokens::WordIndex::may_match_any

use super::RuleLabeller;
use crate::clauses::split_clauses;
use crate::cues::attribution;
use crate::sides::{group_sides, oblique_flags, sentence_pair, subject_groups, DocState};
use crate::lexicon::Refers;
use crate::tokens::Tok;
use crate::DocView;
use orbita_text::StanceRecord;

impl RuleLabeller {
    /// `label_sentence` for a sentence whose clauses have no cue hit: with no
    /// hit there are no targets, actors or rows, so only the attribution, the
    /// focus on each clause's subject and the sentence's named pair remain.
    /// Returns no record.
    pub(super) fn follow_sentence(&self, si: usize, toks: &[Tok], classes: u32, doc: &DocView<'_>, state: &mut DocState) -> Vec<StanceRecord> {
        let text = doc.text;
        state.sentence = si;
        let attributed = attribution(&self.lex, text, toks, classes, state);
        if let Some(src) = &attributed {
            if src.chars().next().is_some_and(char::is_uppercase) {
                state.last_source = Some(src.clone());
            }
        }
        // Slots that can move the focus (all but pronouns and sources), and named sides (a pair needs two).
        let (mut movers, mut named) = (0, 0);
        for e in toks.iter().filter_map(|t| t.ent.as_ref()) {
            movers += usize::from(!matches!(e.anaphor, Some(Refers::Pronoun | Refers::Source)));
            named += usize::from(e.anaphor.is_none() && !e.side.is_empty());
        }
        if movers == 0 {
            // No slot but pronouns and sources: no pair, and no subject that moves the focus — a
            // source is no subject, and a pronoun in a sentence naming no country is the country
            // last in focus, which bringing into focus again leaves where it is.
            return Vec::new();
        }
        for cr in split_clauses(text, toks, classes) {
            let ct = &toks[cr.clone()];
            if ct.iter().all(|t| t.ent.is_none()) {
                // No entity, no subject group.
                continue;
            }
            let oblique = oblique_flags(ct);
            let groups = subject_groups(ct, &oblique);
            // The clause's subject (no cue, so no target to exclude).
            let subject = groups.iter().find_map(|g| group_sides(ct, g, &[], state, doc, toks, cr.start).into_iter().next());
            if let Some(s) = subject {
                state.push_focus(s);
            }
        }
        // "Russia and China held talks. … the two countries …": a named pair is the last pair.
        if let Some(pair) = if named >= 2 { sentence_pair(toks) } else { None } {
            state.last_pair = Some(pair);
            state.pair_at = si;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{files, labeller_and_linker};
    use orbita_text::{Mention, StanceRecord};

    #[test]
    fn a_sentence_without_clause_marks_is_one_clause() {
        // Guards the shortcut in `split_clauses`: on every sentence of the seed articles and of
        // sentences written for it, the clauses are those of the full reading.
        let (labeller, linker) = labeller_and_linker();
        let mut texts: Vec<String> = files("raw", ".txt").into_iter().map(|(_, t)| t).collect();
        texts.push(
            "Although Cuba is close to Russia, it trades with China. If Brazil wins, Peru loses. Brazil wins, so Peru \
             loses. Peru grew; Chile did not. Peru grew: Chile did not. Peru grew – Chile did not. Peru — Chile — grew. \
             As Peru grew, Chile fell. Peru grew as Chile fell. Peru grew but Chile fell. So Peru grew."
                .to_string(),
        );
        let (mut short, mut split) = (0, 0);
        for text in &texts {
            let sentences = orbita_split::split(text);
            let mentions = linker.link(text, &sentences, None);
            for (si, range) in sentences.iter().enumerate() {
                let ms: Vec<(usize, &Mention)> =
                    mentions.iter().enumerate().filter(|(_, m)| m.sentence == si && m.span.start >= range.start && m.span.end <= range.end).collect();
                let mut buf = Vec::new();
                let (toks, classes) = labeller.tokenizer.tokenize_into(text, range.clone(), &ms, None, &mut buf);
                let full = split_clauses(text, toks, u32::MAX);
                assert_eq!(split_clauses(text, toks, classes), full, "{}", &text[range.clone()]);
                short += usize::from(classes & (crate::tokens::CLAUSE_PUNCT | crate::tokens::CLAUSE_OPENER | crate::tokens::SO) == 0);
                split += usize::from(full.len() > 1);
            }
        }
        assert!(short > 30 && split > 30, "{short} sentences read as one clause at once, {split} of several clauses");
    }

    #[test]
    fn following_a_quiet_sentence_leaves_the_memory_labelling_would() {
        // Guards the shortcuts in `label`: for every sentence sent to `follow_sentence`,
        // `label_sentence` gives no record and the same memory; every sentence passed
        // over (no mention, `Reach` does not matter) gives nothing and changes nothing.
        let (labeller, linker) = labeller_and_linker();
        let mut texts: Vec<String> = files("raw", ".txt").into_iter().map(|(_, t)| t).collect();
        texts.push(
            "Cuba and Syria are allies of Russia. They met again. It said so, according to Reuters. \
             Russia and China held talks. Both countries agreed. The Caribbean republic stayed calm. \
             It grew, and he left. She did not. It remains neutral. It changed in 2020."
                .to_string(),
        );
        // "They" brings the group's first side back into focus: not a sentence to pass over.
        texts.push(
            "Cuba and Syria are allies of Russia. Japan is a partner of the United States. They met again. It grew. \
             It stood against the tide."
                .to_string(),
        );
        // Anaphors with nothing to point back to: no focus, group or pair yet, a group gone stale; a turn with no record before it.
        texts.push(
            "It changed this situation in 2020. They are close allies of ours. The country is a partner. Both countries are allies. \
             It is an ally, and the nation is a close partner. These two nations are allies. The Latin American republic sides with them."
                .to_string(),
        );
        texts.push(
            "Cuba and Syria are allies of Russia. Talks went on. Talks went on. Talks went on. They remain close allies."
                .to_string(),
        );
        // Slots that read the focus, with no cue: the country last in focus, brought into focus again.
        texts.push(
            "Cuba is a partner of Russia. The country grew. It grew, and the nation stayed calm. The Caribbean republic voted. \
             The western hemisphere is large. He left the country."
                .to_string(),
        );
        let (mut quiet, mut moved, mut passed, mut pronouns, mut followed_pronouns) = (0, 0, 0, 0, 0);
        let (mut unread, mut turns, mut focused) = (0, 0, 0);
        for text in &texts {
            let sentences = orbita_split::split(text);
            let mentions = linker.link(text, &sentences, None);
            let doc = DocView { text, sentences: &sentences, mentions: &mentions, date: None, speaker: None };
            let mut state = DocState::default();
            let mut records: Vec<StanceRecord> = Vec::new();
            for (si, range) in sentences.iter().enumerate() {
                let ms: Vec<(usize, &Mention)> =
                    mentions.iter().enumerate().filter(|(_, m)| m.sentence == si && m.span.start >= range.start && m.span.end <= range.end).collect();
                let mut buf = Vec::new();
                let (toks, classes) = labeller.tokenizer.tokenize_into(text, range.clone(), &ms, None, &mut buf);
                let toks = toks.to_vec();
                let recall = state.recall(si, !records.is_empty(), false);
                if ms.is_empty() && !labeller.tokenizer.reach(text, range.clone(), recall).matters(recall) {
                    let mut after = state.clone();
                    let recs = labeller.label_sentence(si, range.clone(), &toks, classes, &doc, &mut after);
                    after.sentence = state.sentence;
                    assert!(recs.is_empty() && after == state, "passed over, yet read: {}", &text[range.clone()]);
                    assert!(crate::discourse::previous_allies(si, &toks, range.clone(), &doc, &records).is_empty());
                    assert!(records.is_empty() || crate::discourse::turn_year(&toks, &doc).is_none());
                    passed += 1;
                    pronouns += usize::from(toks.iter().any(|t| t.ent.is_some()) && !state.focus.is_empty());
                    // (Before `Recall`, a slot but a pronoun, or a turn, was always read.)
                    unread += usize::from(toks.iter().any(|t| t.ent.as_ref().is_some_and(|e| e.anaphor != Some(Refers::Pronoun))));
                    turns += usize::from(crate::discourse::turn_year(&toks, &doc).is_some());
                    let country = |t: &Tok| t.ent.as_ref().is_some_and(|e| e.anaphor == Some(Refers::Country));
                    focused += usize::from(toks.iter().any(country) && !state.focus.is_empty());
                    continue;
                }
                if labeller.cue_index.may_match_any(&toks) {
                    records.extend(labeller.label_sentence(si, range.clone(), &toks, classes, &doc, &mut state));
                    continue;
                }
                let mut followed = state.clone();
                let recs = labeller.label_sentence(si, range.clone(), &toks, classes, &doc, &mut state);
                assert!(recs.is_empty(), "{recs:?}");
                assert!(labeller.follow_sentence(si, &toks, classes, &doc, &mut followed).is_empty());
                assert_eq!(followed, state, "sentence {si}: {}", &text[range.clone()]);
                quiet += 1;
                moved += usize::from(toks.iter().any(|t| t.ent.is_some()));
                let pronoun = |t: &Tok| t.ent.as_ref().is_some_and(|e| e.anaphor == Some(Refers::Pronoun));
                followed_pronouns += usize::from(toks.iter().any(pronoun) && toks.iter().all(|t| t.ent.is_none() || pronoun(t)) && !state.focus.is_empty());
            }
        }
        assert!(
            quiet > 50 && moved > 20 && passed > 10 && pronouns >= 3 && followed_pronouns >= 1 && unread >= 6 && turns >= 1 && focused >= 3,
            "{quiet} quiet sentences ({moved} with slots, {followed_pronouns} with only pronouns and a focus), \
             {passed} passed over ({pronouns} with a pronoun and a focus, {unread} with other anaphors, {focused} of them country \
             anaphors with a focus, {turns} turns)"
        );
    }
}
