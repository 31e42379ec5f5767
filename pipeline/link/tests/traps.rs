//! The linker on the repository's knowledge base: homonyms, places inside
//! places, leaders by date, and the seed articles.

mod common;
use common::{kb, linker, links, repo};
use orbita_link::Kb;
use orbita_text::{Date, EntityKind, LinkMethod};

fn ids(text: &str, date: Option<&str>) -> Vec<String> {
    links(text, date).into_iter().map(|(_, id, _)| id).collect()
}

fn one(text: &str, date: Option<&str>) -> (String, String, String) {
    let l = links(text, date);
    assert_eq!(l.len(), 1, "{text:?} → {l:?}");
    l.into_iter().next().unwrap()
}

#[test]
fn kb_covers_every_iso_country() {
    assert!(kb().country_ids().len() >= 249);
    assert_eq!(kb().name("CIV"), Some("Côte d'Ivoire"));
    assert_eq!(kb().name("RUS"), Some("Russia"));
    assert_eq!(kb().members("ALBA").len(), 10);
    assert!(kb().members("NATO").contains(&"TUR".to_string()));
    assert!(kb().members("UN").is_empty());
}

#[test]
fn places_inside_other_places_are_not_the_country() {
    assert_eq!(ids("New Mexico and Mexico signed a water deal.", None), ["MEX"]);
    assert_eq!(ids("Mexico City sent a note to Washington.", None), ["city:mexico-city", "city:washington"]);
    assert_eq!(ids("Guinea-Bissau and Guinea share a border.", None), ["GNB", "GIN"]);
    assert_eq!(ids("Niger and Nigeria met in Abuja.", None), ["NER", "NGA", "city:abuja"]);
    assert_eq!(ids("Dominica and the Dominican Republic voted yes.", None), ["DMA", "DOM"]);
    assert_eq!(ids("Papua New Guinea is not New Guinea.", None), ["PNG"]);
    assert_eq!(ids("Officials in Latin America and South America doubt the plan.", None), Vec::<String>::new());
    assert_eq!(ids("The Latin American left and North and South America.", None), Vec::<String>::new());
    assert_eq!(ids("They call it America's backyard.", None), ["USA"]);
    assert_eq!(ids("Residents of New Jersey and Indiana.", None), Vec::<String>::new());
}

#[test]
fn homonyms_of_us_states_and_people() {
    // Georgia the US state: other states or US cues in the sentence.
    assert!(ids("Governor Kemp toured Georgia and Florida after the storm.", None).is_empty());
    assert!(ids("He was born in Atlanta, Georgia, in 1950.", None).is_empty());
    // Georgia the country: foreign cues.
    assert_eq!(ids("Russia occupies parts of Georgia since 2008.", None), ["RUS", "GEO"]);
    // Jordan the person, Chad the given name, Turkey the bird.
    assert!(ids("Rep. Jim Jordan asked a question.", None).is_empty());
    assert!(ids("Acting Secretary Chad Wolf spoke.", None).is_empty());
    assert!(ids("The President pardoned the National Thanksgiving Turkey.", None).is_empty());
    assert!(ids("We ate turkey and talked about china plates.", None).is_empty());
    assert_eq!(ids("Egypt, Jordan, and Chad signed.", None), ["EGY", "JOR", "TCD"]);
    assert_eq!(ids("Turkey's parliament approved Sweden's bid.", None), ["TUR", "SWE"]);
    // Washington the state, the university, a person's name.
    assert!(ids("Fires burned in Washington State.", None).is_empty());
    assert!(ids("George Washington crossed the river.", None).is_empty());
    assert!(ids("Denzel Washington starred in it.", None).is_empty());
    assert_eq!(ids("Washington imposed sanctions on Caracas.", None), ["city:washington", "city:caracas"]);
    // Case and boundaries.
    assert_eq!(ids("Let us discuss the plan of the omani woman in Somalia's climate talks.", None), ["SOM"]);
    assert_eq!(ids("The US and the UN and the EU.", None), ["USA", "UN", "EU"]);
    // "the West" is a bloc, "the West Bank" is not.
    assert_eq!(ids("The West imposed sanctions; the West Bank did not.", None), ["WEST"]);
}

#[test]
fn spellings_possessives_plurals() {
    assert_eq!(one("Bogotá recalled its ambassador.", None).1, "city:bogota");
    assert_eq!(one("Bogota recalled its ambassador.", None).1, "city:bogota");
    let m = &linker().link("Bogota said no.", std::slice::from_ref(&(0..15)), None)[0];
    assert_eq!(m.method, LinkMethod::Folded);
    assert_eq!(one("Russia's allies met.", None).0, "Russia");
    assert_eq!(one("Colombians were deported.", None), ("Colombians".into(), "COL".into(), "demonym".into()));
    assert_eq!(ids("Ivory Coast, Côte d'Ivoire and Cote d’Ivoire.", None), ["CIV", "CIV", "CIV"]);
    assert_eq!(ids("Burma, Czechia, Türkiye, the DPRK.", None), ["MMR", "CZE", "TUR", "PRK"]);
    assert_eq!(ids("Argentine and Argentinian and Brazilian officials.", None), ["ARG", "ARG", "BRA"]);
    assert_eq!(ids("The Kremlin and the White House.", None), ["seat:kremlin", "seat:white-house"]);
    assert_eq!(ids("Colombian-Russian relations and the pro-Russian camp.", None), ["COL", "RUS", "RUS"]);
    // A language is not a people.
    assert!(ids("the largest Spanish-speaking country", None).is_empty());
}

#[test]
fn lula_by_date() {
    // Lula is Brazil's president 2003–2010 and from 2023.
    assert_eq!(one("Lula spoke.", Some("2005-06-01")).2, "leader");
    assert_eq!(one("Lula spoke.", Some("2015-06-01")).2, "former_leader");
    assert_eq!(one("Lula spoke.", Some("2025-06-01")).2, "leader");
    let m = &linker().link("Lula spoke.", std::slice::from_ref(&(0..11)), Some(Date::parse("2025-06-01").unwrap()))[0];
    assert_eq!((m.country.as_deref(), m.method), (Some("BRA"), LinkMethod::Dated));
}

#[test]
fn bolsonaro_in_2025_is_a_former_leader() {
    let (_, id, kind) = one("Bolsonaro went on trial.", Some("2025-09-01"));
    assert_eq!((id.as_str(), kind.as_str()), ("person:jair-bolsonaro", "former_leader"));
    assert_eq!(links("Bolsonaro visited Moscow.", Some("2022-02-16"))[0].2, "leader");
}

#[test]
fn castro_by_context_and_date() {
    // Fidel or Raúl in Cuba by date, after a title.
    assert_eq!(ids("President Castro spoke in Havana.", Some("2005-01-01"))[0], "person:fidel-castro");
    assert_eq!(ids("President Castro spoke in Havana.", Some("2012-01-01"))[0], "person:raul-castro");
    // Xiomara Castro is Honduras.
    let (_, id, kind) = one("Xiomara Castro threatened to close the bases.", Some("2025-01-05"));
    assert_eq!((id.as_str(), kind.as_str()), ("person:xiomara-castro", "leader"));
    // A later bare "Castro" is whoever the document named last.
    let text = "Xiomara Castro took office. Later, Castro restored ties with Cuba.";
    assert_eq!(ids(text, Some("2023-01-01")), ["person:xiomara-castro", "person:xiomara-castro", "CUB"]);
    // Someone else with the same surname.
    assert!(ids("Rep. Joaquin Castro asked a question.", Some("2023-01-01")).is_empty());
    // Castro alone with no title and no context is not linked.
    assert!(ids("Castro said so.", Some("2023-01-01")).is_empty());
}

#[test]
fn paz_needs_rodrigo_paz_in_context() {
    assert!(ids("Paz said the talks would resume.", Some("2025-12-01")).is_empty());
    assert!(ids("Octavio Paz wrote poems.", Some("2025-12-01")).is_empty());
    let text = "Rodrigo Paz won the run-off. Paz said he would reboot ties with the U.S.";
    assert_eq!(ids(text, Some("2025-12-01")), ["person:rodrigo-paz", "person:rodrigo-paz", "USA"]);
    assert_eq!(links(text, Some("2025-12-01"))[0].2, "leader");
    // Before his term he is not (yet) a leader.
    assert_eq!(links(text, Some("2025-09-01"))[0].2, "official");
    assert_eq!(ids("La Paz is the seat of government.", None), ["city:la-paz"]);
}

#[test]
fn no_date_links_with_ambiguity_recorded() {
    let m = &linker().link("Lula spoke.", std::slice::from_ref(&(0..11)), None)[0];
    assert_eq!((m.method, m.kind), (LinkMethod::Ambiguous, EntityKind::Leader));
    assert!(m.confidence < 0.7);
}

#[test]
fn other_leaders_by_date() {
    assert_eq!(one("Trump spoke.", Some("2019-01-01")).2, "leader");
    assert_eq!(one("Trump spoke.", Some("2022-01-01")).2, "former_leader");
    assert_eq!(one("Putin spoke.", Some("2010-01-01")).2, "leader"); // prime minister
    assert_eq!(one("Medvedev spoke.", Some("2022-01-01")).2, "former_leader");
    assert_eq!(one("Maduro spoke.", Some("2020-01-01")).1, "person:nicolas-maduro");
    assert_eq!(one("President Maduro spoke.", Some("2003-01-01")).1, "person:ricardo-maduro");
    assert_eq!(one("Interior Minister Armando Benedetti", Some("2025-11-01")).2, "official");
    assert!(ids("Melania Trump visited.", Some("2025-11-01")).is_empty());
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(repo().join("../shared/seeds").join(name)).unwrap()
}

#[test]
fn seeds_link_every_latin_american_country_they_name() {
    let have = |text: &str, date: &str| -> std::collections::BTreeSet<String> {
        let date = Date::parse(date).unwrap();
        linker()
            .link(text, &orbita_split::split(text), Some(date))
            .into_iter()
            .filter_map(|m| m.country)
            .collect()
    };
    let a = have(&seed("000_855b9c7a585e738b.txt"), "2025-11-20");
    for c in ["COL", "USA", "RUS", "CUB", "NIC", "VEN", "ARG", "GTM", "CRI", "PAN", "PRY", "SLV", "ECU", "BOL", "BRA", "HND", "MEX", "CHL", "URY", "PER", "CHN", "IND"] {
        assert!(a.contains(c), "000 misses {c}");
    }
    let b = have(&seed("002_14ed5e0fda857643.txt"), "2025-10-16");
    for c in ["CUB", "VEN", "NIC", "CHL", "PAN", "PRY", "BRA", "MEX", "SLV", "HND", "GTM", "CRI", "DOM", "BOL", "COL", "ECU", "PER", "ARG", "URY"] {
        assert!(b.contains(c), "002 misses {c}");
    }
}

#[test]
fn seed_metonyms_and_officials() {
    let text = seed("000_855b9c7a585e738b.txt");
    let l = links(&text, Some("2025-11-20"));
    let has = |s: &str, id: &str| l.iter().any(|(a, b, _)| a == s && b == id);
    assert!(has("Washington", "city:washington"));
    assert!(has("Moscow", "city:moscow"));
    assert!(has("Bogota", "city:bogota"));
    assert!(has("White House", "seat:white-house"));
    assert!(has("Russian Federation", "RUS"));
    assert!(has("Gustavo Petro", "person:gustavo-petro"));
    assert!(has("Armando Benedetti", "person:armando-benedetti"));
    assert!(has("U.S.", "USA") && has("US", "USA"));
    assert!(has("Jair Bolsonaro", "person:jair-bolsonaro"));
    assert!(!l.iter().any(|(s, _, _)| s.contains("America") && s != "America" && s != "American"));
}

#[test]
fn kb_parse_errors_point_at_the_file() {
    let e = Kb::parse(&[("countries.tsv", "id\talpha2\tnumeric\tdisplay\tnames\ncol\tCO\t170\tColombia\tColombia\n")]).unwrap_err();
    assert_eq!(e.to_string(), "countries.tsv:2: country id \"col\" is not an ISO 3166-1 alpha-3 code");
}

#[test]
fn hard_wrapped_names_and_their_surfaces() {
    // Regression: "Indian\nCountry" in wrapped Markdown was linked to India.
    assert!(ids("grants reach Indian\nCountry and tribal colleges.", None).is_empty());
    // Within one sentence, a name wrapped over a line is linked with its
    // surface as written. (Where the splitter puts a boundary at the line
    // break, no mention may cross it: see properties.rs.)
    let text = "the President of the United\nStates spoke.";
    let whole = 0..text.len();
    let m = &linker().link(text, std::slice::from_ref(&whole), None)[0];
    assert_eq!((m.entity_id.as_str(), m.surface.as_str()), ("USA", "United\nStates"));
}

#[test]
fn names_inside_names_of_laws_companies_and_offices() {
    // Regression: White House sample mentions that were parts of other names.
    assert!(ids("under 5 U.S.C. 5303", None).is_empty());
    assert!(ids("Thanks to the American Rescue Plan, the American Heart Month events went ahead.", None).is_empty());
    assert!(ids("the Irish-American community", None).is_empty());
    assert!(ids("(Speaks Spanish.) Thank you.", None).is_empty());
    assert_eq!(ids("investing in America, investing in Americans.", None), ["USA", "USA"]);
    assert!(ids("Director of the Office of Iranian Affairs", None).is_empty());
    assert!(ids("a plant in Malta, NY, next year", None).is_empty());
    assert!(ids("Thank you, Dr. Biden.", Some("2023-05-01")).is_empty());
}

#[test]
fn test_sample_error_classes() {
    // Regression: the classes of error found in the White House test sample.
    assert!(ids("[Rep. Jim Jordan](https://x.com/Jim_Jordan/status/1) and https://x.com/Keir_Starmer", None).is_empty());
    assert_eq!(ids("Saudi\u{a0}Arabia committed $600 billion.", None), ["SAU"]);
    assert_eq!(links("Saudi\u{a0}Arabia committed.", None)[0].2, "country");
    assert!(ids("Native Americans and Asian\u{a0}Americans serve.", None).is_empty());
    // Indented, hard-wrapped Markdown.
    assert_eq!(links("-   Saudi\n    Arabia committed.", None), [("Saudi\n    Arabia".into(), "SAU".into(), "country".into())]);
    assert!(ids("the third Asian\n    American federal judge", None).is_empty());
    let url = "-   Saudi\n    Arabia\u{a0}[committed](https://www.whitehouse.gov/fact-sheets/2025/05/fact-sheet-president-donald-j-trump-secures-historic-600-billion-investment)";
    assert_eq!(links(url, None)[0].1, "SAU");
    assert_eq!(links(url, None)[0].2, "country");
    assert_eq!(ids("Northern Ireland's Executive is up and running.", None), ["GBR"]);
    assert!(ids("leaders including Dr. Martin Luther King and John Lewis", Some("2021-06-01")).is_empty());
    assert!(ids("flyers in English, Spanish, Haitian Creole, and Portuguese", None).is_empty());
    assert!(ids("She speaks French, Russian, German, and Georgian.", None).is_empty());
    assert!(ids("Through the Biden Cancer Moonshot we can end cancer.", Some("2023-01-01")).is_empty());
    assert!(ids("the story of America the Beautiful and the American Revolution", None).is_empty());
    // "the West" of the United States, next to US cues.
    assert!(ids("Across the West, droughts hit Arizona and Nevada.", None).is_empty());
    assert_eq!(ids("Russia's confrontation with the West.", None), ["RUS", "WEST"]);
    // A surname followed by the office it leads is still the person.
    assert_eq!(ids("the Trump Administration announced", Some("2025-03-01")), ["person:donald-trump"]);
}

#[test]
fn titles_name_the_office() {
    // Regression: "President Clinton" in 2021 was linked to Hillary Clinton (closer in time).
    assert_eq!(ids("When President Clinton signed it into law in 1993", Some("2021-02-05")), ["person:bill-clinton"]);
    assert_eq!(ids("Secretary Clinton arrived.", Some("2021-02-05")), ["person:hillary-clinton"]);
    // Someone else with a leader's surname and another office.
    assert!(ids("the nomination of Chairman Powell and Chairman Brown", Some("2021-11-22")).is_empty());
    // Lyndon B. Johnson is in the knowledge base now, but "Johnson" is too common a surname to be
    // a generated leader's weak form (precision first): alone it links no one; after "President"
    // it is the one Johnson who was a president by the date (see `linker/titled.rs`), never Boris Johnson.
    assert!(ids("Johnson signed the Civil Rights Act of 1964.", Some("2024-07-02")).is_empty());
    assert_eq!(ids("President Johnson signed the Civil Rights Act of 1964.", Some("2024-07-02")), ["person:lyndon-b-johnson"]);
    assert_eq!(ids("President Lyndon B. Johnson signed it.", Some("2024-07-02")), ["person:lyndon-b-johnson"]);
    // A title broken over an indented line is read as one: "Vice\n    President Harris" is the vice president.
    assert_eq!(ids("Vice\n    President Harris is announcing it.", Some("2021-11-12")), ["person:kamala-harris"]);
    // "Prime Minister Lee" is not a Korean president: in 2023 it is Singapore's prime minister.
    assert_eq!(ids("The President and Prime Minister Lee will meet.", Some("2023-03-01")), ["person:lee-hsien-loong"]);
    assert_eq!(ids("President Lee will meet him.", Some("2025-08-01")), ["person:lee-jae-myung"]);
    assert_eq!(ids("President Raisi died in a crash.", Some("2024-05-20")), ["person:ebrahim-raisi"]);
    assert_eq!(ids("Vice President Harris spoke.", Some("2023-05-01")), ["person:kamala-harris"]);
}

#[test]
fn mentions_inside_urls_and_file_names() {
    assert!(ids("uploads/2025/04/Misael-De-Jesus-GRANADOS-Chavez.jpg", Some("2025-04-01")).is_empty());
    assert!(ids("see https://www.state.gov/countries/colombia/Colombia-report", None).is_empty());
    // A table cell with another person's full name.
    assert!(ids("GABRIEL ARIAS MADURO", Some("2025-04-01")).is_empty());
    // But "U.S./Mexico" and "Russia/Ukraine" are still two countries.
    assert_eq!(ids("the U.S./Mexico border and the Russia/Ukraine war", None), ["USA", "MEX", "RUS", "UKR"]);
}

#[test]
fn states_past_and_present_by_date() {
    // Kosovo was not in the knowledge base: "Officials from Kosovo and Serbia" linked Serbia only.
    assert_eq!(ids("Officials from Kosovo and Serbia met in Brussels.", Some("2023-05-01")), ["XKX", "SRB", "city:brussels"]);
    // "Russia" in 1970 is the Soviet Union; in 1995 the Russian Federation.
    assert_eq!(ids("Russia and the Soviet Union.", Some("1970-10-01")), ["SUN", "SUN"]);
    assert_eq!(ids("Russia and the Soviet Union.", Some("1995-10-01")), ["RUS", "SUN"]);
    // Renamed states keep their id; dissolved ones have their own.
    assert_eq!(ids("Zaire, Burma, Ceylon, Dahomey, Upper Volta and Swaziland.", Some("1975-10-01")), ["COD", "MMR", "LKA", "BEN", "BFA", "SWZ"]);
    assert_eq!(ids("Czechoslovakia, the German Democratic Republic and Yugoslavia.", Some("1975-10-01")), ["CSK", "DDR", "YUG"]);
    // "Yemen" before the union of 1990 is North Yemen; "Serbia" in 2004 is Serbia and Montenegro.
    assert_eq!(ids("Yemen and South Yemen.", Some("1980-10-01")), ["YAR", "YMD"]);
    assert_eq!(ids("Serbia and Montenegro.", Some("2004-10-01")), ["SCG"]);
    assert_eq!(ids("Serbia, and Montenegro.", Some("2004-10-01")), ["SCG", "SCG"]);
    assert_eq!(ids("Serbia, and Montenegro.", Some("2010-10-01")), ["SRB", "MNE"]);
    // The United Arab Republic: the union until 1961, then Egypt until 1971.
    assert_eq!(ids("the United Arab Republic", Some("1960-10-01")), ["UAR"]);
    assert_eq!(ids("the United Arab Republic", Some("1967-10-01")), ["EGY"]);
    // A name with no meaning at the date is not linked: "Macedonia" before independence.
    assert!(ids("Macedonia", Some("1980-10-01")).is_empty());
    assert_eq!(ids("Macedonia", Some("2000-10-01")), ["MKD"]);
}

#[test]
fn things_named_after_places_are_not_their_country() {
    // Summits, treaties, agreements, formats and doctrines named after a place or person.
    for text in [
        "the Vilnius Summit",
        "the Minsk agreements",
        "the Washington Consensus",
        "the Beijing Platform for Action",
        "the Rome Statute",
        "the Paris Agreement",
        "the Astana format",
        "the Treaty of Rome",
        "the Charter of Paris",
        "the Moscow Declaration",
        "the Doha Round",
        "the Oslo peace process",
        "the Bush doctrine",
    ] {
        assert!(ids(text, Some("2023-05-01")).is_empty(), "{text}: {:?}", ids(text, Some("2023-05-01")));
    }
    // The country itself still links next to such words elsewhere.
    assert_eq!(ids("Paris agreed; the summit in Vilnius opened.", Some("2023-05-01")), ["city:paris", "city:vilnius"]);
}

#[test]
fn homonyms_of_a_global_corpus() {
    assert_eq!(ids("Niger and Nigeria; the Niger Delta.", Some("2020-10-01")), ["NER", "NGA"]);
    assert_eq!(ids("Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea; the Gulf of Guinea.", Some("2020-10-01")), ["GIN", "GNB", "GNQ", "PNG"]);
    assert_eq!(ids("Dominica and the Dominican Republic.", Some("2020-10-01")), ["DMA", "DOM"]);
    assert_eq!(ids("North Korea and South Korea.", Some("2020-10-01")), ["PRK", "KOR"]);
    assert_eq!(ids("Congo (Brazzaville) and Congo (Leopoldville).", Some("1962-10-01")), ["COG", "COD"]);
}

#[test]
fn leaders_of_former_states_and_foreign_ministers_by_date() {
    // The Soviet Union's leaders are the SUN's, dated: Gorbachev led the party (an official) before
    // he became head of state in 1988; in 2000 he is a former leader.
    // Brezhnev led the party from 1964 (an official) and was also head of state from 1977.
    assert_eq!(one("Brezhnev spoke.", Some("1975-10-01")), ("Brezhnev".into(), "person:leonid-brezhnev".into(), "official".into()));
    assert_eq!(one("Brezhnev spoke.", Some("1980-10-01")).2, "leader");
    assert_eq!(one("Mikhail Gorbachev spoke.", Some("1986-10-01")).2, "official");
    assert_eq!(one("Mikhail Gorbachev spoke.", Some("1990-10-01")).2, "leader");
    assert_eq!(one("Mikhail Gorbachev spoke.", Some("2000-10-01")).2, "former_leader");
    // A generated leader's years as foreign minister come from the overrides.
    assert_eq!(one("Foreign Minister Steinmeier spoke.", Some("2015-10-01")), ("Steinmeier".into(), "person:frank-walter-steinmeier".into(), "official".into()));
    assert_eq!(one("Secretary of State Kerry spoke.", Some("2015-10-01")).1, "person:john-kerry");
}

#[test]
fn a_family_of_leaders_in_the_plural() {
    // "the Kirchners": Néstor and Cristina Kirchner, Argentina; their joined terms 2003-2015.
    let text = "Under the Kirchners' leadership, the country looked east.";
    let sentences = orbita_split::split(text);
    let date = Date::parse("2025-10-16").ok();
    let ms = linker().link(text, &sentences, date);
    let m = ms.iter().find(|m| m.surface == "Kirchners").expect("the Kirchners linked");
    assert_eq!((m.country.as_deref(), m.kind), (Some("ARG"), EntityKind::FormerLeader));
    let mut terms = linker().office_terms(m);
    terms.sort_by_key(|t| t.0);
    assert_eq!(terms.first().map(|t| t.0), Date::parse("2003-05-25").ok());
    assert_eq!(terms.last().and_then(|t| t.1), Date::parse("2015-12-10").ok());
    // A surname in the plural without "the", or of no leader family, is not linked.
    assert!(ids("Kirchners met in Buenos Aires.", Some("2025-10-16")).iter().all(|id| !id.starts_with("person:")));
    // The predecessor of a leader whose term began on a date.
    let p = linker().predecessor_term("ARG", Date::parse("2023-12-10").unwrap()).unwrap();
    assert_eq!(p.0, Date::parse("2019-12-10").unwrap());
}

#[test]
fn surnames_after_a_title_that_the_names_do_not_cover() {
    let at = |text: &str, date: &str| -> Vec<(String, String)> {
        links(text, Some(date)).into_iter().map(|(s, id, _)| (s, id)).collect()
    };
    // A common English surname, kept as no short form, after the office the person held.
    assert_eq!(at("We recall the vision of President Kennedy.", "2017-09-25"), [("Kennedy".to_string(), "person:john-f-kennedy".to_string())]);
    // A misread surname of a sitting president, with the given name written.
    assert_eq!(at("Alongside President Macky Sail, we act.", "2020-09-25"), [("Macky Sail".to_string(), "person:macky-sall".to_string())]);
    // Misspelt and alone, without the country in the text: no one.
    assert!(at("President Saliman of the university spoke.", "2023-06-01").is_empty());
    // Unless the misspelling has seven letters or more and one sitting president's surname alone
    // is near it (UN General Debate 2011, a speech that does not name Brazil).
    assert_eq!(at("sincerity, which were praised by President Roussef from this rostrum.", "2011-09-25"),
               [("Roussef".to_string(), "person:dilma-rousseff".to_string())]);
    assert!(at("sincerity, which were praised by President Roussef from this rostrum.", "2017-09-25").is_empty());
    // A misspelt surname of someone not in office at the date: no one.
    assert!(at("Alongside President Macky Sail, we act.", "2005-09-25").is_empty());
}
