//! Small SVG and HTML helpers: escaping, the diverging alignment colour
//! scale, number formatting that is the same on every machine.
//!
//! ```ignore
//! // crate-internal
//! assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
//! assert_eq!(score_colour(0.0), "#dcdcdc");
//! ```

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Colour of a score on a diverging scale: −2 red, 0 grey, +2 blue.
pub(crate) fn score_colour(score: f64) -> String {
    const RED: (f64, f64, f64) = (178.0, 24.0, 43.0);
    const MID: (f64, f64, f64) = (220.0, 220.0, 220.0);
    const BLUE: (f64, f64, f64) = (33.0, 102.0, 172.0);
    let s = if score.is_finite() { score.clamp(-2.0, 2.0) } else { 0.0 };
    let (from, to, t) = if s < 0.0 { (MID, RED, -s / 2.0) } else { (MID, BLUE, s / 2.0) };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// Readable text colour on a tile of that score.
pub(crate) fn ink_on(score: f64) -> &'static str {
    if score.abs() > 1.1 {
        "#ffffff"
    } else {
        "#1a1a1a"
    }
}

/// A coordinate with one decimal, never "-0.0".
pub(crate) fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_string()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A score as shown to people: sign and two decimals ("+1.25", "−0.40").
pub(crate) fn score_text(s: f64) -> String {
    let r = (s * 100.0).round() / 100.0;
    if r == 0.0 {
        "0.00".to_string()
    } else if r > 0.0 {
        format!("+{r:.2}")
    } else {
        format!("\u{2212}{:.2}", -r)
    }
}

/// Words for the five labels.
pub(crate) fn label_word(label: i8) -> &'static str {
    match label {
        i8::MIN..=-2 => "adversary",
        -1 => "leaning against",
        0 => "neutral",
        1 => "leaning toward",
        _ => "ally",
    }
}

/// Opens an SVG document of the given size with the shared font settings.
pub(crate) fn open(width: f64, height: f64, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"{l}\">\n",
        w = n(width),
        h = n(height),
        l = esc(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    }

    #[test]
    fn colours_run_red_grey_blue() {
        assert_eq!(score_colour(-2.0), "#b2182b");
        assert_eq!(score_colour(0.0), "#dcdcdc");
        assert_eq!(score_colour(2.0), "#2166ac");
        assert_eq!(score_colour(f64::NAN), "#dcdcdc");
        assert_eq!(score_colour(9.0), score_colour(2.0));
    }

    #[test]
    fn numbers_are_stable_text() {
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(score_text(1.254), "+1.25");
        assert_eq!(score_text(-0.4), "\u{2212}0.40");
        assert_eq!(score_text(-0.001), "0.00");
        assert_eq!(label_word(-2), "adversary");
    }
}
