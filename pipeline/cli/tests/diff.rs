//! The dataset diff and its gate, end to end through the `orbita` binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

fn build(raw: &Path, out: &Path) -> PathBuf {
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim())
}

fn seeds(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    common::seed_raw(&repo(), to);
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn two_builds_of_the_same_inputs_show_no_difference() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = common::seed_raw(&repo(), &tmp.path().join("raw"));
    let a = build(&raw, &tmp.path().join("a"));
    let b = build(&raw, &tmp.path().join("b"));
    let o = orbita(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("no differences"), "{}", stdout(&o));
}

#[test]
fn a_flipped_stance_fails_the_gate_naming_country_labels_and_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    seeds(&raw);
    std::fs::write(raw.join("note.txt"), "Chile is a close ally of Russia.\n").unwrap();
    let a = build(&raw, &tmp.path().join("a"));
    let lock = tmp.path().join("dataset.lock");
    let changelog = tmp.path().join("CHANGELOG.md");
    let l = orbita(&["lock", a.to_str().unwrap(), "--lock", lock.to_str().unwrap(), "--changelog", changelog.to_str().unwrap()]);
    assert!(l.status.success(), "{}", String::from_utf8_lossy(&l.stderr));

    // Edit one sentence so that Chile's stance toward Russia flips sign.
    std::fs::write(raw.join("note.txt"), "Chile is a sworn enemy of Russia.\n").unwrap();
    // Against the lock alone (the locked version is not on disk here).
    let b = build(&raw, &tmp.path().join("b"));
    let o = orbita(&["diff", "--lock", lock.to_str().unwrap(), b.to_str().unwrap()]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("POLICY VIOLATION: label flip CHL → RUS"), "{text}");
    assert!(text.contains("- [") && text.contains("Chile is a close ally of Russia."), "{text}");
    assert!(text.contains("+ [") && text.contains("Chile is a sworn enemy of Russia."), "{text}");

    // Markdown for review, JSON for tools.
    let md = stdout(&orbita(&["diff", "--lock", lock.to_str().unwrap(), b.to_str().unwrap(), "--format", "markdown"]));
    assert!(md.contains("| CHL | RUS |") && md.contains("**flip**"), "{md}");
    let js: serde_json::Value =
        serde_json::from_str(&stdout(&orbita(&["diff", "--lock", lock.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]))).unwrap();
    assert!(js["violations"].as_array().unwrap().iter().any(|v| v.as_str().unwrap().contains("CHL")));
}

#[test]
fn an_unrelated_document_adds_rows_passes_the_policy_and_the_lock_bumps_minor() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    seeds(&raw);
    let out = tmp.path().join("out");
    let a = build(&raw, &out);
    let lock = tmp.path().join("dataset.lock");
    let changelog = tmp.path().join("CHANGELOG.md");
    let args = ["lock", "--lock", lock.to_str().unwrap(), "--changelog", changelog.to_str().unwrap()];
    assert!(orbita(&[&args[..], &[a.to_str().unwrap()]].concat()).status.success());

    std::fs::write(raw.join("extra.txt"), "Norway is a close ally of Denmark, officials in Oslo said.\n").unwrap();
    let b = build(&raw, &out);
    // The locked version is still in the output directory: a row-level diff.
    let o = orbita(&["diff", "--lock", lock.to_str().unwrap(), b.to_str().unwrap()]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("documents  2 → 3 rows: 0 only in A, 1 only in B"), "{text}");
    assert!(text.contains("+ doc_id=") && text.contains("path=extra.txt"), "{text}");
    assert!(!text.contains("POLICY VIOLATION"), "{text}");

    assert!(orbita(&[&args[..], &[b.to_str().unwrap()]].concat()).status.success());
    let log = std::fs::read_to_string(&changelog).unwrap();
    assert!(log.contains("## 0.2.0 — ") && log.contains("## 0.1.0 — "), "{log}");
    assert!(log.find("## 0.2.0").unwrap() < log.find("## 0.1.0").unwrap(), "newest first: {log}");
    // Regression: with the locked version on disk the changelog entry is row by row too
    // (it used to give only the net row change: "| documents | 2 | 3 | 0 | 1 | 0 | 0 |").
    assert!(log.contains("| documents | 2 | 3 | 0 | 1 | 0 | 2 |"), "{log}");
}
