//! Deterministic Parquet writing and schema-checked reading.
//!
//! Every writer setting is fixed here (compression, level, row-group size,
//! page limits, statistics, `created_by`), rows arrive sorted by the primary
//! key, and nothing time- or host-dependent goes into the bytes, so the same
//! rows always give the same file. Files are written to a temporary name and
//! renamed into place, so a reader never sees half a file.

use crate::schema::{hex, SchemaError, TableSchema};
use arrow::array::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
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
    WriterProperties::builder()
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_created_by(CREATED_BY.to_string())
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("level 3 is valid")))
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

/// A Parquet file being written batch by batch (row groups as they fill),
/// checked against its schema, hashed as it goes, renamed into place on
/// [`TableWriter::finish`].
pub struct TableWriter {
    schema: &'static TableSchema,
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<ArrowWriter<HashingWriter<BufWriter<File>>>>,
    rows: u64,
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

impl TableWriter {
    /// Starts `path` (written as `path.partial` until finished).
    pub fn create(schema: &'static TableSchema, path: &Path) -> Result<TableWriter, TableIoError> {
        let tmp = path.with_extension("parquet.partial");
        let file = File::create(&tmp).map_err(|source| TableIoError::Io { path: tmp.clone(), source })?;
        let sink = HashingWriter { inner: BufWriter::with_capacity(1 << 20, file), hasher: Sha256::new(), bytes: 0 };
        let writer = ArrowWriter::try_new(sink, schema.arrow(), Some(props(schema)))
            .map_err(|source| TableIoError::Parquet { path: path.to_path_buf(), source })?;
        Ok(TableWriter { schema, path: path.to_path_buf(), tmp, writer: Some(writer), rows: 0 })
    }

    /// Checks `batch` against the schema and appends it.
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
        let mut sink = w.into_inner().map_err(|source| TableIoError::Parquet { path: self.path.clone(), source })?;
        sink.flush().map_err(|source| TableIoError::Io { path: self.tmp.clone(), source })?;
        let digest = hex(&sink.hasher.finalize_reset());
        let bytes = sink.bytes;
        let file = sink.inner.into_inner().map_err(|e| TableIoError::Io { path: self.tmp.clone(), source: e.into_error() })?;
        file.sync_all().map_err(|source| TableIoError::Io { path: self.tmp.clone(), source })?;
        std::fs::rename(&self.tmp, &self.path).map_err(|source| TableIoError::Io { path: self.path.clone(), source })?;
        Ok(Written { sha256: digest, bytes, rows: self.rows })
    }
}

/// Writes one table from batches (see [`TableWriter`]).
pub fn write_table(schema: &'static TableSchema, path: &Path, batches: &[RecordBatch]) -> Result<Written, TableIoError> {
    let mut w = TableWriter::create(schema, path)?;
    for b in batches {
        w.write(b)?;
    }
    w.finish()
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
