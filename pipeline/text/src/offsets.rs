//! Byte → character offset conversion.

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
        let slice = &self.text.as_bytes()[self.byte..byte];
        // Count bytes that start a character (everything but continuation bytes).
        self.chars += slice.iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

/// Converts a list of byte offsets (any order) into character offsets.
pub fn byte_to_char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let mut conv = CharOffsets::new(text);
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
}
