//! Property test of the span contract on generated nasty text: random
//! mixtures of terminators, abbreviations, list markers, quotes, bullets,
//! other scripts, odd whitespace and raw bytes (decoded lossily), from a
//! fixed-seed generator so every run checks the same 20,000 texts.
//! `split` must never panic, and its spans must be ordered, on character
//! boundaries, trimmed, and cover every non-whitespace character.

mod common;

/// xorshift64*: small, deterministic, good enough to vary the inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    ".",
    "?",
    "!",
    "...",
    ". . .",
    " . . . .",
    "…",
    "?!",
    "!!",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "\u{200b}",
    "U.S.",
    "U.S.A.",
    "Mr.",
    "Gen.",
    "e.g.",
    "a.m.",
    "p.m.",
    "No.",
    "Co.",
    "Jan.",
    "J.",
    "I.",
    "p.",
    "1.",
    "2.",
    "10.)",
    "a)",
    "b.",
    "•",
    "⁃",
    "- ",
    "* ",
    "# ",
    "---",
    "—",
    "–",
    "-",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "[...]",
    "«",
    "»",
    "。",
    "！",
    "？",
    "｡",
    "¿",
    "¡",
    "।",
    "؟",
    "é",
    "Ж",
    "中",
    "😀",
    "The",
    "the",
    "It",
    "i",
    "we",
    "Russia",
    "U",
    "5",
    "3.5",
    "$100.00",
    "http://a.b/c.html",
    "x@y.org",
    ":)",
    ":-(",
    ";D",
    "=)",
    "Yahoo!",
    "word",
    "WORD",
    "anti-U.S.",
    ",",
    ";",
    ":",
    "/",
    "&",
    "0",
];

fn nasty(rng: &mut Rng) -> String {
    let len = rng.below(40);
    let mut bytes = Vec::new();
    for _ in 0..len {
        if rng.below(12) == 0 {
            // Raw bytes, possibly invalid UTF-8 (replaced when decoded).
            for _ in 0..=rng.below(4) {
                bytes.push(rng.next() as u8);
            }
        } else {
            bytes.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn spans_keep_the_contract_on_nasty_text() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let text = nasty(&mut rng);
        let spans = std::panic::catch_unwind(|| orbita_split::split(&text))
            .unwrap_or_else(|_| panic!("split panicked on {text:?}"));
        common::check_contract(&text, &spans);
    }
}

#[test]
fn spans_keep_the_contract_on_wrapped_and_list_text() {
    // Longer documents exercise the wrap-width estimate and list look-ahead.
    let mut rng = Rng(42);
    for _ in 0..500 {
        let mut text = String::new();
        for _ in 0..rng.below(30) {
            let line = nasty(&mut rng);
            text.push_str(line.trim_matches('\n'));
            text.push('\n');
            if rng.below(5) == 0 {
                text.push('\n');
            }
        }
        let spans = orbita_split::split(&text);
        common::check_contract(&text, &spans);
    }
}

#[test]
fn contract_on_each_whitespace_position_of_a_real_sentence() {
    // Every prefix and suffix of a sentence with tricky parts.
    let text = "At 5 a.m. Mr. Smith (of the U.S.) said: “Wait… 1.) go. 2.) stop!” • ok。Да. ¿Sí?";
    for (i, _) in text.char_indices() {
        for part in [&text[..i], &text[i..]] {
            let spans = orbita_split::split(part);
            common::check_contract(part, &spans);
        }
    }
}
