//! Byte → character offset conversion.

/// The number of characters (code points) in the UTF-8 bytes `s`: the bytes
/// that are not continuation bytes. Counted in chunks of 255 bytes with a
/// byte-wide sum, which cannot overflow and which the compiler vectorises.
pub fn char_count(s: &[u8]) -> usize {
    s.chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40))))
        .sum()
}

/// Converts increasing byte offsets of one text into character offsets in
/// amortised O(1) per call (it walks forward from the last position; a call
/// with a smaller offset restarts from the beginning).
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// A converter over `text`.
    pub fn new(text: &'a str) -> Self {
        CharOffsets { text, byte: 0, chars: 0 }
    }

    /// The character offset of byte offset `byte` (which must lie on a
    /// character boundary, or at the end of the text).
    pub fn to_char(&mut self, byte: usize) -> usize {
        assert!(self.text.is_char_boundary(byte), "byte offset {byte} is not a character boundary");
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += char_count(&self.text.as_bytes()[self.byte..byte]);
        self.byte = byte;
        self.chars
    }
}

/// Converts a list of byte offsets (any order) into character offsets.
///
/// In an ASCII text (most documents) they are the same numbers. Otherwise
/// the text is walked forward once, in the order of the offsets; a list
/// that is already in increasing order (one document's sentence bounds)
/// needs no sort.
pub fn byte_to_char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        for &b in bytes {
            assert!(b <= text.len(), "byte offset {b} is not a character boundary");
        }
        return bytes.to_vec();
    }
    let mut conv = CharOffsets::new(text);
    if bytes.is_sorted() {
        return bytes.iter().map(|&b| conv.to_char(b)).collect();
    }
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    for i in order {
        out[i] = conv.to_char(bytes[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        let text = "Статьи — Bogotá 。end";
        let mut conv = CharOffsets::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(conv.to_char(b), text[..b].chars().count());
        }
        assert_eq!(conv.to_char(text.len()), text.chars().count());
        assert_eq!(conv.to_char(0), 0);
    }

    #[test]
    fn converts_unordered_lists() {
        let text = "añb";
        assert_eq!(byte_to_char_offsets(text, &[4, 0, 1, 3]), vec![3, 0, 1, 2]);
    }

    /// A small deterministic generator (no dependency).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize % n
        }
    }

    // Guards the shortcuts of byte_to_char_offsets (ASCII text, sorted list,
    // chunked count) against the plain definition, text[..b].chars().count(),
    // on ASCII, Latin, Cyrillic, CJK and emoji texts longer than a count chunk.
    #[test]
    fn agrees_with_counting_chars_on_random_texts_and_lists() {
        let alphabets: [&[char]; 5] = [
            &['a', 'b', ' ', '.', '\n'],
            &['a', 'é', 'ñ', ' ', 'ü'],
            &['д', 'a', 'ж', ' '],
            &['中', '文', '。', 'a', ' '],
            &['😀', '🇺', 'a', '’', ' ', '𝔸'],
        ];
        let mut rng = Lcg(7);
        for round in 0..400 {
            let alphabet = alphabets[round % alphabets.len()];
            let len = rng.below(700);
            let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let n = rng.below(60);
            let mut bytes: Vec<usize> = (0..n).map(|_| bounds[rng.below(bounds.len())]).collect();
            match round % 3 {
                0 => bytes.sort(),
                1 => {
                    // Three sorted runs, like a document's sentences, mentions and evidence spans.
                    let (a, b) = (rng.below(n + 1), rng.below(n + 1));
                    let (a, b) = (a.min(b), a.max(b));
                    bytes[..a].sort();
                    bytes[a..b].sort();
                    bytes[b..].sort();
                }
                _ => {}
            }
            let want: Vec<usize> = bytes.iter().map(|&b| text[..b].chars().count()).collect();
            assert_eq!(byte_to_char_offsets(&text, &bytes), want, "{text:?} {bytes:?}");
            let mut conv = CharOffsets::new(&text);
            for (&b, &w) in bytes.iter().zip(&want) {
                assert_eq!(conv.to_char(b), w);
            }
            assert_eq!(char_count(text.as_bytes()), text.chars().count());
        }
    }

    #[test]
    #[should_panic(expected = "not a character boundary")]
    fn rejects_an_offset_past_the_end_of_an_ascii_text() {
        byte_to_char_offsets("abc", &[1, 4]);
    }

    #[test]
    #[should_panic(expected = "not a character boundary")]
    fn rejects_an_offset_inside_a_character() {
        byte_to_char_offsets("añb", &[2]);
    }
}
