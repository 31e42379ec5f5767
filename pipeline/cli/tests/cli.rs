//! End-to-end tests of the `orbita` binary on the seed corpus.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

fn build(raw: &Path, out: &Path, extra: &[&str]) -> (Output, PathBuf) {
    let mut args = vec!["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = orbita(&args);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let dir = PathBuf::from(stdout.lines().last().unwrap_or("").trim());
    (o, dir)
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

fn table_hashes(dir: &Path) -> Vec<(String, String)> {
    let m = manifest(dir);
    m["tables"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["sha256"].as_str().unwrap().to_string())).collect()
}

/// Copies the seed corpus into a new directory, files created in `order`.
fn copy_raw(to: &Path, reverse: bool) {
    std::fs::create_dir_all(to).unwrap();
    let mut files = common::seed_files(&repo());
    if reverse {
        files.reverse();
    }
    for f in files {
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
}

#[test]
fn seed_build_writes_every_table_and_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (o, dir) = build(&common::seed_raw(&repo(), &tmp.path().join("raw")), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m = manifest(&dir);
    for t in ["documents", "sentences", "mentions", "stances", "alignment"] {
        assert!(m["tables"][t]["rows"].as_u64().unwrap() > 0, "{t} is empty");
    }
    assert_eq!(m["accounting"]["documents"], 2);
    assert!(out.join("latest/manifest.json").is_file());
    let v = orbita(&["verify", dir.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    let c = orbita(&["check", dir.to_str().unwrap()]);
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stdout));
    // No absolute path of the build machine ends up in the manifest.
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    assert!(!text.contains(tmp.path().to_str().unwrap()));
}

#[test]
fn same_inputs_give_identical_bytes_whatever_threads_and_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    copy_raw(&tmp.path().join("a"), false);
    copy_raw(&tmp.path().join("b"), true);
    let (o1, d1) = build(&tmp.path().join("a"), &tmp.path().join("out1"), &["--threads", "1"]);
    let (o2, d2) = build(&tmp.path().join("b"), &tmp.path().join("out2"), &["--threads", "4"]);
    assert!(o1.status.success() && o2.status.success());
    assert_eq!(table_hashes(&d1), table_hashes(&d2));
    assert_eq!(d1.file_name(), d2.file_name(), "same tables, same dataset id");
    for t in ["documents", "rejects", "sentences", "mentions", "stances", "alignment"] {
        let a = std::fs::read(d1.join(format!("{t}.parquet"))).unwrap();
        let b = std::fs::read(d2.join(format!("{t}.parquet"))).unwrap();
        assert!(a == b, "{t}.parquet differs");
    }
    // A second build into the same output is the same version.
    let (o3, d3) = build(&tmp.path().join("a"), &tmp.path().join("out1"), &["--threads", "2"]);
    assert!(o3.status.success());
    assert_eq!(d1, d3);
}

#[test]
fn verify_fails_on_any_flipped_byte_in_a_table_or_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let (o, dir) = build(&common::seed_raw(&repo(), &tmp.path().join("raw")), &tmp.path().join("out"), &[]);
    assert!(o.status.success());
    let mut files: Vec<PathBuf> = ["documents", "rejects", "sentences", "mentions", "stances", "alignment"]
        .iter()
        .map(|t| PathBuf::from(format!("{t}.parquet")))
        .collect();
    files.push("manifest.json".into());
    for (i, f) in files.iter().enumerate() {
        let copy = tmp.path().join(format!("copy{i}"));
        std::fs::create_dir_all(&copy).unwrap();
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
        let path = copy.join(f);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = (bytes.len() * (i + 1)) / (files.len() + 1);
        bytes[at] ^= 0x01;
        std::fs::write(&path, bytes).unwrap();
        let v = orbita(&["verify", copy.to_str().unwrap()]);
        assert_eq!(v.status.code(), Some(1), "flip in {} at {at} not detected", f.display());
    }
}

#[test]
fn lock_and_diff_gate_on_table_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (o, dir) = build(&common::seed_raw(&repo(), &tmp.path().join("raw")), &tmp.path().join("out"), &[]);
    assert!(o.status.success());
    let lock = tmp.path().join("dataset.lock");
    // The changelog goes to the scratch directory, not the repository's data/CHANGELOG.md.
    let changelog = tmp.path().join("CHANGELOG.md");
    let l = orbita(&["lock", dir.to_str().unwrap(), "--lock", lock.to_str().unwrap(), "--changelog", changelog.to_str().unwrap()]);
    assert!(l.status.success(), "{}", String::from_utf8_lossy(&l.stderr));
    let d = orbita(&["diff", "--lock", lock.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(d.status.code(), Some(0));
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&lock).unwrap()).unwrap();
    v["tables"]["stances"]["rows"] = serde_json::json!(1);
    v["tables"]["stances"]["sha256"] = serde_json::json!("0".repeat(64));
    std::fs::write(&lock, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let d = orbita(&["diff", "--lock", lock.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(d.status.code(), Some(1));
    let text = String::from_utf8_lossy(&d.stdout);
    assert!(text.contains("POLICY VIOLATION: stances: row count 1 →"), "{text}");
}

#[test]
fn every_input_is_a_document_a_duplicate_or_a_reject() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    copy_raw(&raw, false);
    std::fs::write(raw.join("empty.txt"), "").unwrap();
    std::fs::write(raw.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::copy(raw.join("002_14ed5e0fda857643.txt"), raw.join("copy.txt")).unwrap();
    std::fs::write(raw.join("notes.pdf"), b"%PDF-1.4").unwrap();
    let (o, dir) = build(&raw, &tmp.path().join("out"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let acc = &manifest(&dir)["accounting"];
    assert_eq!(acc["files_seen"], 6);
    assert_eq!(acc["documents"].as_u64().unwrap() + acc["duplicates"].as_u64().unwrap() + acc["rejects"].as_u64().unwrap(), acc["records_seen"].as_u64().unwrap());
    assert_eq!(acc["duplicates"], 1);
    assert_eq!(acc["rejects"], 3);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("empty.txt") && stderr.contains("image.txt"), "{stderr}");
    let (strict, _) = build(&raw, &tmp.path().join("out"), &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

// Which inputs stay in memory between passes (none, some, all) never changes
// the dataset, rejects and duplicates included.
#[test]
fn what_is_kept_between_passes_never_changes_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    copy_raw(&raw, false);
    std::fs::write(raw.join("empty.txt"), "").unwrap();
    std::fs::copy(raw.join("002_14ed5e0fda857643.txt"), raw.join("copy.txt")).unwrap();
    for i in 0..40 {
        std::fs::write(raw.join(format!("note{i:02}.txt")), format!("Note {i}. Peru is a close ally of Russia.\n")).unwrap();
    }
    let (o, all) = build(&raw, &tmp.path().join("all"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for keep in ["0", "1", "700", "20000"] {
        let (o, d) = build(&raw, &tmp.path().join(format!("keep{keep}")), &["--keep-bytes", keep, "--threads", "2"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(d.file_name(), all.file_name(), "--keep-bytes {keep}");
        assert_eq!(table_hashes(&d), table_hashes(&all));
    }
}

#[test]
fn bad_invocations_exit_2_with_the_reason() {
    let o = orbita(&["build", "--raw", "/nonexistent/raw", "--out", "/tmp/x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/raw"));
    let o = orbita(&["verify", "/nonexistent/dataset"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn split_prints_character_offsets() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("t.txt");
    std::fs::write(&f, "Bogotá recalled its ambassador. Moscow was pleased.").unwrap();
    let o = orbita(&["split", f.to_str().unwrap()]);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["start"], 32);
    assert_eq!(lines[1]["text"], "Moscow was pleased.");
}

#[test]
fn a_corpus_of_several_batches_is_byte_identical_across_thread_counts() {
    // 2,500 documents make three streaming batches of at most 1,024.
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    let countries = ["Chile", "Peru", "Cuba", "Brazil", "Mexico", "Bolivia", "Panama"];
    for i in 0..2500 {
        let (a, b) = (countries[i % 7], countries[(i / 7) % 7]);
        let text = format!("Report {i}. {a} is a close ally of Russia. {b} remains neutral toward the United States.\n");
        std::fs::write(raw.join(format!("{i:05}.txt")), text).unwrap();
    }
    let (o1, d1) = build(&raw, &tmp.path().join("out1"), &["--threads", "1"]);
    let (o2, d2) = build(&raw, &tmp.path().join("out2"), &["--threads", "3"]);
    assert!(o1.status.success() && o2.status.success());
    assert_eq!(manifest(&d1)["tables"]["documents"]["rows"], 2500);
    assert_eq!(table_hashes(&d1), table_hashes(&d2));
}

#[test]
fn sharded_builds_merge_into_the_single_build_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    copy_raw(&raw, false);
    let countries = ["Chile", "Peru", "Cuba", "Brazil", "Mexico"];
    for i in 0..40 {
        let text = format!("Note {i}. {} is a close ally of Russia.\n", countries[i % 5]);
        std::fs::write(raw.join(format!("n{i:02}.txt")), text).unwrap();
    }
    std::fs::write(raw.join("dup.txt"), "Note 3. Brazil is a close ally of Russia.\n").unwrap();
    std::fs::write(raw.join("empty.txt"), "").unwrap();
    std::fs::write(raw.join("x.pdf"), "%PDF").unwrap();
    let (o, single) = build(&raw, &tmp.path().join("single"), &[]);
    assert!(o.status.success());
    for n in 1..=3u32 {
        let mut parts = Vec::new();
        for i in 0..n {
            let (o, d) = build(&raw, &tmp.path().join(format!("part-{n}-{i}")), &["--shard", &format!("{i}/{n}")]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            parts.push(d.to_string_lossy().into_owned());
        }
        parts.reverse(); // any order
        let out = tmp.path().join(format!("merged-{n}"));
        let mut args = vec!["merge", "--out", out.to_str().unwrap()];
        args.extend(parts.iter().map(String::as_str));
        let m = orbita(&args);
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
        let merged = PathBuf::from(String::from_utf8_lossy(&m.stdout).lines().last().unwrap().trim());
        assert_eq!(table_hashes(&merged), table_hashes(&single), "N = {n}");
        assert_eq!(
            std::fs::read(merged.join("manifest.json")).unwrap(),
            std::fs::read(single.join("manifest.json")).unwrap(),
            "N = {n}: the manifest too"
        );
    }
    // A missing shard is refused with the reason.
    let (_, p0) = build(&raw, &tmp.path().join("part-2-0"), &["--shard", "0/2"]);
    let m = orbita(&["merge", "--out", tmp.path().join("bad").to_str().unwrap(), p0.to_str().unwrap()]);
    assert_eq!(m.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&m.stderr).contains("shards [1] of 2 are missing"));
}
