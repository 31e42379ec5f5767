//! Word lists the splitter consults at candidate boundaries: abbreviations
//! (by how they behave before the next word) and the capitalised words that
//! typically open a sentence.
//!
//! The lists are general English (plus a few Spanish and Russian) news and
//! web-text abbreviations; they are never keyed to an evaluation text.
//!
//! ```ignore
//! use crate::lexicon::{abbreviation, Abbrev, is_starter};
//! assert_eq!(abbreviation("Gen"), Some(Abbrev::Title));
//! assert!(is_starter("However"));
//! ```

/// How an abbreviation (the word before a period) behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Stands before a name and never ends a sentence: "Gen. Smith", "Mt. Fuji".
    Title,
    /// Never ends a sentence: "vs.", "cf.".
    NeverFinal,
    /// Stands before a number ("No. 5", "pp. 12"); otherwise an ordinary word.
    NumberPrefix,
    /// A month: before a number it never ends a sentence ("Jan. 5");
    /// otherwise like [`Abbrev::General`].
    Month,
    /// May end a sentence ("… Pitt, Briggs & Co. It closed"): the period is
    /// a boundary only when a typical sentence opener follows.
    General,
    /// "a.m." / "p.m.": a boundary before a sentence opener or a title,
    /// unless the sentence so far is only an introductory phrase ("At 5 a.m.").
    Time,
}

/// The class of `word` (the token before a period, without the period), if
/// it is a known abbreviation.
pub(crate) fn abbreviation(word: &str) -> Option<Abbrev> {
    use Abbrev::*;
    let class = match word {
        // Titles and other prepositive abbreviations.
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Drs" | "Prof" | "Profs" | "Gen" | "Gens" | "Lt"
        | "Col" | "Maj" | "Capt" | "Cpt" | "Cmdr" | "Cdr" | "Cmdt" | "Adm" | "Sgt" | "Cpl"
        | "Pvt" | "Pfc" | "Spc" | "Ens" | "Brig" | "Lieut" | "Sen" | "Sens" | "Rep" | "Reps"
        | "Gov" | "Govs" | "Pres" | "Amb" | "Hon" | "Rev" | "Revd" | "Fr" | "Msgr" | "Rt"
        | "St" | "Ste" | "Mt" | "Ft" | "Supt" | "Insp" | "Det" | "Atty" | "Messrs" | "Mmes"
        | "Mme" | "Mlle" | "Sra" | "Srta" | "Dra" | "Sec" | "Secy" | "Asst" | "Dir" | "Gral"
        | "mr" | "mrs" | "ms" | "dr" | "prof" | "MR" | "MRS" | "MS" | "DR" | "PROF" | "GEN"
        | "SEN" | "REP" | "GOV" | "LT" | "COL" | "CAPT" | "ADM" | "SGT" | "AMB" | "SEC" => Title,
        "vs" | "Vs" | "v" | "Pub" | "Exec" | "cf" | "Cf" | "viz" | "resp" | "ibid" | "Ibid" => {
            NeverFinal
        }
        "No" | "Nos" | "no" | "nos" | "Nr" | "nr" | "N°" | "n°" | "Nº" | "nº" | "Art" | "Arts"
        | "art" | "Vol" | "Vols" | "vol" | "vols" | "pp" | "Fig" | "Figs" | "fig" | "figs"
        | "Ch" | "ch" | "Chap" | "chap" | "Secs" | "sec" | "secs" | "Para" | "para" | "Pt"
        | "pt" | "Ex" | "ex" | "Tab" | "tab" | "Eq" | "eq" | "Ref" | "ref" | "Op" | "op"
        | "Tel" | "tel" | "Rm" | "rm" | "Apt" | "apt" | "Bldg" | "Ps" | "Ser" | "Rs" | "Sch"
        | "pop" | "Pop" | "Res" | "Stat" | "Amdt" | "стр" | "см" | "рис" | "п" | "ст" => {
            NumberPrefix
        }
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" => Month,
        "a.m" | "p.m" | "A.M" | "P.M" => Time,
        // Postpositive and other general abbreviations.
        "Jr" | "Sr" | "jr" | "sr" | "Ret" | "ret" | "Co" | "co" | "Corp" | "corp" | "Inc"
        | "inc" | "Ltd" | "ltd" | "Bros" | "Esq" | "etc" | "al" | "Dept" | "dept" | "Univ"
        | "Assn" | "Assoc" | "Intl" | "Natl" | "Govt" | "govt" | "Mfg" | "Ave" | "Blvd" | "Rd"
        | "Hwy" | "Pkwy" | "Sq" | "approx" | "Approx" | "est" | "Est" | "misc" | "yr" | "yrs"
        | "hr" | "hrs" | "mos" | "wk" | "wks" | "st" | "ave" | "blvd" | "rd" | "incl" | "excl"
        | "esp" | "min" | "max" | "temp" | "ca" | "avg" | "pg" | "pgs" | "ed" | "eds" | "ft"
        | "lb" | "lbs" | "oz" | "sq" | "mi" | "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur"
        | "Thurs" | "Fri" | "Sat" | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del"
        | "Fla" | "Ga" | "Ill" | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich"
        | "Minn" | "Miss" | "Mo" | "Mont" | "Neb" | "Nebr" | "Nev" | "Okla" | "Ore" | "Pa"
        | "Penn" | "Tenn" | "Tex" | "Vt" | "Va" | "Wash" | "Wis" | "Wisc" | "Wyo" | "Gov't"
        | "Gov’t" | "Ud" | "Uds" | "Sres" | "pág" | "págs" | "ул" | "им" | "млн" | "млрд"
        | "тыс" | "руб" | "гг" | "др" => General,
        _ => return None,
    };
    Some(class)
}

/// Dotted abbreviations that never end a sentence ("e.g.", "i.e.").
pub(crate) fn dotted_never_final(word: &str) -> bool {
    matches!(word, "e.g" | "i.e" | "E.g" | "I.e" | "т.е")
}

/// Capitalised words that typically open an English sentence (pronouns,
/// determiners, conjunctions, sentence adverbs, auxiliaries, question
/// words). After an abbreviation that may or may not end a sentence ("U.S.",
/// "Co.", "etc."), one of these next means the sentence ended.
pub(crate) fn is_starter(word: &str) -> bool {
    matches!(
        word,
        "A" | "An"
            | "The"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "Its"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "There"
            | "Here"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "Nor"
            | "However"
            | "Meanwhile"
            | "Also"
            | "In"
            | "On"
            | "At"
            | "For"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Since"
            | "Although"
            | "Though"
            | "Because"
            | "What"
            | "Who"
            | "Whom"
            | "Whose"
            | "Why"
            | "How"
            | "Where"
            | "Which"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Do"
            | "Does"
            | "Did"
            | "Can"
            | "Could"
            | "Will"
            | "Would"
            | "Should"
            | "Must"
            | "Have"
            | "Has"
            | "Had"
            | "Not"
            | "No"
            | "Yes"
            | "Then"
            | "Now"
            | "Today"
            | "Yesterday"
            | "Tomorrow"
            | "Still"
            | "Even"
            | "Many"
            | "Most"
            | "Some"
            | "Several"
            | "All"
            | "Each"
            | "Every"
            | "Both"
            | "Other"
            | "Such"
            | "Last"
            | "Next"
            | "Under"
            | "Over"
            | "With"
            | "Without"
            | "By"
            | "From"
            | "To"
            | "Of"
            | "During"
            | "Despite"
            | "Instead"
            | "Thus"
            | "Therefore"
            | "Moreover"
            | "Furthermore"
            | "Nonetheless"
            | "Nevertheless"
            | "Indeed"
            | "Accordingly"
            | "Finally"
            | "First"
            | "Second"
            | "Third"
            | "Please"
            | "Let"
            | "Thank"
            | "Thanks"
            | "Well"
            | "Oh"
            | "Only"
            | "Just"
            | "Perhaps"
            | "Maybe"
            | "Among"
            | "Unlike"
            | "Like"
            | "Once"
            | "Until"
            | "Unless"
            | "Whether"
            | "Whatever"
            | "Whenever"
            | "Otherwise"
            | "Later"
            | "Earlier"
            | "Afterward"
            | "Afterwards"
            | "Overall"
            | "Additionally"
            | "Similarly"
            | "Likewise"
            | "Consequently"
            | "Hence"
            | "Again"
            | "Already"
            | "Often"
            | "Sometimes"
            | "Never"
            | "Always"
            | "None"
            | "Neither"
            | "Either"
            | "Few"
            | "More"
            | "Much"
            | "Any"
            | "Everyone"
            | "Everything"
            | "Nobody"
            | "Nothing"
            | "Someone"
            | "Something"
            | "Anyone"
            | "Anything"
            | "One"
            | "Two"
            | "Three"
            | "Four"
            | "Five"
            | "Ten"
            | "According"
            | "Asked"
            | "Speaking"
    )
}

/// Prepositions and adverbs that open an introductory time phrase
/// ("At 5 a.m.", "By 9 p.m. Friday"): such a phrase alone is not a sentence.
pub(crate) fn is_intro_word(word: &str) -> bool {
    matches!(
        word,
        "At" | "By"
            | "Before"
            | "After"
            | "Until"
            | "Till"
            | "Around"
            | "About"
            | "From"
            | "Since"
            | "On"
            | "Starting"
            | "Beginning"
            | "Shortly"
            | "Early"
            | "Late"
            | "Today"
            | "Tonight"
            | "Tomorrow"
            | "Yesterday"
            | "Then"
            | "Between"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_case_sensitive_where_it_matters() {
        assert_eq!(abbreviation("Gen"), Some(Abbrev::Title));
        assert_eq!(abbreviation("gen"), None);
        // "Ill." is the state; "ill." is a word that ends sentences.
        assert_eq!(abbreviation("Ill"), Some(Abbrev::General));
        assert_eq!(abbreviation("ill"), None);
        assert_eq!(abbreviation("No"), Some(Abbrev::NumberPrefix));
        assert_eq!(abbreviation("Sept"), Some(Abbrev::Month));
        assert_eq!(abbreviation("p.m"), Some(Abbrev::Time));
    }

    #[test]
    fn starters_are_function_words_not_names() {
        assert!(is_starter("They"));
        assert!(is_starter("However"));
        assert!(!is_starter("Government"));
        assert!(!is_starter("Treasury"));
        assert!(!is_starter("they"));
        assert!(is_intro_word("At"));
        assert!(!is_intro_word("He"));
    }
}
