//! Metadata: YAML front matter, sidecar files and JSONL fields, read into
//! one typed [`Meta`].
//!
//! Each source is first read into a [`FieldSet`] (field name → loosely typed
//! value, with where it came from), sets are overlaid by precedence, and
//! only then are values checked and typed, so a message can say *which*
//! source had the bad value. Fields read: `title`, `url` (or `source_url`),
//! `source`, `source_kind`, `date` (or `date_from`/`date_to`; `published_time`
//! when none of these is given), `language` (or `lang`), `translated_from`,
//! `translation_note`, `tags`. Other fields are ignored. A `null` value means
//! "unknown" and never overrides a known one.
//!
//! ```text
//! ---
//! title: Presidential Message on the Anniversary of the Liberation of Guam
//! date: '2026-07-21'
//! source_url: https://www.whitehouse.gov/briefings-statements/2026/07/...
//! tags: briefings-statements
//! ---
//! ```

use crate::normalize::{collapse_spaces, is_nfc_quick_yes};
use crate::{Meta, Reject, RejectCode};
use orbita_text::Date;
use std::borrow::Cow;
use std::fmt;
use unicode_normalization::UnicodeNormalization;
use yaml_rust2::{Yaml, YamlLoader};

/// A metadata value before type checking.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Str(String),
    Num(String),
    Bool(bool),
    List(Vec<Value>),
    Map(usize),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Num(n) => f.write_str(n),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Map(n) => write!(f, "a mapping of {n} fields"),
        }
    }
}

impl Value {
    fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Str(_) => "text",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    fn from_yaml(y: &Yaml) -> Value {
        match y {
            Yaml::Real(s) => Value::Num(s.clone()),
            Yaml::Integer(i) => Value::Num(i.to_string()),
            Yaml::String(s) => Value::Str(s.clone()),
            Yaml::Boolean(b) => Value::Bool(*b),
            Yaml::Array(a) => Value::List(a.iter().map(Value::from_yaml).collect()),
            Yaml::Hash(h) => Value::Map(h.len()),
            Yaml::Null | Yaml::Alias(_) | Yaml::BadValue => Value::Null,
        }
    }

    fn from_json(j: &serde_json::Value) -> Value {
        match j {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Num(n.to_string()),
            serde_json::Value::String(s) => Value::Str(s.clone()),
            serde_json::Value::Array(a) => Value::List(a.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(o) => Value::Map(o.len()),
        }
    }
}

/// Fields of the date range: they override together.
const DATE_FIELDS: [&str; 4] = ["date", "date_from", "date_to", "published_time"];
/// Fields of a sidecar that map a JSONL file's own fields to metadata
/// (see [`Mapping`]).
pub(crate) const MAPPING_FIELDS: [&str; 4] = ["speaker_field", "title_template", "date_from_template", "date_to_template"];
/// Fields [`FieldSet`] keeps; everything else is ignored.
const KNOWN_FIELDS: [&str; 19] = [
    "speaker",
    "speaker_field",
    "title_template",
    "date_from_template",
    "date_to_template",
    "title",
    "url",
    "source_url",
    "source",
    "source_kind",
    "date",
    "date_from",
    "date_to",
    "published_time",
    "language",
    "lang",
    "translated_from",
    "translation_note",
    "tags",
];

/// Metadata fields from one or more sources, not yet type-checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldSet {
    fields: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq)]
struct Field {
    name: &'static str,
    value: Value,
    /// "front matter", "sidecar", "JSON" (for messages).
    origin: &'static str,
}

impl FieldSet {
    fn insert(&mut self, name: &str, value: Value, origin: &'static str) {
        let Some(name) = KNOWN_FIELDS.iter().copied().find(|k| *k == name) else { return };
        if value == Value::Null {
            return;
        }
        self.fields.retain(|f| f.name != name);
        self.fields.push(Field { name, value, origin });
    }

    fn get(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Puts `top`'s fields over this set's: each field `top` has replaces
    /// ours, and any date field in `top` replaces our whole date range.
    pub(crate) fn overlay(&mut self, top: &FieldSet) {
        if top.fields.iter().any(|f| DATE_FIELDS.contains(&f.name)) {
            self.fields.retain(|f| !DATE_FIELDS.contains(&f.name));
        }
        for f in &top.fields {
            self.fields.retain(|g| g.name != f.name);
            self.fields.push(f.clone());
        }
    }

    /// Inserts a value derived by a [`Mapping`] (`origin` names it in messages).
    pub(crate) fn insert_mapped(&mut self, name: &str, value: String, origin: &'static str) {
        self.insert(name, Value::Str(value), origin);
    }

    /// Takes the [`MAPPING_FIELDS`] out of this set (a sidecar's) as a [`Mapping`].
    pub(crate) fn take_mapping(&mut self) -> Result<Mapping, Reject> {
        let mut m = Mapping::default();
        for name in MAPPING_FIELDS {
            let Some(f) = self.get(name) else { continue };
            let value = match &f.value {
                Value::Str(s) => s.trim().to_string(),
                v => return Err(wrong_type(f, "text", v)),
            };
            match name {
                "speaker_field" => m.speaker_field = Some(value),
                "title_template" => m.title_template = Some(value),
                "date_from_template" => m.date_from_template = Some(value),
                _ => m.date_to_template = Some(value),
            }
        }
        self.fields.retain(|f| !MAPPING_FIELDS.contains(&f.name));
        Ok(m)
    }

    /// Type-checks the fields into [`Meta`]; a wrong type or an impossible
    /// date is a `metadata` reject naming the field, its source and value.
    pub(crate) fn into_meta(self) -> Result<Meta, Reject> {
        let text = |name: &str| -> Result<Option<String>, Reject> {
            match self.get(name) {
                None => Ok(None),
                Some(f) => match &f.value {
                    Value::Str(s) | Value::Num(s) => Ok(clean_value(s)),
                    Value::Bool(b) => Ok(Some(b.to_string())),
                    Value::Null => Ok(None),
                    v => Err(wrong_type(f, "a text value", v)),
                },
            }
        };
        let date = |name: &str| -> Result<Option<Date>, Reject> {
            match self.get(name) {
                None => Ok(None),
                Some(f) => match &f.value {
                    Value::Str(s) if s.trim().is_empty() => Ok(None),
                    Value::Str(s) => Date::parse(s).map(Some).map_err(|e| {
                        Reject::new(
                            RejectCode::Metadata,
                            format!("{} field `{}`: impossible date {:?} ({})", f.origin, f.name, s, e.reason),
                        )
                    }),
                    v => Err(wrong_type(f, "a date YYYY-MM-DD", v)),
                },
            }
        };
        let speaker = match (text("speaker")?, self.get("speaker")) {
            (Some(id), Some(f)) if !crate::speaker::valid_speaker(&id) => {
                return Err(Reject::new(
                    RejectCode::Metadata,
                    format!(
                        "{} field `speaker`: {id:?} is not a speaker id (2-12 upper-case letters or digits: ISO 3166 alpha-3 such as USA, or a bloc id such as EU)",
                        f.origin
                    ),
                ));
            }
            (id, _) => id,
        };
        let mut meta = Meta {
            speaker,
            title: text("title")?,
            url: match text("url")? {
                Some(u) => Some(u),
                None => text("source_url")?,
            },
            source: text("source")?,
            source_kind: text("source_kind")?,
            language: match text("language")? {
                Some(l) => Some(l),
                None => text("lang")?,
            },
            translated_from: text("translated_from")?,
            translation_note: text("translation_note")?,
            ..Meta::default()
        };
        let exact = date("date")?;
        let (from, to) = (date("date_from")?, date("date_to")?);
        (meta.date_from, meta.date_to) = if from.is_some() || to.is_some() {
            (from.or(exact), to.or(exact))
        } else if exact.is_some() {
            (exact, exact)
        } else {
            let published = date("published_time")?;
            (published, published)
        };
        if let (Some(a), Some(b)) = (meta.date_from, meta.date_to) {
            if a > b {
                return Err(Reject::new(
                    RejectCode::Metadata,
                    format!("field `date_from` ({a}) is after field `date_to` ({b})"),
                ));
            }
        }
        if let Some(f) = self.get("tags") {
            meta.tags = match &f.value {
                Value::Str(s) | Value::Num(s) => clean_value(s).into_iter().collect(),
                Value::List(items) => {
                    let mut tags = Vec::with_capacity(items.len());
                    for item in items {
                        match item {
                            Value::Str(s) | Value::Num(s) => tags.extend(clean_value(s)),
                            Value::Bool(b) => tags.push(b.to_string()),
                            Value::Null => {}
                            v => return Err(wrong_type(f, "a list of text tags", v)),
                        }
                    }
                    tags
                }
                Value::Bool(b) => vec![b.to_string()],
                v => return Err(wrong_type(f, "text or a list of text tags", v)),
            };
        }
        Ok(meta)
    }
}

/// How a `.jsonl` file's own fields become metadata, declared in its
/// sidecar: `speaker_field` names the line field holding the speaker id;
/// `title_template`, `date_from_template` and `date_to_template` are text
/// with `{field}` placeholders filled from each line's fields (a string as
/// is, a number as written); the title template also knows `{speaker}` and
/// `{speaker_name}` (the speaker after the rules, and its name from the
/// rules file's `[names]`, or the id). A line's own `speaker`, `title` or
/// date fields win over the mapped ones.
///
/// ```text
/// speaker_field: country_iso3
/// title_template: "General Debate, session {session} ({year}): {speaker_name}"
/// date_from_template: "{year}-09-01"
/// date_to_template: "{year}-12-31"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub(crate) speaker_field: Option<String>,
    pub(crate) title_template: Option<String>,
    pub(crate) date_from_template: Option<String>,
    pub(crate) date_to_template: Option<String>,
}

impl Mapping {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Mapping::default()
    }
}

/// Fills `{name}` placeholders of `template`; `lookup` gives a name's value
/// (`None`: the line does not have it). A `{` without its `}` is kept as text.
pub(crate) fn render(template: &str, what: &str, mut lookup: impl FnMut(&str) -> Option<String>) -> Result<String, Reject> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..open + close];
        match lookup(name) {
            Some(v) => out.push_str(&v),
            None => {
                return Err(Reject::new(
                    RejectCode::Metadata,
                    format!("sidecar field `{what}` refers to {{{name}}}, which this line has not as text or a number"),
                ))
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The host of an `http(s)://` URL, lower-cased, without a leading `www.`
/// (`https://www.whitehouse.gov/a/` → `whitehouse.gov`).
pub(crate) fn url_host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && host.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')).then(|| host.to_string())
}

/// Fills `source` from the URL's host when no source is given, and
/// `source_kind` "government" when none is given and the host is a
/// government domain (see [`is_government_host`]).
pub(crate) fn fill_source_from_url(meta: &mut Meta) {
    let Some(host) = meta.url.as_deref().and_then(url_host) else { return };
    if meta.source_kind.is_none() && is_government_host(&host) {
        meta.source_kind = Some("government".to_string());
    }
    if meta.source.is_none() {
        meta.source = Some(host);
    }
}

/// Government domains: `*.gov`, `*.mil`, and `gov`/`gob`/`gouv`/`govt`/`go`
/// as the second level under a country code (`gov.uk`, `gob.mx`,
/// `gouv.fr`, `go.jp`); also `gc.ca` and `admin.ch`.
pub(crate) fn is_government_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n < 2 {
        return false;
    }
    let (tld, second) = (labels[n - 1], labels[n - 2]);
    matches!(tld, "gov" | "mil")
        || (tld.len() == 2 && matches!(second, "gov" | "gob" | "gouv" | "govt" | "go" | "mil"))
        || matches!((second, tld), ("gc", "ca") | ("admin", "ch"))
}

fn wrong_type(f: &Field, expected: &str, found: &Value) -> Reject {
    Reject::new(
        RejectCode::Metadata,
        format!("{} field `{}` must be {expected}, found {}: {}", f.origin, f.name, found.type_name(), f.value),
    )
}

/// A metadata string as stored: NFC, whitespace (newlines and no-break
/// spaces included) collapsed, trimmed; `None` when nothing is left.
pub(crate) fn clean_value(s: &str) -> Option<String> {
    let line_break = |c: char| c == '\n' || c == '\r';
    // Text already in NFC (all ASCII text is) skips the per-character normaliser.
    let one_line: Cow<'_, str> = if is_nfc_quick_yes(s) {
        // Line breaks are ASCII: a byte search finds them without decoding.
        if memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_some() { Cow::Owned(s.replace(line_break, " ")) } else { Cow::Borrowed(s) }
    } else {
        Cow::Owned(s.nfc().map(|c| if line_break(c) { ' ' } else { c }).collect())
    };
    let v = collapse_spaces(&one_line);
    let t = v.trim();
    if t.len() == v.len() {
        return (!v.is_empty()).then_some(v); // already trimmed: no second copy
    }
    (!t.is_empty()).then(|| t.to_string())
}

/// The YAML front matter block found at the top of a Markdown document.
#[derive(Debug)]
pub(crate) struct FrontMatter<'a> {
    /// The whole block, delimiters included.
    pub raw: &'a str,
    /// The YAML between the delimiters.
    pub yaml: &'a str,
    /// 1-based line number of the YAML's first line in the document.
    pub first_line: usize,
}

/// Splits `---`-delimited front matter (closed by `---` or `...`) off the
/// top of a document. A `---` first line with no closing delimiter is an
/// error when the next line looks like a `field:`; otherwise it is a
/// Markdown thematic break and there is no front matter.
pub(crate) fn split_front_matter(text: &str) -> Result<(Option<FrontMatter<'_>>, &str), Reject> {
    let first_end = memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok((None, text));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let after = (end + 1).min(text.len());
            let fm = FrontMatter { raw: &text[..end], yaml: &text[yaml_start..pos], first_line: 2 };
            return Ok((Some(fm), &text[after..]));
        }
        pos = end + 1;
    }
    let next = text[yaml_start..].lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let looks_like_field = next
        .split_once(':')
        .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
    if looks_like_field {
        return Err(Reject::new(
            RejectCode::FrontMatter,
            "front matter opened by `---` on line 1 is never closed (expected a `---` or `...` line)",
        )
        .at(0));
    }
    Ok((None, text))
}

/// Reads the YAML of a front matter block. An error carries the 1-based
/// document line it points at.
pub(crate) fn parse_front_matter(fm: &FrontMatter<'_>) -> Result<FieldSet, (usize, Reject)> {
    load_yaml(fm.yaml, "front matter").map_err(|(line, col, why)| {
        let line = fm.first_line + line - 1;
        let reject = Reject::new(
            RejectCode::FrontMatter,
            format!("invalid YAML front matter at line {line}, column {col}: {why}"),
        );
        (line, reject)
    })
}

/// Reads a `<file>.meta.yaml` sidecar.
pub(crate) fn parse_sidecar(bytes: &[u8]) -> Result<FieldSet, Reject> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Reject::new(
            RejectCode::Metadata,
            format!("metadata sidecar is not valid UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    load_yaml(text, "sidecar").map_err(|(line, col, why)| {
        Reject::new(RejectCode::Metadata, format!("invalid YAML in metadata sidecar at line {line}, column {col}: {why}"))
    })
}

/// Loads a YAML mapping into a field set. Errors are (line, column, reason).
fn load_yaml(yaml: &str, origin: &'static str) -> Result<FieldSet, (usize, usize, String)> {
    match load_flat_yaml(yaml, origin) {
        Some(set) => Ok(set),
        None => load_yaml_with_loader(yaml, origin),
    }
}

/// [`load_yaml`] by the YAML loader, for any YAML.
fn load_yaml_with_loader(yaml: &str, origin: &'static str) -> Result<FieldSet, (usize, usize, String)> {
    let docs = YamlLoader::load_from_str(yaml)
        .map_err(|e| (e.marker().line().max(1), e.marker().col() + 1, e.info().to_string()))?;
    let mut set = FieldSet::default();
    match docs.first() {
        None | Some(Yaml::Null) => {}
        Some(Yaml::Hash(h)) => {
            for (k, v) in h {
                if let Yaml::String(k) = k {
                    set.insert(k, Value::from_yaml(v), origin);
                }
            }
        }
        Some(other) => {
            let found = Value::from_yaml(other);
            return Err((1, 1, format!("expected a mapping of `field: value` lines, found {}", found.type_name())));
        }
    }
    Ok(set)
}

/// `s.find(": ")`, by a byte search for the colon (a string search sets up
/// more than these short lines take to scan).
fn find_colon_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b':', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

/// [`load_yaml`] without the YAML loader, for the usual front matter: only
/// `key: value` lines (key in lower-case ASCII letters and `_`, each key
/// once) whose value is a one-line plain scalar or a quoted scalar
/// (continuation lines indented). Gives
/// what the loader gives, or `None` for anything else (tabs, comments,
/// nesting, lists, flow syntax, trailing spaces…), which the loader then
/// reads. The loader costs more than all the Markdown cleaning of a White
/// House document.
fn load_flat_yaml(yaml: &str, origin: &'static str) -> Option<FieldSet> {
    let b = yaml.as_bytes();
    // Tabs, CR, NUL or a U+FEFF (`EF BB BF`) anywhere: the loader decides.
    if memchr::memchr3(b'\t', b'\r', 0, b).is_some() || memchr::memchr_iter(0xEF, b).any(|i| b[i + 1..].starts_with(&[0xBB, 0xBF])) {
        return None;
    }
    let mut set = FieldSet::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut rest = yaml;
    while !rest.is_empty() {
        let eol = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let colon = find_colon_space(&rest[..eol])?;
        let key = &rest[..colon];
        if key.is_empty() || !key.bytes().all(|c| c.is_ascii_lowercase() || c == b'_') || keys.contains(&key) {
            return None;
        }
        keys.push(key);
        let v = &rest[colon + 2..];
        let line = &rest[colon + 2..eol];
        let (value, after) = match line.as_bytes().first()? {
            &q @ (b'"' | b'\'') => {
                let (s, after) = quoted(&v[1..], q)?;
                (Value::Str(s), after)
            }
            // A plain scalar; flow indicators (`,[]{}`) are text in block context.
            c if c.is_ascii_alphanumeric() => {
                let plain_safe = !line.ends_with([' ', ':']) && find_colon_space(line).is_none() && !line.as_bytes().contains(&b'#');
                if !plain_safe {
                    return None;
                }
                (Value::from_yaml(&Yaml::from_str(line)), &v[line.len()..])
            }
            _ => return None,
        };
        rest = match after.strip_prefix('\n') {
            Some(r) => r,
            None if after.is_empty() => after,
            None => return None,
        };
        set.insert(key, value, origin);
    }
    (!keys.is_empty()).then_some(set)
}

/// A quoted YAML scalar (`quote` is `"` or `'`), read as the YAML loader
/// reads it from `s` (the text after the opening quote): a line break
/// folded to a space (blank lines to newlines) with the whitespace around
/// it dropped; in double quotes, escapes resolved and an escaped line break
/// joins the lines; in single quotes, `''` is a quote. Returns the value and
/// the text after the closing quote, which must end the line. `None` when
/// the scalar is not closed, a continuation line is not indented, or after
/// the closing quote the line goes on.
fn quoted(s: &str, quote: u8) -> Option<(String, &str)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    // Start of the pending run of unescaped spaces (kept if text follows on the line).
    let mut spaces: Option<usize> = None;
    // After a line break: skips the next lines' leading spaces, counts blank
    // lines, and checks that the text goes on indented.
    let skip_breaks = |i: &mut usize| -> Option<usize> {
        let mut blank_lines = 0;
        loop {
            let start = *i;
            while b.get(*i) == Some(&b' ') {
                *i += 1;
            }
            match b.get(*i) {
                Some(b'\n') => {
                    blank_lines += 1;
                    *i += 1;
                }
                Some(_) if *i > start => return Some(blank_lines),
                _ => return None,
            }
        }
    };
    loop {
        let c = s[i..].chars().next()?;
        match c {
            ' ' => {
                spaces.get_or_insert(i);
                i += 1;
                continue;
            }
            '\n' => {
                spaces = None;
                i += 1;
                match skip_breaks(&mut i)? {
                    0 => out.push(' '),
                    n => out.extend(std::iter::repeat_n('\n', n)),
                }
                continue;
            }
            _ => {}
        }
        if let Some(from) = spaces.take() {
            out.push_str(&s[from..i]);
        }
        match c {
            '\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => {
                out.push('\'');
                i += 2;
            }
            _ if c == char::from(quote) => {
                let after = &s[i + 1..];
                return (after.is_empty() || after.starts_with('\n')).then_some((out, after));
            }
            '\\' if quote == b'"' => {
                let e = *b.get(i + 1)?;
                if e == b'\n' {
                    i += 2;
                    let n = skip_breaks(&mut i)?;
                    out.extend(std::iter::repeat_n('\n', n));
                    continue;
                }
                let (ch, len) = match e {
                    b'x' | b'u' | b'U' => {
                        let digits = match e {
                            b'x' => 2,
                            b'u' => 4,
                            _ => 8,
                        };
                        let hex = s.get(i + 2..i + 2 + digits)?;
                        if !hex.bytes().all(|d| d.is_ascii_hexdigit()) {
                            return None;
                        }
                        (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 2 + digits)
                    }
                    _ => (yaml_escape(e)?, 2),
                };
                out.push(ch);
                i += len;
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
}

/// The character of a one-letter YAML escape (`\n`, `\_`, `\"`…).
fn yaml_escape(e: u8) -> Option<char> {
    Some(match e {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        _ => return None,
    })
}

/// Reads the metadata fields of a JSON object (the `text` field excluded).
pub(crate) fn from_json(obj: &serde_json::Map<String, serde_json::Value>) -> FieldSet {
    let mut set = FieldSet::default();
    for (k, v) in obj {
        set.insert(k, Value::from_json(v), "JSON");
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm_meta(doc: &str) -> Result<Meta, Reject> {
        let (fm, _) = split_front_matter(doc)?;
        parse_front_matter(&fm.unwrap()).map_err(|(_, r)| r)?.into_meta()
    }

    #[test]
    fn find_colon_space_is_find() {
        for s in ["", ":", ": ", "a:b: c", "key: v", "::  x", "a:", "é: x", "no colon"] {
            assert_eq!(find_colon_space(s), s.find(": "), "{s:?}");
        }
    }

    #[test]
    fn flat_reader_leaves_tabs_cr_nul_and_bom_to_the_loader() {
        // Guards the byte searches that send such front matter to the YAML loader.
        for yaml in ["title: a\tb\n", "title: a\r\n", "title: a\0b\n", "title: a\u{feff}b\n"] {
            assert!(load_flat_yaml(yaml, "front_matter").is_none(), "{yaml:?}");
        }
        // A full-width letter starts with EF too, but is no BOM.
        for yaml in ["title: bＡ\n", "title: a’b\n", "title: x\n"] {
            assert!(load_flat_yaml(yaml, "front_matter").is_some(), "{yaml:?}");
        }
    }

    #[test]
    fn clean_value_trims_after_collapsing() {
        // Guards the no-second-copy return: only an already trimmed value is kept as collapsed.
        assert_eq!(clean_value("\u{3000}Title  x\u{3000}").as_deref(), Some("Title x"));
        assert_eq!(clean_value(" a\r\n b\t").as_deref(), Some("a b"));
        assert_eq!(clean_value("Plain title").as_deref(), Some("Plain title"));
        assert_eq!(clean_value(" \u{a0} "), None);
        assert_eq!(clean_value("\u{3000}"), None);
    }

    #[test]
    fn white_house_front_matter() {
        let m = fm_meta(
            "---\ndate: '2024-10-05'\nmodified_time: 2024-10-07 18:22:39-04:00\npublished_time: 2024-10-05 12:21:00-04:00\nsource_url: https://example.gov/a/\ntags: speeches-remarks\ntitle: \"Remarks by President\\_Biden Before Marine One\\_Departure\"\n---\nBody",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("Remarks by President Biden Before Marine One Departure"));
        assert_eq!(m.url.as_deref(), Some("https://example.gov/a/"));
        assert_eq!(m.tags, vec!["speeches-remarks"]);
        assert_eq!(m.date_from, Some(Date::new(2024, 10, 5).unwrap()));
        assert_eq!(m.date_from, m.date_to);
    }

    #[test]
    fn flat_front_matter_reads_as_the_yaml_loader_reads_it() {
        let cases = [
            // Taken without the loader.
            "date: '2025-02-10'\nmodified_time: 2025-02-12 20:47:35-05:00\ntags: articles\ntitle: \"CFPB Isn\\u2019t a Regulator\"\n",
            "title: \"Background Press Call Previewing the Visit of Prime Minister Kishida\\\n  \\ Fumio of\\_Japan\"\n",
            "title: \"Remarks by President Biden\n  and Vice President Harris  \"\nsource_url: https://x.gov/a/b/\n",
            "title: \"a \\\"quoted\\\" word\\\\, \\x41\\U0001F600 \\t\\/ end\"\n",
            "title: \"one\n\n  two\n   \n  three\"\n",
            "title: \"escaped break\\\n\n  after a blank line\"\n",
            "title: 'It''s a title'\ntags: 12\nsource: 0x1F\nlanguage: true\nurl: 1.5e3\ndate_from: null\n",
            "title: Plain title with 'quotes' and \"more\"\ndate: 2024-01-02",
            "true: x\nnull: y\ntitle: z\n",
            "title: 'Memo to Press: Hundreds Spent Every\n  Year'\ntags: a, b [c] {d}\n",
            "title: 'it''s\n\n  two \\n ''lines'''\n",
            // Left to the loader (errors included).
            "title: \"unclosed\n",
            "title: \"bad \\q escape\"\n",
            "title: \"bad \\uD800 surrogate\"\n",
            "title: \"x\" trailing\n",
            "title: \"x\n---\n\"\n",
            "title: \"col0\ncontinuation\"\n",
            "title: a\ntitle: b\n",
            "title: x # comment\n",
            "title: [a, b]\n",
            "tags:\n  - a\n  - b\n",
            "title: x\n  continued\n",
            "title: 'open\n",
            "title: 'a' 'b'\n",
            "title:  two spaces\n",
            "title: x\n\ndate: 2020-01-01\n",
            "Title: x\n",
            "title: \tx\n",
            "title: trailing \n",
            "title: -5\n",
            "",
        ];
        let mut fast = 0;
        for yaml in cases {
            if let Some(set) = load_flat_yaml(yaml, "front matter") {
                fast += 1;
                assert_eq!(Ok(set), load_yaml_with_loader(yaml, "front matter"), "{yaml:?}");
            }
        }
        assert_eq!(fast, 11);
    }

    #[test]
    fn flat_front_matter_agrees_with_the_loader_on_random_input() {
        // Lines `key: value` with values made of pieces that exercise quoting,
        // escapes, folding and plain-scalar typing.
        let keys = ["title", "tags", "date", "x", "title", "true", "Url", " title"];
        let pieces = [
            "\"", "'", "''", "\n", "\n  ", "\n\n  ", "\n \n ", " ", "  ", "\\", "\\\n", "\\\n  ", "\\u00e9", "\\_", "\\x4", "word", "Word",
            "é", "’", "12", "0x1F", "true", "null", ":", ": ", ",", "#", " #", "[", "-", "~", "\\\"", "\\q", "\t", "1.5", "---",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| (crate::xorshift(&mut state) % n as u64) as usize;
        let mut fast = 0;
        for _ in 0..100_000 {
            let mut yaml = String::new();
            for _ in 0..1 + next(3) {
                yaml.push_str(keys[next(keys.len())]);
                yaml.push_str(": ");
                // Mostly a quote first, so that quoted scalars get exercised.
                if next(3) > 0 {
                    yaml.push_str(["\"", "'"][next(2)]);
                }
                for _ in 0..next(6) {
                    yaml.push_str(pieces[next(pieces.len())]);
                }
                if next(3) > 0 {
                    yaml.push_str(["\"", "'"][next(2)]);
                }
                yaml.push('\n');
            }
            if let Some(set) = load_flat_yaml(&yaml, "front matter") {
                fast += 1;
                assert_eq!(Ok(set), load_yaml_with_loader(&yaml, "front matter"), "{yaml:?}");
            }
        }
        assert!(fast > 5000, "{fast}");
    }

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("https://www.whitehouse.gov/a/").as_deref(), Some("whitehouse.gov"));
        assert_eq!(url_host("http://User@Bidenwhitehouse.Archives.gov:80?x").as_deref(), Some("bidenwhitehouse.archives.gov"));
        assert_eq!(url_host("ftp://x.org/"), None);
        assert_eq!(url_host("https://localhost/"), None);
    }

    #[test]
    fn government_hosts() {
        for h in ["whitehouse.gov", "bidenwhitehouse.archives.gov", "state.gov", "army.mil", "gov.uk", "www.gob.mx", "elysee.gouv.fr", "mofa.go.jp", "canada.gc.ca"] {
            assert!(is_government_host(h), "{h}");
        }
        for h in ["izvestia.ru", "toutiao.com", "govexec.com", "gov.example.com", "nytimes.com"] {
            assert!(!is_government_host(h), "{h}");
        }
        let mut m = Meta { url: Some("https://www.whitehouse.gov/x".into()), ..Meta::default() };
        fill_source_from_url(&mut m);
        assert_eq!((m.source.as_deref(), m.source_kind.as_deref()), (Some("whitehouse.gov"), Some("government")));
        let mut m = Meta { url: Some("https://www.whitehouse.gov/x".into()), source_kind: Some("analysis".into()), ..Meta::default() };
        fill_source_from_url(&mut m);
        assert_eq!(m.source_kind.as_deref(), Some("analysis"));
    }

    #[test]
    fn published_time_is_the_fallback_date() {
        let m = fm_meta("---\npublished_time: 2023-03-04 10:00:00-05:00\n---\n").unwrap();
        assert_eq!(m.date_to, Some(Date::new(2023, 3, 4).unwrap()));
    }

    #[test]
    fn missing_date_is_none() {
        let m = fm_meta("---\ntitle: t\n---\n").unwrap();
        assert_eq!((m.date_from, m.date_to), (None, None));
    }

    #[test]
    fn impossible_date_names_field_and_value() {
        let r = fm_meta("---\ndate: 2025-13-45\n---\n").unwrap_err();
        assert_eq!(r.code, RejectCode::Metadata);
        assert!(r.message.contains("`date`") && r.message.contains("2025-13-45"), "{}", r.message);
        let r = fm_meta("---\ndate: 2025\n---\n").unwrap_err();
        assert!(r.message.contains("must be a date"), "{}", r.message);
    }

    #[test]
    fn reversed_date_range_is_rejected() {
        let r = fm_meta("---\ndate_from: 2025-12-01\ndate_to: 2025-11-01\n---\n").unwrap_err();
        assert_eq!(r.code, RejectCode::Metadata);
    }

    #[test]
    fn wrong_type_fields_name_field_and_value() {
        let r = fm_meta("---\ntitle: [1, 2]\n---\n").unwrap_err();
        assert_eq!(r.code, RejectCode::Metadata);
        assert!(r.message.contains("`title`") && r.message.contains("[1, 2]"), "{}", r.message);
        let r = fm_meta("---\ntags: {a: 1}\n---\n").unwrap_err();
        assert!(r.message.contains("`tags`"), "{}", r.message);
        // A number where text is expected is read as its text.
        assert_eq!(fm_meta("---\ntitle: 1984\n---\n").unwrap().title.as_deref(), Some("1984"));
    }

    #[test]
    fn invalid_yaml_reports_the_document_line() {
        let r = fm_meta("---\ntitle: ok\nurl: [unclosed\nsource: x\n---\nBody").unwrap_err();
        assert_eq!(r.code, RejectCode::FrontMatter);
        assert!(r.message.contains("line "), "{}", r.message);
        let r = fm_meta("---\n- a\n- b\n---\n").unwrap_err();
        assert!(r.message.contains("mapping"), "{}", r.message);
    }

    #[test]
    fn unclosed_front_matter() {
        let r = split_front_matter("---\ntitle: x\nno end\n").unwrap_err();
        assert_eq!(r.code, RejectCode::FrontMatter);
        // A thematic break followed by prose is not front matter.
        let (fm, body) = split_front_matter("---\nJust text.\n").unwrap();
        assert!(fm.is_none());
        assert_eq!(body, "---\nJust text.\n");
    }

    #[test]
    fn null_never_overrides_and_dates_override_as_a_range() {
        let mut base = load_yaml("url: https://a\ndate: 2024-01-01\n", "front matter").unwrap();
        let top = load_yaml("url: null\ndate_from: 2025-01-01\n", "sidecar").unwrap();
        base.overlay(&top);
        let m = base.into_meta().unwrap();
        assert_eq!(m.url.as_deref(), Some("https://a"));
        assert_eq!(m.date_from, Some(Date::new(2025, 1, 1).unwrap()));
        assert_eq!(m.date_to, None);
    }
}
