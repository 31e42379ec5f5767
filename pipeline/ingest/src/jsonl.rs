//! `.jsonl` input: one article per line, a JSON object with a `"text"`
//! field and optional metadata fields (`title`, `url`, `source`,
//! `source_kind`, `speaker`, `date` or `date_from`/`date_to`, `language`,
//! `translated_from`, `translation_note`, `tags`). A sidecar can map other
//! fields of each line to the speaker, title and dates (see
//! `meta::Mapping`). The text is treated as plain text (normalised,
//! trailing chrome separated, hard wrapping undone). A bad line is a
//! reject carrying its line number and byte offset; the other lines still
//! parse. Blank lines are skipped.
//!
//! ```text
//! {"text": "Bogota recalled its ambassador.", "title": "Recall", "date": "2025-10-20"}
//! ```
//!
//! Byte offsets are offsets into the input file for UTF-8 input (with or
//! without BOM); for UTF-16 or Windows-1252 input they are offsets into the
//! decoded UTF-8 text.

use crate::decode::Decoded;
use crate::meta::{self, FieldSet};
use crate::{chrome, normalize, FileCtx, Format, Parsed, Reject, RejectCode, Wanted};

/// Parses every non-blank line of a decoded `.jsonl` file (only the
/// `wanted` records, when given), handing each result to `emit`.
pub(crate) fn parse_lines(decoded: &Decoded<'_>, ctx: &FileCtx<'_>, wanted: Wanted<'_>, emit: &mut dyn FnMut(Result<Parsed, Reject>)) {
    let mut pos = 0usize;
    let text: &str = &decoded.text;
    let last = wanted.map(|w| w.last().copied().unwrap_or(0));
    for (i, line) in text.split('\n').enumerate() {
        let line_start = pos;
        pos += line.len() + 1;
        let record = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if last.is_some_and(|l| record > l) {
            break;
        }
        if wanted.is_some_and(|w| !w.contains(&record)) || line.trim().is_empty() {
            continue;
        }
        let offset = decoded.bom_len + line_start;
        let result = parse_line(line, decoded.encoding, record, ctx).map_err(|e| {
            let at = e.byte_offset.map_or(offset, |o| offset + o as usize);
            e.record(record).at(at)
        });
        emit(result);
    }
}

/// Parses one line (`record` is its 1-based number); a reject's offset is
/// within the line.
pub(crate) fn parse_line(line: &str, encoding: &'static str, record: u32, ctx: &FileCtx<'_>) -> Result<Parsed, Reject> {
    let limits = ctx.limits;
    if line.len() > limits.max_document_bytes {
        return Err(Reject::new(
            RejectCode::TooLarge,
            format!("line of {} bytes is over the limit of {} bytes per document", line.len(), limits.max_document_bytes),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        // serde_json columns are 1-based byte columns within the line.
        let col = e.column().saturating_sub(1);
        let col = (0..=col.min(line.len())).rev().find(|&c| line.is_char_boundary(c)).unwrap_or(0);
        // serde_json appends " at line 1 column N" (of this one line): say it once.
        let what = e.to_string();
        let what = what.rsplit_once(" at line ").map_or(what.as_str(), |(w, _)| w);
        Reject::new(RejectCode::Json, format!("line {record} is not valid JSON at column {}: {what}", e.column())).at(col)
    })?;
    let serde_json::Value::Object(obj) = value else {
        return Err(Reject::new(RejectCode::Json, format!("line {record} is JSON but not an object with a \"text\" field")));
    };
    let raw_text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.as_str(),
        None | Some(serde_json::Value::Null) => {
            return Err(Reject::new(RejectCode::NoText, format!("line {record} has no \"text\" field")));
        }
        Some(other) => {
            return Err(Reject::new(
                RejectCode::Metadata,
                format!("JSON field `text` must be text, found {other}"),
            ));
        }
    };
    let mut fields = ctx.sidecar.cloned().unwrap_or_default();
    // A field of the line as text (a number as written), for the mapping.
    let value_of = |name: &str| match obj.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mapping = ctx.mapping;
    if !mapping.is_empty() {
        let mut mapped = FieldSet::default();
        if let Some(v) = mapping.speaker_field.as_deref().and_then(value_of) {
            mapped.insert_mapped("speaker", v, "mapped JSON");
        }
        for (name, template) in [("date_from", &mapping.date_from_template), ("date_to", &mapping.date_to_template)] {
            if let Some(t) = template {
                let what = if name == "date_from" { "date_from_template" } else { "date_to_template" };
                mapped.insert_mapped(name, meta::render(t, what, value_of)?, "mapped JSON");
            }
        }
        fields.overlay(&mapped);
    }
    fields.overlay(&meta::from_json(&obj));
    let mut meta = fields.into_meta()?;
    meta::fill_source_from_url(&mut meta);
    ctx.rules.apply(&mut meta);
    if let (Some(t), false) = (&mapping.title_template, obj.contains_key("title")) {
        let speaker = meta.speaker.clone();
        let title = meta::render(t, "title_template", |name| match name {
            "speaker" => speaker.clone(),
            "speaker_name" => speaker.as_deref().map(|s| ctx.rules.name(s).unwrap_or(s).to_string()),
            _ => value_of(name),
        })?;
        meta.title = meta::clean_value(&title);
    }
    let mut removed = Vec::new();
    let stripped = normalize::strip_controls(raw_text, &mut removed);
    let normal = normalize::normalize_text(&stripped);
    let mut text = chrome::separate(normal, Format::Jsonl, &mut meta, &mut removed);
    if let std::borrow::Cow::Owned(joined) = crate::unwrap::unwrap_lines(&text) {
        text = joined;
    }
    if text.is_empty() {
        return Err(Reject::new(RejectCode::Empty, format!("line {record} has an empty \"text\" field")));
    }
    Ok(Parsed { record, text, meta, format: Format::Jsonl, encoding, removed })
}

#[cfg(test)]
mod tests {
    use crate::{parse, Input, Limits, RejectCode};

    #[test]
    fn good_and_bad_lines_are_independent() {
        let data = b"{\"text\": \"One.\", \"title\": \"T1\", \"date\": \"2025-10-16\"}\n\n{\"text\": oops}\n{\"text\": \"Three.\\r\\nLine.\", \"tags\": [\"a\"]}\n[1]\n{\"title\": \"no text\"}\n{\"text\": \"x\", \"date\": \"2025-02-30\"}\n";
        let out = parse(&Input { path: "a.jsonl", bytes: data, sidecar: None }, &Limits::default());
        assert_eq!(out.len(), 6);
        let d1 = out[0].as_ref().unwrap();
        assert_eq!((d1.record, d1.text.as_str(), d1.meta.title.as_deref()), (1, "One.", Some("T1")));
        let bad = out[1].as_ref().unwrap_err();
        assert_eq!((bad.record, bad.code), (3, RejectCode::Json));
        // Line 3 starts at byte 55 (line 1 is 53 bytes + newline, line 2 is blank); "oops" is at column 10.
        assert_eq!(bad.byte_offset, Some(55 + 9));
        let d4 = out[2].as_ref().unwrap();
        assert_eq!((d4.record, d4.text.as_str()), (4, "Three.\nLine."));
        assert_eq!(d4.meta.tags, vec!["a"]);
        assert_eq!(out[3].as_ref().unwrap_err().code, RejectCode::Json);
        assert_eq!(out[4].as_ref().unwrap_err().code, RejectCode::NoText);
        let r = out[5].as_ref().unwrap_err();
        assert_eq!((r.record, r.code), (7, RejectCode::Metadata));
        assert!(r.message.contains("2025-02-30"), "{}", r.message);
    }

    #[test]
    fn crlf_lines_and_bom_offsets() {
        let data = b"\xEF\xBB\xBF{\"text\": \"A.\"}\r\n\r\n{bad}\r\n";
        let out = parse(&Input { path: "a.jsonl", bytes: data, sidecar: None }, &Limits::default());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap().encoding, "utf-8-bom");
        let bad = out[1].as_ref().unwrap_err();
        // Line 3 starts at BOM (3) + line 1 (14 + CRLF) + blank CRLF = 21; "b" is its second byte.
        assert_eq!((bad.record, bad.byte_offset), (3, Some(22)));
    }

    #[test]
    fn line_fields_override_sidecar_defaults() {
        let data = b"{\"text\": \"A.\"}\n{\"text\": \"B.\", \"source\": \"Own\"}\n";
        let side = b"source: Wire\nsource_kind: news\n";
        let out = parse(&Input { path: "a.jsonl", bytes: data, sidecar: Some(side) }, &Limits::default());
        assert_eq!(out[0].as_ref().unwrap().meta.source.as_deref(), Some("Wire"));
        let b = out[1].as_ref().unwrap();
        assert_eq!((b.meta.source.as_deref(), b.meta.source_kind.as_deref()), (Some("Own"), Some("news")));
    }

    #[test]
    fn oversized_line_is_rejected_alone() {
        let data = b"{\"text\": \"short\"}\n{\"text\": \"this one is much too long\"}\n";
        let out = parse(&Input { path: "a.jsonl", bytes: data, sidecar: None }, &Limits { max_document_bytes: 20 });
        assert!(out[0].is_ok());
        assert_eq!(out[1].as_ref().unwrap_err().code, RejectCode::TooLarge);
    }
}
