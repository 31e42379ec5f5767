//! Whitespace and Unicode normalisation shared by every format.
//!
//! [`strip_controls`] runs first, on the decoded text: CRLF and lone CR
//! become LF; C0 controls other than `\n` and `\t`, DEL, C1 controls and a
//! stray U+FEFF are removed and recorded. [`normalize_text`] runs last, on
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

/// True for characters removed as controls.
fn is_removed_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F'..='\u{9F}' | '\u{FEFF}')
}

/// Line endings to LF and control characters removed (recorded as
/// `control_char`, one entry per run of adjacent controls).
pub(crate) fn strip_controls(s: &str, removed: &mut Vec<Removed>) -> String {
    let needs_work = s.bytes().any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2 || b == 0xEF);
    if !needs_work {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            flush_run(&mut run, removed);
            out.push('\n');
        } else if is_removed_control(c) {
            run.push(c);
        } else {
            flush_run(&mut run, removed);
            out.push(c);
        }
    }
    flush_run(&mut run, removed);
    out
}

fn flush_run(run: &mut String, removed: &mut Vec<Removed>) {
    if !run.is_empty() {
        removed.push(Removed { kind: "control_char", text: std::mem::take(run) });
    }
}

/// Maps the space-like characters orbita treats as plain spaces or line breaks.
fn map_space(c: char) -> char {
    match c {
        '\u{A0}' | '\u{2007}' | '\u{202F}' => ' ',
        '\u{2028}' | '\u{2029}' => '\n',
        c => c,
    }
}

/// Final normalisation of a document's text: NFC; no-break spaces (U+00A0,
/// U+2007, U+202F) become spaces and U+2028/U+2029 newlines; trailing
/// whitespace trimmed on every line; runs of 3+ newlines become 2; the
/// whole text trimmed. Input line endings must already be LF.
pub fn normalize_text(s: &str) -> String {
    let nfc: Cow<'_, str> = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    };
    let spaced: Cow<'_, str> = if nfc.bytes().any(|b| b == 0xC2 || b == 0xE2) {
        Cow::Owned(nfc.chars().map(map_space).collect())
    } else {
        nfc
    };
    let mut out = String::with_capacity(spaced.len());
    let mut pending_newlines = 0usize;
    for line in spaced.split('\n') {
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

/// Collapses runs of spaces, tabs and no-break spaces inside each line to one
/// space and trims every line (used for Markdown blocks and metadata values).
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut line_start = true;
    for c in s.chars() {
        match c {
            ' ' | '\t' | '\u{A0}' | '\u{2007}' | '\u{202F}' => space = true,
            '\n' => {
                out.push('\n');
                space = false;
                line_start = true;
            }
            c => {
                if space && !line_start {
                    out.push(' ');
                }
                space = false;
                line_start = false;
                out.push(c);
            }
        }
    }
    out
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

    #[test]
    fn collapse_spaces_per_line() {
        assert_eq!(collapse_spaces("  a \u{a0} b\t\n   c  "), "a b\nc");
    }
}
