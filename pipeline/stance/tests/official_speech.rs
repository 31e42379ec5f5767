//! Official speech: a document with a speaker (a UN delegation, the White House), read with
//! sentences written for these tests (variants of the failure classes, not corpus sentences).
//! Each test names the class it guards.

mod common;

use common::{docview_label, one};
use orbita_text::ActorVia;

fn pairs(r: &[orbita_text::StanceRecord]) -> Vec<(String, String, i8, &'static str)> {
    r.iter().map(|r| (r.actor.clone(), r.target.clone(), r.label, r.actor_via.as_str())).collect()
}

fn has(r: &[orbita_text::StanceRecord], actor: &str, target: &str) -> Option<i8> {
    r.iter().find(|x| x.actor == actor && x.target == target).map(|x| x.label)
}

#[test]
fn first_person_sides_are_the_speaker_and_a_generic_we_is_not() {
    // Speaker: "we", "my Government", "our country" read as the delegation.
    let r = docview_label("My Government condemns the Russian Federation for its invasion.", Some("CHL"));
    let rec = one(&r, "CHL", "RUS");
    assert_eq!((rec.label, rec.actor_via), (-1, ActorVia::Speaker));
    let r = docview_label("Our country is a close partner of Japan.", Some("CHL"));
    assert_eq!(has(&r, "CHL", "JPN"), Some(1), "{:?}", pairs(&r));
    // Generic: "we, the peoples", "we must all", "we as an Organization".
    for s in ["We, the peoples of the United Nations, condemn Cuba.", "We must all condemn Cuba today.", "We as an Organization condemn Cuba."] {
        let r = docview_label(s, Some("CHL"));
        assert!(has(&r, "CHL", "CUB").is_none(), "{s}: {:?}", pairs(&r));
    }
    // Without a known speaker "we" names no side.
    let r = docview_label("We condemn Cuba.", None);
    assert!(r.is_empty(), "{:?}", pairs(&r));
}

#[test]
fn the_owner_of_a_nominal_act_acts_and_the_speaker_condemns_it() {
    // Possessive owner: not the subject ("Denmark seeks accountability for …").
    let r = docview_label("Chile demands accountability for Russia's brutal war of aggression against Ukraine.", Some("CHL"));
    assert_eq!(has(&r, "RUS", "UKR"), Some(-2), "{:?}", pairs(&r));
    assert!(has(&r, "CHL", "UKR").is_none(), "{:?}", pairs(&r));
    assert_eq!(has(&r, "CHL", "RUS"), Some(-1), "{:?}", pairs(&r));
    // Passive agent of a reduced relative, and the speaker's regret toward the imposer.
    let r = docview_label("Chile regrets the blockade imposed on Cuba by the United States.", Some("CHL"));
    assert_eq!(has(&r, "USA", "CUB"), Some(-2), "{:?}", pairs(&r));
    assert_eq!(has(&r, "CHL", "USA"), Some(-1), "{:?}", pairs(&r));
    assert!(has(&r, "CHL", "CUB").is_none(), "{:?}", pairs(&r));
    // A nominalisation with "by": "the annexation of X by Y".
    let r = docview_label("We recall the occupation of Ukraine by Russia.", Some("CHL"));
    assert_eq!(has(&r, "RUS", "UKR"), Some(-2), "{:?}", pairs(&r));
    // "its" names the owner: "calls on X to end its aggression".
    let r = docview_label("We call on Russia to end its aggression against Ukraine.", Some("CHL"));
    assert_eq!(has(&r, "RUS", "UKR"), Some(-2), "{:?}", pairs(&r));
    assert_eq!(has(&r, "CHL", "RUS"), Some(-1), "{:?}", pairs(&r));
}

#[test]
fn an_owner_named_earlier_owns_the_same_act_later() {
    let r = docview_label("Russia's invasion of Ukraine changed Europe. We condemn the aggression against Ukraine.", Some("CHL"));
    let later: Vec<_> = r.iter().filter(|x| x.sentence == 1).collect();
    assert!(later.iter().any(|x| x.actor == "RUS" && x.target == "UKR" && x.actor_via == ActorVia::Anaphor), "{:?}", pairs(&r));
    // With no owner anywhere, the act names no side.
    let r = docview_label("We condemn the aggression against Ukraine.", Some("CHL"));
    assert!(has(&r, "CHL", "UKR").is_none() && has(&r, "RUS", "UKR").is_none(), "{:?}", pairs(&r));
}

#[test]
fn a_place_where_something_happens_is_not_a_side() {
    // "the war in Ukraine", "the situation in Syria": no stance toward the place.
    for s in ["The war in Ukraine has raised the price of bread.", "We are worried about the situation in Syria.", "The conflict in Ukraine must end."] {
        let r = docview_label(s, Some("CHL"));
        assert!(r.iter().all(|x| x.actor != "CHL"), "{s}: {:?}", pairs(&r));
    }
}

#[test]
fn demands_are_not_friendship() {
    let r = docview_label("Chile expects more active cooperation from Russia.", Some("CHL"));
    assert!(has(&r, "CHL", "RUS").is_none_or(|l| l <= 0), "{:?}", pairs(&r));
    // Regression (seed): without a demand, "partners from X" are still X's partners.
    let r = docview_label("Russia welcomes new ideas from partners from Chile.", None);
    assert_eq!(has(&r, "RUS", "CHL"), Some(1), "{:?}", pairs(&r));
}

#[test]
fn a_people_or_an_opposition_is_not_its_government_and_a_regime_is() {
    let r = docview_label("We support the Venezuelan people and the Cuban opposition.", Some("USA"));
    assert!(has(&r, "USA", "VEN").is_none() && has(&r, "USA", "CUB").is_none(), "{:?}", pairs(&r));
    let r = docview_label("We oppose the Maduro regime.", Some("USA"));
    assert_eq!(has(&r, "USA", "VEN"), Some(-1), "{:?}", pairs(&r));
    // Kin: "the brotherly people of Cuba" stands for Cuba.
    let r = docview_label("We send our solidarity to the brotherly people of Cuba.", Some("VEN"));
    assert_eq!(has(&r, "VEN", "CUB"), Some(1), "{:?}", pairs(&r));
}

#[test]
fn diplomatic_vocabulary_reads_the_imposer_of_coercive_measures() {
    let r = docview_label("We reject the unilateral coercive measures imposed by the United States against Venezuela.", Some("CUB"));
    assert_eq!(has(&r, "USA", "VEN"), Some(-2), "{:?}", pairs(&r));
    assert_eq!(has(&r, "CUB", "USA"), Some(-1), "{:?}", pairs(&r));
    let r = docview_label("My delegation thanks Japan for its generous assistance.", Some("CHL"));
    assert_eq!(has(&r, "CHL", "JPN"), Some(1), "{:?}", pairs(&r));
    let r = docview_label("We deplore the aggression committed by Russia against Ukraine.", Some("CHL"));
    assert_eq!(has(&r, "CHL", "RUS"), Some(-1), "{:?}", pairs(&r));
}

#[test]
fn the_speakers_own_relations_are_the_speakers() {
    // "our friendship with X", "our partners, X and Y" in a statement with a speaker.
    let r = docview_label("Peru is proud of our long and deepening friendship with Japan.", Some("PER"));
    let rec = one(&r, "PER", "JPN");
    assert_eq!((rec.label, rec.actor_via), (1, ActorVia::Speaker));
    let r = docview_label("We will keep working with our partners, Brazil and Mexico, on fisheries.", Some("URY"));
    assert_eq!((has(&r, "URY", "BRA"), has(&r, "URY", "MEX")), (Some(1), Some(1)), "{:?}", pairs(&r));
    // Without a speaker "our" names no side.
    let r = docview_label("Peru is proud of our friendship with Japan.", None);
    assert!(has(&r, "PER", "JPN").is_none(), "{:?}", pairs(&r));
}

#[test]
fn support_for_what_a_side_owns_is_support_for_the_side_but_not_for_its_people() {
    // The owner of the object: "the right of X", "the proposal of X", "X's candidature".
    let r = docview_label("We firmly support the right of Bolivia to sovereign access to the sea.", Some("PER"));
    assert_eq!(has(&r, "PER", "BOL"), Some(1), "{:?}", pairs(&r));
    let r = docview_label("My Government supports the proposal of Brazil on reform.", Some("CHL"));
    assert_eq!(has(&r, "CHL", "BRA"), Some(1), "{:?}", pairs(&r));
    // A request to support is no one's support.
    let r = docview_label("We ask the Government of Chile to support Japan's efforts at the border.", Some("PER"));
    assert!(has(&r, "CHL", "JPN").is_none() && has(&r, "PER", "JPN").is_none(), "{:?}", pairs(&r));
    let r = docview_label("We support Japan's candidature to the Council.", Some("PER"));
    assert_eq!(has(&r, "PER", "JPN"), Some(1), "{:?}", pairs(&r));
    // A people, an opposition: not the state.
    let r = docview_label("We support the aspirations of the people of Venezuela for democracy.", Some("USA"));
    assert!(has(&r, "USA", "VEN").is_none(), "{:?}", pairs(&r));
    let r = docview_label("We support the struggle of the Cuban opposition for freedom.", Some("USA"));
    assert!(has(&r, "USA", "CUB").is_none(), "{:?}", pairs(&r));
}

#[test]
fn accountability_demanded_of_a_side_is_against_it() {
    // The speaker demands it; a named holder holds it; the speaker's own accountability is no stance.
    let r = docview_label("We insist that Iran must be held accountable for the attacks.", Some("CHL"));
    assert_eq!(one(&r, "CHL", "IRN").label, -1, "{:?}", pairs(&r));
    let r = docview_label("Peru supports every effort to hold Syria's leaders fully to account.", Some("PER"));
    assert_eq!(has(&r, "PER", "SYR"), Some(-1), "{:?}", pairs(&r));
    let r = docview_label("Japan will hold Iran responsible for its conduct.", Some("CHL"));
    let rec = one(&r, "JPN", "IRN");
    assert_eq!((rec.label, rec.actor_via), (-1, ActorVia::Named));
    assert!(has(&r, "CHL", "IRN").is_none(), "{:?}", pairs(&r));
    let r = docview_label("The regime in Syria must bear the full and entire responsibility.", Some("CHL"));
    assert_eq!(has(&r, "CHL", "SYR"), Some(-1), "{:?}", pairs(&r));
    let r = docview_label("We hold ourselves accountable to the people of Japan.", Some("CHL"));
    assert!(has(&r, "CHL", "JPN").is_none(), "{:?}", pairs(&r));
    // Without a speaker nobody demands it.
    let r = docview_label("Iran must be held accountable.", None);
    assert!(r.is_empty(), "{:?}", pairs(&r));
}

#[test]
fn a_demanded_lifting_leaves_the_measures_standing_and_friendly_acts_owned_by_our_are_the_speakers() {
    let r = docview_label("Venezuela demands the lifting of the embargo imposed on Cuba by the United States.", Some("VEN"));
    assert_eq!(has(&r, "USA", "CUB"), Some(-2), "{:?}", pairs(&r));
    assert_eq!(has(&r, "VEN", "USA"), Some(-1), "{:?}", pairs(&r));
    // The lifter lifts: a negated hostile act.
    let r = docview_label("Japan is lifting its sanctions on Iran.", Some("CHL"));
    assert!(has(&r, "JPN", "IRN").is_none_or(|l| l == 0), "{:?}", pairs(&r));
    let r = docview_label("Our unwavering support for Nicaragua is well known.", Some("CUB"));
    assert_eq!(one(&r, "CUB", "NIC").actor_via, ActorVia::Speaker);
    let r = docview_label("We reaffirm our full solidarity with Cuba.", Some("BOL"));
    assert_eq!(has(&r, "BOL", "CUB"), Some(1), "{:?}", pairs(&r));
}

#[test]
fn an_accomplice_or_proxy_of_a_side_is_on_its_side_however_hostile_the_sentence() {
    // A speaker hostile to both names one as the other's accomplice, proxy or satellite: the two are
    // aligned, and the sentence's hostility is the speaker's, not theirs toward each other.
    for s in [
        "We must raise the cost for Iran and its accomplice, Syria.",
        "The war has been prolonged by Iran's proxy, Syria.",
        "Syria, an accomplice of Iran, is also being sanctioned.",
    ] {
        let r = docview_label(s, Some("CHL"));
        assert_eq!(has(&r, "SYR", "IRN"), Some(2), "{s}: {:?}", pairs(&r));
        assert!(has(&r, "IRN", "SYR").is_none_or(|l| l > 0), "{s}: {:?}", pairs(&r));
    }
    // Proxies that operate out of a place are not that state's side.
    let r = docview_label("Iran and its proxies operating out of Iraq attacked the base.", Some("CHL"));
    assert!(has(&r, "IRQ", "IRN").is_none(), "{:?}", pairs(&r));
}
