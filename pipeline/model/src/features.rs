//! The features the model reads for each candidate pair ([`crate::candidates`]).
//!
//! Features are strings ("btw:allies", "r:lab=2"), emitted in a fixed order
//! to a callback: the trainer collects them, the labeller hashes them
//! ([`fnv1a`]). Binary features only; a name may be emitted twice, the
//! consumer deduplicates.

use crate::candidates::{coordinates, joint_subject, mention_side, Candidate, Partners};
use crate::words::{words, Word};
use orbita_stance::lexicon::{phrase_words, CueKind, Lexicon};
use orbita_stance::DocView;
use orbita_text::{EntityKind, StanceRecord};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// The six classes, in weight-column order: labels −2…2, then no stance.
pub const CLASSES: [&str; 6] = ["-2", "-1", "0", "1", "2", "none"];
/// Index of the "no stance" class.
pub const NONE: usize = 5;

/// The class index of a label −2…2.
pub fn class_of(label: i8) -> usize {
    (label.clamp(-2, 2) + 2) as usize
}

/// The class index of a gold cell ("-2"…"2", "none").
pub fn class_of_str(cell: &str) -> Option<usize> {
    CLASSES.iter().position(|c| *c == cell.trim())
}

/// 64-bit FNV-1a of a feature name: the key of its weights (stable across
/// platforms and runs, unlike `std`'s hasher).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Words after "my"/"our" that make it the speaking state.
const FIRST_PERSON_NOUNS: &[&str] = &["government", "country", "delegation", "nation", "administration", "people", "state"];

/// What the feature extractor needs besides the document: the cue vocabulary
/// and each cue phrase's kind, from the rules' lexicon.
#[derive(Clone, Debug, Default)]
pub struct Context {
    cue_words: FxHashSet<String>,
    /// Words of friendly cues (and of the diplomatic vocabulary below): polarity near a side.
    positive: FxHashSet<String>,
    /// Words of hostile cues (and of the diplomatic vocabulary below).
    negative: FxHashSet<String>,
    cue_kind: FxHashMap<String, &'static str>,
}

fn kind_name(k: CueKind) -> &'static str {
    match k {
        CueKind::Noun => "noun",
        CueKind::State => "state",
        CueKind::Verb => "verb",
        CueKind::Mutual => "mutual",
        CueKind::Camp => "camp",
        CueKind::Pro => "pro",
    }
}

/// Cue words that carry no polarity by themselves ("relations" in "tense relations").
const NEUTRAL: &[&str] = &["relations", "relationship", "ties", "between", "among", "toward", "towards", "from", "into", "closer", "close", "not", "this", "camp", "other", "position"];
/// Diplomatic vocabulary of official speech beside the cue words: friendly.
const POSITIVE: &[&str] = &[
    "grateful", "gratitude", "appreciation", "appreciate", "appreciates", "commend", "commends", "tribute", "welcome", "welcomes",
    "friendly", "brotherly", "sister", "fraternal", "solidarity", "assistance", "help", "generous", "generosity", "commitment",
    "strengthen", "strengthening", "deepen", "deepening", "together", "joint", "bilateral", "shared", "reaffirm", "reaffirmed",
];
/// Diplomatic vocabulary of official speech beside the cue words: hostile.
const NEGATIVE: &[&str] = &[
    "illegal", "unilateral", "occupying", "occupied", "unacceptable", "concern", "concerned", "destabilizing", "destabilising",
    "brutal", "unprovoked", "terrorist", "terrorism", "interference", "accountable", "accountability", "coercion", "provocations",
    "provocative", "undermine", "undermines", "undermining", "malign", "dictatorship", "repression", "crimes", "violated", "violating",
];

/// A crude stem: plural, past and gerund endings off longer words, so "supports", "supported" and
/// "supporting" share a feature.
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 3 && w.ends_with(suf) {
            return &w[..w.len() - suf.len()];
        }
    }
    w
}

/// Nouns of a population after a side's name ("Ukrainian families", "Syrian refugees", "the Afghan
/// people").
const PEOPLE_NOUNS: &[&str] = &[
    "people", "peoples", "families", "children", "refugees", "citizens", "nationals", "civilians", "population", "migrants",
    "workers", "students", "women", "men", "community", "communities", "diaspora", "brothers", "sisters", "friends", "victims",
];

/// Words too common to say anything about a stance on their own.
const STOP: &[&str] = &["the", "a", "an", "of", "to", "and", "in", "on", "with", "for", "by", "as", "its", "their", "is", "are", "be"];

impl Context {
    /// The context of a lexicon: every cue word (stop words aside) and each cue's kind.
    pub fn new(lex: &Lexicon) -> Context {
        let mut ctx = Context::default();
        for c in &lex.cues {
            for w in &c.words {
                if !STOP.contains(&w.as_str()) {
                    ctx.cue_words.insert(w.clone());
                }
            }
            ctx.cue_kind.insert(c.words.join(" "), kind_name(c.kind));
            for w in c.words.iter().filter(|w| !STOP.contains(&w.as_str()) && !NEUTRAL.contains(&w.as_str())) {
                match c.label.signum() {
                    1 => ctx.positive.insert(w.clone()),
                    -1 => ctx.negative.insert(w.clone()),
                    _ => false,
                };
            }
        }
        ctx.positive.extend(POSITIVE.iter().map(|w| w.to_string()));
        ctx.negative.extend(NEGATIVE.iter().map(|w| w.to_string()));
        ctx
    }

    fn kind_of(&self, cue: &str) -> &'static str {
        self.cue_kind.get(&phrase_words(cue).join(" ")).copied().unwrap_or("other")
    }
}

/// A word of a friendly cue or of the friendly diplomatic vocabulary ([`Sentence`] word flags).
const POSITIVE_WORD: u8 = 1;
/// A word of a hostile cue or of the hostile diplomatic vocabulary.
const NEGATIVE_WORD: u8 = 2;
/// A cue word (stop words aside).
const CUE_WORD: u8 = 4;

/// One sentence prepared for feature extraction: its words, what the context knows of each word,
/// and where each mention falls. Prepared once per sentence, shared by its candidates.
pub struct Sentence {
    words: Vec<Word>,
    /// Per word: [`POSITIVE_WORD`], [`NEGATIVE_WORD`], [`CUE_WORD`].
    flags: Vec<u8>,
    /// Numbers of friendly and hostile words in the sentence.
    polarity: (usize, usize),
    /// Index of the first word that is first person, if any ("we", "my Government").
    first_person: Option<usize>,
    /// Number of distinct named sides.
    sides: usize,
    /// Per word: its clause, counted from 0. A clause ends at a comma, semicolon, colon, dash or
    /// bracket, and before a word that opens a subordinate or contrasting clause ("which is why
    /// Andorra has welcomed …", "but").
    clause: Vec<u16>,
    /// Per mention of the sentence (index into the document's mentions): whether it is coordinated
    /// with another side's mention ("X and Y", "X, Y", "X or Y"), and whether that coordination
    /// follows "between" or "among".
    coordinated: FxHashMap<usize, (bool, bool)>,
    /// The plural subject through which the document's partners act here (word index and kind,
    /// [`joint_subject`]), and the partners.
    joint: Option<(usize, &'static str)>,
    partners: Vec<String>,
}

/// Words that open a new clause.
const CLAUSE_OPENERS: &[&str] = &["which", "who", "whom", "whose", "whereas", "while", "but", "although", "though", "because", "since"];

/// Whether the text between two words ends one clause and opens another.
fn breaks_clause(gap: &str) -> bool {
    gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) || gap.contains(" - ")
}


impl Sentence {
    /// Prepares sentence `s` of `doc` under the vocabulary of `ctx`, given the document's
    /// [`partners`].
    pub fn new(ctx: &Context, doc: &DocView<'_>, s: usize, partners: Option<&Partners>) -> Sentence {
        let words = words(doc.text, doc.sentences[s].clone());
        let joint = partners.filter(|p| s > p.sentence).and_then(|p| joint_subject(&words, p.we));
        let partners = match joint {
            Some(_) => partners.map(|p| p.sides.clone()).unwrap_or_default(),
            None => Vec::new(),
        };
        let flags: Vec<u8> = words
            .iter()
            .map(|w| {
                let mut f = 0;
                if ctx.positive.contains(&w.text) {
                    f |= POSITIVE_WORD;
                }
                if ctx.negative.contains(&w.text) {
                    f |= NEGATIVE_WORD;
                }
                if ctx.cue_words.contains(&w.text) {
                    f |= CUE_WORD;
                }
                f
            })
            .collect();
        let count = |flag: u8| flags.iter().filter(|&&f| f & flag != 0).count();
        let polarity = (count(POSITIVE_WORD), count(NEGATIVE_WORD));
        let first_person = words.iter().enumerate().position(|(i, w)| {
            let t = w.text.as_str();
            match t {
                "we" | "us" | "ours" => true,
                "my" | "our" => words.get(i + 1).is_some_and(|n| FIRST_PERSON_NOUNS.contains(&n.text.as_str())) || t == "our",
                _ => false,
            }
        });
        // Side mentions of the sentence in text order.
        let mut placed: Vec<usize> = (0..doc.mentions.len()).filter(|&i| doc.mentions[i].sentence == s && mention_side(&doc.mentions[i]).is_some()).collect();
        placed.sort_by_key(|&i| (doc.mentions[i].span.start, i));
        let mut ids: Vec<&str> = placed.iter().filter_map(|&i| mention_side(&doc.mentions[i])).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut clause = Vec::with_capacity(words.len());
        let mut c: u16 = 0;
        for (i, w) in words.iter().enumerate() {
            if i > 0 && (breaks_clause(&doc.text[words[i - 1].span.end..w.span.start]) || CLAUSE_OPENERS.contains(&w.text.as_str())) {
                c = c.saturating_add(1);
            }
            clause.push(c);
        }
        // Neighbouring side mentions joined by "and"/"or"/"," are coordinated.
        let mut coordinated: FxHashMap<usize, (bool, bool)> = FxHashMap::default();
        for p in placed.windows(2) {
            let (x, y) = (&doc.mentions[p[0]], &doc.mentions[p[1]]);
            if x.span.end > y.span.start || mention_side(x) == mention_side(y) || !coordinates(&doc.text[x.span.end..y.span.start]) {
                continue;
            }
            let before = &doc.text[doc.sentences[s].start..x.span.start];
            let between = before.split_whitespace().rev().take(3).any(|t| {
                let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                t == "between" || t == "among"
            });
            let first = coordinated.entry(p[0]).or_default();
            *first = (true, first.1 || between);
            let second = coordinated.entry(p[1]).or_default();
            *second = (true, second.1 || between);
        }
        Sentence { words, flags, polarity, first_person, sides: ids.len(), clause, coordinated, joint, partners }
    }

    /// The word range [first, last] a byte span covers.
    fn word_range(&self, span: &Range<usize>) -> Option<(usize, usize)> {
        let first = self.words.iter().position(|w| w.span.end > span.start)?;
        let last = self.words.iter().rposition(|w| w.span.start < span.end)?;
        (first <= last).then_some((first, last))
    }
}

/// The digits, as feature-name parts.
const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// A rules label as written in feature names ("-2" … "2").
fn label_name(label: i8) -> std::borrow::Cow<'static, str> {
    match label {
        -2 => "-2".into(),
        -1 => "-1".into(),
        0 => "0".into(),
        1 => "1".into(),
        2 => "2".into(),
        other => other.to_string().into(),
    }
}

/// The name of a polarity: friendly and hostile words (or rows) both present, one of them, or neither.
fn polarity_name(pos: bool, neg: bool) -> &'static str {
    match (pos, neg) {
        (true, true) => "mixed",
        (true, false) => "pos",
        (false, true) => "neg",
        (false, false) => "flat",
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    }
}

/// Emits the features of candidate `c` (in sentence `sent` of `doc`) to `emit`.
/// `rules` are the rules' records for the document.
pub fn features(
    ctx: &Context,
    doc: &DocView<'_>,
    sent: &Sentence,
    rules: &[StanceRecord],
    c: &Candidate,
    emit: &mut dyn FnMut(&str),
) {
    // A feature name is the concatenation of its parts (no formatting machinery: this runs for
    // every word of every candidate).
    let mut buf = String::with_capacity(48);
    let mut f = |parts: &[&str], emit: &mut dyn FnMut(&str)| {
        buf.clear();
        for part in parts {
            buf.push_str(part);
        }
        emit(&buf);
    };
    emit("bias");
    let speaker = doc.speaker.unwrap_or("");
    // --- What the rules say about the pair.
    match c.rule.map(|i| &rules[i]) {
        Some(r) => {
            f(&["r:lab=", &label_name(r.label)], emit);
            f(&["r:kind=", ctx.kind_of(&r.cue)], emit);
            f(&["r:cue=", &r.cue.to_lowercase()], emit);
            f(&["r:conf=", DIGITS[(r.confidence * 5.0).floor().clamp(0.0, 4.0) as usize]], emit);
            if r.negated {
                f(&["r:neg&lab=", &label_name(r.label)], emit);
            }
            if r.hedged {
                emit("r:hedge");
            }
            if r.attributed_to.is_some() {
                emit("r:attr");
            }
            if r.actor_mention.is_none_or(|m| doc.mentions.get(m).is_none_or(|m| m.sentence != c.sentence)) {
                emit("r:actor_context");
            }
            if r.target_mention.is_none_or(|m| doc.mentions.get(m).is_none_or(|m| m.sentence != c.sentence)) {
                emit("r:target_context");
            }
        }
        None => emit("r:lab=none"),
    }
    let in_sentence = rules.iter().filter(|r| r.sentence == c.sentence);
    let mut any = false;
    for r in in_sentence {
        any = true;
        if r.actor == c.target && r.target == c.actor {
            f(&["rev:lab=", &label_name(r.label)], emit);
        } else if r.actor == c.actor && r.target != c.target {
            f(&["r:actor_other=", &label_name(r.label)], emit);
        } else if r.target == c.target && r.actor != c.actor {
            f(&["r:target_other=", &label_name(r.label)], emit);
        } else if r.actor == c.target {
            emit("r:target_acts");
        }
    }
    if any && c.rule.is_none() {
        emit("r:sentence_has_other");
    }
    // What the rules found for the same pair elsewhere in the document: a speech that condemns a
    // side in one sentence seldom befriends it in the next.
    // Per kind (this pair, this pair within two sentences, the reverse pair): friendly and hostile rows.
    let mut elsewhere = [(false, false); 3];
    for r in rules.iter().filter(|r| r.sentence != c.sentence && !r.negated) {
        let k = if r.actor == c.actor && r.target == c.target {
            if r.sentence.abs_diff(c.sentence) <= 2 {
                elsewhere[1].0 |= r.label > 0;
                elsewhere[1].1 |= r.label < 0;
            }
            0
        } else if r.actor == c.target && r.target == c.actor {
            2
        } else {
            continue;
        };
        elsewhere[k].0 |= r.label > 0;
        elsewhere[k].1 |= r.label < 0;
    }
    for (name, (pos, neg)) in ["doc:pair=", "doc:pair_near=", "doc:rev="].into_iter().zip(elsewhere) {
        if pos || neg {
            f(&[name, polarity_name(pos, neg)], emit);
        }
    }
    // --- The sides.
    // A partner of the document acting or addressed through the sentence's plural subject.
    let partner = |m: Option<usize>, id: &str| m.is_none() && sent.partners.iter().any(|p| p == id);
    let (partner_actor, partner_target) = (partner(c.actor_mention, &c.actor), partner(c.target_mention, &c.target));
    if let Some((_, kind)) = sent.joint {
        f(&["jt=", kind], emit);
    }
    for (m, id, role) in [(c.actor_mention, &c.actor, "a"), (c.target_mention, &c.target, "t")] {
        if id == speaker {
            f(&[role, ":speaker"], emit);
        }
        if partner(m, id) {
            f(&[role, ":partner"], emit);
            f(&[role, ":partner&jt=", sent.joint.map_or("", |j| j.1)], emit);
        }
        match m.map(|i| &doc.mentions[i]) {
            Some(m) => {
                // A demonym before a noun of population names a people ("Ukrainian families"), a
                // kind of its own: not the state a demonym otherwise stands for ("Ukrainian forces").
                let people = m.kind == EntityKind::Demonym && sent.word_range(&m.span).and_then(|(_, last)| sent.words.get(last + 1)).is_some_and(|n| PEOPLE_NOUNS.contains(&n.text.as_str()));
                f(&[role, ":kind=", if people { "people" } else { m.kind.as_str() }], emit);
                if m.kind == EntityKind::Organisation {
                    f(&[role, ":org=", &m.entity_id], emit);
                }
            }
            None => f(&[role, ":unnamed"], emit),
        }
    }
    f(&["sides=", DIGITS[sent.sides.min(4)]], emit);
    // --- Where the two sides stand: a named side's mention, or the speaker's first-person word.
    // The speaker stands at its first-person word, else (in a readout) at the plural subject it
    // shares with its partners; a partner at that subject.
    let joint = sent.joint.map(|(i, _)| (i, i));
    let fp = sent.first_person.map(|i| (i, i)).or(joint);
    let pos = |m: Option<usize>, id: &str| -> Option<(usize, usize)> {
        match m {
            Some(i) => sent.word_range(&doc.mentions[i].span),
            None if id == speaker => fp,
            None if partner(m, id) => joint,
            None => None,
        }
    };
    let (pa, pt) = (pos(c.actor_mention, &c.actor), pos(c.target_mention, &c.target));
    let w = &sent.words;
    if let (Some((i, _)), true) = (pa, c.actor_mention.is_none() && (c.actor == speaker || partner_actor)) {
        // The speaker (or a partner) acts through a first-person word or a plural subject: the verb
        // after it carries the stance.
        emit("speaker_first_person");
        for x in w.iter().skip(i + 1).take(3) {
            f(&["fp_next:", &x.text], emit);
        }
    } else if pt.is_some() && c.target_mention.is_none() && (c.target == speaker || partner_target) {
        emit("speaker_first_person_target");
    }
    let speaker_acts = (!speaker.is_empty() && c.actor == speaker) || partner_actor;
    let text_after = |m: Option<usize>| m.map(|i| &doc.text[doc.mentions[i].span.end..doc.sentences[c.sentence].end]);
    for (role, m) in [("a", c.actor_mention), ("t", c.target_mention)] {
        if let Some(after) = text_after(m) {
            if after.starts_with("'s") || after.starts_with("\u{2019}s") || after.starts_with("s'") {
                f(&[role, ":poss"], emit);
            }
        }
    }
    for (role, p) in [("a", pa), ("t", pt)] {
        let Some((first, last)) = p else { continue };
        for k in 1..=3 {
            if let Some(prev) = first.checked_sub(k).and_then(|i| w.get(i)) {
                if matches!(prev.text.as_str(), "by" | "against" | "with" | "toward" | "towards" | "to" | "between" | "of" | "from" | "on") {
                    f(&[role, ":prev", DIGITS[k], "=", &prev.text], emit);
                }
            }
        }
        for k in 1..=2 {
            if let Some(next) = w.get(last + k) {
                if matches!(next.text.as_str(), "regime" | "government" | "people" | "peoples" | "forces" | "authorities" | "s") {
                    f(&[role, ":next=", &next.text], emit);
                }
                // "Ukrainian families", "Syrian refugees": a people, not the state (the guidelines'
                // regimes and peoples).
                if PEOPLE_NOUNS.contains(&next.text.as_str()) {
                    f(&[role, ":people"], emit);
                    if speaker_acts && role == "t" {
                        emit("spk&t:people");
                    }
                }
            }
        }
    }
    // --- The words around each placed side, and the polarity of the words near it: a speaker's
    // stance toward a side is often read only from the side's own neighbourhood ("our friendship
    // with X", "X's occupation of", "grateful to X for").
    for (role, p) in [("a", pa), ("t", pt)] {
        let Some((first, last)) = p else { continue };
        for k in 1..=2 {
            if let Some(x) = first.checked_sub(k).and_then(|i| w.get(i)) {
                f(&[role, ":l", DIGITS[k], "=", stem(&x.text)], emit);
            }
            if let Some(x) = w.get(last + k) {
                f(&[role, ":r", DIGITS[k], "=", stem(&x.text)], emit);
            }
        }
        let lo = first.saturating_sub(6);
        let hi = (last + 7).min(w.len());
        let (mut pos, mut neg) = (0usize, 0usize);
        for (i, x) in w[lo..hi].iter().enumerate() {
            let i = lo + i;
            if i >= first && i <= last {
                continue;
            }
            if sent.flags[i] & POSITIVE_WORD != 0 {
                pos += 1;
                f(&[role, ":near+=", stem(&x.text)], emit);
            }
            if sent.flags[i] & NEGATIVE_WORD != 0 {
                neg += 1;
                f(&[role, ":near-=", stem(&x.text)], emit);
            }
        }
        let pol = polarity_name(pos > 0, neg > 0);
        f(&[role, ":pol=", pol], emit);
        if speaker_acts && role == "t" {
            f(&["spk&t:pol=", pol], emit);
        }
    }
    // --- Coordinated sides ("the conflict between X and Y", "X and Y signed"): a speaker's stance
    // toward one side of a reported pair is rarely stated by the report itself.
    let speaker_target = (!speaker.is_empty() && c.target == speaker && c.target_mention.is_none()) || partner_target;
    for (role, m) in [("a", c.actor_mention), ("t", c.target_mention)] {
        let Some(&(_, between)) = m.and_then(|i| sent.coordinated.get(&i)) else { continue };
        let with_speaker = (speaker_acts && c.actor_mention.is_none() && role == "t") || (speaker_target && role == "a");
        f(&[role, ":coord"], emit);
        if between {
            f(&[role, ":coord_btw"], emit);
        }
        if with_speaker {
            f(&["spk&", role, ":coord"], emit);
            if between {
                f(&["spk&", role, ":coord_btw"], emit);
            }
        }
    }
    // The clauses the two sides stand in, and the polarity of the target's own clause.
    let clause_of = |p: Option<(usize, usize)>| p.map(|(first, _)| sent.clause[first]);
    let (ca, ct) = (clause_of(pa), clause_of(pt));
    if let (Some(x), Some(y)) = (ca, ct) {
        let same = if x == y { "same" } else { "other" };
        f(&["clause=", same], emit);
        if speaker_acts || speaker_target {
            f(&["spk&clause=", same], emit);
        }
    }
    if let Some(y) = ct {
        let in_clause = |flag: u8| (0..w.len()).any(|i| sent.clause[i] == y && sent.flags[i] & flag != 0);
        let pol = polarity_name(in_clause(POSITIVE_WORD), in_clause(NEGATIVE_WORD));
        f(&["tc:pol=", pol], emit);
        if speaker_acts {
            f(&["spk&tc:pol=", pol], emit);
        }
        // A speaker's stance toward a side is read from the words of the side's own clause.
        if speaker_acts {
            let (first, last) = pt.unwrap_or((0, 0));
            for (_, x) in w.iter().enumerate().filter(|(i, _)| sent.clause[*i] == y && (*i < first || *i > last)) {
                if !STOP.contains(&x.text.as_str()) {
                    f(&["spk&tcw:", stem(&x.text)], emit);
                }
            }
        }
    }
    // Two-word neighbourhoods of each placed side ("support for X", "X's aggression against").
    for (role, p) in [("a", pa), ("t", pt)] {
        let Some((first, last)) = p else { continue };
        if first >= 2 {
            f(&[role, ":lb=", stem(&w[first - 2].text), "_", stem(&w[first - 1].text)], emit);
        }
        if last + 2 < w.len() {
            f(&[role, ":rb=", stem(&w[last + 1].text), "_", stem(&w[last + 2].text)], emit);
        }
    }
    {
        let (pos, neg) = sent.polarity;
        f(&["s:pos=", DIGITS[pos.min(2)], "&neg=", DIGITS[neg.min(2)]], emit);
        if speaker_acts {
            f(&["spk&s:pos=", DIGITS[pos.min(2)], "&neg=", DIGITS[neg.min(2)]], emit);
        }
    }
    match (pa, pt) {
        (Some(a), Some(t)) => {
            let (left, right, order) = if a.0 <= t.0 { (a, t, "at") } else { (t, a, "ta") };
            f(&["order=", order], emit);
            let between = if left.1 < right.0 { left.1 + 1..right.0 } else { 0..0 };
            f(&["gap=", bucket(between.len())], emit);
            f(&["gap=", bucket(between.len()), "&", order], emit);
            // The word indices shown: all of a short gap, the first and last six of a long one.
            let shown: Vec<usize> = if between.len() <= 12 {
                between.collect()
            } else {
                between.clone().take(6).chain(between.end - 6..between.end).collect()
            };
            for &i in &shown {
                f(&["btw:", &w[i].text], emit);
                if sent.flags[i] & CUE_WORD != 0 {
                    f(&["btw:", &w[i].text, "&", order], emit);
                }
            }
            for p in shown.windows(2) {
                f(&["btw2:", &w[p[0]].text, "_", &w[p[1]].text], emit);
            }
            for x in w[left.0.saturating_sub(3)..left.0].iter() {
                f(&["pre:", &x.text], emit);
            }
            for x in w.iter().skip(right.1 + 1).take(4) {
                f(&["post:", &x.text], emit);
            }
            // Cue words elsewhere in the sentence, by where they stand, and whether a clause
            // boundary parts them from the nearer side.
            for (i, x) in w.iter().enumerate() {
                if sent.flags[i] & CUE_WORD != 0 && (i < left.0 || i > right.1) {
                    let (side, near) = if i < left.0 { ("before", left.0) } else { ("after", right.1) };
                    f(&["cw:", &x.text, "&", side], emit);
                    if sent.clause[i] != sent.clause[near] {
                        f(&["cwfar:", &x.text, "&", side], emit);
                    }
                }
            }
        }
        _ => {
            emit("geometry=none");
            let placed = ca.or(ct);
            for (i, x) in w.iter().enumerate().filter(|(i, _)| sent.flags[*i] & CUE_WORD != 0) {
                f(&["cw:", &x.text], emit);
                if placed.is_some_and(|c| c != sent.clause[i]) {
                    f(&["cwfar:", &x.text], emit);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidates::{candidates, partners};
    use orbita_text::{LinkMethod, Mention};

    fn mention(text: &str, surface: &str, sentence: usize, id: &str, kind: EntityKind) -> Mention {
        let start = text.find(surface).unwrap();
        Mention {
            sentence,
            span: start..start + surface.len(),
            surface: surface.into(),
            entity_id: id.into(),
            kind,
            country: (kind != EntityKind::Organisation).then(|| id.to_string()),
            method: LinkMethod::Exact,
            confidence: 1.0,
        }
    }

    /// The feature names of the candidate (`actor`, `target`) in sentence `s` of `doc`.
    fn names_of(ctx: &Context, doc: &DocView<'_>, rules: &[StanceRecord], s: usize, actor: &str, target: &str) -> Vec<String> {
        let cands = candidates(doc, rules, partners(doc).as_ref());
        let c = cands.iter().find(|c| c.sentence == s && c.actor == actor && c.target == target).unwrap();
        let sent = Sentence::new(ctx, doc, s, partners(doc).as_ref());
        let mut v = Vec::new();
        features(ctx, doc, &sent, rules, c, &mut |name| v.push(name.to_string()));
        v
    }

    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a 64 test vectors (Fowler, Noll, Vo).
        assert_eq!(fnv1a(""), 0xcbf29ce484222325);
        assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a("foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn candidates_are_ordered_pairs_plus_speaker_pairs() {
        let text = "Cuba and Russia are allies. We condemn NATO.";
        let ms = vec![
            mention(text, "Cuba", 0, "CUB", EntityKind::Country),
            mention(text, "Russia", 0, "RUS", EntityKind::Country),
            mention(text, "NATO", 1, "NATO", EntityKind::Organisation),
        ];
        let sentences = vec![0..27, 28..44];
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("BLR") };
        let got: Vec<(usize, String, String)> = candidates(&doc, &[], partners(&doc).as_ref()).into_iter().map(|c| (c.sentence, c.actor, c.target)).collect();
        let want = [
            (0, "CUB", "RUS"),
            (0, "RUS", "CUB"),
            (0, "BLR", "CUB"),
            (0, "CUB", "BLR"),
            (0, "BLR", "RUS"),
            (0, "RUS", "BLR"),
            (1, "BLR", "NATO"),
            (1, "NATO", "BLR"),
        ];
        assert_eq!(got, want.iter().map(|(s, a, t)| (*s, a.to_string(), t.to_string())).collect::<Vec<_>>());
    }

    #[test]
    fn a_speakers_candidate_knows_its_target_is_one_of_a_reported_pair_and_which_clause_holds_a_cue() {
        let text = "The war is devastating, which is why we welcome the talks between Russia and Ukraine.";
        let ms = vec![mention(text, "Russia", 0, "RUS", EntityKind::Country), mention(text, "Ukraine", 0, "UKR", EntityKind::Country)];
        let sentences = vec![0..text.len()];
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("AND") };
        let mut lex = orbita_stance::lexicon::Lexicon::default();
        lex.cues.push(orbita_stance::lexicon::Cue { words: vec!["war".into()], label: -2, kind: CueKind::Noun, confidence: 0.9 });
        let ctx = Context::new(&lex);
        let sent = Sentence::new(&ctx, &doc, 0, None);
        assert_eq!(sent.clause[..5], [0, 0, 0, 0, 1], "the comma before 'which' opens the second clause");
        let of = |a: &str, t: &str| names_of(&ctx, &doc, &[], 0, a, t);
        let and_ukr = of("AND", "UKR");
        for f in ["t:coord", "t:coord_btw", "spk&t:coord_btw", "spk&tcw:welcome", "spk&tcw:talk", "cw:war&before", "cwfar:war&before"] {
            assert!(and_ukr.contains(&f.to_string()), "{f} missing from {and_ukr:?}");
        }
        assert!(!and_ukr.iter().any(|f| f.starts_with("spk&tcw:war")), "the cue of the other clause is not the target's clause");
        let rus_ukr = of("RUS", "UKR");
        assert!(rus_ukr.contains(&"clause=same".to_string()) && !rus_ukr.iter().any(|f| f.starts_with("spk&")), "{rus_ukr:?}");
    }

    #[test]
    fn the_rules_rows_for_the_pair_elsewhere_in_the_document_are_features() {
        let text = "Cuba condemns Russia. Cuba met Russia.";
        let ms = vec![
            mention(text, "Cuba", 0, "CUB", EntityKind::Country),
            mention(&text[..21], "Russia", 0, "RUS", EntityKind::Country),
            Mention { span: 22..26, ..mention(text, "Cuba", 1, "CUB", EntityKind::Country) },
            Mention { span: 31..37, ..mention(text, "Russia", 1, "RUS", EntityKind::Country) },
        ];
        let sentences = vec![0..21, 22..38];
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: None };
        let rule = StanceRecord {
            sentence: 0,
            actor: "CUB".into(),
            target: "RUS".into(),
            label: -1,
            confidence: 0.8,
            cue: "condemns".into(),
            negated: false,
            hedged: false,
            year_from: None,
            year_to: None,
            attributed_to: None,
            evidence: 5..13,
            actor_mention: Some(0),
            target_mention: Some(1),
            actor_via: orbita_text::ActorVia::Named,
        };
        let rules = vec![rule];
        let ctx = Context::default();
        let v = names_of(&ctx, &doc, &rules, 1, "CUB", "RUS");
        for f in ["doc:pair=neg", "doc:pair_near=neg"] {
            assert!(v.contains(&f.to_string()), "{f} missing from {v:?}");
        }
        let v = names_of(&ctx, &doc, &rules, 1, "RUS", "CUB");
        assert!(v.contains(&"doc:rev=neg".to_string()) && !v.iter().any(|f| f.starts_with("doc:pair")), "{v:?}");
    }

    /// A document of sentences (split at ". ") whose mentions are the given surfaces, each the
    /// first occurrence at or after the previous one.
    fn doc_of<'a>(text: &'a str, surfaces: &[(&str, &str)], sentences: &'a mut Vec<Range<usize>>, ms: &'a mut Vec<Mention>) {
        let mut start = 0;
        for piece in text.split_inclusive(". ") {
            sentences.push(start..start + piece.trim_end().len());
            start += piece.len();
        }
        let mut from = 0;
        for (surface, id) in surfaces {
            let at = from + text[from..].find(surface).unwrap();
            let sentence = sentences.iter().position(|r| r.contains(&at)).unwrap();
            let kind = if id.chars().all(|c| c.is_ascii_uppercase()) && id.len() == 3 { EntityKind::Country } else { EntityKind::Organisation };
            ms.push(Mention { span: at..at + surface.len(), ..mention(text, surface, sentence, id, kind) });
            from = at + surface.len();
        }
    }

    #[test]
    fn a_readout_makes_its_partner_a_side_of_the_plural_subject() {
        let text = "President Lopez spoke today with Prime Minister Holm of Denmark to discuss Russia's build-up. They condemned Russia's aggression against Ukraine. Russia denied it.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(text, &[("Denmark", "DNK"), ("Russia", "RUS"), ("Russia", "RUS"), ("Ukraine", "UKR"), ("Russia", "RUS")], &mut sentences, &mut ms);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("USA") };
        let p = partners(&doc).expect("a call with Denmark");
        assert_eq!((p.sides.as_slice(), p.sentence, p.we), (&["DNK".to_string()][..], 0, false), "Russia is the call's topic, not a party");
        let got: Vec<(usize, String, String)> = candidates(&doc, &[], partners(&doc).as_ref()).into_iter().filter(|c| c.sentence > 0).map(|c| (c.sentence, c.actor, c.target)).collect();
        for want in [(1, "DNK", "RUS"), (1, "DNK", "UKR"), (1, "DNK", "USA"), (1, "USA", "DNK"), (1, "USA", "RUS")] {
            assert!(got.contains(&(want.0, want.1.into(), want.2.into())), "{want:?} missing from {got:?}");
        }
        assert!(!got.iter().any(|c| c.0 == 2 && (c.1 == "DNK" || c.2 == "DNK")), "no plural subject in the third sentence: {got:?}");
        let ctx = Context::default();
        let dnk_rus = names_of(&ctx, &doc, &[], 1, "DNK", "RUS");
        for f in ["a:partner", "a:partner&jt=they", "jt=they", "speaker_first_person", "fp_next:condemned", "btw:condemned"] {
            assert!(dnk_rus.contains(&f.to_string()), "{f} missing from {dnk_rus:?}");
        }
        let usa_rus = names_of(&ctx, &doc, &[], 1, "USA", "RUS");
        assert!(usa_rus.contains(&"speaker_first_person".to_string()) && !usa_rus.contains(&"a:partner".to_string()), "{usa_rus:?}");
    }

    #[test]
    fn a_joint_statement_speaks_for_its_partners_in_the_first_person() {
        let text = "The United States and Mexico remain committed to our partnership. We condemn Russia's war.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(text, &[("United States", "USA"), ("Mexico", "MEX"), ("Russia", "RUS")], &mut sentences, &mut ms);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("USA") };
        assert_eq!(partners(&doc), Some(Partners { sides: vec!["MEX".into()], sentence: 0, we: true }));
        let mex_rus = names_of(&Context::default(), &doc, &[], 1, "MEX", "RUS");
        assert!(mex_rus.contains(&"a:partner&jt=we".to_string()), "{mex_rus:?}");
    }

    #[test]
    fn a_demonym_before_a_noun_of_population_names_a_people() {
        let text = "We have welcomed many Ukrainian families. Ukrainian forces hold the line.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(text, &[("Ukrainian", "UKR"), ("Ukrainian", "UKR")], &mut sentences, &mut ms);
        for m in &mut ms {
            m.kind = EntityKind::Demonym;
        }
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("POL") };
        let ctx = Context::default();
        let people = names_of(&ctx, &doc, &[], 0, "POL", "UKR");
        for f in ["t:kind=people", "t:people", "spk&t:people"] {
            assert!(people.contains(&f.to_string()), "{f} missing from {people:?}");
        }
        let forces = names_of(&ctx, &doc, &[], 1, "POL", "UKR");
        assert!(forces.contains(&"t:kind=demonym".to_string()) && !forces.iter().any(|f| f.contains("people")), "{forces:?}");
    }

    #[test]
    fn a_speech_that_names_others_at_its_opening_has_no_partners() {
        let text = "We thank Sweden for its presidency. They attacked Ukraine.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(text, &[("Sweden", "SWE"), ("Ukraine", "UKR")], &mut sentences, &mut ms);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("NOR") };
        assert_eq!(partners(&doc), None);
        assert!(!candidates(&doc, &[], partners(&doc).as_ref()).iter().any(|c| c.actor == "SWE" && c.sentence == 1));
        // A meeting of five is no pair of partners.
        let many = "President Lopez met with the leaders of Chile, Peru, Brazil, Cuba and Mexico. They condemned Ukraine.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(many, &[("Chile", "CHL"), ("Peru", "PER"), ("Brazil", "BRA"), ("Cuba", "CUB"), ("Mexico", "MEX"), ("Ukraine", "UKR")], &mut sentences, &mut ms);
        let doc = DocView { text: many, sentences: &sentences, mentions: &ms, date: None, speaker: Some("USA") };
        assert_eq!(partners(&doc), None);
        // Those who welcomed the Assembly are its hosts, not the speaker's partners; two countries
        // named together after the opening words are no joint statement.
        for (text, surfaces, speaker) in [
            (
                "I greet the French people who have so hospitably welcomed the General Assembly. They are not moved by the war in Korea.",
                &[("French", "FRA"), ("Korea", "KOR")][..],
                "CSK",
            ),
            ("Let me greet the Assembly. Our countries, Malta and Spain, are united by the sea. We condemn Iraq.", &[("Malta", "MLT"), ("Spain", "ESP"), ("Iraq", "IRQ")][..], "ESP"),
            (
                "Cuba spoke in this hall for the first time since the founding of the United Nations. They have occupied Cuba.",
                &[("Cuba", "CUB"), ("United Nations", "UN"), ("Cuba", "CUB")][..],
                "CUB",
            ),
            ("The Assembly had met in the heart of France. They wished for peace with Mexico.", &[("France", "FRA"), ("Mexico", "MEX")][..], "MEX"),
            (
                "I congratulate you, Sir, on your election. Panama and Suriname entertain excellent relations. We condemn Iraq.",
                &[("Panama", "PAN"), ("Suriname", "SUR"), ("Iraq", "IRQ")][..],
                "SUR",
            ),
        ] {
            let (mut sentences, mut ms) = (Vec::new(), Vec::new());
            doc_of(text, surfaces, &mut sentences, &mut ms);
            let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some(speaker) };
            assert_eq!(partners(&doc), None, "{text}");
        }
        // Partners named with the speaker before the verb of meeting count too.
        let text = "Prime Minister Sato and President Lopez met today in Tokyo. They condemned Russia.";
        let (mut sentences, mut ms) = (Vec::new(), Vec::new());
        doc_of(text, &[("Sato", "JPN"), ("Lopez", "USA"), ("Russia", "RUS")], &mut sentences, &mut ms);
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("USA") };
        assert_eq!(partners(&doc).map(|p| (p.sides, p.we)), Some((vec!["JPN".to_string()], false)));
    }

    #[test]
    fn features_read_the_words_between_and_the_speaker_word() {
        let text = "We stand with Ukraine against Russia's aggression.";
        let ms = vec![mention(text, "Ukraine", 0, "UKR", EntityKind::Country), mention(text, "Russia", 0, "RUS", EntityKind::Country)];
        let sentences = vec![0..text.len()];
        let doc = DocView { text, sentences: &sentences, mentions: &ms, date: None, speaker: Some("POL") };
        let ctx = Context::default();
        let of = |a: &str, t: &str| names_of(&ctx, &doc, &[], 0, a, t);
        let ukr_rus = of("UKR", "RUS");
        for f in ["bias", "r:lab=none", "order=at", "btw:against", "t:prev1=against", "t:poss", "post:aggression"] {
            assert!(ukr_rus.contains(&f.to_string()), "{f} missing from {ukr_rus:?}");
        }
        let pol_rus = of("POL", "RUS");
        for f in ["a:speaker", "a:unnamed", "speaker_first_person", "fp_next:stand", "btw:stand", "btw:with", "btw:ukraine"] {
            assert!(pol_rus.contains(&f.to_string()), "{f} missing from {pol_rus:?}");
        }
    }
}
