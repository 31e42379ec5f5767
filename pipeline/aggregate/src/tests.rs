//! Unit tests of `aggregate` on hand-made observations.

use super::*;

fn obs(doc: &str, sentence: u32, actor: &str, target: &str, label: i8, year: i32) -> Observation {
    Observation {
        doc_id: doc.into(),
        sentence,
        actor: actor.into(),
        target: target.into(),
        label,
        confidence: 0.8,
        negated: false,
        hedged: false,
        year_from: None,
        year_to: None,
        doc_date: Some(Date::new(year, 6, 1).unwrap()),
        source: format!("pub-{doc}"),
        source_kind: "news".into(),
        attributed_to: None,
    }
}

fn find<'a>(rows: &'a [AlignmentRow], c: &str, t: &str, period: &str, perspective: &str) -> &'a AlignmentRow {
    rows.iter()
        .find(|r| r.country == c && r.target == t && r.period == period && r.perspective == perspective)
        .unwrap_or_else(|| panic!("no row {c} {t} {period} {perspective}"))
}

#[test]
fn one_document_repeating_a_claim_moves_the_score_less_than_ten_documents() {
    // Baseline: two documents calling Peru neutral toward the US.
    let base = vec![obs("n1", 0, "PER", "USA", 0, 2025), obs("n2", 0, "PER", "USA", 0, 2025)];
    let mut repeated = base.clone();
    for s in 0..10 {
        repeated.push(obs("loud", s, "PER", "USA", 2, 2025));
    }
    let mut independent = base.clone();
    for d in 0..10 {
        independent.push(obs(&format!("d{d}"), 0, "PER", "USA", 2, 2025));
    }
    let p = Params::default();
    let before = find(&aggregate(&base, &p), "PER", "USA", "2025", ALL).score;
    let one = find(&aggregate(&repeated, &p), "PER", "USA", "2025", ALL).clone();
    let ten = find(&aggregate(&independent, &p), "PER", "USA", "2025", ALL).clone();
    assert!(one.score > before, "the repeated claim still counts: {} vs {before}", one.score);
    assert!(ten.score - before > 2.0 * (one.score - before), "one doc {} vs ten docs {}", one.score, ten.score);
    assert_eq!((one.stances, one.documents, one.sources), (12, 3, 3));
    assert_eq!((ten.stances, ten.documents, ten.sources), (12, 12, 12));
    assert_eq!(one.counts, [0, 0, 2, 0, 10]);
}

#[test]
fn many_documents_of_one_source_count_less_than_many_sources() {
    let mut same = Vec::new();
    let mut diverse = Vec::new();
    for d in 0..6 {
        let mut o = obs(&format!("d{d}"), 0, "CHL", "RUS", -2, 2025);
        diverse.push(o.clone());
        o.source = "One Wire".into();
        same.push(o);
    }
    let p = Params::default();
    let s = find(&aggregate(&same, &p), "CHL", "RUS", "2025", ALL).clone();
    let d = find(&aggregate(&diverse, &p), "CHL", "RUS", "2025", ALL).clone();
    assert!(d.score < s.score, "{} vs {}", d.score, s.score);
    assert!(d.score_high - d.score_low < s.score_high - s.score_low);
    assert_eq!((s.sources, d.sources), (1, 6));
}

#[test]
fn a_stance_belongs_to_the_years_its_sentence_names() {
    // A 2025 article: friendly under a past government (2006–2019), now distant.
    let mut past = obs("a", 4, "BOL", "RUS", 2, 2025);
    past.year_from = Some(2006);
    past.year_to = Some(2019);
    let now = obs("a", 9, "BOL", "RUS", -1, 2025);
    let rows = aggregate(&[past, now], &Params::default());
    let y2010 = find(&rows, "BOL", "RUS", "2010", ALL);
    let y2025 = find(&rows, "BOL", "RUS", "2025", ALL);
    assert!(y2010.score > 0.5 && y2025.score < -0.3, "{} {}", y2010.score, y2025.score);
    assert_eq!(y2010.evidence, vec![("a".to_string(), 4)]);
    assert!(rows.iter().all(|r| r.period != "2020" && r.period != "2005"));
    // The current state follows the recent stance: the old one has decayed.
    let cur = find(&rows, "BOL", "RUS", CURRENT, ALL);
    assert!(cur.score < 0.0 && cur.year.is_none());
    assert_eq!(cur.stances, 2);
}

#[test]
fn since_runs_to_the_document_year() {
    let mut o = obs("a", 0, "ARG", "USA", 2, 2025);
    o.year_from = Some(2023);
    let rows = aggregate(&[o], &Params::default());
    let years: Vec<_> = rows.iter().filter(|r| r.perspective == ALL).map(|r| r.period.as_str()).collect();
    assert_eq!(years, vec!["2023", "2024", "2025", "current"]);
}

#[test]
fn a_powers_stance_is_mirrored_at_reduced_weight() {
    // "The United States imposed sanctions on Colombia's president."
    let rows = aggregate(&[obs("a", 1, "USA", "COL", -2, 2025)], &Params::default());
    let direct = find(&rows, "USA", "COL", "2025", ALL).clone();
    let mirrored = find(&rows, "COL", "USA", "2025", ALL).clone();
    assert!(mirrored.score < 0.0 && mirrored.score > direct.score);
    assert_eq!(mirrored.evidence, vec![("a".to_string(), 1)]);
    // A non-power's stance is not mirrored.
    let rows = aggregate(&[obs("a", 1, "COL", "USA", -2, 2025)], &Params::default());
    assert!(rows.iter().all(|r| r.country == "COL"));
}

#[test]
fn a_powers_stance_is_ignored_where_the_document_says_how_the_country_stands() {
    // Doc "a": Moscow courts Colombia (RUS -> COL +2) but Colombia stays neutral (COL -> RUS 0).
    // Doc "b": only Moscow's courting; it stands in for Colombia's silence there.
    let input = vec![obs("a", 1, "RUS", "COL", 2, 2025), obs("a", 2, "COL", "RUS", 0, 2025), obs("b", 1, "RUS", "COL", 2, 2025)];
    let rows = aggregate(&input, &Params::default());
    let r = find(&rows, "COL", "RUS", "2025", ALL);
    assert_eq!((r.stances, r.documents), (2, 2));
    assert_eq!(r.counts, [0, 0, 1, 0, 1]);
    let only_a = aggregate(&input[..2], &Params::default());
    assert_eq!(find(&only_a, "COL", "RUS", "2025", ALL).score, 0.0);
}

#[test]
fn no_mirror_when_the_sentence_already_gives_both_directions() {
    let both = vec![obs("a", 1, "USA", "VEN", -2, 2025), obs("a", 1, "VEN", "USA", -2, 2025)];
    let rows = aggregate(&both, &Params::default());
    assert_eq!(find(&rows, "VEN", "USA", "2025", ALL).stances, 1);
}

#[test]
fn perspectives_split_by_source_kind_and_source() {
    let mut gov = obs("g", 0, "MEX", "USA", 1, 2025);
    gov.source = "gob.mx".into();
    gov.source_kind = "government".into();
    let mut ana = obs("h", 0, "MEX", "USA", -1, 2025);
    ana.source = "Izvestia".into();
    ana.source_kind = "analysis".into();
    let rows = aggregate(&[gov, ana], &Params::default());
    assert!(find(&rows, "MEX", "USA", "2025", "source_kind:government").score > 0.0);
    assert!(find(&rows, "MEX", "USA", "2025", "source_kind:analysis").score < 0.0);
    assert!(find(&rows, "MEX", "USA", "2025", "source:Izvestia").score < 0.0);
    assert_eq!(find(&rows, "MEX", "USA", "2025", ALL).documents, 2);
    let p = Params { per_source: false, per_source_kind: false, ..Params::default() };
    assert!(aggregate(&[obs("h", 0, "MEX", "USA", -1, 2025)], &p).iter().all(|r| r.perspective == ALL));
}

#[test]
fn output_is_sorted_and_independent_of_input_order() {
    let mut input = Vec::new();
    for (i, (c, t, l)) in [("CUB", "RUS", 2), ("ARG", "USA", 2), ("CUB", "USA", -2), ("BRA", "CHN", 1)].iter().enumerate() {
        for s in 0..3u32 {
            let mut o = obs(&format!("d{}", (i + s as usize) % 3), s, c, t, *l - (s as i8 % 2), 2023 + s as i32);
            o.confidence = 0.5 + 0.1 * f64::from(s);
            input.push(o);
        }
    }
    let p = Params::default();
    let a = aggregate(&input, &p);
    input.reverse();
    input.swap(1, 5);
    let b = aggregate(&input, &p);
    assert_eq!(a, b);
    let keys: Vec<_> = a.iter().map(|r| (&r.country, &r.target, &r.period, &r.perspective)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn evidence_is_strongest_first_deduplicated_and_capped() {
    let mut input = Vec::new();
    for s in 0..8u32 {
        let mut o = obs("a", s, "VEN", "RUS", 2, 2025);
        o.confidence = 0.1 * f64::from(s + 1);
        input.push(o);
    }
    // The same sentence also read as a weaker stance: listed once.
    let mut dup = obs("a", 7, "VEN", "RUS", 1, 2025);
    dup.confidence = 0.2;
    input.push(dup);
    let p = Params { max_evidence: 3, ..Params::default() };
    let r = find(&aggregate(&input, &p), "VEN", "RUS", "2025", ALL).clone();
    assert_eq!(r.evidence, vec![("a".to_string(), 7), ("a".to_string(), 6), ("a".to_string(), 5)]);
}

#[test]
fn hedged_and_negated_stances_weigh_less() {
    let p = Params::default();
    let plain = find(&aggregate(&[obs("a", 0, "HND", "RUS", -2, 2025)], &p), "HND", "RUS", "2025", ALL).score;
    let mut h = obs("a", 0, "HND", "RUS", -2, 2025);
    h.hedged = true;
    h.negated = true;
    let hedged = find(&aggregate(&[h], &p), "HND", "RUS", "2025", ALL).score;
    assert!(hedged > plain && hedged < 0.0);
}

#[test]
fn undated_stances_only_reach_the_current_row() {
    let mut o = obs("a", 0, "URY", "RUS", 0, 2025);
    o.doc_date = None;
    let rows = aggregate(&[o], &Params::default());
    let all: Vec<_> = rows.iter().filter(|r| r.perspective == ALL).collect();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].period, CURRENT);
}

#[test]
fn out_of_range_inputs_are_clamped_not_fatal() {
    let mut o = obs("a", 0, "PRY", "RUS", -7, 2025);
    o.confidence = f64::NAN;
    let mut o2 = obs("b", 0, "PRY", "RUS", -2, 2025);
    o2.confidence = 3.0;
    let r = find(&aggregate(&[o, o2], &Params::default()), "PRY", "RUS", "2025", ALL).clone();
    assert_eq!(r.counts, [2, 0, 0, 0, 0]);
    assert!(r.score >= -2.0 && r.score_low >= -2.0 && r.score.is_finite());
}

#[test]
fn self_stances_and_empty_ids_are_skipped() {
    let rows = aggregate(&[obs("a", 0, "RUS", "RUS", 2, 2025), obs("a", 1, "", "USA", 2, 2025)], &Params::default());
    assert!(rows.is_empty());
}

#[test]
fn newer_reports_decide_a_year_but_a_power_courting_does_not_age_out_the_country() {
    // A September report calls the country a partner; a December one a rival: December decides.
    let mut sep = obs("sep", 0, "CHL", "USA", 1, 2025);
    sep.doc_date = Some(Date::new(2025, 9, 1).unwrap());
    let mut dec = obs("dec", 0, "CHL", "USA", -1, 2025);
    dec.doc_date = Some(Date::new(2025, 12, 1).unwrap());
    let rows = aggregate(&[sep.clone(), dec], &Params::default());
    assert_eq!(find(&rows, "CHL", "USA", "2025", ALL).label, -1);
    // Regression: a later report of the power courting the country (mirrored) outweighed the
    // country's own stance read in an earlier report.
    let mut court = obs("dec", 1, "USA", "CHL", 1, 2025);
    court.doc_date = Some(Date::new(2025, 12, 1).unwrap());
    let mut own = sep;
    own.label = -1;
    let rows = aggregate(&[own, court], &Params::default());
    assert!(find(&rows, "CHL", "USA", "2025", ALL).score < 0.0);
}

#[test]
fn a_later_document_looking_back_on_a_year_does_not_age_out_that_years_reports() {
    // Two reports of 2022 call the country a rival; a 2023 document recalls a friendly past
    // ("when we fought together"), placed in 2022. The 2022 reports still decide 2022.
    let mut a = obs("a", 0, "CHL", "USA", -1, 2022);
    a.doc_date = Some(Date::new(2022, 9, 20).unwrap());
    let mut b = obs("b", 0, "CHL", "USA", -1, 2022);
    b.doc_date = Some(Date::new(2022, 9, 22).unwrap());
    let mut later = obs("later", 0, "CHL", "USA", 1, 2023);
    later.doc_date = Some(Date::new(2023, 9, 21).unwrap());
    later.year_to = Some(2022);
    let rows = aggregate(&[a.clone(), b.clone(), later.clone()], &Params::default());
    let y2022 = find(&rows, "CHL", "USA", "2022", ALL);
    assert_eq!(y2022.stances, 3);
    assert!(y2022.score < -0.2, "{}", y2022.score);
    // Alone, the look-back still makes the row.
    let rows = aggregate(&[later], &Params::default());
    assert_eq!(find(&rows, "CHL", "USA", "2022", ALL).label, 1);
    // Within the year, the newer report still decides.
    let mut dec = obs("dec", 0, "CHL", "USA", 1, 2022);
    dec.doc_date = Some(Date::new(2022, 12, 20).unwrap());
    let rows = aggregate(&[a, b, dec], &Params::default());
    assert_eq!(find(&rows, "CHL", "USA", "2022", ALL).label, 1);
}

/// Russia against Ukraine in two documents of 2022 (so Ukraine is Russia's adversary that year),
/// plus the given observations.
fn with_a_war(mut rest: Vec<Observation>) -> Vec<Observation> {
    rest.push(obs("war1", 0, "RUS", "UKR", -2, 2022));
    rest.push(obs("war2", 0, "RUS", "UKR", -2, 2022));
    rest
}

#[test]
fn a_stance_toward_a_powers_adversary_counts_toward_the_power_with_its_sign_turned() {
    let rows = aggregate(&with_a_war(vec![obs("dk", 4, "DNK", "UKR", 2, 2022)]), &Params::default());
    let r = find(&rows, "DNK", "RUS", "2022", ALL);
    assert!(r.score < -0.3, "standing with Russia's adversary is standing against Russia: {}", r.score);
    assert_eq!(r.evidence, vec![("dk".to_string(), 4)], "the evidence is the sentence about Ukraine");
    assert_eq!(r.counts, [1, 0, 0, 0, 0], "counted with its sign turned");
    // At half the weight of a direct stance.
    let direct = aggregate(&[obs("dk", 4, "DNK", "RUS", -2, 2022)], &Params::default());
    assert!(find(&direct, "DNK", "RUS", "2022", ALL).score < r.score);
    // A side that is not the power's adversary says nothing about the power.
    let rows = aggregate(&with_a_war(vec![obs("dk", 4, "DNK", "SWE", 2, 2022)]), &Params::default());
    assert!(!rows.iter().any(|r| r.country == "DNK" && r.target == "RUS"));
    // Nor does the adversary of the year before.
    let rows = aggregate(&with_a_war(vec![obs("dk", 4, "DNK", "UKR", 2, 2023)]), &Params::default());
    assert!(!rows.iter().any(|r| r.country == "DNK" && r.target == "RUS" && r.period == "2023"));
}

#[test]
fn one_document_does_not_make_an_adversary_and_the_setting_can_turn_it_off() {
    let one = vec![obs("war1", 0, "RUS", "UKR", -2, 2022), obs("dk", 4, "DNK", "UKR", 2, 2022)];
    let rows = aggregate(&one, &Params::default());
    assert!(!rows.iter().any(|r| r.country == "DNK" && r.target == "RUS"));
    let off = Params { adversary_score: -3.0, ..Params::default() };
    let rows = aggregate(&with_a_war(vec![obs("dk", 4, "DNK", "UKR", 2, 2022)]), &off);
    assert!(!rows.iter().any(|r| r.country == "DNK" && r.target == "RUS"));
}

#[test]
fn a_documents_own_statement_toward_the_power_outranks_its_stances_toward_the_adversaries() {
    // The document condemns Ukraine's enemy and also calls Russia a partner: the row keeps the
    // direct statement of that document, not the reading through Ukraine.
    let rows = aggregate(
        &with_a_war(vec![obs("dk", 4, "DNK", "UKR", 2, 2022), obs("dk", 9, "DNK", "RUS", 1, 2022)]),
        &Params::default(),
    );
    let r = find(&rows, "DNK", "RUS", "2022", ALL);
    assert_eq!(r.counts, [0, 0, 0, 1, 0]);
    assert!(r.score > 0.0);
    // The sentence that names the power itself is not read through the adversary either.
    let rows = aggregate(
        &with_a_war(vec![obs("dk", 4, "DNK", "UKR", 2, 2022), obs("dk", 4, "DNK", "RUS", -1, 2022)]),
        &Params::default(),
    );
    assert_eq!(find(&rows, "DNK", "RUS", "2022", ALL).counts, [0, 1, 0, 0, 0]);
}

#[test]
fn a_row_counts_the_stances_it_read_indirectly() {
    // Denmark's own statement about Russia, a Russian stance toward Denmark (mirrored) and a Danish
    // stance toward Ukraine (through Russia's adversary), each in its own document.
    let rows = aggregate(
        &with_a_war(vec![obs("a", 0, "DNK", "RUS", -1, 2022), obs("b", 0, "RUS", "DNK", -1, 2022), obs("c", 0, "DNK", "UKR", 2, 2022)]),
        &Params::default(),
    );
    let r = find(&rows, "DNK", "RUS", "2022", ALL);
    assert_eq!((r.stances, r.indirect), (3, 2));
    let direct = find(&rows, "RUS", "UKR", "2022", ALL);
    assert_eq!(direct.indirect, 0);
}
