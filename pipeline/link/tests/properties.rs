//! Invariants of `Linker::link` on many generated texts made of tricky
//! fragments (names, homonyms, non-ASCII letters, wrapped lines, runs of
//! spaces, URLs): no panic, mentions ordered and non-overlapping, spans on
//! character boundaries, surfaces equal to the text, sentence indexes valid.
//! A deterministic generator stands in for a fuzzer in `cargo test`.

mod common;
use common::linker;
use orbita_text::Date;

const FRAGMENTS: &[&str] = &[
    "Russia", "Russia's", "the Russian Federation", "Colombians", "Bogotá", "Bogota", "U.S.", "US", "us", "USA",
    "United", "States", "of", "America", "Latin America", "New", "Mexico", "Mexico City", "Georgia", "Atlanta,",
    "Jordan", "Michael", "Chad", "Wolf", "Turkey", "Türkiye", "Guinea-Bissau", "Guinea", "Niger", "Nigeria",
    "Dominica", "Dominican Republic", "Washington", "State", "Lula", "Bolsonaro", "Castro", "Xiomara", "Fidel",
    "Paz", "Rodrigo", "President", "Dr.", "the West", "West Bank", "NATO", "ALBA", "U.S.C.", "American",
    "-American", "Spanish", "speaks", "Saudi", "Arabia", "Côte d’Ivoire", "Kremlin", "White House", "Ciomara",
    "https://x.com/Jim_Jordan", "Статьи", "。", "—", "’s", "é", "\u{a0}", "\n", "\n    ", "  ", "\t", ",", ".",
    " ", " ", " ", "(", ")", "-", "'", "s", "the", "and", "in", "Native", "Americans", "Paris Agreement",
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn linking_generated_texts_keeps_its_invariants() {
    let mut rng = Lcg(42);
    let dates = [None, Some(Date::new(2005, 6, 1).unwrap()), Some(Date::new(2025, 11, 20).unwrap())];
    for case in 0..3000 {
        let n = 1 + rng.next() % 40;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(FRAGMENTS[rng.next() % FRAGMENTS.len()]);
            if rng.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let sentences = orbita_split::split(&text);
        let date = dates[case % dates.len()];
        let mentions = linker().link(&text, &sentences, date);
        let mut last_end = 0;
        for m in &mentions {
            assert!(m.span.start >= last_end, "overlap or disorder in {text:?}: {mentions:?}");
            assert!(m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert_eq!(m.surface, &text[m.span.clone()]);
            assert!(sentences.is_empty() && m.sentence == 0 || m.sentence < sentences.len());
            assert!((0.0..=1.0).contains(&m.confidence));
            assert!(m.country.as_deref().is_none_or(|c| c.len() == 3));
            last_end = m.span.end;
        }
        // Garbage sentence ranges must not panic either.
        #[allow(clippy::reversed_empty_ranges)]
        let garbage = [5..2, 0..1_000_000];
        let _ = linker().link(&text, &garbage, date);
    }
}

/// Regression (White House title blocks, "THE UNITED STATES OF\n\nAMERICA"):
/// a name the splitter cut in two is not linked across the boundary, so every
/// mention lies inside the sentence it is attributed to.
#[test]
fn no_mention_spans_a_sentence_boundary() {
    let text = "The Representative of the United States of\n\nAmerica to the UN spoke. The Kingdom\n\nof Cambodia agreed.";
    let sentences = vec![0..42, 44..68, 69..80, 82..101];
    assert_eq!(&text[sentences[0].clone()], "The Representative of the United States of");
    assert_eq!(&text[sentences[3].clone()], "of Cambodia agreed.");
    let mentions = common::linker().link(text, &sentences, None);
    assert!(!mentions.is_empty());
    for m in &mentions {
        let s = &sentences[m.sentence];
        assert!(s.start <= m.span.start && m.span.end <= s.end, "{:?} crosses sentence {:?}", m.surface, s);
    }
}
