//! orbita's data checks: declarative SQL rules over a dataset version.
//!
//! Every `checks/*.sql` file is one rule: a query over the tables
//! (`documents`, `rejects`, `sentences`, `mentions`, `stances`, `alignment`)
//! that returns the offending rows, so a passing rule returns none. A rule
//! file starts with comment lines naming and explaining it:
//!
//! ```sql
//! -- rule: sentences_key_unique
//! -- why: (doc_id, sentence) identifies a sentence.
//! select doc_id, sentence, count(*) as n from sentences group by doc_id, sentence having count(*) > 1
//! ```
//!
//! The rules run in SQLite (bundled with the binary: one C file, no other
//! engine), over the tables loaded from Parquet into a temporary database
//! ([`load`]), and they run unchanged in DuckDB too (`select * from
//! read_parquet('…/sentences.parquet')` views named after the tables), so an
//! analyst can rerun them in a notebook; checks/README.md says what the two
//! dialects share. Every rule runs, and every failure is reported, in one
//! pass.
//!
//! SQLite keeps at most [`load::CACHE_KIB`] of the database in memory and
//! the rest in a temporary file, so memory stays bounded on the UN General
//! Debate Corpus. A `-- partition: doc_id` line (on a rule that joins
//! `documents.text` to every sentence) makes the rule run once per sixteenth
//! of the `doc_id` range, each table with a `doc_id` column seen through a
//! view of that range, and adds up the offending rows (DuckDB reads the line
//! as a comment and runs the rule whole).

pub mod engine;
pub mod load;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Errors running the checks (a failing rule is not an error: it is a result).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A rule file cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// SQLite cannot open its temporary database or register the rules' functions.
    #[error("{path}: SQLite: {source}")]
    Sqlite {
        /// The dataset being checked.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
}

/// A rule from `checks/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Rule name (`-- rule:` line, or the file stem).
    pub name: String,
    /// Why the rule exists (`-- why:` lines).
    pub why: String,
    /// The file it came from.
    pub file: String,
    /// The query.
    pub sql: String,
    /// Run per sixteenth of `doc_id` (`-- partition: doc_id`).
    pub partition_by_doc: bool,
}

/// The outcome of one rule.
#[derive(Clone, Debug)]
pub struct RuleResult {
    /// The rule.
    pub rule: Rule,
    /// Offending rows (0 when the rule passes).
    pub failures: usize,
    /// A few offending rows, rendered.
    pub sample: String,
    /// The query could not run (a broken rule or a missing table).
    pub error: Option<String>,
}

impl RuleResult {
    /// The rule passed.
    pub fn passed(&self) -> bool {
        self.failures == 0 && self.error.is_none()
    }
}

/// Parses one rule file.
pub fn parse_rule(file: &str, text: &str) -> Rule {
    let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut name = stem;
    let mut why = Vec::new();
    let mut sql = Vec::new();
    let mut partition_by_doc = false;
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("--") {
            let rest = rest.trim();
            if let Some(n) = rest.strip_prefix("rule:") {
                name = n.trim().to_string();
            } else if let Some(p) = rest.strip_prefix("partition:") {
                partition_by_doc = p.trim() == "doc_id";
            } else if let Some(w) = rest.strip_prefix("why:") {
                why.push(w.trim().to_string());
            } else if !why.is_empty() && !rest.is_empty() && sql.is_empty() {
                why.push(rest.to_string());
            }
        } else if !t.is_empty() {
            sql.push(line);
        }
    }
    let sql = sql.join("\n").trim().trim_end_matches(';').to_string();
    Rule { name, why: why.join(" "), file: file.to_string(), sql, partition_by_doc }
}

/// Loads every `*.sql` rule under `dir`, sorted by file name.
pub fn load_rules(dir: &Path) -> Result<Vec<Rule>, CheckError> {
    let io = |source| CheckError::Io { path: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|source| CheckError::Io { path: p.clone(), source })?;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok(parse_rule(&name, &text))
        })
        .collect()
}

/// The rules embedded at compile time from `checks/*.sql`
/// ([`orbita_dataset::defaults::CHECKS`]), in file-name order like
/// [`load_rules`], so `orbita check` runs them from any directory.
pub fn embedded_rules() -> Vec<Rule> {
    orbita_dataset::defaults::CHECKS.iter().filter(|(p, _)| p.ends_with(".sql")).map(|(p, t)| parse_rule(p, t)).collect()
}

/// The tables of a dataset version in a SQLite database, ready for rules.
pub struct Tables {
    conn: Connection,
    /// Loaded tables that have a `doc_id` column (seen through a view per partition).
    doc_tables: Vec<String>,
    /// Tables that are absent or could not be loaded, with the reason.
    missing: Vec<String>,
}

impl Tables {
    /// Loads every table of `dataset` (a version directory) that exists;
    /// a missing or unreadable one is noted, and the rules that read it fail
    /// with that note. Errors only when SQLite itself cannot start.
    pub fn load(dataset: &Path) -> Result<Tables, CheckError> {
        let sqlite = |source| CheckError::Sqlite { path: dataset.to_path_buf(), source };
        let conn = load::open().map_err(sqlite)?;
        engine::register_functions(&conn).map_err(sqlite)?;
        let (mut doc_tables, mut missing) = (Vec::new(), Vec::new());
        for table in orbita_dataset::schema::TABLES {
            let path = dataset.join(format!("{table}.parquet"));
            if !path.is_file() {
                missing.push(format!("{table} (no {})", path.display()));
                continue;
            }
            let started = std::time::Instant::now();
            if let Err(e) = load::load_table(&conn, table, &path) {
                // A half-created table would hide the cause behind wrong results.
                let _ = conn.execute_batch(&format!("drop table if exists {}", load::ident(table)));
                missing.push(format!("{table} ({e})"));
                continue;
            }
            let columns = load::columns(&conn, table).map_err(sqlite)?;
            if let Ok(schema) = orbita_dataset::schema::TableSchema::get(table) {
                if !schema.primary_key.is_empty() && schema.primary_key.iter().all(|k| columns.contains(k)) {
                    load::index(&conn, table, &schema.primary_key).map_err(sqlite)?;
                }
            }
            if columns.iter().any(|c| c == "doc_id") {
                doc_tables.push(table.to_string());
            }
            tracing::debug!(table, seconds = started.elapsed().as_secs_f64(), "loaded for the checks");
        }
        Ok(Tables { conn, doc_tables, missing })
    }

    /// Runs one rule.
    pub fn run(&self, rule: &Rule) -> RuleResult {
        let started = std::time::Instant::now();
        let result = match engine::run(&self.conn, &rule.sql, rule.partition_by_doc, &self.doc_tables) {
            Ok(rows) => RuleResult { rule: rule.clone(), failures: rows.count, sample: rows.table(), error: None },
            Err(e) => {
                let mut msg = e.to_string();
                if !self.missing.is_empty() {
                    msg.push_str(&format!(" (tables missing from the dataset: {})", self.missing.join(", ")));
                }
                RuleResult { rule: rule.clone(), failures: 0, sample: String::new(), error: Some(msg) }
            }
        };
        tracing::debug!(rule = %rule.name, seconds = started.elapsed().as_secs_f64(), "rule ran");
        result
    }
}

/// Runs every rule over the tables of the version in `dataset`; never stops
/// at the first failure. When the tables cannot be loaded at all, every rule
/// reports that as its error.
pub fn run_rules(dataset: &Path, rules: &[Rule]) -> Vec<RuleResult> {
    match Tables::load(dataset) {
        Ok(tables) => rules.iter().map(|r| tables.run(r)).collect(),
        Err(e) => rules
            .iter()
            .map(|r| RuleResult { rule: r.clone(), failures: 0, sample: String::new(), error: Some(e.to_string()) })
            .collect(),
    }
}

fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Rules derived from the constraints declared in `schemas/`: primary keys
/// and `unique` fields are unique, `required` fields are not null, `enum`
/// values are allowed, numbers are inside `minimum`/`maximum`.
pub fn schema_rules() -> Vec<Rule> {
    let mut rules = Vec::new();
    let Ok(schemas) = orbita_dataset::schema::TableSchema::all() else { return rules };
    for s in schemas {
        let t = &s.name;
        let q = |f: &str| format!("\"{f}\"");
        let key: Vec<String> = s.primary_key.iter().map(|k| q(k)).collect();
        rules.push(Rule {
            name: format!("schema_{t}_primary_key_unique"),
            why: format!("({}) identifies a row of {t}.", s.primary_key.join(", ")),
            file: format!("schemas/{t}.schema.json"),
            sql: format!(
                "select {k}, count(*) as n from {t} group by {k} having count(*) > 1",
                k = key.join(", ")
            ),
            partition_by_doc: false,
        });
        for f in &s.fields {
            let c = &f.constraints;
            let col = q(&f.name);
            let mut conds = Vec::new();
            if c.required {
                conds.push(format!("{col} is null"));
            }
            if let Some(allowed) = &c.allowed {
                let list: Vec<String> = allowed.iter().map(|a| sql_string(a)).collect();
                conds.push(format!("{col} not in ({})", list.join(", ")));
            }
            if f.type_name != "list<string>" && f.type_name != "string" {
                if let Some(min) = c.minimum {
                    conds.push(format!("{col} < {min}"));
                }
                if let Some(max) = c.maximum {
                    conds.push(format!("{col} > {max}"));
                }
            }
            if !conds.is_empty() {
                rules.push(Rule {
                    name: format!("schema_{t}_{}_constraints", f.name),
                    why: format!("{t}.{}: {}", f.name, f.description),
                    file: format!("schemas/{t}.schema.json"),
                    sql: {
                        let mut cols = key.clone();
                        if !cols.contains(&col) {
                            cols.push(col.clone());
                        }
                        format!("select {} from {t} where {}", cols.join(", "), conds.join(" or "))
                    },
                    partition_by_doc: false,
                });
            }
            if c.unique && !(s.primary_key.len() == 1 && s.primary_key[0] == f.name) {
                rules.push(Rule {
                    name: format!("schema_{t}_{}_unique", f.name),
                    why: format!("{t}.{} is declared unique.", f.name),
                    file: format!("schemas/{t}.schema.json"),
                    sql: format!("select {col}, count(*) as n from {t} group by {col} having count(*) > 1"),
                    partition_by_doc: false,
                });
            }
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    // A partitioned rule is marked by its comment line and keeps its why text apart.
    #[test]
    fn partition_line_marks_a_rule() {
        let r = parse_rule("x.sql", "-- rule: joined\n-- why: text matches.\n-- partition: doc_id\nselect 1 from t where false\n");
        assert!(r.partition_by_doc);
        assert_eq!((r.why.as_str(), r.sql.as_str()), ("text matches.", "select 1 from t where false"));
        assert!(!parse_rule("y.sql", "-- rule: y\nselect 1\n").partition_by_doc);
    }

    #[test]
    fn rule_files_name_themselves_and_explain_why() {
        let r = parse_rule("x.sql", "-- rule: key_unique\n-- why: keys identify rows.\nselect 1 from t where false;\n");
        assert_eq!(r.name, "key_unique");
        assert_eq!(r.why, "keys identify rows.");
        assert_eq!(r.sql, "select 1 from t where false");
    }

    // Guards `orbita check` outside the repository: the embedded rules are
    // the ones `checks/` holds, parsed the same way.
    #[test]
    fn embedded_rules_are_the_rule_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../checks");
        let on_disk = load_rules(&dir).unwrap();
        assert!(on_disk.len() >= 10);
        assert_eq!(embedded_rules(), on_disk);
    }

    #[test]
    fn schema_rules_cover_keys_enums_and_ranges() {
        let rules = schema_rules();
        let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
        assert!(names.contains(&"schema_sentences_primary_key_unique"));
        let kind = rules.iter().find(|r| r.name == "schema_mentions_kind_constraints").unwrap();
        assert!(kind.sql.contains("not in") && kind.sql.contains("'former_leader'"));
        let label = rules.iter().find(|r| r.name == "schema_stances_label_constraints").unwrap();
        assert!(label.sql.contains("\"label\" < -2") && label.sql.contains("\"label\" > 2"), "{}", label.sql);
    }
}
