//! Every example of the stance issue, each with paraphrases written for this
//! crate: the rules must read the class of sentence, not the string.

mod common;
use common::*;

#[test]
fn possessive_allies_distribute_over_the_list() {
    // Issue example: "Russia's undeniable allies in Latin America are Cuba, Venezuela, and Nicaragua" -> +2 each.
    let r = label("Russia's undeniable allies in Latin America are Cuba, Venezuela, and Nicaragua.", None);
    for c in ["CUB", "VEN", "NIC"] {
        assert_eq!(one(&r, c, "RUS").label, 2);
    }
    none(&r, "RUS", "RUS");
    // Paraphrases: canonical order, "of", another power.
    let r = label("Belarus, Iran and Syria remain the closest allies of Moscow.", None);
    for c in ["BLR", "IRN", "SYR"] {
        assert_eq!(one(&r, c, "RUS").label, 2);
    }
    let r = label("Washington's staunchest allies in Asia are Japan and the Philippines.", None);
    assert_eq!(one(&r, "JPN", "USA").label, 2);
}

#[test]
fn opposing_camp_carries_over() {
    // Issue example: "Opposing this camp are nations with close ties to Washington, including Chile, Panama, and Paraguay".
    let text = "Russia's undeniable allies in Latin America are Cuba, Venezuela, and Nicaragua. \
                Opposing this camp are nations with close ties to Washington, including Chile, Panama, and Paraguay.";
    let r = last_sentence(&label(text, None));
    for c in ["CHL", "PAN", "PRY"] {
        assert!(one(&r, c, "USA").label > 0);
        assert!(one(&r, c, "RUS").label < 0);
    }
    // Paraphrase: a different camp and power.
    let text = "The closest allies of Washington in Europe are Poland and Ukraine. \
                The opposing camp consists of Belarus and Serbia, which keep close ties with Moscow.";
    let r = last_sentence(&label(text, None));
    assert_eq!(one(&r, "BLR", "USA").label, -2);
    assert_eq!(one(&r, "SRB", "USA").label, -2);
    assert!(one(&r, "BLR", "RUS").label > 0);
}

#[test]
fn neutral_stance_toward_a_power() {
    // Issue example: "Colombia's current stance toward Russia is neutral: open hostility has disappeared, but there is no friendship either".
    let r = label(
        "Colombia's current stance toward Russia is neutral: open hostility has disappeared, but there is no friendship either.",
        Some("2025-10-16"),
    );
    let rec = one(&r, "COL", "RUS");
    assert_eq!(rec.label, 0);
    assert_eq!((rec.year_from, rec.year_to), (None, None), "a current stance has no year");
    assert_eq!(r.len(), 1, "{:?}", triples(&r));
    // Paraphrases.
    let r = label("India's position toward Russia remains neutral.", None);
    assert_eq!(one(&r, "IND", "RUS").label, 0);
    let r = label("In its relations with China, Brazil remains neutral.", None);
    assert_eq!(one(&r, "BRA", "CHN").label, 0);
}

#[test]
fn former_friend_turned_against() {
    // Issue example: "Argentina transformed from a former friend of Russia into a side leaning against Russia" -> +1 past, -1 now.
    let r = label(
        "Thus, Argentina transformed from a former friend of Russia into a side leaning against Russia.",
        Some("2025-10-16"),
    );
    let recs: Vec<_> = r.iter().filter(|r| r.actor == "ARG" && r.target == "RUS").collect();
    assert_eq!(recs.len(), 2, "{:?}", triples(&r));
    let past = recs.iter().find(|r| r.label == 1).expect("past friend");
    assert_eq!(past.year_to, Some(2024));
    let now = recs.iter().find(|r| r.label == -1).expect("now against");
    assert_eq!((now.year_from, now.year_to), (None, None));
    // Paraphrase.
    let r = label("Hungary went from being a former partner of Ukraine to a country leaning against Ukraine.", Some("2024-05-01"));
    let labels: Vec<i8> = r.iter().filter(|r| r.actor == "HUN" && r.target == "UKR").map(|r| r.label).collect();
    assert_eq!(labels, vec![1, -1]);
}

#[test]
fn negated_hostile_acts_are_not_hostility() {
    // Issue examples: "it refuses to impose sanctions on Russia", "did not join the sanctions".
    let r = label("Mexico condemns the war, but it refuses to impose sanctions on Russia.", None);
    let rec = one(&r, "MEX", "RUS");
    assert_eq!(rec.label, 0);
    assert!(rec.negated);
    let r = label("Brazil did not join the sanctions against Russia.", None);
    let rec = one(&r, "BRA", "RUS");
    assert!(rec.negated && rec.label == 0);
    // Paraphrases; and the plain act is hostile.
    let r = label("India has never imposed sanctions on Moscow.", None);
    assert!(one(&r, "IND", "RUS").negated);
    let r = label("Japan imposed sanctions on Russia.", None);
    assert_eq!(one(&r, "JPN", "RUS").label, -1);
    assert!(!one(&r, "JPN", "RUS").negated);
}

#[test]
fn attributed_classification_with_anaphora_and_list() {
    // Issue example: "CNN has added the republic to the group of opponents of the United States" -> -2, CNN, the republic = Colombia.
    let text = "Bogota recalled its ambassador from Washington. \
                Along with Cuba, Nicaragua and Venezuela, CNN has added the republic to the group of opponents of the United States.";
    let r = last_sentence(&label(text, None));
    for c in ["COL", "CUB", "NIC", "VEN"] {
        let rec = one(&r, c, "USA");
        assert_eq!(rec.label, -2);
        assert_eq!(rec.attributed_to.as_deref(), Some("CNN"));
    }
    // Paraphrase: another source and anaphor, and "the publication" carries the source.
    let text = "Tehran expelled two diplomats last week. Reuters has included the country in the list of adversaries of Israel. \
                The publication counts Syria among the rivals of Israel.";
    let r = label(text, None);
    let rec = one(&r, "IRN", "ISR");
    assert_eq!((rec.label, rec.attributed_to.as_deref()), (-2, Some("Reuters")));
    let rec = one(&r, "SYR", "ISR");
    assert_eq!((rec.label, rec.attributed_to.as_deref()), (-1, Some("Reuters")));
}

#[test]
fn hedged_neutrality_takes_the_target_from_context() {
    // Issue example: "El Salvador and Honduras tend to remain neutral" -> 0, hedged.
    let text = "Nicaragua openly supports Russia. El Salvador and Honduras tend to remain neutral.";
    let r = last_sentence(&label(text, None));
    for c in ["SLV", "HND"] {
        let rec = one(&r, c, "RUS");
        assert_eq!(rec.label, 0);
        assert!(rec.hedged);
    }
    // Paraphrase.
    let text = "Japan is a treaty ally of the United States. India may stay neutral.";
    let rec = one(&label(text, None), "IND", "USA").clone();
    assert!(rec.hedged && rec.label == 0);
}

#[test]
fn hints_from_the_seeds() {
    // "counts ... among the rivals of the United States" -> -1 each.
    let r = label("Mr. Lopez counts Brazil, Honduras, Mexico, Chile and Uruguay among the rivals of the United States.", None);
    for c in ["BRA", "HND", "MEX", "CHL", "URY"] {
        assert_eq!(one(&r, c, "USA").label, -1);
    }
    // "unconditional allies of the United States" -> +2 each, attributed.
    let r = label("Argentina, Guatemala and Ecuador remained among the unconditional allies of the United States, according to CNN.", None);
    for c in ["ARG", "GTM", "ECU"] {
        let rec = one(&r, c, "USA");
        assert_eq!((rec.label, rec.attributed_to.as_deref()), (2, Some("CNN")));
    }
    // "recent addition of Bolivia to the list of friendly countries" -> +1.
    let r = label("The recent addition of Bolivia to the list of friendly countries to the United States was unexpected.", None);
    assert_eq!(one(&r, "BOL", "USA").label, 1);
    // Past stances with years.
    let r = label("During Rafael Correa's presidency (2007–2017), Ecuador was a close partner of Russia.", Some("2025-10-16"));
    let rec = one(&r, "ECU", "RUS");
    assert_eq!((rec.year_from, rec.year_to), (Some(2007), Some(2017)));
    let r = label("In 2023, when Milei took office, Argentina declared that it would prioritize alliances with the U.S. and Israel.", None);
    let rec = one(&r, "ARG", "USA");
    assert_eq!((rec.label, rec.year_from), (2, Some(2023)));
    assert_eq!(one(&r, "ARG", "ISR").label, 2);
}

#[test]
fn metonyms_and_demonyms_stand_for_their_country() {
    let r = label("Moscow views Havana as a key partner.", None);
    assert_eq!(one(&r, "RUS", "CUB").label, 2);
    let r = label("The Colombian leader also spoke out against Washington's actions, and Bogota condemned Washington.", None);
    assert_eq!(one(&r, "COL", "USA").label, -1);
}

#[test]
fn contrast_keeps_the_affirmed_reading() {
    // Regression: "X is a relative ally of Y, not an adversary" must not add a negated 0 for the same pair.
    let r = label("Brazil is a relative ally of Russia, not an adversary.", None);
    assert_eq!(one(&r, "BRA", "RUS").label, 1);
}

#[test]
fn no_stance_without_a_cue() {
    let r = label("Last year, the trade turnover between China and Peru exceeded $50 billion.", None);
    assert!(r.is_empty(), "{:?}", triples(&r));
    let r = label("The Cold War ended long ago in Russia and the United States.", None);
    assert!(r.is_empty(), "{:?}", triples(&r));
}

#[test]
fn mutual_relations_go_both_ways() {
    let r = label("Relations between Colombia and the United States are straining.", None);
    assert_eq!(one(&r, "COL", "USA").label, -1);
    assert_eq!(one(&r, "USA", "COL").label, -1);
}
