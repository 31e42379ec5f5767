//! The binary outside the repository: from an empty working directory, with
//! no `data/kb`, `data/lexicon` or `checks/` beside it, `orbita build` uses
//! the knowledge base and lexicon embedded at compile time and `orbita
//! check` the embedded rules. (`make test-install` does the same with a
//! `cargo install`ed binary.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(cwd).output().expect("orbita runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

// Regression: `orbita build --raw ~/news` from another directory failed with
// "data/kb: No such file or directory".
#[test]
fn builds_verifies_and_checks_from_an_empty_directory_outside_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    std::fs::create_dir(&news).unwrap();
    for e in std::fs::read_dir(repo().join("data/raw")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, news.join(p.file_name().unwrap())).unwrap();
    }
    let cwd = tmp.path().join("empty");
    std::fs::create_dir(&cwd).unwrap();
    let o = orbita_in(&cwd, &["build", "--raw", "../news", "--out", "datasets"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = orbita_in(&cwd, &["verify", "datasets/latest"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = orbita_in(&cwd, &["check", "datasets/latest"]);
    assert!(o.status.success(), "{}", text(&o));
    let rules = std::fs::read_dir(repo().join("checks")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sql")).count();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.lines().filter(|l| l.starts_with("ok ") && !l.contains("schema_")).count() >= rules, "{out}");

    // The same tables as the committed lock, and the same reference files as the repository's.
    let built = manifest(&cwd.join("datasets/latest"));
    let lock: serde_json::Value = serde_json::from_slice(&std::fs::read(repo().join("data/dataset.lock")).unwrap()).unwrap();
    for (name, t) in lock["tables"].as_object().unwrap() {
        assert_eq!(built["tables"][name]["sha256"], t["sha256"], "{name}");
    }
    let o = orbita_in(&repo(), &["build", "--raw", news.to_str().unwrap(), "--out", tmp.path().join("explicit").to_str().unwrap(), "--kb", "data/kb", "--lexicon", "data/lexicon"]);
    assert!(o.status.success(), "{}", text(&o));
    let explicit = manifest(&tmp.path().join("explicit/latest"));
    assert_eq!(explicit["inputs"]["kb"], built["inputs"]["kb"]);
    assert_eq!(explicit["inputs"]["lexicon"], built["inputs"]["lexicon"]);
    assert!(!cwd.join("data").exists() && !cwd.join("checks").exists());
}

#[test]
fn an_overriding_knowledge_base_is_what_the_manifest_records() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    std::fs::create_dir(&kb).unwrap();
    for e in std::fs::read_dir(repo().join("data/kb")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, kb.join(p.file_name().unwrap())).unwrap();
        }
    }
    // One more comment line: other bytes, same meaning.
    let countries = kb.join("countries.tsv");
    let mut body = std::fs::read_to_string(&countries).unwrap();
    body.push_str("# an added comment\n");
    std::fs::write(&countries, body).unwrap();
    let out = tmp.path().join("out");
    let o = orbita_in(tmp.path(), &["build", "--raw", repo().join("data/raw").to_str().unwrap(), "--out", out.to_str().unwrap(), "--kb", kb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let m = manifest(&out.join("latest"));
    let entry = m["inputs"]["kb"].as_array().unwrap().iter().find(|e| e["path"] == "countries.tsv").unwrap().clone();
    assert_eq!(entry["sha256"].as_str().unwrap(), orbita_dataset::inputs::sha256_hex(&std::fs::read(&countries).unwrap()));
    let embedded = orbita_dataset::defaults::KB.iter().find(|(p, _)| *p == "countries.tsv").unwrap().1;
    assert_ne!(entry["sha256"].as_str().unwrap(), orbita_dataset::inputs::sha256_hex(embedded.as_bytes()));
}
