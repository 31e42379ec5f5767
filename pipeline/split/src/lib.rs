//! orbita-split: the sentence stage's language core. Text in, sentence spans out.
//!
//! [`split`] reads a document's text and returns its sentences as byte ranges:
//! in order, trimmed of surrounding whitespace, non-overlapping, with only
//! whitespace between them, and covering every non-whitespace character. It
//! does no I/O; the table layer converts the ranges to character offsets with
//! `orbita_text::CharOffsets` and writes the `sentences` table.
//!
//! What it handles, by rule rather than by model: abbreviations by class
//! (titles such as "Gen.", postpositive "Co.", months, "a.m."), initials,
//! dotted abbreviations ("U.S." mid-sentence and sentence-final), numbers,
//! ellipses (". . ." vs ". . . ."), closing quotes and brackets after the
//! terminator, em-dash speech, headlines and datelines without final
//! punctuation, hard-wrapped Markdown versus one-paragraph-per-line text,
//! blank-line paragraphs, Markdown headings and lists, inline numbered and
//! lettered lists, bullets, URLs and e-mail addresses, a missing space after
//! a period, and the terminators of other scripts (。！？, ¿¡ openers, ।, ؟).
//!
//! Speed: one pass over the bytes that stops only at candidate bytes
//! (terminators, newlines, lead bytes of non-ASCII terminators); the decision
//! is made there by looking at a few neighbouring words. No regex, no
//! allocation except the output (and one small string per inline list).
//!
//! ```
//! let text = "Bogota recalled its ambassador. The U.S. Treasury imposed sanctions.";
//! let sentences: Vec<&str> = orbita_split::split(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(sentences, ["Bogota recalled its ambassador.", "The U.S. Treasury imposed sanctions."]);
//! ```

mod lexicon;
mod lines;
mod scan;

use std::ops::Range;

/// Sentence spans of `text` as BYTE ranges, in order, trimmed of surrounding whitespace,
/// non-overlapping, with only whitespace between consecutive sentences, and covering every
/// non-whitespace character of `text`.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let cuts = scan::cuts(text);
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(text.len())) {
        let seg = &text[start..end];
        let lead = scan::skip_ws(seg, 0);
        let body = lines::trim_ws_end(&seg[lead..]);
        if !body.is_empty() {
            out.push(start + lead..start + lead + body.len());
        }
        start = end;
    }
    out
}

/// The sentences of `text` as string slices (a convenience over [`split`]).
pub fn sentences(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::sentences as s;

    #[test]
    fn plain_terminators() {
        assert_eq!(
            s("It rained. We stayed in! Did you? Yes."),
            ["It rained.", "We stayed in!", "Did you?", "Yes."]
        );
        assert_eq!(s("Wait?! Really!! No..."), ["Wait?!", "Really!!", "No..."]);
        assert_eq!(s(""), Vec::<&str>::new());
        assert_eq!(s("  \n\t "), Vec::<&str>::new());
        assert_eq!(s("  no terminator at all  "), ["no terminator at all"]);
    }

    #[test]
    fn titles_never_end_a_sentence() {
        assert_eq!(
            s("Gen. Valery Gerasimov met Dr. Lee and Sen. Rubio in St. Petersburg. They talked."),
            [
                "Gen. Valery Gerasimov met Dr. Lee and Sen. Rubio in St. Petersburg.",
                "They talked."
            ]
        );
        assert_eq!(
            s("Ask Prof. Ivanova at Mt. Sinai."),
            ["Ask Prof. Ivanova at Mt. Sinai."]
        );
        // Transcripts write speaker titles in capitals.
        assert_eq!(
            s("MS. PSAKI: Good afternoon. MR. KIRBY: Thanks."),
            ["MS. PSAKI: Good afternoon.", "MR. KIRBY: Thanks."]
        );
    }

    #[test]
    fn dotted_abbreviations_mid_and_end() {
        // Regression: "U.S." before a name continues, before an opener ends the sentence.
        assert_eq!(
            s("The U.S. Treasury acted. Relations with the U.S. and the E.U. worsened. Bogota cut ties with the U.S. It was a shock."),
            [
                "The U.S. Treasury acted.",
                "Relations with the U.S. and the E.U. worsened.",
                "Bogota cut ties with the U.S.",
                "It was a shock."
            ]
        );
        assert_eq!(
            s("He met U.N. officials, e.g. Guterres. Then he left."),
            ["He met U.N. officials, e.g. Guterres.", "Then he left."]
        );
        assert_eq!(
            s("It is sold in the U.K. for 5 pounds."),
            ["It is sold in the U.K. for 5 pounds."]
        );
        // Regression: the abbreviation inside a compound ("anti-U.S.") and before a dash.
        assert_eq!(
            s("Their anti-U.S. stance and pro-U.S. elites clash with the U.S. — and Sen. Kaine (D-Va.) said so."),
            ["Their anti-U.S. stance and pro-U.S. elites clash with the U.S. — and Sen. Kaine (D-Va.) said so."]
        );
    }

    #[test]
    fn general_abbreviations_end_only_before_openers() {
        assert_eq!(
            s("Shares of Acme Inc. rose. Acme Inc. The firm grew."),
            ["Shares of Acme Inc. rose.", "Acme Inc.", "The firm grew."]
        );
        assert_eq!(
            s("They sell tea, coffee, etc. We buy it."),
            ["They sell tea, coffee, etc.", "We buy it."]
        );
        assert_eq!(
            s("The vote is on Jan. 5 in Calif. Gov. Newsom will attend."),
            [
                "The vote is on Jan. 5 in Calif.",
                "Gov. Newsom will attend."
            ]
        );
    }

    #[test]
    fn time_abbreviations() {
        assert_eq!(
            s("By 9 p.m. Gen. Ruiz had left. The talks ended at 11 p.m. Mrs. Ortiz spoke next. It began at 8 a.m. Eastern time."),
            [
                "By 9 p.m. Gen. Ruiz had left.",
                "The talks ended at 11 p.m.",
                "Mrs. Ortiz spoke next.",
                "It began at 8 a.m. Eastern time."
            ]
        );
    }

    #[test]
    fn initials_and_the_pronoun_i() {
        assert_eq!(
            s("President Donald J. Trump signed it."),
            ["President Donald J. Trump signed it."]
        );
        assert_eq!(
            s("J. R. R. Tolkien wrote it."),
            ["J. R. R. Tolkien wrote it."]
        );
        assert_eq!(
            s("It was you and I. We won."),
            ["It was you and I.", "We won."]
        );
        assert_eq!(
            s("They chose plan B. The rest failed."),
            ["They chose plan B.", "The rest failed."]
        );
    }

    #[test]
    fn numbers_and_number_prefixes() {
        assert_eq!(
            s("Exports reached $8.5 billion. Imports fell 3.2%."),
            ["Exports reached $8.5 billion.", "Imports fell 3.2%."]
        );
        assert_eq!(
            s("See No. 12 and pp. 4-5 and p. 7. Then stop."),
            ["See No. 12 and pp. 4-5 and p. 7.", "Then stop."]
        );
        assert_eq!(
            s("The answer was no. Peru disagreed."),
            ["The answer was no.", "Peru disagreed."]
        );
        assert_eq!(
            s("Turnover was 2023. 2024 was better."),
            ["Turnover was 2023.", "2024 was better."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            s("I waited... Nobody came."),
            ["I waited...", "Nobody came."]
        );
        assert_eq!(s("I waited… Nobody came."), ["I waited…", "Nobody came."]);
        assert_eq!(s("I waited ... and waited."), ["I waited ... and waited."]);
        // Three spaced dots are an omission; four close the sentence.
        assert_eq!(
            s("The plan . . . Russia rejected it."),
            ["The plan . . . Russia rejected it."]
        );
        assert_eq!(
            s("The plan failed . . . . Russia rejected it."),
            ["The plan failed . . . .", "Russia rejected it."]
        );
        assert_eq!(
            s("The plan failed. . . . Russia rejected it."),
            ["The plan failed.", ". . . Russia rejected it."]
        );
        assert_eq!(
            s("He quoted \"the [...] treaty\" twice."),
            ["He quoted \"the [...] treaty\" twice."]
        );
    }

    #[test]
    fn ellipsis_character_before_spaced_dots() {
        // Regression: "…" opening a spaced-dot run used to be cut one byte in, inside the character.
        let got = s("He paused…. . . . Then left.");
        assert_eq!(got[0], "He paused…");
        assert_eq!(got.concat().replace(' ', ""), "Hepaused…....Thenleft.");
    }

    #[test]
    fn quotes_and_brackets_after_the_terminator() {
        assert_eq!(
            s("He said, \"We will win.\" Then he left."),
            ["He said, \"We will win.\"", "Then he left."]
        );
        assert_eq!(s("“We will win.” he said."), ["“We will win.” he said."]);
        assert_eq!(
            s("Exports grew (by 5%.) in May. Imports fell."),
            ["Exports grew (by 5%.) in May.", "Imports fell."]
        );
        assert_eq!(
            s("It ended (finally.) The next began."),
            ["It ended (finally.)", "The next began."]
        );
        assert_eq!(s("That is Smith Jr.'s car."), ["That is Smith Jr.'s car."]);
    }

    #[test]
    fn em_dash_speech() {
        let text = "The embassy commented.\n— Russia is committed to friendly relations. We are open to new initiatives,\" the embassy told Izvestia.\nThe diplomats agreed.";
        assert_eq!(
            s(text),
            [
                "The embassy commented.",
                "— Russia is committed to friendly relations.",
                "We are open to new initiatives,\" the embassy told Izvestia.",
                "The diplomats agreed."
            ]
        );
        assert_eq!(
            s("He paused. — Not everyone agrees, he said."),
            ["He paused.", "— Not everyone agrees, he said."]
        );
    }

    #[test]
    fn headlines_in_paragraph_per_line_text() {
        let text = "Peru weighs its options\nLima has long balanced between powers. It trades with both.\nChile: a steady partner\nSantiago stays close to Washington.";
        assert_eq!(
            s(text),
            [
                "Peru weighs its options",
                "Lima has long balanced between powers.",
                "It trades with both.",
                "Chile: a steady partner",
                "Santiago stays close to Washington."
            ]
        );
    }

    #[test]
    fn dateline_line_ending_in_an_abbreviation() {
        assert_eq!(
            s("WASHINGTON, D.C.\nPresident Biden met Gen. Milley.\nThey spoke about the U.S.\nTreasury."),
            ["WASHINGTON, D.C.", "President Biden met Gen. Milley.", "They spoke about the U.S.", "Treasury."]
        );
    }

    #[test]
    fn hard_wrapped_markdown() {
        let text = "## Joint Statement\n\
                    WASHINGTON, D.C.\n\n\
                    The United States and Brazil reaffirmed their partnership and agreed\n\
                    to expand cooperation with the United Nations on climate, trade and\n\
                    Security Council reform. Both leaders welcomed the new agreement on\n\
                    critical minerals signed by the U.S. Secretary of State and Brazil’s\n\
                    Foreign Minister in Brasília last week.\n\n\
                    - The United States will provide new financing for regional ports\n  \
                    and railways.\n\
                    - Brazil will host the next ministerial meeting.\n";
        assert_eq!(
            s(text),
            [
                "## Joint Statement",
                "WASHINGTON, D.C.",
                "The United States and Brazil reaffirmed their partnership and agreed\nto expand cooperation with the United Nations on climate, trade and\nSecurity Council reform.",
                "Both leaders welcomed the new agreement on\ncritical minerals signed by the U.S. Secretary of State and Brazil’s\nForeign Minister in Brasília last week.",
                "- The United States will provide new financing for regional ports\n  and railways.",
                "- Brazil will host the next ministerial meeting."
            ]
        );
        // An indented continuation of a list item goes on even after a short line.
        assert_eq!(
            s("-   GE\n    Aerospace announced a plan.\n-   Sheriff (Ret.) James Stuart agreed."),
            [
                "-   GE\n    Aerospace announced a plan.",
                "-   Sheriff (Ret.) James Stuart agreed."
            ]
        );
    }

    #[test]
    fn wrapped_dateline_line_is_a_heading() {
        let text = "Roosevelt Room\n\
                    \n\
                    THE PRESIDENT:  Thank you all very much for being here today. We are\n\
                    going to talk about the economy, about jobs and about the future of\n\
                    American workers.  It is a good day.\n";
        assert_eq!(
            s(text),
            [
                "Roosevelt Room",
                "THE PRESIDENT:  Thank you all very much for being here today.",
                "We are\ngoing to talk about the economy, about jobs and about the future of\nAmerican workers.",
                "It is a good day."
            ]
        );
    }

    #[test]
    fn lists() {
        assert_eq!(
            s("1) Sanctions 2) Tariffs 3) Talks"),
            ["1) Sanctions", "2) Tariffs", "3) Talks"]
        );
        assert_eq!(
            s("1. Sanctions. 2. Tariffs."),
            ["1. Sanctions.", "2. Tariffs."]
        );
        assert_eq!(
            s("a) cut rates b) raise taxes"),
            ["a) cut rates", "b) raise taxes"]
        );
        assert_eq!(
            s("• Cuba • Nicaragua • Venezuela"),
            ["• Cuba", "• Nicaragua", "• Venezuela"]
        );
        assert_eq!(
            s("Steps:\n1. Call.\n2. Wait\n3. Act"),
            ["Steps:", "1. Call.", "2. Wait", "3. Act"]
        );
        // Regression: a number after a list marker is not the next item unless it counts on.
        assert_eq!(
            s("1) Exports rose 5 percent 3) times"),
            ["1) Exports rose 5 percent 3) times"]
        );
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            s("Write to press@mid.ru. Details are at https://www.state.gov/reports/2025.html. Thanks."),
            ["Write to press@mid.ru.", "Details are at https://www.state.gov/reports/2025.html.", "Thanks."]
        );
        assert_eq!(
            s("Visit whitehouse.gov for more."),
            ["Visit whitehouse.gov for more."]
        );
    }

    #[test]
    fn long_tokens() {
        // Tokens are read at most 128 bytes around a candidate; long URLs still behave.
        let url = format!("https://example.com/{}/Report.Final.html", "a".repeat(300));
        let text = format!("See {url}. Then go.");
        assert_eq!(s(&text), [format!("See {url}.").as_str(), "Then go."]);
        let dots = "a.".repeat(1000);
        assert_eq!(s(&dots), [dots.as_str()]);
    }

    #[test]
    fn missing_space_after_a_period() {
        assert_eq!(
            s("Talks failed.Moscow blamed Kyiv."),
            ["Talks failed.", "Moscow blamed Kyiv."]
        );
        assert_eq!(
            s("Was it real?Nobody knows."),
            ["Was it real?", "Nobody knows."]
        );
        assert_eq!(
            s("Use ASP.NET or Node.js here."),
            ["Use ASP.NET or Node.js here."]
        );
        assert_eq!(s("Ask Mr.Smith now."), ["Ask Mr.Smith now."]);
    }

    #[test]
    fn other_scripts() {
        assert_eq!(
            s("俄罗斯支持古巴。美国反对。"),
            ["俄罗斯支持古巴。", "美国反对。"]
        );
        assert_eq!(
            s("你好！你是谁？我是学生。"),
            ["你好！", "你是谁？", "我是学生。"]
        );
        assert_eq!(
            s("Россия поддерживает Кубу. США против. Что дальше?"),
            ["Россия поддерживает Кубу.", "США против.", "Что дальше?"]
        );
        assert_eq!(
            s("¿Qué pasa? ¡Nada! Todo bien."),
            ["¿Qué pasa?", "¡Nada!", "Todo bien."]
        );
        assert_eq!(s("यह अच्छा है। वह आया।"), ["यह अच्छा है।", "वह आया।"]);
    }

    #[test]
    fn blank_lines_and_headings_always_break() {
        assert_eq!(
            s("# Title\nText here.\n\nNext para\n\nend"),
            ["# Title", "Text here.", "Next para", "end"]
        );
        assert_eq!(
            s("Line one,\ncontinues here."),
            ["Line one,\ncontinues here."]
        );
        assert_eq!(
            s("Proud to work with\n@HouseGOP on this."),
            ["Proud to work with\n@HouseGOP on this."]
        );
        assert_eq!(
            s("He signed H.J. Res. 87 and Exec. Order 14110 today."),
            ["He signed H.J. Res. 87 and Exec. Order 14110 today."]
        );
        assert_eq!(
            s("---\ntitle\n---\nBody."),
            ["---", "title", "---", "Body."]
        );
        // Front matter fields are units of their own even though keys are lower case.
        assert_eq!(
            s("---\ndate: '2025-08-01'\ntags: statements\n---\nThe delegation left."),
            [
                "---",
                "date: '2025-08-01'",
                "tags: statements",
                "---",
                "The delegation left."
            ]
        );
        assert_eq!(
            s("---\ntitle: A Long Title,\n  and More\n---\nBody."),
            ["---", "title: A Long Title,\n  and More", "---", "Body."]
        );
        // A wrapped block quote goes on across its "> " lines.
        assert_eq!(
            s("> The report doubled expectations. In stark contrast to\n> the previous one, it was strong.\n> Wages rose."),
            ["> The report doubled expectations.", "In stark contrast to\n> the previous one, it was strong.", "> Wages rose."]
        );
    }

    #[test]
    fn informal_lower_case_sentences() {
        assert_eq!(
            s("sounds good. see you at 8. bring the map? ok"),
            ["sounds good.", "see you at 8.", "bring the map?", "ok"]
        );
        assert_eq!(s("it ships to NZ. thanks"), ["it ships to NZ.", "thanks"]);
        // Abbreviations, initials and consonant clusters go on before a lower-case word.
        assert_eq!(
            s("Smith and co. arrived with approx. ten mgmt. staff."),
            ["Smith and co. arrived with approx. ten mgmt. staff."]
        );
        assert_eq!(
            s("We met at 5 p.m. today in the U.S. embassy."),
            ["We met at 5 p.m. today in the U.S. embassy."]
        );
        assert_eq!(
            s("She works at Yahoo! in Lima. wow! it works"),
            ["She works at Yahoo! in Lima.", "wow!", "it works"]
        );
        assert_eq!(s("\"Why?\" she asked."), ["\"Why?\" she asked."]);
    }

    #[test]
    fn emoticons_stay_with_their_sentence() {
        assert_eq!(
            s("Best ceviche ever! :) We will return."),
            ["Best ceviche ever! :)", "We will return."]
        );
        assert_eq!(s("It broke. :-( Sad."), ["It broke. :-(", "Sad."]);
    }

    #[test]
    fn domain_names_are_not_missing_spaces() {
        assert_eq!(
            s("Posted via Newsfeeds.Com today."),
            ["Posted via Newsfeeds.Com today."]
        );
    }

    #[test]
    fn spans_are_trimmed_and_cover_the_text() {
        let text = "  Hello there.  \n\n General Kenobi!  ";
        let spans = super::split(text);
        assert_eq!(spans, vec![2..14, 19..34]);
    }
}
