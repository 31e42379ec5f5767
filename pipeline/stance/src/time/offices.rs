//! Time from offices: a stance framed by a leader's term covers the years of
//! that term, and a named change of leader ends the earlier stances at the turn.
//!
//! * "Under the Kirchners' leadership, …", "During Bolsonaro's presidency, …",
//!   "under the leadership of President X", "during the Obama administration",
//!   "Under Putin, …": the stances of the sentence cover the leader's term
//!   (a family in the plural, "the Kirchners", covers the joined terms of the
//!   family's leaders).
//! * "Since Petro took office, …", "since X's election": from the term's first year on.
//! * "Before X came to power, …": the years before the term.
//! * "When / after X took office, …": a turn. The sentence's stances run from the
//!   term's first year; the stances of the same country in the paragraph's earlier
//!   sentences that run past the turn (a past stance placed in the year before the
//!   document's, an open span) end in the last year before it; a "former" stance of that
//!   country later in the paragraph ("from a former friend of Russia") covers the
//!   predecessor's term. A stance in the present or undated one stays in the document's time.
//!
//! A sentence that names a year itself ("During Correa's presidency (2007–2017)")
//! keeps its own years. A term covers the years it holds at least a quarter of: a
//! term begun on 10 December 2023 leaves 2023 to its predecessor and counts from 2024;
//! one begun on 7 August 2022 counts from 2022; one ended on 1 January 2023 ends in 2022.
//!
//! The terms come from the caller (the knowledge base), so this crate stays free
//! of it: see [`OfficeQuery`].

use crate::discourse::paragraph_start;
use crate::DocView;
use orbita_text::{Date, EntityKind, Mention, StanceRecord};

/// What [`place_by_offices`] asks the knowledge base.
#[derive(Clone, Copy, Debug)]
pub enum OfficeQuery<'m> {
    /// The leader-role terms of the person (or family) a mention names.
    Terms(&'m Mention),
    /// The leader-role term of `country` that ended at a turn on `date` (the predecessor's).
    Predecessor {
        /// ISO alpha-3 of the country.
        country: &'m str,
        /// The first day of the new leader's term.
        date: Date,
    },
}

/// The answer to an [`OfficeQuery`]: terms `(first day, first day out of office)`, `None` while in office.
pub type TermsOf<'a> = dyn Fn(OfficeQuery<'_>) -> Vec<(Date, Option<Date>)> + 'a;

/// Nouns of a leader's time in office ("the Kirchners' leadership", "the Obama administration").
const OFFICE_NOUNS: &[&str] = &[
    "leadership", "presidency", "presidencies", "rule", "government", "governments", "administration", "administrations",
    "tenure", "term", "terms", "premiership", "reign", "era", "regime", "years", "mandate", "chancellorship",
];
/// Nouns of a leader's arrival ("since X's election").
const ARRIVAL_NOUNS: &[&str] = &["election", "inauguration", "arrival", "accession", "rise", "victory", "return"];
/// Verb phrases of taking office, after the name ("took office", "came to power").
const TOOK_OFFICE: &[&[&str]] = &[
    &["took", "office"], &["took", "power"], &["took", "over"], &["came", "to", "power"], &["came", "into", "office"],
    &["come", "to", "power"], &["assumed", "office"], &["assumed", "power"], &["assumed", "the", "presidency"],
    &["entered", "office"], &["was", "elected"], &["was", "inaugurated"], &["was", "sworn", "in"], &["became", "president"],
    &["became", "prime", "minister"], &["returned", "to", "power"], &["returned", "to", "office"], &["won", "the", "election"],
    &["won", "the", "presidency"], &["took", "the", "helm"],
];
/// Words skipped between a frame word and the name: articles, and lower-case
/// title words ("under the late president X").
const SKIPPED: &[&str] = &["the", "late", "former", "then", "then-president", "president", "prime", "minister", "his", "her"];

/// Words that open a frame before the name.
const FRAME_WORDS: &[&str] = &["under", "during", "throughout", "since", "when", "after", "before", "once", "of"];
/// Lower-case words that are no descriptor of the name: "pressure from X", "talks with X".
const FUNCTION_WORDS: &[&str] = &[
    "from", "by", "with", "to", "against", "on", "at", "for", "in", "into", "and", "or", "but", "that", "which", "who", "as",
    "than", "whom", "whose", "while", "if", "not", "no", "a", "an",
];
/// Words that mark a stance as held before ("a former friend", "its erstwhile ally").
const EARLIER: &[&str] = &["former", "previous", "erstwhile", "one-time", "onetime", "old", "past", "ex"];

/// A word or punctuation mark of the sentence.
#[derive(Clone, Copy, Debug)]
struct W<'t> {
    text: &'t str,
}

impl W<'_> {
    fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }
    fn lower_in(&self, list: &[&str]) -> bool {
        list.iter().any(|w| self.is(w))
    }
    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Words and punctuation marks of `text[range]` (whitespace dropped); an apostrophe is its own token.
fn words(text: &str, range: std::ops::Range<usize>) -> Vec<W<'_>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            // A word, with inner hyphens ("then-president").
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() || (d == '-' && s[j + 1..].chars().next().is_some_and(char::is_alphanumeric)) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(W { text: &s[i..end] });
        } else if !c.is_whitespace() {
            out.push(W { text: &s[i..i + c.len_utf8()] });
        }
    }
    out
}

fn is_apostrophe(w: &W) -> bool {
    matches!(w.text, "'" | "’")
}

/// The first year-shaped number (1900–2100) of a sentence, if any: "in 2023", "(2007–2017)", "the 2010s".
fn year_in(ws: &[W]) -> Option<i32> {
    ws.iter().find_map(|w| {
        let d = w.text.strip_suffix('s').unwrap_or(w.text);
        (d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.parse::<i32>().ok()).flatten().filter(|y| (1900..=2100).contains(y))
    })
}

/// How a sentence places its stances relative to a leader's term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    /// "Under X's leadership", "during X's presidency": the term.
    Term,
    /// "Since X took office": from the term's start.
    Since,
    /// "Before X came to power": the years before it.
    Before,
    /// "When / after X took office": a turn at the term's start.
    Turn,
}

/// What follows the name: a possessive office noun, a bare office noun, an arrival, a took-office phrase, a comma.
fn after_name(after: &[W]) -> (bool, bool, bool, bool) {
    let mut k = 0;
    // Possessive: "X's", "X’s", "Xs'" (the apostrophe after a plural), "X'".
    if after.first().is_some_and(is_apostrophe) {
        k = if after.get(1).is_some_and(|w| w.is("s")) { 2 } else { 1 };
    }
    let noun = after.get(k).is_some_and(|w| w.lower_in(OFFICE_NOUNS))
        || (after.get(k).is_some_and(|w| w.text.chars().all(char::is_lowercase)) && after.get(k + 1).is_some_and(|w| w.lower_in(OFFICE_NOUNS)));
    let arrival = k > 0 && after.get(k).is_some_and(|w| w.lower_in(ARRIVAL_NOUNS));
    let took = k == 0
        && TOOK_OFFICE.iter().any(|p| p.len() <= after.len() && p.iter().zip(after).all(|(a, w)| w.is(a)))
        || (k == 0 && after.first().is_some_and(|w| w.is("had") || w.is("has")) && TOOK_OFFICE.iter().any(|p| {
            // "since X has come to power", "when X had taken office"
            let rest = &after[1..];
            p.len() <= rest.len() && rest[0].lower_in(&["taken", "come", "assumed", "entered", "returned", "won", "been"]) && p[1..].iter().zip(&rest[1..]).all(|(a, w)| w.is(a))
        }));
    let comma = after.first().is_some_and(|w| w.text == ",");
    (noun, arrival, took, comma)
}

/// The frame a person mention sets up in its sentence, if any. `before` are the
/// sentence's words before the mention, `after` those after it.
fn frame_of(before: &[W], after: &[W]) -> Option<Frame> {
    // Walk back over titles, given names and articles: "under (the late) President Alberto X".
    let mut k = before.len();
    let (mut skipped, mut lower) = (0, 0);
    while k > 0 && skipped < 5 {
        let w = &before[k - 1];
        let frame_word = w.lower_in(FRAME_WORDS);
        if (w.capitalised() && !frame_word) || w.lower_in(SKIPPED) || w.text == "." {
            k -= 1;
            skipped += 1;
        } else if !frame_word && !w.lower_in(FUNCTION_WORDS) && w.text.chars().all(char::is_lowercase) && lower < 2 {
            // A descriptor: "when liberalist X took office", "under newly elected X".
            k -= 1;
            skipped += 1;
            lower += 1;
        } else {
            break;
        }
    }
    let head = before.get(k.checked_sub(1)?)?;
    let (noun, arrival, took, comma) = after_name(after);
    if head.is("of") {
        // "under the leadership of X", "during the presidency of X", "since the election of X".
        let n = before.get(k.checked_sub(2)?)?;
        let mut j = k - 2;
        while j > 0 && before[j - 1].lower_in(&["the", "his", "her", "their", "wise", "able", "new"]) {
            j -= 1;
        }
        let frame_word = before.get(j.checked_sub(1)?)?;
        if n.lower_in(OFFICE_NOUNS) && frame_word.lower_in(&["under", "during", "throughout"]) {
            return Some(Frame::Term);
        }
        if n.lower_in(ARRIVAL_NOUNS) {
            return match frame_word.text.to_lowercase().as_str() {
                "since" => Some(Frame::Since),
                "before" => Some(Frame::Before),
                "after" => Some(Frame::Turn),
                _ => None,
            };
        }
        return None;
    }
    match head.text.to_lowercase().as_str() {
        "under" if noun || comma => Some(Frame::Term),
        "during" | "throughout" if noun => Some(Frame::Term),
        "since" if took || arrival => Some(Frame::Since),
        "before" if took || arrival => Some(Frame::Before),
        "when" | "after" | "once" if took || arrival => Some(Frame::Turn),
        _ => None,
    }
}

/// The first year of a term begun on `d`: its start year, unless it began in the last quarter
/// (after 1 October), when that year is its predecessor's.
fn first_year(d: Date) -> i32 {
    if (d.month, d.day) > (10, 1) { d.year + 1 } else { d.year }
}

/// The last year of a term whose first day out is `end`: that year, unless the term ended in
/// the first quarter (by 1 April), when the year is its successor's.
fn last_year(end: Date) -> i32 {
    if (end.month, end.day) > (4, 1) { end.year } else { end.year - 1 }
}

/// Joins terms that touch or overlap into blocks of continuous office, in order.
fn blocks(mut terms: Vec<(Date, Option<Date>)>) -> Vec<(Date, Option<Date>)> {
    terms.sort_by_key(|t| t.0);
    let mut out: Vec<(Date, Option<Date>)> = Vec::new();
    for (s, e) in terms {
        match out.last_mut() {
            Some(last) if last.1.is_none_or(|le| s.days_since_epoch() <= le.days_since_epoch() + 1) => {
                last.1 = match (last.1, e) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(if b > a { b } else { a }),
                };
            }
            _ => out.push((s, e)),
        }
    }
    out
}

/// The block a sentence speaks of: the one begun in the sentence's year, else
/// the latest begun by the document's date, else the first.
fn block_for(blocks: &[(Date, Option<Date>)], year: Option<i32>, date: Option<Date>) -> Option<(Date, Option<Date>)> {
    if let Some(y) = year {
        if let Some(b) = blocks.iter().find(|b| b.0.year == y) {
            return Some(*b);
        }
    }
    blocks.iter().rev().find(|b| date.is_none_or(|d| b.0 <= d)).or(blocks.first()).copied()
}

/// The years of a block: (first year, last year or `None` while in office).
fn block_years(b: (Date, Option<Date>)) -> (i32, Option<i32>) {
    let first = first_year(b.0);
    match b.1 {
        None => (first, None),
        Some(e) => {
            let last = last_year(e);
            if last < first { (b.0.year, Some(b.0.year)) } else { (first, Some(last)) }
        }
    }
}

/// Places the stances `recs` of `doc` in the terms of the leaders their
/// sentences name (see the module documentation). `terms` gives a person
/// mention's leader terms; a mention with none sets no frame.
pub fn place_by_offices(doc: &DocView<'_>, recs: &mut [StanceRecord], terms: &TermsOf<'_>) {
    if recs.is_empty() {
        return;
    }
    let mut sentences: Vec<usize> = recs.iter().map(|r| r.sentence).collect();
    sentences.sort_unstable();
    sentences.dedup();
    // Turns found, in order: (sentence, country, first day of the new term).
    let mut turns: Vec<(usize, String, Date)> = Vec::new();
    // A turn may stand in a sentence with no stance of its own: look at every sentence with a
    // person mention in a paragraph that has stances.
    let person = |m: &&Mention| matches!(m.kind, EntityKind::Leader | EntityKind::FormerLeader | EntityKind::Official);
    let mut done_sentence = usize::MAX;
    for m in doc.mentions.iter().filter(person) {
        let si = m.sentence;
        let Some(range) = doc.sentences.get(si).cloned() else { continue };
        if si == done_sentence || m.span.start < range.start || m.span.end > range.end || !doc.text.is_char_boundary(range.start) || !doc.text.is_char_boundary(range.end) {
            continue;
        }
        let has_recs = sentences.binary_search(&si).is_ok();
        let before = words(doc.text, range.start..m.span.start);
        let after = words(doc.text, m.span.end..range.end);
        let Some(frame) = frame_of(&before, &after) else { continue };
        if frame != Frame::Turn && !has_recs {
            continue;
        }
        let all = words(doc.text, range.clone());
        let year = year_in(&all);
        let Some(block) = block_for(&blocks(terms(OfficeQuery::Terms(m))), year, doc.date) else { continue };
        let (first, last) = block_years(block);
        done_sentence = si;
        if frame == Frame::Turn {
            if let Some(c) = &m.country {
                turns.push((si, c.clone(), block.0));
            }
        }
        if year.is_some() {
            continue; // the sentence's own years stand
        }
        let years = match frame {
            Frame::Term => (Some(first), last),
            Frame::Since | Frame::Turn => (Some(first), None),
            Frame::Before => (None, Some(first - 1)),
        };
        for r in recs.iter_mut().filter(|r| r.sentence == si) {
            (r.year_from, r.year_to) = years;
        }
    }
    // A named change of leader ends the earlier stances of that country in the paragraph.
    let past_default = doc.date.map(|d| d.year - 1);
    for (si, country, start) in turns {
        let last = first_year(start) - 1;
        let para = paragraph_start(doc, si);
        let end = paragraph_end(doc, si);
        let predecessor = blocks(terms(OfficeQuery::Predecessor { country: &country, date: start })).last().copied().map(block_years);
        for r in recs.iter_mut().filter(|r| r.sentence >= para && r.sentence <= end && r.actor == country) {
            if r.sentence < si {
                let runs_past = match (r.year_from, r.year_to) {
                    (Some(f), _) if f > last => false,
                    (Some(_), None) => true,
                    (None, Some(t)) => t > last && Some(t) == past_default,
                    (Some(_), Some(t)) => t > last,
                    (None, None) => false,
                };
                if runs_past {
                    r.year_to = Some(last);
                }
            } else if r.year_from.is_none() && (r.year_to.is_none() || r.year_to == past_default) && former(doc, r) {
                // "from a former friend of Russia": the predecessor's time.
                (r.year_from, r.year_to) = match predecessor {
                    Some((f, _)) if f <= last => (Some(f), Some(last)),
                    _ => (None, Some(last)),
                };
            }
        }
    }
}

/// Index of the last sentence of the paragraph holding sentence `si`.
fn paragraph_end(doc: &DocView<'_>, si: usize) -> usize {
    let mut k = si;
    while k + 1 < doc.sentences.len() {
        let gap_start = doc.sentences[k].end.min(doc.sentences[k + 1].start);
        let gap = doc.text.get(gap_start..doc.sentences[k + 1].start).unwrap_or("");
        if gap.matches('\n').count() >= 2 {
            break;
        }
        k += 1;
    }
    k
}

/// Whether the record's cue is marked as held before: "a former friend", "its erstwhile allies".
fn former(doc: &DocView<'_>, r: &StanceRecord) -> bool {
    let Some(sentence) = doc.text.get(r.evidence.clone()) else { return false };
    let Some(at) = sentence.find(r.cue.as_str()).filter(|_| !r.cue.is_empty()) else { return false };
    let before = words(sentence, 0..at);
    before.iter().rev().take(3).any(|w| w.lower_in(EARLIER))
}

#[cfg(test)]
mod tests;
