use super::*;
use orbita_text::{ActorVia, LinkMethod};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Sentences split at ". ", the people's mentions found by surface, and records per sentence.
struct Doc {
    text: String,
    sentences: Vec<std::ops::Range<usize>>,
    mentions: Vec<Mention>,
}

fn doc(text: &str, people: &[(&str, &str, &str)]) -> Doc {
    let sentences = crate::testdata::sentences_at_periods(text);
    let mut mentions = Vec::new();
    for &(surface, id, country) in people {
        let at = text.find(surface).unwrap();
        let sentence = sentences.iter().position(|r| r.contains(&at)).unwrap();
        mentions.push(Mention {
            sentence,
            span: at..at + surface.len(),
            surface: surface.into(),
            entity_id: id.into(),
            kind: EntityKind::FormerLeader,
            country: Some(country.into()),
            method: LinkMethod::Exact,
            confidence: 1.0,
        });
    }
    mentions.sort_by_key(|m| m.span.start);
    Doc { text: text.into(), sentences, mentions }
}

fn rec(sentence: usize, actor: &str, target: &str, years: (Option<i32>, Option<i32>)) -> StanceRecord {
    StanceRecord {
        sentence,
        actor: actor.into(),
        target: target.into(),
        label: 1,
        confidence: 0.9,
        cue: "close".into(),
        negated: false,
        hedged: false,
        year_from: years.0,
        year_to: years.1,
        attributed_to: None,
        evidence: 0..1,
        actor_mention: None,
        target_mention: None,
        actor_via: ActorVia::Named,
    }
}

/// Terms of a small made-up knowledge base.
fn terms(q: OfficeQuery<'_>) -> Vec<(Date, Option<Date>)> {
    let m = match q {
        OfficeQuery::Terms(m) => m,
        // Freedonia's leader before Firefly.
        OfficeQuery::Predecessor { country: "FRE", date } if date == d("2023-12-10") => return vec![(d("2019-12-10"), Some(d("2023-12-10")))],
        OfficeQuery::Predecessor { .. } => return Vec::new(),
    };
    match (m.entity_id.as_str(), m.surface.as_str()) {
        // A family in the plural: both brothers' terms.
        (_, "Castros") => vec![(d("1976-12-02"), Some(d("2008-02-24"))), (d("2008-02-24"), Some(d("2018-04-19")))],
        ("person:bolsonaro", _) => vec![(d("2019-01-01"), Some(d("2023-01-01")))],
        ("person:petro", _) => vec![(d("2022-08-07"), None)],
        ("person:lula", _) => vec![(d("2003-01-01"), Some(d("2011-01-01"))), (d("2023-01-01"), None)],
        ("person:firefly", _) => vec![(d("2023-12-10"), None)],
        ("person:correa", _) => vec![(d("2007-01-15"), Some(d("2017-05-24")))],
        _ => Vec::new(),
    }
}

fn place(doc: &Doc, date: &str, recs: &mut [StanceRecord]) {
    let view = DocView { text: &doc.text, sentences: &doc.sentences, mentions: &doc.mentions, date: Some(d(date)), speaker: None };
    place_by_offices(&view, recs, &terms);
}

fn years(r: &StanceRecord) -> (Option<i32>, Option<i32>) {
    (r.year_from, r.year_to)
}

#[test]
fn a_possessive_office_covers_the_term() {
    let x = doc("During Bolsonaro's presidency, Brazil leaned toward Washington.", &[("Bolsonaro", "person:bolsonaro", "BRA")]);
    let mut r = [rec(0, "BRA", "USA", (None, Some(2024)))];
    place(&x, "2025-03-01", &mut r);
    assert_eq!(years(&r[0]), (Some(2019), Some(2022)));
}

#[test]
fn a_family_in_the_plural_covers_the_joined_terms() {
    let x = doc("Under the Castros, Havana remained a faithful friend of Moscow.", &[("Castros", "person:raul-castro", "CUB")]);
    let mut r = [rec(0, "CUB", "RUS", (None, None))];
    place(&x, "2024-06-01", &mut r);
    // Fidel Castro became head of state in December 1976: his first year is 1977.
    assert_eq!(years(&r[0]), (Some(1977), Some(2018)));
}

#[test]
fn of_phrases_and_titles_between_frame_and_name() {
    let x = doc(
        "Under the leadership of President Luiz Inácio Lula, Brasilia courted Beijing. During the Bolsonaro government the tone toward Beijing cooled.",
        &[("Luiz Inácio Lula", "person:lula", "BRA"), ("Bolsonaro", "person:bolsonaro", "BRA")],
    );
    let mut r = [rec(0, "BRA", "CHN", (None, None)), rec(1, "BRA", "CHN", (None, Some(2024)))];
    place(&x, "2025-03-01", &mut r);
    // The term begun before the document's date is the latest: Lula's second, still running.
    assert_eq!(years(&r[0]), (Some(2023), None));
    assert_eq!(years(&r[1]), (Some(2019), Some(2022)));
}

#[test]
fn since_taking_office_runs_from_the_first_year() {
    let x = doc("Since Petro took office, Bogota has kept Washington at arm's length.", &[("Petro", "person:petro", "COL")]);
    let mut r = [rec(0, "COL", "USA", (None, None))];
    place(&x, "2025-05-01", &mut r);
    // Begun in August, 2022 is already his year.
    assert_eq!(years(&r[0]), (Some(2022), None));
}

#[test]
fn a_change_of_leader_ends_the_earlier_stances_at_the_turn() {
    let x = doc(
        "For a long time Freedonia counted as a partner of Russia. Its neighbours saw it the same way. When Firefly took office, the country's course was reversed. Freedonia now courts Washington.",
        &[("Firefly", "person:firefly", "FRE")],
    );
    let mut r = [
        rec(0, "FRE", "RUS", (None, Some(2024))),
        rec(1, "NBR", "FRE", (None, None)),
        rec(3, "FRE", "USA", (None, None)),
    ];
    place(&x, "2025-10-16", &mut r);
    // Begun on 10 December 2023: 2023 is still the predecessor's year.
    assert_eq!(years(&r[0]), (None, Some(2023)));
    // Another country's stance and a later sentence are not cut.
    assert_eq!(years(&r[1]), (None, None));
    assert_eq!(years(&r[2]), (None, None));
}

#[test]
fn a_named_year_and_a_turn_in_the_same_sentence() {
    let x = doc(
        "Freedonia had long been close to Moscow. In 2023, after Firefly's inauguration, its foreign policy changed. Firefly sought ties with the West.",
        &[("Firefly", "person:firefly", "FRE")],
    );
    let mut r = [rec(0, "FRE", "RUS", (None, Some(2024))), rec(1, "FRE", "WEST", (Some(2023), Some(2023)))];
    place(&x, "2025-10-16", &mut r);
    assert_eq!(years(&r[0]), (None, Some(2023)));
    // The sentence's own year stands.
    assert_eq!(years(&r[1]), (Some(2023), Some(2023)));
}

#[test]
fn a_named_year_stands_and_other_names_set_no_frame() {
    let x = doc(
        "During Correa's presidency (2007–2017), Quito sided with Caracas. Bolsonaro's government criticised Moscow. Under pressure from Bolsonaro, the party split.",
        &[("Correa", "person:correa", "ECU"), ("Bolsonaro's government", "person:bolsonaro", "BRA"), ("Bolsonaro,", "person:bolsonaro", "BRA")],
    );
    let mut r = [rec(0, "ECU", "VEN", (Some(2007), Some(2017))), rec(1, "BRA", "RUS", (None, Some(2024))), rec(2, "BRA", "RUS", (None, None))];
    place(&x, "2025-01-01", &mut r);
    assert_eq!(years(&r[0]), (Some(2007), Some(2017)));
    assert_eq!(years(&r[1]), (None, Some(2024)));
    assert_eq!(years(&r[2]), (None, None));
}

#[test]
fn terms_touching_join_into_one_block() {
    let b = blocks(vec![(d("2008-02-24"), Some(d("2018-04-19"))), (d("1976-12-02"), Some(d("2008-02-24"))), (d("2020-01-01"), None)]);
    assert_eq!(b, vec![(d("1976-12-02"), Some(d("2018-04-19"))), (d("2020-01-01"), None)]);
    assert_eq!(block_years((d("2019-12-10"), Some(d("2023-12-10")))), (2020, Some(2023)));
    // A term shorter than a quarter keeps its own year.
    assert_eq!(block_years((d("2001-12-21"), Some(d("2002-01-01")))), (2001, Some(2001)));
}

#[test]
fn a_former_stance_after_the_turn_covers_the_predecessors_term() {
    let x = doc(
        "When newly elected Firefly took office, Freedonia changed course. It went from a former friend of Moscow to a critic of it. It was also a critic of Minsk.",
        &[("Firefly", "person:firefly", "FRE")],
    );
    let mut r = [
        rec(1, "FRE", "RUS", (None, Some(2024))),
        rec(1, "FRE", "RUS", (None, None)),
        rec(2, "FRE", "BLR", (None, Some(2024))),
    ];
    r[0].cue = "friend".into();
    r[1].cue = "critic".into();
    r[2].cue = "critic".into();
    for rr in &mut r {
        rr.evidence = x.sentences[rr.sentence].clone();
    }
    place(&x, "2025-10-16", &mut r);
    // The predecessor's term, 10 December 2019 to 10 December 2023: 2020-2023.
    assert_eq!(years(&r[0]), (Some(2020), Some(2023)));
    // The new stance and a past one without "former" are not moved.
    assert_eq!(years(&r[1]), (None, None));
    assert_eq!(years(&r[2]), (None, Some(2024)));
}

#[test]
fn a_present_stance_before_the_turn_keeps_the_documents_time() {
    let x = doc(
        "Freedonia is a partner of Russia. After Firefly took office, the course was reversed.",
        &[("Firefly", "person:firefly", "FRE")],
    );
    let mut r = [rec(0, "FRE", "RUS", (None, None)), rec(0, "FRE", "CHN", (Some(2019), None))];
    place(&x, "2025-10-16", &mut r);
    assert_eq!(years(&r[0]), (None, None));
    // An open span ends at the turn.
    assert_eq!(years(&r[1]), (Some(2019), Some(2023)));
}

#[test]
fn words_between_a_preposition_and_the_name_set_no_frame() {
    let x = doc("Under pressure from Bolsonaro, the party split. Since talks with Petro took place, ties improved.", &[("Bolsonaro", "person:bolsonaro", "BRA"), ("Petro", "person:petro", "COL")]);
    let mut r = [rec(0, "BRA", "RUS", (None, None)), rec(1, "COL", "USA", (None, None))];
    place(&x, "2025-01-01", &mut r);
    assert_eq!(years(&r[0]), (None, None));
    assert_eq!(years(&r[1]), (None, None));
}
