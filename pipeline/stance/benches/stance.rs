//! Labelling speed on the two seed articles (split and linked once, outside the timing).
//!
//! `cargo bench -p orbita-stance --bench stance`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use orbita_stance::{DocView, Labeller, RuleLabeller};
use std::time::Duration;

fn files(dir: &str, exts: &[&str]) -> Vec<(String, String)> {
    let dir = format!("{}/../../{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| exts.iter().any(|x| n.ends_with(x)))
        .collect();
    names.sort();
    names.iter().map(|n| (n.clone(), std::fs::read_to_string(format!("{dir}/{n}")).unwrap())).collect()
}

fn bench(c: &mut Criterion) {
    let lex = files("data/lexicon", &[".tsv", ".csv", ".toml"]);
    let lex: Vec<(&str, &str)> = lex.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    let labeller = RuleLabeller::from_files(&lex).unwrap();
    let kb = files("data/kb", &[".tsv"]);
    let kb: Vec<(&str, &str)> = kb.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    let kb = orbita_link::Kb::parse(&kb).unwrap();
    let linker = orbita_link::Linker::new(&kb);
    let docs: Vec<_> = files("data/raw", &[".txt"])
        .into_iter()
        .map(|(_, text)| {
            let sentences = orbita_split::split(&text);
            let mentions = linker.link(&text, &sentences, None);
            (text, sentences, mentions)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mut g = c.benchmark_group("stance");
    g.sample_size(10).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("label_seeds", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(text, sentences, mentions)| {
                    labeller.label(&DocView { text, sentences, mentions, date: None, speaker: None }).len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
