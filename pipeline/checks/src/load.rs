//! Table I/O of the checks: the Parquet tables of a dataset version loaded
//! into a SQLite database, batch by batch.
//!
//! The database is SQLite's private temporary database (opened with an
//! empty file name): it lives in SQLite's page cache up to [`CACHE_KIB`]
//! and spills to a temporary file beyond that, so `orbita check` holds a
//! bounded amount of memory however large the corpus is (the UN General
//! Debate Corpus's tables are about 600 MB in SQLite). The file is removed
//! when the connection closes.
//!
//! Arrow types map to SQLite's storage classes: integers and booleans to
//! INTEGER, floats to REAL (a NaN becomes NULL, as SQLite stores it), strings
//! to TEXT (so `length` and `substr` count characters, like the offsets),
//! dates to TEXT `YYYY-MM-DD`, and `list<string>` to a JSON array in TEXT,
//! which a rule reads with `json_each` (checks/README.md).

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch, RecordBatchReader};
use arrow::datatypes::{
    DataType, Date32Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type,
    UInt8Type,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// SQLite page cache of the checks database, in KiB (beyond it, pages go to a temporary file).
pub const CACHE_KIB: i64 = 512 * 1024;

/// Rows per Arrow batch read from a Parquet file.
const BATCH_ROWS: usize = 8192;

/// Why a table could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file cannot be opened.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not readable Parquet.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: parquet::errors::ParquetError,
    },
    /// A batch cannot be decoded.
    #[error("{path}: {source}")]
    Arrow {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: arrow::error::ArrowError,
    },
    /// A column has a type the checks do not map to SQLite.
    #[error("{path}: column {column}: type {data_type} is not supported by the checks")]
    Type {
        /// The file.
        path: PathBuf,
        /// The column.
        column: String,
        /// Its Arrow type.
        data_type: DataType,
    },
    /// A value does not fit SQLite (an unsigned integer above 2^63 − 1).
    #[error("{path}: column {column}, row {row}: {reason}")]
    Value {
        /// The file.
        path: PathBuf,
        /// The column.
        column: String,
        /// The row (0-based, in file order).
        row: usize,
        /// What is wrong.
        reason: String,
    },
    /// SQLite refused a statement.
    #[error("{path}: {source}")]
    Sqlite {
        /// The file being loaded.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
}

/// Opens the private temporary database the tables are loaded into.
pub fn open() -> rusqlite::Result<Connection> {
    let conn = Connection::open("")?;
    conn.execute_batch(&format!(
        "pragma page_size = 16384; pragma cache_size = -{CACHE_KIB}; pragma journal_mode = off; \
         pragma synchronous = off; pragma temp_store = file; pragma case_sensitive_like = on;"
    ))?;
    Ok(conn)
}

/// Quotes an SQL identifier.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sql_type(path: &Path, column: &str, data_type: &DataType) -> Result<&'static str, LoadError> {
    Ok(match data_type {
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Boolean => "integer",
        DataType::Float32 | DataType::Float64 => "real",
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Date32 => "text",
        DataType::List(f) | DataType::LargeList(f) if matches!(f.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => "text",
        other => {
            return Err(LoadError::Type { path: path.to_path_buf(), column: column.to_string(), data_type: other.clone() });
        }
    })
}

/// A string element of a list array, whatever its string type.
fn list_strings(values: &ArrayRef) -> Vec<Option<&str>> {
    match values.data_type() {
        DataType::Utf8 => values.as_string::<i32>().iter().collect(),
        DataType::LargeUtf8 => values.as_string::<i64>().iter().collect(),
        _ => values.as_string_view().iter().collect(),
    }
}

/// The SQLite value of row `i` of `array`.
fn value(array: &ArrayRef, i: usize) -> Result<ToSqlOutput<'_>, String> {
    use rusqlite::types::ValueRef;
    if array.is_null(i) {
        return Ok(ToSqlOutput::Owned(Value::Null));
    }
    let int = |v: i64| Ok(ToSqlOutput::Owned(Value::Integer(v)));
    match array.data_type() {
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(i).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(i).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(i).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(i)),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(i).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(i).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(i).into()),
        DataType::UInt64 => {
            let v = array.as_primitive::<UInt64Type>().value(i);
            i64::try_from(v).map(|v| ToSqlOutput::Owned(Value::Integer(v))).map_err(|_| format!("{v} exceeds SQLite's integers"))
        }
        DataType::Boolean => int(array.as_boolean().value(i).into()),
        DataType::Float32 => Ok(ToSqlOutput::Owned(Value::Real(array.as_primitive::<Float32Type>().value(i).into()))),
        DataType::Float64 => Ok(ToSqlOutput::Owned(Value::Real(array.as_primitive::<Float64Type>().value(i)))),
        DataType::Utf8 => Ok(ToSqlOutput::Borrowed(ValueRef::Text(array.as_string::<i32>().value(i).as_bytes()))),
        DataType::LargeUtf8 => Ok(ToSqlOutput::Borrowed(ValueRef::Text(array.as_string::<i64>().value(i).as_bytes()))),
        DataType::Utf8View => Ok(ToSqlOutput::Borrowed(ValueRef::Text(array.as_string_view().value(i).as_bytes()))),
        DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(i);
            let date = array.as_primitive::<Date32Type>().value_as_date(i).ok_or_else(|| format!("day {days} is not a calendar date"))?;
            Ok(ToSqlOutput::Owned(Value::Text(date.format("%Y-%m-%d").to_string())))
        }
        DataType::List(_) => {
            let list = array.as_list::<i32>().value(i);
            Ok(ToSqlOutput::Owned(Value::Text(serde_json::Value::from(list_strings(&list)).to_string())))
        }
        DataType::LargeList(_) => {
            let list = array.as_list::<i64>().value(i);
            Ok(ToSqlOutput::Owned(Value::Text(serde_json::Value::from(list_strings(&list)).to_string())))
        }
        other => Err(format!("type {other} is not supported by the checks")),
    }
}

/// Loads `path` into the table `table` of `conn` (created from the file's
/// Arrow schema), in one transaction; returns the rows loaded.
pub fn load_table(conn: &Connection, table: &str, path: &Path) -> Result<u64, LoadError> {
    let sqlite = |source| LoadError::Sqlite { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(BATCH_ROWS).build())
        .map_err(|source| LoadError::Parquet { path: path.to_path_buf(), source })?;
    let schema = reader.schema();
    let mut columns = Vec::new();
    for f in schema.fields() {
        columns.push(format!("{} {}", ident(f.name()), sql_type(path, f.name(), f.data_type())?));
    }
    let tx = conn.unchecked_transaction().map_err(sqlite)?;
    tx.execute_batch(&format!("create table {} ({})", ident(table), columns.join(", "))).map_err(sqlite)?;
    let placeholders = vec!["?"; schema.fields().len()].join(", ");
    let mut insert = tx.prepare(&format!("insert into {} values ({placeholders})", ident(table))).map_err(sqlite)?;
    let mut rows = 0u64;
    for batch in reader {
        let batch: RecordBatch = batch.map_err(|source| LoadError::Arrow { path: path.to_path_buf(), source })?;
        for i in 0..batch.num_rows() {
            for (c, array) in batch.columns().iter().enumerate() {
                let v = value(array, i).map_err(|reason| LoadError::Value {
                    path: path.to_path_buf(),
                    column: schema.field(c).name().clone(),
                    row: rows as usize + i,
                    reason,
                })?;
                insert.raw_bind_parameter(c + 1, v).map_err(sqlite)?;
            }
            insert.raw_execute().map_err(sqlite)?;
        }
        rows += batch.num_rows() as u64;
    }
    drop(insert);
    tx.commit().map_err(sqlite)?;
    Ok(rows)
}

/// Indexes `columns` of `table` (its primary key: the joins of the rules and
/// the key checks use it). Not unique: duplicates are for the rules to find.
pub fn index(conn: &Connection, table: &str, columns: &[String]) -> rusqlite::Result<()> {
    let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    conn.execute_batch(&format!("create index {} on {} ({})", ident(&format!("{table}_key")), ident(table), cols.join(", ")))
}

/// The column names of a loaded table.
pub fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("select * from {} limit 0", ident(table)))?;
    let names = stmt.column_names().map(str::to_string).collect();
    stmt.raw_execute().ok();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{BooleanArray, Date32Array, Float64Array, Int8Array, ListBuilder, StringArray, StringBuilder};
    use std::sync::Arc;

    fn write(path: &Path, batch: &RecordBatch) {
        let file = std::fs::File::create(path).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
        w.write(batch).unwrap();
        w.close().unwrap();
    }

    // Every mapped type arrives as the SQLite value a rule compares with:
    // characters for text, ISO dates, JSON lists, NULL for nulls.
    #[test]
    fn arrow_types_map_to_sqlite_values() {
        let tmp = tempfile::tempdir().unwrap();
        let mut list = ListBuilder::new(StringBuilder::new());
        list.values().append_value("ab:1");
        list.values().append_value("c\"d:2");
        list.append(true);
        list.append(false);
        let batch = RecordBatch::try_from_iter(vec![
            ("text", Arc::new(StringArray::from(vec![Some("Ça va"), None])) as ArrayRef),
            ("label", Arc::new(Int8Array::from(vec![-2, 2])) as ArrayRef),
            ("score", Arc::new(Float64Array::from(vec![0.5, f64::NAN])) as ArrayRef),
            ("flag", Arc::new(BooleanArray::from(vec![true, false])) as ArrayRef),
            ("date", Arc::new(Date32Array::from(vec![Some(19_000), None])) as ArrayRef),
            ("evidence", Arc::new(list.finish()) as ArrayRef),
        ])
        .unwrap();
        let path = tmp.path().join("t.parquet");
        write(&path, &batch);
        let conn = open().unwrap();
        assert_eq!(load_table(&conn, "t", &path).unwrap(), 2);
        let row: (i64, Option<String>, i64, f64, i64, String, String) = conn
            .query_row(
                "select length(text), substr(text, 1, 2), label, score, flag, date, evidence from t where label = -2",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .unwrap();
        assert_eq!(row, (5, Some("Ça".into()), -2, 0.5, 1, "2022-01-08".into(), r#"["ab:1","c\"d:2"]"#.into()));
        let nulls: (Option<String>, Option<f64>, Option<String>, Option<String>) = conn
            .query_row("select text, score, date, evidence from t where label = 2", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap();
        assert_eq!(nulls, (None, None, None, None));
        let refs: Vec<String> = conn
            .prepare("select t.evidence ->> e.fullkey from t, json_each(t.evidence) e order by 1")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(refs, ["ab:1", "c\"d:2"]);
        assert_eq!(columns(&conn, "t").unwrap(), ["text", "label", "score", "flag", "date", "evidence"]);
    }

    #[test]
    fn a_missing_file_names_itself() {
        let conn = open().unwrap();
        let err = load_table(&conn, "t", Path::new("/nonexistent/t.parquet")).unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/t.parquet"), "{err}");
    }
}
