//! Row types of the published tables and their conversion to and from
//! Arrow record batches. Column order and types follow `schemas/`; the
//! conversion is checked against the schema by the writer.

use crate::schema::{SchemaError, TableSchema};
use arrow::array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, Int8Array, ListArray,
    ListBuilder, RecordBatch, StringArray, StringBuilder,
};
use orbita_text::Date;
use std::sync::Arc;

// The string columns are built with their buffers sized exactly (a first
// pass over the iterator adds up the bytes): no buffer grows and is copied
// while the values are appended, which for the text columns is most of the
// batch.
fn strs<'a>(it: impl Iterator<Item = &'a str> + Clone) -> ArrayRef {
    let (n, bytes) = it.clone().fold((0, 0), |(n, bytes), s| (n + 1, bytes + s.len()));
    let mut b = StringBuilder::with_capacity(n, bytes);
    for s in it {
        b.append_value(s);
    }
    Arc::new(b.finish())
}
fn opt_strs<'a>(it: impl Iterator<Item = Option<&'a str>> + Clone) -> ArrayRef {
    let (n, bytes) = it.clone().fold((0, 0), |(n, bytes), s| (n + 1, bytes + s.map_or(0, str::len)));
    let mut b = StringBuilder::with_capacity(n, bytes);
    for s in it {
        b.append_option(s);
    }
    Arc::new(b.finish())
}
fn i32s(it: impl Iterator<Item = i32>) -> ArrayRef {
    Arc::new(Int32Array::from_iter_values(it))
}
fn opt_i32s(it: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    Arc::new(it.collect::<Int32Array>())
}
fn opt_i64s(it: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(it.collect::<Int64Array>())
}
fn i8s(it: impl Iterator<Item = i8>) -> ArrayRef {
    Arc::new(Int8Array::from_iter_values(it))
}
fn f64s(it: impl Iterator<Item = f64>) -> ArrayRef {
    Arc::new(Float64Array::from_iter_values(it))
}
fn bools(it: impl Iterator<Item = bool>) -> ArrayRef {
    Arc::new(it.map(Some).collect::<BooleanArray>())
}
fn dates(it: impl Iterator<Item = Option<Date>>) -> ArrayRef {
    Arc::new(it.map(|d| d.map(|d| d.days_since_epoch())).collect::<Date32Array>())
}
fn lists<'a>(it: impl Iterator<Item = &'a [String]> + Clone) -> ArrayRef {
    let (n, items, bytes) =
        it.clone().fold((0, 0, 0), |(n, items, bytes), l| (n + 1, items + l.len(), bytes + l.iter().map(String::len).sum::<usize>()));
    let mut b = ListBuilder::with_capacity(StringBuilder::with_capacity(items, bytes), n);
    for items in it {
        for s in items {
            b.values().append_value(s);
        }
        b.append(true);
    }
    Arc::new(b.finish())
}

fn batch(table: &str, columns: Vec<ArrayRef>) -> Result<RecordBatch, SchemaError> {
    let schema = TableSchema::get(table)?;
    RecordBatch::try_new(schema.arrow(), columns)
        .map_err(|e| SchemaError::Mismatch { table: table.to_string(), difference: e.to_string() })
}

/// A row of `documents`.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRow {
    /// Content hash of the text.
    pub doc_id: String,
    /// First input path.
    pub path: String,
    /// Record within the input.
    pub record: i32,
    /// Input format.
    pub format: String,
    /// Decoding applied.
    pub encoding: String,
    /// Title.
    pub title: Option<String>,
    /// Original address.
    pub url: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Kind of source.
    pub source_kind: Option<String>,
    /// Whose statement it is (ISO 3166 alpha-3 or a bloc id).
    pub speaker: Option<String>,
    /// Earliest publication date.
    pub date_from: Option<Date>,
    /// Latest publication date.
    pub date_to: Option<Date>,
    /// Language.
    pub language: Option<String>,
    /// Original language of a translation.
    pub translated_from: Option<String>,
    /// Translation note.
    pub translation_note: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Normalised text.
    pub text: String,
    /// Characters in text.
    pub chars: i32,
    /// SHA-256 of the input file.
    pub raw_sha256: String,
    /// Other inputs with the same text.
    pub duplicates: i32,
    /// Those inputs.
    pub duplicate_inputs: Vec<String>,
    /// What ingest removed.
    pub removed: Vec<String>,
}

/// Builds the `documents` batch.
pub fn documents_batch(rows: &[DocumentRow]) -> Result<RecordBatch, SchemaError> {
    batch(
        "documents",
        vec![
            strs(rows.iter().map(|r| r.doc_id.as_str())),
            strs(rows.iter().map(|r| r.path.as_str())),
            i32s(rows.iter().map(|r| r.record)),
            strs(rows.iter().map(|r| r.format.as_str())),
            strs(rows.iter().map(|r| r.encoding.as_str())),
            opt_strs(rows.iter().map(|r| r.title.as_deref())),
            opt_strs(rows.iter().map(|r| r.url.as_deref())),
            opt_strs(rows.iter().map(|r| r.source.as_deref())),
            opt_strs(rows.iter().map(|r| r.source_kind.as_deref())),
            opt_strs(rows.iter().map(|r| r.speaker.as_deref())),
            dates(rows.iter().map(|r| r.date_from)),
            dates(rows.iter().map(|r| r.date_to)),
            opt_strs(rows.iter().map(|r| r.language.as_deref())),
            opt_strs(rows.iter().map(|r| r.translated_from.as_deref())),
            opt_strs(rows.iter().map(|r| r.translation_note.as_deref())),
            lists(rows.iter().map(|r| r.tags.as_slice())),
            strs(rows.iter().map(|r| r.text.as_str())),
            i32s(rows.iter().map(|r| r.chars)),
            strs(rows.iter().map(|r| r.raw_sha256.as_str())),
            i32s(rows.iter().map(|r| r.duplicates)),
            lists(rows.iter().map(|r| r.duplicate_inputs.as_slice())),
            lists(rows.iter().map(|r| r.removed.as_slice())),
        ],
    )
}

/// A row of `rejects`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RejectRow {
    /// Input path.
    pub path: String,
    /// Record within the input.
    pub record: i32,
    /// Byte offset of the problem.
    pub byte_offset: Option<i64>,
    /// Reason class.
    pub code: String,
    /// Reason in words.
    pub reason: String,
    /// SHA-256 of the file.
    pub raw_sha256: Option<String>,
    /// File size.
    pub bytes: Option<i64>,
}

/// Builds the `rejects` batch.
pub fn rejects_batch(rows: &[RejectRow]) -> Result<RecordBatch, SchemaError> {
    batch(
        "rejects",
        vec![
            strs(rows.iter().map(|r| r.path.as_str())),
            i32s(rows.iter().map(|r| r.record)),
            opt_i64s(rows.iter().map(|r| r.byte_offset)),
            strs(rows.iter().map(|r| r.code.as_str())),
            strs(rows.iter().map(|r| r.reason.as_str())),
            opt_strs(rows.iter().map(|r| r.raw_sha256.as_deref())),
            opt_i64s(rows.iter().map(|r| r.bytes)),
        ],
    )
}

/// A row of `sentences`.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceRow {
    /// Document.
    pub doc_id: String,
    /// Index in the document.
    pub sentence: i32,
    /// Start character offset.
    pub start: i32,
    /// End character offset.
    pub end: i32,
    /// The sentence text.
    pub text: String,
}

/// Builds the `sentences` batch.
pub fn sentences_batch(rows: &[SentenceRow]) -> Result<RecordBatch, SchemaError> {
    batch(
        "sentences",
        vec![
            strs(rows.iter().map(|r| r.doc_id.as_str())),
            i32s(rows.iter().map(|r| r.sentence)),
            i32s(rows.iter().map(|r| r.start)),
            i32s(rows.iter().map(|r| r.end)),
            strs(rows.iter().map(|r| r.text.as_str())),
        ],
    )
}

/// A sentence as the build runner holds it: the character offsets the table
/// records, and the byte range of its text in the document, which
/// [`sentences_batch_of`] copies straight into the batch (no string per row).
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceSpan {
    /// Start character offset.
    pub start: i32,
    /// End character offset.
    pub end: i32,
    /// Byte range of the sentence in the document text.
    pub bytes: std::ops::Range<usize>,
}

/// Builds the `sentences` batch from documents in order, each given as
/// (doc_id, text, its sentences): the batch [`sentences_batch`] builds from
/// the same sentences as rows, with the text columns allocated once.
pub fn sentences_batch_of<'a, I>(docs: I) -> Result<RecordBatch, SchemaError>
where
    I: Iterator<Item = (&'a str, &'a str, &'a [SentenceSpan])> + Clone,
{
    let (mut n, mut id_bytes, mut text_bytes) = (0, 0, 0);
    for (id, _, spans) in docs.clone() {
        n += spans.len();
        id_bytes += id.len() * spans.len();
        text_bytes += spans.iter().map(|s| s.bytes.len()).sum::<usize>();
    }
    let mut ids = StringBuilder::with_capacity(n, id_bytes);
    let mut texts = StringBuilder::with_capacity(n, text_bytes);
    let (mut index, mut starts, mut ends) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for (id, text, spans) in docs {
        for (i, s) in spans.iter().enumerate() {
            ids.append_value(id);
            index.push(i as i32);
            starts.push(s.start);
            ends.push(s.end);
            texts.append_value(&text[s.bytes.clone()]);
        }
    }
    batch(
        "sentences",
        vec![
            Arc::new(ids.finish()),
            Arc::new(Int32Array::from(index)),
            Arc::new(Int32Array::from(starts)),
            Arc::new(Int32Array::from(ends)),
            Arc::new(texts.finish()),
        ],
    )
}

/// A row of `mentions`.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionRow {
    /// Document.
    pub doc_id: String,
    /// Index in the document.
    pub mention: i32,
    /// Sentence index.
    pub sentence: i32,
    /// Start character offset.
    pub start: i32,
    /// End character offset.
    pub end: i32,
    /// Text as written.
    pub surface: String,
    /// Canonical id.
    pub entity_id: String,
    /// Entity kind.
    pub kind: String,
    /// ISO alpha-3 the entity stands for.
    pub country: Option<String>,
    /// Link method.
    pub method: String,
    /// Link confidence.
    pub confidence: f64,
}

/// Builds the `mentions` batch.
pub fn mentions_batch(rows: &[MentionRow]) -> Result<RecordBatch, SchemaError> {
    batch(
        "mentions",
        vec![
            strs(rows.iter().map(|r| r.doc_id.as_str())),
            i32s(rows.iter().map(|r| r.mention)),
            i32s(rows.iter().map(|r| r.sentence)),
            i32s(rows.iter().map(|r| r.start)),
            i32s(rows.iter().map(|r| r.end)),
            strs(rows.iter().map(|r| r.surface.as_str())),
            strs(rows.iter().map(|r| r.entity_id.as_str())),
            strs(rows.iter().map(|r| r.kind.as_str())),
            opt_strs(rows.iter().map(|r| r.country.as_deref())),
            strs(rows.iter().map(|r| r.method.as_str())),
            f64s(rows.iter().map(|r| r.confidence)),
        ],
    )
}

/// Builds the `mentions` batch from documents in order, each given as
/// (doc_id, its mentions as the linker gave them, their character offsets):
/// the batch [`mentions_batch`] builds from the same mentions as
/// [`MentionRow`]s, without a row (and its six strings) per mention.
pub fn mentions_batch_of<'a, I>(docs: I) -> Result<RecordBatch, SchemaError>
where
    I: Iterator<Item = (&'a str, &'a [orbita_text::Mention], &'a [(i32, i32)])> + Clone,
{
    let rows = || docs.clone().flat_map(|(id, ms, offsets)| ms.iter().zip(offsets).enumerate().map(move |(i, (m, o))| (id, i, m, o)));
    batch(
        "mentions",
        vec![
            strs(rows().map(|(id, ..)| id)),
            i32s(rows().map(|(_, i, ..)| i as i32)),
            i32s(rows().map(|(_, _, m, _)| m.sentence as i32)),
            i32s(rows().map(|(.., o)| o.0)),
            i32s(rows().map(|(.., o)| o.1)),
            strs(rows().map(|(_, _, m, _)| m.surface.as_str())),
            strs(rows().map(|(_, _, m, _)| m.entity_id.as_str())),
            strs(rows().map(|(_, _, m, _)| m.kind.as_str())),
            opt_strs(rows().map(|(_, _, m, _)| m.country.as_deref())),
            strs(rows().map(|(_, _, m, _)| m.method.as_str())),
            f64s(rows().map(|(_, _, m, _)| m.confidence)),
        ],
    )
}

/// A row of `stances`.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceRow {
    /// Document.
    pub doc_id: String,
    /// Sentence index.
    pub sentence: i32,
    /// Index within the sentence.
    pub stance: i32,
    /// Who takes the stance.
    pub actor: String,
    /// Toward whom.
    pub target: String,
    /// Ordinal label.
    pub label: i8,
    /// label × confidence.
    pub score: f64,
    /// Confidence.
    pub confidence: f64,
    /// Cue phrase.
    pub cue: String,
    /// Negated cue.
    pub negated: bool,
    /// Hedged cue.
    pub hedged: bool,
    /// First year.
    pub year_from: Option<i32>,
    /// Last year.
    pub year_to: Option<i32>,
    /// Attributed source.
    pub attributed_to: Option<String>,
    /// Evidence start character offset.
    pub evidence_start: i32,
    /// Evidence end character offset.
    pub evidence_end: i32,
    /// Actor mention index.
    pub actor_mention: Option<i32>,
    /// Target mention index.
    pub target_mention: Option<i32>,
    /// How the actor was found: `named`, `anaphor` or `speaker`.
    pub actor_via: String,
    /// Labeller name.
    pub labeller: String,
    /// Labeller version.
    pub labeller_version: i32,
}

/// Builds the `stances` batch.
pub fn stances_batch(rows: &[StanceRow]) -> Result<RecordBatch, SchemaError> {
    batch(
        "stances",
        vec![
            strs(rows.iter().map(|r| r.doc_id.as_str())),
            i32s(rows.iter().map(|r| r.sentence)),
            i32s(rows.iter().map(|r| r.stance)),
            strs(rows.iter().map(|r| r.actor.as_str())),
            strs(rows.iter().map(|r| r.target.as_str())),
            i8s(rows.iter().map(|r| r.label)),
            f64s(rows.iter().map(|r| r.score)),
            f64s(rows.iter().map(|r| r.confidence)),
            strs(rows.iter().map(|r| r.cue.as_str())),
            bools(rows.iter().map(|r| r.negated)),
            bools(rows.iter().map(|r| r.hedged)),
            opt_i32s(rows.iter().map(|r| r.year_from)),
            opt_i32s(rows.iter().map(|r| r.year_to)),
            opt_strs(rows.iter().map(|r| r.attributed_to.as_deref())),
            i32s(rows.iter().map(|r| r.evidence_start)),
            i32s(rows.iter().map(|r| r.evidence_end)),
            opt_i32s(rows.iter().map(|r| r.actor_mention)),
            opt_i32s(rows.iter().map(|r| r.target_mention)),
            strs(rows.iter().map(|r| r.actor_via.as_str())),
            strs(rows.iter().map(|r| r.labeller.as_str())),
            i32s(rows.iter().map(|r| r.labeller_version)),
        ],
    )
}

/// Builds the `alignment` batch from the aggregate's rows (evidence
/// references become "doc_id:sentence").
pub fn alignment_batch(rows: &[orbita_aggregate::AlignmentRow]) -> Result<RecordBatch, SchemaError> {
    let evidence: Vec<Vec<String>> =
        rows.iter().map(|r| r.evidence.iter().map(|(d, s)| format!("{d}:{s}")).collect()).collect();
    let mut cols = vec![
        strs(rows.iter().map(|r| r.country.as_str())),
        strs(rows.iter().map(|r| r.target.as_str())),
        strs(rows.iter().map(|r| r.period.as_str())),
        strs(rows.iter().map(|r| r.perspective.as_str())),
        opt_i32s(rows.iter().map(|r| r.year)),
        f64s(rows.iter().map(|r| r.score)),
        f64s(rows.iter().map(|r| r.score_low)),
        f64s(rows.iter().map(|r| r.score_high)),
        i8s(rows.iter().map(|r| r.label)),
        i32s(rows.iter().map(|r| r.stances as i32)),
        i32s(rows.iter().map(|r| r.documents as i32)),
        i32s(rows.iter().map(|r| r.sources as i32)),
        i32s(rows.iter().map(|r| r.indirect as i32)),
    ];
    for i in 0..5 {
        cols.push(i32s(rows.iter().map(|r| r.counts[i] as i32)));
    }
    cols.push(lists(evidence.iter().map(Vec::as_slice)));
    batch("alignment", cols)
}

/// Typed access to a column of a batch read back from a table.
pub struct Columns<'a> {
    batch: &'a RecordBatch,
    table: &'a str,
}

impl<'a> Columns<'a> {
    /// Wraps a batch of `table`.
    pub fn new(table: &'a str, batch: &'a RecordBatch) -> Self {
        Columns { batch, table }
    }

    fn col<T: 'static>(&self, name: &str) -> Result<&'a T, SchemaError> {
        let c = self.batch.column_by_name(name).ok_or_else(|| SchemaError::Mismatch {
            table: self.table.to_string(),
            difference: format!("field {name:?} is missing"),
        })?;
        c.as_any().downcast_ref::<T>().ok_or_else(|| SchemaError::Mismatch {
            table: self.table.to_string(),
            difference: format!("field {name:?} has type {}", c.data_type()),
        })
    }

    /// A string column.
    pub fn str(&self, name: &str) -> Result<&'a StringArray, SchemaError> {
        self.col(name)
    }
    /// An int32 column.
    pub fn i32(&self, name: &str) -> Result<&'a Int32Array, SchemaError> {
        self.col(name)
    }
    /// An int8 column.
    pub fn i8(&self, name: &str) -> Result<&'a Int8Array, SchemaError> {
        self.col(name)
    }
    /// A float64 column.
    pub fn f64(&self, name: &str) -> Result<&'a Float64Array, SchemaError> {
        self.col(name)
    }
    /// A boolean column.
    pub fn bool(&self, name: &str) -> Result<&'a BooleanArray, SchemaError> {
        self.col(name)
    }
    /// A date column.
    pub fn date(&self, name: &str) -> Result<&'a Date32Array, SchemaError> {
        self.col(name)
    }
    /// Row `i`'s document date: `date_from`, else `date_to`, else none (the
    /// date the language stages and the aggregate place a document at).
    pub fn document_date(&self, i: usize) -> Result<Option<Date>, SchemaError> {
        let (from, to) = (self.date("date_from")?, self.date("date_to")?);
        Ok(if !from.is_null(i) {
            Some(Date::from_days_since_epoch(from.value(i)))
        } else if !to.is_null(i) {
            Some(Date::from_days_since_epoch(to.value(i)))
        } else {
            None
        })
    }
    /// Row `i`'s `speaker` (documents): who speaks, if known.
    pub fn document_speaker(&self, i: usize) -> Result<Option<&'a str>, SchemaError> {
        let c = self.str("speaker")?;
        Ok((!c.is_null(i)).then(|| c.value(i)))
    }
    /// A list<string> column.
    pub fn list(&self, name: &str) -> Result<&'a ListArray, SchemaError> {
        self.col(name)
    }
}

/// The strings of row `i` of a list<string> column.
pub fn list_strings(list: &ListArray, i: usize) -> Vec<String> {
    let values = list.value(i);
    let values = values.as_any().downcast_ref::<StringArray>().expect("list<string> values are strings");
    (0..values.len()).map(|j| values.value(j).to_string()).collect()
}

/// Optional string value.
pub fn opt_str(a: &StringArray, i: usize) -> Option<String> {
    (!a.is_null(i)).then(|| a.value(i).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The exactly sized string, optional string and list columns equal the arrays
    // arrow builds from the same values growing its buffers, with empty strings,
    // nulls, text outside ASCII and no rows at all.
    #[test]
    fn sized_columns_equal_arrow_built_arrays() {
        let values = ["Bogotá", "", "NATO", "Статьи — 。"];
        let opts = [Some("a"), None, Some(""), Some("é"), None];
        let lens: Vec<Vec<String>> = vec![vec!["x".into(), "".into()], vec![], vec!["ñ".into()]];
        for n in 0..=values.len() {
            let want: ArrayRef = Arc::new(StringArray::from_iter_values(&values[..n]));
            assert_eq!(&strs(values[..n].iter().copied()), &want);
            let want: ArrayRef = Arc::new(opts[..n].iter().copied().collect::<StringArray>());
            assert_eq!(&opt_strs(opts[..n].iter().copied()), &want);
        }
        let mut grown = ListBuilder::new(StringBuilder::new());
        for l in &lens {
            for s in l {
                grown.values().append_value(s);
            }
            grown.append(true);
        }
        let want: ArrayRef = Arc::new(grown.finish());
        assert_eq!(&lists(lens.iter().map(Vec::as_slice)), &want);
    }

    // The build runner's span path gives the batch the row path gives, including
    // documents without sentences and text outside ASCII.
    #[test]
    fn sentence_spans_build_the_batch_rows_build() {
        let docs = [("00000000000000aa", "Hé. Bogotá rompe. Fin"), ("00000000000000bb", ""), ("00000000000000cc", "One.")];
        let spans: Vec<Vec<SentenceSpan>> = vec![
            vec![
                SentenceSpan { start: 0, end: 3, bytes: 0..4 },
                SentenceSpan { start: 4, end: 17, bytes: 5..19 },
                SentenceSpan { start: 18, end: 21, bytes: 20..23 },
            ],
            vec![],
            vec![SentenceSpan { start: 0, end: 4, bytes: 0..4 }],
        ];
        let rows: Vec<SentenceRow> = docs
            .iter()
            .zip(&spans)
            .flat_map(|((id, text), ss)| {
                ss.iter().enumerate().map(|(i, s)| SentenceRow {
                    doc_id: id.to_string(),
                    sentence: i as i32,
                    start: s.start,
                    end: s.end,
                    text: text[s.bytes.clone()].to_string(),
                })
            })
            .collect();
        let of = sentences_batch_of(docs.iter().zip(&spans).map(|((id, text), ss)| (*id, *text, ss.as_slice()))).unwrap();
        assert_eq!(of, sentences_batch(&rows).unwrap());
        assert_eq!(of.num_rows(), 4);
        let text = of.column(4).as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(text.value(1), "Bogotá rompe.");
    }

    // The build runner's mention path gives the batch the row path gives, across
    // documents (indices restart), a document without mentions and a null country.
    #[test]
    fn mentions_as_linked_build_the_batch_rows_build() {
        use orbita_text::{EntityKind, LinkMethod, Mention};
        let m = |sentence: usize, surface: &str, id: &str, kind: EntityKind, country: Option<&str>, method: LinkMethod, confidence: f64| Mention {
            sentence,
            span: 0..surface.len(),
            surface: surface.to_string(),
            entity_id: id.to_string(),
            kind,
            country: country.map(str::to_string),
            method,
            confidence,
        };
        // (doc_id, mentions, their character offsets)
        type Doc = (&'static str, Vec<Mention>, Vec<(i32, i32)>);
        let docs: Vec<Doc> = vec![
            (
                "00000000000000aa",
                vec![
                    m(0, "Bogotá", "COL", EntityKind::Capital, Some("COL"), LinkMethod::Exact, 0.9),
                    m(2, "NATO", "NATO", EntityKind::Organisation, None, LinkMethod::Folded, 0.75),
                ],
                vec![(4, 10), (30, 34)],
            ),
            ("00000000000000bb", vec![], vec![]),
            ("00000000000000cc", vec![m(1, "Petro", "leader:petro", EntityKind::Leader, Some("COL"), LinkMethod::Dated, 0.5)], vec![(7, 12)]),
        ];
        let rows: Vec<MentionRow> = docs
            .iter()
            .flat_map(|(id, ms, offsets)| {
                ms.iter().zip(offsets).enumerate().map(|(i, (m, o))| MentionRow {
                    doc_id: id.to_string(),
                    mention: i as i32,
                    sentence: m.sentence as i32,
                    start: o.0,
                    end: o.1,
                    surface: m.surface.clone(),
                    entity_id: m.entity_id.clone(),
                    kind: m.kind.as_str().to_string(),
                    country: m.country.clone(),
                    method: m.method.as_str().to_string(),
                    confidence: m.confidence,
                })
            })
            .collect();
        let of = mentions_batch_of(docs.iter().map(|(id, ms, o)| (*id, ms.as_slice(), o.as_slice()))).unwrap();
        assert_eq!(of, mentions_batch(&rows).unwrap());
        assert_eq!(of.num_rows(), 3);
        let index = of.column(1).as_any().downcast_ref::<Int32Array>().unwrap();
        assert_eq!(index.values().to_vec(), vec![0, 1, 0]);
    }
}
