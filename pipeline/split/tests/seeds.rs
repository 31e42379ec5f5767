//! The seed corpus (data/raw): one paragraph or headline per line. Every
//! line break there ends a sentence (headlines have no final period), and
//! the splitter's span contract holds.

mod common;

#[test]
fn every_seed_line_break_ends_a_sentence() {
    let dir = common::repo_root().join("data/raw");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("data/raw exists") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        let spans = orbita_split::split(&text);
        common::check_contract(&text, &spans);
        for r in &spans {
            assert!(
                !text[r.clone()].contains('\n'),
                "{}: sentence spans a line break: {:?}",
                path.display(),
                &text[r.clone()]
            );
        }
        // Headline lines (no final punctuation) are sentences of their own.
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !line.ends_with(['.', '?', '!', '"', '”', '»']) {
                assert!(
                    spans.iter().any(|r| &text[r.clone()] == line),
                    "{}: headline line is not its own sentence: {line:?}",
                    path.display()
                );
            }
        }
        seen += 1;
    }
    assert!(seen >= 2, "expected the seed articles in {}", dir.display());
}
