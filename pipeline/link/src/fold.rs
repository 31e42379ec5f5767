//! Diacritic folding of knowledge-base names: "Bogotá" → "Bogota",
//! "Côte d’Ivoire" → "Cote d'Ivoire". The linker registers both spellings,
//! so the text itself is never copied or rewritten.
//!
//! ```
//! assert_eq!(orbita_link::fold::fold("Díaz-Canel"), "Diaz-Canel");
//! ```

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The name without diacritics, with typographic apostrophes made plain and
/// letters that do not decompose (ø, ł, æ, ß, đ) spelled in ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'ß' => out.push_str("ss"),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn strips_accents_and_plain_apostrophes() {
        assert_eq!(fold("Bogotá"), "Bogota");
        assert_eq!(fold("Côte d’Ivoire"), "Cote d'Ivoire");
        assert_eq!(fold("Türkiye"), "Turkiye");
        assert_eq!(fold("Łódź"), "Lodz");
        assert_eq!(fold("Colombia"), "Colombia");
    }
}
