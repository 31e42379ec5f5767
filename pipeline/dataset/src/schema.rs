//! Table schemas: the files in `schemas/` are the single source of truth.
//!
//! Each `schemas/<table>.schema.json` follows Frictionless Table Schema
//! (fields with type, description and constraints, `primaryKey`,
//! `foreignKeys`), with types that map one-to-one to Arrow types:
//!
//! | schema type    | Arrow type          |
//! |----------------|---------------------|
//! | `string`       | `Utf8`              |
//! | `int8`         | `Int8`              |
//! | `int32`        | `Int32`             |
//! | `int64`        | `Int64`             |
//! | `float64`      | `Float64`           |
//! | `boolean`      | `Boolean`           |
//! | `date`         | `Date32`            |
//! | `list<string>` | `List<Utf8>`        |
//!
//! `constraints.required` makes a field non-nullable. The files are embedded
//! in the binary at compile time, so a build always checks against the
//! schemas it was compiled with; their SHA-256 goes into every manifest.
//!
//! ```
//! let s = orbita_dataset::schema::TableSchema::get("sentences").unwrap();
//! assert_eq!(s.primary_key, vec!["doc_id", "sentence"]);
//! ```

use arrow::array::RecordBatch;
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The tables orbita publishes, in pipeline order.
pub const TABLES: [&str; 6] = ["documents", "rejects", "sentences", "mentions", "stances", "alignment"];

const SOURCES: [(&str, &str); 6] = [
    ("documents", include_str!("../../../schemas/documents.schema.json")),
    ("rejects", include_str!("../../../schemas/rejects.schema.json")),
    ("sentences", include_str!("../../../schemas/sentences.schema.json")),
    ("mentions", include_str!("../../../schemas/mentions.schema.json")),
    ("stances", include_str!("../../../schemas/stances.schema.json")),
    ("alignment", include_str!("../../../schemas/alignment.schema.json")),
];

/// A schema mismatch or an invalid schema file.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The table has no schema file.
    #[error("no schema for table {0:?} (known: documents, rejects, sentences, mentions, stances, alignment)")]
    UnknownTable(String),
    /// The schema file itself is invalid.
    #[error("schemas/{table}.schema.json: {reason}")]
    Invalid {
        /// Table name.
        table: String,
        /// What is wrong.
        reason: String,
    },
    /// Data does not match the declared schema.
    #[error("table {table}: {difference}")]
    Mismatch {
        /// Table name.
        table: String,
        /// The difference, naming the field.
        difference: String,
    },
}

/// Field constraints (Frictionless `constraints`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Constraints {
    /// The field may not be null.
    #[serde(default)]
    pub required: bool,
    /// Values are unique across the table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// Allowed values.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// Regular expression a string value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// Largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
}

/// One field of a table.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FieldSpec {
    /// Column name.
    pub name: String,
    /// Schema type (see the module table).
    #[serde(rename = "type")]
    pub type_name: String,
    /// One-line description for analysts.
    pub description: String,
    /// Constraints.
    #[serde(default)]
    pub constraints: Constraints,
}

/// A reference from some fields to another table's fields.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ForeignKey {
    /// Fields of this table.
    pub fields: Vec<String>,
    /// The referenced table and fields.
    pub reference: Reference,
}

/// The referenced side of a foreign key.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Reference {
    /// Referenced table.
    pub resource: String,
    /// Referenced fields.
    pub fields: Vec<String>,
}

/// A table's declared schema.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TableSchema {
    /// Table name.
    pub name: String,
    /// Schema version; bump the major dataset version when it changes.
    pub version: u32,
    /// What one row is.
    pub description: String,
    /// Fields in column order.
    pub fields: Vec<FieldSpec>,
    /// Primary key fields; rows are written sorted by them.
    #[serde(rename = "primaryKey")]
    pub primary_key: Vec<String>,
    /// Foreign keys.
    #[serde(rename = "foreignKeys", default)]
    pub foreign_keys: Vec<ForeignKey>,
    /// SHA-256 of the schema file's bytes.
    #[serde(skip)]
    pub sha256: String,
    #[serde(skip)]
    arrow: Option<SchemaRef>,
}

fn arrow_type(table: &str, field: &FieldSpec) -> Result<DataType, SchemaError> {
    Ok(match field.type_name.as_str() {
        "string" => DataType::Utf8,
        "int8" => DataType::Int8,
        "int32" => DataType::Int32,
        "int64" => DataType::Int64,
        "float64" => DataType::Float64,
        "boolean" => DataType::Boolean,
        "date" => DataType::Date32,
        "list<string>" => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        other => {
            return Err(SchemaError::Invalid {
                table: table.to_string(),
                reason: format!("field {:?} has unknown type {other:?}", field.name),
            })
        }
    })
}

/// Parses a schema file's text (used for the embedded files and in tests).
pub fn parse(table: &str, text: &str) -> Result<TableSchema, SchemaError> {
    let invalid = |reason: String| SchemaError::Invalid { table: table.to_string(), reason };
    let mut schema: TableSchema = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    if schema.name != table {
        return Err(invalid(format!("name is {:?}, expected {table:?}", schema.name)));
    }
    let mut fields = Vec::with_capacity(schema.fields.len());
    let mut seen = std::collections::BTreeSet::new();
    for f in &schema.fields {
        if !seen.insert(f.name.as_str()) {
            return Err(invalid(format!("field {:?} declared twice", f.name)));
        }
        if f.description.trim().is_empty() {
            return Err(invalid(format!("field {:?} has no description", f.name)));
        }
        let mut field = Field::new(&f.name, arrow_type(table, f)?, !f.constraints.required);
        field.set_metadata(HashMap::from([("description".to_string(), f.description.clone())]));
        fields.push(field);
    }
    for k in &schema.primary_key {
        if !seen.contains(k.as_str()) {
            return Err(invalid(format!("primary key field {k:?} is not a field")));
        }
    }
    for fk in &schema.foreign_keys {
        for k in &fk.fields {
            if !seen.contains(k.as_str()) {
                return Err(invalid(format!("foreign key field {k:?} is not a field")));
            }
        }
    }
    schema.sha256 = hex(&Sha256::digest(text.as_bytes()));
    schema.arrow = Some(Arc::new(Schema::new(fields)));
    Ok(schema)
}

fn registry() -> &'static Result<Vec<TableSchema>, String> {
    static SCHEMAS: OnceLock<Result<Vec<TableSchema>, String>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        SOURCES.iter().map(|(name, text)| parse(name, text).map_err(|e| e.to_string())).collect()
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

impl TableSchema {
    /// The column names, in order.
    pub fn field_names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }

    /// The embedded schema of `table`.
    pub fn get(table: &str) -> Result<&'static TableSchema, SchemaError> {
        let all = registry().as_ref().map_err(|e| SchemaError::Invalid { table: table.to_string(), reason: e.clone() })?;
        all.iter().find(|s| s.name == table).ok_or_else(|| SchemaError::UnknownTable(table.to_string()))
    }

    /// All embedded schemas, in pipeline order.
    pub fn all() -> Result<Vec<&'static TableSchema>, SchemaError> {
        TABLES.iter().map(|t| TableSchema::get(t)).collect()
    }

    /// The Arrow schema (field descriptions as field metadata).
    pub fn arrow(&self) -> SchemaRef {
        self.arrow.clone().expect("schemas are built by parse()")
    }

    /// The field spec named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Checks that an Arrow schema has exactly the declared fields, in
    /// order, with the declared types and nullability (metadata aside).
    pub fn check_arrow(&self, actual: &Schema) -> Result<(), SchemaError> {
        let expected = self.arrow();
        let mismatch = |difference: String| SchemaError::Mismatch { table: self.name.clone(), difference };
        let want: Vec<&str> = expected.fields().iter().map(|f| f.name().as_str()).collect();
        let have: Vec<&str> = actual.fields().iter().map(|f| f.name().as_str()).collect();
        for name in &want {
            if !have.contains(name) {
                return Err(mismatch(format!("field {name:?} is missing (schema declares it)")));
            }
        }
        for name in &have {
            if !want.contains(name) {
                return Err(mismatch(format!("field {name:?} is not in the schema")));
            }
        }
        if want != have {
            return Err(mismatch(format!("fields are in order {have:?}, schema declares {want:?}")));
        }
        for (e, a) in expected.fields().iter().zip(actual.fields()) {
            if !types_match(e.data_type(), a.data_type()) {
                return Err(mismatch(format!(
                    "field {:?} has type {}, schema declares {}",
                    e.name(),
                    a.data_type(),
                    e.data_type()
                )));
            }
            if e.is_nullable() != a.is_nullable() {
                return Err(mismatch(format!(
                    "field {:?} is {}, schema declares it {}",
                    e.name(),
                    if a.is_nullable() { "nullable" } else { "required" },
                    if e.is_nullable() { "nullable" } else { "required" }
                )));
            }
        }
        Ok(())
    }

    /// Checks a batch: Arrow schema as above, and no nulls in required fields.
    pub fn check_batch(&self, batch: &RecordBatch) -> Result<(), SchemaError> {
        self.check_arrow(batch.schema().as_ref())?;
        for (spec, column) in self.fields.iter().zip(batch.columns()) {
            if spec.constraints.required && column.null_count() > 0 {
                return Err(SchemaError::Mismatch {
                    table: self.name.clone(),
                    difference: format!("required field {:?} has {} null values", spec.name, column.null_count()),
                });
            }
        }
        Ok(())
    }
}

fn types_match(expected: &DataType, actual: &DataType) -> bool {
    match (expected, actual) {
        (DataType::List(e), DataType::List(a)) => e.data_type() == a.data_type(),
        _ => expected == actual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_schema_parses_and_describes_every_field() {
        for s in TableSchema::all().unwrap() {
            assert!(!s.primary_key.is_empty(), "{} has no primary key", s.name);
            assert_eq!(s.arrow().fields().len(), s.fields.len());
            assert_eq!(s.sha256.len(), 64);
        }
    }

    #[test]
    fn foreign_keys_point_at_existing_tables_and_fields() {
        for s in TableSchema::all().unwrap() {
            for fk in &s.foreign_keys {
                let other = TableSchema::get(&fk.reference.resource).unwrap();
                for f in &fk.reference.fields {
                    assert!(other.field(f).is_some(), "{} → {}.{f}", s.name, other.name);
                }
            }
        }
    }

    #[test]
    fn mismatch_names_the_field_and_the_difference() {
        let s = TableSchema::get("sentences").unwrap();
        let mut fields: Vec<Field> = s.arrow().fields().iter().map(|f| f.as_ref().clone()).collect();
        fields[2] = Field::new("start", DataType::Int64, false);
        let err = s.check_arrow(&Schema::new(fields.clone())).unwrap_err().to_string();
        assert!(err.contains("sentences") && err.contains("\"start\"") && err.contains("Int64"), "{err}");
        fields.pop();
        let err = s.check_arrow(&Schema::new(fields)).unwrap_err().to_string();
        assert!(err.contains("\"text\" is missing"), "{err}");
    }

    #[test]
    fn invalid_schema_files_are_rejected_with_the_reason() {
        let bad = r#"{"name":"x","version":1,"description":"d","fields":[{"name":"a","type":"uint7","description":"d"}],"primaryKey":["a"]}"#;
        assert!(parse("x", bad).unwrap_err().to_string().contains("unknown type"));
        let nodesc = r#"{"name":"x","version":1,"description":"d","fields":[{"name":"a","type":"string","description":" "}],"primaryKey":["a"]}"#;
        assert!(parse("x", nodesc).unwrap_err().to_string().contains("no description"));
    }
}
