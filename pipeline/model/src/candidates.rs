//! Candidate pairs of sides in a sentence: which ordered pairs (actor, target) the model scores.
//!
//! A candidate is an ordered pair of distinct sides of one sentence: every two sides the linker
//! names there (a mention's country, or an organisation's id), the document's speaker with each
//! named side (both ways), the document's partners acting through a plural subject ("They
//! condemned …" in a readout of a call; [`partners`]), and any pair the rules labeller found in the
//! sentence (its sides may come from an anaphor or from `sides.tsv`). Candidates are listed in a
//! fixed order: by sentence, then in order of first mention.

use crate::words::{words, Word};
use orbita_stance::DocView;
use orbita_text::{EntityKind, Mention, StanceRecord};
use rustc_hash::{FxHashMap, FxHashSet};

/// One ordered pair of sides in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Sentence index.
    pub sentence: usize,
    /// Actor side id.
    pub actor: String,
    /// Target side id.
    pub target: String,
    /// The mention (index into the document's mentions) naming the actor in this sentence, if one does.
    pub actor_mention: Option<usize>,
    /// The mention naming the target in this sentence, if one does.
    pub target_mention: Option<usize>,
    /// Index (into the rules' records) of the rules' stance for this pair in this sentence.
    pub rule: Option<usize>,
}

/// The side a mention stands for: its country, else an organisation's id.
pub fn mention_side(m: &Mention) -> Option<&str> {
    match (&m.country, m.kind) {
        (Some(c), _) => Some(c),
        (None, EntityKind::Organisation) => Some(&m.entity_id),
        _ => None,
    }
}

/// The record the evaluation keeps for a pair: the present stance (no year,
/// or a year reaching the document year) before a past one, then the most
/// confident, then the first.
pub fn pick_record(records: &[StanceRecord], idx: &[usize], year: Option<i32>) -> Option<usize> {
    let present = |r: &StanceRecord| match (r.year_to, year) {
        (None, _) => true,
        (Some(t), Some(y)) => t >= y,
        (Some(_), None) => false,
    };
    let mut best: Option<usize> = None;
    for &i in idx {
        let r = &records[i];
        best = match best {
            None => Some(i),
            Some(b) => {
                let o = &records[b];
                let better = (present(r), r.confidence) > (present(o), o.confidence);
                Some(if better { i } else { b })
            }
        };
    }
    best
}

/// Verbs that make an opening sentence the report of a meeting or a call when "with" follows
/// ("President Biden spoke with Prime Minister Frederiksen of Denmark", "met today with"), and
/// nouns that do ("held a call with", "in a meeting with").
const MEETING_WITH: &[&str] = &["met", "meets", "spoke", "speaks", "talked", "call", "meeting", "conversation", "talks"];
/// Verbs whose object is the party met ("hosted Prime Minister Kishida of Japan").
const MEETING_OBJECT: &[&str] = &["hosted", "hosts", "welcomed"];
/// The United Nations is where a speech is given, not a party to it.
const FORUMS: &[&str] = &["UN", "UNGA"];
/// How far into its sentence the meeting verb may stand (after the speaker's titles and name).
const MEETING_WITHIN: usize = 12;
/// Words after which a meeting sentence speaks of its topics, not of who met ("… of Denmark to
/// discuss Russia's build-up").
const MEETING_TOPIC: &[&str] = &["about", "regarding", "concerning", "on", "discuss", "ahead", "following", "amid", "against", "to", "in", "at"];
/// More partners than this and a plural subject no longer says who acts (a summit of twenty).
const MAX_PARTNERS: usize = 4;
/// The opening sentences searched for the meeting or joint statement.
const OPENING: usize = 3;

/// The sides a document has its speaker meet, call or speak together with: a readout ("President
/// Biden spoke with Prime Minister Frederiksen of Denmark. They condemned …") or a joint statement
/// ("The United States and the European Commission are committed to … We reaffirm …").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Partners {
    /// Side ids, in order of first mention; never the speaker.
    pub sides: Vec<String>,
    /// The sentence that names them.
    pub sentence: usize,
    /// Whether the document speaks for them too in the first person: a joint statement, whose
    /// opening has the speaker and them as one subject.
    pub we: bool,
}

/// Whether the text between two mentions joins them as one subject: "and", "or", a comma, or
/// "and" before a title ("Prime Minister Kishida and President Biden").
fn joins(gap: &str) -> bool {
    if coordinates(gap) {
        return true;
    }
    let mut ws = gap.split_whitespace();
    ws.next().is_some_and(|w| w.eq_ignore_ascii_case("and")) && ws.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The document's partners, if its opening names them (see [`Partners`]). The first of the first
/// three sentences that names a side other than the speaker decides:
/// - a joint statement: the speaker's own name joined with others as the sentence's subject, at its
///   start or after "leaders of" ("The United States and Mexico remain …", "We, the leaders of
///   Australia, India, Japan, and the United States, …");
/// - a readout: a word of meeting among the sentence's first twelve words ("met with", "spoke
///   with", "a call with"; "hosted", "welcomed"), and the sides named after "with" (or after the
///   verb that takes them as object) and before the topic or place ("to discuss", "on", "about",
///   "in"), or joined with the speaker's name before it.
///
/// The United Nations is never a partner.
///
/// A document with more than four partners has none, and so has one that addresses someone in the
/// second person before or in that sentence: a readout or a joint statement speaks of its parties,
/// a speech to an assembly opens by addressing its president ("I congratulate you, Sir") and then
/// names its own country beside the president's ("Panama and Suriname entertain excellent
/// relations") without speaking for both.
pub fn partners(doc: &DocView<'_>) -> Option<Partners> {
    let speaker = doc.speaker.filter(|s| !s.is_empty())?;
    let opening = doc.sentences.len().min(OPENING);
    for s in 0..opening {
        let ws = words(doc.text, doc.sentences[s].clone());
        if ws.iter().any(|w| matches!(w.text.as_str(), "you" | "your" | "yours")) {
            return None;
        }
        // Mentions come in text order, so the opening's are the first ones.
        let mut placed: Vec<&Mention> = doc.mentions.iter().take_while(|m| m.sentence < opening).filter(|m| m.sentence == s && mention_side(m).is_some()).collect();
        if !placed.iter().any(|m| mention_side(m) != Some(speaker)) {
            continue;
        }
        placed.sort_by_key(|m| m.span.start);
        let word_at = |byte: usize| ws.iter().position(|w| w.span.end > byte).unwrap_or(ws.len());
        let mut sides: Vec<String> = Vec::new();
        let push = |m: &Mention, sides: &mut Vec<String>| {
            let id = mention_side(m).unwrap_or_default();
            if id != speaker && !sides.iter().any(|x| x == id) {
                sides.push(id.to_string());
            }
        };
        // The run of joined mentions that holds the speaker's name, if any.
        let mut run: Vec<&Mention> = Vec::new();
        for m in &placed {
            let joined = run.last().is_some_and(|p| p.span.end <= m.span.start && joins(&doc.text[p.span.end..m.span.start]));
            if !joined {
                if run.len() > 1 && run.iter().any(|x| mention_side(x) == Some(speaker)) {
                    break;
                }
                run.clear();
            }
            run.push(m);
        }
        let with_speaker = run.len() > 1 && run.iter().any(|x| mention_side(x) == Some(speaker));
        let run_start = run.first().map_or(0, |m| word_at(m.span.start));
        let lead: Vec<&str> = ws[..run_start.min(ws.len())].iter().map(|w| w.text.as_str()).collect();
        let subject = with_speaker && (run_start <= 1 || lead.ends_with(&["leaders", "of"]) || lead.ends_with(&["leaders", "of", "the"]));
        // The word of meeting, and the word after which its parties are named, if any ("with", or
        // the verb itself when they are its object).
        let meeting = ws.iter().take(MEETING_WITHIN).enumerate().find_map(|(i, w)| {
            let t = w.text.as_str();
            if MEETING_OBJECT.contains(&t) {
                return Some((i, Some(i)));
            }
            let with = ws.iter().enumerate().skip(i + 1).take(4).find(|(_, n)| n.text == "with").map(|(j, _)| j);
            MEETING_WITH.contains(&t).then_some((i, with))
        });
        if subject {
            for m in run.iter().filter(|m| mention_side(m) != Some(speaker)) {
                push(m, &mut sides);
            }
        } else if let Some((at, anchor)) = meeting {
            if with_speaker && run.last().is_some_and(|m| m.span.end <= ws[at].span.start) {
                for m in run.iter().filter(|m| mention_side(m) != Some(speaker)) {
                    push(m, &mut sides);
                }
            }
            if let Some(anchor) = anchor {
                let from = ws[anchor].span.end;
                let cut = ws[anchor + 1..].iter().find(|w| MEETING_TOPIC.contains(&w.text.as_str())).map_or(usize::MAX, |w| w.span.start);
                for m in placed.iter().filter(|m| m.span.start >= from && m.span.start < cut) {
                    push(m, &mut sides);
                }
            }
        }
        sides.retain(|id| !FORUMS.contains(&id.as_str()));
        if sides.is_empty() || sides.len() > MAX_PARTNERS {
            return None;
        }
        return Some(Partners { sides, sentence: s, we: subject });
    }
    None
}

/// Plural nouns that, after "both", "two", "three" or "four", name the parties of a meeting.
const PARTIES: &[&str] = &["sides", "countries", "governments", "nations", "presidents", "leaders", "delegations", "partners", "ministers"];

/// Where a sentence after the opening of a document with partners has the parties act as one
/// plural subject, and how: "they" among its first four words ("They condemned …", "In addition,
/// they …"), "leaders" among its first five ("The two leaders", "Together the three Leaders"),
/// "both sides", "the two countries"; or, in a joint statement, a first-person plural word. The
/// word index of that subject, and its kind ("they", "leaders", "we").
pub fn joint_subject(ws: &[Word], we: bool) -> Option<(usize, &'static str)> {
    for (i, w) in ws.iter().enumerate().take(5) {
        match w.text.as_str() {
            "they" if i < 4 => return Some((i, "they")),
            "leaders" => return Some((i, "leaders")),
            "both" | "two" | "three" | "four" if ws.get(i + 1).is_some_and(|n| PARTIES.contains(&n.text.as_str())) => return Some((i + 1, "leaders")),
            _ => {}
        }
    }
    if we {
        return ws.iter().position(|w| matches!(w.text.as_str(), "we" | "our" | "us")).map(|i| (i, "we"));
    }
    None
}

/// The candidates of a document, given the rules' records for it and its [`partners`] (computed
/// once by the caller, who hands the same to [`crate::features::Sentence::new`]).
pub fn candidates(doc: &DocView<'_>, rules: &[StanceRecord], partners: Option<&Partners>) -> Vec<Candidate> {
    let year = doc.date.map(|d| d.year);
    let mut by_sentence: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, m) in doc.mentions.iter().enumerate() {
        if mention_side(m).is_some() {
            by_sentence.entry(m.sentence).or_default().push(i);
        }
    }
    let mut rules_by_sentence: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, r) in rules.iter().enumerate() {
        rules_by_sentence.entry(r.sentence).or_default().push(i);
    }
    // Sentences where the document's partners act as one plural subject.
    let mut joint: FxHashSet<usize> = FxHashSet::default();
    if let Some(p) = partners {
        for s in p.sentence + 1..doc.sentences.len() {
            if joint_subject(&words(doc.text, doc.sentences[s].clone()), p.we).is_some() {
                joint.insert(s);
            }
        }
    }
    let mut sentences: Vec<usize> = by_sentence.keys().chain(rules_by_sentence.keys()).chain(joint.iter()).copied().collect();
    sentences.sort_unstable();
    sentences.dedup();
    let mut out = Vec::new();
    for s in sentences {
        // Sides in order of first mention, each with its mentions.
        let mut sides: Vec<(&str, Vec<usize>)> = Vec::new();
        for &mi in by_sentence.get(&s).map(Vec::as_slice).unwrap_or(&[]) {
            let side = mention_side(&doc.mentions[mi]).unwrap_or_default();
            match sides.iter_mut().find(|(id, _)| *id == side) {
                Some((_, ms)) => ms.push(mi),
                None => sides.push((side, vec![mi])),
            }
        }
        let mut pairs: Vec<(String, String, Option<usize>, Option<usize>)> = Vec::new();
        for (a, am) in &sides {
            for (t, tm) in &sides {
                if a != t {
                    let (x, y) = closest(doc.mentions, am, tm);
                    pairs.push((a.to_string(), t.to_string(), Some(x), Some(y)));
                }
            }
        }
        if let Some(sp) = doc.speaker.filter(|sp| !sp.is_empty() && !sides.iter().any(|(id, _)| id == sp)) {
            for (t, tm) in &sides {
                pairs.push((sp.to_string(), t.to_string(), None, Some(tm[0])));
                pairs.push((t.to_string(), sp.to_string(), Some(tm[0]), None));
            }
        }
        // The partners, acting through the plural subject, toward each named side, and both ways
        // with the speaker.
        if let (Some(p), true, Some(sp)) = (partners, joint.contains(&s), doc.speaker) {
            for pid in p.sides.iter().filter(|id| !sides.iter().any(|(x, _)| x == id)) {
                let mut add = |a: &str, t: &str, am: Option<usize>, tm: Option<usize>| {
                    if !pairs.iter().any(|q| q.0 == a && q.1 == t) {
                        pairs.push((a.to_string(), t.to_string(), am, tm));
                    }
                };
                for (t, tm) in sides.iter().filter(|(t, _)| t != pid) {
                    add(pid, t, None, Some(tm[0]));
                }
                let named = sides.iter().find(|(t, _)| *t == sp).map(|(_, tm)| tm[0]);
                add(pid, sp, None, named);
                add(sp, pid, named, None);
            }
        }
        let recs = rules_by_sentence.get(&s).map(Vec::as_slice).unwrap_or(&[]);
        for &ri in recs {
            let r = &rules[ri];
            if r.actor != r.target && !pairs.iter().any(|p| p.0 == r.actor && p.1 == r.target) {
                let here = |m: Option<usize>| m.filter(|&i| doc.mentions.get(i).is_some_and(|m| m.sentence == s));
                pairs.push((r.actor.clone(), r.target.clone(), here(r.actor_mention), here(r.target_mention)));
            }
        }
        for (actor, target, actor_mention, target_mention) in pairs {
            let idx: Vec<usize> = recs.iter().copied().filter(|&i| rules[i].actor == actor && rules[i].target == target).collect();
            let rule = pick_record(rules, &idx, year);
            out.push(Candidate { sentence: s, actor, target, actor_mention, target_mention, rule });
        }
    }
    out
}

/// The two mentions (one from each list) nearest each other; ties go to the first.
fn closest(mentions: &[Mention], a: &[usize], t: &[usize]) -> (usize, usize) {
    let mut best = (a[0], t[0], usize::MAX);
    for &x in a {
        for &y in t {
            let (mx, my) = (&mentions[x].span, &mentions[y].span);
            let d = if mx.end <= my.start { my.start - mx.end } else { mx.start.saturating_sub(my.end) };
            if d < best.2 {
                best = (x, y, d);
            }
        }
    }
    (best.0, best.1)
}

/// Whether the text between two side mentions coordinates them ("and", "or", ", ", ", and", "&").
pub(crate) fn coordinates(gap: &str) -> bool {
    let g = gap.trim().trim_start_matches(',').trim();
    g.is_empty() || g.eq_ignore_ascii_case("and") || g.eq_ignore_ascii_case("or") || g == "&"
}
