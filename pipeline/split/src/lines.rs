//! Line-level evidence: character classes, block markers (Markdown headings,
//! list items, rules, tables) and the wrap width of hard-wrapped text.
//!
//! A single newline is ambiguous: in White House Markdown it is a soft wrap
//! at ~72 columns, in the seed articles it ends a paragraph or a headline.
//! [`wrap_width`] estimates the column a document was wrapped at
//! (`usize::MAX` when it is not hard-wrapped); a break is then intentional
//! when the next line's first word would have fitted on the line.
//!
//! ```ignore
//! let wrapped = "The United States and its partners agreed on the plan to\nexpand the programme and to meet again in June in Geneva to\nreview progress.\n";
//! assert_eq!(crate::lines::wrap_width(wrapped), 59);
//! ```

/// Characters that close a quotation or bracket after a terminator.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | '*'
    )
}

/// Characters that open a quotation or bracket before a word.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '*' | '_' | '「' | '『' | '（'
    )
}

/// List bullets.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '⁃'
            | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '‣'
            | '►'
            | '➢'
            | '✓'
            | '✔'
    )
}

/// The number of characters (code points) in `s`.
pub(crate) fn char_len(s: &str) -> usize {
    orbita_text::char_count(s.as_bytes())
}

/// Whether `s` has more than `n` characters. A character is at most four
/// bytes, so a string of more than `4 * n` bytes has; only shorter ones are counted.
fn more_chars_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() > 4 * n || char_len(s) > n)
}

/// `s` without trailing whitespace, as [`str::trim_end`], testing ASCII bytes directly.
pub(crate) fn trim_ws_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && b[end - 1].is_ascii() {
        // The ASCII White_Space characters: '\t' to '\r' and ' '.
        if !matches!(b[end - 1], b'\t'..=b'\r' | b' ') {
            return &s[..end];
        }
        end -= 1;
    }
    s[..end].trim_end()
}

/// A line that is a Markdown thematic break ("---", "***", "___").
pub(crate) fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.bytes().all(|b| matches!(b, b'-' | b'*' | b'_' | b' '))
        && t.bytes().filter(|&b| b != b' ').count() >= 3
}

/// Whether `line` (trimmed at the start) opens a block: a Markdown heading,
/// list item, block quote or table row, a bullet, or a numbered item
/// ("1. ", "12) ").
pub(crate) fn starts_block(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        None => false,
        Some(b'#') | Some(b'>') | Some(b'|') => true,
        Some(b'-') | Some(b'*') | Some(b'+') => b.get(1).is_some_and(|&c| c == b' ' || c == b'\t'),
        Some(d) if d.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 2
                && matches!(b.get(digits), Some(b'.') | Some(b')'))
                && b.get(digits + 1).is_some_and(|&c| c == b' ' || c == b'\t')
        }
        Some(_) => line.chars().next().is_some_and(is_bullet),
    }
}

/// The end of a leading YAML front matter block ("---" line, fields,
/// "---" line), or 0 if the text has none.
pub(crate) fn front_matter_end(text: &str) -> usize {
    let b = text.as_bytes();
    let open = if b.starts_with(b"---\n") {
        4
    } else if b.starts_with(b"---\r\n") {
        5
    } else {
        return 0;
    };
    let window = &b[open..b.len().min(open + 65_536)];
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&window[from..], b"\n---") {
        let close = open + from + k + 4;
        if close == b.len() || matches!(b[close], b'\n' | b'\r') {
            return close;
        }
        from += k + 1;
    }
    0
}

/// Whether `line` holds a URL ("://") or a Markdown link target ("](").
fn has_link(line: &[u8]) -> bool {
    let pair = |first: u8, rest: &[u8]| {
        memchr::memchr_iter(first, line).any(|k| line[k + 1..].starts_with(rest))
    };
    pair(b':', b"//") || pair(b']', b"(")
}

/// Lines longer than this are paragraphs, not hard-wrapped lines.
const MAX_WRAPPED_LINE: usize = 100;

/// The column `text` is hard-wrapped at, or `usize::MAX` if it is not
/// hard-wrapped (one paragraph per line, or no evidence of wrapping).
///
/// Evidence of wrapping is a *continued* line: one followed by a line that
/// starts in lower case (the sentence went on), so it was broken by the
/// wrapper. The text counts as hard-wrapped when at least a fifth of its
/// lines are continued (a stray lower-case line start in a long document is
/// no evidence) and at most a quarter are longer than 100 characters. The
/// width is a high quantile of the continued lines' lengths (the smallest
/// length that at most 2% of them exceed), so that titles, front matter and
/// a few over-long lines do not inflate it; lines holding a URL, which
/// cannot be broken, are left out; only the first 400 non-blank lines
/// are read. An estimate a little below the true
/// width only makes a heading near the full width read as wrapped.
pub(crate) fn wrap_width(text: &str) -> usize {
    let mut hist = [0u32; MAX_WRAPPED_LINE + 1];
    let (mut lines, mut long, mut continued) = (0usize, 0usize, 0usize);
    // The previous non-blank line, measured only if the next line shows
    // that it was continued.
    let mut prev: Option<&str> = None;
    let mut start = front_matter_end(text);
    let bytes = text.as_bytes();
    let base = start;
    for nl in memchr::memchr_iter(b'\n', &bytes[base..])
        .map(|k| k + base)
        .chain(std::iter::once(text.len()))
    {
        let trimmed = trim_ws_end(&text[start..nl]);
        let line = if trimmed.is_empty() {
            None
        } else {
            lines += 1;
            if more_chars_than(trimmed, MAX_WRAPPED_LINE) && !has_link(trimmed.as_bytes())
            {
                long += 1;
            }
            Some(trimmed)
        };
        if let (Some(p), Some(l)) = (prev, line) {
            if l.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            {
                // Byte length bounds the character length from above.
                let len = if p.len() > 40 { char_len(p) } else { p.len() };
                if len <= MAX_WRAPPED_LINE && !(p.len() > 40 && has_link(p.as_bytes())) {
                    hist[len] += 1;
                    continued += 1;
                }
            }
        }
        prev = line;
        start = (nl + 1).min(text.len());
        if lines >= MAX_SAMPLED_LINES {
            break;
        }
    }
    if continued == 0 || continued * 5 < lines || long * 4 > lines {
        return usize::MAX;
    }
    let allowed = continued / 50;
    let mut above = 0usize;
    for len in (0..=MAX_WRAPPED_LINE).rev() {
        above += hist[len] as usize;
        if above > allowed {
            return len;
        }
    }
    usize::MAX
}

/// The estimate reads at most this many non-blank lines: a document is
/// wrapped the same way throughout.
const MAX_SAMPLED_LINES: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_width_of_hard_wrapped_text() {
        let text = "The United States and its partners agreed on the plan to\n\
                    expand the programme and to meet again in June in Geneva to\n\
                    review progress on the commitments they made this spring.\n\
                    Short.\n";
        assert_eq!(wrap_width(text), 59);
        // One over-long line and a URL line do not inflate the width.
        let prose = format!("{}tail", "word ".repeat(13)); // 69 characters
        let mut doc = String::new();
        for _ in 0..60 {
            doc.push_str(&prose);
            doc.push('\n');
        }
        doc.push_str(&format!("title: {}\n", "Title ".repeat(12)));
        doc.push_str(&format!("{}\n", "X".repeat(90)));
        doc.push_str(&format!("see https://example.com/{}\n", "p".repeat(70)));
        assert_eq!(wrap_width(&doc), 69);
    }

    #[test]
    fn paragraph_per_line_text_is_not_wrapped() {
        let para = "word ".repeat(40);
        let text = format!("Headline\n{para}\n{para}\nAnother headline\n{para}\n");
        assert_eq!(wrap_width(&text), usize::MAX);
        assert_eq!(wrap_width("One line only."), usize::MAX);
        // Short paragraph-per-line text: no line continues in lower case.
        assert_eq!(
            wrap_width("Peru weighs its options\nLima balances.\nChile: a partner\nIt is close.\n"),
            usize::MAX
        );
        // One stray lower-case line start ("iPhone") among many lines is no evidence.
        let stray = "Peru weighs its options\nLima balances.\niPhone sales rose.\nChile: a partner\nIt is close.\nBrazil: the balancer\nBrasília hedges.\n";
        assert_eq!(wrap_width(stray), usize::MAX);
    }

    // Guards the byte-length shortcut of more_chars_than.
    #[test]
    fn more_chars_than_agrees_with_counting() {
        for unit in ["a", "é", "中", "😀"] {
            for len in 0..130 {
                let s = unit.repeat(len);
                for n in [0, 1, 24, 25, 32, 33, 99, 100, 101] {
                    assert_eq!(more_chars_than(&s, n), s.chars().count() > n, "{len} x {unit:?}, n = {n}");
                }
            }
        }
    }

    #[test]
    fn block_markers() {
        assert!(starts_block("# Heading"));
        assert!(starts_block("- item"));
        assert!(starts_block("12. item"));
        assert!(starts_block("3) item"));
        assert!(starts_block("• item"));
        assert!(!starts_block("-5 degrees"));
        assert!(!starts_block("2025. The year"));
        assert!(!starts_block("*bold*"));
        assert!(has_link(b"see https://x.org now"));
        assert!(has_link(b"the [report](/a/b) said"));
        assert!(!has_link(b"Note: the [a] (b) case"));
        assert_eq!(front_matter_end("---\ntitle: A\n---\nBody"), 16);
        assert_eq!(front_matter_end("---\nno end"), 0);
        assert_eq!(front_matter_end("Body\n---\n"), 0);
        assert!(is_rule("---"));
        assert!(is_rule("* * *"));
        assert!(!is_rule("--"));
    }
}
