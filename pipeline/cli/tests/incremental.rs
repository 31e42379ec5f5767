//! Incremental rebuilds: after each kind of change, a rebuild that reuses
//! the previous version must write exactly the tables a clean build of the
//! same inputs writes (same table hashes, same dataset id), while copying
//! the batches the change did not touch.
//!
//! The corpora are the seed articles cut into small documents, built with
//! small batches (`--batch-bytes`) so that they span many batches.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BATCH_BYTES: &str = "3000";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

/// A scratch workspace: raw corpus, knowledge base and lexicon that the
/// test may edit.
struct Work {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Work {
    fn new() -> Work {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let raw = root.join("raw");
        std::fs::create_dir_all(&raw).unwrap();
        // The seed articles cut into documents of 4 lines each.
        let mut n = 0;
        for seed in ["000_855b9c7a585e738b.txt", "002_14ed5e0fda857643.txt"] {
            let text = std::fs::read_to_string(repo().join("data/raw").join(seed)).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for chunk in lines.chunks(4) {
                std::fs::write(raw.join(format!("doc_{n:02}.txt")), chunk.join("\n") + "\n").unwrap();
                if n % 3 == 0 {
                    let meta = format!("title: \"Part {n}\"\nsource: Izvestia\nsource_kind: analysis\ndate_from: 2025-11-{:02}\n", 1 + n % 28);
                    std::fs::write(raw.join(format!("doc_{n:02}.txt.meta.yaml")), meta).unwrap();
                }
                n += 1;
            }
        }
        for dir in ["kb", "lexicon"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            for e in std::fs::read_dir(repo().join("data").join(dir)).unwrap() {
                let e = e.unwrap();
                if e.file_type().unwrap().is_file() {
                    std::fs::copy(e.path(), root.join(dir).join(e.file_name())).unwrap();
                }
            }
        }
        Work { _tmp: tmp, root }
    }

    fn p(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn args<'a>(&'a self, cmd: &'a str, out: &'a Path) -> Vec<String> {
        [cmd, "--raw", "raw", "--kb", "kb", "--lexicon", "lexicon", "--batch-bytes", BATCH_BYTES, "--out"]
            .iter()
            .map(|s| if ["raw", "kb", "lexicon"].contains(s) { self.p(s).display().to_string() } else { s.to_string() })
            .chain([out.display().to_string()])
            .collect()
    }

    /// Builds into `out`; returns the version directory and the batch line.
    fn build(&self, out: &Path) -> (PathBuf, String) {
        let args = self.args("build", out);
        let o = orbita(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{stderr}");
        let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim());
        let batches = stderr.lines().find(|l| l.starts_with("batches:")).unwrap_or("").to_string();
        (dir, batches)
    }

    fn status(&self, out: &Path) -> String {
        let args = self.args("status", out);
        let o = orbita(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let path = self.p(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, f(text)).unwrap();
    }
}

fn tables(dir: &Path) -> Vec<(String, String)> {
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    m["tables"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["sha256"].as_str().unwrap().to_string())).collect()
}

/// (copied, relinked, computed) from the build's batch line (none when
/// the build reused an existing version as it was).
fn work(line: &str) -> (usize, usize, usize) {
    if line.is_empty() {
        return (0, 0, 0);
    }
    let n: Vec<usize> = line
        .trim_start_matches("batches:")
        .split([',', ';'])
        .take(3)
        .map(|s| s.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

/// Relinked batches that kept their stances, from the build's batch line.
fn stances_kept(line: &str) -> usize {
    let tail = line.rsplit(';').next().unwrap();
    assert!(tail.contains("kept their stances"), "{line}");
    tail.split_whitespace().next().unwrap().parse().unwrap()
}

/// [`rebuild_matches_clean`], with the incremental build's batch line.
fn rebuild_matches_clean_line(w: &Work, out: &Path) -> (String, (usize, usize, usize)) {
    let (inc, line) = w.build(out);
    check_matches_clean(w, &inc, &line);
    let work = work(&line);
    (line, work)
}

/// Builds incrementally into `out`, then cleanly into a fresh directory, and
/// compares them table by table. Returns the incremental build's work.
fn rebuild_matches_clean(w: &Work, out: &Path) -> (usize, usize, usize) {
    rebuild_matches_clean_line(w, out).1
}

fn check_matches_clean(w: &Work, inc: &Path, line: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let (clean, clean_line) = w.build(fresh.path());
    let (c, r, _) = work(&clean_line);
    assert_eq!((c, r), (0, 0), "a build without a previous version copies nothing: {clean_line}");
    let (a, b) = (tables(inc), tables(&clean));
    for ((ta, ha), (tb, hb)) in a.iter().zip(&b) {
        assert_eq!((ta, ha), (tb, hb), "table {ta} differs from a clean build ({line})");
    }
    assert_eq!(inc.file_name(), clean.file_name(), "dataset id");
    let v = orbita(&["verify", inc.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
}

fn first_build(w: &Work, out: &Path) -> usize {
    let (_, line) = w.build(out);
    let (c, r, n) = work(&line);
    assert_eq!((c, r), (0, 0));
    assert!(n >= 5, "the corpus must span several batches: {line}");
    n
}

#[test]
fn editing_one_document_recomputes_its_batch_only() {
    let w = Work::new();
    let out = w.p("out");
    let total = first_build(&w, &out);
    w.edit("raw/doc_07.txt", |t| t + "Brazil and Argentina are close allies of Colombia.\n");
    let (copied, relinked, computed) = rebuild_matches_clean(&w, &out);
    assert_eq!(relinked, 0);
    assert!((1..=2).contains(&computed), "{computed} computed");
    assert!(copied + 2 >= total, "{copied} of {total} copied");
}

#[test]
fn adding_deleting_and_renaming_documents() {
    let w = Work::new();
    let out = w.p("out");
    first_build(&w, &out);
    // Add one.
    std::fs::write(w.p("raw/new_doc.txt"), "Russia and China deepened their partnership, Moscow said.\n").unwrap();
    let (copied, _, computed) = rebuild_matches_clean(&w, &out);
    assert!(copied > 0 && (1..=2).contains(&computed), "{copied} copied, {computed} computed");
    // Delete one (with its sidecar).
    std::fs::remove_file(w.p("raw/doc_03.txt")).unwrap();
    std::fs::remove_file(w.p("raw/doc_03.txt.meta.yaml")).unwrap();
    let (copied, _, computed) = rebuild_matches_clean(&w, &out);
    assert!(copied > 0 && (1..=2).contains(&computed), "{copied} copied, {computed} computed");
    // Rename one: same text, another path.
    std::fs::rename(w.p("raw/doc_10.txt"), w.p("raw/renamed.txt")).unwrap();
    let (copied, _, computed) = rebuild_matches_clean(&w, &out);
    assert!(copied > 0 && (1..=2).contains(&computed), "{copied} copied, {computed} computed");
    // Duplicate one: the kept row now counts a duplicate.
    std::fs::copy(w.p("raw/doc_11.txt"), w.p("raw/zz_copy.txt")).unwrap();
    let (copied, _, computed) = rebuild_matches_clean(&w, &out);
    assert!(copied > 0 && (1..=2).contains(&computed), "{copied} copied, {computed} computed");
}

#[test]
fn changing_a_sidecar_recomputes_its_document() {
    let w = Work::new();
    let out = w.p("out");
    first_build(&w, &out);
    w.edit("raw/doc_06.txt.meta.yaml", |t| t.replace("date_from: 2025-11-07", "date_from: 2019-03-02"));
    let (copied, relinked, computed) = rebuild_matches_clean(&w, &out);
    assert!(copied > 0 && relinked == 0 && (1..=2).contains(&computed), "{copied} copied, {computed} computed");
    // A rejected input appears, then is fixed.
    std::fs::write(w.p("raw/broken.txt"), b"\xff\xfe\x00 not text \x00\x00").unwrap();
    rebuild_matches_clean(&w, &out);
    std::fs::remove_file(w.p("raw/broken.txt")).unwrap();
    rebuild_matches_clean(&w, &out);
}

#[test]
fn changing_the_knowledge_base_or_lexicon_keeps_documents_and_sentences() {
    let w = Work::new();
    let out = w.p("out");
    let total = first_build(&w, &out);
    w.edit("kb/country_names.tsv", |t| t.replace("COL\tdemonym\tColombian\n", ""));
    let st = w.status(&out);
    assert!(st.contains("ingest     fresh"), "{st}");
    assert!(st.contains("split      fresh"), "{st}");
    assert!(st.contains("link       STALE") && st.contains("kb changed"), "{st}");
    let (line, (copied, relinked, computed)) = rebuild_matches_clean_line(&w, &out);
    assert_eq!((copied, relinked, computed), (0, total, 0));
    // Batches without "Colombian" link as before and keep their stances; the others are labelled again.
    let kept = stances_kept(&line);
    assert!(kept > 0 && kept < total, "{line}");
    // A name that no document uses changes no mention: every batch keeps its stances.
    w.edit("kb/country_names.tsv", |t| t.replace("COL\tcountry\tRepublic of Colombia\n", "COL\tcountry\tRepublic of Colombia|Nueva Granada\n"));
    let (line, (copied, relinked, computed)) = rebuild_matches_clean_line(&w, &out);
    assert_eq!((copied, relinked, computed), (0, total, 0));
    assert_eq!(stances_kept(&line), total, "{line}");
    w.edit("lexicon/cues.tsv", |t| t.replace("allies\t2\tnoun\t0.9", "allies\t2\tnoun\t0.8"));
    let st = w.status(&out);
    assert!(st.contains("link       fresh") && st.contains("stance     STALE") && st.contains("lexicon changed"), "{st}");
    let (copied, relinked, computed) = rebuild_matches_clean(&w, &out);
    assert_eq!((copied, relinked, computed), (0, total, 0));
}

#[test]
fn status_counts_what_is_stale() {
    let w = Work::new();
    let out = w.p("out");
    let total = first_build(&w, &out);
    let st = w.status(&out);
    assert!(!st.contains("STALE"), "{st}");
    w.edit("raw/doc_02.txt", |t| t.replace("United States", "U.S."));
    let st = w.status(&out);
    let ingest = st.lines().find(|l| l.trim_start().starts_with("ingest")).unwrap();
    assert!(ingest.contains(" batches (") && ingest.contains("input changed: changed doc_02.txt"), "{st}");
    assert!(total > 1);
    let n: usize = ingest.split("STALE: ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!((1..=2).contains(&n), "{st}");
    assert!(st.contains("aggregate  STALE"), "{st}");
}

#[test]
fn a_damaged_previous_version_is_not_copied_from() {
    let w = Work::new();
    let out = w.p("out");
    let (dir, _) = w.build(&out);
    // Flip bytes in the middle of the previous version's sentences table.
    let path = dir.join("sentences.parquet");
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    bytes[mid + 1] ^= 0xff;
    std::fs::write(&path, bytes).unwrap();
    w.edit("raw/doc_05.txt", |t| t + "Japan supports Ukraine.\n");
    let (copied, relinked, _) = rebuild_matches_clean(&w, &out);
    assert_eq!((copied, relinked), (0, 0));
}

#[test]
fn successive_rebuilds_keep_matching_clean_builds() {
    let w = Work::new();
    let out = w.p("out");
    first_build(&w, &out);
    for i in 0..3 {
        w.edit(&format!("raw/doc_{:02}.txt", 4 + i * 5), |t| format!("{t}Round {i}: Turkey criticised Israel.\n"));
        let (copied, _, computed) = rebuild_matches_clean(&w, &out);
        assert!(copied > 0 && (1..=2).contains(&computed), "round {i}: {copied} copied, {computed} computed");
    }
}
