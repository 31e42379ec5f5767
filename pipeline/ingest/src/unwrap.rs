//! Hard-wrapped text: documents broken into lines of 50–75 characters (the
//! PDF-derived UN General Debate records of 1992–2014, 1969 and 1982) are
//! joined back into one line per paragraph, so that a sentence is never cut
//! at a line end. Applies to plain text and JSONL text (Markdown is joined
//! by its own rules); the stored `documents.text` is the unwrapped text, so
//! every offset points into it.
//!
//! **Detection**, per document: at least [`MIN_LINES`] non-blank lines, the
//! 90th percentile of line lengths at most [`MAX_WRAP_WIDTH`] characters, and
//! at least half of the line breaks inside a paragraph after a line that does
//! not end a sentence. On the UN General Debate Corpus the wrapped years have
//! a median 90th-percentile length of 50–78 and 83–90% such breaks; every
//! other year has lines of hundreds of characters and at most 30%.
//!
//! **Joining** a line `a` with the next line `b` of the same paragraph:
//! - the break stays when `b` starts a numbered or bulleted item ("12. ",
//!   "(a) ", "- ") or when `a` ends a sentence and is shorter than 80% of the
//!   wrap width (a paragraph's last line);
//! - a word broken after a hyphen ("well-\nknown") is joined **keeping the
//!   hyphen**, unless the document itself writes the joined word and never
//!   the hyphenated one ("Chit-\nral" in a text that says "Chitral"
//!   elsewhere). Measured on the 7,804 line-end hyphens of the corpus's
//!   wrapped years, using the corpus-wide majority spelling as the answer
//!   (7,450 decidable): keeping every hyphen is right for 7,084 (95.1%),
//!   dropping every hyphen for 366 (4.9%), this rule for 7,100 (95.3%); the
//!   misses are mostly spelling variants that were both in use
//!   ("peace-keeping"/"peacekeeping"). PDF syllable hyphenation proper is rare
//!   in this corpus;
//! - otherwise with one space.

use std::borrow::Cow;
use std::collections::HashSet;

/// Fewest non-blank lines a document needs to be taken as hard-wrapped.
pub const MIN_LINES: usize = 5;
/// Largest 90th-percentile line length (characters) of a hard-wrapped document.
pub const MAX_WRAP_WIDTH: usize = 100;

/// Whether a line ends a sentence: `.`, `!`, `?` or `:`, possibly followed
/// by closing quotes or brackets.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ':'])
}

/// Whether a line starts a numbered or bulleted item: "12. ", "12) ",
/// "(a) ", "a) ", "- ", "* ", "• ".
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '*', '•', '–', '—']) && t[t.chars().next().map_or(0, char::len_utf8)..].starts_with([' ', '\t']) {
        return true;
    }
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) && matches!(b.get(digits + 1), Some(b' ' | b'\t')) {
        return true;
    }
    // "(a) ", "(iv) ", "a) "
    let inner = t.strip_prefix('(').unwrap_or(t);
    let letters = inner.bytes().take_while(u8::is_ascii_lowercase).count();
    (1..=4).contains(&letters) && inner[letters..].starts_with(") ")
}

/// The text's characters per line, 90th percentile, over non-blank lines;
/// `None` when the document is not hard-wrapped (see the module docs).
pub fn wrap_width(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut lens: Vec<usize> = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.chars().count()).collect();
    if lens.len() < MIN_LINES {
        return None;
    }
    lens.sort_unstable();
    let p90 = lens[(lens.len() * 9 / 10).min(lens.len() - 1)];
    if p90 > MAX_WRAP_WIDTH {
        return None;
    }
    let (mut breaks, mut open) = (0usize, 0usize);
    for pair in lines.windows(2) {
        if pair[0].trim().is_empty() || pair[1].trim().is_empty() {
            continue;
        }
        breaks += 1;
        open += usize::from(!ends_sentence(pair[0]));
    }
    (breaks > 0 && open * 2 >= breaks).then_some(p90)
}

/// Words of the text as written, lower-cased (hyphenated words whole), for
/// the hyphenation rule.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The last word of `a` before its final hyphen, and the first word of `b`,
/// when `a` ends with a letter and a hyphen and `b` starts with a letter.
fn broken_word<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let head = a.strip_suffix('-')?;
    let start = head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let first = &head[start..];
    let end = b.find(|c: char| !c.is_alphabetic()).unwrap_or(b.len());
    let second = &b[..end];
    (!first.is_empty() && !second.is_empty()).then_some((first, second))
}

/// Unwraps a hard-wrapped text (see the module docs); any other text is
/// returned as it is. The input is normalised text (lines without trailing
/// whitespace); so is the output.
pub fn unwrap_lines(text: &str) -> Cow<'_, str> {
    let Some(width) = wrap_width(text) else { return Cow::Borrowed(text) };
    let mut vocabulary: Option<HashSet<String>> = None;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(a) = lines.next() {
        out.push_str(if out.ends_with('\n') || out.is_empty() { a } else { a.trim_start() });
        let Some(b) = lines.peek() else { break };
        let b_text = b.trim_start();
        let a_text = a.trim_end();
        let paragraph_end = a_text.is_empty()
            || b_text.is_empty()
            || starts_item(b_text)
            || (ends_sentence(a_text) && a_text.chars().count() * 5 < width * 4);
        if paragraph_end {
            out.push('\n');
        } else if let Some((first, second)) = broken_word(a_text, b_text) {
            let vocab = vocabulary.get_or_insert_with(|| words(text));
            let joined = format!("{first}{second}").to_lowercase();
            let hyphenated = format!("{first}-{second}").to_lowercase();
            if vocab.contains(&joined) && !vocab.contains(&hyphenated) {
                out.pop();
            }
        } else {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: &str = "I extend to you, Sir, my
delegation's felicitations on your well-deserved election
as President of the General Assembly at its fiftieth
session. We have no doubt that with your experience and
wisdom, you will add much to this historic session. We
also pay tribute to your predecessor, who presided over
the Assembly with great distinction.
To the Republic of Palau, a new Member of our
Organization, I would like to say welcome. The well-
known dangers of the region of Chit-
ral remain. In Chitral the people suffer.";

    #[test]
    fn wrapped_paragraphs_become_lines_and_sentences_stay_whole() {
        let out = unwrap_lines(WRAPPED);
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].starts_with("I extend to you, Sir, my delegation's felicitations on your well-deserved election as President"));
        assert!(lines[0].ends_with("with great distinction."));
        assert!(lines[1].contains("say welcome. The well-known dangers of the region of Chitral remain."), "{}", lines[1]);
    }

    #[test]
    fn hyphen_kept_unless_the_document_writes_the_joined_word() {
        let base = "line one of the text that goes on\nline two of the text that goes on\nline three of the text going on\n";
        let keep = format!("{base}a so-\ncalled plan and some more words here\nand more words follow here to end");
        assert!(unwrap_lines(&keep).contains("a so-called plan"));
        let join = format!("{base}the inter-\nnational order and the international\ncommunity and the rest of the words");
        assert!(unwrap_lines(&join).contains("the international order"));
        // A capitalised second part keeps its hyphen ("Franco-German") by the same rule.
        let cap = format!("{base}the Franco-\nGerman plan and some more words to\nsay about it at the end of the line");
        assert!(unwrap_lines(&cap).contains("Franco-German plan"));
    }

    #[test]
    fn numbered_paragraphs_and_items_keep_their_breaks() {
        let text = "12. The delegation of Benin wishes to state\nits views on a number of questions that\nmatter to us all and to the world at large\n13. Politics are determined by events and\nby the circumstances of the time we live in\n(a) the first item of a list that goes on\nand on";
        let out = unwrap_lines(text);
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[1].starts_with("13. Politics"));
        assert!(lines[2].starts_with("(a) the first"));
    }

    #[test]
    fn unwrapped_text_is_left_alone() {
        // One paragraph per line (most of the corpus, and the seed articles).
        let text = "Bogota recalled its ambassador on Monday after a long dispute over trade and migration policy between the two governments.\nMoscow replied.\n\nEnd.";
        assert!(matches!(unwrap_lines(text), Cow::Borrowed(_)));
        // Short lines that end sentences (a list of statements, a poem) are not wrapped text.
        let short = "One.\nTwo.\nThree.\nFour.\nFive.\nSix.";
        assert!(matches!(unwrap_lines(short), Cow::Borrowed(_)));
        // Too few lines to tell.
        assert!(matches!(unwrap_lines("a\nb\nc"), Cow::Borrowed(_)));
    }

    #[test]
    fn blank_lines_stay_paragraph_breaks() {
        let text = "first paragraph line one and it goes\non to line two of the first\n\nsecond paragraph line one goes on\nand on to line two of it\nand a third line to finish";
        assert_eq!(
            unwrap_lines(text),
            "first paragraph line one and it goes on to line two of the first\n\nsecond paragraph line one goes on and on to line two of it and a third line to finish"
        );
    }
}
