//! Running one rule in SQLite: the functions the rules use beyond SQLite's
//! own, the doc_id partitions, and the offending rows counted and sampled.

use crate::load::ident;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// Offending rows shown per failing rule.
pub const SAMPLE_ROWS: usize = 5;

/// Characters shown of one value in a sample.
const SAMPLE_CHARS: usize = 60;

/// The `doc_id` ranges of a partitioned rule: sixteen half-open ranges cut at
/// the hex digits `1`…`f`, so every id falls in exactly one (hex ids spread
/// evenly; any other string lands in a range too), and NULL ids in the first.
pub fn doc_ranges() -> Vec<(Option<char>, Option<char>)> {
    let cuts: Vec<char> = "123456789abcdef".chars().collect();
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut low = None;
    for &c in &cuts {
        ranges.push((low, Some(c)));
        low = Some(c);
    }
    ranges.push((low, None));
    ranges
}

/// The filter of one range on `doc_id`.
fn range_filter(range: (Option<char>, Option<char>)) -> String {
    match range {
        (None, Some(hi)) => format!("doc_id < '{hi}' or doc_id is null"),
        (Some(lo), Some(hi)) => format!("doc_id >= '{lo}' and doc_id < '{hi}'"),
        (Some(lo), None) => format!("doc_id >= '{lo}'"),
        (None, None) => "true".to_string(),
    }
}

/// Registers the functions the rules call that SQLite lacks or reads
/// differently from DuckDB (checks/README.md): `split_part`, `year` of an
/// ISO date, and `upper`, `lower` and one-argument `trim` over all of
/// Unicode (SQLite's own handle ASCII only).
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("split_part", 3, flags, |ctx| {
        let (Some(s), Some(sep), Some(n)) = (text(ctx, 0)?, text(ctx, 1)?, ctx.get::<Option<i64>>(2)?) else {
            return Ok(None);
        };
        Ok(Some(split_part(&s, &sep, n)))
    })?;
    conn.create_scalar_function("year", 1, flags, |ctx| Ok(text(ctx, 0)?.and_then(|d| year(&d))))?;
    conn.create_scalar_function("upper", 1, flags, |ctx| Ok(text(ctx, 0)?.map(|s| s.to_uppercase())))?;
    conn.create_scalar_function("lower", 1, flags, |ctx| Ok(text(ctx, 0)?.map(|s| s.to_lowercase())))?;
    conn.create_scalar_function("trim", 1, flags, |ctx| Ok(text(ctx, 0)?.map(|s| s.trim().to_string())))?;
    Ok(())
}

/// Argument `i` as text (numbers rendered as SQLite renders them), or None for NULL.
fn text(ctx: &Context<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(match ctx.get_raw(i) {
        ValueRef::Null => None,
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    })
}

/// DuckDB's `split_part`: the `n`-th part (1-based; negative counts from
/// the end) of `s` split at `sep`, or "" when there is no such part. An
/// empty separator splits into characters.
pub fn split_part(s: &str, sep: &str, n: i64) -> String {
    let parts: Vec<&str> = if sep.is_empty() {
        s.char_indices().map(|(i, c)| &s[i..i + c.len_utf8()]).collect()
    } else {
        s.split(sep).collect()
    };
    let index = match n {
        0 => None,
        n if n > 0 => usize::try_from(n - 1).ok(),
        n => usize::try_from(-n).ok().and_then(|k| parts.len().checked_sub(k)),
    };
    index.and_then(|i| parts.get(i)).map(|p| p.to_string()).unwrap_or_default()
}

/// The year of an ISO date (`YYYY-MM-DD`, as the loader writes dates).
pub fn year(date: &str) -> Option<i64> {
    let (sign, rest) = match date.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, date.strip_prefix('+').unwrap_or(date)),
    };
    let digits = rest.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().map(|y| sign * y)
}

/// A value as a sample shows it.
fn render(v: ValueRef<'_>) -> String {
    let s = match v {
        ValueRef::Null => "null".to_string(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    };
    if s.chars().count() > SAMPLE_CHARS {
        format!("{}…", s.chars().take(SAMPLE_CHARS - 1).collect::<String>())
    } else {
        s.replace('\n', " ")
    }
}

/// The rows a query returned: how many, and the first few rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows returned.
    pub count: usize,
    /// The first [`SAMPLE_ROWS`] rows, rendered.
    pub sample: Vec<Vec<String>>,
}

impl Rows {
    /// The sample as an aligned text table with the column names and the count.
    pub fn table(&self) -> String {
        if self.count == 0 {
            return String::new();
        }
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for row in &self.sample {
            for (w, v) in widths.iter_mut().zip(row) {
                *w = (*w).max(v.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
            padded.join(" | ").trim_end().to_string()
        };
        let mut out = vec![line(&self.columns)];
        out.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"));
        out.extend(self.sample.iter().map(|r| line(r)));
        if self.count > self.sample.len() {
            out.push(format!("… {} rows in all", self.count));
        }
        out.join("\n")
    }
}

/// Runs `sql` and counts its rows, keeping the first few; appends to `rows`.
fn query_into(conn: &Connection, sql: &str, rows: &mut Rows) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    if !stmt.readonly() {
        return Err(rusqlite::Error::InvalidQuery);
    }
    if rows.columns.is_empty() {
        rows.columns = stmt.column_names().map(str::to_string).collect();
    }
    let n = stmt.column_count();
    let mut result = stmt.query([])?;
    while let Some(row) = result.next()? {
        rows.count += 1;
        if rows.sample.len() < SAMPLE_ROWS {
            rows.sample.push((0..n).map(|i| row.get_ref(i).map(render)).collect::<rusqlite::Result<_>>()?);
        }
    }
    Ok(())
}

/// Runs a rule's query over the whole tables, or once per [`doc_ranges`]
/// range with each table in `doc_tables` (those with a `doc_id` column)
/// shadowed by a temporary view of that range, adding up the rows.
pub fn run(conn: &Connection, sql: &str, partition: bool, doc_tables: &[String]) -> rusqlite::Result<Rows> {
    let mut rows = Rows::default();
    if !partition {
        query_into(conn, sql, &mut rows)?;
        return Ok(rows);
    }
    for range in doc_ranges() {
        let filter = range_filter(range);
        for t in doc_tables {
            // An unqualified name finds the temp schema first, so the rule reads the view.
            conn.execute_batch(&format!("create temp view {q} as select * from main.{q} where {filter}", q = ident(t)))?;
        }
        let ran = query_into(conn, sql, &mut rows);
        for t in doc_tables {
            conn.execute_batch(&format!("drop view temp.{}", ident(t)))?;
        }
        ran?;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = crate::load::open().unwrap();
        register_functions(&c).unwrap();
        c
    }

    #[test]
    fn split_part_follows_duckdb() {
        assert_eq!(split_part("ab12:7", ":", 1), "ab12");
        assert_eq!(split_part("ab12:7", ":", 2), "7");
        assert_eq!(split_part("ab12:7", ":", 3), "");
        assert_eq!(split_part("a:b:c", ":", -1), "c");
        assert_eq!(split_part("a:b:c", ":", 0), "");
        assert_eq!(split_part("nocolon", ":", 1), "nocolon");
        assert_eq!(split_part("äb", "", 1), "ä");
    }

    #[test]
    fn year_of_an_iso_date() {
        assert_eq!(year("2024-02-29"), Some(2024));
        assert_eq!(year("0950-01-01"), Some(950));
        assert_eq!(year("-0044-03-15"), Some(-44));
        assert_eq!(year("not a date"), None);
    }

    // The registered functions behave as the rules expect, NULL in, NULL out.
    #[test]
    fn functions_in_sql() {
        let c = conn();
        let got: (String, i64, String, String, String, Option<String>, bool) = c
            .query_row(
                "select split_part('d1:3', ':', 1), year('1999-12-31'), upper('éa'), lower('ÉA'), trim(char(10) || ' x ' || char(9)), \
                 split_part(null, ':', 1), 'A' like 'a'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .unwrap();
        assert_eq!(got, ("d1".into(), 1999, "ÉA".into(), "éa".into(), "x".into(), None, false));
        // SQLite's two-argument trim is untouched.
        let t: String = c.query_row("select trim('xxaxx', 'x')", [], |r| r.get(0)).unwrap();
        assert_eq!(t, "a");
    }

    #[test]
    fn ranges_cover_every_id_once() {
        let c = conn();
        c.execute_batch(
            "create table t (doc_id text, n integer); \
             insert into t values ('0a', 1), ('1f', 2), ('9z', 3), ('a0', 4), ('ff', 5), ('Zed', 6), (null, 7), ('', 8), ('~', 9);",
        )
        .unwrap();
        let rows = run(&c, "select doc_id, n from t", true, &["t".to_string()]).unwrap();
        assert_eq!(rows.count, 9);
        let whole = run(&c, "select doc_id, n from t", false, &[]).unwrap();
        assert_eq!(whole.count, 9);
        // The views are gone afterwards: the table is whole again.
        let n: i64 = c.query_row("select count(*) from t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 9);
    }

    #[test]
    fn a_rule_that_writes_is_refused() {
        let c = conn();
        c.execute_batch("create table t (x integer)").unwrap();
        assert!(run(&c, "delete from t", false, &[]).is_err());
    }

    #[test]
    fn sample_table_names_columns_and_counts_rows() {
        let c = conn();
        let rows = run(&c, "select 'abc' as doc_id, 7.5 as score union all select 'd', null union all select 'e', 1 \
                            union all select 'f', 2 union all select 'g', 3 union all select 'h', 4", false, &[])
        .unwrap();
        assert_eq!(rows.count, 6);
        assert_eq!(rows.sample.len(), SAMPLE_ROWS);
        let t = rows.table();
        assert!(t.starts_with("doc_id | score"), "{t}");
        assert!(t.contains("abc    | 7.5") && t.contains("null") && t.ends_with("… 6 rows in all"), "{t}");
    }
}
