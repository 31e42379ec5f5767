//! Speed of `aggregate` on synthetic stances: 20,000 stances over 2,000
//! documents, 40 countries, 3 powers, 10 years, 3 source kinds.
//! Run: `cargo bench -p orbita-aggregate`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use orbita_aggregate::{aggregate, Observation, Params};
use orbita_text::Date;
use std::hint::black_box;

fn synthetic(n: usize) -> Vec<Observation> {
    let mut state = 42u64;
    let mut next = move |m: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    (0..n)
        .map(|i| {
            let doc = i / 10;
            let year = 2016 + (doc % 10) as i32;
            let power = ["RUS", "USA", "CHN"][next(3) as usize];
            let actor = if next(5) == 0 { power.to_string() } else { format!("C{:02}", next(40)) };
            let target = if actor == power { format!("C{:02}", next(40)) } else { power.to_string() };
            Observation {
                doc_id: format!("doc{doc:05}"),
                sentence: (i % 10) as u32,
                actor,
                target,
                label: next(5) as i8 - 2,
                confidence: 0.4 + next(60) as f64 / 100.0,
                negated: next(10) == 0,
                hedged: next(5) == 0,
                year_from: if next(8) == 0 { Some(year - 3) } else { None },
                year_to: None,
                doc_date: Some(Date::new(year, 1 + (doc % 12) as u8, 15).unwrap()),
                source: format!("source{}", doc % 50),
                source_kind: ["news", "analysis", "government"][doc % 3].to_string(),
                attributed_to: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let obs = synthetic(20_000);
    let params = Params::default();
    let mut group = c.benchmark_group("aggregate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(obs.len() as u64));
    group.bench_function("20k_stances", |b| b.iter(|| aggregate(black_box(&obs), &params)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
