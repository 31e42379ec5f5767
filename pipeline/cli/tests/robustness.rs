//! Hostile and broken input: every case is accounted for, nothing panics,
//! and every reject names the file and a reason a person understands.

mod common;

use orbita_dataset::tables::Columns;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn orbita(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbita")).args(args).current_dir(repo()).output().expect("orbita runs")
}

/// (path, encoding, duplicates) of every document row.
fn documents(dir: &Path) -> Vec<(String, String, i32)> {
    let mut out = Vec::new();
    for b in orbita_dataset::read::table(dir, "documents").unwrap() {
        let c = Columns::new("documents", &b);
        let (p, e, d) = (c.str("path").unwrap(), c.str("encoding").unwrap(), c.i32("duplicates").unwrap());
        for i in 0..b.num_rows() {
            out.push((p.value(i).to_string(), e.value(i).to_string(), d.value(i)));
        }
    }
    out.sort();
    out
}

/// (path, record, code, reason) of every reject row.
fn rejects(dir: &Path) -> Vec<(String, i32, String, String)> {
    let mut out = Vec::new();
    for b in orbita_dataset::read::table(dir, "rejects").unwrap() {
        let c = Columns::new("rejects", &b);
        let (p, r, k, m) = (c.str("path").unwrap(), c.i32("record").unwrap(), c.str("code").unwrap(), c.str("reason").unwrap());
        for i in 0..b.num_rows() {
            out.push((p.value(i).to_string(), r.value(i), k.value(i).to_string(), m.value(i).to_string()));
        }
    }
    out
}

#[test]
fn every_bad_input_is_kept_with_its_decoding_or_rejected_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(raw.join("sub")).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(raw.join(name), bytes).unwrap();
    let body = "Chile is a close ally of the United States. Bolivia remains neutral.\n";
    // Decoded and kept.
    w("latin1.txt", b"Bogot\xe1 and Bras\xedlia signed an agreement. The minister\x92s visit was a success.\n");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Moscow and Havana held talks on energy.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("utf16.txt", &utf16);
    w("bom.txt", &[b"\xEF\xBB\xBF".as_slice(), b"Peru supports the resolution at the United Nations.\n"].concat());
    w("crlf.txt", b"Ecuador joined the agreement.\r\nParaguay followed.\r\n");
    w("cr.txt", b"Uruguay keeps a neutral stance.\rArgentina disagrees.\r");
    w("nul.txt", b"Panama signed\0 the treaty with Colombia.\n");
    w("longline.txt", "word ".repeat(200_000).as_bytes());
    w("one.txt", body.as_bytes());
    // Duplicates: the same bytes, and the same text with other whitespace.
    w("sub/one-copy.txt", body.as_bytes());
    w("one-crlf.txt", body.replace('\n', "  \r\n").as_bytes());
    // Rejected.
    w("empty.txt", b"");
    w("blank.txt", b"  \n\t\n  ");
    w("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0");
    w("archive.txt", b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0");
    w("big.txt", "Cuba. ".repeat(400_000).as_bytes());
    w("badyaml.md", b"---\ntitle: [unclosed\ndate: 2025-01-01\n---\nText about Mexico.\n");
    w("baddate.md", b"---\ntitle: A title\ndate: 2025-13-45\n---\nText about Mexico.\n");
    w("wrongtype.md", b"---\ntitle: [1, 2]\ndate: 2025-01-01\n---\nText about Mexico.\n");
    w("lines.jsonl", b"{\"text\": \"Chile condemned Russia.\", \"date\": \"2025-02-01\"}\n{not json}\n{\"title\": \"no text field\"}\n");
    w("notes.pdf", b"%PDF-1.4 binary");
    w("orphan.txt.meta.yaml", b"title: metadata without its document\n");
    std::os::unix::fs::symlink(raw.join("one.txt"), raw.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(raw.join("vanished.txt"), raw.join("broken.txt")).unwrap();
    std::os::unix::fs::symlink(raw.join("loop-b.txt"), raw.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink(raw.join("loop-a.txt"), raw.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink(raw.join("sub"), raw.join("dirlink")).unwrap();
    let fifo = raw.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());

    let out = tmp.path().join("out");
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap(), "--max-document-bytes", "2000000"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim());
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let acc = &m["accounting"];
    let n = |k: &str| acc[k].as_u64().unwrap();
    assert_eq!(n("documents") + n("duplicates") + n("rejects"), n("records_seen"), "{acc}");
    assert!(stderr.contains(&format!("= {} documents + {} duplicates + {} rejects", n("documents"), n("duplicates"), n("rejects"))));

    let docs = documents(&dir);
    let enc = |p: &str| docs.iter().find(|d| d.0 == p).map(|d| d.1.clone());
    assert_eq!(enc("latin1.txt").as_deref(), Some("windows-1252"));
    assert_eq!(enc("utf16.txt").as_deref(), Some("utf-16le-bom"));
    assert_eq!(enc("bom.txt").as_deref(), Some("utf-8-bom"));
    for kept in ["crlf.txt", "cr.txt", "nul.txt", "longline.txt", "lines.jsonl"] {
        assert!(enc(kept).is_some(), "{kept} should be a document: {docs:?}");
    }
    // link.txt and the copies collapse into one.txt's row (path order picks the first).
    let one = docs.iter().find(|d| d.0 == "link.txt" || d.0 == "one-crlf.txt" || d.0 == "one.txt").unwrap();
    assert_eq!(one.2, 3, "{docs:?}");

    let rej = rejects(&dir);
    let code = |p: &str| rej.iter().filter(|r| r.0 == p).map(|r| r.2.clone()).collect::<Vec<_>>();
    assert_eq!(code("empty.txt"), ["empty"]);
    assert_eq!(code("blank.txt"), ["empty"]);
    assert_eq!(code("image.txt"), ["binary"]);
    assert_eq!(code("archive.txt"), ["binary"]);
    assert_eq!(code("big.txt"), ["too_large"]);
    assert_eq!(code("badyaml.md"), ["front_matter"]);
    assert_eq!(code("baddate.md"), ["metadata"]);
    assert_eq!(code("wrongtype.md"), ["metadata"]);
    assert_eq!(code("lines.jsonl").len(), 2, "two bad lines of three: {rej:?}");
    assert_eq!(code("notes.pdf"), ["unsupported"]);
    assert_eq!(code("orphan.txt.meta.yaml"), ["unsupported"]);
    for p in ["broken.txt", "loop-a.txt", "loop-b.txt", "dirlink", "pipe.txt"] {
        assert_eq!(code(p), ["unreadable"], "{p}: {rej:?}");
    }
    // Reasons say what is wrong, and where.
    let reason = |p: &str| rej.iter().find(|r| r.0 == p).unwrap().3.clone();
    assert!(reason("baddate.md").contains("2025-13-45"), "{}", reason("baddate.md"));
    assert!(reason("big.txt").contains("2000000"), "{}", reason("big.txt"));
    assert!(rej.iter().any(|r| r.0 == "lines.jsonl" && r.1 == 2), "the bad JSON line is named by its number");
    for r in &rej {
        assert!(stderr.contains(&format!("rejected {}", r.0)), "{} not reported: {stderr}", r.0);
    }
    assert_eq!(orbita(&["verify", dir.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn a_second_build_into_the_same_output_refuses_or_waits_for_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let store = orbita_dataset::store::Store::open(&out).unwrap();
    let held = store.lock(false).unwrap();
    let raw = common::seed_raw(&repo(), &tmp.path().join("raw"));
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("another orbita build is writing to") && stderr.contains(".lock"), "{stderr}");

    // With --wait, the build queues behind the holder and then succeeds.
    let child = Command::new(env!("CARGO_BIN_EXE_orbita"))
        .args(["build", "--wait", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .current_dir(repo())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!out.join("latest").exists(), "the waiting build must not write while the lock is held");
    drop(held);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(out.join("latest/manifest.json").is_file());
}

/// A 200 MB single document is refused by size before it is read (the
/// default limit is 64 MiB), with the sizes in the reason.
#[test]
fn a_200_mb_document_is_rejected_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    std::fs::write(raw.join("small.txt"), "Chile is an ally of Peru.\n").unwrap();
    let f = std::fs::File::create(raw.join("huge.txt")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: no 200 MB written to disk
    let out = tmp.path().join("out");
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("rejected huge.txt: file is 209715200 bytes, over the limit of 67108864 bytes"), "{stderr}");
    let dir = out.join("latest");
    let rej = rejects(&dir);
    assert_eq!(rej.len(), 1);
    assert_eq!(rej[0].2, "too_large");
    assert_eq!(documents(&dir).len(), 1);
}

/// A directory of 100,000 tiny files: walking, ingest and accounting scale.
#[test]
fn a_hundred_thousand_tiny_files_are_all_accounted_for() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    for d in 0..100 {
        let sub = raw.join(format!("d{d:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..1000 {
            std::fs::write(sub.join(format!("{f:04}.txt")), format!("Note {d}-{f}: Chile and Peru met.\n")).unwrap();
        }
    }
    let out = tmp.path().join("out");
    let o = orbita(&["build", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("latest/manifest.json")).unwrap()).unwrap();
    assert_eq!(m["accounting"]["files_seen"], 100_000);
    assert_eq!(m["accounting"]["documents"], 100_000);
}
