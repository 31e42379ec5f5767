//! orbita's ingest stage, pure part: raw file bytes in, clean document text
//! and metadata out.
//!
//! The table layer walks `data/raw/`, reads each file (and its metadata
//! sidecar `<file>.meta.yaml`, if any) and calls [`parse`]. This crate does
//! no I/O: it decodes, detects the format from the path's extension, parses
//! front matter and sidecar metadata, cleans Markdown to plain text,
//! separates recognisable site chrome and normalises whitespace. Every
//! input yields either a [`Parsed`] document or a [`Reject`] with a reason a
//! person can act on; nothing panics (see the property test in
//! `tests/robustness.rs`).
//!
//! ```
//! use orbita_ingest::{parse, Input, Limits};
//! let md = b"---\ntitle: Visit\ndate: '2025-03-01'\n---\n# Visit\n\nThe *minister*\nflew to [Bogota](https://x.example).\n";
//! let out = parse(&Input { path: "news/a.md", bytes: md, sidecar: None }, &Limits::default());
//! let doc = out[0].as_ref().unwrap();
//! assert_eq!(doc.text, "Visit\n\nThe minister flew to Bogota.");
//! assert_eq!(doc.meta.title.as_deref(), Some("Visit"));
//! assert_eq!(doc.meta.date_from, doc.meta.date_to);
//! ```
//!
//! # Normalisation (every format)
//! Decoding (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
//! Windows-1252); CRLF and lone CR become LF; NUL and other C0 controls
//! except `\n` and `\t`, C1 controls and invisible format characters are
//! removed; non-breaking spaces become spaces; NFC;
//! trailing whitespace is trimmed on each line; three or more newlines
//! collapse to two; the whole text is trimmed. So the same text saved with
//! CRLF or trailing blanks gives the same `text` (and so the same id).
//!
//! # What [`Parsed::removed`] records
//! Everything *content-like* taken out of the text, grouped by the pass that
//! removed it (controls, front matter, Markdown, chrome) and in document
//! order within a pass:
//! `control_char` (control characters and invisible format characters
//! such as soft hyphens and zero-width spaces, merged per run),
//! `separator` (lines like `***`, `* * *`, `----`), `front_matter` (the
//! raw YAML block), `html_tag` (tags and comments; adjacent tags merge into
//! one entry), `html_script` (`<script>`/`<style>` elements with their
//! content), `link_url` (the target of `[text](url)`; the text stays),
//! `image` (`![alt](url)`), `link_definition` (`[ref]: url` lines),
//! `site_chrome` (breadcrumb lines at the top), `translator_credit`,
//! `disclaimer`, `source_link` ("Original article: URL"), `end_marker`
//! (a press release's closing `###`). Pure formatting
//! markers (emphasis `*`/`_`, heading hashes, list bullets, backslashes of
//! escapes, code fences, blockquote `>`) are not recorded one by one.
//!
//! # Hard-wrapped text
//! Plain text and JSONL text broken into short lines (PDF-derived records)
//! is detected per document and joined into one line per paragraph, keeping
//! hyphens at line ends unless the document writes the joined word; see
//! [`unwrap_lines`].
//!
//! # Speakers and compressed inputs
//! [`Meta::speaker`] says whose statement a document is, from a `speaker`
//! field or the declared [`SpeakerRules`]; a JSONL sidecar can map a line's
//! own fields to the speaker, title and dates (`speaker_field`,
//! `title_template`, `date_from_template`, `date_to_template`). Any format
//! may be gzip- or zstd-compressed (`a.jsonl.zst`); [`parse_each`] streams
//! a compressed JSONL file one line at a time ([`Compression`]).
//!
//! # Markdown
//! The text comes out one line per paragraph, heading or list item
//! (hard-wrapped lines are joined with one space; an explicit hard break —
//! two trailing spaces or a trailing backslash — stays a line break), with
//! paragraphs separated by a blank line. Ordered list markers ("2.", "3)") are
//! kept as text; bullets are dropped. HTML table cells are joined with
//! `" | "`, one row per line. A front matter `title` is metadata only: it is
//! not added to the text (a plain-text file's own title line stays in it).
//!
//! # Checks
//! `cargo test -p orbita-ingest` (unit tests, golden snapshots over
//! `tests/fixtures/`, seed-article tests, never-panic property tests);
//! `cargo bench -p orbita-ingest` (criterion; `ORBITA_BENCH_CORPUS=DIR`
//! adds a whole corpus); `pipeline/fuzz` holds the libFuzzer target.
//! `cargo run --release -p orbita-ingest --example identity -- DIR` prints
//! one hash over everything parsed and split from a corpus (compare it
//! before and after a change) and the CPU time of both stages.

mod chrome;
mod compressed;
mod decode;
mod jsonl;
mod markdown;
mod meta;
mod normalize;
mod speaker;
mod unwrap;

use orbita_text::Date;
use std::collections::BTreeSet;
use std::fmt;

pub use compressed::Compression;
pub use decode::detect_binary;
pub use markdown::clean_markdown;
pub use normalize::normalize_text;
pub use speaker::{valid_speaker, HostRule, Remap, RulesError, SpeakerRules, SPEAKER_PATTERN};
pub use unwrap::{unwrap_lines, wrap_width};

/// One raw input file as the table layer read it.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// Path relative to the raw dir, for messages and format detection ("news/a.md").
    pub path: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
    /// Bytes of `"<path>.meta.yaml"`, if present.
    pub sidecar: Option<&'a [u8]>,
}

/// Resource limits applied while parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest document accepted, in bytes (a whole `.txt`/`.md` file, or one `.jsonl` line).
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_document_bytes: 64 * 1024 * 1024 }
    }
}

/// The input format, from the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`).
    Txt,
    /// Markdown, optionally with YAML front matter (`.md`, `.markdown`).
    Markdown,
    /// One JSON object per line with a `text` field (`.jsonl`).
    Jsonl,
}

impl Format {
    /// The column value: `"txt"`, `"markdown"` or `"jsonl"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Markdown => "markdown",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format for a path, by its (case-insensitive) extension; a
    /// compression suffix (`.gz`, `.zst`) is looked through
    /// (`a.jsonl.zst` is JSONL).
    pub fn from_path(path: &str) -> Option<Format> {
        let path = Compression::from_path(path).map_or(path, |(_, inner)| inner);
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Document metadata, from front matter, JSONL fields and the sidecar
/// (the sidecar wins over front matter; see [`parse`]). `source` falls back
/// to the URL's host (`"whitehouse.gov"`) when none is given, and
/// `source_kind` to `"government"` for government domains.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Whose statement the document is: an ISO 3166 alpha-3 code or a bloc
    /// id ("USA", "EU"), from a `speaker` field or the [`SpeakerRules`].
    pub speaker: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Canonical URL of the document.
    pub url: Option<String>,
    /// Publisher ("Izvestia").
    pub source: Option<String>,
    /// Kind of source, e.g. "analysis", "government", "news".
    pub source_kind: Option<String>,
    /// First day the document may date from (equal to `date_to` for an exact date).
    pub date_from: Option<Date>,
    /// Last day the document may date from.
    pub date_to: Option<Date>,
    /// Language of the text (ISO 639-1, as given).
    pub language: Option<String>,
    /// Language the text was translated from, if a translation.
    pub translated_from: Option<String>,
    /// Free note on the translation.
    pub translation_note: Option<String>,
    /// Tags (a single string tag becomes one element).
    pub tags: Vec<String>,
}

/// Something taken out of the text, kept so nothing is silently dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// What it was: "site_chrome", "disclaimer", "translator_credit",
    /// "source_link", "html_tag", "html_script", "link_url", "image",
    /// "link_definition", "front_matter", "control_char", "end_marker", "separator".
    pub kind: &'static str,
    /// The removed text as it was in the input (controls as-is).
    pub text: String,
}

/// One parsed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// 0 for whole-file formats; the 1-based line number for `.jsonl`.
    pub record: u32,
    /// The normalised clean text; all later offsets point into it.
    pub text: String,
    /// Metadata.
    pub meta: Meta,
    /// Input format.
    pub format: Format,
    /// Decoding applied: "utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "windows-1252".
    pub encoding: &'static str,
    /// Everything taken out of the text: by pass, in document order within a pass.
    pub removed: Vec<Removed>,
}

/// Why an input (or one record of it) was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RejectCode {
    /// Empty or whitespace-only file or record.
    Empty,
    /// Binary content (a known magic number, or NUL-heavy).
    Binary,
    /// Bytes that cannot be decoded in the declared encoding.
    Encoding,
    /// Invalid or unterminated YAML front matter.
    FrontMatter,
    /// A metadata field with a wrong type or an impossible value, or an invalid sidecar.
    Metadata,
    /// A `.jsonl` line that is not a JSON object.
    Json,
    /// Larger than [`Limits::max_document_bytes`].
    TooLarge,
    /// No text left after cleaning (or no `text` field in a JSONL record).
    NoText,
    /// An extension `parse` does not read.
    Unsupported,
    /// Compressed data that is damaged or truncated.
    Corrupt,
}

impl RejectCode {
    /// The column value ("empty", "binary", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::Empty => "empty",
            RejectCode::Binary => "binary",
            RejectCode::Encoding => "encoding",
            RejectCode::FrontMatter => "front_matter",
            RejectCode::Metadata => "metadata",
            RejectCode::Json => "json",
            RejectCode::TooLarge => "too_large",
            RejectCode::NoText => "no_text",
            RejectCode::Unsupported => "unsupported",
            RejectCode::Corrupt => "corrupt",
        }
    }
}

impl fmt::Display for RejectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected input or record.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("record {record}: {code}: {message}")]
pub struct Reject {
    /// 0 for whole-file formats; the 1-based line number for `.jsonl`.
    pub record: u32,
    /// Byte offset of the problem in the input, when it applies.
    pub byte_offset: Option<u64>,
    /// Class of problem.
    pub code: RejectCode,
    /// A reason a person understands, naming what is wrong (and the field).
    pub message: String,
}

impl Reject {
    pub(crate) fn new(code: RejectCode, message: impl Into<String>) -> Reject {
        Reject { record: 0, byte_offset: None, code, message: message.into() }
    }

    pub(crate) fn at(mut self, byte_offset: usize) -> Reject {
        self.byte_offset = Some(byte_offset as u64);
        self
    }

    pub(crate) fn record(mut self, record: u32) -> Reject {
        self.record = record;
        self
    }
}

/// Extensions [`parse`] accepts (`txt`, `md`, `markdown`, `jsonl`, any case,
/// optionally followed by `.gz` or `.zst`); other files are rejected with
/// [`RejectCode::Unsupported`].
pub fn supported_extension(path: &str) -> bool {
    Format::from_path(path).is_some()
}

/// Records of a file to parse (1-based line numbers of a `.jsonl` file, 0
/// for a whole-file format); `None` parses every record.
pub type Wanted<'a> = Option<&'a BTreeSet<u32>>;

/// What every record of one file is parsed with.
pub(crate) struct FileCtx<'a> {
    pub(crate) sidecar: Option<&'a meta::FieldSet>,
    pub(crate) mapping: &'a meta::Mapping,
    pub(crate) rules: &'a SpeakerRules,
    pub(crate) limits: &'a Limits,
}

/// Parses one raw file. Returns exactly one entry for `.txt`/`.md`/`.markdown`
/// files and one per non-blank line for `.jsonl`. Same as [`parse_with`]
/// without speaker rules.
///
/// Metadata precedence: for `.txt` and Markdown, sidecar fields override the
/// front matter field by field (the date range `date`/`date_from`/`date_to`
/// counts as one field); for `.jsonl` the sidecar gives file-wide defaults
/// that each line's own fields override.
pub fn parse(input: &Input<'_>, limits: &Limits) -> Vec<Result<Parsed, Reject>> {
    parse_with(input, limits, &SpeakerRules::default())
}

/// [`parse`] with speaker rules (see [`SpeakerRules`]).
pub fn parse_with(input: &Input<'_>, limits: &Limits, rules: &SpeakerRules) -> Vec<Result<Parsed, Reject>> {
    let mut out = Vec::new();
    parse_each(input, limits, rules, None, &mut |r| out.push(r));
    out
}

/// Parses one raw file record by record, handing each result to `emit` in
/// record order, so a caller keeps only what it needs: a compressed JSONL
/// file is decompressed one line at a time and never held whole. With
/// `wanted`, only those records are parsed (and reading stops after the
/// last of them); a reject about the whole file is emitted regardless.
pub fn parse_each(
    input: &Input<'_>,
    limits: &Limits,
    rules: &SpeakerRules,
    wanted: Wanted<'_>,
    emit: &mut dyn FnMut(Result<Parsed, Reject>),
) {
    let Some(format) = Format::from_path(input.path) else {
        let ext = input.path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let what = if ext.is_empty() || ext.contains('/') {
            "a file without extension".to_string()
        } else {
            format!("extension .{ext}")
        };
        return emit(Err(Reject::new(
            RejectCode::Unsupported,
            format!("{what} is not read by ingest (supported: .txt, .md, .markdown, .jsonl, each also as .gz or .zst)"),
        )));
    };
    let mut sidecar = match input.sidecar.map(meta::parse_sidecar).transpose() {
        Ok(s) => s,
        Err(e) => return emit(Err(e)),
    };
    let mapping = match sidecar.as_mut().map(meta::FieldSet::take_mapping).transpose() {
        Ok(m) => m.unwrap_or_default(),
        Err(e) => return emit(Err(e)),
    };
    if format != Format::Jsonl && !mapping.is_empty() {
        let msg = "sidecar fields speaker_field, title_template, date_from_template and date_to_template apply to .jsonl inputs only";
        return emit(Err(Reject::new(RejectCode::Metadata, msg)));
    }
    let ctx = FileCtx { sidecar: sidecar.as_ref(), mapping: &mapping, rules, limits };
    let decompressed;
    let bytes = match Compression::from_path(input.path) {
        None => input.bytes,
        Some((c, _)) if format == Format::Jsonl => return compressed_jsonl(c, input.bytes, &ctx, wanted, emit),
        Some((c, _)) => match compressed::decompress_all(c, input.bytes, limits.max_document_bytes) {
            Ok(b) => {
                decompressed = b;
                &decompressed
            }
            Err(e) => return emit(Err(e)),
        },
    };
    if format != Format::Jsonl && bytes.len() > limits.max_document_bytes {
        return emit(Err(too_large(bytes.len(), limits)));
    }
    if let Some(kind) = decode::detect_binary(bytes) {
        return emit(Err(Reject::new(RejectCode::Binary, format!("binary content ({kind}), not text"))));
    }
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(e) => return emit(Err(e)),
    };
    if decoded.text.chars().all(char::is_whitespace) {
        let what = if bytes.is_empty() { "the file is empty" } else { "the file holds only whitespace" };
        return emit(Err(Reject::new(RejectCode::Empty, what)));
    }
    match format {
        Format::Jsonl => jsonl::parse_lines(&decoded, &ctx, wanted, emit),
        Format::Txt | Format::Markdown => {
            if wanted.is_none_or(|w| w.contains(&0)) {
                emit(parse_document(&decoded.text, decoded.encoding, decoded.bom_len, format, &ctx));
            }
        }
    }
}

/// A compressed `.jsonl` file, one decompressed line at a time. Lines must
/// be UTF-8 (as JSON text exchanged between systems must be, RFC 8259); a
/// line that is not is an `encoding` reject. Offsets are decompressed.
fn compressed_jsonl(c: Compression, bytes: &[u8], ctx: &FileCtx<'_>, wanted: Wanted<'_>, emit: &mut dyn FnMut(Result<Parsed, Reject>)) {
    let last = wanted.map(|w| w.last().copied().unwrap_or(0));
    let mut encoding = "utf-8";
    let mut any = false;
    let max = ctx.limits.max_document_bytes;
    let result = compressed::for_each_line(c, bytes, max, |line| {
        let mut text = line.bytes;
        let mut offset = line.offset as usize;
        if line.record == 1 {
            if let Some(rest) = text.strip_prefix(b"\xEF\xBB\xBF") {
                (text, offset, encoding) = (rest, offset + 3, "utf-8-bom");
            }
        }
        if last.is_some_and(|l| line.record > l) {
            return false;
        }
        if wanted.is_some_and(|w| !w.contains(&line.record)) || text.iter().all(u8::is_ascii_whitespace) {
            return true;
        }
        any = true;
        let at = |r: Reject| {
            let within = r.byte_offset.map_or(0, |o| o as usize);
            r.record(line.record).at(offset + within)
        };
        if line.too_long {
            let msg = format!("line of {} bytes is over the limit of {max} bytes per document", line.len);
            emit(Err(at(Reject::new(RejectCode::TooLarge, msg))));
            return true;
        }
        match std::str::from_utf8(text) {
            Ok(s) => emit(jsonl::parse_line(s, encoding, line.record, ctx).map_err(at)),
            Err(e) => {
                let msg = format!("line {} is not valid UTF-8 (compressed JSON Lines must be UTF-8)", line.record);
                emit(Err(at(Reject::new(RejectCode::Encoding, msg).at(e.valid_up_to()))));
            }
        }
        true
    });
    match result {
        Err(r) => emit(Err(r)),
        Ok(()) if !any && wanted.is_none() => {
            emit(Err(Reject::new(RejectCode::Empty, format!("the {} file decompresses to no JSON Lines record", c.as_str()))))
        }
        Ok(()) => {}
    }
}

fn too_large(len: usize, limits: &Limits) -> Reject {
    Reject::new(
        RejectCode::TooLarge,
        format!("{len} bytes is over the limit of {} bytes per document", limits.max_document_bytes),
    )
}

/// Byte offset of the start of 1-based line `line` in `text` (lines end at
/// LF, CRLF or a lone CR, as [`normalize`] counts them).
fn line_start(text: &str, line: usize) -> usize {
    let b = text.as_bytes();
    let mut seen = 1;
    let mut i = 0;
    while seen < line && i < b.len() {
        match b[i] {
            b'\n' => seen += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => seen += 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Parses one whole-file document (already decoded; `bom_len` bytes of BOM
/// preceded it, so offsets map back to the input for UTF-8).
fn parse_document(raw: &str, encoding: &'static str, bom_len: usize, format: Format, ctx: &FileCtx<'_>) -> Result<Parsed, Reject> {
    let mut removed = Vec::new();
    let text = normalize::strip_controls(raw, &mut removed);
    let (mut meta_fields, body) = if format == Format::Markdown {
        let (fm, body) = meta::split_front_matter(&text)?;
        let fields = match fm {
            Some(fm) => {
                removed.push(Removed { kind: "front_matter", text: fm.raw.to_string() });
                meta::parse_front_matter(&fm).map_err(|(line, r)| r.at(bom_len + line_start(raw, line)))?
            }
            None => meta::FieldSet::default(),
        };
        (fields, body)
    } else {
        (meta::FieldSet::default(), &text[..])
    };
    if let Some(side) = ctx.sidecar {
        meta_fields.overlay(side);
    }
    let mut meta = meta_fields.into_meta()?;
    let cleaned = match format {
        Format::Markdown => {
            let start = chrome::breadcrumbs(body, &mut meta, &mut removed);
            markdown::clean_into(&body[start..], &mut removed)
        }
        _ => body.to_string(),
    };
    let normal = normalize::normalize_owned(cleaned);
    let mut text = chrome::separate(normal, format, &mut meta, &mut removed);
    if format == Format::Txt {
        if let std::borrow::Cow::Owned(joined) = unwrap::unwrap_lines(&text) {
            text = joined;
        }
    }
    if text.is_empty() {
        return Err(Reject::new(RejectCode::NoText, "no text left after cleaning"));
    }
    meta::fill_source_from_url(&mut meta);
    ctx.rules.apply(&mut meta);
    Ok(Parsed { record: 0, text, meta, format, encoding, removed })
}

/// Test support: one step of a xorshift generator (the same numbers on every run).
#[cfg(test)]
pub(crate) fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Test support: `count` texts made of `pieces`, each of up to `max - 1` pieces
/// drawn with [`xorshift`] from `seed`, every piece followed by `sep`.
#[cfg(test)]
pub(crate) fn piece_texts(pieces: &[&str], sep: &str, seed: u64, count: usize, max: u64) -> Vec<String> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..(state % max) {
                text.push_str(pieces[(xorshift(&mut state) % pieces.len() as u64) as usize]);
                text.push_str(sep);
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(path: &str, bytes: &[u8]) -> Result<Parsed, Reject> {
        let mut v = parse(&Input { path, bytes, sidecar: None }, &Limits::default());
        assert_eq!(v.len(), 1);
        v.pop().unwrap()
    }

    #[test]
    fn supported_extensions_by_case_insensitive_suffix() {
        assert!(supported_extension("a/b.txt"));
        assert!(supported_extension("a/b.MD"));
        assert!(supported_extension("b.markdown"));
        assert!(supported_extension("x.y/b.jsonl"));
        assert!(!supported_extension("b.pdf"));
        assert!(!supported_extension("README"));
        assert!(!supported_extension("dir.md/file"));
    }

    #[test]
    fn unsupported_extension_is_rejected_by_name() {
        let r = one("a/scan.pdf", b"%PDF-1.4").unwrap_err();
        assert_eq!(r.code, RejectCode::Unsupported);
        assert!(r.message.contains(".pdf"), "{}", r.message);
    }

    #[test]
    fn empty_and_whitespace_only_files() {
        assert_eq!(one("a.txt", b"").unwrap_err().code, RejectCode::Empty);
        assert_eq!(one("a.txt", b"  \n\t\r\n ").unwrap_err().code, RejectCode::Empty);
        assert_eq!(one("a.md", "\u{a0}\n".as_bytes()).unwrap_err().code, RejectCode::Empty);
        assert_eq!(one("a.txt", b"\xEF\xBB\xBF").unwrap_err().code, RejectCode::Empty);
    }

    #[test]
    fn front_matter_only_markdown_has_no_text() {
        let r = one("a.md", b"---\ntitle: x\n---\n\n<br>\n").unwrap_err();
        assert_eq!(r.code, RejectCode::NoText);
    }

    #[test]
    fn too_large_documents_are_rejected() {
        let limits = Limits { max_document_bytes: 10 };
        let r = parse(&Input { path: "a.txt", bytes: b"0123456789ab", sidecar: None }, &limits);
        assert_eq!(r[0].as_ref().unwrap_err().code, RejectCode::TooLarge);
        let ok = parse(&Input { path: "a.txt", bytes: b"0123456789", sidecar: None }, &limits);
        assert!(ok[0].is_ok());
    }

    #[test]
    fn binary_inputs_name_their_kind() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let r = one("a.txt", png).unwrap_err();
        assert_eq!(r.code, RejectCode::Binary);
        assert!(r.message.contains("PNG"), "{}", r.message);
        let gz = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00";
        let r = one("a.md", gz).unwrap_err();
        assert!(r.message.contains("gzip"), "{}", r.message);
    }

    #[test]
    fn sidecar_overrides_front_matter() {
        let md = b"---\ntitle: Old\ndate: 2024-01-02\ntags: [a, b]\n---\nBody.\n";
        let side = b"title: New\nsource: Izvestia\ndate_from: 2025-11-17\ndate_to: 2025-12-13\n";
        let out = parse(&Input { path: "a.md", bytes: md, sidecar: Some(side) }, &Limits::default());
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("New"));
        assert_eq!(doc.meta.source.as_deref(), Some("Izvestia"));
        assert_eq!(doc.meta.date_from.unwrap().to_string(), "2025-11-17");
        assert_eq!(doc.meta.date_to.unwrap().to_string(), "2025-12-13");
        assert_eq!(doc.meta.tags, vec!["a", "b"]);
    }

    #[test]
    fn invalid_sidecar_is_a_metadata_reject() {
        let out = parse(&Input { path: "a.txt", bytes: b"x", sidecar: Some(b"title: [unclosed\n") }, &Limits::default());
        let r = out[0].as_ref().unwrap_err();
        assert_eq!(r.code, RejectCode::Metadata);
        assert!(r.message.contains("sidecar"), "{}", r.message);
    }

    #[test]
    fn same_text_with_different_whitespace_normalises_equal() {
        let a = one("a.txt", b"Bogota recalled its ambassador.  \r\nMoscow replied.\r\n\r\n\r\n\r\nEnd.\r\n").unwrap();
        let b = one("b.txt", b"\n\nBogota recalled its ambassador.\nMoscow replied.\n\nEnd.").unwrap();
        assert_eq!(a.text, b.text);
    }

    #[test]
    fn encodings_are_decoded_and_recorded() {
        let latin1 = one("a.txt", b"Bogot\xe1 and S\xe3o Paulo \x96 caf\xe9").unwrap();
        assert_eq!((latin1.text.as_str(), latin1.encoding), ("Bogotá and São Paulo – café", "windows-1252"));
        let bom = one("a.md", b"\xEF\xBB\xBF# Kyiv\r\n\r\nText\r\n").unwrap();
        assert_eq!((bom.text.as_str(), bom.encoding), ("Kyiv\n\nText", "utf-8-bom"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Quito\r\nLima".encode_utf16().flat_map(u16::to_le_bytes));
        let d = one("a.txt", &utf16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Quito\nLima", "utf-16le-bom"));
    }

    #[test]
    fn crlf_lone_cr_and_nul_bytes() {
        let d = one("a.txt", b"One\r\nTwo\rThree\0\0 four\x0c").unwrap();
        assert_eq!(d.text, "One\nTwo\nThree four");
        let kinds: Vec<_> = d.removed.iter().map(|r| (r.kind, r.text.as_str())).collect();
        assert_eq!(kinds, vec![("control_char", "\0\0"), ("control_char", "\x0c")]);
    }

    #[test]
    fn megabyte_line_without_punctuation() {
        let line = "word ".repeat(200_000);
        let d = one("a.md", line.as_bytes()).unwrap();
        assert_eq!(d.text.len(), line.len() - 1);
        assert_eq!(one("a.txt", line.as_bytes()).unwrap().text, d.text);
    }

    #[test]
    fn metadata_rejects_name_the_field() {
        let r = one("a.md", b"---\ntitle: [1, 2]\n---\nBody\n").unwrap_err();
        assert_eq!(r.code, RejectCode::Metadata);
        assert!(r.message.contains("front matter field `title`"), "{}", r.message);
        let r = one("a.md", b"---\ndate: 2025-13-45\n---\nBody\n").unwrap_err();
        assert!(r.message.contains("2025-13-45"), "{}", r.message);
        let r = one("a.md", b"---\r\ntitle: ok\r\nurl: [open\r\n---\r\nBody\r\n").unwrap_err();
        assert_eq!(r.code, RejectCode::FrontMatter);
        assert!(r.message.contains("line 4"), "{}", r.message);
        // Line 4 starts at byte 5 + 11 + 12 = 28 of the CRLF input.
        assert_eq!(r.byte_offset, Some(28));
        let out = parse(&Input { path: "a.txt", bytes: b"x", sidecar: Some(b"date: 2025-02-30\n") }, &Limits::default());
        assert!(out[0].as_ref().unwrap_err().message.starts_with("sidecar field `date`"));
        // No date at all is fine.
        assert_eq!(one("a.md", b"---\ntitle: t\n---\nBody\n").unwrap().meta.date_from, None);
    }

    #[test]
    fn markdown_breadcrumbs_before_the_title_heading() {
        let md = "---\ntitle: Talks resume in Oslo\n---\n\n-   [News](/news)\n-   Europe\n\n# Talks resume in Oslo\n\nBody *text*.\n";
        let d = one("a.md", md.as_bytes()).unwrap();
        assert_eq!(d.text, "Talks resume in Oslo\n\nBody text.");
        assert_eq!(d.removed[1], Removed { kind: "site_chrome", text: "-   [News](/news)\n-   Europe".into() });
        // A list that is not followed by the title stays.
        let md = "---\ntitle: Other\n---\n- one\n- two\n\n# Heading\n";
        assert_eq!(one("a.md", md.as_bytes()).unwrap().text, "one\ntwo\n\nHeading");
    }

    #[test]
    fn txt_keeps_line_structure() {
        let d = one("a.txt", b"Title\nFirst paragraph.\nSecond paragraph.\n").unwrap();
        assert_eq!(d.text, "Title\nFirst paragraph.\nSecond paragraph.");
        assert_eq!(d.format, Format::Txt);
        assert_eq!(d.encoding, "utf-8");
    }
}
