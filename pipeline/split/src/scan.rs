//! The boundary scanner: one pass over the bytes that stops only at
//! candidate bytes (terminators, newlines, lead bytes of non-ASCII
//! terminators and bullets) and decides there whether a sentence ends.
//!
//! It produces *cut points*: byte offsets on character boundaries, strictly
//! increasing; [`crate::split`] turns them into trimmed spans.
//!
//! ```ignore
//! let cuts = crate::scan::cuts("It rained. We stayed in.");
//! assert_eq!(cuts, vec![10]);
//! ```

use crate::lexicon::{abbreviation, dotted_never_final, is_intro_word, is_starter, Abbrev};
use crate::lines::{
    char_len, front_matter_end, is_bullet, is_closer, is_opener, is_rule, starts_block, trim_ws_end, wrap_width,
};

/// Bytes at which the scanner stops: ASCII terminators, the newline, and the
/// lead bytes of the multi-byte terminators and bullets it knows.
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xD6] = true; // ։ Armenian full stop
    t[0xD8] = true; // ؟ Arabic question mark
    t[0xDB] = true; // ۔ Urdu full stop
    t[0xE0] = true; // । ॥ Devanagari danda
    t[0xE1] = true; // ። Ethiopic full stop
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉, bullets
    t[0xE3] = true; // 。
    t[0xEF] = true; // ！ ？ ｡
    t
};

/// The first candidate byte at or after `i` (dashes and curly quotes left
/// out, see [`is_dash_or_quote`]). Eight bytes at a time: a
/// word with no byte that is non-ASCII or equal to '.', '?', '!' or '\n'
/// is skipped whole (SWAR zero-byte test); otherwise the lowest flagged
/// byte is found from the mask (the test has no false positive below the
/// first true one) and the table decides whether that byte is a candidate.
fn next_candidate(b: &[u8], mut i: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    #[inline(always)]
    fn has(x: u64, c: u8) -> u64 {
        let y = x ^ (LO * c as u64);
        y.wrapping_sub(LO) & !y & HI
    }
    while i + 8 <= b.len() {
        let x = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let flagged = (x & HI) | has(x, b'.') | has(x, b'?') | has(x, b'!') | has(x, b'\n');
        if flagged == 0 {
            i += 8;
            continue;
        }
        let k = i + (flagged.trailing_zeros() / 8) as usize;
        if is_dash_or_quote(&b[k..]) {
            i = k + 3;
        } else if CANDIDATE[b[k] as usize] {
            return Some(k);
        } else {
            // A non-ASCII byte that is not a candidate lead byte ("é", a continuation byte).
            i = k + 1;
        }
    }
    while i < b.len() {
        if is_dash_or_quote(&b[i..]) {
            i += 3;
        } else if CANDIDATE[b[i] as usize] {
            return Some(i);
        } else {
            i += 1;
        }
    }
    None
}

/// Whether `b` starts with one of U+2013..U+201F (E2 80 93..9F: the dashes
/// and curly quotes, the commonest characters with a candidate lead byte),
/// which are neither terminators nor bullets: the scan steps over them.
fn is_dash_or_quote(b: &[u8]) -> bool {
    matches!(b, [0xE2, 0x80, 0x93..=0x9F, ..])
}

/// How far (in bytes) a token is read around a candidate.
const MAX_TOKEN: usize = 128;

/// What a terminator character is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    /// "."
    Dot,
    /// "…"
    Ellipsis,
    /// "?", "!" and their kin in other scripts; a boundary unless a
    /// lower-case word follows.
    Strong,
    /// "。", "！", "？": a boundary even without a following space.
    Cjk,
}

fn term_kind(c: char) -> Option<Term> {
    Some(match c {
        '.' => Term::Dot,
        '…' => Term::Ellipsis,
        '?' | '!' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' | '॥' | '۔' | '։' | '።' | '፧' => {
            Term::Strong
        }
        '。' | '｡' | '！' | '？' => Term::Cjk,
        _ => return None,
    })
}

/// The character starting at byte `i` of `text` (which must be a boundary), and its length.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        // Most characters read are ASCII: no slicing or decoding for them.
        Some(&b) if b.is_ascii() => Some((char::from(b), 1)),
        _ => text.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// The character ending at byte `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// First byte at or after `i` that is not whitespace (Unicode White_Space).
pub(crate) fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] < 0x80 {
            if !b[i].is_ascii_whitespace() && b[i] != 0x0B {
                return i;
            }
            i += 1;
        } else {
            match char_at(text, i) {
                Some((c, l)) if c.is_whitespace() => i += l,
                _ => return i,
            }
        }
    }
    i
}

/// The line of `text` that starts at byte `q` (without its newline).
fn line_at(text: &str, q: usize) -> &str {
    let end = memchr::memchr(b'\n', &text.as_bytes()[q..]).map_or(text.len(), |e| q + e);
    &text[q..end]
}

/// The word that follows a candidate boundary, after leading openers.
struct Next<'a> {
    /// First character after openers (`None` at the end of the text).
    first: Option<char>,
    /// The text from `first` on.
    rest: &'a str,
}

impl<'a> Next<'a> {
    fn at(text: &'a str, mut i: usize) -> Self {
        while let Some((c, l)) = char_at(text, i) {
            if is_opener(c) {
                i += l;
            } else {
                break;
            }
        }
        let rest = &text[i..];
        Next {
            first: rest.chars().next(),
            rest,
        }
    }

    /// The alphanumeric run starting at `first` ("" if `first` is not
    /// alphanumeric), read up to MAX_TOKEN bytes.
    fn word(&self) -> &'a str {
        let mut end = 0;
        for (i, c) in self.rest.char_indices() {
            if !c.is_alphanumeric() || i >= MAX_TOKEN {
                break;
            }
            end = i + c.len_utf8();
        }
        &self.rest[..end]
    }

    fn is_lower(&self) -> bool {
        self.first.is_some_and(char::is_lowercase)
    }

    fn is_digit(&self) -> bool {
        self.first.is_some_and(|c| c.is_ascii_digit())
    }

    /// A typical sentence opener or a title ("Mr"): after an abbreviation
    /// that may end a sentence, this means it did.
    fn opens_sentence(&self) -> bool {
        let word = self.word();
        is_starter(word) || abbreviation(word) == Some(Abbrev::Title)
    }

    /// The rule for abbreviations that may end a sentence: a boundary
    /// before a sentence opener or before something that is not a word
    /// (a dash, a bracket, a bullet); not before a name or a number.
    fn ends_abbreviation(&self) -> bool {
        match self.first {
            None => true,
            Some(c) if c.is_alphanumeric() => self.opens_sentence(),
            // "ties with the U.S. — from …": a dash after an abbreviation goes on.
            Some('—' | '–' | '-') => false,
            Some(_) => true,
        }
    }
}

/// Whether the token looks like a URL, an e-mail address or a domain path.
fn is_url_or_email(tok: &str) -> bool {
    let b = tok.as_bytes();
    b.starts_with(b"www.")
        || b.starts_with(b"WWW.")
        || b.iter().enumerate().any(|(k, &c)| c == b'@' || c == b':' && b[k + 1..].starts_with(b"//"))
}

/// A short token that reads as an abbreviation: a single letter, or up to
/// four letters without a vowel, not all capitals ("pp", "mgmt", "Dr", "St";
/// not the acronym "NZ").
fn is_abbreviation_like(tok: &str) -> bool {
    let n = tok.chars().count();
    n == 1
        || n <= 4
            && tok.chars().all(char::is_alphabetic)
            && !tok.chars().all(char::is_uppercase)
            && !tok
                .chars()
                .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// The length of the emoticon such as ":)", ":-(", ";D" or ":P" that `s`
/// starts with, if it is followed by whitespace or the end.
fn emoticon_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b':') | Some(b';') | Some(b'=')) {
        return None;
    }
    let mut k = 1;
    if b.get(k) == Some(&b'-') {
        k += 1;
    }
    let face = |c: Option<&u8>| {
        matches!(
            c,
            Some(b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'O' | b'o')
        )
    };
    if !face(b.get(k)) {
        return None;
    }
    while face(b.get(k)) {
        k += 1;
    }
    b.get(k)
        .is_none_or(|c| c.is_ascii_whitespace())
        .then_some(k)
}

/// The part of a compound token after its last '-', '–' or '/' ("anti-U.S"
/// → "U.S"; the whole token if it has none). A byte search: '–' (E2 80 93)
/// is the only listed character with a non-ASCII byte.
fn last_part(tok: &str) -> &str {
    let b = tok.as_bytes();
    let after = b.iter().enumerate().rev().find_map(|(k, &c)| match c {
        b'-' | b'/' => Some(k + 1),
        0x93 if b[..k].ends_with(&[0xE2, 0x80]) => Some(k + 1),
        _ => None,
    });
    &tok[after.unwrap_or(0)..]
}

/// A dotted abbreviation without its final period: "U.S", "e.g", "Ph.D",
/// "a.m" (letter groups of one or two letters joined by periods).
fn is_dotted(tok: &str) -> bool {
    tok.contains('.')
        && tok.split('.').all(|seg| {
            let n = seg.chars().count();
            (1..=2).contains(&n) && seg.chars().all(char::is_alphabetic)
        })
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    cuts: Vec<usize>,
    /// Start (first non-whitespace byte) of the sentence being read.
    sent_start: usize,
    /// Start of the next expected list item inside the current sentence
    /// ("1) first 2) second": the position of "2").
    list_next: Option<usize>,
    /// Wrap width, computed on first need.
    wrap: Option<usize>,
    /// End of a leading YAML front matter block (0 if none): each of its
    /// lines is a unit of its own.
    front_end: usize,
}

/// Cut points of `text`: byte offsets, on character boundaries, strictly
/// increasing, each strictly inside the text.
pub(crate) fn cuts(text: &str) -> Vec<usize> {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        cuts: Vec::new(),
        sent_start: 0,
        list_next: None,
        wrap: None,
        front_end: front_matter_end(text),
    };
    s.run();
    s.cuts
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        let n = self.bytes.len();
        let mut i = self.start_sentence(0);
        while i < n {
            let cand = next_candidate(self.bytes, i);
            if let Some(m) = self.list_next {
                if cand.is_none_or(|p| m <= p) {
                    self.cut(m);
                    i = self.start_sentence(m);
                    continue;
                }
            }
            let Some(p) = cand else { break };
            i = match self.bytes[p] {
                b'\n' => self.newline(p),
                b'.' | b'?' | b'!' => self.terminator(p),
                _ => self.non_ascii(p),
            };
        }
    }

    fn cut(&mut self, at: usize) {
        if at > 0 && at < self.bytes.len() && self.cuts.last().is_none_or(|&l| at > l) {
            self.cuts.push(at);
        }
    }

    /// Cut at `at` and start the next sentence there; returns where to scan on.
    fn cut_and_start(&mut self, at: usize) -> usize {
        self.cut(at);
        self.start_sentence(at)
    }

    /// Begins a sentence at the first non-whitespace byte from `from`,
    /// recognising a leading list marker ("1.", "b)", "• 9.") so that its
    /// period is not taken for a terminator, and looking ahead for the next
    /// item of the same list on the same line. Returns where to scan on.
    fn start_sentence(&mut self, from: usize) -> usize {
        let (text, b) = (self.text, self.bytes);
        let n = b.len();
        let s = skip_ws(text, from);
        self.sent_start = s;
        self.list_next = None;
        let mut k = s;
        if let Some((c, l)) = char_at(text, k) {
            if is_bullet(c) {
                k += l;
                while k < n && b[k] == b' ' {
                    k += 1;
                }
            }
        }
        let num_start = k;
        while k < n && b[k].is_ascii_digit() && k - num_start < 3 {
            k += 1;
        }
        let item = if k > num_start {
            if k < n && b[k].is_ascii_digit() {
                return s;
            }
            let value: u32 = text[num_start..k].parse().unwrap_or(0);
            (value + 1).to_string()
        } else if k < n
            && b[k].is_ascii_alphabetic()
            && !(k + 1 < n && b[k + 1].is_ascii_alphanumeric())
        {
            k += 1;
            match b[k - 1] {
                b'z' | b'Z' => String::new(),
                c => ((c + 1) as char).to_string(),
            }
        } else {
            return s;
        };
        let sep: &str = if b[k..].starts_with(b".)") {
            ".)"
        } else if b[k..].starts_with(b")") {
            ")"
        } else if b[k..].starts_with(b".") {
            "."
        } else {
            return s;
        };
        k += sep.len();
        if !(k < n && (b[k] == b' ' || b[k] == b'\t')) {
            return s;
        }
        if !item.is_empty() {
            let line_end = memchr::memchr(b'\n', &b[k..])
                .map_or(n, |e| k + e)
                .min(k + 1024);
            let pattern = format!(" {item}{sep}");
            let hay = &b[k..line_end];
            let mut from = 0;
            while let Some(f) = memchr::memmem::find(&hay[from..], pattern.as_bytes()) {
                let after = k + from + f + pattern.len();
                if after < n && (b[after] == b' ' || b[after] == b'\t') {
                    self.list_next = Some(k + from + f + 1);
                    break;
                }
                from += f + 1;
            }
        }
        k
    }

    fn wrap_width(&mut self) -> usize {
        let text = self.text;
        *self.wrap.get_or_insert_with(|| wrap_width(text))
    }

    /// A newline at `p`: a blank line always ends a sentence; a single
    /// newline ends one after a heading, before a block (list item, heading),
    /// or after a line without final punctuation that was broken on purpose
    /// (the next line's first word would have fitted) before a line that
    /// does not start in lower case.
    fn newline(&mut self, p: usize) -> usize {
        let (text, b) = (self.text, self.bytes);
        let n = b.len();
        let mut q = p + 1;
        let mut blank = false;
        while q < n {
            if b[q] == b'\n' {
                blank = true;
                q += 1;
            } else if b[q] < 0x80 && b[q].is_ascii_whitespace() {
                q += 1;
            } else {
                let s = skip_ws(text, q);
                if s == q {
                    break;
                }
                q = s;
            }
        }
        if q >= n {
            return n;
        }
        if blank {
            return self.cut_and_start(p);
        }
        let indented = q > p + 1;
        if p < self.front_end {
            // A front matter field per line; an indented line continues a value.
            return if indented {
                p + 1
            } else {
                self.cut_and_start(p)
            };
        }
        let line_start = memchr::memrchr(b'\n', &b[..p]).map_or(0, |x| x + 1);
        let line = trim_ws_end(&text[line_start..p]);
        let content = line.trim_start();
        let Some(&head) = content.as_bytes().first() else {
            return p + 1;
        };
        // Inside a block quote, "> " continues the quoted paragraph.
        let quoted = head == b'>' && b[q] == b'>';
        if quoted {
            q = skip_ws(text, q + 1);
            if q >= n {
                return n;
            }
        }
        if !quoted && starts_block(&text[q..])
            || matches!(b[q], b'-' | b'*' | b'_') && is_rule(line_at(text, q))
        {
            return self.cut_and_start(p);
        }
        if head == b'#' || matches!(head, b'-' | b'*' | b'_') && is_rule(content) {
            return self.cut_and_start(p);
        }
        let core = content.trim_end_matches(is_closer);
        let Some(last) = core.chars().next_back() else {
            return p + 1;
        };
        if term_kind(last).is_some() && self.sent_start > p {
            // The terminator ended the sentence.
            return p + 1;
        }
        // A terminator that did not end the sentence ("WASHINGTON, D.C.",
        // "Mr.") is judged like a line without one: a deliberate line break
        // before a capitalised line still ends the sentence.
        if matches!(
            last,
            ',' | ';' | '-' | '–' | '—' | '(' | '/' | '&' | '+' | '='
        ) {
            return p + 1;
        }
        let next = Next::at(text, q);
        // A new sentence opens with a capital, a digit or an uncased letter
        // (CJK); not with a lower-case word or a symbol ("@HouseGOP").
        if !next.first.is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || c.is_alphabetic() && !c.is_lowercase()
        }) {
            return p + 1;
        }
        if indented && (line.len() > content.len() || starts_block(content)) {
            // An indented line after a list item or another indented line
            // continues the item (Markdown list continuation).
            return p + 1;
        }
        let width = self.wrap_width();
        if width != usize::MAX {
            let first_word = text[q..].split(char::is_whitespace).next().unwrap_or("");
            if char_len(line) + 1 + char_len(first_word) > width {
                return p + 1;
            }
        }
        self.cut_and_start(p)
    }

    /// A terminator run starting at `p` (".", "?!", "...", ". . .", "。").
    fn terminator(&mut self, p: usize) -> usize {
        let (text, b) = (self.text, self.bytes);
        let n = b.len();
        let (mut dots, mut strong, mut cjk, mut ellipsis, mut spaced) =
            (0usize, false, false, false, false);
        let mut q = p;
        loop {
            if q < n && b[q] == b' ' && dots > 0 && !strong && q + 1 < n && b[q + 1] == b'.' {
                // A spaced ellipsis ". . ." continues unless the dot starts a word (".NET").
                if q + 2 >= n || !b[q + 2].is_ascii_alphanumeric() {
                    spaced = true;
                    q += 1;
                    continue;
                }
            }
            let Some((c, l)) = char_at(text, q) else {
                break;
            };
            match term_kind(c) {
                Some(Term::Dot) => dots += 1,
                Some(Term::Ellipsis) => ellipsis = true,
                Some(Term::Strong) => strong = true,
                Some(Term::Cjk) => cjk = true,
                None => break,
            }
            q += l;
        }
        let run_end = q;
        let mut end = run_end;
        while let Some((c, l)) = char_at(text, end) {
            if is_closer(c) {
                end += l;
            } else {
                break;
            }
        }
        if end >= n {
            return n;
        }
        if cjk {
            return self.cut_and_start(end);
        }
        let (after, _) = char_at(text, end).expect("end < n");
        let attached =
            p > self.sent_start && char_before(text, p).is_some_and(|c| !c.is_whitespace());
        if !after.is_whitespace() {
            if (strong || dots == 1 && !spaced && !ellipsis) && self.missing_space(p, end) {
                return self.cut_and_start(end);
            }
            return end;
        }
        let mut nx = skip_ws(text, end);
        if nx >= n {
            return n;
        }
        if let Some(len) = emoticon_len(&text[nx..]) {
            // ":)" after the terminator belongs to the sentence it closes.
            end = nx + len;
            nx = skip_ws(text, end);
            if nx >= n {
                return n;
            }
        }
        let next = Next::at(text, nx);
        let closed = end > run_end;
        if strong {
            if next.is_lower() {
                // "Yahoo! in …", "'Really?' she asked": a name or a quotation
                // goes on; otherwise informal text starts a sentence in lower case.
                let ts = self.token_start(p);
                let named = ts < p
                    && text[ts..p].chars().next().is_some_and(char::is_uppercase)
                    && run_end - p == 1;
                if closed || named {
                    return end;
                }
            }
            return self.cut_and_start(end);
        }
        if next.is_lower() && (ellipsis || dots >= 2 || closed) {
            return end;
        }
        if ellipsis || dots >= 2 {
            let bracketed = char_before(text, p).is_some_and(|c| c == '[' || c == '(')
                && char_at(text, run_end).is_some_and(|(c, _)| c == ']' || c == ')');
            if bracketed {
                return end;
            }
            if spaced {
                // Spaced dots: three are an omission inside a sentence; four
                // are a period plus an omission. Attached to the word, the
                // first dot is the period and the omission opens the next
                // sentence; detached, the whole run closes this one.
                if dots >= 4 {
                    let first_len = char_at(text, p).map_or(1, |(c, _)| c.len_utf8());
                    return self.cut_and_start(if attached { p + first_len } else { end });
                }
                return end;
            }
            return self.cut_and_start(end);
        }
        if self.period_ends_sentence(p, &next) {
            self.cut_and_start(end)
        } else {
            end
        }
    }

    /// Start of the token that ends at `p` (after leading openers).
    fn token_start(&self, p: usize) -> usize {
        let (text, b) = (self.text, self.bytes);
        // A token is read back at most MAX_TOKEN bytes: longer ones are URLs
        // or noise, and an unbounded look-back would make a text without
        // spaces quadratic. ASCII bytes first, in one search for the last
        // byte that is ASCII whitespace ('\t' to '\r', ' ') or not ASCII.
        let window = p.saturating_sub(MAX_TOKEN);
        let stop = b[window..p].iter().rposition(|&c| !c.is_ascii() || matches!(c, b'\t'..=b'\r' | b' '));
        let mut s = stop.map_or(window, |k| window + k + 1);
        if stop.is_some_and(|k| !b[window + k].is_ascii()) {
            // A non-ASCII character: read on character by character.
            while let Some(c) = char_before(text, s) {
                if c.is_whitespace() || p - s >= MAX_TOKEN {
                    break;
                }
                s -= c.len_utf8();
            }
        }
        while let Some((c, l)) = char_at(text, s) {
            if s < p && (is_opener(c) || c == '¿' || c == '¡' || c == '—' || c == '–') {
                s += l;
            } else {
                break;
            }
        }
        s.max(self.sent_start.min(p))
    }

    /// "word.Next" without a space: a boundary when a lower-case word of
    /// two or more letters is followed by a capitalised word, outside URLs,
    /// e-mail addresses and abbreviations.
    fn missing_space(&self, p: usize, end: usize) -> bool {
        let text = self.text;
        let mut it = text[end..].chars();
        let (Some(c1), Some(c2)) = (it.next(), it.next()) else {
            return false;
        };
        if !(c1.is_uppercase() && c2.is_lowercase()) {
            return false;
        }
        let ts = self.token_start(p);
        let mut tail_end = end;
        while let Some((c, l)) = char_at(text, tail_end) {
            if c.is_whitespace() || tail_end - end >= MAX_TOKEN {
                break;
            }
            tail_end += l;
        }
        let whole = &text[ts..tail_end];
        if is_url_or_email(whole) || whole.contains('/') {
            return false;
        }
        let tail: String = text[end..tail_end]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(
            tail.as_str(),
            "com" | "org" | "net" | "gov" | "edu" | "mil" | "int" | "info" | "biz" | "io"
        ) {
            // "Newsfeeds.Com": a domain name.
            return false;
        }
        if self.bytes[p] != b'.' {
            return true;
        }
        let tok = &text[ts..p];
        let mut rev = tok.chars().rev();
        let lower_word = matches!((rev.next(), rev.next()), (Some(a), Some(b)) if a.is_lowercase() && b.is_lowercase());
        lower_word && !tok.contains('.') && abbreviation(tok).is_none()
    }

    /// A single period at `p` followed by whitespace and `next` (which does
    /// not start in lower case): does it end the sentence?
    fn period_ends_sentence(&self, p: usize, next: &Next) -> bool {
        let text = self.text;
        let ts = self.token_start(p);
        let tok = &text[ts..p];
        let Some(last) = tok.chars().next_back() else {
            return true;
        };
        if last.is_ascii_digit() {
            // "$100.00. It is …", "call 710033. thank you".
            return true;
        }
        if is_url_or_email(tok) {
            return true;
        }
        // "anti-U.S.", "D-Calif.": the abbreviation is the last part of a compound.
        let tok = last_part(tok);
        if next.is_lower() {
            // Before a lower-case word only a plain word ends a sentence
            // (informal text: "sounds good. see you"); an abbreviation,
            // initial or consonant cluster ("co.", "U.S.", "p.", "mgmt.") does not.
            return abbreviation(tok).is_none() && !is_dotted(tok) && !is_abbreviation_like(tok);
        }
        if let Some(class) = abbreviation(tok) {
            return match class {
                Abbrev::Title | Abbrev::NeverFinal => false,
                Abbrev::NumberPrefix => !next.is_digit(),
                Abbrev::Month => !next.is_digit() && next.ends_abbreviation(),
                Abbrev::General => next.ends_abbreviation(),
                Abbrev::Time => self.time_ends_sentence(ts, next),
            };
        }
        if is_dotted(tok) {
            if dotted_never_final(tok) || next.is_digit() {
                return false;
            }
            return next.ends_abbreviation();
        }
        let mut chars = tok.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_alphabetic() && c.is_uppercase() {
                return self.initial_ends_sentence(ts, next);
            }
            if c.is_alphabetic() {
                // "p. 55", "s. 3"
                return !next.is_digit();
            }
        }
        true
    }

    /// "a.m." / "p.m.": a boundary before a sentence opener or a title,
    /// unless everything before the time is an introductory phrase
    /// ("At 5 a.m. Mr. Smith left" is one sentence).
    fn time_ends_sentence(&self, ts: usize, next: &Next) -> bool {
        if !(next.first.is_some_and(|c| !c.is_alphanumeric()) || next.opens_sentence()) {
            return false;
        }
        let before = &self.text[self.sent_start.min(ts)..ts];
        let mut words = before.split_whitespace();
        let intro = words
            .next()
            .is_some_and(|w| is_intro_word(w.trim_start_matches(is_opener)))
            && words.take(4).count() <= 3;
        !intro
    }

    /// A single capital letter and a period: an initial ("Jonas E. Smith",
    /// "J. Smith") when it opens the sentence or follows a capitalised word;
    /// then only a sentence opener after it ends the sentence. After a
    /// lower-case word it is a word ("you and I. Did …").
    fn initial_ends_sentence(&self, ts: usize, next: &Next) -> bool {
        let text = self.text;
        let before = text[self.sent_start.min(ts)..ts].trim_end();
        let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let prev_core = prev.trim_start_matches(is_opener);
        let name_context = before.is_empty()
            || prev_core.chars().next().is_some_and(char::is_uppercase)
                && !prev_core.ends_with([',', ';', ':']);
        if name_context {
            next.first.is_some_and(|c| !c.is_alphanumeric()) || next.opens_sentence()
        } else {
            true
        }
    }

    /// A non-ASCII candidate at `p`: a terminator from another script, a
    /// bullet inside a sentence (a new list item), or nothing.
    fn non_ascii(&mut self, p: usize) -> usize {
        let text = self.text;
        let Some((c, l)) = char_at(text, p) else {
            return p + 1;
        };
        if term_kind(c).is_some() {
            return self.terminator(p);
        }
        if is_bullet(c) && p > self.sent_start {
            let ws_before = char_before(text, p).is_some_and(char::is_whitespace);
            let ok_after =
                char_at(text, p + l).is_some_and(|(d, _)| d.is_whitespace() || d.is_alphanumeric());
            if ws_before && ok_after {
                return self.cut_and_start(p);
            }
        }
        p + l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// next_candidate by definition: the first byte the table flags that
    /// does not start a dash or a curly quote.
    fn slow_next_candidate(b: &[u8], i: usize) -> Option<usize> {
        (i..b.len()).find(|&k| CANDIDATE[b[k] as usize] && !is_dash_or_quote(&b[k..]))
    }

    // Guards the skip in next_candidate: what it steps over is exactly
    // U+2013..U+201F, and none of those is a terminator or a bullet.
    #[test]
    fn skipped_dashes_and_quotes_are_no_candidates() {
        for c in '\u{2000}'..='\u{206F}' {
            let mut buf = [0u8; 4];
            let skipped = is_dash_or_quote(c.encode_utf8(&mut buf).as_bytes());
            assert_eq!(skipped, ('\u{2013}'..='\u{201F}').contains(&c), "{c:?}");
            if skipped {
                assert!(term_kind(c).is_none() && !is_bullet(c), "{c:?}");
            }
        }
    }

    #[test]
    fn next_candidate_agrees_with_the_table() {
        let text =
            "plain ascii words then a dot. and more words?! Русский текст — “quoted” 。end\nx";
        let b = text.as_bytes();
        for i in 0..=b.len() {
            assert_eq!(next_candidate(b, i), slow_next_candidate(b, i), "from {i}");
        }
    }

    /// Pseudo-random texts over an alphabet of ASCII, whitespace of both
    /// kinds, openers and multi-byte letters.
    fn random_texts() -> Vec<String> {
        let alphabet = [
            "a", "B", " ", "\t", "\n", "\u{0B}", "\u{A0}", "\u{2003}", ".", "/", ":", "@", "w", "é", "中", "“", "(", "—", "¿",
            "😀", "://", "www.", "WWW.", "-", "–", "ē",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        (0..300)
            .map(|len| {
                (0..len % 150)
                    .map(|_| {
                        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                        alphabet[(state >> 33) as usize % alphabet.len()]
                    })
                    .collect()
            })
            .collect()
    }

    // Guards the ASCII path of token_start against the char-by-char definition.
    #[test]
    fn token_start_agrees_with_reading_back_char_by_char() {
        let mut texts = random_texts();
        // Tokens longer than MAX_TOKEN, with non-ASCII characters on either side of the window's start.
        texts.extend([
            "a".repeat(300),
            format!("{}{}", "é".repeat(100), "a".repeat(60)),
            format!("x {}{} y", "中".repeat(50), "b".repeat(100)),
            format!("{}\u{A0}{}", "a".repeat(20), "😀".repeat(40)),
        ]);
        for text in texts {
            let mut s = Scanner {
                text: &text,
                bytes: text.as_bytes(),
                cuts: Vec::new(),
                sent_start: 0,
                list_next: None,
                wrap: None,
                front_end: 0,
            };
            for (p, _) in text.char_indices() {
                s.sent_start = p / 3;
                let mut want = p;
                while let Some(c) = char_before(&text, want) {
                    if c.is_whitespace() || p - want >= MAX_TOKEN {
                        break;
                    }
                    want -= c.len_utf8();
                }
                while let Some((c, l)) = char_at(&text, want) {
                    if want < p && (is_opener(c) || c == '¿' || c == '¡' || c == '—' || c == '–') {
                        want += l;
                    } else {
                        break;
                    }
                }
                assert_eq!(s.token_start(p), want.max(s.sent_start.min(p)), "{text:?} at {p}");
            }
        }
    }

    // Guards the ASCII path of char_at against slicing and decoding.
    #[test]
    fn char_at_agrees_with_decoding() {
        for text in random_texts() {
            for i in 0..=text.len() + 1 {
                let want = text.get(i..).and_then(|rest| rest.chars().next()).map(|c| (c, c.len_utf8()));
                assert_eq!(char_at(&text, i), want, "{text:?} at {i}");
            }
        }
    }

    // Guards the ASCII paths of skip_ws and trim_ws_end, with which split trims spans.
    #[test]
    fn skip_ws_and_trim_ws_end_agree_with_trim() {
        for text in random_texts() {
            for (p, _) in text.char_indices() {
                let seg = &text[p..];
                assert_eq!(skip_ws(seg, 0), seg.len() - seg.trim_start().len(), "{seg:?}");
                assert_eq!(trim_ws_end(seg), seg.trim_end(), "{seg:?}");
                assert_eq!(trim_ws_end(&text[..p]), text[..p].trim_end(), "{text:?} to {p}");
            }
        }
    }

    // Guards the byte search of last_part against rsplit on the three characters.
    #[test]
    fn last_part_agrees_with_rsplit() {
        let mut texts = random_texts();
        texts.extend(["anti-U.S".into(), "D–Calif".into(), "a/b-c–d".into(), "ē–ē".into(), "–".into(), "x-".into()]);
        for text in texts {
            for (p, _) in text.char_indices() {
                let tok = &text[p..];
                assert_eq!(last_part(tok), tok.rsplit(['-', '–', '/']).next().unwrap_or(tok), "{tok:?}");
            }
        }
    }

    // Guards the one-pass is_url_or_email against the substring definition.
    #[test]
    fn is_url_or_email_agrees_with_substring_tests() {
        for text in random_texts() {
            for (p, _) in text.char_indices() {
                let tok = &text[p..];
                let want = tok.contains("://") || tok.contains('@') || tok.starts_with("www.") || tok.starts_with("WWW.");
                assert_eq!(is_url_or_email(tok), want, "{tok:?}");
            }
        }
    }

    // Guards the mask shortcut in next_candidate: bytes one above a needle
    // ('/' after '.', '@' after '?') are the SWAR test's false positives,
    // and non-candidate non-ASCII bytes, dashes and quotes must be stepped over.
    #[test]
    fn next_candidate_agrees_with_the_table_on_random_bytes() {
        let alphabet = [
            b'a', b' ', b'.', b'/', b'?', b'@', b'!', b'"', b'\n', 0x0B, 0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC3, 0xD6,
            0xD7, 0xE2, 0xE2, 0x80, 0x93, 0x9F, 0xA0, 0xE3, 0xEF, 0xF0, 0xFF,
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..200 {
            for _ in 0..20 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                        alphabet[(state >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                for i in 0..=b.len() {
                    assert_eq!(next_candidate(&b, i), slow_next_candidate(&b, i), "{b:?} from {i}");
                }
            }
        }
    }
}
