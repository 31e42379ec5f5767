//! Time expressions that place a stance in years: "in 2023", "(2007–2017)",
//! "since 2014", "before 2022", "the 2010s"; and, in [`offices`], time from a
//! leader's term ("under the Kirchners' leadership", "since Petro took office").
//!
//! ```ignore
//! // "During Correa's presidency (2007–2017), ..." -> Some((Some(2007), Some(2017)))
//! ```

use crate::tokens::{Tok, YEAR_SHAPED};

pub mod offices;

/// A year span; either end may be open.
pub(crate) type Years = (Option<i32>, Option<i32>);

fn year_of(t: &Tok) -> Option<(i32, bool)> {
    if !t.is_plain_word() {
        return None;
    }
    let w = t.word.as_str();
    let (digits, decade) = match w.strip_suffix('s') {
        Some(d) => (d, true),
        None => (w, false),
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    if !(1900..=2100).contains(&y) || (decade && y % 10 != 0) {
        return None;
    }
    Some((y, decade))
}

/// The first time expression among `toks`, as a year span.
pub(crate) fn find_years(toks: &[Tok]) -> Option<(usize, Years)> {
    for (i, t) in toks.iter().enumerate() {
        if !t.word.has(YEAR_SHAPED) {
            continue;
        }
        let Some((y, decade)) = year_of(t) else { continue };
        if decade {
            return Some((i, (Some(y), Some(y + 9))));
        }
        // Range: Y – Y / Y - Y / Y to Y.
        let mut j = i + 1;
        if j < toks.len() && (matches!(toks[j].punct, Some('-') | Some('–') | Some('—')) || toks[j].is_word("to")) {
            j += 1;
            if let Some((y2, false)) = toks.get(j).and_then(year_of) {
                if y2 >= y {
                    return Some((i, (Some(y), Some(y2))));
                }
            }
        }
        let prev = if i > 0 { toks[i - 1].word.as_str() } else { "" };
        let prev2 = if i > 1 { toks[i - 2].word.as_str() } else { "" };
        let span = match (prev, prev2) {
            ("since", _) | (_, "since") => (Some(y), None),
            ("before", _) | (_, "before") => (None, Some(y - 1)),
            ("until", _) | ("till", _) | ("through", _) => (None, Some(y)),
            ("after", _) | (_, "after") => (Some(y), None),
            _ => (Some(y), Some(y)),
        };
        return Some((i, span));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok<'_>> {
        let lex = crate::lexicon::Lexicon::parse(&[("cues.tsv", "phrase\tlabel\tkind\tconfidence\nally\t2\tnoun\t1\n")]).unwrap();
        crate::tokens::tokenize(s, 0..s.len(), &[], &lex)
    }

    #[test]
    fn reads_points_ranges_and_open_spans() {
        assert_eq!(find_years(&toks("In 2023, when")).unwrap().1, (Some(2023), Some(2023)));
        assert_eq!(find_years(&toks("presidency (2007–2017)")).unwrap().1, (Some(2007), Some(2017)));
        assert_eq!(find_years(&toks("Before 2022, it")).unwrap().1, (None, Some(2021)));
        assert_eq!(find_years(&toks("since 2014")).unwrap().1, (Some(2014), None));
        assert_eq!(find_years(&toks("in the 2010s")).unwrap().1, (Some(2010), Some(2019)));
        assert_eq!(find_years(&toks("In August 2022 Petro")).unwrap().1, (Some(2022), Some(2022)));
        assert!(find_years(&toks("about $500 billion, 12345 people")).is_none());
    }
}
