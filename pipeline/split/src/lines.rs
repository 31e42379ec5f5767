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
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '*' | '_' | '「' | '『' | '（')
}

/// List bullets.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '‣' | '►' | '➢' | '✓' | '✔')
}

/// The number of characters (code points) in `s`.
pub(crate) fn char_len(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
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

/// Lines longer than this are paragraphs, not hard-wrapped lines.
const MAX_WRAPPED_LINE: usize = 100;

/// The column `text` is hard-wrapped at, or `usize::MAX` if it is not
/// hard-wrapped (one paragraph per line, or no evidence of wrapping).
///
/// Evidence of wrapping is a line (of at most 100 characters) followed by a
/// line that starts in lower case: the sentence went on. The text counts as
/// hard-wrapped when such a line exists and at most a quarter of its
/// non-blank lines are longer than 100 characters. The width is the larger
/// of the longest such continued line and the third-longest line of at most
/// 100 characters (robust to one or two over-long lines such as a bare URL).
pub(crate) fn wrap_width(text: &str) -> usize {
    let mut top = [0usize; 3];
    let (mut lines, mut long, mut continued) = (0usize, 0usize, 0usize);
    let mut prev_len = 0usize;
    let mut start = 0;
    let bytes = text.as_bytes();
    // Byte lengths bound character lengths from above: characters are
    // counted only for lines that could change the result.
    let mut record = |line: &str| {
        let trimmed = line.trim_end();
        let blen = trimmed.len();
        if blen == 0 {
            prev_len = 0;
            return;
        }
        if prev_len > continued
            && prev_len <= MAX_WRAPPED_LINE
            && trimmed.trim_start().chars().next().is_some_and(char::is_lowercase)
        {
            continued = prev_len;
        }
        lines += 1;
        let len = if blen > top[2] || blen > continued { char_len(trimmed) } else { blen };
        prev_len = len;
        if len > MAX_WRAPPED_LINE {
            long += 1;
        } else if len > top[2] {
            top[2] = len;
            top.sort_unstable_by(|a, b| b.cmp(a));
        }
    };
    for nl in memchr::memchr_iter(b'\n', bytes) {
        record(&text[start..nl]);
        start = nl + 1;
    }
    record(&text[start..]);
    if continued == 0 || long * 4 > lines {
        usize::MAX
    } else {
        continued.max(top[2])
    }
}

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
    }

    #[test]
    fn paragraph_per_line_text_is_not_wrapped() {
        let para = "word ".repeat(40);
        let text = format!("Headline\n{para}\n{para}\nAnother headline\n{para}\n");
        assert_eq!(wrap_width(&text), usize::MAX);
        assert_eq!(wrap_width("One line only."), usize::MAX);
        // Short paragraph-per-line text: no line continues in lower case.
        assert_eq!(wrap_width("Peru weighs its options\nLima balances.\nChile: a partner\nIt is close.\n"), usize::MAX);
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
        assert!(is_rule("---"));
        assert!(is_rule("* * *"));
        assert!(!is_rule("--"));
    }
}
