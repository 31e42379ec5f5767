//! Fuzz target for `orbita_split::split`: arbitrary bytes, decoded as UTF-8
//! (lossily), must never panic, and the spans must be ordered, on character
//! boundaries, trimmed, and cover every non-whitespace character.
//!
//! ```text
//! cd pipeline/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run split -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let spans = orbita_split::split(&text);
    let mut prev = 0usize;
    for r in &spans {
        assert!(r.start < r.end, "empty span");
        assert!(r.start >= prev, "spans out of order or overlapping");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "span splits a character"
        );
        assert!(
            text[prev..r.start].chars().all(char::is_whitespace),
            "non-whitespace between sentences"
        );
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "span not trimmed");
        prev = r.end;
    }
    assert!(
        text[prev..].chars().all(char::is_whitespace),
        "non-whitespace after the last sentence"
    );
});
