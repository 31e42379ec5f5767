//! Whitespace and Unicode normalisation shared by every format.
//!
//! [`strip_controls`] runs first, on the decoded text: CRLF and lone CR
//! become LF; C0 controls other than `\n` and `\t`, DEL, C1 controls and
//! invisible format characters (soft hyphen, zero-width space, word joiner,
//! a stray U+FEFF) are removed and recorded. [`normalize_text`] runs last, on
//! the cleaned text: NFC, non-breaking spaces to spaces, trailing whitespace
//! trimmed per line, 3+ newlines collapsed to 2, the whole text trimmed.
//!
//! ```
//! use orbita_ingest::normalize_text;
//! assert_eq!(normalize_text("  Caf\u{65}\u{301}\u{a0}ok  \n\n\n\nend \n"), "Café ok\n\nend");
//! ```

use crate::Removed;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Bytes where [`strip_controls`] must look closer: ASCII controls other
/// than `\n` and `\t` (CR included), DEL, and the lead bytes of C1
/// controls and U+00AD (`C2 …`), U+200B and U+2060 (`E2 …`) and U+FEFF
/// (`EF BB BF`).
fn control_candidate(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF
}

/// Length of the removed character at `b[i]`, if there is one: a control,
/// or an invisible format character (soft hyphen U+00AD, zero-width space
/// U+200B, word joiner U+2060, U+FEFF).
#[inline(always)]
fn control_len(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        0xC2 => b.get(i + 1).is_some_and(|&c| (0x80..=0x9F).contains(&c) || c == 0xAD).then_some(2),
        0xE2 => matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0x8B)) | (Some(0x81), Some(0xA0))).then_some(3),
        0xEF => (b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF)).then_some(3),
        b'\r' => None,
        _ => Some(1),
    }
}

/// Line endings to LF and control characters removed (recorded as
/// `control_char`, one entry per run of adjacent controls); borrows when
/// there is nothing to change. Works on bytes: every byte it stops at
/// starts a character, so slices stay valid UTF-8.
pub(crate) fn strip_controls<'a>(s: &'a str, removed: &mut Vec<Removed>) -> Cow<'a, str> {
    let b = s.as_bytes();
    // Most texts hold no ASCII control but `\n`/`\t`: then only the
    // multi-byte candidates need a look.
    if !has_ascii_control(b) {
        return strip_invisible(s, removed);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && !control_candidate(b[i]) {
            i += 1;
        }
        if i > start {
            flush_run(&mut run, removed);
            out.push_str(&s[start..i]);
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'\r' {
            flush_run(&mut run, removed);
            out.push('\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        } else if let Some(n) = control_len(b, i) {
            run.push_str(&s[i..i + n]);
            i += n;
        } else {
            // A lead byte that starts an ordinary character (e.g. U+00A0): keep it.
            let n = s[i..].chars().next().map_or(1, char::len_utf8);
            flush_run(&mut run, removed);
            out.push_str(&s[i..i + n]);
            i += n;
        }
    }
    flush_run(&mut run, removed);
    Cow::Owned(out)
}

/// Whether `b` holds an ASCII control other than `\n` and `\t`, or DEL.
fn has_ascii_control(b: &[u8]) -> bool {
    find_byte(b, 0, |c| (c < 0x20 && c != b'\n' && c != b'\t') | (c == 0x7F)) < b.len()
}

/// Index of the first byte at or after `from` for which `hit` holds
/// (`b.len()` if none). Tests 32-byte chunks with a branch-free OR the
/// compiler vectorises (when `hit` is one to three comparisons), then finds
/// the byte within the chunk; a byte-by-byte loop or `position` does not
/// vectorise. For stretches that are usually long (a text without
/// controls, a run of ASCII); a table lookup byte by byte is cheaper when
/// hits are a few bytes apart.
#[inline(always)]
pub(crate) fn find_byte(b: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    for chunk in b[from.min(b.len())..].chunks_exact(32) {
        if chunk.iter().fold(false, |any, &c| any | hit(c)) {
            break;
        }
        i += 32;
    }
    while i < b.len() && !hit(b[i]) {
        i += 1;
    }
    i
}

/// `s.split('\n')`, found with the memchr crate's SIMD search (the
/// standard library's `char` search is slower on long texts).
pub(crate) fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', s.as_bytes()).map(Some).chain([None]).map(move |end| {
        let end = end.unwrap_or(s.len());
        let line = &s[start..end];
        start = end + 1;
        line
    })
}

/// Whether `s` is NFC by the Unicode quick check (`Yes`; a `Maybe` counts as
/// no). Only the stretches of non-ASCII characters are checked: an ASCII
/// character is always allowed and has combining class 0, so the check
/// restarts after one exactly as it does at the start of a string.
pub(crate) fn is_nfc_quick_yes(s: &str) -> bool {
    every_non_ascii_run(s, |run, _| nfc_run(run))
}

/// Whether `ok` holds for every stretch of non-ASCII characters of `s`, given
/// its text and its byte range in `s` (stretches found with byte searches).
#[inline]
fn every_non_ascii_run(s: &str, mut ok: impl FnMut(&str, std::ops::Range<usize>) -> bool) -> bool {
    let b = s.as_bytes();
    let mut i = find_byte(b, 0, |c| c >= 0x80);
    while i < b.len() {
        let end = find_byte(b, i, |c| c < 0x80);
        if !ok(&s[i..end], i..end) {
            return false;
        }
        i = find_byte(b, end, |c| c >= 0x80);
    }
    true
}

/// Whether a stretch of non-ASCII characters passes the NFC quick check.
#[inline]
fn nfc_run(run: &str) -> bool {
    all_plain_starters(run) || is_nfc_quick(run.chars()) == IsNormalized::Yes
}

/// Whether every character of `s` is in U+0080..U+00FF or U+2002..U+207F
/// (Latin-1 letters and signs, general punctuation: quotes, dashes,
/// ellipsis…): characters the NFC quick check allows with combining class
/// 0, so it passes them like ASCII. Most non-ASCII text in English
/// documents is these.
fn all_plain_starters(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        i += match b[i] {
            0xC2 | 0xC3 => 2,
            // U+2000 and U+2001 decompose to U+2002 and U+2003.
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2).is_some_and(|&c| c >= 0x82) => 3,
            0xE2 if b.get(i + 1) == Some(&0x81) => 3,
            _ => return false,
        };
    }
    true
}

/// [`strip_controls`] for text without ASCII controls: visits only the
/// lead bytes `C2`, `E2`, `EF` (found with a SIMD search).
fn strip_invisible<'a>(s: &'a str, removed: &mut Vec<Removed>) -> Cow<'a, str> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut run = String::new();
    let mut copied = 0;
    for i in memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b) {
        if i < copied {
            continue;
        }
        if let Some(n) = control_len(b, i) {
            if out.capacity() == 0 {
                out.reserve(s.len());
            }
            if i > copied {
                flush_run(&mut run, removed);
                out.push_str(&s[copied..i]);
            }
            run.push_str(&s[i..i + n]);
            copied = i + n;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(s); // nothing removed
    }
    if copied < b.len() {
        flush_run(&mut run, removed);
        out.push_str(&s[copied..]);
    }
    flush_run(&mut run, removed);
    Cow::Owned(out)
}

fn flush_run(run: &mut String, removed: &mut Vec<Removed>) {
    if !run.is_empty() {
        removed.push(Removed { kind: "control_char", text: std::mem::take(run) });
    }
}

/// What a space-like character at `b[i]` becomes, with its byte length:
/// no-break spaces (U+00A0, U+2007, U+202F) a space, U+2028/U+2029 a newline.
fn space_like(b: &[u8], i: usize) -> Option<(char, usize)> {
    match b[i] {
        0xC2 if b.get(i + 1) == Some(&0xA0) => Some((' ', 2)),
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x87 | 0xAF) => Some((' ', 3)),
            Some(0xA8 | 0xA9) => Some(('\n', 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Replaces space-like characters (see [`space_like`]); borrows when there are none.
fn map_spaces(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    for i in memchr::memchr2_iter(0xC2, 0xE2, b) {
        if let Some((c, n)) = space_like(b, i) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..i]);
            o.push(c);
            copied = i + n;
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Final normalisation of a document's text: NFC; no-break spaces (U+00A0,
/// U+2007, U+202F) become spaces and U+2028/U+2029 newlines; trailing
/// whitespace trimmed on every line; runs of 3+ newlines become 2; the
/// whole text trimmed. Input line endings must already be LF.
pub fn normalize_text(s: &str) -> String {
    let nfc: Cow<'_, str> = if is_nfc_quick_yes(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    };
    let spaced = map_spaces(&nfc);
    let mut out = String::with_capacity(spaced.len());
    let mut pending_newlines = 0usize;
    for line in split_lines(&spaced) {
        let line = line.trim_end();
        if line.is_empty() {
            pending_newlines += 1;
            continue;
        }
        if out.is_empty() {
            out.push_str(line.trim_start());
        } else {
            for _ in 0..pending_newlines.min(2) {
                out.push('\n');
            }
            out.push_str(line);
        }
        pending_newlines = 1;
    }
    out
}

/// [`normalize_text`] taking the text by value: a text with nothing to
/// change but its leading and trailing whitespace (NFC by the quick check,
/// no space-like characters, no line ending in whitespace, no run of 3+
/// newlines) is trimmed in place instead of rebuilt line by line. Most
/// cleaned Markdown is such a text.
pub(crate) fn normalize_owned(mut s: String) -> String {
    let t = s.trim();
    if !is_plain_nfc(&s) || !lines_are_normal(t) {
        return normalize_text(&s);
    }
    let start = s.len() - s.trim_start().len();
    s.truncate(start + t.len());
    s.drain(..start);
    s
}

/// Whether `s` passes the NFC quick check (as [`is_nfc_quick_yes`]) and
/// holds no space-like character (see [`space_like`]): one walk over its
/// non-ASCII stretches for both.
fn is_plain_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    every_non_ascii_run(s, |run, range| !range.into_iter().any(|k| space_like(b, k).is_some()) && nfc_run(run))
}

/// Whether no line of `t` ends in whitespace and `t` holds no run of 3+
/// newlines (the line pass of [`normalize_text`] would change nothing).
fn lines_are_normal(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr_iter(b'\n', b).all(|i| match b[..i].last() {
        Some(b'\n') => i < 2 || b[i - 2] != b'\n',
        Some(&c) if c < 0x80 => !c.is_ascii_whitespace() && c != 0x0B,
        Some(_) => !t[..i].chars().next_back().is_some_and(char::is_whitespace),
        None => true,
    })
}

/// Collapses runs of spaces, tabs and no-break spaces inside each line to one
/// space and trims every line (used for Markdown blocks and metadata values).
///
/// Only the places where the text can be irregular are visited (see
/// [`next_irregular`]) and the text between them is copied in bulk.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_spaces_into(s, &mut out);
    out
}

/// Whether the bytes `c0 c1 c2` start a place where [`collapse_spaces`] may
/// change the text: a tab, a newline, a double space, or a no-break space
/// (U+00A0 `C2 A0`, U+2007 `E2 80 87`, U+202F `E2 80 AF`). Branch-free, so
/// that [`next_irregular`]'s chunk loop vectorises.
#[inline(always)]
fn irregular(c0: u8, c1: u8, c2: u8) -> bool {
    (c0 == b'\t')
        | (c0 == b'\n')
        | ((c0 == b' ') & (c1 == b' '))
        | ((c0 == 0xC2) & (c1 == 0xA0))
        // E2 80 87 or E2 80 AF; also lets U+200F and U+2027 through, where a visit changes nothing.
        | ((c0 == 0xE2) & (c1 == 0x80) & ((c2 | 0x28) == 0xAF))
}

/// Index of the first place at or after `i` where [`irregular`] holds
/// (`b.len()` if none). Tests 32 places at a time with one vectorised pass
/// over a 34-byte window (the last window padded with zero bytes, which are
/// never irregular), then takes the first hit from the flags. A single space
/// between words, curly quotes and dashes (`E2` lead bytes) do not stop it.
fn next_irregular(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let mut padded = [0u8; 34];
        let w: &[u8; 34] = match b.get(i..i + 34) {
            Some(w) => w.try_into().expect("34 bytes"),
            None => {
                padded[..b.len() - i].copy_from_slice(&b[i..]);
                &padded
            }
        };
        let mut flags = [0u8; 32];
        for (k, f) in flags.iter_mut().enumerate() {
            *f = u8::from(irregular(w[k], w[k + 1], w[k + 2]));
        }
        let (lo, hi) = flags.split_at(16);
        let lo = u128::from_le_bytes(lo.try_into().expect("16 bytes"));
        let hi = u128::from_le_bytes(hi.try_into().expect("16 bytes"));
        if lo != 0 {
            return i + lo.trailing_zeros() as usize / 8;
        }
        if hi != 0 {
            return i + 16 + hi.trailing_zeros() as usize / 8;
        }
        i += 32;
    }
    b.len()
}

/// [`collapse_spaces`] appending to `out` (a buffer reused across blocks);
/// returns whether the text holds a line break (every one is a place it visits).
pub(crate) fn collapse_spaces_into(s: &str, out: &mut String) -> bool {
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    let mut multiline = false;
    let mut copied = 0;
    // The text's first and last bytes are visited too (leading/trailing spaces).
    let last = b.len() - 1;
    let mut c = 0;
    loop {
        // Visit the whitespace run ending at a newline, then the one starting after it.
        multiline |= b[c] == b'\n';
        let starts: [usize; 2] = if b[c] == b'\n' { [c, c + 1] } else { [c, usize::MAX] };
        for at in starts {
            if at == usize::MAX || at > b.len() || at < copied {
                continue;
            }
            // Extend backwards over plain spaces and tabs not yet copied.
            let mut p = at;
            while p > copied && matches!(b[p - 1], b' ' | b'\t') {
                p -= 1;
            }
            let mut q = at;
            loop {
                match b.get(q) {
                    Some(b' ' | b'\t') => q += 1,
                    Some(0xC2 | 0xE2) => match space_like(b, q) {
                        Some((' ', n)) => q += n,
                        _ => break,
                    },
                    _ => break,
                }
            }
            if q == p {
                continue;
            }
            let line_start = p == 0 || b[p - 1] == b'\n';
            let line_end = q == b.len() || b[q] == b'\n';
            if q == p + 1 && b[p] == b' ' && !line_start && !line_end {
                continue; // a single ordinary space
            }
            out.push_str(&s[copied..p]);
            if !line_start && !line_end {
                out.push(' ');
            }
            copied = q;
        }
        if c >= last {
            break;
        }
        c = next_irregular(b, (c + 1).max(copied)).min(last);
    }
    out.push_str(&s[copied..]);
    multiline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let mut r = vec![];
        assert_eq!(strip_controls("a\r\nb\rc\n\r\nd", &mut r), "a\nb\nc\n\nd");
        assert!(r.is_empty());
    }

    #[test]
    fn nul_and_controls_are_removed_and_recorded() {
        let mut r = vec![];
        assert_eq!(strip_controls("Bo\0\0go\x07ta\tok\u{feff}", &mut r), "Bogota\tok");
        let texts: Vec<_> = r.iter().map(|x| (x.kind, x.text.as_str())).collect();
        assert_eq!(texts, vec![("control_char", "\0\0"), ("control_char", "\x07"), ("control_char", "\u{feff}")]);
    }

    #[test]
    fn normalises_nfc_spaces_and_blank_lines() {
        assert_eq!(normalize_text("e\u{301}"), "é");
        assert_eq!(normalize_text("a\u{a0}b\u{202f}c"), "a b c");
        assert_eq!(normalize_text("\n\n  a  \n\n\n\n\n b\t\n"), "a\n\n b");
        assert_eq!(normalize_text(" \n \n"), "");
        assert_eq!(normalize_text("a\u{2029}b"), "a\nb");
    }

    /// The straightforward byte loop `collapse_spaces` must agree with.
        /// Collapses runs of spaces, tabs and no-break spaces inside each line to one
    /// space and trims every line (used for Markdown blocks and metadata values).
    /// Text between irregular runs is copied in bulk: a single space between
    /// words costs nothing.
    fn collapse_spaces_reference(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = String::with_capacity(s.len());
        let mut copied = 0;
        let mut i = 0;
        while let Some(off) = b[i..].iter().position(|&c| SPACE_CANDIDATE[usize::from(c)]) {
            let p = i + off;
            // The common case: one space between two ordinary characters.
            if b[p] == b' ' && p > 0 && b[p - 1] != b'\n' {
                if let Some(&next) = b.get(p + 1) {
                    if !SPACE_CANDIDATE[usize::from(next)] && next != b'\n' {
                        i = p + 2;
                        continue;
                    }
                }
            }
            let mut q = p;
            loop {
                match b.get(q) {
                    Some(b' ' | b'\t') => q += 1,
                    Some(0xC2 | 0xE2) => match space_like(b, q) {
                        Some((' ', n)) => q += n,
                        _ => break,
                    },
                    _ => break,
                }
            }
            if q == p {
                i = p + 1;
                continue;
            }
            let line_start = p == 0 || b[p - 1] == b'\n';
            let line_end = q == b.len() || b[q] == b'\n';
            out.push_str(&s[copied..p]);
            if !line_start && !line_end {
                out.push(' ');
            }
            copied = q;
            i = q;
        }
        out.push_str(&s[copied..]);
        out
    }

    /// Bytes that may start a space run: space, tab, and the lead bytes of the
    /// no-break spaces.
    static SPACE_CANDIDATE: [bool; 256] = {
        let mut t = [false; 256];
        t[b' ' as usize] = true;
        t[b'\t' as usize] = true;
        t[0xC2] = true;
        t[0xE2] = true;
        t
    };

    #[test]
    fn collapse_spaces_agrees_with_the_byte_loop() {
        let pieces = [" ", "  ", "\t", "\n", "\u{a0}", "\u{2007}", "\u{202f}", "’", "é", "a", "bc", "\u{2028}", "—", "\u{2008}", "\u{200f}", "\u{2027}"];
        let mut state = 12345u64;
        for round in 0..30_000u32 {
            let mut text = String::new();
            // Every third text is long enough for next_irregular's 32-byte chunks.
            let words = if round.is_multiple_of(3) { "word ".repeat((state % 9) as usize) } else { String::new() };
            text.push_str(&words);
            for _ in 0..(state % if round.is_multiple_of(3) { 40 } else { 12 }) {
                text.push_str(pieces[(crate::xorshift(&mut state) % pieces.len() as u64) as usize]);
                if round.is_multiple_of(3) && state.is_multiple_of(5) {
                    text.push_str(&words);
                }
            }
            assert_eq!(collapse_spaces(&text), collapse_spaces_reference(&text), "{text:?}");
            assert_eq!(collapse_spaces_into(&text, &mut String::new()), text.contains('\n'), "{text:?}");
        }
    }

    #[test]
    fn normalize_owned_agrees_with_normalize_text() {
        let pieces = ["a", "bc", " ", "\t", "\n", "\n\n", "\u{a0}", "\u{3000}", "\u{2028}", "e\u{301}", "é", "’", "\u{b}", "\u{85}"];
        for text in crate::piece_texts(&pieces, "", 99, 20_000, 14) {
            assert_eq!(normalize_owned(text.clone()), normalize_text(&text), "{text:?}");
        }
        // The in-place path: leading and trailing whitespace only.
        assert_eq!(normalize_owned("\n \nOne.\n\nTwo ’x’.\n\n".to_string()), "One.\n\nTwo ’x’.");
    }

    #[test]
    fn split_lines_is_split_on_newline() {
        for s in ["", "\n", "a", "a\n", "\na\n\nb", "x\n\n\n", "é\n’\n"] {
            assert_eq!(split_lines(s).collect::<Vec<_>>(), s.split('\n').collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn find_byte_past_chunks_and_in_the_tail() {
        let mut b = vec![b'a'; 100];
        assert_eq!(find_byte(&b, 0, |c| c == b'x'), 100);
        b[70] = b'x';
        b[99] = b'x';
        assert_eq!(find_byte(&b, 0, |c| c == b'x'), 70);
        assert_eq!(find_byte(&b, 71, |c| c == b'x'), 99);
        assert_eq!(find_byte(&b, 100, |c| c == b'x'), 100);
    }

    #[test]
    fn plain_starters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        let plain: Vec<char> = ('\u{80}'..='\u{ff}').chain('\u{2002}'..='\u{207f}').collect();
        for c in &plain {
            assert!(all_plain_starters(c.encode_utf8(&mut [0; 4])), "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(*c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(*c), 0, "{c:?}");
        }
        for c in ['\u{2000}', '\u{2001}', '\u{2080}', '\u{100}', '\u{301}', 'ё'] {
            assert!(!all_plain_starters(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }

    #[test]
    fn nfc_check_by_non_ascii_runs_agrees_with_the_whole_check() {
        // Combining marks after ASCII, out-of-order marks, a `Maybe` (U+0301
        // after a letter), decomposed Hangul, already composed text.
        let cases = ["abc", "Café", "e\u{301}", "a\u{301}\u{327}", "\u{327}", "x\u{323}\u{302}y", "\u{1100}\u{1161}", "’é—ü ok", ""];
        for s in cases {
            let whole = is_nfc_quick(s.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc_quick_yes(s), whole, "{s:?}");
            let long = format!("{}{s}{}", "word ".repeat(20), " end".repeat(10));
            assert_eq!(is_nfc_quick_yes(&long), is_nfc_quick(long.chars()) == IsNormalized::Yes, "{long:?}");
        }
    }

    #[test]
    fn collapse_spaces_per_line() {
        assert_eq!(collapse_spaces("  a \u{a0} b\t\n   c  "), "a b\nc");
        assert_eq!(collapse_spaces("’x\u{202f}\u{2007}é—y"), "’x é—y");
        assert_eq!(collapse_spaces(" a b \n\n\u{a0}c\t"), "a b\n\nc");
        assert_eq!(collapse_spaces("   "), "");
    }

    #[test]
    fn c1_controls_go_but_latin1_letters_stay() {
        let mut r = vec![];
        assert_eq!(strip_controls("a\u{85}b\u{a0}é\u{ff}\u{feff}", &mut r), "ab\u{a0}é\u{ff}");
        assert_eq!(r.len(), 2);
        assert_eq!(strip_controls("x\r\r\ny", &mut r), "x\n\ny");
        r.clear();
        assert_eq!(strip_controls("Balti\u{ad}more\u{200b} “x”\u{2060}", &mut r), "Baltimore “x”");
        assert_eq!(r.len(), 3);
    }
}
