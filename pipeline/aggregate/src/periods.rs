//! Placing a stance in time: which years it speaks about, and how old it is.
//!
//! A stance belongs to the years its sentence names; otherwise to its
//! document's year. An open start ("since 2022", `year_from` only) runs to
//! the document's year; a lone end ("until 2019") is that one year. A year
//! after the document's own is a plan's horizon ("carbon neutrality by
//! 2060"), not the stance's period: a span is cut at the document's year, and
//! a span lying wholly after it is placed in the document's year.
//!
//! ```ignore
//! // crate-internal
//! assert_eq!(span(Some(2022), None, Some(2025), 25), Some((2022, 2025)));
//! ```

/// Earliest year a row can have (periods are four-digit years).
pub(crate) const MIN_YEAR: i32 = 1000;
/// Latest year a row can have.
pub(crate) const MAX_YEAR: i32 = 9999;

/// The inclusive span of years a stance is placed in, at most `max_span`
/// years long (the latest ones are kept), or `None` when nothing dates it.
pub(crate) fn span(year_from: Option<i32>, year_to: Option<i32>, doc_year: Option<i32>, max_span: u32) -> Option<(i32, i32)> {
    let (first, last) = match (year_from, year_to) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) => (a, doc_year.filter(|&d| d >= a).unwrap_or(a)),
        (None, Some(b)) => (b, b),
        (None, None) => {
            let d = doc_year?;
            (d, d)
        }
    };
    // No period lies after the year its evidence was written.
    let (first, last) = match doc_year {
        Some(d) if first > d => (d, d),
        Some(d) => (first, last.min(d)),
        None => (first, last),
    };
    // Years are four digits in the table; a span reaching outside is cut.
    let (first, last) = (first.max(MIN_YEAR), last.min(MAX_YEAR));
    if first > last {
        return None;
    }
    let max_span = i64::from(max_span.max(1));
    let first = if i64::from(last) - i64::from(first) + 1 > max_span { (i64::from(last) - max_span + 1) as i32 } else { first };
    Some((first, last))
}

/// Recency weight `0.5^(age / half_life)` of a stance whose span ends in
/// `last`, seen from `reference`; stances at or after the reference weigh 1.
pub(crate) fn recency(last: i32, reference: i32, half_life: f64) -> f64 {
    let age = f64::from((reference - last).max(0));
    if half_life <= 0.0 {
        return if age == 0.0 { 1.0 } else { 0.0 };
    }
    0.5_f64.powf(age / half_life)
}

/// Weight of a document dated `date` behind the newest dated document
/// `newest` of the same row: `0.5^(days / half_life_days)`. Undated
/// documents, and every document when the half-life is 0 or less, weigh 1.
pub(crate) fn doc_recency(date: Option<orbita_text::Date>, newest: Option<orbita_text::Date>, half_life_days: f64) -> f64 {
    match (date, newest) {
        (Some(d), Some(n)) if half_life_days > 0.0 => {
            let days = f64::from((n.days_since_epoch() - d.days_since_epoch()).max(0));
            0.5_f64.powf(days / half_life_days)
        }
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_documents_of_a_row_weigh_more() {
        let d = |m, day| Some(orbita_text::Date::new(2025, m, day).unwrap());
        assert_eq!(doc_recency(d(12, 1), d(12, 1), 14.0), 1.0);
        assert!((doc_recency(d(11, 17), d(12, 1), 14.0) - 0.5).abs() < 1e-12);
        assert_eq!(doc_recency(None, d(12, 1), 14.0), 1.0);
        assert_eq!(doc_recency(d(1, 1), d(12, 1), 0.0), 1.0);
    }

    #[test]
    fn spans_follow_the_sentence_then_the_document() {
        // "During Rafael Correa's presidency (2007–2017)"
        assert_eq!(span(Some(2007), Some(2017), Some(2025), 25), Some((2007, 2017)));
        // "In 2023, when Milei took office"
        assert_eq!(span(Some(2023), Some(2023), Some(2025), 25), Some((2023, 2023)));
        // "since 2022" in a 2025 article
        assert_eq!(span(Some(2022), None, Some(2025), 25), Some((2022, 2025)));
        // "until 2019"
        assert_eq!(span(None, Some(2019), Some(2025), 25), Some((2019, 2019)));
        // no year in the sentence: the document's year
        assert_eq!(span(None, None, Some(2025), 25), Some((2025, 2025)));
        assert_eq!(span(None, None, None, 25), None);
        // reversed years are put in order
        assert_eq!(span(Some(2019), Some(2006), None, 25), Some((2006, 2019)));
    }

    #[test]
    fn no_span_reaches_past_the_documents_year() {
        // Regression: "carbon neutrality by 2060" in a 2025 statement made a row in period 2060.
        assert_eq!(span(Some(2060), Some(2060), Some(2025), 25), Some((2025, 2025)));
        // "from 2024 to 2030" in a 2025 document: the plan's years after 2025 are cut.
        assert_eq!(span(Some(2024), Some(2030), Some(2025), 25), Some((2024, 2025)));
        // "after 2027": wholly in the future, placed in the document's year.
        assert_eq!(span(Some(2027), None, Some(2025), 25), Some((2025, 2025)));
        // An undated document keeps the sentence's years.
        assert_eq!(span(Some(2060), Some(2060), None, 25), Some((2060, 2060)));
    }

    #[test]
    fn years_outside_four_digits_are_cut() {
        // A misread year ("in 25") must not make a period "25".
        assert_eq!(span(Some(25), None, None, 25), None);
        assert_eq!(span(Some(990), Some(1003), None, 25), Some((1000, 1003)));
    }

    #[test]
    fn long_spans_keep_their_latest_years() {
        // "since 1959" in a 2025 article, capped at 10 years
        assert_eq!(span(Some(1959), None, Some(2025), 10), Some((2016, 2025)));
    }

    #[test]
    fn recency_halves_every_half_life() {
        assert_eq!(recency(2025, 2025, 2.0), 1.0);
        assert_eq!(recency(2026, 2025, 2.0), 1.0);
        assert!((recency(2021, 2025, 2.0) - 0.25).abs() < 1e-12);
        assert_eq!(recency(2024, 2025, 0.0), 0.0);
    }
}
