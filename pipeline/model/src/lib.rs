//! orbita-model: a learned stance labeller beside the rules.
//!
//! [`ModelLabeller`] implements [`orbita_stance::Labeller`]. For every
//! candidate pair of sides in a sentence ([`candidates::candidates`]: the
//! ordered pairs of sides the linker names there, the document's speaker with
//! each named side, the partners of a readout or joint statement acting
//! through "they" or "the leaders", and the pairs the rules found) it reads the rules' signals
//! for the pair (label, cue and its kind, confidence, negation, hedging, how
//! the sides were found) and the words between and around the two sides, and
//! a multinomial logistic regression ([`weights::Weights`]) gives the
//! probability of each label −2…2 and of no stance. A pair whose most
//! probable class is a label becomes a `stances` row; its `confidence` is that
//! probability through the weights' calibration (an isotonic fit of how often
//! out-of-fold rows of that probability were right), or the probability itself
//! when the weights have none.
//!
//! Rows: `cue` is the rules' cue for the pair when they found one, else the
//! words of the lexical feature that weighs most for the label (else `feature`
//! and the name of the feature that weighs most: never empty); `negated`, `hedged`,
//! `year_from`/`year_to` and `attributed_to` are the rules' for the pair when
//! they found one; `actor_via` is the rules' for the pair, else `speaker` for
//! the document's speaker and `anaphor` for a partner acting through a plural
//! subject; `evidence` is the sentence. Rows are ordered by sentence,
//! then in candidate order; one row per pair and sentence.
//!
//! The crate is pure: weights come in as text (`train/weights.tsv`, written
//! by `make train`: `examples/train.rs`), scores are summed in one fixed
//! order, so the output is the same on any thread count.
//!
//! ```
//! use orbita_model::{ModelLabeller, weights::Weights};
//! use orbita_stance::{DocView, Labeller, RuleLabeller};
//! let rules = RuleLabeller::from_files(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nally\t2\tnoun\t0.9\n")]).unwrap();
//! let weights = Weights::parse("orbita-model\t1\ntemperature\t1\nw\tbias\t0\t0\t0\t0\t0\t1\n").unwrap();
//! let model = ModelLabeller::new(rules, weights);
//! let doc = DocView { text: "No countries here.", sentences: &[0..18], mentions: &[], date: None, speaker: None };
//! assert!(model.label(&doc).is_empty());
//! assert_eq!((model.name(), model.version()), ("model", 6));
//! ```

pub mod candidates;
pub mod features;
pub mod metrics;
pub mod train;
pub mod weights;
pub mod words;

pub use candidates::Candidate;
use candidates::{candidates, partners};
pub use features::{CLASSES, NONE};
use features::{fnv1a, Context, Sentence};
use orbita_stance::{DocView, Labeller, RuleLabeller};
use orbita_text::StanceRecord;
use weights::Weights;

/// One scored candidate: the pair, the class probabilities, and the rules' record for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// The pair.
    pub candidate: Candidate,
    /// Probabilities of −2, −1, 0, 1, 2, none.
    pub probabilities: [f64; 6],
}

/// The learned labeller: the rules' signals and the words around each pair, weighed.
pub struct ModelLabeller {
    rules: RuleLabeller,
    context: Context,
    weights: Weights,
}

/// Feature prefixes whose names end in words of the sentence (they make a cue).
const LEXICAL: [&str; 6] = ["btw:", "btw2:", "pre:", "post:", "cw:", "r:cue="];

impl ModelLabeller {
    /// The labeller of `weights`, on top of the rules labeller whose signals it reads.
    pub fn new(rules: RuleLabeller, weights: Weights) -> ModelLabeller {
        ModelLabeller { context: Context::new(rules.lexicon()), rules, weights }
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The rules labeller underneath.
    pub fn rules(&self) -> &RuleLabeller {
        &self.rules
    }

    /// Every candidate of the document with its class probabilities, and the rules' records.
    pub fn score(&self, doc: &DocView<'_>) -> (Vec<Scored>, Vec<StanceRecord>) {
        let rules = self.rules.label(doc);
        let mut out = Vec::new();
        self.each_scored(doc, &rules, |candidate, probabilities, _| out.push(Scored { candidate, probabilities }));
        (out, rules)
    }

    /// Scores every candidate of `doc` in order and hands it to `f` with its probabilities and
    /// its prepared sentence (prepared once per sentence).
    fn each_scored(&self, doc: &DocView<'_>, rules: &[StanceRecord], mut f: impl FnMut(Candidate, [f64; 6], &Sentence)) {
        let mut hashes = Vec::with_capacity(128);
        let mut prepared: Option<(usize, Sentence)> = None;
        let partners = partners(doc);
        for c in candidates(doc, rules, partners.as_ref()) {
            if prepared.as_ref().is_none_or(|(s, _)| *s != c.sentence) {
                prepared = Some((c.sentence, Sentence::new(&self.context, doc, c.sentence, partners.as_ref())));
            }
            let sent = &prepared.as_ref().expect("prepared above").1;
            hashes.clear();
            features::features(&self.context, doc, sent, rules, &c, &mut |f| hashes.push(fnv1a(f)));
            let probabilities = self.weights.probabilities(&mut hashes);
            f(c, probabilities, sent);
        }
    }

    /// The feature names of a candidate, for explanations.
    pub fn feature_names(&self, doc: &DocView<'_>, rules: &[StanceRecord], c: &Candidate) -> Vec<String> {
        let sent = Sentence::new(&self.context, doc, c.sentence, partners(doc).as_ref());
        let mut names = Vec::new();
        features::features(&self.context, doc, &sent, rules, c, &mut |f| names.push(f.to_string()));
        names.sort();
        names.dedup();
        names
    }

    /// The cue of a model row without a rules record: the words of the lexical
    /// feature that weighs most for `class` (the first name on a tie).
    fn cue(&self, doc: &DocView<'_>, sent: &Sentence, rules: &[StanceRecord], c: &Candidate, class: usize) -> String {
        // The feature of highest weight, the alphabetically first name on a tie (as if the names
        // were sorted first), found without collecting the names: among the lexical features, and
        // among all of them for a row that no word of the sentence carries.
        let mut lexical: Option<(f64, String)> = None;
        let mut any: Option<(f64, String)> = None;
        features::features(&self.context, doc, sent, rules, c, &mut |name| {
            let Some(row) = self.weights.row(name) else { return };
            let better = |best: &Option<(f64, String)>| match best {
                None => true,
                Some((w, n)) => row[class] > *w || (row[class] == *w && name < n.as_str()),
            };
            if LEXICAL.iter().any(|p| name.starts_with(*p)) && better(&lexical) {
                lexical = Some((row[class], name.to_string()));
            }
            if better(&any) {
                any = Some((row[class], name.to_string()));
            }
        });
        match (lexical, any) {
            (Some((_, name)), _) => {
                let prefix = LEXICAL.iter().find(|p| name.starts_with(**p)).expect("lexical above");
                name[prefix.len()..].split('&').next().unwrap_or_default().replace('_', " ")
            }
            // Never empty: the cue column is required.
            (None, Some((_, name))) => format!("feature {name}"),
            (None, None) => "feature bias".to_string(),
        }
    }
}

/// The class of the highest probability (no stance on a tie).
pub fn predicted(p: &[f64; 6]) -> usize {
    train::argmax(p)
}

impl Labeller for ModelLabeller {
    fn name(&self) -> &'static str {
        "model"
    }

    fn version(&self) -> u32 {
        // 6: a readout's or joint statement's partners are candidate actors through "they" or "the
        // leaders", a speaker naming itself reads the target's clause, and a demonym before a noun of
        // population is a people ("Ukrainian families"), not the state. 5: the class offsets of the
        // weights decide a pair's class (v4: the plain arg-max).
        6
    }

    fn label(&self, doc: &DocView<'_>) -> Vec<StanceRecord> {
        let rules = self.rules.label(doc);
        let mut out = Vec::new();
        self.each_scored(doc, &rules, |candidate, probabilities, sent| {
            let class = self.weights.decide(&probabilities);
            if class == NONE {
                return;
            }
            let c = &candidate;
            let rule = c.rule.map(|i| &rules[i]);
            let cue = match rule {
                Some(r) => r.cue.clone(),
                None => self.cue(doc, sent, &rules, c, class),
            };
            out.push(StanceRecord {
                sentence: c.sentence,
                actor: c.actor.clone(),
                target: c.target.clone(),
                label: class as i8 - 2,
                confidence: self.weights.calibrate(probabilities[class]),
                cue,
                negated: rule.is_some_and(|r| r.negated),
                hedged: rule.is_some_and(|r| r.hedged),
                year_from: rule.and_then(|r| r.year_from),
                year_to: rule.and_then(|r| r.year_to),
                attributed_to: rule.and_then(|r| r.attributed_to.clone()),
                evidence: doc.sentences[c.sentence].clone(),
                actor_mention: rule.map_or(c.actor_mention, |r| r.actor_mention),
                target_mention: rule.map_or(c.target_mention, |r| r.target_mention),
                // The rules' reading of the actor when they labelled the pair; else the model's
                // candidate: named in the sentence, or the document's speaker.
                actor_via: match rule {
                    Some(r) => r.actor_via,
                    None if c.actor_mention.is_none() && doc.speaker == Some(c.actor.as_str()) => orbita_text::ActorVia::Speaker,
                    // A partner of a readout or joint statement, acting through "they" or "the leaders".
                    None if c.actor_mention.is_none() => orbita_text::ActorVia::Anaphor,
                    None => orbita_text::ActorVia::Named,
                },
            });
        });
        out
    }
}

/// The labeller per kind of document (`auto`): the learned labeller where a document has a speaker
/// (official speech, which it is trained on), the rules elsewhere (news analysis, which the rules
/// were written on).
pub struct BySpeaker {
    model: ModelLabeller,
}

impl BySpeaker {
    /// `model` for documents with a speaker, its rules for the others.
    pub fn new(model: ModelLabeller) -> BySpeaker {
        BySpeaker { model }
    }
}

impl Labeller for BySpeaker {
    fn name(&self) -> &'static str {
        "auto"
    }

    fn version(&self) -> u32 {
        // The model's and the rules' versions move its output too: both are in the name's meaning.
        1000 * self.model.version() + self.model.rules().version()
    }

    fn label(&self, doc: &DocView<'_>) -> Vec<StanceRecord> {
        if doc.speaker.is_some() {
            self.model.label(doc)
        } else {
            self.model.rules().label(doc)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orbita_text::{EntityKind, LinkMethod, Mention};

    fn mention(text: &str, surface: &str, id: &str) -> Mention {
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

    /// Cuba and Russia named in the one sentence `text`: the mentions and the sentence span.
    fn cuba_and_russia(text: &str) -> ([Mention; 2], [std::ops::Range<usize>; 1]) {
        ([mention(text, "Cuba", "CUB"), mention(text, "Russia", "RUS")], [0..text.len()])
    }

    fn model(rows: &str) -> ModelLabeller {
        let rules = RuleLabeller::from_files(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nfriend\t1\tnoun\t0.8\n")]).unwrap();
        ModelLabeller::new(rules, Weights::parse(&format!("orbita-model\t1\ntemperature\t1\n{rows}")).unwrap())
    }

    #[test]
    fn a_pair_becomes_a_row_with_its_probability_and_the_top_word_as_cue() {
        let text = "Cuba stands with Russia.";
        let (ms, sentences) = cuba_and_russia(text);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: None };
        // No stance by default; "with" between the sides lifts +1, "order=at" lifts it further for actor-first.
        let m = model("w\tbias\t0\t0\t0\t0\t0\t1\nw\tbtw:with\t0\t0\t0\t1\t0\t0\nw\torder=at\t0\t0\t0\t1\t0\t0\n");
        let rows = m.label(&doc);
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        assert_eq!((r.actor.as_str(), r.target.as_str(), r.label, r.cue.as_str()), ("CUB", "RUS", 1, "with"));
        // Scores (0, 0, 0, 2, 0, 1): p(+1) = e² / (e² + e + 4).
        let want = 2f64.exp() / (2f64.exp() + 1f64.exp() + 4.0);
        assert!((r.confidence - want).abs() < 1e-12, "{}", r.confidence);
        assert_eq!((r.evidence.clone(), r.actor_mention, r.target_mention), (0..text.len(), Some(0), Some(1)));
    }

    #[test]
    fn a_readouts_partner_acting_through_they_is_a_row_found_by_anaphor() {
        let text = "The President spoke with the Prime Minister of Cuba. They condemned Russia.";
        let mut ms = vec![mention(text, "Cuba", "CUB"), mention(text, "Russia", "RUS")];
        ms[1].sentence = 1;
        let sentences = [0..52, 53..text.len()];
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("USA") };
        // A partner acting through the plural subject, toward a named side, reads as -1.
        let m = model("w	bias	0	0	0	0	0	1
w	a:partner&jt=they	0	3	0	0	0	0
");
        let rows = m.label(&doc);
        assert_eq!(rows.len(), 2, "Cuba toward Russia and toward the speaker: {rows:?}");
        let r = rows.iter().find(|r| r.target == "RUS").expect("CUB→RUS");
        assert_eq!((r.sentence, r.actor.as_str(), r.label, r.actor_via, r.actor_mention), (1, "CUB", -1, orbita_text::ActorVia::Anaphor, None));
    }

    #[test]
    fn a_row_no_word_carries_names_its_top_feature_as_cue() {
        // Only a non-lexical feature ("order=at") lifts +1: the cue names it, never empty.
        let text = "Cuba, Russia.";
        let (ms, sentences) = cuba_and_russia(text);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: None };
        let m = model("w\tbias\t0\t0\t0\t0\t0\t1\nw\torder=at\t0\t0\t0\t3\t0\t0\n");
        let rows = m.label(&doc);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0].label, rows[0].cue.as_str()), (1, "feature order=at"));
    }

    #[test]
    fn the_rules_record_for_the_pair_supplies_cue_and_flags() {
        let text = "Cuba is a friend of Russia.";
        let (ms, sentences) = cuba_and_russia(text);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: None };
        let m = model("w\tbias\t0\t0\t0\t0\t0\t1\nw\tr:lab=1\t0\t0\t0\t3\t0\t0\n");
        let rows = m.label(&doc);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0].label, rows[0].cue.as_str()), (1, "friend"));
        let (scored, rules) = m.score(&doc);
        assert_eq!(rules.len(), 1);
        assert_eq!(scored.len(), 2, "both orders are candidates");
        assert_eq!(predicted(&scored[1].probabilities), NONE, "RUS→CUB has no rules record");
    }

    #[test]
    fn by_speaker_uses_the_model_for_official_speech_and_the_rules_elsewhere() {
        let text = "Cuba stands with Russia.";
        let (ms, sentences) = cuba_and_russia(text);
        // The model reads +1 from "with"; the rules' lexicon here has no cue for it.
        let auto = BySpeaker::new(model("w\tbias\t0\t0\t0\t0\t0\t1\nw\tbtw:with\t0\t0\t0\t3\t0\t0\n"));
        let news = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: None };
        assert!(auto.label(&news).is_empty(), "no speaker: the rules, which read nothing here");
        let speech = DocView { speaker: Some("VEN"), ..news };
        let rows = auto.label(&speech);
        assert!(rows.iter().any(|r| (r.actor.as_str(), r.target.as_str(), r.label) == ("CUB", "RUS", 1)), "{rows:?}");
        assert_eq!((auto.name(), auto.version()), ("auto", 6005));
    }
}
