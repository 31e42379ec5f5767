//! Rule classes, each with sentences written for this module and the real lexicon.
use super::*;
use crate::sides::Side;
use orbita_text::{EntityKind, Mention};
use orbita_text::{Date, LinkMethod};

fn labeller() -> RuleLabeller {
    RuleLabeller::from_files(&[
        ("anaphora.tsv", include_str!("../../../../data/lexicon/anaphora.tsv")),
        ("attribution.tsv", include_str!("../../../../data/lexicon/attribution.tsv")),
        ("cues.tsv", include_str!("../../../../data/lexicon/cues.tsv")),
        ("modifiers.tsv", include_str!("../../../../data/lexicon/modifiers.tsv")),
        ("sides.tsv", include_str!("../../../../data/lexicon/sides.tsv")),
    ])
    .unwrap()
}

const NAMES: &[(&str, &str, EntityKind)] = &[
    ("United States", "USA", EntityKind::Country),
    ("U.S.", "USA", EntityKind::Country),
    ("Washington", "USA", EntityKind::Capital),
    ("Russia", "RUS", EntityKind::Country),
    ("Russian", "RUS", EntityKind::Demonym),
    ("Ukraine", "UKR", EntityKind::Country),
    ("Japan", "JPN", EntityKind::Country),
    ("Korea", "KOR", EntityKind::Country),
    ("Australia", "AUS", EntityKind::Country),
    ("Canada", "CAN", EntityKind::Country),
    ("Cuba", "CUB", EntityKind::Country),
    ("China", "CHN", EntityKind::Country),
    ("Iran", "IRN", EntityKind::Country),
    ("Syria", "SYR", EntityKind::Country),
    ("Poland", "POL", EntityKind::Country),
    ("Serbia", "SRB", EntityKind::Country),
    ("Kenya", "KEN", EntityKind::Country),
    ("Lula", "BRA", EntityKind::Leader),
    ("Brazil", "BRA", EntityKind::Country),
    ("NATO", "NATO", EntityKind::Organisation),
    ("BRICS", "BRICS", EntityKind::Organisation),
];

/// Labels `text` (sentences split at ". ") with mentions of NAMES.
fn label(text: &str) -> Vec<StanceRecord> {
    let sentences = crate::testdata::sentences_at_periods(text);
    let mut mentions = Vec::new();
    for (si, r) in sentences.iter().enumerate() {
        let s = &text[r.clone()];
        let mut taken = vec![false; s.len()];
        for (name, id, kind) in NAMES {
            for (p, _) in s.match_indices(name) {
                let end = p + name.len();
                let word_end = !s[end..].starts_with(|c: char| c.is_alphanumeric());
                if taken[p..end].iter().any(|t| *t) || !word_end {
                    continue;
                }
                taken[p..end].iter_mut().for_each(|t| *t = true);
                let country = (*kind != EntityKind::Organisation).then(|| id.to_string());
                mentions.push(Mention {
                    sentence: si,
                    span: r.start + p..r.start + end,
                    surface: name.to_string(),
                    entity_id: id.to_string(),
                    kind: *kind,
                    country,
                    method: LinkMethod::Exact,
                    confidence: 1.0,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    let doc = DocView { text, sentences: &sentences, mentions: &mentions, date: Some(Date::new(2024, 6, 1).unwrap()), speaker: None };
    labeller().label(&doc)
}

#[test]
fn a_break_with_previous_allies_resolves_them_from_earlier_stances() {
    // Regression: a country distancing itself from its former allies named no target.
    let recs = label("For years Serbia was a close partner of Russia. After the vote, the new leaders pledged to distance themselves from Serbia's former allies.");
    let r = recs.iter().find(|r| r.sentence == 1 && r.actor == "SRB" && r.target == "RUS").expect("SRB→RUS in the second sentence");
    assert_eq!(r.label, -1);
    // With a pronoun owner, the actor is the sentence's country.
    let recs = label("Kenya has been a steady partner of China. Kenya then moved away from its traditional partners.");
    assert_eq!(recs.iter().find(|r| r.sentence == 1 && r.actor == "KEN").map(|r| (r.target.as_str(), r.label)), Some(("CHN", -1)));
    // No earlier friend, no stance.
    let recs = label("Kenya moved away from its traditional partners.");
    assert!(recs.is_empty(), "{recs:?}");
}

#[test]
fn a_dated_turn_sends_the_paragraph_before_it_into_the_past() {
    // Regression: a paragraph's undated friendly stances counted in the year of the turn that ended them.
    let recs = label("Serbia is a close partner of Russia. But the 2024 vote changed this situation entirely.");
    let r = get(&recs, "SRB", "RUS").unwrap();
    assert_eq!((r.year_from, r.year_to), (None, Some(2023)));
    // A turn in a later year than the document's is not a turn yet.
    let recs = label("Serbia is a close partner of Russia. The 2030 vote could change this situation.");
    assert_eq!(get(&recs, "SRB", "RUS").unwrap().year_to, None);
}

#[test]
fn long_standing_past_tense_is_placed_before_the_document_year() {
    // Regression: "was long" / "has long been" stances counted as the current state.
    let recs = label("Cuba was long one of Russia's closest allies.");
    assert_eq!(get(&recs, "CUB", "RUS").unwrap().year_to, Some(2023));
    let recs = label("Canada has long been a key ally of the United States.");
    assert_eq!(get(&recs, "CAN", "USA").unwrap().year_to, Some(2023));
}

#[test]
fn a_concessive_aside_does_not_change_the_power_in_context() {
    // Regression: "X, though connected to the U.S., keeps a moderate stance" read the neutral stance toward the U.S.
    let recs = label("Cuba is a close partner of Russia. Poland, though closely connected to the United States, tries to keep a moderate stance.");
    assert_eq!(recs.iter().find(|r| r.actor == "POL" && r.label == 0).map(|r| r.target.as_str()), Some("RUS"), "{recs:?}");
    // Without the aside, the oblique side is the frame.
    let recs = label("Cuba is a close partner of Russia. Poland keeps a moderate stance toward the United States.");
    assert_eq!(recs.iter().find(|r| r.actor == "POL" && r.label == 0).map(|r| r.target.as_str()), Some("USA"), "{recs:?}");
}

#[test]
fn a_possibility_of_interest_is_not_a_stance() {
    // Regression: "may be interested in cooperation" read as a (hedged) partnership.
    let recs = label("Brazil may be interested in closer cooperation with Russia, analysts say.");
    assert!(get(&recs, "BRA", "RUS").is_none(), "{recs:?}");
}

fn get<'a>(recs: &'a [StanceRecord], actor: &str, target: &str) -> Option<&'a StanceRecord> {
    recs.iter().find(|r| r.actor == actor && r.target == target)
}

fn pairs(recs: &[StanceRecord]) -> Vec<(String, String, i8)> {
    recs.iter().map(|r| (r.actor.clone(), r.target.clone(), r.label)).collect()
}

#[test]
fn possessive_agent_of_a_nominal_act() {
    let r = label("Japan condemned Russia's brutal war against Ukraine.");
    assert_eq!(get(&r, "RUS", "UKR").map(|r| r.label), Some(-2), "{:?}", pairs(&r));
    assert_eq!(get(&r, "JPN", "RUS").map(|r| r.label), Some(-1));
    assert!(get(&r, "JPN", "UKR").is_none());
}

#[test]
fn our_allies_name_no_side_and_its_allies_name_the_owner() {
    let r = label("The United States and our allies will meet.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("The United States and its allies — Japan, Australia and Canada — met.");
    for c in ["JPN", "AUS", "CAN"] {
        assert_eq!(get(&r, c, "USA").map(|r| r.label), Some(2), "{:?}", pairs(&r));
    }
}

#[test]
fn relations_between_and_hyphen_compounds_are_mutual() {
    let r = label("They praised the alliance between Japan and Korea.");
    assert_eq!(get(&r, "JPN", "KOR").map(|r| r.label), Some(2));
    assert_eq!(get(&r, "KOR", "JPN").map(|r| r.label), Some(2));
    let r = label("The Japan-Australia partnership grew.");
    assert_eq!(get(&r, "AUS", "JPN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    let r = label("Japan and Canada are close partners.");
    assert_eq!(get(&r, "CAN", "JPN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
}

#[test]
fn refusals_split_hostile_and_friendly_acts() {
    let r = label("Brazil refused to impose sanctions on Russia.");
    assert_eq!(get(&r, "BRA", "RUS").map(|r| (r.label, r.negated)), Some((0, true)));
    let r = label("Brazil refused to join NATO.");
    assert_eq!(get(&r, "BRA", "NATO").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
}

#[test]
fn leaving_a_partnership_reverses_it() {
    let r = label("Canada threatened to abandon its status as a partner of NATO.");
    assert_eq!(get(&r, "CAN", "NATO").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
}

#[test]
fn questions_of_whether_and_quoted_sayings_are_not_stances() {
    assert!(label("Whether Cuba can become an ally of China is unclear.").is_empty());
    let r = label("Cuba and Syria cite the saying \"the enemy of my enemy is my friend\" often.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
}

#[test]
fn a_headline_stance_takes_its_target_from_the_colon_elaboration() {
    // Regression: "keeps a balanced stance: it backs resolutions condemning Russia" read −1 from the
    // elaboration instead of the headline 0 toward Russia.
    let r = label("Serbia tries to keep a balanced stance: it backs resolutions condemning Russia's war, but takes no further steps.");
    let rows: Vec<_> = r.iter().filter(|r| r.actor == "SRB" && r.target == "RUS").collect();
    assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
    assert_eq!(rows[0].label, 0);
    // Without the colon there is no elaboration to borrow from.
    let r = label("Serbia tries to keep a balanced stance. It backs resolutions condemning Russia's war.");
    assert_eq!(get(&r, "SRB", "RUS").map(|r| r.label), Some(-1), "{:?}", pairs(&r));
}

#[test]
fn a_concessive_aside_after_the_subject_leaves_the_main_clause_in_force() {
    // Regression: in "Kenya, though close to the U.S., keeps a neutral stance: …" the neutral
    // headline was read as part of the concession and gave way to the elaboration.
    let r = label("Kenya, though culturally close to the United States, keeps a neutral stance: it votes for resolutions condemning Russia.");
    assert_eq!(get(&r, "KEN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    // A concession opening the sentence still gives way.
    let r = label("Although Kenya condemned Russia, Kenya keeps a neutral stance toward Russia.");
    assert_eq!(get(&r, "KEN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
}

#[test]
fn a_position_stated_to_be_unclear_is_neutral_and_its_subject_acts() {
    // Regression: "unclear what position the country will take" took "the country" as the target.
    let r = label("Poland is an ally of the United States. As for Serbia, it is still unclear which side the country will take.");
    assert_eq!(get(&r, "SRB", "USA").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    assert!(get(&r, "SRB", "POL").is_none() && get(&r, "POL", "USA").map(|r| r.label) == Some(2), "{:?}", pairs(&r));
    let r = label("It is unclear what position Kenya will take toward China.");
    assert_eq!(get(&r, "KEN", "CHN").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    let r = label("Kenya is a partner of China. Serbia's position remains unclear.");
    assert_eq!(get(&r, "SRB", "CHN").map(|r| r.label), Some(0), "{:?}", pairs(&r));
}

#[test]
fn concession_gives_way_to_the_main_clause() {
    // Regression: "although X condemned Russia, X keeps a neutral stance" must read 0 for the pair.
    let r = label("Although Brazil condemned Russia at the UN, Brazil keeps a neutral stance toward Russia.");
    let rows: Vec<_> = r.iter().filter(|r| r.actor == "BRA" && r.target == "RUS").collect();
    assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
    assert_eq!(rows[0].label, 0);
}

#[test]
fn relative_clause_heads_and_complementisers_pick_the_right_subject() {
    // The main subject does not support Russia: "any country that provides support".
    let r = label("The United States will punish any country that provides support to Russia.");
    assert!(get(&r, "USA", "RUS").is_none_or(|r| r.label <= 0), "{:?}", pairs(&r));
    let r = label("Japan said that Serbia supports Russia.");
    assert!(get(&r, "SRB", "RUS").is_some() && get(&r, "JPN", "RUS").is_none(), "{:?}", pairs(&r));
}

#[test]
fn pronouns_prefer_the_leader_and_the_subject() {
    let r = label("Brazil kept its course. Lula visited Moscow and later he openly supports Russia.");
    assert_eq!(get(&r, "BRA", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
}

#[test]
fn proper_names_and_pro_adjectives_need_their_heads() {
    // "the Global Partnership" is a name; "a pro-Russian rally" is not a country's line.
    assert!(label("Canada joined the Global Partnership for Kenya.").iter().all(|r| r.cue != "Partnership"));
    let r = label("Canada went to a pro-Russian rally.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("Serbia follows a pro-Russian line.");
    assert_eq!(get(&r, "SRB", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
}

#[test]
fn past_markers_and_years_place_the_stance() {
    let r = label("Cuba was a close ally of Russia.");
    assert_eq!(get(&r, "CUB", "RUS").map(|r| (r.year_from, r.year_to)), Some((None, Some(2023))));
    let r = label("Since 2014, Poland has been a staunch ally of the United States.");
    assert_eq!(get(&r, "POL", "USA").map(|r| (r.label, r.year_from, r.year_to)), Some((2, Some(2014), None)));
    let r = label("Today Poland remains an ally of the United States.");
    assert_eq!(get(&r, "POL", "USA").map(|r| (r.year_from, r.year_to)), Some((None, None)));
}

#[test]
fn pair_anaphors_read_the_last_two_sides() {
    let r = label("Russia and China held talks. The partnership between the two countries is growing.");
    assert_eq!(get(&r, "RUS", "CHN").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    assert_eq!(get(&r, "CHN", "RUS").map(|r| r.label), Some(1));
}

#[test]
fn group_anaphors_expire() {
    // Regression: "they" three sentences after a list must not reach back to it.
    let r = label("Cuba and Syria are allies of Russia. Talks went on. Trade grew. Prices rose. They remain neutral.");
    assert!(r.iter().all(|r| r.label != 0), "{:?}", pairs(&r));
}

#[test]
fn one_stance_per_pair_in_a_sentence() {
    let r = label("Cuba and Syria, allies of Russia, regard Russia as a partner.");
    let rows: Vec<_> = r.iter().filter(|r| r.actor == "CUB" && r.target == "RUS").collect();
    assert_eq!(rows.len(), 1, "{:?}", pairs(&r));
    assert_eq!(rows[0].label, 2);
}

#[test]
fn hostility_that_disappeared_is_not_hostility() {
    let r = label("Iran's hostility toward Canada has disappeared.");
    assert_eq!(get(&r, "IRN", "CAN").map(|r| (r.label, r.negated)), Some((0, true)), "{:?}", pairs(&r));
}

#[test]
fn conditions_carry_no_stance_and_passives_swap_roles() {
    // Regression: "If Russia invades Ukraine, we will impose costs on Russia" gave Ukraine a stance.
    let r = label("If Russia invades Ukraine, we will impose severe costs on Russia.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("In 2022 Ukraine was invaded by Russia.");
    assert_eq!(get(&r, "RUS", "UKR").map(|r| (r.label, r.year_from)), Some((-2, Some(2022))), "{:?}", pairs(&r));
    assert!(get(&r, "UKR", "RUS").is_none());
}

#[test]
fn friendly_mutual_cues_need_a_named_pair() {
    // Regression: "stand together … Ukraine … against Russian aggression" is not Ukraine–Russia friendship.
    let r = label("We stand together with the people of Ukraine against Russian aggression.");
    assert!(get(&r, "UKR", "RUS").is_none_or(|r| r.label < 0), "{:?}", pairs(&r));
    let r = label("The joint exercises of China and Russia worried Japan.");
    assert_eq!(get(&r, "CHN", "RUS").map(|r| r.label), Some(1), "{:?}", pairs(&r));
}

#[test]
fn verbs_take_their_subject_not_a_later_list() {
    let r = label("We are actively engaged with Russia, Ukraine and Poland.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
}

#[test]
fn descriptions_of_a_country_are_targets_and_warming_is_mutual() {
    let r = label("Cuba recalled its ambassador. Russia is open to strengthening ties with the Caribbean republic.");
    assert_eq!(get(&r, "RUS", "CUB").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    let r = label("A certain warming came after the meeting between Japan and Korea.");
    assert_eq!(get(&r, "JPN", "KOR").map(|r| r.label), Some(1), "{:?}", pairs(&r));
    assert_eq!(get(&r, "KOR", "JPN").map(|r| r.label), Some(1));
}

#[test]
fn focus_moves_as_remove_and_push() {
    // Guards the shortcut in `push_focus` (the side already last in focus): every sequence of
    // up to five pushes over four sides and two mentions, and a long run past the limit of eight.
    fn reference(focus: &mut Vec<Side>, s: &Side) {
        focus.retain(|f| f.id != s.id);
        focus.push(Side { indirect: false, ..s.clone() });
        if focus.len() > 8 {
            focus.remove(0);
        }
    }
    let side = |k: usize| Side { id: ["A", "B", "C", "D"][k % 4].to_string(), mention: Some(k / 4), indirect: k.is_multiple_of(3), speaker: false };
    let mut runs: Vec<Vec<Side>> = Vec::new();
    for len in 0..=5u32 {
        for code in 0..8usize.pow(len) {
            runs.push((0..len).map(|p| side(code / 8usize.pow(p) % 8)).collect());
        }
    }
    runs.push((0..40).map(|k| Side { id: format!("S{}", k % 11), mention: Some(k), indirect: false, speaker: false }).collect());
    for run in &runs {
        let (mut state, mut want) = (DocState::default(), Vec::new());
        for s in run {
            state.push_focus(s.clone());
            reference(&mut want, s);
            assert_eq!(state.focus, want, "{run:?}");
        }
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    // Regression guard: offsets that are not character boundaries, overlapping and out-of-range
    // mentions, empty sentences and non-Latin text are skipped, never a panic.
    let text = "Россия — союзник? Cuba’s ally 🇨🇺 is Russia’s… «friend» of Russia";
    let m = |start: usize, end: usize, id: &str| Mention {
        sentence: 0,
        span: start..end,
        surface: String::new(),
        entity_id: id.into(),
        kind: EntityKind::Country,
        country: Some(id.into()),
        method: LinkMethod::Exact,
        confidence: 1.0,
    };
    let cuba = text.find("Cuba").unwrap();
    let russia = text.rfind("Russia").unwrap();
    let mentions = [m(1, 3, "RUS"), m(cuba, cuba + 4, "CUB"), m(cuba + 1, cuba + 6, "CUB"), m(russia, russia + 6, "RUS"), m(russia, 999, "RUS")];
    let sentences = [0..1, 0..text.len(), 5..5, 3..text.len() + 10];
    let doc = DocView { text, sentences: &sentences, mentions: &mentions, date: None, speaker: None };
    let _ = labeller().label(&doc);
    let doc = DocView { text: "", sentences: &[], mentions: &[], date: None, speaker: None };
    assert!(labeller().label(&doc).is_empty());
}

#[test]
fn our_premodified_allies_are_the_allies() {
    // Regression: "our Afghan allies" read as the speaker's stance toward Afghanistan.
    let r = label("Americans welcome our Japan allies.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("The United States and its NATO allies met.");
    assert_eq!(get(&r, "NATO", "USA").map(|r| r.label), Some(2), "{:?}", pairs(&r));
    assert!(get(&r, "USA", "NATO").is_none());
}

#[test]
fn coordinated_pro_adjectives_and_set_phrases_are_not_stances() {
    // Regressions from the White House corpus: "pro-China, anti-American regulations" is no
    // country's line; "To that end," negates nothing; "with" is no frame for a hostile cue.
    let r = label("Canada rescinded the pro-China, anti-American energy regulations.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("To that end, the United States and its allies, Japan and Canada, met.");
    assert!(r.iter().all(|r| !r.negated), "{:?}", pairs(&r));
    let r = label("Poland stands with our Japan allies to end the threat of a nuclear Iran.");
    assert!(get(&r, "POL", "JPN").is_none_or(|r| r.label > 0), "{:?}", pairs(&r));
}

#[test]
fn ending_a_war_and_lifting_sanctions_are_not_stances_toward_the_victim() {
    // Regressions from the White House corpus.
    let r = label("The United States wants to end the war in Ukraine.");
    assert!(r.is_empty(), "{:?}", pairs(&r));
    let r = label("Japan is lifting sanctions on Russian assets.");
    assert_eq!(get(&r, "JPN", "RUS").map(|r| r.label), Some(0), "{:?}", pairs(&r));
    let r = label("Japan aims to deter countries from supporting Russia.");
    assert!(get(&r, "JPN", "RUS").is_none(), "{:?}", pairs(&r));
}
