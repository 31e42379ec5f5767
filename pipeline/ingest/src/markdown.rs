//! Markdown → clean text.
//!
//! A line-based block pass groups lines into paragraphs, headings, list
//! items, table rows and code blocks; an inline pass then removes markup
//! from each block: emphasis markers (`*`, `_`, `~~`), code-span
//! backticks, link syntax (`[text](url)` → `text`, the URL recorded as
//! `link_url`), images (recorded as `image`), HTML tags (recorded as
//! `html_tag`; block tags such as `<p>`, `<br>`, `<tr>` become line breaks,
//! table cells are joined with `" | "`), HTML entities and backslash
//! escapes. Hard-wrapped lines of a block are joined with one space, so the
//! result has one line per paragraph, heading or list item; blank lines in
//! the source separate blocks in the output.
//!
//! ```
//! use orbita_ingest::clean_markdown;
//! let (text, removed) = clean_markdown("## Trade\n\n-   Exports *rose*\n    sharply to\n    [Brazil](https://x.example) \\& Chile.\n");
//! assert_eq!(text, "Trade\n\nExports rose sharply to Brazil & Chile.");
//! assert_eq!(removed[0].text, "https://x.example");
//! ```

use crate::normalize::{collapse_spaces_into, normalize_owned, split_lines};
use crate::Removed;

/// Cleans a Markdown body (no front matter) and normalises the result;
/// returns the text and what was removed.
pub fn clean_markdown(md: &str) -> (String, Vec<Removed>) {
    let mut removed = Vec::new();
    let text = clean_into(md, &mut removed);
    (normalize_owned(text), removed)
}

/// Cleans a Markdown body into text (not yet normalised), recording removals.
pub(crate) fn clean_into(md: &str, removed: &mut Vec<Removed>) -> String {
    clean_lines(md, removed, |b, line, fence| b.line(line, fence))
}

/// [`clean_into`] with the handler of a line outside fenced code given
/// (tests pass [`Blocks::line_general`] to check the short path).
fn clean_lines(md: &str, removed: &mut Vec<Removed>, line_fn: impl Fn(&mut Blocks<'_>, &str, &mut Option<(u8, usize)>)) -> String {
    let mut b = Blocks {
        out: String::with_capacity(md.len()),
        raw: String::new(),
        scratch: String::new(),
        kind: Kind::None,
        removed,
        hard_break: false,
        in_quote: false,
        last_number: None,
    };
    let mut fence: Option<(u8, usize)> = None;
    for line in split_lines(md) {
        if let Some((ch, n)) = fence {
            let t = line.trim();
            if t.len() >= n && t.bytes().all(|c| c == ch) {
                fence = None;
                b.out.push('\n');
            } else {
                b.out.push_str(line.trim_end());
                b.out.push('\n');
            }
            continue;
        }
        line_fn(&mut b, line, &mut fence);
    }
    b.flush();
    b.out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    None,
    Para,
    Item,
}

struct Blocks<'r> {
    out: String,
    /// Raw Markdown of the current block, lines joined.
    raw: String,
    /// Buffer [`Blocks::flush`] reuses from block to block for the inline
    /// pass's output.
    scratch: String,
    kind: Kind,
    removed: &'r mut Vec<Removed>,
    /// The previous line ended with a hard line break.
    hard_break: bool,
    in_quote: bool,
    /// Number of the last ordered list item of the current list.
    last_number: Option<u64>,
}

#[inline]
fn is_blank(s: &str) -> bool {
    // Most lines start with a printable ASCII character, which is not whitespace.
    !s.as_bytes().first().is_some_and(u8::is_ascii_graphic) && s.chars().all(char::is_whitespace)
}

impl Blocks<'_> {
    fn flush(&mut self) {
        if !self.raw.is_empty() {
            // A block without markup (the inline pass would copy it as it is)
            // is collapsed straight from the raw text.
            let first_special = next_special(self.raw.as_bytes(), 0);
            let cleaned = if first_special == self.raw.len() {
                &self.raw
            } else {
                self.scratch.clear();
                Inline::new(&mut self.scratch, self.removed).run_from(&self.raw, 0, first_special);
                &self.scratch
            };
            let start = self.out.len();
            let multiline = collapse_spaces_into(cleaned, &mut self.out);
            self.raw.clear();
            // Block HTML tags inside one Markdown block give single line
            // breaks: the lines they leave empty are dropped.
            if multiline {
                let collapsed = self.out.split_off(start);
                let mut any = false;
                for seg in split_lines(&collapsed).filter(|seg| !seg.is_empty()) {
                    if any {
                        self.out.push('\n');
                    }
                    self.out.push_str(seg);
                    any = true;
                }
            }
            if self.out.len() > start {
                self.out.push('\n');
            }
        }
        self.kind = Kind::None;
        self.hard_break = false;
    }

    /// A blank line ends the block and separates it from the next. Blank
    /// lines before any text, and after two line breaks, are dropped:
    /// normalisation would trim them or collapse the run to two line breaks
    /// anyway, and can take the text as it is when it has neither.
    fn blank_line(&mut self) {
        self.flush();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn start(&mut self, kind: Kind, content: &str) {
        self.flush();
        self.kind = kind;
        self.append(content);
    }

    /// Appends a line to the current block, handling hard breaks.
    fn append(&mut self, content: &str) {
        let (content, hard) = strip_hard_break(content);
        if !self.raw.is_empty() {
            self.raw.push(if self.hard_break { '\n' } else { ' ' });
        }
        self.raw.push_str(trim(content));
        self.hard_break = hard;
    }

    fn line(&mut self, line: &str, fence: &mut Option<(u8, usize)>) {
        // Most lines are paragraph text starting with an ASCII letter: no
        // block rule applies to them outside a block quote (each needs a
        // space, tab, `>`, `#`, `-`, `*`, `_`, `=`, `+`, digit, backtick,
        // `~`, `[` or `|` first).
        if !self.in_quote && line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            if self.kind == Kind::None {
                self.kind = Kind::Para;
                self.last_number = None;
            }
            self.append(line);
            return;
        }
        self.line_general(line, fence);
    }

    /// [`Blocks::line`] for any line.
    fn line_general(&mut self, line: &str, fence: &mut Option<(u8, usize)>) {
        if is_blank(line) {
            self.blank_line();
            return;
        }
        let mut rest = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - rest.len();
        let mut quoted = false;
        if indent < 4 {
            while let Some(r) = rest.strip_prefix('>') {
                rest = r.strip_prefix(' ').unwrap_or(r);
                quoted = true;
            }
        }
        if quoted != self.in_quote {
            self.flush();
            self.in_quote = quoted;
        }
        if is_blank(rest) {
            self.blank_line();
            return;
        }
        let t = rest.trim_end();
        // Fenced code.
        for ch in [b'`', b'~'] {
            let n = t.bytes().take_while(|&c| c == ch).count();
            if n >= 3 && !(ch == b'`' && t[n..].contains('`')) {
                self.flush();
                *fence = Some((ch, n));
                return;
            }
        }
        // ATX heading.
        let hashes = t.bytes().take_while(|&c| c == b'#').count();
        if (1..=6).contains(&hashes) && (t.len() == hashes || matches!(t.as_bytes()[hashes], b' ' | b'\t')) {
            let mut content = t[hashes..].trim();
            let closing = content.trim_end_matches('#');
            if closing.is_empty() || closing.ends_with([' ', '\t']) {
                content = closing.trim_end();
            }
            self.start(Kind::Para, content);
            self.flush();
            self.last_number = None;
            return;
        }
        // Thematic breaks and setext underlines.
        if let Some(ch) = rule_char(t) {
            if self.kind == Kind::Para || ch != '=' {
                self.flush();
                self.last_number = None;
                return;
            }
        }
        // List items.
        if let Some(item) = list_marker(t) {
            let interrupts = match self.kind {
                Kind::None => true,
                Kind::Para => !item.content.is_empty() && item.number.is_none_or(|n| n == 1),
                Kind::Item => match (item.number, self.last_number) {
                    (None, _) => !item.content.is_empty() || indent > 0,
                    (Some(n), Some(last)) => n == last + 1 || n == 1,
                    (Some(n), None) => n == 1,
                },
            };
            if interrupts {
                self.last_number = item.number;
                match item.number {
                    Some(_) => {
                        let content = format!("{} {}", item.marker, item.content);
                        self.start(Kind::Item, &content);
                    }
                    None => self.start(Kind::Item, item.content),
                }
                // The marker parse trimmed the line: look for a hard break on the raw line.
                self.hard_break = strip_hard_break(rest).1;
                return;
            }
        }
        // Link reference definitions: `[label]: url`.
        if self.kind == Kind::None && indent < 4 && t.starts_with('[') {
            if let Some(close) = t.find("]:") {
                // A destination, optionally followed by a quoted title; "[Update]: The
                // talks…" is prose, not a definition.
                let rest = t[close + 2..].trim();
                let (dest, title) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
                let title = title.trim();
                let definition = !dest.is_empty() && (title.is_empty() || title.starts_with(['"', '\'', '(']));
                if close > 1 && !t[..close].contains(']') && definition {
                    self.removed.push(Removed { kind: "link_definition", text: t.to_string() });
                    return;
                }
            }
        }
        // Pipe table rows.
        if t.starts_with('|') && t.len() > 1 {
            self.flush();
            if !t.bytes().all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t')) {
                let inner = t.trim_matches('|');
                let cells: Vec<&str> = split_cells(inner).into_iter().map(str::trim).filter(|c| !c.is_empty()).collect();
                self.start(Kind::Para, &cells.join(" | "));
                self.flush();
            }
            return;
        }
        if self.kind == Kind::None {
            self.kind = Kind::Para;
            self.last_number = None;
        }
        self.append(rest);
    }
}

/// `s.trim()`, without decoding when `s` starts and ends with a printable
/// ASCII character (most Markdown lines).
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Splits a table row on `|` not escaped by a backslash.
fn split_cells(s: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'|' => {
                cells.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    cells.push(&s[start.min(s.len())..]);
    cells
}

/// Strips a hard line break marker (2+ trailing spaces, or an unescaped
/// trailing backslash) from a line.
#[inline]
fn strip_hard_break(line: &str) -> (&str, bool) {
    // Most lines end in a printable character other than a backslash: no break.
    if line.as_bytes().last().is_some_and(|&c| c.is_ascii_graphic() && c != b'\\') {
        return (line, false);
    }
    let trimmed = line.trim_end_matches(' ');
    if line.len() - trimmed.len() >= 2 && !trimmed.is_empty() {
        return (trimmed, true);
    }
    let t = line.trim_end();
    let slashes = t.len() - t.trim_end_matches('\\').len();
    if slashes % 2 == 1 {
        return (&t[..t.len() - 1], true);
    }
    (line, false)
}

/// The character of a thematic break (`---`, `* * *`, `___`) or setext
/// underline (`===`), if the line is one.
fn rule_char(t: &str) -> Option<char> {
    let first = t.chars().next()?;
    if !matches!(first, '-' | '*' | '_' | '=') {
        return None;
    }
    let mut n = 0;
    for c in t.chars() {
        if c == first {
            n += 1;
        } else if c != ' ' && c != '\t' {
            return None;
        }
    }
    let needed = if first == '=' { 1 } else { 3 };
    (n >= needed && (first != '=' || !t.contains(' '))).then_some(first)
}

struct ListItem<'a> {
    /// The number of an ordered item.
    number: Option<u64>,
    /// The marker as written ("-", "2.", "3)").
    marker: &'a str,
    content: &'a str,
}

/// A list marker at the start of a (left-trimmed) line.
fn list_marker(t: &str) -> Option<ListItem<'_>> {
    let b = t.as_bytes();
    let after = |i: usize| -> Option<&str> {
        match b.get(i) {
            None => Some(""),
            Some(b' ' | b'\t') => Some(t[i..].trim()),
            _ => None,
        }
    };
    if matches!(b.first(), Some(b'-' | b'*' | b'+')) {
        return after(1).map(|content| ListItem { number: None, marker: &t[..1], content });
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) {
        let number = t[..digits].parse().ok()?;
        return after(digits + 1).map(|content| ListItem { number: Some(number), marker: &t[..=digits], content });
    }
    None
}

/// HTML elements that break a line.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "iframe", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
];

/// Named HTML entities decoded (others are left as written).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{a0}"),
    ("ndash", "–"), ("mdash", "—"), ("hellip", "…"), ("lsquo", "‘"), ("rsquo", "’"), ("ldquo", "“"),
    ("rdquo", "”"), ("laquo", "«"), ("raquo", "»"), ("sbquo", "‚"), ("bdquo", "„"), ("copy", "©"),
    ("reg", "®"), ("trade", "™"), ("deg", "°"), ("middot", "·"), ("bull", "•"), ("times", "×"),
    ("divide", "÷"), ("euro", "€"), ("pound", "£"), ("yen", "¥"), ("cent", "¢"), ("sect", "§"),
    ("para", "¶"), ("shy", ""), ("zwnj", "\u{200c}"), ("zwj", "\u{200d}"), ("thinsp", " "), ("ensp", " "),
    ("emsp", " "), ("aacute", "á"), ("eacute", "é"), ("iacute", "í"), ("oacute", "ó"), ("uacute", "ú"),
    ("agrave", "à"), ("egrave", "è"), ("ograve", "ò"), ("acirc", "â"), ("ecirc", "ê"), ("ocirc", "ô"),
    ("auml", "ä"), ("euml", "ë"), ("iuml", "ï"), ("ouml", "ö"), ("uuml", "ü"), ("ntilde", "ñ"),
    ("ccedil", "ç"), ("atilde", "ã"), ("otilde", "õ"), ("szlig", "ß"), ("Aacute", "Á"), ("Eacute", "É"),
    ("Oacute", "Ó"), ("Uacute", "Ú"), ("Ntilde", "Ñ"), ("Auml", "Ä"), ("Ouml", "Ö"), ("Uuml", "Ü"),
    ("Ccedil", "Ç"), ("frac12", "½"), ("frac14", "¼"), ("frac34", "¾"), ("plusmn", "±"), ("prime", "′"),
];

/// How far the inline pass looks for a closing bracket, backtick run or `>`.
const SCAN_LIMIT: usize = 4096;
/// Deepest nesting of link texts followed.
const MAX_DEPTH: usize = 8;
/// Deepest `[`/`(` nesting a link scan accepts: beyond it the `[` is
/// literal. With [`SCAN_LIMIT`] this keeps hostile input ("[[[[…", "[a](x[a](x…")
/// linear: a window can hold only this many failing scans.
const MAX_BRACKET_DEPTH: usize = 16;
/// Longest link destination followed.
const MAX_DEST_LEN: usize = 2048;

/// The inline pass over one block.
struct Inline<'o> {
    out: &'o mut String,
    removed: &'o mut Vec<Removed>,
    /// A table cell opened: the next text gets a `" | "` if its line has text.
    pending_cell: bool,
    /// `out.len()` when the last html_tag was recorded: tags with only
    /// whitespace between them are recorded as one entry.
    tag_mark: Option<usize>,
}

/// Bytes the inline pass stops at; everything else is copied in bulk.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"\\*_~`[!<&";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

fn is_special(b: u8) -> bool {
    SPECIAL[usize::from(b)]
}

/// The first byte at or after `i` that the inline pass stops at (`b.len()`
/// if none). Text runs between them are long (about 180 bytes in the White
/// House corpus), so 16-byte chunks are skipped with plain comparisons the
/// compiler vectorises; the table finds the byte in the chunk that has one.
fn next_special(b: &[u8], mut i: usize) -> usize {
    let any = |c: u8| {
        (c == b'\\') | (c == b'*') | (c == b'_') | (c == b'~') | (c == b'`') | (c == b'[') | (c == b'!') | (c == b'<') | (c == b'&')
    };
    while let Some(chunk) = b.get(i..i + 16) {
        let chunk: &[u8; 16] = chunk.try_into().expect("16 bytes");
        let mut flags = [0u8; 16];
        for (f, &c) in flags.iter_mut().zip(chunk) {
            *f = u8::from(any(c));
        }
        if u128::from_ne_bytes(flags) != 0 {
            break;
        }
        i += 16;
    }
    while i < b.len() && !is_special(b[i]) {
        i += 1;
    }
    i
}

impl<'o> Inline<'o> {
    fn new(out: &'o mut String, removed: &'o mut Vec<Removed>) -> Self {
        Inline { out, removed, pending_cell: false, tag_mark: None }
    }

    fn push(&mut self, s: &str) {
        if self.pending_cell && !s.trim().is_empty() {
            let line = self.out.rsplit('\n').next().unwrap_or("");
            if !line.trim().is_empty() {
                self.out.push_str(" | ");
            }
            self.pending_cell = false;
        }
        self.out.push_str(s);
    }

    fn record(&mut self, kind: &'static str, text: &str) {
        let only_space_since = self.tag_mark.is_some_and(|m| self.out.get(m..).is_some_and(|t| t.trim().is_empty()));
        if kind == "html_tag" && only_space_since {
            if let Some(last) = self.removed.last_mut().filter(|r| r.kind == "html_tag") {
                last.text.push_str(text);
                return;
            }
        }
        self.removed.push(Removed { kind, text: text.to_string() });
        self.tag_mark = (kind == "html_tag").then_some(self.out.len());
    }

    fn run(&mut self, s: &str, depth: usize) {
        self.run_from(s, depth, next_special(s.as_bytes(), 0));
    }

    /// [`Inline::run`] given the first special byte of `s` (as [`next_special`] finds it).
    fn run_from(&mut self, s: &str, depth: usize, first_special: usize) {
        let b = s.as_bytes();
        let mut i = 0;
        let mut found = Some(first_special);
        while i < b.len() {
            let start = i;
            i = found.take().unwrap_or_else(|| next_special(b, i));
            if i > start {
                self.push(&s[start..i]);
            }
            if i >= b.len() {
                break;
            }
            i = match b[i] {
                b'\\' => match b.get(i + 1) {
                    Some(c) if c.is_ascii_punctuation() => {
                        self.push(&s[i + 1..i + 2]);
                        i + 2
                    }
                    // Pandoc's escaped (non-breaking) space.
                    Some(b' ') => {
                        self.push(" ");
                        i + 2
                    }
                    _ => {
                        self.push("\\");
                        i + 1
                    }
                },
                b'*' | b'_' | b'~' => self.delimiter_run(s, i),
                b'`' => self.code_span(s, i),
                b'!' if b.get(i + 1) == Some(&b'[') => match link_at(s, i + 1) {
                    Some(link) => {
                        self.record("image", &s[i..link.end]);
                        link.end
                    }
                    None => {
                        self.push("!");
                        i + 1
                    }
                },
                b'[' if depth < MAX_DEPTH => match link_at(s, i) {
                    Some(link) => {
                        self.run(&s[link.text.clone()], depth + 1);
                        if !link.dest.is_empty() {
                            self.record("link_url", link.dest);
                        }
                        link.end
                    }
                    None => {
                        self.push("[");
                        i + 1
                    }
                },
                b'<' => self.angle(s, i),
                b'&' => self.entity(s, i),
                _ => {
                    self.push(&s[i..=i]);
                    i + 1
                }
            };
        }
    }

    /// `*`, `_` and `~~` runs: dropped as emphasis markers, except a lone
    /// `*` between spaced operands ("5 * 3"), `_` inside a word
    /// ("snake_case") or between spaces, and a single `~` ("~5 km").
    fn delimiter_run(&mut self, s: &str, i: usize) -> usize {
        let c = s.as_bytes()[i];
        let n = s.as_bytes()[i..].iter().take_while(|&&x| x == c).count();
        let before = s[..i].chars().next_back();
        let after = s[i + n..].chars().next();
        let space = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
        let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
        let literal = match c {
            b'~' => n == 1 || (space(before) && space(after)),
            b'_' => (space(before) && space(after)) || (word(before) && word(after)),
            // A lone `*` between spaces is an operator ("5 * 3") only between
            // operands; `**` between spaces is a bold marker split by a line break.
            _ => {
                n == 1 && space(before) && space(after) && {
                    let left = s[..i].trim_end().chars().next_back();
                    let right = s[i + n..].trim_start().chars().next();
                    word(left) && word(right)
                }
            }
        };
        if literal {
            self.push(&s[i..i + n]);
        }
        i + n
    }

    /// A code span: its content is kept verbatim, the backticks dropped.
    fn code_span(&mut self, s: &str, i: usize) -> usize {
        let b = s.as_bytes();
        let n = b[i..].iter().take_while(|&&x| x == b'`').count();
        let from = i + n;
        let limit = (from + SCAN_LIMIT).min(b.len());
        let mut j = from;
        while j < limit {
            if b[j] == b'`' {
                let m = b[j..].iter().take_while(|&&x| x == b'`').count();
                if m == n {
                    let inner = &s[from..j];
                    let inner = if inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') {
                        &inner[1..inner.len() - 1]
                    } else {
                        inner
                    };
                    self.push(inner);
                    return j + m;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        self.push(&s[i..from]);
        from
    }

    /// `<`: a comment, an autolink, an HTML tag, or a literal `<`.
    fn angle(&mut self, s: &str, i: usize) -> usize {
        let rest = &s[i..];
        if rest.starts_with("<!--") {
            if let Some(end) = rest.find("-->") {
                self.record("html_tag", &rest[..end + 3]);
                return i + end + 3;
            }
        }
        if let Some(len) = autolink_len(rest) {
            self.push(&rest[1..len - 1]);
            return i + len;
        }
        let Some(tag) = html_tag(rest) else {
            self.push("<");
            return i + 1;
        };
        let name = tag.name.to_ascii_lowercase();
        if !tag.closing && (name == "script" || name == "style") {
            let lower = rest.to_ascii_lowercase();
            let close = format!("</{name}");
            let end = lower.find(&close).and_then(|c| lower[c..].find('>').map(|g| c + g + 1)).unwrap_or(rest.len());
            self.record("html_script", &rest[..end]);
            return i + end;
        }
        self.record("html_tag", &rest[..tag.len]);
        if BLOCK_TAGS.contains(&name.as_str()) {
            self.out.push('\n');
            self.pending_cell = false;
            self.tag_mark = Some(self.out.len());
        } else if !tag.closing && (name == "td" || name == "th") {
            self.pending_cell = true;
        }
        i + tag.len
    }

    /// `&`: an entity reference decoded, or a literal `&`.
    fn entity(&mut self, s: &str, i: usize) -> usize {
        let rest = &s[i + 1..];
        let Some(semi) = rest.bytes().take(33).position(|c| c == b';') else {
            self.push("&");
            return i + 1;
        };
        let name = &rest[..semi];
        let decoded: Option<String> = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok(),
                None if !num.is_empty() && num.len() <= 7 => num.parse().ok(),
                _ => None,
            };
            code.filter(|&c| c != 0).and_then(char::from_u32).map(String::from)
        } else {
            ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        match decoded {
            Some(v) => {
                self.push(&v);
                i + 1 + semi + 1
            }
            None => {
                self.push("&");
                i + 1
            }
        }
    }
}

/// A parsed link or image (from its `[`).
struct Link<'a> {
    text: std::ops::Range<usize>,
    dest: &'a str,
    end: usize,
}

/// Parses `[text](dest "title")`, `[text][ref]` or `[text][]` starting at
/// the `[` at `i`.
fn link_at(s: &str, i: usize) -> Option<Link<'_>> {
    let b = s.as_bytes();
    let limit = (i + SCAN_LIMIT).min(b.len());
    let mut depth = 0usize;
    let mut j = i;
    let close = loop {
        if j >= limit {
            return None;
        }
        match b[j] {
            b'\\' => j += 1,
            b'[' if depth >= MAX_BRACKET_DEPTH => return None,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            _ => {}
        }
        j += 1;
    };
    let text = i + 1..close;
    match b.get(close + 1) {
        Some(b'(') => {
            let mut k = close + 2;
            while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\n') {
                k += 1;
            }
            let dest_start;
            let dest_end;
            if b.get(k) == Some(&b'<') {
                dest_start = k + 1;
                let rel = b[dest_start..].iter().take(MAX_DEST_LEN).position(|&c| matches!(c, b'>' | b'<' | b'\n'))?;
                dest_end = dest_start + rel;
                if b[dest_end] != b'>' {
                    return None;
                }
                k = dest_end + 1;
            } else {
                dest_start = k;
                let mut parens = 0usize;
                let dest_limit = (k + MAX_DEST_LEN).min(b.len());
                while k < dest_limit {
                    match b[k] {
                        b'\\' => k += 1,
                        b'(' if parens >= MAX_BRACKET_DEPTH => return None,
                        b'(' => parens += 1,
                        b')' if parens == 0 => break,
                        b')' => parens -= 1,
                        c if c.is_ascii_whitespace() => break,
                        _ => {}
                    }
                    k += 1;
                }
                dest_end = k.min(b.len());
                if b.get(k) != Some(&b')') && !b.get(k).is_some_and(u8::is_ascii_whitespace) {
                    return None;
                }
            }
            // An unbalanced "(" inside the URL (text-fragment links such as
            // `#:~:text=…(RTC,…`) swallowed the link's ")": close at the last one.
            let fallback = || {
                let last = s[dest_start..dest_end].rfind(')')?;
                Some(Link { text: text.clone(), dest: &s[dest_start..dest_start + last], end: dest_start + last + 1 })
            };
            while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\n') {
                k += 1;
            }
            if let Some(&q) = b.get(k).filter(|&&q| matches!(q, b'"' | b'\'' | b'(')) {
                let closer = if q == b'(' { b')' } else { q };
                let Some(rel) = b[k + 1..].iter().take(SCAN_LIMIT).position(|&c| c == closer) else {
                    return fallback();
                };
                k += rel + 2;
                while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\n') {
                    k += 1;
                }
            }
            if b.get(k) != Some(&b')') {
                return fallback();
            }
            Some(Link { text, dest: &s[dest_start..dest_end], end: k + 1 })
        }
        Some(b'[') => {
            let rel = b[close + 2..].iter().take(1000).position(|&c| c == b']')?;
            let end = close + 2 + rel + 1;
            Some(Link { text, dest: &s[close + 1..end], end })
        }
        _ => None,
    }
}

/// Length of an autolink (`<https://…>`, `<mailto:…>`, `<a@b.org>`) at the start of `s`.
fn autolink_len(s: &str) -> Option<usize> {
    let end = s[1..].bytes().take(SCAN_LIMIT).position(|c| c == b'>' || c == b'<' || c.is_ascii_whitespace())? + 1;
    if s.as_bytes()[end] != b'>' {
        return None;
    }
    check_autolink(&s[1..end]).then_some(end + 1)
}

fn check_autolink(inner: &str) -> bool {
    if let Some((scheme, rest)) = inner.split_once(':') {
        let ok_scheme = (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'));
        if ok_scheme && !rest.is_empty() {
            return true;
        }
    }
    match inner.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !host.contains('@'),
        None => false,
    }
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    len: usize,
}

/// An HTML open or close tag at the start of `s` (`<span style="…">`, `</td>`, `<br />`).
fn html_tag(s: &str) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    let name = &s[name_start..i];
    match b.get(i) {
        Some(b'>') => return Some(Tag { name, closing, len: i + 1 }),
        Some(b'/') if b.get(i + 1) == Some(&b'>') => return Some(Tag { name, closing, len: i + 2 }),
        Some(c) if c.is_ascii_whitespace() => {}
        _ => return None,
    }
    if closing {
        let rel = s[i..].bytes().take_while(|c| c.is_ascii_whitespace()).count();
        return (b.get(i + rel) == Some(&b'>')).then_some(Tag { name, closing, len: i + rel + 1 });
    }
    let limit = (i + SCAN_LIMIT).min(b.len());
    let mut quote: Option<u8> = None;
    while i < limit {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(Tag { name, closing, len: i + 1 }),
            None if c == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(md: &str) -> String {
        clean_markdown(md).0
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        assert_eq!(clean("Today, our Nation marks\nthe anniversary.\n\nSecond\nparagraph.\n"), "Today, our Nation marks the anniversary.\n\nSecond paragraph.");
    }

    #[test]
    fn headings_and_lists_stay_on_their_own_lines() {
        let md = "# Title #\nIntro line\n## Part\n-   one\n    continued\n-   two\n\n1.  first\n2.  second\n\n1) a\n2) b\n";
        assert_eq!(clean(md), "Title\nIntro line\nPart\none continued\ntwo\n\n1. first\n2. second\n\n1) a\n2) b");
    }

    #[test]
    fn hard_break_at_the_end_of_a_list_item_line() {
        assert_eq!(clean("-   Name:  \n    Title\n-   Next"), "Name:\nTitle\nNext");
    }

    #[test]
    fn setext_headings_and_rules() {
        assert_eq!(clean("Title\n=====\nText\n\n***\n\nMore\n---\n"), "Title\nText\n\nMore");
    }

    #[test]
    fn emphasis_escapes_and_code() {
        assert_eq!(clean("**Bold** and *it* and __u__ and ~~gone~~ and `a*b`"), "Bold and it and u and gone and a*b");
        assert_eq!(clean("snake_case stays, 5 * 3 stays, ~5 km stays"), "snake_case stays, 5 * 3 stays, ~5 km stays");
        // Bold split by hard breaks leaves no stray markers.
        assert_eq!(clean("**Today’s Recovery  \n**  \nThe economy. * (Applause.) 97 percent **** of"), "Today’s Recovery\nThe economy. (Applause.) 97 percent of");
        assert_eq!(clean("days,\\ and\\\\ x"), "days, and\\ x");
        assert_eq!(clean("\\#\\#\\# not a heading \\_x\\_ \\[1\\] \\*"), "### not a heading _x_ [1] *");
    }

    #[test]
    fn links_across_lines_images_and_references() {
        let (text, removed) = clean_markdown("Read [the fact\nsheet](https://x.gov/a \"t\") and ![chart](c.png) or [this][ref].\n\n[ref]: https://y.gov\n");
        assert_eq!(text, "Read the fact sheet and or this.");
        let kinds: Vec<_> = removed.iter().map(|r| (r.kind, r.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![("link_url", "https://x.gov/a"), ("image", "![chart](c.png)"), ("link_url", "[ref]"), ("link_definition", "[ref]: https://y.gov")]
        );
    }

    #[test]
    fn link_with_unbalanced_paren_in_url() {
        // Regression: a text-fragment URL "…%20(RTC,eviction….)" left the whole link as raw syntax.
        let (text, removed) = clean_markdown("adopt a [Right to Counsel\npilot](https://x.gov/a#:~:text=The%20(RTC,eviction%20Chicago.).\nThe city");
        assert_eq!(text, "adopt a Right to Counsel pilot. The city");
        assert_eq!(removed[0].text, "https://x.gov/a#:~:text=The%20(RTC,eviction%20Chicago.");
    }

    #[test]
    fn bracketed_labels_in_prose_are_not_link_definitions() {
        assert_eq!(clean("[Update]: The talks resumed on Monday."), "[Update]: The talks resumed on Monday.");
        let (text, removed) = clean_markdown("Text.\n\n[1]: https://x.gov/a \"Title\"\n");
        assert_eq!((text.as_str(), removed[0].kind), ("Text.", "link_definition"));
    }

    #[test]
    fn brackets_that_are_not_links_stay() {
        assert_eq!(clean("He said [sic] and [unclosed"), "He said [sic] and [unclosed");
    }

    #[test]
    fn letter_led_line_short_path_agrees_with_the_general_path() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut texts: Vec<String> = std::fs::read_dir(fixtures)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .collect();
        let lines = [
            "Plain text", "text  ", "x\\", "> quoted", "> > deep", "Then", "- item", "2. two", "# Head", "Head", "===",
            "---", "```", "~~~", "  indented", "    code", "[a]: http://x", "| a | b |", "", "   ", "*em* x", "_u_",
            "&amp; x", "<p>tag", "Word<br>", "1) one", "+ plus", "café", "Éclair",
        ];
        texts.extend(crate::piece_texts(&lines, "\n", 7, 3_000, 16));
        assert!(texts.len() > 3_000);
        for md in &texts {
            let (mut r1, mut r2) = (vec![], vec![]);
            assert_eq!(clean_lines(md, &mut r1, |b, l, f| b.line(l, f)), clean_lines(md, &mut r2, |b, l, f| b.line_general(l, f)), "{md:?}");
            assert_eq!(r1, r2, "{md:?}");
        }
    }

    #[test]
    fn leading_and_repeated_blank_lines_are_not_kept() {
        // Guards blank_line: no line break before the text, at most two in a row.
        let mut r = vec![];
        let md = "\n \n\nA\n\n\n\nB\n";
        assert_eq!(clean_into(md, &mut r), "A\n\nB\n\n");
        assert_eq!(clean_markdown(md).0, "A\n\nB");
    }

    #[test]
    fn block_tags_leave_no_empty_lines_inside_a_block() {
        // Guards the flush fix-up when collapsed block text holds line breaks.
        let mut r = vec![];
        assert_eq!(clean_into("a<p></p>b\n<br> x <br>\n\nc\n", &mut r), "a\nb\nx\n\nc\n\n");
        assert_eq!(clean_into("<br>\n\nd", &mut r), "d\n");
    }

    #[test]
    fn html_tags_entities_and_tables() {
        let md = "We <span style=\"text-decoration: underline\">must</span> act &amp; win&#33; &J;\n\n<table>\n<tr>\n<td>Nash Community\nCollege</td>\n<td>Rocky Mount, NC</td>\n</tr>\n<tr><td></td><td>x</td></tr>\n</table>\n";
        let (text, removed) = clean_markdown(md);
        assert_eq!(text, "We must act & win! &J;\n\nNash Community College | Rocky Mount, NC\nx");
        assert_eq!(removed[0].text, "<span style=\"text-decoration: underline\">");
        assert!(removed.iter().all(|r| r.kind == "html_tag"));
        // Tags with only whitespace between them are recorded as one entry.
        assert_eq!(removed.len(), 6, "{removed:?}");
        assert_eq!(removed[3].text, "</td><td>");
        assert_eq!(removed[4].text, "</td></tr><tr><td></td><td>");
    }

    #[test]
    fn hard_breaks_become_line_breaks() {
        assert_eq!(clean("South Lawn  \n12:31 P.M. EDT\\\nText"), "South Lawn\n12:31 P.M. EDT\nText");
        // A no-break space before the newline is not a hard break.
        assert_eq!(clean("peaks. \u{a0} \nNext"), "peaks. Next");
    }

    #[test]
    fn year_at_line_start_is_not_a_list() {
        // Regression: a wrapped line starting "1956." inside a paragraph must not start an ordered list.
        assert_eq!(clean("passed in the Senate in\n1956. It was"), "passed in the Senate in 1956. It was");
    }

    #[test]
    fn blockquotes_lose_their_markers() {
        assert_eq!(clean("> “*Quoted* text\n> goes on”\n\nAfter"), "“Quoted text goes on”\n\nAfter");
    }

    #[test]
    fn autolinks_comments_and_scripts() {
        let (text, removed) = clean_markdown("See <https://x.gov/a> <!-- hidden --><script>var a = 1 < 2;</script>done");
        assert_eq!(text, "See https://x.gov/a done");
        assert_eq!(removed.len(), 2);
        assert_eq!(removed[1].kind, "html_script");
        assert_eq!(clean("a < b and c <d"), "a < b and c <d");
    }

    #[test]
    fn fenced_code_is_kept_verbatim() {
        assert_eq!(clean("```\nlet  x = *y*;\n```\nText"), "let  x = *y*;\n\nText");
    }

    #[test]
    fn pipe_tables() {
        assert_eq!(clean("| Country | Vote |\n|---|:-:|\n| Brazil | yes |\n"), "Country | Vote\nBrazil | yes");
    }

    #[test]
    fn transcript_speaker_labels_stay() {
        let md = "THE PRESIDENT: I’m going to a wedding. The woman running my office is\nmarrying Jill’s policy guy.\n\nQ What is your message?\n\n(Cross-talk.)\n";
        assert_eq!(clean(md), "THE PRESIDENT: I’m going to a wedding. The woman running my office is marrying Jill’s policy guy.\n\nQ What is your message?\n\n(Cross-talk.)");
    }

    #[test]
    fn inline_pass_copies_a_block_without_special_bytes() {
        // Guards the flush short path, which skips the inline pass for such blocks.
        let pieces = ["word", " ", "  ", "\n", "\t", "é", "’", "\u{a0}", "(x)", "a]b", "c>d", "#", "|", "{}", ":", "-", "1."];
        for text in crate::piece_texts(&pieces, "", 31, 5_000, 40) {
            assert_eq!(next_special(text.as_bytes(), 0), text.len());
            let (mut out, mut removed) = (String::new(), vec![]);
            Inline::new(&mut out, &mut removed).run(&text, 0);
            assert_eq!((out.as_str(), removed.len()), (text.as_str(), 0), "{text:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", "a", " a", "a ", "ab", " ab ", "a b", "\u{a0}a", "a\u{3000}", "é", "aé", "éa", "a\t", "\n", "x\u{85}"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn next_special_finds_the_first_special_byte() {
        let text = "plain words and more plain words, then [a link](x) and *bold*, ~ & ` < ! \\ _ ".repeat(3);
        let b = text.as_bytes();
        for from in 0..=b.len() {
            let expected = (from..b.len()).find(|&i| is_special(b[i])).unwrap_or(b.len());
            assert_eq!(next_special(b, from), expected, "from {from}");
        }
    }

    #[test]
    fn pathological_nesting_does_not_blow_up() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000) + "(x)";
        let _ = clean(&deep);
        let ticks = "`a ".repeat(10_000);
        let _ = clean(&ticks);
        let lts = "<a ".repeat(10_000);
        let _ = clean(&lts);
    }
}
