use super::scan::{alnum, alnum_run, four_digits};
use super::*;
use orbita_text::LinkMethod;

fn lex() -> Lexicon {
    Lexicon::parse(&[
        ("cues.tsv", "phrase\tlabel\tkind\tconfidence\nally\t2\tnoun\t0.9\n"),
        ("sides.tsv", "phrase\tside\nthe west\tWEST\nwestern hemisphere\t-\n"),
        ("anaphora.tsv", "phrase\trefers\nthe republic\tcountry\n"),
    ])
    .unwrap()
}

fn m(text: &str, surface: &str, id: &str) -> Mention {
    let start = text.find(surface).unwrap();
    Mention {
        sentence: 0,
        span: start..start + surface.len(),
        surface: surface.into(),
        entity_id: id.into(),
        kind: EntityKind::Country,
        country: Some(id.into()),
        method: LinkMethod::Exact,
        confidence: 1.0,
    }
}

#[test]
fn general_punctuation_holds_no_letter_or_digit() {
    // Guards the shortcut in `alnum`.
    for c in '\u{2000}'..='\u{206F}' {
        assert!(!c.is_alphanumeric(), "{c:?}");
    }
    for c in ['a', 'Z', '7', 'é', 'Я', '’', '—', '\u{2070}', '\u{2071}', '\u{3000}'] {
        assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
    }
}

/// The lexicon of `data/lexicon`.
fn lex_files() -> Lexicon {
    let files = crate::testdata::files("lexicon", ".tsv");
    let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    Lexicon::parse(&files).unwrap()
}

#[test]
fn reach_reads_every_trigger_word_in_any_case_and_place() {
    // Guards the register lookup of short words in `reach` against the lexicon's own trigger table.
    let t = Tokenizer::new(&lex_files());
    assert!(t.short_triggers.len() > 20);
    for (w, &classes) in &t.triggers {
        let w = std::str::from_utf8(w).unwrap();
        let upper = w.to_uppercase();
        let title: String = w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
        for form in [w, upper.as_str(), title.as_str()] {
            // First word (read first), last word (near the end: the slower path), before an apostrophe.
            for text in [format!("{form} zq, quokka."), format!("zq {form}"), format!("{form}'x zq")] {
                let r = t.reach(&text, 0..text.len(), Recall::ALL);
                assert_eq!(r.0 & classes, classes, "{text:?}");
            }
        }
        // A longer word is not the trigger.
        let text = format!("{w}zq quokka, zebra");
        assert_eq!(t.reach(&text, 0..text.len(), Recall::ALL).0 & !t.not_classes, 0, "{text:?}");
    }
}

#[test]
fn blocked_surfaces_have_the_initial_and_lengths_of_a_blocked_phrase() {
    // Guards the length and first-letter tests in `is_blocked`: every name of the knowledge base, and every
    // blocked phrase as written in several ways, is blocked exactly when its words spell one.
    let t = Tokenizer::new(&lex_files());
    let mut surfaces: Vec<String> = Vec::new();
    for p in &t.blocked {
        let words: Vec<String> = p.iter().map(|w| w.to_uppercase()).collect();
        let title: Vec<String> = p.iter().map(|w| w[..1].to_uppercase() + &w[1..]).collect();
        surfaces.extend([p.join(" "), words.join(" "), title.join(" "), title.join("-"), format!("({}.)", words.join("."))]);
        // Near misses: the lengths of the phrase, another last letter.
        let joined = p.join(" ");
        surfaces.push(format!("{}q", &joined[..joined.len() - 1]));
    }
    let dir = format!("{}/../../data/kb", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
        surfaces.extend(text.split(['\t', '\n', '|', ';', ',']).map(str::to_string));
    }
    assert!(surfaces.len() > 1000);
    let mut blocked = 0;
    for s in &surfaces {
        assert_eq!(t.is_blocked(s), t.spells_blocked(s), "{s:?}");
        blocked += usize::from(t.is_blocked(s));
    }
    assert!(blocked >= 5 * t.blocked.len(), "{blocked}");
}

#[test]
fn alnum_runs_end_at_the_first_other_byte() {
    // Guards `alnum_run`: every byte value at every place of the first two chunks and the tail.
    let fills = [b'a', b'Z', b'7'];
    for len in 0..20 {
        for at in 0..len {
            for b in 0..=255u8 {
                for &fill in &fills {
                    let mut s = vec![fill; len];
                    s[at] = b;
                    let want = s.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(len);
                    assert_eq!(alnum_run(&s), want, "{s:?}");
                }
            }
        }
    }
}

#[test]
fn words_read_in_registers_are_the_words_read_slowly() {
    // Guards `lower_at` (two `u64` halves, a short word's high half empty; a lower-case word borrowed
    // from the text, another's sixteen bytes copied and cut to it) against `lower`: every
    // lexicon word of up to sixteen bytes and words of every length, in three cases, with years.
    let t = Tokenizer::new(&lex_files());
    let mut words: Vec<String> = t.vocab.keys().filter(|w| w.len() <= 16 && w.is_ascii()).map(|w| w.to_string()).collect();
    for n in 1..=16 {
        words.push("abcdefghijklmnopq"[..n].to_string());
        words.push("2023s1990X7zZqQ9"[..n].to_string());
    }
    words.extend(["1990s", "2023", "20x5", "0000", "99999"].map(String::from));
    assert!(words.len() > 300, "{}", words.len());
    for w in &words {
        let title = w[..1].to_uppercase() + &w[1..];
        for form in [w.clone(), w.to_uppercase(), title] {
            // (After the word, sixteen bytes in may end inside a character: "é" is two bytes.)
            for text in [format!("{form} and some more text after it"), format!("{form}éééééééééé"), format!("{form} éééééééééé")] {
                let (fast, slow) = (t.lower_at(&text, 0..form.len(), true), t.lower(&form, true));
                assert_eq!((fast.as_str(), fast.id, fast.classes), (slow.as_str(), slow.id, slow.classes), "{text:?}");
            }
        }
    }
}

#[test]
fn four_digits_are_ascii_digits() {
    // Guards the shortcut in `lower_at`: every 4-byte value whose bytes are in 0x20..0x80 or a few others.
    let bytes: Vec<u8> = (0x20..0x80).chain([0x00, 0x0F, 0x10, 0xB0, 0xB9, 0xF0, 0xFF]).collect();
    for &a in &bytes {
        for &b in &bytes {
            for (c, d) in [(b'2', b'0'), (a, b), (b, a), (b'9', a)] {
                let x = [a, b, c, d];
                assert_eq!(four_digits(u32::from_le_bytes(x)), x.iter().all(u8::is_ascii_digit), "{x:?}");
            }
        }
    }
}

#[test]
fn clause_openers_carry_their_class() {
    // Guards `split_clauses`, which reads the class instead of the list.
    let text = "But HOWEVER the butter, Although whereas whilst, yet if unless\nthough While butt.";
    for t in tokenize(text, 0..text.len(), &[], &lex()) {
        assert_eq!(t.word.has(CLAUSE_OPENER), crate::words::CLAUSE_OPENERS.contains(&t.word.as_str()), "{:?}", t.word);
    }
}

#[test]
fn determiners_prepositions_and_clause_openers_carry_their_class() {
    // Guards `prev_word`, `oblique_flags`, `split_clauses` and the "non-" pass, which read the classes instead of the lists:
    // every word of the lists in three cases, and near misses, with the real lexicon.
    let t = Tokenizer::new(&lex_files());
    let lists = [
        (DETERMINER, crate::words::DETERMINERS),
        (OBLIQUE_PREP, crate::words::OBLIQUE),
        (CLAUSE_OPENER, crate::words::CLAUSE_OPENERS),
        (SUBORDINATOR, crate::words::SUBORDINATORS),
        (NON, &["non"]),
        (SO, &["so"]),
    ];
    let mut text = String::from("thee anx wit bye into's onto its' The. ");
    for (_, list) in lists {
        for w in list {
            let title = w[..1].to_uppercase() + &w[1..];
            text += &format!("{w} {} {title}, {w}s x{w} ", w.to_uppercase());
        }
    }
    let toks = t.tokenize(&text, 0..text.len(), &[]);
    assert!(toks.len() > 300);
    for tok in &toks {
        for (class, list) in lists {
            assert_eq!(tok.word.has(class), list.contains(&tok.word.as_str()), "{:?}", tok.word);
        }
    }
}

#[test]
fn splits_possessives_and_contractions() {
    let text = "Russia's ally doesn't fail.";
    let ms = [m(text, "Russia", "RUS")];
    let refs: Vec<(usize, &Mention)> = ms.iter().enumerate().collect();
    let t = tokenize(text, 0..text.len(), &refs, &lex());
    assert_eq!(t[0].ent.as_ref().unwrap().side, "RUS");
    let words: Vec<&str> = t[1..].iter().map(|t| t.word.as_str()).collect();
    assert_eq!(words, vec!["'s", "ally", "does", "not", "fail", ""]);
}

#[test]
fn a_side_after_non_is_no_side() {
    // "Non" in any case, and only glued to its hyphen, unmakes the side after it.
    for (text, slot) in [("a major non-NATO ally", false), ("a major NON-NATO ally", false), ("a major non - NATO ally", true), ("a NATO ally", true)] {
        let mut nato = m(text, "NATO", "NATO");
        nato.country = None;
        nato.kind = EntityKind::Organisation;
        let t = tokenize(text, 0..text.len(), &[(0, &nato)], &lex());
        let tok = t.iter().find(|t| t.start == text.find("NATO").unwrap()).unwrap();
        assert_eq!(tok.ent.is_some(), slot, "{text}");
        assert_eq!(tok.word == "\u{1}", !slot, "{text}");
    }
}

#[test]
fn side_phrases_and_anaphors_become_slots() {
    let text = "The republic sides with the West in the Western Hemisphere.";
    let t = tokenize(text, 0..text.len(), &[], &lex());
    assert_eq!(t[0].ent.as_ref().unwrap().anaphor, Some(Refers::Country));
    assert!(t.iter().any(|t| t.ent.as_ref().is_some_and(|e| e.side == "WEST")));
    assert!(t.iter().any(|t| t.word == "\u{1}"), "the hemisphere is blocked");
}
