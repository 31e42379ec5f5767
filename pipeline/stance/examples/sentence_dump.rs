//! Dumps documents as orbita reads them — ingest-cleaned text cut by the splitter — one JSON
//! line per document: `{"doc", "date", "sentences": [...], "extra": {...}}`. The annotation
//! draw (`pipeline/eval/stance/tools/sample_pairs.py`) samples sentences from these dumps, so
//! that the sentences it gives annotators are the sentences the pipeline sees.
//!
//! ```text
//! # a JSONL corpus with `source_path`, `country_iso3` and `year` per line (the UN General Debate):
//! cargo run --release -p orbita-stance --example sentence_dump -- jsonl ungdc.jsonl > un.jsonl
//! # files under a root, relative paths on stdin, each document named PREFIX/<path>:
//! find . -name '*.md' | sort | cargo run --release -p orbita-stance --example sentence_dump -- files ROOT PREFIX
//! ```

use std::io::{BufRead, Write};

fn emit(out: &mut impl Write, doc: &str, parsed: &orbita_ingest::Parsed, extra: serde_json::Value) {
    let spans = orbita_split::split(&parsed.text);
    let sentences: Vec<&str> = spans.iter().map(|r| &parsed.text[r.clone()]).collect();
    let date = parsed.meta.date_from.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    let line = serde_json::json!({"doc": doc, "date": date, "sentences": sentences, "extra": extra});
    writeln!(out, "{line}").expect("write stdout");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limits = orbita_ingest::Limits::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.first().map(String::as_str) {
        Some("jsonl") => {
            let file = std::fs::File::open(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
            for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
                let line = line.expect("read line");
                let v: serde_json::Value =
                    serde_json::from_str(&line).unwrap_or_else(|e| panic!("{} line {}: {e}", args[1], i + 1));
                let source = v["source_path"].as_str().unwrap_or_default();
                let base = source.rsplit('/').next().unwrap_or_default().trim_end_matches(".txt");
                let input = orbita_ingest::Input { path: "speech.jsonl", bytes: line.as_bytes(), sidecar: None };
                let extra = serde_json::json!({"speaker": v["country_iso3"], "year": v["year"]});
                for parsed in orbita_ingest::parse(&input, &limits).into_iter().flatten() {
                    emit(&mut out, &format!("ungdc/{base}"), &parsed, extra.clone());
                }
            }
        }
        Some("files") => {
            let (root, prefix) = (&args[1], &args[2]);
            for rel in std::io::stdin().lock().lines() {
                let rel = rel.expect("read stdin");
                let rel = rel.trim_start_matches("./");
                let path = format!("{root}/{rel}");
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                let sidecar = std::fs::read(format!("{path}.meta.yaml")).ok();
                let input = orbita_ingest::Input { path: &path, bytes: &bytes, sidecar: sidecar.as_deref() };
                for parsed in orbita_ingest::parse(&input, &limits).into_iter().flatten() {
                    emit(&mut out, &format!("{prefix}/{rel}"), &parsed, serde_json::Value::Null);
                }
            }
        }
        _ => {
            eprintln!("usage: sentence_dump jsonl FILE | sentence_dump files ROOT PREFIX < paths");
            std::process::exit(2);
        }
    }
}
