//! The words of a sentence: lower-cased runs of alphanumerics with their byte spans, what the
//! candidate listing and the features read.

use std::ops::Range;

/// A lower-cased word of a sentence and its byte span in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Lower-cased text.
    pub text: String,
    /// Byte span in the document text.
    pub span: Range<usize>,
}

/// The words (runs of alphanumerics, lower-cased) of `text[range]`.
pub fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let piece = &text[range.clone()];
    for (i, c) in piece.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { text: piece[s..i].to_lowercase(), span: range.start + s..range.start + i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { text: piece[s..].to_lowercase(), span: range.start + s..range.end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_alphanumeric_runs_with_spans() {
        let w = words("x Russia's allies.", 2..18);
        let t: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(t, ["russia", "s", "allies"]);
        assert_eq!(w[2].span, 11..17);
    }
}
