//! The rule labeller: lexicon cues read with light, dependency-like patterns.
//!
//! For each sentence the labeller splits clauses (at `;`, `:`, dashes and
//! "but / although / while"), finds cue phrases (`cues.tsv`), and for each cue
//! finds the **target** by its pattern (`allies of X`, `X's allies`,
//! `U.S. allies`, `view X as a partner`, `For X, …`, `stance toward X`, the
//! last camp, or the target in context) and the **actors**: the subject group
//! of the clause (a list distributes: "A, B and C are allies of X"), or the
//! group after the cue in an inverted copula ("X's allies are A, B and C").
//! Anaphors ("the republic", "it", "these countries") resolve to the country
//! or group in focus. Modifiers (`modifiers.tsv`) intensify, weaken, negate,
//! hedge or place the cue in the past; years in the clause (or at the head of
//! the sentence) give `year_from` / `year_to`; "according to CNN" or
//! "CNN counts … among" gives `attributed_to`.
//!
//! ```
//! use orbita_stance::{DocView, Labeller, RuleLabeller};
//! use orbita_text::{EntityKind, LinkMethod, Mention};
//! let cues = "phrase\tlabel\tkind\tconfidence\nallies\t2\tnoun\t0.9\n";
//! let labeller = RuleLabeller::from_files(&[("cues.tsv", cues)]).unwrap();
//! let text = "Cuba and Nicaragua are allies of Russia.";
//! let m = |s: &str, id: &str| {
//!     let start = text.find(s).unwrap();
//!     Mention { sentence: 0, span: start..start + s.len(), surface: s.into(), entity_id: id.into(),
//!               kind: EntityKind::Country, country: Some(id.into()), method: LinkMethod::Exact, confidence: 1.0 }
//! };
//! let mentions = [m("Cuba", "CUB"), m("Nicaragua", "NIC"), m("Russia", "RUS")];
//! let doc = DocView { text, sentences: &[0..text.len()], mentions: &mentions, date: None, speaker: None };
//! let rows = labeller.label(&doc);
//! assert_eq!(rows.len(), 2);
//! assert_eq!((rows[0].actor.as_str(), rows[0].target.as_str(), rows[0].label), ("CUB", "RUS", 2));
//! ```

use crate::discourse;
use crate::lexicon::{CueKind, Effect, Lexicon, LexiconError, Refers, SourcePosition};
use crate::time::{find_years, Years};
use crate::tokens::{
    Ent, Recall, Tok, Tokenizer, Word, WordIndex, ATTRIBUTION_START, BREAK_VERB, CLAUSE_OPENER, CLAUSE_PUNCT, DETERMINER, OBLIQUE_PREP, SO,
    SUBORDINATOR, TURN_VERB,
};
use crate::{DocView, Labeller};
use orbita_text::{EntityKind, Mention, StanceRecord};

mod quiet;

/// Prepositions after which an entity is oblique (not a subject); their words carry the class [`OBLIQUE_PREP`].
pub(crate) const OBLIQUE: &[&str] = &[
    "with", "to", "from", "by", "of", "against", "on", "at", "toward", "towards", "in", "into", "for", "between", "among",
    "within", "across", "over", "under", "about", "than", "via", "during", "through", "throughout", "after", "before",
    "called", "named", "dubbed",
];
/// Prepositions that introduce a stance target after a noun or state cue.
const TARGET_PREPS: &[&str] = &["of", "to", "toward", "towards", "with", "against", "on", "for", "from", "by", "between", "among"];
/// Words skipped between a cue and its target.
const SKIP: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "publicly", "openly", "firmly", "strongly", "actively", "also", "even",
    "both", "all", "fully", "closely", "directly", "further", "not", "just", "only", "brave",
];
/// Words after an object entity that still make it the object ("supports Russia in …").
const OBJECT_FOLLOW: &[&str] = &[
    "in", "on", "at", "and", "or", "as", "for", "with", "over", "of", "from", "by", "during", "to", "against", "but", "while",
    "which", "who", "that", "because", "'s", "policies", "policy", "line", "lead", "positions", "position", "itself",
    "themselves", "despite", "since", "after", "before", "until", "again", "too", "either", "actions", "imperialist",
    "interference", "dominance", "hegemony", "aggression", "government", "regime", "influence", "military", "forces", "troops",
    "agency", "embassy", "ambassador", "diplomats", "officials", "bases",
];
/// Heads that stand for their country in an object ("support the people of Ukraine").
const STANDIN: &[&str] = &["people", "state", "government", "sovereignty", "security", "defense", "defence", "independence", "leadership", "territory"];
/// Generic nouns a target list may follow ("with other countries, including Russia").
const GENERIC: &[&str] = &["countries", "states", "nations", "partners", "powers", "other", "governments", "neighbours", "neighbors"];
/// Nouns between a state cue and its preposition ("a neutral stance toward Russia").
const STANCE_NOUNS: &[&str] = &["stance", "position", "attitude", "posture", "line", "policy", "relations", "relationship", "ties"];
/// Nouns heading a relative clause whose subject is not the main subject
/// ("the United States will punish any country that provides support to Russia").
const REL_HEADS: &[&str] = &[
    "country", "countries", "nation", "nations", "state", "states", "entity", "entities", "individual", "individuals",
    "government", "governments", "party", "parties", "one", "those", "actors",
];
/// Nouns a "pro-X" / "anti-X" adjective must modify to be a stance ("a pro-Western line").
const PRO_HEADS: &[&str] = &[
    "line", "lines", "stance", "position", "positions", "policy", "policies", "orbit", "course", "direction", "camp", "bloc",
    "republic", "country", "government", "leader", "leaders", "elites", "president", "resolution", "resolutions", "forces",
    "coalition", "alliance", "regime", "party", "sentiment", "rhetoric", "tilt", "shift",
];
/// Adverbs allowed between the words of a cue.
const INNER_ADVERBS: &[&str] = &["now", "increasingly", "openly", "further", "even", "also", "still", "again", "firmly", "closely"];
/// Words that open a new clause.
pub(crate) const CLAUSE_OPENERS: &[&str] = &["but", "although", "though", "whereas", "while", "however", "yet", "if", "unless"];
/// Openers of a subordinate clause that ends at the comma before the main clause's subject; their words carry the class [`SUBORDINATOR`].
pub(crate) const SUBORDINATORS: &[&str] = &["although", "though", "if", "unless", "when", "while", "because", "since", "as"];
/// Clause openers after which the clause keeps the previous clause's subject.
const CONTINUERS: &[&str] = &["but", "while", "and", "yet", "although", "though", "whereas", "however", "also"];
/// Lower-case plural nouns that can be a reported source ("experts say").
const SOURCE_NOUNS: &[&str] = &["experts", "analysts", "officials", "observers", "critics", "sources", "diplomats", "scholars"];

/// A side chosen as actor or target, with the mention that names it.
#[derive(Clone, Debug, PartialEq)]
struct Side {
    id: String,
    mention: Option<usize>,
    /// Reached through an anaphor or the previous clause.
    indirect: bool,
}

/// What the labeller remembers across sentences of one document.
#[derive(Default, Clone, Debug, PartialEq)]
struct DocState {
    /// Countries in focus, most recent last.
    focus: Vec<Side>,
    /// The last group of two or more actors.
    group: Vec<Side>,
    /// The last camp: a group that took a strong stance (target, label).
    camp: Option<(Side, i8)>,
    /// The last explicit target.
    last_target: Option<Side>,
    /// The last named source of a reported classification.
    last_source: Option<String>,
    /// Actor and target of the last stance ("the two countries").
    last_pair: Option<(Side, Side)>,
    /// Sentence index where `group` and `last_pair` were set: they expire after two sentences.
    group_at: usize,
    pair_at: usize,
    /// The sentence being read.
    sentence: usize,
}

/// Sentences after which a group or pair anaphor no longer reaches back.
const GROUP_REACH: usize = 2;

impl DocState {
    fn push_focus(&mut self, s: Side) {
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
    fn recall(&self, si: usize, records: bool) -> Recall {
        Recall {
            focus: !self.focus.is_empty(),
            group: !self.group.is_empty() && si <= self.group_at + GROUP_REACH,
            pair: self.last_pair.is_some(),
            records,
        }
    }
    fn resolve_country(&self, exclude: &[String]) -> Option<Side> {
        self.focus.iter().rev().find(|f| !exclude.contains(&f.id)).map(|f| Side { indirect: true, ..f.clone() })
    }
}

#[derive(Clone, Copy, Debug)]
struct CueHit {
    cue: usize,
    /// Token range of the cue within the clause.
    a: usize,
    b: usize,
    /// Word ordinal of the first and one-past-last cue word.
    wa: usize,
    wb: usize,
}

/// The first, lexicon-and-rules stance labeller.
#[derive(Debug, Clone)]
pub struct RuleLabeller {
    lex: Lexicon,
    /// Cue indices by first word, longest first.
    cue_index: WordIndex,
    /// Modifier indices by first word, longest first.
    mod_index: WordIndex,
    /// Sentence tokenizer of the lexicon.
    tokenizer: Tokenizer,
}

impl RuleLabeller {
    /// Builds the labeller from its lexicon files: (file name relative to data/lexicon/, content),
    /// every regular file in data/lexicon/ ending in .tsv, .csv or .toml, sorted by name. Errors name file, line, reason.
    pub fn from_files(files: &[(&str, &str)]) -> Result<RuleLabeller, LexiconError> {
        Ok(RuleLabeller::from_lexicon(Lexicon::parse(files)?))
    }

    /// Builds the labeller from a parsed lexicon.
    pub fn from_lexicon(lex: Lexicon) -> RuleLabeller {
        let tokenizer = Tokenizer::new(&lex);
        let cue_index = tokenizer.index(lex.cues.iter().map(|c| c.words.as_slice()));
        let mod_index = tokenizer.index(lex.modifiers.iter().map(|(w, _)| w.as_slice()));
        RuleLabeller { lex, cue_index, mod_index, tokenizer }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }
}

impl Labeller for RuleLabeller {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn version(&self) -> u32 {
        3
    }

    fn label(&self, doc: &DocView<'_>) -> Vec<StanceRecord> {
        // The mentions (with their indices) by sentence, in document order within a sentence:
        // a stable sort, one run per sentence.
        let mut by_sentence: Vec<(usize, &Mention)> = doc.mentions.iter().enumerate().filter(|(_, m)| m.sentence < doc.sentences.len()).collect();
        by_sentence.sort_by_key(|(_, m)| m.sentence);
        let mut run = by_sentence.as_slice();
        let mut state = DocState::default();
        let mut out = Vec::new();
        let mut toks_buf = Vec::new();
        let mut ms: Vec<(usize, &Mention)> = Vec::new();
        for (si, range) in doc.sentences.iter().enumerate() {
            let here = run.iter().take_while(|(_, m)| m.sentence == si).count();
            let (of_sentence, rest) = run.split_at(here);
            run = rest;
            if range.start >= range.end
                || range.end > doc.text.len()
                || !doc.text.is_char_boundary(range.start)
                || !doc.text.is_char_boundary(range.end)
            {
                continue;
            }
            ms.clear();
            ms.extend(of_sentence.iter().filter(|(_, m)| {
                m.span.start >= range.start
                    && m.span.end <= range.end
                    && m.span.start < m.span.end
                    && doc.text.is_char_boundary(m.span.start)
                    && doc.text.is_char_boundary(m.span.end)
            }));
            ms.sort_by_key(|(_, m)| m.span.start);
            let recall = state.recall(si, !out.is_empty());
            if ms.is_empty() && !self.tokenizer.reach(doc.text, range.clone(), recall).matters(recall) {
                // No mention and no trigger word that can read something: no stance, nothing remembered (see `Reach`).
                continue;
            }
            // (With the word classes of the sentence: an attribution, a break and a turn need a word of theirs.)
            let (toks, classes) = self.tokenizer.tokenize_into(doc.text, range.clone(), &ms, &mut toks_buf);
            let recs = if self.cue_index.may_match_any(toks) {
                self.label_sentence(si, range.clone(), toks, classes, doc, &mut state)
            } else {
                self.follow_sentence(si, toks, classes, doc, &mut state)
            };
            out.extend(recs);
            // A break with "previous allies" resolves them from the stances read so far.
            if classes & BREAK_VERB != 0 {
                let broken = discourse::previous_allies(si, toks, range.clone(), doc, &out);
                out.extend(broken.into_iter().filter(|b| !out.iter().any(|r| r.sentence == si && r.actor == b.actor && r.target == b.target)).collect::<Vec<_>>());
            }
            // A dated turn sends the paragraph's earlier undated stances to the years before it.
            if let Some(y) = if classes & TURN_VERB != 0 { discourse::turn_year(toks, doc) } else { None } {
                let first = discourse::paragraph_start(doc, si);
                for r in out.iter_mut().filter(|r| r.sentence >= first && r.sentence < si) {
                    if r.year_from.is_none() && r.year_to.is_none() {
                        r.year_to = Some(y - 1);
                    }
                }
            }
        }
        out
    }
}

fn is_list_joiner(t: &Tok) -> bool {
    t.punct == Some(',') || t.is_word("and") || t.is_word("or") || t.is_word("including")
}

impl RuleLabeller {
    fn match_cues(&self, toks: &[Tok], words: &[usize]) -> Vec<CueHit> {
        let mut hits = Vec::new();
        let quoted = quoted_tokens(toks);
        let mut k = 0;
        while k < words.len() {
            let t = &toks[words[k]];
            let mut found = None;
            if t.is_plain_word() {
                if let Some(cands) = self.cue_index.get(&t.word) {
                    for &ci in cands {
                        let cw = &self.lex.cues[ci].words;
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

    fn match_mods(&self, toks: &[Tok], words: &[usize]) -> Vec<(usize, usize, Effect)> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let t = &toks[words[k]];
            let mut found = None;
            if t.is_plain_word() {
                if let Some(cands) = self.mod_index.get(&t.word) {
                    for &mi in cands {
                        let (mw, eff) = &self.lex.modifiers[mi];
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
    fn attribution(&self, text: &str, toks: &[Tok], classes: u32, state: &DocState) -> Option<String> {
        if classes & ATTRIBUTION_START == 0 {
            return None;
        }
        for i in 0..toks.len() {
            // (Only a plain word has classes: the class first.)
            if !toks[i].word.has(ATTRIBUTION_START) || !toks[i].is_plain_word() {
                continue;
            }
            for (words, pos) in self.lex.attribution.iter().filter(|(w, _)| w[0] == toks[i].word) {
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

    #[allow(clippy::too_many_lines)]
    fn label_sentence(
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
        let attributed = self.attribution(text, toks, classes, state);
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
                    (Some(e), Some(',')) if e.anaphor.is_none() => Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false }),
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
            let hits = if conditional { Vec::new() } else { self.match_cues(ct, &words) };
            let mods = self.match_mods(ct, &words);
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
                let (t, e) = self.find_target(ct, &oblique, h, cue.kind, state, for_frame.as_ref(), has_camp_word, elaboration.as_ref());
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

                // Actors.
                if mods.iter().any(|&(_, mb, e)| e == Effect::Irrealis && mb <= h.wa) {
                    // "Whether Colombia can become an ally of Russia": a question, not a stance.
                    continue;
                }
                let owner = if cue.kind == CueKind::Noun { owner_pronoun(ct, h.a) } else { None };
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
                        let sides = self.group_sides(ct, g, &[], state, doc, toks, cr.start);
                        (sides.len() >= 2 && (copula || ours) && between.len() <= 8).then_some(sides)
                    })
                } else {
                    None
                };
                let appos_group: Option<Vec<Side>> = if cue.kind == CueKind::Noun && !explicit[hi] {
                    groups.iter().filter(|g| g.start >= h.b).find(|g| g.start > 0 && ct[g.start - 1].punct == Some('—')).and_then(|g| {
                        let sides = self.group_sides(ct, g, &[], state, doc, toks, cr.start);
                        (sides.len() >= 2).then_some(sides)
                    })
                } else {
                    None
                };
                if copula_group.is_none() && cue.kind == CueKind::Noun && matches!(owner.as_deref(), Some("our" | "your" | "my")) {
                    // "our allies": the speaker's side is not named.
                    continue;
                }
                let mut actors: Vec<Side> = Vec::new();
                let mut pairs: Vec<(Side, Side)> = Vec::new();
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
                    .map(|g| self.group_sides(ct, g, &clause_targets, state, doc, toks, cr.start))
                    .filter(|s| !s.is_empty())
                    .collect();
                let compound = if matches!(cue.kind, CueKind::Noun | CueKind::Mutual) { compound_sides(ct, h.a) } else { Vec::new() };
                let passive = if cue.kind == CueKind::Verb {
                    passive_agent(ct, h, cue.words.last().is_some_and(|w| TARGET_PREPS.contains(&w.as_str())))
                } else {
                    None
                };
                if let Some(agent) = passive {
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
                        sides = self.group_sides(ct, g, &[], state, doc, toks, cr.start);
                    }
                    if sides.len() < 2 && cue.label > 0 {
                        if let Some((a, b)) = sentence_pair(ct) {
                            // "the joint exercises of China and Russia".
                            sides = vec![a, b];
                        }
                    }
                    if sides.len() < 2 {
                        sides.clear();
                        for (ti, t) in ct.iter().enumerate() {
                            if let Some(s) = self.ent_side(t, ti, ct, &clause_targets, state, true) {
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
                } else {
                    if tg.is_empty() {
                        continue;
                    }
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
                            agent_side = Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
                            actors.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
                        }
                    }
                    // "unclear what position the country will take": the embedded question's subject
                    // acts; "the country" is the country the sentence is about ("As for Peru, …").
                    if cue.is_embedded_question() && actors.is_empty() {
                        let named_before = || {
                            toks[..cr.start + h.a].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty() && !tids.iter().any(|x| *x == e.side)))
                        };
                        let side = ct.get(h.b).and_then(|t| t.ent.as_ref()).and_then(|e| match e.anaphor {
                            None if !e.side.is_empty() => Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false }),
                            Some(Refers::Country) => named_before()
                                .map(|e| Side { id: e.side.to_string(), mention: e.mention, indirect: false })
                                .or_else(|| state.resolve_country(&tids)),
                            _ => None,
                        });
                        actors.extend(side);
                    }
                    let hostile_owner = matches!(owner.as_deref(), Some("its" | "their")) && cue.label < 0 && explicit[hi];
                    if hostile_owner {
                        // "Russia … in its confrontation with the West": the owner acts.
                        if let Some(e) = ct[..h.a].iter().rev().find_map(|t| t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())) {
                            actors.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
                            agent_side = actors.last().cloned();
                        }
                    } else if matches!(owner.as_deref(), Some("its" | "their")) && h.a > 0 && ct[h.a - 1].ent.as_ref().is_some_and(|e| e.anaphor.is_none()) {
                        // "the United States and its NATO allies": the premodifier names the allies.
                        if let Some(e) = ct[h.a - 1].ent.as_ref() {
                            actors.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
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
                            let s = self.group_sides(ct, g, &clause_targets, state, doc, toks, cr.start);
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
                            let s = self.group_sides(ct, g, &tids, state, doc, toks, cr.start);
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
                                if let Some(s) = self.ent_side(t, i, ct, &tids, state, true) {
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
                if pairs.is_empty() {
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
                for (a, t) in &pairs {
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
                let s = self.group_sides(ct, g, &clause_targets, state, doc, toks, cr.start);
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

    /// The side an entity token stands for, resolving country anaphors.
    fn ent_side(&self, t: &Tok, _ti: usize, _ct: &[Tok], exclude: &[String], state: &DocState, country_anaphors: bool) -> Option<Side> {
        let e: &Ent = t.ent.as_ref()?;
        match e.anaphor {
            None if !e.side.is_empty() => Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false }),
            Some(Refers::Country) if country_anaphors => state.resolve_country(exclude),
            _ => None,
        }
    }

    /// Sides of a subject group; anaphors resolve against the state.
    #[allow(clippy::too_many_arguments)]
    fn group_sides(
        &self,
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
                    out.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
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
                            Some((i, Side { id: e.side.to_string(), mention: e.mention, indirect: true }, obl[i], leader))
                        })
                        .collect();
                    let found = if person { cands.iter().rev().find(|c| c.3) } else { None }
                        .or_else(|| cands.iter().rev().find(|c| c.0 >= clause_start))
                        .or_else(|| cands.iter().find(|c| !c.2))
                        .map(|c| c.1.clone());
                    found.or_else(|| state.resolve_country(targets)).or_else(|| cands.last().map(|c| c.1.clone())).into_iter().collect()
                }
                Refers::Source => Vec::new(),
            };
            for s in sides {
                if !s.id.is_empty() && !targets.contains(&s.id) && !out.iter().any(|o| o.id == s.id) {
                    out.push(s);
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn find_target(
        &self,
        ct: &[Tok],
        oblique: &[bool],
        h: &CueHit,
        kind: CueKind,
        state: &DocState,
        for_frame: Option<&Side>,
        has_camp_word: bool,
        elaboration: Option<&Side>,
    ) -> (Vec<Side>, bool) {
        let cue = &self.lex.cues[h.cue];
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
                return (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true);
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
                            return (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true);
                        }
                    }
                }
                (Vec::new(), false)
            }
            CueKind::Verb if passive_agent(ct, h, ends_with_prep).is_some() => (Vec::new(), false),
            CueKind::Verb => {
                let needs_prep = false;
                let t = after_targets(ct, h.b, needs_prep || ends_with_prep, !ends_with_prep, true);
                (t, true)
            }
            CueKind::Noun | CueKind::State => {
                let of_next = ct.get(h.b).is_some_and(|t| t.is_word("of") || t.is_word("from"));
                let hostile_prep = ct.get(h.b).is_some_and(|t| ["on", "by"].iter().any(|w| t.is_word(w)));
                let t = if (kind == CueKind::State && of_next) || (cue.label >= 0 && hostile_prep && !ends_with_prep) {
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
                        Some(e) => (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true),
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
                                return (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true);
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
                            return (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true);
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
                            return (vec![Side { id: e.side.to_string(), mention: e.mention, indirect: false }], true);
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
                        best = Some((rank, Side { id: e.side.to_string(), mention: e.mention, indirect: false }));
                    }
                }
                if let Some((_, s)) = best {
                    return (vec![s], true);
                }
                context()
            }
        }
    }
}

/// The side a colon elaboration is about: the first side it names outside
/// its subject ("it supports resolutions condemning Russia's actions" →
/// Russia), skipping asides and anaphors.
fn elaboration_side(ct: &[Tok]) -> Option<Side> {
    let oblique = oblique_flags(ct);
    let subject = subject_groups(ct, &oblique).into_iter().next().filter(|g| g.start <= 1);
    ct.iter().enumerate().find_map(|(i, t)| {
        let e = t.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())?;
        if in_aside(ct, i) || subject.as_ref().is_some_and(|g| g.contains(&i)) {
            return None;
        }
        Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false })
    })
}

/// Sides joined by hyphens in a premodifier of the cue at `a`: "U.S.-China", "Australia-United Kingdom-United States (AUKUS)".
fn compound_sides(ct: &[Tok], a: usize) -> Vec<Side> {
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
                out.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
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
/// Token `i` lies in a concessive aside: "though" or "although" opens its
/// comma-delimited stretch ("X, though close to the U.S., …").
fn in_aside(ct: &[Tok], i: usize) -> bool {
    (0..i.min(ct.len())).rev().take_while(|&k| ct[k].punct != Some(',')).any(|k| ct[k].is_word("though") || ct[k].is_word("although"))
}

fn doc_word(doc: &DocView<'_>, t: &Tok) -> String {
    doc.text.get(t.start..t.end).unwrap_or("").to_lowercase()
}

/// The two sides of an "A and B" list earlier in the sentence ("Russia and China — … — these two superpowers").
fn sentence_pair(before: &[Tok]) -> Option<(Side, Side)> {
    // Two named sides in a row, the last such two first.
    let mut later: Option<(usize, &Ent)> = None;
    for i in (0..before.len()).rev() {
        let Some(a) = before[i].ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty()) else { continue };
        let Some((j, b)) = later.replace((i, a)) else { continue };
        if a.side != b.side && j > i && before[i + 1..j].iter().all(|t| t.is_word("and") || t.is_word("the")) && before[i + 1..j].iter().any(|t| t.is_word("and")) {
            let side = |e: &Ent| Side { id: e.side.to_string(), mention: e.mention, indirect: true };
            return Some((side(a), side(b)));
        }
    }
    None
}

/// Whether the entity at `i` continues a list whose head follows "of" ("of the United States and Western countries").
fn of_list(ct: &[Tok], i: usize) -> bool {
    let mut k = i;
    while k > 0 && (is_list_joiner(&ct[k - 1]) || ct[k - 1].is_word("the")) {
        k -= 1;
    }
    k < i && k > 0 && ct[k - 1].ent.is_some() && (prev_word(ct, k - 1).is_some_and(|w| w == "of") || of_list(ct, k - 1))
}

/// The agent of a passive act: "Ukraine was invaded by Russia".
fn passive_agent(ct: &[Tok], h: &CueHit, ends_with_prep: bool) -> Option<Side> {
    if ends_with_prep || !ct.get(h.b).is_some_and(|t| t.is_word("by")) {
        return None;
    }
    let mut j = h.b + 1;
    while j < ct.len() && ct[j].is_word("the") {
        j += 1;
    }
    let e = ct.get(j)?.ent.as_ref().filter(|e| e.anaphor.is_none() && !e.side.is_empty())?;
    Some(Side { id: e.side.to_string(), mention: e.mention, indirect: false })
}

/// A joint undertaking among the listed targets: "trilateral cooperation with A, B and C",
/// "cooperation with A and B together".
fn joint_context(ct: &[Tok], h: &CueHit, _n: usize) -> bool {
    let before = h.a > 0 && ["trilateral", "bilateral", "joint", "multilateral"].contains(&ct[h.a - 1].word.as_str());
    let after = ct[h.b..].iter().take(12).any(|t| t.is_word("together"));
    before || after
}

/// Tokens inside a quotation of six words or more ("the enemy of my enemy is my friend"):
/// a quoted saying is not the author's stance. Scare quotes around one or two words are kept.
fn quoted_tokens(toks: &[Tok]) -> Vec<bool> {
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

/// A possessive pronoun opening the noun phrase of the cue at `a` ("our allies", "its partners",
/// "our NATO allies": one side may stand between).
fn owner_pronoun<'a>(ct: &[Tok<'a>], a: usize) -> Option<Word<'a>> {
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
fn possessive_agent<'t, 'a>(ct: &'t [Tok<'a>], a: usize) -> Option<&'t Ent<'a>> {
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

/// Determiners [`prev_word`] skips; their words carry the class [`DETERMINER`].
pub(crate) const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "both", "all", "other", "fellow"];

/// The previous word before token `i`, skipping determiners.
fn prev_word<'t, 'a>(ct: &'t [Tok<'a>], i: usize) -> Option<&'t Word<'a>> {
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
fn comma_list_ok(ct: &[Tok], k: usize, i: usize) -> bool {
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
fn oblique_flags(ct: &[Tok]) -> Vec<bool> {
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
fn subject_groups(ct: &[Tok], oblique: &[bool]) -> Vec<std::ops::Range<usize>> {
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

/// Targets after a cue: `[prep] [det…] Ent (, Ent)* [and Ent]`.
fn after_targets(ct: &[Tok], b: usize, prep_done: bool, object: bool, allow_prep: bool) -> Vec<Side> {
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
    // "support the people of Ukraine".
    if ct.get(j).is_some_and(|t| t.is_plain_word() && STANDIN.contains(&t.word.as_str())) && ct.get(j + 1).is_some_and(|t| t.is_word("of")) {
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
        if !out.iter().any(|s| s.id == e.side) {
            out.push(Side { id: e.side.to_string(), mention: e.mention, indirect: false });
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

/// Clause ranges (token indices) of a sentence (`classes`: the word classes of `toks`, with
/// [`CLAUSE_PUNCT`]).
fn split_clauses(text: &str, toks: &[Tok], classes: u32) -> Vec<std::ops::Range<usize>> {
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


#[cfg(test)]
mod tests {
    //! Rule classes, each with sentences written for this module and the real lexicon.
    use super::*;
    use orbita_text::{Date, LinkMethod};

    fn labeller() -> RuleLabeller {
        RuleLabeller::from_files(&[
            ("anaphora.tsv", include_str!("../../../data/lexicon/anaphora.tsv")),
            ("attribution.tsv", include_str!("../../../data/lexicon/attribution.tsv")),
            ("cues.tsv", include_str!("../../../data/lexicon/cues.tsv")),
            ("modifiers.tsv", include_str!("../../../data/lexicon/modifiers.tsv")),
            ("sides.tsv", include_str!("../../../data/lexicon/sides.tsv")),
        ])
        .unwrap()
    }

    const NAMES: &[(&str, &str, EntityKind)] = &[
        ("United States", "USA", EntityKind::Country),
        ("U.S.", "USA", EntityKind::Country),
        ("Washington", "USA", EntityKind::Capital),
        ("Russia", "RUS", EntityKind::Country),
        ("Russian", "RUS", EntityKind::Demonym),
        ("Ukraine", "UKR", EntityKind::Country),
        ("Japan", "JPN", EntityKind::Country),
        ("Korea", "KOR", EntityKind::Country),
        ("Australia", "AUS", EntityKind::Country),
        ("Canada", "CAN", EntityKind::Country),
        ("Cuba", "CUB", EntityKind::Country),
        ("China", "CHN", EntityKind::Country),
        ("Iran", "IRN", EntityKind::Country),
        ("Syria", "SYR", EntityKind::Country),
        ("Poland", "POL", EntityKind::Country),
        ("Serbia", "SRB", EntityKind::Country),
        ("Kenya", "KEN", EntityKind::Country),
        ("Lula", "BRA", EntityKind::Leader),
        ("Brazil", "BRA", EntityKind::Country),
        ("NATO", "NATO", EntityKind::Organisation),
        ("BRICS", "BRICS", EntityKind::Organisation),
    ];

    /// Labels `text` (sentences split at ". ") with mentions of NAMES.
    fn label(text: &str) -> Vec<StanceRecord> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            sentences.push(start..i + 1);
            start = i + 2;
        }
        sentences.push(start..text.len());
        let mut mentions = Vec::new();
        for (si, r) in sentences.iter().enumerate() {
            let s = &text[r.clone()];
            let mut taken = vec![false; s.len()];
            for (name, id, kind) in NAMES {
                for (p, _) in s.match_indices(name) {
                    let end = p + name.len();
                    let word_end = !s[end..].starts_with(|c: char| c.is_alphanumeric());
                    if taken[p..end].iter().any(|t| *t) || !word_end {
                        continue;
                    }
                    taken[p..end].iter_mut().for_each(|t| *t = true);
                    let country = (*kind != EntityKind::Organisation).then(|| id.to_string());
                    mentions.push(Mention {
                        sentence: si,
                        span: r.start + p..r.start + end,
                        surface: name.to_string(),
                        entity_id: id.to_string(),
                        kind: *kind,
                        country,
                        method: LinkMethod::Exact,
                        confidence: 1.0,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        let doc = DocView { text, sentences: &sentences, mentions: &mentions, date: Some(Date::new(2024, 6, 1).unwrap()), speaker: None };
        labeller().label(&doc)
    }

    #[test]
    fn a_break_with_previous_allies_resolves_them_from_earlier_stances() {
        // Regression: a country distancing itself from its former allies named no target.
        let recs = label("For years Serbia was a close partner of Russia. After the vote, the new leaders pledged to distance themselves from Serbia's former allies.");
        let r = recs.iter().find(|r| r.sentence == 1 && r.actor == "SRB" && r.target == "RUS").expect("SRB→RUS in the second sentence");
        assert_eq!(r.label, -1);
        // With a pronoun owner, the actor is the sentence's country.
        let recs = label("Kenya has been a steady partner of China. Kenya then moved away from its traditional partners.");
        assert_eq!(recs.iter().find(|r| r.sentence == 1 && r.actor == "KEN").map(|r| (r.target.as_str(), r.label)), Some(("CHN", -1)));
        // No earlier friend, no stance.
        let recs = label("Kenya moved away from its traditional partners.");
        assert!(recs.is_empty(), "{recs:?}");
    }

    #[test]
    fn a_dated_turn_sends_the_paragraph_before_it_into_the_past() {
        // Regression: a paragraph's undated friendly stances counted in the year of the turn that ended them.
        let recs = label("Serbia is a close partner of Russia. But the 2024 vote changed this situation entirely.");
        let r = get(&recs, "SRB", "RUS").unwrap();
        assert_eq!((r.year_from, r.year_to), (None, Some(2023)));
        // A turn in a later year than the document's is not a turn yet.
        let recs = label("Serbia is a close partner of Russia. The 2030 vote could change this situation.");
        assert_eq!(get(&recs, "SRB", "RUS").unwrap().year_to, None);
    }

    #[test]
    fn long_standing_past_tense_is_placed_before_the_document_year() {
        // Regression: "was long" / "has long been" stances counted as the current state.
        let recs = label("Cuba was long one of Russia's closest allies.");
        assert_eq!(get(&recs, "CUB", "RUS").unwrap().year_to, Some(2023));
        let recs = label("Canada has long been a key ally of the United States.");
        assert_eq!(get(&recs, "CAN", "USA").unwrap().year_to, Some(2023));
    }

    #[test]
    fn a_concessive_aside_does_not_change_the_power_in_context() {
        // Regression: "X, though connected to the U.S., keeps a moderate stance" read the neutral stance toward the U.S.
        let recs = label("Cuba is a close partner of Russia. Poland, though closely connected to the United States, tries to keep a moderate stance.");
        assert_eq!(recs.iter().find(|r| r.actor == "POL" && r.label == 0).map(|r| r.target.as_str()), Some("RUS"), "{recs:?}");
        // Without the aside, the oblique side is the frame.
        let recs = label("Cuba is a close partner of Russia. Poland keeps a moderate stance toward the United States.");
        assert_eq!(recs.iter().find(|r| r.actor == "POL" && r.label == 0).map(|r| r.target.as_str()), Some("USA"), "{recs:?}");
    }

    #[test]
    fn a_possibility_of_interest_is_not_a_stance() {
        // Regression: "may be interested in cooperation" read as a (hedged) partnership.
        let recs = label("Brazil may be interested in closer cooperation with Russia, analysts say.");
        assert!(get(&recs, "BRA", "RUS").is_none(), "{recs:?}");
    }

    fn get<'a>(recs: &'a [StanceRecord], actor: &str, target: &str) -> Option<&'a StanceRecord> {
        recs.iter().find(|r| r.actor == actor && r.target == target)
    }

    fn pairs(recs: &[StanceRecord]) -> Vec<(String, String, i8)> {
        recs.iter().map(|r| (r.actor.clone(), r.target.clone(), r.label)).collect()
    }

    #[test]
    fn possessive_agent_of_a_nominal_act() {
        let r = label("Japan condemned Russia's brutal war against Ukraine.");
        assert_eq!(get(&r, "RUS", "UKR").map(|r| r.label), Some(-2), "{:?}", pairs(&r));
        assert_eq!(get(&r, "JPN", "RUS").map(|r| r.label), Some(-1));
        assert!(get(&r, "JPN", "UKR").is_none());
    }

    #[test]
    fn our_allies_name_no_side_and_its_allies_name_the_owner() {
        let r = label("The United States and our allies will meet.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("The United States and its allies — Japan, Australia and Canada — met.");
        for c in ["JPN", "AUS", "CAN"] {
            assert_eq!(get(&r, c, "USA").map(|r| r.label), Some(2), "{:?}", pairs(&r));
        }
    }

    #[test]
    fn relations_between_and_hyphen_compounds_are_mutual() {
        let r = label("They praised the alliance between Japan and Korea.");
        assert_eq!(get(&r, "JPN", "KOR").map(|r| r.label), Some(2));
        assert_eq!(get(&r, "KOR", "JPN").map(|r| r.label), Some(2));
        let r = label("The Japan-Australia partnership grew.");
        assert_eq!(get(&r, "AUS", "JPN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
        let r = label("Japan and Canada are close partners.");
        assert_eq!(get(&r, "CAN", "JPN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    }

    #[test]
    fn refusals_split_hostile_and_friendly_acts() {
        let r = label("Brazil refused to impose sanctions on Russia.");
        assert_eq!(get(&r, "BRA", "RUS").map(|r| (r.label, r.negated)), Some((0, true)));
        let r = label("Brazil refused to join NATO.");
        assert_eq!(get(&r, "BRA", "NATO").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
    }

    #[test]
    fn leaving_a_partnership_reverses_it() {
        let r = label("Canada threatened to abandon its status as a partner of NATO.");
        assert_eq!(get(&r, "CAN", "NATO").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
    }

    #[test]
    fn questions_of_whether_and_quoted_sayings_are_not_stances() {
        assert!(label("Whether Cuba can become an ally of China is unclear.").is_empty());
        let r = label("Cuba and Syria cite the saying \"the enemy of my enemy is my friend\" often.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
    }

    #[test]
    fn a_headline_stance_takes_its_target_from_the_colon_elaboration() {
        // Regression: "keeps a balanced stance: it backs resolutions condemning Russia" read −1 from the
        // elaboration instead of the headline 0 toward Russia.
        let r = label("Serbia tries to keep a balanced stance: it backs resolutions condemning Russia's war, but takes no further steps.");
        let rows: Vec<_> = r.iter().filter(|r| r.actor == "SRB" && r.target == "RUS").collect();
        assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
        assert_eq!(rows[0].label, 0);
        // Without the colon there is no elaboration to borrow from.
        let r = label("Serbia tries to keep a balanced stance. It backs resolutions condemning Russia's war.");
        assert_eq!(get(&r, "SRB", "RUS").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
    }

    #[test]
    fn a_concessive_aside_after_the_subject_leaves_the_main_clause_in_force() {
        // Regression: in "Kenya, though close to the U.S., keeps a neutral stance: …" the neutral
        // headline was read as part of the concession and gave way to the elaboration.
        let r = label("Kenya, though culturally close to the United States, keeps a neutral stance: it votes for resolutions condemning Russia.");
        assert_eq!(get(&r, "KEN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
        // A concession opening the sentence still gives way.
        let r = label("Although Kenya condemned Russia, Kenya keeps a neutral stance toward Russia.");
        assert_eq!(get(&r, "KEN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    }

    #[test]
    fn a_position_stated_to_be_unclear_is_neutral_and_its_subject_acts() {
        // Regression: "unclear what position the country will take" took "the country" as the target.
        let r = label("Poland is an ally of the United States. As for Serbia, it is still unclear which side the country will take.");
        assert_eq!(get(&r, "SRB", "USA").map(|r| r.label), Some(0), "{:?}", pairs(&r));
        assert!(get(&r, "SRB", "POL").is_none() && get(&r, "POL", "USA").map(|r| r.label) == Some(2), "{:?}", pairs(&r));
        let r = label("It is unclear what position Kenya will take toward China.");
        assert_eq!(get(&r, "KEN", "CHN").map(|r| r.label), Some(0), "{:?}", pairs(&r));
        let r = label("Kenya is a partner of China. Serbia's position remains unclear.");
        assert_eq!(get(&r, "SRB", "CHN").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    }

    #[test]
    fn concession_gives_way_to_the_main_clause() {
        // Regression: "although X condemned Russia, X keeps a neutral stance" must read 0 for the pair.
        let r = label("Although Brazil condemned Russia at the UN, Brazil keeps a neutral stance toward Russia.");
        let rows: Vec<_> = r.iter().filter(|r| r.actor == "BRA" && r.target == "RUS").collect();
        assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
        assert_eq!(rows[0].label, 0);
    }

    #[test]
    fn relative_clause_heads_and_complementisers_pick_the_right_subject() {
        // The main subject does not support Russia: "any country that provides support".
        let r = label("The United States will punish any country that provides support to Russia.");
        assert!(get(&r, "USA", "RUS").is_none_or(|r| r.label <= 0), "{:?}", pairs(&r));
        let r = label("Japan said that Serbia supports Russia.");
        assert!(get(&r, "SRB", "RUS").is_some() && get(&r, "JPN", "RUS").is_none(), "{:?}", pairs(&r));
    }

    #[test]
    fn pronouns_prefer_the_leader_and_the_subject() {
        let r = label("Brazil kept its course. Lula visited Moscow and later he openly supports Russia.");
        assert_eq!(get(&r, "BRA", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    }

    #[test]
    fn proper_names_and_pro_adjectives_need_their_heads() {
        // "the Global Partnership" is a name; "a pro-Russian rally" is not a country's line.
        assert!(label("Canada joined the Global Partnership for Kenya.").iter().all(|r| r.cue != "Partnership"));
        let r = label("Canada went to a pro-Russian rally.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("Serbia follows a pro-Russian line.");
        assert_eq!(get(&r, "SRB", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    }

    #[test]
    fn past_markers_and_years_place_the_stance() {
        let r = label("Cuba was a close ally of Russia.");
        assert_eq!(get(&r, "CUB", "RUS").map(|r| (r.year_from, r.year_to)), Some((None, Some(2023))));
        let r = label("Since 2014, Poland has been a staunch ally of the United States.");
        assert_eq!(get(&r, "POL", "USA").map(|r| (r.label, r.year_from, r.year_to)), Some((2, Some(2014), None)));
        let r = label("Today Poland remains an ally of the United States.");
        assert_eq!(get(&r, "POL", "USA").map(|r| (r.year_from, r.year_to)), Some((None, None)));
    }

    #[test]
    fn pair_anaphors_read_the_last_two_sides() {
        let r = label("Russia and China held talks. The partnership between the two countries is growing.");
        assert_eq!(get(&r, "RUS", "CHN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
        assert_eq!(get(&r, "CHN", "RUS").map(|r| r.label), Some(1));
    }

    #[test]
    fn group_anaphors_expire() {
        // Regression: "they" three sentences after a list must not reach back to it.
        let r = label("Cuba and Syria are allies of Russia. Talks went on. Trade grew. Prices rose. They remain neutral.");
        assert!(r.iter().all(|r| r.label != 0), "{:?}", pairs(&r));
    }

    #[test]
    fn one_stance_per_pair_in_a_sentence() {
        let r = label("Cuba and Syria, allies of Russia, regard Russia as a partner.");
        let rows: Vec<_> = r.iter().filter(|r| r.actor == "CUB" && r.target == "RUS").collect();
        assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
        assert_eq!(rows[0].label, 2);
    }

    #[test]
    fn hostility_that_disappeared_is_not_hostility() {
        let r = label("Iran's hostility toward Canada has disappeared.");
        assert_eq!(get(&r, "IRN", "CAN").map(|r| (r.label, r.negated)), Some((0, true)), "{:?}", pairs(&r));
    }

    #[test]
    fn conditions_carry_no_stance_and_passives_swap_roles() {
        // Regression: "If Russia invades Ukraine, we will impose costs on Russia" gave Ukraine a stance.
        let r = label("If Russia invades Ukraine, we will impose severe costs on Russia.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("In 2022 Ukraine was invaded by Russia.");
        assert_eq!(get(&r, "RUS", "UKR").map(|r| (r.label, r.year_from)), Some((-2, Some(2022))), "{:?}", pairs(&r));
        assert!(get(&r, "UKR", "RUS").is_none());
    }

    #[test]
    fn friendly_mutual_cues_need_a_named_pair() {
        // Regression: "stand together … Ukraine … against Russian aggression" is not Ukraine–Russia friendship.
        let r = label("We stand together with the people of Ukraine against Russian aggression.");
        assert!(get(&r, "UKR", "RUS").is_none_or(|r| r.label < 0), "{:?}", pairs(&r));
        let r = label("The joint exercises of China and Russia worried Japan.");
        assert_eq!(get(&r, "CHN", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    }

    #[test]
    fn verbs_take_their_subject_not_a_later_list() {
        let r = label("We are actively engaged with Russia, Ukraine and Poland.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
    }

    #[test]
    fn descriptions_of_a_country_are_targets_and_warming_is_mutual() {
        let r = label("Cuba recalled its ambassador. Russia is open to strengthening ties with the Caribbean republic.");
        assert_eq!(get(&r, "RUS", "CUB").map(|r| r.label), Some(1), "{:?}", pairs(&r));
        let r = label("A certain warming came after the meeting between Japan and Korea.");
        assert_eq!(get(&r, "JPN", "KOR").map(|r| r.label), Some(1), "{:?}", pairs(&r));
        assert_eq!(get(&r, "KOR", "JPN").map(|r| r.label), Some(1));
    }

    #[test]
    fn focus_moves_as_remove_and_push() {
        // Guards the shortcut in `push_focus` (the side already last in focus): every sequence of
        // up to five pushes over four sides and two mentions, and a long run past the limit of eight.
        fn reference(focus: &mut Vec<Side>, s: &Side) {
            focus.retain(|f| f.id != s.id);
            focus.push(Side { indirect: false, ..s.clone() });
            if focus.len() > 8 {
                focus.remove(0);
            }
        }
        let side = |k: usize| Side { id: ["A", "B", "C", "D"][k % 4].to_string(), mention: Some(k / 4), indirect: k.is_multiple_of(3) };
        let mut runs: Vec<Vec<Side>> = Vec::new();
        for len in 0..=5u32 {
            for code in 0..8usize.pow(len) {
                runs.push((0..len).map(|p| side(code / 8usize.pow(p) % 8)).collect());
            }
        }
        runs.push((0..40).map(|k| Side { id: format!("S{}", k % 11), mention: Some(k), indirect: false }).collect());
        for run in &runs {
            let (mut state, mut want) = (DocState::default(), Vec::new());
            for s in run {
                state.push_focus(s.clone());
                reference(&mut want, s);
                assert_eq!(state.focus, want, "{run:?}");
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        // Regression guard: offsets that are not character boundaries, overlapping and out-of-range
        // mentions, empty sentences and non-Latin text are skipped, never a panic.
        let text = "Россия — союзник? Cuba’s ally 🇨🇺 is Russia’s… «friend» of Russia";
        let m = |start: usize, end: usize, id: &str| Mention {
            sentence: 0,
            span: start..end,
            surface: String::new(),
            entity_id: id.into(),
            kind: EntityKind::Country,
            country: Some(id.into()),
            method: LinkMethod::Exact,
            confidence: 1.0,
        };
        let cuba = text.find("Cuba").unwrap();
        let russia = text.rfind("Russia").unwrap();
        let mentions = [m(1, 3, "RUS"), m(cuba, cuba + 4, "CUB"), m(cuba + 1, cuba + 6, "CUB"), m(russia, russia + 6, "RUS"), m(russia, 999, "RUS")];
        let sentences = [0..1, 0..text.len(), 5..5, 3..text.len() + 10];
        let doc = DocView { text, sentences: &sentences, mentions: &mentions, date: None, speaker: None };
        let _ = labeller().label(&doc);
        let doc = DocView { text: "", sentences: &[], mentions: &[], date: None, speaker: None };
        assert!(labeller().label(&doc).is_empty());
    }

    #[test]
    fn our_premodified_allies_are_the_allies() {
        // Regression: "our Afghan allies" read as the speaker's stance toward Afghanistan.
        let r = label("Americans welcome our Japan allies.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("The United States and its NATO allies met.");
        assert_eq!(get(&r, "NATO", "USA").map(|r| r.label), Some(2), "{:?}", pairs(&r));
        assert!(get(&r, "USA", "NATO").is_none());
    }

    #[test]
    fn coordinated_pro_adjectives_and_set_phrases_are_not_stances() {
        // Regressions from the White House corpus: "pro-China, anti-American regulations" is no
        // country's line; "To that end," negates nothing; "with" is no frame for a hostile cue.
        let r = label("Canada rescinded the pro-China, anti-American energy regulations.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("To that end, the United States and its allies, Japan and Canada, met.");
        assert!(r.iter().all(|r| !r.negated), "{:?}", pairs(&r));
        let r = label("Poland stands with our Japan allies to end the threat of a nuclear Iran.");
        assert!(get(&r, "POL", "JPN").is_none_or(|r| r.label > 0), "{:?}", pairs(&r));
    }

    #[test]
    fn ending_a_war_and_lifting_sanctions_are_not_stances_toward_the_victim() {
        // Regressions from the White House corpus.
        let r = label("The United States wants to end the war in Ukraine.");
        assert!(r.is_empty(), "{:?}", pairs(&r));
        let r = label("Japan is lifting sanctions on Russian assets.");
        assert_eq!(get(&r, "JPN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
        let r = label("Japan aims to deter countries from supporting Russia.");
        assert!(get(&r, "JPN", "RUS").is_none(), "{:?}", pairs(&r));
    }
}
