//! Site chrome: lines a website or translation service adds around an
//! article, separated from the article text where a general rule
//! recognises them, and recorded in `removed`.
//!
//! Rules (none keyed to particular files):
//! - **Breadcrumbs** (`site_chrome`): a run of up to eight
//!   bullet lines (`- `, `• `, `» `…) at the very top, followed by a line
//!   that equals the last bullet (the section path repeats the title) or the
//!   known title; or a first line like `Home > World > Title` whose last
//!   segment is the next line or the title. The title line stays.
//! - At the end, repeatedly: a **disclaimer** (`Disclaimer: …` and its
//!   equivalents in other languages), a **source link** ("Original
//!   article: URL", "Source: URL"; fills `meta.url` when unknown), a
//!   **translator credit** ("Translated by …", "Переведено сервисом …",
//!   "Traducido por …"; fills `meta.translation_note` when unknown), an
//!   **end marker** of a press release (`###`, `# # #`, `-30-`).
//! - Anywhere: **separator** lines made only of 3+ `*`, `#`, `-`, `_`, `=`,
//!   `~`, `—`, `–`, `•`, `·` (and spaces), such as an escaped `\*\*\*`.
//!
//! ```text
//! - Статьи                 <- site_chrome
//! - World                  <- site_chrome
//! - Rejection of partnership: …   <- site_chrome (repeats the next line)
//! Rejection of partnership: …     <- kept: the title
//! …
//! Original article: https://…     <- source_link, meta.url
//! Disclaimer: This article …      <- disclaimer
//! ```

use crate::meta::clean_value;
use crate::normalize::{normalize_text, split_lines};
use crate::{Format, Meta, Removed};

/// Bullet prefixes that mark a breadcrumb line.
const BULLETS: [&str; 7] = ["- ", "• ", "* ", "· ", "› ", "» ", "> "];
/// Separators inside a one-line breadcrumb trail.
const TRAIL_SEPARATORS: [&str; 4] = [" > ", " » ", " › ", " / "];
/// Longest run of breadcrumb lines considered.
const MAX_BREADCRUMBS: usize = 8;
/// How many trailing chrome lines are taken off at most.
const MAX_TRAILING: usize = 6;

/// Lower-cased line starts of disclaimers (followed by a non-letter).
const DISCLAIMERS: &[&str] = &[
    "disclaimer",
    "haftungsausschluss",
    "descargo de responsabilidad",
    "aviso legal",
    "avertissement",
    "clause de non-responsabilité",
    "esclarecimento",
    "отказ от ответственности",
    "免责声明",
    "免責聲明",
    "免責事項",
];

/// Lower-cased labels that precede the source URL ("Original article: URL").
const SOURCE_LABELS: &[&str] = &[
    "original article",
    "original",
    "original source",
    "source",
    "read the original article",
    "read the original",
    "read more",
    "originally published at",
    "originally published on",
    "first published at",
    "first published on",
    "article original",
    "source originale",
    "fuente",
    "artículo original",
    "quelle",
    "originalartikel",
    "оригинал статьи",
    "оригинал",
    "источник",
    "原文链接",
    "原文連結",
    "原文",
    "来源",
];

/// Lower-cased starts of translator credits, in several languages.
const TRANSLATOR_CREDITS: &[&str] = &[
    "переведено",
    "перевод выполнен",
    "машинный перевод",
    "перевод сделан",
    "translated by",
    "translated with",
    "translated using",
    "translation by",
    "machine translation",
    "machine-translated",
    "machine translated",
    "automatically translated",
    "auto-translated",
    "traducido por",
    "traducido con",
    "traducción automática",
    "traduit par",
    "traduit avec",
    "traduction automatique",
    "übersetzt von",
    "übersetzt mit",
    "maschinell übersetzt",
    "automatisch übersetzt",
    "tradotto da",
    "tradotto con",
    "traduzione automatica",
    "traduzido por",
    "traduzido com",
    "tradução automática",
    "本文由",
    "机器翻译",
    "翻译：",
    "翻译:",
    "機械翻訳",
    "翻訳：",
];

/// Separates recognisable chrome from normalised text; returns the article
/// text (`text` itself, cut in place, unless separator lines are dropped).
pub(crate) fn separate(mut text: String, format: Format, meta: &mut Meta, removed: &mut Vec<Removed>) -> String {
    // Markdown bodies had their breadcrumbs taken before cleaning.
    let mut start = 0;
    if format != Format::Markdown {
        start = breadcrumbs(&text, meta, removed);
    }
    let mut end = text.len();
    let mut tail: Vec<Removed> = Vec::new();
    for _ in 0..MAX_TRAILING {
        let body = text[start..end].trim_end();
        let line_start = body.rfind('\n').map_or(0, |i| i + 1);
        let line = body[line_start..].trim();
        if line.is_empty() || line_start == 0 {
            break; // never take the last remaining line
        }
        let Some(item) = trailing_chrome(line, meta) else { break };
        tail.push(item);
        end = start + line_start;
    }
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    let body = text[start + lead..end].trim_end();
    let body = match drop_separators(body, removed) {
        Some(kept) => kept,
        None => {
            text.truncate(start + lead + body.len());
            text.drain(..start + lead);
            text
        }
    };
    removed.extend(tail.into_iter().rev());
    body
}

/// Characters a separator line is made of.
fn is_separator_char(c: char) -> bool {
    matches!(c, '*' | '#' | '-' | '_' | '=' | '~' | '—' | '–' | '•' | '·')
}

/// A line made only of 3+ separator characters (spaces aside).
fn is_separator(line: &str) -> bool {
    let mut n = 0;
    for c in line.chars() {
        if is_separator_char(c) {
            n += 1;
        } else if c != ' ' && c != '\t' {
            return false;
        }
    }
    n >= 3
}

/// Removes separator lines (recorded as `separator`); `None` when there are none.
fn drop_separators(text: &str, removed: &mut Vec<Removed>) -> Option<String> {
    let starts_separator = |line: &str| line.starts_with(is_separator_char) && is_separator(line);
    if !split_lines(text).any(starts_separator) {
        return None;
    }
    let mut kept = String::with_capacity(text.len());
    for line in split_lines(text) {
        if starts_separator(line) {
            removed.push(Removed { kind: "separator", text: line.to_string() });
        } else {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    Some(normalize_text(&kept))
}

/// Removes top breadcrumb lines; returns the byte offset where the text
/// resumes (0 when there are none). Markdown bodies are checked before
/// cleaning, so a heading (`# Title`) can be the repeated title.
pub(crate) fn breadcrumbs(text: &str, meta: &mut Meta, removed: &mut Vec<Removed>) -> usize {
    // Skip leading blank lines; offsets below are relative to `text` after them.
    let lead = text.len() - text.trim_start_matches(|c: char| c.is_whitespace()).len();
    let lead = text[..lead].rfind('\n').map_or(0, |i| i + 1);
    match breadcrumbs_at(&text[lead..], meta, removed) {
        0 => 0,
        n => lead + n,
    }
}

fn breadcrumbs_at(text: &str, meta: &mut Meta, removed: &mut Vec<Removed>) -> usize {
    let mut lines = split_lines(text);
    let mut crumbs: Vec<&str> = Vec::new();
    let mut offset = 0;
    let mut next = None;
    for line in lines.by_ref() {
        if let Some(item) = BULLETS.iter().find_map(|b| line.strip_prefix(b)) {
            crumbs.push(item.trim());
            offset += line.len() + 1;
            if crumbs.len() > MAX_BREADCRUMBS {
                return 0;
            }
        } else if line.trim().is_empty() && !crumbs.is_empty() {
            offset += line.len() + 1;
        } else {
            next = Some(line.trim());
            break;
        }
    }
    let Some(next) = next else { return 0 };
    if crumbs.is_empty() {
        // A one-line trail: "Home > World > Title".
        let first = next;
        // A byte search for the separator's mark (its last byte before the
        // space) rules most lines out before the substring count.
        let trail = |sep: &str| {
            let mark = sep.as_bytes()[sep.len() - 2];
            memchr::memchr(mark, first.as_bytes()).is_some() && first.matches(sep).count() >= 2
        };
        let Some(sep) = TRAIL_SEPARATORS.iter().find(|sep| trail(sep)) else { return 0 };
        let last = first.rsplit(sep).next().unwrap_or("");
        let Some(following) = lines.map(str::trim).find(|l| !l.is_empty()) else { return 0 };
        if same_title(last, following) || meta.title.as_deref().is_some_and(|t| same_title(t, last)) {
            removed.push(Removed { kind: "site_chrome", text: first.to_string() });
            if meta.title.is_none() {
                meta.title = clean_value(following);
            }
            return text.find('\n').map_or(text.len(), |i| i + 1);
        }
        return 0;
    }
    let last = crumbs.last().copied().unwrap_or("");
    let known = meta.title.as_deref();
    if same_title(last, next) || known.is_some_and(|t| same_title(t, next) || same_title(t, last)) {
        let chrome = text[..offset].trim_end();
        removed.push(Removed { kind: "site_chrome", text: chrome.to_string() });
        if meta.title.is_none() {
            meta.title = clean_value(next);
        }
        return offset.min(text.len());
    }
    0
}

/// Titles compare equal ignoring case, surrounding punctuation and spacing.
fn same_title(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (ka, kb) = (key(a), key(b));
    !ka.is_empty() && ka == kb
}

/// Recognises one trailing chrome line.
fn trailing_chrome(line: &str, meta: &mut Meta) -> Option<Removed> {
    let hashes = line.bytes().filter(|&c| c == b'#').count();
    if (hashes >= 3 && line.bytes().all(|c| c == b'#' || c == b' ')) || matches!(line, "-30-" | "- 30 -" | "-###-") {
        return Some(Removed { kind: "end_marker", text: line.to_string() });
    }
    let lower = lower_start(line);
    let lower = lower.as_str();
    let followed_by_non_letter = |p: &str| lower.strip_prefix(p).is_some_and(|r| !r.starts_with(char::is_alphabetic));
    if DISCLAIMERS.iter().any(|p| followed_by_non_letter(p)) && line.chars().count() > 12 {
        return Some(Removed { kind: "disclaimer", text: line.to_string() });
    }
    if let Some(url) = source_link(line) {
        if meta.url.is_none() {
            meta.url = Some(url.to_string());
        }
        return Some(Removed { kind: "source_link", text: line.to_string() });
    }
    if TRANSLATOR_CREDITS.iter().any(|p| lower.starts_with(p)) && line.split_whitespace().count() <= 20 {
        if meta.translation_note.is_none() {
            meta.translation_note = clean_value(line);
        }
        return Some(Removed { kind: "translator_credit", text: line.to_string() });
    }
    None
}

/// How many characters of a trailing line [`lower_start`] lower-cases: more
/// than the longest disclaimer or translator credit start and the character
/// after it.
const START_CHARS: usize = 64;

/// The line without leading `(`, `[`, `*`, `_`, lower-cased, cut after
/// [`START_CHARS`] characters: what the disclaimer and credit starts are
/// compared with. (Lower-casing the whole line, often a long paragraph,
/// gives the same start: each character lower-cases on its own except a
/// final sigma, which becomes `σ` or `ς`, both letters found in no start.)
fn lower_start(line: &str) -> String {
    let head = line.trim_start_matches(['(', '[', '*', '_']);
    let end = head.char_indices().nth(START_CHARS).map_or(head.len(), |(i, _)| i);
    head[..end].to_lowercase()
}

/// The URL of a "label: URL" line whose label is a known source label.
fn source_link(line: &str) -> Option<&str> {
    let i = line.find("http://").or_else(|| line.find("https://"))?;
    let (label, url) = (line[..i].trim(), line[i..].trim());
    if url.contains(char::is_whitespace) {
        return None;
    }
    let label = label.trim_end_matches([':', '：', '-', '–', '—', ' ']).to_lowercase();
    SOURCE_LABELS.contains(&label.as_str()).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_start_is_the_start_of_the_lower_cased_line() {
        for p in DISCLAIMERS.iter().chain(TRANSLATOR_CREDITS) {
            assert!(p.chars().count() < START_CHARS, "{p}");
        }
        let long = "ΟΔΥΣΣΕΑΣ ".repeat(20);
        for line in ["(DISCLAIMER: the views…", "**Translated By** x", "İSTANBUL ΣΑΣ Σ", long.as_str(), "[_Übersetzt von_ X", ""] {
            let full = line.to_lowercase();
            let full = full.trim_start_matches(['(', '[', '*', '_']);
            let start = lower_start(line);
            // Only a final sigma at the cut may differ (σ or ς, same length).
            let n = start.len().min(full.len()) - start.chars().next_back().map_or(0, char::len_utf8);
            assert_eq!(&start[..n], &full[..n], "{line}");
        }
    }

    fn run(text: &str, meta: &mut Meta) -> (String, Vec<(&'static str, String)>) {
        let mut removed = vec![];
        let out = separate(text.to_string(), Format::Txt, meta, &mut removed);
        (out, removed.into_iter().map(|r| (r.kind, r.text)).collect())
    }

    #[test]
    fn breadcrumbs_before_a_repeated_title() {
        let mut meta = Meta::default();
        let (out, rem) = run("- News\n- Europe\n- Talks resume in Oslo\nTalks resume in Oslo\nBody text.", &mut meta);
        assert_eq!(out, "Talks resume in Oslo\nBody text.");
        assert_eq!(rem, vec![("site_chrome", "- News\n- Europe\n- Talks resume in Oslo".to_string())]);
        assert_eq!(meta.title.as_deref(), Some("Talks resume in Oslo"));
    }

    #[test]
    fn a_leading_list_is_not_chrome() {
        let mut meta = Meta::default();
        let text = "- eggs\n- milk\nBuy these today.";
        assert_eq!(run(text, &mut meta).0, text);
        // ...unless the line after it is the known title.
        let mut meta = Meta { title: Some("Buy these today".into()), ..Meta::default() };
        assert_eq!(run(text, &mut meta).0, "Buy these today.");
    }

    #[test]
    fn one_line_trail() {
        let mut meta = Meta::default();
        let (out, rem) = run("Home > World > Talks resume\nTalks resume\nBody.", &mut meta);
        assert_eq!(out, "Talks resume\nBody.");
        assert_eq!(rem[0].0, "site_chrome");
        // Every separator, found past the byte search for its mark.
        for sep in TRAIL_SEPARATORS {
            let (out, rem) = run(&format!("Home{sep}World{sep}Talks resume\nTalks resume\nBody."), &mut Meta::default());
            assert_eq!((out.as_str(), rem[0].0), ("Talks resume\nBody.", "site_chrome"), "{sep:?}");
        }
    }

    #[test]
    fn trailing_disclaimer_source_link_and_credit() {
        let mut meta = Meta::default();
        let text = "Body one.\n\nBody two.\n\nOriginal article: https://example.com/a/1\n\nDisclaimer: views are the author's own.\nTraducido por DeepL";
        let (out, rem) = run(text, &mut meta);
        assert_eq!(out, "Body one.\n\nBody two.");
        let kinds: Vec<_> = rem.iter().map(|r| r.0).collect();
        assert_eq!(kinds, vec!["source_link", "disclaimer", "translator_credit"]);
        assert_eq!(meta.url.as_deref(), Some("https://example.com/a/1"));
        assert_eq!(meta.translation_note.as_deref(), Some("Traducido por DeepL"));
    }

    #[test]
    fn press_release_end_markers() {
        let mut meta = Meta::default();
        for text in ["Body.\n\n###", "Body.\n# # #", "Body.\n-30-"] {
            let (out, rem) = run(text, &mut meta);
            assert_eq!(out, "Body.");
            assert_eq!(rem[0].0, "end_marker");
        }
        assert_eq!(run("Body.\n## Part", &mut meta).0, "Body.\n## Part");
    }

    #[test]
    fn separator_lines_anywhere() {
        let mut meta = Meta::default();
        let (out, rem) = run("One.\n\n***\n\nTwo.\n* * *\nThree — four.\n—\n-- x", &mut meta);
        assert_eq!(out, "One.\n\nTwo.\nThree — four.\n—\n-- x");
        assert_eq!(rem, vec![("separator", "***".to_string()), ("separator", "* * *".to_string())]);
    }

    #[test]
    fn source_link_keeps_a_known_url() {
        let mut meta = Meta { url: Some("https://known".into()), ..Meta::default() };
        run("Body.\nSource: https://other", &mut meta);
        assert_eq!(meta.url.as_deref(), Some("https://known"));
    }

    #[test]
    fn russian_translator_credit() {
        let mut meta = Meta::default();
        let (out, rem) = run("Текст.\nПереведено сервисом «Яндекс Переводчик»", &mut meta);
        assert_eq!(out, "Текст.");
        assert_eq!(rem[0].0, "translator_credit");
    }

    #[test]
    fn prose_mentioning_these_words_stays() {
        let mut meta = Meta::default();
        for text in [
            "Body.\nThe source of the leak: https://x.example is unknown.",
            "Body.\nTranslated by hand, the letter ran to forty pages and was read aloud in the senate before the vote on the treaty was called by the speaker of the house.",
            "Body.\nDisclaimers are common.",
        ] {
            assert_eq!(run(text, &mut meta).0, text);
        }
        // A text that is only a disclaimer keeps it: the last line is never taken.
        assert_eq!(run("Disclaimer: none.", &mut meta).0, "Disclaimer: none.");
    }
}
