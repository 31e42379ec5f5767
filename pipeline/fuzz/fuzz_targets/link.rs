//! Fuzz target for `orbita_link::Linker::link` over the repository's
//! knowledge base: arbitrary bytes, decoded as UTF-8 (lossily), with sentence
//! ranges from `orbita_split::split` and a date picked by the first byte,
//! must never panic; mentions come out ordered, non-overlapping, on
//! character boundaries, with surfaces equal to the text.
//!
//! ```text
//! cd pipeline/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run link -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use orbita_link::{Kb, Linker};
use orbita_text::Date;
use std::sync::OnceLock;

fn linker() -> &'static Linker {
    static L: OnceLock<Linker> = OnceLock::new();
    L.get_or_init(|| {
        let files = [
            ("blockers.tsv", include_str!("../../../data/kb/blockers.tsv")),
            ("countries.tsv", include_str!("../../../data/kb/countries.tsv")),
            ("country_names.tsv", include_str!("../../../data/kb/country_names.tsv")),
            ("organisations.tsv", include_str!("../../../data/kb/organisations.tsv")),
            ("people.tsv", include_str!("../../../data/kb/people.tsv")),
            ("terms.tsv", include_str!("../../../data/kb/terms.tsv")),
        ];
        Linker::new(&Kb::parse(&files).expect("data/kb parses"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(bytes);
    let date = match selector % 3 {
        0 => None,
        1 => Some(Date::new(2005, 6, 1).unwrap()),
        _ => Some(Date::new(2025, 11, 20).unwrap()),
    };
    let sentences = orbita_split::split(&text);
    let mut last_end = 0;
    for m in linker().link(&text, &sentences, date) {
        assert!(m.span.start >= last_end && m.span.start < m.span.end && m.span.end <= text.len());
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert_eq!(m.surface, &text[m.span.clone()]);
        assert!(sentences.is_empty() || m.sentence < sentences.len());
        last_end = m.span.end;
    }
});
