//! Deterministic Parquet writing and schema-checked reading.
//!
//! Every writer setting is fixed here (compression, level, row-group size,
//! page limits, statistics, `created_by`), rows arrive sorted by the primary
//! key, and nothing time- or host-dependent goes into the bytes, so the same
//! rows always give the same file. Files are written to a temporary name and
//! renamed into place, so a reader never sees half a file.
//!
//! A [`TableWriter`] cuts a row group at the end of every batch it is given
//! (and inside a batch at [`ROW_GROUP_ROWS`] / [`ROW_GROUP_BYTES`]), so the
//! row groups of a batch depend only on that batch's rows. That is what lets
//! an incremental build copy a batch's row groups from the previous version
//! byte for byte ([`TableWriter::copy_row_groups`]) instead of computing and
//! encoding them again: the file is the same as if they had been encoded.

use crate::schema::{hex, SchemaError, TableSchema};
use arrow::array::RecordBatch;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::column::writer::ColumnCloseResult;
use parquet::file::metadata::{ColumnChunkMetaData, KeyValue, PageIndexPolicy, ParquetMetaData, ParquetMetaDataOptions, ParquetMetaDataReader};
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
use parquet::file::reader::ChunkReader;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::ColumnPath;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The `created_by` string written into every file. Pinned so that a
/// parquet crate upgrade does not change every table hash.
pub const CREATED_BY: &str = "orbita";

/// Rows per row group.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// Estimated encoded bytes per row group (bounds the writer's memory for text-heavy tables).
pub const ROW_GROUP_BYTES: usize = 64 * 1024 * 1024;

/// Columns written without a dictionary: their values are (nearly) all
/// distinct — the text of a document or sentence, a document's path, URL,
/// title and raw hash — so a dictionary only costs hashing every value
/// until it overflows its page and the writer falls back to plain encoding.
/// Columns that repeat (ids, kinds, offsets) keep theirs.
pub const PLAIN_COLUMNS: [&str; 5] = ["text", "path", "url", "title", "raw_sha256"];

/// Table I/O errors.
#[derive(Debug, thiserror::Error)]
pub enum TableIoError {
    /// The data does not match the schema.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// File system error, with the path.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Parquet encoding or decoding error, with the path.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: parquet::errors::ParquetError,
    },
    /// Arrow error, with the path.
    #[error("{path}: {source}")]
    Arrow {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: arrow::error::ArrowError,
    },
}

/// What was written: the facts a manifest records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// File size.
    pub bytes: u64,
    /// Row count.
    pub rows: u64,
}

fn props(schema: &TableSchema) -> WriterProperties {
    let mut builder = WriterProperties::builder();
    for f in schema.fields.iter().filter(|f| PLAIN_COLUMNS.contains(&f.name.as_str())) {
        builder = builder.set_column_dictionary_enabled(ColumnPath::from(f.name.as_str()), false);
    }
    builder
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_created_by(CREATED_BY.to_string())
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(1).expect("level 1 is valid")))
        .set_dictionary_enabled(true)
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .set_data_page_size_limit(1024 * 1024)
        .set_write_batch_size(1024)
        .set_key_value_metadata(Some(vec![
            KeyValue::new("orbita.table".to_string(), schema.name.clone()),
            KeyValue::new("orbita.schema_version".to_string(), schema.version.to_string()),
            KeyValue::new("orbita.schema_sha256".to_string(), schema.sha256.clone()),
        ]))
        .build()
}

/// A Parquet file being written batch by batch, each batch closing its own
/// row groups, checked against its schema, hashed as it goes, renamed into
/// place on [`TableWriter::finish`].
pub struct TableWriter {
    schema: &'static TableSchema,
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<SerializedFileWriter<HashingWriter<BufWriter<File>>>>,
    rows: u64,
    groups: usize,
}

struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One batch encoded on its own (a small Parquet file in memory), ready to
/// be appended to a [`TableWriter`]; encoding can run on any thread.
pub struct Encoded {
    bytes: bytes::Bytes,
    meta: ParquetMetaData,
}

impl Encoded {
    /// Row groups in the batch.
    pub fn row_groups(&self) -> usize {
        self.meta.num_row_groups()
    }
}

/// The metadata a row-group copy needs: the footer with the offset index and
/// the full page encoding statistics (so the copied footer entries are the
/// ones the writer wrote).
fn read_metadata<R: ChunkReader>(reader: &R) -> Result<ParquetMetaData, parquet::errors::ParquetError> {
    ParquetMetaDataReader::new()
        .with_column_index_policy(PageIndexPolicy::Optional)
        .with_offset_index_policy(PageIndexPolicy::Optional)
        .with_metadata_options(Some(ParquetMetaDataOptions::new().with_encoding_stats_as_mask(false)))
        .parse_and_finish(reader)
}

/// A column chunk's metadata as read back, made what the writer had: a
/// reader cannot tell that the writer also filled the deprecated `min` /
/// `max` statistics (it does for signed sort orders), so that is restored.
fn as_written(col: &ColumnChunkMetaData) -> Result<ColumnChunkMetaData, parquet::errors::ParquetError> {
    use parquet::file::statistics::Statistics as S;
    let Some(stats) = col.statistics() else { return Ok(col.clone()) };
    if !col.column_descr().sort_order().is_signed() || stats.is_min_max_backwards_compatible() {
        return Ok(col.clone());
    }
    let compat = match stats.clone() {
        S::Boolean(v) => S::Boolean(v.with_backwards_compatible_min_max(true)),
        S::Int32(v) => S::Int32(v.with_backwards_compatible_min_max(true)),
        S::Int64(v) => S::Int64(v.with_backwards_compatible_min_max(true)),
        S::Int96(v) => S::Int96(v.with_backwards_compatible_min_max(true)),
        S::Float(v) => S::Float(v.with_backwards_compatible_min_max(true)),
        S::Double(v) => S::Double(v.with_backwards_compatible_min_max(true)),
        S::ByteArray(v) => S::ByteArray(v.with_backwards_compatible_min_max(true)),
        S::FixedLenByteArray(v) => S::FixedLenByteArray(v.with_backwards_compatible_min_max(true)),
    };
    col.clone().into_builder().set_statistics(compat).build()
}

/// Checks `batch` against `schema` and encodes it into row groups exactly
/// as a [`TableWriter`] would write them.
pub fn encode(schema: &'static TableSchema, batch: &RecordBatch) -> Result<Encoded, TableIoError> {
    schema.check_batch(batch)?;
    let err = |source| TableIoError::Parquet { path: PathBuf::from(format!("<{} batch>", schema.name)), source };
    let mut w = ArrowWriter::try_new(Vec::new(), schema.arrow(), Some(props(schema))).map_err(err)?;
    w.write(batch).map_err(err)?;
    let bytes = bytes::Bytes::from(w.into_inner().map_err(err)?);
    let meta = read_metadata(&bytes).map_err(err)?;
    Ok(Encoded { bytes, meta })
}

/// A finished table of an earlier version, opened to copy row groups from.
pub struct RowGroupSource {
    path: PathBuf,
    file: File,
    meta: ParquetMetaData,
    arrow: ArrowReaderMetadata,
}

/// A byte range of a file held in memory, addressed by file offsets: the
/// row groups of one batch are contiguous, so one read serves their copy.
struct Window {
    base: u64,
    bytes: bytes::Bytes,
}

impl Window {
    fn slice(&self, start: u64, len: Option<usize>) -> Result<bytes::Bytes, parquet::errors::ParquetError> {
        let from = start.checked_sub(self.base).map(|x| x as usize).filter(|x| *x <= self.bytes.len());
        let to = from.map(|f| len.map_or(self.bytes.len(), |l| f + l)).filter(|t| *t <= self.bytes.len());
        match (from, to) {
            (Some(f), Some(t)) => Ok(self.bytes.slice(f..t)),
            _ => Err(parquet::errors::ParquetError::General(format!(
                "offset {start} (+{len:?}) lies outside the window {}..{}",
                self.base,
                self.base + self.bytes.len() as u64
            ))),
        }
    }
}

impl parquet::file::reader::Length for Window {
    fn len(&self) -> u64 {
        self.base + self.bytes.len() as u64
    }
}

impl ChunkReader for Window {
    type T = bytes::buf::Reader<bytes::Bytes>;
    fn get_read(&self, start: u64) -> Result<Self::T, parquet::errors::ParquetError> {
        use bytes::Buf;
        Ok(self.slice(start, None)?.reader())
    }
    fn get_bytes(&self, start: u64, length: usize) -> Result<bytes::Bytes, parquet::errors::ParquetError> {
        self.slice(start, Some(length))
    }
}

impl RowGroupSource {
    /// Opens `path` and reads its footer.
    pub fn open(path: &Path) -> Result<RowGroupSource, TableIoError> {
        let perr = |source| TableIoError::Parquet { path: path.to_path_buf(), source };
        let file = File::open(path).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
        let meta = read_metadata(&file).map_err(perr)?;
        let arrow = ArrowReaderMetadata::try_new(std::sync::Arc::new(meta.clone()), ArrowReaderOptions::new()).map_err(perr)?;
        Ok(RowGroupSource { path: path.to_path_buf(), file, meta, arrow })
    }

    /// Row groups in the file.
    pub fn row_groups(&self) -> usize {
        self.meta.num_row_groups()
    }

    /// Rows in row group `g`.
    pub fn rows_in(&self, g: usize) -> u64 {
        self.meta.row_group(g).num_rows() as u64
    }

    /// The bytes of row groups `groups` (their column chunks are contiguous).
    fn window(&self, groups: std::ops::Range<usize>) -> Result<Window, TableIoError> {
        let ranges: Vec<(u64, u64)> =
            groups.flat_map(|g| self.meta.row_group(g).columns().iter().map(|c| c.byte_range()).collect::<Vec<_>>()).collect();
        let Some(start) = ranges.iter().map(|r| r.0).min() else { return Ok(Window { base: 0, bytes: bytes::Bytes::new() }) };
        let end = ranges.iter().map(|r| r.0 + r.1).max().unwrap_or(start);
        let mut buf = vec![0u8; (end - start) as usize];
        std::os::unix::fs::FileExt::read_exact_at(&self.file, &mut buf, start)
            .map_err(|source| TableIoError::Io { path: self.path.clone(), source })?;
        Ok(Window { base: start, bytes: bytes::Bytes::from(buf) })
    }

    /// Decodes row groups `groups`, keeping only the named columns.
    pub fn read(&self, groups: std::ops::Range<usize>, columns: &[&str]) -> Result<Vec<RecordBatch>, TableIoError> {
        let perr = |source| TableIoError::Parquet { path: self.path.clone(), source };
        let file = self.file.try_clone().map_err(|source| TableIoError::Io { path: self.path.clone(), source })?;
        let builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, self.arrow.clone());
        let leaves: Vec<usize> = builder
            .parquet_schema()
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, c)| columns.contains(&c.path().parts()[0].as_str()))
            .map(|(i, _)| i)
            .collect();
        let mask = parquet::arrow::ProjectionMask::leaves(builder.parquet_schema(), leaves);
        let reader = builder.with_row_groups(groups.collect()).with_projection(mask).with_batch_size(64 * 1024).build().map_err(perr)?;
        reader.map(|b| b.map_err(|source| TableIoError::Arrow { path: self.path.clone(), source })).collect()
    }
}

impl TableWriter {
    /// Starts `path` (written as `path.partial` until finished).
    pub fn create(schema: &'static TableSchema, path: &Path) -> Result<TableWriter, TableIoError> {
        let tmp = path.with_extension("parquet.partial");
        let file = File::create(&tmp).map_err(|source| TableIoError::Io { path: tmp.clone(), source })?;
        let sink = HashingWriter { inner: BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), bytes: 0 };
        // Made through an ArrowWriter so the footer (schema, key-value
        // metadata with the Arrow schema) is the one `write_table` writes.
        let (writer, _) = ArrowWriter::try_new(sink, schema.arrow(), Some(props(schema)))
            .and_then(ArrowWriter::into_serialized_writer)
            .map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
        Ok(TableWriter { schema, path: path.to_path_buf(), tmp, writer: Some(writer), rows: 0, groups: 0 })
    }

    /// Checks `batch` against the schema and appends it as its own row groups.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), TableIoError> {
        let e = encode(self.schema, batch)?;
        self.append(&e)
    }

    /// Appends a batch encoded by [`encode`].
    pub fn append(&mut self, e: &Encoded) -> Result<(), TableIoError> {
        self.splice(&e.bytes, &e.meta, 0..e.meta.num_row_groups())
    }

    /// Copies row groups `groups` of `src` without decoding them.
    pub fn copy_row_groups(&mut self, src: &RowGroupSource, groups: std::ops::Range<usize>) -> Result<(), TableIoError> {
        let window = src.window(groups.clone())?;
        self.splice(&window, &src.meta, groups)
    }

    /// Row groups written so far.
    pub fn row_groups(&self) -> usize {
        self.groups
    }

    fn splice<R: ChunkReader>(&mut self, reader: &R, meta: &ParquetMetaData, groups: std::ops::Range<usize>) -> Result<(), TableIoError> {
        let path = self.path.clone();
        let err = |source| TableIoError::Parquet { path: path.clone(), source };
        let w = self.writer.as_mut().expect("writer is open until finish");
        for g in groups {
            let rg = meta.row_group(g);
            let index = meta.page_index_for_row_group(g);
            let mut out = w.next_row_group().map_err(err)?;
            for (c, col) in rg.columns().iter().enumerate() {
                let close = ColumnCloseResult {
                    bytes_written: col.compressed_size() as u64,
                    rows_written: rg.num_rows() as u64,
                    metadata: as_written(col).map_err(err)?,
                    bloom_filter: None,
                    column_index: index.column_index(c).cloned(),
                    offset_index: index.offset_index(c).cloned(),
                };
                out.append_column(reader, close).map_err(err)?;
            }
            out.close().map_err(err)?;
            self.rows += rg.num_rows() as u64;
            self.groups += 1;
        }
        Ok(())
    }

    /// Closes the file, syncs it to disk and renames it into place.
    pub fn finish(mut self) -> Result<Written, TableIoError> {
        let w = self.writer.take().expect("finish is called once");
        let sink = w.into_inner().map_err(|source| TableIoError::Parquet { path: self.path.clone(), source })?;
        seal(sink, &self.tmp, &self.path, self.rows)
    }
}

/// A Parquet file whose batches share row groups (cut at [`ROW_GROUP_ROWS`] /
/// [`ROW_GROUP_BYTES`] or when asked), checked against its schema, hashed as it
/// goes and renamed into place on [`GroupingWriter::finish`]. The export writes
/// its partitions with it; builds use [`TableWriter`], whose batches close
/// their own row groups.
pub struct GroupingWriter {
    schema: &'static TableSchema,
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<ArrowWriter<HashingWriter<BufWriter<File>>>>,
    rows: u64,
}

impl GroupingWriter {
    /// Starts `path` (written as `path.partial` until finished).
    pub fn create(schema: &'static TableSchema, path: &Path) -> Result<GroupingWriter, TableIoError> {
        let tmp = path.with_extension("parquet.partial");
        let file = File::create(&tmp).map_err(|source| TableIoError::Io { path: tmp.clone(), source })?;
        let sink = HashingWriter { inner: BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), bytes: 0 };
        let writer = ArrowWriter::try_new(sink, schema.arrow(), Some(props(schema)))
            .map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
        Ok(GroupingWriter { schema, path: path.to_path_buf(), tmp, writer: Some(writer), rows: 0 })
    }

    /// Checks `batch` against the schema and appends it to the row group in progress.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), TableIoError> {
        self.schema.check_batch(batch)?;
        let w = self.writer.as_mut().expect("writer is open until finish");
        w.write(batch).map_err(|source| TableIoError::Parquet { path: self.path.clone(), source })?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Estimated encoded bytes of the row group in progress (held in memory until it is written).
    pub fn buffered_bytes(&self) -> usize {
        self.writer.as_ref().map_or(0, |w| w.in_progress_size())
    }

    /// Writes the row group in progress now; the next rows start a new one.
    pub fn flush_row_group(&mut self) -> Result<(), TableIoError> {
        let w = self.writer.as_mut().expect("writer is open until finish");
        w.flush().map_err(|source| TableIoError::Parquet { path: self.path.clone(), source })
    }

    /// Closes the file, syncs it to disk and renames it into place.
    pub fn finish(mut self) -> Result<Written, TableIoError> {
        let w = self.writer.take().expect("finish is called once");
        let sink = w.into_inner().map_err(|source| TableIoError::Parquet { path: self.path.clone(), source })?;
        seal(sink, &self.tmp, &self.path, self.rows)
    }
}

/// Writes one table from batches, which share row groups (unlike
/// [`TableWriter`], where each batch closes its own).
pub fn write_table(schema: &'static TableSchema, path: &Path, batches: &[RecordBatch]) -> Result<Written, TableIoError> {
    let tmp = path.with_extension("parquet.partial");
    let file = File::create(&tmp).map_err(|source| TableIoError::Io { path: tmp.clone(), source })?;
    let sink = HashingWriter { inner: BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), bytes: 0 };
    let perr = |source| TableIoError::Parquet { path: path.to_path_buf(), source };
    let mut w = ArrowWriter::try_new(sink, schema.arrow(), Some(props(schema))).map_err(perr)?;
    let mut rows = 0u64;
    for b in batches {
        schema.check_batch(b)?;
        w.write(b).map_err(perr)?;
        rows += b.num_rows() as u64;
    }
    let sink = w.into_inner().map_err(perr)?;
    seal(sink, &tmp, path, rows)
}

/// Flushes a finished file's sink, syncs `tmp` to disk and renames it to
/// `path`; the hash and size are those of the bytes written.
fn seal(mut sink: HashingWriter<BufWriter<File>>, tmp: &Path, path: &Path, rows: u64) -> Result<Written, TableIoError> {
    sink.flush().map_err(|source| TableIoError::Io { path: tmp.to_path_buf(), source })?;
    let digest = hex(&sink.hasher.finalize_reset());
    let bytes = sink.bytes;
    let file = sink.inner.into_inner().map_err(|e| TableIoError::Io { path: tmp.to_path_buf(), source: e.into_error() })?;
    file.sync_all().map_err(|source| TableIoError::Io { path: tmp.to_path_buf(), source })?;
    std::fs::rename(tmp, path).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
    Ok(Written { sha256: digest, bytes, rows })
}

/// Reads a whole table, failing if its schema differs from the declared one.
pub fn read_table(schema: &TableSchema, path: &Path) -> Result<Vec<RecordBatch>, TableIoError> {
    let file = File::open(path).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
    schema.check_arrow(builder.schema().as_ref()).map_err(|e| match e {
        SchemaError::Mismatch { table, difference } => {
            SchemaError::Mismatch { table, difference: format!("{} ({})", difference, path.display()) }
        }
        other => other,
    })?;
    let reader = builder.build().map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
    reader.map(|b| b.map_err(|source| TableIoError::Arrow { path: path.to_path_buf(), source })).collect()
}

/// SHA-256 and size of a file.
pub fn hash_file(path: &Path) -> Result<(String, u64), TableIoError> {
    let mut f = File::open(path).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(|source| TableIoError::Io { path: path.to_path_buf(), source })?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex(&hasher.finalize()), total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{sentences_batch, SentenceRow};

    fn batch(doc: usize, n: usize) -> RecordBatch {
        let rows: Vec<SentenceRow> = (0..n)
            .map(|i| SentenceRow {
                doc_id: format!("{doc:016x}"),
                sentence: i as i32,
                start: (i * 40) as i32,
                end: (i * 40 + 39) as i32,
                text: format!("Sentence {i} of document {doc}, with some words {}.", i * 7919 % 1000),
            })
            .collect();
        sentences_batch(&rows).unwrap()
    }

    // Regression: copied row groups (footer entries, offset index, encoding
    // stats) must give the very bytes that encoding the same batches gives.
    #[test]
    fn copied_row_groups_give_the_same_file() {
        let tmp = tempfile::tempdir().unwrap();
        let schema = TableSchema::get("sentences").unwrap();
        let batches: Vec<RecordBatch> = (0..5).map(|d| batch(d, [3, 70_000, 1, 500, 0][d])).collect();
        let mut a = TableWriter::create(schema, &tmp.path().join("a.parquet")).unwrap();
        let mut groups = Vec::new();
        for b in &batches {
            let before = a.row_groups();
            a.write(b).unwrap();
            groups.push(before..a.row_groups());
        }
        let wa = a.finish().unwrap();
        assert_eq!(groups[1].len(), 2, "a batch over ROW_GROUP_ROWS is cut inside");
        let src = RowGroupSource::open(&tmp.path().join("a.parquet")).unwrap();
        // b: batches 0, 2 and 4 encoded again, 1 and 3 copied.
        let mut b = TableWriter::create(schema, &tmp.path().join("b.parquet")).unwrap();
        for (i, bt) in batches.iter().enumerate() {
            if i % 2 == 1 {
                b.copy_row_groups(&src, groups[i].clone()).unwrap();
            } else {
                b.append(&encode(schema, bt).unwrap()).unwrap();
            }
        }
        let wb = b.finish().unwrap();
        assert_eq!(wa, wb);
        let back = src.read(groups[3].clone(), &["doc_id", "text"]).unwrap();
        assert_eq!(back.iter().map(RecordBatch::num_rows).sum::<usize>(), 500);
        assert_eq!(back[0].num_columns(), 2);
    }

    // Free-text columns carry no dictionary page; repeating columns keep theirs.
    #[test]
    fn text_is_plain_and_ids_keep_their_dictionary() {
        let tmp = tempfile::tempdir().unwrap();
        let schema = TableSchema::get("sentences").unwrap();
        write_table(schema, &tmp.path().join("s.parquet"), &[batch(3, 2000)]).unwrap();
        let meta = ParquetMetaDataReader::new().parse_and_finish(&File::open(tmp.path().join("s.parquet")).unwrap()).unwrap();
        let rg = meta.row_group(0);
        let col = |name: &str| rg.columns().iter().find(|c| c.column_path().string() == name).unwrap();
        assert_eq!(col("text").dictionary_page_offset(), None);
        assert!(!col("text").encodings().any(|e| e == parquet::basic::Encoding::RLE_DICTIONARY));
        assert!(col("doc_id").dictionary_page_offset().is_some());
        let back = read_table(schema, &tmp.path().join("s.parquet")).unwrap();
        assert_eq!(back.iter().map(RecordBatch::num_rows).sum::<usize>(), 2000);
    }

    // Regression: one batch written through TableWriter gives the bytes the
    // plain ArrowWriter path (write_table) gives.
    #[test]
    fn one_batch_matches_write_table() {
        let tmp = tempfile::tempdir().unwrap();
        let schema = TableSchema::get("sentences").unwrap();
        let b = batch(7, 1234);
        let mut w = TableWriter::create(schema, &tmp.path().join("a.parquet")).unwrap();
        w.write(&b).unwrap();
        let wa = w.finish().unwrap();
        let wb = write_table(schema, &tmp.path().join("b.parquet"), &[b]).unwrap();
        assert_eq!(wa, wb);
    }
}
