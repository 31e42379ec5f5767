//! The stance evaluation's reading of `pairs.tsv` and its scores, on a tiny invented fixture
//! (guards the harness until the annotated set is merged); with the shared reader's own tests
//! (`examples/common/gold.rs`, also included by `orbita-model`'s examples).

#[path = "../examples/common/gold.rs"]
mod gold;

use gold::{metrics, parse_pairs, table, Scored, Split};

fn scored(gold: &str, pred: &str, split: &str, own: bool) -> Scored {
    Scored { gold: gold.into(), pred: pred.into(), split: split.into(), kind: "un".into(), own }
}

#[test]
fn parses_the_fixture_by_header_name() {
    let rows = parse_pairs(include_str!("fixtures/pairs.tsv")).unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!((rows[0].doc.as_str(), rows[0].speaker.as_deref(), gold::CLASSES[rows[0].class]), ("ungdc/AAA_77_2022", Some("AAA"), "-1"));
    assert_eq!(rows.iter().filter(|r| r.split == Split::Test).count(), 2);
    assert!(parse_pairs("id\tsplit\tkind\tdoc\tspeaker\tsentence\tactor\ttarget\tlabel\n1\tholdout\tun\td\ts\tx\tA\tB\t1\n").is_err());
    assert!(parse_pairs("id\tsplit\n").is_err(), "a missing column is an error");
}

#[test]
fn pair_precision_recall_sign_and_macro_f1() {
    let rows = [
        scored("-1", "-2", "dev", true),  // found, same sign
        scored("-2", "none", "dev", false), // missed
        scored("1", "-1", "dev", true),   // found, wrong sign
        scored("none", "1", "dev", false), // spurious
    ];
    let refs: Vec<&Scored> = rows.iter().collect();
    let m = metrics(&refs);
    assert_eq!((m.gold_pairs, m.pred_pairs), (3, 3));
    assert!((m.precision - 2.0 / 3.0).abs() < 1e-9 && (m.recall - 2.0 / 3.0).abs() < 1e-9);
    assert!((m.sign - 0.5).abs() < 1e-9);
    assert_eq!(m.macro_f1, 0.0, "no class is right");
    let t = table(&rows, "dev");
    assert!(t.contains("| un | speaker's own | 2 |") && t.contains("| un | third-party | 2 |"), "{t}");
    assert!(table(&rows, "test").lines().count() == 2, "no test rows, header only");
}
