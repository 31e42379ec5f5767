//! The entity linker: finds every knowledge-base name in a text with one
//! Aho-Corasick automaton (ASCII case-insensitive, leftmost-longest, diacritic
//! variants registered as extra patterns), checks word boundaries and
//! capitalisation at each match, then disambiguates: blockers ("New Mexico",
//! "Latin America") swallow the names inside them, homonyms ("Georgia",
//! "Jordan", "Washington") are checked against their neighbours and the
//! sentence's cues, and people are resolved by title, earlier full names and
//! the document date.
//!
//! ```
//! use orbita_link::{Kb, Linker};
//! let countries = "id\talpha2\tnumeric\tdisplay\tnames\nMEX\tMX\t484\tMexico\tMexico\n";
//! let blockers = "names\treason\nNew Mexico\tplace\n";
//! let kb = Kb::parse(&[("blockers.tsv", blockers), ("countries.tsv", countries)]).unwrap();
//! let linker = Linker::new(&kb);
//! let text = "Mexico and New Mexico.";
//! let mentions = linker.link(text, &[0..text.len()], None);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!(mentions[0].entity_id, "MEX");
//! ```

use crate::fold::fold;
use crate::kb::{BlockReason, Kb, NameEntry, NameStrength, NameTarget, Office, Person, Standing};
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use orbita_text::{Date, EntityKind, LinkMethod, Mention};
use std::collections::HashMap;
use std::ops::Range;

mod family;
mod titled;

/// Which letters of a matched surface must be upper case.
#[derive(Clone, Debug)]
enum CaseCheck {
    /// No letter (the name is written in lower case, e.g. the cue "county").
    None,
    /// The first capital of the name (after a leading "the") must be upper case.
    First(u16),
    /// An acronym ("US", "NATO", "U.S."): all its letters must be upper case.
    All(Vec<u16>),
}

impl CaseCheck {
    fn of(variant: &str) -> CaseCheck {
        let b = variant.as_bytes();
        let skip = if b.len() > 4 && b[..4].eq_ignore_ascii_case(b"the ") { 4 } else { 0 };
        let letters: Vec<usize> = (skip..b.len()).filter(|&i| b[i].is_ascii_alphabetic()).collect();
        let upper: Vec<u16> = letters.iter().filter(|&&i| b[i].is_ascii_uppercase()).map(|&i| i as u16).collect();
        if letters.len() >= 2 && upper.len() == letters.len() {
            CaseCheck::All(upper)
        } else if let Some(&first) = upper.first() {
            CaseCheck::First(first)
        } else {
            CaseCheck::None
        }
    }

    fn ok(&self, surface: &[u8]) -> bool {
        match self {
            CaseCheck::None => true,
            CaseCheck::First(i) => surface[*i as usize].is_ascii_uppercase(),
            CaseCheck::All(v) => v.iter().all(|&i| surface[i as usize].is_ascii_uppercase()),
        }
    }
}

#[derive(Clone, Debug)]
struct Cand {
    name: u32,
    exact: bool,
    case: CaseCheck,
}

#[derive(Clone, Debug, Default)]
struct Pat {
    len: usize,
    cands: Vec<Cand>,
    /// Shorter patterns that are prefixes of this one, longest first: tried
    /// when this one fails its boundary or case check at a position.
    prefixes: Vec<u32>,
}

/// A match that passed the boundary and case checks, before disambiguation.
#[derive(Clone, Debug)]
struct Raw {
    span: Range<usize>,
    /// Its candidates: a range of [`Matches::cands`].
    cands: Range<u32>,
    /// The name matched with a plural "s" ("Americans", "the Kirchners").
    plural: bool,
}

/// The matches of one text, in order, with their candidates in one vector
/// (not one allocation per match).
struct Matches {
    raws: Vec<Raw>,
    /// (name index, surface equals the KB spelling), match after match.
    cands: Vec<(u32, bool)>,
}

impl Matches {
    fn cands(&self, r: &Raw) -> &[(u32, bool)] {
        &self.cands[r.cands.start as usize..r.cands.end as usize]
    }
}

/// Links knowledge-base entities in text. Built once from a [`Kb`]; `Send +
/// Sync`, so one linker serves many threads.
pub struct Linker {
    /// The automaton over every pattern, run anchored ([`Linker::walk`]).
    dfa: DFA,
    pats: Vec<Pat>,
    /// The first four bytes of every pattern, as a bitset indexed by a hash
    /// of the low five bits of each (see [`start_bit`]; ASCII case does not change them):
    /// most capitalised words begin no name, and this rules them out before
    /// the automaton is run.
    starts: Box<[u64]>,
    /// The same for the four bytes after "the " of the patterns that begin
    /// with "the " ("the west"): most words after a "the " begin no name.
    after_the: Box<[u64]>,
    /// The first byte of every pattern: read for non-ASCII bytes, which the
    /// automaton compares exactly, so that the quotes and dashes of a text
    /// ("’", "“", "—") are passed over at once.
    first_bytes: [bool; 256],
    names: Vec<NameEntry>,
    people: Vec<Person>,
    /// Surnames for the names after a title that the automaton does not link.
    surnames: titled::SurnameIndex,
}

/// Capitalised words that may stand right before a place or a surname
/// without being a given name: function words, titles and calendar words.
const NOT_GIVEN_NAMES: &[&str] = &[
    "A", "About", "Across", "After", "Against", "Also", "Although", "Among", "An", "And", "As", "At", "Because",
    "Before", "Between", "Both", "But", "By", "Dear", "During", "Each", "Either", "For", "From", "Have", "Has",
    "He", "Her", "Here", "His", "How", "I", "If", "In", "Including", "Into", "It", "Its", "Like", "Meanwhile",
    "My", "Neither", "Nor", "Now", "Of", "On", "Or", "Our", "Over", "She", "Since", "So", "Than", "That", "The",
    "Their", "Then", "There", "These", "They", "This", "Those", "Though", "To", "Today", "Toward", "Towards",
    "Under", "Unlike", "Until", "Upon", "Via", "We", "What", "When", "Where", "While", "Why", "With", "Within",
    "Without", "Yet", "Yesterday", "Tomorrow", "Thank", "Thanks", "Welcome", "Visit", "Says", "Said", "Q",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Mr.", "Ms.", "Mrs.", "Dr.", "Sr.", "Jr.", "Gen.", "Sen.", "Rep.", "Gov.", "Pres.", "Amb.", "Lt.", "Col.",
    "President", "Presidents", "ex-President", "Ex-President", "Vice", "Premier", "Chancellor", "Minister",
    "Ministers", "Secretary", "Senator", "Governor", "General", "King", "Queen", "Prince", "Emperor",
    "Ayatollah", "Comrade", "Commander", "Leader", "Chairman", "Chair", "Ambassador", "Mayor", "Speaker",
    "Colonel", "Sheikh", "Sultan", "Emir", "Pope", "Cardinal", "Bishop", "Judge", "Justice", "Candidate",
    "Senators", "Deputy", "Foreign", "Former", "Late", "Excellency", "Majesty", "Highness",
    "Secretary-General", "Sheikh", "Sheik", "Amir", "Crown",
];

/// Words right before a surname that make it a reference to an office holder.
const TITLES: &[&str] = &[
    "president", "presidents", "ex-president", "premier", "chancellor", "minister", "secretary", "senator",
    "sen.", "gen.", "general", "king", "queen", "emperor", "ayatollah", "comrade",
    "commander", "leader", "chairman", "pres.", "president-elect", "co-president", "dictator", "prime",
];

/// Capitalised words that may follow a person's surname without making it
/// part of another name ("the Trump Administration").
const NEXT_OK_PERSON: &[&str] = &[
    "Administration", "Administrations", "Government", "Cabinet", "White", "Era", "Regime", "Presidency",
    "Campaign", "I", "The", "And", "In", "On", "Q", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
];

/// Titles before a homonym place name that make it a person's name.
const PERSON_TITLES: &[&str] = &[
    "President", "Vice", "Minister", "Secretary", "Senator", "Governor", "Mr.", "Mrs.", "Ms.", "Dr.", "Rep.",
    "Sen.", "Gov.", "General", "Gen.", "Judge", "Justice", "Ambassador", "Mayor", "Chairman", "Chair",
    "Commissioner", "Director", "Coach", "Officer", "Sergeant", "Captain", "Professor", "Prof.",
];

/// Lower-case words of US domestic politics and disasters, counted as cues
/// that a homonym such as "Georgia" is the US state.
fn us_domestic_words(sentence: &str) -> usize {
    let lower = sentence.to_ascii_lowercase();
    ["governor", "county", "counties", "statewide", "legislature", "sheriff", "mayor", "runoff", "hurricane",
     "tornado", "wildfire", "tribal", "state law", "state's", "voters", "congressional district"]
        .iter()
        .filter(|w| lower.contains(*w))
        .count()
}

/// Capitalised words that may follow a homonym place name without making it
/// part of another name ("Jordan King Abdullah" but not "Jordan Peterson").
const NEXT_OK: &[&str] = &[
    "King", "Queen", "Prince", "Princess", "President", "Prime", "Minister", "Ministry", "Foreign", "Government",
    "Embassy", "Ambassador", "Army", "Armed", "Navy", "Air", "Defense", "Defence", "Parliament", "Crown",
    "Mission", "Delegation", "Consulate", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "I", "I'm", "I've", "We", "He", "She", "They", "It", "The", "And", "In", "On", "Q",
    "Before", "After", "At", "For", "To", "With", "Or", "Of", "A", "An", "Is", "Are", "Was", "Were", "Has", "Have",
    "Will", "Joint", "Bilateral", "Relations", "Statement", "Summit", "Meeting", "Visit", "Trip", "Talks",
    "Agreement", "Partnership", "Cooperation", "Readout", "Remarks", "Call", "Leaders", "Leader", "Today",
    "Senior", "Officials", "Delegation", "Affairs", "Border", "Forces", "Military", "Security",
];

/// Whether byte `i` of `b` may start a knowledge-base name: an ASCII
/// capital (or one of "@[\]^_", for a cheaper test, ruled out after it), the
/// "t" of "th" (for "the West"), or the lead byte of a non-ASCII character
/// (checked further).
fn may_start_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'@'..=b'_' | 0xC0.. => true,
        b't' => b.get(i + 1) == Some(&b'h'),
        _ => false,
    }
}

/// Index into [`Linker::starts`] of four bytes: a multiplicative hash of
/// their low five bits (the same for an ASCII letter in either case) into
/// 20 bits. A collision only lets a word through to the automaton.
fn start_bit(four: [u8; 4]) -> usize {
    (u32::from_le_bytes(four) & 0x1F1F_1F1F).wrapping_mul(0x9E37_79B1) as usize >> 12
}

/// Sets in `bits` the [`start_bit`] of every four bytes that a text may hold
/// where `key` begins: a key shorter than four bytes allows any byte after it.
fn add_start_bits(bits: &mut [u64], key: &[u8]) {
    let any = |j: usize| key.get(j).map_or(0..=31, |&c| c & 31..=c & 31);
    for b0 in any(0) {
        for b1 in any(1) {
            for b2 in any(2) {
                for b3 in any(3) {
                    let bit = start_bit([b0, b1, b2, b3]);
                    bits[bit >> 6] |= 1 << (bit & 63);
                }
            }
        }
    }
}

/// The first byte at or after `i` that may start a name ([`may_start_at`]),
/// or `b.len()`. Eight bytes at a time: most of a text is lower-case letters.
fn next_may_start(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = b.get(i..i + 9) {
        let x = u64::from_le_bytes(word[..8].try_into().expect("eight bytes"));
        let next = u64::from_le_bytes(word[1..].try_into().expect("eight bytes"));
        // High bit of each byte that is: 0x40 to 0x5F or 0xC0 or more (bit 6
        // set, and bit 7 set or bit 5 clear; exact for every byte); a "t"
        // before an "h" (a zero byte of `th`, exact for the lowest one).
        let capital_or_lead = (x << 1) & (x | !(x << 2)) & HIGH;
        let th = (x ^ (ONES * u64::from(b't'))) | (next ^ (ONES * u64::from(b'h')));
        let th = th.wrapping_sub(ONES) & !th & HIGH;
        let found = capital_or_lead | th;
        if found != 0 {
            // The lowest flagged byte is always a true one.
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !may_start_at(b, i) {
        i += 1;
    }
    i
}

/// The ASCII bytes of word characters ([`is_word_char`]): letters, digits and "_".
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c == b'_' as usize;
        c += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    // General Punctuation ("’", "“", "—") holds no letter or digit: answered
    // without the Unicode tables, as it is the commonest non-ASCII text.
    !GENERAL_PUNCTUATION.contains(&c) && (c.is_alphanumeric() || c == '_')
}

const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Whether the character at byte `i` of `text` is a word character (false
/// at the end), read from a table where it is ASCII.
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&c) if c < 0x80 => ASCII_WORD[c as usize],
        Some(_) => next_char(text, i).is_some_and(is_word_char),
    }
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// The word right before byte `i`, if only spaces separate them (more than
/// one where a wrapped line was indented).
fn prev_word(text: &str, i: usize) -> Option<&str> {
    let before = text[..i].strip_suffix(' ')?.trim_end_matches(' ');
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’')))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let w = &before[start..];
    (!w.is_empty()).then_some(w)
}

/// The word right after byte `i`, if only spaces separate them.
fn next_word(text: &str, i: usize) -> Option<&str> {
    let after = text[i..].strip_prefix(' ')?.trim_start_matches(' ');
    let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    // Byte by byte while the word is ASCII (the same test on ASCII characters).
    let end = match after.bytes().position(|c| !(c.is_ascii_alphanumeric() || c == b'\'')) {
        Some(j) if after.as_bytes()[j] >= 0x80 => after[j..].find(|c| !in_word(c)).map_or(after.len(), |k| j + k),
        Some(j) => j,
        None => after.len(),
    };
    let w = &after[..end];
    (!w.is_empty()).then_some(w)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the line around byte `i` is a headline in Title Case (no
/// lower-case word but short function words), where capitalised neighbours
/// say nothing.
fn in_title_line(text: &str, i: usize) -> bool {
    let lo = text[..i].rfind('\n').map_or(0, |j| j + 1).max(i.saturating_sub(300));
    let hi = text[i..].find('\n').map_or(text.len(), |j| i + j).min(i + 300);
    let (lo, hi) = (floor_char(text, lo), floor_char(text, hi));
    let line = &text[lo..hi];
    let mut words = 0;
    for w in line.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        words += 1;
        let small = ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "with"];
        if w.chars().next().is_some_and(char::is_lowercase) && !small.contains(&w) {
            return false;
        }
    }
    words >= 3
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Edit distance between two short ASCII strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `written` is a spelling of the given name `known` (both folded,
/// lower case): equal, or close for longer names ("ciomara" ~ "xiomara",
/// "jamando" ~ "yamandu").
fn same_given_name(written: &str, known: &str) -> bool {
    if written == known {
        return true;
    }
    let n = written.len().min(known.len());
    let max = if n >= 6 { 2 } else if n >= 4 { 1 } else { 0 };
    max > 0 && edit_distance(written, known) <= max
}

/// `s` with every run of spaces as one space. The scan reads a run of spaces
/// in the text as one ([`Linker::across_space_runs`]), and a run of the
/// automaton stops at the second space of a run: no key may hold two.
fn one_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

impl Linker {
    /// Builds the automaton over every name of `kb` and its spelling variants.
    pub fn new(kb: &Kb) -> Linker {
        let names: Vec<NameEntry> = kb.names().to_vec();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut pats: Vec<Pat> = Vec::new();
        for (ni, entry) in names.iter().enumerate() {
            let mut variants: Vec<String> = vec![entry.text.clone()];
            let folded = fold(&entry.text);
            if folded != entry.text {
                variants.push(folded);
            }
            for v in variants.clone() {
                if v.contains('\'') {
                    variants.push(v.replace('\'', "’"));
                }
                if v.contains('-') && !v.starts_with("Pan-") {
                    variants.push(v.replace('-', " "));
                }
            }
            let mut done: Vec<String> = Vec::new();
            let written = one_space(&entry.text);
            for v in variants {
                // (A run of spaces in a name, or a hyphen spelled as a space beside one, is one space.)
                let v = one_space(&v);
                let key = v.to_ascii_lowercase();
                if done.contains(&key) {
                    continue;
                }
                done.push(key.clone());
                let pi = *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key.clone());
                    pats.push(Pat { len: key.len(), ..Pat::default() });
                    pats.len() - 1
                });
                let exact = v == written;
                pats[pi].cands.push(Cand { name: ni as u32, exact, case: CaseCheck::of(&v) });
            }
        }
        for (pi, key) in keys.iter().enumerate() {
            let mut pre: Vec<u32> = (1..key.len())
                .rev()
                .filter(|&i| key.is_char_boundary(i))
                .filter_map(|i| index.get(&key[..i]).map(|&p| p as u32))
                .collect();
            pre.dedup();
            pats[pi].prefixes = pre;
        }
        let mut starts = vec![0u64; 1 << 14].into_boxed_slice();
        let mut after_the = vec![0u64; 1 << 14].into_boxed_slice();
        for key in &keys {
            let k = key.as_bytes();
            add_start_bits(&mut starts, k);
            // A key that is a beginning of "the " ("the") allows anything after it.
            let n = k.len().min(4);
            if k[..n] == b"the "[..n] {
                add_start_bits(&mut after_the, &k[n..]);
            }
        }
        let mut first_bytes = [false; 256];
        for key in &keys {
            first_bytes[key.as_bytes()[0] as usize] = true;
        }
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&keys)
            .expect("knowledge-base names build an automaton");
        let surnames = titled::SurnameIndex::new(&names);
        Linker { dfa, pats, starts, after_the, first_bytes, names, people: kb.people().to_vec(), surnames }
    }

    /// Number of automaton patterns (names and their spelling variants).
    pub fn pattern_count(&self) -> usize {
        self.pats.len()
    }

    /// Checks pattern `p` at byte `s`: case and end boundary (with a plural
    /// "s" for demonyms). Returns the accepted match, whose candidates it
    /// appends to `cands`.
    fn try_pat(&self, text: &str, s: usize, p: usize, cands: &mut Vec<(u32, bool)>) -> Option<Raw> {
        let pat = &self.pats[p];
        let e = s + pat.len;
        let surface = &text.as_bytes()[s..e];
        let last = surface[surface.len() - 1];
        let plural = if !last.is_ascii_alphanumeric() || !word_char_at(text, e) {
            false
        } else if text.as_bytes()[e] == b's' && !word_char_at(text, e + 1) {
            true
        } else {
            return None;
        };
        // Only demonyms and blockers take a plural "s", and a surname after "the" ("the Kirchners",
        // "the Castros": a family of leaders, see `family_of`).
        let after_the = plural && s >= 4 && text.as_bytes()[s - 4..s].eq_ignore_ascii_case(b"the ");
        let takes_s = |n: u32| match self.names[n as usize].target {
            NameTarget::Entity { kind: EntityKind::Demonym, .. } | NameTarget::Block(_) => true,
            NameTarget::Person { strength, .. } => after_the && strength != NameStrength::Full,
            NameTarget::Entity { .. } => false,
        };
        let from = cands.len();
        for c in &pat.cands {
            if c.case.ok(surface) && (!plural || takes_s(c.name)) {
                cands.push((c.name, c.exact));
            }
        }
        (cands.len() > from).then(|| Raw { span: s..e + usize::from(plural), cands: from as u32..cands.len() as u32, plural })
    }

    /// Candidate matches. Every knowledge-base name starts with a capital
    /// letter or with "the " (checked by [`Kb::parse`]), so the automaton is
    /// run anchored only at word starts that begin with a capital, a
    /// non-ASCII letter or "the": one cheap pass over the bytes, and a few
    /// automaton steps per capitalised word.
    fn scan(&self, text: &str) -> Matches {
        let b = text.as_bytes();
        let n = b.len();
        // Room for a match every 128 bytes (about one in 200 on the White House
        // corpus), so that the vectors seldom grow.
        let room = n / 128;
        let mut out = Matches { raws: Vec::with_capacity(room), cands: Vec::with_capacity(room) };
        let mut i = 0;
        while i < n {
            // Skip bytes that cannot start a name: lower case but the "t" of "th", digits,
            // most punctuation, continuation bytes.
            i = next_may_start(b, i);
            if i >= n {
                break;
            }
            let c = b[i];
            if c >= 0x80 && !self.first_bytes[c as usize] {
                i += 1;
                continue;
            }
            let after_word = i > 0
                && if b[i - 1] < 0x80 {
                    ASCII_WORD[b[i - 1] as usize]
                } else {
                    prev_char(text, i).is_some_and(is_word_char)
                };
            if after_word
                || !match c {
                    b't' => n > i + 4 && &b[i + 1..i + 4] == b"he ",
                    0x80.. => next_char(text, i).is_some_and(char::is_uppercase),
                    c => c.is_ascii_uppercase(),
                }
            {
                i += 1;
                continue;
            }
            // The match at `i`, and a run of two or more spaces where a name
            // may go on: where the automaton stopped at its second space (no
            // name holds two), or where the filters, which read eight bytes,
            // ruled `i` out.
            let (mut accepted, run) = if self.may_begin(b, i) && self.may_follow_the(b, i) {
                let (raw, stop) = self.run_automaton(text, i, &mut out.cands);
                (raw, (stop > i && stop < n && b[stop] == b' ' && b[stop - 1] == b' ').then(|| stop - 1))
            } else {
                (None, b[i + 1..n.min(i + 8)].windows(2).position(|w| w == b"  ").map(|k| i + 1 + k))
            };
            if let Some(longer) = run.and_then(|r| self.across_space_runs(text, i, r, &mut out.cands)) {
                if accepted.as_ref().is_none_or(|r| longer.span.end > r.span.end) {
                    accepted = Some(longer);
                }
            }
            match accepted {
                Some(r) => {
                    i = r.span.end;
                    out.raws.push(r);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The accepted match starting at byte `i` of `text`, if any (its
    /// candidates appended to `cands`).
    fn anchored(&self, text: &str, i: usize, cands: &mut Vec<(u32, bool)>) -> Option<Raw> {
        if !self.may_begin(text.as_bytes(), i) || !self.may_follow_the(text.as_bytes(), i) {
            return None;
        }
        self.run_automaton(text, i, cands).0
    }

    /// [`Linker::anchored`] without its filters: the automaton run at `i`
    /// and the checks of its match, and where the run stopped ([`Linker::walk`]).
    fn run_automaton(&self, text: &str, i: usize, cands: &mut Vec<(u32, bool)>) -> (Option<Raw>, usize) {
        let (longest, stop) = self.walk(text.as_bytes(), i);
        let raw = longest.and_then(|p| {
            std::iter::once(p)
                .chain(self.pats[p].prefixes.iter().map(|&q| q as usize))
                .find_map(|q| self.try_pat(text, i, q, cands))
        });
        (raw, stop)
    }

    /// The automaton run anchored at byte `i` of `b`: the longest pattern
    /// that matches there, and where the run stopped: at the first byte with
    /// which no pattern goes on (every beginning of a pattern keeps the run
    /// alive), or at `b.len()`.
    fn walk(&self, b: &[u8], i: usize) -> (Option<usize>, usize) {
        let dfa = &self.dfa;
        let mut sid = dfa.start_state(Anchored::Yes).expect("the automaton is built for anchored runs");
        let mut longest = None;
        for (k, &c) in b[i..].iter().enumerate() {
            sid = dfa.next_state(Anchored::Yes, sid, c);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return (longest, i + k);
                }
                if dfa.is_match(sid) {
                    // A match state also carries the patterns that end here but
                    // begin after `i` (for unanchored runs): those are passed over.
                    let p = dfa.match_pattern(sid, 0).as_usize();
                    if self.pats[p].len == k + 1 {
                        longest = Some(p);
                    }
                }
            }
        }
        (longest, b.len())
    }

    /// Whether some pattern may begin with the four bytes at `i` (ASCII
    /// case ignored, as the automaton does); true near the end of `b`.
    fn may_begin(&self, b: &[u8], i: usize) -> bool {
        let Some(&four) = b.get(i..i + 4).and_then(|w| <&[u8; 4]>::try_from(w).ok()) else { return true };
        let bit = start_bit(four);
        self.starts[bit >> 6] >> (bit & 63) & 1 != 0
    }

    /// Where the text at `i` is "the " (ASCII case ignored), whether some
    /// pattern may go on with the four bytes after it ([`Linker::after_the`]);
    /// true elsewhere and near the end of `b`.
    fn may_follow_the(&self, b: &[u8], i: usize) -> bool {
        if !b.get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"the ")) {
            return true;
        }
        let Some(&four) = b.get(i + 4..i + 8).and_then(|w| <&[u8; 4]>::try_from(w).ok()) else { return true };
        let bit = start_bit(four);
        self.after_the[bit >> 6] >> (bit & 63) & 1 != 0
    }

    /// A match starting at byte `i` whose words are separated by runs of
    /// spaces in the text ("Saudi\n    Arabia" in indented, wrapped
    /// Markdown): matched on a copy of the next few words with each run
    /// collapsed to one space, and mapped back.
    fn across_space_runs(&self, text: &str, i: usize, r: usize, cands: &mut Vec<(u32, bool)>) -> Option<Raw> {
        const WINDOW: usize = 96;
        let b = text.as_bytes();
        // The first run of spaces after `i` (at `r`) must close the beginning of a name.
        // (The first four bytes are those of the compacted copy only when the
        // run comes after them.)
        if r - i > 48 || r == i || (r - i >= 4 && !self.may_begin(b, i)) {
            return None;
        }
        // With one space, the words up to the run must begin a name.
        if self.walk(&b[..=r], i).1 <= r {
            return None;
        }
        let mut hi = (i + WINDOW).min(b.len());
        if hi < b.len() {
            // End the window between words, so that no word is cut.
            hi = i + b[i..hi].iter().rposition(|&c| c < 0x80 && !c.is_ascii_alphanumeric())?;
        }
        let window = &b[i..hi];
        let mut compact = Vec::with_capacity(window.len());
        let mut map = Vec::with_capacity(window.len() + 1);
        for (j, &c) in window.iter().enumerate() {
            if c == b' ' && compact.last() == Some(&b' ') {
                continue;
            }
            compact.push(c);
            map.push(i + j);
        }
        map.push(hi);
        let compact = std::str::from_utf8(&compact).ok()?;
        let r = self.anchored(compact, 0, cands)?;
        if r.span.end == compact.len() && hi < b.len() {
            return None; // the window may have cut the text
        }
        Some(Raw { span: map[r.span.start]..map[r.span.end - 1] + 1, cands: r.cands, plural: r.plural })
    }

    /// Mentions in `text`, ordered by span start, non-overlapping (longest
    /// match wins), each with `sentence` set to the index of the sentence
    /// (byte ranges from orbita-split) that contains it. `date` is the
    /// document date used to resolve leaders by term.
    pub fn link(&self, text: &str, sentences: &[Range<usize>], date: Option<Date>) -> Vec<Mention> {
        // Hard-wrapped text breaks names over lines ("Indian\nCountry"): match
        // on a copy whose line breaks and tabs are spaces (same byte offsets).
        let original = text;
        let spaced: String;
        let text = if text.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t' | 0xC2)) {
            spaced = spaced_copy(text);
            spaced.as_str()
        } else {
            text
        };
        let raw = self.scan(text);
        let mut out = Vec::new();
        // Person index → start of the latest full-name mention.
        let mut seen_full: HashMap<usize, usize> = HashMap::new();
        for (i, r) in raw.raws.iter().enumerate() {
            let has_entity = raw.cands(r).iter().any(|&(n, _)| self.is_entity(n));
            if in_url_or_path(text, r.span.clone()) {
                continue; // "x.com/Jim_Jordan", "uploads/2025/04/GRANADOS-Chavez.jpg"
            }
            let has_person =
                raw.cands(r).iter().any(|&(n, _)| matches!(self.names[n as usize].target, NameTarget::Person { .. }));
            let mention = if has_entity {
                self.resolve_entity(original, text, sentences, &raw, i, date)
            } else if has_person {
                self.resolve_person(original, text, &raw, r, date, &mut seen_full)
            } else {
                None
            };
            if let Some(mut m) = mention {
                m.sentence = sentence_of(sentences, m.span.start);
                // A name never spans a sentence boundary: where the splitter
                // cut inside one ("THE UNITED STATES OF\n\nAMERICA" in a
                // title block), the match is not a mention of either sentence.
                if sentences.get(m.sentence).is_some_and(|s| m.span.end > s.end || m.span.start < s.start) {
                    continue;
                }
                out.push(m);
            }
        }
        let titled = self.titled_surnames(original, text, &out, date);
        if !titled.is_empty() {
            for mut m in titled {
                m.sentence = sentence_of(sentences, m.span.start);
                if sentences.get(m.sentence).is_some_and(|s| m.span.end <= s.end && m.span.start >= s.start) {
                    out.push(m);
                }
            }
            out.sort_by_key(|m| m.span.start);
        }
        out
    }

    fn is_entity(&self, n: u32) -> bool {
        matches!(self.names[n as usize].target, NameTarget::Entity { .. })
    }

    fn block_reason(&self, raw: &Matches, r: &Raw) -> Option<BlockReason> {
        raw.cands(r).iter().find_map(|&(n, _)| match self.names[n as usize].target {
            NameTarget::Block(b) => Some(b),
            _ => None,
        })
    }

    /// US-domestic and foreign cues among the matches in `range`, except match `skip`.
    fn cues(&self, raw: &Matches, range: Range<usize>, skip: usize) -> (usize, usize) {
        let lo = raw.raws.partition_point(|r| r.span.start < range.start);
        let (mut us, mut foreign) = (0, 0);
        for (j, r) in raw.raws.iter().enumerate().skip(lo) {
            if r.span.start >= range.end {
                break;
            }
            if j == skip {
                continue;
            }
            match self.block_reason(raw, r) {
                Some(BlockReason::UsState | BlockReason::UsCue) => us += 1,
                Some(BlockReason::ForeignCue) => foreign += 1,
                _ => {}
            }
            let is_foreign = raw.cands(r).iter().any(|&(n, _)| {
                let e = &self.names[n as usize];
                !e.flags.us_state
                    && match &e.target {
                        NameTarget::Entity { country, .. } => country.as_deref() != Some("USA"),
                        NameTarget::Person { person, strength } => {
                            *strength == NameStrength::Full && self.people[*person].country != "USA"
                        }
                        NameTarget::Block(_) => false,
                    }
            });
            if is_foreign {
                foreign += 1;
            }
        }
        (us, foreign)
    }

    /// `original` is the text as given (for line structure and surfaces),
    /// `text` the same with line breaks as spaces.
    fn resolve_entity(
        &self,
        original: &str,
        text: &str,
        sentences: &[Range<usize>],
        raw: &Matches,
        i: usize,
        date: Option<Date>,
    ) -> Option<Mention> {
        let r = &raw.raws[i];
        // Only the meanings a name has at the document date ("Russia" is the
        // Soviet Union before 1991-12-26): a name with none then is not linked.
        let mut ents =
            raw.cands(r).iter().copied().filter(|&(n, _)| self.is_entity(n) && self.names[n as usize].valid_at(date));
        let (n, exact) = ents.next()?;
        let entry = &self.names[n as usize];
        let NameTarget::Entity { id, kind, country } = &entry.target else { unreachable!() };
        let distinct = ents.any(|(m, _)| match &self.names[m as usize].target {
            NameTarget::Entity { id: other, .. } => other != id,
            _ => false,
        });
        let mut method = if exact { LinkMethod::Exact } else { LinkMethod::Folded };
        let mut confidence = if exact { 1.0 } else { 0.95 };
        if distinct {
            method = LinkMethod::Ambiguous;
            confidence = 0.5;
        }
        if *kind == EntityKind::Demonym {
            let plural = text[r.span.clone()].ends_with('s'); // "Americans" is people, never a language
            if !plural && names_language(&text[..r.span.start], &text[r.span.end..]) {
                return None; // "Spanish-speaking", "(Speaks Spanish.)"
            }
            if ethnic_compound(text, r.span.clone()) {
                return None; // "Irish-American community"
            }
        }
        let next = next_word(text, r.span.end);
        if matches!(kind, EntityKind::Demonym | EntityKind::Country) && next == Some("Affairs") {
            return None; // "Venezuela Affairs Unit", "Office of Iranian Affairs"
        }
        let place = matches!(kind, EntityKind::Country | EntityKind::Capital | EntityKind::Metonym);
        // A capital before a lower-case treaty word names the thing; a country does not ("the
        // US-Russia summit" is Russia meeting), only before a capitalised one (below).
        if *kind == EntityKind::Capital && names_a_treaty(text, r.span.end, next, TREATY_WORDS) {
            return None; // "the Kigali amendment", "the Minsk agreements", "the Astana format"
        }
        if *kind != EntityKind::Organisation && thing_of_place(text, r.span.start) {
            return None; // "the Treaty of Rome", "the Charter of Paris", "the Congress of Vienna"
        }
        if *kind == EntityKind::Demonym && names_an_organisation(text, r.span.end, next) {
            return None; // "American Egg Board", "American Jewish Committee", "American Climate Corps"
        }
        if (place || *kind == EntityKind::Demonym) && names_a_thing(text, r.span.end, next) {
            return None; // "American Jobs Plan", "Colombia Plan", "the Vilnius Summit", "the Washington Consensus"
        }
        if matches!(kind, EntityKind::Country | EntityKind::Capital) {
            // "Moscow, Idaho", "Panama City, Florida": a town of a US state.
            if let Some(next) = raw.raws.get(i + 1) {
                if &text[r.span.end..next.span.start] == ", "
                    && self.block_reason(raw, next) == Some(BlockReason::UsState)
                {
                    return None;
                }
            }
            // "Atlanta, Georgia", "Seattle, Washington": the state of a US town.
            if i > 0 {
                let prev = &raw.raws[i - 1];
                if &text[prev.span.end..r.span.start] == ", "
                    && matches!(self.block_reason(raw, prev), Some(BlockReason::UsCue | BlockReason::UsState))
                {
                    return None;
                }
            }
        }
        if entry.flags.name || entry.flags.us_state {
            let before = &text.as_bytes()[r.span.start.saturating_sub(9)..r.span.start];
            if before.eq_ignore_ascii_case(b"state of ") {
                return None; // "the state of Washington"
            }
        }
        if entry.flags.name {
            let title_line = in_title_line(original, r.span.start);
            if let Some(w) = prev_word(text, r.span.start) {
                if PERSON_TITLES.contains(&w) {
                    return None; // "Vice President Lima", "Rep. Jordan": a person
                }
                if !title_line && capitalised(w) && !NOT_GIVEN_NAMES.contains(&w) && !self.is_known_word(w) {
                    return None; // "Michael Jordan", "Thanksgiving Turkey"
                }
            }
            if let Some(w) = next {
                if capitalised(w) && !NEXT_OK.contains(&w) && !self.is_known_word(w) {
                    return None; // "Chad Wolf", "Georgia Power", "the West Bank", "Santiago Mayer"
                }
            }
            if text[r.span.end..].starts_with(", who ") {
                return None; // "Jordan, who most recently served as ...": a person
            }
        }
        if entry.flags.us_state {
            // "Dalton, Georgia": a town before the name makes it a US state.
            if let Some(before) = text[..r.span.start].strip_suffix(", ") {
                let w = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                if capitalised(w) && !self.is_known_word(w) && !NOT_GIVEN_NAMES.contains(&w) {
                    return None;
                }
            }
            let sentence = sentence_range(sentences, r.span.start, text.len());
            let (mut us, foreign) = self.cues(raw, sentence.clone(), i);
            us += us_domestic_words(&text[sentence.start.min(text.len())..sentence.end.min(text.len())]);
            let (us, foreign) = if us + foreign == 0 { self.cues(raw, 0..text.len(), i) } else { (us, foreign) };
            if us > foreign {
                return None; // "Governor Kemp toured Georgia"
            } else if foreign > us {
                confidence = f64::min(confidence, 0.9);
            } else {
                method = LinkMethod::Ambiguous;
                confidence = 0.5;
            }
        }
        Some(Mention {
            sentence: 0,
            span: r.span.clone(),
            surface: original[r.span.clone()].to_string(),
            entity_id: id.clone(),
            kind: *kind,
            country: country.clone(),
            method,
            confidence,
        })
    }

    /// Whether a neighbouring capitalised word is itself the name of a place,
    /// people or organisation ("Iraq Jordan" in a list is two countries, not
    /// a person); people's names do not count ("GABRIEL ARIAS MADURO").
    fn is_known_word(&self, w: &str) -> bool {
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        let w = w.trim_end_matches(['.', '\'', '’']);
        if w.is_empty() {
            return false;
        }
        self.walk(w.as_bytes(), 0).0.is_some_and(|p| {
            self.pats[p].len == w.len()
                && self.pats[p]
                    .cands
                    .iter()
                    .any(|c| !matches!(self.names[c.name as usize].target, NameTarget::Person { .. }))
        })
    }

    fn resolve_person(
        &self,
        original: &str,
        text: &str,
        raw: &Matches,
        r: &Raw,
        date: Option<Date>,
        seen_full: &mut HashMap<usize, usize>,
    ) -> Option<Mention> {
        // Strongest strength per person.
        let mut cands: Vec<(usize, NameStrength, bool)> = Vec::new();
        for &(n, exact) in raw.cands(r) {
            if let NameTarget::Person { person, strength } = self.names[n as usize].target {
                match cands.iter_mut().find(|c| c.0 == person) {
                    Some(c) if strength < c.1 => *c = (person, strength, exact),
                    Some(_) => {}
                    None => cands.push((person, strength, exact)),
                }
            }
        }
        let mut via_context = false;
        // The mention's first byte: the surname's, or a given name's before a middle name.
        let mut start = r.span.start;
        if let Some(family) = self.family_of(r, &cands) {
            // "the Kirchners": the family's latest leader by the document date stands for it.
            cands = family;
            via_context = true;
        } else if r.plural {
            return None; // a plural surname that names no one family of leaders
        } else if cands.iter().any(|c| c.1 == NameStrength::Full) {
            cands.retain(|c| c.1 == NameStrength::Full);
            for c in &cands {
                seen_full.insert(c.0, r.span.start);
            }
        } else {
            let prev = prev_word(text, r.span.start);
            let titled = prev.is_some_and(|w| {
                let lw = w.to_lowercase();
                TITLES.contains(&lw.as_str()) || lw.ends_with("-president")
            }) || multiword_title(text, r.span.start).is_some();
            // A capitalised word right before the surname is a given name, unless it
            // is a title, a function word, a place or people, or ends a sentence ("La Paz. Paz").
            let given = |w: &&str| {
                capitalised(w)
                    && !NOT_GIVEN_NAMES.contains(w)
                    && !titled
                    && (w.len() <= 2 || !w.ends_with('.'))
                    && !self.is_known_word(w)
            };
            let spells = |w: &str, c: &(usize, NameStrength, bool)| {
                let w = fold(w.trim_end_matches(['.', '\'', '’'])).to_ascii_lowercase();
                w.len() > 1 && self.people[c.0].given_names.iter().any(|g| same_given_name(&w, g))
            };
            // Where the word `w` ending before byte `end` (spaces between) starts.
            let word_start = |end: usize, w: &str| end - (text[..end].len() - text[..end].trim_end_matches(' ').len()) - w.len();
            if let Some(w) = prev.filter(|w| capitalised(w) && !titled) {
                let is_given = given(&w) && w.len() > 1;
                // A given name stands before the surname: keep the people it may spell.
                let direct: Vec<_> = if is_given { cands.iter().copied().filter(|c| spells(w, c)).collect() } else { Vec::new() };
                if !direct.is_empty() {
                    cands = direct;
                    via_context = true;
                } else {
                    // Or a given name, then a middle name or honorific the knowledge base does not
                    // write: "Sharif Sheikh Ahmed" for Sharif Ahmed.
                    let ws = word_start(r.span.start, w);
                    let first = prev_word(text, ws).filter(given);
                    let middle: Vec<_> = match first {
                        Some(f) => cands.iter().copied().filter(|c| spells(f, c)).collect(),
                        None => Vec::new(),
                    };
                    if let (Some(f), false) = (first, middle.is_empty()) {
                        cands = middle;
                        start = word_start(ws, f);
                        via_context = true;
                    } else if is_given {
                        return None; // "Joaquin Castro", "Melania Trump": someone else
                    }
                }
            }
            if let Some(w) = next_word(text, r.span.end) {
                if capitalised(w) && !NEXT_OK_PERSON.contains(&w) && !self.is_known_word(w) && !in_title_line(original, r.span.start) {
                    return None; // "Martin Luther King", "Biden Cancer Moonshot": another name
                }
            }
            if titled {
                // The title says which office: "President Johnson" is not Boris
                // Johnson, "Chairman Powell" is no one here, "Prime Minister Lee" is
                // not a Korean president.
                let office = title_office(text, r.span.start);
                let fits: Vec<_> = cands.iter().copied().filter(|c| self.people[c.0].held(office)).collect();
                if !fits.is_empty() {
                    cands = fits;
                } else {
                    cands.retain(|c| c.1 != NameStrength::Weak);
                    if cands.is_empty() {
                        return None;
                    }
                }
            }
            let latest = cands.iter().filter_map(|c| seen_full.get(&c.0).copied()).max();
            if let Some(latest) = latest {
                cands.retain(|c| seen_full.get(&c.0) == Some(&latest));
                via_context = true;
            }
            if !titled && !via_context {
                cands.retain(|c| c.1 != NameStrength::Weak);
                if cands.is_empty() {
                    return None; // "Paz" alone
                }
            }
        }
        let (person, method, confidence) = match (cands.len(), date) {
            (1, Some(_)) => {
                let m = if via_context { LinkMethod::Context } else { LinkMethod::Dated };
                (cands[0].0, m, if via_context { 0.85 } else { 0.9 })
            }
            (1, None) => (cands[0].0, LinkMethod::Ambiguous, 0.6),
            (_, Some(d)) => {
                let mut by: Vec<(i32, usize)> =
                    cands.iter().map(|c| (self.people[c.0].distance_days(d), c.0)).collect();
                by.sort();
                if by[0].0 < by[1].0 {
                    let m = if via_context { LinkMethod::Context } else { LinkMethod::Dated };
                    (by[0].1, m, 0.8)
                } else {
                    (by[0].1, LinkMethod::Ambiguous, 0.4)
                }
            }
            (_, None) => (cands[0].0, LinkMethod::Ambiguous, 0.4),
        };
        let next = next_word(text, r.span.end);
        if names_a_treaty(text, r.span.end, next, PERSON_TREATY_WORDS)
            || thing_of_place(text, r.span.start)
            || capitalised_words_end_in(text, r.span.end, next, PERSON_THING_WORDS)
        {
            // "the Bush doctrine", "the King Abdullah Bin Abdulaziz International Centre",
            // "the King Salman Humanitarian Aid and Relief Centre": a thing named after the person.
            return None;
        }
        let p = &self.people[person];
        if date.is_some_and(|d| p.presided_without_state_office(d)) {
            // "Mr. Jan Kavan, President of the General Assembly" (a former foreign minister): the
            // Assembly's president, no state's official at the date.
            return None;
        }
        let kind = match date.map(|d| p.standing(d)) {
            Some(Standing::Leader) => EntityKind::Leader,
            Some(Standing::FormerLeader) => EntityKind::FormerLeader,
            Some(Standing::Official | Standing::Other) => EntityKind::Official,
            None if p.ever_leader() => EntityKind::Leader,
            None => EntityKind::Official,
        };
        Some(Mention {
            sentence: 0,
            span: start..r.span.end,
            surface: original[start..r.span.end].to_string(),
            entity_id: p.id.clone(),
            kind,
            country: Some(p.country.clone()),
            method,
            confidence,
        })
    }
}

/// The text with line breaks and tabs as spaces and each non-breaking space
/// (two bytes) as two spaces: the same byte offsets, so that names broken
/// over lines or glued by U+00A0 match ("Indian\nCountry", "Saudi\u{a0}Arabia").
fn spaced_copy(text: &str) -> String {
    // Built from string slices, so that the copy is not validated again.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for i in memchr::memchr3_iter(b'\n', b'\r', b'\t', text.as_bytes()) {
        out.push_str(&text[copied..i]);
        out.push(' ');
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    if memchr::memmem::find(text.as_bytes(), "\u{a0}".as_bytes()).is_some() {
        out = out.replace('\u{a0}', "  ");
    }
    if memchr::memmem::find(text.as_bytes(), "\u{b7}".as_bytes()).is_some() {
        out = mojibake_a(&out);
    }
    out
}

/// "Ch·vez", "Panam·": text decoded with the wrong code page writes "á" as a middle dot (U+00B7,
/// the same two bytes long). Between two letters of a word it is read as "á"; elsewhere it stays
/// a dot ("Nations·" may be a stray mark).
fn mojibake_a(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for i in memchr::memmem::find_iter(b, "\u{b7}".as_bytes()) {
        let letter_before = i > 0 && b[i - 1].is_ascii_alphabetic();
        let letter_after = b.get(i + 2).is_some_and(u8::is_ascii_lowercase);
        if letter_before && letter_after {
            out.push_str(&text[copied..i]);
            out.push('á');
            copied = i + 2;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether the span lies in a URL, an address or a file path: the
/// whitespace-delimited token around it contains "://", "www.", an e-mail
/// "@", a file extension, or two slashes or more.
fn in_url_or_path(text: &str, span: Range<usize>) -> bool {
    let b = text.as_bytes();
    let lo = b[..span.start].iter().rposition(|&c| c.is_ascii_whitespace()).map_or(0, |j| j + 1);
    let hi = b[span.end..].iter().position(|&c| c.is_ascii_whitespace()).map_or(b.len(), |j| span.end + j);
    if hi - lo > 2000 {
        return false;
    }
    let token = &b[lo..hi];
    // One pass over the token (most are short), not a search per pattern:
    // "://" has two slashes, "www." and the extensions a dot.
    let mut slashes = 0;
    for (j, &c) in token.iter().enumerate() {
        match c {
            b'/' => slashes += 1,
            b'@' => return true,
            b'.' if token[..j].ends_with(b"www")
                || ["jpg", "jpeg", "png", "pdf", "htm", "gif", "svg"].iter().any(|ext| token[j + 1..].starts_with(ext.as_bytes())) =>
            {
                return true
            }
            _ => {}
        }
    }
    slashes >= 2
}

/// Titles of several words that end in a capitalised noun, which the
/// one-word [`TITLES`] test cannot read: "Secretary of State Kerry",
/// "Minister for Foreign Affairs Lavrov". The office they name, if the
/// text before byte `i` ends with one (ASCII case ignored).
fn multiword_title(text: &str, i: usize) -> Option<Office> {
    const MULTI: &[(&str, Office)] = &[
        ("secretary of state", Office::Minister),
        ("minister for foreign affairs", Office::Minister),
        ("minister of foreign affairs", Office::Minister),
        ("minister for external affairs", Office::Minister),
        ("minister of external affairs", Office::Minister),
    ];
    let b = one_space(text[floor_char(text, i.saturating_sub(60))..i].trim_end());
    let b = b.as_bytes();
    MULTI.iter().find(|(t, _)| b.len() >= t.len() && b[b.len() - t.len()..].eq_ignore_ascii_case(t.as_bytes())).map(|&(_, o)| o)
}

/// The office named by the title right before byte `i`.
fn title_office(text: &str, i: usize) -> Office {
    if let Some(office) = multiword_title(text, i) {
        return office;
    }
    // Only the end of the text before the name is read, with runs of spaces as one
    // ("Vice\n    President Harris" in wrapped Markdown is the vice president).
    let before = one_space(text[floor_char(text, i.saturating_sub(60))..i].trim_end());
    let before = before.as_str();
    let ends_with = |s: &str| {
        let b = before.as_bytes();
        b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
    };
    let last = before.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    let last = last.as_str();
    if ends_with("vice president") || last == "vice-president" {
        Office::VicePresident
    } else if ends_with("prime minister") || last == "premier" || last == "chancellor" {
        Office::HeadOfGovernment
    } else if last.contains("president") || last == "pres." {
        Office::President
    } else if ["king", "queen", "emperor"].contains(&last) {
        Office::Monarch
    } else if ["secretary", "minister"].contains(&last) {
        Office::Minister
    } else if ["leader", "dictator", "comrade", "ayatollah"].contains(&last) {
        Office::AnyLeader
    } else {
        Office::None
    }
}

/// Whether the words around a demonym make it the name of a language:
/// "Spanish-speaking", "the French language", "(Speaks Spanish.)",
/// "translated from Russian.", "in Spanish,".
fn names_language(before: &str, after: &str) -> bool {
    // Words are compared ignoring ASCII case, without lower-case copies: a
    // demonym ("American") is among the commonest matches.
    let a = after.as_bytes();
    if ["-speaking", " speaking", "-speaker", " speaker", "-language", " language", " translation", "-dubbed", " creole", " sign language"]
        .iter()
        .any(|p| a.len() >= p.len() && a[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
    {
        return true;
    }
    let prev = before.trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let speak = |w: &str| {
        ["speak", "speaks", "spoke", "spoken", "speaking", "speaker", "speakers", "fluent"].iter().any(|s| w.eq_ignore_ascii_case(s))
    };
    // "speaks French, Russian, German": walk back over a list of capitalised words.
    let window = &before[floor_char(before, before.len().saturating_sub(80))..];
    // "in English, Spanish, and Portuguese": a list with English in it.
    let listed = |w: &str| capitalised(w) || ["and", "or", "in"].contains(&w);
    for w in window.split(|c: char| !(c.is_alphabetic() || c == '-')).rev().filter(|w| !w.is_empty()) {
        if speak(w) || w == "English" {
            return true;
        }
        if !listed(w) {
            break;
        }
    }
    let ahead = &after[..floor_char(after, after.len().min(80))];
    for w in ahead.split(|c: char| !(c.is_alphabetic() || c == '-')).filter(|w| !w.is_empty()) {
        if w == "English" {
            return true;
        }
        if !listed(w) {
            break;
        }
    }
    let ends_phrase = after.chars().next().is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | ':' | '!' | '?'));
    ends_phrase && ["in", "into", "from"].iter().any(|s| prev.eq_ignore_ascii_case(s))
}

/// Whether a demonym is half of an ethnic compound: "Irish-American",
/// "Cuban-Americans", and the "American" after such a first half.
fn ethnic_compound(text: &str, span: Range<usize>) -> bool {
    let after = &text[span.end..];
    if after.starts_with("-American") {
        return true;
    }
    let surface = &text[span.clone()];
    if surface.starts_with("American") {
        if let Some(before) = text[..span.start].strip_suffix('-') {
            let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            return word.len() > 2 && capitalised(word) && (word.ends_with('n') || word.ends_with("sh") || word.ends_with('i') || word.ends_with("se") || word.ends_with('o'));
        }
    }
    false
}

/// Last words of the names of things (laws, programmes, companies,
/// institutions, events) that begin with a country's name or adjective.
const THING_WORDS: &[&str] = &[
    "Act", "Acts", "Plan", "Program", "Programme", "Agenda", "Initiative", "Fund", "Foundation", "Corporation",
    "Company", "Inc", "Inc.", "Corp.", "LLC", "Motors", "Airlines", "Airways", "Museum", "History", "Society",
    "Association", "Institute", "University", "College", "Award", "Awards", "Prize", "Month", "Week", "Cup",
    "League", "Code", "Accounts", "Express", "Idol", "Legion", "Heritage", "Studies", "Literature", "Cuisine",
    "Revolution", "Moonshot", "War", "Wars", "Strait", "Straits", "Peninsula", "Basin",
    // Treaties, texts, meetings and formats named after a place: "the Vilnius Summit",
    // "the Washington Consensus", "the Beijing Platform for Action", "the Rome Statute".
    "Summit", "Agreement", "Agreements", "Accord", "Accords", "Declaration", "Consensus", "Doctrine", "Platform",
    "Statute", "Protocol", "Process", "Format", "Communiqué", "Communique", "Convention", "Charter", "Conference",
    "Round", "Treaty", "Pact", "Principles", "Memorandum", "Roadmap", "Formula", "Framework",
];

/// Last words of the names of things named after a person ("the King Fahd Causeway", "the John F.
/// Kennedy International Airport"); read after a person's name with [`capitalised_words_end_in`],
/// where "and", "of" and "for" may join the capitalised words.
const PERSON_THING_WORDS: &[&str] = &[
    "Centre", "Center", "Foundation", "Institute", "University", "College", "School", "Academy", "Prize", "Award",
    "Airport", "Stadium", "Hospital", "Bridge", "Causeway", "Mosque", "Street", "Avenue", "Boulevard", "Library",
    "Museum", "Highway", "Dam", "Square", "Park", "Station", "Fund", "Programme", "Program", "Initiative",
    "Relief", "Aid", "Memorial", "Lecture", "Award", "Medal", "Trophy", "Cup", "Port", "Canal", "Scholarship",
];

/// Words for a treaty, a text, a meeting or a negotiating format: a place or
/// person's name right before one of them names that thing ("the Minsk
/// agreements", "the Astana format", "the Vilnius Summit", "the Bush
/// doctrine"), not its country acting.
const TREATY_WORDS: &[&str] = &[
    "agreement", "agreements", "accord", "accords", "protocol", "protocols", "amendment", "declaration",
    "convention", "conventions", "format", "process", "principles", "statute", "consensus", "communique",
    "communiqué", "summit", "doctrine", "platform", "charter", "conference", "round", "treaty", "pact",
    "memorandum", "guidelines", "outcome", "framework", "commitment", "roadmap", "formula",
];

/// Words after a person's name that make it the name of a policy or formula
/// ("the Bush doctrine", "the Zelensky peace formula"); a meeting or plan
/// named after a person ("the Trump summit", "the Trump plan") is the person
/// acting.
const PERSON_TREATY_WORDS: &[&str] = &["doctrine", "doctrines", "formula", "principles", "roadmap", "framework"];

/// Whether the word after a name (`next`, any case) is one of `words`, or
/// "peace" followed by one ("the Oslo peace process"); `end` is the end of
/// the name.
fn names_a_treaty(text: &str, end: usize, next: Option<&str>, words: &[&str]) -> bool {
    let is_treaty = |w: &str| words.iter().any(|t| w.eq_ignore_ascii_case(t));
    let Some(w) = next else { return false };
    if is_treaty(w) {
        return true;
    }
    if w.eq_ignore_ascii_case("peace") {
        let after = word_end(text, end, w);
        return next_word(text, after).is_some_and(|v| is_treaty(v) || v.eq_ignore_ascii_case("talks") || v.eq_ignore_ascii_case("plan"));
    }
    false
}

/// Capitalised words that, followed by "of", begin the name of a treaty,
/// text or meeting named after the place after "of": "the Treaty of Rome",
/// "the Charter of Paris", "the Congress of Vienna", "the Final Act of
/// Helsinki".
const THING_OF: &[&str] = &[
    "Treaty", "Treaties", "Declaration", "Charter", "Congress", "Peace", "Protocol", "Protocols", "Statute",
    "Accord", "Accords", "Agreement", "Agreements", "Convention", "Conference", "Summit", "Consensus", "Act",
    "Programme", "Program", "Plan", "Platform", "Process", "Communiqué", "Communique", "Round", "Pact",
    "Document", "Memorandum", "Covenant", "Proclamation", "Manifesto", "Spirit", "Principles", "Appeal",
];

/// Whether the name at `start` follows "<thing word> of " ([`THING_OF`]),
/// as in "the Treaty of Rome".
fn thing_of_place(text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix(" of ") else { return false };
    let w = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    THING_OF.contains(&w)
}

/// Whether a demonym starts the name of a non-governmental body: capitalised
/// words ending in Board, Committee, Corps or Federation. (Not for country
/// names: "U.S. Army Air Corps" is the state's.) `next` is the word after
/// `end`.
fn names_an_organisation(text: &str, end: usize, next: Option<&str>) -> bool {
    capitalised_words_end_in(text, end, next, &["Board", "Committee", "Corps", "Federation", "Society", "Association"])
}

/// Whether the capitalised words right after byte `end` (up to four;
/// `next` is the first, as [`next_word`] reads it) end in one of `last`.
fn capitalised_words_end_in(text: &str, end: usize, next: Option<&str>, last: &[&str]) -> bool {
    let mut pos = end;
    let mut word = next;
    for k in 0..6 {
        let Some(w) = word else { return false };
        // "and", "of", "for" may join the words of a person's thing ("Aid and Relief Centre").
        let joint = std::ptr::eq(last, PERSON_THING_WORDS) && matches!(w, "and" | "of" | "for");
        if !capitalised(w) && !joint {
            return false;
        }
        if last.contains(&w) {
            return true;
        }
        pos = word_end(text, pos, w);
        word = if k < 3 || std::ptr::eq(last, PERSON_THING_WORDS) { next_word(text, pos) } else { None };
    }
    false
}

/// The end of word `w`, which `next_word(text, pos)` returned.
fn word_end(text: &str, pos: usize, w: &str) -> usize {
    pos + (text.len() - pos - text[pos..].trim_start_matches(' ').len()) + w.len()
}

/// Whether a name is followed by capitalised words ending in a thing word:
/// "American Jobs Plan", "American Heart Month", "Colombia Plan". `next` is
/// the word after `end`.
fn names_a_thing(text: &str, end: usize, next: Option<&str>) -> bool {
    capitalised_words_end_in(text, end, next, THING_WORDS)
}

/// Index of the sentence containing byte `pos` (the last one starting at or
/// before it; 0 when there are none).
fn sentence_of(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
}

fn sentence_range(sentences: &[Range<usize>], pos: usize, len: usize) -> Range<usize> {
    if sentences.is_empty() {
        0..len
    } else {
        sentences[sentence_of(sentences, pos)].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mini() -> Linker {
        let countries = "id\talpha2\tnumeric\tdisplay\tnames\nUSA\tUS\t840\tUnited States\tUnited States|US|U.S.\nIND\tIN\t356\tIndia\tIndia\nOMN\tOM\t512\tOman\tOman\nJOR\tJO\t400\tJordan\tJordan\n";
        let names = "id\tkind\tnames\tentity\tflags\nIND\tdemonym\tIndian\nJOR\tcountry\tJordan\t\tname\n";
        let blockers = "names\treason\nIndian Ocean\tthing\n";
        let kb = Kb::parse(&[("blockers.tsv", blockers), ("countries.tsv", countries), ("country_names.tsv", names)])
            .unwrap();
        Linker::new(&kb)
    }

    fn ids(l: &Linker, text: &str) -> Vec<String> {
        l.link(text, &[], None).into_iter().map(|m| m.entity_id).collect()
    }

    #[test]
    fn case_rules_follow_the_kb_spelling() {
        assert!(matches!(CaseCheck::of("U.S."), CaseCheck::All(ref v) if v == &[0, 2]));
        assert!(matches!(CaseCheck::of("the West"), CaseCheck::First(4)));
        assert!(matches!(CaseCheck::of("county"), CaseCheck::None));
        let l = mini();
        assert_eq!(ids(&l, "US troops, but not us."), ["USA"]);
        assert!(ids(&l, "india and oman").is_empty());
    }

    #[test]
    fn word_boundaries_plurals_and_blockers() {
        let l = mini();
        // "Oman" inside "woman", "India" inside "Indiana": no.
        assert!(ids(&l, "A woman from Indiana.").is_empty());
        assert_eq!(ids(&l, "Indians and the Indian Ocean."), ["IND"]);
        assert_eq!(ids(&l, "India's and Oman's."), ["IND", "OMN"]);
        // The plural "s" is for demonyms only.
        assert!(ids(&l, "Omans").is_empty());
        // A rejected longest match falls back to a shorter name at the same start.
        assert_eq!(ids(&l, "U.S.-India talks"), ["USA", "IND"]);
    }

    #[test]
    fn neighbours_of_homonyms() {
        let l = mini();
        assert!(ids(&l, "He met Michael Jordan.").is_empty());
        assert!(ids(&l, "He met Jordan Peterson.").is_empty());
        assert_eq!(ids(&l, "He met King Abdullah of Jordan."), ["JOR"]);
        assert_eq!(ids(&l, "India and Jordan."), ["IND", "JOR"]);
        // In a Title Case headline the neighbours say nothing.
        assert_eq!(ids(&l, "Remarks Before Meeting With Jordan Foreign Minister"), ["JOR"]);
        assert_eq!(prev_word("said Mr. Jordan", 9), Some("Mr."));
        assert_eq!(next_word("Jordan Peterson, 3", 6), Some("Peterson"));
        assert_eq!(prev_word("a,Jordan", 2), None);
    }

    #[test]
    fn next_word_reads_ascii_bytes_as_the_character_test_does() {
        let by_chars = |text: &str, i: usize| -> Option<String> {
            let after = text[i..].strip_prefix(' ')?.trim_start_matches(' ');
            let end = after.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(after.len());
            (end > 0).then(|| after[..end].to_string())
        };
        let parts = ["", " ", "  ", "a", "Z", "9", "'", "’", "_", "-", ".", "é", "Ñ", "日", "\u{a0}", "s", "x1", "\u{300}"];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        let text = format!("X{a}{b}{c}{d}");
                        assert_eq!(next_word(&text, 1).map(str::to_string), by_chars(&text, 1), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn url_test_reads_dots_as_a_substring_search_does() {
        let has = |t: &[u8], n: &str| t.windows(n.len()).any(|w| w == n.as_bytes());
        let by_search = |t: &[u8]| {
            t.iter().filter(|&&c| c == b'/').count() >= 2
                || ["://", "www.", "@", ".jpg", ".jpeg", ".png", ".pdf", ".htm", ".gif", ".svg"].iter().any(|n| has(t, n))
        };
        let parts = ["", "Iran", ".", "/", "@", "www", "jpg", "jpe", "g", "htm", "l", "://", "svg", "x.com", "W"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("see {a}{b}Iran{c} now");
                    let span = 4 + a.len() + b.len()..4 + a.len() + b.len() + 4;
                    let token = &text.as_bytes()[4..text.len() - 4];
                    assert_eq!(in_url_or_path(&text, span), by_search(token), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_word_character() {
        assert!(GENERAL_PUNCTUATION.clone().all(|c| !c.is_alphanumeric() && c != '_'));
        assert!(is_word_char('é') && is_word_char('_') && !is_word_char('’'));
        assert!((0..128u8).all(|c| ASCII_WORD[c as usize] == is_word_char(c as char)));
        let t = "a’b é_ x.9";
        for i in t.char_indices().map(|(i, _)| i).chain([t.len()]) {
            assert_eq!(word_char_at(t, i), next_char(t, i).is_some_and(is_word_char), "{i}");
        }
    }

    #[test]
    fn a_middle_dot_inside_a_word_reads_as_a_with_acute() {
        let t = "President Ch\u{b7}vez spoke. The United Nations\u{b7} met.";
        let c = spaced_copy(t);
        assert_eq!(c.len(), t.len());
        assert!(c.starts_with("President Chávez spoke."), "{c}");
        assert!(c.contains("Nations\u{b7} met"));
    }

    #[test]
    fn spaced_copy_keeps_offsets() {
        let text = "Saudi\u{a0}Arabia\nand\r\n\tIndia’s “x”\u{a0}";
        let spaced = spaced_copy(text);
        assert_eq!(spaced, "Saudi  Arabia and   India’s “x”  ");
        assert_eq!(spaced.len(), text.len());
    }

    #[test]
    fn given_names_tolerate_transliteration() {
        assert!(same_given_name("ciomara", "xiomara"));
        assert!(same_given_name("jamando", "yamandu"));
        assert!(!same_given_name("joaquin", "fidel"));
        assert!(!same_given_name("ana", "eva"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn sentence_index_of_a_span() {
        let s = [0..10, 11..20, 21..30];
        assert_eq!(sentence_of(&s, 0), 0);
        assert_eq!(sentence_of(&s, 15), 1);
        assert_eq!(sentence_of(&s, 29), 2);
        assert_eq!(sentence_of(&[], 5), 0);
    }

    #[test]
    fn word_at_a_time_search_finds_the_first_possible_start() {
        let slow = |b: &[u8], i: usize| (i..b.len()).find(|&j| may_start_at(b, j)).unwrap_or(b.len());
        // 'h' after a 't' (and 's' + 1 below) makes the "th" that may begin "the".
        let fillers = [b'h', b'z', b' ', b's', b'u', b'@', b'[', b'`', b'{', 0x00, 0x7F, 0x80, 0xBF, b'T', 0xC0, 0xFF];
        for v in 0..=255u8 {
            for &f in &fillers {
                for pos in 0..12 {
                    let mut b = vec![f; 12];
                    b[pos] = v;
                    for i in 0..b.len() {
                        assert_eq!(next_may_start(&b, i), slow(&b, i), "byte {v:#x} at {pos}, filler {f:#x}, from {i}");
                    }
                }
            }
        }
        // Mixed bytes (xorshift), where borrows between neighbours could matter.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            let b: Vec<u8> = (0..40)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    fillers[(state % 16) as usize].wrapping_add((state >> 60) as u8 % 2)
                })
                .collect();
            for i in 0..b.len() {
                assert_eq!(next_may_start(&b, i), slow(&b, i), "{b:?} from {i}");
            }
        }
    }

    #[test]
    fn short_first_word_before_a_run_of_spaces() {
        // Regression: the four-byte start filter read "US  " from the text
        // where the compacted copy has "US A"; a name whose first word is
        // shorter than four bytes was lost across a wrapped, indented line.
        let countries = "id\talpha2\tnumeric\tdisplay\tnames\nUSA\tUS\t840\tUnited States\tUnited States\n";
        let orgs = "id\tnames\tcountry\tmembers\tflags\nUSARMY\tUS Army\tUSA\t\t\n";
        let kb = Kb::parse(&[("countries.tsv", countries), ("organisations.tsv", orgs)]).unwrap();
        let l = Linker::new(&kb);
        assert_eq!(ids(&l, "the US\n      Army said."), ["USARMY"]);
        assert_eq!(ids(&l, "the US Army said."), ["USARMY"]);
    }

    #[test]
    fn names_with_runs_of_spaces_link_as_with_one() {
        // Guards the scan's rule that no automaton key holds two spaces in a row: a knowledge-base
        // name written with a run of spaces, or with a hyphen beside a space (spelled as a space),
        // is read with one space, and links wherever the text has one space or a run.
        let countries = "id\talpha2\tnumeric\tdisplay\tnames\nSAU\tSA\t682\tSaudi Arabia\tSaudi  Arabia\n\
                         GNB\tGW\t624\tGuinea-Bissau\tGuinea -Bissau\n";
        let kb = Kb::parse(&[("countries.tsv", countries)]).unwrap();
        let l = Linker::new(&kb);
        assert_eq!(ids(&l, "Saudi Arabia and Saudi  Arabia and Saudi\n    Arabia."), ["SAU", "SAU", "SAU"]);
        assert_eq!(ids(&l, "Guinea -Bissau, Guinea Bissau and Guinea   Bissau."), ["GNB", "GNB", "GNB"]);
    }

    #[test]
    fn name_broken_by_a_space_and_a_line_break() {
        // Guards the scan on hard-wrapped speeches (UN General Debate 1992-2014), which break a name
        // after a space: "Saudi \nArabia" is one name across the run of spaces the line break makes.
        let countries = "id\talpha2\tnumeric\tdisplay\tnames\nSAU\tSA\t682\tSaudi Arabia\tSaudi Arabia\n";
        let kb = Kb::parse(&[("countries.tsv", countries)]).unwrap();
        let l = Linker::new(&kb);
        assert_eq!(ids(&l, "In the Declaration, Saudi \nArabia recalled."), ["SAU"]);
        assert_eq!(ids(&l, "In the Declaration, Saudi\n Arabia recalled."), ["SAU"]);
        assert_eq!(ids(&l, "Saudi \nArabia"), ["SAU"]);
    }

    #[test]
    fn assembly_presidents_are_officials_only_while_in_a_state_office() {
        // Guards the rule for Presidents of the UN General Assembly: one who is also his state's
        // foreign minister is its official ("President Ping" in 2005, a title that fits him); one
        // who holds no state office at the date (a former foreign minister), in the chair or after
        // it, is no state's official; a former leader stays a former leader; a former minister who
        // never presided stays an official.
        let countries = "id\talpha2\tnumeric\tdisplay\tnames\nGAB\tGA\t266\tGabon\tGabon\n\
                         CZE\tCZ\t203\tCzechia\tCzechia\nCMR\tCM\t120\tCameroon\tCameroon\n";
        let people = "id\tcountry\tnames\tshort\tweak\nperson:jean-ping\tGAB\tJean Ping\t\tPing\n\
                      person:jan-kavan\tCZE\tJan Kavan\t\tKavan\nperson:philemon-yang\tCMR\tPhilemon Yang\t\tYang\n";
        let terms = "person\trole\tstart\tend\tnote\n\
                     person:jean-ping\tassembly_president\t2004-09-14\t2005-09-13\n\
                     person:jean-ping\tminister\t1999-01-25\t2008-02-01\n\
                     person:jan-kavan\tassembly_president\t2002-09-10\t2003-09-16\n\
                     person:jan-kavan\tminister\t1998-07-22\t2002-07-15\n\
                     person:philemon-yang\thead_of_government\t2009-06-30\t2019-01-04\n\
                     person:philemon-yang\tassembly_president\t2024-09-10\t2025-09-09\n";
        let kb = Kb::parse(&[("countries.tsv", countries), ("people.tsv", people), ("terms.tsv", terms)]).unwrap();
        let l = Linker::new(&kb);
        let d = |s| Some(Date::parse(s).unwrap());
        let people_at = |text: &str, date| -> Vec<(String, EntityKind)> {
            l.link(text, &[], date).into_iter().filter(|m| m.entity_id.starts_with("person:")).map(|m| (m.entity_id, m.kind)).collect()
        };
        assert_eq!(people_at("We thank President Ping for his work.", d("2005-09-25")), [("person:jean-ping".into(), EntityKind::Official)]);
        assert_eq!(people_at("Mr. Jean Ping presided.", d("2004-09-25")), [("person:jean-ping".into(), EntityKind::Official)]);
        assert!(people_at("We congratulate Mr. Jan Kavan on his election.", d("2002-09-25")).is_empty());
        assert!(people_at("We thank Mr. Jan Kavan for his work.", d("2003-09-25")).is_empty());
        assert_eq!(people_at("Mr. Jan Kavan spoke.", d("2001-09-25")), [("person:jan-kavan".into(), EntityKind::Official)]);
        assert!(people_at("Mr. Jean Ping spoke.", d("2010-09-25")).is_empty());
        assert_eq!(people_at("We congratulate President Philemon Yang.", d("2024-09-25")), [("person:philemon-yang".into(), EntityKind::FormerLeader)]);
        // Undated, the knowledge base cannot tell: the person is linked (as the method `ambiguous` says).
        assert_eq!(people_at("Mr. Jan Kavan spoke.", None).len(), 1);
    }

    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/common/kb_files.rs"));

    /// The knowledge base in data/kb.
    fn repo_kb() -> Kb {
        let files = kb_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kb"));
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        Kb::parse(&refs).unwrap()
    }

    #[test]
    fn start_filters_pass_every_match_of_every_kb_name() {
        // Each filter in `anchored` (and the first-byte test in `scan`) is only a shortcut: wherever the automaton
        // accepts a match, every filter must pass. Checked for every name of
        // data/kb, as written, folded, in capitals and in lower case, alone,
        // after "the " and before the endings a match may take.
        let kb = repo_kb();
        let l = Linker::new(&kb);
        let mut checked = 0;
        for entry in kb.names() {
            let written = [entry.text.clone(), fold(&entry.text), entry.text.to_uppercase(), entry.text.to_lowercase()];
            for name in &written {
                for before in ["", "the ", "The "] {
                    for after in ["", " ", "s", "s.", "'s", ".", ", and", " Government", " - x", "  Army"] {
                        let text = format!("{before}{name}{after}");
                        let b = text.as_bytes();
                        if l.run_automaton(&text, 0, &mut Vec::new()).0.is_some() {
                            checked += 1;
                            assert!(l.may_begin(b, 0) && l.may_follow_the(b, 0), "{text:?}");
                            assert!(b[0] < 0x80 || l.first_bytes[b[0] as usize], "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(checked > 10 * kb.names().len(), "{checked}");
        // And they do rule out the common words after "the".
        assert!(!l.may_follow_the(b"the president said", 0));
        assert!(!l.may_follow_the(b"The Department", 0));
        assert!(l.may_follow_the(b"the West", 0) && l.may_follow_the(b"The West", 0));
    }

    #[test]
    fn linker_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Linker>();
    }
}
