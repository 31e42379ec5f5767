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
///
/// An ASCII word is matched by its bytes: a match on byte strings compiles to
/// a decision tree on the length and the bytes, where a match on strings
/// compares the word with each listed word in turn. The few listed words
/// outside ASCII are matched as strings.
pub(crate) fn abbreviation(word: &str) -> Option<Abbrev> {
    use Abbrev::*;
    let class = match word.as_bytes() {
        // Titles and other prepositive abbreviations.
        b"Mr" | b"Mrs" | b"Ms" | b"Mx" | b"Dr" | b"Drs" | b"Prof" | b"Profs" | b"Gen" | b"Gens" | b"Lt" | b"Col" | b"Maj"
            | b"Capt" | b"Cpt" | b"Cmdr" | b"Cdr" | b"Cmdt" | b"Adm" | b"Sgt" | b"Cpl" | b"Pvt" | b"Pfc" | b"Spc" | b"Ens"
            | b"Brig" | b"Lieut" | b"Sen" | b"Sens" | b"Rep" | b"Reps" | b"Gov" | b"Govs" | b"Pres" | b"Amb" | b"Hon" | b"Rev"
            | b"Revd" | b"Fr" | b"Msgr" | b"Rt" | b"St" | b"Ste" | b"Mt" | b"Ft" | b"Supt" | b"Insp" | b"Det" | b"Atty"
            | b"Messrs" | b"Mmes" | b"Mme" | b"Mlle" | b"Sra" | b"Srta" | b"Dra" | b"Sec" | b"Secy" | b"Asst" | b"Dir" | b"Gral"
            | b"mr" | b"mrs" | b"ms" | b"dr" | b"prof" | b"MR" | b"MRS" | b"MS" | b"DR" | b"PROF" | b"GEN" | b"SEN" | b"REP"
            | b"GOV" | b"LT" | b"COL" | b"CAPT" | b"ADM" | b"SGT" | b"AMB" | b"SEC" => Title,
        b"vs" | b"Vs" | b"v" | b"Pub" | b"Exec" | b"cf" | b"Cf" | b"viz" | b"resp" | b"ibid" | b"Ibid" => NeverFinal,
        b"No" | b"Nos" | b"no" | b"nos" | b"Nr" | b"nr" | b"Art" | b"Arts" | b"art" | b"Vol" | b"Vols" | b"vol" | b"vols"
            | b"pp" | b"Fig" | b"Figs" | b"fig" | b"figs" | b"Ch" | b"ch" | b"Chap" | b"chap" | b"Secs" | b"sec" | b"secs"
            | b"Para" | b"para" | b"Pt" | b"pt" | b"Ex" | b"ex" | b"Tab" | b"tab" | b"Eq" | b"eq" | b"Ref" | b"ref" | b"Op"
            | b"op" | b"Tel" | b"tel" | b"Rm" | b"rm" | b"Apt" | b"apt" | b"Bldg" | b"Ps" | b"Ser" | b"Rs" | b"Sch" | b"pop"
            | b"Pop" | b"Res" | b"Stat" | b"Amdt" => NumberPrefix,
        b"Jan" | b"Feb" | b"Mar" | b"Apr" | b"Jun" | b"Jul" | b"Aug" | b"Sep" | b"Sept" | b"Oct" | b"Nov" | b"Dec" => Month,
        b"a.m" | b"p.m" | b"A.M" | b"P.M" => Time,
        // Postpositive and other general abbreviations.
        b"Jr" | b"Sr" | b"jr" | b"sr" | b"Ret" | b"ret" | b"Co" | b"co" | b"Corp" | b"corp" | b"Inc" | b"inc" | b"Ltd" | b"ltd"
            | b"Bros" | b"Esq" | b"etc" | b"al" | b"Dept" | b"dept" | b"Univ" | b"Assn" | b"Assoc" | b"Intl" | b"Natl" | b"Govt"
            | b"govt" | b"Mfg" | b"Ave" | b"Blvd" | b"Rd" | b"Hwy" | b"Pkwy" | b"Sq" | b"approx" | b"Approx" | b"est" | b"Est"
            | b"misc" | b"yr" | b"yrs" | b"hr" | b"hrs" | b"mos" | b"wk" | b"wks" | b"st" | b"ave" | b"blvd" | b"rd" | b"incl"
            | b"excl" | b"esp" | b"min" | b"max" | b"temp" | b"ca" | b"avg" | b"pg" | b"pgs" | b"ed" | b"eds" | b"ft" | b"lb"
            | b"lbs" | b"oz" | b"sq" | b"mi" | b"Mon" | b"Tue" | b"Tues" | b"Wed" | b"Thu" | b"Thur" | b"Thurs" | b"Fri" | b"Sat"
            | b"Ala" | b"Ariz" | b"Ark" | b"Calif" | b"Colo" | b"Conn" | b"Del" | b"Fla" | b"Ga" | b"Ill" | b"Ind" | b"Kan"
            | b"Kans" | b"Ky" | b"La" | b"Md" | b"Mass" | b"Mich" | b"Minn" | b"Miss" | b"Mo" | b"Mont" | b"Neb" | b"Nebr"
            | b"Nev" | b"Okla" | b"Ore" | b"Pa" | b"Penn" | b"Tenn" | b"Tex" | b"Vt" | b"Va" | b"Wash" | b"Wis" | b"Wisc"
            | b"Wyo" | b"Gov't" | b"Ud" | b"Uds" | b"Sres" => General,
        _ if word.is_ascii() => return None,
        _ => match word {
            "N°" | "n°" | "Nº" | "nº" | "стр" | "см" | "рис" | "п" | "ст" => NumberPrefix,
            "Gov’t" | "pág" | "págs" | "ул" | "им" | "млн" | "млрд" | "тыс" | "руб" | "гг" | "др" => General,
            _ => return None,
        },
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

    // The definition abbreviation had, comparing strings (kept as the reference).
    fn abbreviation_by_str(word: &str) -> Option<Abbrev> {
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

    // The byte match classes every listed word, every prefix and extension of
    // one, and their changes of case as the string match does.
    #[test]
    fn byte_match_agrees_with_the_string_match() {
        let listed = ["Mr", "Gen", "CAPT", "vs", "No", "N°", "nº", "стр", "п", "Jan", "Sept", "a.m", "P.M", "Gov’t", "pág", "млрд", "др",
            "Messrs", "approx", "Wisc", "etc", "al", "v", "Ibid", "Amdt", "Thurs", "Co"];
        let mut words: Vec<String> = vec![String::new(), "The".into(), "said".into(), "U.S".into(), "Mrs.".into()];
        for w in listed {
            for (i, _) in w.char_indices().skip(1) {
                words.push(w[..i].to_string());
            }
            for more in ["", "s", "x", ".", "é", "’"] {
                words.push(format!("{w}{more}"));
            }
            words.extend([w.to_lowercase(), w.to_uppercase()]);
        }
        for w in &words {
            assert_eq!(abbreviation(w), abbreviation_by_str(w), "{w:?}");
        }
    }

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
